/* gapscan.h - the one public header of libgapscan.
 *
 * gapscan reads a CV, extracts a target-independent profile (skills with the
 * lines that prove them, dated positions, years per skill, education) and
 * scores that profile against a target role: every requirement of the role
 * is met, partial or missing, with the evidence for it.
 *
 * Ownership, stated once for the whole API: every object returned through an
 * out-parameter of a function named *_new, *_open, *_extract*, *_score or
 * *_render belongs to the caller, who releases it with the matching *_free /
 * *_close (or gapscan_free() for plain buffers). Every `const` pointer a
 * function returns is borrowed from the object it came from and stays valid
 * until that object is freed. All *_free functions accept NULL.
 *
 * Threads: an engine is not thread-safe, but engines made with
 * gapscan_engine_fork() share the read-only lexicon and roles, so a batch runs
 * one engine per thread. The library keeps no global mutable state, never
 * prints and never exits; failures come back as a gapscan_status with the
 * detail in gapscan_errmsg(engine).
 */
#ifndef GAPSCAN_H
#define GAPSCAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GAPSCAN_VERSION "0.1.0"

/* Status codes. The numbers are fixed; new codes go before GAPSCAN_STATUS_LAST. */
typedef enum gapscan_status {
    GAPSCAN_OK = 0,
    GAPSCAN_ENOMEM = 1,    /* out of memory */
    GAPSCAN_EIO = 2,       /* a file could not be opened or read */
    GAPSCAN_EFORMAT = 3,   /* input is empty, binary or not a format we read */
    GAPSCAN_ETOOBIG = 4,   /* input exceeds the configured size cap */
    GAPSCAN_ENOTFOUND = 5, /* no such target id */
    GAPSCAN_EDATA = 6,     /* a lexicon or role file is invalid */
    GAPSCAN_EINVAL = 7,    /* a bad argument (e.g. a malformed date) */
    GAPSCAN_EINTERNAL = 8, /* a bug or a failure of a library we call */
    GAPSCAN_STATUS_LAST
} gapscan_status;

/* Report formats understood by gapscan_render(). */
typedef enum gapscan_format {
    GAPSCAN_FORMAT_TEXT = 0, /* human-readable gap report */
    GAPSCAN_FORMAT_JSON = 1, /* the contract's JSON report, pretty-printed */
    GAPSCAN_FORMAT_JSONL = 2, /* the same object on one line, newline-terminated */
    GAPSCAN_FORMAT_HTML = 3,  /* one self-contained page: inline CSS and SVG, no script,
                                 nothing fetched; prints well and reads on a phone */
    GAPSCAN_FORMAT_MD = 4     /* Markdown, for tickets and e-mail */
} gapscan_format;

/* Flags for gapscan_render_ex(), or-ed together. The library never looks at
 * a terminal: the caller decides (e.g. isatty and NO_COLOR) and says so. */
typedef enum gapscan_render_flag {
    GAPSCAN_RENDER_COLOR = 1 << 0 /* ANSI colours in the text report (other formats ignore it) */
} gapscan_render_flag;

/* Requirement outcome. */
typedef enum gapscan_req_status {
    GAPSCAN_MISSING = 0,
    GAPSCAN_PARTIAL = 1,
    GAPSCAN_MET = 2
} gapscan_req_status;

typedef struct gapscan_engine gapscan_engine;   /* lexicon + roles + scratch, one per thread */
typedef struct gapscan_profile gapscan_profile; /* what one CV says, independent of any target */
typedef struct gapscan_role gapscan_role;       /* a target role: built-in ones belong to the engine */
typedef struct gapscan_match gapscan_match;     /* a profile scored against one role */

/* A short fixed English description of a status code ("out of memory"). */
const char *gapscan_strerror(gapscan_status status);

/* Open an engine with the built-in lexicon and roles. On success *out is a
 * new engine. On failure *out is still set when memory allowed (so that
 * gapscan_errmsg() can tell what went wrong) and must be closed; it is NULL
 * only on GAPSCAN_ENOMEM. */
gapscan_status gapscan_open(gapscan_engine **out);

/* Options for gapscan_open_ex(); a zeroed struct means the defaults. */
typedef struct gapscan_options {
    const char *lexicon_file; /* the user's own skills and aliases on top of the built-in
                                 lexicon (format: lexicon/README.md), or NULL */
} gapscan_options;

/* gapscan_open() with options (opts may be NULL). A lexicon file that cannot
 * be read is GAPSCAN_EIO; one with a bad line is GAPSCAN_EDATA, with the file
 * and line in gapscan_errmsg(). */
gapscan_status gapscan_open_ex(const gapscan_options *opts, gapscan_engine **out);

