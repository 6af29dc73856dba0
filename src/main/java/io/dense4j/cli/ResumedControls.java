package io.dense4j.cli;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.TrainingCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * What a resumed run takes from its checkpoint's recorded command line: every flag it is not given
 * but the files it reads and writes and the machine it runs on, so that the shortest resume,
 * {@code train --data D --checkpoint C --resume}, goes on as the run did and ends where the
 * uninterrupted run would have. Flags given again are checked against the checkpoint where it
 * fixes them ({@link ResumeCheck}). The plan's flags it does not fix (the learning-rate schedule,
 * early stopping, the parts a step is cut into, the epochs of a cosine schedule) may be given
 * otherwise: the run goes on as asked, says so, and the model it writes records no command line,
 * since no run from scratch trains it. A checkpoint without a line (an older one, or one written
 * from Java) that keeps the counters of early stopping or of a plateau schedule needs the flag
 * given again.
 */
final class ResumedControls {
    private static final String SCHEDULE = "--lr-schedule";
    private static final String PATIENCE = "--early-stopping";
    private static final String THRESHOLD = "--threshold-for";
    /** The flags of the run's plan, which its checkpoint does not fix: taken when left out, noted when given otherwise. */
    private static final Set<String> PLAN = Set.of(SCHEDULE, PATIENCE, THRESHOLD);
    /**
     * The flags a resume never takes from its checkpoint's line: the files it reads and writes, the
     * machine it runs on, and the epochs, which {@link DefaultEpochs#settle} takes once the rows
     * are known. Every other flag left out is the checkpoint's run's.
     */
    private static final Set<String> NOT_TAKEN = Set.of("--data", "--out", "--plot", "--log", "--checkpoint", "--resume",
            "--cache-dir", "--threads", "--parts", "--spark", "--epochs", "--verbose", "--help", "--version");
    /**
     * The files the run writes, among those not taken: a resume of a copy of the checkpoint, of a
     * finished run given more epochs, or from another folder would write over the run's own. Named
     * in a note when the run had them, as a resume without them writes elsewhere.
     */
    private static final List<String> OUTPUTS = List.of("--out", "--log", "--plot");
    /** Flags of how one machine reads the rows, which a resume on Spark leaves to the checks of how the checkpoint's were read. */
    private static final Set<String> ONE_MACHINE = Set.of("--no-cache", "--shuffle-buffer");
    /** Flags of Spark's steps, taken by a resume on Spark alone. */
    private static final Set<String> ON_SPARK = Set.of("--sync", "--local-steps", "--partitions");
    /** Counts epochs on one machine and rounds on Spark: taken only where the checkpoint's steps were taken alike. */
    private static final String EVERY = "--checkpoint-every";

    /** What a resume without --resume's checkpoint, or without a line in it, takes and changes: nothing. */
    static final ResumedControls NONE = new ResumedControls(List.of(), List.of(), List.of(), List.of(), 0, false);

    /** The arguments taken from the checkpoint's line, those the checkpoint fixes left out, for the line this run records. */
    private final List<String> taken;
    /** The plan's flags among them, with their values, as the line saying the run resumes names them. */
    private final List<String> planTaken;
    /** The files the checkpoint's run wrote that this run was not given, with their values, for its note. */
    private final List<String> outputsLeft;
    private final List<String> changes;
    private final int parts;
    /** Whether the checkpoint's own run had gone on otherwise than the checkpoint it resumed. */
    private final boolean changedBefore;

    private ResumedControls(List<String> taken, List<String> planTaken, List<String> outputsLeft, List<String> changes, int parts,
                            boolean changedBefore) {
        this.taken = taken;
        this.planTaken = planTaken;
        this.outputsLeft = outputsLeft;
        this.changes = changes;
        this.parts = parts;
        this.changedBefore = changedBefore;
    }

