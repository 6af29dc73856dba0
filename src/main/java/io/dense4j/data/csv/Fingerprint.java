package io.dense4j.data.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a CSV file's contents cheaply: its size, modification time, and a SHA-256 of its
 * first and last 64 KiB. A cache built from the file is used only while these still match.
 */
public record Fingerprint(long size, long modifiedMillis, String headSha256, String tailSha256) {

    private static final int BLOCK = 64 * 1024;

    public static Fingerprint of(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long modified = Files.getLastModifiedTime(file).toMillis();
            return new Fingerprint(size, modified, sha256(channel, 0, (int) Math.min(BLOCK, size)),
                    sha256(channel, Math.max(0, size - BLOCK), (int) Math.min(BLOCK, size)));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot fingerprint " + file + ": " + failed.getMessage(), failed);
        }
    }

    /** Whether size and modification time still match: the cheap check made before each pass. */
    boolean sameSizeAndTime(Path file) throws IOException {
        return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modifiedMillis;
    }

    private static String sha256(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(length);
        while (block.hasRemaining()) {
            if (channel.read(block, position + block.position()) < 0) {
                break;
            }
        }
        block.flip();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(block);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
