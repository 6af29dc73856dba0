package io.dense4j.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The class threshold shared by the commands that classify rows. */
final class ThresholdOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threshold", defaultValue = "0.5", description = "Probability at or above which a row is class 1 (default: ${DEFAULT-VALUE}).")
    double threshold;

    /** The threshold, checked to be a probability. */
    double value() {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold is a probability in [0, 1], got " + threshold);
        }
        return threshold;
    }
}