    /**
     * Adds to {@code conflicts} the flags a checkpoint without a command line needs: those whose
     * counters it keeps, whose settings only the line could give.
     */
    static void linelessConflicts(Checkpoint checkpoint, ParseResult given, List<String> conflicts) {
        if (checkpoint.model().trainingCommand() != null) {
            return;
        }
        if (!given.hasMatchedOption(PATIENCE) && ResumeCheck.keeps(checkpoint.state(), "EarlyStopping")) {
            conflicts.add("no " + PATIENCE + "; the checkpoint keeps the counters of the early stopping its run had, and records "
                    + "no command line to take its patience from");
        }
        if (!given.hasMatchedOption(SCHEDULE) && ResumeCheck.keeps(checkpoint.state(), "ReduceLearningRateOnPlateau")) {
            conflicts.add("no " + SCHEDULE + "; the checkpoint keeps the counters of the plateau schedule its run had, and records "
                    + "no command line to take it from");
        }
    }

    /**
     * Sets on {@code train} every flag its checkpoint's run was given and it was not, as the line
     * gave it (but those {@link #NOT_TAKEN}), and notes the plan flags it was given otherwise. Call before
     * anything is made from those flags (the optimizer, the layers, the threshold's goal, the
     * schedule, the step policy).
     */
    static ResumedControls take(Checkpoint checkpoint, TrainCommand train, ParseResult given) {
        TrainingCommand line = checkpoint.model().trainingCommand();
        if (line == null) {
            return NONE;
        }
        String schedule = train.optimizerOptions.schedule; // as given, before the line's may fill it in
        boolean fromACluster = checkpoint.state().batching() != null && checkpoint.state().batching().onACluster();
        ParseResult run = parsed(line.arguments(), given);
        Set<String> takenFlags = new java.util.HashSet<>();
        List<String> planTaken = new ArrayList<>();
        for (OptionSpec option : run.commandSpec().options()) {
            String name = option.longestName();
            if (takes(name, train.spark.given(), fromACluster) && run.hasMatchedOption(name) && !given.hasMatchedOption(name)) {
                Object value = option.getValue();
                given.commandSpec().findOption(name).setValue(value);
                takenFlags.add(name);
                if (PLAN.contains(name)) {
                    planTaken.add(name + " " + value);
                }
            }
        }
        takenFlags.removeAll(ResumeCheck.KEPT_FLAGS); // the recorded line has those from the checkpoint's line already
        List<String> taken = RecordedCommand.argumentsOf(given.commandSpec(), line.arguments(), takenFlags);
        List<String> changes = planChanges(train, given, run, schedule, line);
        int parts = 0;
        boolean sameCut = !train.spark.given() && !fromACluster;
        if (sameCut && !given.hasMatchedOption("--parts")) {
            if (train.threadOptions.policy().threads() != line.parts()) { // else this machine cuts the steps alike by itself
                train.threadOptions.parts = line.parts();
                parts = line.parts();
            }
        } else if (sameCut && train.threadOptions.parts != line.parts()) {
            changes.add("--parts " + train.threadOptions.parts + ", where its steps were cut into " + line.parts());
        }
        List<String> outputsLeft = new ArrayList<>();
        for (String output : OUTPUTS) {
            OptionSpec had = run.matchedOption(output);
            if (had != null && !given.hasMatchedOption(output)) {
                outputsLeft.add(output + " " + io.dense4j.data.Remedy.word(String.valueOf((Object) had.getValue())));
            }
        }
        return new ResumedControls(List.copyOf(taken), List.copyOf(planTaken), List.copyOf(outputsLeft), List.copyOf(changes), parts,
                line.resumedOtherwise());
    }

    /** Whether a resume on Spark or not takes flag {@code name} from a checkpoint written on a cluster or not. */
    private static boolean takes(String name, boolean onSpark, boolean fromACluster) {
        return !NOT_TAKEN.contains(name) && !(onSpark && ONE_MACHINE.contains(name)) && (onSpark || !ON_SPARK.contains(name))
                && (!name.equals(EVERY) || onSpark == fromACluster);
    }

