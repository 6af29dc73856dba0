package io.dense4j.train;

import io.dense4j.data.BatchSource;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.graph.Plan;
import io.dense4j.graph.SplitStep;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;
import java.util.ArrayList;
import java.util.List;

/**
 * The training loop over a plan and an updater. Per step it has the source copy a batch into the
 * plan's input, runs forward, loss and backward, checks the loss, and steps the optimizer: no arrays
 * are made.
 *
 * <p>A batch larger than the plan (full batch on a big file, say) is accumulated: the plan runs on
 * chunks of it, each chunk's gradient sum is added up, and the optimizer steps once on the batch's
 * mean gradient, exactly the step one pass over the whole batch would give, in bounded memory.
 */
public final class Trainer {
    private final Plan plan;
    private final Updater updater;
    private final NativeArray parameters;
    private final NativeArray gradients;
    /** Null when steps never use a second core. */
    private final AdaptiveSecondCore secondCore;
    private final SplitStep split;
    /** The loss and correct count of the last {@link #runPart}. */
    private double partLoss;
    private int partCorrect;

    /**
     * @param parameters the flat parameter array the updater steps (snapshotted for early stopping)
     * @param gradients  the flat gradient array the plan writes and the updater reads
     * @param secondCore runs independent backward products side by side while that measures faster
     *                   ({@link AdaptiveSecondCore}); null for none
     */
    public Trainer(Plan plan, Updater updater, NativeArray parameters, NativeArray gradients, SecondCore secondCore) {
        this(plan, updater, parameters, gradients, secondCore, null);
    }

    /**
     * A trainer whose steps run on two cores, each part of a batch through its own plan ({@code
     * split}, whose first plan is {@code plan}); {@code split} null for one plan.
     */
    public Trainer(Plan plan, Updater updater, NativeArray parameters, NativeArray gradients, SecondCore secondCore,
                   SplitStep split) {
        this.plan = plan;
        this.updater = updater;
        this.parameters = parameters;
        this.gradients = gradients;
        this.secondCore = secondCore == null ? null : new AdaptiveSecondCore(secondCore);
        this.split = split;
    }

    /** Trains on {@code train}, scoring {@code validation} (may be null) after each epoch. */
    public History fit(Dataset train, Dataset validation, FitOptions options) {
        return fit(new DatasetBatches(train), validation == null ? null : new DatasetBatches(validation), options);
    }

