/* read.c - what kind of file a CV is, from its content, and the dispatch to
 * the reader of that format (see read.h); also the output sink the readers
 * share. Plain text is not copied: the text path decodes it. */
#include "read.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* ---- the sink ---- */

void gs_sink_init(gs_sink *s, gs_mem *mem, size_t max)
{
    gs_buf_init(&s->buf, mem, 0);
    s->max = max;
    s->st = GAPSCAN_OK;
    s->bol = 1;
    s->space = 0;
}

void gs_sink_free(gs_sink *s)
{
    gs_buf_free(&s->buf);
}

static int put(gs_sink *s, const char *p, size_t n)
{
    if (s->st != GAPSCAN_OK)
        return -1;
    if (n > s->max || s->buf.len > s->max - n) {
        s->st = GAPSCAN_ETOOBIG;
        return -1;
    }
    if (gs_buf_append(&s->buf, p, n)) {
        s->st = GAPSCAN_ENOMEM;
        return -1;
    }
    return 0;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int gs_sink_text(gs_sink *s, const char *p, size_t n, int collapse)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)p[i];
        if (collapse && is_ws(c)) {
            if (!s->bol)
                s->space = 1;
            i++;
            continue;
        }
        if (!collapse && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < n && p[i + 1] == '\n')
                i++;
            if (gs_sink_break(s))
                return -1;
            i++;
            continue;
        }
        if (s->space) {
            s->space = 0;
            if (put(s, " ", 1))
                return -1;
        }
        /* a run of ordinary bytes (ASCII or whole UTF-8 characters) in one append */
        size_t j = i;
        while (j < n) {
            unsigned char d = (unsigned char)p[j];
            if (d < 0x20 || d == 0x7F)
                break;
            if (d < 0x80) {
                j++;
                continue;
            }
            size_t k = gs_utf8_seq((const unsigned char *)p + j, n - j);
            if (!k)
                break;
            j += k;
        }
        if (j > i) {
            if (put(s, p + i, j - i))
                return -1;
            s->bol = 0;
            i = j;
            continue;
        }
        /* a byte that is not UTF-8 (libxml2's HTML parser lets some through
         * when it changes encoding mid-document): U+FFFD, so the output stays
         * UTF-8 and the text path does not take it all for CP1252 */
        if (c >= 0x80) {
            if (put(s, "\xEF\xBF\xBD", 3))
                return -1;
            s->bol = 0;
            i++;
            continue;
        }
        /* a control byte: a tab stays, anything else is a space */
        if (put(s, c == '\t' ? "\t" : " ", 1))
            return -1;
        s->bol = 0;
        i++;
    }
    return s->st == GAPSCAN_OK ? 0 : -1;
}

int gs_sink_str(gs_sink *s, const char *str)
{
    return gs_sink_text(s, str, strlen(str), 0);
}

int gs_sink_cp(gs_sink *s, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
    if (cp < 0x80) {
        u[0] = (char)cp;
        return gs_sink_text(s, u, 1, 0);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else if (cp <= 0x10FFFF) {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    } else {
        return gs_sink_cp(s, 0xFFFD);
    }
    return gs_sink_text(s, u, n, 0);
}

int gs_sink_eol(gs_sink *s)
{
    s->space = 0;
    if (s->bol)
        return s->st == GAPSCAN_OK ? 0 : -1;
    return gs_sink_break(s);
}

int gs_sink_break(gs_sink *s)
{
    s->space = 0;
    s->bol = 1;
    return put(s, "\n", 1);
}

gapscan_status gs_sink_fail(const gs_sink *s, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s",
             s->st == GAPSCAN_ETOOBIG ? "document too large when unpacked" : "out of memory");
    return s->st;
}

/* ---- detection ---- */

/* Does s[0..n) contain `word` (ASCII, any case)? */
static int has_ci(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    for (size_t i = 0; i + w <= n; i++)
        if (!strncasecmp(s + i, word, w))
            return 1;
    return 0;
}

static int starts_ci(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word);
    return n >= w && !strncasecmp(s, word, w);
}

const char *gs_read_sniff(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (!data || len == 0)
        return "text";
    if (len >= 5 && !memcmp(data, "%PDF-", 5))
        return "pdf";
    if (len >= 4 && (!memcmp(data, "PK\x03\x04", 4) || !memcmp(data, "PK\x05\x06", 4)))
        return "zip";
    if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return "doc";
    size_t i = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        i = 3;
    while (i < len && is_ws(u[i]))
        i++;
    const char *p = data + i;
    size_t n = len - i;
    if (starts_ci(p, n, "{\\rtf"))
        return "rtf";
    if (n && p[0] == '{')
        return "json";
    if (!n || p[0] != '<')
        return "text";
    size_t head = n < 1024 ? n : 1024;
    if (starts_ci(p, n, "<!doctype html") || starts_ci(p, n, "<html"))
        return "html";
    if (starts_ci(p, n, "<?xml"))
        return has_ci(p, head, "<html") ? "html" : "text";
    if (has_ci(p, head, "<html") || has_ci(p, head, "<head") || has_ci(p, head, "<body"))
        return "html";
    return "text";
}

/* Is there anything but white space in s[0..n)? */
static int has_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws((unsigned char)s[i]))
            return 1;
    return 0;
}

gapscan_status gs_read(gs_mem *mem, const char *data, size_t len, size_t max_out,
                       gs_read_out *out, char *err, size_t errlen)
{
    out->text = data ? data : "";
    out->len = data ? len : 0;
    out->owned = NULL;
    out->format = "text";
    if (errlen)
        err[0] = '\0';
    const char *kind = gs_read_sniff(data, len);
    if (!strcmp(kind, "text"))
        return GAPSCAN_OK;

    gs_sink s;
    gs_sink_init(&s, mem, max_out);
    gapscan_status st;
    const char *format = kind;
    if (!strcmp(kind, "pdf")) {
        st = gs_read_pdf(mem, data, len, &s, err, errlen);
    } else if (!strcmp(kind, "zip")) {
        st = gs_read_zip(mem, data, len, &s, &format, err, errlen);
    } else if (!strcmp(kind, "doc")) {
        st = gs_read_doc(mem, data, len, &s, err, errlen);
    } else if (!strcmp(kind, "rtf")) {
        st = gs_read_rtf(mem, data, len, &s, err, errlen);
    } else if (!strcmp(kind, "html")) {
        st = gs_read_html(mem, data, len, &s, err, errlen);
    } else {
        int not_resume = 0;
        format = "jsonresume";
        st = gs_read_json(mem, data, len, &s, &not_resume, err, errlen);
        if (st == GAPSCAN_OK && not_resume) {
            gs_sink_free(&s);
            return GAPSCAN_OK; /* some other text that starts with '{' */
        }
    }
    if (st == GAPSCAN_OK && !has_text(s.buf.data ? s.buf.data : "", s.buf.len)) {
        snprintf(err, errlen, "no text in the document");
        st = GAPSCAN_EFORMAT;
    }
    if (st != GAPSCAN_OK) {
        gs_sink_free(&s);
        return st;
    }
    size_t n = 0;
    char *text = gs_buf_detach(&s.buf, &n);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return GAPSCAN_ENOMEM;
    }
    out->text = out->owned = text;
    out->len = n;
    out->format = format;
    return GAPSCAN_OK;
}
