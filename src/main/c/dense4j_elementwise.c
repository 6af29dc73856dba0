/*
 * Elementwise loops over two arrays, which Java 17's C2 does not vectorize: it checks every access
 * of a direct buffer, and a loop that reads one raw address and writes another was not vectorized
 * either (docs/benchmarks.md, "Where the time goes, and what is left"). Java's side is
 * io.dense4j.tensor.NativeElementwise, which checks the arrays and the count before calling:
 * nothing here checks bounds.
 *
 * Each loop does the operations of its Java twin (io.dense4j.tensor.Elementwise, FloatSigmoid and
 * UpdateLoops) in the same order, so it gives the same bits on every input, subnormals and
 * infinities included; NaN stays NaN, though its sign and payload may differ (for ReLU's backward
 * pass, which only masks bits, they do not). That needs the build's -ffp-contract=off: a multiply
 * and an add fused into one FMA round once, not twice as Java does; the build checks that the
 * library holds no FMA instruction. target_clones builds each loop for AVX-512, AVX2 and plain x86-64, and
 * picks one when the library loads.
 */
#include "dense4j.h"
#include <stdint.h>
#include <string.h>

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

/*
 * Sigmoid backward: g <- g * y * (1 - y), for sigmoid outputs y, multiplied left to right as in
 * Java.
 */
#define SIGMOID_BACKWARD(Name, T) \
    CLONES static void sigmoid_backward_##Name(const T *restrict y, T *restrict g, int64_t count) { \
        for (int64_t i = 0; i < count; i++) { \
            g[i] = g[i] * y[i] * ((T) 1 - y[i]); \
        } \
    } \
    \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeElementwise_sigmoidBackward##Name(JNIEnv *env, jclass owner, jlong outputs, \
                                                                                        jlong gradients, jint count) { \
        sigmoid_backward_##Name((const T *) (intptr_t) outputs, (T *) (intptr_t) gradients, count); \
    }

SIGMOID_BACKWARD(Floats, float)
SIGMOID_BACKWARD(Doubles, double)

/* FloatSigmoid's constants: see there for the method. */
#define CAP 80.0
#define LOG2_E 0x1.71547652b82fep0
#define ROUNDER 0x1.8p52
#define LN2_HIGH 0x1.62e42fee00000p-1
#define LN2_LOW 0x1.a39ef35793c76p-33
#define C2 0x1.0000000000000p-1
#define C3 0x1.5555555555555p-3
#define C4 0x1.5555555555555p-5
#define C5 0x1.1111111111111p-7
#define C6 0x1.6c16c16c16c17p-10
#define C7 0x1.a01a01a01a01ap-13
#define C8 0x1.a01a01a01a01ap-16
#define C9 0x1.71de3a556c734p-19
#define C10 0x1.27e4fb7789f5cp-22
#define C11 0x1.ae64567f544e4p-26
#define NEGLIGIBLE 0x1p-100f

/* FloatSigmoid.expOfNonPositive: e^t for -CAP <= t <= 0, NaN for NaN. */
static inline double exp_of_nonpositive(double t) {
    double rounder = ROUNDER;
    uint64_t rounder_bits;
    memcpy(&rounder_bits, &rounder, sizeof rounder);
    double shifted = t * LOG2_E + ROUNDER;
    double k = shifted - ROUNDER;
    uint64_t shifted_bits;
    memcpy(&shifted_bits, &shifted, sizeof shifted);
    uint64_t scale_bits = (shifted_bits - rounder_bits + 1023) << 52; /* unsigned: Java's wrapping long arithmetic */
    double scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    double r = t - k * LN2_HIGH - k * LN2_LOW;
    double r2 = r * r;
    double r4 = r2 * r2;
    double low = (1 + r) + r2 * (C2 + r * C3);
    double middle = (C4 + r * C5) + r2 * (C6 + r * C7);
    double high = (C8 + r * C9) + r2 * (C10 + r * C11);
    double series = low + r4 * (middle + r4 * high);
    return series * scale;
}

/* Sigmoid forward in place, float32: FloatSigmoid.of on each value. */
CLONES static void sigmoid_floats(float *restrict x, int64_t count) {
    for (int64_t i = 0; i < count; i++) {
        double value = x[i];
        double magnitude = __builtin_fabs(value); /* Math.abs: the sign bit cleared */
        double t = magnitude > CAP ? -CAP : -magnitude;
        double e = exp_of_nonpositive(t);
        double inverse = 1 / (1 + e);
        float y = (float) (value >= 0 ? inverse : e * inverse);
        x[i] = y < NEGLIGIBLE ? 0.0f : y;
    }
}

JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeElementwise_sigmoidFloats(JNIEnv *env, jclass owner, jlong values, jint count) {
    sigmoid_floats((float *) (intptr_t) values, count);
}

/* exp_of_nonpositive in place over doubles: for NativeElementwiseTest, which compares its bits with FloatSigmoid's. */
CLONES static void exp_of_nonpositive_doubles(double *restrict t, int64_t count) {
    for (int64_t i = 0; i < count; i++) {
        t[i] = exp_of_nonpositive(t[i]);
    }
}

JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeElementwise_expOfNonPositiveDoubles(JNIEnv *env, jclass owner, jlong values,
                                                                                      jint count) {
    exp_of_nonpositive_doubles((double *) (intptr_t) values, count);
}

/*
 * One Adam step over each element, as UpdateLoops.adam: m <- b1*m + (1 - b1)*g,
 * v <- b2*v + (1 - b2)*g*g, theta <- theta - step*m / (sqrt(v) + eps). The square root is
 * correctly rounded in both languages (Java rounds a double's to float32, which gives the same
 * float), and the build's -fno-math-errno lets gcc use the vector instruction for it.
 */
#define ADAM(Name, T, SQRT) \
    CLONES static void adam_##Name(T *restrict theta, const T *restrict g, T *restrict m, T *restrict v, int64_t count, T b1, T b2, \
                                   T step, T eps) { \
        for (int64_t i = 0; i < count; i++) { \
            T gradient = g[i]; \
            T mi = b1 * m[i] + ((T) 1 - b1) * gradient; \
            T vi = b2 * v[i] + ((T) 1 - b2) * gradient * gradient; \
            m[i] = mi; \
            v[i] = vi; \
            theta[i] = theta[i] - step * mi / (SQRT(vi) + eps); \
        } \
    } \
    \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeElementwise_adam##Name(JNIEnv *env, jclass owner, jlong parameters, \
                                                                             jlong gradients, jlong firstMoment, jlong secondMoment, \
                                                                             jint count, T b1, T b2, T step, T eps) { \
        adam_##Name((T *) (intptr_t) parameters, (const T *) (intptr_t) gradients, (T *) (intptr_t) firstMoment, \
                    (T *) (intptr_t) secondMoment, count, b1, b2, step, eps); \
    }

ADAM(Floats, float, __builtin_sqrtf)
ADAM(Doubles, double, __builtin_sqrt)
