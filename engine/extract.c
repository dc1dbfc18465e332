/* extract.c - one CV's bytes to a profile.
 *
 * decode -> tokens -> one pass of the lexicon trie (skills, degrees, fields,
 * cues and headings together) -> sections from headings -> dated positions
 * -> skill mentions judged in their line (negation, hedging, ambiguity)
 * -> skills with evidence and the months of the positions they were used in
 * -> implied skills -> education. The profile does not depend on any target. */
#include "profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "token.h"

/* What the lexicon entry found says is copied in, so that the passes
 * over the mentions read one array, not the lexicon's entries. */
typedef struct mention {
    uint32_t start, end; /* token range [start, end) */
    uint32_t line;
    int32_t target;      /* the entry's: skill/field index, level, cue or section */
    uint8_t kind;        /* the entry's: enum gs_kind */
    uint8_t flags;       /* the entry's: GS_F_* */
} mention;

typedef struct scope {
    uint32_t start, end; /* token range the cue governs */
    int cue;
} scope;

typedef struct use {
    int32_t hit; /* index into hits */
    int32_t pos; /* index into positions */
} use;

enum {
    LINE_DIGIT = 1, /* the line holds an ASCII digit: dates, team sizes and stated
                       years are all written with them */
    LINE_WORD = 2   /* the line holds a word token */
};

typedef struct ctx {
    gapscan_profile *p;
    const gs_lexicon *lex;
    gs_dscan *dscan;
    gs_tokens toks;
    mention *m;
    size_t nm, mcap;
    uint32_t *line_tok;   /* first token of each line (nlines + 1 entries) */
    uint32_t *line_men;   /* first mention of each line (nlines + 1 entries) */
    uint8_t *section;     /* section of each line */
    uint8_t *heading;     /* 1 when the line is a heading */
    uint8_t *inline_sec;  /* section named at the start of the line ("Skills: ...") */
    int32_t *pos_of;      /* position whose block holds the line, or -1 */
    uint8_t *flags;       /* per line: LINE_DIGIT, LINE_WORD */
    use *uses;            /* distinct (hit, position) pairs, in line order, so by position */
    size_t nuses, ucap;
    int32_t *last_pos;    /* per hit: the position of its last use, or -1 */
    size_t lpcap;
    uint8_t *accepted;    /* per mention: 1 when a skill mention was counted */
    int has_education;
} ctx;

