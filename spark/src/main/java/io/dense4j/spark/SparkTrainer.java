package io.dense4j.spark;

import io.dense4j.data.Categories;
import io.dense4j.data.RowSelection;
import io.dense4j.model.InputSchema;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingState;
import io.dense4j.train.EpochMetrics;
import io.dense4j.train.FitOptions;
import io.dense4j.train.GradientSum;
import io.dense4j.train.History;
import io.dense4j.train.EpochLoop;
import io.dense4j.train.Trainer;
import io.dense4j.train.TrainingRun;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * Trains a model on CSV files cached across a Spark cluster, data-parallel, in rounds: the driver
 * broadcasts the weights, every piece of the data works on its share of the round's batch on an
 * executor (through a {@link Trainer} replica, one per task slot), and treeAggregate brings the
 * results back to the driver's trainer, which steps or averages (see {@link Synchronization}). The
 * model trained is the caller's trainer's: save, evaluate and predict work on it as after
 * single-machine training, and the fit's callbacks (early stopping, checkpoints, progress) run as
 * on one machine, a round counting as a batch.
 *
 * <p>The batches are one machine's: an epoch visits the training rows (in file order across the
 * pieces) in the order one machine's seeded shuffle gives for that epoch, and step s takes the
 * positions [s·B, (s + 1)·B) of that order; each piece contributes those of its rows. Exact mode
 * therefore trains the weights one machine trains, up to the order of additions, and a recomputed
 * task (a lost executor) gives the same result.
 */
public final class SparkTrainer {
    private final SparkCsvData data;
    private final JavaSparkContext context;

