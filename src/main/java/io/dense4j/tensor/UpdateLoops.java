package io.dense4j.tensor;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * The optimizers' per-element update loops in Java (plain SGD and momentum are BLAS calls
 * instead): the fallback where dense4j's native library is not built, and the reference its loops
 * ({@link NativeElementwise}) are tested against. Each element gets the same operations in the same
 * order in both, so the same bits.
 */
public final class UpdateLoops {
    private UpdateLoops() {
    }

    /**
     * One Adam step over every element: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
     * θ ← θ − stepSize·m / (√v + epsilon), the bias corrections already folded into stepSize and
     * epsilon by the caller. Updaters use {@link NativeElementwise#adam}, the same bits, where the
     * native library is loaded.
     */
    public static void adam(NativeArray parameters, NativeArray gradients, NativeArray firstMoment,
                            NativeArray secondMoment, double beta1, double beta2, double stepSize, double epsilon) {
        int n = parameters.length();
        if (parameters instanceof Float32Array floats) {
            FloatBuffer theta = floats.buffer();
            FloatBuffer g = ((Float32Array) gradients).buffer();
            FloatBuffer m = ((Float32Array) firstMoment).buffer();
            FloatBuffer v = ((Float32Array) secondMoment).buffer();
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float step = (float) stepSize;
            float eps = (float) epsilon;
            for (int i = 0; i < n; i++) {
                float gradient = g.get(i);
                float mi = b1 * m.get(i) + (1 - b1) * gradient;
                float vi = b2 * v.get(i) + (1 - b2) * gradient * gradient;
                m.put(i, mi);
                v.put(i, vi);
                theta.put(i, theta.get(i) - step * mi / ((float) Math.sqrt(vi) + eps));
            }
        } else {
            DoubleBuffer theta = ((Float64Array) parameters).buffer();
            DoubleBuffer g = ((Float64Array) gradients).buffer();
            DoubleBuffer m = ((Float64Array) firstMoment).buffer();
            DoubleBuffer v = ((Float64Array) secondMoment).buffer();
            for (int i = 0; i < n; i++) {
                double gradient = g.get(i);
                double mi = beta1 * m.get(i) + (1 - beta1) * gradient;
                double vi = beta2 * v.get(i) + (1 - beta2) * gradient * gradient;
                m.put(i, mi);
                v.put(i, vi);
                theta.put(i, theta.get(i) - stepSize * mi / (Math.sqrt(vi) + epsilon));
            }
        }
    }
}
