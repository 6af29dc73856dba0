package io.dense4j.data.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file opened twice, each with a cache in a folder of its own under a test's folder: its first
 * pass on one thread, and in {@code threads} parts, which must read what one thread reads.
 */
record SerialAndParted(CsvSource serial, CsvSource parts, Path partsFolder) {

    static SerialAndParted open(Path file, Path folder, int threads) throws IOException {
        Path serialFolder = Files.createDirectory(folder.resolve("serial"));
        Path partsFolder = Files.createDirectory(folder.resolve("parts"));
        CsvSource serial = CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(serialFolder).withFirstPassThreads(1));
        CsvSource parts = CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(partsFolder).withFirstPassThreads(threads));
        return new SerialAndParted(serial, parts, partsFolder);
    }
}
