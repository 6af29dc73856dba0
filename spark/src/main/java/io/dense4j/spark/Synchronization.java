package io.dense4j.spark;


/**
 * How the workers' results become the model's next weights, and the run's cluster settings.
 *
 * <ul>
 *   <li>{@link Mode#EXACT}: each round, every piece sums the loss gradient over its share of the
 *   batch; Spark's treeAggregate adds the sums (in double); the driver steps the optimizer once on
 *   the mean. The weights are those of one machine training on the same batches.</li>
 *   <li>{@link Mode#AVERAGING}: each round, every piece takes {@code localSteps} optimizer steps on
 *   its own shares of that many batches, from the broadcast weights and optimizer state; the driver
 *   averages the results (weighted by rows). Fewer rounds, for when a round's fixed cost dominates.</li>
 * </ul>
 *
 * <p>Checkpoints, early stopping and progress are callbacks, as on one machine; on Spark a batch
 * in their calls is a round.
 *
 * @param threadsPerTask  threads a task's steps run on (its execution policy): threads × task slots
 *                        per executor should not exceed its cores
 * @param treeDepth       the depth of treeAggregate's reduction tree
 */
public record Synchronization(Mode mode, int localSteps, int threadsPerTask, int treeDepth) {

    public enum Mode { EXACT, AVERAGING }

    public Synchronization {
        if (localSteps < 1 || (mode == Mode.EXACT && localSteps != 1)) {
            throw new IllegalArgumentException("local steps per round: exactly 1 in exact mode, at least 1 in averaging mode, got " + localSteps);
        }
        if (threadsPerTask < 1) {
            throw new IllegalArgumentException("threads per task must be at least 1, got " + threadsPerTask);
        }
        if (treeDepth < 1) {
            throw new IllegalArgumentException("the aggregation tree's depth must be at least 1, got " + treeDepth);
        }
    }

    /** Exact gradient aggregation, one thread per task. */
    public static Synchronization exact() {
        return new Synchronization(Mode.EXACT, 1, 1, 2);
    }

    /** Parameter averaging after {@code localSteps} local steps per round. */
    public static Synchronization averaging(int localSteps) {
        return new Synchronization(Mode.AVERAGING, localSteps, 1, 2);
    }

    public Synchronization withThreadsPerTask(int threads) {
        return new Synchronization(mode, localSteps, threads, treeDepth);
    }
}
