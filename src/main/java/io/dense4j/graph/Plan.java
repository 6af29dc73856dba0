package io.dense4j.graph;

import io.dense4j.loss.CrossEntropy;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph instantiated for batches of up to {@code capacity} rows: every buffer allocated here,
 * once. Callers fill {@link #input()} and {@link #labels()}, then run {@link #trainingStep} or
 * {@link #forward}; none of these allocate.
 *
 * <p>Buffers: the input [capacity, inputWidth]; one output per op [capacity, width]; the gradients
 * for the ops' outputs alternate between two buffers (an op's gradient for its input is the
 * previous op's gradient for its output, and only those two are alive at once); the gradient for
 * the input only when the graph keeps it; labels [capacity]; a ones vector for the bias gradient.
 */
public final class Plan {
    private final Graph graph;
    private final int capacity;
    private final NativeArray input;
    private final NativeArray labels;
    private final NativeArray inputGradient;
    private final NativeArray output;
    private final NativeArray lossGradient;
    private final Op[] ops; // an array: the hot loop makes no iterator

    public Plan(Graph graph, Parameters parameters, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a plan needs a capacity of at least 1 row, got " + capacity);
        }
        this.graph = graph;
        this.capacity = capacity;
        var type = parameters.values().dataType();
        List<Node> nodes = graph.nodes();
        this.input = NativeArray.allocate(type, (long) capacity * graph.inputWidth());
        this.labels = NativeArray.allocate(type, capacity);
        NativeArray ones = NativeArray.allocate(type, capacity);
        ones.fill(1);
        this.inputGradient = graph.inputGradient()
                ? NativeArray.allocate(type, (long) capacity * graph.inputWidth()) : null;
        NativeArray[] gradients = {
            NativeArray.allocate(type, (long) capacity * widestOutput(nodes, 0)),
            nodes.size() > 1 ? NativeArray.allocate(type, (long) capacity * widestOutput(nodes, 1)) : null,
        };
        List<Op> planned = new ArrayList<>();
        NativeArray previousOutput = input;
        int dense = 0;
        int normalization = 0;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            NativeArray nodeOutput = NativeArray.allocate(type, (long) capacity * node.outputWidth());
            NativeArray gradOutput = gradients[i % 2];
            NativeArray gradInput = i == 0 ? inputGradient : gradients[(i - 1) % 2];
            if (node instanceof DenseNode denseNode) {
                planned.add(new DenseOp(denseNode, parameters.layers().get(dense++), previousOutput, nodeOutput,
                        gradOutput, gradInput, ones));
            } else if (node instanceof NormalizationNode normalizationNode) {
                NormalizationStatistics statistics = parameters.normalizations().get(normalization++);
                planned.add(new NormalizationOp(normalizationNode, statistics.mean(), statistics.scale(), previousOutput,
                        nodeOutput, gradOutput, gradInput));
            } else {
                planned.add(new ActivationOp((ActivationNode) node, previousOutput, nodeOutput, gradOutput, gradInput));
            }
            previousOutput = nodeOutput;
        }
        this.ops = planned.toArray(new Op[0]);
        this.output = previousOutput;
        this.lossGradient = gradients[(nodes.size() - 1) % 2];
    }

    private static int widestOutput(List<Node> nodes, int parity) {
        int widest = 1;
        for (int i = parity; i < nodes.size(); i += 2) {
            widest = Math.max(widest, nodes.get(i).outputWidth());
        }
        return widest;
    }

    /** Runs every op forward on the first {@code rows} rows of {@link #input()}. */
    public void forward(int rows) {
        checkRows(rows);
        for (Op op : ops) {
            op.forward(rows);
        }
    }

    /**
     * Forward, loss and backward on the first {@code rows} rows of the input and labels: afterwards
     * the parameters' gradient array holds dL/dθ of the batch-mean loss. Returns that mean loss.
     */
    public double trainingStep(int rows) {
        return trainingStep(rows, null);
    }

    /** As {@link #trainingStep(int)}, running independent backward products on {@code secondCore} (may be null). */
    public double trainingStep(int rows, SecondCore secondCore) {
        forward(rows);
        double sum = graph.lossForm() == LossForm.FROM_LOGITS
                ? CrossEntropy.fromLogits(output, labels, rows, lossGradient)
                : CrossEntropy.fromProbabilities(output, labels, rows, lossGradient);
        for (int i = ops.length - 1; i >= 0; i--) {
            ops[i].backward(rows, secondCore);
        }
        return sum / rows;
    }

    /** The summed loss of the first {@code rows} rows after {@link #forward}. */
    public double lossSum(int rows) {
        return CrossEntropy.value(output, labels, rows, outputIsLogit());
    }

    /**
     * How many of the first {@code rows} rows, after {@link #forward}, are classified right at
     * p ≥ 0.5 (on p, not z ≥ 0, so it agrees with predictClass where σ(z) rounds to 0.5).
     */
    public int countCorrect(int rows) {
        int correct = 0;
        for (int i = 0; i < rows; i++) {
            boolean positive = probability(i) >= 0.5;
            if (positive == (labels.get(i) >= 0.5)) {
                correct++;
            }
        }
        return correct;
    }

    /** The probability p = σ(z) (or p itself) of row {@code row} after {@link #forward}. */
    public double probability(int row) {
        double value = output.get(row);
        return outputIsLogit() ? Elementwise.sigmoid(value) : value;
    }

    public boolean outputIsLogit() {
        return graph.lossForm() == LossForm.FROM_LOGITS;
    }

    /** Rows [capacity, inputWidth], row-major: fill before running. */
    public NativeArray input() {
        return input;
    }

    /** Labels [capacity]: fill before {@link #trainingStep}. */
    public NativeArray labels() {
        return labels;
    }

    /** dL/dx [capacity, inputWidth] after {@link #trainingStep}, if the graph keeps it. */
    public NativeArray inputGradient() {
        if (inputGradient == null) {
            throw new IllegalStateException("this graph was compiled without the input gradient");
        }
        return inputGradient;
    }

    public int capacity() {
        return capacity;
    }

    public Graph graph() {
        return graph;
    }

    private void checkRows(int rows) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("a plan for up to " + capacity + " rows was asked to run " + rows);
        }
    }
}
