/* run_labels.c - measure skill extraction against the labelled sentence set.
 *
 *   run_labels tests/labels/sentences.tsv
 *
 * Each row of the file (see tests/labels/README.md) is a CV-like sentence with
 * the section it sits in, the skill ids a careful reader finds in it (`must`)
 * and the ids that would be false matches (`must_not`). For every row this
 * program builds a tiny CV (a heading for the section, then the sentence),
 * extracts a profile through the public API and counts:
 *   TP  a must id the profile lists (inferred skills are listed too)
 *   FN  a must id the profile does not list
 *   FP  a must_not id the profile lists
 * Ids found that are in neither column are not counted either way.
 *
 * It prints every miss and false match, then one summary line:
 *   labels: S sentences, precision P, recall R (TP n, FP n, FN n)
 * (P and R rounded down to three decimals) and exits
 *   0  precision and recall both >= 0.97
 *   1  either is below 0.97, an extraction failed, the file cannot be read,
 *      or it holds fewer than 150 sentences
 *   2  the file holds a malformed row (a test-data error)
 */
#include "gapscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_SENTENCES 150
#define THRESHOLD_PCT 97 /* precision and recall must reach 97 % */
#define MAX_IDS 64       /* ids per column; more is a data error */

/* One parsed row; every pointer points into the line buffer. */
typedef struct row {
    const char *heading;  /* heading line for the section, or NULL for "-" */
    const char *sentence;
    const char *must[MAX_IDS];
    size_t n_must;
    const char *must_not[MAX_IDS];
    size_t n_must_not;
} row;

typedef struct tally {
    size_t sentences;
    size_t tp, fp, fn;
    size_t extract_errors;
    size_t data_errors;
} tally;

static const struct {
    const char *label;
    const char *heading;
} sections[] = {
    {"-", NULL},
    {"experience", "Experience"},
    {"skills", "Skills"},
    {"summary", "Summary"},
    {"education", "Education"},
};

/* A canonical id: lower-case [a-z0-9]+(-[a-z0-9]+)*. */
static int valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || id[0] == '-' || id[n - 1] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = id[i];
        if (ch == '-') {
            if (id[i + 1] == '-')
                return 0;
        } else if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
            return 0;
        }
    }
    return 1;
}

/* Split a comma-separated id list in place ("-" is the empty list).
 * Returns 0, or -1 with a message on stderr. */
