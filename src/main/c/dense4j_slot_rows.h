/* The slot-row grouping that dense4j_rows.c's slot step shares with dense4j_slot_rows.c, which defines and documents it. */
#ifndef DENSE4J_SLOT_ROWS_H
#define DENSE4J_SLOT_ROWS_H

#include <jni.h>
#include <stdint.h>

/* Each part's slot rows, a Java int array of slot_row_arrays, held in slot_rows; returns how many it holds */
jint hold_slot_rows(JNIEnv *env, jobjectArray slot_row_arrays, jint parts, jintArray *arrays, const jint **slot_rows);

/* Lets go of what hold_slot_rows holds */
void release_slot_rows(JNIEnv *env, jintArray *arrays, const jint **slot_rows, jint held);

/* A step's rows grouped by slot in count columns from column `from` on, every column before any is stepped */
jint group_columns(const jint **slot_rows, const jlong *part_rows, const jlong *sources, int parts, int columns, int from,
                   int count, const jint *bounds, int64_t row_bytes, jlong rows, jlong *next, jlong *group_slots, jlong *groups,
                   jlong *entries);

#endif
