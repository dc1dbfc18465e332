/* profile.h - the body of gapscan_profile: what one CV says, independent of
 * any target. Built by extract.c, read by score.c and render.c. Everything
 * hangs off the profile's arena and goes in one gs_arena_free. */
#ifndef GS_PROFILE_H
#define GS_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"
#include "lexicon.h"
#include "text.h"

#define GS_MAX_EVIDENCE 5 /* evidence lines kept per skill */

enum gs_skill_level { GS_LEVEL_NONE = 0, GS_LEVEL_HEDGED = 1, GS_LEVEL_CLAIMED = 2 };

typedef struct gs_interval {
    int32_t start, end; /* inclusive month indices (year*12 + month-1) */
} gs_interval;

typedef struct gs_hit {
    int32_t skill;          /* lexicon skill index */
    uint8_t level;          /* enum gs_skill_level */
    int32_t inferred_from;  /* skill index it was inferred from, -1 if found directly */
    uint32_t mentions;      /* accepted mentions in the text */
    uint32_t first_line;    /* first line (0-based) that proves it */
    uint32_t best_line;     /* the line shown as proof: the first inside a position's
                               lines (where the skill was used), else first_line */
    uint32_t lines[GS_MAX_EVIDENCE]; /* evidence lines (0-based), in text order */
    uint8_t nlines;
    gs_interval *months;    /* merged, sorted intervals of the positions it was used in */
    size_t nmonths;
    int32_t total_months;   /* months in `months`; 0 with nmonths == 0 means no figure */
    double stated_years;    /* an explicit claim ("6 years of SQL"), 0 when none */
    uint32_t stated_line;   /* where the claim is (0-based) */
} gs_hit;

typedef struct gs_position {
    int32_t start, end;     /* inclusive months, after clamping to as-of */
    uint32_t line;          /* line of the date range (0-based) */
    uint32_t first, last;   /* lines of the block the position covers */
    const char *title;      /* the heading text of the position (arena) */
    const char *role;       /* the job title part of it ("Senior Data Engineer"), arena */
    const char *employer;   /* the rest ("Acme Corp, London"), or "" when not told apart */
    const char *dates;      /* the date text as written (arena) */
    int seniority;          /* enum gs_seniority, from the title lines */
    uint32_t emp_line;      /* the line the title is on */
    uint32_t emp_from;      /* where the employer starts on it (byte offset in the text),
                               UINT32_MAX when the title names none */
    uint32_t emp_to;        /* where its name ends there (before a ',', '|', ';' or
                               '(': "Parallax Robotics" of "Parallax Robotics (Chicago)"),
                               or emp_from's first word's end when the name is not one run */
} gs_position;

typedef struct gs_use {
    int32_t skill;          /* lexicon skill index (implied skills included) */
    int32_t pos;            /* index into positions */
} gs_use;

typedef struct gs_degree {
    int level;              /* enum gs_level */
    int completed;          /* 0 for "pursuing", "candidate", "expected"... */
    uint32_t line;          /* 0-based */
    int32_t fields[4];      /* lexicon field indices */
    int nfields;
} gs_degree;

/* Why a skill mention is not counted when no cue says so */
enum {
    GS_NOT_SKILL_AMBIGUOUS = -1, /* an ambiguous word with no skill context around it */
    GS_NOT_SKILL_EMPLOYER = -3   /* the name of an employer in a position's title */
};

typedef struct gs_excluded {
    int32_t skill;          /* a skill mentioned but not counted */
    uint32_t line;
    int cue;                /* GS_CUE_NEGATION / GS_CUE_ASPIRATION, or GS_NOT_SKILL_* */
} gs_excluded;

struct gapscan_profile {
    gs_mem *mem;
    gs_arena arena;             /* everything below */
    const gs_lexicon *lex;      /* borrowed from the engine */
    const char *name;           /* the CV as named by the caller */
    size_t bytes;               /* input size */
    const char *format;         /* what the reader made of it: "text", "pdf", "docx"... (static) */
    uint64_t serial;            /* unique among the profiles of one engine's knowledge (never 0) */
    gs_doc doc;
    uint8_t *runs_on;           /* per line: a name found on it runs on into the next
                                   line, so its evidence shows both; NULL when none does */
    int32_t as_of;              /* month index used for "present" */
    gs_position *positions;
    size_t npositions;
    uint32_t *by_start;         /* position indices in order of (start, end) */
    gs_interval *work;          /* merged work intervals */
    size_t nwork;
    int32_t total_months;       /* the experience figure: dated months, else the stated total */
    gs_hit *hits;               /* skills found, in order of first appearance */
    size_t nhits;
    int32_t *hit_of;            /* per lexicon skill: index into hits, or -1 */
    gs_degree *degrees;
    size_t ndegrees;
    int highest;                /* highest completed level */
    int32_t fields[8];          /* fields of completed degrees, best degree first */
    int nfields;
    gs_excluded *excluded;
    size_t nexcluded;
    const char **warnings;      /* "line 12: start after end: 2020 - 2018" */
    size_t nwarnings;
    gs_use *uses;               /* which skills each position's lines show, by position */
    size_t nuses;
    size_t *use_first;          /* position i's uses: uses[use_first[i] .. use_first[i + 1]) */
    gs_interval *gaps;          /* breaks of GS_MIN_GAP months or more between work periods */
    size_t ngaps;
    int32_t dated_months;       /* merged months of the dated positions */
    double stated_total;        /* "12+ years of experience", 0 when not stated */
    uint32_t stated_total_line;
    int team_size;              /* largest team the CV says was led or managed, 0 = not stated */
    uint32_t team_line;
    int32_t mgmt_months;        /* merged months of management (or higher) positions */
    int32_t senior_months;      /* merged months of senior-leadership positions */
};

#define GS_MIN_GAP 3            /* months without work that make a gap */

/* Merged months of the positions with at least `seniority` whose lines show
 * one of skills[0..nskills) (nskills == 0: any position). -1 when out of memory. */
/* Does position i count for such a figure? */
int gs_position_counts(const gapscan_profile *p, size_t i, int seniority, const int32_t *skills,
                       size_t nskills);
int32_t gs_profile_months(const gapscan_profile *p, int seniority, const int32_t *skills,
                          size_t nskills);

/* Build a profile (extract.c). On failure returns NULL with the message in
 * err (prefixed with `name`) and *status set. */
struct gs_engine_ctx;
gapscan_profile *gs_extract(gs_mem *mem, const gs_lexicon *lex, void *dscan, int32_t as_of,
                            const char *name, const char *data, size_t len,
                            gapscan_status *status, char *err, size_t errlen);

#endif
