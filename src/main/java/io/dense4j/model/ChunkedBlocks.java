package io.dense4j.model;

import io.dense4j.data.csv.CsvReader;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CSV file's rows parsed by several threads (see {@link RowBlocks}), each taking the next chunk
 * of the file (a few MiB cut at a line end) and parsing it into blocks of its own, while the caller
 * takes their rows in file order, repacked into blocks as one thread would have cut them. At most
 * one chunk per thread, and one more, is parsed ahead of the caller, so memory stays bounded; the
 * blocks go round through a pool.
 */
final class ChunkedBlocks implements RowBlocks {
    /** One chunk's blocks, and how its parse ended. */
    private static final class Parsed {
        final List<Block> blocks = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile CsvReader.Summary summary;
        volatile Throwable failure;
    }

    private final io.dense4j.data.csv.CsvChunks chunks;
    private final int capacity;
    private final int width;
    private final double[] fill;
    private final Parsed[] parsed;
    private final AtomicInteger nextChunk = new AtomicInteger();
    /** Chunks that may be parsed ahead of the one the caller takes from. */
    private final Semaphore ahead;
    private final ConcurrentLinkedQueue<Block> pool = new ConcurrentLinkedQueue<>();
    private final Thread[] parsers;
    /** The chunk whose blocks are being packed, the block in it, and the row in that block. */
    private int taking;
    private int blockInChunk;
    private int position;
    private long rows;
    private long[] missing;
    private final Map<String, Long> unknown = new LinkedHashMap<>();
    private CsvReader.Summary first;
    private CsvReader.Summary summary;
    /** From the chunk whose last row ran on into the next (a quoted field's line ends cut it), the rest read on one thread. */
    private ParsedBlocks rest;
    private Block restBlock;

    ChunkedBlocks(io.dense4j.data.csv.CsvChunks chunks, int threads, int capacity, int width, double[] fill) {
        this.chunks = chunks;
        this.capacity = capacity;
        this.width = width;
        this.fill = fill;
        this.parsed = new Parsed[chunks.count()];
        for (int k = 0; k < parsed.length; k++) {
            parsed[k] = new Parsed();
        }
        this.ahead = new Semaphore(threads + 1);
        this.parsers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            parsers[t] = new Thread(this::parse, "dense4j-predict-parser-" + t);
            parsers[t].setDaemon(true);
            parsers[t].start();
        }
    }

    private void parse() {
        try {
            while (true) {
                ahead.acquire();
                int k = nextChunk.getAndIncrement();
                if (k >= parsed.length) {
                    return;
                }
                Parsed chunk = parsed[k];
                try {
                    BlockFiller filler = new BlockFiller(capacity, width, fill, new BlockFiller.Sink() {
                        @Override
                        public void full(Block block) {
                            if (Thread.currentThread().isInterrupted()) {
                                throw new Stopped();
                            }
                            chunk.blocks.add(block);
                        }

                        @Override
                        public Block empty() {
                            Block block = pool.poll();
                            return block != null ? block : new Block(capacity, width);
                        }
                    });
                    chunk.summary = chunks.read(k, filler);
                    if (filler.current().rows > 0) {
                        chunk.blocks.add(filler.current());
                    } else {
                        pool.add(filler.current());
                    }
                } catch (Stopped stopped) {
                    return;
                } catch (Throwable failed) {
                    chunk.failure = failed;
                } finally {
                    chunk.done.countDown();
                }
            }
        } catch (InterruptedException stopped) {
            // the caller closed us: it wants no more blocks
        }
    }

    /**
     * The next block, its rows packed from the chunks' blocks in file order, {@code capacity} to a
     * block as one parsing thread packs them: the model then predicts each row in the same batch,
     * at the same place, so the probabilities are the same bits.
     */
    @Override
    public Block next() throws InterruptedIOException {
        Block out = pool.poll();
        out = out != null ? out : new Block(capacity, width);
        for (Block from; out.rows < capacity && (from = source()) != null; ) {
            int count = Math.min(capacity - out.rows, from.rows - position);
            System.arraycopy(from.features, position * width, out.features, out.rows * width, count * width);
            for (int r = position; r < position + count; r++) {
                out.kept.append(from.kept, r == 0 ? 0 : from.keptEnd[r - 1], from.keptEnd[r]);
                out.keptEnd[out.rows++] = out.kept.length();
            }
            position += count;
        }
        if (out.rows > 0) {
            return out;
        }
        pool.add(out);
        if (summary == null && first != null) {
            summary = new CsvReader.Summary(first.featureNames(), rows, first.labels(), 0, List.of(), missing, Map.of(), unknown);
        }
        return null;
    }

    /** The chunk block with rows left to pack (from {@code position}), or null once every chunk is used. */
    private Block source() throws InterruptedIOException {
        while (taking < parsed.length) {
            if (rest != null) {
                return fromRest();
            }
            Parsed chunk = parsed[taking];
            try {
                chunk.done.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the rows to predict");
            }
            if (chunk.failure instanceof io.dense4j.data.csv.PartEndsInsideAQuotedField) {
                // the chunks before it ended at a row's end, so this one starts at a row: the later ones may not
                stopParsers();
                int from = taking;
                rest = new ParsedBlocks(handler -> chunks.readOn(from, handler), capacity, width, fill, true);
                continue;
            }
            if (chunk.failure instanceof RuntimeException unchecked) {
                throw unchecked; // the first problem in file order: the chunks before it were all used
            }
            if (chunk.failure instanceof Error error) {
                throw error;
            }
            if (chunk.failure != null) {
                throw new IllegalStateException(chunk.failure);
            }
            while (blockInChunk < chunk.blocks.size()) {
                Block block = chunk.blocks.get(blockInChunk);
                if (position < block.rows) {
                    return block;
                }
                recycle(block);
                blockInChunk++;
                position = 0;
            }
            count(chunk.summary);
            parsed[taking++] = null;
            blockInChunk = 0;
            ahead.release();
        }
        return null;
    }

    /** The block of {@link #rest} with rows left to pack, or null once it is used up. */
    private Block fromRest() throws InterruptedIOException {
        while (restBlock == null || position >= restBlock.rows) {
            if (restBlock != null) {
                rest.recycle(restBlock);
            }
            restBlock = rest.next();
            position = 0;
            if (restBlock == null) {
                count(rest.summary());
                taking = parsed.length;
                return null;
            }
        }
        return restBlock;
    }

    private void count(CsvReader.Summary chunk) {
        first = first == null ? chunk : first;
        rows += chunk.rows();
        missing = missing == null ? chunk.missingByFeature() : CsvReader.Summary.added(missing, chunk.missingByFeature());
        chunk.unknownCategoryRows().forEach((column, count) -> unknown.merge(column, count, Long::sum));
    }

    @Override
    public void recycle(Block block) {
        block.clear();
        pool.add(block);
    }

    @Override
    public CsvReader.Summary summary() {
        return summary;
    }

    @Override
    public void close() {
        stopParsers();
        if (rest != null) {
            rest.close();
        }
    }

    private void stopParsers() {
        for (Thread parser : parsers) {
            parser.interrupt();
        }
        for (Thread parser : parsers) {
            try {
                parser.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
