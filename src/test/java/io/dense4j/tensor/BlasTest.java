package io.dense4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

class BlasTest {

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void gemmMultipliesRowMajorMatrices(String typeName) {
        DataType type = DataType.valueOf(typeName);
        // a = [[1, 2], [3, 4]], b = [[5, 6], [7, 8]]
        // a·b = [[1·5 + 2·7, 1·6 + 2·8], [3·5 + 4·7, 3·6 + 4·8]] = [[19, 22], [43, 50]]
        // 2·a·b + 1·c with c = [[1, 1], [1, 1]] = [[39, 45], [87, 101]]
        NativeArray a = NativeArray.of(type, 1, 2, 3, 4);
        NativeArray b = NativeArray.of(type, 5, 6, 7, 8);
        NativeArray c = NativeArray.of(type, 1, 1, 1, 1);
        Blas.gemm(false, false, 2, 2, 2, 2.0, a, b, 1.0, c);
        assertArrayEquals(new double[] {39, 45, 87, 101}, c.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void gemmTransposesEitherOperand(String typeName) {
        DataType type = DataType.valueOf(typeName);
        // a stored 2×3 = [[1, 2, 3], [4, 5, 6]]; aᵀ·a is 3×3:
        // [[1+16, 2+20, 3+24], [2+20, 4+25, 6+30], [3+24, 6+30, 9+36]]
        NativeArray a = NativeArray.of(type, 1, 2, 3, 4, 5, 6);
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
        NativeArray a = NativeArray.of(type, 1, 2, 3, 4, 5, 6); // 3 rows × 2 columns
        NativeArray ones = NativeArray.of(type, 1, 1, 1);
        NativeArray sums = NativeArray.allocate(type, 2);
        Blas.gemvTransposed(3, 2, 1.0, a, ones, 0.0, sums);
        assertArrayEquals(new double[] {9, 12}, sums.toDoubleArray(), 0.0);
        Blas.axpy(2, -0.5, sums, ones); // ones[0..1] += -0.5·[9, 12]
        assertArrayEquals(new double[] {-3.5, -5, 1}, ones.toDoubleArray(), 0.0);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void slicesShareMemoryWithTheirOwnerAndItsNd4jView(DataType type) {
        NativeArray whole = NativeArray.of(type, 0, 1, 2, 3, 4, 5, 6, 7);
        NativeArray tail = whole.slice(4, 4);
        NativeArray ones = NativeArray.of(type, 1, 1);
        // BLAS through the slice's pointer lands at offset 4 of the owner.
        Blas.axpy(2, 10.0, ones, tail);
        assertArrayEquals(new double[] {0, 1, 2, 3, 14, 15, 6, 7}, whole.toDoubleArray(), 0.0);
        // The ND4J view of the slice sees and writes the same memory.
        org.nd4j.linalg.api.ndarray.INDArray view = tail.view(2, 2);
        assertArrayEquals(new double[] {14, 15}, view.getRow(0).toDoubleVector(), 0.0);
        view.putScalar(1, 1, -1.0);
        assertArrayEquals(new double[] {0, 1, 2, 3, 14, 15, 6, -1}, whole.toDoubleArray(), 0.0);
    }

    /** Every shape class Blas.gemm dispatches on: one row, one column, inner dimension 1, general. */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void gemmMatchesANaiveProductForEveryShapeTransposeAndBeta(DataType type) {
        java.util.Random random = new java.util.Random(5);
        int[][] shapes = {{1, 7, 5}, {6, 1, 5}, {6, 7, 1}, {1, 1, 5}, {1, 7, 1}, {6, 1, 1}, {1, 1, 1}, {6, 7, 5}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int n = shape[1];
            int k = shape[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                for (double beta : new double[] {0, 1, 0.5}) {
                    // operands are slices at odd offsets of larger arrays, so pointer positions matter
                    NativeArray a = randomSlice(type, m * k, random);
                    NativeArray b = randomSlice(type, k * n, random);
                    NativeArray whole = randomArray(type, m * n + 6, random);
                    NativeArray c = whole.slice(3, m * n);
                    double[] before = whole.toDoubleArray();
                    double[] expected = new double[m * n];
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            for (int p = 0; p < k; p++) {
                                double av = ta ? a.get(p * m + i) : a.get(i * k + p);
                                double bv = tb ? b.get(j * k + p) : b.get(p * n + j);
                                sum += av * bv;
                            }
                            expected[i * n + j] = 1.5 * sum + beta * c.get(i * n + j);
                        }
                    }
                    Blas.gemm(ta, tb, m, n, k, 1.5, a, b, beta, c);
                    String where = String.format("m=%d n=%d k=%d ta=%s tb=%s beta=%s", m, n, k, ta, tb, beta);
                    assertArrayEquals(expected, c.toDoubleArray(), type == DataType.FLOAT ? 1e-4 : 1e-12, where);
                    double[] after = whole.toDoubleArray();
                    for (int i : new int[] {0, 1, 2, m * n + 3, m * n + 4, m * n + 5}) {
                        org.junit.jupiter.api.Assertions.assertEquals(before[i], after[i], 0.0, "outside c: " + where);
                    }
                }
            }
        }
    }

    private static NativeArray randomArray(DataType type, int length, java.util.Random random) {
        NativeArray array = NativeArray.allocate(type, length);
        for (int i = 0; i < length; i++) {
            array.set(i, random.nextGaussian());
        }
        return array;
    }

    private static NativeArray randomSlice(DataType type, int length, java.util.Random random) {
        return randomArray(type, length + 5, random).slice(2, length);
    }

    @org.junit.jupiter.api.Test
    void refusesShapesLargerThanItsArrays() {
        NativeArray six = NativeArray.allocate(DataType.FLOAT, 6);
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Blas.gemm(false, false, 2, 4, 3, 1, six, six, 0, six));
        org.junit.jupiter.api.Assertions.assertTrue(
                error.getMessage().contains("Blas.gemm: b must hold 12 elements for this shape, but holds 6"), error.getMessage());
    }
}
