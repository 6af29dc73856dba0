package io.dense4j.data.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The delimiter a file's first line says it has, when it is not the comma: a first line that the
 * comma leaves whole but that semicolons (spreadsheets where the comma is the decimal separator),
 * tabs or bars cut into fields. A line the comma cuts into two fields or more keeps the comma, so
 * that a comma-delimited file is never read otherwise.
 */
public final class DelimiterGuess {
    /** The delimiters tried besides the comma, the likeliest first, which wins a tie. */
    private static final char[] OTHERS = {';', '\t', '|'};
    /** The most bytes of a first line read: a header longer than this is no CSV header a person wrote. */
    static final int MOST_BYTES = 1 << 20;

    private DelimiterGuess() {
    }

    /** The delimiter {@code file}'s first line (gzip or plain) says it has: ',' unless another cuts it and the comma does not. */
    public static char of(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
            raw.reset();
            InputStream in = gzip ? Gzip.members(raw) : raw;
            byte[] line = new byte[4096];
            int length = 0;
            for (int b = in.read(); b >= 0 && b != '\n' && length < MOST_BYTES; b = in.read()) {
                if (length == line.length) {
                    line = java.util.Arrays.copyOf(line, line.length * 2);
                }
                line[length++] = (byte) b;
            }
            return of(line, 0, length);
        }
    }

    /** The delimiter the line {@code bytes[from, to)} says it has, as {@link #of(Path)} judges it. */
    public static char of(byte[] bytes, int from, int to) {
        if (fields(bytes, from, to, ',') >= 2) {
            return ',';
        }
        char best = ',';
        int most = 1;
        for (char other : OTHERS) {
            int fields = fields(bytes, from, to, other);
            if (fields > most) {
                best = other;
                most = fields;
            }
        }
        return best;
    }

    /** How many fields {@code delimiter} cuts the line into, a quote opening a field only at its start, as the reader reads them. */
    static int fields(byte[] bytes, int from, int to, char delimiter) {
        int fields = 1;
        boolean atStart = true;
        boolean quoted = false;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (quoted) {
                if (b == '"') {
                    quoted = i + 1 < to && bytes[i + 1] == '"'; // a doubled quote stays inside
                    i += quoted ? 1 : 0;
                }
            } else if (b == delimiter) {
                fields++;
                atStart = true;
                continue;
            } else if (b == '"' && atStart) {
                quoted = true;
            }
            atStart = false;
        }
        return fields;
    }
}
