package io.dense4j.runtime;

import io.dense4j.graph.Graph;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import org.nd4j.linalg.api.buffer.DataType;

/** dL/dθ for every parameter, in one flat array laid out as {@link Parameters#values()}. */
public final class Gradients {
    private final Graph graph;
    private final NativeArray values;

    public Gradients(Graph graph, DataType dataType) {
        this.graph = graph;
        this.values = NativeArray.allocate(dataType, graph.parameterCount());
    }

    public NativeArray values() {
        return values;
    }

    /** The gradients of Dense node {@code index}'s weights, row-major. */
    public NativeArray weights(int index) {
        return DenseSlices.weights(graph, values, index);
    }

    /** The gradients of Dense node {@code index}'s bias. */
    public NativeArray bias(int index) {
        return DenseSlices.bias(graph, values, index);
    }

    /** The gradients of every Dense node's weights, without the biases', laid out as {@code Parameters.allWeights}. */
    public Slices allWeights() {
        return DenseSlices.allWeights(graph, values);
    }
}
