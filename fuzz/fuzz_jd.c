/* fuzz_jd.c - fuzz target: the job-description compiler (jd.c: headings,
 * bullets and sentences to requirements, with the lexicon and the figure
 * patterns) on plain text, then the compiled role written out, loaded back,
 * described, scored and rendered. */
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fz_is_plain_text(data, size))
        return 0; /* other formats reach jd.c as text, through their readers */
    gapscan_engine *eng = fz_engine();
    gapscan_role *role = NULL;
    gapscan_status st = gapscan_role_compile(eng, "job.txt", (const char *)data, size, &role);
    if (st != GAPSCAN_OK) {
        FZ_CHECK(role == NULL && strstr(gapscan_errmsg(eng), "job.txt") != NULL);
        return 0;
    }
    FZ_CHECK(role != NULL && gapscan_role_id(role) && gapscan_role_title(role));
    fz_role_roundtrip(role);
    gapscan_role_free(role);
    return 0;
}
