package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The epochs train and cv run without --epochs: 10, or for logistic regression on a small table
 * enough for 1,000 steps, up to 100; a resumed run's, its run's.
 */
class DefaultEpochsTest {
    @TempDir
    Path folder;

    @Test
    void smallTablesTrainForAThousandStepsUpToAHundredEpochs() {
        assertEquals(35, DefaultEpochs.of(923, 32, false), "29 steps an epoch: ⌈1,000 / 29⌉");
        assertEquals(11, DefaultEpochs.of(3_168, 32, false), "99 steps: ⌈1,000 / 99⌉");
        assertEquals(10, DefaultEpochs.of(3_169, 32, false), "100 steps: 10 epochs make 1,000");
        assertEquals(10, DefaultEpochs.of(5_000_000, 32, false));
        assertEquals(100, DefaultEpochs.of(200, 32, false), "7 steps an epoch would take 143 epochs");
        assertEquals(100, DefaultEpochs.of(33, 32, false), "2 steps");
        assertEquals(34, DefaultEpochs.of(923, 31, false), "30 steps");
        assertEquals(10, DefaultEpochs.of(923, 0, false), "a full batch: each epoch a step and a whole pass");
        assertEquals(10, DefaultEpochs.of(32, 32, false), "a batch as large as the rows is a full batch");
        assertEquals(10, DefaultEpochs.of(300, 1_000, false));
        assertEquals(10, DefaultEpochs.of(0, 32, false));
        assertEquals(10, DefaultEpochs.of(923, 32, true), "hidden layers can learn a small table by heart");
        assertNull(DefaultEpochs.explained(10, 5_000, 32));
        assertEquals("Epochs: 100, the default for 200 training rows in batches of 32: 7 steps an epoch, 100 epochs at most "
                + "(--epochs N sets them)", DefaultEpochs.explained(100, 200, 32));
        assertEquals("Epochs: 100, the default for 320 training rows in batches of 32: 10 steps an epoch, 1,000 steps at least "
                + "(--epochs N sets them)", DefaultEpochs.explained(100, 320, 32));
    }

    /** 640 rows of 3 columns, the label a noisy threshold of their sum. */
    private Path rows() throws Exception {
        return NoisySumRows.write(folder.resolve("rows.csv"), 640, 5, 1);
    }

    @Test
    void trainSaysWhyItsDefaultIsMoreThanTenAndVerifyRetrainsAlike() throws Exception {
        String data = rows().toString();
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", data, "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("\nEpochs: 50, the default for 640 training rows in batches of 32: 20 steps an epoch, 1,000 "
                + "steps at least (--epochs N sets them)\n"), trained.out());
        assertTrue(trained.out().contains("\nepoch 50/50 "), trained.out());
        Run verified = Run.of("verify", "--model", model.toString(), "--data", data);
        assertTrue(verified.out().lines().reduce((a, b) -> b).orElseThrow().startsWith("Reproduced: "), verified.out());
        // the line records the epochs the rows gave, so that a dense4j of another default retrains as many
        assertTrue(verified.out().startsWith("Retraining as recorded: dense4j train --epochs 50 --fill-missing --data "), verified.out());

