/* gencv.c - a seeded generator of realistic CVs, with the ground truth of each.
 *
 *   gencv --seed S --count N --out DIR [--formats txt,md,html,docx,pdf] [--each]
 *         [--pages MIN-MAX] [--as-of YYYY-MM] [--no-truth] [-j N] [--data DIR]
 *         [--lexicon DIR]
 *
 * Each CV has a career track (data, ml, ai, backend, devops, analytics), a
 * seniority (junior ... vp), dated positions with bullets, a summary, a skills
 * section, education and some extras, in one of several layouts and date
 * styles, 1 to 6 pages of text long (a page is about 3,000 characters). It is
 * written as DIR/cvNNNNNN.<ext> in one of the formats (or in all of them with
 * --each), next to DIR/cvNNNNNN.truth, which says what the CV states: skills
 * (canonical ids of lexicon/skills.tsv), the skills they imply, the traps it
 * holds (skills named but negated, only wanted, or words that are not the
 * skill), dated positions, total years as of --as-of, and degrees.
 *
 * All the words come from the data files in --data (default bench/gen; see
 * its README.md); the lexicon (default lexicon/) is read to check that every
 * surface form names the id the truth gives it, and for the implications
 * between skills. The same seed and data give byte-identical files: the
 * random numbers are splitmix64, one stream per CV (and one per CV and format
 * for the layout), so a CV does not depend on the count, the formats or the
 * number of threads (-j; CV i goes to thread i mod N).
 *
 * Exit codes: 0 done, 2 usage, 3 a data file or the output cannot be read or
 * written (the message names the file), 4 out of memory.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* ---------------------------------------------------------------- errors */

