package io.dense4j.cli;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.MachineKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train} command line a model records for {@code verify} to rerun. It is set before
 * the first epoch, not yet ended, so that the checkpoints written during the run keep it for a run
 * resumed from them; the run's end marks it ended. A resumed run records the line it was given,
 * with the flags whose values {@code --resume} takes from the checkpoint (its model, optimizer,
 * loss and how it read the data) as the checkpoint's own line gave them: otherwise a rerun from
 * scratch would train another model than the one the checkpoint went on with. The line names the
 * kinds of machine the run trained on, for {@code verify} to say when another kind's bits differ.
 */
final class RecordedCommand {
    private RecordedCommand() {
    }

    /**
     * The line {@code train} records when it starts, with the parts its steps are cut into;
     * {@code resumed} is null for a new run. {@code settled}, flags the run was not given but
     * settled itself (the epochs the rows set, what a resume took from its checkpoint's line), are
     * written out, so that a rerun by a dense4j whose defaults differ trains the same.
     */
    static TrainingCommand atStart(CommandSpec train, Checkpoint resumed, ExecutionPolicy policy, List<String> settled) {
        TrainingCommand before = resumed == null ? null : resumed.model().trainingCommand();
        ParseResult given = train.commandLine().getParseResult();
        List<String> arguments = new ArrayList<>(before == null ? given.expandedArgs() : recorded(train, given, before.arguments()));
        arguments.addAll(settled);
        // a resume of a checkpoint that names no machine leaves the line naming none: its first epochs ran somewhere unknown
        List<MachineKind> machines = before == null ? List.of() : before.machines();
        TrainingCommand line = new TrainingCommand(arguments, policy.parts() > 0 ? policy.parts() : policy.threads(), false, false,
                machines);
        return resumed != null && machines.isEmpty() ? line : line.trainingOn(MachineKind.here());
    }

    /**
     * The line {@code train}'s run records at its start, with the flags it settled itself written
     * out (the epochs the rows set, what a resume took from its checkpoint's line), marked when the
     * resume went on otherwise than the checkpoint's run.
     */
    static TrainingCommand ofRun(TrainCommand train, Checkpoint resumed, ExecutionPolicy steps) {
        List<String> settled = new ArrayList<>(train.controls.takenArguments());
        if (!train.epochsGiven) {
            settled.addAll(List.of("--epochs", String.valueOf(train.epochs)));
        }
        TrainingCommand before = resumed == null ? null : resumed.model().trainingCommand();
        boolean written = resumed == null ? train.spec.commandLine().getParseResult().hasMatchedOption(ResumeCheck.FILL)
                : before != null && givesFill(before.arguments()); // a resume records its checkpoint line's, given or not
        if (!written) { // the way the model took, from the flag's default or from the checkpoint's model
            settled.add(train.fillMissing ? ResumeCheck.FILL : "--no-fill-missing");
        }
        TrainingCommand line = atStart(train.spec, resumed, steps, settled);
        return train.controls.changesTheRun() ? line.asResumedOtherwise() : line;
    }

    /**
     * Marks {@code model}'s line ended, for the model file written at the run's end; or takes it
     * away from a run whose steps were a cluster's, which a rerun on one machine would add in
     * another order (a one-machine checkpoint's line, resumed on Spark, would otherwise stay), or
     * from a run that went on otherwise than the checkpoint it resumed, which no run from scratch
     * trains.
     */
    static void atEnd(Model model, boolean onACluster) {
        TrainingCommand line = model.trainingCommand();
        if (onACluster || line != null && line.resumedOtherwise()) {
            model.setTrainingCommand(null);
        } else if (line != null) {
            model.setTrainingCommand(line.asEnded());
        }
    }

    /** The value of the last --epochs {@code arguments} give, or empty when they give none. */
    static OptionalInt epochs(List<String> arguments) {
        try {
            return valueOf(arguments, "--epochs").map(value -> OptionalInt.of(Integer.parseInt(value.trim()))).orElse(OptionalInt.empty());
        } catch (NumberFormatException notANumber) { // train refused such a line; a hand-edited file gets no epochs from it
            return OptionalInt.empty();
        }
    }

