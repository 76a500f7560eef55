/* bench_langid.c -- language identification, tidings vs CLD2 (Debian's
 * libcld2, through bench/cld2_shim.cc), side by side in the same run, on
 * both dev sets' articles and on four cuts of each:
 *   full    the whole text
 *   first   the first sentence of the body (the text after the first line;
 *           the first line itself when there is nothing after it)
 *   title   the first non-empty line (at most 300 bytes)
 *   pre30   the first 30 characters of the text
 * A leading " date YYYY-MM[-DD]" marker (an input convention, see
 * SPEC.md, stripped by the engine before it identifies the language) is
 * not part of the text for any cut; both detectors see the same bytes.
 * Prints accuracy per set and cut, per language wherever either detector
 * errs, tidings' confusion pairs, and throughput (MB/s of CPU time on one
 * core) on the full texts.
 *
 *   bench_langid SHARED_DIR   (SHARED_DIR/data/dev{,2}/articles.jsonl)
 *
 * BENCH_LANGID_SECONDS sets how long each speed run lasts (default 2);
 * BENCH_LANGID_VERBOSE=1 lists each miss of tidings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "tidings.h"

const char *bench_cld2_detect(const char *text, int len, int *reliable);

enum { CUT_FULL, CUT_FIRST, CUT_TITLE, CUT_PRE30, NCUTS };
static const char *const cut_name[NCUTS] = {"full", "first", "title", "pre30"};

typedef struct doc {
    int set; /* 0 dev, 1 dev2 */
    char gold[8];
    char *text;
    size_t len;
    const char *cut[NCUTS];
    size_t cut_len[NCUTS];
} doc;

/* CLD2 codes to ours. */
static const char *cld2_code(const char *text, size_t len)
{
    int rel;
    const char *c = bench_cld2_detect(text, (int)len, &rel);
    if (strcmp(c, "un") == 0)
        return "und";
    if (strcmp(c, "iw") == 0)
        return "he";
    if (strncmp(c, "zh", 2) == 0)
        return "zh";
    if (strcmp(c, "nb") == 0 || strcmp(c, "nn") == 0)
        return "no";
    return c;
}

static const char *tidings_code(const char *text, size_t len, char *buf)
{
    double conf;
    td_langid(text, len, buf, &conf);
    return buf;
}

