/* read_zip.c - DOCX and ODT: the zip archive is opened in memory with libzip
 * and the few XML parts that hold the text are read with libxml2's streaming
 * reader (xmlReader).
 *
 * Why libzip rather than libarchive: libzip reads zip and only zip, finds an
 * entry by name through the central directory (as Word and LibreOffice do),
 * and reads from a memory buffer; libarchive is a streaming reader of many
 * formats, a wider surface for a hostile file, that we would have to narrow.
 *
 * Safety: nothing from the archive is ever written to disk. Each entry read
 * is capped (GS_ZIP_ENTRY_MAX uncompressed, GS_ZIP_TOTAL_MAX for all of
 * them), and an entry over 1 MB that inflates more than GS_ZIP_RATIO_MAX
 * times is a zip bomb; the caps are checked against the sizes the archive
 * declares and again against the bytes actually inflated. The XML is parsed
 * without network access, without loading DTDs and without substituting
 * entities; a part with a DOCTYPE is refused outright, since neither OOXML
 * nor ODF allows one, which also stops XXE and billion-laughs documents. */
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "read.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define SVG_NS "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define ODT_MIME "application/vnd.oasis.opendocument.text"

#define MAX_ENTRIES 20000 /* more is not a word-processing document */
#define MAX_PARTS 64      /* headers or footers read from one DOCX */

typedef struct zctx {
    gs_mem *mem;
    zip_t *za;
    size_t total;   /* bytes inflated so far */
    char *err;
    size_t errlen;
    const char *kind; /* "DOCX" or "ODT", for messages */
} zctx;

