/* report.c - the contract JSON report read back into the structs of
 * report.h, and what the people-facing renderers share: the order of the
 * gap list, what each unmet requirement still lacks, counts per status.
 *
 * Reading is lenient about what it does not need (a missing optional key is
 * a zero or NULL) and strict about the shape: the top level must be an
 * object with "score" and "requirements". */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *gs_report_status_name(gapscan_req_status s)
{
    return s == GAPSCAN_MET ? "met" : s == GAPSCAN_PARTIAL ? "partial" : "missing";
}

static const char *str(json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static double num(json_t *o, const char *key, double dflt)
{
    json_t *v = json_object_get(o, key);
    return json_is_number(v) ? json_number_value(v) : dflt;
}

static int integer(json_t *o, const char *key, int dflt)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? (int)json_integer_value(v) : dflt;
}

/* "YYYY-MM" as a month index; -1 when malformed. */
static int month_of(const char *s)
{
    int y, m;
    if (!s || gapscan_parse_month(s, &y, &m))
        return -1;
    return y * 12 + m - 1;
}

void gs_report_month(int month, char *buf, size_t cap)
{
    static const char *const NAMES[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (month < 0)
        snprintf(buf, cap, "?");
    else
        snprintf(buf, cap, "%s %d", NAMES[month % 12], month / 12);
}

/* The strings of a JSON array, in the arena; non-strings are skipped. */
static int strings(gs_arena *a, json_t *arr, const char *const **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    size_t cnt = json_array_size(arr);
    if (!cnt)
        return 0;
    const char **v = gs_arena_alloc(a, cnt * sizeof *v);
    if (!v)
        return -1;
    size_t i, k = 0;
    json_t *e;
    json_array_foreach(arr, i, e) {
        if (json_is_string(e))
            v[k++] = json_string_value(e);
    }
    *out = v;
    *n = k;
    return 0;
}

/* An array of `elem`-byte items, one per element of arr (zeroed). */
static void *items(gs_arena *a, json_t *arr, size_t elem, size_t *n)
{
    *n = json_array_size(arr);
    return *n ? gs_arena_alloc(a, *n * elem) : NULL;
}

static gapscan_req_status status_of(const char *s)
{
    return s && !strcmp(s, "met") ? GAPSCAN_MET : s && !strcmp(s, "partial") ? GAPSCAN_PARTIAL
                                                                           : GAPSCAN_MISSING;
}

static int read_reqs(gs_report *r, json_t *arr)
{
    json_t *o;
    size_t i;
    r->reqs = items(&r->arena, arr, sizeof *r->reqs, &r->nreqs);
    if (r->nreqs && !r->reqs)
        return -1;
    json_array_foreach(arr, i, o) {
        gs_rep_req *q = &r->reqs[i];
        q->id = str(o, "id");
        q->text = str(o, "text");
        const char *imp = str(o, "importance");
        q->required = imp && !strcmp(imp, "required");
        q->status = status_of(str(o, "status"));
        q->credit = num(o, "credit", 0);
        q->weight = num(o, "weight", q->required ? 3.0 : 1.0);
        if (strings(&r->arena, json_object_get(o, "skills"), &q->skills, &q->nskills))
            return -1;
        q->has_years = json_is_number(json_object_get(o, "need_years"));
        q->need_years = num(o, "need_years", 0);
        q->have_years = num(o, "have_years", 0);
        q->need_degree = str(o, "need_degree");
        q->have_degree = str(o, "have_degree");
        q->need_team = integer(o, "need_team", -1);
        q->have_team = integer(o, "have_team", 0);
        json_t *ev = json_object_get(o, "evidence");
        q->ev_line = integer(ev, "line", 0);
        q->ev_text = str(ev, "text");
        if (!q->ev_text)
            q->ev_line = 0;
        q->related = str(o, "related");
        q->note = str(o, "note");
        if (!q->id)
            q->id = "?";
        if (!q->text)
            q->text = "";
    }
    return 0;
}

static int read_skills(gs_report *r, json_t *arr)
{
    json_t *o;
    size_t i;
    r->skills = items(&r->arena, arr, sizeof *r->skills, &r->nskills);
    if (r->nskills && !r->skills)
        return -1;
    json_array_foreach(arr, i, o) {
        gs_rep_skill *s = &r->skills[i];
        s->id = str(o, "id");
        s->name = str(o, "name");
        s->category = str(o, "category");
        if (!s->id)
            s->id = "?";
        if (!s->name)
            s->name = s->id;
        s->years = num(o, "years", -1);
        const char *from = str(o, "years_from");
        s->stated = from && !strcmp(from, "stated");
        const char *lvl = str(o, "level");
        s->hedged = lvl && !strcmp(lvl, "hedged");
        s->inferred_from = str(o, "inferred_from");
        json_t *pl = json_object_get(o, "positions"), *e;
        size_t n = json_array_size(pl), k;
        if (n) {
            int *lines = gs_arena_alloc(&r->arena, n * sizeof *lines);
            if (!lines)
                return -1;
            json_array_foreach(pl, k, e) {
                lines[k] = json_is_integer(e) ? (int)json_integer_value(e) : 0;
            }
            s->pos_lines = lines;
            s->npos = n;
        }
        json_t *ev = json_array_get(json_object_get(o, "evidence"), 0);
        s->ev_line = integer(ev, "line", 0);
        s->ev_text = str(ev, "text");
    }
    return 0;
}

static int read_positions(gs_report *r, json_t *arr)
{
    json_t *o;
    size_t i;
    r->pos = items(&r->arena, arr, sizeof *r->pos, &r->npos);
    if (r->npos && !r->pos)
        return -1;
    json_array_foreach(arr, i, o) {
        gs_rep_pos *p = &r->pos[i];
        p->title = str(o, "title");
        p->role = str(o, "role");
        p->employer = str(o, "employer");
        p->dates = str(o, "dates");
        p->seniority = str(o, "seniority");
        p->start = month_of(str(o, "start"));
        p->end = month_of(str(o, "end"));
        p->months = integer(o, "months", 0);
        p->line = integer(o, "line", 0);
        if (!p->title)
            p->title = "";
        if (!p->role || !*p->role)
            p->role = p->title;
        if (!p->employer)
            p->employer = "";
        if (!p->dates)
            p->dates = "";
        if (!p->seniority)
            p->seniority = "individual";
    }
    return 0;
}

static int read_items(gs_arena *a, json_t *arr, gs_rep_item **out, size_t *n, const char *text_key)
{
    json_t *o;
    size_t i;
    *out = items(a, arr, sizeof **out, n);
    if (*n && !*out)
        return -1;
    json_array_foreach(arr, i, o) {
        (*out)[i].id = str(o, "id");
        (*out)[i].text = str(o, text_key);
        (*out)[i].line = integer(o, "line", 0);
        if (!(*out)[i].id)
            (*out)[i].id = "?";
        if (!(*out)[i].text)
            (*out)[i].text = "";
    }
    return 0;
}

gapscan_status gs_report_read(gs_mem *mem, const char *json, size_t len, gs_report *r, char *err,
                              size_t errlen)
{
    memset(r, 0, sizeof *r);
    gs_arena_init(&r->arena, mem);
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        snprintf(err, errlen, "not JSON: %s (line %d)", jerr.text, jerr.line);
        return GAPSCAN_EFORMAT;
    }
    r->root = root;
    if (!json_is_object(root) || !json_is_integer(json_object_get(root, "score")) ||
        !json_is_array(json_object_get(root, "requirements"))) {
        snprintf(err, errlen, "not a gapscan report (no score or requirements)");
        return GAPSCAN_EFORMAT;
    }
    r->cv = str(root, "cv");
    r->target = str(root, "target");
    r->title = str(root, "title");
    r->as_of = str(root, "as_of");
    r->engine = str(root, "engine");
    r->lexicon = str(root, "lexicon");
    r->format = str(root, "format");
    r->encoding = str(root, "encoding");
    if (!r->cv)
        r->cv = "-";
    if (!r->target)
        r->target = "?";
    if (!r->title)
        r->title = r->target;
    r->score = integer(root, "score", 0);
    r->years = num(root, "experience_years", 0);
    r->years_from = str(root, "experience_from");
    json_t *edu = json_object_get(root, "education");
    r->highest = str(edu, "highest");
    if (!r->highest)
        r->highest = "none";
    json_t *ld = json_object_get(root, "leadership");
    r->team_size = integer(ld, "team_size", 0);
    r->team_line = integer(ld, "team_size_line", 0);
    r->mgmt_years = num(ld, "management_years", 0);
    r->senior_years = num(ld, "senior_leadership_years", 0);
    if (strings(&r->arena, json_object_get(edu, "fields"), &r->fields, &r->nfields) ||
        read_reqs(r, json_object_get(root, "requirements")) ||
        read_skills(r, json_object_get(root, "skills")) ||
        read_positions(r, json_object_get(root, "positions")) ||
        read_items(&r->arena, json_object_get(root, "not_checked"), &r->unchecked, &r->nunchecked, "text") ||
        read_items(&r->arena, json_object_get(root, "excluded"), &r->excluded, &r->nexcluded, "why") ||
        strings(&r->arena, json_object_get(root, "warnings"), &r->warnings, &r->nwarnings))
        return GAPSCAN_ENOMEM;
    json_t *gaps = json_object_get(root, "gaps"), *o;
    size_t i;
    r->gaps = items(&r->arena, gaps, sizeof *r->gaps, &r->ngaps);
    if (r->ngaps && !r->gaps)
        return GAPSCAN_ENOMEM;
    json_array_foreach(gaps, i, o) {
        r->gaps[i].start = month_of(str(o, "start"));
        r->gaps[i].end = month_of(str(o, "end"));
        r->gaps[i].months = integer(o, "months", 0);
    }
    return GAPSCAN_OK;
}

