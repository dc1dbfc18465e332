/* store.c - the SQLite store of scans: schema, migrations, recording the
 * contract's JSON reports, and the lookups that make batches incremental.
 * Every value is a bound parameter; no SQL text is ever built from data.
 *
 * A CV's reports against ten targets are 86% the same bytes (the members
 * that depend on the CV only), so since schema version 2 those are stored
 * once per profile (cv_parts) and each scan keeps the rest of its report,
 * with marker members where the parts go: a stored report is still a JSON
 * object, the view scan_reports splices the parts back in plain SQL, and
 * the parts are read from the reports once per CV instead of once per
 * target ("A report's CV parts" below says how and why). */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* The schema, one migration per user_version step. Migration i takes a store
 * at version i to version i + 1; never edit a migration once released, add
 * the next one. */
static const char *const MIGRATIONS[GS_STORE_SCHEMA_VERSION] = {
    /* 0 -> 1 */
    "CREATE TABLE documents (\n"
    "  id       INTEGER PRIMARY KEY,\n"
    "  path     TEXT NOT NULL,\n"
    "  size     INTEGER NOT NULL,\n"
    "  hash     TEXT NOT NULL,\n"
    "  format   TEXT,\n"
    "  seen_at  TEXT NOT NULL,\n"
    "  UNIQUE (path, hash)\n"
    ");\n"
    "CREATE TABLE profiles (\n"
    "  id               INTEGER PRIMARY KEY,\n"
    "  document_id      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  engine           TEXT NOT NULL,\n"
    "  lexicon          TEXT NOT NULL,\n"
    "  as_of            TEXT NOT NULL,\n"
    "  encoding         TEXT,\n"
    "  experience_years REAL,\n"
    "  highest_degree   TEXT,\n"
    "  scanned_at       TEXT NOT NULL,\n"
    "  UNIQUE (document_id, lexicon, as_of)\n"
    ");\n"
    "CREATE TABLE skills (\n"
    "  profile_id    INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,\n"
    "  skill         TEXT NOT NULL,\n"
    "  name          TEXT,\n"
    "  level         TEXT,\n"
    "  years         REAL,\n"
    "  years_from    TEXT,\n"
    "  last_used     TEXT,\n"
    "  inferred_from TEXT,\n"
    "  PRIMARY KEY (profile_id, skill)\n"
    ");\n"
    "CREATE TABLE evidence (\n"
    "  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,\n"
    "  skill      TEXT NOT NULL,\n"
    "  line       INTEGER,\n"
    "  text       TEXT\n"
    ");\n"
    "CREATE INDEX evidence_profile ON evidence(profile_id, skill);\n"
    "CREATE TABLE positions (\n"
    "  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,\n"
    "  seq        INTEGER NOT NULL,\n"
    "  title      TEXT,\n"
    "  role       TEXT,\n"
    "  employer   TEXT,\n"
    "  dates      TEXT,\n"
    "  start_month TEXT,\n"
    "  end_month  TEXT,\n"
    "  months     INTEGER,\n"
    "  seniority  TEXT,\n"
    "  line       INTEGER,\n"
    "  PRIMARY KEY (profile_id, seq)\n"
    ");\n"
    "CREATE TABLE scans (\n"
    "  id         INTEGER PRIMARY KEY,\n"
    "  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,\n"
    "  target     TEXT NOT NULL,\n"
    "  title      TEXT,\n"
    "  score      INTEGER NOT NULL,\n"
    "  scanned_at TEXT NOT NULL,\n"
    "  report     TEXT NOT NULL,\n"
    "  UNIQUE (profile_id, target)\n"
    ");\n"
    "CREATE INDEX scans_target ON scans(target, score);\n"
    "CREATE TABLE requirements (\n"
    "  scan_id       INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,\n"
    "  seq           INTEGER NOT NULL,\n"
    "  requirement   TEXT NOT NULL,\n"
    "  text          TEXT,\n"
    "  importance    TEXT,\n"
    "  status        TEXT NOT NULL,\n"
    "  credit        REAL,\n"
    "  need_years    REAL,\n"
    "  have_years    REAL,\n"
    "  evidence_line INTEGER,\n"
    "  evidence_text TEXT,\n"
    "  PRIMARY KEY (scan_id, seq)\n"
    ");\n"
    "CREATE INDEX requirements_id ON requirements(requirement, status);\n"
    /* the latest scan of each file for each target */
    "CREATE VIEW current_scans AS\n"
    "SELECT scan_id, path, hash, size, format, target, title, score, experience_years,\n"
    "       highest_degree, as_of, lexicon, engine, scanned_at, profile_id\n"
    "FROM (SELECT s.id AS scan_id, d.path, d.hash, d.size, d.format, s.target, s.title, s.score,\n"
    "             p.experience_years, p.highest_degree, p.as_of, p.lexicon, p.engine,\n"
    "             s.scanned_at, p.id AS profile_id,\n"
    "             ROW_NUMBER() OVER (PARTITION BY d.path, s.target\n"
    "                                ORDER BY s.scanned_at DESC, s.id DESC) AS n\n"
    "      FROM scans s JOIN profiles p ON p.id = s.profile_id\n"
    "                   JOIN documents d ON d.id = p.document_id)\n"
    "WHERE n = 1;\n"
    "CREATE VIEW best_candidates AS\n"
    "SELECT target, RANK() OVER (PARTITION BY target ORDER BY score DESC) AS rank, score, path,\n"
    "       experience_years, highest_degree, as_of, scan_id\n"
    "FROM current_scans;\n"
    "CREATE VIEW missing_requirements AS\n"
    "SELECT c.target, r.requirement, r.importance, c.path, c.score, r.text, c.scan_id\n"
    "FROM current_scans c JOIN requirements r ON r.scan_id = c.scan_id\n"
    "WHERE r.status = 'missing';\n"
    "CREATE VIEW requirement_coverage AS\n"
    "SELECT c.target, r.requirement, r.importance,\n"
    "       sum(r.status = 'met') AS met, sum(r.status = 'partial') AS partial,\n"
    "       sum(r.status = 'missing') AS missing, count(*) AS candidates\n"
    "FROM current_scans c JOIN requirements r ON r.scan_id = c.scan_id\n"
    "GROUP BY c.target, r.requirement, r.importance;\n",
    /* 1 -> 2: a profile's CV-only report members are kept once, in cv_parts;
     * a scan's report may hold markers in their place (see "A report's CV
     * parts" below), and scan_reports gives every report whole */
    "CREATE TABLE cv_parts (\n"
    "  profile_id INTEGER PRIMARY KEY REFERENCES profiles(id) ON DELETE CASCADE,\n"
    "  head       TEXT NOT NULL,\n"
    "  middle     TEXT NOT NULL,\n"
    "  tail       TEXT NOT NULL\n"
    ");\n"
    "CREATE VIEW scan_reports AS\n"
    "SELECT s.id AS scan_id,\n"
    "       CASE WHEN c.profile_id IS NULL THEN s.report\n"
    "            ELSE replace(replace(replace(s.report, '\"@head\":\"cv_parts.head\"', c.head),\n"
    "                                 '\"@middle\":\"cv_parts.middle\"', c.middle),\n"
    "                         '\"@tail\":\"cv_parts.tail\"', c.tail) END AS report\n"
    "FROM scans s LEFT JOIN cv_parts c ON c.profile_id = s.profile_id;\n",
};

