package io.dense4j.model;

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

    /** The fill values as an array, or null. */
    public double[] fillValues() {
        return missingValueFill == null ? null : missingValueFill.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
