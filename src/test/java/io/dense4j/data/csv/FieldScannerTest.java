package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldScannerTest {

    /** Each field's content in brackets, then the line as the scanner left it. */
    private static List<String> fields(String line, char delimiter) {
        byte[] bytes = TestLines.bytes(line);
        FieldScanner scanner = new FieldScanner(delimiter, TestLines.problemsOnLine(1));
        List<String> found = new ArrayList<>();
        for (int at = 0, column = 1; at <= bytes.length; column++) {
            int next = scanner.field(bytes, at, bytes.length, column);
            found.add("[" + new String(bytes, scanner.start(), scanner.end() - scanner.start(), StandardCharsets.UTF_8) + "]");
            at = next + 1;
        }
        return found;
    }

    private static DataFileException rejects(String line, int column, int at) {
        byte[] bytes = TestLines.bytes(line);
        FieldScanner scanner = new FieldScanner(',', TestLines.problemsOnLine(3));
        return assertThrows(DataFileException.class, () -> scanner.field(bytes, at, bytes.length, column));
    }

    @Test
    void trimsSpacesAndTabsAroundAField() {
        assertEquals(List.of("[1.5]", "[-2]", "[a b]", "[]"), fields(" 1.5 ,\t-2\t, a b ,", ','));
    }

    @Test
    void returnsTheDelimiterAfterTheFieldOrTheLineEnd() {
        byte[] bytes = TestLines.bytes("ab, \"c\" ,d");
        FieldScanner scanner = new FieldScanner(',', TestLines.problemsOnLine(1));
        assertEquals(2, scanner.field(bytes, 0, bytes.length, 1));
        assertEquals(8, scanner.field(bytes, 3, bytes.length, 2));
        assertEquals(5, scanner.start());
        assertEquals(6, scanner.end());
        assertEquals(bytes.length, scanner.field(bytes, 9, bytes.length, 3));
    }

    @Test
    void unescapesDoubledQuotesInPlace() {
        byte[] bytes = TestLines.bytes("\"a,\"\"b\"\"\",c");
        FieldScanner scanner = new FieldScanner(',', TestLines.problemsOnLine(1));
        assertEquals(9, scanner.field(bytes, 0, bytes.length, 1));
        assertEquals("a,\"b\"", new String(bytes, scanner.start(), scanner.end() - scanner.start(), StandardCharsets.UTF_8));
        assertEquals(1, scanner.start());
    }

    @Test
    void aQuotedFieldKeepsTheDelimiterAndBlanksInsideIt() {
        assertEquals(List.of("[ x, y ]", "[]", "[\"]"), fields(" \" x, y \" ,\"\",\"\"\"\"", ','));
    }

    @Test
    void aBlankThatIsTheDelimiterSeparatesInsteadOfBeingTrimmed() {
        assertEquals(List.of("[a]", "[]", "[b]"), fields("a\t\tb", '\t'));
        assertEquals(List.of("[a]", "[b]"), fields(" a \t b ", '\t'));
        assertEquals(List.of("[a]", "[]", "[b]"), fields("a  b", ' '));
    }

    @Test
    void rejectsAQuotedFieldWithoutItsClosingQuote() {
        DataFileException error = rejects("1,\"ab", 2, 2);
        assertEquals("t.csv, line 3, column 2: a quoted field has no closing quote on its line", error.getMessage());
        assertEquals(3, error.line());
        assertEquals(2, error.column());
    }

    @Test
    void rejectsTextAfterAQuotedFieldQuotingItsFirstTwentyBytes() {
        assertEquals("t.csv, line 3, column 1: unexpected text after a quoted field: \"bcdefghijklmnopqrstu\"",
                rejects("\"a\" bcdefghijklmnopqrstuvwxyz,1", 1, 0).getMessage());
        assertEquals("t.csv, line 3, column 1: unexpected text after a quoted field: \"é\"",
                rejects("\"a\"é", 1, 0).getMessage());
    }
}
