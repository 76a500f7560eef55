/* orgsig.c -- signatures of names made of common words (orgsig.h). */
#include "entity/orgsig.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "entity/names.h"
#include "text/tokens.h"

#define SPELL_LETTERS 5 /* letters of the Latin key a spelling id keeps */

static uint32_t fnv(const char *s, size_t n, uint32_t h)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* The spelling id of one word: the start of its Latin key, marked apart
 * from the concepts (which hash English stems). */
static int spelling_id(const char *w, size_t n, uint32_t *id)
{
    td__buf k = TD__BUF_INIT;
    if (td__name_key(w, n, &k) != 0) {
        td__buf_free(&k);
        return -1;
    }
    int ok = k.len >= 2;
    if (ok) {
        size_t l = k.len < SPELL_LETTERS ? k.len : SPELL_LETTERS;
        *id = fnv(k.p, l, fnv("~", 1, 2166136261u));
    }
    td__buf_free(&k);
    return ok;
}

static void add_id(td__orgsig *s, size_t w, uint32_t id)
{
    for (size_t i = 0; i < s->nid[w]; i++)
        if (s->id[w][i] == id)
            return;
    if (s->nid[w] < TD__ORGSIG_IDS)
        s->id[w][s->nid[w]++] = id;
}

/* The pivot's English concepts (data/pivot.c), sorted by stem there; a
 * copy sorted by value tells whether an English word is a dictionary word
 * (Stadium) or not (Johnson). */
extern const uint32_t td__pivot_concepts[];
extern const size_t td__pivot_concepts_n;
static uint32_t *by_value;
static size_t nby_value;
static pthread_once_t by_value_once = PTHREAD_ONCE_INIT;

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void sort_concepts(void)
{
    by_value = malloc(td__pivot_concepts_n * sizeof *by_value);
    if (!by_value)
        return;
    memcpy(by_value, td__pivot_concepts,
           td__pivot_concepts_n * sizeof *by_value);
    qsort(by_value, td__pivot_concepts_n, sizeof *by_value, cmp_u32);
    nby_value = td__pivot_concepts_n;
}

static int english_word(uint32_t concept)
{
    pthread_once(&by_value_once, sort_concepts);
    return nby_value && bsearch(&concept, by_value, nby_value,
                                sizeof *by_value, cmp_u32) != NULL;
}

int td__english_word(const char *stem, size_t len)
{
    return len && english_word(td__pivot_english(stem, len));
}

static int is_english(const char *lang)
{
    return lang && lang[0] == 'e' && lang[1] == 'n' &&
           (!lang[2] || lang[2] == '-' || lang[2] == '_');
}

int td__orgsig_of(const char *name, size_t len, const char *lang,
                  td__orgsig *out)
{
    memset(out, 0, sizeof *out);
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(name, len, lang ? lang : "und", &t) != TD_OK)
        return 0;
    int en = is_english(lang), piv = lang && !en && td__pivot_has(lang);
    int ok = 1;
    for (size_t i = 0; ok && i < t.n; i++) {
        const td__token *x = &t.v[i];
        size_t sl = strlen(x->stem);
        if ((x->flags & TD_TOKEN_STOP) && sl < 4)
            continue;
        if (strlen(x->norm) < 2)
            continue;
        if (out->n == TD__ORGSIG_WORDS) {
            ok = 0;
            break;
        }
        size_t w = out->n++;
        uint32_t c[TD__PIVOT_MAX];
        size_t nc = en ? (c[0] = td__pivot_english(x->stem, sl), 1)
                    : piv ? td__pivot_lookup(lang, x->stem, sl, c)
                          : 0;
        for (size_t k = 0; k < nc; k++)
            add_id(out, w, c[k]);
        out->translated[w] = en ? english_word(c[0]) : nc > 0;
        uint32_t sp;
        int r = spelling_id(name + x->off, x->len, &sp);
        if (r < 0)
            ok = 0;
        else if (r > 0)
            add_id(out, w, sp);
        if (!out->nid[w])
            out->n--; /* nothing to compare it by */
    }
    td__tokens_free(&t);
    return ok && out->n >= 2;
}

static int share(const td__orgsig *a, size_t i, const td__orgsig *b,
                 size_t j)
{
    for (size_t x = 0; x < a->nid[i]; x++)
        for (size_t y = 0; y < b->nid[j]; y++)
            if (a->id[i][x] == b->id[j][y])
                return 1;
    return 0;
}

/* The largest one-to-one pairing of a's words from word i on with b's
 * words not in used (a bit set); *concept set when a best pairing has a
 * pair with a dictionary word. Names are short: a plain search. */
static size_t pair_up(const td__orgsig *a, size_t i, const td__orgsig *b,
                      unsigned used, int *concept)
{
    if (i == a->n)
        return 0;
    int c0 = 0;
    size_t best = pair_up(a, i + 1, b, used, &c0); /* word i left over */
    int bestc = c0;
    for (size_t j = 0; j < b->n; j++) {
        if ((used >> j) & 1u || !share(a, i, b, j))
            continue;
        int c = 0;
        size_t m = 1 + pair_up(a, i + 1, b, used | 1u << j, &c);
        c |= a->translated[i] || b->translated[j];
        if (m > best || (m == best && c && !bestc))
            best = m, bestc = c;
    }
    *concept = bestc;
    return best;
}

int td__orgsig_match(const td__orgsig *a, const td__orgsig *b)
{
    if (a->n < 2 || b->n < 2)
        return 0;
    int concept = 0;
    size_t m = pair_up(a, 0, b, 0, &concept);
    size_t longer = a->n > b->n ? a->n : b->n;
    size_t shorter = a->n < b->n ? a->n : b->n;
    return m >= 2 && m == shorter && longer - m <= 1 && concept;
}
