/**
 * The compiler and the static computational graph. {@link io.dense4j.graph.Compiler} turns layer
 * specs into a {@link io.dense4j.graph.Graph} (shape inference, then small rewrite passes), and a
 * {@link io.dense4j.graph.Plan} instantiates it with every buffer planned once for the largest
 * batch: ops with forward and backward side by side, parameters and gradients in one flat array
 * each. After planning, a training step creates no arrays and makes only direct BLAS calls and
 * Java loops over ND4J memory.
 */
package io.dense4j.graph;
