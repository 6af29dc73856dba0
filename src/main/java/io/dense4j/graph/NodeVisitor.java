package io.dense4j.graph;

/**
 * One answer per kind of node, for code that acts on a node by its kind (planning an op for it,
 * say). Java 17 has no pattern switch over a sealed interface, so a visitor is what makes a new
 * kind of node a compile error wherever it must be handled.
 */
public interface NodeVisitor<R> {

    R visitDense(DenseNode dense);

    R visitActivation(ActivationNode activation);

    R visitNormalization(NormalizationNode normalization);

    R visitDropout(DropoutNode dropout);
}
