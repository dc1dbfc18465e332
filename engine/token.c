/* token.c - the tokenizer (see token.h for the rules). */
#include "token.h"

#include "text.h"

static int is_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

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

/* A word character: ASCII letter/digit, or a non-ASCII letter. */
static int word_char_at(const unsigned char *s, size_t left, size_t *n)
{
    *n = seq_len(s, left);
    if (*n == 1)
        return is_alnum(s[0]);
    return !is_uni_punct(s, *n) && !is_space_seq(s, *n);
}

/* Is the ASCII byte c a letter or digit? (A table: the tokenizer asks for
 * every byte.) */
static const unsigned char ALNUM[128] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* word_char_at with the ASCII case answered inline */
static int word_at(const unsigned char *s, size_t left, size_t *n)
{
    if (s[0] < 0x80) {
        *n = 1;
        return ALNUM[s[0]];
    }
    return word_char_at(s, left, n);
}

static int push(gs_mem *mem, gs_tokens *out, size_t off, size_t len, uint32_t line, int kind)
{
    if (out->n == out->cap &&
        gs_grow(mem, (void **)&out->v, &out->cap, out->n + 1, sizeof *out->v))
        return -1;
    gs_token *t = &out->v[out->n++];
    t->off = (uint32_t)off;
    t->len = (uint32_t)len;
    t->line = line;
    t->term = 0;
    t->kind = (uint8_t)kind;
    return 0;
}

int gs_tokenize(gs_mem *mem, const char *text, size_t len, uint32_t first_line, gs_tokens *out)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t line = first_line;
    size_t i = 0;
    while (i < len) {
        size_t n;
        if (s[i] == '\n') {
            line++;
            i++;
            continue;
        }
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\v') {
            i++;
            continue;
        }
        n = s[i] < 0x80 ? 1 : seq_len(s + i, len - i);
        if (n > 1 && is_space_seq(s + i, n)) {
            i += n;
            continue;
        }
        size_t wn;
        int lead_dot = s[i] == '.' && i + 1 < len && word_at(s + i + 1, len - i - 1, &wn) &&
                       !(s[i + 1] >= '0' && s[i + 1] <= '9') &&
                       (i == 0 || !word_char_at(s + i - 1, 1, &wn));
        if (lead_dot || word_at(s + i, len - i, &wn)) {
            size_t start = i;
            int kind = (s[i] >= '0' && s[i] <= '9') ? GS_TOK_NUMBER : GS_TOK_WORD;
            if (lead_dot)
                i++;
            for (;;) {
                while (i < len && s[i] < 0x80 && ALNUM[s[i]])
                    i++;
                if (i < len && word_at(s + i, len - i, &wn)) {
                    i += wn;
                } else if (i + 1 < len && s[i] == '.' && word_at(s + i + 1, len - i - 1, &wn)) {
                    i += 1; /* '.' between word characters */
                } else {
                    break;
                }
            }
            while (i < len && (s[i] == '+' || s[i] == '#'))
                i++; /* C++, C#, F# */
            if (push(mem, out, start, i - start, line, kind))
                return -1;
            continue;
        }
        if (push(mem, out, i, n, line, GS_TOK_PUNCT))
            return -1;
        i += n;
    }
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
