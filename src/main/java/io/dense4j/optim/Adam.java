package io.dense4j.optim;

/**
 * Adam (Kingma &amp; Ba, 2015): m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², and
 * θ ← θ − λ·m̂ / (√v̂ + ε) with the bias-corrected m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t). With a
 * weight decay d it is AdamW (Loshchilov &amp; Hutter, 2019): before each step the Dense layers'
 * weights shrink by w ← w·(1 − λ·d), decoupled from the gradient, as PyTorch's {@code AdamW} does
 * for a parameter group holding the weights (biases are left alone).
 *
 * @param weightDecay d, ≥ 0; 0 for plain Adam
 * @param clipNorm    the gradient's largest global norm, 0 for no clipping ({@link Optimizer#clipNorm})
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, double clipNorm)
        implements Optimizer {

    public Adam {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Adam expects a positive, finite learning rate, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam expects beta1 and beta2 in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam expects a finite epsilon > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Adam expects a finite weight decay >= 0, got " + weightDecay);
        }
        Optimizer.checkedClipNorm(clipNorm);
    }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, 0, 0);
    }

    /** Adam with the usual β1 = 0.9, β2 = 0.999, ε = 1e−7 (Keras's defaults). */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    /** AdamW: this optimizer with decoupled weight decay {@code decay} on the Dense weights. */
    public Adam withWeightDecay(double decay) {
        return new Adam(learningRate, beta1, beta2, epsilon, decay, clipNorm);
    }

    /** This optimizer, clipping each gradient to a global norm of at most {@code norm}. */
    public Adam withClipNorm(double norm) {
        return new Adam(learningRate, beta1, beta2, epsilon, weightDecay, norm);
    }

    @Override
    public String toString() {
        return (weightDecay == 0 ? "Adam" : "AdamW") + "[learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2
                + ", epsilon=" + epsilon + (weightDecay == 0 ? "" : ", weightDecay=" + weightDecay)
                + (clipNorm == 0 ? "" : ", clipNorm=" + clipNorm) + "]";
    }
}
