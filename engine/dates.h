/* dates.h - date ranges in CV lines ("Jan 2015 – Present", "2015-2019",
 * "03/2016 - 11/2020", "Since 2021") as inclusive month intervals.
 *
 * Months are counted as year*12 + (month-1). A lone year means January when
 * it opens a range and December when it closes one. The patterns are PCRE2
 * (JIT when available), compiled once per lexicon load and shared read-only;
 * each engine has its own match data. */
#ifndef GS_DATES_H
#define GS_DATES_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"

typedef struct gs_dates gs_dates;   /* compiled patterns, shared */
typedef struct gs_dscan gs_dscan;   /* per-engine scratch */

typedef struct gs_range {
    int32_t start;  /* first month (inclusive) */
    int32_t end;    /* last month (inclusive) */
    int open;       /* 1 when the range ends "present" */
    size_t off;     /* byte offset of the match in the line */
    size_t len;     /* bytes of the match */
} gs_range;

gs_dates *gs_dates_new(gs_mem *mem, gapscan_status *status, char *err, size_t errlen);
void gs_dates_free(gs_mem *mem, gs_dates *d);

gs_dscan *gs_dscan_new(gs_mem *mem, const gs_dates *d);
void gs_dscan_free(gs_mem *mem, gs_dscan *s);

/* Find the first date range in line[0..len). `present` is the month that
 * "present"/"now" stands for. Returns 1 and fills *out when found, 0 when the
 * line holds no range. Ranges are returned as written (start may be after
 * end, or after `present`); the caller decides what to trust. */
int gs_dates_find(gs_dscan *s, const char *line, size_t len, int32_t present, gs_range *out);

#endif
