/* cli_rank.c - the command line's ranking: compact lines kept until the
 * batch is done, sorted, and printed as a table or CSV (see cli_rank.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli_rank.h"

int cli_ranking_init(cli_ranking *rk, size_t cap, size_t nt)
{
    memset(rk, 0, sizeof *rk);
    rk->cap = cap;
    rk->nt = nt;
    if (nt && cap > SIZE_MAX / nt / sizeof *rk->scores)
        return -1;
    size_t cells = cap && nt ? cap * nt : 1;
    rk->v = malloc((cap ? cap : 1) * sizeof *rk->v);
    rk->scores = malloc(cells * sizeof *rk->scores);
    rk->gapv = malloc(cells * sizeof *rk->gapv);
    rk->nslots = 64;
    rk->slots = calloc(rk->nslots, sizeof *rk->slots);
    return rk->v && rk->scores && rk->gapv && rk->slots ? 0 : -1;
}

void cli_ranking_free(cli_ranking *rk)
{
    for (size_t i = 0; i < rk->nstrs; i++)
        free(rk->strs[i]);
    free(rk->strs);
    free(rk->slots);
    free(rk->gapv);
    free(rk->scores);
    free(rk->v);
    memset(rk, 0, sizeof *rk);
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot where s is, or the empty one where it would go. */
static uint32_t *slot_of(const cli_ranking *rk, const char *s)
{
    size_t mask = rk->nslots - 1;
    for (size_t k = (size_t)str_hash(s) & mask;; k = (k + 1) & mask) {
        uint32_t *at = &rk->slots[k];
        if (!*at || !strcmp(rk->strs[*at - 1], s))
            return at;
    }
}

/* The index of s in the string table, adding it when new; CLI_RANK_NONE
 * for NULL. Returns -1 when out of memory. */
static int intern(cli_ranking *rk, const char *s, uint32_t *out)
{
    if (!s) {
        *out = CLI_RANK_NONE;
        return 0;
    }
    uint32_t *at = slot_of(rk, s);
    if (*at) {
        *out = *at - 1;
        return 0;
    }
    if (rk->nstrs + 1 >= CLI_RANK_NONE)
        return -1;
    if (rk->nstrs == rk->strcap) {
        size_t cap = rk->strcap ? 2 * rk->strcap : 32;
        char **v = realloc(rk->strs, cap * sizeof *v);
        if (!v)
            return -1;
        rk->strs = v;
        rk->strcap = cap;
    }
    if (!(rk->strs[rk->nstrs] = strdup(s)))
        return -1;
    *at = (uint32_t)++rk->nstrs;
    *out = *at - 1;
    /* at most half full: rehash into twice the slots */
    if (2 * rk->nstrs > rk->nslots) {
        uint32_t *old = rk->slots;
        size_t nold = rk->nslots;
        uint32_t *slots = calloc(2 * nold, sizeof *slots);
        if (!slots)
            return -1; /* s is in; a set left to fill up would never end a probe */
        rk->slots = slots;
        rk->nslots = 2 * nold;
        for (size_t k = 0; k < nold; k++)
            if (old[k])
                *slot_of(rk, rk->strs[old[k] - 1]) = old[k];
        free(old);
    }
    return 0;
}

const char *cli_ranking_str(const cli_ranking *rk, uint32_t i)
{
    return i == CLI_RANK_NONE ? NULL : rk->strs[i];
}

int cli_ranking_add(cli_ranking *rk, const char *path, size_t job, const int *score,
                    char *const *gaps, double years, const char *degree)
{
    if (rk->n == rk->cap)
        return -1;
    cli_rank_line *l = &rk->v[rk->n];
    l->path = path;
    l->job = job;
    l->years = years;
    l->score = rk->scores + rk->n * rk->nt;
    l->gaps = rk->gapv + rk->n * rk->nt;
    l->best = -1;
    for (size_t t = 0; t < rk->nt; t++) {
        l->score[t] = score[t];
        if (score[t] > l->best)
            l->best = score[t];
        if (intern(rk, gaps[t], &l->gaps[t]))
            return -1;
    }
    if (intern(rk, degree, &l->degree))
        return -1;
    rk->n++;
    return 0;
}

static int cmp_line(const void *a, const void *b)
{
    const cli_rank_line *x = a, *y = b;
    if (x->best != y->best)
        return x->best > y->best ? -1 : 1;
    return strcmp(x->path, y->path);
}

void cli_ranking_sort(cli_ranking *rk)
{
    qsort(rk->v, rk->n, sizeof *rk->v, cmp_line);
}

