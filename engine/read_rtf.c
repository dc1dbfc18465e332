/* read_rtf.c - RTF to plain text, by hand: one pass over the bytes with a
 * bounded stack of groups.
 *
 * Groups that hold no document text (font and colour tables, style sheets,
 * document info, pictures, objects, field instructions, every {\*\...}
 * destination) are skipped. \par and \line break lines, \cell and \row end
 * them, \tab is a tab, \'hh is a CP1252 byte and \uN a Unicode code point
 * (followed by \ucN fallback characters, which are dropped), all written as
 * UTF-8. \bin N data is jumped over. Nesting deeper than RTF_MAX_DEPTH is
 * refused rather than followed. */
#include <stdio.h>
#include <string.h>

#include "read.h"

#define RTF_MAX_DEPTH 256

/* CP1252 0x80..0x9F; 0 where CP1252 leaves a byte undefined (Latin-1 then) */
static const uint16_t CP1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static uint32_t cp1252(unsigned char b)
{
    if (b >= 0x80 && b <= 0x9F && CP1252[b - 0x80])
        return CP1252[b - 0x80];
    return b;
}

/* Destinations whose text is not part of the document. */
static const char *const SKIP_DEST[] = {
    "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "objdata", "listtable",
    "listoverridetable", "revtbl", "rsidtbl", "generator", "xmlnstbl", "themedata",
    "colorschememapping", "datastore", "latentstyles", "filetbl", "fldinst", "nonshppict",
    "pgdsctbl", "shpinst", "sp", "sn", "sv", "xe", "tc", "template", "userprops", "docvar",
    "annotation", "atnid", "atnauthor", "atndate", "pntxta", "pntxtb", "bkmkstart", "bkmkend",
    "falt", "panose", "fname", "mmathPr", "wgrffmtfilter", "formfield", "listpicture",
    "protusertbl", "passwordhash", "blipuid", "background", NULL};

typedef struct rgroup {
    int skip; /* inside a destination we do not want */
    int uc;   /* fallback characters after \uN */
} rgroup;

