package io.dense4j.data.csv;

import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import io.dense4j.data.DataFileException;
import io.dense4j.io.IoReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The XXH3-128 of a file's first {@code bytes} bytes, as 32 hexadecimal digits: the same value
 * {@code xxhsum -H2} prints for the whole file. It identifies the content of a CSV file: what a
 * cache was built from and what a model was trained on, wherever the file lives, whatever its
 * times say. Not a defence against a forger, only against accidents: at several GB/s it costs
 * little beside the first pass's parsing, which it runs beside on its own thread.
 */
public final class ContentHash {
    private static final int BLOCK = 1 << 20;

    private ContentHash() {
    }

    /** Reads the first {@code bytes} bytes of {@code file}; fewer on disk is a {@link DataFileException}. */
    public static String of(Path file, long bytes) {
        HashStream128 hash = Hashing.xxh3_128().hashStream();
        byte[] block = new byte[(int) Math.min(BLOCK, Math.max(1, bytes))];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = 0; at < bytes; ) {
                ByteBuffer window = ByteBuffer.wrap(block, 0, (int) Math.min(block.length, bytes - at));
                while (window.hasRemaining()) {
                    if (channel.read(window, at + window.position()) < 0) {
                        throw new DataFileException(file, "got shorter while it was being read", null);
                    }
                }
                hash.putBytes(block, 0, window.position());
                at += window.position();
            }
        } catch (IOException failed) {
            throw new DataFileException(file, "cannot be read: " + IoReason.of(failed), failed);
        }
        HashValue128 value = hash.get();
        return String.format(Locale.ROOT, "%016x%016x", value.getMostSignificantBits(), value.getLeastSignificantBits());
    }

    /**
     * The content hash of several files' hashes, in file order: the XXH3-128 of the hashes, each
     * followed by a newline (what {@code xxhsum -H2 FILES | cut -d' ' -f1 | xxhsum -H2} prints);
     * one file's own hash for one.
     */
    public static String combined(List<String> hashes) {
        if (hashes.size() == 1) {
            return hashes.get(0);
        }
        StringBuilder lines = new StringBuilder();
        hashes.forEach(hash -> lines.append(hash).append('\n'));
        HashValue128 value = Hashing.xxh3_128().hashBytesTo128Bits(lines.toString().getBytes(StandardCharsets.US_ASCII));
        return String.format(Locale.ROOT, "%016x%016x", value.getMostSignificantBits(), value.getLeastSignificantBits());
    }

    /** The content hash of {@code files} read whole, as a first pass over them records it. */
    public static String ofFiles(List<Path> files) {
        List<String> hashes = new ArrayList<>();
        for (Path file : files) {
            try {
                hashes.add(of(file, Files.size(file)));
            } catch (IOException failed) {
                throw new DataFileException(file, "cannot be read: " + IoReason.of(failed), failed);
            }
        }
        return combined(hashes);
    }

    /** {@link #of} on a thread of its own, so that it overlaps a pass reading the same bytes. */
    static CompletableFuture<String> inBackground(Path file, long bytes) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread hashing = new Thread(() -> {
            try {
                result.complete(of(file, bytes));
            } catch (Throwable failed) {
                result.completeExceptionally(failed);
            }
        }, "dense4j-content-hash");
        hashing.setDaemon(true);
        hashing.start();
        return result;
    }

    /** The hash {@code inBackground} computed, once it has; its failure as it was thrown. */
    static String await(CompletableFuture<String> hashing) {
        try {
            return hashing.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
