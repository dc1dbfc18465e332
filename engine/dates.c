/* dates.c - date ranges, stated years and team sizes with PCRE2 (see
 * dates.h). The month, season and team-size words the patterns are made of
 * are data: lexicon/figures.tsv, read from the built-in files when the
 * patterns are compiled. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "dates.h"

#include <pcre2.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"

static const char FIGURES[] = "lexicon/figures.tsv";

/* The meanings of figures.tsv. A pattern names the words of one as '%'
 * and the meaning's letter in PLACEHOLDER ("%M": the months). */
enum { FW_MONTH, FW_SEASON, FW_GROUP, FW_NOUN, FW_SIZE, FW_VERB, FW_UNIT, FW_KINDS };
static const char PLACEHOLDER[FW_KINDS] = {'M', 'S', 'G', 'N', 'Z', 'V', 'U'};
static const char *const MEANING[FW_KINDS] = {"month",     "season",    "team-group", "team-noun",
                                              "team-size", "team-verb", "team-unit"};

#define FW_MAX 160  /* lines of figures.tsv */
#define WORD_MAX 16 /* bytes of a word, with its NUL */

typedef struct figword {
    char w[WORD_MAX];     /* lower-case ASCII letters */
    uint8_t len;          /* strlen(w) */
    uint8_t kind;         /* FW_* */
    uint8_t first, last;  /* a month: it, twice; a season: its first and last month */
} figword;

typedef struct gs_words {
    const char **v;              /* sorted; the strings are the figure words' (array owned) */
    size_t n;
    uint32_t initials[WORD_MAX]; /* by length: bit k when a word that long starts with 'a' + k */
} gs_words;

/* The range and team patterns are kept twice: as written, and anchored at
 * the start offset, for the search at the places a match can start
 * (match_at); PCRE2's JIT takes anchoring only when the pattern is compiled. */
struct gs_dates {
    pcre2_code *range;    /* "<date> <sep> <date|present>", "since <date>", "Summer 2019" */
    pcre2_code *range_at; /* the same, anchored */
    pcre2_code *before;   /* YEARS_BEFORE */
    pcre2_code *after;    /* YEARS_AFTER */
    pcre2_code *team;     /* TEAM */
    pcre2_code *team_at;  /* the same, anchored */
    figword fw[FW_MAX];   /* figures.tsv, in its order */
    size_t nfw;
    gs_words range_starts; /* months, seasons, "since" and "q": how a range opens */
    gs_words groups;      /* team-group, for team_near_numbers */
    gs_words nouns;       /* team-noun and team-size */
    gs_words sizes;       /* team-size */
    gs_words verbs;       /* team-verb */
    gs_words team_starts; /* team-group and team-verb: how a team size opens */
};

struct gs_dscan {
    const gs_dates *d;
    pcre2_match_data *md; /* big enough for every pattern (the range one has the most groups) */
    pcre2_match_context *mc;
};

#define MONTH "(%M)"
#define YEAR "((?:19|20)\\d\\d)"
#define SEASON "(%S)"
/* A date: "Jan 2015", "03/2016", "2016.03" / "2016-03", "Summer 2019",
 * "Q3 2017", or "2015". Groups (DATE_GROUPS of them): month-name, year |
 * month-num, year | year, month-num | season, year | quarter, year | year. */
#define DATE "(?:" MONTH "\\.?,?\\s*'?" YEAR "(?!\\d)" \
             "|(?<!\\d)(0?[1-9]|1[0-2])\\s*[/.]\\s*" YEAR "(?!\\d)" \
             "|(?<!\\d)" YEAR "\\s*[/.-]\\s*(0[1-9]|1[0-2])(?![\\d/.])" \
             "|" SEASON ",?\\s+" YEAR "(?!\\d)" \
             "|\\bQ([1-4])\\s*'?" YEAR "(?!\\d)" \
             "|(?<![\\d/.])" YEAR "(?!\\d))"
#define DATE_GROUPS 11
#define SEP "\\s*(?:-{1,2}|\\x{2010}|\\x{2011}|\\x{2012}|\\x{2013}|\\x{2014}|\\x{2212}|~|to|until|till|through|thru)\\s*"
#define PRESENT "(present|current(?:ly)?|now|today|to\\s+date|date|ongoing)"

/* Groups 1-11 start date, 12-22 end date, 23 present, 24 two-digit end year,
 * 25-35 "since" date, 36-37 a lone season ("Summer 2019"). */
