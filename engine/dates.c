/* dates.c - date ranges with PCRE2 (see dates.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "dates.h"

#include <pcre2.h>
#include <stdio.h>
#include <string.h>

struct gs_dates {
    pcre2_code *range; /* "<date> <sep> <date|present>" and "since <date>" */
};

struct gs_dscan {
    const gs_dates *d;
    pcre2_match_data *md;
    pcre2_match_context *mc;
};

#define MONTH "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
              "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
#define YEAR "((?:19|20)\\d\\d)"
/* A date: "Jan 2015", "03/2016", "2016.03" / "2016-03", or "2015".
 * Groups: month-name, year | month-num, year | year, month-num | year. */
#define DATE "(?:" MONTH "\\.?,?\\s*'?" YEAR "(?!\\d)" \
             "|(?<!\\d)(0?[1-9]|1[0-2])\\s*[/.]\\s*" YEAR "(?!\\d)" \
             "|(?<!\\d)" YEAR "\\s*[/.-]\\s*(0[1-9]|1[0-2])(?![\\d/.])" \
             "|(?<![\\d/.])" YEAR "(?!\\d))"
#define SEP "\\s*(?:-{1,2}|\\x{2010}|\\x{2011}|\\x{2012}|\\x{2013}|\\x{2014}|\\x{2212}|~|to|until|till|through|thru)\\s*"
#define PRESENT "(present|current(?:ly)?|now|today|to\\s+date|date|ongoing)"

/* Groups 1-7 start date, 8-14 end date, 15 present, 16 two-digit end year,
 * 17-23 "since" date. */
static const char PATTERN[] =
    "\\b" DATE SEP "(?:" DATE "|" PRESENT "\\b|(?<!\\d)(\\d\\d)(?!\\d))"
    "|\\bsince\\s+" DATE;

gs_dates *gs_dates_new(gs_mem *mem, gapscan_status *status, char *err, size_t errlen)
{
    gs_dates *d = gs_calloc(mem, 1, sizeof *d);
    if (!d) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    int ec;
    PCRE2_SIZE eo;
    d->range = pcre2_compile((PCRE2_SPTR)PATTERN, PCRE2_ZERO_TERMINATED,
                             PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
    if (!d->range) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errlen, "date pattern, offset %zu: %s", (size_t)eo, (char *)msg);
        *status = GAPSCAN_EINTERNAL;
        gs_free(mem, d);
        return NULL;
    }
    pcre2_jit_compile(d->range, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
    *status = GAPSCAN_OK;
    return d;
}

void gs_dates_free(gs_mem *mem, gs_dates *d)
{
    if (!d)
        return;
    pcre2_code_free(d->range);
    gs_free(mem, d);
}

gs_dscan *gs_dscan_new(gs_mem *mem, const gs_dates *d)
{
    gs_dscan *s = gs_calloc(mem, 1, sizeof *s);
    if (!s)
        return NULL;
    s->d = d;
    s->md = pcre2_match_data_create_from_pattern(d->range, NULL);
    s->mc = pcre2_match_context_create(NULL);
    if (!s->md || !s->mc) {
        gs_dscan_free(mem, s);
        return NULL;
    }
    pcre2_set_match_limit(s->mc, 100000);
    pcre2_set_depth_limit(s->mc, 1000);
    return s;
}

void gs_dscan_free(gs_mem *mem, gs_dscan *s)
{
    if (!s)
        return;
    pcre2_match_data_free(s->md);
    pcre2_match_context_free(s->mc);
    gs_free(mem, s);
}

static int month_of(const char *m)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    char low[4];
    for (int i = 0; i < 3; i++)
        low[i] = (char)(m[i] | 0x20);
    low[3] = '\0';
    for (int i = 0; i < 12; i++)
        if (!memcmp(low, names[i], 3))
            return i + 1;
    return 0;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Read the date whose first group is `g`; a lone year gives month
 * `lone_month`. Returns the month index or -1 when the groups are unset. */
static int32_t read_date(const char *line, const PCRE2_SIZE *ov, uint32_t count, int g, int lone_month)
{
#define SET(k) ((uint32_t)(k) < count && ov[2 * (k)] != PCRE2_UNSET)
#define STR(k) (line + ov[2 * (k)])
#define LEN(k) ((size_t)(ov[2 * (k) + 1] - ov[2 * (k)]))
    if (SET(g) && SET(g + 1))
        return num(STR(g + 1), 4) * 12 + month_of(STR(g)) - 1;
    if (SET(g + 2) && SET(g + 3))
        return num(STR(g + 3), 4) * 12 + num(STR(g + 2), LEN(g + 2)) - 1;
    if (SET(g + 4) && SET(g + 5))
        return num(STR(g + 4), 4) * 12 + num(STR(g + 5), 2) - 1;
    if (SET(g + 6))
        return num(STR(g + 6), 4) * 12 + lone_month - 1;
    return -1;
}

int gs_dates_find(gs_dscan *s, const char *line, size_t len, int32_t present, gs_range *out)
{
    /* cheap filter: a range needs a 19xx/20xx year */
    int has_year = 0;
    for (size_t i = 0; i + 3 < len; i++) {
        if ((line[i] == '1' && line[i + 1] == '9') || (line[i] == '2' && line[i + 1] == '0')) {
            if (line[i + 2] >= '0' && line[i + 2] <= '9' && line[i + 3] >= '0' &&
                line[i + 3] <= '9') {
                has_year = 1;
                break;
            }
        }
    }
    if (!has_year)
        return 0;
    int rc = pcre2_match(s->d->range, (PCRE2_SPTR)line, len, 0, PCRE2_NO_UTF_CHECK, s->md, s->mc);
    if (rc <= 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    uint32_t count = (uint32_t)rc;
    memset(out, 0, sizeof *out);
    out->off = ov[0];
    out->len = ov[1] - ov[0];
    int32_t since = read_date(line, ov, count, 17, 1);
    if (since >= 0) {
        out->start = since;
        out->end = present;
        out->open = 1;
        return 1;
    }
    out->start = read_date(line, ov, count, 1, 1);
    if (out->start < 0)
        return 0;
    if (SET(15)) {
        out->end = present;
        out->open = 1;
    } else if (SET(16)) {
        /* "2015 - 19": the end year in the start's century */
        int sy = out->start / 12;
        int ey = (sy / 100) * 100 + num(STR(16), 2);
        if (ey < sy)
            ey += 100;
        out->end = ey * 12 + 11;
    } else {
        out->end = read_date(line, ov, count, 8, 12);
        if (out->end < 0)
            return 0;
    }
    return 1;
#undef SET
#undef STR
#undef LEN
}
