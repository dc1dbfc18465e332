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

/* Which lines run on into the next one: a paragraph broken to fit a width
 * (a text file wrapped at 80 columns, a PDF's lines), where a name may be
 * cut in two ("careful feature" / "engineering"). Sets wraps[i] to 1 for
 * such a line i and 0 for the others (wraps has room for doc->nlines).
 *
 * A break is soft when the next line's first word would not have fitted
 * on the line: the line and that word reach the text's width, taken as its
 * third longest line so that one long line (a URL, a table row) does not
 * set it. Blank lines, lines under half the width, and the lines of a text
 * too short to have a width never run on. */
void gs_doc_wraps(const gs_doc *doc, uint8_t *wraps);

/* Length of the valid UTF-8 sequence at s[0..len), or 0 if invalid. */
size_t gs_utf8_seq(const unsigned char *s, size_t len);

#endif
