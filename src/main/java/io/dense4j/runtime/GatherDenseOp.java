package io.dense4j.runtime;

import io.dense4j.graph.DenseNode;
import io.dense4j.graph.InputLayout;
import io.dense4j.tensor.Blas;
import io.dense4j.tensor.InputRows;
import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeInputRows;
import io.dense4j.tensor.NativeKernels;
import io.dense4j.tensor.NativeRows;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowAdder;

/**
 * The first Dense layer of a row with categorical columns: y = f(x · W + b) where x is the encoded
 * row (the numbers, then each categorical column's one-hot slots, see {@link InputLayout}), computed
 * without the one-hot vectors. W's first rows multiply the numbers (one gemm); a categorical
 * column contributes the single weight row of its code's slot, gathered and added.
 *
 * <p>Math, with n numbers u, codes k_c, slot offsets o_c, Z = u·W[0:n] + Σ_c W[o_c + k_c] + b and
 * G = dL/dZ (after the activation's backward): dL/dW[0:n] = uᵀ·G; dL/dW[o_c + s] = the sum of G's
 * rows whose code in column c is s (zero for a slot no row has); dL/db = column sums of G; dL/du =
 * G·W[0:n]ᵀ. A code has no gradient: it is an index, not a value, and its input gradient is 0.
 */
final class GatherDenseOp implements Op {
    private final int units;
    private final int numbers;
    private final int rawWidth;
    private final int[] numericColumns;
    private final int[] categoricalColumns;
    private final int[] slots;
    private final int[] slotOffsets;
    private final ActivationKernel activation;
    private final NativeArray numericWeights;
    private final NativeArray weights;
    private final NativeArray bias;
    private final NativeArray gradNumericWeights;
    /**
     * Per categorical column, its slot weights' gradients ([slots, units] after the numbers' rows)
     * and which rows of them are not zero; null where backward leaves them to {@link #scatterColumns}.
     */
    private final NonzeroRows[] gradSlotWeights;
    private final NativeArray gradWeights;
    private final NativeArray gradBias;
    private final NativeArray raw;
    /** The rows' numbers, compact [rows, n]: a Normalization's output, or copied here from the raw rows. */
    private final NativeArray numeric;
    private final boolean copiesNumbers;
    private final NativeArray output;
    private final NativeArray gradOutput;
    /** dL/du [rows, n] when a Normalization before reads it, dL/dx [rows, rawWidth] when the input's gradient is kept, or null. */
    private final NativeArray gradInput;
    private final boolean rawGradient;
    private final NativeArray gradNumeric;
    private final NativeArray ones;
    /** The weight row each row's code selects, per categorical column: [capacity, C], from the last forward. */
    private final int[] slotRows;
    /** Adds weight rows into output rows (forward). */
    private final RowAdder gather;
    /** Adds gradient rows into weight-gradient rows (backward); null without gradients. */
    private final RowAdder scatter;
    /**
     * Whether a batch's rows are read ({@link NativeInputRows}) and added ({@link NativeRows}) in
     * native calls, rather than in Java loops and one BLAS call per row.
     */
    private final boolean nativeKernels;
    /** The slot gradients as backward can leave them unsummed; null where it cannot (see {@link #leaveSlotSums}). */
    private final SlotSums slotSums;
    /** Whether the next backward leaves the slot gradients unsummed rather than writing them. */
    private boolean leavesSlotSums;
    /** The rows of the last backward, as {@link SlotSums} reads them. */
    private final int[] backwardRows = new int[1];

