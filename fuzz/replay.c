/* replay.c - run fuzz inputs through the fuzz targets without libFuzzer, so
 * that `make test` (and `make asan`, `make valgrind`) replay every input a
 * fuzzer once crashed on.
 *
 *   fuzz_replay DIR...            every file of DIR/TARGET/ through TARGET
 *   fuzz_replay TARGET:PATH...    a file, or every file of a folder, through one
 *
 * In the first form every subfolder must be named after a target (a typo
 * would otherwise replay nothing); *.md files there are notes, not inputs.
 * An input that breaks an invariant aborts (FZ_CHECK) or trips the
 * sanitizers; one that passes counts as passed.
 * Prints "replay: N passed, N failed" (a failure here is a file that cannot
 * be read or a folder that is not a target). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

typedef struct target {
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
} target;

static const target TARGETS[] = {
    {"text", fuzz_one_text},     {"extract", fuzz_one_extract},
    {"dates", fuzz_one_dates},   {"html", fuzz_one_html},
    {"zip", fuzz_one_zip},       {"json", fuzz_one_json},
    {"rtf", fuzz_one_rtf},       {"pdf_layout", fuzz_one_pdf_layout},
    {"role", fuzz_one_role},     {"jd", fuzz_one_jd},
};
#define NTARGETS (sizeof TARGETS / sizeof *TARGETS)

static int passed, failed;

static const target *find_target(const char *name, size_t len)
{
    for (size_t i = 0; i < NTARGETS; i++)
        if (strlen(TARGETS[i].name) == len && !strncmp(TARGETS[i].name, name, len))
            return &TARGETS[i];
    return NULL;
}

/* The whole file at `path` in a new buffer (free it), or NULL. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    if (fstat(fileno(f), &sb) == 0 && (buf = malloc((size_t)sb.st_size + 1)) != NULL) {
        *len = fread(buf, 1, (size_t)sb.st_size, f);
        if (ferror(f)) {
            free(buf);
            buf = NULL;
        }
    }
    fclose(f);
    return buf;
}

static void replay_file(const target *t, const char *path)
{
    size_t len = 0;
    uint8_t *data = slurp(path, &len);
    if (!data) {
        fprintf(stderr, "%s: cannot be read: %s\n", path, strerror(errno));
        failed++;
        return;
    }
    t->run(data, len);
    free(data);
    passed++;
}

static int is_dir(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Every entry of a folder, hidden ones skipped, sorted (for a stable order). */
static int names_of(const char *dir, struct dirent ***list)
{
    int n = scandir(dir, list, NULL, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: cannot be read: %s\n", dir, strerror(errno));
        failed++;
    }
    return n;
}

/* A file, or every file of a folder (recursively), through target t. */
static void replay_path(const target *t, const char *path)
{
    if (!is_dir(path)) {
        replay_file(t, path);
        return;
    }
    struct dirent **list;
    int n = names_of(path, &list);
    for (int i = 0; i < n; i++) {
        if (list[i]->d_name[0] != '.') {
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", path, list[i]->d_name);
            replay_path(t, sub);
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
}

/* DIR/<target>/... through each target. */
static void replay_tree(const char *dir)
{
    struct dirent **list;
    int n = names_of(dir, &list);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t nl = strlen(name);
        if (name[0] != '.' && !(nl > 3 && !strcmp(name + nl - 3, ".md"))) {
            char sub[4096];
            snprintf(sub, sizeof sub, "%s/%s", dir, name);
            const target *t = find_target(name, strlen(name));
            if (!t || !is_dir(sub)) {
                fprintf(stderr, "%s: not a fuzz target's folder\n", sub);
                failed++;
            } else {
                replay_path(t, sub);
            }
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_replay DIR... | TARGET:PATH...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *colon = strchr(argv[i], ':');
        if (!colon) {
            replay_tree(argv[i]);
            continue;
        }
        const target *t = find_target(argv[i], (size_t)(colon - argv[i]));
        if (!t) {
            fprintf(stderr, "%s: no such fuzz target\n", argv[i]);
            failed++;
            continue;
        }
        replay_path(t, colon + 1);
    }
    printf("replay: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
