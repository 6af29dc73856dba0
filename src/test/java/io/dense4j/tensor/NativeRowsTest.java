package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** A batch's rows added in one native call: the same bits as one BLAS call (or Java loop) per row, and indices checked first. */
class NativeRowsTest {
    private static final int COLUMNS = 3;

    private static NativeArray random(DataType type, int length, long seed) {
        Random random = new Random(seed);
        NativeArray array = NativeArray.allocate(type, length);
        for (int i = 0; i < length; i++) {
            array.set(i, random.nextGaussian());
        }
        return array;
    }

    /** Slot rows with repeats, so that scatters add into one row several times. */
    private static int[] slotRows(int rows, int tableRows, long seed) {
        Random random = new Random(seed);
        int[] slots = new int[rows * COLUMNS];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = random.nextInt(Math.min(tableRows, 5 + i % 7));
        }
        return slots;
    }

    /** The build runs this class again with DENSE4J_VECTOR_BYTES=16, so that the loops of machines without AVX2 are checked too. */
    @Test
    void sumsInTheVectorsAskedFor() {
        if (!NativeKernels.enabled()) {
            return;
        }
        int bytes = NativeRows.vectorBytes();
        String asked = System.getenv("DENSE4J_VECTOR_BYTES");
        assertTrue(bytes == 16 || bytes == 32 || bytes == 64, bytes + " bytes");
        if (asked != null && asked.matches("16|32|64")) {
            assertTrue(bytes <= Integer.parseInt(asked), bytes + " bytes, " + asked + " asked");
        }
    }

    @Test
    void gatherAndScatterAddWhatARowAtATimeAdds() {
        if (!NativeKernels.enabled()) {
            return; // nothing native to compare on this platform: callers add row by row
        }
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {1, 7, 64, 255, 256, 300}) { // a Java loop below 64, axpy from 64; vector tails
                int rows = 37;
                int tableRows = 11;
                int[] slots = slotRows(rows, tableRows, width);
                NativeArray table = random(type, tableRows * width, 1);
                NativeArray batch = random(type, rows * width, 2);

                NativeArray gatheredNatively = random(type, rows * width, 3);
                NativeArray gatheredByRows = random(type, rows * width, 3);
                NativeRows.gather(table, gatheredNatively, slots, rows, COLUMNS, width);
                RowAdder gather = new RowAdder(table, gatheredByRows, width);
                for (int row = 0, at = 0; row < rows; row++) {
                    for (int c = 0; c < COLUMNS; c++, at++) {
                        gather.add(slots[at], row);
                    }
                }
                assertArrayEquals(gatheredByRows.toDoubleArray(), gatheredNatively.toDoubleArray(), 0, type + ", width " + width);

                for (int[] range : new int[][] {{0, COLUMNS}, {1, 2}, {1, COLUMNS}, {2, 2}}) {
                    NativeArray scatteredNatively = random(type, tableRows * width, 4);
                    NativeArray scatteredByRows = random(type, tableRows * width, 4);
                    NativeRows.scatter(batch, scatteredNatively, slots, rows, COLUMNS, range[0], range[1], width);
                    RowAdder scatter = new RowAdder(batch, scatteredByRows, width);
                    for (int row = 0; row < rows; row++) {
                        for (int c = range[0]; c < range[1]; c++) {
                            scatter.add(row, slots[row * COLUMNS + c]);
                        }
                    }
                    String what = type + ", width " + width + ", columns " + range[0] + " to " + range[1];
                    assertArrayEquals(scatteredByRows.toDoubleArray(), scatteredNatively.toDoubleArray(), 0, what);
                }
            }
        }
    }

    /** A block's rows 1 and 5 listed and cleared, with the property {@code nativeRows} set as given: the block after. */
    private static double[] clearListed(DataType type, int width, String nativeRows) {
        String before = System.getProperty("dense4j.native");
        System.setProperty("dense4j.native", nativeRows);
        try {
            int tableRows = 9;
            NativeArray values = NativeArray.allocate(type, tableRows * width);
            NonzeroRows some = new NonzeroRows(values, 0, tableRows, width);
            some.clear(); // nothing listed yet: the whole block zeroed, and the rows listed from here on
            values.copyFrom(random(type, tableRows * width, 8), 0, 0, tableRows * width);
            some.add(1);
            some.add(5);
            some.clear();
            return values.toDoubleArray();
        } finally {
            if (before == null) {
                System.clearProperty("dense4j.native");
            } else {
                System.setProperty("dense4j.native", before);
            }
        }
    }

    @Test
    void listedRowsAreClearedAsRowByRowAndNoOthers() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {3, 256}) {
                double[] byRow = clearListed(type, width, "false");
                double[] natively = clearListed(type, width, "true");
                assertArrayEquals(byRow, natively, 0, type + ", width " + width);
                double[] before = random(type, 9 * width, 8).toDoubleArray();
                for (int row = 0; row < 9; row++) {
                    for (int j = 0; j < width; j++) {
                        int at = row * width + j;
                        assertEquals(row == 1 || row == 5 ? 0 : before[at], natively[at], 0, "row " + row);
                    }
                }
            }
        }
    }

    @Test
    void turningTheLibraryOffAppliesToWhatIsBuiltLater() {
        if (!NativeKernels.enabled()) {
            return;
        }
        NativeArray values = random(DataType.FLOAT, 4 * 3, 9);
        NonzeroRows rows = new NonzeroRows(values, 0, 4, 3); // built with the library on
        rows.clear();
        rows.add(2);
        System.setProperty("dense4j.native", "false");
        try {
            assertEquals(false, NativeKernels.enabled());
            values.set(7, 5);
            rows.clear(); // still through the library, without complaint
            assertEquals(0, values.get(7), 0);
        } finally {
            System.clearProperty("dense4j.native");
        }
    }

    @Test
    void aGatheredRowIsTheSumOfItsSlotsRowsByHand() {
        if (!NativeKernels.enabled()) {
            return;
        }
        NativeArray table = NativeArray.of(DataType.FLOAT, 1, 2, 10, 20, 100, 200); // 3 rows of 2
        NativeArray out = NativeArray.of(DataType.FLOAT, 0.5, 0.5, 0, 0);
        NativeRows.gather(table, out, new int[] {0, 2, 2, 1, 1, 1}, 2, COLUMNS, 2);
        assertArrayEquals(new double[] {201.5, 402.5, 30, 60}, out.toDoubleArray(), 0);
        NativeArray gradients = NativeArray.of(DataType.FLOAT, 0, 0, 0, 0, 0, 0);
        NativeRows.scatter(NativeArray.of(DataType.FLOAT, 1, -1, 4, 8), gradients, new int[] {0, 2, 2, 1, 1, 1}, 2, COLUMNS, 0,
                COLUMNS, 2);
        assertArrayEquals(new double[] {1, -1, 12, 24, 2, -2}, gradients.toDoubleArray(), 0);
        gradients.zero(6);
        NativeRows.scatter(NativeArray.of(DataType.FLOAT, 1, -1, 4, 8), gradients, new int[] {0, 2, 2, 1, 1, 1}, 2, COLUMNS, 1,
                COLUMNS, 2); // columns 1 and 2 only: row 0 adds into slots 2 and 2, row 1 into 1 and 1
        assertArrayEquals(new double[] {0, 0, 8, 16, 2, -2}, gradients.toDoubleArray(), 0);
    }

    @Test
    void anIndexOutsideTheTableOrABatchOutsideItsArrayIsRefusedBeforeTheNativeCall() {
        if (!NativeKernels.enabled()) {
            return;
        }
        NativeArray table = NativeArray.allocate(DataType.FLOAT, 3 * 4);
        NativeArray out = NativeArray.allocate(DataType.FLOAT, 2 * 4);
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.gather(table, out, new int[] {0, 1, 3, 0, 0, 0}, 2, COLUMNS, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.gather(table, out, new int[] {0, 1, -1, 0, 0, 0}, 2, COLUMNS, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.scatter(out, table, new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0}, 3,
                COLUMNS, 0, COLUMNS, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.scatter(out, table, new int[] {0, 0, 9, 0, 0, 0}, 2,
                COLUMNS, 2, COLUMNS, 4)); // an index in the range's column
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.scatter(out, table, new int[] {0, 0, 0, 0, 0, 0}, 2,
                COLUMNS, 2, COLUMNS + 1, 4)); // a range past the columns
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.gather(table, out, new int[] {0, 0, 0}, 2, COLUMNS, 4));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> NativeRows.gather(table,
                NativeArray.allocate(DataType.DOUBLE, 8), new int[] {0, 0, 0, 0, 0, 0}, 2, COLUMNS, 4));
        assertTrue(mixed.getMessage().contains("one element type"), mixed.getMessage());
    }

    /**
     * Plain SGD's step on unsummed rows equals writing the gradient (a zeroed row, then each source
     * row added in order) and stepping it by a scale and an axpy of 1, bit for bit; rows from two
     * sources, groups of one to many rows, vector tails; the rows no group names are left alone.
     */
    @Test
    void steppingUnsummedRowsEqualsWritingTheGradientThenScalingAndAddingIt() {
        if (!NativeKernels.enabled()) {
            return;
        }
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int width : new int[] {1, 7, 64, 255, 256, 300}) {
                int tableRows = 9;
                NativeArray[] sources = {random(type, 20 * width, 5), random(type, 13 * width, 6)};
                Random random = new Random(width);
                int entries = 33;
                int[] entryParts = new int[entries];
                int[] entryRows = new int[entries];
                for (int k = 0; k < entries; k++) {
                    entryParts[k] = k < 21 ? 0 : 1;
                    entryRows[k] = random.nextInt(entryParts[k] == 0 ? 20 : 13);
                }
                int[] groupStarts = {0, 1, 9, 10, 30, 33}; // groups of 1, 8, 1, 20 and 3 entries
                int[] targetRows = {4, 0, 8, 2, 7};
                double alpha = -0.37;

                NativeArray stepped = random(type, tableRows * width, 7);
                NativeArray expected = random(type, tableRows * width, 7);
                NativeArray gradient = NativeArray.allocate(type, tableRows * width);
                RowAdder[] adders = {new RowAdder(sources[0], gradient, width), new RowAdder(sources[1], gradient, width)};
                for (int g = 0; g < targetRows.length; g++) {
                    for (int k = groupStarts[g]; k < groupStarts[g + 1]; k++) {
                        adders[entryParts[k]].add(entryRows[k], targetRows[g]);
                    }
                }
                RowAdder step = new RowAdder(gradient, expected, width);
                for (int row : targetRows) {
                    step.scaleThenAdd(alpha, row);
                }
                NativeRows.stepRows(stepped, sources, entryParts, entryRows, groupStarts, targetRows, targetRows.length, width, alpha,
                        new long[entries]);
                assertArrayEquals(expected.toDoubleArray(), stepped.toDoubleArray(), 0, type + ", width " + width);
                NativeArray untouched = random(type, tableRows * width, 7);
                for (int row : new int[] {1, 3, 5, 6}) {
                    for (int j = 0; j < width; j++) {
                        assertEquals(untouched.get(row * width + j), stepped.get(row * width + j), 0, "row " + row + " is no group's");
                    }
                }
            }
        }
    }

    @Test
    void aSteppedRowIsItsWeightsPlusAlphaTimesItsRowsSumByHand() {
        if (!NativeKernels.enabled()) {
            return;
        }
        NativeArray weights = NativeArray.of(DataType.FLOAT, 1, 1, 2, 2, 3, 3); // 3 rows of 2
        NativeArray dz = NativeArray.of(DataType.FLOAT, 1, 2, 10, 20, 100, 200);
        // slot 2 sums dz rows 0 and 2 (101, 202), slot 0 sums row 1 (10, 20); slot 1 is not read
        NativeRows.stepRows(weights, new NativeArray[] {dz}, new int[] {0, 0, 0}, new int[] {0, 2, 1}, new int[] {0, 2, 3},
                new int[] {2, 0}, 2, 2, -0.5, new long[3]);
        assertArrayEquals(new double[] {1 - 5, 1 - 10, 2, 2, 3 - 50.5, 3 - 101}, weights.toDoubleArray(), 0);
    }

    @Test
    void aSteppedRowOrASourceRowOutsideItsArrayOrGroupsOutOfOrderAreRefusedBeforeTheNativeCall() {
        if (!NativeKernels.enabled()) {
            return;
        }
        NativeArray weights = NativeArray.allocate(DataType.FLOAT, 3 * 4);
        NativeArray[] dz = {NativeArray.allocate(DataType.FLOAT, 2 * 4)};
        int[] parts = {0, 0};
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.stepRows(weights, dz, parts, new int[] {0, 1},
                new int[] {0, 2}, new int[] {3}, 1, 4, -0.1, new long[2])); // no row 3
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.stepRows(weights, dz, parts, new int[] {0, 2},
                new int[] {0, 2}, new int[] {1}, 1, 4, -0.1, new long[2])); // dz has no row 2
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.stepRows(weights, dz, parts, new int[] {0, 1},
                new int[] {0, 3}, new int[] {1}, 1, 4, -0.1, new long[2])); // 3 entries, 2 given
        assertThrows(IndexOutOfBoundsException.class, () -> NativeRows.stepRows(weights, dz, new int[] {0, 1}, new int[] {0, 1},
                new int[] {0, 2}, new int[] {1}, 1, 4, -0.1, new long[2])); // no part 1
        IllegalArgumentException order = assertThrows(IllegalArgumentException.class, () -> NativeRows.stepRows(weights, dz, parts,
                new int[] {0, 1}, new int[] {0, 2, 1}, new int[] {1, 2}, 2, 4, -0.1, new long[2]));
        assertTrue(order.getMessage().contains("group 1"), order.getMessage());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> NativeRows.stepRows(weights,
                new NativeArray[] {NativeArray.allocate(DataType.DOUBLE, 8)}, parts, new int[] {0, 1}, new int[] {0, 2},
                new int[] {1}, 1, 4, -0.1, new long[2]));
        assertTrue(mixed.getMessage().contains("one element type"), mixed.getMessage());
        NativeArray table = NativeArray.allocate(DataType.FLOAT, 5 * 4);
        IllegalArgumentException shared = assertThrows(IllegalArgumentException.class, () -> NativeRows.stepRows(table.slice(8, 12),
                new NativeArray[] {table.slice(0, 12)}, parts, new int[] {0, 1}, new int[] {0, 2}, new int[] {1}, 1, 4, -0.1,
                new long[2]));
        assertTrue(shared.getMessage().contains("share memory"), shared.getMessage());
    }
}
