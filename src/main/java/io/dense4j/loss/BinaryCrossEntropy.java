package io.dense4j.loss;

/**
 * Binary cross-entropy, averaged over the batch: L = −mean(y·log p + (1 − y)·log(1 − p)).
 *
 * <p>With {@code fromLogits} the model's output is a logit z and p = σ(z); the loss is then computed
 * as max(z, 0) − z·y + log(1 + e^−|z|), finite for any finite z. A model that ends in {@code
 * Sigmoid} with {@code fromLogits = false} is compiled into that same form (the sigmoid is fused
 * into the loss), as numerically safe as if the user had written it.
 */
public record BinaryCrossEntropy(boolean fromLogits) {

    /** The loss on probabilities: the model should end in {@code Sigmoid}. */
    public BinaryCrossEntropy() {
        this(false);
    }
}