static void die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void die(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("gencv: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(code);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die(4, "out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die(4, "out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

/* ---------------------------------------------------------------- random */

/* splitmix64: a tiny generator with good statistics, one stream per CV. */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rnext(rng *r)
{
    return mix64(r->s += 0x9e3779b97f4a7c15ULL);
}

static rng rseed(uint64_t seed, uint64_t a, uint64_t b)
{
    rng r = {mix64(seed ^ mix64(a * 0x9e3779b97f4a7c15ULL + b + 1))};
    return r;
}

/* 0 <= result < n (n > 0) */
static size_t rbelow(rng *r, size_t n)
{
    return (size_t)((rnext(r) >> 11) % n);
}

/* lo <= result <= hi */
static int rrange(rng *r, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)rbelow(r, (size_t)(hi - lo + 1));
}

static int rchance(rng *r, int percent)
{
    return (int)rbelow(r, 100) < percent;
}

/* an index drawn with the given weights */
static size_t rweighted(rng *r, const int *w, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    int x = rrange(r, 0, total - 1);
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* ---------------------------------------------------------------- buffers */

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void bgrow(buf *b, size_t more)
{
    if (b->n + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more + 1)
        cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void bput(buf *b, const char *s, size_t n)
{
    bgrow(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void bputs(buf *b, const char *s)
{
    bput(b, s, strlen(s));
}

static void bputc(buf *b, char c)
{
    if (b->n + 2 > b->cap)
        bgrow(b, 1);
    b->p[b->n++] = c;
    b->p[b->n] = '\0';
}

static void bprintf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bprintf(buf *b, const char *fmt, ...)
{
    bgrow(b, 256);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
    va_end(ap);
    if (n < 0)
        die(4, "formatting failed");
    if ((size_t)n >= b->cap - b->n) {
        bgrow(b, (size_t)n);
        va_start(ap, fmt);
        vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    b->n += (size_t)n;
}

static void bline(buf *b, const char *pre, const char *s, const char *post)
{
    bputs(b, pre);
    bputs(b, s);
    bputs(b, post);
}

/* Arena for one CV's strings: blocks freed all at once by areset(). */
typedef struct arena {
    char **blocks;
    size_t nblocks, used; /* bytes used in the last block */
} arena;
#define ABLOCK 65536

static char *aalloc(arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->nblocks || a->used + n > ABLOCK) {
        a->blocks = xrealloc(a->blocks, (a->nblocks + 1) * sizeof *a->blocks);
        a->blocks[a->nblocks++] = xmalloc(n > ABLOCK ? n : ABLOCK);
        a->used = 0;
    }
    char *p = a->blocks[a->nblocks - 1] + a->used;
    a->used += n;
    return p;
}

static void areset(arena *a)
{
    for (size_t i = 1; i < a->nblocks; i++)
        free(a->blocks[i]);
    a->nblocks = a->nblocks ? 1 : 0;
    a->used = 0;
}

static void afree(arena *a)
{
    for (size_t i = 0; i < a->nblocks; i++)
        free(a->blocks[i]);
    free(a->blocks);
}

static char *astrndup(arena *a, const char *s, size_t n)
{
    char *p = aalloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *astrdup(arena *a, const char *s)
{
    return astrndup(a, s, strlen(s));
}

static char *aprintf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *aprintf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        die(4, "formatting failed");
    char *p = aalloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---------------------------------------------------------------- tables */

/* A tab-separated file: comment (#) and blank lines skipped, every row with
 * exactly ncols columns. The strings point into text. */
typedef struct table {
    char *path;
    char *text;
    char ***rows;
    int *line; /* line number of each row, for messages */
    size_t n;
} table;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(3, "%s: cannot open: %s", path, strerror(errno));
    buf b = {0};
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        bput(&b, tmp, n);
    if (ferror(f))
        die(3, "%s: read error", path);
    fclose(f);
    if (!b.p)
        bput(&b, "", 0);
    if (len)
        *len = b.n;
    return b.p;
}

static void load_table(table *t, const char *dir, const char *name, int ncols)
{
    size_t pl = strlen(dir) + strlen(name) + 2;
    t->path = xmalloc(pl);
    snprintf(t->path, pl, "%s/%s", dir, name);
    t->text = read_file(t->path, NULL);
    t->rows = NULL;
    t->line = NULL;
    t->n = 0;
    char *s = t->text;
    int lineno = 0;
    while (*s) {
        char *e = strchr(s, '\n');
        if (e)
            *e = '\0';
        lineno++;
        size_t l = strlen(s);
        if (l && s[l - 1] == '\r')
            s[--l] = '\0';
        if (l && s[0] != '#') {
            char **cols = xmalloc((size_t)ncols * sizeof *cols);
            int k = 0;
            char *c = s;
            for (;;) {
                char *tab = strchr(c, '\t');
                if (k == ncols)
                    die(3, "%s:%d: more than %d columns", t->path, lineno, ncols);
                cols[k++] = c;
                if (!tab)
                    break;
                *tab = '\0';
                c = tab + 1;
            }
            if (k != ncols)
                die(3, "%s:%d: %d columns, expected %d", t->path, lineno, k, ncols);
            t->rows = xrealloc(t->rows, (t->n + 1) * sizeof *t->rows);
            t->line = xrealloc(t->line, (t->n + 1) * sizeof *t->line);
            t->rows[t->n] = cols;
            t->line[t->n++] = lineno;
        }
        if (!e)
            break;
        s = e + 1;
    }
    if (!t->n)
        die(3, "%s: no rows", t->path);
}

static void free_table(table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->rows[i]);
    free(t->rows);
    free(t->line);
    free(t->text);
    free(t->path);
}

/* ---------------------------------------------------------------- string map */

/* Open-addressing map from a lower-cased string to an int. */
typedef struct smap {
    char **keys;
    int *vals;
    size_t cap, n;
} smap;

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211ULL;
    return h;
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int *smap_slot(smap *m, const char *key, int create)
{
    if (create && (m->n + 1) * 2 > m->cap) {
        smap old = *m;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->keys = xmalloc(m->cap * sizeof *m->keys);
        m->vals = xmalloc(m->cap * sizeof *m->vals);
        memset(m->keys, 0, m->cap * sizeof *m->keys);
        m->n = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.keys[i]) {
                *smap_slot(m, old.keys[i], 1) = old.vals[i];
                free(old.keys[i]);
            }
        free(old.keys);
        free(old.vals);
    }
    if (!m->cap)
        return NULL;
    size_t i = (size_t)fnv(key) & (m->cap - 1);
    while (m->keys[i]) {
        if (ieq(m->keys[i], key))
            return &m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    if (!create)
        return NULL;
    m->keys[i] = xstrdup(key);
    m->n++;
    m->vals[i] = -1;
    return &m->vals[i];
}

static int smap_get(const smap *m, const char *key)
{
    int *v = smap_slot((smap *)m, key, 0);
    return v ? *v : -1;
}

static void smap_free(smap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
}

/* ---------------------------------------------------------------- the lexicon */

#define NTRACKS 6
static const char *const TRACKS[NTRACKS] = {"data", "ml", "ai", "backend", "devops", "analytics"};
#define NLEVELS 7
enum { JUNIOR, MID, SENIOR, LEAD, MANAGER, DIRECTOR, VP };
static const char *const LEVELS[NLEVELS] = {"junior", "mid", "senior", "lead", "manager", "director", "vp"};
static const char *const DEGREE_LEVELS[] = {"none", "high-school", "associate", "bachelor", "master", "phd"};
#define NDEGREE_LEVELS 6

/* What gencv takes from lexicon/: skill ids, the surfaces that name them
 * (display names and aliases, with their `case` flag), implications, degree
 * surfaces and field surfaces. */
typedef struct lexicon {
    table skills, aliases, relations, degrees, fields, iskills, ialiases; /* i: imported/ */
    smap id;        /* skill id -> index */
    smap surface;   /* surface -> skill index, or -2 when two skills share it */
    smap surf_case; /* surfaces with the `case` flag -> 1 */
    size_t nids;
    const char **ids;
    int **implies; /* per skill: -1-terminated parents */
    smap degree;   /* degree surface -> level index */
    smap field;    /* "field-id\tsurface" -> 1 */
} lexicon;

static int level_index(const char *s, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(s, names[i]))
            return i;
    return -1;
}

static void load_lexicon(lexicon *L, const char *dir)
{
    memset(L, 0, sizeof *L);
    load_table(&L->skills, dir, "skills.tsv", 3);
    load_table(&L->aliases, dir, "aliases.tsv", 3);
    load_table(&L->relations, dir, "relations.tsv", 3);
    load_table(&L->degrees, dir, "degrees.tsv", 3);
    load_table(&L->fields, dir, "fields.tsv", 3);
    char idir[4096];
    snprintf(idir, sizeof idir, "%s/imported", dir);
    load_table(&L->iskills, idir, "skills.tsv", 5);
    load_table(&L->ialiases, idir, "aliases.tsv", 3);
    L->ids = xmalloc((L->skills.n + L->iskills.n) * sizeof *L->ids);
    const table *sk[2] = {&L->skills, &L->iskills}, *al[2] = {&L->aliases, &L->ialiases};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < sk[k]->n; i++) {
            char **r = sk[k]->rows[i];
            int *v = smap_slot(&L->id, r[0], 1);
            if (*v >= 0)
                die(3, "%s:%d: duplicate id %s", sk[k]->path, sk[k]->line[i], r[0]);
            *v = (int)L->nids;
            L->ids[L->nids++] = r[0];
            v = smap_slot(&L->surface, r[1], 1);
            *v = *v == -1 || *v == (int)L->nids - 1 ? (int)L->nids - 1 : -2;
        }
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < al[k]->n; i++) {
            char **r = al[k]->rows[i];
            int id = smap_get(&L->id, r[1]);
            if (id < 0)
                die(3, "%s:%d: unknown id %s", al[k]->path, al[k]->line[i], r[1]);
            int *v = smap_slot(&L->surface, r[0], 1);
            *v = *v == -1 || *v == id ? id : -2;
            if (strstr(r[2], "case"))
                *smap_slot(&L->surf_case, r[0], 1) = 1;
        }
    L->implies = xmalloc(L->nids * sizeof *L->implies);
    size_t *count = xmalloc(L->nids * sizeof *count);
    memset(count, 0, L->nids * sizeof *count);
    for (size_t i = 0; i < L->nids; i++) {
        L->implies[i] = xmalloc(sizeof(int));
        L->implies[i][0] = -1;
    }
    for (size_t i = 0; i < L->relations.n; i++) {
        char **r = L->relations.rows[i];
        if (strcmp(r[1], "implies"))
            continue;
        int a = smap_get(&L->id, r[0]), b = smap_get(&L->id, r[2]);
        if (a < 0 || b < 0)
            die(3, "%s:%d: unknown id", L->relations.path, L->relations.line[i]);
        L->implies[a] = xrealloc(L->implies[a], (count[a] + 2) * sizeof(int));
        L->implies[a][count[a]++] = b;
        L->implies[a][count[a]] = -1;
    }
    free(count);
    for (size_t i = 0; i < L->degrees.n; i++) {
        char **r = L->degrees.rows[i];
        int lvl = level_index(r[1], DEGREE_LEVELS, NDEGREE_LEVELS);
        if (lvl < 0)
            die(3, "%s:%d: unknown level %s", L->degrees.path, L->degrees.line[i], r[1]);
        *smap_slot(&L->degree, r[0], 1) = lvl;
    }
    for (size_t i = 0; i < L->fields.n; i++) {
        char **r = L->fields.rows[i];
        char *s = r[2];
        for (;;) {
            char *bar = strchr(s, '|');
            size_t n = bar ? (size_t)(bar - s) : strlen(s);
            char key[512];
            snprintf(key, sizeof key, "%s\t%.*s", r[0], (int)n, s);
            *smap_slot(&L->field, key, 1) = 1;
            if (!bar)
                break;
            s = bar + 1;
        }
    }
}

static void free_lexicon(lexicon *L)
{
    for (size_t i = 0; i < L->nids; i++)
        free(L->implies[i]);
    free(L->implies);
    free(L->ids);
    smap_free(&L->id);
    smap_free(&L->surface);
    smap_free(&L->surf_case);
    smap_free(&L->degree);
    smap_free(&L->field);
    free_table(&L->skills);
    free_table(&L->aliases);
    free_table(&L->relations);
    free_table(&L->degrees);
    free_table(&L->fields);
    free_table(&L->iskills);
    free_table(&L->ialiases);
}

/* The skill a surface names in the lexicon, or -1 (-2: two skills). A
 * surface flagged `case` must match with its own capitalisation. */
static int lex_surface(const lexicon *L, const char *s)
{
    int v = smap_get(&L->surface, s);
    if (v >= 0 && smap_get(&L->surf_case, s) == 1) {
        /* find the exact key */
        const table *al[2] = {&L->aliases, &L->ialiases};
        for (int k = 0; k < 2; k++)
            for (size_t i = 0; i < al[k]->n; i++)
                if (ieq(al[k]->rows[i][0], s))
                    return strcmp(al[k]->rows[i][0], s) ? -1 : v;
    }
    return v;
}

/* ---------------------------------------------------------------- the data */

#define MAXSURF 8
typedef struct group_t {
    const char *label;
    int *skills; /* what the label itself names */
} group_t;

typedef struct skill {
    int lex;        /* index in the lexicon */
    int slot_id;    /* index in data.slots */
    const char *slot, *group;
    int grp;        /* index of the group */
    unsigned tracks; /* bit per track */
    const char *surf[MAXSURF];
    int nsurf;
} skill;

/* A template compiled into parts: literal text and placeholders. */
enum { P_TEXT, P_SLOT, P_NUM, P_ROLE, P_YEARS, P_INDUSTRY, P_X };
typedef struct tpart {
    int kind;
    const char *s; /* P_TEXT */
    int len;       /* P_TEXT */
    int slot;      /* P_SLOT */
    int lo, hi;    /* P_NUM */
} tpart;

/* A template: phrases, summaries, projects, traps. */
typedef struct tmpl {
    unsigned tracks;
    int lo, hi;        /* levels */
    const char *name;  /* projects: the name */
    const char *text;
    tpart *parts;
    int nparts;
    unsigned has;      /* bit per P_* kind it holds */
    int *skills;       /* fixed skills, -1-terminated */
    int *not;          /* traps: ids it must not credit ({x} is -2) */
    int kind;          /* traps: TRAP_* */
    int where;         /* traps: WHERE_* */
} tmpl;

enum { TRAP_NEGATION, TRAP_ASPIRATION, TRAP_AMBIGUOUS, TRAP_HEDGE };
static const char *const TRAP_KINDS[] = {"negation", "aspiration", "ambiguous", "hedge"};
enum { WHERE_SUMMARY, WHERE_SKILLS, WHERE_BULLET, WHERE_INTERESTS };
static const char *const WHERES[] = {"summary", "skills", "bullet", "interests"};

typedef struct title {
    int track, level;
    const char *text;
    int *skills;
} title;

typedef struct degree_t {
    int level;
    const char *text;
    unsigned groups;   /* bit per field group, for {field} */
    const char *field; /* the field the text itself names, or NULL */
    int *skills;       /* skills the text itself names */
} degree_t;

static const char *const FIELD_GROUPS[] = {"stem", "business", "humanities", "other"};
typedef struct field_t {
    const char *id, *text;
    int group;
    unsigned tracks;
    int *skills;
} field_t;

enum { SEC_SUMMARY, SEC_EXPERIENCE, SEC_EDUCATION, SEC_SKILLS, SEC_CERTS, SEC_PROJECTS, SEC_LANGUAGES,
       SEC_INTERESTS, NSECS };
static const char *const SECTIONS[NSECS] = {"summary",  "experience", "education", "skills",
                                            "certifications", "projects", "languages", "interests"};

typedef struct data {
    lexicon lex;
    table t_groups, t_skills, t_titles, t_phrases, t_summaries, t_traps, t_projects, t_names, t_places,
        t_employers, t_unis, t_headings, t_degrees, t_fields, t_certs, t_extras;
    group_t *groups;
    size_t ngroups;
    skill *skills;
    size_t nskills;
    const char **slots; /* distinct slot names */
    size_t nslots;
    int **slot_skills;  /* per slot: its skills, -1-terminated */
    size_t *cand[NTRACKS][NLEVELS]; /* phrases a position of that track and level may use */
    size_t ncand[NTRACKS][NLEVELS];
    title *titles;
    size_t ntitles;
    tmpl *phrases, *summaries, *traps, *projects, *certs;
    size_t nphrases, nsummaries, ntraps, nprojects, ncerts;
    const char **first, **last;
    size_t nfirst, nlast;
    degree_t *degrees;
    size_t ndegrees;
    field_t *fields;
    size_t nfields;
    const char **headings[NSECS];
    size_t nheadings[NSECS];
    const char **languages, **interests;
    size_t nlanguages, ninterests;
    const char **unis, **schools, **bootcamps;
    size_t nunis, nschools, nbootcamps;
} data;

static unsigned parse_tracks(const table *t, size_t row, const char *s)
{
    if (!strcmp(s, "*"))
        return (1u << NTRACKS) - 1;
    unsigned m = 0;
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", s);
    for (char *save = NULL, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int k = level_index(tok, TRACKS, NTRACKS);
        if (k < 0)
            die(3, "%s:%d: unknown track %s", t->path, t->line[row], tok);
        m |= 1u << k;
    }
    return m;
}

/* "a,b,c" or "-" to a -1-terminated list of lexicon ids ("{x}" is -2). */
static int *parse_ids(const data *d, const table *t, size_t row, const char *s)
{
    size_t n = 0;
    int *v = xmalloc(sizeof(int));
    if (strcmp(s, "-")) {
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%s", s);
        for (char *save = NULL, *tok = strtok_r(tmp, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            int id = !strcmp(tok, "{x}") ? -2 : smap_get(&d->lex.id, tok);
            if (id == -1)
                die(3, "%s:%d: %s is not an id of lexicon/skills.tsv", t->path, t->line[row], tok);
            v = xrealloc(v, (n + 2) * sizeof(int));
            v[n++] = id;
        }
    }
    v[n] = -1;
    return v;
}

static void parse_levels(const table *t, size_t row, const char *s, int *lo, int *hi)
{
    char a[32], b[32];
    const char *dash = strchr(s, '-');
    if (!dash || (size_t)(dash - s) >= sizeof a || strlen(dash + 1) >= sizeof b)
        die(3, "%s:%d: levels must be like junior-vp: %s", t->path, t->line[row], s);
    snprintf(a, sizeof a, "%.*s", (int)(dash - s), s);
    snprintf(b, sizeof b, "%s", dash + 1);
    *lo = level_index(a, LEVELS, NLEVELS);
    *hi = level_index(b, LEVELS, NLEVELS);
    if (*lo < 0 || *hi < 0 || *lo > *hi)
        die(3, "%s:%d: bad levels %s", t->path, t->line[row], s);
}

static int slot_index(const data *d, const char *name, size_t n)
{
    for (size_t i = 0; i < d->nslots; i++)
        if (strlen(d->slots[i]) == n && !strncmp(d->slots[i], name, n))
            return (int)i;
    return -1;
}

/* Compile a template into t->parts: every {...} is a slot, {n:LO-HI}, or
 * one of `extra` (space-separated: role years industry x). */
static void compile_template(const data *d, const table *tb, size_t row, tmpl *t, const char *extra)
{
    const char *s = t->text;
    t->parts = NULL;
    t->nparts = 0;
    t->has = 0;
    while (*s) {
        tpart pt = {P_TEXT, s, 0, -1, 0, 0};
        const char *o = strchr(s, '{');
        if (o != s) {
            pt.len = o ? (int)(o - s) : (int)strlen(s);
            s += pt.len;
        } else {
            const char *e = strchr(o, '}');
            if (!e)
                die(3, "%s:%d: unclosed {", tb->path, tb->line[row]);
            size_t n = (size_t)(e - o - 1);
            static const struct {
                const char *name;
                int kind;
            } named[] = {{"role", P_ROLE}, {"years", P_YEARS}, {"industry", P_INDUSTRY}, {"x", P_X}};
            int lo, hi;
            if (sscanf(o + 1, "n:%d-%d}", &lo, &hi) == 2 && lo <= hi) {
                pt = (tpart){P_NUM, NULL, 0, -1, lo, hi};
            } else if ((pt.slot = slot_index(d, o + 1, n)) >= 0) {
                pt.kind = P_SLOT;
            } else {
                pt.kind = -1;
                for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
                    size_t l = strlen(named[k].name);
                    const char *x = strstr(extra, named[k].name);
                    if (l == n && !strncmp(o + 1, named[k].name, n) && x)
                        pt.kind = named[k].kind;
                }
                if (pt.kind < 0)
                    die(3, "%s:%d: unknown placeholder {%.*s}", tb->path, tb->line[row], (int)n, o + 1);
            }
            s = e + 1;
        }
        t->parts = xrealloc(t->parts, (size_t)(t->nparts + 1) * sizeof *t->parts);
        t->parts[t->nparts++] = pt;
        t->has |= 1u << pt.kind;
    }
}

/* A two-column table `kind  value` split into one list per kind: the
 * values of kinds[k] go to *lists[k] (*counts[k] of them). An unknown kind,
 * or a kind without a value, is a data error. */
static void split_kinds(const table *t, const char *const *kinds, int nk, const char ***lists[],
                        size_t *counts[])
{
    for (int k = 0; k < nk; k++) {
        *lists[k] = xmalloc(t->n * sizeof(char *));
        *counts[k] = 0;
    }
    for (size_t i = 0; i < t->n; i++) {
        int k = level_index(t->rows[i][0], kinds, nk);
        if (k < 0)
            die(3, "%s:%d: unknown kind %s", t->path, t->line[i], t->rows[i][0]);
        (*lists[k])[(*counts[k])++] = t->rows[i][1];
    }
    for (int k = 0; k < nk; k++)
        if (!*counts[k])
            die(3, "%s: nothing of kind %s", t->path, kinds[k]);
}

/* A file of templates. `cols` says what each column is: t tracks, l
 * levels, n name, x text, s skills, o skills it must not credit, k trap
 * kind, w where; a column left out means all tracks, all levels. `extra`:
 * the named placeholders the text may use (see compile_template). */
static tmpl *load_tmpls(const data *d, table *t, const char *dir, const char *file, const char *cols,
                        const char *extra, size_t *count)
{
    load_table(t, dir, file, (int)strlen(cols));
    tmpl *v = xmalloc(t->n * sizeof *v);
    for (size_t i = 0; i < t->n; i++) {
        char **r = t->rows[i];
        tmpl *x = &v[i];
        memset(x, 0, sizeof *x);
        x->tracks = (1u << NTRACKS) - 1;
        x->hi = NLEVELS - 1;
        for (size_t k = 0; cols[k]; k++) {
            switch (cols[k]) {
            case 't': x->tracks = parse_tracks(t, i, r[k]); break;
            case 'l': parse_levels(t, i, r[k], &x->lo, &x->hi); break;
            case 'n': x->name = r[k]; break;
            case 'x': x->text = r[k]; break;
            case 's': x->skills = parse_ids(d, t, i, r[k]); break;
            case 'o': x->not = parse_ids(d, t, i, r[k]); break;
            case 'k': x->kind = level_index(r[k], TRAP_KINDS, 4); break;
            default: x->where = level_index(r[k], WHERES, 4); break;
            }
        }
        if (x->kind < 0 || x->where < 0)
            die(3, "%s:%d: unknown kind or place", t->path, t->line[i]);
        compile_template(d, t, i, x, extra);
        /* {x} is in the text and in a column of skills, or in neither */
        int uses_x = 0;
        for (const int *p = x->not; p && *p != -1; p++)
            uses_x |= *p == -2;
        for (const int *p = x->skills; *p != -1; p++)
            uses_x |= *p == -2;
        if (!(x->has & (1u << P_X)) != !uses_x)
            die(3, "%s:%d: {x} must be in the text and in a column, or in neither", t->path, t->line[i]);
    }
    *count = t->n;
    return v;
}

static void load_data(data *d, const char *dir, const char *lexdir)
{
    memset(d, 0, sizeof *d);
    load_lexicon(&d->lex, lexdir);
    const lexicon *L = &d->lex;

    /* groups.tsv: label skills */
    table *t = &d->t_groups;
    load_table(t, dir, "groups.tsv", 2);
    d->groups = xmalloc(t->n * sizeof *d->groups);
    for (size_t i = 0; i < t->n; i++) {
        d->groups[d->ngroups].label = t->rows[i][0];
        d->groups[d->ngroups++].skills = parse_ids(d, t, i, t->rows[i][1]);
    }

    /* skills.tsv: id slot group tracks surfaces */
    t = &d->t_skills;
    load_table(t, dir, "skills.tsv", 5);
    d->skills = xmalloc(t->n * sizeof *d->skills);
    for (size_t i = 0; i < t->n; i++) {
        char **r = t->rows[i];
        skill *s = &d->skills[d->nskills++];
        memset(s, 0, sizeof *s);
        s->lex = smap_get(&L->id, r[0]);
        if (s->lex < 0)
            die(3, "%s:%d: %s is not an id of lexicon/skills.tsv", t->path, t->line[i], r[0]);
        for (size_t k = 0; k + 1 < d->nskills; k++)
            if (d->skills[k].lex == s->lex)
                die(3, "%s:%d: %s listed twice", t->path, t->line[i], r[0]);
        s->slot = r[1];
        s->group = r[2];
        s->grp = -1;
        for (size_t k = 0; k < d->ngroups; k++)
            if (!strcmp(d->groups[k].label, r[2]))
                s->grp = (int)k;
        if (s->grp < 0)
            die(3, "%s:%d: group %s is not in groups.tsv", t->path, t->line[i], r[2]);
        s->tracks = parse_tracks(t, i, r[3]);
        for (char *p = r[4]; p && s->nsurf < MAXSURF;) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            int v = lex_surface(L, p);
            if (v != s->lex)
                die(3, "%s:%d: \"%s\" does not name %s in the lexicon (%s)", t->path, t->line[i], p, r[0],
                    v == -2 ? "it names two skills" : v >= 0 ? L->ids[v] : "unknown surface");
            s->surf[s->nsurf++] = p;
            p = bar ? bar + 1 : NULL;
        }
        s->slot_id = slot_index(d, s->slot, strlen(s->slot));
        if (s->slot_id < 0) {
            d->slots = xrealloc(d->slots, (d->nslots + 1) * sizeof *d->slots);
            s->slot_id = (int)d->nslots;
            d->slots[d->nslots++] = s->slot;
        }
    }

    d->slot_skills = xmalloc(d->nslots * sizeof *d->slot_skills);
    for (size_t k = 0; k < d->nslots; k++) {
        size_t n = 0;
        d->slot_skills[k] = xmalloc((d->nskills + 1) * sizeof(int));
        for (size_t i = 0; i < d->nskills; i++)
            if (d->skills[i].slot_id == (int)k)
                d->slot_skills[k][n++] = (int)i;
        d->slot_skills[k][n] = -1;
    }

    /* titles.tsv: track level title skills */
    t = &d->t_titles;
    load_table(t, dir, "titles.tsv", 4);
    d->titles = xmalloc(t->n * sizeof *d->titles);
    for (size_t i = 0; i < t->n; i++) {
        char **r = t->rows[i];
        title *x = &d->titles[d->ntitles++];
        x->track = level_index(r[0], TRACKS, NTRACKS);
        x->level = level_index(r[1], LEVELS, NLEVELS);
        if (x->track < 0 || x->level < 0)
            die(3, "%s:%d: unknown track or level", t->path, t->line[i]);
        x->text = r[2];
        x->skills = parse_ids(d, t, i, r[3]);
    }
    for (int tr = 0; tr < NTRACKS; tr++)
        for (int lv = 0; lv < NLEVELS; lv++) {
            int found = 0;
            for (size_t i = 0; i < d->ntitles; i++)
                found |= d->titles[i].track == tr && d->titles[i].level == lv;
            if (!found)
                die(3, "%s: no title for track %s, level %s", t->path, TRACKS[tr], LEVELS[lv]);
        }

    d->phrases = load_tmpls(d, &d->t_phrases, dir, "phrases.tsv", "tlxs", "", &d->nphrases);
    for (int tr = 0; tr < NTRACKS; tr++)
        for (int lv = 0; lv < NLEVELS; lv++) {
            d->cand[tr][lv] = xmalloc((d->nphrases + 1) * sizeof(size_t));
            for (size_t i = 0; i < d->nphrases; i++)
                if ((d->phrases[i].tracks & (1u << tr)) && lv >= d->phrases[i].lo && lv <= d->phrases[i].hi)
                    d->cand[tr][lv][d->ncand[tr][lv]++] = i;
            if (!d->ncand[tr][lv])
                die(3, "%s: no phrase for track %s, level %s", d->t_phrases.path, TRACKS[tr], LEVELS[lv]);
        }
    d->summaries = load_tmpls(d, &d->t_summaries, dir, "summaries.tsv", "lxs", "role years industry",
                              &d->nsummaries);
    d->traps = load_tmpls(d, &d->t_traps, dir, "traps.tsv", "kwxos", "x", &d->ntraps);
    d->projects = load_tmpls(d, &d->t_projects, dir, "projects.tsv", "tnxs", "", &d->nprojects);
    d->certs = load_tmpls(d, &d->t_certs, dir, "certs.tsv", "txs", "", &d->ncerts);

    static const char *const NAME_KINDS[] = {"first", "last"};
    const char ***name_lists[] = {&d->first, &d->last};
    size_t *name_counts[] = {&d->nfirst, &d->nlast};
    load_table(&d->t_names, dir, "names.tsv", 2);
    split_kinds(&d->t_names, NAME_KINDS, 2, name_lists, name_counts);

    load_table(&d->t_places, dir, "places.tsv", 3);
    load_table(&d->t_employers, dir, "employers.tsv", 2);

    static const char *const SCHOOL_KINDS[] = {"university", "school", "bootcamp"};
    const char ***school_lists[] = {&d->unis, &d->schools, &d->bootcamps};
    size_t *school_counts[] = {&d->nunis, &d->nschools, &d->nbootcamps};
    load_table(&d->t_unis, dir, "universities.tsv", 2);
    split_kinds(&d->t_unis, SCHOOL_KINDS, 3, school_lists, school_counts);

    const char ***heading_lists[NSECS];
    size_t *heading_counts[NSECS];
    for (int k = 0; k < NSECS; k++) {
        heading_lists[k] = &d->headings[k];
        heading_counts[k] = &d->nheadings[k];
    }
    load_table(&d->t_headings, dir, "headings.tsv", 2);
    split_kinds(&d->t_headings, SECTIONS, NSECS, heading_lists, heading_counts);

    /* fields.tsv: field-id group tracks text skills */
    t = &d->t_fields;
    load_table(t, dir, "fields.tsv", 5);
    d->fields = xmalloc(t->n * sizeof *d->fields);
    for (size_t i = 0; i < t->n; i++) {
        char **r = t->rows[i];
        field_t *f = &d->fields[d->nfields++];
        f->id = r[0];
        f->group = level_index(r[1], FIELD_GROUPS, 4);
        f->tracks = parse_tracks(t, i, r[2]);
        f->text = r[3];
        f->skills = parse_ids(d, t, i, r[4]);
        char key[512];
        snprintf(key, sizeof key, "%s\t%s", r[0], r[3]);
        if (f->group < 0 || smap_get(&L->field, key) != 1)
            die(3, "%s:%d: \"%s\" is not a surface of field %s in the lexicon (or bad group)", t->path,
                t->line[i], r[3], r[0]);
    }

    /* degrees.tsv: level text groups field skills */
    t = &d->t_degrees;
    load_table(t, dir, "degrees.tsv", 5);
    d->degrees = xmalloc(t->n * sizeof *d->degrees);
    for (size_t i = 0; i < t->n; i++) {
        char **r = t->rows[i];
        degree_t *g = &d->degrees[d->ndegrees++];
        g->level = level_index(r[0], DEGREE_LEVELS, NDEGREE_LEVELS);
        g->text = r[1];
        g->groups = 0;
        g->field = strcmp(r[3], "-") ? r[3] : NULL;
        g->skills = parse_ids(d, t, i, r[4]);
        if (g->level < 0)
            die(3, "%s:%d: unknown level %s", t->path, t->line[i], r[0]);
        if (!strstr(r[1], "{field}") != !strcmp(r[2], "-"))
            die(3, "%s:%d: field groups go with {field}, and only with it", t->path, t->line[i]);
        if (strstr(r[1], "{field}")) {
            char tmp[256];
            snprintf(tmp, sizeof tmp, "%s", !strcmp(r[2], "*") ? "stem,business,humanities,other" : r[2]);
            for (char *save = NULL, *tok = strtok_r(tmp, ",", &save); tok;
                 tok = strtok_r(NULL, ",", &save)) {
                int k = level_index(tok, FIELD_GROUPS, 4);
                if (k < 0)
                    die(3, "%s:%d: unknown field group %s", t->path, t->line[i], tok);
                g->groups |= 1u << k;
            }
        }
        if (g->field) {
            int known = 0;
            for (size_t k = 0; k < L->fields.n; k++)
                known |= !strcmp(L->fields.rows[k][0], g->field);
            if (!known)
                die(3, "%s:%d: %s is not a field of lexicon/fields.tsv", t->path, t->line[i], g->field);
        }
        /* the text must start with a degree of that level: some run of
         * whole words at its start is a surface of lexicon/degrees.tsv */
        int ok = 0;
        const char *txt = r[1];
        for (size_t k = 1; txt[k - 1] && !ok; k++) {
            char c = txt[k];
            if (c && c != ' ' && c != ',' && c != '(' && c != ';')
                continue;
            char head[256];
            snprintf(head, sizeof head, "%.*s", (int)k, txt);
            ok = smap_get(&L->degree, head) == g->level;
        }
        if (!ok)
            die(3, "%s:%d: \"%s\" does not start with a %s degree of lexicon/degrees.tsv", t->path,
                t->line[i], r[1], r[0]);
    }

    static const char *const EXTRA_KINDS[] = {"languages", "interests"};
    const char ***extra_lists[] = {&d->languages, &d->interests};
    size_t *extra_counts[] = {&d->nlanguages, &d->ninterests};
    load_table(&d->t_extras, dir, "extras.tsv", 2);
    split_kinds(&d->t_extras, EXTRA_KINDS, 2, extra_lists, extra_counts);
}

static void free_tmpls(tmpl *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].skills);
        free(v[i].not);
        free(v[i].parts);
    }
    free(v);
}

