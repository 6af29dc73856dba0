package io.dense4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.Normalization;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.tensor.SecondCore;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A step split over two plans on two cores is the step one plan takes over the whole batch. */
class SplitStepTest {
    private static final int ROWS = 301; // odd: the halves differ by a row

    @Test
    void theSplitGradientLossAndCountAreTheWholeBatchsInFloat64() {
        List<Layer> layers = List.of(new Normalization(), new Dense(16, new ReLU()), new Dense(8, new ReLU()), new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, 5, new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.DOUBLE);
        parameters.initialize(3);
        parameters.normalizations().get(0).set(new double[] {0.1, 0, 0, 0, 0}, new double[] {2, 1, 1, 1, 1});
        Synthetic data = Synthetic.generate(Teacher.XOR, ROWS, 5, 4);

        Plan whole = new Plan(graph, parameters, ROWS);
        fill(whole, data, 0, ROWS);
        double loss = whole.trainingStep(ROWS);
        double[] expected = parameters.gradients().toDoubleArray();
        int correct = whole.countCorrect(ROWS);

        Parameters second = Parameters.withOwnGradients(graph, parameters);
        Plan first = new Plan(graph, parameters, 151);
        Plan other = new Plan(graph, second, 150);
        fill(first, data, 0, 151);
        fill(other, data, 151, 150);
        try (SecondCore core = SecondCore.start()) {
            SplitStep split = new SplitStep(first, other, parameters.gradients(), second.gradients(), core);
            assertEquals(151, split.firstShare(ROWS));
            assertEquals(loss, split.trainingStep(151, 150), 1e-14);
            assertArrayEquals(expected, parameters.gradients().toDoubleArray(), 1e-14);
            assertEquals(correct, split.countCorrect(151, 150));
        }
    }

    @Test
    void aWarmSplitStepAllocatesNothingOnTheCallersThread() {
        Graph graph = Compiler.compile(List.of(new Dense(32, new ReLU()), new Dense(1, new Sigmoid())), 10,
                new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(1);
        Parameters second = Parameters.withOwnGradients(graph, parameters);
        Synthetic data = Synthetic.generate(Teacher.LINEAR, 2048, 10, 5);
        Plan first = new Plan(graph, parameters, 1024);
        Plan other = new Plan(graph, second, 1024);
        fill(first, data, 0, 1024);
        fill(other, data, 1024, 1024);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (BlasThreads blas = BlasThreads.exactly(1); SecondCore core = SecondCore.start()) { // as fit splits
            SplitStep split = new SplitStep(first, other, parameters.gradients(), second.gradients(), core);
            for (int i = 0; i < 3_000; i++) {
                split.trainingStep(1024, 1024);
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 300; i++) {
                split.trainingStep(1024, 1024);
            }
            assertEquals(0, threads.getThreadAllocatedBytes(thread) - before, "bytes allocated by 300 warm split steps");
        }
    }

    private static void fill(Plan plan, Synthetic data, int from, int rows) {
        int width = (int) data.features().columns();
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < width; j++) {
                plan.input().set(row * width + j, data.features().getDouble(from + row, j));
            }
            plan.labels().set(row, data.labels().getDouble(from + row));
        }
    }
}
