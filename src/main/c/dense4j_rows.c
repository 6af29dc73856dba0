/*
 * Adds rows of one array into rows of another by index, a whole batch in one call: the gathers and
 * scatters of a Dense layer that reads categorical columns' weight rows, and plain SGD's step on
 * those weight rows. Java's side is io.dense4j.tensor.NativeRows, SlotStep and SlotTiles, which
 * check every index and size before calling, except the slots the step's rows read: the step checks
 * those itself as it groups or lists the rows (dense4j_slot_rows.c), since it reads them anyway.
 *
 * The loops over one row run in functions of their own, not inlined: inlined into the loop over
 * rows, gcc 12 does not vectorize them. The loops that sum rows in vector registers are written
 * once per vector width, 64 bytes for AVX-512, 32 for AVX2 and 16 for any x86-64, and the widest
 * the machine runs is picked when the library loads: gcc 12 splits a vector wider than the
 * machine's registers through the stack at every addition, which made the 64-byte loops several
 * times slower on AVX2 machines (docs/benchmarks.md). A gathered row keeps its sums in vector
 * registers across its columns' weight rows, and is read and written once. Each element
 * gets the same additions in the same order as one BLAS axpy per row with alpha 1: the same bits.
 * Plain SGD's step on a column's slot rows sums each slot's gradient rows the same way and adds
 * alpha times the sum, a multiply then an add (the library is built without contraction into
 * fused multiply-adds), as a BLAS scal then an axpy with alpha 1 do. For a step whose dL/dZ rows outgrow a core's
 * cache, io.dense4j.tensor.SlotTiles takes the same step tile by tile of units, reading each row once for all its columns:
 * each slot row's sum gets the same additions in the same order, so the same bits.
 *
 * ROW_FUNCTIONS writes the kernels and JNI entry points once for each element type.
 */
#include "dense4j.h"
#include "dense4j_slot_rows.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Vectors a row's loops keep in registers at once: independent sums, which the CPU adds in
   parallel, with each source row's address computed once for all of them */
#define UNROLL 8

/* Vectors of a dL/dZ row's tile that the tiled slot step keeps in registers while it adds them into each column's sum */
#define TILE_VECTORS 4

/* The units of a tile of the tiled slot step, in bytes: four 64-byte vectors, so that a tile's sums, a row per slot of
   the layer's columns, stay in a core's cache for a few thousand slots (io.dense4j.tensor.SlotTiles.TILE_BYTES) */
#define TILE_BYTES 256

/* The loops that sum rows, for vectors of BYTES bytes, built for the instruction set TARGET. Each
   walks a row UNROLL vectors at a time, then one vector, then one element. */
