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
     * ({@link CsvFormat#blankLine}), writing every byte it reads to {@code read} as well (to be
     * read again), and returns that line without its line end: empty when the stream ends first,
     * null when a line runs past {@code mostBytes}. A line end inside a quoted field (a column name
     * of two lines) does not end it, as {@link LineBuffer} reads a row.
     */
    public static byte[] read(InputStream in, int mostBytes, OutputStream read, CsvFormat format) throws IOException {
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            Quotes quotes = new Quotes(format.delimiter());
            int b;
            while ((b = in.read()) >= 0 && !(b == '\n' && quotes.outside())) {
                if (line.size() == mostBytes) {
                    return null;
                }
                quotes.next(b);
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

    /**
     * Whether a line read byte by byte is inside a quoted field: a quote opens one only at a
     * field's start, which a byte order mark before the first field leaves as it is.
     */
    private static final class Quotes {
        private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        private final int delimiter;
        private int markBytes; // of a byte order mark at the start, so far; -1 once a byte is not one
        private boolean fieldStart = true;
        private boolean quoted;
        private boolean quoteInQuoted; // a quote inside a quoted field: its close, or the first of a doubled one

        Quotes(int delimiter) {
            this.delimiter = delimiter;
        }

        boolean outside() {
            return !quoted || quoteInQuoted;
        }

        void next(int b) {
            if (markBytes >= 0 && markBytes < BYTE_ORDER_MARK.length && (byte) b == BYTE_ORDER_MARK[markBytes]) {
                markBytes++;
                return;
            }
            markBytes = -1;
            if (quoted && !quoteInQuoted) {
                quoteInQuoted = b == '"';
                return;
            }
            if (quoteInQuoted) {
                quoteInQuoted = false;
                if (b == '"') { // a doubled quote: still inside
                    return;
                }
                quoted = false;
            }
            if (b == delimiter) {
                fieldStart = true;
            } else if (b == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (b != ' ' && b != '\t') {
                fieldStart = false;
            }
        }
    }
}
