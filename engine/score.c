/* score.c - a profile against a role: credit and status per requirement,
 * then the weighted score (formula in match.h and the README). */
#include "match.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* credit for a skill that is only hedged ("familiar with"), and for a skill
 * the candidate lacks but a related one is claimed (GCP for AWS) */
#define HEDGED_CREDIT 0.5
#define RELATED_CREDIT 0.5

typedef struct eval {
    double credit;
    int32_t best;     /* skill that proves it */
    int32_t related;  /* related skill giving partial credit */
    const char *note;
} eval;

size_t gs_cond_skills(const gs_cond *c, int32_t *out, size_t max)
{
    size_t n = 0;
    if (c->type == GS_COND_SKILL) {
        if (max)
            out[n++] = c->skill;
        return n;
    }
    for (size_t i = 0; i < c->nkids; i++) {
        int32_t tmp[64];
        size_t k = gs_cond_skills(&c->kids[i], tmp, 64);
        for (size_t j = 0; j < k && n < max; j++) {
            int dup = 0;
            for (size_t x = 0; x < n; x++)
                dup |= out[x] == tmp[j];
            if (!dup)
                out[n++] = tmp[j];
        }
    }
    return n;
}

/* `copied`: the condition has its skill's related skills (a prepared role) */
static eval eval_skill(const gapscan_profile *p, const gs_cond *c, int copied)
{
    eval e = {0, -1, -1, NULL};
    int32_t skill = c->skill;
    int32_t h = p->hit_of[skill];
    if (h >= 0) {
        const gs_hit *hit = &p->hits[h];
        e.best = skill;
        if (hit->level == GS_LEVEL_CLAIMED) {
            e.credit = 1.0;
            e.note = hit->inferred_from >= 0 ? "inferred" : NULL;
        } else {
            e.credit = HEDGED_CREDIT;
            e.note = "only hedged (familiar with, exposure to...)";
        }
        return e;
    }
    const int32_t *related = c->related;
    size_t nrelated = c->nrelated;
    if (!copied) {
        const gs_skill *sk = gs_lexicon_skill(p->lex, (size_t)skill);
        related = sk->related;
        nrelated = sk->nrelated;
    }
    for (size_t i = 0; i < nrelated; i++) {
        int32_t r = p->hit_of[related[i]];
        if (r < 0)
            continue;
        double credit = RELATED_CREDIT * (p->hits[r].level == GS_LEVEL_CLAIMED ? 1.0 : HEDGED_CREDIT);
        if (credit > e.credit) {
            e.credit = credit;
            e.related = related[i];
            e.note = "a related skill, not this one";
        }
    }
    return e;
}

static double years_of(int32_t months)
{
    return (double)((months * 10 + 6) / 12) / 10.0;
}

static eval eval_cond(const gapscan_profile *p, const gs_cond *c, int copied, gs_result *r)
{
    eval e = {0, -1, -1, NULL};
    switch (c->type) {
    case GS_COND_SKILL:
        return eval_skill(p, c, copied);
    case GS_COND_ANY:
        for (size_t i = 0; i < c->nkids; i++) {
            eval k = eval_cond(p, &c->kids[i], copied, r);
            if (k.credit > e.credit)
                e = k;
        }
        return e;
    case GS_COND_ALL: {
        double sum = 0;
        int missing = 0;
        for (size_t i = 0; i < c->nkids; i++) {
            eval k = eval_cond(p, &c->kids[i], copied, r);
            sum += k.credit;
            if (k.credit <= 0)
                missing = 1;
            if (e.best < 0 && k.best >= 0)
                e.best = k.best;
            if (e.related < 0 && k.related >= 0)
                e.related = k.related;
            if (!e.note && k.note && k.credit < 1)
                e.note = k.note;
        }
        e.credit = c->nkids ? sum / (double)c->nkids : 0;
        if (missing && e.credit > 0)
            e.note = "only part of it";
        return e;
    }
    case GS_COND_EXPERIENCE: {
        int32_t months;
        double stated = 0;
        if (c->nkids == 0 && c->seniority == GS_SEN_INDIVIDUAL) {
            months = p->total_months;
        } else {
            int32_t sk[64] = {0};
            size_t n = c->nkids ? gs_cond_skills(&c->kids[0], sk, 64) : 0;
            months = gs_profile_months(p, c->seniority, sk, n);
            for (size_t i = 0; i < n; i++) {
                int32_t h = p->hit_of[sk[i]];
                if (h < 0)
                    continue;
                if (e.best < 0 && p->hits[h].nmonths)
                    e.best = sk[i];
                /* "6 years of SQL" counts for "5+ years using SQL" */
                if (c->seniority == GS_SEN_INDIVIDUAL && p->hits[h].stated_years > stated)
                    stated = p->hits[h].stated_years;
            }
            if (months < 0)
                months = 0;
        }
        if (months == 0 && stated == 0)
            e.best = -1; /* no evidence to show for a figure of nothing */
        r->has_years = 1;
        r->need_years = c->min_years;
        r->have_years = years_of(months);
        if (stated > r->have_years) {
            r->have_years = stated;
            e.note = "as the CV states it";
        }
        if (c->min_years <= 0)
            e.credit = r->have_years > 0 ? 1.0 : 0.0;
        else
            e.credit = fmin(1.0, r->have_years / c->min_years);
        return e;
    }
    case GS_COND_NOT_CHECKED:
        break;
    case GS_COND_TEAM:
        r->need_team = c->min_team;
        r->have_team = p->team_size;
        e.credit = c->min_team <= 0 ? 1.0 : fmin(1.0, (double)p->team_size / c->min_team);
        return e;
    case GS_COND_DEGREE: {
        r->need_level = c->degree_min;
        r->have_level = p->highest;
        double field = 1.0;
        if (c->nfields) {
            field = 0.0;
            if (p->nfields == 0 && p->highest > GS_LVL_NONE) {
                field = 0.75;
                e.note = "field of study not stated";
            }
            for (int i = 0; i < p->nfields && field < 1.0; i++)
                for (size_t j = 0; j < c->nfields; j++) {
                    if (p->fields[i] == c->fields[j]) {
                        field = 1.0;
                        e.note = NULL;
                        break;
                    }
                    if (c->related_fields &&
                        !strcmp(gs_lexicon_field(p->lex, (size_t)p->fields[i])->group,
                                gs_lexicon_field(p->lex, (size_t)c->fields[j])->group)) {
                        field = 1.0;
                        e.note = "a related field";
                    }
                }
            if (field == 0.0 && p->nfields) {
                field = 0.5;
                e.note = "a different field";
            }
        }
        if (p->highest >= c->degree_min)
            e.credit = field;
        else if (p->highest == c->degree_min - 1)
            e.credit = 0.5 * field;
        if (e.credit < 1.0 && c->equivalent_years > 0 &&
            years_of(p->total_months) >= c->equivalent_years) {
            e.credit = 1.0;
            e.note = "equivalent experience";
        }
        return e;
    }
    }
    return e;
}

