package io.dense4j.metrics;

/** Counts of true/false positives/negatives at one threshold. */
public record ConfusionMatrix(long tp, long fp, long tn, long fn) {

    /** Counts {@code probability >= threshold} as positive. */
    public static ConfusionMatrix of(double[] probabilities, double[] labels, double threshold) {
        Order.checkRows(probabilities, labels, false);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("a threshold is a probability in [0, 1], got " + threshold);
        }
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int i = 0; i < probabilities.length; i++) {
            boolean predicted = probabilities[i] >= threshold;
            boolean actual = labels[i] == 1;
            if (predicted && actual) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, tn, fn);
    }

    public long total() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return (double) (tp + tn) / total();
    }

    /** tp / (tp + fp); 0 when nothing was predicted positive (scikit-learn's convention). */
    public double precision() {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    /** tp / (tp + fn); 0 when there are no positives. */
    public double recall() {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** tn / (tn + fp); 0 when there are no negatives. */
    public double specificity() {
        return tn + fp == 0 ? 0 : (double) tn / (tn + fp);
    }

    /**
     * The mean of the recalls of both classes: accuracy as if the classes were balanced, so that
     * always answering the majority class scores 0.5 however rare the minority is. A class with no
     * rows has no recall and is left out of the mean, as scikit-learn's
     * {@code balanced_accuracy_score} leaves it out; 0 for no rows at all.
     */
    public double balancedAccuracy() {
        boolean positives = tp + fn > 0;
        boolean negatives = tn + fp > 0;
        return positives && negatives ? (recall() + specificity()) / 2 : positives ? recall() : specificity();
    }

    /**
     * Matthews' correlation between predicted and actual classes, in [−1, 1]; 0 when a row or
     * column of the matrix is empty (scikit-learn's convention), as for a constant prediction.
     */
    public double matthewsCorrelation() {
        double denominator = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return denominator == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / denominator;
    }
}
