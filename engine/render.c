/* render.c - a match as text (for people, on a terminal) or as the
 * contract's JSON report (for pipelines). JSON is written as it goes by
 * jsonw.c; the parts of the report that depend only on the CV are kept in a
 * gs_jcache, so a CV scored against ten targets has them written once and
 * copied nine times (with its evidence lines written once however often
 * they are cited, and the lexicon's skill strings escaped once per engine);
 * the parts that depend only on the role are written once, when the role
 * is prepared (gs_role_prepare_json), so a report writes little more than
 * what depends on both. HTML and Markdown are made from the JSON report
 * (report.c, render_html.c, render_md.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonw.h"
#include "match.h"

static const char *status_name(gapscan_req_status s)
{
    return s == GAPSCAN_MET ? "met" : s == GAPSCAN_PARTIAL ? "partial" : "missing";
}

/* The same as a JSON string, for the report */
static void status_json(gs_jw *w, gapscan_req_status s)
{
    if (s == GAPSCAN_MET)
        GS_JW_STR_LIT(w, "met");
    else if (s == GAPSCAN_PARTIAL)
        GS_JW_STR_LIT(w, "partial");
    else
        GS_JW_STR_LIT(w, "missing");
}

static void month_str(int32_t m, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04d-%02d", (int)(m / 12), (int)(m % 12) + 1);
}

static double years1(int32_t months)
{
    return (double)((months * 10 + 6) / 12) / 10.0;
}

/* Line `line` of p's text, trimmed, appended to buf[*n..cap - 1) as far as
 * it fits (cut on a UTF-8 boundary); keeps buf a string. */
static void put_line(const gapscan_profile *p, uint32_t line, char *buf, size_t cap, size_t *n)
{
    size_t len;
    const char *s = gs_doc_line(&p->doc, line, &len);
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len > cap - 1 - *n) {
        len = cap - 1 - *n;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(buf + *n, s, len);
    *n += len;
    buf[*n] = '\0';
}

/* A CV line for evidence: trimmed, at most 240 bytes, cut on a UTF-8
 * boundary; with the next line after a space when a name found on it runs
 * on into that line ("careful feature" / "engineering"). */
static size_t evidence_text(const gapscan_profile *p, uint32_t line, char *buf, size_t cap)
{
    size_t n = 0;
    put_line(p, line, buf, cap, &n);
    if (p->runs_on && p->runs_on[line] && line + 1 < p->doc.nlines && n + 2 < cap) {
        buf[n++] = ' ';
        put_line(p, line + 1, buf, cap, &n);
    }
    return n;
}

/* The first completed degree at the highest level (there is one when
 * p->highest > none). */
static const gs_degree *best_degree(const gapscan_profile *p)
{
    for (size_t i = 0; i < p->ndegrees; i++)
        if (p->degrees[i].completed && p->degrees[i].level == p->highest)
            return &p->degrees[i];
    return &p->degrees[0];
}

static const char *skill_id(const gapscan_profile *p, int32_t s)
{
    return gs_lexicon_skill(p->lex, (size_t)s)->id;
}

/* Requirements in gap order: required before preferred, then by lost weight. */
static void gap_order(const gapscan_match *m, size_t *order, size_t *ngaps)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nresults; i++)
        if (m->results[i].status != GAPSCAN_MET)
            order[n++] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort, stable */
        size_t x = order[i], j = i;
        const gs_result *rx = &m->results[x];
        double lx = rx->req->weight * (1 - rx->credit);
        while (j > 0) {
            const gs_result *ry = &m->results[order[j - 1]];
            double ly = ry->req->weight * (1 - ry->credit);
            if (ry->req->required > rx->req->required ||
                (ry->req->required == rx->req->required && ly >= lx))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    *ngaps = n;
}

/* ---- JSON ---- */

/* Whether the cache `c` has line `line`'s evidence object, compact, as
 * {"line":N,"text":"..."}: written once per profile (the same line is
 * evidence for several skills and requirements, in every target's report),
 * here the first time it is asked for. */
static int evidence_memo(gs_jcache *c, const gapscan_profile *p, uint32_t line)
{
    if (line >= c->nlines)
        return 0;
    if (c->line_len[line])
        return 1;
    char buf[256];
    size_t n = evidence_text(p, line, buf, sizeof buf), from = c->quoted.len;
    gs_jw q;
    gs_jw_init(&q, &c->quoted, 0);
    gs_jw_object(&q);
    GS_JW_KEY(&q, "line");
    gs_jw_int(&q, line + 1);
    GS_JW_KEY(&q, "text");
    gs_jw_strn(&q, buf, n);
    gs_jw_end(&q);
    if (gs_jw_failed(&q)) {
        c->quoted.len = from;
        return 0;
    }
    c->line_off[line] = from;
    c->line_len[line] = (uint32_t)(c->quoted.len - from);
    return 1;
}

enum { SKILL_ID, SKILL_NAME, SKILL_CATEGORY };

/* Whether the cache has skill s's strings, escaping them if not yet */
static int skill_memo(gs_jcache *c, const gapscan_profile *p, int32_t s)
{
    if (c->lex != p->lex || s < 0)
        return 0;
    if (!c->skills) {
        if (!c->skill_quoted.mem)
            gs_buf_init(&c->skill_quoted, c->quoted.mem, 0);
        size_t n = gs_lexicon_skill_count(c->lex);
        c->skills = gs_calloc(c->skill_quoted.mem, n ? n : 1, sizeof *c->skills);
        if (!c->skills)
            return 0;
    }
    struct gs_jskill *e = &c->skills[s];
    if (e->len[0])
        return 1;
    const gs_skill *sk = gs_lexicon_skill(c->lex, (size_t)s);
    const char *str[3] = {sk->id, sk->name, sk->category};
    size_t from = c->skill_quoted.len, at = from;
    uint32_t len[3];
    gs_jw q;
    gs_jw_init(&q, &c->skill_quoted, 0);
    for (int k = 0; k < 3; k++) {
        gs_jw_str(&q, str[k]);
        len[k] = (uint32_t)(c->skill_quoted.len - at);
        at = c->skill_quoted.len;
    }
    if (gs_jw_failed(&q)) {
        c->skill_quoted.len = from;
        return 0;
    }
    e->off = from;
    memcpy(e->len, len, sizeof len);
    return 1;
}

