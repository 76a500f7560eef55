/* places.c -- the gazetteer lookups over the generated table (data/places.c).
 *
 * td__places_find folds the text once, code point by code point, exactly as
 * the generator folded the names (placefold.h), into a buffer that keeps
 * each folded byte's offset in the text. A name can only start where a
 * word starts (or anywhere in scripts written without spaces), so each
 * start is looked up by its key -- the first four code points of its word,
 * or its one code point in an unspaced script -- in a hash index built once
 * over the table; the few names under that key are compared longest first.
 *
 * The fold of a code point costs several ICU calls, so folds are cached in
 * blocks of 256 code points, built on first use under a mutex and then
 * read without locking (published with release/acquire atomics).
 *
 * Russian, Ukrainian and the other Cyrillic languages inflect names
 * ("в Казахстане", "России", "Москвы"): a Cyrillic name of five or more
 * letters also matches when up to three letters follow it, or replace its
 * final vowel when five letters are left -- for the names the generator
 * marks TD__PLACE_NAME_INFLECT (countries, regions, adjectives, cities of
 * 100,000 or more: among 24,000 small towns the loose match finds words).
 *
 * Ambiguity: in cased scripts a name must start with a capital unless it
 * is marked TD__PLACE_NAME_ANYCASE ("russo", "französisch"); one marked
 * TD__PLACE_NAME_COMMON (also a common word: "Nice", "Réunion") must in
 * addition not start a sentence, where every word is capitalised. A name
 * refused so leaves the shorter names at the same start their chance.
 * A city or region named like a person (a capitalised entry of a
 * dictionary: "Vladimir", "Marion") is not taken before another
 * capitalised word ("Vladimir Putin", "Marion Maréchal"). */
#include "entity/places.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "core/alloc.h"
#include "entity/placefold.h"
#include "entity/places_data.h"

/* ---- cached folds -------------------------------------------------------- */

typedef struct fold_block {
    uint16_t off[256]; /* into bytes */
    uint8_t len[256];
    uint8_t word[256]; /* bit 0: word character, bit 1: unspaced script */
    char bytes[];
} fold_block;

#define NBLOCKS (0x110000 / 256)
static _Atomic(fold_block *) blocks[NBLOCKS];
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;

static fold_block *block_build(uint32_t base)
{
    char tmp[256][TD__PLACE_FOLD_MAX];
    size_t total = 0;
    fold_block head;
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = base + i;
        size_t n = td__place_fold_cp(c, tmp[i]);
        head.len[i] = (uint8_t)n;
        head.off[i] = (uint16_t)total;
        head.word[i] = (uint8_t)(td__place_is_word(c) |
                                 td__place_is_unspaced(c) << 1);
        total += n;
    }
    fold_block *b = td__malloc(sizeof *b + total);
    if (!b)
        return NULL;
    memcpy(b, &head, sizeof head);
    for (size_t i = 0; i < 256; i++)
        memcpy(b->bytes + b->off[i], tmp[i], b->len[i]);
    return b;
}

/* The cached block of code point c, or NULL when memory ran out. */
static const fold_block *block_of(uint32_t c)
{
    size_t k = c >> 8;
    fold_block *b = atomic_load_explicit(&blocks[k], memory_order_acquire);
    if (b)
        return b;
    pthread_mutex_lock(&blocks_lock);
    b = atomic_load_explicit(&blocks[k], memory_order_relaxed);
    if (!b) {
        b = block_build((uint32_t)k << 8);
        if (b)
            atomic_store_explicit(&blocks[k], b, memory_order_release);
    }
    pthread_mutex_unlock(&blocks_lock);
    return b;
}

size_t td__place_fold_fast(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return (size_t)-1;
        char one;
        const char *bytes;
        size_t k;
        if (c < 0x80) {
            one = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (one == '\t' || one == '\n' || one == '\r' || one == '\f' ||
                one == '\v')
                one = ' ';
            bytes = &one, k = 1;
        } else {
            const fold_block *b = block_of((uint32_t)c);
            if (!b)
                return (size_t)-1;
            bytes = b->bytes + b->off[c & 255], k = b->len[c & 255];
        }
        if (td__place_fold_put(out, cap, &o, bytes, k) != 0)
            return (size_t)-1;
    }
    return td__place_fold_end(out, cap, o);
}

/* ---- the folded text ------------------------------------------------------ */

