/* main.c - the gapscan command line: options, one report per CV, exit codes.
 * A thin layer over libgapscan; all messages to the user are printed here. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gapscan.h"

/* Exit codes (also in --help and the README). */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 2,    /* bad option, unknown target, bad --as-of */
    EXIT_INPUT = 3,    /* a CV could not be read (missing, empty, binary, too large) */
    EXIT_INTERNAL = 4  /* out of memory, broken built-in data, a bug */
};

static const char USAGE[] =
    "usage: gapscan CV... --target ID [options]\n"
    "       gapscan --list-targets\n"
    "       gapscan lexicon lookup TEXT | stats | lint\n"
    "\n"
    "Scores each CV (plain text or Markdown, any common encoding) against a\n"
    "target role and prints a gap report: the score, every requirement as met,\n"
    "partial or missing with the CV line that proves it, years and education.\n"
    "\n"
    "options:\n"
    "  -t, --target ID      target role id (see --list-targets)\n"
    "  -f, --format FMT     text (default), json (the contract report) or jsonl\n"
    "      --as-of YYYY-MM  month that \"present\" stands for (default: this month)\n"
    "      --max-input N    largest CV accepted, in bytes (default 20 MB)\n"
    "      --lexicon FILE   add your own skills and aliases (lines: id, name,\n"
    "                       category, aliases separated by |, flags)\n"
    "      --list-targets   list the target ids with their titles\n"
    "  -h, --help           this help\n"
    "  -V, --version        version and data attribution\n"
    "\n"
    "exit codes:\n"
    "  0  every CV was scored\n"
    "  2  usage error: bad option, unknown target, bad --as-of\n"
    "  3  input error: a CV could not be read (the others are still scored)\n"
    "  4  internal error: out of memory, invalid built-in data\n"
    "\n"
    "lexicon commands:\n"
    "  lookup TEXT   what TEXT maps to and why (found, hedged, implied, not counted)\n"
    "  stats         skills and surface forms by source and category\n"
    "  lint          duplicate aliases, aliases mapping to two skills, bad ids\n"
    "                (exit 1 when it finds any)\n"
    "\n"
    "example:\n"
    "  gapscan corpus/cvs/maria-garcia.md --target vp-ai-ml\n";

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gapscan: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'gapscan --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Is `a` the option (short or long, or "--long=value")? Sets *val for the
 * "=value" form. */
static int takes(const char *a, const char *shortname, const char *longname, const char **val)
{
    size_t n = strlen(longname);
    if ((shortname && !strcmp(a, shortname)) || !strcmp(a, longname))
        return 1;
    if (!strncmp(a, longname, n) && a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    return 0;
}

static int write_all(const char *s, size_t n)
{
    if (fwrite(s, 1, n, stdout) != n)
        return -1;
    return 0;
}

/* gapscan lexicon lookup TEXT... | stats | lint */
static int lexicon_command(gapscan_engine *eng, const char **args, size_t n)
{
    char *out = NULL;
    size_t len = 0, problems = 0;
    gapscan_status st;
    if (n >= 2 && !strcmp(args[0], "lookup")) {
        size_t total = 0;
        for (size_t i = 1; i < n; i++)
            total += strlen(args[i]) + 1;
        char *text = malloc(total + 1);
        if (!text) {
            fputs("gapscan: out of memory\n", stderr);
            return EXIT_INTERNAL;
        }
        text[0] = '\0';
        for (size_t i = 1; i < n; i++) {
            strcat(text, args[i]);
            strcat(text, i + 1 < n ? " " : "\n");
        }
        st = gapscan_lexicon_lookup(eng, text, strlen(text), &out, &len);
        free(text);
    } else if (n == 1 && !strcmp(args[0], "stats")) {
        st = gapscan_lexicon_stats(eng, &out, &len);
    } else if (n == 1 && !strcmp(args[0], "lint")) {
        st = gapscan_lexicon_lint(eng, &out, &len, &problems);
    } else {
        return usage_error("%s", "usage: gapscan lexicon lookup TEXT | stats | lint");
    }
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
        return st == GAPSCAN_EFORMAT ? EXIT_USAGE : EXIT_INTERNAL;
    }
    int rc = write_all(out, len) ? EXIT_INTERNAL : problems ? 1 : EXIT_OK;
    gapscan_free(out);
    return rc;
}

