/* jd.c - job descriptions compiled into roles; roles written as XML and
 * described as text. See jd.h for the rules. */
#include "jd.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "text.h"
#include "token.h"

enum {
    JD_NONE = -1,
    JD_REQUIRED,
    JD_PREFERRED,
    JD_OTHER,
    JD_CUE_PREFERRED,
    JD_CUE_REQUIRED,
    JD_CHOICE, /* joins skills into a choice: "or", "such as" */
    JD_LIST    /* joins skills into one list: "and", "as well as" */
};
static const char *const JD_KINDS[] = {"required",     "preferred", "other", "preferred-cue",
                                       "required-cue", "choice",    "list"};
#define JD_NKINDS (sizeof JD_KINDS / sizeof *JD_KINDS)

#define MAX_PHRASES 256
#define MAX_SKILLS 16
#define MAX_FIELDS 8
#define TEXT_MAX 400

typedef struct phrase {
    char s[64];
    int kind;
} phrase;

typedef struct jd {
    gs_mem *mem;
    const gs_lexicon *lex;
    gs_dscan *dscan;
    gs_arena *arena;
    gapscan_role *role;
    size_t cap;
    phrase ph[MAX_PHRASES];
    size_t nph;
    char *err;
    size_t errlen;
    gapscan_status st;
} jd;

/* lower-case ASCII, decoration dropped, runs of spaces collapsed, trimmed */
static size_t normalize(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    int space = 1;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (strchr("#*_:=|>~`", ch) && ch)
            ch = ' ';
        if (ch == '-' && (i == 0 || s[i - 1] == ' ' || i + 1 == n || s[i + 1] == ' '))
            ch = ' ';
        if (ch == ' ' || ch == '\t' || ch == '\r') {
            if (!space)
                out[k++] = ' ';
            space = 1;
        } else {
            out[k++] = (char)tolower(ch);
            space = 0;
        }
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return k;
}

static int load_phrases(jd *J)
{
    const char *file = "lexicon/jd-sections.tsv";
    const gs_builtin_file *f = gs_builtin_find(file);
    if (!f) {
        snprintf(J->err, J->errlen, "%s: missing from the build", file);
        return J->st = GAPSCAN_EINTERNAL, -1;
    }
    const char *p = f->data, *end = f->data + f->len;
    long line = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        line++;
        if (e > p && *p != '#') {
            const char *tab = memchr(p, '\t', (size_t)(e - p));
            int kind = -1;
            if (tab) {
                char v[32];
                normalize(tab + 1, (size_t)(e - tab - 1), v, sizeof v);
                for (size_t k = 0; k < JD_NKINDS; k++)
                    if (!strcmp(v, JD_KINDS[k]))
                        kind = (int)k;
            }
            if (kind < 0 || J->nph >= MAX_PHRASES || tab - p >= 64) {
                snprintf(J->err, J->errlen, "%s:%ld: expected surface<TAB>required|preferred|other|preferred-cue|required-cue|choice|list",
                         file, line);
                return J->st = GAPSCAN_EINTERNAL, -1;
            }
            normalize(p, (size_t)(tab - p), J->ph[J->nph].s, sizeof J->ph[J->nph].s);
            J->ph[J->nph++].kind = kind;
        }
        p = e + (nl != NULL);
    }
    return 0;
}

/* The heading kind of a whole (normalized) line, or JD_NONE. */
static int heading_kind(const jd *J, const char *norm)
{
    for (size_t i = 0; i < J->nph; i++)
        if (J->ph[i].kind <= JD_OTHER && !strcmp(J->ph[i].s, norm))
            return J->ph[i].kind;
    return JD_NONE;
}

/* Does the normalized text contain the phrase as whole words? */
static int has_words(const char *norm, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(norm, w); p; p = strstr(p + 1, w)) {
        int left = p == norm || !isalnum((unsigned char)p[-1]);
        int right = !isalnum((unsigned char)p[n]);
        if (left && right)
            return 1;
    }
    return 0;
}

static int cue_kind(const jd *J, const char *norm)
{
    for (size_t i = 0; i < J->nph; i++)
        if ((J->ph[i].kind == JD_CUE_PREFERRED || J->ph[i].kind == JD_CUE_REQUIRED) &&
            has_words(norm, J->ph[i].s))
            return J->ph[i].kind == JD_CUE_PREFERRED ? JD_PREFERRED : JD_REQUIRED;
    return JD_NONE;
}

/* ---- one requirement ---- */

typedef struct seen {
    int32_t skills[MAX_SKILLS];
    uint8_t ctx_only[MAX_SKILLS];
    size_t skill_start[MAX_SKILLS]; /* the skill's name in the text */
    size_t skill_end[MAX_SKILLS];
    size_t nskills;
    int32_t fields[MAX_FIELDS];
    size_t nfields;
    int level;       /* lowest degree named, -1 none */
    int level_ctx;   /* the only degree names are ambiguous ones */
    int context;     /* a skill-context cue ("experience with") */
    int education;   /* an education cue ("degree") */
} seen;

