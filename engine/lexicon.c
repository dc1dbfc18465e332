/* lexicon.c - load the lexicon files and compile every surface form into one
 * token trie (see lexicon.h), or open the trie that the build compiled.
 *
 * Terms: each distinct lower-cased token of any surface form gets a term id
 * (1..n) in an open-addressing hash table whose key is the term's first 16
 * bytes as two machine words, so that a document's token is looked up with
 * word compares, lower-cased eight bytes at a time, without a copy. Trie
 * edges live in a second hash table keyed by (node, term) while loading;
 * once loaded, the root's children are an array indexed by term, every other
 * node lists its few children next to each other, and only nodes with many
 * children look theirs up in a table of their edges. Entries hang off the
 * node where their surface form ends. Matching a document costs one term
 * lookup per token and one child lookup, bounded whatever the lexicon's
 * size, per token of each candidate match.
 *
 * Opening: loading from text costs about 3,700 instructions per surface
 * form spread thin over splitting lines, tokenizing, hashing, probing and
 * growing tables, sorting and comparing skill ids: no one part to make
 * cheap, and about 60 M instructions (11 ms) in all, most of an engine's
 * open. So the build does it once: the loaded lexicon ends in flat arrays
 * that use indices and offsets, never pointers (gs_lexicon_image,
 * lexicon_image.h), build/lexc writes those of the built-in lexicon as
 * constant data, and gs_lexicon_open_image uses them in place, building only
 * the skill and field records. A user's lexicon (--lexicon) changes what the
 * built-in forms give way to, so it is loaded from text with the built-in
 * files, as the build step loads them. */
#include "lexicon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "lexicon_image.h"

#define MAX_TOKEN 128 /* longest token that can be part of a surface form */

struct gs_lexicon {
    gs_mem *mem;
    gs_lexicon_image img; /* what matching reads: a compiled image's arrays, or those
                           * built below when loaded from text */
    gs_skill *skills;     /* sorted by id once loaded */
    size_t nskills;
    size_t skills_cap;
    gs_field *fields;
    size_t nfields;
    size_t fields_cap;
    size_t dropped;       /* imported surface forms dropped: a curated one claims them */
    size_t nsurfaces;     /* skill surface forms in the trie */
    char version[17];     /* hex of a hash over the loaded files */
    /* Loaded from text: what the arrays of img are, and the loading state
     * (all NULL or 0 for a compiled image). */
    gs_arena arena;       /* skill and field strings, relations */
    gs_buf strings;       /* terms and exact forms, NUL-terminated, by offset */
    gs_term_slot *terms;  /* hash table of terms */
    size_t terms_cap;     /* power of two */
    unsigned terms_shift; /* 64 - log2(terms_cap) */
    size_t nterms;
    uint32_t *term_str;   /* per term id: its offset in strings */
    size_t term_str_cap;
    uint32_t *byte_term;  /* [256] (built after loading) */
    gs_edge_slot *edges;  /* hash table of every trie edge (while loading), then of
                           * those of nodes with more than GS_FEW_KIDS children */
    size_t edges_cap;     /* power of two */
    size_t nedges;
    gs_tokens scratch;    /* tokens of the surface being added (while loading) */
    uint32_t *root;       /* per term id: the root's child for it, or 0 (built after loading:
                           * the first step of every match is an array read, not a probe) */
    uint32_t *node_head;  /* per node: index+1 of its first entry */
    size_t nnodes;
    size_t nodes_cap;
    gs_trie_kid *edge_to; /* per node but the root (while loading): its parent in .node and
                           * the term that leads to it, the trie's edges in the order made */
    size_t edge_to_cap;
    gs_trie_node *nodes;  /* per node: where its children are (built after loading) */
    gs_trie_kid *kids;    /* children of the nodes with few, each node's together */
    size_t nkids;
    gs_node_entry *entries;
    size_t nentries;
    size_t entries_cap;
    size_t sorted;        /* skills[0..sorted) are sorted by id (while loading) */
    uint64_t vhash;
    const char *user_name; /* the user's lexicon file (--lexicon), or NULL */
    const char *user_data;
    size_t user_len;
    char *err;
    size_t errlen;
    gapscan_status status;
};

static const char *const LEVELS[] = {"none", "high-school", "associate", "bachelor", "master", "phd"};
static const char *const SECTIONS[] = {"none", "summary", "experience", "education", "skills",
                                       "projects", "certifications", "publications", "other",
                                       "references"};
static int find_name(const char *const *names, int n, const char *s);
static const char *const SENIORITY[] = {"individual", "management", "senior-leadership"};
static const char *const CUES[] = {"negation", "aspiration", "hedge", "incomplete",
                                   "context", "stop", "break", "education", "prefix"};

const char *gs_level_name(int level)
{
    return level >= 0 && level < GS_LVL_LAST ? LEVELS[level] : "none";
}

int gs_level_find(const char *name)
{
    for (int i = 0; i < GS_LVL_LAST; i++)
        if (!strcmp(LEVELS[i], name))
            return i;
    return -1;
}

const char *gs_seniority_name(int seniority)
{
    return seniority >= 0 && seniority < GS_SEN_LAST ? SENIORITY[seniority] : "individual";
}

int gs_seniority_find(const char *name)
{
    return find_name(SENIORITY, GS_SEN_LAST, name);
}

const char *gs_section_name(int section)
{
    return section >= 0 && section < GS_SEC_LAST ? SECTIONS[section] : "other";
}

static int find_name(const char *const *names, int n, const char *s)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(names[i], s))
            return i;
    return -1;
}

#define FNV_PRIME 1099511628211ULL

