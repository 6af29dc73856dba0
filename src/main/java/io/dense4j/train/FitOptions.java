package io.dense4j.train;

import java.util.ArrayList;
import java.util.List;

/**
 * How to fit: epochs, batch size, shuffling, validation and callbacks. A batch size of 1 is pure
 * SGD, {@link Builder#fullBatch()} (or any size at least the row count) is full-batch gradient
 * descent, anything between is mini-batch.
 *
 * @param validationSplit fraction of rows held out for validation, 0 for none: of in-memory data,
 *                        the <em>last</em> rows, before any shuffling (as Keras does); of a CSV
 *                        file, rows picked by a hash of the seed (see {@code RowSelection})
 * @param initialEpoch    epochs already done (as Keras's initial_epoch): training runs epochs
 *                        initialEpoch + 1 to {@code epochs}, with the same shuffles a run from
 *                        epoch 1 would have used, so a resumed run ends where an uninterrupted one does
 */
public record FitOptions(int epochs, int batchSize, boolean shuffle, long seed, double validationSplit,
                         EarlyStopping earlyStopping, List<TrainingListener> listeners, int initialEpoch) {

    /** Used when no seed is given, so runs repeat by default. */
    public static final long DEFAULT_SEED = 42;

    public FitOptions {
        if (epochs < 1) {
            throw new IllegalArgumentException("fit expects epochs >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("fit expects a batch size >= 1, got " + batchSize);
        }
        if (!(validationSplit >= 0 && validationSplit < 1)) {
            throw new IllegalArgumentException("fit expects a validation split in [0, 1), got " + validationSplit);
        }
        listeners = List.copyOf(listeners);
        if (initialEpoch < 0 || initialEpoch >= epochs) {
            throw new IllegalArgumentException("fit expects an initial epoch in [0, epochs), got " + initialEpoch
                    + " with epochs = " + epochs);
        }
    }

    /** The same options with {@code listener} called before the others. */
    public FitOptions withFirstListener(TrainingListener listener) {
        List<TrainingListener> all = new ArrayList<>();
        all.add(listener);
        all.addAll(listeners);
        return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, earlyStopping, all, initialEpoch);
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
        private EarlyStopping earlyStopping;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private int initialEpoch;

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

        /** Seeds the shuffling (the weights are seeded at compile time). */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder validationSplit(double fraction) {
            validationSplit = fraction;
            return this;
        }

        public Builder earlyStopping(EarlyStopping value) {
            earlyStopping = value;
            return this;
        }

        /** Starts after {@code epochsDone} epochs, as when resuming from a checkpoint. */
        public Builder initialEpoch(int epochsDone) {
            initialEpoch = epochsDone;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        public FitOptions build() {
            return new FitOptions(epochs, batchSize, shuffle, seed, validationSplit, earlyStopping, listeners, initialEpoch);
        }
    }
}
