package io.dense4j.graph;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;

/**
 * One training step on two cores, data-parallel: the batch's first part runs through one plan on
 * this thread while its second part runs through another on the second core, each making its
 * matrix products on one OpenBLAS thread and its elementwise loops (bias, activations, loss) on
 * its own core. The two plans share the parameter values; the second writes gradients of its own,
 * which are then weighted into the first's: the batch-mean gradient, as one plan over the whole
 * batch computes it (up to rounding). Allocates nothing per step.
 *
 * <p>Why: at large batches, two OpenBLAS threads on one plan share the products but leave every
 * elementwise loop on one core; here nothing runs on one core alone but the final sum.
 */
public final class SplitStep {
    /**
     * Steps of at least this many rows are split. SplitStepBenchmark, W-MLP, two runs on this
     * project's 2-vCPU machine: split over one plan 1.36× and 1.36× at 128 rows, 2.1× and 1.08× at
     * 256, 1.85× and 1.40× at 1024, 1.25× and 1.42× at 4096, 1.37× and 1.28× at 16,384. Below 128
     * it is unmeasured, and SecondCore's split of the backward products serves 32–63 rows.
     */
    public static final int MIN_ROWS = 128;

    private final Plan first;
    private final Plan second;
    private final NativeArray gradients;
    private final NativeArray secondGradients;
    private final SecondCore core;
    private final Runnable firstPart = this::runFirst;
    private final Runnable secondPart = this::runSecond;
    private int firstRows;
    private int secondRows;
    private double firstLoss;
    private double secondLoss;

    /**
     * @param first  the plan on the model's parameters, whose gradient array the optimizer reads
     * @param second a plan on {@link Parameters#withOwnGradients} of them
     */
    public SplitStep(Plan first, Plan second, NativeArray gradients, NativeArray secondGradients, SecondCore core) {
        this.first = first;
        this.second = second;
        this.gradients = gradients;
        this.secondGradients = secondGradients;
        this.core = core;
    }

    /** Rows the first plan takes of a part of {@code rows}: half, rounded up, within its capacity. */
    public int firstShare(int rows) {
        return Math.min(first.capacity(), (rows + 1) / 2);
    }

    /** The most rows one step can take. */
    public int capacity() {
        return first.capacity() + second.capacity();
    }

    /**
     * Forward, loss and backward on the first {@code a} rows of the first plan's input and the first
     * {@code b} of the second's; afterwards the model's gradient array holds the mean over all
     * a + b rows. Returns the mean loss.
     */
    public double trainingStep(int a, int b) {
        if (b == 0) {
            return first.trainingStep(a);
        }
        firstRows = a;
        secondRows = b;
        core.runBoth(secondPart, firstPart);
        double rows = a + b;
        Blas.scal(gradients.length(), a / rows, gradients);
        Blas.axpy(gradients.length(), b / rows, secondGradients, gradients);
        return (firstLoss * a + secondLoss * b) / rows;
    }

    /** Rows classified right after {@link #trainingStep}: of the a rows in the first plan and the b in the second. */
    public int countCorrect(int a, int b) {
        return first.countCorrect(a) + (b == 0 ? 0 : second.countCorrect(b));
    }

    public Plan first() {
        return first;
    }

    public Plan second() {
        return second;
    }

    private void runFirst() {
        firstLoss = first.trainingStep(firstRows);
    }

    private void runSecond() {
        secondLoss = second.trainingStep(secondRows);
    }
}
