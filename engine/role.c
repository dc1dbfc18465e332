/* role.c - load role XML files with libxml2: parse without network or DTDs,
 * validate against the RelaxNG schema, then build gs_req trees. */
#include "role.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"

struct gs_roles {
    gs_mem *mem;
    gs_arena arena;
    gapscan_role *v;
    size_t n;
};

#define PARSE_FLAGS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

typedef struct loader {
    gs_roles *roles;
    const gs_lexicon *lex;
    const char *file;
    char *err;
    size_t errlen;
    gapscan_status status;
} loader;

static int lfail(loader *L, gapscan_status st, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int lfail(loader *L, gapscan_status st, long line, const char *fmt, ...)
{
    if (L->status == GAPSCAN_OK) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        if (line > 0)
            snprintf(L->err, L->errlen, "%s:%ld: %s", L->file, line, msg);
        else
            snprintf(L->err, L->errlen, "%s: %s", L->file, msg);
        L->status = st;
    }
    return -1;
}

/* RelaxNG errors come here; keep the first, with its line. */
#if LIBXML_VERSION >= 21200
static void on_valid_error(void *data, const xmlError *e)
#else
static void on_valid_error(void *data, xmlErrorPtr e)
#endif
{
    loader *L = data;
    if (!e || L->status != GAPSCAN_OK)
        return;
    char msg[200];
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "invalid");
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    lfail(L, GAPSCAN_EDATA, e->line, "does not match the role schema: %s", msg);
}

static char *attr(loader *L, xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = gs_arena_strdup(&L->roles->arena, (const char *)v);
    xmlFree(v);
    if (!s)
        lfail(L, GAPSCAN_ENOMEM, 0, "out of memory"); /* the first failure is the one reported */
    return s;
}

static char *content(loader *L, xmlNode *n)
{
    xmlChar *v = xmlNodeGetContent(n);
    if (!v)
        return NULL;
    /* collapse runs of whitespace: role text is one sentence */
    char *s = gs_arena_strdup(&L->roles->arena, (const char *)v);
    xmlFree(v);
    if (!s) {
        lfail(L, GAPSCAN_ENOMEM, 0, "out of memory");
        return NULL;
    }
    char *w = s;
    int space = 1;
    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\r') {
            if (!space)
                *w++ = ' ';
            space = 1;
        } else {
            *w++ = *r;
            space = 0;
        }
    }
    if (w > s && w[-1] == ' ')
        w--;
    *w = '\0';
    return s;
}

static int is_el(xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static size_t count_elements(xmlNode *n)
{
    size_t k = 0;
    for (xmlNode *c = n->children; c; c = c->next)
        k += c->type == XML_ELEMENT_NODE;
    return k;
}

static double num_attr(loader *L, xmlNode *n, const char *name, double dflt)
{
    char *s = attr(L, n, name);
    if (!s)
        return dflt;
    return strtod(s, NULL); /* the schema has checked it is a decimal */
}

static int build_cond(loader *L, xmlNode *n, gs_cond *c)
{
    memset(c, 0, sizeof *c);
    c->skill = -1;
    if (is_el(n, "skill")) {
        char *ref = attr(L, n, "ref");
        if (!ref)
            return lfail(L, GAPSCAN_ENOMEM, 0, "out of memory");
        c->type = GS_COND_SKILL;
        c->skill = gs_lexicon_skill_find(L->lex, ref);
        if (c->skill < 0)
            return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "unknown skill '%s'", ref);
        return 0;
    }
    if (is_el(n, "degree")) {
        c->type = GS_COND_DEGREE;
        char *min = attr(L, n, "min");
        c->degree_min = min ? gs_level_find(min) : GS_LVL_NONE;
        if (c->degree_min < 0)
            return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "unknown degree level '%s'", min);
        char *rel = attr(L, n, "related-fields");
        c->related_fields = rel && !strcmp(rel, "yes");
        c->equivalent_years = num_attr(L, n, "equivalent-years", 0);
        size_t k = count_elements(n);
        c->fields = gs_arena_alloc(&L->roles->arena, (k ? k : 1) * sizeof *c->fields);
        if (!c->fields)
            return lfail(L, GAPSCAN_ENOMEM, 0, "out of memory");
        for (xmlNode *f = n->children; f; f = f->next) {
            if (!is_el(f, "field"))
                continue;
            char *ref = attr(L, f, "ref");
            int32_t idx = ref ? gs_lexicon_field_find(L->lex, ref) : -1;
            if (idx < 0)
                return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(f), "unknown field '%s'", ref);
            c->fields[c->nfields++] = idx;
        }
        return 0;
    }
    if (is_el(n, "not-checked")) {
        c->type = GS_COND_NOT_CHECKED;
        return 0;
    }
    if (is_el(n, "team")) {
        c->type = GS_COND_TEAM;
        /* the schema bounds it (1..1000000); clamped all the same, since a
         * double out of int's range does not convert */
        double size = num_attr(L, n, "min-size", 1);
        c->min_team = size < 1 ? 1 : size > 1000000 ? 1000000 : (int)size;
        return 0;
    }
    if (is_el(n, "experience")) {
        c->type = GS_COND_EXPERIENCE;
        c->min_years = num_attr(L, n, "min-years", 0);
        c->max_years = num_attr(L, n, "max-years", 0);
        c->label = attr(L, n, "label");
        char *sen = attr(L, n, "seniority");
        c->seniority = sen ? gs_seniority_find(sen) : GS_SEN_INDIVIDUAL;
        if (c->seniority < 0)
            return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "unknown seniority '%s'", sen);
    } else if (is_el(n, "any-of")) {
        c->type = GS_COND_ANY;
    } else if (is_el(n, "all-of")) {
        c->type = GS_COND_ALL;
    } else {
        return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "unexpected element <%s>",
                     (const char *)n->name);
    }
    size_t k = count_elements(n);
    if (k) {
        c->kids = gs_arena_alloc(&L->roles->arena, k * sizeof *c->kids);
        if (!c->kids)
            return lfail(L, GAPSCAN_ENOMEM, 0, "out of memory");
        for (xmlNode *ch = n->children; ch; ch = ch->next)
            if (ch->type == XML_ELEMENT_NODE && build_cond(L, ch, &c->kids[c->nkids++]))
                return -1;
    }
    return 0;
}

