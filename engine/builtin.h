/* builtin.h - the data files compiled into the library (lexicon/, corpus/roles/).
 *
 * The table is generated at build time by engine/embed.c from the files in
 * the source tree, so the gapscan binary needs nothing on disk to run. */
#ifndef GS_BUILTIN_H
#define GS_BUILTIN_H

#include <stddef.h>

typedef struct gs_builtin_file {
    const char *name; /* path relative to the source tree: "lexicon/skills.tsv" */
    const char *data; /* contents, NUL-terminated */
    size_t len;       /* bytes, without the NUL */
} gs_builtin_file;

extern const gs_builtin_file gs_builtin_files[];
extern const size_t gs_builtin_nfiles;

/* The file with this name, or NULL. */
const gs_builtin_file *gs_builtin_find(const char *name);

#endif
