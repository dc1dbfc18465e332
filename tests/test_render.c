/* test_render.c - the reports people read: HTML parsed with libxml2's HTML
 * parser (no errors but HTML5/SVG tags it does not know) and its XML parser
 * (well-formed), the expected elements there (score, badges, group bars,
 * timeline, gap list), hostile CV text escaped in HTML and Markdown, a
 * stored report rendering exactly like a fresh one, the ranking page, and
 * the text report within 80 columns with and without colour. Run from the
 * repository root (it reads corpus/cvs). */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <stdlib.h>
#include <string.h>

#include "gapscan.h"
#include "harness.h"
#include "internal.h"

static const char *const CVS[] = {"corpus/cvs/maria-garcia.md", "corpus/cvs/james-okafor.txt",
                                  "corpus/cvs/li-wei.md", "corpus/cvs/anna-schmidt-latin1.txt",
                                  "corpus/cvs/tomas-novak-utf16.txt"};
#define NCVS (sizeof CVS / sizeof CVS[0])

/* Tags of HTML5 and SVG that the HTML 4 parser of libxml2 2.9 does not know:
 * "Tag X invalid" for these is not an error of ours; anything else is. */
static const char *const NEW_TAGS[] = {"main", "header", "footer", "section", "svg",
                                       "rect", "circle", "line", "text", NULL};

static int html_errors;
static char first_error[300];

static void on_error(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    if (e->code == XML_HTML_UNKNOWN_TAG && e->str1)
        for (const char *const *t = NEW_TAGS; *t; t++)
            if (!strcmp(*t, e->str1))
                return;
    if (!html_errors++)
        snprintf(first_error, sizeof first_error, "line %d: %s", e->line, e->message ? e->message : "?");
}

