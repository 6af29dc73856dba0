package io.dense4j.tensor;

import java.lang.ref.Reference;
import java.util.Objects;

/**
 * Elementwise loops in one native call ({@code src/main/c/dense4j_elementwise.c}): those that read
 * one array and write another, the sigmoid and Adam's update, none of which Java 17's C2
 * vectorizes (see {@link Elementwise}). Each native loop gives the same bits as its Java twin. Callers check
 * {@link NativeKernels#enabled()} when a plan is built; arrays and counts are checked here, since
 * the native loop checks nothing, and each array is kept reachable until its loop returns, so
 * that its memory cannot be freed under it.
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
        Reference.reachabilityFence(outputs);
        Reference.reachabilityFence(gradients);
    }

    /**
     * As {@link Elementwise#sigmoid}: x ← σ(x) in place. Float32 values go through the native
     * loop, {@link FloatSigmoid}'s operations vectorized; float64 values stay in Java, where
     * {@code Math.exp} keeps them exact for gradient checks.
     */
    public static void sigmoid(NativeArray values, int count) {
        if (values instanceof Float32Array) {
            NativeKernels.checkLoaded();
            Objects.checkFromIndexSize(0, count, values.length());
            sigmoidFloats(values.address(), count);
            Reference.reachabilityFence(values);
        } else {
            Elementwise.sigmoid(values, count);
        }
    }

    /** As {@link Elementwise#sigmoidBackward}: g ← g · y(1 − y), for sigmoid outputs y. */
    public static void sigmoidBackward(NativeArray outputs, NativeArray gradients, int count) {
        NativeKernels.checkLoaded();
        checkPair(outputs, gradients, count);
        if (gradients instanceof Float32Array) {
            sigmoidBackwardFloats(outputs.address(), gradients.address(), count);
        } else {
            sigmoidBackwardDoubles(outputs.address(), gradients.address(), count);
        }
        Reference.reachabilityFence(outputs);
        Reference.reachabilityFence(gradients);
    }

    /**
     * As {@link UpdateLoops#adam}: one Adam step over every element of four arrays of one length
     * and element type, which must not overlap.
     */
    public static void adam(NativeArray parameters, NativeArray gradients, NativeArray firstMoment, NativeArray secondMoment,
                            double beta1, double beta2, double stepSize, double epsilon) {
        NativeKernels.checkLoaded();
        int count = parameters.length();
        if (gradients.length() != count || firstMoment.length() != count || secondMoment.length() != count) {
            throw new IllegalArgumentException("Adam's arrays have one length, got " + count + ", " + gradients.length() + ", "
                    + firstMoment.length() + " and " + secondMoment.length());
        }
        // every pair, without an array to loop over: this runs every step, which allocates nothing
        checkPair(parameters, gradients, count);
        checkPair(parameters, firstMoment, count);
        checkPair(parameters, secondMoment, count);
        checkPair(gradients, firstMoment, count);
        checkPair(gradients, secondMoment, count);
        checkPair(firstMoment, secondMoment, count);
        if (parameters instanceof Float32Array) {
            adamFloats(parameters.address(), gradients.address(), firstMoment.address(), secondMoment.address(), count,
                    (float) beta1, (float) beta2, (float) stepSize, (float) epsilon);
        } else {
            adamDoubles(parameters.address(), gradients.address(), firstMoment.address(), secondMoment.address(), count, beta1, beta2,
                    stepSize, epsilon);
        }
        Reference.reachabilityFence(parameters);
        Reference.reachabilityFence(gradients);
        Reference.reachabilityFence(firstMoment);
        Reference.reachabilityFence(secondMoment);
    }

    /**
     * e^t in place over float64 values −80 ≤ t ≤ 0, as the native sigmoid computes it, so that tests
     * can compare its bits with {@link FloatSigmoid#expOfNonPositive}'s: a float32 sigmoid hides
     * all but rare differences in the last bits of its double.
     */
    static void expOfNonPositive(NativeArray values, int count) {
        NativeKernels.checkLoaded();
        if (!(values instanceof Float64Array)) {
            throw new IllegalArgumentException("e^t is computed in float64, got " + values.dataType());
        }
        Objects.checkFromIndexSize(0, count, values.length());
        expOfNonPositiveDoubles(values.address(), count);
        Reference.reachabilityFence(values);
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
        if (NativeArray.overlap(read, count, written, count)) {
            throw new IllegalArgumentException("the arrays overlap: " + count + " elements at " + Long.toHexString(read.address())
                    + " and " + Long.toHexString(written.address()));
        }
    }

    private static native void keepWherePositiveFloats(long outputs, long gradients, int count);

    private static native void keepWherePositiveDoubles(long outputs, long gradients, int count);

    private static native void sigmoidFloats(long values, int count);

    private static native void adamFloats(long parameters, long gradients, long firstMoment, long secondMoment, int count, float beta1,
                                          float beta2, float stepSize, float epsilon);

    private static native void adamDoubles(long parameters, long gradients, long firstMoment, long secondMoment, int count,
                                           double beta1, double beta2, double stepSize, double epsilon);

    private static native void expOfNonPositiveDoubles(long values, int count);

    private static native void sigmoidBackwardFloats(long outputs, long gradients, int count);

    private static native void sigmoidBackwardDoubles(long outputs, long gradients, int count);
}
