package io.dense4j.runtime;

import io.dense4j.graph.DropoutNode;
import io.dense4j.tensor.Elementwise;
import io.dense4j.tensor.NativeArray;

/**
 * Inverted dropout. In a training plan, forward draws a mask m (1/(1 − rate) with probability
 * 1 − rate, else 0) and writes y = x ⊙ m; backward writes dL/dx = dL/dy ⊙ m, replaying the mask
 * from the state forward started at instead of storing it. In a plan that only predicts, y = x.
 * The keep probability is rounded to a multiple of 1/65,536 and the scale is its exact inverse, so
 * E[m] = 1 exactly.
 *
 * <p>The plan runs it in place (y and x one buffer) after an op whose backward does not read its
 * own output through σ: ReLU's backward reads only the sign, which m keeps or zeroes with the
 * gradient. After a ReLU, backward need not replay the mask at all: dL/dy ⊙ m is dL/dy · (1/(1 − rate))
 * wherever the ReLU then lets the gradient through (where its masked output is positive), and 0
 * elsewhere either way, so backward only scales; and when a Dense follows, that Dense scales the
 * gradient as it computes it, and this op's backward does nothing at all ({@code gradientThrough});
 * that Dense then applies the scale forward too, so this op only zeroes the dropped values, with
 * integer operations on their bits.
 * The mask comes from a SplitMix64 stream that the plan seeds before each batch (from the compile
 * seed, the epoch, the batch and the part), so masks repeat run to run and after a resume.
 */
final class DropoutOp implements Op {
    private final int width;
    private final int keepBelow;
    private final double scale;
    private final boolean training;
    /** Whether the op before is a ReLU working on this op's (in-place) output, which zeroes the dropped units' gradients itself. */
    private final boolean reluBefore;
    /**
     * Whether the next op (a Dense) applies the scale, forward and backward: forward then only
     * zeroes the dropped values, in place; this op's gradients for output and input are one
     * buffer, and backward does nothing.
     */
    private final boolean gradientThrough;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;
    private long state;
    /** Where the last forward's masks began: backward replays them from here. */
    private long maskStart;
    private boolean holdMask;

    DropoutOp(DropoutNode node, boolean training, boolean reluBefore, boolean gradientThrough, NativeArray input,
              NativeArray output, NativeArray gradOutput, NativeArray gradInput) {
        this.width = node.width();
        this.keepBelow = (int) Math.round((1 - node.rate()) * 65536);
        this.scale = 65536.0 / Math.max(1, keepBelow);
        this.training = training;
        this.reluBefore = reluBefore && output == input;
        this.gradientThrough = gradientThrough;
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    /** Starts this op's mask stream at {@code seed}. */
    void seed(long seed) {
        state = seed;
    }

    /** While held, forward reuses the last masks: a finite-difference check then sees the function backward differentiated. */
    void holdMask(boolean hold) {
        holdMask = hold;
    }

    /** m's value for a kept unit: 1/(1 − rate), rounded as the keep probability is. */
    double scale() {
        return scale;
    }

    @Override
    public void forward(int rows) {
        int count = rows * width;
        if (!training) {
            if (output != input) {
                output.copyFrom(input, 0, 0, count);
            }
            return;
        }
        if (!holdMask) {
            maskStart = state;
        }
        state = gradientThrough ? Elementwise.dropoutUnscaled(output, count, maskStart, keepBelow)
                : Elementwise.dropout(input, output, count, maskStart, keepBelow, scale);
    }

    @Override
    public void backward(int rows) {
        if (gradInput == null || gradientThrough) {
            return;
        }
        if (reluBefore) {
            Elementwise.scale(gradOutput, gradInput, rows * width, scale);
        } else {
            Elementwise.dropout(gradOutput, gradInput, rows * width, maskStart, keepBelow, scale);
        }
    }
}
