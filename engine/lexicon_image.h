/* lexicon_image.h - the lexicon in the form that matching reads, as flat
 * arrays that refer to each other by index and offset, never by pointer.
 *
 * The build compiles the built-in lexicon into this form once: build/lexc
 * loads lexicon/ with the run-time loader (lexicon.c) and writes the arrays
 * as constant C data (build/lexicon_image.c), so that opening an engine uses
 * them where they lie instead of tokenizing some 17,000 surface forms and
 * building hash tables each time. A lexicon loaded from text at run time (a
 * user's --lexicon file on top of the built-in one) ends in the same form in
 * memory of its own, so both are matched by the same code. The image is a
 * build artifact, read on the machine that built it: its words are in that
 * machine's byte order and size. */
#ifndef GS_LEXICON_IMAGE_H
#define GS_LEXICON_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* A node with more children than this finds them in the edge hash table;
 * one with fewer compares their terms one by one. */
#define GS_FEW_KIDS 8

typedef struct gs_term_slot {
    uint64_t lo, hi; /* the term's first 16 bytes as two little-endian words, zero-padded */
    uint32_t len;
    uint32_t id;     /* 0 = empty slot */
} gs_term_slot;

typedef struct gs_edge_slot {
    uint64_t key;   /* (node << 32) | term; 0 = empty (node 0 never has term 0) */
    uint32_t child;
} gs_edge_slot;

typedef struct gs_trie_node {
    uint32_t kids;  /* its first child in kids[] */
    uint32_t nkids; /* how many children it has */
} gs_trie_node;

typedef struct gs_trie_kid {
    uint32_t term;
    uint32_t node;
} gs_trie_kid;

typedef struct gs_node_entry {
    gs_entry e;
    uint32_t next; /* index+1 of the next entry at the same node, 0 = none */
} gs_node_entry;

/* A skill of a compiled image; strings are offsets in `strings`, relations
 * ranges of `relations`. */
typedef struct gs_image_skill {
    uint32_t id, name, category, source;
    uint32_t implies, related; /* first index in relations[] */
    uint32_t nimplies, nrelated;
    uint8_t hot, in_demand, work;
} gs_image_skill;

typedef struct gs_image_field {
    uint32_t id, group; /* offsets in `strings` */
} gs_image_field;

typedef struct gs_lexicon_image {
    const char *strings;           /* NUL-terminated strings, found by offset */
    size_t strings_len;            /* bytes, with the NULs */
    const gs_term_slot *terms;     /* hash table of terms, terms_cap (a power of two) slots */
    size_t terms_cap;
    unsigned terms_shift;          /* 64 - log2(terms_cap): a hash's top bits pick its slot */
    size_t nterms;
    const uint32_t *term_str;      /* per term id (1..nterms): offset of the whole term,
                                    * lower-cased; read only past its 16th byte */
    const uint32_t *byte_term;     /* [256]: the term of each one-byte token, or 0 */
    const gs_edge_slot *edges;     /* hash table of the edges of nodes with more than
                                    * GS_FEW_KIDS children, edges_cap (a power of two) slots */
    size_t edges_cap;
    const uint32_t *root;          /* per term id: the root's child for it, or 0 */
    size_t nnodes;
    const uint32_t *node_head;     /* per node: index+1 of its first entry */
    const gs_trie_node *nodes;     /* per node: where its children are */
    const gs_trie_kid *kids;       /* children of the nodes with few, each node's together */
    size_t nkids;
    const gs_node_entry *entries;
    size_t nentries;
    /* only in a compiled image (a lexicon loaded from text keeps gs_skill
     * and gs_field records of its own) */
    const gs_image_skill *skills;  /* sorted by id */
    size_t nskills;
    const int32_t *relations;
    size_t nrelations;
    const gs_image_field *fields;
    size_t nfields;
    size_t nsurfaces, dropped;     /* as gs_lexicon_count */
    const char *version;
} gs_lexicon_image;

/* The built-in lexicon, compiled at build time (build/lexicon_image.c). */
extern const gs_lexicon_image gs_lexicon_builtin;

/* A lexicon over `img`, which must outlive it; only its skill and field
 * records are allocated. On failure (out of memory) returns NULL with
 * *status and the message in err[errlen]. Free with gs_lexicon_free. */
gs_lexicon *gs_lexicon_open_image(gs_mem *mem, const gs_lexicon_image *img, gapscan_status *status,
                                  char *err, size_t errlen);

/* The arrays that matching reads of a lexicon (for the build step that
 * writes them out; its skills and fields are read with the accessors). */
const gs_lexicon_image *gs_lexicon_arrays(const gs_lexicon *lex);

#endif
