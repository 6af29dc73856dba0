package io.dense4j.metrics;

/**
 * How well probabilities match frequencies: the rows binned by predicted probability into equal
 * widths of [0, 1], each bin with its mean prediction and its share of positives (a reliability
 * diagram's points), and their gap weighted by the bins' sizes (the expected calibration error).
 * A bin holds the probabilities in (lower, upper], the first one 0 too, as scikit-learn's
 * {@code calibration_curve(strategy="uniform")} bins them.
 *
 * @param counts            rows per bin
 * @param meanProbabilities mean predicted probability per bin (NaN for an empty bin)
 * @param positiveFractions share of positive rows per bin (NaN for an empty bin)
 */
public record Calibration(long[] counts, double[] meanProbabilities, double[] positiveFractions) {

    /** The number of bins scikit-learn and most papers use. */
    public static final int DEFAULT_BINS = 10;

    public static Calibration of(double[] probabilities, double[] labels) {
        return of(probabilities, labels, DEFAULT_BINS);
    }

    public static Calibration of(double[] probabilities, double[] labels, int bins) {
        Order.checkRows(probabilities, labels, true);
        if (bins < 1) {
            throw new IllegalArgumentException("calibration needs at least one bin, got " + bins);
        }
        long[] counts = new long[bins];
        double[] probabilitySums = new double[bins];
        double[] positives = new double[bins];
        double width = 1.0 / bins;
        for (int i = 0; i < probabilities.length; i++) {
            int bin = bin(probabilities[i], bins, width);
            counts[bin]++;
            probabilitySums[bin] += probabilities[i];
            positives[bin] += labels[i] == 1 ? 1 : 0;
        }
        double[] means = new double[bins];
        double[] fractions = new double[bins];
        for (int b = 0; b < bins; b++) {
            means[b] = counts[b] == 0 ? Double.NaN : probabilitySums[b] / counts[b];
            fractions[b] = counts[b] == 0 ? Double.NaN : positives[b] / counts[b];
        }
        return new Calibration(counts, means, fractions);
    }

    /** The bin of upper edge b·width at or above p, counting up so that edges match scikit-learn's linspace. */
    private static int bin(double p, int bins, double width) {
        int bin = 0;
        while (bin < bins - 1 && p > (bin + 1) * width) {
            bin++;
        }
        return bin;
    }

    /** The expected calibration error: Σ over bins of (rows in bin / rows) · |mean probability − share of positives|. */
    public double expectedCalibrationError() {
        long total = 0;
        double gaps = 0;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                total += counts[b];
                gaps += counts[b] * Math.abs(meanProbabilities[b] - positiveFractions[b]);
            }
        }
        return total == 0 ? Double.NaN : gaps / total;
    }
}
