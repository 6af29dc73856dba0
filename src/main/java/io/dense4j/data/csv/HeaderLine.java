package io.dense4j.data.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The first line of a CSV stream that is not blank, as a reader takes its header, for callers that
 * need the column names before they hand the stream on: standard input read once, a file on a
 * distributed file system. Untrusted: a line is read up to a given length, never further.
 */
public final class HeaderLine {
    private HeaderLine() {
    }

    /**
     * Reads {@code in} up to the end of its first line that is not blank in {@code format}
     * ({@link CsvFormat#blankLine}), writing every byte it
     * reads to {@code read} as well (to be read again), and returns that line without its line
     * end: empty when the stream ends first, null when a line runs past {@code mostBytes}.
     */
    public static byte[] read(InputStream in, int mostBytes, OutputStream read, CsvFormat format) throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (line.size() == mostBytes) {
                    return null;
                }
                line.write(b);
                read.write(b);
            }
            if (b >= 0) {
                read.write(b);
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (!format.blankLine(bytes, 0, length) || b < 0) {
                return Arrays.copyOf(bytes, length);
            }
        }
    }
}
