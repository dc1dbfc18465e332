/* test_store.c - the SQLite store: hashing, schema version, recording the
 * same report twice without duplicates, --rescan replacing, lookups, paths
 * that look like SQL, the views, and a CV's parts stored once (schema
 * version 2) with a store of version 1 migrated and read as it was. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gapscan.h"
#include "harness.h"
#include "store.h"

static const char CV[] = "Senior Data Engineer, Jan 2018 - Present\n"
                         "Python, SQL, Apache Spark, Airflow\n";

static char *report(gapscan_engine *eng, const char *name, const char *target)
{
    gapscan_profile *p = NULL;
    gapscan_match *m = NULL;
    char *out = NULL;
    size_t len = 0;
    if (gapscan_extract(eng, name, CV, sizeof CV - 1, &p) == GAPSCAN_OK &&
        gapscan_score(eng, p, gapscan_role_get(eng, target), &m) == GAPSCAN_OK)
        gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &out, &len);
    gapscan_match_free(m);
    gapscan_profile_free(p);
    return out;
}

static long long count(const char *file, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    long long n = -1;
    if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        n = sqlite3_column_int64(s, 0);
    else
        fprintf(stderr, "count: %s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_finalize(s);
    sqlite3_close(db);
    return n;
}

static void sql(const char *file, const char *text)
{
    sqlite3 *db = NULL;
    char *err = NULL;
    CHECK(sqlite3_open(file, &db) == SQLITE_OK);
    if (sqlite3_exec(db, text, NULL, NULL, &err) != SQLITE_OK)
        fprintf(stderr, "sql: %s: %s\n", text, err);
    CHECK(err == NULL);
    sqlite3_free(err);
    sqlite3_close(db);
}

/* r with another engine's name: the same CV parts, bytes apart */
static char *other_engine(const char *r)
{
    static const char KEY[] = "\"engine\":\"gapscan ";
    const char *at = strstr(r, KEY);
    char *o = malloc(strlen(r) + 8);
    if (!at || !o) {
        free(o);
        return NULL;
    }
    size_t n = (size_t)(at - r) + sizeof KEY - 1;
    memcpy(o, r, n);
    strcpy(o + n, "0.0.9-");
    strcat(o, r + n);
    return o;
}

static long long marked(const char *file)
{
    return count(file, "SELECT count(*) FROM scans WHERE instr(report, '\"@head\":\"cv_parts.head\"')");
}

static const gs_store_doc PDOC = {"p.txt", 1, "00000000000000ee", "text"};

/* Record reports of p.txt (up to two; none when NULL) in the store
 * `file`, then check how many scans leave out their CV parts and that each
 * of four targets reads back exactly as `want` (NULL: no scan), one by one
 * and all at once */
static void step(gs_store *st, const char *file, const char *lexv, const char *const reps[2],
                 int replace, long long nmarked, const char *const want[4])
{
    static const char *const TARGETS[4] = {"data-engineer", "vp-ai-ml", "ai-ml-engineer",
                                           "ai-ml-developer"};
    if (reps)
        CHECK(gs_store_record(st, &PDOC, reps, reps[1] ? 2 : 1, replace) == 0);
    CHECK(marked(file) == nmarked);
    for (int t = 0; t < 4; t++) {
        char *got = NULL;
        int found = gs_store_lookup(st, PDOC.path, PDOC.hash, lexv, "2026-11", TARGETS[t], &got);
        CHECK(want[t] ? found == 1 && !strcmp(got, want[t]) : found == 0);
        free(got);
    }
    /* all four at once: only when each has a scan */
    char *all[4];
    int every = want[0] && want[1] && want[2] && want[3];
    CHECK(gs_store_lookup_all(st, PDOC.path, PDOC.hash, lexv, "2026-11", TARGETS, 4, all) == every);
    for (int t = 0; t < 4; t++) {
        CHECK(every ? all[t] && !strcmp(all[t], want[t]) : all[t] == NULL);
        free(all[t]);
    }
}

/* Schema version 2: a profile's CV parts are stored once, and every report
 * reads back as recorded, whatever the mix of whole reports (version 1,
 * another engine's) and reports without their parts. */