static int scan(jd *J, const char *s, size_t n, seen *out)
{
    memset(out, 0, sizeof *out);
    out->level = -1;
    gs_tokens toks = {0};
    if (gs_tokenize(J->mem, s, n, 0, &toks)) {
        gs_tokens_free(J->mem, &toks);
        return -1;
    }
    gs_lexicon_terms(J->lex, s, toks.v, toks.n);
    const gs_entry *ents[8];
    size_t words = 0;
    for (size_t i = 0; i < toks.n; i++)
        words += toks.v[i].kind != GS_TOK_PUNCT;
    for (size_t i = 0; i < toks.n;) {
        size_t end = i + 1;
        size_t k = toks.v[i].term ? gs_lexicon_match(J->lex, s, toks.v, toks.n, i, ents, 8, &end) : 0;
        if (!k) {
            i++;
            continue;
        }
        size_t byte_end = toks.v[end - 1].off + toks.v[end - 1].len;
        size_t covered = 0;
        for (size_t t = i; t < end; t++)
            covered += toks.v[t].kind != GS_TOK_PUNCT;
        /* a line that is nothing but the name ("Kafka", "Rust") is about the skill */
        if (covered == words)
            out->context = 1;
        for (size_t j = 0; j < k; j++) {
            const gs_entry *e = ents[j];
            int ctx = (e->flags & GS_F_CTX) != 0;
            if (e->kind == GS_KIND_SKILL) {
                size_t x = 0;
                while (x < out->nskills && out->skills[x] != e->target)
                    x++;
                if (x == out->nskills && x < MAX_SKILLS) {
                    out->skills[x] = e->target;
                    out->ctx_only[x] = (uint8_t)ctx;
                    out->skill_start[x] = toks.v[i].off;
                    out->skill_end[x] = byte_end;
                    out->nskills++;
                } else if (x < out->nskills && !ctx) {
                    out->ctx_only[x] = 0;
                }
            } else if (e->kind == GS_KIND_FIELD) {
                size_t x = 0;
                while (x < out->nfields && out->fields[x] != e->target)
                    x++;
                if (x == out->nfields && x < MAX_FIELDS)
                    out->fields[out->nfields++] = e->target;
            } else if (e->kind == GS_KIND_DEGREE && e->target > GS_LVL_NONE) {
                if (out->level < 0 || e->target < out->level) {
                    if (out->level < 0)
                        out->level_ctx = ctx;
                    out->level = e->target;
                }
                if (!ctx)
                    out->level_ctx = 0;
            } else if (e->kind == GS_KIND_CUE) {
                if (e->target == GS_CUE_CONTEXT || e->target == GS_CUE_PREFIX)
                    out->context = 1;
                if (e->target == GS_CUE_EDUCATION)
                    out->education = 1;
            }
        }
        i = end;
    }
    gs_tokens_free(J->mem, &toks);
    /* ambiguous names count next to a sure skill, in a list of skills, or in a
     * skill context */
    int sure = 0;
    for (size_t x = 0; x < out->nskills; x++)
        sure |= !out->ctx_only[x];
    size_t w = 0;
    for (size_t x = 0; x < out->nskills; x++) {
        if (out->ctx_only[x] && !sure && !out->context && out->nskills < 2)
            continue;
        out->skills[w] = out->skills[x];
        out->skill_start[w] = out->skill_start[x];
        out->skill_end[w] = out->skill_end[x];
        out->ctx_only[w++] = out->ctx_only[x];
    }
    out->nskills = w;
    if (out->level >= 0 && out->level_ctx && !out->nfields && !out->education)
        out->level = -1;
    return 0;
}

static void slug_append(char *id, size_t cap, const char *part)
{
    size_t k = strlen(id);
    if (k && k + 1 < cap && id[k - 1] != '-')
        id[k++] = '-';
    for (const char *p = part; *p && k + 1 < cap; p++) {
        unsigned char ch = (unsigned char)*p;
        if (isalnum(ch))
            id[k++] = (char)tolower(ch);
        else if (ch >= 0x80)
            continue; /* letters outside ASCII are left out of ids */
        else if (k && id[k - 1] != '-')
            id[k++] = '-';
    }
    while (k && id[k - 1] == '-')
        k--;
    id[k] = '\0';
}

/* the first few words of the text as an id */
static void slug_words(char *id, size_t cap, const char *text, int words)
{
    id[0] = '\0';
    char w[64];
    const char *p = text;
    while (*p && words > 0) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        size_t k = 0;
        while (*p && (isalnum((unsigned char)*p) || (*p & 0x80)) && k + 1 < sizeof w) {
            if (!(*p & 0x80))
                w[k++] = *p;
            p++;
        }
        w[k] = '\0';
        if (k) {
            slug_append(id, cap, w);
            words--;
        }
    }
}

static gs_cond *kids(jd *J, gs_cond *c, size_t n)
{
    c->kids = gs_arena_alloc(J->arena, n * sizeof *c->kids);
    if (c->kids)
        memset(c->kids, 0, n * sizeof *c->kids);
    c->nkids = n;
    return c->kids;
}

/* The role's next requirement, zeroed, with its importance and a copy of
 * its text; NULL when out of memory. It counts once req_commit has given it
 * an id. */
static gs_req *req_slot(jd *J, int importance, const char *text)
{
    if (J->role->nreqs == J->cap) {
        size_t ncap = J->cap ? J->cap * 2 : 16;
        gs_req *v = gs_arena_alloc(J->arena, ncap * sizeof *v);
        if (!v)
            return NULL;
        if (J->cap)
            memcpy(v, J->role->reqs, J->cap * sizeof *v);
        J->role->reqs = v;
        J->cap = ncap;
    }
    gs_req *q = &J->role->reqs[J->role->nreqs];
    memset(q, 0, sizeof *q);
    q->required = importance == JD_REQUIRED;
    q->weight = q->required ? 3.0 : 1.0;
    q->cond.skill = -1;
    q->text = gs_arena_strdup(J->arena, text);
    return q->text ? q : NULL;
}

/* Give q (from req_slot) a unique id made from `id` (id, id-2, id-3...)
 * and count it in. Returns 0, or -1 when out of memory. */