        // a validation split of 0.2 trains on 508 rows (each row's side drawn from the seed): 16 steps an epoch
        Run validated = Run.of("train", "--data", data, "--validation", "0.2", "--out", folder.resolve("v.zip").toString());
        assertTrue(validated.out().contains("\nEpochs: 63, the default for 508 training rows"), validated.out());
        // given; full batch; 160 steps; hidden layers
        for (String[] flags : new String[][] {{"--epochs", "12"}, {"--batch-size", "0"}, {"--batch-size", "4"}, {"--layers", "8"}}) {
            Run run = Run.of("train", "--data", data, flags[0], flags[1], "--out", folder.resolve("o.zip").toString());
            assertEquals(0, run.exitCode(), run.err());
            assertFalse(run.out().contains("Epochs:"), run.out());
            assertTrue(run.out().contains("\nepoch " + (flags[1].equals("12") ? "12/12" : "10/10") + " "), run.out());
        }
    }

    @Test
    void theDefaultBoundsCheckpointsAndAResumeGoesOnToItsRunsEpochs() throws Exception {
        String data = rows().toString();
        Path checkpoint = folder.resolve("checkpoint.zip");
        Path model = folder.resolve("m.zip");
        Run pastTheMost = Run.of("train", "--data", folder.resolve("none.csv").toString(), "--checkpoint", checkpoint.toString(),
                "--checkpoint-every", "101", "--out", model.toString());
        assertEquals(2, pastTheMost.exitCode(), pastTheMost.err());
        assertTrue(pastTheMost.err().contains("--checkpoint-every 101 is past the 100 epochs the default takes at most: give --epochs "
                + "N, or a smaller --checkpoint-every"), "before the (missing) data is read: " + pastTheMost.err());
        Run pastTheDefault = Run.of("train", "--data", data, "--checkpoint", checkpoint.toString(), "--checkpoint-every", "60",
                "--out", model.toString());
        assertEquals(2, pastTheDefault.exitCode(), pastTheDefault.err());
        assertTrue(pastTheDefault.err().contains("--checkpoint-every 60 is past the 50 epochs this run takes by default: give --epochs "
                + "N, or a smaller --checkpoint-every"), pastTheDefault.err());

        // a run of 5 epochs, resumed without --epochs, ends where it was going to, not at the rows' default of 50
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "5", "--checkpoint", checkpoint.toString(), "--out",
                model.toString()).exitCode());
        Run resumed = Run.of("train", "--data", data, "--checkpoint", checkpoint.toString(), "--resume", "--out",
                folder.resolve("r.zip").toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resuming from " + checkpoint + " after epoch 5 of 5 "), resumed.out());
        assertFalse(resumed.out().contains("Epochs:"), resumed.out());
        Run tooRareForIt = Run.of("train", "--data", data, "--checkpoint", checkpoint.toString(), "--checkpoint-every", "7",
                "--resume", "--out", folder.resolve("r.zip").toString());
        assertEquals(2, tooRareForIt.exitCode(), tooRareForIt.err());
        assertTrue(tooRareForIt.err().contains("--checkpoint-every 7 is past the 5 epochs of the checkpoint's run: give --epochs N, "
                + "or a smaller --checkpoint-every"), tooRareForIt.err());

        // past the most the default takes, a resumed run's own epochs may go: not refused before the checkpoint is read
        Path longRun = folder.resolve("long.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "130", "--checkpoint", longRun.toString(), "--checkpoint-every",
                "120", "--out", model.toString()).exitCode());
        Run goesOn = Run.of("train", "--data", data, "--checkpoint", longRun.toString(), "--checkpoint-every", "120", "--resume",
                "--out", folder.resolve("r.zip").toString());
        assertEquals(0, goesOn.exitCode(), goesOn.err());
        assertTrue(goesOn.out().contains(" of 130 "), goesOn.out());
    }

    @Test
    void aLineRecordedWithoutEpochsIsRetrainedForTheTenItsRunTook() throws Exception {
        String data = rows().toString();
        Path model = folder.resolve("model.zip");
        assertEquals(0, Run.of("train", "--data", data, "--epochs", "10", "--out", model.toString()).exitCode());
        Model trained = Model.load(model); // as a dense4j whose default was 10 whatever the rows recorded it
        TrainingCommand line = trained.trainingCommand();
        List<String> withoutEpochs = new ArrayList<>(line.arguments());
        withoutEpochs.subList(withoutEpochs.indexOf("--epochs"), withoutEpochs.indexOf("--epochs") + 2).clear();
        trained.setTrainingCommand(new TrainingCommand(withoutEpochs, line.parts(), true));
        Path old = folder.resolve("old.zip");
        trained.save(old);
        Run verified = Run.of("verify", "--model", old.toString(), "--data", data);
        assertEquals(0, verified.exitCode(), verified.out() + verified.err());
        assertTrue(verified.out().startsWith("Retraining as recorded: dense4j train --fill-missing --epochs 10 --data "), verified.out());
        assertFalse(verified.out().contains("Epochs:"), verified.out());
    }

    @Test
    void cvTakesTheDefaultOfAFoldsTrainingRows() throws Exception {
        Run cv = Run.of("cv", "--data", rows().toString(), "--folds", "4");
        assertEquals(0, cv.exitCode(), cv.err());
        // the folds hold out 160 rows or so each (each row's fold drawn from the seed), the largest 165: the fewest training
        // rows are 475, 15 steps an epoch, ⌈1,000 / 15⌉ = 67 epochs
        assertTrue(cv.out().contains("\nEpochs: 67, the default for 475 training rows"), cv.out());
    }
}
