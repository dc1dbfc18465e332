/* text.c - encoding detection and conversion to UTF-8, line map.
 *
 * Order of decisions: a BOM wins (UTF-8, UTF-16LE, UTF-16BE); else UTF-16
 * without BOM is recognised by its pattern of zero bytes; else valid UTF-8 is
 * taken as UTF-8; else the text is taken as CP1252 (which covers Latin-1),
 * converted with iconv. A byte that no decoder accepts becomes U+FFFD and is
 * counted, never dropped. NUL bytes in what should be text make it binary. */
#include "text.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

size_t gs_utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

#define ONES 0x0101010101010101u
#define HIGH 0x8080808080808080u

/* Guess UTF-16 without a BOM: most odd (LE) or even (BE) bytes are zero in
 * Latin-script text. Returns "UTF-16LE", "UTF-16BE" or NULL. */
static const char *sniff_utf16(const unsigned char *s, size_t len)
{
    if (len < 4)
        return NULL;
    size_t n = len < 4096 ? len : 4096;
    if (!memchr(s, 0, n))
        return NULL;
    n &= ~(size_t)1;
    size_t even0 = 0, odd0 = 0;
    for (size_t i = 0; i < n; i += 2) {
        even0 += s[i] == 0;
        odd0 += s[i + 1] == 0;
    }
    size_t pairs = n / 2;
    if (odd0 * 10 >= pairs * 7 && even0 * 10 < pairs)
        return "UTF-16LE";
    if (even0 * 10 >= pairs * 7 && odd0 * 10 < pairs)
        return "UTF-16BE";
    return NULL;
}

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Convert with iconv into buf; undecodable input units become U+FFFD.
 * `unit` is how many bytes to skip past a bad unit (1 or 2). */
static int convert(gs_buf *out, const char *from, const char *data, size_t len, size_t unit,
                   size_t *replaced)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -2;
    char tmp[8192];
    char *in = (char *)data;
    size_t inleft = len;
    int rc = 0;
    while (inleft > 0) {
        char *o = tmp;
        size_t oleft = sizeof tmp;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (gs_buf_append(out, tmp, (size_t)(o - tmp))) {
            rc = -1;
            break;
        }
        if (r == (size_t)-1) {
            if (errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL (truncated at the end): replace one unit */
            size_t skip = inleft < unit ? inleft : unit;
            if (!strcmp(from, "CP1252") && skip == 1) {
                /* the five bytes CP1252 leaves undefined: read them as Latin-1 */
                unsigned char b = (unsigned char)*in;
                char l1[2] = {(char)(0xC0 | (b >> 6)), (char)(0x80 | (b & 0x3F))};
                if (gs_buf_append(out, l1, 2)) {
                    rc = -1;
                    break;
                }
            } else {
                if (gs_buf_append(out, REPLACEMENT, 3)) {
                    rc = -1;
                    break;
                }
                (*replaced)++;
            }
            in += skip;
            inleft -= skip;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
    }
    iconv_close(cd);
    return rc;
}

/* What copy_text found. */
typedef struct text_scan {
    size_t len;      /* bytes written */
    size_t lines;    /* of them '\n' */
    size_t nul;      /* NUL bytes (each made a space) */
    size_t ctl;      /* other control bytes made a space (not DEL) */
    size_t controls; /* control bytes made a space, DEL included (doc->controls) */
    int visible;     /* a byte above ' ' was seen */
} text_scan;

/* How many bytes at p are printable ASCII (' ' to '~'), given `stop`, the
 * mask of copy_text that marks at least one of the eight that is not. */
static size_t plain_prefix(const char *p, uint64_t stop)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    (void)p;
    return (size_t)__builtin_ctzll(stop) / 8;
#else
    (void)stop; /* its carries run the other way round here */
    size_t k = 0;
    while ((unsigned char)p[k] >= 0x20 && (unsigned char)p[k] < 0x7F)
        k++;
    return k;
#endif
}

/* Copy src[0..srclen) to t (room for srclen bytes) in one pass: CRLF and
 * lone CR become LF, form feed a line break, other controls a space, and
 * what decides "binary" is counted. Runs of printable ASCII are copied eight
 * bytes at a time. A multibyte character is checked as it is copied: with
 * `strict`, the first byte that starts no valid UTF-8 sequence stops the
 * copy (-1: the text is not UTF-8); otherwise it is copied as it is. */
