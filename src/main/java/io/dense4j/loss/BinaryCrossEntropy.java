package io.dense4j.loss;

import java.util.Objects;

/**
 * Binary cross-entropy, averaged over the batch: L = −mean(y·log p + (1 − y)·log(1 − p)), each
 * class's rows optionally weighted ({@link ClassWeights}).
 *
 * <p>With {@code fromLogits} the model's output is a logit z and p = σ(z); the loss is then computed
 * as max(z, 0) − z·y + log(1 + e^−|z|), finite for any finite z. A model that ends in {@code
 * Sigmoid} with {@code fromLogits = false} is compiled into that same form (the sigmoid is fused
 * into the loss), as numerically safe as if the user had written it.
 *
 * @param classWeights how much each class's rows count in training ({@link ClassWeights#NONE}: equally)
 */
public record BinaryCrossEntropy(boolean fromLogits, ClassWeights classWeights) {

    public BinaryCrossEntropy {
        Objects.requireNonNull(classWeights, "class weights");
    }

    /** The loss on probabilities: the model should end in {@code Sigmoid}. */
    public BinaryCrossEntropy() {
        this(false);
    }

    public BinaryCrossEntropy(boolean fromLogits) {
        this(fromLogits, ClassWeights.NONE);
    }

    /** This loss with each class's rows weighted in training. */
    public BinaryCrossEntropy withClassWeights(ClassWeights weights) {
        return new BinaryCrossEntropy(fromLogits, weights);
    }

    @Override
    public String toString() {
        return "BinaryCrossEntropy(fromLogits = " + fromLogits + (classWeights.isNone() ? "" : ", " + classWeights) + ")";
    }
}
