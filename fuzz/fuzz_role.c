/* fuzz_role.c - fuzz target: the role file loader (role.c: libxml2 without
 * network or DTD loading, RelaxNG validation, the requirement trees), then
 * the loaded role written out, loaded back, described, scored and rendered. */
#include <string.h>

#include "fuzz.h"
#include "internal.h"
#include "role.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gapscan_engine *eng = fz_engine();
    gapscan_status st = GAPSCAN_OK;
    char err[512] = "";
    static gs_mem mem = {-1}; /* the role's own allocations; no failure injected */
    gapscan_role *role = gs_role_load(&mem, gs_engine_lexicon(eng), "role.xml", (const char *)data,
                                      size, &st, err, sizeof err);
    if (!role) {
        FZ_CHECK(st != GAPSCAN_OK && !strncmp(err, "role.xml", 8));
        return 0;
    }
    FZ_CHECK(st == GAPSCAN_OK && role->nreqs > 0);
    fz_role_roundtrip(role);
    gapscan_role_free(role);
    return 0;
}
