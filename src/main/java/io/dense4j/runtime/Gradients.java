package io.dense4j.runtime;

import io.dense4j.graph.DenseNode;
import io.dense4j.graph.Graph;
import io.dense4j.graph.InputLayout;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.Slices;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * dL/dθ for every parameter, in one flat array laid out as {@link Parameters#values()}. A Dense
 * layer that reads categorical columns gives a gradient only to the slot weight rows its rows'
 * codes select: which rows those are is kept beside the array ({@link #nonzeroRows()}).
 */
public final class Gradients {
    private final Graph graph;
    private final NativeArray values;
    private final NonzeroRows[] slotRows;
    private final List<NonzeroRows> slotBlocks;

    public Gradients(Graph graph, DataType dataType) {
        this.graph = graph;
        this.values = NativeArray.allocate(dataType, graph.parameterCount());
        this.slotRows = new NonzeroRows[graph.nodes().size()];
        List<NonzeroRows> blocks = new ArrayList<>();
        for (int i = 0; i < slotRows.length; i++) {
            if (graph.nodes().get(i) instanceof DenseNode dense && dense.gathers()
                    && dense.categorical().encodedWidth() > dense.categorical().numericCount()) {
                InputLayout layout = dense.categorical();
                int numbers = layout.numericCount();
                int units = dense.outputWidth();
                slotRows[i] = new NonzeroRows(values, graph.parameterOffset(i) + (long) numbers * units,
                        layout.encodedWidth() - numbers, units);
                blocks.add(slotRows[i]);
            }
        }
        this.slotBlocks = Collections.unmodifiableList(blocks);
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

    /**
     * The slot weights' block of each Dense node that reads categorical columns (its weight rows
     * after the numbers'), in node order, with the rows that may be nonzero; empty without
     * categorical columns.
     */
    public List<NonzeroRows> nonzeroRows() {
        return slotBlocks;
    }

    /** The slot block of Dense node {@code index}, or null if it reads no categorical column. */
    NonzeroRows nonzeroRows(int index) {
        return slotRows[index];
    }

    /** After writing the array other than through the layers' backward passes: any slot row may be nonzero. */
    public void forgetNonzeroRows() {
        for (NonzeroRows block : slotRows) { // an array, not the list: no iterator per step
            if (block != null) {
                block.forget();
            }
        }
    }
}
