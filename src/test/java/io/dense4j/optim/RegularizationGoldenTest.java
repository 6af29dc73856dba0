package io.dense4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.loss.ClassWeights;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.train.FitOptions;
import io.dense4j.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The L2 penalty, AdamW and gradient clipping against PyTorch in float64 on the network and rows
 * of the weighted-loss golden file (src/test/golden/regularization.py wrote the values).
 */
class RegularizationGoldenTest {
    private static final double TOLERANCE = 1e-9;
    private static JsonNode golden;
    private static Dataset rows;
    private static double[] start;

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode network;
        try (InputStream in = RegularizationGoldenTest.class.getResourceAsStream("/golden/weighted-loss.json")) {
            network = json.readTree(in);
        }
        try (InputStream in = RegularizationGoldenTest.class.getResourceAsStream("/golden/regularization.json")) {
            golden = json.readTree(in);
        }
        double[][] x = StreamSupport.stream(network.path("features").spliterator(), false)
                .map(RegularizationGoldenTest::doubles).toArray(double[][]::new);
        rows = Dataset.of(org.nd4j.linalg.factory.Nd4j.create(x),
                org.nd4j.linalg.factory.Nd4j.create(doubles(network.path("labels")), new long[] {x.length, 1}, DataType.DOUBLE),
                DataType.DOUBLE);
        start = doubles(network.path("parameters"));
    }

    @Test
    void l2PenaltyAndItsGradientEqualPyTorchs() {
        for (JsonNode expected : golden.path("l2")) {
            BinaryCrossEntropy loss = new BinaryCrossEntropy().withL2(expected.path("l2").asDouble())
                    .withClassWeights(ClassWeights.positive(expected.path("positiveWeight").asDouble()));
            Model model = model(loss, new SGD(0.1));
            Trainer trainer = new Trainer(model, model.optimizer(), ExecutionPolicy.ofThreads(1));
            assertArrayEquals(doubles(expected.path("gradient")), trainer.objectiveGradient(new DatasetBatches(rows)), TOLERANCE);
            assertEquals(expected.path("loss").asDouble(), model.objective(new DatasetBatches(rows)), TOLERANCE);
        }
    }

    @Test
    void adamWMatchesPyTorchsAdamWWithWeightDecayOnTheWeightsOnly() {
        JsonNode expected = golden.path("adamw");
        Adam adamW = new Adam(expected.path("learningRate").asDouble(), 0.9, 0.999, expected.path("epsilon").asDouble())
                .withWeightDecay(expected.path("weightDecay").asDouble());
        assertArrayEquals(doubles(expected.path("parameters")), trained(adamW, expected.path("steps").asInt()), TOLERANCE);
    }

    @Test
    void clippedSgdMatchesPyTorchsClipGradNorm() {
        JsonNode expected = golden.path("clippedSgd");
        SGD clipped = new SGD(expected.path("learningRate").asDouble()).withClipNorm(expected.path("clipNorm").asDouble());
        assertArrayEquals(doubles(expected.path("parameters")), trained(clipped, expected.path("steps").asInt()), TOLERANCE);
    }

    /** The parameters after {@code steps} full-batch steps from the golden start. */
    private static double[] trained(Optimizer optimizer, int steps) {
        Model model = model(new BinaryCrossEntropy(), optimizer);
        model.fit(rows, FitOptions.builder().fullBatch().epochs(steps).shuffle(false).build());
        return model.parameters().toDoubleVector();
    }

    private static Model model(BinaryCrossEntropy loss, Optimizer optimizer) {
        Model model = new Sequential(new Dense(5, new ReLU()), new Dense(1, new Sigmoid())).compile(4, loss, optimizer,
                CompileOptions.defaults().withDataType(DataType.DOUBLE));
        for (int i = 0; i < start.length; i++) {
            model.parameters().putScalar(i, start[i]);
        }
        return model;
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}
