/* features.c -- feature vectors and MinHash signatures of articles. */
#include "story/features.h"

#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include "core/alloc.h"
#include "core/prof.h"
#include "core/hmap.h"
#include "engine/analysis.h"
#include "story/pivot.h"

/* Bytes of cleaned text that make an article's lead, at least, and how
 * often an entity is named to be central wherever it stands. */
#define LEAD_BYTES 400
#define CENTRAL_MENTIONS 3

typedef struct builder {
    td__feature *v;
    char **labels;
    size_t n, cap;
    int want_labels;
    td__hmap index; /* id -> position + 1 */
} builder;

/* Adds weight w to feature id; a new one is labelled pre then s, cut
 * to at most max bytes (a term's label is cut as its buffer did). The
 * label is made only for a new feature: most of an article's words are
 * ones it has used already. */
static int add_as(builder *b, uint64_t id, float w, const char *pre,
                  const char *s, size_t max)
{
    uint64_t *slot = td__hmap_put(&b->index, id);
    if (!slot)
        return -1;
    if (*slot) {
        b->v[*slot - 1].w += w;
        return 0;
    }
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        td__feature *v = td__realloc(b->v, cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        if (b->want_labels) {
            char **l = td__realloc(b->labels, cap * sizeof *l);
            if (!l)
                return -1;
            b->labels = l;
        }
        b->cap = cap;
    }
    if (b->want_labels) {
        size_t np = strlen(pre), ns = strlen(s);
        if (np > max)
            np = max;
        if (ns > max - np)
            ns = max - np;
        char *l = td__malloc(np + ns + 1);
        if (!l)
            return -1;
        memcpy(l, pre, np);
        memcpy(l + np, s, ns);
        l[np + ns] = '\0';
        b->labels[b->n] = l;
    }
    b->v[b->n].id = id;
    b->v[b->n].w = w;
    b->n++;
    *slot = b->n;
    return 0;
}

static int add(builder *b, uint64_t id, float w, const char *label)
{
    return add_as(b, id, w, "", label, SIZE_MAX);
}

/* How long a term's label may be (it was cut by a 160-byte buffer). */
#define TERM_LABEL_MAX 159

static uint64_t hash_str(int type, const char *a, const char *b)
{
    uint64_t h = td__hash64(a, strlen(a), (uint64_t)type);
    if (b)
        h = td__hash64(b, strlen(b), h);
    return TD__F_ID(type, h);
}

uint64_t td__entity_feature(int64_t id)
{
    char idbuf[32];
    snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
    return hash_str(TD__F_ENTITY, idbuf, NULL);
}

unsigned td__lang16(const char *lang)
{
    unsigned v = 0;
    for (int i = 0; i < 3; i++) {
        unsigned c = lang && lang[i] ? (unsigned)(lang[i] - 'a' + 1) & 31 : 0;
        v = (v << 5) | c;
        if (!lang || !lang[i])
            lang = NULL;
    }
    return v ? v : 1;
}

static uint64_t term_id(const char *lang, const char *stem)
{
    uint64_t h = td__hash64(stem, strlen(stem), 7);
    return TD__F_ID(TD__F_TERM, ((uint64_t)td__lang16(lang) << 44) |
                                    (h & ((1ULL << 44) - 1)));
}