static void free_data(data *d)
{
    for (size_t i = 0; i < d->ntitles; i++)
        free(d->titles[i].skills);
    for (size_t i = 0; i < d->ndegrees; i++)
        free(d->degrees[i].skills);
    for (size_t i = 0; i < d->ngroups; i++)
        free(d->groups[i].skills);
    free(d->groups);
    for (size_t i = 0; i < d->nfields; i++)
        free(d->fields[i].skills);
    free(d->titles);
    free(d->fields);
    free_tmpls(d->phrases, d->nphrases);
    free_tmpls(d->summaries, d->nsummaries);
    free_tmpls(d->traps, d->ntraps);
    free_tmpls(d->projects, d->nprojects);
    free_tmpls(d->certs, d->ncerts);
    free(d->skills);
    for (size_t k = 0; k < d->nslots; k++)
        free(d->slot_skills[k]);
    free(d->slot_skills);
    for (int tr = 0; tr < NTRACKS; tr++)
        for (int lv = 0; lv < NLEVELS; lv++)
            free(d->cand[tr][lv]);
    free(d->slots);
    free(d->first);
    free(d->last);
    free(d->degrees);
    for (int s = 0; s < NSECS; s++)
        free(d->headings[s]);
    free(d->languages);
    free(d->interests);
    free(d->unis);
    free(d->schools);
    free(d->bootcamps);
    table *ts[] = {&d->t_groups, &d->t_skills,  &d->t_titles,  &d->t_phrases,   &d->t_summaries, &d->t_traps,
                   &d->t_projects, &d->t_names,  &d->t_places,    &d->t_employers, &d->t_unis,
                   &d->t_headings, &d->t_degrees, &d->t_fields,   &d->t_certs,     &d->t_extras};
    for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
        free_table(ts[i]);
    free_lexicon(&d->lex);
}

/* ---------------------------------------------------------------- the CV model */

#define MAXPOS 14
#define MAXBUL 24
#define MAXTOOL 64
#define MAXPROJ 10

typedef struct position {
    int title, employer, place;
    int start, end; /* months: year * 12 + month - 1 */
    int present;
    const char *bullets[MAXBUL];
    int nb;
} position;

typedef struct education {
    int level;            /* index in DEGREE_LEVELS */
    const char *degree;   /* "MSc Computer Science" */
    const char *field;    /* field id, or NULL */
    const char *school;
    int y0, y1;           /* y0 == 0: only the year it ended */
    const char *note;     /* an incomplete degree: ", expected 2028", " (not completed)" */
} education;

typedef struct cv {
    arena a;
    int track, level, as_of;
    const char *first, *last;
    int place;
    int headline; /* title index of the current position */
    const char *summary[10];
    int nsummary;
    position pos[MAXPOS]; /* most recent first */
    int npos;
    education edu[4]; /* most advanced first */
    int nedu;
    int tool[MAXTOOL]; /* pool indices: the skills section */
    const char *tool_surf[MAXTOOL];
    int ntool;
    int has_skills, has_summary;
    const char *skill_lines[4]; /* extra lines of the skills section */
    int nskill_lines;
    const char *certs[4];
    int ncerts;
    const char *proj_name[MAXPROJ], *proj_text[MAXPROJ];
    int nproj;
    const char *languages;
    const char *interests[4];
    int ninterests;
    int date_style, since, edu_style, skills_style;
    int heading[NSECS]; /* index into the data's headings */
    uint8_t *credit;    /* per lexicon id: 0 none, 1 hedged, 2 claimed */
    uint8_t *trap;      /* per lexicon id: trap kind + 1 */
    uint8_t *implied;   /* per lexicon id: 1 when implied by a credited skill */
    int *set[3];        /* the ids set in credit, trap and implied (to list and reset them) */
    int nset[3];
    uint8_t *used;      /* per phrase: times used in this CV */
    uint16_t *inpos;    /* per phrase: bit per position that uses it */
    uint8_t *intool;    /* per pool skill: 1 when in the skills section */
    size_t chars;       /* length of the text so far, roughly */
    buf scratch;        /* for expand() */
    int months;         /* months of work, overlaps merged */
} cv;

#define MAXSET 4096
static void mark(cv *c, int which, uint8_t *v, int lex, int value)
{
    if (!v[lex] && c->nset[which] < MAXSET)
        c->set[which][c->nset[which]++] = lex;
    v[lex] = (uint8_t)value;
}

static void credit(cv *c, int lex, int level)
{
    if (lex >= 0 && c->credit[lex] < level)
        mark(c, 0, c->credit, lex, level);
}

