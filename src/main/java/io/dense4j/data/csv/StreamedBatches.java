package io.dense4j.data.csv;

import io.dense4j.data.BatchSource;
import io.dense4j.data.DataFileException;
import io.dense4j.data.MissingValues;
import io.dense4j.data.RowSelection;
import io.dense4j.io.IoReason;
import io.dense4j.tensor.NativeArray;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Rows parsed from the CSV files on every pass, one file after another, by a background thread that stays ahead of
 * training: it parses into native blocks of rows and hands them over through a small bounded
 * queue, so memory stays bounded by a few blocks (and the shuffle buffer) whatever the file's size.
 * A shuffled pass draws rows from a shuffle buffer: a reservoir of rows, each new row replacing a
 * random one that goes out.
 */
final class StreamedBatches implements BatchSource {
    /** Rows per block handed from the reader to training, for rows of up to {@link #BLOCK_BYTES} / 1,024 bytes. */
    static final int BLOCK_ROWS = 1024;
    /** A block's features take at most this much: wide rows (100,000 columns) get fewer rows per block. */
    static final long BLOCK_BYTES = 8L << 20;

    /** Rows per block for rows of {@code width} features: {@link #BLOCK_ROWS}, fewer for wide rows, at least 1. */
    static int blockRows(int width) {
        return (int) Math.max(1, Math.min(BLOCK_ROWS, BLOCK_BYTES / ((long) width * Double.BYTES)));
    }
    /** Blocks in flight: the reader is at most this far ahead. */
    private static final int BLOCKS = 4;

    private final FileRows[] files;
    private final RowSelection selection;
    private final long rows;
    private final int width;
    private final int blockRows;
    private final boolean weighted;
    private final double[] fill;
    private final int shuffleRows;
    private final BlockingQueue<Block> free = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final DataType type;
    private Thread worker;
    private Block current;
    private boolean passOver;

    /** A run of parsed rows in native memory, in the model's data type. */
    private static final class Block {
        final NativeArray features;
        final NativeArray labels;
        final NativeArray weights;
        int count;
        int taken;
        boolean last;
        RuntimeException failure;

        Block(DataType type, int width) {
            features = NativeArray.allocate(type, (long) blockRows(width) * width);
            labels = NativeArray.allocate(type, blockRows(width));
            weights = NativeArray.allocate(type, blockRows(width));
        }
    }

