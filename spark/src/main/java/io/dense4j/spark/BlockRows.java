package io.dense4j.spark;

import io.dense4j.data.BatchSource;
import io.dense4j.data.csv.CategoryCodes;
import io.dense4j.tensor.NativeArray;

/**
 * Chosen rows of a cached {@link RowBlock}, delivered into a model's native buffers in the order
 * given: the view an executor trains on, made when a task runs, never cached. Each row's class is
 * its piece's provisional class mapped to the merged classes; categorical cells (the piece's
 * numbers for their values) take the model's codes; missing values (NaN) take the fill; each
 * row's weight is the block's, or 1.
 */
final class BlockRows implements BatchSource {
    private final RowBlock block;
    private final int[] rows;
    private final int from;
    private final int to;
    private final byte[] classOf;
    private final double[] fill;
    private final CategoryCodes codes;
    private final float[] row;
    private int position;

    /** Rows {@code rows[from, to)} of {@code block}; {@code fill} may be null when nothing is missing. */
    BlockRows(RowBlock block, int[] rows, int from, int to, byte[] classOf, double[] fill, CategoryCodes codes) {
        this.block = block;
        this.rows = rows;
        this.from = from;
        this.to = to;
        this.classOf = classOf;
        this.fill = fill;
        this.codes = codes;
        this.row = fill == null && codes.none() ? null : new float[block.width];
    }

    @Override
    public int width() {
        return block.width;
    }

    @Override
    public long rows() {
        return to - from;
    }

    @Override
    public void startPass(int epoch, long seed, boolean shuffle) {
        position = from; // the order was fixed when the rows were chosen
    }

    @Override
    public boolean weighted() {
        return block.weights != null;
    }

    @Override
    public int next(int max, NativeArray features, NativeArray labels, NativeArray weights) {
        int count = Math.min(max, to - position);
        int width = block.width;
        for (int i = 0; i < count; i++) {
            int source = rows[position + i];
            if (row == null) {
                features.put(i * width, block.features, source * width, width);
            } else {
                System.arraycopy(block.features, source * width, row, 0, width);
                codes.apply(row, 0); // first: a missing category is NaN until coded, and never filled
                if (fill != null) {
                    for (int j = 0; j < width; j++) {
                        if (row[j] != row[j]) {
                            row[j] = (float) fill[j];
                        }
                    }
                }
                features.put(i * width, row, 0, width);
            }
            if (labels != null) {
                labels.set(i, classOf[block.provisionalClasses[source]]);
            }
            if (weights != null) {
                weights.set(i, block.weights == null ? 1 : block.weights[source]);
            }
        }
        position += count;
        return Math.max(count, 0);
    }
}
