package io.dense4j.tensor;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

import java.util.Locale;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * BLAS on {@link NativeArray}s, through the OpenBLAS that ND4J itself loads
 * ({@code openblas_nolapack}), called on the arrays' memory: one native call each and no garbage,
 * where a call through ND4J's op executor costs microseconds and kilobytes whatever the size
 * (figures in docs/design.md). All matrices are row-major and densely packed; the element type
 * follows the arrays.
 */
public final class Blas {
    private Blas() {
    }

    /**
     * {@code c = alpha · op(a) · op(b) + beta · c} where op(a) is m×k, op(b) is k×n and c is m×n;
     * {@code transposeA} means a is stored k×m, {@code transposeB} that b is stored n×k.
     *
     * <p>Picks the cheapest routine for the shape. OpenBLAS's sgemm packs its operands on every
     * call, a fixed cost whatever the row count, so a vector operand runs as gemv and an inner
     * dimension of 1 as ger, which pack nothing. These are the shapes of training at batch 1 and
     * of a one-unit output layer (measured in docs/design.md, "Why the hot path bypasses…").
     */
    public static void gemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                            double alpha, NativeArray a, NativeArray b, double beta, NativeArray c) {
        holds("gemm", "a", a, (long) m * k);
        holds("gemm", "b", b, (long) k * n);
        holds("gemm", "c", c, (long) m * n);
        if (m == 1) {
            // c (1×n) = alpha · a (a k-vector, whichever way a is stored) · op(b) + beta · c
            if (transposeB) {
                gemv(false, n, k, alpha, b, a, beta, c); // b stored n×k: c = b · a
            } else {
                gemv(true, k, n, alpha, b, a, beta, c);  // b stored k×n: c = bᵀ · a
            }
        } else if (n == 1) {
            // c (m×1) = alpha · op(a) · b (a k-vector) + beta · c
            if (transposeA) {
                gemv(true, k, m, alpha, a, b, beta, c);  // a stored k×m: c = aᵀ · b
            } else {
                gemv(false, m, k, alpha, a, b, beta, c); // a stored m×k: c = a · b
            }
        } else if (k == 1) {
            // c (m×n) = alpha · a (an m-vector) · bᵀ (an n-vector) + beta · c: a rank-1 update
            if (beta == 0) {
                c.zero(m * n);
            } else if (beta != 1) {
                scal(m * n, beta, c);
            }
            ger(m, n, alpha, a, b, c);
        } else {
            generalGemm(transposeA, transposeB, m, n, k, alpha, a, b, beta, c);
        }
    }

    private static void generalGemm(boolean transposeA, boolean transposeB, int m, int n, int k,
                                    double alpha, NativeArray a, NativeArray b, double beta, NativeArray c) {
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        int opA = transposeA ? CblasTrans : CblasNoTrans;
        int opB = transposeB ? CblasTrans : CblasNoTrans;
        if (c instanceof Float32Array) {
            openblas_nolapack.cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha,
                    floats(a), lda, floats(b), ldb, (float) beta, floats(c), n);
        } else {
            openblas_nolapack.cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha,
                    doubles(a), lda, doubles(b), ldb, beta, doubles(c), n);
        }
    }

    /** {@code y = alpha · op(a) · x + beta · y} for a stored rows×columns, op(a) = aᵀ when {@code transpose}. */
    private static void gemv(boolean transpose, int rows, int columns, double alpha, NativeArray a, NativeArray x,
                             double beta, NativeArray y) {
        int op = transpose ? CblasTrans : CblasNoTrans;
        if (y instanceof Float32Array) {
            openblas_nolapack.cblas_sgemv(CblasRowMajor, op, rows, columns, (float) alpha,
                    floats(a), columns, floats(x), 1, (float) beta, floats(y), 1);
        } else {
            openblas_nolapack.cblas_dgemv(CblasRowMajor, op, rows, columns, alpha,
                    doubles(a), columns, doubles(x), 1, beta, doubles(y), 1);
        }
    }

    /** {@code c += alpha · x · yᵀ} for c stored m×n. */
    private static void ger(int m, int n, double alpha, NativeArray x, NativeArray y, NativeArray c) {
        if (c instanceof Float32Array) {
            openblas_nolapack.cblas_sger(CblasRowMajor, m, n, (float) alpha, floats(x), 1, floats(y), 1, floats(c), n);
        } else {
            openblas_nolapack.cblas_dger(CblasRowMajor, m, n, alpha, doubles(x), 1, doubles(y), 1, doubles(c), n);
        }
    }

    /** {@code y = alpha · aᵀ · x + beta · y} for a stored rows×columns: with x all ones, y gets column sums. */
    public static void gemvTransposed(int rows, int columns, double alpha, NativeArray a, NativeArray x,
                                      double beta, NativeArray y) {
        holds("gemvTransposed", "a", a, (long) rows * columns);
        holds("gemvTransposed", "x", x, rows);
        holds("gemvTransposed", "y", y, columns);
        gemv(true, rows, columns, alpha, a, x, beta, y);
    }

    /** {@code y += alpha · x} over the first {@code count} elements. */
    public static void axpy(int count, double alpha, NativeArray x, NativeArray y) {
        holds("axpy", "x", x, count);
        holds("axpy", "y", y, count);
        if (y instanceof Float32Array) {
            openblas_nolapack.cblas_saxpy(count, (float) alpha, floats(x), 1, floats(y), 1);
        } else {
            openblas_nolapack.cblas_daxpy(count, alpha, doubles(x), 1, doubles(y), 1);
        }
    }

    /** The dot product of the first {@code count} elements of x and y (accumulated in their element type). */
    public static double dot(int count, NativeArray x, NativeArray y) {
        holds("dot", "x", x, count);
        holds("dot", "y", y, count);
        if (x instanceof Float32Array) {
            return openblas_nolapack.cblas_sdot(count, floats(x), 1, floats(y), 1);
        }
        return openblas_nolapack.cblas_ddot(count, doubles(x), 1, doubles(y), 1);
    }

    /** {@code x *= alpha} over the first {@code count} elements. */
    public static void scal(int count, double alpha, NativeArray x) {
        holds("scal", "x", x, count);
        if (x instanceof Float32Array) {
            openblas_nolapack.cblas_sscal(count, (float) alpha, floats(x), 1);
        } else {
            openblas_nolapack.cblas_dscal(count, alpha, doubles(x), 1);
        }
    }

    /** Native code would read or write past the array's end: refuse before it can. */
    private static void holds(String routine, String operand, NativeArray array, long needed) {
        if (needed > array.length()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Blas.%s: %s must hold %d elements for this shape, but holds %d",
                    routine, operand, needed, array.length()));
        }
    }

    private static FloatPointer floats(NativeArray array) {
        return (FloatPointer) array.pointer();
    }

    private static DoublePointer doubles(NativeArray array) {
        return (DoublePointer) array.pointer();
    }
}