typedef struct folded {
    char *p;       /* folded bytes */
    uint32_t *src; /* p[i] came from text[src[i]]; src[n] = text length */
    uint8_t *cls;  /* per folded byte: the class bits of its code point */
    size_t n;
} folded;

static void folded_free(folded *f)
{
    td__free(f->p);
    td__free(f->src);
    td__free(f->cls);
}

/* Folds text; invalid UTF-8 bytes become spaces. Returns 0 or -1. */
static int fold_text(const char *text, size_t len, folded *f)
{
    memset(f, 0, sizeof *f);
    /* One code point folds to at most TD__PLACE_FOLD_MAX bytes; grow as
     * needed, starting at the text's size plus a margin. */
    size_t cap = len + 64;
    f->p = td__malloc(cap);
    f->src = td__malloc((cap + 1) * sizeof *f->src);
    f->cls = td__malloc(cap + 1);
    if (!f->p || !f->src || !f->cls)
        goto oom;
    size_t i = 0, o = 0;
    while (i < len) {
        size_t at = i;
        UChar32 c;
        U8_NEXT(text, i, len, c);
        const char *bytes;
        size_t n;
        uint8_t cls;
        char one;
        if (c < 0x80 && c >= 0) {
            one = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            int w = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                    (c >= '0' && c <= '9');
            if (one == '\t' || one == '\n' || one == '\r' || one == '\f' ||
                one == '\v')
                one = ' ';
            bytes = &one, n = 1, cls = (uint8_t)w;
        } else if (c < 0) {
            one = ' ';
            bytes = &one, n = 1, cls = 0;
        } else {
            const fold_block *b = block_of((uint32_t)c);
            if (!b)
                goto oom;
            size_t k = (uint32_t)c & 255;
            bytes = b->bytes + b->off[k], n = b->len[k], cls = b->word[k];
        }
        /* One space for a run of spaces, as the names were folded. */
        if (n == 1 && bytes[0] == ' ' && o > 0 && f->p[o - 1] == ' ')
            continue;
        if (o + n >= cap) {
            size_t ncap = cap * 2 + n;
            char *p = td__realloc(f->p, ncap);
            if (!p)
                goto oom;
            f->p = p;
            uint32_t *s = td__realloc(f->src, (ncap + 1) * sizeof *s);
            if (!s)
                goto oom;
            f->src = s;
            uint8_t *cl = td__realloc(f->cls, ncap + 1);
            if (!cl)
                goto oom;
            f->cls = cl;
            cap = ncap;
        }
        for (size_t j = 0; j < n; j++) {
            f->p[o] = bytes[j];
            f->src[o] = (uint32_t)at;
            f->cls[o] = cls;
            o++;
        }
    }
    f->src[o] = (uint32_t)len;
    f->cls[o] = 0;
    f->n = o;
    return 0;
oom:
    folded_free(f);
    memset(f, 0, sizeof *f);
    return -1;
}

/* ---- the index --------------------------------------------------------- */

#define HASH_BITS 18
/* One name in the index, packed in 16 bytes. The names of a bucket lie
 * side by side, longest first, so that a walk reads memory in order, and
 * most names under a key ("sant", "new ", one Han character) are
 * rejected by pre without touching their strings. */
typedef struct node {
    uint32_t name;    /* index into td__place_names */
    uint32_t keyhash; /* full hash of the name's key */
    uint32_t pre;     /* the four bytes after the key, when PRE_OK */
    uint16_t len;     /* strlen of the fold (capped) */
    uint8_t keylen;   /* key_len of the fold */
    uint8_t flags;    /* TD__PLACE_NAME_* | PRE_OK */
} node;
#define PRE_OK 0x80 /* pre must equal the text's four bytes to match */
static uint32_t *bstart; /* [(1 << HASH_BITS) + 1], first node of a bucket */
static node *nodes;      /* [names], by bucket, longest first */
static pthread_once_t index_once = PTHREAD_ONCE_INIT;
static int index_ok;

/* Byte length of the key of the folded string s[0..n): the first code
 * point if it is of an unspaced script, else the first four code points of
 * its first word. cls gives the class bits of s's code points, or NULL to
 * compute them. */
