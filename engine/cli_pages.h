/* cli_pages.h - the command line's folders of reports (part of the gapscan
 * program, not of libgapscan): with --format html or md and -o DIR, one
 * report file per CV (and target) and an index, named so that no two CVs
 * share a file. */
#ifndef GS_CLI_PAGES_H
#define GS_CLI_PAGES_H

#include <stddef.h>

typedef struct cli_pages {
    const char *dir; /* the folder (borrowed) */
    const char *ext; /* ".html" or ".md" (borrowed) */
    char **stems;    /* one per CV: its file name without the extension, unique */
    size_t n;
} cli_pages;

/* Make sure `dir` is a folder we can write into, creating it (and missing
 * parents) when needed. Returns 0, or -1 after printing
 * "gapscan: DIR: why" on stderr. */
int cli_outdir_prepare(const char *dir);

/* File names for the CVs paths[0..n): the base name without its extension,
 * reduced to letters, digits, '.', '_' and '-', with "-2", "-3"... added
 * where two would clash ("index" is kept for the index). Returns 0, or -1
 * when out of memory (pg may then be freed). */
int cli_pages_init(cli_pages *pg, const char *dir, const char *ext, const char *const *paths, size_t n);
void cli_pages_free(cli_pages *pg);

/* The file name of CV i's report: STEM.EXT, or STEM--TARGET.EXT when
 * `target` is not NULL (several targets). The caller frees it; NULL when out
 * of memory. */
char *cli_page_name(const cli_pages *pg, size_t i, const char *target);

/* Write data to DIR/NAME (replacing it). Returns 0, or -1 with
 * "DIR/NAME: why" in err. */
int cli_page_write(const cli_pages *pg, const char *name, const char *data, size_t len, char *err,
                   size_t errlen);

#endif
