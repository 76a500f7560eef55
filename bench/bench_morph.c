/* bench_morph.c -- td__morph_bases: speed and a check on gold variants.
 *
 *   bench_morph SHARED_DIR [ROUNDS]
 *
 * 1. Speed: every capitalised word of SHARED_DIR/data/dev2/articles.jsonl,
 *    with its article's language, through td__morph_bases (16 candidates
 *    at most), ROUNDS times after one untimed warm-up round; ns per word.
 *    Beside it, in the same run, the floor any look-up pays: ICU's
 *    u_strToLower of the same words (UTF-8 -> UTF-16 -> lower case).
 * 2. Check (not tuning data): for the gold entities of
 *    SHARED_DIR/data/dev2/entities.json, how many variants reach another
 *    variant of the same entity: same number of words, and each word equal
 *    or among the candidates of the variant's word (top 2 / all 16). The
 *    language of a variant is that of the first of the entity's articles
 *    whose text contains it. "Before" is the same with no candidates (words
 *    must be equal). Also counted: variants that reach a variant of a
 *    different entity this way (false joins, for the caller to filter). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "text/morph.h"

typedef struct article {
    char *id, *lang, *text;
} article;

typedef struct word {
    const char *lang;
    char s[128];
    size_t len;
} word;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* the machine is shared */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

static article *load_articles(const char *path, size_t *n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    article *a = NULL;
    size_t cap = 0;
    *n = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 512;
            a = realloc(a, cap * sizeof *a);
        }
        a[*n].id = dup_str(json_string_value(json_object_get(o, "id")));
        a[*n].lang = dup_str(json_string_value(json_object_get(o, "lang")));
        a[*n].text = dup_str(json_string_value(json_object_get(o, "text")));
        if (a[*n].id && a[*n].text)
            (*n)++;
        json_decref(o);
    }
    free(line);
    fclose(f);
    return a;
}

/* Capitalised words (letters, inner apostrophes and hyphens) of text. */
static void collect_words(const article *a, word **w, size_t *n, size_t *cap)
{
    const char *t = a->text;
    int32_t len = (int32_t)strlen(t), i = 0;
    while (i < len) {
        int32_t start = i;
        UChar32 c;
        U8_NEXT(t, i, len, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        int32_t end = i;
        while (end < len) {
            int32_t j = end;
            UChar32 d;
            U8_NEXT(t, j, len, d);
            if (d >= 0 && (u_isalpha(d) || u_getCombiningClass(d) > 0 ||
                           u_charType(d) == U_NON_SPACING_MARK ||
                           u_charType(d) == U_COMBINING_SPACING_MARK)) {
                end = j;
                continue;
            }
            if (d == '\'' || d == 0x2019 || d == '-') {
                int32_t k = j;
                UChar32 e = -1;
                if (k < len)
                    U8_NEXT(t, k, len, e);
                if (e >= 0 && u_isalpha(e)) {
                    end = j;
                    continue;
                }
            }
            break;
        }
        i = end;
        if (!u_isupper(c) || end - start >= 128)
            continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 4096;
            *w = realloc(*w, *cap * sizeof **w);
        }
        word *x = &(*w)[(*n)++];
        x->lang = a->lang;
        x->len = (size_t)(end - start);
        memcpy(x->s, t + start, x->len);
        x->s[x->len] = '\0';
    }
}

/* ---- the gold check ---- */
typedef struct variant {
    const char *text;
    const char *lang;
    size_t entity;
} variant;

/* Whether v reaches u: same word count, each word equal or among the first
 * k candidates of v's word. */
static int reaches(const variant *v, const variant *u, size_t k)
{
    char vb[512], ub[512];
    snprintf(vb, sizeof vb, "%s", v->text);
    snprintf(ub, sizeof ub, "%s", u->text);
    char *vs = NULL, *us = NULL;
    char *vw[16], *uw[16];
    size_t nv = 0, nu = 0;
    for (char *p = strtok_r(vb, " ", &vs); p && nv < 16;
         p = strtok_r(NULL, " ", &vs))
        vw[nv++] = p;
    for (char *p = strtok_r(ub, " ", &us); p && nu < 16;
         p = strtok_r(NULL, " ", &us))
        uw[nu++] = p;
    if (nv != nu || nv == 0)
        return 0;
    for (size_t i = 0; i < nv; i++) {
        if (!strcmp(vw[i], uw[i]))
            continue;
        if (k == 0)
            return 0;
        td__morph_base b[16];
        size_t n = td__morph_bases(v->lang, vw[i], strlen(vw[i]), b, k);
        int hit = 0;
        for (size_t j = 0; j < n && !hit; j++)
            hit = !strcmp(b[j].form, uw[i]);
        if (!hit)
            return 0;
    }
    return 1;
}

static const article *find_article(const article *a, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(a[i].id, id))
            return &a[i];
    return NULL;
}

