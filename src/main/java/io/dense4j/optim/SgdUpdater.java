package io.dense4j.optim;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import java.util.List;

/** Plain SGD, θ ← θ − λ·g: one axpy over the flat parameter array. */
final class SgdUpdater extends Updater {
    private final double clipNorm;
    private final NativeArray parameters;
    private final NativeArray gradients;

    SgdUpdater(SGD spec, NativeArray parameters, NativeArray gradients) {
        super(spec.learningRate());
        this.clipNorm = spec.clipNorm();
        this.parameters = parameters;
        this.gradients = gradients;
    }

    @Override
    public void step() {
        GradientClipping.clip(gradients, clipNorm);
        Blas.axpy(parameters.length(), -learningRate(), gradients, parameters);
    }

    @Override
    public List<NativeArray> state() {
        return List.of();
    }
}
