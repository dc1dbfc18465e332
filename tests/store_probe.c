/* store_probe.c - a query against a gapscan store for tests/store_faults.sh,
 * so that the tests need no sqlite3 shell: prints each row of SQL's result
 * on a line, columns separated by '|'.
 *
 *   store_probe DB SQL
 *
 * Exit 0, or 1 with SQLite's message. */
#include <sqlite3.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: store_probe DB SQL\n", stderr);
        return 1;
    }
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    int rc = sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 10000);
        rc = sqlite3_prepare_v2(db, argv[2], -1, &s, NULL);
    }
    while (rc == SQLITE_OK || rc == SQLITE_ROW) {
        rc = sqlite3_step(s);
        if (rc != SQLITE_ROW)
            break;
        for (int i = 0; i < sqlite3_column_count(s); i++) {
            const unsigned char *v = sqlite3_column_text(s, i);
            printf("%s%s", i ? "|" : "", v ? (const char *)v : "");
        }
        putchar('\n');
    }
    int ok = rc == SQLITE_DONE;
    if (!ok)
        fprintf(stderr, "store_probe: %s: %s\n", argv[1], db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_finalize(s);
    sqlite3_close(db);
    return ok ? 0 : 1;
}
