package io.dense4j.data.csv;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A file's first lines holding more than blanks, gzip or plain, as UTF-8: what the guesses of its
 * delimiter and decimal separator look at before the reader is set up. The first two lines (the
 * header and a row) may be as long as a pipe's first line; the lines after them are read only
 * while they add up to {@link #MOST_LATER_BYTES}, so a guess costs a glance, not a pass.
 */
public final class FirstLines {
    /** The most bytes of each of the first two lines: as many as a pipe's first line may hold. */
    static final int MOST_BYTES = 16 << 20;
    /** The most bytes of the lines after the first two, together. */
    static final int MOST_LATER_BYTES = 1 << 20;

    private FirstLines() {
    }

    /**
     * Up to {@code most} of {@code file}'s first non-blank lines, without their line ends, its text
     * read in {@code encoding}; fewer when the file ends, or when a later line would pass the bound.
     */
    public static List<byte[]> of(Path file, TextEncoding encoding, int most) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            InputStream in = encoding.decoding(Gzip.starts(raw) ? Gzip.members(raw) : raw, true);
            List<byte[]> lines = new ArrayList<>();
            int laterBytes = 0;
            while (lines.size() < most) {
                int bound = lines.size() < 2 ? MOST_BYTES : MOST_LATER_BYTES - laterBytes;
                byte[] line = nonBlankLine(in, bound);
                if (line == null || line.length >= bound && lines.size() >= 2) { // a later line cut short would mislead
                    break;
                }
                laterBytes += lines.size() >= 2 ? line.length : 0;
                lines.add(line);
            }
            return lines;
        }
    }

    /** The next line of {@code in} holding more than blanks, without its line end, up to {@code bound} bytes; null at the end. */
    private static byte[] nonBlankLine(InputStream in, int bound) throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b = in.read();
            if (b < 0) {
                return null;
            }
            boolean blank = true;
            while (b >= 0 && b != '\n' && line.size() < bound) {
                line.write(b);
                blank &= b == ' ' || b == '\t' || b == '\r';
                b = in.read();
            }
            if (!blank) {
                return line.toByteArray();
            }
        }
    }
}
