package io.dense4j.runtime;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeRows;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowSums;
import java.util.Arrays;

/**
 * One categorical column's slot gradient as a step left it unsummed: the dL/dZ rows of one plan, or
 * of every part in part order, each under the slot its code selected. Plain SGD then steps each
 * slot row the step read by α times the sum of its rows ({@link NativeRows#stepRows}), without
 * zeroing, writing and reading again a gradient block. A stable counting sort orders the rows by
 * slot, so each slot sums its rows in row order: the bits of the written gradient and its step.
 *
 * <p>Needs dense4j's native library; every buffer is made here, once, and a step allocates nothing.
 */
final class SlotSums implements RowSums {
    private final NonzeroRows block;
    private final int column;
    private final int columns;
    private final int slotOffset;
    /** Per part: its dL/dZ rows, and the weight row each of its rows' codes selected, per categorical column. */
    private final NativeArray[] gradOutputs;
    private final int[][] slotRows;
    /** Scratch of the sort: per slot, its rows' count and then where they start among the entries. */
    private final int[] starts;
    private final int[] entryParts;
    private final int[] entryRows;
    private final int[] groupStarts;
    private final int[] groupSlots;
    private final long[] addresses;
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
        this.columns = gathers[0].categoricalColumnCount();
        this.slotOffset = gathers[0].slotOffset(column);
        this.gradOutputs = new NativeArray[gathers.length];
        this.slotRows = new int[gathers.length][];
        for (int part = 0; part < gathers.length; part++) {
            gradOutputs[part] = gathers[part].gradOutput();
            slotRows[part] = gathers[part].slotRows();
        }
        int slots = block.rowCount();
        this.starts = new int[slots + 1];
        this.entryParts = new int[capacity];
        this.entryRows = new int[capacity];
        int groups = Math.min(slots, capacity);
        this.groupStarts = new int[groups + 1];
        this.groupSlots = new int[groups];
        this.addresses = new long[capacity];
    }

    /** Leaves the block's gradient as the last backward of the first {@code parts} parts, part i having run {@code partRows[i]} rows. */
    void leaveIn(int parts, int[] partRows) {
        this.parts = parts;
        this.partRows = partRows;
        block.leaveUnsummed(this);
    }

    @Override
    public void addScaledTo(double alpha, NativeArray parameters) {
        int groups = sortBySlot();
        NativeRows.stepRows(parameters, gradOutputs, entryParts, entryRows, groupStarts, groupSlots, groups, block.width(), alpha,
                addresses);
    }

    /** Orders the rows by slot, each slot's in part and row order; returns how many slots the rows read. */
    private int sortBySlot() {
        int slots = block.rowCount();
        Arrays.fill(starts, 0, slots + 1, 0);
        int entries = 0;
        for (int part = 0; part < parts; part++) {
            int[] selected = slotRows[part];
            for (int row = 0, at = column; row < partRows[part]; row++, at += columns) {
                starts[selected[at] - slotOffset + 1]++;
            }
            entries += partRows[part];
        }
        int groups = 0;
        for (int slot = 0; slot < slots; slot++) {
            int count = starts[slot + 1];
            starts[slot + 1] = starts[slot] + count; // starts[slot] is now where the slot's rows start
            if (count > 0) {
                groupStarts[groups] = starts[slot];
                groupSlots[groups++] = slot;
            }
        }
        groupStarts[groups] = entries;
        for (int part = 0; part < parts; part++) {
            int[] selected = slotRows[part];
            for (int row = 0, at = column; row < partRows[part]; row++, at += columns) {
                int entry = starts[selected[at] - slotOffset]++;
                entryParts[entry] = part;
                entryRows[entry] = row;
            }
        }
        return groups;
    }
}
