/* internal.h - hooks the tests need and users do not: not installed, not
 * part of the public API. */
#ifndef GS_INTERNAL_H
#define GS_INTERNAL_H

#include "gapscan.h"

/* Make the engine's allocation number n (0 = the next) fail, and every one
 * after it; n < 0 turns failure injection off. */
void gs_engine_fail_after(gapscan_engine *eng, long n);

/* The engine's lexicon (read-only), for tests that look inside roles. */
struct gs_lexicon;
const struct gs_lexicon *gs_engine_lexicon(const gapscan_engine *eng);

#endif