#define G_END (1 + DATE_GROUPS)
#define G_PRESENT (1 + 2 * DATE_GROUPS)
#define G_TWO_DIGIT (G_PRESENT + 1)
#define G_SINCE (G_TWO_DIGIT + 1)
#define G_SEASON (G_SINCE + DATE_GROUPS)
static const char PATTERN[] =
    "\\b" DATE SEP "(?:" DATE "|" PRESENT "\\b|(?<!\\d)(\\d\\d)(?!\\d))"
    "|\\bsince\\s+" DATE
    "|\\b" SEASON ",?\\s+" YEAR "(?!\\d)";

/* In every pattern, two runs of white space never meet with only optional
 * items between them ("\\s*\\+?\\s*" is written "\\s*(?:\\+\\s*)?"): such a
 * pair backtracks over a long run of spaces in quadratic time, and the match
 * limit bounds the backtracking steps, not the bytes each step reads. */

/* "5+ years of", "7 yrs' experience with", "over 10 years of professional
 * experience": group 1 the number, group 2 set when the word "experience"
 * is there, group 3 when "with"/"using" ties it to a tool. What follows decides: a skill (a claim for it) or nothing (a
 * claim about the whole career). */
static const char YEARS_BEFORE[] =
    "(?<![\\d.])(?:over\\s+|more\\s+than\\s+|nearly\\s+|almost\\s+|about\\s+|~)?"
    "(\\d{1,2}(?:\\.\\d)?)\\s*(?:\\+\\s*)?(?:years?|yrs?)\\b'?\\s*"
    "(?:of\\s+)?(?:(?:hands-on|professional|industry|commercial|production|relevant|total|work|working)\\s+)?"
    "(experience\\b)?\\s*(?:(with|using)\\s+|(?:in|of|on|building|writing|developing|programming\\s+in)\\s+)?";

/* After a skill: "SQL (5+ yrs)", "Python - 7 years", "Scala: 3 years". */
static const char YEARS_AFTER[] =
    "\\s*(?:[(:,\\-\\x{2013}\\x{2014}]\\s*)?(\\d{1,2}(?:\\.\\d)?)\\s*(?:\\+\\s*)?(?:years?|yrs?)\\b";

/* Team sizes: the number is the first group that is set. The words a team
 * size hangs on are those of figures.tsv, in the pattern and in the cheap
 * test before it (team_near_numbers) alike. */
static const char TEAM[] =
    "\\b(?:%G)\\s+"
    "(?:of|to|from\\s+\\d+\\s+to)\\s+(?:over\\s+|more\\s+than\\s+|about\\s+|~)?(\\d{1,4})\\b"
    "|\\b(?:%V)\\s+"
    "(?:a\\s+|an\\s+)?(?:(?:%U)\\s+of\\s+)?"
    "(?:over\\s+|more\\s+than\\s+|about\\s+|~)?(\\d{1,4})\\+?\\s+(?:[a-z/&-]+\\s+){0,2}?"
    "(?:%N)\\b"
    "|\\b(\\d{1,4})\\+?[- ]?(?:%Z)\\s+(?:[a-z]+\\s+)?(?:%U)\\b"
    "|\\b(\\d{1,4})\\+?\\s+direct\\s+reports\\b";

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

