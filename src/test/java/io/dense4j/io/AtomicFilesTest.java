package io.dense4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void writesTheWholeContentReadableByAllAndLeavesNoTemporaryFile() throws IOException {
        Path file = folder.resolve("sub/out.txt");
        AtomicFiles.write(file, out -> out.write("first\n".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(file, out -> out.write("second\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("second\n", Files.readString(file));
        Path probe = Files.createFile(folder.resolve("probe")); // what the umask gives a new file
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(file), "as any new file");
        Files.delete(probe);
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileWholeAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(folder.resolve("model.zip"), "the old content");
        IOException failure = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals("the old content", Files.readString(file));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aKilledWritersTemporaryFileIsDeletedByTheNextWriteAndALiveWritersIsNot() throws IOException {
        Path file = folder.resolve("model.zip");
        // what a writer killed mid-write leaves: a temporary file that no process locks
        Path abandoned = old(Files.write(folder.resolve("model.zip.dense4j-1234567.partial"), new byte[4096]));
        // a writer alive in another process (another container, say), holding its lock
        Path live = old(Files.write(folder.resolve("model.zip.dense4j-7654321.partial"), new byte[16]));
        // a writer in another process between creating its file and locking it
        Path created = Files.write(folder.resolve("model.zip.dense4j-abc123.partial"), new byte[0]);
        // files of the user's that end alike
        List<Path> users = List.of(old(Files.writeString(folder.resolve("model.zip (copy).partial"), "keep")),
                old(Files.writeString(folder.resolve("model.zip.bak.partial"), "keep")),
                old(Files.writeString(folder.resolve("model.zipbackup.partial"), "keep")),
                old(Files.writeString(folder.resolve("model.zip.dense4j-old copy.partial"), "keep")));
        try (LockHolder writer = LockHolder.lock(live)) {
            AtomicFiles.write(file, out -> out.write(1));
            assertFalse(Files.exists(abandoned), "the killed writer's file is gone");
            assertTrue(Files.exists(live), "the live writer's file stays");
            assertTrue(Files.exists(created), "a file created a moment ago stays: its writer may not have locked it yet");
        }
        AtomicFiles.write(file, out -> out.write(2));
        assertFalse(Files.exists(live), "once its writer is gone, it goes too");
        old(created);
        AtomicFiles.write(file, out -> out.write(3));
        assertFalse(Files.exists(created), "so does one left unlocked for longer than a writer takes to lock it");
        try (var files = Files.list(folder)) {
            java.util.Set<Path> kept = new java.util.HashSet<>(users);
            kept.add(file);
            assertEquals(kept, java.util.Set.copyOf(files.toList()));
        }
    }

    /** {@code file}, last changed a minute ago. */
    private static Path old(Path file) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(60)));
        return file;
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndALinkIsWrittenThrough() throws IOException {
        Path target = Files.writeString(folder.resolve("real.csv"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        Path link = Files.createSymbolicLink(folder.resolve("link.csv"), Path.of("real.csv"));
        AtomicFiles.write(link, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(target));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        IOException folderRefused = assertThrows(IOException.class, () -> AtomicFiles.write(folder, out -> out.write(1)));
        assertEquals(folder + ": cannot write: it is a folder, not a file", folderRefused.getMessage());
        Path aFile = Files.writeString(folder.resolve("a-file"), "x");
        IOException fileInTheWay = assertThrows(IOException.class, () -> AtomicFiles.write(aFile.resolve("m.zip"), out -> out.write(1)));
        assertEquals(aFile.resolve("m.zip") + ": cannot write: " + aFile + " is a file, not a folder", fileInTheWay.getMessage());
    }

    @Test
    void aWriteThatFailsNamesTheFile() {
        Path full = Path.of("/dev/full"); // every write fails: no space left on device
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(full), "needs /dev/full");
        IOException failure = assertThrows(IOException.class,
                () -> AtomicFiles.write(full, out -> out.write(new byte[1 << 17])));
        assertTrue(failure.getMessage().startsWith("/dev/full: cannot write: "), failure.getMessage());
        assertTrue(Files.exists(full) && !Files.isRegularFile(full), "the device is still a device");
    }

    @Test
    void aWriterStoppedByATerminationSignalLeavesTheOldFileAndNoTemporaryOne() throws Exception {
        Path file = Files.writeString(folder.resolve("predictions.csv"), "old");
        assertEquals(143, StoppedWriter.stopMidWrite(file), "128 + SIGTERM's 15: stopped by the signal");
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "the temporary file went with the process");
        }
    }

    @Test
    void aReadOnlyFileIsKeptAndTheFailureSaysWhy() throws Exception {
        Path file = Files.writeString(folder.resolve("model.zip"), "old");
        try (ReadOnlyPaths readOnly = new ReadOnlyPaths()) {
            readOnly.make(file);
            IOException refused = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> out.write(1)));
            // as a user: the copy inherits the file's permissions; as root: the immutable file cannot be replaced
            assertTrue(refused.getMessage().equals(file + ": cannot write: access denied")
                    || refused.getMessage().equals(file + ": cannot write: Operation not permitted"), refused.getMessage());
        }
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aFileThatIsNotRegularIsWrittenDirectlyNeverReplaced() throws Exception {
        // a named pipe stands for /dev/stdout: replacing it with a regular file would break every later writer
        Path pipe = folder.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(pipe);
            } catch (IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        });
        AtomicFiles.write(pipe, out -> out.write("through the pipe".getBytes(StandardCharsets.UTF_8)));
        assertEquals("through the pipe", read.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(Files.readAttributes(pipe, java.nio.file.attribute.BasicFileAttributes.class).isOther(), "still a pipe");
    }
    @Test
    void aLinkToAnUnnamedPipeIsWrittenThroughTheLink() throws Exception {
        // /dev/stdout when the output goes into a pipe: /proc/self/fd/1 is a link to "pipe:[inode]", no file's name
        Path descriptors = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(descriptors), "needs /proc/self/fd");
        java.util.Set<String> before = pipeLinks(descriptors);
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        try (java.nio.channels.Pipe.SourceChannel source = pipe.source(); java.nio.channels.Pipe.SinkChannel sink = pipe.sink()) {
            java.util.Set<String> opened = pipeLinks(descriptors);
            opened.removeAll(before); // a number may be reused, so links are told apart by their targets too
            Path end = Path.of(opened.iterator().next().split(" ")[0]);
            assertFalse(Files.exists(descriptors.resolve(Files.readSymbolicLink(end))), "the link names no file");
            AtomicFiles.write(end, out -> out.write("into the pipe".getBytes(StandardCharsets.UTF_8)));
            java.nio.ByteBuffer read = java.nio.ByteBuffer.allocate(64);
            source.read(read);
            assertEquals("into the pipe", new String(read.array(), 0, read.position(), StandardCharsets.UTF_8));
        }
    }

    /** "link target" for each descriptor of this process that is a pipe. */
    private static java.util.Set<String> pipeLinks(Path descriptors) throws IOException {
        java.util.Set<String> pipes = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> links = Files.list(descriptors)) {
            for (Path link : (Iterable<Path>) links::iterator) {
                try {
                    String target = Files.readSymbolicLink(link).toString();
                    if (target.startsWith("pipe:")) {
                        pipes.add(link + " " + target);
                    }
                } catch (IOException closed) {
                    // the listing's own descriptor, closed by now
                }
            }
        }
        return pipes;
    }

    /**
     * Threads of one process writing one file at once, by two spellings of its path: each write's
     * cleaner passes over the others' temporary files, never opening one between its creation and
     * its writer's lock (an OverlappingFileLockException escaped 12 of 5,782 saves before), and
     * the file ends whole.
     */
    @Test
    void threadsWritingOneFileAtOnceNeverTakeEachOthersTemporaryFiles() throws Exception {
        Path file = folder.resolve("model.zip");
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> writes = new java.util.ArrayList<>();
            for (int write = 0; write < 4_000; write++) {
                byte[] content = ("write " + write + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
                Path spelled = write % 2 == 0 ? file : folder.resolve(".").resolve("model.zip"); // one file, two spellings
                writes.add(threads.submit(() -> {
                    AtomicFiles.write(spelled, out -> out.write(content));
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> write : writes) {
                write.get(); // rethrows what a write threw
            }
        } finally {
            threads.shutdownNow();
        }
        String written = Files.readString(file);
        assertEquals(written.substring(0, written.indexOf('\n') + 1).repeat(50), written, "one write's content, whole");
        try (var left = Files.list(folder)) {
            assertEquals(List.of(file), left.toList(), "no temporary file left");
        }
    }
}

