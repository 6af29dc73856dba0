package io.dense4j.model;

import io.dense4j.data.MissingValues;
import io.dense4j.data.csv.CsvReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A CSV file's rows, parsed on a thread of their own and handed over a block at a time, in file
 * order, so that parsing the next block overlaps predicting this one. Three blocks circulate:
 * memory stays bounded whatever the file's size. A failure of the reader (a bad cell) is thrown by
 * {@link #next} on the caller's thread.
 */
final class ParsedBlocks implements AutoCloseable {
    /** Rows of features, missing values filled, with the kept cells of each row ({@code kept} up to {@code keptEnd[r]}). */
    static final class Block {
        final float[] features;
        final StringBuilder kept = new StringBuilder();
        final int[] keptEnd;
        int rows;

        private Block(int capacity, int width) {
            this.features = new float[capacity * width];
            this.keptEnd = new int[capacity];
        }
    }

    private static final Block END = new Block(0, 0);

    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<Block> empty = new ArrayBlockingQueue<>(3);
    private final Thread thread;
    private volatile CsvReader.Summary summary;
    private volatile Throwable failure;

    /**
     * Starts reading {@code reader}'s rows into blocks of {@code capacity} rows of {@code width}
     * features, each missing value filled from {@code fill} (null: the reader refuses them).
     */
    ParsedBlocks(CsvReader reader, int capacity, int width, double[] fill) {
        for (int i = 0; i < 3; i++) {
            empty.add(new Block(capacity, width));
        }
        thread = new Thread(() -> read(reader, capacity, width, fill), "dense4j-predict-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(CsvReader reader, int capacity, int width, double[] fill) {
        try {
            Block[] filling = {empty.take()};
            CsvReader.Summary read = reader.read(new CsvReader.KeepingHandler() {
                @Override
                public void keptCell(int k, byte[] bytes, int from, int to) {
                    filling[0].kept.append(CsvPredictions.quoted(new String(bytes, from, to - from, StandardCharsets.UTF_8))).append(',');
                }

                @Override
                public void row(long line, float[] features, int provisionalClass, float weight) {
                    Block block = filling[0];
                    if (fill != null) {
                        MissingValues.fill(features, 0, fill);
                    }
                    System.arraycopy(features, 0, block.features, block.rows * width, width);
                    block.keptEnd[block.rows] = block.kept.length();
                    if (++block.rows == capacity) {
                        try {
                            full.put(block);
                            filling[0] = empty.take();
                        } catch (InterruptedException stopped) {
                            throw new Stopped();
                        }
                    }
                }
            });
            if (filling[0].rows > 0) {
                full.put(filling[0]);
            }
            summary = read;
            full.put(END);
        } catch (Stopped | InterruptedException stopped) {
            // the caller closed us: it wants no more blocks
        } catch (Throwable failed) {
            failure = failed;
            try {
                full.put(END);
            } catch (InterruptedException stopped) {
                // the caller closed us
            }
        }
    }

    /** The reader was stopped by {@link #close} while handing over a block. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    /** The next block, in file order, or null after the last; throws what stopped the reader. */
    Block next() throws InterruptedIOException {
        Block block;
        try {
            block = full.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the rows to predict");
        }
        if (block != END) {
            return block;
        }
        full.add(END); // every later call sees the end too
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return null;
    }

    /** Hands a block that {@link #next} gave back for refilling. */
    void recycle(Block block) {
        block.rows = 0;
        block.kept.setLength(0);
        empty.add(block);
    }

    /** What the reader counted: set once {@link #next} has returned null. */
    CsvReader.Summary summary() {
        return summary;
    }

    /** Stops the reader if it is still running, and waits for it. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
