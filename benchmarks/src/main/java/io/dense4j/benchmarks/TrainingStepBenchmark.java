package io.dense4j.benchmarks;

import io.dense4j.graph.Graph;
import io.dense4j.graph.Parameters;
import io.dense4j.graph.Plan;
import io.dense4j.graph.SplitStep;
import io.dense4j.optim.SGD;
import io.dense4j.optim.Updater;
import io.dense4j.tensor.BlasThreads;
import io.dense4j.tensor.SecondCore;
import java.util.concurrent.TimeUnit;
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
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TrainingStepBenchmark {

    /** 200,000 is full batch on W-MLP's data set: one step over every row. */
    @Param({"1", "32", "256", "4096", "200000"})
    int batch;

    /** "policy" is what fit does (BlasThreads.forBatch); a number pins OpenBLAS to that many threads. */
    @Param({"policy"})
    String blasThreads;

    /** "policy" runs independent backward products side by side as fit does (SecondCore.forBatch); "off" does not. */
    @Param({"policy"})
    String secondCore;

    /** "policy" splits the step over two plans on two cores as fit does (SplitStep from MIN_ROWS rows); "off" does not. */
    @Param({"policy"})
    String split;

    private Plan plan;
    private SplitStep twoCores;
    private Updater updater;
    private BlasThreads threads;
    private SecondCore core;

    @Setup
    public void setUp() {
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
        core = "policy".equals(secondCore) ? SecondCore.forBatch(batch) : null;
        plan = new Plan(graph, parameters, batch);
        WMlp.fill(plan, batch);
    }

    @TearDown
    public void tearDown() {
        if (core != null) {
            core.close();
        }
        threads.close();
    }

    /** Returns the batch's loss so that the step cannot be dropped as dead code. */
    @Benchmark
    public double step() {
        double loss = twoCores != null ? twoCores.trainingStep((batch + 1) / 2, batch / 2) : plan.trainingStep(batch, core);
        updater.step();
        return loss;
    }
}
