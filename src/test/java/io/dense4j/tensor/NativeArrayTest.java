package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class NativeArrayTest {

    @Test
    void zeroClearsExactlyTheRangeGiven() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            NativeArray values = NativeArray.allocate(type, 3_000);
            values.fill(2.5);
            values.zero(7, 2_500);
            for (int i = 0; i < values.length(); i++) {
                assertEquals(i >= 7 && i < 2_507 ? 0 : 2.5, values.get(i), type + " element " + i);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> values.zero(2_990, 11), type + ": past the end");
        }
    }

    /**
     * Every array starts on a 64-byte boundary, though ND4J's buffers start on 16 bytes, and starts
     * zero; a copy holds its source, and its view and slices see the copy's run alone.
     */
    @Test
    void arraysStartOnACacheLineAndACopyHoldsItsSourceAlone() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int i = 0; i < 40; i++) {
                int length = 1 + 37 * i;
                NativeArray array = NativeArray.allocate(type, length);
                assertEquals(0, array.address() % NativeArray.ALIGNMENT, type + ", " + length + " elements");
                assertEquals(0, array.get(length - 1), 0);
            }
            org.nd4j.linalg.api.ndarray.INDArray source = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][] {{1, 2, 3}, {4, 5, 6}});
            NativeArray copy = NativeArray.copyOf(source, type);
            assertEquals(0, copy.address() % NativeArray.ALIGNMENT);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, copy.toDoubleArray(), 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {4, 5, 6}, copy.view(2, 3).getRow(1).toDoubleVector(), 0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {3, 4}, copy.slice(2, 2).toDoubleArray(), 0);
        }
    }
}
