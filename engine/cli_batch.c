/* cli_batch.c - batch scoring for the gapscan program: the inputs walked
 * into a sorted list of files, a pool of worker threads (one forked engine
 * each) over a shared job list, results taken back in input order, the
 * store filled by the main thread in one transaction per batch of results,
 * a progress bar when stderr is a terminal, and the ranked table, CSV,
 * JSONL or JSON, or a folder of HTML or Markdown reports and their index
 * (written by the workers, one file per CV and target). Also `gapscan
 * report` (the same from the store) and pipeline mode (--stdin-jsonl). */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli_batch.h"
#include "cli_pages.h"
#include "cli_rank.h"
#include "store.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_INTERNAL = 4 };

/* Results are committed to the store every COMMIT_EVERY documents, and at
 * least every COMMIT_MS milliseconds while results come in. */
#define COMMIT_EVERY 32
#define COMMIT_MS 500
#define MAX_GAPS 3

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void oom(void)
{
    fputs("gapscan: out of memory\n", stderr);
}

/* ---- a growable list of strings ---- */

typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

static int strlist_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return -1;
    l->n++;
    return 0;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- walking folders ---- */

typedef struct dirid {
    dev_t dev;
    ino_t ino;
} dirid;

typedef struct walker {
    strlist *out;
    dirid *seen; /* every folder entered, so that a symlink loop is entered once */
    size_t nseen, capseen;
} walker;

/* Add the regular files under `dir` (recursively; hidden names skipped;
 * symlinks followed, each folder entered once). Returns -1 on out of memory. */
static int walk(walker *w, const char *dir, const struct stat *sb)
{
    for (size_t i = 0; i < w->nseen; i++)
        if (w->seen[i].dev == sb->st_dev && w->seen[i].ino == sb->st_ino)
            return 0;
    if (w->nseen == w->capseen) {
        size_t cap = w->capseen ? w->capseen * 2 : 16;
        dirid *s = realloc(w->seen, cap * sizeof *s);
        if (!s)
            return -1;
        w->seen = s;
        w->capseen = cap;
    }
    w->seen[w->nseen++] = (dirid){sb->st_dev, sb->st_ino};
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "gapscan: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    strlist names = {0};
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (strlist_add(&names, e->d_name)) {
            rc = -1;
            break;
        }
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_str);
    size_t dlen = strlen(dir);
    int slash = dlen && dir[dlen - 1] == '/';
    for (size_t i = 0; rc >= 0 && i < names.n; i++) {
        size_t len = dlen + 1 + strlen(names.v[i]) + 1;
        char *p = malloc(len);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, len, "%s%s%s", dir, slash ? "" : "/", names.v[i]);
        struct stat st;
        if (stat(p, &st) != 0) {
            /* a dangling link: not a CV; say so and go on */
            fprintf(stderr, "gapscan: %s: %s\n", p, strerror(errno));
            rc = rc ? rc : 1;
        } else if (S_ISDIR(st.st_mode)) {
            int r = walk(w, p, &st);
            rc = r < 0 ? -1 : rc ? rc : r;
        } else if (S_ISREG(st.st_mode)) {
            if (strlist_add(w->out, p))
                rc = -1;
        }
        free(p);
    }
    strlist_free(&names);
    return rc;
}

/* The inputs as a list of files: folders walked (sorted paths), other
 * arguments kept in the order given. *bad is set when something could not
 * be listed. Returns -1 on out of memory. */
