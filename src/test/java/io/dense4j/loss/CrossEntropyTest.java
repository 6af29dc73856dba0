package io.dense4j.loss;

import static org.nd4j.linalg.api.buffer.DataType.DOUBLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.tensor.NativeArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class CrossEntropyTest {

    @Test
    void fromLogitsMatchesTheDefinitionAndItsGradient() {
        // z = 0, y = 1: ℓ = log 2, dℓ/dz = ½ − 1;  z = 2, y = 0: ℓ = 2 + log(1 + e^−2) = log(1 + e^2), dℓ/dz = σ(2)
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 2);
        double sum = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, 0, 2), NativeArray.of(DOUBLE, 1, 0), 2, 0.5, gradient);
        assertEquals(Math.log(2) + Math.log1p(Math.exp(2)), sum, 1e-15);
        double sigmoidTwo = 1 / (1 + Math.exp(-2));
        assertArrayEquals(new double[] {-0.5 / 2, sigmoidTwo / 2}, gradient.toDoubleArray(), 1e-15);
    }

    @Test
    void fromProbabilitiesAgreesWithFromLogitsAwayFromTheClip() {
        double z = 0.7;
        double p = 1 / (1 + Math.exp(-z));
        NativeArray gradP = NativeArray.allocate(DataType.DOUBLE, 1);
        NativeArray gradZ = NativeArray.allocate(DataType.DOUBLE, 1);
        double onP = CrossEntropy.fromProbabilities(NativeArray.of(DOUBLE, p), NativeArray.of(DOUBLE, 0), 1, 1.0, gradP);
        double onZ = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, z), NativeArray.of(DOUBLE, 0), 1, 1.0, gradZ);
        assertEquals(onZ, onP, 1e-15);
        // chain rule through σ: dℓ/dz = dℓ/dp · p(1 − p)
        assertEquals(gradZ.get(0), gradP.get(0) * p * (1 - p), 1e-15);
    }

    @Test
    void aClippedProbabilityCostsMinusLogEpsilonAndHasNoGradient() {
        // p = 1 for y = 0: clipped to 1 − 1e−7, so ℓ = −log(1e−7) = 16.118…; the clipped loss is flat, gradient 0
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 1);
        double loss = CrossEntropy.fromProbabilities(NativeArray.of(DOUBLE, 1.0), NativeArray.of(DOUBLE, 0), 1, 1.0, gradient);
        assertEquals(-Math.log(1e-7), loss, 1e-6);
        assertEquals(0, gradient.get(0));
    }
}
