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

/** The first pass: one node per layer, with widths carried from the input through every layer. */
final class ShapeInference {
    private ShapeInference() {
    }

    static Graph infer(List<Layer> layers, int inputWidth, BinaryCrossEntropy loss, boolean inputGradient) {
        if (inputWidth < 1) {
            throw new IllegalArgumentException("compile expects an input width >= 1 (features per row), got " + inputWidth);
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(
                    "Sequential is empty: add at least one layer, such as new Dense(1, new Sigmoid())");
        }
        List<Node> nodes = new ArrayList<>();
        int width = inputWidth;
        for (int index = 0; index < layers.size(); index++) {
            Node node = layers.get(index).accept(new NodeOf(index, width));
            nodes.add(node);
            width = node.outputWidth();
        }
        if (nodes.stream().noneMatch(node -> node.parameterCount() > 0)) {
            throw new IllegalArgumentException(
                    "Sequential has no Dense layer, so nothing to train: add one, such as new Dense(1, new Sigmoid())");
        }
        if (width != 1) {
            Node last = nodes.get(nodes.size() - 1);
            throw new IllegalArgumentException(String.format(
                    "BinaryCrossEntropy expects the model to output 1 value per row, but the last layer, "
                            + "layer %d (%s), outputs %d: end the model with new Dense(1, new Sigmoid())",
                    last.layerIndex(), layers.get(last.layerIndex()).kind(), width));
        }
        LossForm form = loss.fromLogits() ? LossForm.FROM_LOGITS : LossForm.FROM_PROBABILITIES;
        return new Graph(inputWidth, nodes, form, loss.classWeights(), inputGradient, List.of());
    }

    /** The node of layer {@code index}, which reads {@code width} values per row. */
    private record NodeOf(int index, int width) implements LayerVisitor<Node> {

        @Override
        public Node visitDense(Dense dense) {
            return new DenseNode(index, width, dense.units(), dense.activation(), dense.initializer());
        }

        @Override
        public Node visitNormalization(Normalization normalization) {
            if (index != 0) {
                throw new IllegalArgumentException("Normalization standardizes the input features, so it must be layer 0, "
                        + "but it is layer " + index + ": move it to the front");
            }
            return new NormalizationNode(index, width);
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
