package io.dense4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Linear;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.train.MeanGradient;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Backpropagation against central differences in float64, op by op and for whole networks. */
class GradientCheckTest {
    private static final int ROWS = 5;
    private static final int INPUTS = 4;

    static Stream<Arguments> models() {
        return Stream.of(
                // single ops (each checked through its parameters and the gradient it passes to the input)
                Arguments.of("Dense + fused loss", true, new Layer[] {new Dense(1, new Sigmoid())}, false),
                Arguments.of("Dense + Sigmoid op + BCE on probabilities", false, new Layer[] {new Dense(1), new Sigmoid()}, false),
                Arguments.of("Dense with logits loss", true, new Layer[] {new Dense(1)}, true),
                Arguments.of("ReLU op on the input", true, new Layer[] {new ReLU(), new Dense(1, new Sigmoid())}, false),
                Arguments.of("Sigmoid op on the input", true, new Layer[] {new Sigmoid(), new Dense(1, new Sigmoid())}, false),
                Arguments.of("Linear layer", true, new Layer[] {new Linear(), new Dense(1, new Sigmoid())}, false),
                Arguments.of("Dense+ReLU folded", true, new Layer[] {new Dense(6), new ReLU(), new Dense(1, new Sigmoid())}, false),
                Arguments.of("Dense+Sigmoid folded", true, new Layer[] {new Dense(6, new Sigmoid()), new Dense(1, new Sigmoid())}, false),
                // networks mixing every kind, fused and not
                Arguments.of("mixed network, fused", true, mixed(), false),
                Arguments.of("mixed network, unfused", false, mixed(), false),
                Arguments.of("mixed network, logits", true, new Layer[] {
                        new Dense(7, new ReLU(), Initializer.HE_NORMAL), new Dense(5), new Sigmoid(),
                        new Dense(3, new Linear()), new ReLU(), new Dense(1)}, true));
    }

