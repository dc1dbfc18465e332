/* lexc.c - build tool: compiles the built-in lexicon into constant C data
 * (gs_lexicon_builtin of lexicon_image.h), which the engine then opens in
 * place instead of loading the lexicon files each time.
 *
 * It loads lexicon/ exactly as the engine would (lexicon.c, from the files
 * that embed.c put into the build) and writes out the arrays that matching
 * reads, plus the skills and fields as offsets into one string table. A
 * lexicon file that does not load stops the build with the loader's message.
 *
 * Usage: lexc OUT.c */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "lexicon.h"
#include "lexicon_image.h"

/* The strings of the image: the lexicon's own, then the skills' and fields'. */
typedef struct pool {
    gs_buf buf;
    uint32_t shared[256]; /* offsets of the categories and sources, said once each */
    size_t nshared;
} pool;

/* The offset of s in the pool, added at the end; 0 when out of memory. */
static uint32_t add(pool *p, const char *s)
{
    size_t off = p->buf.len;
    if (off > UINT32_MAX / 2 || gs_buf_append(&p->buf, s, strlen(s) + 1))
        return 0;
    return (uint32_t)off;
}

/* The same for a string that many skills share (a category, a source). */
static uint32_t add_shared(pool *p, const char *s)
{
    for (size_t i = 0; i < p->nshared; i++)
        if (!strcmp(p->buf.data + p->shared[i], s))
            return p->shared[i];
    uint32_t off = add(p, s);
    if (off && p->nshared < sizeof p->shared / sizeof *p->shared)
        p->shared[p->nshared++] = off;
    return off;
}

/* An array of n elements of `type`, opened and closed around the elements
 * the caller prints; an empty one has a zero element (`zero`: "0" for a
 * number, "{0}" for a struct), as C has no empty arrays. */
static void open_array(FILE *o, const char *type, const char *name, size_t n)
{
    fprintf(o, "static const %s %s[%zu] = {\n", type, name, n ? n : 1);
}

static void close_array(FILE *o, size_t printed, const char *zero)
{
    fprintf(o, "%s};\n\n", printed ? "" : zero);
}

static void u32_array(FILE *o, const char *name, const uint32_t *v, size_t n)
{
    open_array(o, "uint32_t", name, n);
    for (size_t i = 0; i < n; i++)
        fprintf(o, "%" PRIu32 ",%s", v[i], i % 16 == 15 ? "\n" : "");
    if (n)
        fputs("\n", o);
    close_array(o, n, "0");
}

/* The string table as one literal, NULs and all (octal escapes are three
 * digits, so that none runs into a digit after it). */
static void string_table(FILE *o, const char *s, size_t len)
{
    fputs("static const char strings[] =\n\"", o);
    for (size_t i = 0, col = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            col += (size_t)fprintf(o, "\\%c", c);
        else if (c >= 0x20 && c < 0x7F && c != '?')
            col += (size_t)fprintf(o, "%c", c);
        else
            col += (size_t)fprintf(o, "\\%03o", c);
        if (col > 100) {
            fputs("\"\n\"", o);
            col = 0;
        }
    }
    fputs("\";\n\n", o);
}

/* What the image holds besides the lexicon's own arrays: its skills and
 * fields as records of offsets, and the strings those point to. */
typedef struct records {
    pool strings;
    gs_image_skill *skills;
    gs_image_field *fields;
    int32_t *rel;
    size_t nrel, relcap;
} records;

/* Fill r from lex. Returns 0, or -1 when out of memory; r is freed with
 * records_free in any case. */
