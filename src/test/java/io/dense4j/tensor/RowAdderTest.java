package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;

/** Row additions, through the Java loop (narrow rows) and through axpy (wide ones), in slices as in whole arrays. */
class RowAdderTest {

    @ParameterizedTest
    @CsvSource({"FLOAT, 3", "FLOAT, 64", "FLOAT, 100", "DOUBLE, 3", "DOUBLE, 100"})
    void addsTheChosenRowAndNoOther(DataType type, int width) {
        // both arrays are slices past the start of their owners, as a plan's parameter and gradient views are
        NativeArray source = NativeArray.allocate(type, 7L + 4L * width).slice(7, 4 * width);
        NativeArray target = NativeArray.allocate(type, 5L + 3L * width).slice(5, 3 * width);
        for (int i = 0; i < 4 * width; i++) {
            source.set(i, 0.5 * i);
        }
        for (int i = 0; i < 3 * width; i++) {
            target.set(i, 1000 + i);
        }
        RowAdder adder = new RowAdder(source, target, width);
        adder.add(2, 1);
        adder.add(3, 1);
        for (int row = 0; row < 3; row++) {
            for (int j = 0; j < width; j++) {
                double expected = 1000 + row * width + j + (row == 1 ? 0.5 * (2 * width + j) + 0.5 * (3 * width + j) : 0);
                assertEquals(expected, target.get(row * width + j), 0, "row " + row + ", element " + j);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"3", "100"})
    void aRowPastTheEndIsRefused(int width) {
        NativeArray source = NativeArray.allocate(DataType.FLOAT, 2L * width);
        NativeArray target = NativeArray.allocate(DataType.FLOAT, 2L * width);
        RowAdder adder = new RowAdder(source, target, width);
        assertThrows(IndexOutOfBoundsException.class, () -> adder.add(2, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> adder.add(0, 2));
    }
}
