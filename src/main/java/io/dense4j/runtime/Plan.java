package io.dense4j.runtime;

import io.dense4j.graph.ActivationNode;
import io.dense4j.graph.DenseNode;
import io.dense4j.graph.DropoutNode;
import io.dense4j.graph.Graph;
import io.dense4j.graph.LossForm;
import io.dense4j.graph.Node;
import io.dense4j.graph.NodeVisitor;
import io.dense4j.graph.NormalizationNode;
import io.dense4j.layer.Activation;
import io.dense4j.layer.ReLU;
import io.dense4j.layer.Sigmoid;
import io.dense4j.loss.CrossEntropy;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A graph instantiated for batches of up to {@code capacity} rows: every buffer allocated here,
 * once. Callers fill {@link #input()} and {@link #labels()} (and {@link #rowWeights()} for rows
 * weighted in the loss), then run {@link #trainingStep} or {@link #forward}; none of these allocate.
 *
 * <p>Buffers: the input [capacity, inputWidth]; one output per op [capacity, width]; the gradients
 * for the ops' outputs alternate between two buffers (an op's gradient for its input is the
 * previous op's gradient for its output, and only those two are alive at once); the gradient for
 * the input only when the graph keeps it; labels and row weights [capacity]; a ones vector for the bias gradient.
 * A plan made without gradients only runs forward, and has no gradient buffers at all.
 */
public final class Plan {
    private final Graph graph;
    private final int capacity;
    private final NativeArray input;
    private final NativeArray labels;
    private final NativeArray rowWeights;
    private boolean rowsWeighted;
    private final NativeArray inputGradient;
    private final NativeArray output;
    private final NativeArray lossGradient;
    private final Op[] ops; // an array: the hot loop makes no iterator

    /** A plan that only runs forward, as prediction does. */
    public static Plan forward(Parameters parameters, int capacity) {
        return new Plan(parameters, null, capacity);
    }

    /**
     * @param gradients where backward writes dL/dθ; null for a plan that only runs forward. A part's
     *                  gradients ({@link Gradients#forPart}) hold no slot weights: backward then
     *                  leaves them to the step's runner ({@link PartSums})
     */
    public Plan(Parameters parameters, Gradients gradients, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a plan needs a capacity of at least 1 row, got " + capacity);
        }
        this.graph = parameters.graph();
        this.capacity = capacity;
        DataType type = parameters.dataType();
        List<Node> nodes = graph.nodes();
        boolean training = gradients != null;
        this.input = NativeArray.allocate(type, (long) capacity * graph.inputWidth());
        this.labels = NativeArray.allocate(type, capacity);
        this.rowWeights = NativeArray.allocate(type, capacity);
        NativeArray ones = training ? NativeArray.allocate(type, capacity) : null;
        if (ones != null) {
            ones.fill(1);
        }
        this.inputGradient = training && graph.inputGradient()
                ? NativeArray.allocate(type, (long) capacity * graph.inputWidth()) : null;
        boolean[] through = new boolean[nodes.size()];
        int[] slot = gradientSlots(nodes, training, through);
        NativeArray[] gradientBuffers = {
            training ? NativeArray.allocate(type, (long) capacity * widestOutput(nodes, slot, 0)) : null,
            training && nodes.size() > 1 ? NativeArray.allocate(type, (long) capacity * widestOutput(nodes, slot, 1)) : null,
        };
        this.ops = new Op[nodes.size()];
        NativeArray previousOutput = input;
        for (int i = 0; i < nodes.size(); i++) {
            NativeArray nodeOutput = dropoutInPlace(nodes, i, training) ? previousOutput
                    : NativeArray.allocate(type, (long) capacity * nodes.get(i).outputWidth());
            NativeArray gradOutput = gradientBuffers[slot[i]];
            // no gradient for an input that nothing trainable lies before (a Normalization's), unless it is kept
            boolean gradientWanted = graph.inputGradient() || nodes.subList(0, i).stream().anyMatch(node -> node.parameterCount() > 0);
            NativeArray gradInput = !training || !gradientWanted ? null : i == 0 ? inputGradient : gradientBuffers[slot[i - 1]];
            ops[i] = nodes.get(i).accept(new OpFor(i, parameters, gradients, previousOutput, nodeOutput, gradOutput,
                    gradInput, ones, i > 0 && finalActivation(nodes.get(i - 1)) instanceof ReLU, through[i], input, capacity));
            previousOutput = nodeOutput;
        }
        this.output = previousOutput;
        this.lossGradient = gradientBuffers[slot[nodes.size() - 1]];
        for (int i = 0; i < nodes.size(); i++) {
            if (through[i]) {
                ((DenseOp) ops[i + 1]).scaleInput(((DropoutOp) ops[i]).scale());
            }
        }
    }

    /**
     * Which of the two gradient buffers holds each node's dL/d(output): they alternate, so that an
     * op reads one and writes the other, except through a Dropout whose scale the next Dense
     * applies ({@code through}, marked here): that Dropout only zeroes the dropped values, the
     * Dense takes 1/(1 − rate) into its gemms' α forward and backward, the Dropout's gradient for
     * its output is its gradient for its input, one buffer, and its backward has nothing left to
     * do. That is so for an in-place Dropout after a ReLU (whose backward zeroes the dropped units'
     * gradients itself) followed by a Dense.
     */
    private static int[] gradientSlots(List<Node> nodes, boolean training, boolean[] through) {
        int[] slot = new int[nodes.size()];
        int next = 0;
        for (int i = 0; i < nodes.size(); i++) {
            through[i] = training && dropoutInPlace(nodes, i, true) && finalActivation(nodes.get(i - 1)) instanceof ReLU
                    && i + 1 < nodes.size() && nodes.get(i + 1) instanceof DenseNode;
            if (through[i]) {
                slot[i] = slot[i - 1];
            } else {
                slot[i] = next;
                next ^= 1;
            }
        }
        return slot;
    }

    /**
     * Whether node {@code i} is a Dropout that can work in its input's buffer: always in a plan that
     * only predicts (it passes values through), and in training after an op whose backward does not
     * read its own output through σ (not the plan's input, which a held-mask check runs forward on
     * again; not after a sigmoid, whose backward would read y·m for y).
     */
    private static boolean dropoutInPlace(List<Node> nodes, int i, boolean training) {
        if (!(nodes.get(i) instanceof DropoutNode)) {
            return false;
        }
        if (!training) {
            return true;
        }
        if (i == 0) {
            return false;
        }
        return !(finalActivation(nodes.get(i - 1)) instanceof Sigmoid);
    }

    /** The activation a node's output went through last, or null for a node without one (Normalization, Dropout). */
    private static Activation finalActivation(Node node) {
        return node instanceof DenseNode dense ? dense.activation()
                : node instanceof ActivationNode activation ? activation.activation() : null;
    }

    /** The op of node {@code index}, on the buffers the plan gave it. */
    private record OpFor(int index, Parameters parameters, Gradients gradients, NativeArray input, NativeArray output,
                         NativeArray gradOutput, NativeArray gradInput, NativeArray ones, boolean reluBefore,
                         boolean gradientThrough, NativeArray rawInput, int capacity)
            implements NodeVisitor<Op> {

        @Override
        public Op visitDense(DenseNode dense) {
            if (dense.gathers()) { // its numbers come standardized from layer 0, or straight from the raw rows
                return new GatherDenseOp(dense, parameters.weights(index), parameters.bias(index),
                        gradients == null ? null : gradients.weights(index), gradients == null ? null : gradients.nonzeroRows(index),
                        gradients == null ? null : gradients.bias(index), rawInput, index > 0 ? input : null, output, gradOutput, gradInput, ones, capacity);
            }
            return new DenseOp(dense, parameters.weights(index), parameters.bias(index),
                    gradients == null ? null : gradients.weights(index), gradients == null ? null : gradients.bias(index),
                    input, output, gradOutput, gradInput, ones);
        }

        @Override
        public Op visitActivation(ActivationNode activation) {
            return new ActivationOp(activation, input, output, gradOutput, gradInput);
        }

        @Override
        public Op visitNormalization(NormalizationNode normalization) {
            return new NormalizationOp(normalization, parameters.mean(index), parameters.scale(index), input, output,
                    gradOutput, gradInput);
        }

        @Override
        public Op visitDropout(DropoutNode dropout) {
            return new DropoutOp(dropout, gradients != null, reluBefore, gradientThrough, input, output, gradOutput, gradInput);
        }
    }

    /**
     * Seeds the dropout masks of the passes that follow (each Dropout op its own stream from
     * {@code key} and its place); the trainer does this before each batch.
     */
    public void seedDropout(long key) {
        for (int i = 0; i < ops.length; i++) {
            if (ops[i] instanceof DropoutOp dropout) {
                dropout.seed(Elementwise.mix(key + (i + 1) * 0x9E3779B97F4A7C15L));
            }
        }
    }

    /** While held, training passes reuse the dropout masks of the last one (for gradient checks). */
    public void holdDropoutMasks(boolean hold) {
        for (Op op : ops) {
            if (op instanceof DropoutOp dropout) {
                dropout.holdMask(hold);
            }
        }
    }

    /**
     * Whether the following training steps leave the slot gradients of the layers that read
     * categorical columns unsummed, for plain SGD ({@link GatherDenseOp#leaveSlotSums}), rather
     * than writing them into the gradients.
     */
    void leaveSlotSums(boolean leave) {
        for (Op op : ops) {
            if (op instanceof GatherDenseOp gather) {
                gather.leaveSlotSums(leave);
            }
        }
    }

    /** The op of node {@code index} if it is a Dense layer that reads categorical columns, else null. */
    GatherDenseOp gather(int index) {
        return ops[index] instanceof GatherDenseOp gather ? gather : null;
    }

    private static int widestOutput(List<Node> nodes, int[] slot, int which) {
        int widest = 1;
        for (int i = 0; i < nodes.size(); i++) {
            if (slot[i] == which) {
                widest = Math.max(widest, nodes.get(i).outputWidth());
            }
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
     * Forward, loss and backward on the first {@code rows} rows of the input and labels, as part of
     * a batch of {@code batchRows} rows: afterwards the gradients hold this part's share of the
     * batch-mean gradient, the sum over its rows of dℓ/dθ divided by {@code batchRows}. Returns the
     * sum of the rows' losses.
     */
    public double trainingStep(int rows, int batchRows) {
        if (lossGradient == null) {
            throw new IllegalStateException("this plan was made to predict, without gradients");
        }
        forward(rows);
        double scale = 1.0 / batchRows;
        double sum = graph.lossForm() == LossForm.FROM_LOGITS
                ? CrossEntropy.fromLogits(output, labels, weightsInUse(), rows, scale, graph.classWeights(), lossGradient)
                : CrossEntropy.fromProbabilities(output, labels, weightsInUse(), rows, scale, graph.classWeights(), lossGradient);
        for (int i = ops.length - 1; i >= 0; i--) {
            ops[i].backward(rows);
        }
        return sum;
    }

    /** The summed (unweighted) log loss of the first {@code rows} rows after {@link #forward}. */
    public double lossSum(int rows) {
        return CrossEntropy.value(output, labels, rows, outputIsLogit());
    }

    /**
     * The summed loss training minimizes (with class weights, and row weights when
     * {@link #weightRows} is on) of the first {@code rows} rows after {@link #forward}.
     */
    public double objectiveSum(int rows) {
        return CrossEntropy.value(output, labels, weightsInUse(), rows, outputIsLogit(), graph.classWeights());
    }

    private NativeArray weightsInUse() {
        return rowsWeighted ? rowWeights : null;
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

    /**
     * The probability p = σ(z) (or p itself) of row {@code row} after {@link #forward}, in the
     * model's precision: a float32 model's p is a float32 value, as its exported graph, the scorer
     * and its written predictions give it, so that a threshold classes a row alike on every path.
     */
    public double probability(int row) {
        double value = output.get(row);
        if (!outputIsLogit()) {
            return value;
        }
        double p = Elementwise.sigmoid(value);
        return output.dataType() == DataType.FLOAT ? (float) p : p;
    }

    /**
     * Whether row {@code row}'s output (its logit, or p) after {@link #forward} is finite: an
     * infinite or NaN one comes of values the layers took beyond the model's range, and its p,
     * 0, 1 or NaN, is no probability.
     */
    public boolean hasProbability(int row) {
        return Double.isFinite(output.get(row));
    }

    private boolean outputIsLogit() {
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

    /** Each row's weight in the loss [capacity]: fill before {@link #trainingStep} once {@link #weightRows} is on. */
    public NativeArray rowWeights() {
        return rowWeights;
    }

    /** Whether the loss weighs each row by {@link #rowWeights()}; off, every row weighs 1. */
    public void weightRows(boolean on) {
        rowsWeighted = on;
    }

    /** dL/dx [capacity, inputWidth] after {@link #trainingStep}, if the graph keeps it. */
    public NativeArray inputGradient() {
        if (inputGradient == null) {
            throw new IllegalStateException("this graph was compiled without the input gradient: compile the model with "
                    + "CompileOptions.withInputGradient(true)");
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
