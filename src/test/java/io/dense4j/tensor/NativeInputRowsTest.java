package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The native input-row loops give {@link InputRows}' values, refuse the same cells, and check sizes before the call. */
class NativeInputRowsTest {
    private static final int WIDTH = 23;
    private static final int[] CODES = {0, 5, 11, 22};
    private static final int[] LIMITS = {3, 102, 1, 7};
    private static final int[] OFFSETS = {0, 3, 105, 106};

    private static int[] numberColumns() {
        return IntStream.range(0, WIDTH).filter(j -> Arrays.stream(CODES).noneMatch(c -> c == j)).toArray();
    }

    /** Rows of numbers with good codes in the code columns. */
    private static NativeArray rows(DataType type, int rows, long seed) {
        Random random = new Random(seed);
        NativeArray raw = NativeArray.allocate(type, rows * WIDTH);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < WIDTH; j++) {
                int c = Arrays.binarySearch(CODES, j);
                raw.set(r * WIDTH + j, c >= 0 ? random.nextInt(LIMITS[c]) : random.nextGaussian() * 1e3);
            }
        }
        return raw;
    }

    @Test
    void packsTheNumbersAndReadsTheCodesAsTheJavaLoopsDo() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rows : new int[] {0, 1, 37}) {
                NativeArray raw = rows(type, Math.max(rows, 1), rows);
                int[] numbers = numberColumns();
                NativeArray expected = NativeArray.allocate(type, Math.max(rows, 1) * numbers.length);
                NativeArray packed = NativeArray.allocate(type, Math.max(rows, 1) * numbers.length);
                InputRows.gatherColumns(raw, WIDTH, numbers, expected, rows);
                NativeInputRows.gatherColumns(raw, WIDTH, numbers, packed, rows);
                assertArrayEquals(expected.toDoubleArray(), packed.toDoubleArray(), 0, type + ", " + rows + " rows");

                int[] javaSlots = new int[rows * CODES.length];
                int[] nativeSlots = new int[rows * CODES.length];
                assertEquals(-1, InputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, OFFSETS, rows, javaSlots));
                assertEquals(-1, NativeInputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, OFFSETS, rows, nativeSlots));
                assertArrayEquals(javaSlots, nativeSlots, type + ", " + rows + " rows");
            }
        }
    }

    /**
     * Each cell that is not a code, put alone into row 2 of column 5 (102 slots): both loops stop
     * at the same cell, 2 · 4 + 1, and agree on the weight rows before it; −0 reads as code 0.
     */
    @Test
    void refusesTheCellsTheJavaLoopRefuses() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        double[] cells = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1, -0.5, 0.5, 101.5, 102, 1e10, -1e10,
                3e9, Integer.MAX_VALUE, Integer.MIN_VALUE, 16_777_217, -0.0, 0, 101};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (double cell : cells) {
                NativeArray raw = rows(type, 4, 9);
                raw.set(2 * WIDTH + 5, cell);
                int[] javaSlots = new int[4 * CODES.length];
                int[] nativeSlots = new int[4 * CODES.length];
                int javaBad = InputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, OFFSETS, 4, javaSlots);
                int nativeBad = NativeInputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, OFFSETS, 4, nativeSlots);
                String what = type + ", " + cell;
                boolean code = cell == 0 || cell == 101;
                assertEquals(code ? -1 : 2 * CODES.length + 1, javaBad, what);
                assertEquals(javaBad, nativeBad, what);
                int agreed = javaBad < 0 ? javaSlots.length : javaBad;
                assertArrayEquals(Arrays.copyOf(javaSlots, agreed), Arrays.copyOf(nativeSlots, agreed), what);
            }
        }
    }

    /**
     * A float column of 2^24 + 1 slots: its last code, 2^24, is a float, while the limit is not
     * (it rounds to 2^24). Both loops take the code, comparing the limit exactly.
     */
    @Test
    void aFloatCodeNearALimitPast2To24IsTakenByBoth() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray raw = NativeArray.of(DataType.FLOAT, 16_777_216, 16_777_215);
        int[] limits = {16_777_217};
        int[] offsets = {5};
        int[] javaSlots = new int[2];
        int[] nativeSlots = new int[2];
        assertEquals(-1, InputRows.readSlotRows(raw, 1, new int[] {0}, limits, offsets, 2, javaSlots));
        assertEquals(-1, NativeInputRows.readSlotRows(raw, 1, new int[] {0}, limits, offsets, 2, nativeSlots));
        assertArrayEquals(new int[] {16_777_221, 16_777_220}, nativeSlots);
        assertArrayEquals(javaSlots, nativeSlots);
    }

    @Test
    void sizesOutsideTheArraysAreRefusedBeforeTheNativeCall() {
        assumeTrue(NativeKernels.enabled(), "dense4j's native library is not loaded here");
        NativeArray raw = rows(DataType.FLOAT, 2, 1);
        NativeArray packed = NativeArray.allocate(DataType.FLOAT, 2 * WIDTH);
        int[] slots = new int[2 * CODES.length];
        assertThrows(IndexOutOfBoundsException.class, () -> NativeInputRows.gatherColumns(raw, WIDTH, new int[] {WIDTH}, packed, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeInputRows.gatherColumns(raw, WIDTH, numberColumns(), packed, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeInputRows.gatherColumns(raw, WIDTH, numberColumns(),
                NativeArray.allocate(DataType.FLOAT, 10), 2));
        assertThrows(IllegalArgumentException.class, () -> NativeInputRows.gatherColumns(raw, WIDTH, numberColumns(),
                NativeArray.allocate(DataType.DOUBLE, 2 * WIDTH), 2));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeInputRows.readSlotRows(raw, WIDTH, new int[] {-1, 5, 11, 22},
                LIMITS, OFFSETS, 2, slots));
        assertThrows(IndexOutOfBoundsException.class, () -> NativeInputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, OFFSETS, 2,
                new int[7]));
        assertThrows(IllegalArgumentException.class, () -> NativeInputRows.readSlotRows(raw, WIDTH, CODES, new int[] {3}, OFFSETS,
                2, slots));
        assertThrows(IllegalArgumentException.class, () -> NativeInputRows.readSlotRows(raw, WIDTH, CODES, LIMITS, new int[] {0, 3},
                2, slots));
        assertThrows(IllegalArgumentException.class, () -> NativeInputRows.readSlotRows(raw, WIDTH, CODES, LIMITS,
                new int[] {0, 3, 105, Integer.MAX_VALUE - 6}, 2, slots)); // its codes 0 to 6 would overflow
        assertThrows(IllegalArgumentException.class, () -> NativeInputRows.gatherColumns(raw, WIDTH, numberColumns(), packed, -1));
    }
}
