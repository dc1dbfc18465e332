/* jsonw.h - a streaming JSON writer into a gs_buf, for the report.
 *
 * Reading JSON (JSON Resume, pipeline lines) is jansson's job. Writing the
 * report is this module's: it appends straight into the output buffer, with
 * no tree to build, hash and free for each of the targets a CV is scored
 * against, so a report costs about as much as copying its bytes (bench/
 * stages: building jansson trees took 97% of the time of a ten-target scan).
 *
 * Output matches what jansson wrote before (same escapes, same number
 * formats, compact or indented by two spaces), and is always valid UTF-8:
 * a byte that is not part of a valid UTF-8 sequence is written as U+FFFD.
 * Errors are sticky: after a failed append every call does nothing and
 * gs_jw_failed() says so, so a caller checks once at the end. */
#ifndef GS_JSONW_H
#define GS_JSONW_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"

#define GS_JW_MAX_DEPTH 32

typedef struct gs_jw {
    gs_buf *buf;    /* borrowed; the caller owns and frees it */
    int pretty;     /* 1: newline and two spaces per level; 0: compact */
    int depth;      /* open containers */
    int after_key;  /* a key was written; its value comes next */
    int failed;     /* an append failed (out of memory or over the buffer's max) */
    uint8_t count[GS_JW_MAX_DEPTH]; /* per open container: bit 0 not empty, bit 1 an array */
} gs_jw;

void gs_jw_init(gs_jw *w, gs_buf *buf, int pretty);

/* A writer that starts inside `depth` open containers, as if it had
 * written them: each has members already, but for the innermost when
 * `empty`. What it writes is the same bytes the writer that did would
 * write from there on. Used to render a part of a report on its own (kept
 * and pasted into many reports); such a writer must not close more than it
 * opens. */
void gs_jw_init_inside(gs_jw *w, gs_buf *buf, int pretty, int depth, int empty);
int gs_jw_failed(const gs_jw *w);

void gs_jw_object(gs_jw *w);
void gs_jw_array(gs_jw *w);
void gs_jw_end(gs_jw *w); /* closes the innermost object or array */

/* A key in the current object; the next call writes its value. */
void gs_jw_key(gs_jw *w, const char *key);

/* The same for a key that is a string literal needing no escapes: GS_JW_KEY
 * pastes the quotes and separator at compile time, and is inlined (a report
 * writes some 1,600 keys), so the copy is of a length known when compiled. */
static inline void gs_jw_key_lit(gs_jw *w, const char *quoted, size_t len);
#define GS_JW_KEY(w, lit) gs_jw_key_lit((w), "\"" lit "\": ", sizeof("\"" lit "\": ") - 1)

void gs_jw_str(gs_jw *w, const char *s);          /* NULL writes null */
void gs_jw_strn(gs_jw *w, const char *s, size_t n);
void gs_jw_int(gs_jw *w, long long v);
void gs_jw_real(gs_jw *w, double v);                /* %.10g, always with a '.' or exponent */
void gs_jw_bool(gs_jw *w, int v);
void gs_jw_null(gs_jw *w);

/* Bytes that are already JSON in this writer's layout (a cached part of a
 * report), appended as they are; the caller keeps the separators right. */
void gs_jw_raw(gs_jw *w, const char *s, size_t n);

/* A value that is already JSON (a string escaped and quoted once, written
 * in many places): separators as for any value, then the bytes. */
void gs_jw_value_raw(gs_jw *w, const char *s, size_t n);

/* A string literal that needs no escapes, quoted at compile time */
#define GS_JW_STR_LIT(w, lit) gs_jw_value_raw((w), "\"" lit "\"", sizeof("\"" lit "\"") - 1)

/* Members of the innermost object that are already JSON in this layout, as
 * rendered by a gs_jw_init_inside writer at the same depth: s starts with
 * the separator when the object has members already, and ends with a key
 * when `ends_with_key` (its value comes next) or else with a value. */
void gs_jw_members_raw(gs_jw *w, const char *s, size_t n, int ends_with_key);

/* ---- inline parts (the key writer's fast path) ---- */

void gs_jw_newline(gs_jw *w, int depth);
void gs_jw_put_slow(gs_jw *w, const char *s, size_t n);

static inline void gs_jw_put(gs_jw *w, const char *s, size_t n)
{
    gs_buf *b = w->buf;
    if (__builtin_expect(b->cap > b->len + n, 1)) { /* the common case: room already there */
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
    } else {
        gs_jw_put_slow(w, s, n);
    }
}

/* What comes before a value or a key: nothing after a key, else a comma
 * when the container has something already, and the indentation. */
static inline void gs_jw_before(gs_jw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth == 0)
        return;
    if (w->count[w->depth - 1] & 1)
        gs_jw_put(w, ",", 1);
    w->count[w->depth - 1] |= 1;
    if (w->pretty)
        gs_jw_newline(w, w->depth);
}

static inline void gs_jw_key_lit(gs_jw *w, const char *quoted, size_t len)
{
    gs_jw_before(w);
    gs_jw_put(w, quoted, w->pretty ? len : len - 1);
    w->after_key = 1;
}

#endif