static uint64_t fnv1a(const void *data, size_t len, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

#define FNV_SEED 14695981039346656037ULL

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static int fail(gs_lexicon *lex, gapscan_status st, const char *file, size_t line, const char *fmt,
                ...) __attribute__((format(printf, 5, 6)));
static int fail(gs_lexicon *lex, gapscan_status st, const char *file, size_t line, const char *fmt,
                ...)
{
    if (lex->status == GAPSCAN_OK) {
        char msg[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        if (file && line)
            snprintf(lex->err, lex->errlen, "%s:%zu: %s", file, line, msg);
        else if (file)
            snprintf(lex->err, lex->errlen, "%s: %s", file, msg);
        else
            snprintf(lex->err, lex->errlen, "%s", msg);
        lex->status = st;
    }
    return -1;
}

static int oom(gs_lexicon *lex)
{
    return fail(lex, GAPSCAN_ENOMEM, NULL, 0, "out of memory");
}

/* ---- terms ---- */

/* Text is read eight bytes at a time: ONES has 1 in every byte, HIGH each
 * byte's high bit. */
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL

/* The eight bytes at p as a little-endian word whatever the machine's byte
 * order: the first byte is the lowest, so a mask of low bits keeps a prefix. */
static uint64_t load_le64(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* ASCII upper-case letters of eight bytes to lower case (as gs_token_lower) */
static uint64_t lower8(uint64_t x)
{
    uint64_t low7 = x & ~HIGH;
    uint64_t from_a = low7 + ONES * (0x80 - 'A');   /* high bit: byte >= 'A' */
    uint64_t past_z = low7 + ONES * (0x80 - 'Z' - 1); /* high bit: byte > 'Z' */
    return x | ((from_a & ~past_z & ~x & HIGH) >> 2);
}

/* The key words of the lower-cased s[0..len): its first 16 bytes, zero-padded. */
static void key_words(const char *s, size_t len, uint64_t *lo, uint64_t *hi)
{
    char b[16] = {0};
    memcpy(b, s, len < 16 ? len : 16);
    *lo = load_le64(b);
    *hi = load_le64(b + 8);
}

/* The hash of a term of up to 16 bytes with key words lo, hi; its top bits
 * depend on every input bit, so they pick the slot. */
static uint64_t key_hash(uint64_t lo, uint64_t hi)
{
    return (lo ^ (hi * 0x9E6C63D0676A9A99ULL)) * 0x9E3779B97F4A7C15ULL;
}

/* The hash of any term: a longer one's bytes past the 16th count too. */
static uint64_t term_hash(uint64_t lo, uint64_t hi, const char *s, size_t len)
{
    if (len > 16)
        lo ^= fnv1a(s + 16, len - 16, FNV_SEED);
    return key_hash(lo, hi);
}

/* The id of the term of 1 to 16 bytes with key words lo, hi, or 0, in the
 * table terms[mask + 1] whose slots are picked by a hash's top bits (64 -
 * shift of them). The table comes as values so that a caller's loop keeps
 * them in registers. */
static inline uint32_t term_find_short(const gs_term_slot *terms, size_t mask, unsigned shift,
                                       uint64_t lo, uint64_t hi, size_t len)
{
    for (size_t i = (size_t)(key_hash(lo, hi) >> shift);; i = (i + 1) & mask) {
        const gs_term_slot *t = &terms[i];
        if (t->lo == lo && t->hi == hi && t->len == len)
            return t->id;
        if (!t->id)
            return 0;
    }
}

/* The id of the lower-cased term s[0..len), whose key words are lo, hi, or 0. */
static uint32_t term_find(const gs_lexicon_image *img, uint64_t lo, uint64_t hi, const char *s,
                          size_t len)
{
    if (len <= 16)
        return term_find_short(img->terms, img->terms_cap - 1, img->terms_shift, lo, hi, len);
    size_t mask = img->terms_cap - 1;
    for (size_t i = (size_t)(term_hash(lo, hi, s, len) >> img->terms_shift);; i = (i + 1) & mask) {
        const gs_term_slot *t = &img->terms[i];
        if (t->lo == lo && t->hi == hi && t->len == len &&
            !memcmp(img->strings + img->term_str[t->id] + 16, s + 16, len - 16))
            return t->id;
        if (!t->id)
            return 0;
    }
}

/* The id of the lower-cased term s[0..len), or 0. */
static uint32_t term_lookup(const gs_lexicon_image *img, const char *s, size_t len)
{
    uint64_t lo, hi;
    key_words(s, len, &lo, &hi);
    return term_find(img, lo, hi, s, len);
}

/* While loading, point the image's term arrays at the ones being built
 * (which move as they grow), so that loading looks terms up as matching does. */
static void show_terms(gs_lexicon *lex)
{
    lex->img.strings = lex->strings.data;
    lex->img.strings_len = lex->strings.len;
    lex->img.terms = lex->terms;
    lex->img.terms_cap = lex->terms_cap;
    lex->img.terms_shift = lex->terms_shift;
    lex->img.nterms = lex->nterms;
    lex->img.term_str = lex->term_str;
}

static int rehash_terms(gs_lexicon *lex, size_t ncap)
{
    gs_term_slot *nt = gs_calloc(lex->mem, ncap, sizeof *nt);
    if (!nt)
        return -1;
    unsigned shift = 64;
    for (size_t c = ncap; c > 1; c >>= 1)
        shift--;
    for (size_t i = 0; i < lex->terms_cap; i++) {
        gs_term_slot *t = &lex->terms[i];
        if (!t->id)
            continue;
        const char *str = lex->strings.data + lex->term_str[t->id];
        size_t j = (size_t)(term_hash(t->lo, t->hi, str, t->len) >> shift);
        while (nt[j].id)
            j = (j + 1) & (ncap - 1);
        nt[j] = *t;
    }
    gs_free(lex->mem, lex->terms);
    lex->terms = nt;
    lex->terms_cap = ncap;
    lex->terms_shift = shift;
    show_terms(lex);
    return 0;
}

/* Add s[0..len) and a NUL to the strings: its offset, or 0 when out of
 * memory (offset 0 is the empty string that loading puts first). */
static uint32_t add_string(gs_lexicon *lex, const char *s, size_t len)
{
    size_t off = lex->strings.len;
    if (off > UINT32_MAX - len - 1 || gs_buf_append(&lex->strings, s, len) ||
        gs_buf_append(&lex->strings, "", 1))
        return 0;
    show_terms(lex); /* the strings may have moved */
    return (uint32_t)off;
}

static uint32_t term_intern(gs_lexicon *lex, const char *s, size_t len)
{
    uint32_t id = term_lookup(&lex->img, s, len);
    if (id)
        return id;
    if ((lex->nterms + 1) * 2 > lex->terms_cap &&
        rehash_terms(lex, lex->terms_cap ? lex->terms_cap * 2 : 1024))
        return 0;
    uint64_t lo, hi;
    key_words(s, len, &lo, &hi);
    size_t mask = lex->terms_cap - 1;
    size_t i = (size_t)(term_hash(lo, hi, s, len) >> lex->terms_shift);
    while (lex->terms[i].id)
        i = (i + 1) & mask;
    uint32_t copy = add_string(lex, s, len);
    if (!copy || gs_grow(lex->mem, (void **)&lex->term_str, &lex->term_str_cap, lex->nterms + 2,
                         sizeof *lex->term_str))
        return 0;
    lex->terms[i].lo = lo;
    lex->terms[i].hi = hi;
    lex->terms[i].len = (uint32_t)len;
    lex->terms[i].id = (uint32_t)++lex->nterms;
    lex->term_str[lex->nterms] = copy;
    show_terms(lex);
    return lex->terms[i].id;
}

/* ---- trie ---- */

/* The child along edge (node, term) in the hash table edges[cap], or 0. */
static uint32_t edge_get(const gs_edge_slot *edges, size_t cap, uint32_t node, uint32_t term)
{
    uint64_t key = ((uint64_t)node << 32) | term;
    size_t mask = cap - 1;
    for (size_t i = (size_t)mix64(key) & mask;; i = (i + 1) & mask) {
        if (!edges[i].key)
            return 0;
        if (edges[i].key == key)
            return edges[i].child;
    }
}

/* Put an edge that is not there yet into edges[cap], which has room for it. */
static void edge_put(gs_edge_slot *edges, size_t cap, gs_edge_slot e)
{
    size_t i = (size_t)mix64(e.key) & (cap - 1);
    while (edges[i].key)
        i = (i + 1) & (cap - 1);
    edges[i] = e;
}

static int rehash_edges(gs_lexicon *lex, size_t ncap)
{
    gs_edge_slot *ne = gs_calloc(lex->mem, ncap, sizeof *ne);
    if (!ne)
        return -1;
    for (size_t i = 0; i < lex->edges_cap; i++)
        if (lex->edges[i].key)
            edge_put(ne, ncap, lex->edges[i]);
    gs_free(lex->mem, lex->edges);
    lex->edges = ne;
    lex->edges_cap = ncap;
    return 0;
}

static int new_node(gs_lexicon *lex, uint32_t *id)
{
    if (gs_grow(lex->mem, (void **)&lex->node_head, &lex->nodes_cap, lex->nnodes + 1,
                sizeof *lex->node_head))
        return -1;
    lex->node_head[lex->nnodes] = 0;
    *id = (uint32_t)lex->nnodes++;
    return 0;
}

static int edge_child(gs_lexicon *lex, uint32_t node, uint32_t term, uint32_t *child)
{
    if ((lex->nedges + 1) * 2 > lex->edges_cap &&
        rehash_edges(lex, lex->edges_cap ? lex->edges_cap * 2 : 1024))
        return -1;
    uint32_t c = edge_get(lex->edges, lex->edges_cap, node, term);
    if (c) {
        *child = c;
        return 0;
    }
    if (new_node(lex, &c) ||
        gs_grow(lex->mem, (void **)&lex->edge_to, &lex->edge_to_cap, c + 1, sizeof *lex->edge_to))
        return -1;
    lex->edge_to[c] = (gs_trie_kid){term, node};
    edge_put(lex->edges, lex->edges_cap, (gs_edge_slot){((uint64_t)node << 32) | term, c});
    lex->nedges++;
    *child = c;
    return 0;
}

/* Add a surface form. `weak` entries (display names) are dropped when the
 * node already has an entry of the same kind and target. A surface that
 * already stands for another target of the same kind is an error. */
static int add_surface(gs_lexicon *lex, const char *surface, gs_entry e, int weak,
                       const char *file, size_t line)
{
    gs_tokens toks = lex->scratch; /* reused: no allocation per surface */
    toks.n = 0;
    size_t slen = strlen(surface);
    int bad = gs_tokenize(lex->mem, surface, slen, 0, &toks);
    lex->scratch = toks;
    if (bad)
        return oom(lex);
    if (toks.n == 0) {
        return fail(lex, GAPSCAN_EDATA, file, line, "empty surface form");
    }
    uint32_t node = 0;
    char exact[512];
    size_t xn = 0;
    for (size_t i = 0; i < toks.n; i++) {
        char low[MAX_TOKEN];
        if (toks.v[i].len >= MAX_TOKEN) {
                return fail(lex, GAPSCAN_EDATA, file, line, "token too long in '%s'", surface);
        }
        size_t n = gs_token_lower(surface, &toks.v[i], low, sizeof low);
        uint32_t term = term_intern(lex, low, n);
        if (!term || edge_child(lex, node, term, &node)) {
                return oom(lex);
        }
        if (xn + toks.v[i].len < sizeof exact) {
            memcpy(exact + xn, surface + toks.v[i].off, toks.v[i].len);
            xn += toks.v[i].len;
        }
    }
    exact[xn] = '\0';

    for (uint32_t k = lex->node_head[node]; k; k = lex->entries[k - 1].next) {
        gs_entry *o = &lex->entries[k - 1].e;
        if (o->kind != e.kind)
            continue;
        if (o->target == e.target) {
            if (weak)
                return 0;
            if ((o->flags & GS_F_CASE) == (e.flags & GS_F_CASE) &&
                (!(e.flags & GS_F_CASE) || !strcmp(lex->strings.data + o->exact, exact)))
                return 0; /* the same form twice */
            continue;
        }
        if (e.kind == GS_KIND_SKILL && !((o->flags | e.flags) & GS_F_CASE)) {
            if (weak) {
                lex->dropped++; /* an alias already claims this name */
                return 0;
            }
            char msg[300];
            snprintf(msg, sizeof msg, "'%s' already stands for '%s'", surface,
                     lex->skills[o->target].id);
            return fail(lex, GAPSCAN_EDATA, file, line, "%s", msg);
        }
    }
    if (gs_grow(lex->mem, (void **)&lex->entries, &lex->entries_cap, lex->nentries + 1,
                sizeof *lex->entries))
        return oom(lex);
    e.exact = 0;
    if ((e.flags & GS_F_CASE) && !(e.exact = add_string(lex, exact, xn)))
        return oom(lex);
    gs_node_entry *ne = &lex->entries[lex->nentries++];
    ne->e = e;
    if (e.kind == GS_KIND_SKILL)
        lex->nsurfaces++;
    ne->next = lex->node_head[node];
    lex->node_head[node] = (uint32_t)lex->nentries;
    return 0;
}

/* ---- files ---- */

/* Split the next non-comment line of a TSV file into at most `max` fields
 * (pointers into `buf`). Returns the number of fields, 0 at the end. */
typedef struct tsv {
    const char *p, *end;
    size_t line;
    char buf[4096];
} tsv;

static size_t tsv_next(tsv *t, char **f, size_t max)
{
    while (t->p < t->end) {
        const char *nl = memchr(t->p, '\n', (size_t)(t->end - t->p));
        const char *le = nl ? nl : t->end;
        size_t len = (size_t)(le - t->p);
        if (len && t->p[len - 1] == '\r')
            len--;
        t->line++;
        const char *ls = t->p;
        t->p = nl ? nl + 1 : t->end;
        if (len == 0 || ls[0] == '#')
            continue;
        if (len >= sizeof t->buf)
            len = sizeof t->buf - 1;
        memcpy(t->buf, ls, len);
        t->buf[len] = '\0';
        size_t n = 0;
        char *s = t->buf;
        while (n < max) {
            f[n++] = s;
            char *tab = strchr(s, '\t');
            if (!tab)
                break;
            *tab = '\0';
            s = tab + 1;
        }
        for (size_t i = 0; i < n; i++) { /* trim spaces */
            while (*f[i] == ' ')
                f[i]++;
            size_t l = strlen(f[i]);
            while (l && f[i][l - 1] == ' ')
                f[i][--l] = '\0';
        }
        if (n == 1 && !*f[0])
            continue;
        return n;
    }
    return 0;
}

static const gs_builtin_file *need_file(gs_lexicon *lex, const char *name)
{
    const gs_builtin_file *f = gs_builtin_find(name);
    if (!f)
        fail(lex, GAPSCAN_EDATA, name, 0, "missing from the build");
    else
        lex->vhash = fnv1a(f->data, f->len, lex->vhash);
    return f;
}

/* Start reading the built-in file `name`; -1 (with the message set) if absent. */
static int tsv_begin(gs_lexicon *lex, const char *name, tsv *t)
{
    const gs_builtin_file *f = need_file(lex, name);
    if (!f)
        return -1;
    t->p = f->data;
    t->end = f->data + f->len;
    t->line = 0;
    return 0;
}

/* The same for a file that may be absent from the build: 0 and an empty
 * reader when it is. */
static void tsv_begin_optional(gs_lexicon *lex, const char *name, tsv *t)
{
    const gs_builtin_file *f = gs_builtin_find(name);
    t->p = f ? f->data : "";
    t->end = f ? f->data + f->len : t->p;
    t->line = 0;
    if (f)
        lex->vhash = fnv1a(f->data, f->len, lex->vhash);
}

static int parse_flags(gs_lexicon *lex, const char *s, const char *file, size_t line)
{
    int flags = 0;
    while (*s) {
        const char *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        if (n == 4 && !strncmp(s, "case", 4))
            flags |= GS_F_CASE;
        else if (n == 3 && !strncmp(s, "ctx", 3))
            flags |= GS_F_CTX;
        else if (n)
            return fail(lex, GAPSCAN_EDATA, file, line, "unknown flag in '%s'", s);
        s += n + (c ? 1 : 0);
    }
    return flags;
}

int gs_valid_id(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-') ||
            (*p == '-' && (p[1] == '-' || p[1] == '\0')))
            return 0;
    return 1;
}

/* Binary search for `id` among skills[0..n), sorted by id: its index or -1. */
static int32_t skill_search(const gs_lexicon *lex, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(lex->skills[mid].id, id);
        if (c == 0)
            return (int32_t)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

int32_t gs_lexicon_skill_find(const gs_lexicon *lex, const char *id)
{
    /* skills are kept sorted by id once loading is done */
    return skill_search(lex, lex->nskills, id);
}

int32_t gs_lexicon_field_find(const gs_lexicon *lex, const char *id)
{
    for (size_t i = 0; i < lex->nfields; i++)
        if (!strcmp(lex->fields[i].id, id))
            return (int32_t)i;
    return -1;
}

static int cmp_skill(const void *a, const void *b)
{
    return strcmp(((const gs_skill *)a)->id, ((const gs_skill *)b)->id);
}

/* Find a skill among those of the files loaded before this one (the sorted
 * part); a duplicate within one file is caught when it is sorted. */
static int32_t find_loaded(const gs_lexicon *lex, const char *id)
{
    return skill_search(lex, lex->sorted, id);
}

static int add_skill(gs_lexicon *lex, const char *id, const char *name, const char *category,
                     const char *flags, const char *source)
{
    if (gs_grow(lex->mem, (void **)&lex->skills, &lex->skills_cap, lex->nskills + 1,
                sizeof *lex->skills))
        return oom(lex);
    gs_skill *s = &lex->skills[lex->nskills];
    memset(s, 0, sizeof *s);
    s->id = gs_arena_strdup(&lex->arena, id);
    s->name = gs_arena_strdup(&lex->arena, name);
    s->category = gs_arena_strdup(&lex->arena, category);
    s->source = source;
    s->hot = flags && strstr(flags, "hot") != NULL;
    s->in_demand = flags && strstr(flags, "in-demand") != NULL;
    if (!s->id || !s->name || !s->category)
        return oom(lex);
    lex->nskills++;
    return 0;
}

static int sort_skills(gs_lexicon *lex, const char *name)
{
    qsort(lex->skills, lex->nskills, sizeof *lex->skills, cmp_skill);
    for (size_t i = 1; i < lex->nskills; i++)
        if (!strcmp(lex->skills[i].id, lex->skills[i - 1].id))
            return fail(lex, GAPSCAN_EDATA, name, 0, "skill '%s' defined twice",
                        lex->skills[i].id);
    lex->sorted = lex->nskills;
    return 0;
}

/* One file of skills: rows of id, name, category and (imported) flags,
 * source. A row whose id an earlier file has is left out: curated wins over
 * imported, and a user's row for a known id only adds aliases. */
static int load_skill_rows(gs_lexicon *lex, tsv *t, const char *name, const char *source)
{
    char *col[5];
    size_t n;
    while ((n = tsv_next(t, col, 5)) > 0) {
        if (n < 3)
            return fail(lex, GAPSCAN_EDATA, name, t->line, "expected id, name, category");
        if (!gs_valid_id(col[0]))
            return fail(lex, GAPSCAN_EDATA, name, t->line,
                        "bad skill id '%s' (lower-case letters, digits and single dashes)", col[0]);
        int imported = !strcmp(source, "imported");
        if (find_loaded(lex, col[0]) >= 0) {
            lex->dropped += imported;
            continue;
        }
        const char *src = source;
        if (imported) /* the file names its source; the strings stay static */
            src = n > 4 && !strcmp(col[4], "esco")        ? "esco"
                  : n > 4 && !strcmp(col[4], "onet+esco") ? "onet+esco"
                                                          : "onet";
        if (add_skill(lex, col[0], col[1], col[2], imported && n > 3 ? col[3] : NULL, src))
            return -1;
    }
    return sort_skills(lex, name);
}

/* Curated skills, then imported ones, then the user's. */
/* Mark the skills whose category names a kind of work (lexicon/categories.tsv:
 * category, then "work" or "product"). */
static int load_categories(gs_lexicon *lex)
{
    static const char name[] = "lexicon/categories.tsv";
    tsv t;
    if (tsv_begin(lex, name, &t))
        return -1;
    char *col[2];
    size_t n;
    /* listed[i]: skill i's category has a line (curated skills must: a
     * category left out would silently count as a product's) */
    uint8_t *listed = gs_calloc(lex->mem, lex->nskills ? lex->nskills : 1, 1);
    if (!listed)
        return fail(lex, GAPSCAN_ENOMEM, NULL, 0, "out of memory");
    while ((n = tsv_next(&t, col, 2)) > 0) {
        int work = n == 2 && !strcmp(col[1], "work");
        if (n != 2 || (!work && strcmp(col[1], "product"))) {
            gs_free(lex->mem, listed);
            return fail(lex, GAPSCAN_EDATA, name, t.line, "expected a category, then work or product");
        }
        for (size_t i = 0; i < lex->nskills; i++)
            if (!strcmp(lex->skills[i].category, col[0])) {
                lex->skills[i].work = (uint8_t)work;
                listed[i] = 1;
            }
    }
    size_t i = 0;
    while (i < lex->nskills && (listed[i] || strcmp(lex->skills[i].source, "curated")))
        i++;
    gs_free(lex->mem, listed);
    if (i < lex->nskills)
        return fail(lex, GAPSCAN_EDATA, name, 0, "category '%s' (of %s in lexicon/skills.tsv) has no line",
                    lex->skills[i].category, lex->skills[i].id);
    return 0;
}

static int load_skills(gs_lexicon *lex)
{
    tsv t;
    if (tsv_begin(lex, "lexicon/skills.tsv", &t) ||
        load_skill_rows(lex, &t, "lexicon/skills.tsv", "curated"))
        return -1;
    tsv_begin_optional(lex, "lexicon/imported/skills.tsv", &t);
    if (load_skill_rows(lex, &t, "lexicon/imported/skills.tsv", "imported"))
        return -1;
    if (lex->user_name) {
        t.p = lex->user_data;
        t.end = lex->user_data + lex->user_len;
        t.line = 0;
        lex->vhash = fnv1a(lex->user_data, lex->user_len, lex->vhash);
        if (load_skill_rows(lex, &t, lex->user_name, "user"))
            return -1;
    }
    return load_categories(lex);
}

/* The user's aliases: column 4, '|'-separated, with the flags of column 5. */
static int load_user_aliases(gs_lexicon *lex)
{
    if (!lex->user_name)
        return 0;
    tsv t = {lex->user_data, lex->user_data + lex->user_len, 0, {0}};
    char *col[5];
    size_t n;
    while ((n = tsv_next(&t, col, 5)) > 0) {
        int32_t sk = gs_lexicon_skill_find(lex, col[0]);
        int flags = n > 4 ? parse_flags(lex, col[4], lex->user_name, t.line) : 0;
        if (sk < 0 || flags < 0)
            return -1;
        gs_entry e = {GS_KIND_SKILL, (uint8_t)flags, sk, 0};
        if (add_surface(lex, col[1], e, 1, lex->user_name, t.line))
            return -1;
        char *a = n > 3 ? col[3] : NULL;
        while (a && *a) {
            char *bar = strchr(a, '|');
            if (bar)
                *bar = '\0';
            while (*a == ' ')
                a++;
            if (*a && add_surface(lex, a, e, 0, lex->user_name, t.line))
                return -1;
            a = bar ? bar + 1 : NULL;
        }
    }
    return 0;
}

/* alias, id, flags lines. Weak files (imported) give way silently where a
 * stronger file already claims the surface. */
static int load_alias_file(gs_lexicon *lex, tsv *t, const char *name, int weak)
{
    char *col[3];
    size_t n;
    while ((n = tsv_next(t, col, 3)) > 0) {
        if (n < 2)
            return fail(lex, GAPSCAN_EDATA, name, t->line, "expected alias, id, flags");
        int32_t sk = gs_lexicon_skill_find(lex, col[1]);
        if (sk < 0)
            return fail(lex, GAPSCAN_EDATA, name, t->line, "unknown skill '%s'", col[1]);
        int flags = n > 2 ? parse_flags(lex, col[2], name, t->line) : 0;
        if (flags < 0)
            return -1;
        gs_entry e = {GS_KIND_SKILL, (uint8_t)flags, sk, 0};
        if (add_surface(lex, col[0], e, weak, name, t->line))
            return -1;
    }
    return 0;
}

/* Display names are aliases too (weakly: an alias file that says otherwise
 * wins). `curated` picks which skills' names to add. */
static int add_names(gs_lexicon *lex, int curated)
{
    for (size_t i = 0; i < lex->nskills; i++) {
        if (curated != !strcmp(lex->skills[i].source, "curated") || !strcmp(lex->skills[i].source, "user"))
            continue;
        gs_entry e = {GS_KIND_SKILL, 0, (int32_t)i, 0};
        if (add_surface(lex, lex->skills[i].name, e, 1, "lexicon/skills.tsv", 0))
            return -1;
    }
    return 0;
}

/* Curated aliases and names first, then imported ones, which give way to
 * them (lexicon lint lists what gave way). */
static int load_aliases(gs_lexicon *lex)
{
    tsv t;
    if (tsv_begin(lex, "lexicon/aliases.tsv", &t) || load_alias_file(lex, &t, "lexicon/aliases.tsv", 0) ||
        add_names(lex, 1) || load_user_aliases(lex))
        return -1;
    tsv_begin_optional(lex, "lexicon/imported/aliases.tsv", &t);
    if (load_alias_file(lex, &t, "lexicon/imported/aliases.tsv", 1) || add_names(lex, 0))
        return -1;
    return 0;
}

static int add_rel(gs_lexicon *lex, const int32_t **arr, size_t *n, int32_t v)
{
    for (size_t i = 0; i < *n; i++)
        if ((*arr)[i] == v)
            return 0;
    int32_t *na = gs_arena_alloc(&lex->arena, (*n + 1) * sizeof *na);
    if (!na)
        return oom(lex);
    if (*n)
        memcpy(na, *arr, *n * sizeof *na);
    na[(*n)++] = v;
    *arr = na;
    return 0;
}

static int load_relations(gs_lexicon *lex)
{
    const char *name = "lexicon/relations.tsv";
    tsv t;
    if (tsv_begin(lex, name, &t))
        return -1;
    char *col[3];
    size_t n;
    while ((n = tsv_next(&t, col, 3)) > 0) {
        if (n < 3)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "expected child, relation, parent");
        int32_t a = gs_lexicon_skill_find(lex, col[0]);
        int32_t b = gs_lexicon_skill_find(lex, col[2]);
        if (a < 0)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "unknown skill '%s'", col[0]);
        if (b < 0)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "unknown skill '%s'", col[2]);
        if (a == b)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "'%s' relates to itself", col[0]);
        gs_skill *sa = &lex->skills[a], *sb = &lex->skills[b];
        if (!strcmp(col[1], "implies")) {
            if (add_rel(lex, &sa->implies, &sa->nimplies, b))
                return -1;
        } else if (!strcmp(col[1], "related")) {
            if (add_rel(lex, &sa->related, &sa->nrelated, b) ||
                add_rel(lex, &sb->related, &sb->nrelated, a))
                return -1;
        } else {
            return fail(lex, GAPSCAN_EDATA, name, t.line, "unknown relation '%s'", col[1]);
        }
    }
    /* an implication cycle would make inference loop: reject it */
    for (size_t i = 0; i < lex->nskills; i++) {
        int32_t stack[64];
        size_t depth[64];
        size_t sp = 0;
        stack[sp] = (int32_t)i;
        depth[sp++] = 0;
        while (sp) {
            int32_t s = stack[--sp];
            size_t d = depth[sp];
            if (d > 16)
                return fail(lex, GAPSCAN_EDATA, name, 0, "implication chain too deep at '%s'",
                            lex->skills[i].id);
            for (size_t k = 0; k < lex->skills[s].nimplies; k++) {
                int32_t p = lex->skills[s].implies[k];
                if (p == (int32_t)i)
                    return fail(lex, GAPSCAN_EDATA, name, 0, "implication cycle through '%s'",
                                lex->skills[i].id);
                if (sp < 64) {
                    stack[sp] = p;
                    depth[sp++] = d + 1;
                }
            }
        }
    }
    return 0;
}

