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

    /** Puts {@code metrics}, when not null, into a callback's checkpoint {@code numbers}, each key starting with {@code prefix}. */
    static void putInto(java.util.Map<String, Double> numbers, String prefix, EpochMetrics metrics) {
        if (metrics != null) {
            numbers.put(prefix + "Epoch", (double) metrics.epoch());
            numbers.put(prefix + "Loss", metrics.loss());
            numbers.put(prefix + "Accuracy", metrics.accuracy());
            numbers.put(prefix + "ValidationLoss", metrics.validationLoss());
            numbers.put(prefix + "ValidationAccuracy", metrics.validationAccuracy());
            numbers.put(prefix + "Samples", (double) metrics.samples());
            numbers.put(prefix + "Seconds", metrics.seconds());
        }
    }

    /** The metrics {@link #putInto} put under {@code prefix}, or null when it put none. */
    static EpochMetrics from(io.dense4j.model.CallbackState state, String prefix) {
        double epoch = state.number(prefix + "Epoch");
        return Double.isNaN(epoch) ? null : new EpochMetrics((int) epoch, state.number(prefix + "Loss"),
                state.number(prefix + "Accuracy"), state.number(prefix + "ValidationLoss"), state.number(prefix + "ValidationAccuracy"),
                (long) state.number(prefix + "Samples"), state.number(prefix + "Seconds"));
    }

    /** Training samples per second of wall time in this run's part of the epoch (validation included). */
    public double samplesPerSecond() {
        return samplesTimed / seconds;
    }
}
