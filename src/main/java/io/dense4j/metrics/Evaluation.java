package io.dense4j.metrics;

/**
 * A model's scores on labeled data at one threshold.
 *
 * @param logLoss   mean binary cross-entropy
 * @param rocAuc    NaN when the data holds one class only
 * @param threshold probability at or above which a row is classed positive
 */
public record Evaluation(double logLoss, double accuracy, double precision, double recall, double f1,
                         double rocAuc, double threshold, ConfusionMatrix confusion) {

    /** Scores probabilities against 0/1 labels, given the log loss the model computed exactly. */
    public static Evaluation of(double logLoss, double[] probabilities, double[] labels, double threshold) {
        ConfusionMatrix confusion = ConfusionMatrix.of(probabilities, labels, threshold);
        return new Evaluation(logLoss, confusion.accuracy(), confusion.precision(), confusion.recall(),
                confusion.f1(), RocAuc.of(probabilities, labels), threshold, confusion);
    }

    @Override
    public String toString() {
        return String.format("log loss %.4f, accuracy %.4f, precision %.4f, recall %.4f, F1 %.4f, ROC AUC %.4f "
                        + "(threshold %.2f; tp %d, fp %d, tn %d, fn %d)",
                logLoss, accuracy, precision, recall, f1, rocAuc, threshold,
                confusion.tp(), confusion.fp(), confusion.tn(), confusion.fn());
    }
}
