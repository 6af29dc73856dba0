package io.dense4j.tensor;

import static io.dense4j.tensor.GaussianArrays.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Plain SGD's step on categorical columns' slot rows from unsummed dL/dZ rows: the bits of
 * writing the gradient and stepping it, only the rows read stepped, several columns in one call
 * as one call each, sizes refused before the native call and a slot outside its column refused
 * before any row moves. The build runs this
 * class again with DENSE4J_VECTOR_BYTES=16, as it does {@link NativeRowsTest}.
 */
class SlotStepTest {
    private static final int COLUMNS = 3;
    private static final int COLUMN = 1;
    private static final int OFFSET = 10;

    /** Slot rows [rows, COLUMNS]: the stepped column's from OFFSET, below OFFSET + drawn, skewed so that some get many rows. */
    private static int[] slotRows(int rows, int drawn, long seed) {
        Random random = new Random(seed);
        int[] selected = new int[rows * COLUMNS];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < COLUMNS; c++) {
                double u = random.nextDouble();
                selected[r * COLUMNS + c] = c == COLUMN ? OFFSET + (int) (drawn * u * u) : random.nextInt(OFFSET);
            }
        }
        return selected;
    }

    /**
     * Weights seeded 7 stepped the slow way: the gradient written (a zeroed row, then each of the
     * first {@code parts} parts' rows added in part and row order, one BLAS call each), scaled by
     * α and added to each slot row some row read.
     */
    private static NativeArray steppedSlowly(DataType type, int width, int slots, NativeArray[] dz, int[][] selected, int parts,
                                             int[] partRows, double alpha) {
        NativeArray gradient = NativeArray.allocate(type, slots * width);
        boolean[] read = new boolean[slots];
        for (int p = 0; p < parts; p++) {
            RowAdder adder = new RowAdder(dz[p], gradient, width);
            for (int r = 0; r < partRows[p]; r++) {
                int slot = selected[p][r * COLUMNS + COLUMN] - OFFSET;
                adder.add(r, slot);
                read[slot] = true;
            }
        }
        NativeArray expected = random(type, slots * width, 7);
        RowAdder step = new RowAdder(gradient, expected, width);
        for (int slot = 0; slot < slots; slot++) {
            if (read[slot]) {
                step.scaleThenAdd(alpha, slot);
            }
        }
        return expected;
    }

    private static int slotsRead(int[][] selected, int parts, int[] partRows) {
        Set<Integer> read = new HashSet<>();
        for (int p = 0; p < parts; p++) {
            for (int r = 0; r < partRows[p]; r++) {
                read.add(selected[p][r * COLUMNS + COLUMN]);
            }
        }
        return read.size();
    }

    /**
     * Two parts' rows, every element type and vector tail: each slot row read equals its weights
     * plus the gradient written the slow way scaled by α, bit for bit; the slots no row read are
     * left alone; the count returned is the slots read; the scratch is left as it was found.
     */
    @Test
    void steppingUnsummedRowsEqualsWritingTheGradientThenScalingAndAddingIt() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {1, 7, 64, 255, 256, 300}) {
                int slots = 12; // the rows read the first 9 at most
                int[] partRows = {21, 12}; // fewer than the arrays hold
                NativeArray[] dz = {random(type, 24 * width, 5), random(type, 13 * width, 6)};
                int[][] selected = {slotRows(24, 9, width), slotRows(13, 9, width + 1)};
                double alpha = -0.37;
                NativeArray expected = steppedSlowly(type, width, slots, dz, selected, 2, partRows, alpha);
                int read = slotsRead(selected, 2, partRows);

                SlotStep slotStep = new SlotStep(dz, selected, COLUMN, COLUMNS, OFFSET, slots, width, 40);
                NativeArray stepped = random(type, slots * width, 7);
                assertEquals(read, slotStep.step(stepped, 2, partRows, alpha));
                assertArrayEquals(expected.toDoubleArray(), stepped.toDoubleArray(), 0, type + ", width " + width);

                NativeArray again = random(type, slots * width, 7);
                assertEquals(read, slotStep.step(again, 2, partRows, alpha));
                assertArrayEquals(expected.toDoubleArray(), again.toDoubleArray(), 0, type + ", width " + width + ", again");
            }
        }
    }

    /** A step of fewer parts than the step was planned for (a short last batch) reads those parts' rows and counts alone. */
    @Test
    void aStepOfFewerPartsReadsThoseParts() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        int width = 37;
        int slots = 9;
        NativeArray[] dz = {random(DataType.FLOAT, 10 * width, 1), random(DataType.FLOAT, 10 * width, 2),
                random(DataType.FLOAT, 10 * width, 3)};
        int[][] selected = {slotRows(10, slots, 4), slotRows(10, slots, 5), slotRows(10, slots, 6)};
        SlotStep slotStep = new SlotStep(dz, selected, COLUMN, COLUMNS, OFFSET, slots, width, 30);
        for (int parts = 3; parts >= 1; parts--) {
            int[] partRows = {10, 7, 4};
            NativeArray expected = steppedSlowly(DataType.FLOAT, width, slots, dz, selected, parts, partRows, -0.5);
            NativeArray stepped = random(DataType.FLOAT, slots * width, 7);
            assertEquals(slotsRead(selected, parts, partRows), slotStep.step(stepped, parts, partRows, -0.5), parts + " parts");
            assertArrayEquals(expected.toDoubleArray(), stepped.toDoubleArray(), 0, parts + " parts");
        }
        NativeArray untouched = random(DataType.FLOAT, slots * width, 7);
        NativeArray stepped = random(DataType.FLOAT, slots * width, 7);
        assertEquals(0, slotStep.step(stepped, 2, new int[] {0, 0}, -0.5)); // no rows, no call
        assertArrayEquals(untouched.toDoubleArray(), stepped.toDoubleArray(), 0);
    }

    @Test
    void aSteppedRowIsItsWeightsPlusAlphaTimesItsRowsSumByHand() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray weights = NativeArray.of(DataType.FLOAT, 1, 1, 2, 2, 3, 3); // 3 slots of 2
        NativeArray dz = NativeArray.of(DataType.FLOAT, 1, 2, 10, 20, 100, 200);
        // one column, slot rows from 5: rows 0 and 2 read slot 2 (sum 101, 202), row 1 slot 0 (10, 20); slot 1 is not read
        SlotStep step = new SlotStep(new NativeArray[] {dz}, new int[][] {{7, 5, 7}}, 0, 1, 5, 3, 2, 3);
        assertEquals(2, step.step(weights, 1, new int[] {3}, -0.5));
        assertArrayEquals(new double[] {1 - 5, 1 - 10, 2, 2, 3 - 50.5, 3 - 101}, weights.toDoubleArray(), 0);
    }

    /** A row reading a slot outside the column names the row and the part, and no slot row moves; the next step is whole. */
    @Test
    void aSlotOutsideTheColumnIsRefusedBeforeAnyRowIsStepped() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray dz = NativeArray.of(DataType.FLOAT, 1, 2, 3, 4, 5, 6, 7, 8);
        int[][] selected = {{5, 6}, {7, 8}}; // part 1's row 1 reads slot 3 of 3
        SlotStep step = new SlotStep(new NativeArray[] {dz.slice(0, 4), dz.slice(4, 4)}, selected, 0, 1, 5, 3, 2, 4);
        NativeArray weights = NativeArray.of(DataType.FLOAT, 0, 0, 0, 0, 0, 0);
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class,
                () -> step.step(weights, 2, new int[] {2, 2}, -1));
        assertEquals("row 1 of part 1 reads slot 3 of categorical column 0, which has 3 slots", outside.getMessage());
        assertArrayEquals(new double[6], weights.toDoubleArray(), 0);
        selected[0][0] = 4; // below the column's first slot, on the first row
        IndexOutOfBoundsException below = assertThrows(IndexOutOfBoundsException.class,
                () -> step.step(weights, 2, new int[] {2, 2}, -1));
        assertEquals("row 0 of part 0 reads slot -1 of categorical column 0, which has 3 slots", below.getMessage());
        selected[0][0] = 5;
        selected[1][1] = 5;
        assertEquals(3, step.step(weights, 2, new int[] {2, 2}, -1)); // slot 0: rows 0 of part 0 and 1 of part 1
        assertArrayEquals(new double[] {-8, -10, -3, -4, -5, -6}, weights.toDoubleArray(), 0);
    }

    /**
     * Columns 1 and 2 of three, with a gap of unread weight rows between them, in one call over two
     * parts: the bits of a call per column; the count is both columns' slots read.
     */
    @Test
    void severalColumnsInOneCallStepAsACallPerColumn() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        int[] firstRows = {10, 25};
        int[] slots = {12, 8};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {3, 64, 300}) {
                int[] partRows = {17, 9};
                NativeArray[] dz = {random(type, 17 * width, 11), random(type, 9 * width, 12)};
                int[][] selected = new int[2][];
                Random random = new Random(width);
                for (int p = 0; p < 2; p++) {
                    selected[p] = new int[partRows[p] * COLUMNS];
                    for (int r = 0; r < partRows[p]; r++) {
                        selected[p][r * COLUMNS] = random.nextInt(10);
                        for (int c = 1; c < COLUMNS; c++) {
                            double u = random.nextDouble();
                            selected[p][r * COLUMNS + c] = firstRows[c - 1] + (int) (slots[c - 1] * u * u);
                        }
                    }
                }
                int rows = firstRows[1] + slots[1] - firstRows[0];
                NativeArray expected = random(type, rows * width, 7);
                int byColumn = 0;
                for (int c = 1; c < COLUMNS; c++) {
                    SlotStep column = new SlotStep(dz, selected, c, COLUMNS, firstRows[c - 1], slots[c - 1], width, 26);
                    byColumn += column.step(expected, (long) (firstRows[c - 1] - firstRows[0]) * width, 2, partRows, -0.3);
                }
                SlotStep both = new SlotStep(dz, selected, COLUMNS, 1, firstRows, slots, width, 26);
                NativeArray stepped = random(type, rows * width, 7);
                assertEquals(byColumn, both.step(stepped, 2, partRows, -0.3));
                assertArrayEquals(expected.toDoubleArray(), stepped.toDoubleArray(), 0, type + ", width " + width);
            }
        }
    }

    /**
     * A slot outside the second column of a call stops it before the first column's rows move, and
     * names the row, the part and the column; the scratch is left clean, so the next step is whole.
     */
    @Test
    void aSlotOutsideALaterColumnLeavesTheEarlierColumnsUnstepped() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray dz = NativeArray.of(DataType.FLOAT, 1, 2, 3, 4, 5, 6);
        // two columns: rows 0-1 (slots 0-1 of column 0), rows 2-4 (column 1); part 0 has 2 rows, part 1 has 1
        int[][] selected = {{0, 2, 1, 4}, {0, 5}};
        SlotStep step = new SlotStep(new NativeArray[] {dz.slice(0, 4), dz.slice(4, 2)}, selected, 2, 0, new int[] {0, 2},
                new int[] {2, 3}, 2, 3);
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, 5 * 2);
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class,
                () -> step.step(weights, 2, new int[] {2, 1}, -1));
        assertEquals("row 0 of part 1 reads slot 3 of categorical column 1, which has 3 slots", outside.getMessage());
        assertArrayEquals(new double[10], weights.toDoubleArray(), 0);
        selected[1][1] = 3;
        // column 0: slot 0 gets rows 0 of part 0 and 0 of part 1 (1 + 5, 2 + 6), slot 1 row 1 (3, 4);
        // column 1: slot 0 (row 2) row 0, slot 2 (row 4) row 1, slot 1 (row 3) row 0 of part 1
        assertEquals(5, step.step(weights, 2, new int[] {2, 1}, -1));
        assertArrayEquals(new double[] {-6, -8, -3, -4, -1, -2, -5, -6, -3, -4}, weights.toDoubleArray(), 0);
    }

    @Test
    void sizesOutsideTheArraysAreRefusedBeforeTheNativeCall() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, 3 * 4);
        NativeArray[] dz = {NativeArray.allocate(DataType.FLOAT, 2 * 4)};
        int[][] selected = {{0, 1}};
        SlotStep step = new SlotStep(dz, selected, 0, 1, 0, 3, 4, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> step.step(weights, 1, new int[] {3}, -0.1)); // dz has 2 rows
        SlotStep shortSlotRows = new SlotStep(new NativeArray[] {NativeArray.allocate(DataType.FLOAT, 8 * 4)}, selected, 0, 1, 0, 3,
                4, 8);
        assertThrows(IndexOutOfBoundsException.class, () -> shortSlotRows.step(weights, 1, new int[] {3}, -0.1)); // 2 slot rows
        assertThrows(IndexOutOfBoundsException.class, () -> step.step(weights, 2, new int[] {1, 1}, -0.1)); // one part
        assertThrows(IndexOutOfBoundsException.class, () -> step.step(weights.slice(0, 8), 1, new int[] {2}, -0.1)); // 2 of 3 slots
        IndexOutOfBoundsException planned = assertThrows(IndexOutOfBoundsException.class, () -> new SlotStep(dz, selected, 0, 1, 0,
                3, 4, 1).step(weights, 1, new int[] {2}, -0.1));
        assertTrue(planned.getMessage().contains("planned for"), planned.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> step.step(NativeArray.allocate(DataType.DOUBLE, 12), 1, new int[] {2}, -0.1));
        assertTrue(mixed.getMessage().contains("DOUBLE"), mixed.getMessage());
        NativeArray table = NativeArray.allocate(DataType.FLOAT, 5 * 4);
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class, () -> new SlotStep(
                new NativeArray[] {table.slice(0, 8)}, selected, 0, 1, 0, 3, 4, 2).step(table.slice(4, 12), 1, new int[] {2}, -0.1));
        assertTrue(shared.getMessage().contains("share memory"), shared.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> new SlotStep(dz, selected, 1, 1, 0, 3, 4, 2)); // no column 1
    }
}
