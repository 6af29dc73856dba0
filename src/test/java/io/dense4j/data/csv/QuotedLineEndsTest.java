package io.dense4j.data.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quoted field may hold line ends, as a spreadsheet writes a cell of several lines: the row goes
 * on past them, read in one piece or in parts, and lines are still counted as the file has them.
 */
class QuotedLineEndsTest {
    @TempDir
    Path folder;

    private static final String NOTES = "age,note,label\n"
            + "31,\"called twice,\nno answer\",0\n"
            + "45,ok,1\n"
            + "52,\"said \"\"later\"\"\n\nthen yes\",1\n"
            + "38,ok,0\n";

    @Test
    void aCellOfSeveralLinesIsOneCategory() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.csv"), NOTES);
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        assertEquals(4, source.rows());
        assertEquals(List.of("note"), source.categoricalColumns());
        List<String> notes = source.categories(100).get("note").values();
        assertTrue(notes.containsAll(List.of("ok", "called twice,\nno answer", "said \"later\"\n\nthen yes")), notes.toString());
    }

    @Test
    void aBadCellAfterThemNamesItsLineAsTheFileNumbersIt() throws IOException {
        Path file = Files.writeString(folder.resolve("notes.csv"), NOTES + "4x,ok,1\n");
        DataFileException bad = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertTrue(bad.getMessage().startsWith(file + ", line 9, column 1 (\"age\"): expected a number, got \"4x\" ("),
                bad.getMessage());

        Path inside = Files.writeString(folder.resolve("inside.csv"), NOTES.replace("52,", "5x,"));
        DataFileException spanning = assertThrows(DataFileException.class, () -> CsvSource.open(inside, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertTrue(spanning.getMessage().startsWith(inside + ", line 5, column 1 (\"age\"): expected a number, got \"5x\" ("),
                spanning.getMessage());
        assertTrue(spanning.getMessage().endsWith(" (the row runs over 3 lines from there, as a quoted field in it holds line ends)"),
                spanning.getMessage());
    }

    /**
     * A quote missing its pair runs the lines after it into its field. The read stops there, naming
     * the line; a reader skipping bad rows skips that line alone, as the lines after it may be rows.
     */
    @Test
    void aStrayQuoteStopsTheReadOrItsLineAloneIsSkipped() throws IOException {
        Path file = Files.writeString(folder.resolve("stray.csv"), "age,note,label\n31,\"ok,0\n45,ok,1\n52,fine,0\n");
        DataFileException open = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertEquals(file + ", line 2, column 2 (\"note\"): a quoted field opens here and no quote closes it before the end of the "
                + "file (a quote missing its pair takes every line after it into the field)", open.getMessage());
        CsvSource skipping = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)
                .skippingBadRows());
        assertEquals(2, skipping.rows());
        assertEquals(List.of(2L), skipping.firstSkippedLines().get(file));

        Path closed = Files.writeString(folder.resolve("closed.csv"), "age,note,label\n31,\"ok,0\n45,ok,1\n52,x\",1,7\n38,ok,0\n");
        DataFileException runTogether = assertThrows(DataFileException.class, () -> CsvSource.open(closed, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertTrue(runTogether.getMessage().startsWith(closed + ", line 2"), runTogether.getMessage());
        assertTrue(runTogether.getMessage().endsWith("(the row runs over 3 lines from there, as a quoted field in it holds line ends)"),
                runTogether.getMessage());
        CsvSource skipped = CsvSource.open(closed, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)
                .skippingBadRows());
        assertEquals(2, skipped.rows(), "45 and 38");
        assertEquals(List.of(2L, 4L), skipped.firstSkippedLines().get(closed));
    }

    /** A row of several lines whose quotes close as they should, with a bad value: skipped whole, its lines read as no rows. */
    @Test
    void aWellFormedRowOfSeveralLinesWithABadValueIsSkippedWhole() throws IOException {
        Path file = Files.writeString(folder.resolve("bad.csv"), "age,note,label\n31,\"called twice,\nshipped\",0\n"
                + "4x,\"late,\n2,shipped today\",1\n45,ok,1\n52,fine,0\n");
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)
                .skippingBadRows());
        assertEquals(3, source.rows(), "31, 45 and 52: no row made of the bad row's second line");
        assertEquals(List.of(4L), source.firstSkippedLines().get(file));
    }

    /** A stray quote in a file past a megabyte: the read stops at its line, or skips it, rather than hold the rest as one row. */
    @Test
    void aStrayQuoteInALargeFileIsOneLinesProblem() throws IOException {
        Path file = Files.writeString(folder.resolve("large.csv"), "age,note,label\n31,\"ok,0\n" + "45,ok,1\n52,fine,0\n".repeat(80_000));
        DataFileException open = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertEquals(file + ", line 2, column 2 (\"note\"): a quoted field opens here and no quote closes it within 1,048,576 bytes (a "
                + "quote missing its pair takes every line after it into the field)", open.getMessage());
        CsvSource skipping = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder)
                .skippingBadRows());
        assertEquals(160_000, skipping.rows());
        assertEquals(List.of(2L), skipping.firstSkippedLines().get(file));
    }

    /** Where a later quote closes a stray one, the text after it is on its own line, which the message names. */
    @Test
    void textAfterALaterQuoteNamesItsLine() throws IOException {
        Path file = Files.writeString(folder.resolve("later.csv"), "age,note,label\n31,\"ok,0\n45,ok,1\n52,\"x\",1\n38,ok,0\n");
        DataFileException bad = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withCacheDirectory(folder)));
        assertEquals(file + ", line 2, column 2 (\"note\"): unexpected text after a quoted field: \"x\",1\", on line 3 of the row, where "
                + "a quote closed the field opened on its line 1 (is a quote missing its pair there?) (the row runs over 3 lines from there, as a "
                + "quoted field in it holds line ends)", bad.getMessage());
    }

    /** A chunk read on its own says what a read of the whole file says: the lines inside the message count within the row. */
    @Test
    void aChunksMessageIsTheWholeFilesOne() throws IOException {
        StringBuilder text = new StringBuilder("age,note\n");
        for (int row = 0; row < 2_000; row++) {
            text.append(row).append(row == 1_500 ? ",\"ok\n" : row == 1_502 ? ",\"x\",1\n" : ",ok\n");
        }
        Path file = Files.writeString(folder.resolve("stray.csv"), text);
        CsvReader reader = new CsvReader(file, CsvFormat.defaults().withoutLabel().withCategorical(List.of("note")));
        DataFileException whole = assertThrows(DataFileException.class, () -> reader.read((line, values, label, weight) -> { }));
        CsvChunks chunks = CsvChunks.of(reader, 2_000);
        DataFileException chunked = assertThrows(DataFileException.class, () -> {
            for (int k = 0; k < chunks.count(); k++) {
                chunks.read(k, (line, values, label, weight) -> { });
            }
        });
        assertEquals(whole.getMessage(), chunked.getMessage());
        assertTrue(whole.getMessage().contains("line 1502, column 2 (\"note\"): unexpected text after a quoted field: \"x\",1\", on line 3 "
                + "of the row, where a quote closed the field opened on its line 1"), whole.getMessage());
    }

    /** Excel's "CSV UTF-8" starts with a byte order mark, which is no part of a quoted first name of two lines; labels shown escaped. */
    @Test
    void aByteOrderMarkBeforeAQuotedNameOfTwoLines() throws IOException {
        Path file = Files.writeString(folder.resolve("bom.csv"), "\uFEFF\"Amount\n(USD)\",label\n1,no\n2,\"yes\nsir\"\n3,no\n");
        CsvSource source = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withCacheDirectory(folder));
        assertEquals(3, source.rows());
        assertEquals(List.of("Amount\n(USD)"), source.featureNames());
        assertEquals("0 = \"no\", 1 = \"yes\\x0Asir\"", source.labels(), "on one line");
    }

    /**
     * About 74 MB, so that the first pass splits it in two at a line start: every row's note runs
     * over three lines, and the split falls inside one. The part before says so, and the file is
     * read on one thread: the same cache, byte for byte.
     */
    @Test
    void aFileCutInsideACellIsReadAsOneThreadReadsIt() throws IOException {
        Path file = folder.resolve("large.csv");
        java.util.Random random = new java.util.Random(3);
        int rows = 200_000;
        try (var out = Files.newBufferedWriter(file)) {
            StringBuilder line = new StringBuilder();
            for (int j = 1; j <= 40; j++) {
                line.append('f').append(j).append(',');
            }
            out.write(line.append("note,label\n").toString());
            for (int row = 0; row < rows; row++) { // the numbers first: a cut after most bytes lands before a note's second line
                line.setLength(0);
                for (int j = 0; j < 40; j++) {
                    line.append(String.format(Locale.ROOT, "%.5f,", random.nextGaussian()));
                }
                line.append("\"visit ").append(row % 13).append(",\nsee \"\"file\"\"\nend\"");
                out.write(line.append(row % 3 == 0 ? ",1\n" : ",0\n").toString());
            }
        }
        assertTrue(Files.size(file) > PartedRead.PARALLEL_MINIMUM_BYTES);
        long[] bounds = ByteRanges.splitPoints(file, 2, PartedRead.PARALLEL_MINIMUM_BYTES);
        CsvReader reader = new CsvReader(file, CsvFormat.defaults().withCategorical(List.of("note")));
        assertThrows(PartEndsInsideAQuotedField.class, () -> reader.readRange(null, 0, bounds[1], (l, f, c, w) -> { }),
                "the first part ends inside a row");

        SerialAndParted read = SerialAndParted.open(file, folder, 2);
        assertEquals(rows, read.parts().rows());
        assertEquals(13, read.parts().categories(100).get("note").values().size());
        assertEquals(-1, Files.mismatch(read.serial().cacheFile(), read.parts().cacheFile()));
    }
}
