package io.dense4j.graph;

import io.dense4j.layer.Linear;
import io.dense4j.layer.Sigmoid;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fuses a final Sigmoid with binary cross-entropy on probabilities into cross-entropy from logits:
 * L = max(z, 0) − z·y + log(1 + e^−|z|) with dL/dz = (σ(z) − y) / B. Finite for any logit, one op
 * less, and σ'(z) never multiplies a vanishing gradient.
 */
final class FuseSigmoidCrossEntropy {
    private FuseSigmoidCrossEntropy() {
    }

    static Graph apply(Graph graph) {
        List<Node> nodes = new ArrayList<>(graph.nodes());
        Node last = nodes.get(nodes.size() - 1);
        if (graph.lossForm() != LossForm.FROM_PROBABILITIES
                || !(CheckLossInput.finalActivation(last) instanceof Sigmoid)) {
            return graph;
        }
        if (last instanceof DenseNode dense) {
            nodes.set(nodes.size() - 1, dense.withActivation(new Linear()));
        } else {
            nodes.remove(nodes.size() - 1);
        }
        return graph.rewrite(nodes, LossForm.FROM_LOGITS, String.format(Locale.ROOT,
                "fused the final Sigmoid (layer %d) with BinaryCrossEntropy into cross-entropy from logits",
                last.layerIndex()));
    }
}