static void years_text(double y, char *buf, size_t n)
{
    if (isnan(y))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%.1f", y);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line end; quotes doubled. */
static void csv_field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

/* Display width of UTF-8 text (code points). */
static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *f, const char *s, int w, int right)
{
    int n = w - width(s);
    if (right)
        for (; n > 0; n--)
            fputc(' ', f);
    fputs(s, f);
    if (!right)
        for (; n > 0; n--)
            fputc(' ', f);
}

static void print_csv(const cli_ranking *rk, FILE *f, const char *const *targets)
{
    size_t nt = rk->nt;
    char yb[32], nb[32];
    csv_field(f, "rank", 0);
    if (nt == 1) {
        csv_field(f, "score", 0);
        csv_field(f, "candidate", 0);
        csv_field(f, "top_gaps", 0);
    } else {
        csv_field(f, "candidate", 0);
        for (size_t t = 0; t < nt; t++) {
            char h[160];
            csv_field(f, targets[t], 0);
            snprintf(h, sizeof h, "%s gaps", targets[t]);
            csv_field(f, h, 0);
        }
    }
    csv_field(f, "years", 0);
    csv_field(f, "degree", 1);
    for (size_t i = 0; i < rk->n; i++) {
        const cli_rank_line *l = &rk->v[i];
        snprintf(nb, sizeof nb, "%zu", i + 1);
        csv_field(f, nb, 0);
        if (nt == 1) {
            snprintf(yb, sizeof yb, "%d", l->score[0]);
            csv_field(f, yb, 0);
            csv_field(f, l->path, 0);
        } else {
            csv_field(f, l->path, 0);
        }
        for (size_t t = 0; t < nt; t++) {
            const char *g = cli_ranking_str(rk, l->gaps[t]);
            if (nt > 1) {
                snprintf(yb, sizeof yb, "%d", l->score[t]);
                csv_field(f, l->score[t] >= 0 ? yb : "", 0);
            }
            csv_field(f, g ? g : "", 0);
        }
        if (isnan(l->years))
            yb[0] = '\0';
        else
            years_text(l->years, yb, sizeof yb);
        csv_field(f, yb, 0);
        csv_field(f, cli_ranking_str(rk, l->degree), 1);
    }
}

void cli_ranking_print(const cli_ranking *rk, FILE *f, const char *const *targets, int csv)
{
    if (csv) {
        print_csv(rk, f, targets);
        return;
    }
    size_t nt = rk->nt;
    char yb[32], nb[32];
    /* column widths from the content */
    int wc = width("candidate"), wg = width("top gaps");
    for (size_t i = 0; i < rk->n; i++) {
        const char *g = nt == 1 ? cli_ranking_str(rk, rk->v[i].gaps[0]) : NULL;
        if (width(rk->v[i].path) > wc)
            wc = width(rk->v[i].path);
        if (g && width(g) > wg)
            wg = width(g);
    }
    fputs("rank  ", f);
    if (nt == 1) {
        fputs("score  ", f);
        pad(f, "candidate", wc, 0);
        fputs("  ", f);
        pad(f, "top gaps", wg, 0);
    } else {
        pad(f, "candidate", wc, 0);
        for (size_t t = 0; t < nt; t++) {
            fputs("  ", f);
            fputs(targets[t], f);
        }
    }
    fputs("  years  degree\n", f);
    for (size_t i = 0; i < rk->n; i++) {
        const cli_rank_line *l = &rk->v[i];
        snprintf(nb, sizeof nb, "%zu", i + 1);
        pad(f, nb, 4, 1);
        fputs("  ", f);
        if (nt == 1) {
            const char *g = cli_ranking_str(rk, l->gaps[0]);
            snprintf(yb, sizeof yb, "%d", l->score[0]);
            pad(f, yb, 5, 1);
            fputs("  ", f);
            pad(f, l->path, wc, 0);
            fputs("  ", f);
            pad(f, g && *g ? g : "-", wg, 0);
        } else {
            pad(f, l->path, wc, 0);
            for (size_t t = 0; t < nt; t++) {
                fputs("  ", f);
                if (l->score[t] >= 0)
                    snprintf(yb, sizeof yb, "%d", l->score[t]);
                else
                    snprintf(yb, sizeof yb, "-");
                pad(f, yb, width(targets[t]), 1);
            }
        }
        const char *deg = cli_ranking_str(rk, l->degree);
        years_text(l->years, yb, sizeof yb);
        fputs("  ", f);
        pad(f, yb, 5, 1);
        fputs("  ", f);
        fputs(deg && *deg ? deg : "-", f);
        fputc('\n', f);
    }
}
