package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.tensor.NativeArray;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W-LR, the seed's model: 20 inputs → Dense 1 Sigmoid, binary cross-entropy, plain SGD 0.1,
 * float32, one training step on a fixed batch at batch 1, 256 and full batch (1,000,000 rows).
 * Samples per second = steps per second × batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WLrTrainingStepBenchmark {
    private static final int INPUTS = 20;

    @Param({"1", "256", "1000000"})
    int batch;

    private Plan plan;
    private Updater updater;
    private BlasThreads threads;

    @Setup
    public void setUp() {
        Graph graph = Compiler.compile(List.of(new Dense(1, new Sigmoid())), INPUTS, new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(WMlp.PARAMETER_SEED);
        plan = new Plan(graph, parameters, batch);
        updater = Updater.create(new SGD(0.1), parameters.values(), parameters.gradients());
        threads = BlasThreads.forBatch(batch);
        Synthetic data = Synthetic.generate(Teacher.LINEAR, batch, INPUTS, WMlp.DATA_SEED);
        NativeArray x = NativeArray.copyOf(data.features(), DataType.FLOAT);
        NativeArray y = NativeArray.copyOf(data.labels(), DataType.FLOAT);
        plan.input().copyFrom(x, 0, 0, batch * INPUTS);
        plan.labels().copyFrom(y, 0, 0, batch);
    }

    @TearDown
    public void tearDown() {
        threads.close();
    }

    /** Returns the batch's loss so that the step cannot be dropped as dead code. */
    @Benchmark
    public double step() {
        double loss = plan.trainingStep(batch);
        updater.step();
        return loss;
    }
}
