package io.dense4j.cli;

import io.dense4j.data.csv.CsvFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code --data -}: the rows come from standard input, for a pipe. A pipe can be read once and
 * training reads its data several times, so standard input is copied once into a temporary
 * folder and read from there as any file is (its cache beside it); the folder is deleted when
 * the command ends. Errors name the copy, {@code stdin.csv}, with the line and column as usual.
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