static void credit_list(cv *c, const int *ids, int level)
{
    for (; *ids != -1; ids++)
        credit(c, *ids, level);
}

/* c->implied: every skill implied (transitively) by a credited one. */
static void close_implied(const data *d, cv *c)
{
    for (int i = 0; i < c->nset[2]; i++)
        c->implied[c->set[2][i]] = 0;
    c->nset[2] = 0;
    int stack[MAXSET];
    for (int i = 0; i < c->nset[0]; i++) {
        int sp = 0;
        stack[sp++] = c->set[0][i];
        while (sp) {
            int k = stack[--sp];
            for (const int *p = d->lex.implies[k]; *p != -1; p++)
                if (!c->implied[*p] && sp < MAXSET) {
                    mark(c, 2, c->implied, *p, 1);
                    stack[sp++] = *p;
                }
        }
    }
}

static int in_tool(const cv *c, int sk)
{
    return c->intool[sk];
}

static void add_tool(const data *d, cv *c, rng *r, int sk)
{
    if (in_tool(c, sk) || c->ntool >= MAXTOOL)
        return;
    c->intool[sk] = 1;
    c->tool[c->ntool] = sk;
    c->tool_surf[c->ntool++] = d->skills[sk].surf[rbelow(r, (size_t)d->skills[sk].nsurf)];
}

/* Skills picked while expanding one template. */
typedef struct picks {
    int v[16];
    int n;
} picks;

static int picked(const picks *pk, int sk)
{
    for (int i = 0; i < pk->n; i++)
        if (pk->v[i] == sk)
            return 1;
    return 0;
}

/* A skill for slot `slot`: one of the CV's own first, else one of its
 * track, else any; -1 when there is none left. */
static int fill_slot(const data *d, cv *c, rng *r, int slot, const picks *pk)
{
    int cand[MAXTOOL + 256], nc = 0;
    for (int i = 0; i < c->ntool; i++) {
        const skill *s = &d->skills[c->tool[i]];
        if (s->slot_id == slot && !picked(pk, c->tool[i]) && !c->trap[s->lex])
            cand[nc++] = c->tool[i];
    }
    for (int pass = 1; pass < 3 && !nc; pass++)
        for (const int *p = d->slot_skills[slot]; *p != -1 && nc < MAXTOOL + 256; p++) {
            const skill *s = &d->skills[*p];
            if (picked(pk, *p) || c->trap[s->lex] || (pass == 1 && !(s->tracks & (1u << c->track))))
                continue;
            cand[nc++] = *p;
        }
    return nc ? cand[rbelow(r, (size_t)nc)] : -1;
}

/* Context for the placeholders of summaries and traps. */
typedef struct fillctx {
    const char *role;     /* {role} */
    int years;            /* {years} */
    const char *industry[2]; /* {industry}, twice */
    int x;                /* {x}: a pool index */
} fillctx;

/* Expand a template into the CV's arena, or NULL when a slot cannot be
 * filled. The skills of the slots are added to *pk; nothing is credited here. */
static const char *expand(const data *d, cv *c, rng *r, const tmpl *t, picks *pk, const fillctx *fx)
{
    buf *b = &c->scratch; /* reused; the result is copied to the arena */
    b->n = 0;
    int nind = 0;
    for (int i = 0; i < t->nparts; i++) {
        const tpart *pt = &t->parts[i];
        switch (pt->kind) {
        case P_TEXT: bput(b, pt->s, (size_t)pt->len); break;
        case P_NUM: bprintf(b, "%d", rrange(r, pt->lo, pt->hi)); break;
        case P_ROLE: bputs(b, fx->role); break;
        case P_YEARS: bprintf(b, "%d", fx->years); break;
        case P_INDUSTRY: bputs(b, fx->industry[nind++ % 2]); break;
        case P_X: bputs(b, d->skills[fx->x].surf[0]); break;
        default: {
            int sk = fill_slot(d, c, r, pt->slot, pk);
            if (sk < 0 || pk->n >= 16)
                return NULL;
            pk->v[pk->n++] = sk;
            const skill *s = &d->skills[sk];
            bputs(b, s->surf[rbelow(r, (size_t)s->nsurf)]);
        }
        }
    }
    return astrndup(&c->a, b->p ? b->p : "", b->n);
}

/* Credit what an expanded template states: its slots' skills and its fixed ones. */
static void commit(const data *d, cv *c, rng *r, const picks *pk, const int *fixed, int level)
{
    for (int i = 0; i < pk->n; i++) {
        add_tool(d, c, r, pk->v[i]);
        credit(c, d->skills[pk->v[i]].lex, level);
    }
    if (fixed)
        credit_list(c, fixed, level);
}

/* ---- dates ---- */

static const char *const MON3[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const MONTHS[12] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};

/* Date styles: a month, the separator and the word for "present". */
#define NDATE_STYLES 9
static const struct {
    int kind; /* 0 "Jan 2019", 1 "2019-01", 2 "January 2019", 3 "2019", 4 "01/2019", 5 "2019.01",
                 6 "Jan. 2019" */
    const char *sep, *present;
} DATE_STYLES[NDATE_STYLES] = {
    {0, " \u2013 ", "Present"}, {1, " to ", "present"}, {2, " - ", "Present"},
    {3, " \u2013 ", "Present"}, {4, " - ", "Current"},  {0, " \u2014 ", "now"},
    {5, " \u2013 ", "Present"}, {6, " - ", "Present"},  {0, " to ", "date"},
};

static void put_month(buf *b, int style, int m)
{
    int y = m / 12, mo = m % 12;
    switch (DATE_STYLES[style].kind) {
    case 0: bprintf(b, "%s %d", MON3[mo], y); break;
    case 1: bprintf(b, "%d-%02d", y, mo + 1); break;
    case 2: bprintf(b, "%s %d", MONTHS[mo], y); break;
    case 3: bprintf(b, "%d", y); break;
    case 4: bprintf(b, "%02d/%d", mo + 1, y); break;
    case 6: bprintf(b, "%s%s %d", MON3[mo], mo == 4 ? "" : ".", y); break;
    default: bprintf(b, "%d.%02d", y, mo + 1); break;
    }
}

static const char *date_range(cv *c, const position *p)
{
    buf b = {0};
    if (p->present && c->since) {
        bputs(&b, "Since ");
        put_month(&b, c->date_style, p->start);
    } else {
        put_month(&b, c->date_style, p->start);
        bputs(&b, DATE_STYLES[c->date_style].sep);
        if (p->present)
            bputs(&b, DATE_STYLES[c->date_style].present);
        else
            put_month(&b, c->date_style, p->end);
    }
    const char *s = astrdup(&c->a, b.p);
    free(b.p);
    return s;
}

/* ---- the career ---- */

static size_t pick_title(const data *d, rng *r, int track, int level)
{
    size_t cand[64], n = 0;
    for (size_t i = 0; i < d->ntitles && n < 64; i++)
        if (d->titles[i].track == track && d->titles[i].level == level)
            cand[n++] = i;
    return cand[rbelow(r, n)];
}

static void gen_positions(const data *d, cv *c, rng *r, int pages)
{
    static const int career_lo[NLEVELS] = {6, 30, 60, 96, 96, 144, 180};
    static const int career_hi[NLEVELS] = {36, 84, 144, 180, 192, 264, 330};
    int lo = career_lo[c->level], hi = career_hi[c->level];
    if (pages >= 4) /* a long CV tells a long career */
        lo = (lo + hi) / 2;
    int career = rrange(r, lo, hi);
    int first = c->as_of - career;
    int end = c->as_of, present = rchance(r, 88);
    if (!present)
        end -= rrange(r, 1, 8);
    int level = c->level;
    c->npos = 0;
    while (c->npos < MAXPOS) {
        position *p = &c->pos[c->npos++];
        memset(p, 0, sizeof *p);
        int tenure = level <= MID ? rrange(r, 8, 30) : pages >= 4 ? rrange(r, 12, 40) : rrange(r, 14, 60);
        p->end = end;
        p->start = end - tenure + 1;
        p->present = c->npos == 1 && present;
        if (p->start <= first || c->npos == MAXPOS) {
            if (p->start > first)
                p->start = first;
            if (p->end - p->start < 5)
                p->start = p->end - 5;
        }
        p->title = (int)pick_title(d, r, c->track, level);
        p->place = (int)rbelow(r, d->t_places.n);
        for (int tries = 0; tries < 8; tries++) {
            p->employer = (int)rbelow(r, d->t_employers.n);
            int dup = 0;
            for (int k = 0; k + 1 < c->npos; k++)
                dup |= c->pos[k].employer == p->employer;
            if (!dup)
                break;
        }
        if (p->start <= first)
            break;
        /* the one before: touching, overlapping by a month, or after a gap */
        int g = rrange(r, 0, 99);
        end = g < 70 ? p->start - 1 : g < 82 ? p->start : p->start - 1 - rrange(r, 3, 9);
        if (level > JUNIOR && rchance(r, 60))
            level--;
    }
    /* a style with years only: a position runs from January to December */
    if (DATE_STYLES[c->date_style].kind == 3)
        for (int i = 0; i < c->npos; i++) {
            position *p = &c->pos[i];
            p->start -= p->start % 12;
            if (!p->present)
                p->end += 11 - p->end % 12;
        }
    for (int i = 0; i < c->npos; i++) {
        position *p = &c->pos[i];
        if (p->present || p->end > c->as_of)
            p->end = c->as_of;
    }
}

typedef struct interval {
    int a, b;
} interval;

static int cmp_interval(const void *x, const void *y)
{
    const interval *p = x, *q = y;
    return p->a != q->a ? (p->a > q->a) - (p->a < q->a) : (p->b > q->b) - (p->b < q->b);
}

/* months of work, inclusive, overlaps and touching ranges merged */
static int merged_months(const cv *c)
{
    interval v[MAXPOS];
    int n = c->npos;
    for (int i = 0; i < n; i++)
        v[i] = (interval){c->pos[i].start, c->pos[i].end};
    qsort(v, (size_t)n, sizeof *v, cmp_interval);
    int total = 0, k = 0;
    for (int i = 1; i <= n; i++) {
        if (i < n && v[i].a <= v[k].b + 1) {
            if (v[i].b > v[k].b)
                v[k].b = v[i].b;
            continue;
        }
        total += v[k].b - v[k].a + 1;
        k = i;
    }
    return n ? total : 0;
}

/* One bullet for position p (index pi); 0 when no phrase fits. A phrase is
 * used at most four times in a CV and once in a position. */
static int add_bullet(const data *d, cv *c, rng *r, int pi)
{
    position *p = &c->pos[pi];
    if (p->nb >= MAXBUL)
        return 0;
    int level = d->titles[p->title].level;
    const size_t *all = d->cand[c->track][level];
    size_t nall = d->ncand[c->track][level];
    int least = 4; /* the fewest uses among the phrases this position may take */
    for (size_t k = 0; k < nall; k++)
        if (!(c->inpos[all[k]] & (1u << pi)) && c->used[all[k]] < least)
            least = c->used[all[k]];
    for (int round = least; round < 4; round++) {
        size_t cand[1024], n = 0;
        for (size_t k = 0; k < nall && n < 1024; k++)
            if (c->used[all[k]] <= round && !(c->inpos[all[k]] & (1u << pi)))
                cand[n++] = all[k];
        while (n) {
            size_t k = rbelow(r, n), i = cand[k];
            cand[k] = cand[--n];
            picks pk = {{0}, 0};
            const char *s = expand(d, c, r, &d->phrases[i], &pk, NULL);
            if (!s)
                continue;
            c->used[i]++;
            c->inpos[i] |= (uint16_t)(1u << pi);
            commit(d, c, r, &pk, d->phrases[i].skills, 2);
            p->bullets[p->nb++] = s;
            c->chars += strlen(s) + 3;
            return 1;
        }
    }
    return 0;
}

static int add_project(const data *d, cv *c, rng *r)
{
    if (c->nproj >= MAXPROJ)
        return 0;
    size_t cand[256], n = 0;
    for (size_t i = 0; i < d->nprojects && n < 256; i++) {
        int dup = 0;
        for (int k = 0; k < c->nproj; k++)
            dup |= c->proj_name[k] == d->projects[i].name;
        if ((d->projects[i].tracks & (1u << c->track)) && !dup)
            cand[n++] = i;
    }
    while (n) {
        size_t k = rbelow(r, n), i = cand[k];
        cand[k] = cand[--n];
        picks pk = {{0}, 0};
        const char *s = expand(d, c, r, &d->projects[i], &pk, NULL);
        if (!s)
            continue;
        commit(d, c, r, &pk, d->projects[i].skills, 2);
        c->proj_name[c->nproj] = d->projects[i].name;
        c->proj_text[c->nproj++] = s;
        c->chars += strlen(s) + strlen(d->projects[i].name) + 4;
        return 1;
    }
    return 0;
}

static void gen_summary(const data *d, cv *c, rng *r)
{
    const title *ht = &d->titles[c->headline];
    fillctx fx = {ht->text, c->months / 12, {NULL, NULL}, -1};
    fx.industry[0] = d->t_employers.rows[c->pos[0].employer][1];
    fx.industry[1] = d->t_employers.rows[c->pos[c->npos - 1].employer][1];
    if (fx.industry[0] == fx.industry[1] || !strcmp(fx.industry[0], fx.industry[1]))
        fx.industry[1] = d->t_employers.rows[(c->pos[0].employer + 7) % (int)d->t_employers.n][1];
    int want = rrange(r, 1, 3);
    size_t cand[256], n = 0;
    for (size_t i = 0; i < d->nsummaries && n < 256; i++)
        if (c->level >= d->summaries[i].lo && c->level <= d->summaries[i].hi)
            cand[n++] = i;
    int role_used = 0;
    while (n && c->nsummary < want) {
        size_t k = rbelow(r, n), i = cand[k];
        cand[k] = cand[--n];
        const tmpl *t = &d->summaries[i];
        if (fx.years < 1 && (t->has & (1u << P_YEARS)))
            continue;
        if (role_used && (t->has & (1u << P_ROLE)))
            continue;
        picks pk = {{0}, 0};
        const char *s = expand(d, c, r, t, &pk, &fx);
        if (!s)
            continue;
        commit(d, c, r, &pk, t->skills, 2);
        if (t->has & (1u << P_ROLE)) {
            credit_list(c, ht->skills, 2);
            role_used = 1;
        }
        c->summary[c->nsummary++] = s;
        c->chars += strlen(s) + 1;
    }
}

