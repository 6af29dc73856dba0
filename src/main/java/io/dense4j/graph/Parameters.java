package io.dense4j.graph;

import io.dense4j.layer.Initializer;
import io.dense4j.tensor.NativeArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every parameter of a graph in one flat array, and every gradient in another of the same layout,
 * so one optimizer call steps them all. Each Dense op gets slices: its weights, then its bias.
 */
public final class Parameters {
    private final NativeArray values;
    private final NativeArray gradients;
    private final List<LayerParameters> layers;
    /** Normalization's μ and s = 1/σ: constants to the optimizer, in an array of their own. */
    private final NativeArray statistics;
    private final List<NormalizationStatistics> normalizations;

    public Parameters(Graph graph, DataType dataType) {
        this(graph, NativeArray.allocate(dataType, graph.parameterCount()), null);
    }

    /**
     * Parameters that share {@code values} (and Normalization's statistics) with {@code of} but
     * have gradients of their own: for a second plan working on another part of the same batch.
     */
    public static Parameters withOwnGradients(Graph graph, Parameters of) {
        return new Parameters(graph, of.values, of);
    }

    private Parameters(Graph graph, NativeArray values, Parameters sharingStatistics) {
        DataType dataType = values.dataType();
        this.values = values;
        this.gradients = NativeArray.allocate(dataType, graph.parameterCount());
        List<LayerParameters> sliced = new ArrayList<>();
        long offset = 0;
        for (Node node : graph.nodes()) {
            if (node instanceof DenseNode dense) {
                int weightCount = dense.inputWidth() * dense.outputWidth();
                sliced.add(new LayerParameters(dense,
                        values.slice(offset, weightCount), values.slice(offset + weightCount, dense.outputWidth()),
                        gradients.slice(offset, weightCount), gradients.slice(offset + weightCount, dense.outputWidth())));
                offset += dense.parameterCount();
            }
        }
        this.layers = List.copyOf(sliced);
        if (sharingStatistics != null) {
            this.statistics = sharingStatistics.statistics;
            this.normalizations = sharingStatistics.normalizations;
            return;
        }
        int statisticsCount = graph.nodes().stream().filter(NormalizationNode.class::isInstance)
                .mapToInt(node -> 2 * node.outputWidth()).sum();
        this.statistics = statisticsCount == 0 ? null : NativeArray.allocate(dataType, statisticsCount);
        List<NormalizationStatistics> normalized = new ArrayList<>();
        long at = 0;
        for (Node node : graph.nodes()) {
            if (node instanceof NormalizationNode normalization) {
                int width = normalization.width();
                NormalizationStatistics slices = new NormalizationStatistics(normalization,
                        statistics.slice(at, width), statistics.slice(at + width, width));
                slices.scale().fill(1); // the identity until adapted
                normalized.add(slices);
                at += 2L * width;
            }
        }
        this.normalizations = List.copyOf(normalized);
    }

    /**
     * Draws every weight from {@code seed} (layer by layer, row-major, so the same seed always gives
     * the same model) and zeroes every bias.
     */
    public void initialize(long seed) {
        Random random = new Random(seed);
        for (LayerParameters layer : layers) {
            DenseNode node = layer.node();
            NativeArray weights = layer.weights();
            if (node.initializer() == Initializer.HE_NORMAL) {
                double deviation = Math.sqrt(2.0 / node.inputWidth());
                for (int i = 0; i < weights.length(); i++) {
                    weights.set(i, random.nextGaussian() * deviation);
                }
            } else {
                double limit = Math.sqrt(6.0 / (node.inputWidth() + node.outputWidth()));
                for (int i = 0; i < weights.length(); i++) {
                    weights.set(i, (2 * random.nextDouble() - 1) * limit);
                }
            }
            layer.bias().fill(0);
        }
    }

    public NativeArray values() {
        return values;
    }

    public NativeArray gradients() {
        return gradients;
    }

    public List<LayerParameters> layers() {
        return layers;
    }

    /** The statistics of each Normalization op, first to last. */
    public List<NormalizationStatistics> normalizations() {
        return normalizations;
    }

    /** Every Normalization statistic in one array (μ then s per op); empty when there are none. */
    public List<NativeArray> statistics() {
        return statistics == null ? List.of() : List.of(statistics);
    }
}
