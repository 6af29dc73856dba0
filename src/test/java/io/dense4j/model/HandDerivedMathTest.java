package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.data.Dataset;
import io.dense4j.train.FitOptions;
import io.dense4j.train.MeanGradient;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Values worked out from the math, not from the code. */
class HandDerivedMathTest {

    private static Model logisticRegression(int inputs, double learningRate, boolean fuse) {
        return new Sequential(new Dense(1, new Sigmoid())).compile(inputs, new BinaryCrossEntropy(), new SGD(learningRate),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withFusion(fuse));
    }

    private static void set(Model model, double weight, double bias) {
        model.setWeights(0, Nd4j.create(new double[][] {{weight}}));
        model.setBias(0, Nd4j.create(new double[] {bias}));
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void oneNeuronAtXThreeWThreeMatchesTheWorkedExample() {
        // z = w·x + b = 3·3 + 0 = 9; σ(9) = 1 / (1 + e^−9) = 1 / 1.00012340980 = 0.99987660542.
        // y = 1: L = −log σ(9) = log(1 + e^−9) = 1.2340219e−4;  dL/dw = (σ(9) − 1)·x = −1.2339458e−4·3 = −3.7018e−4.
        // y = 0: L = −log(1 − σ(9)) = 9 + log(1 + e^−9) = 9.00012340;  dL/dw = σ(9)·x = 2.99962982;  dL/db = σ(9).
        for (boolean fuse : new boolean[] {true, false}) {
            Model model = logisticRegression(1, 0.1, fuse);
            set(model, 3, 0);
            INDArray x = Nd4j.create(new double[][] {{3}});

            assertEquals(0.99987660542, model.predictProbability(x).getDouble(0), 1e-11);

            MeanGradient positive = MeanGradient.of(model, x, Nd4j.create(new double[] {1}));
            assertEquals(1.2340219e-4, positive.loss(), 1e-11);
            assertEquals(-3.7018e-4, positive.gradient()[0], 1e-8);

            MeanGradient negative = MeanGradient.of(model, x, Nd4j.create(new double[] {0}));
            // on probabilities the clip at 1 − 1e−7 does not bind: 1 − σ(9) = 1.23e−4
            assertEquals(9.00012340, negative.loss(), 1e-8);
            assertEquals(2.99962982, negative.gradient()[0], 1e-8);
            assertEquals(0.99987660542, negative.gradient()[1], 1e-11);
        }
    }

    @Test
    void logisticRegressionGradientIsTheMeanResidualTimesTheInput() {
        // dL/dβ0 = mean(p − y), dL/dβ1 = mean((p − y)·x), with p = σ(β0 + β1·x)
        Model model = logisticRegression(1, 0.1, true);
        double b0 = -0.25;
        double b1 = 0.5;
        set(model, b1, b0);
        double[] xs = {1, -2, 3};
        double[] ys = {1, 0, 0};
        double expectedB0 = 0;
        double expectedB1 = 0;
        for (int i = 0; i < 3; i++) {
            double residual = sigmoid(b0 + b1 * xs[i]) - ys[i];
            expectedB0 += residual / 3;
            expectedB1 += residual * xs[i] / 3;
        }
        double[] gradient = MeanGradient.of(model, Nd4j.create(xs, new long[] {3, 1}, DataType.DOUBLE), Nd4j.create(ys)).gradient();

        assertEquals(expectedB1, gradient[0], 1e-14);
        assertEquals(expectedB0, gradient[1], 1e-14);
    }

    @Test
    void fullBatchStepMovesEachWeightAgainstItsDerivativeTimesTheLearningRate() {
        // From w = b = 0 every p is ½, so dL/dw = mean((½ − y)·x) and dL/db = mean(½ − y).
        // x = [2, −1, 4], y = [1, 0, 0]: dL/dw = ((−½)·2 + (½)·(−1) + (½)·4) / 3 = 0.5 / 3;  dL/db = (−½ + ½ + ½) / 3 = 1/6.
        // One step at λ = 0.3: w = −0.3·(1/6) = −0.05, b = −0.3·(1/6) = −0.05.
        Model model = logisticRegression(1, 0.3, true);
        set(model, 0, 0);
        model.fit(Nd4j.create(new double[] {2, -1, 4}, new long[] {3, 1}, DataType.DOUBLE), Nd4j.create(new double[] {1, 0, 0}),
                FitOptions.builder().fullBatch().epochs(1).build());
        assertEquals(-0.05, model.weights(0).getDouble(0, 0), 1e-15);
        assertEquals(-0.05, model.bias(0).getDouble(0), 1e-15);
    }

    @Test
    void batchOfOneStepsOncePerRowInOrder() {
        // Pure SGD, no shuffling, λ = 1, x = [1, 1], y = [1, 0]:
        // row 0 from w = b = 0: p = ½, g = ½ − 1 = −½ → w = ½, b = ½.
        // row 1: z = ½·1 + ½ = 1, p = σ(1), g = σ(1) − 0 → w = b = ½ − σ(1).
        Model model = logisticRegression(1, 1.0, true);
        set(model, 0, 0);
        model.fit(Dataset.of(new float[][] {{1}, {1}}, new float[] {1, 0}, DataType.DOUBLE),
                FitOptions.builder().batchSize(1).shuffle(false).build());
        assertEquals(0.5 - sigmoid(1), model.weights(0).getDouble(0, 0), 1e-15);
        assertEquals(0.5 - sigmoid(1), model.bias(0).getDouble(0), 1e-15);
    }

    @Test
    void fusedLossIsFiniteForHugeLogits() {
        // z = ±1e4: L = max(z, 0) − z·y + log1p(e^−|z|) = 1e4 for the wrong label, and dL/dz = σ(z) − y = ±1 exactly.
        Model model = logisticRegression(1, 0.1, true);
        set(model, 1e4, 0);
        INDArray x = Nd4j.create(new double[][] {{1}, {-1}});
        MeanGradient wrong = MeanGradient.of(model, x, Nd4j.create(new double[] {0, 1}));
        assertEquals(1e4, wrong.loss(), 1e-9);
        // dL/dw = mean((σ(z) − y)·x) = ((1 − 0)·1 + (0 − 1)·(−1)) / 2 = 1;  dL/db = ((1) + (−1)) / 2 = 0
        assertArrayEquals(new double[] {1, 0}, wrong.gradient(), 1e-12);
        assertTrue(Double.isFinite(model.evaluate(x, Nd4j.create(new double[] {1, 0})).logLoss()));
    }
}
