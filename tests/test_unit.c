/* test_unit.c - unit tests of the engine's modules, through their private
 * headers: allocation, decoding, tokenizer, dates, lexicon, roles, and the
 * public API's error paths. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "dates.h"
#include "gapscan.h"
#include "harness.h"
#include "internal.h"
#include "lexicon.h"
#include "lexicon_image.h"
#include "text.h"
#include "token.h"

static gs_mem mem = {-1};

static void test_alloc(void)
{
    gs_arena a;
    gs_arena_init(&a, &mem);
    char *s = gs_arena_strdup(&a, "hello");
    CHECK_STR(s, "hello");
    void *big = gs_arena_alloc(&a, 200000); /* a block bigger than a chunk */
    CHECK(big != NULL);
    char *t = gs_arena_strdup(&a, "after");
    CHECK_STR(t, "after");
    gs_arena_free(&a);

    gs_buf b;
    gs_buf_init(&b, &mem, 10);
    CHECK(gs_buf_puts(&b, "12345") == 0);
    CHECK(gs_buf_printf(&b, "%d", 678) == 0);
    CHECK(gs_buf_puts(&b, "9999") == -1); /* over the maximum */
    CHECK_STR(b.data, "12345678");
    gs_buf_free(&b);

    gs_mem failing = {2};
    void *p1 = gs_malloc(&failing, 8), *p2 = gs_malloc(&failing, 8), *p3 = gs_malloc(&failing, 8);
    CHECK(p1 && p2 && !p3);
    free(p1);
    free(p2);
}

static gapscan_status decode(const char *data, size_t len, gs_doc *doc, gs_arena *a)
{
    char err[100];
    gs_arena_init(a, &mem);
    return gs_text_decode(a, data, len, doc, err, sizeof err);
}