static int warn(gapscan_profile *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int warn(gapscan_profile *p, const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *copy = gs_arena_strdup(&p->arena, msg);
    if (!copy)
        return -1;
    /* the array doubles at 4, 8, 16...: a CV with a warning on every line
     * costs linear time and memory */
    size_t n = p->nwarnings;
    if (n == 0 || (n >= 4 && !(n & (n - 1)))) {
        const char **nw = gs_arena_alloc(&p->arena, (n ? 2 * n : 4) * sizeof *nw);
        if (!nw)
            return -1;
        if (n)
            memcpy(nw, p->warnings, n * sizeof *nw);
        p->warnings = nw;
    }
    p->warnings[p->nwarnings++] = copy;
    return 0;
}

static int tok_is(const ctx *c, uint32_t i, const char *s)
{
    const gs_token *t = &c->toks.v[i];
    size_t n = strlen(s);
    if (t->len != n)
        return 0;
    const char *x = c->p->doc.text + t->off;
    for (size_t k = 0; k < n; k++) {
        char a = x[k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != s[k])
            return 0;
    }
    return 1;
}

static int is_clause_end(const ctx *c, uint32_t i)
{
    const gs_token *t = &c->toks.v[i];
    if (t->kind != GS_TOK_PUNCT || t->len != 1)
        return 0;
    char ch = c->p->doc.text[t->off];
    return ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?';
}

static int is_list_sep(const ctx *c, uint32_t i)
{
    const gs_token *t = &c->toks.v[i];
    if (t->kind == GS_TOK_PUNCT && t->len == 1) {
        char ch = c->p->doc.text[t->off];
        return ch == ',' || ch == '/' || ch == '&' || ch == '|' || ch == '(' || ch == ')' ||
               ch == ':' || ch == '+';
    }
    return tok_is(c, i, "and") || tok_is(c, i, "or");
}

/* ---- pass 1: mentions, lines, headings, sections ---- */

/* Add the k mentions ents[0..k) of tokens [start, end) to c->m. -1 when
 * out of memory. */
static int add_mentions(ctx *c, const gs_entry *const *ents, size_t k, uint32_t start,
                        uint32_t end, uint32_t line)
{
    if (c->nm + k > c->mcap && gs_grow(c->p->mem, (void **)&c->m, &c->mcap, c->nm + k, sizeof *c->m))
        return -1;
    for (size_t j = 0; j < k; j++)
        c->m[c->nm++] = (mention){start, end, line, ents[j]->target, ents[j]->kind, ents[j]->flags};
    return 0;
}

static int index_lines(ctx *c)
{
    gapscan_profile *p = c->p;
    size_t nl = p->doc.nlines;
    c->line_tok = gs_arena_alloc(&p->arena, (nl + 1) * sizeof *c->line_tok);
    c->line_men = gs_arena_alloc(&p->arena, (nl + 1) * sizeof *c->line_men);
    c->section = gs_arena_alloc(&p->arena, nl);
    c->heading = gs_arena_alloc(&p->arena, nl);
    c->inline_sec = gs_arena_alloc(&p->arena, nl);
    c->pos_of = gs_arena_alloc(&p->arena, nl * sizeof *c->pos_of);
    c->flags = gs_arena_alloc(&p->arena, nl);
    if (!c->line_tok || !c->line_men || !c->section || !c->heading || !c->inline_sec ||
        !c->pos_of || !c->flags)
        return -1;
    /* the lines with a digit: the text searched from one digit on to the
     * next line's first, once for the whole text (every byte but a '\n'
     * is part of a line, and the text ends with one) */
    const char *text = p->doc.text;
    size_t tlen = p->doc.len;
    for (size_t at = gs_first_digit(text, tlen), l = 0; at < tlen;) {
        while (l + 1 < nl && p->doc.line_start[l + 1] <= at)
            l++;
        c->flags[l] |= LINE_DIGIT;
        size_t next = l + 1 < nl ? p->doc.line_start[l + 1] : tlen;
        at = next + gs_first_digit(text + next, tlen - next);
    }
    /* tokens come in line order, and a mention belongs to the line of its
     * first token: each line's tokens are walked once, for its words and
     * for the mentions that start in them, found in token order. A mention
     * takes its tokens: the next one is looked for after it. */
    const gs_token *tv = c->toks.v;
    uint32_t t = 0, m = 0, nt = (uint32_t)c->toks.n;
    uint32_t next = 0; /* the first token a mention may start at */
    const gs_entry *ents[8];
    /* room for the mentions of a CV at once: fewer than one token in
     * three starts one */
    if (gs_grow(p->mem, (void **)&c->m, &c->mcap, nt / 3 + 16, sizeof *c->m))
        return -1;
    int cur = GS_SEC_NONE;
    for (size_t l = 0; l < nl; l++) {
        c->pos_of[l] = -1;
        uint32_t t0 = t, m0 = m;
        size_t words = 0;
        uint32_t first_word = UINT32_MAX;
        int word = 0; /* a word token on the line */
        for (; t < nt && tv[t].line == l; t++) {
            if (tv[t].kind != GS_TOK_PUNCT) {
                if (!words)
                    first_word = t;
                words++;
                word |= tv[t].kind == GS_TOK_WORD;
            }
            if (t < next || !tv[t].term)
                continue;
            size_t end, k = gs_lexicon_match(c->lex, p->doc.text, tv, nt, t, ents, 8, &end);
            if (k && add_mentions(c, ents, k, t, (uint32_t)end, (uint32_t)l))
                return -1;
            if (k)
                next = (uint32_t)end;
            if (k && tv[end - 1].line != l) { /* a name cut by a wrapped line */
                if (!p->runs_on && !(p->runs_on = gs_arena_alloc(&p->arena, nl)))
                    return -1;
                p->runs_on[l] = 1;
            }
        }
        if (word)
            c->flags[l] |= LINE_WORD;
        m = (uint32_t)c->nm;
        uint32_t t1 = t;
        c->line_tok[l] = t0;
        c->line_men[l] = m0;
        for (uint32_t k = m0; k < m; k++) {
            const mention *mm = &c->m[k];
            if (mm->kind != GS_KIND_SECTION)
                continue;
            size_t covered = 0;
            for (uint32_t i = mm->start; i < mm->end; i++)
                covered += c->toks.v[i].kind != GS_TOK_PUNCT;
            if (covered == words && words <= 6) {
                c->heading[l] = 1;
                cur = mm->target;
            } else if (mm->start == first_word && mm->end < t1 && tok_is(c, mm->end, ":")) {
                c->inline_sec[l] = (uint8_t)mm->target;
            }
            break;
        }
        c->section[l] = (uint8_t)cur;
        if (cur == GS_SEC_EDUCATION)
            c->has_education = 1;
    }
    c->line_tok[nl] = t;
    c->line_men[nl] = m;
    return 0;
}

/* ---- pass 3: positions ---- */

static int line_has_kind(const ctx *c, size_t l, int kind)
{
    for (uint32_t k = c->line_men[l]; k < c->line_men[l + 1]; k++)
        if (c->m[k].kind == kind)
            return 1;
    return 0;
}

static int line_has_cue(const ctx *c, size_t l, int cue)
{
    for (uint32_t k = c->line_men[l]; k < c->line_men[l + 1]; k++)
        if (c->m[k].kind == GS_KIND_CUE && c->m[k].target == cue)
            return 1;
    return 0;
}

/* Does line l look like education: a field of study, an education word
 * ("university", "GPA") or a year? */
static int degree_context(const ctx *c, size_t l)
{
    if (line_has_kind(c, l, GS_KIND_FIELD) || line_has_cue(c, l, GS_CUE_EDUCATION))
        return 1;
    for (uint32_t i = c->line_tok[l]; i < c->line_tok[l + 1]; i++) {
        const gs_token *t = &c->toks.v[i];
        const char *s = c->p->doc.text + t->off;
        if (t->kind == GS_TOK_NUMBER && t->len == 4 &&
            ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
            return 1;
    }
    return 0;
}

/* Copy s[0..n) trimmed of spaces and separators at both ends. */
static char *trim_copy(gs_arena *a, const char *s, size_t n)
{
    static const char junk[] = " \t,|;:-*#_()[]";
    while (n && (strchr(junk, s[0]) || (unsigned char)s[0] >= 0x80)) {
        if ((unsigned char)s[0] >= 0x80) {
            /* strip leading dashes/bullets (U+2010..U+2027), keep letters */
            if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
                s += 3;
                n -= 3;
                continue;
            }
            break;
        }
        s++;
        n--;
    }
    while (n && (strchr(junk, s[n - 1]) ||
                 (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80))) {
        if (s[n - 1] == ')' && memchr(s, '(', n) && !memchr(s, ')', n - 1))
            break; /* it closes "(Chicago)"; a date range's "(2019 - 2021)" left none open */
        if ((unsigned char)s[n - 1] >= 0x80)
            n -= 3;
        else
            n--;
    }
    return gs_arena_strndup(a, s, n);
}

/* The first place where s[0..n) holds w[0..wn), or NULL */
static const char *find_bytes(const char *s, size_t n, const char *w, size_t wn)
{
    for (const char *end = s + n; wn && (size_t)(end - s) >= wn; s++) {
        s = memchr(s, w[0], (size_t)(end - s) - wn + 1);
        if (!s)
            return NULL;
        if (!memcmp(s, w, wn))
            return s;
    }
    return NULL;
}

/* "Senior Data Engineer — Acme Corp, London" -> role and employer, at the
 * first separator that people put between them. */
static int split_title(gs_arena *a, gs_position *pos)
{
    static const char *const seps[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " | ", " - ", " at ",
                                       " @ ", ", "};
    const char *t = pos->title, *best = NULL;
    size_t blen = 0;
    for (size_t i = 0; i < sizeof seps / sizeof *seps && !best; i++) {
        const char *f = strstr(t, seps[i]);
        if (f && f > t) {
            best = f;
            blen = strlen(seps[i]);
        }
    }
    if (!best) {
        pos->role = pos->title;
        pos->employer = "";
        return 0;
    }
    char *r = trim_copy(a, t, (size_t)(best - t));
    char *e = trim_copy(a, best + blen, strlen(best + blen));
    if (!r || !e)
        return -1;
    pos->role = r;
    pos->employer = e;
    return 0;
}

/* Where the employer named by pos's title starts on line l, the title's
 * line: its first word, looked for after the role. A title joined from both
 * sides of a date range may hold an employer that is not one run of the
 * line; its first word still is. Sets pos->emp_line, pos->emp_from and
 * pos->emp_to. */
static void locate_employer(const gapscan_profile *p, gs_position *pos, uint32_t l)
{
    pos->emp_line = l;
    pos->emp_from = UINT32_MAX;
    size_t rl = strlen(pos->role), el = strcspn(pos->employer, " ,|;");
    if (!rl || !el)
        return;
    size_t len;
    const char *line = gs_doc_line(&p->doc, l, &len);
    const char *at = find_bytes(line, len, pos->role, rl);
    if (!at)
        return;
    at += rl;
    const char *e = find_bytes(at, len - (size_t)(at - line), pos->employer, el);
    if (!e)
        return;
    pos->emp_from = (uint32_t)(e - p->doc.text);
    size_t nl = strcspn(pos->employer, ",|;(");
    while (nl > el && pos->employer[nl - 1] == ' ')
        nl--;
    if (nl > (size_t)(line + len - e) || memcmp(e, pos->employer, nl))
        nl = el; /* not one run of the line */
    pos->emp_to = pos->emp_from + (uint32_t)nl;
}

static int find_positions(ctx *c)
{
    gapscan_profile *p = c->p;
    size_t nl = p->doc.nlines, cap = 0;
    /* the last line before l that is a heading or has words: where the
     * search for a title above a bare date line stops (kept as l moves, so
     * that a run of bare date lines is not searched again and again) */
    size_t stop = SIZE_MAX;
    for (size_t l = 0; l < nl; l++) {
        if (l > 0 && (c->heading[l - 1] || (c->flags[l - 1] & LINE_WORD)))
            stop = l - 1;
        int sec = c->section[l];
        if ((sec != GS_SEC_NONE && sec != GS_SEC_EXPERIENCE) || c->heading[l])
            continue;
        if (!(c->flags[l] & LINE_DIGIT) || line_has_kind(c, l, GS_KIND_DEGREE))
            continue; /* no year; "MSc Physics, 2010 - 2012" is study, not work */
        size_t len;
        const char *line = gs_doc_line(&p->doc, l, &len);
        gs_range r;
        if (!gs_dates_find(c->dscan, line, len, p->as_of, &r))
            continue;
        char *dates = gs_arena_strndup(&p->arena, line + r.off, r.len);
        if (!dates)
            return -1;
        if (r.start > r.end) {
            if (warn(p, "line %zu: start after end, not counted: %s", l + 1, dates))
                return -1;
            continue;
        }
        if (r.start > p->as_of) {
            if (warn(p, "line %zu: starts after the as-of month, not counted: %s", l + 1, dates))
                return -1;
            continue;
        }
        if (r.end > p->as_of) {
            if (!r.open && warn(p, "line %zu: ends after the as-of month, counted to it: %s", l + 1,
                                dates))
                return -1;
            r.end = p->as_of;
        }
        if (gs_grow(p->mem, (void **)&p->positions, &cap, p->npositions + 1, sizeof *p->positions))
            return -1;
        gs_position *pos = &p->positions[p->npositions++];
        memset(pos, 0, sizeof *pos);
        pos->start = r.start;
        pos->end = r.end;
        pos->line = (uint32_t)l;
        pos->first = (uint32_t)l;
        pos->dates = dates;
        /* the title: the rest of the date line, else the line above */
        char *before = trim_copy(&p->arena, line, r.off);
        char *after = trim_copy(&p->arena, line + r.off + r.len, len - r.off - r.len);
        if (!before || !after)
            return -1;
        if (*before || *after) {
            size_t bl = strlen(before), al = strlen(after), sl = *before && *after ? 2 : 0;
            char *t = gs_arena_alloc(&p->arena, bl + sl + al + 1); /* zeroed: ends in a NUL */
            if (!t)
                return -1;
            memcpy(t, before, bl);
            memcpy(t + bl, ", ", sl);
            memcpy(t + bl + sl, after, al);
            pos->title = t;
        }
        /* a bare date line: the title is the nearest line above with words,
         * unless a heading comes first (sections change only at headings) */
        if (!*before && !*after && stop != SIZE_MAX && !c->heading[stop] &&
            c->section[stop] == c->section[l]) {
            size_t ll;
            const char *prev = gs_doc_line(&p->doc, stop, &ll);
            char *t = trim_copy(&p->arena, prev, ll);
            if (!t)
                return -1;
            pos->title = t;
            pos->first = (uint32_t)stop;
        }
        if (!pos->title)
            pos->title = "";
        if (split_title(&p->arena, pos))
            return -1;
        locate_employer(p, pos, pos->first);
    }
    /* blocks run to the next position or heading */
    for (size_t k = 0; k < p->npositions; k++) {
        gs_position *pos = &p->positions[k];
        uint32_t limit = k + 1 < p->npositions ? p->positions[k + 1].first : (uint32_t)nl;
        if (k > 0 && pos->first <= p->positions[k - 1].line)
            pos->first = p->positions[k - 1].line + 1; /* never take the previous date line */
        uint32_t l = pos->line + 1;
        while (l < limit && !c->heading[l])
            l++;
        pos->last = l - 1;
        for (uint32_t x = pos->first; x <= pos->last; x++)
            c->pos_of[x] = (int32_t)k;
        /* seniority from the title lines: the date line and the line above it
         * when that is where the title is */
        pos->seniority = GS_SEN_INDIVIDUAL;
        for (uint32_t x = pos->first; x <= pos->line; x++)
            for (uint32_t j = c->line_men[x]; j < c->line_men[x + 1]; j++)
                if (c->m[j].kind == GS_KIND_TITLE && c->m[j].target > pos->seniority)
                    pos->seniority = c->m[j].target;
    }
    return 0;
}

/* ---- intervals ---- */

/* Add x to v[0..n), which is merged and sorted, when x starts no earlier
 * than any interval of v; returns the new count. Touching or overlapping
 * months merge, so the result depends on the months alone, not on the
 * order intervals of the same start come in. */
static size_t push_interval(gs_interval *v, size_t n, gs_interval x)
{
    if (n && x.start <= v[n - 1].end + 1) {
        if (x.end > v[n - 1].end)
            v[n - 1].end = x.end;
        return n;
    }
    v[n] = x;
    return n + 1;
}

/* a[0..na) and b[0..nb), each merged and sorted, merged into out (room
 * for na + nb); returns the count. */
static size_t union_intervals(const gs_interval *a, size_t na, const gs_interval *b, size_t nb,
                              gs_interval *out)
{
    size_t i = 0, j = 0, n = 0;
    while (i < na || j < nb)
        n = push_interval(out, n,
                          j == nb || (i < na && a[i].start <= b[j].start) ? a[i++] : b[j++]);
    return n;
}

static int32_t months_in(const gs_interval *v, size_t n)
{
    int32_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += v[i].end - v[i].start + 1;
    return m;
}

typedef struct ranked {
    gs_interval iv;
    uint32_t pos;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->iv.start != y->iv.start)
        return x->iv.start < y->iv.start ? -1 : 1;
    if (x->iv.end != y->iv.end)
        return x->iv.end < y->iv.end ? -1 : 1;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* p->by_start: the positions in order of their months, sorted once, so
 * that every set of positions is merged in one pass without a sort. */
static int order_positions(gapscan_profile *p)
{
    size_t n = p->npositions;
    p->by_start = gs_arena_alloc(&p->arena, (n ? n : 1) * sizeof *p->by_start);
    ranked *r = gs_malloc(p->mem, (n ? n : 1) * sizeof *r);
    if (!p->by_start || !r) {
        gs_free(p->mem, r);
        return -1;
    }
    for (size_t k = 0; k < n; k++)
        r[k] = (ranked){{p->positions[k].start, p->positions[k].end}, (uint32_t)k};
    qsort(r, n, sizeof *r, cmp_ranked);
    for (size_t k = 0; k < n; k++)
        p->by_start[k] = r[k].pos;
    gs_free(p->mem, r);
    return 0;
}

/* ---- pass 4: skills ---- */

#define GS_TYPICAL_HITS 64 /* skills found in a CV, as a rule: the first room made */

static gs_hit *hit_for(ctx *c, int32_t skill, size_t *cap)
{
    gapscan_profile *p = c->p;
    if (p->hit_of[skill] >= 0)
        return &p->hits[p->hit_of[skill]];
    if (gs_grow(p->mem, (void **)&p->hits, cap, p->nhits + 1, sizeof *p->hits))
        return NULL;
    if (gs_grow(p->mem, (void **)&c->last_pos, &c->lpcap, p->nhits + 1, sizeof *c->last_pos))
        return NULL;
    c->last_pos[p->nhits] = -1;
    gs_hit *h = &p->hits[p->nhits];
    memset(h, 0, sizeof *h);
    h->skill = skill;
    h->inferred_from = -1;
    p->hit_of[skill] = (int32_t)p->nhits++;
    return h;
}

static void add_line(gs_hit *h, uint32_t line)
{
    if (h->nlines && h->lines[h->nlines - 1] == line)
        return;
    if (!h->nlines)
        h->first_line = line;
    if (h->nlines < GS_MAX_EVIDENCE)
        h->lines[h->nlines++] = line;
}

/* Does mention o, next to ambiguous skill mention m on the same line, say
 * that m is meant as a skill? */
static int gives_context(const ctx *c, const mention *m, const mention *o)
{
    /* "in Rust", "using Go", and "familiar with Scala", "no experience
     * with Java": the cue right before says a skill is meant */
    if (o->kind == GS_KIND_CUE && o->end == m->start &&
        (o->target == GS_CUE_PREFIX || o->target == GS_CUE_HEDGE ||
         o->target == GS_CUE_NEGATION || o->target == GS_CUE_ASPIRATION))
        return 1;
    if (o->kind == GS_KIND_CUE && o->target == GS_CUE_CONTEXT) {
        /* a context word at most two tokens before or after: "Go developer",
         * "programming in R" */
        if (o->end <= m->start && m->start - o->end <= 2)
            return 1;
        if (o->start >= m->end && o->start - m->end <= 2)
            return 1;
    }
    if (o->kind != GS_KIND_SKILL)
        return 0;
    if (!(o->flags & GS_F_CTX))
        return 1; /* an unambiguous skill */
    /* another ambiguous skill next to it in a list: "Java, Scala, Go" */
    uint32_t a = o->end <= m->start ? o->end : m->end;
    uint32_t b = o->end <= m->start ? m->start : o->start;
    if (b >= a && b - a <= 2) {
        int seps = 1;
        for (uint32_t i = a; i < b; i++)
            seps &= is_list_sep(c, i);
        if (seps && b > a)
            return 1;
    }
    return 0;
}

/* Is skill mention k (on line l) in a skill context? For ambiguous names.
 * `plain` says the line holds an unambiguous skill, which is context enough.
 * Otherwise only mentions within two tokens can give context; mentions are
 * in token order and do not overlap, so only those are looked at. */
static int in_skill_context(const ctx *c, size_t l, uint32_t k, int plain)
{
    const mention *m = &c->m[k];
    if (plain || c->section[l] == GS_SEC_SKILLS || c->inline_sec[l] == GS_SEC_SKILLS)
        return 1;
    uint32_t t1 = c->line_tok[l + 1];
    if (m->end < t1 && c->toks.v[m->end].kind == GS_TOK_NUMBER)
        return 1; /* "Java 17", "Go 1.22" */
    for (uint32_t j = k; j > c->line_men[l] && c->m[j - 1].end + 2 >= m->start; j--)
        if (gives_context(c, m, &c->m[j - 1]))
            return 1;
    for (uint32_t j = k + 1; j < c->line_men[l + 1] && c->m[j].start <= m->end + 2; j++)
        if (gives_context(c, m, &c->m[j]))
            return 1;
    return 0;
}

/* Count skill `skill` as claimed on line l (a mention, or a figure that
 * proves it). */
static int count_skill(ctx *c, size_t l, int32_t skill, int level, size_t *hcap)
{
    gapscan_profile *p = c->p;
    gs_hit *h = hit_for(c, skill, hcap);
    if (!h)
        return -1;
    if (level > h->level)
        h->level = (uint8_t)level;
    if (!h->mentions || (c->pos_of[h->best_line] < 0 && c->pos_of[l] >= 0 &&
                         (uint32_t)l != p->positions[c->pos_of[l]].line &&
                         (uint32_t)l != p->positions[c->pos_of[l]].first))
        h->best_line = (uint32_t)l;
    h->mentions++;
    add_line(h, (uint32_t)l);
    /* lines come in order, and so do the positions whose blocks hold
     * them: a repeated use is the hit's last one */
    int32_t hit = p->hit_of[skill], pos = c->pos_of[l];
    if (pos >= 0 && c->last_pos[hit] != pos) {
        if (gs_grow(p->mem, (void **)&c->uses, &c->ucap, c->nuses + 1, sizeof *c->uses))
            return -1;
        c->uses[c->nuses++] = (use){hit, pos};
        c->last_pos[hit] = pos;
    }
    return 0;
}

/* Does line l+1 carry on the sentence of line l? A paragraph wrapped at a
 * fixed width (plain text, pdftotext -layout) splits its sentences over
 * lines. Line l must be long (wrapped, not ended) and line l+1 in the same
 * block: not a heading, not blank, not a list item ("- ", "* ", "• "). */
#define WRAPPED_MIN 50
static int wraps_on(const ctx *c, size_t l)
{
    const gapscan_profile *p = c->p;
    if (l + 1 >= p->doc.nlines || c->heading[l] || c->heading[l + 1] || c->section[l] != c->section[l + 1])
        return 0;
    size_t len;
    const char *s = gs_doc_line(&p->doc, l, &len);
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    uint32_t t0 = c->line_tok[l + 1];
    return len >= WRAPPED_MIN && t0 < c->line_tok[l + 2] && c->toks.v[t0].kind != GS_TOK_PUNCT;
}

/* The token where the scope of cue mention k ends: the end of its clause
 * (".", ";", ":", "!", "?"), a break cue ("but") or another cue, or the end
 * of its line. A colon right after the cue opens its list instead ("Want
 * to learn: Rust, Go"). A sentence that a wrapped line cuts (wraps_on)
 * takes the scope on into the next line, two at the most: "No experience
 * with" / "Kubernetes yet." */
static uint32_t cue_scope_end(const ctx *c, uint32_t k)
{
    const mention *m = &c->m[k];
    size_t ll = m->line;
    /* mentions are in token order: j only moves forward with end, so the
     * walk is linear in the tokens it covers */
    uint32_t end = m->end, limit = c->line_tok[ll + 1], j = k + 1;
    if (end < limit && tok_is(c, end, ":"))
        end++;
    for (size_t extra = 0;; extra++) {
        uint32_t mend = c->line_men[ll + 1];
        while (end < limit && !is_clause_end(c, end)) {
            int brk = 0;
            while (j < mend && c->m[j].start < end)
                j++;
            for (uint32_t i = j; i < mend && c->m[i].start == end; i++)
                if (c->m[i].kind == GS_KIND_CUE &&
                    (c->m[i].target == GS_CUE_BREAK ||
                     /* a new cue starts its own scope */
                     c->m[i].target == GS_CUE_NEGATION ||
                     c->m[i].target == GS_CUE_ASPIRATION || c->m[i].target == GS_CUE_HEDGE))
                    brk = 1;
            if (brk)
                return end;
            end++;
        }
        if (end < limit || extra == 2 || !wraps_on(c, ll))
            return end;
        ll++;
        limit = c->line_tok[ll + 1];
    }
}

/* The skill mention among c->m[m0..m1) of line l that is the employer of
 * the position whose title is on the line, or part of its name ("Data
 * Engineer, Oracle, Austin", "Analytics Lead | Parallax Robotics": a skill
 * the candidate worked at, not one they used), or UINT32_MAX. It must be
 * the only skill from the employer on ("ML Engineer | PyTorch, AWS" lists
 * skills, not an employer), and either a later word of the employer's name
 * or its first word naming a product (lexicon/categories.tsv): "Tech Lead,
 * Backend, Foxglove" names a team. */
static uint32_t employer_mention(const ctx *c, size_t l, uint32_t m0, uint32_t m1)
{
    int32_t k = c->pos_of[l];
    if (k < 0)
        return UINT32_MAX;
    const gs_position *pos = &c->p->positions[k];
    if (pos->emp_line != l || pos->emp_from == UINT32_MAX)
        return UINT32_MAX;
    uint32_t found = UINT32_MAX;
    for (uint32_t j = m0; j < m1; j++) {
        const mention *m = &c->m[j];
        const gs_token *last = &c->toks.v[m->end - 1];
        uint32_t off = c->toks.v[m->start].off;
        if (m->kind != GS_KIND_SKILL || off < pos->emp_from)
            continue;
        int inner = off > pos->emp_from && last->off + last->len <= pos->emp_to;
        if (found != UINT32_MAX || (off != pos->emp_from && !inner))
            return UINT32_MAX;
        found = j;
    }
    /* "Backend" alone there is a team, not a company */
    if (found != UINT32_MAX && c->toks.v[c->m[found].start].off == pos->emp_from &&
        gs_lexicon_skill(c->lex, (size_t)c->m[found].target)->work)
        return UINT32_MAX;
    return found;
}

static int judge_skills(ctx *c)
{
    gapscan_profile *p = c->p;
    size_t nl = p->doc.nlines, hcap = 0, xcap = 0;
    /* room for the skills and uses of a CV at once (50 and 60 of them as a
     * rule), instead of growing from 8 */
    if (gs_grow(p->mem, (void **)&p->hits, &hcap, GS_TYPICAL_HITS, sizeof *p->hits) ||
        gs_grow(p->mem, (void **)&c->last_pos, &c->lpcap, GS_TYPICAL_HITS, sizeof *c->last_pos) ||
        gs_grow(p->mem, (void **)&c->uses, &c->ucap, GS_TYPICAL_HITS, sizeof *c->uses))
        return -1;
    /* a stated team ("led a team of 12") proves team management: the
     * contract's id for it */
    int32_t team_skill = gs_lexicon_skill_find(c->lex, "team-management");
    scope carry[16]; /* scopes that run on past the end of their line */
    size_t ncarry = 0;
    for (size_t l = 0; l < nl; l++) {
        uint32_t m0 = c->line_men[l], m1 = c->line_men[l + 1];
        int sec = c->inline_sec[l] ? c->inline_sec[l] : c->section[l];
        if ((c->flags[l] & LINE_DIGIT) && sec != GS_SEC_EDUCATION && sec != GS_SEC_REFERENCES &&
            !c->heading[l]) {
            size_t len;
            const char *line = gs_doc_line(&p->doc, l, &len);
            int t = gs_team_size(c->dscan, line, len);
            if (t > 0) {
                if (t > p->team_size) {
                    p->team_size = t;
                    p->team_line = (uint32_t)l;
                }
                if (team_skill >= 0 && count_skill(c, l, team_skill, GS_LEVEL_CLAIMED, &hcap))
                    return -1;
            }
        }
        if (m0 == m1 || c->heading[l] || c->section[l] == GS_SEC_REFERENCES ||
            c->inline_sec[l] == GS_SEC_REFERENCES)
            continue;
        /* scopes of this line's cues, and those of earlier lines that a
         * wrapped sentence carries onto this one */
        scope sc[32];
        size_t nsc = 0;
        uint32_t t0 = c->line_tok[l], t1 = c->line_tok[l + 1];
        for (size_t s = 0; s < ncarry; s++)
            if (carry[s].end > t0)
                sc[nsc++] = carry[s];
        for (uint32_t k = m0; k < m1 && nsc < 32; k++) {
            const mention *m = &c->m[k];
            if (m->kind != GS_KIND_CUE)
                continue;
            int cue = m->target;
            if (cue != GS_CUE_NEGATION && cue != GS_CUE_ASPIRATION && cue != GS_CUE_HEDGE)
                continue;
            sc[nsc++] = (scope){m->end, cue_scope_end(c, k), cue};
        }
        ncarry = 0;
        for (size_t s = 0; s < nsc; s++)
            if (sc[s].end > t1 && ncarry < 16)
                carry[ncarry++] = sc[s];
        int plain = 0; /* an unambiguous skill on the line */
        for (uint32_t k = m0; k < m1 && !plain; k++)
            plain = c->m[k].kind == GS_KIND_SKILL && !(c->m[k].flags & GS_F_CTX);
        uint32_t employer = employer_mention(c, l, m0, m1);
        for (uint32_t k = m0; k < m1; k++) {
            const mention *m = &c->m[k];
            if (m->kind != GS_KIND_SKILL)
                continue;
            int level = GS_LEVEL_CLAIMED, cue = -2;
            for (size_t s = 0; s < nsc; s++)
                if (m->start >= sc[s].start && m->start < sc[s].end) {
                    if (sc[s].cue == GS_CUE_HEDGE)
                        level = GS_LEVEL_HEDGED;
                    else
                        cue = sc[s].cue;
                }
            if (cue == -2 && (m->flags & GS_F_CTX) && !in_skill_context(c, l, k, plain))
                cue = GS_NOT_SKILL_AMBIGUOUS;
            if (cue == -2 && k == employer)
                cue = GS_NOT_SKILL_EMPLOYER;
            if (cue != -2) {
                if (gs_grow(p->mem, (void **)&p->excluded, &xcap, p->nexcluded + 1,
                            sizeof *p->excluded))
                    return -1;
                p->excluded[p->nexcluded++] = (gs_excluded){m->target, (uint32_t)l, cue};
                continue;
            }
            c->accepted[k] = 1;
            if (count_skill(c, l, m->target, level, &hcap))
                return -1;
        }
    }
    /* months per skill from the positions it was used in: the uses put in
     * runs by hit (first[h] .. first[h + 1]), each run filled in the order
     * of the positions' months, so that it merges as it goes */
    size_t nh = p->nhits, np = p->npositions;
    size_t *first = gs_calloc(p->mem, nh + 1, sizeof *first);
    size_t *ufirst = gs_malloc(p->mem, (np + 1) * sizeof *ufirst);
    int32_t *run = gs_malloc(p->mem, (c->nuses ? c->nuses : 1) * sizeof *run);
    if (!first || !ufirst || !run) {
        gs_free(p->mem, first);
        gs_free(p->mem, ufirst);
        gs_free(p->mem, run);
        return -1;
    }
    for (size_t u = 0; u < c->nuses; u++)
        first[c->uses[u].hit + 1]++;
    for (size_t h = 0; h < nh; h++)
        first[h + 1] += first[h];
    for (size_t k = 0, u = 0; k <= np; k++) {
        while (u < c->nuses && c->uses[u].pos < (int32_t)k)
            u++;
        ufirst[k] = u;
    }
    for (size_t r = 0; r < np; r++) {
        uint32_t k = p->by_start[r];
        for (size_t u = ufirst[k]; u < ufirst[k + 1]; u++)
            run[first[c->uses[u].hit]++] = (int32_t)k; /* first[h] moves to the run's end */
    }
    for (size_t h = 0, start = 0; h < nh; start = first[h++]) {
        size_t n = 0, end = first[h];
        if (end == start)
            continue;
        gs_interval *v = gs_arena_alloc(&p->arena, (end - start) * sizeof *v);
        if (!v) {
            gs_free(p->mem, first);
            gs_free(p->mem, ufirst);
            gs_free(p->mem, run);
            return -1;
        }
        for (size_t u = start; u < end; u++) {
            const gs_position *pos = &p->positions[run[u]];
            n = push_interval(v, n, (gs_interval){pos->start, pos->end});
        }
        p->hits[h].months = v;
        p->hits[h].nmonths = n;
        p->hits[h].total_months = months_in(v, n);
    }
    gs_free(p->mem, first);
    gs_free(p->mem, ufirst);
    gs_free(p->mem, run);

    /* implied skills: each direct hit passes its level, evidence and months
     * to every ancestor. The direct hits' skills are looked up first, all
     * together: each is likely a cache miss, and independent loads wait
     * for memory together where a walk between them would wait for each. */
    size_t ndirect = p->nhits, nimplied = 0;
    const gs_skill **direct = gs_arena_alloc_raw(&p->arena, (ndirect ? ndirect : 1) * sizeof *direct);
    if (!direct)
        return -1;
    for (size_t h = 0; h < ndirect; h++) {
        direct[h] = gs_lexicon_skill(c->lex, (size_t)p->hits[h].skill);
        nimplied += direct[h]->nimplies;
    }
    for (size_t h = 0; h < ndirect && nimplied; h++) {
        int32_t stack[64];
        size_t sp = 0;
        const gs_skill *sk = direct[h];
        for (size_t i = 0; i < sk->nimplies && sp < 64; i++)
            stack[sp++] = sk->implies[i];
        while (sp) {
            int32_t anc = stack[--sp];
            int existed = p->hit_of[anc] >= 0;
            gs_hit *a = hit_for(c, anc, &hcap);
            if (!a)
                return -1;
            gs_hit *d = &p->hits[h]; /* hits may have moved */
            if (!existed) {
                a->inferred_from = d->skill;
                a->level = d->level;
                a->first_line = d->first_line;
                a->best_line = d->best_line;
                memcpy(a->lines, d->lines, sizeof a->lines);
                a->nlines = d->nlines;
            } else if (a->inferred_from >= 0 && d->level > a->level) {
                a->level = d->level;
            }
            if (d->nmonths) {
                size_t n = a->nmonths + d->nmonths;
                gs_interval *v = gs_arena_alloc(&p->arena, n * sizeof *v);
                if (!v)
                    return -1;
                a->nmonths = union_intervals(a->months, a->nmonths, d->months, d->nmonths, v);
                a->months = v;
                a->total_months = months_in(v, a->nmonths);
            }
            const gs_skill *as = gs_lexicon_skill(c->lex, (size_t)anc);
            for (size_t i = 0; i < as->nimplies && sp < 64; i++)
                stack[sp++] = as->implies[i];
        }
    }

    /* which skills each position shows, implied ones included, for the
     * scorer's "years in X": each once per position. The walk from a hit
     * is the one above, so every skill it meets has a hit, and last_pos
     * marks the position a hit was last listed for. */
    size_t ucap = 0;
    if (gs_grow(p->mem, (void **)&p->uses, &ucap, 2 * GS_TYPICAL_HITS, sizeof *p->uses))
        return -1;
    for (size_t h = 0; h < p->nhits; h++)
        c->last_pos[h] = -1;
    for (size_t u = 0; u < c->nuses; u++) {
        int32_t stack[64], pos = c->uses[u].pos;
        size_t sp = 0;
        stack[sp++] = p->hits[c->uses[u].hit].skill;
        while (sp) {
            int32_t s = stack[--sp], h = p->hit_of[s];
            if (h < 0 || c->last_pos[h] != pos) {
                if (p->nuses == ucap &&
                    gs_grow(p->mem, (void **)&p->uses, &ucap, p->nuses + 1, sizeof *p->uses))
                    return -1;
                p->uses[p->nuses++] = (gs_use){s, pos};
                if (h >= 0)
                    c->last_pos[h] = pos;
            }
            const gs_skill *sk = gs_lexicon_skill(c->lex, (size_t)s);
            for (size_t i = 0; i < sk->nimplies && sp < 64; i++)
                stack[sp++] = sk->implies[i];
        }
    }
    /* ... found by position, as c->uses come by position: position i's
     * uses are uses[use_first[i] .. use_first[i + 1]) */
    p->use_first = gs_arena_alloc(&p->arena, (p->npositions + 1) * sizeof *p->use_first);
    if (!p->use_first)
        return -1;
    for (size_t i = 0, u = 0; i <= p->npositions; i++) {
        while (u < p->nuses && p->uses[u].pos < (int32_t)i)
            u++;
        p->use_first[i] = u;
    }
    return 0;
}

/* ---- pass 4b: stated figures ---- */

static void claim(gapscan_profile *p, int32_t skill, double years, uint32_t line)
{
    int32_t h = p->hit_of[skill];
    if (h >= 0 && years > p->hits[h].stated_years) {
        p->hits[h].stated_years = years;
        p->hits[h].stated_line = line;
    }
}

/* "6 years of SQL", "SQL (5+ yrs)", "12+ years of experience", "grew the
 * team to 35 engineers": the figures a CV states in words. */
static int find_stated(ctx *c)
{
    gapscan_profile *p = c->p;
    for (size_t l = 0; l < p->doc.nlines; l++) {
        if (!(c->flags[l] & LINE_DIGIT))
            continue; /* every figure is written with digits */
        size_t len;
        const char *line = gs_doc_line(&p->doc, l, &len);
        if (!gs_years_possible(line, len))
            continue;
        size_t base = p->doc.line_start[l];
        uint32_t m0 = c->line_men[l], m1 = c->line_men[l + 1];
        gs_claim cl;
        size_t from = 0;
        uint32_t k0 = m0; /* claims come in line order: the mentions are walked once */
        while (gs_years_before(c->dscan, line, len, from, &cl)) {
            int32_t skill = -1;
            while (k0 < m1 && c->toks.v[c->m[k0].start].off - base < cl.end)
                k0++;
            for (uint32_t k = k0; k < m1 && skill < 0 && c->toks.v[c->m[k].start].off - base == cl.end;
                 k++)
                if (c->accepted[k])
                    skill = c->m[k].target;
            if (skill >= 0)
                claim(p, skill, cl.years, (uint32_t)l);
            /* "12+ years of experience (in data engineering)" is the career */
            if (cl.experience && !cl.tool && cl.years > p->stated_total) {
                p->stated_total = cl.years;
                p->stated_total_line = (uint32_t)l;
            }
            from = cl.end > cl.off ? cl.end : cl.off + 1;
        }
        for (uint32_t k = m0; k < m1; k++) {
            double y;
            if (!c->accepted[k])
                continue;
            const gs_token *last = &c->toks.v[c->m[k].end - 1];
            if (gs_years_after(c->dscan, line, len, last->off + last->len - base, &y))
                claim(p, c->m[k].target, y, (uint32_t)l);
        }
    }
    return 0;
}

/* ---- pass 5: education ---- */

/* Up to 4 distinct fields of study named on line l, else on the line after
 * it ("Master of Science" on one line, "Computer Science" on the next). */
static int line_fields(const ctx *c, size_t l, int32_t fields[4])
{
    size_t nl = c->p->doc.nlines, src = l;
    int n = 0;
    for (int pass = 0; pass < 2 && !n; pass++) {
        for (uint32_t j = c->line_men[src]; j < c->line_men[src + 1] && n < 4; j++) {
            if (c->m[j].kind != GS_KIND_FIELD)
                continue;
            int dup = 0;
            for (int f = 0; f < n; f++)
                dup |= fields[f] == c->m[j].target;
            if (!dup)
                fields[n++] = c->m[j].target;
        }
        if (src + 1 >= nl || line_has_kind(c, src + 1, GS_KIND_DEGREE) || c->heading[src + 1])
            break;
        src++;
    }
    return n;
}

static int find_education(ctx *c)
{
    gapscan_profile *p = c->p;
    size_t nl = p->doc.nlines, cap = 0;
    p->highest = GS_LVL_NONE;
    for (size_t l = 0; l < nl; l++) {
        if (c->has_education && c->section[l] != GS_SEC_EDUCATION)
            continue;
        if (c->section[l] == GS_SEC_EXPERIENCE || c->heading[l])
            continue;
        int incomplete = line_has_cue(c, l, GS_CUE_INCOMPLETE);
        /* what depends on the line alone is found once per line, however
         * many degrees it names */
        int context = -1; /* degree_context of the line or the next, once known */
        int32_t fields[4];
        int nfields = -1; /* the line's fields, once known */
        for (uint32_t k = c->line_men[l]; k < c->line_men[l + 1]; k++) {
            const mention *m = &c->m[k];
            if (m->kind != GS_KIND_DEGREE)
                continue;
            /* a short, ambiguous degree name ("BS", "MA", "master") needs a
             * field of study or an education word on its line or the next */
            if ((m->flags & GS_F_CTX) && context < 0)
                context = degree_context(c, l) || (l + 1 < nl && degree_context(c, l + 1));
            if ((m->flags & GS_F_CTX) && !context)
                continue;
            if (nfields < 0)
                nfields = line_fields(c, l, fields);
            if (gs_grow(p->mem, (void **)&p->degrees, &cap, p->ndegrees + 1, sizeof *p->degrees))
                return -1;
            gs_degree *d = &p->degrees[p->ndegrees++];
            memset(d, 0, sizeof *d);
            d->level = m->target;
            d->completed = !incomplete;
            d->line = (uint32_t)l;
            memcpy(d->fields, fields, (size_t)nfields * sizeof *fields);
            d->nfields = nfields;
            if (d->completed && d->level > p->highest)
                p->highest = d->level;
        }
    }
    /* fields of completed degrees from associate up, the highest first */
    for (int lvl = GS_LVL_PHD; lvl >= GS_LVL_ASSOCIATE; lvl--)
        for (size_t i = 0; i < p->ndegrees; i++) {
            const gs_degree *d = &p->degrees[i];
            if (!d->completed || d->level != lvl)
                continue;
            for (int f = 0; f < d->nfields; f++) {
                int dup = 0;
                for (int g = 0; g < p->nfields; g++)
                    dup |= p->fields[g] == d->fields[f];
                if (!dup && p->nfields < 8)
                    p->fields[p->nfields++] = d->fields[f];
            }
        }
    return 0;
}

/* Mark the tokens that continue a wrapped line (token.h). Returns 0, or
 * -1 when out of memory. */
static int mark_joins(ctx *c)
{
    const gs_doc *d = &c->p->doc;
    uint8_t *wraps = gs_arena_alloc_raw(&c->p->arena, d->nlines ? d->nlines : 1);
    if (!wraps)
        return -1;
    gs_doc_wraps(d, wraps);
    gs_token *t = c->toks.v;
    for (size_t i = 1; i < c->toks.n; i++)
        if (t[i].line == t[i - 1].line + 1 && wraps[t[i - 1].line])
            t[i].joins = 1;
    return 0;
}

gapscan_profile *gs_extract(gs_mem *mem, const gs_lexicon *lex, void *dscan, int32_t as_of,
                            const char *name, const char *data, size_t len,
                            gapscan_status *status, char *err, size_t errlen)
{
    gapscan_profile *p = gs_calloc(mem, 1, sizeof *p);
    if (!p) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    p->mem = mem;
    gs_arena_init(&p->arena, mem);
    p->lex = lex;
    p->as_of = as_of;
    p->bytes = len;
    ctx c;
    memset(&c, 0, sizeof c);
    c.p = p;
    c.lex = lex;
    c.dscan = dscan;
    char why[200];
    gapscan_status st = GAPSCAN_ENOMEM;
    p->name = gs_arena_strdup(&p->arena, name);
    if (!p->name)
        goto fail;
    st = gs_text_decode(&p->arena, data, len, &p->doc, why, sizeof why);
    if (st != GAPSCAN_OK) {
        snprintf(err, errlen, "%s: %s", name, why);
        goto out;
    }
    st = GAPSCAN_ENOMEM;
    if (p->doc.replaced &&
        warn(p, "%zu byte(s) could not be decoded and are shown as U+FFFD", p->doc.replaced))
        goto fail;
    size_t nsk = gs_lexicon_skill_count(lex);
    p->hit_of = gs_arena_alloc_raw(&p->arena, (nsk ? nsk : 1) * sizeof *p->hit_of);
    if (!p->hit_of)
        goto fail;
    memset(p->hit_of, 0xff, nsk * sizeof *p->hit_of);
    if (gs_tokenize(mem, p->doc.text, p->doc.len, 0, &c.toks))
        goto fail;
    gs_lexicon_terms(lex, p->doc.text, c.toks.v, c.toks.n);
    if (mark_joins(&c) || index_lines(&c))
        goto fail;
    c.accepted = gs_arena_alloc(&p->arena, c.nm ? c.nm : 1);
    if (!c.accepted || find_positions(&c) || order_positions(p) ||
        judge_skills(&c) || find_stated(&c) || find_education(&c))
        goto fail;
    gs_interval *work = NULL;
    if (p->npositions) {
        work = gs_arena_alloc(&p->arena, p->npositions * sizeof *work);
        if (!work)
            goto fail;
        for (size_t r = 0; r < p->npositions; r++) {
            const gs_position *pos = &p->positions[p->by_start[r]];
            p->nwork = push_interval(work, p->nwork, (gs_interval){pos->start, pos->end});
        }
        p->work = work;
        p->dated_months = months_in(work, p->nwork);
        for (size_t i = 1; i < p->nwork; i++)
            if (work[i].start - work[i - 1].end - 1 >= GS_MIN_GAP)
                p->ngaps++;
        if (p->ngaps) {
            p->gaps = gs_arena_alloc(&p->arena, p->ngaps * sizeof *p->gaps);
            if (!p->gaps)
                goto fail;
            size_t k = 0;
            for (size_t i = 1; i < p->nwork; i++)
                if (work[i].start - work[i - 1].end - 1 >= GS_MIN_GAP)
                    p->gaps[k++] = (gs_interval){work[i - 1].end + 1, work[i].start - 1};
        }
        p->mgmt_months = gs_profile_months(p, GS_SEN_MANAGEMENT, NULL, 0);
        p->senior_months = gs_profile_months(p, GS_SEN_SENIOR, NULL, 0);
        if (p->mgmt_months < 0 || p->senior_months < 0)
            goto fail;
    }
    p->total_months = p->dated_months;
    int32_t stated = (int32_t)(p->stated_total * 12 + 0.5);
    if (!p->npositions) {
        p->total_months = stated;
    } else if (stated && (stated - p->dated_months >= 24 || p->dated_months - stated >= 24) &&
               warn(p, "line %u states %g years of experience; the dated positions give %.1f",
                    p->stated_total_line + 1, p->stated_total,
                    (double)((p->dated_months * 10 + 6) / 12) / 10.0)) {
        goto fail;
    }
    st = GAPSCAN_OK;
    goto out;
fail:
    snprintf(err, errlen, "%s: out of memory", name);
out:
    gs_tokens_free(mem, &c.toks);
    gs_free(mem, c.m);
    gs_free(mem, c.uses);
    gs_free(mem, c.last_pos);
    *status = st;
    if (st != GAPSCAN_OK) {
        gapscan_profile_free(p);
        return NULL;
    }
    return p;
}

int gs_position_counts(const gapscan_profile *p, size_t i, int seniority, const int32_t *skills,
                       size_t nskills)
{
    if (p->positions[i].seniority < seniority)
        return 0;
    if (nskills == 0)
        return 1;
    for (size_t u = p->use_first[i]; u < p->use_first[i + 1]; u++)
        for (size_t k = 0; k < nskills; k++)
            if (p->uses[u].skill == skills[k])
                return 1;
    return 0;
}

int32_t gs_profile_months(const gapscan_profile *p, int seniority, const int32_t *skills,
                          size_t nskills)
{
    /* the positions in order of their months: each run of touching or
     * overlapping ones is counted when the next one does not reach it */
    int32_t m = 0, start = 0, end = 0;
    int open = 0; /* a run [start, end] is being counted */
    for (size_t r = 0; r < p->npositions; r++) {
        const gs_position *pos = &p->positions[p->by_start[r]];
        if (!gs_position_counts(p, p->by_start[r], seniority, skills, nskills))
            continue;
        if (open && pos->start <= end + 1) {
            if (pos->end > end)
                end = pos->end;
            continue;
        }
        if (open)
            m += end - start + 1;
        start = pos->start;
        end = pos->end;
        open = 1;
    }
    return open ? m + end - start + 1 : m;
}

void gapscan_profile_free(gapscan_profile *p)
{
    if (!p)
        return;
    gs_mem *mem = p->mem;
    gs_free(mem, p->uses);
    gs_free(mem, p->positions);
    gs_free(mem, p->hits);
    gs_free(mem, p->degrees);
    gs_free(mem, p->excluded);
    gs_arena_free(&p->arena);
    gs_free(mem, p);
}

double gapscan_profile_years(const gapscan_profile *p)
{
    return (double)((p->total_months * 10 + 6) / 12) / 10.0;
}

size_t gapscan_profile_skill_count(const gapscan_profile *p)
{
    return p->nhits;
}

const char *gapscan_profile_skill_id(const gapscan_profile *p, size_t i)
{
    return i < p->nhits ? gs_lexicon_skill(p->lex, (size_t)p->hits[i].skill)->id : NULL;
}

const char *gapscan_profile_format(const gapscan_profile *p)
{
    return p->format ? p->format : "text";
}
