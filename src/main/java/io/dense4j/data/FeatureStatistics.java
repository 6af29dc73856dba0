package io.dense4j.data;

/**
 * Per-feature mean and standard deviation accumulated one row at a time with Welford's method
 * (numerically stable in one pass, so it works on streams as on arrays), and the rows of each
 * class where the labels are given, with the sums of their row weights. A NaN is a missing value
 * and is left out of its feature's figures. The deviation is the population one, as Keras's
 * Normalization uses.
 */
public final class FeatureStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] mean;
    private final double[] sumOfSquares; // Σ (x − mean)², updated as Welford does
    private final long[] present;        // values seen per feature, missing ones not counted
    private long rows;
    private long labeled;
    private long positives;
    /** Each class's summed row weights: its rows, where every row weighs 1. */
    private final double[] classWeights = new double[2];

    public FeatureStatistics(int width) {
        this.mean = new double[width];
        this.sumOfSquares = new double[width];
        this.present = new long[width];
    }

    /** Adds one row of {@code mean.length} features. */
    public void add(float[] row) {
        add(row, 0);
    }

    /** Adds the row of {@code mean.length} features starting at {@code values[offset]}. */
    public void add(float[] values, int offset) {
        rows++;
        for (int j = 0; j < mean.length; j++) {
            addValue(j, values[offset + j]);
        }
    }

    /** Adds one row of {@code mean.length} float64 features, each taken as it is (a float64 model's rows). */
    public void add(double[] row) {
        rows++;
        for (int j = 0; j < mean.length; j++) {
            addValue(j, row[j]);
        }
    }

    private void addValue(int j, double value) {
        if (value != value) { // NaN: missing
            return;
        }
        long count = ++present[j];
        double delta = value - mean[j];
        mean[j] += delta / count;
        sumOfSquares[j] += delta * (value - mean[j]);
    }

    /** Counts one row's class (1 is positive), for class balances. */
    public void addLabel(double label) {
        addLabel(label, 1);
    }

    /** Counts one row's class (1 is positive) and its weight in the training loss. */
    public void addLabel(double label, double weight) {
        labeled++;
        if (label == 1) {
            positives++;
        }
        classWeights[label == 1 ? 1 : 0] += weight;
    }

    /**
     * Adds the rows another accumulator saw, as if they had been added here (Chan et al.'s
     * pairwise update): how statistics gathered on separate pieces of a file combine.
     */
    public void merge(FeatureStatistics other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("statistics of " + other.mean.length + " features cannot merge into " + mean.length);
        }
        rows += other.rows;
        labeled += other.labeled;
        positives += other.positives;
        classWeights[0] += other.classWeights[0];
        classWeights[1] += other.classWeights[1];
        for (int j = 0; j < mean.length; j++) {
            long count = present[j] + other.present[j];
            if (other.present[j] == 0) {
                continue;
            }
            double delta = other.mean[j] - mean[j];
            mean[j] += delta * other.present[j] / count;
            sumOfSquares[j] += other.sumOfSquares[j] + delta * delta * present[j] * other.present[j] / count;
            present[j] = count;
        }
    }

    /** Rows added. */
    public long count() {
        return rows;
    }

    /** Rows whose label was counted that are class 1. */
    public long positives() {
        return positives;
    }

    /** Rows whose label was counted that are class 0. */
    public long negatives() {
        return labeled - positives;
    }

    /** The summed row weights of the class-1 rows counted: their number when no row has a weight of its own. */
    public double positiveWeight() {
        return classWeights[1];
    }

    /** The summed row weights of the class-0 rows counted. */
    public double negativeWeight() {
        return classWeights[0];
    }

    /** Missing values (NaN) seen in all. */
    public long missingValues() {
        long missing = 0;
        for (long count : present) {
            missing += rows - count;
        }
        return missing;
    }

    /** Each feature's missing values (NaN) seen. */
    public long[] missingByFeature() {
        long[] missing = new long[present.length];
        for (int j = 0; j < missing.length; j++) {
            missing[j] = rows - present[j];
        }
        return missing;
    }

    /** Each feature's mean over its present values; NaN for a feature with none. */
    public double[] mean() {
        double[] means = mean.clone();
        for (int j = 0; j < means.length; j++) {
            if (present[j] == 0) {
                means[j] = Double.NaN;
            }
        }
        return means;
    }

    /** √(Σ (x − mean)² / n) per feature over its present values; 0 for a constant feature or one with no values. */
    public double[] standardDeviation() {
        double[] deviation = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            deviation[j] = present[j] == 0 ? 0 : Math.sqrt(sumOfSquares[j] / present[j]);
        }
        return deviation;
    }
}
