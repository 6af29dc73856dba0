package io.dense4j.layer;

/**
 * The identity activation, y = x (as in Keras; PyTorch's {@code Linear} is the affine layer, here
 * {@link Dense}). Compiling drops it.
 */
public record Linear() implements Activation {

    @Override
    public <R> R accept(ActivationVisitor<R> visitor) {
        return visitor.visitLinear(this);
    }
}
