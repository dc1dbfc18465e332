/* role.h - the body of gapscan_role: a target role as the scorer uses it,
 * loaded from a role XML file (corpus/roles/) that is first validated
 * against corpus/roles/role.rng. Skill and field names are resolved to
 * lexicon indices at load time, so a role that names an unknown skill is
 * rejected with its file and line. */
#ifndef GS_ROLE_H
#define GS_ROLE_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "gapscan.h"
#include "lexicon.h"

enum gs_cond_type { GS_COND_SKILL, GS_COND_ANY, GS_COND_ALL, GS_COND_EXPERIENCE, GS_COND_DEGREE,
                    GS_COND_TEAM, GS_COND_NOT_CHECKED /* kept for the reader, never scored */ };

typedef struct gs_cond {
    int type;                /* enum gs_cond_type */
    int32_t skill;           /* GS_COND_SKILL: lexicon skill index */
    const int32_t *related;  /* SKILL: the skill's related skills, copied from the lexicon */
    size_t nrelated;         /* into the role when it is prepared (role->prepared_lex) */
    struct gs_cond *kids;    /* ANY/ALL: children; EXPERIENCE: 0 or 1 child */
    size_t nkids;
    double min_years;        /* EXPERIENCE */
    double max_years;        /* EXPERIENCE: 0 when not given */
    const char *label;       /* EXPERIENCE: kind of work, or NULL */
    int seniority;           /* EXPERIENCE: only positions at this seniority or above */
    int min_team;            /* TEAM: people led or managed */
    int degree_min;          /* DEGREE: enum gs_level */
    int related_fields;      /* DEGREE: other fields of the same group count */
    double equivalent_years; /* DEGREE: years of experience accepted instead, 0 = none */
    int32_t *fields;         /* DEGREE: lexicon field indices */
    size_t nfields;
} gs_cond;

/* A requirement's fixed bytes in the JSON report, the same for every CV
 * (render.c): its object's first members up to the key "status"; then
 * from "weight" up to the key "credit"; then "skills". Each as the report
 * writer would write it there; set when the role is prepared (below). */
typedef struct gs_req_json {
    const char *head, *weight, *skills;
    size_t nhead, nweight, nskills;
} gs_req_json;

typedef struct gs_req {
    const char *id;
    const char *text;        /* quoted from the role document */
    int required;            /* 1 required, 0 preferred */
    double weight;           /* 3 for required, 1 for preferred, unless the file says */
    gs_cond cond;
    gs_req_json json[2];     /* [0] compact, [1] indented */
} gs_req;

struct gapscan_role {
    const char *id;
    const char *title;
    const char *source;      /* the role document it was authored from */
    const char *summary;
    gs_req *reqs;
    size_t nreqs;
    void *owner;             /* a role the caller owns: its gs_roles, freed by gapscan_role_free */
    const gs_lexicon *prepared_lex; /* the lexicon the role was prepared with; NULL: not */
    const char *json_head[2];   /* the report's members "target" .. the key "score", */
    size_t njson_head[2];       /* [0] compact, [1] indented (render.c) */
};

typedef struct gs_roles gs_roles; /* every built-in role, sorted by id */

/* Load and validate every built-in role. NULL on failure, with
 * "corpus/roles/x.xml:12: ..." in err and *status set. */
gs_roles *gs_roles_load_builtin(gs_mem *mem, const gs_lexicon *lex, gapscan_status *status,
                                char *err, size_t errlen);
void gs_roles_free(gs_roles *roles);

/* One role file held in memory, validated like the built-in ones; `name` is
 * how messages name it ("my-role.xml:12: ..."). The role owns its memory
 * (role->owner), allocated through `mem` (the engine's, which the role must
 * not outlive); release it with gs_role_free. */
gapscan_role *gs_role_load(gs_mem *mem, const gs_lexicon *lex, const char *name, const char *data,
                           size_t len, gapscan_status *status, char *err, size_t errlen);

/* An empty caller-owned role whose strings and requirements live in the
 * returned arena (jd.c fills it in), allocated through `mem`; NULL when out
 * of memory. */
gapscan_role *gs_role_new(gs_mem *mem, gs_arena **arena);

/* Prepare a complete role for scoring and rendering many CVs against it,
 * once, before it is shared: the related skills of its skill conditions are
 * copied next to them (the lexicon's are spread over megabytes), and its
 * fixed bytes of the report (json_head, reqs[].json) are written, with
 * the skill ids of `lex`; prepared_lex says it was done. The role must not
 * change after. On failure (out of memory) it is left unprepared and is
 * scored and rendered as before, from the lexicon. gs_role_prepare does it
 * for a role the caller owns (a compiled job description), in its own
 * arena; the loaders here do it for theirs. */
void gs_role_prepare(gapscan_role *role, const gs_lexicon *lex);

/* The report's part of that (render.c): 0, or -1 out of memory */
int gs_role_prepare_json(gs_arena *arena, const gs_lexicon *lex, gapscan_role *role);
void gs_role_free(gapscan_role *role);
size_t gs_roles_count(const gs_roles *roles);
const gapscan_role *gs_roles_at(const gs_roles *roles, size_t i);
const gapscan_role *gs_roles_find(const gs_roles *roles, const char *id);

#endif
