/* read.h - CV files to text: the format is detected from the content (magic
 * bytes, never the file name) and one reader per format turns the file into
 * UTF-8 lines for the text path (text.h). Plain text passes through as is.
 *
 *   read.c       detection, dispatch, gs_read, the shared output sink
 *   read_pdf.c   PDF via `pdftotext -layout` in a child process; columns
 *   read_zip.c   DOCX and ODT: the zip in memory (libzip), XML with xmlReader
 *   read_html.c  HTML and XHTML with libxml2's HTML parser
 *   read_rtf.c   RTF, by hand
 *   read_doc.c   legacy Word .doc via antiword (or catdoc) in a child process
 *   read_json.c  JSON Resume (jansson), rendered as a text CV
 *
 * Every reader treats its input as hostile: no network, no external
 * entities, bounded sizes, depth and time. None prints, exits or keeps
 * global mutable state. */
#ifndef GS_READ_H
#define GS_READ_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"

typedef struct gs_read_out {
    const char *text;   /* UTF-8 text for the text path (or, for plain text, the input bytes as given) */
    size_t len;
    char *owned;        /* non-NULL when text was allocated: the caller frees it with gs_free(mem, owned) */
    const char *format; /* static: "text", "html", "docx", "odt", "pdf", "rtf", "doc", "jsonresume" */
} gs_read_out;

/* Turn a CV file's bytes into text. Plain text passes through untouched (no copy). On failure
 * returns GAPSCAN_EFORMAT / GAPSCAN_ETOOBIG / GAPSCAN_ENOMEM / GAPSCAN_EIO with the reason in
 * err (without the file name, e.g. "no text layer (scanned PDF?)"). max_out bounds the text. */
gapscan_status gs_read(gs_mem *mem, const char *data, size_t len, size_t max_out,
                       gs_read_out *out, char *err, size_t errlen);

/* The format the content looks like, from its first bytes: "pdf", "zip", "rtf",
 * "doc", "json" (a '{' first: maybe JSON Resume), "html" or "text". Static. */
const char *gs_read_sniff(const char *data, size_t len);

/* ---- for the readers ---- */

/* Limits shared by the readers. */
#define GS_READ_TOOL_TIMEOUT_MS 10000              /* a child process is killed after 10 s */
#define GS_ZIP_ENTRY_MAX ((size_t)50 * 1024 * 1024) /* one zip entry, uncompressed */
#define GS_ZIP_TOTAL_MAX ((size_t)100 * 1024 * 1024) /* all entries read from one zip */
#define GS_ZIP_RATIO_MAX 200                        /* ... on an entry over GS_ZIP_RATIO_FROM */
#define GS_ZIP_RATIO_FROM ((size_t)1024 * 1024)

/* A reader's output: lines of UTF-8 in a buffer capped at `max` bytes. The
 * first failed append is remembered in `st` (GAPSCAN_ETOOBIG past the cap,
 * else GAPSCAN_ENOMEM) and every later append fails too, so a reader may
 * write a whole paragraph and check once. */
typedef struct gs_sink {
    gs_buf buf;        /* the text; freed by gs_sink_free, or taken by gs_read */
    size_t max;        /* largest text allowed */
    gapscan_status st; /* GAPSCAN_OK until an append fails */
    int bol;           /* at the beginning of a line */
    int space;         /* a collapsed space is pending (written before the next text) */
} gs_sink;

void gs_sink_init(gs_sink *s, gs_mem *mem, size_t max);
void gs_sink_free(gs_sink *s);
/* Text on the current line. With `collapse`, runs of white space (space, tab,
 * CR, LF, FF) become one space and none is written at a line start (HTML and
 * ODF rules); without it a LF ends the line and a tab stays. NUL and other
 * control bytes become spaces, and a byte that is not part of valid UTF-8
 * becomes U+FFFD: the sink's text is always UTF-8. Returns 0 or -1
 * (s->st says why). */
int gs_sink_text(gs_sink *s, const char *p, size_t n, int collapse);
int gs_sink_str(gs_sink *s, const char *str); /* gs_sink_text(s, str, strlen(str), 0) */
int gs_sink_cp(gs_sink *s, uint32_t cp);      /* one code point, as UTF-8 */
int gs_sink_eol(gs_sink *s);                  /* end the line if it holds text */
int gs_sink_break(gs_sink *s);                /* a line break even on an empty line */
/* The message for s->st ("document too large when unpacked", "out of memory")
 * into err; returns s->st. */
gapscan_status gs_sink_fail(const gs_sink *s, char *err, size_t errlen);

/* The readers. Each writes the document's text into `out` and returns
 * GAPSCAN_OK, or a status with the reason in err. */
gapscan_status gs_read_pdf(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen);
/* DOCX or ODT; *format is set to "docx" or "odt" on success. */
gapscan_status gs_read_zip(gs_mem *mem, const char *data, size_t len, gs_sink *out,
                           const char **format, char *err, size_t errlen);
gapscan_status gs_read_html(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                            size_t errlen);
gapscan_status gs_read_rtf(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen);
gapscan_status gs_read_doc(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen);
/* JSON Resume. When the bytes are not a JSON object with "basics" or "work",
 * sets *not_resume to 1 and returns GAPSCAN_OK with nothing written. */
gapscan_status gs_read_json(gs_mem *mem, const char *data, size_t len, gs_sink *out,
                            int *not_resume, char *err, size_t errlen);

/* `pdftotext -layout` output (pages separated by form feeds) to lines in
 * reading order: on a page laid out in two columns, the left column's lines
 * come before the right column's (read_pdf.c). */
gapscan_status gs_pdf_layout_text(gs_mem *mem, const char *raw, size_t len, gs_sink *out);

#endif