static int req_commit(jd *J, gs_req *q, const char *id)
{
    char uid[96];
    snprintf(uid, sizeof uid, "%s", id);
    for (int dup = 2;; dup++) {
        size_t i = 0;
        while (i < J->role->nreqs && strcmp(J->role->reqs[i].id, uid))
            i++;
        if (i == J->role->nreqs)
            break;
        snprintf(uid, sizeof uid, "%s-%d", id, dup);
    }
    q->id = gs_arena_strdup(J->arena, uid);
    if (!q->id)
        return -1;
    J->role->nreqs++;
    return 0;
}

/* c as the n skills v: one skill, or all or any of them (type). Returns 0,
 * or -1 when out of memory. */
static int list_cond(jd *J, const int32_t *v, size_t n, int type, gs_cond *c)
{
    if (n == 1) {
        c->type = GS_COND_SKILL;
        c->skill = v[0];
        return 0;
    }
    c->type = type;
    if (!kids(J, c, n))
        return -1;
    for (size_t i = 0; i < n; i++) {
        c->kids[i].type = GS_COND_SKILL;
        c->kids[i].skill = v[i];
    }
    return 0;
}

/* Whether the normalized text has phrase `ph` at `at` as whole words:
 * the phrase's length, or 0. */
static size_t phrase_at(const char *norm, size_t at, const char *ph)
{
    size_t n = strlen(ph);
    if (strncmp(norm + at, ph, n) || isalnum((unsigned char)norm[at + n]))
        return 0;
    return n;
}

/* Whether the skills named at text[from..to) and after it belong to one
 * list: nothing but list and choice words and punctuation between them
 * ("Spark, Kafka and Flink", "Snowflake or BigQuery", "a warehouse such as
 * Snowflake"). Sets *choice when a choice word joins them. */
static int joined(const jd *J, const char *text, size_t from, size_t to, int *choice)
{
    char norm[TEXT_MAX + 1];
    size_t n = from < to ? normalize(text + from, to - from, norm, sizeof norm) : 0;
    for (size_t at = 0; at < n;) {
        if (strchr(" ,/&().", norm[at])) {
            at++;
            continue;
        }
        size_t k = 0, i = 0;
        for (; i < J->nph && !k; i++)
            if (J->ph[i].kind >= JD_CHOICE)
                k = phrase_at(norm, at, J->ph[i].s);
        if (!k)
            return 0;
        *choice |= J->ph[i - 1].kind == JD_CHOICE;
        at += k;
    }
    return 1;
}

/* Whether the normalized text ends with a choice phrase as whole words
 * ("experience with one of", "tools such as"). */
static int ends_in_choice(const jd *J, const char *norm, size_t n)
{
    for (size_t i = 0; i < J->nph; i++) {
        size_t k = strlen(J->ph[i].s);
        if (J->ph[i].kind == JD_CHOICE && k <= n && phrase_at(norm, n - k, J->ph[i].s) &&
            (k == n || !isalnum((unsigned char)norm[n - k - 1])))
            return 1;
    }
    return 0;
}

/* The skills of S (found in text) in lists: group[x] for each skill, and
 * choice[g] for each list that offers a choice, by a word that joins it or
 * by the words just before it ("one of Python, Go"). Returns the number of
 * lists. */
static size_t skill_groups(const jd *J, const char *text, const seen *S, size_t *group, uint8_t *choice)
{
    size_t ng = 0;
    for (size_t x = 0; x < S->nskills; x++) {
        int ch = 0;
        if (x && joined(J, text, S->skill_end[x - 1], S->skill_start[x], &ch)) {
            group[x] = ng - 1;
            choice[ng - 1] |= (uint8_t)ch;
            continue;
        }
        char norm[TEXT_MAX + 1];
        size_t n = normalize(text, S->skill_start[x], norm, sizeof norm);
        group[x] = ng;
        choice[ng++] = (uint8_t)ends_in_choice(J, norm, n);
    }
    return ng;
}

/* The skills of S (keep[x] set) as a seen of their own. */
static void seen_keep(const seen *S, const uint8_t *keep, seen *out)
{
    memset(out, 0, sizeof *out);
    out->level = -1;
    for (size_t x = 0; x < S->nskills; x++)
        if (keep[x]) {
            out->skills[out->nskills] = S->skills[x];
            out->skill_start[out->nskills] = S->skill_start[x];
            out->skill_end[out->nskills++] = S->skill_end[x];
        }
}

/* c as the skills of S (found in text): one skill, one list (all or any of
 * it), or all of the lists, a choice among them standing as any of its
 * skills; and the first three ids appended to id. Returns 0, or -1 when out
 * of memory. */
static int skills_req(jd *J, gs_cond *c, const char *text, const seen *S, char *id, size_t cap)
{
    size_t group[MAX_SKILLS];
    uint8_t choice[MAX_SKILLS];
    size_t ng = skill_groups(J, text, S, group, choice);
    for (size_t x = 0; x < S->nskills && x < 3; x++) {
        if (x)
            slug_append(id, cap, group[x] == group[x - 1] && choice[group[x]] ? "or" : "and");
        slug_append(id, cap, gs_lexicon_skill(J->lex, (size_t)S->skills[x])->id);
    }
    if (ng == 1)
        return list_cond(J, S->skills, S->nskills, choice[0] ? GS_COND_ANY : GS_COND_ALL, c);
    /* all of the lists: a skill of a list without a choice is a kid itself */
    size_t nk = 0;
    for (size_t x = 0; x < S->nskills; x++)
        nk += !choice[group[x]] || !x || group[x - 1] != group[x];
    c->type = GS_COND_ALL;
    if (!kids(J, c, nk))
        return -1;
    size_t k = 0;
    for (size_t x = 0; x < S->nskills;) {
        size_t y = x + 1;
        if (choice[group[x]])
            while (y < S->nskills && group[y] == group[x])
                y++;
        if (list_cond(J, S->skills + x, y - x, GS_COND_ANY, &c->kids[k++]))
            return -1;
        x = y;
    }
    return 0;
}

