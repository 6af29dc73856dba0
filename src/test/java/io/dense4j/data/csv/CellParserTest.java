package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CellParserTest {

    private static float number(String cell, boolean allowMissing) {
        byte[] bytes = TestLines.bytes("##" + cell + "##"); // bounds inside a larger buffer
        return new CellParser(allowMissing, TestLines.problemsOnLine(2)).number(bytes, 2, bytes.length - 2, 3);
    }

    private static String rejects(String cell, boolean allowMissing) {
        return assertThrows(DataFileException.class, () -> number(cell, allowMissing)).getMessage();
    }

    @Test
    void readsNumbersThePlainPathLeavesToTheFullParser() {
        assertEquals(8f, number("0x1p3", false));
        assertEquals(1f, number("1.0000000000000000001", false));
        assertEquals(1.5e30f, number("1.5e30", false));
        assertEquals(0f, number("1e-400", false));
        assertEquals(-2.5f, number("-2.5", false));
    }

    @Test
    void readsEveryMissingMarkAsNaNWhenAllowed() {
        for (String mark : new String[] {"", "NA", "na", "N/A", "n/a", "NaN", "nan", "NAN"}) {
            assertTrue(Float.isNaN(number(mark, true)), mark);
        }
    }

    @Test
    void rejectsMissingMarksWithAHintWhenNotAllowed() {
        assertEquals("t.csv, line 2, column 3: empty cell (a missing value); expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], the default, trains a model that fills them with the training mean)",
                rejects("", false));
        assertEquals("t.csv, line 2, column 3: \"n/a\" is a missing value; expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], the default, trains a model that fills them with the training mean)",
                rejects("n/a", false));
        assertEquals("t.csv, line 2, column 3: \"NaN\" is a missing value; expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], the default, trains a model that fills them with the training mean)",
                rejects("NaN", false));
    }

    @Test
    void rejectsInfinitiesAndNumbersBeyondFloat32EvenWithMissingValuesAllowed() {
        assertEquals("t.csv, line 2, column 3: \"-Infinity\" is infinite; expected a finite number", rejects("-Infinity", true));
        for (String written : new String[] {"Inf", "-Inf", "inf", "+inf", "INF", "infinity", "-INFINITY"}) { // R's, NumPy's, C's
            assertEquals("t.csv, line 2, column 3: \"" + written + "\" is infinite; expected a finite number (if it is a category, not "
                    + "a number: to read the column as categories, declare it categorical when training: --categorical 'column 3' [Java: "
                    + "CsvSource.Options.withCategorical])", rejects(written, true));
        }
        assertTrue(rejects("info", true).contains("expected a number, got \"info\""), "a word that starts like one is text");
        assertEquals("t.csv, line 2, column 3: \"3.5e38\" is beyond float32's range (±3.4e38)", rejects("3.5e38", true));
        assertEquals("t.csv, line 2, column 3: \"1e39\" is beyond float32's range (±3.4e38)", rejects("1e39", true));
        assertEquals("t.csv, line 2, column 3: \"1e400\" is beyond float32's range (±3.4e38)", rejects("1e400", true), "beyond a double's too");
        String digits = "9".repeat(400);
        assertTrue(rejects(digits, true).endsWith("\" is beyond float32's range (±3.4e38)"), rejects(digits, true));
    }

    private static float number(String cell, CsvFormat format) {
        byte[] bytes = TestLines.bytes("##" + cell + "##");
        return new CellParser(false, TestLines.problemsOnLine(2), format).number(bytes, 2, bytes.length - 2, 3);
    }

    @Test
    void readsADecimalCommaWhenTheFormatSaysSoAndHintsAtItWhenItDoesNot() {
        CsvFormat comma = CsvFormat.defaults().withDelimiter(';').withDecimal(',');
        assertEquals(26.3f, number("26,3", comma));
        assertEquals(1.5e-3f, number("1,5e-3", comma));
        assertEquals(1f, number("1,0000000000000000001", comma), "the full parser's path, its comma made a point");
        assertEquals(-2f, number("-2", comma));
        assertEquals("t.csv, line 2, column 3: expected a number with a decimal comma, got \"1.5\" (a decimal point? read the "
                + "file with --decimal '.'; to read the column as categories, declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])",
                assertThrows(DataFileException.class, () -> number("1.5", comma)).getMessage());
        assertEquals("t.csv, line 2, column 3: expected a number with a decimal comma, got \"1,5,\" (to read the column as categories, "
                + "declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])", assertThrows(DataFileException.class, () -> number("1,5,", comma)).getMessage());
        assertEquals("t.csv, line 2, column 3: expected a number, got \"26,3\" (a decimal comma? read the file with --decimal ','; "
                + "to read the column as categories, declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])",
                assertThrows(DataFileException.class, () -> number("26,3", CsvFormat.defaults().withDelimiter(';'))).getMessage());
        byte[] weight = TestLines.bytes("0,5");
        assertEquals("t.csv, line 2, column 3: \"0,5\" is not a weight; a row's weight must be a finite number >= 0 (a decimal comma? "
                + "read the file with --decimal ',')", assertThrows(DataFileException.class, () -> new CellParser(false,
                TestLines.problemsOnLine(2), CsvFormat.defaults().withDelimiter(';')).weight(weight, 0, weight.length, 3)).getMessage());
        assertEquals(0.5f, new CellParser(false, TestLines.problemsOnLine(2), comma).weight(weight, 0, weight.length, 3));
        assertEquals("t.csv, line 2, column 3: expected a number, got \"26,3\" (to read the column as categories, declare it "
                + "categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])", rejects("26,3", false), "in a comma-delimited file the comma is no decimal separator");
        assertEquals("the decimal separator ',' cannot also be the delimiter: give another delimiter, such as ';'",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withDecimal(',')).getMessage());
    }

    @Test
    void readsThousandsSeparatorsOnlyWhereTheFormatNamesOneAndOnlyInGroupsOfThree() {
        CsvFormat us = CsvFormat.defaults().withThousands(',');
        CsvFormat german = CsvFormat.defaults().withDelimiter(';').withDecimal(',').withThousands('.');
        assertEquals(1234567.5f, number("1,234,567.5", us));
        assertEquals(-1000f, number("-1,000", us));
        assertEquals(3449.45f, number("3.449,45", german));
        assertEquals(6368f, number("6.368", german));
        assertEquals(980f, number("980", german), "a number without groups");
        assertEquals(3818873.09f, number(" 3,818,873.09 ", us), "blanks inside the quotes, as spreadsheets pad numbers");
        assertEquals(75.76f, number(" 75,76\t", german));
        for (String misplaced : new String[] {"1,23", "12,3456", "1,234,56", "0,123"}) {
            assertTrue(assertThrows(DataFileException.class, () -> number(misplaced, us)).getMessage()
                    .contains("expected a number, got \"" + misplaced + "\""), misplaced);
        }
        assertEquals("the thousands separator is ',' or '.', and not the decimal separator, got ','",
                assertThrows(IllegalArgumentException.class, () -> german.withThousands(',')).getMessage());
    }

    @Test
    void aMessageShowsUtf8AsTextAndEscapesWhatIsNotOrCannotBeSeen() {
        String[][] cases = {
            {"Köln", "Köln"}, {"５", "５"}, {"日本", "日本"}, {"😀", "😀"},
            {"M\u00fcnchen", "M\u00fcnchen"},
            {"a\u00a0b", "a\\xC2\\xA0b"}, // a no-break space looks like a space
            {"x\u202ey", "x\\xE2\\x80\\xAEy"}, // a right-to-left override would turn the message around
            {"\t", "\\x09"},
        };
        for (String[] pair : cases) {
            byte[] bytes = pair[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(pair[1], CsvProblems.text(bytes, 0, bytes.length), pair[0]);
        }
        byte[] latin = {'M', (byte) 0xFC, 'n'}; // Windows-1252's ü, no UTF-8
        assertEquals("M\\xFCn", CsvProblems.text(latin, 0, latin.length));
        byte[] cut = {'a', (byte) 0xC3}; // the first byte of é, cut off
        assertEquals("a\\xC3", CsvProblems.text(cut, 0, cut.length));
        byte[] overlong = {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}; // '/' written in three bytes
        assertEquals("\\xE0\\x80\\xAF", CsvProblems.text(overlong, 0, overlong.length));
    }

    @Test
    void rejectsTextThatIsNoNumberQuotingItsBytes() {
        assertEquals("t.csv, line 2, column 3: expected a number, got \"nana\" (to read the column as categories, declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])", rejects("nana", true));
        for (String suffixed : new String[] {"28d", "3F", "1.5D", "2f"}) { // Java literals, not numbers in a CSV: "28d" may be 28 days
            assertTrue(rejects(suffixed, false).contains("expected a number, got \"" + suffixed + "\""), suffixed);
        }
        for (String controlled : new String[] {"\u00010.10462", "-1.31316\u001f", "\u0000\u00001.78\u000b"}) { // Java's parsers trim them
            assertTrue(rejects(controlled, false).contains("expected a number, got \""), controlled);
        }
        assertEquals("t.csv, line 2, column 3: expected a number, got \"1é\" (to read the column as categories, declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])", rejects("1é", true));
    }

    /** "?" marks a missing value in Weka's and the UCI files: asked about first; a "-" of a flag column ("1" or "-") is a category. */
    @Test
    void aMarkThatIsNoNumberIsAskedAboutAsAMissingValue() {
        for (String mark : new String[] {"?", "-", "--", ".", "*", "NULL", "null", "None", "#N/A", "missing"}) {
            assertEquals("t.csv, line 2, column 3: expected a number, got \"" + mark + "\" (if \"" + mark + "\" marks a missing value, "
                    + "say so: --missing-values '" + mark + "' [Java: CsvFormat.withMissingMarks]; to read the column as categories, "
                    + "declare it categorical when training: --categorical 'column 3' [Java: CsvSource.Options.withCategorical])",
                    rejects(mark, true));
        }
        for (String text : new String[] {"?x", "Nullable", "northeast"}) {
            assertTrue(rejects(text, true).endsWith("declare it categorical when training: --categorical 'column 3' [Java: "
                    + "CsvSource.Options.withCategorical])"), text);
        }
        assertEquals("t.csv, line 2, column 3: expected a number, got \"?\" (if \"?\" marks a missing value, say so: "
                + "--missing-values '?' --fill-missing [Java: CsvFormat.withMissingMarks and CsvSource.Options.fillingMissing()]; to read "
                + "the column as categories, declare it categorical when training: --categorical 'column 3' [Java: "
                + "CsvSource.Options.withCategorical])", rejects("?", false));
    }

    /** A format's own marks are missing values, as NA is: NaN when they are allowed, else an error that names them. */
    @Test
    void aFormatsOwnMarkIsAMissingValue() {
        CsvFormat marked = CsvFormat.defaults().withMissingMarks(java.util.List.of("?", "NULL"));
        assertTrue(Float.isNaN(new CellParser(true, TestLines.problemsOnLine(2), marked).number(TestLines.bytes(" ? "), 0, 3, 3)));
        assertTrue(Float.isNaN(new CellParser(true, TestLines.problemsOnLine(2), marked).number(TestLines.bytes("NULL"), 0, 4, 3)));
        assertEquals("t.csv, line 2, column 3: \"NULL\" is a missing value; expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], "
                + "the default, trains a model that fills them with the training mean)",
                assertThrows(DataFileException.class, () -> new CellParser(false, TestLines.problemsOnLine(2), marked)
                        .number(TestLines.bytes("NULL"), 0, 4, 3)).getMessage());
        assertThrows(DataFileException.class, () -> new CellParser(true, TestLines.problemsOnLine(2), marked)
                .number(TestLines.bytes("null"), 0, 4, 3), "matched exactly, as pandas' na_values are");
    }

    /**
     * A mark is refused as a number when the file's reader would read it as one, by the file's
     * separators, not Java's: "1.000.000" is a million with thousands '.', and "1d" is no number
     * to the reader (Java's type suffix), so it may be a mark, and reads as a missing value.
     */
    @Test
    void aMarkIsANumberByTheFilesSeparators() {
        CsvFormat commas = CsvFormat.defaults().withDelimiter(';').withDecimal(',');
        assertEquals("the missing-value mark \"1.000.000\" is a number in a file with decimal ',' and thousands '.'; a number marks "
                + "missing values only when it is whole, of at most 7 digits, such as -9 or 999", assertThrows(IllegalArgumentException.class,
                () -> commas.withThousands('.').withMissingMarks(java.util.List.of("1.000.000"))).getMessage());
        assertEquals(java.util.List.of("1.000.000"), commas.withMissingMarks(java.util.List.of("1.000.000")).missingMarks());
        assertThrows(IllegalArgumentException.class, () -> commas.withMissingMarks(java.util.List.of("1,5")));
        assertEquals(java.util.List.of("1,5"), CsvFormat.defaults().withDelimiter(';').withMissingMarks(java.util.List.of("1,5"))
                .missingMarks());
        CsvFormat suffixed = CsvFormat.defaults().withMissingMarks(java.util.List.of("1d"));
        assertTrue(Float.isNaN(new CellParser(true, TestLines.problemsOnLine(2), suffixed).number(TestLines.bytes("1d"), 0, 2, 3)));
        // a model keeps no separators: its mark is refused only when it is a number with either decimal separator
        CsvFormat.checkMissingMarks(java.util.List.of("1.5", "1,5", "1.000.000", "-1"));
        assertEquals("the missing-value mark \"1e3\" is a number; a number marks missing values only when it is "
                + "whole, of at most 7 digits, such as -9 or 999",
                assertThrows(IllegalArgumentException.class, () -> CsvFormat.checkMissingMarks(java.util.List.of("1e3"))).getMessage());
    }

    /**
     * A whole-number mark marks its value in number cells, written any way the reader reads as it
     * in float32 ("-9.0", "-9e0", " -9 "); -9.5 and -90 are numbers. Whole means at most 7 digits,
     * which float32 holds exactly; a longer one or a fraction is refused.
     */
    @Test
    void aWholeNumberMarkMarksItsValueInNumberCells() {
        CsvFormat marked = CsvFormat.defaults().withMissingMarks(java.util.List.of("-9", "9999999"));
        CellParser cells = new CellParser(true, TestLines.problemsOnLine(2), marked);
        for (String cell : new String[] {"-9", "-9.0", "-9e0", " -9 ", "-9.000000001", "9999999"}) {
            assertTrue(Float.isNaN(cells.number(TestLines.bytes(cell), 0, cell.length(), 3)), cell);
        }
        for (String cell : new String[] {"-9.5", "-90", "9", "9999998"}) {
            assertEquals(Float.parseFloat(cell), cells.number(TestLines.bytes(cell), 0, cell.length(), 3), 0f, cell);
        }
        assertEquals("t.csv, line 2, column 3: \"-9.0\" is a missing value (--missing-values); expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], "
                + "the default, trains a model that fills them with the training mean)",
                assertThrows(DataFileException.class, () -> new CellParser(false, TestLines.problemsOnLine(2), marked)
                        .number(TestLines.bytes("-9.0"), 0, 4, 3)).getMessage());
        for (String refused : new String[] {"12345678", "-9.5", "1e3"}) {
            assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withMissingMarks(java.util.List.of(refused)), refused);
        }
    }
}
