package io.dense4j.benchmarks;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Model;
import io.dense4j.train.Callback;
import io.dense4j.train.FitOptions;
import io.dense4j.train.Trainer;
import io.dense4j.train.TrainingDivergedException;
import io.dense4j.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Time to accuracy on W-MLP (docs/workloads.md): for each batch size, the training wall time until the
 * loss on a fixed held-out set (20,000 rows of the same recipe) first drops below a target. Plain
 * SGD at learning rate 0.1, float32, 200,000 training rows (20,000 at batch 1). The held-out loss is
 * measured before training and then every {@link #stepsBetweenChecks} steps (about 10,000 training
 * rows by default), mid-epoch included, and its time is not counted. Not a JMH benchmark: one run
 * per batch size, capped in time, so read it as "which converges first on the clock", not as a
 * precise figure.
 *
 * <p>Usage: TimeToAccuracy [target loss, default 0.1] [time cap in seconds per batch size, default 60]
 * [curve CSV: each check's training seconds and held-out loss, for the loss-against-time plot]
 * [training rows between checks, default 10000]
 */
public final class TimeToAccuracy {
    private TimeToAccuracy() {
    }

    /** Steps between held-out checks: {@code rows} rounded to whole batches, at least one. */
    static int stepsBetweenChecks(int rows, int batch) {
        return Math.max(1, (rows + batch / 2) / batch);
    }

    public static void main(String[] args) throws IOException {
        double target = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        double capSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 60;
        int checkRows = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        List<String> curve = new ArrayList<>(List.of("batch,learningRate,seconds,heldOutLoss"));
        Synthetic train = Synthetic.generate(Teacher.LINEAR, 200_000, WMlp.INPUTS, WMlp.DATA_SEED);
        Synthetic heldOut = Synthetic.generate(Teacher.LINEAR, 20_000, WMlp.INPUTS, WMlp.DATA_SEED + 1);
        Dataset held = Dataset.of(heldOut.features(), heldOut.labels(), DataType.FLOAT);
        System.out.printf(Locale.ROOT, "W-MLP, SGD 0.1, float32: wall time until the held-out loss < %s (cap %.0f s, "
                + "checked every %d training rows)%n", target, capSeconds, checkRows);
        System.out.println("batch,learningRate,trainingRows,epochs,steps,seconds,heldOutLoss,outcome");
        int[] batches = {1, 1, 32, 256, 4096, 200_000};
        double[] learningRates = {0.1, 0.01, 0.1, 0.1, 0.1, 0.1}; // batch 1 also at 0.01: at 0.1 it diverges
        for (int run = 0; run < batches.length; run++) {
            int rows = batches[run] == 1 ? 20_000 : 200_000;
            int batch = Math.min(batches[run], rows);
            double learningRate = learningRates[run];
            Dataset rowsUsed = Dataset.of(train.features().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()),
                    train.labels().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()), DataType.FLOAT);
            String name = batches[run] == 200_000 ? "full" : String.valueOf(batch);
            HeldOutChecks checks = new HeldOutChecks(held, target, capSeconds, stepsBetweenChecks(checkRows, batch),
                    name + "," + learningRate, curve);
            Model model = WMlp.model(learningRate);
            checks.check(model, 0);
            String outcome = null;
            try {
                if (checks.loss >= target) {
                    new Trainer(model).fit(rowsUsed, FitOptions.builder().epochs(Integer.MAX_VALUE).batchSize(batch)
                            .callbacks(checks).build());
                }
            } catch (TrainingDivergedException diverged) {
                outcome = "diverged at step " + (checks.steps + 1); // the checks do not hear of the step that diverged
            }
            boolean reached = checks.loss < target;
            if (outcome == null) {
                outcome = reached ? "reached" : "not within the cap";
            }
            System.out.printf(Locale.ROOT, "%s,%s,%d,%d,%d,%.2f,%.4f,%s%n", name, learningRate, rows, checks.epochs,
                    checks.steps, reached ? checks.lastCheckSeconds : checks.trainingSeconds(), checks.loss, outcome);
        }
        if (args.length > 2) {
            Files.write(Path.of(args[2]), curve);
        }
    }

    /**
     * Every {@code every} steps: the held-out loss, a curve point, and a stop request once the loss
     * is below the target or the training seconds reach the cap. It times its own checks, so that
     * they are left out of the training time.
     */
    private static final class HeldOutChecks implements Callback {
        private final Dataset held;
        private final double target;
        private final double capSeconds;
        private final int every;
        private final String run;
        private final List<String> curve;
        private TrainingRun training;
        private long started;
        private long checkNanos;
        long steps;
        int epochs;
        double loss = Double.NaN;
        double lastCheckSeconds;

        /** {@code run} names the run in the curve: its batch and learning rate. */
        HeldOutChecks(Dataset held, double target, double capSeconds, int every, String run, List<String> curve) {
            this.held = held;
            this.target = target;
            this.capSeconds = capSeconds;
            this.every = every;
            this.run = run;
            this.curve = curve;
        }

        @Override
        public void onTrainBegin(TrainingRun begun) {
            training = begun;
            started = System.nanoTime();
            checkNanos = 0;
        }

        @Override
        public void onBatchEnd(int epoch, int batch, int batches, double batchLoss) {
            steps++;
            epochs = batch == batches ? epoch : epoch - 1;
            if (steps % every == 0) {
                double seconds = trainingSeconds();
                check(training.model(), seconds);
                if (loss < target || seconds >= capSeconds) {
                    training.requestStop();
                }
            }
        }

        /** Seconds since training began, the checks left out; 0 before it began. */
        double trainingSeconds() {
            return started == 0 ? 0 : (System.nanoTime() - started - checkNanos) / 1e9;
        }

        void check(Model model, double seconds) {
            long begun = System.nanoTime();
            loss = model.scores(new DatasetBatches(held)).logLoss();
            lastCheckSeconds = seconds;
            curve.add(String.format(Locale.ROOT, "%s,%.4f,%.6f", run, seconds, loss));
            checkNanos += System.nanoTime() - begun;
        }
    }
}
