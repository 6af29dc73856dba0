package io.dense4j.loss;

import java.util.Locale;

/**
 * How much each class's rows count in the training loss: ℓ = w₁·y·(−log p) + w₀·(1 − y)·(−log(1 − p)).
 * Weighting the rare class up makes a model trade some accuracy on the common class for finding the
 * rare one, instead of predicting the common class for every row. Validation and evaluation losses
 * stay unweighted, as in Keras, so they compare across weightings.
 *
 * @param negative w₀, the weight of class-0 rows
 * @param positive w₁, the weight of class-1 rows
 */
public record ClassWeights(double negative, double positive) implements java.io.Serializable {

    /** Every row counts once: plain binary cross-entropy. */
    public static final ClassWeights NONE = new ClassWeights(1, 1);

    public ClassWeights {
        if (!(negative > 0 && negative < Double.POSITIVE_INFINITY) || !(positive > 0 && positive < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("class weights must be positive and finite, got " + negative + " and " + positive);
        }
    }

    /** Positive rows weigh {@code weight}, negative ones 1: PyTorch's {@code BCEWithLogitsLoss(pos_weight=weight)}. */
    public static ClassWeights positive(double weight) {
        return new ClassWeights(1, weight);
    }

    /**
     * scikit-learn's {@code class_weight="balanced"}: each class weighs rows / (2 · its rows), so both
     * classes carry the same total weight and the mean weight of a row stays 1 (the learning rate
     * keeps its meaning).
     */
    public static ClassWeights balanced(long negatives, long positives) {
        if (negatives < 1 || positives < 1) {
            throw new IllegalArgumentException("balanced class weights need rows of both classes, got " + negatives
                    + " negative and " + positives + " positive");
        }
        double rows = (double) negatives + positives;
        return new ClassWeights(rows / (2.0 * negatives), rows / (2.0 * positives));
    }

    public boolean isNone() {
        return equals(NONE);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "class weights 0: %.6g, 1: %.6g", negative, positive);
    }
}