static int records_make(records *r, const gs_lexicon *lex, gs_mem *mem)
{
    const gs_lexicon_image *img = gs_lexicon_arrays(lex);
    size_t nskills = gs_lexicon_skill_count(lex), nfields = gs_lexicon_field_count(lex);
    gs_buf_init(&r->strings.buf, mem, 0);
    r->skills = gs_calloc(mem, nskills ? nskills : 1, sizeof *r->skills);
    r->fields = gs_calloc(mem, nfields ? nfields : 1, sizeof *r->fields);
    if (!r->skills || !r->fields || gs_buf_append(&r->strings.buf, img->strings, img->strings_len))
        return -1;
    for (size_t i = 0; i < nskills; i++) {
        const gs_skill *s = gs_lexicon_skill(lex, i);
        gs_image_skill *k = &r->skills[i];
        *k = (gs_image_skill){.id = add(&r->strings, s->id), .name = add(&r->strings, s->name),
                              .category = add_shared(&r->strings, s->category),
                              .source = add_shared(&r->strings, s->source),
                              .nimplies = (uint32_t)s->nimplies, .nrelated = (uint32_t)s->nrelated,
                              .hot = s->hot, .in_demand = s->in_demand, .work = s->work};
        if (!k->id || !k->name || !k->category || !k->source ||
            gs_grow(mem, (void **)&r->rel, &r->relcap, r->nrel + s->nimplies + s->nrelated + 1,
                    sizeof *r->rel))
            return -1;
        k->implies = (uint32_t)r->nrel;
        for (size_t j = 0; j < s->nimplies; j++)
            r->rel[r->nrel++] = s->implies[j];
        k->related = (uint32_t)r->nrel;
        for (size_t j = 0; j < s->nrelated; j++)
            r->rel[r->nrel++] = s->related[j];
    }
    for (size_t i = 0; i < nfields; i++) {
        const gs_field *f = gs_lexicon_field(lex, i);
        r->fields[i] = (gs_image_field){add(&r->strings, f->id), add_shared(&r->strings, f->group)};
        if (!r->fields[i].id || !r->fields[i].group)
            return -1;
    }
    return 0;
}

static void records_free(records *r, gs_mem *mem)
{
    gs_buf_free(&r->strings.buf);
    gs_free(mem, r->skills);
    gs_free(mem, r->fields);
    gs_free(mem, r->rel);
}

/* The trie and its tables: the arrays that matching reads. */
static void write_trie(FILE *o, const gs_lexicon_image *img)
{
    open_array(o, "gs_term_slot", "terms", img->terms_cap);
    size_t printed = 0;
    for (size_t i = 0; i < img->terms_cap; i++) {
        const gs_term_slot *t = &img->terms[i];
        if (!t->id)
            continue;
        printed++;
        fprintf(o, "[%zu]={0x%" PRIx64 ",0x%" PRIx64 ",%" PRIu32 ",%" PRIu32 "},\n", i, t->lo, t->hi, t->len,
                t->id);
    }
    close_array(o, printed, "{0}");
    u32_array(o, "term_str", img->term_str, img->nterms + 1);
    u32_array(o, "byte_term", img->byte_term, 256);

    open_array(o, "gs_edge_slot", "edges", img->edges_cap);
    printed = 0;
    for (size_t i = 0; i < img->edges_cap; i++) {
        const gs_edge_slot *e = &img->edges[i];
        if (!e->key)
            continue;
        printed++;
        fprintf(o, "[%zu]={0x%" PRIx64 ",%" PRIu32 "},\n", i, e->key, e->child);
    }
    close_array(o, printed, "{0}");
    u32_array(o, "root", img->root, img->nterms + 1);
    u32_array(o, "node_head", img->node_head, img->nnodes);

    open_array(o, "gs_trie_node", "nodes", img->nnodes);
    for (size_t i = 0; i < img->nnodes; i++)
        fprintf(o, "{%" PRIu32 ",%" PRIu32 "},%s", img->nodes[i].kids, img->nodes[i].nkids,
                i % 8 == 7 ? "\n" : "");
    close_array(o, img->nnodes, "{0}");
    open_array(o, "gs_trie_kid", "kids", img->nkids);
    for (size_t i = 0; i < img->nkids; i++)
        fprintf(o, "{%" PRIu32 ",%" PRIu32 "},%s", img->kids[i].term, img->kids[i].node,
                i % 8 == 7 ? "\n" : "");
    close_array(o, img->nkids, "{0}");
    open_array(o, "gs_node_entry", "entries", img->nentries);
    for (size_t i = 0; i < img->nentries; i++) {
        const gs_node_entry *e = &img->entries[i];
        fprintf(o, "{{%u,%u,%" PRId32 ",%" PRIu32 "},%" PRIu32 "},\n", e->e.kind, e->e.flags,
                e->e.target, e->e.exact, e->next);
    }
    close_array(o, img->nentries, "{0}");
}

