/* test_jsonw.c - the report's JSON writer: escapes, numbers, layout, and the
 * cache of CV-only parts that lets one profile be rendered against many
 * targets (every target's report must be the same bytes with or without
 * the cache, in any order, and a new profile must never get an old one's
 * parts). */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "gapscan.h"
#include "harness.h"
#include "jsonw.h"

static gs_mem mem = {-1};

/* Render one value with fn into a fresh compact buffer; returns it (free). */
static char *one(void (*fn)(gs_jw *, const void *), const void *arg, int pretty)
{
    gs_buf b;
    gs_buf_init(&b, &mem, 0);
    gs_jw w;
    gs_jw_init(&w, &b, pretty);
    fn(&w, arg);
    if (gs_jw_failed(&w)) {
        gs_buf_free(&b);
        return NULL;
    }
    return gs_buf_detach(&b, NULL);
}

static void w_str(gs_jw *w, const void *s)
{
    gs_jw_str(w, s);
}

static void w_real(gs_jw *w, const void *v)
{
    gs_jw_real(w, *(const double *)v);
}

static void w_nested(gs_jw *w, const void *unused)
{
    (void)unused;
    gs_jw_object(w);
    gs_jw_key(w, "a");
    gs_jw_array(w);
    gs_jw_int(w, 1);
    gs_jw_int(w, -20);
    gs_jw_end(w);
    gs_jw_key(w, "e");
    gs_jw_array(w);
    gs_jw_end(w);
    gs_jw_key(w, "o");
    gs_jw_object(w);
    gs_jw_end(w);
    gs_jw_key(w, "n");
    gs_jw_null(w);
    gs_jw_key(w, "t");
    gs_jw_bool(w, 1);
    gs_jw_end(w);
}

static void check_str(const char *in, const char *want)
{
    char *s = one(w_str, in, 0);
    CHECK_STR(s, want);
    free(s);
}

static void check_real(double v, const char *want)
{
    char *s = one(w_real, &v, 0);
    CHECK_STR(s, want);
    /* the same figure as printf's %.10g, as jansson wrote it */
    char ref[64];
    snprintf(ref, sizeof ref, "%.10g", v);
    if (!strpbrk(ref, ".e"))
        strcat(ref, ".0");
    CHECK_STR(s, ref);
    free(s);
}

