package io.dense4j.benchmarks;

import io.dense4j.tensor.Blas;
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
 * c = a·b in float32 through {@link Blas#gemm}, for the shapes of W-MLP's layers at batches 256 and
 * 4096: the roofline that a training step's gemms can reach. GFLOP/s = 2·m·k·n / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SgemmBenchmark {

    /** m×k×n: a is m×k, b is k×n, c is m×n, all row-major. */
    @Param({"256x100x256", "256x256x256", "4096x100x256", "4096x256x256"})
    String shape;

    private int m;
    private int k;
    private int n;
    private NativeArray a;
    private NativeArray b;
    private NativeArray c;

    @Setup
    public void setUp() {
        String[] sizes = shape.split("x");
        m = Integer.parseInt(sizes[0]);
        k = Integer.parseInt(sizes[1]);
        n = Integer.parseInt(sizes[2]);
        Random random = new Random(42);
        a = gaussian(m * k, random);
        b = gaussian(k * n, random);
        c = NativeArray.allocate(DataType.FLOAT, (long) m * n);
    }

    private static NativeArray gaussian(int length, Random random) {
        NativeArray array = NativeArray.allocate(DataType.FLOAT, length);
        for (int i = 0; i < length; i++) {
            array.set(i, random.nextGaussian());
        }
        return array;
    }

    /** Writes native memory through JNI, which the JIT cannot drop, so nothing needs returning. */
    @Benchmark
    public void sgemm() {
        Blas.gemm(false, false, m, n, k, 1.0, a, b, 0.0, c); // Blas takes the sizes as m, n, k
    }
}
