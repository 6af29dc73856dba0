// Two threads share a table of weight rows as a data-parallel categorical step does: both read
// every row (the gather), then each read-modify-writes its own half (the slot step). Times each
// phase per thread. Usage: share MODE POLLUTE_KB (each thread reads POLLUTE_KB of its own between
// the phases, as the rest of a step would). MODE is a sum of:
//  1 the writer CLDEMOTEs each row it wrote; 2 each reader CLDEMOTEs the rows it will not write;
//  4 each thread reads only its own half of the rows (nothing shared);
//  8 each thread writes 128 KB of partial sums that the other reads after the barrier (timed apart).
// Built with gcc 12: gcc -O2 -pthread -o share share.c
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define ROWS 600
#define WIDTH 256
#define ITER 3000
static float *table; static int mode; static long pollute_floats;
static _Atomic int arrived; static _Atomic int generation;
static double phase_ns[2][3]; static float *partial[2];
static void barrier(void) {
  int g = atomic_load(&generation);
  if (atomic_fetch_add(&arrived, 1) == 1) { atomic_store(&arrived, 0); atomic_fetch_add(&generation, 1); }
  else while (atomic_load(&generation) == g) {}
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }
__attribute__((target("cldemote"))) static void demote(float *row) { for (int j = 0; j < WIDTH; j += 16) _cldemote(row + j); }
__attribute__((target("avx512f,cldemote"))) static void *run(void *arg) {
  int id = (int) (long) arg; cpu_set_t s; CPU_ZERO(&s); CPU_SET(id, &s); pthread_setaffinity_np(pthread_self(), sizeof s, &s);
  float *junk = aligned_alloc(64, pollute_floats * 4 + 64); memset(junk, 0, pollute_floats * 4);
  __m512 acc = _mm512_setzero_ps(); volatile float sink;
  int lo = id * ROWS / 2, hi = lo + ROWS / 2;
  for (int it = 0; it < ITER; it++) {
    barrier(); double t0 = now();
    for (int r = 0; r < ROWS; r++) { int row = (r * 7919 + it) % ROWS; if ((mode & 4) && (row < lo || row >= hi)) continue; for (int j = 0; j < WIDTH; j += 16) acc = _mm512_add_ps(acc, _mm512_load_ps(table + row * WIDTH + j)); }
    if (mode & 2) for (int r = 0; r < ROWS; r++) if (r < lo || r >= hi) demote(table + r * WIDTH);
    double t1 = now();
    for (long i = 0; i < pollute_floats; i += 16) acc = _mm512_add_ps(acc, _mm512_load_ps(junk + i));
    if (mode & 8) { float *mine = partial[id]; for (int i = 0; i < 32768; i += 16) _mm512_store_ps(mine + i, acc); }
    barrier(); double t2 = now();
    if (mode & 8) { const float *theirs = partial[1 - id]; for (int i = 0; i < 32768; i += 16) acc = _mm512_add_ps(acc, _mm512_load_ps(theirs + i)); }
    double t2b = now();
    for (int r = lo; r < hi; r++) { float *row = table + r * WIDTH; for (int j = 0; j < WIDTH; j += 16) _mm512_store_ps(row + j, _mm512_add_ps(_mm512_load_ps(row + j), _mm512_set1_ps(1e-9f))); if (mode & 1) demote(row); }
    double t3 = now();
    if (it >= 100) { phase_ns[id][0] += t1 - t0; phase_ns[id][1] += t3 - t2b; phase_ns[id][2] += t2b - t2; }
  }
  sink = _mm512_reduce_add_ps(acc); (void) sink; return 0;
}
int main(int argc, char **argv) {
  mode = atoi(argv[1]); pollute_floats = atol(argv[2]) * 256;
  partial[0] = aligned_alloc(64, 131072); partial[1] = aligned_alloc(64, 131072); memset(partial[0], 0, 131072); memset(partial[1], 0, 131072);
  table = aligned_alloc(64, ROWS * WIDTH * 4); memset(table, 0, ROWS * WIDTH * 4);
  pthread_t t[2]; for (long i = 0; i < 2; i++) pthread_create(&t[i], 0, run, (void *) i);
  for (int i = 0; i < 2; i++) pthread_join(t[i], 0);
  int n = ITER - 100;
  printf("mode %d pollute %s KB: gather %.1f / %.1f us, step %.1f / %.1f us, reading the other's 128 KB %.1f / %.1f us (thread 0 / 1)\n", mode, argv[2],
         phase_ns[0][0] / n / 1e3, phase_ns[1][0] / n / 1e3, phase_ns[0][1] / n / 1e3, phase_ns[1][1] / n / 1e3, phase_ns[0][2] / n / 1e3, phase_ns[1][2] / n / 1e3);
}
