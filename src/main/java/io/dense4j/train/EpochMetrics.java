package io.dense4j.train;

/**
 * What one epoch measured. Training loss and accuracy are averaged over the epoch's batches as they
 * were computed (before each batch's step), as Keras reports them; validation figures are NaN when
 * there is no validation data.
 *
 * @param samples      the training rows of the whole epoch, a resumed one's earlier batches included
 * @param seconds      wall time of the part of the epoch this run trained, validation included
 * @param samplesTimed the training rows trained in those seconds: {@code samples} but for a resumed epoch
 */
public record EpochMetrics(int epoch, double loss, double accuracy, double validationLoss,
                           double validationAccuracy, long samples, double seconds, long samplesTimed) {

    /** An epoch trained whole in {@code seconds}. */
    public EpochMetrics(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy, long samples,
                        double seconds) {
        this(epoch, loss, accuracy, validationLoss, validationAccuracy, samples, seconds, samples);
    }

    public boolean hasValidation() {
        return !Double.isNaN(validationLoss);
    }

    /** Training samples per second of wall time in this run's part of the epoch (validation included). */
    public double samplesPerSecond() {
        return samplesTimed / seconds;
    }
}