static int list_inputs(const cli_batch_opts *o, strlist *files, int *bad)
{
    walker w = {files, NULL, 0, 0};
    int rc = 0;
    for (size_t i = 0; i < o->ninputs && rc >= 0; i++) {
        struct stat sb;
        const char *in = o->inputs[i];
        if (strcmp(in, "-") && stat(in, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            size_t before = files->n;
            w.nseen = 0;
            int r = walk(&w, in, &sb);
            if (r < 0)
                rc = -1;
            else if (r > 0)
                *bad = 1;
            if (r >= 0 && files->n == before) {
                fprintf(stderr, "gapscan: %s: no CV files in this folder\n", in);
                *bad = 1;
            }
        } else if (strlist_add(files, in)) {
            rc = -1;
        }
    }
    free(w.seen);
    return rc;
}

/* ---- reading for the content hash ---- */

/* Read up to cap bytes of fd; -1 on error or when there are more. */
static char *read_fd(int fd, size_t cap, size_t *len)
{
    size_t n = 0, size = 1 << 16;
    char *buf = malloc(size);
    if (!buf)
        return NULL;
    for (;;) {
        if (n == size) {
            if (size > cap) {
                free(buf);
                return NULL;
            }
            char *nb = realloc(buf, size * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            size *= 2;
        }
        ssize_t r = read(fd, buf + n, size - n);
        if (r == 0)
            break;
        if (r < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            return NULL;
        }
        n += (size_t)r;
    }
    if (n > cap) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* ---- the batch ---- */

typedef struct row {
    char *path;
    int *score;      /* per target; -1: none */
    char **gaps;     /* per target */
    double years;    /* NAN when unknown */
    char degree[32];
    int best;        /* the best score over the targets */
} row;

typedef struct job {
    const char *path;
    row *row;           /* its line of the ranked table, made by the worker (table/csv) */
    char **reports;     /* one JSONL object (no newline) per target */
    size_t *lens;       /* their lengths, so the writer need not measure them */
    char *text;         /* the text reports, for --format text */
    char *err;          /* the message when it failed */
    int code;           /* EXIT_INPUT or EXIT_INTERNAL when it failed */
    int cached;         /* the reports came from the store */
    gs_store_parsed *parsed; /* the reports read for the store, by the worker */
    int hashed;
    char hash[17];
    uint64_t size;
    const char *format;
} job;

typedef struct batch {
    const cli_batch_opts *o;
    gapscan_engine *base;
    const char *lexicon, *as_of; /* of this engine, for store lookups */
    job *jobs;
    size_t n;
    atomic_size_t next;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t *doneq; /* indices of finished jobs, in the order they finished */
    size_t qtail;
    size_t wake_at;      /* the writer sleeps until qtail reaches it ... */
    int stalled;         /* ... or a worker waits for room */
    size_t ring;         /* job slots: job i lives in jobs[i % ring] */
    char **paths;        /* the n files, in input order */
    size_t emitted;      /* jobs written out; workers stay within WINDOW of it */
    pthread_cond_t room; /* signalled when `emitted` moves */
    int fatal;     /* a worker could not start */
    cli_pages pages; /* report files, when paged */
    int paged;       /* --format html|md with -o DIR */
} batch;

static char *dup_msg(const char *s)
{
    char *c = strdup(s);
    return c;
}

static void job_fail(job *j, int code, const char *msg)
{
    j->code = code;
    j->err = dup_msg(msg);
}

/* Strip the newline the renderer ends a JSONL object with; the buffer is
 * kept as it is (freed with gapscan_free, like the store's copies). *lenp
 * gets the length left. */
static char *take_line(char *out, size_t len, size_t *lenp)
{
    while (len && out[len - 1] == '\n')
        out[--len] = '\0';
    *lenp = len;
    return out;
}

static row *row_new(const char *path, size_t nt);
static void row_from_match(row *r, size_t t, const gapscan_profile *p, const gapscan_match *m);
static row *stored_row(gs_store *rd, const batch *b, const job *j);

/* Target t's role: the user's own (--job, --role-file) or a built-in one. */
static const gapscan_role *target_role(gapscan_engine *eng, const cli_batch_opts *o, size_t t)
{
    return o->role ? o->role : gapscan_role_get(eng, o->targets[t]);
}

/* Formats made from the rows of a ranking. */
static int ranked(cli_format f)
{
    return f == CLI_TABLE || f == CLI_CSV || f == CLI_HTML || f == CLI_MD;
}

static gapscan_format page_format(cli_format f)
{
    return f == CLI_HTML ? GAPSCAN_FORMAT_HTML : GAPSCAN_FORMAT_MD;
}

/* Write the report page of input i against target t into the output folder:
 * made from the match, or from the stored JSON report when m is NULL.
 * Returns 0, or -1 with the message in err. */
static int write_page(gapscan_engine *eng, const cli_batch_opts *o, const cli_pages *pg, size_t i, size_t t,
                      const gapscan_match *m, const char *report, char *err, size_t errlen)
{
    char *out = NULL;
    size_t len = 0;
    gapscan_format fmt = page_format(o->format);
    gapscan_status st = m        ? gapscan_render_ex(eng, m, fmt, 0, &out, &len)
                        : report ? gapscan_render_report(eng, report, strlen(report), fmt, &out, &len)
                                 : GAPSCAN_EINVAL;
    if (st != GAPSCAN_OK) {
        snprintf(err, errlen, "%s", gapscan_errmsg(eng));
        return -1;
    }
    char *name = cli_page_name(pg, i, o->ntargets > 1 ? o->targets[t] : NULL);
    int rc = name ? cli_page_write(pg, name, out, len, err, errlen) : -1;
    if (!name)
        snprintf(err, errlen, "out of memory");
    free(name);
    gapscan_free(out);
    return rc;
}

static void run_job(batch *b, gapscan_engine *eng, gs_store *rd, job *j)
{
    const int tables = ranked(b->o->format);
    const cli_batch_opts *o = b->o;
    size_t nt = o->ntargets;
    char *data = NULL;
    size_t len = 0;
    int is_stdin = !strcmp(j->path, "-");
    if (is_stdin || o->db) {
        int fd = is_stdin ? 0 : open(j->path, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            struct stat sb;
            if (fstat(fd, &sb) == 0 && (is_stdin || S_ISREG(sb.st_mode)))
                data = read_fd(fd, o->max_input, &len);
            if (!is_stdin)
                close(fd);
        }
        if (data) {
            gs_store_hash_hex(data, len, j->hash);
            j->hashed = 1;
            j->size = len;
        } else if (is_stdin) {
            job_fail(j, EXIT_INPUT, "-: cannot read standard input (or it is too large)");
            return;
        }
    }
    j->reports = calloc(nt, sizeof *j->reports);
    j->lens = calloc(nt, sizeof *j->lens);
    if (!j->reports || !j->lens) {
        free(data);
        job_fail(j, EXIT_INTERNAL, "out of memory");
        return;
    }
    /* unchanged since it was stored: a table's line from the stored rows,
     * the stored reports for everything else */
    if (rd && j->hashed && !o->rescan && (o->format == CLI_TABLE || o->format == CLI_CSV) &&
        (j->row = stored_row(rd, b, j)) != NULL) {
        j->cached = 1;
        free(data);
        return;
    }
    if (rd && j->hashed && !o->rescan && o->format != CLI_TEXT &&
        gs_store_lookup_all(rd, j->path, j->hash, b->lexicon, b->as_of, o->targets, nt,
                            j->reports) == 1) {
        for (size_t t = 0; t < nt; t++)
            j->lens[t] = strlen(j->reports[t]);
        j->cached = 1;
        free(data);
        return;
    }
    gapscan_profile *prof = NULL;
    /* the bytes already read for the hash are the ones scanned, so the
     * stored hash always matches what was scored */
    gapscan_status st = data ? gapscan_extract(eng, is_stdin ? "-" : j->path, data, len, &prof)
                             : gapscan_extract_file(eng, j->path, &prof);
    free(data);
    if (st == GAPSCAN_OK)
        j->format = gapscan_profile_format(prof);
    for (size_t t = 0; st == GAPSCAN_OK && t < nt; t++) {
        const gapscan_role *role = target_role(eng, o, t);
        gapscan_match *m = NULL;
        char *out = NULL;
        size_t olen = 0;
        st = role ? gapscan_score(eng, prof, role, &m) : GAPSCAN_ENOTFOUND;
        if (st == GAPSCAN_OK && tables && !j->row && !(j->row = row_new(j->path, nt)))
            st = GAPSCAN_ENOMEM;
        if (st == GAPSCAN_OK && tables) {
            row_from_match(j->row, t, prof, m);
        }
        if (st == GAPSCAN_OK && b->paged) {
            char err[600];
            if (write_page(eng, o, &b->pages, (size_t)(j - b->jobs), t, m, NULL, err, sizeof err)) {
                job_fail(j, EXIT_INTERNAL, err);
                st = GAPSCAN_EIO;
            }
        }
        /* the JSON report, for JSON output and for the store; a table
         * without a store is made from the match alone */
        if (st == GAPSCAN_OK && (!tables || o->db))
            st = gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &out, &olen);
        if (st == GAPSCAN_OK && (!tables || o->db) && !(j->reports[t] = take_line(out, olen, &j->lens[t])))
            st = GAPSCAN_ENOMEM;
        if (st == GAPSCAN_OK && o->format == CLI_TEXT && t == 0) {
            /* one text report per CV (the first target), as for single CVs */
            st = gapscan_render_ex(eng, m, GAPSCAN_FORMAT_TEXT, o->render_flags, &out, &olen);
            if (st == GAPSCAN_OK) {
                j->text = strdup(out);
                gapscan_free(out);
                if (!j->text)
                    st = GAPSCAN_ENOMEM;
            }
        }
        gapscan_match_free(m);
    }
    gapscan_profile_free(prof);
    if (st == GAPSCAN_OK && o->db) {
        /* the store's reading of the reports, here rather than on the one
         * thread that writes the store */
        char why[64];
        j->parsed = gs_store_parse((const char *const *)j->reports, nt, why, sizeof why);
        if (!j->parsed) {
            char msg[4096 + 64];
            snprintf(msg, sizeof msg, "%s: %s", j->path, why);
            job_fail(j, EXIT_INTERNAL, msg);
            return;
        }
    }
    if (st != GAPSCAN_OK && !j->err) {
        const char *msg = gapscan_errmsg(eng);
        job_fail(j,
                 st == GAPSCAN_EIO || st == GAPSCAN_EFORMAT || st == GAPSCAN_ETOOBIG ? EXIT_INPUT
                                                                                    : EXIT_INTERNAL,
                 msg && *msg ? msg : gapscan_strerror(st));
    }
}

static int row_init(row *r, const char *path, size_t nt);
static int row_take(row *r, size_t t, const char *report);
static void row_free(row *r, size_t nt);

/* The ranked table's line for a finished job, made here so that reading
 * the reports runs on every worker, not on the thread that writes. NULL
 * when it cannot be made (the writer says so). */
static row *job_row(const batch *b, const job *j)
{
    size_t nt = b->o->ntargets;
    row *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    int bad = row_init(r, j->path, nt);
    for (size_t t = 0; !bad && t < nt; t++)
        bad = row_take(r, t, j->reports[t]);
    if (bad) {
        row_free(r, nt);
        free(r);
        return NULL;
    }
    return r;
}

#define WINDOW 256 /* jobs a worker may run ahead of the writer */
/* with a store, each finished job also holds its reports as read for the
 * store (a few hundred KB), and the writer is the slow side: a shorter
 * window keeps the peak memory of a --db batch near that of the others
 * (20,000 CVs: 42 MB with 48, 33 MB with 16, in the same time) */
#define WINDOW_DB 16

static size_t window(const batch *b)
{
    return b->o->db ? WINDOW_DB : WINDOW;
}

/* The writer is woken when this many jobs are done, not after each one: a
 * wake-up per CV (a futex call on each side and a context switch) cost
 * about a tenth of a text CV's time. It is also woken when a worker runs
 * out of room, when the last job is done, and every 100 ms. */
static size_t wake_batch(const batch *b)
{
    return window(b) / 2 < 8 ? window(b) / 2 : 8;
}

/* The slot of job i. A worker takes job i only when i < emitted + window,
 * and ring > window, so the job that had the slot before (i - ring) has been
 * written out and its slot emptied: memory does not grow with the batch. */
static job *slot(const batch *b, size_t i)
{
    return &b->jobs[i % b->ring];
}

static void *worker(void *arg)
{
    batch *b = arg;
    gapscan_engine *eng = NULL;
    gs_store *rd = NULL;
    int ok = gapscan_engine_fork(b->base, &eng) == GAPSCAN_OK;
    if (ok && b->o->db && !b->o->rescan && gs_store_open(b->o->db, GS_STORE_READONLY, &rd)) {
        gs_store_close(rd);
        rd = NULL; /* no lookups: everything is scanned */
    }
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n)
            break;
        /* finished reports wait in memory until the writer reaches them:
         * keep at most WINDOW of them, so memory stays flat in the batch size */
        pthread_mutex_lock(&b->mu);
        while (i >= b->emitted + window(b)) {
            b->stalled = 1;
            pthread_cond_signal(&b->cv);
            pthread_cond_wait(&b->room, &b->mu);
        }
        pthread_mutex_unlock(&b->mu);
        job *j = slot(b, i);
        memset(j, 0, sizeof *j);
        j->path = b->paths[i];
        if (ok)
            run_job(b, eng, rd, j);
        else
            job_fail(j, EXIT_INTERNAL, "out of memory");
        if (!j->err && !j->row && j->reports && j->cached && ranked(b->o->format))
            j->row = job_row(b, j); /* from the stored reports */
        for (size_t t = 0; ok && b->paged && !j->err && j->cached && t < b->o->ntargets; t++) {
            char err[600];
            if (write_page(eng, b->o, &b->pages, i, t, NULL, j->reports[t], err, sizeof err))
                job_fail(j, EXIT_INTERNAL, err);
        }
        pthread_mutex_lock(&b->mu);
        b->doneq[b->qtail++] = i;
        if (b->qtail >= b->wake_at || b->stalled)
            pthread_cond_signal(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    gs_store_close(rd);
    gapscan_close(eng);
    return NULL;
}

/* ---- rows of the ranked table ---- */


static void row_free(row *r, size_t nt)
{
    if (!r)
        return;
    free(r->path);
    if (r->gaps)
        for (size_t t = 0; t < nt; t++)
            free(r->gaps[t]);
    free(r->gaps);
    free(r->score);
}

static int row_init(row *r, const char *path, size_t nt)
{
    memset(r, 0, sizeof *r);
    r->years = NAN;
    r->best = -1;
    r->path = strdup(path);
    r->score = malloc(nt * sizeof *r->score);
    r->gaps = calloc(nt, sizeof *r->gaps);
    if (!r->path || !r->score || !r->gaps)
        return -1;
    for (size_t t = 0; t < nt; t++)
        r->score[t] = -1;
    return 0;
}

/* A row's top gaps: the ids of the missing requirements, required ones
 * first, in the role's order, ", "-separated, MAX_GAPS at most. */
typedef struct gaplist {
    char buf[512];
    size_t n, count;
} gaplist;

/* Add id to the list; returns 1 when it is full (the callback of
 * gs_store_figures_of). */
static int gap_add(void *ctx, const char *id)
{
    gaplist *g = ctx;
    if (g->count >= MAX_GAPS)
        return 1;
    int w = snprintf(g->buf + g->n, sizeof g->buf - g->n, "%s%s", g->count ? ", " : "", id);
    if (w < 0 || (size_t)w >= sizeof g->buf - g->n) {
        g->buf[g->n] = '\0'; /* no id cut in two */
        return 1;
    }
    g->n += (size_t)w;
    return ++g->count >= MAX_GAPS;
}

/* Set target t of the row: its score and gaps, and the CV's years (left as
 * they are when NAN) and degree. Returns 0, or -1 when out of memory (the
 * target then shows no gaps). */
static int row_set(row *r, size_t t, int score, double years, const char *degree, const gaplist *g)
{
    r->score[t] = score;
    if (score > r->best)
        r->best = score;
    if (!isnan(years))
        r->years = years;
    snprintf(r->degree, sizeof r->degree, "%s", degree);
    free(r->gaps[t]);
    r->gaps[t] = strdup(g->buf);
    return r->gaps[t] ? 0 : -1;
}

/* Fill target t of the row from a report. */
static int row_take(row *r, size_t t, const char *report)
{
    json_error_t jerr;
    json_t *j = json_loads(report, 0, &jerr);
    if (!json_is_object(j)) {
        json_decref(j);
        return -1;
    }
    gaplist g = {.n = 0};
    for (int pass = 0, full = 0; pass < 2 && !full; pass++) {
        json_t *req;
        size_t i;
        json_array_foreach(json_object_get(j, "requirements"), i, req) {
            const char *st = json_string_value(json_object_get(req, "status"));
            const char *imp = json_string_value(json_object_get(req, "importance"));
            const char *id = json_string_value(json_object_get(req, "id"));
            int required = imp && !strcmp(imp, "required");
            if (st && !strcmp(st, "missing") && id && required == (pass == 0) && (full = gap_add(&g, id)))
                break;
        }
    }
    json_t *score = json_object_get(j, "score");
    json_t *years = json_object_get(j, "experience_years");
    json_t *hi = json_object_get(json_object_get(j, "education"), "highest");
    int rc = row_set(r, t, json_is_integer(score) ? (int)json_integer_value(score) : 0,
                     json_is_number(years) ? json_number_value(years) : NAN,
                     json_is_string(hi) ? json_string_value(hi) : "", &g);
    json_decref(j);
    return rc;
}

static row *row_new(const char *path, size_t nt)
{
    row *r = malloc(sizeof *r);
    if (r && row_init(r, path, nt)) {
        row_free(r, nt);
        free(r);
        return NULL;
    }
    return r;
}

/* Fill target t of the row straight from a match: the same figures as
 * row_take reads from a report, without making and reading the JSON. */
static void row_from_match(row *r, size_t t, const gapscan_profile *p, const gapscan_match *m)
{
    gaplist g = {.n = 0};
    int full = 0;
    for (int pass = 0; pass < 2 && !full; pass++)
        for (size_t i = 0; i < gapscan_match_req_count(m) && !full; i++)
            if (gapscan_match_req_status(m, i) == GAPSCAN_MISSING &&
                gapscan_match_req_required(m, i) == (pass == 0))
                full = gap_add(&g, gapscan_match_req_id(m, i));
    row_set(r, t, gapscan_match_score(m), gapscan_profile_years(p),
            gapscan_profile_highest_degree(p), &g); /* out of memory: shown as no gaps */
}

/* The table's line of a job whose every target has a stored scan, from the
 * store's rows (no report is read), or NULL: then the CV is looked up
 * again, or scanned. */
static row *stored_row(gs_store *rd, const batch *b, const job *j)
{
    size_t nt = b->o->ntargets;
    row *r = row_new(j->path, nt);
    for (size_t t = 0; r && t < nt; t++) {
        gs_store_figures f;
        gaplist g = {.n = 0};
        if (gs_store_figures_of(rd, j->path, j->hash, b->lexicon, b->as_of, b->o->targets[t], &f,
                                gap_add, &g) != 1 ||
            row_set(r, t, f.score, f.years, f.degree, &g)) {
            row_free(r, nt);
            free(r);
            return NULL;
        }
    }
    return r;
}

/* ---- progress ---- */

typedef struct progress {
    int on;
    double start, last;
} progress;

static void progress_draw(progress *p, size_t done, size_t n, int force)
{
    if (!p->on)
        return;
    double t = now_s();
    if (!force && t - p->last < 0.1)
        return;
    p->last = t;
    double el = t - p->start;
    double rate = el > 0 ? (double)done / el : 0;
    char eta[32] = "--:--";
    if (rate > 0 && done < n) {
        long s = (long)((double)(n - done) / rate + 0.5);
        snprintf(eta, sizeof eta, "%ld:%02ld", s / 60, s % 60);
    }
    char bar[31];
    size_t fill = n ? done * 30 / n : 30;
    for (size_t i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu  %.1f CV/s  ETA %s\033[K", bar, done, n, rate, eta);
}

static void progress_clear(progress *p)
{
    if (p->on)
        fputs("\r\033[K", stderr);
}

/* The lexicon version and as-of month that reports of this engine carry. */
static int probe(gapscan_engine *eng, const gapscan_role *role, char **lexicon, char **as_of)
{
    static const char TEXT[] = "Python\n";
    gapscan_profile *prof = NULL;
    gapscan_match *m = NULL;
    char *out = NULL;
    size_t len = 0;
    int rc = -1;
    if (role && gapscan_extract(eng, "probe", TEXT, sizeof TEXT - 1, &prof) == GAPSCAN_OK &&
        gapscan_score(eng, prof, role, &m) == GAPSCAN_OK &&
        gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &out, &len) == GAPSCAN_OK) {
        json_error_t jerr;
        json_t *j = json_loads(out, 0, &jerr);
        const char *lx = json_string_value(json_object_get(j, "lexicon"));
        const char *ao = json_string_value(json_object_get(j, "as_of"));
        if (lx && ao) {
            *lexicon = strdup(lx);
            *as_of = strdup(ao);
            rc = *lexicon && *as_of ? 0 : -1;
        }
        json_decref(j);
    }
    gapscan_free(out);
    gapscan_match_free(m);
    gapscan_profile_free(prof);
    return rc;
}

static int write_out(const char *s, size_t n)
{
    return fwrite(s, 1, n, stdout) == n ? 0 : -1;
}

/* JSON reports are some 27 KB per CV and target; through a pipe of the
 * default 64 KB the writer and its reader took turns every report or two
 * (35,000 context switches for 2,000 CVs against ten targets, against
 * 10,000 with 1 MB). Widen the pipe on stdout, if it is one, as far as the
 * system lets an unprivileged process (Linux only; failure is harmless). */
static void widen_stdout_pipe(void)
{
#if defined(__linux__) && defined(F_SETPIPE_SZ)
    struct stat sb;
    if (fstat(1, &sb) == 0 && S_ISFIFO(sb.st_mode))
        (void)fcntl(1, F_SETPIPE_SZ, 1 << 20);
#endif
}

/* A CV that could not be scored, for the index page. */
typedef struct failure {
    char *path, *msg;
} failure;

/* The ranking as an HTML or Markdown page: index.html / index.md in the
 * output folder (linking each report), or Markdown on stdout without one.
 * Sorts rows. Returns an exit code (0 or 4), having said what went wrong. */
static int write_ranking(gapscan_engine *eng, const cli_batch_opts *o, const char *title,
                         cli_ranking *rk, const failure *fails, size_t nfails, const cli_pages *pg,
                         const char *as_of)
{
    size_t nt = o->ntargets, nrows = rk->n;
    cli_ranking_sort(rk);
    gapscan_rank_row *rr = calloc(nrows + nfails + 1, sizeof *rr);
    char **hrefs = calloc(nrows * nt + 1, sizeof *hrefs);
    const char **gaps = calloc(nrows * nt + 1, sizeof *gaps);
    const char **titles = calloc(nt, sizeof *titles);
    int rc = EXIT_OK;
    if (!rr || !hrefs || !gaps || !titles)
        rc = EXIT_INTERNAL;
    for (size_t t = 0; rc == EXIT_OK && t < nt; t++) {
        const gapscan_role *role = target_role(eng, o, t);
        titles[t] = role ? gapscan_role_title(role) : NULL;
    }
    for (size_t i = 0; rc == EXIT_OK && i < nrows; i++) {
        const cli_rank_line *l = &rk->v[i];
        for (size_t t = 0; t < nt; t++) {
            gaps[i * nt + t] = cli_ranking_str(rk, l->gaps[t]);
            if (pg && !(hrefs[i * nt + t] = cli_page_name(pg, l->job, nt > 1 ? o->targets[t] : NULL)))
                rc = EXIT_INTERNAL;
        }
        rr[i] = (gapscan_rank_row){l->path, l->score, pg ? (const char *const *)hrefs + i * nt : NULL,
                                   gaps + i * nt, isnan(l->years) ? -1 : l->years,
                                   cli_ranking_str(rk, l->degree), NULL};
    }
    for (size_t k = 0; rc == EXIT_OK && k < nfails; k++)
        rr[nrows + k] = (gapscan_rank_row){fails[k].path, NULL, NULL, NULL, -1, NULL, fails[k].msg};
    char *out = NULL;
    size_t len = 0;
    gapscan_ranking page = {title, as_of, o->targets, titles, nt, rr, nrows + nfails};
    if (rc == EXIT_OK && gapscan_render_ranking(eng, &page, page_format(o->format), &out, &len) != GAPSCAN_OK) {
        fprintf(stderr, "gapscan: %s\n", gapscan_errmsg(eng));
        rc = EXIT_INTERNAL;
    } else if (rc != EXIT_OK) {
        oom();
    }
    if (rc == EXIT_OK && pg) {
        char err[600];
        if (cli_page_write(pg, o->format == CLI_HTML ? "index.html" : "index.md", out, len, err, sizeof err)) {
            fprintf(stderr, "gapscan: %s\n", err);
            rc = EXIT_INTERNAL;
        }
    } else if (rc == EXIT_OK && fwrite(out, 1, len, stdout) != len) {
        fprintf(stderr, "gapscan: cannot write the report: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    gapscan_free(out);
    if (hrefs)
        for (size_t i = 0; i < nrows * nt; i++)
            free(hrefs[i]);
    free(hrefs);
    free(gaps);
    free(titles);
    free(rr);
    return rc;
}

int cli_batch(gapscan_engine *eng, const cli_batch_opts *o)
{
    int rc = EXIT_OK, bad = 0;
    strlist files = {0};
    if (list_inputs(o, &files, &bad)) {
        oom();
        strlist_free(&files);
        return EXIT_INTERNAL;
    }
    if (bad)
        rc = EXIT_INPUT;
    size_t nt = o->ntargets;
    batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.base = eng;
    b.n = files.n;
    atomic_init(&b.next, 0);
    char *lexicon = NULL, *as_of = NULL;
    gs_store *db = NULL;
    cli_ranking rk = {0};
    pthread_t *tids = NULL;
    unsigned char *ready = NULL; /* ready[i]: job i finished (the writer emits in input order) */
    size_t nthreads = 0;
    progress prog = {0, 0, 0};
    failure *fails = NULL;
    size_t nfails = 0;
    if (o->outdir && (o->format == CLI_HTML || o->format == CLI_MD)) {
        if (cli_outdir_prepare(o->outdir)) {
            rc = EXIT_USAGE;
            goto out;
        }
        if (cli_pages_init(&b.pages, o->outdir, o->format == CLI_HTML ? ".html" : ".md",
                           (const char *const *)files.v, files.n)) {
            oom();
            rc = EXIT_INTERNAL;
            goto out;
        }
        b.paged = 1;
    }
    if (probe(eng, target_role(eng, o, 0), &lexicon, &as_of)) {
        fprintf(stderr, "gapscan: cannot read the engine's lexicon version: %s\n", gapscan_errmsg(eng));
        rc = EXIT_INTERNAL;
        goto out;
    }
    b.lexicon = lexicon;
    b.as_of = as_of;
    if (o->db) {
        if (gs_store_open(o->db, 0, &db)) {
            fprintf(stderr, "gapscan: %s\n", gs_store_errmsg(db));
            rc = EXIT_USAGE;
            goto out;
        }
        if (gs_store_begin(db)) {
            fprintf(stderr, "gapscan: %s: %s\n", o->db, gs_store_errmsg(db));
            rc = EXIT_INTERNAL;
            goto out;
        }
    }
    b.paths = files.v;
    b.ring = window(&b) + 1;
    b.jobs = calloc(b.ring, sizeof *b.jobs);
    b.doneq = calloc(b.n ? b.n : 1, sizeof *b.doneq);
    int tables = ranked(o->format);
    int rk_bad = tables && cli_ranking_init(&rk, b.n, nt);
    int pages = o->format == CLI_HTML || o->format == CLI_MD;
    fails = pages ? calloc(b.n ? b.n : 1, sizeof *fails) : NULL;
    if (!b.jobs || !b.doneq || rk_bad || (pages && !fails)) {
        oom();
        rc = EXIT_INTERNAL;
        goto out;
    }
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.cv, NULL);
    pthread_cond_init(&b.room, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    nthreads = o->jobs > 0 ? (size_t)o->jobs : cores > 0 ? (size_t)cores : 1;
    if (nthreads > b.n)
        nthreads = b.n ? b.n : 1;
    tids = calloc(nthreads, sizeof *tids);
    ready = calloc(b.n ? b.n : 1, 1);
    if (!tids || !ready) {
        oom();
        rc = EXIT_INTERNAL;
        goto out_sync;
    }
    size_t started = 0;
    for (; started < nthreads && b.n; started++)
        if (pthread_create(&tids[started], NULL, worker, &b) != 0)
            break;
    if (b.n && !started) {
        fputs("gapscan: cannot start a worker thread\n", stderr);
        rc = EXIT_INTERNAL;
        goto out_sync;
    }

    prog.on = isatty(2) && b.n > 1;
    prog.start = prog.last = now_s();
    size_t consumed = 0, emitted = 0, pending = 0, scanned = 0, cached = 0, failed = 0;
    double last_commit = now_s();
    int db_broken = 0, out_broken = 0;
    if (o->format == CLI_JSON || o->format == CLI_JSONL)
        widen_stdout_pipe();
    if (o->format == CLI_JSON)
        out_broken |= write_out("[", 1);
    size_t json_items = 0, ntexts = 0;
    while (consumed < b.n) {
        pthread_mutex_lock(&b.mu);
        b.wake_at = b.n - consumed > wake_batch(&b) ? consumed + wake_batch(&b) : b.n;
        int timed_out = 0;
        while (b.qtail == consumed || (b.qtail < b.wake_at && !b.stalled && !timed_out)) {
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 100 * 1000000L;
            if (ts.tv_nsec >= 1000000000L) {
                ts.tv_sec++;
                ts.tv_nsec -= 1000000000L;
            }
            timed_out = pthread_cond_timedwait(&b.cv, &b.mu, &ts) == ETIMEDOUT;
            if (b.qtail == consumed)
                progress_draw(&prog, consumed, b.n, 0);
        }
        b.stalled = 0;
        size_t upto = b.qtail;
        pthread_mutex_unlock(&b.mu);
        for (; consumed < upto; consumed++) {
            size_t i = b.doneq[consumed];
            job *j = slot(&b, i);
            ready[i] = 1;
            if (j->err) {
                failed++;
            } else if (j->cached) {
                cached++;
            } else {
                scanned++;
                if (db && !db_broken) {
                    gs_store_doc doc = {j->path, j->size, j->hash, j->format};
                    char hb[17];
                    if (!j->hashed) { /* it changed under us, or could not be read twice */
                        gs_store_hash_hex("", 0, hb);
                        doc.hash = hb;
                    }
                    int unsaved = gs_store_record_parsed(db, &doc, j->parsed, o->rescan);
                    gs_store_parsed_free(j->parsed);
                    j->parsed = NULL;
                    if (unsaved) {
                        progress_clear(&prog);
                        fprintf(stderr, "gapscan: %s: %s\n", o->db, gs_store_errmsg(db));
                        db_broken = 1;
                        rc = EXIT_INTERNAL;
                    }
                    pending++;
                }
            }
            /* checked after each document, not once per wake-up: a writer
             * that falls behind still commits every COMMIT_EVERY documents */
            if (db && !db_broken && pending &&
                (pending >= COMMIT_EVERY || (now_s() - last_commit) * 1000 >= COMMIT_MS)) {
                if (gs_store_commit(db) || gs_store_begin(db)) {
                    progress_clear(&prog);
                    fprintf(stderr, "gapscan: %s: cannot write the store: %s\n", o->db,
                            gs_store_errmsg(db));
                    db_broken = 1;
                    rc = EXIT_INTERNAL;
                }
                pending = 0;
                last_commit = now_s();
            }
        }
        /* emit, in input order, what is ready */
        while (emitted < b.n && ready[emitted]) {
            job *j = slot(&b, emitted);
            if (j->err) {
                progress_clear(&prog);
                fprintf(stderr, "gapscan: %s\n", j->err);
                if (j->code > rc)
                    rc = j->code;
                if (fails && (fails[nfails].path = strdup(j->path)) != NULL) {
                    fails[nfails].msg = j->err;
                    j->err = NULL;
                    nfails++;
                }
            } else if (o->format == CLI_JSONL || o->format == CLI_JSON) {
                for (size_t t = 0; t < nt; t++) {
                    if (o->format == CLI_JSON)
                        out_broken |= write_out(json_items ? ",\n" : "\n", json_items ? 2 : 1);
                    out_broken |= write_out(j->reports[t], j->lens[t]);
                    if (o->format == CLI_JSONL)
                        out_broken |= write_out("\n", 1);
                    json_items++;
                }
            } else if (o->format == CLI_TEXT) {
                if (ntexts++)
                    out_broken |= write_out("\n", 1);
                out_broken |= write_out(j->text, strlen(j->text));
            } else {
                /* its line of the ranking; `emitted` is its place in the input,
                 * which names its report page */
                if (j->row && !cli_ranking_add(&rk, j->path, emitted, j->row->score, j->row->gaps,
                                               j->row->years, j->row->degree)) {
                    row_free(j->row, nt);
                    free(j->row);
                    j->row = NULL;
                } else if (j->row) {
                    progress_clear(&prog);
                    oom();
                    rc = EXIT_INTERNAL;
                } else {
                    progress_clear(&prog);
                    fprintf(stderr, "gapscan: %s: cannot read its report\n", j->path);
                    rc = EXIT_INTERNAL;
                }
            }
            gs_store_parsed_free(j->parsed); /* it borrows the reports */
            j->parsed = NULL;
            if (j->reports)
                for (size_t t = 0; t < nt; t++)
                    gapscan_free(j->reports[t]);
            free(j->reports);
            j->reports = NULL;
            free(j->lens);
            j->lens = NULL;
            free(j->text);
            j->text = NULL;
            if (j->row) { /* a job that failed after its first target */
                row_free(j->row, nt);
                free(j->row);
                j->row = NULL;
            }
            free(j->err); /* the slot is taken again by job emitted + ring */
            j->err = NULL;
            emitted++;
        }
        pthread_mutex_lock(&b.mu);
        b.emitted = emitted;
        pthread_cond_broadcast(&b.room);
        pthread_mutex_unlock(&b.mu);
        progress_draw(&prog, consumed, b.n, 0);
    }
    for (size_t t = 0; t < started; t++)
        pthread_join(tids[t], NULL);
    if (db && !db_broken && gs_store_commit(db)) {
        fprintf(stderr, "gapscan: %s: cannot write the store: %s\n", o->db, gs_store_errmsg(db));
        rc = EXIT_INTERNAL;
    }
    if (prog.on) {
        double el = now_s() - prog.start;
        progress_clear(&prog);
        fprintf(stderr, "gapscan: %zu CVs in %.1f s (%.1f CV/s): %zu scanned, %zu unchanged, %zu failed\n",
                b.n, el, el > 0 ? (double)b.n / el : 0.0, scanned, cached, failed);
    }
    if (o->format == CLI_JSON)
        out_broken |= write_out(json_items ? "\n]\n" : "]\n", json_items ? 3 : 2);
    if (pages) {
        int r = write_ranking(eng, o, o->ninputs == 1 ? o->inputs[0] : NULL, &rk, fails, nfails, b.paged ? &b.pages : NULL, as_of);
        if (r > rc)
            rc = r;
    } else if (tables) {
        cli_ranking_sort(&rk);
        cli_ranking_print(&rk, stdout, o->targets, o->format == CLI_CSV);
    }
    if (fflush(stdout) != 0 || out_broken) {
        fprintf(stderr, "gapscan: cannot write the report: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
out_sync:
    pthread_cond_destroy(&b.cv);
    pthread_cond_destroy(&b.room);
    pthread_mutex_destroy(&b.mu);
out:
    free(ready);
    cli_ranking_free(&rk);
    if (b.jobs)
        for (size_t i = 0; i < b.ring; i++) {
            gs_store_parsed_free(b.jobs[i].parsed);
            if (b.jobs[i].reports)
                for (size_t t = 0; t < nt; t++)
                    gapscan_free(b.jobs[i].reports[t]);
            free(b.jobs[i].reports);
            free(b.jobs[i].lens);
            free(b.jobs[i].text);
            free(b.jobs[i].err);
        }
    free(b.jobs);
    free(b.doneq);
    free(tids);
    for (size_t k = 0; k < nfails; k++) {
        free(fails[k].path);
        free(fails[k].msg);
    }
    free(fails);
    cli_pages_free(&b.pages);
    gs_store_close(db);
    free(lexicon);
    free(as_of);
    strlist_free(&files);
    return rc;
}

/* ---- gapscan report ---- */

typedef struct entry {
    const char *path;
    size_t target;
    size_t seq; /* rank order within the target */
    char *report;
} entry;

typedef struct collect {
    entry *v;
    size_t n, cap, target, seq;
} collect;

static int collect_one(void *ctx, const char *path, const char *report)
{
    collect *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        entry *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return -1;
        c->v = v;
        c->cap = cap;
    }
    size_t pl = strlen(path), rl = strlen(report);
    char *mem = malloc(pl + rl + 2);
    if (!mem)
        return -1;
    memcpy(mem, report, rl + 1);
    memcpy(mem + rl + 1, path, pl + 1);
    c->v[c->n++] = (entry){mem + rl + 1, c->target, c->seq++, mem};
    /* cppcheck-suppress memleak ; owned by c->v[], freed with it */
    return 0;
}

static int cmp_entry_path(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    return c ? c : x->target < y->target ? -1 : x->target > y->target;
}

static int cmp_entry_rank(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->target != y->target)
        return x->target < y->target ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* gapscan report --cv PATH: that CV's stored report for the (one) target,
 * as JSON, JSONL, HTML or Markdown, on stdout or in -o FILE. */
static int report_one(gapscan_engine *eng, const cli_batch_opts *o, const collect *c)
{
    const entry *e = NULL;
    for (size_t i = 0; i < c->n && !e; i++)
        if (!strcmp(c->v[i].path, o->cv))
            e = &c->v[i];
    if (!e) {
        fprintf(stderr, "gapscan: %s: %s: no stored report for target %s\n", o->db, o->cv, o->targets[0]);
        return EXIT_INPUT;
    }
    char *out = NULL;
    size_t len = 0;
    int rc = EXIT_OK;
    if (o->format == CLI_HTML || o->format == CLI_MD) {
        if (gapscan_render_report(eng, e->report, strlen(e->report), page_format(o->format), &out, &len) !=
            GAPSCAN_OK) {
            fprintf(stderr, "gapscan: %s: %s: %s\n", o->db, o->cv, gapscan_errmsg(eng));
            return EXIT_INTERNAL;
        }
    }
    const char *data = out ? out : e->report;
    size_t n = out ? len : strlen(e->report);
    FILE *f = o->outdir ? fopen(o->outdir, "w") : stdout;
    if (!f) {
        fprintf(stderr, "gapscan: %s: %s\n", o->outdir, strerror(errno));
        gapscan_free(out);
        return EXIT_USAGE;
    }
    int bad = fwrite(data, 1, n, f) != n || (!out && fputc('\n', f) == EOF);
    if (f != stdout)
        bad |= fclose(f) != 0;
    else
        bad |= fflush(stdout) != 0;
    if (bad) {
        fprintf(stderr, "gapscan: %s: %s\n", o->outdir ? o->outdir : "cannot write the report", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    gapscan_free(out);
    return rc;
}

int cli_report(gapscan_engine *eng, const cli_batch_opts *o)
{
    gs_store *db = NULL;
    if (gs_store_open(o->db, 0, &db)) {
        fprintf(stderr, "gapscan: %s\n", gs_store_errmsg(db));
        gs_store_close(db);
        return EXIT_USAGE;
    }
    collect c = {0};
    int rc = EXIT_OK;
    for (size_t t = 0; t < o->ntargets && rc == EXIT_OK; t++) {
        c.target = t;
        c.seq = 0;
        int r = gs_store_each(db, o->targets[t], o->as_of, collect_one, &c);
        if (r) {
            if (r < 0 && gs_store_errmsg(db)[0])
                fprintf(stderr, "gapscan: %s: %s\n", o->db, gs_store_errmsg(db));
            else
                oom();
            rc = EXIT_INTERNAL;
        }
    }
    row *rows = NULL;
    size_t nrows = 0;
    cli_ranking rk = {0};
    cli_pages pg = {0};
    int pages = o->format == CLI_HTML || o->format == CLI_MD;
    if (rc == EXIT_OK && o->cv) {
        rc = report_one(eng, o, &c);
    } else if (rc == EXIT_OK && (o->format == CLI_JSONL || o->format == CLI_JSON)) {
        qsort(c.v, c.n, sizeof *c.v, cmp_entry_rank);
        if (o->format == CLI_JSON)
            fputs(c.n ? "[" : "[]\n", stdout);
        for (size_t i = 0; i < c.n; i++) {
            if (o->format == CLI_JSON)
                fputs(i ? ",\n" : "\n", stdout);
            fputs(c.v[i].report, stdout);
            if (o->format == CLI_JSONL)
                fputc('\n', stdout);
        }
        if (o->format == CLI_JSON && c.n)
            fputs("\n]\n", stdout);
    } else if (rc == EXIT_OK) {
        qsort(c.v, c.n, sizeof *c.v, cmp_entry_path);
        rows = calloc(c.n ? c.n : 1, sizeof *rows);
        const char **paths = calloc(c.n ? c.n : 1, sizeof *paths);
        if (!rows || !paths) {
            oom();
            rc = EXIT_INTERNAL;
        }
        for (size_t i = 0; rows && paths && i < c.n; i++) {
            if (!nrows || strcmp(rows[nrows - 1].path, c.v[i].path)) {
                if (row_init(&rows[nrows], c.v[i].path, o->ntargets)) {
                    row_free(&rows[nrows], o->ntargets);
                    oom();
                    rc = EXIT_INTERNAL;
                    break;
                }
                paths[nrows++] = c.v[i].path;
            }
            if (row_take(&rows[nrows - 1], c.v[i].target, c.v[i].report)) {
                fprintf(stderr, "gapscan: %s: %s: cannot read its stored report\n", o->db, c.v[i].path);
                rc = EXIT_INTERNAL;
            }
        }
        /* a report page per stored CV and target, then the index */
        if (rc == EXIT_OK && pages && o->outdir) {
            if (cli_outdir_prepare(o->outdir))
                rc = EXIT_USAGE;
            else if (cli_pages_init(&pg, o->outdir, o->format == CLI_HTML ? ".html" : ".md", paths, nrows)) {
                oom();
                rc = EXIT_INTERNAL;
            }
            size_t k = 0;
            for (size_t i = 0; rc == EXIT_OK && i < c.n; i++) {
                char err[600];
                while (strcmp(paths[k], c.v[i].path))
                    k++;
                if (write_page(eng, o, &pg, k, c.v[i].target, NULL, c.v[i].report, err, sizeof err)) {
                    fprintf(stderr, "gapscan: %s\n", err);
                    rc = EXIT_INTERNAL;
                }
            }
        }
        free(paths);
        /* row i is the i-th CV in path order, which names its report page */
        int bad = rc == EXIT_OK && cli_ranking_init(&rk, nrows, o->ntargets);
        for (size_t i = 0; rc == EXIT_OK && !bad && i < nrows; i++)
            bad = cli_ranking_add(&rk, rows[i].path, i, rows[i].score, rows[i].gaps, rows[i].years,
                                  rows[i].degree);
        if (bad) {
            oom();
            rc = EXIT_INTERNAL;
        }
        if (rc == EXIT_OK && pages) {
            rc = write_ranking(eng, o, o->db, &rk, NULL, 0, o->outdir ? &pg : NULL, o->as_of);
        } else if (rc == EXIT_OK) {
            cli_ranking_sort(&rk);
            cli_ranking_print(&rk, stdout, o->targets, o->format == CLI_CSV);
        }
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "gapscan: cannot write the report: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    cli_pages_free(&pg);
    cli_ranking_free(&rk);
    for (size_t i = 0; i < nrows; i++)
        row_free(&rows[i], o->ntargets);
    free(rows);
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].report);
    free(c.v);
    gs_store_close(db);
    return rc;
}

/* ---- pipeline mode ---- */

/* {"id": ID, "error": MSG} on one line. */
static int put_error(json_t *id, const char *msg)
{
    json_t *o = json_object();
    int rc = -1;
    if (o && !json_object_set(o, "id", id ? id : json_null()) &&
        !json_object_set_new(o, "error", json_string(msg))) {
        char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
        if (s) {
            rc = fputs(s, stdout) < 0 || fputc('\n', stdout) == EOF ? -1 : 0;
            free(s);
        }
    }
    json_decref(o);
    return rc;
}

int cli_pipeline(gapscan_engine *eng, const cli_batch_opts *o)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = EXIT_OK;
    size_t lineno = 0;
    size_t nt = o->ntargets;
    char **out = calloc(nt, sizeof *out);
    if (!out) {
        oom();
        return EXIT_INTERNAL;
    }
    while (rc == EXIT_OK && (n = getline(&line, &cap, stdin)) >= 0) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank lines are not records */
        char msg[600];
        json_error_t jerr;
        json_t *rec = json_loadb(line, len, 0, &jerr);
        json_t *id = json_is_object(rec) ? json_object_get(rec, "id") : NULL;
        const char *text = json_string_value(json_object_get(rec, "text"));
        const char *path = json_string_value(json_object_get(rec, "path"));
        int werr = 0;
        if (!rec) {
            snprintf(msg, sizeof msg, "line %zu: not JSON: %s", lineno, jerr.text);
            werr = put_error(NULL, msg);
        } else if (!json_is_object(rec)) {
            snprintf(msg, sizeof msg, "line %zu: not a JSON object", lineno);
            werr = put_error(NULL, msg);
        } else if (!id || !(json_is_string(id) || json_is_integer(id))) {
            snprintf(msg, sizeof msg, "line %zu: no \"id\" (a string or an integer)", lineno);
            werr = put_error(id, msg);
        } else if (!text == !path) {
            snprintf(msg, sizeof msg, "line %zu: want one of \"text\" or \"path\" (a string)", lineno);
            werr = put_error(id, msg);
        } else {
            char *idtext = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII);
            const char *name = path ? path : json_is_string(id) ? json_string_value(id) : idtext;
            gapscan_profile *prof = NULL;
            gapscan_status st =
                !idtext ? GAPSCAN_ENOMEM
                : path  ? gapscan_extract_file(eng, path, &prof)
                        : gapscan_extract(eng, name, text, json_string_length(json_object_get(rec, "text")),
                                          &prof);
            size_t t = 0;
            for (; st == GAPSCAN_OK && t < nt; t++) {
                const gapscan_role *role = target_role(eng, o, t);
                gapscan_match *m = NULL;
                size_t olen;
                st = role ? gapscan_score(eng, prof, role, &m) : GAPSCAN_ENOTFOUND;
                if (st == GAPSCAN_OK)
                    st = gapscan_render(eng, m, GAPSCAN_FORMAT_JSONL, &out[t], &olen);
                gapscan_match_free(m);
            }
            gapscan_profile_free(prof);
            if (st != GAPSCAN_OK) {
                const char *e = idtext ? gapscan_errmsg(eng) : "";
                werr = put_error(id, e && *e ? e : gapscan_strerror(st));
                if (st == GAPSCAN_ENOMEM || st == GAPSCAN_EINTERNAL)
                    rc = EXIT_INTERNAL;
            } else {
                for (size_t u = 0; u < nt && !werr; u++) {
                    /* the contract object with "id" first: {"id":ID,<the rest>} */
                    const char *rest = out[u][0] == '{' ? out[u] + 1 : out[u];
                    werr = printf("{\"id\":%s,%s", idtext, rest) < 0;
                }
            }
            for (size_t u = 0; u < nt; u++) {
                gapscan_free(out[u]);
                out[u] = NULL;
            }
            free(idtext);
        }
        json_decref(rec);
        if (werr || fflush(stdout) != 0) {
            fprintf(stderr, "gapscan: cannot write: %s\n", strerror(errno));
            rc = EXIT_INTERNAL;
        }
    }
    if (rc == EXIT_OK && ferror(stdin)) {
        fprintf(stderr, "gapscan: cannot read standard input: %s\n", strerror(errno));
        rc = EXIT_INTERNAL;
    }
    free(line);
    free(out);
    return rc;
}
