package io.dense4j.train;

import io.dense4j.model.Model;

/**
 * One call of fit, as callbacks see it: the trainer (with its model, optimizer state and
 * progress), how far the run goes, and a way to ask it to stop after the current epoch.
 */
public final class TrainingRun {
    private final Trainer trainer;
    private final int firstEpoch;
    private final int epochs;
    private final int batchesPerEpoch;
    private final boolean validation;
    private volatile boolean stopRequested;
    private EpochMetrics weightsOf;

    /**
     * @param firstEpoch the first epoch this run trains (after those a resumed trainer had done)
     * @param epochs          the last epoch this run trains
     * @param batchesPerEpoch the batches of each epoch (on Spark, the rounds)
     * @param validation      whether each epoch is scored on validation rows
     */
    public TrainingRun(Trainer trainer, int firstEpoch, int epochs, int batchesPerEpoch, boolean validation) {
        this.trainer = trainer;
        this.firstEpoch = firstEpoch;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.validation = validation;
    }

    public Trainer trainer() {
        return trainer;
    }

    public Model model() {
        return trainer.model();
    }

    /** The first epoch this run trains: 1, or the one after a resumed trainer's last. */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The last epoch this run trains. */
    public int epochs() {
        return epochs;
    }

    /** The batches of each epoch (on Spark, the rounds), as {@code onBatchEnd} counts them. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Whether epochs are scored on validation rows, so that {@link EpochMetrics#validationLoss} is set. */
    public boolean hasValidation() {
        return validation;
    }

    /**
     * Asks the run to stop after the current batch, as Keras's {@code stop_training} does: the
     * epoch is then scored on the rows it trained and its callbacks run, and no other epoch starts.
     */
    public void requestStop() {
        stopRequested = true;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Tells the run that the model ends with the weights of {@code epoch} rather than of its last
     * (a callback put them back, or a resumed run had stopped there), so the model records that
     * epoch's metrics.
     */
    public void restoredWeightsOf(EpochMetrics epoch) {
        weightsOf = java.util.Objects.requireNonNull(epoch, "epoch");
    }

    /** The epoch whose weights the model ends with when not its last ({@link #restoredWeightsOf}), or null. */
    public EpochMetrics weightsOf() {
        return weightsOf;
    }

    /** The number of the epoch {@link #weightsOf}, or 0. */
    public int restoredEpoch() {
        return weightsOf == null ? 0 : weightsOf.epoch();
    }
}
