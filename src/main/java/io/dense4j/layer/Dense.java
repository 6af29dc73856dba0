package io.dense4j.layer;

import java.util.Objects;

/**
 * The affine layer y = activation(x · W + b), with weights W of shape [inputs, units] and bias b of
 * shape [units]. The input width comes from the previous layer when the model is compiled.
 *
 * @param units       the output width, positive
 * @param activation  applied to x · W + b; {@link Linear} for none
 * @param initializer how W is drawn
 */
public record Dense(int units, Activation activation, Initializer initializer) implements Layer {

    public Dense {
        if (units < 1) {
            throw new IllegalArgumentException("Dense expects units >= 1, got " + units);
        }
        Objects.requireNonNull(activation, "Dense activation (use new Linear() for none)");
        Objects.requireNonNull(initializer, "Dense initializer");
    }

    /** A Dense layer with no activation and Glorot initialization. */
    public Dense(int units) {
        this(units, new Linear(), Initializer.GLOROT_UNIFORM);
    }

    /** A Dense layer with the given activation and Glorot initialization. */
    public Dense(int units, Activation activation) {
        this(units, activation, Initializer.GLOROT_UNIFORM);
    }

    @Override
    public String describe() {
        return activation instanceof Linear ? kind() : kind() + " (" + activation.kind() + ")";
    }

    @Override
    public int outputWidth(int inputWidth) {
        return units;
    }

    /** Weights [inputs, units] and bias [units]. */
    @Override
    public long parameterCount(int inputWidth) {
        return (long) inputWidth * units + units;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitDense(this);
    }
}
