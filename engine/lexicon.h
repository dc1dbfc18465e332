/* lexicon.h - what the engine knows: skills, their surface forms, relations,
 * degrees, fields of study, cue phrases and section headings, loaded from the
 * tab-separated files of lexicon/ and compiled into one token trie (for the
 * built-in files, once, at build time: lexicon_image.h).
 *
 * Every surface form, whatever its kind, is a path of lower-cased tokens in
 * a single trie, so one left-to-right pass over a document's tokens finds
 * skills, degrees, fields, cues and headings together; the cost per token
 * does not grow with the number of skills. A lexicon is read-only once
 * built and is shared by every engine forked from the one that loaded it. */
#ifndef GS_LEXICON_H
#define GS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"
#include "token.h"

/* What a surface form stands for. */
enum gs_kind { GS_KIND_SKILL, GS_KIND_DEGREE, GS_KIND_FIELD, GS_KIND_CUE, GS_KIND_SECTION, GS_KIND_TITLE };

/* Seniority of a position, from its title (lexicon/titles.tsv), ordered. */
enum gs_seniority { GS_SEN_INDIVIDUAL, GS_SEN_MANAGEMENT, GS_SEN_SENIOR, GS_SEN_LAST };

/* Cue kinds (lexicon/cues.tsv). */
enum gs_cue {
    GS_CUE_NEGATION,
    GS_CUE_ASPIRATION,
    GS_CUE_HEDGE,
    GS_CUE_INCOMPLETE,
    GS_CUE_CONTEXT,
    GS_CUE_STOP,
    GS_CUE_BREAK,
    GS_CUE_EDUCATION, /* "university", "degree": a short degree name (ctx) counts next to it */
    GS_CUE_PREFIX,    /* "in", "using": skill context only right before the name ("in Rust") */
    GS_CUE_LAST
};

/* Sections of a CV (lexicon/sections.tsv). */
enum gs_section {
    GS_SEC_NONE, /* before any heading */
    GS_SEC_SUMMARY,
    GS_SEC_EXPERIENCE,
    GS_SEC_EDUCATION,
    GS_SEC_SKILLS,
    GS_SEC_PROJECTS,
    GS_SEC_CERTIFICATIONS,
    GS_SEC_PUBLICATIONS,
    GS_SEC_OTHER,
    GS_SEC_REFERENCES, /* other people's names and titles: no skills are read here */
    GS_SEC_LAST
};

/* Education levels, ordered as in the contract. */
enum gs_level { GS_LVL_NONE, GS_LVL_HIGH_SCHOOL, GS_LVL_ASSOCIATE, GS_LVL_BACHELOR,
                GS_LVL_MASTER, GS_LVL_PHD, GS_LVL_LAST };

/* Entry flags. */
#define GS_F_CASE 1u /* must match with exactly the alias's capitalisation */
#define GS_F_CTX 2u  /* ambiguous: counts only in a skill context */

typedef struct gs_entry {
    uint8_t kind;        /* enum gs_kind */
    uint8_t flags;       /* GS_F_* */
    int32_t target;      /* skill/field index, level, cue or section */
    uint32_t exact;      /* GS_F_CASE: offset of the alias's tokens concatenated in the
                          * lexicon's strings, else 0 */
} gs_entry;

typedef struct gs_skill {
    const char *id;       /* canonical id (a-z0-9-) */
    const char *name;     /* display name */
    const char *category; /* language, cloud, ... */
    const char *source;   /* "curated", "onet", "esco", "onet+esco", "user" (static) */
    uint8_t hot;          /* O*NET Hot Technology */
    uint8_t in_demand;    /* O*NET In Demand */
    uint8_t work;         /* names a kind of work, not a product or a company: its category
                             is one (lexicon/categories.tsv) */
    const int32_t *implies; /* skills this one implies (direct) */
    size_t nimplies;
    const int32_t *related; /* skills that give partial credit for it */
    size_t nrelated;
} gs_skill;

typedef struct gs_field {
    const char *id;    /* computer-science, ... */
    const char *group; /* stem, business, humanities, other */
} gs_field;

typedef struct gs_lexicon gs_lexicon;

/* Load the built-in lexicon, plus the user's lexicon file when user_name is
 * not NULL (its bytes user_data[0..user_len), read only during the call;
 * lines: id, name, category, aliases separated by '|', flags). On failure
 * returns NULL with the reason ("aliases.tsv:12: unknown skill 'foo'") in
 * err[errlen] and *status set. Free with gs_lexicon_free. */
gs_lexicon *gs_lexicon_load(gs_mem *mem, const char *user_name, const char *user_data, size_t user_len,
                            gapscan_status *status, char *err, size_t errlen);

/* Counts: skills by source, skill surface forms, imported forms dropped. */
typedef struct gs_lexicon_counts {
    size_t skills, curated, imported, user, surfaces, dropped, relations;
} gs_lexicon_counts;
void gs_lexicon_count(const gs_lexicon *lex, gs_lexicon_counts *out);
void gs_lexicon_free(gs_lexicon *lex);

const char *gs_lexicon_version(const gs_lexicon *lex); /* content hash, stable for equal data */

size_t gs_lexicon_skill_count(const gs_lexicon *lex);
const gs_skill *gs_lexicon_skill(const gs_lexicon *lex, size_t i);
int32_t gs_lexicon_skill_find(const gs_lexicon *lex, const char *id); /* -1 if none */

size_t gs_lexicon_field_count(const gs_lexicon *lex);
const gs_field *gs_lexicon_field(const gs_lexicon *lex, size_t i);
int32_t gs_lexicon_field_find(const gs_lexicon *lex, const char *id); /* -1 if none */

/* Is s a well-formed id: a-z, 0-9 and single inner dashes? */
int gs_valid_id(const char *s);

const char *gs_level_name(int level);          /* "master" */
int gs_level_find(const char *name);           /* -1 if none */
const char *gs_section_name(int section);      /* "experience" */
const char *gs_seniority_name(int seniority);  /* "senior-leadership" */
int gs_seniority_find(const char *name);        /* -1 if none */

/* Set tokens[i].term for every token of text (0 when no alias uses it). */
void gs_lexicon_terms(const gs_lexicon *lex, const char *text, gs_token *tokens, size_t n);

/* Longest-match lookup starting at tokens[i]. Writes up to `max` entries that
 * end at the same (longest possible) token, whose case rules pass, into
 * out[]; sets *end to one past the last token of the match. Returns the
 * number of entries (0 = nothing starts here). */
size_t gs_lexicon_match(const gs_lexicon *lex, const char *text, const gs_token *tokens,
                        size_t n, size_t i, const gs_entry **out, size_t max, size_t *end);

#endif
