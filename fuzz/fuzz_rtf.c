/* fuzz_rtf.c - fuzz target: the hand-written RTF reader (read_rtf.c: groups,
 * control words, \'hh and \uN escapes, \bin skips). */
#include "fuzz.h"
#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_run_reader(gs_read_rtf, data, size);
    return 0;
}
