/* jd.h - a job description compiled into a role (gapscan --job, gapscan role
 * compile), the role written back as a role file, and a role described as
 * text (gapscan roles show).
 *
 * The document's text is split into lines, a bullet or a paragraph wrapped
 * onto the next lines read as one; headings from
 * lexicon/jd-sections.tsv ("Requirements", "Nice to have", ...) set whether
 * what follows is required, preferred or neither; every bullet (or sentence
 * of a paragraph) under a required or preferred heading becomes one
 * requirement, read with the same lexicon the CV extractor uses:
 *   a degree            -> <degree> (fields, "related", "or equivalent")
 *   "N+ years ..."      -> <experience> (with the skill right after the
 *                          figure, if any; the line's other skills become a
 *                          second requirement)
 *   several skills      -> lists of skills, each joined by list words ("and",
 *                          ",") or choice words ("or", "such as"): one list is
 *                          <all-of> or, when a choice, <any-of>; several are
 *                          an <all-of> of them
 *   one skill           -> <skill>
 *   a team size         -> <team>
 *   nothing known       -> <not-checked/>: listed in reports, never scored
 * A document without any such heading is read whole, and only the sentences
 * that name something the lexicon knows are kept. */
#ifndef GS_JD_H
#define GS_JD_H

#include <stddef.h>

#include "alloc.h"
#include "dates.h"
#include "gapscan.h"
#include "lexicon.h"
#include "role.h"

/* Compile text[0..len) (already converted to UTF-8 text by gs_read). `name`
 * names the document (its last path component becomes the role's source).
 * The role's id is made from its title, and never one of `taken` (the
 * built-in roles, or NULL): a "Data Engineer" ad is data-engineer-job, so
 * that a report's target never names a role it is not. On success *out is
 * a role the caller frees with gs_role_free. */
gapscan_status gs_jd_compile(gs_mem *mem, const gs_lexicon *lex, gs_dscan *dscan, const gs_roles *taken,
                             const char *name, const char *text, size_t len, gapscan_role **out,
                             char *err, size_t errlen);

/* The role as a role file (valid against corpus/roles/role.rng). */
int gs_role_write_xml(const gs_lexicon *lex, const gapscan_role *role, gs_buf *b);

/* The role's requirements as the engine understands them. */
int gs_role_describe(const gs_lexicon *lex, const gapscan_role *role, gs_buf *b);

#endif