static gapscan_status fail(zctx *z, gapscan_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static gapscan_status fail(zctx *z, gapscan_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(z->err, z->errlen, fmt, ap);
    va_end(ap);
    return st;
}

/* Inflate entry `idx` into a new buffer (*data, NUL-terminated, the caller
 * frees it with gs_free), within the caps. */
static gapscan_status read_entry(zctx *z, zip_uint64_t idx, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    zip_stat_t sb;
    zip_stat_init(&sb);
    if (zip_stat_index(z->za, idx, 0, &sb) != 0)
        return fail(z, GAPSCAN_EFORMAT, "damaged zip archive (%s)", zip_strerror(z->za));
    if ((sb.valid & ZIP_STAT_ENCRYPTION_METHOD) && sb.encryption_method != ZIP_EM_NONE)
        return fail(z, GAPSCAN_EFORMAT, "encrypted %s", z->kind);
    zip_uint64_t comp = (sb.valid & ZIP_STAT_COMP_SIZE) ? sb.comp_size : 0;
    if (sb.valid & ZIP_STAT_SIZE) {
        if (sb.size > GS_ZIP_RATIO_FROM && (comp == 0 || sb.size / comp > GS_ZIP_RATIO_MAX))
            return fail(z, GAPSCAN_EFORMAT, "%s", "zip bomb (compression ratio too high)");
        if (sb.size > GS_ZIP_ENTRY_MAX || sb.size > GS_ZIP_TOTAL_MAX - z->total)
            return fail(z, GAPSCAN_ETOOBIG, "%s", "document too large when unpacked");
    }
    zip_file_t *f = zip_fopen_index(z->za, idx, 0);
    if (!f) {
        int ze = zip_error_code_zip(zip_get_error(z->za));
        if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
            return fail(z, GAPSCAN_EFORMAT, "encrypted %s", z->kind);
        if (ze == ZIP_ER_COMPNOTSUPP)
            return fail(z, GAPSCAN_EFORMAT, "unsupported compression in the %s", z->kind);
        if (ze == ZIP_ER_MEMORY)
            return fail(z, GAPSCAN_ENOMEM, "%s", "out of memory");
        return fail(z, GAPSCAN_EFORMAT, "damaged zip archive (%s)", zip_strerror(z->za));
    }
    gs_buf b;
    gs_buf_init(&b, z->mem, 0);
    char chunk[65536];
    gapscan_status st = GAPSCAN_OK;
    for (;;) {
        zip_int64_t r = zip_fread(f, chunk, sizeof chunk);
        if (r == 0)
            break;
        if (r < 0) {
            st = fail(z, GAPSCAN_EFORMAT, "damaged zip archive (%s)", zip_file_strerror(f));
            break;
        }
        size_t got = b.len + (size_t)r;
        if ((sb.valid & ZIP_STAT_SIZE) && got > sb.size) {
            st = fail(z, GAPSCAN_EFORMAT, "%s", "damaged zip archive (an entry is larger than it says)");
            break;
        }
        if (got > GS_ZIP_RATIO_FROM && (comp == 0 || got / comp > GS_ZIP_RATIO_MAX)) {
            st = fail(z, GAPSCAN_EFORMAT, "%s", "zip bomb (compression ratio too high)");
            break;
        }
        if (got > GS_ZIP_ENTRY_MAX || got > GS_ZIP_TOTAL_MAX - z->total) {
            st = fail(z, GAPSCAN_ETOOBIG, "%s", "document too large when unpacked");
            break;
        }
        if (gs_buf_append(&b, chunk, (size_t)r)) {
            st = fail(z, GAPSCAN_ENOMEM, "%s", "out of memory");
            break;
        }
    }
    zip_fclose(f);
    if (st != GAPSCAN_OK) {
        gs_buf_free(&b);
        return st;
    }
    z->total += b.len;
    *data = gs_buf_detach(&b, len);
    if (!*data)
        return fail(z, GAPSCAN_ENOMEM, "%s", "out of memory");
    return GAPSCAN_OK;
}

/* ---- XML ---- */

typedef struct xerr {
    char msg[200]; /* the first error libxml2 reported */
    int nomem;
} xerr;

#if LIBXML_VERSION >= 21200
static void on_xml_error(void *arg, const xmlError *e)
#else
static void on_xml_error(void *arg, xmlErrorPtr e)
#endif
{
    xerr *x = arg;
    if (e && e->code == XML_ERR_NO_MEMORY)
        x->nomem = 1;
    if (x->msg[0] || !e || !e->message || e->level < XML_ERR_ERROR)
        return;
    snprintf(x->msg, sizeof x->msg, "%s", e->message);
    size_t n = strlen(x->msg);
    while (n && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
        x->msg[--n] = '\0';
}

/* A DOCTYPE before the root element? Looked for in the bytes, so that a DTD
 * is refused before libxml2 parses any of it. */
static int has_doctype(const char *xml, size_t len)
{
    for (size_t i = 0; i + 9 <= len; i++) {
        if (xml[i] != '<')
            continue;
        if (!memcmp(xml + i, "<!DOCTYPE", 9))
            return 1;
        if (xml[i + 1] != '?' && xml[i + 1] != '!')
            return 0; /* the root element: the prolog is over */
    }
    return 0;
}

/* A reader over xml[0..len) (the caller frees it with xmlFreeTextReader) whose
 * errors land in *x; NULL when out of memory. */
static xmlTextReaderPtr open_xml(const char *xml, size_t len, xerr *x)
{
    memset(x, 0, sizeof *x);
    /* NONET: no network; no NOENT (entities are not substituted), no DTDLOAD */
    xmlTextReaderPtr r = xmlReaderForMemory(xml, (int)len, NULL, NULL,
                                            XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (r)
        xmlTextReaderSetStructuredErrorHandler(r, on_xml_error, x);
    return r;
}

static gapscan_status xml_failed(zctx *z, gs_sink *s, const xerr *x, const char *part)
{
    if (s->st != GAPSCAN_OK)
        return gs_sink_fail(s, z->err, z->errlen);
    if (x->nomem)
        return fail(z, GAPSCAN_ENOMEM, "%s", "out of memory");
    /* libxml2 stops at 256 levels and suggests an option to the programmer:
     * the user is told what is wrong with the file */
    if (strstr(x->msg, "Excessive depth"))
        snprintf(z->err, z->errlen, "%s too deeply nested (%s: more than 256 levels)", z->kind, part);
    else
        snprintf(z->err, z->errlen, "damaged %s (%s: %s)", z->kind, part,
                 x->msg[0] ? x->msg : "malformed XML");
    return GAPSCAN_EFORMAT;
}

static int is(const xmlChar *ns, const xmlChar *name, const char *want_ns, const char *want)
{
    return ns && name && !strcmp((const char *)ns, want_ns) && !strcmp((const char *)name, want);
}

static int is_w(const xmlChar *ns)
{
    return ns && (!strcmp((const char *)ns, W_NS) || !strcmp((const char *)ns, W_STRICT_NS));
}

/* Open one XML part of the archive for the streaming reader, refusing any
 * DTD before parsing (neither OOXML nor ODF has one). */
/* The end of a walk over a part: the reader freed, and the part's last
 * line ended, or the reason the walk stopped. */
static gapscan_status walk_end(zctx *z, gs_sink *s, xmlTextReaderPtr r, int ret, const xerr *x,
                               const char *part)
{
    xmlFreeTextReader(r);
    if (ret != 0 || s->st != GAPSCAN_OK)
        return xml_failed(z, s, x, part);
    gs_sink_eol(s);
    return s->st == GAPSCAN_OK ? GAPSCAN_OK : gs_sink_fail(s, z->err, z->errlen);
}

/* A text node's value into the sink (`spaces`: as gs_sink_text). */
static void node_text(xmlTextReaderPtr r, gs_sink *s, int spaces)
{
    const char *v = (const char *)xmlTextReaderConstValue(r);
    if (v)
        gs_sink_text(s, v, strlen(v), spaces);
}

static gapscan_status open_part(zctx *z, const char *xml, size_t len, xerr *x, xmlTextReaderPtr *r)
{
    if (has_doctype(xml, len))
        return fail(z, GAPSCAN_EFORMAT, "%s with a DTD (not allowed; refused)", z->kind);
    *r = open_xml(xml, len, x);
    if (!*r)
        return fail(z, GAPSCAN_ENOMEM, "%s", "out of memory");
    return GAPSCAN_OK;
}

/* The next node the walkers handle: nodes inside a subtree being skipped
 * (*skip is its depth, -1 when none) are passed over. Returns what
 * xmlTextReaderRead returns: 1 with *type and *depth set, 0 at the end,
 * -1 on a parse error. */
static int next_node(xmlTextReaderPtr r, int *skip, int *type, int *depth)
{
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        *type = xmlTextReaderNodeType(r);
        *depth = xmlTextReaderDepth(r);
        if (*skip < 0)
            return 1;
        if (*type == XML_READER_TYPE_END_ELEMENT && *depth == *skip)
            *skip = -1;
    }
    return ret;
}

/* One WordprocessingML part (document, header or footer) into the sink. */
static gapscan_status docx_part(zctx *z, gs_sink *s, const char *xml, size_t len, const char *part)
{
    xerr x;
    xmlTextReaderPtr r;
    gapscan_status ost = open_part(z, xml, len, &x, &r);
    if (ost != GAPSCAN_OK)
        return ost;
    int ret, in_t = 0, skip = -1;
    int type, depth;
    while ((ret = next_node(r, &skip, &type, &depth)) == 1) {
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            xmlFreeTextReader(r);
            return fail(z, GAPSCAN_EFORMAT, "%s with a DTD (not allowed; refused)", z->kind);
        }
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(r);
            if (is(ns, BAD_CAST name, MC_NS, "Fallback")) {
                if (!empty)
                    skip = depth;
                continue;
            }
            if (!is_w(ns))
                continue;
            if (!strcmp(name, "rPr") || !strcmp(name, "tabs") || !strcmp(name, "delText") ||
                !strcmp(name, "instrText") || !strcmp(name, "delInstrText") ||
                !strcmp(name, "sym")) {
                if (!empty)
                    skip = depth;
            } else if (!strcmp(name, "p") || !strcmp(name, "tc") || !strcmp(name, "tr")) {
                gs_sink_eol(s);
            } else if (!strcmp(name, "t")) {
                in_t = !empty;
            } else if (!strcmp(name, "tab")) {
                gs_sink_str(s, "\t");
            } else if (!strcmp(name, "br") || !strcmp(name, "cr")) {
                gs_sink_break(s);
            } else if (!strcmp(name, "noBreakHyphen")) {
                gs_sink_str(s, "-");
            } else if (!strcmp(name, "numPr")) {
                if (s->bol)
                    gs_sink_str(s, "- "); /* a list item */
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (!is_w(ns))
                continue;
            if (!strcmp(name, "t"))
                in_t = 0;
            else if (!strcmp(name, "p") || !strcmp(name, "tc") || !strcmp(name, "tr"))
                gs_sink_eol(s);
        } else if (in_t && (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                            type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)) {
            node_text(r, s, 0);
        }
        if (s->st != GAPSCAN_OK)
            break;
    }
    return walk_end(z, s, r, ret, &x, part);
}

static int cmp_names(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    size_t lx = strlen(x), ly = strlen(y);
    if (lx != ly)
        return lx < ly ? -1 : 1; /* header2.xml before header10.xml */
    return strcmp(x, y);
}

/* Entries named prefix*.xml directly in word/, sorted; *n of them. */
static size_t find_parts(zctx *z, zip_int64_t nent, const char *prefix, const char **names,
                         zip_uint64_t *idx)
{
    size_t n = 0, pl = strlen(prefix);
    for (zip_int64_t i = 0; i < nent && n < MAX_PARTS; i++) {
        const char *nm = zip_get_name(z->za, (zip_uint64_t)i, 0);
        if (!nm)
            continue;
        size_t l = strlen(nm);
        if (l > pl + 4 && !strncmp(nm, prefix, pl) && !strcmp(nm + l - 4, ".xml") &&
            !strchr(nm + pl, '/'))
            names[n++] = nm;
    }
    qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++)
        idx[i] = (zip_uint64_t)zip_name_locate(z->za, names[i], 0);
    return n;
}

