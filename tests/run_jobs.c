/* run_jobs.c - job descriptions compiled into roles, against expectations.
 *
 *   run_jobs tests/jobs
 *
 * Every file NAME.jd.EXT of the folder (text, Markdown, HTML, ...) is compiled
 * with gapscan_role_compile_file() and its requirements are compared, as a
 * multiset, with NAME.expect (format: tests/jobs/README.md): one line per
 * requirement, `required|preferred SIGNATURE`. The compiled role is also
 * written as XML, loaded back with gapscan_role_load_file() (so it must
 * validate against the role schema) and must give the same signatures.
 * Last, one description is compiled with every allocation failing in turn:
 * each must come back as an error, without a crash or a leak.
 * Prints every difference, then "jobs: N passed, N failed". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gapscan.h"
#include "internal.h"
#include "role.h"

#define MAX_LINES 256

static int passed, failed;

static void sig_cond(const gs_lexicon *lex, const gs_cond *c, char *out, size_t cap)
{
    size_t k = strlen(out);
    switch (c->type) {
    case GS_COND_SKILL:
        snprintf(out + k, cap - k, "%s", gs_lexicon_skill(lex, (size_t)c->skill)->id);
        return;
    case GS_COND_ANY:
    case GS_COND_ALL:
        snprintf(out + k, cap - k, "%s:", c->type == GS_COND_ANY ? "any" : "all");
        for (size_t i = 0; i < c->nkids; i++) {
            /* a list inside a list is in parentheses: all:(any:a,b),c */
            int nested = c->kids[i].type == GS_COND_ANY || c->kids[i].type == GS_COND_ALL;
            k = strlen(out);
            snprintf(out + k, cap - k, "%s%s", i ? "," : "", nested ? "(" : "");
            sig_cond(lex, &c->kids[i], out, cap);
            k = strlen(out);
            snprintf(out + k, cap - k, "%s", nested ? ")" : "");
        }
        return;
    case GS_COND_EXPERIENCE:
        snprintf(out + k, cap - k, "years:%g%s", c->min_years, c->nkids ? ":" : "");
        if (c->nkids)
            sig_cond(lex, &c->kids[0], out, cap);
        return;
    case GS_COND_DEGREE:
        snprintf(out + k, cap - k, "degree:%s", gs_level_name(c->degree_min));
        for (size_t i = 0; i < c->nfields; i++) {
            k = strlen(out);
            snprintf(out + k, cap - k, "%s%s", i ? "," : ":", gs_lexicon_field(lex, (size_t)c->fields[i])->id);
        }
        if (c->equivalent_years > 0) {
            k = strlen(out);
            snprintf(out + k, cap - k, "+equivalent");
        }
        return;
    case GS_COND_TEAM:
        snprintf(out + k, cap - k, "team:%d", c->min_team);
        return;
    default:
        snprintf(out + k, cap - k, "not-checked");
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t signatures(const gs_lexicon *lex, const gapscan_role *r, char **out)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nreqs && n < MAX_LINES; i++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%s ", r->reqs[i].required ? "required" : "preferred");
        sig_cond(lex, &r->reqs[i].cond, buf, sizeof buf);
        out[n++] = strdup(buf);
    }
    qsort(out, n, sizeof *out, cmp_str);
    return n;
}

static void free_lines(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
}

static size_t read_expect(const char *path, char **out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return (size_t)-1;
    size_t n = 0;
    char line[512];
    while (fgets(line, sizeof line, f) && n < MAX_LINES) {
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r' || line[l - 1] == ' '))
            line[--l] = '\0';
        if (!l || line[0] == '#')
            continue;
        out[n++] = strdup(line);
    }
    fclose(f);
    qsort(out, n, sizeof *out, cmp_str);
    return n;
}

/* multiset difference, printed; 0 when equal */
static int compare(const char *what, char **want, size_t nw, char **got, size_t ng)
{
    size_t i = 0, j = 0;
    int diff = 0;
    while (i < nw || j < ng) {
        int c = i == nw ? 1 : j == ng ? -1 : strcmp(want[i], got[j]);
        if (c == 0) {
            i++;
            j++;
        } else if (c < 0) {
            fprintf(stderr, "%s: missing   %s\n", what, want[i++]);
            diff = 1;
        } else {
            fprintf(stderr, "%s: unexpected %s\n", what, got[j++]);
            diff = 1;
        }
    }
    return diff;
}

