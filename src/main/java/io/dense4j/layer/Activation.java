package io.dense4j.layer;

/** An elementwise activation: a layer of its own, or the {@code activation} of a {@link Dense} layer. */
public sealed interface Activation extends Layer permits Sigmoid, ReLU, Linear {

    <R> R accept(ActivationVisitor<R> visitor);

    @Override
    default <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitActivation(this);
    }
}
