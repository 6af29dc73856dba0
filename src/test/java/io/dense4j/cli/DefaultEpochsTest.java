package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The epochs train and cv run without --epochs: 10, or on a small table enough for 1,000 steps, up to 100. */
class DefaultEpochsTest {
    @TempDir
    Path folder;

    @Test
    void smallTablesTrainForAThousandStepsUpToAHundredEpochs() {
        assertEquals(35, DefaultEpochs.of(923, 32), "29 steps an epoch: ⌈1,000 / 29⌉");
        assertEquals(11, DefaultEpochs.of(3_168, 32), "99 steps: ⌈1,000 / 99⌉");
        assertEquals(10, DefaultEpochs.of(3_200, 32), "100 steps: 10 epochs make 1,000");
        assertEquals(10, DefaultEpochs.of(3_201, 32));
        assertEquals(10, DefaultEpochs.of(5_000_000, 32));
        assertEquals(100, DefaultEpochs.of(200, 32), "7 steps an epoch would take 143 epochs");
        assertEquals(100, DefaultEpochs.of(5, 32));
        assertEquals(10, DefaultEpochs.of(923, 0), "a full batch: each epoch a step and a whole pass");
        assertEquals(10, DefaultEpochs.of(0, 32));
        assertEquals(34, DefaultEpochs.of(923, 31), "30 steps");
        assertNull(DefaultEpochs.explained(10, 5_000, 32));
        assertEquals("Epochs: 100, the default for 200 training rows in batches of 32: 7 steps an epoch, 100 epochs at most "
                + "(--epochs N sets them)", DefaultEpochs.explained(100, 200, 32));
        assertEquals("Epochs: 100, the default for 320 training rows in batches of 32: 10 steps an epoch, 1,000 steps at least "
                + "(--epochs N sets them)", DefaultEpochs.explained(100, 320, 32));
    }

    /** 640 rows of 3 columns, the label a noisy threshold of their sum. */
    private Path rows() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("a,b,c,label\n");
        for (int r = 0; r < 640; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(c).append(',')
                    .append(a + b - c + random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(folder.resolve("rows.csv"), csv);
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
        assertTrue(verified.out().startsWith("Retraining as recorded: dense4j train --epochs 50 --data "), verified.out());

        // a validation split of 0.2 trains on 508 rows (each row's side drawn from the seed): 16 steps an epoch
        Run validated = Run.of("train", "--data", data, "--validation", "0.2", "--out", folder.resolve("v.zip").toString());
        assertTrue(validated.out().contains("\nEpochs: 63, the default for 508 training rows"), validated.out());
        for (String[] flags : new String[][] {{"--epochs", "12"}, {"--batch-size", "0"}, {"--batch-size", "4"}}) { // given; full batch; 160 steps
            Run run = Run.of("train", "--data", data, flags[0], flags[1], "--out", folder.resolve("o.zip").toString());
            assertEquals(0, run.exitCode(), run.err());
            assertFalse(run.out().contains("Epochs:"), run.out());
            assertTrue(run.out().contains("\nepoch " + (flags[1].equals("12") ? "12/12" : "10/10") + " "), run.out());
        }
    }

    @Test
    void theDefaultBoundsCheckpointsAndResumesAsAGivenNumberDoes() throws Exception {
        String data = rows().toString();
        Path checkpoint = folder.resolve("checkpoint.zip");
        Run tooRare = Run.of("train", "--data", data, "--checkpoint", checkpoint.toString(), "--checkpoint-every", "60", "--out",
                folder.resolve("m.zip").toString());
        assertEquals(2, tooRare.exitCode(), tooRare.err());
        assertTrue(tooRare.err().contains("--checkpoint-every 60 is past --epochs 50 (the default for these rows): no checkpoint "
                + "would be written"), tooRare.err());

        Run longer = Run.of("train", "--data", data, "--epochs", "60", "--checkpoint", checkpoint.toString(), "--out",
                folder.resolve("m.zip").toString());
        assertEquals(0, longer.exitCode(), longer.err());
        Run resumed = Run.of("train", "--data", data, "--checkpoint", checkpoint.toString(), "--resume", "--out",
                folder.resolve("r.zip").toString());
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("--resume keeps the checkpoint's model, optimizer, loss and batches, but --epochs 50 (the "
                + "default for these rows); the checkpoint has trained 60 epochs already"), resumed.err());
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
