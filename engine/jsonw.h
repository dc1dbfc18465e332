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
int gs_jw_failed(const gs_jw *w);

void gs_jw_object(gs_jw *w);
void gs_jw_array(gs_jw *w);
void gs_jw_end(gs_jw *w); /* closes the innermost object or array */

/* A key in the current object; the next call writes its value. */
void gs_jw_key(gs_jw *w, const char *key);

/* The same for a key that is a string literal needing no escapes: GS_JW_KEY
 * pastes the quotes and separator at compile time. */
void gs_jw_key_lit(gs_jw *w, const char *quoted, size_t len);
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

#endif