static int cmp_words(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int words_have(const gs_words *ws, const char *w)
{
    return bsearch(w, ws->v, ws->n, sizeof *ws->v, cmp_word) != NULL;
}

static int is_letter(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Lower-case copy of a letter run into w[WORD_MAX]; 0 when it does not fit. */
static int word_at(const unsigned char *u, size_t n, char *w)
{
    if (n >= WORD_MAX)
        return 0;
    for (size_t k = 0; k < n; k++)
        w[k] = (char)(u[k] | 0x20);
    w[n] = '\0';
    return 1;
}

/* Is the letter run u[0..n) (n > 0) one of ws's words, ignoring case?
 * Most runs are told apart by their length and first letter alone. */
static int word_in(const gs_words *ws, const unsigned char *u, size_t n)
{
    char w[WORD_MAX];
    return n < WORD_MAX && (ws->initials[n] >> (((u[0] | 0x20) - 'a') & 31) & 1) &&
           word_at(u, n, w) && words_have(ws, w);
}

/* One line of figures.tsv, p[0..e) without its newline, added to d->fw.
 * -1 when it is not "word<TAB>meaning" or there are too many. */
static int add_figword(gs_dates *d, const char *p, const char *e)
{
    const char *tab = memchr(p, '\t', (size_t)(e - p));
    if (!tab || tab == p || tab - p >= WORD_MAX || d->nfw == FW_MAX)
        return -1;
    figword *f = &d->fw[d->nfw];
    memset(f, 0, sizeof *f);
    for (size_t k = 0; k < (size_t)(tab - p); k++) {
        if (p[k] < 'a' || p[k] > 'z')
            return -1;
        f->w[k] = p[k];
    }
    f->len = (uint8_t)(tab - p);
    char m[32];
    size_t ml = (size_t)(e - tab - 1);
    if (ml >= sizeof m)
        return -1;
    memcpy(m, tab + 1, ml);
    m[ml] = '\0';
    int a = 0, b = 0, used = 0, kind = -1;
    if (sscanf(m, "month %2d%n", &a, &used) == 1 && (size_t)used == ml && a >= 1 && a <= 12) {
        kind = FW_MONTH;
        b = a;
    } else if (sscanf(m, "season %2d-%2d%n", &a, &b, &used) == 2 && (size_t)used == ml &&
               a >= 1 && a <= b && b <= 12) {
        kind = FW_SEASON;
    }
    for (int k = FW_GROUP; k < FW_KINDS && kind < 0; k++)
        if (!strcmp(m, MEANING[k]))
            kind = k;
    if (kind < 0)
        return -1;
    f->kind = (uint8_t)kind;
    f->first = (uint8_t)a;
    f->last = (uint8_t)b;
    d->nfw++;
    return 0;
}

/* Read figures.tsv into d->fw. -1 with the reason in err when it is
 * missing, has a bad line, or leaves a meaning without words. */
static int load_figwords(gs_dates *d, char *err, size_t errlen)
{
    const gs_builtin_file *f = gs_builtin_find(FIGURES);
    if (!f) {
        snprintf(err, errlen, "%s: missing from the build", FIGURES);
        return -1;
    }
    const char *p = f->data, *end = f->data + f->len;
    for (size_t line = 1; p < end; line++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        if (e > p && *p != '#' && add_figword(d, p, e)) {
            snprintf(err, errlen,
                     "%s:%zu: expected word<TAB>meaning (a-z word of at most %d letters; month N, "
                     "season F-L, team-group, team-noun, team-size, team-verb or team-unit)",
                     FIGURES, line, WORD_MAX - 1);
            return -1;
        }
        p = e + (nl != NULL);
    }
    for (int k = 0; k < FW_KINDS; k++) {
        size_t n = 0;
        for (size_t i = 0; i < d->nfw; i++)
            n += d->fw[i].kind == k;
        if (!n) {
            snprintf(err, errlen, "%s: no %s words", FIGURES, MEANING[k]);
            return -1;
        }
    }
    return 0;
}

/* The word list of the figure words whose meanings are in the bit set
 * `kinds`, and the words extra[0..nextra). -1 when out of memory. */
static int words_of(gs_mem *mem, gs_words *ws, const gs_dates *d, unsigned kinds,
                    const char *const *extra, size_t nextra)
{
    ws->v = gs_malloc(mem, (d->nfw + nextra) * sizeof *ws->v);
    if (!ws->v)
        return -1;
    ws->n = 0;
    memset(ws->initials, 0, sizeof ws->initials);
    for (size_t i = 0; i < d->nfw + nextra; i++) {
        const char *w = i < nextra ? extra[i] : d->fw[i - nextra].w;
        if (i >= nextra && !(kinds >> d->fw[i - nextra].kind & 1))
            continue;
        ws->v[ws->n++] = w;
        ws->initials[strlen(w)] |= 1u << ((*w - 'a') & 31);
    }
    qsort(ws->v, ws->n, sizeof *ws->v, cmp_words);
    return 0;
}

/* Pattern t with each placeholder ("%M") replaced by its figure words as
 * alternatives ("january|jan|..."), in the order of figures.tsv, into o
 * when o is not NULL; returns the bytes, without the NUL written after. */
static size_t expand(const gs_dates *d, const char *t, char *o)
{
    size_t n = 0;
    for (; *t; t++) {
        const char *ph = *t == '%' && t[1] ? memchr(PLACEHOLDER, t[1], FW_KINDS) : NULL;
        if (!ph) {
            if (o)
                o[n] = *t;
            n++;
            continue;
        }
        t++;
        size_t sep = 0;
        for (size_t i = 0; i < d->nfw; i++) {
            if (d->fw[i].kind != ph - PLACEHOLDER)
                continue;
            size_t l = strlen(d->fw[i].w);
            if (o && sep)
                o[n] = '|';
            if (o)
                memcpy(o + n + sep, d->fw[i].w, l);
            n += sep + l;
            sep = 1;
        }
    }
    if (o)
        o[n] = '\0';
    return n;
}

/* The figure word of meaning `kind` that s[0..n) spells, ignoring case, or
 * NULL. The patterns match these words only (first_match takes no match
 * that PCRE2's caseless matching spelled with U+017F or U+212A), so a
 * word a pattern matched is always found. */
static const figword *figword_of(const gs_dates *d, int kind, const char *s, size_t n)
{
    for (size_t i = 0; i < d->nfw; i++) {
        const figword *f = &d->fw[i];
        size_t k = 0;
        if (f->kind != kind || f->len != n)
            continue;
        while (k < n && (s[k] | 0x20) == f->w[k])
            k++;
        if (k == n)
            return f;
    }
    return NULL;
}

gs_dates *gs_dates_new(gs_mem *mem, gapscan_status *status, char *err, size_t errlen)
{
    gs_dates *d = gs_calloc(mem, 1, sizeof *d);
    if (!d) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (load_figwords(d, err, errlen)) {
        *status = GAPSCAN_EDATA;
        gs_dates_free(mem, d);
        return NULL;
    }
    static const struct {
        const char *name, *src;
        size_t off;
        uint32_t opts;
    } pats[] = {
        {"date range", PATTERN, offsetof(gs_dates, range), 0},
        {"date range", PATTERN, offsetof(gs_dates, range_at), PCRE2_ANCHORED},
        {"years claim", YEARS_BEFORE, offsetof(gs_dates, before), 0},
        {"years after a skill", YEARS_AFTER, offsetof(gs_dates, after), 0},
        {"team size", TEAM, offsetof(gs_dates, team), 0},
        {"team size", TEAM, offsetof(gs_dates, team_at), PCRE2_ANCHORED},
    };
    for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
        char *src = gs_malloc(mem, expand(d, pats[i].src, NULL) + 1);
        if (!src) {
            snprintf(err, errlen, "out of memory");
            *status = GAPSCAN_ENOMEM;
            gs_dates_free(mem, d);
            return NULL;
        }
        expand(d, pats[i].src, src);
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *c = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                      PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | pats[i].opts, &ec,
                                      &eo, NULL);
        gs_free(mem, src);
        if (!c) {
            PCRE2_UCHAR msg[160];
            pcre2_get_error_message(ec, msg, sizeof msg);
            snprintf(err, errlen, "%s pattern, offset %zu: %s", pats[i].name, (size_t)eo, (char *)msg);
            *status = GAPSCAN_EINTERNAL;
            gs_dates_free(mem, d);
            return NULL;
        }
        pcre2_jit_compile(c, PCRE2_JIT_COMPLETE); /* optional: falls back to the interpreter */
        *(pcre2_code **)((char *)d + pats[i].off) = c;
    }
    static const char *const range_words[] = {"since", "q"};
    if (words_of(mem, &d->range_starts, d, 1u << FW_MONTH | 1u << FW_SEASON, range_words, 2) ||
        words_of(mem, &d->groups, d, 1u << FW_GROUP, NULL, 0) ||
        words_of(mem, &d->nouns, d, 1u << FW_NOUN | 1u << FW_SIZE, NULL, 0) ||
        words_of(mem, &d->sizes, d, 1u << FW_SIZE, NULL, 0) ||
        words_of(mem, &d->verbs, d, 1u << FW_VERB, NULL, 0) ||
        words_of(mem, &d->team_starts, d, 1u << FW_GROUP | 1u << FW_VERB, NULL, 0)) {
        snprintf(err, errlen, "out of memory");
        *status = GAPSCAN_ENOMEM;
        gs_dates_free(mem, d);
        return NULL;
    }
    *status = GAPSCAN_OK;
    return d;
}

