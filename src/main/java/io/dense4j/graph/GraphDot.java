package io.dense4j.graph;

import java.util.List;
import java.util.Locale;

/**
 * Writes a graph as Graphviz DOT: the forward pass left to right in black, the backward pass in
 * dashed red, from the loss back to each parameter gradient (the picture of backpropagation). A
 * model with categorical columns gets an input stage before its first layer, naming each column's
 * one-hot slots.
 */
public final class GraphDot {
    /** Categorical columns listed by name in the input stage's box; the rest are counted. */
    private static final int NAMED_COLUMNS = 8;

    private GraphDot() {
    }

    public static String render(Graph graph) {
        return render(graph, null);
    }

    /**
     * The picture, with {@code featureNames} (the model's input columns, or null) naming the
     * categorical columns in the input stage drawn when there are any.
     */
    public static String render(Graph graph, List<String> featureNames) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph dense4j {\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
                .append("  edge [fontname=\"Helvetica\", fontsize=10];\n")
                .append(String.format(Locale.ROOT, "  x [shape=plaintext, label=\"x\\n[B, %d]\"];%n", graph.inputWidth()))
                .append("  y [shape=plaintext, label=\"y\\n[B, 1]\"];\n");
        String previous = "x";
        if (!graph.input().allNumeric()) {
            dot.append(String.format(Locale.ROOT, "  input [shape=box, style=\"rounded,filled\", fillcolor=gray92, label=\"%s\"];%n",
                    inputStage(graph.input(), featureNames)));
            dot.append("  x -> input;\n");
            previous = "input";
        }
        for (int i = 0; i < graph.nodes().size(); i++) {
            Node node = graph.nodes().get(i);
            String op = "op" + i;
            dot.append(String.format(Locale.ROOT, "  %s [label=\"%s\\nlayer %d\\n[B, %d]\"];%n", op, node.label(), node.layerIndex(),
                    node.outputWidth()));
            if (node.parameterCount() > 0) { // Dense: weights and bias
                dot.append(String.format(Locale.ROOT, "  theta%d [shape=ellipse, label=\"W%d [%d, %d]\\nb%d [%d]\"];%n",
                        i, i, node.inputWidth(), node.outputWidth(), i, node.outputWidth()));
                dot.append(String.format(Locale.ROOT, "  theta%d -> %s;%n", i, op));
            }
            boolean gathers = node instanceof DenseNode dense && dense.gathers();
            if (previous.equals("input")) { // the first layer: the numbers, and the codes if it reads them
                dot.append(String.format(Locale.ROOT, "  input -> %s [label=\"%s\"];%n", op, gathers ? "numbers, codes" : "numbers"));
            } else {
                dot.append(String.format(Locale.ROOT, "  %s -> %s;%n", previous, op));
                if (gathers) { // after a Normalization of the numbers: the codes come straight from the input stage
                    dot.append(String.format(Locale.ROOT, "  input -> %s [label=\"codes\"];%n", op));
                }
            }
            previous = op;
        }
        boolean logits = graph.lossForm() == LossForm.FROM_LOGITS;
        boolean weighted = graph.classWeights() != null && !graph.classWeights().isNone();
        dot.append(String.format(Locale.ROOT, "  loss [shape=doubleoctagon, label=\"%s%s\"];%n",
                logits ? "BCE from logits\\nmax(z,0) − z·y + log1p(e^−|z|)" : "BCE on probabilities",
                weighted ? "\\neach row × w_y, its class's weight\\n(" + graph.classWeights() + ")" : ""));
        dot.append(String.format(Locale.ROOT, "  %s -> loss [label=\"%s\"];%n", previous, logits ? "z" : "p"));
        dot.append("  y -> loss;\n");
        dot.append("  edge [color=red, fontcolor=red, style=dashed];\n");
        String gradient = !logits ? "dL/dp" : weighted ? "w_y·(σ(z) − y)/B" : "(σ(z) − y)/B";
        String from = "loss";
        for (int i = graph.nodes().size() - 1; i >= firstWithBackward(graph); i--) {
            Node node = graph.nodes().get(i);
            String back = "grad" + i;
            dot.append(String.format(Locale.ROOT, "  %s [color=red, fontcolor=red, label=\"∂ %s\"];%n", back, node.label()));
            dot.append(String.format(Locale.ROOT, "  %s -> %s [label=\"%s\"];%n", from, back, gradient));
            // backward reuses what forward kept: the op's input and output, and its weights
            dot.append(String.format(Locale.ROOT, "  { rank=same; op%d; %s; }%n", i, back));
            dot.append(String.format(Locale.ROOT, "  op%d -> %s [style=dotted, color=gray40, fontcolor=gray40, label=\"kept h%d\"];%n",
                    i, back, i));
            if (node.parameterCount() > 0) {
                dot.append(String.format(Locale.ROOT, "  dtheta%d [shape=ellipse, color=red, fontcolor=red, label=\"dW%d, db%d\"];%n", i, i, i));
                dot.append(String.format(Locale.ROOT, "  %s -> dtheta%d;%n", back, i));
            }
            from = back;
            gradient = "dL/dh" + (i - 1);
        }
        if (graph.inputGradient()) {
            dot.append("  dx [shape=plaintext, fontcolor=red, label=\"dL/dx\"];\n");
            dot.append(String.format(Locale.ROOT, "  %s -> dx;%n", from));
        }
        dot.append("}\n");
        return dot.toString();
    }

    /**
     * The first node whose backward pass runs: the first with parameters, as the ones before it (a
     * Normalization) need no gradient, unless the graph keeps the input's gradient.
     */
    private static int firstWithBackward(Graph graph) {
        if (graph.inputGradient()) {
            return 0;
        }
        int first = 0;
        while (first < graph.nodes().size() && graph.nodes().get(first).parameterCount() == 0) {
            first++;
        }
        return first;
    }

    /**
     * The input stage's label: how many columns pass as numbers, and each categorical column's
     * one-hot width (its categories, "other" and "missing"), which the first Dense layer reads by
     * gathering one weight row per column instead of multiplying by the one-hot vector.
     */
    private static String inputStage(InputLayout input, List<String> featureNames) {
        int[] categorical = input.categoricalColumns();
        StringBuilder label = new StringBuilder("input stage\\n");
        label.append(input.numericCount()).append(" numeric, ").append(categorical.length).append(" categorical (one-hot)");
        for (int c = 0; c < Math.min(categorical.length, NAMED_COLUMNS); c++) {
            int column = categorical[c];
            String name = featureNames != null ? featureNames.get(column) : "column " + (column + 1);
            label.append("\\n").append(escaped(name)).append(": ").append(input.slots(column) - 2).append(" + other + missing");
        }
        if (categorical.length > NAMED_COLUMNS) {
            label.append("\\n… and ").append(categorical.length - NAMED_COLUMNS).append(" more");
        }
        return label.toString();
    }

    /** A column name inside a quoted DOT label: its quotes and backslashes escaped. */
    private static String escaped(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
