#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
typedef float v16 __attribute__((vector_size(64), aligned(4)));
static double now() { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
__attribute__((noinline, target_clones("avx512f", "avx2", "default")))
static void add_row(float* restrict dst, const float* restrict src, int n) { for (int j = 0; j < n; j++) dst[j] += src[j]; }
static void gather_rows(const float* restrict w, float* restrict out, const int* restrict idx, int rows, int cols, int units) {
    for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) add_row(out + (long) r * units, w + (long) idx[r * cols + c] * units, units);
}
__attribute__((noinline, target_clones("avx512f", "avx2", "default")))
static void gather_row_sum(const float* restrict w, float* restrict o, const int* restrict s, int cols, int units) {
    int j = 0;
    for (; j + 16 <= units; j += 16) {
        v16 acc = *(const v16*) (o + j);
        for (int c = 0; c < cols; c++) acc += *(const v16*) (w + (long) s[c] * units + j);
        *(v16*) (o + j) = acc;
    }
    for (; j < units; j++) { float a = o[j]; for (int c = 0; c < cols; c++) a += w[(long) s[c] * units + j]; o[j] = a; }
}
static void gather_sum(const float* restrict w, float* restrict out, const int* restrict idx, int rows, int cols, int units) {
    for (int r = 0; r < rows; r++) gather_row_sum(w, out + (long) r * units, idx + (long) r * cols, cols, units);
}
int main(int argc, char** argv) {
    int units = 256, rows = 256, cols = 10, per = atoi(argv[1]), slots = per * cols;
    float* w = aligned_alloc(64, sizeof(float) * slots * units);
    float* out = aligned_alloc(64, sizeof(float) * rows * units);
    float* out2 = aligned_alloc(64, sizeof(float) * rows * units);
    for (long i = 0; i < (long) slots * units; i++) w[i] = rand() / (float) RAND_MAX;
    memset(out, 0, sizeof(float) * rows * units); memset(out2, 0, sizeof(float) * rows * units);
    int* idx = malloc(sizeof(int) * rows * cols);
    for (int i = 0; i < rows * cols; i++) idx[i] = (i % cols) * per + rand() % per;
    gather_rows(w, out, idx, rows, cols, units); gather_sum(w, out2, idx, rows, cols, units);
    printf("same bits: %d\n", memcmp(out, out2, sizeof(float) * rows * units) == 0);
    for (int round = 0; round < 3; round++) {
        int reps = 4000;
        double t0 = now();
        for (int k = 0; k < reps; k++) gather_rows(w, out, idx, rows, cols, units);
        double t1 = now();
        for (int k = 0; k < reps; k++) gather_sum(w, out2, idx, rows, cols, units);
        double t2 = now();
        printf("row by row %.1f us, summed in registers %.1f us\n", (t1 - t0) / reps * 1e6, (t2 - t1) / reps * 1e6);
    }
}
