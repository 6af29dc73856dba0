package io.dense4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Layer;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.SecondCore;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A training step makes no Java objects once warm: not an ND4J array, not a byte. Counted with the
 * JVM's per-thread allocation counter, so it is exact and not a timing.
 */
class SteadyStateAllocationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 32})
    void aTrainingStepAllocatesNothing(int batch) {
        List<Layer> layers = List.of(new Dense(64, new ReLU()), new Dense(64, new ReLU()), new Dense(1, new Sigmoid()));
        Graph graph = Compiler.compile(layers, 20, new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(1);
        Plan plan = new Plan(graph, parameters, batch);
        Updater updater = Updater.create(new SGD(0.01, 0.9, true), parameters.values(), parameters.gradients());
        Synthetic data = Synthetic.generate(Teacher.LINEAR, batch, 20, 3);
        for (int i = 0; i < batch * 20; i++) {
            plan.input().set(i, data.features().getDouble(i));
        }
        for (int i = 0; i < batch; i++) {
            plan.labels().set(i, data.labels().getDouble(i));
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (SecondCore secondCore = SecondCore.forBatch(batch)) { // as fit runs small batches
            for (int i = 0; i < 20_000; i++) { // warm up: let the JIT compile the step
                plan.trainingStep(batch, secondCore);
                updater.step();
            }
            long before = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 1_000; i++) {
                plan.trainingStep(batch, secondCore);
                updater.step();
            }
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertEquals(0, allocated, "bytes allocated by 1,000 warm training steps");
        }
    }
}
