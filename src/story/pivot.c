/* pivot.c -- lookups in the generated pivot dictionaries (data/pivot.c).
 *
 * Each language's table is one sorted text blob of lines
 *     "<stem> <codes>\n"
 * where <codes> is one to TD__PIVOT_MAX concept indexes, three base-64
 * digits each, into td__pivot_concepts (the FNV-1a hashes of the English
 * stems). A blob needs no offset array: a binary search over byte positions
 * backs up to the start of the line it lands in. That keeps data/pivot.c
 * about half the size an array of structs would take, and the tables are
 * read-only data shared by every thread with nothing to initialise. */
#include "story/pivot.h"

#include <pthread.h>
#include <string.h>

#include "text/stopwords.h"

/* The layout data/pivot.c is written in by tools/gen_pivot.c; the generator
 * writes the same declarations, keep them in step. */
typedef struct td__pivot_table {
    const char *lang; /* language key (td__text_lang_key) */
    const char *blob; /* sorted lines, see above */
    size_t len;       /* bytes in blob */
    size_t n;         /* lines */
} td__pivot_table;

extern const td__pivot_table td__pivot_tables[]; /* sorted by lang */
extern const size_t td__pivot_tables_n;
extern const uint32_t td__pivot_concepts[];
extern const size_t td__pivot_concepts_n;

uint32_t td__pivot_english(const char *stem, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)stem[i];
        h *= 16777619u;
    }
    return h;
}

static const td__pivot_table *find_table(const char *lang)
{
    char key[8];
    if (!td__text_lang_key(lang, key))
        return NULL;
    /* Serbian, Croatian and Bosnian are read through one table, "hr"
     * (mk/pivot.mk): the text analyser stems them alike, Cyrillic in Latin
     * letters, so one language's dictionary serves the others. */
    if (strcmp(key, "sr") == 0 || strcmp(key, "bs") == 0)
        strcpy(key, "hr");
    size_t lo = 0, hi = td__pivot_tables_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, td__pivot_tables[mid].lang);
        if (c == 0)
            return &td__pivot_tables[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int td__pivot_has(const char *lang)
{
    return find_table(lang) != NULL;
}

/* Byte order with a shorter prefix first: the order the generator sorts
 * the lines in (the stem ends at the space, which sorts below every byte a
 * stem may hold). */
static int cmp_stem(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c != 0)
        return c;
    return an < bn ? -1 : an > bn;
}

static int digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 36;
    if (c == '+')
        return 62;
    if (c == '-')
        return 63;
    return -1;
}

/* Decodes the codes after the stem of the line at p (ending at end). */
static size_t decode(const char *p, const char *end,
                     uint32_t out[TD__PIVOT_MAX])
{
    size_t k = 0;
    while (k < TD__PIVOT_MAX && p + 3 <= end && *p != '\n') {
        int a = digit(p[0]), b = digit(p[1]), c = digit(p[2]);
        if (a < 0 || b < 0 || c < 0)
            break; /* cannot happen with generated data; stay safe */
        size_t idx = ((size_t)a << 12) | ((size_t)b << 6) | (size_t)c;
        if (idx >= td__pivot_concepts_n)
            break;
        out[k++] = td__pivot_concepts[idx];
        p += 3;
    }
    return k;
}

static size_t search(const td__pivot_table *t, const char *stem, size_t len,
                     uint32_t out[TD__PIVOT_MAX])
{
    const char *blob = t->blob;
    /* Invariant: every line starting before lo sorts below stem, every line
     * starting at or after hi sorts above it; lo and hi are line starts. */
    size_t lo = 0, hi = t->len;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        while (mid > lo && blob[mid - 1] != '\n')
            mid--;
        const char *line = blob + mid;
        const char *sp = memchr(line, ' ', t->len - mid);
        const char *nl = sp ? memchr(sp, '\n', t->len - (size_t)(sp - blob))
                            : NULL;
        if (!sp || !nl)
            return 0; /* malformed table: treat as unknown */
        int c = cmp_stem(stem, len, line, (size_t)(sp - line));
        if (c == 0) {
            uint32_t ids[TD__PIVOT_MAX];
            size_t k = decode(sp + 1, nl, ids);
            memcpy(out, ids, k * sizeof ids[0]);
            return k;
        }
        if (c < 0)
            hi = mid;
        else
            lo = (size_t)(nl - blob) + 1;
    }
    return 0;
}

/* A word's lookup costs some twenty probes of the blob, and news repeats
 * its words: results (misses too) are memoised in a direct-mapped cache
 * shared by all threads. */
#define MEMO_SLOTS 8192
typedef struct memo {
    const td__pivot_table *t; /* NULL: empty */
    unsigned char len, k;
    char stem[30];
    uint32_t ids[TD__PIVOT_MAX];
} memo;
static memo memos[MEMO_SLOTS];
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

size_t td__pivot_lookup(const char *lang, const char *stem, size_t len,
                        uint32_t out[TD__PIVOT_MAX])
{
    if (!stem || len == 0)
        return 0;
    const td__pivot_table *t = find_table(lang);
    if (!t)
        return 0;
    if (len > sizeof memos[0].stem)
        return search(t, stem, len, out);
    uint32_t h = td__pivot_english(stem, len) ^ (uint32_t)(uintptr_t)t;
    memo *m = &memos[h % MEMO_SLOTS];
    size_t k = 0;
    int hit;
    pthread_mutex_lock(&memo_lock);
    hit = m->t == t && m->len == len && memcmp(m->stem, stem, len) == 0;
    if (hit) {
        k = m->k;
        memcpy(out, m->ids, k * sizeof out[0]);
    }
    pthread_mutex_unlock(&memo_lock);
    if (hit)
        return k;
    uint32_t ids[TD__PIVOT_MAX];
    k = search(t, stem, len, ids);
    memcpy(out, ids, k * sizeof ids[0]);
    pthread_mutex_lock(&memo_lock);
    m->t = t;
    m->len = (unsigned char)len;
    m->k = (unsigned char)k;
    memcpy(m->stem, stem, len);
    memcpy(m->ids, ids, k * sizeof ids[0]);
    pthread_mutex_unlock(&memo_lock);
    return k;
}
