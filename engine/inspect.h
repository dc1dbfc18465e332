/* inspect.h - lexicon lookup, stats and lint reports (inspect.c). */
#ifndef GS_INSPECT_H
#define GS_INSPECT_H

#include <stddef.h>

#include "alloc.h"
#include "lexicon.h"
#include "profile.h"

/* Each writes a text report into *out (free with gs_free) or returns GAPSCAN_ENOMEM. */
gapscan_status gs_lookup_render(gs_mem *mem, const gapscan_profile *p, char **out, size_t *len);
gapscan_status gs_stats_render(gs_mem *mem, const gs_lexicon *lex, char **out, size_t *len);
gapscan_status gs_lint_render(gs_mem *mem, const gs_lexicon *lex, char **out, size_t *len,
                              size_t *problems);

#endif