#define LANE_KERNELS(T, Name, BYTES, TARGET) \
    typedef T Name##BYTES __attribute__((vector_size(BYTES), aligned(sizeof(T)))); \
    \
    /* row += table row slots[c] for each c in order */ \
    __attribute__((noinline, target(TARGET))) static void sum_##Name##BYTES(T *restrict row, const T *restrict table, \
                                                                          const jint *restrict slots, int columns, int width) { \
        const int lanes = BYTES / sizeof(T); \
        int j = 0; \
        for (; j + UNROLL * lanes <= width; j += UNROLL * lanes) { \
            Name##BYTES sums[UNROLL]; \
            for (int u = 0; u < UNROLL; u++) { \
                sums[u] = *(const Name##BYTES *) (row + j + u * lanes); \
            } \
            for (int c = 0; c < columns; c++) { \
                const T *source = table + (int64_t) slots[c] * width + j; \
                for (int u = 0; u < UNROLL; u++) { \
                    sums[u] += *(const Name##BYTES *) (source + u * lanes); \
                } \
            } \
            for (int u = 0; u < UNROLL; u++) { \
                *(Name##BYTES *) (row + j + u * lanes) = sums[u]; \
            } \
        } \
        for (; j + lanes <= width; j += lanes) { \
            Name##BYTES sum = *(const Name##BYTES *) (row + j); \
            for (int c = 0; c < columns; c++) { \
                sum += *(const Name##BYTES *) (table + (int64_t) slots[c] * width + j); \
            } \
            *(Name##BYTES *) (row + j) = sum; \
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
    /* sums row sum_rows[c] += the row's n elements from source on, for each row in order and each of its columns: each \
       row's tile is read once for all its columns, and the sums (rows of n elements) stay in the cache */ \
    __attribute__((noinline, target(TARGET))) static void tile_##Name##BYTES(T *restrict sums, const T *restrict source, \
                                                                           const jint *restrict sum_rows, jlong rows, \
                                                                           int columns, int width, int n) { \
        const int lanes = BYTES / sizeof(T); \
        for (jlong r = 0; r < rows; r++, source += width, sum_rows += columns) { \
            int j = 0; \
            for (; j + TILE_VECTORS * lanes <= n; j += TILE_VECTORS * lanes) { \
                Name##BYTES row[TILE_VECTORS]; \
                for (int u = 0; u < TILE_VECTORS; u++) { \
                    row[u] = *(const Name##BYTES *) (source + j + u * lanes); \
                } \
                for (int c = 0; c < columns; c++) { \
                    Name##BYTES *sum = (Name##BYTES *) (sums + (int64_t) sum_rows[c] * n + j); \
                    for (int u = 0; u < TILE_VECTORS; u++) { \
                        sum[u] += row[u]; \
                    } \
                } \
            } \
            for (; j + lanes <= n; j += lanes) { \
                Name##BYTES row = *(const Name##BYTES *) (source + j); \
                for (int c = 0; c < columns; c++) { \
                    *(Name##BYTES *) (sums + (int64_t) sum_rows[c] * n + j) += row; \
                } \
            } \
            for (; j < n; j++) { \
                for (int c = 0; c < columns; c++) { \
                    sums[(int64_t) sum_rows[c] * n + j] += source[j]; \
                } \
            } \
        } \
    } \
    \
    /* row += alpha * (0 + sources[0] + sources[1] + ...), the sum in vector registers: the bits of zeroing a gradient row, \
       adding the sources one by one, scaling it by alpha and adding it (a multiply, then an add) */ \
    __attribute__((noinline, target(TARGET))) static void step_##Name##BYTES(T *restrict row, const jlong *restrict sources, \
                                                                           int count, int width, T alpha) { \
        const int lanes = BYTES / sizeof(T); \
        int j = 0; \
        for (; j + UNROLL * lanes <= width; j += UNROLL * lanes) { \
            Name##BYTES sums[UNROLL] = {{0}}; \
            for (int k = 0; k < count; k++) { \
                const T *source = (const T *) (intptr_t) sources[k] + j; \
                for (int u = 0; u < UNROLL; u++) { \
                    sums[u] += *(const Name##BYTES *) (source + u * lanes); \
                } \
            } \
            for (int u = 0; u < UNROLL; u++) { \
                Name##BYTES step = sums[u] * alpha; \
                *(Name##BYTES *) (row + j + u * lanes) += step; \
            } \
        } \
        for (; j + lanes <= width; j += lanes) { \
            Name##BYTES sum = {0}; \
            for (int k = 0; k < count; k++) { \
                sum += *(const Name##BYTES *) ((const T *) (intptr_t) sources[k] + j); \
            } \
            Name##BYTES step = sum * alpha; \
            *(Name##BYTES *) (row + j) += step; \
        } \
        for (; j < width; j++) { \
            T sum = 0; \
            for (int k = 0; k < count; k++) { \
                sum += ((const T *) (intptr_t) sources[k])[j]; \
            } \
            T step = sum * alpha; \
            row[j] += step; \
        } \
    }

/* Each element type's loops at every width, and the widest the machine runs, set when the library loads */
#define WIDTHS(T, Name) \
    LANE_KERNELS(T, Name, 64, "avx512f") \
    LANE_KERNELS(T, Name, 32, "avx2") \
    LANE_KERNELS(T, Name, 16, "sse2") \
    static void (*sum_##Name)(T *restrict, const T *restrict, const jint *restrict, int, int) = sum_##Name##16; \
    static void (*step_##Name)(T *restrict, const jlong *restrict, int, int, T) = step_##Name##16; \
    static void (*tile_##Name)(T *restrict, const T *restrict, const jint *restrict, jlong, int, int, int) = tile_##Name##16;

WIDTHS(float, Floats)
WIDTHS(double, Doubles)

/* The vector width in bytes that the loops above run at, as choose_widths set it */
static int vector_bytes = 16;

/* Picks the widest loops the CPU runs. DENSE4J_VECTOR_BYTES set to 16 or 32 caps the width, so that
   one machine can run, and the tests check, the narrower loops that other machines take; any other
   value is ignored. */
__attribute__((constructor)) static void choose_widths(void) {
    __builtin_cpu_init();
    const char *asked = getenv("DENSE4J_VECTOR_BYTES");
    int cap = asked != NULL && strcmp(asked, "16") == 0 ? 16 : asked != NULL && strcmp(asked, "32") == 0 ? 32 : 64;
    if (cap >= 64 && __builtin_cpu_supports("avx512f")) {
        sum_Floats = sum_Floats64;
        step_Floats = step_Floats64;
        sum_Doubles = sum_Doubles64;
        step_Doubles = step_Doubles64;
        tile_Floats = tile_Floats64;
        tile_Doubles = tile_Doubles64;
        vector_bytes = 64;
    } else if (cap >= 32 && __builtin_cpu_supports("avx2")) {
        sum_Floats = sum_Floats32;
        step_Floats = step_Floats32;
        sum_Doubles = sum_Doubles32;
        step_Doubles = step_Doubles32;
        tile_Floats = tile_Floats32;
        tile_Doubles = tile_Doubles32;
        vector_bytes = 32;
    }
}

/* A core's level-2 cache in bytes as the C library finds it, or 0 where it does not say */
JNIEXPORT jlong JNICALL Java_io_dense4j_tensor_NativeRows_levelTwoCacheSize(JNIEnv *env, jclass owner) {
    long size = sysconf(_SC_LEVEL2_CACHE_SIZE);
    return size > 0 ? size : 0;
}

JNIEXPORT jint JNICALL Java_io_dense4j_tensor_NativeRows_chosenVectorBytes(JNIEnv *env, jclass owner) {
    return vector_bytes;
}

#define ROW_FUNCTIONS(T, Name) \
    /* target += source, width elements */ \
    CLONES static void add_##Name(T *restrict target, const T *restrict source, int width) { \
        for (int j = 0; j < width; j++) { \
            target[j] += source[j]; \
        } \
    } \
    \
    /* row += alpha * sum, then sum = 0, width elements: a multiply, then an add, and the sum ready for the next tile */ \
    CLONES static void add_scaled_##Name(T *restrict row, T *restrict sum, int width, T alpha) { \
        for (int j = 0; j < width; j++) { \
            T step = sum[j] * alpha; \
            row[j] += step; \
            sum[j] = 0; \
        } \
    } \
    \
    /* target row r += source row slotRows[r * columns + c], for each row r and column c in order */ \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_gather##Name(JNIEnv *env, jclass owner, jlong source, jlong target, \
                                                                          jintArray slotRows, jint rows, jint columns, jint width) { \
        CRITICAL(slots, slotRows, return) \
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
        CRITICAL(slots, slotRows, return) \
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
    /* Plain SGD's step on the slot rows of count categorical columns from column `from` on (io.dense4j.tensor.SlotStep), \
       in one call: each slot row that rows of the parts read += alpha * the sum of those rows of dL/dZ, in part and row \
       order, column after column. target is the address of the first column's first slot row, weight row bounds[0]; \
       column from + i has slot rows [bounds[2i], bounds[2i + 1]). scratch is group_columns' (below), with the parts' dL/dZ \
       addresses and row counts written by the caller. Returns the number of slot rows stepped, or what group_columns \
       returns for a slot outside its column, having stepped none, or 0 with an exception pending if the JVM is out of \
       memory. parts >= 1. */ \
    JNIEXPORT jint JNICALL Java_io_dense4j_tensor_SlotStep_step##Name(JNIEnv *env, jclass owner, jlong target, jlong scratch, \
                                                                      jlong boundsAt, jobjectArray slotRowArrays, jint parts, \
                                                                      jint columns, jint from, jint count, jint width, \
                                                                      T alpha) { \
        const jint *bounds = (const jint *) (intptr_t) boundsAt; \
        jint span = bounds[2 * count - 1] - bounds[0]; \
        jlong *next = (jlong *) (intptr_t) scratch; \
        jlong *groupSlots = next + span; \
        jlong *groups = groupSlots + span; \
        const jlong *sources = groups + count; \
        const jlong *partRows = sources + parts; \
        jlong *entries = (jlong *) partRows + parts; \
        jlong rows = 0; \
        for (jint p = 0; p < parts; p++) { \
            rows += partRows[p]; \
        } \
        jintArray partArrays[parts]; \
        const jint *slotRows[parts]; \
        jint held = hold_slot_rows(env, slotRowArrays, parts, partArrays, slotRows); \
        jint grouped = held == parts \
            ? group_columns(slotRows, partRows, sources, parts, columns, from, count, bounds, \
                            (int64_t) width * (int64_t) sizeof(T), rows, next, groupSlots, groups, entries) \
            : 0; \
        release_slot_rows(env, partArrays, slotRows, held); /* the groups are in the scratch: the rows are stepped without them */ \
        if (grouped <= 0) { \
            return grouped; \
        } \
        for (jint i = 0; i < count; i++) { \
            jint first = bounds[2 * i] - bounds[0]; \
            const jlong *columnEntries = entries + i * rows; \
            for (jint g = 0, start = 0; g < groups[i]; g++) { \
                jlong slot = first + groupSlots[first + g]; \
                jint end = (jint) next[slot]; \
                step_##Name((T *) (intptr_t) target + slot * width, columnEntries + start, end - start, width, alpha); \
                start = end; \
                next[slot] = 0; \
            } \
        } \
        return grouped; \
    } \
    \
    /* Plain SGD's step on units [from, to) of the slot rows of a gathering layer's columns, all at once \
       (io.dense4j.tensor.SlotTiles), after SlotTiles_list listed them: each of the count weight rows in list (counted from \
       row base of target, rows of width elements) += alpha * the sum of the dL/dZ rows that read it, in part and row order, \
       one tile of TILE_BYTES at a time. Row i of the step, over the parts, added into sum row sum_rows[i * columns + c] for \
       each column c; in a tile of n units, sum row k is sums[k * n, + n), all zero on the way in and out. partsAt holds the \
       parts' dL/dZ addresses[parts] and row counts[parts]. */ \
    JNIEXPORT void JNICALL Java_io_dense4j_tensor_SlotTiles_step##Name(JNIEnv *env, jclass owner, jlong target, jlong sumsAt, \
                                                                       jlong listAt, jint count, jint base, jlong sumRowsAt, \
                                                                       jlong partsAt, jint parts, jint columns, jint width, \
                                                                       jint from, jint to, T alpha) { \
        T *sums = (T *) (intptr_t) sumsAt; \
        const jint *list = (const jint *) (intptr_t) listAt; \
        const jlong *sources = (const jlong *) (intptr_t) partsAt; \
        const jlong *partRows = sources + parts; \
        const int tile = TILE_BYTES / sizeof(T); \
        for (jint f = from; f < to; f += tile) { \
            int n = to - f < tile ? to - f : tile; \
            const jint *sumRows = (const jint *) (intptr_t) sumRowsAt; \
            for (jint p = 0; p < parts; p++) { \
                tile_##Name(sums, (const T *) (intptr_t) sources[p] + f, sumRows, partRows[p], columns, width, n); \
                sumRows += partRows[p] * columns; \
            } \
            for (jint i = 0; i < count; i++) { \
                add_scaled_##Name((T *) (intptr_t) target + (int64_t) (base + list[i]) * width + f, sums + (int64_t) list[i] * n, \
                                  n, alpha); \
            } \
        } \
    }

ROW_FUNCTIONS(float, Floats)
ROW_FUNCTIONS(double, Doubles)

/* rows[i] of target set to 0 for i < count, rows of rowBytes bytes */
JNIEXPORT void JNICALL Java_io_dense4j_tensor_NativeRows_zeroRows(JNIEnv *env, jclass owner, jlong target, jintArray rows,
                                                                    jint count, jint rowBytes) {
    CRITICAL(listed, rows, return)
    char *to = (char *) (intptr_t) target;
    for (jint i = 0; i < count; i++) {
        memset(to + (int64_t) listed[i] * rowBytes, 0, (size_t) rowBytes);
    }
    (*env)->ReleasePrimitiveArrayCritical(env, rows, listed, JNI_ABORT);
}
