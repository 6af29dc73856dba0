package io.dense4j.graph;

import io.dense4j.loss.ClassWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * A static computational graph: the ops of a model in order, with their shapes, and the form of
 * loss that reads the last one. Immutable; each compile pass returns a new graph.
 *
 * @param input         what each column of an input row holds (numbers, category codes)
 * @param nodes         the ops, first to last
 * @param lossForm      whether the last op's output is a logit or a probability
 * @param classWeights  how much each class's rows count in the training loss
 * @param inputGradient whether backward computes the gradient for the input (for gradient checks)
 * @param rewrites      what the passes did, in words, for summaries
 */
public record Graph(InputLayout input, List<Node> nodes, LossForm lossForm, ClassWeights classWeights, boolean inputGradient,
                    List<String> rewrites) {

    public Graph {
        nodes = List.copyOf(nodes);
        java.util.Objects.requireNonNull(classWeights, "class weights");
        rewrites = List.copyOf(rewrites);
    }

    /** A copy with other nodes and loss form, and one more line of rewrites (none if null). */
    Graph rewrite(List<Node> newNodes, LossForm newLossForm, String what) {
        List<String> done = new ArrayList<>(rewrites);
        if (what != null) {
            done.add(what);
        }
        return new Graph(input, newNodes, newLossForm, classWeights, inputGradient, done);
    }

    /** Columns per input row, as the data holds them. */
    public int inputWidth() {
        return input.width();
    }

    public int outputWidth() {
        return nodes.get(nodes.size() - 1).outputWidth();
    }

    /** Trainable parameters of every node. */
    public int parameterCount() {
        return nodes.stream().mapToInt(Node::parameterCount).sum();
    }

    /** Statistics (constants to the optimizer) of every node. */
    public int statisticsCount() {
        return nodes.stream().mapToInt(Node::statisticsCount).sum();
    }

    /** Where node {@code index}'s parameters start in the flat parameter array: the counts of the nodes before it. */
    public int parameterOffset(int index) {
        return nodes.subList(0, index).stream().mapToInt(Node::parameterCount).sum();
    }

    /** Where node {@code index}'s statistics start in the flat statistics array. */
    public int statisticsOffset(int index) {
        return nodes.subList(0, index).stream().mapToInt(Node::statisticsCount).sum();
    }
}
