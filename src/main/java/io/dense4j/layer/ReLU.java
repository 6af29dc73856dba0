package io.dense4j.layer;

/** The rectifier max(x, 0). */
public record ReLU() implements Activation {

    @Override
    public <R> R accept(ActivationVisitor<R> visitor) {
        return visitor.visitReLU(this);
    }
}
