package io.dense4j.runtime;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeRows;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowSums;

/**
 * One categorical column's slot gradient as a step left it unsummed: the dL/dZ rows of one plan, or
 * of every part in part order, each under the slot its code selected. Plain SGD then steps each
 * slot row the step read by α times the sum of its rows ({@link NativeRows#stepRows}), without
 * zeroing, writing and reading again a gradient block. The rows are grouped by slot with a stable
 * counting sort over the slots they read, so each slot sums its rows in row order (the bits of the
 * written gradient and its step), and the work follows the rows, not the column's categories.
 *
 * <p>Needs dense4j's native library. The sort's buffers are made on the first step that leaves
 * the column unsummed, so a trainer that never does (momentum, Adam) holds none; after that a step
 * allocates nothing.
 */
final class SlotSums implements RowSums {
    private final NonzeroRows block;
    private final int column;
    private final int columns;
    private final int slotOffset;
    private final int capacity;
    /** Per part: its dL/dZ rows, and the weight row each of its rows' codes selected, per categorical column. */
    private final NativeArray[] gradOutputs;
    private final int[][] slotRows;
    /** Scratch of the sort, made on first use: per slot, its rows' count and then its next entry; zero between steps. */
    private int[] next;
    private int[] entryParts;
    private int[] entryRows;
    private int[] groupStarts;
    private int[] groupSlots;
    private long[] addresses;
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
        this.capacity = capacity;
        this.gradOutputs = new NativeArray[gathers.length];
        this.slotRows = new int[gathers.length][];
        for (int part = 0; part < gathers.length; part++) {
            gradOutputs[part] = gathers[part].gradOutput();
            slotRows[part] = gathers[part].slotRows();
        }
    }

    /** Leaves the block's gradient as the last backward of the first {@code parts} parts, part i having run {@code partRows[i]} rows. */
    void leaveIn(int parts, int[] partRows) {
        if (next == null) {
            int groups = Math.min(block.rowCount(), capacity);
            next = new int[block.rowCount()];
            entryParts = new int[capacity];
            entryRows = new int[capacity];
            groupStarts = new int[groups + 1];
            groupSlots = new int[groups];
            addresses = new long[capacity];
        }
        this.parts = parts;
        this.partRows = partRows;
        block.leaveUnsummed(this);
    }

    @Override
    public void addScaledTo(double alpha, NativeArray parameters) {
        int groups = groupBySlot();
        NativeRows.stepRows(parameters, gradOutputs, entryParts, entryRows, groupStarts, groupSlots, groups, block.width(), alpha,
                addresses);
    }

    /**
     * Groups the rows by slot, each slot's rows in part and row order, the slots in the order their
     * first rows come; returns how many slots the rows read. Visits the rows, and the slots they
     * read, a few times each.
     */
    private int groupBySlot() {
        int groups = 0;
        int entries = 0;
        for (int part = 0; part < parts; part++) {
            int[] selected = slotRows[part];
            for (int row = 0, at = column; row < partRows[part]; row++, at += columns) {
                int slot = selected[at] - slotOffset;
                if (next[slot]++ == 0) {
                    groupSlots[groups++] = slot;
                }
            }
            entries += partRows[part];
        }
        for (int g = 0, start = 0; g < groups; g++) {
            int slot = groupSlots[g];
            groupStarts[g] = start;
            start += next[slot];
            next[slot] = groupStarts[g]; // now where the slot's next row goes
        }
        groupStarts[groups] = entries;
        for (int part = 0; part < parts; part++) {
            int[] selected = slotRows[part];
            for (int row = 0, at = column; row < partRows[part]; row++, at += columns) {
                int entry = next[selected[at] - slotOffset]++;
                entryParts[entry] = part;
                entryRows[entry] = row;
            }
        }
        for (int g = 0; g < groups; g++) {
            next[groupSlots[g]] = 0;
        }
        return groups;
    }
}