static int split_ids(char *text, const char *column, size_t lineno, const char **ids,
                     size_t *count)
{
    *count = 0;
    if (!strcmp(text, "-"))
        return 0;
    char *p = text;
    for (;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (*p == ' ')
            p++;
        char *end = p + strlen(p);
        while (end > p && end[-1] == ' ')
            *--end = '\0';
        if (!valid_id(p)) {
            fprintf(stderr, "line %zu: bad skill id \"%s\" in %s\n", lineno, p, column);
            return -1;
        }
        for (size_t i = 0; i < *count; i++) {
            if (!strcmp(ids[i], p)) {
                fprintf(stderr, "line %zu: %s lists \"%s\" twice\n", lineno, column, p);
                return -1;
            }
        }
        if (*count == MAX_IDS) {
            fprintf(stderr, "line %zu: more than %d ids in %s\n", lineno, MAX_IDS, column);
            return -1;
        }
        ids[(*count)++] = p;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

/* Parse one data line (already stripped of its line end) into *r.
 * Returns 0, or -1 with a message on stderr. */
static int parse_row(char *line, size_t lineno, row *r)
{
    char *field[4];
    size_t nfield = 0;
    char *p = line;
    for (;;) {
        if (nfield == 4) {
            fprintf(stderr, "line %zu: more than 4 tab-separated columns\n", lineno);
            return -1;
        }
        field[nfield++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (nfield != 4) {
        fprintf(stderr, "line %zu: %zu columns, want section, sentence, must, must_not\n",
                lineno, nfield);
        return -1;
    }

    size_t s;
    for (s = 0; s < sizeof sections / sizeof sections[0]; s++)
        if (!strcmp(field[0], sections[s].label))
            break;
    if (s == sizeof sections / sizeof sections[0]) {
        fprintf(stderr, "line %zu: unknown section \"%s\"\n", lineno, field[0]);
        return -1;
    }
    r->heading = sections[s].heading;

    if (field[1][0] == '\0') {
        fprintf(stderr, "line %zu: empty sentence\n", lineno);
        return -1;
    }
    r->sentence = field[1];

    if (split_ids(field[2], "must", lineno, r->must, &r->n_must) < 0 ||
        split_ids(field[3], "must_not", lineno, r->must_not, &r->n_must_not) < 0)
        return -1;
    for (size_t i = 0; i < r->n_must; i++) {
        for (size_t j = 0; j < r->n_must_not; j++) {
            if (!strcmp(r->must[i], r->must_not[j])) {
                fprintf(stderr, "line %zu: \"%s\" is in both must and must_not\n", lineno,
                        r->must[i]);
                return -1;
            }
        }
    }
    return 0;
}

static int profile_has(const gapscan_profile *prof, const char *id)
{
    size_t n = gapscan_profile_skill_count(prof);
    for (size_t i = 0; i < n; i++)
        if (!strcmp(gapscan_profile_skill_id(prof, i), id))
            return 1;
    return 0;
}

/* Extract the row's tiny CV and add its counts to *t.
 * Returns 0, or -1 when extraction failed (reported on stderr). */
static int score_row(gapscan_engine *eng, const row *r, size_t lineno, tally *t)
{
    size_t hlen = r->heading ? strlen(r->heading) + 1 : 0;
    size_t slen = strlen(r->sentence);
    char *cv = malloc(hlen + slen + 2);
    if (!cv) {
        fprintf(stderr, "line %zu: out of memory\n", lineno);
        return -1;
    }
    size_t len = 0;
    if (r->heading) {
        memcpy(cv, r->heading, hlen - 1);
        cv[hlen - 1] = '\n';
        len = hlen;
    }
    memcpy(cv + len, r->sentence, slen);
    len += slen;
    cv[len++] = '\n';
    cv[len] = '\0';

    char name[48];
    snprintf(name, sizeof name, "sentences.tsv:%zu", lineno);
    gapscan_profile *prof = NULL;
    gapscan_status st = gapscan_extract(eng, name, cv, len, &prof);
    free(cv);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "ERROR line %zu: %s: %s\n", lineno, gapscan_strerror(st),
                gapscan_errmsg(eng));
        return -1;
    }

    for (size_t i = 0; i < r->n_must; i++) {
        if (profile_has(prof, r->must[i])) {
            t->tp++;
        } else {
            t->fn++;
            printf("MISS line %zu: %s \xe2\x80\x94 missing %s\n", lineno, r->sentence,
                   r->must[i]);
        }
    }
    for (size_t i = 0; i < r->n_must_not; i++) {
        if (profile_has(prof, r->must_not[i])) {
            t->fp++;
            printf("FALSE line %zu: %s \xe2\x80\x94 found %s\n", lineno, r->sentence,
                   r->must_not[i]);
        }
    }
    gapscan_profile_free(prof);
    return 0;
}

/* Run every row of the open file through the engine. */
static void run_file(FILE *fp, gapscan_engine *eng, tally *t)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    size_t lineno = 0;
    while ((got = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        size_t n = (size_t)got;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        char *text = line;
        if (lineno == 1 && !strncmp(text, "\xef\xbb\xbf", 3))
            text += 3; /* UTF-8 byte order mark */
        if (strlen(text) != n - (size_t)(text - line)) {
            fprintf(stderr, "line %zu: NUL byte\n", lineno);
            t->data_errors++;
            continue;
        }
        if (text[0] == '\0' || text[0] == '#')
            continue;

        row r;
        if (parse_row(text, lineno, &r) < 0) {
            t->data_errors++;
            continue;
        }
        t->sentences++;
        if (score_row(eng, &r, lineno, t) < 0)
            t->extract_errors++;
    }
    free(line);
}

/* floor(1000 * num / den), in exact integer arithmetic; 1000 when den is 0. */
static unsigned long thousandths(size_t num, size_t den)
{
    return den ? (unsigned long)(num * 1000 / den) : 1000ul;
}

/* num / den >= THRESHOLD_PCT %, exactly; true when den is 0. */
static int reaches(size_t num, size_t den)
{
    return num * 100 >= (size_t)THRESHOLD_PCT * den;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SENTENCES.tsv\n", argv[0]);
        return 2;
    }
    FILE *fp = fopen(argv[1], "r");
    if (!fp) {
        perror(argv[1]);
        return 1;
    }

    gapscan_engine *eng = NULL;
    gapscan_status st = gapscan_open(&eng);
    if (st != GAPSCAN_OK) {
        fprintf(stderr, "gapscan_open: %s: %s\n", gapscan_strerror(st),
                eng ? gapscan_errmsg(eng) : "");
        gapscan_close(eng);
        fclose(fp);
        return 1;
    }
    /* A fixed "present" keeps the run reproducible. */
    if (gapscan_set_as_of(eng, 2026, 1) != GAPSCAN_OK) {
        fprintf(stderr, "gapscan_set_as_of: %s\n", gapscan_errmsg(eng));
        gapscan_close(eng);
        fclose(fp);
        return 1;
    }

    tally t = {0};
    run_file(fp, eng, &t);
    int read_error = ferror(fp);
    fclose(fp);
    gapscan_close(eng);

    if (read_error) {
        fprintf(stderr, "%s: read error\n", argv[1]);
        return 1;
    }

    unsigned long p = thousandths(t.tp, t.tp + t.fp);
    unsigned long r = thousandths(t.tp, t.tp + t.fn);
    printf("labels: %zu sentences, precision %lu.%03lu, recall %lu.%03lu "
           "(TP %zu, FP %zu, FN %zu)\n",
           t.sentences, p / 1000, p % 1000, r / 1000, r % 1000, t.tp, t.fp, t.fn);

    if (t.data_errors) {
        fprintf(stderr, "%s: %zu malformed row(s)\n", argv[1], t.data_errors);
        return 2;
    }
    int ok = 1;
    if (t.extract_errors) {
        fprintf(stderr, "%s: %zu sentence(s) could not be extracted\n", argv[1],
                t.extract_errors);
        ok = 0;
    }
    if (t.sentences < MIN_SENTENCES) {
        fprintf(stderr, "%s: %zu sentences, at least %d are required\n", argv[1],
                t.sentences, MIN_SENTENCES);
        ok = 0;
    }
    if (!reaches(t.tp, t.tp + t.fp) || !reaches(t.tp, t.tp + t.fn)) {
        fprintf(stderr, "labels: precision and recall must both be at least 0.%d\n",
                THRESHOLD_PCT);
        ok = 0;
    }
    return ok ? 0 : 1;
}