/* Skill s's id, name or category (SKILL_*) as a JSON value: from the
 * cache `c` (NULL: none) when the profile has the engine's lexicon, else
 * escaped here. */
static void skill_json(gs_jw *w, gs_jcache *c, const gapscan_profile *p, int32_t s, int what)
{
    if (c && skill_memo(c, p, s)) {
        const struct gs_jskill *e = &c->skills[s];
        size_t off = e->off;
        for (int k = 0; k < what; k++)
            off += e->len[k];
        gs_jw_value_raw(w, c->skill_quoted.data + off, e->len[what]);
        return;
    }
    const gs_skill *sk = gs_lexicon_skill(p->lex, (size_t)s);
    gs_jw_str(w, what == SKILL_ID ? sk->id : what == SKILL_NAME ? sk->name : sk->category);
}

/* `c` is the cache when it holds this profile's parts, else NULL. */
static void evidence_json(gs_jw *w, gs_jcache *c, const gapscan_profile *p, uint32_t line)
{
    if (c && evidence_memo(c, p, line)) {
        const char *obj = c->quoted.data + c->line_off[line];
        size_t len = c->line_len[line];
        if (!w->pretty) {
            gs_jw_value_raw(w, obj, len);
            return;
        }
        /* indented: the text is what follows {"line":N,"text": */
        size_t at = sizeof "{\"line\":,\"text\":" - 1;
        for (uint32_t v = line + 1; v; v /= 10)
            at++;
        gs_jw_object(w);
        GS_JW_KEY(w, "line");
        gs_jw_int(w, line + 1);
        GS_JW_KEY(w, "text");
        gs_jw_value_raw(w, obj + at, len - at - 1);
        gs_jw_end(w);
        return;
    }
    char buf[256];
    size_t n = evidence_text(p, line, buf, sizeof buf);
    gs_jw_object(w);
    GS_JW_KEY(w, "line");
    gs_jw_int(w, line + 1);
    GS_JW_KEY(w, "text");
    gs_jw_strn(w, buf, n);
    gs_jw_end(w);
}

/* "YYYY-MM" without printf for the years a CV has (it is written for every
 * position, gap and skill). */
