package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controls for rare positives from the command line: class weights in training, and a
 * threshold chosen on the validation rows, saved in the model and used by evaluate and predict.
 */
class ImbalanceCommandsTest {

    /** About 10% positives: y = 1 when x1 + x2/2 + noise > 1.6, so 0.5 on a calibrated model misses most of them. */
    private static Path imbalanced(Path file, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
        for (int i = 0; i < rows; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            double x3 = random.nextGaussian();
            int label = x1 + x2 / 2 + random.nextGaussian() * 0.8 > 1.6 ? 1 : 0;
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%d%n", x1, x2, x3, label));
        }
        return Files.writeString(file, csv);
    }

    /**
     * The validation rows say when they cannot judge class 1: a split holding none of its rows, and
     * on rare positives a threshold of 0.5 that classes none of them as 1 (a fifth of a percent of
     * the logits reach it), with the flags that move it; a threshold chosen for a goal is not noted.
     */
    @Test
    void theValidationRowsSayWhenTheyHoldNoPositiveOrTheThresholdClassesNone(@TempDir Path folder) throws IOException {
        StringBuilder rare = new StringBuilder("x,z,label\n");
        Random random = new Random(5);
        for (int row = 0; row < 600; row++) {
            boolean positive = row % 40 == 7;
            rare.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", random.nextGaussian() + (positive ? 0.8 : 0), random.nextGaussian(),
                    positive ? "yes" : "no"));
        }
        Path rareFile = Files.writeString(folder.resolve("rare.csv"), rare);
        Run atHalf = Run.of("train", "--data", rareFile.toString(), "--validation", "0.3", "--out", folder.resolve("a.zip").toString());
        assertEquals(0, atHalf.exitCode(), atHalf.err());
        assertTrue(atHalf.out().matches("(?s).*tp 0, fp 0, tn \\d+, fn (\\d+)\\)\nNote: at the threshold 0\\.5 no validation row is classed "
                + "as class 1 \\(\"yes\"\\), though \\1 of them are; on rare positives --threshold-for f1 \\(or recall=0\\.9, …\\) chooses "
                + "a threshold on the validation rows, and --class-weight balanced weighs class 1 up\n.*"), atHalf.out());
        Run chosen = Run.of("train", "--data", rareFile.toString(), "--validation", "0.3", "--threshold-for", "f1", "--out",
                folder.resolve("c.zip").toString());
        assertTrue(chosen.out().matches("(?s).*\\(best F1 on \\d+ validation rows, \\d+ of class 1: .*"), chosen.out());
        assertTrue(!chosen.out().contains("no validation row is classed"), chosen.out());
        // a resumed run keeps its checkpoint's loss, so the class weights are for a new run
        Path checkpoint = folder.resolve("ck.zip");
        Run first = Run.of("train", "--data", rareFile.toString(), "--validation", "0.3", "--epochs", "2", "--checkpoint",
                checkpoint.toString(), "--accept-worse-than-base-rate", "--out", folder.resolve("r.zip").toString());
        assertEquals(0, first.exitCode(), first.err());
        Run resumed = Run.of("train", "--data", rareFile.toString(), "--validation", "0.3", "--epochs", "3", "--checkpoint",
                checkpoint.toString(), "--resume", "--accept-worse-than-base-rate", "--out", folder.resolve("r.zip").toString());
        assertTrue(resumed.out().contains("chooses a threshold on the validation rows, and in a new run (without --resume), "
                + "--class-weight balanced weighs class 1 up\n"), resumed.out());

        StringBuilder two = new StringBuilder("x,label\n");
        for (int row = 0; row < 200; row++) {
            two.append(row % 9).append(',').append(row == 3 || row == 150 ? 1 : 0).append('\n');
        }
        Path twoFile = Files.writeString(folder.resolve("two.csv"), two);
        Run none = Run.of("train", "--data", twoFile.toString(), "--validation", "0.2", "--accept-worse-than-base-rate", "--out",
                folder.resolve("n.zip").toString());
        assertTrue(none.out().contains("ROC AUC undefined, PR AUC undefined (threshold 0.5; tp 0, fp 0, tn 40, fn 0)\nNote: the "
                + "validation rows hold no row of class 1 (\"1\"): their ROC AUC, PR AUC and recall say nothing, and they judge the run "
                + "on class 0 alone; --stratify keeps each class's share on both sides of the split\n"), none.out());
    }

    @Test
    void aClassThatCannotTeachIsRefusedBeforeTraining(@TempDir Path folder) throws Exception {
        // row weights of 0 on every class-1 row, then on every row
        StringBuilder weighted = new StringBuilder("x1,w,label\n");
        StringBuilder unweighted = new StringBuilder("x1,w,label\n");
        for (int row = 0; row < 40; row++) {
            weighted.append(row).append(',').append(row % 4 == 0 ? 0 : 1).append(',').append(row % 4 == 0 ? 1 : 0).append('\n');
            unweighted.append(row).append(",0,").append(row % 4 == 0 ? 1 : 0).append('\n');
        }
        Path positivesWeighNothing = Files.writeString(folder.resolve("zero-positives.csv"), weighted);
        Run refused = Run.of("train", "--data", positivesWeighNothing.toString(), "--weight-column", "w");
        assertEquals(1, refused.exitCode(), refused.err());
        assertEquals("dense4j: " + positivesWeighNothing + ": the row weights in column \"w\" sum to 0 over the 10 training rows of "
                + "class 1 (\"1\"), so those rows teach the model nothing: give some of them a weight above 0", refused.err().strip());
        Path nothingWeighs = Files.writeString(folder.resolve("zero.csv"), unweighted);
        Run all = Run.of("train", "--data", nothingWeighs.toString(), "--weight-column", "w");
        assertEquals(1, all.exitCode(), all.err());
        assertTrue(all.err().contains("sum to 0 over the 30 training rows of class 0 (\"0\")"), all.err());

        // a fold whose training rows hold the file's one positive on the other side
        StringBuilder one = new StringBuilder("x1,label\n");
        for (int row = 0; row < 40; row++) {
            one.append(row).append(',').append(row == 7 ? 1 : 0).append('\n');
        }
        Path onePositive = Files.writeString(folder.resolve("one-positive.csv"), one);
        Run folds = Run.of("cv", "--data", onePositive.toString(), "--folds", "2", "--epochs", "1");
        assertEquals(1, folds.exitCode(), folds.err());
        assertTrue(folds.err().matches("(?s)dense4j: \\S*one-positive\\.csv: holds one row of class 1 \\(\"1\"\\), and the fold that "
                + "holds it out \\(fold \\d\\) would train on none: cross-validation needs at least 2 rows of each class\\s*"), folds.err());
        assertTrue(!folds.out().contains("Fold 1 of 2"), "refused before the first fold trains: " + folds.out());

        // the one positive among the training rows: a threshold chosen on the validation rows has none to go by
        io.dense4j.data.RowSelection held = io.dense4j.data.RowSelection.validation(0.5, 42);
        StringBuilder trained = new StringBuilder("x1,label\n");
        boolean placed = false;
        for (int row = 0; row < 40; row++) {
            boolean positive = !placed && !held.includes(row);
            placed |= positive;
            trained.append(row).append(',').append(positive ? 1 : 0).append('\n');
        }
        Path inTraining = Files.writeString(folder.resolve("positive-in-training.csv"), trained);
        Run goal = Run.of("train", "--data", inTraining.toString(), "--validation", "0.5", "--threshold-for", "f1");
        assertEquals(1, goal.exitCode(), goal.err());
        assertTrue(goal.err().startsWith("dense4j: --threshold-for chooses on the validation rows' class-1 (\"1\") rows, and the "
                + "--validation 0.5 split of " + inTraining + " holds none: --stratify keeps each class's share on both sides, or "
                + "give a larger --validation"), goal.err());
        assertTrue(!goal.out().contains("epoch 1/"), "refused before training: " + goal.out());
    }

    @Test
    void thePositiveFlagMakesARareClassThatSortsFirstClassOne(@TempDir Path folder) throws Exception {
        Path numbered = imbalanced(folder.resolve("numbered.csv"), 600, 3);
        String text = Files.readString(numbered).replaceAll(",0\n", ",ok\n").replaceAll(",1\n", ",fraud\n");
        Path named = Files.writeString(folder.resolve("fraud.csv"), text);
        Path model = folder.resolve("m.zip");
        Run sorted = Run.of("train", "--data", named.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--out",
                model.toString());
        assertEquals(0, sorted.exitCode(), sorted.err());
        assertTrue(sorted.out().contains("labels 0 = \"fraud\", 1 = \"ok\""), sorted.out());
        assertTrue(sorted.out().matches("(?s).*Note: class 1 is \"ok\" \\(the labels in sorted order\\), \\d+\\.\\d% of the training "
                + "rows: precision, recall, PR AUC, --class-weight W and --threshold-for are about it; --positive fraud makes "
                + "\"fraud\" class 1\n.*"), sorted.out());
        Run folds = Run.of("cv", "--data", named.toString(), "--folds", "3", "--epochs", "1", "--accept-worse-than-base-rate");
        assertEquals(0, folds.exitCode(), folds.err());
        assertEquals(1, folds.out().split("Note: class 1 is", -1).length - 1, "once, not once a fold: " + folds.out());

        Run positive = Run.of("train", "--data", named.toString(), "--positive", "fraud", "--epochs", "10", "--validation", "0.3",
                "--threshold-for", "recall=0.8", "--out", model.toString());
        assertEquals(0, positive.exitCode(), positive.err());
        assertTrue(positive.out().contains("labels 0 = \"ok\", 1 = \"fraud\""), positive.out());
        assertTrue(!positive.out().contains("Note: class 1 is"), positive.out());
        // the same rows labelled 0/1 train the same model: "fraud" is class 1 as 1 is
        Run plain = Run.of("train", "--data", numbered.toString(), "--epochs", "10", "--validation", "0.3", "--threshold-for",
                "recall=0.8", "--out", folder.resolve("plain.zip").toString());
        assertEquals(0, plain.exitCode(), plain.err());
        assertEquals(Model.load(folder.resolve("plain.zip")).parameters(), Model.load(model).parameters());
        assertEquals(List.of("ok", "fraud"), Model.load(model).inputSchema().classes());
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", named.toString(), "--out", "-");
        assertTrue(predicted.out().lines().skip(1).allMatch(line -> line.endsWith(",fraud") || line.endsWith(",ok")), predicted.out());

        // a checkpoint of the sorted order, resumed with --positive: the labels would turn round under its weights
        Path checkpoint = folder.resolve("c.zip");
        assertEquals(0, Run.of("train", "--data", named.toString(), "--epochs", "1", "--accept-worse-than-base-rate", "--checkpoint",
                checkpoint.toString(), "--out", model.toString()).exitCode());
        Run turned = Run.of("train", "--data", named.toString(), "--epochs", "2", "--positive", "fraud", "--checkpoint",
                checkpoint.toString(), "--resume", "--out", model.toString());
        assertEquals(2, turned.exitCode(), turned.err());
        assertTrue(turned.err().startsWith("dense4j: --resume: " + checkpoint + " has class 1 = \"ok\"; this run makes it \"fraud\": "
                + "give the checkpoint's --positive, or train anew without --resume"), turned.err());

        Run none = Run.of("train", "--data", named.toString(), "--positive", "Fraud", "--out", model.toString());
        assertEquals(2, none.exitCode(), none.err());
        assertTrue(none.err().startsWith("dense4j: --positive: the positive class \"Fraud\" is none of the labels \"fraud\" and "
                + "\"ok\" in " + named + " (it differs from \"fraud\" only in case: labels are compared exactly)"), none.err());
    }

    @Test
    void aColumnWithOneValueIsNotedAndItsWeightsStartAtZero(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 300, 4);
        String constant = Files.readString(train).replaceAll("(?m)^([^,]+,[^,]+,)[^,]+,", "$17,")
                .replace("x1,x2,7,label", "x1,x2,site,label"); // the third column 7 on every row
        Path file = Files.writeString(folder.resolve("constant.csv"), constant);
        Path model = folder.resolve("m.zip");
        Run run = Run.of("train", "--data", file.toString(), "--epochs", "2", "--out", model.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Note: feature \"site\" holds one value over the training rows, so the model learns nothing "
                + "from it; its weights start at 0, so that other values later do not move its predictions at random"), run.out());
        assertEquals(0, Model.load(model).weights(1).getRow(2).amaxNumber().doubleValue(), "site's row, after training too");
    }

    /** Wide files have many: the note names ten, then says how many more, as the other notes do. */
    @Test
    void manyConstantColumnsAreNotedTenByName(@TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int j = 1; j <= 12; j++) {
            csv.append('c').append(j).append(',');
        }
        csv.append("x,label\n");
        java.util.Random random = new java.util.Random(3);
        for (int r = 0; r < 200; r++) {
            double x = random.nextGaussian();
            csv.append("7,".repeat(12)).append(x).append(',').append(x + random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        Path file = Files.writeString(folder.resolve("wide-constant.csv"), csv);
        Run run = Run.of("train", "--data", file.toString(), "--epochs", "1", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Note: feature \"c1\", feature \"c2\", feature \"c3\", feature \"c4\", feature \"c5\", "
                + "feature \"c6\", feature \"c7\", feature \"c8\", feature \"c9\", feature \"c10\" and 2 more hold one value over "
                + "the training rows"), run.out());
    }

    @Test
    void cvJudgesEveryFoldAgainstItsBaseRateAndExitsOneWhenOneEndsWorse(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 300, 6);
        // unscaled: a feature in the tens of thousands makes every fold's loss far worse than the base rate's
        StringBuilder csv = new StringBuilder("big,label\n");
        for (String line : Files.readAllLines(train).subList(1, 301)) {
            String[] cells = line.split(",");
            csv.append(Double.parseDouble(cells[0]) * 30_000).append(',').append(cells[3]).append('\n');
        }
        Path unscaled = Files.writeString(folder.resolve("unscaled.csv"), csv);
        Run folds = Run.of("cv", "--data", unscaled.toString(), "--folds", "2", "--epochs", "3", "--no-standardize", "--stratify");
        assertEquals(1, folds.exitCode(), folds.out() + folds.err());
        assertEquals(2, folds.err().split("Warning: ", -1).length - 1, "one warning per fold: " + folds.err());
        assertTrue(folds.err().contains("dense4j: 2 of 2 folds ended worse than always predicting the base rate; fold 1: epoch "),
                folds.err());
        assertTrue(folds.out().lines().anyMatch(line -> line.startsWith("logLoss ")), "the table is printed first: " + folds.out());
        // five folds: three named, the others counted, and the likely causes, which every fold shares, said once
        Run five = Run.of("cv", "--data", unscaled.toString(), "--folds", "5", "--epochs", "3", "--no-standardize", "--stratify");
        String closing = five.err().lines().filter(line -> line.startsWith("dense4j: ")).findFirst().orElseThrow();
        assertTrue(closing.matches("dense4j: 5 of 5 folds ended worse than always predicting the base rate; fold 1: [^;]*; fold 2: [^;]*; "
                + "fold 3: [^;]*; and 2 more folds; [^;]*\\. --accept-worse-than-base-rate exits 0 on such a run"), closing);
        assertEquals(0, Run.of("cv", "--data", unscaled.toString(), "--folds", "2", "--epochs", "3", "--no-standardize", "--stratify",
                "--accept-worse-than-base-rate").exitCode());
        // a batch that holds some folds' training rows whole: those take one step an epoch, and their likely causes are their own
        Run mixed = Run.of("cv", "--data", unscaled.toString(), "--folds", "5", "--epochs", "3", "--lr", "30", "--batch-size", "240");
        assertEquals(1, mixed.exitCode(), mixed.err());
        assertTrue(mixed.err().contains("; and 2 more folds; for folds 1, 2 and 3: lower --lr if the loss grew, raise it or train more "
                + "epochs if it barely moved; for folds 4 and 5: one batch holds every training row, so an epoch is one step: give it "
                + "many more --epochs "
                + "(hundreds), lower --lr if the loss grew, or take smaller batches (--batch-size 32). --accept-worse-than-base-rate "
                + "exits 0 on such a run"), mixed.err());
    }

    @Test
    void thresholdChosenForF1IsSavedAndUsedByEvaluateAndPredict(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 4000, 1);
        Path test = imbalanced(folder.resolve("test.csv"), 2000, 2);
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--epochs", "15", "--validation", "0.25",
                "--threshold-for", "f1", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Threshold: ") && trained.out().contains("(best F1 on "), trained.out());
        double chosen = Model.load(model).threshold().value();
        assertTrue(chosen > 0.05 && chosen < 0.5, "rare positives want a threshold below 0.5, got " + chosen);

        JsonNode atChosen = json(Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json"));
        JsonNode atHalf = json(Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json",
                "--threshold", "0.5"));
        assertEquals(chosen, atChosen.get("threshold").asDouble(), 0);
        assertEquals(2000, atChosen.get("rows").asLong(), "the rows scored, for a report");
        assertEquals(0, atChosen.get("skippedRows").asLong());
        assertEquals("[\"0\",\"1\"]", atChosen.get("classes").toString(), "class 0's label, then class 1's");
        assertTrue(atChosen.get("thresholdChosenBy").asText().startsWith("best F1 on "), atChosen.toString());
        assertEquals("--threshold", atHalf.get("thresholdChosenBy").asText());
        assertTrue(atChosen.get("f1").asDouble() > atHalf.get("f1").asDouble(),
                "F1 at the chosen threshold " + atChosen.get("f1") + " vs at 0.5 " + atHalf.get("f1"));
        for (String key : new String[] {"prAuc", "brier", "ece", "balancedAccuracy", "mcc"}) {
            assertTrue(atChosen.get(key).isDouble(), key + " in " + atChosen);
        }
        assertEquals(atChosen.get("prAuc").asDouble(), atHalf.get("prAuc").asDouble(), 0, "PR AUC needs no threshold");

        Run table = Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--plot", folder.resolve("plots").toString());
        assertTrue(table.out().contains("threshold          " + io.dense4j.metrics.DecisionThreshold.format(chosen) + " (best F1 on"),
                table.out());
        assertTrue(table.out().contains("Wrote confusion.png, calibration.png, roc.png and pr.png in " + folder.resolve("plots")),
                table.out());
        for (String chart : new String[] {"pr.png", "calibration.png", "roc.png", "confusion.png"}) {
            assertTrue(Files.size(folder.resolve("plots").resolve(chart)) > 1000, chart);
        }
        // the same folder for rows of one class: no curves, and the first run's are not left beside the new charts
        List<String> testLines = Files.readAllLines(test);
        Path negatives = Files.write(folder.resolve("negatives.csv"), java.util.stream.Stream.concat(testLines.stream().limit(1),
                testLines.stream().skip(1).filter(line -> line.endsWith(",0"))).toList());
        Run oneClass = Run.of("evaluate", "--model", model.toString(), "--data", negatives.toString(), "--plot",
                folder.resolve("plots").toString());
        assertEquals(0, oneClass.exitCode(), oneClass.err());
        assertTrue(oneClass.out().contains("(no ROC or precision-recall curve: the rows hold one class; an earlier run's roc.png "
                + "and pr.png removed)"), oneClass.out());
        assertTrue(!Files.exists(folder.resolve("plots").resolve("roc.png")) && !Files.exists(folder.resolve("plots").resolve("pr.png")));

        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", test.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), predicted.err());
        assertTrue(predicted.out().contains("class 1 (\"1\") at probability >= " + io.dense4j.metrics.DecisionThreshold.format(chosen)),
                predicted.out());
        List<String> lines = Files.readAllLines(predictions);
        long positives = lines.stream().skip(1).filter(line -> line.endsWith(",1")).count();
        JsonNode confusion = atChosen.get("confusion");
        assertEquals(confusion.get("tp").asLong() + confusion.get("fp").asLong(), positives, "predict classes as evaluate does");
        assertTrue(Run.of("summary", "--model", model.toString()).out().contains("Threshold: "));
    }

    @Test
    void thresholdGoalsThatCannotBeMetSayWhyInOneLine(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 600, 3);
        Run noValidation = Run.of("train", "--data", train.toString(), "--threshold-for", "f1");
        assertEquals(2, noValidation.exitCode());
        assertTrue(noValidation.err().contains("--threshold-for chooses on the validation rows: give --validation"),
                noValidation.err());
        Run badGoal = Run.of("train", "--data", train.toString(), "--validation", "0.2", "--threshold-for", "accuracy");
        assertEquals(2, badGoal.exitCode());
        assertTrue(badGoal.err().contains("--threshold-for: a threshold goal is f1, precision=P or recall=R, got \"accuracy\""),
                badGoal.err());

        // every row looks the same, so every row gets one probability and precision never rises above the 10% of positives
        StringBuilder same = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 500; i++) {
            same.append("1.5,-2,").append(i % 10 == 0 ? 1 : 0).append('\n');
        }
        Path flat = Files.writeString(folder.resolve("flat.csv"), same);
        Path model = Files.writeString(folder.resolve("model.zip"), "an earlier model");
        Run unmet = Run.of("train", "--data", flat.toString(), "--validation", "0.3", "--epochs", "2",
                "--threshold-for", "precision=0.5", "--accept-worse-than-base-rate", "--out", model.toString());
        assertEquals(1, unmet.exitCode(), unmet.out());
        // identical rows cannot beat the base rate: train warns of that, then says why the goal is out of reach
        List<String> said = unmet.err().strip().lines().filter(line -> !line.startsWith("Warning: epoch 2's training loss")).toList();
        assertEquals(1, said.size(), unmet.err());
        assertTrue(said.get(0).startsWith("dense4j: --threshold-for precision=0.5: no threshold reaches precision 0.5"), unmet.err());
        assertTrue(unmet.err().contains(model + " was not written (a model there is left as it was): give another goal, or leave "
                + "--threshold-for out to keep the threshold 0.5 (the default)"), unmet.err());
        assertEquals("an earlier model", Files.readString(model), "a run that fails leaves --out as it was");
    }

    @Test
    void balancedClassWeightsFindMoreOfTheRarePositives(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 4000, 4);
        Path test = imbalanced(folder.resolve("test.csv"), 2000, 5);
        Path plain = folder.resolve("plain.zip");
        Path weighted = folder.resolve("weighted.zip");
        assertEquals(0, Run.of("train", "--data", train.toString(), "--epochs", "10", "--out", plain.toString()).exitCode());
        Run trained = Run.of("train", "--data", train.toString(), "--epochs", "10", "--class-weight", "balanced",
                "--out", weighted.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Training with class weights 0: 0.5") && trained.out().contains("(balanced on the "
                + "training rows): the training loss is weighted; validation loss and metrics are not"), trained.out());
        io.dense4j.loss.ClassWeights weights = Model.load(weighted).loss().classWeights();
        assertTrue(weights.positive() > 3 && weights.negative() < 1, weights.toString());
        assertTrue(Run.of("summary", "--model", weighted.toString()).out().contains("class weights 0: "));

        JsonNode unweighted = json(Run.of("evaluate", "--model", plain.toString(), "--data", test.toString(), "--json"));
        JsonNode balanced = json(Run.of("evaluate", "--model", weighted.toString(), "--data", test.toString(), "--json"));
        assertTrue(balanced.get("recall").asDouble() > unweighted.get("recall").asDouble() + 0.2,
                "recall " + balanced.get("recall") + " balanced vs " + unweighted.get("recall"));
        assertTrue(balanced.get("balancedAccuracy").asDouble() > unweighted.get("balancedAccuracy").asDouble(),
                balanced + " vs " + unweighted);
    }

    @Test
    void classWeightsOutsideTheirRangeAreRefusedBeforeReadingTheData(@TempDir Path folder) throws Exception {
        Path train = imbalanced(folder.resolve("train.csv"), 300, 6);
        for (String bad : new String[] {"-2", "0", "NaN", "heavy"}) {
            Run refused = Run.of("train", "--data", train.toString(), "--class-weight", bad);
            assertEquals(2, refused.exitCode(), bad);
            assertTrue(refused.err().contains("--class-weight takes balanced or a positive number, got \"" + bad + "\""),
                    refused.err());
        }
        // the one positive row lands among the validation rows, leaving the training rows one class
        io.dense4j.data.RowSelection held = io.dense4j.data.RowSelection.validation(0.5, 42);
        StringBuilder csv = new StringBuilder("x1,label\n");
        boolean placed = false;
        for (int row = 0; row < 40; row++) {
            boolean positive = !placed && held.includes(row);
            placed |= positive;
            csv.append(row).append(',').append(positive ? 1 : 0).append('\n');
        }
        long trainingRows = io.dense4j.data.RowSelection.training(0.5, 42).count(40);
        Path onePositive = Files.writeString(folder.resolve("one-positive.csv"), csv);
        Run oneClass = Run.of("train", "--data", onePositive.toString(), "--class-weight", "balanced", "--validation", "0.5");
        assertEquals(1, oneClass.exitCode());
        assertEquals("dense4j: " + onePositive + ": the " + trainingRows + " training rows hold no row of class 1 (\"1\"), so the "
                + "model could only learn to answer class 0; --stratify keeps each class's share on both sides of a split",
                oneClass.err().strip());
    }

    /** The same rows with a column w before the label: {@code positive} on each class-1 row, 1 on the others. */
    private static Path withWeights(Path plain, Path file, String positive) throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,x3,w,label\n");
        for (String line : Files.readAllLines(plain).subList(1, Files.readAllLines(plain).size())) {
            int cut = line.lastIndexOf(',');
            csv.append(line, 0, cut).append(',').append(line.endsWith(",1") ? positive : "1").append(line.substring(cut)).append('\n');
        }
        return Files.writeString(file, csv);
    }

    @Test
    void aWeightColumnWeighsEachRowAndABadWeightIsOneLineNamingItsCell(@TempDir Path folder) throws Exception {
        Path plain = imbalanced(folder.resolve("plain.csv"), 3000, 7);
        Path train = withWeights(plain, folder.resolve("train.csv"), "8");
        Path test = imbalanced(folder.resolve("test.csv"), 2000, 8);
        Path model = folder.resolve("rows.zip");
        Run trained = Run.of("train", "--data", train.toString(), "--weight-column", "w", "--epochs", "8", "--validation", "0.2",
                "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Training with row weights from column \"w\": the training loss is weighted; "
                + "validation loss and metrics are not"), trained.out());
        assertEquals(List.of("x1", "x2", "x3"), Model.load(model).inputSchema().featureNames(), "the weight is no feature");
        Path unweighted = folder.resolve("plain.zip");
        assertEquals(0, Run.of("train", "--data", plain.toString(), "--epochs", "8", "--validation", "0.2", "--out",
                unweighted.toString()).exitCode());
        double recall = json(Run.of("evaluate", "--model", model.toString(), "--data", test.toString(), "--json")).get("recall").asDouble();
        double plainRecall = json(Run.of("evaluate", "--model", unweighted.toString(), "--data", test.toString(), "--json"))
                .get("recall").asDouble();
        assertTrue(recall > plainRecall + 0.2, "recall " + recall + " with positives weighing 8 vs " + plainRecall);
        Path predictions = folder.resolve("predictions.csv");
        Run predicted = Run.of("predict", "--model", model.toString(), "--data", train.toString(), "--out", predictions.toString());
        assertEquals(0, predicted.exitCode(), "predict picks the model's columns by name, leaving w out: " + predicted.err());

        Path bad = Files.writeString(folder.resolve("bad.csv"), "x1,w,label\n1,1,0\n2,-0.5,1\n3,2,1\n");
        Run refused = Run.of("train", "--data", bad.toString(), "--weight-column", "w");
        assertEquals(1, refused.exitCode());
        assertEquals("dense4j: " + bad + ", line 3, column 2 (\"w\"): \"-0.5\" is not a weight; a row's weight must be a finite "
                + "number >= 0", refused.err().strip());
        Run noColumn = Run.of("train", "--data", bad.toString(), "--weight-column", "weight");
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.err().contains("has no weight column named \"weight\"; its columns are x1, w, label"), noColumn.err());
        Run noHeader = Run.of("train", "--data", bad.toString(), "--weight-column", "w", "--no-header");
        assertEquals(2, noHeader.exitCode());
        assertTrue(noHeader.err().contains("--weight-column: the weight column is named \"w\", but the file has no header row"),
                noHeader.err());
    }

    private static JsonNode json(Run run) throws IOException {
        assertEquals(0, run.exitCode(), run.err());
        return new ObjectMapper().readTree(run.out());
    }
}
