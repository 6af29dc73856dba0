package io.dense4j.graph;

/**
 * Writes a graph as Graphviz DOT: the forward pass left to right in black, the backward pass in
 * dashed red, from the loss back to each parameter gradient (the picture of backpropagation).
 */
public final class GraphDot {
    private GraphDot() {
    }

    public static String render(Graph graph) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph dense4j {\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=10];\n")
                .append(String.format("  x [shape=plaintext, label=\"x\\n[B, %d]\"];%n", graph.inputWidth()))
                .append("  y [shape=plaintext, label=\"y\\n[B, 1]\"];\n");
        String previous = "x";
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node node = graph.nodes().get(i);
            String op = "op" + i;
            dot.append(String.format("  %s [label=\"%s\\nlayer %d\\n[B, %d]\"];%n", op, node.label(), node.layerIndex(),
                    node.outputWidth()));
            dot.append(String.format("  %s -> %s;%n", previous, op));
            if (node.parameterCount() > 0) { // Dense: weights and bias
                dot.append(String.format("  theta%d [shape=ellipse, label=\"W%d [%d, %d]\\nb%d [%d]\"];%n",
                        i, i, node.inputWidth(), node.outputWidth(), i, node.outputWidth()));
                dot.append(String.format("  theta%d -> %s;%n", i, op));
            }
            previous = op;
        }
        boolean logits = graph.lossForm() == LossForm.FROM_LOGITS;
        dot.append(String.format("  loss [shape=doubleoctagon, label=\"%s\"];%n",
                logits ? "BCE from logits\\nmax(z,0) − z·y + log1p(e^−|z|)" : "BCE on probabilities"));
        dot.append(String.format("  %s -> loss [label=\"%s\"];%n", previous, logits ? "z" : "p"));
        dot.append("  y -> loss;\n");
        dot.append("  edge [color=red, fontcolor=red, style=dashed];\n");
        String gradient = logits ? "(σ(z) − y)/B" : "dL/dp";
        String from = "loss";
        for (int i = graph.nodes().size() - 1; i >= 0; i--) {
            Node node = graph.nodes().get(i);
            String back = "grad" + i;
            dot.append(String.format("  %s [color=red, fontcolor=red, label=\"∂ %s\"];%n", back, node.label()));
            dot.append(String.format("  %s -> %s [label=\"%s\"];%n", from, back, gradient));
            // backward reuses what forward kept: the op's input and output, and its weights
            dot.append(String.format("  { rank=same; op%d; %s; }%n", i, back));
            dot.append(String.format("  op%d -> %s [style=dotted, color=gray40, fontcolor=gray40, label=\"kept h%d\"];%n",
                    i, back, i));
            if (node.parameterCount() > 0) {
                dot.append(String.format("  dtheta%d [shape=ellipse, color=red, fontcolor=red, label=\"dW%d, db%d\"];%n", i, i, i));
                dot.append(String.format("  %s -> dtheta%d;%n", back, i));
            }
            from = back;
            gradient = "dL/dh" + (i - 1);
        }
        if (graph.inputGradient()) {
            dot.append("  dx [shape=plaintext, fontcolor=red, label=\"dL/dx\"];\n");
            dot.append(String.format("  %s -> dx;%n", from));
        }
        dot.append("}\n");
        return dot.toString();
    }
}
