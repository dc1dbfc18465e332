/* read_pdf.c - PDF to text with `pdftotext -layout` (poppler-utils) in a
 * bounded child process, then two-column pages put back in reading order.
 *
 * Why a child process rather than poppler's C API: the PDF parser then runs
 * outside our address space (a crash or a hang on a hostile file costs one
 * child, which is killed at the time limit), and the library stays free of
 * poppler's C++/GLib dependencies.
 *
 * -layout keeps each printed line on one line, so a date stays next to its
 * job title; but two columns come out side by side on the same lines. Per
 * page we look for a gutter: a column that many lines cross with a gap of
 * three or more spaces and that few lines cross with text. When there is
 * one, each run of lines between full-width lines is emitted as its left
 * column's lines, then its right column's. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read.h"
#include "child.h"

#define MAX_COLS 2000 /* a page with a longer line is taken as it is */
#define MAX_PAGE ((size_t)4 * 1024 * 1024) /* and so is a page of more bytes */
#define MIN_GAP 3     /* spaces between two columns */

typedef struct pline {
    const char *s;   /* the line's bytes */
    size_t n;
    uint32_t *col;   /* byte offset of each column (code point); col[ncols] == n */
    size_t ncols;
    long first, last; /* first and last column holding text, -1 when blank */
} pline;

static int sp(const pline *l, size_t c)
{
    if (c >= l->ncols)
        return 1;
    unsigned char b = (unsigned char)l->s[l->col[c]];
    return b == ' ' || b == '\t';
}

/* Emit columns [a, b) of a line, trimmed, with runs of spaces shortened. */
static int emit_cols(gs_sink *out, const pline *l, size_t a, size_t b)
{
    if (b > l->ncols)
        b = l->ncols;
    while (a < b && sp(l, a))
        a++;
    while (b > a && sp(l, b - 1))
        b--;
    size_t i = a;
    while (i < b) {
        size_t j = i;
        while (j < b && !sp(l, j))
            j++;
        if (gs_sink_text(out, l->s + l->col[i], l->col[j] - l->col[i], 0))
            return -1;
        if (j == b)
            break;
        size_t k = j;
        while (k < b && sp(l, k))
            k++;
        if (gs_sink_text(out, k - j >= 2 ? "  " : " ", k - j >= 2 ? 2 : 1, 0))
            return -1;
        i = k;
    }
    return gs_sink_eol(out);
}

/* How a line sits against the gutter at column x. */
enum { L_BLANK, L_LEFT, L_RIGHT, L_BOTH, L_CROSS };

/* Classify; for L_BOTH, [*ga, *gb) is the gap to split at. */
static int classify(const pline *l, size_t x, size_t *ga, size_t *gb)
{
    if (l->first < 0)
        return L_BLANK;
    if ((size_t)l->last < x)
        return L_LEFT;
    if ((size_t)l->first + 2 >= x)
        return L_RIGHT;
    /* a gap of two or more spaces that touches [x-2, x+2] */
    size_t lo = x >= 2 ? x - 2 : 0, hi = x + 2;
    size_t c = (size_t)l->first;
    while (c <= (size_t)l->last) {
        if (!sp(l, c)) {
            c++;
            continue;
        }
        size_t a = c;
        while (c <= (size_t)l->last && sp(l, c))
            c++;
        if (c - a >= 2 && a <= hi && c > lo) {
            *ga = a;
            *gb = c;
            return L_BOTH;
        }
    }
    return L_CROSS;
}

/* Emit a run of lines [from, to) that lies in two columns split at x. */
static int emit_columns(gs_sink *out, const pline *ls, size_t from, size_t to, size_t x)
{
    int had = 0; /* a line written: the next after a blank gets a blank line first */
    for (int side = 0; side < 2; side++) {
        int gap = had; /* a blank line between the two columns */
        for (size_t i = from; i < to; i++) {
            size_t ga = x, gb = x;
            int k = classify(&ls[i], x, &ga, &gb);
            size_t a, b;
            if (k == L_BLANK || (side == 0 && k == L_RIGHT) || (side == 1 && k == L_LEFT)) {
                gap = had; /* an empty slot in this column */
                continue;
            }
            if (k == L_BOTH) {
                a = side == 0 ? 0 : gb;
                b = side == 0 ? ga : ls[i].ncols;
            } else {
                a = 0;
                b = ls[i].ncols;
            }
            if (gap && gs_sink_break(out))
                return -1;
            gap = 0;
            had = 1;
            if (emit_cols(out, &ls[i], a, b))
                return -1;
        }
    }
    return 0;
}