    /**
     * @param gradSlotWeights each categorical column's slot rows of {@code gradWeights}, listing the
     *                   rows each backward pass gives a gradient; null without gradients, or in a
     *                   plan for one part of a step, whose runner adds every part's slot gradients
     *                   into the step's through {@link #scatterColumns}
     * @param raw        the plan's input rows [capacity, rawWidth], where the codes are
     * @param numeric    the standardized numbers [capacity, n] from the Normalization before, or
     *                   null to read them from {@code raw} (into a buffer of this op's)
     * @param gradInput  where backward writes dL/du for that Normalization, or dL/dx for the raw
     *                   input (its code columns 0), or null when nothing needs it
     */
    GatherDenseOp(DenseNode node, NativeArray weights, NativeArray bias, NativeArray gradWeights, NonzeroRows[] gradSlotWeights,
                  NativeArray gradBias, NativeArray raw, NativeArray numeric, NativeArray output, NativeArray gradOutput, NativeArray gradInput,
                  NativeArray ones, int capacity) {
        InputLayout layout = node.categorical();
        this.units = node.outputWidth();
        this.numbers = layout.numericCount();
        this.rawWidth = layout.width();
        this.numericColumns = layout.numericColumns();
        this.categoricalColumns = layout.categoricalColumns();
        this.slots = new int[categoricalColumns.length];
        for (int c = 0; c < slots.length; c++) {
            slots[c] = layout.slots(categoricalColumns[c]);
        }
        this.slotOffsets = layout.slotOffsets();
        this.activation = ActivationKernel.of(node.activation());
        this.weights = weights;
        this.numericWeights = numbers > 0 ? weights.slice(0, numbers * units) : null;
        this.bias = bias;
        this.gradWeights = gradWeights;
        this.gradNumericWeights = gradWeights != null && numbers > 0 ? gradWeights.slice(0, numbers * units) : null;
        this.gradSlotWeights = gradSlotWeights;
        this.gradBias = gradBias;
        this.raw = raw;
        this.copiesNumbers = numeric == null && numbers > 0;
        this.numeric = copiesNumbers ? NativeArray.allocate(raw.dataType(), (long) capacity * numbers) : numeric;
        this.output = output;
        this.gradOutput = gradOutput;
        this.gradInput = gradInput;
        this.rawGradient = gradInput != null && numeric == null;
        this.gradNumeric = rawGradient && numbers > 0 ? NativeArray.allocate(raw.dataType(), (long) capacity * numbers) : null;
        this.ones = ones;
        this.slotRows = new int[capacity * categoricalColumns.length];
        this.gather = new RowAdder(weights, output, units);
        this.scatter = gradSlotWeights == null ? null : scatterInto(gradWeights); // a part's runner scatters
        this.nativeKernels = NativeKernels.enabled();
        this.slotSums = gradSlotWeights == null || !nativeKernels ? null
                : new SlotSums(gradSlotWeights, new GatherDenseOp[] {this}, capacity, 1);
    }

    /**
     * Whether the following backward passes leave the slot gradients unsummed
     * ({@link io.dense4j.tensor.NonzeroRows#leaveUnsummed}) for plain SGD, rather than writing them.
     * Only where this op writes them (one plan for the whole step) and the native library is
     * loaded; elsewhere they are written, as they are by default.
     */
    void leaveSlotSums(boolean leave) {
        leavesSlotSums = leave && slotSums != null;
    }

    @Override
    public void forward(int rows) {
        if (copiesNumbers && nativeKernels) {
            NativeInputRows.gatherColumns(raw, rawWidth, numericColumns, numeric, rows);
        } else if (copiesNumbers) {
            InputRows.gatherColumns(raw, rawWidth, numericColumns, numeric, rows);
        }
        readSlotRows(rows);
        for (int row = 0; row < rows; row++) {
            output.copyFrom(bias, 0, row * units, units);
        }
        if (numbers > 0) {
            Blas.gemm(false, false, rows, units, numbers, 1.0, numeric, numericWeights, 1.0, output);
        }
        int columns = categoricalColumns.length;
        if (nativeKernels) {
            NativeRows.gather(weights, output, slotRows, rows, columns, units);
        } else {
            for (int row = 0, at = 0; row < rows; row++) {
                for (int c = 0; c < columns; c++, at++) {
                    gather.add(slotRows[at], row);
                }
            }
        }
        activation.forward(output, rows * units);
    }

    /**
     * Each row's weight row per categorical column, from its code, checked: a code is an index
     * into the weights, so anything but a whole number in [0, slots) stops here, naming the column.
     */
    private void readSlotRows(int rows) {
        int bad = nativeKernels ? NativeInputRows.readSlotRows(raw, rawWidth, categoricalColumns, slots, slotOffsets, rows, slotRows)
                : InputRows.readSlotRows(raw, rawWidth, categoricalColumns, slots, slotOffsets, rows, slotRows);
        if (bad >= 0) {
            int row = bad / slots.length;
            int c = bad % slots.length;
            double value = raw.get(row * rawWidth + categoricalColumns[c]);
            throw new IllegalArgumentException("input column " + categoricalColumns[c] + " is categorical with " + slots[c]
                    + " slots, but row " + row + " of the batch holds " + value + " there, not a code from 0 to "
                    + (slots[c] - 1));
        }
    }