/* surface<TAB>value[<TAB>flags] files where value is a name from `names`. */
static int load_named(gs_lexicon *lex, const char *name, int kind, const char *const *names,
                      int nnames)
{
    tsv t;
    if (tsv_begin(lex, name, &t))
        return -1;
    char *col[3];
    size_t n;
    while ((n = tsv_next(&t, col, 3)) > 0) {
        if (n < 2)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "expected surface and value");
        int v = find_name(names, nnames, col[1]);
        if (v < 0)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "unknown value '%s'", col[1]);
        int flags = n > 2 ? parse_flags(lex, col[2], name, t.line) : 0;
        if (flags < 0)
            return -1;
        gs_entry e = {(uint8_t)kind, (uint8_t)flags, v, 0};
        if (add_surface(lex, col[0], e, 0, name, t.line))
            return -1;
    }
    return 0;
}

static int load_fields(gs_lexicon *lex)
{
    const char *name = "lexicon/fields.tsv";
    tsv t;
    if (tsv_begin(lex, name, &t))
        return -1;
    char *col[3];
    size_t n;
    while ((n = tsv_next(&t, col, 3)) > 0) {
        if (n < 3)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "expected id, group, surfaces");
        if (!gs_valid_id(col[0]))
            return fail(lex, GAPSCAN_EDATA, name, t.line, "bad field id '%s'", col[0]);
        if (gs_lexicon_field_find(lex, col[0]) >= 0)
            return fail(lex, GAPSCAN_EDATA, name, t.line, "field '%s' defined twice", col[0]);
        if (gs_grow(lex->mem, (void **)&lex->fields, &lex->fields_cap, lex->nfields + 1,
                    sizeof *lex->fields))
            return oom(lex);
        gs_field *fd = &lex->fields[lex->nfields];
        fd->id = gs_arena_strdup(&lex->arena, col[0]);
        fd->group = gs_arena_strdup(&lex->arena, col[1]);
        if (!fd->id || !fd->group)
            return oom(lex);
        int32_t idx = (int32_t)lex->nfields++;
        char *s = col[2];
        while (*s) {
            char *bar = strchr(s, '|');
            if (bar)
                *bar = '\0';
            while (*s == ' ')
                s++;
            size_t l = strlen(s);
            while (l && s[l - 1] == ' ')
                s[--l] = '\0';
            if (*s) {
                gs_entry e = {GS_KIND_FIELD, 0, idx, 0};
                if (add_surface(lex, s, e, 0, name, t.line))
                    return -1;
            }
            if (!bar)
                break;
            s = bar + 1;
        }
    }
    return 0;
}

