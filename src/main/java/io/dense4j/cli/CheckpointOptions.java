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

    @Option(names = "--checkpoint", description = "A model file rewritten every --checkpoint-every epochs and after the last, with the "
            + "optimizer's state.")
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
        String unfinished = resume || file == null ? null : unfinishedRun(file);
        if (unfinished != null) { // the command line rerun after a kill without --resume would overwrite the run's progress
            throw new ParameterException(spec.commandLine(), "--checkpoint " + file + " holds " + unfinished + ": give --resume to go on "
                    + "from it, or another --checkpoint file (or remove this one) to start anew");
        }
    }

    /**
     * Refuses a --log {@code log} that a resume from {@code resumed} would cut, when it holds epochs
     * the checkpoint's run cannot have logged: the run went at most --checkpoint-every epochs past
     * its last checkpoint before it was stopped, so a log that goes further is another run's.
     */
    void checkLogOfTheRun(Path log, Checkpoint resumed) throws IOException {
        if (log == null || !Files.isRegularFile(log)) {
            return;
        }
        io.dense4j.model.TrainingCommand line = resumed.model().trainingCommand();
        // the run that wrote the log may have been a resume with another --checkpoint-every than the checkpoint's line
        int runEvery = Math.max(every, line == null ? 1 : everyOf(line));
        int trained = resumed.state().progress().epochs();
        int last = io.dense4j.train.CsvLogger.lastEpoch(log);
        if (last > trained + runEvery) {
            throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT, "--log %s holds epochs up to %d, "
                    + "but the run of %s checkpointed after epoch %d and went at most %d past it (--checkpoint-every %d): a resume "
                    + "would cut another run's log; give another --log, or the --checkpoint-every of the run that wrote it", log, last,
                    file, trained, runEvery, runEvery));
        }
    }

    /**
     * "a run stopped after epoch 37 of 120" when {@code file} is a checkpoint of a run that has
     * epochs left to train, by its recorded command line: a run writes its checkpoint after its last
     * epoch too, so it was stopped before its end unless early stopping ended it there. Null for
     * anything else (no file, a finished run, a run on Spark, whose rounds end anywhere in an epoch,
     * a file that is no checkpoint dense4j can read, which training may replace).
     */
    private static String unfinishedRun(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.load(file);
        } catch (RuntimeException unreadable) {
            return null;
        }
        io.dense4j.model.TrainingCommand line = checkpoint.model().trainingCommand();
        boolean rounds = checkpoint.state().batching() != null && checkpoint.state().batching().onACluster();
        if (line == null || line.ended() || rounds || stoppedEarly(checkpoint)) {
            return null;
        }
        int trained = checkpoint.state().progress().epochs();
        int epochs = RecordedCommand.epochs(line.arguments()).orElse(DefaultEpochs.OF_A_LINE_WITHOUT);
        return trained < epochs ? "a run stopped after epoch " + trained + " of " + epochs : null;
    }

    /** Whether early stopping had ended the checkpoint's run, by the state it keeps. */
    private static boolean stoppedEarly(Checkpoint checkpoint) {
        return checkpoint.state().callbacks().stream().filter(callback -> callback.name().equals("EarlyStopping"))
                .anyMatch(state -> !Double.isNaN(state.number("stoppedEpoch")));
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

    /** The checkpoint to continue from: with --resume, the file if it exists yet; else null, for a fresh run. */
    Checkpoint resumed() throws IOException {
        return resume && Files.exists(file) ? Checkpoint.load(file) : null;
    }

    /** Says on {@code out}, when --resume found no checkpoint yet, that the run starts afresh: a typo looks alike. */
    void noteStartingAfresh(Checkpoint resumed, java.io.PrintStream out) {
        if (resume && resumed == null) { // the same command line starts a run and goes on after a kill
            out.println("Note: " + file + " does not exist yet, so this run starts afresh; --resume goes on from it once written");
        }
    }

    /** When --checkpoint was last written, or null when there is none (yet). */
    java.nio.file.attribute.FileTime lastWritten() {
        try {
            return file == null || !Files.isRegularFile(file) ? null : Files.getLastModifiedTime(file);
        } catch (IOException unreadable) {
            return null;
        }
    }

    /**
     * The error for a run that diverged, saying what its checkpoint keeps when the run wrote one
     * ({@code before}: when it was last written before the run) or resumed one. That checkpoint is
     * marked as of a run that ended, so that the command line run again (with a lower --lr, say)
     * may replace it: a resume of it would diverge at the same step.
     */
    RuntimeException afterDivergence(io.dense4j.train.TrainingDivergedException diverged, boolean resumed,
                                     java.nio.file.attribute.FileTime before) {
        java.nio.file.attribute.FileTime written = lastWritten();
        if (written == null || !resumed && written.equals(before)) {
            return diverged;
        }
        try {
            Checkpoint last = Checkpoint.load(file);
            io.dense4j.model.TrainingCommand line = last.model().trainingCommand();
            if (line != null && !line.ended()) {
                last.model().setTrainingCommand(line.asEnded());
                last.save(file);
            }
            String kept = String.format(java.util.Locale.ROOT, "; --checkpoint %s keeps the weights of epoch %d, and a run anew with "
                    + "the same --checkpoint replaces it", file, last.state().progress().epochs());
            return new IllegalStateException(diverged.getMessage() + kept, diverged);
        } catch (IOException | RuntimeException unreadable) {
            return diverged;
        }
    }

    /** The --checkpoint-every a recorded command line gives: 1 when it gives none or an unreadable one. */
    private static int everyOf(io.dense4j.model.TrainingCommand line) {
        try {
            return Math.max(1, Integer.parseInt(RecordedCommand.valueOf(line.arguments(), "--checkpoint-every").orElse("1").trim()));
        } catch (NumberFormatException handEdited) {
            return 1;
        }
    }
}
