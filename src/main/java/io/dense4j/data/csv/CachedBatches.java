package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.EpochOrder;
import io.dense4j.tensor.NativeArray;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Rows from CSV files' memory-mapped binary caches: each epoch may visit them in a full
 * permutation, and every row is one memory copy into the batch. Missing values (NaN in the cache)
 * are filled as the rows are copied, categorical cells coded, and the labels' provisional classes
 * mapped to classes, each file's its own way; a weighted cache gives each row's weight too.
 */
final class CachedBatches implements BatchSource {
    private final FileRows[] files;
    /** The number of each file's first row among all the files' rows. */
    private final int[] firstRows;
    private final int rowsPerSegment;
    private final int width;
    private final int rowFloats;
    private final boolean weighted;
    private final double[] fill;
    private final EpochOrder order;
    private int position;

    /**
     * @param files    the cached files, in order, each with its labels' and categories' mapping
     * @param rows     the rows to visit, numbered through the files in order
     * @param weighted whether each cached row holds its weight after its label
     * @param fill     each feature's value for a missing one, or null when the caches hold none
     */
    CachedBatches(FileRows[] files, int width, int[] rows, boolean weighted, double[] fill) {
        this.files = files.clone();
        this.firstRows = new int[files.length];
        for (int k = 1; k < files.length; k++) {
            firstRows[k] = firstRows[k - 1] + (int) files[k - 1].file().rows();
        }
        this.rowsPerSegment = CsvCache.rowsPerSegment(width, weighted);
        this.width = width;
        this.rowFloats = CsvCache.rowFloats(width, weighted);
        this.weighted = weighted;
        this.fill = fill;
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
            int k = fileOf(row);
            FileRows file = files[k];
            row -= firstRows[k];
            FloatBuffer segment = file.file().mapped()[row / rowsPerSegment];
            int at = (row % rowsPerSegment) * rowFloats;
            features.put(r * width, segment, at, width);
            if (labels != null) {
                labels.set(r, file.label(segment.get(at + width)));
            }
            if (weights != null) {
                weights.set(r, weighted ? segment.get(at + width + 1) : 1);
            }
            if (!file.codes().none()) { // first: a missing category is NaN until coded, and never filled
                file.codes().apply(features, r * width);
            }
            if (fill != null) {
                fillMissing(features, r * width);
            }
        }
        position += Math.max(count, 0);
        return Math.max(count, 0);
    }

    /** The file that holds row {@code row} (numbered through the files). */
    private int fileOf(int row) {
        if (files.length == 1) {
            return 0;
        }
        int found = Arrays.binarySearch(firstRows, row);
        if (found >= 0) {
            while (found + 1 < firstRows.length && firstRows[found + 1] == row) { // files before it without rows
                found++;
            }
            return found;
        }
        return -found - 2;
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