static int pick_field(const data *d, rng *r, int track, unsigned groups)
{
    int cand[256], n = 0;
    for (size_t i = 0; i < d->nfields && n < 256; i++)
        if ((groups & (1u << d->fields[i].group)) && (d->fields[i].tracks & (1u << track)))
            cand[n++] = (int)i;
    for (size_t i = 0; i < d->nfields && !n; i++)
        if (groups & (1u << d->fields[i].group))
            cand[n++] = (int)i;
    return n ? cand[rbelow(r, (size_t)n)] : -1;
}

/* One degree of `level` ending in year y1. */
static void add_degree(const data *d, cv *c, rng *r, int level, int y1, int incomplete)
{
    if (c->nedu >= 4)
        return;
    education *e = &c->edu[c->nedu++];
    memset(e, 0, sizeof *e);
    e->level = level;
    static const int span[NDEGREE_LEVELS] = {0, 4, 2, 4, 1, 4};
    e->y1 = y1;
    e->y0 = rchance(r, 70) ? y1 - span[level] - (level == 4 ? rrange(r, 0, 1) : 0) : 0;
    size_t cand[64], n = 0;
    for (size_t i = 0; i < d->ndegrees && n < 64; i++)
        if (d->degrees[i].level == level)
            cand[n++] = i;
    const degree_t *g = &d->degrees[cand[rbelow(r, n)]];
    e->school = level == 0   ? d->bootcamps[rbelow(r, d->nbootcamps)]
                : level == 1 ? d->schools[rbelow(r, d->nschools)]
                             : d->unis[rbelow(r, d->nunis)];
    if (level == 0)
        e->y0 = 0;
    credit_list(c, g->skills, 2);
    const char *ft = strstr(g->text, "{field}");
    if (ft) {
        int f = pick_field(d, r, c->track, g->groups);
        const field_t *fl = &d->fields[f];
        e->degree = aprintf(&c->a, "%.*s%s%s", (int)(ft - g->text), g->text, fl->text, ft + 7);
        e->field = fl->id;
        credit_list(c, fl->skills, 2);
    } else {
        e->degree = g->text;
        e->field = g->field;
    }
    if (incomplete) {
        static const char *const notes[] = {" (not completed)", " (incomplete)", ", coursework only"};
        if (y1 > c->as_of / 12) {
            e->note = aprintf(&c->a, ", expected %d", y1);
            e->y0 = e->y1 = 0;
        } else {
            e->note = level == 5 && rchance(r, 50) ? " (ABD)" : notes[rbelow(r, 3)];
        }
    }
}

static void gen_education(const data *d, cv *c, rng *r)
{
    static const int weights[NTRACKS][NDEGREE_LEVELS] = {
        {4, 2, 4, 50, 36, 4}, {1, 0, 1, 30, 48, 20}, {2, 0, 1, 34, 45, 18},
        {6, 3, 5, 56, 26, 4}, {6, 6, 8, 56, 22, 2}, {3, 3, 5, 55, 32, 2},
    };
    int top = (int)rweighted(r, weights[c->track], NDEGREE_LEVELS);
    int start_year = c->pos[c->npos - 1].start / 12;
    int y = start_year - rrange(r, 0, 1);
    int incomplete = top >= 3 && rchance(r, 7);
    if (incomplete) {
        /* the unfinished one is the most advanced; the finished ones come before it */
        int iy = rchance(r, 40) ? c->as_of / 12 + rrange(r, 1, 2) : y - rrange(r, 0, 2);
        add_degree(d, c, r, top, iy, 1);
        if (top == 5)
            add_degree(d, c, r, 4, y - 4, 0), add_degree(d, c, r, 3, y - 5, 0);
        else if (top == 4)
            add_degree(d, c, r, 3, y - 2, 0);
        else
            add_degree(d, c, r, 1, y - 4, 0);
        return;
    }
    add_degree(d, c, r, top, y, 0);
    if (top == 5) {
        if (rchance(r, 60))
            add_degree(d, c, r, 4, y - 4, 0);
        add_degree(d, c, r, 3, y - 5, 0);
    } else if (top == 4 && rchance(r, 75)) {
        add_degree(d, c, r, 3, y - 1 - rrange(r, 0, 2), 0);
    } else if (top == 3 && rchance(r, 10)) {
        add_degree(d, c, r, 1, y - 4, 0);
    }
}

static int highest_completed(const cv *c)
{
    int h = 0;
    for (int i = 0; i < c->nedu; i++)
        if (!c->edu[i].note && c->edu[i].level > h)
            h = c->edu[i].level;
    return h;
}

/* A trap or hedge that does not contradict what the CV already credits. */
static void add_trap(const data *d, cv *c, rng *r)
{
    close_implied(d, c);
    for (int tries = 0; tries < 20; tries++) {
        const tmpl *t = &d->traps[rbelow(r, d->ntraps)];
        int x = -1, ok = 1;
        if (t->has & (1u << P_X)) {
            int cand[512], n = 0;
            for (size_t i = 0; i < d->nskills && n < 512; i++) {
                int lx = d->skills[i].lex;
                if (!c->credit[lx] && !c->implied[lx] && !c->trap[lx] && !in_tool(c, (int)i))
                    cand[n++] = (int)i;
            }
            if (!n)
                return;
            x = cand[rbelow(r, (size_t)n)];
        }
        for (const int *p = t->not; *p != -1; p++) {
            int lx = *p == -2 ? d->skills[x].lex : *p;
            ok &= !c->credit[lx] && !c->implied[lx];
        }
        if (t->where == WHERE_SKILLS && (!c->has_skills || c->nskill_lines >= 4))
            ok = 0;
        if (t->where == WHERE_INTERESTS && c->ninterests >= 4)
            ok = 0;
        if (t->where == WHERE_SUMMARY && (!c->has_summary || c->nsummary >= 10))
            ok = 0;
        if (!ok)
            continue;
        fillctx fx = {"", 0, {"", ""}, x};
        picks pk = {{0}, 0};
        const char *s = expand(d, c, r, t, &pk, &fx);
        if (!s)
            continue;
        for (const int *p = t->not; *p != -1; p++) {
            int lx = *p == -2 ? d->skills[x].lex : *p;
            mark(c, 1, c->trap, lx, t->kind + 1);
        }
        for (const int *p = t->skills; *p != -1; p++)
            credit(c, *p == -2 ? d->skills[x].lex : *p, t->kind == TRAP_HEDGE ? 1 : 2);
        switch (t->where) {
        case WHERE_SUMMARY: c->summary[c->nsummary++] = s; break;
        case WHERE_SKILLS: c->skill_lines[c->nskill_lines++] = s; break;
        case WHERE_INTERESTS: c->interests[c->ninterests++] = s; break;
        default: {
            position *p = &c->pos[rbelow(r, (size_t)c->npos)];
            if (p->nb < MAXBUL)
                p->bullets[p->nb++] = s;
            else
                c->summary[c->nsummary++] = s;
        }
        }
        c->chars += strlen(s) + 3;
        return;
    }
}

/* The CV of index `idx`: everything but its layout. */
static void gen_cv(const data *d, cv *c, uint64_t seed, uint64_t idx, int pmin, int pmax)
{
    rng rr = rseed(seed, idx, 0), *r = &rr;
    areset(&c->a);
    uint8_t *vals[3] = {c->credit, c->trap, c->implied};
    for (int k = 0; k < 3; k++) {
        for (int i = 0; i < c->nset[k]; i++)
            vals[k][c->set[k][i]] = 0;
        c->nset[k] = 0;
    }
    memset(c->used, 0, d->nphrases);
    memset(c->inpos, 0, d->nphrases * sizeof *c->inpos);
    memset(c->intool, 0, d->nskills);
    c->nsummary = c->npos = c->nedu = c->ntool = c->nskill_lines = c->ncerts = c->nproj = c->ninterests = 0;
    c->languages = NULL;
    c->chars = 0;

    /* length first: a long CV belongs to a long career */
    static const int page_w[6] = {36, 34, 15, 8, 4, 3};
    int pages = pmin + (int)rweighted(r, page_w + pmin - 1, (size_t)(pmax - pmin + 1));
    size_t target = (size_t)((pages - 1) * 3000 + rrange(r, pages == 1 ? 1500 : 300, 2900));
    static const int track_w[NTRACKS] = {24, 20, 14, 18, 12, 12};
    static const int level_w[NLEVELS] = {12, 24, 26, 13, 11, 9, 5};
    c->track = (int)rweighted(r, track_w, NTRACKS);
    int minlevel = pages >= 3 ? pages - 2 : 0; /* 3: mid, 4: senior, 5: lead, 6: manager */
    c->level = minlevel + (int)rweighted(r, level_w + minlevel, (size_t)(NLEVELS - minlevel));
    c->date_style = (int)rbelow(r, NDATE_STYLES);
    c->since = rchance(r, 12);
    c->edu_style = (int)rbelow(r, 4);
    c->skills_style = (int)rbelow(r, 4);
    for (int s = 0; s < NSECS; s++)
        c->heading[s] = (int)rbelow(r, d->nheadings[s]);
    c->has_skills = rchance(r, 90);
    c->has_summary = rchance(r, 85);
    c->first = d->first[rbelow(r, d->nfirst)];
    c->last = d->last[rbelow(r, d->nlast)];
    c->place = (int)rbelow(r, d->t_places.n);
    c->chars += 160;

    gen_positions(d, c, r, pages);
    c->months = merged_months(c);
    c->headline = c->pos[0].title;
    for (int i = 0; i < c->npos; i++) {
        credit_list(c, d->titles[c->pos[i].title].skills, 2);
        c->chars += strlen(d->titles[c->pos[i].title].text) + 60;
    }

    /* the toolkit: skills of the track, at least a language and a cloud */
    static const int tool_lo[NLEVELS] = {7, 9, 11, 12, 12, 12, 12};
    static const int tool_hi[NLEVELS] = {12, 16, 20, 22, 22, 22, 22};
    int want = rrange(r, tool_lo[c->level], tool_hi[c->level]);
    const char *must[] = {"lang", "cloud"};
    for (int m = 0; m < 2; m++) {
        picks pk = {{0}, 0};
        int slot = slot_index(d, must[m], strlen(must[m]));
        int sk = slot < 0 ? -1 : fill_slot(d, c, r, slot, &pk);
        if (sk >= 0)
            add_tool(d, c, r, sk);
    }
    for (int tries = 0; c->ntool < want && tries < 400; tries++) {
        int sk = (int)rbelow(r, d->nskills);
        if (d->skills[sk].tracks & (1u << c->track))
            add_tool(d, c, r, sk);
    }

    if (c->has_summary)
        gen_summary(d, c, r);
    gen_education(d, c, r);
    for (int i = 0; i < c->nedu; i++)
        c->chars += strlen(c->edu[i].degree) + strlen(c->edu[i].school) + 20;

    /* bullets: a few for each position, more for recent ones */
    for (int i = 0; i < c->npos; i++) {
        int n = i == 0 ? rrange(r, 3, 5) : i < 3 ? rrange(r, 2, 4) : rrange(r, 1, 3);
        for (int k = 0; k < n; k++)
            add_bullet(d, c, r, i);
    }
    if (rchance(r, 45)) {
        int n = rrange(r, 1, 3);
        for (int i = 0; i < n; i++) {
            size_t cand[128], m = 0;
            for (size_t k = 0; k < d->ncerts && m < 128; k++) {
                int dup = 0;
                for (int j = 0; j < c->ncerts; j++)
                    dup |= c->certs[j] == d->certs[k].text;
                if ((d->certs[k].tracks & (1u << c->track)) && !dup)
                    cand[m++] = k;
            }
            if (!m)
                break;
            const tmpl *t = &d->certs[cand[rbelow(r, m)]];
            c->certs[c->ncerts++] = t->text;
            credit_list(c, t->skills, 2);
            c->chars += strlen(t->text) + 3;
        }
    }
    if (rchance(r, 40)) {
        c->languages = d->languages[rbelow(r, d->nlanguages)];
        c->chars += strlen(c->languages) + 12;
    }
    if (rchance(r, 35)) {
        c->interests[c->ninterests++] = d->interests[rbelow(r, d->ninterests)];
        c->chars += 60;
    }
    /* lengthen to the target: bullets (recent positions first), then projects */
    int cap = 6;
    while (c->chars + 12 * (size_t)c->ntool < target) {
        int added = 0;
        for (int i = 0; i < c->npos && c->chars + 12 * (size_t)c->ntool < target; i++) {
            position *p = &c->pos[i];
            int limit = i == 0 ? cap + 2 : i < 3 ? cap : cap - 2;
            if (p->nb < limit && rchance(r, 100 - 8 * i))
                added += add_bullet(d, c, r, i);
        }
        if (!added && cap < (pages >= 6 ? 24 : pages == 5 ? 20 : 14)) {
            cap += 2;
            if (cap > 10)
                added += add_project(d, c, r);
            continue;
        }
        if (!added && !add_project(d, c, r))
            break;
    }
    if (!c->has_skills)
        c->ntool = 0;
    for (int i = 0; i < c->ntool; i++) {
        credit(c, d->skills[c->tool[i]].lex, 2);
        if (c->skills_style < 2) /* grouped: "DevOps: Jenkins" names DevOps too */
            credit_list(c, d->groups[d->skills[c->tool[i]].grp].skills, 2);
    }
    /* traps last, so that nothing after them can contradict them */
    int ntraps = (int)rweighted(r, (const int[]){40, 40, 20}, 3);
    for (int i = 0; i < ntraps; i++)
        add_trap(d, c, r);
    close_implied(d, c);
}