/* A page line by line, each line trimmed (no analysis, no allocation). */
static int emit_plain(gs_sink *out, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        const char *stop = e ? e : end;
        const char *a = p, *b = stop;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (gs_sink_text(out, a, (size_t)(b - a), 0) || gs_sink_break(out))
            return -1;
        p = e ? e + 1 : end;
    }
    return 0;
}

/* One page: find the gutter, if any, and emit the page in reading order. */
static int emit_page(gs_mem *mem, gs_sink *out, const char *p, size_t n)
{
    if (n > MAX_PAGE)
        return emit_plain(out, p, n);
    size_t nlines = 0;
    for (size_t i = 0; i < n; i++)
        nlines += p[i] == '\n';
    if (p[n - 1] != '\n')
        nlines++; /* a last line without its LF */
    pline *ls = gs_calloc(mem, nlines, sizeof *ls);
    uint32_t *cols = gs_malloc(mem, (n + nlines) * sizeof *cols);
    long *both = NULL, *text = NULL;
    int rc = -1;
    if (!ls || !cols) {
        out->st = GAPSCAN_ENOMEM;
        goto done;
    }
    size_t k = 0, maxcols = 0, used = 0;
    const char *s = p, *end = p + n;
    while (k < nlines) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        pline *l = &ls[k++];
        l->s = s;
        l->n = (size_t)(e - s);
        l->col = cols + used;
        l->first = l->last = -1;
        for (size_t i = 0; i < l->n; i++) {
            if (((unsigned char)s[i] & 0xC0) == 0x80)
                continue; /* a UTF-8 continuation byte: same column */
            l->col[l->ncols] = (uint32_t)i;
            if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
                if (l->first < 0)
                    l->first = (long)l->ncols;
                l->last = (long)l->ncols;
            }
            l->ncols++;
        }
        l->col[l->ncols] = (uint32_t)l->n;
        used += l->ncols + 1;
        if (l->ncols > maxcols)
            maxcols = l->ncols;
        s = e < end ? e + 1 : end;
    }

    size_t x = 0;
    int split = 0;
    if (maxcols > 0 && maxcols <= MAX_COLS) {
        /* per column: lines with a wide gap there (text on both sides), lines with text there */
        both = gs_calloc(mem, maxcols + 1, sizeof *both);
        text = gs_calloc(mem, maxcols + 1, sizeof *text);
        if (!both || !text) {
            out->st = GAPSCAN_ENOMEM;
            goto done;
        }
        size_t nonblank = 0;
        for (size_t i = 0; i < nlines; i++) {
            const pline *l = &ls[i];
            if (l->first < 0)
                continue;
            nonblank++;
            size_t c = (size_t)l->first;
            while (c <= (size_t)l->last) {
                if (!sp(l, c)) {
                    text[c]++;
                    c++;
                    continue;
                }
                size_t a = c;
                while (c <= (size_t)l->last && sp(l, c))
                    c++;
                if (c - a >= MIN_GAP) {
                    both[a]++;
                    both[c]--;
                }
            }
        }
        long run = 0, best = 0;
        size_t bx = 0, bend = 0;
        for (size_t c = 0; c < maxcols; c++) {
            run += both[c];
            long score = run - text[c];
            if (score > best) {
                best = score;
                bx = bend = c;
            } else if (score == best && best > 0 && bend + 1 == c) {
                bend = c; /* the plateau of the best score */
            }
        }
        x = (bx + bend + 1) / 2;
        if (best >= 3 && (size_t)best * 5 >= nonblank) {
            size_t cross = 0, twosided = 0;
            for (size_t i = 0; i < nlines; i++) {
                size_t ga, gb;
                int kind = classify(&ls[i], x, &ga, &gb);
                cross += kind == L_CROSS;
                twosided += kind == L_BOTH;
            }
            split = twosided >= 3 && cross * 8 <= nonblank;
        }
    }

    size_t from = 0;
    for (size_t i = 0; i <= nlines; i++) {
        size_t ga, gb;
        int kind = i < nlines ? (split ? classify(&ls[i], x, &ga, &gb) : L_CROSS) : L_CROSS;
        if (kind != L_CROSS)
            continue;
        if (from < i) {
            if (emit_columns(out, ls, from, i, x))
                goto done;
        }
        if (i < nlines) {
            if (ls[i].first < 0) {
                if (gs_sink_break(out))
                    goto done;
            } else if (emit_cols(out, &ls[i], 0, ls[i].ncols)) {
                goto done;
            }
        }
        from = i + 1;
    }
    rc = 0;
