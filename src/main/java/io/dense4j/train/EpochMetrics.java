package io.dense4j.train;

/**
 * What one epoch measured. Training loss and accuracy are averaged over the epoch's batches as they
 * were computed (before each batch's step), as Keras reports them; validation figures are NaN when
 * there is no validation data.
 */
public record EpochMetrics(int epoch, double loss, double accuracy, double validationLoss,
                           double validationAccuracy, long samples, double seconds) {

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** Training samples per second of wall time in this epoch (validation included). */
    public double samplesPerSecond() {
        return samples / seconds;
    }
}
