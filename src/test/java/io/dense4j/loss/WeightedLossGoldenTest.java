package io.dense4j.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.layer.Dense;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.model.CompileOptions;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.train.MeanGradient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class- and row-weighted loss and its gradients against PyTorch's in float64
 * (src/test/golden/weighted_loss.py wrote them).
 */
class WeightedLossGoldenTest {
    private static final double TOLERANCE = 1e-9;

    @TestFactory
    List<DynamicTest> weightedLossAndGradientsEqualPyTorchs() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/weighted-loss.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        INDArray x = Nd4j.create(rows(golden.path("features")));
        INDArray y = Nd4j.create(doubles(golden.path("labels")), new long[] {x.rows(), 1}, DataType.DOUBLE);
        double[] parameters = doubles(golden.path("parameters"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode expected : golden.path("cases")) {
            tests.add(DynamicTest.dynamicTest(expected.path("name").asText(), () -> {
                ClassWeights weights = new ClassWeights(expected.path("negative").asDouble(), expected.path("positive").asDouble());
                Model model = new Sequential(new Dense(5, new ReLU()), new Dense(1, new Sigmoid())).compile(4,
                        new BinaryCrossEntropy().withClassWeights(weights), new SGD(0.1),
                        CompileOptions.defaults().withDataType(DataType.DOUBLE).withFusion(expected.path("fused").asBoolean()));
                for (int i = 0; i < parameters.length; i++) {
                    model.parameters().putScalar(i, parameters[i]);
                }
                Dataset data = Dataset.of(x, y, DataType.DOUBLE);
                if (expected.has("rowWeights")) {
                    double[] rowWeights = doubles(expected.path("rowWeights"));
                    float[] w = new float[rowWeights.length];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = (float) rowWeights[i]; // exact: the weights are multiples of 1/4
                    }
                    data = data.withWeights(w);
                }
                MeanGradient computed = MeanGradient.of(model, data);
                assertEquals(expected.path("loss").asDouble(), computed.loss(), TOLERANCE, "loss");
                assertArrayEquals(doubles(expected.path("gradient")), computed.gradient(), TOLERANCE, "gradient");
                assertEquals(expected.path("loss").asDouble(), model.objective(new DatasetBatches(data)), TOLERANCE, "objective");
            }));
        }
        return tests;
    }

    private static double[][] rows(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(WeightedLossGoldenTest::doubles).toArray(double[][]::new);
    }

    private static double[] doubles(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
    }
}
