package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowParserTest {
    private final List<String> heard = new ArrayList<>();

    private RowParser parser(String header, CsvFormat format, boolean allowMissing) {
        byte[] bytes = TestLines.bytes(header);
        CsvProblems problems = TestLines.problemsOnLine(7);
        ColumnLayout layout = ColumnLayout.read(format, bytes, 0, bytes.length, problems);
        if (format.header()) {
            problems.nameColumns(layout.names());
        }
        return new RowParser(layout, format, allowMissing, false, null, problems,
                (line, features, provisionalClass, weight) -> heard.add(line + " " + Arrays.toString(features) + " " + provisionalClass),
                new int[0], java.util.Map.of(), false);
    }

    private static void parse(RowParser parser, String row) {
        byte[] bytes = TestLines.bytes(row);
        parser.parse(bytes, 0, bytes.length, 7);
    }

    @Test
    void putsPlainAndOtherCellsInTheirFeaturePlaces() {
        RowParser parser = parser("b,label,a", CsvFormat.defaults().withLabel("label").withFeatures(List.of("a", "b")), false);
        parse(parser, "\"2\",yes, 0x1p3 ");
        parse(parser, "-1.5,no,1e2");
        assertEquals(List.of("7 [8.0, 2.0] 0", "7 [100.0, -1.5] 1"), heard);
    }

    @Test
    void countsMissingValuesOnlyInRowsHandedOn() {
        RowParser parser = parser("a,b,label", CsvFormat.defaults(), true);
        parse(parser, "NA,,0");
        assertEquals(2, parser.missingValues());
        assertThrows(DataFileException.class, () -> parse(parser, "NA,1,yes")); // a bad label after a missing value
        assertEquals(2, parser.missingValues());
        assertEquals(List.of("7 [NaN, NaN] 0"), heard);
    }

    @Test
    void checksTheFieldCountBeforeTheLabel() {
        RowParser withHeader = parser("a,label", CsvFormat.defaults(), false);
        assertEquals("t.csv, line 7: has more than 2 fields; the header has 2",
                assertThrows(DataFileException.class, () -> parse(withHeader, "1,bad label,3")).getMessage());
        RowParser withoutHeader = parser("1,2,0", CsvFormat.defaults().withoutHeader(), false);
        assertEquals("t.csv, line 7: has 2 fields; the first row has 3",
                assertThrows(DataFileException.class, () -> parse(withoutHeader, "1,2")).getMessage());
        assertEquals(List.of(), heard);
    }

    @Test
    void namesACellByItsHeader() {
        RowParser parser = parser("a,b,label", CsvFormat.defaults(), false);
        assertEquals("t.csv, line 7, column 2 (\"b\"): expected a number, got \"x\" (to read the column as categories, declare it categorical when training: --categorical b [Java: CsvSource.Options.withCategorical])",
                assertThrows(DataFileException.class, () -> parse(parser, "1,x,0")).getMessage());
        RowParser spaced = parser("a,home ownership,label", CsvFormat.defaults(), false);
        assertTrue(assertThrows(DataFileException.class, () -> parse(spaced, "1,x,0")).getMessage()
                .endsWith("--categorical 'home ownership' [Java: CsvSource.Options.withCategorical])"), "one word for the shell");
        RowParser unnamed = parser("1,2,0", CsvFormat.defaults().withoutHeader(), false);
        assertTrue(assertThrows(DataFileException.class, () -> parse(unnamed, "1,x,0")).getMessage()
                .endsWith("--categorical 'column 2' [Java: CsvSource.Options.withCategorical])"), "the name a file without a header gives");
        RowParser comma = parser("a,\"home, city\",label", CsvFormat.defaults(), false);
        assertTrue(assertThrows(DataFileException.class, () -> parse(comma, "1,x,0")).getMessage()
                .endsWith("when training: --categorical [Java: CsvSource.Options.withCategorical])"), "the flag splits at the comma");
    }

    /** A header's control characters reach the terminal escaped, as the Read line shows them, and no flag can name such a column. */
    @Test
    void escapesAHeadersControlCharactersInACellsError() {
        RowParser parser = parser("a,c\u001B[31mRED,label", CsvFormat.defaults(), false);
        assertEquals("t.csv, line 7, column 2 (\"c\\x1B[31mRED\"): expected a number, got \"x\" (to read the column as categories, declare "
                + "it categorical when training: --categorical [Java: CsvSource.Options.withCategorical])",
                assertThrows(DataFileException.class, () -> parse(parser, "1,x,0")).getMessage());
    }
}
