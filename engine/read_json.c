/* read_json.c - JSON Resume (jsonresume.org, schema v1.0.0) rendered as the
 * plain-text CV the text path already understands:
 *
 *   Name / label / contact line / Summary
 *   Experience:  "position, name, 2016-03 – 2020-11" then "- summary", "- highlight"
 *   Volunteer, Education ("studyType area, institution, START – END"),
 *   Awards, Certificates, Publications, Skills ("name: keyword, keyword"),
 *   Languages, Interests, Projects
 *
 * Dates are written YYYY-MM (a date with only a year stays a year); a work
 * item with a start and no end runs to "Present". Parsing is jansson's, which
 * bounds nesting depth; everything not in the schema is ignored. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "read.h"

/* The string member `key` of `obj`, or NULL when absent, not a string or blank. */
static const char *str(const json_t *obj, const char *key)
{
    const json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s)
        return NULL;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
            return s;
    return NULL;
}

/* A value on one line: line breaks become spaces. */
static void inline_text(gs_sink *s, const char *v)
{
    gs_sink_text(s, v, strlen(v), 1);
}

/* "2016-03-01" -> "2016-03", "2016-03" -> "2016-03", "2016" -> "2016"; other text as written. */
static void date_text(gs_sink *s, const char *v)
{
    size_t n = strlen(v);
    int y = n >= 4;
    for (size_t i = 0; i < 4 && y; i++)
        y = v[i] >= '0' && v[i] <= '9';
    if (y && (n == 4 || v[4] != '-')) {
        gs_sink_text(s, v, 4, 0);
        return;
    }
    if (y && n >= 7 && v[5] >= '0' && v[5] <= '1' && v[6] >= '0' && v[6] <= '9' &&
        (n == 7 || v[7] == '-' || v[7] == 'T')) {
        gs_sink_text(s, v, 7, 0);
        return;
    }
    inline_text(s, v);
}

/* ", START – END" after the heading line of an item; `present` when an item
 * with a start and no end is still going on. */
static void dates(gs_sink *s, const char *start, const char *end, int present, int *first)
{
    if (!start && !end)
        return;
    if (!*first)
        gs_sink_str(s, ", ");
    *first = 0;
    if (start) {
        date_text(s, start);
        if (end || present) {
            gs_sink_str(s, " \xE2\x80\x93 ");
            if (end)
                date_text(s, end);
            else
                gs_sink_str(s, "Present");
        }
    } else {
        date_text(s, end);
    }
}

/* Parts joined with ", ", the empty ones left out. */
static void part(gs_sink *s, const char *v, int *first)
{
    if (!v)
        return;
    if (!*first)
        gs_sink_str(s, ", ");
    *first = 0;
    inline_text(s, v);
}

/* A multi-line text as "- line" items (a summary may hold paragraphs). */
static void bullets(gs_sink *s, const char *v)
{
    if (!v)
        return;
    const char *p = v;
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t k = 0;
        while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r' || p[k] == '-' ||
                         p[k] == '*'))
            k++;
        if (k < n) {
            gs_sink_str(s, "- ");
            gs_sink_text(s, p + k, n - k, 1);
            gs_sink_eol(s);
        }
        p += e ? n + 1 : n;
    }
}

/* Every string of the array member `key` as a "- " item. */
static void bullet_array(gs_sink *s, const json_t *obj, const char *key)
{
    const json_t *a = json_object_get(obj, key);
    size_t i;
    const json_t *v;
    if (json_is_array(a))
        json_array_foreach(a, i, v) if (json_is_string(v)) bullets(s, json_string_value(v));
}

/* "name: a, b, c" from a list member, or just the name. */
static void keyword_line(gs_sink *s, const char *name, const json_t *list, const char *suffix)
{
    int first = 1;
    if (name)
        inline_text(s, name);
    if (suffix) {
        gs_sink_str(s, " (");
        inline_text(s, suffix);
        gs_sink_str(s, ")");
    }
    size_t i;
    const json_t *v;
    if (json_is_array(list))
        json_array_foreach(list, i, v) if (json_is_string(v) && json_string_length(v) > 0)
        {
            gs_sink_str(s, first ? (name ? ": " : "") : ", ");
            inline_text(s, json_string_value(v));
            first = 0;
        }
    gs_sink_eol(s);
}

static void heading(gs_sink *s, const char *title)
{
    gs_sink_eol(s);
    gs_sink_break(s);
    gs_sink_str(s, title);
    gs_sink_eol(s);
}

/* A section of dated items: a heading line from `fields` (object members,
 * joined with ", ") and its dates, then the summary and highlights. */
static void items(gs_sink *s, const json_t *root, const char *key, const char *title,
                  const char *const *fields, const char *start_key, const char *end_key,
                  int present)
{
    const json_t *a = json_object_get(root, key);
    if (!json_is_array(a) || json_array_size(a) == 0)
        return;
    heading(s, title);
    size_t i;
    const json_t *it;
    json_array_foreach(a, i, it)
    {
        if (!json_is_object(it))
            continue;
        if (i > 0)
            gs_sink_break(s);
        int first = 1;
        for (size_t f = 0; fields[f]; f++)
            part(s, str(it, fields[f]), &first);
        dates(s, start_key ? str(it, start_key) : NULL, end_key ? str(it, end_key) : NULL,
              present, &first);
        gs_sink_eol(s);
        bullets(s, str(it, "summary"));
        bullets(s, str(it, "description"));
        bullet_array(s, it, "highlights");
        bullet_array(s, it, "courses");
    }
}