static int add_req(jd *J, int importance, const char *s, size_t n)
{
    /* the text: trimmed, whitespace collapsed, bounded */
    char text[TEXT_MAX + 1] = "";
    size_t k = 0, at = 0;
    int space = 1;
    for (; at < n && k < TEXT_MAX; at++) {
        unsigned char ch = (unsigned char)s[at];
        if (ch < 0x20 || ch == 0x7f || ch == ' ') {
            if (!space)
                text[k++] = ' ';
            space = 1;
        } else {
            text[k++] = (char)ch;
            space = 0;
        }
    }
    if (at < n) { /* cut short: do not cut a character in two */
        size_t c = k;
        while (c && ((unsigned char)text[c - 1] & 0xc0) == 0x80)
            c--;
        if (c && (unsigned char)text[c - 1] >= 0xc0 &&
            gs_utf8_seq((const unsigned char *)text + c - 1, k - c + 1) != k - c + 1)
            k = c - 1;
    }
    while (k && text[k - 1] == ' ')
        k--;
    text[k] = '\0';
    size_t alnum = 0;
    for (size_t i = 0; i < k; i++)
        alnum += isalnum((unsigned char)text[i]) != 0;
    if (alnum < 3)
        return 0;
    char norm[TEXT_MAX + 1];
    normalize(text, k, norm, sizeof norm);
    int cue = cue_kind(J, norm);
    if (cue != JD_NONE)
        importance = cue;

    seen S;
    if (scan(J, text, k, &S))
        return -1;
    /* "N years" right before a skill is about that skill; otherwise the first
     * "N years (of experience)" is total experience */
    gs_claim claim;
    int has_years = 0, tied = -1;
    double years = 0;
    for (size_t from = 0; from < k && gs_years_before(J->dscan, text, k, from, &claim);) {
        for (size_t x = 0; x < S.nskills && tied < 0; x++)
            if (S.skill_start[x] >= claim.end && S.skill_start[x] <= claim.end + 4)
                tied = (int)x;
        if (tied >= 0 || !has_years) {
            years = claim.years;
            has_years = 1;
        }
        if (tied >= 0 || claim.end <= from)
            break;
        from = claim.end;
    }
    if (!has_years && S.nskills) {
        double y;
        if (gs_years_after(J->dscan, text, k, S.skill_end[0], &y)) {
            has_years = 1;
            years = y;
            tied = 0;
        }
    }
    int team = gs_team_size(J->dscan, text, k);
    gs_req *q = req_slot(J, importance, text);
    if (!q)
        return -1;
    gs_cond *c = &q->cond;
    char id[80] = "";
    seen left = {.nskills = 0}; /* skills the condition leaves out, for a requirement of their own */
    if (S.level > GS_LVL_NONE) {
        c->type = GS_COND_DEGREE;
        c->degree_min = S.level;
        c->related_fields = has_words(norm, "related") || has_words(norm, "similar");
        if (has_words(norm, "equivalent") || has_words(norm, "equivalent experience"))
            c->equivalent_years = has_years && years > 0 ? years : 4;
        c->fields = gs_arena_alloc(J->arena, (S.nfields ? S.nfields : 1) * sizeof *c->fields);
        if (!c->fields)
            return -1;
        memcpy(c->fields, S.fields, S.nfields * sizeof *c->fields);
        c->nfields = S.nfields;
        slug_append(id, sizeof id, "degree");
        slug_append(id, sizeof id, gs_level_name(S.level));
    } else if (has_years && years > 0) {
        c->type = GS_COND_EXPERIENCE;
        c->min_years = years;
        slug_append(id, sizeof id, "years");
        if (tied >= 0) {
            /* the skill right after the figure, or the choice it opens
             * ("3+ years of Python or Go"); the line's other skills are a
             * requirement of their own */
            size_t group[MAX_SKILLS];
            uint8_t choice[MAX_SKILLS], keep[MAX_SKILLS], rest[MAX_SKILLS];
            skill_groups(J, text, &S, group, choice);
            for (size_t x = 0; x < S.nskills; x++) {
                keep[x] = (int)x == tied || (choice[group[x]] && group[x] == group[tied]);
                rest[x] = !keep[x];
            }
            seen one;
            seen_keep(&S, keep, &one);
            seen_keep(&S, rest, &left);
            if (!kids(J, c, 1) || list_cond(J, one.skills, one.nskills, GS_COND_ANY, &c->kids[0]))
                return -1;
            for (size_t i = 0; i < one.nskills && i < 2; i++)
                slug_append(id, sizeof id, gs_lexicon_skill(J->lex, (size_t)one.skills[i])->id);
        } else {
            slug_append(id, sizeof id, "experience");
            left = S;
        }
    } else if (team > 0) {
        c->type = GS_COND_TEAM;
        c->min_team = team;
        char num[32];
        snprintf(num, sizeof num, "team-%d", team);
        slug_append(id, sizeof id, num);
    } else if (S.nskills) {
        if (skills_req(J, c, text, &S, id, sizeof id))
            return -1;
    } else {
        c->type = GS_COND_NOT_CHECKED;
        slug_words(id, sizeof id, text, 4);
        if (!id[0])
            slug_append(id, sizeof id, "requirement");
    }
    if (req_commit(J, q, id))
        return -1;
    /* "5+ years building systems with Spark and Kafka": the years are a
     * requirement, and so are the skills the line names */
    if (!left.nskills)
        return 0;
    id[0] = '\0';
    q = req_slot(J, importance, text);
    return !q || skills_req(J, &q->cond, text, &left, id, sizeof id) || req_commit(J, q, id) ? -1 : 0;
}

