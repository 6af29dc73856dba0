package io.dense4j.graph;

import io.dense4j.tensor.NativeArray;

/** One Normalization op's slices of the statistics array: the means μ and the scales s = 1/σ. */
public record NormalizationStatistics(NormalizationNode node, NativeArray mean, NativeArray scale) {

    /** Sets μ and s = 1/σ, with s = 1 for a constant feature (σ = 0), which then maps to 0. */
    public void set(double[] means, double[] deviations) {
        for (int j = 0; j < node.width(); j++) {
            mean.set(j, means[j]);
            scale.set(j, deviations[j] > 0 ? 1 / deviations[j] : 1);
        }
    }
}