void gs_dates_free(gs_mem *mem, gs_dates *d)
{
    if (!d)
        return;
    pcre2_code_free(d->range);
    pcre2_code_free(d->range_at);
    pcre2_code_free(d->before);
    pcre2_code_free(d->after);
    pcre2_code_free(d->team);
    pcre2_code_free(d->team_at);
    gs_free(mem, d->groups.v);
    gs_free(mem, d->nouns.v);
    gs_free(mem, d->sizes.v);
    gs_free(mem, d->verbs.v);
    gs_free(mem, d->team_starts.v);
    gs_free(mem, d->range_starts.v);
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

/* The index of the first ASCII digit in s[0..n), else n. Eight bytes at a
 * time, as most of a line is not digits: a byte b < 0x80 is a digit when
 * 0x7F + ('9' + 1) - b and b + 0x7F - ('0' - 1) both reach 0x80, and
 * neither carries into the next byte. */
static size_t first_digit(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F, high = ones * 0x80;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t b = x & low7;
        if ((ones * (0x7F + '9' + 1) - b) & (b + ones * (0x7F - '0' + 1)) & ~x & high)
            break;
    }
    while (i < n && (unsigned)(s[i] - '0') > 9)
        i++;
    return i;
}

size_t gs_first_digit(const char *s, size_t n)
{
    return first_digit(s, n);
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* The month a month name or season s[0..n) stands for: a season's first,
 * or its last when `end` (the side of a range it is on). 0 for none. */
static int month_of(const gs_dates *d, int kind, const char *s, size_t n, int end)
{
    const figword *f = figword_of(d, kind, s, n);
    return !f ? 0 : end ? f->last : f->first;
}

#define SET(k) ((uint32_t)(k) < count && ov[2 * (k)] != PCRE2_UNSET)
#define STR(k) (line + ov[2 * (k)])
#define LEN(k) ((size_t)(ov[2 * (k) + 1] - ov[2 * (k)]))

/* Read the date whose first group is `g`. `end` says which side of a range
 * it is on: a lone year, a season or a quarter opens at its first month and
 * closes at its last. Returns the month index or -1 when the groups are unset. */
static int32_t read_date(const gs_dates *d, const char *line, const PCRE2_SIZE *ov, uint32_t count,
                         int g, int end)
{
    if (SET(g) && SET(g + 1))
        return num(STR(g + 1), 4) * 12 + month_of(d, FW_MONTH, STR(g), LEN(g), 0) - 1;
    if (SET(g + 2) && SET(g + 3))
        return num(STR(g + 3), 4) * 12 + num(STR(g + 2), LEN(g + 2)) - 1;
    if (SET(g + 4) && SET(g + 5))
        return num(STR(g + 4), 4) * 12 + num(STR(g + 5), 2) - 1;
    if (SET(g + 6) && SET(g + 7))
        return num(STR(g + 7), 4) * 12 + month_of(d, FW_SEASON, STR(g + 6), LEN(g + 6), end) - 1;
    if (SET(g + 8) && SET(g + 9)) {
        int q = STR(g + 8)[0] - '0';
        return num(STR(g + 9), 4) * 12 + (end ? 3 * q : 3 * q - 2) - 1;
    }
    if (SET(g + 10))
        return num(STR(g + 10), 4) * 12 + (end ? 12 : 1) - 1;
    return -1;
}

/* Where a match of the range or team pattern can start, at or after
 * `from`, else len; `starts` holds the words that can open one. Every
 * alternative of both patterns opens with \\b and a word character: a
 * number, or a word followed by something other than a letter, so that
 * the whole letter run is that word. A position after an ASCII word
 * character has no \\b; a letter run that is none of the words cannot
 * start a match (one that a non-ASCII letter after it completes, as
 * caseless UTF-8 matching takes U+017F for 's' and U+212A for 'k', is not
 * taken: first_match). Any non-ASCII character may start one (a non-ASCII
 * digit, U+017F), except those of U+0080..U+00BF and U+2000..U+203F
 * (spaces and punctuation: bullets, dashes, quotes). So the positions
 * returned are a superset of the starts of the matches. */
static size_t match_start(const gs_words *starts, const unsigned char *u, size_t len, size_t from)
{
    for (size_t i = from; i < len;) {
        unsigned char c = u[i];
        int word_before = i > 0 && (is_letter(u[i - 1]) || (unsigned)(u[i - 1] - '0') <= 9 ||
                                    u[i - 1] == '_');
        if ((unsigned)(c - '0') <= 9) {
            if (!word_before)
                return i;
            while (i < len && (unsigned)(u[i] - '0') <= 9)
                i++;
            continue;
        }
        if (is_letter(c)) {
            size_t j = i;
            while (j < len && is_letter(u[j]))
                j++;
            if (!word_before && word_in(starts, u + i, j - i))
                return i;
            i = j;
            continue;
        }
        if (c >= 0xC0 && !word_before && c != 0xC2 &&
            !(c == 0xE2 && i + 1 < len && u[i + 1] == 0x80))
            return i;
        i++;
    }
    return len;
}

/* Does u[0..n) hold U+017F (long s) or U+212A (Kelvin sign)? PCRE2's
 * caseless UTF matching takes them for 's' and 'k'; in a CV they are not
 * English letters. */
static int has_folded_letter(const unsigned char *u, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((u[i] == 0xC5 && u[i + 1] == 0xBF) ||
            (u[i] == 0xE2 && i + 2 < n && u[i + 1] == 0x84 && u[i + 2] == 0xAA))
            return 1;
    return 0;
}

/* Lines up to this long are searched at match_start's positions only,
 * with the anchored pattern at each. A longer line gets the plain search,
 * whose match limit counts the steps of the whole search, so that it stops
 * where it always did. */
#define ANCHORED_MAX 1024

/* The first match of `re` in line[0..len) at or after `from`, with
 * `re_at` the same pattern anchored: what pcre2_match returns, the match
 * in s->md. A match that holds U+017F or U+212A is not taken (a date or a
 * team size is written in English letters, which those only stand for);
 * the search goes on from the character after its start. */
static int first_match(gs_dscan *s, const pcre2_code *re, const pcre2_code *re_at,
                       const gs_words *starts, const char *line, size_t len, size_t from)
{
    const unsigned char *u = (const unsigned char *)line;
    for (;;) {
        int rc = PCRE2_ERROR_NOMATCH;
        if (len > ANCHORED_MAX)
            rc = pcre2_match(re, (PCRE2_SPTR)line, len, from, PCRE2_NO_UTF_CHECK, s->md, s->mc);
        else
            for (size_t at = match_start(starts, u, len, from); at < len && rc == PCRE2_ERROR_NOMATCH;
                 at = match_start(starts, u, len, at + 1))
                rc = pcre2_match(re_at, (PCRE2_SPTR)line, len, at, PCRE2_NO_UTF_CHECK, s->md, s->mc);
        if (rc <= 0)
            return rc;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        if (!has_folded_letter(u + ov[0], ov[1] - ov[0]))
            return rc;
        for (from = ov[0] + 1; from < len && (u[from] & 0xC0) == 0x80; from++)
            ;
    }
}

static int is_digit(char c)
{
    return (unsigned)(c - '0') <= 9;
}

/* Does line[0..len) hold 19xx or 20xx, maybe inside a longer run of
 * digits? (A range needs a year.) Each digit is looked at, the next one
 * of its run directly, the first of the next run by first_digit. */
static int has_year(const char *line, size_t len)
{
    for (size_t i = first_digit(line, len); i + 3 < len;) {
        if (((line[i] == '1' && line[i + 1] == '9') || (line[i] == '2' && line[i + 1] == '0')) &&
            is_digit(line[i + 2]) && is_digit(line[i + 3]))
            return 1;
        i++;
        if (!is_digit(line[i]))
            i += first_digit(line + i, len - i);
    }
    return 0;
}

int gs_dates_find(gs_dscan *s, const char *line, size_t len, int32_t present, gs_range *out)
{
    /* cheap filter: a range needs a 19xx/20xx year */
    if (!has_year(line, len))
        return 0;
    int rc = first_match(s, s->d->range, s->d->range_at, &s->d->range_starts, line, len, 0);
    if (rc <= 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    uint32_t count = (uint32_t)rc;
    memset(out, 0, sizeof *out);
    out->off = ov[0];
    out->len = ov[1] - ov[0];
    if (SET(G_SEASON) && SET(G_SEASON + 1)) { /* "Summer 2019" alone */
        int y = num(STR(G_SEASON + 1), 4);
        out->start = y * 12 + month_of(s->d, FW_SEASON, STR(G_SEASON), LEN(G_SEASON), 0) - 1;
        out->end = y * 12 + month_of(s->d, FW_SEASON, STR(G_SEASON), LEN(G_SEASON), 1) - 1;
        return 1;
    }
    int32_t since = read_date(s->d, line, ov, count, G_SINCE, 0);
    if (since >= 0) {
        out->start = since;
        out->end = present;
        out->open = 1;
        return 1;
    }
    out->start = read_date(s->d, line, ov, count, 1, 0);
    if (out->start < 0)
        return 0;
    if (SET(G_PRESENT)) {
        out->end = present;
        out->open = 1;
    } else if (SET(G_TWO_DIGIT)) {
        /* "2015 - 19": the end year in the start's century */
        int sy = out->start / 12;
        int ey = (sy / 100) * 100 + num(STR(G_TWO_DIGIT), 2);
        if (ey < sy)
            ey += 100;
        out->end = ey * 12 + 11;
    } else {
        out->end = read_date(s->d, line, ov, count, G_END, 1);
        if (out->end < 0)
            return 0;
    }
    return 1;
}

/* Does line[0..len) hold "year" or "yr", ignoring case? (Every match of
 * YEARS_BEFORE and YEARS_AFTER does.) One pass, skipping eight bytes at a
 * time while none of them is 'y' or 'Y' (the bytes whose value with 0x20
 * set is 'y'). */
static int has_year_word(const char *line, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
    for (const char *p = line, *end = line + len; p + 1 < end; p++) {
        if (end - p >= 8) {
            uint64_t x;
            memcpy(&x, p, 8);
            x = (x | ones * 0x20) ^ ones * 'y';
            if (!((x - ones) & ~x & high)) {
                p += 7;
                continue;
            }
        }
        if ((*p | 0x20) != 'y')
            continue;
        if ((p[1] | 0x20) == 'r')
            return 1;
        if (p + 3 < end && (p[1] | 0x20) == 'e' && (p[2] | 0x20) == 'a' && (p[3] | 0x20) == 'r')
            return 1;
    }
    return 0;
}

int gs_years_possible(const char *line, size_t len)
{
    return has_year_word(line, len);
}

static double read_number(const char *s, size_t n)
{
    double v = 0, scale = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            scale = 1;
            continue;
        }
        if (scale > 0) {
            scale /= 10;
            v += (s[i] - '0') * scale;
        } else {
            v = v * 10 + (s[i] - '0');
        }
    }
    return v;
}

