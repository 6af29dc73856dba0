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
}
