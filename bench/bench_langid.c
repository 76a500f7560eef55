/* bench_langid.c -- language identification, tidings vs CLD2 (Debian's
 * libcld2, through bench/cld2_shim.cc), on the dev set's articles: accuracy
 * per language on the full text and on the first sentence alone, and
 * throughput (MB/s of CPU time on one core) on the full texts.
 *
 *   bench_langid SHARED_DIR        (reads SHARED_DIR/data/dev/articles.jsonl)
 *
 * BENCH_LANGID_SECONDS sets how long each speed run lasts (default 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "lang/langid.h"
#include "tidings.h"

const char *bench_cld2_detect(const char *text, int len, int *reliable);

typedef struct doc {
    char gold[8];
    char *text;
    size_t len;
    size_t first_len; /* the first sentence: text[0..first_len) */
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

/* The first sentence: up to the first sentence end (. ! ? followed by a
 * space, or a CJK/Devanagari/Arabic full stop) or line end, skipping
 * leading blanks; at most 400 bytes, cut at a character start. */
static size_t first_sentence(char *text, size_t len, char **start)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' ||
                       text[i] == '\r'))
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
    while (i > b && i < len && ((unsigned char)text[i] & 0xc0) == 0x80)
        i--;
    return i - b;
}

/* CPU time of this thread: the figure is per core, and other work on a
 * shared machine does not count against either detector. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define MAXLANGS 64
typedef struct tally {
    char lang[8];
    int n, td_full, cld_full, td_first, cld_first;
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

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    char path[4096];
    snprintf(path, sizeof path, "%s/data/dev/articles.jsonl", shared);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    doc *d = NULL;
    int nd = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_error_t err;
        json_t *o = json_loads(line, 0, &err);
        const char *lang = json_string_value(json_object_get(o, "lang"));
        const char *text = json_string_value(json_object_get(o, "text"));
        if (lang && text) {
            if (nd == cap) {
                cap = cap ? cap * 2 : 256;
                d = realloc(d, (size_t)cap * sizeof *d);
                if (!d)
                    return 1;
            }
            snprintf(d[nd].gold, sizeof d[nd].gold, "%s", lang);
            d[nd].len = strlen(text);
            d[nd].text = strdup(text);
            nd++;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);

    tally t[MAXLANGS];
    int nt = 0;
    tally all = {"all", 0, 0, 0, 0, 0};
    char buf[8];
    size_t total = 0;
    for (int i = 0; i < nd; i++) {
        tally *x = tally_of(t, &nt, d[i].gold);
        if (!x)
            continue;
        char *s;
        size_t n1 = first_sentence(d[i].text, d[i].len, &s);
        int a = strcmp(tidings_code(d[i].text, d[i].len, buf), d[i].gold) == 0;
        int b = strcmp(cld2_code(d[i].text, d[i].len), d[i].gold) == 0;
        int c = strcmp(tidings_code(s, n1, buf), d[i].gold) == 0;
        int e = strcmp(cld2_code(s, n1), d[i].gold) == 0;
        if (getenv("BENCH_LANGID_VERBOSE") && (!a || !c))
            printf("miss %s: full=%s first=%s [%.*s]\n", d[i].gold,
                   tidings_code(d[i].text, d[i].len, (char[8]){0}),
                   tidings_code(s, n1, buf), (int)n1, s);
        x->n++, all.n++;
        x->td_full += a, all.td_full += a;
        x->cld_full += b, all.cld_full += b;
        x->td_first += c, all.td_first += c;
        x->cld_first += e, all.cld_first += e;
        total += d[i].len;
    }
    qsort(t, (size_t)nt, sizeof t[0], by_count);
    printf("language identification, %d dev-set articles (%zu bytes)\n", nd,
           total);
    printf("%-5s %5s | %9s %9s | %9s %9s\n", "lang", "n", "full:td", "cld2",
           "first:td", "cld2");
    for (int i = 0; i <= nt; i++) {
        const tally *x = i < nt ? &t[i] : &all;
        printf("%-5s %5d | %8.1f%% %8.1f%% | %8.1f%% %8.1f%%\n", x->lang, x->n,
               100.0 * x->td_full / x->n, 100.0 * x->cld_full / x->n,
               100.0 * x->td_first / x->n, 100.0 * x->cld_first / x->n);
    }
    const char *secs_env = getenv("BENCH_LANGID_SECONDS");
    double secs = secs_env ? atof(secs_env) : 2.0;
    double td = speed(tidings_code, d, nd, secs);
    double cl = speed(cld2_fn, d, nd, secs);
    printf("speed (full texts, one core): tidings %.1f MB/s, CLD2 %.1f MB/s, "
           "ratio %.2f\n",
           td, cl, td / cl);
    printf("accuracy ratio tidings/CLD2: full %.3f, first sentence %.3f\n",
           (double)all.td_full / (all.cld_full ? all.cld_full : 1),
           (double)all.td_first / (all.cld_first ? all.cld_first : 1));
    for (int i = 0; i < nd; i++)
        free(d[i].text);
    free(d);
    return 0;
}
