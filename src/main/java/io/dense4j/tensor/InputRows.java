package io.dense4j.tensor;

import java.util.Objects;

/**
 * Kernels over a batch's input rows as the plan holds them (numbers and category codes side by
 * side, in the file's column order): the numeric columns packed into an array of their own,
 * standardized in place, and the codes read, checked, into the weight rows they select. Typed
 * loops over raw addresses, as in {@link Elementwise}, with every bound checked before the loop.
 */
public final class InputRows {
    private InputRows() {
    }

    /**
     * target[r·k + j] = source[r·sourceWidth + columns[j]] for the first {@code rows} rows, k =
     * columns.length: some columns of each row, packed. Typed loops over raw addresses, no call per
     * element.
     */
    public static void gatherColumns(NativeArray source, int sourceWidth, int[] columns, NativeArray target, int rows) {
        int k = columns.length;
        Objects.checkFromIndexSize(0, (long) rows * sourceWidth, source.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, (long) rows * k, target.length());
        for (int column : columns) {
            Objects.checkIndex(column, sourceWidth);
        }
        long from = source.address();
        long to = target.address();
        if (target instanceof Float32Array) {
            for (int r = 0; r < rows; r++) {
                long row = from + 4L * r * sourceWidth;
                long out = to + 4L * r * k;
                for (int j = 0; j < k; j++) {
                    RawMemory.putFloat(out + 4L * j, RawMemory.getFloat(row + 4L * columns[j]));
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                long row = from + 8L * r * sourceWidth;
                long out = to + 8L * r * k;
                for (int j = 0; j < k; j++) {
                    RawMemory.putDouble(out + 8L * j, RawMemory.getDouble(row + 8L * columns[j]));
                }
            }
        }
    }

    /** values[r·width + j] ← (values[r·width + j] − mean[j]) · scale[j] for the first {@code rows} rows, in place. */
    public static void standardizeRows(NativeArray values, int rows, int width, NativeArray mean, NativeArray scale) {
        Objects.checkFromIndexSize(0, (long) rows * width, values.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, width, mean.length());
        Objects.checkFromIndexSize(0, width, scale.length());
        long at = values.address();
        long mu = mean.address();
        long s = scale.address();
        if (values instanceof Float32Array) {
            for (int r = 0; r < rows; r++, at += 4L * width) {
                for (long j = 0, end = 4L * width; j < end; j += 4) {
                    RawMemory.putFloat(at + j, (RawMemory.getFloat(at + j) - RawMemory.getFloat(mu + j)) * RawMemory.getFloat(s + j));
                }
            }
        } else {
            for (int r = 0; r < rows; r++, at += 8L * width) {
                for (long j = 0, end = 8L * width; j < end; j += 8) {
                    RawMemory.putDouble(at + j, (RawMemory.getDouble(at + j) - RawMemory.getDouble(mu + j)) * RawMemory.getDouble(s + j));
                }
            }
        }
    }

    /**
     * slotRows[r·k + j] = offsets[j] + the whole number at source[r·sourceWidth + columns[j]], which
     * must be a code in [0, limits[j]): the weight rows a batch's category codes select, read and
     * checked in one pass. Returns −1, or the index r·k + j of the first cell that is not such a
     * code (the entries from there on are then unspecified).
     */
    public static int readSlotRows(NativeArray source, int sourceWidth, int[] columns, int[] limits, int[] offsets, int rows,
                                   int[] slotRows) {
        int k = columns.length;
        Objects.checkFromIndexSize(0, (long) rows * sourceWidth, source.length()); // the loops below have no bounds checks
        Objects.checkFromIndexSize(0, (long) rows * k, slotRows.length);
        for (int column : columns) {
            Objects.checkIndex(column, sourceWidth);
        }
        long from = source.address();
        if (source instanceof Float32Array) {
            for (int r = 0, at = 0; r < rows; r++, from += 4L * sourceWidth) {
                for (int j = 0; j < k; j++, at++) {
                    float value = RawMemory.getFloat(from + 4L * columns[j]);
                    int code = (int) value;
                    if (code != value || code < 0 || code >= limits[j]) {
                        return at;
                    }
                    slotRows[at] = offsets[j] + code;
                }
            }
        } else {
            for (int r = 0, at = 0; r < rows; r++, from += 8L * sourceWidth) {
                for (int j = 0; j < k; j++, at++) {
                    double value = RawMemory.getDouble(from + 8L * columns[j]);
                    int code = (int) value;
                    if (code != value || code < 0 || code >= limits[j]) {
                        return at;
                    }
                    slotRows[at] = offsets[j] + code;
                }
            }
        }
        return -1;
    }
}
