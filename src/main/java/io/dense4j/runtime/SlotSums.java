package io.dense4j.runtime;

import io.dense4j.tensor.NativeArray;
import io.dense4j.tensor.NativeRows;
import io.dense4j.tensor.NonzeroRows;
import io.dense4j.tensor.RowSums;
import io.dense4j.tensor.SlotStep;
import io.dense4j.tensor.SlotTiles;

/**
 * A gathering layer's slot gradients as a step left them unsummed: the dL/dZ rows of one plan, or
 * of every part in part order, each under the slot its code selected in each categorical column.
 * Plain SGD then steps each slot row the step read by α times the sum of its rows, without
 * zeroing, writing and reading again a gradient block, in one of two ways that give the same bits:
 * <ul>
 * <li>column by column ({@link SlotStep}), which reads every dL/dZ row once per column: the
 * fastest while the rows fit in a core's cache. The columns are cut into a group per thread, a
 * task and a native call each;
 * <li>all columns at once, a task per tile of units ({@link SlotTiles}), which reads each dL/dZ
 * row once: taken when the step's dL/dZ rows are more than a core's level-2 cache holds and the
 * sums of a tile fit in half of it.
 * </ul>
 * Either way the first column's block holds the layer's tasks, and the others
 * {@link RowSums#STEPPED_WITH_ANOTHER}. The property {@code dense4j.slotTiles} set to
 * {@code always} or {@code never} overrides the choice, for tests and benchmarks.
 *
 * <p>Needs dense4j's native library. The steps' scratch is made on the first step that needs it,
 * so a trainer that never leaves the gradients unsummed (momentum, Adam) holds none; after that a
 * step allocates nothing.
 */
final class SlotSums {
    private final NonzeroRows[] blocks;
    private final GatherDenseOp[] gathers;
    private final int capacity;
    private final int units;
    /** The bytes of a dL/dZ row. */
    private final long rowBytes;
    /** The units of a tile, and the tiles of a row: the tasks of a tiled step. */
    private final int tileUnits;
    private final int tileCount;
    /** Where the layer's weight row 0 would start in the gradient (and parameter) array; its slot rows start later. */
    private final long layerStart;
    private final String tiling;
    private final long cacheBytes;
    private final boolean tilesFitTheCache;
    /** The groups of columns a step column by column is cut into: a task each. */
    private final int groups;
    private final RowSums columnSums = new ColumnGroups();
    private final RowSums layerSums = new LayerTiles();
    private SlotStep[] groupSteps;
    private SlotTiles tiles;
    private int parts;
    private int[] partRows;

    /**
     * @param blocks   the layer's categorical columns' slot blocks in the step's gradients
     * @param gathers  the layer's op in each part's plan (or in the one plan), which hold its dL/dZ and codes
     * @param capacity the most rows a step gives, all parts together
     * @param threads  the threads the update's tasks run on: column by column, a group of columns each
     */
    SlotSums(NonzeroRows[] blocks, GatherDenseOp[] gathers, int capacity, int threads) {
        this.blocks = blocks.clone();
        this.gathers = gathers.clone();
        this.capacity = capacity;
        this.units = blocks[0].width();
        int elementBytes = gathers[0].gradOutput().dataType().width();
        this.rowBytes = (long) units * elementBytes;
        this.tileUnits = SlotTiles.TILE_BYTES / elementBytes;
        this.tileCount = (units + tileUnits - 1) / tileUnits;
        this.layerStart = blocks[0].start() - (long) gathers[0].slotOffset(0) * units;
        for (int c = 0; c < blocks.length; c++) {
            if (blocks[c].start() != layerStart + (long) gathers[0].slotOffset(c) * units) {
                throw new IllegalStateException("categorical column " + c + "'s slot block is not where its weight rows are");
            }
        }
        this.tiling = System.getProperty("dense4j.slotTiles", "auto");
        if (!tiling.equals("auto") && !tiling.equals("always") && !tiling.equals("never")) {
            throw new IllegalArgumentException("-Ddense4j.slotTiles takes auto, always or never, got \"" + tiling + "\"");
        }
        this.cacheBytes = NativeRows.levelTwoCacheBytes();
        long span = gathers[0].slotOffset(blocks.length - 1) + blocks[blocks.length - 1].rowCount() - gathers[0].slotOffset(0);
        this.tilesFitTheCache = span * SlotTiles.TILE_BYTES <= cacheBytes / 2; // leaving room for the rows streamed through
        this.groups = Math.max(1, Math.min(threads, blocks.length));
    }