static size_t key_len(const char *s, size_t n, const uint8_t *cls)
{
    size_t i = 0, cps = 0;
    while (i < n && cps < 4) {
        size_t at = i;
        UChar32 c;
        U8_NEXT(s, i, n, c);
        int k = cls ? cls[at]
                    : (c >= 0 ? td__place_is_word((uint32_t)c) |
                                    td__place_is_unspaced((uint32_t)c) << 1
                              : 0);
        if (!(k & 1))
            return at;
        if (k & 2)
            return cps == 0 ? i : at;
        cps++;
    }
    return i;
}

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ h >> 16;
}

#define BUCKET(h) ((h) & ((1u << HASH_BITS) - 1))

static uint32_t load4(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static void index_build(void)
{
    size_t n = td__place_names_n, nb = (size_t)1 << HASH_BITS;
    /* Longest first within a bucket: names ordered by length (a counting
     * sort, capped: longer names are rare and keep the cap's place), then
     * dealt into their buckets in that order. */
    enum { LEN_CAP = 512 };
    uint32_t *order = td__malloc(n * sizeof *order);
    uint32_t *bucket = td__malloc(n * sizeof *bucket);
    size_t *count = td__calloc(LEN_CAP + 1, sizeof *count);
    bstart = td__calloc(nb + 1, sizeof *bstart);
    nodes = td__malloc(n * sizeof *nodes);
    if (!order || !bucket || !count || !bstart || !nodes) {
        td__free(order);
        td__free(bucket);
        td__free(count);
        td__free(bstart);
        td__free(nodes);
        bstart = NULL;
        nodes = NULL;
        return; /* index_ok stays 0: td__places_find finds nothing */
    }
    node *tmp = nodes; /* the nodes by name index first */
    for (size_t i = 0; i < n; i++) {
        const char *s = td__place_names[i].fold;
        size_t len = strlen(s), k = key_len(s, len, NULL);
        node *d = &tmp[i];
        d->name = (uint32_t)i;
        d->len = (uint16_t)(len < 65535 ? len : 65535);
        d->keylen = (uint8_t)(k < 255 ? k : 255);
        d->flags = td__place_names[i].flags & 0x7f;
        /* pre may reject only bytes every match must have: a Cyrillic
         * ending may replace the name's last letter (two bytes). */
        size_t exact = len - ((d->flags & TD__PLACE_NAME_INFLECT) ? 2 : 0);
        d->pre = 0;
        if (k < 255 && len >= 2 && k + 4 <= exact) {
            d->pre = load4(s + k);
            d->flags |= PRE_OK;
        }
        d->keyhash = hash(s, k);
        bucket[i] = BUCKET(d->keyhash);
        bstart[bucket[i] + 1]++;
        count[len < LEN_CAP ? LEN_CAP - len : 0]++;
    }
    for (size_t l = 0, at = 0; l <= LEN_CAP; l++) {
        size_t c = count[l];
        count[l] = at;
        at += c;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = tmp[i].len;
        order[count[len < LEN_CAP ? LEN_CAP - len : 0]++] = (uint32_t)i;
    }
    td__free(count);
    for (size_t b = 0; b < nb; b++)
        bstart[b + 1] += bstart[b];
    /* Deal into a second array, then keep it. */
    node *dealt = td__malloc(n * sizeof *dealt);
    uint32_t *fillp = td__malloc(nb * sizeof *fillp);
    if (!dealt || !fillp) {
        td__free(dealt);
        td__free(fillp);
        td__free(order);
        td__free(bucket);
        td__free(bstart);
        td__free(nodes);
        bstart = NULL;
        nodes = NULL;
        return;
    }
    memcpy(fillp, bstart, nb * sizeof *fillp);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = order[i];
        dealt[fillp[bucket[x]]++] = tmp[x];
    }
    td__free(fillp);
    td__free(order);
    td__free(bucket);
    td__free(nodes);
    nodes = dealt;
    index_ok = 1;
}

/* ---- matching ------------------------------------------------------------ */

static void fill(td__place *out, uint32_t p)
{
    out->id = td__place_recs[p].id;
    out->name = td__place_recs[p].name;
    out->kind = (td__place_kind)td__place_recs[p].kind;
    out->country = td__place_recs[p].country;
    out->population = td__place_recs[p].population;
}

/* ---- places by id ------------------------------------------------------ */

static uint32_t *by_id; /* [td__place_recs_n], record indexes by id */
static pthread_once_t by_id_once = PTHREAD_ONCE_INIT;

