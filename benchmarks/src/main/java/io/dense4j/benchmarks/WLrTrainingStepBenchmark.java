package io.dense4j.benchmarks;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Compiler;
import io.dense4j.graph.Graph;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.BinaryCrossEntropy;
import io.dense4j.model.Model;
import io.dense4j.model.Sequential;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.StepRunner;
import io.dense4j.runtime.Workers;
import io.dense4j.train.FitOptions;
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
 * float32, one training step on a fixed batch at batch 1, 256 and full batch (1,000,000 rows),
 * run as fit runs it (the full batch through fit, summed over passes). Samples per second = steps
 * per second × batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WLrTrainingStepBenchmark {
    private static final int INPUTS = 20;
    private static final int FULL_BATCH = 1_000_000;

    @Param({"1", "256", "1000000"})
    int batch;

    private StepRunner runner;
    private Updater updater;
    private Workers workers;
    private BlasThreads threads;
    private Model model;
    private Dataset data;
    private FitOptions oneFullBatchEpoch;

    @Setup
    public void setUp() {
        Synthetic rows = Synthetic.generate(Teacher.LINEAR, batch, INPUTS, WMlp.DATA_SEED);
        data = Dataset.of(rows.features(), rows.labels(), DataType.FLOAT);
        if (batch == FULL_BATCH) {
            model = new Sequential(new Dense(1, new Sigmoid())).compile(INPUTS, new BinaryCrossEntropy(), new SGD(0.1));
            oneFullBatchEpoch = FitOptions.builder().epochs(1).fullBatch().build();
            return;
        }
        Graph graph = Compiler.compile(List.of(new Dense(1, new Sigmoid())), INPUTS, new BinaryCrossEntropy(), true, false);
        Parameters parameters = new Parameters(graph, DataType.FLOAT);
        parameters.initialize(WMlp.PARAMETER_SEED);
        Gradients gradients = new Gradients(graph, DataType.FLOAT);
        ExecutionPolicy policy = ExecutionPolicy.forThisMachine();
        workers = new Workers(policy.threads());
        runner = new StepRunner(parameters, gradients, policy, batch, workers);
        updater = Updater.create(new SGD(0.1), parameters.values(), gradients.values(), parameters.allWeights());
        DatasetBatches source = new DatasetBatches(data);
        source.startPass(0, 0, false);
        runner.load(source, batch);
        threads = BlasThreads.exactly(1);
        workers.start();
    }

    @TearDown
    public void tearDown() {
        if (workers != null) {
            workers.stop();
        }
        if (threads != null) {
            threads.close();
        }
    }

    /** Returns the batch's loss so that the step cannot be dropped as dead code. */
    @Benchmark
    public double step() {
        if (model != null) {
            return model.fit(data, oneFullBatchEpoch).loss()[0];
        }
        double loss = runner.run(batch);
        updater.step();
        return loss;
    }
}
