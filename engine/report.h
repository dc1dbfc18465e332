/* report.h - a contract JSON report read back into plain structs, for the
 * renderers that people look at (render_html.c, render_md.c).
 *
 * Those renderers work from the JSON report, not from the match, so that a
 * report kept in the store renders exactly like a fresh one: a match is
 * rendered as JSON (render.c) and read back here. Every string is borrowed
 * from the parsed JSON, which the gs_report owns; gs_report_free releases
 * it all. */
#ifndef GS_REPORT_H
#define GS_REPORT_H

#include <stddef.h>

#include "alloc.h"
#include "gapscan.h"

typedef struct gs_rep_req {
    const char *id, *text;
    int required;               /* 1 required, 0 preferred */
    gapscan_req_status status;
    double credit;              /* 0..1 */
    double weight;              /* the requirement's weight (3/1 when the report has none) */
    const char *const *skills;  /* the skill ids that would satisfy it */
    size_t nskills;
    int has_years;
    double need_years, have_years;
    const char *need_degree, *have_degree; /* NULL unless a degree requirement */
    int need_team, have_team;   /* -1: not a team requirement; have 0: none stated */
    int ev_line;                /* 1-based line of the evidence, 0 when none */
    const char *ev_text;
    const char *related;        /* a related skill that gave partial credit, or NULL */
    const char *note;           /* "hedged: familiar with", or NULL */
} gs_rep_req;

typedef struct gs_rep_skill {
    const char *id, *name, *category;
    double years;               /* < 0: no figure */
    int stated;                 /* the figure is the CV's own claim */
    int hedged;
    const char *inferred_from;  /* or NULL */
    const int *pos_lines;       /* lines of the positions whose lines show it */
    size_t npos;
    int ev_line;                /* first evidence line (1-based), 0 when none */
    const char *ev_text;
} gs_rep_skill;

typedef struct gs_rep_pos {
    const char *title, *role, *employer, *dates, *seniority;
    int start, end;             /* month indices (year * 12 + month - 1) */
    int months, line;
} gs_rep_pos;

typedef struct gs_rep_span {
    int start, end, months;     /* an employment gap, month indices */
} gs_rep_span;

typedef struct gs_rep_item {
    const char *id, *text;      /* not-checked requirements; excluded skills (text: why) */
    int line;                   /* excluded: the line; 0 otherwise */
} gs_rep_item;

typedef struct gs_report {
    void *root;                 /* the parsed JSON (json_t), owner of every string */
    const char *cv, *target, *title, *as_of, *engine, *lexicon, *format, *encoding;
    int score;
    double years;               /* total experience */
    const char *years_from;     /* "positions", "stated" or NULL */
    const char *highest;        /* highest degree level */
    const char *const *fields;  /* fields of study */
    size_t nfields;
    int team_size, team_line;   /* 0 when not stated */
    double mgmt_years, senior_years;
    gs_rep_req *reqs;
    size_t nreqs;
    gs_rep_skill *skills;
    size_t nskills;
    gs_rep_pos *pos;
    size_t npos;
    gs_rep_span *gaps;
    size_t ngaps;
    gs_rep_item *unchecked, *excluded;
    size_t nunchecked, nexcluded;
    const char *const *warnings;
    size_t nwarnings;
    gs_arena arena;             /* the arrays above */
} gs_report;

/* Read a contract JSON report (len bytes). Returns GAPSCAN_OK, GAPSCAN_EFORMAT
 * when it is not a report object (the reason in err), or GAPSCAN_ENOMEM. On
 * any return *r may be passed to gs_report_free. */
gapscan_status gs_report_read(gs_mem *mem, const char *json, size_t len, gs_report *r, char *err,
                              size_t errlen);
void gs_report_free(gs_report *r);

/* The requirements that are not met, in the order a candidate should work on
 * them: required before preferred, then by the credit lost. Writes their
 * indices into order (room for r->nreqs) and returns how many. */
size_t gs_report_gap_order(const gs_report *r, size_t *order);

/* What a requirement still lacks, in a few words ("4.2 more years (have 2.8
 * of 7)", "a master's degree (has bachelor)", "not in the CV: docker,
 * kubernetes"). Returns the length written (NUL-terminated, cut to cap). */
size_t gs_report_lack(const gs_report *r, const gs_rep_req *q, char *buf, size_t cap);

/* Counts of met / partial / missing among required (required = 1) or
 * preferred (0) requirements. */
void gs_report_tally(const gs_report *r, int required, size_t *met, size_t *partial,
                     size_t *missing);

/* "met", "partial", "missing". */
const char *gs_report_status_name(gapscan_req_status s);

/* "2019-04" -> "Apr 2019" into buf (cap >= 16). */
void gs_report_month(int month, char *buf, size_t cap);

/* Output with escaping, for the renderers. gs_out_printf understands
 * %s (a trusted string, as is), %e (a string escaped with o->escape: use it
 * for everything that comes from a report), %c (the same as code, with
 * o->code), %d (int), %z (size_t), %1 (a double with one decimal), %g (a
 * double, %g) and %%. After the first failure o->err is set and later calls
 * do nothing. */
typedef struct gs_out {
    gs_buf *b;
    int err;
    int (*escape)(gs_buf *b, const char *s, size_t len); /* 0 or -1 */
    int (*code)(gs_buf *b, const char *s, size_t len);   /* 0 or -1 */
} gs_out;
void gs_out_printf(gs_out *o, const char *fmt, ...);

/* The ranking's targets as a phrase, "A, B and C": each titled one with
 * `titled` (given the title for %e, then the id for %c), the others as
 * code; then ", as of YYYY-MM" when it has a month. */
void gs_out_targets(gs_out *o, const gapscan_ranking *k, const char *titled);

/* A link target the renderers may use: a relative path or an http(s) URL,
 * never another scheme (javascript:, data:...). */
int gs_report_safe_href(const char *href);

/* The renderers (render_html.c, render_md.c) append to b; 0 or -1 (out of memory). */
int gs_render_html(gs_buf *b, const gs_report *r);
int gs_render_md(gs_buf *b, const gs_report *r);
int gs_render_html_ranking(gs_buf *b, const gapscan_ranking *k);
int gs_render_md_ranking(gs_buf *b, const gapscan_ranking *k);

#endif
