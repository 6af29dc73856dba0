/*
 * Elementwise loops over two arrays, which Java 17's C2 does not vectorize: it checks every access
 * of a direct buffer, and a loop that reads one raw address and writes another was not vectorized
 * either (docs/benchmarks.md, "Where the time goes, and what is left"). Java's side is
 * io.dense4j.tensor.NativeElementwise, which checks the arrays and the count before calling:
 * nothing here checks bounds.
 *
 * The loops work on the values' bits, so they give the same bits as the Java loops in
 * io.dense4j.tensor.Elementwise on every input, NaN and subnormals included. target_clones
 * builds each for AVX-512, AVX2 and plain x86-64, and picks one when the library loads.
 */
#include <jni.h>
#include <stdint.h>

#define CLONES __attribute__((noinline, target_clones("avx512f", "avx2", "default")))

/*
 * ReLU backward: g <- g where y > 0, else 0, for ReLU outputs y (never negative, never -0). For
 * such y the bits minus one are negative exactly when y = +0, and their sign, spread by an
 * arithmetic shift, is the mask that clears g. Unsigned subtraction: -0's bits minus one would
 * overflow a signed integer.
 */
#define KEEP_WHERE_POSITIVE(Name, Bits, Unsigned, SHIFT) \
    CLONES static void keep_where_positive_##Name(const Bits *restrict y, Bits *restrict g, int64_t count) { \
        for (int64_t i = 0; i < count; i++) { \
            g[i] &= ~((Bits) ((Unsigned) y[i] - 1u) >> SHIFT); \
        } \
    } \
    \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeElementwise_keepWherePositive##Name(JNIEnv *env, jclass owner, jlong outputs, \
                                                                                          jlong gradients, jint count) { \
        keep_where_positive_##Name((const Bits *) (intptr_t) outputs, (Bits *) (intptr_t) gradients, count); \
    }

KEEP_WHERE_POSITIVE(Floats, int32_t, uint32_t, 31)
KEEP_WHERE_POSITIVE(Doubles, int64_t, uint64_t, 63)
