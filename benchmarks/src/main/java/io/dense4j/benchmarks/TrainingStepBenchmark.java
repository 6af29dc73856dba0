package io.dense4j.benchmarks;

import io.dense4j.data.Dataset;
import io.dense4j.data.DatasetBatches;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.model.Model;
import io.dense4j.optim.Adam;
import io.dense4j.optim.Optimizer;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.runtime.BlasThreads;
import io.dense4j.runtime.ExecutionPolicy;
import io.dense4j.runtime.Gradients;
import io.dense4j.runtime.Parameters;
import io.dense4j.runtime.StepRunner;
import io.dense4j.runtime.Workers;
import io.dense4j.train.FitOptions;
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
 * One W-MLP training step (forward, fused sigmoid + cross-entropy, backward, plain SGD 0.1) on a
 * fixed batch, in steps per second, run as fit runs it: a {@link StepRunner} under the
 * {@link ExecutionPolicy} (the step's parts on the workers' threads), OpenBLAS on one thread, then
 * the update. Samples per second is steps per second ×
 * batch; the work of a step does not depend on the values, so repeating one batch measures the same
 * step as an epoch.
 *
 * <p>Full batch (200,000 rows) is measured as {@code fit} runs it, since no single pass holds it
 * there: each call is one epoch of {@code Model.fit} on the in-memory data set, one step whose
 * gradient is summed over passes of at most 4,096 rows (more on many cores), the rows copied into
 * the plans as training copies them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {
    private static final int FULL_BATCH = 200_000;

    /** 200,000 is full batch on W-MLP's data set: one step over every row, through fit. */
    @Param({"1", "32", "256", "4096", "200000"})
    int batch;

    /** Threads a step may use: "policy" is every core the JVM sees, as fit does; a number sets it. */
    @Param({"policy"})
    String threads;

    /** Parts of a step: "policy" is one per thread, as fit does; a number fixes the cut (as --parts does). */
    @Param({"policy"})
    String parts;

    /** Learning controls on the plain W-MLP step (see {@link WMlp#graph(String)}); not with full batch. */
    @Param({"none"})
    String controls;

    /**
     * The optimizer: "sgd" (plain, 0.1), "momentum" (0.1 with momentum 0.9) or "adam" (0.001,
     * Keras's defaults otherwise); not with full batch.
     */
    @Param({"sgd"})
    String optimizer;

    private StepRunner runner;
    private Updater updater;
    private Workers workers;
    private BlasThreads blas;
    private Model model;
    private Dataset data;
    private FitOptions oneFullBatchEpoch;

    @Setup
    public void setUp() {
        ExecutionPolicy policy = policy();
        if (batch == FULL_BATCH) {
            model = WMlp.model(0.1);
            Synthetic rows = Synthetic.generate(Teacher.LINEAR, batch, WMlp.INPUTS, WMlp.DATA_SEED);
            data = Dataset.of(rows.features(), rows.labels(), DataType.FLOAT);
            oneFullBatchEpoch = FitOptions.builder().epochs(1).fullBatch().build();
            return;
        }
        Parameters parameters = WMlp.parameters(WMlp.graph(controls));
        Gradients gradients = new Gradients(parameters.graph(), DataType.FLOAT);
        workers = new Workers(policy.threads());
        Optimizer rule = switch (optimizer) {
            case "sgd" -> new SGD(0.1);
            case "momentum" -> new SGD(0.1, 0.9, false);
            case "adam" -> new Adam(0.001);
            default -> throw new IllegalArgumentException("optimizer is sgd, momentum or adam, got " + optimizer);
        };
        updater = Updater.create(rule, parameters.values(), gradients.values(), parameters.allWeights(),
                gradients.nonzeroRows(), (count, piece) -> runner.runOnStepThreads(count, piece)); // as Trainer does
        runner = new StepRunner(parameters, gradients, policy, batch, workers);
        Synthetic rows = Synthetic.generate(Teacher.LINEAR, batch, WMlp.INPUTS, WMlp.DATA_SEED);
        DatasetBatches source = new DatasetBatches(WMlp.withControls(Dataset.of(rows.features(), rows.labels(), DataType.FLOAT),
                controls));
        source.startPass(0, 0, false);
        runner.load(source, batch);
        blas = BlasThreads.exactly(1);
        workers.start();
    }

    private ExecutionPolicy policy() {
        ExecutionPolicy policy = ExecutionPolicy.forThisMachine();
        if (!"policy".equals(threads)) {
            policy = policy.withThreads(Integer.parseInt(threads));
        }
        if (!"policy".equals(parts)) {
            policy = policy.withParts(Integer.parseInt(parts));
        }
        return policy;
    }

    @TearDown
    public void tearDown() {
        if (workers != null) {
            workers.stop();
        }
        if (blas != null) {
            blas.close();
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
