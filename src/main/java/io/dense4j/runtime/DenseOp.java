package io.dense4j.runtime;

import io.dense4j.graph.DenseNode;
import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;

/**
 * y = f(x · W + b) for a batch of rows, with the activation f folded in. Per step: forward is one
 * gemm plus Java loops (bias rows, activation); backward is gemm for dW, gemv for db (a copy for one
 * row) and, unless this is the first op, gemm for dx.
 *
 * <p>Math, with Z = x·W + b and G = dL/dY: dL/dZ = G ⊙ f'(Z), dL/dW = xᵀ·dL/dZ, dL/db = column sums
 * of dL/dZ, dL/dx = dL/dZ·Wᵀ.
 */
final class DenseOp implements Op {
    private final int inputWidth;
    private final int units;
    private final ActivationKernel activation;
    private final NativeArray weights;
    private final NativeArray bias;
    private final NativeArray gradWeights;
    private final NativeArray gradBias;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;
    private final NativeArray ones;
    /**
     * The factor s on this op's input x₀ as stored: a Dropout before it leaves its kept values
     * unscaled, and this op works on x = s·x₀, taking s into its gemms' α (free) instead.
     */
    private double inputScale = 1;

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    DenseOp(DenseNode node, NativeArray weights, NativeArray bias, NativeArray gradWeights, NativeArray gradBias,
            NativeArray input, NativeArray output, NativeArray gradOutput, NativeArray gradInput, NativeArray ones) {
        this.inputWidth = node.inputWidth();
        this.units = node.outputWidth();
        this.activation = ActivationKernel.of(node.activation());
        this.weights = weights;
        this.bias = bias;
        this.gradWeights = gradWeights;
        this.gradBias = gradBias;
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
        this.ones = ones;
    }

    @Override
    public void forward(int rows) {
        for (int row = 0; row < rows; row++) {
            output.copyFrom(bias, 0, row * units, units);
        }
        Blas.gemm(false, false, rows, units, inputWidth, inputScale, input, weights, 1.0, output);
        activation.forward(output, rows * units);
    }

    /**
     * From now on this op's input holds x₀ with x = {@code factor}·x₀ (a Dropout's kept values, not
     * yet scaled): Z = factor·(x₀·W) + b, dL/dW = factor·x₀ᵀ·dL/dZ, and dL/dx₀ = factor·dL/dZ·Wᵀ
     * wherever the Dropout kept a value (the ReLU before it zeroes the rest).
     */
    void scaleInput(double factor) {
        inputScale = factor;
    }

    @Override
    public void backward(int rows) {
        activation.backward(output, gradOutput, rows * units); // gradOutput becomes dL/dZ
        parameterGradients(rows);
        if (gradInput != null) {
            inputGradient(rows);
        }
    }

    /** dL/dW = xᵀ · dL/dZ (x = s·x₀, see {@link #scaleInput}), and dL/db = column sums of dL/dZ. */
    private void parameterGradients(int rows) {
        Blas.gemm(true, false, inputWidth, units, rows, inputScale, input, gradOutput, 0.0, gradWeights);
        if (rows == 1) {
            gradBias.copyFrom(gradOutput, 0, 0, units);
        } else {
            Blas.gemvTransposed(rows, units, 1.0, gradOutput, ones, 0.0, gradBias);
        }
    }

    /** dL/dx = dL/dZ · Wᵀ (times a Dropout's scale, see {@link #scaleInput}). */
    private void inputGradient(int rows) {
        Blas.gemm(false, true, rows, inputWidth, units, inputScale, gradOutput, weights, 0.0, gradInput);
    }
}
