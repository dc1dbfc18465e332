/* fuzz_zip.c - fuzz target: the DOCX and ODT reader (read_zip.c: libzip on
 * a buffer, the caps on inflated sizes, the streaming XML walkers). */
#include <string.h>

#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gs_mem mem = {-1};
    gs_sink s;
    gs_sink_init(&s, &mem, FZ_MAX_TEXT);
    char err[256] = "";
    const char *format = NULL;
    gapscan_status st = gs_read_zip(&mem, (const char *)data, size, &s, &format, err, sizeof err);
    if (st == GAPSCAN_OK) {
        FZ_CHECK(format && (!strcmp(format, "docx") || !strcmp(format, "odt")));
        fz_check_reader_text(s.buf.data, s.buf.len, FZ_MAX_TEXT, 1);
    } else {
        FZ_CHECK(err[0] != '\0');
    }
    gs_sink_free(&s);
    return 0;
}