/* Ids in strcmp order; a country before its adjective (same id). */
static int cmp_id(const void *a, const void *b)
{
    const td__place_rec *x = &td__place_recs[*(const uint32_t *)a];
    const td__place_rec *y = &td__place_recs[*(const uint32_t *)b];
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return (x->kind == TD__PLACE_DEMONYM) - (y->kind == TD__PLACE_DEMONYM);
}

static void by_id_build(void)
{
    uint32_t *v = td__malloc(td__place_recs_n * sizeof *v);
    if (!v)
        return; /* td__place_by_id then finds nothing */
    for (size_t i = 0; i < td__place_recs_n; i++)
        v[i] = (uint32_t)i;
    qsort(v, td__place_recs_n, sizeof *v, cmp_id);
    by_id = v;
}

int td__place_by_id(const char *id, td__place *out)
{
    if (!id || !out)
        return 0;
    pthread_once(&by_id_once, by_id_build);
    if (!by_id)
        return 0;
    size_t lo = 0, hi = td__place_recs_n;
    while (lo < hi) { /* the first record whose id is not below id */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(td__place_recs[by_id[mid]].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == td__place_recs_n || strcmp(td__place_recs[by_id[lo]].id, id))
        return 0;
    fill(out, by_id[lo]);
    return 1;
}

static size_t places_find(const char *text, size_t len, td__place_hit *hits,
                          size_t max, int lenient);

int td__place_lookup(const char *name, size_t len, td__place *out)
{
    char buf[512];
    if (!name || len == 0 || len > 256)
        return 0;
    size_t n = td__place_fold_fast(name, len, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0)
        return 0;
    size_t lo = 0, hi = td__place_names_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(td__place_names[mid].fold, buf);
        if (c == 0) {
            fill(out, td__place_names[mid].place);
            return 1;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Not a name as such: the whole of it as the matcher reads text, so
     * that an entity found as "Харькове" in an article is found by that
     * spelling too (a Cyrillic ending; see match_at). */
    td__place_hit h;
    if (places_find(name, len, &h, 1, 1) == 1 && h.off == 0 && h.len == len) {
        *out = h.place;
        return 1;
    }
    return 0;
}

static int is_cyrillic_vowel(uint32_t c)
{
    static const uint32_t v[] = {0x430, 0x435, 0x438, 0x43E, 0x443, 0x44B,
                                 0x44D, 0x44E, 0x44F, 0x44C, 0x439, 0x456,
                                 0x457, 0x454};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (v[i] == c)
            return 1;
    return 0;
}

static int is_cyrillic(uint32_t c)
{
    return c >= 0x400 && c <= 0x52F;
}

/* Byte length of a whole-word match of name (folded, m bytes) at f[at],
 * or 0. */
static size_t match_at(const folded *f, size_t at, const char *name, size_t m,
                       int inflect)
{
    const char *t = f->p + at;
    size_t rest = f->n - at;
    if (m <= rest && memcmp(t, name, m) == 0) {
        /* The name's last code point decides whether its end must be a
         * word boundary. */
        size_t last = m;
        U8_BACK_1((const uint8_t *)name, 0, last);
        if ((f->cls[at + last] & 2) || !(f->cls[at + m] & 1))
            return m;
    }
    if (!inflect)
        return 0;
    /* Cyrillic inflection: the name, or the name less its final vowel,
     * then one to three Cyrillic letters and the word's end. */
    size_t i = 0, cps = 0;
    UChar32 c = 0, lastc = 0;
    while (i < m) {
        U8_NEXT(name, i, m, c);
        cps++;
        lastc = c;
    }
    if (cps < 5 || c < 0 || !is_cyrillic((uint32_t)lastc))
        return 0;
    size_t stem = m;
    if (is_cyrillic_vowel((uint32_t)lastc)) {
        if (cps < 6)
            return 0; /* a stem of four letters is too loose: "даними" */
        U8_BACK_1((const uint8_t *)name, 0, stem);
    }
    if (stem > rest || memcmp(t, name, stem) != 0)
        return 0;
    size_t j = stem, extra = 0;
    while (j < rest && extra <= 3) {
        size_t k = j;
        UChar32 d;
        U8_NEXT(t, k, rest, d);
        if (d < 0 || !is_cyrillic((uint32_t)d) || !(f->cls[at + j] & 1))
            break;
        j = k;
        extra++;
    }
    if (extra == 0 || extra > 3 || (f->cls[at + j] & 1))
        return 0;
    /* no case ending closes on two consonants: "Франциск" (франци + ск)
     * is a given name, not France */
    int32_t b = (int32_t)j;
    UChar32 z, y;
    U8_PREV(t, 0, b, z);
    U8_PREV(t, 0, b, y);
    if (z >= 0 && u_tolower(z) == 0x44C)
        return 0; /* nor on a soft sign */
    if (y >= 0 && z >= 0 && !is_cyrillic_vowel((uint32_t)u_tolower(z)) &&
        !is_cyrillic_vowel((uint32_t)u_tolower(y)))
        return 0;
    return j;
}

/* Whether the code point at text[at] is a lower-case letter of a script
 * that capitalises names (Latin, Cyrillic, Greek, Armenian; Georgian has
 * case since Unicode 11 but does not capitalise). */
static int lower_at(const char *text, size_t len, size_t at)
{
    UChar32 c;
    U8_NEXT(text, at, len, c);
    if (c < 0 || !u_islower(c))
        return 0;
    if (c < 0x250)
        return 1;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &err);
    return U_SUCCESS(err) && (sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC ||
                              sc == USCRIPT_GREEK || sc == USCRIPT_ARMENIAN);
}

/* Whether the name written at text[off, off + n) is not capitalised: its
 * first or its last word starts lower case ("La réunion" is a meeting,
 * "Rio de Janeiro" and "Isle of Man" are places). */
static int starts_lower(const char *text, size_t off, size_t n)
{
    if (lower_at(text, off + n, off))
        return 1;
    size_t last = off + n;
    while (last > off && text[last - 1] != ' ')
        last--;
    return last > off && lower_at(text, off + n, last);
}

/* Whether a word at text[at] opens a sentence or a line: nothing but
 * spaces, quotes and brackets between it and the text's start, a line
 * break or a full stop, question or exclamation mark, colon. */
static int opens_sentence(const char *text, size_t at)
{
    while (at > 0) {
        size_t i = at - 1;
        while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
            i--;
        size_t j = i;
        UChar32 c;
        U8_NEXT(text, j, at, c);
        if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':' ||
            c == 0x3002 || c == 0x2026)
            return 1;
        if (c < 0 || !(c == ' ' || c == '\t' || c == '\r' || c == '"' ||
                       c == '\'' || c == '(' || c == '[' || c == '-' ||
                       u_isUWhiteSpace(c) || u_hasBinaryProperty(
                                                 c, UCHAR_QUOTATION_MARK) ||
                       u_charType(c) == U_START_PUNCTUATION ||
                       u_charType(c) == U_DASH_PUNCTUATION))
            return 0;
        at = i;
    }
    return 1;
}

