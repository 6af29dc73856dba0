package io.dense4j.optim;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.Slices;
import java.util.List;

/**
 * Steps every parameter of a model at once, in place, from the gradients of the last backward pass.
 * Bound to the model's flat parameter and gradient arrays when it is created; {@link #step()}
 * allocates nothing. The arrays are cut into pieces that a {@link TaskRunner} may run on several
 * threads; every element's update is the same whatever the threads.
 */
public abstract sealed class Updater permits SgdUpdater, MomentumUpdater, AdamUpdater {
    /**
     * Steps between sweeps that flush the state's subnormal values to zero
     * ({@link io.dense4j.tensor.Subnormals}).
     * An idle weight's velocity or moment then stays subnormal for at most this many steps, where
     * decay by 0.9 alone keeps it there about 130 steps and by 0.999 about 13,000. A sweep costs
     * about one copy of the state (10 µs for W-MLP's 91,905 parameters), so one every 8 steps
     * costs little even at batch 1. The sweep falls on step counts that are multiples of it, which
     * checkpoints keep, so a resumed run sweeps when the uninterrupted one would have.
     */
    static final int FLUSH_EVERY = 8;

    private double learningRate;
    /** Steps taken, kept by the updaters whose update depends on it (see {@link #steps()}). */
    private long steps;

    Updater(double learningRate) {
        setLearningRate(learningRate);
    }

    /** One optimizer step: parameters move against the current gradients. */
    public abstract void step();

    /**
     * Whether {@link #step()} takes slot blocks that the step left unsummed
     * ({@link NonzeroRows#leaveUnsummed}): plain SGD without clipping, which needs each slot row's
     * sum alone. Any other updater reads the whole gradient array, which must then be written.
     */
    public boolean takesUnsummedSlots() {
        return false;
    }

    /** The optimizer's own state arrays (velocity, moments), for checkpoints; empty for plain SGD. */
    public abstract List<NativeArray> state();

    /**
     * What is impossible in a {@link #state} put back from a checkpoint, in words, or null: a step
     * from it would fail in a way that points elsewhere (a diverged run) rather than at the file.
     */
    public String impossibleState() {
        return null;
    }

    /** The step size the next {@link #step()} uses: the optimizer's, unless a schedule set another. */
    public final double learningRate() {
        return learningRate;
    }

    /** Sets the step size of the following steps (a learning-rate schedule's job); positive and finite. */
    public final void setLearningRate(double rate) {
        if (!(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a learning rate must be positive and finite, got " + rate);
        }
        learningRate = rate;
    }

    /** Whether the step numbered {@code steps} (from 1) ends with a sweep of the state ({@link #FLUSH_EVERY}). */
    static boolean flushesStateAfter(long steps) {
        return steps % FLUSH_EVERY == 0;
    }

    /** Steps taken, where the update depends on it (Adam's bias correction, the state's flush); otherwise 0. */
    public final long steps() {
        return steps;
    }

    /** Restores {@link #steps()} from a checkpoint, with {@link #state()}'s arrays. */
    public final void restoreSteps(long restored) {
        if (restored < 0) {
            throw new IllegalArgumentException("an optimizer's step count cannot be negative, got " + restored);
        }
        steps = restored;
    }

    /**
     * Refuses a step that would read {@code slotBlocks} while one was left unsummed
     * ({@link NonzeroRows#leaveUnsummed}): it holds an earlier step's gradient then. Only plain SGD
     * without clipping takes them ({@link #takesUnsummedSlots}).
     */
    static void requireWritten(NonzeroRows[] slotBlocks) {
        for (NonzeroRows block : slotBlocks) {
            if (block.takeUnsummed() != null) {
                throw new IllegalStateException("a slot block's gradient was left unsummed for an update that reads the whole "
                        + "gradient: only plain SGD without clipping takes it unsummed");
            }
        }
    }

    /** Counts one more step, for an updater whose update depends on the count; returns the new count. */
    final long countStep() {
        return ++steps;
    }

    /**
     * An updater for {@code optimizer} over {@code parameters}, reading {@code gradients} of the same
     * length; {@code weights} are the Dense weights within {@code parameters}, which weight decay shrinks.
     */
    public static Updater create(Optimizer optimizer, NativeArray parameters, NativeArray gradients, Slices weights) {
        return create(optimizer, parameters, gradients, weights, List.of(), TaskRunner.CALLER);
    }

    /**
     * As {@link #create(Optimizer, NativeArray, NativeArray, Slices)}, for gradients whose
     * {@code slotBlocks} (a categorical column's weight rows) are zero outside their known rows:
     * plain SGD then steps only those rows when they are {@link NonzeroRows#few() few}, which
     * leaves every other row as a step by a zero gradient would. Momentum and Adam move every
     * weight each step, so they step the whole array. Each step's pieces run on {@code tasks}.
     */
    public static Updater create(Optimizer optimizer, NativeArray parameters, NativeArray gradients, Slices weights,
                                 List<NonzeroRows> slotBlocks, TaskRunner tasks) {
        if (parameters.length() != gradients.length()) {
            throw new IllegalArgumentException("parameters and gradients differ in length: "
                    + parameters.length() + " vs " + gradients.length());
        }
        NonzeroRows[] blocks = slotBlocks.toArray(NonzeroRows[]::new);
        if (optimizer instanceof SGD sgd) {
            return sgd.momentum() == 0
                    ? new SgdUpdater(sgd, parameters, gradients, slotBlocks, tasks)
                    : new MomentumUpdater(sgd, parameters, gradients, blocks, tasks);
        }
        return new AdamUpdater((Adam) optimizer, parameters, gradients, weights, blocks, tasks);
    }
}