static gapscan_status docx_parts(zctx *z, gs_sink *s, zip_int64_t nent, const char *prefix)
{
    const char *names[MAX_PARTS];
    zip_uint64_t idx[MAX_PARTS];
    size_t n = find_parts(z, nent, prefix, names, idx);
    for (size_t i = 0; i < n; i++) {
        char *xml;
        size_t len;
        gapscan_status st = read_entry(z, idx[i], &xml, &len);
        if (st == GAPSCAN_OK)
            st = docx_part(z, s, xml, len, names[i]);
        gs_free(z->mem, xml);
        if (st != GAPSCAN_OK)
            return st;
    }
    return GAPSCAN_OK;
}

static gapscan_status read_docx(zctx *z, gs_sink *s, zip_int64_t nent, zip_uint64_t doc)
{
    gapscan_status st = docx_parts(z, s, nent, "word/header");
    if (st != GAPSCAN_OK)
        return st;
    char *xml;
    size_t len;
    st = read_entry(z, doc, &xml, &len);
    if (st == GAPSCAN_OK)
        st = docx_part(z, s, xml, len, "word/document.xml");
    gs_free(z->mem, xml);
    if (st != GAPSCAN_OK)
        return st;
    return docx_parts(z, s, nent, "word/footer");
}

/* ---- ODT ---- */

