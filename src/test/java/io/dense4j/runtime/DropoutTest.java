package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Layer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Checkpoint;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.SaveAndStopAt;
import io.dense4j.train.FitOptions;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Dropout: PyTorch's gradients for dense4j's mask, finite differences with the mask held, prediction untouched, seeded runs. */
class DropoutTest {

    private static Model golden(JsonNode network, boolean dropout) {
        Layer[] layers = dropout ? new Layer[] {new Dense(5, new ReLU()), new Dropout(0.4), new Dense(1, new Sigmoid())}
                : new Layer[] {new Dense(5, new ReLU()), new Dense(1, new Sigmoid())};
        Model model = new Sequential(layers).compile(4, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE));
        double[] parameters = doubles(network.path("parameters"));
        for (int i = 0; i < parameters.length; i++) {
            model.parameters().putScalar(i, parameters[i]);
        }
        return model;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = DropoutTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper().readTree(in);
        }
    }

    /** A training plan over the golden rows, its masks seeded with the golden key. */
    private static Plan plan(Model model, Gradients gradients, JsonNode network, long key) {
        double[][] x = StreamSupport.stream(network.path("features").spliterator(), false).map(DropoutTest::doubles)
                .toArray(double[][]::new);
        double[] y = doubles(network.path("labels"));
        Plan plan = new Plan(model.parameterValues(), gradients, x.length);
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < x[r].length; j++) {
                plan.input().set(r * x[r].length + j, x[r][j]);
            }
            plan.labels().set(r, y[r]);
        }
        plan.seedDropout(key);
        return plan;
    }

    @Test
    void lossAndGradientsEqualPyTorchsWithTheSameMask() throws IOException {
        JsonNode network = read("/golden/weighted-loss.json");
        JsonNode expected = read("/golden/dropout.json");
        Model model = golden(network, true);
        Gradients gradients = new Gradients(model.graph(), DataType.DOUBLE);
        Plan plan = plan(model, gradients, network, expected.path("key").asLong());
        int rows = plan.capacity();
        double loss = plan.trainingStep(rows, rows) / rows;
        assertEquals(expected.path("loss").asDouble(), loss, 1e-12);
        assertArrayEquals(doubles(expected.path("gradient")), gradients.values().toDoubleArray(), 1e-12);
    }

    /**
     * After ReLU in place (the mask drawn in the ReLU pass, the gradient scaled by the next Dense),
     * twice in a row (the two gradient buffers then shared around each Dropout), after a linear
     * Dense in place and after a sigmoid apart (both replay the mask).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ReLU", "ReLU twice", "Linear", "Sigmoid"})
    void backwardMatchesFiniteDifferencesWithTheMaskHeld(String hidden) throws IOException {
        JsonNode network = read("/golden/weighted-loss.json");
        io.dense4j.layer.Activation activation = switch (hidden) {
            case "ReLU", "ReLU twice" -> new ReLU();
            case "Linear" -> new io.dense4j.layer.Linear();
            default -> new Sigmoid();
        };
        Layer[] layers = hidden.equals("ReLU twice")
                ? new Layer[] {new Dense(5, activation), new Dropout(0.4), new Dense(3, activation), new Dropout(0.3),
                    new Dense(1, new Sigmoid())}
                : new Layer[] {new Dense(5, activation), new Dropout(0.4), new Dense(1, new Sigmoid())};
        Model model = new Sequential(layers).compile(4, new BinaryCrossEntropy(), new SGD(0.1),
                CompileOptions.defaults().withDataType(DataType.DOUBLE).withSeed(12));
        double[] start = doubles(network.path("parameters"));
        for (int i = 0; i < start.length && layers.length == 3; i++) {
            model.parameters().putScalar(i, start[i]);
        }
        if (layers.length > 3) {
            // biases start at 0: a row the first Dropout zeroes entirely would put the second ReLU at its
            // kink, where a central difference sees half a slope
            model.parameters().addi(0.05);
        }
        Gradients gradients = new Gradients(model.graph(), DataType.DOUBLE);
        Plan plan = plan(model, gradients, network, 99);
        int rows = plan.capacity();
        plan.trainingStep(rows, rows);
        double[] analytic = gradients.values().toDoubleArray();
        plan.holdDropoutMasks(true);
        double epsilon = 1e-6;
        for (int i = 0; i < analytic.length; i++) {
            double original = model.parameters().getDouble(i);
            model.parameters().putScalar(i, original + epsilon);
            plan.forward(rows);
            double plus = plan.objectiveSum(rows) / rows;
            model.parameters().putScalar(i, original - epsilon);
            plan.forward(rows);
            double minus = plan.objectiveSum(rows) / rows;
            model.parameters().putScalar(i, original);
            double numeric = (plus - minus) / (2 * epsilon);
            assertEquals(numeric, analytic[i], 1e-7 + 1e-6 * Math.abs(numeric), "parameter " + i);
        }
    }

    @Test
    void predictionPassesValuesThrough() throws IOException {
        JsonNode network = read("/golden/weighted-loss.json");
        Model with = golden(network, true);
        Model without = golden(network, false);
        double[][] x = StreamSupport.stream(network.path("features").spliterator(), false).map(DropoutTest::doubles)
                .toArray(double[][]::new);
        assertArrayEquals(without.predictProbability(Nd4j.create(x)).toDoubleVector(),
                with.predictProbability(Nd4j.create(x)).toDoubleVector(), 0);
    }

    @Test
    void aSeededRunRepeatsAndResumesBitForBit(@TempDir Path folder) {
        Synthetic data = Synthetic.generate(Teacher.XOR, 400, 2, 3);
        Dataset rows = Dataset.of(data.features(), data.labels(), DataType.FLOAT);
        FitOptions fit = FitOptions.builder().epochs(3).batchSize(50).build();
        Trainer a = trained(7);
        a.fit(rows, fit);
        Trainer b = trained(7);
        b.fit(rows, fit);
        assertArrayEquals(a.model().parameters().toFloatVector(), b.model().parameters().toFloatVector(), 0);
        Trainer c = trained(8);
        c.fit(rows, fit);
        assertNotEquals(a.model().parameters(), c.model().parameters());

        Path checkpoint = folder.resolve("checkpoint.zip");
        Trainer stopped = trained(7);
        stopped.fit(rows, FitOptions.builder().epochs(3).batchSize(50).callbacks(new SaveAndStopAt(2, 3, checkpoint)).build());
        Trainer resumed = Trainer.resume(Checkpoint.load(checkpoint), ExecutionPolicy.forThisMachine());
        resumed.fit(rows, fit);
        assertArrayEquals(a.model().parameters().toFloatVector(), resumed.model().parameters().toFloatVector(), 0);
    }

    private static Trainer trained(long seed) {
        return new Trainer(new Sequential(new Dense(16, new ReLU()), new Dropout(0.25), new Dense(1, new Sigmoid()))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1), CompileOptions.defaults().withSeed(seed)));
    }

    @Test
    void badRatesAndADroppedOutputAreRefused() {
        assertEquals("Dropout's rate is the share of values dropped, in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Dropout(1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        IllegalArgumentException last = assertThrows(IllegalArgumentException.class, () -> new Sequential(
                new Dense(4, new ReLU()), new Dense(1, new Sigmoid()), new Dropout(0.5))
                .compile(2, new BinaryCrossEntropy(), new SGD(0.1)));
        assertTrue(last.getMessage().contains("layer 2 (Dropout 0.5), drops out the model's output"), last.getMessage());
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}
