package io.dense4j.runtime;

import io.dense4j.data.BatchSource;
import io.dense4j.tensor.Elementwise;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Runs training steps as the {@link ExecutionPolicy} says: a step's rows go into one plan, or into
 * the plans of its parts, which run forward, loss and backward on the workers' threads; the parts'
 * gradients are then added, in part order, into the trainer's gradient array, in parallel
 * ({@link PartSums}, which adds the categorical columns' slot gradients from the parts' rows, or
 * leaves them unsummed for plain SGD: {@link #run(int, boolean)}).
 * Every buffer is made here, once; a step allocates nothing.
 *
 * <p>One pass takes at most {@link #capacity()} rows; a larger batch is the sum of several passes,
 * which the caller adds up.
 */
public final class StepRunner {
    private final ExecutionPolicy policy;
    /** One part's gradient bytes, which the policy's decisions take ({@link #partGradientBytes}). */
    private final long partBytes;
    private final Workers workers;
    private final int capacity;
    private final Plan[] plans;
    /** Each part's gradients (parts only; one plan writes the result directly). */
    private final Gradients[] partGradients;
    /** Adds the parts' gradients into the result (parts only). */
    private final PartSums sums;
    private final int[] rows;
    private final double[] losses;
    private final int[] correct;
    private final IntConsumer runPart = this::runPart;
    private final IntConsumer scorePart = this::scorePart;
    private final IntConsumer sumPiece = this::sumPiece;
    private int parts;
    private int batchRows;

    /**
     * @param gradients where each step's gradient goes, laid out as the parameters; null for a
     *                  runner that only scores (forward and loss)
     * @param maxRows   the most rows a step will be asked to take (more are split into passes)
     */
    public StepRunner(Parameters parameters, Gradients gradients, ExecutionPolicy policy, int maxRows, Workers workers) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("a step needs at least 1 row, got " + maxRows);
        }
        this.policy = policy;
        this.partBytes = partGradientBytes(parameters);
        this.workers = workers;
        this.capacity = Math.min(maxRows, policy.passRows(partBytes));
        int maxParts = policy.parts(capacity, partBytes);
        this.rows = new int[maxParts];
        this.losses = new double[maxParts];
        this.correct = new int[maxParts];
        this.plans = new Plan[maxParts];
        if (maxParts == 1 || gradients == null) {
            int partCapacity = maxParts == 1 ? capacity : policy.largestPart(capacity, partBytes);
            for (int part = 0; part < maxParts; part++) {
                plans[part] = gradients == null ? Plan.forward(parameters, partCapacity)
                        : new Plan(parameters, gradients, capacity);
            }
            partGradients = null;
            sums = null;
            return;
        }
        int partCapacity = policy.largestPart(capacity, partBytes);
        partGradients = new Gradients[maxParts];
        for (int part = 0; part < maxParts; part++) {
            partGradients[part] = Gradients.forPart(parameters.graph(), parameters.dataType());
            plans[part] = new Plan(parameters, partGradients[part], partCapacity);
        }
        sums = new PartSums(gradients, partGradients, plans, workers.threads());
    }

    /**
     * The bytes of one part's gradient array for {@code parameters}: what the policy's memory
     * budget for parts counts, so how a step is cut and how many rows a pass holds. A part holds
     * every parameter's gradient but the slot weight rows' ({@link Gradients#forPart}).
     */
    public static long partGradientBytes(Parameters parameters) {
        return Gradients.partLength(parameters.graph()) * parameters.dataType().width();
    }

    /** Seeds the dropout masks of the passes that follow: each part's plan its own stream from {@code key}. */
    public void seedDropout(long key) {
        for (int part = 0; part < plans.length; part++) {
            plans[part].seedDropout(partKey(key, part));
        }
    }

    /** The key part {@code part}'s plan draws its dropout masks from, when the runner's is {@code key}. */
    public static long partKey(long key, int part) {
        return Elementwise.mix(key ^ (part + 1) * 0xD1B54A32D192ED03L);
    }

    /** The most rows one pass takes. */
    public int capacity() {
        return capacity;
    }

    /**
     * Copies the next {@code count} rows (at most {@link #capacity()}) of {@code source}'s pass into
     * the plans, cut into parts as the policy cuts a step of that many rows.
     *
     * @throws IllegalStateException if the source ends before {@code count} rows: it must deliver
     *                               the rows its {@link BatchSource#rows()} announced
     */
    public void load(BatchSource source, int count) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("a pass of up to " + capacity + " rows was asked to take " + count);
        }
        parts = plans.length == 1 ? 1 : policy.parts(count, partBytes);
        for (int part = 0; part < parts; part++) {
            int wanted = parts == 1 ? count : ExecutionPolicy.partSize(count, parts, part);
            Plan plan = plans[part];
            boolean weighted = source.weighted();
            plan.weightRows(weighted);
            int got = source.next(wanted, plan.input(), plan.labels(), weighted ? plan.rowWeights() : null);
            if (got != wanted) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "the batch source announced %,d rows per pass but ran out of rows in the middle of a step", source.rows()));
            }
            rows[part] = wanted;
        }
    }

    /**
     * Forward, loss and backward over the rows {@link #load} put in, as a share of a batch of
     * {@code batchRows} rows: afterwards the gradient array holds the sum over these rows of dℓ/dθ
     * divided by {@code batchRows} (the whole batch's mean gradient when this pass is all of it).
     * Returns the sum of their losses.
     */
    public double run(int batchRows) {
        return run(batchRows, false);
    }

    /**
     * As {@link #run(int)}; with {@code leaveSlotSums}, the slot blocks of the categorical columns
     * may be left unsummed instead of written ({@link io.dense4j.tensor.NonzeroRows#leaveUnsummed}),
     * for a plain SGD step that takes them next. Only for such a step: anything else reading the
     * gradient array would find those blocks stale.
     */
    public double run(int batchRows, boolean leaveSlotSums) {
        this.batchRows = batchRows;
        if (plans.length == 1) {
            plans[0].leaveSlotSums(leaveSlotSums);
            runPart(0);
            return losses[0];
        }
        if (partGradients == null) {
            throw new IllegalStateException("this runner only scores: it was made without gradients");
        }
        workers.run(parts, runPart);
        workers.run(sums.plan(parts, rows, leaveSlotSums), sumPiece);
        return lossSum();
    }

    /** Forward and loss over the rows {@link #load} put in, for scoring: returns the sum of their losses. */
    public double score() {
        workers.run(parts, scorePart);
        return lossSum();
    }

    /** Rows of the last {@link #run} or {@link #score} classified right at p ≥ 0.5. */
    public int correct() {
        int sum = 0;
        for (int part = 0; part < parts; part++) {
            sum += correct[part];
        }
        return sum;
    }

    private double lossSum() {
        double sum = 0;
        for (int part = 0; part < parts; part++) {
            sum += losses[part];
        }
        return sum;
    }

    private void runPart(int part) {
        Plan plan = plans[part];
        losses[part] = plan.trainingStep(rows[part], batchRows);
        correct[part] = plan.countCorrect(rows[part]);
    }

    private void scorePart(int part) {
        Plan plan = plans[part];
        plan.forward(rows[part]);
        losses[part] = plan.lossSum(rows[part]);
        correct[part] = plan.countCorrect(rows[part]);
    }

    private void sumPiece(int task) {
        sums.sum(task);
    }

    /**
     * Runs tasks 0 … count − 1 (an optimizer update's pieces, say) on the threads the last step
     * used: on the workers after a step in parts, which left the gradients and weights in every
     * thread's cache; on the caller after a step of one part, since its cache holds them. Handing
     * half of them to another core made W-MLP's steps of 32 rows about 11% slower
     * (docs/benchmarks.md, "The update on the workers").
     */
    public void runOnStepThreads(int count, IntConsumer task) {
        if (parts > 1) {
            workers.run(count, task);
            return;
        }
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    }

    /** How many parts the last {@link #load} cut the rows into. */
    int parts() {
        return parts;
    }
}
