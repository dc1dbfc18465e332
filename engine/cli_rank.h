/* cli_rank.h - the command line's ranking (part of the gapscan program, not
 * of libgapscan): the line of each scored CV, kept until the batch is done
 * and they can be sorted, then printed as a table or CSV.
 *
 * A line holds figures and indices, not strings: its path is borrowed, and
 * each target's top gaps ("a, b, c") and the degree are kept once in a table
 * of distinct strings, since the same few hundred lists recur across
 * thousands of CVs. Ten targets take about 120 bytes a CV, so a ranking of
 * 100,000 CVs stays near 12 MB where strings per line took over 100 MB. */
#ifndef GS_CLI_RANK_H
#define GS_CLI_RANK_H

#include <stdint.h>
#include <stdio.h>

#define CLI_RANK_NONE UINT32_MAX /* a string index for "no string" (NULL) */

typedef struct cli_rank_line {
    const char *path; /* borrowed: outlives the ranking */
    int *score;       /* per target; -1: not scored */
    uint32_t *gaps;   /* per target: its top gaps in the string table */
    double years;     /* NAN when unknown */
    uint32_t degree;  /* in the string table */
    int best;         /* the best score over the targets */
    size_t job;       /* which input (for the name of its report page) */
} cli_rank_line;

typedef struct cli_ranking {
    cli_rank_line *v;
    size_t n, cap, nt;
    int *scores;     /* cap * nt, where the lines' score arrays live */
    uint32_t *gapv;  /* cap * nt, where the lines' gap indices live */
    char **strs;     /* the distinct strings */
    size_t nstrs, strcap;
    uint32_t *slots; /* open-addressing set over strs: index + 1, 0 empty */
    size_t nslots;
} cli_ranking;

/* Room for `cap` lines of `nt` targets. Returns 0, or -1 when out of memory
 * (rk may then be freed with cli_ranking_free). */
int cli_ranking_init(cli_ranking *rk, size_t cap, size_t nt);
void cli_ranking_free(cli_ranking *rk);

/* Add a line: score[nt] and gaps[nt] (each NULL or a string) are copied;
 * path is borrowed. Returns 0, or -1 when out of memory or full. */
int cli_ranking_add(cli_ranking *rk, const char *path, size_t job, const int *score,
                    char *const *gaps, double years, const char *degree);

/* A string of the table; NULL for CLI_RANK_NONE. */
const char *cli_ranking_str(const cli_ranking *rk, uint32_t i);

/* Best first (the best score over the targets, descending), then by path. */
void cli_ranking_sort(cli_ranking *rk);

/* The sorted ranking as an aligned table or as CSV (RFC 4180), with
 * targets[nt] as the score columns. */
void cli_ranking_print(const cli_ranking *rk, FILE *f, const char *const *targets, int csv);

#endif
