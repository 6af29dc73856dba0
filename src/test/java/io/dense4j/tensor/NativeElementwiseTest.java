package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The native elementwise loops give the Java loops' bits, on every kind of value and length. */
class NativeElementwiseTest {

    @BeforeEach
    void needsTheLibrary() {
        assumeTrue(NativeKernels.enabled(), "no native library on this platform: plans use the Java loops");
    }

    /** An array one element into a larger one, so that the loops start off a vector boundary. */
    private static NativeArray offset(DataType type, int length) {
        return NativeArray.allocate(type, length + 2).slice(1, length);
    }

    private static void setBits(NativeArray array, int i, long bits) {
        if (array instanceof Float32Array floats) {
            floats.buffer().put(i, Float.intBitsToFloat((int) bits));
        } else {
            ((Float64Array) array).buffer().put(i, Double.longBitsToDouble(bits));
        }
    }

    private static long[] bits(NativeArray array) {
        long[] bits = new long[(int) array.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = array instanceof Float32Array floats ? Float.floatToRawIntBits(floats.buffer().get(i))
                    : Double.doubleToRawLongBits(((Float64Array) array).buffer().get(i));
        }
        return bits;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluBackwardKeepsTheGradientExactlyWhereTheOutputIsPositive(DataType type) {
        NativeArray y = offset(type, 7);
        NativeArray g = offset(type, 7);
        double[] outputs = {0, 1e-30, 2, 0, Double.MIN_VALUE, 5, Double.POSITIVE_INFINITY};
        double[] gradients = {1.5, -2.25, 3, Double.NaN, -7, 9, -4};
        for (int i = 0; i < 7; i++) {
            y.set(i, outputs[i]);
            g.set(i, gradients[i]);
        }
        NativeElementwise.keepWherePositive(y, g, 6); // the last gradient is outside the count and stays
        double tiny = type == DataType.FLOAT ? 0 : -7; // Double.MIN_VALUE rounds to +0 in float32
        assertArrayEquals(new double[] {0, -2.25, 3, 0, tiny, 9, -4}, g.toDoubleArray(), 0);
    }

    /**
     * Random ReLU outputs (half zeros, subnormals, NaN of either sign, as ReLU forward keeps them)
     * and gradients (NaN, infinities, −0): bit for bit the Java loop's result, for lengths around
     * the vector widths.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluBackwardGivesTheJavaLoopsBits(DataType type) {
        boolean floats = type == DataType.FLOAT;
        long[] specials = floats
                ? new long[] {0x7fc00000L, 0xffc00000L, 0x00000001L, 0x007fffffL, 0x7f800000L, 0x80000000L}
                : new long[] {0x7ff8000000000000L, 0xfff8000000000000L, 1L, 0x000fffffffffffffL, 0x7ff0000000000000L,
                              0x8000000000000000L};
        Random random = new Random(7);
        for (int length : new int[] {1, 7, 15, 16, 17, 33, 1000, 65_539}) {
            NativeArray y = offset(type, length);
            NativeArray nativeG = offset(type, length);
            NativeArray javaG = offset(type, length);
            for (int i = 0; i < length; i++) {
                y.set(i, Math.max(0, random.nextGaussian()));
                nativeG.set(i, random.nextGaussian());
                if (random.nextInt(8) == 0) {
                    setBits(y, i, specials[random.nextInt(4)]); // NaNs and subnormals
                }
                if (random.nextInt(8) == 0) {
                    setBits(nativeG, i, specials[random.nextInt(specials.length)]);
                }
            }
            javaG.copyFrom(nativeG, 0, 0, length);
            int count = length - (length > 1 ? 1 : 0); // the last element stays outside the count
            NativeElementwise.keepWherePositive(y, nativeG, count);
            Elementwise.keepWherePositive(y, javaG, count);
            assertArrayEquals(bits(javaG), bits(nativeG), "length " + length);
        }
    }

    @Test
    void refusesWhatTheNativeLoopCannotCheck() {
        NativeArray y = NativeArray.allocate(DataType.FLOAT, 8);
        NativeArray g = NativeArray.allocate(DataType.FLOAT, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> NativeElementwise.keepWherePositive(y, g.slice(0, 4), 5));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeElementwise.keepWherePositive(y, g, -1));
        assertThrows(IllegalArgumentException.class,
                () -> NativeElementwise.keepWherePositive(NativeArray.allocate(DataType.DOUBLE, 8), g, 8));
        assertThrows(IllegalArgumentException.class, () -> NativeElementwise.keepWherePositive(y.slice(0, 4), y.slice(3, 4), 4),
                "overlapping arrays");
    }
}