static int odt_header_footer(const char *name)
{
    return !strcmp(name, "header") || !strcmp(name, "header-left") ||
           !strcmp(name, "header-first") || !strcmp(name, "footer") ||
           !strcmp(name, "footer-left") || !strcmp(name, "footer-first");
}

/* content.xml (the body) or styles.xml (only its page headers and footers,
 * which are read first). */
static gapscan_status odt_part(zctx *z, gs_sink *s, const char *xml, size_t len, const char *part,
                               int styles)
{
    xerr x;
    xmlTextReaderPtr r;
    gapscan_status ost = open_part(z, xml, len, &x, &r);
    if (ost != GAPSCAN_OK)
        return ost;
    int ret, skip = -1, in_para = 0, bullet = 0, gate = styles ? -1 : 0;
    int type, depth;
    while ((ret = next_node(r, &skip, &type, &depth)) == 1) {
        if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
            xmlFreeTextReader(r);
            return fail(z, GAPSCAN_EFORMAT, "%s with a DTD (not allowed; refused)", z->kind);
        }
        const xmlChar *ns = xmlTextReaderConstNamespaceUri(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            int empty = xmlTextReaderIsEmptyElement(r);
            if (styles && gate < 0) {
                if (ns && !strcmp((const char *)ns, STYLE_NS) && odt_header_footer(name) && !empty)
                    gate = depth;
                continue;
            }
            if (!ns)
                continue;
            if (!strcmp((const char *)ns, SVG_NS) ||
                is(ns, BAD_CAST name, OFFICE_NS, "annotation") ||
                is(ns, BAD_CAST name, TEXT_NS, "note") ||
                is(ns, BAD_CAST name, TEXT_NS, "tracked-changes")) {
                if (!empty)
                    skip = depth;
            } else if (is(ns, BAD_CAST name, TEXT_NS, "p") || is(ns, BAD_CAST name, TEXT_NS, "h")) {
                gs_sink_eol(s);
                if (bullet) {
                    gs_sink_str(s, "- ");
                    bullet = 0;
                }
                if (!empty)
                    in_para++;
                else
                    gs_sink_eol(s);
            } else if (is(ns, BAD_CAST name, TEXT_NS, "list-item")) {
                bullet = !empty;
            } else if (in_para && is(ns, BAD_CAST name, TEXT_NS, "s")) {
                xmlChar *c = xmlTextReaderGetAttributeNs(r, BAD_CAST "c", BAD_CAST TEXT_NS);
                long k = c ? strtol((const char *)c, NULL, 10) : 1;
                xmlFree(c);
                if (k < 1)
                    k = 1;
                if (k > 16)
                    k = 16;
                if (!s->bol)
                    gs_sink_text(s, "                ", (size_t)k, 0);
                s->space = 0;
            } else if (in_para && is(ns, BAD_CAST name, TEXT_NS, "tab")) {
                gs_sink_str(s, "\t");
                s->space = 0;
            } else if (in_para && is(ns, BAD_CAST name, TEXT_NS, "line-break")) {
                gs_sink_break(s);
            } else if (is(ns, BAD_CAST name, TABLE_NS, "table-cell") ||
                       is(ns, BAD_CAST name, TABLE_NS, "table-row")) {
                gs_sink_eol(s);
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (styles && gate == depth) {
                gate = -1;
                gs_sink_eol(s);
                continue;
            }
            if (is(ns, BAD_CAST name, TEXT_NS, "p") || is(ns, BAD_CAST name, TEXT_NS, "h")) {
                if (in_para)
                    in_para--;
                gs_sink_eol(s);
            } else if (is(ns, BAD_CAST name, TEXT_NS, "list-item")) {
                bullet = 0;
            } else if (is(ns, BAD_CAST name, TABLE_NS, "table-cell") ||
                       is(ns, BAD_CAST name, TABLE_NS, "table-row")) {
                gs_sink_eol(s);
            }
        } else if (in_para && gate >= 0 &&
                   (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                    type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                    type == XML_READER_TYPE_WHITESPACE)) {
            node_text(r, s, 1);
        }
        if (s->st != GAPSCAN_OK)
            break;
    }
    return walk_end(z, s, r, ret, &x, part);
}