/* A new engine that shares `eng`'s read-only lexicon and roles (cheap). The
 * two may be used from different threads and closed in any order. */
gapscan_status gapscan_engine_fork(const gapscan_engine *eng, gapscan_engine **out);

/* Release an engine. Profiles, matches and roles obtained from it must not be
 * used afterwards (free profiles and matches first). */
void gapscan_close(gapscan_engine *eng);

/* The detail of the last failure on this engine ("cv.txt: binary file"),
 * or "" when the last call succeeded. Borrowed; valid until the next call. */
const char *gapscan_errmsg(const gapscan_engine *eng);

/* Reference month for "present" (contract: --as-of YYYY-MM). Default: the
 * current month when the engine was opened. GAPSCAN_EINVAL on a bad month. */
gapscan_status gapscan_set_as_of(gapscan_engine *eng, int year, int month);

/* Parse "YYYY-MM" into year and month. Returns 0 on success, -1 if malformed. */
int gapscan_parse_month(const char *text, int *year, int *month);

/* Largest input accepted by the extract functions, in bytes (default 20 MB). */
void gapscan_set_max_input(gapscan_engine *eng, size_t bytes);

/* Extract a profile from a CV held in memory. The format is detected from
 * the content, not the name: PDF, DOCX, ODT, HTML, RTF, Word .doc, JSON
 * Resume, or plain text in any common encoding. `name` is how the CV is named
 * in messages and reports (a path, or "-" for stdin); it is copied.
 * The bytes are not kept. On success the caller owns *out (gapscan_profile_free).
 * On failure *out is NULL and gapscan_errmsg() names `name` and the problem. */
gapscan_status gapscan_extract(gapscan_engine *eng, const char *name,
                               const char *data, size_t len, gapscan_profile **out);

/* Same, reading the file at `path` (bounded by the input cap). */
gapscan_status gapscan_extract_file(gapscan_engine *eng, const char *path,
                                    gapscan_profile **out);

void gapscan_profile_free(gapscan_profile *profile);

/* Total professional experience in years (overlaps merged), one decimal. */
double gapscan_profile_years(const gapscan_profile *profile);

/* What the reader made of the input: "text", "pdf", "docx", "odt", "html",
 * "rtf", "doc" or "jsonresume" (static string). */
const char *gapscan_profile_format(const gapscan_profile *profile);

/* Number of distinct skills found; id of the i-th (0 <= i < count), borrowed. */
size_t gapscan_profile_skill_count(const gapscan_profile *profile);
const char *gapscan_profile_skill_id(const gapscan_profile *profile, size_t i);

/* Highest completed degree level: "none", "high-school", "associate",
 * "bachelor", "master" or "phd" (static). */
const char *gapscan_profile_highest_degree(const gapscan_profile *profile);

/* Roles. Built-in roles are listed in id order. The pointers are borrowed
 * from the engine. gapscan_role_get() returns NULL and sets the message when
 * there is no such id. */
size_t gapscan_role_count(const gapscan_engine *eng);
const gapscan_role *gapscan_role_at(const gapscan_engine *eng, size_t i);
const gapscan_role *gapscan_role_get(gapscan_engine *eng, const char *id);
const char *gapscan_role_id(const gapscan_role *role);
const char *gapscan_role_title(const gapscan_role *role);

/* Roles the caller owns (free them with gapscan_role_free, before closing the
 * engine; built-in roles stay owned by the engine and must not be freed).
 *
 * compile: a job description (any format gapscan_extract reads) becomes a
 *   role: "Requirements"/"Must have" sections are required, "Preferred"/"Nice
 *   to have" preferred, each bullet one requirement; a requirement naming no
 *   skill the lexicon knows is kept as not checked (listed in reports under
 *   "not_checked", never scored). GAPSCAN_EFORMAT when nothing is found.
 * load_file: a role file, validated against the role schema; a bad file is
 *   GAPSCAN_EDATA with "file:line: ..." in gapscan_errmsg().
 * write_xml: a role as a role file (NUL-terminated, free with gapscan_free).
 * describe: a role's requirements as the engine understands them (text). */
gapscan_status gapscan_role_compile(gapscan_engine *eng, const char *name, const char *data, size_t len,
                                    gapscan_role **out);
gapscan_status gapscan_role_compile_file(gapscan_engine *eng, const char *path, gapscan_role **out);
gapscan_status gapscan_role_load_file(gapscan_engine *eng, const char *path, gapscan_role **out);
gapscan_status gapscan_role_write_xml(gapscan_engine *eng, const gapscan_role *role, char **out,
                                      size_t *len);
gapscan_status gapscan_role_describe(gapscan_engine *eng, const gapscan_role *role, char **out,
                                     size_t *len);
void gapscan_role_free(gapscan_role *role);