/* Split a paragraph into sentences; each is a requirement candidate. */
static int add_sentences(jd *J, int importance, const char *s, size_t n, int keep_unknown)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        int cut = i == n;
        if (!cut && (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ';') &&
            (i + 1 == n || s[i + 1] == ' ')) {
            /* not after "e.g", "i.e", "etc", "vs", "Sr" */
            size_t w = i;
            while (w > start && isalpha((unsigned char)s[w - 1]))
                w--;
            size_t wl = i - w;
            int abbrev = s[i] == '.' && (wl <= 2 || (wl == 3 && !strncmp(s + w, "etc", 3)) ||
                                         (w > start && s[w - 1] == '.'));
            cut = !abbrev;
        }
        if (!cut)
            continue;
        const char *p = s + start;
        size_t len = i - start;
        start = i + 1;
        while (len && (*p == ' ' || *p == '\t')) {
            p++;
            len--;
        }
        if (!len)
            continue;
        if (!keep_unknown) {
            seen S;
            if (scan(J, p, len, &S))
                return -1;
            gs_claim claim;
            int known = S.nskills || S.level > GS_LVL_NONE ||
                        gs_years_before(J->dscan, p, len, 0, &claim);
            if (!known)
                continue;
        }
        if (add_req(J, importance, p, len))
            return -1;
    }
    return 0;
}

/* The bullet marker at the start of a line ("- ", "* ", "• ", "1. ", "2) "):
 * its length, or 0. */
static size_t bullet_len(const char *s, size_t n)
{
    if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ')
        return 2;
    static const char *const marks[] = {"\xe2\x80\xa2", "\xc2\xb7", "\xe2\x97\x8f", "\xe2\x96\xaa",
                                        "\xe2\x80\x93", "\xe2\x97\xa6"};
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
        size_t l = strlen(marks[k]);
        if (n > l && !memcmp(s, marks[k], l))
            return l + (s[l] == ' ');
    }
    size_t d = 0;
    while (d < n && d < 3 && isdigit((unsigned char)s[d]))
        d++;
    if (d && d + 1 < n && (s[d] == '.' || s[d] == ')') && s[d + 1] == ' ')
        return d + 2;
    return 0;
}

/* Line l[0..n) without the blanks around it (and a CR before its end). */
static void trim(const char **l, size_t *n)
{
    while (*n && (**l == ' ' || **l == '\t')) {
        ++*l;
        --*n;
    }
    while (*n && ((*l)[*n - 1] == '\r' || (*l)[*n - 1] == ' ' || (*l)[*n - 1] == '\t'))
        --*n;
}

/* The end of the line that starts at text[off]: its '\n', or len. */
static size_t line_end(const char *text, size_t len, size_t off)
{
    const char *nl = memchr(text + off, '\n', len - off);
    return nl ? (size_t)(nl - text) : len;
}

/* The heading kind of a whole (trimmed) line, or JD_NONE. */
static int line_heading(const jd *J, const char *l, size_t n)
{
    char norm[512];
    if (n >= sizeof norm - 1)
        return JD_NONE;
    normalize(l, n, norm, sizeof norm);
    return heading_kind(J, norm);
}

/* The heading kind of a label that a line's content follows ("Nice to
 * have: Kubernetes"), with *colon at its colon, or JD_NONE. */
static int label_heading(const jd *J, const char *l, size_t n, const char **colon)
{
    *colon = memchr(l, ':', n < 60 ? n : 60);
    if (!*colon)
        return JD_NONE;
    char head[64];
    normalize(l, (size_t)(*colon - l), head, sizeof head);
    return heading_kind(J, head);
}

/* A Markdown heading: "# About us", "**Benefits**" (not a bold sentence). */
static int md_heading(const char *l, size_t n)
{
    return l[0] == '#' || (n > 4 && !strncmp(l, "**", 2) && !strncmp(l + n - 2, "**", 2) &&
                           !memchr(l + 2, '.', n - 4));
}

/* Whether a line (trimmed: l[0..n)) is a heading: a known one, alone or
 * with its content after a colon, a Markdown one, or a short line that
 * introduces what follows ("You have:"). */
static int is_heading(const jd *J, const char *l, size_t n)
{
    const char *colon;
    return line_heading(J, l, n) != JD_NONE || label_heading(J, l, n, &colon) != JD_NONE ||
           md_heading(l, n) || (l[n - 1] == ':' && n < 80);
}

/* Whether line `raw` (untrimmed, rn bytes) carries on the bullet or the
 * paragraph before it: a job description pasted from a PDF or an e-mail
 * wraps them, and a skill's name may be cut in two ("... with machine" /
 * "  learning, NLP and ..."). It does when it is not blank, a bullet or a
 * heading, and it is indented under a bullet, or the line before ran on
 * into it (gs_doc_wraps). A list of short lines ("Python" / "experience
 * with Kubernetes") stays a list. */
static int carries_on(const jd *J, const char *raw, size_t rn, int under_bullet, int wrapped)
{
    const char *l = raw;
    size_t n = rn;
    trim(&l, &n);
    if (!n || bullet_len(l, n) || is_heading(J, l, n))
        return 0;
    return (under_bullet && l > raw) || wrapped;
}

/* Copy s[0..n) to out with each run of line ends and blanks made one space;
 * returns the length. out has room for n + 1 bytes. */
static size_t join_lines(const char *s, size_t n, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t') {
            if (k && out[k - 1] != ' ')
                out[k++] = ' ';
        } else {
            out[k++] = s[i];
        }
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    return k;
}

