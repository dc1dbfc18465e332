/* store.h - the SQLite store of scans (batch scoring, `--db FILE`).
 *
 * One row per document (path + content hash), per profile (a document read
 * with one lexicon version at one as-of month: skills with their evidence,
 * positions, and the members of its reports that depend on the CV only)
 * and per scan (a profile scored against one target: the score, each
 * requirement's result, and the JSON report, as a rule without the
 * profile's members, which the view scan_reports and the lookups below put
 * back). The schema is SQL text in
 * store.c, versioned with PRAGMA user_version and migrated forward when a
 * store is opened.
 *
 * The store is filled from the contract's JSON report (one JSONL object per
 * CV and target), never from the engine's private structures. Every value
 * goes in as a bound parameter. Like the rest of the library, nothing here
 * prints, exits or keeps global state; failures leave their detail in
 * gs_store_errmsg().
 *
 * Threads: a gs_store is one SQLite connection; use it from one thread at a
 * time. Several connections (one writer, readers opened with
 * GS_STORE_READONLY) may work on one file at once: the store runs in WAL
 * mode with a busy timeout. */
#ifndef GS_STORE_H
#define GS_STORE_H

#include <stddef.h>
#include <stdint.h>

#define GS_STORE_SCHEMA_VERSION 2

typedef struct gs_store gs_store;

enum { GS_STORE_READONLY = 1 };

/* What the store says about a file, besides its report. */
typedef struct gs_store_doc {
    const char *path;
    uint64_t size;
    const char *hash;   /* content hash, e.g. from gs_store_hash_hex() */
    const char *format; /* "text", "pdf", ... or NULL */
} gs_store_doc;

/* 64-bit FNV-1a of `len` bytes as 16 hex digits and a NUL (hex: 17 bytes). */
void gs_store_hash_hex(const void *data, size_t len, char hex[17]);

/* Open (creating and migrating when needed) the store at `path`. Returns 0 on
 * success. On failure returns -1 and *out may still be set (for the message)
 * and must be closed. */
int gs_store_open(const char *path, int flags, gs_store **out);
void gs_store_close(gs_store *st);
const char *gs_store_errmsg(const gs_store *st);

/* Transactions: results are recorded between begin and commit; a commit
 * makes them durable (a crash afterwards loses nothing of them). */
int gs_store_begin(gs_store *st);
int gs_store_commit(gs_store *st);

/* The stored JSON report of a scan, whole, of this content (path and hash)
 * with this lexicon version, as-of month and target. Returns 1 and sets
 * *report (the caller frees it with free()) when there is one, 0 when not,
 * -1 on error. */
int gs_store_lookup(gs_store *st, const char *path, const char *hash, const char *lexicon,
                    const char *as_of, const char *target, char **report);

/* The same for each of ntargets targets at once, in one read transaction
 * and with the CV's parts read once: returns 1 and sets reports[t] (each
 * freed with free()) when every target has a scan; 0 when one has not and
 * -1 on error, with every reports[t] NULL. */
int gs_store_lookup_all(gs_store *st, const char *path, const char *hash, const char *lexicon,
                        const char *as_of, const char *const *targets, size_t ntargets,
                        char **reports);

/* What the ranked table shows of a stored scan (the one gs_store_lookup
 * would find), read from the store's rows instead of its report. */
typedef struct gs_store_figures {
    int score;
    double years;       /* the profile's experience years; NAN when it has none */
    char degree[32];    /* its highest degree level, "" when none */
} gs_store_figures;

/* The figures of the scan, and the ids of the requirements it left missing,
 * required ones first, in the role's order, passed to missing(ctx, id) one
 * by one until it returns nonzero. Returns 1 when there is such a scan, 0
 * when not, -1 on error. */
int gs_store_figures_of(gs_store *st, const char *path, const char *hash, const char *lexicon,
                        const char *as_of, const char *target, gs_store_figures *f,
                        int (*missing)(void *ctx, const char *id), void *ctx);

/* Record the reports (JSON objects as rendered by GAPSCAN_FORMAT_JSONL, one
 * per target) of one document. An existing scan of the same content,
 * lexicon, as-of month and target is kept unless `replace` is set, so that
 * recording twice never duplicates anything. Returns 0 or -1. */
int gs_store_record(gs_store *st, const gs_store_doc *doc, const char *const *reports,
                    size_t nreports, int replace);

/* The same in two steps, so that the reading of the reports (most of the
 * work: the first whole, of the others what is not the first one's CV
 * parts) runs on the thread that made them and only the writing on the
 * store's: gs_store_parse needs no store and may run on any thread; it
 * returns NULL when out of memory or when a report is not one (the reason
 * in err). The reports must outlive the parsed handle, which the caller
 * frees with gs_store_parsed_free. */
typedef struct gs_store_parsed gs_store_parsed;
gs_store_parsed *gs_store_parse(const char *const *reports, size_t nreports, char *err,
                                size_t errlen);
void gs_store_parsed_free(gs_store_parsed *parsed);
int gs_store_record_parsed(gs_store *st, const gs_store_doc *doc, const gs_store_parsed *parsed,
                           int replace);

/* The current scans for `target` (the latest scan of each file), best first
 * (score descending, then path); `as_of` (or NULL for any) narrows them.
 * Calls fn with each file's path and stored report; a nonzero return from fn
 * stops and is returned. Returns 0, or -1 on error. */
int gs_store_each(gs_store *st, const char *target, const char *as_of,
                  int (*fn)(void *ctx, const char *path, const char *report), void *ctx);

#endif