static int cmp_id(const void *x, const void *y)
{
    const td__feature *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

typedef struct labelled {
    td__feature f;
    char *label;
} labelled;

static int cmp_labelled(const void *x, const void *y)
{
    return cmp_id(&((const labelled *)x)->f, &((const labelled *)y)->f);
}

/* Terms and their English pivots, in token order; *ntokens counts the
 * content words. */
static int add_text(builder *b, const td_analysis *a, size_t *ntokens)
{
    int rc = 0;
    const char *lang = a->lang;
    int has_pivot = td__pivot_has(lang);
    int english = strcmp(lang, "en") == 0;
    for (size_t i = 0; rc == 0 && i < a->tokens.n; i++) {
        const td__token *t = &a->tokens.v[i];
        if ((t->flags & TD_TOKEN_STOP) || (t->flags & TD_TOKEN_NUMBER))
            continue;
        const char *stem = t->stem ? t->stem : t->norm;
        size_t sn = strlen(stem);
        if (sn < 2)
            continue;
        (*ntokens)++;
        rc = add_as(b, term_id(lang, stem), 1.0f, "", stem, TERM_LABEL_MAX);
        uint32_t ids[TD__PIVOT_MAX];
        size_t k = 0;
        if (english)
            ids[k++] = td__pivot_english(stem, sn);
        else if (has_pivot)
            k = td__pivot_lookup(lang, stem, sn, ids);
        for (size_t j = 0; rc == 0 && j < k; j++) {
            rc = add_as(b, TD__F_ID(TD__F_PIVOT, ids[j]), 1.0f / (float)k, "~",
                        stem, TERM_LABEL_MAX);
        }
    }
    return rc;
}

static int add_entities(builder *b, const td_analysis *a,
                        const int64_t *entity_ids)
{
    int rc = 0;
    /* An entity is central when the lead names it or the text names it
     * again and again; the lead is the title and the first sentences. */
    size_t lead = strlen(a->clean.text) / 5;
    if (lead < LEAD_BYTES)
        lead = LEAD_BYTES;
    for (size_t i = 0; rc == 0 && i < a->ents.nmen; i++) {
        const td__mention *m = &a->ents.men[i];
        const td__entity *x = &a->ents.ent[m->entity];
        if (!entity_ids[m->entity])
            continue; /* named nothing known (extract.h: tentative) */
        uint64_t eid = td__entity_feature(entity_ids[m->entity]);
        rc = add(b, eid, 1.0f, x->name);
        /* the same hash under another type: the clusterer goes from one
         * to the other */
        if (rc == 0 && (m->off < lead || x->mentions >= CENTRAL_MENTIONS))
            rc = add(b, TD__F_ID(TD__F_CENTRAL, eid),
                     1.0f / (float)x->mentions, x->name);
        if (rc == 0 && x->place) {
            char country[8];
            size_t cn = strcspn(x->place, "/");
            snprintf(country, sizeof country, "%.*s",
                     (int)(cn < 7 ? cn : 7), x->place);
            rc = add(b, hash_str(TD__F_COUNTRY, country, NULL), 1.0f,
                     country);
        }
    }
    return rc;
}

static int add_numbers_dates(builder *b, const td_analysis *a)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < a->ents.nnums; i++) {
        const char *v = a->ents.nums[i].value;
        if (strlen(v) < 2)
            continue; /* 1-digit numbers are everywhere */
        rc = add(b, hash_str(TD__F_NUMBER, v, NULL), 1.0f, v);
    }
    for (size_t i = 0; rc == 0 && i < a->ents.ndates; i++) {
        const td__date_hit *d = &a->ents.dates[i];
        if (!d->month || (!d->year && !d->day))
            continue; /* "in March" of no known year says too little */
        char iso[11];
        td__format_date(d, iso);
        rc = add(b, TD__F_DATE_ID(d->year, d->month, d->day),
                 d->year && d->day ? 1.0f : 0.5f, iso);
    }
    return rc;
}

static void builder_drop(builder *b)
{
    td__hmap_free(&b->index);
    if (b->labels)
        for (size_t i = 0; i < b->n; i++)
            td__free(b->labels[i]);
    td__free(b->labels);
    td__free(b->v);
    memset(b, 0, sizeof *b);
}

/* Sorts b's features by id (labels following) into out; b is emptied.
 * Every id is unique, so the order does not depend on how b was filled. */
static td_status finish(builder *b, int labels, td__fvec *out)
{
    td__hmap_free(&b->index);
    if (labels && b->n) {
        labelled *pairs = td__malloc(b->n * sizeof *pairs);
        if (!pairs) {
            builder_drop(b);
            return TD_ENOMEM;
        }
        for (size_t i = 0; i < b->n; i++)
            pairs[i] = (labelled){b->v[i], b->labels[i]};
        qsort(pairs, b->n, sizeof *pairs, cmp_labelled);
        for (size_t i = 0; i < b->n; i++) {
            b->v[i] = pairs[i].f;
            b->labels[i] = pairs[i].label;
        }
        td__free(pairs);
    } else if (b->n) {
        qsort(b->v, b->n, sizeof *b->v, cmp_id);
    }
    out->v = b->v;
    out->labels = b->labels;
    out->n = b->n;
    memset(b, 0, sizeof *b);
    return TD_OK;
}

