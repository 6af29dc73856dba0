package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.EpochOrder;
import io.dense4j.tensor.NativeArray;
import java.nio.FloatBuffer;

/**
 * Rows from a CSV file's memory-mapped binary cache: each epoch may visit them in a full
 * permutation, and every row is one memory copy into the batch. Missing values (NaN in the cache)
 * are filled as the rows are copied, categorical cells coded, and the labels' provisional classes
 * mapped to classes; a weighted cache gives each row's weight too.
 */
final class CachedBatches implements BatchSource {
    private final FloatBuffer[] segments;
    private final int rowsPerSegment;
    private final int width;
    private final int rowFloats;
    private final boolean flipLabels;
    private final boolean weighted;
    private final double[] fill;
    private final CategoryCodes codes;
    private final EpochOrder order;
    private int position;

    /**
     * @param rows       the cache rows to visit, in file order
     * @param flipLabels whether provisional class 0 means class 1
     * @param weighted   whether each cached row holds its weight after its label
     * @param fill       each feature's value for a missing one, or null when the cache holds none
     * @param codes      the model's codes for the categorical cells' values
     */
    CachedBatches(FloatBuffer[] segments, int width, int[] rows, boolean flipLabels, boolean weighted, double[] fill,
                  CategoryCodes codes) {
        this.segments = segments;
        this.rowsPerSegment = CsvCache.rowsPerSegment(width, weighted);
        this.width = width;
        this.rowFloats = CsvCache.rowFloats(width, weighted);
        this.flipLabels = flipLabels;
        this.weighted = weighted;
        this.fill = fill;
        this.codes = codes;
        this.order = new EpochOrder(rows);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public long rows() {
        return order.size();
    }

    @Override
    public void startPass(int epoch, long seed, boolean shuffle) {
        order.prepare(epoch, seed, shuffle);
        position = 0;
    }

    @Override
    public boolean weighted() {
        return weighted;
    }

    @Override
    public int next(int max, NativeArray features, NativeArray labels, NativeArray weights) {
        int count = Math.min(max, order.size() - position);
        for (int r = 0; r < count; r++) {
            int row = order.row(position + r);
            FloatBuffer segment = segments[row / rowsPerSegment];
            int at = (row % rowsPerSegment) * rowFloats;
            features.put(r * width, segment, at, width);
            if (labels != null) {
                float provisional = segment.get(at + width);
                labels.set(r, flipLabels ? 1 - provisional : provisional);
            }
            if (weights != null) {
                weights.set(r, weighted ? segment.get(at + width + 1) : 1);
            }
            if (!codes.none()) { // first: a missing category is NaN until coded, and never filled
                codes.apply(features, r * width);
            }
            if (fill != null) {
                fillMissing(features, r * width);
            }
        }
        position += Math.max(count, 0);
        return Math.max(count, 0);
    }

    private void fillMissing(NativeArray features, int start) {
        for (int j = 0; j < width; j++) {
            double value = features.get(start + j);
            if (value != value) {
                features.set(start + j, (float) fill[j]); // float32, as every value read from a CSV, and as a stream fills
            }
        }
    }
}
