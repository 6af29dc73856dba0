package io.dense4j.data.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Byte ranges of a file cut at line ends, for reading a file in parts on several threads: where a
 * line starts, the bytes of a range as a stream, and how many lines come before a range (for the
 * line a problem names).
 */
final class ByteRanges {
    private ByteRanges() {
    }

    /** The offset just after the first '\n' at or after {@code from} (within 1 MiB), or −1. */
    static long nextLineStart(FileChannel channel, long from) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 20);
        channel.read(window, from);
        int found = LineBuffer.indexOfNewline(window.array(), 0, window.position());
        return found < 0 ? -1 : from + found + 1;
    }

    /**
     * Byte offsets of {@code parts} ranges of the file: 0, the line starts after each k/n of it, its
     * size; null when it is smaller than {@code minimumBytes}, or its lines too long to cut it so.
     */
    static long[] splitPoints(Path file, int parts, long minimumBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (parts < 2 || size < minimumBytes) {
                return null;
            }
            long[] bounds = new long[parts + 1];
            bounds[parts] = size;
            long previous = nextLineStart(channel, 0); // after the first line, which range 0 reads as header or data
            for (int k = 1; k < parts; k++) {
                long start = nextLineStart(channel, size / parts * k);
                if (start < 0 || start <= previous || start >= size) {
                    return null;
                }
                bounds[k] = previous = start;
            }
            return bounds;
        }
    }

    /** The line ends in the file's first {@code bytes} bytes: the lines before the one starting there. */
    static long lineEnds(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer window = ByteBuffer.allocate(1 << 20);
            long lines = 0;
            for (long at = 0; at < bytes; ) {
                window.clear().limit((int) Math.min(window.capacity(), bytes - at));
                int read = channel.read(window, at);
                if (read < 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    lines += window.get(i) == '\n' ? 1 : 0;
                }
                at += read;
            }
            return lines;
        }
    }

    /** The bytes {@code [from, to)} of a file. */
    static final class Stream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        Stream(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.position = from;
            this.end = to;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (position >= end) {
                return -1;
            }
            int read = channel.read(ByteBuffer.wrap(bytes, offset, (int) Math.min(length, end - position)), position);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }
}
