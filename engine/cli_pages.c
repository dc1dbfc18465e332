/* cli_pages.c - folders of HTML or Markdown reports for the gapscan program:
 * the folder made ready, a unique file name per CV, files written whole. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_pages.h"

#define STEM_MAX 64

int cli_outdir_prepare(const char *dir)
{
    char *path = strdup(dir);
    if (!path) {
        fputs("gapscan: out of memory\n", stderr);
        return -1;
    }
    /* create each missing component, like mkdir -p */
    int rc = 0;
    for (char *p = path + 1; !rc; p++) {
        if (*p && *p != '/')
            continue;
        char c = *p;
        *p = '\0';
        struct stat sb;
        if (stat(path, &sb) != 0) {
            if (errno != ENOENT || mkdir(path, 0777) != 0) {
                fprintf(stderr, "gapscan: %s: %s\n", path, strerror(errno));
                rc = -1;
            }
        } else if (!S_ISDIR(sb.st_mode)) {
            fprintf(stderr, "gapscan: %s: not a folder\n", path);
            rc = -1;
        }
        *p = c;
        if (!c)
            break;
    }
    if (!rc && access(dir, W_OK | X_OK) != 0) {
        fprintf(stderr, "gapscan: %s: %s\n", dir, strerror(errno));
        rc = -1;
    }
    free(path);
    return rc;
}

/* The stem of one path: base name, extension dropped, unsafe bytes as '-'. */
static void stem_of(const char *path, char *out)
{
    const char *base = strrchr(path, '/');
    base = base && base[1] ? base + 1 : path;
    if (!strcmp(path, "-"))
        base = "stdin";
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t n = 0;
    for (size_t i = 0; i < len && n < STEM_MAX; i++) {
        unsigned char c = (unsigned char)base[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                 c == '.' || c == '-';
        if (!ok)
            c = '-';
        if (c == '-' && n && out[n - 1] == '-')
            continue;
        if ((c == '-' || c == '.') && n == 0)
            continue;
        out[n++] = (char)c;
    }
    while (n && (out[n - 1] == '-' || out[n - 1] == '.'))
        n--;
    out[n] = '\0';
    if (!n || !strcmp(out, "index"))
        snprintf(out, STEM_MAX + 1, "%s", n ? "index-cv" : "cv");
}

typedef struct named {
    char *stem;
    size_t i;
} named;

static int cmp_named(const void *a, const void *b)
{
    const named *x = a, *y = b;
    int c = strcmp(x->stem, y->stem);
    return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

static int taken(const named *v, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(v[mid].stem, s);
        if (!c)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int cli_pages_init(cli_pages *pg, const char *dir, const char *ext, const char *const *paths, size_t n)
{
    pg->dir = dir;
    pg->ext = ext;
    pg->n = 0;
    pg->stems = calloc(n ? n : 1, sizeof *pg->stems);
    named *v = calloc(n ? n : 1, sizeof *v);
    if (!pg->stems || !v) {
        free(v);
        return -1;
    }
    pg->n = n;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        char s[STEM_MAX + 1];
        stem_of(paths[i], s);
        v[i] = (named){strdup(s), i};
        if (!v[i].stem)
            rc = -1;
    }
    if (!rc && n)
        qsort(v, n, sizeof *v, cmp_named);
    /* the first of equal stems (in input order) keeps it; the others get
     * the first free "-K" */
    for (size_t i = 0; i < n && !rc; i++) {
        if (i == 0 || strcmp(v[i].stem, v[i - 1].stem) || !v[i].stem[0]) {
            pg->stems[v[i].i] = strdup(v[i].stem);
        } else {
            char s[STEM_MAX + 24];
            unsigned k = 2;
            do
                snprintf(s, sizeof s, "%s-%u", v[i].stem, k++);
            while (taken(v, n, s));
            pg->stems[v[i].i] = strdup(s);
        }
        if (!pg->stems[v[i].i])
            rc = -1;
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].stem);
    free(v);
    return rc;
}

void cli_pages_free(cli_pages *pg)
{
    if (pg->stems)
        for (size_t i = 0; i < pg->n; i++)
            free(pg->stems[i]);
    free(pg->stems);
    pg->stems = NULL;
    pg->n = 0;
}

char *cli_page_name(const cli_pages *pg, size_t i, const char *target)
{
    size_t len = strlen(pg->stems[i]) + (target ? strlen(target) + 2 : 0) + strlen(pg->ext) + 1;
    char *s = malloc(len);
    if (s)
        snprintf(s, len, "%s%s%s%s", pg->stems[i], target ? "--" : "", target ? target : "", pg->ext);
    return s;
}

int cli_page_write(const cli_pages *pg, const char *name, const char *data, size_t len, char *err, size_t errlen)
{
    size_t plen = strlen(pg->dir) + strlen(name) + 2;
    char *path = malloc(plen);
    if (!path) {
        snprintf(err, errlen, "%s: out of memory", name);
        return -1;
    }
    snprintf(path, plen, "%s%s%s", pg->dir, pg->dir[0] && pg->dir[strlen(pg->dir) - 1] == '/' ? "" : "/", name);
    FILE *f = fopen(path, "w");
    int bad = !f || fwrite(data, 1, len, f) != len;
    int e = errno;
    if (f && fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (bad)
        snprintf(err, errlen, "%s: %s", path, strerror(e));
    free(path);
    return bad ? -1 : 0;
}