static void make_title(jd *J, const char *name, const char *first, size_t n, char *title, size_t cap)
{
    char norm[200];
    size_t words = 0;
    normalize(first, n < 199 ? n : 199, norm, sizeof norm);
    for (const char *p = norm; *p; p++)
        words += (p == norm || p[-1] == ' ') && *p != ' ';
    if (n && n < 120 && words && words <= 10 && first[n - 1] != '.' && first[n - 1] != ':' &&
        heading_kind(J, norm) == JD_NONE) {
        size_t k = 0, i = 0;
        while (i < n && (first[i] == '#' || first[i] == ' ' || first[i] == '*' || first[i] == '='))
            i++;
        for (; i < n && k + 1 < cap; i++)
            if (first[i] != '*' && first[i] != '#' && (unsigned char)first[i] >= 0x20)
                title[k++] = first[i];
        while (k && title[k - 1] == ' ')
            k--;
        title[k] = '\0';
        if (k)
            return;
    }
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    snprintf(title, cap, "%s", base);
    char *dot = strchr(title, '.');
    if (dot && dot != title)
        *dot = '\0';
    if (!title[0])
        snprintf(title, cap, "Job description");
}

gapscan_status gs_jd_compile(gs_mem *mem, const gs_lexicon *lex, gs_dscan *dscan, const gs_roles *taken,
                             const char *name, const char *text, size_t len, gapscan_role **out,
                             char *err, size_t errlen)
{
    *out = NULL;
    jd *J = gs_calloc(mem, 1, sizeof *J);
    if (!J) {
        snprintf(err, errlen, "out of memory");
        return GAPSCAN_ENOMEM;
    }
    J->mem = mem;
    J->lex = lex;
    J->dscan = dscan;
    J->err = err;
    J->errlen = errlen;
    J->st = GAPSCAN_OK;
    gapscan_status st = GAPSCAN_OK;
    if (load_phrases(J)) {
        st = J->st;
        gs_free(mem, J);
        return st;
    }
    /* the same decoding as a CV: any common encoding becomes UTF-8 */
    gs_arena tmp;
    gs_arena_init(&tmp, mem);
    gs_doc doc;
    char why[200];
    st = gs_text_decode(&tmp, text, len, &doc, why, sizeof why);
    if (st != GAPSCAN_OK) {
        snprintf(err, errlen, "%s: %s", name, why);
        gs_arena_free(&tmp);
        gs_free(mem, J);
        return st;
    }
    text = doc.text;
    len = doc.len;
    J->role = gs_role_new(mem, &J->arena);
    if (!J->role) {
        gs_arena_free(&tmp);
        gs_free(mem, J);
        snprintf(err, errlen, "out of memory");
        return GAPSCAN_ENOMEM;
    }
    /* pass 1: is there any required/preferred heading? the first line */
    int any_heading = 0;
    const char *first = NULL;
    size_t first_len = 0;
    for (size_t off = 0; off < len;) {
        size_t e = line_end(text, len, off);
        const char *l = text + off;
        size_t n = e - off;
        trim(&l, &n);
        if (n && !first) {
            first = l;
            first_len = n;
        }
        int k = line_heading(J, l, n);
        any_heading |= k == JD_REQUIRED || k == JD_PREFERRED;
        off = e + 1;
    }
    int mode = any_heading ? JD_OTHER : JD_REQUIRED;
    uint8_t *wraps = gs_arena_alloc_raw(&tmp, doc.nlines ? doc.nlines : 1);
    char *joined = gs_arena_alloc_raw(&tmp, len + 1);
    if (!wraps || !joined)
        st = GAPSCAN_ENOMEM;
    else
        gs_doc_wraps(&doc, wraps);
    for (size_t off = 0, li = 0; off < len && st == GAPSCAN_OK; li++) {
        size_t e = line_end(text, len, off);
        const char *l = text + off;
        size_t n = e - off;
        off = e + 1;
        trim(&l, &n);
        if (!n || (l == first && any_heading))
            continue;
        int k = line_heading(J, l, n);
        if (k != JD_NONE) {
            mode = k;
            continue;
        }
        /* "Nice to have: Kubernetes" - a heading and its content on one line */
        const char *colon;
        int hk = label_heading(J, l, n, &colon);
        if (hk != JD_NONE) {
            if (hk != JD_OTHER && add_sentences(J, hk, colon + 1, n - (size_t)(colon - l) - 1, 1))
                st = GAPSCAN_ENOMEM;
            continue;
        }
        size_t b = bullet_len(l, n);
        int md = md_heading(l, n);
        if (any_heading && !b && (md || (l[n - 1] == ':' && n < 80))) {
            if (md)
                mode = JD_OTHER; /* a heading we do not know: "About us", "Benefits" */
            continue;            /* "You have:" introduces what follows */
        }
        if (l == first && !b && n < 120 && l[n - 1] != '.')
            continue; /* the title */
        if (mode == JD_OTHER)
            continue;
        /* the lines that carry on this bullet or paragraph, read as one */
        const char *stop = l + n;
        while (off < len && li + 1 < doc.nlines) {
            const char *nx = text + off;
            size_t e2 = line_end(text, len, off), nn = e2 - off;
            if (!carries_on(J, nx, nn, b != 0, wraps[li]))
                break;
            trim(&nx, &nn);
            stop = nx + nn;
            off = e2 + 1;
            li++;
        }
        n = join_lines(l, (size_t)(stop - l), joined);
        if (b) {
            if (add_req(J, mode, joined + b, n - b))
                st = GAPSCAN_ENOMEM;
        } else if (add_sentences(J, mode, joined, n, any_heading)) {
            st = GAPSCAN_ENOMEM;
        }
    }
    char title[160];
    make_title(J, name, first ? first : "", first_len, title, sizeof title);
    char id[80] = "";
    slug_append(id, sizeof id, title);
    if (!id[0])
        snprintf(id, sizeof id, "job");
    else if (taken && gs_roles_find(taken, id))
        slug_append(id, sizeof id, "job");
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (!base[0] || !strcmp(base, "-") || strchr(base, '\\'))
        base = "job.txt";
    char summary[400];
    snprintf(summary, sizeof summary, "Compiled from the job description %s.", base);
    gapscan_role *r = J->role;
    if (st == GAPSCAN_OK) {
        r->id = gs_arena_strdup(J->arena, id);
        r->title = gs_arena_strdup(J->arena, title);
        r->source = gs_arena_strdup(J->arena, base);
        r->summary = gs_arena_strdup(J->arena, summary);
        if (!r->id || !r->title || !r->source || !r->summary)
            st = GAPSCAN_ENOMEM;
    }
    if (st == GAPSCAN_OK && !r->nreqs) {
        snprintf(err, errlen, "%s: no requirement found in the job description", name);
        st = GAPSCAN_EFORMAT;
    } else if (st == GAPSCAN_ENOMEM) {
        snprintf(err, errlen, "out of memory");
    }
    if (st != GAPSCAN_OK)
        gs_role_free(r);
    else
        *out = r;
    gs_arena_free(&tmp);
    gs_free(mem, J);
    return st;
}

