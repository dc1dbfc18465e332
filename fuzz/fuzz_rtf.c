/* fuzz_rtf.c - fuzz target: the hand-written RTF reader (read_rtf.c: groups,
 * control words, \'hh and \uN escapes, \bin skips). */
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gs_mem mem = {-1};
    gs_sink s;
    gs_sink_init(&s, &mem, FZ_MAX_TEXT);
    char err[256] = "";
    gapscan_status st = gs_read_rtf(&mem, (const char *)data, size, &s, err, sizeof err);
    if (st == GAPSCAN_OK)
        fz_check_reader_text(s.buf.data, s.buf.len, FZ_MAX_TEXT, 1);
    else
        FZ_CHECK(err[0] != '\0');
    gs_sink_free(&s);
    return 0;
}