/* ---------------------------------------------------------------- layout */

/* The CV as a list of blocks, which each format writes in its own way. */
enum { B_NAME, B_HEADLINE, B_CONTACT, B_HEADING, B_TITLE, B_DATES, B_TITLE_DATES, B_BULLET, B_PARA, B_LINE };

typedef struct block {
    int kind;
    const char *text, *right; /* right: the dates of B_TITLE_DATES */
} block;

typedef struct doc {
    block *v;
    size_t n, cap;
    int heading_style, bullet, wrap, md_dates; /* format details, drawn per format */
} doc;

static void add_block(doc *o, int kind, const char *text, const char *right)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 256;
        o->v = xrealloc(o->v, o->cap * sizeof *o->v);
    }
    o->v[o->n++] = (block){kind, text, right};
}

static const char *heading(const data *d, const cv *c, int sec)
{
    return d->headings[sec][c->heading[sec]];
}

static void layout_skills(const data *d, cv *c, doc *o)
{
    if (!c->ntool && !c->nskill_lines)
        return;
    add_block(o, B_HEADING, heading(d, c, SEC_SKILLS), NULL);
    if (c->skills_style == 0 || c->skills_style == 1) {
        /* grouped: "Languages: Python, SQL" as lines (0) or bullets (1) */
        const char *groups[MAXTOOL];
        int ng = 0;
        for (int i = 0; i < c->ntool; i++) {
            const char *g = d->skills[c->tool[i]].group;
            int seen = 0;
            for (int k = 0; k < ng; k++)
                seen |= !strcmp(groups[k], g);
            if (!seen)
                groups[ng++] = g;
        }
        for (int k = 0; k < ng; k++) {
            buf b = {0};
            bprintf(&b, "%s: ", groups[k]);
            int first = 1;
            for (int i = 0; i < c->ntool; i++)
                if (!strcmp(d->skills[c->tool[i]].group, groups[k])) {
                    bprintf(&b, "%s%s", first ? "" : ", ", c->tool_surf[i]);
                    first = 0;
                }
            add_block(o, c->skills_style ? B_BULLET : B_LINE, astrdup(&c->a, b.p), NULL);
            free(b.p);
        }
    } else if (c->ntool) {
        /* one list: commas (2) or bars (3) */
        buf b = {0};
        for (int i = 0; i < c->ntool; i++)
            bprintf(&b, "%s%s", i ? (c->skills_style == 2 ? ", " : " | ") : "", c->tool_surf[i]);
        add_block(o, B_PARA, astrdup(&c->a, b.p), NULL);
        free(b.p);
    }
    for (int i = 0; i < c->nskill_lines; i++)
        add_block(o, B_LINE, c->skill_lines[i], NULL);
}

static const char *edu_line(const cv *c, const education *e, int style, const char **second)
{
    arena *a = (arena *)&c->a;
    const char *note = e->note ? e->note : "";
    *second = NULL;
    char yrs[32] = "";
    if (e->y1 && e->y0)
        snprintf(yrs, sizeof yrs, "%d \u2013 %d", e->y0, e->y1);
    else if (e->y1)
        snprintf(yrs, sizeof yrs, "%d", e->y1);
    switch (style) {
    case 0: return aprintf(a, "%s%s, %s%s%s", e->degree, note, e->school, *yrs ? ", " : "", yrs);
    case 1: return *yrs ? aprintf(a, "%s%s \u2014 %s (%s)", e->degree, note, e->school, yrs)
                        : aprintf(a, "%s%s \u2014 %s", e->degree, note, e->school);
    case 2:
        *second = aprintf(a, "%s%s", e->degree, note);
        return *yrs ? aprintf(a, "%s, %s", e->school, yrs) : e->school;
    default: return *yrs ? aprintf(a, "%s  %s%s, %s", yrs, e->degree, note, e->school)
                         : aprintf(a, "%s%s, %s", e->degree, note, e->school);
    }
}

/* The blocks of a CV in one layout (drawn from r). */
static void layout(const data *d, cv *c, doc *o, rng *r, int fmt_md)
{
    o->n = 0;
    int pos_style = (int)rbelow(r, 5);
    int sep = (int)rbelow(r, 4);
    int skills_first = rchance(r, 35);
    int proj_bullets = rchance(r, 50);
    add_block(o, B_NAME, aprintf(&c->a, "%s %s", c->first, c->last), NULL);
    if (rchance(r, 70))
        add_block(o, B_HEADLINE, d->titles[c->headline].text, NULL);
    char **pl = d->t_places.rows[c->place];
    char email[160];
    snprintf(email, sizeof email, "%s.%s@example.com", c->first, c->last);
    for (char *p = email; *p; p++)
        *p = *p == ' ' || *p == '\'' ? '-' : (char)tolower((unsigned char)*p);
    add_block(o, B_CONTACT,
              aprintf(&c->a, "%s, %s | %s | %s %04d", pl[0], pl[1], email, pl[2], rrange(r, 100, 9999)),
              NULL);
    if (c->nsummary) {
        add_block(o, B_HEADING, heading(d, c, SEC_SUMMARY), NULL);
        buf b = {0};
        for (int i = 0; i < c->nsummary; i++)
            bprintf(&b, "%s%s", i ? " " : "", c->summary[i]);
        add_block(o, B_PARA, astrdup(&c->a, b.p), NULL);
        free(b.p);
    }
    if (skills_first)
        layout_skills(d, c, o);
    add_block(o, B_HEADING, heading(d, c, SEC_EXPERIENCE), NULL);
    for (int i = 0; i < c->npos; i++) {
        const position *p = &c->pos[i];
        const char *t = d->titles[p->title].text, *emp = d->t_employers.rows[p->employer][0];
        const char *city = d->t_places.rows[p->place][0];
        const char *dates = date_range(c, p);
        const char *who;
        switch (sep) {
        case 0: who = aprintf(&c->a, "%s, %s, %s", t, emp, city); break;
        case 1: who = aprintf(&c->a, "%s at %s", t, emp); break;
        case 2: who = aprintf(&c->a, "%s \u2014 %s (%s)", t, emp, city); break;
        default: who = aprintf(&c->a, "%s | %s", t, emp); break;
        }
        switch (pos_style) {
        case 0:
            add_block(o, B_TITLE, who, NULL);
            add_block(o, B_DATES, dates, NULL);
            break;
        case 1: add_block(o, B_TITLE, aprintf(&c->a, "%s | %s", who, dates), NULL); break;
        case 2: add_block(o, B_TITLE_DATES, who, dates); break;
        case 3:
            add_block(o, B_TITLE, aprintf(&c->a, "%s, %s", emp, city), NULL);
            add_block(o, B_LINE, aprintf(&c->a, "%s (%s)", t, dates), NULL);
            break;
        default: add_block(o, B_TITLE, aprintf(&c->a, "%s: %s", dates, who), NULL); break;
        }
        for (int k = 0; k < p->nb; k++)
            add_block(o, B_BULLET, p->bullets[k], NULL);
    }
    if (c->nedu) {
        add_block(o, B_HEADING, heading(d, c, SEC_EDUCATION), NULL);
        for (int i = 0; i < c->nedu; i++) {
            const char *second;
            const char *l = edu_line(c, &c->edu[i], c->edu_style, &second);
            add_block(o, c->edu_style == 2 ? B_TITLE : B_LINE, l, NULL);
            if (second)
                add_block(o, B_LINE, second, NULL);
        }
    }
    if (!skills_first)
        layout_skills(d, c, o);
    if (c->ncerts) {
        add_block(o, B_HEADING, heading(d, c, SEC_CERTS), NULL);
        for (int i = 0; i < c->ncerts; i++)
            add_block(o, B_BULLET, c->certs[i], NULL);
    }
    if (c->nproj) {
        add_block(o, B_HEADING, heading(d, c, SEC_PROJECTS), NULL);
        for (int i = 0; i < c->nproj; i++) {
            if (proj_bullets) {
                add_block(o, B_BULLET, aprintf(&c->a, "%s: %s", c->proj_name[i], c->proj_text[i]), NULL);
            } else {
                add_block(o, B_TITLE, c->proj_name[i], NULL);
                add_block(o, B_PARA, c->proj_text[i], NULL);
            }
        }
    }
    if (c->languages) {
        add_block(o, B_HEADING, heading(d, c, SEC_LANGUAGES), NULL);
        add_block(o, B_LINE, c->languages, NULL);
    }
    if (c->ninterests) {
        add_block(o, B_HEADING, heading(d, c, SEC_INTERESTS), NULL);
        for (int i = 0; i < c->ninterests; i++)
            add_block(o, B_LINE, c->interests[i], NULL);
    }
    o->heading_style = (int)rbelow(r, 4);
    o->bullet = (int)rbelow(r, 3);
    o->wrap = fmt_md || rchance(r, 50) ? 0 : rrange(r, 76, 100);
    o->md_dates = (int)rbelow(r, 2);
}

/* ---------------------------------------------------------------- text and Markdown */

static const char *const BULLETS[3] = {"-", "*", "\u2022"};

/* UTF-8 characters in s (for column counts) */
static size_t u8len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += ((unsigned char)s[i] & 0xC0) != 0x80;
    return k;
}

/* s wrapped at `width` columns (0: one line), the first line after `lead`,
 * the others after `indent` spaces. */
static void put_wrapped(buf *b, const char *lead, const char *s, int width, int indent)
{
    bputs(b, lead);
    size_t n = strlen(s);
    if (!width) {
        bput(b, s, n);
        bputc(b, '\n');
        return;
    }
    bgrow(b, n + n / 16 + 64);
    size_t col = u8len(lead, strlen(lead));
    const char *e = s + n;
    while (s < e) {
        /* the next word: [s, w), its width in columns */
        const char *w = s;
        size_t wl = 0;
        while (w < e && *w != ' ')
            wl += ((unsigned char)*w++ & 0xC0) != 0x80;
        bput(b, s, (size_t)(w - s));
        col += wl;
        s = w;
        while (s < e && *s == ' ')
            s++;
        if (s == e)
            break;
        /* the width of the word after it decides: space or new line */
        size_t nl = 0;
        for (const char *x = s; x < e && *x != ' '; x++)
            nl += ((unsigned char)*x & 0xC0) != 0x80;
        if (col + 1 + nl > (size_t)width) {
            bputc(b, '\n');
            for (int i = 0; i < indent; i++)
                bputc(b, ' ');
            col = (size_t)indent;
        } else {
            bputc(b, ' ');
            col++;
        }
    }
    bputc(b, '\n');
}

static void write_text(const doc *o, buf *b, int md)
{
    int prev = -1;
    for (size_t i = 0; i < o->n; i++) {
        const block *k = &o->v[i];
        const char *t = k->text;
        if (k->kind == B_HEADING || (k->kind == B_TITLE && prev == B_BULLET) ||
            (k->kind == B_TITLE_DATES && prev == B_BULLET))
            bputc(b, '\n');
        switch (k->kind) {
        case B_NAME:
            if (md)
                bprintf(b, "# %s\n", t);
            else if (o->heading_style == 0)
                for (const char *p = t;; p++) {
                    if (!*p) {
                        bputc(b, '\n');
                        break;
                    }
                    bputc(b, (char)toupper((unsigned char)*p));
                }
            else
                bprintf(b, "%s\n", t);
            break;
        case B_HEADLINE: bline(b, md ? "**" : "", t, md ? "**  \n" : "\n"); break;
        case B_CONTACT: bline(b, "", t, "\n"); break;
        case B_HEADING:
            if (md) {
                bprintf(b, o->heading_style < 3 ? "## %s\n\n" : "**%s**\n\n", t);
            } else if (o->heading_style == 0) {
                for (const char *p = t; *p; p++)
                    bputc(b, (char)toupper((unsigned char)*p));
                bputs(b, "\n\n");
            } else if (o->heading_style == 1) {
                bprintf(b, "%s:\n", t);
            } else if (o->heading_style == 2) {
                bprintf(b, "%s\n", t);
                for (size_t n = u8len(t, strlen(t)); n; n--)
                    bputc(b, '-');
                bputs(b, "\n");
            } else {
                bprintf(b, "%s\n\n", t);
            }
            break;
        case B_TITLE: bline(b, md ? "### " : "", t, "\n"); break;
        case B_DATES: bline(b, md && o->md_dates ? "*" : "", t, md && o->md_dates ? "*\n\n" : "\n"); break;
        case B_TITLE_DATES:
            if (md) {
                bprintf(b, "**%s** \u00b7 %s\n\n", t, k->right);
            } else {
                size_t n = u8len(t, strlen(t)), r = u8len(k->right, strlen(k->right));
                size_t pad = n + r + 3 < 92 ? 92 - n - r : 3;
                bputs(b, t);
                for (size_t s = 0; s < pad; s++)
                    bputc(b, ' ');
                bprintf(b, "%s\n", k->right);
            }
            break;
        case B_BULLET: {
            char lead[16];
            snprintf(lead, sizeof lead, "%s ", md ? (o->bullet == 1 ? "*" : "-") : BULLETS[o->bullet]);
            put_wrapped(b, lead, t, o->wrap, 2);
            break;
        }
        case B_PARA:
            put_wrapped(b, "", t, o->wrap, 0);
            if (md)
                bputc(b, '\n');
            break;
        default: bline(b, "", t, md ? "  \n" : "\n"); break;
        }
        prev = k->kind;
    }
}

