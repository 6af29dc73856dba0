package io.dense4j.model;

import io.dense4j.data.MissingValues;
import io.dense4j.data.csv.CsvReader;
import java.nio.charset.StandardCharsets;

/**
 * Packs a reader's rows into blocks to predict: each row's features, missing values filled, and
 * its kept cells quoted as CSV. A full block goes to {@link Sink#full}, and the next comes from
 * {@link Sink#empty}; the caller hands on the last, partly filled one.
 */
final class BlockFiller implements CsvReader.KeepingHandler {

    /** Where blocks come from and go to. */
    interface Sink {
        void full(RowBlocks.Block block);

        RowBlocks.Block empty();
    }

    private final int capacity;
    private final int width;
    private final double[] fill;
    private final Sink sink;
    private RowBlocks.Block block;

    /** @param fill each feature's value for a missing one, or null when the reader refuses them */
    BlockFiller(int capacity, int width, double[] fill, Sink sink) {
        this.capacity = capacity;
        this.width = width;
        this.fill = fill;
        this.sink = sink;
        this.block = sink.empty();
    }

    @Override
    public void keptCell(int k, byte[] bytes, int from, int to) {
        block.kept.append(CsvPredictions.quoted(new String(bytes, from, to - from, StandardCharsets.UTF_8))).append(',');
    }

    @Override
    public void row(long line, float[] features, int provisionalClass, float weight) {
        if (fill != null) {
            MissingValues.fill(features, 0, fill);
        }
        System.arraycopy(features, 0, block.features, block.rows * width, width);
        block.keptEnd[block.rows] = block.kept.length();
        if (++block.rows == capacity) {
            sink.full(block);
            block = sink.empty();
        }
    }

    /** The block being filled: to hand on at the end if it holds rows, or to give back. */
    RowBlocks.Block current() {
        return block;
    }
}
