package io.dense4j.model;

import io.dense4j.data.csv.CsvReader;
import java.io.InterruptedIOException;

/**
 * A CSV file's rows to predict, parsed ahead on other threads and handed over a block at a time,
 * in file order, so that parsing overlaps predicting. Memory stays bounded whatever the file's
 * size. A failure of the reader (a bad cell) is thrown by {@link #next} on the caller's thread.
 */
interface RowBlocks extends AutoCloseable {
    /** Rows of features, missing values filled, with the kept cells of each row ({@code kept} up to {@code keptEnd[r]}). */
    final class Block {
        final float[] features;
        final StringBuilder kept = new StringBuilder();
        final int[] keptEnd;
        int rows;

        Block(int capacity, int width) {
            this.features = new float[capacity * width];
            this.keptEnd = new int[capacity];
        }

        void clear() {
            rows = 0;
            kept.setLength(0);
        }
    }

    /** A reading thread was stopped by {@link #close} while handing over a block. */
    final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /**
     * How many threads parse, and from what file size. {@link #forThisMachine()}: one thread per
     * core but the one predicting, up to 4, for files of 64 MiB or more, in 8 MiB chunks.
     */
    record Parallelism(int parsers, long minimumBytes, long chunkBytes) {

        static Parallelism forThisMachine() {
            return new Parallelism(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors() - 1)), 64L << 20, 8L << 20);
        }
    }

    /**
     * Rows of {@code reader} (a file of {@code fileBytes}) in blocks of {@code capacity} rows of
     * {@code width} features, each missing value filled from {@code fill} (null: the reader refuses
     * them). A plain file large enough, whose label, if any, is not read (its classes are judged in
     * file order), is parsed in chunks on several threads; anything else on one.
     */
    static RowBlocks of(CsvReader reader, boolean readsLabels, int capacity, int width, double[] fill, Parallelism parallelism,
                        long fileBytes) {
        io.dense4j.data.csv.CsvChunks chunks = parallelism.parsers() > 1 && !readsLabels && fileBytes >= parallelism.minimumBytes()
                ? io.dense4j.data.csv.CsvChunks.of(reader, parallelism.chunkBytes()) : null;
        return chunks == null ? new ParsedBlocks(reader::read, capacity, width, fill, true)
                : new ChunkedBlocks(chunks, parallelism.parsers(), capacity, width, fill);
    }

    /** The next block, in file order, or null after the last; throws what stopped the reader. */
    Block next() throws InterruptedIOException;

    /** Takes back a block that {@link #next} gave, for refilling. */
    void recycle(Block block);

    /** What the reader counted: set once {@link #next} has returned null. */
    CsvReader.Summary summary();

    /** Stops the reading threads if they still run, and waits for them. */
    @Override
    void close();
}