static void month_json(gs_jw *w, int32_t m)
{
    char buf[32];
    if (m >= 0 && m < 10000 * 12) {
        int y = m / 12, mo = m % 12 + 1;
        char q[9] = {'"', (char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                     (char)('0' + y % 10), '-', (char)('0' + mo / 10), (char)('0' + mo % 10), '"'};
        gs_jw_value_raw(w, q, sizeof q);
        return;
    }
    month_str(m, buf, sizeof buf);
    gs_jw_str(w, buf);
}

/* The parts of a report that depend on the CV only, not on the target: they
 * are the same bytes for every target, so the engine keeps them (gs_jcache)
 * while one profile is rendered against several targets. */

/* experience_years .. skills; `c` as for evidence_json */
static void profile_head_json(gs_jw *w, gs_jcache *c, const gapscan_profile *p)
{
    /* which positions show each hit's skill: hit h, position k at
     * shows[h * npositions + k], from one pass over the uses */
    size_t np = p->npositions;
    uint8_t *shows = NULL;
    if (p->nhits && np) {
        shows = gs_calloc(w->buf->mem, p->nhits * np, 1);
        if (!shows) {
            w->failed = 1;
            return;
        }
        for (size_t u = 0; u < p->nuses; u++) {
            int32_t k = p->uses[u].pos, s = p->uses[u].skill;
            int32_t h = s >= 0 ? p->hit_of[s] : -1;
            if (k >= 0 && (size_t)k < np && h >= 0)
                shows[(size_t)h * np + (size_t)k] = 1;
        }
    }
    GS_JW_KEY(w, "experience_years");
    gs_jw_real(w, years1(p->total_months));
    GS_JW_KEY(w, "experience_from");
    gs_jw_str(w, p->npositions ? "positions" : p->stated_total > 0 ? "stated" : NULL);
    GS_JW_KEY(w, "stated_experience_years");
    if (p->stated_total > 0)
        gs_jw_real(w, p->stated_total);
    else
        gs_jw_null(w);
    GS_JW_KEY(w, "leadership");
    gs_jw_object(w);
    GS_JW_KEY(w, "team_size");
    if (p->team_size)
        gs_jw_int(w, p->team_size);
    else
        gs_jw_null(w);
    GS_JW_KEY(w, "team_size_line");
    if (p->team_size)
        gs_jw_int(w, p->team_line + 1);
    else
        gs_jw_null(w);
    GS_JW_KEY(w, "management_years");
    gs_jw_real(w, years1(p->mgmt_months));
    GS_JW_KEY(w, "senior_leadership_years");
    gs_jw_real(w, years1(p->senior_months));
    gs_jw_end(w);

    GS_JW_KEY(w, "education");
    gs_jw_object(w);
    GS_JW_KEY(w, "highest");
    gs_jw_str(w, gs_level_name(p->highest));
    GS_JW_KEY(w, "fields");
    gs_jw_array(w);
    for (int i = 0; i < p->nfields; i++)
        gs_jw_str(w, gs_lexicon_field(p->lex, (size_t)p->fields[i])->id);
    gs_jw_end(w);
    GS_JW_KEY(w, "degrees");
    gs_jw_array(w);
    for (size_t i = 0; i < p->ndegrees; i++) {
        const gs_degree *d = &p->degrees[i];
        gs_jw_object(w);
        GS_JW_KEY(w, "level");
        gs_jw_str(w, gs_level_name(d->level));
        GS_JW_KEY(w, "completed");
        gs_jw_bool(w, d->completed);
        GS_JW_KEY(w, "fields");
        gs_jw_array(w);
        for (int k = 0; k < d->nfields; k++)
            gs_jw_str(w, gs_lexicon_field(p->lex, (size_t)d->fields[k])->id);
        gs_jw_end(w);
        GS_JW_KEY(w, "line");
        gs_jw_int(w, d->line + 1);
        gs_jw_end(w);
    }
    gs_jw_end(w);
    gs_jw_end(w);

    GS_JW_KEY(w, "skills");
    gs_jw_array(w);
    for (size_t i = 0; i < p->nhits; i++) {
        const gs_hit *h = &p->hits[i];
        gs_jw_object(w);
        GS_JW_KEY(w, "id");
        skill_json(w, c, p, h->skill, SKILL_ID);
        GS_JW_KEY(w, "name");
        skill_json(w, c, p, h->skill, SKILL_NAME);
        GS_JW_KEY(w, "category");
        skill_json(w, c, p, h->skill, SKILL_CATEGORY);
        double derived = years1(h->total_months);
        int stated = h->stated_years > 0 && (!h->nmonths || h->stated_years > derived);
        GS_JW_KEY(w, "years");
        if (stated)
            gs_jw_real(w, h->stated_years);
        else if (h->nmonths)
            gs_jw_real(w, derived);
        else
            gs_jw_null(w);
        GS_JW_KEY(w, "years_from");
        if (stated)
            GS_JW_STR_LIT(w, "stated");
        else if (h->nmonths)
            GS_JW_STR_LIT(w, "positions");
        else
            gs_jw_null(w);
        if (h->stated_years > 0) {
            GS_JW_KEY(w, "stated_years");
            gs_jw_real(w, h->stated_years);
            GS_JW_KEY(w, "stated_line");
            gs_jw_int(w, h->stated_line + 1);
        }
        GS_JW_KEY(w, "last_used");
        if (h->nmonths)
            month_json(w, h->months[h->nmonths - 1].end);
        else
            gs_jw_null(w);
        GS_JW_KEY(w, "positions");
        gs_jw_array(w);
        for (size_t k = 0; k < np; k++)
            if (shows[i * np + k])
                gs_jw_int(w, p->positions[k].line + 1);
        gs_jw_end(w);
        GS_JW_KEY(w, "level");
        if (h->level == GS_LEVEL_CLAIMED)
            GS_JW_STR_LIT(w, "claimed");
        else
            GS_JW_STR_LIT(w, "hedged");
        if (h->inferred_from >= 0) {
            GS_JW_KEY(w, "inferred_from");
            skill_json(w, c, p, h->inferred_from, SKILL_ID);
        }
        GS_JW_KEY(w, "evidence");
        gs_jw_array(w);
        for (uint8_t k = 0; k < h->nlines; k++)
            evidence_json(w, c, p, h->lines[k]);
        gs_jw_end(w);
        gs_jw_end(w);
    }
    gs_jw_end(w);
    gs_free(w->buf->mem, shows);
}

/* positions, gaps */
static void profile_middle_json(gs_jw *w, const gapscan_profile *p)
{
    GS_JW_KEY(w, "positions");
    gs_jw_array(w);
    for (size_t i = 0; i < p->npositions; i++) {
        const gs_position *ps = &p->positions[i];
        gs_jw_object(w);
        GS_JW_KEY(w, "title");
        gs_jw_str(w, ps->title);
        GS_JW_KEY(w, "role");
        gs_jw_str(w, ps->role);
        GS_JW_KEY(w, "employer");
        gs_jw_str(w, ps->employer);
        GS_JW_KEY(w, "dates");
        gs_jw_str(w, ps->dates);
        GS_JW_KEY(w, "start");
        month_json(w, ps->start);
        GS_JW_KEY(w, "end");
        month_json(w, ps->end);
        GS_JW_KEY(w, "months");
        gs_jw_int(w, ps->end - ps->start + 1);
        GS_JW_KEY(w, "seniority");
        gs_jw_str(w, gs_seniority_name(ps->seniority));
        GS_JW_KEY(w, "line");
        gs_jw_int(w, ps->line + 1);
        GS_JW_KEY(w, "first_line");
        gs_jw_int(w, ps->first + 1);
        GS_JW_KEY(w, "last_line");
        gs_jw_int(w, ps->last + 1);
        gs_jw_end(w);
    }
    gs_jw_end(w);
    GS_JW_KEY(w, "gaps");
    gs_jw_array(w);
    for (size_t i = 0; i < p->ngaps; i++) {
        gs_jw_object(w);
        GS_JW_KEY(w, "start");
        month_json(w, p->gaps[i].start);
        GS_JW_KEY(w, "end");
        month_json(w, p->gaps[i].end);
        GS_JW_KEY(w, "months");
        gs_jw_int(w, p->gaps[i].end - p->gaps[i].start + 1);
        gs_jw_end(w);
    }
    gs_jw_end(w);
}

/* excluded .. lexicon */
static void profile_tail_json(gs_jw *w, const gapscan_profile *p, const char *lexver)
{
    GS_JW_KEY(w, "excluded");
    gs_jw_array(w);
    for (size_t i = 0; i < p->nexcluded; i++) {
        const gs_excluded *x = &p->excluded[i];
        gs_jw_object(w);
        GS_JW_KEY(w, "id");
        gs_jw_str(w, skill_id(p, x->skill));
        GS_JW_KEY(w, "line");
        gs_jw_int(w, x->line + 1);
        GS_JW_KEY(w, "why");
        gs_jw_str(w, x->cue == GS_CUE_NEGATION          ? "negated"
                     : x->cue == GS_CUE_ASPIRATION      ? "aspiration"
                     : x->cue == GS_NOT_SKILL_EMPLOYER ? "employer"
                                                        : "ambiguous, no skill context");
        gs_jw_end(w);
    }
    gs_jw_end(w);
    GS_JW_KEY(w, "warnings");
    gs_jw_array(w);
    for (size_t i = 0; i < p->nwarnings; i++)
        gs_jw_str(w, p->warnings[i]);
    gs_jw_end(w);
    GS_JW_KEY(w, "as_of");
    month_json(w, p->as_of);
    GS_JW_KEY(w, "format");
    gs_jw_str(w, p->format ? p->format : "text");
    GS_JW_KEY(w, "encoding");
    gs_jw_str(w, p->doc.encoding);
    GS_JW_KEY(w, "engine");
    gs_jw_str(w, "gapscan " GAPSCAN_VERSION);
    GS_JW_KEY(w, "lexicon");
    gs_jw_str(w, lexver);
}

/* A report's members after "cv" that depend on the role only: "target"
 * .. the key "score" */
static void role_head_json(gs_jw *w, const gapscan_role *role)
{
    GS_JW_KEY(w, "target");
    gs_jw_str(w, role->id);
    GS_JW_KEY(w, "title");
    gs_jw_str(w, role->title);
    GS_JW_KEY(w, "score");
}

/* A requirement's members that are the same for every CV (gs_req_json),
 * in three runs between the ones that are not: status and credit. */

/* id .. the key "status" */
static void req_head_json(gs_jw *w, const gs_req *q)
{
    GS_JW_KEY(w, "id");
    gs_jw_str(w, q->id);
    GS_JW_KEY(w, "text");
    gs_jw_str(w, q->text);
    GS_JW_KEY(w, "importance");
    if (q->required)
        GS_JW_STR_LIT(w, "required");
    else
        GS_JW_STR_LIT(w, "preferred");
    GS_JW_KEY(w, "status");
}

/* weight .. the key "credit" */
static void req_weight_json(gs_jw *w, const gs_req *q)
{
    GS_JW_KEY(w, "weight");
    gs_jw_real(w, q->weight);
    GS_JW_KEY(w, "credit");
}

static void req_skills_json(gs_jw *w, const gs_req *q, const gs_lexicon *lex)
{
    GS_JW_KEY(w, "skills");
    gs_jw_array(w);
    int32_t ids[64];
    size_t n = gs_cond_skills(&q->cond, ids, 64);
    for (size_t k = 0; k < n; k++)
        gs_jw_str(w, gs_lexicon_skill(lex, (size_t)ids[k])->id);
    gs_jw_end(w);
}

/* The depth of a requirement's members in the report: the report's object,
 * "requirements", the requirement's object. */
#define REQ_DEPTH 3

/* One run of fixed bytes into the arena: *out, *n. Returns 0 or -1. */
static int req_run(gs_arena *a, gs_buf *tmp, const char **out, size_t *n)
{
    char *d = gs_arena_alloc_raw(a, tmp->len ? tmp->len : 1);
    if (!d)
        return -1;
    if (tmp->len)
        memcpy(d, tmp->data, tmp->len);
    *out = d;
    *n = tmp->len;
    tmp->len = 0;
    return 0;
}

int gs_role_prepare_json(gs_arena *arena, const gs_lexicon *lex, gapscan_role *role)
{
    gs_buf tmp;
    gs_buf_init(&tmp, arena->mem, 0);
    int bad = 0;
    for (int pretty = 0; pretty < 2 && !bad; pretty++) {
        gs_jw w;
        gs_jw_init_inside(&w, &tmp, pretty, 1, 0);
        role_head_json(&w, role);
        bad |= gs_jw_failed(&w) || req_run(arena, &tmp, &role->json_head[pretty], &role->njson_head[pretty]);
    }
    for (size_t i = 0; i < role->nreqs && !bad; i++) {
        gs_req *q = &role->reqs[i];
        for (int pretty = 0; pretty < 2 && !bad; pretty++) {
            gs_req_json *j = &q->json[pretty];
            gs_jw w;
            gs_jw_init_inside(&w, &tmp, pretty, REQ_DEPTH, 1);
            req_head_json(&w, q);
            bad |= gs_jw_failed(&w) || req_run(arena, &tmp, &j->head, &j->nhead);
            gs_jw_init_inside(&w, &tmp, pretty, REQ_DEPTH, 0);
            req_weight_json(&w, q);
            bad |= gs_jw_failed(&w) || req_run(arena, &tmp, &j->weight, &j->nweight);
            gs_jw_init_inside(&w, &tmp, pretty, REQ_DEPTH, 0);
            req_skills_json(&w, q, lex);
            bad |= gs_jw_failed(&w) || req_run(arena, &tmp, &j->skills, &j->nskills);
        }
    }
    gs_buf_free(&tmp);
    return bad ? -1 : 0;
}

static void requirements_json(gs_jw *w, gs_jcache *c, const gapscan_match *m)
{
    const gapscan_profile *p = m->profile;
    /* the requirements' fixed bytes, when written with this lexicon */
    int fixed = m->role->prepared_lex && m->role->prepared_lex == p->lex;
    GS_JW_KEY(w, "requirements");
    gs_jw_array(w);
    for (size_t i = 0; i < m->nresults; i++) {
        const gs_result *r = &m->results[i];
        gs_jw_object(w);
        if (fixed) {
            const gs_req_json *j = &r->req->json[w->pretty != 0];
            gs_jw_members_raw(w, j->head, j->nhead, 1);
            status_json(w, r->status);
            gs_jw_members_raw(w, j->weight, j->nweight, 1);
            gs_jw_real(w, (double)(int)(r->credit * 100 + 0.5) / 100.0);
            gs_jw_members_raw(w, j->skills, j->nskills, 0);
        } else {
            req_head_json(w, r->req);
            status_json(w, r->status);
            req_weight_json(w, r->req);
            gs_jw_real(w, (double)(int)(r->credit * 100 + 0.5) / 100.0);
            req_skills_json(w, r->req, p->lex);
        }
        if (r->has_years) {
            GS_JW_KEY(w, "need_years");
            gs_jw_real(w, r->need_years);
            GS_JW_KEY(w, "have_years");
            gs_jw_real(w, r->have_years);
        }
        if (r->need_team >= 0) {
            GS_JW_KEY(w, "need_team");
            gs_jw_int(w, r->need_team);
            GS_JW_KEY(w, "have_team");
            if (r->have_team > 0)
                gs_jw_int(w, r->have_team);
            else
                gs_jw_null(w);
        }
        if (r->need_level >= 0) {
            GS_JW_KEY(w, "need_degree");
            gs_jw_str(w, gs_level_name(r->need_level));
            GS_JW_KEY(w, "have_degree");
            gs_jw_str(w, gs_level_name(r->have_level));
        }
        /* the evidence: the skill's best line, else the degree's line */
        const gs_hit *h = r->best_skill >= 0 && p->hit_of[r->best_skill] >= 0
                              ? &p->hits[p->hit_of[r->best_skill]]
                              : NULL;
        if (h && h->nlines) {
            GS_JW_KEY(w, "evidence");
            evidence_json(w, c, p, h->best_line);
        } else if (r->need_level >= 0 && p->highest > GS_LVL_NONE) {
            GS_JW_KEY(w, "evidence");
            evidence_json(w, c, p, best_degree(p)->line);
        }
        if (r->related_skill >= 0) {
            GS_JW_KEY(w, "related");
            skill_json(w, c, p, r->related_skill, SKILL_ID);
        }
        if (r->note) {
            GS_JW_KEY(w, "note");
            gs_jw_str(w, r->note);
        }
        gs_jw_end(w);
    }
    gs_jw_end(w);
}

/* The CV-only parts, in report order: "cv" opens the report's object */
enum { PART_CV, PART_HEAD, PART_MIDDLE, PART_TAIL, NPARTS };

static void profile_part(gs_jw *w, gs_jcache *c, const gapscan_profile *p, int part,
                         const char *lexver)
{
    if (part == PART_CV) {
        GS_JW_KEY(w, "cv");
        gs_jw_str(w, p->name);
    } else if (part == PART_HEAD)
        profile_head_json(w, c, p);
    else if (part == PART_MIDDLE)
        profile_middle_json(w, p);
    else
        profile_tail_json(w, p, lexver);
}

static int cache_holds(const gs_jcache *c, const gapscan_profile *p, int pretty)
{
    return c->profile == p && c->serial == p->serial && c->pretty == pretty;
}

/* Make the cache hold p's parts in this layout, each rendered on its own
 * as members of the report's object.
 * Returns 0, or -1 (out of memory) with the cache holding nothing. */
static int cache_fill(gs_jcache *c, gs_mem *mem, const gapscan_profile *p, int pretty,
                      const char *lexver)
{
    c->profile = NULL;
    for (int i = 0; i < NPARTS; i++) {
        if (!c->part[i].mem)
            gs_buf_init(&c->part[i], mem, 0);
        c->part[i].len = 0;
    }
    if (!c->quoted.mem)
        gs_buf_init(&c->quoted, mem, 0);
    c->quoted.len = 0;
    if (p->doc.nlines > c->nlines_cap) {
        size_t n = p->doc.nlines;
        size_t *off = gs_realloc(mem, c->line_off, n * sizeof *off);
        if (off)
            c->line_off = off;
        uint32_t *len = off ? gs_realloc(mem, c->line_len, n * sizeof *len) : NULL;
        if (!len)
            return -1;
        c->line_len = len;
        c->nlines_cap = n;
    }
    c->nlines = p->doc.nlines;
    if (c->nlines)
        memset(c->line_len, 0, c->nlines * sizeof *c->line_len);
    for (int i = 0; i < NPARTS; i++) {
        gs_jw w;
        gs_jw_init_inside(&w, &c->part[i], pretty, 1, i == PART_CV);
        profile_part(&w, c, p, i, lexver);
        if (gs_jw_failed(&w))
            return -1;
    }
    c->profile = p;
    c->serial = p->serial;
    c->pretty = pretty;
    return 0;
}

/* A profile part from the cache `c` when it holds them, else rendered. */
static void part_json(gs_jw *w, gs_jcache *c, const gapscan_profile *p, int part, const char *lexver)
{
    if (c)
        gs_jw_members_raw(w, c->part[part].data, c->part[part].len, 0);
    else
        profile_part(w, NULL, p, part, lexver);
}

/* `c` is the cache when it holds this profile's parts in this layout */
static void report_json(gs_jw *w, gs_jcache *c, const gapscan_match *m, const char *lexver)
{
    const gapscan_profile *p = m->profile;
    gs_jw_object(w);
    part_json(w, c, p, PART_CV, lexver);
    if (m->role->prepared_lex)
        gs_jw_members_raw(w, m->role->json_head[w->pretty != 0], m->role->njson_head[w->pretty != 0], 1);
    else
        role_head_json(w, m->role);
    gs_jw_int(w, m->score);
    part_json(w, c, p, PART_HEAD, lexver);
    requirements_json(w, c, m);
    part_json(w, c, p, PART_MIDDLE, lexver);
    if (m->nunchecked) {
        GS_JW_KEY(w, "not_checked");
        gs_jw_array(w);
        for (size_t i = 0; i < m->nunchecked; i++) {
            gs_jw_object(w);
            GS_JW_KEY(w, "id");
            gs_jw_str(w, m->unchecked[i]->id);
            GS_JW_KEY(w, "text");
            gs_jw_str(w, m->unchecked[i]->text);
            gs_jw_end(w);
        }
        gs_jw_end(w);
    }
    part_json(w, c, p, PART_TAIL, lexver);
    gs_jw_end(w);
}

void gs_jcache_free(gs_jcache *c)
{
    for (int i = 0; i < NPARTS; i++)
        gs_buf_free(&c->part[i]);
    gs_buf_free(&c->quoted);
    gs_buf_free(&c->skill_quoted);
    gs_free(c->quoted.mem, c->skills);
    c->skills = NULL;
    gs_free(c->quoted.mem, c->line_off);
    gs_free(c->quoted.mem, c->line_len);
    c->line_off = NULL;
    c->line_len = NULL;
    c->nlines_cap = c->nlines = 0;
    c->profile = NULL;
}

/* ---- text ---- */

/* The text report is for a terminal: every line fits TEXT_WIDTH columns
 * (long lines are wrapped with a hanging indent), and with
 * GAPSCAN_RENDER_COLOR it carries ANSI colours (status, score, headings). */
#define TEXT_WIDTH 80

typedef struct tx {
    gs_buf *b;
    int color;
    int err;
} tx;

static const char *sgr(const tx *t, const char *code)
{
    return t->color ? code : "";
}
#define BOLD(t) sgr((t), "\033[1m")
#define DIM(t) sgr((t), "\033[2m")
#define OFF(t) sgr((t), "\033[0m")

static const char *status_color(const tx *t, gapscan_req_status s)
{
    return sgr(t, s == GAPSCAN_MET ? "\033[32m" : s == GAPSCAN_PARTIAL ? "\033[33m" : "\033[31m");
}

/* Columns that s[0..len) takes on a terminal: one per code point, none for
 * an ANSI escape sequence. */
static size_t columns(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\033') {
            while (i < len && s[i] != 'm')
                i++;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            w++;
        }
    }
    return w;
}