gapscan_status gs_score(gs_mem *mem, const gapscan_profile *p, const gapscan_role *role,
                        gapscan_match **out)
{
    *out = NULL;
    /* one block: the match, then its results and unchecked requirements
     * (a CV is scored against every target, so this runs often) */
    size_t n = role->nreqs ? role->nreqs : 1;
    size_t unchecked_at = sizeof(gapscan_match) + n * sizeof(gs_result);
    if (n > (SIZE_MAX - sizeof(gapscan_match)) / (sizeof(gs_result) + sizeof(gs_req *)))
        return GAPSCAN_ENOMEM;
    char *block = gs_calloc(mem, 1, unchecked_at + n * sizeof(gs_req *));
    if (!block)
        return GAPSCAN_ENOMEM;
    gapscan_match *m = (gapscan_match *)(void *)block;
    m->mem = mem;
    m->profile = p;
    m->role = role;
    m->results = (gs_result *)(void *)(block + sizeof(gapscan_match));
    m->unchecked = (const gs_req **)(void *)(block + unchecked_at);
    double got = 0, total = 0;
    size_t nres = 0;
    int copied = role->prepared_lex && role->prepared_lex == p->lex;
    for (size_t i = 0; i < role->nreqs; i++) {
        if (role->reqs[i].cond.type == GS_COND_NOT_CHECKED) {
            m->unchecked[m->nunchecked++] = &role->reqs[i];
            continue;
        }
        gs_result *r = &m->results[nres++];
        r->req = &role->reqs[i];
        r->need_level = r->have_level = -1;
        r->need_team = r->have_team = -1;
        eval e = eval_cond(p, &r->req->cond, copied, r);
        r->credit = e.credit < 0 ? 0 : e.credit > 1 ? 1 : e.credit;
        r->best_skill = e.best;
        r->related_skill = e.related;
        r->note = e.note;
        r->status = r->credit >= 0.999 ? GAPSCAN_MET : r->credit > 0 ? GAPSCAN_PARTIAL : GAPSCAN_MISSING;
        got += r->req->weight * r->credit;
        total += r->req->weight;
    }
    m->nresults = nres;
    m->exact = total > 0 ? 100.0 * got / total : 0;
    m->score = (int)floor(m->exact + 0.5);
    *out = m;
    return GAPSCAN_OK;
}

void gapscan_match_free(gapscan_match *m)
{
    if (!m)
        return;
    gs_free(m->mem, m); /* results and unchecked are in the same block */
}

int gapscan_match_score(const gapscan_match *m)
{
    return m->score;
}

size_t gapscan_match_req_count(const gapscan_match *m)
{
    return m->nresults;
}

const char *gapscan_match_req_id(const gapscan_match *m, size_t i)
{
    return i < m->nresults ? m->results[i].req->id : NULL;
}

gapscan_req_status gapscan_match_req_status(const gapscan_match *m, size_t i)
{
    return i < m->nresults ? m->results[i].status : GAPSCAN_MISSING;
}

int gapscan_match_req_required(const gapscan_match *m, size_t i)
{
    return i < m->nresults ? m->results[i].req->required : 0;
}
