package io.dense4j.graph;

/**
 * Per-feature standardization, y = (x − μ) · s with s = 1/σ, from statistics set by adapt. Its
 * statistics are μ [width], then s [width].
 *
 * @param width   the numbers it standardizes per row
 * @param reading the input layout when the row also holds category codes, which it leaves to the
 *                gathering Dense after it: it then reads the layout's numeric columns only; null
 *                when every input column is a number
 */
public record NormalizationNode(int layerIndex, int width, InputLayout reading) implements Node {

    /** Standardizing every one of {@code width} input numbers. */
    public NormalizationNode(int layerIndex, int width) {
        this(layerIndex, width, null);
    }

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
