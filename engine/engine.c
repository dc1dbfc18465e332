/* engine.c - the public API: engines, the shared read-only knowledge (lexicon,
 * roles, date patterns), and the calls that tie extract, score and render
 * together. Everything that can fail leaves its detail in eng->msg. */
#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dates.h"
#include "gapscan.h"
#include "inspect.h"
#include "jd.h"
#include "internal.h"
#include "lexicon.h"
#include "lexicon_image.h"
#include "match.h"
#include "profile.h"
#include "read.h"
#include "report.h"
#include "role.h"

/* Read-only once built; shared by forked engines and freed by the last. */
typedef struct gs_kb {
    atomic_int refs;
    gs_mem mem;          /* allocations of the knowledge itself (never fails on purpose) */
    gs_lexicon *lex;
    gs_roles *roles;
    gs_dates *dates;
    atomic_uint_fast64_t serials; /* profiles extracted with this knowledge, for gs_jcache */
} gs_kb;

struct gapscan_engine {
    gs_mem mem;          /* this engine's allocations (fail_after for tests) */
    gs_kb *kb;
    gs_dscan *dscan;
    int32_t as_of;       /* month index */
    size_t max_input;
    gs_jcache jcache;    /* the CV-only parts of the last JSON report */
    char msg[512];       /* detail of the last failure */
};

#define DEFAULT_MAX_INPUT ((size_t)20 * 1024 * 1024)
#define HARD_MAX_INPUT ((size_t)1 << 31) /* offsets are 32-bit */

static const char *const STATUS_TEXT[] = {
    "success", "out of memory", "cannot read input", "unreadable input", "input too large",
    "not found", "invalid data file", "invalid argument", "internal error",
};

const char *gapscan_strerror(gapscan_status st)
{
    if ((int)st < 0 || st >= GAPSCAN_STATUS_LAST)
        return "unknown status";
    return STATUS_TEXT[st];
}

static gapscan_status set_msg(gapscan_engine *eng, gapscan_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static gapscan_status set_msg(gapscan_engine *eng, gapscan_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(eng->msg, sizeof eng->msg, fmt, ap);
    va_end(ap);
    return st;
}

static void kb_release(gs_kb *kb)
{
    if (!kb || atomic_fetch_sub(&kb->refs, 1) != 1)
        return;
    gs_roles_free(kb->roles);
    gs_dates_free(&kb->mem, kb->dates);
    gs_lexicon_free(kb->lex);
    gs_free(&kb->mem, kb);
}

static int32_t this_month(void)
{
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm))
        return 2026 * 12;
    return (int32_t)(tm.tm_year + 1900) * 12 + tm.tm_mon;
}

static gapscan_status engine_new(gs_kb *kb, gapscan_engine **out)
{
    gapscan_engine *eng = gs_calloc(NULL, 1, sizeof *eng);
    *out = eng;
    if (!eng)
        return GAPSCAN_ENOMEM;
    eng->mem.fail_after = -1;
    eng->max_input = DEFAULT_MAX_INPUT;
    eng->as_of = this_month();
    eng->kb = kb;
    if (kb) {
        eng->jcache.lex = kb->lex;
        eng->dscan = gs_dscan_new(&eng->mem, kb->dates);
        if (!eng->dscan)
            return set_msg(eng, GAPSCAN_ENOMEM, "out of memory");
    }
    return GAPSCAN_OK;
}

static const char *errno_text(int e)
{
    switch (e) {
    case ENOENT:
        return "no such file";
    case EACCES:
    case EPERM:
        return "permission denied";
    case EISDIR:
        return "is a directory";
    case ENOTDIR:
        return "a part of the path is not a directory";
    case ENAMETOOLONG:
        return "file name too long";
    case ELOOP:
        return "too many symbolic links";
    case EIO:
        return "input/output error";
    default:
        return "cannot be read";
    }
}

gapscan_status gapscan_open(gapscan_engine **out)
{
    return gapscan_open_ex(NULL, out);
}

