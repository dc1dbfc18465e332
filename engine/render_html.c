/* render_html.c - a gap report, or a ranking of CVs, as one self-contained
 * HTML page: inline CSS and SVG, no script, nothing fetched. It reads on a
 * phone (one column under 640px), prints cleanly (print CSS), and parses as
 * XML too (every element closed, only numeric character references), so
 * tests can check it with libxml2.
 *
 * Everything that comes from a report - CV lines, titles, ids, even role
 * text, since roles can be compiled from any job description - goes through
 * html_escape() (%e); only literals and numbers are written as they are. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static int html_escape(gs_buf *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        const char *rep;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default:
            /* control characters have no place in a page (and none in XML) */
            rep = (unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\n' ? " " : NULL;
            break;
        }
        if (!rep)
            continue;
        if (gs_buf_append(b, s + run, i - run) || gs_buf_puts(b, rep))
            return -1;
        run = i + 1;
    }
    return gs_buf_append(b, s + run, len - run);
}

static int html_code(gs_buf *b, const char *s, size_t len)
{
    return gs_buf_puts(b, "<code>") || html_escape(b, s, len) || gs_buf_puts(b, "</code>") ? -1 : 0;
}

/* The stylesheet of both pages. No '<' or '&' in it (it is XML text too). */
static const char CSS[] =
    ":root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;"
    "--met:#1a7f37;--met-bg:#dafbe1;--met-bar:#2da44e;"
    "--partial:#8a5a00;--partial-bg:#fff4c2;--partial-bar:#d4a72c;"
    "--missing:#c0222b;--missing-bg:#ffebe9;--missing-bar:#e5534b;"
    "--ind:#4f7fd9;--mgmt:#14919b;--senior:#8250df;--skill:#768390;--brk:#e5534b}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}\n"
    "main{max-width:980px;margin:0 auto;padding:24px 20px 40px}\n"
    "h1,h2,h3{line-height:1.25;margin:0}\n"
    "h1{font-size:26px;overflow-wrap:anywhere}\n"
    "h2{font-size:18px;margin-bottom:12px}\n"
    "h3{font-size:15px;margin:18px 0 8px;display:flex;gap:8px;align-items:baseline}\n"
    "p{margin:0}\n"
    "code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
    "background:#eff2f5;border-radius:4px;padding:1px 5px;overflow-wrap:anywhere}\n"
    "a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:10px;"
    "padding:18px 20px;margin-top:16px}\n"
    ".eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;"
    "font-weight:600;color:var(--muted)}\n"
    ".muted{color:var(--muted)}\n"
    ".count{font-weight:400;color:var(--muted);font-size:13px}\n"
    /* header and score */
    ".top{display:flex;gap:20px;align-items:center;justify-content:space-between}\n"
    ".who{min-width:0;flex:1}\n"
    ".path{color:var(--muted);font-size:13px;overflow-wrap:anywhere}\n"
    ".target{margin-top:6px;font-size:16px}\n"
    ".facts{display:flex;flex-wrap:wrap;gap:6px 22px;margin:14px 0 0;padding:0}\n"
    ".facts div{min-width:0}\n"
    ".facts dt{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.06em}\n"
    ".facts dd{margin:0;font-weight:600}\n"
    ".score{flex:none;text-align:center}\n"
    ".score svg{width:128px;height:128px;display:block}\n"
    ".ring-bg{fill:none;stroke:#e6eaef;stroke-width:11}\n"
    ".ring{fill:none;stroke-width:11;stroke-linecap:round}\n"
    ".high .ring{stroke:var(--met-bar)}.mid .ring{stroke:var(--partial-bar)}.low .ring{stroke:var(--missing-bar)}\n"
    ".score-num{font-size:38px;font-weight:700;fill:var(--ink)}\n"
    ".score-of{font-size:13px;fill:var(--muted)}\n"
    ".verdict{font-size:13px;font-weight:600;margin-top:2px}\n"
    ".high .verdict{color:var(--met)}.mid .verdict{color:var(--partial)}.low .verdict{color:var(--missing)}\n"
    /* badges and group bars */
    ".badge{display:inline-block;font-size:12px;font-weight:600;line-height:18px;"
    "padding:0 8px;border-radius:9px;white-space:nowrap;border:1px solid transparent}\n"
    ".badge.met{color:var(--met);background:var(--met-bg);border-color:#aceebb}\n"
    ".badge.partial{color:var(--partial);background:var(--partial-bg);border-color:#f0d77a}\n"
    ".badge.missing{color:var(--missing);background:var(--missing-bg);border-color:#ffcecb}\n"
    ".imp{font-size:12px;color:var(--muted)}\n"
    ".groups{display:grid;grid-template-columns:1fr 1fr;gap:14px 28px}\n"
    ".group-head{display:flex;justify-content:space-between;font-weight:600;margin-bottom:6px}\n"
    ".bar{display:block;width:100%;height:14px;border-radius:7px;overflow:hidden}\n"
    ".bar .met,.seg.met{fill:var(--met-bar)}.bar .partial{fill:var(--partial-bar)}"
    ".bar .missing{fill:var(--missing-bar)}.bar .empty{fill:#e6eaef}\n"
    ".legend{font-size:13px;color:var(--muted);margin-top:6px;display:flex;gap:14px;flex-wrap:wrap}\n"
    ".dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;vertical-align:0}\n"
    ".dot.met{background:var(--met-bar)}.dot.partial{background:var(--partial-bar)}"
    ".dot.missing{background:var(--missing-bar)}.dot.individual{background:var(--ind)}"
    ".dot.management{background:var(--mgmt)}.dot.senior-leadership{background:var(--senior)}"
    ".dot.skill{background:var(--skill)}.dot.break{background:var(--brk)}\n"
    /* the gap list */
    "ol.gaps{margin:0;padding:0;list-style:none;counter-reset:gap}\n"
    "ol.gaps li{counter-increment:gap;position:relative;padding:10px 0 10px 38px;"
    "border-top:1px solid var(--line)}\n"
    "ol.gaps li:first-child{border-top:0;padding-top:2px}\n"
    "ol.gaps li::before{content:counter(gap);position:absolute;left:0;top:10px;width:26px;height:26px;"
    "border-radius:50%;background:#eff2f5;color:var(--muted);font-weight:700;font-size:13px;"
    "text-align:center;line-height:26px}\n"
    "ol.gaps li:first-child::before{top:2px}\n"
    ".lack{font-weight:500;margin-top:2px}.lack::first-letter{text-transform:uppercase}\n"
    ".req-text{color:var(--muted);font-size:14px;margin-top:2px}\n"
    ".all-met{color:var(--met);font-weight:600}\n"
    /* requirements */
    "ul.reqs{list-style:none;margin:0;padding:0}\n"
    "ul.reqs li{padding:12px 0;border-top:1px solid var(--line)}\n"
    "ul.reqs li:first-child{border-top:0;padding-top:0}\n"
    ".req-head{display:flex;gap:8px;align-items:center;flex-wrap:wrap}\n"
    ".req-id{font-weight:600;overflow-wrap:anywhere}\n"
    ".detail{font-size:14px;margin-top:4px}\n"
    "blockquote.ev{margin:6px 0 0;padding:4px 10px;border-left:3px solid var(--line);"
    "background:#f6f8fa;font-size:14px;overflow-wrap:anywhere;border-radius:0 6px 6px 0}\n"
    ".ln{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);margin-right:8px}\n"
    /* the timeline */
    ".tl-row{display:grid;grid-template-columns:260px 1fr;gap:14px;align-items:center;padding:5px 0}\n"
    ".tl-row.skill{padding:2px 0}.tl-row.skill strong{font-weight:500}\n"
    ".tl-label{min-width:0;font-size:14px;line-height:1.3}\n"
    ".tl-label strong{display:block;overflow-wrap:anywhere}\n"
    ".tl-label .sub{display:block;color:var(--muted);font-size:12px;overflow-wrap:anywhere}\n"
    ".yrs{float:right;font-weight:600;margin-left:8px;white-space:nowrap}\n"
    ".track{display:block;width:100%;height:16px}\n"
    ".track .bg{fill:#eef1f4}.track .grid{stroke:#d8dee4;stroke-width:1}\n"
    ".seg.individual{fill:var(--ind)}.seg.management{fill:var(--mgmt)}"
    ".seg.senior-leadership{fill:var(--senior)}.seg.skill{fill:var(--skill)}.seg.break{fill:var(--brk)}\n"
    ".seg.hedged{fill-opacity:.45}\n"
    ".tl-axis{position:relative;height:18px;font-size:11px;color:var(--muted)}\n"
    ".tl-axis span{position:absolute;top:0;transform:translateX(-50%);white-space:nowrap}\n"
    ".tl-axis span.first{transform:none}\n"
    ".tl-sep{margin:14px 0 4px;font-size:13px;font-weight:600;color:var(--muted)}\n"
    /* lists at the end, footer */
    "ul.plain{margin:0;padding-left:18px}ul.plain li{margin:3px 0}\n"
    "footer{margin-top:22px;font-size:12px;color:var(--muted);text-align:center}\n"
    /* the ranking */
    ".table-wrap{overflow-x:auto}\n"
    "table.rank{width:100%;border-collapse:collapse;font-size:14px}\n"
    "table.rank th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.06em;"
    "color:var(--muted);border-bottom:2px solid var(--line);padding:6px 8px}\n"
    "table.rank td{border-bottom:1px solid var(--line);padding:8px;vertical-align:middle}\n"
    "table.rank tr:last-child td{border-bottom:0}\n"
    "td.num,th.num{text-align:right;white-space:nowrap}\n"
    "td.cand{overflow-wrap:anywhere}\n"
    ".sc{display:flex;align-items:center;gap:8px;min-width:110px}\n"
    ".sc b{width:2.2em;text-align:right}\n"
    ".sc svg{flex:1;height:8px;border-radius:4px;min-width:50px}\n"
    ".sc .empty{fill:#e6eaef}.sc .high{fill:var(--met-bar)}.sc .mid{fill:var(--partial-bar)}"
    ".sc .low{fill:var(--missing-bar)}\n"
    /* phones */
    "@media (max-width:640px){main{padding:14px 12px 28px}.card{padding:14px}"
    ".top{flex-direction:column-reverse;align-items:flex-start}.score svg{width:104px;height:104px}"
    ".score{align-self:center}.groups{grid-template-columns:1fr}"
    ".facts{display:grid;grid-template-columns:1fr 1fr;gap:8px 14px}"
    ".tl-row{grid-template-columns:1fr;gap:4px}.tl-row.axis .tl-label{display:none}"
    "h1{font-size:22px}"
    "table.rank thead{display:none}table.rank,table.rank tbody,table.rank tr,table.rank td{display:block}"
    "table.rank tr{border-bottom:1px solid var(--line);padding:8px 0}"
    "table.rank td{border:0;padding:2px 0}"
    "table.rank td[data-label]::before{content:attr(data-label) ': ';color:var(--muted);font-size:12px}"
    "table.rank tr:last-child{border-bottom:0}"
    "table.rank td.rk{display:inline-block;width:1.8em;font-weight:700;color:var(--muted)}"
    "table.rank td.cand{display:inline;font-weight:600}"
    "table.rank td.yr,table.rank td.deg{display:inline-block;margin-right:18px}"
    "td.num{text-align:left}}\n"
    /* paper */
    "@media print{@page{margin:14mm}body{background:#fff;font-size:11pt}main{max-width:none;padding:0}"
    ".card{border:0;border-top:1px solid var(--line);border-radius:0;padding:10px 0;margin-top:8px}"
    "li,.tl-row,.group,blockquote{break-inside:avoid}h2,h3{break-after:avoid}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "a{color:inherit}footer{margin-top:10px}}\n";

