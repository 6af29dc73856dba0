package io.dense4j.runtime;

import io.dense4j.graph.DenseNode;
import io.dense4j.graph.Graph;
import io.dense4j.tensor.NativeArray;

/** Where a Dense node's weights and bias lie in an array laid out as the graph's parameters: values and gradients alike. */
final class DenseSlices {
    private DenseSlices() {
    }

    /** The weights [inputs, units] of Dense node {@code index} in {@code flat}, row-major. */
    static NativeArray weights(Graph graph, NativeArray flat, int index) {
        DenseNode dense = (DenseNode) graph.nodes().get(index);
        return flat.slice(graph.parameterOffset(index), dense.weightCount());
    }

    /** The bias [units] of Dense node {@code index} in {@code flat}. */
    static NativeArray bias(Graph graph, NativeArray flat, int index) {
        DenseNode dense = (DenseNode) graph.nodes().get(index);
        return flat.slice(graph.parameterOffset(index) + dense.weightCount(), dense.outputWidth());
    }
}