/* Read a data file whole (a lexicon, a role file, a job description) into
 * *data (the caller frees it with gs_free). On failure the status, with the
 * message on the engine. */
static gapscan_status slurp(gapscan_engine *eng, const char *path, size_t max, char **data,
                            size_t *len)
{
    *data = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return set_msg(eng, GAPSCAN_EIO, "%s: %s", path, errno_text(errno));
    gs_buf b;
    gs_buf_init(&b, &eng->mem, max);
    char chunk[65536];
    ssize_t n;
    gapscan_status st = GAPSCAN_OK;
    while ((n = read(fd, chunk, sizeof chunk)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            st = set_msg(eng, GAPSCAN_EIO, "%s: %s", path, errno_text(errno));
        else if (b.len + (size_t)n > max)
            st = set_msg(eng, GAPSCAN_ETOOBIG, "%s: too large (the limit is %zu bytes)", path, max);
        else if (gs_buf_append(&b, chunk, (size_t)n))
            st = set_msg(eng, GAPSCAN_ENOMEM, "%s: out of memory", path);
        if (st != GAPSCAN_OK)
            break;
    }
    close(fd);
    if (st == GAPSCAN_OK && !(*data = gs_buf_detach(&b, len)))
        st = set_msg(eng, GAPSCAN_ENOMEM, "%s: out of memory", path);
    gs_buf_free(&b);
    return st;
}

gapscan_status gapscan_open_ex(const gapscan_options *opts, gapscan_engine **out)
{
    xmlInitParser();
    gapscan_engine *eng;
    gapscan_status st = engine_new(NULL, &eng);
    *out = eng;
    if (st != GAPSCAN_OK)
        return st;
    gs_kb *kb = gs_calloc(NULL, 1, sizeof *kb);
    if (!kb)
        return set_msg(eng, GAPSCAN_ENOMEM, "out of memory");
    atomic_init(&kb->refs, 1);
    kb->mem.fail_after = -1;
    eng->kb = kb;
    const char *user = opts ? opts->lexicon_file : NULL;
    char *udata = NULL;
    size_t ulen = 0;
    if (user && (st = slurp(eng, user, DEFAULT_MAX_INPUT, &udata, &ulen)) != GAPSCAN_OK)
        return st;
    /* the built-in lexicon alone is compiled at build time; a user's file
     * changes what its forms give way to, so it is loaded with them */
    kb->lex = user ? gs_lexicon_load(&kb->mem, user, udata, ulen, &st, eng->msg, sizeof eng->msg)
                   : gs_lexicon_open_image(&kb->mem, &gs_lexicon_builtin, &st, eng->msg, sizeof eng->msg);
    gs_free(&eng->mem, udata);
    if (!kb->lex)
        return st;
    eng->jcache.lex = kb->lex;
    kb->dates = gs_dates_new(&kb->mem, &st, eng->msg, sizeof eng->msg);
    if (!kb->dates)
        return st;
    kb->roles = gs_roles_load_builtin(&kb->mem, kb->lex, &st, eng->msg, sizeof eng->msg);
    if (!kb->roles)
        return st;
    eng->dscan = gs_dscan_new(&eng->mem, kb->dates);
    if (!eng->dscan)
        return set_msg(eng, GAPSCAN_ENOMEM, "out of memory");
    eng->msg[0] = '\0';
    return GAPSCAN_OK;
}

gapscan_status gapscan_engine_fork(const gapscan_engine *src, gapscan_engine **out)
{
    *out = NULL;
    if (!src || !src->kb || !src->dscan)
        return GAPSCAN_EINVAL;
    atomic_fetch_add(&src->kb->refs, 1);
    gapscan_engine *eng;
    gapscan_status st = engine_new(src->kb, &eng);
    if (!eng) {
        kb_release(src->kb);
        return st;
    }
    *out = eng;
    eng->as_of = src->as_of;
    eng->max_input = src->max_input;
    return st;
}

void gapscan_close(gapscan_engine *eng)
{
    if (!eng)
        return;
    gs_dscan_free(&eng->mem, eng->dscan);
    gs_jcache_free(&eng->jcache);
    kb_release(eng->kb);
    gs_free(NULL, eng);
}

const char *gapscan_errmsg(const gapscan_engine *eng)
{
    return eng ? eng->msg : "out of memory";
}

int gapscan_parse_month(const char *s, int *year, int *month)
{
    if (!s || strlen(s) != 7 || s[4] != '-')
        return -1;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (y < 1900 || y > 2200 || m < 1 || m > 12)
        return -1;
    *year = y;
    *month = m;
    return 0;
}

gapscan_status gapscan_set_as_of(gapscan_engine *eng, int year, int month)
{
    if (year < 1900 || year > 2200 || month < 1 || month > 12)
        return set_msg(eng, GAPSCAN_EINVAL, "bad as-of month %d-%d (want YYYY-MM)", year, month);
    eng->as_of = year * 12 + month - 1;
    eng->msg[0] = '\0';
    return GAPSCAN_OK;
}

void gapscan_set_max_input(gapscan_engine *eng, size_t bytes)
{
    eng->max_input = bytes == 0 || bytes > HARD_MAX_INPUT ? HARD_MAX_INPUT : bytes;
}

/* Any input a CV or a job description comes in -> text: PDF, DOCX, ODT,
 * HTML, RTF, .doc and JSON Resume are converted, plain text passes through
 * without a copy. The caller frees text->owned with gs_free. */
static gapscan_status read_input(gapscan_engine *eng, const char *name, const char *data, size_t len,
                                 gs_read_out *text)
{
    if (!eng->dscan)
        return set_msg(eng, GAPSCAN_EINVAL, "%s: engine did not open", name);
    if (len > eng->max_input)
        return set_msg(eng, GAPSCAN_ETOOBIG, "%s: too large (%zu bytes, the limit is %zu)", name,
                       len, eng->max_input);
    char why[256];
    gapscan_status st = gs_read(&eng->mem, data, data ? len : 0, eng->max_input, text, why,
                                sizeof why);
    return st == GAPSCAN_OK ? st : set_msg(eng, st, "%s: %s", name, why);
}

gapscan_status gapscan_extract(gapscan_engine *eng, const char *name, const char *data,
                               size_t len, gapscan_profile **out)
{
    *out = NULL;
    if (!name)
        name = "-";
    gs_read_out text;
    gapscan_status st = read_input(eng, name, data, len, &text);
    if (st != GAPSCAN_OK)
        return st;
    *out = gs_extract(&eng->mem, eng->kb->lex, eng->dscan, eng->as_of, name, text.text, text.len,
                      &st, eng->msg, sizeof eng->msg);
    gs_free(&eng->mem, text.owned);
    if (*out) {
        (*out)->format = text.format;
        (*out)->serial = atomic_fetch_add(&eng->kb->serials, 1) + 1;
    }
    if (st == GAPSCAN_OK)
        eng->msg[0] = '\0';
    return st;
}

const char *gapscan_profile_highest_degree(const gapscan_profile *profile)
{
    return gs_level_name(profile->highest);
}

gapscan_status gapscan_extract_file(gapscan_engine *eng, const char *path, gapscan_profile **out)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return set_msg(eng, GAPSCAN_EIO, "%s: %s", path, errno_text(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        return set_msg(eng, GAPSCAN_EIO, "%s: %s", path, errno_text(e));
    }
    if (S_ISDIR(sb.st_mode)) {
        close(fd);
        return set_msg(eng, GAPSCAN_EIO, "%s: is a directory", path);
    }
    if (S_ISREG(sb.st_mode) && (size_t)sb.st_size > eng->max_input) {
        close(fd);
        return set_msg(eng, GAPSCAN_ETOOBIG, "%s: too large (%lld bytes, the limit is %zu)", path,
                       (long long)sb.st_size, eng->max_input);
    }
    gs_buf b;
    gs_buf_init(&b, &eng->mem, eng->max_input);
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            gs_buf_free(&b);
            return set_msg(eng, GAPSCAN_EIO, "%s: %s", path, errno_text(e));
        }
        if (gs_buf_append(&b, chunk, (size_t)n)) {
            close(fd);
            int toobig = b.len + (size_t)n > eng->max_input;
            gs_buf_free(&b);
            if (toobig)
                return set_msg(eng, GAPSCAN_ETOOBIG, "%s: too large (the limit is %zu bytes)", path,
                               eng->max_input);
            return set_msg(eng, GAPSCAN_ENOMEM, "%s: out of memory", path);
        }
    }
    close(fd);
    gapscan_status st = gapscan_extract(eng, path, b.data ? b.data : "", b.len, out);
    gs_buf_free(&b);
    return st;
}

