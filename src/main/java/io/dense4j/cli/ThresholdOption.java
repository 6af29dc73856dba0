package io.dense4j.cli;

import io.dense4j.metrics.DecisionThreshold;
import io.dense4j.model.Model;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The class threshold shared by the commands that classify rows: the model's own unless overridden. */
final class ThresholdOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threshold", description = "Probability at or above which a row is class 1 (default: the model's "
            + "threshold, 0.5 unless train chose one with --threshold-for).")
    Double threshold;

    /** --threshold if given, checked to be a probability, else the model's. */
    DecisionThreshold resolve(Model model) {
        if (threshold == null) {
            return model.threshold();
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold is a probability in [0, 1], got " + threshold);
        }
        return new DecisionThreshold(threshold, "--threshold");
    }
}
