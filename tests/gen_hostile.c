/* gen_hostile.c - writes pathological CVs for tests/hostile.sh and
 * tests/linear.sh, so that no large file is kept in the repository.
 *
 *   gen_hostile SHAPE N FILE
 *
 * N is the size of the shape (bytes, lines, tokens or depth, see below); the
 * output grows linearly with N. Shapes:
 *   line       one line of about N bytes: skills, dates, figures, cues
 *   flat       one line of N bytes of a single letter
 *   bullets    N bullet lines under a dated position
 *   dates      N date ranges, one per line, most without a title
 *   dateline   N date-like tokens on one line
 *   regex      lines built to make backtracking regexes slow, about N bytes,
 *              each run of them about N/16 long
 *   nul        about N bytes of CV text with NUL bytes in it
 *   badutf8    about N bytes of CV text with invalid UTF-8 in it
 *   utf16      about N bytes of UTF-16LE CV text without a BOM
 *   html       HTML nested N elements deep, CV lines at every level
 *   docx       a DOCX whose document.xml nests N levels deep (2 elements each)
 *   odt        an ODT whose content.xml nests N sections deep
 *   json       a JSON Resume whose highlights nest N arrays deep
 *   jsonwide   a JSON Resume with N highlights
 *   rtf        RTF nested N groups deep, CV lines at every level
 *
 * Exit 0, or 1 with a message. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

typedef struct out {
    char *p;
    size_t n, cap;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (o->n + n + 1 > cap)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p) {
            fputs("gen_hostile: out of memory\n", stderr);
            exit(1);
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

static void puts_(out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* s repeated until o holds at least n more bytes. */
static void fill(out *o, const char *const *units, size_t nunits, size_t n)
{
    size_t end = o->n + n;
    for (size_t i = 0; o->n < end; i++)
        puts_(o, units[i % nunits]);
}

static const char *const LINE_UNITS[] = {
    "Python and SQL, Jan 2015 - Mar 2019, led a team of 12 engineers, 5 years of Kafka; ",
    "no experience with Go or R but familiar with Docker, Java 17, Scala (3 yrs) ",
    "managed 40 people at Acme since 2020 using Spark and Airflow, 2018-2019 ",
    "want to learn Rust, exposure to Kubernetes, T-SQL and C++ in 2016.03-2017.11; ",
};

static const char *const BULLETS[] = {
    "- Built pipelines in Python and Apache Spark\n", "- SQL tuning on PostgreSQL, 6 years of SQL\n",
    "- Led a team of 8 engineers\n", "- no experience with Kafka; familiar with Docker\n",
    "- Go developer, R for statistics\n", "- Kubernetes (EKS), Terraform, CI/CD\n",
};

static const char CV_HEAD[] = "Jane Roe\nEXPERIENCE\nHead of Data, Acme, Jan 2018 - Present\n";

/* The body of a small CV, for the encoding shapes. */
static const char *const CV_LINES[] = {
    "Senior Data Engineer, Initech, 2014 - 2017\n", "- Python, SQL, Airflow and Kafka\n",
    "- Grew the team to 12 engineers\n", "MSc Computer Science, 2013\n",
};

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
        fprintf(stderr, "gen_hostile: %s: cannot write\n", path);
        exit(1);
    }
}

/* A zip of two entries written to path: name0 holding the string data0
 * (stored, as an ODT's mimetype must be), name1 holding part1. */
static void write_zip(const char *path, const char *name0, const char *data0, const char *name1,
                      const out *part1)
{
    int err = 0;
    remove(path);
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        fprintf(stderr, "gen_hostile: %s: cannot create the zip (%d)\n", path, err);
        exit(1);
    }
    zip_source_t *s0 = zip_source_buffer(z, data0, strlen(data0), 0);
    zip_source_t *s1 = s0 ? zip_source_buffer(z, part1->p, part1->n, 0) : NULL;
    if (!s0 || zip_file_add(z, name0, s0, ZIP_FL_OVERWRITE) < 0 ||
        zip_set_file_compression(z, 0, ZIP_CM_STORE, 0) < 0 || !s1 ||
        zip_file_add(z, name1, s1, ZIP_FL_OVERWRITE) < 0 || zip_close(z) != 0) {
        fprintf(stderr, "gen_hostile: %s: %s\n", path, zip_strerror(z));
        exit(1);
    }
}

