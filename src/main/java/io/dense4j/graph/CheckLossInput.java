package io.dense4j.graph;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Sigmoid;

/**
 * Checks that the model's last op outputs what the loss reads: a probability (ending in Sigmoid)
 * for {@code BinaryCrossEntropy()}, a logit (not ending in Sigmoid) for {@code fromLogits = true}.
 */
final class CheckLossInput {
    private CheckLossInput() {
    }

    static Graph apply(Graph graph) {
        Node last = graph.nodes().get(graph.nodes().size() - 1);
        Activation activation = finalActivation(last);
        boolean endsInSigmoid = activation instanceof Sigmoid;
        if (graph.lossForm() == LossForm.FROM_PROBABILITIES && !endsInSigmoid) {
            throw new IllegalArgumentException(String.format(
                    "BinaryCrossEntropy expects probabilities, but the last layer, layer %d (%s), ends in %s: "
                            + "end with Sigmoid, or use new BinaryCrossEntropy(true) if the output is a logit",
                    last.layerIndex(), last.label(), activation.kind()));
        }
        if (graph.lossForm() == LossForm.FROM_LOGITS && endsInSigmoid) {
            throw new IllegalArgumentException(String.format(
                    "BinaryCrossEntropy(fromLogits = true) expects logits, but the last layer, layer %d (%s), "
                            + "ends in Sigmoid, which would apply σ twice: drop the Sigmoid, or use new BinaryCrossEntropy()",
                    last.layerIndex(), last.label()));
        }
        return graph;
    }

    static Activation finalActivation(Node node) {
        return node instanceof DenseNode dense ? dense.activation() : ((ActivationNode) node).activation();
    }
}
