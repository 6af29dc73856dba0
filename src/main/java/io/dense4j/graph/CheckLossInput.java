package io.dense4j.graph;

import io.dense4j.layer.Activation;
import io.dense4j.layer.Linear;
import io.dense4j.layer.Sigmoid;
import java.util.Locale;

/**
 * Checks that the model's last op outputs what the loss reads: a probability (ending in Sigmoid)
 * for {@code BinaryCrossEntropy()}, a logit (not ending in Sigmoid) for {@code fromLogits = true}.
 * Runs on the user's layers as written, so the message names their last layer.
 */
final class CheckLossInput {
    private CheckLossInput() {
    }

    static Graph apply(Graph graph) {
        Node last = graph.nodes().get(graph.nodes().size() - 1);
        if (last instanceof DropoutNode) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the last layer, layer %d (%s), drops out the model's output: "
                    + "Dropout goes between hidden layers, before the output layer", last.layerIndex(), last.label()));
        }
        Activation activation = effectiveFinalActivation(graph);
        boolean endsInSigmoid = activation instanceof Sigmoid;
        if (graph.lossForm() == LossForm.FROM_PROBABILITIES && !endsInSigmoid) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "BinaryCrossEntropy expects probabilities, but the last layer, layer %d (%s), ends in %s: "
                            + "end with Sigmoid, or use new BinaryCrossEntropy(true) if the output is a logit",
                    last.layerIndex(), last.label(), activation.kind()));
        }
        if (graph.lossForm() == LossForm.FROM_LOGITS && endsInSigmoid) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "BinaryCrossEntropy(fromLogits = true) expects logits, but the last layer, layer %d (%s), "
                            + "ends in Sigmoid, which would apply σ twice: drop the Sigmoid, or use new BinaryCrossEntropy()",
                    last.layerIndex(), last.label()));
        }
        return graph;
    }

    /** The last activation that changes anything: trailing Linear layers are y = x. */
    private static Activation effectiveFinalActivation(Graph graph) {
        for (int i = graph.nodes().size() - 1; i > 0; i--) {
            Node node = graph.nodes().get(i);
            if (!(node instanceof ActivationNode activation && activation.activation() instanceof Linear)) {
                return finalActivation(node);
            }
        }
        return finalActivation(graph.nodes().get(0));
    }

    /** The activation a node ends in. */
    static Activation finalActivation(Node node) {
        if (node instanceof DenseNode dense) {
            return dense.activation();
        }
        return node instanceof ActivationNode activation ? activation.activation() : new Linear();
    }
}