enum {
    Q_DOC,
    Q_PROFILE_GET,
    Q_PROFILE_NEW,
    Q_PROFILE_UPD,
    Q_PROFILE_CLEAR_SKILLS,
    Q_PROFILE_CLEAR_EVIDENCE,
    Q_PROFILE_CLEAR_POSITIONS,
    Q_SKILL,
    Q_EVIDENCE,
    Q_POSITION,
    Q_PARTS_GET,
    Q_PARTS_PUT,
    Q_PARTS_EXPAND,
    Q_SCAN_GET,
    Q_SCAN_DEL,
    Q_SCAN_NEW,
    Q_REQ,
    Q_PROFILE_OF,
    Q_SCAN_REPORT,
    Q_EACH,
    Q_FIGURES,
    Q_MISSING,
    Q_COUNT
};

static const char *const QUERIES[Q_COUNT] = {
    [Q_DOC] = "INSERT INTO documents (path, size, hash, format, seen_at)\n"
              "VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))\n"
              "ON CONFLICT (path, hash) DO UPDATE SET seen_at = excluded.seen_at,\n"
              "  format = coalesce(excluded.format, format)\n"
              "RETURNING id",
    [Q_PROFILE_GET] = "SELECT id FROM profiles WHERE document_id = ?1 AND lexicon = ?2 AND as_of = ?3",
    [Q_PROFILE_NEW] = "INSERT INTO profiles (document_id, engine, lexicon, as_of, encoding,\n"
                      "  experience_years, highest_degree, scanned_at)\n"
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
    [Q_PROFILE_UPD] = "UPDATE profiles SET engine = ?2, encoding = ?3, experience_years = ?4,\n"
                      "  highest_degree = ?5, scanned_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')\n"
                      "WHERE id = ?1",
    [Q_PROFILE_CLEAR_SKILLS] = "DELETE FROM skills WHERE profile_id = ?1",
    [Q_PROFILE_CLEAR_EVIDENCE] = "DELETE FROM evidence WHERE profile_id = ?1",
    [Q_PROFILE_CLEAR_POSITIONS] = "DELETE FROM positions WHERE profile_id = ?1",
    [Q_SKILL] = "INSERT OR REPLACE INTO skills (profile_id, skill, name, level, years, years_from,\n"
                "  last_used, inferred_from) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [Q_EVIDENCE] = "INSERT INTO evidence (profile_id, skill, line, text) VALUES (?1, ?2, ?3, ?4)",
    [Q_POSITION] = "INSERT OR REPLACE INTO positions (profile_id, seq, title, role, employer, dates,\n"
                   "  start_month, end_month, months, seniority, line)\n"
                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_PARTS_GET] = "SELECT head, middle, tail FROM cv_parts WHERE profile_id = ?1",
    [Q_PARTS_PUT] = "INSERT OR REPLACE INTO cv_parts (profile_id, head, middle, tail)\n"
                    "VALUES (?1, ?2, ?3, ?4)",
    /* before a profile's parts change: its scans that leave them out take
     * them in, so that they still read as they were recorded */
    [Q_PARTS_EXPAND] = "UPDATE scans SET report = (SELECT r.report FROM scan_reports r\n"
                       "                          WHERE r.scan_id = scans.id)\n"
                       "WHERE profile_id = ?1 AND instr(report, '\"@head\":\"cv_parts.head\"') > 0",
    [Q_SCAN_GET] = "SELECT id FROM scans WHERE profile_id = ?1 AND target = ?2",
    [Q_SCAN_DEL] = "DELETE FROM scans WHERE profile_id = ?1 AND target = ?2",
    [Q_SCAN_NEW] = "INSERT INTO scans (profile_id, target, title, score, scanned_at, report)\n"
                   "VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?5)",
    [Q_REQ] = "INSERT INTO requirements (scan_id, seq, requirement, text, importance, status, credit,\n"
              "  need_years, have_years, evidence_line, evidence_text)\n"
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [Q_PROFILE_OF] = "SELECT p.id, c.head, c.middle, c.tail FROM documents d\n"
                     "  JOIN profiles p ON p.document_id = d.id LEFT JOIN cv_parts c ON c.profile_id = p.id\n"
                     "WHERE d.path = ?1 AND d.hash = ?2 AND p.lexicon = ?3 AND p.as_of = ?4",
    [Q_SCAN_REPORT] = "SELECT report FROM scans WHERE profile_id = ?1 AND target = ?2",
    [Q_FIGURES] = "SELECT s.id, s.score, p.experience_years, p.highest_degree FROM documents d\n"
                  "  JOIN profiles p ON p.document_id = d.id JOIN scans s ON s.profile_id = p.id\n"
                  "WHERE d.path = ?1 AND d.hash = ?2 AND p.lexicon = ?3 AND p.as_of = ?4 AND s.target = ?5",
    [Q_MISSING] = "SELECT requirement FROM requirements WHERE scan_id = ?1 AND status = 'missing'\n"
                  "ORDER BY importance IS NOT 'required', seq",
    [Q_EACH] = "SELECT cs.path, s.report, c.head, c.middle, c.tail FROM current_scans cs\n"
               "  JOIN scans s ON s.id = cs.scan_id LEFT JOIN cv_parts c ON c.profile_id = cs.profile_id\n"
               "WHERE cs.target = ?1 AND (?2 IS NULL OR cs.as_of = ?2)\n"
               "ORDER BY cs.score DESC, cs.path",
};

