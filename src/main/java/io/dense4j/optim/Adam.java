package io.dense4j.optim;

/**
 * Adam (Kingma &amp; Ba, 2015): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², and
 * θ ← θ − λ·m̂ / (√v̂ + ε) with the bias-corrected m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon) implements Optimizer {

    public Adam {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam expects a positive, finite learning rate, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam expects beta1 and beta2 in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam expects epsilon > 0, got " + epsilon);
        }
    }

    /** Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e−7 (Keras's defaults). */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }
}
