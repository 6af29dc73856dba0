package io.dense4j.runtime;

import io.dense4j.graph.NormalizationNode;
import io.dense4j.tensor.InputRows;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeInputRows;
import io.dense4j.tensor.NativeKernels;

/**
 * y = (x − μ) ⊙ s for every row, with μ and s = 1/σ per feature; backward dL/dx = dL/dy ⊙ s. The
 * statistics are constants of the plan: nothing here writes a parameter gradient. In a row with
 * category codes it reads the numeric columns only, and their gradient is 0 at the codes.
 */
final class NormalizationOp implements Op {
    private final int width;
    /** Values per input row, and where the numbers are among them (null: all of them, in order). */
    private final int rowWidth;
    private final int[] columns;
    private final NativeArray mean;
    private final NativeArray scale;
    private final NativeArray input;
    private final NativeArray output;
    private final NativeArray gradOutput;
    private final NativeArray gradInput;
    /** Whether the numeric columns are packed in a native loop ({@link NativeInputRows}) rather than in Java. */
    private final boolean nativeKernels = NativeKernels.enabled();

    /** {@code gradInput} is null when nothing needs the gradient for the input. */
    NormalizationOp(NormalizationNode node, NativeArray mean, NativeArray scale, NativeArray input, NativeArray output,
                    NativeArray gradOutput, NativeArray gradInput) {
        this.width = node.width();
        this.rowWidth = node.reading() == null ? width : node.reading().width();
        this.columns = node.reading() == null ? null : node.reading().numericColumns();
        this.mean = mean;
        this.scale = scale;
        this.input = input;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
    }

    @Override
    public void forward(int rows) {
        if (columns != null && nativeKernels) {
            NativeInputRows.gatherColumns(input, rowWidth, columns, output, rows);
        } else if (columns != null) {
            InputRows.gatherColumns(input, rowWidth, columns, output, rows);
        } else {
            output.copyFrom(input, 0, 0, rows * width);
        }
        InputRows.standardizeRows(output, rows, width, mean, scale);
    }

    @Override
    public void backward(int rows) {
        if (gradInput == null) {
            return;
        }
        if (columns != null) {
            gradInput.zero(rows * rowWidth);
            for (int row = 0, at = 0; row < rows; row++) {
                for (int j = 0; j < width; j++, at++) {
                    gradInput.set(row * rowWidth + columns[j], gradOutput.get(at) * scale.get(j));
                }
            }
            return;
        }
        for (int row = 0, at = 0; row < rows; row++) {
            for (int j = 0; j < width; j++, at++) {
                gradInput.set(at, gradOutput.get(at) * scale.get(j));
            }
        }
    }
}