struct gs_store {
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    int in_tx;
    char msg[512];
};

static int fail(gs_store *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(gs_store *st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
    return -1;
}

/* SQLite's message for the last failure, with the system's reason when a
 * file operation failed ("disk I/O error (File too large)"). */
static const char *db_why(gs_store *st, const char *msg, char *buf, size_t len)
{
    int code = sqlite3_errcode(st->db), e = sqlite3_system_errno(st->db);
    if (e && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN ||
              code == SQLITE_READONLY))
        snprintf(buf, len, "%s (%s)", msg, strerror(e));
    else
        snprintf(buf, len, "%s", msg);
    return buf;
}

static int db_fail(gs_store *st, const char *what)
{
    char why[300];
    return fail(st, "%s: %s", what, db_why(st, sqlite3_errmsg(st->db), why, sizeof why));
}

void gs_store_hash_hex(const void *data, size_t len, char hex[17])
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

const char *gs_store_errmsg(const gs_store *st)
{
    return st ? st->msg : "out of memory";
}

static int exec(gs_store *st, const char *sql)
{
    char *err = NULL;
    if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
        char why[300];
        fail(st, "%s", db_why(st, err ? err : sqlite3_errmsg(st->db), why, sizeof why));
        sqlite3_free(err);
        return -1;
    }
    return 0;
}

static int user_version(gs_store *st, int *v)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
        return db_fail(st, "schema version");
    int rc = sqlite3_step(s);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW ? 0 : db_fail(st, "schema version");
}

/* Bring the schema to GS_STORE_SCHEMA_VERSION, one step per transaction. */
static int migrate(gs_store *st)
{
    /* every step in one transaction: a store is at one version or the next,
     * never between (a new store killed while it was made has no tables) */
    if (exec(st, "BEGIN IMMEDIATE"))
        return -1;
    int v;
    if (user_version(st, &v)) {
        exec(st, "ROLLBACK");
        return -1;
    }
    if (v > GS_STORE_SCHEMA_VERSION) {
        exec(st, "ROLLBACK");
        return fail(st, "the store has schema version %d; this gapscan knows up to %d", v,
                    GS_STORE_SCHEMA_VERSION);
    }
    for (; v < GS_STORE_SCHEMA_VERSION; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (exec(st, MIGRATIONS[v]) || exec(st, pragma)) {
            char keep[sizeof st->msg];
            memcpy(keep, st->msg, sizeof keep);
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return fail(st, "schema migration to version %d: %s", v + 1, keep);
        }
    }
    return exec(st, "COMMIT");
}

/* "PATH: cannot open the store: WHY", with the system's reason when there is
 * one ("unable to open database file (Not a directory)"). */
static int open_fail(gs_store *st, const char *path, const char *why)
{
    char keep[sizeof st->msg];
    snprintf(keep, sizeof keep, "%s", why && *why ? why : "not a database");
    int e = st->db ? sqlite3_system_errno(st->db) : 0;
    if (e == ENOENT) {
        /* SQLite's last try was read-only, on a file that does not exist:
         * why it could not be created is in its folder */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            snprintf(dir, sizeof dir, ".");
        if (access(dir, W_OK) != 0)
            e = errno;
    }
    if (e)
        return fail(st, "%s: cannot open the store: %s (%s)", path, keep, strerror(e));
    return fail(st, "%s: cannot open the store: %s", path, keep);
}

/* Whether the store's file has bytes that cannot begin a database. SQLite
 * takes a file of a single byte for an empty database and writes over it;
 * a file the user meant for something else is never written over. The
 * bytes are read through the connection's own file: opening and closing the
 * file another way would drop the POSIX locks this process holds on it (a
 * batch's writer, when a worker opens its reader), and another process
 * could then check the write-ahead log point away under the writer, which
 * corrupts the store. (stat() opens nothing; SQLite's own size of a
 * one-byte file is 0.) An empty file is for SQLite to make a database of. */
static int foreign_file(sqlite3 *db, const char *path)
{
    static const char MAGIC[16] = "SQLite format 3"; /* and its NUL */
    struct stat sb;
    sqlite3_file *f = NULL;
    if (stat(path, &sb) != 0 || sb.st_size == 0)
        return 0;
    if (sb.st_size < (off_t)sizeof MAGIC)
        return 1;
    char head[sizeof MAGIC];
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) == SQLITE_OK && f &&
           f->pMethods &&
           (f->pMethods->xRead(f, head, sizeof head, 0) != SQLITE_OK || memcmp(head, MAGIC, sizeof MAGIC) != 0);
}