size_t gapscan_role_count(const gapscan_engine *eng)
{
    return eng->kb && eng->kb->roles ? gs_roles_count(eng->kb->roles) : 0;
}

const gapscan_role *gapscan_role_at(const gapscan_engine *eng, size_t i)
{
    return eng->kb && eng->kb->roles ? gs_roles_at(eng->kb->roles, i) : NULL;
}

const gapscan_role *gapscan_role_get(gapscan_engine *eng, const char *id)
{
    const gapscan_role *r = eng->kb && eng->kb->roles ? gs_roles_find(eng->kb->roles, id) : NULL;
    if (!r)
        set_msg(eng, GAPSCAN_ENOTFOUND, "unknown target '%s' (gapscan --list-targets shows them)",
                id ? id : "");
    return r;
}

const char *gapscan_role_id(const gapscan_role *role)
{
    return role->id;
}

const char *gapscan_role_title(const gapscan_role *role)
{
    return role->title;
}

gapscan_status gapscan_score(gapscan_engine *eng, const gapscan_profile *profile,
                             const gapscan_role *role, gapscan_match **out)
{
    gapscan_status st = gs_score(&eng->mem, profile, role, out);
    if (st != GAPSCAN_OK)
        return set_msg(eng, st, "%s: out of memory", profile->name);
    eng->msg[0] = '\0';
    return st;
}

