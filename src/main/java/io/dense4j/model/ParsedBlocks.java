package io.dense4j.model;

import io.dense4j.data.csv.CsvReader;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A CSV file's rows parsed on one thread of their own (see {@link RowBlocks}). Three blocks
 * circulate.
 */
final class ParsedBlocks implements RowBlocks {
    /** One pass over the rows into a handler: a file's, or a stream's read once. */
    @FunctionalInterface
    interface Pass {
        CsvReader.Summary into(CsvReader.RowHandler handler);
    }

    private static final Block END = new Block(0, 0);

    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<Block> empty = new ArrayBlockingQueue<>(3);
    private final Thread thread;
    private volatile CsvReader.Summary summary;
    private volatile Throwable failure;
    private final boolean interruptible;

    /**
     * @param interruptible whether the pass's reads stop when its thread is interrupted (a file's
     *                      do; standard input's do not, so {@link #close} does not wait for it)
     */
    ParsedBlocks(Pass pass, int capacity, int width, double[] fill, boolean interruptible) {
        this.interruptible = interruptible;
        for (int i = 0; i < 3; i++) {
            empty.add(new Block(capacity, width));
        }
        thread = new Thread(() -> read(pass, capacity, width, fill), "dense4j-predict-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(Pass pass, int capacity, int width, double[] fill) {
        try {
            BlockFiller filler = new BlockFiller(capacity, width, fill, new BlockFiller.Sink() {
                @Override
                public void full(Block block) {
                    try {
                        full.put(block);
                    } catch (InterruptedException stopped) {
                        throw new Stopped();
                    }
                }

                @Override
                public Block empty() {
                    try {
                        return empty.take();
                    } catch (InterruptedException stopped) {
                        throw new Stopped();
                    }
                }
            });
            CsvReader.Summary read = pass.into(filler);
            if (filler.current().rows > 0) {
                full.put(filler.current());
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

    @Override
    public Block next() throws InterruptedIOException {
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

    @Override
    public void recycle(Block block) {
        block.clear();
        empty.add(block);
    }

    @Override
    public CsvReader.Summary summary() {
        return summary;
    }

    @Override
    public void close() {
        thread.interrupt();
        if (!interruptible) {
            return; // blocked reading a stream, perhaps until its writer ends: a daemon thread, left to that
        }
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