static void cv_parts(gapscan_engine *eng, const char *dir, const char *lexv)
{
    char file[300];
    snprintf(file, sizeof file, "%s/p.db", dir);
    char *a = report(eng, "p.txt", "data-engineer"), *b = report(eng, "p.txt", "vp-ai-ml");
    char *c = report(eng, "p.txt", "ai-ml-engineer"), *d = report(eng, "p.txt", "ai-ml-developer");
    char *a0 = a ? other_engine(a) : NULL, *b0 = b ? other_engine(b) : NULL;
    CHECK(a && b && c && d && a0 && b0);
    if (!a || !b || !c || !d || !a0 || !b0)
        goto out;
    gs_store *st = NULL;

    /* a store of version 1, as an older gapscan wrote it: whole reports */
    const char *old[2] = {a0, b0};
    CHECK(gs_store_open(file, 0, &st) == 0);
    CHECK(gs_store_record(st, &PDOC, old, 2, 0) == 0);
    gs_store_close(st);
    CHECK(count(file, "SELECT count(*) FROM cv_parts") == 1);
    CHECK(marked(file) == 2);
    CHECK(count(file, "SELECT sum(length(report)) FROM scans") < (long long)(strlen(a0) + strlen(b0)));
    sql(file, "UPDATE scans SET report = (SELECT report FROM scan_reports WHERE scan_id = scans.id);"
              "DROP VIEW scan_reports; DROP TABLE cv_parts; PRAGMA user_version = 1");
    CHECK(count(file, "SELECT count(*) FROM scans WHERE instr(report, '\"skills\"')") == 2);

    /* opened: migrated, and it reads as it did */
    CHECK(gs_store_open(file, 0, &st) == 0);
    CHECK(count(file, "PRAGMA user_version") == GS_STORE_SCHEMA_VERSION);
    step(st, file, lexv, NULL, 0, 0, (const char *[4]){a0, b0, NULL, NULL});
    /* a report alone, on a profile without parts: whole */
    step(st, file, lexv, (const char *[2]){c, NULL}, 0, 0, (const char *[4]){a0, b0, c, NULL});
    /* new targets by this engine: the profile gets its parts, the old
     * scans stay whole */
    step(st, file, lexv, (const char *[2]){d, c}, 0, 1, (const char *[4]){a0, b0, c, d});
    /* rescanning one target with the same parts: it leaves them out */
    step(st, file, lexv, (const char *[2]){a, NULL}, 1, 2, (const char *[4]){a, b0, c, d});
    /* rescanning with other parts: the scans that left out the old ones
     * take them in first */
    step(st, file, lexv, (const char *[2]){a0, b0}, 1, 2, (const char *[4]){a0, b0, c, d});
    /* one target whose parts are not the profile's: stored whole */
    step(st, file, lexv, (const char *[2]){c, NULL}, 1, 2, (const char *[4]){a0, b0, c, d});
    CHECK(count(file, "SELECT count(*) FROM scan_reports r JOIN scans s ON s.id = r.scan_id "
                      "WHERE json_extract(r.report, '$.skills[0].id') IS NOT NULL "
                      "AND json_extract(r.report, '$.target') = s.target") == 4);

    /* a report that holds a marker is not one */
    size_t n = strlen(c);
    char *bad = malloc(n + 32);
    CHECK(bad != NULL);
    if (bad) {
        snprintf(bad, n + 32, "{\"@tail\":\"cv_parts.tail\",%s", c + 1);
        gs_store_doc doc5 = {"e.txt", 1, "00000000000000ef", "text"};
        const char *one[1] = {bad};
        CHECK(gs_store_record(st, &doc5, one, 1, 0) == -1);
        CHECK(strstr(gs_store_errmsg(st), "not a gapscan report") != NULL);
        free(bad);
    }
    gs_store_close(st);
    CHECK(count(file, "PRAGMA integrity_check") == 0);
out:
    gapscan_free(a);
    gapscan_free(b);
    gapscan_free(c);
    gapscan_free(d);
    free(a0);
    free(b0);
}

static int each_n;
static int each(void *ctx, const char *path, const char *rep)
{
    (void)ctx;
    (void)rep;
    if (each_n == 0)
        CHECK(path[0] != '\0');
    each_n++;
    return 0;
}

