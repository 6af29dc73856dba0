package io.dense4j.cli;

import io.dense4j.data.RowSelection;
import io.dense4j.metrics.ThresholdGoal;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** train's validation split: the share of rows held out, whether each class keeps its share on both sides, and the threshold chosen on them. */
final class SplitOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--validation", defaultValue = "0",
            description = "Fraction of rows held out for validation, chosen row by row from the seed (default: ${DEFAULT-VALUE}).")
    double validation;

    @Option(names = "--stratify", description = "Keep each class's share on both sides of the validation split (with "
            + "cv, in every fold), as scikit-learn's stratify=y.")
    boolean stratify;

    @Option(names = "--threshold-for", paramLabel = "GOAL", description = "Choose the class threshold on the validation rows "
            + "and save it in the model: f1 (best F1), precision=P (most recall at precision >= P) or recall=R (most "
            + "precision at recall >= R); needs --validation (default: 0.5).")
    String thresholdFor;

    /** Checks --validation and --stratify, before any data is read. */
    void check() {
        if (!(validation >= 0 && validation < 1)) {
            throw new ParameterException(spec.commandLine(), "--validation takes a fraction in [0, 1), got " + validation);
        }
        if (stratify && validation == 0) { // it would do nothing, and say nothing
            throw new ParameterException(spec.commandLine(), "--stratify keeps each class's share on both sides of the validation "
                    + "split: give --validation too, e.g. --validation 0.2");
        }
    }

    /** --threshold-for's goal, or null; it needs validation rows to choose on. */
    ThresholdGoal thresholdGoal() {
        if (thresholdFor == null) {
            return null;
        }
        if (validation <= 0) {
            throw new ParameterException(spec.commandLine(), "--threshold-for chooses on the validation rows: give "
                    + "--validation, e.g. --validation 0.2");
        }
        try {
            return ThresholdGoal.parse(thresholdFor);
        } catch (IllegalArgumentException invalid) {
            throw new ParameterException(spec.commandLine(), "--threshold-for: " + invalid.getMessage());
        }
    }

    /** {@code rows}, stratified if --stratify says so. */
    RowSelection stratifiedIfAsked(RowSelection rows) {
        return stratify ? rows.stratify() : rows;
    }
}
