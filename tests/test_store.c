/* test_store.c - the SQLite store: hashing, schema version, recording the
 * same report twice without duplicates, --rescan replacing, lookups, paths
 * that look like SQL, and the views. */
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
    gs_store_close(st);
    CHECK(count(file, "SELECT count(*) FROM documents") == 2);
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

    gapscan_free(r1);
    gapscan_free(r2);
    gapscan_close(eng);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return DONE("store");
}