gapscan_status gapscan_render(gapscan_engine *eng, const gapscan_match *match,
                              gapscan_format format, char **out, size_t *len)
{
    return gapscan_render_ex(eng, match, format, 0, out, len);
}

/* HTML or Markdown from a JSON report (report.h): the same path for a fresh
 * match and for a report read back from a store. `name` is for messages. */
static gapscan_status render_report(gapscan_engine *eng, const char *name, const char *json, size_t jlen,
                                    gapscan_format format, char **out, size_t *len)
{
    gs_report r;
    char err[200];
    gs_buf b;
    gs_buf_init(&b, &eng->mem, 0);
    gapscan_status st = gs_report_read(&eng->mem, json, jlen, &r, err, sizeof err);
    if (st == GAPSCAN_OK &&
        (format == GAPSCAN_FORMAT_HTML ? gs_render_html(&b, &r) : gs_render_md(&b, &r)))
        st = GAPSCAN_ENOMEM;
    if (st == GAPSCAN_OK && !(*out = gs_buf_detach(&b, len)))
        st = GAPSCAN_ENOMEM;
    gs_buf_free(&b);
    gs_report_free(&r);
    if (st == GAPSCAN_EFORMAT)
        return set_msg(eng, st, "%s: %s", name, err);
    if (st != GAPSCAN_OK)
        return set_msg(eng, st, "%s: out of memory", name);
    eng->msg[0] = '\0';
    return st;
}

