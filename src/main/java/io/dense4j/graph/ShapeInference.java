package io.dense4j.graph;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Dense;
import io.dense4j.layer.Dropout;
import io.dense4j.layer.Layer;
import io.dense4j.layer.LayerVisitor;
import io.dense4j.layer.Normalization;
import io.dense4j.loss.BinaryCrossEntropy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The first pass: one node per layer, with widths carried from the input through every layer. */
final class ShapeInference {
    private ShapeInference() {
    }

    static Graph infer(List<Layer> layers, InputLayout input, BinaryCrossEntropy loss, boolean inputGradient) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(
                    "Sequential is empty: add at least one layer, such as new Dense(1, new Sigmoid())");
        }
        List<Node> nodes = new ArrayList<>();
        int width = input.allNumeric() ? input.width() : input.encodedWidth();
        for (int index = 0; index < layers.size(); index++) {
            InputLayout reading = input.allNumeric() || !nodes.stream().allMatch(NormalizationNode.class::isInstance) ? null : input;
            if (reading != null) {
                checkReadsCategories(layers.get(index), index, input);
            }
            Node node = layers.get(index).accept(new NodeOf(index, width, reading));
            nodes.add(node);
            width = node instanceof NormalizationNode && reading != null ? input.encodedWidth() : node.outputWidth();
        }
        if (nodes.stream().noneMatch(node -> node.parameterCount() > 0)) {
            throw new IllegalArgumentException(
                    "Sequential has no Dense layer, so nothing to train: add one, such as new Dense(1, new Sigmoid())");
        }
        if (width != 1) {
            Node last = nodes.get(nodes.size() - 1);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "BinaryCrossEntropy expects the model to output 1 value per row, but the last layer, "
                            + "layer %d (%s), outputs %d: end the model with new Dense(1, new Sigmoid())",
                    last.layerIndex(), layers.get(last.layerIndex()).kind(), width));
        }
        LossForm form = loss.fromLogits() ? LossForm.FROM_LOGITS : LossForm.FROM_PROBABILITIES;
        return new Graph(input, nodes, form, loss.classWeights(), inputGradient, List.of());
    }

    /**
     * A row with categorical columns is read by its first Dense layer, which gathers a weight row
     * per code; only a Normalization of its numbers may come before.
     */
    private static void checkReadsCategories(Layer layer, int index, InputLayout input) {
        if (layer instanceof Normalization && input.numericCount() == 0) {
            throw new IllegalArgumentException("layer " + index + " (Normalization) standardizes numeric columns, and every "
                    + "input column is categorical: leave it out");
        }
        if (!(layer instanceof Dense) && !(layer instanceof Normalization)) {
            throw new IllegalArgumentException("layer " + index + " (" + layer.kind() + ") would read the input's categorical "
                    + "columns, which only a Dense layer reads (as one-hot rows): start the model with Dense, after "
                    + "Normalization if any");
        }
    }

    /**
     * The node of layer {@code index}, which reads {@code width} values per row; {@code reading} is
     * the input layout when the layer reads a row with category codes (null otherwise).
     */
    private record NodeOf(int index, int width, InputLayout reading) implements LayerVisitor<Node> {

        @Override
        public Node visitDense(Dense dense) {
            return new DenseNode(index, width, dense.units(), dense.activation(), dense.initializer(), reading);
        }

        @Override
        public Node visitNormalization(Normalization normalization) {
            if (index != 0) {
                throw new IllegalArgumentException("Normalization standardizes the input features, so it must be layer 0, "
                        + "but it is layer " + index + ": move it to the front");
            }
            return reading == null ? new NormalizationNode(index, width) : new NormalizationNode(index, reading.numericCount(), reading);
        }

        @Override
        public Node visitActivation(Activation activation) {
            return new ActivationNode(index, width, activation);
        }

        @Override
        public Node visitDropout(Dropout dropout) {
            return new DropoutNode(index, width, dropout.rate());
        }
    }
}
