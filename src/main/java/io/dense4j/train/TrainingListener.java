package io.dense4j.train;

/** Hears about training as it goes, to draw progress or log; called on the training thread. */
public interface TrainingListener {

    /** After each batch's step; {@code batch} counts from 1 to {@code batches} within the epoch. */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, with its metrics. */
    default void onEpochEnd(EpochMetrics metrics) {
    }
}
