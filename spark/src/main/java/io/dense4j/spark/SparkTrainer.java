package io.dense4j.spark;

import io.dense4j.data.RowSelection;
import io.dense4j.model.CompiledModel;
import io.dense4j.model.DataParallel;
import io.dense4j.model.InputSchema;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.train.EarlyStopping;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.History;
import io.dense4j.train.TrainingDivergedException;
import io.dense4j.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a compiled model on CSV files cached across a Spark cluster, data-parallel, in rounds: the
 * driver broadcasts the weights, every piece of the data works on its share of the round's batch
 * on an executor (with dense4j's planned graph on ND4J memory, one replica per task slot), and
 * treeAggregate brings the results back to the driver, which steps or averages (see
 * {@link Synchronization}). The model trained is the caller's own {@link CompiledModel}: save,
 * evaluate and predict work on it as after single-machine training.
 *
 * <p>The schedule is fixed by the seed: an epoch has ⌈rows / batch⌉ steps; in step s each piece
 * contributes the rows at positions [⌊s·m/S⌋, ⌊(s+1)·m/S⌋) of its own seeded order of its m
 * training rows. A recomputed task (a lost executor) therefore gives the same result.
 */
public final class SparkTrainer {
    private final SparkCsvData data;
    private final JavaSparkContext context;

    public SparkTrainer(SparkSession spark, SparkCsvData data) {
        this.data = data;
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /** Loads the files, trains {@code model} on them and frees the cache: the one-call form. */
    public static History train(SparkSession spark, SparkCsvSource source, CompiledModel model, FitOptions fit,
                                Synchronization sync) {
        try (SparkCsvData data = SparkCsvData.load(spark, source)) {
            return new SparkTrainer(spark, data).fit(model, fit, sync);
        }
    }

    /**
     * Trains {@code model} in place, from the round it has done ({@link CompiledModel#roundsTrained},
     * non-zero for a model loaded from a checkpoint) to the end of {@code fit.epochs()}. A model
     * without an input schema takes the data's (with missing-value means if the source fills them).
     */
    public History fit(CompiledModel model, FitOptions fit, Synchronization sync) {
        if (model.inputWidth() != data.width()) {
            throw new IllegalArgumentException(String.format("the model reads %d features, but %s has %d: %s",
                    model.inputWidth(), data.source().path(), data.width(), data.featureNames()));
        }
        if (model.inputSchema() != null && !model.inputSchema().featureNames().equals(data.featureNames())) {
            throw new IllegalArgumentException(String.format("%s has the feature columns %s, but the model was trained on %s",
                    data.source().path(), data.featureNames(), model.inputSchema().featureNames()));
        }
        RowSelection training = RowSelection.training(fit.validationSplit(), fit.seed());
        RowSelection validation = fit.validationSplit() > 0 ? RowSelection.validation(fit.validationSplit(), fit.seed()) : null;
        if (fit.earlyStopping() != null && fit.earlyStopping().monitorValidation() && validation == null) {
            throw new IllegalArgumentException(
                    "EarlyStopping watches the validation loss, but fit has no validation data: set a validation split");
        }
        if (model.inputSchema() == null || (data.source().fillMissing() && model.inputSchema().missingValueFill() == null)) {
            model.setInputSchema(new InputSchema(data.featureNames(), data.classes(),
                    data.source().fillMissing() ? fill(data.statistics(training).mean()) : null));
        }
        return new Run(model, fit, sync, training, validation).train();
    }

    private List<Double> fill(double[] means) {
        List<Double> fill = new ArrayList<>();
        for (int j = 0; j < means.length; j++) {
            if (Double.isNaN(means[j])) {
                throw new IllegalArgumentException(data.source().path() + ": column \"" + data.featureNames().get(j)
                        + "\" has no values in the training rows, so no mean to fill its missing values with");
            }
            fill.add(means[j]);
        }
        return fill;
    }

    /** One call of fit: the schedule, the broadcast model, and the loop over rounds. */
    private final class Run {
        private final CompiledModel model;
        private final FitOptions fit;
        private final Synchronization sync;
        private final Work work;
        private final long trainingRows;
        private final int stepsPerEpoch;
        private final int roundsPerEpoch;
        private final int parameters;

        Run(CompiledModel model, FitOptions fit, Synchronization sync, RowSelection training, RowSelection validation) {
            this.model = model;
            this.fit = fit;
            this.sync = sync;
            this.parameters = model.parameterCount();
            long[] firstRows = data.firstRows();
            byte[][] classOf = data.classOf();
            this.trainingRows = validation == null ? data.rows()
                    : data.blocks().map(block -> (long) block.selectedRows(training, firstRows[block.piece], classOf[block.piece]).length)
                            .reduce(Long::sum);
            if (trainingRows == 0) {
                throw new IllegalArgumentException("a validation split of " + fit.validationSplit() + " leaves no training rows");
            }
            long batch = Math.min(fit.batchSize(), trainingRows);
            this.stepsPerEpoch = Math.toIntExact((trainingRows + batch - 1) / batch);
            this.roundsPerEpoch = (stepsPerEpoch + sync.localSteps() - 1) / sync.localSteps();
            double[] fillValues = model.inputSchema().fillValues();
            Broadcast<byte[]> modelBytes = context.broadcast(DataParallel.toBytes(model));
            this.work = new Work(java.util.UUID.randomUUID().toString(), modelBytes, data.classOf(), firstRows, data.pieceRows(),
                    fillValues, training, validation, fit.seed(), fit.shuffle(), stepsPerEpoch, sync.threadsPerTask());
        }

        History train() {
            TrainingListener[] listeners = fit.listeners().toArray(new TrainingListener[0]);
            EarlyStopping stopping = fit.earlyStopping();
            long round = Math.max(model.roundsTrained(), (long) fit.initialEpoch() * roundsPerEpoch);
            List<EpochMetrics> epochs = new ArrayList<>();
            double bestLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            double[] best = null;
            boolean stoppedEarly = false;
            try {
                while (round < (long) fit.epochs() * roundsPerEpoch) {
                    int epoch = (int) (round / roundsPerEpoch) + 1;
                    long started = System.nanoTime();
                    double lossSum = 0;
                    double rows = 0;
                    double correct = 0;
                    for (int r = (int) (round % roundsPerEpoch); r < roundsPerEpoch; r++, round++) {
                        int firstStep = r * sync.localSteps();
                        int steps = Math.min(sync.localSteps(), stepsPerEpoch - firstStep);
                        double[] result = sync.mode() == Synchronization.Mode.EXACT
                                ? exactRound(epoch, firstStep) : averagingRound(epoch, firstStep, steps);
                        int tail = result.length - 3;
                        double roundLoss = result[tail + DataParallel.LOSS] / Math.max(1, result[tail + DataParallel.ROWS]);
                        if (!Double.isFinite(roundLoss)) {
                            throw new TrainingDivergedException(epoch, r + 1, roundsPerEpoch, roundLoss);
                        }
                        lossSum += result[tail + DataParallel.LOSS];
                        rows += result[tail + DataParallel.ROWS];
                        correct += result[tail + DataParallel.CORRECT];
                        DataParallel.setRoundsTrained(model, round + 1);
                        for (TrainingListener listener : listeners) {
                            listener.onBatchEnd(epoch, r + 1, roundsPerEpoch, roundLoss);
                        }
                        if (sync.checkpoint() != null && (round + 1) % sync.checkpointEvery() == 0) {
                            DataParallel.setEpochsTrained(model, r + 1 == roundsPerEpoch ? epoch : epoch - 1);
                            save();
                        }
                    }
                    double[] held = work.validation == null ? null : validationLoss();
                    EpochMetrics metrics = new EpochMetrics(epoch, lossSum / rows, correct / rows,
                            held == null ? Double.NaN : held[DataParallel.LOSS] / held[DataParallel.ROWS],
                            held == null ? Double.NaN : held[DataParallel.CORRECT] / held[DataParallel.ROWS],
                            (long) rows, (System.nanoTime() - started) / 1e9);
                    epochs.add(metrics);
                    DataParallel.setEpochsTrained(model, epoch);
                    for (TrainingListener listener : listeners) {
                        listener.onEpochEnd(metrics);
                    }
                    if (stopping == null) {
                        bestEpoch = epoch;
                        continue;
                    }
                    double monitored = stopping.monitorValidation() ? metrics.validationLoss() : metrics.loss();
                    if (monitored < bestLoss - stopping.minDelta()) {
                        bestLoss = monitored;
                        bestEpoch = epoch;
                        best = stopping.restoreBestWeights() ? DataParallel.parameters(model) : null;
                    } else if (epoch - bestEpoch >= stopping.patience()) {
                        stoppedEarly = epoch < fit.epochs();
                        break;
                    }
                }
            } finally {
                work.model.destroy();
            }
            if (best != null) {
                DataParallel.restoreParameters(model, best);
            }
            return new History(epochs, bestEpoch, stoppedEarly);
        }

        /** Every piece's gradient sum over its share of the step, added up; the driver steps once on the mean. */
        private double[] exactRound(int epoch, int step) {
            Broadcast<double[]> weights = context.broadcast(DataParallel.parameters(model));
            try {
                Work w = work;
                int length = parameters + 3;
                double[] sums = orZeros(SparkCsvData.unwrap(() -> data.blocks().treeAggregate(null,
                        (Function2<double[], RowBlock, double[]>) (acc, block) ->
                                w.gradientSum(block, weights, epoch, step, acc != null ? acc : new double[length]),
                        SparkTrainer::add, sync.treeDepth())), length);
                if (sums[parameters + DataParallel.ROWS] > 0) {
                    DataParallel.step(model, sums);
                }
                return sums;
            } finally {
                weights.destroy();
            }
        }

        /** Every piece takes {@code steps} local steps from the broadcast state; the driver takes the row-weighted mean. */
        private double[] averagingRound(int epoch, int firstStep, int steps) {
            double[] state = DataParallel.state(model);
            long optimizerSteps = DataParallel.optimizerSteps(model);
            Broadcast<double[]> broadcast = context.broadcast(state);
            try {
                Work w = work;
                int length = state.length + 3;
                double[] sums = orZeros(SparkCsvData.unwrap(() -> data.blocks().treeAggregate(null,
                        (Function2<double[], RowBlock, double[]>) (acc, block) ->
                                w.localSteps(block, broadcast, optimizerSteps, epoch, firstStep, steps, acc != null ? acc : new double[length]),
                        SparkTrainer::add, sync.treeDepth())), length);
                double rows = sums[state.length + DataParallel.ROWS];
                if (rows > 0) {
                    double[] mean = new double[state.length];
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] = sums[i] / rows;
                    }
                    DataParallel.restoreState(model, mean);
                    DataParallel.restoreOptimizerSteps(model, optimizerSteps + steps);
                }
                return sums;
            } finally {
                broadcast.destroy();
            }
        }

        private double[] validationLoss() {
            Broadcast<double[]> weights = context.broadcast(DataParallel.parameters(model));
            try {
                Work w = work;
                return SparkCsvData.unwrap(() -> data.blocks().treeAggregate(new double[3],
                        (Function2<double[], RowBlock, double[]>) (acc, block) -> w.validationLoss(block, weights, acc),
                        SparkTrainer::add, sync.treeDepth()));
            } finally {
                weights.destroy();
            }
        }

        private void save() {
            try {
                model.save(sync.checkpoint()); // atomic: a crash mid-write leaves the previous checkpoint
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        }
    }

    /**
     * Adds {@code b} into {@code a}: treeAggregate's combine. The zero value is null, not an array
     * of zeros, so no task ships one (for W-MLP, 735 KB per task and round).
     */
    private static double[] add(double[] a, double[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static double[] orZeros(double[] sums, int length) {
        return sums != null ? sums : new double[length];
    }

    /**
     * What a task does with its block, shipped to the executors with every round (small: the
     * model travels once, as a broadcast).
     */
    private record Work(String run, Broadcast<byte[]> model, byte[][] classOf, long[] firstRows, int[] pieceRows, double[] fill,
                        RowSelection training, RowSelection validation, long seed, boolean shuffle, int stepsPerEpoch,
                        int threads) implements java.io.Serializable {

        /** The rows of {@code block} in {@code step} of {@code epoch}. */
        BlockRows stepRows(RowBlock block, int epoch, int step) {
            checkWhole(block);
            int[] rows = block.stepRows(training, firstRows[block.piece], classOf[block.piece], epoch, seed, shuffle, step,
                    stepsPerEpoch, pieceRows.length);
            return new BlockRows(block, rows, 0, rows.length, classOf[block.piece], fill);
        }

        /** A block recomputed from a file that failed or changed since it was first read must not train as is (rows as read, skipped ones too). */
        void checkWhole(RowBlock block) {
            if (block.summary.problem() != null || block.rows != pieceRows[block.piece]) {
                throw new IllegalStateException(String.format("piece %d of %s was read again with %d rows, not the %d it had%s",
                        block.piece, block.summary.file(), block.rows, pieceRows[block.piece],
                        block.summary.problem() == null ? "" : ": " + block.summary.problem().getMessage()));
            }
        }

        double[] gradientSum(RowBlock block, Broadcast<double[]> weights, int epoch, int step, double[] sums) {
            BlockRows rows = stepRows(block, epoch, step);
            if (rows.rows() == 0) {
                return sums;
            }
            CompiledModel replica = Replicas.borrow(run, model);
            try (BlasThreads blas = BlasThreads.exactly(threads)) {
                DataParallel.restoreParameters(replica, weights.value());
                DataParallel.addGradientSum(replica, rows, sums);
            } finally {
                Replicas.giveBack(run, replica);
            }
            return sums;
        }

        double[] localSteps(RowBlock block, Broadcast<double[]> state, long optimizerSteps, int epoch, int firstStep,
                            int steps, double[] sums) {
            CompiledModel replica = Replicas.borrow(run, model);
            try (BlasThreads blas = BlasThreads.exactly(threads)) {
                DataParallel.restoreState(replica, state.value());
                DataParallel.restoreOptimizerSteps(replica, optimizerSteps);
                int tail = sums.length - 3;
                double trained = 0;
                for (int s = firstStep; s < firstStep + steps; s++) {
                    BlockRows rows = stepRows(block, epoch, s);
                    if (rows.rows() == 0) {
                        continue;
                    }
                    double[] step = new double[DataParallel.sumLength(replica)];
                    DataParallel.addGradientSum(replica, rows, step);
                    DataParallel.step(replica, step);
                    int p = step.length - 3;
                    sums[tail + DataParallel.LOSS] += step[p + DataParallel.LOSS];
                    sums[tail + DataParallel.ROWS] += step[p + DataParallel.ROWS];
                    sums[tail + DataParallel.CORRECT] += step[p + DataParallel.CORRECT];
                    trained += step[p + DataParallel.ROWS];
                }
                if (trained > 0) {
                    double[] result = DataParallel.state(replica);
                    for (int i = 0; i < result.length; i++) {
                        sums[i] += result[i] * trained;
                    }
                }
            } finally {
                Replicas.giveBack(run, replica);
            }
            return sums;
        }

        double[] validationLoss(RowBlock block, Broadcast<double[]> weights, double[] sums) {
            checkWhole(block);
            int[] rows = block.selectedRows(validation, firstRows[block.piece], classOf[block.piece]);
            if (rows.length == 0) {
                return sums;
            }
            CompiledModel replica = Replicas.borrow(run, model);
            try (BlasThreads blas = BlasThreads.exactly(threads)) {
                DataParallel.restoreParameters(replica, weights.value());
                DataParallel.addLossSum(replica, new BlockRows(block, rows, 0, rows.length, classOf[block.piece], fill), sums);
            } finally {
                Replicas.giveBack(run, replica);
            }
            return sums;
        }
    }
}
