package io.dense4j.data;

/**
 * Per-feature mean and standard deviation accumulated one row at a time with Welford's method
 * (numerically stable in one pass, so it works on streams as on arrays). The deviation is the
 * population one, as Keras's Normalization uses.
 */
public final class FeatureStatistics {
    private final double[] mean;
    private final double[] sumOfSquares; // Σ (x − mean)², updated as Welford does
    private long count;

    public FeatureStatistics(int width) {
        this.mean = new double[width];
        this.sumOfSquares = new double[width];
    }

    /** Adds one row of {@code mean.length} features. */
    public void add(float[] row) {
        count++;
        for (int j = 0; j < mean.length; j++) {
            double delta = row[j] - mean[j];
            mean[j] += delta / count;
            sumOfSquares[j] += delta * (row[j] - mean[j]);
        }
    }

    public long count() {
        return count;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** √(Σ (x − mean)² / n) per feature; 0 for a constant feature. */
    public double[] standardDeviation() {
        double[] deviation = new double[mean.length];
        for (int j = 0; j < mean.length; j++) {
            deviation[j] = count == 0 ? 0 : Math.sqrt(sumOfSquares[j] / count);
        }
        return deviation;
    }
}
