package io.dense4j.metrics;

import java.util.Arrays;

/**
 * The ROC curve: for every threshold between distinct scores, the false-positive rate and the
 * true-positive rate of classing the rows scoring at or above it positive, from (0, 0) to (1, 1).
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates) {

    /** The curve of {@code scores} against 0/1 {@code labels}; both classes must be present. */
    public static RocCurve of(double[] scores, double[] labels) {
        Order.checkRows(scores, labels, false);
        int n = scores.length;
        int[] order = Order.descending(scores);
        long positives = Order.positives(labels);
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs both classes, got " + positives + " positives and "
                    + negatives + " negatives");
        }
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        int points = 1; // (0, 0)
        long truePositives = 0;
        long falsePositives = 0;
        for (int i = 0; i < n; i++) {
            if (labels[order[i]] == 1) {
                truePositives++;
            } else {
                falsePositives++;
            }
            boolean lastOfTies = i + 1 == n || scores[order[i + 1]] != scores[order[i]];
            if (lastOfTies) {
                fpr[points] = (double) falsePositives / negatives;
                tpr[points] = (double) truePositives / positives;
                points++;
            }
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points));
    }
}
