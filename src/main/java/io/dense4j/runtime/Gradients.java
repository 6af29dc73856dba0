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
 *
 * <p>The gradients of one part of a step ({@link #forPart}) leave the slot weight rows out: the
 * step's runner writes those into the step's gradients from the parts' rows ({@link PartSums}), so
 * a part's array holds the rest alone, in the same order, and costs no memory per category. For a
 * plain SGD step the runner may leave them unsummed instead ({@link SlotSums}).
 */
public final class Gradients {
    private final Graph graph;
    private final NativeArray values;
    /** Per node, its categorical columns' slot blocks, or null for a node that reads none (and in a part's gradients). */
    private final NonzeroRows[][] slotRows;
    private final List<NonzeroRows> slotBlocks;
    /** Per Dense node, where its weights start in {@link #values}, how many there are here, and where its bias starts. */
    private final long[] weightStart;
    private final int[] weightLength;
    private final long[] biasStart;
    /** The slot rows left out of a part's array, as {from, to} in the full layout, in order; empty for a step's gradients. */
    private final List<long[]> leftOut;

    /** The gradients of a whole step (or of one plan), every parameter's. */
    public Gradients(Graph graph, DataType dataType) {
        this(graph, dataType, false);
    }

    /** The gradients of one part of a step cut into parts: every parameter's but the slot weight rows'. */
    static Gradients forPart(Graph graph, DataType dataType) {
        return new Gradients(graph, dataType, true);
    }

    private Gradients(Graph graph, DataType dataType, boolean part) {
        this.graph = graph;
        int nodes = graph.nodes().size();
        this.weightStart = new long[nodes];
        this.weightLength = new int[nodes];
        this.biasStart = new long[nodes];
        List<long[]> omitted = new ArrayList<>();
        long length = 0;
        for (int i = 0; i < nodes; i++) {
            if (!(graph.nodes().get(i) instanceof DenseNode dense)) {
                continue;
            }
            int slotWeights = slotWeights(dense);
            weightStart[i] = length;
            weightLength[i] = dense.weightCount() - (part ? slotWeights : 0);
            if (part && slotWeights > 0) {
                long from = graph.parameterOffset(i) + weightLength[i];
                omitted.add(new long[] {from, from + slotWeights});
            }
            biasStart[i] = weightStart[i] + weightLength[i];
            length = biasStart[i] + dense.outputWidth();
        }
        this.leftOut = List.copyOf(omitted);
        this.values = NativeArray.allocate(dataType, Math.toIntExact(length));
        this.slotRows = new NonzeroRows[nodes][];
        List<NonzeroRows> blocks = new ArrayList<>();
        for (int i = 0; i < nodes && !part; i++) {
            if (graph.nodes().get(i) instanceof DenseNode dense && slotWeights(dense) > 0) {
                InputLayout layout = dense.categorical();
                int[] columns = layout.categoricalColumns();
                int[] offsets = layout.slotOffsets();
                int units = dense.outputWidth();
                slotRows[i] = new NonzeroRows[columns.length];
                for (int c = 0; c < columns.length; c++) {
                    slotRows[i][c] = new NonzeroRows(values, weightStart[i] + (long) offsets[c] * units, layout.slots(columns[c]), units);
                    blocks.add(slotRows[i][c]);
                }
            }
        }
        this.slotBlocks = Collections.unmodifiableList(blocks);
    }

    /** How many of a Dense node's weights are slot rows: those of the categorical columns it gathers, else none. */
    private static int slotWeights(DenseNode dense) {
        if (!dense.gathers()) {
            return 0;
        }
        InputLayout layout = dense.categorical();
        return (layout.encodedWidth() - layout.numericCount()) * dense.outputWidth();
    }

    /** Elements of a part's gradient array for {@code graph}: every parameter but the slot weight rows. */
    static long partLength(Graph graph) {
        long length = graph.parameterCount();
        for (var node : graph.nodes()) {
            if (node instanceof DenseNode dense) {
                length -= slotWeights(dense);
            }
        }
        return length;
    }

    public NativeArray values() {
        return values;
    }

    /**
     * The elements that lie at [{@code from}, {@code from + count}) of the full layout: the same
     * elements of {@link #values()}, or in a part's array, those after the slot rows left out
     * before them. The range must not cross slot rows left out.
     */
    NativeArray slice(long from, int count) {
        long shift = 0;
        for (long[] gap : leftOut) {
            if (from + count <= gap[0]) {
                break;
            }
            if (from < gap[1]) {
                throw new IllegalArgumentException("elements [" + from + ", " + (from + count) + ") cross the slot rows left out at ["
                        + gap[0] + ", " + gap[1] + ")");
            }
            shift += gap[1] - gap[0];
        }
        return values.slice(from - shift, count);
    }

    /**
     * The gradients of Dense node {@code index}'s weights, row-major: all of them, or in a part's
     * gradients the rows before the slot rows (the numbers' rows of a layer that gathers).
     */
    public NativeArray weights(int index) {
        return values.slice(weightStart[index], weightLength[index]);
    }

    /** The gradients of Dense node {@code index}'s bias. */
    public NativeArray bias(int index) {
        return values.slice(biasStart[index], ((DenseNode) graph.nodes().get(index)).outputWidth());
    }

    /** The gradients of every Dense node's weights, without the biases', laid out as {@code Parameters.allWeights}. */
    public Slices allWeights() {
        List<NativeArray> runs = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (graph.nodes().get(i) instanceof DenseNode) {
                runs.add(weights(i));
            }
        }
        return Slices.of(runs);
    }

    /**
     * The slot weights' block of each categorical column (its weight rows) of each Dense node that
     * reads categorical columns, in node and column order, with the rows that may be nonzero; empty
     * without categorical columns, and in a part's gradients.
     */
    public List<NonzeroRows> nonzeroRows() {
        return slotBlocks;
    }

    /** The slot blocks of Dense node {@code index}, one per categorical column, or null if it reads none (or in a part's gradients). */
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
