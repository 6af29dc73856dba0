package io.dense4j.data;

import io.dense4j.tensor.NativeArray;

/** The rows of an in-memory {@link Dataset}, or those a {@link RowSelection} picks, as batches. */
public final class DatasetBatches implements BatchSource {
    private final Dataset data;
    private final EpochOrder order;
    /** Whether the rows are all of the dataset's, so that an in-order pass copies them in one go. */
    private final boolean everyRow;
    private boolean shuffled;
    private int position;

    /** Every row of {@code data}. */
    public DatasetBatches(Dataset data) {
        this.data = data;
        this.order = EpochOrder.identity(data.rows());
        this.everyRow = true;
    }

    /** The rows of {@code data} that {@code selection} picks, in their order. */
    public DatasetBatches(Dataset data, RowSelection selection) {
        this.data = data;
        if (selection.stratified() && !data.hasLabels()) {
            throw new IllegalArgumentException("a stratified selection needs labeled rows; this dataset has none");
        }
        int[] picked = new int[data.rows()];
        int count = 0;
        RowSelection.Walker walker = selection.walker();
        for (int row = 0; row < data.rows(); row++) {
            if (walker.includes(data.hasLabels() ? data.label(row) : 0)) {
                picked[count++] = row;
            }
        }
        int[] rows = java.util.Arrays.copyOf(picked, count);
        this.order = new EpochOrder(rows);
        this.everyRow = rows.length == data.rows();
    }

    @Override
    public int width() {
        return data.width();
    }

    @Override
    public long rows() {
        return order.size();
    }

    @Override
    public void startPass(int epoch, long seed, boolean shuffle) {
        order.prepare(epoch, seed, shuffle);
        shuffled = shuffle;
        position = 0;
    }

    @Override
    public boolean labeled() {
        return data.hasLabels();
    }

    @Override
    public boolean weighted() {
        return data.hasWeights();
    }

    @Override
    public int next(int max, NativeArray features, NativeArray labels, NativeArray weights) {
        int count = Math.min(max, order.size() - position);
        if (count <= 0) {
            return 0;
        }
        if (shuffled || !everyRow) {
            data.copyBatch(order, position, count, features, labels, weights);
        } else {
            data.copyRows(position, count, features, labels, weights); // every row in order: one copy for the whole batch
        }
        position += count;
        return count;
    }
}
