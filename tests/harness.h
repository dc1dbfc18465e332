/* harness.h - the smallest test harness: CHECK records a failure with its
 * line and goes on; DONE prints "N passed, N failed" and gives the exit code. */
#ifndef GS_HARNESS_H
#define GS_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int h_passed __attribute__((unused)), h_failed __attribute__((unused));

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            h_passed++;                                                               \
        } else {                                                                      \
            h_failed++;                                                               \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond);          \
        }                                                                             \
    } while (0)

#define CHECK_STR(a, b)                                                               \
    do {                                                                              \
        const char *a_ = (a), *b_ = (b);                                              \
        if (a_ && b_ && !strcmp(a_, b_)) {                                            \
            h_passed++;                                                               \
        } else {                                                                      \
            h_failed++;                                                               \
            fprintf(stderr, "%s:%d: FAIL: %s == \"%s\", got \"%s\"\n", __FILE__,      \
                    __LINE__, #a, b_ ? b_ : "(null)", a_ ? a_ : "(null)");            \
        }                                                                             \
    } while (0)

#define DONE(name)                                                                    \
    (printf("%s: %d passed, %d failed\n", (name), h_passed, h_failed), h_failed ? 1 : 0)

/* The whole file at `path`, NUL-terminated, its length in *len (len may be
 * NULL); the caller frees it. NULL when it cannot be read. */
static inline char *h_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

#endif
