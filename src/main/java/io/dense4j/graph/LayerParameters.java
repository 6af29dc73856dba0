package io.dense4j.graph;

import io.dense4j.tensor.NativeArray;

/**
 * One Dense op's slices of the model's flat parameter and gradient arrays: weights [in, out] and
 * bias [out], row-major, and their gradients in the same layout.
 */
public record LayerParameters(DenseNode node, NativeArray weights, NativeArray bias,
                              NativeArray gradWeights, NativeArray gradBias) {
}
