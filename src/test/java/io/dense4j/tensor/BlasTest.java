package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

class BlasTest {

    private static NativeArray of(DataType type, double... values) {
        NativeArray array = NativeArray.allocate(type, values.length);
        for (int i = 0; i < values.length; i++) {
            array.set(i, values[i]);
        }
        return array;
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void gemmMultipliesRowMajorMatrices(String typeName) {
        DataType type = DataType.valueOf(typeName);
        // a = [[1, 2], [3, 4]], b = [[5, 6], [7, 8]]
        // a·b = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]]
        // 2·a·b + 1·c with c = [[1, 1], [1, 1]] = [[39, 45], [87, 101]]
        NativeArray a = of(type, 1, 2, 3, 4);
        NativeArray b = of(type, 5, 6, 7, 8);
        NativeArray c = of(type, 1, 1, 1, 1);
        Blas.gemm(false, false, 2, 2, 2, 2.0, a, b, 1.0, c);
        assertArrayEquals(new double[] {39, 45, 87, 101}, c.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void gemmTransposesEitherOperand(String typeName) {
        DataType type = DataType.valueOf(typeName);
        // a stored 2×3 = [[1, 2, 3], [4, 5, 6]]; aᵀ·a is 3×3:
        // [[1+16, 2+20, 3+24], [2+20, 4+25, 6+30], [3+24, 6+30, 9+36]]
        NativeArray a = of(type, 1, 2, 3, 4, 5, 6);
        NativeArray c = NativeArray.allocate(type, 9);
        Blas.gemm(true, false, 3, 3, 2, 1.0, a, a, 0.0, c);
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45}, c.toDoubleArray(), 0.0);
        // a·aᵀ is 2×2: [[1+4+9, 4+10+18], [4+10+18, 16+25+36]]
        NativeArray d = NativeArray.allocate(type, 4);
        Blas.gemm(false, true, 2, 2, 3, 1.0, a, a, 0.0, d);
        assertArrayEquals(new double[] {14, 32, 32, 77}, d.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void gemvTransposedSumsColumnsAndAxpyAccumulates(String typeName) {
        DataType type = DataType.valueOf(typeName);
        NativeArray a = of(type, 1, 2, 3, 4, 5, 6); // 3 rows × 2 columns
        NativeArray ones = of(type, 1, 1, 1);
        NativeArray sums = NativeArray.allocate(type, 2);
        Blas.gemvTransposed(3, 2, 1.0, a, ones, 0.0, sums);
        assertArrayEquals(new double[] {9, 12}, sums.toDoubleArray(), 0.0);
        Blas.axpy(2, -0.5, sums, ones); // ones[0..1] += -0.5·[9, 12]
        assertArrayEquals(new double[] {-3.5, -5, 1}, ones.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void slicesShareMemoryWithTheirOwnerAndItsNd4jView(DataType type) {
        NativeArray whole = of(type, 0, 1, 2, 3, 4, 5, 6, 7);
        NativeArray tail = whole.slice(4, 4);
        NativeArray ones = of(type, 1, 1);
        // BLAS through the slice's pointer lands at offset 4 of the owner.
        Blas.axpy(2, 10.0, ones, tail);
        assertArrayEquals(new double[] {0, 1, 2, 3, 14, 15, 6, 7}, whole.toDoubleArray(), 0.0);
        // The ND4J view of the slice sees and writes the same memory.
        org.nd4j.linalg.api.ndarray.INDArray view = tail.view(2, 2);
        assertArrayEquals(new double[] {14, 15}, view.getRow(0).toDoubleVector(), 0.0);
        view.putScalar(1, 1, -1.0);
        assertArrayEquals(new double[] {0, 1, 2, 3, 14, 15, 6, -1}, whole.toDoubleArray(), 0.0);
    }
}