/* Append s[0..len) (one logical line, no newline) wrapped to TEXT_WIDTH:
 * spacing within a line is kept, a line is broken at spaces, continuation
 * lines start with `indent` spaces, and a word too long for a line is cut. */
static void wrap(tx *t, size_t indent, const char *s, size_t len)
{
    static const char SPACES[] = "                                        ";
    if (indent > sizeof SPACES - 1)
        indent = sizeof SPACES - 1;
    size_t col = 0, i = 0, start = 1;
    while (i < len && !t->err) {
        size_t sp = i;
        while (i < len && s[i] == ' ')
            i++;
        size_t nsp = i - sp, w0 = i;
        while (i < len && s[i] != ' ')
            i++;
        size_t ww = columns(s + w0, i - w0);
        if (!start && col + nsp + ww > TEXT_WIDTH) {
            t->err |= gs_buf_puts(t->b, "\n") || gs_buf_append(t->b, SPACES, indent);
            col = indent;
            nsp = 0;
        }
        t->err |= gs_buf_append(t->b, s + sp, nsp) != 0;
        col += nsp;
        /* a word longer than the room left: cut it on code points */
        const char *w = s + w0;
        size_t left = i - w0;
        while (left && col + columns(w, left) > TEXT_WIDTH && col < TEXT_WIDTH && !t->err) {
            size_t take = 0, cols = 0;
            while (take < left && cols < TEXT_WIDTH - col) {
                take++;
                while (take < left && ((unsigned char)w[take] & 0xC0) == 0x80)
                    take++;
                cols = columns(w, take);
            }
            t->err |= gs_buf_append(t->b, w, take) || gs_buf_puts(t->b, "\n") ||
                      gs_buf_append(t->b, SPACES, indent);
            col = indent;
            w += take;
            left -= take;
        }
        t->err |= gs_buf_append(t->b, w, left) != 0;
        col += columns(w, left);
        start = 0;
    }
    t->err |= gs_buf_puts(t->b, "\n") != 0;
}

