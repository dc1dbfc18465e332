/* cli_batch.h - the command line's batch side (part of the gapscan program,
 * not of libgapscan): folders and many CVs scored in parallel into a ranked
 * table, CSV, JSONL or JSON, or a folder of HTML or Markdown reports with
 * their index; the SQLite store (--db); `gapscan report`; and pipeline mode
 * (--stdin-jsonl). */
#ifndef GS_CLI_BATCH_H
#define GS_CLI_BATCH_H

#include <stddef.h>

#include "gapscan.h"

/* Output formats of a batch. */
typedef enum cli_format {
    CLI_TABLE = 0,
    CLI_CSV,
    CLI_JSONL,
    CLI_JSON,
    CLI_TEXT,
    CLI_HTML, /* with outdir: a report per CV and index.html; needs outdir */
    CLI_MD    /* with outdir: a report per CV and index.md; else the ranking on stdout */
} cli_format;

typedef struct cli_batch_opts {
    const char *const *inputs; /* files, folders, or "-" */
    size_t ninputs;
    const char *const *targets; /* role ids, checked */
    size_t ntargets;
    const gapscan_role *role;   /* --job / --role-file: the one target (targets[0] is
                                   its id), instead of a built-in role; else NULL */
    cli_format format;
    const char *db;     /* store file or NULL */
    int rescan;         /* scan again what the store already has */
    int jobs;           /* worker threads; 0: the number of cores */
    size_t max_input;   /* the engine's input cap (for hashing) */
    const char *as_of;  /* --as-of as given, or NULL */
    const char *outdir; /* -o DIR for html and md, or NULL */
    unsigned render_flags; /* GAPSCAN_RENDER_COLOR for text reports */
    const char *cv;     /* report: one CV's stored report (--cv), or NULL */
} cli_batch_opts;

/* Each returns the process exit code (0, 2, 3 or 4) and prints its own
 * messages. `eng` is configured (as-of, input cap) and is only forked. */
int cli_batch(gapscan_engine *eng, const cli_batch_opts *o);
int cli_report(gapscan_engine *eng, const cli_batch_opts *o);
int cli_pipeline(gapscan_engine *eng, const cli_batch_opts *o);

#endif
