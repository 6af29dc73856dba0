package io.dense4j.model;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.runtime.Parameters;
import io.dense4j.tensor.NativeArray;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model's Normalization layer's statistics, μ and 1/σ of each numeric feature: set from the
 * training rows' statistics, and whether they were set at all. Until they are (by
 * {@code Model.adapt}, from a model file, or written directly), the layer would pass the features
 * through unscaled without a word, so fit and predict refuse it. Apart from {@link Model}, which
 * keeps the public methods, so that the rules of the statistics read together.
 */
final class Standardization {
    private final Parameters parameters;
    /** The numeric features' places among the input columns: a category code is not standardized. */
    private final int[] numbers;
    private final DataType dataType;
    private final IntFunction<String> featureName;
    /** Whether the statistics are known to be set; true without a Normalization layer. */
    private volatile boolean set;

    Standardization(Parameters parameters, int[] numbers, DataType dataType, IntFunction<String> featureName) {
        this.parameters = parameters;
        this.numbers = numbers;
        this.dataType = dataType;
        this.featureName = featureName;
        this.set = parameters.statistics() == null;
    }

    /** Standardizes by {@code statistics}' means and standard deviations (of every input column; the numeric ones are taken). */
    void set(FeatureStatistics statistics) {
        if (parameters.statistics() == null) {
            throw new IllegalStateException("adapt sets a Normalization layer's statistics, but this model has none: "
                    + "add new Normalization() as layer 0");
        }
        double[] allMeans = statistics.mean();
        double[] allDeviations = statistics.standardDeviation();
        double[] mean = new double[numbers.length];
        double[] scale = new double[numbers.length];
        for (int j = 0; j < numbers.length; j++) {
            mean[j] = allMeans[numbers[j]];
            double deviation = allDeviations[numbers[j]];
            if (Double.isNaN(mean[j])) {
                throw new IllegalArgumentException(featureName.apply(numbers[j]) + " has no values to standardize by");
            }
            scale[j] = deviation > 0 ? 1 / deviation : 1; // a constant feature: centred only
            if (!Double.isFinite(dataType == DataType.FLOAT ? (float) scale[j] : scale[j])) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s varies by %.3g only: 1 / %.3g is not "
                        + "a finite %s, so its standardized values would be; leave it out, or scale it first",
                        featureName.apply(numbers[j]), deviation, deviation, dataType == DataType.FLOAT ? "float32" : "float64"));
            }
        }
        for (int j = 0; j < mean.length; j++) {
            parameters.mean(0).set(j, mean[j]);
            parameters.scale(0).set(j, scale[j]);
        }
        set = true;
    }

    /** Says that the statistics were set otherwise: read from a model file. */
    void setElsewhere() {
        set = true;
    }

    /**
     * Throws unless the statistics are set: by {@link #set}, from a file, or written directly (no
     * longer the identity); the message says what adapt must come before: {@code doing}.
     */
    void check(String doing) {
        if (!set && !startingIdentity()) {
            set = true; // written through Model.parameterValues(): set, if not by adapt
        }
        if (!set) {
            // compiling refuses a Normalization layer anywhere but first
            throw new IllegalStateException("layer 0 (Normalization) has no statistics yet: call model.adapt with the "
                    + "training rows (or their FeatureStatistics) before " + doing);
        }
    }

    /** Whether the statistics are still every mean 0 and every scale 1, as compiling leaves them. */
    private boolean startingIdentity() {
        NativeArray statistics = parameters.statistics();
        int width = (int) (statistics.length() / 2);
        for (int j = 0; j < statistics.length(); j++) {
            if (statistics.get(j) != (j < width ? 0 : 1)) {
                return false;
            }
        }
        return true;
    }
}
