/* fuzz_dates.c - fuzz target: the date and figure patterns of dates.c on
 * their own. The input is decoded as a CV is (text.c: the patterns are run
 * on valid UTF-8 only), then every line goes through the date-range finder,
 * the "N years" claims before and after each token, and the team sizes. */
#include <string.h>

#include "dates.h"
#include "fuzz.h"
#include "text.h"
#include "token.h"

static gs_dates *dates;
static gs_dscan *scan;
static gs_mem dmem = {-1};

static void dates_cleanup(void)
{
    gs_dscan_free(&dmem, scan);
    gs_dates_free(&dmem, dates);
}

static void dates_open(void)
{
    gapscan_status st;
    char err[200];
    dates = gs_dates_new(&dmem, &st, err, sizeof err);
    if (!dates) {
        fprintf(stderr, "fuzz: date patterns: %s\n", err);
        abort();
    }
    scan = gs_dscan_new(&dmem, dates);
    FZ_CHECK(scan != NULL);
    atexit(dates_cleanup);
}

#define PRESENT (2026 * 12 + 10)

static void one_line(gs_mem *mem, const char *line, size_t len)
{
    gs_range r;
    if (gs_dates_find(scan, line, len, PRESENT, &r)) {
        FZ_CHECK(r.off + r.len <= len && r.len > 0);
        FZ_CHECK(r.start >= 1900 * 12 && r.start < 2100 * 12);
        FZ_CHECK(r.end >= 1900 * 12 && r.end < 2200 * 12);
        FZ_CHECK(!r.open || r.end == PRESENT);
    }
    gs_claim c;
    for (size_t from = 0; from < len && gs_years_before(scan, line, len, from, &c);) {
        FZ_CHECK(c.off >= from && c.off <= c.end && c.end <= len);
        FZ_CHECK(c.years >= 0 && c.years < 100);
        /* on past the match, or one character on when it is empty */
        size_t next = c.end > c.off ? c.end : c.off + gs_utf8_seq((const unsigned char *)line + c.off,
                                                                   len - c.off);
        FZ_CHECK(next > from);
        from = next;
    }
    gs_tokens toks = {0};
    FZ_CHECK(gs_tokenize(mem, line, len, 0, &toks) == 0);
    for (size_t i = 0; i < toks.n; i++) {
        double y = -1;
        size_t at = toks.v[i].off + toks.v[i].len;
        if (gs_years_after(scan, line, len, at, &y))
            FZ_CHECK(y >= 0 && y < 100);
    }
    gs_tokens_free(mem, &toks);
    int team = gs_team_size(scan, line, len);
    FZ_CHECK(team >= 0 && team < 10000);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dates)
        dates_open();
    gs_mem mem = {-1};
    gs_arena arena;
    gs_arena_init(&arena, &mem);
    gs_doc doc;
    char err[200];
    if (gs_text_decode(&arena, (const char *)data, size, &doc, err, sizeof err) == GAPSCAN_OK) {
        for (size_t i = 0; i < doc.nlines; i++) {
            size_t n;
            const char *line = gs_doc_line(&doc, i, &n);
            one_line(&mem, line, n);
        }
    }
    gs_arena_free(&arena);
    return 0;
}
