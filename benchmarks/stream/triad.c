/*
 * STREAM-triad cross-check for benchmarks/README.md: a[i] = b[i] + s*c[i] over three double arrays
 * far larger than the 32 MiB L3, parallelised with OpenMP (OMP_NUM_THREADS sets the thread count).
 * Bandwidth is counted as STREAM counts it, 24 bytes per element (read b, read c, write a); with
 * write-allocate the memory really moves 32 bytes per element (a is read before it is written).
 *
 *   gcc -O3 -march=native -fopenmp -o triad triad.c && OMP_NUM_THREADS=2 ./triad [elements] [reps]
 *
 * Prints the best and the median repetition. Arrays are first touched in the same parallel
 * partition that later uses them, so each thread's pages are local to it.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *x, const void *y) {
    double a = *(const double *) x, b = *(const double *) y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1L << 25;   /* 3 x 256 MiB by default */
    int reps = argc > 2 ? atoi(argv[2]) : 20;
    if (n <= 0 || reps <= 0) {
        fprintf(stderr, "usage: %s [elements > 0] [repetitions > 0]\n", argv[0]);
        return 2;
    }
    double *a = malloc(n * sizeof(double));
    double *b = malloc(n * sizeof(double));
    double *c = malloc(n * sizeof(double));
    double *seconds = malloc(reps * sizeof(double));
    if (!a || !b || !c || !seconds) {
        fprintf(stderr, "cannot allocate 3 arrays of %ld doubles\n", n);
        return 1;
    }
    const double s = 3.0;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.5 * (double) i;
    }
    for (int r = 0; r < reps; r++) {
        double t0 = omp_get_wtime();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++) {
            a[i] = b[i] + s * c[i];
        }
        seconds[r] = omp_get_wtime() - t0;
    }
    double checksum = 0;
    for (long i = 0; i < n; i += 4096) {
        checksum += a[i];
    }
    qsort(seconds, reps, sizeof(double), compare);
    double bytes = 24.0 * (double) n;
    printf("threads=%d elements=%ld arrays=%.0f MiB each reps=%d\n", omp_get_max_threads(), n,
           n * 8.0 / (1 << 20), reps);
    printf("triad best   %.2f GB/s (24 B/element; %.2f GB/s counting write-allocate, 32 B)\n",
           bytes / seconds[0] * 1e-9, bytes / seconds[0] * 1e-9 * 4.0 / 3.0);
    printf("triad median %.2f GB/s\n", bytes / seconds[reps / 2] * 1e-9);
    printf("checksum %.6e\n", checksum);
    free(a); free(b); free(c); free(seconds);
    return 0;
}