    /** Trains on the rows of {@code train}, scoring {@code validation} (may be null) after each epoch. */
    public History fit(BatchSource train, BatchSource validation, FitOptions options) {
        EarlyStopping stopping = options.earlyStopping();
        if (stopping != null && stopping.monitorValidation() && validation == null) {
            throw new IllegalArgumentException(
                    "EarlyStopping watches the validation loss, but fit has no validation data: set a validation split");
        }
        long rows = train.rows();
        int batchSize = (int) Math.min(options.batchSize(), rows);
        int chunk = Math.min(batchSize, split == null ? plan.capacity() : split.capacity());
        NativeArray gradientSum = batchSize > chunk ? NativeArray.allocate(gradients.dataType(), gradients.length()) : null;
        int batches = Math.toIntExact((rows + batchSize - 1) / batchSize);
        TrainingListener[] listeners = options.listeners().toArray(new TrainingListener[0]);
        NativeArray best = stopping != null && stopping.restoreBestWeights()
                ? NativeArray.allocate(parameters.dataType(), parameters.length()) : null;
        List<EpochMetrics> epochs = new ArrayList<>();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;

        for (int epoch = options.initialEpoch() + 1; epoch <= options.epochs(); epoch++) {
            long started = System.nanoTime();
            train.startPass(epoch, options.seed(), options.shuffle());
            double lossSum = 0;
            long correct = 0;
            for (int step = 1, count; ; step++) {
                double loss;
                if (gradientSum == null) {
                    count = runPart(train, batchSize);
                    if (count == 0) {
                        break;
                    }
                    loss = finite(partLoss, epoch, step, batches);
                    correct += partCorrect;
                } else {
                    double stepLoss = 0;
                    count = 0;
                    gradientSum.zero(gradientSum.length());
                    for (int part; count < batchSize && (part = runPart(train, Math.min(chunk, batchSize - count))) > 0; ) {
                        stepLoss += finite(partLoss, epoch, step, batches) * part;
                        correct += partCorrect;
                        Blas.axpy(gradients.length(), part, gradients, gradientSum); // the part's mean gradient × its rows
                        count += part;
                    }
                    if (count == 0) {
                        break;
                    }
                    gradients.copyFrom(gradientSum, 0, 0, gradients.length());
                    Blas.scal(gradients.length(), 1.0 / count, gradients);
                    loss = stepLoss / count;
                }
                updater.step();
                lossSum += loss * count;
                for (int i = 0; i < listeners.length; i++) { // indexed: no iterator per step
                    listeners[i].onBatchEnd(epoch, step, batches, loss);
                }
            }
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            if (validation != null) {
                double[] score = score(plan, validation);
                validationLoss = score[0];
                validationAccuracy = score[1];
            }
            EpochMetrics metrics = new EpochMetrics(epoch, lossSum / rows, (double) correct / rows,
                    validationLoss, validationAccuracy, rows, (System.nanoTime() - started) / 1e9);
            epochs.add(metrics);
            for (TrainingListener listener : options.listeners()) {
                listener.onEpochEnd(metrics);
            }
            if (stopping == null) {
                bestEpoch = epoch;
                continue;
            }
            double monitored = stopping.monitorValidation() ? validationLoss : metrics.loss();
            if (monitored < bestLoss - stopping.minDelta()) {
                bestLoss = monitored;
                bestEpoch = epoch;
                if (best != null) {
                    best.copyFrom(parameters, 0, 0, parameters.length());
                }
            } else if (epoch - bestEpoch >= stopping.patience()) {
                stoppedEarly = epoch < options.epochs();
                break;
            }
        }
        if (best != null && bestEpoch > 0) {
            parameters.copyFrom(best, 0, 0, parameters.length());
        }
        return new History(epochs, bestEpoch, stoppedEarly);
    }

    /**
     * Takes up to {@code max} rows from {@code train} and runs forward, loss and backward on them:
     * through the one plan, or split over the two of {@link #split}. Leaves the mean gradient in the
     * gradient array, the mean loss in {@link #partLoss} and the correct count in {@link #partCorrect};
     * returns the rows taken, 0 at the end of the pass.
     */
    private int runPart(BatchSource train, int max) {
        if (split == null) {
            int count = train.next(max, plan.input(), plan.labels());
            if (count > 0) {
                partLoss = secondCore == null ? plan.trainingStep(count, null)
                        : secondCore.trainingStep(plan, count, count == max);
                partCorrect = plan.countCorrect(count);
            }
            return count;
        }
        int share = split.firstShare(max);
        int a = train.next(share, plan.input(), plan.labels());
        int b = a < share ? 0 : train.next(max - a, split.second().input(), split.second().labels());
        if (a > 0) {
            partLoss = split.trainingStep(a, b);
            partCorrect = split.countCorrect(a, b);
        }
        return a + b;
    }

    private static double finite(double loss, int epoch, int step, int batches) {
        if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, step, batches, loss);
        }
        return loss;
    }

    /** Mean loss and accuracy of {@code data} under the current parameters: {loss, accuracy}. */
    public static double[] score(Plan plan, Dataset data) {
        return score(plan, new DatasetBatches(data));
    }

    /** As {@link #score(Plan, Dataset)}, over one pass of {@code data} in order. */
    public static double[] score(Plan plan, BatchSource data) {
        double lossSum = 0;
        long correct = 0;
        data.startPass(0, 0, false);
        for (int count; (count = data.next(plan.capacity(), plan.input(), plan.labels())) > 0; ) {
            plan.forward(count);
            lossSum += plan.lossSum(count);
            correct += plan.countCorrect(count);
        }
        return new double[] {lossSum / data.rows(), (double) correct / data.rows()};
    }
}