/* What a worker computes ahead of the store (td__features_prepare). */
struct td__fpre {
    builder b; /* terms, pivots, numbers, dates, labelled; unsorted */
    size_t ntokens;
    uint64_t sig[TD__MINHASH];
};

td_status td__features_prepare(td_analysis *a)
{
    if (a->pre)
        return TD_OK;
    td__fpre *p = td__calloc(1, sizeof *p);
    if (!p)
        return TD_ENOMEM;
    p->b = (builder){NULL, NULL, 0, 0, 1, TD__HMAP_INIT};
    int rc = add_text(&p->b, a, &p->ntokens);
    if (rc == 0)
        rc = add_numbers_dates(&p->b, a);
    td__hmap_free(&p->b.index); /* entity ids can never collide with these */
    if (rc != 0) {
        td__fpre_free(p);
        return TD_ENOMEM;
    }
    td__minhash(a, p->sig);
    a->pre = p;
    return TD_OK;
}

void td__fpre_free(td__fpre *p)
{
    if (!p)
        return;
    builder_drop(&p->b);
    td__free(p);
}

/* Appends the prepared features of p to b, taking p's labels (p can be
 * used once). -1 when memory ran out. */
static int take_prepared(builder *b, td__fpre *p, int labels)
{
    size_t need = b->n + p->b.n;
    if (need > b->cap) {
        td__feature *v = td__realloc(b->v, need * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        if (labels) {
            char **l = td__realloc(b->labels, need * sizeof *l);
            if (!l)
                return -1;
            b->labels = l;
        }
        b->cap = need;
    }
    memcpy(b->v + b->n, p->b.v, p->b.n * sizeof *b->v);
    if (labels) {
        memcpy(b->labels + b->n, p->b.labels, p->b.n * sizeof *b->labels);
        td__free(p->b.labels);
        p->b.labels = NULL;
    }
    b->n = need;
    return 0;
}

static td_status build(const td_analysis *a, const int64_t *entity_ids,
                       int labels, td__fvec *out);

td_status td__features_build(const td_analysis *a, const int64_t *entity_ids,
                             int labels, td__fvec *out)
{
    uint64_t t0 = td__prof_start();
    td_status st = build(a, entity_ids, labels, out);
    td__prof_stop(TD__ST_FEATURES, t0);
    return st;
}

static td_status build(const td_analysis *a, const int64_t *entity_ids,
                       int labels, td__fvec *out)
{
    memset(out, 0, sizeof *out);
    builder b = {NULL, NULL, 0, 0, labels, TD__HMAP_INIT};
    td__fpre *pre = a->pre;
    int rc;
    if (pre && (!labels || pre->b.labels)) {
        /* Text, numbers and dates were done by a worker; the entities
         * needed the store. The feature types never share an id, so the
         * union sorted is what one pass makes. */
        out->ntokens = pre->ntokens;
        rc = add_entities(&b, a, entity_ids);
        if (rc == 0)
            rc = take_prepared(&b, pre, labels);
    } else {
        rc = add_text(&b, a, &out->ntokens);
        if (rc == 0)
            rc = add_entities(&b, a, entity_ids);
        if (rc == 0)
            rc = add_numbers_dates(&b, a);
    }
    if (rc != 0) {
        builder_drop(&b);
        out->ntokens = 0;
        return TD_ENOMEM;
    }
    size_t ntokens = out->ntokens;
    td_status st = finish(&b, labels, out);
    out->ntokens = st == TD_OK ? ntokens : 0;
    return st;
}

void td__fvec_free(td__fvec *f)
{
    if (f->labels)
        for (size_t i = 0; i < f->n; i++)
            td__free(f->labels[i]);
    td__free(f->labels);
    td__free(f->v);
    memset(f, 0, sizeof *f);
}

/* ------------------------------------------------------ stored form */

size_t td__fvec_encoded_max(size_t n)
{
    return 1 + n * (10 + 5);
}

static size_t put_varint(unsigned char *out, uint64_t v)
{
    size_t k = 0;
    while (v >= 0x80) {
        out[k++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    out[k++] = (unsigned char)v;
    return k;
}

/* Reads a varint at p[*at..len); -1 when it runs past the end or over
 * 64 bits. */
static int get_varint(const unsigned char *p, size_t len, size_t *at,
                      uint64_t *v)
{
    uint64_t r = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*at >= len)
            return -1;
        unsigned char c = p[(*at)++];
        r |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = r;
            return 0;
        }
    }
    return -1;
}

