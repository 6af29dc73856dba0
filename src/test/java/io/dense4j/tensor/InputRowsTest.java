package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;

/** The input rows' kernels against values worked out by hand, in float32 and float64. */
class InputRowsTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gathersColumnsStandardizesRowsAndReadsCheckedCodes(DataType type) {
        // 2 rows of 4: columns 1 and 3 are numbers, 0 and 2 codes
        NativeArray raw = NativeArray.of(type, 2, 1.5, 0, -4, 1, 3.5, 7, 8);
        NativeArray packed = NativeArray.allocate(type, 4);
        InputRows.gatherColumns(raw, 4, new int[] {1, 3}, packed, 2);
        assertArrayEquals(new double[] {1.5, -4, 3.5, 8}, packed.toDoubleArray());
        // (x − μ)·s with μ = (0.5, −2), s = (2, 0.25): (1.5 − 0.5)·2 = 2, (−4 + 2)·0.25 = −0.5, 6, 2.5
        InputRows.standardizeRows(packed, 2, 2, NativeArray.of(type, 0.5, -2), NativeArray.of(type, 2, 0.25));
        assertArrayEquals(new double[] {2, -0.5, 6, 2.5}, packed.toDoubleArray());
        int[] slotRows = new int[4];
        // column 0 has 3 slots from weight row 10, column 2 has 5 from row 13: codes 2, 0 and 1 select
        // rows 12, 13 and 11; 7, past column 2's 5 slots, is the first bad cell, index 3
        assertEquals(3, InputRows.readSlotRows(raw, 4, new int[] {0, 2}, new int[] {3, 5}, new int[] {10, 13}, 2, slotRows));
        assertArrayEquals(new int[] {12, 13, 11}, java.util.Arrays.copyOf(slotRows, 3));
        NativeArray good = NativeArray.of(type, 2, 1.5, 4, -4, 0, 3.5, 1, 8);
        assertEquals(-1, InputRows.readSlotRows(good, 4, new int[] {0, 2}, new int[] {3, 5}, new int[] {10, 13}, 2, slotRows));
        assertArrayEquals(new int[] {12, 17, 10, 14}, slotRows);
        // a fraction, then a negative: each the first bad cell of its row
        assertEquals(0, InputRows.readSlotRows(NativeArray.of(type, 1.5, 0), 2, new int[] {0, 1}, new int[] {3, 3},
                new int[] {0, 3}, 1, slotRows));
        assertEquals(1, InputRows.readSlotRows(NativeArray.of(type, 1, -1), 2, new int[] {0, 1}, new int[] {3, 3},
                new int[] {0, 3}, 1, slotRows));
    }
}
