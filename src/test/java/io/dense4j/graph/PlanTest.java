package io.dense4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.tensor.SecondCore;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

class PlanTest {

    private static Plan plan(DataType type, int rows, Parameters[] parameters) {
        List<Layer> layers = List.of(new Dense(16, new ReLU()), new Dense(8, new Sigmoid()), new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, 5, new BinaryCrossEntropy(), true, true);
        parameters[0] = new Parameters(graph, type);
        parameters[0].initialize(7);
        Plan plan = new Plan(graph, parameters[0], rows);
        Random random = new Random(3);
        for (int i = 0; i < rows * 5; i++) {
            plan.input().set(i, random.nextGaussian());
        }
        for (int i = 0; i < rows; i++) {
            plan.labels().set(i, random.nextInt(2));
        }
        return plan;
    }

    @ParameterizedTest
    @CsvSource({"FLOAT, 1", "FLOAT, 32", "DOUBLE, 1", "DOUBLE, 7"})
    void aSecondCoreGivesBitIdenticalGradients(DataType type, int rows) {
        Parameters[] alone = new Parameters[1];
        Parameters[] shared = new Parameters[1];
        Plan sequential = plan(type, rows, alone);
        Plan sideBySide = plan(type, rows, shared);
        double lossAlone = sequential.trainingStep(rows);
        double lossShared;
        try (SecondCore core = SecondCore.start()) {
            lossShared = sideBySide.trainingStep(rows, core);
        }
        assertEquals(lossAlone, lossShared, 0.0);
        assertArrayEquals(alone[0].gradients().toDoubleArray(), shared[0].gradients().toDoubleArray(), 0.0);
        assertArrayEquals(sequential.inputGradient().toDoubleArray(), sideBySide.inputGradient().toDoubleArray(), 0.0);
    }
}
