package io.dense4j.data;

import io.dense4j.tensor.NativeArray;

/** The rows of an in-memory {@link Dataset}, as batches. */
public final class DatasetBatches implements BatchSource {
    private final Dataset data;
    private final EpochOrder order;
    private boolean shuffled;
    private int position;

    public DatasetBatches(Dataset data) {
        this.data = data;
        this.order = EpochOrder.identity(data.rows());
    }

    @Override
    public int width() {
        return data.width();
    }

    @Override
    public long rows() {
        return data.rows();
    }

    @Override
    public void startPass(int epoch, long seed, boolean shuffle) {
        order.prepare(epoch, seed, shuffle);
        shuffled = shuffle;
        position = 0;
    }

    @Override
    public int next(int max, NativeArray features, NativeArray labels) {
        int count = Math.min(max, data.rows() - position);
        if (count <= 0) {
            return 0;
        }
        if (shuffled) {
            data.copyBatch(order, position, count, features, labels);
        } else {
            data.copyRows(position, count, features, labels); // in order: one copy for the whole batch
        }
        position += count;
        return count;
    }
}
