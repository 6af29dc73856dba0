package io.dense4j.optim;

import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import io.dense4j.tensor.Subnormals;
import java.util.List;

/** Adam with bias correction, one fused typed loop over the flat arrays ({@link Elementwise#adam}). */
final class AdamUpdater extends Updater {
    private final Adam spec;
    private final NativeArray parameters;
    private final NativeArray gradients;
    private final NativeArray firstMoment;
    private final NativeArray secondMoment;
    private final Slices weights;

    AdamUpdater(Adam spec, NativeArray parameters, NativeArray gradients, Slices weights) {
        super(spec.learningRate());
        this.spec = spec;
        this.weights = weights;
        this.parameters = parameters;
        this.gradients = gradients;
        this.firstMoment = NativeArray.allocate(parameters.dataType(), parameters.length());
        this.secondMoment = NativeArray.allocate(parameters.dataType(), parameters.length());
    }

    @Override
    public void step() {
        GradientClipping.clip(gradients, spec.clipNorm());
        if (spec.weightDecay() > 0) {
            weights.scale(1 - learningRate() * spec.weightDecay()); // decoupled: before the step, as PyTorch's AdamW
        }
        long steps = countStep();
        double beta1 = spec.beta1();
        double beta2 = spec.beta2();
        // Fold both bias corrections into the step size and ε: λ·m̂/(√v̂ + ε) = λt·m/(√v + ε·√(1 − β2^t))
        // exactly, with λt = λ·√(1 − β2^t)/(1 − β1^t); no per-element division by the corrections.
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        double stepSize = learningRate() * Math.sqrt(correction2) / correction1;
        double epsilon = spec.epsilon() * Math.sqrt(correction2);
        Elementwise.adam(parameters, gradients, firstMoment, secondMoment, beta1, beta2, stepSize, epsilon);
        if (flushesStateAfter(steps)) {
            Subnormals.flushToZero(firstMoment);
            Subnormals.flushToZero(secondMoment);
        }
    }

    @Override
    public List<NativeArray> state() {
        return List.of(firstMoment, secondMoment);
    }
}
