package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;

/** Scales a gradient down to a largest global L2 norm, as PyTorch's {@code clip_grad_norm_} does. */
final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * If ‖g‖ exceeds {@code maxNorm} (> 0), g ← g · maxNorm / (‖g‖ + 1e−6), PyTorch's factor; a
     * gradient within the norm is left as it is. Two BLAS calls; a norm of 0 turns clipping off.
     */
    static void clip(NativeArray gradients, double maxNorm) {
        if (maxNorm == 0) {
            return;
        }
        double norm = Math.sqrt(Blas.dot(gradients.length(), gradients, gradients));
        double factor = maxNorm / (norm + 1e-6);
        if (factor < 1) {
            Blas.scal(gradients.length(), factor, gradients);
        }
    }
}