    /** Whether {@code arguments} give --fill-missing or --no-fill-missing: a line recorded before filling was the default gives neither. */
    static boolean givesFill(List<String> arguments) {
        return arguments.stream().anyMatch(argument -> argument.equals(ResumeCheck.FILL) || argument.startsWith(ResumeCheck.FILL + "=")
                || argument.equals("--no-fill-missing") || argument.startsWith("--no-fill-missing="));
    }

    /** Every value {@code arguments} give a list {@code flag} (a long name), each of its values cut at its commas. */
    static List<String> values(List<String> arguments, String flag) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith(flag + "=")) {
                values.addAll(List.of(argument.substring(flag.length() + 1).split(",")));
            } else if (argument.equals(flag) && i + 1 < arguments.size()) {
                values.addAll(List.of(arguments.get(++i).split(",")));
            }
        }
        return values;
    }

    /** The value of the last {@code flag} (a long name) {@code arguments} give, as {@code --flag v} or {@code --flag=v}; else empty. */
    static Optional<String> valueOf(List<String> arguments, String flag) {
        String value = null;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.startsWith(flag + "=")) {
                value = argument.substring(flag.length() + 1);
            } else if (argument.equals(flag) && i + 1 < arguments.size()) {
                value = arguments.get(++i);
            }
        }
        return Optional.ofNullable(value);
    }

    /**
     * {@code given}'s arguments but those of {@link ResumeCheck#KEPT_FLAGS}, then those flags as
     * {@code checkpoints} (the checkpoint's recorded arguments) gave them: the resumed run trained
     * with the checkpoint's values of them, whatever it was given (a conflicting value is refused,
     * an agreeing one changes nothing).
     */
    static List<String> recorded(CommandSpec train, ParseResult given, List<String> checkpoints) {
        List<String> arguments = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        collect(train, given.expandedArgs(), ResumeCheck.KEPT_FLAGS, arguments, null);
        collect(train, checkpoints, ResumeCheck.KEPT_FLAGS, null, kept);
        arguments.addAll(kept);
        return arguments;
    }

    /** The arguments that give {@code flags} (long names) in {@code arguments}, with their values, in order. */
    static List<String> argumentsOf(CommandSpec train, List<String> arguments, java.util.Set<String> flags) {
        List<String> of = new ArrayList<>();
        collect(train, arguments, flags, null, of);
        return of;
    }

    /** Adds {@code arguments} to {@code others}, or to {@code chosen} for {@code flags} and their values; a null list takes none. */
    private static void collect(CommandSpec train, List<String> arguments, java.util.Set<String> flags, List<String> others,
                                List<String> chosen) {
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            OptionSpec option = optionNamed(train, name);
            int values = option == null || argument.contains("=") ? 0 : valuesAfter(option, arguments, i);
            List<String> into = option != null && flags.contains(option.longestName()) ? chosen : others;
            if (into != null) {
                into.addAll(arguments.subList(i, i + 1 + values));
            }
            i += values;
        }
    }

    /** The option {@code name} names, its negated form ({@code --no-standardize}) included; else null. */
    private static OptionSpec optionNamed(CommandSpec train, String name) {
        if (!name.startsWith("--")) {
            return null;
        }
        OptionSpec option = train.findOption(name);
        if (option == null && name.startsWith("--no-")) {
            option = train.findOption("--" + name.substring("--no-".length()));
        }
        return option;
    }

    /** How many of the arguments after {@code at} are the option's value: one, or for a switch an explicit true or false. */
    private static int valuesAfter(OptionSpec option, List<String> arguments, int at) {
        boolean hasNext = at + 1 < arguments.size();
        if (option.arity().max() == 0 || option.type() == boolean.class || option.type() == Boolean.class) {
            String next = hasNext ? arguments.get(at + 1).toLowerCase(Locale.ROOT) : "";
            return next.equals("true") || next.equals("false") ? 1 : 0;
        }
        return hasNext ? 1 : 0;
    }
}