/* The page up to <title> (the caller writes the title), then page_body(). */
static void page_head(gs_out *o, const char *engine)
{
    gs_out_printf(o,
                  "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                  "<meta name=\"generator\" content=\"%e\"/>\n",
                  engine ? engine : "gapscan " GAPSCAN_VERSION);
}

static void page_body(gs_out *o)
{
    gs_out_printf(o, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", CSS);
}

/* The last component of a path ("corpus/cvs/a.md" -> "a.md"). */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s && s[1] ? s + 1 : path;
}

static const char *band(int score)
{
    return score >= 75 ? "high" : score >= 50 ? "mid" : "low";
}

/* ---- the report ---- */

static void score_ring(gs_out *o, int score)
{
    const double c = 2 * 3.14159265358979 * 52;
    double on = c * (score < 0 ? 0 : score > 100 ? 100 : score) / 100.0;
    gs_out_printf(o,
                  "<div class=\"score %s\" id=\"score\">\n"
                  "<svg viewBox=\"0 0 128 128\" role=\"img\" aria-label=\"score %d of 100\">"
                  "<circle class=\"ring-bg\" cx=\"64\" cy=\"64\" r=\"52\"/>"
                  "<circle class=\"ring\" cx=\"64\" cy=\"64\" r=\"52\" stroke-dasharray=\"%1 %1\" "
                  "transform=\"rotate(-90 64 64)\"/>"
                  "<text class=\"score-num\" x=\"64\" y=\"70\" text-anchor=\"middle\">%d</text>"
                  "<text class=\"score-of\" x=\"64\" y=\"90\" text-anchor=\"middle\">of 100</text></svg>\n"
                  "<p class=\"verdict\">%s</p>\n</div>\n",
                  band(score), score, on, c, score,
                  score >= 75 ? "strong fit" : score >= 50 ? "partial fit" : "weak fit");
}

