/* bench_places.c -- speed of td__places_find, td__dates_find and
 * td__numbers_find on the texts of a JSON Lines file (the dev set).
 *
 *   bench_places FILE.jsonl [ROUNDS]
 *
 * Prints MB/s and articles/s of each finder and the hit counts. The first
 * round warms the caches (fold blocks, index, month names) and is not
 * timed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "entity/dates.h"
#include "entity/places.h"

typedef struct article {
    char *text, *lang, *date;
    size_t len;
} article;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the process: on a machine shared with other jobs the wall
 * clock measures the neighbours too. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_field(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? strdup(s) : NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_places SHARED|FILE.jsonl [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 20;
    if (rounds < 1)
        rounds = 1;
    /* SHARED (as make bench passes it) or the JSON Lines file itself */
    char path[4096];
    struct stat sb;
    if (stat(argv[1], &sb) == 0 && S_ISDIR(sb.st_mode))
        snprintf(path, sizeof path, "%s/data/dev/articles.jsonl", argv[1]);
    else
        snprintf(path, sizeof path, "%s", argv[1]);
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    article *a = NULL;
    size_t n = 0, bytes = 0;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        const char *t = json_string_value(json_object_get(o, "text"));
        if (t) {
            article *v = realloc(a, (n + 1) * sizeof *a);
            if (!v)
                return 1;
            a = v;
            a[n].text = strdup(t);
            a[n].len = strlen(t);
            a[n].lang = dup_field(o, "lang");
            a[n].date = dup_field(o, "date");
            bytes += a[n].len;
            n++;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    if (n == 0) {
        fprintf(stderr, "bench_places: no texts in %s\n", argv[1]);
        return 1;
    }
    static td__place_hit ph[4096];
    static td__date_hit dh[1024];
    static td__number_hit nh[4096];
    /* Baseline: ICU case folding of the same texts (UTF-8 -> UTF-16,
     * u_strFoldCase, back), the least any case-blind matcher of names in
     * every script must do per byte. */
    double base_mbs = 0;
    {
        UChar *u = NULL, *fold = NULL;
        char *back = NULL;
        double t0 = now();
        for (int r = 0; r < rounds; r++)
            for (size_t i = 0; i < n; i++) {
                UErrorCode err = U_ZERO_ERROR;
                int32_t cap16 = (int32_t)a[i].len + 1, ulen = 0, flen = 0;
                u = realloc(u, (size_t)cap16 * sizeof *u);
                fold = realloc(fold, (size_t)cap16 * 2 * sizeof *fold);
                back = realloc(back, (size_t)cap16 * 6);
                u_strFromUTF8(u, cap16, &ulen, a[i].text, (int32_t)a[i].len,
                              &err);
                flen = u_strFoldCase(fold, cap16 * 2, u, ulen,
                                     U_FOLD_CASE_DEFAULT, &err);
                u_strToUTF8(back, cap16 * 6, NULL, fold, flen, &err);
            }
        double dt = now() - t0;
        base_mbs = (double)bytes * rounds / 1e6 / dt;
        printf("%-8s %zu articles: %.1f MB/s (baseline: ICU case folding)\n",
               "fold", n, base_mbs);
        free(u);
        free(fold);
        free(back);
    }
    const char *names[3] = {"places", "dates", "numbers"};
    for (int which = 0; which < 3; which++) {
        size_t hits = 0;
        double t0 = 0, c0 = 0;
        for (int r = 0; r <= rounds; r++) {
            if (r == 1) {
                t0 = now();
                c0 = cpu_now();
            }
            for (size_t i = 0; i < n; i++) {
                size_t k = 0;
                if (which == 0)
                    k = td__places_find(a[i].text, a[i].len, ph, 4096);
                else if (which == 1)
                    k = td__dates_find(a[i].text, a[i].len, a[i].lang,
                                       a[i].date, dh, 1024);
                else
                    k = td__numbers_find(a[i].text, a[i].len, a[i].lang, nh,
                                         4096);
                if (r == 0)
                    hits += k;
            }
        }
        double dt = now() - t0, ct = cpu_now() - c0;
        double mbs = (double)bytes * rounds / 1e6 / dt;
        printf("%-8s %zu articles, %.2f MB x %d rounds: %.1f MB/s "
               "(%.1f MB/s of CPU time), %.0f articles/s, %zu hits; ratio "
               "to baseline %.2f\n",
               names[which], n, (double)bytes / 1e6, rounds, mbs,
               (double)bytes * rounds / 1e6 / ct, (double)n * rounds / dt,
               hits, mbs / base_mbs);
    }
    for (size_t i = 0; i < n; i++) {
        free(a[i].text);
        free(a[i].lang);
        free(a[i].date);
    }
    free(a);
    return 0;
}