int gs_store_open(const char *path, int flags, gs_store **out)
{
    *out = NULL;
    gs_store *st = calloc(1, sizeof *st);
    if (!st)
        return -1;
    *out = st;
    int oflags = (flags & GS_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                             : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        return open_fail(st, path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
    if (foreign_file(st->db, path))
        return fail(st, "%s: cannot open the store: file is not a database", path);
    sqlite3_busy_timeout(st->db, 10000);
    if (exec(st, "PRAGMA foreign_keys = ON"))
        return open_fail(st, path, st->msg);
    if (!(flags & GS_STORE_READONLY)) {
        /* WAL: readers never block the writer, a commit is one append, and a
         * crash at any point leaves every committed transaction intact. */
        /* temp_store: the savepoint around each CV journals the pages it
         * changes; in memory (a few pages per CV) instead of a temp file,
         * which was 330 small writes per CV. */
        /* cache_size: 16 MB instead of 2 holds the indexes a batch inserts
         * into between commits: 2,000 CVs against every target made 570,000
         * writes and 195,000 reads of pages instead of 817,000 and 466,000
         * (a third less system time, 14 MB more at the peak). */
        if (exec(st, "PRAGMA journal_mode = WAL") || exec(st, "PRAGMA synchronous = NORMAL") ||
            exec(st, "PRAGMA temp_store = MEMORY") || exec(st, "PRAGMA cache_size = -16384") ||
            migrate(st))
            return open_fail(st, path, st->msg);
    } else {
        int v;
        if (user_version(st, &v))
            return open_fail(st, path, st->msg);
        if (v != GS_STORE_SCHEMA_VERSION)
            return fail(st, "%s: schema version %d, want %d", path, v, GS_STORE_SCHEMA_VERSION);
    }
    for (int i = 0; i < Q_COUNT; i++) {
        if (sqlite3_prepare_v3(st->db, QUERIES[i], -1, SQLITE_PREPARE_PERSISTENT, &st->q[i], NULL) !=
            SQLITE_OK)
            return open_fail(st, path, sqlite3_errmsg(st->db));
    }
    st->msg[0] = '\0';
    return 0;
}

void gs_store_close(gs_store *st)
{
    if (!st)
        return;
    if (st->in_tx && st->db)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(st->q[i]);
    sqlite3_close(st->db);
    free(st);
}

int gs_store_begin(gs_store *st)
{
    if (st->in_tx)
        return 0;
    if (exec(st, "BEGIN IMMEDIATE"))
        return -1;
    st->in_tx = 1;
    return 0;
}

int gs_store_commit(gs_store *st)
{
    if (!st->in_tx)
        return 0;
    st->in_tx = 0;
    if (exec(st, "COMMIT")) {
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    return 0;
}

/* Binding helpers: JSON values straight into parameters. */
static int bind_text(sqlite3_stmt *s, int i, const char *v)
{
    return v ? sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(s, i);
}

static int bind_json(sqlite3_stmt *s, int i, json_t *v)
{
    if (json_is_string(v))
        return sqlite3_bind_text(s, i, json_string_value(v), (int)json_string_length(v),
                                 SQLITE_TRANSIENT);
    if (json_is_integer(v))
        return sqlite3_bind_int64(s, i, (sqlite3_int64)json_integer_value(v));
    if (json_is_real(v))
        return sqlite3_bind_double(s, i, json_real_value(v));
    if (json_is_boolean(v))
        return sqlite3_bind_int(s, i, json_is_true(v));
    return sqlite3_bind_null(s, i);
}

static int bind_key(sqlite3_stmt *s, int i, json_t *obj, const char *key)
{
    return bind_json(s, i, json_is_object(obj) ? json_object_get(obj, key) : NULL);
}

/* Run a statement that returns nothing (or one row whose first column is
 * wanted in *id). */
static int run(gs_store *st, sqlite3_stmt *s, sqlite3_int64 *id, const char *what)
{
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && id)
        *id = sqlite3_column_int64(s, 0);
    int ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    if (!ok)
        db_fail(st, what);
    if (rc == SQLITE_ROW)
        while (sqlite3_step(s) == SQLITE_ROW) {
        }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return ok ? (rc == SQLITE_ROW ? 1 : 0) : -1;
}

static int record_profile(gs_store *st, sqlite3_int64 pid, json_t *r)
{
    sqlite3_stmt *s;
    const char *key;
    json_t *skill;
    size_t i;
    json_array_foreach(json_object_get(r, "skills"), i, skill) {
        json_t *id = json_object_get(skill, "id");
        if (!json_is_string(id))
            continue;
        s = st->q[Q_SKILL];
        sqlite3_bind_int64(s, 1, pid);
        bind_json(s, 2, id);
        bind_key(s, 3, skill, "name");
        bind_key(s, 4, skill, "level");
        bind_key(s, 5, skill, "years");
        bind_key(s, 6, skill, "years_from");
        bind_key(s, 7, skill, "last_used");
        bind_key(s, 8, skill, "inferred_from");
        if (run(st, s, NULL, "skills") < 0)
            return -1;
        json_t *ev;
        size_t j;
        json_array_foreach(json_object_get(skill, "evidence"), j, ev) {
            s = st->q[Q_EVIDENCE];
            sqlite3_bind_int64(s, 1, pid);
            bind_json(s, 2, id);
            bind_key(s, 3, ev, "line");
            bind_key(s, 4, ev, "text");
            if (run(st, s, NULL, "evidence") < 0)
                return -1;
        }
    }
    json_t *pos;
    json_array_foreach(json_object_get(r, "positions"), i, pos) {
        static const char *const KEYS[] = {"title", "role", "employer", "dates", "start",
                                           "end", "months", "seniority", "line"};
        s = st->q[Q_POSITION];
        sqlite3_bind_int64(s, 1, pid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
        for (size_t k = 0; k < sizeof KEYS / sizeof *KEYS; k++) {
            key = KEYS[k];
            bind_key(s, (int)k + 3, pos, key);
        }
        if (run(st, s, NULL, "positions") < 0)
            return -1;
    }
    return 0;
}

static int record_scan(gs_store *st, sqlite3_int64 pid, json_t *r, const char *text, size_t len,
                       int replace)
{
    json_t *target = json_object_get(r, "target");
    sqlite3_int64 sid = 0;
    sqlite3_stmt *s = st->q[Q_SCAN_GET];
    sqlite3_bind_int64(s, 1, pid);
    bind_json(s, 2, target);
    int have = run(st, s, &sid, "scans");
    if (have < 0)
        return -1;
    if (have && !replace)
        return 0;
    if (have) {
        s = st->q[Q_SCAN_DEL];
        sqlite3_bind_int64(s, 1, pid);
        bind_json(s, 2, target);
        if (run(st, s, NULL, "scans") < 0)
            return -1;
    }
    s = st->q[Q_SCAN_NEW];
    sqlite3_bind_int64(s, 1, pid);
    bind_json(s, 2, target);
    bind_key(s, 3, r, "title");
    bind_key(s, 4, r, "score");
    sqlite3_bind_text(s, 5, text, (int)len, SQLITE_STATIC); /* run() unbinds it */
    if (run(st, s, NULL, "scans") < 0)
        return -1;
    sid = sqlite3_last_insert_rowid(st->db);
    json_t *req;
    size_t i;
    json_array_foreach(json_object_get(r, "requirements"), i, req) {
        json_t *ev = json_object_get(req, "evidence");
        s = st->q[Q_REQ];
        sqlite3_bind_int64(s, 1, sid);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)i + 1);
        bind_key(s, 3, req, "id");
        bind_key(s, 4, req, "text");
        bind_key(s, 5, req, "importance");
        bind_key(s, 6, req, "status");
        bind_key(s, 7, req, "credit");
        bind_key(s, 8, req, "need_years");
        bind_key(s, 9, req, "have_years");
        bind_key(s, 10, ev, "line");
        bind_key(s, 11, ev, "text");
        if (run(st, s, NULL, "requirements") < 0)
            return -1;
    }
    return 0;
}

/* ---- A report's CV parts ----
 * Most of a report depends on the CV only: render.c writes those members as
 * three runs (experience_years .. skills, positions .. gaps, excluded ..
 * lexicon), the same bytes for every target. The store keeps them once per
 * profile, in cv_parts (head, middle, tail), and a scan's report holds a
 * marker member in place of each run:
 *   {"cv":...,"score":87,"@head":"cv_parts.head","requirements":[...],
 *    "@middle":"cv_parts.middle","@tail":"cv_parts.tail"}
 * Markers rather than offsets or a report cut in pieces: what is stored is
 * still one JSON object (json_extract works on the target's members), and
 * the whole report comes back in plain SQL, by replace() (the scan_reports
 * view), in the one place that knows how. A marker cannot occur inside a
 * JSON string (its quotes would be escaped there), and a report that holds
 * one as a member is refused, so every marker in a stored report is one
 * the store put there.
 *
 * The runs are found in the report's text, not taken from the renderer, so
 * that any caller's reports are split alike, and a report is stored without
 * its runs only when they are byte for byte the profile's cv_parts:
 * splicing them back gives exactly the bytes recorded. Anything else (a
 * report with other runs, a store whose cv_parts came from another engine
 * version) is stored whole, as every report was before schema version 2;
 * readers take both. A CV recorded with one report (one target) shares
 * nothing: that report is split only when its profile already has parts,
 * so that a batch against one target costs what it did before. */
#define NPARTS 3

typedef struct span {
    size_t off, len;
} span;

#define MARKER_TEXT(part) "\"@" part "\":\"cv_parts." part "\""
#define MARKER(part) {MARKER_TEXT(part), sizeof MARKER_TEXT(part) - 1}
static const struct {
    const char *text;
    size_t len;
} MARKERS[NPARTS] = {MARKER("head"), MARKER("middle"), MARKER("tail")};

/* The marker of a part at p (a '@' after a quote), or -1 */
static int marker_at(const char *p, const char *end)
{
    for (int k = 0; p[-1] == '"' && k < NPARTS; k++)
        if ((size_t)(end - p) + 1 >= MARKERS[k].len &&
            !memcmp(p - 1, MARKERS[k].text, MARKERS[k].len))
            return k;
    return -1;
}

/* Whether a member is one render.c writes from the CV alone: 0 not, 2 the
 * first of a part, 1 one after it (the middle and the tail are one run
 * unless a target's not_checked stands between them; they stay two parts) */
static int cv_key(const char *key, size_t len)
{
    static const char *const KEYS[] = {
        "experience_years", "experience_from", "stated_experience_years", "leadership",
        "education",        "skills",          "positions",               "gaps",
        "excluded",         "warnings",        "as_of",                   "format",
        "encoding",         "engine",          "lexicon"};
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++)
        if (strlen(KEYS[i]) == len && !memcmp(KEYS[i], key, len))
            return i == 0 || !strcmp(KEYS[i], "positions") || !strcmp(KEYS[i], "excluded") ? 2 : 1;
    return 0;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && is_ws(s[i]))
        i++;
    return i;
}

