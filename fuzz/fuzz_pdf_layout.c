/* fuzz_pdf_layout.c - fuzz target: the column finder that puts the lines of
 * `pdftotext -layout` output back in reading order (read_pdf.c). The PDF
 * itself is parsed by pdftotext in a child process, outside the library;
 * this is the part of the PDF path that runs in it. */
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gs_mem mem = {-1};
    gs_sink s;
    gs_sink_init(&s, &mem, FZ_MAX_TEXT);
    gapscan_status st = gs_pdf_layout_text(&mem, (const char *)data, size, &s);
    /* the input is passed through: its UTF-8 is only as valid as it was */
    if (st == GAPSCAN_OK)
        fz_check_reader_text(s.buf.data, s.buf.len, FZ_MAX_TEXT,
                             fz_valid_utf8((const char *)data, size));
    gs_sink_free(&s);
    return 0;
}
