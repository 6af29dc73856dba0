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

    /** Positives among {@code labels} (1 is positive, anything else negative). */
    static long positives(double[] labels) {
        return Arrays.stream(labels).filter(label -> label == 1).count();
    }
}
