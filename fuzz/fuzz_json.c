/* fuzz_json.c - fuzz target: the JSON Resume reader (read_json.c: jansson,
 * then the resume written out as a text CV). */
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gs_mem mem = {-1};
    gs_sink s;
    gs_sink_init(&s, &mem, FZ_MAX_TEXT);
    char err[256] = "";
    int not_resume = 0;
    gapscan_status st =
        gs_read_json(&mem, (const char *)data, size, &s, &not_resume, err, sizeof err);
    if (st == GAPSCAN_OK) {
        FZ_CHECK(!not_resume || s.buf.len == 0);
        fz_check_reader_text(s.buf.data, s.buf.len, FZ_MAX_TEXT, 1);
    } else {
        FZ_CHECK(err[0] != '\0');
    }
    gs_sink_free(&s);
    return 0;
}
