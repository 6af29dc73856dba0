package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;

/**
 * Adds rows of one array into rows of another by index, a whole batch in one native call: the
 * gathers and scatters of a Dense layer that reads categorical columns' weight rows. Row by row
 * ({@link RowAdder}), each row costs a BLAS call, about 30 ns of it the call itself; nothing that
 * Java 17, ND4J or OpenBLAS offers adds indexed rows in one call faster (docs/benchmarks.md,
 * "Looking for a native gather-and-add"), so dense4j carries this small library of its own
 * ({@code src/main/c/dense4j_rows.c}, in {@link NativeKernels}' library).
 *
 * <p>Where {@link NativeKernels#enabled()} is false, callers add row by row, to the same bits.
 * Every index and size is checked here before the call: the native loops check nothing.
 */
public final class NativeRows {
    private NativeRows() {
    }

    /**
     * target row r += source row {@code slotRows[r · columns + c]} for the first {@code rows} rows
     * and every c, in that order, rows of {@code width} elements.
     */
    public static void gather(NativeArray source, NativeArray target, int[] slotRows, int rows, int columns, int width) {
        checkBatch(source, target, slotRows, rows, columns, 0, columns, width, source, target);
        if (source instanceof Float32Array) {
            gatherFloats(source.address(), target.address(), slotRows, rows, columns, width);
        } else {
            gatherDoubles(source.address(), target.address(), slotRows, rows, columns, width);
        }
        Reference.reachabilityFence(source);
        Reference.reachabilityFence(target);
    }

    /**
     * target row {@code slotRows[r · columns + c]} += source row r for the first {@code rows} rows
     * and each c in [{@code from}, {@code to}), in that order, rows of {@code width} elements.
     */
    public static void scatter(NativeArray source, NativeArray target, int[] slotRows, int rows, int columns, int from, int to,
                               int width) {
        checkBatch(source, target, slotRows, rows, columns, from, to, width, target, source);
        if (source instanceof Float32Array) {
            scatterFloats(source.address(), target.address(), slotRows, rows, columns, from, to, width);
        } else {
            scatterDoubles(source.address(), target.address(), slotRows, rows, columns, from, to, width);
        }
        Reference.reachabilityFence(source);
        Reference.reachabilityFence(target);
    }

    /**
     * The level-2 cache of one core in bytes, as the C library reports it, or 1 MiB where it
     * reports none: the cache that a loop over a step's rows can keep them in.
     */
    public static long levelTwoCacheBytes() {
        long reported = NativeKernels.loaded() ? levelTwoCacheSize() : 0;
        return reported > 0 ? reported : 1L << 20;
    }

    /** Rows {@code rows[0, count)} of {@code block}, rows of {@code width} elements, set to 0. */
    static void zeroRows(NativeArray block, int[] rows, int count, int width) {
        checkArrays(block, block, width);
        checkIndices(rows, count, block.length() / width);
        zeroRows(block.address(), rows, count, Math.multiplyExact(width, block.dataType().width()));
        Reference.reachabilityFence(block);
    }

    /**
     * Every row either side touches lies inside its array: {@code indexed}'s rows by the indices of
     * columns [from, to), {@code counted}'s the first {@code rows}.
     */
    private static void checkBatch(NativeArray source, NativeArray target, int[] slotRows, int rows, int columns, int from, int to,
                                   int width, NativeArray indexed, NativeArray counted) {
        checkArrays(source, target, width);
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("rows " + rows + ", columns " + columns);
        }
        Objects.checkFromToIndex(from, to, columns);
        Objects.checkFromIndexSize(0, (long) rows * width, counted.length());
        Objects.checkFromIndexSize(0, (long) rows * columns, slotRows.length);
        long tableRows = indexed.length() / width;
        for (int r = 0, at = 0; r < rows; r++, at += columns) {
            for (int c = from; c < to; c++) {
                Objects.checkIndex(slotRows[at + c], tableRows);
            }
        }
    }

    /**
     * The bytes of the vectors the loops that sum rows add in: the widest the CPU runs (64 with
     * AVX-512, 32 with AVX2, else 16), at most 16 or 32 if the environment variable
     * {@code DENSE4J_VECTOR_BYTES} says so when the library loads. Every width gives the same bits.
     */
    public static int vectorBytes() {
        NativeKernels.checkLoaded();
        return chosenVectorBytes();
    }

    /** The library is loaded, both arrays hold one element type, and a row has elements. */
    private static void checkArrays(NativeArray source, NativeArray target, int width) {
        NativeKernels.checkLoaded();
        if (source.dataType() != target.dataType()) {
            throw new IllegalArgumentException("rows are added within one element type, got " + source.dataType() + " and "
                    + target.dataType());
        }
        if (width < 1) {
            throw new IllegalArgumentException("a row has at least 1 element, got " + width);
        }
    }

    /** {@code indices[0, count)} exist and each names one of {@code tableRows} rows. */
    private static void checkIndices(int[] indices, long count, long tableRows) {
        Objects.checkFromIndexSize(0, count, indices.length);
        for (int i = 0; i < count; i++) {
            Objects.checkIndex(indices[i], tableRows);
        }
    }

    private static native int chosenVectorBytes();

    private static native void zeroRows(long target, int[] rows, int count, int rowBytes);

    private static native void gatherFloats(long source, long target, int[] slotRows, int rows, int columns, int width);

    private static native void scatterFloats(long source, long target, int[] slotRows, int rows, int columns, int from, int to,
                                             int width);

    private static native void gatherDoubles(long source, long target, int[] slotRows, int rows, int columns, int width);

    private static native void scatterDoubles(long source, long target, int[] slotRows, int rows, int columns, int from, int to,
                                              int width);

    private static native long levelTwoCacheSize();
}
