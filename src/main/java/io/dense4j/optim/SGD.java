package io.dense4j.optim;

/**
 * Stochastic gradient descent. Plain: θ ← θ − λ·g. With momentum μ: v ← μ·v − λ·g, θ ← θ + v; with
 * Nesterov momentum the step looks ahead: θ ← θ + μ·v − λ·g (Keras's and PyTorch's formulation).
 *
 * @param learningRate λ, positive
 * @param momentum     μ in [0, 1); 0 for plain SGD
 * @param nesterov     Nesterov momentum; needs μ &gt; 0
 */
public record SGD(double learningRate, double momentum, boolean nesterov) implements Optimizer {

    public SGD {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("SGD expects a positive, finite learning rate, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD expects momentum in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("SGD with nesterov = true expects momentum > 0, got 0");
        }
    }

    /** Plain SGD with learning rate λ. */
    public SGD(double learningRate) {
        this(learningRate, 0, false);
    }
}