static gapscan_status read_odt(zctx *z, gs_sink *s, zip_int64_t content)
{
    char *xml = NULL;
    size_t len;
    gapscan_status st = GAPSCAN_OK;
    zip_int64_t styles = zip_name_locate(z->za, "styles.xml", 0);
    if (styles >= 0) {
        st = read_entry(z, (zip_uint64_t)styles, &xml, &len);
        if (st == GAPSCAN_OK)
            st = odt_part(z, s, xml, len, "styles.xml", 1);
        gs_free(z->mem, xml);
        xml = NULL;
    }
    if (st == GAPSCAN_OK)
        st = read_entry(z, (zip_uint64_t)content, &xml, &len);
    if (st == GAPSCAN_OK)
        st = odt_part(z, s, xml, len, "content.xml", 0);
    gs_free(z->mem, xml);
    return st;
}

/* Does entry `name` exist and hold exactly `want` (give or take white space)? */
static gapscan_status entry_is(zctx *z, const char *name, const char *want, int *yes)
{
    *yes = 0;
    zip_int64_t i = zip_name_locate(z->za, name, 0);
    if (i < 0)
        return GAPSCAN_OK;
    char *v;
    size_t n;
    gapscan_status st = read_entry(z, (zip_uint64_t)i, &v, &n);
    if (st != GAPSCAN_OK)
        return st;
    while (n && (v[n - 1] == '\n' || v[n - 1] == '\r' || v[n - 1] == ' '))
        n--;
    *yes = n == strlen(want) && !memcmp(v, want, n);
    gs_free(z->mem, v);
    return GAPSCAN_OK;
}