/* ---- writing and describing ---- */

static int put_esc(gs_buf *b, const char *s)
{
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        int rc;
        if (ch == '&')
            rc = gs_buf_puts(b, "&amp;");
        else if (ch == '<')
            rc = gs_buf_puts(b, "&lt;");
        else if (ch == '>')
            rc = gs_buf_puts(b, "&gt;");
        else if (ch == '"')
            rc = gs_buf_puts(b, "&quot;");
        else if (ch < 0x20 && ch != '\t')
            rc = gs_buf_puts(b, " ");
        else
            rc = gs_buf_append(b, p, 1);
        if (rc)
            return -1;
    }
    return 0;
}

static int indent(gs_buf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        if (gs_buf_puts(b, "  "))
            return -1;
    return 0;
}

/* v as a plain decimal, the way a person (and xsd:decimal) writes it: never
 * in exponent form ("%g" writes 1e-05, which the role schema refuses), at
 * most 10 decimals (the schema's limit, so a value read from a role file is
 * written back as it was), trailing zeros dropped. s has room for 64 bytes. */
static const char *decimal(double v, char s[64])
{
    snprintf(s, 64, "%.10f", v);
    size_t n = strlen(s);
    while (n > 1 && s[n - 1] == '0')
        n--;
    if (s[n - 1] == '.')
        n--;
    s[n] = '\0';
    return s;
}

/* ` name="V"` with V as decimal() writes it */
static int put_decimal(gs_buf *b, const char *name, double v)
{
    char s[64];
    return gs_buf_printf(b, " %s=\"%s\"", name, decimal(v, s));
}

static int write_cond(const gs_lexicon *lex, const gs_cond *c, gs_buf *b, int depth)
{
    if (indent(b, depth))
        return -1;
    switch (c->type) {
    case GS_COND_SKILL:
        return gs_buf_printf(b, "<skill ref=\"%s\"/>\n", gs_lexicon_skill(lex, (size_t)c->skill)->id);
    case GS_COND_ANY:
    case GS_COND_ALL: {
        const char *el = c->type == GS_COND_ANY ? "any-of" : "all-of";
        if (gs_buf_printf(b, "<%s>\n", el))
            return -1;
        for (size_t i = 0; i < c->nkids; i++)
            if (write_cond(lex, &c->kids[i], b, depth + 1))
                return -1;
        return indent(b, depth) || gs_buf_printf(b, "</%s>\n", el);
    }
    case GS_COND_EXPERIENCE:
        if (gs_buf_puts(b, "<experience") || put_decimal(b, "min-years", c->min_years))
            return -1;
        if (c->max_years > 0 && put_decimal(b, "max-years", c->max_years))
            return -1;
        if (c->label && (gs_buf_puts(b, " label=\"") || put_esc(b, c->label) || gs_buf_puts(b, "\"")))
            return -1;
        if (c->seniority > GS_SEN_INDIVIDUAL &&
            gs_buf_printf(b, " seniority=\"%s\"", gs_seniority_name(c->seniority)))
            return -1;
        if (!c->nkids)
            return gs_buf_puts(b, "/>\n");
        if (gs_buf_puts(b, ">\n") || write_cond(lex, &c->kids[0], b, depth + 1))
            return -1;
        return indent(b, depth) || gs_buf_puts(b, "</experience>\n");
    case GS_COND_DEGREE:
        if (gs_buf_printf(b, "<degree min=\"%s\"", gs_level_name(c->degree_min)))
            return -1;
        if (c->related_fields && gs_buf_puts(b, " related-fields=\"yes\""))
            return -1;
        if (c->equivalent_years > 0 && put_decimal(b, "equivalent-years", c->equivalent_years))
            return -1;
        if (!c->nfields)
            return gs_buf_puts(b, "/>\n");
        if (gs_buf_puts(b, ">"))
            return -1;
        for (size_t i = 0; i < c->nfields; i++)
            if (gs_buf_printf(b, "<field ref=\"%s\"/>", gs_lexicon_field(lex, (size_t)c->fields[i])->id))
                return -1;
        return gs_buf_puts(b, "</degree>\n");
    case GS_COND_TEAM:
        return gs_buf_printf(b, "<team min-size=\"%d\"/>\n", c->min_team > 0 ? c->min_team : 1);
    default:
        return gs_buf_puts(b, "<not-checked/>\n");
    }
}

