package io.dense4j.layer;

/**
 * One answer per kind of layer: what code outside this package implements to act on a layer by
 * its kind. Java 17 has no pattern switch over a sealed interface, so this is how a new kind of
 * layer becomes a compile error in every place that must handle it, instead of a missed branch.
 */
public interface LayerVisitor<R> {

    R visitDense(Dense dense);

    R visitNormalization(Normalization normalization);

    R visitActivation(Activation activation);

    R visitDropout(Dropout dropout);
}
