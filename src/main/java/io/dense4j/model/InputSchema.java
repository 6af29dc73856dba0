package io.dense4j.model;

import io.dense4j.data.FeatureStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a model's input columns and classes are called, saved with it so that data files can be
 * checked against it and predictions named, and how it fills missing values.
 *
 * @param featureNames     the feature columns, in the order the model reads them
 * @param classes          the label names meaning class 0 and class 1 (null where unknown)
 * @param missingValueFill each feature's value for a missing one (its training mean), or null when
 *                         missing values are errors
 */
public record InputSchema(List<String> featureNames, List<String> classes, List<Double> missingValueFill) {

    public InputSchema {
        featureNames = List.copyOf(featureNames);
        if (classes.size() != 2) {
            throw new IllegalArgumentException("a binary classifier has 2 classes, got " + classes);
        }
        classes = Collections.unmodifiableList(new ArrayList<>(classes));
        if (missingValueFill != null) {
            missingValueFill = List.copyOf(missingValueFill);
            if (missingValueFill.size() != featureNames.size()
                    || missingValueFill.stream().anyMatch(value -> !Double.isFinite(value))) {
                throw new IllegalArgumentException("missing-value fill needs one finite value per feature ("
                        + featureNames.size() + "), got " + missingValueFill);
            }
        }
    }

    /** Without missing-value fill. */
    public InputSchema(List<String> featureNames, List<String> classes) {
        this(featureNames, classes, null);
    }

    /**
     * Each feature's mean over the training rows, to fill its missing values with.
     *
     * @param source names the data in the error
     * @throws IllegalArgumentException naming a feature that has no values at all
     */
    public static List<Double> meansToFill(String source, List<String> featureNames, FeatureStatistics statistics) {
        double[] means = statistics.mean();
        List<Double> fill = new ArrayList<>();
        for (int j = 0; j < means.length; j++) {
            if (Double.isNaN(means[j])) {
                throw new IllegalArgumentException(source + ": column \"" + featureNames.get(j)
                        + "\" has no values in the training rows, so no mean to fill its missing values with");
            }
            fill.add(means[j]);
        }
        return fill;
    }

    /** Throws, naming both lists, unless {@code columns} (of {@code file}) are this schema's features. */
    public void checkFeatures(java.nio.file.Path file, List<String> columns) {
        if (!columns.equals(featureNames)) {
            throw new IllegalArgumentException(String.format("%s has the feature columns %s, but the model was trained on %s",
                    file, columns, featureNames));
        }
    }

    /** The fill values as an array, or null. */
    public double[] fillValues() {
        return missingValueFill == null ? null : missingValueFill.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
