/*
 * The slots a step's rows read, for plain SGD's step on categorical columns' slot rows: each part's
 * slot rows held out of the JVM's arrays for a native loop, the rows grouped by slot column by
 * column (io.dense4j.tensor.SlotStep, whose kernels are in dense4j_rows.c), or the slot rows listed
 * once for all the columns (io.dense4j.tensor.SlotTiles). Each checks every slot against its column
 * as it reads it: the Java side checks every size but those.
 */
#include "dense4j.h"
#include "dense4j_slot_rows.h"
#include <stdint.h>

/* Groups a step's rows by the slot each read in one categorical column, a stable counting sort: each slot's rows stay in part
   and row order, and the slots come in the order of their first rows. Row r of part p read slot
   slot_rows[p][r * columns + column] - offset, and its entry is the address of its row of dL/dZ, sources[p] + r * row_bytes.
   next[0, slots) is all zero on the way in. Afterwards group_slots[0, groups) are the slots read, group g's entries run from
   where group g - 1's entries end to next[group_slots[g]], and the first starts at 0. Returns the number of groups, or -1 - the index
   of the first row (counted over the parts) whose slot is not in [0, slots), with next all zero again. */
static jint group_by_slot(const jint **slot_rows, const jlong *part_rows, const jlong *sources, int parts, int column,
                          int columns, int offset, int slots, int64_t row_bytes, jlong *next, jlong *group_slots,
                          jlong *entries) {
    jint groups = 0;
    jint seen = 0;
    for (int p = 0; p < parts; p++) {
        const jint *read = slot_rows[p] + column;
        for (jlong r = 0; r < part_rows[p]; r++, read += columns, seen++) {
            int64_t slot = (int64_t) *read - offset;
            if (slot < 0 || slot >= slots) {
                for (jint g = 0; g < groups; g++) {
                    next[group_slots[g]] = 0;
                }
                return -1 - seen;
            }
            if (next[slot]++ == 0) {
                group_slots[groups++] = slot;
            }
        }
    }
    for (jint g = 0, start = 0; g < groups; g++) { /* next[slot] becomes where the slot's next entry goes */
        jlong slot = group_slots[g];
        jlong count = next[slot];
        next[slot] = start;
        start += count;
    }
    for (int p = 0; p < parts; p++) {
        const jint *read = slot_rows[p] + column;
        for (jlong r = 0; r < part_rows[p]; r++, read += columns) {
            entries[next[(int64_t) *read - offset]++] = sources[p] + r * row_bytes;
        }
    }
    return groups;
}

/* Groups a step's rows by slot in each of count categorical columns from column `from` on, each as group_by_slot does, so
   that none is stepped unless every row's slot lies in its column. Column from + i has slot rows [bounds[2i], bounds[2i + 1]),
   and its share of the scratch starts at its first slot row less bounds[0] in next and group_slots (each of the columns'
   span of rows; next all zero on the way in), and at entries + i * rows; groups[i] is its number of groups. Returns the
   number of groups over all the columns, or -1 - (the index of the first row whose slot is out of range, counted over the
   parts, times count, plus the column's place among the count), with next all zero again. */
jint group_columns(const jint **slot_rows, const jlong *part_rows, const jlong *sources, int parts, int columns,
                          int from, int count, const jint *bounds, int64_t row_bytes, jlong rows, jlong *next,
                          jlong *group_slots, jlong *groups, jlong *entries) {
    jint total = 0;
    for (jint i = 0; i < count; i++) {
        jint first = bounds[2 * i] - bounds[0];
        jint found = group_by_slot(slot_rows, part_rows, sources, parts, from + i, columns, bounds[2 * i],
                                   bounds[2 * i + 1] - bounds[2 * i], row_bytes, next + first, group_slots + first,
                                   entries + i * rows);
        if (found < 0) {
            for (jint j = 0; j < i; j++) { /* the columns grouped before: their slots' next back to zero */
                jint before = bounds[2 * j] - bounds[0];
                for (jlong g = 0; g < groups[j]; g++) {
                    next[before + group_slots[before + g]] = 0;
                }
            }
            return -1 - ((-1 - found) * count + i);
        }
        groups[i] = found;
        total += found;
    }
    return total;
}

/* Holds each part's slot rows, a Java int array of slot_row_arrays, in slot_rows for a native loop, until
   release_slot_rows. Returns how many it holds: fewer than parts if the JVM is out of memory, with an exception pending. */
