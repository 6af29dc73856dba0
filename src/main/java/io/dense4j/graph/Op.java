package io.dense4j.graph;

import io.dense4j.tensor.SecondCore;

/**
 * One op of a planned graph, with forward and backward side by side. Its buffers are fixed when the
 * plan is made; both passes work on the first {@code rows} rows of them, so a short final batch
 * needs no other arrays.
 */
interface Op {

    /** Reads the input buffer, writes the output buffer. */
    void forward(int rows);

    /**
     * Reads the gradient for the output (which it may overwrite), overwrites the parameter gradients,
     * and writes the gradient for the input unless this op has none to give. With a second core
     * (may be null), independent products run side by side.
     */
    void backward(int rows, SecondCore secondCore);

    Node node();
}