    /** Leaves the blocks' gradients as the last backward of the first {@code parts} parts, part i having run {@code partRows[i]} rows. */
    void leaveIn(int parts, int[] partRows) {
        this.parts = parts;
        this.partRows = partRows;
        if (tiled(parts, partRows)) {
            if (tiles == null) {
                tiles = makeTiles();
            }
            tiles.list(parts, partRows);
            blocks[0].leaveUnsummed(layerSums);
            for (int c = 1; c < blocks.length; c++) {
                blocks[c].leaveUnsummed(RowSums.STEPPED_WITH_ANOTHER);
            }
            return;
        }
        if (groupSteps == null) {
            groupSteps = makeGroupSteps();
        }
        blocks[0].leaveUnsummed(columnSums);
        for (int c = 1; c < blocks.length; c++) {
            blocks[c].leaveUnsummed(RowSums.STEPPED_WITH_ANOTHER);
        }
    }

    /** Whether this step's slot rows are stepped tile by tile ({@link SlotTiles}) rather than column by column. */
    private boolean tiled(int parts, int[] partRows) {
        if (!tiling.equals("auto")) {
            return tiling.equals("always");
        }
        long rows = 0;
        for (int p = 0; p < parts; p++) {
            rows += partRows[p];
        }
        return tilesFitTheCache && rows * rowBytes > cacheBytes;
    }

    /** The step of each group of columns: group g takes columns [g · C / groups, (g + 1) · C / groups). */
    private SlotStep[] makeGroupSteps() {
        SlotStep[] steps = new SlotStep[groups];
        for (int g = 0; g < groups; g++) {
            int from = firstColumn(g);
            int count = firstColumn(g + 1) - from;
            int[] firstRows = new int[count];
            int[] slots = new int[count];
            for (int i = 0; i < count; i++) {
                firstRows[i] = gathers[0].slotOffset(from + i);
                slots[i] = blocks[from + i].rowCount();
            }
            steps[g] = new SlotStep(gradOutputs(), slotRows(), blocks.length, from, firstRows, slots, units, capacity);
        }
        return steps;
    }

    private int firstColumn(int group) {
        return blocks.length * group / groups;
    }

    /** The step of every tile of units, with a set of sums per tile, so that the tiles can be stepped at the same time. */
    private SlotTiles makeTiles() {
        int[] firstRows = new int[blocks.length];
        int[] slots = new int[blocks.length];
        for (int c = 0; c < blocks.length; c++) {
            firstRows[c] = gathers[0].slotOffset(c);
            slots[c] = blocks[c].rowCount();
        }
        return new SlotTiles(gradOutputs(), slotRows(), firstRows, slots, units, capacity, tileCount);
    }

    private NativeArray[] gradOutputs() {
        NativeArray[] gradOutputs = new NativeArray[gathers.length];
        for (int part = 0; part < gathers.length; part++) {
            gradOutputs[part] = gathers[part].gradOutput();
        }
        return gradOutputs;
    }

    private int[][] slotRows() {
        int[][] slotRows = new int[gathers.length][];
        for (int part = 0; part < gathers.length; part++) {
            slotRows[part] = gathers[part].slotRows();
        }
        return slotRows;
    }

    /** The layer's columns column by column, a task per group of them. */
    private final class ColumnGroups implements RowSums {
        @Override
        public int tasks() {
            return groups;
        }

        @Override
        public void addScaledTo(double alpha, NativeArray parameters, int task) {
            groupSteps[task].step(parameters, blocks[firstColumn(task)].start(), parts, partRows, alpha);
        }
    }

    /** All the layer's columns at once, a task per tile of units. */
    private final class LayerTiles implements RowSums {
        @Override
        public int tasks() {
            return tileCount;
        }

        @Override
        public void addScaledTo(double alpha, NativeArray parameters, int task) {
            int from = task * tileUnits;
            tiles.step(parameters, layerStart, task, from, Math.min(from + tileUnits, units), alpha);
        }
    }
}
