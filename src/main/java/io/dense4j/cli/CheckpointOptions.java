package io.dense4j.cli;

import io.dense4j.model.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** train's checkpoints: the file rewritten as training goes, how often, and whether to continue from it. */
final class CheckpointOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "A model file rewritten every --checkpoint-every epochs, with the optimizer's state.")
    Path file;

    @Option(names = "--checkpoint-every", defaultValue = "1", description = "Epochs between checkpoints; with --spark, rounds "
            + "(default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--resume", description = "Continue from --checkpoint if it exists, ending with the same weights as an "
            + "uninterrupted run (early stopping's and a plateau schedule's counters included).")
    boolean resume;

    /** Checks the three flags together, before any data is read. */
    void check() {
        if (resume && file == null) {
            throw new ParameterException(spec.commandLine(), "--resume continues from a checkpoint: give --checkpoint FILE");
        }
        if (every < 1) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every takes a number of epochs >= 1, got " + every);
        }
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every");
        if (given && file == null) { // it would be ignored
            throw new ParameterException(spec.commandLine(), "--checkpoint-every says how often to write --checkpoint FILE: give that too");
        }
    }

    /**
     * Checks that a run of {@code epochs} writes a checkpoint, unless --checkpoint-every counts
     * rounds (on Spark); {@code past} says what the epochs are and what to do, after "is past".
     */
    void checkWithin(int epochs, String past, boolean countsRounds) {
        if (spec.commandLine().getParseResult().hasMatchedOption("--checkpoint-every") && every > epochs && !countsRounds) {
            throw new ParameterException(spec.commandLine(), "--checkpoint-every " + every + " is past " + past);
        }
    }

    /** Checks that --checkpoint may be written, and is none of {@code inputs}; adds it to them, since --resume reads it. */
    void checkFile(List<Path> inputs) {
        Outputs.checkFile(spec.commandLine(), "--checkpoint", file, inputs);
        if (file != null) {
            inputs.add(file);
        }
    }

    /**
     * The checkpoint to continue from: with --resume, the file if it exists yet; else null, for a
     * fresh run, which {@code out} is told of when --resume was given.
     */
    Checkpoint resumed(java.io.PrintStream out) throws IOException {
        if (resume && !Files.exists(file)) { // the same command line starts a run and goes on after a kill: said, as a typo looks alike
            out.println("Note: " + file + " does not exist yet, so this run starts afresh; --resume goes on from it once written");
        }
        return resume && Files.exists(file) ? Checkpoint.load(file) : null;
    }
}