static int build_role(loader *L, xmlNode *root, gapscan_role *r)
{
    memset(r, 0, sizeof *r);
    r->id = attr(L, root, "id");
    r->title = attr(L, root, "title");
    r->source = attr(L, root, "source");
    if (!r->id || !r->title)
        return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(root), "role without id or title");
    size_t k = 0;
    for (xmlNode *n = root->children; n; n = n->next)
        k += is_el(n, "requirement");
    r->reqs = gs_arena_alloc(&L->roles->arena, (k ? k : 1) * sizeof *r->reqs);
    if (!r->reqs)
        return lfail(L, GAPSCAN_ENOMEM, 0, "out of memory");
    for (xmlNode *n = root->children; n; n = n->next) {
        if (is_el(n, "summary")) {
            r->summary = content(L, n);
            continue;
        }
        if (!is_el(n, "requirement"))
            continue;
        gs_req *q = &r->reqs[r->nreqs];
        q->id = attr(L, n, "id");
        char *imp = attr(L, n, "importance");
        q->required = imp && !strcmp(imp, "required");
        q->weight = num_attr(L, n, "weight", q->required ? 3.0 : 1.0);
        if (!q->id || q->weight <= 0)
            return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "bad requirement");
        for (size_t i = 0; i < r->nreqs; i++)
            if (!strcmp(r->reqs[i].id, q->id))
                return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "requirement '%s' defined twice",
                             q->id);
        int have_cond = 0;
        for (xmlNode *ch = n->children; ch; ch = ch->next) {
            if (is_el(ch, "text")) {
                q->text = content(L, ch);
            } else if (ch->type == XML_ELEMENT_NODE) {
                if (build_cond(L, ch, &q->cond))
                    return -1;
                have_cond = 1;
            }
        }
        if (!q->text || !have_cond)
            return lfail(L, GAPSCAN_EDATA, xmlGetLineNo(n), "requirement '%s' needs text and a condition",
                         q->id);
        r->nreqs++;
    }
    return 0;
}

/* Compile the RelaxNG schema of role files, with errors (and the first
 * validation error, with its line) going to L. Returns the validation
 * context, or NULL; the caller frees the three objects in any case. */
static xmlRelaxNGValidCtxtPtr compile_schema(loader *L, const gs_builtin_file *rng,
                                             xmlRelaxNGParserCtxtPtr *pctx, xmlRelaxNGPtr *schema)
{
    xmlRelaxNGValidCtxtPtr vctx = NULL;
    *pctx = xmlRelaxNGNewMemParserCtxt(rng->data, (int)rng->len);
    if (*pctx) {
        xmlRelaxNGSetParserStructuredErrors(*pctx, on_valid_error, L);
        *schema = xmlRelaxNGParse(*pctx);
    }
    if (*schema)
        vctx = xmlRelaxNGNewValidCtxt(*schema);
    if (vctx)
        xmlRelaxNGSetValidStructuredErrors(vctx, on_valid_error, L);
    return vctx;
}

