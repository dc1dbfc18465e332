/* match.h - the body of gapscan_match: one profile scored against one role.
 *
 * The formula (README, "How the score is computed"): every requirement earns
 * a credit between 0 and 1; the score is 100 * sum(weight * credit) /
 * sum(weight), rounded. Required requirements weigh 3, preferred 1, unless
 * the role file gives a weight. */
#ifndef GS_MATCH_H
#define GS_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "gapscan.h"
#include "profile.h"
#include "role.h"

typedef struct gs_result {
    const gs_req *req;        /* borrowed from the role */
    double credit;            /* 0..1 */
    gapscan_req_status status;
    int32_t best_skill;       /* skill whose evidence proves it (hit's skill), or -1 */
    int32_t related_skill;    /* for partial credit through a related skill, or -1 */
    int has_years;            /* requirement has a years figure */
    double need_years, have_years;
    int need_level, have_level; /* degree requirements; -1 when not a degree requirement */
    int need_team, have_team;   /* team-size requirements; -1 when not one */
    const char *note;         /* short explanation ("hedged: familiar with"), static or NULL */
} gs_result;

struct gapscan_match {
    gs_mem *mem;
    const gapscan_profile *profile; /* borrowed */
    const gapscan_role *role;       /* borrowed */
    gs_result *results;             /* one per requirement, role order */
    size_t nresults;
    const gs_req **unchecked;       /* <not-checked/> requirements: listed, never scored */
    size_t nunchecked;
    double exact;                   /* unrounded score */
    int score;                      /* 0..100 */
};

/* Skill ids that would satisfy a condition, flattened, no duplicates.
 * Writes up to max indices into out; returns how many. */
size_t gs_cond_skills(const gs_cond *c, int32_t *out, size_t max);

/* Score (score.c). The caller owns *out (gapscan_match_free). */
gapscan_status gs_score(gs_mem *mem, const gapscan_profile *p, const gapscan_role *role,
                        gapscan_match **out);

/* The CV-only parts of the last JSON report rendered (render.c): the same
 * bytes for every target, so rendering one profile against many targets
 * writes them once. Keyed by the profile's address and serial number (a
 * freed profile's address may come back; its serial does not). Owned by an
 * engine; gs_jcache_free releases the buffers, which are otherwise kept
 * (emptied) from one profile to the next. Zero-initialise. */
typedef struct gs_jcache {
    const gapscan_profile *profile; /* whose parts these are; NULL: none */
    uint64_t serial;
    int pretty;
    gs_buf part[4];  /* "cv"; experience_years .. skills; positions, gaps; excluded .. lexicon */
    /* that profile's evidence lines, each written once as a compact
     * {"line":N,"text":"..."}: line i's is quoted.data[line_off[i] ..
     * line_off[i] + line_len[i]) when line_len[i] (0: not yet) */
    gs_buf quoted;
    size_t *line_off;
    uint32_t *line_len;
    size_t nlines, nlines_cap; /* the profile's lines; room for */
    /* the engine's lexicon, set by the engine (it outlives the cache), and
     * its skills' id, name and category as JSON strings, each escaped the
     * first time a report of this engine's needs it: skill s's are in
     * skill_quoted at skills[s].off, of lengths skills[s].len (0: not yet) */
    const gs_lexicon *lex;
    gs_buf skill_quoted;
    struct gs_jskill {
        size_t off;
        uint32_t len[3];
    } *skills;
} gs_jcache;

void gs_jcache_free(gs_jcache *cache);

/* The text report (render.c), GAPSCAN_RENDER_COLOR in flags for ANSI
 * colours, into a buffer the caller frees with gs_free. */
gapscan_status gs_render_text(gs_mem *mem, const gapscan_match *m, unsigned flags, char **out,
                              size_t *len);

/* Render (render.c) into a buffer the caller frees with gs_free. `cache`
 * may be NULL. */
gapscan_status gs_render(gs_mem *mem, gs_jcache *cache, const gapscan_match *m,
                         gapscan_format format, const char *lexicon_version, char **out,
                         size_t *len);

#endif
