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
 * Plain SGD's step on all of a layer's categorical columns at once, tile by tile of units: the
 * bits of {@link SlotStep} on each column (itself checked against writing the gradient), over
 * any cut of the units, only the rows read stepped, and a slot outside its column refused before
 * any row moves. The build runs this class again with DENSE4J_VECTOR_BYTES=16.
 */
class SlotTilesTest {
    /** Three columns' slots follow 4 rows of numbers' weights, with a gap of 2 rows after the first column and one after the last: an odd span of 47 rows. */
    private static final int[] FIRST_ROWS = {4, 17, 22};
    private static final int[] SLOTS = {11, 5, 29};
    private static final int WEIGHT_ROWS = 52;

    /** Slot rows [rows, 3], skewed so that some slots get many rows and some none. */
    private static int[] slotRows(int rows, long seed) {
        Random random = new Random(seed);
        int[] selected = new int[rows * FIRST_ROWS.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < FIRST_ROWS.length; c++) {
                double u = random.nextDouble();
                selected[r * FIRST_ROWS.length + c] = FIRST_ROWS[c] + (int) (SLOTS[c] * u * u);
            }
        }
        return selected;
    }

    /** The weights seeded 9, each column stepped by {@link SlotStep}; returns the slot rows stepped in all. */
    private static int steppedByColumn(NativeArray weights, NativeArray[] dz, int[][] selected, int parts, int[] partRows,
                                       int width, int capacity, double alpha) {
        int stepped = 0;
        for (int c = 0; c < FIRST_ROWS.length; c++) {
            SlotStep column = new SlotStep(dz, selected, c, FIRST_ROWS.length, FIRST_ROWS[c], SLOTS[c], width, capacity);
            stepped += column.step(weights, (long) FIRST_ROWS[c] * width, parts, partRows, alpha);
        }
        return stepped;
    }

    /**
     * Three parts, both element types, widths below, at and across tiles with vector tails, the
     * units stepped whole or cut into ranges of any size: the bits of stepping column by column,
     * the rows no row read and the numbers' rows left alone, the count the rows read.
     */
    @Test
    void steppingTileByTileEqualsSteppingColumnByColumn() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {1, 7, 32, 64, 100, 256, 300}) {
                int[] partRows = {40, 3, 25}; // fewer than the arrays hold
                NativeArray[] dz = {random(type, 41 * width, 1), random(type, 3 * width, 2), random(type, 30 * width, 3)};
                int[][] selected = {slotRows(41, width), slotRows(3, width + 1), slotRows(30, width + 2)};
                double alpha = -0.37;
                NativeArray expected = random(type, WEIGHT_ROWS * width, 9);
                int read = steppedByColumn(expected, dz, selected, 3, partRows, width, 80, alpha);

                SlotTiles tiles = new SlotTiles(dz, selected, FIRST_ROWS, SLOTS, width, 80, 2);
                NativeArray whole = random(type, WEIGHT_ROWS * width, 9);
                assertEquals(read, tiles.list(3, partRows));
                tiles.step(whole, 0, 0, 0, width, alpha);
                assertArrayEquals(expected.toDoubleArray(), whole.toDoubleArray(), 0, type + ", width " + width);

                for (int cut : new int[] {1, 5, 16, 64}) { // any cut, either set of sums: the same bits; the scratch is left as found
                    NativeArray inRanges = random(type, WEIGHT_ROWS * width, 9);
                    assertEquals(read, tiles.list(3, partRows));
                    for (int from = 0, set = 0; from < width; from += cut, set = 1 - set) {
                        tiles.step(inRanges, 0, set, from, Math.min(from + cut, width), alpha);
                    }
                    assertArrayEquals(expected.toDoubleArray(), inRanges.toDoubleArray(), 0, type + ", width " + width + " in "
                            + cut + "s");
                }
            }
        }
    }

    @Test
    void aSteppedRowIsItsWeightsPlusAlphaTimesItsRowsSumByHand() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        // a layer of 5 weight rows of 2 units: row 0 a number's, column 0 slots in rows 1-2, column 1 in rows 3-4
        NativeArray weights = NativeArray.of(DataType.DOUBLE, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        NativeArray dz = NativeArray.of(DataType.DOUBLE, 1, 2, 10, 20, 100, 200);
        // rows 0 and 2 read rows 2 and 3, row 1 reads rows 2 and 4: row 2 sums all three, row 1 none
        SlotTiles tiles = new SlotTiles(new NativeArray[] {dz}, new int[][] {{2, 3, 2, 4, 2, 3}}, new int[] {1, 3}, new int[] {2, 2},
                2, 3, 1);
        assertEquals(3, tiles.list(1, new int[] {3}));
        tiles.step(weights, 0, 0, 0, 2, -0.5);
        assertArrayEquals(new double[] {1, 1, 2, 2, 3 - 55.5, 3 - 111, 4 - 50.5, 4 - 101, 5 - 5, 5 - 10}, weights.toDoubleArray(), 0);
    }

    /** A slot outside its column names the row, part and column, and no row moves; the next step is whole. */
    @Test
    void aSlotOutsideItsColumnIsRefusedBeforeAnyRowIsStepped() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        int width = 3;
        NativeArray[] dz = {random(DataType.FLOAT, 4 * width, 1), random(DataType.FLOAT, 4 * width, 2)};
        int[][] selected = {slotRows(4, 1), slotRows(4, 2)};
        SlotTiles tiles = new SlotTiles(dz, selected, FIRST_ROWS, SLOTS, width, 8, 1);
        NativeArray weights = random(DataType.FLOAT, WEIGHT_ROWS * width, 9);
        double[] before = weights.toDoubleArray();
        IllegalStateException unlisted = assertThrows(IllegalStateException.class, () -> tiles.step(weights, 0, 0, 0, width, -1));
        assertTrue(unlisted.getMessage().contains("listed"), unlisted.getMessage());
        int kept = selected[1][2 * 3 + 1];
        selected[1][2 * 3 + 1] = FIRST_ROWS[1] + SLOTS[1]; // part 1's row 2 reads the gap after column 1, not its slots
        IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> tiles.list(2, new int[] {4, 4}));
        assertEquals("row 2 of part 1 reads weight row 22 for categorical column 1, outside the column's slots", outside.getMessage());
        tiles.step(weights, 0, 0, 0, width, -1); // nothing listed: nothing moves
        assertArrayEquals(before, weights.toDoubleArray(), 0);
        selected[1][2 * 3 + 1] = kept;
        NativeArray expected = random(DataType.FLOAT, WEIGHT_ROWS * width, 9);
        int read = steppedByColumn(expected, dz, selected, 2, new int[] {4, 4}, width, 8, -1);
        assertEquals(read, tiles.list(2, new int[] {4, 4}));
        tiles.step(weights, 0, 0, 0, width, -1);
        assertArrayEquals(expected.toDoubleArray(), weights.toDoubleArray(), 0);
    }

    @Test
    void sizesOutsideTheArraysAreRefusedBeforeTheNativeCall() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        int width = 4;
        NativeArray[] dz = {NativeArray.allocate(DataType.FLOAT, 2 * width)};
        int[][] selected = {slotRows(2, 1)};
        SlotTiles tiles = new SlotTiles(dz, selected, FIRST_ROWS, SLOTS, width, 2, 1);
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, WEIGHT_ROWS * width);
        assertThrows(IndexOutOfBoundsException.class, () -> tiles.list(1, new int[] {3})); // 2 rows
        assertThrows(IndexOutOfBoundsException.class, () -> tiles.list(2, new int[] {1, 1})); // one part
        IndexOutOfBoundsException planned = assertThrows(IndexOutOfBoundsException.class,
                () -> new SlotTiles(dz, selected, FIRST_ROWS, SLOTS, width, 1, 1).list(1, new int[] {2}));
        assertTrue(planned.getMessage().contains("planned for"), planned.getMessage());
        tiles.list(1, new int[] {2});
        assertThrows(IndexOutOfBoundsException.class, () -> tiles.step(weights, 0, 0, 0, width + 1, -0.1));
        assertThrows(IndexOutOfBoundsException.class, () -> tiles.step(weights, 2L * width, 0, 0, width, -0.1)); // past the end
        assertThrows(IndexOutOfBoundsException.class, () -> tiles.step(weights, 0, 1, 0, width, -0.1)); // one set of sums
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> tiles.step(NativeArray.allocate(DataType.DOUBLE, WEIGHT_ROWS * width), 0, 0, 0, width, -0.1));
        assertTrue(mixed.getMessage().contains("DOUBLE"), mixed.getMessage());
        NativeArray table = NativeArray.allocate(DataType.FLOAT, WEIGHT_ROWS * width);
        SlotTiles sharing = new SlotTiles(new NativeArray[] {table.slice(20 * width, 2 * width)}, selected, FIRST_ROWS, SLOTS, width,
                2, 1);
        sharing.list(1, new int[] {2});
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class, () -> sharing.step(table, 0, 0, 0, width, -0.1));
        assertTrue(shared.getMessage().contains("share memory"), shared.getMessage());
        IllegalArgumentException overlapping = assertThrows(IllegalArgumentException.class,
                () -> new SlotTiles(dz, selected, new int[] {4, 10, 22}, SLOTS, width, 2, 1)); // column 0's 11 rows run past 10
        assertTrue(overlapping.getMessage().contains("follow one another"), overlapping.getMessage());
    }

    private static int rowsRead(int[][] selected, int parts, int[] partRows) {
        Set<Integer> read = new HashSet<>();
        for (int p = 0; p < parts; p++) {
            for (int r = 0; r < partRows[p] * FIRST_ROWS.length; r++) {
                read.add(selected[p][r]);
            }
        }
        return read.size();
    }

    /** The count returned is the weight rows the rows read, over every column. */
    @Test
    void theCountIsTheWeightRowsRead() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        int width = 70;
        NativeArray[] dz = {random(DataType.FLOAT, 50 * width, 4)};
        int[][] selected = {slotRows(50, 5)};
        SlotTiles tiles = new SlotTiles(dz, selected, FIRST_ROWS, SLOTS, width, 50, 1);
        for (int rows : new int[] {50, 7, 1, 0, 50}) { // each listing clears the one before
            assertEquals(rowsRead(selected, 1, new int[] {rows}), tiles.list(1, new int[] {rows}), rows + " rows");
        }
    }
}
