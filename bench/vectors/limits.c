// Bench-only: the machine's limits, measured in the same run as bench/vectors/run.js.
//   limits bandwidth MIB THREADS          -> {"bandwidth_gbs": ...}  streaming read of a MIB buffer
//   limits sgemm LIB M N K THREADS        -> {"sgemm_gflops": ...}  cblas_sgemm from LIB, C = A * B^T
// Built by bench/setup-peers.sh (cc -O3 -march=native); prints one JSON object.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

struct part { const float* p; size_t n; float sum; };

// Eight independent sums so the loop is bound by loads, not by the add latency (vectorized by -O3).
static void* read_part(void* arg) {
  struct part* t = arg;
  float s[16] = {0};
  for (size_t i = 0; i + 16 <= t->n; i += 16)
    for (int j = 0; j < 16; j++) s[j] += t->p[i + j];
  float total = 0;
  for (int j = 0; j < 16; j++) total += s[j];
  t->sum = total;
  return NULL;
}

static int bandwidth(size_t mib, int threads) {
  size_t n = mib * 1024 * 1024 / sizeof(float);
  float* buf = aligned_alloc(64, n * sizeof(float));
  for (size_t i = 0; i < n; i++) buf[i] = (float)(i & 1023) * 1e-3f;  // touch every page first
  double best = 0;
  float sink = 0;
  for (int rep = 0; rep < 5; rep++) {
    pthread_t th[64];
    struct part parts[64];
    double t0 = now();
    for (int k = 0; k < threads; k++) {
      parts[k].p = buf + n / threads * k;
      parts[k].n = n / threads;
      pthread_create(&th[k], NULL, read_part, &parts[k]);
    }
    for (int k = 0; k < threads; k++) {
      pthread_join(th[k], NULL);
      sink += parts[k].sum;
    }
    double gbs = (double)(n / threads * threads) * sizeof(float) / (now() - t0) / 1e9;
    if (gbs > best) best = gbs;
  }
  printf("{\"bandwidth_gbs\":%.3f,\"mib\":%zu,\"threads\":%d,\"sink\":%g}\n", best, mib, threads, (double)sink);
  free(buf);
  return 0;
}

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float*, int, const float*, int, float, float*, int);

static int sgemm(const char* lib, int m, int n, int k, int threads) {
  void* h = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (!h) { fprintf(stderr, "%s\n", dlerror()); return 1; }
  sgemm_fn f = (sgemm_fn)dlsym(h, "cblas_sgemm");
  if (!f) { fprintf(stderr, "no cblas_sgemm in %s\n", lib); return 1; }
  void (*oset)(int) = (void (*)(int))dlsym(h, "openblas_set_num_threads");
  void (*bset)(long) = (void (*)(long))dlsym(h, "bli_thread_set_num_threads");
  void (*mset)(int) = (void (*)(int))dlsym(h, "MKL_Set_Num_Threads");
  if (oset) oset(threads);
  if (bset) bset(threads);
  if (mset) mset(threads);
  float* a = malloc(sizeof(float) * (size_t)m * k);
  float* b = malloc(sizeof(float) * (size_t)n * k);
  float* c = malloc(sizeof(float) * (size_t)m * n);
  for (size_t i = 0; i < (size_t)m * k; i++) a[i] = (float)((i * 7) % 13) * 0.01f;
  for (size_t i = 0; i < (size_t)n * k; i++) b[i] = (float)((i * 5) % 11) * 0.01f;
  // Best call of at least 3 (or as many as fit in 2 s) and at least 1 s: the first call warms up, and a
  // slow library (reference BLAS: tens of seconds per call) is timed once.
  double best = 0;
  double start = now();
  int reps = 0;
  while ((reps < 3 && now() - start < 2.0) || now() - start < 1.0) {
    double t0 = now();
    f(101, 111, 112, m, n, k, 1.0f, a, k, b, k, 0.0f, c, n);
    double g = 2.0 * m * n * k / (now() - t0) / 1e9;
    if (g > best) best = g;
    reps++;
  }
  printf("{\"sgemm_gflops\":%.3f,\"m\":%d,\"n\":%d,\"k\":%d,\"threads\":%d}\n", best, m, n, k, threads);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 4 && strcmp(argv[1], "bandwidth") == 0) return bandwidth((size_t)atol(argv[2]), atoi(argv[3]));
  if (argc == 7 && strcmp(argv[1], "sgemm") == 0) return sgemm(argv[2], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]), atoi(argv[6]));
  fprintf(stderr, "usage: limits bandwidth MIB THREADS | limits sgemm LIB M N K THREADS\n");
  return 2;
}