/* One logical line, printf-style, wrapped with continuation lines indented
 * by `indent` columns. */
static void line(tx *t, size_t indent, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void line(tx *t, size_t indent, const char *fmt, ...)
{
    if (t->err)
        return;
    gs_buf tmp;
    gs_buf_init(&tmp, t->b->mem, 0);
    va_list ap;
    va_start(ap, fmt);
    int bad = gs_buf_vprintf(&tmp, fmt, ap);
    va_end(ap);
    if (bad)
        t->err = 1;
    else
        wrap(t, indent, tmp.data ? tmp.data : "", tmp.len);
    gs_buf_free(&tmp);
}

static void heading(tx *t, const char *text)
{
    line(t, 0, "\n%s%s%s", BOLD(t), text, OFF(t));
}

static void render_text(tx *t, const gapscan_match *m)
{
    const gapscan_profile *p = m->profile;
    const gapscan_role *role = m->role;
    char asof[16], ev[256];
    month_str(p->as_of, asof, sizeof asof);
    size_t req_met = 0, req_n = 0, pref_met = 0, pref_n = 0;
    for (size_t i = 0; i < m->nresults; i++) {
        const gs_result *r = &m->results[i];
        if (r->req->required) {
            req_n++;
            req_met += r->status == GAPSCAN_MET;
        } else {
            pref_n++;
            pref_met += r->status == GAPSCAN_MET;
        }
    }
    const char *band = sgr(t, m->score >= 75 ? "\033[1;32m" : m->score >= 50 ? "\033[1;33m" : "\033[1;31m");
    line(t, 2, "%s%s%s", BOLD(t), p->name, OFF(t));
    line(t, 5, "  vs %s (%s), as of %s", role->title, role->id, asof);
    line(t, 2, "%sScore%s %s%d%s/100   required met %zu/%zu   preferred met %zu/%zu", BOLD(t), OFF(t), band,
         m->score, OFF(t), req_met, req_n, pref_met, pref_n);
    if (p->npositions)
        line(t, 2, "Experience %.1f years in %zu dated position%s", years1(p->total_months), p->npositions,
             p->npositions == 1 ? "" : "s");
    else
        line(t, 2, "Experience %.1f years (%s)", years1(p->total_months),
             p->stated_total > 0 ? "as stated, no dated positions" : "no dated positions");
    {
        char fields[256] = "";
        size_t n = 0;
        for (int i = 0; i < p->nfields && n < sizeof fields; i++)
            n += (size_t)snprintf(fields + n, sizeof fields - n, "%s%s", i ? ", " : " (",
                                  gs_lexicon_field(p->lex, (size_t)p->fields[i])->id);
        line(t, 2, "Education %s%s%s", gs_level_name(p->highest), fields, p->nfields ? ")" : "");
    }
    if (p->team_size || p->mgmt_months) {
        char team[64] = "";
        if (p->team_size)
            snprintf(team, sizeof team, "%steam of %d (line %u)", p->mgmt_months ? ", " : "", p->team_size,
                     p->team_line + 1);
        if (p->mgmt_months)
            line(t, 2, "Leadership: %.1f years managing, %.1f in senior leadership%s", years1(p->mgmt_months),
                 years1(p->senior_months), team);
        else
            line(t, 2, "Leadership: %s", team);
    }

    /* as many requirements as the role has: a compiled job description has no limit */
    size_t ngaps, *order = gs_malloc(t->b->mem, (m->nresults ? m->nresults : 1) * sizeof *order);
    if (!order) {
        t->err = 1;
        return;
    }
    gap_order(m, order, &ngaps);
    if (ngaps)
        heading(t, "Gaps, biggest first");
    else
        line(t, 0, "\n%sNo gaps: every requirement is met.%s", sgr(t, "\033[32m"), OFF(t));
    for (size_t g = 0; g < ngaps; g++) {
        const gs_result *r = &m->results[order[g]];
        char detail[160] = "";
        if (r->has_years)
            snprintf(detail, sizeof detail, " (have %.1f of %g years)", r->have_years, r->need_years);
        else if (r->need_team >= 0)
            snprintf(detail, sizeof detail, r->have_team > 0 ? " (team of %d, need %d)" : " (no team size stated%.0d, need %d)",
                     r->have_team > 0 ? r->have_team : 0, r->need_team);
        else if (r->need_level >= 0)
            snprintf(detail, sizeof detail, " (have %s, need %s%s%s)", gs_level_name(r->have_level),
                     gs_level_name(r->need_level), r->note ? "; " : "", r->note ? r->note : "");
        else if (r->related_skill >= 0)
            snprintf(detail, sizeof detail, " (has related %s)", skill_id(p, r->related_skill));
        else if (r->note)
            snprintf(detail, sizeof detail, " (%s)", r->note);
        line(t, 21, "  %s%-8s%s %-9s %s%s", status_color(t, r->status), status_name(r->status), OFF(t),
             r->req->required ? "required" : "preferred", r->req->id, detail);
    }
    gs_free(t->b->mem, order);
    heading(t, "Requirements");
    for (size_t i = 0; i < m->nresults; i++) {
        const gs_result *r = &m->results[i];
        line(t, 6, "  %s[%s]%s %s %s", status_color(t, r->status), status_name(r->status), OFF(t),
             r->req->required ? "required" : "preferred", r->req->id);
        line(t, 6, "      %s", r->req->text);
        if (r->has_years)
            line(t, 6, "      years: have %.1f, need %g%s%s%s", r->have_years, r->need_years,
                 r->req->cond.label ? " (" : "", r->req->cond.label ? r->req->cond.label : "",
                 r->req->cond.label ? ")" : "");
        if (r->has_years && (r->req->cond.nkids || r->req->cond.seniority) && p->npositions) {
            /* which positions the figure comes from */
            const gs_cond *c = &r->req->cond;
            int32_t sk[64] = {0};
            size_t n = c->nkids ? gs_cond_skills(&c->kids[0], sk, 64) : 0;
            gs_buf from;
            gs_buf_init(&from, t->b->mem, 0);
            for (size_t k = 0; k < p->npositions && !t->err; k++)
                if (gs_position_counts(p, k, c->seniority, sk, n) &&
                    gs_buf_printf(&from, "%s%u", from.len ? ", " : "", p->positions[k].line + 1))
                    t->err = 1;
            if (from.len)
                line(t, 6, "      from the positions at lines %s", from.data);
            gs_buf_free(&from);
        }
        if (r->need_team >= 0)
            line(t, 6, "      team: have %d, need %d", r->have_team > 0 ? r->have_team : 0, r->need_team);
        if (r->need_level >= 0)
            line(t, 6, "      degree: have %s, need %s%s%s", gs_level_name(r->have_level),
                 gs_level_name(r->need_level), r->note ? " - " : "", r->note ? r->note : "");
        if (r->need_level >= 0 && p->highest > GS_LVL_NONE) {
            const gs_degree *d = best_degree(p);
            evidence_text(p, d->line, ev, sizeof ev);
            line(t, 8, "      %sevidence, line %u:%s %s", DIM(t), d->line + 1, OFF(t), ev);
        }
        if (r->best_skill >= 0 && p->hit_of[r->best_skill] >= 0) {
            const gs_hit *h = &p->hits[p->hit_of[r->best_skill]];
            if (h->nlines) {
                evidence_text(p, h->best_line, ev, sizeof ev);
                line(t, 8, "      %sevidence (%s), line %u:%s %s", DIM(t), skill_id(p, r->best_skill),
                     h->best_line + 1, OFF(t), ev);
            }
            if (h->inferred_from >= 0)
                line(t, 8, "      %s inferred from %s", skill_id(p, h->skill), skill_id(p, h->inferred_from));
        }
        if (r->related_skill >= 0 && p->hit_of[r->related_skill] >= 0) {
            const gs_hit *h = &p->hits[p->hit_of[r->related_skill]];
            evidence_text(p, h->best_line, ev, sizeof ev);
            line(t, 8, "      %srelated skill %s, line %u:%s %s", DIM(t), skill_id(p, r->related_skill),
                 h->best_line + 1, OFF(t), ev);
        }
    }
    if (m->nunchecked)
        heading(t, "Not checked (no skill the lexicon knows; not scored)");
    for (size_t i = 0; i < m->nunchecked; i++) {
        line(t, 6, "  %s", m->unchecked[i]->id);
        line(t, 6, "      %s", m->unchecked[i]->text);
    }
    if (p->npositions)
        heading(t, "Positions");
    for (size_t i = 0; i < p->npositions; i++) {
        const gs_position *ps = &p->positions[i];
        char s[16], e[16];
        month_str(ps->start, s, sizeof s);
        month_str(ps->end, e, sizeof e);
        line(t, 6, "  %s to %s  %3d months  line %-4u %s%s", s, e, ps->end - ps->start + 1, ps->line + 1,
             ps->seniority == GS_SEN_SENIOR ? "[senior] " : ps->seniority == GS_SEN_MANAGEMENT ? "[manager] " : "",
             ps->title);
    }
    for (size_t i = 0; i < p->ngaps; i++) {
        char s[16], e[16];
        month_str(p->gaps[i].start, s, sizeof s);
        month_str(p->gaps[i].end, e, sizeof e);
        line(t, 6, "  gap: %s to %s, %d months without a dated position", s, e,
             p->gaps[i].end - p->gaps[i].start + 1);
    }
    if (p->nexcluded)
        heading(t, "Mentioned but not counted");
    for (size_t i = 0; i < p->nexcluded; i++) {
        const gs_excluded *x = &p->excluded[i];
        line(t, 6, "  %s, line %u: %s", skill_id(p, x->skill), x->line + 1,
             x->cue == GS_CUE_NEGATION          ? "negated"
             : x->cue == GS_CUE_ASPIRATION      ? "wanted, not had"
             : x->cue == GS_NOT_SKILL_EMPLOYER ? "an employer's name"
                                                : "ambiguous word, no skill context");
    }
    if (p->nwarnings)
        heading(t, "Warnings");
    for (size_t i = 0; i < p->nwarnings; i++)
        line(t, 4, "  %s", p->warnings[i]);
}

gapscan_status gs_render_text(gs_mem *mem, const gapscan_match *m, unsigned flags, char **out, size_t *len)
{
    gs_buf b;
    gs_buf_init(&b, mem, 0);
    tx t = {&b, (flags & GAPSCAN_RENDER_COLOR) != 0, 0};
    render_text(&t, m);
    if (t.err) {
        gs_buf_free(&b);
        *out = NULL;
        *len = 0;
        return GAPSCAN_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
}

gapscan_status gs_render(gs_mem *mem, gs_jcache *cache, const gapscan_match *m,
                         gapscan_format format, const char *lexicon_version, char **out,
                         size_t *len)
{
    *out = NULL;
    *len = 0;
    if (format == GAPSCAN_FORMAT_TEXT)
        return gs_render_text(mem, m, 0, out, len);
    if (format != GAPSCAN_FORMAT_JSON && format != GAPSCAN_FORMAT_JSONL)
        return GAPSCAN_EINVAL;
    int pretty = format == GAPSCAN_FORMAT_JSON;
    /* the CV-only parts are rendered into the cache the first time, then
     * copied; without a cache (or memory for it) they are rendered in place */
    if (cache && !cache_holds(cache, m->profile, pretty) &&
        cache_fill(cache, mem, m->profile, pretty, lexicon_version))
        cache = NULL;
    gs_buf b;
    gs_buf_init(&b, mem, 0);
    gs_jw w;
    gs_jw_init(&w, &b, pretty);
    /* one allocation in the common case: the parts, and room for this
     * target's requirements */
    size_t guess = 16384;
    for (int i = 0; cache && i < NPARTS; i++)
        guess += cache->part[i].len;
    if (gs_buf_reserve(&b, guess)) {
        gs_buf_free(&b);
        return GAPSCAN_ENOMEM;
    }
    report_json(&w, cache, m, lexicon_version);
    if (gs_jw_failed(&w) || gs_buf_append(&b, "\n", 1)) {
        gs_buf_free(&b);
        return GAPSCAN_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
}
