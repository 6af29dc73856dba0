package io.dense4j.optim;

/**
 * Stochastic gradient descent. Plain: θ ← θ − λ·g. With momentum μ: v ← μ·v − λ·g, θ ← θ + v; with
 * Nesterov momentum the step looks ahead: θ ← θ + μ·v − λ·g (Keras's and PyTorch's formulation).
 *
 * @param learningRate λ, positive
 * @param momentum     μ in [0, 1); 0 for plain SGD
 * @param nesterov     Nesterov momentum; needs μ &gt; 0
 * @param clipNorm     the gradient's largest global norm, 0 for no clipping ({@link Optimizer#clipNorm})
 */
public record SGD(double learningRate, double momentum, boolean nesterov, double clipNorm) implements Optimizer {

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
        Optimizer.checkedClipNorm(clipNorm);
    }

    /** SGD with momentum, without clipping. */
    public SGD(double learningRate, double momentum, boolean nesterov) {
        this(learningRate, momentum, nesterov, 0);
    }

    /** Plain SGD with learning rate λ. */
    public SGD(double learningRate) {
        this(learningRate, 0, false);
    }

    /** This optimizer, clipping each gradient to a global norm of at most {@code norm}. */
    public SGD withClipNorm(double norm) {
        return new SGD(learningRate, momentum, nesterov, norm);
    }

    @Override
    public String toString() {
        return "SGD[learningRate=" + learningRate + ", momentum=" + momentum + ", nesterov=" + nesterov
                + (clipNorm == 0 ? "" : ", clipNorm=" + clipNorm) + "]";
    }
}