static void header(gs_out *o, const gs_report *r)
{
    char asof[24] = "-";
    int y, m;
    if (r->as_of && !gapscan_parse_month(r->as_of, &y, &m))
        gs_report_month(y * 12 + m - 1, asof, sizeof asof);
    gs_out_printf(o,
                  "<header class=\"card top\">\n<div class=\"who\">\n<p class=\"eyebrow\">Gap report</p>\n"
                  "<h1 id=\"candidate\">%e</h1>\n",
                  base_name(r->cv));
    if (strcmp(base_name(r->cv), r->cv))
        gs_out_printf(o, "<p class=\"path\">%e</p>\n", r->cv);
    gs_out_printf(o, "<p class=\"target\">against <strong>%e</strong> %c</p>\n<dl class=\"facts\">\n",
                  r->title, r->target);
    gs_out_printf(o, "<div><dt>Experience</dt><dd>%1 years</dd></div>\n", r->years);
    gs_out_printf(o, "<div><dt>Education</dt><dd>%e", r->highest);
    for (size_t i = 0; i < r->nfields; i++)
        gs_out_printf(o, "%s%e", i ? ", " : " in ", r->fields[i]);
    gs_out_printf(o, "</dd></div>\n");
    if (r->mgmt_years > 0 || r->team_size > 0) {
        gs_out_printf(o, "<div><dt>Leadership</dt><dd>");
        if (r->mgmt_years > 0)
            gs_out_printf(o, "%1 years managing", r->mgmt_years);
        if (r->team_size > 0)
            gs_out_printf(o, "%steam of %d", r->mgmt_years > 0 ? ", " : "", r->team_size);
        gs_out_printf(o, "</dd></div>\n");
    }
    gs_out_printf(o, "<div><dt>As of</dt><dd>%e</dd></div>\n</dl>\n</div>\n", asof);
    score_ring(o, r->score);
    gs_out_printf(o, "</header>\n");
}

