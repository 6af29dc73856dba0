package io.dense4j.data.csv;

import io.dense4j.io.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * What identifies a CSV file's contents cheaply: its size, modification time, change time and
 * inode, and a SHA-256 of its first and last 64 KiB. A cache built from the file is used only while
 * these still match. The change time is what a user cannot restore by accident: editing a file
 * and setting its modification time back (as {@code touch -d}, {@code rsync -t} or a restore do)
 * still moves it, as does replacing the file by another of the same size, which also changes the
 * inode. On a file system without them, both are −1, and a cache is used only after the whole
 * file's {@link ContentHash} matches; so is a copy whose times or inode differ.
 */
public record Fingerprint(long size, long modifiedMillis, long changeNanos, long inode, String headSha256,
                          String tailSha256) {

    private static final int BLOCK = 64 * 1024;

    public static Fingerprint of(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long modified = Files.getLastModifiedTime(file).toMillis();
            return new Fingerprint(size, modified, changeNanos(file), inode(file), sha256(channel, 0, (int) Math.min(BLOCK, size)),
                    sha256(channel, Math.max(0, size - BLOCK), (int) Math.min(BLOCK, size)));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot fingerprint " + file + ": " + IoReason.of(failed), failed);
        }
    }

    /** Whether size, modification and change time and inode still match: the cheap check made before and after each pass. */
    boolean unchanged(Path file) throws IOException {
        return Files.size(file) == size && Files.getLastModifiedTime(file).toMillis() == modifiedMillis
                && changeNanos(file) == changeNanos && inode(file) == inode;
    }

    /** Whether the file system gave a change time and an inode: without them a restored modification time goes unseen. */
    boolean hasChangeTimeAndInode() {
        return changeNanos != -1 && inode != -1;
    }

    /** Whether {@code other} has the same size and the same first and last 64 KiB, whatever its times and inode. */
    boolean sameSizeAndEnds(Fingerprint other) {
        return size == other.size && headSha256.equals(other.headSha256) && tailSha256.equals(other.tailSha256);
    }

    private static long changeNanos(Path file) throws IOException {
        try {
            FileTime changed = (FileTime) Files.getAttribute(file, "unix:ctime");
            return changed.to(TimeUnit.NANOSECONDS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return -1;
        }
    }

    private static long inode(Path file) throws IOException {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return -1;
        }
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
