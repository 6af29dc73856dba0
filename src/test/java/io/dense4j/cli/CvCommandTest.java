package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dense4j cv: every row held out once, each metric's folds with their mean and standard deviation, train-only flags refused. */
class CvCommandTest {

    @Test
    void aFileSortedByItsLabelReadWithoutACacheIsNotedByTrainAndCv(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "3000", "--features", "3", "--out", data.toString()));
        java.util.List<String> lines = Files.readAllLines(data);
        java.util.List<String> rows = new java.util.ArrayList<>(lines.subList(1, lines.size()));
        rows.sort(java.util.Comparator.comparing(line -> line.substring(line.lastIndexOf(',') + 1)));
        Path sorted = folder.resolve("sorted.csv");
        Files.write(sorted, java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)), rows.stream()).toList());
        String note = "Note: " + sorted + " holds a run of ";
        String buffer = "rows of one label, longer than the 500-row shuffle buffer that mixes rows read without a cache, so batches "
                + "hold one class for long stretches; let a cache shuffle all rows (no --no-cache, and a folder it can be written in), "
                + "raise --shuffle-buffer, or shuffle the rows";
        Run streamed = Run.of("train", "--data", sorted.toString(), "--no-cache", "--shuffle-buffer", "500", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, streamed.exitCode(), streamed.err());
        assertTrue(streamed.out().contains(note) && streamed.out().contains(buffer), streamed.out());
        Run folds = Run.of("cv", "--data", sorted.toString(), "--no-cache", "--shuffle-buffer", "500", "--folds", "2", "--epochs", "1",
                "--accept-worse-than-base-rate");
        assertTrue(folds.out().contains(note) && folds.out().contains("; cache: off; 2 folds\n"), folds.out());
        // from the cache the rows are shuffled all at once; the shuffled file has no such run
        Run cached = Run.of("train", "--data", sorted.toString(), "--shuffle-buffer", "500", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("m.zip").toString());
        assertFalse(cached.out().contains("Note: "), cached.out());
        Run shuffled = Run.of("train", "--data", data.toString(), "--no-cache", "--shuffle-buffer", "500", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("m.zip").toString());
        assertFalse(shuffled.out().contains("holds a run of"), shuffled.out());
        // full batch takes every row whatever their order
        Run full = Run.of("train", "--data", sorted.toString(), "--no-cache", "--shuffle-buffer", "500", "--epochs", "1",
                "--batch-size", "0", "--accept-worse-than-base-rate", "--out", folder.resolve("m.zip").toString());
        assertFalse(full.out().contains("holds a run of"), full.out());
        // a set split by its label: each file holds one label, the stream one run after the other
        Path byLabel = Files.createDirectories(folder.resolve("by-label"));
        Files.write(byLabel.resolve("label=0.csv"), java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)),
                rows.stream().filter(line -> line.endsWith(",0"))).toList());
        Files.write(byLabel.resolve("label=1.csv"), java.util.stream.Stream.concat(java.util.stream.Stream.of(lines.get(0)),
                rows.stream().filter(line -> line.endsWith(",1"))).toList());
        Run split = Run.of("train", "--data", byLabel.toString(), "--no-cache", "--shuffle-buffer", "500", "--epochs", "1",
                "--accept-worse-than-base-rate", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, split.exitCode(), split.err());
        assertTrue(split.out().contains("Note: " + byLabel + " (2 files) holds a run of "), split.out());
    }

    @Test
    void threeFoldsHoldOutEveryRowOnceAndSummarizeEachMetric(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "600", "--features", "3", "--out", data.toString()));
        Run run = Run.of("cv", "--data", data.toString(), "--folds", "3", "--epochs", "3", "--standardize", "--json");
        assertEquals(0, run.exitCode(), run.err());
        long heldOut = 0;
        Matcher folds = Pattern.compile("Fold \\d of 3: (\\d+) rows held out").matcher(run.err()); // beside the JSON, not in it
        while (folds.find()) {
            heldOut += Long.parseLong(folds.group(1));
        }
        assertEquals(600, heldOut, "each row is held out by exactly one fold");

        assertEquals(1, run.out().strip().lines().count(), "standard output holds the one JSON object: " + run.out());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(3, json.get("folds").asInt());
        for (String metric : new String[] {"logLoss", "rocAuc", "prAuc", "brier", "ece", "accuracy", "balancedAccuracy", "precision",
                "recall", "f1", "mcc"}) {
            JsonNode node = json.get(metric);
            double[] values = new double[3];
            for (int i = 0; i < 3; i++) {
                values[i] = node.get("perFold").get(i).asDouble();
            }
            double mean = (values[0] + values[1] + values[2]) / 3;
            double variance = ((values[0] - mean) * (values[0] - mean) + (values[1] - mean) * (values[1] - mean)
                    + (values[2] - mean) * (values[2] - mean)) / 3;
            assertEquals(mean, node.get("mean").asDouble(), 1e-12, metric);
            assertEquals(Math.sqrt(variance), node.get("std").asDouble(), 1e-12, metric);
        }
        assertTrue(json.get("accuracy").get("mean").asDouble() > 0.8, json.toString());
    }

    @Test
    void stratifiedTrainingAndFoldsRun(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "500", "--features", "3", "--out", data.toString()));
        Run trained = Run.of("train", "--data", data.toString(), "--validation", "0.2", "--stratify", "--epochs", "2",
                "--threshold-for", "f1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, trained.exitCode(), trained.err());
        Run folds = Run.of("cv", "--data", data.toString(), "--folds", "4", "--stratify", "--epochs", "2");
        assertEquals(0, folds.exitCode(), folds.err());
        long heldOut = 0;
        Matcher matcher = Pattern.compile("Fold \\d of 4: (\\d+) rows held out").matcher(folds.out());
        while (matcher.find()) {
            heldOut += Long.parseLong(matcher.group(1));
        }
        assertEquals(500, heldOut);
    }

    @Test
    void aFoldThatHoldsOutNoPositiveSaysSo(@TempDir Path folder) throws Exception {
        // class-1 rows only where folds 1 and 2 (of 5) hold them out: folds 3 to 5 hold out none, and every fold trains on some
        StringBuilder csv = new StringBuilder("x,label\n");
        int placed = 0;
        for (int row = 0; row < 100; row++) {
            boolean early = io.dense4j.data.RowSelection.fold(5, 0, 42, true).includes(row)
                    || io.dense4j.data.RowSelection.fold(5, 1, 42, true).includes(row);
            boolean positive = early && placed < 6 && row % 2 == 0;
            placed += positive ? 1 : 0;
            csv.append(row % 7).append(',').append(positive ? 1 : 0).append('\n');
        }
        Path data = java.nio.file.Files.writeString(folder.resolve("rare.csv"), csv);
        Run run = Run.of("cv", "--data", data.toString(), "--folds", "5", "--epochs", "1", "--accept-worse-than-base-rate");
        assertEquals(0, run.exitCode(), run.err());
        for (int fold : new int[] {3, 4, 5}) {
            assertTrue(run.out().contains("Note: fold " + fold + " holds out no class-1 row: its ROC AUC and PR AUC are undefined, "
                    + "its recall, precision and F1 are 0 in the means, and its balanced accuracy is class 0's recall alone; --stratify "
                    + "gives each fold its share of each class"), run.out());
        }
        assertTrue(!run.out().contains("Note: fold 1 holds out"), run.out());
        // one feature, and the undefined areas in words, as evaluate shows them
        assertTrue(run.out().contains("Read " + data + ": 100 rows, 1 feature, labels "), run.out());
        assertTrue(run.out().contains(", ROC AUC undefined, PR AUC undefined (threshold "), run.out());
        java.util.regex.Matcher roc = java.util.regex.Pattern.compile("(?m)^rocAuc +- +- +\\d\\.\\d{4} \\d\\.\\d{4} - - -$")
                .matcher(run.out());
        assertTrue(roc.find(), run.out());
    }

    /**
     * A fold that would train on no row of a class is refused before the first fold trains: one
     * positive in the file can only be held out with every other, and all the positives in the rows
     * fold 5 holds out (unstratified) leave fold 5 none to train on.
     */
    @Test
    void aFoldThatWouldTrainOnNoRowOfAClassIsRefusedBeforeAnyFoldTrains(@TempDir Path folder) throws Exception {
        StringBuilder one = new StringBuilder("x,label\n");
        for (int row = 0; row < 100; row++) {
            one.append(row % 7).append(',').append(row == 99 ? 1 : 0).append('\n');
        }
        Path onePositive = java.nio.file.Files.writeString(folder.resolve("one.csv"), one);
        for (String[] stratified : new String[][] {{}, {"--stratify"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cv", "--data", onePositive.toString(), "--folds",
                    "5", "--epochs", "1"));
            args.addAll(java.util.List.of(stratified));
            Run run = Run.of(args.toArray(String[]::new));
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.err().matches("(?s)dense4j: \\S*one\\.csv: holds one row of class 1 \\(\"1\"\\), and the fold that holds it out "
                    + "\\(fold \\d\\) would train on none: cross-validation needs at least 2 rows of each class\\s*"), run.err());
            assertTrue(!run.out().contains("Fold 1 of 5"), "no fold trains: " + run.out());
        }
        StringBuilder held = new StringBuilder("x,label\n");
        for (int row = 0; row < 100; row++) {
            boolean inFoldFive = io.dense4j.data.RowSelection.fold(5, 4, 42, true).includes(row);
            held.append(row % 7).append(',').append(inFoldFive && row % 2 == 0 ? 1 : 0).append('\n');
        }
        Path lastFold = java.nio.file.Files.writeString(folder.resolve("last.csv"), held);
        Run run = Run.of("cv", "--data", lastFold.toString(), "--folds", "5", "--epochs", "1");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().matches("(?s)dense4j: \\S*last\\.csv: fold 5 would hold out all \\d+ rows of class 1 \\(\"1\"\\) and train "
                + "on none; --stratify gives each fold its share of each class\\s*"), run.err());
        assertTrue(!run.out().contains("Fold 1 of 5"), "no fold trains: " + run.out());
    }

    @Test
    void tooManyFoldsAreRefusedBeforeAnyFoldTrains(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "60", "--features", "2", "--out", data.toString()));
        for (String[] stratified : new String[][] {{}, {"--stratify"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("cv", "--data", data.toString(), "--folds",
                    "100", "--epochs", "1"));
            args.addAll(java.util.List.of(stratified));
            Run run = Run.of(args.toArray(String[]::new));
            assertEquals(1, run.exitCode(), run.out());
            assertTrue(run.err().matches("(?s)dense4j: \\S*train\\.csv: 60 rows are too few for 100 folds: fold \\d+ would hold out no rows\\s*"),
                    run.err());
            assertTrue(!run.out().contains("Fold 1 of 100"), "no fold trains: " + run.out());
        }
    }

    @Test
    void flagsThatBelongToTrainAreRefusedWithWhatToDo(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "100", "--features", "2", "--out", data.toString()));
        String[][] refused = {{"--folds", "1"}, {"--validation", "0.2"}, {"--validation", "-0.1"}, {"--threshold-for", "f1"},
            {"--out", "m.zip"}, {"--sync", "averaging"}, {"--partitions", "9"}, {"--checkpoint-every", "3"}};
        String[] says = {"--folds takes a number >= 2 (each fold is held out once), got 1",
                "--validation is train's, not cv's: each fold's held-out rows are its validation rows",
                "--validation is train's, not cv's: each fold's held-out rows are its validation rows",
                "--threshold-for is train's, not cv's: choosing a threshold on the rows it is scored on would flatter it",
                "--out is train's, not cv's: no model is kept",
                "--sync is train's, not cv's: cross-validation runs on one machine",
                "--partitions is train's, not cv's: cross-validation runs on one machine",
                "--checkpoint-every is train's, not cv's: no model is kept"};
        String help = Run.of("cv", "--help").out();
        for (int i = 0; i < refused.length; i++) {
            Run run = Run.of("cv", "--data", data.toString(), refused[i][0], refused[i][1]);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().contains(says[i]), run.err());
            assertEquals(i == 0, help.contains(refused[i][0] + "="), "cv --help lists " + refused[i][0] + " only if cv takes it: " + help);
        }
        assertTrue(help.contains("--epochs=") && help.contains("--folds="), help);
    }

    /** A fold that early stopping ends, or scores with an earlier epoch's weights, says so, as train says of its run. */
    @Test
    void aFoldThatStoppedEarlySaysSo(@TempDir Path folder) throws Exception {
        Path data = folder.resolve("hmda-train.csv");
        Files.copy(Path.of(CvCommandTest.class.getResource("/data/hmda-train.csv").toURI()), data);
        Run folds = Run.of("cv", "--data", data.toString(), "--folds", "3", "--early-stopping", "1", "--epochs", "30", "--lr", "0.5");
        assertEquals(0, folds.exitCode(), folds.err());
        for (int fold = 1; fold <= 3; fold++) { // at lr 0.5 the training loss stops falling within 30 epochs in each fold
            assertTrue(folds.out().matches("(?s).*\nFold " + fold + " stopped early after epoch [0-9]+; scored with the weights of "
                    + "epoch [0-9]+, the best on the training loss\n.*"), folds.out());
        }
        Run all = Run.of("cv", "--data", data.toString(), "--folds", "3", "--epochs", "2");
        assertFalse(all.out().contains("stopped early") || all.out().contains("scored with"), all.out());
    }
}
