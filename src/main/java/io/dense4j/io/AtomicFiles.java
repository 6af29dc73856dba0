package io.dense4j.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes files so that a crash, a kill or a full disk at any moment leaves either the old file or
 * the new one under the name, never a part: the content goes to a temporary file in the same
 * folder, is forced to the disk, renamed over the name in one step, and the folder's entry is
 * forced too, so the rename survives a power cut.
 *
 * <p>A writer holds a lock on its temporary file until it is renamed or deleted. A process stopped
 * mid-write by a signal it can answer (Ctrl-C, SIGTERM) deletes its temporary files as it exits;
 * one killed outright leaves them behind, unlocked (the system releases a dead process's locks),
 * and a later write of the same name deletes them once they are a few seconds old. Liveness is
 * decided by the lock, not by process ids, which mean nothing across containers sharing a folder.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream; the stream is buffered, and closed by {@link #write}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} with what {@code content} writes, atomically and durably (see above). A
     * symbolic link is written through, to its target, and stays a link; a file that is not a
     * regular one ({@code /dev/stdout}, a pipe) is written directly, as it cannot be replaced; a
     * folder is refused. A new file gets the permissions the umask allows; a replaced one keeps its own.
     */
    public static void write(Path given, Content content) throws IOException {
        if (Files.isDirectory(given)) {
            throw Naming.named(given, new IOException("it is a folder, not a file"));
        }
        // asked of the path itself, not of throughLinks' result: /dev/stdout on a pipe is a link
        // to "pipe:[…]", which names no file and is only reached by opening the link
        if (Files.exists(given) && !Files.isRegularFile(given)) {
            OutputStream direct = named(given, () -> Files.newOutputStream(given, StandardOpenOption.WRITE));
            try (OutputStream out = new BufferedOutputStream(new Naming(direct, given), 1 << 16)) {
                content.writeTo(out);
            }
            return;
        }
        // each step's failure is named as the file written, not a temporary one or its folder
        Path file = named(given, () -> throughLinks(given));
        Path folder = file.toAbsolutePath().getParent();
        named(given, () -> folderMade(folder));
        try {
            deleteAbandoned(folder, file.getFileName() + TEMPORARY, java.util.regex.Pattern.quote(PARTIAL));
        } catch (IOException | java.nio.file.DirectoryIteratorException unlisted) {
            // cleaning only: a folder that takes files but cannot be listed (a drop folder) is written all the same
        }
        Path partial = named(given, () -> temporaryBeside(file));
        try (FileChannel channel = named(given, () -> FileChannel.open(partial, StandardOpenOption.WRITE))) {
            named(given, () -> {
                lockForWriting(channel, partial);
                return null;
            });
            OutputStream out = new BufferedOutputStream(new Naming(Channels.newOutputStream(channel), given), 1 << 16);
            content.writeTo(out);
            out.flush();
            named(given, () -> {
                channel.force(true);
                publish(partial, file); // still locked: a cleaner never takes a file about to be renamed
                return null;
            });
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException left) {
                // the failure to say is the write's; a later write of the name deletes what is left
            }
            released(partial);
        }
    }

    /** A step of a write, on the file system. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException;
    }

    /** What {@code step} gives; its failure named as a failure to write {@code given}, with why. */
    private static <T> T named(Path given, Step<T> step) throws WriteFailure {
        try {
            return step.run();
        } catch (IOException failed) {
            throw Naming.named(given, failed);
        }
    }

    /** {@code folder}, made if missing; a file in its way (a parent of it, or itself) said as such, not as "it already exists". */
    private static Path folderMade(Path folder) throws IOException {
        try {
            return Files.createDirectories(folder);
        } catch (java.nio.file.FileAlreadyExistsException inTheWay) {
            throw new IOException(inTheWay.getFile() + " is a file, not a folder", inTheWay);
        }
    }

    /**
     * A stream whose failed writes name the file they were for, in one line ({@code out.csv: cannot
     * write: No space left on device}): the system's message alone names nothing.
     */
    private static final class Naming extends java.io.FilterOutputStream {
        private final Path file;

        Naming(OutputStream out, Path file) {
            super(out);
            this.file = file;
        }

        static WriteFailure named(Path file, IOException failed) {
            return failed instanceof WriteFailure already ? already : new WriteFailure(file, failed);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException failed) {
                throw named(file, failed);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException failed) {
                throw named(file, failed);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException failed) {
                throw named(file, failed);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException failed) {
                throw named(file, failed);
            }
        }
    }

    /**
     * Temporary files this process is writing: never opened by its own cleaner (see below). Kept
     * absolute and normalized, as the cleaner lists them: /x/./m.zip's file is /x/m.zip's.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    /**
     * Locks {@code partial}, open in {@code channel}, as a live writer's, until the channel closes;
     * call {@link #released} once it is closed and the file renamed or deleted. A file not yet
     * released when the process exits is deleted then.
     */
    public static void lockForWriting(FileChannel channel, Path partial) throws IOException {
        HELD.add(partial.toAbsolutePath().normalize());
        channel.lock();
    }

    /*
     * The temporary files this process is still writing are deleted when it exits mid-write: a
     * user's Ctrl-C must not leave a half-written copy beside the file, which no later write of
     * another name would clean. A rename that wins the race leaves no file to delete; one that
     * loses fails, and the old file stays, as the process is ending anyway. A process whose first
     * write starts while it is already shutting down goes without the hook.
     */
    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteHeld, "dense4j-partial-files"));
        } catch (IllegalStateException shuttingDown) {
            // the files of writes started now are left to a later write's cleaner
        }
    }

    private static void deleteHeld() {
        for (Path partial : HELD) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException gone) {
                // a later write of the same name deletes it once it is a few seconds old
            }
        }
    }

    /** {@code partial} is no longer being written by this process. */
    public static void released(Path partial) {
        HELD.remove(partial.toAbsolutePath().normalize());
    }

    /** The suffix of {@link #write}'s temporary files. */
    private static final String PARTIAL = ".partial";
    /** Between a file's name and the unique part of its temporary files' names: no name of a user's has it. */
    private static final String TEMPORARY = ".dense4j-";

    /**
     * How long a temporary file is left alone after its last change even when no writer locks it: a
     * writer creates its file and then locks it, and a cleaner in another process must not take it
     * in between.
     */
    static final java.time.Duration UNLOCKED_GRACE = java.time.Duration.ofSeconds(10);

    /**
     * Deletes the files in {@code folder} named as {@link #newTemporary} names them, {@code prefix},
     * a unique part, then a suffix matching {@code suffixPattern} (a regular expression), that no
     * live writer holds a lock on and that have not changed for {@link #UNLOCKED_GRACE}: those a
     * killed writer left. A file some writer still locks, in this process or any other, stays, as
     * do a user's {@code model.zip (copy).partial} and {@code model.zipbackup.partial}.
     */
    public static void deleteAbandoned(Path folder, String prefix, String suffixPattern) throws IOException {
        deleteAbandoned(folder, java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + UNIQUE_PART + suffixPattern));
    }

    /**
     * As {@link #deleteAbandoned(Path, String, String)}, of the temporary files of every name in
     * {@code folder}: those named anything, then {@code infix}, a unique part and a suffix matching
     * {@code suffixPattern}. One pass over a folder for all its files' temporary files, where one
     * pass per file would read a folder of thousands of files thousands of times.
     */
    public static void deleteAbandonedOfAnyName(Path folder, String infix, String suffixPattern) throws IOException {
        deleteAbandoned(folder, java.util.regex.Pattern.compile(".*" + java.util.regex.Pattern.quote(infix) + UNIQUE_PART + suffixPattern));
    }

    private static void deleteAbandoned(Path folder, java.util.regex.Pattern temporary) throws IOException {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(folder,
                path -> temporary.matcher(path.getFileName().toString()).matches())) {
            for (Path candidate : candidates) {
                // this process's own files are never opened here: closing a second channel would drop
                // the writer's lock at the system level (POSIX locks belong to the process)
                if (HELD.contains(candidate.toAbsolutePath().normalize()) || !Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (FileChannel channel = FileChannel.open(candidate, StandardOpenOption.WRITE);
                     FileLock unused = channel.tryLock()) {
                    if (unused != null && Files.getLastModifiedTime(candidate).toInstant()
                            .isBefore(java.time.Instant.now().minus(UNLOCKED_GRACE))) {
                        Files.deleteIfExists(candidate);
                    }
                } catch (IOException gone) {
                    // deleted by its writer or another cleaner meanwhile, or not ours to open: leave it
                } catch (java.nio.channels.OverlappingFileLockException another) {
                    // a cleaner on another thread of this process holds it this moment: that one decides
                }
            }
        }
    }

    /** The unique part of {@link #newTemporary}'s names: an unsigned long in base 36. */
    private static final String UNIQUE_PART = "[0-9a-z]{1,13}";

    /** The file a write of {@code file} goes to: the end of its chain of symbolic links, or itself. */
    private static Path throughLinks(Path file) throws IOException {
        Path target = file;
        for (int hops = 0; Files.isSymbolicLink(target); hops++) {
            if (hops == 40) {
                throw new IOException("it is a loop of symbolic links");
            }
            Path link = Files.readSymbolicLink(target);
            target = target.toAbsolutePath().getParent().resolve(link);
        }
        return target;
    }

    /**
     * A new empty temporary file in {@code file}'s folder (made if missing), with the permissions
     * the umask allows a new file (or, replacing one, that file's own), for a writer that manages
     * its own writes and then calls {@link #publish}.
     */
    public static Path temporaryBeside(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path partial = newHeldTemporary(folder, file.getFileName() + TEMPORARY, PARTIAL);
        if (Files.isRegularFile(file)) {
            try {
                Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException notPosix) {
                // other file systems keep their defaults
            } catch (IOException | RuntimeException failed) {
                Files.deleteIfExists(partial);
                released(partial);
                throw failed;
            }
        }
        return partial;
    }

    /**
     * Whether a new file can be created in {@code folder}, made first if it does not exist: tried
     * by creating and deleting one, since permissions alone do not tell (a read-only mount, an
     * immutable folder, a process running as root).
     */
    public static boolean canCreateFilesIn(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.delete(newTemporary(folder, ".dense4j-probe-", ""));
            return true;
        } catch (IOException | SecurityException cannot) {
            return false;
        }
    }

    /**
     * A new empty file {@code prefix<unique>suffix} in {@code folder}, created as any new file is
     * (so the umask decides its permissions; {@code Files.createTempFile} would make it 0600).
     */
    public static Path newTemporary(Path folder, String prefix, String suffix) throws IOException {
        return newTemporary(folder, prefix, suffix, false);
    }

    /**
     * As {@link #newTemporary(Path, String, String)}, for a writer, which calls {@link #released}
     * once done: held by this process from before the file exists, so that a cleaner on another of
     * its threads never opens it between its creation and its writer's lock (it would take the
     * lock itself, or drop the writer's on closing, as POSIX locks belong to the process).
     */
    public static Path newHeldTemporary(Path folder, String prefix, String suffix) throws IOException {
        return newTemporary(folder, prefix, suffix, true);
    }

    private static Path newTemporary(Path folder, String prefix, String suffix, boolean held) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path candidate = folder.resolve(prefix + Long.toUnsignedString(UNIQUE.nextLong(), 36) + suffix);
            boolean holding = held && HELD.add(candidate.toAbsolutePath().normalize());
            try {
                if (held && !holding) {
                    throw new java.nio.file.FileAlreadyExistsException(candidate.toString()); // another writer's name
                }
                return Files.createFile(candidate);
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                if (holding) {
                    HELD.remove(candidate.toAbsolutePath().normalize());
                }
                if (attempt == 100) {
                    throw taken;
                }
            } catch (IOException | RuntimeException failed) {
                if (holding) {
                    HELD.remove(candidate.toAbsolutePath().normalize());
                }
                throw failed;
            }
        }
    }

    private static final java.security.SecureRandom UNIQUE = new java.security.SecureRandom();

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
