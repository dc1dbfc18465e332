/* render.c - a match as text (for people) or as the contract's JSON report
 * (for pipelines). JSON is built and serialised with jansson, so escaping
 * and number formatting are a well-tested library's job. */
#include <jansson.h>
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

/* How many of the `len` bytes of UTF-8 text `s` fit in `max` bytes without
 * cutting a character in two. */
static size_t utf8_fit(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
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
    len = utf8_fit(s, len, cap - 1);
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

static int wrap_line(gs_buf *b, const char *indent, const char *text, size_t width)
{
    size_t len = strlen(text);
    while (len) {
        size_t take = len;
        if (take > width) {
            take = width;
            while (take > width / 2 && text[take] != ' ')
                take--;
            if (text[take] != ' ')
                take = width;
            while (take < len && ((unsigned char)text[take] & 0xC0) == 0x80)
                take++;
        }
        if (gs_buf_printf(b, "%s%.*s\n", indent, (int)take, text))
            return -1;
        text += take;
        len -= take;
        while (len && *text == ' ') {
            text++;
            len--;
        }
    }
    return 0;
}

/* The unmet requirements, biggest gap first. 0, or -1 when out of memory. */
static int render_gaps(gs_buf *b, const gapscan_match *m)
{
    const gapscan_profile *p = m->profile;
    /* as many requirements as the role has: a compiled job description has no limit */
    size_t *order = gs_malloc(b->mem, (m->nresults ? m->nresults : 1) * sizeof *order), ngaps;
    if (!order)
        return -1;
    gap_order(m, order, &ngaps);
    int bad = gs_buf_puts(b, ngaps ? "\nGaps, biggest first\n" : "\nNo gaps: every requirement is met.\n");
    for (size_t g = 0; g < ngaps && !bad; g++) {
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
        bad = gs_buf_printf(b, "  %-8s %-9s %s%s\n", status_name(r->status),
                            r->req->required ? "required" : "preferred", r->req->id, detail);
    }
    gs_free(b->mem, order);
    return bad ? -1 : 0;
}

static int render_text(gs_buf *b, const gapscan_match *m)
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
    if (gs_buf_printf(b, "%s  vs  %s (%s)  as of %s\n", p->name, role->title, role->id, asof) ||
        gs_buf_printf(b, "Score %d/100   required met %zu/%zu   preferred met %zu/%zu\n", m->score,
                      req_met, req_n, pref_met, pref_n))
        return -1;
    if (p->npositions ? gs_buf_printf(b, "Experience %.1f years in %zu dated position%s", years1(p->total_months),
                                      p->npositions, p->npositions == 1 ? "" : "s")
                      : gs_buf_printf(b, "Experience %.1f years (%s)", years1(p->total_months),
                                      p->stated_total > 0 ? "as stated, no dated positions" : "no dated positions"))
        return -1;
    if (gs_buf_printf(b, "   Education %s", gs_level_name(p->highest)))
        return -1;
    for (int i = 0; i < p->nfields; i++)
        if (gs_buf_printf(b, "%s%s", i ? ", " : " (", gs_lexicon_field(p->lex, (size_t)p->fields[i])->id))
            return -1;
    if (gs_buf_puts(b, p->nfields ? ")\n" : "\n"))
        return -1;
    if ((p->team_size || p->mgmt_months) &&
        gs_buf_printf(b, "Leadership: %.1f years managing, %.1f in senior leadership%s", years1(p->mgmt_months),
                      years1(p->senior_months), p->team_size ? "" : "\n"))
        return -1;
    if (p->team_size && gs_buf_printf(b, "%steam of %d (line %u)\n", p->mgmt_months ? ", " : "Leadership: ",
                                      p->team_size, p->team_line + 1))
        return -1;

    if (render_gaps(b, m))
        return -1;
    if (gs_buf_puts(b, "\nRequirements\n"))
        return -1;
    for (size_t i = 0; i < m->nresults; i++) {
        const gs_result *r = &m->results[i];
        char head[200];
        snprintf(head, sizeof head, "  [%s] %s %s", status_name(r->status),
                 r->req->required ? "required" : "preferred", r->req->id);
        if (gs_buf_printf(b, "%s\n", head) || wrap_line(b, "      ", r->req->text, 74))
            return -1;
        if (r->has_years && gs_buf_printf(b, "      years: have %.1f, need %g%s%s%s\n", r->have_years,
                                          r->need_years, r->req->cond.label ? " (" : "",
                                          r->req->cond.label ? r->req->cond.label : "",
                                          r->req->cond.label ? ")" : ""))
            return -1;
        if (r->has_years && (r->req->cond.nkids || r->req->cond.seniority) && p->npositions) {
            /* which positions the figure comes from */
            const gs_cond *c = &r->req->cond;
            int32_t sk[64] = {0};
            size_t n = c->nkids ? gs_cond_skills(&c->kids[0], sk, 64) : 0;
            int any = 0;
            for (size_t k = 0; k < p->npositions; k++) {
                if (!gs_position_counts(p, k, c->seniority, sk, n))
                    continue;
                if (gs_buf_printf(b, "%s%u", any ? ", " : "      from the positions at lines ",
                                  p->positions[k].line + 1))
                    return -1;
                any = 1;
            }
            if (any && gs_buf_puts(b, "\n"))
                return -1;
        }
        if (r->need_team >= 0 && gs_buf_printf(b, "      team: have %d, need %d\n",
                                               r->have_team > 0 ? r->have_team : 0, r->need_team))
            return -1;
        if (r->need_level >= 0 &&
            gs_buf_printf(b, "      degree: have %s, need %s%s%s\n", gs_level_name(r->have_level),
                          gs_level_name(r->need_level), r->note ? " - " : "", r->note ? r->note : ""))
            return -1;
        if (r->need_level >= 0 && p->highest > GS_LVL_NONE) {
            const gs_degree *d = best_degree(p);
            evidence_text(p, d->line, ev, 100);
            if (gs_buf_printf(b, "      evidence, line %u: %s\n", d->line + 1, ev))
                return -1;
        }
        if (r->best_skill >= 0 && p->hit_of[r->best_skill] >= 0) {
            const gs_hit *h = &p->hits[p->hit_of[r->best_skill]];
            if (h->nlines) {
                evidence_text(p, h->best_line, ev, 100);
                if (gs_buf_printf(b, "      evidence (%s), line %u: %s\n", skill_id(p, r->best_skill),
                                  h->best_line + 1, ev))
                    return -1;
            }
            if (h->inferred_from >= 0 &&
                gs_buf_printf(b, "      %s inferred from %s\n", skill_id(p, h->skill),
                              skill_id(p, h->inferred_from)))
                return -1;
        }
        if (r->related_skill >= 0 && p->hit_of[r->related_skill] >= 0) {
            const gs_hit *h = &p->hits[p->hit_of[r->related_skill]];
            evidence_text(p, h->best_line, ev, 100);
            if (gs_buf_printf(b, "      related skill %s, line %u: %s\n", skill_id(p, r->related_skill),
                              h->best_line + 1, ev))
                return -1;
        }
    }
    if (m->nunchecked && gs_buf_puts(b, "\nNot checked (no skill the lexicon knows; not scored)\n"))
        return -1;
    for (size_t i = 0; i < m->nunchecked; i++)
        if (gs_buf_printf(b, "  %s\n", m->unchecked[i]->id) ||
            wrap_line(b, "      ", m->unchecked[i]->text, 74))
            return -1;
    if (p->npositions && gs_buf_puts(b, "\nPositions\n"))
        return -1;
    for (size_t i = 0; i < p->npositions; i++) {
        const gs_position *ps = &p->positions[i];
        char s[16], e[16];
        month_str(ps->start, s, sizeof s);
        month_str(ps->end, e, sizeof e);
        /* the title's first 60 bytes, not cutting a character (the output stays UTF-8) */
        int tlen = (int)utf8_fit(ps->title, strlen(ps->title), 60);
        if (gs_buf_printf(b, "  %s to %s  %3d months  line %-4u %s%.*s\n", s, e, ps->end - ps->start + 1,
                          ps->line + 1, ps->seniority == GS_SEN_SENIOR ? "[senior] "
                                        : ps->seniority == GS_SEN_MANAGEMENT ? "[manager] " : "",
                          tlen, ps->title))
            return -1;
    }
    for (size_t i = 0; i < p->ngaps; i++) {
        char s[16], e[16];
        month_str(p->gaps[i].start, s, sizeof s);
        month_str(p->gaps[i].end, e, sizeof e);
        if (gs_buf_printf(b, "  gap: %s to %s, %d months without a dated position\n", s, e,
                          p->gaps[i].end - p->gaps[i].start + 1))
            return -1;
    }
    if (p->nexcluded) {
        if (gs_buf_puts(b, "\nMentioned but not counted\n"))
            return -1;
        for (size_t i = 0; i < p->nexcluded; i++) {
            const gs_excluded *x = &p->excluded[i];
            if (gs_buf_printf(b, "  %s, line %u: %s\n", skill_id(p, x->skill), x->line + 1,
                              x->cue == GS_CUE_NEGATION     ? "negated"
                              : x->cue == GS_CUE_ASPIRATION ? "wanted, not had"
                                                            : "ambiguous word, no skill context"))
                return -1;
        }
    }
    if (p->nwarnings && gs_buf_puts(b, "\nWarnings\n"))
        return -1;
    for (size_t i = 0; i < p->nwarnings; i++)
        if (gs_buf_printf(b, "  %s\n", p->warnings[i]))
            return -1;
    return 0;
}

gapscan_status gs_render(gs_mem *mem, const gapscan_match *m, gapscan_format format,
                         const char *lexicon_version, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (format == GAPSCAN_FORMAT_TEXT) {
        gs_buf b;
        gs_buf_init(&b, mem, 0);
        if (render_text(&b, m)) {
            gs_buf_free(&b);
            return GAPSCAN_ENOMEM;
        }
        *out = gs_buf_detach(&b, len);
        return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
    }
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
