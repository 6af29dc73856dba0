package io.dense4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Text written under a name that ends in {@code .gz} is gzip-compressed, as that name promises and
 * as dense4j reads such a file back: predictions or generated data that {@code zcat} can open.
 */
public final class GzipByName {

    private GzipByName() {
    }

    /** Whether {@code file}'s name asks for gzip. */
    public static boolean asks(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** {@code content}, compressed with gzip on its way to the stream when {@code file}'s name asks for it. */
    public static AtomicFiles.Content forFile(Path file, AtomicFiles.Content content) {
        if (!asks(file)) {
            return content;
        }
        return out -> {
            GZIPOutputStream compressed = new GZIPOutputStream(new Unclosed(out), 1 << 16);
            try {
                content.writeTo(compressed);
            } catch (IOException | RuntimeException failed) {
                try {
                    compressed.close(); // frees the compressor's native memory; the file is discarded
                } catch (IOException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
            compressed.close(); // its trailer; the stream under it is the writer's to close
        };
    }

    /** The stream under the compressor, left open when the compressor closes. */
    private static final class Unclosed extends java.io.FilterOutputStream {
        Unclosed(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