    @Override
    public void backward(int rows) {
        activation.backward(output, gradOutput, rows * units); // gradOutput becomes dL/dZ
        if (numbers > 0) {
            Blas.gemm(true, false, numbers, units, rows, 1.0, numeric, gradOutput, 0.0, gradNumericWeights);
        }
        if (leavesSlotSums) {
            backwardRows[0] = rows;
            slotSums.leaveIn(1, backwardRows);
        } else if (gradSlotWeights != null) {
            for (NonzeroRows block : gradSlotWeights) {
                block.clear();
            }
            scatterColumns(0, categoricalColumns.length, rows, gradWeights, gradSlotWeights, scatter);
        }
        if (rows == 1) {
            gradBias.copyFrom(gradOutput, 0, 0, units);
        } else {
            Blas.gemvTransposed(rows, units, 1.0, gradOutput, ones, 0.0, gradBias);
        }
        if (gradInput != null) {
            inputGradient(rows);
        }
    }

    /**
     * The slot weights' gradients of categorical columns [from, to) from the last backward over
     * {@code rows} rows: each row's dL/dZ added into the weight-gradient row its code selected, row
     * by row in order, in {@code target} (this layer's weight gradients, or another plan's), and
     * listed in that column's block of {@code blocks}. The weight rows forward read, and no
     * others, get a gradient. {@code byRow} adds into {@code target} where the native library is
     * not used ({@link #scatterInto}).
     */
    void scatterColumns(int from, int to, int rows, NativeArray target, NonzeroRows[] blocks, RowAdder byRow) {
        int columns = categoricalColumns.length;
        for (int row = 0, at = 0; row < rows; row++, at += columns) {
            for (int c = from; c < to; c++) {
                blocks[c].add(slotRows[at + c] - slotOffsets[c]);
            }
        }
        if (nativeKernels) {
            NativeRows.scatter(gradOutput, target, slotRows, rows, columns, from, to, units);
            return;
        }
        for (int row = 0, at = 0; row < rows; row++, at += columns) {
            for (int c = from; c < to; c++) {
                byRow.add(row, slotRows[at + c]);
            }
        }
    }

    /** dL/dZ of the last backward, [capacity, units]: what the slot weights' gradients sum. */
    NativeArray gradOutput() {
        return gradOutput;
    }

    /** The weight row each row's code selected in the last forward, per categorical column: [capacity, C]. */
    int[] slotRows() {
        return slotRows;
    }

    /** The first weight row of categorical column {@code column}'s slots. */
    int slotOffset(int column) {
        return slotOffsets[column];
    }

    /** How many categorical columns this layer reads. */
    int categoricalColumnCount() {
        return categoricalColumns.length;
    }

    /** Adds this layer's dL/dZ rows into the rows of {@code target}, weight gradients laid out as this layer's: for {@link #scatterColumns}. */
    RowAdder scatterInto(NativeArray target) {
        return new RowAdder(gradOutput, target, units);
    }

    /** dL/du = dL/dZ · W[0:n]ᵀ, into the Normalization's buffer or spread over the raw columns (codes 0). */
    private void inputGradient(int rows) {
        if (!rawGradient) { // a Normalization reads it, so there are numbers
            Blas.gemm(false, true, rows, numbers, units, 1.0, gradOutput, numericWeights, 0.0, gradInput);
            return;
        }
        gradInput.zero(rows * rawWidth);
        if (numbers == 0) {
            return;
        }
        Blas.gemm(false, true, rows, numbers, units, 1.0, gradOutput, numericWeights, 0.0, gradNumeric);
        for (int row = 0; row < rows; row++) {
            for (int j = 0; j < numbers; j++) {
                gradInput.set(row * rawWidth + numericColumns[j], gradNumeric.get(row * numbers + j));
            }
        }
    }
}
