package io.dense4j.benchmarks;

import io.dense4j.data.Dataset;
import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import io.dense4j.graph.Graph;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.graph.SplitStep;
import io.dense4j.model.CompiledModel;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.tensor.SecondCore;
import io.dense4j.train.AdaptiveSecondCore;
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
 * fixed batch, in steps per second. Samples per second is steps per second × batch; the work of a
 * step does not depend on the values, so repeating one batch measures the same step as an epoch.
 *
 * <p>Full batch (200,000 rows) is measured as {@code fit} runs it, since no single plan holds it
 * there: each call is one epoch of {@code CompiledModel.fit} on the in-memory data set, one step
 * whose gradient is accumulated over passes of at most 4,096 rows split over two cores, the rows
 * copied into the plans as training copies them.
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

    /** "policy" is what fit does (BlasThreads.forBatch); a number pins OpenBLAS to that many threads. */
    @Param({"policy"})
    String blasThreads;

    /**
     * "policy" runs independent backward products side by side as fit does: on SecondCore.forBatch's
     * core, while that measures faster (AdaptiveSecondCore); "always" on that core at every step;
     * "off" never.
     */
    @Param({"policy"})
    String secondCore;

    /** "policy" splits the step over two plans on two cores as fit does (SplitStep from MIN_ROWS rows); "off" does not. */
    @Param({"policy"})
    String split;

    private Plan plan;
    private SplitStep twoCores;
    private CompiledModel model;
    private Dataset data;
    private FitOptions oneFullBatchEpoch;
    private Updater updater;
    private BlasThreads threads;
    private SecondCore core;
    private AdaptiveSecondCore adaptive;

    @Setup
    public void setUp() {
        if (batch == FULL_BATCH) {
            model = WMlp.model(0.1);
            Synthetic rows = Synthetic.generate(Teacher.LINEAR, batch, WMlp.INPUTS, WMlp.DATA_SEED);
            data = Dataset.of(rows.features(), rows.labels(), DataType.FLOAT);
            oneFullBatchEpoch = FitOptions.builder().epochs(1).fullBatch().build();
            return;
        }
        Graph graph = WMlp.graph();
        Parameters parameters = WMlp.parameters(graph);
        updater = Updater.create(new SGD(0.1), parameters.values(), parameters.gradients());
        if ("policy".equals(split) && batch >= SplitStep.MIN_ROWS) { // as fit: one OpenBLAS thread per core and part
            threads = BlasThreads.exactly(1);
            core = SecondCore.start();
            Parameters second = Parameters.withOwnGradients(graph, parameters);
            Plan first = new Plan(graph, parameters, (batch + 1) / 2);
            Plan other = new Plan(graph, second, batch / 2);
            WMlp.fill(first, (batch + 1) / 2);
            WMlp.fill(other, batch / 2);
            twoCores = new SplitStep(first, other, parameters.gradients(), second.gradients(), core);
            return;
        }
        threads = "policy".equals(blasThreads) ? BlasThreads.forBatch(batch) : BlasThreads.exactly(Integer.parseInt(blasThreads));
        core = "off".equals(secondCore) ? null : SecondCore.forBatch(batch);
        adaptive = core != null && "policy".equals(secondCore) ? new AdaptiveSecondCore(core) : null;
        plan = new Plan(graph, parameters, batch);
        WMlp.fill(plan, batch);
    }

    @TearDown
    public void tearDown() {
        if (core != null) {
            core.close();
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
        double loss;
        if (adaptive != null) {
            loss = adaptive.trainingStep(plan, batch, true);
        } else {
            loss = twoCores != null ? twoCores.trainingStep((batch + 1) / 2, batch / 2) : plan.trainingStep(batch, core);
        }
        updater.step();
        return loss;
    }
}
