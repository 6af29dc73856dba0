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
    /** The most parts a step may have: the native call keeps two words per part on its stack. */
    static final int MAX_PARTS = 1024;

    private final NativeArray[] sources;
    private final int[][] slotRows;
    private final int column;
    private final int columns;
    private final int slotOffset;
    private final int slots;
    private final int width;
    private final int capacity;
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
        NativeKernels.checkLoaded();
        if (sources.length == 0 || sources.length != slotRows.length || sources.length > MAX_PARTS) {
            throw new IllegalArgumentException("a step has 1 to " + MAX_PARTS + " parts, each with its dL/dZ rows and slot rows: got "
                    + sources.length + " and " + slotRows.length);
        }
        for (NativeArray source : sources) {
            if (source.dataType() != sources[0].dataType()) {
                throw new IllegalArgumentException("the parts' rows are of one element type, got " + sources[0].dataType() + " and "
                        + source.dataType());
            }
        }
        Objects.checkIndex(column, columns);
        if (slots < 1 || width < 1 || capacity < 0 || slotOffset < 0) {
            throw new IllegalArgumentException("slots " + slots + ", width " + width + ", capacity " + capacity + ", slot offset "
                    + slotOffset);
        }
        for (int[] rows : slotRows) {
            Objects.requireNonNull(rows, "a part's slot rows");
        }
        this.sources = sources.clone();
        this.slotRows = slotRows.clone();
        this.column = column;
        this.columns = columns;
        this.slotOffset = slotOffset;
        this.slots = slots;
        this.width = width;
        this.capacity = capacity;
        this.scratch = Nd4j.create(DataType.LONG, 2L * slots + 2L * sources.length + Math.max(capacity, 1));
        this.scratchAddress = scratch.data().addressPointer().address();
    }

    /**
     * Steps the slot rows of {@code target} [slots, width] that the first {@code parts} parts' rows
     * read, part p having run {@code partRows[p]} rows. Returns how many slot rows it stepped.
     *
     * @throws IndexOutOfBoundsException if a row reads a slot outside the column, before any step
     */
    public int step(NativeArray target, int parts, int[] partRows, double alpha) {
        if (target.dataType() != sources[0].dataType()) {
            throw new IllegalArgumentException("the stepped rows are " + target.dataType() + ", the summed rows "
                    + sources[0].dataType());
        }
        Objects.checkFromIndexSize(0, (long) slots * width, target.length());
        Objects.checkFromIndexSize(0, parts, Math.min(sources.length, partRows.length));
        long rows = 0;
        for (int p = 0; p < parts; p++) {
            int count = partRows[p];
            if (count < 0 || (long) count * width > sources[p].length() || (long) count * columns > slotRows[p].length) {
                throw new IndexOutOfBoundsException("part " + p + " of the step ran " + count + " rows, more than its arrays hold");
            }
            // the call reads the rows while it writes the target, through restrict pointers
            if (NativeArray.overlap(sources[p], (long) count * width, target, (long) slots * width)) {
                throw new IllegalArgumentException("the rows stepped and the rows summed share memory");
            }
            rows += count;
        }
        if (rows > capacity) {
            throw new IndexOutOfBoundsException("the step ran " + rows + " rows, more than the " + capacity + " planned for");
        }
        if (rows == 0) {
            return 0;
        }
        long partsAt = scratchAddress + 8L * 2 * slots;
        for (int p = 0; p < parts; p++) {
            RawMemory.putLong(partsAt + 8L * p, sources[p].address());
            RawMemory.putLong(partsAt + 8L * (parts + p), partRows[p]);
        }
        int stepped = target instanceof Float32Array
                ? stepFloats(target.address(), scratchAddress, slotRows, parts, column, columns, slotOffset, slots, width, (float) alpha)
                : stepDoubles(target.address(), scratchAddress, slotRows, parts, column, columns, slotOffset, slots, width, alpha);
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(sources);
        Reference.reachabilityFence(scratch);
        if (stepped < 0) {
            throw outsideTheColumn(-1 - stepped, partRows);
        }
        return stepped;
    }

    /** The error for the {@code index}-th row of the step, counted over the parts, whose slot lies outside the column. */
    private IndexOutOfBoundsException outsideTheColumn(int index, int[] partRows) {
        int part = 0;
        while (index >= partRows[part]) {
            index -= partRows[part++];
        }
        int slot = slotRows[part][index * columns + column] - slotOffset;
        return new IndexOutOfBoundsException("row " + index + " of part " + part + " reads slot " + slot + " of categorical column "
                + column + ", which has " + slots + " slots");
    }

    private static native int stepFloats(long target, long scratch, int[][] slotRows, int parts, int column, int columns,
                                         int slotOffset, int slots, int width, float alpha);

    private static native int stepDoubles(long target, long scratch, int[][] slotRows, int parts, int column, int columns,
                                          int slotOffset, int slots, int width, double alpha);
}