static int blank(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* Moves n back to a character start of text. */
static size_t char_start(const char *text, size_t n)
{
    while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
        n--;
    return n;
}

/* The first sentence of text[0..len): up to the first sentence end (. ! ?
 * followed by a space, or a CJK/Devanagari/Arabic full stop) or line end,
 * skipping leading blanks; at most 400 bytes. */
static size_t first_sentence(const char *text, size_t len, const char **start)
{
    size_t i = 0;
    while (i < len && blank(text[i]))
        i++;
    *start = text + i;
    size_t b = i;
    for (; i < len && i - b < 400; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n')
            break;
        if ((c == '.' || c == '!' || c == '?') &&
            (i + 1 == len || text[i + 1] == ' ' || text[i + 1] == '\n')) {
            i++;
            break;
        }
        if (i + 3 <= len && (memcmp(text + i, "\xe3\x80\x82", 3) == 0 ||
                             memcmp(text + i, "\xef\xbc\x81", 3) == 0 ||
                             memcmp(text + i, "\xef\xbc\x9f", 3) == 0 ||
                             memcmp(text + i, "\xe0\xa5\xa4", 3) == 0)) {
            i += 3;
            break;
        }
        if (i + 2 <= len && memcmp(text + i, "\xd8\x9f", 2) == 0) {
            i += 2;
            break;
        }
    }
    if (i < len)
        i = char_start(text, i);
    return i - b;
}

static void make_cuts(doc *d)
{
    const char *t = d->text;
    size_t n = d->len, i = 0;
    d->cut[CUT_FULL] = t;
    d->cut_len[CUT_FULL] = n;
    /* (the whole text keeps its marker: the cut is the input as given) */
    while (i < n && blank(t[i]))
        i++;
    if (n - i > 5 && memcmp(t + i, "date ", 5) == 0 && i + 5 < n &&
        t[i + 5] >= '0' && t[i + 5] <= '9') {
        i += 5;
        while (i < n && ((t[i] >= '0' && t[i] <= '9') || t[i] == '-'))
            i++;
        while (i < n && blank(t[i]))
            i++;
    }
    size_t e = i;
    while (e < n && t[e] != '\n')
        e++;
    size_t tl = e - i > 300 ? char_start(t, i + 300) - i : e - i;
    d->cut[CUT_TITLE] = t + i;
    d->cut_len[CUT_TITLE] = tl;
    size_t k = i, chars = 0;
    while (k < n && chars < 30) {
        k++;
        while (k < n && ((unsigned char)t[k] & 0xc0) == 0x80)
            k++;
        chars++;
    }
    d->cut[CUT_PRE30] = t + i;
    d->cut_len[CUT_PRE30] = k - i;
    size_t body = e;
    while (body < n && blank(t[body]))
        body++;
    if (body >= n)
        body = i;
    d->cut_len[CUT_FIRST] = first_sentence(t + body, n - body, &d->cut[CUT_FIRST]);
}

/* CPU time of this thread: the figure is per core, and other work on a
 * shared machine does not count against either detector. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define MAXLANGS 96
typedef struct tally {
    char lang[8];
    int n;
    int td[NCUTS], cld[NCUTS];
} tally;

static tally *tally_of(tally *t, int *nt, const char *lang)
{
    for (int i = 0; i < *nt; i++)
        if (strcmp(t[i].lang, lang) == 0)
            return &t[i];
    if (*nt == MAXLANGS)
        return NULL;
    tally *x = &t[(*nt)++];
    memset(x, 0, sizeof *x);
    snprintf(x->lang, sizeof x->lang, "%s", lang);
    return x;
}

static int by_count(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->n != y->n)
        return y->n - x->n;
    return strcmp(x->lang, y->lang);
}

#define MAXPAIRS 512
typedef struct pair {
    char gold[8], got[8];
    int n[NCUTS];
} pair;

static void count_pair(pair *p, int *np, const char *gold, const char *got,
                       int cut)
{
    for (int i = 0; i < *np; i++)
        if (strcmp(p[i].gold, gold) == 0 && strcmp(p[i].got, got) == 0) {
            p[i].n[cut]++;
            return;
        }
    if (*np == MAXPAIRS)
        return;
    pair *x = &p[(*np)++];
    memset(x, 0, sizeof *x);
    snprintf(x->gold, sizeof x->gold, "%s", gold);
    snprintf(x->got, sizeof x->got, "%s", got);
    x->n[cut] = 1;
}

static int pair_total(const pair *p)
{
    int s = 0;
    for (int c = 0; c < NCUTS; c++)
        s += p->n[c];
    return s;
}

static int by_pair_total(const void *a, const void *b)
{
    int x = pair_total(a), y = pair_total(b);
    if (x != y)
        return y - x;
    return strcmp(((const pair *)a)->gold, ((const pair *)b)->gold);
}

typedef const char *(*detect_fn)(const char *, size_t, char *);
static const char *cld2_fn(const char *t, size_t n, char *buf)
{
    (void)buf;
    return cld2_code(t, n);
}

/* MB/s of fn over all full texts, repeated for at least secs seconds. */
static double speed(detect_fn fn, const doc *d, int nd, double secs)
{
    size_t bytes = 0;
    char buf[8];
    volatile char sink = 0;
    double t0 = now(), t;
    do {
        for (int i = 0; i < nd; i++) {
            sink ^= fn(d[i].text, d[i].len, buf)[0];
            bytes += d[i].len;
        }
        t = now() - t0;
    } while (t < secs);
    (void)sink;
    return bytes / t / 1e6;
}

static int load(const char *path, int set, doc **d, int *nd, int *cap)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *lang = json_string_value(json_object_get(o, "lang"));
        const char *text = json_string_value(json_object_get(o, "text"));
        if (lang && text) {
            if (*nd == *cap) {
                *cap = *cap ? *cap * 2 : 256;
                *d = realloc(*d, (size_t)*cap * sizeof **d);
                if (!*d)
                    return -1;
            }
            doc *x = &(*d)[(*nd)++];
            x->set = set;
            snprintf(x->gold, sizeof x->gold, "%s", lang);
            x->len = strlen(text);
            x->text = strdup(text);
            make_cuts(x);
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    return 0;
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    static const char *const sets[2] = {"dev", "dev2"};
    doc *d = NULL;
    int nd = 0, cap = 0;
    for (int s = 0; s < 2; s++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/data/%s/articles.jsonl", shared, sets[s]);
        if (load(path, s, &d, &nd, &cap) != 0)
            return 1;
    }
    tally t[MAXLANGS], all[2];
    memset(all, 0, sizeof all);
    int nt = 0, np = 0;
    pair *p = calloc(MAXPAIRS, sizeof *p);
    int verbose = getenv("BENCH_LANGID_VERBOSE") != NULL;
    size_t total = 0;
    for (int i = 0; i < nd; i++) {
        tally *x = tally_of(t, &nt, d[i].gold);
        if (!x || !p)
            return 1;
        x->n++, all[d[i].set].n++;
        total += d[i].len;
        for (int c = 0; c < NCUTS; c++) {
            char buf[8];
            const char *got = tidings_code(d[i].cut[c], d[i].cut_len[c], buf);
            int a = strcmp(got, d[i].gold) == 0;
            int b = strcmp(cld2_code(d[i].cut[c], d[i].cut_len[c]), d[i].gold) == 0;
            x->td[c] += a, all[d[i].set].td[c] += a;
            x->cld[c] += b, all[d[i].set].cld[c] += b;
            if (!a)
                count_pair(p, &np, d[i].gold, got, c);
            if (verbose && !a)
                printf("miss %s %s %s -> %s [%.*s]\n", sets[d[i].set], cut_name[c], d[i].gold, got,
                       (int)(d[i].cut_len[c] > 120 ? 120 : d[i].cut_len[c]),
                       d[i].cut[c]);
        }
    }
    printf("language identification, %d dev-set articles (%zu bytes), "
           "tidings vs CLD2 in one run\n\n",
           nd, total);
    printf("%-5s %5s |", "set", "n");
    for (int c = 0; c < NCUTS; c++)
        printf(" %6s:td %6s |", cut_name[c], "cld2");
    printf("\n");
    for (int s = 0; s < 2; s++) {
        printf("%-5s %5d |", sets[s], all[s].n);
        for (int c = 0; c < NCUTS; c++)
            printf(" %8.1f%% %5.1f%% |", 100.0 * all[s].td[c] / all[s].n,
                   100.0 * all[s].cld[c] / all[s].n);
        printf("\n");
    }
    qsort(t, (size_t)nt, sizeof t[0], by_count);
    printf("\nper language where either errs (both sets; correct/n)\n");
    printf("%-5s %5s |", "lang", "n");
    for (int c = 0; c < NCUTS; c++)
        printf(" %6s:td %5s |", cut_name[c], "cld2");
    printf("\n");
    for (int i = 0; i < nt; i++) {
        int errs = 0;
        for (int c = 0; c < NCUTS; c++)
            errs |= t[i].td[c] < t[i].n || t[i].cld[c] < t[i].n;
        if (!errs)
            continue;
        printf("%-5s %5d |", t[i].lang, t[i].n);
        for (int c = 0; c < NCUTS; c++)
            printf(" %9d %5d |", t[i].td[c], t[i].cld[c]);
        printf("\n");
    }
    qsort(p, (size_t)np, sizeof *p, by_pair_total);
    printf("\ntidings' confusions, gold -> got (count per cut: full first "
           "title pre30)\n");
    for (int i = 0; i < np; i++)
        printf("  %-4s -> %-4s %3d %3d %3d %3d\n", p[i].gold, p[i].got,
               p[i].n[0], p[i].n[1], p[i].n[2], p[i].n[3]);
    const char *secs_env = getenv("BENCH_LANGID_SECONDS");
    double secs = secs_env ? atof(secs_env) : 2.0;
    double td = speed(tidings_code, d, nd, secs);
    double cl = speed(cld2_fn, d, nd, secs);
    printf("\nspeed (full texts, one core): tidings %.1f MB/s, CLD2 %.1f MB/s, "
           "ratio %.2f\n",
           td, cl, td / cl);
    for (int c = 0; c < NCUTS; c++) {
        int a = all[0].td[c] + all[1].td[c], b = all[0].cld[c] + all[1].cld[c];
        printf("%s accuracy, both sets: tidings %.1f%%, CLD2 %.1f%% (%s)\n",
               cut_name[c], 100.0 * a / nd, 100.0 * b / nd,
               a >= b ? "not behind" : "BEHIND");
    }
    for (int i = 0; i < nd; i++)
        free(d[i].text);
    free(d);
    free(p);
    return 0;
}