static void test_writer(void)
{
    check_str("plain", "\"plain\"");
    check_str("a \"quoted\" back\\slash", "\"a \\\"quoted\\\" back\\\\slash\"");
    check_str("tab\there\nnl\r\b\f\x01\x1f", "\"tab\\there\\nnl\\r\\b\\f\\u0001\\u001f\"");
    check_str("caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\"");
    /* invalid UTF-8 (a lone continuation byte, a truncated sequence, an
     * overlong form, a surrogate) becomes U+FFFD, never raw bytes */
    check_str("a\x80z", "\"a\xef\xbf\xbdz\"");
    check_str("end\xe2\x80", "\"end\xef\xbf\xbd\xef\xbf\xbd\"");
    check_str("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");
    check_str("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    /* long runs go through the eight-bytes-at-a-time path */
    check_str("0123456789abcdef0123456789abcdef\"0123456789abcdef",
              "\"0123456789abcdef0123456789abcdef\\\"0123456789abcdef\"");
    check_str("0123456789abcdef\x7f", "\"0123456789abcdef\x7f\"");
    char *s = one(w_str, NULL, 0);
    CHECK_STR(s, "null");
    free(s);

    check_real(14.9, "14.9");
    check_real(7.0, "7.0");
    check_real(0.5, "0.5");
    check_real(0.33, "0.33");
    check_real(0.29, "0.29");
    check_real(0.0, "0.0");
    check_real(-2.5, "-2.5");
    check_real(1234567.89, "1234567.89");
    check_real(1.0 / 3.0, "0.3333333333");
    check_real(1e12, "1e+12");
    check_real(2.5e-7, "2.5e-07");
    /* the nearest doubles to 2.3 and 0.07 are not whole hundredths * 100 */
    check_real(2.3, "2.3");
    check_real(-0.07, "-0.07");
    check_real(1e7 - 0.01, "9999999.99");

    s = one(w_nested, NULL, 0);
    CHECK_STR(s, "{\"a\":[1,-20],\"e\":[],\"o\":{},\"n\":null,\"t\":true}");
    free(s);
    s = one(w_nested, NULL, 1);
    CHECK_STR(s, "{\n  \"a\": [\n    1,\n    -20\n  ],\n  \"e\": [],\n  \"o\": {},\n  \"n\": null,\n"
                 "  \"t\": true\n}");
    free(s);

    /* a bounded buffer: the failure is sticky and reported once */
    gs_buf b;
    gs_buf_init(&b, &mem, 8);
    gs_jw w;
    gs_jw_init(&w, &b, 0);
    gs_jw_array(&w);
    gs_jw_str(&w, "longer than eight bytes");
    gs_jw_int(&w, 1);
    gs_jw_end(&w);
    CHECK(gs_jw_failed(&w));
    gs_buf_free(&b);
}

/* {"a":1,"b":{"c":[2,3],"d":"x"},"e":"y"} written whole */
static void w_whole(gs_jw *w, const void *unused)
{
    (void)unused;
    gs_jw_object(w);
    gs_jw_key(w, "a");
    gs_jw_int(w, 1);
    gs_jw_key(w, "b");
    gs_jw_object(w);
    gs_jw_key(w, "c");
    gs_jw_array(w);
    gs_jw_int(w, 2);
    gs_jw_int(w, 3);
    gs_jw_end(w);
    gs_jw_key(w, "d");
    gs_jw_str(w, "x");
    gs_jw_end(w);
    gs_jw_key(w, "e");
    gs_jw_str(w, "y");
    gs_jw_end(w);
}

/* The same from pieces written on their own (gs_jw_init_inside) and
 * pasted (gs_jw_members_raw, gs_jw_value_raw): the same bytes. */
static void test_pieces(void)
{
    for (int pretty = 0; pretty < 2; pretty++) {
        gs_buf piece[3];
        gs_jw w;
        for (int i = 0; i < 3; i++)
            gs_buf_init(&piece[i], &mem, 0);
        gs_jw_init_inside(&w, &piece[0], pretty, 1, 1);
        GS_JW_KEY(&w, "a");
        gs_jw_int(&w, 1);
        gs_jw_init_inside(&w, &piece[1], pretty, 2, 1);
        GS_JW_KEY(&w, "c");
        gs_jw_array(&w);
        gs_jw_int(&w, 2);
        gs_jw_int(&w, 3);
        gs_jw_end(&w);
        GS_JW_KEY(&w, "d");
        gs_jw_init_inside(&w, &piece[2], pretty, 1, 0);
        GS_JW_KEY(&w, "e");
        CHECK(!gs_jw_failed(&w));

        gs_buf b;
        gs_buf_init(&b, &mem, 0);
        gs_jw_init(&w, &b, pretty);
        gs_jw_object(&w);
        gs_jw_members_raw(&w, piece[0].data, piece[0].len, 0);
        GS_JW_KEY(&w, "b");
        gs_jw_object(&w);
        gs_jw_members_raw(&w, piece[1].data, piece[1].len, 1);
        gs_jw_value_raw(&w, "\"x\"", 3);
        gs_jw_end(&w);
        gs_jw_members_raw(&w, piece[2].data, piece[2].len, 1);
        GS_JW_STR_LIT(&w, "y");
        gs_jw_end(&w);
        char *want = one(w_whole, NULL, pretty);
        CHECK(!gs_jw_failed(&w));
        CHECK_STR(b.data, want);
        free(want);
        gs_buf_free(&b);
        for (int i = 0; i < 3; i++)
            gs_buf_free(&piece[i]);
    }
}

/* Render p against every target, in order `order`, each report kept. */
static void render_all(gapscan_engine *eng, const gapscan_profile *p, const size_t *order,
                       size_t n, gapscan_format fmt, char **out)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        gapscan_match *m = NULL;
        size_t len;
        out[i] = NULL;
        if (gapscan_score(eng, p, gapscan_role_at(eng, i), &m) == GAPSCAN_OK)
            gapscan_render(eng, m, fmt, &out[i], &len);
        gapscan_match_free(m);
    }
}

