package io.dense4j.runtime;

import io.dense4j.graph.DropoutNode;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;

/**
 * Inverted dropout. In a training plan, forward draws a mask m (1/(1 − rate) with probability
 * 1 − rate, else 0) and writes y = x ⊙ m; backward writes dL/dx = dL/dy ⊙ m with the same mask. In
 * a plan that only predicts, y = x. The keep probability is rounded to a multiple of 1/65,536 and
 * the scale is its exact inverse, so E[m] = 1 exactly.
 *
 * <p>The mask comes from a SplitMix64 stream that the plan seeds before each batch (from the
 * compile seed, the epoch, the batch and the part), so masks repeat run to run and after a resume.
 */
final class DropoutOp implements Op {
    private final int width;
    private final int keepBelow;
    private final double scale;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;
    /** [capacity, width]; null in a plan that only predicts. */
    private final NativeArray mask;
    private long state;
    private boolean holdMask;

    DropoutOp(DropoutNode node, int capacity, boolean training, NativeArray input, NativeArray output,
              NativeArray gradOutput, NativeArray gradInput) {
        this.width = node.width();
        this.keepBelow = (int) Math.round((1 - node.rate()) * 65536);
        this.scale = 65536.0 / Math.max(1, keepBelow);
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
        this.mask = training ? NativeArray.allocate(output.dataType(), (long) capacity * width) : null;
    }

    /** Starts this op's mask stream at {@code seed}. */
    void seed(long seed) {
        state = seed;
    }

    /** While held, forward reuses the last masks: a finite-difference check then sees the function backward differentiated. */
    void holdMask(boolean hold) {
        holdMask = hold;
    }

    @Override
    public void forward(int rows) {
        int count = rows * width;
        if (mask == null) {
            output.copyFrom(input, 0, 0, count);
            return;
        }
        if (!holdMask) {
            state = Elementwise.dropoutMask(mask, count, state, keepBelow, scale);
        }
        Elementwise.multiply(input, mask, output, count);
    }

    @Override
    public void backward(int rows) {
        if (gradInput != null) {
            Elementwise.multiply(gradOutput, mask, gradInput, rows * width);
        }
    }
}