/* Parse as HTML; the number of parser errors goes to html_errors. */
static htmlDocPtr parse_html(const char *s, size_t n)
{
    html_errors = 0;
    first_error[0] = '\0';
    xmlSetStructuredErrorFunc(NULL, on_error);
    htmlDocPtr d = htmlReadMemory(s, (int)n, "report.html", "UTF-8", HTML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return d;
}

/* Well-formed as XML? */
static int well_formed(const char *s, size_t n)
{
    xmlDocPtr d = xmlReadMemory(s, (int)n, "report.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                         XML_PARSE_NOWARNING);
    xmlFreeDoc(d);
    return d != NULL;
}

static double xnum(htmlDocPtr d, const char *expr)
{
    xmlXPathContextPtr c = xmlXPathNewContext(d);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
    double v = o ? xmlXPathCastToNumber(o) : -1;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(c);
    return v;
}

/* The string value of an XPath expression (caller frees). */
static char *xstr(htmlDocPtr d, const char *expr)
{
    xmlXPathContextPtr c = xmlXPathNewContext(d);
    xmlXPathObjectPtr o = xmlXPathEvalExpression((const xmlChar *)expr, c);
    xmlChar *s = o ? xmlXPathCastToString(o) : NULL;
    xmlXPathFreeObject(o);
    xmlXPathFreeContext(c);
    char *r = strdup(s ? (const char *)s : "");
    xmlFree(s);
    return r;
}

#define CLASS(c) "contains(concat(' ', normalize-space(@class), ' '), ' " c " ')"

/* Nothing that runs or fetches: no script, no event handler, no external
 * resource of any kind. */
static void check_inert(htmlDocPtr d)
{
    CHECK(xnum(d, "count(//script)") == 0);
    CHECK(xnum(d, "count(//@*[starts-with(name(), 'on')])") == 0);
    CHECK(xnum(d, "count(//link | //img | //iframe | //object | //embed)") == 0);
    CHECK(xnum(d, "count(//@src)") == 0);
    CHECK(xnum(d, "count(//@href[contains(., ':')])") == 0);
}

static void test_html_reports(gapscan_engine *eng)
{
    const char *targets[] = {"vp-ai-ml", "data-engineer", "ai-ml-developer"};
    for (size_t i = 0; i < NCVS; i++) {
        gapscan_profile *p = NULL;
        CHECK(gapscan_extract_file(eng, CVS[i], &p) == GAPSCAN_OK);
        if (!p)
            continue;
        for (size_t t = 0; t < sizeof targets / sizeof targets[0]; t++) {
            gapscan_match *m = NULL;
            char *out = NULL;
            size_t len = 0;
            CHECK(gapscan_score(eng, p, gapscan_role_get(eng, targets[t]), &m) == GAPSCAN_OK);
            CHECK(gapscan_render_ex(eng, m, GAPSCAN_FORMAT_HTML, 0, &out, &len) == GAPSCAN_OK);
            if (!out) {
                gapscan_match_free(m);
                continue;
            }
            CHECK(len == strlen(out));
            CHECK(!strncmp(out, "<!DOCTYPE html>", 15));
            CHECK(well_formed(out, len));
            htmlDocPtr d = parse_html(out, len);
            CHECK(d != NULL);
            if (html_errors)
                fprintf(stderr, "%s vs %s: %d HTML errors, first %s", CVS[i], targets[t], html_errors, first_error);
            CHECK(html_errors == 0);
            size_t nreq = gapscan_match_req_count(m), unmet = 0;
            for (size_t k = 0; k < nreq; k++)
                unmet += gapscan_match_req_status(m, k) != GAPSCAN_MET;
            /* the score, as a number in the ring */
            char want[16];
            snprintf(want, sizeof want, "%d", gapscan_match_score(m));
            char *score = xstr(d, "//*[@id='score']//*[" CLASS("score-num") "]");
            CHECK_STR(score, want);
            free(score);
            /* one badge per requirement in the list, one per gap in the gap list */
            CHECK(xnum(d, "count(//section[@id='requirements']//li/div/span[" CLASS("badge") "])") == (double)nreq);
            CHECK(xnum(d, "count(//section[@id='gaps']/ol/li)") == (double)unmet);
            if (!unmet)
                CHECK(xnum(d, "count(//section[@id='gaps']//*[" CLASS("all-met") "])") == 1);
            /* a bar per requirement group */
            CHECK(xnum(d, "count(//section[@id='summary']//svg[" CLASS("bar") "])") == 2);
            /* the timeline: a track per position, bars for skills */
            CHECK(xnum(d, "count(//section[@id='timeline']//div[" CLASS("pos") "]/svg)") >= 1);
            CHECK(xnum(d, "count(//section[@id='timeline']//div[" CLASS("skill") "]/svg/rect[" CLASS("seg") "])") >= 1);
            /* evidence lines are quoted with their line numbers */
            CHECK(xnum(d, "count(//blockquote[" CLASS("ev") "]/span[" CLASS("ln") "])") >= 1);
            CHECK(xnum(d, "count(//style)") == 1);
            CHECK(strstr(out, "@media print") != NULL);
            CHECK(strstr(out, "@media (max-width:640px)") != NULL);
            check_inert(d);
            xmlFreeDoc(d);

            /* the same report, stored as JSON and read back, renders the same */
            char *json = NULL, *again = NULL;
            size_t jlen = 0, alen = 0;
            CHECK(gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &json, &jlen) == GAPSCAN_OK);
            CHECK(gapscan_render_report(eng, json, jlen, GAPSCAN_FORMAT_HTML, &again, &alen) == GAPSCAN_OK);
            CHECK(again && alen == len && !memcmp(again, out, len));
            gapscan_free(again);
            gapscan_free(json);
            gapscan_free(out);
            gapscan_match_free(m);
        }
        gapscan_profile_free(p);
    }
}

/* A CV is hostile input: markup in it must come out as text. */
static const char HOSTILE[] =
    "Jane <script>alert('x')</script> \"Doe\" & Sons\n"
    "EXPERIENCE\n"
    "Data Engineer <img src=x onerror=alert(1)> at \"Acme\" & Co, Jan 2018 - Present\n"
    "- Built <b>pipelines</b> in Python & SQL with 'Airflow' </blockquote><script>bad()</script>"
    " ` | *bold* [link](javascript:alert(1)) <!-- c --> ]]> &amp;\n"
    "EDUCATION\n"
    "MSc Computer Science <iframe src=//evil>, 2016\n";

static void test_hostile(gapscan_engine *eng)
{
    gapscan_profile *p = NULL;
    gapscan_match *m = NULL;
    char *out = NULL;
    size_t len = 0;
    CHECK(gapscan_extract(eng, "cv<script>\"x\".txt", HOSTILE, sizeof HOSTILE - 1, &p) == GAPSCAN_OK);
    CHECK(gapscan_score(eng, p, gapscan_role_get(eng, "data-engineer"), &m) == GAPSCAN_OK);
    CHECK(gapscan_render_ex(eng, m, GAPSCAN_FORMAT_HTML, 0, &out, &len) == GAPSCAN_OK);
    if (out) {
        CHECK(well_formed(out, len));
        htmlDocPtr d = parse_html(out, len);
        CHECK(html_errors == 0);
        check_inert(d);
        CHECK(xnum(d, "count(//b | //blockquote[not(" CLASS("ev") ")] | //iframe)") == 0);
        /* the text is still there, as text */
        CHECK(xnum(d, "count(//blockquote[contains(., '<script>bad()</script>')])") >= 1);
        CHECK(xnum(d, "count(//h1[contains(., 'cv<script>\"x\".txt')])") == 1);
        CHECK(xnum(d, "count(//*[contains(text(), '<img src=x onerror=alert(1)>')])") >= 1);
        CHECK(strstr(out, "<script") == NULL);
        CHECK(strstr(out, "&lt;script&gt;") != NULL);
        xmlFreeDoc(d);
    }
    gapscan_free(out);
    out = NULL;
    CHECK(gapscan_render_ex(eng, m, GAPSCAN_FORMAT_MD, 0, &out, &len) == GAPSCAN_OK);
    if (out) {
        /* markup is escaped: no tag, link or emphasis survives as markup;
         * the CV's name is in a code span, where Markdown shows it as it is */
        const char *s = out;
        size_t tags = 0, spans = 0;
        for (; (s = strstr(s, "<script")) != NULL; s++)
            tags += s == out || s[-1] != '\\';
        for (s = out; (s = strstr(s, "`cv<script>")) != NULL; s++)
            spans++;
        CHECK(tags == spans);
        CHECK(strstr(out, "\\<script\\>bad()\\</script\\>") != NULL);
        CHECK(strstr(out, "\\<b\\>pipelines\\</b\\>") != NULL);
        CHECK(strstr(out, "\\[link\\](javascript:alert(1))") != NULL);
        CHECK(strstr(out, "\\*bold\\*") != NULL);
        CHECK(strstr(out, "Python \\& SQL") != NULL);
        CHECK(strstr(out, "\\` \\| ") != NULL);
        CHECK(strstr(out, "\\&amp;") != NULL);
        CHECK(strstr(out, "`` cv<script>\"x\".txt ``") == NULL); /* no backtick in the name: one fence */
        CHECK(strstr(out, "`cv<script>\"x\".txt`") != NULL);
    }
    gapscan_free(out);
    gapscan_match_free(m);
    gapscan_profile_free(p);

    /* role text is input too: a job description with markup */
    static const char JD[] = "Data Engineer <i>now</i>\n\nRequirements\n"
                             "- 5+ years of experience with Python <script>steal()</script>\n"
                             "- Experience with Docker and Kubernetes & \"Helm\" <b>skills</b>\n";
    gapscan_role *role = NULL;
    CHECK(gapscan_role_compile(eng, "jd<x>.txt", JD, sizeof JD - 1, &role) == GAPSCAN_OK);
    CHECK(gapscan_extract(eng, "cv.txt", HOSTILE, sizeof HOSTILE - 1, &p) == GAPSCAN_OK);
    CHECK(gapscan_score(eng, p, role, &m) == GAPSCAN_OK);
    CHECK(gapscan_render_ex(eng, m, GAPSCAN_FORMAT_HTML, 0, &out, &len) == GAPSCAN_OK);
    if (out) {
        htmlDocPtr d = parse_html(out, len);
        CHECK(html_errors == 0);
        check_inert(d);
        CHECK(xnum(d, "count(//b | //i)") == 0);
        CHECK(xnum(d, "count(//*[contains(text(), '<script>steal()</script>')])") >= 1);
        CHECK(xnum(d, "count(//strong[. = 'Data Engineer <i>now</i>'])") == 1);
        xmlFreeDoc(d);
    }
    gapscan_free(out);
    gapscan_match_free(m);
    gapscan_profile_free(p);
    gapscan_role_free(role);
}

static void test_report_errors(gapscan_engine *eng)
{
    char *out = NULL;
    size_t len = 0;
    CHECK(gapscan_render_report(eng, "{\"score\": 3}", 12, GAPSCAN_FORMAT_HTML, &out, &len) == GAPSCAN_EFORMAT);
    CHECK(strstr(gapscan_errmsg(eng), "not a gapscan report") != NULL);
    CHECK(out == NULL);
    CHECK(gapscan_render_report(eng, "[1,", 3, GAPSCAN_FORMAT_MD, &out, &len) == GAPSCAN_EFORMAT);
    CHECK(strstr(gapscan_errmsg(eng), "not JSON") != NULL);
    CHECK(gapscan_render_report(eng, "{}", 2, GAPSCAN_FORMAT_TEXT, &out, &len) == GAPSCAN_EINVAL);
    /* a minimal report renders: every optional key may be absent */
    static const char MIN[] = "{\"score\": 40, \"requirements\": [{\"id\": \"x\", \"status\": \"partial\"}]}";
    CHECK(gapscan_render_report(eng, MIN, sizeof MIN - 1, GAPSCAN_FORMAT_HTML, &out, &len) == GAPSCAN_OK);
    if (out) {
        htmlDocPtr d = parse_html(out, len);
        CHECK(html_errors == 0);
        CHECK(xnum(d, "count(//section[@id='gaps']/ol/li)") == 1);
        xmlFreeDoc(d);
    }
    gapscan_free(out);
}

static void test_ranking(gapscan_engine *eng)
{
    const char *targets[] = {"vp-ai-ml", "data-engineer"};
    const char *titles[] = {"VP of AI/ML Engineering", "Data Engineer"};
    int s1[] = {92, 36}, s2[] = {35, 97};
    const char *h1[] = {"maria.html", "maria--data-engineer.html"};
    const char *h2[] = {"javascript:alert(1)", "james.html"};
    const char *g1[] = {"regulatory-compliance", "etl-tools"}, *g2[] = {"ai-ml-experience", ""};
    gapscan_rank_row rows[] = {
        {"cvs/maria.md", s1, h1, g1, 14.9, "master", NULL},
        {"cvs/<b>james</b>.txt", s2, h2, g2, -1, NULL, NULL},
        {"cvs/bad.pdf", NULL, NULL, NULL, -1, NULL, "cvs/bad.pdf: encrypted PDF"},
    };
    gapscan_ranking k = {"cvs/", "2026-11", targets, titles, 2, rows, 3};
    char *out = NULL;
    size_t len = 0;
    CHECK(gapscan_render_ranking(eng, &k, GAPSCAN_FORMAT_HTML, &out, &len) == GAPSCAN_OK);
    if (out) {
        CHECK(well_formed(out, len));
        htmlDocPtr d = parse_html(out, len);
        CHECK(html_errors == 0);
        check_inert(d);
        CHECK(xnum(d, "count(//table[" CLASS("rank") "]/tbody/tr)") == 2);
        CHECK(xnum(d, "count(//table//th)") == 2 + 2 + 3);
        CHECK(xnum(d, "count(//a[@href='maria.html'])") == 2);              /* name and first score */
        CHECK(xnum(d, "count(//a[@href='maria--data-engineer.html'])") == 1);
        CHECK(xnum(d, "count(//a[@href='james.html'])") == 1);              /* javascript: dropped */
        CHECK(xnum(d, "count(//b[contains(., 'james')])") == 0);
        CHECK(xnum(d, "count(//td[. = 'cvs/<b>james</b>.txt'])") == 1);
        CHECK(xnum(d, "count(//section[@id='not-scored']//li)") == 1);
        char *first = xstr(d, "//table/tbody/tr[1]/td[2]");
        CHECK_STR(first, "cvs/maria.md");
        free(first);
        xmlFreeDoc(d);
    }
    gapscan_free(out);
    out = NULL;
    k.ntargets = 1;
    CHECK(gapscan_render_ranking(eng, &k, GAPSCAN_FORMAT_MD, &out, &len) == GAPSCAN_OK);
    if (out) {
        CHECK(strstr(out, "| 1 | [cvs/maria.md](maria.html) | 92 | regulatory-compliance | 14.9 | master |\n") != NULL);
        CHECK(strstr(out, "| 2 | cvs/\\<b\\>james\\</b\\>.txt | 35 | ai-ml-experience | - | - |\n") != NULL);
        CHECK(strstr(out, "- `cvs/bad.pdf`: cvs/bad.pdf: encrypted PDF\n") != NULL);
    }
    gapscan_free(out);
    k.ntargets = 0;
    CHECK(gapscan_render_ranking(eng, &k, GAPSCAN_FORMAT_HTML, &out, &len) == GAPSCAN_EINVAL);
    k.ntargets = 1;
    CHECK(gapscan_render_ranking(eng, &k, GAPSCAN_FORMAT_JSON, &out, &len) == GAPSCAN_EINVAL);
}

/* Columns of one line on a terminal, escape sequences left out. */
static size_t line_columns(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\033') {
            while (i < n && s[i] != 'm')
                i++;
        } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
            w++;
        }
    }
    return w;
}

