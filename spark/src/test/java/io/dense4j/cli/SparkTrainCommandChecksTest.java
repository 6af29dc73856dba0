package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.data.csv.Fingerprint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --spark} records and checks what one machine does: the files and how their numbers
 * were written, the data a resume goes on with, the validation split, and a folder's files.
 */
class SparkTrainCommandChecksTest {
    @TempDir
    Path folder;

    /** Incomes written as 62.302 (a point between thousands, a comma before decimals), semicolons between fields. */
    private Path incomes(String name, int seed) throws IOException {
        StringBuilder text = new StringBuilder("income;age;label\n");
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < 600; i++) {
            int income = 5_000 + random.nextInt(60_000);
            text.append(String.format(java.util.Locale.ROOT, "%d.%03d;%d,%d;%s%n", income / 1000, income % 1000, 20 + random.nextInt(50),
                    random.nextInt(10), income > 30_000 ? "yes" : "no"));
        }
        return Files.writeString(folder.resolve(name), text);
    }

    @Test
    void aSparkModelRecordsItsFilesAndTheirNumbersAndAResumeOnOtherDataIsRefused() throws IOException {
        Path data = incomes("incomes.csv", 1);
        Path model = folder.resolve("model.zip");
        Path checkpoint = folder.resolve("checkpoint.zip");
        String trained = SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--epochs", "2", "--spark", "local[2]",
                "--checkpoint", checkpoint.toString(), "--out", model.toString())[0];
        assertTrue(trained.contains("Decimal: ',' and thousands '.', as numbers such as "), "the local file's first lines show them: "
                + trained);
        TrainingData recorded = Model.load(model).trainingData();
        Fingerprint print = Fingerprint.of(data);
        assertEquals(new TrainingData("incomes.csv", Files.size(data), print.headSha256(), print.tailSha256(), null, ',', '.', "UTF-8"),
                recorded, "as one machine records it, without the whole content's hash");

        // 5,3 read with the decimal comma the model records, and 62.302 as 62302, as the model was trained, without the flags
        String evaluated = SparkTrainCommandTest.capture(0, "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--delimiter", ";", "--json")[0];
        String told = SparkTrainCommandTest.capture(0, "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--json")[0];
        assertEquals(told, evaluated);

        Path other = incomes("other.csv", 2);
        String resumed = SparkTrainCommandTest.capture(1, "train", "--data", other.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--epochs", "3", "--spark", "local[2]", "--checkpoint", checkpoint.toString(), "--resume", "--out",
                model.toString())[1];
        assertTrue(resumed.startsWith("dense4j: --resume: " + checkpoint + " was trained on incomes.csv ("), resumed);
        assertTrue(resumed.contains("holds other data (" + String.format(java.util.Locale.ROOT, "%,d", Files.size(other))
                + " bytes, SHA-256 of its ends "), resumed);
    }

    @Test
    void theDefaultEpochsAreOneMachinesOnSpark() throws IOException {
        Path data = incomes("incomes.csv", 1);
        String[] flags = {"train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--out",
                folder.resolve("model.zip").toString()};
        // 600 rows make 19 batches of 32 an epoch: ⌈1,000 / 19⌉ = 53 epochs
        String line = "\nEpochs: 53, the default for 600 training rows in batches of 32: 19 steps an epoch, 1,000 steps at least "
                + "(--epochs N sets them)\n";
        String[] onSpark = java.util.Arrays.copyOf(flags, flags.length + 2);
        onSpark[flags.length] = "--spark";
        onSpark[flags.length + 1] = "local[2]";
        for (String[] run : new String[][] {flags, onSpark}) {
            String said = SparkTrainCommandTest.capture(0, run)[0];
            assertTrue(said.contains(line) && said.contains("\nepoch 53/53 "), said);
        }
    }

    /** The base-rate checks of docs/imbalance.md, as one machine makes them (FullBatchCommandsTest, UnscaledRealDataTest). */
    @Test
    void aSparkRunIsJudgedAgainstTheBaseRateAfterAFullBatchsLastStepAndWhenResumed() throws IOException {
        Path cancer = Files.copy(Path.of("../src/test/resources/data/breast-cancer-train.csv"), folder.resolve("cancer.csv"));
        // two steps of a full batch: epoch 2's loss (0.8573) is of the weights before its step, and the model after it beats the
        // base rate (0.6840)
        Path two = folder.resolve("two.zip");
        String[] fullBatch = {"train", "--data", cancer.toString(), "--batch-size", "0", "--epochs", "2", "--spark", "local[2]",
            "--checkpoint", folder.resolve("full.zip").toString(), "--resume", "--out", two.toString()};
        assertEquals("", SparkTrainCommandTest.capture(0, fullBatch)[1]);
        assertTrue(Files.exists(two));
        // resumed after its last round, epoch 2 is judged as falling from epoch 1's loss, which the checkpoint holds
        assertEquals("", SparkTrainCommandTest.capture(0, fullBatch)[1], "no warning of a loss still falling");
        // a batch as large as the training rows is one step an epoch too, as on one machine
        String[] asLarge = SparkTrainCommandTest.capture(0, "train", "--data", cancer.toString(), "--batch-size", "1000", "--epochs",
                "2", "--validation", "0.2", "--early-stopping", "1", "--spark", "local[2]", "--out", folder.resolve("large.zip").toString());
        assertTrue(asLarge[0].contains("Note: --early-stopping 1 counts epochs, and an epoch of a full batch is one step"), asLarge[0]);
        assertTrue(!asLarge[1].contains("Warning"), asLarge[1]);

        Path separate = folder.resolve("separate.zip");
        Path checkpoint = folder.resolve("checkpoint.zip");
        String[] failing = {"train", "--data", cancer.toString(), "--no-standardize", "--epochs", "2", "--spark", "local[2]",
            "--checkpoint", checkpoint.toString(), "--resume", "--out", separate.toString()};
        SparkTrainCommandTest.capture(1, failing);
        String[] again = SparkTrainCommandTest.capture(1, failing); // nothing left to train: judged on the epoch its model holds
        assertTrue(again[1].contains("dense4j: epoch 2's training loss"), again[1]);
        assertTrue(!again[0].contains("before its first checkpoint"), "it went on from one: " + again[0]);
        assertTrue(!Files.exists(separate), "a failed run resumed writes no model either");
    }

    /** Validation rows that fare worse than the base rate are said on Spark too, whose validation scores stay on the cluster. */
    @Test
    void aModelLearnedByHeartIsWarnedOfAndAResumeThatEndsBeforeItsCheckpointSaysSo() throws IOException {
        java.util.Random random = new java.util.Random(7);
        StringBuilder text = new StringBuilder("label");
        for (int j = 0; j < 400; j++) {
            text.append(",f").append(j);
        }
        for (int i = 0; i < 300; i++) { // 400 features of noise, and a label that the first and more noise decide
            double[] row = random.doubles(400).map(u -> u - 0.5).toArray();
            text.append('\n').append(row[0] + random.nextGaussian() / 2 > 0 ? 1 : 0);
            for (double value : row) {
                text.append(',').append(String.format(java.util.Locale.ROOT, "%.4f", value));
            }
        }
        Path wide = Files.writeString(folder.resolve("wide.csv"), text.append('\n'));
        String[] learned = SparkTrainCommandTest.capture(0, "train", "--data", wide.toString(), "--label", "label", "--validation",
                "0.3", "--epochs", "30", "--spark", "local[2]", "--out", folder.resolve("wide.zip").toString());
        assertTrue(learned[1].startsWith("Warning: on the validation rows the log loss ")
                && learned[1].contains("the model's probabilities fit the training rows"), learned[1]);

        Path cancer = Files.copy(Path.of("../src/test/resources/data/breast-cancer-train.csv"), folder.resolve("cancer.csv"));
        Path checkpoint = folder.resolve("rounds.zip");
        SparkTrainCommandTest.capture(0, "train", "--data", cancer.toString(), "--epochs", "2", "--spark", "local[2]", "--checkpoint",
                checkpoint.toString(), "--checkpoint-every", "13", "--out", folder.resolve("two.zip").toString());
        String[] further = SparkTrainCommandTest.capture(0, "train", "--data", cancer.toString(), "--epochs", "4", "--spark",
                "local[2]", "--checkpoint", checkpoint.toString(), "--checkpoint-every", "1000", "--resume", "--out",
                folder.resolve("four.zip").toString());
        assertTrue(further[0].contains("Note: the run ended before its next checkpoint: --checkpoint-every 1000 counts rounds on "
                + "Spark, and it trained fewer; "), further[0]);
    }

    @Test
    void aFolderLeavesOutOneMachinesCachesAndASplitMustLeaveRowsOnBothSides() throws IOException {
        Path parts = Files.createDirectory(folder.resolve("parts"));
        Path data = Files.move(incomes("a.csv", 3), parts.resolve("a.csv"));
        SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".",
                "--epochs", "1", "--accept-worse-than-base-rate", "--out", folder.resolve("one.zip").toString());
        assertTrue(Files.exists(parts.resolve("a.csv.dense4j-cache")), "one machine keeps its cache beside the file");

        Files.move(incomes("b.csv", 5), Files.createDirectory(parts.resolve("older")).resolve("b.csv")); // a subfolder is not read
        String spark = SparkTrainCommandTest.capture(0, "train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--epochs", "1", "--accept-worse-than-base-rate", "--spark", "local[2]", "--out",
                folder.resolve("spark.zip").toString())[0];
        assertTrue(spark.contains("600 rows"), spark);
        String glob = SparkTrainCommandTest.capture(0, "train", "--data", parts + "/*", "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--epochs", "1", "--accept-worse-than-base-rate", "--spark", "local[2]", "--out",
                folder.resolve("glob.zip").toString())[0];
        assertTrue(glob.contains(": 600 rows"), "a glob names files, not the folder it matches: " + glob);

        String split = SparkTrainCommandTest.capture(1, "train", "--data", parts.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--validation", "0.0001", "--spark", "local[2]", "--out", folder.resolve("split.zip").toString())[1];
        assertEquals("dense4j: a validation split of 0.0001 on 600 rows must leave at least one row for each side",
                split.strip().lines().reduce((first, second) -> second).orElse(""));

        String noHeader = SparkTrainCommandTest.capture(2, "train", "--data", parts.toString(), "--no-header", "--spark", "local[2]",
                "--out", folder.resolve("h.zip").toString())[1];
        assertTrue(noHeader.startsWith("dense4j: --no-header is for one machine"), noHeader);
    }

    /**
     * Trained on columns of 0 and 1e-30, a validation row of 1e10 overflows the layers: the first
     * epoch's validation loss on the cluster says so in one line, as on one machine, not a failed
     * task's stack or a blank validation loss, and the model is not written.
     */
    @Test
    void aValidationRowWithNoProbabilityIsOneLineOnSpark() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        for (int row = 0; row < 200; row++) { // data row 2 (index 1) is a validation row at --validation 0.5 and the default seed
            csv.append(row == 1 ? "1e10,1e10" : (row % 3 == 0 ? "0" : "1e-30") + "," + (row % 5 == 0 ? "0" : "1e-30"))
                    .append(row % 2 == 0 ? ",no\n" : ",yes\n");
        }
        Path data = Files.writeString(folder.resolve("tiny.csv"), csv);
        for (String goal : new String[] {"--threshold-for=f1", "--accept-worse-than-base-rate"}) {
            String err = SparkTrainCommandTest.capture(1, "train", "--data", data.toString(), "--validation", "0.5", goal, "--epochs", "2",
                    "--spark", "local[2]", "--out", folder.resolve("t.zip").toString())[1];
            assertTrue(err.strip().lines().reduce((first, second) -> second).orElse("").startsWith("dense4j: epoch 1's validation loss "
                    + "is NaN: a validation row's values overflow the model's layers"), err);
            assertTrue(!err.contains("\tat "), err);
            assertTrue(Files.notExists(folder.resolve("t.zip")));
        }
    }

    @Test
    void anUnknownPositiveClassNamesTheFlagAndACheckpointPastTheRoundsIsNoted() throws IOException {
        Path data = incomes("incomes.csv", 4);
        String unknown = SparkTrainCommandTest.capture(2, "train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--positive", "maybe", "--spark", "local[2]", "--out", folder.resolve("p.zip").toString())[1];
        assertTrue(unknown.startsWith("dense4j: --positive: the positive class \"maybe\" is none of the labels \"no\" and \"yes\" in "
                + data), unknown);

        Path checkpoint = folder.resolve("checkpoint.zip");
        Path model = folder.resolve("model.zip");
        String out = SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--delimiter", ";", "--decimal", ",",
                "--thousands", ".", "--epochs", "1", "--batch-size", "100", "--accept-worse-than-base-rate", "--spark", "local[2]",
                "--checkpoint", checkpoint.toString(), "--checkpoint-every", "7", "--out", model.toString())[0];
        // 600 rows in batches of 100: 6 rounds, none of them the 7th
        assertTrue(out.contains("Note: the run ended before its first checkpoint: --checkpoint-every 7 counts rounds on Spark, and it "
                + "trained fewer; " + model + " is the model"), out);
        assertTrue(Files.notExists(checkpoint));
    }

    @Test
    void aResumeAcrossSparkAndOneMachineKeepsHowRowsWereShuffledAndStepped() throws IOException {
        Path data = incomes("incomes.csv", 6);
        String[] read = {"--data", data.toString(), "--delimiter", ";", "--decimal", ",", "--thousands", ".", "--batch-size", "100",
            "--accept-worse-than-base-rate"};
        Path exact = folder.resolve("exact.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "1", "--spark", "local[2]", "--checkpoint", exact.toString(),
                "--out", folder.resolve("m1.zip").toString()));
        String summary = SparkTrainCommandTest.capture(0, "summary", "--model", exact.toString())[0];
        assertTrue(summary.contains("Steps: on Spark, exact (--sync exact: the pieces' gradients summed into one step per round)"),
                summary);
        String verify = SparkTrainCommandTest.capture(2, "verify", "--model", folder.resolve("m1.zip").toString(), "--data",
                data.toString())[1];
        assertTrue(verify.contains("(it was trained on Spark, whose rounds add the pieces' gradients in another order than one "
                + "machine): verify reruns dense4j train on one machine only"), verify);

        // Spark shuffles all rows at once, as one machine does from its cache, not through a buffer
        String buffered = SparkTrainCommandTest.capture(2, with(read, "train", "--epochs", "2", "--no-cache", "--checkpoint",
                exact.toString(), "--resume", "--out", folder.resolve("m2.zip").toString()))[1];
        assertTrue(buffered.contains("--no-cache; the checkpoint shuffled its rows all at once (from its cache, on Spark)"), buffered);
        Path streamed = folder.resolve("streamed.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "1", "--no-cache", "--checkpoint", streamed.toString(),
                "--out", folder.resolve("m3.zip").toString()));
        String onSpark = SparkTrainCommandTest.capture(2, with(read, "train", "--epochs", "2", "--spark", "local[2]", "--checkpoint",
                streamed.toString(), "--resume", "--out", folder.resolve("m4.zip").toString()))[1];
        assertTrue(onSpark.contains("--spark; the checkpoint read its rows without a cache (--no-cache), through a shuffle buffer of "
                + "65536 rows, and Spark shuffles them all at once"), onSpark);

        // one machine goes on from exact rounds, and records no command line that verify would rerun on one machine alone
        Path resumed = folder.resolve("resumed.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "2", "--cache-dir", folder.toString(), "--checkpoint",
                exact.toString(), "--resume", "--out", resumed.toString()));
        assertEquals(null, Model.load(resumed).trainingCommand());
        // and so does a second resume on one machine: the weights are still partly the cluster's sums
        assertTrue(SparkTrainCommandTest.capture(0, "summary", "--model", resumed.toString())[0].contains("Steps: on Spark, exact"));
        Path again = folder.resolve("again.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "3", "--cache-dir", folder.toString(), "--checkpoint",
                resumed.toString(), "--resume", "--out", again.toString()));
        assertEquals(null, Model.load(again).trainingCommand());

        // Spark goes on from one machine's cached run, and records the files as it checked them: without their whole content's hash
        Path cached = folder.resolve("cached.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "1", "--cache-dir", folder.toString(), "--checkpoint",
                cached.toString(), "--out", folder.resolve("m8.zip").toString()));
        assertTrue(Model.load(cached).trainingData().contentXxh128() != null);
        Path onward = folder.resolve("onward.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "2", "--spark", "local[2]", "--checkpoint", cached.toString(),
                "--resume", "--out", onward.toString()));
        assertEquals(null, Model.load(onward).trainingData().contentXxh128());
        // the one-machine checkpoint keeps its command line for a resume; Spark's rounds are no rerun of it
        assertEquals(false, Model.load(cached).trainingCommand().ended());
        assertEquals(null, Model.load(onward).trainingCommand());

        Path averaged = folder.resolve("averaged.zip");
        SparkTrainCommandTest.capture(0, with(read, "train", "--epochs", "1", "--spark", "local[2]", "--partitions", "2", "--sync",
                "averaging", "--local-steps", "2", "--checkpoint", averaged.toString(), "--out", folder.resolve("m5.zip").toString()));
        assertTrue(SparkTrainCommandTest.capture(0, "summary", "--model", averaged.toString())[0]
                .contains("Steps: on Spark, averaging every 2 local steps over 2 pieces (--sync averaging)"));
        String alone = SparkTrainCommandTest.capture(2, with(read, "train", "--epochs", "2", "--checkpoint", averaged.toString(),
                "--resume", "--out", folder.resolve("m6.zip").toString()))[1];
        assertTrue(alone.startsWith("dense4j: --resume keeps the checkpoint's model, optimizer, loss and batches, but no --spark; the "
                + "checkpoint was trained on Spark by averaging every 2 local steps over 2 pieces (--sync averaging), which one machine "
                + "does not do"), alone);
        String steps = SparkTrainCommandTest.capture(2, with(read, "train", "--epochs", "2", "--spark", "local[2]", "--partitions", "2",
                "--sync", "averaging", "--local-steps", "3", "--checkpoint", averaged.toString(), "--resume", "--out",
                folder.resolve("m7.zip").toString()))[1];
        assertTrue(steps.contains("--local-steps 3; the checkpoint was trained by averaging every 2 local steps over 2 pieces"), steps);
    }

    private static String[] with(String[] common, String... first) {
        String[] all = java.util.Arrays.copyOf(first, first.length + common.length);
        System.arraycopy(common, 0, all, first.length, common.length);
        return all;
    }

    @Test
    void aLaterFilesFrequentValuesAreKeptOnSparkAsOnOneMachine() throws IOException {
        Path set = Files.createDirectory(folder.resolve("set"));
        StringBuilder a = new StringBuilder("code,x,label\n");
        for (int row = 0; row < io.dense4j.data.csv.CategoryDictionary.MOST_VALUES; row++) { // fills a file's bound
            a.append("rare").append(row).append(',').append(row % 7).append(',').append(row % 2).append('\n');
        }
        StringBuilder b = new StringBuilder("code,x,label\n");
        for (int row = 0; row < 20_000; row++) {
            b.append("COMMON").append(row % 5).append(',').append(row % 7).append(',').append(row % 5 == 0 ? 1 : 0).append('\n');
        }
        Files.writeString(set.resolve("a.csv"), a);
        Files.writeString(set.resolve("b.csv"), b);
        String[] common = {"--data", set.toString(), "--max-categories", "5", "--epochs", "1", "--batch-size", "20000",
            "--accept-worse-than-base-rate"}; // few rounds: the categories are the point
        Path alone = folder.resolve("alone.zip");
        Path spark = folder.resolve("spark.zip");
        SparkTrainCommandTest.capture(0, with(common, "train", "--out", alone.toString()));
        SparkTrainCommandTest.capture(0, with(common, "train", "--spark", "local[2]", "--out", spark.toString()));
        java.util.List<String> kept = java.util.List.of("COMMON0", "COMMON1", "COMMON2", "COMMON3", "COMMON4");
        assertEquals(kept, Model.load(alone).inputSchema().categories().get("code").values());
        assertEquals(kept, Model.load(spark).inputSchema().categories().get("code").values());
    }

    /**
     * A file sorted as by time: 100,000 one-off codes fill its bound, then {@code lateRows} rows of 5
     * codes whose class the code decides; the flags of a run that trains on it for its categories.
     */
    private String[] pastTheBound(int lateRows) throws IOException {
        StringBuilder text = new StringBuilder("code,x,label\n");
        for (int row = 0; row < io.dense4j.data.csv.CategoryDictionary.MOST_VALUES; row++) {
            text.append("rare").append(row).append(',').append(row % 7).append(',').append(row % 2).append('\n');
        }
        for (int row = 0; row < lateRows; row++) {
            text.append("LATE").append(row % 5).append(',').append(row % 7).append(',').append(row % 5 < 2 ? 1 : 0).append('\n');
        }
        Path data = Files.writeString(folder.resolve("sorted.csv"), text);
        return new String[] {"--data", data.toString(), "--max-categories", "5", "--epochs", "1", "--batch-size", "20000",
            "--accept-worse-than-base-rate"};
    }

    @Test
    void aFilePastItsBoundKeepsOneMachinesCategoriesOnSpark() throws IOException {
        String[] common = pastTheBound(50); // 5 later codes of 10 rows each are too rare for a second pass
        Path alone = folder.resolve("alone.zip");
        Path spark = folder.resolve("spark.zip");
        SparkTrainCommandTest.capture(0, with(common, "train", "--cache-dir", folder.toString(), "--out", alone.toString()));
        SparkTrainCommandTest.capture(0, with(common, "train", "--spark", "local[2]", "--partitions", "2", "--out", spark.toString()));
        assertEquals(java.util.List.of("rare0", "rare1", "rare2", "rare3", "rare4"),
                Model.load(alone).inputSchema().categories().get("code").values());
        assertEquals(Model.load(alone).inputSchema().categories(), Model.load(spark).inputSchema().categories(),
                "the file's pieces bounded as one reader bounds the file");
    }

    @Test
    void valuesFrequentOnlyPastAFilesBoundAreKeptOnSparkAsOneMachinesSecondPassKeepsThem() throws IOException {
        String[] common = pastTheBound(10_000); // 5 codes that hold 10,000 rows, and which class they are
        Path alone = folder.resolve("alone.zip");
        Path spark = folder.resolve("spark.zip");
        SparkTrainCommandTest.capture(0, with(common, "train", "--cache-dir", folder.toString(), "--out", alone.toString()));
        assertEquals(java.util.List.of("LATE0", "LATE1", "LATE2", "LATE3", "LATE4"),
                Model.load(alone).inputSchema().categories().get("code").values(), "one machine's second pass");
        for (String partitions : new String[] {"1", "3"}) { // one piece past its own bound; pieces past the file's
            SparkTrainCommandTest.capture(0, with(common, "train", "--spark", "local[2]", "--partitions", partitions, "--out",
                    spark.toString()));
            assertEquals(Model.load(alone).inputSchema().categories(), Model.load(spark).inputSchema().categories(), partitions);
            org.junit.jupiter.api.Assertions.assertArrayEquals(Model.load(alone).parameters().toFloatVector(),
                    Model.load(spark).parameters().toFloatVector(), 1e-5f, "the late rows coded as one machine codes them");
        }
    }

    /** A file of semicolons whose first line shows them, read so without --delimiter, as on one machine. */
    @Test
    void aLocalFileOfSemicolonsIsReadAsItsFirstLineShowsAsOnOneMachine() throws IOException {
        StringBuilder text = new StringBuilder("x;y;label\n");
        for (int row = 0; row < 400; row++) {
            text.append(row % 7 - 3).append(';').append(row % 5).append(';').append((row % 7 + row % 5) % 2).append('\n');
        }
        Path data = Files.writeString(folder.resolve("semicolons.csv"), text);
        String said = SparkTrainCommandTest.capture(0, "train", "--data", data.toString(), "--spark", "local[2]", "--partitions", "2",
                "--epochs", "1", "--accept-worse-than-base-rate", "--out", folder.resolve("s.zip").toString())[0];
        assertTrue(said.startsWith("Delimiter: ';', which cuts the first lines into fields where the comma does not (--delimiter sets it)\n"), said);
        assertEquals(java.util.List.of("x", "y"), Model.load(folder.resolve("s.zip")).inputSchema().featureNames());
    }

    /**
     * --missing-values and --missing-values-in on Spark: "?" read as missing in every piece, and z's
     * 0 in z alone (x's 0 is a value), and both kept in the model, as on one machine.
     */
    @Test
    void missingMarksAreReadOnSparkAsOnOneMachine() throws IOException {
        StringBuilder text = new StringBuilder("x,colour,z,label\n");
        for (int row = 0; row < 2_000; row++) {
            text.append(row % 9 == 4 ? "?" : String.valueOf(row % 7 - 3)).append(',').append(row % 11 == 5 ? "?" : "c" + row % 3)
                    .append(',').append(row % 5).append(',').append(row % 13 == 6 ? "?" : String.valueOf((row % 7 + row % 3) % 2))
                    .append('\n');
        }
        Path data = Files.writeString(folder.resolve("marked.csv"), text);
        String[] common = {"--data", data.toString(), "--missing-values", "?", "--missing-values-in", "z=0",
            "--skip-bad-rows", "--epochs", "1", "--batch-size", "2000", "--accept-worse-than-base-rate"};
        Path alone = folder.resolve("alone.zip");
        Path spark = folder.resolve("spark.zip");
        String[] alonesSays = SparkTrainCommandTest.capture(0, with(common, "train", "--cache-dir", folder.toString(), "--out",
                alone.toString()));
        String[] onSpark = SparkTrainCommandTest.capture(0, with(common, "train", "--spark", "local[2]", "--partitions", "2", "--out",
                spark.toString()));
        String oneSays = alonesSays[0];
        String sparkSays = onSpark[0];
        String first = "; the first: ";
        assertTrue(onSpark[1].contains(first + data + ", " + alonesSays[1].substring(alonesSays[1].indexOf(first) + first.length())),
                "the first skipped row's problem, as one machine names it: " + alonesSays[1] + onSpark[1]);
        String filled = "\nNote: missing numbers, filled with the training rows' means (--no-fill-missing refuses them): z in ";
        assertTrue(oneSays.contains(filled) && sparkSays.contains(filled), "filled by default, z's 0s first: " + sparkSays);
        String zCount = oneSays.substring(oneSays.indexOf(filled) + filled.length()).split(" ")[0];
        assertTrue(sparkSays.contains(filled + zCount + " of the "), "the same count on Spark: " + oneSays + sparkSays);
        Model one = Model.load(alone);
        Model cluster = Model.load(spark);
        assertEquals(java.util.List.of("?"), cluster.inputSchema().missingMarks());
        assertEquals(one.inputSchema().categories(), cluster.inputSchema().categories());
        assertEquals(one.inputSchema().missingValueFill().get(0), cluster.inputSchema().missingValueFill().get(0), 1e-12,
                "the mean of the rows without ?, summed in another order");
        assertEquals(java.util.List.of("c0", "c1", "c2"), cluster.inputSchema().categories().get("colour").values().stream().sorted()
                .toList());
        assertEquals(java.util.Map.of("z", java.util.List.of("0")), cluster.inputSchema().columnMissingMarks());
        assertEquals(one.inputSchema().missingValueFill().get(2), cluster.inputSchema().missingValueFill().get(2), 1e-12);
        assertEquals(2.5, cluster.inputSchema().missingValueFill().get(2), 0.01, "z's mean without its 0s");
    }
}
