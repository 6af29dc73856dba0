package io.dense4j.layer;

/** The logistic function σ(x) = 1 / (1 + e^−x), which maps a logit to a probability. */
public record Sigmoid() implements Activation {

    @Override
    public <R> R accept(ActivationVisitor<R> visitor) {
        return visitor.visitSigmoid(this);
    }
}
