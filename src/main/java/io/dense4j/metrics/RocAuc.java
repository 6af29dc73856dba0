package io.dense4j.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The area under the ROC curve, computed exactly as the Mann–Whitney statistic: the chance that a
 * random positive scores above a random negative, ties counting one half.
 */
public final class RocAuc {
    private RocAuc() {
    }

    /** NaN when the labels hold only one class (the area is then undefined). */
    public static double of(double[] scores, double[] labels) {
        Order.checkRows(scores, labels, false);
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks i+1 .. j+1 share their mean
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
