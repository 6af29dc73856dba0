package io.dense4j.graph;

import io.dense4j.layer.Linear;
import java.util.List;
import java.util.stream.Collectors;

/** Removes {@link Linear} activation nodes: y = x needs no op and no buffer. */
final class DropIdentityActivations {
    private DropIdentityActivations() {
    }

    static Graph apply(Graph graph) {
        List<Node> kept = graph.nodes().stream()
                .filter(node -> !(node instanceof ActivationNode activation && activation.activation() instanceof Linear))
                .collect(Collectors.toList());
        int dropped = graph.nodes().size() - kept.size();
        return dropped == 0 ? graph
                : graph.rewrite(kept, graph.lossForm(), "dropped " + dropped + " identity (Linear) activation(s)");
    }
}