gapscan_status gs_read_zip(gs_mem *mem, const char *data, size_t len, gs_sink *out,
                           const char **format, char *err, size_t errlen)
{
    zctx z = {mem, NULL, 0, err, errlen, "DOCX"};
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return fail(&z, GAPSCAN_ENOMEM, "%s", "out of memory");
    }
    z.za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z.za) {
        int code = zip_error_code_zip(&ze);
        zip_source_free(src);
        zip_error_fini(&ze);
        if (code == ZIP_ER_MEMORY)
            return fail(&z, GAPSCAN_ENOMEM, "%s", "out of memory");
        return fail(&z, GAPSCAN_EFORMAT, "%s", "not a zip archive (damaged or truncated)");
    }
    zip_error_fini(&ze);
    gapscan_status st;
    zip_int64_t nent = zip_get_num_entries(z.za, 0);
    zip_int64_t doc = zip_name_locate(z.za, "word/document.xml", 0);
    zip_int64_t types = zip_name_locate(z.za, "[Content_Types].xml", 0);
    int odt = 0;
    if (nent > MAX_ENTRIES) {
        st = fail(&z, GAPSCAN_EFORMAT, "%s", "unsupported zip archive (too many entries)");
    } else if (doc >= 0 && types >= 0) {
        *format = "docx";
        st = read_docx(&z, out, nent, (zip_uint64_t)doc);
    } else if ((st = entry_is(&z, "mimetype", ODT_MIME, &odt)) != GAPSCAN_OK) {
        /* the message is set */
    } else if (odt) {
        zip_int64_t content = zip_name_locate(z.za, "content.xml", 0);
        z.kind = "ODT";
        *format = "odt";
        if (content < 0)
            st = fail(&z, GAPSCAN_EFORMAT, "%s", "damaged ODT (no content.xml)");
        else
            st = read_odt(&z, out, content);
    } else {
        st = fail(&z, GAPSCAN_EFORMAT, "%s", "unsupported zip archive (not DOCX or ODT)");
    }
    zip_discard(z.za);
    return st;
}
