package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file, folder or glob names: the data files in name order, without markers, hidden files or caches. */
class CsvFilesTest {
    @TempDir
    Path folder;

    private Path touch(String name) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "x,label\n1,0\n");
        return file;
    }

    @Test
    void aFolderHoldsItsDataFilesInNameOrder() throws IOException {
        Path b = touch("data/part-b.csv");
        Path a = touch("data/part-a.csv");
        Path gz = touch("data/part-c.csv.gz");
        touch("data/_SUCCESS");
        touch("data/.part-a.csv.crc");
        touch("data/part-a.csv.dense4j-cache");
        touch("data/nested/part-d.csv");
        CsvFiles files = CsvFiles.of(folder.resolve("data").toString());
        assertEquals(List.of(a, b, gz), files.paths());
        assertEquals("data (3 files)", files.shortName());
        assertEquals(folder.resolve("data") + " (3 files)", files.toString());
        assertEquals("data (3 files)", CsvFiles.of(folder.resolve("data") + "/").shortName());
    }

    @Test
    void aLinkToAFileIsReadAndALinkToAFolderIsNot() throws IOException {
        Path a = touch("linked/a.csv");
        Path elsewhere = touch("elsewhere/b.csv");
        Path link = Files.createSymbolicLink(folder.resolve("linked/b.csv"), elsewhere);
        Files.createSymbolicLink(folder.resolve("linked/more"), folder.resolve("elsewhere"));
        assertEquals(List.of(a, link), CsvFiles.of(folder.resolve("linked").toString()).paths());
    }

    /** A folder given as a link to one, as data folders often are, is read as its target is, and so is a glob through it. */
    @Test
    void aFolderGivenAsALinkIsReadThroughIt() throws IOException {
        touch("real/a.csv");
        touch("real/b.csv");
        Path linked = Files.createSymbolicLink(folder.resolve("data"), folder.resolve("real"));
        assertEquals(List.of(linked.resolve("a.csv"), linked.resolve("b.csv")), CsvFiles.of(linked.toString()).paths(),
                "it held no data file");
        assertEquals(List.of(linked.resolve("b.csv")), CsvFiles.of(linked + "/b*.csv").paths(), "it matched no file");

        // below it, a link to a folder is not followed: one to itself would loop, one to another would read its files twice
        touch("real/sub/c.csv");
        Files.createSymbolicLink(folder.resolve("real/self"), folder.resolve("real"));
        Files.createSymbolicLink(folder.resolve("real/again"), folder.resolve("real/sub"));
        assertEquals(List.of(linked.resolve("sub/c.csv")), CsvFiles.of(linked + "/*/*.csv").paths());
    }

    @Test
    void aGlobMatchesNamesInAnyPartOfThePath() throws IOException {
        Path one = touch("2025/01/train.csv");
        Path two = touch("2025/02/train.csv");
        touch("2025/02/test.csv");
        touch("2024/01/train.csv");
        assertEquals(List.of(one, two), CsvFiles.of(folder.resolve("2025/*/train.csv").toString()).paths());
        assertEquals(List.of(folder.resolve("2024/01/train.csv"), one),
                CsvFiles.of(folder.resolve("202[45]/01/*.csv").toString()).paths());
        assertEquals(List.of(two.resolveSibling("test.csv"), two), CsvFiles.of(folder.resolve("2025/02/{train,test}.csv").toString())
                .paths().stream().sorted().toList());
        assertEquals(1, CsvFiles.of(folder.resolve("2025/0?/test.csv").toString()).paths().size());
    }

    @Test
    void oneFileIsItselfAndNamesItselfAsAModelDoes() throws IOException {
        Path file = touch("train.csv");
        CsvFiles files = CsvFiles.of(file.toString());
        assertEquals(List.of(file), files.paths());
        assertEquals("train.csv", files.shortName());
        assertEquals(file.toString(), files.toString());
        Path missing = folder.resolve("missing.csv");
        assertEquals(List.of(missing), CsvFiles.of(missing.toString()).paths(), "reading it says it is missing");
        touch("single/part-0.csv");
        assertEquals("part-0.csv", CsvFiles.of(folder.resolve("single").toString()).shortName(), "a folder of one file");
        assertEquals("part-0.csv", CsvFiles.of(folder.resolve("single/part-*.csv").toString()).shortName(), "a glob of one");
        assertEquals("standard input", new CsvFiles("standard input", List.of(file)).shortName(), "a copy named as what it copied");
    }

    @Test
    void aFileWhoseNameHoldsWildcardsIsThatFileNotWhatTheGlobMatches() throws IOException {
        Path bracketed = touch("loans/loans[1].csv");
        Path plain = touch("loans/loans1.csv");
        Path braced = touch("other/{draft}.csv");
        assertEquals(List.of(bracketed), CsvFiles.of(bracketed.toString()).paths(), "as a glob it matches loans1.csv");
        assertEquals(List.of(braced), CsvFiles.of(braced.toString()).paths(), "as a glob it matches draft.csv, which is not there");
        assertEquals("loans[1].csv", CsvFiles.of(bracketed.toString()).shortName());
        assertEquals(List.of(plain), CsvFiles.of(folder.resolve("loans/loans[12].csv").toString()).paths(), "no such file: a glob");
        assertEquals(List.of(plain, bracketed), CsvFiles.of(folder.resolve("loans/*.csv").toString()).paths());
    }

    @Test
    void aGlobThatMatchesNothingOrAnEmptyFolderSaysSo() throws IOException {
        Path glob = folder.resolve("data/part-*.csv");
        assertEquals(glob + ": matches no file", assertThrows(DataFileException.class, () -> CsvFiles.of(glob.toString())).getMessage());
        Files.createDirectories(folder.resolve("empty"));
        touch("empty/_SUCCESS");
        assertEquals(folder.resolve("empty") + ": holds no data file",
                assertThrows(DataFileException.class, () -> CsvFiles.of(folder.resolve("empty").toString())).getMessage());
        Files.createDirectories(folder.resolve("nested/2026"));
        touch("nested/2026/part-1.csv");
        assertEquals(folder.resolve("nested") + ": holds no data file of its own; its subfolders are not read: give one, or a glob of "
                + "their files such as '" + folder.resolve("nested/*/*.csv") + "'",
                assertThrows(DataFileException.class, () -> CsvFiles.of(folder.resolve("nested").toString())).getMessage());
        assertEquals(List.of(folder.resolve("nested/2026/part-1.csv")), CsvFiles.of(folder.resolve("nested/*/*.csv").toString()).paths(),
                "the glob the message gives reads them");
    }
}
