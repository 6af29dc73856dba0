package io.dense4j.model;

import java.util.List;

/**
 * What a model's input columns and classes are called, saved with it so that data files can be
 * checked against it and predictions named.
 *
 * @param featureNames the feature columns, in the order the model reads them
 * @param classes      the label names meaning class 0 and class 1 (null where unknown)
 */
public record InputSchema(List<String> featureNames, List<String> classes) {

    public InputSchema {
        featureNames = List.copyOf(featureNames);
        if (classes.size() != 2) {
            throw new IllegalArgumentException("a binary classifier has 2 classes, got " + classes);
        }
        classes = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(classes));
    }
}
