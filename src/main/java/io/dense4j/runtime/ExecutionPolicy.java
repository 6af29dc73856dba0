package io.dense4j.runtime;

import java.util.Locale;

/**
 * Every threading decision of training, in one value: how many threads a step may use and how a
 * step is cut into parts. Chosen from the cores the JVM sees ({@link #forThisMachine}), or set.
 *
 * <p>A step runs as {@link #parts} data-parallel parts, by default one per thread (never fewer than
 * {@code minPartRows} rows each); each part runs forward, loss and backward through a plan of its
 * own on one thread, with OpenBLAS on one thread inside it, and the parts' gradients are added in
 * part order. Parts keep every op of the step parallel, the elementwise loops as well as the
 * products, and need no synchronization until the sum. A step too small to cut runs on one thread.
 *
 * <p>How a step is cut decides the order of its additions, and so the last bits of every weight.
 * By default the cut follows the threads, so a machine with more cores trains slightly different
 * weights; {@link #withParts} fixes the cut, and then the weights are the same, bit for bit, on
 * any number of cores: the threads only decide how many parts run at once. docs/design.md explains
 * the choices for 4, 16 and 64 cores.
 *
 * @param threads           threads a step may use, the caller's included
 * @param parts             the parts of a large step: 0 for one per thread, else exactly this many
 *                          (the setting for the same weights on any machine)
 * @param minPartRows       the fewest rows of a part: a step of fewer than twice this many is one part
 * @param partGradientBytes the most memory the parts' own gradient arrays may take together (each
 *                          part holds a gradient per parameter): fewer parts for very big models
 */
public record ExecutionPolicy(int threads, int parts, int minPartRows, long partGradientBytes) {

    /** Below this a part's fixed costs (a call per op, OpenBLAS packing a layer's weights) outweigh its work. */
    public static final int DEFAULT_MIN_PART_ROWS = 64;
    public static final long DEFAULT_PART_GRADIENT_BYTES = 256L << 20;
    /** The fewest rows one pass holds; a larger batch is summed over passes. */
    static final int MIN_PASS_ROWS = 4_096;
    /** Rows per part a pass holds at least, so that many parts do not make passes of tiny parts. */
    static final int PASS_ROWS_PER_PART = 128;

    public ExecutionPolicy {
        if (threads < 1) {
            throw new IllegalArgumentException("ExecutionPolicy expects threads >= 1, got " + threads);
        }
        if (parts < 0) {
            throw new IllegalArgumentException("ExecutionPolicy expects parts >= 1, or 0 for one per thread, got " + parts);
        }
        if (minPartRows < 1 || partGradientBytes < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "ExecutionPolicy expects minPartRows and partGradientBytes >= 1, got %d, %d", minPartRows, partGradientBytes));
        }
    }

    /** Every core the JVM sees (its {@code -XX:ActiveProcessorCount}, a container's CPU quota), with the defaults. */
    public static ExecutionPolicy forThisMachine() {
        return ofThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The defaults on {@code threads} threads: one part per thread. */
    public static ExecutionPolicy ofThreads(int threads) {
        return new ExecutionPolicy(threads, 0, DEFAULT_MIN_PART_ROWS, DEFAULT_PART_GRADIENT_BYTES);
    }

    /** The same policy on {@code count} threads. */
    public ExecutionPolicy withThreads(int count) {
        return new ExecutionPolicy(count, parts, minPartRows, partGradientBytes);
    }

    /**
     * The same policy, but cutting large steps into exactly {@code count} parts whatever the threads:
     * the same weights on any number of cores (and as fast as one part per thread when
     * {@code count} is the threads or a multiple of them).
     */
    public ExecutionPolicy withParts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a step is cut into at least 1 part, got " + count);
        }
        return new ExecutionPolicy(threads, count, minPartRows, partGradientBytes);
    }

    /** The most parts a step of a model with {@code parameterBytes} of parameters is cut into. */
    public int partLimit(long parameterBytes) {
        long budget = partGradientBytes / Math.max(1, parameterBytes);
        return (int) Math.max(1, Math.min(parts > 0 ? parts : threads, budget));
    }

    /** The most rows one pass takes: a larger batch is summed over passes of this many rows. */
    public int passRows(long parameterBytes) {
        return Math.max(MIN_PASS_ROWS, partLimit(parameterBytes) * PASS_ROWS_PER_PART);
    }

    /**
     * The parts a step of {@code rows} rows (at most {@link #passRows}) is cut into: as many as the
     * limit allows with at least {@code minPartRows} rows each, and at least one.
     */
    public int parts(int rows, long parameterBytes) {
        return Math.max(1, Math.min(partLimit(parameterBytes), rows / minPartRows));
    }

    /** Rows of part {@code part} of a step of {@code rows} rows in {@code parts} parts: the first ones one row longer. */
    public static int partSize(int rows, int parts, int part) {
        return rows / parts + (part < rows % parts ? 1 : 0);
    }

    /** The most rows any part of a step of up to {@code capacity} rows gets. */
    public int largestPart(int capacity, long parameterBytes) {
        int largest = 1;
        for (int rows = 1; rows <= capacity; rows++) {
            int parts = parts(rows, parameterBytes);
            largest = Math.max(largest, (rows + parts - 1) / parts);
        }
        return largest;
    }

    /** How a step of {@code rows} rows runs, in words, for {@code --verbose}. */
    public String describe(int rows, long parameterBytes) {
        int pass = Math.min(rows, passRows(parameterBytes));
        int cut = parts(pass, parameterBytes);
        String passes = rows > pass ? String.format(Locale.ROOT, " per pass of %,d rows (a batch of %,d rows is summed over passes)",
                pass, rows) : "";
        String fixed = parts > 0 ? String.format(Locale.ROOT, " (fixed at %d parts: the same weights on any number of cores)", parts)
                : " (one per thread)";
        if (cut > 1) {
            return String.format(Locale.ROOT, "%s available; steps of %,d rows in %d parts of up to %,d rows%s%s, "
                    + "on %d threads, OpenBLAS on 1 thread in each", threadsAvailable(), rows, cut, (pass + cut - 1) / cut, passes, fixed,
                    Math.min(threads, cut));
        }
        return String.format(Locale.ROOT, "%s available; steps of %,d rows in 1 part%s, on 1 thread, OpenBLAS on 1 thread",
                threadsAvailable(), rows, passes);
    }

    private String threadsAvailable() {
        return threads == 1 ? "1 thread" : threads + " threads";
    }
}