/* A stacked bar of met / partial / missing counts. */
static void group_bar(gs_out *o, const char *name, size_t met, size_t partial, size_t missing)
{
    size_t n = met + partial + missing;
    gs_out_printf(o, "<div class=\"group\">\n<div class=\"group-head\"><span>%s</span><span class=\"count\">",
                  name);
    if (n)
        gs_out_printf(o, "%z of %z met", met, n);
    else
        gs_out_printf(o, "none in this role");
    gs_out_printf(o,
                  "</span></div>\n<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" "
                  "role=\"img\" aria-label=\"%s: %z met, %z partial, %z missing\">",
                  name, met, partial, missing);
    if (!n) {
        gs_out_printf(o, "<rect class=\"empty\" width=\"100\" height=\"10\"/>");
    } else {
        const size_t k[3] = {met, partial, missing};
        const char *cls[3] = {"met", "partial", "missing"};
        double x = 0;
        for (int i = 0; i < 3; i++) {
            if (!k[i])
                continue;
            double w = 100.0 * (double)k[i] / (double)n;
            gs_out_printf(o, "<rect class=\"%s\" x=\"%g\" width=\"%g\" height=\"10\"/>", cls[i], x, w);
            x += w;
        }
    }
    gs_out_printf(o,
                  "</svg>\n<p class=\"legend\"><span><span class=\"dot met\"></span>%z met</span>"
                  "<span><span class=\"dot partial\"></span>%z partial</span>"
                  "<span><span class=\"dot missing\"></span>%z missing</span></p>\n</div>\n",
                  met, partial, missing);
}

static void summary(gs_out *o, const gs_report *r)
{
    size_t m, p, x;
    gs_out_printf(o, "<section class=\"card\" id=\"summary\">\n<h2>Requirements at a glance</h2>\n"
                     "<div class=\"groups\">\n");
    gs_report_tally(r, 1, &m, &p, &x);
    group_bar(o, "Required", m, p, x);
    gs_report_tally(r, 0, &m, &p, &x);
    group_bar(o, "Preferred", m, p, x);
    gs_out_printf(o, "</div>\n</section>\n");
}

static void badge(gs_out *o, gapscan_req_status s)
{
    const char *n = gs_report_status_name(s);
    gs_out_printf(o, "<span class=\"badge %s\">%s</span>", n, n);
}

static void gap_list(gs_out *o, const gs_report *r, size_t *order)
{
    size_t n = gs_report_gap_order(r, order);
    gs_out_printf(o, "<section class=\"card\" id=\"gaps\">\n<h2>To reach this role</h2>\n");
    if (!n) {
        gs_out_printf(o, "<p class=\"all-met\">Every requirement is met.</p>\n</section>\n");
        return;
    }
    gs_out_printf(o, "<ol class=\"gaps\">\n");
    for (size_t i = 0; i < n; i++) {
        const gs_rep_req *q = &r->reqs[order[i]];
        char lack[512];
        gs_report_lack(r, q, lack, sizeof lack);
        gs_out_printf(o, "<li><div class=\"req-head\">");
        badge(o, q->status);
        gs_out_printf(o, "<span class=\"req-id\">%e</span><span class=\"imp\">%s</span></div>\n"
                         "<p class=\"lack\">%e</p>\n<p class=\"req-text\">%e</p></li>\n",
                      q->id, q->required ? "required" : "preferred", lack, q->text);
    }
    gs_out_printf(o, "</ol>\n</section>\n");
}