static void test_text_width(gapscan_engine *eng)
{
    size_t widest = 0, reports = 0;
    int plain_has_esc = 0, color_lacks_esc = 0, same_text = 1;
    for (size_t i = 0; i < NCVS; i++) {
        gapscan_profile *p = NULL;
        if (gapscan_extract_file(eng, CVS[i], &p) != GAPSCAN_OK)
            continue;
        for (size_t t = 0; t < gapscan_role_count(eng); t++) {
            gapscan_match *m = NULL;
            if (gapscan_score(eng, p, gapscan_role_at(eng, t), &m) != GAPSCAN_OK)
                continue;
            for (unsigned flags = 0; flags <= GAPSCAN_RENDER_COLOR; flags += GAPSCAN_RENDER_COLOR) {
                char *out = NULL;
                size_t len = 0;
                if (gapscan_render_ex(eng, m, GAPSCAN_FORMAT_TEXT, flags, &out, &len) != GAPSCAN_OK)
                    continue;
                reports++;
                int esc = strchr(out, '\033') != NULL;
                if (flags ? !esc : esc)
                    flags ? color_lacks_esc++ : plain_has_esc++;
                for (const char *l = out; *l;) {
                    const char *e = strchr(l, '\n');
                    size_t n = e ? (size_t)(e - l) : strlen(l), w = line_columns(l, n);
                    if (w > widest)
                        widest = w;
                    if (w > 80)
                        fprintf(stderr, "%s vs %s: %zu columns: %.*s\n", CVS[i],
                                gapscan_role_id(gapscan_role_at(eng, t)), w, (int)n, l);
                    l += n + (e != NULL);
                }
                if (flags) { /* the coloured report is the plain one plus escapes */
                    char *plain = NULL;
                    size_t plen;
                    gapscan_render(eng, m, GAPSCAN_FORMAT_TEXT, &plain, &plen);
                    size_t k = 0, j = 0;
                    for (; j < len; j++) {
                        if (out[j] == '\033') {
                            while (j < len && out[j] != 'm')
                                j++;
                            continue;
                        }
                        if (k >= plen || plain[k++] != out[j])
                            break;
                    }
                    same_text &= j == len && k == plen;
                    gapscan_free(plain);
                }
                gapscan_free(out);
            }
            gapscan_match_free(m);
        }
        gapscan_profile_free(p);
    }
    printf("text: %zu reports, widest line %zu columns\n", reports, widest);
    CHECK(reports == NCVS * gapscan_role_count(eng) * 2);
    CHECK(widest <= 80);
    CHECK(widest >= 70); /* the wrapping is really exercised */
    CHECK(plain_has_esc == 0);
    CHECK(color_lacks_esc == 0);
    CHECK(same_text);
}

