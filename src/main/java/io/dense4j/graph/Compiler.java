package io.dense4j.graph;

import io.dense4j.layer.Layer;
import io.dense4j.loss.BinaryCrossEntropy;
import java.util.List;
import java.util.Objects;

/**
 * Compiles layer specs into a static graph: shape inference, then the rewrite passes, each small
 * and tested on its own. Every mistake in a model is reported here, naming the layer.
 */
public final class Compiler {
    private Compiler() {
    }

    /** As below, for rows of {@code inputWidth} numbers. */
    public static Graph compile(List<Layer> layers, int inputWidth, BinaryCrossEntropy loss,
                                boolean fuse, boolean inputGradient) {
        return compile(layers, InputLayout.numeric(inputWidth), loss, fuse, inputGradient);
    }

    /**
     * @param layers        the user's layers, in order
     * @param input         what each column of an input row holds
     * @param loss          the loss the graph ends in
     * @param fuse          run the fusing passes (off only to test the unfused ops)
     * @param inputGradient keep the gradient for the input, which training does not need
     */
    public static Graph compile(List<Layer> layers, InputLayout input, BinaryCrossEntropy loss,
                                boolean fuse, boolean inputGradient) {
        Objects.requireNonNull(loss, "loss");
        for (int i = 0; i < layers.size(); i++) {
            Objects.requireNonNull(layers.get(i), "layer " + i);
        }
        Graph graph = ShapeInference.infer(layers, input, loss, inputGradient);
        graph = CheckLossInput.apply(graph);
        graph = DropIdentityActivations.apply(graph);
        if (fuse) {
            graph = FuseSigmoidCrossEntropy.apply(graph);
            graph = FoldActivations.apply(graph);
        }
        if (!inputGradient) {
            graph = graph.rewrite(graph.nodes(), graph.lossForm(),
                    "skipped the input gradient of the first op (training never reads it)");
        }
        return graph;
    }
}