size_t td__fvec_encode(const td__feature *v, size_t n, unsigned char *out)
{
    size_t k = 0;
    out[k++] = TD__FCODEC_V2;
    uint64_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        k += put_varint(out + k, v[i].id - prev);
        prev = v[i].id;
        float w = v[i].w;
        if (w >= 0 && w < 1e6f && (float)(uint32_t)w == w) {
            k += put_varint(out + k, (uint64_t)(uint32_t)w << 1);
        } else {
            uint32_t bits;
            memcpy(&bits, &w, sizeof bits);
            out[k++] = 1;
            for (int b = 0; b < 4; b++)
                out[k++] = (unsigned char)(bits >> (8 * b));
        }
    }
    return k;
}

long td__fvec_decode(const void *blob, size_t len, int raw, td__feature *v,
                     size_t cap)
{
    if (raw) {
        if (len % sizeof(td__feature) || len / sizeof(td__feature) > cap)
            return -1;
        memcpy(v, blob, len);
        return (long)(len / sizeof(td__feature));
    }
    const unsigned char *p = blob;
    if (len < 1 || p[0] != TD__FCODEC_V2)
        return -1;
    size_t at = 1, n = 0;
    uint64_t prev = 0;
    while (at < len) {
        uint64_t d, code;
        if (n == cap || get_varint(p, len, &at, &d) != 0 ||
            get_varint(p, len, &at, &code) != 0)
            return -1;
        if (n > 0 && d == 0)
            return -1; /* ids are unique */
        prev += d;
        v[n].id = prev;
        if (code == 1) {
            if (len - at < 4)
                return -1;
            uint32_t bits = 0;
            for (int b = 0; b < 4; b++)
                bits |= (uint32_t)p[at++] << (8 * b);
            memcpy(&v[n].w, &bits, sizeof bits);
        } else if (code & 1) {
            return -1;
        } else {
            v[n].w = (float)(code >> 1);
        }
        n++;
    }
    return (long)n;
}

/* The k-th hash of a shingle is an odd-multiplier affine map of its one
 * 64-bit hash, finished by a xorshift: one hash per shingle instead of
 * TD__MINHASH, with permutations independent enough for MinHash. */
static uint64_t perm_mul[TD__MINHASH], perm_add[TD__MINHASH];
static pthread_once_t perm_once = PTHREAD_ONCE_INIT;

static void perm_init(void)
{
    uint64_t x = 0x853c49e6748fea9bULL;
    for (int i = 0; i < TD__MINHASH; i++) {
        x += 0x9e3779b97f4a7c15ULL; /* splitmix64 */
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        perm_mul[i] = (z ^ (z >> 31)) | 1;
        perm_add[i] = z;
    }
}

static uint64_t perm(uint64_t h, int k)
{
    uint64_t y = h * perm_mul[k] + perm_add[k];
    return y ^ (y >> 29);
}

static void minhash(const td_analysis *a, uint64_t sig[TD__MINHASH]);

void td__minhash(const td_analysis *a, uint64_t sig[TD__MINHASH])
{
    uint64_t t0 = td__prof_start();
    minhash(a, sig);
    td__prof_stop(TD__ST_FEATURES, t0);
}

static void minhash(const td_analysis *a, uint64_t sig[TD__MINHASH])
{
    if (a->pre) {
        memcpy(sig, a->pre->sig, sizeof a->pre->sig);
        return;
    }
    for (int k = 0; k < TD__MINHASH; k++)
        sig[k] = UINT64_MAX;
    const td__tokens *t = &a->tokens;
    if (t->n == 0)
        return;
    pthread_once(&perm_once, perm_init);
    size_t shingles = t->n >= 3 ? t->n - 2 : 1;
    for (size_t i = 0; i < shingles; i++) {
        uint64_t h = 0;
        for (size_t j = i; j < i + 3 && j < t->n; j++)
            h = td__hash64(t->v[j].norm, strlen(t->v[j].norm), h);
        for (int k = 0; k < TD__MINHASH; k++) {
            uint64_t x = perm(h, k);
            if (x < sig[k])
                sig[k] = x;
        }
    }
}
