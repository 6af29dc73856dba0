package io.dense4j.cli;

import io.dense4j.data.csv.CsvSource;
import picocli.CommandLine.Option;

/**
 * {@code --skip-bad-rows}, for the commands that may leave a row out: train, cv and evaluate.
 * predict writes one line per input row, so it does not offer it.
 */
final class BadRowsOption {

    @Option(names = "--skip-bad-rows", description = "Pass over rows with a bad cell or field count, and report them, instead of stopping.")
    boolean skip;

    /** {@code options}, passing over bad rows if asked to. */
    CsvSource.Options appliedTo(CsvSource.Options options) {
        return skip ? options.skippingBadRows() : options;
    }
}
