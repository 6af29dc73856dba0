package io.dense4j.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Hands out the lines of a byte stream one at a time, straight from a buffer filled in large
 * chunks, so a line costs no copy and no object. Exists so that the reader's row loop sees only
 * "the next line is bytes[start, end)", whatever the chunk size, the line lengths or the line
 * endings.
 *
 * <p>A line ends at '\n'; a '\r' just before it is left out of the line, and the input's last line
 * needs no final '\n'. A line longer than the buffer grows it. The array behind {@link #bytes()}
 * may change with every {@link #next()}, so ask for it after each.
 */
final class LineBuffer {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private byte[] bytes;
    private int start;      // the current line's first byte
    private int end;        // the current line's end, before its "\n" or "\r\n"
    private int after;      // the byte after the current line's '\n': where the next line starts
    private int filled;     // the end of the bytes read so far
    private boolean exhausted;
    private long line;

    /** Reads {@code in} {@code chunk} bytes at a time (tests use tiny chunks so that lines cross them). */
    LineBuffer(InputStream in, int chunk) {
        this.in = in;
        this.bytes = new byte[chunk];
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

    /** The most bytes one line may hold on any heap. */
    private static final int LONGEST_ANYWHERE = 256 << 20;

    /**
     * The most bytes one line may hold here: 256 MiB, or an eighth of a smaller heap (a buffer
     * doubles by copying, and a few parse at once), so that a file that is not text (/dev/zero)
     * ends in this error rather than in running out of memory.
     */
    static final int LONGEST_LINE = (int) Math.min(LONGEST_ANYWHERE,
            Long.highestOneBit(Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 8)));

    /** Moves to the next line, reading more as needed; false at the end of the input. */
    boolean next() throws IOException {
        start = after;
        int scanned = start;
        while (true) {
            int found = indexOfNewline(bytes, scanned, filled);
            if (found >= 0) {
                return endLineAt(found);
            }
            scanned = filled;
            if (exhausted) {
                if (start < filled) { // a last line without a final newline: give it one
                    bytes = Arrays.copyOf(bytes, Math.max(bytes.length, filled + 1));
                    bytes[filled] = '\n';
                    return endLineAt(filled++);
                }
                return false;
            }
            scanned -= fill();
        }
    }

    private boolean endLineAt(int newline) {
        line++;
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
                throw new IOException("line " + (line + 1) + " runs past " + (LONGEST_LINE >> 20)
                        + " MiB without a line end: not a CSV file's line" + (LONGEST_LINE < LONGEST_ANYWHERE
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

    /** The current line's first byte in {@link #bytes()}. */
    int start() {
        return start;
    }

    /** The end of the current line's content: its "\n" or "\r\n" left out. */
    int end() {
        return end;
    }

    /** The current line's number, counting from 1 and counting blank lines too. */
    long line() {
        return line;
    }
}