/* Just past the string whose opening quote is s[i]; n when it has no end. A
 * quote ends it unless an odd number of backslashes stand before it. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n;) {
        const char *q = memchr(s + i, '"', n - i);
        if (!q)
            return n;
        size_t k = (size_t)(q - s), b = 0;
        while (s[k - 1 - b] == '\\')
            b++;
        i = k + 1;
        if (!(b & 1))
            return i;
    }
    return n;
}

/* The ',' or '}' that ends the member value from s[i] on; n when none. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    /* the bytes that matter between a value's tokens */
    static const unsigned char SYNTAX[256] = {['"'] = 1, [','] = 1, ['{'] = 1, ['}'] = 1,
                                              ['['] = 1, [']'] = 1};
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (!SYNTAX[(unsigned char)c]) {
            i++;
            continue;
        }
        if (c == '"') {
            i = skip_string(s, n, i);
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (!depth)
                return c == '}' ? i : n;
            depth--;
        } else if (c == ',' && !depth)
            return i;
        i++;
    }
    return n;
}

/* The CV parts of report r (n bytes): its runs of top-level members with
 * cv_key() keys, each from a part's first key's opening quote to its last
 * value's last byte. A run that begins with the bytes of the same run of
 * `like` (a report of the same CV already split, in like_text; or NULL) is
 * compared rather than read through. Returns 1 when r is an object with
 * NPARTS runs, else 0. */
static int split_report(const char *r, size_t n, const char *like_text, const span *like,
                        span run[NPARTS])
{
    if (!n || r[0] != '{')
        return 0;
    size_t i = skip_ws(r, n, 1), last = 0;
    int k = 0, in_run = 0;
    if (i < n && r[i] == '}')
        return 0;
    for (;;) {
        if (i >= n || r[i] != '"')
            return 0;
        size_t key = i, end = skip_string(r, n, i), stop;
        if (end >= n)
            return 0;
        int cv = cv_key(r + key + 1, end - key - 2);
        if (in_run && cv != 1) {
            run[k].len = last - run[k].off;
            k++;
            in_run = 0;
        }
        if (cv && !in_run) {
            if (k == NPARTS)
                return 0;
            run[k].off = key;
            in_run = 1;
        }
        if (cv && like && run[k].off == key && n - key > like[k].len &&
            !memcmp(r + key, like_text + like[k].off, like[k].len)) {
            /* the same bytes leave the reading at the same place: after a
             * member, at the object's level */
            last = key + like[k].len;
            stop = skip_ws(r, n, last);
            if (stop >= n || (r[stop] != ',' && r[stop] != '}'))
                return 0;
        } else {
            i = skip_ws(r, n, end);
            if (i >= n || r[i] != ':')
                return 0;
            stop = skip_value(r, n, i + 1);
            if (stop >= n)
                return 0;
            for (last = stop; last > i + 1 && is_ws(r[last - 1]); last--) {
            }
        }
        if (r[stop] == '}')
            break;
        i = skip_ws(r, n, stop + 1);
    }
    if (in_run) {
        run[k].len = last - run[k].off;
        k++;
    }
    return k == NPARTS;
}

/* Whether s (n bytes) holds one of the markers */
static int has_marker(const char *s, size_t n)
{
    /* by its '@', which reports seldom hold, so that this is one quick pass */
    const char *p = s + 1, *end = s + n;
    while (p < end && (p = memchr(p, '@', (size_t)(end - p))) != NULL) {
        if (marker_at(p, end) >= 0)
            return 1;
        p++;
    }
    return 0;
}

/* The CV parts in columns col .. col + 2 of the row of s: 1 and each part
 * in part[] and plen[], or 0 when they are NULL (the profile has none). The
 * parts are valid until s moves on. */