static void basics(gs_sink *s, const json_t *b)
{
    if (!json_is_object(b))
        return;
    const char *name = str(b, "name"), *label = str(b, "label");
    if (name) {
        inline_text(s, name);
        gs_sink_eol(s);
    }
    if (label) {
        inline_text(s, label);
        gs_sink_eol(s);
    }
    int first = 1;
    const json_t *loc = json_object_get(b, "location");
    if (json_is_object(loc)) {
        part(s, str(loc, "city"), &first);
        part(s, str(loc, "region"), &first);
        part(s, str(loc, "countryCode"), &first);
    }
    static const char *const contact[] = {"email", "phone", "url", NULL};
    for (size_t i = 0; contact[i]; i++) {
        const char *v = str(b, contact[i]);
        if (!v)
            continue;
        gs_sink_str(s, first ? "" : " | ");
        first = 0;
        inline_text(s, v);
    }
    gs_sink_eol(s);
    const char *summary = str(b, "summary");
    if (summary) {
        heading(s, "Summary");
        gs_sink_text(s, summary, strlen(summary), 0);
        gs_sink_eol(s);
    }
}

static void render(gs_sink *s, const json_t *root)
{
    basics(s, json_object_get(root, "basics"));

    static const char *const work[] = {"position", "name", "company", NULL};
    items(s, root, "work", "Experience", work, "startDate", "endDate", 1);
    static const char *const vol[] = {"position", "organization", NULL};
    items(s, root, "volunteer", "Volunteer", vol, "startDate", "endDate", 1);

    const json_t *edu = json_object_get(root, "education");
    if (json_is_array(edu) && json_array_size(edu) > 0) {
        heading(s, "Education");
        size_t i;
        const json_t *it;
        json_array_foreach(edu, i, it)
        {
            if (!json_is_object(it))
                continue;
            int first = 1;
            const char *type = str(it, "studyType"), *area = str(it, "area");
            if (type || area) {
                first = 0;
                if (type)
                    inline_text(s, type);
                if (type && area)
                    gs_sink_str(s, " ");
                if (area)
                    inline_text(s, area);
            }
            part(s, str(it, "institution"), &first);
            dates(s, str(it, "startDate"), str(it, "endDate"), 0, &first);
            gs_sink_eol(s);
            bullet_array(s, it, "courses");
        }
    }

    static const char *const award[] = {"title", "awarder", NULL};
    items(s, root, "awards", "Awards", award, "date", NULL, 0);
    static const char *const cert[] = {"name", "issuer", NULL};
    items(s, root, "certificates", "Certificates", cert, "date", NULL, 0);
    static const char *const pub[] = {"name", "publisher", NULL};
    items(s, root, "publications", "Publications", pub, "releaseDate", NULL, 0);

    const json_t *skills = json_object_get(root, "skills");
    if (json_is_array(skills) && json_array_size(skills) > 0) {
        heading(s, "Skills");
        size_t i;
        const json_t *it;
        json_array_foreach(skills, i, it) if (json_is_object(it))
            keyword_line(s, str(it, "name"), json_object_get(it, "keywords"), NULL);
    }
    const json_t *langs = json_object_get(root, "languages");
    if (json_is_array(langs) && json_array_size(langs) > 0) {
        heading(s, "Languages");
        size_t i;
        const json_t *it;
        json_array_foreach(langs, i, it) if (json_is_object(it) && str(it, "language"))
            keyword_line(s, str(it, "language"), NULL, str(it, "fluency"));
    }
    const json_t *interests = json_object_get(root, "interests");
    if (json_is_array(interests) && json_array_size(interests) > 0) {
        heading(s, "Interests");
        size_t i;
        const json_t *it;
        json_array_foreach(interests, i, it) if (json_is_object(it))
            keyword_line(s, str(it, "name"), json_object_get(it, "keywords"), NULL);
    }

    const json_t *projects = json_object_get(root, "projects");
    if (json_is_array(projects) && json_array_size(projects) > 0) {
        heading(s, "Projects");
        size_t i;
        const json_t *it;
        json_array_foreach(projects, i, it)
        {
            if (!json_is_object(it))
                continue;
            if (i > 0)
                gs_sink_break(s);
            int first = 1;
            part(s, str(it, "name"), &first);
            part(s, str(it, "entity"), &first);
            dates(s, str(it, "startDate"), str(it, "endDate"), 0, &first);
            gs_sink_eol(s);
            bullets(s, str(it, "description"));
            bullet_array(s, it, "highlights");
            const json_t *kw = json_object_get(it, "keywords");
            if (json_is_array(kw) && json_array_size(kw) > 0) {
                gs_sink_str(s, "- ");
                keyword_line(s, "Technologies", kw, NULL);
            }
        }
    }
    gs_sink_eol(s);
}

gapscan_status gs_read_json(gs_mem *mem, const char *data, size_t len, gs_sink *out,
                            int *not_resume, char *err, size_t errlen)
{
    (void)mem;
    *not_resume = 0;
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_ALLOW_NUL, &je);
    if (!root && strstr(je.text, "depth")) {
        /* JSON past jansson's depth bound is meant as JSON, not as text */
        snprintf(err, errlen, "JSON nested too deeply (line %d: %s)", je.line, je.text);
        return GAPSCAN_EFORMAT;
    }
    if (!json_is_object(root) ||
        (!json_object_get(root, "basics") && !json_object_get(root, "work"))) {
        json_decref(root);
        *not_resume = 1;
        return GAPSCAN_OK;
    }
    render(out, root);
    json_decref(root);
    if (out->st != GAPSCAN_OK)
        return gs_sink_fail(out, err, errlen);
    return GAPSCAN_OK;
}
