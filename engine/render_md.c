/* render_md.c - a gap report, or a ranking of CVs, as Markdown (CommonMark
 * with GitHub tables), for tickets and e-mail: it reads well as plain text
 * too. Text from a report is backslash-escaped where Markdown would read it
 * as markup (md_escape, %e); ids and paths go in code spans whose fence is
 * longer than any run of backticks in them (md_code, %c). */
#include <stdio.h>
#include <string.h>

#include "report.h"

static int md_escape(gs_buf *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int esc = strchr("\\`*_[]<>|~&#", c) != NULL && c != '\0';
        int ctl = (unsigned char)c < 0x20;
        if (!esc && !ctl)
            continue;
        if (gs_buf_append(b, s + run, i - run) ||
            (ctl ? gs_buf_puts(b, " ") : gs_buf_append(b, "\\", 1) || gs_buf_append(b, &c, 1)))
            return -1;
        run = i + 1;
    }
    return gs_buf_append(b, s + run, len - run);
}

static int md_code(gs_buf *b, const char *s, size_t len)
{
    size_t longest = 0, cur = 0;
    for (size_t i = 0; i < len; i++) {
        cur = s[i] == '`' ? cur + 1 : 0;
        if (cur > longest)
            longest = cur;
    }
    char fence[16];
    size_t n = longest + 1 < sizeof fence ? longest + 1 : sizeof fence - 1;
    memset(fence, '`', n);
    int pad = len && (s[0] == '`' || s[len - 1] == '`');
    if (gs_buf_append(b, fence, n) || (pad && gs_buf_puts(b, " ")))
        return -1;
    for (size_t i = 0; i < len; i++) { /* a code span is one line; a table cell has no bar */
        char c = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
        if (c == '|' ? gs_buf_puts(b, "\\|") : gs_buf_append(b, &c, 1))
            return -1;
    }
    return (pad && gs_buf_puts(b, " ")) || gs_buf_append(b, fence, n) ? -1 : 0;
}

/* A link target, percent-encoded where Markdown or a URL would stumble. */
static void md_href(gs_out *o, const char *href)
{
    for (const char *p = href; *p && !o->err; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            strchr("-._~/:#?=%+,;@!$", c))
            o->err |= gs_buf_append(o->b, p, 1) != 0;
        else
            o->err |= gs_buf_printf(o->b, "%%%02X", c) != 0;
    }
}

