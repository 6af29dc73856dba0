package io.dense4j.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A confident row's gradient below 2⁻¹⁰⁰ is written as 0 in float32, and so is a sigmoid output
 * below 2⁻¹⁰⁰: no subnormal float leaves the loss or a sigmoid, since x86 computes on them many
 * times slower. Larger values, and float64, are written as they are.
 */
class NegligibleGradientTest {

    @Test
    void aConfidentRowsGradientBelowTwoToTheMinusHundredIsZeroInFloat32Only() {
        // rows: y = 0 with z = −90 (σ = 8.2e−40: subnormal in float32), −80 (σ = 1.8e−35), −69.4 (σ = 7.2e−31, just
        // below 2⁻¹⁰⁰ = 7.9e−31), −60 (σ = 8.8e−27, kept), and y = 1 with z = 90 (σ − 1 = −8.2e−40 exactly; 0 in double)
        double[] z = {-90, -80, -69.4, -60, 90};
        double[] y = {0, 0, 0, 0, 1};
        NativeArray float32 = NativeArray.allocate(DataType.FLOAT, z.length);
        NativeArray float64 = NativeArray.allocate(DataType.DOUBLE, z.length);
        CrossEntropy.fromLogits(NativeArray.of(DataType.FLOAT, z), NativeArray.of(DataType.FLOAT, y), z.length, 1.0,
                ClassWeights.NONE, float32);
        CrossEntropy.fromLogits(NativeArray.of(DataType.DOUBLE, z), NativeArray.of(DataType.DOUBLE, y), z.length, 1.0,
                ClassWeights.NONE, float64);
        assertEquals(0.0, float32.get(0));
        assertEquals(0.0, float32.get(1));
        assertEquals(0.0, float32.get(2));
        assertEquals((float) Math.exp(-60), float32.get(3), 1e-33);
        assertEquals(0.0, float32.get(4));
        assertEquals(Math.exp(-90) / (1 + Math.exp(-90)), float64.get(0), 1e-50); // float64 keeps them
        assertEquals(Math.exp(-80) / (1 + Math.exp(-80)), float64.get(1), 1e-45);
        for (int i = 0; i < z.length; i++) {
            float value = (float) float32.get(i);
            assertTrue(value == 0 || Math.abs(value) >= Float.MIN_NORMAL, "row " + i + ": " + value + " is subnormal");
        }

        // weighted: the same rule
        NativeArray weighted = NativeArray.allocate(DataType.FLOAT, 2);
        CrossEntropy.fromLogits(NativeArray.of(DataType.FLOAT, -90, -60), NativeArray.of(DataType.FLOAT, 0, 0), 2, 1.0,
                new ClassWeights(2, 3), weighted);
        assertEquals(0.0, weighted.get(0));
        assertEquals(2 * Math.exp(-60), weighted.get(1), 1e-32);
    }

    @Test
    void aSigmoidOutputBelowTwoToTheMinusHundredIsZeroInFloat32() {
        NativeArray values = NativeArray.of(DataType.FLOAT, -95, -70, -60, 0, 95);
        Elementwise.sigmoid(values, 5);
        assertEquals(0.0, values.get(0)); // 5.5e−42, subnormal
        assertEquals(0.0, values.get(1)); // 4.0e−31 < 2⁻¹⁰⁰
        assertEquals((float) Math.exp(-60), values.get(2), 1e-33);
        assertEquals(0.5, values.get(3));
        assertEquals(1.0, values.get(4));
        NativeArray doubles = NativeArray.of(DataType.DOUBLE, -95);
        Elementwise.sigmoid(doubles, 1);
        assertEquals(Math.exp(-95) / (1 + Math.exp(-95)), doubles.get(0), 1e-55);
    }
}