/* Once everything is loaded, lay the trie out for matching: the root's
 * children by term, every other node's children side by side when they are
 * few, the edges of those with many in a table of their own, and the term
 * of every one-byte token; then point the image at it all. Returns 0 or -1
 * (out of memory; what was built is freed with the lexicon). */
static int freeze(gs_lexicon *lex)
{
    lex->root = gs_calloc(lex->mem, lex->nterms + 1, sizeof *lex->root);
    lex->nodes = gs_calloc(lex->mem, lex->nnodes, sizeof *lex->nodes);
    lex->byte_term = gs_calloc(lex->mem, 256, sizeof *lex->byte_term);
    if (!lex->root || !lex->nodes || !lex->byte_term ||
        gs_grow(lex->mem, (void **)&lex->term_str, &lex->term_str_cap, lex->nterms + 1,
                sizeof *lex->term_str))
        return -1;
    lex->term_str[0] = 0; /* id 0 is no term: the empty string */
    show_terms(lex);
    /* from the list of edges, not the (larger) hash table: what is read
     * and written here then stays in the cache */
    for (uint32_t c = 1; c < lex->nnodes; c++) {
        if (lex->edge_to[c].node == 0)
            lex->root[lex->edge_to[c].term] = c;
        else
            lex->nodes[lex->edge_to[c].node].nkids++;
    }
    size_t few = 0, many = 0;
    for (size_t v = 1; v < lex->nnodes; v++) {
        gs_trie_node *nd = &lex->nodes[v];
        if (nd->nkids <= GS_FEW_KIDS) {
            nd->kids = (uint32_t)few; /* a cursor while filling, then put back */
            few += nd->nkids;
        } else {
            many += nd->nkids;
        }
    }
    size_t cap = 16;
    while (cap < 2 * many)
        cap *= 2;
    gs_edge_slot *edges = gs_calloc(lex->mem, cap, sizeof *edges);
    lex->kids = gs_malloc(lex->mem, (few ? few : 1) * sizeof *lex->kids);
    if (!edges || !lex->kids) {
        gs_free(lex->mem, edges);
        return -1;
    }
    for (uint32_t c = 1; c < lex->nnodes; c++) {
        gs_trie_kid up = lex->edge_to[c];
        if (up.node == 0)
            continue;
        if (lex->nodes[up.node].nkids <= GS_FEW_KIDS)
            lex->kids[lex->nodes[up.node].kids++] = (gs_trie_kid){up.term, c};
        else
            edge_put(edges, cap, (gs_edge_slot){((uint64_t)up.node << 32) | up.term, c});
    }
    for (size_t v = 1; v < lex->nnodes; v++)
        if (lex->nodes[v].nkids <= GS_FEW_KIDS)
            lex->nodes[v].kids -= lex->nodes[v].nkids;
    gs_free(lex->mem, lex->edge_to);
    lex->edge_to = NULL;
    gs_free(lex->mem, lex->edges);
    lex->edges = edges;
    lex->edges_cap = cap;
    for (unsigned c = 0; c < 256; c++) {
        char b = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        lex->byte_term[c] = term_lookup(&lex->img, &b, 1);
    }
    gs_lexicon_image *img = &lex->img;
    img->byte_term = lex->byte_term;
    img->edges = lex->edges;
    img->edges_cap = lex->edges_cap;
    img->root = lex->root;
    img->nnodes = lex->nnodes;
    img->node_head = lex->node_head;
    img->nodes = lex->nodes;
    img->kids = lex->kids;
    img->nkids = few;
    img->entries = lex->entries;
    img->nentries = lex->nentries;
    return 0;
}

