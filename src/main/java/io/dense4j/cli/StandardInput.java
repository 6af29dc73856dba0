package io.dense4j.cli;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.csv.Gzip;
import io.dense4j.data.csv.HeaderLine;
import io.dense4j.data.csv.PackedFormat;
import io.dense4j.io.IoReason;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@code --data -}: the rows come from standard input, for a pipe; and likewise from a named pipe,
 * or the one a shell's {@code <(…)} gives ({@code /dev/fd/63}). A
 * pipe can be read once and training reads its data several times, so for {@link #files} the
 * stream is copied once into a temporary folder and read from there as any file is (its cache
 * beside it); the folder is deleted when the command ends. An error about the copy names what was
 * copied, "standard input" or the pipe ({@link #shownIn}), with the line and column as usual.
 * {@code predict} reads its rows once, so it reads them as they come ({@link #piped}).
 */
final class StandardInput {
    /** What {@code --data} says for standard input. */
    static final String NAME = "-";

    private StandardInput() {
    }

    /** Whether {@code data} is read as a stream, once: "-", or a pipe (a named one, or a shell's {@code /dev/fd/N}). */
    static boolean named(String data) {
        if (NAME.equals(data)) {
            return true;
        }
        try {
            // the file type bits of st_mode; a device such as /dev/zero never ends, so only a pipe is copied
            int type = (int) Files.getAttribute(Path.of(data), "unix:mode") & 0170000;
            return type == 0010000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException notAPipe) { // no such file, or no path
            return false;
        }
    }

    /** How messages name the stream {@code data} says: "standard input", or the pipe's path. */
    static Path shownAs(String data) {
        return NAME.equals(data) ? STANDARD_INPUT : Path.of(data);
    }

    /**
     * The stream {@code data} says: standard input, or the pipe opened as standard input is, by a
     * FileInputStream (a channel's stream seeks to answer {@code available()}, which a pipe refuses).
     */
    private static InputStream open(String data) throws IOException {
        return NAME.equals(data) ? System.in : new java.io.FileInputStream(data);
    }

    /** The file to read for {@code data}: that path, or for a stream its copy, said once on {@code status}. */
    static Path file(String data, PrintStream status) throws IOException {
        if (!named(data)) {
            return Path.of(data);
        }
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        deleteAbandonedCopies(temp);
        Path folder;
        try {
            folder = Files.createTempDirectory(temp, FOLDER_PREFIX);
        } catch (IOException failed) {
            throw new IOException("cannot make a folder for " + shownAs(data) + "'s copy in " + temp + " (java.io.tmpdir; "
                    + "JAVA_OPTS=-Djava.io.tmpdir=DIR puts it elsewhere): " + IoReason.of(failed), failed);
        }
        OWN.add(folder);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "dense4j-stdin-cleanup"));
        // locked while this process lives (kept reachable: a collected channel closes, and its lock goes): a later
        // command tells a killed one's copy from a live one's by it
        FileChannel inUse = FileChannel.open(folder.resolve(IN_USE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        inUse.lock();
        IN_USE_LOCKS.add(inUse);
        Path copy = folder.resolve("stdin.csv");
        long bytes;
        try {
            if (NAME.equals(data)) {
                bytes = Files.copy(System.in, copy); // not closed: the JVM's, as System.out is
            } else {
                try (InputStream in = open(data)) {
                    bytes = Files.copy(in, copy);
                }
            }
        } catch (IOException failed) {
            throw new IOException("cannot copy " + shownAs(data) + " to " + copy + " (in java.io.tmpdir; JAVA_OPTS=-Djava.io.tmpdir=DIR "
                    + "puts it elsewhere): " + IoReason.of(failed), failed);
        }
        status.printf(Locale.ROOT, "Read %s (%,d bytes) into %s, deleted with its cache when this command ends%n",
                shownAs(data), bytes, copy);
        COPIES.put(copy.toString(), shownAs(data).toString());
        return copy;
    }

    private static final String FOLDER_PREFIX = "dense4j-stdin-";
    /** The file in a copy's folder whose lock says its command is alive. */
    private static final String IN_USE = "in-use.lock";
    /** The copies' folders of this process, whose locks it must not open a second time (closing that would drop them). */
    private static final java.util.Set<Path> OWN = ConcurrentHashMap.newKeySet();
    /** The in-use files' channels of this process's copies, open (so locked) until it ends. */
    private static final java.util.List<FileChannel> IN_USE_LOCKS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Deletes the copies in {@code temp} that a killed command left (kill -9, the OOM killer: no
     * shutdown hook ran): folders whose in-use file no process locks and that have not changed for
     * a few seconds (a command locks its file right after making its folder).
     */
    private static void deleteAbandonedCopies(Path temp) {
        try (Stream<Path> folders = Files.list(temp)) {
            folders.filter(folder -> folder.getFileName().toString().matches(FOLDER_PREFIX + "[0-9]+") && !OWN.contains(folder)
                    && Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(folder -> {
                        try {
                            // asked first: opening the in-use file below may create it, which changes the folder
                            if (Files.getLastModifiedTime(folder).toInstant().isAfter(java.time.Instant.now().minusSeconds(10))) {
                                return;
                            }
                            try (FileChannel channel = FileChannel.open(folder.resolve(IN_USE), StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE); java.nio.channels.FileLock free = channel.tryLock()) {
                                if (free != null) {
                                    delete(folder);
                                }
                            }
                        } catch (IOException | RuntimeException busy) {
                            // not ours to open, or gone meanwhile: leave it
                        }
                    });
        } catch (IOException | UncheckedIOException unlisted) {
            // a temporary folder that cannot be listed keeps what it holds
        }
    }

    /** The copies made by {@link #file}, by path, with the names of what they copied. */
    private static final Map<String, String> COPIES = new ConcurrentHashMap<>();

    /** {@code message} with each copy's path replaced by the name of what it copied: an error names what the user gave. */
    static String shownIn(String message) {
        String shown = message;
        for (Map.Entry<String, String> copy : COPIES.entrySet()) {
            // not where the path goes on (its cache, stdin.csv.dense4j-cache): that file is the copy's, named as it is
            shown = shown.replaceAll(java.util.regex.Pattern.quote(copy.getKey()) + "(?![\\w.-])",
                    java.util.regex.Matcher.quoteReplacement(copy.getValue()));
        }
        return shown;
    }

    /** How messages name standard input. */
    private static final Path STANDARD_INPUT = Path.of("standard input");

    /** The longest first line {@link #piped} looks for the column names in. */
    static final int FIRST_LINE_MOST_BYTES = 16 << 20;

    /**
     * A stream read as it comes: its name in messages, its first line (the header), its second
     * (null when it has none, or one too long to look at), and the whole of it, those lines included.
     */
    record Piped(Path name, byte[] firstLine, byte[] secondLine, InputStream rows) {
    }

    /**
     * The stream {@code data} says ({@link #named}), to be read once as it comes: gzip-decompressed
     * when it starts with gzip's magic number, its first line that is not blank in {@code format}
     * read ahead (up to {@link #FIRST_LINE_MOST_BYTES}) for the column names, and said once on
     * {@code status}. Not closed: standard input is the JVM's, and a named pipe's stream ends with
     * the process.
     */
    static Piped piped(String data, CsvFormat format, PrintStream status) throws IOException {
        Path name = shownAs(data);
        InputStream in;
        try {
            in = new BufferedInputStream(open(data), 1 << 16);
        } catch (IOException failed) {
            throw new DataFileException(name, "cannot be read: " + IoReason.of(failed), failed);
        }
        boolean gzip;
        ByteArrayOutputStream ahead = new ByteArrayOutputStream(); // what was read, to be read again
        byte[] firstLine;
        byte[] secondLine = null;
        try {
            PackedFormat.refuse(in, false, problem -> new DataFileException(name, problem, null));
            gzip = Gzip.starts(in);
            if (gzip) {
                in = new BufferedInputStream(Gzip.members(in), 1 << 16);
                PackedFormat.refuse(in, true, problem -> new DataFileException(name, problem, null));
            }
            firstLine = HeaderLine.read(in, FIRST_LINE_MOST_BYTES, ahead, format);
            if (firstLine != null) { // for the delimiter the first line shows, which the second must bear out
                secondLine = HeaderLine.read(in, FIRST_LINE_MOST_BYTES, ahead, format);
                secondLine = secondLine == null || secondLine.length == 0 ? null : secondLine;
            }
        } catch (IOException failed) { // a damaged gzip stream (in its first lines, or all of a short one), a read that failed
            throw new DataFileException(name, (failed instanceof Gzip.Damaged ? "is gzip-compressed but damaged or cut short: "
                    : "cannot be read: ") + IoReason.of(failed), failed);
        }
        if (firstLine == null) {
            throw new DataFileException(name, "line 1 runs past " + (FIRST_LINE_MOST_BYTES >> 20)
                    + " MiB without a line end: not a CSV file's header", null);
        }
        status.printf(Locale.ROOT, "Reading %s%s as it comes: no copy, no cache%n", name, gzip ? " (gzip)" : "");
        return new Piped(name, firstLine, secondLine, new SequenceInputStream(new ByteArrayInputStream(ahead.toByteArray()), in));
    }

    /** The files to read for {@code data}: a file, folder or glob (see {@link CsvFiles#of(String)}), or a stream's copy. */
    static CsvFiles files(String data, PrintStream status) throws IOException {
        // the copy named as what it copied: "Read standard input: …", and "Trained on: standard input" in the model
        return named(data) ? new CsvFiles(shownAs(data).toString(), java.util.List.of(file(data, status))) : CsvFiles.of(data);
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a temporary folder: the system's cleaner takes what is left
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // as above
        }
    }
}
