package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain SGD's step on some categorical columns' slot rows, straight from a step's dL/dZ rows
 * without writing a gradient: each slot row that some row read += α · (0 + the dL/dZ rows that
 * read it, in part and row order). The bits of zeroing a gradient row, adding the rows one by one,
 * scaling it by α and adding it: a multiply, then an add ({@link RowAdder#scaleThenAdd}).
 *
 * <p>One native call takes all of its columns, one after another: for each it groups the rows by
 * the slot they read, a stable counting sort, and steps each slot row the rows read, so the work
 * follows the rows, not the columns' categories. Every column is grouped before any row is
 * stepped, so a slot outside its column stops the step with nothing written. Every size is
 * checked here before the call; the slots the rows read are checked by the call as it groups them,
 * since it reads them anyway. An instance holds the sort's scratch in native memory, where the
 * call reads the parts' addresses and row counts too, so that it takes no Java array but the
 * parts' slot rows; it serves one thread at a time, and a step allocates nothing.
 */
public final class SlotStep {
    private final StepParts parts;
    private final int columns;
    private final int from;
    private final int count;
    /** The weight rows from the first column's first slot row to the end of the last column's. */
    private final int span;
    private final int width;
    /**
     * 64-bit words, zero when made: per slot row, its rows' count and then where its next entry
     * goes (zero again after each call); the slots read, per column; each column's number of them;
     * each part's dL/dZ address and rows, written before each call; an entry per row of a step and
     * column, the address of its dL/dZ row. Then each column's first and end slot row, as ints.
     */
    private final INDArray scratch;
    private final long scratchAddress;
    private final long partsAddress;
    private final long boundsAddress;

    /**
     * Steps one column.
     *
     * @param sources    per part of a step, its dL/dZ rows [rows, width]
     * @param slotRows   per part, the weight row each of its rows' codes selected, [rows, columns]
     * @param column     the column stepped, of {@code columns} categorical columns
     * @param slotOffset the weight row of the column's slot 0, which {@code slotRows} count from
     * @param slots      the column's slots: the rows of the weights a step updates
     * @param width      the elements of a row
     * @param capacity   the most rows a step gives, all parts together
     */
    public SlotStep(NativeArray[] sources, int[][] slotRows, int column, int columns, int slotOffset, int slots, int width,
                    int capacity) {
        this(sources, slotRows, columns, column, new int[] {slotOffset}, new int[] {slots}, width, capacity);
    }

    /**
     * Steps columns [{@code from}, {@code from + firstRows.length}) of the {@code columns} in
     * {@code slotRows}, in one call.
     *
     * @param firstRows each stepped column's first slot row among the weights, ascending
     * @param slots     each stepped column's number of slots; a column's rows end where the next's begin, or before
     * @see #SlotStep(NativeArray[], int[][], int, int, int, int, int, int)
     */
    public SlotStep(NativeArray[] sources, int[][] slotRows, int columns, int from, int[] firstRows, int[] slots, int width,
                    int capacity) {
        this.parts = new StepParts(sources, slotRows, columns, width, capacity);
        if (firstRows.length != slots.length || firstRows.length == 0) {
            throw new IllegalArgumentException(firstRows.length + " columns' first rows, " + slots.length + " slot counts");
        }
        Objects.checkFromIndexSize(from, firstRows.length, columns);
        StepParts.checkColumnRows(from, firstRows, slots);
        this.columns = columns;
        this.from = from;
        this.count = firstRows.length;
        this.span = firstRows[count - 1] + slots[count - 1] - firstRows[0];
        this.width = width;
        long words = 2L * span + count + 2L * sources.length + (long) Math.max(capacity, 1) * count;
        this.scratch = Nd4j.create(DataType.LONG, words + count);
        this.scratchAddress = scratch.data().addressPointer().address();
        this.partsAddress = scratchAddress + 8L * (2L * span + count);
        this.boundsAddress = scratchAddress + 8L * words;
        StepParts.writeColumnRows(boundsAddress, firstRows, slots);
    }

    /**
     * Steps the slot rows that the first {@code parts} parts' rows read, part p having run
     * {@code partRows[p]} rows: the first column's slot 0 is {@code target}'s row of {@code width}
     * elements from {@code offset} on, and the weight rows follow it. Returns how many slot rows it
     * stepped.
     *
     * @throws IndexOutOfBoundsException if a row reads a slot outside its column, before any step
     */
    public int step(NativeArray target, long offset, int parts, int[] partRows, double alpha) {
        long rows = this.parts.rows(parts, partRows);
        this.parts.checkTarget(target, offset, (long) span * width, parts, partRows);
        if (rows == 0) {
            return 0;
        }
        this.parts.write(partsAddress, parts, partRows);
        long at = target.address() + offset * target.dataType().width();
        int stepped = target instanceof Float32Array
                ? stepFloats(at, scratchAddress, boundsAddress, slotRows(), parts, columns, from, count, width, (float) alpha)
                : stepDoubles(at, scratchAddress, boundsAddress, slotRows(), parts, columns, from, count, width, alpha);
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(this.parts);
        Reference.reachabilityFence(scratch);
        if (stepped < 0) {
            throw outsideItsColumn(-1 - stepped, partRows);
        }
        return stepped;
    }

    /** Steps the slot rows of {@code target} [slots, width], as {@link #step(NativeArray, long, int, int[], double)} from 0. */
    public int step(NativeArray target, int parts, int[] partRows, double alpha) {
        return step(target, 0, parts, partRows, alpha);
    }

    private int[][] slotRows() {
        return parts.slotRowArrays();
    }

    /**
     * The error for what the call returned: the index of the step's row (counted over the parts)
     * times the columns stepped, plus the column's place among them.
     */
    private IndexOutOfBoundsException outsideItsColumn(int index, int[] partRows) {
        int[] at = StepParts.partAndRow(index / count, partRows);
        int column = from + index % count;
        int first = RawMemory.getInt(boundsAddress + 8L * (column - from));
        int slots = RawMemory.getInt(boundsAddress + 8L * (column - from) + 4) - first;
        int slot = parts.slotRows(at[0])[at[1] * columns + column] - first;
        return new IndexOutOfBoundsException("row " + at[1] + " of part " + at[0] + " reads slot " + slot + " of categorical column "
                + column + ", which has " + slots + " slots");
    }

    private static native int stepFloats(long target, long scratch, long bounds, int[][] slotRows, int parts, int columns, int from,
                                         int count, int width, float alpha);

    private static native int stepDoubles(long target, long scratch, long bounds, int[][] slotRows, int parts, int columns, int from,
                                          int count, int width, double alpha);
}
