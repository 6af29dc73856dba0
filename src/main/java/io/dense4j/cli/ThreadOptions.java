package io.dense4j.cli;

import io.dense4j.runtime.ExecutionPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How many threads a step uses and how many parts it is cut into, on one machine: train's and cv's --threads and --parts. */
final class ThreadOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", description = "Threads a training step may use (default: every core the JVM sees).")
    Integer threads;

    @Option(names = "--parts", description = "Cut each large step into this many parts whatever the threads, so that the "
            + "same seed gives the same weights on any number of cores (default: one part per thread).")
    Integer parts;

    /** Every core the JVM sees, unless --threads or --parts say otherwise. */
    ExecutionPolicy policy() {
        ExecutionPolicy policy = ExecutionPolicy.forThisMachine();
        if (threads != null) {
            if (threads < 1) {
                throw new ParameterException(spec.commandLine(), "--threads takes a number >= 1, got " + threads);
            }
            // past it, threads only wait, and each costs a native stack; a small container may still ask for a few more
            int most = Math.max(64, 4 * Runtime.getRuntime().availableProcessors());
            if (threads > most) {
                throw new ParameterException(spec.commandLine(), "--threads takes at most " + most + " (4 per core the JVM sees, "
                        + "or 64), got " + threads);
            }
            policy = policy.withThreads(threads);
        }
        if (parts != null) {
            if (parts < 1) {
                throw new ParameterException(spec.commandLine(), "--parts takes a number >= 1, got " + parts);
            }
            policy = policy.withParts(parts);
        }
        return policy;
    }

    /** Refuses both flags on Spark, whose tasks step on one core each and cut no step. */
    void refuseOnSpark() {
        for (String oneMachine : new String[] {"--threads", "--parts"}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(oneMachine)) {
                throw new ParameterException(spec.commandLine(), oneMachine + " is for one machine: on Spark each task steps on one "
                        + "core, and --partitions sets the pieces");
            }
        }
    }
}
