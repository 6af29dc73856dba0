package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files one machine reads and Spark's file input reads otherwise, by their names or their bytes:
 * each a one-line error that names the file and says what to do, where a reviewer saw a
 * URISyntaxException, "does not exist", advice about carriage returns, or a task's stack trace.
 */
class SparkFileNamesTest {
    @TempDir
    Path folder;

    private DataFileException refused(Path path, TestRows rows) {
        return assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(path.toString(), rows.columns())).close());
    }

    @Test
    void aFileNamedWithAColonIsNamedAsSparkCannotTakeIt() throws IOException {
        TestRows rows = TestRows.xor(500, 2, 21);
        Path exports = Files.createDirectory(folder.resolve("exports"));
        rows.write(exports.resolve("export-2026-01-01T10:00:00.csv"), 0, 500);
        DataFileException colon = refused(exports, rows);
        assertTrue(colon.getMessage().startsWith(exports + ": holds a file whose name Spark's file system cannot take as a path ("),
                colon.getMessage());
        assertTrue(colon.getMessage().endsWith("), as a name with a colon: rename the file, or train on one machine"), colon.getMessage());
    }

    @Test
    void aFileNamedWithWildcardsIsThatFileAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(500, 2, 24);
        Path bracketed = rows.write(folder.resolve("loans[1].csv"), 0, 300);
        rows.write(folder.resolve("loans1.csv"), 0, 500); // what the name matches as a glob
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(bracketed.toString(), rows.columns()))) {
            assertEquals(300, data.rows());
        }
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(folder.resolve("loans[12].csv").toString(),
                rows.columns()))) {
            assertEquals(500, data.rows(), "no file of that name: a glob, as before");
        }
        Path parts = Files.createDirectory(folder.resolve("parts[1]"));
        rows.write(parts.resolve("a.csv"), 0, 200);
        rows.write(parts.resolve("b.csv"), 200, 500);
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(parts.toString(), rows.columns()))) {
            assertEquals(500, data.rows(), "a folder of that name: its files");
        }
    }

    @Test
    void aZipArchiveIsNamedAsOneAsOnOneMachine() throws IOException {
        TestRows rows = TestRows.xor(500, 2, 25);
        Path plain = rows.write(folder.resolve("plain.csv"), 0, 500);
        Path zip = folder.resolve("rows.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("rows.csv"));
            Files.copy(plain, out);
        }
        assertEquals(zip + ": is a zip archive, not a CSV file: dense4j reads CSV files plain or gzip-compressed; extract the CSV file "
                + "from it first (unzip)", refused(zip, rows).getMessage());
    }

    @Test
    void aNameStartingWithAnUnderscoreOrAPointIsSaidToBeLeftOut() throws IOException {
        TestRows rows = TestRows.xor(500, 2, 22);
        for (String name : new String[] {"_train.csv", ".train.csv"}) {
            Path file = rows.write(folder.resolve(name), 0, 500);
            assertEquals(file + ": is left out by Spark's file input, which skips every file and folder whose name starts with '_' or "
                    + "'.', even one named outright: rename it, or train on one machine", refused(file, rows).getMessage());
        }
    }

    @Test
    void gzipWithoutItsNameIsSaidToNeedIt() throws IOException {
        TestRows rows = TestRows.xor(500, 2, 23);
        Path hidden = Files.write(folder.resolve("part-1.csv"), gzipped(rows.write(folder.resolve("plain.csv"), 0, 500)));
        assertEquals(hidden + ": is gzip-compressed, which Spark's file input knows by a name ending in .gz alone: name it so, or "
                + "train on one machine, which knows gzip by its first bytes", refused(hidden, rows).getMessage());
    }

    private static byte[] gzipped(Path file) throws IOException {
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(Files.readAllBytes(file));
        }
        return zipped.toByteArray();
    }

    /** Cut short past the rows the driver reads first: reported as a damaged file, in one line, as one machine reports it. */
    @Test
    void aGzipFileCutShortIsDamagedData() throws IOException {
        TestRows rows = TestRows.xor(20_000, 2, 24);
        byte[] zipped = gzipped(rows.write(folder.resolve("plain.csv"), 0, 20_000));
        Path cut = Files.write(folder.resolve("cut.csv.gz"), Arrays.copyOf(zipped, zipped.length * 4 / 5));
        assertEquals(cut + ": is compressed but damaged or cut short: Unexpected end of input stream", refused(cut, rows).getMessage());
    }
}
