package io.dense4j.graph;

import io.dense4j.layer.Activation;

/** An elementwise activation that could not be folded into the op before it. */
public record ActivationNode(int layerIndex, int width, Activation activation) implements Node {

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public String label() {
        return activation.kind();
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitActivation(this);
    }
}
