package io.dense4j.train;

import io.dense4j.model.CallbackState;

/**
 * Hears about training as it goes and may ask it to stop, as Keras's callbacks do: the loop itself
 * knows no feature, and early stopping, checkpoints, logs and progress are callbacks. Called on the
 * training thread, in the order given, by one-machine and Spark training alike.
 *
 * <pre>{@code
 * Callback stopAtLoss = new Callback() {
 *     private TrainingRun run;
 *     public void onTrainBegin(TrainingRun started) { run = started; }
 *     public void onEpochEnd(EpochMetrics metrics) { if (metrics.loss() < 0.05) run.requestStop(); }
 * };
 * }</pre>
 */
public interface Callback {

    /** Before the first epoch of a fit; {@code run} gives the trainer and the model, and takes a stop request. */
    default void onTrainBegin(TrainingRun run) {
    }

    /** Before each epoch, numbered from 1 across resumed runs. */
    default void onEpochBegin(int epoch) {
    }

    /**
     * After each batch's step; {@code batch} counts from 1 to {@code batches} within the epoch
     * (on Spark, rounds). {@code loss} is the batch's mean loss before its step.
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, with its metrics (validation included). */
    default void onEpochEnd(EpochMetrics metrics) {
    }

    /** After the last epoch, or after a stop request ended training. */
    default void onTrainEnd(History history) {
    }

    /**
     * What a checkpoint must keep of this callback for a resumed fit to end where the
     * uninterrupted one would have (counters, a best score, a copy of the weights); null for a
     * callback that keeps nothing across epochs. Asked whenever a checkpoint is written, and once
     * right after {@link #onTrainBegin} of a resumed fit, where its name picks the state to
     * restore: a callback with state gives one from the start, under a name that does not change.
     * A state no callback of the resumed fit takes is dropped.
     */
    default CallbackState checkpointState() {
        return null;
    }

    /**
     * Takes back what {@link #checkpointState} gave, from the checkpoint a trainer was resumed
     * from: called right after {@link #onTrainBegin} of the resumed fit, for a callback of the
     * same {@link CallbackState#name} (the first state of that name to the first such callback).
     */
    default void restoreState(CallbackState state) {
    }
}
