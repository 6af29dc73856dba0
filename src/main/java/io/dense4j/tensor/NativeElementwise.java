package io.dense4j.tensor;

import java.util.Objects;

/**
 * Elementwise loops that read one array and write another, in one native call
 * ({@code src/main/c/dense4j_elementwise.c}). Java 17's C2 does not vectorize them (see
 * {@link Elementwise}), and the native loop gives the same bits as the Java one. Callers check
 * {@link NativeKernels#enabled()} when a plan is built; arrays and counts are checked here, since
 * the native loop checks nothing.
 */
public final class NativeElementwise {
    private NativeElementwise() {
    }

    /** As {@link Elementwise#keepWherePositive}: g ← g where y &gt; 0, else 0, for ReLU outputs y. */
    public static void keepWherePositive(NativeArray outputs, NativeArray gradients, int count) {
        NativeKernels.checkLoaded();
        checkPair(outputs, gradients, count);
        if (gradients instanceof Float32Array) {
            keepWherePositiveFloats(outputs.address(), gradients.address(), count);
        } else {
            keepWherePositiveDoubles(outputs.address(), gradients.address(), count);
        }
    }

    /**
     * Both arrays hold one element type and {@code count} elements, in memory that does not
     * overlap: the native loop reads one while it writes the other.
     */
    private static void checkPair(NativeArray read, NativeArray written, int count) {
        if (read.dataType() != written.dataType()) {
            throw new IllegalArgumentException("both arrays hold one element type, got " + read.dataType() + " and "
                    + written.dataType());
        }
        Objects.checkFromIndexSize(0, count, read.length());
        Objects.checkFromIndexSize(0, count, written.length());
        long bytes = (long) count * read.dataType().width();
        if (count > 0 && read.address() < written.address() + bytes && written.address() < read.address() + bytes) {
            throw new IllegalArgumentException("the arrays overlap: " + count + " elements at " + Long.toHexString(read.address())
                    + " and " + Long.toHexString(written.address()));
        }
    }

    private static native void keepWherePositiveFloats(long outputs, long gradients, int count);

    private static native void keepWherePositiveDoubles(long outputs, long gradients, int count);
}
