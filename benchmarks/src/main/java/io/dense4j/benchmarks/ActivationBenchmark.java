package io.dense4j.benchmarks;

import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeElementwise;
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
 * Each activation's forward and backward kernel alone, over one W-MLP hidden layer's outputs
 * (batch × 256 float32 values), in µs per call: what a training step spends outside BLAS per hidden
 * layer and direction. Inputs are N(0, 1), so about half the ReLU outputs are zero, as in training.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = Jvm.QUIET_LOGS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ActivationBenchmark {

    @State(Scope.Thread)
    public static class Layer {
        @Param({"32", "256", "4096"})
        int batch;

        NativeArray preActivations;
        NativeArray values;
        NativeArray outputs;
        NativeArray sigmoidOutputs;
        NativeArray gradients;
        NativeArray freshGradients;
        int count;

        @Setup
        public void setUp() {
            count = batch * WMlp.HIDDEN;
            preActivations = NativeArray.allocate(DataType.FLOAT, count);
            values = NativeArray.allocate(DataType.FLOAT, count);
            outputs = NativeArray.allocate(DataType.FLOAT, count);
            sigmoidOutputs = NativeArray.allocate(DataType.FLOAT, count);
            gradients = NativeArray.allocate(DataType.FLOAT, count);
            freshGradients = NativeArray.allocate(DataType.FLOAT, count);
            Random random = new Random(42);
            for (int i = 0; i < count; i++) {
                preActivations.set(i, random.nextGaussian());
                outputs.set(i, Math.max(0, preActivations.get(i)));
                sigmoidOutputs.set(i, 1 / (1 + Math.exp(-preActivations.get(i))));
                freshGradients.set(i, random.nextGaussian());
            }
            gradients.copyFrom(freshGradients, 0, 0, count);
        }
    }

    /** ReLU forward in place (on a fresh copy of the pre-activations each call, counted in). */
    @Benchmark
    public NativeArray reluForward(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        Elementwise.maxZero(layer.values, layer.count);
        return layer.values;
    }

    /** The copy alone, to subtract from {@link #reluForward} and {@link #sigmoidForward}. */
    @Benchmark
    public NativeArray copyOnly(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        return layer.values;
    }

    /**
     * ReLU backward in place, the Java loop (the fallback without the native library): the
     * gradient kept where the output is positive (idempotent, so no copy).
     */
    @Benchmark
    public NativeArray reluBackward(Layer layer) {
        Elementwise.keepWherePositive(layer.outputs, layer.gradients, layer.count);
        return layer.gradients;
    }

    /** ReLU backward as plans run it where the native library is loaded: the same bits as {@link #reluBackward}. */
    @Benchmark
    public NativeArray reluBackwardNative(Layer layer) {
        NativeElementwise.keepWherePositive(layer.outputs, layer.gradients, layer.count);
        return layer.gradients;
    }

    /** Sigmoid forward in place, on a fresh copy: the Java loop (the fallback without the native library). */
    @Benchmark
    public NativeArray sigmoidForward(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        Elementwise.sigmoid(layer.values, layer.count);
        return layer.values;
    }

    /** Sigmoid forward as plans run it where the native library is loaded: the same bits as {@link #sigmoidForward}. */
    @Benchmark
    public NativeArray sigmoidForwardNative(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        NativeElementwise.sigmoid(layer.values, layer.count);
        return layer.values;
    }

    /**
     * Sigmoid backward in place on a fresh copy of the gradients (counted in, as {@link #copyOnly}
     * counts it), the Java loop. Each call multiplies the gradients by y(1 − y) ≤ ¼: without the copy
     * they would turn subnormal within a few dozen calls, and x86 computes with subnormals slowly.
     */
    @Benchmark
    public NativeArray sigmoidBackward(Layer layer) {
        layer.gradients.copyFrom(layer.freshGradients, 0, 0, layer.count);
        Elementwise.sigmoidBackward(layer.sigmoidOutputs, layer.gradients, layer.count);
        return layer.gradients;
    }

    /** Sigmoid backward as plans run it where the native library is loaded, on a fresh copy. */
    @Benchmark
    public NativeArray sigmoidBackwardNative(Layer layer) {
        layer.gradients.copyFrom(layer.freshGradients, 0, 0, layer.count);
        NativeElementwise.sigmoidBackward(layer.sigmoidOutputs, layer.gradients, layer.count);
        return layer.gradients;
    }

    /** ReLU, then Dropout(0.5)'s mask: a hidden layer's activation pass with Dropout after it. */
    @Benchmark
    public long reluThenDropout(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        Elementwise.maxZero(layer.values, layer.count);
        return Elementwise.dropout(layer.values, layer.values, layer.count, 42, 32768, 2.0);
    }

    /**
     * The pass a Dropout after ReLU made backward before the next Dense took over its scale (as
     * gemm's α): one scaling of the gradient, now left out of the step.
     */
    @Benchmark
    public NativeArray dropoutBackwardScale(Layer layer) {
        Elementwise.scale(layer.gradients, layer.values, layer.count, 2.0);
        return layer.values;
    }

    /** ReLU, then Dropout(0.5)'s 0/1 mask alone, the scale left to the next Dense's gemm. */
    @Benchmark
    public long reluThenDropoutUnscaled(Layer layer) {
        layer.values.copyFrom(layer.preActivations, 0, 0, layer.count);
        Elementwise.maxZero(layer.values, layer.count);
        return Elementwise.dropoutUnscaled(layer.values, layer.count, 42, 32768);
    }
}