/* Copy the related skills of c's skill conditions into the arena */
static int copy_related(gs_arena *arena, const gs_lexicon *lex, gs_cond *c)
{
    if (c->type == GS_COND_SKILL && c->skill >= 0) {
        const gs_skill *sk = gs_lexicon_skill(lex, (size_t)c->skill);
        int32_t *rel = gs_arena_alloc_raw(arena, (sk->nrelated ? sk->nrelated : 1) * sizeof *rel);
        if (!rel)
            return -1;
        if (sk->nrelated)
            memcpy(rel, sk->related, sk->nrelated * sizeof *rel);
        c->related = rel;
        c->nrelated = sk->nrelated;
    }
    for (size_t i = 0; i < c->nkids; i++)
        if (copy_related(arena, lex, &c->kids[i]))
            return -1;
    return 0;
}

/* gs_role_prepare, in the arena that holds the role */
static void prepare(gs_arena *arena, const gs_lexicon *lex, gapscan_role *role)
{
    role->prepared_lex = NULL;
    for (size_t i = 0; i < role->nreqs; i++)
        if (copy_related(arena, lex, &role->reqs[i].cond))
            return;
    if (gs_role_prepare_json(arena, lex, role) == 0)
        role->prepared_lex = lex;
}

static int cmp_role(const void *a, const void *b)
{
    return strcmp(((const gapscan_role *)a)->id, ((const gapscan_role *)b)->id);
}

gs_roles *gs_roles_load_builtin(gs_mem *mem, const gs_lexicon *lex, gapscan_status *status,
                                char *err, size_t errlen)
{
    loader L = {NULL, lex, "corpus/roles/role.rng", err, errlen, GAPSCAN_OK};
    gs_roles *roles = gs_calloc(mem, 1, sizeof *roles);
    if (!roles) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    roles->mem = mem;
    gs_arena_init(&roles->arena, mem);
    L.roles = roles;
    xmlRelaxNGParserCtxtPtr pctx = NULL;
    xmlRelaxNGPtr schema = NULL;
    xmlRelaxNGValidCtxtPtr vctx = NULL;
    size_t nfiles = 0;
    for (size_t i = 0; i < gs_builtin_nfiles; i++) {
        const char *name = gs_builtin_files[i].name;
        size_t len = strlen(name);
        nfiles += !strncmp(name, "corpus/roles/", 13) && len > 4 && !strcmp(name + len - 4, ".xml");
    }
    const gs_builtin_file *rng = gs_builtin_find("corpus/roles/role.rng");
    if (!rng) {
        lfail(&L, GAPSCAN_EDATA, 0, "missing from the build");
        goto done;
    }
    roles->v = gs_calloc(mem, nfiles ? nfiles : 1, sizeof *roles->v);
    if (!roles->v) {
        lfail(&L, GAPSCAN_ENOMEM, 0, "out of memory");
        goto done;
    }
    vctx = compile_schema(&L, rng, &pctx, &schema);
    if (!vctx) {
        lfail(&L, GAPSCAN_EDATA, 0, "the role schema does not compile");
        goto done;
    }
    for (size_t i = 0; i < gs_builtin_nfiles && L.status == GAPSCAN_OK; i++) {
        const gs_builtin_file *f = &gs_builtin_files[i];
        size_t len = strlen(f->name);
        if (strncmp(f->name, "corpus/roles/", 13) || len < 4 || strcmp(f->name + len - 4, ".xml"))
            continue;
        L.file = f->name;
        xmlDocPtr doc = xmlReadMemory(f->data, (int)f->len, f->name, NULL, PARSE_FLAGS);
        if (!doc) {
            const xmlError *e = xmlGetLastError();
            lfail(&L, GAPSCAN_EDATA, e ? e->line : 0, "not well-formed XML: %s",
                  e && e->message ? e->message : "");
            break;
        }
        if (xmlRelaxNGValidateDoc(vctx, doc) != 0) {
            lfail(&L, GAPSCAN_EDATA, 0, "does not match the role schema");
        } else {
            build_role(&L, xmlDocGetRootElement(doc), &roles->v[roles->n]);
            if (L.status == GAPSCAN_OK)
                roles->n++;
        }
        xmlFreeDoc(doc);
    }
    if (L.status == GAPSCAN_OK) {
        for (size_t i = 0; i < roles->n; i++)
            prepare(&roles->arena, lex, &roles->v[i]);
        qsort(roles->v, roles->n, sizeof *roles->v, cmp_role);
        for (size_t i = 1; i < roles->n; i++)
            if (!strcmp(roles->v[i].id, roles->v[i - 1].id)) {
                L.file = "corpus/roles";
                lfail(&L, GAPSCAN_EDATA, 0, "role '%s' defined twice", roles->v[i].id);
            }
    }
done:
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pctx);
    *status = L.status;
    if (L.status != GAPSCAN_OK) {
        gs_roles_free(roles);
        return NULL;
    }
    return roles;
}