static int parts_of(sqlite3_stmt *s, int col, const char *part[NPARTS], size_t plen[NPARTS])
{
    if (sqlite3_column_type(s, col) == SQLITE_NULL)
        return 0;
    for (int k = 0; k < NPARTS; k++) {
        part[k] = (const char *)sqlite3_column_text(s, col + k);
        plen[k] = (size_t)sqlite3_column_bytes(s, col + k);
        if (!part[k])
            return 0;
    }
    return 1;
}

struct gs_store_parsed {
    const char *const *reports; /* borrowed */
    size_t *lens;               /* their lengths */
    json_t **json;              /* the first report, read whole; the others as kept */
    span parts[NPARTS];         /* the first report's CV runs, when `split` */
    int split;
    char *kept;                 /* the reports without their CV parts, one after another */
    span *kept_at;              /* report i's in kept; len 0: it does not share them */
    size_t n;
};

void gs_store_parsed_free(gs_store_parsed *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++)
        json_decref(ps->json[i]);
    free(ps->json);
    free(ps->lens);
    free(ps->kept);
    free(ps->kept_at);
    free(ps);
}

/* Write report r (n bytes) with a marker in place of each of its CV parts
 * (at run[]) into w, which has room for it; returns the bytes written. */
static size_t write_kept(char *w, const char *r, size_t n, const span run[NPARTS])
{
    char *w0 = w;
    size_t from = 0;
    for (int k = 0; k <= NPARTS; k++) {
        size_t to = k < NPARTS ? run[k].off : n;
        memcpy(w, r + from, to - from);
        w += to - from;
        if (k < NPARTS) {
            memcpy(w, MARKERS[k].text, MARKERS[k].len);
            w += MARKERS[k].len;
            from = to + run[k].len;
        }
    }
    return (size_t)(w - w0);
}

/* Find each report's CV parts and write the reports that share the first
 * one's without them, into ps->kept. Returns 0, or -1 when out of memory. */
static int keep_parts(gs_store_parsed *ps, size_t nreports)
{
    span *runs = malloc(nreports * NPARTS * sizeof *runs);
    if (!runs)
        return -1;
    const char *r0 = ps->reports[0];
    ps->split = split_report(r0, ps->lens[0], NULL, NULL, ps->parts);
    size_t total = 0, cut = 0;
    for (int k = 0; ps->split && k < NPARTS; k++)
        cut += ps->parts[k].len - MARKERS[k].len;
    if (ps->split)
        memcpy(runs, ps->parts, sizeof ps->parts);
    for (size_t i = 0; ps->split && i < nreports; i++) {
        const char *r = ps->reports[i];
        span *run = runs + i * NPARTS;
        int same = i == 0 || split_report(r, ps->lens[i], r0, ps->parts, run);
        for (int k = 0; same && k < NPARTS; k++)
            same = run[k].len == ps->parts[k].len &&
                   (i == 0 || !memcmp(r + run[k].off, r0 + ps->parts[k].off, run[k].len));
        ps->kept_at[i].len = same ? ps->lens[i] - cut : 0;
        total += ps->kept_at[i].len;
    }
    ps->kept = malloc(total ? total : 1);
    if (!ps->kept) {
        free(runs);
        return -1;
    }
    size_t at = 0;
    for (size_t i = 0; i < nreports; i++) {
        if (!ps->kept_at[i].len)
            continue;
        ps->kept_at[i].off = at;
        at += write_kept(ps->kept + at, ps->reports[i], ps->lens[i], runs + i * NPARTS);
    }
    free(runs);
    return 0;
}

