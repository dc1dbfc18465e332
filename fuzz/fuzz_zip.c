/* fuzz_zip.c - fuzz target: the DOCX and ODT reader (read_zip.c: libzip on
 * a buffer, the caps on inflated sizes, the streaming XML walkers).
 *
 * Two kinds of input. One that starts with "PK" is a zip archive as it is.
 * Any other is the XML of a document, packed here into an archive before
 * the reader sees it, so that mutations reach the XML walkers instead of
 * failing the archive's checksums: the first byte chooses DOCX (even) or
 * ODT (odd); the rest up to the first NUL byte is word/document.xml or
 * content.xml, and what follows the NUL, if any, is word/header1.xml or
 * styles.xml. */
#include <string.h>
#include <zip.h>

#include "fuzz.h"
#include "read.h"

static const char CONTENT_TYPES[] =
    "<?xml version=\"1.0\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char ODT_MIME[] = "application/vnd.oasis.opendocument.text";

/* Add name = data[0..len) to the archive, stored (not compressed). */
static void add(zip_t *za, const char *name, const void *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    FZ_CHECK(s != NULL);
    zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_OVERWRITE);
    if (i < 0) {
        zip_source_free(s);
        FZ_CHECK(i >= 0);
    }
    FZ_CHECK(zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0);
}

/* A DOCX or ODT archive around the parts of `data` (see the top of the
 * file) in a new buffer (free it), *len bytes. */
static uint8_t *pack(const uint8_t *data, size_t size, size_t *len)
{
    int odt = data[0] & 1;
    const uint8_t *main_part = data + 1, *nul = memchr(main_part, 0, size - 1);
    size_t main_len = nul ? (size_t)(nul - main_part) : size - 1;
    const uint8_t *second = nul ? nul + 1 : NULL;
    size_t second_len = nul ? size - 1 - main_len - 1 : 0;

    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    FZ_CHECK(src != NULL);
    zip_source_keep(src);
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    FZ_CHECK(za != NULL);
    if (odt) {
        add(za, "mimetype", ODT_MIME, sizeof ODT_MIME - 1);
        add(za, "content.xml", main_part, main_len);
        if (second)
            add(za, "styles.xml", second, second_len);
    } else {
        add(za, "[Content_Types].xml", CONTENT_TYPES, sizeof CONTENT_TYPES - 1);
        add(za, "word/document.xml", main_part, main_len);
        if (second)
            add(za, "word/header1.xml", second, second_len);
    }
    FZ_CHECK(zip_close(za) == 0);

    FZ_CHECK(zip_source_open(src) == 0);
    FZ_CHECK(zip_source_seek(src, 0, SEEK_END) == 0);
    zip_int64_t n = zip_source_tell(src);
    FZ_CHECK(n > 0 && zip_source_seek(src, 0, SEEK_SET) == 0);
    uint8_t *buf = malloc((size_t)n);
    FZ_CHECK(buf != NULL);
    FZ_CHECK(zip_source_read(src, buf, (zip_uint64_t)n) == n);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)n;
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t *packed = NULL;
    if (size < 2 || memcmp(data, "PK", 2)) {
        packed = pack(data, size, &size);
        data = packed;
    }
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
    free(packed);
    return 0;
}
