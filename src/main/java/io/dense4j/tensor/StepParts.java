package io.dense4j.tensor;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What plain SGD's native slot steps ({@link SlotStep}, {@link SlotTiles}) read of each part of a
 * step: its dL/dZ rows and the weight row each row's code selected per categorical column. Checks
 * them when a step is planned and each time it runs, before the native call, and writes the
 * parts' addresses and row counts where the call reads them; and the columns' slot rows, checked
 * and written once.
 */
final class StepParts {
    /** The most parts a step may have: a native call keeps two words per part on its stack. */
    static final int MAX_PARTS = 1024;

    private final NativeArray[] sources;
    private final int[][] slotRows;
    private final int columns;
    private final int width;
    private final int capacity;

    /**
     * @param sources  per part of a step, its dL/dZ rows [rows, width]
     * @param slotRows per part, the weight row each of its rows' codes selected, [rows, columns]
     * @param capacity the most rows a step gives, all parts together
     */
    StepParts(NativeArray[] sources, int[][] slotRows, int columns, int width, int capacity) {
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
        for (int[] rows : slotRows) {
            Objects.requireNonNull(rows, "a part's slot rows");
        }
        if (columns < 1 || width < 1 || capacity < 0) {
            throw new IllegalArgumentException("columns " + columns + ", width " + width + ", capacity " + capacity);
        }
        this.sources = sources.clone();
        this.slotRows = slotRows.clone();
        this.columns = columns;
        this.width = width;
        this.capacity = capacity;
    }

    /**
     * Columns [{@code from}, {@code from + firstRows.length}) have slots[i] slot rows each from row
     * firstRows[i] on, each column's rows after the last's, all within an int.
     */
    static void checkColumnRows(int from, int[] firstRows, int[] slots) {
        for (int c = 0; c < firstRows.length; c++) {
            long previousEnd = c == 0 ? 0 : (long) firstRows[c - 1] + slots[c - 1];
            if (slots[c] < 1 || firstRows[c] < previousEnd || (long) firstRows[c] + slots[c] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("column " + (from + c) + " has " + slots[c] + " slots from row " + firstRows[c]
                        + ": the columns' rows must follow one another");
            }
        }
    }

    /** Writes each column's first and end slot row at {@code address}, two ints a column, as the native calls read them. */
    static void writeColumnRows(long address, int[] firstRows, int[] slots) {
        for (int c = 0; c < firstRows.length; c++) {
            RawMemory.putInt(address + 8L * c, firstRows[c]);
            RawMemory.putInt(address + 8L * c + 4, firstRows[c] + slots[c]);
        }
    }

    int count() {
        return sources.length;
    }

    DataType dataType() {
        return sources[0].dataType();
    }

    /** Every part's slot rows, as the native call takes them: not to be written. */
    int[][] slotRowArrays() {
        return slotRows;
    }

    /** Part p's slot rows. */
    int[] slotRows(int part) {
        return slotRows[part];
    }

    /** Checks that the first {@code parts} parts hold the rows they ran, {@code partRows[p]} for part p; returns the rows in all. */
    long rows(int parts, int[] partRows) {
        Objects.checkFromIndexSize(0, parts, Math.min(sources.length, partRows.length));
        long rows = 0;
        for (int p = 0; p < parts; p++) {
            int count = partRows[p];
            if (count < 0 || (long) count * width > sources[p].length() || (long) count * columns > slotRows[p].length) {
                throw new IndexOutOfBoundsException("part " + p + " of the step ran " + count + " rows, more than its arrays hold");
            }
            rows += count;
        }
        if (rows > capacity) {
            throw new IndexOutOfBoundsException("the step ran " + rows + " rows, more than the " + capacity + " planned for");
        }
        return rows;
    }

    /**
     * Checks that a step whose parts ran {@code partRows[p]} rows may write {@code count}
     * elements of {@code target} from {@code start}: the element type, the bounds, and no memory
     * shared with the rows it reads, which the native call reads through restrict pointers.
     */
    void checkTarget(NativeArray target, long start, long count, int parts, int[] partRows) {
        if (target.dataType() != dataType()) {
            throw new IllegalArgumentException("the stepped rows are " + target.dataType() + ", the summed rows " + dataType());
        }
        Objects.checkFromIndexSize(start, count, target.length());
        for (int p = 0; p < parts; p++) {
            if (NativeArray.overlap(sources[p], (long) partRows[p] * width, target, start, count)) {
                throw new IllegalArgumentException("the rows stepped and the rows summed share memory");
            }
        }
    }

    /** Writes the first {@code parts} parts' dL/dZ addresses, then their row counts, as 64-bit words from {@code address}. */
    void write(long address, int parts, int[] partRows) {
        for (int p = 0; p < parts; p++) {
            RawMemory.putLong(address + 8L * p, sources[p].address());
            RawMemory.putLong(address + 8L * (parts + p), partRows[p]);
        }
    }

    /** {part, row in it} of the step's {@code index}-th row, counted over the parts. */
    static int[] partAndRow(int index, int[] partRows) {
        int part = 0;
        while (index >= partRows[part]) {
            index -= partRows[part++];
        }
        return new int[] {part, index};
    }
}
