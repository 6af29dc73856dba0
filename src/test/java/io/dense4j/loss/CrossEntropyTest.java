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
        double sum = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, 0, 2), NativeArray.of(DOUBLE, 1, 0), 2, 0.5, ClassWeights.NONE, gradient);
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
        double onP = CrossEntropy.fromProbabilities(NativeArray.of(DOUBLE, p), NativeArray.of(DOUBLE, 0), 1, 1.0, ClassWeights.NONE, gradP);
        double onZ = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, z), NativeArray.of(DOUBLE, 0), 1, 1.0, ClassWeights.NONE, gradZ);
        assertEquals(onZ, onP, 1e-15);
        // chain rule through σ: dℓ/dz = dℓ/dp · p(1 − p)
        assertEquals(gradZ.get(0), gradP.get(0) * p * (1 - p), 1e-15);
    }

    @Test
    void aClippedProbabilityCostsMinusLogEpsilonAndHasNoGradient() {
        // p = 1 for y = 0: clipped to 1 − 1e−7, so ℓ = −log(1e−7) = 16.118…; the clipped loss is flat, gradient 0
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 1);
        double loss = CrossEntropy.fromProbabilities(NativeArray.of(DOUBLE, 1.0), NativeArray.of(DOUBLE, 0), 1, 1.0, ClassWeights.NONE, gradient);
        assertEquals(-Math.log(1e-7), loss, 1e-6);
        assertEquals(0, gradient.get(0));
    }

    @Test
    void classWeightsScaleEachClasssLossAndGradient() {
        // z = 0, y = 1, w₁ = 3: ℓ = 3·log 2, dℓ/dz = 3·(½ − 1);  z = 2, y = 0, w₀ = ½: ℓ = ½·log(1 + e²), dℓ/dz = ½·σ(2)
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 2);
        ClassWeights weights = new ClassWeights(0.5, 3);
        double sum = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, 0, 2), NativeArray.of(DOUBLE, 1, 0), 2, 1.0, weights, gradient);
        assertEquals(3 * Math.log(2) + 0.5 * Math.log(1 + Math.exp(2)), sum, 1e-15);
        assertEquals(3 * (0.5 - 1), gradient.get(0), 1e-15);
        assertEquals(0.5 / (1 + Math.exp(-2)), gradient.get(1), 1e-15);
        assertEquals(sum, CrossEntropy.value(NativeArray.of(DOUBLE, 0, 2), NativeArray.of(DOUBLE, 1, 0), 2, true, weights), 1e-15);
        assertEquals(Math.log(2) + Math.log(1 + Math.exp(2)),
                CrossEntropy.value(NativeArray.of(DOUBLE, 0, 2), NativeArray.of(DOUBLE, 1, 0), 2, true), 1e-15, "evaluation is unweighted");
    }

    @Test
    void rowWeightsScaleEachRowsLossAndGradientOnTopOfClassWeights() {
        // z = 0, y = 1, s = 2, w₁ = 3: ℓ = 6·log 2, dℓ/dz = 6·(½ − 1);  z = 2, y = 0, s = ¼, w₀ = ½: ℓ = ⅛·log(1 + e²),
        // dℓ/dz = ⅛·σ(2); a row of weight 0 adds nothing and gets no gradient
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 3);
        NativeArray logits = NativeArray.of(DOUBLE, 0, 2, -1.5);
        NativeArray labels = NativeArray.of(DOUBLE, 1, 0, 1);
        NativeArray rowWeights = NativeArray.of(DOUBLE, 2, 0.25, 0);
        ClassWeights weights = new ClassWeights(0.5, 3);
        double sum = CrossEntropy.fromLogits(logits, labels, rowWeights, 3, 0.5, weights, gradient);
        assertEquals(6 * Math.log(2) + 0.125 * Math.log(1 + Math.exp(2)), sum, 1e-15);
        assertArrayEquals(new double[] {6 * (0.5 - 1) * 0.5, 0.125 / (1 + Math.exp(-2)) * 0.5, 0}, gradient.toDoubleArray(), 1e-15);
        assertEquals(sum, CrossEntropy.value(logits, labels, rowWeights, 3, true, weights), 1e-15);
        // on probabilities the same loss, and dℓ/dp = dℓ/dz / (p(1 − p))
        NativeArray probabilities = NativeArray.of(DOUBLE, 0.5, 1 / (1 + Math.exp(-2)), 1 / (1 + Math.exp(1.5)));
        NativeArray gradP = NativeArray.allocate(DataType.DOUBLE, 3);
        assertEquals(sum, CrossEntropy.fromProbabilities(probabilities, labels, rowWeights, 3, 0.5, weights, gradP), 1e-14);
        assertEquals(gradient.get(0), gradP.get(0) * 0.25, 1e-15);
        assertEquals(0, gradP.get(2), 0);
    }

    @Test
    void rowWeightsOfOneChangeNoBit() {
        NativeArray logits = NativeArray.of(DOUBLE, 0.3, -2.5, 7);
        NativeArray labels = NativeArray.of(DOUBLE, 1, 0, 0);
        ClassWeights weights = new ClassWeights(0.7, 2.5);
        NativeArray plain = NativeArray.allocate(DataType.DOUBLE, 3);
        NativeArray ones = NativeArray.allocate(DataType.DOUBLE, 3);
        double a = CrossEntropy.fromLogits(logits, labels, null, 3, 1.0 / 3, weights, plain);
        double b = CrossEntropy.fromLogits(logits, labels, NativeArray.of(DOUBLE, 1, 1, 1), 3, 1.0 / 3, weights, ones);
        assertEquals(a, b, 0);
        assertArrayEquals(plain.toDoubleArray(), ones.toDoubleArray(), 0);
    }

    @Test
    void weightedLossStaysFiniteAtHugeLogits() {
        // z = 1e4, y = 0, w₀ = 2: ℓ = 2·1e4, dℓ/dz = 2;  z = −1e4, y = 1, w₁ = 5: ℓ = 5·1e4, dℓ/dz = −5
        NativeArray gradient = NativeArray.allocate(DataType.DOUBLE, 2);
        double sum = CrossEntropy.fromLogits(NativeArray.of(DOUBLE, 1e4, -1e4), NativeArray.of(DOUBLE, 0, 1), 2, 1.0,
                new ClassWeights(2, 5), gradient);
        assertEquals(7e4, sum, 0);
        assertArrayEquals(new double[] {2, -5}, new double[] {gradient.get(0), gradient.get(1)}, 0);
    }

    @Test
    void balancedWeightsGiveEachClassHalfTheTotalWeight() {
        ClassWeights balanced = ClassWeights.balanced(950, 50);
        assertEquals(1000 / 1900.0, balanced.negative(), 1e-15);
        assertEquals(10, balanced.positive(), 1e-15);
        assertEquals(950 * balanced.negative(), 50 * balanced.positive(), 1e-9);
        assertEquals(new ClassWeights(1, 19), ClassWeights.positive(19));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ClassWeights.balanced(10, 0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ClassWeights.positive(-1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> ClassWeights.positive(Double.NaN));
    }
}
