package io.dense4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.train.EpochMetrics;
import io.dense4j.train.History;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A loss still falling by more than scikit-learn's SGD tolerance (0.001) at a run's last epoch is noted; a settled one is not. */
class ConvergenceNoteTest {

    private static List<EpochMetrics> epochs(double[] losses, double[] validationLosses) {
        List<EpochMetrics> epochs = new ArrayList<>();
        for (int i = 0; i < losses.length; i++) {
            epochs.add(new EpochMetrics(i + 1, losses[i], 0.9, validationLosses == null ? Double.NaN : validationLosses[i],
                    Double.NaN, 100, 0.1));
        }
        return epochs;
    }

    @Test
    void aTrainingLossStillFallingAtTheLastEpochIsNotedWithTwiceTheEpochs() {
        History falling = new History(epochs(new double[] {0.40, 0.2832, 0.2824, 0.2811}, null), false);
        assertEquals("Note: the training loss was still falling at the last epoch (0.2811 at epoch 4; the lowest up to epoch 3 was 0.2824): more epochs "
                + "may fit better (--epochs 8; --validation 0.2 shows whether held-out rows gain too)", ConvergenceNote.of(falling, 4, false, Double.NaN));
        // 0.0009 is within the tolerance; a last epoch worse than an earlier best is no fall
        assertNull(ConvergenceNote.of(new History(epochs(new double[] {0.40, 0.2824, 0.2815}, null), false), 3, false, Double.NaN));
        assertNull(ConvergenceNote.of(new History(epochs(new double[] {0.40, 0.2700, 0.2750}, null), false), 3, false, Double.NaN));
    }

    @Test
    void heldOutRowsAreJudgedByTheirLossNotTheTrainingLoss() {
        History overfitting = new History(epochs(new double[] {0.40, 0.30, 0.20}, new double[] {0.41, 0.35, 0.36}), false);
        assertNull(ConvergenceNote.of(overfitting, 3, false, Double.NaN), "the training loss fell by 0.1, validation's rose");
        History gaining = new History(epochs(new double[] {0.40, 0.30, 0.29}, new double[] {0.41, 0.35, 0.34}), false);
        assertEquals("Note: the validation loss was still falling at the last epoch (0.3400 at epoch 3; the lowest up to epoch 2 was 0.3500): more epochs "
                + "may fit better (--epochs 6)", ConvergenceNote.of(gaining, 3, false, Double.NaN));
    }

    /** 60 one-step epochs of a full batch, each 0.0008 below the last: no single step gains 0.001, the last six gain 0.0048. */
    @Test
    void aSlowFullBatchIsJudgedOverTheRunsLastTenth() {
        double[] losses = new double[60];
        for (int i = 0; i < 60; i++) {
            losses[i] = 0.40 - 0.0008 * i;
        }
        String note = ConvergenceNote.of(new History(epochs(losses, null), false), 60, true, Double.NaN);
        assertEquals("Note: the training loss was still falling at the last epoch (0.3528 at epoch 60; the lowest up to epoch 54 was 0.3576): "
                + "more epochs may fit better (--epochs 120; a full batch takes one step an epoch; --validation 0.2 shows whether "
                + "held-out rows gain too)", note);
        // resumed at epoch 51: its fit holds the last 10 epochs, and the run's tenth is still 6 of them
        List<EpochMetrics> resumed = new ArrayList<>();
        for (int epoch = 51; epoch <= 60; epoch++) {
            resumed.add(new EpochMetrics(epoch, losses[epoch - 1], 0.9, Double.NaN, Double.NaN, 100, 0.1));
        }
        assertEquals(note, ConvergenceNote.of(new History(resumed, false), 60, true, Double.NaN));
    }

    /**
     * At 2% positives always predicting the base rate loses −(0.02 ln 0.02 + 0.98 ln 0.98) = 0.0980
     * a row, a seventh of even classes' ln 2, and the tolerance shrinks with it: a gain of 0.0003,
     * 0.3% of the loss, is noted there and not on even classes.
     */
    @Test
    void onRarePositivesTheToleranceShrinksWithTheBaseRatesLoss() {
        double baseRate = -(0.02 * Math.log(0.02) + 0.98 * Math.log(0.98));
        assertEquals(0.0980, baseRate, 5e-5);
        assertEquals(1e-3 * baseRate / Math.log(2), ConvergenceNote.tolerance(baseRate), 1e-18);
        assertEquals(1.414e-4, ConvergenceNote.tolerance(baseRate), 5e-7);
        assertEquals(1e-3, ConvergenceNote.tolerance(Math.log(2)), 0);
        assertEquals(1e-3, ConvergenceNote.tolerance(1.3), 0, "class weights can make it larger: never above scikit-learn's");
        assertEquals(1e-3, ConvergenceNote.tolerance(Double.NaN), 0);
        History rare = new History(epochs(new double[] {0.30, 0.12, 0.0950, 0.0920, 0.0905, 0.0899, 0.0897, 0.0895, 0.0895,
                0.0892}, null), false);
        assertEquals("Note: the training loss was still falling at the last epoch (0.0892 at epoch 10; the lowest up to epoch 9 was "
                + "0.0895): more epochs may fit better (--epochs 20; --validation 0.2 shows whether held-out rows gain too)",
                ConvergenceNote.of(rare, 10, false, baseRate));
        assertNull(ConvergenceNote.of(rare, 10, false, Math.log(2)), "0.0003 is within even classes' tolerance");
    }

    @Test
    void aRunThatStoppedEarlyKeptAnotherEpochOrTrainedOneEpochIsNotJudged() {
        double[] falling = {0.40, 0.30, 0.20};
        assertNull(ConvergenceNote.of(new History(epochs(falling, null), true), 5, false, Double.NaN), "stopped early");
        assertNull(ConvergenceNote.of(new History(epochs(falling, null), false), 5, false, Double.NaN), "the run went to epoch 5; this fit ended at 3");
        List<EpochMetrics> three = epochs(falling, null);
        assertNull(ConvergenceNote.of(new History(three, false, three.get(1)), 3, false, Double.NaN), "the weights of epoch 2 were restored");
        assertTrue(ConvergenceNote.of(new History(three, false, three.get(2)), 3, false, Double.NaN) != null,
                "early stopping that kept the last epoch, the best, stopped nothing");
        assertNull(ConvergenceNote.of(new History(epochs(new double[] {0.4}, null), false), 1, false, Double.NaN), "one epoch: nothing to compare");
        assertNull(ConvergenceNote.of(new History(List.of(), true), 5, false, Double.NaN), "a resumed run that had ended: no epoch");
    }

    @Test
    void trainSaysItAfterTheLastEpoch(@TempDir Path folder) throws Exception {
        StringBuilder csv = new StringBuilder("a,b,label\n");
        java.util.Random random = new java.util.Random(8);
        for (int r = 0; r < 300; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            csv.append(a).append(',').append(b).append(',').append(2 * a - b + random.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        Path file = Files.writeString(folder.resolve("rows.csv"), csv);
        Run run = Run.of("train", "--data", file.toString(), "--epochs", "3", "--lr", "0.01", "--out", folder.resolve("m.zip").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("epoch 3/3") && run.out().contains("Note: the training loss was still falling at the last epoch ("),
                run.out());
        assertTrue(run.out().contains("more epochs may fit better (--epochs 6; --validation 0.2 shows whether held-out rows gain too)"),
                run.out());
    }
}
