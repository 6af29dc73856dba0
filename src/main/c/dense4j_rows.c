/*
 * Adds rows of one array into rows of another by index, a whole batch in one call: the gathers and
 * scatters of a Dense layer that reads categorical columns' weight rows. Java's side is
 * io.dense4j.tensor.NativeRows, which checks every index and size before calling: nothing here
 * checks bounds.
 *
 * The loops over one row run in functions of their own, not inlined: inlined into the loop over
 * rows, gcc 12 does not vectorize them. target_clones builds each for AVX-512, AVX2 and plain
 * x86-64, and picks one when the library loads. A gathered row keeps its sums in vector registers
 * across its columns' weight rows, 64 bytes at a time, and is read and written once. Each element
 * gets the same additions in the same order as one BLAS axpy per row with alpha 1: the same bits.
 * Plain SGD's step on a column's slot rows sums each slot's gradient rows the same way and adds
 * alpha times the sum, a multiply then an add (the library is built without contraction into
 * fused multiply-adds), as a BLAS scal then an axpy with alpha 1 do.
 *
 * ROW_FUNCTIONS writes the kernels and JNI entry points once for each element type.
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#define CLONES __attribute__((noinline, target_clones("avx512f", "avx2", "default")))

/* The index array's elements, or return: when it is NULL the JVM is out of memory and an exception is pending. */
#define INDICES(name, array) \
    jint *name = (*env)->GetPrimitiveArrayCritical(env, array, NULL); \
    if (name == NULL) { \
        return; \
    }

#define ROW_FUNCTIONS(T, Name, LANES) \
    typedef T Name##Lanes __attribute__((vector_size(64), aligned(sizeof(T)))); \
    \
    /* target += source, width elements */ \
    CLONES static void add_##Name(T *restrict target, const T *restrict source, int width) { \
        for (int j = 0; j < width; j++) { \
            target[j] += source[j]; \
        } \
    } \
    \
    /* row += table row slots[c] for each c in order */ \
    CLONES static void sum_##Name(T *restrict row, const T *restrict table, const jint *restrict slots, int columns, int width) { \
        int j = 0; \
        for (; j + LANES <= width; j += LANES) { \
            Name##Lanes sum = *(const Name##Lanes *) (row + j); \
            for (int c = 0; c < columns; c++) { \
                sum += *(const Name##Lanes *) (table + (int64_t) slots[c] * width + j); \
            } \
            *(Name##Lanes *) (row + j) = sum; \
        } \
        for (; j < width; j++) { \
            T sum = row[j]; \
            for (int c = 0; c < columns; c++) { \
                sum += table[(int64_t) slots[c] * width + j]; \
            } \
            row[j] = sum; \
        } \
    } \
    \
    /* target row r += source row slotRows[r * columns + c], for each row r and column c in order */ \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_gather##Name(JNIEnv *env, jclass owner, jlong source, jlong target, \
                                                                          jintArray slotRows, jint rows, jint columns, jint width) { \
        INDICES(slots, slotRows) \
        for (jint r = 0; r < rows; r++) { \
            sum_##Name((T *) (intptr_t) target + (int64_t) r * width, (const T *) (intptr_t) source, slots + (int64_t) r * columns, \
                       columns, width); \
        } \
        (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT); \
    } \
    \
    /* target row slotRows[r * columns + c] += source row r, for each row r and column c in [from, to), in order */ \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_scatter##Name(JNIEnv *env, jclass owner, jlong source, jlong target, \
                                                                           jintArray slotRows, jint rows, jint columns, jint from, \
                                                                           jint to, jint width) { \
        INDICES(slots, slotRows) \
        for (jint r = 0; r < rows; r++) { \
            const jint *row = slots + (int64_t) r * columns; \
            for (jint c = from; c < to; c++) { \
                add_##Name((T *) (intptr_t) target + (int64_t) row[c] * width, (const T *) (intptr_t) source + (int64_t) r * width, \
                           width); \
            } \
        } \
        (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT); \
    } \
    \
    /* row += alpha * (0 + sources[0] + sources[1] + ...), the sum in vector registers: the bits of zeroing a gradient row, \
       adding the sources one by one, scaling it by alpha and adding it (a multiply, then an add) */ \
    CLONES static void step_##Name(T *restrict row, const jlong *restrict sources, int count, int width, T alpha) { \
        int j = 0; \
        for (; j + LANES <= width; j += LANES) { \
            Name##Lanes sum = {0}; \
            for (int k = 0; k < count; k++) { \
                sum += *(const Name##Lanes *) ((const T *) (intptr_t) sources[k] + j); \
            } \
            Name##Lanes step = sum * alpha; \
            *(Name##Lanes *) (row + j) += step; \
        } \
        for (; j < width; j++) { \
            T sum = 0; \
            for (int k = 0; k < count; k++) { \
                sum += ((const T *) (intptr_t) sources[k])[j]; \
            } \
            T step = sum * alpha; \
            row[j] += step; \
        } \
    } \
    \
    /* target row rows[g] += alpha * the sum of source rows at addresses sources[starts[g], starts[g + 1]), for each g */ \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_stepRows##Name(JNIEnv *env, jclass owner, jlong target, \
                                                                           jlongArray sourceRows, jintArray groupStarts, \
                                                                           jintArray targetRows, jint groups, jint width, \
                                                                           T alpha) { \
        jlong *sources = (*env)->GetPrimitiveArrayCritical(env, sourceRows, NULL); \
        if (sources == NULL) { \
            return; \
        } \
        jint *starts = (*env)->GetPrimitiveArrayCritical(env, groupStarts, NULL); \
        jint *rows = starts == NULL ? NULL : (*env)->GetPrimitiveArrayCritical(env, targetRows, NULL); \
        if (rows != NULL) { \
            for (jint g = 0; g < groups; g++) { \
                step_##Name((T *) (intptr_t) target + (int64_t) rows[g] * width, sources + starts[g], starts[g + 1] - starts[g], \
                            width, alpha); \
            } \
            (*env)->ReleasePrimitiveArrayCritical(env, targetRows, rows, JNI_ABORT); \
        } \
        if (starts != NULL) { \
            (*env)->ReleasePrimitiveArrayCritical(env, groupStarts, starts, JNI_ABORT); \
        } \
        (*env)->ReleasePrimitiveArrayCritical(env, sourceRows, sources, JNI_ABORT); \
    }

ROW_FUNCTIONS(float, Floats, 16)
ROW_FUNCTIONS(double, Doubles, 8)

/* rows[i] of target set to 0 for i < count, rows of rowBytes bytes */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_zeroRows(JNIEnv *env, jclass owner, jlong target, jintArray rows,
                                                                    jint count, jint rowBytes) {
    INDICES(listed, rows)
    char *to = (char *) (intptr_t) target;
    for (jint i = 0; i < count; i++) {
        memset(to + (int64_t) listed[i] * rowBytes, 0, (size_t) rowBytes);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, rows, listed, JNI_ABORT);
}
