package io.dense4j.spark;

import io.dense4j.data.RowSelection;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.optim.Optimizer;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.train.GradientSum;
import io.dense4j.train.Trainer;
import java.util.Locale;
import org.apache.spark.broadcast.Broadcast;

/**
 * What a task of {@link SparkTrainer}'s run does with its block, shipped to the executors with
 * every round (small: the model travels once, as a broadcast).
 *
 * @param trainingOffsets per piece, the position of its first training row among all of them
 *                        (one more entry: the total)
 */
record BlockWork(String run, Broadcast<byte[]> model, Optimizer optimizer, byte[][] classOf, long[] firstRows, long[][] ranksBefore,
                 int[] pieceRows, double[] fill, CategoryCodes[] codes, RowSelection training, RowSelection validation, long seed,
                 boolean shuffle, int batch, int trainingRows, long[] trainingOffsets, int threads)
        implements java.io.Serializable {

    /** The rows of {@code block} in {@code step} of {@code epoch}, in the order one machine's batch has them. */
    BlockRows stepRows(RowBlock block, int epoch, int step) {
        checkWhole(block);
        int[] selected = block.cachedRows(training, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece]);
        long from = trainingOffsets[block.piece];
        long to = trainingOffsets[block.piece + 1];
        int[] order = EpochPositions.of(run, trainingRows, epoch, seed, shuffle);
        int end = (int) Math.min((long) (step + 1) * batch, trainingRows);
        int[] rows = new int[(int) (to - from)];
        int count = 0;
        for (int i = step * batch; i < end; i++) {
            int position = order[i];
            if (position >= from && position < to) {
                rows[count++] = selected[(int) (position - from)];
            }
        }
        return new BlockRows(block, rows, 0, count, classOf[block.piece], fill, codes[block.piece]);
    }

    /** A block recomputed from a file that failed or changed since it was first read must not train as is (rows as read, skipped ones too). */
    void checkWhole(RowBlock block) {
        if (block.summary.problem() != null || block.rows != pieceRows[block.piece]) {
            throw new IllegalStateException(String.format(Locale.ROOT, "piece %d of %s was read again with %d rows, not the %d it had%s",
                    block.piece, block.summary.file(), block.rows, pieceRows[block.piece],
                    block.summary.problem() == null ? "" : ": " + block.summary.problem().getMessage()));
        }
    }

    /**
     * The key of a piece's dropout masks in one step: the masks differ per epoch, step and piece
     * and repeat run to run, but are not one machine's (its parts cut the batch elsewhere).
     */
    private long dropoutKey(int epoch, int step, int piece) {
        return io.dense4j.tensor.Elementwise.mix(seed + epoch * 0x9E3779B97F4A7C15L + step * 0xD1B54A32D192ED03L
                + piece * 0xA24BAED4963EE407L);
    }

    GradientSum gradientSum(RowBlock block, Broadcast<double[]> weights, int epoch, int step, GradientSum sum) {
        BlockRows rows = stepRows(block, epoch, step);
        if (rows.rows() == 0) {
            return sum;
        }
        Trainer replica = Replicas.borrow(run, model, optimizer, threads);
        try {
            replica.restoreParameters(weights.value());
            replica.seedDropout(dropoutKey(epoch, step, block.piece));
            replica.addGradientSum(rows, sum);
        } finally {
            Replicas.giveBack(run, replica);
        }
        return sum;
    }

    double[] localSteps(RowBlock block, Broadcast<double[]> state, long optimizerSteps, double learningRate, int epoch,
                        int firstStep, int steps, double[] sums) {
        Trainer replica = Replicas.borrow(run, model, optimizer, threads);
        try {
            replica.restoreStateVector(state.value());
            replica.restoreOptimizerSteps(optimizerSteps);
            replica.setLearningRate(learningRate);
            int tail = sums.length - 3;
            double trained = 0;
            for (int s = firstStep; s < firstStep + steps; s++) {
                BlockRows rows = stepRows(block, epoch, s);
                if (rows.rows() == 0) {
                    continue;
                }
                GradientSum step = new GradientSum(replica.model().parameterCount());
                replica.seedDropout(dropoutKey(epoch, s, block.piece));
                replica.addGradientSum(rows, step);
                sums[tail] += replica.step(step);
                sums[tail + 1] += step.rows();
                sums[tail + 2] += step.correct();
                trained += step.rows();
            }
            if (trained > 0) {
                double[] result = replica.stateVector();
                for (int i = 0; i < result.length; i++) {
                    sums[i] += result[i] * trained;
                }
            }
        } finally {
            Replicas.giveBack(run, replica);
        }
        return sums;
    }

    /** Adds the loss sums of {@code block}'s validation rows, or with {@code trainingRows} of its training rows. */
    double[] lossSums(RowBlock block, Broadcast<double[]> weights, double[] sums, boolean trainingRows) {
        checkWhole(block);
        int[] rows = trainingRows ? block.cachedRows(training, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece])
                : block.selectedRows(validation, firstRows[block.piece], ranksBefore[block.piece], classOf[block.piece]);
        if (rows.length == 0) {
            return sums;
        }
        Trainer replica = Replicas.borrow(run, model, optimizer, threads);
        try (BlasThreads blas = BlasThreads.exactly(threads)) {
            replica.restoreParameters(weights.value());
            replica.model().addLossSums(new BlockRows(block, rows, 0, rows.length, classOf[block.piece], fill, codes[block.piece]),
                    sums);
        } finally {
            Replicas.giveBack(run, replica);
        }
        return sums;
    }
}
