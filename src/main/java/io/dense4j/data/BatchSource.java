package io.dense4j.data;

import io.dense4j.tensor.NativeArray;

/**
 * Rows delivered a batch at a time into a plan's native buffers: an in-memory {@link Dataset}, a
 * CSV file's binary cache, or the CSV file itself streamed by a background thread. A pass visits
 * every row once; a shuffled pass visits them in an order fixed by the seed and the epoch, so a
 * resumed run sees the same batches as an uninterrupted one.
 */
public interface BatchSource extends AutoCloseable {

    /** Features per row. */
    int width();

    /** Rows per pass. */
    long rows();

    /** Begins a pass over the rows: for {@code epoch} (1, 2, …) in its shuffled order, or in file order. */
    void startPass(int epoch, long seed, boolean shuffle);

    /** Whether the rows carry labels, as training and scoring need. */
    default boolean labeled() {
        return true;
    }

    /** Whether the rows carry weights of their own for the training loss; if not, each weighs 1. */
    default boolean weighted() {
        return false;
    }

    /**
     * Copies the pass's next rows, at most {@code max}, into the first rows of {@code features},
     * {@code labels} and {@code weights} (null to skip labels or weights; a source that is not
     * {@link #weighted()} gives weights of 1); returns how many, 0 once the pass is over.
     */
    int next(int max, NativeArray features, NativeArray labels, NativeArray weights);

    /** {@link #next(int, NativeArray, NativeArray, NativeArray)} without the weights. */
    default int next(int max, NativeArray features, NativeArray labels) {
        return next(max, features, labels, null);
    }

    /** Stops any background work; the default has none. */
    @Override
    default void close() {
    }
}