void gs_roles_free(gs_roles *roles)
{
    if (!roles)
        return;
    gs_free(roles->mem, roles->v);
    gs_arena_free(&roles->arena);
    gs_free(roles->mem, roles);
}

size_t gs_roles_count(const gs_roles *roles)
{
    return roles->n;
}

const gapscan_role *gs_roles_at(const gs_roles *roles, size_t i)
{
    return i < roles->n ? &roles->v[i] : NULL;
}

const gapscan_role *gs_roles_find(const gs_roles *roles, const char *id)
{
    for (size_t i = 0; i < roles->n; i++)
        if (!strcmp(roles->v[i].id, id))
            return &roles->v[i];
    return NULL;
}

/* ---- roles the caller owns (a role file of the user's, a compiled job description) ---- */

static gs_roles *single_new(gs_mem *mem)
{
    gs_roles *roles = gs_calloc(mem, 1, sizeof *roles);
    if (!roles)
        return NULL;
    roles->mem = mem;
    gs_arena_init(&roles->arena, mem);
    roles->v = gs_calloc(mem, 1, sizeof *roles->v);
    if (!roles->v) {
        gs_free(mem, roles);
        return NULL;
    }
    roles->v[0].owner = roles;
    return roles;
}

gapscan_role *gs_role_new(gs_mem *mem, gs_arena **arena)
{
    gs_roles *roles = single_new(mem);
    if (!roles)
        return NULL;
    roles->n = 1;
    *arena = &roles->arena;
    return &roles->v[0];
}

void gs_role_prepare(gapscan_role *role, const gs_lexicon *lex)
{
    gs_roles *roles = role->owner;
    if (roles)
        prepare(&roles->arena, lex, role);
}

void gs_role_free(gapscan_role *role)
{
    if (role && role->owner)
        gs_roles_free(role->owner);
}

gapscan_role *gs_role_load(gs_mem *mem, const gs_lexicon *lex, const char *name, const char *data,
                           size_t len, gapscan_status *status, char *err, size_t errlen)
{
    loader L = {NULL, lex, name, err, errlen, GAPSCAN_OK};
    gs_roles *roles = single_new(mem);
    if (!roles) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    L.roles = roles;
    xmlRelaxNGParserCtxtPtr pctx = NULL;
    xmlRelaxNGPtr schema = NULL;
    xmlRelaxNGValidCtxtPtr vctx = NULL;
    xmlDocPtr doc = NULL;
    const gs_builtin_file *rng = gs_builtin_find("corpus/roles/role.rng");
    if (len > INT32_MAX) {
        lfail(&L, GAPSCAN_ETOOBIG, 0, "too large");
        goto done;
    }
    if (!rng) {
        lfail(&L, GAPSCAN_EINTERNAL, 0, "the role schema is missing from the build");
        goto done;
    }
    vctx = compile_schema(&L, rng, &pctx, &schema);
    if (!vctx) {
        lfail(&L, GAPSCAN_EINTERNAL, 0, "the role schema does not compile");
        goto done;
    }
    doc = xmlReadMemory(data, (int)len, name, NULL, PARSE_FLAGS);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        char msg[200];
        snprintf(msg, sizeof msg, "%s", e && e->message ? e->message : "");
        size_t k = strlen(msg);
        while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
            msg[--k] = '\0';
        lfail(&L, GAPSCAN_EDATA, e ? e->line : 0, "not well-formed XML: %s", msg);
        goto done;
    }
    if (xmlRelaxNGValidateDoc(vctx, doc) != 0) {
        lfail(&L, GAPSCAN_EDATA, 0, "does not match the role schema");
        goto done;
    }
    if (build_role(&L, xmlDocGetRootElement(doc), &roles->v[0]) == 0 && L.status == GAPSCAN_OK) {
        roles->v[0].owner = roles;
        roles->n = 1;
        prepare(&roles->arena, lex, &roles->v[0]);
    }
done:
    xmlFreeDoc(doc);
    xmlRelaxNGFreeValidCtxt(vctx);
    xmlRelaxNGFree(schema);
    xmlRelaxNGFreeParserCtxt(pctx);
    *status = L.status;
    if (L.status != GAPSCAN_OK) {
        gs_roles_free(roles);
        return NULL;
    }
    return &roles->v[0];
}
