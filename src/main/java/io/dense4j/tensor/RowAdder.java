package io.dense4j.tensor;

import java.util.Objects;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * Adds a row of one array into a row of another, {@code target[t] += source[s]}, rows of
 * {@code width} elements: the gathers and scatters of a layer that reads weight rows by index,
 * where {@link NativeRows} does not do a batch's in one call (another platform, or turned off).
 * Wide rows go through BLAS's axpy, one native call each on two pointers made here once and moved
 * for each call; a Java loop on raw memory is scalar, as C2 does not vectorize it. Narrow rows take
 * that loop, where the call costs more than the adds. One adder per pair of arrays and per thread:
 * the pointers are its state.
 */
public final class RowAdder {
    /** Rows at least this wide go through axpy (the two ways cost the same at about 48 to 64 elements here). */
    static final int AXPY_FROM_WIDTH = 64;

    private final NativeArray source;
    private final NativeArray target;
    private final int width;
    private final boolean float32;
    private final FloatPointer sourceFloats;
    private final FloatPointer targetFloats;
    private final DoublePointer sourceDoubles;
    private final DoublePointer targetDoubles;
    private final long sourceStart;
    private final long targetStart;

    public RowAdder(NativeArray source, NativeArray target, int width) {
        if (source.dataType() != target.dataType()) {
            throw new IllegalArgumentException("rows are added within one element type, got " + source.dataType() + " and "
                    + target.dataType());
        }
        if (width < 1) {
            throw new IllegalArgumentException("a row has at least 1 element, got " + width);
        }
        this.source = source;
        this.target = target;
        this.width = width;
        this.float32 = source instanceof Float32Array;
        this.sourceStart = source.pointer().position();
        this.targetStart = target.pointer().position();
        this.sourceFloats = float32 ? new FloatPointer(source.pointer()) : null;
        this.targetFloats = float32 ? new FloatPointer(target.pointer()) : null;
        this.sourceDoubles = float32 ? null : new DoublePointer(source.pointer());
        this.targetDoubles = float32 ? null : new DoublePointer(target.pointer());
    }

    /** target's row {@code targetRow} += source's row {@code sourceRow}. */
    public void add(int sourceRow, int targetRow) {
        if (width < AXPY_FROM_WIDTH) {
            Elementwise.addRow(source, sourceRow, target, targetRow, width);
            return;
        }
        axpy(1, sourceRow, targetRow);
    }

    /**
     * Source row {@code row} *= α, then target row {@code row} += source row {@code row}: plain SGD's
     * step on a gradient row with two roundings, a multiply and then an add (an axpy with α = 1 adds
     * exactly, fused or not), as {@link SlotStep} steps a row whose gradient it sums.
     * The source row is left scaled.
     */
    public void scaleThenAdd(double alpha, int row) {
        long at = (long) row * width;
        Objects.checkFromIndexSize(at, width, source.length());
        Objects.checkFromIndexSize(at, width, target.length());
        if (float32) {
            openblas_nolapack.cblas_sscal(width, (float) alpha, sourceFloats.position(sourceStart + at), 1);
        } else {
            openblas_nolapack.cblas_dscal(width, alpha, sourceDoubles.position(sourceStart + at), 1);
        }
        axpy(1, row, row);
    }

    private void axpy(double alpha, int sourceRow, int targetRow) {
        long from = (long) sourceRow * width;
        long to = (long) targetRow * width;
        Objects.checkFromIndexSize(from, width, source.length()); // BLAS would read and write out of bounds silently
        Objects.checkFromIndexSize(to, width, target.length());
        if (float32) {
            openblas_nolapack.cblas_saxpy(width, (float) alpha, sourceFloats.position(sourceStart + from), 1,
                    targetFloats.position(targetStart + to), 1);
        } else {
            openblas_nolapack.cblas_daxpy(width, alpha, sourceDoubles.position(sourceStart + from), 1,
                    targetDoubles.position(targetStart + to), 1);
        }
    }
}