/* Whether the code point at text[at] is a capital letter. */
static int upper_at(const char *text, size_t len, size_t at)
{
    UChar32 c;
    U8_NEXT(text, at, len, c);
    return c >= 0 && (u_isupper(c) || u_istitle(c));
}

/* Whether the name at text[off, off + n) is followed by another
 * capitalised word -- "Vladimir Putin", "Paris Hilton", "Marion
 * Maréchal". (Not a capitalised word before it: German capitalises its
 * nouns, "Hauptstadt Athen".) */
static int beside_capital(const char *text, size_t len, size_t off, size_t n)
{
    size_t end = off + n;
    return end + 1 < len && text[end] == ' ' && upper_at(text, len, end + 1);
}

/* Whether text[off, off + n) is written all in capitals: initials
 * ("REN", "OSA") rather than a short name. */
static int all_capitals(const char *text, size_t off, size_t n)
{
    size_t i = off, end = off + n, upper = 0;
    while (i < end) {
        UChar32 c;
        U8_NEXT(text, i, end, c);
        if (c < 0 || u_islower(c))
            return 0;
        upper += u_isupper(c) != 0;
    }
    return upper >= 2;
}

/* Whether a word at text[at] continues a hyphenated compound
 * ("Berg-Karabach", "Nord-Kivu"): the compound is the name, not its
 * part. */
static int in_compound(const char *text, size_t at)
{
    if (at < 2 || text[at - 1] != '-')
        return 0;
    size_t i = at - 2;
    while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
        i--;
    size_t j = i;
    UChar32 c;
    U8_NEXT(text, j, at - 1, c);
    return c >= 0 && u_isalpha(c);
}

/* Byte length in the text of the folded bytes f->p[i, i + n): up to the
 * end of the code point the last of them came from. */
