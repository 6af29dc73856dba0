package io.dense4j.graph;

import io.dense4j.layer.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds an activation layer into the Dense op right before it when that op has no activation of its
 * own, so Dense(64) followed by ReLU() runs as one op with one output buffer, like Dense(64, relu).
 */
final class FoldActivations {
    private FoldActivations() {
    }

    static Graph apply(Graph graph) {
        List<Node> folded = new ArrayList<>();
        int count = 0;
        for (Node node : graph.nodes()) {
            Node previous = folded.isEmpty() ? null : folded.get(folded.size() - 1);
            if (node instanceof ActivationNode activation && previous instanceof DenseNode dense
                    && dense.activation() instanceof Linear) {
                folded.set(folded.size() - 1, dense.withActivation(activation.activation()));
                count++;
            } else {
                folded.add(node);
            }
        }
        return count == 0 ? graph
                : graph.rewrite(folded, graph.lossForm(), "folded " + count + " activation layer(s) into the Dense op before them");
    }
}
