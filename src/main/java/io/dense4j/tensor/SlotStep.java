package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain SGD's step on one categorical column's slot rows, straight from a step's dL/dZ rows
 * without writing a gradient: each slot row that some row read += α · (0 + the dL/dZ rows that
 * read it, in part and row order). The bits of zeroing a gradient row, adding the rows one by one,
 * scaling it by α and adding it: a multiply, then an add ({@link RowAdder#scaleThenAdd}).
 *
 * <p>One native call groups the rows by the slot they read, a stable counting sort, and steps each
 * slot row the rows read: the work follows the rows, not the column's categories. Every size is
 * checked here before the call; the slots the rows read are checked by the call as it groups them,
 * since it reads them anyway. An instance holds the sort's scratch in native memory,
 * where the call reads the parts' addresses and row counts too, so that it takes no Java array
 * but the parts' slot rows; it serves one thread at a time, and a step allocates nothing.
 */
public final class SlotStep {
    private final StepParts parts;
    private final int column;
    private final int columns;
    private final int slotOffset;
    private final int slots;
    private final int width;
    /**
     * 64-bit words, zero when made: per slot, its rows' count and then where its next entry goes
     * (zero again after each call); the slots read, in order; each part's dL/dZ address and rows,
     * written before each call; and an entry per row of a step, the address of its dL/dZ row.
     */
    private final INDArray scratch;
    private final long scratchAddress;

    /**
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
        this.parts = new StepParts(sources, slotRows, columns, width, capacity);
        Objects.checkIndex(column, columns);
        if (slots < 1 || slotOffset < 0) {
            throw new IllegalArgumentException("slots " + slots + ", slot offset " + slotOffset);
        }
        this.column = column;
        this.columns = columns;
        this.slotOffset = slotOffset;
        this.slots = slots;
        this.width = width;
        this.scratch = Nd4j.create(DataType.LONG, 2L * slots + 2L * sources.length + Math.max(capacity, 1));
        this.scratchAddress = scratch.data().addressPointer().address();
    }

    /**
     * Steps the slot rows that the first {@code parts} parts' rows read, part p having run
     * {@code partRows[p]} rows: slot s is {@code target}'s row of {@code width} elements from
     * {@code offset + s · width} on. Returns how many slot rows it stepped.
     *
     * @throws IndexOutOfBoundsException if a row reads a slot outside the column, before any step
     */
    public int step(NativeArray target, long offset, int parts, int[] partRows, double alpha) {
        long rows = this.parts.rows(parts, partRows);
        this.parts.checkTarget(target, offset, (long) slots * width, parts, partRows);
        if (rows == 0) {
            return 0;
        }
        this.parts.write(scratchAddress + 8L * 2 * slots, parts, partRows);
        long at = target.address() + offset * target.dataType().width();
        int stepped = target instanceof Float32Array
                ? stepFloats(at, scratchAddress, slotRows(), parts, column, columns, slotOffset, slots, width, (float) alpha)
                : stepDoubles(at, scratchAddress, slotRows(), parts, column, columns, slotOffset, slots, width, alpha);
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(this.parts);
        Reference.reachabilityFence(scratch);
        if (stepped < 0) {
            throw outsideTheColumn(-1 - stepped, partRows);
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

    /** The error for the {@code index}-th row of the step, counted over the parts, whose slot lies outside the column. */
    private IndexOutOfBoundsException outsideTheColumn(int index, int[] partRows) {
        int[] at = StepParts.partAndRow(index, partRows);
        int slot = parts.slotRows(at[0])[at[1] * columns + column] - slotOffset;
        return new IndexOutOfBoundsException("row " + at[1] + " of part " + at[0] + " reads slot " + slot + " of categorical column "
                + column + ", which has " + slots + " slots");
    }

    private static native int stepFloats(long target, long scratch, int[][] slotRows, int parts, int column, int columns,
                                         int slotOffset, int slots, int width, float alpha);

    private static native int stepDoubles(long target, long scratch, int[][] slotRows, int parts, int column, int columns,
                                          int slotOffset, int slots, int width, double alpha);
}
