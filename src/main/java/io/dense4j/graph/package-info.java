/**
 * The compiler and the static computational graph. {@link io.dense4j.graph.Compiler} turns layer
 * specs into a {@link io.dense4j.graph.Graph} of nodes (shape inference, then small rewrite
 * passes, each testable alone), and {@link io.dense4j.graph.GraphDot} draws it. Nodes know their
 * widths and parameter counts, not arrays: the runtime plans the buffers and ops for them.
 */
package io.dense4j.graph;
