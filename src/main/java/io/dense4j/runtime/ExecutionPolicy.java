package io.dense4j.runtime;

import java.util.Locale;

/**
 * Every threading decision of training, in one value: how many threads a step may use and how a
 * step is cut into parts. Chosen from the cores the JVM sees ({@link #forThisMachine}), or set.
 *
 * <p>A step of {@code rows} rows runs as {@link #parts} data-parallel parts of at most
 * {@code partRows} rows; each part runs forward, loss and backward through a plan of its own on one
 * thread (OpenBLAS on one thread inside it), and the parts' gradients are added in part order.
 * Parts keep every op of the step parallel, the elementwise loops as well as the products, and
 * need no synchronization until the sum. A step of one part instead computes a Dense layer's weight
 * gradient and input gradient on two threads, where each product has at least
 * {@code sideBySideWork} multiply-adds: below that, handing one to another thread costs more than
 * it saves.
 *
 * <p>The number of parts depends on the rows and the model's size alone, never on the threads, so
 * the arithmetic, and with it every weight, is the same on one core or sixty-four: threads only
 * decide how many parts run at once. A batch of B rows keeps up to min(threads, parts(B)) cores
 * busy; docs/design.md explains the choice for 4, 16 and 64 cores.
 *
 * @param threads         threads a step may use, the caller's included
 * @param partRows        the most rows of one part; steps of fewer rows are one part
 * @param maxParts        the most parts of one step; a larger batch is accumulated over passes of
 *                        at most {@code maxParts × partRows} rows
 * @param sideBySideWork  the multiply-adds (rows × inputs × units) from which a one-part step's
 *                        layer computes its two backward products side by side, when
 *                        {@code threads} allows
 * @param partGradientBytes the most memory the parts' own gradient arrays may take together
 *                        (each part holds one gradient per parameter); fewer parts for big models
 */
public record ExecutionPolicy(int threads, int partRows, int maxParts, long sideBySideWork, long partGradientBytes) {

    /**
     * Rows per part. Large enough that a part's products run near the machine's sgemm rate and its
     * fixed cost per op stays small, small enough that a 256-row batch still splits in two.
     */
    public static final int DEFAULT_PART_ROWS = 128;
    /** Parts per step at most: enough for the 64 cores this library is built for. */
    public static final int DEFAULT_MAX_PARTS = 64;
    /**
     * A product of 2^18 multiply-adds (W-MLP's 256 × 256 layer from 4 rows on) takes tens of
     * microseconds, against about one for a hand-off to a spinning thread; the demo's 32 × 32 layers
     * at 32 rows (2^15) ran slower handed off.
     */
    public static final long DEFAULT_SIDE_BY_SIDE_WORK = 1L << 18;
    public static final long DEFAULT_PART_GRADIENT_BYTES = 256L << 20;

    public ExecutionPolicy {
        if (threads < 1) {
            throw new IllegalArgumentException("ExecutionPolicy expects threads >= 1, got " + threads);
        }
        if (partRows < 1 || maxParts < 1 || sideBySideWork < 1 || partGradientBytes < 1) {
            throw new IllegalArgumentException(String.format(
                    "ExecutionPolicy expects partRows, maxParts, sideBySideWork and partGradientBytes >= 1, got %d, %d, %d, %d",
                    partRows, maxParts, sideBySideWork, partGradientBytes));
        }
    }

    /** Every core the JVM sees (its {@code -XX:ActiveProcessorCount}, a container's CPU quota), with the defaults. */
    public static ExecutionPolicy forThisMachine() {
        return ofThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The defaults on {@code threads} threads. */
    public static ExecutionPolicy ofThreads(int threads) {
        return new ExecutionPolicy(threads, DEFAULT_PART_ROWS, DEFAULT_MAX_PARTS, DEFAULT_SIDE_BY_SIDE_WORK,
                DEFAULT_PART_GRADIENT_BYTES);
    }

    /** The same policy on {@code count} threads: the same parts, so the same weights. */
    public ExecutionPolicy withThreads(int count) {
        return new ExecutionPolicy(count, partRows, maxParts, sideBySideWork, partGradientBytes);
    }

    /** The most parts one step of a model with {@code parameterBytes} of parameters is cut into. */
    public int partLimit(long parameterBytes) {
        return (int) Math.max(1, Math.min(maxParts, partGradientBytes / Math.max(1, parameterBytes)));
    }

    /** The most rows one pass takes: a larger batch is accumulated over passes of this many rows. */
    public int passRows(long parameterBytes) {
        return partLimit(parameterBytes) * partRows;
    }

    /**
     * The parts a step of {@code rows} rows (at most {@link #passRows}) is cut into: one below
     * {@code partRows}, else at least two of at most {@code partRows} rows each.
     */
    public int parts(int rows, long parameterBytes) {
        if (rows < partRows) {
            return 1;
        }
        int limit = partLimit(parameterBytes);
        return Math.min(limit, Math.max(Math.min(2, limit), (rows + partRows - 1) / partRows));
    }

    /** Rows of part {@code part} of a step of {@code rows} rows in {@code parts} parts: the first ones one row longer. */
    public static int partSize(int rows, int parts, int part) {
        return rows / parts + (part < rows % parts ? 1 : 0);
    }

    /** Whether a layer of a one-part step computes its backward products of {@code work} multiply-adds side by side. */
    public boolean sideBySide(long work) {
        return threads >= 2 && work >= sideBySideWork;
    }

    /** The most threads a step of {@code rows} rows keeps busy (a one-part step: two, for its large layers). */
    public int threadsFor(int rows, long parameterBytes) {
        int parts = parts(rows, parameterBytes);
        return parts > 1 ? Math.min(threads, parts) : Math.min(threads, 2);
    }

    /** How a step of {@code rows} rows runs, in words, for {@code --verbose}. */
    public String describe(int rows, long parameterBytes) {
        int pass = Math.min(rows, passRows(parameterBytes));
        int parts = parts(pass, parameterBytes);
        String passes = rows > pass ? String.format(Locale.ROOT, " per pass of %,d rows (a batch of %,d rows is summed over passes)",
                pass, rows) : "";
        if (parts > 1) {
            return String.format(Locale.ROOT, "%d threads available; steps of %,d rows in %d parts of up to %d rows%s, "
                    + "on %d threads, OpenBLAS on 1 thread in each", threads, rows, parts, (pass + parts - 1) / parts, passes,
                    Math.min(threads, parts));
        }
        return String.format(Locale.ROOT, "%d threads available; steps of %,d rows in 1 part, %s, OpenBLAS on 1 thread",
                threads, rows, threads >= 2 ? String.format(Locale.ROOT, "a layer's weight and input gradients side by side "
                        + "on 2 threads where each takes %,d multiply-adds or more", sideBySideWork) : "on 1 thread");
    }
}
