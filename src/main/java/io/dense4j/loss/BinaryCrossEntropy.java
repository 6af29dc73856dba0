package io.dense4j.loss;

import java.util.Objects;

/**
 * Binary cross-entropy, averaged over the batch: L = −mean(y·log p + (1 − y)·log(1 − p)), each
 * class's rows optionally weighted ({@link ClassWeights}), plus an optional L2 penalty on the
 * Dense layers' weights: L + (λ/2)·Σ w².
 *
 * <p>With {@code fromLogits} the model's output is a logit z and p = σ(z); the loss is then computed
 * as max(z, 0) − z·y + log(1 + e^−|z|), finite for any finite z. A model that ends in {@code
 * Sigmoid} with {@code fromLogits = false} is compiled into that same form (the sigmoid is fused
 * into the loss), as numerically safe as if the user had written it.
 *
 * @param classWeights how much each class's rows count in training ({@link ClassWeights#NONE}: equally)
 * @param l2           λ of the penalty (λ/2)·Σ w² on every Dense weight, not the biases; its
 *                     gradient λ·w is PyTorch's {@code weight_decay} for SGD, and Keras's
 *                     {@code l2(k)} is λ = 2k; 0 for none
 */
public record BinaryCrossEntropy(boolean fromLogits, ClassWeights classWeights, double l2) {

    public BinaryCrossEntropy {
        Objects.requireNonNull(classWeights, "class weights");
        if (!(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("an L2 penalty must be finite and >= 0, got " + l2);
        }
    }

    /** The loss on probabilities: the model should end in {@code Sigmoid}. */
    public BinaryCrossEntropy() {
        this(false);
    }

    public BinaryCrossEntropy(boolean fromLogits) {
        this(fromLogits, ClassWeights.NONE, 0);
    }

    public BinaryCrossEntropy(boolean fromLogits, ClassWeights classWeights) {
        this(fromLogits, classWeights, 0);
    }

    /** This loss with each class's rows weighted in training. */
    public BinaryCrossEntropy withClassWeights(ClassWeights weights) {
        return new BinaryCrossEntropy(fromLogits, weights, l2);
    }

    /** This loss plus (λ/2)·Σ w² over the Dense layers' weights. */
    public BinaryCrossEntropy withL2(double lambda) {
        return new BinaryCrossEntropy(fromLogits, classWeights, lambda);
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy(fromLogits = " + fromLogits + (classWeights.isNone() ? "" : ", " + classWeights)
                + (l2 == 0 ? "" : ", L2 " + l2) + ")";
    }
}