static const char *mark(gapscan_req_status s)
{
    return s == GAPSCAN_MET ? "\xE2\x9C\x94 met" : s == GAPSCAN_PARTIAL ? "\xE2\x97\x90 partial"
                                                                    : "\xE2\x9C\x98 missing";
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

static void tally_line(gs_out *o, const gs_report *r, int required)
{
    size_t m, p, x;
    gs_report_tally(r, required, &m, &p, &x);
    if (m + p + x)
        gs_out_printf(o, "- %s: %z of %z met, %z partial, %z missing\n", required ? "Required" : "Preferred",
                      m, m + p + x, p, x);
}

static void md_requirement(gs_out *o, const gs_rep_req *q)
{
    gs_out_printf(o, "- %s **%e**: %e\n", mark(q->status), q->id, q->text);
    if (q->has_years)
        gs_out_printf(o, "  - years: has %1, needs %g\n", q->have_years, q->need_years);
    if (q->need_degree)
        gs_out_printf(o, "  - degree: has %e, needs %e%s%e%s\n", q->have_degree ? q->have_degree : "none",
                      q->need_degree, q->note ? " (" : "", q->note ? q->note : "", q->note ? ")" : "");
    if (q->need_team >= 0 && q->have_team > 0)
        gs_out_printf(o, "  - team: has %d, needs %d\n", q->have_team, q->need_team);
    else if (q->need_team >= 0)
        gs_out_printf(o, "  - team: no size stated, needs %d\n", q->need_team);
    if (q->related)
        gs_out_printf(o, "  - partly, through the related skill %c\n", q->related);
    if (q->ev_line > 0)
        gs_out_printf(o, "  - line %d: %e\n", q->ev_line, q->ev_text);
}

int gs_render_md(gs_buf *b, const gs_report *r)
{
    gs_out o = {b, 0, md_escape, md_code};
    size_t *order = gs_malloc(b->mem, (r->nreqs ? r->nreqs : 1) * sizeof *order);
    if (!order)
        return -1;
    gs_out_printf(&o, "## Gap report: %e\n\n**%d/100** (%s) against **%e** (%c)%s%e\n\n", base_name(r->cv),
                  r->score, r->score >= 75 ? "strong fit" : r->score >= 50 ? "partial fit" : "weak fit",
                  r->title, r->target, r->as_of ? ", as of " : "", r->as_of ? r->as_of : "");
    gs_out_printf(&o, "- CV: %c\n- Experience: %1 years%s\n- Education: %e", r->cv, r->years,
                  r->npos ? "" : " (no dated positions)", r->highest);
    for (size_t i = 0; i < r->nfields; i++)
        gs_out_printf(&o, "%s%e", i ? ", " : " in ", r->fields[i]);
    gs_out_printf(&o, "\n");
    if (r->mgmt_years > 0 || r->team_size > 0) {
        gs_out_printf(&o, "- Leadership: ");
        if (r->mgmt_years > 0)
            gs_out_printf(&o, "%1 years managing", r->mgmt_years);
        if (r->team_size > 0)
            gs_out_printf(&o, "%steam of %d", r->mgmt_years > 0 ? ", " : "", r->team_size);
        gs_out_printf(&o, "\n");
    }
    tally_line(&o, r, 1);
    tally_line(&o, r, 0);

    size_t n = gs_report_gap_order(r, order);
    gs_out_printf(&o, "\n### To reach this role\n\n");
    if (!n)
        gs_out_printf(&o, "Every requirement is met.\n");
    for (size_t i = 0; i < n; i++) {
        const gs_rep_req *q = &r->reqs[order[i]];
        char lack[512];
        gs_report_lack(r, q, lack, sizeof lack);
        gs_out_printf(&o, "%z. **%e** (%s, %s): %e\n%s- %e\n", i + 1, q->id, q->required ? "required" : "preferred",
                      gs_report_status_name(q->status), lack, i + 1 >= 10 ? "    " : "   ", q->text);
    }
    for (int required = 1; required >= 0; required--) {
        size_t m, p, x;
        gs_report_tally(r, required, &m, &p, &x);
        if (!(m + p + x))
            continue;
        gs_out_printf(&o, "\n### %s (%z of %z met)\n\n", required ? "Required" : "Preferred", m, m + p + x);
        for (size_t i = 0; i < r->nreqs; i++)
            if (r->reqs[i].required == required)
                md_requirement(&o, &r->reqs[i]);
    }
    if (r->npos) {
        gs_out_printf(&o, "\n### Positions\n\n| From | To | Months | Position | Line |\n|---|---|--:|---|--:|\n");
        for (size_t i = 0; i < r->npos; i++) {
            char a[24], z[24];
            gs_report_month(r->pos[i].start, a, sizeof a);
            gs_report_month(r->pos[i].end, z, sizeof z);
            gs_out_printf(&o, "| %s | %s | %d | %e | %d |\n", a, z, r->pos[i].months, r->pos[i].title,
                          r->pos[i].line);
        }
        for (size_t i = 0; i < r->ngaps; i++) {
            char a[24], z[24];
            gs_report_month(r->gaps[i].start, a, sizeof a);
            gs_report_month(r->gaps[i].end, z, sizeof z);
            gs_out_printf(&o, "| %s | %s | %d | *break without a dated position* | |\n", a, z, r->gaps[i].months);
        }
    }
    if (r->nunchecked) {
        gs_out_printf(&o, "\n### Not checked (not scored)\n\n");
        for (size_t i = 0; i < r->nunchecked; i++)
            gs_out_printf(&o, "- %c: %e\n", r->unchecked[i].id, r->unchecked[i].text);
    }
    if (r->nexcluded) {
        gs_out_printf(&o, "\n### Mentioned but not counted\n\n");
        for (size_t i = 0; i < r->nexcluded; i++)
            gs_out_printf(&o, "- %c, line %d: %e\n", r->excluded[i].id, r->excluded[i].line, r->excluded[i].text);
    }
    if (r->nwarnings) {
        gs_out_printf(&o, "\n### Warnings\n\n");
        for (size_t i = 0; i < r->nwarnings; i++)
            gs_out_printf(&o, "- %e\n", r->warnings[i]);
    }
    gs_out_printf(&o, "\n*%e, lexicon %e*\n", r->engine ? r->engine : "gapscan", r->lexicon ? r->lexicon : "-");
    gs_free(b->mem, order);
    return o.err ? -1 : 0;
}

int gs_render_md_ranking(gs_buf *b, const gapscan_ranking *k)
{
    gs_out o = {b, 0, md_escape, md_code};
    size_t nt = k->ntargets, scored = 0, failed = 0;
    for (size_t i = 0; i < k->nrows; i++)
        k->rows[i].error ? failed++ : scored++;
    const char *t0 = k->target_titles && k->target_titles[0] ? k->target_titles[0] : k->targets[0];
    gs_out_printf(&o, "## Ranking: %e\n\n%z CV%s against ", k->title ? k->title : t0, scored, scored == 1 ? "" : "s");
    gs_out_targets(&o, k, "**%e** (%c)");
    gs_out_printf(&o, ".\n\n| # | Candidate |");
    for (size_t t = 0; t < nt; t++)
        gs_out_printf(&o, " %e |", nt == 1 ? "Score" : k->targets[t]);
    gs_out_printf(&o, " %s | Years | Degree |\n|--:|---|", nt == 1 ? "Top gaps" : "Best fit");
    for (size_t t = 0; t < nt; t++)
        gs_out_printf(&o, "--:|");
    gs_out_printf(&o, "---|--:|---|\n");
    size_t rank = 0;
    for (size_t i = 0; i < k->nrows; i++) {
        const gapscan_rank_row *w = &k->rows[i];
        if (w->error)
            continue;
        gs_out_printf(&o, "| %z | ", ++rank);
        if (w->hrefs && gs_report_safe_href(w->hrefs[0])) {
            gs_out_printf(&o, "[%e](", w->cv);
            md_href(&o, w->hrefs[0]);
            gs_out_printf(&o, ")");
        } else {
            gs_out_printf(&o, "%e", w->cv);
        }
        size_t best = 0;
        for (size_t t = 0; t < nt; t++) {
            if (w->scores[t] >= 0)
                gs_out_printf(&o, " | %d", w->scores[t]);
            else
                gs_out_printf(&o, " | -");
            if (w->scores[t] > w->scores[best])
                best = t;
        }
        if (nt == 1)
            gs_out_printf(&o, " | %e", w->gaps && w->gaps[0] && *w->gaps[0] ? w->gaps[0] : "-");
        else
            gs_out_printf(&o, " | %c", k->targets[best]);
        if (w->years >= 0)
            gs_out_printf(&o, " | %1", w->years);
        else
            gs_out_printf(&o, " | -");
        gs_out_printf(&o, " | %e |\n", w->degree && *w->degree ? w->degree : "-");
    }
    if (failed) {
        gs_out_printf(&o, "\n### Not scored\n\n");
        for (size_t i = 0; i < k->nrows; i++)
            if (k->rows[i].error)
                gs_out_printf(&o, "- %c: %e\n", k->rows[i].cv, k->rows[i].error);
    }
    return o.err ? -1 : 0;
}
