package io.dense4j.graph;

/** One op of a compiled graph before buffers are planned; it remembers the user's layer it came from. */
public sealed interface Node permits DenseNode, ActivationNode, NormalizationNode, DropoutNode {

    /** Index of the user's layer this node came from, in the {@code Sequential}. */
    int layerIndex();

    int inputWidth();

    int outputWidth();

    /** A short label for summaries and graph pictures, such as {@code Dense+ReLU}. */
    String label();

    /** Trainable parameters, laid out in the model's flat parameter array in node order. */
    default int parameterCount() {
        return 0;
    }

    /** Values the optimizer never moves (Normalization's μ and 1/σ), in a flat array of their own. */
    default int statisticsCount() {
        return 0;
    }

    <R> R accept(NodeVisitor<R> visitor);
}
