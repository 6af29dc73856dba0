package io.dense4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a crash, a kill or a full disk at any moment leaves either the old file or
 * the new one under the name, never a part: the content goes to a temporary file in the same
 * folder, is forced to the disk, renamed over the name in one step, and the folder's entry is
 * forced too, so the rename survives a power cut.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream; the stream is buffered, and closed by {@link #write}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code file} with what {@code content} writes, atomically and durably (see above). */
    public static void write(Path file, Content content) throws IOException {
        Path partial = temporaryBeside(file);
        try {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            publish(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * A new empty temporary file in {@code file}'s folder (made if missing), readable by all as a
     * plain file is, for a writer that manages its own writes and then calls {@link #publish}.
     */
    public static Path temporaryBeside(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // other file systems keep their defaults
        }
        return partial;
    }

    /**
     * Renames {@code partial}, already written and forced to the disk, over {@code file} in one
     * step, then forces the folder's entry.
     */
    public static void publish(Path partial, Path file) throws IOException {
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException notSupported) {
            // a platform whose folders cannot be opened (Windows) persists the rename itself
        }
    }
}