int main(void)
{
    char hex[17];
    gs_store_hash_hex("", 0, hex);
    CHECK_STR(hex, "cbf29ce484222325");
    gs_store_hash_hex("a", 1, hex);
    CHECK_STR(hex, "af63dc4c8601ec8c");

    const char *tmp = getenv("TMPDIR");
    char dir[256];
    snprintf(dir, sizeof dir, "%s/gapscan-store-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    char file[300];
    snprintf(file, sizeof file, "%s/s.db", dir);

    gapscan_engine *eng = NULL;
    CHECK(gapscan_open(&eng) == GAPSCAN_OK);
    gapscan_set_as_of(eng, 2026, 11);
    const char *evil = "x'); DROP TABLE documents; --.txt";
    char *r1 = report(eng, evil, "data-engineer");
    char *r2 = report(eng, evil, "vp-ai-ml");
    CHECK(r1 && r2);

    gs_store *st = NULL;
    CHECK(gs_store_open(file, 0, &st) == 0);
    CHECK(count(file, "PRAGMA user_version") == GS_STORE_SCHEMA_VERSION);
    gs_store_doc doc = {evil, sizeof CV - 1, "00000000000000aa", "text"};
    const char *both[2] = {r1, r2};
    CHECK(gs_store_begin(st) == 0);
    CHECK(gs_store_record(st, &doc, both, 2, 0) == 0);
    CHECK(gs_store_record(st, &doc, both, 1, 0) == 0); /* again: nothing new */
    CHECK(gs_store_commit(st) == 0);
    CHECK(count(file, "SELECT count(*) FROM documents") == 1);
    CHECK(count(file, "SELECT count(*) FROM profiles") == 1);
    CHECK(count(file, "SELECT count(*) FROM scans") == 2);
    CHECK(count(file, "SELECT count(*) FROM skills") >= 4);
    CHECK(count(file, "SELECT count(*) FROM evidence") >= 4);
    CHECK(count(file, "SELECT count(*) FROM positions") == 1);
    CHECK(count(file, "SELECT count(*) FROM requirements") > 5);
    CHECK(count(file, "SELECT count(*) FROM documents WHERE path = 'x''); DROP TABLE documents; --.txt'") == 1);

    /* replace: the scan is new, still one of it */
    long long sid = count(file, "SELECT max(id) FROM scans WHERE target = 'data-engineer'");
    CHECK(gs_store_begin(st) == 0);
    CHECK(gs_store_record(st, &doc, both, 1, 1) == 0);
    CHECK(gs_store_commit(st) == 0);
    CHECK(count(file, "SELECT count(*) FROM scans") == 2);
    CHECK(count(file, "SELECT max(id) FROM scans WHERE target = 'data-engineer'") > sid);
    CHECK(count(file, "SELECT count(*) FROM skills GROUP BY profile_id") >= 4);

    /* lookups: by content, lexicon version, as-of and target */
    char *got = NULL;
    const char *lex = strstr(r1, "\"lexicon\":\"");
    char lexv[64] = "";
    if (lex)
        sscanf(lex + 11, "%63[^\"]", lexv);
    CHECK(gs_store_lookup(st, evil, "00000000000000aa", lexv, "2026-11", "vp-ai-ml", &got) == 1);
    CHECK(got && strstr(got, "\"target\":\"vp-ai-ml\""));
    free(got);
    CHECK(gs_store_lookup(st, evil, "00000000000000ab", lexv, "2026-11", "vp-ai-ml", &got) == 0);
    CHECK(gs_store_lookup(st, evil, "00000000000000aa", lexv, "2026-10", "vp-ai-ml", &got) == 0);
    CHECK(gs_store_lookup(st, evil, "00000000000000aa", lexv, "2026-11", "data-engineer", &got) == 1);
    CHECK(got && !strcmp(got, r1));
    free(got);

    /* a second document: the views rank and list gaps */
    gs_store_doc doc2 = {"b.txt", 3, "00000000000000bb", "text"};
    CHECK(gs_store_begin(st) == 0);
    CHECK(gs_store_record(st, &doc2, both, 1, 0) == 0);
    CHECK(gs_store_commit(st) == 0);
    CHECK(count(file, "SELECT count(*) FROM best_candidates WHERE target = 'data-engineer'") == 2);
    CHECK(count(file, "SELECT min(rank) FROM best_candidates WHERE target = 'data-engineer'") == 1);
    CHECK(count(file, "SELECT count(*) FROM missing_requirements WHERE target = 'vp-ai-ml'") > 0);
    CHECK(count(file, "SELECT sum(candidates) > 0 FROM requirement_coverage") == 1);
    each_n = 0;
    CHECK(gs_store_each(st, "data-engineer", NULL, each, NULL) == 0);
    CHECK(each_n == 2);
    each_n = 0;
    CHECK(gs_store_each(st, "data-engineer", "1999-01", each, NULL) == 0);
    CHECK(each_n == 0);

    /* a bad report is refused and leaves nothing behind */
    const char *junk[1] = {"{\"not\": \"a report\"}"};
    gs_store_doc doc3 = {"c.txt", 1, "00000000000000cc", NULL};
    CHECK(gs_store_record(st, &doc3, junk, 1, 0) == -1);
    CHECK(strstr(gs_store_errmsg(st), "c.txt") != NULL);

    /* reports are read as strictly as JSON parsers read them, and each value
     * comes out as one would have made it */
    static const char *const bad[] = {
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\"",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\"} x",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",}",
        "{\"target\":\"t\\q\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\\u0000\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\\udc00\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\\ud800x\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\xff\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\x01\",\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"score\":01}",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"score\":1.}",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"x\":[99999999999999999999]}",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"x\":[1e999]}",
        "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"x\":tru}",
        "{\"target\":1,\"lexicon\":\"l\",\"as_of\":\"a\"}",
        "[\"target\",\"t\"]",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *one[1] = {bad[i]};
        CHECK(gs_store_record(st, &doc3, one, 1, 0) == -1);
    }
    /* nesting: as deep as 2048, not deeper */
    static const char head[] = "{\"target\":\"t\",\"lexicon\":\"l\",\"as_of\":\"a\",\"engine\":\"e\","
                               "\"score\":1,\"x\":";
    static char deep[2][sizeof head + 2 * 2048 + 1];
    for (size_t d = 0; d < 2; d++) {
        size_t k = sizeof head - 1, n = 2047 + d;
        memcpy(deep[d], head, k);
        memset(deep[d] + k, '[', n);
        memset(deep[d] + k + n, ']', n);
        strcpy(deep[d] + k + 2 * n, "}");
        const char *one[1] = {deep[d]};
        CHECK(gs_store_record(st, &doc3, one, 1, 0) == (d ? -1 : 0));
    }
    const char *odd[1] = {
        " {\"target\":\"t\\u0041\",\"lexicon\":\"l\",\"as_of\":\"a\",\"engine\":\"e\",\"score\":7,\"skills\":["
        "{\"id\":\"a\\\"b\",\"years\":1e1,\"evidence\":[{\"line\":3,"
        "\"text\":\"x\\ny \\u00e9\\ud83d\\ude00 \\/\"},7]},{\"name\":\"no id\"},5],"
        "\"requirements\":[{\"id\":\"r\",\"status\":\"met\",\"credit\":0.5,\"evidence\":{\"line\":2}},"
        "{\"id\":\"q\",\"status\":\"missing\",\"evidence\":5}],"
        "\"positions\":[1,{\"title\":\"p\",\"months\":true}],\"score\":-8} \n"};
    gs_store_doc doc4 = {"d.txt", 1, "00000000000000dd", NULL};
    CHECK(gs_store_record(st, &doc4, odd, 1, 0) == 0);
    gs_store_close(st);
    CHECK(count(file, "SELECT count(*) FROM scans WHERE target = 'tA' AND score = -8") == 1);
    CHECK(count(file, "SELECT count(*) FROM skills WHERE skill = 'a\"b' AND years = 10.0") == 1);
    CHECK(count(file, "SELECT count(*) FROM skills WHERE name = 'no id'") == 0);
    CHECK(count(file, "SELECT count(*) FROM evidence WHERE skill = 'a\"b' AND line = 3 AND text = "
                      "'x' || char(10) || 'y ' || char(233, 128512) || ' /'") == 1);
    CHECK(count(file, "SELECT count(*) FROM evidence WHERE skill = 'a\"b' AND line IS NULL") == 1);
    CHECK(count(file, "SELECT count(*) FROM requirements WHERE seq = 1 AND credit = 0.5 AND "
                      "evidence_line = 2 AND evidence_text IS NULL") == 1);
    CHECK(count(file, "SELECT count(*) FROM requirements WHERE requirement = 'q' AND seq = 2 AND evidence_line IS NULL") == 1);
    CHECK(count(file, "SELECT count(*) FROM positions WHERE (seq = 1 AND title IS NULL) OR "
                      "(seq = 2 AND title = 'p' AND months = 1)") == 2);
    CHECK(count(file, "SELECT count(*) FROM documents") == 4);
    CHECK(count(file, "PRAGMA integrity_check") == 0); /* "ok" reads as 0 */

    /* a store from a newer gapscan is refused, not damaged */
    sqlite3 *db = NULL;
    CHECK(sqlite3_open(file, &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(db);
    st = NULL;
    CHECK(gs_store_open(file, 0, &st) == -1);
    CHECK(strstr(gs_store_errmsg(st), "schema version 99") != NULL);
    gs_store_close(st);

    cv_parts(eng, dir, lexv);

    gapscan_free(r1);
    gapscan_free(r2);
    gapscan_close(eng);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return DONE("store");
}
