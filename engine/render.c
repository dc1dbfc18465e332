/* render.c - a match as text (for people, on a terminal) or as the contract's
 * JSON report (for pipelines). JSON is built and serialised with jansson, so
 * escaping and number formatting are a well-tested library's job. HTML and
 * Markdown are made from the JSON report (report.c, render_html.c,
 * render_md.c). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "match.h"

static const char *status_name(gapscan_req_status s)
{
    return s == GAPSCAN_MET ? "met" : s == GAPSCAN_PARTIAL ? "partial" : "missing";
}

static void month_str(int32_t m, char *buf, size_t cap)
{
    snprintf(buf, cap, "%04d-%02d", (int)(m / 12), (int)(m % 12) + 1);
}

static double years1(int32_t months)
{
    return (double)((months * 10 + 6) / 12) / 10.0;
}

/* A CV line for evidence: trimmed, at most 240 bytes, cut on a UTF-8 boundary. */
static size_t evidence_text(const gapscan_profile *p, uint32_t line, char *buf, size_t cap)
{
    size_t len;
    const char *s = gs_doc_line(&p->doc, line, &len);
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len > cap - 1) {
        len = cap - 1;
        while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return len;
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

#define SET(obj, key, val)                                                                  \
    do {                                                                                    \
        if (json_object_set_new((obj), (key), (val)))                                       \
            goto oom;                                                                       \
    } while (0)
#define APPEND(arr, val)                                                                    \
    do {                                                                                    \
        if (json_array_append_new((arr), (val)))                                            \
            goto oom;                                                                       \
    } while (0)

static json_t *evidence_obj(const gapscan_profile *p, uint32_t line)
{
    char buf[256];
    size_t n = evidence_text(p, line, buf, sizeof buf);
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (json_object_set_new(o, "line", json_integer(line + 1)) ||
        json_object_set_new(o, "text", json_stringn(buf, n))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *build_json(const gapscan_match *m, const char *lexver)
{
    const gapscan_profile *p = m->profile;
    const gapscan_role *role = m->role;
    char buf[32];
    json_t *root = json_object(), *edu = NULL, *fields, *skills, *reqs, *arr;
    if (!root)
        return NULL;
    SET(root, "cv", json_string(p->name));
    SET(root, "target", json_string(role->id));
    SET(root, "title", json_string(role->title));
    SET(root, "score", json_integer(m->score));
    SET(root, "experience_years", json_real(years1(p->total_months)));
    SET(root, "experience_from", p->npositions ? json_string("positions")
                                 : p->stated_total > 0 ? json_string("stated")
                                                       : json_null());
    SET(root, "stated_experience_years", p->stated_total > 0 ? json_real(p->stated_total) : json_null());
    {
        json_t *ld = json_object();
        if (!ld)
            goto oom;
        SET(root, "leadership", ld);
        SET(ld, "team_size", p->team_size ? json_integer(p->team_size) : json_null());
        SET(ld, "team_size_line", p->team_size ? json_integer(p->team_line + 1) : json_null());
        SET(ld, "management_years", json_real(years1(p->mgmt_months)));
        SET(ld, "senior_leadership_years", json_real(years1(p->senior_months)));
    }
    edu = json_object();
    if (!edu)
        goto oom;
    SET(root, "education", edu);
    SET(edu, "highest", json_string(gs_level_name(p->highest)));
    fields = json_array();
    SET(edu, "fields", fields);
    for (int i = 0; i < p->nfields; i++)
        APPEND(fields, json_string(gs_lexicon_field(p->lex, (size_t)p->fields[i])->id));
    arr = json_array();
    SET(edu, "degrees", arr);
    for (size_t i = 0; i < p->ndegrees; i++) {
        const gs_degree *d = &p->degrees[i];
        json_t *o = json_object(), *f = json_array();
        if (!o || !f) {
            json_decref(o);
            json_decref(f);
            goto oom;
        }
        APPEND(arr, o);
        SET(o, "level", json_string(gs_level_name(d->level)));
        SET(o, "completed", json_boolean(d->completed));
        SET(o, "fields", f);
        for (int k = 0; k < d->nfields; k++)
            APPEND(f, json_string(gs_lexicon_field(p->lex, (size_t)d->fields[k])->id));
        SET(o, "line", json_integer(d->line + 1));
    }

    skills = json_array();
    SET(root, "skills", skills);
    for (size_t i = 0; i < p->nhits; i++) {
        const gs_hit *h = &p->hits[i];
        json_t *o = json_object(), *ev = json_array();
        if (!o || !ev) {
            json_decref(o);
            json_decref(ev);
            goto oom;
        }
        APPEND(skills, o);
        SET(o, "id", json_string(skill_id(p, h->skill)));
        const gs_skill *sk = gs_lexicon_skill(p->lex, (size_t)h->skill);
        SET(o, "name", json_string(sk->name));
        SET(o, "category", json_string(sk->category));
        double derived = years1(h->total_months);
        int stated = h->stated_years > 0 && (!h->nmonths || h->stated_years > derived);
        SET(o, "years", stated        ? json_real(h->stated_years)
                        : h->nmonths ? json_real(derived)
                                     : json_null());
        SET(o, "years_from", stated ? json_string("stated") : h->nmonths ? json_string("positions") : json_null());
        if (h->stated_years > 0) {
            SET(o, "stated_years", json_real(h->stated_years));
            SET(o, "stated_line", json_integer(h->stated_line + 1));
        }
        if (h->nmonths) {
            month_str(h->months[h->nmonths - 1].end, buf, sizeof buf);
            SET(o, "last_used", json_string(buf));
        } else {
            SET(o, "last_used", json_null());
        }
        json_t *pl = json_array();
        SET(o, "positions", pl);
        for (size_t k = 0; k < p->npositions; k++)
            for (size_t u = 0; u < p->nuses; u++)
                if (p->uses[u].pos == (int32_t)k && p->uses[u].skill == h->skill) {
                    APPEND(pl, json_integer(p->positions[k].line + 1));
                    break;
                }
        SET(o, "level", json_string(h->level == GS_LEVEL_CLAIMED ? "claimed" : "hedged"));
        if (h->inferred_from >= 0)
            SET(o, "inferred_from", json_string(skill_id(p, h->inferred_from)));
        SET(o, "evidence", ev);
        for (uint8_t k = 0; k < h->nlines; k++) {
            json_t *e = evidence_obj(p, h->lines[k]);
            if (!e)
                goto oom;
            APPEND(ev, e);
        }
    }

    reqs = json_array();
    SET(root, "requirements", reqs);
    for (size_t i = 0; i < m->nresults; i++) {
        const gs_result *r = &m->results[i];
        json_t *o = json_object(), *sk = json_array();
        if (!o || !sk) {
            json_decref(o);
            json_decref(sk);
            goto oom;
        }
        APPEND(reqs, o);
        SET(o, "id", json_string(r->req->id));
        SET(o, "text", json_string(r->req->text));
        SET(o, "importance", json_string(r->req->required ? "required" : "preferred"));
        SET(o, "status", json_string(status_name(r->status)));
        SET(o, "credit", json_real((double)(int)(r->credit * 100 + 0.5) / 100.0));
        SET(o, "skills", sk);
        int32_t ids[64];
        size_t n = gs_cond_skills(&r->req->cond, ids, 64);
        for (size_t k = 0; k < n; k++)
            APPEND(sk, json_string(skill_id(p, ids[k])));
        if (r->has_years) {
            SET(o, "need_years", json_real(r->need_years));
            SET(o, "have_years", json_real(r->have_years));
        }
        if (r->need_team >= 0) {
            SET(o, "need_team", json_integer(r->need_team));
            SET(o, "have_team", r->have_team > 0 ? json_integer(r->have_team) : json_null());
        }
        if (r->need_level >= 0) {
            SET(o, "need_degree", json_string(gs_level_name(r->need_level)));
            SET(o, "have_degree", json_string(gs_level_name(r->have_level)));
            if (p->highest > GS_LVL_NONE) {
                json_t *e = evidence_obj(p, best_degree(p)->line);
                if (!e)
                    goto oom;
                SET(o, "evidence", e);
            }
        }
        if (r->best_skill >= 0 && p->hit_of[r->best_skill] >= 0) {
            const gs_hit *h = &p->hits[p->hit_of[r->best_skill]];
            if (h->nlines) {
                json_t *e = evidence_obj(p, h->best_line);
                if (!e)
                    goto oom;
                SET(o, "evidence", e);
            }
        }
        if (r->related_skill >= 0)
            SET(o, "related", json_string(skill_id(p, r->related_skill)));
        if (r->note)
            SET(o, "note", json_string(r->note));
    }

    arr = json_array();
    SET(root, "positions", arr);
    for (size_t i = 0; i < p->npositions; i++) {
        const gs_position *ps = &p->positions[i];
        json_t *o = json_object();
        if (!o)
            goto oom;
        APPEND(arr, o);
        SET(o, "title", json_string(ps->title));
        SET(o, "role", json_string(ps->role));
        SET(o, "employer", json_string(ps->employer));
        SET(o, "dates", json_string(ps->dates));
        month_str(ps->start, buf, sizeof buf);
        SET(o, "start", json_string(buf));
        month_str(ps->end, buf, sizeof buf);
        SET(o, "end", json_string(buf));
        SET(o, "months", json_integer(ps->end - ps->start + 1));
        SET(o, "seniority", json_string(gs_seniority_name(ps->seniority)));
        SET(o, "line", json_integer(ps->line + 1));
        SET(o, "first_line", json_integer(ps->first + 1));
        SET(o, "last_line", json_integer(ps->last + 1));
    }
    arr = json_array();
    SET(root, "gaps", arr);
    for (size_t i = 0; i < p->ngaps; i++) {
        json_t *o = json_object();
        if (!o)
            goto oom;
        APPEND(arr, o);
        month_str(p->gaps[i].start, buf, sizeof buf);
        SET(o, "start", json_string(buf));
        month_str(p->gaps[i].end, buf, sizeof buf);
        SET(o, "end", json_string(buf));
        SET(o, "months", json_integer(p->gaps[i].end - p->gaps[i].start + 1));
    }
    if (m->nunchecked) {
        arr = json_array();
        SET(root, "not_checked", arr);
        for (size_t i = 0; i < m->nunchecked; i++) {
            json_t *o = json_object();
            if (!o)
                goto oom;
            APPEND(arr, o);
            SET(o, "id", json_string(m->unchecked[i]->id));
            SET(o, "text", json_string(m->unchecked[i]->text));
        }
    }
    arr = json_array();
    SET(root, "excluded", arr);
    for (size_t i = 0; i < p->nexcluded; i++) {
        const gs_excluded *x = &p->excluded[i];
        json_t *o = json_object();
        if (!o)
            goto oom;
        APPEND(arr, o);
        SET(o, "id", json_string(skill_id(p, x->skill)));
        SET(o, "line", json_integer(x->line + 1));
        SET(o, "why", json_string(x->cue == GS_CUE_NEGATION     ? "negated"
                                  : x->cue == GS_CUE_ASPIRATION ? "aspiration"
                                                                : "ambiguous, no skill context"));
    }
    arr = json_array();
    SET(root, "warnings", arr);
    for (size_t i = 0; i < p->nwarnings; i++)
        APPEND(arr, json_string(p->warnings[i]));
    month_str(p->as_of, buf, sizeof buf);
    SET(root, "as_of", json_string(buf));
    SET(root, "format", json_string(p->format ? p->format : "text"));
    SET(root, "encoding", json_string(p->doc.encoding));
    SET(root, "engine", json_string("gapscan " GAPSCAN_VERSION));
    SET(root, "lexicon", json_string(lexver));
    return root;
oom:
    json_decref(root);
    return NULL;
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

    size_t order[256], ngaps;
    if (m->nresults > 256) {
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
             x->cue == GS_CUE_NEGATION     ? "negated"
             : x->cue == GS_CUE_ASPIRATION ? "wanted, not had"
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

gapscan_status gs_render(gs_mem *mem, const gapscan_match *m, gapscan_format format,
                         const char *lexicon_version, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (format == GAPSCAN_FORMAT_TEXT)
        return gs_render_text(mem, m, 0, out, len);
    if (format != GAPSCAN_FORMAT_JSON && format != GAPSCAN_FORMAT_JSONL)
        return GAPSCAN_EINVAL;
    json_t *root = build_json(m, lexicon_version);
    if (!root)
        return GAPSCAN_ENOMEM;
    size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10) |
                   (format == GAPSCAN_FORMAT_JSON ? JSON_INDENT(2) : JSON_COMPACT);
    char *s = json_dumps(root, flags);
    json_decref(root);
    if (!s)
        return GAPSCAN_ENOMEM;
    size_t n = strlen(s);
    char *copy = gs_malloc(mem, n + 2);
    if (!copy) {
        free(s);
        return GAPSCAN_ENOMEM;
    }
    memcpy(copy, s, n);
    copy[n++] = '\n';
    copy[n] = '\0';
    free(s);
    *out = copy;
    *len = n;
    return GAPSCAN_OK;
}