    /** Stops the reader thread when training closes the source mid-pass. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /**
     * @param files       the files, in order, each read as its first pass did (same format, same
     *                    bad-row and missing-value rules), with its labels' and categories' mapping
     * @param selection   which rows, numbered through the files in order
     * @param rows        rows in {@code selection}, counted by the first passes
     * @param weighted    whether the readers give each row a weight of its own
     * @param shuffleRows the shuffle buffer's size in rows
     */
    StreamedBatches(FileRows[] files, RowSelection selection, long rows, int width, boolean weighted, double[] fill,
                    int shuffleRows, DataType type) {
        this.files = files.clone();
        this.selection = selection;
        this.rows = rows;
        this.width = width;
        this.blockRows = blockRows(width);
        this.weighted = weighted;
        this.fill = fill;
        this.shuffleRows = (int) Math.max(1, Math.min(shuffleRows, rows));
        if ((long) this.shuffleRows * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "a shuffle buffer of %,d rows of %,d features does not fit one "
                    + "array: give a buffer of at most %,d rows", this.shuffleRows, width, (Integer.MAX_VALUE - 8) / width));
        }
        this.type = type;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new Block(type, width));
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void startPass(int epoch, long seed, boolean shuffle) {
        close();
        for (FileRows file : files) {
            if (!unchanged(file.file())) {
                throw new DataFileException(file.file().path(), "changed since it was first read (its size, modification or "
                        + "change time, or inode); training stopped rather than mix two versions of the data", null);
            }
        }
        Random random = shuffle ? new Random(seed * 0x9E3779B97F4A7C15L + epoch) : null;
        passOver = false;
        worker = new Thread(() -> readPass(random), "dense4j-csv-reader");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public boolean weighted() {
        return weighted;
    }

    @Override
    public int next(int max, NativeArray features, NativeArray labels, NativeArray weights) {
        if (features.dataType() != type) {
            throw new IllegalArgumentException("these rows were read as " + type + ", but the batch holds " + features.dataType());
        }
        if (worker == null && !passOver) { // else the take below would wait for a reader that never comes
            throw new IllegalStateException("no pass is running: call startPass first (closing a source stops its pass)");
        }
        int copied = 0;
        while (copied < max && !passOver) {
            if (current == null) {
                current = take();
                if (current.failure != null) {
                    RuntimeException failure = current.failure;
                    recycle();
                    passOver = true;
                    throw failure;
                }
            }
            int count = Math.min(max - copied, current.count - current.taken);
            if (count > 0) {
                features.copyFrom(current.features, current.taken * width, copied * width, count * width);
                if (labels != null) {
                    labels.copyFrom(current.labels, current.taken, copied, count);
                }
                if (weights != null) {
                    weights.copyFrom(current.weights, current.taken, copied, count);
                }
                current.taken += count;
                copied += count;
            }
            if (current.taken == current.count) {
                passOver = current.last;
                recycle();
            }
        }
        return copied;
    }

    /** Stops the reader thread of an unfinished pass and takes its blocks back. */
    @Override
    public void close() {
        if (worker == null) {
            return;
        }
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        worker = null;
        if (current != null) {
            recycle();
        }
        for (Block block; (block = filled.poll()) != null; ) {
            current = block;
            recycle();
        }
    }

    private Block take() {
        try {
            return filled.take();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for rows of " + files[0].file().path(), interrupted);
        }
    }

    private void recycle() {
        current.count = 0;
        current.taken = 0;
        current.last = false;
        current.failure = null;
        free.add(current);
        current = null;
    }

    // ---- the reader thread ----

    private void readPass(Random random) {
        Emitter emitter = new Emitter();
        try {
            ShuffleBuffer shuffler = random == null ? null : new ShuffleBuffer(random, emitter);
            RowSelection.Walker walker = selection.walker(); // each pass walks the files from their first row
            for (FileRows file : files) {
                CategoryCodes codes = file.codes();
                // the bytes the file had when it was checked, and no more: rows appended meanwhile are not this data
                file.file().reader().readUpTo(file.file().fingerprint().size(), (line, features, provisionalClass, weight) -> {
                    float label = file.label(provisionalClass);
                    if (!walker.includes(label)) {
                        return;
                    }
                    codes.apply(features, 0); // first: a missing category is NaN until coded, and never filled
                    if (fill != null) {
                        MissingValues.fill(features, 0, fill);
                    }
                    if (shuffler != null) {
                        shuffler.add(features, label, weight);
                    } else {
                        emitter.emit(features, 0, label, weight);
                    }
                });
                if (!unchanged(file.file())) {
                    emitter.finish(new DataFileException(file.file().path(), "changed while a pass read it (its size, "
                            + "modification or change time, or inode); training stopped rather than mix two versions of the data",
                            null));
                    return;
                }
            }
            if (shuffler != null) {
                shuffler.drain();
            }
            emitter.finish(null);
        } catch (Cancelled cancelled) {
            // training closed the source: nobody waits for the rest
        } catch (RuntimeException failed) {
            emitter.finish(failed);
        } catch (Error failed) { // out of memory, say: training must hear of it, not wait forever
            emitter.finish(new IllegalStateException("the CSV reader thread failed: " + failed, failed));
        } finally {
            emitter.giveBack();
        }
    }

    private static boolean unchanged(CsvFile file) {
        try {
            return file.fingerprint().unchanged(file.path());
        } catch (IOException failed) {
            throw new DataFileException(file.path(), "cannot be read: " + IoReason.of(failed), failed);
        }
    }

    /** Packs rows into blocks and hands full ones to training. */
    private final class Emitter {
        private Block block;

        void emit(float[] features, int offset, float label, float weight) {
            if (block == null) {
                block = await(free);
            }
            block.features.put(block.count * width, features, offset, width);
            block.labels.set(block.count, label);
            block.weights.set(block.count, weight);
            if (++block.count == blockRows) {
                Block full = block;
                block = null; // handed over: no longer ours to give back
                hand(full);
            }
        }

        /** Returns a block taken but never handed over (a pass cancelled midway) to the free ones. */
        void giveBack() {
            if (block != null) {
                toFree(block);
                block = null;
            }
        }

        private void toFree(Block unused) {
            unused.count = 0;
            unused.taken = 0;
            unused.last = false;
            unused.failure = null;
            free.add(unused);
        }

        /** Hands over the last block, or the failure that ended the pass. */
        void finish(RuntimeException failure) {
            try {
                if (block == null) {
                    block = await(free);
                }
                block.last = true;
                block.failure = failure;
                Block last = block;
                block = null;
                hand(last);
            } catch (Cancelled cancelled) {
                // nobody waits
            }
        }

        private void hand(Block full) {
            try {
                filled.put(full);
            } catch (InterruptedException interrupted) {
                toFree(full); // never handed over: back to the pool, or a later pass would wait for it
                throw new Cancelled();
            }
        }

        private Block await(BlockingQueue<Block> queue) {
            try {
                return queue.take();
            } catch (InterruptedException interrupted) {
                throw new Cancelled();
            }
        }
    }

    /** A reservoir of rows: once full, each new row takes the place of a random one, which goes out. */
    private final class ShuffleBuffer {
        private final Random random;
        private final Emitter emitter;
        private final float[] features = new float[shuffleRows * width];
        private final float[] labels = new float[shuffleRows];
        private final float[] weights = new float[weighted ? shuffleRows : 0];
        private int size;

        ShuffleBuffer(Random random, Emitter emitter) {
            this.random = random;
            this.emitter = emitter;
        }

        void add(float[] row, float label, float weight) {
            int slot = size;
            if (size == shuffleRows) {
                slot = random.nextInt(shuffleRows);
                emitter.emit(features, slot * width, labels[slot], weight(slot));
            } else {
                size++;
            }
            System.arraycopy(row, 0, features, slot * width, width);
            labels[slot] = label;
            if (weighted) {
                weights[slot] = weight;
            }
        }

        private float weight(int slot) {
            return weighted ? weights[slot] : 1;
        }

        /** Sends out the rows still held, in random order. */
        void drain() {
            while (size > 0) {
                int slot = random.nextInt(size);
                emitter.emit(features, slot * width, labels[slot], weight(slot));
                size--;
                System.arraycopy(features, size * width, features, slot * width, width);
                labels[slot] = labels[size];
                if (weighted) {
                    weights[slot] = weights[size];
                }
            }
        }
    }
}
