package io.dense4j.metrics;

/** The Brier score: the mean squared gap between each probability and its 0/1 label (0 is perfect). */
public final class BrierScore {
    private BrierScore() {
    }

    /** NaN for no rows. */
    public static double of(double[] probabilities, double[] labels) {
        Order.checkRows(probabilities, labels, true);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double gap = probabilities[i] - (labels[i] == 1 ? 1 : 0);
            sum += gap * gap;
        }
        return probabilities.length == 0 ? Double.NaN : sum / probabilities.length;
    }
}
