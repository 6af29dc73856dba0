package io.dense4j.metrics;

import java.util.Arrays;

/**
 * The precision-recall curve: classing the rows that score at or above each distinct score
 * positive, from the highest threshold down to the lowest, after a first point (recall 0,
 * precision 1). The points are scikit-learn's {@code precision_recall_curve} in reverse order.
 *
 * @param recalls    from 0 up to 1
 * @param precisions at each recall
 * @param thresholds the score at which each point's rows start to count as positive; the first
 *                   point, which classes no row positive, has +∞
 */
public record PrecisionRecallCurve(double[] recalls, double[] precisions, double[] thresholds) {

    /** The curve of {@code scores} against 0/1 {@code labels}; there must be a positive. */
    public static PrecisionRecallCurve of(double[] scores, double[] labels) {
        Order.checkRows(scores, labels, false);
        long positives = Order.positives(labels);
        if (positives == 0) {
            throw new IllegalArgumentException("a precision-recall curve needs a positive row, got none of "
                    + labels.length);
        }
        int[] order = Order.descending(scores);
        int n = scores.length;
        double[] recalls = new double[n + 1];
        double[] precisions = new double[n + 1];
        double[] thresholds = new double[n + 1];
        recalls[0] = 0;
        precisions[0] = 1;
        thresholds[0] = Double.POSITIVE_INFINITY;
        int points = 1;
        long truePositives = 0;
        for (int i = 0; i < n; i++) {
            if (labels[order[i]] == 1) {
                truePositives++;
            }
            boolean lastOfTies = i + 1 == n || scores[order[i + 1]] != scores[order[i]];
            if (lastOfTies) {
                recalls[points] = (double) truePositives / positives;
                precisions[points] = (double) truePositives / (i + 1);
                thresholds[points] = scores[order[i]];
                points++;
            }
        }
        return new PrecisionRecallCurve(Arrays.copyOf(recalls, points), Arrays.copyOf(precisions, points),
                Arrays.copyOf(thresholds, points));
    }

    /**
     * Average precision, the area under this curve as a step function: the sum over its points of
     * the rise in recall times the precision there (scikit-learn's {@code average_precision_score},
     * which does not interpolate).
     */
    public double averagePrecision() {
        double area = 0;
        for (int i = 1; i < recalls.length; i++) {
            area += (recalls[i] - recalls[i - 1]) * precisions[i];
        }
        return area;
    }
}