gs_lexicon *gs_lexicon_load(gs_mem *mem, const char *user_name, const char *user_data, size_t user_len,
                            gapscan_status *status, char *err, size_t errlen)
{
    gs_lexicon *lex = gs_calloc(mem, 1, sizeof *lex);
    if (!lex) {
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    lex->mem = mem;
    gs_arena_init(&lex->arena, mem);
    gs_buf_init(&lex->strings, mem, 0);
    lex->err = err;
    lex->errlen = errlen;
    lex->status = GAPSCAN_OK;
    lex->vhash = FNV_SEED;
    lex->user_name = user_name;
    lex->user_data = user_data;
    lex->user_len = user_len;
    uint32_t root;
    /* sized for the built-in lexicon (about 37,000 edges and 12,000 terms):
     * the edges outgrow theirs once, late, which costs less than a table
     * twice as large missing the cache from the start */
    if (gs_buf_append(&lex->strings, "", 1) || new_node(lex, &root) || rehash_edges(lex, 65536) ||
        rehash_terms(lex, 32768)) {
        oom(lex);
    } else if (!load_skills(lex) && !load_aliases(lex) && !load_relations(lex) &&
               !load_named(lex, "lexicon/degrees.tsv", GS_KIND_DEGREE, LEVELS, GS_LVL_LAST) &&
               !load_fields(lex) &&
               !load_named(lex, "lexicon/cues.tsv", GS_KIND_CUE, CUES, GS_CUE_LAST) &&
               !load_named(lex, "lexicon/sections.tsv", GS_KIND_SECTION, SECTIONS, GS_SEC_LAST) &&
               !load_named(lex, "lexicon/titles.tsv", GS_KIND_TITLE, SENIORITY, GS_SEN_LAST)) {
        snprintf(lex->version, sizeof lex->version, "%016llx", (unsigned long long)lex->vhash);
        if (freeze(lex)) {
            oom(lex);
            *status = lex->status;
            gs_lexicon_free(lex);
            return NULL;
        }
        gs_tokens_free(mem, &lex->scratch);
        lex->err = NULL;
        lex->user_name = lex->user_data = NULL; /* not kept: the caller owns them */
        *status = GAPSCAN_OK;
        return lex;
    }
    *status = lex->status;
    gs_lexicon_free(lex);
    return NULL;
}

gs_lexicon *gs_lexicon_open_image(gs_mem *mem, const gs_lexicon_image *img, gapscan_status *status,
                                  char *err, size_t errlen)
{
    gs_lexicon *lex = gs_calloc(mem, 1, sizeof *lex);
    if (lex) {
        lex->mem = mem;
        gs_arena_init(&lex->arena, mem);
        gs_buf_init(&lex->strings, mem, 0);
        lex->skills = gs_malloc(mem, (img->nskills ? img->nskills : 1) * sizeof *lex->skills);
        lex->fields = gs_malloc(mem, (img->nfields ? img->nfields : 1) * sizeof *lex->fields);
    }
    if (!lex || !lex->skills || !lex->fields) {
        gs_lexicon_free(lex);
        *status = GAPSCAN_ENOMEM;
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    lex->img = *img;
    const char *s = img->strings;
    for (size_t i = 0; i < img->nskills; i++) {
        const gs_image_skill *k = &img->skills[i];
        lex->skills[i] = (gs_skill){.id = s + k->id, .name = s + k->name, .category = s + k->category,
                                    .source = s + k->source, .hot = k->hot, .in_demand = k->in_demand, .work = k->work,
                                    .implies = img->relations + k->implies, .nimplies = k->nimplies,
                                    .related = img->relations + k->related, .nrelated = k->nrelated};
    }
    for (size_t i = 0; i < img->nfields; i++)
        lex->fields[i] = (gs_field){s + img->fields[i].id, s + img->fields[i].group};
    lex->nskills = lex->skills_cap = img->nskills;
    lex->nfields = lex->fields_cap = img->nfields;
    lex->nsurfaces = img->nsurfaces;
    lex->dropped = img->dropped;
    snprintf(lex->version, sizeof lex->version, "%s", img->version);
    *status = GAPSCAN_OK;
    return lex;
}

const gs_lexicon_image *gs_lexicon_arrays(const gs_lexicon *lex)
{
    return &lex->img;
}

void gs_lexicon_free(gs_lexicon *lex)
{
    if (!lex)
        return;
    gs_mem *mem = lex->mem;
    gs_buf_free(&lex->strings);
    gs_free(mem, lex->terms);
    gs_free(mem, lex->term_str);
    gs_free(mem, lex->byte_term);
    gs_free(mem, lex->edges);
    gs_free(mem, lex->root);
    gs_tokens_free(mem, &lex->scratch);
    gs_free(mem, lex->node_head);
    gs_free(mem, lex->edge_to);
    gs_free(mem, lex->nodes);
    gs_free(mem, lex->kids);
    gs_free(mem, lex->entries);
    gs_free(mem, lex->skills);
    gs_free(mem, lex->fields);
    gs_arena_free(&lex->arena);
    gs_free(mem, lex);
}

const char *gs_lexicon_version(const gs_lexicon *lex)
{
    return lex->version;
}

size_t gs_lexicon_skill_count(const gs_lexicon *lex)
{
    return lex->nskills;
}

const gs_skill *gs_lexicon_skill(const gs_lexicon *lex, size_t i)
{
    return &lex->skills[i];
}

size_t gs_lexicon_field_count(const gs_lexicon *lex)
{
    return lex->nfields;
}

const gs_field *gs_lexicon_field(const gs_lexicon *lex, size_t i)
{
    return &lex->fields[i];
}

void gs_lexicon_terms(const gs_lexicon *lex, const char *text, gs_token *tokens, size_t n)
{
    if (n == 0)
        return;
    /* a token is read eight or sixteen bytes at a time, past its end but
     * never past the end of the last token */
    size_t limit = (size_t)tokens[n - 1].off + tokens[n - 1].len;
    const gs_lexicon_image *img = &lex->img;
    const gs_term_slot *terms = img->terms;
    size_t mask = img->terms_cap - 1;
    unsigned shift = img->terms_shift;
    for (size_t i = 0; i < n; i++) {
        gs_token *t = &tokens[i];
        size_t off = t->off, len = t->len;
        const char *p = text + off;
        uint64_t lo, hi = 0;
        if (len == 1) {
            t->term = img->byte_term[(unsigned char)*p];
            continue;
        }
        if (len - 1 < 8 && off + 8 <= limit) {
            lo = lower8(load_le64(p) & (~0ULL >> (64 - 8 * len)));
        } else if (len - 1 < 16 && off + 16 <= limit) {
            lo = lower8(load_le64(p));
            hi = lower8(load_le64(p + 8) & (~0ULL >> (128 - 8 * len)));
        } else if (len < MAX_TOKEN) {
            char low[MAX_TOKEN];
            gs_token_lower(text, t, low, sizeof low);
            t->term = term_lookup(img, low, len);
            continue;
        } else {
            t->term = 0;
            continue;
        }
        t->term = term_find_short(terms, mask, shift, lo, hi, len);
    }
}

/* Do the raw tokens [i, end) spell `exact` (tokens concatenated)? */
static int exact_match(const char *text, const gs_token *tokens, size_t i, size_t end,
                       const char *exact)
{
    size_t k = 0;
    for (size_t j = i; j < end; j++) {
        if (strncmp(exact + k, text + tokens[j].off, tokens[j].len))
            return 0;
        k += tokens[j].len;
    }
    return exact[k] == '\0';
}

/* The child of `node` (not the root) along `term`, or 0. */
static uint32_t child_of(const gs_lexicon_image *img, uint32_t node, uint32_t term)
{
    const gs_trie_node *nd = &img->nodes[node];
    if (nd->nkids > GS_FEW_KIDS)
        return edge_get(img->edges, img->edges_cap, node, term);
    const gs_trie_kid *k = img->kids + nd->kids;
    for (uint32_t c = 0; c < nd->nkids; c++)
        if (k[c].term == term)
            return k[c].node;
    return 0;
}

size_t gs_lexicon_match(const gs_lexicon *lex, const char *text, const gs_token *tokens,
                        size_t n, size_t i, const gs_entry **out, size_t max, size_t *end)
{
    const gs_lexicon_image *img = &lex->img;
    uint32_t node = i < n ? img->root[tokens[i].term] : 0;
    if (!node)
        return 0;
    /* the nodes passed that have entries, and how many tokens each took */
    uint32_t path[32];
    uint8_t took[32];
    size_t depth = 0, npath = 0;
    for (size_t j = i + 1;; j++) {
        depth++;
        if (img->node_head[node]) {
            path[npath] = node;
            took[npath++] = (uint8_t)depth;
        }
        /* a surface form spans two lines only where the first runs on
         * into the second (token.h) */
        if (j >= n || depth == 32 || !tokens[j].term ||
            (tokens[j].line != tokens[j - 1].line && !tokens[j].joins) ||
            !(node = child_of(img, node, tokens[j].term)))
            break;
    }
    while (npath > 0) {
        npath--;
        size_t stop = i + took[npath], got = 0;
        for (uint32_t k = img->node_head[path[npath]]; k && got < max;
             k = img->entries[k - 1].next) {
            const gs_entry *e = &img->entries[k - 1].e;
            if ((e->flags & GS_F_CASE) && !exact_match(text, tokens, i, stop, img->strings + e->exact))
                continue;
            out[got++] = e;
        }
        if (got) {
            *end = stop;
            return got;
        }
    }
    return 0;
}

void gs_lexicon_count(const gs_lexicon *lex, gs_lexicon_counts *out)
{
    memset(out, 0, sizeof *out);
    out->skills = lex->nskills;
    for (size_t i = 0; i < lex->nskills; i++) {
        const char *src = lex->skills[i].source;
        if (!strcmp(src, "curated"))
            out->curated++;
        else if (!strcmp(src, "user"))
            out->user++;
        else
            out->imported++;
        out->relations += lex->skills[i].nimplies + lex->skills[i].nrelated;
    }
    out->surfaces = lex->nsurfaces;
    out->dropped = lex->dropped;
}
