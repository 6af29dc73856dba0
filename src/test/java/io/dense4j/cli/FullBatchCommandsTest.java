package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comparing a full batch with mini-batches from the command line: a full batch's epoch is one step,
 * which the run's notes and warnings take into account, and --log writes each epoch's seconds so
 * runs can be set side by side on a clock.
 */
class FullBatchCommandsTest {
    @TempDir
    Path folder;

    /** 600 rows of 20 columns, 15% positives: an untrained 64,64 network's loss starts above the base rate's. */
    private Path rows() throws Exception {
        Random random = new Random(2);
        StringBuilder csv = new StringBuilder();
        for (int j = 0; j < 20; j++) {
            csv.append('x').append(j).append(',');
        }
        csv.append("label\n");
        for (int r = 0; r < 600; r++) {
            double[] x = new double[20];
            for (int j = 0; j < 20; j++) {
                x[j] = random.nextGaussian();
                csv.append(x[j]).append(',');
            }
            csv.append(x[0] - x[1] + 0.5 * x[2] + random.nextGaussian() * 0.5 > 1.6 ? 1 : 0).append('\n');
        }
        return Files.writeString(folder.resolve("rows.csv"), csv);
    }

    /** 25 rows, 4 positives, whose label the features barely tell: two steps of the default batch end above the base rate. */
    private static final String TINY =
            "a,b,c,y\n" +
            "2.338,-0.663,p,yes\n" +
            "1.636,0.966,r,no\n" +
            "0.462,-0.605,p,no\n" +
            "1.474,0.337,q,no\n" +
            "-1.257,0.994,r,no\n" +
            "-1.043,-0.297,q,yes\n" +
            "0.656,-0.689,q,no\n" +
            "-1.841,0.959,p,no\n" +
            "0.319,0.650,p,no\n" +
            "0.552,1.060,q,no\n" +
            "-0.289,-0.564,q,no\n" +
            "-0.213,-2.167,q,no\n" +
            "-1.708,2.237,q,yes\n" +
            "0.970,-0.282,r,no\n" +
            "-0.427,-0.627,q,no\n" +
            "-1.887,-0.010,q,no\n" +
            "1.589,-1.440,q,no\n" +
            "-2.049,-0.928,r,no\n" +
            "-0.706,0.060,q,no\n" +
            "1.042,-1.761,r,no\n" +
            "0.165,-1.131,q,no\n" +
            "0.627,-1.122,r,no\n" +
            "-0.763,-0.680,r,yes\n" +
            "-0.953,0.067,r,no\n" +
            "1.292,-1.182,q,no\n";

    @Test
    void aTableThatOneBatchHoldsIsToldToTakeSmallerBatchesThanItsOwn() throws Exception {
        Path tiny = Files.writeString(folder.resolve("tiny.csv"), TINY);
        Run run = Run.of("train", "--data", tiny.toString(), "--epochs", "2", "--out", folder.resolve("t.zip").toString());
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.err().contains("; one batch holds every training row, so an epoch is one step: give it many more --epochs "
                + "(hundreds), lower --lr if the loss grew, or take smaller batches (--batch-size 4)."), run.err());
    }

    @Test
    void aSlowFullBatchIsNotedAsOneStepAnEpochAndLoggedWithItsSeconds() throws Exception {
        Path data = rows();
        Path log = folder.resolve("full.csv");
        Run full = Run.of("train", "--data", data.toString(), "--layers", "64,64", "--batch-size", "0", "--lr", "0.05", "--epochs", "30",
                "--log", log.toString(), "--out", folder.resolve("m.zip").toString());
        assertEquals(0, full.exitCode(), full.err());
        assertFalse(full.err().contains("Warning:"), "a loss above the base rate that falls step by step is training: " + full.err());
        assertTrue(full.out().contains("Note: the training loss was still falling at the last epoch (")
                && full.out().contains("more epochs may fit better (--epochs 60; a full batch takes one step an epoch;"), full.out());
        List<String> lines = Files.readAllLines(log);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,samples,seconds", lines.get(0));
        assertEquals(31, lines.size());
        assertTrue(lines.get(30).startsWith("30,") && lines.get(30).contains(",600,"), lines.get(30));

        Run asLarge = Run.of("train", "--data", data.toString(), "--layers", "64,64", "--batch-size", "1000", "--lr", "0.05", "--epochs",
                "30", "--out", folder.resolve("large.zip").toString()); // a batch as large as the rows: one step an epoch too
        assertEquals(0, asLarge.exitCode(), asLarge.err());
        assertFalse(asLarge.err().contains("Warning:"), asLarge.err());
        assertTrue(asLarge.out().contains("a full batch takes one step an epoch"), asLarge.out());

        // two steps of a full batch: epoch 2's loss is of the weights before its step, and the model after it beats the base rate
        Path cancer = Files.copy(Path.of("src/test/resources/data/breast-cancer-train.csv"), folder.resolve("cancer.csv"));
        Run twoSteps = Run.of("train", "--data", cancer.toString(), "--batch-size", "0", "--epochs", "2", "--out",
                folder.resolve("two.zip").toString());
        assertEquals(0, twoSteps.exitCode(), twoSteps.out() + twoSteps.err());
        Run folds = Run.of("cv", "--data", cancer.toString(), "--batch-size", "0", "--epochs", "2", "--folds", "3");
        assertEquals(0, folds.exitCode(), "each fold judged after its last step, as train judges the run: " + folds.err());

        String logged = Files.readString(log);
        Run verified = Run.of("verify", "--model", folder.resolve("m.zip").toString(), "--data", data.toString());
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertEquals(logged, Files.readString(log), "verify's rerun writes no log over the training's");

        Path model = folder.resolve("fresh.zip");
        Run same = Run.of("train", "--data", data.toString(), "--log", model.toString(), "--out", model.toString());
        assertEquals(2, same.exitCode());
        assertTrue(same.err().contains("--log " + model + " is the file --out writes; give another file"), same.err());

        Run patient = Run.of("train", "--data", data.toString(), "--batch-size", "0", "--epochs", "5", "--validation", "0.2",
                "--early-stopping", "3", "--out", folder.resolve("es.zip").toString());
        assertTrue(patient.out().contains("Note: --early-stopping 3 counts epochs, and an epoch of a full batch is one step: the run "
                + "stops after 3 steps without a better loss, as is common early in a run of full batches"), patient.out());

        Path parts = Files.createDirectory(folder.resolve("parts"));
        Files.copy(data, parts.resolve("a.csv"));
        for (String dataName : new String[] {parts.toString(), parts + "/*.csv"}) {
            Run inside = Run.of("train", "--data", dataName, "--log", parts.resolve("log.csv").toString(), "--out",
                    folder.resolve("p.zip").toString());
            assertEquals(2, inside.exitCode(), dataName);
            assertTrue(inside.err().contains("is among the files --data " + dataName + " names: a later run would read it as data"),
                    inside.err());
        }

        Run cv = Run.of("cv", "--data", data.toString(), "--log", log.toString());
        assertEquals(2, cv.exitCode());
        assertTrue(cv.err().contains("--log is train's, not cv's: log a model trained with train"), cv.err());
    }
}
