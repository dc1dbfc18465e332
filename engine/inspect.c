/* inspect.c - looking into the lexicon: what a phrase maps to and why
 * (lookup), what the lexicon holds (stats), and what is wrong in its files
 * (lint). These back the `gapscan lexicon` commands; each renders text into
 * a buffer the caller frees with gapscan_free(). */
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "gapscan.h"
#include "inspect.h"
#include "token.h"

gapscan_status gs_lookup_render(gs_mem *mem, const gapscan_profile *p, char **out, size_t *len)
{
    gs_buf b;
    gs_buf_init(&b, mem, 0);
    int bad = 0;
    if (!p->nhits && !p->nexcluded)
        bad |= gs_buf_puts(&b, "no skill found\n");
    for (size_t i = 0; i < p->nhits && !bad; i++) {
        const gs_hit *h = &p->hits[i];
        const gs_skill *sk = gs_lexicon_skill(p->lex, (size_t)h->skill);
        bad |= gs_buf_printf(&b, "%-24s %s (%s; %s%s%s)  ", sk->id, sk->name, sk->category, sk->source,
                             sk->hot ? ", hot" : "", sk->in_demand ? ", in demand" : "");
        if (h->inferred_from >= 0)
            bad |= gs_buf_printf(&b, "implied by %s\n", gs_lexicon_skill(p->lex, (size_t)h->inferred_from)->id);
        else
            bad |= gs_buf_printf(&b, "%s\n", h->level == GS_LEVEL_CLAIMED ? "found" : "found, hedged");
    }
    for (size_t i = 0; i < p->nexcluded && !bad; i++) {
        const gs_excluded *x = &p->excluded[i];
        bad |= gs_buf_printf(&b, "%-24s not counted: %s\n", gs_lexicon_skill(p->lex, (size_t)x->skill)->id,
                             x->cue == GS_CUE_NEGATION     ? "negated"
                             : x->cue == GS_CUE_ASPIRATION ? "wanted, not had"
                                                           : "ambiguous name without a skill context");
    }
    if (bad) {
        gs_buf_free(&b);
        return GAPSCAN_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
}

typedef struct cat_count {
    const char *category;
    size_t n;
} cat_count;

static int cmp_cat(const void *a, const void *b)
{
    const cat_count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->category, y->category);
}

gapscan_status gs_stats_render(gs_mem *mem, const gs_lexicon *lex, char **out, size_t *len)
{
    gs_lexicon_counts c;
    gs_lexicon_count(lex, &c);
    size_t n = gs_lexicon_skill_count(lex), ncat = 0, hot = 0, demand = 0;
    cat_count *cats = gs_calloc(mem, n ? n : 1, sizeof *cats);
    if (!cats)
        return GAPSCAN_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const gs_skill *sk = gs_lexicon_skill(lex, i);
        hot += sk->hot;
        demand += sk->in_demand;
        size_t k = 0;
        while (k < ncat && strcmp(cats[k].category, sk->category))
            k++;
        if (k == ncat)
            cats[ncat++].category = sk->category;
        cats[k].n++;
    }
    qsort(cats, ncat, sizeof *cats, cmp_cat);
    gs_buf b;
    gs_buf_init(&b, mem, 0);
    int bad = gs_buf_printf(&b,
                            "lexicon %s\nskills %zu (curated %zu, imported %zu, user %zu)\n"
                            "surface forms %zu (imported forms left out where a curated one claims them: %zu)\n"
                            "relations %zu; O*NET hot technologies %zu, in demand %zu\n\nby category\n",
                            gs_lexicon_version(lex), c.skills, c.curated, c.imported, c.user, c.surfaces,
                            c.dropped, c.relations, hot, demand);
    for (size_t k = 0; k < ncat && !bad; k++)
        bad |= gs_buf_printf(&b, "  %-20s %6zu\n", cats[k].category, cats[k].n);
    gs_free(mem, cats);
    if (bad) {
        gs_buf_free(&b);
        return GAPSCAN_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
}

/* ---- lint ---- */

typedef struct form {
    char *key;        /* lower-cased tokens joined by one space */
    const char *id;   /* skill id as written in the file */
    const char *file;
    size_t line;
    int cased;        /* the case flag: distinct capitalisations may coexist */
} form;

static int cmp_form(const void *a, const void *b)
{
    const form *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    c = strcmp(x->file, y->file);
    return c ? c : (x->line > y->line) - (x->line < y->line);
}

