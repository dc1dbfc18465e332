/* run_cases.c - data-driven tests: each file in tests/cases/ holds a CV, a
 * target and the facts its JSON report must show (or must not). The CV goes
 * through the public API and the rendered JSON report is checked, so these
 * tests see exactly what a pipeline sees.
 *
 * Case file format (see tests/cases/README.md):
 *   # comment
 *   target: vp-ai-ml
 *   as-of: 2026-11
 *   cv-file: corpus/cvs/x.md        (instead of an inline cv:)
 *   cv:
 *   ...CV text, every line up to "expect:"...
 *   expect:
 *   score >= 60
 *   skill:python present
 *   skill:go absent
 *   skill:python.years = 8
 *   req:python = met
 *   skill:python.evidence shows Python
 */
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gapscan.h"
#include "harness.h"

static int total_pass, total_fail;

/* Find the element of array `arr` whose "id" is `id`. */
static json_t *by_id(json_t *arr, const char *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        json_t *x = json_object_get(v, "id");
        if (json_is_string(x) && !strcmp(json_string_value(x), id))
            return v;
    }
    return NULL;
}

/* Resolve a path: score, experience_years, education.highest,
 * education.fields, skill:ID[.key], req:ID[.key] (default key: status),
 * excluded:ID, position:N[.key], gap:N[.key], degree:N[.key], and any
 * dotted path of objects (leadership.team_size). */
static json_t *resolve(json_t *root, const char *path, int *found)
{
    char head[200], *dot;
    snprintf(head, sizeof head, "%s", path);
    *found = 1;
    if (!strncmp(head, "skill:", 6) || !strncmp(head, "req:", 4) || !strncmp(head, "excluded:", 9)) {
        int is_req = head[0] == 'r', is_exc = head[0] == 'e';
        char *id = strchr(head, ':') + 1;
        char *key = NULL;
        /* ids may not contain '.', so the first '.' starts the key */
        if ((dot = strchr(id, '.')) != NULL) {
            *dot = '\0';
            key = dot + 1;
        }
        json_t *arr = json_object_get(root, is_req ? "requirements" : is_exc ? "excluded" : "skills");
        json_t *el = by_id(arr, id);
        if (!el) {
            *found = 0;
            return NULL;
        }
        if (!key)
            return is_req ? json_object_get(el, "status") : el;
        json_t *v = json_object_get(el, key);
        if (!v)
            *found = 0;
        return v;
    }
    if (!strncmp(head, "position:", 9) || !strncmp(head, "gap:", 4) || !strncmp(head, "degree:", 7)) {
        /* position:N[.key], gap:N[.key], degree:N[.key]: N counts from 1 */
        int is_pos = head[0] == 'p', is_gap = head[0] == 'g';
        char *num = strchr(head, ':') + 1, *key = NULL;
        if ((dot = strchr(num, '.')) != NULL) {
            *dot = '\0';
            key = dot + 1;
        }
        json_t *arr = is_pos   ? json_object_get(root, "positions")
                      : is_gap ? json_object_get(root, "gaps")
                               : json_object_get(json_object_get(root, "education"), "degrees");
        long n = strtol(num, NULL, 10);
        json_t *el = n >= 1 ? json_array_get(arr, (size_t)n - 1) : NULL;
        json_t *v = el && key ? json_object_get(el, key) : el;
        if (!v)
            *found = 0;
        return v;
    }
    json_t *cur = root;
    char *p = head;
    while (p && cur) {
        dot = strchr(p, '.');
        if (dot)
            *dot = '\0';
        cur = json_object_get(cur, p);
        p = dot ? dot + 1 : NULL;
    }
    if (!cur)
        *found = 0;
    return cur;
}

/* Whether o is an object whose "text" has s in it. */
static int text_has(json_t *o, const char *s)
{
    const char *t = json_string_value(json_object_get(o, "text"));
    return t && strstr(t, s);
}

