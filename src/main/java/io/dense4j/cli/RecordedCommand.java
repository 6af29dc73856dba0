package io.dense4j.cli;

import io.dense4j.model.Checkpoint;
import io.dense4j.model.Model;
import io.dense4j.model.TrainingCommand;
import io.dense4j.runtime.ExecutionPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code train} command line a model records for {@code verify} to rerun. It is set before
 * the first epoch, not yet ended, so that the checkpoints written during the run keep it for a run
 * resumed from them; the run's end marks it ended. A resumed run records the line it was given,
 * plus the flags it left out that the checkpoint's own line gave, of those {@code --resume} takes
 * from the checkpoint (its model, optimizer, loss and how it read the data): without them, a rerun
 * from scratch would train another model than the one the checkpoint went on with.
 */
final class RecordedCommand {
    private RecordedCommand() {
    }

    /** The line {@code train} records when it starts, with the parts its steps are cut into; {@code resumed} is null for a new run. */
    static TrainingCommand atStart(CommandSpec train, Checkpoint resumed, ExecutionPolicy policy) {
        TrainingCommand before = resumed == null ? null : resumed.model().trainingCommand();
        ParseResult given = train.commandLine().getParseResult();
        List<String> arguments = before == null ? given.expandedArgs() : recorded(train, given, before.arguments());
        return new TrainingCommand(arguments, policy.parts() > 0 ? policy.parts() : policy.threads(), false);
    }

    /**
     * Marks {@code model}'s line ended, for the model file written at the run's end; or takes it
     * away from a run whose steps were a cluster's, which a rerun on one machine would add in
     * another order (a one-machine checkpoint's line, resumed on Spark, would otherwise stay).
     */
    static void atEnd(Model model, boolean onACluster) {
        if (onACluster) {
            model.setTrainingCommand(null);
        } else if (model.trainingCommand() != null) {
            model.setTrainingCommand(model.trainingCommand().asEnded());
        }
    }

    /**
     * {@code given}'s arguments, then the arguments of each of {@link ResumeCheck#KEPT_FLAGS} that
     * {@code given} does not hold and {@code checkpoints} (the checkpoint's recorded arguments)
     * does, in their order there.
     */
    static List<String> recorded(CommandSpec train, ParseResult given, List<String> checkpoints) {
        List<String> arguments = new ArrayList<>(given.expandedArgs());
        for (int i = 0; i < checkpoints.size(); i++) {
            String argument = checkpoints.get(i);
            String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
            OptionSpec option = optionNamed(train, name);
            if (option == null) {
                continue; // a value, or a flag of no option (none in a command line train accepted)
            }
            int values = argument.contains("=") ? 0 : valuesAfter(option, checkpoints, i);
            String kept = option.longestName();
            if (ResumeCheck.KEPT_FLAGS.contains(kept) && !given.hasMatchedOption(kept)) {
                arguments.addAll(checkpoints.subList(i, i + 1 + values));
            }
            i += values;
        }
        return arguments;
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
