package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnLayoutTest {

    private static ColumnLayout layout(String firstLine, CsvFormat format) {
        byte[] bytes = TestLines.bytes(firstLine);
        return ColumnLayout.read(format, bytes, 0, bytes.length, TestLines.problemsOnLine(1));
    }

    private static String rejects(String firstLine, CsvFormat format) {
        return assertThrows(DataFileException.class, () -> layout(firstLine, format)).getMessage();
    }

    @Test
    void takesTheHeadersNamesWithTheLabelLastByDefault() {
        ColumnLayout layout = layout("a, \"b,c\" ,label", CsvFormat.defaults());
        assertEquals(List.of("a", "b,c", "label"), layout.names());
        assertEquals(3, layout.columns());
        assertEquals(2, layout.labelColumn());
        assertArrayEquals(new int[] {0, 1, -1}, layout.featureOf());
        assertEquals(List.of("a", "b,c"), layout.featureNames());
        assertEquals(2, layout.featureCount());
    }

    @Test
    void numbersTheColumnsOfAFileWithoutHeader() {
        ColumnLayout layout = layout("1;2;0", CsvFormat.defaults().withoutHeader().withDelimiter(';').withLabelIndex(0));
        assertEquals(List.of("column 1", "column 2", "column 3"), layout.names());
        assertEquals(0, layout.labelColumn());
        assertArrayEquals(new int[] {-1, 0, 1}, layout.featureOf());
        assertEquals(List.of("column 2", "column 3"), layout.featureNames());
    }

    @Test
    void placesChosenFeaturesInTheirOrder() {
        ColumnLayout layout = layout("id,a,b,label,c", CsvFormat.defaults().withLabel("label").withFeatures(List.of("c", "a")));
        assertEquals(3, layout.labelColumn());
        assertArrayEquals(new int[] {-1, 1, -1, -1, 0}, layout.featureOf());
        assertEquals(List.of("c", "a"), layout.featureNames());
        assertEquals(2, layout.featureCount());
    }

    @Test
    void leavesOutDroppedColumnsKeepingTheRestInFileOrder() {
        ColumnLayout layout = layout("id,a,label,b", CsvFormat.defaults().withLabel("label").withoutColumns(List.of("id")));
        assertArrayEquals(new int[] {-1, 0, -1, 1}, layout.featureOf());
        assertEquals(List.of("a", "b"), layout.featureNames());
    }

    @Test
    void everyColumnIsAFeatureWithoutALabel() {
        ColumnLayout layout = layout("x", CsvFormat.defaults().withoutLabel());
        assertEquals(-1, layout.labelColumn());
        assertArrayEquals(new int[] {0}, layout.featureOf());
    }

    @Test
    void leavesTheLinesBytesAsTheyWere() {
        byte[] bytes = TestLines.bytes("\"x\"\"y\",b");
        byte[] before = bytes.clone();
        ColumnLayout layout = ColumnLayout.read(CsvFormat.defaults(), bytes, 0, bytes.length, TestLines.problemsOnLine(1));
        assertEquals(List.of("x\"y", "b"), layout.names());
        assertArrayEquals(before, bytes);
    }

    @Test
    void namesTheProblemWithTheLayoutAndTheLine() {
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (its header reads as one "
                + "column, \"a;label\": is the delimiter ';'? give --delimiter ';')", rejects("a;label", CsvFormat.defaults()));
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (its header reads as one "
                + "column, \"a\\x09label\": is the delimiter a tab? give --delimiter '\\t')", rejects("a\tlabel", CsvFormat.defaults()));
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (is the delimiter a comma?)",
                rejects("label", CsvFormat.defaults()));
        assertEquals("t.csv, line 1: holds nothing but blanks: expected a header row and data rows", rejects(" ", CsvFormat.defaults()));
        assertEquals("t.csv, line 1: holds nothing but blanks: expected a header row and data rows", rejects("", CsvFormat.defaults()
                .withoutLabel()), "predict's read, of no label");
        assertEquals(List.of("column 1"), layout(" ", CsvFormat.defaults().withoutLabel().withoutHeader()).names(),
                "without a header, a row of one missing value");
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (its header reads as one "
                + "column, \"a,label\": is the delimiter ','? give --delimiter ',')", rejects("a,label", CsvFormat.defaults().withDelimiter(';')));
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (its header is one quoted "
                + "field, \"a,b,label\": are its lines quoted whole?)", rejects("\"a,b,label\"", CsvFormat.defaults()));
        assertEquals("t.csv, line 1: found 1 column; a labeled CSV needs at least one feature and a label (its first line reads as "
                + "one column, \"1;2;0\": is the delimiter ';'? give --delimiter ';')", rejects("1;2;0", CsvFormat.defaults().withoutHeader()));
        // a name the list, cut at ten, may not show: one that differs only in case or blanks is named
        assertEquals("t.csv, line 1: has no column named \"class\" to read as the label (a column is named \"Class\"; names match exactly) (--label NAME [Java: CsvFormat.withLabel] names another); its columns "
                + "are c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, … (11 columns)",
                rejects("c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,Class", CsvFormat.defaults().withLabel("class")));
        assertEquals("t.csv, line 1: has no column named \"Age\" to leave out (a column is named \"age\"; names match exactly); "
                + "its columns are age, y", rejects("age,y", CsvFormat.defaults().withoutColumns(List.of("Age"))));
        assertEquals("t.csv, line 1: has no column named \"y\" to read as the label (--label NAME [Java: CsvFormat.withLabel] names another); its columns are a, b", rejects("a,b", CsvFormat.defaults().withLabel("y")));
        assertEquals("t.csv, line 1: has no column named \"y\" to read as the label (--label NAME [Java: CsvFormat.withLabel] names another); its columns are a, b\\x1B[31mred", rejects("a,b\u001b[31mred",
                CsvFormat.defaults().withLabel("y")), "an escape sequence in a header does not reach the terminal");
        assertEquals("t.csv, line 1: has 2 columns, so no label column 2 (counting from 0)",
                rejects("1,0", CsvFormat.defaults().withoutHeader().withLabelIndex(2)));
        assertEquals("t.csv, line 1: has no column named \"z\" to read; its columns are a, b",
                rejects("a,b", CsvFormat.defaults().withFeatures(List.of("z"))));
        assertEquals("t.csv, line 1: column \"b\" is the label; it cannot also be left out",
                rejects("a,b", CsvFormat.defaults().withoutColumns(List.of("b"))));
        assertEquals("t.csv, line 1: has no feature column left once the label and the dropped columns are taken out",
                rejects("a,b", CsvFormat.defaults().withoutColumns(List.of("a"))));
        assertEquals("t.csv, line 1, column 2: not valid UTF-8: \"\\xFF\" (read as Windows-1252, as Excel saves a CSV file on "
                + "Western systems, it is \"\u00ff\": if the whole file is, give --encoding windows-1252 [Java: "
                + "CsvFormat.withEncoding(\"windows-1252\")])",
                assertThrows(DataFileException.class, () -> ColumnLayout.read(CsvFormat.defaults(), new byte[] {'a', ',', (byte) 0xFF}, 0,
                        3, TestLines.problemsOnLine(1))).getMessage());
        assertEquals("t.csv, line 1, column 2: not valid UTF-8: \"\\x81\"", assertThrows(DataFileException.class, () ->
                ColumnLayout.read(CsvFormat.defaults(), new byte[] {'a', ',', (byte) 0x81}, 0, 3, TestLines.problemsOnLine(1))).getMessage(),
                "0x81 is no Windows-1252 character either: no hint");
        assertEquals("t.csv, line 1: holds a carriage return (\\r) with no line feed after it: the file's lines end in \\r alone (old "
                + "Mac line ends); convert them to \\n first, for example with tr '\\r' '\\n'", rejects("a,label\r1,0\r2,1",
                CsvFormat.defaults()));
    }
}
