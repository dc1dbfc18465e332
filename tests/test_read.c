/* test_read.c - the readers of real CV files (read.h): the same CV as text,
 * Markdown, HTML, DOCX, ODT, RTF, .doc, PDF (one and two columns) and JSON
 * Resume gives the same skills, years and degree through the public API;
 * hostile files (empty, truncated, encrypted, scanned, zip bomb, XXE,
 * billion laughs, deep nesting, junk) each give their clear error in bounded
 * time. Fixtures are in tests/files (made by tests/files/make-fixtures.sh);
 * the large hostile files are made here, in a temporary directory. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "gapscan.h"
#include "harness.h"
#include "read.h"

static gs_mem mem = {-1};
static char tmpdir[256];

#define FILES "tests/files/"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int save(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int rc = fwrite(data, 1, len, f) == len ? 0 : -1;
    if (fclose(f))
        rc = -1;
    return rc;
}

static const char *tmp_path(const char *name)
{
    static char p[512];
    snprintf(p, sizeof p, "%s/%s", tmpdir, name);
    return p;
}

/* gs_read on a fixture: the status; *fmt, the text (malloc'd copy) and err set. */
static gapscan_status read_file(const char *path, size_t max_out, const char **fmt, char **text,
                                char *err, size_t errlen)
{
    size_t len = 0;
    char *data = h_read_file(path, &len);
    *text = NULL;
    *fmt = NULL;
    if (!data) {
        snprintf(err, errlen, "cannot load %s", path);
        return GAPSCAN_EIO;
    }
    gs_read_out out;
    gapscan_status st = gs_read(&mem, data, len, max_out, &out, err, errlen);
    if (st == GAPSCAN_OK) {
        *fmt = out.format;
        *text = malloc(out.len + 1);
        if (*text) {
            memcpy(*text, out.text, out.len);
            (*text)[out.len] = '\0';
        }
        if (!out.owned)
            CHECK(out.text == data); /* plain text is not copied */
        gs_free(&mem, out.owned);
    }
    free(data);
    return st;
}

/* ---- the same CV in every format ---- */

typedef struct facts {
    char skills[2048]; /* sorted ids, space-separated */
    double years;
    char degree[32];
} facts;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static gapscan_status facts_of(gapscan_engine *eng, const char *path, facts *f)
{
    gapscan_profile *p = NULL;
    gapscan_status st = gapscan_extract_file(eng, path, &p);
    memset(f, 0, sizeof *f);
    if (st != GAPSCAN_OK)
        return st;
    size_t n = gapscan_profile_skill_count(p);
    const char *ids[256];
    if (n > 256)
        n = 256;
    for (size_t i = 0; i < n; i++)
        ids[i] = gapscan_profile_skill_id(p, i);
    qsort(ids, n, sizeof *ids, cmp_str);
    for (size_t i = 0; i < n; i++) {
        strncat(f->skills, ids[i], sizeof f->skills - strlen(f->skills) - 2);
        strcat(f->skills, " ");
    }
    f->years = gapscan_profile_years(p);
    snprintf(f->degree, sizeof f->degree, "%s", gapscan_profile_highest_degree(p));
    gapscan_profile_free(p);
    return st;
}

static void test_same_cv(gapscan_engine *eng)
{
    static const char *const files[] = {
        "cv.md", "cv.html", "cv.docx", "cv.odt", "cv.rtf", "cv.doc",
        "cv.pdf", "cv-2col.pdf", "cv.resume.json", NULL};
    static const char *const formats[] = {
        "text", "html", "docx", "odt", "rtf", "doc", "pdf", "pdf", "jsonresume", NULL};
    facts ref, f;
    CHECK(facts_of(eng, FILES "cv.txt", &ref) == GAPSCAN_OK);
    CHECK(strstr(ref.skills, "python ") && strstr(ref.skills, "kubernetes ") &&
          strstr(ref.skills, "snowflake "));
    CHECK(ref.years == 8.8);
    CHECK_STR(ref.degree, "master");
    for (size_t i = 0; files[i]; i++) {
        char path[256];
        snprintf(path, sizeof path, FILES "%s", files[i]);
        gapscan_status st = facts_of(eng, path, &f);
        if (st != GAPSCAN_OK)
            fprintf(stderr, "%s: %s\n", path, gapscan_errmsg(eng));
        CHECK(st == GAPSCAN_OK);
        CHECK_STR(f.skills, ref.skills);
        if (f.years != ref.years)
            fprintf(stderr, "%s: %.1f years, want %.1f\n", path, f.years, ref.years);
        CHECK(f.years == ref.years);
        CHECK_STR(f.degree, ref.degree);

        const char *fmt;
        char *text, err[256];
        CHECK(read_file(path, 1 << 20, &fmt, &text, err, sizeof err) == GAPSCAN_OK);
        CHECK_STR(fmt, formats[i]);
        free(text);
    }
}