done:
    gs_free(mem, both);
    gs_free(mem, text);
    gs_free(mem, cols);
    gs_free(mem, ls);
    return rc;
}

gapscan_status gs_pdf_layout_text(gs_mem *mem, const char *raw, size_t len, gs_sink *out)
{
    size_t i = 0;
    while (i < len) {
        const char *ff = memchr(raw + i, '\f', len - i);
        size_t end = ff ? (size_t)(ff - raw) : len;
        if (end > i && emit_page(mem, out, raw + i, end - i))
            return out->st != GAPSCAN_OK ? out->st : GAPSCAN_ENOMEM;
        if (gs_sink_eol(out))
            return out->st;
        i = end + 1;
    }
    return out->st;
}

static int has_word(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (!strncasecmp(s, w, n))
            return 1;
    return 0;
}

static int mentions_encrypt(const char *data, size_t len)
{
    static const char key[] = "/Encrypt";
    for (size_t i = 0; i + sizeof key - 1 <= len; i++)
        if (data[i] == '/' && !memcmp(data + i, key, sizeof key - 1))
            return 1;
    return 0;
}

gapscan_status gs_read_pdf(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen)
{
    static const char *const argv[] = {"pdftotext", "-layout", "-enc", "UTF-8", "-eol", "unix",
                                       GS_CHILD_INPUT, "-", NULL};
    /* -layout pads with spaces: allow the raw output four times the text cap */
    size_t cap = out->max > ((size_t)-1) / 4 ? (size_t)-1 : out->max * 4;
    gs_buf raw;
    gs_buf_init(&raw, mem, 0);
    gs_child_res res;
    int rc = gs_child_run(argv, data, len, GS_READ_TOOL_TIMEOUT_MS, cap, &raw, &res);
    gapscan_status st = GAPSCAN_OK;
    if (rc == GS_CHILD_NOTFOUND) {
        snprintf(err, errlen, "reading PDF needs pdftotext (apt-get install poppler-utils)");
        st = GAPSCAN_EIO;
    } else if (rc == GS_CHILD_NOMEM) {
        snprintf(err, errlen, "out of memory");
        st = GAPSCAN_ENOMEM;
    } else if (rc != GS_CHILD_RAN) {
        snprintf(err, errlen, "cannot run pdftotext");
        st = GAPSCAN_EIO;
    } else if (res.timed_out) {
        snprintf(err, errlen, "PDF took too long to read (over %d s)", GS_READ_TOOL_TIMEOUT_MS / 1000);
        st = GAPSCAN_EFORMAT;
    } else if (res.too_big) {
        snprintf(err, errlen, "document too large when unpacked");
        st = GAPSCAN_ETOOBIG;
    } else if (has_word(res.err, "password") ||
               ((!res.exited || res.code != 0) && mentions_encrypt(data, len))) {
        snprintf(err, errlen, "encrypted PDF");
        st = GAPSCAN_EFORMAT;
    } else if (!res.exited || res.code != 0) {
        snprintf(err, errlen, "damaged or truncated PDF");
        st = GAPSCAN_EFORMAT;
    } else {
        int any = 0;
        for (size_t i = 0; i < raw.len && !any; i++)
            any = raw.data[i] != ' ' && raw.data[i] != '\n' && raw.data[i] != '\f' &&
                  raw.data[i] != '\t' && raw.data[i] != '\r';
        if (!any) {
            snprintf(err, errlen, "%s",
                     has_word(res.err, "error") ? "damaged or truncated PDF"
                                                : "no text layer (scanned PDF?)");
            st = GAPSCAN_EFORMAT;
        }
    }
    if (st == GAPSCAN_OK) {
        st = gs_pdf_layout_text(mem, raw.data, raw.len, out);
        if (st != GAPSCAN_OK)
            gs_sink_fail(out, err, errlen);
    }
    gs_buf_free(&raw);
    return st;
}