static char *form_key(gs_mem *mem, const char *s)
{
    gs_tokens t = {0};
    if (gs_tokenize(mem, s, strlen(s), 0, &t))
        return NULL;
    size_t cap = strlen(s) + t.n + 1, n = 0;
    char *k = gs_malloc(mem, cap);
    for (size_t i = 0; k && i < t.n; i++) {
        if (i)
            k[n++] = ' ';
        n += gs_token_lower(s, &t.v[i], k + n, cap - n);
    }
    if (k)
        k[n] = '\0';
    gs_tokens_free(mem, &t);
    return k;
}

gapscan_status gs_lint_render(gs_mem *mem, const gs_lexicon *lex, char **out, size_t *len, size_t *problems)
{
    static const char *const files[] = {"lexicon/aliases.tsv", "lexicon/imported/aliases.tsv"};
    form *v = NULL;
    size_t nv = 0, cap = 0;
    gs_buf b;
    gs_buf_init(&b, mem, 0);
    int bad = 0;
    *problems = 0;
    /* every alias line and every display name */
    for (size_t f = 0; f < 2 && !bad; f++) {
        const gs_builtin_file *bf = gs_builtin_find(files[f]);
        if (!bf)
            continue;
        const char *p = bf->data, *end = bf->data + bf->len;
        size_t line = 0;
        while (p < end && !bad) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t l = (size_t)((nl ? nl : end) - p);
            line++;
            char row[1024];
            if (l && p[0] != '#' && l < sizeof row) {
                memcpy(row, p, l);
                row[l] = '\0';
                char *tab = strchr(row, '\t');
                if (tab) {
                    *tab = '\0';
                    char *id = tab + 1, *fl = strchr(id, '\t');
                    if (fl)
                        *fl++ = '\0';
                    if (gs_grow(mem, (void **)&v, &cap, nv + 1, sizeof *v)) {
                        bad = 1;
                        break;
                    }
                    v[nv].key = form_key(mem, row);
                    v[nv].id = gs_lexicon_skill_find(lex, id) >= 0
                                   ? gs_lexicon_skill(lex, (size_t)gs_lexicon_skill_find(lex, id))->id
                                   : "?";
                    v[nv].file = files[f];
                    v[nv].line = line;
                    v[nv].cased = fl && strstr(fl, "case") != NULL;
                    if (!v[nv].key) {
                        bad = 1;
                        break;
                    }
                    nv++;
                }
            }
            p = nl ? nl + 1 : end;
        }
    }
    for (size_t i = 0; i < gs_lexicon_skill_count(lex) && !bad; i++) {
        const gs_skill *sk = gs_lexicon_skill(lex, i);
        if (!gs_valid_id(sk->id)) {
            bad |= gs_buf_printf(&b, "skill id '%s' is outside the format a-z0-9 and single dashes\n", sk->id);
            ++*problems;
        }
    }
    qsort(v, nv, sizeof *v, cmp_form);
    for (size_t i = 1; i < nv && !bad; i++) {
        if (strcmp(v[i].key, v[i - 1].key))
            continue;
        if (!strcmp(v[i].id, v[i - 1].id)) {
            if (v[i].cased || v[i - 1].cased)
                continue; /* "LaTeX" (case) beside "Latex" (ctx) is deliberate */
            bad |= gs_buf_printf(&b, "%s:%zu: '%s' repeats %s:%zu\n", v[i].file, v[i].line, v[i].key,
                                 v[i - 1].file, v[i - 1].line);
        } else {
            bad |= gs_buf_printf(&b, "%s:%zu: '%s' maps to %s, but %s:%zu maps it to %s%s\n", v[i].file,
                                 v[i].line, v[i].key, v[i].id, v[i - 1].file, v[i - 1].line, v[i - 1].id,
                                 strstr(v[i].file, "imported") ? " (the imported one is left out)" : "");
        }
        ++*problems;
    }
    if (!bad)
        bad |= gs_buf_printf(&b, "%zu problem%s in %zu alias lines\n", *problems, *problems == 1 ? "" : "s", nv);
    for (size_t i = 0; i < nv; i++)
        gs_free(mem, v[i].key);
    gs_free(mem, v);
    if (bad) {
        gs_buf_free(&b);
        return GAPSCAN_ENOMEM;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? GAPSCAN_OK : GAPSCAN_ENOMEM;
}
