package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Subnormals;
import java.util.List;

/** SGD with (optionally Nesterov) momentum, as three or four level-1 BLAS calls over the flat arrays. */
final class MomentumUpdater extends Updater {
    private final double clipNorm;
    private final double momentum;
    private final boolean nesterov;
    private final NativeArray parameters;
    private final NativeArray gradients;
    private final NativeArray velocity;

    MomentumUpdater(SGD spec, NativeArray parameters, NativeArray gradients) {
        super(spec.learningRate());
        this.clipNorm = spec.clipNorm();
        this.momentum = spec.momentum();
        this.nesterov = spec.nesterov();
        this.parameters = parameters;
        this.gradients = gradients;
        this.velocity = NativeArray.allocate(parameters.dataType(), parameters.length());
    }

    @Override
    public void step() {
        GradientClipping.clip(gradients, clipNorm);
        long steps = countStep();
        int n = parameters.length();
        Blas.scal(n, momentum, velocity);                  // v ← μ·v
        Blas.axpy(n, -learningRate(), gradients, velocity);  // v ← μ·v − λ·g
        if (nesterov) {
            Blas.axpy(n, momentum, velocity, parameters);      // θ ← θ + μ·v
            Blas.axpy(n, -learningRate(), gradients, parameters); //      − λ·g
        } else {
            Blas.axpy(n, 1.0, velocity, parameters);           // θ ← θ + v
        }
        if (flushesStateAfter(steps)) {
            Subnormals.flushToZero(velocity);
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of(velocity);
    }
}
