/* token.h - the tokenizer: UTF-8 text to tokens with offsets and lines.
 *
 * A word is a run of letters, digits and non-ASCII characters, with the
 * punctuation that belongs to names kept inside it: a '.' between word
 * characters (Node.js, ASP.NET, 3.5), a leading '.' before a letter when
 * nothing word-like precedes it (.NET), and '+' or '#' right after a word
 * (C++, C#, F#). Every other visible character is a token of its own, so
 * "CI/CD" is CI, /, CD and "scikit-learn" is scikit, -, learn; the lexicon's
 * aliases are tokenized by this same code, so they meet the text as equals.
 * Case is kept; the lexicon decides when it matters. */
#ifndef GS_TOKEN_H
#define GS_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "alloc.h"

enum {
    GS_TOK_WORD = 0,  /* starts with a letter or a non-ASCII character */
    GS_TOK_NUMBER = 1, /* starts with a digit */
    GS_TOK_PUNCT = 2   /* one punctuation character (possibly multibyte) */
};

typedef struct gs_token {
    uint32_t off;  /* byte offset in the text */
    uint32_t len;  /* bytes */
    uint32_t line; /* 0-based line number */
    uint32_t term; /* lexicon term id of the lower-cased token; 0 = unknown */
    uint8_t kind;  /* GS_TOK_* */
    uint8_t joins; /* the first token of a line that continues the one before (gs_doc_wraps) */
} gs_token;

typedef struct gs_tokens {
    gs_token *v; /* tokens in text order (owned, gs_free) */
    size_t n;
    size_t cap;
} gs_tokens;

/* Append the tokens of text[0..len) to `out`, numbering lines from
 * `first_line`. Returns 0, or -1 when out of memory. term is left 0. */
int gs_tokenize(gs_mem *mem, const char *text, size_t len, uint32_t first_line, gs_tokens *out);

void gs_tokens_free(gs_mem *mem, gs_tokens *toks);

/* Lower-case (ASCII) copy of a token into dst (cap bytes, NUL-terminated,
 * truncated). Returns the length written. */
size_t gs_token_lower(const char *text, const gs_token *t, char *dst, size_t cap);

#endif
