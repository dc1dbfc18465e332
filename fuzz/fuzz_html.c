/* fuzz_html.c - fuzz target: the HTML reader (read_html.c, libxml2's HTML
 * parser and the walk over its tree) on any bytes. */
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_run_reader(gs_read_html, data, size);
    return 0;
}
