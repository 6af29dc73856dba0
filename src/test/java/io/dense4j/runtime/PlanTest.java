package io.dense4j.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class PlanTest {

    private static Parameters parameters(DataType type) {
        List<Layer> layers = List.of(new Dense(16, new ReLU()), new Dense(8, new Sigmoid()), new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, 5, new BinaryCrossEntropy(), true, true);
        Parameters parameters = new Parameters(graph, type);
        parameters.initialize(7);
        return parameters;
    }

    private static Plan fill(Plan plan, int rows) {
        Random random = new Random(3);
        for (int i = 0; i < rows * 5; i++) {
            plan.input().set(i, random.nextGaussian());
        }
        for (int i = 0; i < rows; i++) {
            plan.labels().set(i, random.nextInt(2));
        }
        return plan;
    }

    @Test
    void aPartsShareOfTheBatchMeanIsItsRowsGradientSumOverTheBatchRows() {
        Parameters parameters = parameters(DataType.DOUBLE);
        Gradients mean = new Gradients(parameters.graph(), DataType.DOUBLE);
        Gradients share = new Gradients(parameters.graph(), DataType.DOUBLE);
        double lossSum = fill(new Plan(parameters, mean, 6), 6).trainingStep(6, 6);
        assertEquals(lossSum, fill(new Plan(parameters, share, 6), 6).trainingStep(6, 24), 0.0);
        double[] expected = mean.values().toDoubleArray();
        double[] shared = share.values().toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / 4, shared[i], 1e-15 * Math.abs(expected[i]) + 1e-300); // 6 of 24 rows
        }
    }

    @Test
    void aPlanMadeToPredictRunsForwardButRefusesToTrain() {
        Parameters parameters = parameters(DataType.FLOAT);
        Plan predicting = fill(Plan.forward(parameters, 4), 4);
        predicting.forward(4);
        double p = predicting.probability(0);
        assertEquals(true, p > 0 && p < 1);
        assertThrows(IllegalStateException.class, () -> predicting.trainingStep(4, 4));
    }
}
