/* read_doc.c - legacy Word .doc (OLE2 compound files) through `antiword`,
 * or `catdoc` when antiword is not installed, as a bounded child process
 * (child.h: private temporary input file, 10 s time limit, output cap).
 * Writing a .doc parser here would be a large hand-written binary parser of
 * hostile input; the tools already exist and run outside our process. */
#include <stdio.h>
#include <string.h>

#include "read.h"
#include "child.h"

gapscan_status gs_read_doc(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                           size_t errlen)
{
    /* -w 0: one paragraph per line; -m UTF-8.txt: UTF-8 output */
    static const char *const antiword[] = {"antiword", "-m", "UTF-8.txt", "-w", "0",
                                           GS_CHILD_INPUT, NULL};
    /* -w: no wrapping; -d utf-8: UTF-8 output */
    static const char *const catdoc[] = {"catdoc", "-w", "-d", "utf-8", GS_CHILD_INPUT, NULL};
    gs_buf raw;
    gs_buf_init(&raw, mem, 0);
    gs_child_res res;
    int rc = gs_child_run(antiword, data, len, GS_READ_TOOL_TIMEOUT_MS, out->max, &raw, &res);
    if (rc == GS_CHILD_NOTFOUND)
        rc = gs_child_run(catdoc, data, len, GS_READ_TOOL_TIMEOUT_MS, out->max, &raw, &res);
    gapscan_status st = GAPSCAN_OK;
    if (rc == GS_CHILD_NOTFOUND) {
        snprintf(err, errlen, "reading .doc needs antiword (apt-get install antiword)");
        st = GAPSCAN_EIO;
    } else if (rc == GS_CHILD_NOMEM) {
        snprintf(err, errlen, "out of memory");
        st = GAPSCAN_ENOMEM;
    } else if (rc != GS_CHILD_RAN) {
        snprintf(err, errlen, "cannot run antiword");
        st = GAPSCAN_EIO;
    } else if (res.timed_out) {
        snprintf(err, errlen, ".doc took too long to read (over %d s)",
                 GS_READ_TOOL_TIMEOUT_MS / 1000);
        st = GAPSCAN_EFORMAT;
    } else if (res.too_big) {
        snprintf(err, errlen, "document too large when unpacked");
        st = GAPSCAN_ETOOBIG;
    } else if (!res.exited || res.code != 0) {
        snprintf(err, errlen, "unreadable .doc (damaged, encrypted or not a Word document)");
        st = GAPSCAN_EFORMAT;
    } else if (gs_sink_text(out, raw.data ? raw.data : "", raw.len, 0) || gs_sink_eol(out)) {
        st = gs_sink_fail(out, err, errlen);
    }
    gs_buf_free(&raw);
    return st;
}
