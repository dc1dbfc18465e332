/* stages.c - benchmark: where the time of one CV goes, stage by stage, on
 * one core. For each CV of a corpus (files named on the command line, read
 * into memory first so no disk time is counted) it times:
 *
 *   read      format detection and conversion to text (gs_read)
 *   decode    encoding detection, UTF-8 conversion, line map (gs_text_decode)
 *   tokenize  text to tokens (gs_tokenize)
 *   match     one pass of the lexicon trie over the tokens (gs_lexicon_terms)
 *   extract   the whole extraction (gapscan_extract: all of the above plus
 *             skill judging, positions, dates and experience, education);
 *             "judge+dates" is extract minus the stages above
 *   score     the profile against every built-in target
 *   report    each of those matches rendered as a JSON Lines report
 *
 * Stages are timed cumulatively over the whole corpus, RUNS times, and the
 * medians are printed with CVs/s and MB/s. The end-to-end figure (extract
 * once, score all targets, JSON out) is the one the speed aim is about.
 *
 * usage: stages [-r RUNS] CV...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench.h"
#include "gapscan.h"
#include "internal.h"
#include "lexicon.h"
#include "read.h"
#include "text.h"
#include "token.h"

typedef struct cv {
    const char *name;
    char *data;
    size_t len;
} cv;


static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (size_t got; b && (got = fread(b + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

enum { S_READ, S_DECODE, S_TOKENIZE, S_MATCH, S_EXTRACT, S_SCORE, S_REPORT, S_N };
static const char *const STAGE[S_N] = {"read", "decode", "tokenize", "match",
                                       "extract", "score", "report"};

static void die(gapscan_engine *eng, const char *what)
{
    fprintf(stderr, "stages: %s: %s\n", what, eng ? gapscan_errmsg(eng) : "out of memory");
    exit(1);
}

/* One run over the corpus: adds each stage's seconds into t[]. */
static void run(gapscan_engine *eng, const cv *cvs, size_t n, double *t)
{
    const struct gs_lexicon *lex = gs_engine_lexicon(eng);
    size_t nroles = gapscan_role_count(eng);
    gs_mem mem = {.fail_after = -1};
    char err[256];
    for (size_t i = 0; i < n; i++) {
        double a = bench_now();
        gs_read_out text;
        if (gs_read(&mem, cvs[i].data, cvs[i].len, (size_t)1 << 30, &text, err, sizeof err))
            die(NULL, err);
        double b = bench_now();
        gs_arena arena;
        gs_arena_init(&arena, &mem);
        gs_doc doc;
        if (gs_text_decode(&arena, text.text, text.len, &doc, err, sizeof err))
            die(NULL, err);
        double c = bench_now();
        gs_tokens toks = {0};
        if (gs_tokenize(&mem, doc.text, doc.len, 0, &toks))
            die(NULL, "tokenize");
        double d = bench_now();
        gs_lexicon_terms(lex, doc.text, toks.v, toks.n);
        double e = bench_now();
        gs_tokens_free(&mem, &toks);
        gs_arena_free(&arena);
        gs_free(&mem, text.owned);

        double f = bench_now();
        gapscan_profile *p = NULL;
        if (gapscan_extract(eng, cvs[i].name, cvs[i].data, cvs[i].len, &p))
            die(eng, cvs[i].name);
        double g = bench_now();
        gapscan_match *m[64];
        size_t nm = nroles < 64 ? nroles : 64;
        for (size_t r = 0; r < nm; r++)
            if (gapscan_score(eng, p, gapscan_role_at(eng, r), &m[r]))
                die(eng, "score");
        double h = bench_now();
        for (size_t r = 0; r < nm; r++) {
            char *out = NULL;
            size_t len = 0;
            if (gapscan_render(eng, m[r], GAPSCAN_FORMAT_JSONL, &out, &len))
                die(eng, "render");
            gapscan_free(out);
        }
        double k = bench_now();
        for (size_t r = 0; r < nm; r++)
            gapscan_match_free(m[r]);
        gapscan_profile_free(p);
        t[S_READ] += b - a;
        t[S_DECODE] += c - b;
        t[S_TOKENIZE] += d - c;
        t[S_MATCH] += e - d;
        t[S_EXTRACT] += g - f;
        t[S_SCORE] += h - g;
        t[S_REPORT] += k - h;
    }
}

int main(int argc, char **argv)
{
    int runs = 7, first = 1;
    if (argc > 2 && !strcmp(argv[1], "-r")) {
        runs = atoi(argv[2]);
        first = 3;
    }
    if (first >= argc || runs < 1 || runs > 1000) {
        fprintf(stderr, "usage: stages [-r RUNS] CV...\n");
        return 2;
    }
    size_t n = (size_t)(argc - first), bytes = 0;
    cv *cvs = calloc(n, sizeof *cvs);
    if (!cvs)
        return 1;
    for (size_t i = 0; i < n; i++) {
        cvs[i].name = argv[first + (int)i];
        cvs[i].data = slurp(cvs[i].name, &cvs[i].len);
        if (!cvs[i].data) {
            perror(cvs[i].name);
            return 1;
        }
        bytes += cvs[i].len;
    }
    gapscan_engine *eng = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK)
        die(eng, "open");
    gapscan_set_as_of(eng, 2026, 11);

    double *t = calloc((size_t)runs * S_N, sizeof *t);
    if (!t)
        return 1;
    run(eng, cvs, n < 50 ? n : 50, t); /* warm the caches */
    memset(t, 0, (size_t)runs * S_N * sizeof *t);
    for (int r = 0; r < runs; r++)
        run(eng, cvs, n, t + (size_t)r * S_N);

    double med[S_N], col[64];
    for (int s = 0; s < S_N; s++) {
        for (int r = 0; r < runs && r < 64; r++)
            col[r] = t[(size_t)r * S_N + (size_t)s];
        int m = runs < 64 ? runs : 64;
        qsort(col, (size_t)m, sizeof *col, bench_cmp);
        med[s] = col[m / 2];
    }
    double inner = med[S_READ] + med[S_DECODE] + med[S_TOKENIZE] + med[S_MATCH];
    double total = med[S_EXTRACT] + med[S_SCORE] + med[S_REPORT];
    printf("%zu CVs, %.1f KB on average, %zu targets, median of %d runs, one core\n", n,
           bytes / 1024.0 / (double)n, gapscan_role_count(eng), runs);
    printf("  %-12s %10s %8s\n", "stage", "us/CV", "share");
    for (int s = 0; s < S_EXTRACT; s++)
        printf("  %-12s %10.2f %7.1f%%\n", STAGE[s], med[s] * 1e6 / (double)n,
               100 * med[s] / total);
    double rest = med[S_EXTRACT] > inner ? med[S_EXTRACT] - inner : 0;
    printf("  %-12s %10.2f %7.1f%%\n", "judge+dates", rest * 1e6 / (double)n, 100 * rest / total);
    for (int s = S_SCORE; s < S_N; s++)
        printf("  %-12s %10.2f %7.1f%%\n", STAGE[s], med[s] * 1e6 / (double)n,
               100 * med[s] / total);
    printf("  end to end: %.0f CVs/s, %.1f MB/s (extract once, score %zu targets, JSON)\n",
           (double)n / total, (double)bytes / total / 1e6, gapscan_role_count(eng));
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) /* the corpus itself is in memory too */
        printf("  peak RSS %ld KB (%.1f MB of CVs held in memory)\n", ru.ru_maxrss, bytes / 1e6);
    gapscan_close(eng);
    for (size_t i = 0; i < n; i++)
        free(cvs[i].data);
    free(cvs);
    free(t);
    return 0;
}
