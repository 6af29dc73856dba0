package io.dense4j.cli;

import io.dense4j.data.csv.CsvSource;
import io.dense4j.data.csv.LabelMapping;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which label train and cv take as class 1 when the labels' own order is not the one meant. */
final class PositiveOption {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--positive", paramLabel = "LABEL", description = "The label value that is class 1, whatever the labels' "
            + "own order (two names map in sorted order): the class that precision, recall, PR AUC, --class-weight W and "
            + "--threshold-for are about, e.g. --positive fraud beside ok.")
    String label;

    /** Whether --positive was given. */
    boolean given() {
        return label != null;
    }

    /** {@code source} with --positive's label as class 1, if given. */
    CsvSource appliedTo(CsvSource source) {
        if (label == null) {
            return source;
        }
        try {
            return source.withPositiveClass(label);
        } catch (LabelMapping.NotALabel none) {
            throw new ParameterException(spec.commandLine(), "--positive: " + none.in(source.name()));
        }
    }
}