static void test_markdown(gapscan_engine *eng)
{
    gapscan_profile *p = NULL;
    gapscan_match *m = NULL;
    char *out = NULL;
    size_t len = 0;
    CHECK(gapscan_extract_file(eng, "corpus/cvs/james-okafor.txt", &p) == GAPSCAN_OK);
    CHECK(gapscan_score(eng, p, gapscan_role_get(eng, "vp-ai-ml"), &m) == GAPSCAN_OK);
    CHECK(gapscan_render_ex(eng, m, GAPSCAN_FORMAT_MD, 0, &out, &len) == GAPSCAN_OK);
    if (out) {
        size_t unmet = 0, items = 0;
        for (size_t k = 0; k < gapscan_match_req_count(m); k++)
            unmet += gapscan_match_req_status(m, k) != GAPSCAN_MET;
        const char *gaps = strstr(out, "### To reach this role\n");
        CHECK(gaps != NULL);
        for (const char *l = gaps; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
            if (!strncmp(l, "### Required", 12))
                break;
            int num = 0;
            if (sscanf(l, "%d. **", &num) == 1 && num == (int)items + 1)
                items++;
        }
        CHECK(items == unmet);
        CHECK(!strncmp(out, "## Gap report: james-okafor.txt\n", 32));
        CHECK(strstr(out, "| From | To | Months | Position | Line |") != NULL);
        CHECK(strstr(out, "`kubernetes`, line 49: negated") != NULL);
    }
    gapscan_free(out);
    gapscan_match_free(m);
    gapscan_profile_free(p);
}

