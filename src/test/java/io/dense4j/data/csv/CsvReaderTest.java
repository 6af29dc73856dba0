package io.dense4j.data.csv;

import io.dense4j.data.DataFileException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvReaderTest {
    @TempDir
    Path folder;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** Rows as "features | class" strings, read with the given chunk size. */
    private static List<String> rows(Path file, CsvFormat format, int chunk) {
        List<String> rows = new ArrayList<>();
        CsvReader.Summary summary = new CsvReader(file, format, chunk, false, false).read((line, features, provisional, weight) -> {
            StringBuilder row = new StringBuilder();
            for (float value : features) {
                row.append(value).append(' ');
            }
            rows.add(row.append("| ").append(provisional).toString());
        });
        assertEquals(rows.size(), summary.rows());
        return rows;
    }

    private DataFileException rejects(String content) throws IOException {
        Path file = write("bad.csv", content);
        return assertThrows(DataFileException.class, () -> rows(file, CsvFormat.defaults(), 1 << 20));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 7, 64, 1 << 20})
    void readsRowsWhateverTheChunkSize(int chunk) throws IOException {
        Path file = write("ok.csv", "a,b,label\r\n1.5, -2 ,yes\n\n\"3e2\",\"4\",no\r\n0.25,1e-3,\"yes\"");
        assertEquals(List.of("1.5 -2.0 | 0", "300.0 4.0 | 1", "0.25 0.001 | 0"), rows(file, CsvFormat.defaults(), chunk));
    }

    @Test
    void linesOfSpacesAndTabsAreBlankUnlessTheDelimiterIsAmongThem() throws IOException {
        Path file = write("spaces.csv", "  \na,b,label\n1,2,0\n   \t \n3,4,1\r\n \r\n");
        assertEquals(List.of("1.0 2.0 | 0", "3.0 4.0 | 1"), rows(file, CsvFormat.defaults(), 1 << 20));
        assertEquals(List.of("1.0 2.0 | 0", "3.0 4.0 | 1"), rows(file, CsvFormat.defaults(), 3));
        // with tabs between the cells, a line of tabs is a row of empty cells, as pandas reads it
        Path tabs = write("tabs.tsv", "a\tb\tlabel\n1\t2\t0\n\t\t\n");
        assertTrue(assertThrows(DataFileException.class, () -> rows(tabs, CsvFormat.defaults().withDelimiter('\t'), 1 << 20))
                .getMessage().contains("line 3, column 1 (\"a\"): empty cell"));
        assertTrue(rejects("a,label\n1,0\n , \n").getMessage().contains("line 3, column 1 (\"a\"): empty cell"));
    }

    @Test
    void findsTheLabelByNameOrIndexWithAnyDelimiter() throws IOException {
        Path file = write("semi.csv", "y;x1;x2\n1;0.5;2\n0;1;\"2;5\"\n".replace("\"2;5\"", "3"));
        CsvFormat byName = CsvFormat.defaults().withDelimiter(';').withLabel("y");
        assertEquals(List.of("0.5 2.0 | 0", "1.0 3.0 | 1"), rows(file, byName, 1 << 20));
        CsvReader.Summary summary = new CsvReader(file, byName).read((line, features, provisional, weight) -> { });
        assertEquals(List.of("x1", "x2"), summary.featureNames());
        Path plain = write("plain.csv", "1,0.5,2\n0,1,3\n");
        assertEquals(List.of("0.5 2.0 | 0", "1.0 3.0 | 1"), rows(plain, CsvFormat.defaults().withoutHeader().withLabelIndex(0), 1 << 20));
    }

    @Test
    void quotedFieldsMayHoldDelimitersAndDoubledQuotes() throws IOException {
        Path file = write("q.csv", "x,label\n1,\"a,\"\"b\"\"\"\n2,c\n");
        rows(file, CsvFormat.defaults(), 5);
        CsvReader.Summary summary = new CsvReader(file, CsvFormat.defaults()).read((line, features, provisional, weight) -> { });
        assertArrayEquals(new String[] {"a,\"b\"", "c"}, summary.labels().names());
    }

    @Test
    void mapsLabels() throws IOException {
        // two names map in sorted order whatever comes first: "no" → 0, "yes" → 1
        LabelMapping names = summary("n.csv", "x,label\n1,yes\n2,no\n");
        assertTrue(names.flipped());
        assertArrayEquals(new String[] {"no", "yes"}, names.classes());
        // 0/1 and true/false keep their meaning
        assertTrue(summary("b.csv", "x,label\n1,TRUE\n2,false\n").flipped());
        assertTrue(summary("d.csv", "x,label\n1,1\n2,0\n").flipped());
        assertTrue(!summary("e.csv", "x,label\n1,0\n2,1\n").flipped());
    }

    private LabelMapping summary(String name, String content) throws IOException {
        return new CsvReader(write(name, content), CsvFormat.defaults()).read((line, features, provisional, weight) -> { }).labels();
    }

    @Test
    void rejectsACellThatIsNotANumberNamingFileLineColumnAndText() throws IOException {
        DataFileException error = rejects("a,b,label\n1,2,0\n3,abc,1\n");
        assertTrue(error.getMessage().endsWith("bad.csv, line 3, column 2 (\"b\"): expected a number, got \"abc\" (to read the column as categories, declare it categorical when training: --categorical b [Java: CsvSource.Options.withCategorical])"), error.getMessage());
        assertEquals(3, error.line());
        assertEquals(2, error.column());
    }

    @Test
    void rejectsMissingValues() throws IOException {
        assertTrue(rejects("a,b,label\n1,,0\n").getMessage().contains("line 2, column 2 (\"b\"): empty cell (a missing value)"));
        assertTrue(rejects("a,b,label\n1,NA,0\n").getMessage().contains("\"NA\" is a missing value; expected a number (--fill-missing [Java: CsvSource.Options.fillingMissing()], the default, trains"));
        assertTrue(rejects("a,b,label\n1,NaN,0\n").getMessage().contains("\"NaN\" is a missing value"));
        assertTrue(rejects("a,b,label\n1,-Infinity,0\n").getMessage().contains("\"-Infinity\" is infinite"));
        assertTrue(rejects("a,b,label\n1,2,\n").getMessage().contains("column 3 (\"label\"): empty label cell"));
    }

    @Test
    void rejectsAWrongFieldCount() throws IOException {
        assertTrue(rejects("a,b,label\n1,2,0\n1,0\n").getMessage().contains("line 3: has 2 fields; the header has 3"));
        assertTrue(rejects("a,b,label\n1,2,0,9\n").getMessage().contains("line 2: has more than 3 fields; the header has 3"));
    }

    @Test
    void rejectsBadLabels() throws IOException {
        assertTrue(rejects("x,label\n1,cat\n2,dog\n3,bird\n").getMessage()
                .contains("line 4, column 2 (\"label\"): label \"bird\" is a third class; the labels so far are \"cat\" and \"dog\""));
        assertTrue(rejects("x,label\n1,2\n2,no\n").getMessage().contains("line 3, column 2 (\"label\"): the labels mix \"2\" and \"no\""));
        assertTrue(rejects("x,label\n1,0\n2,yes\n").getMessage().contains("the labels mix \"0\" and \"yes\""));
        // the label taken as the last column by default: most often the label is another column
        String lastByDefault = "; the label is the last column, as no --label [Java: CsvFormat.withLabel or withLabelIndex] names another";
        for (String bad : new String[] {"x,label\n1,cat\n2,dog\n3,bird\n", "x,label\n1,0\n2,yes\n", "x,label\n1,NA\n", "x,label\n1,\n"}) {
            assertTrue(rejects(bad).getMessage().endsWith(lastByDefault), rejects(bad).getMessage());
        }
        Path named = write("named.csv", "x,label,y\n1,cat,0\n2,dog,1\n3,bird,0\n");
        DataFileException chosen = assertThrows(DataFileException.class, () -> rows(named, CsvFormat.defaults().withLabel("label"), 1 << 20));
        assertTrue(chosen.getMessage().endsWith("the labels so far are \"cat\" and \"dog\""), chosen.getMessage());
    }

    @Test
    void rejectsEmptyHeaderOnlyMissingAndDirectoryFiles() throws IOException {
        assertTrue(rejects("").getMessage().endsWith("bad.csv: is empty: expected a header row and data rows"));
        assertTrue(rejects("a,label\n\n").getMessage().endsWith("bad.csv: has a header row but no data rows"));
        Path missing = folder.resolve("missing.csv");
        assertTrue(assertThrows(DataFileException.class, () -> rows(missing, CsvFormat.defaults(), 64))
                .getMessage().endsWith("missing.csv: no such file"));
        assertTrue(assertThrows(DataFileException.class, () -> rows(folder, CsvFormat.defaults(), 64))
                .getMessage().endsWith(": is a directory, not a CSV file"));
    }

    /** A NUL or a byte-order mark inside a text is damage: it would become a class, or a category, of its own. */
    @Test
    void rejectsANulOrAByteOrderMarkInsideAText() throws IOException {
        Path nul = folder.resolve("nul.csv");
        Files.write(nul, new byte[] {'x', ',', 'l', '\n', '1', ',', 'y', 0, 'e', 's', '\n', '2', ',', 'n', 'o', '\n'});
        assertTrue(assertThrows(DataFileException.class, () -> rows(nul, CsvFormat.defaults(), 64)).getMessage()
                .contains("line 2, column 2 (\"l\"): \"y\\x00es\" holds a NUL byte or a byte-order mark inside its text: the file looks "
                        + "damaged, or is not plain text"));
        Path bom = folder.resolve("bom.csv");
        Files.write(bom, new byte[] {'x', ',', 'l', '\n', '1', ',', 'n', 'o', '\n', '2', ',', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'n', 'o', '\n'});
        assertTrue(assertThrows(DataFileException.class, () -> rows(bom, CsvFormat.defaults(), 64)).getMessage()
                .contains("line 3, column 2 (\"l\"): \""), "a byte-order mark is the file's first bytes, not a cell's");
    }

    @Test
    void rejectsBytesThatAreNotUtf8() throws IOException {
        Path file = folder.resolve("latin1.csv");
        Files.write(file, new byte[] {'x', ',', 'l', 'a', 'b', 'e', 'l', '\n', '1', ',', 'c', 'a', (byte) 0xE9, '\n', '2', ',', 'b', '\n'});
        DataFileException error = assertThrows(DataFileException.class, () -> rows(file, CsvFormat.defaults(), 64));
        assertTrue(error.getMessage().contains("line 2, column 2 (\"label\"): not valid UTF-8: \"ca\\xE9\""), error.getMessage());
        Path number = folder.resolve("number.csv");
        Files.write(number, new byte[] {'x', ',', 'l', '\n', '1', (byte) 0xFF, ',', '0', '\n'});
        assertTrue(assertThrows(DataFileException.class, () -> rows(number, CsvFormat.defaults(), 64))
                .getMessage().contains("expected a number, got \"1\\xFF\""));
    }

    @Test
    void rejectsAnUnknownLabelColumn() throws IOException {
        Path file = write("cols.csv", "a,b\n1,0\n");
        DataFileException error = assertThrows(DataFileException.class,
                () -> rows(file, CsvFormat.defaults().withLabel("y"), 64));
        assertTrue(error.getMessage().contains("has no column named \"y\" to read as the label (--label NAME [Java: CsvFormat.withLabel] names another); its columns are a, b"), error.getMessage());
    }

    @Test
    void tabSeparatedFilesKeepEmptyCellsAndQuotedFields() throws IOException {
        Path file = write("t.tsv", "a\tb\tlabel\n\"1\"\t2\t0\n3\t4\t1\n");
        assertEquals(List.of("1.0 2.0 | 0", "3.0 4.0 | 1"), rows(file, CsvFormat.defaults().withDelimiter('\t'), 1 << 20));
        Path empty = write("e.tsv", "a\tb\tlabel\n1\t\t0\n");
        DataFileException error = assertThrows(DataFileException.class,
                () -> rows(empty, CsvFormat.defaults().withDelimiter('\t'), 1 << 20));
        assertTrue(error.getMessage().contains("column 2 (\"b\"): empty cell"), error.getMessage());
    }

    @Test
    void aBrokenHeaderIsADataFileError() throws IOException {
        assertTrue(rejects("a,\"b,label\n1,2,0\n").getMessage().contains("line 1, column 2: a quoted field opens here and no quote closes it before the end of the file"));
    }

    @Test
    void aHeaderlessFirstRowWithEscapedQuotesIsReadOnce() throws IOException {
        Path file = write("h.csv", "1,\"a\"\"b\"\n2,c\n");
        CsvReader.Summary summary = new CsvReader(file, CsvFormat.defaults().withoutHeader()).read((line, features, label, weight) -> { });
        assertArrayEquals(new String[] {"a\"b", "c"}, summary.labels().names());
        assertEquals(2, summary.rows());
    }

    @Test
    void numericLabelsCountByValueAndMissingOnesAreNamed() throws IOException {
        assertTrue(summary("v.csv", "x,label\n1,1.00\n2,0e0\n").flipped());
        assertTrue(rejects("x,label\n1,NaN\n2,0\n").getMessage().contains("the label \"NaN\" is a missing value"));
        assertTrue(rejects("x,label\n1,n/a\n2,0\n").getMessage().contains("the label \"n/a\" is a missing value"));
        assertTrue(rejects("x,label\n1,-Infinity\n2,0\n").getMessage().contains("the label \"-Infinity\" is an infinite number"));
        // names that only hold "nan" or "inf" are classes: scikit-learn's breast cancer targets among them
        assertEquals(List.of("malignant", "benign"), List.of(summary("names.csv", "x,label\n1,malignant\n2,benign\n").names()));
        assertEquals(List.of("Nancy", "tenant"), List.of(summary("names2.csv", "x,label\n1,Nancy\n2,tenant\n").names()));
    }

    @Test
    void aByteOrderMarkIsNeitherPartOfTheFirstNameNorOfTheFirstValue() throws IOException {
        Path headed = write("bom.csv", "\uFEFFage,label\n1,0\n2,1\n"); // as spreadsheet programs save "CSV UTF-8"
        assertEquals(List.of("age", "label"), new CsvReader(headed, CsvFormat.defaults()).columnNames());
        assertEquals(List.of("1.0 | 0", "2.0 | 1"), rows(headed, CsvFormat.defaults().withFeatures(List.of("age")), 1 << 20));
        Path headless = write("bom-data.csv", "\uFEFF1.5,0\n2,1\n");
        assertEquals(List.of("1.5 | 0", "2.0 | 1"), rows(headless, CsvFormat.defaults().withoutHeader(), 2));
    }

    @Test
    void namesNumbersBeyondFloat32Range() throws IOException {
        assertTrue(rejects("a,label\n1e39,0\n").getMessage().contains("\"1e39\" is beyond float32's range"));
    }

    @Test
    void skipsBadRowsWhenAskedAndSaysWhichLines() throws IOException {
        Path file = write("some-bad.csv", "a,b,label\n1,2,no\n3,x,yes\n4,5,yes\n6,7\n8,9,7\n10,11,no\n");
        List<String> rows = new ArrayList<>();
        CsvReader.Summary summary = new CsvReader(file, CsvFormat.defaults()).skippingBadRows()
                .read((line, features, provisional, weight) -> rows.add(line + ":" + features[0] + "|" + provisional));
        assertEquals(List.of("2:1.0|0", "4:4.0|1", "7:10.0|0"), rows);
        assertEquals(3, summary.rows());
        assertEquals(3, summary.skippedRows());
        assertEquals(List.of(3L, 5L, 6L), summary.firstSkippedLines());
        // the rejected label "7" did not become a class: the two names are still "no" and "yes"
        assertArrayEquals(new String[] {"no", "yes"}, summary.labels().names());
    }

    @Test
    void aFileWithNoGoodRowSaysSoEvenWhenSkipping() throws IOException {
        Path file = write("all-bad.csv", "a,label\nx,0\ny,1\n");
        DataFileException error = assertThrows(DataFileException.class,
                () -> new CsvReader(file, CsvFormat.defaults()).skippingBadRows().read((line, features, provisional, weight) -> { }));
        assertTrue(error.getMessage().contains("has no good data row: all 2 were bad; the first: ")
                && error.getMessage().contains("line 2, column 1 (\"a\"): expected a number, got \"x\""), error.getMessage());
    }

    @Test
    void readsChosenFeaturesInTheirOrderOrAllButTheDroppedOnes() throws IOException {
        Path file = write("columns.csv", "id,a,b,label,c\n7,1,2,0,3\n8,4,5,1,6\n");
        List<String> rows = new java.util.ArrayList<>();
        CsvReader.Summary chosen = new CsvReader(file, CsvFormat.defaults().withLabel("label").withFeatures(List.of("c", "a")))
                .read((line, features, provisional, weight) -> rows.add(java.util.Arrays.toString(features)));
        assertEquals(List.of("c", "a"), chosen.featureNames());
        assertEquals(List.of("[3.0, 1.0]", "[6.0, 4.0]"), rows);
        CsvReader.Summary dropped = new CsvReader(file, CsvFormat.defaults().withLabel("label").withoutColumns(List.of("id")))
                .read((line, features, provisional, weight) -> { });
        assertEquals(List.of("a", "b", "c"), dropped.featureNames());
        DataFileException unknown = assertThrows(DataFileException.class, () -> new CsvReader(file,
                CsvFormat.defaults().withLabel("label").withoutColumns(List.of("ID"))).read((line, features, provisional, weight) -> { }));
        assertTrue(unknown.getMessage().contains("has no column named \"ID\" to leave out (a column is named \"id\"; names match exactly); its columns are "
                + "id, a, b, label, c"),
                unknown.getMessage());
        assertThrows(DataFileException.class, () -> new CsvReader(file,
                CsvFormat.defaults().withLabel("label").withFeatures(List.of("label"))).read((line, features, provisional, weight) -> { }));
        assertThrows(IllegalArgumentException.class, () -> CsvFormat.defaults().withoutHeader().withFeatures(List.of("a")));
    }

    @Test
    void missingValuesReadAsNaNWhenAllowedAndAreCounted() throws IOException {
        Path file = write("gaps.csv", "a,b,label\n,NA,0\nn/a,nan,1\nNaN,2,0\n");
        List<Float> values = new java.util.ArrayList<>();
        CsvReader.Summary summary = new CsvReader(file, CsvFormat.defaults()).allowingMissing()
                .read((line, features, provisional, weight) -> { values.add(features[0]); values.add(features[1]); });
        assertEquals(5, summary.missingValues());
        assertEquals(2f, values.get(5));
        assertEquals(5, values.stream().filter(v -> v.isNaN()).count());
        assertTrue(assertThrows(DataFileException.class, () -> new CsvReader(write("inf.csv", "a,label\nInfinity,0\n"),
                CsvFormat.defaults()).allowingMissing().read((line, features, provisional, weight) -> { })).getMessage().contains("is infinite"));
    }

    @Test
    void findsEveryNewlineEightBytesAtATimeAsOneByteAtATimeWould() {
        java.util.Random random = new java.util.Random(1);
        for (int trial = 0; trial < 2_000; trial++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(6) == 0 ? '\n' : random.nextInt(256)); // every byte value, 0x0B and 0x8A too
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            int expected = -1;
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, CsvReader.indexOfNewline(bytes, from, bytes.length));
        }
    }

    @Test
    void piecesSplitAtLineStartsReadAsTheWholeFileDoes() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 50; i++) {
            text.append(i).append(".5,").append(-i).append(',').append(i % 3 == 0 ? "yes" : "no").append('\n');
        }
        Path file = write("pieces.csv", text.toString());
        byte[] bytes = Files.readAllBytes(file);
        int firstLineEnd = text.indexOf("\n");
        List<String> whole = rows(file, CsvFormat.defaults(), 1 << 20);

        List<String> fromPieces = new ArrayList<>();
        CsvReader reader = new CsvReader(file, CsvFormat.defaults());
        int[] cuts = {0, text.indexOf("\n", 100) + 1, text.indexOf("\n", 300) + 1, bytes.length, bytes.length};
        for (int k = 0; k + 1 < cuts.length; k++) { // the last piece is empty
            byte[] firstLine = k == 0 ? null : java.util.Arrays.copyOf(bytes, firstLineEnd);
            reader.readPiece(new java.io.ByteArrayInputStream(bytes, cuts[k], cuts[k + 1] - cuts[k]), firstLine,
                    (line, features, provisional, weight) -> fromPieces.add(features[0] + " " + features[1] + " | " + provisional));
        }
        // each piece numbers its labels in its own first-seen order; the whole file's first row is "yes"
        assertEquals(whole.size(), fromPieces.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).substring(0, whole.get(i).indexOf('|')), fromPieces.get(i).substring(0, fromPieces.get(i).indexOf('|')));
        }
    }

    @Test
    void anErrorInALaterPieceMovedByTheLinesBeforeItIsTheWholeFilesError() throws IOException {
        String text = "a,b,label\n1,2,yes\n3,4,no\n5,x7,no\n";
        Path file = write("bad-piece.csv", text);
        DataFileException whole = assertThrows(DataFileException.class, () -> rows(file, CsvFormat.defaults(), 1 << 20));
        byte[] bytes = Files.readAllBytes(file);
        int pieceStart = text.indexOf("3,4");
        DataFileException inPiece = assertThrows(DataFileException.class, () -> new CsvReader(file, CsvFormat.defaults())
                .readPiece(new java.io.ByteArrayInputStream(bytes, pieceStart, bytes.length - pieceStart),
                        "a,b,label".getBytes(StandardCharsets.UTF_8), (line, features, provisional, weight) -> { }));
        assertEquals(2, inPiece.line());
        assertEquals(whole.getMessage(), inPiece.afterLines(2).getMessage()); // two lines precede the piece
        assertEquals(4, inPiece.afterLines(2).line());
        assertEquals(2, inPiece.afterLines(2).column());
    }
}
