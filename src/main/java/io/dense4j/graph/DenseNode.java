package io.dense4j.graph;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Linear;

/**
 * An affine op, x · W + b, with an activation folded in ({@link Linear} for none). Its parameters
 * are the weights [inputWidth, outputWidth], row-major, then the bias [outputWidth].
 */
public record DenseNode(int layerIndex, int inputWidth, int outputWidth, Activation activation,
                        Initializer initializer) implements Node {

    public DenseNode withActivation(Activation newActivation) {
        return new DenseNode(layerIndex, inputWidth, outputWidth, newActivation, initializer);
    }

    public int weightCount() {
        return inputWidth * outputWidth;
    }

    @Override
    public int parameterCount() {
        return weightCount() + outputWidth;
    }

    @Override
    public String label() {
        return activation instanceof Linear ? "Dense" : "Dense+" + activation.kind();
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitDense(this);
    }
}