static size_t span_len(const folded *f, const char *text, size_t len, size_t i,
                       size_t n)
{
    size_t e = f->src[i + n - 1];
    U8_FWD_1((const uint8_t *)text, e, len);
    return e - f->src[i];
}

/* td__places_find; lenient: as a look-up reads a name the user typed,
 * without the tests of how a name is written in running text (capitals,
 * sentence starts, neighbours). */
static size_t places_find(const char *text, size_t len, td__place_hit *hits,
                          size_t max, int lenient)
{
    if (!text || len == 0 || len >= UINT32_MAX)
        return 0;
    pthread_once(&index_once, index_build);
    if (!index_ok)
        return 0;
    folded f;
    if (fold_text(text, len, &f) != 0)
        return 0;
    size_t found = 0;
    size_t i = 0;
    while (i < f.n) {
        uint8_t cls = f.cls[i];
        int start = (cls & 1) && (i == 0 || !(f.cls[i - 1] & 1) ||
                                  (cls & 2) || (f.cls[i - 1] & 2));
        size_t step = 1;
        if (start) {
            size_t k = key_len(f.p + i, f.n - i, f.cls + i);
            size_t best = 0;
            int32_t bestname = -1;
            int opening = -1; /* computed when first needed */
            uint32_t kh = hash(f.p + i, k);
            /* The text's four bytes after the key (0 past the end: no
             * name with PRE_OK can match there). */
            uint32_t tpre = i + k + 4 <= f.n ? load4(f.p + i + k) : 0;
            int tpre_ok = i + k + 4 <= f.n;
            const node *end = nodes + bstart[BUCKET(kh) + 1];
            for (const node *d = nodes + bstart[BUCKET(kh)]; d < end; d++) {
                if (d->keyhash != kh || d->keylen != k)
                    continue;
                uint32_t x = d->name;
                size_t m = d->len;
                /* Names come longest first; a shorter one can still win by
                 * at most a Cyrillic ending (three letters, six bytes). */
                if (m + 6 < best)
                    break;
                if ((d->flags & PRE_OK) && (!tpre_ok || d->pre != tpre))
                    continue;
                const char *name = td__place_names[x].fold;
                if (memcmp(name, f.p + i, k) != 0)
                    continue;
                uint8_t fl = d->flags;
                size_t got = match_at(&f, i, name, m,
                                      fl & TD__PLACE_NAME_INFLECT);
                if (got <= best)
                    continue;
                if (lenient) {
                    best = got, bestname = (int32_t)x;
                    continue;
                }
                if (!(fl & TD__PLACE_NAME_ANYCASE) &&
                    starts_lower(text, f.src[i], span_len(&f, text, len, i,
                                                          got)))
                    continue;
                if (fl & TD__PLACE_NAME_COMMON) {
                    if (opening < 0)
                        opening = opens_sentence(text, f.src[i]);
                    if (opening)
                        continue;
                }
                if ((fl & TD__PLACE_NAME_NAMELIKE) &&
                    beside_capital(text, len, f.src[i],
                                   span_len(&f, text, len, i, got)))
                    continue;
                if ((fl & TD__PLACE_NAME_SHORT) &&
                    all_capitals(text, f.src[i],
                                 span_len(&f, text, len, i, got)))
                    continue;
                if (in_compound(text, f.src[i]) &&
                    td__place_recs[td__place_names[x].place].kind !=
                        TD__PLACE_COUNTRY)
                    continue;
                best = got, bestname = (int32_t)x;
            }
            if (bestname >= 0) {
                if (found < max) {
                    td__place_hit *h = &hits[found];
                    h->off = f.src[i];
                    h->len = span_len(&f, text, len, i, best);
                    fill(&h->place, td__place_names[bestname].place);
                }
                found++;
                step = best;
            }
        }
        i += step;
        /* Skip to the next code point boundary of the folded text. */
        while (i < f.n && ((unsigned char)f.p[i] & 0xC0) == 0x80)
            i++;
        /* In spaced scripts, a name starts only at a word's start. */
        if (step == 1 && start && !(cls & 2))
            while (i < f.n && (f.cls[i] & 1) && !(f.cls[i] & 2))
                i++;
    }
    folded_free(&f);
    return found;
}

size_t td__places_find(const char *text, size_t len, td__place_hit *hits,
                       size_t max)
{
    return places_find(text, len, hits, max, 0);
}