    private static Layer[] mixed() {
        return new Layer[] {
                new Dense(7, new ReLU(), Initializer.HE_NORMAL), new Dense(5, new Sigmoid()), new Linear(),
                new Dense(6), new ReLU(), new Dense(3, new Linear()), new Sigmoid(), new Dense(1), new Sigmoid()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void backwardMatchesFiniteDifferences(String name, boolean fuse, Layer[] layers, boolean fromLogits) {
        Model model = new Sequential(layers).compile(INPUTS, new BinaryCrossEntropy(fromLogits), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withFusion(fuse).withInputGradient(true).withSeed(3));
        Random random = new Random(11);
        INDArray x = gaussianInputs(random);
        INDArray y = Nd4j.create(new double[] {1, 0, 1, 1, 0}, new long[] {ROWS, 1}, DataType.DOUBLE);
        // Move biases off zero so their gradients are exercised from a generic point.
        for (int i = 0; i < model.parameterCount(); i++) {
            model.parameters().putScalar(i, model.parameters().getDouble(i) + 0.1 * random.nextGaussian());
        }

        GradientCheckResult result = GradientChecker.check(model, x, y);

        assertEquals(model.parameterCount(), result.parametersChecked());
        assertEquals(ROWS * INPUTS, result.inputsChecked());
        assertTrue(result.passed(), name + ": " + result);
    }

    @ParameterizedTest(name = "class-weighted, fused {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void classWeightedLossMatchesFiniteDifferences(boolean fuse) {
        Model model = new Sequential(mixed()).compile(INPUTS,
                new BinaryCrossEntropy().withClassWeights(new io.dense4j.loss.ClassWeights(0.7, 4.5)), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withFusion(fuse).withInputGradient(true).withSeed(5));
        INDArray x = gaussianInputs(new Random(13));
        INDArray y = Nd4j.create(new double[] {1, 0, 0, 1, 0}, new long[] {ROWS, 1}, DataType.DOUBLE);

        GradientCheckResult result = GradientChecker.check(model, x, y);

        assertTrue(result.passed(), result.toString());
    }

    @Test
    void l2PenaltyMatchesFiniteDifferences() {
        Model model = new Sequential(mixed()).compile(INPUTS, new BinaryCrossEntropy().withL2(0.3)
                        .withClassWeights(new io.dense4j.loss.ClassWeights(0.5, 2)), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withInputGradient(true).withSeed(6));
        INDArray x = gaussianInputs(new Random(17));
        INDArray y = Nd4j.create(new double[] {0, 1, 0, 1, 1}, new long[] {ROWS, 1}, DataType.DOUBLE);

        GradientCheckResult result = GradientChecker.check(model, x, y);

        assertTrue(result.passed(), result.toString());
    }

    private static INDArray gaussianInputs(Random random) {
        INDArray x = Nd4j.create(DataType.DOUBLE, ROWS, INPUTS);
        for (int i = 0; i < ROWS * INPUTS; i++) {
            x.putScalar(i, random.nextGaussian());
        }
        return x;
    }

    @Test
    void failsWhenTheAnalyticGradientIsOffByOnePercent() {
        Model model = new Sequential(new Dense(3, new ReLU()), new Dense(1, new Sigmoid())).compile(2,
                new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(DataType.DOUBLE));
        INDArray x = Nd4j.create(new double[][] {{1, 2}, {-1, 0.5}, {0.3, -2}});
        INDArray y = Nd4j.create(new double[] {1, 0, 1});
        double[] exact = MeanGradient.of(model, x, y).gradient();
        double[] skewed = exact.clone();
        int index = 0;
        while (Math.abs(skewed[index]) < 1e-3) {
            index++;
        }
        skewed[index] *= 1.01;

        assertTrue(GradientChecker.compare(model, x, y, exact, null, 1e-6, 1e-6).passed());
        GradientCheckResult result = GradientChecker.compare(model, x, y, skewed, null, 1e-6, 1e-6);
        assertTrue(!result.passed(), result.toString());
        assertEquals(index, result.worstParameter());
        assertEquals(0.01 / 2.01, result.maxParameterError(), 1e-6); // |1.01g − g| / (1.01|g| + |g|)
    }

    /**
     * Dropout's masks are random: the check draws the same ones in every pass, parameters and
     * inputs alike, where a check against the prediction loss (no masks) fails.
     */
    @Test
    void aNetworkWithDropoutPassesWithTheSameMasksInEveryPass() {
        Model model = new Sequential(new Dense(6, new ReLU()), new io.dense4j.layer.Dropout(0.3), new Dense(4, new Sigmoid()),
                new io.dense4j.layer.Dropout(0.5), new Dense(1, new Sigmoid())).compile(INPUTS, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withInputGradient(true).withSeed(3));
        Random random = new Random(8);
        INDArray x = gaussianInputs(random);
        INDArray y = Nd4j.create(new double[] {1, 0, 0, 1, 1});

        GradientCheckResult result = GradientChecker.check(model, x, y);

        assertTrue(result.passed(), result.toString());
        assertEquals(ROWS * INPUTS, result.inputsChecked());
        io.dense4j.train.Trainer trainer = new io.dense4j.train.Trainer(model, model.optimizer(),
                io.dense4j.runtime.ExecutionPolicy.ofThreads(1));
        trainer.seedDropout(11);
        double[] masked = trainer.objectiveGradient(new io.dense4j.data.DatasetBatches(io.dense4j.data.Dataset.of(x, y, DataType.DOUBLE)));
        GradientCheckResult unmasked = GradientChecker.compare(model, x, y, masked, null, 1e-6, 1e-6);
        assertTrue(!unmasked.passed(), "the masks matter: " + unmasked);
    }

    @Test
    void rejectsFloat32Models() {
        Model model = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GradientChecker.check(model, Nd4j.zeros(1, 2), Nd4j.zeros(1)));
        assertTrue(error.getMessage().contains("DataType.DOUBLE"), error.getMessage());
    }
}
