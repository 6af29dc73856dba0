package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class NonzeroRowsTest {

    /** An array of 2 + 4 × 3 + 1 elements, every one 7: the block is rows of 3 from element 2. */
    private static NativeArray sevens() {
        NativeArray values = NativeArray.allocate(DataType.FLOAT, 15);
        values.fill(7);
        return values;
    }

    @Test
    void aBlockNotYetKnownIsZeroedWholeAndOnlyItsBlock() {
        NativeArray values = sevens();
        NonzeroRows rows = new NonzeroRows(values, 2, 4, 3);
        assertFalse(rows.known());
        rows.clear();
        assertTrue(rows.known());
        assertEquals(0, rows.count());
        assertArrayEquals(new double[] {7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, values.toDoubleArray());
    }

    @Test
    void clearZeroesAFewListedRowsAndNoOthers() {
        NativeArray values = NativeArray.allocate(DataType.FLOAT, 2 + 8 * 3 + 1);
        NonzeroRows rows = new NonzeroRows(values, 2, 8, 3);
        rows.clear();
        values.fill(7); // rows 3 and 5 written as a backward pass writes them, the others too (which clear must then keep)
        rows.add(5);
        rows.add(3);
        rows.add(5);
        assertEquals(2, rows.count(), "a row is listed once");
        assertEquals(5, rows.row(0));
        assertEquals(3, rows.row(1));
        assertTrue(rows.few(), "2 rows of 8");
        rows.clear();
        double[] expected = new double[27];
        java.util.Arrays.fill(expected, 7);
        java.util.Arrays.fill(expected, 2 + 3 * 3, 2 + 4 * 3, 0);
        java.util.Arrays.fill(expected, 2 + 5 * 3, 2 + 6 * 3, 0);
        assertArrayEquals(expected, values.toDoubleArray());
        rows.add(3);
        assertEquals(1, rows.count(), "cleared rows can be listed again");
    }

    @Test
    void moreThanHalfTheRowsAreClearedWithTheWholeBlock() {
        NativeArray values = sevens();
        NonzeroRows rows = new NonzeroRows(values, 2, 4, 3);
        rows.clear();
        values.fill(7);
        rows.add(1);
        rows.add(2);
        assertTrue(rows.few(), "2 rows of 4");
        rows.add(0);
        assertFalse(rows.few(), "3 rows of 4");
        rows.clear();
        assertArrayEquals(new double[] {7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, values.toDoubleArray());
    }

    @Test
    void afterForgetAnyRowMayBeNonzero() {
        NativeArray values = sevens();
        NonzeroRows rows = new NonzeroRows(values, 2, 4, 3);
        rows.clear();
        rows.add(2);
        values.fill(7); // a penalty added to every weight, say
        rows.forget();
        assertFalse(rows.known());
        rows.clear();
        assertArrayEquals(new double[] {7, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7}, values.toDoubleArray());
        rows.add(0);
        assertEquals(1, rows.count(), "clear after forget unlists every row");
    }

    @Test
    void theStretchesOutsideTheBlocksLeaveOutEmptyOnes() {
        NativeArray values = NativeArray.allocate(DataType.FLOAT, 40);
        NonzeroRows first = new NonzeroRows(values, 0, 2, 5); // [0, 10)
        NonzeroRows second = new NonzeroRows(values, 14, 3, 4); // [14, 26)
        java.util.List<long[]> stretches = NonzeroRows.stretchesOutside(java.util.List.of(first, second), 40);
        assertEquals(2, stretches.size());
        assertArrayEquals(new long[] {10, 14}, stretches.get(0));
        assertArrayEquals(new long[] {26, 40}, stretches.get(1));
        assertEquals(1, NonzeroRows.stretchesOutside(java.util.List.of(second), 26).size(), "only [0, 14) before it");
    }
}
