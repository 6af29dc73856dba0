package io.dense4j.model;

import java.util.Locale;

/**
 * Where training stood when a checkpoint was written, and the optimizer's state: what a
 * {@link Checkpoint} adds to a model so that training resumes exactly where it stopped.
 *
 * @param progress       epochs and batches done
 * @param optimizerSteps steps the optimizer has taken in all (Adam's bias correction and the sweep of its state read it)
 * @param optimizerState the optimizer's state arrays (velocity, moments) one after another, as
 *                       doubles (which carry float32 values exactly); empty for plain SGD
 * @param batching       how the fit in progress chose each step's rows, or null where that is not
 *                       known (a checkpoint of an older version)
 * @param optimizer      the optimizer whose state this is, when a trainer used another than the
 *                       model's compile-time one (else null): written as the checkpoint's optimizer,
 *                       which the model read back from it has, and a resumed fit steps with
 * @param learningRate   the step size in effect, which a callback may have lowered (a plateau's);
 *                       NaN where not known (an older checkpoint), and the optimizer's own is taken
 * @param callbacks      the state of the fit's callbacks that keep one, in their order
 */
public record TrainingState(Progress progress, long optimizerSteps, double[] optimizerState, Batching batching,
                            io.dense4j.optim.Optimizer optimizer, double learningRate, java.util.List<CallbackState> callbacks) {

    /** A state whose batching, rate and callbacks are not known. */
    public TrainingState(Progress progress, long optimizerSteps, double[] optimizerState) {
        this(progress, optimizerSteps, optimizerState, null, null, Double.NaN, java.util.List.of());
    }

    /** A state of the model's own optimizer at its own rate, without callbacks' state. */
    public TrainingState(Progress progress, long optimizerSteps, double[] optimizerState, Batching batching) {
        this(progress, optimizerSteps, optimizerState, batching, null, Double.NaN, java.util.List.of());
    }

    /**
     * Which rows each step of a fit reads, and so what a resumed fit must keep to end where the
     * uninterrupted one ends: the batch size, the shuffle and its seed, the validation split, and
     * how the rows were shuffled: all at once (rows in memory or a file's cache), or streamed
     * through a buffer of {@code shuffleBuffer} rows (a file read without its cache).
     *
     * @param shuffleBuffer 0 for all rows at once, the buffer's rows when streamed, or
     *                      {@link #UNKNOWN} (a source of the caller's, an older checkpoint)
     * @param cluster       how the steps were taken: {@link #EXACT} (one machine's, or a
     *                      cluster's summing its pieces' gradients into one step), or averaging's
     *                      local steps and pieces, which decide each round's weights; null where
     *                      not known (an older checkpoint)
     */
    public record Batching(int batchSize, boolean shuffle, long seed, double validationSplit, boolean stratified, int shuffleBuffer,
                           String cluster) {

        /** A shuffle whose kind is not known. */
        public static final int UNKNOWN = -1;

        /** Steps over each whole batch, on one machine. */
        public static final String EXACT = "exact steps";

        /**
         * Steps over each whole batch, summed over a cluster's pieces: the steps one machine takes,
         * to the last bits of a sum added in another order, so either resumes the other's fit.
         */
        public static final String EXACT_ON_CLUSTER = "exact rounds on a cluster";

        /** The record of averaging's rounds: {@code localSteps} steps on each of {@code pieces}, then their weights averaged. */
        public static String averaging(int localSteps, int pieces) {
            return "averaging every " + localSteps + " local steps over " + pieces + " pieces";
        }

        /** Whether {@code steps} is one of the records {@link #cluster} holds: {@link #EXACT}, {@link #EXACT_ON_CLUSTER} or {@link #averaging}'s. */
        public static boolean isStepsRecord(String steps) {
            return exact(steps) || AVERAGING.matcher(steps).matches();
        }

        private static final java.util.regex.Pattern AVERAGING = java.util.regex.Pattern.compile(
                "averaging every [1-9][0-9]{0,9} local steps over [1-9][0-9]{0,9} pieces");

        /** Whether these steps were averaged over a cluster's pieces every {@code localSteps} steps (see {@link #averaging}). */
        public boolean averagedEvery(int localSteps) {
            return cluster != null && cluster.startsWith("averaging every " + localSteps + " local steps over ");
        }

        /** Whether these steps were averaged over a cluster's pieces, every so many local steps. */
        public boolean averaged() {
            return cluster != null && cluster.startsWith("averaging every ");
        }

        /**
         * This batching, but recording exact steps on a cluster when {@code restored} (a resumed
         * checkpoint's, or null) took them there and these are one machine's exact steps: the
         * run's weights then come partly from the cluster's sums, which one machine alone would
         * add in another order.
         */
        public Batching keepingClusterOf(Batching restored) {
            return restored != null && EXACT_ON_CLUSTER.equals(restored.cluster) && EXACT.equals(cluster) ? onCluster(EXACT_ON_CLUSTER)
                    : this;
        }

        /** Whether these steps were taken on a cluster (known: an older checkpoint records none). */
        public boolean onACluster() {
            return cluster != null && !cluster.equals(EXACT);
        }

        /** Batching of a source whose shuffle is not known. */
        public Batching(int batchSize, boolean shuffle, long seed, double validationSplit, boolean stratified) {
            this(batchSize, shuffle, seed, validationSplit, stratified, UNKNOWN, null);
        }

        /** The same batching, its rows shuffled as {@code rows} says (see {@link #shuffleBuffer}). */
        public Batching withShuffleBuffer(int rows) {
            return new Batching(batchSize, shuffle, seed, validationSplit, stratified, rows, cluster);
        }

        /** The same batching, on a cluster that combines its pieces' steps as {@code schedule} says (see {@link #cluster}). */
        public Batching onCluster(String schedule) {
            return new Batching(batchSize, shuffle, seed, validationSplit, stratified, shuffleBuffer, schedule);
        }

        /** Each setting that differs from {@code asked}'s, as "name: asked, here mine"; empty when none does. */
        public java.util.List<String> differences(Batching asked) {
            java.util.List<String> differ = new java.util.ArrayList<>();
            if (asked.batchSize != batchSize) {
                differ.add("batch size " + size(asked.batchSize) + ", here " + size(batchSize));
            }
            if (asked.shuffle != shuffle) {
                differ.add("shuffle " + asked.shuffle + ", here " + shuffle);
            }
            if (asked.seed != seed) {
                differ.add("seed " + asked.seed + ", here " + seed);
            }
            if (asked.validationSplit != validationSplit) {
                differ.add("validation split " + asked.validationSplit + ", here " + validationSplit);
            }
            if (asked.stratified != stratified && (asked.validationSplit > 0 || validationSplit > 0)) { // no split, nothing stratified
                differ.add("stratified " + asked.stratified + ", here " + stratified);
            }
            if (shuffle && asked.shuffle && asked.shuffleBuffer != UNKNOWN && shuffleBuffer != UNKNOWN
                    && asked.shuffleBuffer != shuffleBuffer) {
                differ.add("rows shuffled " + shuffled(asked.shuffleBuffer) + ", here " + shuffled(shuffleBuffer));
            }
            if (asked.cluster != null && cluster != null && !asked.cluster.equals(cluster) && !(exact(asked.cluster) && exact(cluster))) {
                differ.add("training by " + asked.cluster + ", here by " + cluster);
            }
            return differ;
        }

        private static boolean exact(String steps) {
            return steps.equals(EXACT) || steps.equals(EXACT_ON_CLUSTER);
        }

        private static String shuffled(int buffer) {
            return buffer == 0 ? "all at once (from memory or a cache)" : "through a buffer of " + buffer + " rows (without a cache)";
        }

        private static String size(int batchSize) {
            return batchSize == Integer.MAX_VALUE ? "full batch" : Integer.toString(batchSize);
        }
    }

    /**
     * Epochs done, and of the epoch in progress the batches done with their summed loss, rows and
     * rows classified right, so that a resumed epoch reports the metrics an uninterrupted one would.
     */
    public record Progress(int epochs, long batches, double lossSum, long rows, long correct) {

        /** Nothing done yet. */
        public static final Progress START = new Progress(0, 0, 0, 0, 0);

        public Progress {
            if (epochs < 0 || batches < 0 || rows < 0 || correct < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "training progress cannot be negative: %d epochs, %d batches, %d rows, %d correct",
                        epochs, batches, rows, correct));
            }
        }
    }

    public TrainingState {
        java.util.Objects.requireNonNull(progress, "progress");
        if (optimizerSteps < 0) {
            throw new IllegalArgumentException("optimizer steps cannot be negative: " + optimizerSteps);
        }
        optimizerState = optimizerState.clone();
        if (!(Double.isNaN(learningRate) || learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("a checkpoint's learning rate must be finite and > 0, got " + learningRate);
        }
        callbacks = java.util.List.copyOf(callbacks);
    }

    @Override
    public double[] optimizerState() {
        return optimizerState.clone();
    }
}