static void requirement(gs_out *o, const gs_rep_req *q)
{
    gs_out_printf(o, "<li class=\"req %s\"><div class=\"req-head\">", gs_report_status_name(q->status));
    badge(o, q->status);
    gs_out_printf(o, "<span class=\"req-id\">%e</span></div>\n<p class=\"req-text\">%e</p>\n", q->id, q->text);
    if (q->has_years)
        gs_out_printf(o, "<p class=\"detail\">Years: has %1, needs %g%s</p>\n", q->have_years, q->need_years,
                      q->note && !strcmp(q->note, "as the CV states it") ? " (as the CV states it)" : "");
    if (q->need_degree)
        gs_out_printf(o, "<p class=\"detail\">Degree: has %e, needs %e%s%e</p>\n",
                      q->have_degree ? q->have_degree : "none", q->need_degree, q->note ? " - " : "",
                      q->note ? q->note : "");
    if (q->need_team >= 0) {
        if (q->have_team > 0)
            gs_out_printf(o, "<p class=\"detail\">Team: has %d, needs %d</p>\n", q->have_team, q->need_team);
        else
            gs_out_printf(o, "<p class=\"detail\">Team: no size stated, needs %d</p>\n", q->need_team);
    }
    if (q->related)
        gs_out_printf(o, "<p class=\"detail\">Partly, through the related skill %c</p>\n", q->related);
    else if (q->note && !q->has_years && !q->need_degree && strcmp(q->note, "inferred"))
        gs_out_printf(o, "<p class=\"detail muted\">%e</p>\n", q->note);
    if (q->ev_line > 0)
        gs_out_printf(o, "<blockquote class=\"ev\"><span class=\"ln\">line %d</span>%e</blockquote>\n",
                      q->ev_line, q->ev_text);
    gs_out_printf(o, "</li>\n");
}

static void requirements(gs_out *o, const gs_report *r)
{
    gs_out_printf(o, "<section class=\"card\" id=\"requirements\">\n<h2>Requirements</h2>\n");
    for (int required = 1; required >= 0; required--) {
        size_t m, p, x;
        gs_report_tally(r, required, &m, &p, &x);
        if (!(m + p + x))
            continue;
        gs_out_printf(o, "<h3>%s <span class=\"count\">%z of %z met</span></h3>\n<ul class=\"reqs\" id=\"%s\">\n",
                      required ? "Required" : "Preferred", m, m + p + x, required ? "required" : "preferred");
        for (size_t i = 0; i < r->nreqs; i++)
            if (r->reqs[i].required == required)
                requirement(o, &r->reqs[i]);
        gs_out_printf(o, "</ul>\n");
    }
    gs_out_printf(o, "</section>\n");
}

/* ---- the timeline ---- */

typedef struct scale {
    int lo, span; /* first month shown, months shown */
} scale;

static double sx(const scale *s, int month)
{
    return 1000.0 * (double)(month - s->lo) / (double)s->span;
}

static void track_open(gs_out *o, const scale *s, const char *label)
{
    gs_out_printf(o,
                  "<svg class=\"track\" viewBox=\"0 0 1000 16\" preserveAspectRatio=\"none\" role=\"img\" "
                  "aria-label=\"%e\"><rect class=\"bg\" width=\"1000\" height=\"16\"/>",
                  label);
    for (int y = s->lo / 12 + 1; y * 12 < s->lo + s->span; y++) {
        double x = sx(s, y * 12);
        gs_out_printf(o, "<line class=\"grid\" x1=\"%1\" x2=\"%1\" y1=\"0\" y2=\"16\" "
                         "vector-effect=\"non-scaling-stroke\"/>",
                      x, x);
    }
}

static void seg(gs_out *o, const scale *s, int start, int end, const char *cls, const char *tip)
{
    if (start < 0 || end < start)
        return;
    double x = sx(s, start), w = sx(s, end + 1) - x;
    gs_out_printf(o, "<rect class=\"seg %s\" x=\"%1\" y=\"2\" width=\"%1\" height=\"12\"><title>%e</title></rect>",
                  cls, x, w < 2 ? 2.0 : w, tip);
}

/* The class of a position's bar: a seniority the stylesheet knows. */
static const char *sen_class(const char *seniority)
{
    return !strcmp(seniority, "management")          ? "management"
           : !strcmp(seniority, "senior-leadership") ? "senior-leadership"
                                                     : "individual";
}

static const gs_rep_pos *pos_at_line(const gs_report *r, int line)
{
    for (size_t i = 0; i < r->npos; i++)
        if (r->pos[i].line == line)
            return &r->pos[i];
    return NULL;
}

static int asks_for(const gs_report *r, const char *skill)
{
    for (size_t i = 0; i < r->nreqs; i++)
        for (size_t k = 0; k < r->reqs[i].nskills; k++)
            if (!strcmp(r->reqs[i].skills[k], skill))
                return 1;
    return 0;
}

