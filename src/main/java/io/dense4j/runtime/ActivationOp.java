package io.dense4j.runtime;

import io.dense4j.graph.ActivationNode;
import io.dense4j.tensor.NativeArray;

/** y = f(x) elementwise, for an activation layer that could not be folded into a Dense op. */
final class ActivationOp implements Op {
    private final int width;
    private final ActivationKernel kernel;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    ActivationOp(ActivationNode node, NativeArray input, NativeArray output, NativeArray gradOutput,
                 NativeArray gradInput) {
        this.width = node.width();
        this.kernel = ActivationKernel.of(node.activation());
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    @Override
    public void forward(int rows) {
        int count = rows * width;
        output.copyFrom(input, 0, 0, count);
        kernel.forward(output, count);
    }

    @Override
    public void backward(int rows) {
        if (gradInput == null) {
            return;
        }
        int count = rows * width;
        gradInput.copyFrom(gradOutput, 0, 0, count);
        kernel.backward(output, gradInput, count); // dL/dx = dL/dy ⊙ f'(x), with f' read from y
    }
}
