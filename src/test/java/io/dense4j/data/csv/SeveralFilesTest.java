package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;
import io.dense4j.data.BatchSource;
import io.dense4j.data.Categories;
import io.dense4j.data.DataFileException;
import io.dense4j.data.FeatureStatistics;
import io.dense4j.data.RowSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Several CSV files read as one table: every pass, selection, statistic and encoding must be the
 * one their concatenation into a single file gives, although each file numbers its own labels and
 * category values in the order it met them.
 */
class SeveralFilesTest {
    /** What a label error adds when the label is the last column by default, as here. */
    private static final String LAST_BY_DEFAULT = CsvFormat.defaults().labelChoiceNote();

    @TempDir
    Path folder;

    private static final String HEADER = "x,plan,city,label\n";

    /** Three parts whose first labels and category values come in different orders. */
    private static final List<String> PARTS = List.of(
            """
            1.5,gold,Oslo,yes
            2.5,basic,Oslo,no
            -1,gold,,yes
            """,
            """
            0.25,silver,Bergen,no
            4,gold,Oslo,yes
            3,silver,Bergen,no
            7,basic,Tromsø,no
            """,
            """
            -2,basic,Tromsø,yes
            6,platinum,Oslo,no
            """);

    private Path write(String name, String text) throws IOException {
        Path file = folder.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** The parts as data/part-0.csv … and their concatenation as one file. */
    private CsvFiles parts(List<String> bodies) throws IOException {
        for (int k = 0; k < bodies.size(); k++) {
            write("data/part-" + k + ".csv", HEADER + bodies.get(k));
        }
        return CsvFiles.of(folder.resolve("data/part-*.csv").toString());
    }

    private Path whole(List<String> bodies) throws IOException {
        return write("whole.csv", HEADER + String.join("", bodies));
    }

    private static List<String> rows(BatchSource source, boolean shuffle) {
        return Passes.rows(source, 2, 7, shuffle);
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    @Test
    void theFilesReadAsTheirConcatenationDoes() throws IOException {
        CsvFiles files = parts(PARTS);
        assertEquals(3, files.paths().size());
        for (CsvSource.Options options : List.of(CsvSource.Options.defaults().fillingMissing(),
                CsvSource.Options.defaults().fillingMissing().withoutCache())) {
            CsvSource set = CsvSource.open(files, CsvFormat.defaults(), options);
            CsvSource one = CsvSource.open(whole(PARTS), CsvFormat.defaults(), options);
            assertEquals(9, set.rows());
            assertEquals(List.of("no", "yes"), set.classes());
            assertEquals(List.of("plan", "city"), set.categoricalColumns());
            assertEquals(one.categories(2), set.categories(2));
            assertEquals(List.of("gold", "basic", "silver", "platinum"), set.categoryCounts("plan").values());
            assertEquals(List.of(3L, 3L, 2L, 1L), java.util.Arrays.stream(set.categoryCounts("plan").counts()).boxed().toList());
            assertEquals(1, set.categoryCounts("city").missingRows());
            Map<String, Categories> categories = set.categories(10);
            double[] fill = {0, 0, 0};
            for (RowSelection selection : List.of(RowSelection.all(), RowSelection.training(0.3, 5),
                    RowSelection.validation(0.3, 5), RowSelection.fold(3, 1, 9, true).stratify())) {
                try (BatchSource fromSet = set.rows(selection, fill, categories, DataType.FLOAT);
                     BatchSource fromOne = one.rows(selection, fill, categories, DataType.FLOAT)) {
                    assertEquals(fromOne.rows(), fromSet.rows(), selection.toString());
                    assertEquals(rows(fromOne, false), rows(fromSet, false), selection.toString());
                    assertEquals(sorted(rows(fromOne, false)), sorted(rows(fromSet, true)), "a shuffled pass holds the same rows");
                }
                assertEquals(one.categories(2, selection), set.categories(2, selection), selection.toString());
                assertStatisticsEqual(one.statistics(selection), set.statistics(selection));
            }
            assertEquals(one.unknownCategoryRows(Map.of("plan", Categories.mostFrequent(List.of("gold"), new long[] {1}, 1),
                            "city", categories.get("city"))),
                    set.unknownCategoryRows(Map.of("plan", Categories.mostFrequent(List.of("gold"), new long[] {1}, 1),
                            "city", categories.get("city"))));
        }
    }

    private static void assertStatisticsEqual(FeatureStatistics expected, FeatureStatistics actual) {
        assertEquals(expected.count(), actual.count());
        assertEquals(expected.positives(), actual.positives());
        assertEquals(expected.missingValues(), actual.missingValues());
        assertEquals(java.util.Arrays.toString(expected.mean()), java.util.Arrays.toString(actual.mean()));
        assertEquals(java.util.Arrays.toString(expected.standardDeviation()), java.util.Arrays.toString(actual.standardDeviation()));
    }

    @Test
    void largeRandomFilesMatchTheirConcatenationInEveryShuffledEpoch() throws IOException {
        Random random = new Random(3);
        List<String> bodies = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            StringBuilder body = new StringBuilder();
            for (int r = 0; r < 500 + 300 * k; r++) {
                body.append(String.format(Locale.ROOT, "%.4f,p%d,c%d,%s%n", random.nextGaussian(), random.nextInt(5 + k),
                        random.nextInt(40), random.nextBoolean() ? "yes" : "no"));
            }
            bodies.add(body.toString());
        }
        CsvSource set = CsvSource.open(parts(bodies), CsvFormat.defaults(), CsvSource.Options.defaults());
        CsvSource one = CsvSource.open(whole(bodies), CsvFormat.defaults(), CsvSource.Options.defaults());
        Map<String, Categories> categories = one.categories(8);
        try (BatchSource fromSet = set.rows(RowSelection.training(0.2, 1), null, categories, DataType.FLOAT);
             BatchSource fromOne = one.rows(RowSelection.training(0.2, 1), null, categories, DataType.FLOAT)) {
            assertEquals(rows(fromOne, true), rows(fromSet, true), "the same permutation of the same rows");
        }
    }

    @Test
    void filesWithOtherColumnsAreRefusedNamingTheFirstDifference() throws IOException {
        write("d/a.csv", "x,y,label\n1,2,0\n");
        Path b = write("d/b.csv", "x,z,label\n1,2,1\n");
        DataFileException error = assertThrows(DataFileException.class,
                () -> CsvSource.open(CsvFiles.of(folder.resolve("d").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(b + ": does not have the columns of the files before it: feature 2 is \"z\", where "
                + folder.resolve("d/a.csv") + " has \"y\"", error.getMessage());
        Files.writeString(b, "x,y,w,label\n1,2,3,1\n");
        error = assertThrows(DataFileException.class,
                () -> CsvSource.open(CsvFiles.of(folder.resolve("d").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(b + ": does not have the columns of the files before it: has the feature \"w\" after those of "
                + folder.resolve("d/a.csv"), error.getMessage());
    }

    @Test
    void labelsAreCheckedAcrossTheFiles() throws IOException {
        write("three/a.csv", "x,label\n1,cat\n2,dog\n");
        Path third = write("three/b.csv", "x,label\n1,dog\n2,cow\n");
        DataFileException error = assertThrows(DataFileException.class, () -> CsvSource.open(
                CsvFiles.of(folder.resolve("three").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(third + ": has the label \"cow\", a third one after \"cat\" and \"dog\" in the files before it; "
                + "a binary classifier needs two" + LAST_BY_DEFAULT, error.getMessage());
        write("cased/a.csv", "x,label\n1,yes\n2,no\n");
        Path cased = write("cased/b.csv", "x,label\n1,no\n2,Yes\n");
        error = assertThrows(DataFileException.class, () -> CsvSource.open(
                CsvFiles.of(folder.resolve("cased").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(cased + ": has the label \"Yes\", a third one after \"yes\" and \"no\" in the files before it (it differs from "
                + "\"yes\" only in case: labels are compared exactly); a binary classifier needs two" + LAST_BY_DEFAULT, error.getMessage());

        write("mixed/a.csv", "x,label\n1,0\n2,0\n");
        Path mixed = write("mixed/b.csv", "x,label\n1,yes\n");
        error = assertThrows(DataFileException.class, () -> CsvSource.open(
                CsvFiles.of(folder.resolve("mixed").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(mixed + ": has labels that do not go with the files before it: the labels mix \"0\" and \"yes\": "
                + "use two numbers, true/false, or two names" + LAST_BY_DEFAULT, error.getMessage());

        Path first = write("one/a.csv", "x,label\n1,1\n");
        write("one/b.csv", "x,label\n2,1.0\n");
        error = assertThrows(DataFileException.class, () -> CsvSource.open(
                CsvFiles.of(folder.resolve("one").toString()), CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(first + ": and the files after it have only one label value (\"1\") in their label column; "
                + "a binary classifier needs two", error.getMessage());

        // one class per file is fine, and 0 in one file is 0.0 in another
        write("split/a.csv", "x,label\n1,0\n");
        write("split/b.csv", "x,label\n2,1.0\n3,0.0\n");
        CsvSource split = CsvSource.open(CsvFiles.of(folder.resolve("split").toString()), CsvFormat.defaults(),
                CsvSource.Options.defaults());
        assertEquals(List.of("0", "1.0"), split.classes());
        try (BatchSource rows = split.rows(RowSelection.all(), null, DataType.FLOAT)) {
            assertEquals(List.of("1.0 | 0.0", "2.0 | 1.0", "3.0 | 0.0"), rows(rows, false));
        }

        // two numbers other than 0 and 1, one per file: classes in numeric order whatever the files' order
        write("coded/a.csv", "x,label\n1,4\n");
        write("coded/b.csv", "x,label\n2,2.0\n3,4.0\n");
        CsvSource coded = CsvSource.open(CsvFiles.of(folder.resolve("coded").toString()), CsvFormat.defaults(),
                CsvSource.Options.defaults());
        assertEquals(List.of("2.0", "4"), coded.classes());
        try (BatchSource rows = coded.rows(RowSelection.all(), null, DataType.FLOAT)) {
            assertEquals(List.of("1.0 | 1.0", "2.0 | 0.0", "3.0 | 1.0"), rows(rows, false));
        }

        // labels are matched by value across files, as within one: 0 and -1 are two labels, as if the files were one
        write("meanings/a.csv", "x,label\n1,-1\n");
        Path zero = write("meanings/b.csv", "x,label\n2,0\n");
        write("meanings/c.csv", "x,label\n3,2\n");
        error = assertThrows(DataFileException.class, () -> CsvSource.open(CsvFiles.of(folder.resolve("meanings").toString()),
                CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(zero + ": has labels that do not go with the files before it: the labels \"-1\" and \"0\" both mean class 0" + LAST_BY_DEFAULT,
                error.getMessage());
        write("codings/a.csv", "x,label\n1,0\n2,1\n");
        Path minusOne = write("codings/b.csv", "x,label\n3,-1\n4,1\n");
        error = assertThrows(DataFileException.class, () -> CsvSource.open(CsvFiles.of(folder.resolve("codings").toString()),
                CsvFormat.defaults(), CsvSource.Options.defaults()));
        assertEquals(minusOne + ": has the label \"-1\", a third one after \"0\" and \"1\" in the files before it; a binary classifier "
                + "needs two" + LAST_BY_DEFAULT, error.getMessage());
    }

    @Test
    void theSetsContentHashIsTheHashOfItsFilesHashes() throws IOException {
        CsvFiles files = parts(PARTS);
        CsvSource set = CsvSource.open(files, CsvFormat.defaults(), CsvSource.Options.defaults().fillingMissing());
        String lines = files.paths().stream().map(file -> {
            try {
                return ContentHash.of(file, Files.size(file)) + "\n";
            } catch (IOException failed) {
                throw new java.io.UncheckedIOException(failed);
            }
        }).collect(Collectors.joining());
        HashValue128 expected = Hashing.xxh3_128().hashBytesTo128Bits(lines.getBytes(StandardCharsets.US_ASCII));
        assertEquals(String.format(Locale.ROOT, "%016x%016x", expected.getMostSignificantBits(), expected.getLeastSignificantBits()),
                set.contentHash());
        assertEquals("part-*.csv (3 files)", files.shortName());
        assertEquals("3 built (one per file, beside it or in " + folder.resolve("data") + ")", set.cacheStatus());
        CsvSource again = CsvSource.open(files, CsvFormat.defaults(), CsvSource.Options.defaults().fillingMissing());
        assertEquals("3 reused (one per file, beside it or in " + folder.resolve("data") + ")", again.cacheStatus());
        Files.writeString(files.paths().get(2), HEADER + PARTS.get(2).replace("6,", "5,"));
        assertNotEquals(set.contentHash(), CsvSource.open(files, CsvFormat.defaults(),
                CsvSource.Options.defaults().fillingMissing().withoutCache()).contentHash());
    }
}
