/* read_html.c - HTML and XHTML to lines with libxml2's HTML parser.
 *
 * htmlCtxtReadMemory with HTML_PARSE_NONET (no network), errors and warnings
 * off (a CV exported by a word processor is rarely valid HTML). The tree is
 * walked iteratively (parent/next pointers, no recursion), so the depth of a
 * document costs no stack; libxml2 itself stops a tree deeper than 256
 * elements, which we report as "HTML too deeply nested". Block elements,
 * headings, table cells and <br> end lines; script, style, head, template
 * and noscript are skipped; white space collapses as a browser would, except
 * inside <pre>. A DOCTYPE with an internal subset (entity declarations) has
 * no place in HTML and is refused. */
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read.h"

static const char *const SKIP[] = {"script", "style", "head", "template", "noscript", "title",
                                   NULL};
static const char *const BLOCK[] = {
    "p",       "div",    "li",      "h1",     "h2",        "h3",         "h4",
    "h5",      "h6",     "tr",      "td",     "th",        "section",    "article",
    "header",  "footer", "pre",     "blockquote", "dt",    "dd",         "ul",
    "ol",      "dl",     "table",   "thead",  "tbody",     "tfoot",      "caption",
    "nav",     "aside",  "main",    "address", "figure",   "figcaption", "hr",
    "form",    "fieldset", "legend", "details", "summary", "body",       "html",
    "center",  "option", NULL};

static int in_list(const char *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strcasecmp(name, list[i]))
            return 1;
    return 0;
}

/* "<!DOCTYPE ... [" : an internal subset, i.e. entity declarations. */
static int has_internal_subset(const char *data, size_t len)
{
    size_t n = len < 8192 ? len : 8192;
    for (size_t i = 0; i + 9 <= n; i++) {
        if (data[i] != '<' || strncasecmp(data + i, "<!doctype", 9))
            continue;
        for (size_t j = i + 9; j < len && data[j] != '>'; j++)
            if (data[j] == '[')
                return 1;
        return 0;
    }
    return 0;
}

typedef struct walk {
    gs_sink *s;
    int pre; /* inside <pre> */
} walk;

static void enter(walk *w, const char *name)
{
    if (!strcasecmp(name, "br")) {
        gs_sink_break(w->s);
        return;
    }
    if (!in_list(name, BLOCK))
        return;
    gs_sink_eol(w->s);
    if (!strcasecmp(name, "pre"))
        w->pre++;
    else if (!strcasecmp(name, "li"))
        gs_sink_str(w->s, "- ");
}

static void leave(walk *w, const char *name)
{
    if (!in_list(name, BLOCK))
        return;
    if (!strcasecmp(name, "pre") && w->pre > 0)
        w->pre--;
    gs_sink_eol(w->s);
}

gapscan_status gs_read_html(gs_mem *mem, const char *data, size_t len, gs_sink *out, char *err,
                            size_t errlen)
{
    (void)mem;
    if (has_internal_subset(data, len)) {
        snprintf(err, errlen, "HTML with entity declarations (refused)");
        return GAPSCAN_EFORMAT;
    }
    if (len > INT_MAX) {
        snprintf(err, errlen, "document too large when unpacked");
        return GAPSCAN_ETOOBIG;
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt) {
        snprintf(err, errlen, "out of memory");
        return GAPSCAN_ENOMEM;
    }
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING);
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    int too_deep = e && e->code == XML_ERR_INTERNAL_ERROR && e->message &&
                   strstr(e->message, "depth");
    int nomem = e && e->code == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    if (too_deep || nomem || !doc) {
        xmlFreeDoc(doc);
        snprintf(err, errlen, "%s",
                 too_deep ? "HTML too deeply nested" : nomem ? "out of memory" : "unreadable HTML");
        return too_deep || !nomem ? GAPSCAN_EFORMAT : GAPSCAN_ENOMEM;
    }

    walk w = {out, 0};
    xmlNodePtr top = (xmlNodePtr)doc;
    xmlNodePtr n = doc->children;
    while (n && out->st == GAPSCAN_OK) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE && n->name) {
            const char *name = (const char *)n->name;
            if (!in_list(name, SKIP)) {
                enter(&w, name);
                descend = n->children != NULL;
                if (!descend)
                    leave(&w, name);
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content) {
            gs_sink_text(out, (const char *)n->content, strlen((const char *)n->content), !w.pre);
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n && !n->next) {
            n = n->parent;
            if (!n || n == top) {
                n = NULL;
                break;
            }
            if (n->type == XML_ELEMENT_NODE && n->name)
                leave(&w, (const char *)n->name);
        }
        if (n)
            n = n->next;
    }
    xmlFreeDoc(doc);
    gs_sink_eol(out);
    if (out->st != GAPSCAN_OK)
        return gs_sink_fail(out, err, errlen);
    return GAPSCAN_OK;
}
