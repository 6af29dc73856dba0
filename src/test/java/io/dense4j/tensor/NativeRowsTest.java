package io.dense4j.tensor;

import static io.dense4j.tensor.GaussianArrays.random;
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
}
