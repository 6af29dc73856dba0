package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class SubnormalsTest {
    private static final float LARGEST_SUBNORMAL = Math.nextDown(Float.MIN_NORMAL);

    /** Each value, and what flushing leaves of it: subnormals become +0, everything else is kept bit for bit. */
    private static final float[][] CASES = {
            {0f, 0f}, {-0f, 0f}, {Float.MIN_VALUE, 0f}, {-Float.MIN_VALUE, 0f}, {LARGEST_SUBNORMAL, 0f},
            {-1e-40f, 0f}, {Float.MIN_NORMAL, Float.MIN_NORMAL}, {-Float.MIN_NORMAL, -Float.MIN_NORMAL},
            {1.5f, 1.5f}, {-3e-30f, -3e-30f}, {Float.MAX_VALUE, Float.MAX_VALUE},
            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
            {Float.NaN, Float.NaN}};

    @Test
    void aSubnormalFloatBecomesZeroNothingElseChangesAndFloat64IsLeftExact() {
        float[] values = new float[CASES.length];
        float[] expected = new float[CASES.length];
        for (int i = 0; i < CASES.length; i++) {
            values[i] = CASES[i][0];
            expected[i] = CASES[i][1];
        }
        NativeArray floats = NativeArray.allocate(DataType.FLOAT, values.length);
        for (int i = 0; i < values.length; i++) {
            floats.set(i, values[i]);
        }
        Subnormals.flushToZero(floats);
        for (int i = 0; i < values.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits((float) floats.get(i)), "value " + values[i]);
        }
        NativeArray doubles = NativeArray.of(DataType.DOUBLE, 1e-310, -Double.MIN_VALUE, 1e-40);
        Subnormals.flushToZero(doubles);
        assertArrayEquals(new double[] {1e-310, -Double.MIN_VALUE, 1e-40}, doubles.toDoubleArray(), 0);
    }
}