int gs_years_before(gs_dscan *s, const char *line, size_t len, size_t from, gs_claim *out)
{
    if (from >= len || !has_year_word(line + from, len - from))
        return 0;
    int rc = pcre2_match(s->d->before, (PCRE2_SPTR)line, len, from, PCRE2_NO_UTF_CHECK, s->md, s->mc);
    if (rc <= 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    uint32_t count = (uint32_t)rc;
    out->off = ov[0];
    out->end = ov[1];
    out->years = read_number(STR(1), LEN(1));
    out->experience = SET(2);
    out->tool = SET(3);
    return 1;
}

int gs_years_after(gs_dscan *s, const char *line, size_t len, size_t at, double *years)
{
    if (at >= len)
        return 0;
    int rc = pcre2_match(s->d->after, (PCRE2_SPTR)line, len, at, PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED,
                         s->md, s->mc);
    if (rc <= 0)
        return 0;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
    *years = read_number(STR(1), LEN(1));
    return 1;
}

/* Is the letter run u[0..n) "of" or "to", ignoring case? */
static int is_of_to(const unsigned char *u, size_t n)
{
    return n == 2 && (((u[0] | 0x20) == 'o' && (u[1] | 0x20) == 'f') ||
                      ((u[0] | 0x20) == 't' && (u[1] | 0x20) == 'o'));
}

/* Could u[0..len) hold a decimal digit other than 0-9? With UCP, PCRE2's
 * \\d is \\p{Nd}, whose other members are all at U+0660 and above, and none
 * in U+2000..U+2FFF: their first bytes are 0xD9 and up, but not 0xE2.
 * Eight bytes at a time while they are all ASCII. */
static int may_hold_other_digit(const unsigned char *u, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint64_t x;
        if (len - i >= 8 && (memcpy(&x, u + i, 8), !(x & 0x8080808080808080u))) {
            i += 8;
            continue;
        }
        if (u[i] >= 0xD9 && u[i] != 0xE2)
            return 1;
        i++;
    }
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* u[0..at) without the white space and non-ASCII characters at its end:
 * the new `at`. */
static size_t skip_space_back(const unsigned char *u, size_t at)
{
    while (at > 0 && (is_space(u[at - 1]) || u[at - 1] >= 0x80))
        at--;
    return at;
}

/* Does u[0..at), white space and non-ASCII characters aside, end in a
 * group word, or in a group word, "from" and a number ("team from 4")? */
static int after_group(const gs_dates *d, const unsigned char *u, size_t at)
{
    at = skip_space_back(u, at);
    if (at > 0 && (unsigned)(u[at - 1] - '0') <= 9) {
        while (at > 0 && (unsigned)(u[at - 1] - '0') <= 9)
            at--;
        at = skip_space_back(u, at);
        if (at < 4 || (at > 4 && is_letter(u[at - 5])) || (u[at - 4] | 0x20) != 'f' ||
            (u[at - 3] | 0x20) != 'r' || (u[at - 2] | 0x20) != 'o' || (u[at - 1] | 0x20) != 'm')
            return 0;
        at = skip_space_back(u, at - 4);
    }
    size_t end = at;
    while (at > 0 && is_letter(u[at - 1]))
        at--;
    return at < end && word_in(&d->groups, u + at, end - at);
}

/* The letter run before u[at), across characters that are neither
 * letters nor digits: u[*start..*end). 0 when a digit or the start of the
 * line comes first. */
static inline int letter_run_before(const unsigned char *u, size_t at, size_t *start, size_t *end)
{
    for (;; at--) {
        if (at == 0 || (unsigned)(u[at - 1] - '0') <= 9)
            return 0;
        if (is_letter(u[at - 1]))
            break;
    }
    *end = at;
    while (at > 0 && is_letter(u[at - 1]))
        at--;
    *start = at;
    return 1;
}

/* Is one of the six letter runs before u[at), with no digit between, a
 * team verb? ("led a team of more than 12"). */
static int verb_before(const gs_dates *d, const unsigned char *u, size_t at)
{
    size_t e;
    for (int runs = 0; runs < 6 && letter_run_before(u, at, &at, &e); runs++)
        if (word_in(&d->verbs, u + at, e - at))
            return 1;
    return 0;
}

/* Is the letter run u[0..n) "reports", ignoring case? */
static int is_reports(const unsigned char *u, size_t n)
{
    static const char w[] = "reports";
    size_t k = 0;
    while (k < n && k < sizeof w - 1 && (u[k] | 0x20) == w[k])
        k++;
    return n == sizeof w - 1 && k == n;
}

/* 0 only when TEAM cannot match in line[0..len), so that most lines (a
 * date line, "Team Lead, Acme, 2019 - 2021", "mentored 5 engineers")
 * never reach the regex. It looks at the few words around each number.
 * Every match of TEAM holds a number (a whole run of ASCII digits) with
 *   - "of" or "to" among the three letter runs before it, and no other
 *     number between, with a group word right before that, or a group
 *     word, "from" and a number, across white space only ("team of 12",
 *     "team from 4 to about 16"), or
 *   - after it, with at most three runs of white space and no other number
 *     between, a team-size word ("12-person team"), "reports" ("12 direct
 *     reports"), or a team noun with a team verb among the six letter runs
 *     before the number ("led a team of 12 data engineers").
 * Letters are ASCII ones (first_match takes no match spelled with U+017F
 * or U+212A); a non-ASCII character is let pass as white space (U+00A0)
 * or punctuation, which allows more than TEAM does, never less. A number
 * in other digits is not looked for: a line that may hold one is let
 * through. */
static int team_near_numbers(const gs_dates *d, const char *line, size_t len)
{
    const unsigned char *u = (const unsigned char *)line;
    if (may_hold_other_digit(u, len))
        return 1;
    for (size_t at = first_digit(line, len); at < len;) {
        size_t end = at;
        while (end < len && (unsigned)(u[end] - '0') <= 9)
            end++;
        size_t j = at, e;
        for (int runs = 0; runs < 3 && letter_run_before(u, j, &j, &e); runs++)
            if (is_of_to(u + j, e - j) && after_group(d, u, j))
                return 1;
        int gaps = 0, verb = -1; /* verb_before, once known */
        for (size_t i = end; i < len && (unsigned)(u[i] - '0') > 9 && gaps <= 3;) {
            if (is_space(u[i])) {
                while (i < len && is_space(u[i]))
                    i++;
                gaps++;
            } else if (is_letter(u[i])) {
                size_t start = i, n;
                while (i < len && is_letter(u[i]))
                    i++;
                n = i - start;
                if (n < 3 || !word_in(&d->nouns, u + start, n))
                    continue;
                if (word_in(&d->sizes, u + start, n) || is_reports(u + start, n))
                    return 1;
                if (verb < 0)
                    verb = verb_before(d, u, at);
                if (verb)
                    return 1;
            } else {
                i++;
            }
        }
        at = end + first_digit(line + end, len - end);
    }
    return 0;
}

int gs_team_size(gs_dscan *s, const char *line, size_t len)
{
    int best = 0;
    size_t from = 0;
    if (!team_near_numbers(s->d, line, len))
        return 0;
    while (from < len) {
        if (first_digit(line + from, len - from) == len - from)
            break;
        int rc = first_match(s, s->d->team, s->d->team_at, &s->d->team_starts, line, len, from);
        if (rc <= 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
        uint32_t count = (uint32_t)rc;
        for (int g = 1; g <= 4; g++)
            if (SET(g)) {
                int v = (int)read_number(STR(g), LEN(g));
                if (v > best)
                    best = v;
                break;
            }
        from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    return best;
}
