package io.dense4j.model;

import java.util.Locale;

/**
 * How a model's weights came to be, saved with it: which dense4j trained it and when (the end of
 * its last fit), the fit's options, and the metrics of the epoch whose weights it holds: the last,
 * or an earlier one that early stopping restored. With the data it was trained on
 * ({@link TrainingData}) and the model's own layers, optimizer and loss, it says what a rerun
 * needs to give the same weights.
 *
 * @param library         the dense4j version that trained it
 * @param trainedAt       when its last fit ended, as an ISO-8601 instant
 * @param epochs          epochs trained in all
 * @param batchSize       rows per step (Integer.MAX_VALUE: full batch)
 * @param validationSplit the share of rows held out, 0 for none
 * @param loss            the mean training loss of the epoch whose weights the model holds
 * @param validationLoss  that epoch's validation loss, NaN without validation rows
 * @param weightsEpoch    the epoch whose weights the model holds: {@code epochs}, or an earlier one restored at the end
 */
public record Provenance(String library, String trainedAt, int epochs, int batchSize, boolean shuffle, long seed,
                         double validationSplit, boolean stratified, double loss, double accuracy, double validationLoss,
                         double validationAccuracy, int weightsEpoch) {

    public Provenance {
        java.util.Objects.requireNonNull(library, "library");
        java.util.Objects.requireNonNull(trainedAt, "trainedAt");
        java.time.Instant.parse(trainedAt); // an instant, or an error naming the text
        if (epochs < 1 || batchSize < 1 || !(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a fit of %d epochs, batches of %d and a validation "
                    + "split of %s is none dense4j runs", epochs, batchSize, validationSplit));
        }
        if (weightsEpoch < 1 || weightsEpoch > epochs) {
            throw new IllegalArgumentException("the weights of epoch " + weightsEpoch + " of " + epochs + " are none a fit keeps");
        }
    }

    /** A fit that keeps its last epoch's weights. */
    public Provenance(String library, String trainedAt, int epochs, int batchSize, boolean shuffle, long seed, double validationSplit,
                      boolean stratified, double loss, double accuracy, double validationLoss, double validationAccuracy) {
        this(library, trainedAt, epochs, batchSize, shuffle, seed, validationSplit, stratified, loss, accuracy, validationLoss,
                validationAccuracy, epochs);
    }

    /** This dense4j's version, which a fit records. */
    public static String thisLibrary() {
        return ModelFile.LIBRARY_VERSION;
    }

    @Override
    public String toString() {
        String split = validationSplit == 0 ? "no validation split"
                : String.format(Locale.ROOT, "validation split %s%s", validationSplit, stratified ? " (stratified)" : "");
        String validation = Double.isNaN(validationLoss) ? ""
                : String.format(Locale.ROOT, ", validation loss %.4f, validation accuracy %.4f", validationLoss, validationAccuracy);
        String kept = weightsEpoch == epochs ? "last epoch" : "the weights of epoch " + weightsEpoch + ", restored at the end";
        return String.format(Locale.ROOT, "dense4j %s, %s; %d epoch%s, %s, %s, seed %d, %s; %s: loss %.4f, accuracy %.4f%s",
                library, trainedAt, epochs, epochs == 1 ? "" : "s", batchSize == Integer.MAX_VALUE ? "full batch" : "batches of " + batchSize,
                shuffle ? "shuffled" : "in file order", seed, split, kept, loss, accuracy, validation);
    }
}