static int cmp_years(const void *a, const void *b)
{
    const gs_rep_skill *x = *(const gs_rep_skill *const *)a, *y = *(const gs_rep_skill *const *)b;
    if (x->years != y->years)
        return x->years > y->years ? -1 : 1;
    return strcmp(x->id, y->id);
}

#define TL_SKILLS 14 /* skill rows at most */

static void timeline(gs_out *o, const gs_report *r, const gs_rep_skill **pick)
{
    gs_out_printf(o, "<section class=\"card\" id=\"timeline\">\n<h2>Career timeline</h2>\n");
    int lo = -1, hi = -1;
    for (size_t i = 0; i < r->npos; i++) {
        if (r->pos[i].start < 0 || r->pos[i].end < r->pos[i].start)
            continue;
        if (lo < 0 || r->pos[i].start < lo)
            lo = r->pos[i].start;
        if (r->pos[i].end > hi)
            hi = r->pos[i].end;
    }
    if (lo < 0) {
        gs_out_printf(o, "<p class=\"muted\">No dated positions in the CV, so no timeline: years of "
                         "experience come from what the CV states.</p>\n</section>\n");
        return;
    }
    scale s = {lo / 12 * 12, (hi / 12 + 1) * 12 - lo / 12 * 12};
    int years = s.span / 12, step = years <= 12 ? 1 : years <= 24 ? 2 : 5;
    gs_out_printf(o, "<p class=\"legend\"><span><span class=\"dot individual\"></span>individual</span>"
                     "<span><span class=\"dot management\"></span>management</span>"
                     "<span><span class=\"dot senior-leadership\"></span>senior leadership</span>"
                     "<span><span class=\"dot skill\"></span>skill in use</span>%s</p>\n",
                  r->ngaps ? "<span><span class=\"dot break\"></span>break</span>" : "");
    gs_out_printf(o, "<div class=\"tl\">\n<div class=\"tl-row axis\"><div class=\"tl-label\"></div>"
                     "<div class=\"tl-axis\">");
    for (int y = s.lo / 12; y * 12 < s.lo + s.span; y += step)
        gs_out_printf(o, "<span%s style=\"left:%1%%\">%d</span>", y * 12 == s.lo ? " class=\"first\"" : "",
                      100.0 * (double)(y * 12 - s.lo) / (double)s.span, y);
    gs_out_printf(o, "</div></div>\n");
    for (size_t i = 0; i < r->npos; i++) {
        const gs_rep_pos *p = &r->pos[i];
        char a[24], b[24], tip[96];
        gs_report_month(p->start, a, sizeof a);
        gs_report_month(p->end, b, sizeof b);
        snprintf(tip, sizeof tip, "%s - %s, %d months", a, b, p->months);
        gs_out_printf(o, "<div class=\"tl-row pos\"><div class=\"tl-label\"><strong>%e</strong>"
                         "<span class=\"sub\">%e%s%s - %s &#183; line %d</span></div>",
                      p->role, p->employer, *p->employer ? " &#183; " : "", a, b, p->line);
        track_open(o, &s, tip);
        seg(o, &s, p->start, p->end, sen_class(p->seniority), tip);
        gs_out_printf(o, "</svg></div>\n");
    }
    if (r->ngaps) {
        gs_out_printf(o, "<div class=\"tl-row break\"><div class=\"tl-label\"><strong>Breaks</strong>"
                         "<span class=\"sub\">3 months or more without a dated position</span></div>");
        track_open(o, &s, "breaks between positions");
        for (size_t i = 0; i < r->ngaps; i++) {
            char a[24], b[24], tip[96];
            gs_report_month(r->gaps[i].start, a, sizeof a);
            gs_report_month(r->gaps[i].end, b, sizeof b);
            snprintf(tip, sizeof tip, "break: %s - %s, %d months", a, b, r->gaps[i].months);
            seg(o, &s, r->gaps[i].start, r->gaps[i].end, "break", tip);
        }
        gs_out_printf(o, "</svg></div>\n");
    }
    /* the skills the role asks for that the CV shows, most years first;
     * the CV's other dated skills when the role names none of them */
    size_t n = 0;
    for (int pass = 0; pass < 2 && n == 0; pass++)
        for (size_t i = 0; i < r->nskills && n < TL_SKILLS; i++)
            if ((pass || asks_for(r, r->skills[i].id)) && (r->skills[i].npos || r->skills[i].years > 0))
                pick[n++] = &r->skills[i];
    if (n > 1)
        qsort(pick, n, sizeof *pick, cmp_years);
    if (n)
        gs_out_printf(o, "<p class=\"tl-sep\">Years per skill the role asks for</p>\n");
    for (size_t i = 0; i < n; i++) {
        const gs_rep_skill *k = pick[i];
        char y[48];
        if (k->years >= 0)
            snprintf(y, sizeof y, "%.1f y%s", k->years, k->stated ? " (stated)" : "");
        else
            snprintf(y, sizeof y, "-");
        gs_out_printf(o, "<div class=\"tl-row skill\"><div class=\"tl-label\" title=\"%e\"><span class=\"yrs\">%e</span>"
                         "<strong>%e</strong>%s</div>",
                      k->id, y, k->name, k->hedged ? "<span class=\"sub\">hedged</span>" : "");
        track_open(o, &s, k->name);
        for (size_t j = 0; j < k->npos; j++) {
            const gs_rep_pos *p = pos_at_line(r, k->pos_lines[j]);
            if (p) {
                char tip[600];
                snprintf(tip, sizeof tip, "%s: %s", k->name, p->title);
                seg(o, &s, p->start, p->end, k->hedged ? "skill hedged" : "skill", tip);
            }
        }
        gs_out_printf(o, "</svg></div>\n");
    }
    gs_out_printf(o, "</div>\n");
    size_t undated = 0;
    for (size_t i = 0; i < r->nskills; i++)
        if (asks_for(r, r->skills[i].id) && !r->skills[i].npos && r->skills[i].years <= 0)
            gs_out_printf(o, "%s%c", undated++ ? ", " : "<p class=\"muted\">In the CV without dates: ",
                          r->skills[i].id);
    if (undated)
        gs_out_printf(o, ".</p>\n");
    gs_out_printf(o, "</section>\n");
}

