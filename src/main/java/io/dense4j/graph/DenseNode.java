package io.dense4j.graph;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Initializer;
import io.dense4j.layer.Linear;

/**
 * An affine op, x · W + b, with an activation folded in ({@link Linear} for none). Its parameters
 * are the weights [inputWidth, outputWidth], row-major, then the bias [outputWidth].
 *
 * @param categorical the input layout when this node reads a row with categorical columns (the
 *                    first Dense, whose inputWidth is then the encoded width: it gathers a weight
 *                    row per code instead of multiplying a one-hot vector); null otherwise
 */
public record DenseNode(int layerIndex, int inputWidth, int outputWidth, Activation activation,
                        Initializer initializer, InputLayout categorical) implements Node {

    /** A Dense node reading numbers only. */
    public DenseNode(int layerIndex, int inputWidth, int outputWidth, Activation activation, Initializer initializer) {
        this(layerIndex, inputWidth, outputWidth, activation, initializer, null);
    }

    public DenseNode withActivation(Activation newActivation) {
        return new DenseNode(layerIndex, inputWidth, outputWidth, newActivation, initializer, categorical);
    }

    /** Whether this node gathers weight rows for category codes (see {@link InputLayout}). */
    public boolean gathers() {
        return categorical != null;
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
        String dense = gathers() ? "Dense(gather)" : "Dense";
        return activation instanceof Linear ? dense : dense + "+" + activation.kind();
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitDense(this);
    }
}
