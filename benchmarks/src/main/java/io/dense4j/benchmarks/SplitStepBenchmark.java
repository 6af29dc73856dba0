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
 * A W-MLP training step (as TrainingStepBenchmark) run two ways on the same batch: "one" plan with
 * fit's OpenBLAS thread policy (all cores for the products, one core for the elementwise loops),
 * or "split" over two plans on two cores (SplitStep: one OpenBLAS thread each, the halves' gradients
 * summed). Decides from which batch size fit splits.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SplitStepBenchmark {

    @Param({"128", "256", "1024", "4096", "16384"})
    int batch;

    @Param({"one", "split"})
    String step;

    private Plan plan;
    private SplitStep split;
    private Updater updater;
    private BlasThreads threads;
    private SecondCore core;

    @Setup
    public void setUp() {
        Graph graph = WMlp.graph();
        Parameters parameters = WMlp.parameters(graph);
        updater = Updater.create(new SGD(0.1), parameters.values(), parameters.gradients());
        if (step.equals("one")) {
            threads = BlasThreads.forBatch(batch);
            plan = new Plan(graph, parameters, batch);
            WMlp.fill(plan, batch);
        } else {
            threads = BlasThreads.exactly(1);
            core = SecondCore.start();
            Parameters second = Parameters.withOwnGradients(graph, parameters);
            Plan first = new Plan(graph, parameters, (batch + 1) / 2);
            Plan other = new Plan(graph, second, batch / 2);
            WMlp.fill(first, (batch + 1) / 2);
            WMlp.fill(other, batch / 2);
            split = new SplitStep(first, other, parameters.gradients(), second.gradients(), core);
        }
    }

    @TearDown
    public void tearDown() {
        if (core != null) {
            core.close();
        }
        threads.close();
    }

    @Benchmark
    public double step() {
        double loss = split == null ? plan.trainingStep(batch) : split.trainingStep((batch + 1) / 2, batch / 2);
        updater.step();
        return loss;
    }
}
