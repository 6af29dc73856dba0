package io.dense4j.graph;

import java.util.Locale;

/** Inverted dropout over {@code width} values per row: masked in training, the identity otherwise. */
public record DropoutNode(int layerIndex, int width, double rate) implements Node {

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
        return String.format(Locale.ROOT, "Dropout %s", rate);
    }

    @Override
    public <R> R accept(NodeVisitor<R> visitor) {
        return visitor.visitDropout(this);
    }
}