static void lists(gs_out *o, const gs_report *r)
{
    if (r->nunchecked) {
        gs_out_printf(o, "<section class=\"card\" id=\"not-checked\">\n<h2>Not checked</h2>\n"
                         "<p class=\"muted\">These requirements name nothing the lexicon knows; they are "
                         "not scored.</p>\n<ul class=\"plain\">\n");
        for (size_t i = 0; i < r->nunchecked; i++)
            gs_out_printf(o, "<li>%c %e</li>\n", r->unchecked[i].id, r->unchecked[i].text);
        gs_out_printf(o, "</ul>\n</section>\n");
    }
    if (r->nexcluded) {
        gs_out_printf(o, "<section class=\"card\" id=\"excluded\">\n<h2>Mentioned but not counted</h2>\n"
                         "<ul class=\"plain\">\n");
        for (size_t i = 0; i < r->nexcluded; i++)
            gs_out_printf(o, "<li>%c line %d: %e</li>\n", r->excluded[i].id, r->excluded[i].line,
                          r->excluded[i].text);
        gs_out_printf(o, "</ul>\n</section>\n");
    }
    if (r->nwarnings) {
        gs_out_printf(o, "<section class=\"card\" id=\"warnings\">\n<h2>Warnings</h2>\n<ul class=\"plain\">\n");
        for (size_t i = 0; i < r->nwarnings; i++)
            gs_out_printf(o, "<li>%e</li>\n", r->warnings[i]);
        gs_out_printf(o, "</ul>\n</section>\n");
    }
}

int gs_render_html(gs_buf *b, const gs_report *r)
{
    gs_out o = {b, 0, html_escape, html_code};
    size_t cap = r->nreqs > r->nskills ? r->nreqs : r->nskills;
    void *scratch = gs_malloc(b->mem, (cap ? cap : 1) * sizeof(size_t));
    if (!scratch)
        return -1;
    page_head(&o, r->engine);
    gs_out_printf(&o, "<title>%d/100 &#183; %e &#183; %e</title>\n", r->score, base_name(r->cv), r->title);
    page_body(&o);
    header(&o, r);
    summary(&o, r);
    gap_list(&o, r, scratch);
    timeline(&o, r, scratch);
    requirements(&o, r);
    lists(&o, r);
    gs_out_printf(&o, "<footer>%e &#183; lexicon %e &#183; read as %e, %e &#183; as of %e</footer>\n"
                      "</main>\n</body>\n</html>\n",
                  r->engine ? r->engine : "gapscan", r->lexicon ? r->lexicon : "-", r->format ? r->format : "text",
                  r->encoding ? r->encoding : "utf-8", r->as_of ? r->as_of : "-");
    gs_free(b->mem, scratch);
    return o.err ? -1 : 0;
}

/* ---- the ranking ---- */

static void score_cell(gs_out *o, int score, const char *href, const char *label)
{
    if (label)
        gs_out_printf(o, "<td data-label=\"%e\">", label);
    else
        gs_out_printf(o, "<td>");
    if (score < 0) {
        gs_out_printf(o, "<span class=\"muted\">-</span></td>");
        return;
    }
    gs_out_printf(o, "<div class=\"sc\"><b>");
    if (href)
        gs_out_printf(o, "<a href=\"%e\">%d</a>", href, score);
    else
        gs_out_printf(o, "%d", score);
    gs_out_printf(o, "</b><svg viewBox=\"0 0 100 8\" preserveAspectRatio=\"none\" aria-hidden=\"true\">"
                     "<rect class=\"empty\" width=\"100\" height=\"8\"/>"
                     "<rect class=\"%s\" width=\"%d\" height=\"8\"/></svg></div></td>",
                  band(score), score > 100 ? 100 : score);
}

