package io.dense4j.data.csv;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reading gzip data as people have it: several members one after another (bgzip, shards joined
 * with {@code cat}), each checked against its CRC-32 and size, and an error for anything after the
 * last one that is not a member. The JDK's {@code GZIPInputStream} ends quietly at a damaged
 * member or trailing bytes, which dropped every row after them, and at a member boundary that a
 * slow pipe had not yet delivered.
 */
public final class Gzip {

    private Gzip() {
    }

    /** Whether {@code head}, a stream's first bytes, starts with gzip's magic number, 1F 8B, which no text starts with. */
    public static boolean starts(byte[] head) {
        return head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    }

    /**
     * Whether {@code in} starts with gzip's magic number; {@code in} supports mark and is left where
     * it was, so that what follows reads it from its start.
     */
    public static boolean starts(InputStream in) throws IOException {
        in.mark(2);
        byte[] head = in.readNBytes(2);
        in.reset();
        return starts(head);
    }

    /** A failure while decompressing: a cut-off or damaged member, or bytes after the last; its message is the decompressor's. */
    public static final class Damaged extends IOException {
        Damaged(IOException cause) {
            super(cause.getMessage() != null ? cause.getMessage() : "it ends in the middle of its data", cause);
        }
    }

    /**
     * The decompressed bytes of every member of {@code in}, which starts with gzip's magic number;
     * its failures are {@link Damaged}, so that a reader tells them from a bad cell without
     * opening the source again (a named pipe cannot be).
     */
    public static InputStream members(InputStream in) throws IOException {
        try {
            return new Failures(new GzipCompressorInputStream(new BufferedInputStream(in, 1 << 16), true));
        } catch (IOException failed) { // the first member's header is read here
            throw new Damaged(failed);
        }
    }

    /** The decompressor's stream, its failures as {@link Damaged}. */
    private static final class Failures extends FilterInputStream {
        Failures(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException failed) {
                throw new Damaged(failed);
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return in.read(bytes, offset, length);
            } catch (IOException failed) {
                throw new Damaged(failed);
            }
        }

        @Override
        public long skip(long count) throws IOException {
            try {
                return in.skip(count);
            } catch (IOException failed) {
                throw new Damaged(failed);
            }
        }
    }
}
