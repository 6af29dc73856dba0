package io.dense4j.runtime;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowSums;
import io.dense4j.tensor.SlotStep;

/**
 * One categorical column's slot gradient as a step left it unsummed: the dL/dZ rows of one plan, or
 * of every part in part order, each under the slot its code selected. Plain SGD then steps each
 * slot row the step read by α times the sum of its rows ({@link SlotStep}), without zeroing,
 * writing and reading again a gradient block.
 *
 * <p>Needs dense4j's native library. The step's scratch is made on the first step that leaves
 * the column unsummed, so a trainer that never does (momentum, Adam) holds none; after that a step
 * allocates nothing.
 */
final class SlotSums implements RowSums {
    private final NonzeroRows block;
    private final int column;
    private final GatherDenseOp[] gathers;
    private final int capacity;
    private SlotStep step;
    private int parts;
    private int[] partRows;

    /**
     * @param block    the column's slot block in the step's gradients
     * @param column   the column's index among the layer's categorical columns
     * @param gathers  the layer's op in each part's plan (or in the one plan), which hold its dL/dZ and codes
     * @param capacity the most rows a step gives, all parts together
     */
    SlotSums(NonzeroRows block, int column, GatherDenseOp[] gathers, int capacity) {
        this.block = block;
        this.column = column;
        this.gathers = gathers.clone();
        this.capacity = capacity;
    }

    /** Leaves the block's gradient as the last backward of the first {@code parts} parts, part i having run {@code partRows[i]} rows. */
    void leaveIn(int parts, int[] partRows) {
        if (step == null) {
            NativeArray[] gradOutputs = new NativeArray[gathers.length];
            int[][] slotRows = new int[gathers.length][];
            for (int part = 0; part < gathers.length; part++) {
                gradOutputs[part] = gathers[part].gradOutput();
                slotRows[part] = gathers[part].slotRows();
            }
            step = new SlotStep(gradOutputs, slotRows, column, gathers[0].categoricalColumnCount(), gathers[0].slotOffset(column),
                    block.rowCount(), block.width(), capacity);
        }
        this.parts = parts;
        this.partRows = partRows;
        block.leaveUnsummed(this);
    }

    @Override
    public void addScaledTo(double alpha, NativeArray parameters) {
        step.step(parameters, parts, partRows, alpha);
    }
}
