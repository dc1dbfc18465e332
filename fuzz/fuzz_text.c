/* fuzz_text.c - fuzz target: bytes in any encoding decoded to UTF-8 text
 * (text.c), the tokenizer (token.c) and the lexicon's longest-match lookup
 * over the tokens (lexicon.c), with the invariants each promises checked. */
#include <string.h>

#include "fuzz.h"
#include "internal.h"
#include "lexicon.h"
#include "text.h"
#include "token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const gs_lexicon *lex = gs_engine_lexicon(fz_engine());
    gs_mem mem = {-1};
    gs_arena arena;
    gs_arena_init(&arena, &mem);
    gs_doc doc;
    char err[200];
    if (gs_text_decode(&arena, (const char *)data, size, &doc, err, sizeof err) != GAPSCAN_OK) {
        FZ_CHECK(err[0] != '\0');
        gs_arena_free(&arena);
        return 0;
    }
    /* the document: UTF-8, no NUL, every line ends in '\n', the line map agrees */
    FZ_CHECK(doc.len > 0 && doc.text[doc.len] == '\0' && doc.text[doc.len - 1] == '\n');
    FZ_CHECK(strlen(doc.text) == doc.len);
    FZ_CHECK(fz_valid_utf8(doc.text, doc.len));
    FZ_CHECK(doc.nlines > 0 && doc.line_start[0] == 0);
    for (size_t i = 0; i < doc.nlines; i++) {
        size_t n;
        const char *line = gs_doc_line(&doc, i, &n);
        FZ_CHECK(line + n < doc.text + doc.len && line[n] == '\n' && !memchr(line, '\n', n));
        FZ_CHECK(gs_doc_line_of(&doc, doc.line_start[i]) == i);
        FZ_CHECK(gs_doc_line_of(&doc, doc.line_start[i] + n) == i);
    }

    gs_tokens toks = {0};
    FZ_CHECK(gs_tokenize(&mem, doc.text, doc.len, 0, &toks) == 0);
    uint32_t prev_end = 0;
    for (size_t i = 0; i < toks.n; i++) {
        const gs_token *t = &toks.v[i];
        FZ_CHECK(t->len > 0 && t->off >= prev_end && (size_t)t->off + t->len <= doc.len);
        FZ_CHECK(t->line == gs_doc_line_of(&doc, t->off));
        FZ_CHECK(!memchr(doc.text + t->off, '\n', t->len));
        FZ_CHECK(t->kind <= GS_TOK_PUNCT);
        prev_end = t->off + t->len;
        char low[64];
        size_t n = gs_token_lower(doc.text, t, low, sizeof low);
        FZ_CHECK(n < sizeof low && low[n] == '\0');
    }
    gs_lexicon_terms(lex, doc.text, toks.v, toks.n);
    const gs_entry *ents[8];
    for (size_t i = 0; i < toks.n; i++) {
        size_t end = 0;
        size_t k = gs_lexicon_match(lex, doc.text, toks.v, toks.n, i, ents, 8, &end);
        FZ_CHECK(k <= 8);
        if (!k)
            continue;
        FZ_CHECK(end > i && end <= toks.n && toks.v[end - 1].line == toks.v[i].line);
        for (size_t j = 0; j < k; j++) {
            FZ_CHECK(ents[j]->kind <= GS_KIND_TITLE);
            if (ents[j]->kind == GS_KIND_SKILL)
                FZ_CHECK(ents[j]->target >= 0 &&
                         (size_t)ents[j]->target < gs_lexicon_skill_count(lex));
        }
    }
    gs_tokens_free(&mem, &toks);
    gs_arena_free(&arena);
    return 0;
}
