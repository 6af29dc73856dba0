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
 * codes select: which rows those are is kept beside the array, per categorical column
 * ({@link #nonzeroRows()}).
 */
public final class Gradients {
    private final Graph graph;
    private final NativeArray values;
    /** Per node, its categorical columns' slot blocks, or null for a node that reads none. */
    private final NonzeroRows[][] slotRows;
    private final List<NonzeroRows> slotBlocks;

    public Gradients(Graph graph, DataType dataType) {
        this.graph = graph;
        this.values = NativeArray.allocate(dataType, graph.parameterCount());
        this.slotRows = new NonzeroRows[graph.nodes().size()][];
        List<NonzeroRows> blocks = new ArrayList<>();
        for (int i = 0; i < slotRows.length; i++) {
            if (graph.nodes().get(i) instanceof DenseNode dense && dense.gathers()
                    && dense.categorical().encodedWidth() > dense.categorical().numericCount()) {
                InputLayout layout = dense.categorical();
                int[] columns = layout.categoricalColumns();
                int[] offsets = layout.slotOffsets();
                int units = dense.outputWidth();
                slotRows[i] = new NonzeroRows[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    slotRows[i][c] = new NonzeroRows(values, graph.parameterOffset(i) + (long) offsets[c] * units,
                            layout.slots(columns[c]), units);
                    blocks.add(slotRows[i][c]);
                }
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
     * The slot weights' block of each categorical column (its weight rows) of each Dense node that
     * reads categorical columns, in node and column order, with the rows that may be nonzero; empty
     * without categorical columns.
     */
    public List<NonzeroRows> nonzeroRows() {
        return slotBlocks;
    }

    /** The slot blocks of Dense node {@code index}, one per categorical column, or null if it reads none. */
    NonzeroRows[] nonzeroRows(int index) {
        return slotRows[index];
    }

    /** After writing the array other than through the layers' backward passes: any slot row may be nonzero. */
    public void forgetNonzeroRows() {
        for (NonzeroRows[] blocks : slotRows) { // arrays, not the list: no iterator per step
            if (blocks != null) {
                for (NonzeroRows block : blocks) {
                    block.forget();
                }
            }
        }
    }
}