jint hold_slot_rows(JNIEnv *env, jobjectArray slot_row_arrays, jint parts, jintArray *arrays, const jint **slot_rows) {
    if ((*env)->EnsureLocalCapacity(env, parts) != 0) {
        return 0;
    }
    for (jint p = 0; p < parts; p++) {
        arrays[p] = (*env)->GetObjectArrayElement(env, slot_row_arrays, p);
    }
    jint held = 0;
    for (; held < parts; held++) {
        slot_rows[held] = (*env)->GetPrimitiveArrayCritical(env, arrays[held], NULL);
        if (slot_rows[held] == NULL) {
            break;
        }
    }
    return held;
}

/* Lets go of the first held arrays that hold_slot_rows holds, in the reverse order */
void release_slot_rows(JNIEnv *env, jintArray *arrays, const jint **slot_rows, jint held) {
    while (held > 0) {
        held--;
        (*env)->ReleasePrimitiveArrayCritical(env, arrays[held], (void *) slot_rows[held], JNI_ABORT);
    }
}

/* Lists the slot rows a step's rows read in a gathering layer's columns, each once, in the order of their first rows: row r
   of part p read weight row slot_rows[p][r * columns + c] in column c, which must lie in [bounds[2c], bounds[2c + 1]).
   list gets each such row less bounds[0], and touched[row - bounds[0]] becomes 1 for them alone: it is zero for every row on
   the way in. sum_rows gets row - bounds[0] for each row and column, the parts' rows one after another. Returns the count
   listed, or -1 - (the index of the first row, counted over the parts) * columns - its column if that row's slot lies
   outside its column, with every mark zero again. */
static jint list_slot_rows(const jint **slot_rows, const jlong *part_rows, int parts, int columns, const jint *bounds,
                           jint *list, unsigned char *touched, jint *sum_rows) {
    const jint base = bounds[0];
    jint count = 0;
    int64_t seen = 0;
    for (int p = 0; p < parts; p++) {
        const jint *read = slot_rows[p];
        for (jlong r = 0; r < part_rows[p]; r++, seen++, read += columns) {
            for (int c = 0; c < columns; c++) {
                jint row = read[c];
                if (row < bounds[2 * c] || row >= bounds[2 * c + 1]) {
                    for (jint i = 0; i < count; i++) {
                        touched[list[i]] = 0;
                    }
                    return (jint) (-1 - (seen * columns + c));
                }
                row -= base;
                sum_rows[seen * columns + c] = row;
                if (!touched[row]) {
                    touched[row] = 1;
                    list[count++] = row;
                }
            }
        }
    }
    return count;
}

/* Lists the slot rows a step's rows read for io.dense4j.tensor.SlotTiles, as list_slot_rows does but in row order, after
   clearing the marks of the previous listing's rows (previous of them in list). partsAt holds the parts' row counts from word
   parts on. Returns what list_slot_rows returns, or 0 with an exception pending if the JVM is out of memory. */
JNIEXPORT jint JNICALL Java_io_dense4j_tensor_SlotTiles_list(JNIEnv *env, jclass owner, jlong listAt, jlong touchedAt,
                                                              jint previous, jlong sumRowsAt, jlong boundsAt, jlong partsAt,
                                                              jobjectArray slotRowArrays, jint parts, jint columns) {
    jint *list = (jint *) (intptr_t) listAt;
    unsigned char *touched = (unsigned char *) (intptr_t) touchedAt;
    for (jint i = 0; i < previous; i++) {
        touched[list[i]] = 0;
    }
    jintArray partArrays[parts];
    const jint *slotRows[parts];
    jint held = hold_slot_rows(env, slotRowArrays, parts, partArrays, slotRows);
    const jint *bounds = (const jint *) (intptr_t) boundsAt;
    jint count = held == parts
        ? list_slot_rows(slotRows, (const jlong *) (intptr_t) partsAt + parts, parts, columns, bounds, list, touched,
                         (jint *) (intptr_t) sumRowsAt)
        : 0;
    release_slot_rows(env, partArrays, slotRows, held);
    /* in row order, so that stepping them walks the weights and the sums forward, as the CPU's prefetchers follow
       (docs/benchmarks.md, "The slot step tile by tile for large batches") */
    for (jint row = 0, i = 0; count > 0 && row < bounds[2 * columns - 1] - bounds[0]; row++) {
        if (touched[row]) {
            list[i++] = row;
        }
    }
    return count;
}
