package io.dense4j.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hands out the rows of a byte stream one at a time, straight from a buffer filled in large
 * chunks, so a row costs no copy and no object. Exists so that the reader's row loop sees only
 * "the next row is bytes[start, end)", whatever the chunk size, the line lengths or the line
 * endings.
 *
 * <p>A row ends at a '\n' outside a quoted field; a '\r' just before it is left out of the row,
 * and the input's last row needs no final '\n'. A quoted field may hold line ends (a spreadsheet's
 * cell of several lines), so a row may run over several lines: {@link #line()} is its first. A
 * quote opens a field only at the field's start, after the delimiter and any blanks, as
 * {@link FieldScanner} reads it; elsewhere it is text. A row longer than the buffer grows it. The
 * array behind {@link #bytes()} may change with every {@link #next()}, so ask for it after each.
 */
final class LineBuffer {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int delimiter;
    private byte[] bytes;
    private int start;      // the current row's first byte
    private int end;        // the current row's end, before its "\n" or "\r\n"
    private int after;      // the byte after the current row's '\n': where the next row starts
    private int filled;     // the end of the bytes read so far
    private boolean exhausted;
    private long line;      // the current row's first line
    private long lines;     // the lines up to the current row's end
    private boolean openAtEnd;
    private boolean cutShort;
    private boolean inQuotes; // while a row is scanned: whether it is inside a quoted field
    private int resume;       // where {@link #closingQuote} goes on once more bytes are read

    /** Reads {@code in} {@code chunk} bytes at a time (tests use tiny chunks so that lines cross them), fields split at {@code delimiter}. */
    LineBuffer(InputStream in, int chunk, int delimiter) {
        this.in = in;
        this.bytes = new byte[chunk];
        this.delimiter = delimiter;
    }

    /**
     * The index of the first '\n' in {@code bytes[from, to)}, or −1: eight bytes at a time, a byte
     * equal to '\n' found as a zero byte of word ^ 0x0A… (the lowest flagged byte is always a true
     * match, so the first match is exact).
     */
    static int indexOfNewline(byte[] bytes, int from, int to) {
        int at = from;
        for (; at + Long.BYTES <= to; at += Long.BYTES) {
            long word = (long) LONGS.get(bytes, at) ^ NEWLINES;
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; at < to; at++) {
            if (bytes[at] == '\n') {
                return at;
            }
        }
        return -1;
    }

    /** The index of the first '\n' or '"' in {@code bytes[from, to)}, or −1, found as {@link #indexOfNewline} finds a '\n'. */
    static int indexOfNewlineOrQuote(byte[] bytes, int from, int to) {
        int at = from;
        for (; at + Long.BYTES <= to; at += Long.BYTES) {
            long word = (long) LONGS.get(bytes, at);
            long newlines = word ^ NEWLINES;
            long quotes = word ^ QUOTES;
            long zeros = ((newlines - ONES) & ~newlines | (quotes - ONES) & ~quotes) & HIGHS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; at < to; at++) {
            if (bytes[at] == '\n' || bytes[at] == '"') {
                return at;
            }
        }
        return -1;
    }

    /**
     * The most bytes a row whose quoted field holds line ends may run over, from its start: past
     * them the quote is taken as one missing its pair, and the row as its first line alone. A
     * spreadsheet's cell holds at most 32,767 characters; a stray quote in a large file would
     * otherwise take the rest of it into one row.
     */
    static final int MOST_ROW_BYTES_OVER_LINES = 1 << 20;

    /** The most bytes one line may hold on any heap. */
    private static final int LONGEST_ANYWHERE = 256 << 20;

    /**
     * The most bytes one line may hold here: 256 MiB, or an eighth of a smaller heap (a buffer
     * doubles by copying, and a few parse at once), so that a file that is not text (/dev/zero)
     * ends in this error rather than in running out of memory.
     */
    static final int LONGEST_LINE = (int) Math.min(LONGEST_ANYWHERE,
            Long.highestOneBit(Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 8)));

    /** Moves to the next row, reading more as needed; false at the end of the input. */
    boolean next() throws IOException {
        start = after;
        line = lines + 1;
        cutShort = false;
        int scanned = start; // the row's bytes before it hold no line end outside a quoted field
        int quoted = -1;     // inside a quoted field: where its scan goes on
        while (true) {
            if (quoted >= 0) {
                int past = closingQuote(quoted);
                if (past >= 0) {
                    scanned = past;
                    quoted = -1;
                    continue;
                }
                if (resume - start > MOST_ROW_BYTES_OVER_LINES && lines >= line) {
                    return endAtFirstLine();
                }
                quoted = resume;
                scanned = filled;
            } else {
                int found = indexOfNewlineOrQuote(bytes, scanned, filled);
                if (found >= 0 && bytes[found] == '\n') {
                    openAtEnd = false;
                    return endRowAt(found);
                }
                if (found >= 0) { // a quote that opens a field is followed to its close; one inside a field is text
                    if (opensField(found)) {
                        quoted = found + 1;
                    } else {
                        scanned = found + 1;
                    }
                    continue;
                }
                scanned = filled;
            }
            inQuotes = quoted >= 0;
            if (exhausted) {
                if (start < filled) { // a last row without a final newline: give it one
                    openAtEnd = inQuotes;
                    if (openAtEnd && bytes[filled - 1] == '\n') {
                        lines--; // the field's last line end was the input's, not one more line
                    }
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length, filled + 1));
                    bytes[filled] = '\n';
                    return endRowAt(filled++);
                }
                line = lines;
                return false;
            }
            int moved = fill();
            scanned -= moved;
            quoted = quoted >= 0 ? quoted - moved : -1;
        }
    }

    /** Ends the current row, whose quoted field runs on too far, at its first line's end. */
    private boolean endAtFirstLine() {
        cutShort = true;
        openAtEnd = false;
        restartAfterFirstLine();
        int newline = after - 1;
        end = newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
        return true;
    }

    /**
     * The index after the quote that closes the quoted field whose content goes on at {@code from}
     * (a doubled quote stands for one), counting the line ends before it; or −1, with
     * {@link #resume} set, when the bytes read so far end first.
     */
    private int closingQuote(int from) {
        for (int at = from; at < filled; at++) {
            byte b = bytes[at];
            if (b == '\n') {
                lines++;
            } else if (b == '"') {
                if (at + 1 == filled && !exhausted) { // the quote may be the first of a doubled one: decide with the next byte
                    resume = at;
                    return -1;
                }
                if (at + 1 < filled && bytes[at + 1] == '"') {
                    at++;
                } else {
                    return at + 1;
                }
            }
        }
        resume = filled;
        return -1;
    }

    /**
     * Whether the quote at {@code quote} starts a field: only blanks since the row's start or the
     * last delimiter, and on the input's first line a byte order mark, which is no field's.
     */
    private boolean opensField(int quote) {
        int from = line == 1 ? CsvReader.afterByteOrderMark(bytes, start, quote) : start;
        for (int at = quote - 1; at >= from; at--) {
            byte b = bytes[at];
            if (b == delimiter) {
                return true;
            }
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private boolean endRowAt(int newline) {
        lines++;
        end = newline > start && bytes[newline - 1] == '\r' ? newline - 1 : newline;
        after = newline + 1;
        return true;
    }

    /** Moves the unread bytes to the front, grows the buffer for a long line, reads more; returns how far bytes moved. */
    private int fill() throws IOException {
        int moved = start;
        System.arraycopy(bytes, start, bytes, 0, filled - start);
        filled -= start;
        start = 0;
        if (filled == bytes.length) {
            if (bytes.length >= LONGEST_LINE) { // a file that is not text (/dev/zero, say) would grow it past any heap
                throw new IOException("line " + line + " runs past " + (LONGEST_LINE >> 20) + (inQuotes
                        ? " MiB inside a quoted field that opens there and does not close: a quote missing its pair"
                        : " MiB without a line end: not a CSV file's line") + (LONGEST_LINE < LONGEST_ANYWHERE
                        ? " (lines are held to an eighth of this JVM's heap; JAVA_OPTS=-Xmx<size> raises it)" : ""));
            }
            bytes = Arrays.copyOf(bytes, Math.min(bytes.length * 2, LONGEST_LINE));
        }
        int read = in.read(bytes, filled, bytes.length - filled);
        if (read < 0) {
            exhausted = true;
        } else {
            filled += read;
        }
        return moved;
    }

    /** The array holding the current line; it may be another one after the next {@link #next()}. */
    byte[] bytes() {
        return bytes;
    }

    /**
     * Makes the next row start at the current row's second line, for a bad row of several lines:
     * they may be rows of their own that a quote missing its pair ran together, as a reader that
     * skips bad rows takes them.
     */
    void restartAfterFirstLine() {
        after = indexOfNewline(bytes, start, filled) + 1;
        lines = line;
    }

    /** The current row's first byte in {@link #bytes()}. */
    int start() {
        return start;
    }

    /** The end of the current row's content: its "\n" or "\r\n" left out. */
    int end() {
        return end;
    }

    /** The current row's first line's number, counting from 1 and counting blank lines too. */
    long line() {
        return line;
    }

    /** The current row's last line's number: past {@link #line()} when a quoted field in it holds line ends. */
    long lastLine() {
        return lines;
    }

    /** Whether the current row is its first line alone, as its quoted field ran on past {@link #MOST_ROW_BYTES_OVER_LINES}. */
    boolean cutShort() {
        return cutShort;
    }

    /** Whether the current row ran to the end of the input inside a quoted field. */
    boolean openAtEnd() {
        return openAtEnd;
    }
}
