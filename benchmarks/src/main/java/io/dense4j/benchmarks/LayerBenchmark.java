package io.dense4j.benchmarks;

import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.Plan;
import io.dense4j.loss.ClassWeights;
import io.dense4j.loss.CrossEntropy;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.NativeArray;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parts of a W-MLP training step one by one, in µs per call: the forward pass, the fused
 * sigmoid + cross-entropy, and the optimizer update over all 91,905 parameters. (The ops themselves
 * are package-private, so forward is timed through {@link Plan}; backward is the training step
 * minus these.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LayerBenchmark {

    /** A W-MLP plan filled with a batch, and logits for the loss alone. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"1", "32", "256"})
        int batch;

        Plan plan;
        NativeArray logits;
        NativeArray gradLogits;

        @Setup
        public void setUp() {
            plan = Plan.forward(WMlp.parameters(WMlp.graph()), batch);
            WMlp.fill(plan, batch);
            // Logits of the scale a freshly initialized W-MLP gives; the loss's cost does not depend on them.
            logits = NativeArray.allocate(DataType.FLOAT, batch);
            gradLogits = NativeArray.allocate(DataType.FLOAT, batch);
            Random random = new Random(42);
            for (int i = 0; i < batch; i++) {
                logits.set(i, random.nextGaussian());
            }
        }
    }

    /** W-MLP's parameters with the gradients of one training step, and an updater over them. */
    @State(Scope.Thread)
    public static class Update {
        @Param({"sgd", "sgd-momentum", "adam"})
        String optimizer;

        Updater updater;

        @Setup
        public void setUp() {
            Parameters parameters = WMlp.parameters(WMlp.graph());
            Gradients gradients = new Gradients(parameters.graph(), DataType.FLOAT);
            Plan plan = new Plan(parameters, gradients, 32);
            WMlp.fill(plan, 32);
            plan.trainingStep(32, 32);
            updater = Updater.create(spec(optimizer), parameters.values(), gradients.values(), parameters.allWeights());
        }

        private static Optimizer spec(String name) {
            return switch (name) {
                case "sgd" -> new SGD(0.1);
                case "sgd-momentum" -> new SGD(0.1, 0.9, false);
                case "adam" -> new Adam(1e-3);
                default -> throw new IllegalArgumentException("no optimizer " + name);
            };
        }
    }

    @Benchmark
    public void forward(Batch state) {
        state.plan.forward(state.batch);
    }

    @Benchmark
    public double lossFromLogits(Batch state) {
        return CrossEntropy.fromLogits(state.logits, state.plan.labels(), state.batch, 1.0 / state.batch, ClassWeights.NONE,
                state.gradLogits);
    }

    @Benchmark
    public void update(Update state) {
        state.updater.step();
    }
}
