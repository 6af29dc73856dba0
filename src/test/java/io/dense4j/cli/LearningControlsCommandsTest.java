package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.model.Model;
import io.dense4j.optim.Adam;
import io.dense4j.optim.SGD;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimizer's knobs, the L2 penalty, clipping and schedules from the command line, and their one-line refusals. */
class LearningControlsCommandsTest {

    private static Path data(Path folder) {
        Path file = folder.resolve("train.csv");
        assertEquals(0, Main.execute("generate", "--rows", "600", "--features", "4", "--out", file.toString()));
        return file;
    }

    @Test
    void adamWWithClippingL2AndACosineScheduleIsSavedAndShown(@TempDir Path folder) {
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", data(folder).toString(), "--layers", "8", "--optimizer", "adam", "--lr", "0.01",
                "--beta1", "0.8", "--beta2", "0.99", "--epsilon", "1e-8", "--weight-decay", "0.01", "--clip-norm", "1",
                "--l2", "1e-4", "--lr-schedule", "cosine:1:0.0001", "--dropout", "0.2", "--epochs", "4", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("AdamW[learningRate=0.01, beta1=0.8, beta2=0.99, epsilon=1.0E-8, weightDecay=0.01, "
                + "clipNorm=1.0]"), trained.out());
        assertTrue(trained.out().contains("L2 1.0E-4"), trained.out());
        assertTrue(trained.out().contains("2 Dropout (0.2)"), trained.out());
        Model loaded = Model.load(model);
        assertEquals(new Adam(0.01, 0.8, 0.99, 1e-8).withWeightDecay(0.01).withClipNorm(1), loaded.optimizer());
        assertEquals(1e-4, loaded.loss().l2());
    }

    @Test
    void sgdTakesItsMomentumAndNesterovFromTheFlags(@TempDir Path folder) {
        Path model = folder.resolve("model.zip");
        Run trained = Run.of("train", "--data", data(folder).toString(), "--momentum", "0.5", "--nesterov",
                "--lr-schedule", "step:0.5:1", "--epochs", "2", "--out", model.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertEquals(new SGD(0.1, 0.5, true), Model.load(model).optimizer());
        Run plateau = Run.of("train", "--data", data(folder).toString(), "--optimizer", "momentum", "--validation", "0.2",
                "--lr-schedule", "plateau:0.5:1", "--epochs", "3", "--out", model.toString());
        assertEquals(0, plateau.exitCode(), plateau.err());
        assertEquals(new SGD(0.1, 0.9, false), Model.load(model).optimizer());
    }

    @Test
    void aConstantScheduleIsNoneAndACosineMinimumAboveTheRateIsRefused(@TempDir Path folder) {
        String file = data(folder).toString();
        Path constant = folder.resolve("constant.zip");
        Path none = folder.resolve("none.zip");
        assertEquals(0, Run.of("train", "--data", file, "--lr-schedule", "constant", "--epochs", "2", "--accept-worse-than-base-rate",
                "--out", constant.toString()).exitCode());
        assertEquals(0, Run.of("train", "--data", file, "--epochs", "2", "--accept-worse-than-base-rate", "--out", none.toString())
                .exitCode());
        assertEquals(io.dense4j.model.Model.load(none).parameters(), io.dense4j.model.Model.load(constant).parameters());
        Run climbing = Run.of("train", "--data", file, "--lr", "0.01", "--lr-schedule", "cosine:0:5", "--out", none.toString());
        assertEquals(2, climbing.exitCode(), climbing.err()); // before the data is read
        assertTrue(climbing.err().contains("a cosine schedule's minimum rate 5.0 is above the learning rate 0.01 it anneals from: it "
                + "would climb, not decay"), climbing.err());
        Run warm = Run.of("train", "--data", file, "--lr-schedule", "cosine:5", "--epochs", "3", "--out", none.toString());
        assertEquals(2, warm.exitCode(), warm.err()); // before the data is read
        assertTrue(warm.err().contains("--lr-schedule: a cosine schedule's warm-up of 5 epochs leaves no epoch of the run's 3 to "
                + "anneal in, and never reaches the learning rate"), warm.err());
        Run afresh = Run.of("train", "--data", file, "--resume", "--checkpoint", none.resolveSibling("none-yet.zip").toString(),
                "--lr-schedule", "cosine:5", "--epochs", "3", "--out", none.toString());
        assertEquals(2, afresh.exitCode(), afresh.err()); // --resume without a checkpoint to resume starts afresh
        assertTrue(afresh.err().contains("--lr-schedule: a cosine schedule's warm-up of 5 epochs"), afresh.err());
        Run byDefault = Run.of("train", "--data", file, "--lr-schedule", "cosine:500", "--out", none.toString());
        assertEquals(1, byDefault.exitCode(), byDefault.err()); // the default epochs are known once the rows are
        assertTrue(byDefault.err().contains("a cosine schedule's warm-up of 500 epochs leaves no epoch of the run's "), byDefault.err());
    }

    @Test
    void settingsThatCannotTrainAreRefusedInOneLine(@TempDir Path folder) {
        String file = data(folder).toString();
        String[][] refused = {
                {"--weight-decay", "0.01"}, {"--optimizer", "adam", "--momentum", "0.9"}, {"--momentum", "1.5"},
                {"--lr-schedule", "linear"}, {"--lr-schedule", "step:0.5"}, {"--lr-schedule", "step:2:1"},
                {"--l2", "-1"}, {"--clip-norm", "-3"}, {"--optimizer", "adam", "--beta1", "1"}, {"--dropout", "0.3"},
                {"--layers", "4", "--dropout", "1"}, {"--beta1", "0.5"}, {"--epsilon", "3"}, {"--nesterov"},
                {"--checkpoint-every", "2"}, {"--epochs", "2", "--checkpoint-every", "5", "--checkpoint", folder.resolve("c.zip").toString()},
                {"--lr-schedule", "cosine:NaN"}, {"--threads", "100000"}};
        String[] says = {
                "--weight-decay is AdamW's (with --optimizer adam); for SGD, --l2 gives the same gradient",
                "--momentum and --nesterov are SGD's: Adam has --beta1",
                "--optimizer sgd: SGD expects momentum in [0, 1), got 1.5",
                "--lr-schedule is one of constant, step:FACTOR:EVERY, exponential:FACTOR, cosine[:WARMUP[:MIN]] or "
                        + "plateau[:FACTOR[:PATIENCE[:MIN]]], got \"linear\"",
                "--lr-schedule is one of constant, step:FACTOR:EVERY",
                "--lr-schedule: a step decay's factor must be in (0, 1], got 2.0",
                "--l2 takes a finite penalty >= 0, got -1.0",
                "--optimizer sgd: a gradient clip norm must be finite and >= 0 (0 for none), got -3.0",
                "--optimizer adam: Adam expects beta1 and beta2 in [0, 1), got 1.0 and 0.999",
                "--dropout acts after hidden layers, and there are none: give --layers",
                "--dropout is the share of values dropped, in [0, 1), got 1.0",
                "--beta1 is Adam's: give --optimizer adam, or leave it out",
                "--epsilon is Adam's: give --optimizer adam, or leave it out",
                "--nesterov needs momentum: give --optimizer momentum, or --momentum M",
                "--checkpoint-every says how often to write --checkpoint FILE: give that too",
                "--checkpoint-every 5 is past --epochs 2: no checkpoint would be written",
                "warm-up must be finite epochs >= 0, got NaN", // as typed, not lowercased
                "(4 per core the JVM sees, or 64), got 100000"};
        for (int i = 0; i < refused.length; i++) {
            String[] args = new String[refused[i].length + 2];
            args[0] = "train";
            args[1] = "--data=" + file;
            System.arraycopy(refused[i], 0, args, 2, refused[i].length);
            Run run = Run.of(args);
            assertEquals(2, run.exitCode(), String.join(" ", refused[i]) + ": " + run.err());
            assertTrue(run.err().contains(says[i]), run.err());
        }
    }
}
