/* main.c - the gapscan command line: options, one report per CV, exit codes.
 * A thin layer over libgapscan; all messages to the user are printed here. */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_batch.h"
#include "gapscan.h"

/* Exit codes (also in --help and the README). */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 2,    /* bad option, unknown target, bad --as-of */
    EXIT_INPUT = 3,    /* a CV could not be read (missing, empty, binary, too large) */
    EXIT_INTERNAL = 4  /* out of memory, broken built-in data, a bug */
};

static const char USAGE[] =
    "usage: gapscan CV|DIR... --target ID [options]\n"
    "       gapscan CV --job JD | --role-file ROLE.xml [options]\n"
    "       gapscan report --db FILE --target ID [--format FMT] [-o DIR] [--cv PATH]\n"
    "       gapscan --stdin-jsonl --target ID\n"
    "       gapscan --list-targets | roles | roles show ID\n"
    "       gapscan role compile JD [-o ROLE.xml]\n"
    "       gapscan lexicon lookup TEXT | stats | lint\n"
    "\n"
    "Scores each CV against a target role and prints a gap report: the score,\n"
    "every requirement as met, partial or missing with the CV line that proves\n"
    "it, years and education. CVs may be PDF, DOCX, ODT, HTML, RTF, .doc, JSON\n"
    "Resume, or plain text/Markdown in any common encoding; the format is read\n"
    "from the content, not the file name.\n"
    "\n"
    "A folder, or more than one CV, is a batch: the CVs are scored in parallel\n"
    "and ranked in a table (rank, score, candidate, top gaps, years, degree).\n"
    "\n"
    "options:\n"
    "  -t, --target ID      target role id (see --list-targets); repeat it, or\n"
    "                       say 'all', for one column per target in a batch\n"
    "  -f, --format FMT     the report's format (below)\n"
    "  -o, --output PATH    one CV: write the report to this file; a batch in\n"
    "                       html or md: write a report per CV and index.html\n"
    "                       (index.md) into this folder (made if missing);\n"
    "                       role compile: the role file (default: stdout)\n"
    "      --color[=WHEN]   colour in the text report: auto (default: when\n"
    "                       stdout is a terminal and NO_COLOR is unset),\n"
    "                       always or never; --color alone is always\n"
    "                       (--colour is the same)\n"
    "  -j, --jobs N         worker threads for a batch (default: the cores)\n"
    "      --db FILE        record every scan in this SQLite store; unchanged CVs\n"
    "                       (same content, lexicon and --as-of) are not rescanned\n"
    "      --rescan         scan again what the store already has\n"
    "      --cv PATH        report: only this CV's stored report (json, jsonl,\n"
    "                       md or html; one --target)\n"
    "      --stdin-jsonl    pipeline mode: read {\"id\",\"text\"|\"path\"} lines on\n"
    "                       stdin, write one report line each (with \"id\")\n"
    "      --as-of YYYY-MM  month that \"present\" stands for (default: this month)\n"
    "      --max-input N    largest CV accepted, in bytes (default 20 MB)\n"
    "      --lexicon FILE   add your own skills and aliases (lines: id, name,\n"
    "                       category, aliases separated by |, flags)\n"
    "      --list-targets   list the target ids with their titles\n"
    "      --job FILE       a job description (text, Markdown, HTML, DOCX, PDF...)\n"
    "                       compiled into the target role, for one CV or a\n"
    "                       batch (not with --target or --db)\n"
    "      --role-file FILE a role file of your own (the corpus/roles schema),\n"
    "                       e.g. written by 'gapscan role compile'; used as\n"
    "                       --job is\n"
    "  -h, --help           this help\n"
    "  -V, --version        version and data attribution\n"
    "\n"
    "formats (--format):\n"
    "  text   the gap report for a terminal, 80 columns (default for one CV)\n"
    "  table  the ranked table (default for a batch and for report)\n"
    "  csv    the ranked table as CSV\n"
    "  json   the contract's JSON report; a JSON array for a batch\n"
    "  jsonl  one JSON report per line\n"
    "  html   one self-contained page (no script, nothing fetched): score,\n"
    "         requirements, gap list, timeline; a batch needs -o DIR\n"
    "  md     Markdown for tickets and e-mail; a batch prints the ranking,\n"
    "         or with -o DIR writes a page per CV and index.md\n"
    "\n"
    "exit codes:\n"
    "  0  every CV was scored\n"
    "  1  lexicon lint found problems\n"
    "  2  usage error: bad option, unknown target, bad --as-of, an -o or --db\n"
    "     path that cannot be used\n"
    "  3  input error: a CV could not be read (the others are still scored),\n"
    "     or report --cv names a CV the store does not have\n"
    "  4  internal error: out of memory, invalid built-in data, a write failed\n"
    "\n"
    "lexicon commands:\n"
    "  lookup TEXT   what TEXT maps to and why (found, hedged, implied, not counted)\n"
    "  stats         skills and surface forms by source and category\n"
    "  lint          duplicate aliases, aliases mapping to two skills, bad ids\n"
    "\n"
    "report: the ranking of a store (--db FILE), without rescanning\n"
    "role compile: a job description as a role file to review, edit and use\n"
    "  with --role-file; lines no skill explains are kept as <not-checked/>\n"
    "roles: the built-in targets; roles show ID: a role's requirements as the\n"
    "  engine understands them (ID may also be a role file)\n"
    "\n"
    "examples:\n"
    "  gapscan corpus/cvs/maria-garcia.md --target vp-ai-ml\n"
    "  gapscan corpus/cvs/li-wei.md -t ai-ml-developer -f html -o li-wei.html\n"
    "  gapscan corpus/cvs/ --target vp-ai-ml --format html -o site/\n"
    "  gapscan corpus/cvs/ --target vp-ai-ml --target data-engineer --db scans.db\n"
    "  gapscan report --db scans.db --target vp-ai-ml --format md\n"
    "\n"
    "See gapscan(1) for more.\n";

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