/* Score a profile against a role. The caller owns *out (gapscan_match_free).
 * The match borrows from the profile and the role: free it before them. */
gapscan_status gapscan_score(gapscan_engine *eng, const gapscan_profile *profile,
                             const gapscan_role *role, gapscan_match **out);
void gapscan_match_free(gapscan_match *match);

/* The score, 0..100 (higher is a better fit). */
int gapscan_match_score(const gapscan_match *match);

/* Requirements of the match, in role order. */
size_t gapscan_match_req_count(const gapscan_match *match);
const char *gapscan_match_req_id(const gapscan_match *match, size_t i);
gapscan_req_status gapscan_match_req_status(const gapscan_match *match, size_t i);
int gapscan_match_req_required(const gapscan_match *match, size_t i); /* 1 required, 0 preferred */

/* Render a match. On success *out is a NUL-terminated buffer of *len bytes
 * that the caller releases with gapscan_free(). */
gapscan_status gapscan_render(gapscan_engine *eng, const gapscan_match *match,
                              gapscan_format format, char **out, size_t *len);

/* gapscan_render() with flags (gapscan_render_flag values or-ed; 0 is
 * gapscan_render()). Every format is made from the match alone; HTML and
 * Markdown escape everything that comes from the CV. */
gapscan_status gapscan_render_ex(gapscan_engine *eng, const gapscan_match *match,
                                 gapscan_format format, unsigned flags, char **out, size_t *len);

/* Render a report kept from an earlier GAPSCAN_FORMAT_JSON or _JSONL render
 * (e.g. one read back from a store) as GAPSCAN_FORMAT_HTML or _MD, exactly
 * as gapscan_render() would have made it from the match. `json` is len bytes
 * (not necessarily NUL-terminated). A report that is not such an object is
 * GAPSCAN_EFORMAT; any other format is GAPSCAN_EINVAL (the text report needs
 * the match). On success *out is NUL-terminated; free it with gapscan_free(). */
gapscan_status gapscan_render_report(gapscan_engine *eng, const char *json, size_t len,
                                     gapscan_format format, char **out, size_t *outlen);

/* One line of a ranking: a CV and its scores. Borrowed strings throughout. */
typedef struct gapscan_rank_row {
    const char *cv;           /* the CV as named (a path) */
    const int *scores;        /* one per target of the ranking; < 0: not scored */
    const char *const *hrefs; /* one per target: a link to that report, or NULL
                                 (the array itself may be NULL) */
    const char *const *gaps;  /* one per target: its top gaps, "a, b, c", or NULL */
    double years;             /* total experience; < 0 when unknown */
    const char *degree;       /* highest degree ("master"), or NULL */
    const char *error;        /* not NULL: the CV could not be scored, and why */
} gapscan_rank_row;

/* A ranking of CVs against one or more targets, best first. */
typedef struct gapscan_ranking {
    const char *title;                /* what was ranked, e.g. the folder ("cvs/") */
    const char *as_of;                /* "YYYY-MM", or NULL */
    const char *const *targets;       /* ntargets ids */
    const char *const *target_titles; /* ntargets titles, or NULL */
    size_t ntargets;
    const gapscan_rank_row *rows;     /* in rank order; rows with an error are listed
                                         apart, after the ranking */
    size_t nrows;
} gapscan_ranking;

/* A ranking as one HTML page (linking each CV's report where a row has
 * hrefs) or as a Markdown table. GAPSCAN_EINVAL for other formats or a
 * ranking without targets. *out is NUL-terminated; free it with gapscan_free(). */
gapscan_status gapscan_render_ranking(gapscan_engine *eng, const gapscan_ranking *ranking,
                                      gapscan_format format, char **out, size_t *len);

/* Release a buffer returned by the library. Accepts NULL. */
void gapscan_free(void *ptr);

/* The lexicon, looked into. Each writes a text report into *out (free it
 * with gapscan_free()).
 * lookup: what `text` maps to and why (found, hedged, implied by, not
 *   counted because negated or ambiguous), as the engine reads a CV line.
 * stats: counts by source and category.
 * lint: duplicate aliases and aliases that map to two skills in the lexicon
 *   files, ids outside the contract's format; *problems is their number. */
gapscan_status gapscan_lexicon_lookup(gapscan_engine *eng, const char *text, size_t len, char **out,
                                      size_t *outlen);
gapscan_status gapscan_lexicon_stats(gapscan_engine *eng, char **out, size_t *len);
gapscan_status gapscan_lexicon_lint(gapscan_engine *eng, char **out, size_t *len, size_t *problems);

/* Attribution lines for data the lexicon is derived from (static text). */
const char *gapscan_data_notice(void);

#ifdef __cplusplus
}
#endif

#endif /* GAPSCAN_H */
