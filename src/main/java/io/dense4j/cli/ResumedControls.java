package io.dense4j.cli;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.TrainingCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The learning-rate schedule and early stopping a resumed run goes on with. A checkpoint keeps
 * their counters but not the flags that set them up, which its recorded command line gives: a
 * resume that leaves such a flag out takes the line's value, so that it ends where the
 * uninterrupted run would have, and one that gives another value is refused, as the other flags a
 * checkpoint fixes are ({@link ResumeCheck}). A resume may still add either to a run that had
 * none; {@link ResumeCheck#noteCountersStartAfresh} says what that means. A checkpoint without a
 * line (an older one, or one written from Java) that keeps the counters of early stopping or of a
 * plateau schedule needs the flag given again.
 */
final class ResumedControls {
    private static final String SCHEDULE = "--lr-schedule";
    private static final String PATIENCE = "--early-stopping";

    private ResumedControls() {
    }

    /** Adds to {@code conflicts} each of the two flags given with another value than the checkpoint's run had, or missing where it cannot be taken. */
    static void conflicts(Checkpoint checkpoint, TrainCommand train, ParseResult given, List<String> conflicts) {
        TrainingCommand line = checkpoint.model().trainingCommand();
        if (line == null) {
            if (!given.hasMatchedOption(PATIENCE) && ResumeCheck.keeps(checkpoint.state(), "EarlyStopping")) {
                conflicts.add("no " + PATIENCE + "; the checkpoint keeps the counters of the early stopping its run had, and records "
                        + "no command line to take its patience from");
            }
            if (!given.hasMatchedOption(SCHEDULE) && ResumeCheck.keeps(checkpoint.state(), "ReduceLearningRateOnPlateau")) {
                conflicts.add("no " + SCHEDULE + "; the checkpoint keeps the counters of the plateau schedule its run had, and records "
                        + "no command line to take it from");
            }
            return;
        }
        Optional<String> schedule = RecordedCommand.valueOf(line.arguments(), SCHEDULE);
        String asked = train.optimizerOptions.schedule;
        if (given.hasMatchedOption(SCHEDULE) && schedule.isPresent() && !sameSchedule(asked, schedule.get())) {
            conflicts.add(SCHEDULE + " " + asked + "; the checkpoint's run had " + SCHEDULE + " " + schedule.get());
        }
        Optional<String> patience = RecordedCommand.valueOf(line.arguments(), PATIENCE);
        if (given.hasMatchedOption(PATIENCE) && patience.isPresent() && !patience.get().trim().equals(String.valueOf(train.patience))) {
            conflicts.add(PATIENCE + " " + train.patience + "; the checkpoint's run had " + PATIENCE + " " + patience.get());
        }
    }

    /**
     * Sets on {@code train} the schedule and the early stopping its checkpoint's run had and it was
     * not given; returns the flags taken, as arguments ({@code --early-stopping 3}), for the line
     * the run records and the line that says it resumes.
     */
    static List<String> take(Checkpoint checkpoint, TrainCommand train, ParseResult given) {
        TrainingCommand line = checkpoint.model().trainingCommand();
        List<String> taken = new ArrayList<>();
        if (line == null) {
            return taken;
        }
        Optional<String> schedule = RecordedCommand.valueOf(line.arguments(), SCHEDULE);
        if (!given.hasMatchedOption(SCHEDULE) && schedule.isPresent()) {
            train.takeSchedule(schedule.get());
            taken.addAll(List.of(SCHEDULE, schedule.get()));
        }
        Optional<String> patience = RecordedCommand.valueOf(line.arguments(), PATIENCE);
        if (!given.hasMatchedOption(PATIENCE) && patience.isPresent()) {
            try {
                train.patience = Integer.parseInt(patience.get().trim());
            } catch (NumberFormatException notANumber) {
                throw new ParameterException(given.commandSpec().commandLine(), "the checkpoint's command line gives " + PATIENCE
                        + " \"" + patience.get() + "\", not a number of epochs: give " + PATIENCE + " N");
            }
            taken.addAll(List.of(PATIENCE, patience.get()));
        }
        return taken;
    }

    /** How the line that says a run resumes names the flags {@link #take} took: {@code " and its --early-stopping 3"}, or "". */
    static String described(List<String> taken) {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i + 1 < taken.size(); i += 2) {
            flags.add(taken.get(i) + " " + taken.get(i + 1));
        }
        return flags.isEmpty() ? "" : " and its " + String.join(" and ", flags);
    }

    private static boolean sameSchedule(String asked, String had) {
        try {
            return ScheduleOption.canonical(asked).equals(ScheduleOption.canonical(had));
        } catch (IllegalArgumentException unreadable) { // a hand-edited line: only the same text is the same
            return asked.trim().equals(had.trim());
        }
    }
}