void gs_report_free(gs_report *r)
{
    if (!r)
        return;
    json_decref(r->root);
    r->root = NULL;
    gs_arena_free(&r->arena);
}

/* The score a requirement lost (reports written before "weight" was in
 * them get the default weights). */
static double lost(const gs_rep_req *q)
{
    return q->weight * (1.0 - q->credit);
}

size_t gs_report_gap_order(const gs_report *r, size_t *order)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nreqs; i++)
        if (r->reqs[i].status != GAPSCAN_MET)
            order[n++] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort, stable */
        size_t x = order[i], j = i;
        const gs_rep_req *qx = &r->reqs[x];
        while (j > 0) {
            const gs_rep_req *qy = &r->reqs[order[j - 1]];
            if (qy->required > qx->required ||
                (qy->required == qx->required && lost(qy) >= lost(qx)))
                break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = x;
    }
    return n;
}

static int has_skill(const gs_report *r, const char *id)
{
    for (size_t i = 0; i < r->nskills; i++)
        if (!strcmp(r->skills[i].id, id))
            return 1;
    return 0;
}

/* Append to buf[*n..cap) like snprintf, never past cap. */
static void add(char *buf, size_t cap, size_t *n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void add(char *buf, size_t cap, size_t *n, const char *fmt, ...)
{
    if (*n >= cap - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *n, cap - *n, fmt, ap);
    va_end(ap);
    if (w > 0)
        *n = *n + (size_t)w >= cap ? cap - 1 : *n + (size_t)w;
}

/* "master" -> "a master's degree", for people. */
static const char *degree_words(const char *level)
{
    static const char *const W[][2] = {{"high-school", "a high-school diploma"},
                                       {"associate", "an associate degree"},
                                       {"bachelor", "a bachelor's degree"},
                                       {"master", "a master's degree"},
                                       {"phd", "a PhD"}};
    for (size_t i = 0; i < sizeof W / sizeof W[0]; i++)
        if (!strcmp(level, W[i][0]))
            return W[i][1];
    return level;
}

size_t gs_report_lack(const gs_report *r, const gs_rep_req *q, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    if (q->has_years) {
        double more = q->need_years - q->have_years;
        if (more > 0)
            add(buf, cap, &n, "%.1f more year%s (has %.1f of %g)", more, more == 1.0 ? "" : "s",
                q->have_years, q->need_years);
        else
            add(buf, cap, &n, "has %.1f of %g years", q->have_years, q->need_years);
    } else if (q->need_degree) {
        const char *have = q->have_degree && strcmp(q->have_degree, "none") ? q->have_degree : NULL;
        add(buf, cap, &n, "%s or higher (has %s)", degree_words(q->need_degree),
            have ? degree_words(have) : "no degree");
        if (q->note)
            add(buf, cap, &n, "; %s", q->note);
    } else if (q->need_team >= 0) {
        if (q->have_team > 0)
            add(buf, cap, &n, "a team of %d or more (largest stated: %d)", q->need_team, q->have_team);
        else
            add(buf, cap, &n, "a team of %d or more (no team size stated)", q->need_team);
    } else if (q->related && q->status != GAPSCAN_MET) {
        add(buf, cap, &n, "only the related %s; show ", q->related);
        for (size_t i = 0, k = 0; i < q->nskills && k < 4; i++)
            if (!has_skill(r, q->skills[i]))
                add(buf, cap, &n, "%s%s", k++ ? ", " : "", q->skills[i]);
        add(buf, cap, &n, " itself");
    } else if (q->note && !strncmp(q->note, "only hedged", 11)) {
        add(buf, cap, &n, "only hedged (\"familiar with\"); show hands-on use");
    } else if (q->nskills == 1 && !strcmp(q->skills[0], q->id) && q->status == GAPSCAN_MISSING) {
        add(buf, cap, &n, "nothing in the CV shows it");
    } else {
        size_t k = 0;
        for (size_t i = 0; i < q->nskills; i++)
            if (!has_skill(r, q->skills[i]))
                add(buf, cap, &n, "%s%s", k++ ? ", " : q->status == GAPSCAN_MISSING ? "the CV shows none of: "
                                                                                  : "not shown: ",
                    q->skills[i]);
        if (!k)
            add(buf, cap, &n, "%s", q->note ? q->note : "not shown in the CV");
    }
    return n;
}

void gs_report_tally(const gs_report *r, int required, size_t *met, size_t *partial, size_t *missing)
{
    *met = *partial = *missing = 0;
    for (size_t i = 0; i < r->nreqs; i++) {
        const gs_rep_req *q = &r->reqs[i];
        if (q->required != required)
            continue;
        if (q->status == GAPSCAN_MET)
            ++*met;
        else if (q->status == GAPSCAN_PARTIAL)
            ++*partial;
        else
            ++*missing;
    }
}

void gs_out_targets(gs_out *o, const gapscan_ranking *k, const char *titled)
{
    for (size_t t = 0; t < k->ntargets; t++) {
        const char *tt = k->target_titles && k->target_titles[t] ? k->target_titles[t] : NULL;
        gs_out_printf(o, "%s", t == 0 ? "" : t + 1 == k->ntargets ? " and " : ", ");
        if (tt)
            gs_out_printf(o, titled, tt, k->targets[t]);
        else
            gs_out_printf(o, "%c", k->targets[t]);
    }
    gs_out_printf(o, "%s%e", k->as_of ? ", as of " : "", k->as_of ? k->as_of : "");
}

void gs_out_printf(gs_out *o, const char *fmt, ...)
{
    if (o->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    const char *run = fmt;
    for (const char *f = fmt; !o->err; f++) {
        if (*f && *f != '%')
            continue;
        if (f > run && gs_buf_append(o->b, run, (size_t)(f - run)))
            o->err = 1;
        if (!*f || o->err)
            break;
        char num[64];
        const char *s;
        switch (*++f) {
        case 's':
            s = va_arg(ap, const char *);
            o->err |= gs_buf_puts(o->b, s ? s : "") != 0;
            break;
        case 'e':
            s = va_arg(ap, const char *);
            o->err |= o->escape(o->b, s ? s : "", s ? strlen(s) : 0) != 0;
            break;
        case 'c':
            s = va_arg(ap, const char *);
            o->err |= o->code(o->b, s ? s : "", s ? strlen(s) : 0) != 0;
            break;
        case 'd':
            snprintf(num, sizeof num, "%d", va_arg(ap, int));
            o->err |= gs_buf_puts(o->b, num) != 0;
            break;
        case 'z':
            snprintf(num, sizeof num, "%zu", va_arg(ap, size_t));
            o->err |= gs_buf_puts(o->b, num) != 0;
            break;
        case '1':
            snprintf(num, sizeof num, "%.1f", va_arg(ap, double));
            o->err |= gs_buf_puts(o->b, num) != 0;
            break;
        case 'g':
            snprintf(num, sizeof num, "%g", va_arg(ap, double));
            o->err |= gs_buf_puts(o->b, num) != 0;
            break;
        case '%':
            o->err |= gs_buf_puts(o->b, "%") != 0;
            break;
        default: /* a bug in a format string: stop rather than read a wrong argument */
            o->err = 1;
            break;
        }
        run = f + 1;
    }
    va_end(ap);
}

int gs_report_safe_href(const char *href)
{
    if (!href || !*href)
        return 0;
    size_t scheme = strcspn(href, ":/?#");
    if (href[scheme] != ':')
        return 1; /* relative */
    return (scheme == 4 && !strncmp(href, "http", 4)) || (scheme == 5 && !strncmp(href, "https", 5));
}
