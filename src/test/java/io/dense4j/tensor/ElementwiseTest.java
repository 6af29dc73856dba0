package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

class ElementwiseTest {

    private static NativeArray of(DataType type, double... values) {
        NativeArray array = NativeArray.allocate(type, values.length + 2).slice(1, values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluForwardClampsNegativesAndNegativeZeroToPositiveZero(DataType type) {
        NativeArray x = of(type, -2, -0.0, 0, 1e-30, 3.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NaN, -Double.MIN_VALUE, 7);
        Elementwise.maxZero(x, 9); // the last element is outside the count and stays
        double tiny = type == DataType.FLOAT ? 1.0000000031710769e-30 : 1e-30;
        assertArrayEquals(new double[] {0, 0, 0, tiny, 3.5, 0, Double.POSITIVE_INFINITY, Double.NaN, 0, 7},
                x.toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0}, new double[] {1 / x.get(1) > 0 ? 0 : 1, 1 / x.get(0) > 0 ? 0 : 1}, 0,
                "zeros are +0");
    }

    /** x86 makes NaN with the sign bit set (0 · ∞, ∞ − ∞): ReLU must pass it on, or a divergence hides. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluForwardKeepsNaNOfEitherSign(DataType type) {
        NativeArray x = NativeArray.allocate(type, 3);
        if (type == DataType.FLOAT) {
            FloatBuffer floats = ((Float32Array) x).buffer();
            floats.put(0, Float.intBitsToFloat(0xffc00000)).put(1, Float.intBitsToFloat(0x7fc00000))
                    .put(2, Float.intBitsToFloat(0xff800001));
        } else {
            DoubleBuffer doubles = ((Float64Array) x).buffer();
            doubles.put(0, Double.longBitsToDouble(0xfff8000000000000L)).put(1, Double.NaN)
                    .put(2, Double.longBitsToDouble(0xfff0000000000001L));
        }
        Elementwise.maxZero(x, 3);
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, x.toDoubleArray(), 0);
    }

    /**
     * Every kind of bit pattern, in runs long enough for C2 to compile (and vectorize) the loop:
     * positives and NaN keep their exact bits, everything else becomes +0.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluForwardMatchesTheDefinitionBitForBitOnRandomBits(DataType type) {
        int count = 1 << 18;
        NativeArray x = NativeArray.allocate(type, count + 1).slice(1, count);
        Random random = new Random(11);
        for (int round = 0; round < 8; round++) {
            long[] before = new long[count];
            for (int i = 0; i < count; i++) {
                if (type == DataType.FLOAT) {
                    int bits = random.nextInt();
                    ((Float32Array) x).buffer().put(i, Float.intBitsToFloat(bits));
                    before[i] = bits;
                } else {
                    long bits = random.nextLong();
                    ((Float64Array) x).buffer().put(i, Double.longBitsToDouble(bits));
                    before[i] = bits;
                }
            }
            Elementwise.maxZero(x, count);
            for (int i = 0; i < count; i++) {
                long after = type == DataType.FLOAT ? Float.floatToRawIntBits(((Float32Array) x).buffer().get(i))
                        : Double.doubleToRawLongBits(((Float64Array) x).buffer().get(i));
                double value = type == DataType.FLOAT ? Float.intBitsToFloat((int) before[i])
                        : Double.longBitsToDouble(before[i]);
                long expected = Double.isNaN(value) || value > 0 ? before[i] : 0;
                if (after != expected) {
                    throw new AssertionError("element " + i + ": bits " + Long.toHexString(before[i]) + " became "
                            + Long.toHexString(after) + ", expected " + Long.toHexString(expected));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluForwardRefusesACountBeyondTheRun(DataType type) {
        NativeArray x = NativeArray.allocate(type, 8).slice(2, 4);
        assertThrows(IndexOutOfBoundsException.class, () -> Elementwise.maxZero(x, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> Elementwise.maxZero(x, -1));
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void reluBackwardKeepsTheGradientExactlyWhereTheOutputIsPositive(DataType type) {
        NativeArray y = of(type, 0, 1e-30, 2, 0, Double.MIN_VALUE, 5);
        NativeArray g = of(type, 1.5, -2.25, 3, Double.NaN, -7, 9);
        Elementwise.keepWherePositive(y, g, 5);
        double tiny = type == DataType.FLOAT ? 0 : -7; // Double.MIN_VALUE rounds to +0 in float32
        assertArrayEquals(new double[] {0, -2.25, 3, 0, tiny, 9}, g.toDoubleArray(), 0);
    }

    @org.junit.jupiter.api.Test
    void dropoutMasksKeepTheRightShareAndAverageOne() {
        int n = 128_000;
        NativeArray mask = NativeArray.allocate(org.nd4j.linalg.api.buffer.DataType.FLOAT, n);
        int keepBelow = (int) Math.round(0.7 * 65536);
        double scale = 65536.0 / keepBelow;
        NativeArray ones = NativeArray.allocate(org.nd4j.linalg.api.buffer.DataType.FLOAT, n);
        ones.fill(1);
        NativeArray output = NativeArray.allocate(org.nd4j.linalg.api.buffer.DataType.FLOAT, n);
        long state = Elementwise.dropout(ones, mask, n, 42, keepBelow, scale);
        Elementwise.dropout(ones, output, n, 42, keepBelow, scale);
        org.junit.jupiter.api.Assertions.assertArrayEquals(mask.toDoubleArray(), output.toDoubleArray(), 0,
                "the same state replays the same mask");
        long dropped = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            dropped += mask.get(i) == 0 ? 1 : 0;
            sum += mask.get(i);
            org.junit.jupiter.api.Assertions.assertTrue(mask.get(i) == 0 || mask.get(i) == (float) scale);
        }
        // 128,000 draws at p = 0.3: the share's standard deviation is 0.0013, the mean's about 0.002
        org.junit.jupiter.api.Assertions.assertEquals(0.3, dropped / (double) n, 0.006);
        org.junit.jupiter.api.Assertions.assertEquals(1.0, sum / n, 0.01);
        org.junit.jupiter.api.Assertions.assertEquals(42 + (n / 4) * 0x9E3779B97F4A7C15L, state, "one draw per four values");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void anUnscaledDropoutKeepsTheSameUnitsAndTheirValuesAsTheyAre(DataType type) {
        int n = 1_003; // a tail of three values after the draws of four
        int keepBelow = (int) Math.round(0.6 * 65536);
        double scale = 65536.0 / keepBelow;
        NativeArray values = NativeArray.allocate(type, n);
        NativeArray scaled = NativeArray.allocate(type, n);
        for (int i = 0; i < n; i++) {
            values.set(i, i % 7 == 0 ? 0 : 0.5 + i);
        }
        long stateScaled = Elementwise.dropout(values, scaled, n, 99, keepBelow, scale);
        NativeArray unscaled = NativeArray.allocate(type, n);
        unscaled.copyFrom(values, 0, 0, n);
        long stateUnscaled = Elementwise.dropoutUnscaled(unscaled, n, 99, keepBelow);
        org.junit.jupiter.api.Assertions.assertEquals(stateScaled, stateUnscaled, "the same draws");
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean keeps = scaled.get(i) != 0;
            kept += keeps ? 1 : 0;
            org.junit.jupiter.api.Assertions.assertEquals(keeps ? values.get(i) : 0, unscaled.get(i), 0, "value " + i);
            org.junit.jupiter.api.Assertions.assertEquals(scaled.get(i), unscaled.get(i) * (type == DataType.FLOAT ? (float) scale : scale),
                    1e-5 * Math.abs(scaled.get(i)), "value " + i);
        }
        org.junit.jupiter.api.Assertions.assertTrue(kept > 500 && kept < 700, "kept " + kept);
    }
}