    public SparkTrainer(SparkSession spark, SparkCsvData data) {
        this.data = data;
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    /** Loads the files, trains with {@code trainer} on them and frees the cache: the one-call form. */
    public static History train(SparkSession spark, SparkCsvSource source, Trainer trainer, FitOptions fit,
                                Synchronization sync) {
        try (SparkCsvData data = SparkCsvData.load(spark, source)) {
            return new SparkTrainer(spark, data).fit(trainer, fit, sync);
        }
    }

    /**
     * Trains {@code trainer}'s model in place, from where the trainer stands (a trainer resumed from
     * a checkpoint goes on mid-epoch, at its round) to the end of {@code fit.epochs()}. A model
     * without an input schema takes the data's (with missing-value means if the source fills them).
     */
    public History fit(Trainer trainer, FitOptions fit, Synchronization sync) {
        Model model = trainer.model();
        if (model.inputWidth() != data.width()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the model reads %d features, but %s has %d: %s",
                    model.inputWidth(), data.source().path(), data.width(), data.featureNames()));
        }
        if (model.inputSchema() != null) {
            model.inputSchema().checkFeatures(data.source().path(), data.featureNames());
            model.inputSchema().checkClasses(data.source().path(), data.classes()); // a resumed model whose classes --positive turned round
            model.inputSchema().checkTrainingMarks(data.source().path(), data.source().format());
        }
        // averaging's weights depend on its local steps and pieces; exact rounds are one machine's step on any pieces
        boolean resumed = trainer.beginFit(fit, sync.mode() == Synchronization.Mode.EXACT ? io.dense4j.model.TrainingState.Batching.EXACT_ON_CLUSTER
                : io.dense4j.model.TrainingState.Batching.averaging(sync.localSteps(), data.pieces()));
        RowSelection training = fit.trainingRows();
        RowSelection validation = fit.validationSplit() > 0 ? fit.validationRows() : null;
        if (model.inputSchema() == null && !data.categoricalColumns().isEmpty()) {
            throw new IllegalArgumentException(data.source().path() + " has categorical columns " + data.categoricalColumns()
                    + ", and the model was compiled for numbers only: compile it with an InputSchema holding their categories "
                    + "(SparkCsvData.categories)");
        }
        if (model.inputSchema() == null || (data.source().fillMissing() && model.inputSchema().missingValueFill() == null)) {
            Map<String, Categories> categories = model.inputSchema() == null ? Map.of() : model.inputSchema().categories();
            model.setInputSchema(new InputSchema(data.featureNames(), data.classes(), data.source().fillMissing()
                    ? InputSchema.meansToFill(data.source().path(), data.featureNames(), data.statistics(training),
                    categories.keySet()) : null, data.source().labelName(), categories, model.inputSchema() == null
                    ? data.source().format().missingMarks() : model.inputSchema().missingMarks(), model.inputSchema() == null
                    ? data.source().format().columnMissingMarks() : model.inputSchema().columnMissingMarks(), model.inputSchema() == null
                    ? data.source().format().dates() : model.inputSchema().dates()));
        }
        return new Run(trainer, fit, sync, training, validation).train(resumed);
    }

    /** One call of fit: the schedule, the broadcast model, and the loop over rounds. */
    private final class Run {
        private final Trainer trainer;
        private final FitOptions fit;
        private final Synchronization sync;
        private final BlockWork work;
        private final int stepsPerEpoch;
        private final int roundsPerEpoch;
        private final int parameters;

        Run(Trainer trainer, FitOptions fit, Synchronization sync, RowSelection training, RowSelection validation) {
            this.trainer = trainer;
            this.fit = fit;
            this.sync = sync;
            this.parameters = trainer.model().parameterCount();
            long[] firstRows = data.firstRows();
            long[][] ranksBefore = data.ranksBefore();
            byte[][] classOf = data.classOf();
            List<int[]> counts = SparkCsvData.unwrap(() -> data.blocks().map(block -> new int[] {block.piece,
                    block.cachedRows(training, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece]).length})
                    .collect());
            long[] offsets = new long[data.pieces() + 1];
            for (int[] count : counts) {
                offsets[count[0] + 1] = count[1];
            }
            for (int piece = 0; piece < data.pieces(); piece++) {
                offsets[piece + 1] += offsets[piece];
            }
            long trainingRows = offsets[data.pieces()];
            if (trainingRows == 0) {
                throw new IllegalArgumentException("a validation split of " + fit.validationSplit() + " leaves no training rows");
            }
            if (trainingRows > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(trainingRows + " training rows: one epoch's order holds up to 2^31 − 1, as on one machine");
            }
            int batch = (int) Math.min(fit.batchSize(), trainingRows);
            this.stepsPerEpoch = (int) ((trainingRows + batch - 1) / batch);
            this.roundsPerEpoch = (stepsPerEpoch + sync.localSteps() - 1) / sync.localSteps();
            Broadcast<byte[]> modelBytes = context.broadcast(trainer.model().toBytes());
            this.work = new BlockWork(java.util.UUID.randomUUID().toString(), modelBytes, trainer.optimizer(), data.classOf(),
                    firstRows, ranksBefore, data.pieceRows(), trainer.model().inputSchema().fillValues(),
                    data.codes(trainer.model().inputSchema().categories()), training, validation, fit.seed(),
                    fit.shuffle(), batch, (int) trainingRows, offsets, sync.threadsPerTask());
        }

        /** Trains the epochs left; {@code resumed}: the trainer goes on from a checkpoint, which a progress that does not fit is then blamed on. */
        History train(boolean resumed) {
            EpochLoop loop = new EpochLoop(new TrainingRun(trainer, trainer.epochsTrained() + 1, fit.epochs(), roundsPerEpoch,
                    work.validation() != null), fit);
            // progress is recorded at the end of rounds, so this is the round after the last one done
            int firstRound = (int) ((trainer.batchesInEpoch() + sync.localSteps() - 1) / sync.localSteps());
            long rowsDone = trainer.progress().rows();
            if (rowsDone != Math.min(work.trainingRows(), trainer.batchesInEpoch() * work.batch())) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "%s stopped after %d rows of an epoch, %d steps, which steps of %d of these %d rows do not make: "
                                + "resume with the batch size, files and validation split it was trained with",
                        resumed ? "the checkpoint" : "this trainer", rowsDone, trainer.batchesInEpoch(), work.batch(),
                        work.trainingRows()));
            }
            try {
                return trainer.recorded(loop.run(epoch -> epoch(epoch, loop, firstRound)), fit);
            } finally {
                work.model().destroy();
            }
        }

        /** The rounds of one epoch after those already done (a resumed trainer's), then validation. */
        private EpochMetrics epoch(int epoch, EpochLoop loop, int firstRound) {
            long started = System.nanoTime();
            TrainingState.Progress done = trainer.progress(); // zero but for a resumed epoch
            double lossSum = done.lossSum();
            double rows = done.rows();
            double correct = done.correct();
            for (int round = done.batches() > 0 ? firstRound : 0; round < roundsPerEpoch && !loop.stopRequested(); round++) {
                int firstStep = round * sync.localSteps();
                int steps = Math.min(sync.localSteps(), stepsPerEpoch - firstStep);
                double[] totals = sync.mode() == Synchronization.Mode.EXACT
                        ? exactRound(epoch, firstStep) : averagingRound(epoch, firstStep, steps);
                lossSum += totals[0];
                rows += totals[1];
                correct += totals[2];
                trainer.setProgress(new TrainingState.Progress(epoch - 1, firstStep + steps, lossSum, (long) rows, (long) correct));
                loop.batchEnd(epoch, round + 1, roundsPerEpoch, totals[0] / Math.max(1, totals[1]));
            }
            double[] held = work.validation() == null ? null : lossSums(false);
            if (held != null && held[1] > 0 && !Double.isFinite(held[0])) { // as one machine says it (Trainer)
                double[] trained = lossSums(true);
                if (!Double.isFinite(trained[0])) { // the training rows too: the epoch's last step diverged
                    throw io.dense4j.train.TrainingDivergedException.afterLastStep(epoch, (int) trainer.batchesInEpoch(),
                            held[0] / held[1], trained[0] / trained[1]);
                }
                throw io.dense4j.model.NoProbability.inValidation(epoch, held[0] / held[1]);
            }
            return new EpochMetrics(epoch, lossSum / rows, correct / rows,
                    held == null ? Double.NaN : held[0] / held[1], held == null ? Double.NaN : held[2] / held[1],
                    (long) rows, (System.nanoTime() - started) / 1e9, (long) rows - done.rows());
        }

        /**
         * Every piece's gradient sum over its rows of the step, added up; the driver's trainer steps
         * once on the mean, unless the loss is not finite. Returns the loss, rows and correct count.
         */
        private double[] exactRound(int epoch, int step) {
            Broadcast<double[]> weights = context.broadcast(trainer.parameters());
            try {
                BlockWork w = work;
                int length = parameters; // a local: the closure must not capture this Run
                GradientSum sum = SparkCsvData.unwrap(() -> data.blocks().treeAggregate(null,
                        (Function2<GradientSum, RowBlock, GradientSum>) (acc, block) ->
                                w.gradientSum(block, weights, epoch, step, acc != null ? acc : new GradientSum(length)),
                        SparkTrainer::add, sync.treeDepth()));
                if (sum == null) {
                    sum = new GradientSum(parameters);
                }
                double loss = sum.loss();
                if (sum.rows() > 0 && Double.isFinite(sum.meanLoss())) {
                    loss = trainer.step(sum); // with the loss's penalty, as one machine reports it
                }
                return new double[] {loss, sum.rows(), sum.correct()};
            } finally {
                weights.destroy();
            }
        }

        /**
         * Every piece takes its shares of {@code steps} steps from the broadcast state; the driver's
         * trainer takes the row-weighted mean, unless the loss is not finite.
         */
        private double[] averagingRound(int epoch, int firstStep, int steps) {
            double[] state = trainer.stateVector();
            long optimizerSteps = trainer.optimizerSteps();
            double learningRate = trainer.learningRate(); // a schedule's, if one set it
            Broadcast<double[]> broadcast = context.broadcast(state);
            try {
                BlockWork w = work;
                int length = state.length + 3;
                double[] sums = SparkCsvData.unwrap(() -> data.blocks().treeAggregate(null,
                        (Function2<double[], RowBlock, double[]>) (acc, block) ->
                                w.localSteps(block, broadcast, optimizerSteps, learningRate, epoch, firstStep, steps,
                                        acc != null ? acc : new double[length]),
                        SparkTrainer::add, sync.treeDepth()));
                if (sums == null) {
                    sums = new double[length];
                }
                double loss = sums[state.length];
                double rows = sums[state.length + 1];
                if (rows > 0 && Double.isFinite(loss / rows)) {
                    double[] mean = new double[state.length];
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] = sums[i] / rows;
                    }
                    trainer.restoreStateVector(mean);
                    trainer.restoreOptimizerSteps(optimizerSteps + steps);
                }
                return new double[] {loss, rows, sums[state.length + 2]};
            } finally {
                broadcast.destroy();
            }
        }

        /**
         * The validation rows' summed loss, count and correct count; or, {@code training}, those of
         * the training rows (after a validation loss that is not finite).
         */
        private double[] lossSums(boolean training) {
            Broadcast<double[]> weights = context.broadcast(trainer.parameters());
            try {
                BlockWork w = work;
                return SparkCsvData.unwrap(() -> data.blocks().treeAggregate(new double[3],
                        (Function2<double[], RowBlock, double[]>) (acc, block) -> w.lossSums(block, weights, acc, training),
                        SparkTrainer::add, sync.treeDepth()));
            } finally {
                weights.destroy();
            }
        }
    }

    /** treeAggregate's combine for gradient sums; null is the empty sum, so no task ships one of zeros. */
    private static GradientSum add(GradientSum a, GradientSum b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.add(b);
    }

    /**
     * Adds {@code b} into {@code a}: treeAggregate's combine. The zero value is null, not an array
     * of zeros, so no task ships one (a double per parameter) with every round.
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
}
