package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Checkpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dense4j train --spark local[2]`, through the command line the user types, with dense4j-spark on the classpath. */
class SparkTrainCommandTest {
    @TempDir
    Path folder;

    @Test
    void trainsOnSparkWritesAModelThatEvaluatesOnOneMachine() throws Exception {
        Path train = folder.resolve("train.csv");
        Path test = folder.resolve("test.csv");
        Synthetic.writeCsv(train, Teacher.XOR, 4_000, 2, 1);
        Synthetic.writeCsv(test, Teacher.XOR, 1_000, 2, 2);
        Path model = folder.resolve("model.zip");
        Path checkpoint = folder.resolve("checkpoint.zip");

        String out = run(0, "train", "--spark", "local[2]", "--data", folder.resolve("train*.csv").toString(), "--layers", "16",
                "--optimizer", "adam", "--lr", "0.05", "--epochs", "12", "--batch-size", "250", "--validation", "0.2",
                "--standardize", "--early-stopping", "30", "--partitions", "3", "--checkpoint", checkpoint.toString(),
                "--checkpoint-every", "5", "--out", model.toString());
        assertTrue(out.contains("on Spark: 4,000 rows in 3 pieces, 2 features"), out);
        assertTrue(out.contains("epoch 12/12"), out);
        assertEquals(12, Checkpoint.load(model).state().progress().epochs());
        // ~3,200 training rows of 4,000 at batch 250: 13 rounds an epoch; round 155, the last multiple of 5 below 156,
        // is the 12th of epoch 12
        var last = Checkpoint.load(checkpoint).state();
        assertEquals(11, last.progress().epochs());
        assertEquals(12, last.progress().batches());

        String json = run(0, "evaluate", "--model", model.toString(), "--data", test.toString(), "--json");
        double accuracy = Double.parseDouble(json.replaceAll("(?s).*\"accuracy\"\\s*:\\s*([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.9, json);
    }

    @Test
    void aThresholdChosenOnSparkIsOneMachinesThreshold() throws Exception {
        Path train = folder.resolve("train.csv");
        Synthetic.writeCsv(train, Teacher.XOR, 3_000, 2, 4);
        String[] common = {"--data", train.toString(), "--layers", "8", "--optimizer", "adam", "--lr", "0.05", "--epochs", "4",
                "--batch-size", "200", "--validation", "0.25", "--threshold-for", "f1"};
        Path onSpark = folder.resolve("spark.zip");
        Path alone = folder.resolve("alone.zip");
        String[] sparkArgs = concat(new String[] {"train", "--spark", "local[2]", "--partitions", "3", "--out", onSpark.toString()}, common);
        String out = run(0, sparkArgs);
        long validationRows = io.dense4j.data.RowSelection.validation(0.25, 42).count(3_000);
        assertTrue(out.contains("(best F1 on " + String.format(java.util.Locale.ROOT, "%,d", validationRows) + " validation rows"), out);
        run(0, concat(new String[] {"train", "--cache-dir", folder.toString(), "--out", alone.toString()}, common));
        assertEquals(io.dense4j.model.Model.load(alone).threshold().value(), io.dense4j.model.Model.load(onSpark).threshold().value(),
                1e-3, "exact mode trains one machine's weights (to 1e-5), so it picks the same point");
    }

    @Test
    void thePositiveClassIsOneMachinesOnSparkToo() throws Exception {
        Path numbered = folder.resolve("numbered.csv");
        Synthetic.writeCsv(numbered, Teacher.XOR, 2_000, 2, 6);
        // the same rows with class 1 named "a" and class 0 "b": sorted, "a" would be class 0
        Path named = Files.writeString(folder.resolve("named.csv"), Files.readString(numbered).replaceAll(",1\n", ",a\n")
                .replaceAll(",0\n", ",b\n"));
        String[] common = {"--layers", "8", "--optimizer", "adam", "--lr", "0.05", "--epochs", "2", "--batch-size", "200",
            "--accept-worse-than-base-rate"};
        Path onSpark = folder.resolve("spark.zip");
        Path alone = folder.resolve("alone.zip");
        String out = run(0, concat(new String[] {"train", "--spark", "local[2]", "--partitions", "2", "--data", named.toString(),
            "--positive", "a", "--out", onSpark.toString()}, common));
        assertTrue(out.contains("0 = \"b\", 1 = \"a\""), out);
        run(0, concat(new String[] {"train", "--cache-dir", folder.toString(), "--data", numbered.toString(), "--out",
            alone.toString()}, common));
        assertEquals(java.util.List.of("b", "a"), io.dense4j.model.Model.load(onSpark).inputSchema().classes());
        org.junit.jupiter.api.Assertions.assertArrayEquals(io.dense4j.model.Model.load(alone).parameters().toFloatVector(),
                io.dense4j.model.Model.load(onSpark).parameters().toFloatVector(), 1e-5f, "exact mode, class 1 the same rows");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aBadCellStopsWithTheLineAndExitCodeOne() throws Exception {
        Path train = folder.resolve("bad.csv");
        Synthetic.writeCsv(train, Teacher.XOR, 3_000, 2, 1);
        var lines = new java.util.ArrayList<>(Files.readAllLines(train));
        lines.set(2_500, "0.1,zero,1");
        Files.write(train, lines);
        String err = runErr(1, "train", "--spark", "local[2]", "--data", train.toString(), "--partitions", "4", "--out",
                folder.resolve("m.zip").toString());
        assertEquals("dense4j: " + train + ", line 2501, column 2 (\"x2\"): expected a number, got \"zero\" "
                + "(to read the column as categories, declare it categorical when training: --categorical x2)", err.strip());
    }

    /** A column that counts the rows in the first file's first rows is noted on Spark as on one machine. */
    @Test
    void aRowNumberColumnIsNotedAsOnOneMachine() throws Exception {
        StringBuilder text = new StringBuilder("RowNumber,x,label\n");
        java.util.Random random = new java.util.Random(7);
        for (int row = 1; row <= 400; row++) {
            double x = random.nextGaussian();
            text.append(row).append(',').append(x).append(',').append(x + random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        Path file = Files.writeString(folder.resolve("numbered.csv"), text);
        String note = "Note: feature column \"RowNumber\" counts up by one from row to row in the first rows, as a row number does, "
                + "and tells the model where a row is in the file; if it numbers the rows, leave it out: --drop RowNumber\n";
        String spark = run(0, "train", "--spark", "local[2]", "--partitions", "2", "--data", file.toString(), "--epochs", "1",
                "--out", folder.resolve("spark.zip").toString());
        assertTrue(spark.contains(note), spark);
        String alone = run(0, "train", "--cache-dir", folder.toString(), "--data", file.toString(), "--epochs", "1", "--out",
                folder.resolve("alone.zip").toString());
        assertTrue(alone.contains(note), alone);
    }

    private static String run(int expectedCode, String... args) {
        return capture(expectedCode, args)[0];
    }

    private static String runErr(int expectedCode, String... args) {
        return capture(expectedCode, args)[1];
    }

    /** Runs the command line, checks its exit code, and returns what it printed: standard output, then standard error. */
    static String[] capture(int expectedCode, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String[] texts = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedCode, code, texts[0] + texts[1]);
        return texts;
    }

    /**
     * Every note runs over three lines, its first long, so that Spark's second piece, cut at the
     * first line start past the middle, begins inside one: the first piece says so and names --partitions 1, which reads the rows one
     * machine reads.
     */
    @Test
    void aPieceCutInsideAQuotedFieldOfSeveralLinesNamesTheWayOut() throws java.io.IOException {
        StringBuilder text = new StringBuilder("age,note,label\n");
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < 400; i++) {
            int age = 20 + random.nextInt(50);
            text.append(age).append(",\"called ").append(i % 3).append(", ").append("and again, ".repeat(15 + random.nextInt(10))) // a cut mostly lands inside
                    .append("\nno answer\nend\",").append(age > 45 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(folder.resolve("notes.csv"), text);
        String cut = capture(1, "train", "--data", data.toString(), "--epochs", "1", "--spark", "local[2]", "--out",
                folder.resolve("cut.zip").toString())[1];
        assertTrue(cut.contains(", column 2 (\"note\"): a quoted field opens here and runs past the end of this piece of the file: "
                + "Spark reads a file in pieces cut at line ends, and --partitions 1 reads it whole"), cut);
        String whole = capture(0, "train", "--data", data.toString(), "--epochs", "1", "--spark", "local[2]", "--partitions", "1",
                "--out", folder.resolve("whole.zip").toString())[0];
        assertTrue(whole.contains("notes.csv on Spark: 400 rows in 1 piece"), whole);
    }
}