gs_store_parsed *gs_store_parse(const char *const *reports, size_t nreports, char *err,
                                size_t errlen)
{
    gs_store_parsed *ps = calloc(1, sizeof *ps);
    size_t n1 = nreports ? nreports : 1;
    json_t **json = calloc(n1, sizeof *json);
    size_t *lens = calloc(n1, sizeof *lens);
    span *kept_at = calloc(n1, sizeof *kept_at);
    if (!ps || !json || !lens || !kept_at) {
        free(ps);
        free(json);
        free(lens);
        free(kept_at);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    ps->reports = reports;
    ps->json = json;
    ps->lens = lens;
    ps->kept_at = kept_at;
    int marked = 0;
    for (size_t i = 0; i < nreports; i++) {
        lens[i] = strlen(reports[i]);
        marked |= has_marker(reports[i], lens[i]);
    }
    /* one report shares its parts with no other: it is split (by the
     * store) only when its profile already has parts */
    if (marked || (nreports > 1 && keep_parts(ps, nreports))) {
        snprintf(err, errlen, "%s", marked ? "not a gapscan report" : "out of memory");
        gs_store_parsed_free(ps);
        return NULL;
    }
    for (; ps->n < nreports; ps->n++) {
        json_error_t jerr;
        size_t i = ps->n;
        /* the first report whole, for its profile; of the others, what
         * is not the first one's CV parts */
        int part = i && kept_at[i].len;
        json_t *j = json[i] = part ? json_loadb(ps->kept + kept_at[i].off, kept_at[i].len, 0, &jerr)
                                   : json_loadb(reports[i], lens[i], 0, &jerr);
        if (!json_is_object(j) || !json_is_string(json_object_get(j, "target")) ||
            (!part && (!json_is_string(json_object_get(j, "lexicon")) ||
                       !json_is_string(json_object_get(j, "as_of"))))) {
            snprintf(err, errlen, "not a gapscan report");
            ps->n++;
            gs_store_parsed_free(ps);
            return NULL;
        }
    }
    return ps;
}

int gs_store_record(gs_store *st, const gs_store_doc *doc, const char *const *reports,
                    size_t nreports, int replace)
{
    char err[64];
    gs_store_parsed *ps = gs_store_parse(reports, nreports, err, sizeof err);
    if (!ps)
        return fail(st, "%s: %s", doc->path, err);
    int rc = gs_store_record_parsed(st, doc, ps, replace);
    gs_store_parsed_free(ps);
    return rc;
}

/* Make the profile's cv_parts hold the first report's CV parts when it may:
 * when it has none yet, or when `replace` (its scans that leave out the
 * parts it held take them in first). *same: it holds them, so that the
 * reports that share them are stored without them. Returns 0 or -1. */
static int record_parts(gs_store *st, sqlite3_int64 pid, int have, int replace,
                        const gs_store_parsed *ps, int *same)
{
    const char *r0 = ps->reports[0];
    *same = 0;
    if (have) {
        sqlite3_stmt *s = st->q[Q_PARTS_GET];
        sqlite3_bind_int64(s, 1, pid);
        int rc = sqlite3_step(s), differ = 0;
        for (int k = 0; rc == SQLITE_ROW && k < NPARTS; k++)
            differ |= (size_t)sqlite3_column_bytes(s, k) != ps->parts[k].len ||
                      memcmp(sqlite3_column_blob(s, k), r0 + ps->parts[k].off, ps->parts[k].len);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return db_fail(st, "cv_parts");
        if (rc == SQLITE_ROW && !differ) {
            *same = 1;
            return 0;
        }
        if (rc == SQLITE_ROW && !replace)
            return 0;
        if (rc == SQLITE_ROW) {
            s = st->q[Q_PARTS_EXPAND];
            sqlite3_bind_int64(s, 1, pid);
            if (run(st, s, NULL, "scans") < 0)
                return -1;
        }
    }
    sqlite3_stmt *s = st->q[Q_PARTS_PUT];
    sqlite3_bind_int64(s, 1, pid);
    for (int k = 0; k < NPARTS; k++)
        sqlite3_bind_text(s, k + 2, r0 + ps->parts[k].off, (int)ps->parts[k].len, SQLITE_STATIC);
    if (run(st, s, NULL, "cv_parts") < 0)
        return -1;
    *same = 1;
    return 0;
}

/* Report r (n bytes), alone in its record, in *out (malloc'd, *outlen
 * bytes) without its CV parts when they are its profile's; else *out NULL.
 * Returns 0, or -1 on error. */
static int kept_one(gs_store *st, sqlite3_int64 pid, const char *r, size_t n, char **out,
                    size_t *outlen)
{
    *out = NULL;
    sqlite3_stmt *s = st->q[Q_PARTS_GET];
    sqlite3_bind_int64(s, 1, pid);
    int rc = sqlite3_step(s), ret = 0;
    span run[NPARTS];
    const char *part[NPARTS];
    size_t plen[NPARTS];
    if (rc == SQLITE_ROW && parts_of(s, 0, part, plen) && split_report(r, n, NULL, NULL, run)) {
        int same = 1;
        size_t len = n;
        for (int k = 0; same && k < NPARTS; k++) {
            same = run[k].len == plen[k] && !memcmp(r + run[k].off, part[k], plen[k]);
            len += MARKERS[k].len - run[k].len;
        }
        if (same && !(*out = malloc(len)))
            ret = fail(st, "out of memory");
        if (*out)
            *outlen = write_kept(*out, r, n, run);
    } else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        ret = db_fail(st, "cv_parts");
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return ret;
}

int gs_store_record_parsed(gs_store *st, const gs_store_doc *doc, const gs_store_parsed *ps,
                           int replace)
{
    json_t *const *parsed = ps->json;
    const char *const *reports = ps->reports;
    size_t nreports = ps->n;
    if (!nreports)
        return 0;
    /* one savepoint per document: all of it or none of it */
    if (exec(st, "SAVEPOINT doc"))
        return -1;
    sqlite3_stmt *s = st->q[Q_DOC];
    sqlite3_int64 did = 0, pid = 0;
    bind_text(s, 1, doc->path);
    sqlite3_bind_int64(s, 2, (sqlite3_int64)doc->size);
    bind_text(s, 3, doc->hash);
    bind_text(s, 4, doc->format);
    if (run(st, s, &did, "documents") != 1)
        goto undo;
    json_t *r0 = parsed[0];
    s = st->q[Q_PROFILE_GET];
    sqlite3_bind_int64(s, 1, did);
    bind_key(s, 2, r0, "lexicon");
    bind_key(s, 3, r0, "as_of");
    int have = run(st, s, &pid, "profiles");
    if (have < 0)
        goto undo;
    json_t *edu = json_object_get(r0, "education");
    if (!have) {
        s = st->q[Q_PROFILE_NEW];
        sqlite3_bind_int64(s, 1, did);
        bind_key(s, 2, r0, "engine");
        bind_key(s, 3, r0, "lexicon");
        bind_key(s, 4, r0, "as_of");
        bind_key(s, 5, r0, "encoding");
        bind_key(s, 6, r0, "experience_years");
        bind_key(s, 7, edu, "highest");
        if (run(st, s, NULL, "profiles") < 0)
            goto undo;
        pid = sqlite3_last_insert_rowid(st->db);
    } else if (replace) {
        s = st->q[Q_PROFILE_UPD];
        sqlite3_bind_int64(s, 1, pid);
        bind_key(s, 2, r0, "engine");
        bind_key(s, 3, r0, "encoding");
        bind_key(s, 4, r0, "experience_years");
        bind_key(s, 5, edu, "highest");
        if (run(st, s, NULL, "profiles") < 0)
            goto undo;
        for (int q = Q_PROFILE_CLEAR_SKILLS; q <= Q_PROFILE_CLEAR_POSITIONS; q++) {
            sqlite3_bind_int64(st->q[q], 1, pid);
            if (run(st, st->q[q], NULL, "profiles") < 0)
                goto undo;
        }
    }
    if ((!have || replace) && record_profile(st, pid, r0))
        goto undo;
    int same = 0;
    char *one = NULL; /* the one report without the profile's parts */
    size_t one_len = 0;
    if (ps->split && record_parts(st, pid, have, replace, ps, &same))
        goto undo;
    if (nreports == 1 && have && kept_one(st, pid, reports[0], ps->lens[0], &one, &one_len))
        goto undo;
    for (size_t i = 0; i < nreports; i++) {
        const span *k = &ps->kept_at[i];
        int part = same && k->len;
        const char *text = one ? one : part ? ps->kept + k->off : reports[i];
        size_t len = one ? one_len : part ? k->len : ps->lens[i];
        if (record_scan(st, pid, parsed[i], text, len, replace)) {
            free(one);
            goto undo;
        }
    }
    free(one);
    if (exec(st, "RELEASE doc"))
        goto undo;
    return 0;
undo : {
    char keep[sizeof st->msg];
    memcpy(keep, st->msg, sizeof keep);
    sqlite3_exec(st->db, "ROLLBACK TO doc; RELEASE doc", NULL, NULL, NULL);
    return fail(st, "%s: %s", doc->path, keep);
}
}

/* Query q (Q_FIGURES, or Q_PROFILE_OF without the target) bound to the
 * scan of this content, lexicon, as-of month and target; the caller resets
 * it. */
static sqlite3_stmt *scan_query(gs_store *st, int q, const char *path, const char *hash,
                                const char *lexicon, const char *as_of, const char *target)
{
    sqlite3_stmt *s = st->q[q];
    bind_text(s, 1, path);
    bind_text(s, 2, hash);
    bind_text(s, 3, lexicon);
    bind_text(s, 4, as_of);
    if (target)
        bind_text(s, 5, target);
    return s;
}

/* A scan's stored report (n bytes) whole: each marker replaced by its part
 * (part NULL: the report as it is), what scan_reports gives, in one pass
 * instead of three replace() (no part holds a marker, so that the order of
 * the replacements is moot). The caller frees it; NULL when out of memory. */
static char *whole_report(const char *text, size_t n, const char *const *part, const size_t *plen)
{
    size_t total = n;
    char *out = NULL, *w = NULL;
    for (int pass = 0; pass < 2; pass++) {
        const char *from = text, *end = text + n, *p = text + 1;
        while (part && p < end && (p = memchr(p, '@', (size_t)(end - p))) != NULL) {
            int k = marker_at(p, end);
            if (k < 0) {
                p++;
                continue;
            }
            if (w) {
                memcpy(w, from, (size_t)(p - 1 - from));
                w += p - 1 - from;
                memcpy(w, part[k], plen[k]);
                w += plen[k];
            } else {
                total += plen[k] - MARKERS[k].len;
            }
            from = p - 1 + MARKERS[k].len;
            p = from;
        }
        if (!w) {
            if (!(out = w = malloc(total + 1)))
                return NULL;
            continue;
        }
        memcpy(w, from, (size_t)(end - from));
        out[total] = '\0';
    }
    return out;
}

int gs_store_lookup_all(gs_store *st, const char *path, const char *hash, const char *lexicon,
                        const char *as_of, const char *const *targets, size_t ntargets,
                        char **reports)
{
    for (size_t t = 0; t < ntargets; t++)
        reports[t] = NULL;
    /* one read transaction: the parts and the scans as they were together */
    if (exec(st, "SAVEPOINT look"))
        return -1;
    sqlite3_stmt *p = scan_query(st, Q_PROFILE_OF, path, hash, lexicon, as_of, NULL);
    int rc = sqlite3_step(p), found = 0;
    if (rc == SQLITE_ROW) {
        sqlite3_int64 pid = sqlite3_column_int64(p, 0);
        const char *part[NPARTS];
        size_t plen[NPARTS];
        int parts = parts_of(p, 1, part, plen);
        found = 1;
        for (size_t t = 0; found == 1 && t < ntargets; t++) {
            sqlite3_stmt *s = st->q[Q_SCAN_REPORT];
            sqlite3_bind_int64(s, 1, pid);
            bind_text(s, 2, targets[t]);
            rc = sqlite3_step(s);
            if (rc == SQLITE_ROW) {
                const char *text = (const char *)sqlite3_column_text(s, 0);
                reports[t] = text ? whole_report(text, (size_t)sqlite3_column_bytes(s, 0),
                                                 parts ? part : NULL, plen)
                                  : NULL;
                if (!reports[t])
                    found = fail(st, "out of memory");
            } else {
                found = rc == SQLITE_DONE ? 0 : db_fail(st, "lookup");
            }
            sqlite3_reset(s);
            sqlite3_clear_bindings(s);
        }
    } else if (rc != SQLITE_DONE) {
        found = db_fail(st, "lookup");
    }
    sqlite3_reset(p);
    sqlite3_clear_bindings(p);
    sqlite3_exec(st->db, "RELEASE look", NULL, NULL, NULL);
    for (size_t t = 0; found != 1 && t < ntargets; t++) {
        free(reports[t]);
        reports[t] = NULL;
    }
    return found;
}

int gs_store_lookup(gs_store *st, const char *path, const char *hash, const char *lexicon,
                    const char *as_of, const char *target, char **report)
{
    return gs_store_lookup_all(st, path, hash, lexicon, as_of, &target, 1, report);
}

int gs_store_figures_of(gs_store *st, const char *path, const char *hash, const char *lexicon,
                        const char *as_of, const char *target, gs_store_figures *f,
                        int (*missing)(void *ctx, const char *id), void *ctx)
{
    sqlite3_stmt *s = scan_query(st, Q_FIGURES, path, hash, lexicon, as_of, target);
    int rc = sqlite3_step(s), found = 0;
    sqlite3_int64 scan = 0;
    if (rc == SQLITE_ROW) {
        scan = sqlite3_column_int64(s, 0);
        f->score = sqlite3_column_int(s, 1);
        f->years = sqlite3_column_type(s, 2) == SQLITE_NULL ? NAN : sqlite3_column_double(s, 2);
        const unsigned char *deg = sqlite3_column_text(s, 3);
        snprintf(f->degree, sizeof f->degree, "%s", deg ? (const char *)deg : "");
        found = 1;
    } else if (rc != SQLITE_DONE) {
        found = db_fail(st, "lookup");
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    if (found != 1)
        return found;
    s = st->q[Q_MISSING];
    sqlite3_bind_int64(s, 1, scan);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(s, 0);
        if (id && missing(ctx, id))
            break;
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        found = db_fail(st, "lookup");
    sqlite3_reset(s);
    return found;
}

int gs_store_each(gs_store *st, const char *target, const char *as_of,
                  int (*fn)(void *ctx, const char *path, const char *report), void *ctx)
{
    sqlite3_stmt *s = st->q[Q_EACH];
    bind_text(s, 1, target);
    bind_text(s, 2, as_of);
    int rc, ret = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(s, 0);
        const char *text = (const char *)sqlite3_column_text(s, 1);
        const char *part[NPARTS];
        size_t plen[NPARTS];
        int parts = parts_of(s, 2, part, plen);
        char *rep = text ? whole_report(text, (size_t)sqlite3_column_bytes(s, 1),
                                        parts ? part : NULL, plen)
                         : NULL;
        if (!rep && text)
            ret = fail(st, "out of memory");
        else
            ret = fn(ctx, path ? path : "", rep ? rep : "{}");
        free(rep);
        if (ret)
            break;
    }
    if (!ret && rc != SQLITE_DONE)
        ret = db_fail(st, "report");
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return ret;
}
