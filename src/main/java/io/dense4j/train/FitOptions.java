package io.dense4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How to fit: epochs, batch size, shuffling, validation and callbacks. A batch size of 1 is pure
 * SGD, {@link Builder#fullBatch()} (or any size at least the row count) is full-batch gradient
 * descent, anything between is mini-batch.
 *
 * @param epochs          the epoch to train up to, counted from the trainer's first: a trainer
 *                        resumed after epoch 3 trains epochs 4 to {@code epochs}, with the same
 *                        shuffles an uninterrupted run would have used
 * @param validationSplit fraction of rows held out for validation, 0 for none: rows chosen one by
 *                        one by a hash of the seed (see {@code RowSelection}), the same rule for
 *                        rows in memory and in files of any size
 * @param stratified      whether the validation split keeps each class's share on each side
 *                        (see {@code RowSelection})
 * @param callbacks       called in order, after the trainer's own check for a diverged loss
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, long seed, double validationSplit, boolean stratified,
                         List<Callback> callbacks) {

    /** Used when no seed is given, so runs repeat by default. */
    public static final long DEFAULT_SEED = 42;

    public FitOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit expects epochs >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("fit expects a batch size >= 1, got " + batchSize
                    + (batchSize == 0 ? " (for a full batch, FitOptions.builder().fullBatch(); --batch-size 0 on the command line)" : ""));
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("fit expects a validation split in [0, 1), got " + validationSplit);
        }
        callbacks = List.copyOf(callbacks);
    }

    /** The same options without validation split (when the validation rows are given apart). */
    public FitOptions withoutValidationSplit() {
        return new FitOptions(epochs, batchSize, shuffle, seed, 0, false, callbacks);
    }

    /** How these options choose each step's rows, as a checkpoint records it. */
    public io.dense4j.model.TrainingState.Batching batching() {
        // without a split there is nothing to stratify: recorded as not stratified, whichever was asked
        return new io.dense4j.model.TrainingState.Batching(batchSize, shuffle, seed, validationSplit, stratified && validationSplit > 0);
    }

    /** The rows the validation split trains on. */
    public io.dense4j.data.RowSelection trainingRows() {
        io.dense4j.data.RowSelection rows = io.dense4j.data.RowSelection.training(validationSplit, seed);
        return stratified ? rows.stratify() : rows;
    }

    /** The rows the validation split holds out. */
    public io.dense4j.data.RowSelection validationRows() {
        io.dense4j.data.RowSelection rows = io.dense4j.data.RowSelection.validation(validationSplit, seed);
        return stratified ? rows.stratify() : rows;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent construction with Keras's defaults: 1 epoch, batch size 32, shuffled. */
    public static final class Builder {
        private int epochs = 1;
        private int batchSize = 32;
        private boolean shuffle = true;
        private long seed = DEFAULT_SEED;
        private double validationSplit;
        private boolean stratified;
        private final List<Callback> callbacks = new ArrayList<>();

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** One batch of every row: full-batch gradient descent. */
        public Builder fullBatch() {
            batchSize = Integer.MAX_VALUE;
            return this;
        }

        public Builder shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /** Seeds the shuffling and the validation split (the weights are seeded at compile time). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder validationSplit(double fraction) {
            validationSplit = fraction;
            return this;
        }

        /** Keeps each class's share on both sides of the validation split (as scikit-learn's {@code stratify=y}). */
        public Builder stratified(boolean value) {
            stratified = value;
            return this;
        }

        /** Adds callbacks, called in the order added. */
        public Builder callbacks(Callback... added) {
            for (int i = 0; i < java.util.Objects.requireNonNull(added, "callbacks").length; i++) {
                java.util.Objects.requireNonNull(added[i], "callback " + i);
            }
            callbacks.addAll(Arrays.asList(added));
            return this;
        }

        public FitOptions build() {
            return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, stratified, callbacks);
        }
    }
}
