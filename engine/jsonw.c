/* jsonw.c - the streaming JSON writer (see jsonw.h). */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

void gs_jw_init(gs_jw *w, gs_buf *buf, int pretty)
{
    memset(w, 0, sizeof *w);
    w->buf = buf;
    w->pretty = pretty;
}

int gs_jw_failed(const gs_jw *w)
{
    return w->failed;
}

void gs_jw_init_inside(gs_jw *w, gs_buf *buf, int pretty, int depth, int empty)
{
    gs_jw_init(w, buf, pretty);
    if (depth < 1 || depth > GS_JW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    w->depth = depth;
    memset(w->count, 1, (size_t)depth);
    w->count[depth - 1] = !empty;
}

void gs_jw_put_slow(gs_jw *w, const char *s, size_t n)
{
    if (!w->failed && gs_buf_append(w->buf, s, n))
        w->failed = 1;
}

void gs_jw_newline(gs_jw *w, int depth)
{
    static const char spaces[] = "\n                                                                ";
    size_t n = 1 + 2 * (size_t)depth;
    while (n > sizeof spaces - 1) { /* deeper than the report ever goes */
        gs_jw_put(w, spaces, sizeof spaces - 1);
        n -= sizeof spaces - 2;
    }
    gs_jw_put(w, spaces, n);
}

static void open(gs_jw *w, char c)
{
    gs_jw_before(w);
    gs_jw_put(w, &c, 1);
    if (w->depth >= GS_JW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    w->count[w->depth++] = c == '[' ? 2 : 0;
}

void gs_jw_object(gs_jw *w)
{
    open(w, '{');
}

void gs_jw_array(gs_jw *w)
{
    open(w, '[');
}

void gs_jw_end(gs_jw *w)
{
    if (w->depth == 0) {
        w->failed = 1;
        return;
    }
    int state = w->count[--w->depth];
    if ((state & 1) && w->pretty)
        gs_jw_newline(w, w->depth);
    gs_jw_put(w, state & 2 ? "]" : "}", 1);
}

/* Escape and append s[0..n): '"', '\\' and controls escaped as jansson does,
 * invalid UTF-8 replaced with U+FFFD, everything else copied in runs. */
static void string_body(gs_jw *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0, i = 0;
    while (i < n) {
        /* eight plain bytes at a time: no control, '"', '\\' or byte >= 0x80 */
        while (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, u + i, 8);
            const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
            uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
            if (((x - ones * 0x20) | (q - ones) | (b - ones) | x) & high)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        size_t seq = c >= 0x80 ? gs_utf8_seq(u + i, n - i) : 0;
        if (seq) {
            i += seq;
            continue;
        }
        gs_jw_put(w, s + run, i - run);
        char esc[8] = {'\\', 0};
        size_t elen = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            if (c < 0x20) {
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 15];
                elen = 6;
            } else { /* a byte of invalid UTF-8 */
                memcpy(esc, "\xEF\xBF\xBD", 3);
                elen = 3;
            }
        }
        gs_jw_put(w, esc, elen);
        run = ++i;
    }
    gs_jw_put(w, s + run, n - run);
}

void gs_jw_key(gs_jw *w, const char *key)
{
    gs_jw_before(w);
    gs_jw_put(w, "\"", 1);
    string_body(w, key, strlen(key));
    gs_jw_put(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
    w->after_key = 1;
}

void gs_jw_strn(gs_jw *w, const char *s, size_t n)
{
    gs_jw_before(w);
    gs_jw_put(w, "\"", 1);
    string_body(w, s, n);
    gs_jw_put(w, "\"", 1);
}

void gs_jw_str(gs_jw *w, const char *s)
{
    if (!s)
        gs_jw_null(w);
    else
        gs_jw_strn(w, s, strlen(s));
}

/* Decimal digits of v into the end of b[0..cap); returns the first. */
static char *digits(char *end, unsigned long long v)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

void gs_jw_int(gs_jw *w, long long v)
{
    char b[32], *e = b + sizeof b;
    char *d = digits(e, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v);
    if (v < 0)
        *--d = '-';
    gs_jw_before(w);
    gs_jw_put(w, d, (size_t)(e - d));
}

void gs_jw_real(gs_jw *w, double v)
{
    char b[40];
    int n;
    if (!isfinite(v)) { /* JSON has no NaN or infinity */
        gs_jw_null(w);
        return;
    }
    /* Years and credits have at most two decimals: write those without
     * printf, exactly as %.10g would (no trailing zeros). v has them when
     * v * 100 is whole, or when v is the double nearest to a whole number
     * of hundredths (2.3 is, though 2.3 * 100 is 229.99999999999997): with
     * at most nine significant digits, %.10g then writes that number. */
    double h = v * 100;
    long long c = fabs(v) < 1e7 ? (long long)(h < 0 ? h - 0.5 : h + 0.5) : 0;
    if (fabs(v) < 1e7 && ((double)c == h || (double)c / 100 == v)) {
        c = c < 0 ? -c : c;
        char *e = b + sizeof b, *d = e;
        int frac = (int)(c % 100);
        if (frac) {
            if (frac % 10)
                *--d = (char)('0' + frac % 10);
            *--d = (char)('0' + frac / 10);
            *--d = '.';
        } else {
            *--d = '0';
            *--d = '.';
        }
        d = digits(d, (unsigned long long)(c / 100));
        if (v < 0)
            *--d = '-';
        gs_jw_before(w);
        gs_jw_put(w, d, (size_t)(e - d));
        return;
    }
    n = snprintf(b, sizeof b - 2, "%.10g", v);
    for (int i = 0; i < n; i++)
        if (b[i] == ',') /* a locale's decimal comma */
            b[i] = '.';
    if (!strpbrk(b, ".eE")) {
        b[n++] = '.';
        b[n++] = '0';
    }
    gs_jw_before(w);
    gs_jw_put(w, b, (size_t)n);
}

void gs_jw_bool(gs_jw *w, int v)
{
    gs_jw_before(w);
    gs_jw_put(w, v ? "true" : "false", v ? 4 : 5);
}

void gs_jw_null(gs_jw *w)
{
    gs_jw_before(w);
    gs_jw_put(w, "null", 4);
}

void gs_jw_raw(gs_jw *w, const char *s, size_t n)
{
    gs_jw_put(w, s, n);
}

void gs_jw_value_raw(gs_jw *w, const char *s, size_t n)
{
    gs_jw_before(w);
    gs_jw_put(w, s, n);
}

void gs_jw_members_raw(gs_jw *w, const char *s, size_t n, int ends_with_key)
{
    if (w->depth > 0)
        w->count[w->depth - 1] |= 1;
    gs_jw_put(w, s, n);
    w->after_key = ends_with_key;
}
