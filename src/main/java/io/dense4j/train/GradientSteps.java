package io.dense4j.train;

import io.dense4j.data.BatchSource;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingState;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.TaskRunner;
import io.dense4j.optim.Updater;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.StepRunner;
import io.dense4j.runtime.Workers;
import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A {@link Trainer}'s steps: the gradients, the plans that compute them, the threads they run on
 * and the optimizer's update of the parameters. It computes a batch's gradient (summed over passes
 * when the batch is larger than one), steps, scores rows, and serves data-parallel training's
 * gradient sums and state vectors; where training stands is the trainer's.
 */
final class GradientSteps {
    private final Model model;
    private final ExecutionPolicy policy;
    private final Gradients gradients;
    private final Updater updater;
    /**
     * Whether a batch of one pass leaves the slot gradients of categorical columns unsummed for the
     * updater: plain SGD without clipping or an L2 penalty, which read nothing else of them.
     */
    private final boolean leavesSlotSums;
    private final Workers workers;
    /** The Dense weights and their gradients, for the loss's L2 penalty. */
    private final Slices weights;
    private final Slices weightGradients;
    private StepRunner runner;
    private StepRunner scorer;
    /** The sum over passes of a batch larger than one pass; made when first needed. */
    private NativeArray accumulated;
    /** The key the dropout masks of the next passes are drawn from, and whether the runner has it yet. */
    private long dropoutKey;
    private boolean dropoutSeeded;
    /** Rows the last {@link #computeGradients} classified right. */
    private int lastCorrect;

    GradientSteps(Model model, Optimizer optimizer, ExecutionPolicy policy) {
        this.model = model;
        this.policy = policy;
        this.gradients = new Gradients(model.graph(), model.dataType());
        this.weights = model.parameterValues().allWeights();
        this.weightGradients = gradients.allWeights();
        this.workers = new Workers(policy.threads());
        this.updater = Updater.create(optimizer, model.parameterValues().values(), gradients.values(), weights,
                gradients.nonzeroRows(), this::runUpdatePieces);
        this.leavesSlotSums = updater.takesUnsummedSlots() && model.loss().l2() == 0;
    }

    /** Starts the step threads; a fit's steps run between this and {@link #stopThreads}. */
    void startThreads() {
        workers.start();
    }

    void stopThreads() {
        workers.stop();
    }

    /**
     * The gradient of the source's next {@code count} rows, one batch, with the L2 penalty's: see
     * {@link #computeGradients}. Returns the batch's summed loss, penalty included.
     */
    double batchGradient(BatchSource source, int count) {
        return computeGradients(source, count) + penalize(count);
    }

    /** Rows the last batch classified right. */
    int correct() {
        return lastCorrect;
    }

    /** One optimizer step on the gradient the last batch left. */
    void step() {
        updater.step();
    }

    /** Plans for a fit's batches of {@code rows} rows. */
    void prepareBatches(long rows) {
        prepare(rows, true);
    }

