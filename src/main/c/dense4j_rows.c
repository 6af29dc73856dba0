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
 */
#include <jni.h>
#include <stdint.h>
#include <string.h>

#define CLONES __attribute__((noinline, target_clones("avx512f", "avx2", "default")))

typedef float floats16 __attribute__((vector_size(64), aligned(4)));
typedef double doubles8 __attribute__((vector_size(64), aligned(8)));

CLONES static void add_floats(float *restrict target, const float *restrict source, int width) {
    for (int j = 0; j < width; j++) {
        target[j] += source[j];
    }
}

CLONES static void add_doubles(double *restrict target, const double *restrict source, int width) {
    for (int j = 0; j < width; j++) {
        target[j] += source[j];
    }
}

/* row += table row slots[c] for each c in order */
CLONES static void sum_floats(float *restrict row, const float *restrict table, const jint *restrict slots, int columns, int width) {
    int j = 0;
    for (; j + 16 <= width; j += 16) {
        floats16 sum = *(const floats16 *) (row + j);
        for (int c = 0; c < columns; c++) {
            sum += *(const floats16 *) (table + (int64_t) slots[c] * width + j);
        }
        *(floats16 *) (row + j) = sum;
    }
    for (; j < width; j++) {
        float sum = row[j];
        for (int c = 0; c < columns; c++) {
            sum += table[(int64_t) slots[c] * width + j];
        }
        row[j] = sum;
    }
}

CLONES static void sum_doubles(double *restrict row, const double *restrict table, const jint *restrict slots, int columns, int width) {
    int j = 0;
    for (; j + 8 <= width; j += 8) {
        doubles8 sum = *(const doubles8 *) (row + j);
        for (int c = 0; c < columns; c++) {
            sum += *(const doubles8 *) (table + (int64_t) slots[c] * width + j);
        }
        *(doubles8 *) (row + j) = sum;
    }
    for (; j < width; j++) {
        double sum = row[j];
        for (int c = 0; c < columns; c++) {
            sum += table[(int64_t) slots[c] * width + j];
        }
        row[j] = sum;
    }
}

/* target row r += source row slotRows[r * columns + c], for each row r and column c in order */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_gatherFloats(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                        jintArray slotRows, jint rows, jint columns, jint width) {
    jint *slots = (*env)->GetPrimitiveArrayCritical(env, slotRows, NULL);
    if (slots == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const float *from = (const float *) (intptr_t) source;
    float *to = (float *) (intptr_t) target;
    for (jint r = 0; r < rows; r++) {
        sum_floats(to + (int64_t) r * width, from, slots + (int64_t) r * columns, columns, width);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT);
}

/* target row slotRows[r * columns + c] += source row r, for each row r and column c in order */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_scatterFloats(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                         jintArray slotRows, jint rows, jint columns, jint width) {
    jint *slots = (*env)->GetPrimitiveArrayCritical(env, slotRows, NULL);
    if (slots == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const float *from = (const float *) (intptr_t) source;
    float *to = (float *) (intptr_t) target;
    for (jint r = 0, at = 0; r < rows; r++) {
        for (jint c = 0; c < columns; c++, at++) {
            add_floats(to + (int64_t) slots[at] * width, from + (int64_t) r * width, width);
        }
    }
    (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_gatherDoubles(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                         jintArray slotRows, jint rows, jint columns, jint width) {
    jint *slots = (*env)->GetPrimitiveArrayCritical(env, slotRows, NULL);
    if (slots == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const double *from = (const double *) (intptr_t) source;
    double *to = (double *) (intptr_t) target;
    for (jint r = 0; r < rows; r++) {
        sum_doubles(to + (int64_t) r * width, from, slots + (int64_t) r * columns, columns, width);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_scatterDoubles(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                          jintArray slotRows, jint rows, jint columns, jint width) {
    jint *slots = (*env)->GetPrimitiveArrayCritical(env, slotRows, NULL);
    if (slots == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const double *from = (const double *) (intptr_t) source;
    double *to = (double *) (intptr_t) target;
    for (jint r = 0, at = 0; r < rows; r++) {
        for (jint c = 0; c < columns; c++, at++) {
            add_doubles(to + (int64_t) slots[at] * width, from + (int64_t) r * width, width);
        }
    }
    (*env)->ReleasePrimitiveArrayCritical(env, slotRows, slots, JNI_ABORT);
}

/* rows[i] of target set to 0 for i < count, rows of rowBytes bytes */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_zeroRows(JNIEnv *env, jclass owner, jlong target, jintArray rows,
                                                                    jint count, jint rowBytes) {
    jint *listed = (*env)->GetPrimitiveArrayCritical(env, rows, NULL);
    if (listed == NULL) {
        return; /* out of memory: an exception is pending */
    }
    char *to = (char *) (intptr_t) target;
    for (jint i = 0; i < count; i++) {
        memset(to + (int64_t) listed[i] * rowBytes, 0, (size_t) rowBytes);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, rows, listed, JNI_ABORT);
}

/* target row rows[i] += source row rows[i] for i < count, in order */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_addRowsFloats(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                         jintArray rows, jint count, jint width) {
    jint *listed = (*env)->GetPrimitiveArrayCritical(env, rows, NULL);
    if (listed == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const float *from = (const float *) (intptr_t) source;
    float *to = (float *) (intptr_t) target;
    for (jint i = 0; i < count; i++) {
        add_floats(to + (int64_t) listed[i] * width, from + (int64_t) listed[i] * width, width);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, rows, listed, JNI_ABORT);
}

JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_addRowsDoubles(JNIEnv *env, jclass owner, jlong source, jlong target,
                                                                          jintArray rows, jint count, jint width) {
    jint *listed = (*env)->GetPrimitiveArrayCritical(env, rows, NULL);
    if (listed == NULL) {
        return; /* out of memory: an exception is pending */
    }
    const double *from = (const double *) (intptr_t) source;
    double *to = (double *) (intptr_t) target;
    for (jint i = 0; i < count; i++) {
        add_doubles(to + (int64_t) listed[i] * width, from + (int64_t) listed[i] * width, width);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, rows, listed, JNI_ABORT);
}
