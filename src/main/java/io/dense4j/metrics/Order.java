package io.dense4j.metrics;

import java.util.Arrays;

/** Row indices sorted by score, the ordering every ranking metric walks. */
final class Order {
    private Order() {
    }

    /** The rows' indices from the highest score to the lowest; ties keep their row order. */
    static int[] descending(double[] scores) {
        return Arrays.stream(boxedIndices(scores.length))
                .sorted((a, b) -> Double.compare(scores[b], scores[a]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static Integer[] boxedIndices(int n) {
        Integer[] indices = new Integer[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        return indices;
    }

    /**
     * Checks what every metric takes: a score per row, each a number (a NaN would sort anywhere),
     * and in [0, 1] when {@code probabilities} says they are probabilities.
     */
    static void checkRows(double[] scores, double[] labels, boolean probabilities) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("the scores and labels are per row: got " + scores.length + " scores and "
                    + labels.length + " labels");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i]) || probabilities && !(scores[i] >= 0 && scores[i] <= 1)) {
                throw new IllegalArgumentException("row " + i + "'s score is " + scores[i] + ", not "
                        + (probabilities ? "a probability in [0, 1]" : "a number"));
            }
        }
    }

    /** Positives among {@code labels} (1 is positive, anything else negative). */
    static long positives(double[] labels) {
        return Arrays.stream(labels).filter(label -> label == 1).count();
    }
}
