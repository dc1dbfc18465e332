/* token.c - the tokenizer (see token.h for the rules). */
#include "token.h"

#include "text.h"

/* Non-ASCII characters that are punctuation, not letters: dashes, quotes,
 * bullets, ellipsis, nbsp, and the replacement character. Everything else
 * outside ASCII is taken as a letter. */
static int is_uni_punct(const unsigned char *s, size_t n)
{
    if (n == 2 && s[0] == 0xC2)
        return s[1] == 0xA0 || s[1] == 0xB7 || s[1] == 0xAB || s[1] == 0xBB || s[1] == 0xA9 ||
               s[1] == 0xAE || s[1] == 0xB0 || s[1] == 0xA7;
    if (n == 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81 || s[1] == 0x96 || s[1] == 0x97))
        return 1; /* U+2000..U+207F general punctuation; U+2580..U+25FF shapes, bullets */
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x9E)
        return 1; /* arrows/dingbats used as bullets */
    if (n == 3 && s[0] == 0xEF && s[1] == 0xBF && s[2] == 0xBD)
        return 1;
    if (n == 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 1; /* ideographic space */
    return 0;
}

/* Is the character at s (n bytes) a space (for our purposes)? */
static int is_space_seq(const unsigned char *s, size_t n)
{
    if (n == 1)
        return s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\v';
    if (n == 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 1;
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] <= 0x8B || s[2] == 0xAF))
        return 1;
    if (n == 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 1;
    return 0;
}

static size_t seq_len(const unsigned char *s, size_t left)
{
    size_t n = gs_utf8_seq(s, left);
    return n ? n : 1;
}

/* What the tokenizer needs to know about each byte, in one table read: the
 * ASCII letters and digits, the spaces it skips, and the bytes that need a
 * closer look ('.', '+', '#' and everything outside ASCII). */
enum {
    B_ALNUM = 1,  /* ASCII letter or digit */
    B_DIGIT = 2,  /* ASCII digit (B_ALNUM too) */
    B_SPACE = 4,  /* ' ', '\t', '\v' */
    B_NL = 8,     /* '\n' */
    B_HIGH = 16,  /* a byte of a multibyte character (or a stray one) */
    B_DOT = 32,   /* '.' */
    B_TAIL = 64   /* '+' or '#': kept at the end of a word */
};

#define D (B_ALNUM | B_DIGIT)
#define A B_ALNUM
#define H B_HIGH
#define H16 H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H
static const unsigned char BYTE[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, B_SPACE, B_NL, B_SPACE, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    B_SPACE, 0, 0, B_TAIL, 0, 0, 0, 0, 0, 0, 0, B_TAIL, 0, 0, B_DOT, 0,
    D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0,
    0, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, 0, 0, 0, 0, 0,
    H16, H16, H16, H16, H16, H16, H16, H16,
};
#undef D
#undef A
#undef H
#undef H16

/* A word character: ASCII letter/digit, or a non-ASCII letter. */
static int word_char_at(const unsigned char *s, size_t left, size_t *n)
{
    *n = seq_len(s, left);
    if (*n == 1)
        return BYTE[s[0]] & B_ALNUM;
    return !is_uni_punct(s, *n) && !is_space_seq(s, *n);
}

/* word_char_at with the ASCII case answered by the table */
static int word_at(const unsigned char *s, size_t left, size_t *n)
{
    if (s[0] < 0x80) {
        *n = 1;
        return BYTE[s[0]] & B_ALNUM;
    }
    return word_char_at(s, left, n);
}

/* Where the word whose first character ends before s[i] ends: word
 * characters, each inner '.' followed by one, then any '+' and '#'. Every
 * run of ASCII letters and digits that starts before `tail` stops before it
 * (s[tail - 1] is none of them), and one that starts at or after it runs to
 * the end, so the scan of a run never tests the length. */
static size_t word_end(const unsigned char *s, size_t len, size_t tail, size_t i)
{
    size_t wn;
    for (;;) {
        if (i >= tail)
            return len;
        while (BYTE[s[i]] & B_ALNUM)
            i++;
        if (!(BYTE[s[i]] & (B_HIGH | B_DOT | B_TAIL)))
            return i; /* the usual end: a space or a punctuation mark */
        if (!(BYTE[s[i]] & (B_HIGH | B_DOT)))
            break;
        if (s[i] >= 0x80 && word_char_at(s + i, len - i, &wn))
            i += wn;
        else if (s[i] == '.' && i + 1 < len && word_at(s + i + 1, len - i - 1, &wn))
            i += 1; /* '.' between word characters */
        else
            break;
    }
    while (i < len && (BYTE[s[i]] & B_TAIL))
        i++; /* C++, C#, F# */
    return i;
}

int gs_tokenize(gs_mem *mem, const char *text, size_t len, uint32_t first_line, gs_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    /* room for the usual count at once (text has about one token in four
     * or five bytes); the loop still grows the array when that is short */
    if (gs_grow(mem, (void **)&out->v, &out->cap, out->n + len / 4 + 16, sizeof *out->v))
        return -1;
    gs_token *v = out->v;
    size_t k = out->n, cap = out->cap;
    size_t tail = len; /* where the run of ASCII letters and digits that ends the text starts */
    while (tail > 0 && (BYTE[s[tail - 1]] & B_ALNUM))
        tail--;
    uint32_t line = first_line;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i], b = BYTE[c];
        size_t start = i, n = 1, wn;
        int kind = GS_TOK_WORD;
        if (b & B_ALNUM) {
            kind = (b & B_DIGIT) ? GS_TOK_NUMBER : GS_TOK_WORD;
            i++;
        } else if (b & (B_SPACE | B_NL)) {
            line += c == '\n';
            i++;
            continue;
        } else {
            if (b & B_HIGH) {
                n = seq_len(s + i, len - i);
                if (n > 1 && is_space_seq(s + i, n)) {
                    i += n;
                    continue;
                }
            }
            if (n > 1 && !is_uni_punct(s + i, n)) /* a letter outside ASCII */
                i += n;
            else if (c == '.' && i + 1 < len && word_at(s + i + 1, len - i - 1, &wn) &&
                     !(s[i + 1] >= '0' && s[i + 1] <= '9') &&
                     (i == 0 || !(BYTE[s[i - 1]] & B_ALNUM)))
                i++; /* a leading '.' (.NET) */
            else
                kind = GS_TOK_PUNCT;
        }
        if (kind == GS_TOK_PUNCT)
            i += n;
        else
            i = word_end(s, len, tail, i);
        if (k == cap) {
            out->n = k;
            if (gs_grow(mem, (void **)&out->v, &out->cap, k + 1, sizeof *out->v))
                return -1;
            v = out->v;
            cap = out->cap;
        }
        v[k].off = (uint32_t)start;
        v[k].len = (uint32_t)(i - start);
        v[k].line = line;
        v[k].term = 0;
        v[k].kind = (uint8_t)kind;
        v[k].joins = 0;
        k++;
        if (i < len && s[i] == ' ')
            i++; /* the usual single space, without a turn of the loop */
    }
    out->n = k;
    return 0;
}

void gs_tokens_free(gs_mem *mem, gs_tokens *toks)
{
    gs_free(mem, toks->v);
    toks->v = NULL;
    toks->n = toks->cap = 0;
}

size_t gs_token_lower(const char *text, const gs_token *t, char *dst, size_t cap)
{
    size_t n = t->len < cap - 1 ? t->len : cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->off + i];
        dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    dst[n] = '\0';
    return n;
}