static int copy_text(char *t, const char *src, size_t srclen, int strict, text_scan *sc)
{
    size_t n = 0, nul = 0, ctl = 0, lines = 0, controls = 0;
    int visible = 0;
    for (size_t i = 0; i < srclen;) {
        if (i + 8 <= srclen) {
            uint64_t x;
            memcpy(&x, src + i, 8);
            memcpy(t + n, &x, 8); /* n <= i: there is room, and what follows a stop is rewritten */
            /* a high bit for each byte below 0x20 or 0x7F and above; borrows
             * and carries only mark bytes after a marked one */
            uint64_t stop = ((x - ONES * 0x20) | (x + ONES * 0x01)) & HIGH;
            size_t plain = stop ? plain_prefix(src + i, stop) : 8;
            for (size_t k = 0; !visible && k < plain; k++)
                visible = src[i + k] != ' ';
            n += plain;
            i += plain;
            if (!stop)
                continue;
        }
        unsigned char c = (unsigned char)src[i];
        if (c >= 0x80) {
            size_t q = gs_utf8_seq((const unsigned char *)src + i, srclen - i);
            if (!q) {
                if (strict)
                    return -1;
                q = 1;
            }
            memcpy(t + n, src + i, q);
            n += q;
            i += q;
            visible = 1;
            continue;
        }
        i++;
        if (c > 0x20 && c != 0x7F) {
            visible = 1;
        } else if (c == 0x7F) {
            visible = 1; /* as before: DEL counts as a visible byte */
            c = ' ';
            controls++;
        } else if (c == '\r') {
            if (i < srclen && src[i] == '\n')
                continue;
            c = '\n';
        } else if (c == '\f') {
            c = '\n';
        } else if (c == 0) {
            nul++;
            c = ' ';
        } else if (c < 0x20 && c != '\n' && c != '\t') {
            ctl++;
            c = ' ';
            controls++;
        }
        t[n++] = (char)c;
        lines += c == '\n';
    }
    *sc = (text_scan){n, lines, nul, ctl, controls, visible};
    return 0;
}

gapscan_status gs_text_decode(gs_arena *arena, const char *data, size_t len, gs_doc *doc,
                              char *err, size_t errlen)
{
    const unsigned char *u = (const unsigned char *)data;
    memset(doc, 0, sizeof *doc);
    gs_buf utf8;
    gs_buf_init(&utf8, arena->mem, 0);
    const char *src = data;
    size_t srclen = len;
    const char *from = NULL;
    size_t unit = 1;

    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        src += 3;
        srclen -= 3;
        doc->encoding = "utf-8 (BOM)";
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        src += 2;
        srclen -= 2;
        from = "UTF-16LE";
        unit = 2;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        src += 2;
        srclen -= 2;
        from = "UTF-16BE";
        unit = 2;
    } else if ((from = sniff_utf16(u, len)) != NULL) {
        unit = 2;
    }

    /* +2: a final '\n' and the NUL; +16: the text ends in zero bytes that
     * PCRE2's JIT may read past the end of the last line (valgrind sees a
     * read of uninitialised memory otherwise, though no match depends on it) */
    char *t = NULL;
    size_t tsize = 0;
    text_scan sc;
    if (!from) {
        if (!doc->encoding)
            doc->encoding = "utf-8";
        tsize = srclen + 2 + 16;
        t = gs_arena_alloc_raw(arena, tsize);
        if (!t) {
            snprintf(err, errlen, "out of memory");
            return GAPSCAN_ENOMEM;
        }
        if (copy_text(t, src, srclen, 1, &sc)) {
            /* not UTF-8 (what was copied stays unused in the arena) */
            if (memchr(src, '\0', srclen)) {
                snprintf(err, errlen, "binary file (not text)");
                return GAPSCAN_EFORMAT;
            }
            from = "CP1252";
            unit = 1;
        }
    }
    if (from) {
        doc->encoding = !strcmp(from, "CP1252") ? "cp1252"
                        : !strcmp(from, "UTF-16LE") ? "utf-16le"
                                                    : "utf-16be";
        int r = convert(&utf8, from, src, srclen, unit, &doc->replaced);
        if (r == -1) {
            gs_buf_free(&utf8);
            snprintf(err, errlen, "out of memory");
            return GAPSCAN_ENOMEM;
        }
        if (r == -2) {
            gs_buf_free(&utf8);
            snprintf(err, errlen, "cannot convert from %s", from);
            return GAPSCAN_EINTERNAL;
        }
        src = utf8.data ? utf8.data : "";
        srclen = utf8.len;
        tsize = srclen + 2 + 16;
        t = gs_arena_alloc_raw(arena, tsize);
        if (!t) {
            gs_buf_free(&utf8);
            snprintf(err, errlen, "out of memory");
            return GAPSCAN_ENOMEM;
        }
        copy_text(t, src, srclen, 0, &sc);
        gs_buf_free(&utf8);
    }
    doc->controls = sc.controls;
    if (sc.nul > 0 || (sc.ctl > 8 && sc.ctl * 10 > srclen)) {
        snprintf(err, errlen, "binary file (not text)");
        return GAPSCAN_EFORMAT;
    }
    if (!sc.visible) {
        snprintf(err, errlen, "empty file (no text)");
        return GAPSCAN_EFORMAT;
    }
    size_t n = sc.len, lines = sc.lines;
    if (n == 0 || t[n - 1] != '\n') {
        t[n++] = '\n';
        lines++;
    }
    /* the NUL, the padding and the arena's alignment slack all zero */
    memset(t + n, 0, ((tsize + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1)) - n);

    uint32_t *ls = gs_arena_alloc_raw(arena, lines * sizeof *ls);
    if (!ls) {
        snprintf(err, errlen, "out of memory");
        return GAPSCAN_ENOMEM;
    }
    size_t k = 0;
    ls[k++] = 0;
    for (const char *q = t, *end = t + n - 1; (q = memchr(q, '\n', (size_t)(end - q))) != NULL;)
        ls[k++] = (uint32_t)(++q - t);
    doc->text = t;
    doc->len = n;
    doc->line_start = ls;
    doc->nlines = k;
    return GAPSCAN_OK;
}

