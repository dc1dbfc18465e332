/* harness.h - the smallest test harness: CHECK records a failure with its
 * line and goes on; DONE prints "N passed, N failed" and gives the exit code. */
#ifndef GS_HARNESS_H
#define GS_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_passed, h_failed;

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

#endif