/* ---------------------------------------------------------------- HTML */

static void put_xml(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': bputs(b, "&amp;"); break;
        case '<': bputs(b, "&lt;"); break;
        case '>': bputs(b, "&gt;"); break;
        case '"': bputs(b, "&quot;"); break;
        default: bputc(b, *s);
        }
    }
}

static void write_html(const doc *o, buf *b)
{
    int in_list = 0, in_section = 0, sections = o->heading_style & 1;
    bputs(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    put_xml(b, o->v[0].text);
    bputs(b, " - CV</title>\n<style>body { font-family: sans-serif; max-width: 48em; } "
             ".dates { color: #555; }</style>\n</head>\n<body>\n");
    for (size_t i = 0; i < o->n; i++) {
        const block *k = &o->v[i];
        if (in_list && k->kind != B_BULLET) {
            bputs(b, "</ul>\n");
            in_list = 0;
        }
        switch (k->kind) {
        case B_NAME: bputs(b, "<header>\n<h1>"); put_xml(b, k->text); bputs(b, "</h1>\n"); break;
        case B_HEADLINE: bputs(b, "<p class=\"headline\">"); put_xml(b, k->text); bputs(b, "</p>\n"); break;
        case B_CONTACT: bputs(b, "<p class=\"contact\">"); put_xml(b, k->text); bputs(b, "</p>\n</header>\n"); break;
        case B_HEADING:
            if (in_section)
                bputs(b, "</section>\n");
            if (sections) {
                bputs(b, "<section>\n");
                in_section = 1;
            }
            bputs(b, "<h2>");
            put_xml(b, k->text);
            bputs(b, "</h2>\n");
            break;
        case B_TITLE: bputs(b, "<h3>"); put_xml(b, k->text); bputs(b, "</h3>\n"); break;
        case B_DATES: bputs(b, "<p class=\"dates\">"); put_xml(b, k->text); bputs(b, "</p>\n"); break;
        case B_TITLE_DATES:
            bputs(b, "<h3>");
            put_xml(b, k->text);
            bputs(b, " <span class=\"dates\">");
            put_xml(b, k->right);
            bputs(b, "</span></h3>\n");
            break;
        case B_BULLET:
            if (!in_list)
                bputs(b, "<ul>\n");
            in_list = 1;
            bputs(b, "  <li>");
            put_xml(b, k->text);
            bputs(b, "</li>\n");
            break;
        default: bputs(b, "<p>"); put_xml(b, k->text); bputs(b, "</p>\n"); break;
        }
    }
    if (in_list)
        bputs(b, "</ul>\n");
    if (in_section)
        bputs(b, "</section>\n");
    bputs(b, "</body>\n</html>\n");
}

/* ---------------------------------------------------------------- DOCX */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
static const char DOCX_TYPES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    "</Types>";
static const char DOCX_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";
static const char DOCX_DOC_RELS[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
    "Target=\"numbering.xml\"/></Relationships>";
static const char DOCX_STYLES[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles " W_NS ">"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:rPr><w:sz w:val=\"21\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
    "<w:rPr><w:b/><w:sz w:val=\"36\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr>"
    "<w:rPr><w:b/><w:sz w:val=\"23\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style>"
    "</w:styles>";
static const char DOCX_NUMBERING[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:numbering " W_NS ">"
    "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
    "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\u2022\"/><w:lvlJc w:val=\"left\"/>"
    "<w:pPr><w:ind w:left=\"720\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";

/* A run of text; Word often splits a paragraph into several runs, sometimes
 * mid-word, so some texts are cut in two (split at byte `cut`, 0 for none). */
static void docx_runs(buf *b, const char *s, size_t cut, const char *rpr)
{
    size_t n = strlen(s);
    if (cut >= n || ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut = 0;
    for (int part = 0; part < (cut ? 2 : 1); part++) {
        size_t a = part ? cut : 0, e = cut && !part ? cut : n;
        bprintf(b, "<w:r>%s<w:t xml:space=\"preserve\">", rpr ? rpr : "");
        char *tmp = xmalloc(e - a + 1);
        memcpy(tmp, s + a, e - a);
        tmp[e - a] = '\0';
        put_xml(b, tmp);
        free(tmp);
        bputs(b, "</w:t></w:r>");
    }
}

static void docx_para(buf *b, const char *style, int bullet, const char *s, size_t cut, const char *rpr)
{
    bputs(b, "<w:p>");
    if (style || bullet) {
        bputs(b, "<w:pPr>");
        if (style)
            bprintf(b, "<w:pStyle w:val=\"%s\"/>", style);
        if (bullet)
            bputs(b, "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr>");
        bputs(b, "</w:pPr>");
    }
    docx_runs(b, s, cut, rpr);
    bputs(b, "</w:p>");
}

static void docx_document(const doc *o, buf *b, rng *r)
{
    bputs(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS "><w:body>");
    for (size_t i = 0; i < o->n; i++) {
        const block *k = &o->v[i];
        size_t n = strlen(k->text);
        size_t cut = n > 8 && rchance(r, 30) ? (size_t)rrange(r, 1, (int)n - 1) : 0;
        switch (k->kind) {
        case B_NAME: docx_para(b, "Title", 0, k->text, 0, NULL); break;
        case B_HEADING: docx_para(b, "Heading1", 0, k->text, 0, NULL); break;
        case B_TITLE: docx_para(b, "Heading2", 0, k->text, cut, NULL); break;
        case B_DATES: docx_para(b, NULL, 0, k->text, 0, "<w:rPr><w:i/></w:rPr>"); break;
        case B_TITLE_DATES:
            bputs(b, "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:pos=\"9000\"/></w:tabs></w:pPr>");
            docx_runs(b, k->text, cut, "<w:rPr><w:b/></w:rPr>");
            bputs(b, "<w:r><w:tab/></w:r>");
            docx_runs(b, k->right, 0, NULL);
            bputs(b, "</w:p>");
            break;
        case B_BULLET: docx_para(b, "ListParagraph", 1, k->text, cut, NULL); break;
        default: docx_para(b, NULL, 0, k->text, cut, NULL); break;
        }
    }
    bputs(b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" "
             "w:bottom=\"1134\" w:left=\"1134\" w:header=\"708\" w:footer=\"708\" w:gutter=\"0\"/>"
             "</w:sectPr></w:body></w:document>");
}

/* Write a DOCX package; returns 0, or -1 with a message. */
static int write_docx(const char *path, const doc *o, rng *r, buf *scratch, char *err, size_t errlen)
{
    scratch->n = 0;
    docx_document(o, scratch, r);
    int zerr = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, zerr);
        snprintf(err, errlen, "%s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    const struct {
        const char *name, *data;
        size_t len;
    } parts[] = {
        {"[Content_Types].xml", DOCX_TYPES, sizeof DOCX_TYPES - 1},
        {"_rels/.rels", DOCX_RELS, sizeof DOCX_RELS - 1},
        {"word/document.xml", scratch->p, scratch->n},
        {"word/_rels/document.xml.rels", DOCX_DOC_RELS, sizeof DOCX_DOC_RELS - 1},
        {"word/styles.xml", DOCX_STYLES, sizeof DOCX_STYLES - 1},
        {"word/numbering.xml", DOCX_NUMBERING, sizeof DOCX_NUMBERING - 1},
    };
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i].data, parts[i].len, 0);
        zip_int64_t idx = src ? zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            if (src)
                zip_source_free(src);
            snprintf(err, errlen, "%s", zip_strerror(z));
            zip_discard(z);
            return -1;
        }
        /* a fixed time (2024-01-01) so that the same seed gives the same bytes */
        zip_file_set_mtime(z, (zip_uint64_t)idx, (time_t)1704067200, 0);
        zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 6);
    }
    if (zip_close(z) < 0) {
        snprintf(err, errlen, "%s", zip_strerror(z));
        zip_discard(z);
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- PDF */

/* Advance widths (1/1000 em) of the standard Helvetica and Helvetica-Bold
 * fonts for the characters 32..126 (from their AFM files). */
static const short WIDTHS[2][95] = {{
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584}, {
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584}};

/* The next character of UTF-8 text as a WinAnsiEncoding byte ('?' when it
 * has none); advances *s. */
static unsigned char winansi(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    unsigned cp;
    int n;
    if (p[0] < 0x80) {
        cp = p[0];
        n = 1;
    } else if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
        cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
        n = 2;
    } else if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
        n = 3;
    } else {
        *s += 1;
        return '?';
    }
    *s += n;
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (unsigned char)cp;
    switch (cp) {
    case 0x2013: return 0x96;
    case 0x2014: return 0x97;
    case 0x2022: return 0x95;
    case 0x2018: return 0x91;
    case 0x2019: return 0x92;
    case 0x201C: return 0x93;
    case 0x201D: return 0x94;
    default: return '?';
    }
}

static double char_width(unsigned char c, int bold)
{
    if (c >= 32 && c <= 126)
        return WIDTHS[bold != 0][c - 32];
    switch (c) {
    case 0x95: return 350;
    case 0x97: return 1000;
    default: return 556;
    }
}

/* width in points of n bytes of UTF-8 text */
static double text_width(const char *s, size_t n, int bold, double size)
{
    double w = 0;
    const char *e = s + n;
    while (s < e && *s)
        w += char_width(winansi(&s), bold);
    return w * size / 1000.0;
}

#define PDF_W 595.0
#define PDF_H 842.0
#define PDF_MARGIN 56.0

typedef struct pdf {
    buf *pages; /* content stream of each page */
    size_t npages;
    double y;
} pdf;

static void pdf_page(pdf *p)
{
    p->pages = xrealloc(p->pages, (p->npages + 1) * sizeof *p->pages);
    p->pages[p->npages++] = (buf){0};
    p->y = PDF_H - PDF_MARGIN;
}

/* Move down by `lead` points, on a new page when this one is full. */
static void pdf_down(pdf *p, double lead)
{
    if (!p->npages || p->y - lead < PDF_MARGIN)
        pdf_page(p);
    p->y -= lead;
}

static void pdf_text(pdf *p, double x, int bold, double size, const char *s, size_t n)
{
    buf *b = &p->pages[p->npages - 1];
    bprintf(b, "BT /F%d %.1f Tf %.2f %.2f Td (", bold ? 2 : 1, size, x, p->y);
    const char *e = s + n;
    while (s < e && *s) {
        unsigned char c = winansi(&s);
        if (c == '(' || c == ')' || c == '\\')
            bprintf(b, "\\%c", c);
        else if (c < 32 || c > 126)
            bprintf(b, "\\%03o", c);
        else
            bputc(b, (char)c);
    }
    bputs(b, ") Tj ET\n");
}

/* s in lines no wider than `width`, starting at x; the first line after
 * `lead` points down. */
static void pdf_wrapped(pdf *p, double x, double width, int bold, double size, const char *s, const char *mark)
{
    double lead = size * 1.35;
    int first = 1;
    while (*s) {
        /* the longest run of whole words that fits */
        size_t end = 0, k = 0;
        for (;;) {
            size_t w = k + strcspn(s + k, " ");
            if (end && text_width(s, w, bold, size) > width)
                break;
            end = w;
            if (!s[w])
                break;
            k = w + 1;
        }
        pdf_down(p, lead);
        if (first && mark)
            pdf_text(p, x - 12, 0, size, mark, strlen(mark));
        pdf_text(p, x, bold, size, s, end);
        first = 0;
        s += end;
        while (*s == ' ')
            s++;
    }
}

static void pdf_layout(const doc *o, pdf *p)
{
    double x = PDF_MARGIN, width = PDF_W - 2 * PDF_MARGIN;
    for (size_t i = 0; i < o->n; i++) {
        const block *k = &o->v[i];
        switch (k->kind) {
        case B_NAME: pdf_wrapped(p, x, width, 1, 18, k->text, NULL); break;
        case B_HEADLINE: pdf_wrapped(p, x, width, 0, 12, k->text, NULL); break;
        case B_CONTACT: pdf_wrapped(p, x, width, 0, 9.5, k->text, NULL); break;
        case B_HEADING: {
            p->y -= 8;
            if (o->heading_style == 0) {
                char up[128];
                snprintf(up, sizeof up, "%s", k->text);
                for (char *c = up; *c; c++)
                    *c = (char)toupper((unsigned char)*c);
                pdf_wrapped(p, x, width, 1, 12, up, NULL);
            } else {
                pdf_wrapped(p, x, width, 1, 12, k->text, NULL);
            }
            p->y -= 3;
            break;
        }
        case B_TITLE: p->y -= 3; pdf_wrapped(p, x, width, 1, 10.5, k->text, NULL); break;
        case B_TITLE_DATES: {
            p->y -= 3;
            double rw = text_width(k->right, strlen(k->right), 0, 10);
            if (text_width(k->text, strlen(k->text), 1, 10.5) + rw + 20 > width) {
                pdf_wrapped(p, x, width, 1, 10.5, k->text, NULL);
                pdf_wrapped(p, x, width, 0, 10, k->right, NULL);
            } else {
                pdf_down(p, 10.5 * 1.35);
                pdf_text(p, x, 1, 10.5, k->text, strlen(k->text));
                pdf_text(p, x + width - rw, 0, 10, k->right, strlen(k->right));
            }
            break;
        }
        case B_BULLET: pdf_wrapped(p, x + 14, width - 14, 0, 10, k->text, "\u2022"); break;
        default: pdf_wrapped(p, x, width, 0, 10, k->text, NULL); break;
        }
    }
}

