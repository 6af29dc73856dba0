package io.dense4j.graph;

/**
 * Per-feature standardization, y = (x − μ) · s with s = 1/σ, from statistics set by adapt. Its
 * statistics are μ [width], then s [width].
 */
public record NormalizationNode(int layerIndex, int width) implements Node {

    @Override
    public int inputWidth() {
        return width;
    }

    @Override
    public int outputWidth() {
        return width;
    }

    @Override
    public int statisticsCount() {
        return 2 * width;
    }

    @Override
    public String label() {
        return "Normalization";
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitNormalization(this);
    }
}
