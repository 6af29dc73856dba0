package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.DataFileException;
import io.dense4j.data.csv.CsvFormat;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class CsvPredictionsTest {
    @TempDir
    Path folder;

    /** p = σ(a − 2b): the weights are set by hand. */
    static Model model() {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        model.setWeights(0, Nd4j.create(new float[][] {{1}, {-2}}));
        model.setInputSchema(new InputSchema(List.of("a", "b"), List.of("no", "yes")));
        return model;
    }

    @Test
    void theClassIsTheWrittenProbabilitysAtTheThreshold() throws IOException {
        // rows around a − 2b = 0, where σ is 0.5 give or take less than a float32 step: written as 0.5, they are class 1
        StringBuilder rows = new StringBuilder("a,b\n");
        for (int k = -400; k <= 400; k++) {
            rows.append(k * 1e-9).append(",0\n");
        }
        Path data = Files.writeString(folder.resolve("edge.csv"), rows);
        Path out = folder.resolve("edge-predictions.csv");
        CsvPredictions.write(model(), data, CsvFormat.defaults().withoutLabel(), 0.5, out);
        long halves = 0;
        for (String line : Files.readAllLines(out).subList(1, 802)) {
            String[] cells = line.split(",");
            float written = Float.parseFloat(cells[0]);
            assertEquals(written >= 0.5 ? "yes" : "no", cells[1], line);
            halves += written == 0.5f ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(halves > 1, "rows whose probability is written as 0.5 on both sides of it");
    }

    /**
     * A float32 model's probability is a float32 value on every path: σ(20) to σ(36) are 1.0 in
     * float32 and below 1 in float64, so at threshold 1 evaluate and predictClass, which classed the
     * float64 value, found no positive where predict wrote every row "1.0,yes".
     */
    @Test
    void aThresholdClassesARowAlikeOnEveryPath() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        float[][] features = new float[17][];
        for (int k = 0; k <= 16; k++) {
            rows.append(20 + k).append(",0,").append(k % 2 == 0 ? "yes" : "no").append('\n');
            features[k] = new float[] {20 + k, 0};
        }
        Path data = Files.writeString(folder.resolve("saturated.csv"), rows);
        Model model = model();
        io.dense4j.metrics.Evaluation evaluated = model.evaluate(model.open(data), io.dense4j.data.RowSelection.all(), 1.0);
        assertEquals(17, evaluated.confusion().tp() + evaluated.confusion().fp(), "every row reaches 1");
        assertEquals(17, java.util.Arrays.stream(model.predictClass(Nd4j.create(features), 1.0)).sum());
        Path out = folder.resolve("saturated-predictions.csv");
        CsvPredictions.write(model, data, CsvFormat.defaults(), 1.0, out);
        assertEquals(java.util.Collections.nCopies(17, "1.0,yes"), Files.readAllLines(out).subList(1, 18));
    }

    /** Recall 1 takes every row here; the threshold is then halfway to 0, not the lowest row's own value, decided by a hair. */
    @Test
    void aThresholdChosenBelowEveryRowIsHalfwayToZero() throws IOException {
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int k = 0; k < 40; k++) { // yes and no rows above the lowest row, a yes
            rows.append(1 + k / 10.0).append(",0,yes\n").append(1.05 + k / 10.0).append(",0,no\n");
        }
        rows.append("0.5,0,yes\n");
        Path data = Files.writeString(folder.resolve("chosen.csv"), rows);
        Model model = model();
        io.dense4j.metrics.Scores scores = model.scores(model.open(data), io.dense4j.data.RowSelection.all());
        double threshold = io.dense4j.metrics.ThresholdGoal.recall(1).choose(scores).value();
        assertEquals((float) (1 / (1 + Math.exp(-0.5))) / 2, threshold, 1e-7);
        Path out = folder.resolve("chosen-predictions.csv");
        CsvPredictions.write(model, data, CsvFormat.defaults(), threshold, out);
        assertTrue(Files.readAllLines(out).stream().skip(1).allMatch(line -> line.endsWith(",yes")));
    }

    @Test
    void picksTheModelsColumnsByNameAndWritesAProbabilityAndClassPerRowInOrder() throws IOException {
        Path data = Files.writeString(folder.resolve("rows.csv"), "id,b,label,a\n7,0.5,yes,1\n8,0,no,-1\n9,1,no,3\n");
        Path out = folder.resolve("predictions.csv");
        assertEquals(3, CsvPredictions.write(model(), data, CsvFormat.defaults(), 0.5, out));
        List<String> lines = Files.readAllLines(out);
        assertEquals("probability,class", lines.get(0));
        // a − 2b: 0, −1, 1; σ(−1) = 0.268941421… and σ(1) = 0.731058578… in their shortest float32 digits, the classes by name
        assertEquals(List.of("0.5,yes", "0.26894143,no", "0.7310586,yes"), lines.subList(1, 4));
        assertEquals((float) (1 / (1 + Math.exp(1))), Float.parseFloat("0.26894143"));
    }

    @Test
    void aStreamIsPredictedAsItComesNotOnceItEnds() throws Exception {
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(feed, 1 << 16);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CsvPredictions.Written[] written = new CsvPredictions.Written[1];
        Throwable[] failed = new Throwable[1];
        Thread predicting = new Thread(() -> {
            try {
                written[0] = CsvPredictions.written(model(), Path.of("standard input"), "id,a,b".getBytes(), in, CsvFormat.defaults(),
                        0.5, List.of("id"), new java.io.OutputStream() {
                            @Override
                            public void write(int b) {
                                synchronized (out) {
                                    out.write(b);
                                }
                            }

                            @Override
                            public void write(byte[] bytes, int from, int length) {
                                synchronized (out) {
                                    out.write(bytes, from, length);
                                }
                            }
                        });
            } catch (Throwable problem) {
                failed[0] = problem;
            }
        });
        predicting.start();
        int rows = 3 * model().chunkRows(); // blocks full enough to be predicted while the stream stays open
        StringBuilder text = new StringBuilder("id,a,b\n");
        for (int i = 0; i < rows; i++) {
            text.append(i).append(",1,0\n");
        }
        feed.write(text.toString().getBytes());
        feed.flush();
        long deadline = System.nanoTime() + 30_000_000_000L;
        boolean seen;
        do {
            Thread.sleep(10);
            synchronized (out) {
                seen = out.toString().contains("\n0,0.7310586,yes\n");
            }
        } while (!seen && System.nanoTime() < deadline && failed[0] == null);
        assertTrue(seen, "the first rows' predictions came out before the stream ended");
        feed.write("last,-1,0\n".getBytes());
        feed.close();
        predicting.join(30_000);
        assertEquals(null, failed[0]);
        assertEquals(rows + 1, written[0].rows());
        List<String> lines = out.toString().lines().toList();
        assertEquals("id,probability,class", lines.get(0));
        assertEquals("last,0.26894143,no", lines.get(lines.size() - 1));
    }

    @Test
    void aBadCellInAStreamNamesItsLine() {
        java.io.InputStream in = new java.io.ByteArrayInputStream("a,b\n1,2\n3,x\n".getBytes());
        DataFileException bad = assertThrows(DataFileException.class, () -> CsvPredictions.written(model(),
                Path.of("standard input"), "a,b".getBytes(), in, CsvFormat.defaults(), 0.5, List.of(), java.io.OutputStream.nullOutputStream()));
        assertTrue(bad.getMessage().startsWith("standard input, line 3, column 2 (\"b\"): expected a number"), bad.getMessage());
    }

    @Test
    void manyBlocksOfRowsComeOutInFileOrder() throws IOException {
        // rows parsed on a thread of their own and handed over in blocks: every row's line, in order
        StringBuilder rows = new StringBuilder("id,a,b\n");
        for (int i = 0; i < 20_000; i++) {
            rows.append(i).append(',').append((i % 7) - 3).append(',').append((i % 5) * 0.25).append('\n');
        }
        Path data = Files.writeString(folder.resolve("many.csv"), rows);
        Path out = folder.resolve("many-predictions.csv");
        assertEquals(20_000, CsvPredictions.write(model(), data, CsvFormat.defaults(), 0.5, List.of("id"), out));
        List<String> lines = Files.readAllLines(out);
        assertEquals(20_001, lines.size());
        for (int i = 0; i < 20_000; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertEquals(Integer.toString(i), cells[0], "line " + (i + 1));
            double z = ((i % 7) - 3) - 2 * ((i % 5) * 0.25); // a − 2b
            assertEquals((float) (1 / (1 + Math.exp(-z))), Float.parseFloat(cells[1]), 1e-6, "line " + (i + 1));
        }
    }

    @Test
    void keptColumnsLeadEachLineAsTheFileWritesThem() throws IOException {
        Path data = Files.writeString(folder.resolve("rows.csv"), "id,name,b,a\n7,\"Smith, J\",0.5,1\nx-8,\"say \"\"hi\"\"\",0,-1\n");
        Path out = folder.resolve("kept.csv");
        assertEquals(2, CsvPredictions.write(model(), data, CsvFormat.defaults(), 0.5, List.of("id", "name", "a"), out));
        assertEquals(List.of("id,name,a,probability,class", "7,\"Smith, J\",1,0.5,yes", "x-8,\"say \"\"hi\"\"\",-1,0.26894143,no"),
                Files.readAllLines(out));
        Path headless = Files.writeString(folder.resolve("headless.csv"), "1,0.5\n-1,0\n");
        IllegalArgumentException noHeader = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(model(),
                headless, CsvFormat.defaults().withoutHeader(), 0.5, List.of("id"), out));
        assertTrue(noHeader.getMessage().endsWith("is read without a header"), noHeader.getMessage());
    }

    @Test
    void aBadCellNamesItsLineAndLeavesTheEarlierOutputWhole() throws IOException {
        StringBuilder rows = new StringBuilder("a,b\n");
        for (int i = 0; i < 3_000; i++) { // past the first chunk of predictions
            rows.append(i == 2_500 ? "1,x\n" : "1,2\n");
        }
        Path data = Files.writeString(folder.resolve("bad.csv"), rows);
        Path out = Files.writeString(folder.resolve("predictions.csv"), "earlier output\n");
        DataFileException bad = assertThrows(DataFileException.class,
                () -> CsvPredictions.write(model(), data, CsvFormat.defaults(), 0.5, out));
        assertTrue(bad.getMessage().contains("line 2502, column 2 (\"b\"): expected a number, got \"x\""), bad.getMessage());
        assertEquals("earlier output\n", Files.readString(out));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    /** The model reads its columns by name: --features and --drop may agree with them, or are refused, never obeyed against them. */
    @Test
    void featuresAndDroppedColumnsThatDisagreeWithTheModelAreRefused() throws IOException {
        Path data = Files.writeString(folder.resolve("rows.csv"), "a,b,id\n1,0.5,7\n-1,0,8\n");
        Path out = folder.resolve("predictions.csv");
        IllegalArgumentException reordered = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(model(), data,
                CsvFormat.defaults().withFeatures(List.of("b", "a")), 0.5, out));
        assertEquals("--features disagrees with the model's feature columns (a, b), which it picks by name; leave --features out",
                reordered.getMessage());
        IllegalArgumentException fewer = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(model(), data,
                CsvFormat.defaults().withFeatures(List.of("b")), 0.5, out));
        assertEquals(reordered.getMessage(), fewer.getMessage());
        IllegalArgumentException dropped = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(model(), data,
                CsvFormat.defaults().withoutColumns(List.of("b")), 0.5, out));
        assertEquals("the model reads column \"b\", which --drop leaves out", dropped.getMessage());
        assertFalse(Files.exists(out));
        // agreeing ones change nothing: σ(1·1 − 2·0.5) = 0.5 and σ(−1) for the rows
        assertEquals(2, CsvPredictions.write(model(), data, CsvFormat.defaults().withFeatures(List.of("a", "b")), 0.5, List.of("id"), out));
        assertEquals(List.of("id,probability,class", "7,0.5,yes", "8,0.26894143,no"), Files.readAllLines(out));
        assertEquals(2, CsvPredictions.write(model(), data, CsvFormat.defaults().withoutColumns(List.of("id")), 0.5, out));
        assertEquals(List.of("probability,class", "0.5,yes", "0.26894143,no"), Files.readAllLines(out));
        // a model that does not know its columns' names takes them by place: --drop must leave as many as it reads
        Model unnamed = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        unnamed.setWeights(0, Nd4j.create(new float[][] {{1}, {-2}}));
        assertEquals(2, CsvPredictions.write(unnamed, data, CsvFormat.defaults().withoutColumns(List.of("id")), 0.5, out));
        assertEquals(List.of("probability,class", "0.5,1", "0.26894143,0"), Files.readAllLines(out));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(unnamed, data,
                CsvFormat.defaults().withoutColumns(List.of("id", "a")), 0.5, out));
        assertEquals(data + ": --features or --drop leave 1 of its columns, and the model reads 2 features (drop the label column too, "
                + "if the file has one)", tooFew.getMessage());
    }

    /** Predict reads no label; one named among the model's features is a mistake, said, not a column quietly read as a feature. */
    @Test
    void aLabelNamingOneOfTheModelsFeaturesIsRefused() throws IOException {
        Path data = Files.writeString(folder.resolve("rows.csv"), "a,b,id\n1,0.5,7\n");
        Path out = folder.resolve("predictions.csv");
        IllegalArgumentException feature = assertThrows(IllegalArgumentException.class, () -> CsvPredictions.write(model(), data,
                CsvFormat.defaults().withLabel("b"), 0.5, out));
        assertEquals("--label [Java: CsvFormat.withLabel] names column \"b\", which the model reads as a feature; predict reads no "
                + "label, so leave it out", feature.getMessage());
        assertFalse(Files.exists(out));
        // a label the model does not read is left unread, as without --label
        assertEquals(1, CsvPredictions.write(model(), data, CsvFormat.defaults().withLabel("id"), 0.5, out));
        assertEquals(List.of("probability,class", "0.5,yes"), Files.readAllLines(out));
    }

    @Test
    void refusesAFileWhoseColumnsAreNotTheModels() throws IOException {
        Path data = Files.writeString(folder.resolve("other.csv"), "a,c,label\n1,2,yes\n");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> CsvPredictions.write(model(), data, CsvFormat.defaults(), 0.5, folder.resolve("out.csv")));
        assertEquals(data + " lacks the model's feature column \"b\"", wrong.getMessage());
        Path semicolons = Files.writeString(folder.resolve("semicolons.csv"), "a;b;label\n1;2;yes\n");
        IllegalArgumentException delimiter = assertThrows(IllegalArgumentException.class,
                () -> CsvPredictions.write(model(), semicolons, CsvFormat.defaults(), 0.5, folder.resolve("out.csv")));
        assertEquals(semicolons + " lacks the model's feature columns \"a\", \"b\" (its header reads as one column, \"a;b;label\": is "
                + "the delimiter ';'? give --delimiter ';')", delimiter.getMessage());
    }
}
