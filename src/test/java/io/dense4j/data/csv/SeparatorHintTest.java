package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeparatorHintTest {
    private static final String COMMA = "a decimal comma? read the file with --decimal ','";
    private static final String POINT = "a decimal point? read the file with --decimal '.'";
    private static final String GROUPED = "thousands separators? read the file with --thousands ','";
    private static final String EITHER = COMMA + "; or thousands separators? read it with --thousands ','";
    private static final String GERMAN = "thousands separators and a decimal comma? read the file with --thousands '.' --decimal ','";
    private static final String POINTS = "thousands separators? read the file with --thousands '.'";
    private static final String NUMBER = "(a number in the format)";

    private static String hint(String cell, CsvFormat format) {
        byte[] bytes = TestLines.bytes("##" + cell + "##");
        return SeparatorHint.of(bytes, 2, bytes.length - 2, format);
    }

    @Test
    void aCellThatIsANumberWithOtherSeparatorsGetsItsHint() {
        CsvFormat semicolons = CsvFormat.defaults().withDelimiter(';');
        CsvFormat commas = CsvFormat.defaults();
        CsvFormat decimalComma = semicolons.withDecimal(',');
        // cell, then the hint with ';' and a point, with ',' and a point, with ';' and a comma; NUMBER where the
        // format reads the cell as a number, so no hint is asked for
        String[][] cases = {
            {"26,3", COMMA, null, NUMBER},
            {"-0,125", COMMA, null, NUMBER},
            {"12,345", EITHER, GROUPED, null},
            {"1,234,567", GROUPED, GROUPED, null},
            {"3,449.45", GROUPED, GROUPED, null},
            {"-1,000", EITHER, GROUPED, NUMBER},
            {"3.449,45", GERMAN, GERMAN, POINTS},
            {"6.368", NUMBER, NUMBER, POINTS},
            {"7.4", NUMBER, NUMBER, POINT},
            {"1.5e-3", NUMBER, NUMBER, POINT},
            {"1,2345", COMMA, null, NUMBER},
            {"1234,567", COMMA, null, NUMBER},
            {"1,23,456", null, null, null},
            {"12,", COMMA, null, NUMBER},
            {"Berlin", null, null, null},
            {"1,5,", null, null, null},
        };
        assertEquals(COMMA + " instead of --thousands ','", hint("12,34", semicolons.withThousands(',')));
        String unread = "thousands separators dense4j does not read (a space or an apostrophe)? take them out of the file, or write "
                + "the numbers with ',' or '.' groups and give --thousands";
        for (String grouped : new String[] {"1 234,5", "1\u00a0234,5", "12\u202f345\u202f678", "1'234.50", "-3'449"}) {
            assertEquals(unread, hint(grouped, decimalComma), grouped);
            assertEquals(unread, hint(grouped, semicolons), grouped);
        }
        assertEquals(null, hint("12 34", decimalComma), "not in groups of three");
        assertEquals(POINT + ", without --thousands '.'", hint("1.5", decimalComma.withThousands('.')));
        CsvFormat[] formats = {semicolons, commas, decimalComma};
        for (String[] row : cases) {
            for (int f = 0; f < formats.length; f++) {
                if (row[f + 1] != NUMBER) {
                    assertEquals(row[f + 1], hint(row[0], formats[f]), row[0] + " in format " + f);
                }
            }
        }
    }
}