int gs_render_html_ranking(gs_buf *b, const gapscan_ranking *k)
{
    gs_out o = {b, 0, html_escape, html_code};
    size_t nt = k->ntargets, scored = 0, failed = 0;
    for (size_t i = 0; i < k->nrows; i++)
        k->rows[i].error ? failed++ : scored++;
    const char *t0 = k->target_titles && k->target_titles[0] ? k->target_titles[0] : k->targets[0];
    page_head(&o, NULL);
    gs_out_printf(&o, "<title>Ranking &#183; %e</title>\n", k->title ? k->title : t0);
    page_body(&o);
    gs_out_printf(&o, "<header class=\"card\">\n<p class=\"eyebrow\">Ranking</p>\n<h1>%e</h1>\n"
                      "<p class=\"target\">%z CV%s against ",
                  k->title ? k->title : t0, scored, scored == 1 ? "" : "s");
    gs_out_targets(&o, k, "<strong>%e</strong> %c");
    gs_out_printf(&o, "</p>\n");
    if (failed)
        gs_out_printf(&o, "<p class=\"muted\">%z could not be scored (listed below).</p>\n", failed);
    gs_out_printf(&o, "</header>\n<section class=\"card\" id=\"ranking\">\n<div class=\"table-wrap\">\n"
                      "<table class=\"rank\">\n<thead><tr><th class=\"num\">#</th><th>Candidate</th>");
    for (size_t t = 0; t < nt; t++)
        gs_out_printf(&o, "<th>%e</th>", nt == 1 ? "Score" : k->targets[t]);
    gs_out_printf(&o, "<th>%s</th><th class=\"num\">Years</th><th>Degree</th></tr></thead>\n<tbody>\n",
                  nt == 1 ? "Top gaps" : "Best fit");
    size_t rank = 0;
    for (size_t i = 0; i < k->nrows; i++) {
        const gapscan_rank_row *w = &k->rows[i];
        if (w->error)
            continue;
        const char *href = w->hrefs && gs_report_safe_href(w->hrefs[0]) ? w->hrefs[0] : NULL;
        gs_out_printf(&o, "<tr><td class=\"num rk\">%z</td><td class=\"cand\">", ++rank);
        if (href)
            gs_out_printf(&o, "<a href=\"%e\">%e</a>", href, w->cv);
        else
            gs_out_printf(&o, "%e", w->cv);
        gs_out_printf(&o, "</td>");
        size_t best = 0;
        for (size_t t = 0; t < nt; t++) {
            score_cell(&o, w->scores[t], w->hrefs && gs_report_safe_href(w->hrefs[t]) ? w->hrefs[t] : NULL,
                       nt == 1 ? NULL : k->targets[t]);
            if (w->scores[t] > w->scores[best])
                best = t;
        }
        if (nt == 1)
            gs_out_printf(&o, "<td data-label=\"Top gaps\">%e</td>",
                          w->gaps && w->gaps[0] && *w->gaps[0] ? w->gaps[0] : "-");
        else
            gs_out_printf(&o, "<td data-label=\"Best fit\">%c</td>", k->targets[best]);
        if (w->years >= 0)
            gs_out_printf(&o, "<td class=\"num yr\" data-label=\"Years\">%1</td>", w->years);
        else
            gs_out_printf(&o, "<td class=\"num yr\" data-label=\"Years\">-</td>");
        gs_out_printf(&o, "<td class=\"deg\" data-label=\"Degree\">%e</td></tr>\n",
                      w->degree && *w->degree ? w->degree : "-");
    }
    gs_out_printf(&o, "</tbody>\n</table>\n</div>\n");
    if (!scored)
        gs_out_printf(&o, "<p class=\"muted\">No CV was scored.</p>\n");
    gs_out_printf(&o, "</section>\n");
    if (failed) {
        gs_out_printf(&o, "<section class=\"card\" id=\"not-scored\">\n<h2>Not scored</h2>\n<ul class=\"plain\">\n");
        for (size_t i = 0; i < k->nrows; i++)
            if (k->rows[i].error)
                gs_out_printf(&o, "<li>%c %e</li>\n", k->rows[i].cv, k->rows[i].error);
        gs_out_printf(&o, "</ul>\n</section>\n");
    }
    gs_out_printf(&o, "<footer>gapscan %s</footer>\n</main>\n</body>\n</html>\n", GAPSCAN_VERSION);
    return o.err ? -1 : 0;
}
