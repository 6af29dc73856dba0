package io.dense4j.graph;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;

/** y = f(x) elementwise, for an activation layer that could not be folded into a Dense op. */
final class ActivationOp implements Op {
    private final ActivationNode node;
    private final ActivationKernel kernel;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    ActivationOp(ActivationNode node, NativeArray input, NativeArray output, NativeArray gradOutput,
                 NativeArray gradInput) {
        this.node = node;
        this.kernel = ActivationKernel.of(node.activation());
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    @Override
    public void forward(int rows) {
        int count = rows * node.width();
        output.copyFrom(input, 0, 0, count);
        kernel.forward(output, count);
    }

    @Override
    public void backward(int rows, SecondCore secondCore) {
        if (gradInput == null) {
            return;
        }
        int count = rows * node.width();
        gradInput.copyFrom(gradOutput, 0, 0, count);
        kernel.backward(output, gradInput, count); // dL/dx = dL/dy ⊙ f'(x), with f' read from y
    }

    @Override
    public Node node() {
        return node;
    }
}