/* The skills, their relations and the fields. */
static void write_records(FILE *o, const records *r, size_t nskills, size_t nfields)
{
    open_array(o, "gs_image_skill", "skills", nskills);
    for (size_t i = 0; i < nskills; i++) {
        const gs_image_skill *k = &r->skills[i];
        fprintf(o, "{%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",", k->id, k->name, k->category,
                k->source);
        fprintf(o, "%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%" PRIu32 ",%u,%u,%u},\n", k->implies, k->related,
                k->nimplies, k->nrelated, k->hot, k->in_demand, k->work);
    }
    close_array(o, nskills, "{0}");
    open_array(o, "int32_t", "relations", r->nrel);
    for (size_t i = 0; i < r->nrel; i++)
        fprintf(o, "%" PRId32 ",%s", r->rel[i], i % 16 == 15 ? "\n" : "");
    close_array(o, r->nrel, "0");
    open_array(o, "gs_image_field", "fields", nfields);
    for (size_t i = 0; i < nfields; i++)
        fprintf(o, "{%" PRIu32 ",%" PRIu32 "},\n", r->fields[i].id, r->fields[i].group);
    close_array(o, nfields, "{0}");
}

/* Write the image of lex to o. Returns 0, or -1 when out of memory. */
static int write_image(FILE *o, const gs_lexicon *lex, gs_mem *mem)
{
    records r = {.rel = NULL};
    if (records_make(&r, lex, mem)) {
        records_free(&r, mem);
        return -1;
    }
    const gs_lexicon_image *img = gs_lexicon_arrays(lex);
    size_t nskills = gs_lexicon_skill_count(lex), nfields = gs_lexicon_field_count(lex);
    fputs("/* Generated by lexc.c from the lexicon files; do not edit. */\n"
          "#include \"lexicon_image.h\"\n\n", o);
    string_table(o, r.strings.buf.data, r.strings.buf.len);
    write_trie(o, img);
    write_records(o, &r, nskills, nfields);
    gs_lexicon_counts c;
    gs_lexicon_count(lex, &c);
    fprintf(o,
            "const gs_lexicon_image gs_lexicon_builtin = {\n"
            "    .strings = strings, .strings_len = %zu,\n"
            "    .terms = terms, .terms_cap = %zu, .terms_shift = %u, .nterms = %zu,\n"
            "    .term_str = term_str, .byte_term = byte_term, .edges = edges, .edges_cap = %zu,\n"
            "    .root = root, .nnodes = %zu, .node_head = node_head, .nodes = nodes,\n"
            "    .kids = kids, .nkids = %zu, .entries = entries, .nentries = %zu,\n"
            "    .skills = skills, .nskills = %zu, .relations = relations, .nrelations = %zu,\n"
            "    .fields = fields, .nfields = %zu,\n"
            "    .nsurfaces = %zu, .dropped = %zu, .version = \"%s\",\n"
            "};\n",
            r.strings.buf.len, img->terms_cap, img->terms_shift, img->nterms, img->edges_cap, img->nnodes,
            img->nkids, img->nentries, nskills, r.nrel, nfields, c.surfaces, c.dropped,
            gs_lexicon_version(lex));
    records_free(&r, mem);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: lexc OUT.c\n");
        return 2;
    }
    gs_mem mem = {.fail_after = -1};
    gapscan_status st;
    char err[512];
    gs_lexicon *lex = gs_lexicon_load(&mem, NULL, NULL, 0, &st, err, sizeof err);
    if (!lex) {
        fprintf(stderr, "lexc: %s\n", err);
        return 1;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        gs_lexicon_free(lex);
        return 1;
    }
    int bad = write_image(out, lex, &mem);
    gs_lexicon_free(lex);
    if (bad)
        fprintf(stderr, "lexc: out of memory\n");
    int werr = ferror(out);
    if (fclose(out) || werr) {
        perror(argv[1]);
        bad = 1;
    }
    if (bad) {
        remove(argv[1]);
        return 1;
    }
    return 0;
}