/* Score one CV, or several one after the other in text form: the behaviour
 * of a single CV (a text report by default). */
static int single(gapscan_engine *eng, const gapscan_role *role, const char **files, size_t nfiles,
                  gapscan_format fmt, unsigned flags, const char *output)
{
    int rc = EXIT_OK;
    gapscan_status st;
    FILE *dst = output ? fopen(output, "w") : stdout;
    if (!dst) {
        fprintf(stderr, "gapscan: %s: %s\n", output, strerror(errno));
        return EXIT_USAGE;
    }
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
            st = gapscan_render_ex(eng, m, fmt, flags, &out, &len);
        if (st == GAPSCAN_OK) {
            if (fmt == GAPSCAN_FORMAT_TEXT && i > 0)
                fputs("\n", dst);
            if (fwrite(out, 1, len, dst) != len) {
                fprintf(stderr, "gapscan: %s: %s\n", output ? output : "cannot write the report", strerror(errno));
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
    if (dst != stdout ? fclose(dst) != 0 : fflush(stdout) != 0) {
        fprintf(stderr, "gapscan: %s: %s\n", output ? output : "cannot write the report", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    return rc;
}

/* Colour for the text report: --color=always, or auto (the default) when
 * stdout is a terminal and NO_COLOR is unset or empty. */
static unsigned color_flags(const char *when)
{
    const char *no = getenv("NO_COLOR");
    if (!strcmp(when, "always"))
        return GAPSCAN_RENDER_COLOR;
    if (!strcmp(when, "auto") && isatty(1) && !(no && *no))
        return GAPSCAN_RENDER_COLOR;
    return 0;
}

/* A job description compiled, or a role file loaded, for --job / --role-file. */
static int own_role(gapscan_engine *eng, const char *job, const char *role_file, gapscan_role **out)
{
    gapscan_status st = job ? gapscan_role_compile_file(eng, job, out)
                            : gapscan_role_load_file(eng, role_file, out);
    if (st == GAPSCAN_OK)
        return EXIT_OK;
    fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
    if (st == GAPSCAN_ENOMEM || st == GAPSCAN_EINTERNAL)
        return EXIT_INTERNAL;
    /* a role file is the user's to fix; a job description is an input */
    return role_file ? EXIT_USAGE : EXIT_INPUT;
}

/* gapscan roles | roles show ID|FILE | role compile JD [-o OUT] */
static int role_command(gapscan_engine *eng, const char **args, size_t n, const char *output)
{
    char *out = NULL;
    size_t len = 0;
    gapscan_status st = GAPSCAN_OK;
    if (!strcmp(args[0], "roles") && n == 1 && !output) {
        for (size_t i = 0; i < gapscan_role_count(eng); i++) {
            const gapscan_role *r = gapscan_role_at(eng, i);
            printf("%-24s %s\n", gapscan_role_id(r), gapscan_role_title(r));
        }
        return fflush(stdout) ? EXIT_INTERNAL : EXIT_OK;
    }
    gapscan_role *own = NULL;
    if (!strcmp(args[0], "roles") && n == 3 && !strcmp(args[1], "show") && !output) {
        const gapscan_role *r = NULL;
        size_t l = strlen(args[2]);
        if (l > 4 && !strcmp(args[2] + l - 4, ".xml")) {
            int rc = own_role(eng, NULL, args[2], &own);
            if (rc != EXIT_OK)
                return rc;
            r = own;
        } else if (!(r = gapscan_role_get(eng, args[2]))) {
            fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
            return EXIT_USAGE;
        }
        st = gapscan_role_describe(eng, r, &out, &len);
    } else if (!strcmp(args[0], "role") && n == 3 && !strcmp(args[1], "compile")) {
        int rc = own_role(eng, args[2], NULL, &own);
        if (rc != EXIT_OK)
            return rc;
        st = gapscan_role_write_xml(eng, own, &out, &len);
    } else {
        return usage_error("%s", "usage: gapscan roles | roles show ID | role compile JD [-o OUT]");
    }
    gapscan_role_free(own);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
        return EXIT_INTERNAL;
    }
    int rc = EXIT_OK;
    if (output) {
        FILE *f = fopen(output, "w");
        int bad = !f || fwrite(out, 1, len, f) != len;
        int e = errno;
        if (f && fclose(f) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        if (bad) {
            fprintf(stderr, "gapscan: %s: cannot write: %s\n", output, strerror(e));
            rc = EXIT_INTERNAL;
        }
    } else if (write_all(out, len) || fflush(stdout)) {
        fprintf(stderr, "gapscan: cannot write: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    gapscan_free(out);
    return rc;
}

static int is_dir(const char *path)
{
    struct stat sb;
    return strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int run(int argc, char **argv, const char **files, const char **targets)
{
    const char *format = NULL, *as_of = NULL, *lexicon = NULL, *db = NULL;
    const char *job = NULL, *role_file = NULL, *output = NULL, *color = "auto", *cv = NULL;
    size_t max_input = 0, nfiles = 0, ntargets = 0;
    int list = 0, rescan = 0, stdin_jsonl = 0, jobs = 0, all_targets = 0;
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
            return EXIT_OK;
        } else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
            printf("gapscan %s\n%s", GAPSCAN_VERSION, gapscan_data_notice());
            return EXIT_OK;
        } else if (!strcmp(a, "--list-targets")) {
            list = 1;
        } else if (!strcmp(a, "--rescan")) {
            rescan = 1;
        } else if (!strcmp(a, "--stdin-jsonl")) {
            stdin_jsonl = 1;
        } else if (!strcmp(a, "--color") || !strcmp(a, "--colour")) {
            color = "always";
        } else if (!strncmp(a, "--color=", 8) || !strncmp(a, "--colour=", 9)) {
            color = strchr(a, '=') + 1;
            if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
                return usage_error("bad --color '%s' (want auto, always or never)", color);
        } else if (takes(a, "-t", "--target", &val) || takes(a, "-f", "--format", &val) ||
                   takes(a, NULL, "--as-of", &val) || takes(a, NULL, "--max-input", &val) ||
                   takes(a, NULL, "--lexicon", &val) || takes(a, "-j", "--jobs", &val) ||
                   takes(a, NULL, "--db", &val) || takes(a, NULL, "--job", &val) ||
                   takes(a, NULL, "--role-file", &val) || takes(a, "-o", "--output", &val) ||
                   takes(a, NULL, "--cv", &val)) {
            if (!val) {
                if (i + 1 >= argc)
                    return usage_error("option %s needs a value", a);
                val = argv[++i];
            }
            if (a[1] == 't' || !strncmp(a, "--target", 8)) {
                if (!strcmp(val, "all"))
                    all_targets = 1;
                else {
                    size_t k = 0;
                    while (k < ntargets && strcmp(targets[k], val))
                        k++;
                    if (k == ntargets)
                        targets[ntargets++] = val;
                }
            } else if (a[1] == 'f' || !strncmp(a, "--format", 8)) {
                format = val;
            } else if (!strncmp(a, "--as-of", 7)) {
                as_of = val;
            } else if (!strncmp(a, "--lexicon", 9)) {
                lexicon = val;
            } else if (!strncmp(a, "--db", 4)) {
                db = val;
            } else if (!strncmp(a, "--job", 5)) {
                job = val;
            } else if (!strncmp(a, "--role-file", 11)) {
                role_file = val;
            } else if (a[1] == 'o' || !strncmp(a, "--output", 8)) {
                output = val;
            } else if (!strncmp(a, "--cv", 4)) {
                cv = val;
            } else {
                char *end;
                errno = 0;
                unsigned long long v = strtoull(val, &end, 10);
                int is_jobs = a[1] == 'j' || !strncmp(a, "--jobs", 6);
                if (errno || *end || !*val || v == 0 || (is_jobs && v > 1024)) {
                    if (is_jobs)
                        return usage_error("bad --jobs '%s' (want 1 to 1024 threads)", val);
                    return usage_error("bad --max-input '%s' (want a number of bytes)", val);
                }
                if (is_jobs)
                    jobs = (int)v;
                else
                    max_input = (size_t)v;
            }
        } else {
            return usage_error("unknown option '%s'", a);
        }
    }

    int report = nfiles && !strcmp(files[0], "report") && !stdin_jsonl;
    if (report && !db)
        return usage_error("%s", "gapscan report needs --db FILE");
    /* a batch: a folder, more than one CV, a store, or more than one target */
    int batch = nfiles > 1 || db || ntargets > 1 || all_targets || report;
    for (size_t i = 0; !batch && i < nfiles; i++)
        batch = is_dir(files[i]);
    cli_format cfmt = batch ? CLI_TABLE : CLI_TEXT;
    gapscan_format fmt = GAPSCAN_FORMAT_TEXT;
    if (!format || !strcmp(format, "text")) {
        if (format)
            cfmt = CLI_TEXT;
    } else if (!strcmp(format, "json")) {
        fmt = GAPSCAN_FORMAT_JSON;
        cfmt = CLI_JSON;
    } else if (!strcmp(format, "jsonl")) {
        fmt = GAPSCAN_FORMAT_JSONL;
        cfmt = CLI_JSONL;
    } else if (!strcmp(format, "table")) {
        cfmt = CLI_TABLE;
        batch = 1;
    } else if (!strcmp(format, "csv")) {
        cfmt = CLI_CSV;
        batch = 1;
    } else if (!strcmp(format, "html")) {
        fmt = GAPSCAN_FORMAT_HTML;
        cfmt = CLI_HTML;
    } else if (!strcmp(format, "md")) {
        fmt = GAPSCAN_FORMAT_MD;
        cfmt = CLI_MD;
    } else {
        return usage_error("unknown format '%s' (text, table, csv, json, jsonl, html or md)", format);
    }
    if (report && cfmt == CLI_TEXT)
        return usage_error("%s", "gapscan report prints table, csv, json, jsonl, md or html");
    if (cv && !report)
        return usage_error("%s", "--cv is for 'gapscan report'");
    if (report && cv && (cfmt == CLI_TABLE || cfmt == CLI_CSV))
        return usage_error("%s", "gapscan report --cv prints json, jsonl, md or html");
    if (report && cv && (ntargets != 1 || all_targets))
        return usage_error("%s", "gapscan report --cv takes one --target");
    if (report && !cv && output && cfmt != CLI_HTML && cfmt != CLI_MD)
        return usage_error("%s", "gapscan report -o DIR is for --format html or md");
    if (report && !cv && cfmt == CLI_HTML && !output)
        return usage_error("%s", "gapscan report --format html writes a folder: give -o DIR (or --cv PATH)");
    if (stdin_jsonl && (nfiles || db || (format && cfmt != CLI_JSONL)))
        return usage_error("%s", "--stdin-jsonl reads standard input and writes jsonl; give no CV, --db or other --format");
    if (rescan && !db)
        return usage_error("%s", "--rescan needs --db FILE");
    int year = 0, month = 0;
    if (as_of && gapscan_parse_month(as_of, &year, &month))
        return usage_error("bad --as-of '%s' (want YYYY-MM)", as_of);

    gapscan_engine *eng = NULL;
    gapscan_options opts = {lexicon};
    gapscan_status st = gapscan_open_ex(&opts, &eng);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "gapscan: %s\n", eng ? gapscan_errmsg(eng) : gapscan_strerror(st));
        gapscan_close(eng);
        /* a user's lexicon file that cannot be used is the user's to fix */
        return lexicon && (st == GAPSCAN_EIO || st == GAPSCAN_EDATA || st == GAPSCAN_ETOOBIG) ? EXIT_USAGE
                                                                                            : EXIT_INTERNAL;
    }
    int rc;
    if (nfiles && !strcmp(files[0], "lexicon")) {
        rc = lexicon_command(eng, files + 1, nfiles - 1);
        gapscan_close(eng);
        return rc;
    }
    if (list) {
        for (size_t i = 0; i < gapscan_role_count(eng); i++) {
            const gapscan_role *r = gapscan_role_at(eng, i);
            printf("%-24s %s\n", gapscan_role_id(r), gapscan_role_title(r));
        }
        gapscan_close(eng);
        return EXIT_OK;
    }
    if (nfiles && (!strcmp(files[0], "roles") || !strcmp(files[0], "role"))) {
        rc = role_command(eng, files, nfiles, output);
        gapscan_close(eng);
        return rc;
    }
    if (output && (stdin_jsonl || (batch && !report && cfmt != CLI_HTML && cfmt != CLI_MD))) {
        gapscan_close(eng);
        return usage_error("%s", stdin_jsonl ? "--stdin-jsonl writes to stdout; -o is not for it"
                                             : "-o DIR is for a batch in --format html or md");
    }
    if (batch && !report && cfmt == CLI_HTML && !output) {
        gapscan_close(eng);
        return usage_error("%s", "a batch in --format html writes a folder: give -o DIR");
    }
    unsigned flags = fmt == GAPSCAN_FORMAT_TEXT ? color_flags(color) : 0;
    if (output && fmt == GAPSCAN_FORMAT_TEXT && strcmp(color, "always"))
        flags = 0; /* a file is not a terminal */
    if (as_of)
        gapscan_set_as_of(eng, year, month);
    if (max_input)
        gapscan_set_max_input(eng, max_input);
    /* --job / --role-file: the user's role is the one target, of one CV or
     * of a batch; the store keeps built-in targets only, whose ids mean the
     * same role in every run */
    gapscan_role *own = NULL;
    if (job || role_file) {
        const char *bad = job && role_file ? "give --job or --role-file, not both"
                          : ntargets || all_targets ? "--job and --role-file take the place of --target"
                          : db || report ? "--job and --role-file are not kept in a store (--db): it keeps built-in targets"
                          : !nfiles && !stdin_jsonl ? "no CV given"
                                                    : NULL;
        if (bad) {
            gapscan_close(eng);
            return usage_error("%s", bad);
        }
        rc = own_role(eng, job, role_file, &own);
        if (rc != EXIT_OK) {
            gapscan_close(eng);
            return rc;
        }
        targets[0] = gapscan_role_id(own);
        ntargets = 1;
    }
    if (all_targets) {
        ntargets = 0;
        for (size_t i = 0; i < gapscan_role_count(eng) && ntargets < (size_t)argc + 16; i++)
            targets[ntargets++] = gapscan_role_id(gapscan_role_at(eng, i));
    }
    if (!ntargets || (!nfiles && !stdin_jsonl)) {
        gapscan_close(eng);
        return usage_error("%s", !nfiles && !stdin_jsonl ? "no CV given" : "no --target given (see --list-targets)");
    }
    for (size_t t = 0; !own && t < ntargets; t++) {
        if (!gapscan_role_get(eng, targets[t])) {
            fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
            gapscan_close(eng);
            return EXIT_USAGE;
        }
    }

    cli_batch_opts bo = {files, nfiles, targets, ntargets, own, cfmt, db, rescan, jobs,
                         max_input ? max_input : (size_t)20 * 1024 * 1024, as_of, output, flags, cv};
    if (stdin_jsonl)
        rc = cli_pipeline(eng, &bo);
    else if (report) {
        if (nfiles > 1) {
            gapscan_close(eng);
            return usage_error("%s", "gapscan report takes no CV");
        }
        rc = cli_report(eng, &bo);
    } else if (batch)
        rc = cli_batch(eng, &bo);
    else
        rc = single(eng, own ? own : gapscan_role_get(eng, targets[0]), files, nfiles, fmt, flags, output);
    gapscan_role_free(own);
    gapscan_close(eng);
    return rc;
}

int main(int argc, char **argv)
{
#ifdef __GLIBC__
    /* A batch frees each CV's reports (some 27 KB per target) as soon as
     * they are written; glibc would hand the freed top of the heap back to
     * the system every few CVs and fault the same pages in again for the
     * next ones (45 page faults per CV, a third of a JSON Lines run's time,
     * all of it in the kernel). Keep up to 32 MB of freed memory instead:
     * peak memory is unchanged, as the pages were in use a moment before. */
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
    const char **files = calloc((size_t)argc, sizeof *files);
    const char **targets = calloc((size_t)argc + 16, sizeof *targets);
    if (!files || !targets) {
        free(files);
        free(targets);
        fputs("gapscan: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
    int rc = run(argc, argv, files, targets);
    free(files);
    free(targets);
    return rc;
}
