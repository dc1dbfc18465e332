/* text.h - bytes to a document: encoding detection and conversion to UTF-8,
 * line ends normalised, control bytes neutralised, and the line map.
 *
 * Readers of every format end here: whatever the file was, the rest of the
 * engine sees UTF-8 text where every line ends in '\n'. */
#ifndef GS_TEXT_H
#define GS_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"

typedef struct gs_doc {
    char *text;            /* UTF-8, '\n' line ends, NUL-terminated (arena) */
    size_t len;            /* bytes in text, without the NUL */
    uint32_t *line_start;  /* offset of each line's first byte (arena) */
    size_t nlines;         /* number of lines */
    const char *encoding;  /* "utf-8", "utf-8 (BOM)", "utf-16le", "utf-16be", "cp1252" (static) */
    size_t replaced;       /* bytes that could not be decoded, shown as U+FFFD */
    size_t controls;       /* control bytes turned into spaces */
} gs_doc;

/* Decode `data` into `doc`, allocating from `arena`. On failure returns
 * GAPSCAN_EFORMAT ("empty file", "binary file (not text)"), GAPSCAN_ETOOBIG
 * or GAPSCAN_ENOMEM and writes the reason (without the file name) into
 * err[errlen]. */
gapscan_status gs_text_decode(gs_arena *arena, const char *data, size_t len, gs_doc *doc,
                              char *err, size_t errlen);

/* Number of the line (0-based) that holds byte `off`. */
size_t gs_doc_line_of(const gs_doc *doc, size_t off);

/* Line i (0-based) without its '\n': sets *len and returns its first byte. */
const char *gs_doc_line(const gs_doc *doc, size_t i, size_t *len);

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if invalid. */
size_t gs_utf8_seq(const unsigned char *s, size_t len);

#endif