static void gold_check(const char *shared, const article *arts, size_t na)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/data/dev2/entities.json", shared);
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        fprintf(stderr, "bench_morph: cannot read %s\n", path);
        return;
    }
    json_t *ents = json_object_get(root, "entities");
    size_t ne = json_array_size(ents);
    variant *v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t e = 0; e < ne; e++) {
        json_t *ent = json_array_get(ents, e);
        json_t *vars = json_object_get(ent, "variants");
        json_t *ids = json_object_get(ent, "ids");
        for (size_t i = 0; i < json_array_size(vars); i++) {
            const char *t = json_string_value(json_array_get(vars, i));
            if (!t)
                continue;
            const char *lang = NULL;
            for (size_t j = 0; j < json_array_size(ids) && !lang; j++) {
                const article *a = find_article(
                    arts, na, json_string_value(json_array_get(ids, j)));
                if (a && strstr(a->text, t))
                    lang = a->lang;
            }
            if (nv == cap) {
                cap = cap ? cap * 2 : 256;
                v = realloc(v, cap * sizeof *v);
            }
            v[nv++] = (variant){t, lang, e};
        }
    }
    const size_t ks[3] = {0, 2, 16};
    const char *names[3] = {"before (no candidates)", "after, top 2",
                            "after, top 16"};
    for (size_t q = 0; q < 3; q++) {
        size_t hit = 0, wrong = 0, ents_helped = 0;
        size_t last_e = (size_t)-1;
        int helped = 0;
        for (size_t i = 0; i < nv; i++) {
            if (v[i].entity != last_e) {
                ents_helped += (size_t)helped;
                helped = 0;
                last_e = v[i].entity;
            }
            int h = 0, x = 0;
            for (size_t j = 0; j < nv; j++) {
                if (j == i || !strcmp(v[i].text, v[j].text))
                    continue;
                if (!reaches(&v[i], &v[j], ks[q]))
                    continue;
                if (v[j].entity == v[i].entity)
                    h = 1;
                else
                    x = 1;
            }
            hit += (size_t)h;
            wrong += (size_t)x;
            helped |= h;
        }
        ents_helped += (size_t)helped;
        printf("dev2 gold variants, %s: %zu of %zu variants reach another "
               "variant of their entity (%zu of %zu entities); %zu reach a "
               "variant of another entity\n",
               names[q], hit, nv, ents_helped, ne, wrong);
    }
    if (getenv("BENCH_MORPH_SHOW")) {
        /* per variant, for reading: what it reaches */
        for (size_t i = 0; i < nv; i++)
            for (size_t j = 0; j < nv; j++)
                if (j != i && strcmp(v[i].text, v[j].text) &&
                    reaches(&v[i], &v[j], 16))
                    printf("  %s [%s] -> %s%s\n", v[i].text,
                           v[i].lang ? v[i].lang : "?", v[j].text,
                           v[j].entity == v[i].entity ? "" : "  (OTHER)");
    }
    free(v);
    json_decref(root);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_morph SHARED_DIR [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    if (rounds < 1)
        rounds = 1;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/dev2/articles.jsonl", argv[1]);
    size_t na = 0;
    article *arts = load_articles(path, &na);
    if (!arts) {
        fprintf(stderr, "bench_morph: cannot read %s\n", path);
        return 1;
    }
    word *w = NULL;
    size_t nw = 0, cap = 0;
    for (size_t i = 0; i < na; i++)
        collect_words(&arts[i], &w, &nw, &cap);
    size_t known = 0;
    for (size_t i = 0; i < nw; i++)
        known += (size_t)td__morph_has_lang(w[i].lang);

    /* speed */
    td__morph_base b[16];
    volatile size_t sink = 0;
    for (size_t i = 0; i < nw; i++) /* warm-up */
        sink += td__morph_bases(w[i].lang, w[i].s, w[i].len, b, 16);
    size_t total = 0;
    double t0 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < nw; i++)
            total += td__morph_bases(w[i].lang, w[i].s, w[i].len, b, 16);
    double t1 = now();
    UChar u16[256], l16[256];
    double t2 = now();
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < nw; i++) {
            UErrorCode st = U_ZERO_ERROR;
            int32_t n16 = 0;
            u_strFromUTF8(u16, 256, &n16, w[i].s, (int32_t)w[i].len, &st);
            int32_t nl = u_strToLower(l16, 256, u16, n16, "", &st);
            sink += (size_t)nl;
        }
    double t3 = now();
    double per = (t1 - t0) * 1e9 / ((double)nw * rounds);
    double base = (t3 - t2) * 1e9 / ((double)nw * rounds);
    printf("dev2: %zu articles, %zu capitalised words (%zu in a language "
           "with rules), %d rounds\n",
           na, nw, known, rounds);
    printf("td__morph_bases: %.0f ns/word, %.2f candidates/word\n", per,
           (double)total / ((double)nw * rounds));
    printf("baseline, ICU u_strToLower of the same words: %.0f ns/word "
           "(ratio %.1f)\n",
           base, base > 0 ? per / base : 0.0);
    (void)sink;

    gold_check(argv[1], arts, na);
    for (size_t i = 0; i < na; i++) {
        free(arts[i].id);
        free(arts[i].lang);
        free(arts[i].text);
    }
    free(arts);
    free(w);
    return 0;
}
