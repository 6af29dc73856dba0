package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.runtime.ExecutionPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** Each schedule's rates by hand, batch by batch, on 3 epochs of 4 batches at a base rate of 0.1. */
class LearningRateScheduleTest {
    private static final Dataset ROWS;

    static {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 40, 2, 3);
        ROWS = Dataset.of(data.features(), data.labels(), DataType.FLOAT);
    }

    /** Writes down the rate each batch stepped at; it runs before the schedule, which sets the next batch's. */
    private static final class Rates implements Callback {
        final List<Double> used = new ArrayList<>();
        private TrainingRun run;

        @Override
        public void onTrainBegin(TrainingRun started) {
            run = started;
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batches, double loss) {
            used.add(run.trainer().learningRate());
        }

        double[] values() {
            return used.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    private static Model model() {
        return new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
    }

    private static double[] rates(Callback schedule) {
        Rates rates = new Rates();
        new Trainer(model()).fit(ROWS, FitOptions.builder().epochs(3).batchSize(10).callbacks(rates, schedule).build());
        return rates.values();
    }

    @Test
    void stepDecayHalvesTheRateEachEpoch() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.025},
                rates(LearningRateSchedule.step(0.5, 1)), 1e-15);
    }

    @Test
    void exponentialDecayShrinksSmoothlyByItsFactorPerEpoch() {
        double[] expected = new double[12];
        for (int b = 0; b < 12; b++) {
            expected[b] = 0.1 * Math.pow(0.5, b / 4.0); // b batches done before this one, 4 to an epoch
        }
        assertArrayEquals(expected, rates(LearningRateSchedule.exponential(0.5)), 1e-15);
    }

    @Test
    void cosineWarmsUpLinearlyThenFallsToItsMinimumAtTheLastBatch() {
        double[] rates = rates(LearningRateSchedule.cosine(1, 0.001));
        assertArrayEquals(new double[] {0.025, 0.05, 0.075, 0.1}, Arrays.copyOf(rates, 4), 1e-15);
        // epochs 2–3: position p = 1 + b/4 (b = 1 … 8), progress (p − 1)/2 along half a cosine
        for (int b = 1; b <= 8; b++) {
            double expected = 0.001 + (0.1 - 0.001) * (1 + Math.cos(Math.PI * b / 8.0)) / 2;
            assertEquals(expected, rates[3 + b], 1e-15, "batch " + b + " after the warm-up");
        }
        assertEquals(0.001, rates[11], 1e-15);
    }

    @Test
    void aResumedRunStepsAtTheRatesTheUninterruptedRunUsed(@TempDir Path folder) {
        double[] uninterrupted = rates(LearningRateSchedule.cosine(1, 0));
        Path checkpoint = folder.resolve("checkpoint.zip");
        Callback saveMidEpochTwo = new SaveAndStopAt(2, 2, checkpoint);
        new Trainer(model()).fit(ROWS, FitOptions.builder().epochs(3).batchSize(10)
                .callbacks(LearningRateSchedule.cosine(1, 0), saveMidEpochTwo).build());

        Rates resumed = new Rates();
        Trainer.resume(Checkpoint.load(checkpoint), ExecutionPolicy.forThisMachine()).fit(ROWS, FitOptions.builder()
                .epochs(3).batchSize(10).callbacks(resumed, LearningRateSchedule.cosine(1, 0)).build());
        assertArrayEquals(Arrays.copyOfRange(uninterrupted, 6, 12), resumed.values(), 1e-15);
    }

    @Test
    void plateauReducesTheRateAfterPatienceEpochsWithoutImprovement() {
        Trainer trainer = new Trainer(model());
        ReduceLearningRateOnPlateau plateau = new ReduceLearningRateOnPlateau(0.5, 2, 0.03);
        plateau.onTrainBegin(new TrainingRun(trainer, 1, 10, 4, false));
        double[] losses = {0.6, 0.5, 0.5, 0.55, 0.4, 0.45, 0.41, 0.42, 0.43};
        double[] after = new double[losses.length];
        for (int e = 0; e < losses.length; e++) {
            plateau.onEpochEnd(new EpochMetrics(e + 1, losses[e], 0.5, Double.NaN, Double.NaN, 40, 0.1));
            after[e] = trainer.learningRate();
        }
        // no gain at epochs 3–4: halved to 0.05; at 6–7 halving would give 0.025, below the minimum 0.03
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03, 0.03}, after, 1e-15);

        // a minimum above the rate never raises it: a plateau only reduces, as Keras's min_lr
        Trainer other = new Trainer(model());
        ReduceLearningRateOnPlateau high = new ReduceLearningRateOnPlateau(0.5, 1, 5);
        high.onTrainBegin(new TrainingRun(other, 1, 10, 4, false));
        high.onEpochEnd(new EpochMetrics(1, 0.5, 0.5, Double.NaN, Double.NaN, 40, 0.1));
        high.onEpochEnd(new EpochMetrics(2, 0.6, 0.5, Double.NaN, Double.NaN, 40, 0.1));
        assertEquals(0.1, other.learningRate(), 1e-15);
    }

    @Test
    void schedulesRefuseRatesThatCannotTrain() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(-1, 0));
        // a warm-up as long as the run leaves nothing to anneal; a longer one never reaches the rate
        assertEquals("a cosine schedule's warm-up of 50 epochs leaves no epoch of the run's 3 to anneal in, and never reaches the "
                + "learning rate: give a warm-up below the epochs, or more epochs", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(50, 0).checkEpochs(3)).getMessage());
        assertEquals("a cosine schedule's warm-up of 3 epochs leaves no epoch of the run's 3 to anneal in: give a warm-up below the "
                + "epochs, or more epochs", assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(3, 0).checkEpochs(3)).getMessage());
        LearningRateSchedule.cosine(2.5, 0).checkEpochs(3);
        LearningRateSchedule.cosine(0, 0).checkEpochs(1);
        assertThrows(IllegalArgumentException.class, () -> new ReduceLearningRateOnPlateau(1, 2, 0));
    }
}
