package io.dense4j.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a row-major block of a gradient array that may hold anything but zero: every other
 * row is zero. A layer that reads weight rows by index (a categorical column's slots) gives a
 * gradient to the rows its batch read and to no others, so the work that follows (clearing the
 * block before the next backward pass, plain SGD's update) can visit those rows rather than the
 * whole block, whose size grows with the number of categories and not with the batch.
 *
 * <p>Whoever writes the block other than row by row through {@link #add} (a sum copied in, a
 * penalty added to every weight) calls {@link #forget}: then any row may be nonzero, and the next
 * {@link #clear} zeroes the whole block. Scaling the block by a positive factor (gradient clipping)
 * keeps zeros zero and needs nothing. Plain SGD scales it by −λ, which makes the unlisted rows −0
 * when it scales the whole block: that happens only when the rows are not {@link #few()}, and the
 * next {@link #clear} then zeroes the whole block too.
 *
 * <p>A step may also leave the block's gradient unsummed ({@link #leaveUnsummed}): the block is then
 * not written at all, and plain SGD takes the sums ({@link #takeUnsummed}). Clearing or forgetting
 * the block drops them.
 */
public final class NonzeroRows {
    /** {@link #few()}: at most one row in this many. */
    private static final int FEW_OF = 2;

    private final NativeArray block;
    private final long start;
    private final int width;
    private final int rowCount;
    private final int[] rows;
    private final boolean[] listed;
    private int count;
    private boolean known;
    /** The step's gradient for this block when it was left unsummed, until taken; else null. */
    private RowSums unsummed;
    /** Whether visiting the rows takes one native call ({@link NativeRows}) rather than one per row. */
    private final boolean nativeRows = NativeKernels.enabled();

    /**
     * @param values the whole gradient array
     * @param start  the block's first element in {@code values}
     * @param rows   the block's rows, each {@code width} elements
     */
    public NonzeroRows(NativeArray values, long start, int rows, int width) {
        if (rows < 1 || width < 1) {
            throw new IllegalArgumentException("a block has at least 1 row of at least 1 element, got " + rows + " × " + width);
        }
        this.block = values.slice(start, Math.multiplyExact(rows, width));
        this.start = start;
        this.width = width;
        this.rowCount = rows;
        this.rows = new int[rows];
        this.listed = new boolean[rows];
    }

    /** The block, a view of the gradient array. */
    public NativeArray block() {
        return block;
    }

    /** The block's first element in the whole gradient array. */
    public long start() {
        return start;
    }

    /** Rows of the block. */
    public int rowCount() {
        return rowCount;
    }

    /** Elements per row. */
    public int width() {
        return width;
    }

    /** Whether the nonzero rows are known; if not, any row may be nonzero. */
    public boolean known() {
        return known;
    }

    /**
     * Whether the rows are known and at most half the block's: then visiting them one by one costs
     * less than one pass over the whole block. A visited row costs a call besides its elements, and
     * a pass over the block all its elements; in the alternated A/B of this choice (W-MLP, 1,020
     * slot rows) visiting won at 26% of the rows and lost at 72% (docs/benchmarks.md).
     */
    public boolean few() {
        return known && count <= rowCount / FEW_OF;
    }

    /** How many rows may be nonzero; valid when {@link #known()}. */
    public int count() {
        return count;
    }

    /** The {@code i}-th of them, in the order they were added; valid when {@link #known()}. */
    public int row(int i) {
        return rows[i];
    }

    /** Any row may now be nonzero: the block was written other than through {@link #add}. */
    public void forget() {
        known = false;
        unsummed = null;
    }

    /**
     * Leaves this step's gradient for the block as {@code sums} instead of writing it: the block
     * keeps the rows of an earlier step, still listed, until the next {@link #clear}.
     */
    public void leaveUnsummed(RowSums sums) {
        unsummed = sums;
    }

    /** The step's unsummed gradient ({@link #leaveUnsummed}), now taken; null if the block holds it. */
    public RowSums takeUnsummed() {
        RowSums taken = unsummed;
        unsummed = null;
        return taken;
    }

    /** Makes the whole block zero, visiting only the rows that may not be when they are {@link #few()}, and the set empty. */
    public void clear() {
        unsummed = null;
        if (few() && nativeRows) {
            NativeRows.zeroRows(block, rows, count, width);
        } else if (few()) {
            for (int i = 0; i < count; i++) {
                block.zero(rows[i] * width, width);
            }
        } else {
            block.zero(block.length());
        }
        for (int i = 0; i < count; i++) { // the listed rows are always those in rows[0, count), known or not
            listed[rows[i]] = false;
        }
        count = 0;
        known = true;
    }

    /**
     * The stretches of an array of {@code length} elements outside {@code blocks} (in array order,
     * not overlapping): {from, to} pairs, the empty ones left out.
     */
    public static List<long[]> stretchesOutside(List<NonzeroRows> blocks, long length) {
        List<long[]> stretches = new ArrayList<>();
        long from = 0;
        for (NonzeroRows block : blocks) {
            if (block.start > from) {
                stretches.add(new long[] {from, block.start});
            }
            from = block.start + block.block.length();
        }
        if (length > from) {
            stretches.add(new long[] {from, length});
        }
        return stretches;
    }

    /** Notes that row {@code row} may become nonzero; the caller writes it. */
    public void add(int row) {
        if (!listed[row]) {
            listed[row] = true;
            rows[count++] = row;
        }
    }
}
