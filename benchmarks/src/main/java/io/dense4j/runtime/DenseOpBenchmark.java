package io.dense4j.runtime;

import io.dense4j.benchmarks.Jvm;
import io.dense4j.graph.DenseNode;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.ReLU;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Dense op alone, W-MLP's second hidden layer (256 → 256, ReLU folded in), in µs per call:
 * forward (bias rows, gemm, ReLU) and backward (ReLU's derivative, then dW, db and dx). It lives in
 * the ops' package because {@link DenseOp} is package-private; it runs the real op, on the calling
 * thread, with OpenBLAS on one thread as training runs it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DenseOpBenchmark {
    private static final int WIDTH = 256;

    @Param({"1", "32", "256", "4096"})
    int batch;

    private DenseOp op;
    private BlasThreads threads;

    @Setup
    public void setUp() {
        DenseNode node = new DenseNode(1, WIDTH, WIDTH, new ReLU(), Initializer.GLOROT_UNIFORM);
        Random random = new Random(42);
        NativeArray ones = NativeArray.allocate(DataType.FLOAT, batch);
        ones.fill(1);
        op = new DenseOp(node, gaussian(WIDTH * WIDTH, 0.09, random), gaussian(WIDTH, 0.1, random),
                gaussian(WIDTH * WIDTH, 1, random), gaussian(WIDTH, 1, random), gaussian(batch * WIDTH, 1, random),
                gaussian(batch * WIDTH, 1, random), gaussian(batch * WIDTH, 1, random), gaussian(batch * WIDTH, 1, random),
                ones);
        op.forward(batch); // outputs of the kind backward reads: about half of them zero
        threads = BlasThreads.exactly(1);
    }

    private static NativeArray gaussian(int length, double scale, Random random) {
        NativeArray array = NativeArray.allocate(DataType.FLOAT, length);
        for (int i = 0; i < length; i++) {
            array.set(i, scale * random.nextGaussian());
        }
        return array;
    }

    @TearDown
    public void tearDown() {
        threads.close();
    }

    /** Writes native memory through JNI, which the JIT cannot drop, so nothing needs returning. */
    @Benchmark
    public void forward() {
        op.forward(batch);
    }

    /**
     * dL/dZ, dL/dW, dL/db and dL/dx. The gradient buffer is rescaled in place by ReLU's derivative
     * each call; zeros stay zeros and the cost does not depend on the values.
     */
    @Benchmark
    public void backward() {
        op.backward(batch);
    }
}
