package io.dense4j.runtime;

/**
 * One op of a planned graph, with forward and backward side by side. Its buffers, and the threads
 * it may use, are fixed when the plan is made; both passes work on the first {@code rows} rows of
 * the buffers, so a short final batch needs no other arrays.
 */
interface Op {

    /** Reads the input buffer, writes the output buffer. */
    void forward(int rows);

    /**
     * Reads the gradient for the output (which it may overwrite), overwrites the parameter gradients,
     * and writes the gradient for the input unless this op has none to give.
     */
    void backward(int rows);
}
