package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marks of a missing value in one column ({@link CsvFormat#withColumnMissingMarks}): Pima's 0,
 * which means "no reading" for glucose and is a count for pregnancies, read as missing in its
 * column alone, in number and categorical cells, by text and by value, on every path a file is
 * read by.
 */
class ColumnMissingMarksTest {
    @TempDir
    Path folder;

    private static final String PIMA = """
            pregnancies,glucose,clinic,ward,outcome
            0,148,north,unknown,1
            1,0,unknown,east,0
            0,0.0,north,east,1
            3,-1,south,unknown,0
            2,120,unknown,west,1
            """;
    private static final CsvFormat MARKED = CsvFormat.defaults().withColumnMissingMarks(Map.of(
            "glucose", List.of("0", "-1"), "clinic", List.of("unknown")));

    /** Each row's features, as the reader gives them with missing values allowed (NaN). */
    private List<String> rows(Path file, CsvFormat format) {
        List<String> rows = new ArrayList<>();
        new CsvReader(file, format, 1 << 16, false, true).read((line, features, provisional, weight) -> {
            StringBuilder row = new StringBuilder();
            for (float value : features) {
                row.append(value).append(' ');
            }
            rows.add(row.toString().strip());
        });
        return rows;
    }

    @Test
    void aColumnsMarkIsMissingThereAndAValueElsewhere() throws IOException {
        Path file = Files.writeString(folder.resolve("pima.csv"), PIMA);
        CsvFormat numbers = CsvFormat.defaults().withFeatures(List.of("pregnancies", "glucose"))
                .withColumnMissingMarks(Map.of("glucose", List.of("0", "-1")));
        // pregnancies keeps its 0s; glucose's 0, 0.0 (by value: a whole-number mark) and -1 are missing
        assertEquals(List.of("0.0 148.0", "1.0 NaN", "0.0 NaN", "3.0 NaN", "2.0 120.0"), rows(file, numbers));
        // the same text is a category in the column without the mark, the missing slot in the one with it
        CsvSource source = CsvSource.open(file, MARKED, CsvSource.Options.defaults().fillingMissing());
        assertEquals(List.of("clinic", "ward"), source.categoricalColumns());
        assertEquals(2, source.categoryCounts("clinic").missingRows());
        assertEquals(List.of("north", "south"), source.categories(100).get("clinic").values());
        assertEquals(0, source.categoryCounts("ward").missingRows());
        assertTrue(source.categories(100).get("ward").values().contains("unknown"));
        assertEquals(3, source.missingValues(), "glucose's three: the count is of number cells");
        // glucose's mean is over its two readings, pregnancies' over all five
        double[] means = source.statistics(RowSelection.all()).mean();
        assertEquals(6.0 / 5, means[0], 1e-12);
        assertEquals((148.0 + 120.0) / 2, means[1], 1e-12);
    }

    /** A column whose own mark is text ("unknown") stays numeric: its marks are no text cells that make it categorical. */
    @Test
    void aColumnsTextMarkDoesNotMakeItCategorical() throws IOException {
        Path file = Files.writeString(folder.resolve("text.csv"), "x,y,label\nunknown,1,0\nunknown,2,1\nunknown,3,0\n4,5,1\n");
        CsvSource.Options options = CsvSource.Options.defaults().fillingMissing().withoutCache();
        assertEquals(List.of("x"), CsvSource.open(file, CsvFormat.defaults(), options).categoricalColumns());
        CsvSource marked = CsvSource.open(file, CsvFormat.defaults().withColumnMissingMarks(Map.of("x", List.of("unknown"))), options);
        assertEquals(List.of(), marked.categoricalColumns());
        assertEquals(3, marked.missingValues());
    }

    @Test
    void aMarkForAColumnThatIsNoFeatureIsRefusedNamingTheFeatures() throws IOException {
        Path file = Files.writeString(folder.resolve("pima.csv"), PIMA);
        DataFileException typo = assertThrows(DataFileException.class,
                () -> rows(file, CsvFormat.defaults().withColumnMissingMarks(Map.of("glucos", List.of("0")))));
        assertTrue(typo.getMessage().endsWith("pima.csv, line 1: has no column named \"glucos\", so it takes no missing-value marks of "
                + "its own (--missing-values-in); its features are pregnancies, glucose, clinic, ward"), typo.getMessage());
        DataFileException dropped = assertThrows(DataFileException.class, () -> rows(file, CsvFormat.defaults()
                .withoutColumns(List.of("glucose")).withColumnMissingMarks(Map.of("glucose", List.of("0")))));
        assertTrue(dropped.getMessage().contains("column \"glucose\" is not a feature"), dropped.getMessage());
        assertEquals("missing-value marks are for feature columns, and \"outcome\" is the label", assertThrows(
                IllegalArgumentException.class, () -> CsvFormat.defaults().withLabel("outcome")
                        .withColumnMissingMarks(Map.of("outcome", List.of("0")))).getMessage());
        assertEquals("missing-value marks are for feature columns, and \"w\" is the weight column", assertThrows(
                IllegalArgumentException.class, () -> CsvFormat.defaults().withColumnMissingMarks(Map.of("w", List.of("0")))
                        .withWeightColumn("w")).getMessage());
        assertEquals("column \"glucose\": the missing-value mark \"0.5\" is a number; a number marks missing values only when it is "
                + "whole, of at most 7 digits, such as -9 or 999", assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.defaults().withColumnMissingMarks(Map.of("glucose", List.of("0.5")))).getMessage());
        assertEquals("the column \"glucose\" is given no missing-value mark", assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.defaults().withColumnMissingMarks(Map.of("glucose", List.of()))).getMessage());
    }

    /** Without --fill-missing, the error says which flag made the cell missing. */
    @Test
    void anUnfilledMarkNamesItsFlag() throws IOException {
        Path file = Files.writeString(folder.resolve("pima.csv"), PIMA);
        CsvFormat numbers = CsvFormat.defaults().withFeatures(List.of("pregnancies", "glucose"))
                .withColumnMissingMarks(Map.of("glucose", List.of("0")));
        DataFileException own = assertThrows(DataFileException.class,
                () -> new CsvReader(file, numbers, 1 << 16, false, false).read((line, features, provisional, weight) -> { }));
        assertTrue(own.getMessage().contains("line 3, column 2 (\"glucose\"): \"0\" is a missing value (--missing-values-in); "
                + "expected a number"), own.getMessage());
        CsvFormat both = numbers.withMissingMarks(List.of("0"));
        DataFileException everywhere = assertThrows(DataFileException.class,
                () -> new CsvReader(file, both, 1 << 16, false, false).read((line, features, provisional, weight) -> { }));
        assertTrue(everywhere.getMessage().contains("line 2, column 1 (\"pregnancies\"): \"0\" is a missing value (--missing-values)"),
                everywhere.getMessage());
    }

    /** The cache keeps the marks it was built with: other marks read the file again rather than use its rows. */
    @Test
    void theCacheIsBuiltAgainForOtherMarks() throws IOException {
        Path file = Files.writeString(folder.resolve("pima.csv"), PIMA);
        CsvFormat numbers = CsvFormat.defaults().withFeatures(List.of("pregnancies", "glucose"));
        CsvSource.Options options = CsvSource.Options.defaults().fillingMissing();
        assertEquals(0, CsvSource.open(file, numbers, options).missingValues());
        CsvFormat marked = numbers.withColumnMissingMarks(Map.of("glucose", List.of("0")));
        assertEquals(2, CsvSource.open(file, marked, options).missingValues());
        assertEquals(2, CsvSource.open(file, marked, options).missingValues(), "from the cache built with them");
        assertEquals(0, CsvSource.open(file, numbers, options).missingValues());
    }
}