    /**
     * The schedule and the patience {@code given} otherwise than {@code run}, the checkpoint's run,
     * had them ({@code schedule} is the one given), and more epochs under a cosine schedule.
     */
    private static List<String> planChanges(TrainCommand train, ParseResult given, ParseResult run, String schedule,
                                            TrainingCommand line) {
        List<String> changes = new ArrayList<>();
        String had = (String) valueOf(run, SCHEDULE);
        if (given.hasMatchedOption(SCHEDULE) && !canonical(schedule).equals(canonical(had == null ? "constant" : had))) {
            changes.add(SCHEDULE + " " + schedule + ", where it had " + (had == null ? "none" : had));
        }
        Integer hadPatience = (Integer) valueOf(run, PATIENCE);
        if (given.hasMatchedOption(PATIENCE) && !train.patience.equals(hadPatience)) {
            changes.add(PATIENCE + " " + train.patience + ", where it had " + (hadPatience == null ? "none" : hadPatience));
        }
        int lineEpochs = RecordedCommand.epochs(line.arguments()).orElse(DefaultEpochs.OF_A_LINE_WITHOUT);
        String effective = train.optimizerOptions.schedule;
        if (train.epochsGiven && train.epochs != lineEpochs && effective != null && canonical(effective).startsWith("cosine")) {
            changes.add("--epochs " + train.epochs + " under a cosine schedule, which follows the run's last epoch, where it had "
                    + lineEpochs);
        }
        return changes;
    }

    /** The value {@code run} gave {@code flag}, or null when it was not given. */
    private static Object valueOf(ParseResult run, String flag) {
        OptionSpec option = run.matchedOption(flag);
        return option == null ? null : (Object) option.getValue();
    }

    /** The checkpoint's run's command line, parsed as train parses it (not run); refused in one line if it no longer parses. */
    private static ParseResult parsed(List<String> arguments, ParseResult given) {
        List<String> command = new ArrayList<>(List.of("train"));
        command.addAll(arguments);
        try {
            return new CommandLine(new Main()).parseArgs(command.toArray(String[]::new)).subcommand();
        } catch (ParameterException unreadable) {
            throw new ParameterException(given.commandSpec().commandLine(), "--resume takes the flags left out from the checkpoint's "
                    + "command line, which this dense4j cannot read (" + unreadable.getMessage() + "): train anew without --resume");
        }
    }

    /** The flags taken from the checkpoint's line, as arguments ({@code --early-stopping 3}), for the line the run records. */
    List<String> takenArguments() {
        return taken;
    }

    /** Whether the resume asked for another plan than its checkpoint's run had: its model then records no command line. */
    boolean changesTheRun() {
        return !changes.isEmpty() || changedBefore;
    }

    /** What the line saying a run resumes adds inside its brackets: {@code " and its --early-stopping 3; …"}, or "". */
    String described() {
        String described = planTaken.isEmpty() ? "" : " and its " + String.join(" and ", planTaken);
        return described + (parts == 0 ? "" : String.format(Locale.ROOT, "; its steps in %d part%s, as its run cut them, for the same "
                + "weights", parts, parts == 1 ? "" : "s"));
    }

    /**
     * Says how the resumed run goes on otherwise than its checkpoint's run, if it does; or that the
     * counters of early stopping or a plateau schedule {@code train} asks for start afresh, where
     * {@code kept}, the checkpoint's state, has none.
     */
    void noteHowItGoesOn(TrainCommand train, io.dense4j.model.TrainingState kept) {
        if (!outputsLeft.isEmpty()) {
            System.out.printf(Locale.ROOT, "Note: its run wrote %s, which a resume does not take, as a copy of the checkpoint would write over "
                    + "them: give %s to write there%n", Listed.inWords(outputsLeft), outputsLeft.size() == 1 ? "it" : "them");
        }
        String changed = changeNote();
        if (changed != null) {
            System.out.println(changed);
        } else {
            ResumeCheck.noteCountersStartAfresh(train.patience, train.optimizerOptions.schedule, kept, System.out);
        }
    }

    /** The note for a resume that changes the run, or null. */
    private String changeNote() {
        if (!changes.isEmpty()) {
            return "Note: this run goes on otherwise than its checkpoint's run (" + String.join("; ", changes) + "), so it can end "
                    + "elsewhere, and the model records no command line for verify to rerun";
        }
        return changedBefore ? "Note: the checkpoint's run went on otherwise than the run it resumed, so the model records no command "
                + "line for verify to rerun" : null;
    }

    /** The schedule's written form ({@link ScheduleOption#canonical}), or a hand-edited line's text as it is. */
    private static String canonical(String schedule) {
        try {
            return ScheduleOption.canonical(schedule);
        } catch (IllegalArgumentException unreadable) {
            return schedule.trim();
        }
    }
}