static int check_one(json_t *root, const char *line, char *why, size_t whylen)
{
    char path[200], op[16], value[200] = "";
    int n = sscanf(line, "%199s %15s %199[^\n]", path, op, value);
    if (n < 2) {
        snprintf(why, whylen, "cannot parse expectation");
        return 0;
    }
    int found;
    json_t *v = resolve(root, path, &found);
    if (!strcmp(op, "present"))
        return found ? 1 : (snprintf(why, whylen, "%s is absent", path), 0);
    if (!strcmp(op, "absent"))
        return !found ? 1 : (snprintf(why, whylen, "%s is present", path), 0);
    if (!found) {
        snprintf(why, whylen, "%s is absent", path);
        return 0;
    }
    if (!strcmp(op, "null"))
        return json_is_null(v) ? 1 : (snprintf(why, whylen, "%s is not null", path), 0);
    if (!strcmp(op, "count")) {
        size_t want = (size_t)strtoul(value, NULL, 10);
        size_t got = json_is_array(v) ? json_array_size(v) : 0;
        if (got == want)
            return 1;
        snprintf(why, whylen, "%s has %zu items, want %zu", path, got, want);
        return 0;
    }
    if (!strcmp(op, "has") || !strcmp(op, "lacks")) {
        int has = 0;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) has |= json_is_string(x) && !strcmp(json_string_value(x), value);
        if (has == !strcmp(op, "has"))
            return 1;
        snprintf(why, whylen, "%s %s %s", path, has ? "has" : "lacks", value);
        return 0;
    }
    if (!strcmp(op, "shows")) {
        /* evidence (an object, or an array of them) whose text has the words */
        int has = text_has(v, value);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) has |= text_has(x, value);
        if (has)
            return 1;
        snprintf(why, whylen, "no text of %s shows \"%s\"", path, value);
        return 0;
    }
    if (json_is_number(v)) {
        double got = json_number_value(v), want = strtod(value, NULL);
        int ok = !strcmp(op, "=")    ? fabs(got - want) < 0.05
                 : !strcmp(op, "!=") ? fabs(got - want) >= 0.05
                 : !strcmp(op, ">=") ? got >= want - 1e-9
                 : !strcmp(op, "<=") ? got <= want + 1e-9
                 : !strcmp(op, ">")  ? got > want
                 : !strcmp(op, "<")  ? got < want
                                     : -1;
        if (ok == 1)
            return 1;
        snprintf(why, whylen, ok < 0 ? "unknown operator %s" : "%s is %g, want %s %s",
                 ok < 0 ? op : path, got, op, value);
        return 0;
    }
    const char *got = json_is_string(v) ? json_string_value(v) : json_is_null(v) ? "null" : "?";
    int eq = !strcmp(got, value);
    if ((!strcmp(op, "=") && eq) || (!strcmp(op, "!=") && !eq))
        return 1;
    snprintf(why, whylen, "%s is \"%s\", want %s \"%s\"", path, got, op, value);
    return 0;
}

/* Contract shape: every report has these keys with these types. */
static int check_contract(json_t *root, char *why, size_t whylen)
{
    static const char *const keys[] = {"cv", "target", "score", "experience_years", "education",
                                       "skills", "requirements"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (!json_object_get(root, keys[i])) {
            snprintf(why, whylen, "contract key %s missing", keys[i]);
            return 0;
        }
    json_int_t score = json_integer_value(json_object_get(root, "score"));
    if (!json_is_integer(json_object_get(root, "score")) || score < 0 || score > 100) {
        snprintf(why, whylen, "score is not an integer in 0..100");
        return 0;
    }
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(root, "requirements"), i, r)
    {
        const char *st = json_string_value(json_object_get(r, "status"));
        const char *imp = json_string_value(json_object_get(r, "importance"));
        if (!st || (strcmp(st, "met") && strcmp(st, "partial") && strcmp(st, "missing")) || !imp ||
            (strcmp(imp, "required") && strcmp(imp, "preferred")) ||
            !json_is_array(json_object_get(r, "skills")) || !json_is_string(json_object_get(r, "text"))) {
            snprintf(why, whylen, "requirement %zu does not follow the contract", i);
            return 0;
        }
    }
    json_array_foreach(json_object_get(root, "skills"), i, r)
    {
        json_t *y = json_object_get(r, "years");
        if (!json_is_string(json_object_get(r, "id")) || !y || !(json_is_null(y) || json_is_number(y)) ||
            !json_is_array(json_object_get(r, "evidence"))) {
            snprintf(why, whylen, "skill %zu does not follow the contract", i);
            return 0;
        }
    }
    return 1;
}

