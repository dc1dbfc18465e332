/* fuzz_extract.c - fuzz target: the whole path of a plain-text CV. Decoding,
 * tokens, the lexicon matcher, sections, dated positions, stated years, team
 * sizes and education (extract.c, dates.c), then the profile scored against
 * one built-in role (picked by the input's length) and rendered as JSON,
 * JSONL and text, and the lexicon lookup report of the same text. */
#include <string.h>

#include "fuzz.h"
#include "inspect.h"
#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fz_is_plain_text(data, size))
        return 0; /* other formats have their own targets */
    gapscan_engine *eng = fz_engine();
    gapscan_profile *p = NULL;
    gapscan_status st = gapscan_extract(eng, "cv.txt", (const char *)data, size, &p);
    if (st != GAPSCAN_OK) {
        FZ_CHECK(p == NULL && strstr(gapscan_errmsg(eng), "cv.txt") != NULL);
        return 0;
    }
    FZ_CHECK(strcmp(gapscan_profile_format(p), "text") == 0);
    double years = gapscan_profile_years(p);
    FZ_CHECK(years >= 0 && years < 1000);
    FZ_CHECK(gapscan_profile_highest_degree(p) != NULL);
    for (size_t i = 0; i < gapscan_profile_skill_count(p); i++)
        FZ_CHECK(gapscan_profile_skill_id(p, i) != NULL);
    for (size_t i = 0; i < p->npositions; i++) {
        const gs_position *pos = &p->positions[i];
        FZ_CHECK(pos->start <= pos->end && pos->line < p->doc.nlines);
        FZ_CHECK(pos->first <= pos->last && pos->last < p->doc.nlines);
    }
    for (size_t i = 0; i < p->nhits; i++) {
        const gs_hit *h = &p->hits[i];
        FZ_CHECK(h->nlines <= GS_MAX_EVIDENCE && h->best_line < p->doc.nlines);
        for (size_t j = 0; j < h->nlines; j++)
            FZ_CHECK(h->lines[j] < p->doc.nlines);
    }

    char *out = NULL;
    size_t len = 0;
    FZ_CHECK(gs_lookup_render(p->mem, p, &out, &len) == GAPSCAN_OK);
    FZ_CHECK(out && strlen(out) == len && fz_valid_utf8(out, len));
    gapscan_free(out);

    size_t nroles = gapscan_role_count(eng);
    FZ_CHECK(nroles > 0);
    fz_score_render(p, gapscan_role_at(eng, size % nroles));
    gapscan_profile_free(p);
    return 0;
}
