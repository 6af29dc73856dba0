package io.dense4j.graph;

import io.dense4j.tensor.Blas;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.SecondCore;

/**
 * y = f(x · W + b) for a batch of rows, with the activation f folded in. Per step: forward is one
 * gemm plus Java loops (bias rows, activation); backward is gemm for dW, gemv for db (a copy for one
 * row) and, unless this is the first op, gemm for dx.
 *
 * <p>Math, with Z = x·W + b and G = dL/dY: dL/dZ = G ⊙ f'(Z), dL/dW = xᵀ·dL/dZ, dL/db = column sums
 * of dL/dZ, dL/dx = dL/dZ·Wᵀ.
 */
final class DenseOp implements Op {
    private final DenseNode node;
    private final LayerParameters parameters;
    private final ActivationKernel activation;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;
    private final NativeArray ones;
    /** The rows of the backward pass in flight, read by the two tasks below on either thread. */
    private int backwardRows;
    private final Runnable parameterGradients = () -> parameterGradients(backwardRows);
    private final Runnable inputGradient = () -> inputGradient(backwardRows);

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    DenseOp(DenseNode node, LayerParameters parameters, NativeArray input, NativeArray output,
            NativeArray gradOutput, NativeArray gradInput, NativeArray ones) {
        this.node = node;
        this.parameters = parameters;
        this.activation = ActivationKernel.of(node.activation());
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
        this.ones = ones;
    }

    @Override
    public void forward(int rows) {
        int units = node.outputWidth();
        for (int row = 0; row < rows; row++) {
            output.copyFrom(parameters.bias(), 0, row * units, units);
        }
        Blas.gemm(false, false, rows, units, node.inputWidth(), 1.0, input, parameters.weights(), 1.0, output);
        activation.forward(output, rows * units);
    }

    @Override
    public void backward(int rows, SecondCore secondCore) {
        activation.backward(output, gradOutput, rows * node.outputWidth()); // gradOutput becomes dL/dZ
        if (gradInput == null) {
            parameterGradients(rows);
        } else if (secondCore == null) {
            parameterGradients(rows);
            inputGradient(rows);
        } else {
            // dL/dW, dL/db and dL/dx read dL/dZ and write disjoint buffers: run them side by side
            backwardRows = rows;
            secondCore.runBoth(parameterGradients, inputGradient);
        }
    }

    /** dL/dW = xᵀ · dL/dZ, and dL/db = column sums of dL/dZ. */
    private void parameterGradients(int rows) {
        int units = node.outputWidth();
        Blas.gemm(true, false, node.inputWidth(), units, rows, 1.0, input, gradOutput, 0.0, parameters.gradWeights());
        if (rows == 1) {
            parameters.gradBias().copyFrom(gradOutput, 0, 0, units);
        } else {
            Blas.gemvTransposed(rows, units, 1.0, gradOutput, ones, 0.0, parameters.gradBias());
        }
    }

    /** dL/dx = dL/dZ · Wᵀ. */
    private void inputGradient(int rows) {
        Blas.gemm(false, true, rows, node.inputWidth(), node.outputWidth(), 1.0, gradOutput, parameters.weights(), 0.0,
                gradInput);
    }

    @Override
    public Node node() {
        return node;
    }
}