gapscan_status gapscan_render_ex(gapscan_engine *eng, const gapscan_match *match,
                                 gapscan_format format, unsigned flags, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    gapscan_status st;
    if (format == GAPSCAN_FORMAT_HTML || format == GAPSCAN_FORMAT_MD) {
        char *json = NULL;
        size_t jlen = 0;
        st = gs_render(&eng->mem, &eng->jcache, match, GAPSCAN_FORMAT_JSONL, gs_lexicon_version(eng->kb->lex), &json, &jlen);
        if (st == GAPSCAN_OK)
            st = render_report(eng, match->profile->name, json, jlen, format, out, len);
        else
            set_msg(eng, st, "%s: out of memory", match->profile->name);
        gs_free(&eng->mem, json);
        return st;
    }
    st = format == GAPSCAN_FORMAT_TEXT
             ? gs_render_text(&eng->mem, match, flags, out, len)
             : gs_render(&eng->mem, &eng->jcache, match, format, gs_lexicon_version(eng->kb->lex), out, len);
    if (st == GAPSCAN_EINVAL)
        return set_msg(eng, st, "unknown format %d", (int)format);
    if (st != GAPSCAN_OK)
        return set_msg(eng, st, "%s: out of memory", match->profile->name);
    eng->msg[0] = '\0';
    return st;
}

gapscan_status gapscan_render_report(gapscan_engine *eng, const char *json, size_t len,
                                     gapscan_format format, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (format != GAPSCAN_FORMAT_HTML && format != GAPSCAN_FORMAT_MD)
        return set_msg(eng, GAPSCAN_EINVAL, "a stored report renders as HTML or Markdown only (format %d)",
                       (int)format);
    return render_report(eng, "report", json, len, format, out, outlen);
}

gapscan_status gapscan_render_ranking(gapscan_engine *eng, const gapscan_ranking *ranking,
                                      gapscan_format format, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (format != GAPSCAN_FORMAT_HTML && format != GAPSCAN_FORMAT_MD)
        return set_msg(eng, GAPSCAN_EINVAL, "a ranking renders as HTML or Markdown only (format %d)", (int)format);
    if (!ranking->ntargets || !ranking->targets)
        return set_msg(eng, GAPSCAN_EINVAL, "a ranking needs at least one target");
    gs_buf b;
    gs_buf_init(&b, &eng->mem, 0);
    int bad = format == GAPSCAN_FORMAT_HTML ? gs_render_html_ranking(&b, ranking)
                                            : gs_render_md_ranking(&b, ranking);
    if (!bad)
        *out = gs_buf_detach(&b, len);
    gs_buf_free(&b);
    if (!*out)
        return set_msg(eng, GAPSCAN_ENOMEM, "ranking: out of memory");
    eng->msg[0] = '\0';
    return GAPSCAN_OK;
}

void gapscan_free(void *ptr)
{
    gs_free(NULL, ptr);
}

const char *gapscan_data_notice(void)
{
    return "Skill data: the gapscan lexicon, curated, with skills imported from\n"
           "  This product includes information from the O*NET 29.2 Database by the U.S.\n"
           "  Department of Labor, Employment and Training Administration (USDOL/ETA).\n"
           "  Used under the CC BY 4.0 license. O*NET is a trademark of USDOL/ETA.\n"
           "  ESCO v1.2.0, (c) European Union, https://esco.ec.europa.eu\n"
           "Role data: authored from public role descriptions (corpus/roles).\n"
           "JSON Resume schema and sample (tests): jsonresume.org, MIT licence.\n";
}

gapscan_status gapscan_lexicon_lookup(gapscan_engine *eng, const char *text, size_t len, char **out,
                                      size_t *outlen)
{
    *out = NULL;
    gapscan_profile *p = NULL;
    gapscan_status st = gapscan_extract(eng, "lookup", text, len, &p);
    if (st != GAPSCAN_OK)
        return st;
    st = gs_lookup_render(&eng->mem, p, out, outlen);
    gapscan_profile_free(p);
    return st == GAPSCAN_OK ? st : set_msg(eng, st, "out of memory");
}

gapscan_status gapscan_lexicon_stats(gapscan_engine *eng, char **out, size_t *len)
{
    gapscan_status st = gs_stats_render(&eng->mem, eng->kb->lex, out, len);
    return st == GAPSCAN_OK ? st : set_msg(eng, st, "out of memory");
}

