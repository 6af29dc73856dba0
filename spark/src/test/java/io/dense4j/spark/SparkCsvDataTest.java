package io.dense4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.data.DataFileException;
import io.dense4j.data.RowSelection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files parsed in pieces on executors: every row once, and bad input reported as one machine reports it. */
class SparkCsvDataTest {
    @TempDir
    Path folder;

    @Test
    void everyRowIsReadOnceInFileOrderWhateverThePieces() throws IOException {
        TestRows rows = TestRows.xor(5_000, 3, 10);
        Path file = rows.write(folder.resolve("rows.csv"), 0, 5_000);
        for (int pieces : new int[] {1, 4, 13}) {
            try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                    .withMinPartitions(pieces))) {
                assertTrue(data.pieces() >= pieces);
                assertEquals(5_000, data.rows());
                assertEquals(List.of("x1", "x2", "x3"), data.featureNames());
                assertEquals(List.of("0", "1"), data.classes());
                List<RowBlock> blocks = data.blocks().collect().stream().sorted(Comparator.comparingInt(b -> b.piece)).toList();
                int row = 0;
                for (RowBlock block : blocks) {
                    for (int i = 0; i < block.rows; i++, row++) {
                        assertEquals(Arrays.toString(rows.x[row]), Arrays.toString(Arrays.copyOfRange(block.features, i * 3, i * 3 + 3)));
                        assertEquals(rows.y[row], data.classOf()[block.piece][block.provisionalClasses[i]]);
                    }
                }
                assertEquals(5_000, row);
            }
        }
    }

    @Test
    void aClassSpelledAnotherWayInALaterPieceIsTheSameClass() throws IOException {
        TestRows rows = TestRows.xor(4_000, 2, 14);
        Path file = rows.write(folder.resolve("spellings.csv"), 0, 4_000);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        for (int i = 2_001; i < lines.size(); i++) { // the second half's labels as 0.0 and 1.0
            lines.set(i, lines.get(i) + ".0");
        }
        Files.write(file, lines);
        var single = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .statistics(RowSelection.all());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(6))) {
            assertEquals(List.of("0", "1"), data.classes());
            assertEachRowsClass(data, rows);
            assertEquals(single.positives(), data.statistics(RowSelection.all()).positives());
        }
    }

    @Test
    void twoNumbersOtherThanZeroAndOneAreClassesInNumericOrderAcrossPieces() throws IOException {
        TestRows rows = TestRows.xor(4_000, 2, 15);
        Path file = rows.write(folder.resolve("coded.csv"), 0, 4_000);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        for (int i = 1; i < lines.size(); i++) { // classes coded 2 and 4, spelled 2.0 and 4.0 in the second half
            String line = lines.get(i);
            lines.set(i, line.substring(0, line.length() - 1) + (line.endsWith("1") ? "4" : "2") + (i > 2_000 ? ".0" : ""));
        }
        Files.write(file, lines);
        var single = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache());
        assertEquals(List.of("2", "4"), single.classes());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(6))) {
            assertEquals(List.of("2", "4"), data.classes());
            assertEachRowsClass(data, rows);
            assertEquals(single.statistics(RowSelection.all()).positives(), data.statistics(RowSelection.all()).positives());
        }
    }

    @Test
    void numbersWithADecimalCommaAreReadInEveryPieceAsOneMachineReadsThem() throws IOException {
        TestRows rows = TestRows.xor(4_000, 2, 16);
        Path points = rows.write(folder.resolve("points.csv"), 0, 4_000);
        Path commas = Files.write(folder.resolve("commas.csv"), Files.readAllLines(points).stream()
                .map(line -> line.replace(',', ';').replace('.', ',')).toList());
        CsvFormat format = CsvFormat.defaults().withDelimiter(';').withDecimal(',');
        var single = CsvSource.open(points, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache()).statistics(RowSelection.all());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(commas.toString(), rows.columns())
                .withFormat(format).withMinPartitions(6))) {
            assertEquals(4_000, data.rows());
            var merged = data.statistics(RowSelection.all());
            for (int j = 0; j < 2; j++) {
                assertEquals(single.mean()[j], merged.mean()[j], 1e-12);
            }
            assertEachRowsClass(data, rows);
        }
    }

    @Test
    void statisticsMergedFromPiecesAreTheWholeFiles() throws IOException {
        TestRows rows = TestRows.xor(3_000, 3, 11);
        Path file = rows.write(folder.resolve("stats.csv"), 0, 3_000);
        var expected = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache())
                .statistics(RowSelection.all());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(5))) {
            var merged = data.statistics(RowSelection.all());
            assertEquals(3_000, merged.count());
            for (int j = 0; j < 3; j++) {
                assertEquals(expected.mean()[j], merged.mean()[j], 1e-12);
                assertEquals(expected.standardDeviation()[j], merged.standardDeviation()[j], 1e-12);
            }
        }
    }

    @Test
    void aBadCellInALaterPieceGivesTheSingleMachineMessage() throws IOException {
        Path file = withLine("bad-cell.csv", 3_200, "0.5,oops,1");
        assertSameError(file, 6);
    }

    @Test
    void aRowWithTooFewFieldsGivesTheSingleMachineMessage() throws IOException {
        Path file = withLine("short-row.csv", 2_700, "0.5,1");
        assertSameError(file, 6);
    }

    @Test
    void aThirdLabelInAnotherPieceGivesTheSingleMachineMessage() throws IOException {
        Path file = withLine("third-label.csv", 3_900, "0.5,0.25,maybe");
        assertSameError(file, 6);
    }

    @Test
    void skippedRowsAreCountedAndNamedByTheirLines() throws IOException {
        Path file = withLine("skip.csv", 3_200, "0.5,oops,1");
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label"))
                .skippingBadRows().withMinPartitions(6))) {
            assertEquals(1, data.skippedRows());
            assertEquals(4_000, data.rows());
            assertEquals(List.of(file + ":3202"), data.firstSkippedRows()); // the header is line 1, the bad row line 3,202
            CsvSource single = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache().skippingBadRows());
            assertEquals(file + ", " + single.firstSkippedProblem(file), data.firstSkippedProblem(), "its line counted from the file's start");
            assertTrue(data.firstSkippedProblem().startsWith(file + ", line 3202, column 2 (\"x2\"): expected a number, got \"oops\""),
                    data.firstSkippedProblem());
        }
    }

    @Test
    void aFileWhoseHeaderIsNotTheSchemaIsNamed() throws IOException {
        TestRows rows = TestRows.xor(100, 2, 12);
        rows.write(folder.resolve("a.csv"), 0, 50);
        Files.writeString(folder.resolve("b.csv"), "x1,x3,label\n0.5,0.5,1\n", StandardCharsets.UTF_8);
        DataFileException wrong = assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(folder.resolve("*.csv").toString(), rows.columns())));
        assertEquals(folder.resolve("b.csv") + ", line 1: has the columns [x1, x3, label], but the schema names [x1, x2, label]",
                wrong.getMessage());
    }

    @Test
    void aPathMatchingNothingIsNamed() {
        DataFileException missing = assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(folder.resolve("nothing-*.csv").toString(), List.of("x", "label"))));
        assertTrue(missing.getMessage().startsWith(folder.resolve("nothing-*.csv") + ": matches no file"), missing.getMessage());
    }

    /** 4,000 good rows with {@code bad} put in as data row {@code at} (0-based), so line at + 2. */
    private Path withLine(String name, int at, String bad) throws IOException {
        TestRows rows = TestRows.xor(4_000, 2, 13);
        Path file = rows.write(folder.resolve(name), 0, 4_000);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.add(at + 1, bad);
        return Files.write(file, lines);
    }

    private static void assertSameError(Path file, int pieces) {
        DataFileException single = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        DataFileException spark = assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label")).withMinPartitions(pieces)).close());
        assertEquals(single.getMessage(), spark.getMessage());
        assertTrue(spark.line() > 2_000, "the bad line lies in a later piece: " + spark.line());
    }

    @Test
    void aCompressedFileIsReadWholeByOnePieceEvenWhenHadoopCouldSplitIt() throws IOException {
        TestRows rows = TestRows.xor(3_000, 3, 14);
        Path plain = rows.write(folder.resolve("plain.csv"), 0, 3_000);
        byte[] text = Files.readAllBytes(plain);
        try (var gzip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(folder.resolve("rows.csv.gz")))) {
            gzip.write(text);
        }
        org.apache.hadoop.io.compress.BZip2Codec bzip2 = new org.apache.hadoop.io.compress.BZip2Codec();
        bzip2.setConf(new org.apache.hadoop.conf.Configuration());
        try (var out = bzip2.createOutputStream(Files.newOutputStream(folder.resolve("rows.csv.bz2")))) {
            out.write(text);
        }
        for (String name : new String[] {"rows.csv.gz", "rows.csv.bz2"}) {
            try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(),
                    SparkCsvSource.of(folder.resolve(name).toString(), rows.columns()).withMinPartitions(4))) {
                assertEquals(1, data.pieces(), name);
                assertEquals(3_000, data.rows(), name);
                assertEquals(rows.x[2_999][2], data.blocks().collect().get(0).features[2_999 * 3 + 2], name);
            }
        }
    }

    @Test
    void aFileChangedBeforeALostPieceIsReadAgainStopsTraining() throws IOException {
        TestRows rows = TestRows.xor(2_000, 2, 15);
        Path file = rows.write(folder.resolve("changing.csv"), 0, 2_000);
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), rows.columns())
                .withMinPartitions(2))) {
            Files.writeString(file, "0.5,0.5,1\n", java.nio.file.StandardOpenOption.APPEND);
            data.blocks().unpersist(true); // as if the executors holding the pieces were lost
            var model = new io.dense4j.model.Sequential(new io.dense4j.layer.Dense(1, new io.dense4j.layer.Sigmoid()))
                    .compile(2, new io.dense4j.loss.BinaryCrossEntropy(), new io.dense4j.optim.SGD(0.1));
            DataFileException changed = assertThrows(DataFileException.class, () -> new SparkTrainer(LocalSpark.session(), data)
                    .fit(new io.dense4j.train.Trainer(model), io.dense4j.train.FitOptions.builder().fullBatch().epochs(1).build(),
                            Synchronization.exact()));
            assertEquals(file + ": changed after training began (it had 48564 bytes, now 48574): a lost piece can no longer be read again",
                    changed.getMessage());
        }
    }

    @Test
    void aNumberLabelFirstSeenAtAPiecesStartIsJudgedAsOneReaderJudgesIt() throws IOException {
        // a "2" in the second half: judged with only its own piece's names it could be "a number other
        // than 0 or 1"; in the whole file it is a third class, and so it must be reported
        Path file = withLine("number-label.csv", 2_000, "0.5,0.25,2");
        List<String> lines = Files.readAllLines(file);
        int at = String.join("\n", lines.subList(0, 2_001)).length() + 1; // where "0.5,0.25,2" begins
        assertSameError(file, 2, at, Files.size(file));
    }

    /** "yes" and "no", then "Yes" in a later piece: a third class, said with its case as one reader says it. */
    @Test
    void aLabelThatDiffersOnlyInCaseIsAThirdClassSaidAsOneReaderSaysIt() throws IOException {
        Path file = withLine("case-label.csv", 2_000, "0.5,0.25,Yes");
        List<String> lines = Files.readAllLines(file).stream().map(line -> line.endsWith(",1") ? line.substring(0, line.length() - 1)
                + "yes" : line.endsWith(",0") ? line.substring(0, line.length() - 1) + "no" : line).toList();
        Files.write(file, lines);
        assertSameError(file, 2);
        DataFileException spark = assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label")).withMinPartitions(2)).close());
        assertTrue(spark.getMessage().contains("label \"Yes\" is a third class; the labels so far are \"") && spark.getMessage()
                .contains(" (it differs from \"yes\" only in case: labels are compared exactly)"), spark.getMessage());
    }

    @Test
    void withBadRowsSkippedARejectedLabelsRowsAreSkippedAsOneReaderSkipsThem() throws IOException {
        // a stray "maybe" first in the second half, then "yes"/"no" rows: one reader keeps 0/1, skips the two odd rows
        Path file = withLine("odd-labels.csv", 2_500, "0.5,0.25,maybe");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.add(3_000, "0.5,0.25,yes");
        Files.write(file, lines);
        CsvSource single = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache().skippingBadRows());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label"))
                .skippingBadRows().withMinPartitions(4))) {
            assertEquals(single.rows(), data.rows());
            assertEquals(single.skippedRows(), data.skippedRows());
            assertEquals(List.of("0", "1"), data.classes());
            assertEquals(List.of(file + ":2502", file + ":3001"), data.firstSkippedRows());
            assertEquals(null, data.firstSkippedProblem(), "a label the pieces reject together: the driver's, with no cell's problem");
            var merged = data.statistics(RowSelection.all());
            var expected = single.statistics(RowSelection.all());
            assertEquals(expected.count(), merged.count());
            assertEquals(expected.mean()[0], merged.mean()[0], 1e-12);
        }
    }

    /** A third label on many rows: the report names its first few lines, as one reader's does, not each piece's first. */
    @Test
    void theRowsOfARejectedLabelAreNamedByTheirFirstLines() throws IOException {
        TestRows rows = TestRows.xor(4_000, 2, 16);
        Path file = rows.write(folder.resolve("third.csv"), 0, 4_000);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        for (int at = 2_000; at < 4_000; at += 50) {
            lines.set(at, lines.get(at).replaceFirst(",[01]$", ",TRUE"));
        }
        Files.write(file, lines);
        CsvSource single = CsvSource.open(file, CsvFormat.defaults(), CsvSource.Options.defaults().withoutCache().skippingBadRows());
        try (SparkCsvData data = SparkCsvData.load(LocalSpark.session(), SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label"))
                .skippingBadRows().withMinPartitions(4))) {
            assertEquals(single.skippedRows(), data.skippedRows());
            assertEquals(single.firstSkippedLines().get(file).stream().map(line -> file + ":" + line).toList(), data.firstSkippedRows());
            assertEquals(List.of(file + ":2001", file + ":2051", file + ":2101", file + ":2151", file + ":2201"), data.firstSkippedRows());
        }
    }

    /** Each row's class, through its piece's mapping of its provisional class, is the one {@code rows} gave it. */
    private static void assertEachRowsClass(SparkCsvData data, TestRows rows) {
        List<RowBlock> blocks = data.blocks().collect().stream().sorted(Comparator.comparingInt(b -> b.piece)).toList();
        int row = 0;
        for (RowBlock block : blocks) {
            for (int i = 0; i < block.rows; i++, row++) {
                assertEquals(rows.y[row], data.classOf()[block.piece][block.provisionalClasses[i]], "row " + row);
            }
        }
        assertEquals(rows.y.length, row);
    }

    private static void assertSameError(Path file, int pieces, long pieceStart, long size) {
        DataFileException single = assertThrows(DataFileException.class, () -> CsvSource.open(file, CsvFormat.defaults(),
                CsvSource.Options.defaults().withoutCache()));
        DataFileException spark = assertThrows(DataFileException.class, () -> SparkCsvData.load(LocalSpark.session(),
                SparkCsvSource.of(file.toString(), List.of("x1", "x2", "label")).withMinPartitions(pieces)).close());
        assertEquals(single.getMessage(), spark.getMessage());
        assertTrue(pieceStart > size / 3, "the odd label lies in a later piece");
    }
}