static int is_alpha(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

gapscan_status gs_read_rtf(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen)
{
    (void)mem;
    rgroup st[RTF_MAX_DEPTH];
    int d = 0;
    st[0].skip = 0;
    st[0].uc = 1;
    size_t i = 0;
    long fallback = 0;   /* characters still to drop after \uN */
    uint32_t high = 0;   /* a pending high surrogate */
    int opened = 0;
    const unsigned char *u = (const unsigned char *)data;
    while (i < len && out->st == GAPSCAN_OK) {
        unsigned char c = u[i];
        if (c == '{') {
            if (d + 1 >= RTF_MAX_DEPTH) {
                snprintf(err, errlen, "RTF nested too deeply");
                return GAPSCAN_EFORMAT;
            }
            st[d + 1] = st[d];
            d++;
            opened = 1;
            fallback = 0;
            i++;
            continue;
        }
        if (c == '}') {
            fallback = 0;
            i++;
            if (d > 0)
                d--;
            if (d == 0 && opened)
                break; /* the end of the document */
            continue;
        }
        if (c == '\r' || c == '\n') {
            i++;
            continue;
        }
        if (c != '\\') {
            /* a run of plain text */
            size_t j = i;
            while (j < len && u[j] != '{' && u[j] != '}' && u[j] != '\\' && u[j] != '\r' &&
                   u[j] != '\n')
                j++;
            for (size_t k = i; k < j; k++) {
                if (fallback > 0) {
                    fallback--;
                    continue;
                }
                if (st[d].skip)
                    continue;
                if (u[k] < 0x80) {
                    size_t e = k;
                    while (e < j && u[e] < 0x80)
                        e++;
                    gs_sink_text(out, data + k, e - k, 0);
                    k = e - 1;
                } else {
                    gs_sink_cp(out, cp1252(u[k]));
                }
            }
            i = j;
            continue;
        }
        /* a control word or symbol */
        if (i + 1 >= len)
            break;
        unsigned char n = u[i + 1];
        if (!is_alpha(n)) {
            i += 2;
            uint32_t cp = 0;
            if (n == '\'') {
                unsigned v = 0;
                int ok = i + 2 <= len;
                for (int k = 0; ok && k < 2; k++) {
                    unsigned char h = u[i + (size_t)k];
                    v <<= 4;
                    if (h >= '0' && h <= '9')
                        v |= h - '0';
                    else if (h >= 'a' && h <= 'f')
                        v |= h - 'a' + 10;
                    else if (h >= 'A' && h <= 'F')
                        v |= h - 'A' + 10;
                    else
                        ok = 0;
                }
                if (!ok)
                    continue;
                i += 2;
                cp = cp1252((unsigned char)v);
            } else if (n == '*') {
                st[d].skip = 1; /* an ignorable destination we do not know */
                continue;
            } else if (n == '{' || n == '}' || n == '\\') {
                cp = n;
            } else if (n == '~') {
                cp = ' ';
            } else if (n == '_') {
                cp = '-';
            } else if (n == '\n' || n == '\r') {
                if (!st[d].skip)
                    gs_sink_break(out);
                continue;
            } else {
                continue; /* \- optional hyphen, \| and others */
            }
            if (fallback > 0) {
                fallback--;
                continue;
            }
            if (!st[d].skip && cp)
                gs_sink_cp(out, cp);
            continue;
        }
        char word[33];
        size_t w = 0, j = i + 1;
        while (j < len && is_alpha(u[j])) {
            if (w < sizeof word - 1)
                word[w++] = (char)u[j];
            j++;
        }
        word[w] = '\0';
        int has_param = 0, neg = 0;
        long param = 0;
        if (j < len && u[j] == '-' && j + 1 < len && u[j + 1] >= '0' && u[j + 1] <= '9') {
            neg = 1;
            j++;
        }
        while (j < len && u[j] >= '0' && u[j] <= '9') {
            if (param < 100000000)
                param = param * 10 + (u[j] - '0');
            has_param = 1;
            j++;
        }
        if (neg)
            param = -param;
        if (j < len && u[j] == ' ')
            j++;
        i = j;

        if (!strcmp(word, "bin")) {
            size_t skip = has_param && param > 0 ? (size_t)param : 0;
            i = skip > len - i ? len : i + skip;
            continue;
        }
        if (!strcmp(word, "u") && has_param) {
            long v = param < 0 ? param + 65536 : param;
            fallback = st[d].uc;
            if (st[d].skip || v < 0 || v > 0xFFFF)
                continue;
            if (v >= 0xD800 && v <= 0xDBFF) {
                high = (uint32_t)v;
                continue;
            }
            uint32_t cp = (uint32_t)v;
            if (v >= 0xDC00 && v <= 0xDFFF) {
                if (!high)
                    continue;
                cp = 0x10000 + ((high - 0xD800) << 10) + ((uint32_t)v - 0xDC00);
            }
            high = 0;
            if (cp)
                gs_sink_cp(out, cp);
            continue;
        }
        if (!strcmp(word, "uc")) {
            st[d].uc = has_param && param >= 0 && param <= 8 ? (int)param : 1;
            continue;
        }
        int skipping = 0;
        for (size_t k = 0; SKIP_DEST[k]; k++)
            if (!strcmp(word, SKIP_DEST[k])) {
                st[d].skip = 1;
                skipping = 1;
                break;
            }
        if (skipping || st[d].skip)
            continue;
        if (!strcmp(word, "par") || !strcmp(word, "line"))
            gs_sink_break(out);
        else if (!strcmp(word, "cell") || !strcmp(word, "row") || !strcmp(word, "sect") ||
                 !strcmp(word, "page"))
            gs_sink_eol(out);
        else if (!strcmp(word, "tab"))
            gs_sink_str(out, "\t");
        else if (!strcmp(word, "emdash"))
            gs_sink_cp(out, 0x2014);
        else if (!strcmp(word, "endash"))
            gs_sink_cp(out, 0x2013);
        else if (!strcmp(word, "bullet"))
            gs_sink_cp(out, 0x2022);
        else if (!strcmp(word, "lquote"))
            gs_sink_cp(out, 0x2018);
        else if (!strcmp(word, "rquote"))
            gs_sink_cp(out, 0x2019);
        else if (!strcmp(word, "ldblquote"))
            gs_sink_cp(out, 0x201C);
        else if (!strcmp(word, "rdblquote"))
            gs_sink_cp(out, 0x201D);
        else if (!strcmp(word, "emspace") || !strcmp(word, "enspace") || !strcmp(word, "qmspace"))
            gs_sink_str(out, " ");
    }
    gs_sink_eol(out);
    if (out->st != GAPSCAN_OK)
        return gs_sink_fail(out, err, errlen);
    return GAPSCAN_OK;
}