/* Every allocation of the HTML path failing in turn: a clean ENOMEM each time. */
static void test_html_oom(gapscan_engine *eng)
{
    gapscan_profile *p = NULL;
    gapscan_match *m = NULL;
    CHECK(gapscan_extract_file(eng, "corpus/cvs/maria-garcia.md", &p) == GAPSCAN_OK);
    CHECK(gapscan_score(eng, p, gapscan_role_get(eng, "vp-ai-ml"), &m) == GAPSCAN_OK);
    int clean = 1, done = 0;
    long n;
    for (n = 0; n < 2000 && !done && m; n++) {
        char *out = NULL;
        size_t len;
        gs_engine_fail_after(eng, n);
        gapscan_status st = gapscan_render_ex(eng, m, GAPSCAN_FORMAT_HTML, 0, &out, &len);
        gs_engine_fail_after(eng, -1);
        if (st == GAPSCAN_OK)
            done = 1;
        else if (st != GAPSCAN_ENOMEM || out)
            clean = 0;
        gapscan_free(out);
    }
    CHECK(clean);
    CHECK(done);
    CHECK(n > 5);
    gapscan_match_free(m);
    gapscan_profile_free(p);
}

int main(void)
{
    gapscan_engine *eng = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK) {
        fprintf(stderr, "cannot open the engine\n");
        return 1;
    }
    gapscan_set_as_of(eng, 2026, 11);
    test_html_reports(eng);
    test_hostile(eng);
    test_report_errors(eng);
    test_ranking(eng);
    test_text_width(eng);
    test_markdown(eng);
    test_html_oom(eng);
    gapscan_close(eng);
    xmlCleanupParser();
    return DONE("render");
}
