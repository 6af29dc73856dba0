package io.dense4j.runtime;

import io.dense4j.graph.DenseNode;
import io.dense4j.graph.Graph;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import java.util.ArrayList;
import java.util.List;

/** Where a Dense node's weights and bias lie in an array laid out as the graph's parameters: values and gradients alike. */
final class DenseSlices {
    private DenseSlices() {
    }

    /** The weights [inputs, units] of Dense node {@code index} in {@code flat}, row-major. */
    static NativeArray weights(Graph graph, NativeArray flat, int index) {
        DenseNode dense = (DenseNode) graph.nodes().get(index);
        return flat.slice(graph.parameterOffset(index), dense.weightCount());
    }

    /**
     * Every Dense node's weights in {@code flat}, without the biases: what L2 penalties and weight
     * decay act on (Keras's kernel regularizers and common AdamW practice leave biases alone).
     */
    static Slices allWeights(Graph graph, NativeArray flat) {
        List<NativeArray> runs = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (graph.nodes().get(i) instanceof DenseNode) {
                runs.add(weights(graph, flat, i));
            }
        }
        return Slices.of(runs);
    }

    /** The bias [units] of Dense node {@code index} in {@code flat}. */
    static NativeArray bias(Graph graph, NativeArray flat, int index) {
        DenseNode dense = (DenseNode) graph.nodes().get(index);
        return flat.slice(graph.parameterOffset(index) + dense.weightCount(), dense.outputWidth());
    }
}
