/* load.c - benchmark: how long opening an engine takes (the lexicon that the
 * build compiled, roles parsed and validated, date patterns compiled), and
 * how long extracting one CV takes.
 * Prints medians; bench/run.sh runs it against a build with the whole
 * lexicon and one with the curated part only, so the ratio shows that the
 * matching cost does not grow with the number of skills.
 *
 * usage: load CV [RUNS] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "gapscan.h"


int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: load CV [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 15;
    if (runs < 1 || runs > 1000)
        runs = 15;
    double *t = calloc((size_t)runs, sizeof *t);
    if (!t)
        return 1;
    gapscan_engine *eng = NULL;
    for (int i = 0; i < runs; i++) {
        double a = bench_now();
        if (gapscan_open(&eng) != GAPSCAN_OK) {
            fprintf(stderr, "load: %s\n", eng ? gapscan_errmsg(eng) : "out of memory");
            return 1;
        }
        t[i] = bench_now() - a;
        if (i + 1 < runs)
            gapscan_close(eng);
    }
    qsort(t, (size_t)runs, sizeof *t, bench_cmp);
    double open_ms = t[runs / 2] * 1000;

    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    static char buf[1 << 20];
    size_t len = fread(buf, 1, sizeof buf, f);
    fclose(f);
    const int per = 200;
    for (int i = 0; i < runs; i++) {
        double a = bench_now();
        for (int k = 0; k < per; k++) {
            gapscan_profile *p = NULL;
            if (gapscan_extract(eng, argv[1], buf, len, &p) != GAPSCAN_OK) {
                fprintf(stderr, "load: %s\n", gapscan_errmsg(eng));
                return 1;
            }
            gapscan_profile_free(p);
        }
        t[i] = (bench_now() - a) / per;
    }
    qsort(t, (size_t)runs, sizeof *t, bench_cmp);
    printf("open %.2f ms  extract %.1f us/CV (%zu bytes)\n", open_ms, t[runs / 2] * 1e6, len);
    gapscan_close(eng);
    free(t);
    return 0;
}
