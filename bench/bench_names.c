/* bench_names.c -- precision and recall of name-variant merging.
 *
 * Reads tests/fixtures/name_variants.tsv (one variant a line, grouped by
 * person) and judges every pair of variants: same person or not. tidings'
 * matcher (td__names_match: transliteration keys, folded spellings,
 * consonant skeletons, given names agreeing) against a baseline that joins
 * two variants only when their transliteration keys are equal. Prints
 * pairwise precision, recall and F1 of both, and the pairs tidings gets
 * wrong. Usage: bench_names [SHARED] (the argument is ignored: the list is
 * in the repository). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "entity/names.h"

#define MAX_VARIANTS 512

typedef struct variant {
    char group[64];
    char name[128];
    char *key;
} variant;

typedef struct score {
    long tp, fp, fn;
} score;

static void report(const char *what, score s)
{
    double p = s.tp + s.fp ? (double)s.tp / (double)(s.tp + s.fp) : 1.0;
    double r = s.tp + s.fn ? (double)s.tp / (double)(s.tp + s.fn) : 1.0;
    printf("  %-36s precision %.3f  recall %.3f  F1 %.3f  (%ld joined right, "
           "%ld wrongly, %ld missed)\n",
           what, p, r, p + r ? 2 * p * r / (p + r) : 0.0, s.tp, s.fp, s.fn);
}

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("TIDINGS_NAME_VARIANTS");
    if (!path)
        path = "tests/fixtures/name_variants.tsv";
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    static variant v[MAX_VARIANTS];
    size_t n = 0;
    char line[512];
    while (fgets(line, sizeof line, f) && n < MAX_VARIANTS) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab = '\0';
        snprintf(v[n].group, sizeof v[n].group, "%.63s", line);
        snprintf(v[n].name, sizeof v[n].name, "%.127s", tab + 1);
        td__buf k = TD__BUF_INIT;
        if (td__name_key(v[n].name, strlen(v[n].name), &k) != 0 || !k.p) {
            fprintf(stderr, "bench_names: cannot key %s\n", v[n].name);
            return 1;
        }
        v[n++].key = k.p;
    }
    fclose(f);
    score ours = {0, 0, 0}, base = {0, 0, 0};
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        int first = 1;
        for (size_t j = 0; j < i; j++)
            first &= strcmp(v[i].group, v[j].group) != 0;
        groups += first;
    }
    printf("name variants: %zu variants of %zu people, %zu pairs (%s)\n", n,
           groups, n * (n - 1) / 2, path);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int same = strcmp(v[i].group, v[j].group) == 0;
            int m = td__names_match(v[i].key, v[j].key) > 0;
            int b = strcmp(v[i].key, v[j].key) == 0;
            ours.tp += same && m, ours.fp += !same && m, ours.fn += same && !m;
            base.tp += same && b, base.fp += !same && b, base.fn += same && !b;
            if (same != m)
                printf("    %s: %s / %s\n", same ? "missed" : "wrongly joined",
                       v[i].name, v[j].name);
        }
    report("baseline (equal transliteration keys)", base);
    report("tidings (td__names_match)", ours);
    double rb = base.tp + base.fn ? (double)base.tp / (double)(base.tp + base.fn) : 1;
    double ro = ours.tp + ours.fn ? (double)ours.tp / (double)(ours.tp + ours.fn) : 1;
    printf("  ratio of recall tidings/baseline: %.2f\n", rb > 0 ? ro / rb : 0.0);
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    return 0;
}