/* A PDF 1.4 file: catalog, page tree, the two standard fonts, then a page
 * object and a content stream per page, and the cross-reference table. */
static void write_pdf(const doc *o, buf *b)
{
    pdf p = {NULL, 0, 0};
    pdf_layout(o, &p);
    size_t nobj = 4 + 2 * p.npages;
    size_t *off = xmalloc((nobj + 1) * sizeof *off);
    bputs(b, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
    off[1] = b->n;
    bputs(b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = b->n;
    bputs(b, "2 0 obj\n<< /Type /Pages /Kids [");
    for (size_t i = 0; i < p.npages; i++)
        bprintf(b, "%s%zu 0 R", i ? " " : "", 5 + 2 * i);
    bprintf(b, "] /Count %zu >>\nendobj\n", p.npages);
    static const char *const fonts[2] = {"Helvetica", "Helvetica-Bold"};
    for (int f = 0; f < 2; f++) {
        off[3 + f] = b->n;
        bprintf(b, "%d 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>\nendobj\n",
                3 + f, fonts[f]);
    }
    for (size_t i = 0; i < p.npages; i++) {
        size_t po = 5 + 2 * i;
        off[po] = b->n;
        bprintf(b,
                "%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %zu 0 R >>\nendobj\n",
                po, po + 1);
        off[po + 1] = b->n;
        bprintf(b, "%zu 0 obj\n<< /Length %zu >>\nstream\n", po + 1, p.pages[i].n);
        bput(b, p.pages[i].p ? p.pages[i].p : "", p.pages[i].n);
        bputs(b, "\nendstream\nendobj\n");
        free(p.pages[i].p);
    }
    size_t xref = b->n;
    bprintf(b, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
    for (size_t i = 1; i <= nobj; i++)
        bprintf(b, "%010zu 00000 n \n", off[i]);
    bprintf(b, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
    free(off);
    free(p.pages);
}

/* ---------------------------------------------------------------- output */

#define NFORMATS 5
static const char *const FORMATS[NFORMATS] = {"txt", "md", "html", "docx", "pdf"};

static void write_file(const char *path, const char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        die(3, "%s: cannot write: %s", path, strerror(errno));
    if (fwrite(p, 1, n, f) != n || fclose(f))
        die(3, "%s: write error: %s", path, strerror(errno));
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void put_month_iso(buf *b, int m)
{
    bprintf(b, "%04d-%02d", m / 12, m % 12 + 1);
}

/* The ground truth, one fact a line (see the file comment). */
static void write_truth(const data *d, const cv *c, buf *b, const char *name, uint64_t seed)
{
    bprintf(b, "# %s: what the generated CV states (gencv --seed %llu)\n", name, (unsigned long long)seed);
    bprintf(b, "track\t%s\nlevel\t%s\nas-of\t", TRACKS[c->track], LEVELS[c->level]);
    put_month_iso(b, c->as_of);
    bprintf(b, "\nmonths\t%d\nyears\t%.1f\n", c->months, (double)((c->months * 10 + 6) / 12) / 10.0);
    bprintf(b, "highest\t%s\n", DEGREE_LEVELS[highest_completed(c)]);
    for (int i = 0; i < c->nedu; i++)
        bprintf(b, "degree\t%s\t%s\t%s\n", DEGREE_LEVELS[c->edu[i].level], c->edu[i].field ? c->edu[i].field : "-",
                c->edu[i].note ? "incomplete" : "completed");
    for (int i = 0; i < c->npos; i++) {
        const position *p = &c->pos[i];
        bputs(b, "position\t");
        put_month_iso(b, p->start);
        bputc(b, '\t');
        put_month_iso(b, p->end);
        bprintf(b, "\t%s\t%s\n", d->titles[p->title].text, d->t_employers.rows[p->employer][0]);
    }
    /* in lexicon order */
    int *v[3];
    for (int k = 0; k < 3; k++) {
        v[k] = xmalloc(((size_t)c->nset[k] + 1) * sizeof(int));
        memcpy(v[k], c->set[k], (size_t)c->nset[k] * sizeof(int));
        qsort(v[k], (size_t)c->nset[k], sizeof(int), cmp_int);
    }
    for (int i = 0; i < c->nset[0]; i++)
        bprintf(b, "skill\t%s\t%s\n", d->lex.ids[v[0][i]], c->credit[v[0][i]] == 2 ? "claimed" : "hedged");
    for (int i = 0; i < c->nset[2]; i++)
        if (!c->credit[v[2][i]])
            bprintf(b, "implied\t%s\n", d->lex.ids[v[2][i]]);
    for (int i = 0; i < c->nset[1]; i++)
        bprintf(b, "trap\t%s\t%s\n", d->lex.ids[v[1][i]], TRAP_KINDS[c->trap[v[1][i]] - 1]);
    for (int k = 0; k < 3; k++)
        free(v[k]);
}

/* What every worker thread does: the CVs first, first + jobs, ... */
#define MAXJOBS 64
typedef struct job {
    const data *d;
    const char *out;
    unsigned long long seed, count;
    int pmin, pmax, as_of;
    int fmt[NFORMATS];
    int nfmt, each, truth, jobs;
} job;

typedef struct worker {
    const job *jb;
    unsigned long long first;
} worker;

static void *work(void *arg)
{
    const worker *w = arg;
    const job *jb = w->jb;
    const data *d = jb->d;
    cv c;
    memset(&c, 0, sizeof c);
    c.as_of = jb->as_of;
    c.credit = xmalloc(d->lex.nids);
    c.trap = xmalloc(d->lex.nids);
    c.implied = xmalloc(d->lex.nids);
    memset(c.credit, 0, d->lex.nids);
    memset(c.trap, 0, d->lex.nids);
    memset(c.implied, 0, d->lex.nids);
    for (int k = 0; k < 3; k++)
        c.set[k] = xmalloc(MAXSET * sizeof(int));
    c.used = xmalloc(d->nphrases ? d->nphrases : 1);
    c.inpos = xmalloc((d->nphrases ? d->nphrases : 1) * sizeof *c.inpos);
    c.intool = xmalloc(d->nskills);
    doc o = {0};
    buf b = {0}, scratch = {0};
    size_t pl = strlen(jb->out) + 32;
    char *path = xmalloc(pl);
    for (unsigned long long i = w->first; i < jb->count; i += (unsigned long long)jb->jobs) {
        gen_cv(d, &c, jb->seed, i, jb->pmin, jb->pmax);
        rng pick = rseed(jb->seed, i, 1);
        int only = jb->fmt[rbelow(&pick, (size_t)jb->nfmt)];
        for (int f = 0; f < NFORMATS; f++) {
            int wanted = 0;
            for (int j = 0; j < jb->nfmt; j++)
                wanted |= jb->fmt[j] == f;
            if (!wanted || (!jb->each && f != only))
                continue;
            rng lr = rseed(jb->seed, i, 100 + (uint64_t)f);
            layout(d, &c, &o, &lr, f == 1);
            snprintf(path, pl, "%s/cv%06llu.%s", jb->out, i, FORMATS[f]);
            b.n = 0;
            switch (f) {
            case 0: write_text(&o, &b, 0); break;
            case 1: write_text(&o, &b, 1); break;
            case 2: write_html(&o, &b); break;
            case 4: write_pdf(&o, &b); break;
            default: {
                char err[256];
                if (write_docx(path, &o, &lr, &scratch, err, sizeof err))
                    die(3, "%s: cannot write: %s", path, err);
                continue;
            }
            }
            write_file(path, b.p, b.n);
        }
        if (!jb->truth)
            continue;
        char name[32];
        snprintf(name, sizeof name, "cv%06llu", i);
        b.n = 0;
        write_truth(d, &c, &b, name, jb->seed);
        snprintf(path, pl, "%s/%s.truth", jb->out, name);
        write_file(path, b.p, b.n);
    }
    free(path);
    free(b.p);
    free(scratch.p);
    free(o.v);
    for (int k = 0; k < 3; k++)
        free(c.set[k]);
    free(c.credit);
    free(c.trap);
    free(c.implied);
    free(c.used);
    free(c.inpos);
    free(c.intool);
    free(c.scratch.p);
    afree(&c.a);
    return NULL;
}

static void usage(FILE *f)
{
    fputs("usage: gencv --seed S --count N --out DIR [--formats txt,md,html,docx,pdf] [--each]\n"
          "             [--pages MIN-MAX] [--as-of YYYY-MM] [--no-truth] [-j N] [--data DIR] [--lexicon DIR]\n"
          "Writes N CVs as DIR/cvNNNNNN.<format>, each in one of the formats (in all of them\n"
          "with --each), and DIR/cvNNNNNN.truth with what each states. Same seed, same bytes.\n"
          "  --pages    length in pages of ~3,000 characters, 1-6 (default 1-6, about 5 KB on average)\n"
          "  --as-of    the month \"present\" stands for (default 2026-11)\n"
          "  --no-truth do not write the .truth files\n"
          "  -j N       threads (default: the number of cores); the output does not depend on it\n"
          "  --data     the word lists (default bench/gen); --lexicon the lexicon (default lexicon)\n",
          f);
}

static int parse_ull(const char *s, unsigned long long *v)
{
    char *e;
    errno = 0;
    if (!*s || *s == '-')
        return -1;
    *v = strtoull(s, &e, 10);
    return errno || *e ? -1 : 0;
}

int main(int argc, char **argv)
{
    unsigned long long seed = 0, count = 0;
    int have_seed = 0, have_count = 0, each = 0, pmin = 1, pmax = 6, truth = 1;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int jobs = ncpu < 1 ? 1 : ncpu > MAXJOBS ? MAXJOBS : (int)ncpu;
    int as_y = 2026, as_m = 11;
    const char *out = NULL, *datadir = "bench/gen", *lexdir = "lexicon", *formats = "txt,md,html,docx,pdf";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        static const char *const valued[] = {"--seed", "--count", "--out",  "--formats", "--pages",
                                             "--as-of", "--data",  "--lexicon", "-j"};
        int takes = level_index(a, valued, (int)(sizeof valued / sizeof *valued)) >= 0;
        if (takes && !v) {
            fprintf(stderr, "gencv: %s needs a value\n", a);
            usage(stderr);
            return 2;
        }
        if (!strcmp(a, "--seed")) {
            have_seed = !parse_ull(v, &seed);
            if (!have_seed)
                die(2, "--seed: not a number: %s", v);
        } else if (!strcmp(a, "--count")) {
            have_count = !parse_ull(v, &count) && count <= 1000000;
            if (!have_count)
                die(2, "--count: a number from 0 to 1000000: %s", v);
        } else if (!strcmp(a, "--out")) {
            out = v;
        } else if (!strcmp(a, "--formats")) {
            formats = v;
        } else if (!strcmp(a, "--pages")) {
            char extra;
            int n = sscanf(v, "%d-%d%c", &pmin, &pmax, &extra);
            if (n == 1)
                pmax = pmin;
            if ((n != 1 && n != 2) || pmin < 1 || pmax > 6 || pmin > pmax)
                die(2, "--pages: MIN-MAX from 1 to 6: %s", v);
        } else if (!strcmp(a, "--as-of")) {
            char extra;
            if (sscanf(v, "%4d-%2d%c", &as_y, &as_m, &extra) != 2 || as_y < 1990 || as_y > 2100 || as_m < 1 ||
                as_m > 12)
                die(2, "--as-of: not a month (YYYY-MM): %s", v);
        } else if (!strcmp(a, "--data")) {
            datadir = v;
        } else if (!strcmp(a, "--lexicon")) {
            lexdir = v;
        } else if (!strcmp(a, "--each")) {
            each = 1;
        } else if (!strcmp(a, "--no-truth")) {
            truth = 0;
        } else if (!strcmp(a, "-j")) {
            char *e;
            long n = strtol(v, &e, 10);
            if (*e || n < 1 || n > MAXJOBS)
                die(2, "-j: a number of threads from 1 to %d: %s", MAXJOBS, v);
            jobs = (int)n;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else {
            fprintf(stderr, "gencv: unknown option %s\n", a);
            usage(stderr);
            return 2;
        }
        i += takes;
    }
    if (!have_seed || !have_count || !out) {
        usage(stderr);
        return 2;
    }
    int fmt[NFORMATS], nfmt = 0;
    {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", formats);
        for (char *save = NULL, *tok = strtok_r(tmp, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
            int k = level_index(tok, FORMATS, NFORMATS);
            if (k < 0)
                die(2, "--formats: unknown format %s (txt, md, html, docx, pdf)", tok);
            int dup = 0;
            for (int j = 0; j < nfmt; j++)
                dup |= fmt[j] == k;
            if (!dup)
                fmt[nfmt++] = k;
        }
        if (!nfmt)
            die(2, "--formats: no format given");
    }
    if (mkdir(out, 0777) && errno != EEXIST)
        die(3, "%s: cannot create: %s", out, strerror(errno));

    static data d;
    load_data(&d, datadir, lexdir);
    job jb = {&d, out, seed, count, pmin, pmax, as_y * 12 + as_m - 1, {0}, nfmt, each, truth, jobs};
    memcpy(jb.fmt, fmt, sizeof fmt);
    pthread_t th[MAXJOBS];
    worker w[MAXJOBS];
    for (int k = 0; k < jobs; k++) {
        w[k].jb = &jb;
        w[k].first = (unsigned long long)k;
        if (k && pthread_create(&th[k], NULL, work, &w[k]))
            die(4, "cannot start a thread");
    }
    work(&w[0]);
    for (int k = 1; k < jobs; k++)
        pthread_join(th[k], NULL);
    free_data(&d);
    return 0;
}
