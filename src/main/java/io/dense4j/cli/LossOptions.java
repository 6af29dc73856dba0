package io.dense4j.cli;

import io.dense4j.data.FeatureStatistics;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The training loss as train and cv take it: class weights and the L2 penalty. */
final class LossOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--l2", description = "L2 penalty λ: the loss gains (λ/2)·Σ w² over the Dense weights, not the biases "
            + "(default: none).")
    Double l2;

    @Option(names = "--class-weight", paramLabel = "balanced|W", description = "Weight each class's rows in the training "
            + "loss: balanced (each class weighs rows / (2 x its rows), as scikit-learn) or W, the weight of class-1 rows "
            + "(PyTorch's pos_weight; class 0 weighs 1). Validation loss and metrics stay unweighted (default: none).")
    String classWeight;

    /** Checks the penalty and the class weight before any data is read. */
    void check() {
        if (l2 != null && !(l2 >= 0 && l2 < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--l2 takes a finite penalty >= 0, got " + l2);
        }
        if (classWeight != null && !balanced()) {
            positiveClassWeight();
        }
    }

    /** Whether the class weights come from the training rows' classes (--class-weight balanced). */
    boolean balanced() {
        return "balanced".equalsIgnoreCase(classWeight);
    }

    /** The loss the flags ask for; {@code statistics} (the training rows') are needed when balanced. */
    BinaryCrossEntropy loss(FeatureStatistics statistics) {
        return new BinaryCrossEntropy().withClassWeights(classWeights(statistics)).withL2(l2 == null ? 0 : l2);
    }

    /** --class-weight's weights: balanced from the training rows' classes (in {@code statistics}), or W for class 1. */
    private ClassWeights classWeights(FeatureStatistics statistics) {
        if (classWeight == null) {
            return ClassWeights.NONE;
        }
        if (!balanced()) {
            return ClassWeights.positive(positiveClassWeight());
        }
        try {
            return ClassWeights.balanced(statistics.negatives(), statistics.positives());
        } catch (IllegalArgumentException oneClass) {
            throw new IllegalArgumentException("--class-weight balanced: " + oneClass.getMessage(), oneClass);
        }
    }

    /** W of --class-weight W. */
    double positiveClassWeight() {
        double weight;
        try {
            weight = Double.parseDouble(classWeight);
        } catch (NumberFormatException notANumber) {
            weight = Double.NaN;
        }
        if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
            throw new ParameterException(spec.commandLine(), "--class-weight takes balanced or a positive number, got \""
                    + classWeight + "\"");
        }
        return weight;
    }
}