    /**
     * Puts back a checkpoint's optimizer state: its state arrays, step count and learning rate. An
     * empty state array (a model file saved without training state) leaves the optimizer fresh.
     */
    void restoreOptimizer(TrainingState state, Optimizer optimizer) {
        double[] values = state.optimizerState();
        if (values.length == 0 && stateLength() > 0 && state.optimizerSteps() > 0) { // a model file has neither
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the checkpoint holds no optimizer state after %d steps; %s over this model "
                    + "needs %d values (the file was altered)", state.optimizerSteps(), optimizer, stateLength()));
        }
        if (values.length != 0 && values.length != stateLength()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the checkpoint holds %d optimizer state values; %s over this model needs %d",
                    values.length, optimizer, stateLength()));
        }
        int at = 0;
        for (NativeArray array : values.length == 0 ? List.<NativeArray>of() : updater.state()) {
            for (int i = 0; i < array.length(); i++) {
                array.set(i, values[at++]);
            }
        }
        String impossible = updater.impossibleState();
        if (impossible != null) {
            throw new IllegalArgumentException("the checkpoint's optimizer state cannot be: " + impossible + " (the file was altered)");
        }
        updater.restoreSteps(state.optimizerSteps());
        if (!Double.isNaN(state.learningRate())) {
            updater.setLearningRate(state.learningRate());
        }
    }

    /**
     * Forward, loss and backward over the source's next {@code count} rows, one batch: afterwards
     * the gradient array holds the batch's mean gradient, but for the slot blocks a plain SGD step
     * takes unsummed ({@link #leavesSlotSums}). Returns the batch's summed loss.
     */
    private double computeGradients(BatchSource source, int count) {
        applyDropoutSeed();
        if (count <= runner.capacity()) {
            runner.load(source, count);
            double loss = runner.run(count, leavesSlotSums);
            lastCorrect = runner.correct();
            return loss;
        }
        NativeArray sum = accumulated();
        double loss = 0;
        int correct = 0;
        for (int done = 0; done < count; ) {
            int pass = Math.min(runner.capacity(), count - done);
            runner.load(source, pass);
            loss += runner.run(count); // each pass's share of the batch mean
            correct += runner.correct();
            if (done == 0) {
                sum.copyFrom(gradients.values(), 0, 0, sum.length());
            } else {
                Blas.axpy(sum.length(), 1.0, gradients.values(), sum);
            }
            done += pass;
        }
        gradients.values().copyFrom(sum, 0, 0, sum.length());
        gradients.forgetNonzeroRows(); // the passes' rows together
        lastCorrect = correct;
        return loss;
    }

    /**
     * Adds the loss's L2 penalty to the batch's mean gradient, λ·w on every Dense weight, and
     * returns its share of the batch's summed loss, rows · (λ/2)·Σ w²; 0 without a penalty.
     */
    private double penalize(double rows) {
        double lambda = model.loss().l2();
        if (lambda == 0) {
            return 0;
        }
        double penalty = lambda / 2 * weights.sumOfSquares();
        weightGradients.addScaled(lambda, weights);
        gradients.forgetNonzeroRows(); // λ·w on every slot row
        return rows * penalty;
    }

    /** Mean loss and accuracy of one in-order pass over {@code data}, on the training threads: {loss, accuracy}. */
    double[] score(BatchSource data) {
        data.startPass(0, 0, false);
        double loss = 0;
        long correct = 0;
        for (long left = data.rows(); left > 0; ) {
            int count = (int) Math.min(scorer.capacity(), left);
            scorer.load(data, count);
            loss += scorer.score();
            correct += scorer.correct();
            left -= count;
        }
        return new double[] {loss / data.rows(), (double) correct / data.rows()};
    }

    /** Reads past the first {@code rows} rows of the pass, as a resumed epoch does for the batches done before. */
    void skip(BatchSource source, long rows) {
        for (long left = rows; left > 0; ) {
            int count = (int) Math.min(runner.capacity(), left);
            runner.load(source, count);
            left -= count;
        }
    }

    /**
     * Plans for steps of {@code rows} rows: made anew unless the last ones fit, exactly when
     * {@code exact} (a fit plans for its batch size, which decides how steps run; a gradient sum
     * only needs room). How many rows a pass holds never changes the arithmetic.
     */
    private void prepare(long rows, boolean exact) {
        int wanted = (int) Math.min(rows, passRows());
        if (runner == null || (exact ? runner.capacity() != wanted : runner.capacity() < wanted)) {
            runner = new StepRunner(model.parameterValues(), gradients, policy, wanted, workers);
            dropoutSeeded = false; // the new plans start their streams from the current key
        }
    }

    /** Runs the update's pieces where the step ran ({@link StepRunner#runOnStepThreads}); on this thread before any step. */
    private void runUpdatePieces(int count, IntConsumer piece) {
        if (runner == null) {
            TaskRunner.CALLER.run(count, piece);
        } else {
            runner.runOnStepThreads(count, piece);
        }
    }

    /** Forward-only plans for scoring {@code rows} rows a pass at a time; kept while they fit. */
    void prepareScorer(long rows) {
        int wanted = (int) Math.min(rows, passRows());
        if (scorer == null || scorer.capacity() < wanted) {
            scorer = new StepRunner(model.parameterValues(), null, policy, wanted, workers);
        }
    }

    private int passRows() {
        return policy.passRows(StepRunner.partGradientBytes(model.parameterValues()));
    }

    private NativeArray accumulated() {
        if (accumulated == null) {
            accumulated = NativeArray.allocate(model.dataType(), gradients.values().length());
        }
        return accumulated;
    }

    /** As {@link Trainer#addGradientSum}. */
    void addGradientSum(BatchSource rows, GradientSum sum) {
        model.checkWidth(rows.width());
        if (sum.gradient().length != gradients.values().length()) {
            throw new IllegalArgumentException("a gradient sum for this model has " + gradients.values().length()
                    + " entries, got " + sum.gradient().length);
        }
        if (rows.rows() == 0) {
            return;
        }
        prepare(rows.rows(), false);
        applyDropoutSeed();
        workers.start();
        try (BlasThreads oneEach = BlasThreads.exactly(1)) {
            rows.startPass(0, 0, false);
            double[] into = sum.gradient();
            NativeArray pass = gradients.values();
            for (long left = rows.rows(); left > 0; ) {
                int count = (int) Math.min(runner.capacity(), left);
                runner.load(rows, count);
                double loss = runner.run(1); // scale 1: the sum over the rows, not their mean
                for (int i = 0; i < into.length; i++) {
                    into[i] += pass.get(i);
                }
                sum.addRows(loss, count, runner.correct());
                left -= count;
            }
        } finally {
            workers.stop();
        }
    }

    /** As {@link Trainer#step}. */
    double step(GradientSum sum) {
        double[] summed = sum.gradient();
        if (summed.length != gradients.values().length()) {
            throw new IllegalArgumentException("a gradient sum for this model has " + gradients.values().length()
                    + " entries, got " + summed.length);
        }
        if (!(sum.rows() >= 1)) {
            throw new IllegalArgumentException("a step needs the gradient of at least one row, got " + sum.rows());
        }
        double loss = sum.loss() + meanGradientWithPenalty(sum);
        updater.step();
        return loss;
    }

    /** As {@link Trainer#objectiveGradient}. */
    double[] objectiveGradient(BatchSource rows) {
        GradientSum sum = new GradientSum(model.parameterCount());
        addGradientSum(rows, sum);
        meanGradientWithPenalty(sum);
        return gradients.values().toDoubleArray();
    }

    /** As {@link Trainer#seedDropout}. */
    void seedDropout(long key) {
        dropoutKey = key;
        dropoutSeeded = false;
    }

    /** The key the dropout masks of the next passes are drawn from. */
    long dropoutKey() {
        return dropoutKey;
    }

    /** Seeds the runner's dropout streams if a key is waiting: after {@link #prepare}, which may have made a new runner. */
    private void applyDropoutSeed() {
        if (!dropoutSeeded) {
            runner.seedDropout(dropoutKey);
            dropoutSeeded = true;
        }
    }

    /**
     * Puts {@code sum}'s mean gradient, with the L2 penalty's, into the gradient array; returns the
     * penalty's share of the summed loss.
     */
    private double meanGradientWithPenalty(GradientSum sum) {
        double[] summed = sum.gradient();
        NativeArray values = gradients.values();
        for (int i = 0; i < summed.length; i++) {
            values.set(i, summed[i] / sum.rows());
        }
        gradients.forgetNonzeroRows();
        return penalize(sum.rows());
    }

    /** As {@link Trainer#learningRate}. */
    double learningRate() {
        return updater.learningRate();
    }

    /** As {@link Trainer#setLearningRate}. */
    void setLearningRate(double learningRate) {
        updater.setLearningRate(learningRate);
    }

    /** As {@link Trainer#stateVector}. */
    double[] stateVector() {
        NativeArray parameters = model.parameterValues().values();
        double[] optimizerState = optimizerState();
        double[] vector = new double[parameters.length() + optimizerState.length];
        for (int i = 0; i < parameters.length(); i++) {
            vector[i] = parameters.get(i);
        }
        System.arraycopy(optimizerState, 0, vector, parameters.length(), optimizerState.length);
        return vector;
    }

    /** As {@link Trainer#restoreStateVector}. */
    void restoreStateVector(double[] vector) {
        NativeArray parameters = model.parameterValues().values();
        int length = parameters.length() + stateLength();
        if (vector.length != length) {
            throw new IllegalArgumentException("a training state of " + vector.length + " values does not fit this trainer's "
                    + length);
        }
        for (int i = 0; i < parameters.length(); i++) {
            parameters.set(i, vector[i]);
        }
        int at = parameters.length();
        for (NativeArray array : updater.state()) {
            for (int i = 0; i < array.length(); i++) {
                array.set(i, vector[at++]);
            }
        }
    }

    /** As {@link Trainer#restoreParameters}. */
    void restoreParameters(double[] values) {
        NativeArray parameters = model.parameterValues().values();
        if (values.length < parameters.length()) {
            throw new IllegalArgumentException(values.length + " values cannot set this model's " + parameters.length() + " parameters");
        }
        for (int i = 0; i < parameters.length(); i++) {
            parameters.set(i, values[i]);
        }
    }

    /** As {@link Trainer#parameters}. */
    double[] parameters() {
        return model.parameterValues().values().toDoubleArray();
    }

    /** As {@link Trainer#optimizerSteps}. */
    long optimizerSteps() {
        return updater.steps();
    }

    void restoreOptimizerSteps(long steps) {
        updater.restoreSteps(steps);
    }

    double[] optimizerState() {
        double[] values = new double[stateLength()];
        int at = 0;
        for (NativeArray array : updater.state()) {
            for (int i = 0; i < array.length(); i++) {
                values[at++] = array.get(i);
            }
        }
        return values;
    }

    private int stateLength() {
        return updater.state().stream().mapToInt(NativeArray::length).sum();
    }
}
