package io.dense4j.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Training on Apache Spark, as train takes it: the master, how pieces synchronize, and how many pieces. */
final class SparkOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train on Apache Spark at this master (local[2], "
            + "spark://host:7077, …), data-parallel; needs the dense4j-spark module (./dense4j adds it).")
    String master;

    @Option(names = "--sync", defaultValue = "exact", description = "With --spark: exact (gradients summed, one step per round) "
            + "or averaging (--local-steps steps per piece, then weights averaged) (default: ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--local-steps", defaultValue = "8", description = "With --spark --sync averaging: steps per round (default: ${DEFAULT-VALUE}).")
    int localSteps;

    @Option(names = "--partitions", defaultValue = "0", description = "With --spark: split the files into at least this many "
            + "pieces (default: one per filesystem block, at least 2; give the cluster's task slots or more, and the same "
            + "number when resuming).")
    int partitions;

    /** The master URLs Spark takes (its SparkContext's forms), so that a typo is one line rather than Spark's error log. */
    private static final java.util.regex.Pattern MASTER = java.util.regex.Pattern.compile(
            "local(\\[(\\d+|\\*)(,\\d+)?])?|local-cluster\\[\\d+, *\\d+, *\\d+]|spark://\\S+|yarn|k8s://\\S+|mesos://\\S+");

    /** Whether --spark was given. */
    boolean given() {
        return master != null;
    }

    /** Refuses a Spark-only flag without --spark, and values out of range with it. */
    void check() {
        if (master == null) {
            for (String sparkOnly : new String[] {"--sync", "--local-steps", "--partitions"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(sparkOnly)) {
                    throw new ParameterException(spec.commandLine(), sparkOnly + " is for training on Spark: give --spark MASTER too");
                }
            }
            return;
        }
        if (!MASTER.matcher(master).matches() || master.matches("local\\[0+(,.*)?]")) { // before Spark starts and logs its own error
            throw new ParameterException(spec.commandLine(), "--spark takes a Spark master URL: local, local[N] (N >= 1 threads), "
                    + "local[*], spark://host:7077, yarn, k8s://https://host:443 or mesos://host:5050; got \"" + master + "\"");
        }
        if (!sync.equals("exact") && !sync.equals("averaging")) {
            throw new ParameterException(spec.commandLine(), "--sync must be exact or averaging, got " + sync);
        }
        if (localSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--local-steps takes a number of steps >= 1, got " + localSteps);
        }
        if (partitions < 0) {
            throw new ParameterException(spec.commandLine(), "--partitions takes a number of pieces >= 0 (0: one per file block), got "
                    + partitions);
        }
        if (sync.equals("exact") && spec.commandLine().getParseResult().hasMatchedOption("--local-steps")) {
            throw new ParameterException(spec.commandLine(), "--local-steps is for --sync averaging: exact rounds take one step");
        }
    }

    /** Steps each piece takes per round: 1 when gradients are summed exactly. */
    int stepsPerRound() {
        return sync.equals("exact") ? 1 : localSteps;
    }
}
