/*
 * A batch's input rows as a plan holds them, numbers and category codes side by side in the file's
 * column order: the numeric columns packed into an array of their own, and the codes read, checked,
 * into the weight rows they select. Java's side is io.dense4j.tensor.NativeInputRows, which checks
 * the arrays, the rows and every column index before calling: nothing here checks bounds, except
 * that a code is a whole number below its column's slots, which is what the loop is for.
 *
 * Each loop does what its Java twin in io.dense4j.tensor.InputRows does, value for value: the
 * numbers are copied, not computed, and a code either selects the same weight row or is refused at
 * the same cell.
 */
#include "dense4j.h"
#include <stdint.h>

#define INPUT_FUNCTIONS(T, Name) \
    /* target[r * k + j] = source[r * source_width + columns[j]] for r < rows, j < k. Copying runs of consecutive columns \
       as blocks was tried and measured no faster (docs/benchmarks.md). */ \
    CLONES static void gather_columns_##Name(const T *restrict source, int source_width, const jint *restrict columns, int k, \
                                             T *restrict target, int rows) { \
        for (int r = 0; r < rows; r++) { \
            const T *row = source + (int64_t) r * source_width; \
            T *out = target + (int64_t) r * k; \
            for (int j = 0; j < k; j++) { \
                out[j] = row[columns[j]]; \
            } \
        } \
    } \
    \
    /* slot_rows[r * k + j] = offsets[j] + the code at source[r * source_width + columns[j]], which must be a whole number in \
       [0, limits[j]); returns -1, or r * k + j of the first cell that is not. The range is tested before the conversion to \
       an int, which is undefined in C for a value outside int's range or NaN; NaN fails the first test. It compares in \
       double, where a float column's limit above 2^24 does not round. */ \
    static jint read_slot_rows_##Name(const T *restrict source, int source_width, const jint *restrict columns, \
                                      const jint *restrict limits, const jint *restrict offsets, int k, int rows, \
                                      jint *restrict slot_rows) { \
        jint at = 0; \
        for (int r = 0; r < rows; r++) { \
            const T *row = source + (int64_t) r * source_width; \
            for (int j = 0; j < k; j++, at++) { \
                T value = row[columns[j]]; \
                if (!(value >= 0 && (double) value < limits[j]) || (T) (jint) value != value) { \
                    return at; \
                } \
                slot_rows[at] = offsets[j] + (jint) value; \
            } \
        } \
        return -1; \
    } \
    \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeInputRows_gatherColumns##Name(JNIEnv *env, jclass owner, jlong source, \
                                                                                    jint sourceWidth, jintArray columnArray, \
                                                                                    jlong target, jint rows) { \
        jint k = (*env)->GetArrayLength(env, columnArray); \
        CRITICAL(columns, columnArray, return) \
        gather_columns_##Name((const T *) (intptr_t) source, sourceWidth, columns, k, (T *) (intptr_t) target, rows); \
        (*env)->ReleasePrimitiveArrayCritical(env, columnArray, columns, JNI_ABORT); \
    } \
    \
    JNIEXPORT jint JNICALL Java_io_dense4j_tensor_NativeInputRows_readSlotRows##Name(JNIEnv *env, jclass owner, jlong source, \
                                                                                   jint sourceWidth, jintArray columnArray, \
                                                                                   jintArray limitArray, jintArray offsetArray, \
                                                                                   jint rows, jintArray slotRowArray) { \
        jint k = (*env)->GetArrayLength(env, columnArray); \
        jint bad = -1; \
        CRITICAL(columns, columnArray, return bad) \
        CRITICAL(limits, limitArray, goto columns_held) \
        CRITICAL(offsets, offsetArray, goto limits_held) \
        CRITICAL(slotRows, slotRowArray, goto offsets_held) \
        bad = read_slot_rows_##Name((const T *) (intptr_t) source, sourceWidth, columns, limits, offsets, k, rows, slotRows); \
        (*env)->ReleasePrimitiveArrayCritical(env, slotRowArray, slotRows, 0); \
    offsets_held: \
        (*env)->ReleasePrimitiveArrayCritical(env, offsetArray, offsets, JNI_ABORT); \
    limits_held: \
        (*env)->ReleasePrimitiveArrayCritical(env, limitArray, limits, JNI_ABORT); \
    columns_held: \
        (*env)->ReleasePrimitiveArrayCritical(env, columnArray, columns, JNI_ABORT); \
        return bad; \
    }

INPUT_FUNCTIONS(float, Floats)
INPUT_FUNCTIONS(double, Doubles)