int main(int argc, char **argv)
{
    const char *target = NULL, *format = "text", *as_of = NULL, *lexicon = NULL;
    size_t max_input = 0;
    int list = 0;
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t nfiles = 0;
    if (!files) {
        fputs("gapscan: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (only_files || a[0] != '-' || !strcmp(a, "-")) {
            files[nfiles++] = a;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_files = 1;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            free(files);
            return EXIT_OK;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("gapscan %s\n%s", GAPSCAN_VERSION, gapscan_data_notice());
            free(files);
            return EXIT_OK;
        } else if (!strcmp(a, "--list-targets")) {
            list = 1;
        } else if (takes(a, "-t", "--target", &val) || takes(a, "-f", "--format", &val) ||
                   takes(a, NULL, "--as-of", &val) || takes(a, NULL, "--max-input", &val) ||
                   takes(a, NULL, "--lexicon", &val)) {
            if (!val) {
                if (i + 1 >= argc) {
                    free(files);
                    return usage_error("option %s needs a value", a);
                }
                val = argv[++i];
            }
            if (a[1] == 't' || !strncmp(a, "--target", 8))
                target = val;
            else if (a[1] == 'f' || !strncmp(a, "--format", 8))
                format = val;
            else if (!strncmp(a, "--as-of", 7))
                as_of = val;
            else if (!strncmp(a, "--lexicon", 9))
                lexicon = val;
            else {
                char *end;
                errno = 0;
                unsigned long long v = strtoull(val, &end, 10);
                if (errno || *end || !*val || v == 0) {
                    free(files);
                    return usage_error("bad --max-input '%s' (want a number of bytes)", val);
                }
                max_input = (size_t)v;
            }
        } else {
            free(files);
            return usage_error("unknown option '%s'", a);
        }
    }

    gapscan_format fmt;
    if (!strcmp(format, "text"))
        fmt = GAPSCAN_FORMAT_TEXT;
    else if (!strcmp(format, "json"))
        fmt = GAPSCAN_FORMAT_JSON;
    else if (!strcmp(format, "jsonl"))
        fmt = GAPSCAN_FORMAT_JSONL;
    else {
        free(files);
        return usage_error("unknown format '%s' (text, json or jsonl)", format);
    }
    int year = 0, month = 0;
    if (as_of && gapscan_parse_month(as_of, &year, &month)) {
        free(files);
        return usage_error("bad --as-of '%s' (want YYYY-MM)", as_of);
    }

    gapscan_engine *eng = NULL;
    gapscan_options opts = {lexicon};
    gapscan_status st = gapscan_open_ex(&opts, &eng);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "gapscan: %s\n", eng ? gapscan_errmsg(eng) : gapscan_strerror(st));
        gapscan_close(eng);
        free(files);
        /* a user's lexicon file that cannot be used is the user's to fix */
        return lexicon && (st == GAPSCAN_EIO || st == GAPSCAN_EDATA || st == GAPSCAN_ETOOBIG) ? EXIT_USAGE
                                                                                            : EXIT_INTERNAL;
    }
    if (nfiles && !strcmp(files[0], "lexicon")) {
        int rc = lexicon_command(eng, files + 1, nfiles - 1);
        gapscan_close(eng);
        free(files);
        return rc;
    }
    if (list) {
        for (size_t i = 0; i < gapscan_role_count(eng); i++) {
            const gapscan_role *r = gapscan_role_at(eng, i);
            printf("%-24s %s\n", gapscan_role_id(r), gapscan_role_title(r));
        }
        gapscan_close(eng);
        free(files);
        return EXIT_OK;
    }
    if (!target || !nfiles) {
        gapscan_close(eng);
        free(files);
        return usage_error("%s", !nfiles ? "no CV given" : "no --target given (see --list-targets)");
    }
    const gapscan_role *role = gapscan_role_get(eng, target);
    if (!role) {
        fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
        gapscan_close(eng);
        free(files);
        return EXIT_USAGE;
    }
    if (as_of)
        gapscan_set_as_of(eng, year, month);
    if (max_input)
        gapscan_set_max_input(eng, max_input);

    int rc = EXIT_OK;
    for (size_t i = 0; i < nfiles; i++) {
        gapscan_profile *prof = NULL;
        gapscan_match *m = NULL;
        char *out = NULL;
        size_t len = 0;
        if (!strcmp(files[i], "-")) {
            /* stdin, bounded like a file */
            size_t cap = 1 << 16, n = 0;
            char *buf = malloc(cap);
            size_t r;
            while (buf && (r = fread(buf + n, 1, cap - n, stdin)) > 0) {
                n += r;
                if (n == cap) {
                    char *nb = cap >= ((size_t)1 << 31) ? NULL : realloc(buf, cap * 2);
                    if (!nb) {
                        free(buf);
                        buf = NULL;
                        break;
                    }
                    buf = nb;
                    cap *= 2;
                }
            }
            if (!buf) {
                fputs("gapscan: -: out of memory\n", stderr);
                rc = EXIT_INTERNAL;
                continue;
            }
            st = gapscan_extract(eng, "-", buf, n, &prof);
            free(buf);
        } else {
            st = gapscan_extract_file(eng, files[i], &prof);
        }
        if (st == GAPSCAN_OK)
            st = gapscan_score(eng, prof, role, &m);
        if (st == GAPSCAN_OK)
            st = gapscan_render(eng, m, fmt, &out, &len);
        if (st == GAPSCAN_OK) {
            if (fmt == GAPSCAN_FORMAT_TEXT && i > 0)
                fputs("\n", stdout);
            if (write_all(out, len)) {
                fprintf(stderr, "gapscan: cannot write the report: %s\n", strerror(errno));
                rc = EXIT_INTERNAL;
            }
        } else {
            fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
            int code = (st == GAPSCAN_EIO || st == GAPSCAN_EFORMAT || st == GAPSCAN_ETOOBIG)
                           ? EXIT_INPUT
                           : EXIT_INTERNAL;
            if (code > rc)
                rc = code;
        }
        gapscan_free(out);
        gapscan_match_free(m);
        gapscan_profile_free(prof);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gapscan: cannot write the report: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    gapscan_close(eng);
    free(files);
    return rc;
}
