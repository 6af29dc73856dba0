// Round trip of one cache line between two CPUs: thread A writes n, thread B waits for n and
// writes n+1, A waits for n+1. Prints ns per round trip (two line transfers).
// Usage: pingpong CPU_A CPU_B [ROUNDS]; built with gcc -O2 -pthread -o pingpong pingpong.c
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
static _Alignas(64) _Atomic long line;
static long rounds;
static void pin(int cpu) { cpu_set_t s; CPU_ZERO(&s); CPU_SET(cpu, &s); pthread_setaffinity_np(pthread_self(), sizeof s, &s); }
static void *other(void *arg) {
  pin(*(int *) arg);
  for (long i = 0; i < rounds; i++) {
    while (atomic_load_explicit(&line, memory_order_acquire) != 2 * i + 1) {}
    atomic_store_explicit(&line, 2 * i + 2, memory_order_release);
  }
  return 0;
}
int main(int argc, char **argv) {
  int a = atoi(argv[1]), b = atoi(argv[2]); rounds = argc > 3 ? atol(argv[3]) : 2000000;
  pthread_t t; pthread_create(&t, 0, other, &b); pin(a);
  struct timespec s, e; clock_gettime(CLOCK_MONOTONIC, &s);
  for (long i = 0; i < rounds; i++) {
    atomic_store_explicit(&line, 2 * i + 1, memory_order_release);
    while (atomic_load_explicit(&line, memory_order_acquire) != 2 * i + 2) {}
  }
  clock_gettime(CLOCK_MONOTONIC, &e); pthread_join(t, 0);
  double ns = (e.tv_sec - s.tv_sec) * 1e9 + (e.tv_nsec - s.tv_nsec);
  printf("cpu %d <-> cpu %d: %.1f ns a round trip (%ld rounds)\n", a, b, ns / rounds, rounds);
  return 0;
}