gapscan_status gapscan_lexicon_lint(gapscan_engine *eng, char **out, size_t *len, size_t *problems)
{
    gapscan_status st = gs_lint_render(&eng->mem, eng->kb->lex, out, len, problems);
    return st == GAPSCAN_OK ? st : set_msg(eng, st, "out of memory");
}

void gs_engine_fail_after(gapscan_engine *eng, long n)
{
    eng->mem.fail_after = n;
}

/* ---- roles the caller owns: job descriptions and role files ---- */

gapscan_status gapscan_role_compile(gapscan_engine *eng, const char *name, const char *data, size_t len,
                                    gapscan_role **out)
{
    *out = NULL;
    if (!name)
        name = "-";
    gs_read_out text;
    gapscan_status st = read_input(eng, name, data, len, &text);
    if (st != GAPSCAN_OK)
        return st;
    st = gs_jd_compile(&eng->mem, eng->kb->lex, eng->dscan, eng->kb->roles, name, text.text, text.len,
                       out, eng->msg, sizeof eng->msg);
    gs_free(&eng->mem, text.owned);
    if (st == GAPSCAN_OK) {
        gs_role_prepare(*out, eng->kb->lex); /* complete now: its report bytes can be fixed */
        eng->msg[0] = '\0';
    }
    return st;
}

gapscan_status gapscan_role_compile_file(gapscan_engine *eng, const char *path, gapscan_role **out)
{
    *out = NULL;
    size_t len = 0;
    char *data;
    gapscan_status st = slurp(eng, path, eng->max_input, &data, &len);
    if (st != GAPSCAN_OK)
        return st;
    st = gapscan_role_compile(eng, path, data, len, out);
    gs_free(&eng->mem, data);
    return st;
}

gapscan_status gapscan_role_load_file(gapscan_engine *eng, const char *path, gapscan_role **out)
{
    *out = NULL;
    if (!eng->kb)
        return set_msg(eng, GAPSCAN_EINVAL, "%s: engine did not open", path);
    size_t len = 0;
    char *data;
    gapscan_status st = slurp(eng, path, eng->max_input, &data, &len);
    if (st != GAPSCAN_OK)
        return st;
    *out = gs_role_load(&eng->mem, eng->kb->lex, path, data, len, &st, eng->msg, sizeof eng->msg);
    gs_free(&eng->mem, data);
    if (st == GAPSCAN_OK)
        eng->msg[0] = '\0';
    return st;
}

/* A role rendered as text by `fn` (XML or a description) into a buffer the
 * caller frees with gapscan_free(). */
static gapscan_status role_text(gapscan_engine *eng, const gapscan_role *role,
                                int (*fn)(const gs_lexicon *, const gapscan_role *, gs_buf *),
                                char **out, size_t *len)
{
    gs_buf b;
    gs_buf_init(&b, &eng->mem, (size_t)64 * 1024 * 1024);
    if (fn(eng->kb->lex, role, &b)) {
        gs_buf_free(&b);
        return set_msg(eng, GAPSCAN_ENOMEM, "out of memory");
    }
    *out = gs_buf_detach(&b, len);
    if (!*out)
        return set_msg(eng, GAPSCAN_ENOMEM, "out of memory");
    eng->msg[0] = '\0';
    return GAPSCAN_OK;
}

gapscan_status gapscan_role_write_xml(gapscan_engine *eng, const gapscan_role *role, char **out,
                                      size_t *len)
{
    return role_text(eng, role, gs_role_write_xml, out, len);
}

gapscan_status gapscan_role_describe(gapscan_engine *eng, const gapscan_role *role, char **out,
                                     size_t *len)
{
    return role_text(eng, role, gs_role_describe, out, len);
}

void gapscan_role_free(gapscan_role *role)
{
    gs_role_free(role);
}

const struct gs_lexicon *gs_engine_lexicon(const gapscan_engine *eng)
{
    return eng->kb ? eng->kb->lex : NULL;
}
