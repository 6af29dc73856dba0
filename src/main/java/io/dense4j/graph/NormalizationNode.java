package io.dense4j.graph;

/** Per-feature standardization, y = (x − μ) · s with s = 1/σ, from statistics set by adapt. */
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
    public String label() {
        return "Normalization";
    }
}
