package io.dense4j.runtime;

import io.dense4j.graph.NormalizationNode;
import io.dense4j.tensor.NativeArray;

/**
 * y = (x − μ) ⊙ s for every row, with μ and s = 1/σ per feature; backward dL/dx = dL/dy ⊙ s. The
 * statistics are constants of the plan: nothing here writes a parameter gradient.
 */
final class NormalizationOp implements Op {
    private final int width;
    private final NativeArray mean;
    private final NativeArray scale;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    NormalizationOp(NormalizationNode node, NativeArray mean, NativeArray scale, NativeArray input, NativeArray output,
                    NativeArray gradOutput, NativeArray gradInput) {
        this.width = node.width();
        this.mean = mean;
        this.scale = scale;
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    @Override
    public void forward(int rows) {
        for (int row = 0, at = 0; row < rows; row++) {
            for (int j = 0; j < width; j++, at++) {
                output.set(at, (input.get(at) - mean.get(j)) * scale.get(j));
            }
        }
    }

    @Override
    public void backward(int rows) {
        if (gradInput == null) {
            return;
        }
        for (int row = 0, at = 0; row < rows; row++) {
            for (int j = 0; j < width; j++, at++) {
                gradInput.set(at, gradOutput.get(at) * scale.get(j));
            }
        }
    }
}
