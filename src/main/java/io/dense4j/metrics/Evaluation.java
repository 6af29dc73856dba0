package io.dense4j.metrics;

/**
 * A model's scores on labeled data: the threshold-free ones (log loss, ROC AUC, PR AUC, Brier,
 * calibration error) and those of the classes at one threshold.
 *
 * @param logLoss          mean binary cross-entropy
 * @param rocAuc           NaN when the data holds one class only
 * @param prAuc            average precision, the area under the precision-recall curve; NaN with no positives
 * @param brier            mean squared gap between probability and label
 * @param ece              expected calibration error over {@link Calibration#DEFAULT_BINS} equal-width bins
 * @param balancedAccuracy mean of both classes' recalls
 * @param mcc              Matthews' correlation of predicted and actual classes
 * @param threshold        probability at or above which a row is classed positive
 */
public record Evaluation(double logLoss, double accuracy, double precision, double recall, double f1,
                         double rocAuc, double prAuc, double brier, double ece, double balancedAccuracy, double mcc,
                         double threshold, ConfusionMatrix confusion) {

    /** Scores probabilities against 0/1 labels, given the log loss the model computed exactly. */
    public static Evaluation of(double logLoss, double[] probabilities, double[] labels, double threshold) {
        ConfusionMatrix confusion = ConfusionMatrix.of(probabilities, labels, threshold);
        double prAuc = confusion.tp() + confusion.fn() == 0 ? Double.NaN
                : PrecisionRecallCurve.of(probabilities, labels).averagePrecision();
        return new Evaluation(logLoss, confusion.accuracy(), confusion.precision(), confusion.recall(), confusion.f1(),
                RocAuc.of(probabilities, labels), prAuc, BrierScore.of(probabilities, labels),
                Calibration.of(probabilities, labels).expectedCalibrationError(), confusion.balancedAccuracy(),
                confusion.matthewsCorrelation(), threshold, confusion);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "log loss %.4f, accuracy %.4f, precision %.4f, recall %.4f, F1 %.4f, "
                        + "ROC AUC %s, PR AUC %s (threshold %s; tp %d, fp %d, tn %d, fn %d)",
                logLoss, accuracy, precision, recall, f1, area(rocAuc), area(prAuc), DecisionThreshold.format(threshold),
                confusion.tp(), confusion.fp(), confusion.tn(), confusion.fn());
    }

    /** An area to four digits, or "undefined" where the rows hold one class. */
    private static String area(double value) {
        return Double.isNaN(value) ? "undefined" : String.format(java.util.Locale.ROOT, "%.4f", value);
    }
}
