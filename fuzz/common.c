/* common.c - the engine, the fixed profile and the output checks the fuzz
 * targets share (see fuzz.h). Test code: the static state here is the fuzz
 * process's, never the library's. */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "internal.h"
#include "read.h"
#include "role.h"
#include "text.h"

static gapscan_engine *engine;
static gapscan_profile *profile;

static const char SAMPLE_CV[] =
    "Dana Whitfield\n"
    "Head of Data Engineering\n"
    "\n"
    "Summary\n"
    "12+ years of experience building data platforms; grew the team to 14 engineers.\n"
    "\n"
    "Experience\n"
    "Head of Data Engineering, Northwind Analytics\n"
    "Mar 2019 - Present\n"
    "- Led 14 engineers building Spark and Airflow pipelines on AWS (S3, Redshift, EKS).\n"
    "- Python (8 yrs), SQL, dbt and Kafka; Kubernetes with Terraform.\n"
    "\n"
    "Senior Data Engineer, Contoso Ltd\n"
    "01/2014 - 02/2019\n"
    "- ETL in Scala and Java; data modeling and data warehousing on Snowflake.\n"
    "- Machine learning features with TensorFlow and scikit-learn.\n"
    "\n"
    "Education\n"
    "MSc Computer Science, University of Leeds, 2012 - 2013\n"
    "\n"
    "Skills\n"
    "Python, SQL, Spark, Airflow, Kafka, Docker, Kubernetes, GCP, BigQuery\n";

static void fz_cleanup(void)
{
    gapscan_profile_free(profile);
    profile = NULL;
    gapscan_close(engine);
    engine = NULL;
}

gapscan_engine *fz_engine(void)
{
    if (engine)
        return engine;
    gapscan_status st = gapscan_open(&engine);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "fuzz: the engine did not open: %s\n",
                engine ? gapscan_errmsg(engine) : gapscan_strerror(st));
        abort();
    }
    FZ_CHECK(gapscan_set_as_of(engine, 2026, 11) == GAPSCAN_OK);
    gapscan_set_max_input(engine, FZ_MAX_TEXT);
    atexit(fz_cleanup);
    return engine;
}

const gapscan_profile *fz_profile(void)
{
    if (profile)
        return profile;
    gapscan_engine *eng = fz_engine();
    gapscan_status st = gapscan_extract(eng, "sample-cv.txt", SAMPLE_CV, sizeof SAMPLE_CV - 1,
                                        &profile);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "fuzz: the sample CV did not extract: %s\n", gapscan_errmsg(eng));
        abort();
    }
    return profile;
}

/* One rendering of `m`, with the checks that hold for every format. */
static void render_check(gapscan_engine *eng, const gapscan_match *m, gapscan_format fmt)
{
    char *out = NULL;
    size_t len = 0;
    FZ_CHECK(gapscan_render(eng, m, fmt, &out, &len) == GAPSCAN_OK);
    FZ_CHECK(out && strlen(out) == len);
    FZ_CHECK(fz_valid_utf8(out, len));
    if (fmt == GAPSCAN_FORMAT_JSON || fmt == GAPSCAN_FORMAT_JSONL) {
        json_error_t je;
        json_t *root = json_loadb(out, len, 0, &je);
        if (!root)
            fprintf(stderr, "fuzz: rendered JSON does not parse: %s (line %d)\n", je.text, je.line);
        FZ_CHECK(json_is_object(root));
        json_decref(root);
    }
    if (fmt == GAPSCAN_FORMAT_JSONL)
        FZ_CHECK(len > 0 && out[len - 1] == '\n' && !memchr(out, '\n', len - 1));
    gapscan_free(out);
}

void fz_score_render(const gapscan_profile *p, const gapscan_role *role)
{
    gapscan_engine *eng = fz_engine();
    gapscan_match *m = NULL;
    FZ_CHECK(gapscan_score(eng, p, role, &m) == GAPSCAN_OK);
    int score = gapscan_match_score(m);
    FZ_CHECK(score >= 0 && score <= 100);
    for (size_t i = 0; i < gapscan_match_req_count(m); i++) {
        gapscan_req_status rs = gapscan_match_req_status(m, i);
        FZ_CHECK(rs == GAPSCAN_MISSING || rs == GAPSCAN_PARTIAL || rs == GAPSCAN_MET);
        FZ_CHECK(gapscan_match_req_id(m, i) != NULL);
    }
    render_check(eng, m, GAPSCAN_FORMAT_JSON);
    render_check(eng, m, GAPSCAN_FORMAT_JSONL);
    render_check(eng, m, GAPSCAN_FORMAT_TEXT);
    gapscan_match_free(m);
}

int fz_is_plain_text(const uint8_t *data, size_t size)
{
    return !strcmp(gs_read_sniff((const char *)data, size), "text");
}

int fz_valid_utf8(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t k = gs_utf8_seq(u + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

void fz_check_reader_text(const char *s, size_t n, size_t max, int utf8)
{
    FZ_CHECK(n <= max);
    FZ_CHECK(n == 0 || (s && s[n - 1] == '\n'));
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        FZ_CHECK((c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t');
    }
    if (utf8)
        FZ_CHECK(fz_valid_utf8(s, n));
}

void fz_role_roundtrip(const gapscan_role *role)
{
    gapscan_engine *eng = fz_engine();
    char *xml = NULL, *again = NULL, *text = NULL;
    size_t len = 0, len2 = 0, tlen = 0;
    FZ_CHECK(gapscan_role_write_xml(eng, role, &xml, &len) == GAPSCAN_OK);
    FZ_CHECK(xml && strlen(xml) == len && fz_valid_utf8(xml, len));
    gapscan_status st = GAPSCAN_OK;
    char err[512] = "";
    static gs_mem mem = {-1}; /* the role's own allocations; no failure injected */
    gapscan_role *back = gs_role_load(&mem, gs_engine_lexicon(eng), "written.xml", xml, len, &st,
                                      err, sizeof err);
    if (!back)
        fprintf(stderr, "fuzz: a written role does not load back: %s\n%s", err, xml);
    FZ_CHECK(back != NULL);
    FZ_CHECK(gapscan_role_write_xml(eng, back, &again, &len2) == GAPSCAN_OK);
    if (len2 != len || memcmp(xml, again, len))
        fprintf(stderr, "fuzz: written, loaded and written again differs:\n%s---\n%s", xml, again);
    FZ_CHECK(len2 == len && !memcmp(xml, again, len));
    FZ_CHECK(gapscan_role_describe(eng, role, &text, &tlen) == GAPSCAN_OK);
    FZ_CHECK(text && strlen(text) == tlen && fz_valid_utf8(text, tlen));
    fz_score_render(fz_profile(), role);
    gapscan_free(text);
    gapscan_free(again);
    gapscan_free(xml);
    gapscan_role_free(back);
}

void fz_run_reader(fz_reader read, const uint8_t *data, size_t size)
{
    gs_mem mem = {-1};
    gs_sink s;
    gs_sink_init(&s, &mem, FZ_MAX_TEXT);
    char err[256] = "";
    if (read(&mem, (const char *)data, size, &s, err, sizeof err) == GAPSCAN_OK)
        fz_check_reader_text(s.buf.data, s.buf.len, FZ_MAX_TEXT, 1);
    else
        FZ_CHECK(err[0] != '\0');
    gs_sink_free(&s);
}
