package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain SGD's step on the slot rows of all of a gathering layer's categorical columns at once,
 * over ranges of units, for steps whose dL/dZ rows outgrow a core's cache: the bits of
 * {@link SlotStep} on each column, by another loop.
 *
 * <p>{@link SlotStep} sums each slot's rows column by column, so a step reads every dL/dZ row once
 * per column; once the rows no longer fit in a core's cache, each of those reads comes from
 * further away. This step cuts the units into tiles of {@link #TILE_BYTES} and reads each row's
 * tile once, adding it into the sum of each of its columns' slots; those sums, a tile wide, stay in
 * the cache. Each sum gets 0 plus the rows that read its slot in part and row order, and the slot
 * row then gets α times it, a multiply then an add: the same bits as {@link SlotStep}.
 *
 * <p>A step first lists the slot rows its rows read ({@link #list}), checking each against its
 * column and keeping it in native memory, once for all its ranges of units; then each range is
 * stepped ({@link #step}) from that copy, ranges that share no cache line at the same time if they
 * use different sets of sums (each a row per slot of the columns, a tile wide). Every size is
 * checked here before the native calls. An instance keeps its scratch in native memory and a step
 * allocates nothing.
 */
public final class SlotTiles {
    /** A tile's width in bytes: four 64-byte vectors (dense4j_rows.c's TILE_BYTES). */
    public static final int TILE_BYTES = 256;

    private final StepParts parts;
    private final int columns;
    private final int firstRow;
    private final int endRow;
    private final int width;
    /** Per listing: the parts it covers and the rows each ran; and how many slot rows it listed, or -1 before the first. */
    private int listedParts;
    private final int[] listedPartRows;
    private int listed = -1;
    /**
     * The parts' dL/dZ addresses and rows; each column's bounds; the slot rows listed; per row of
     * the step and column, its slot row less the first; a byte per slot row, 1 where listed.
     */
    private final INDArray scratch;
    private final long listAddress;
    private final long sumRowsAddress;
    private final long touchedAddress;
    private final long boundsAddress;
    private final long partsAddress;
    /** Per set of sums, the tile's sum of every slot row, zero between steps, 64-byte aligned. */
    private final INDArray[] sums;
    private final long[] sumsAddresses;

    /**
     * @param sources   per part of a step, its dL/dZ rows [rows, width]
     * @param slotRows  per part, the weight row each of its rows' codes selected, [rows, columns]
     * @param firstRows each column's first slot row among the weights, ascending
     * @param slots     each column's number of slots; a column's rows end where the next's begin, or before
     * @param width     the elements of a row: the layer's units
     * @param capacity  the most rows a step gives, all parts together
     * @param sumSets   how many ranges of units may be stepped at the same time: a set of sums each
     */
    public SlotTiles(NativeArray[] sources, int[][] slotRows, int[] firstRows, int[] slots, int width, int capacity, int sumSets) {
        this.parts = new StepParts(sources, slotRows, firstRows.length, width, capacity);
        if (firstRows.length != slots.length || sumSets < 1) {
            throw new IllegalArgumentException(firstRows.length + " columns' first rows, " + slots.length + " slot counts, "
                    + sumSets + " sets of sums");
        }
        StepParts.checkColumnRows(0, firstRows, slots);
        this.columns = firstRows.length;
        this.firstRow = firstRows[0];
        this.endRow = firstRows[columns - 1] + slots[columns - 1];
        this.width = width;
        this.listedPartRows = new int[sources.length];
        long span = endRow - firstRow;
        // widest elements first, so that each part starts aligned for its own: the parts' words, then ints, then bytes
        long partsBytes = 16L * sources.length;
        long boundsBytes = 8L * columns;
        long listBytes = 4 * span;
        long sumRowsBytes = 4L * capacity * columns;
        long bytes = partsBytes + boundsBytes + listBytes + sumRowsBytes + span;
        this.scratch = Nd4j.create(DataType.LONG, (bytes + 7) / 8);
        this.partsAddress = scratch.data().addressPointer().address();
        this.boundsAddress = partsAddress + partsBytes;
        this.listAddress = boundsAddress + boundsBytes;
        this.sumRowsAddress = listAddress + listBytes;
        this.touchedAddress = sumRowsAddress + sumRowsBytes;
        StepParts.writeColumnRows(boundsAddress, firstRows, slots);
        this.sums = new INDArray[sumSets];
        this.sumsAddresses = new long[sumSets];
        for (int set = 0; set < sumSets; set++) {
            sums[set] = Nd4j.create(DataType.LONG, (64 + span * TILE_BYTES) / 8);
            sumsAddresses[set] = (sums[set].data().addressPointer().address() + 63) / 64 * 64;
        }
    }

    /**
     * Lists the slot rows that the first {@code parts} parts' rows read, part p having run
     * {@code partRows[p]} rows, for the steps that follow. Returns how many it listed.
     *
     * @throws IndexOutOfBoundsException if a row reads a slot outside its column; then nothing is listed
     */
    public int list(int parts, int[] partRows) {
        this.parts.rows(parts, partRows);
        this.parts.write(partsAddress, parts, partRows);
        int count = list(listAddress, touchedAddress, Math.max(listed, 0), sumRowsAddress, boundsAddress, partsAddress,
                this.parts.slotRowArrays(), parts, columns);
        Reference.reachabilityFence(scratch);
        listed = Math.max(count, 0);
        listedParts = parts;
        System.arraycopy(partRows, 0, listedPartRows, 0, parts);
        if (count < 0) {
            throw outsideItsColumn(-1 - count, partRows);
        }
        return count;
    }

    /**
     * Steps units [{@code from}, {@code to}) of the slot rows {@link #list} listed, with set
     * {@code sumSet} of the sums: weight row w of the layer is {@code target}'s elements from
     * {@code offset + w · width} on.
     */
    public void step(NativeArray target, long offset, int sumSet, int from, int to, double alpha) {
        if (listed < 0) {
            throw new IllegalStateException("a step's slot rows are listed before they are stepped");
        }
        Objects.checkIndex(sumSet, sums.length);
        Objects.checkFromToIndex(from, to, width);
        long first = offset + (long) firstRow * width;
        parts.checkTarget(target, first, (long) (endRow - firstRow) * width, listedParts, listedPartRows);
        if (listed == 0 || from == to) {
            return;
        }
        long at = target.address() + offset * target.dataType().width();
        if (target instanceof Float32Array) {
            stepFloats(at, sumsAddresses[sumSet], listAddress, listed, firstRow, sumRowsAddress, partsAddress, listedParts, columns,
                    width, from, to, (float) alpha);
        } else {
            stepDoubles(at, sumsAddresses[sumSet], listAddress, listed, firstRow, sumRowsAddress, partsAddress, listedParts, columns,
                    width, from, to, alpha);
        }
        Reference.reachabilityFence(target);
        Reference.reachabilityFence(parts);
        Reference.reachabilityFence(scratch);
        Reference.reachabilityFence(sums);
    }

    /** The error for the {@code index}-th (row, column) of the step, rows counted over the parts, whose slot lies outside the column. */
    private IndexOutOfBoundsException outsideItsColumn(int index, int[] partRows) {
        int column = index % columns;
        int[] at = StepParts.partAndRow(index / columns, partRows);
        return new IndexOutOfBoundsException("row " + at[1] + " of part " + at[0] + " reads weight row "
                + parts.slotRows(at[0])[at[1] * columns + column] + " for categorical column " + column
                + ", outside the column's slots");
    }

    private static native int list(long list, long touched, int previous, long sumRows, long bounds, long partsAt, int[][] slotRows,
                                   int parts, int columns);

    private static native void stepFloats(long target, long sums, long list, int count, int base, long sumRows, long partsAt,
                                          int parts, int columns, int width, int from, int to, float alpha);

    private static native void stepDoubles(long target, long sums, long list, int count, int base, long sumRows, long partsAt,
                                           int parts, int columns, int width, int from, int to, double alpha);
}