static void test_cache(void)
{
    gapscan_engine *eng = NULL, *fresh = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK || gapscan_engine_fork(eng, &fresh) != GAPSCAN_OK) {
        CHECK(0);
        gapscan_close(eng);
        return;
    }
    gapscan_set_as_of(eng, 2026, 11);
    gapscan_set_as_of(fresh, 2026, 11);
    size_t n = gapscan_role_count(eng);
    size_t fwd[64], back[64];
    CHECK(n > 1 && n <= 64);
    if (n < 2 || n > 64)
        n = 1;
    for (size_t i = 0; i < n; i++) {
        fwd[i] = i;
        back[i] = n - 1 - i;
    }
    const char *cvs[2] = {
        "Ana Lima\nEXPERIENCE\nHead of Data, Acme, Jan 2018 - Present\n"
        "- Led a team of 14 engineers; Python, Spark, Airflow and Kubernetes\n"
        "EDUCATION\nMSc Computer Science, 2012\n",
        "Bo Chen\nEXPERIENCE\nML Engineer, Initech, 2019 - 2024\n- PyTorch and MLOps on AWS\n",
    };
    for (int fmt = GAPSCAN_FORMAT_JSON; fmt <= GAPSCAN_FORMAT_JSONL; fmt++) {
        for (int c = 0; c < 2; c++) {
            gapscan_profile *p = NULL, *q = NULL;
            if (gapscan_extract(eng, "cv.txt", cvs[c], strlen(cvs[c]), &p) != GAPSCAN_OK ||
                gapscan_extract(fresh, "cv.txt", cvs[c], strlen(cvs[c]), &q) != GAPSCAN_OK) {
                CHECK(0);
                gapscan_profile_free(p);
                continue;
            }
            char *a[64], *b[64], *ref[64];
            render_all(eng, p, fwd, n, (gapscan_format)fmt, a);
            render_all(eng, p, back, n, (gapscan_format)fmt, b);
            /* the reference: each target from an engine whose cache holds
             * nothing of p (a profile of its own) */
            render_all(fresh, q, fwd, n, (gapscan_format)fmt, ref);
            for (size_t i = 0; i < n; i++) {
                CHECK(a[i] && b[i] && ref[i]);
                CHECK(a[i] && b[i] && !strcmp(a[i], b[i]));
                CHECK(a[i] && ref[i] && !strcmp(a[i], ref[i]));
                json_error_t err;
                json_t *j = a[i] ? json_loads(a[i], 0, &err) : NULL;
                CHECK(j != NULL);
                CHECK(j && json_is_array(json_object_get(j, "skills")) &&
                      json_is_array(json_object_get(j, "requirements")));
                json_decref(j);
                gapscan_free(a[i]);
                gapscan_free(b[i]);
                gapscan_free(ref[i]);
            }
            gapscan_profile_free(p);
            gapscan_profile_free(q);
        }
    }
    /* a new profile at the address of a freed one must not get its parts */
    gapscan_profile *p = NULL;
    char *first = NULL, *second = NULL;
    size_t len;
    gapscan_match *m = NULL;
    if (gapscan_extract(eng, "a.txt", cvs[0], strlen(cvs[0]), &p) == GAPSCAN_OK &&
        gapscan_score(eng, p, gapscan_role_at(eng, 0), &m) == GAPSCAN_OK)
        gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &first, &len);
    gapscan_match_free(m);
    gapscan_profile_free(p);
    m = NULL;
    p = NULL;
    if (gapscan_extract(eng, "a.txt", cvs[1], strlen(cvs[1]), &p) == GAPSCAN_OK &&
        gapscan_score(eng, p, gapscan_role_at(eng, 0), &m) == GAPSCAN_OK)
        gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &second, &len);
    CHECK(first && second && strstr(first, "\"team_size\":14") && !strstr(second, "\"team_size\":14"));
    CHECK(second && strstr(second, "pytorch"));
    gapscan_free(first);
    gapscan_free(second);
    gapscan_match_free(m);
    gapscan_profile_free(p);
    gapscan_close(eng);
    gapscan_close(fresh);
}

int main(void)
{
    test_writer();
    test_pieces();
    test_cache();
    return DONE("jsonw");
}
