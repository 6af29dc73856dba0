package io.dense4j.spark;

import io.dense4j.data.csv.HeaderLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * Opens a piece's lines on whatever filesystem holds the file: skips the partial (or whole) line at
 * the piece's start, which the previous piece reads, and stops after the first line end at or past
 * the piece's end. Also counts the lines before a piece, which only error messages need.
 */
final class PieceInput {
    private static final int BUFFER = 1 << 16;

    private PieceInput() {
    }

    /** The Hadoop configuration rebuilt from its entries (the driver's, shipped to executors). */
    static Configuration configuration(Map<String, String> entries) {
        Configuration conf = new Configuration(false);
        entries.forEach(conf::set);
        return conf;
    }

    /** The piece's lines. */
    static LineRange open(Piece piece, Configuration conf) throws IOException {
        Path path = new Path(URI.create(piece.uri()));
        FileSystem fs = path.getFileSystem(conf);
        var status = fs.getFileStatus(path);
        if (status.getLen() != piece.fileLength() || status.getModificationTime() != piece.fileModified()) {
            throw new FileChangedException("changed after training began (it had " + piece.fileLength()
                    + " bytes, now " + status.getLen() + "): a lost piece can no longer be read again");
        }
        if (!piece.splittable()) {
            CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
            InputStream whole = codec == null ? fs.open(path) : codec.createInputStream(fs.open(path));
            return new LineRange(whole, 0, Long.MAX_VALUE);
        }
        var in = fs.open(path);
        if (piece.start() == 0) {
            return new LineRange(in, 0, piece.end());
        }
        try {
            in.seek(piece.start());
            LineRange range = new LineRange(in, piece.start(), piece.end());
            range.skipPastNewline();
            return range;
        } catch (IOException | RuntimeException failed) {
            in.close();
            throw failed;
        }
    }

    /** The first line of a file that is not blank, without its line end (read through the file's codec, if compressed). */
    static byte[] firstLine(String uri, io.dense4j.data.csv.CsvFormat format, Configuration conf) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(whole(uri, conf), BUFFER)) {
            byte[] line = HeaderLine.read(in, FIRST_LINE_MOST_BYTES, java.io.OutputStream.nullOutputStream(), format);
            if (line == null) {
                throw new IOException("its first line runs past " + (FIRST_LINE_MOST_BYTES >> 20) + " MiB without a line end");
            }
            return line;
        }
    }

    /** The longest first line {@link #firstLine} reads. */
    private static final int FIRST_LINE_MOST_BYTES = 16 << 20;

    /** The whole file from its start, through the file's codec if compressed; the caller closes it. */
    static InputStream whole(String uri, Configuration conf) throws IOException {
        Path path = new Path(URI.create(uri));
        FileSystem fs = path.getFileSystem(conf);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
        InputStream raw = fs.open(path);
        try {
            return codec == null ? raw : codec.createInputStream(raw);
        } catch (IOException | RuntimeException failed) {
            raw.close();
            throw failed;
        }
    }

    /** Line ends in the file's first {@code bytes} bytes: the number of lines before the line starting there. */
    static long linesBefore(String uri, long bytes, Configuration conf) {
        Path path = new Path(URI.create(uri));
        try (InputStream in = path.getFileSystem(conf).open(path)) {
            byte[] buffer = new byte[BUFFER];
            long lines = 0;
            for (long left = bytes; left > 0; ) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                left -= read;
            }
            return lines;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** A file read again (to recompute a lost piece) is not the file training began on. */
    static final class FileChangedException extends IOException {
        FileChangedException(String message) {
            super(message);
        }
    }

    /** Bytes from a line start up to and including the first '\n' at or past {@code end}. */
    static final class LineRange extends InputStream {
        private final InputStream in;
        private final long end;
        private final byte[] buffer = new byte[BUFFER];
        private int position;
        private int limit;
        private long bufferStart; // the file offset of buffer[0]
        private boolean done;

        LineRange(InputStream in, long offset, long end) {
            this.in = in;
            this.bufferStart = offset;
            this.end = end;
        }

        /** The file offset of the next byte to read: the piece's first line start once opened. */
        long offset() {
            return bufferStart + position;
        }

        /** Skips through the first '\n'; a piece whose first line start lies past its end is empty. */
        void skipPastNewline() throws IOException {
            while (true) {
                if (position == limit && !refill()) {
                    done = true;
                    return;
                }
                byte b = buffer[position++];
                if (b == '\n') {
                    done = offset() > end;
                    return;
                }
            }
        }

        private boolean refill() throws IOException {
            bufferStart += limit;
            position = 0;
            limit = 0;
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                return false;
            }
            limit = read;
            return true;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done || length == 0) {
                return done ? -1 : 0;
            }
            if (position == limit && !refill()) {
                done = true;
                return -1;
            }
            int count = Math.min(length, limit - position);
            long at = offset();
            if (at + count > end) { // some of these bytes lie at or past the end: stop after the first line end among them
                for (int i = (int) Math.max(0, end - at); i < count; i++) {
                    if (buffer[position + i] == '\n') {
                        count = i + 1;
                        done = true;
                        break;
                    }
                }
            }
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
