package io.dense4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dense4j.check.GradientCheckResult;
import io.dense4j.check.GradientChecker;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.train.FitOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NormalizationTest {

    /** Linear-teacher data with features scaled by 1000 and shifted by 50,000. */
    private static INDArray badlyScaled(Synthetic data) {
        return data.features().mul(1000).add(50_000);
    }

    @Test
    void standardizesByTheAdaptedMeanAndDeviation() {
        // x = [[1, 10], [3, 30]]: μ = [2, 20], σ = [1, 10], so y = [[−1, −1], [1, 1]]; with weights [1, 1] and
        // bias 0 the logits are −2 and 2
        Model model = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(DataType.DOUBLE));
        INDArray x = Nd4j.create(new double[][] {{1, 10}, {3, 30}});
        model.adapt(x);
        model.setWeights(1, Nd4j.create(new double[][] {{1}, {1}}));
        INDArray p = model.predictProbability(x);
        assertEquals(1 / (1 + Math.exp(2)), p.getDouble(0), 1e-12);
        assertEquals(1 / (1 + Math.exp(-2)), p.getDouble(1), 1e-12);
    }

    /**
     * A float64 model's statistics are of its float64 values: x = 10⁶ + 0.01·k for k = 0, 1, 2
     * has mean 10⁶ + 0.01 and σ = 0.01·√(2/3), where float32, spaced 0.0625 there, would read the
     * three values as one and σ as 0.
     */
    @Test
    void aFloat64ModelIsStandardizedByItsFloat64Values() {
        Model model = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(1, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withDataType(DataType.DOUBLE));
        INDArray x = Nd4j.create(new double[][] {{1e6}, {1e6 + 0.01}, {1e6 + 0.02}});
        io.dense4j.data.FeatureStatistics statistics = io.dense4j.data.Dataset.of(x, null, DataType.DOUBLE).featureStatistics();
        assertEquals(1e6 + 0.01, statistics.mean()[0], 1e-9);
        assertEquals(0.01 * Math.sqrt(2.0 / 3), statistics.standardDeviation()[0], 1e-9);
        model.adapt(x);
        model.setWeights(1, Nd4j.create(new double[][] {{1}}));
        // standardized, the third row is √(3/2): its logit
        assertEquals(1 / (1 + Math.exp(-Math.sqrt(1.5))), model.predictProbability(x).getDouble(2), 1e-6);
    }

    @Test
    void backwardThroughItMatchesFiniteDifferences() {
        Model model = new Sequential(new Normalization(), new Dense(4, new ReLU()), new Dense(1, new Sigmoid()))
                .compile(3, new BinaryCrossEntropy(), new SGD(0.1),
                        CompileOptions.defaults().withDataType(DataType.DOUBLE).withInputGradient(true));
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 6, 3, 2);
        INDArray x = badlyScaled(data).castTo(DataType.DOUBLE);
        model.adapt(x);
        GradientCheckResult result = GradientChecker.check(model, x, data.labels().castTo(DataType.DOUBLE), 1e-3, 1e-5);
        assertTrue(result.passed(), result.toString());
    }

    @Test
    void makesBadlyScaledFeaturesLearnable() {
        Synthetic train = Synthetic.generate(Teacher.LINEAR, 2000, 10, 1);
        Synthetic test = Synthetic.generate(Teacher.LINEAR, 1000, 10, 2);
        Model model = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(10, new BinaryCrossEntropy(), new SGD(0.1));
        model.adapt(badlyScaled(train));
        model.fit(badlyScaled(train), train.labels(), FitOptions.builder().epochs(10).build());
        double accuracy = model.evaluate(badlyScaled(test), test.labels()).accuracy();
        assertTrue(accuracy > 0.95, "accuracy " + accuracy);
    }

    @Test
    void theStatisticsTravelWithTheModelFile(@TempDir Path folder) throws Exception {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 200, 4, 3);
        Model model = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(4, new BinaryCrossEntropy(), new SGD(0.1));
        model.adapt(badlyScaled(data));
        Path file = folder.resolve("normalized.zip");
        model.save(file);
        Model loaded = Model.load(file);
        assertEquals(model.predictProbability(badlyScaled(data)), loaded.predictProbability(badlyScaled(data)));
        assertTrue(loaded.summary().contains("Non-trainable statistics: 8"), loaded.summary());
    }

    @Test
    void mustBeTheFirstLayerAndNeedsAdaptingOnlyWhenPresent() {
        IllegalArgumentException misplaced = assertThrows(IllegalArgumentException.class,
                () -> new Sequential(new Dense(3), new Normalization(), new Dense(1, new Sigmoid()))
                        .compile(2, new BinaryCrossEntropy(), new SGD(0.1)));
        assertTrue(misplaced.getMessage().contains("must be layer 0, but it is layer 1"), misplaced.getMessage());
        Model plain = new Sequential(new Dense(1, new Sigmoid())).compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> plain.adapt(Nd4j.zeros(3, 2)));
        assertTrue(none.getMessage().contains("this model has none"), none.getMessage());
    }

    @Test
    void refusesToTrainOrPredictBeforeAdaptButNotOnceAdaptedOrLoaded(@TempDir Path folder) throws Exception {
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 200, 2, 11);
        Model model = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        String expected = "layer 0 (Normalization) has no statistics yet: call model.adapt with the training rows (or their "
                + "FeatureStatistics) before fitting or predicting";
        // unadapted, the layer would pass the features through unscaled: a model trained on them, without a word
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> model.fit(badlyScaled(data), data.labels(),
                FitOptions.builder().epochs(1).build())).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> model.predictProbability(data.features()))
                .getMessage());

        // statistics written directly (copied from another scaler, say) count as set
        Model written = new Sequential(new Normalization(), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1));
        written.parameterValues().mean(0).set(0, 3.0);
        assertEquals(200, written.predictProbability(data.features()).length());

        // nor written: read back, its identity statistics could not be told from set ones, and it would train unscaled
        Path template = folder.resolve("template.zip");
        assertEquals("nothing written to " + template + ": layer 0 (Normalization) has no statistics yet: call model.adapt with the "
                + "training rows (or their FeatureStatistics) before writing it", assertThrows(IllegalStateException.class,
                () -> model.save(template)).getMessage());
        assertTrue(java.nio.file.Files.notExists(template));

        model.adapt(badlyScaled(data));
        model.fit(badlyScaled(data), data.labels(), FitOptions.builder().epochs(1).build());
        Path file = folder.resolve("model.zip");
        model.save(file);
        assertEquals(model.predictProbability(badlyScaled(data)), Model.load(file).predictProbability(badlyScaled(data)));
    }
}