static void test_text(void)
{
    gs_doc d;
    gs_arena a;
    CHECK(decode("\xEF\xBB\xBFPython\r\nSQL", 14, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "Python\nSQL\n");
    CHECK(d.nlines == 2);
    CHECK_STR(d.encoding, "utf-8 (BOM)");
    gs_arena_free(&a);

    /* "Zürich" in Latin-1, and CP1252's en dash 0x96 */
    CHECK(decode("Z\xFCrich 2015 \x96 2019", 18, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "Z\xC3\xBCrich 2015 \xE2\x80\x93 2019\n");
    CHECK_STR(d.encoding, "cp1252");
    gs_arena_free(&a);

    /* a byte CP1252 leaves undefined (0x81) is kept as its Latin-1 character */
    CHECK(decode("a\x81z", 3, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "a\xC2\x81z\n");
    gs_arena_free(&a);

    /* UTF-16LE and BE with BOM */
    CHECK(decode("\xFF\xFEG\0o\0\n\0C\0#\0", 12, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "Go\nC#\n");
    CHECK_STR(d.encoding, "utf-16le");
    gs_arena_free(&a);
    CHECK(decode("\xFE\xFF\0R\0 \0&\0 \0D", 12, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "R & D\n");
    gs_arena_free(&a);

    /* UTF-16LE without a BOM is recognised */
    CHECK(decode("P\0y\0t\0h\0o\0n\0 \0S\0Q\0L\0", 20, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "Python SQL\n");
    gs_arena_free(&a);

    /* an unpaired surrogate becomes U+FFFD and is counted */
    CHECK(decode("\xFF\xFE" "A\0\x00\xD8" "B\0", 8, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "A\xEF\xBF\xBD" "B\n");
    CHECK(d.replaced == 1);
    gs_arena_free(&a);

    /* control bytes become spaces, lone CR a line break, form feed too */
    CHECK(decode("a\x01" "b\rc\fd", 7, &d, &a) == GAPSCAN_OK);
    CHECK_STR(d.text, "a b\nc\nd\n");
    CHECK(d.controls == 1);
    gs_arena_free(&a);

    CHECK(decode("", 0, &d, &a) == GAPSCAN_EFORMAT);
    gs_arena_free(&a);
    CHECK(decode(" \n\t\r\n", 5, &d, &a) == GAPSCAN_EFORMAT);
    gs_arena_free(&a);
    CHECK(decode("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0", 18, &d, &a) == GAPSCAN_EFORMAT);
    gs_arena_free(&a);
    CHECK(decode("PK\x03\x04\x14\0\0\0\x08\0", 10, &d, &a) == GAPSCAN_EFORMAT);
    gs_arena_free(&a);

    CHECK(decode("one\ntwo\nthree", 13, &d, &a) == GAPSCAN_OK);
    size_t len;
    const char *l = gs_doc_line(&d, 1, &len);
    CHECK(len == 3 && !strncmp(l, "two", 3));
    CHECK(gs_doc_line_of(&d, 9) == 2);
    gs_arena_free(&a);

    /* soft wraps: a line runs on when the next line's first word would not
     * have fitted; the width is the third longest line, so one long URL
     * does not set it; short and blank lines never run on */
    static const char wrapped[] =
        "Built batch pipelines in Python and SQL for insurance teams, with careful feature\n"
        "engineering for the pricing models and the release pipelines that ship them weekly\n"
        "in Azure DevOps, reviewed with the actuarial leads every month.\n"
        "\n"
        "Cloud: AWS, Azure\n"
        "ML: scikit-learn\n"
        "https://example.com/a/very/long/link/that/is/longer/than/any/line/of/the/text/around/it/at/all\n"
        "last line\n";
    uint8_t w[8];
    CHECK(decode(wrapped, sizeof wrapped - 1, &d, &a) == GAPSCAN_OK && d.nlines == 8);
    gs_doc_wraps(&d, w);
    CHECK(w[0] == 1 && w[1] == 1 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[7] == 0);
    gs_arena_free(&a);
    /* a text of short lines has no width to wrap at */
    CHECK(decode("Python developer\nSQL and Go\n", 28, &d, &a) == GAPSCAN_OK);
    gs_doc_wraps(&d, w);
    CHECK(w[0] == 0 && w[1] == 0);
    gs_arena_free(&a);
}

/* Tokens of s joined by '|'. */
static void tokens_of(const char *s, char *out, size_t cap)
{
    gs_tokens t = {0};
    out[0] = '\0';
    if (gs_tokenize(&mem, s, strlen(s), 0, &t))
        return;
    size_t n = 0;
    for (size_t i = 0; i < t.n && n + t.v[i].len + 2 < cap; i++) {
        if (i)
            out[n++] = '|';
        memcpy(out + n, s + t.v[i].off, t.v[i].len);
        n += t.v[i].len;
    }
    out[n] = '\0';
    gs_tokens_free(&mem, &t);
}

static void test_token(void)
{
    char buf[256];
    tokens_of("C++, C#, .NET and Node.js", buf, sizeof buf);
    CHECK_STR(buf, "C++|,|C#|,|.NET|and|Node.js");
    tokens_of("CI/CD, T-SQL; scikit-learn.", buf, sizeof buf);
    CHECK_STR(buf, "CI|/|CD|,|T|-|SQL|;|scikit|-|learn|.");
    tokens_of("Python 3.11 (5+ years) R&D", buf, sizeof buf);
    CHECK_STR(buf, "Python|3.11|(|5+|years|)|R|&|D");
    tokens_of("Jan 2015 \xE2\x80\x93 Present \xE2\x80\xA2 Z\xC3\xBCrich", buf, sizeof buf);
    CHECK_STR(buf, "Jan|2015|\xE2\x80\x93|Present|\xE2\x80\xA2|Z\xC3\xBCrich");
    tokens_of("end.\nnext", buf, sizeof buf);
    CHECK_STR(buf, "end|.|next");

    gs_tokens t = {0};
    const char *s = "a\nbb cc\n\ndd";
    CHECK(gs_tokenize(&mem, s, strlen(s), 0, &t) == 0);
    CHECK(t.n == 4 && t.v[1].line == 1 && t.v[2].line == 1 && t.v[3].line == 3);
    CHECK(t.v[3].off == 9 && t.v[3].len == 2);
    gs_tokens_free(&mem, &t);
}

static void test_dates(void)
{
    gapscan_status st;
    char err[200];
    gs_dates *d = gs_dates_new(&mem, &st, err, sizeof err);
    CHECK(d != NULL);
    if (!d)
        return;
    gs_dscan *s = gs_dscan_new(&mem, d);
    int32_t now = 2026 * 12 + 10; /* 2026-11 */
    struct {
        const char *line;
        int ok;
        int sy, sm, ey, em;
    } cases[] = {
        {"Acme Corp, Jan 2015 \xE2\x80\x93 Present", 1, 2015, 1, 2026, 11},
        {"January 2015 to date", 1, 2015, 1, 2026, 11},
        {"2015-2019", 1, 2015, 1, 2019, 12},
        {"2015 \xE2\x80\x94 19", 1, 2015, 1, 2019, 12},
        {"03/2016 - 11/2020", 1, 2016, 3, 2020, 11},
        {"2016.03\xE2\x80\x93" "2020.11", 1, 2016, 3, 2020, 11},
        {"Since 2021", 1, 2021, 1, 2026, 11},
        {"since March 2022", 1, 2022, 3, 2026, 11},
        {"2019 - now", 1, 2019, 1, 2026, 11},
        {"Sept. 2010 - Aug. 2012", 1, 2010, 9, 2012, 8},
        {"Dec 2019 \xE2\x80\x93 Feb 2021 | Berlin", 1, 2019, 12, 2021, 2},
        {"2020 - Current", 1, 2020, 1, 2026, 11},
        {"Summer 2019", 1, 2019, 6, 2019, 8},
        {"Q3 2017 \xE2\x80\x93 Q1 2019", 1, 2017, 7, 2019, 3},
        {"Spring 2018 - Fall 2019", 1, 2018, 3, 2019, 11},
        {"Winter 2019", 1, 2019, 1, 2019, 2},
        {"Managed 2000 servers and 150 engineers", 0, 0, 0, 0, 0},
        {"Python, SQL", 0, 0, 0, 0, 0},
        {"Phone +1 415 2019 2020", 0, 0, 0, 0, 0},
        /* U+017F (long s) is not an 's', though caseless UTF matching takes it
         * for one: "Auguſt" is no month, and the range opens at the year */
        {"Augu\xC5\xBFt 2015 - Mar 2019", 1, 2015, 1, 2019, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gs_range r;
        int ok = gs_dates_find(s, cases[i].line, strlen(cases[i].line), now, &r);
        if (ok != cases[i].ok) {
            fprintf(stderr, "date case %zu (%s): found=%d\n", i, cases[i].line, ok);
            CHECK(ok == cases[i].ok);
            continue;
        }
        CHECK(ok == cases[i].ok);
        if (ok) {
            int32_t ws = cases[i].sy * 12 + cases[i].sm - 1, we = cases[i].ey * 12 + cases[i].em - 1;
            if (r.start != ws || r.end != we)
                fprintf(stderr, "date case %zu (%s): %d-%02d..%d-%02d\n", i, cases[i].line,
                        r.start / 12, r.start % 12 + 1, r.end / 12, r.end % 12 + 1);
            CHECK(r.start == ws && r.end == we);
        }
    }

    struct {
        const char *line;
        int size;
    } teams[] = {
        {"Grew the team to 35 engineers", 35},
        {"Managed 12 engineers across two sites", 12},
        {"Led a team of 8", 8},
        {"40+ direct reports", 40},
        {"Lead a department of 38 engineers and scientists", 38},
        {"managing 20 people; hired 25 of them", 20},
        {"a 12-person team", 12},
        {"Served 35 customers in 2019", 0},
        {"2 million users, 99.9% uptime", 0},
        /* the shapes the cheap test before the regex must let through */
        {"Led 12 senior cross-functional/data-platform engineers", 12},
        {"Led 12\xc2\xa0" "engineers", 12},
        {"team\xc2\xa0of 12", 12},
        {"TEAM  OF  ~12", 12},
        {"Built a 15-strong team", 15},
        {"Grew the org from 10 to 40 people", 40},
        {"Oversaw 120 FTEs", 120},
        {"managed 3 teams of 8", 8},
        /* and a date line with a group word, which it keeps from the regex */
        {"Team Lead, Acme, 2019 - 2021", 0},
        /* U+017F (long s) and U+212A (Kelvin sign) are not the English 's'
         * and 'k' that caseless UTF matching takes them for, in the test
         * before the regex and in the regex alike */
        {"Led 12 engineer\xC5\xBF", 0},
        {"Oversaw 120 wor\xE2\x84\xAA" "ers", 0},
        {"Managed 12 engineers and managed 40 \xC5\xBFtaff", 12},
        {"Led a team of 9 \xC5\xBFtaff", 9},
        {"Led 12\xE2\x80\xAF" "engineers", 12},
    };
    for (size_t i = 0; i < sizeof teams / sizeof *teams; i++) {
        int got = gs_team_size(s, teams[i].line, strlen(teams[i].line));
        if (got != teams[i].size)
            fprintf(stderr, "team case %zu (%s): %d\n", i, teams[i].line, got);
        CHECK(got == teams[i].size);
    }
    gs_claim cl;
    const char *l1 = "6 years of SQL and Python";
    CHECK(gs_years_before(s, l1, strlen(l1), 0, &cl) == 1 && cl.years == 6 && !cl.experience &&
          !strncmp(l1 + cl.end, "SQL", 3));
    const char *l2 = "Over 12+ years of professional experience leading teams";
    CHECK(gs_years_before(s, l2, strlen(l2), 0, &cl) == 1 && cl.years == 12 && cl.experience);
    const char *l3 = "Languages: SQL (5+ yrs), Scala";
    double y = 0;
    CHECK(gs_years_after(s, l3, strlen(l3), 14, &y) == 1 && y == 5);
    CHECK(gs_years_after(s, l3, strlen(l3), 24, &y) == 0);
    CHECK(gs_years_before(s, "Python, SQL", 11, 0, &cl) == 0);

    /* regex-hostile lines: long runs of white space where the patterns
     * could backtrack (tests/linear.sh checks the cost); the answers stay right */
    size_t run = 100000;
    char *h = malloc(run + 64);
    CHECK(h != NULL);
    if (h) {
        h[0] = '5';
        memset(h + 1, ' ', run);
        strcpy(h + 1 + run, "x years of SQL");
        CHECK(gs_years_before(s, h, strlen(h), 0, &cl) == 0);
        strcpy(h + 1 + run, "+ years of SQL");
        CHECK(gs_years_before(s, h, strlen(h), 0, &cl) == 1 && cl.years == 5);
        memcpy(h, "SQL", 3);
        memset(h + 3, ' ', run);
        strcpy(h + 3 + run, "- 7 years");
        CHECK(gs_years_after(s, h, strlen(h), 3, &y) == 1 && y == 7);
        strcpy(h + 3 + run, "x 7 years");
        CHECK(gs_years_after(s, h, strlen(h), 3, &y) == 0);
        gs_range hr;
        memcpy(h, "2015", 4);
        memset(h + 4, ' ', run);
        strcpy(h + 4 + run, "x");
        CHECK(gs_dates_find(s, h, strlen(h), now, &hr) == 0);
        /* past PCRE2's limits a line simply holds no range: the answer is
         * "no match", never an error */
        strcpy(h + 4 + run, "- 2019");
        CHECK(gs_dates_find(s, h, strlen(h), now, &hr) == 0);
        strcpy(h + 4 + 1000, "- 2019");
        CHECK(gs_dates_find(s, h, strlen(h), now, &hr) == 1 && hr.start == 2015 * 12 &&
              hr.end == 2019 * 12 + 11);
        free(h);
    }
    gs_dscan_free(&mem, s);
    gs_dates_free(&mem, d);
}

static void test_lexicon(void)
{
    gapscan_status st;
    char err[300];
    gs_lexicon *lex = gs_lexicon_load(&mem, NULL, NULL, 0, &st, err, sizeof err);
    if (!lex)
        fprintf(stderr, "lexicon: %s\n", err);
    CHECK(lex != NULL);
    if (!lex)
        return;
    CHECK(gs_lexicon_skill_count(lex) >= 90);
    /* every contract id is present */
    static const char *const core[] = {"python", "sql", "t-sql", "cpp", "c", "go", "r", "aws",
                                       "gcp", "kubernetes", "spark", "kafka", "snowflake",
                                       "machine-learning", "llm", "scikit-learn", "ci-cd",
                                       "team-management", "problem-solving"};
    for (size_t i = 0; i < sizeof core / sizeof *core; i++)
        CHECK(gs_lexicon_skill_find(lex, core[i]) >= 0);
    CHECK(gs_lexicon_skill_find(lex, "no-such-skill") < 0);
    CHECK(strlen(gs_lexicon_version(lex)) == 16);

    /* surface forms, longest match, case rules */
    struct {
        const char *text;
        const char *id; /* first skill found, or NULL */
    } cases[] = {
        {"Amazon Web Services", "aws"},
        {"natural language processing", "nlp"},
        {"T-SQL", "t-sql"},
        {"scikit-learn", "scikit-learn"},
        {"C++", "cpp"},
        {"Postgres", "postgresql"},
        {"CI/CD", "ci-cd"},
        {"Go", "go"},
        {"go", NULL},
        {"R", "r"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *s = cases[i].text;
        gs_tokens t = {0};
        CHECK(gs_tokenize(&mem, s, strlen(s), 0, &t) == 0);
        gs_lexicon_terms(lex, s, t.v, t.n);
        const gs_entry *e[8];
        size_t end = 0, k = gs_lexicon_match(lex, s, t.v, t.n, 0, e, 8, &end);
        const char *got = NULL;
        for (size_t j = 0; j < k && !got; j++)
            if (e[j]->kind == GS_KIND_SKILL)
                got = gs_lexicon_skill(lex, (size_t)e[j]->target)->id;
        if (!cases[i].id) {
            if (got)
                fprintf(stderr, "lexicon: '%s' should not match, got %s\n", s, got);
            CHECK(got == NULL);
        } else {
            CHECK_STR(got, cases[i].id);
            CHECK(end == t.n);
        }
        gs_tokens_free(&mem, &t);
    }
    /* implication is data: t-sql implies sql */
    const gs_skill *tsql = gs_lexicon_skill(lex, (size_t)gs_lexicon_skill_find(lex, "t-sql"));
    int implies_sql = 0;
    for (size_t i = 0; i < tsql->nimplies; i++)
        implies_sql |= tsql->implies[i] == gs_lexicon_skill_find(lex, "sql");
    CHECK(implies_sql);
    gs_lexicon_free(lex);
}

/* The lexicon the build compiled is the one the files load into: every
 * array matching reads, every skill and field, the counts and version. */
static void test_lexicon_image(void)
{
    gapscan_status st;
    char err[300];
    gs_lexicon *text = gs_lexicon_load(&mem, NULL, NULL, 0, &st, err, sizeof err);
    gs_lexicon *built = gs_lexicon_open_image(&mem, &gs_lexicon_builtin, &st, err, sizeof err);
    CHECK(text && built);
    if (!text || !built) {
        gs_lexicon_free(text);
        gs_lexicon_free(built);
        return;
    }
    CHECK_STR(gs_lexicon_version(built), gs_lexicon_version(text));
    const gs_lexicon_image *a = gs_lexicon_arrays(text), *b = gs_lexicon_arrays(built);
    CHECK(a->terms_cap == b->terms_cap && a->terms_shift == b->terms_shift && a->nterms == b->nterms &&
          a->edges_cap == b->edges_cap && a->nnodes == b->nnodes && a->nkids == b->nkids &&
          a->nentries == b->nentries);
    if (a->terms_cap != b->terms_cap || a->nterms != b->nterms || a->edges_cap != b->edges_cap ||
        a->nnodes != b->nnodes || a->nkids != b->nkids || a->nentries != b->nentries)
        goto out;
    int same = 1;
    for (size_t i = 0; i < a->terms_cap; i++)
        same &= a->terms[i].lo == b->terms[i].lo && a->terms[i].hi == b->terms[i].hi &&
                a->terms[i].len == b->terms[i].len && a->terms[i].id == b->terms[i].id;
    for (size_t i = 1; i <= a->nterms; i++)
        same &= !strcmp(a->strings + a->term_str[i], b->strings + b->term_str[i]) &&
                a->root[i] == b->root[i];
    for (size_t i = 0; i < 256; i++)
        same &= a->byte_term[i] == b->byte_term[i];
    for (size_t i = 0; i < a->edges_cap; i++)
        same &= a->edges[i].key == b->edges[i].key && a->edges[i].child == b->edges[i].child;
    for (size_t i = 0; i < a->nnodes; i++)
        same &= a->node_head[i] == b->node_head[i] && a->nodes[i].kids == b->nodes[i].kids &&
                a->nodes[i].nkids == b->nodes[i].nkids;
    for (size_t i = 0; i < a->nkids; i++)
        same &= a->kids[i].term == b->kids[i].term && a->kids[i].node == b->kids[i].node;
    for (size_t i = 0; i < a->nentries; i++) {
        const gs_node_entry *x = &a->entries[i], *y = &b->entries[i];
        same &= x->e.kind == y->e.kind && x->e.flags == y->e.flags && x->e.target == y->e.target &&
                !strcmp(a->strings + x->e.exact, b->strings + y->e.exact) && x->next == y->next;
    }
    CHECK(same);
    size_t n = gs_lexicon_skill_count(text);
    CHECK(gs_lexicon_skill_count(built) == n);
    same = gs_lexicon_skill_count(built) == n;
    for (size_t i = 0; i < n && same; i++) {
        const gs_skill *x = gs_lexicon_skill(text, i), *y = gs_lexicon_skill(built, i);
        same = !strcmp(x->id, y->id) && !strcmp(x->name, y->name) && !strcmp(x->category, y->category) &&
               !strcmp(x->source, y->source) && x->hot == y->hot && x->in_demand == y->in_demand &&
               x->nimplies == y->nimplies && x->nrelated == y->nrelated;
        for (size_t k = 0; k < x->nimplies && same; k++)
            same = x->implies[k] == y->implies[k];
        for (size_t k = 0; k < x->nrelated && same; k++)
            same = x->related[k] == y->related[k];
    }
    CHECK(same);
    n = gs_lexicon_field_count(text);
    CHECK(gs_lexicon_field_count(built) == n);
    for (size_t i = 0; i < n && i < gs_lexicon_field_count(built); i++)
        CHECK(!strcmp(gs_lexicon_field(text, i)->id, gs_lexicon_field(built, i)->id) &&
              !strcmp(gs_lexicon_field(text, i)->group, gs_lexicon_field(built, i)->group));
    gs_lexicon_counts ca, cb;
    gs_lexicon_count(text, &ca);
    gs_lexicon_count(built, &cb);
    CHECK(!memcmp(&ca, &cb, sizeof ca));
out:
    gs_lexicon_free(text);
    gs_lexicon_free(built);
}

static void test_api(void)
{
    gapscan_engine *eng = NULL;
    CHECK(gapscan_open(&eng) == GAPSCAN_OK);
    if (!eng)
        return;
    CHECK(gapscan_role_count(eng) == 10);
    CHECK(gapscan_role_get(eng, "vp-ai-ml") != NULL);
    CHECK(gapscan_role_get(eng, "no-such-role") == NULL);
    CHECK(strstr(gapscan_errmsg(eng), "no-such-role") != NULL);
    int y, m;
    CHECK(gapscan_parse_month("2026-11", &y, &m) == 0 && y == 2026 && m == 11);
    CHECK(gapscan_parse_month("2026-13", &y, &m) == -1);
    CHECK(gapscan_parse_month("26-11", &y, &m) == -1);
    CHECK(gapscan_set_as_of(eng, 2026, 0) == GAPSCAN_EINVAL);
    CHECK(gapscan_set_as_of(eng, 2026, 11) == GAPSCAN_OK);

    gapscan_profile *p = NULL;
    CHECK(gapscan_extract_file(eng, "tests/no/such/file.txt", &p) == GAPSCAN_EIO);
    CHECK(p == NULL);
    CHECK_STR(gapscan_errmsg(eng), "tests/no/such/file.txt: no such file");
    CHECK(gapscan_extract_file(eng, "tests", &p) == GAPSCAN_EIO);
    CHECK_STR(gapscan_errmsg(eng), "tests: is a directory");
    CHECK(gapscan_extract(eng, "empty.txt", "", 0, &p) == GAPSCAN_EFORMAT);
    CHECK_STR(gapscan_errmsg(eng), "empty.txt: empty file (no text)");
    gapscan_set_max_input(eng, 10);
    CHECK(gapscan_extract(eng, "big.txt", "Python and SQL", 14, &p) == GAPSCAN_ETOOBIG);
    gapscan_set_max_input(eng, 0);

    const char *cv = "EXPERIENCE\nML Engineer, Acme, Jan 2020 - Dec 2021\n- Python and PyTorch\n";
    CHECK(gapscan_extract(eng, "cv.txt", cv, strlen(cv), &p) == GAPSCAN_OK);
    CHECK(gapscan_profile_years(p) == 2.0);
    CHECK(gapscan_profile_skill_count(p) >= 2);

    /* a forked engine shares the knowledge and outlives its parent */
    gapscan_engine *e2 = NULL;
    CHECK(gapscan_engine_fork(eng, &e2) == GAPSCAN_OK);
    const gapscan_role *role = gapscan_role_get(e2, "ai-ml-developer");
    CHECK(role != NULL);
    gapscan_match *mt = NULL;
    CHECK(gapscan_score(e2, p, role, &mt) == GAPSCAN_OK);
    CHECK(gapscan_match_score(mt) >= 0 && gapscan_match_score(mt) <= 100);
    CHECK(gapscan_match_req_count(mt) > 0);
    char *out = NULL;
    size_t len = 0;
    CHECK(gapscan_render(e2, mt, GAPSCAN_FORMAT_JSONL, &out, &len) == GAPSCAN_OK);
    CHECK(out && len > 0 && out[len - 1] == '\n' && !memchr(out, '\n', len - 1));
    gapscan_free(out);
    CHECK(gapscan_render(e2, mt, (gapscan_format)42, &out, &len) == GAPSCAN_EINVAL);
    gapscan_match_free(mt);
    gapscan_profile_free(p);
    gapscan_close(eng);
    CHECK(gapscan_role_count(e2) == 10);
    gapscan_close(e2);
    CHECK_STR(gapscan_strerror(GAPSCAN_ENOMEM), "out of memory");
    CHECK_STR(gapscan_strerror(GAPSCAN_STATUS_LAST), "unknown status");
}

/* ---- allocation failure: every allocation of a public call fails in turn ---- */

/* One public path for the torture loop: what it runs and on what. */
typedef struct torture_case {
    const char *what;
    gapscan_status (*run)(gapscan_engine *eng, const struct torture_case *tc);
    const char *path;     /* a file to read, or NULL */
    const char *data;     /* or the bytes themselves */
    size_t len;
    const gapscan_role *role;
} torture_case;

/* A CV from memory: extract, score and render in every format. */
static gapscan_status run_scan(gapscan_engine *eng, const torture_case *tc)
{
    gapscan_profile *p = NULL;
    gapscan_match *m = NULL;
    gapscan_status st = tc->path ? gapscan_extract_file(eng, tc->path, &p)
                                 : gapscan_extract(eng, "cv", tc->data, tc->len, &p);
    if (st == GAPSCAN_OK)
        st = gapscan_score(eng, p, tc->role, &m);
    static const gapscan_format fmts[] = {GAPSCAN_FORMAT_TEXT, GAPSCAN_FORMAT_JSON,
                                          GAPSCAN_FORMAT_JSONL};
    for (size_t i = 0; i < 3 && st == GAPSCAN_OK; i++) {
        char *out = NULL;
        size_t len;
        st = gapscan_render(eng, m, fmts[i], &out, &len);
        gapscan_free(out);
    }
    gapscan_match_free(m);
    gapscan_profile_free(p);
    return st;
}

/* A role: a role file loaded (or a job description compiled), written back
 * as XML and described, and a CV scored against it. */
static gapscan_status run_role(gapscan_engine *eng, const torture_case *tc, int compile)
{
    gapscan_role *r = NULL;
    gapscan_status st = compile ? gapscan_role_compile_file(eng, tc->path, &r)
                                : gapscan_role_load_file(eng, tc->path, &r);
    char *out = NULL;
    size_t len;
    if (st == GAPSCAN_OK)
        st = gapscan_role_write_xml(eng, r, &out, &len);
    gapscan_free(out);
    out = NULL;
    if (st == GAPSCAN_OK)
        st = gapscan_role_describe(eng, r, &out, &len);
    gapscan_free(out);
    if (st == GAPSCAN_OK) {
        torture_case scan = {"scan", run_scan, NULL, tc->data, tc->len, r};
        st = run_scan(eng, &scan);
    }
    gapscan_role_free(r);
    return st;
}

static gapscan_status run_role_file(gapscan_engine *eng, const torture_case *tc)
{
    return run_role(eng, tc, 0);
}

static gapscan_status run_jd(gapscan_engine *eng, const torture_case *tc)
{
    return run_role(eng, tc, 1);
}

static gapscan_status run_lookup(gapscan_engine *eng, const torture_case *tc)
{
    char *out = NULL;
    size_t len;
    gapscan_status st = gapscan_lexicon_lookup(eng, tc->data, tc->len, &out, &len);
    gapscan_free(out);
    return st;
}

/* Fail allocation n for n = 0, 1, 2... during one public path: each must end
 * in a clean GAPSCAN_ENOMEM whose message says so (ASan and valgrind see any
 * leak or bad access on the way out), and once no allocation fails the path
 * must succeed. */
static void torture(gapscan_engine *eng, const torture_case *tc)
{
    int clean = 1, done = 0;
    long n;
    for (n = 0; n < 100000 && !done && clean; n++) {
        gs_engine_fail_after(eng, n);
        gapscan_status st = tc->run(eng, tc);
        if (st == GAPSCAN_OK) {
            done = 1;
        } else if (st != GAPSCAN_ENOMEM || strstr(gapscan_errmsg(eng), "out of memory") == NULL) {
            fprintf(stderr, "torture %s: allocation %ld failing gives status %d: '%s'\n", tc->what,
                    n, (int)st, gapscan_errmsg(eng));
            clean = 0;
        }
    }
    gs_engine_fail_after(eng, -1);
    if (!done)
        fprintf(stderr, "torture %s: no success after %ld allocations\n", tc->what, n);
    CHECK(clean);
    CHECK(done);
    if (getenv("TORTURE_VERBOSE"))
        fprintf(stderr, "torture %s: %ld allocations\n", tc->what, n);
    CHECK(n > 10); /* the path allocates: the loop really failed some */
}

static void test_torture(void)
{
    gapscan_engine *eng = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK) {
        CHECK(0);
        gapscan_close(eng);
        return;
    }
    gapscan_set_as_of(eng, 2026, 11);
    static const char cv[] = "Jane Roe\nEXPERIENCE\nHead of Data, Acme, Jan 2018 - Present\n"
                             "- Grew the team to 12 engineers; 6 years of SQL; PySpark on EKS\n"
                             "- no experience with Kafka; familiar with Docker\n"
                             "Data Engineer, Initech, 2014 - 2016\n- Python, Airflow\n"
                             "EDUCATION\nMSc Computer Science, 2013\n";
    /* the same CV in UTF-16LE without a BOM: the decoder's own path */
    char u16[2 * sizeof cv];
    for (size_t i = 0; i < sizeof cv - 1; i++) {
        u16[2 * i] = cv[i];
        u16[2 * i + 1] = 0;
    }
    const gapscan_role *role = gapscan_role_get(eng, "vp-data-engineering");
    const torture_case cases[] = {
        {"text", run_scan, NULL, cv, sizeof cv - 1, role},
        {"utf-16", run_scan, NULL, u16, 2 * (sizeof cv - 1), role},
        {"text file", run_scan, "tests/files/cv.txt", NULL, 0, role},
        {"html", run_scan, "tests/files/cv.html", NULL, 0, role},
        {"docx", run_scan, "tests/files/cv.docx", NULL, 0, role},
        {"odt", run_scan, "tests/files/cv.odt", NULL, 0, role},
        {"json resume", run_scan, "tests/files/cv.resume.json", NULL, 0, role},
        {"rtf", run_scan, "tests/files/cv.rtf", NULL, 0, role},
        {"role file", run_role_file, "corpus/roles/data-engineer.xml", cv, sizeof cv - 1, NULL},
        {"job description", run_jd, "tests/jobs/data-engineer-md.jd.md", cv, sizeof cv - 1, NULL},
        {"lexicon lookup", run_lookup, NULL, "no experience with Kafka; 5 years of T-SQL", 42, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        torture(eng, &cases[i]);
    gapscan_close(eng);
}

int main(void)
{
    test_alloc();
    test_text();
    test_token();
    test_dates();
    test_lexicon();
    test_lexicon_image();
    test_api();
    test_torture();
    return DONE("unit");
}
