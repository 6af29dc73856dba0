package io.dense4j.model;

import io.dense4j.runtime.MachineKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dense4j train} command line that trained a model, saved with it so that
 * {@code dense4j verify} can run it again and compare the weights.
 *
 * @param arguments the arguments after {@code train}, as given
 * @param parts     the parts each large step was cut into: given again, they make the same
 *                  additions in the same order on any number of cores
 * @param ended     whether the run ended with these weights; false in a checkpoint written during
 *                  the run, which keeps the command line for a run resumed from it, not for verify
 * @param resumedOtherwise whether the run went on from a checkpoint otherwise than that
 *                  checkpoint's run (another schedule, say): its checkpoints keep the line for
 *                  their resume, but no run from scratch trains its weights, so its model keeps none
 * @param machines  the kinds of machine the run trained on, in the order they took part (a run
 *                  resumed elsewhere has two); empty where the file does not say, as before
 *                  dense4j recorded them, or after a resume of such a checkpoint
 */
public record TrainingCommand(List<String> arguments, int parts, boolean ended, boolean resumedOtherwise,
                              List<MachineKind> machines) {
    /** More than any command line needs; a model file claiming more is not one dense4j wrote. */
    static final int MOST_ARGUMENTS = 1_000;
    /** More kinds of machine than any run's resumes take; a model file claiming more is not one dense4j wrote. */
    static final int MOST_MACHINES = 16;

    /** The command line of a run that ended. */
    public TrainingCommand(List<String> arguments, int parts) {
        this(arguments, parts, true);
    }

    /** The command line of a run that ended or not, and did not go on otherwise than its checkpoint's run. */
    public TrainingCommand(List<String> arguments, int parts, boolean ended) {
        this(arguments, parts, ended, false);
    }

    /** The command line of a run on machines it does not name. */
    public TrainingCommand(List<String> arguments, int parts, boolean ended, boolean resumedOtherwise) {
        this(arguments, parts, ended, resumedOtherwise, List.of());
    }

    /** The same command line, of the run once it ended. */
    public TrainingCommand asEnded() {
        return new TrainingCommand(arguments, parts, true, resumedOtherwise, machines);
    }

    /** The same command line, of a run that went on otherwise than the checkpoint it resumed. */
    public TrainingCommand asResumedOtherwise() {
        return new TrainingCommand(arguments, parts, ended, true, machines);
    }

    /** The same command line, naming no machine: of a run whose steps this machine did not take (Spark's executors did). */
    public TrainingCommand onNoNamedMachine() {
        return new TrainingCommand(arguments, parts, ended, resumedOtherwise, List.of());
    }

    /** The same command line, of a run that trains on {@code kind} too (the last kind, if it trained there already). */
    public TrainingCommand trainingOn(MachineKind kind) {
        if (!machines.isEmpty() && machines.get(machines.size() - 1).equals(kind) || machines.size() >= MOST_MACHINES) {
            return this;
        }
        List<MachineKind> more = new ArrayList<>(machines);
        more.add(kind);
        return new TrainingCommand(arguments, parts, ended, resumedOtherwise, more);
    }

    public TrainingCommand {
        arguments = List.copyOf(arguments);
        machines = List.copyOf(machines);
        if (arguments.size() > MOST_ARGUMENTS) {
            throw new IllegalArgumentException("a train command line of " + arguments.size() + " arguments is none dense4j writes");
        }
        if (machines.size() > MOST_MACHINES) {
            throw new IllegalArgumentException("a run on " + machines.size() + " kinds of machine is none dense4j records");
        }
        if (parts < 1) {
            throw new IllegalArgumentException("a step is cut into at least 1 part, got " + parts);
        }
    }

    @Override
    public String toString() {
        return "dense4j train " + String.join(" ", arguments.stream().map(io.dense4j.data.Remedy::word).toList());
    }
}
