/* dates.h - the figures of CV lines, with PCRE2: date ranges ("Jan 2015 –
 * Present", "2015-2019", "03/2016 - 11/2020", "Since 2021", "Summer 2019",
 * "Q3 2017 – Q1 2019") as inclusive month intervals; stated years ("6 years
 * of SQL", "SQL (5+ yrs)", "12+ years of experience"); team sizes.
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

/* The index of the first ASCII digit in s[0..n), else n. Every date, team
 * size and figure of years is written with one, so a line without is no
 * use to ask about. */
size_t gs_first_digit(const char *s, size_t n);

/* Find the first date range in line[0..len). `present` is the month that
 * "present"/"now" stands for. Returns 1 and fills *out when found, 0 when the
 * line holds no range. Ranges are returned as written (start may be after
 * end, or after `present`); the caller decides what to trust. */
int gs_dates_find(gs_dscan *s, const char *line, size_t len, int32_t present, gs_range *out);

/* A "N years" figure found in a line. */
typedef struct gs_claim {
    size_t off, end;  /* the match in the line; a skill named right at `end` is what it is about */
    double years;     /* N */
    int experience;   /* the word "experience" is part of it ("12+ years of experience") */
    int tool;         /* "... with" / "... using": about a tool, not the whole career */
} gs_claim;

/* The first "N years (of experience) (with)" at or after byte `from`. 1 if found. */
int gs_years_before(gs_dscan *s, const char *line, size_t len, size_t from, gs_claim *out);

/* "(5+ yrs)", "- 7 years" right at byte `at` (after a skill). 1 and *years if found. */
int gs_years_after(gs_dscan *s, const char *line, size_t len, size_t at, double *years);

/* 0 when line[0..len) has no "year" or "yr" in it, so that neither
 * gs_years_before nor gs_years_after can find anything on it: one pass for
 * a line, however many skills it names. */
int gs_years_possible(const char *line, size_t len);

/* The largest team size the line states ("grew the team to 35 engineers",
 * "managed 12 engineers", "40+ direct reports"), or 0. */
int gs_team_size(gs_dscan *s, const char *line, size_t len);

#endif
