package io.dense4j.runtime;

import io.dense4j.graph.ActivationNode;
import io.dense4j.graph.DenseNode;
import io.dense4j.graph.DropoutNode;
import io.dense4j.graph.Graph;
import io.dense4j.graph.NodeVisitor;
import io.dense4j.graph.NormalizationNode;
import io.dense4j.layer.Initializer;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.Slices;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model's values: every trainable parameter in one flat array, so that one optimizer call steps
 * them all, and the statistics the optimizer never moves (Normalization's μ and 1/σ) in another.
 * Each node owns a slice of each, in node order (see {@link Graph#parameterOffset}). Gradients are
 * not here: training keeps them ({@link Gradients}), and a model that only predicts has none.
 */
public final class Parameters {
    private final Graph graph;
    private final NativeArray values;
    /** Null when the graph has no statistics. */
    private final NativeArray statistics;

    public Parameters(Graph graph, DataType dataType) {
        this.graph = graph;
        this.values = NativeArray.allocate(dataType, graph.parameterCount());
        this.statistics = graph.statisticsCount() == 0 ? null : NativeArray.allocate(dataType, graph.statisticsCount());
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (graph.nodes().get(i).statisticsCount() > 0) {
                scale(i).fill(1); // Normalization's μ = 0, 1/σ = 1: the identity until adapted
            }
        }
    }

    /**
     * Draws every weight from {@code seed} (layer by layer, row-major, so the same seed always gives
     * the same model), then zeroes every bias and each categorical column's "other" and "missing"
     * rows ({@link #zeroUnseenSlots}).
     */
    public void initialize(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < graph.nodes().size(); i++) {
            int index = i;
            graph.nodes().get(i).accept(new NodeVisitor<Void>() {
                @Override
                public Void visitDense(DenseNode dense) {
                    NativeArray weights = weights(index);
                    if (dense.initializer() == Initializer.HE_NORMAL) {
                        double deviation = Math.sqrt(2.0 / dense.inputWidth());
                        for (int w = 0; w < weights.length(); w++) {
                            weights.set(w, random.nextGaussian() * deviation);
                        }
                    } else {
                        double limit = Math.sqrt(6.0 / (dense.inputWidth() + dense.outputWidth()));
                        for (int w = 0; w < weights.length(); w++) {
                            weights.set(w, (2 * random.nextDouble() - 1) * limit);
                        }
                    }
                    bias(index).fill(0);
                    if (dense.categorical() != null) {
                        zeroUnseenSlots(dense, weights);
                    }
                    return null;
                }

                @Override
                public Void visitActivation(ActivationNode activation) {
                    return null;
                }

                @Override
                public Void visitNormalization(NormalizationNode normalization) {
                    return null; // statistics come from adapt, not from the seed
                }

                @Override
                public Void visitDropout(DropoutNode dropout) {
                    return null;
                }
            });
        }
    }

    public Graph graph() {
        return graph;
    }

    public DataType dataType() {
        return values.dataType();
    }

    /**
     * Each categorical column's "other" and "missing" weight rows start at 0: training moves them
     * only if its rows hold such values, and otherwise a random start would stay and act on every
     * unknown or missing value seen later, as scikit-learn's OneHotEncoder(handle_unknown="ignore")
     * never lets an unknown value act.
     */
    private static void zeroUnseenSlots(DenseNode dense, NativeArray weights) {
        io.dense4j.graph.InputLayout layout = dense.categorical();
        int units = dense.outputWidth();
        int[] columns = layout.categoricalColumns();
        int[] offsets = layout.slotOffsets();
        for (int c = 0; c < columns.length; c++) {
            int otherRow = offsets[c] + layout.slots(columns[c]) - 2; // then the missing slot's row
            for (int at = otherRow * units, end = (otherRow + 2) * units; at < end; at++) {
                weights.set(at, 0);
            }
        }
    }

    /** Every trainable parameter, node by node. */
    public NativeArray values() {
        return values;
    }

    /** Every statistic, node by node; null when the graph has none. */
    public NativeArray statistics() {
        return statistics;
    }

    /** The weights [inputs, units] of Dense node {@code index}, row-major. */
    public NativeArray weights(int index) {
        return DenseSlices.weights(graph, values, index);
    }

    /** The bias [units] of Dense node {@code index}. */
    public NativeArray bias(int index) {
        return DenseSlices.bias(graph, values, index);
    }

    /** Every Dense node's weights, without the biases (see {@code DenseSlices.allWeights}). */
    public Slices allWeights() {
        return DenseSlices.allWeights(graph, values);
    }

    /** μ [width] of Normalization node {@code index}. */
    public NativeArray mean(int index) {
        return statistics.slice(graph.statisticsOffset(index), graph.nodes().get(index).inputWidth());
    }

    /** s = 1/σ [width] of Normalization node {@code index}. */
    public NativeArray scale(int index) {
        int width = graph.nodes().get(index).inputWidth();
        return statistics.slice(graph.statisticsOffset(index) + width, width);
    }
}
