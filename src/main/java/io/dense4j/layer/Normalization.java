package io.dense4j.layer;

/**
 * Standardizes each feature, y = (x − μ) / σ, with μ and σ computed from data by
 * {@code Model.adapt} (as Keras's {@code Normalization} layer). μ and σ are statistics, not
 * trained: the optimizer never moves them, and model files keep them, so prediction applies the
 * same scaling as training. Usually the first layer.
 */
public record Normalization() implements Layer {

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.visitNormalization(this);
    }
}