/* depth levels, each opened with `open` and then holding the four lines of
 * CV_LINES, each written as pre + line + post; then `middle`, and every level
 * closed. */
static void nest(out *o, const char *open, const char *close, const char *pre, const char *post,
                 const char *middle, size_t depth)
{
    for (size_t i = 0; i < depth; i++) {
        puts_(o, open);
        for (size_t k = 0; k < 4; k++) {
            puts_(o, pre);
            put(o, CV_LINES[k], strlen(CV_LINES[k]) - 1);
            puts_(o, post);
        }
    }
    puts_(o, middle);
    for (size_t i = 0; i < depth; i++)
        puts_(o, close);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fputs("usage: gen_hostile SHAPE N FILE\n", stderr);
        return 1;
    }
    const char *shape = argv[1], *path = argv[3];
    size_t n = strtoul(argv[2], NULL, 10);
    out o = {0};
    if (!strcmp(shape, "line")) {
        fill(&o, LINE_UNITS, sizeof LINE_UNITS / sizeof *LINE_UNITS, n);
        puts_(&o, "\n");
    } else if (!strcmp(shape, "flat")) {
        for (size_t i = 0; i < n; i++)
            put(&o, "a", 1);
        puts_(&o, "\n");
    } else if (!strcmp(shape, "bullets")) {
        puts_(&o, CV_HEAD);
        for (size_t i = 0; i < n; i++)
            puts_(&o, BULLETS[i % (sizeof BULLETS / sizeof *BULLETS)]);
    } else if (!strcmp(shape, "dates")) {
        static const char *const d[] = {"Jan 2015 - Mar 2019\n", "2001 - 2003\n",
                                        "Data Engineer, Acme, 03/2016 - 11/2020\n", "2019 - 2015\n",
                                        "since 2021\n", "Q3 2017 - Q1 2019\n", "Summer 2019\n"};
        puts_(&o, "EXPERIENCE\n");
        for (size_t i = 0; i < n; i++)
            puts_(&o, d[i % (sizeof d / sizeof *d)]);
    } else if (!strcmp(shape, "dateline")) {
        static const char *const d[] = {"Jan 2015 ", "- ", "2019 ", "03/2016 ", "to ", "present, "};
        for (size_t i = 0; i < n; i++)
            puts_(&o, d[i % (sizeof d / sizeof *d)]);
        puts_(&o, "\n");
    } else if (!strcmp(shape, "regex")) {
        /* each line defeats one pattern: long white space after a year, a
         * month, a number or a skill, runs of separators and numbers,
         * "years" without a skill */
        size_t k = 0, len = n / 16 + 1; /* every run grows with n */
        puts_(&o, "2015");
        for (k = 0; k < len; k++)
            put(&o, " ", 1);
        puts_(&o, "x\nJan");
        for (k = 0; k < len; k++)
            put(&o, " \t", 2);
        puts_(&o, "'\n");
        for (k = 0; k < len / 4; k++)
            puts_(&o, "1/ 2-");
        puts_(&o, "\n");
        for (k = 0; k < len / 8; k++)
            puts_(&o, "5 years ");
        puts_(&o, "\nmanaged 12");
        for (k = 0; k < len / 4; k++)
            puts_(&o, " a/");
        puts_(&o, "\n");
        for (k = 0; k < len / 8; k++)
            puts_(&o, "since 20");
        puts_(&o, "\n");
        for (k = 0; k < len / 8; k++)
            puts_(&o, "team of ");
        puts_(&o, "\n5");
        for (k = 0; k < len; k++)
            put(&o, " ", 1);
        puts_(&o, "x years\nPython");
        for (k = 0; k < len; k++)
            put(&o, " ", 1);
        puts_(&o, "x and SQL");
        for (k = 0; k < len; k++)
            put(&o, " ", 1);
        puts_(&o, "- 7 years\n");
    } else if (!strcmp(shape, "nul") || !strcmp(shape, "badutf8")) {
        static const char *const bad[] = {"\xC3", "\xFF\xFE", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                          "\xC0\xAF", "\x80\x80", "\xE2\x82"};
        int nul = !strcmp(shape, "nul");
        puts_(&o, CV_HEAD);
        for (size_t i = 0; o.n < n; i++) {
            const char *l = CV_LINES[i % 4];
            size_t half = strlen(l) / 2;
            put(&o, l, half);
            if (nul)
                put(&o, "\0\0", 1 + i % 2);
            else
                puts_(&o, bad[i % (sizeof bad / sizeof *bad)]);
            puts_(&o, l + half);
        }
    } else if (!strcmp(shape, "utf16")) {
        out t = {0};
        puts_(&t, CV_HEAD);
        for (size_t i = 0; t.n * 2 < n; i++)
            puts_(&t, CV_LINES[i % 4]);
        for (size_t i = 0; i < t.n; i++) {
            char u[2] = {t.p[i], 0};
            put(&o, u, 2);
        }
        free(t.p);
    } else if (!strcmp(shape, "html")) {
        puts_(&o, "<!DOCTYPE html><html><body><h1>Jane Roe</h1><p>Head of Data, Acme, 2018 - 2020</p>");
        nest(&o, "<div>", "</div>", "<p>", "</p>", "", n);
        puts_(&o, "</body></html>\n");
    } else if (!strcmp(shape, "docx")) {
        puts_(&o, "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas."
                  "openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                  "<w:p><w:r><w:t>Head of Data, Acme, 2018 - 2020</w:t></w:r></w:p>");
        nest(&o, "<w:sdt><w:sdtContent>", "</w:sdtContent></w:sdt>", "<w:p><w:r><w:t>",
             "</w:t></w:r></w:p>", "", n);
        puts_(&o, "</w:body></w:document>");
        write_zip(path, "[Content_Types].xml",
                  "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
                  "package/2006/content-types\"/>",
                  "word/document.xml", &o);
        free(o.p);
        return 0;
    } else if (!strcmp(shape, "odt")) {
        puts_(&o, "<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:"
                  "oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:"
                  "names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                  "<text:p>Head of Data, Acme, 2018 - 2020</text:p>");
        nest(&o, "<text:section>", "</text:section>", "<text:p><text:span>",
             "</text:span></text:p>", "", n);
        puts_(&o, "</office:text></office:body></office:document-content>");
        write_zip(path, "mimetype", "application/vnd.oasis.opendocument.text", "content.xml", &o);
        free(o.p);
        return 0;
    } else if (!strcmp(shape, "json")) {
        puts_(&o, "{\"basics\": {\"name\": \"Jane Roe\"}, \"work\": [{\"position\": \"Head of Data\", "
                  "\"startDate\": \"2018-01\", \"endDate\": \"2020-06\", \"highlights\": ");
        nest(&o, "[", "]", "\"", "\", ", "\"\"", n);
        puts_(&o, "}]}\n");
    } else if (!strcmp(shape, "jsonwide")) {
        puts_(&o, "{\"basics\": {\"name\": \"Jane Roe\"}, \"work\": [{\"position\": \"Head of Data\", "
                  "\"startDate\": \"2018-01\", \"endDate\": \"2020-06\", \"highlights\": [");
        for (size_t i = 0; i < n; i++) {
            puts_(&o, i ? ", \"" : "\"");
            const char *b = BULLETS[i % (sizeof BULLETS / sizeof *BULLETS)] + 2;
            put(&o, b, strlen(b) - 1);
            puts_(&o, "\"");
        }
        puts_(&o, "]}]}\n");
    } else if (!strcmp(shape, "rtf")) {
        puts_(&o, "{\\rtf1\\ansi Head of Data, Acme, 2018 - 2020\\par ");
        nest(&o, "{\\b ", "}", "", "\\par ", "", n);
        puts_(&o, "}\n");
    } else {
        fprintf(stderr, "gen_hostile: unknown shape '%s'\n", shape);
        return 1;
    }
    write_file(path, o.p ? o.p : "", o.n);
    free(o.p);
    return 0;
}
