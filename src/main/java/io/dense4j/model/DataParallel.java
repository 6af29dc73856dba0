package io.dense4j.model;

import io.dense4j.data.BatchSource;
import io.dense4j.graph.Plan;
import io.dense4j.tensor.NativeArray;
import java.nio.file.Path;

/**
 * What data-parallel training (dense4j-spark) needs of a model, kept apart from its everyday API:
 * the model as bytes to ship to workers; its training state (parameters, then the optimizer's
 * arrays) as one flat double vector to broadcast, average and restore; the gradient of the summed
 * loss over some rows; and an optimizer step on a gradient summed elsewhere. Doubles carry float32
 * and float64 values exactly.
 *
 * <p>A gradient sum vector has {@link #sumLength} entries: the summed gradient, then the summed
 * loss, the row count and the count of rows classified right ({@link #LOSS}, {@link #ROWS} and
 * {@link #CORRECT} past the parameters), so one vector adds up across workers.
 */
public final class DataParallel {
    /** Offsets past the parameter count in a gradient sum vector. */
    public static final int LOSS = 0;
    public static final int ROWS = 1;
    public static final int CORRECT = 2;

    private DataParallel() {
    }

    /** The model as the bytes of its model file. */
    public static byte[] toBytes(CompiledModel model) {
        return ModelFile.toBytes(model);
    }

    /** A model from {@link #toBytes}; {@code name} stands for the file in any error. */
    public static CompiledModel fromBytes(byte[] bytes, String name) {
        return ModelFile.fromBytes(bytes, Path.of(name));
    }

    /** Entries of a gradient sum vector: the parameters, then loss, rows and correct. */
    public static int sumLength(CompiledModel model) {
        return model.parameterCount() + 3;
    }

    /** Entries of the training state: the parameters, then each optimizer state array in turn. */
    public static int stateLength(CompiledModel model) {
        int length = model.parameterCount();
        for (NativeArray array : model.updater().state()) {
            length += array.length();
        }
        return length;
    }

    /** The parameters and the optimizer's state, as one vector of {@link #stateLength} doubles. */
    public static double[] state(CompiledModel model) {
        double[] state = new double[stateLength(model)];
        int at = read(model.parameterStore().values(), state, 0);
        for (NativeArray array : model.updater().state()) {
            at = read(array, state, at);
        }
        return state;
    }

    /** Sets the parameters and optimizer state from a vector {@link #state} gave (or an average of such). */
    public static void restoreState(CompiledModel model, double[] state) {
        if (state.length != stateLength(model)) {
            throw new IllegalArgumentException("a training state of " + state.length + " values does not fit this model's "
                    + stateLength(model));
        }
        int at = write(state, 0, model.parameterStore().values());
        for (NativeArray array : model.updater().state()) {
            at = write(state, at, array);
        }
    }

    /** Sets the parameters alone (the first {@code parameterCount} values of a state vector, or exactly that many). */
    public static void restoreParameters(CompiledModel model, double[] values) {
        if (values.length < model.parameterCount()) {
            throw new IllegalArgumentException(values.length + " values cannot set this model's " + model.parameterCount() + " parameters");
        }
        write(values, 0, model.parameterStore().values());
    }

    /** The parameters alone, as doubles. */
    public static double[] parameters(CompiledModel model) {
        double[] values = new double[model.parameterCount()];
        read(model.parameterStore().values(), values, 0);
        return values;
    }

    /**
     * One forward pass over {@code rows} in order: adds their summed loss, count and correct count
     * to {@code sums[LOSS]}, {@code sums[ROWS]} and {@code sums[CORRECT]} (a vector of 3).
     */
    public static void addLossSum(CompiledModel model, BatchSource rows, double[] sums) {
        if (rows.rows() == 0) {
            return;
        }
        Plan plan = model.plan((int) Math.min(rows.rows(), CompiledModel.CHUNK_ROWS));
        rows.startPass(0, 0, false);
        for (int count; (count = rows.next(plan.capacity(), plan.input(), plan.labels())) > 0; ) {
            plan.forward(count);
            sums[LOSS] += plan.lossSum(count);
            sums[ROWS] += count;
            sums[CORRECT] += plan.countCorrect(count);
        }
    }

    /** Optimizer steps taken, where the update depends on it (Adam's bias correction). */
    public static long optimizerSteps(CompiledModel model) {
        return model.updater().steps();
    }

    public static void restoreOptimizerSteps(CompiledModel model, long steps) {
        model.updater().restoreSteps(steps);
    }

    /**
     * One pass over {@code rows} in order, without stepping: adds each row's loss gradient dℓ/dθ
     * (in the model's precision, summed in double) to {@code sums}, and its loss, count and
     * correctness past them. Runs in chunks of at most {@code CompiledModel.STEP_ROWS} rows.
     */
    public static void addGradientSum(CompiledModel model, BatchSource rows, double[] sums) {
        int parameters = model.parameterCount();
        if (sums.length != parameters + 3) {
            throw new IllegalArgumentException("a gradient sum for this model has " + (parameters + 3) + " entries, got " + sums.length);
        }
        if (rows.rows() == 0) {
            return;
        }
        Plan plan = model.plan((int) Math.min(rows.rows(), CompiledModel.STEP_ROWS));
        NativeArray gradients = model.parameterStore().gradients();
        rows.startPass(0, 0, false);
        for (int count; (count = rows.next(plan.capacity(), plan.input(), plan.labels())) > 0; ) {
            double meanLoss = plan.trainingStep(count);
            for (int i = 0; i < parameters; i++) {
                sums[i] += gradients.get(i) * count; // the chunk's mean gradient × its rows
            }
            sums[parameters + LOSS] += meanLoss * count;
            sums[parameters + ROWS] += count;
            sums[parameters + CORRECT] += plan.countCorrect(count);
        }
    }

    /**
     * One optimizer step on the mean gradient of a gradient sum vector (the sum over its rows,
     * divided by their count): the step one pass over all those rows would have taken.
     */
    public static void step(CompiledModel model, double[] sums) {
        int parameters = model.parameterCount();
        double rows = sums[parameters + ROWS];
        if (!(rows >= 1)) {
            throw new IllegalArgumentException("a step needs the gradient of at least one row, got " + rows);
        }
        NativeArray gradients = model.parameterStore().gradients();
        for (int i = 0; i < parameters; i++) {
            gradients.set(i, sums[i] / rows);
        }
        model.updater().step();
    }

    /** Records the data-parallel rounds completed, saved with the model (see {@link CompiledModel#roundsTrained}). */
    public static void setRoundsTrained(CompiledModel model, long rounds) {
        model.restoreRoundsTrained(rounds);
    }

    /** Records the epochs completed, saved with the model (see {@link CompiledModel#epochsTrained}). */
    public static void setEpochsTrained(CompiledModel model, int epochs) {
        model.restoreEpochsTrained(epochs);
    }

    private static int read(NativeArray array, double[] into, int at) {
        for (int i = 0; i < array.length(); i++) {
            into[at + i] = array.get(i);
        }
        return at + array.length();
    }

    private static int write(double[] from, int at, NativeArray array) {
        for (int i = 0; i < array.length(); i++) {
            array.set(i, from[at + i]);
        }
        return at + array.length();
    }
}
