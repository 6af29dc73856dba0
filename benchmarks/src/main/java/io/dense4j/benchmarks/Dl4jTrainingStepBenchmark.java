package io.dense4j.benchmarks;

import io.dense4j.data.Synthetic;
import io.dense4j.data.Teacher;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
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
 * The peer: the same W-MLP training step in Deeplearning4j 1.0.0-M2.1 (MultiLayerNetwork, the same
 * layers, Xavier initialization, plain SGD 0.1, float32, sigmoid output with binary cross-entropy),
 * one {@code fit} on a fixed batch per op, so its steps/s compare with TrainingStepBenchmark's in
 * the same run. Default DL4J settings (workspaces, ND4J's OpenMP threads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Dl4jTrainingStepBenchmark {

    @Param({"1", "32", "256", "4096"})
    int batch;

    private MultiLayerNetwork network;
    private DataSet data;

    @Setup
    public void setUp() {
        network = WMlp.dl4jNetwork();
        Synthetic rows = Synthetic.generate(Teacher.LINEAR, batch, WMlp.INPUTS, WMlp.DATA_SEED);
        data = new DataSet(rows.features(), rows.labels());
    }

    /** One step on the batch; returns the score so that the step cannot be dropped as dead code. */
    @Benchmark
    public double step() {
        network.fit(data);
        return network.score();
    }
}
