package io.dense4j.optim;

import io.dense4j.tensor.NativeArray;
import java.util.List;

/**
 * Steps every parameter of a model at once, in place, from the gradients of the last backward pass.
 * Bound to the model's flat parameter and gradient arrays when it is created; {@link #step()}
 * allocates nothing.
 */
public sealed interface Updater permits SgdUpdater, MomentumUpdater, AdamUpdater {

    /** One optimizer step: parameters move against the current gradients. */
    void step();

    /** The optimizer's own state arrays (velocity, moments), for checkpoints; empty for plain SGD. */
    List<NativeArray> state();

    /** Steps taken, where the update depends on it (Adam's bias correction); otherwise 0. */
    default long steps() {
        return 0;
    }

    /** Restores {@link #steps()} from a checkpoint, with {@link #state()}'s arrays. */
    default void restoreSteps(long steps) {
    }

    /** An updater for {@code optimizer} over {@code parameters}, reading {@code gradients} of the same length. */
    static Updater create(Optimizer optimizer, NativeArray parameters, NativeArray gradients) {
        if (parameters.length() != gradients.length()) {
            throw new IllegalArgumentException("parameters and gradients differ in length: "
                    + parameters.length() + " vs " + gradients.length());
        }
        if (optimizer instanceof SGD sgd) {
            return sgd.momentum() == 0
                    ? new SgdUpdater(sgd, parameters, gradients)
                    : new MomentumUpdater(sgd, parameters, gradients);
        }
        return new AdamUpdater((Adam) optimizer, parameters, gradients);
    }
}