static const gs_lexicon *lexicon_of(gapscan_engine *eng);

static void one(gapscan_engine *eng, const char *dir, const char *file)
{
    char path[1024], expect[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    snprintf(expect, sizeof expect, "%s/%.*s.expect", dir, (int)(strstr(file, ".jd.") - file), file);
    char *want[MAX_LINES], *got[MAX_LINES], *again[MAX_LINES];
    size_t nw = read_expect(expect, want);
    if (nw == (size_t)-1) {
        fprintf(stderr, "%s: cannot read %s\n", file, expect);
        failed++;
        return;
    }
    gapscan_role *role = NULL, *back = NULL;
    if (gapscan_role_compile_file(eng, path, &role) != GAPSCAN_OK) {
        fprintf(stderr, "%s: %s\n", file, gapscan_errmsg(eng));
        failed++;
        free_lines(want, nw);
        return;
    }
    const gs_lexicon *lex = lexicon_of(eng);
    size_t ng = signatures(lex, role, got);
    int bad = compare(file, want, nw, got, ng);
    /* round trip through a role file */
    char *xml = NULL;
    size_t len = 0;
    const char *tmpdir = getenv("TMPDIR");
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s/gapscan-jobs-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0 || gapscan_role_write_xml(eng, role, &xml, &len) != GAPSCAN_OK ||
        write(fd, xml, len) != (ssize_t)len) {
        fprintf(stderr, "%s: cannot write the role file\n", file);
        bad = 1;
    } else if (gapscan_role_load_file(eng, tmp, &back) != GAPSCAN_OK) {
        fprintf(stderr, "%s: the written role does not load: %s\n", file, gapscan_errmsg(eng));
        bad = 1;
    } else {
        size_t na = signatures(lex, back, again);
        char what[300];
        snprintf(what, sizeof what, "%s (reloaded)", file);
        bad |= compare(what, got, ng, again, na);
        free_lines(again, na);
    }
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    gapscan_free(xml);
    gapscan_role_free(back);
    gapscan_role_free(role);
    free_lines(want, nw);
    free_lines(got, ng);
    if (bad)
        failed++;
    else
        passed++;
}

/* the engine's lexicon, to turn skill and field indices into ids */
static const gs_lexicon *lexicon_of(gapscan_engine *eng)
{
    return gs_engine_lexicon(eng);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: run_jobs DIR\n");
        return 2;
    }
    gapscan_engine *eng = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK) {
        fprintf(stderr, "run_jobs: %s\n", eng ? gapscan_errmsg(eng) : "out of memory");
        gapscan_close(eng);
        return 1;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        gapscan_close(eng);
        return 1;
    }
    char *names[512];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512)
        if (strstr(e->d_name, ".jd.") && e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        one(eng, argv[1], names[i]);
        free(names[i]);
    }
    /* every allocation failure is reported, never a crash or a leak */
    int oom_ok = 0;
    for (long k = 0; k < 100000 && !oom_ok; k++) {
        gapscan_role *r = NULL;
        gs_engine_fail_after(eng, k);
        gapscan_status st = gapscan_role_compile_file(eng, "tests/jobs/backend-bullets.jd.txt", &r);
        gs_engine_fail_after(eng, -1);
        if (st == GAPSCAN_OK)
            oom_ok = r != NULL;
        else if (st != GAPSCAN_ENOMEM && st != GAPSCAN_ETOOBIG && st != GAPSCAN_EIO) {
            fprintf(stderr, "allocation failure %ld: %s\n", k, gapscan_errmsg(eng));
            break;
        }
        gapscan_role_free(r);
    }
    if (oom_ok)
        passed++;
    else
        failed++;
    gapscan_close(eng);
    if (n < 15) {
        fprintf(stderr, "run_jobs: only %zu job descriptions (want 15 or more)\n", n);
        failed++;
    }
    printf("jobs: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