static void run_case(gapscan_engine *eng, const char *path)
{
    size_t len;
    char *text = h_read_file(path, &len);
    if (!text) {
        printf("FAIL %s: cannot read\n", path);
        total_fail++;
        return;
    }
    char target[64] = "", asof[16] = "2026-11", cvfile[256] = "";
    char *cv = NULL, *expect = NULL;
    char *p = text;
    while (p && *p) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        if (!cv && !expect) {
            if (!strncmp(p, "target:", 7))
                sscanf(p + 7, " %63s", target);
            else if (!strncmp(p, "as-of:", 6))
                sscanf(p + 6, " %15s", asof);
            else if (!strncmp(p, "cv-file:", 8))
                sscanf(p + 8, " %255s", cvfile);
            else if (!strcmp(p, "cv:"))
                cv = nl ? nl + 1 : nl;
            else if (!strcmp(p, "expect:")) {
                expect = nl ? nl + 1 : NULL;
                break;
            }
        } else if (cv && !expect && !strcmp(p, "expect:")) {
            *p = '\0'; /* the CV ends here */
            expect = nl ? nl + 1 : NULL;
            break;
        }
        if (nl && !expect)
            *nl = '\n';
        p = nl ? nl + 1 : NULL;
    }
    int fails = 0, checks = 0;
    char why[1024];
    gapscan_profile *prof = NULL;
    gapscan_match *m = NULL;
    char *json = NULL;
    size_t jlen;
    int y, mo;
    const gapscan_role *role = gapscan_role_get(eng, target);
    gapscan_status st = GAPSCAN_OK;
    if (!role || gapscan_parse_month(asof, &y, &mo) || !expect) {
        printf("FAIL %s: bad header (target '%s', as-of '%s', expect: %s)\n", path, target, asof,
               expect ? "yes" : "missing");
        total_fail++;
        free(text);
        return;
    }
    gapscan_set_as_of(eng, y, mo);
    if (*cvfile) {
        st = gapscan_extract_file(eng, cvfile, &prof);
    } else if (cv) {
        st = gapscan_extract(eng, "case", cv, strlen(cv), &prof);
    }
    if (st == GAPSCAN_OK && prof)
        st = gapscan_score(eng, prof, role, &m);
    if (st == GAPSCAN_OK && m)
        st = gapscan_render(eng, m, GAPSCAN_FORMAT_JSON, &json, &jlen);
    if (st != GAPSCAN_OK || !json) {
        printf("FAIL %s: %s\n", path, gapscan_errmsg(eng));
        total_fail++;
        goto out;
    }
    json_error_t jerr;
    json_t *root = json_loads(json, 0, &jerr);
    if (!root) {
        printf("FAIL %s: report is not JSON: %s\n", path, jerr.text);
        total_fail++;
        goto out;
    }
    checks++;
    if (!check_contract(root, why, sizeof why)) {
        printf("FAIL %s: %s\n", path, why);
        fails++;
    }
    for (char *e = expect; e && *e;) {
        char *nl = strchr(e, '\n');
        if (nl)
            *nl = '\0';
        while (*e == ' ')
            e++;
        if (*e && *e != '#') {
            checks++;
            if (!check_one(root, e, why, sizeof why)) {
                printf("FAIL %s: %s  [%s]\n", path, e, why);
                fails++;
            }
        }
        e = nl ? nl + 1 : NULL;
    }
    json_decref(root);
    total_pass += checks - fails;
    total_fail += fails;
out:
    gapscan_free(json);
    gapscan_match_free(m);
    gapscan_profile_free(prof);
    free(text);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/cases";
    gapscan_engine *eng = NULL;
    if (gapscan_open(&eng) != GAPSCAN_OK) {
        fprintf(stderr, "run_cases: %s\n", gapscan_errmsg(eng));
        gapscan_close(eng);
        return 2;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "run_cases: cannot open %s\n", dir);
        gapscan_close(eng);
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".case"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        size_t pl = strlen(dir) + l + 2;
        names[n] = malloc(pl);
        if (!names[n])
            break;
        snprintf(names[n++], pl, "%s/%s", dir, de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        run_case(eng, names[i]);
        free(names[i]);
    }
    free(names);
    gapscan_close(eng);
    printf("cases: %zu files, %d passed, %d failed\n", n, total_pass, total_fail);
    return total_fail || n == 0 ? 1 : 0;
}