/* Characters (not bytes) in s[0..n), without the trailing spaces: the
 * bytes less the UTF-8 continuation bytes (10xxxxxx), counted eight at a
 * time */
static size_t columns(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    size_t c = n, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t cont = x & ~(x << 1) & 0x8080808080808080u;
        if (cont)
            c -= (size_t)__builtin_popcountll(cont);
    }
    for (; i < n; i++)
        c -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return c;
}

/* The first word of s[0..n) after its indent, in characters; 0 when blank */
static size_t first_word(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t from = i;
    while (i < n && s[i] != ' ' && s[i] != '\t')
        i++;
    return columns(s + from, i - from);
}

/* The width below which a text's lines are never wrapped */
#define MIN_WRAP_WIDTH 40

void gs_doc_wraps(const gs_doc *doc, uint8_t *wraps)
{
    size_t top[3] = {0, 0, 0}; /* the three longest lines, longest first */
    memset(wraps, 0, doc->nlines);
    for (size_t i = 0; i < doc->nlines; i++) {
        size_t n;
        const char *s = gs_doc_line(doc, i, &n);
        if (n <= top[2])
            continue; /* no more characters than bytes */
        size_t c = columns(s, n);
        if (c > top[2]) {
            top[2] = c;
            for (int k = 2; k > 0 && top[k] > top[k - 1]; k--) {
                size_t x = top[k];
                top[k] = top[k - 1];
                top[k - 1] = x;
            }
        }
    }
    size_t width = top[2];
    if (width < MIN_WRAP_WIDTH)
        return;
    for (size_t i = 0; i + 1 < doc->nlines; i++) {
        size_t n, m;
        const char *s = gs_doc_line(doc, i, &n);
        if (n * 2 < width)
            continue;
        const char *t = gs_doc_line(doc, i + 1, &m);
        size_t c = columns(s, n), w = first_word(t, m);
        /* a tenth of slack, as a PDF's characters are not all as wide; and
         * a line under half the width ends there, whatever follows it */
        wraps[i] = c * 2 >= width && w && (c + 1 + w) * 10 > width * 9;
    }
}

size_t gs_doc_line_of(const gs_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (doc->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

const char *gs_doc_line(const gs_doc *doc, size_t i, size_t *len)
{
    size_t start = doc->line_start[i];
    size_t end = i + 1 < doc->nlines ? doc->line_start[i + 1] - 1 : doc->len - 1;
    *len = end - start;
    return doc->text + start;
}
