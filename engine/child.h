/* child.h - run a helper program (pdftotext, antiword) as a bounded child
 * process: its input in a private temporary directory, its standard output
 * collected up to a size cap, and a time limit after which it is killed.
 *
 * Used by the readers that delegate a format to an external tool, so that a
 * crash or a hang inside the tool on a hostile file stays in the child. */
#ifndef GS_CHILD_H
#define GS_CHILD_H

#include <stddef.h>

#include "alloc.h"

/* An argument equal to this string is replaced by the path of the input file. */
#define GS_CHILD_INPUT "@input"

enum gs_child_rc {
    GS_CHILD_RAN = 0,       /* the program ran; see gs_child_res */
    GS_CHILD_NOTFOUND = -1, /* the program is not installed (not in PATH) */
    GS_CHILD_NOMEM = -2,    /* out of memory */
    GS_CHILD_FAILED = -3    /* temporary file, pipe, fork or wait failed */
};

typedef struct gs_child_res {
    int exited;      /* 1 when the program exited by itself ... */
    int code;        /* ... with this exit code */
    int signaled;    /* 1 when it died of a signal it did not get from us */
    int timed_out;   /* 1 when we killed it at the time limit */
    int too_big;     /* 1 when we killed it for writing more than the cap */
    char err[512];   /* the start of its standard error, NUL-terminated */
} gs_child_res;

/* Run argv[0] (looked up in PATH) with argv as its arguments. When `data` is
 * not NULL, its `len` bytes are first written to a file in a new private
 * directory (mode 0700, under $TMPDIR or /tmp) whose path replaces every
 * argument equal to GS_CHILD_INPUT; the file and the directory are removed
 * before returning. Standard input is /dev/null. Standard output is appended
 * to `out` (the caller's buffer, which the caller frees) up to `max_out`
 * bytes; more than that kills the child (res->too_big). A child still running
 * after `timeout_ms` is killed (res->timed_out). The child is always reaped.
 * Returns an enum gs_child_rc; *res is filled only for GS_CHILD_RAN. */
int gs_child_run(const char *const argv[], const char *data, size_t len, int timeout_ms,
                 size_t max_out, gs_buf *out, gs_child_res *res);

#endif
