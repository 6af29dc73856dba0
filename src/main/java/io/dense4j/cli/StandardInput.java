package io.dense4j.cli;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.CsvFiles;
import io.dense4j.data.csv.HeaderLine;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code --data -}: the rows come from standard input, for a pipe. A pipe can be read once and
 * training reads its data several times, so for {@link #files} standard input is copied once into
 * a temporary folder and read from there as any file is (its cache beside it); the folder is
 * deleted when the command ends. Errors name the copy, {@code stdin.csv}, with the line and column
 * as usual. {@code predict} reads its rows once, so it reads them as they come ({@link #piped}).
 */
final class StandardInput {
    /** What {@code --data} says for standard input. */
    static final String NAME = "-";

    private StandardInput() {
    }

    static boolean named(String data) {
        return NAME.equals(data);
    }

    /** The file to read for {@code data}: that path, or for "-" standard input's copy, said once on {@code status}. */
    static Path file(String data, PrintStream status) throws IOException {
        if (!named(data)) {
            return Path.of(data);
        }
        Path folder = Files.createTempDirectory("dense4j-stdin-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "dense4j-stdin-cleanup"));
        Path copy = folder.resolve("stdin.csv");
        InputStream in = System.in; // not closed: the JVM's, as System.out is
        long bytes = Files.copy(in, copy);
        status.printf(Locale.ROOT, "Read standard input (%,d bytes) into %s, deleted with its cache when this command ends%n",
                bytes, copy);
        return copy;
    }

    /** How {@link #piped} names standard input in messages. */
    static final Path PIPED_NAME = Path.of("standard input");

    /** The longest first line {@link #piped} looks for the column names in. */
    static final int FIRST_LINE_MOST_BYTES = 16 << 20;

    /** Standard input read as it comes: its first line (the header) and the whole of it, first line included. */
    record Piped(byte[] firstLine, InputStream rows) {
    }

    /**
     * Standard input, to be read once as it comes: gzip-decompressed when it starts with gzip's
     * magic number, its first line read ahead (up to {@link #FIRST_LINE_MOST_BYTES}) for the column
     * names, and said once on {@code status}.
     */
    static Piped piped(PrintStream status) throws IOException {
        InputStream in = new BufferedInputStream(System.in, 1 << 16); // not closed: the JVM's, as System.out is
        boolean gzip;
        ByteArrayOutputStream ahead = new ByteArrayOutputStream(); // what was read, to be read again
        byte[] firstLine;
        try {
            in.mark(2);
            gzip = in.read() == 0x1F && in.read() == 0x8B;
            in.reset();
            if (gzip) {
                in = new GZIPInputStream(in, 1 << 16);
            }
            firstLine = HeaderLine.read(in, FIRST_LINE_MOST_BYTES, ahead);
        } catch (IOException failed) { // a damaged gzip stream, a read that failed
            throw new DataFileException(PIPED_NAME, "cannot be read: " + failed.getMessage(), failed);
        }
        if (firstLine == null) {
            throw new DataFileException(PIPED_NAME, "line 1 runs past " + (FIRST_LINE_MOST_BYTES >> 20)
                    + " MiB without a line end: not a CSV file's header", null);
        }
        status.printf(Locale.ROOT, "Reading standard input%s as it comes: no copy, no cache%n", gzip ? " (gzip)" : "");
        return new Piped(firstLine, new SequenceInputStream(new ByteArrayInputStream(ahead.toByteArray()), in));
    }

    /** The files to read for {@code data}: a file, folder or glob (see {@link CsvFiles#of(String)}), or standard input's copy. */
    static CsvFiles files(String data, PrintStream status) throws IOException {
        return named(data) ? CsvFiles.of(file(data, status)) : CsvFiles.of(data);
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