/* ---- what each reader keeps and drops ---- */

static void test_text_of_formats(void)
{
    const char *fmt;
    char *t, err[256];

    /* two columns: the left column's lines, then the right's */
    CHECK(read_file(FILES "cv-2col.pdf", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    if (t) {
        const char *sum = strstr(t, "\nSummary\n"), *skills = strstr(t, "\nSkills\n");
        const char *exp = strstr(t, "\nExperience\n");
        CHECK(sum && skills && exp && sum < skills && skills < exp);
        CHECK(strstr(t, "Data engineer with ten years of\nexperience building batch and\n"));
        CHECK(strstr(t, "Senior Data Engineer, Northwind Logistics, Leeds\n2019-04 \xE2\x80\x93 2024-06\n"));
        CHECK(!strstr(t, "   ")); /* no column gap left in a line */
    }
    free(t);

    /* DOCX: header first, runs joined, w:br, w:tab, numbering, table cells */
    CHECK(read_file(FILES "cv.docx", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    if (t) {
        CHECK(!strncmp(t, "Leeds, UK\tpriya.raman@example.com\t+44 113 555 0147\nPriya Raman\n", 63));
        CHECK(strstr(t, "streaming data pipelines for insurance"));
        CHECK(strstr(t, "\nSenior Data Engineer, Northwind Logistics, Leeds\n2019-04 \xE2\x80\x93 2024-06\n"));
        CHECK(strstr(t, "\n- Modelled the warehouse in Snowflake as a star schema.\n"));
        CHECK(strstr(t, "\nSkills\nPython,\nSQL,\nApache Spark,\n"));
    }
    free(t);

    /* ODT: white space collapsed, text:s, list items, header from styles.xml */
    CHECK(read_file(FILES "cv.odt", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    if (t) {
        CHECK(!strncmp(t, "Leeds, UK\tpriya.raman@example.com\t+44 113 555 0147\n", 51));
        CHECK(strstr(t, "batch and streaming data pipelines for insurance"));
        CHECK(strstr(t, "\n- Orchestrated nightly ETL jobs with Apache Airflow.\n"));
        CHECK(strstr(t, "\nData Engineer, Calder Insurance, York\n"));
    }
    free(t);

    /* HTML: no head, script or style; entities decoded; blocks are lines */
    CHECK(read_file(FILES "cv.html", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    if (t) {
        CHECK(!strstr(t, "Scala") && !strstr(t, "Fortran") && !strstr(t, "Go Sans"));
        CHECK(!strncmp(t, "Priya Raman\nSenior Data Engineer\nLeeds, UK | ", 44));
        CHECK(strstr(t, "\n2015-09 \xE2\x80\x93 2019-03\n- Wrote PostgreSQL"));
        CHECK(strstr(t, "batch and streaming data pipelines for insurance"));
    }
    free(t);

    /* RTF: tables and {\*\...} skipped, \'96 and \u8211? are en dashes */
    CHECK(read_file(FILES "cv.rtf", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    if (t) {
        CHECK(!strstr(t, "Helvetica") && !strstr(t, "Haskell") && !strstr(t, "Fortran") &&
              !strstr(t, "Rust"));
        CHECK(!strncmp(t, "Priya Raman\nSenior Data Engineer\n", 33));
        CHECK(strstr(t, "\n2019-04 \xE2\x80\x93 2024-06\n"));
        CHECK(strstr(t, "\n2015-09 \xE2\x80\x93 2019-03\n"));
    }
    free(t);

    /* the JSON Resume project's sample */
    CHECK(read_file(FILES "sample.resume.json", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(fmt, "jsonresume");
    if (t) {
        CHECK(!strncmp(t, "Richard Hendriks\nProgrammer\n", 28));
        CHECK(strstr(t, "\nExperience\nCEO/President, Pied Piper, 2013-12 \xE2\x80\x93 2014-12\n"));
        CHECK(strstr(t, "\n- Successfully won Techcrunch Disrupt\n"));
        CHECK(strstr(t, "\nEducation\nBachelor Information Technology, University of Oklahoma, "
                        "2011-06 \xE2\x80\x93 2014-01\n"));
        CHECK(strstr(t, "\nSkills\nWeb Development: HTML, CSS, Javascript\n"));
    }
    free(t);
}

static gapscan_status read_mem(const char *data, size_t len, size_t max_out, gs_read_out *out,
                               char *err, size_t errlen)
{
    return gs_read(&mem, data, len, max_out, out, err, errlen);
}

static void test_small_inputs(void)
{
    gs_read_out o;
    char err[256];

    /* JSON Resume: year-only dates, no end date is Present */
    const char *js = "{\"work\":[{\"position\":\"ML Engineer\",\"name\":\"Acme\",\"startDate\":\"2019\","
                     "\"highlights\":[\"Python\"]},{\"position\":\"Analyst\",\"startDate\":"
                     "\"2015-02-10\",\"endDate\":\"2018-07\"}],\"skills\":[{\"name\":\"Data\","
                     "\"keywords\":[\"SQL\",\"dbt\"]}]}";
    CHECK(read_mem(js, strlen(js), 1 << 20, &o, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(o.format, "jsonresume");
    CHECK_STR(o.text, "\nExperience\nML Engineer, Acme, 2019 \xE2\x80\x93 Present\n- Python\n\n"
                      "Analyst, 2015-02 \xE2\x80\x93 2018-07\n\nSkills\nData: SQL, dbt\n");
    gs_free(&mem, o.owned);
    /* a JSON object that is not a resume, and text that starts with '{', are text */
    const char *other = "{\"name\": \"x\"}";
    CHECK(read_mem(other, strlen(other), 1 << 20, &o, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(o.format, "text");
    CHECK(o.text == other && !o.owned);
    const char *brace = "{Python} and SQL\n";
    CHECK(read_mem(brace, strlen(brace), 1 << 20, &o, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(o.format, "text");

    /* RTF escapes */
    const char *rtf = "{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}{\\*\\panose 0}\\uc1 "
                      "Caf\\'e9 \\u8212? ok\\par \\{x\\}\\tab y\\line {\\pict 0102}z\\u-10179?\\u-8704?}";
    CHECK(read_mem(rtf, strlen(rtf), 1 << 20, &o, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(o.format, "rtf");
    CHECK_STR(o.text, "Caf\xC3\xA9 \xE2\x80\x94 ok\n{x}\ty\nz\xF0\x9F\x98\x80\n");
    gs_free(&mem, o.owned);

    /* HTML: <br>, cells, <pre>, entities, headings */
    const char *html = "<html><body><h2>Skills</h2><table><tr><td>Python &amp; SQL</td>"
                       "<td>R&eacute;sum&eacute;</td></tr></table>a<br>b<pre>x  y\nz</pre>"
                       "<p>one\n   two</p></body></html>";
    CHECK(read_mem(html, strlen(html), 1 << 20, &o, err, sizeof err) == GAPSCAN_OK);
    CHECK_STR(o.format, "html");
    CHECK_STR(o.text, "Skills\nPython & SQL\nR\xC3\xA9sum\xC3\xA9\na\nb\nx  y\nz\none two\n");
    gs_free(&mem, o.owned);

    /* detection by content */
    CHECK_STR(gs_read_sniff("%PDF-1.7", 8), "pdf");
    CHECK_STR(gs_read_sniff("PK\x03\x04", 4), "zip");
    CHECK_STR(gs_read_sniff("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "doc");
    CHECK_STR(gs_read_sniff("  {\\rtf1", 8), "rtf");
    CHECK_STR(gs_read_sniff("\xEF\xBB\xBF<!DOCTYPE HTML>", 17), "html");
    CHECK_STR(gs_read_sniff("<?xml version=\"1.0\"?><html>", 27), "html");
    CHECK_STR(gs_read_sniff("<!-- cv --><body>", 17), "html");
    CHECK_STR(gs_read_sniff("<b>Python</b> engineer", 22), "text");
    CHECK_STR(gs_read_sniff("Python, <html> and SQL", 22), "text");
    CHECK_STR(gs_read_sniff("", 0), "text");

    /* the output cap */
    size_t len;
    char *docx = h_read_file(FILES "cv.docx", &len);
    CHECK(docx != NULL);
    if (docx) {
        CHECK(read_mem(docx, len, 100, &o, err, sizeof err) == GAPSCAN_ETOOBIG);
        CHECK_STR(err, "document too large when unpacked");
    }
    free(docx);
}

/* pdftotext -layout text, split into columns or not */
static void test_layout(void)
{
    gs_sink s;
    const char *two =
        "                    JANE DOE, Data Scientist, jane@example.com, +1 555 0100\n"
        "\n"
        "Summary                           Experience\n"
        "Data scientist with six           Data Scientist, Acme, 2019 - 2023\n"
        "years in forecasting.             - Built demand forecasts in Python.\n"
        "                                  - Ran A/B tests with SQL.\n"
        "Skills\n"
        "Python, SQL, R                    Analyst, Initech, 2016 - 2019\n"
        "                                  - Reported with Tableau.\n"
        "\f"
        "Education\n"
        "MSc Statistics, 2016\n";
    gs_sink_init(&s, &mem, 1 << 20);
    CHECK(gs_pdf_layout_text(&mem, two, strlen(two), &s) == GAPSCAN_OK);
    CHECK_STR(s.buf.data,
              "JANE DOE, Data Scientist, jane@example.com, +1 555 0100\n"
              "Summary\nData scientist with six\nyears in forecasting.\n\nSkills\nPython, SQL, R\n\n"
              "Experience\nData Scientist, Acme, 2019 - 2023\n- Built demand forecasts in Python.\n"
              "- Ran A/B tests with SQL.\n\nAnalyst, Initech, 2016 - 2019\n- Reported with Tableau.\n"
              "Education\nMSc Statistics, 2016\n");
    gs_sink_free(&s);

    /* one column with dates aligned on the right stays line by line */
    const char *one =
        "Experience\n"
        "Data Scientist, Acme                                         2019 - 2023\n"
        "- Built demand forecasts in Python for the retail and wholesale teams.\n"
        "- Ran A/B tests with SQL and wrote the experiment guidelines for product.\n"
        "Analyst, Initech                                             2016 - 2019\n"
        "- Reported weekly sales with Tableau dashboards for the regional managers.\n"
        "- Automated the monthly finance extracts, replacing thirty spreadsheets.\n"
        "Consultant, Hooli                                            2014 - 2016\n"
        "- Built the pricing model for the consulting practice across four countries.\n";
    gs_sink_init(&s, &mem, 1 << 20);
    CHECK(gs_pdf_layout_text(&mem, one, strlen(one), &s) == GAPSCAN_OK);
    CHECK(s.buf.data && strstr(s.buf.data, "\nData Scientist, Acme  2019 - 2023\n"));
    CHECK(s.buf.data && strstr(s.buf.data, "\nConsultant, Hooli  2014 - 2016\n"));
    gs_sink_free(&s);

    /* a huge page is taken line by line, without the column analysis */
    size_t big = 5u << 20, unit = 16;
    char *page = malloc(big + 1);
    CHECK(page != NULL);
    if (page) {
        for (size_t i = 0; i + unit <= big; i += unit)
            memcpy(page + i, "  Python    SQL\n", unit);
        gs_sink_init(&s, &mem, 8u << 20);
        CHECK(gs_pdf_layout_text(&mem, page, big, &s) == GAPSCAN_OK);
        CHECK(s.buf.len == big / unit * 14 && !strncmp(s.buf.data, "Python    SQL\n", 14));
        gs_sink_free(&s);
        gs_sink_init(&s, &mem, 1u << 20);
        CHECK(gs_pdf_layout_text(&mem, page, big, &s) == GAPSCAN_ETOOBIG);
        gs_sink_free(&s);
    }
    free(page);

    /* every allocation failing in turn: a clean ENOMEM, never a crash or leak */
    for (long k = 0; k < 20; k++) {
        gs_mem failing = {k};
        gs_sink_init(&s, &failing, 1 << 20);
        gapscan_status st = gs_pdf_layout_text(&failing, two, strlen(two), &s);
        CHECK(st == GAPSCAN_OK || st == GAPSCAN_ENOMEM);
        gs_sink_free(&s);
    }
}

/* Allocation failures in the in-process readers end cleanly. */
static void test_alloc_failures(void)
{
    static const char *const files[] = {"cv.docx", "cv.odt", "cv.html", "cv.rtf",
                                        "cv.resume.json", NULL};
    for (size_t i = 0; files[i]; i++) {
        char path[256];
        size_t len;
        snprintf(path, sizeof path, FILES "%s", files[i]);
        char *data = h_read_file(path, &len);
        CHECK(data != NULL);
        if (!data)
            continue;
        int ok = 0;
        for (long k = 0; k < 400 && !ok; k++) {
            gs_mem failing = {k};
            gs_read_out o;
            char err[256];
            gapscan_status st = gs_read(&failing, data, len, 1 << 20, &o, err, sizeof err);
            if (st == GAPSCAN_OK) {
                ok = 1;
                gs_free(&failing, o.owned);
            } else if (st != GAPSCAN_ENOMEM) {
                fprintf(stderr, "%s, allocation %ld failing: %d %s\n", files[i], k, st, err);
                CHECK(st == GAPSCAN_ENOMEM);
                break;
            }
        }
        CHECK(ok);
        free(data);
    }
}

/* ---- hostile files ---- */

/* Expect the file to fail with `st` and a message containing `want`, fast. */
static void expect_fail(gapscan_engine *eng, const char *path, gapscan_status want_st,
                        const char *want)
{
    gapscan_profile *p = NULL;
    double t0 = now();
    gapscan_status st = gapscan_extract_file(eng, path, &p);
    double dt = now() - t0;
    if (st != want_st || !strstr(gapscan_errmsg(eng), want))
        fprintf(stderr, "%s: got %d '%s', want %d '%s'\n", path, st, gapscan_errmsg(eng),
                want_st, want);
    CHECK(st == want_st);
    CHECK(strstr(gapscan_errmsg(eng), want) != NULL);
    CHECK(strstr(gapscan_errmsg(eng), path) == gapscan_errmsg(eng)); /* "NAME: reason" */
    CHECK(!strstr(gapscan_errmsg(eng), "root:"));
    CHECK(dt < 5.0);
    gapscan_profile_free(p);
}

/* ---- a zip bomb, made by hand: one deflate block with a dynamic Huffman
 * code where a match of 258 zero bytes costs two bits ---- */

typedef struct bits {
    unsigned char *p;
    size_t pos; /* in bits */
} bits;

static void put_bits(bits *b, unsigned v, int n) /* LSB first */
{
    for (int i = 0; i < n; i++, b->pos++)
        if ((v >> i) & 1)
            b->p[b->pos >> 3] |= (unsigned char)(1u << (b->pos & 7));
}

static void put_code(bits *b, unsigned code, int len) /* Huffman codes: MSB first */
{
    for (int i = len - 1; i >= 0; i--)
        put_bits(b, (code >> i) & 1, 1);
}

/* A raw deflate stream of 1 + 258 * matches zero bytes; *len its size. */
static unsigned char *deflate_zeros(size_t matches, size_t *len)
{
    size_t cap = 64 + matches / 4;
    bits b = {calloc(cap, 1), 0};
    if (!b.p)
        return NULL;
    put_bits(&b, 1, 1);  /* BFINAL */
    put_bits(&b, 2, 2);  /* dynamic Huffman */
    put_bits(&b, 29, 5); /* HLIT: 286 literal/length codes */
    put_bits(&b, 1, 5);  /* HDIST: 2 distance codes */
    put_bits(&b, 14, 4); /* HCLEN: 18 code length codes */
    /* order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1: 18 has 1 bit, 2 and 1 two */
    static const int cl[18] = {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2};
    for (int i = 0; i < 18; i++)
        put_bits(&b, (unsigned)cl[i], 3);
    /* code length codes: 18 = 0, 1 = 10, 2 = 11 */
    put_code(&b, 3, 2);                      /* literal 0: length 2 */
    put_code(&b, 0, 1), put_bits(&b, 127, 7); /* 138 zeros */
    put_code(&b, 0, 1), put_bits(&b, 106, 7); /* 117 zeros: literals 1-255 */
    put_code(&b, 3, 2);                      /* 256 (end of block): length 2 */
    put_code(&b, 0, 1), put_bits(&b, 17, 7);  /* 28 zeros: 257-284 */
    put_code(&b, 2, 2);                      /* 285 (length 258): length 1 */
    put_code(&b, 2, 2);                      /* distance codes 0 and 1: length 1 */
    put_code(&b, 2, 2);
    /* literal/length code: 285 = 0, literal 0 = 10, 256 = 11; distance 0 = 0 */
    put_code(&b, 2, 2);    /* the first zero byte */
    b.pos += 2 * matches;  /* each match: 285 then distance 1, "0" "0" */
    put_code(&b, 3, 2);    /* end of block */
    *len = (b.pos + 7) / 8;
    return b.p;
}

/* CRC-32 of n zero bytes, by squaring the zero-bit operator (as zlib does). */
static uint32_t gf2_times(const uint32_t *mat, uint32_t vec)
{
    uint32_t sum = 0;
    for (; vec; vec >>= 1, mat++)
        if (vec & 1)
            sum ^= *mat;
    return sum;
}

static uint32_t crc32_zeros(uint64_t n)
{
    uint32_t op[32], sq[32], reg = 0xFFFFFFFFu;
    op[0] = 0xEDB88320u; /* one zero bit */
    for (int i = 1; i < 32; i++)
        op[i] = 1u << (i - 1);
    for (int k = 0; k < 3; k++) { /* one zero byte: eight bits */
        for (int i = 0; i < 32; i++)
            sq[i] = gf2_times(op, op[i]);
        memcpy(op, sq, sizeof op);
    }
    while (n) {
        if (n & 1)
            reg = gf2_times(op, reg);
        n >>= 1;
        for (int i = 0; i < 32; i++)
            sq[i] = gf2_times(op, op[i]);
        memcpy(op, sq, sizeof op);
    }
    return reg ^ 0xFFFFFFFFu;
}

static void le16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void le32(unsigned char *p, uint32_t v)
{
    le16(p, v & 0xFFFF);
    le16(p + 2, v >> 16);
}

typedef struct zentry {
    const char *name;
    const unsigned char *data; /* as stored */
    size_t clen;
    uint32_t usize, crc;
    int method; /* 0 stored, 8 deflate */
} zentry;

/* A zip of the entries, written to path. */
static int write_zip(const char *path, const zentry *e, size_t n)
{
    size_t total = 22;
    for (size_t i = 0; i < n; i++)
        total += 30 + 46 + 2 * strlen(e[i].name) + e[i].clen;
    unsigned char *z = calloc(total, 1), *p = z;
    uint32_t offs[8];
    if (!z || n > 8)
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(e[i].name);
        offs[i] = (uint32_t)(p - z);
        le32(p, 0x04034b50), le16(p + 4, 20), le16(p + 8, (unsigned)e[i].method);
        le16(p + 12, 0x5821), le32(p + 14, e[i].crc), le32(p + 18, (uint32_t)e[i].clen);
        le32(p + 22, e[i].usize), le16(p + 26, (unsigned)nl);
        memcpy(p + 30, e[i].name, nl);
        memcpy(p + 30 + nl, e[i].data, e[i].clen);
        p += 30 + nl + e[i].clen;
    }
    unsigned char *cd = p;
    for (size_t i = 0; i < n; i++) {
        size_t nl = strlen(e[i].name);
        le32(p, 0x02014b50), le16(p + 4, 20), le16(p + 6, 20), le16(p + 10, (unsigned)e[i].method);
        le16(p + 14, 0x5821), le32(p + 16, e[i].crc), le32(p + 20, (uint32_t)e[i].clen);
        le32(p + 24, e[i].usize), le16(p + 28, (unsigned)nl), le32(p + 42, offs[i]);
        memcpy(p + 46, e[i].name, nl);
        p += 46 + nl;
    }
    le32(p, 0x06054b50), le16(p + 8, (unsigned)n), le16(p + 10, (unsigned)n);
    le32(p + 12, (uint32_t)(p - cd)), le32(p + 16, (uint32_t)(cd - z));
    p += 22;
    int rc = save(path, z, (size_t)(p - z));
    free(z);
    return rc;
}

static void test_zip_bomb(gapscan_engine *eng)
{
    /* 1 GiB of zeros in about 1 MB: 4161790 matches of 258 bytes, and one literal */
    size_t matches = 4161790, clen = 0;
    unsigned char *bomb = deflate_zeros(matches, &clen);
    CHECK(bomb != NULL);
    if (!bomb)
        return;
    uint32_t usize = (uint32_t)(1 + 258 * matches);
    CHECK(clen > 1000000 && clen < 1100000);
    CHECK(crc32_zeros(1) == 0xD202EF8Du && crc32_zeros(4) == 0x2144DF1Cu);
    static const unsigned char types[] = "<Types/>";
    zentry e[2] = {{"[Content_Types].xml", types, 8, 8, 0, 0},
                   {"word/document.xml", bomb, clen, usize, crc32_zeros(usize), 8}};
    /* CRC-32 of "<Types/>" */
    e[0].crc = 0;
    {
        uint32_t c = 0xFFFFFFFFu;
        for (size_t i = 0; i < 8; i++) {
            c ^= types[i];
            for (int k = 0; k < 8; k++)
                c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
        }
        e[0].crc = c ^ 0xFFFFFFFFu;
    }
    CHECK(write_zip(tmp_path("bomb.docx"), e, 2) == 0);
    expect_fail(eng, tmp_path("bomb.docx"), GAPSCAN_EFORMAT, "zip bomb (compression ratio too high)");

    /* the same stream under a size that lies (5000 bytes): caught while inflating */
    e[1].usize = 5000;
    CHECK(write_zip(tmp_path("liar.docx"), e, 2) == 0);
    gapscan_profile *p = NULL;
    double t0 = now();
    CHECK(gapscan_extract_file(eng, tmp_path("liar.docx"), &p) == GAPSCAN_EFORMAT);
    CHECK(now() - t0 < 5.0);
    CHECK(strstr(gapscan_errmsg(eng), "zip bomb") || strstr(gapscan_errmsg(eng), "damaged zip"));
    gapscan_profile_free(p);
    free(bomb);
}

static void test_hostile(gapscan_engine *eng)
{
    CHECK(save(tmp_path("empty.pdf"), "", 0) == 0);
    expect_fail(eng, tmp_path("empty.pdf"), GAPSCAN_EFORMAT, "empty file");
    expect_fail(eng, FILES "truncated.pdf", GAPSCAN_EFORMAT, "damaged or truncated PDF");
    expect_fail(eng, FILES "encrypted.pdf", GAPSCAN_EFORMAT, "encrypted PDF");
    expect_fail(eng, FILES "scanned.pdf", GAPSCAN_EFORMAT, "no text layer (scanned PDF?)");
    expect_fail(eng, FILES "junk.pdf", GAPSCAN_EFORMAT, "binary file (not text)");
    expect_fail(eng, FILES "xxe.docx", GAPSCAN_EFORMAT, "DOCX with a DTD");
    expect_fail(eng, FILES "laughs.docx", GAPSCAN_EFORMAT, "DOCX with a DTD");
    expect_fail(eng, FILES "laughs.html", GAPSCAN_EFORMAT, "HTML with entity declarations");
    expect_fail(eng, FILES "other.zip", GAPSCAN_EFORMAT, "unsupported zip archive (not DOCX or ODT)");

    /* XXE through the readers directly: the target's content never comes out */
    const char *fmt;
    char *t, err[256];
    CHECK(read_file(FILES "xxe.docx", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_EFORMAT);
    CHECK(t == NULL && !strstr(err, "root:"));
    CHECK(read_file(FILES "xxe.html", 1 << 20, &fmt, &t, err, sizeof err) == GAPSCAN_OK);
    CHECK(t && !strstr(t, "root:") && !strcmp(t, "Python & SQL\n"));
    free(t);

    /* a broken zip: "not a zip archive"; a wrong name changes nothing */
    size_t len;
    char *docx = h_read_file(FILES "cv.docx", &len);
    CHECK(docx != NULL);
    if (docx) {
        CHECK(save(tmp_path("cv.docx"), docx, len / 2) == 0);
        expect_fail(eng, tmp_path("cv.docx"), GAPSCAN_EFORMAT, "cv.docx: not a zip archive");
        CHECK(save(tmp_path("cv.pdf"), docx, len) == 0);
        gapscan_profile *p = NULL;
        CHECK(gapscan_extract_file(eng, tmp_path("cv.pdf"), &p) == GAPSCAN_OK);
        CHECK(p && gapscan_profile_skill_count(p) > 10);
        gapscan_profile_free(p);
    }
    free(docx);

    /* 100 000 nested elements: refused fast, no deep recursion */
    size_t depth = 100000;
    char *deep = malloc(depth * 11 + 64);
    CHECK(deep != NULL);
    if (deep) {
        char *q = deep + sprintf(deep, "<html><body>");
        for (size_t i = 0; i < depth; i++)
            q += sprintf(q, "<div>");
        q += sprintf(q, "Python");
        for (size_t i = 0; i < depth; i++)
            q += sprintf(q, "</div>");
        CHECK(save(tmp_path("deep.html"), deep, (size_t)(q - deep)) == 0);
        expect_fail(eng, tmp_path("deep.html"), GAPSCAN_EFORMAT, "HTML too deeply nested");
        q = deep + sprintf(deep, "{\\rtf1 ");
        for (size_t i = 0; i < depth; i++)
            *q++ = '{';
        CHECK(save(tmp_path("deep.rtf"), deep, (size_t)(q - deep)) == 0);
        expect_fail(eng, tmp_path("deep.rtf"), GAPSCAN_EFORMAT, "RTF nested too deeply");
    }
    free(deep);

    /* a .doc that is not one */
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really a Word file";
    CHECK(save(tmp_path("fake.doc"), ole, sizeof ole - 1) == 0);
    expect_fail(eng, tmp_path("fake.doc"), GAPSCAN_EFORMAT, "unreadable .doc");

    test_zip_bomb(eng);
}

/* Without the tools in PATH, PDF and .doc say what to install. */
static void test_missing_tools(gapscan_engine *eng)
{
    const char *old = getenv("PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("PATH", tmpdir, 1);
    expect_fail(eng, FILES "cv.pdf", GAPSCAN_EIO,
                "reading PDF needs pdftotext (apt-get install poppler-utils)");
    expect_fail(eng, FILES "cv.doc", GAPSCAN_EIO,
                "reading .doc needs antiword (apt-get install antiword)");
    if (saved)
        setenv("PATH", saved, 1);
    else
        unsetenv("PATH");
    free(saved);
}

/* The child-process limits. */
static void test_child(void)
{
    gs_buf out;
    gs_child_res res;
    static const char *const sleeper[] = {"sleep", "30", NULL};
    gs_buf_init(&out, &mem, 0);
    double t0 = now();
    CHECK(gs_child_run(sleeper, NULL, 0, 300, 1000, &out, &res) == GS_CHILD_RAN);
    CHECK(res.timed_out && !res.exited);
    CHECK(now() - t0 < 3.0);
    gs_buf_free(&out);

    static const char *const yes[] = {"yes", NULL};
    gs_buf_init(&out, &mem, 0);
    CHECK(gs_child_run(yes, NULL, 0, 5000, 100000, &out, &res) == GS_CHILD_RAN);
    CHECK(res.too_big && out.len <= 100000);
    gs_buf_free(&out);

    static const char *const cat[] = {"cat", GS_CHILD_INPUT, NULL};
    gs_buf_init(&out, &mem, 0);
    CHECK(gs_child_run(cat, "hello\n", 6, 5000, 100, &out, &res) == GS_CHILD_RAN);
    CHECK(res.exited && res.code == 0 && out.data && !strcmp(out.data, "hello\n"));
    gs_buf_free(&out);

    static const char *const none[] = {"no-such-program-gapscan", NULL};
    gs_buf_init(&out, &mem, 0);
    CHECK(gs_child_run(none, NULL, 0, 5000, 100, &out, &res) == GS_CHILD_NOTFOUND);
    gs_buf_free(&out);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "%s/gapscan-test-XXXXXX",
             getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    gapscan_engine *eng = NULL;
    CHECK(gapscan_open(&eng) == GAPSCAN_OK);
    if (eng) {
        gapscan_set_as_of(eng, 2026, 11);
        test_same_cv(eng);
        test_text_of_formats();
        test_small_inputs();
        test_layout();
        test_alloc_failures();
        test_hostile(eng);
        test_missing_tools(eng);
        test_child();
    }
    gapscan_close(eng);
    static const char *const names[] = {"empty.pdf", "bomb.docx", "liar.docx", "cv.docx",
                                        "cv.pdf", "deep.html", "deep.rtf", "fake.doc", NULL};
    for (size_t i = 0; names[i]; i++)
        unlink(tmp_path(names[i]));
    rmdir(tmpdir);
    return DONE("read");
}