int gs_role_write_xml(const gs_lexicon *lex, const gapscan_role *role, gs_buf *b)
{
    if (gs_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<role id=\"") ||
        put_esc(b, role->id) || gs_buf_puts(b, "\" title=\"") || put_esc(b, role->title) ||
        gs_buf_puts(b, "\" source=\"") || put_esc(b, role->source ? role->source : "role.xml") ||
        gs_buf_puts(b, "\">\n  <summary>") ||
        put_esc(b, role->summary && role->summary[0] ? role->summary : role->title) ||
        gs_buf_puts(b, "</summary>\n"))
        return -1;
    for (size_t i = 0; i < role->nreqs; i++) {
        const gs_req *q = &role->reqs[i];
        double dflt = q->required ? 3.0 : 1.0;
        if (gs_buf_printf(b, "  <requirement id=\"%s\" importance=\"%s\"", q->id,
                          q->required ? "required" : "preferred"))
            return -1;
        if (q->cond.type != GS_COND_NOT_CHECKED && q->weight != dflt &&
            put_decimal(b, "weight", q->weight))
            return -1;
        if (gs_buf_puts(b, ">\n    <text>") || put_esc(b, q->text) || gs_buf_puts(b, "</text>\n") ||
            write_cond(lex, &q->cond, b, 2) || gs_buf_puts(b, "  </requirement>\n"))
            return -1;
    }
    return gs_buf_puts(b, "</role>\n");
}

static int describe_cond(const gs_lexicon *lex, const gs_cond *c, gs_buf *b)
{
    char num[64];
    switch (c->type) {
    case GS_COND_SKILL:
        return gs_buf_puts(b, gs_lexicon_skill(lex, (size_t)c->skill)->id);
    case GS_COND_ANY:
    case GS_COND_ALL:
        if (gs_buf_puts(b, c->type == GS_COND_ANY ? "any of (" : "all of ("))
            return -1;
        for (size_t i = 0; i < c->nkids; i++)
            if ((i && gs_buf_puts(b, ", ")) || describe_cond(lex, &c->kids[i], b))
                return -1;
        return gs_buf_puts(b, ")");
    case GS_COND_EXPERIENCE:
        if (gs_buf_printf(b, "%s+ years", decimal(c->min_years, num)))
            return -1;
        if (c->max_years > 0 && gs_buf_printf(b, " (at most %s counted)", decimal(c->max_years, num)))
            return -1;
        if (c->seniority > GS_SEN_INDIVIDUAL &&
            gs_buf_printf(b, " in %s positions", gs_seniority_name(c->seniority)))
            return -1;
        if (c->label && gs_buf_printf(b, " of %s", c->label))
            return -1;
        if (c->nkids)
            return gs_buf_puts(b, " with ") || describe_cond(lex, &c->kids[0], b);
        return c->label ? 0 : gs_buf_puts(b, " of professional experience");
    case GS_COND_DEGREE:
        if (gs_buf_printf(b, "degree: %s or higher", gs_level_name(c->degree_min)))
            return -1;
        for (size_t i = 0; i < c->nfields; i++)
            if (gs_buf_printf(b, "%s%s", i ? ", " : " in ", gs_lexicon_field(lex, (size_t)c->fields[i])->id))
                return -1;
        if (c->related_fields && gs_buf_puts(b, " (related fields count)"))
            return -1;
        if (c->equivalent_years > 0 &&
            gs_buf_printf(b, ", or %s years of experience instead", decimal(c->equivalent_years, num)))
            return -1;
        return 0;
    case GS_COND_TEAM:
        return gs_buf_printf(b, "led or managed a team of %d+", c->min_team);
    default:
        return gs_buf_puts(b, "not checked: no skill the lexicon knows, not scored");
    }
}

int gs_role_describe(const gs_lexicon *lex, const gapscan_role *role, gs_buf *b)
{
    size_t nreq = 0, npref = 0, nnot = 0;
    for (size_t i = 0; i < role->nreqs; i++) {
        if (role->reqs[i].cond.type == GS_COND_NOT_CHECKED)
            nnot++;
        else if (role->reqs[i].required)
            nreq++;
        else
            npref++;
    }
    if (gs_buf_printf(b, "%s  %s\n", role->id, role->title) ||
        (role->source && gs_buf_printf(b, "source: %s\n", role->source)) ||
        gs_buf_printf(b, "%zu required, %zu preferred, %zu not checked\n", nreq, npref, nnot))
        return -1;
    for (int pass = 0; pass < 3; pass++) {
        static const char *const heads[] = {"\nRequired\n", "\nPreferred\n", "\nNot checked\n"};
        size_t count = pass == 0 ? nreq : pass == 1 ? npref : nnot;
        if (!count)
            continue;
        if (gs_buf_puts(b, heads[pass]))
            return -1;
        for (size_t i = 0; i < role->nreqs; i++) {
            const gs_req *q = &role->reqs[i];
            int p = q->cond.type == GS_COND_NOT_CHECKED ? 2 : q->required ? 0 : 1;
            if (p != pass)
                continue;
            char num[64];
            if (gs_buf_printf(b, "  %s (weight %s)\n    ", q->id, decimal(pass == 2 ? 0.0 : q->weight, num)) ||
                describe_cond(lex, &q->cond, b) || gs_buf_puts(b, "\n    \"") ||
                gs_buf_puts(b, q->text) || gs_buf_puts(b, "\"\n"))
                return -1;
        }
    }
    return 0;
}
