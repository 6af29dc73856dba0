package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;

/**
 * {@link InputRows}' packing of the numeric columns and reading of the category codes, each in one
 * native call ({@code src/main/c/dense4j_input.c}), to the same values. Callers check
 * {@link NativeKernels#enabled()} when a plan is built. The arrays, the rows and every column index
 * are checked here, since the native loops check nothing but the codes.
 */
public final class NativeInputRows {
    private NativeInputRows() {
    }

    /** As {@link InputRows#gatherColumns}: target[r·k + j] = source[r·sourceWidth + columns[j]] for the first {@code rows} rows. */
    public static void gatherColumns(NativeArray source, int sourceWidth, int[] columns, NativeArray target, int rows) {
        NativeKernels.checkLoaded();
        checkRows(source, sourceWidth, columns, rows);
        Objects.checkFromIndexSize(0, (long) rows * columns.length, target.length());
        checkTypes(source, target);
        if (target instanceof Float32Array) {
            gatherColumnsFloats(source.address(), sourceWidth, columns, target.address(), rows);
        } else {
            gatherColumnsDoubles(source.address(), sourceWidth, columns, target.address(), rows);
        }
        Reference.reachabilityFence(source);
        Reference.reachabilityFence(target);
    }

    /**
     * As {@link InputRows#readSlotRows}: slotRows[r·k + j] = offsets[j] + the code at
     * source[r·sourceWidth + columns[j]], which must be a whole number in [0, limits[j]). Returns
     * −1, or the index r·k + j of the first cell that is not such a code (the entries from there on
     * are then unspecified).
     */
    public static int readSlotRows(NativeArray source, int sourceWidth, int[] columns, int[] limits, int[] offsets, int rows,
                                   int[] slotRows) {
        NativeKernels.checkLoaded();
        checkRows(source, sourceWidth, columns, rows);
        int k = columns.length;
        if (limits.length != k || offsets.length != k) {
            throw new IllegalArgumentException(k + " columns, " + limits.length + " limits and " + offsets.length + " offsets");
        }
        for (int j = 0; j < k; j++) { // so that offsets[j] + a code below limits[j] is an int in C, where overflow is undefined
            if (limits[j] < 0 || offsets[j] < 0 || (long) offsets[j] + limits[j] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("column " + columns[j] + " has " + limits[j] + " slots from weight row "
                        + offsets[j]);
            }
        }
        Objects.checkFromIndexSize(0, (long) rows * k, slotRows.length);
        int bad = source instanceof Float32Array
                ? readSlotRowsFloats(source.address(), sourceWidth, columns, limits, offsets, rows, slotRows)
                : readSlotRowsDoubles(source.address(), sourceWidth, columns, limits, offsets, rows, slotRows);
        Reference.reachabilityFence(source);
        return bad;
    }

    /** The first {@code rows} rows of {@code sourceWidth} values lie in {@code source}, and every column is one of them. */
    private static void checkRows(NativeArray source, int sourceWidth, int[] columns, int rows) {
        if (rows < 0 || sourceWidth < 1) {
            throw new IllegalArgumentException("rows " + rows + ", row width " + sourceWidth);
        }
        Objects.checkFromIndexSize(0, (long) rows * sourceWidth, source.length());
        for (int column : columns) {
            Objects.checkIndex(column, sourceWidth);
        }
    }

    private static void checkTypes(NativeArray source, NativeArray target) {
        if (source.dataType() != target.dataType()) {
            throw new IllegalArgumentException("columns are copied within one element type, got " + source.dataType() + " and "
                    + target.dataType());
        }
    }

    private static native void gatherColumnsFloats(long source, int sourceWidth, int[] columns, long target, int rows);

    private static native void gatherColumnsDoubles(long source, int sourceWidth, int[] columns, long target, int rows);

    private static native int readSlotRowsFloats(long source, int sourceWidth, int[] columns, int[] limits, int[] offsets, int rows,
                                                 int[] slotRows);

    private static native int readSlotRowsDoubles(long source, int sourceWidth, int[] columns, int[] limits, int[] offsets, int rows,
                                                  int[] slotRows);
}
