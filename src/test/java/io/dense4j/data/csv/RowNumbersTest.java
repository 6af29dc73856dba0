package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which number columns count the rows in a file's first rows, as a row number or an id in file order does. */
class RowNumbersTest {
    @TempDir
    Path folder;

    /** The number columns {@code cells} makes of {@code rows} rows that count them, found as train finds them. */
    private List<String> counting(int rows, IntFunction<String> cells) throws IOException {
        StringBuilder text = new StringBuilder("n,x,label\n");
        for (int row = 0; row < rows; row++) {
            text.append(cells.apply(row)).append(',').append(row % 7 * 0.5).append(',').append(row % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("rows-" + text.hashCode() + ".csv"), text);
        return new CsvReader(file, CsvFormat.defaults()).firstRowKinds(ColumnKinds.INFERENCE_ROWS).rowNumbers();
    }

    @Test
    void wholeNumbersOneMoreThanTheRowBeforeCountTheRowsFromAnyStart() throws IOException {
        assertEquals(List.of("n"), counting(891, row -> String.valueOf(row + 1)));
        assertEquals(List.of("n"), counting(50, row -> String.valueOf(row)));
        assertEquals(List.of("n"), counting(50, row -> String.valueOf(15_634_602 + row)));
        assertEquals(List.of("n"), counting(50, row -> "\"" + (row + 1) + "\""), "quoted, as some writers quote every cell");
        // the first 1,000 rows decide, as they decide which columns hold categories
        assertEquals(List.of("n"), counting(1_500, row -> String.valueOf(row < 1_000 ? row : 7)));
    }

    @Test
    void numbersThatMissARowStepOtherwiseOrAreNotPlainDigitsDoNot() throws IOException {
        assertEquals(List.of(), counting(50, row -> String.valueOf(row == 30 ? 99 : row)));
        assertEquals(List.of(), counting(50, row -> String.valueOf(2 * row)));
        assertEquals(List.of(), counting(50, row -> String.valueOf(50 - row)));
        assertEquals(List.of(), counting(50, row -> row == 10 ? "" : String.valueOf(row)), "a missing cell");
        assertEquals(List.of(), counting(50, row -> row + ".0"));
        assertEquals(List.of(), counting(50, row -> String.valueOf(row - 25)), "a sign");
        assertEquals(List.of(), counting(50, row -> "1" + "0".repeat(18) + row), "past a long's digits");
        // the x column steps by 0.5: no count either
    }

    @Test
    void fewerThanTwentyRowsAreTooFewToTell() throws IOException {
        assertEquals(List.of(), counting(RowNumbers.FEWEST_ROWS - 1, String::valueOf));
        assertEquals(List.of("n"), counting(RowNumbers.FEWEST_ROWS, String::valueOf));
    }

    @Test
    void aRowTheFirstLookCannotReadBreaksTheCount() throws IOException {
        assertEquals(List.of(), counting(50, row -> row == 20 ? "\"20\"x" : String.valueOf(row)));
    }

    @Test
    void aSourceNotesNoColumnReadAsCategoriesOrDates() throws IOException {
        StringBuilder text = new StringBuilder("id,zip,x,label\n");
        for (int row = 0; row < 40; row++) {
            text.append(row + 1).append(',').append(10_000 + row).append(',').append(row % 5).append(',')
                    .append(row % 2 == 0 ? "yes" : "no").append('\n');
        }
        Path file = Files.writeString(folder.resolve("ids.csv"), text);
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withKinds(ColumnKinds.inferred().withCategorical(List.of("zip"))));
        assertEquals(List.of("id"), source.rowNumberColumns());
        assertEquals(List.of("id"), source.withPositiveClass("no").rowNumberColumns());
        CsvSource declared = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()
                .withKinds(ColumnKinds.exactly(List.of("zip"))));
        assertEquals(List.of(), declared.rowNumberColumns(), "no first look when every kind is declared");
    }
}
