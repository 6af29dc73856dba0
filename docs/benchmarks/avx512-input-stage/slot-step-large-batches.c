// A loop-shape experiment for docs/benchmarks.md ("The input stage on an AVX-512 host"): plain SGD's step on
// W-CSV-CAT's 10 categorical columns (102 slots each, rows of 256 float32 units) from a batch's dL/dZ rows, four ways
// that give the same bits (each slot row += alpha * (0 + its rows in row order)):
//   grouped   dense4j_rows.c's slot step: per column, per slot, its rows summed 8 vectors of 64 bytes at a time
//   columns   per column, the rows in order, each added whole into its slot's sum (in memory), then the slots stepped
//   tiles     per 64 units, all columns: each row's 64 units read once and added into its 10 slots' sums, then stepped
//   written   as tiles, but whole rows: each row read once and added into all 10 columns' sums (as writing the
//             gradient does in one task), then the slots stepped
// Build: gcc -O3 -ffp-contract=off slot-step-large-batches.c -o slot-step-large-batches   (AVX-512 loops per function)
//   With -DAHEAD=2, 4 or 8, the way "columns" is replaced by "prefetched": the grouped loop with a software prefetch of the
//   row AHEAD rows on (output in slot-step-prefetch.txt).
// Run:   taskset -c 1 ./slot-step-large-batches s|e ROWS   (s: W-CSV-CAT's skewed codes; e: 102 slots evenly)
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
typedef float v16 __attribute__((vector_size(64), aligned(4)));
#define W 256
#define RMAX 4096
#define C 10
#define S 102
static int R = 256;
static float *dz, *sums;
static int slot[RMAX][C];
static int cnt[C][S], start[C][S + 1], order[C][RMAX];
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
static void group(void) {
    for (int c = 0; c < C; c++) {
        memset(cnt[c], 0, sizeof cnt[c]);
        for (int r = 0; r < R; r++) cnt[c][slot[r][c]]++;
        start[c][0] = 0;
        for (int s = 0; s < S; s++) start[c][s + 1] = start[c][s] + cnt[c][s];
        int pos[S];
        memcpy(pos, start[c], sizeof pos);
        for (int r = 0; r < R; r++) order[c][pos[slot[r][c]]++] = r;
    }
}
__attribute__((noinline, target("avx512f"))) static void step_slot(float *restrict row, const int *rows, int n, float a) {
    for (int j = 0; j < W; j += 128) {
        v16 s[8] = {{0}};
        for (int k = 0; k < n; k++) {
            const float *src = dz + (int64_t) rows[k] * W + j;
            for (int u = 0; u < 8; u++) s[u] += *(const v16 *) (src + 16 * u);
        }
        for (int u = 0; u < 8; u++) { v16 st = s[u] * a; *(v16 *) (row + j + 16 * u) += st; }
    }
}
#ifdef AHEAD
__attribute__((noinline, target("avx512f"))) static void step_slot_prefetch(float *restrict row, const int *rows, int n, float a) {
    for (int j = 0; j < W; j += 128) {
        v16 s[8] = {{0}};
        for (int k = 0; k < n; k++) {
            if (k + AHEAD < n) {
                const char *next = (const char *) (dz + (int64_t) rows[k + AHEAD] * W + j);
                for (int l = 0; l < 512; l += 64) __builtin_prefetch(next + l);
            }
            const float *src = dz + (int64_t) rows[k] * W + j;
            for (int u = 0; u < 8; u++) s[u] += *(const v16 *) (src + 16 * u);
        }
        for (int u = 0; u < 8; u++) { v16 st = s[u] * a; *(v16 *) (row + j + 16 * u) += st; }
    }
}
static void prefetched(float *t, float a) {
    for (int c = 0; c < C; c++)
        for (int s = 0; s < S; s++)
            if (cnt[c][s]) step_slot_prefetch(t + ((int64_t) c * S + s) * W, order[c] + start[c][s], cnt[c][s], a);
}
#endif
static void grouped(float *t, float a) {
    for (int c = 0; c < C; c++)
        for (int s = 0; s < S; s++)
            if (cnt[c][s]) step_slot(t + ((int64_t) c * S + s) * W, order[c] + start[c][s], cnt[c][s], a);
}
/* the touched slots' sums over units [from, from + n) zeroed, then each slot's row there stepped by them */
__attribute__((target("avx512f"))) static void zero_sums(int c0, int c1, int n) {
    for (int c = c0; c < c1; c++) for (int s = 0; s < S; s++) if (cnt[c][s]) memset(sums + ((int64_t) c * S + s) * n, 0, n * 4);
}
__attribute__((target("avx512f"))) static void step_sums(float *t, float a, int c0, int c1, int from, int n) {
    for (int c = c0; c < c1; c++)
        for (int s = 0; s < S; s++)
            if (cnt[c][s]) {
                v16 *sum = (v16 *) (sums + ((int64_t) c * S + s) * n), *row = (v16 *) (t + ((int64_t) c * S + s) * W + from);
                for (int u = 0; u < n / 16; u++) { v16 st = sum[u] * a; row[u] += st; }
            }
}
__attribute__((noinline, unused, target("avx512f"))) static void columns(float *t, float a) {
    for (int c = 0; c < C; c++) {
        zero_sums(c, c + 1, W);
        for (int r = 0; r < R; r++) {
            const v16 *src = (const v16 *) (dz + (int64_t) r * W);
            v16 *sum = (v16 *) (sums + ((int64_t) c * S + slot[r][c]) * W);
            for (int u = 0; u < 16; u++) sum[u] += src[u];
        }
        step_sums(t, a, c, c + 1, 0, W);
    }
}
__attribute__((noinline, target("avx512f"))) static void tiles(float *t, float a) {
    for (int f = 0; f < W; f += 64) {
        zero_sums(0, C, 64);
        for (int r = 0; r < R; r++) {
            const v16 *src = (const v16 *) (dz + (int64_t) r * W + f);
            v16 d0 = src[0], d1 = src[1], d2 = src[2], d3 = src[3];
            for (int c = 0; c < C; c++) {
                v16 *sum = (v16 *) (sums + ((int64_t) c * S + slot[r][c]) * 64);
                sum[0] += d0; sum[1] += d1; sum[2] += d2; sum[3] += d3;
            }
        }
        step_sums(t, a, 0, C, f, 64);
    }
}
__attribute__((noinline, target("avx512f"))) static void written(float *t, float a) {
    zero_sums(0, C, W);
    for (int r = 0; r < R; r++) {
        const v16 *src = (const v16 *) (dz + (int64_t) r * W);
        for (int c = 0; c < C; c++) {
            v16 *sum = (v16 *) (sums + ((int64_t) c * S + slot[r][c]) * W);
            for (int u = 0; u < 16; u++) sum[u] += src[u];
        }
    }
    step_sums(t, a, 0, C, 0, W);
}
int main(int argc, char **argv) {
    int even = argc > 1 && argv[1][0] == 'e';
    if (argc > 2) R = atoi(argv[2]);
    if (R < 1 || R > RMAX) return 2;
#ifdef AHEAD
    void (*way[4])(float *, float) = {grouped, prefetched, tiles, written};
    const char *name[4] = {"grouped", "prefetched", "tiles", "written"};
#else
    void (*way[4])(float *, float) = {grouped, columns, tiles, written};
    const char *name[4] = {"grouped", "columns", "tiles", "written"};
#endif
    float *tab[4];
    dz = aligned_alloc(64, sizeof(float) * RMAX * W);
    sums = aligned_alloc(64, sizeof(float) * C * S * W);
    for (int i = 0; i < R * W; i++) dz[i] = (rand() % 1000 - 500) * 1e-3f;
    for (int w = 0; w < 4; w++) { tab[w] = aligned_alloc(64, sizeof(float) * C * S * W); memset(tab[w], 0, sizeof(float) * C * S * W); }
    int lv[C] = {20, 40, 80, 120, 200, 300, 450, 600, 800, 1000};
    double total[4] = {0};
    int it = 2000 * 256 / R;
    for (int round = 0; round < 5; round++) {
        for (int r = 0; r < R; r++)
            for (int c = 0; c < C; c++) {
                double u = rand() / (RAND_MAX + 1.0);
                int code = even ? (int) (u * S) : (int) (lv[c] * u * u);
                slot[r][c] = code < 100 ? code : 100;
            }
        group();
        for (int w = 0; w < 4; w++) {
            double t0 = now();
            for (int i = 0; i < it; i++) way[w](tab[w], -1e-6f);
            total[w] += now() - t0;
        }
    }
    printf("rows %d, %s codes, us a step:", R, even ? "even" : "skewed");
    for (int w = 0; w < 4; w++) printf(" %s %.1f (%.2fx)", name[w], total[w] / it / 5 * 1e6, total[0] / total[w]);
    int same = 1;
    for (int w = 1; w < 4; w++) same &= memcmp(tab[0], tab[w], sizeof(float) * C * S * W) == 0;
    printf("; the same bits: %s\n", same ? "yes" : "NO");
    return 0;
}
