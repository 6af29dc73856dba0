package io.dense4j.graph;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;

/**
 * y = (x − μ) ⊙ s for every row, with μ and s = 1/σ per feature; backward dL/dx = dL/dy ⊙ s. The
 * statistics are constants of the plan: nothing here writes a parameter gradient.
 */
final class NormalizationOp implements Op {
    private final NormalizationNode node;
    private final NativeArray mean;
    private final NativeArray scale;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    NormalizationOp(NormalizationNode node, NativeArray mean, NativeArray scale, NativeArray input, NativeArray output,
                    NativeArray gradOutput, NativeArray gradInput) {
        this.node = node;
        this.mean = mean;
        this.scale = scale;
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    @Override
    public void forward(int rows) {
        int width = node.width();
        for (int row = 0, at = 0; row < rows; row++) {
            for (int j = 0; j < width; j++, at++) {
                output.set(at, (input.get(at) - mean.get(j)) * scale.get(j));
            }
        }
    }

    @Override
    public void backward(int rows, SecondCore secondCore) {
        if (gradInput == null) {
            return;
        }
        int width = node.width();
        for (int row = 0, at = 0; row < rows; row++) {
            for (int j = 0; j < width; j++, at++) {
                gradInput.set(at, gradOutput.get(at) * scale.get(j));
            }
        }
    }

    @Override
    public Node node() {
        return node;
    }
}
