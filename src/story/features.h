/* features.h -- what an article is made of, for comparing it with stories.
 *
 * Five kinds of evidence, each a sparse vector of hashed features:
 *   term    stems of content words, per language (within-language evidence)
 *   pivot   English concepts of content words, through bilingual
 *           dictionaries (cross-language evidence)
 *   entity  stored entity ids (people, places, organisations: one id
 *           however they are spelled)
 *   number  normalised numbers ("4404", "81.31")
 *   date    dates the text speaks of
 *   central the entities an article is about (named in its lead, or named
 *           again and again), not those it mentions in passing
 *   country the countries of the places it names: the scene */
#ifndef TD_STORY_FEATURES_H
#define TD_STORY_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "tidings.h"

enum {
    TD__F_TERM = 0,
    TD__F_PIVOT = 1,
    TD__F_ENTITY = 2,
    TD__F_NUMBER = 3,
    TD__F_DATE = 4,
    TD__F_CENTRAL = 5,
    TD__F_COUNTRY = 6,
    TD__F_TYPES = 7
};

/* The type lives in the top bits of the id, so a feature is 8+4 bytes. */
#define TD__F_TYPE(id) ((int)((id) >> 61))
#define TD__F_ID(type, h) (((uint64_t)(type) << 61) | ((h) & ((1ULL << 61) - 1)))

/* Date features are the date itself, so that the clusterer can read the
 * time an article speaks of back from its features (year 0: unknown; day
 * 0: the month only). */
#define TD__F_DATE_ID(y, m, d)                                               \
    TD__F_ID(TD__F_DATE, ((uint64_t)(y) << 9) | ((uint64_t)(m) << 5) |       \
                             (uint64_t)(d))
#define TD__F_DATE_Y(id) ((int)(((id) >> 9) & 0xFFFF))
#define TD__F_DATE_M(id) ((int)(((id) >> 5) & 0xF))
#define TD__F_DATE_D(id) ((int)((id) & 0x1F))

/* Term features carry their language in bits 44..59, so that a story's
 * terms can be compared within one language. */
#define TD__F_LANG_BITS(id) ((unsigned)(((id) >> 44) & 0xFFFF))
unsigned td__lang16(const char *lang);

typedef struct td__feature {
    uint64_t id;
    float w; /* term frequency in the article */
} td__feature;

typedef struct td__fvec {
    td__feature *v; /* owned; sorted by id, ids unique */
    size_t n;
    char **labels;  /* owned or NULL: readable name of each feature, for
                       explaining assignments */
    size_t ntokens; /* content words of the article, for length ratios */
} td__fvec;

struct td_analysis;

/* The feature of stored entity id. */
uint64_t td__entity_feature(int64_t id);

/* Builds the features of an analysed article; entity_ids[i] is the stored
 * id of the analysis's entity i. With labels != 0 each feature gets a label
 * ("Kassym-Jomart Tokayev", "term elect", "4404", "2022-01-07").
 * Returns TD_OK or TD_ENOMEM (*out emptied). */
td_status td__features_build(const struct td_analysis *a,
                             const int64_t *entity_ids, int labels,
                             td__fvec *out);
void td__fvec_free(td__fvec *f);

/* Work a worker thread can do before the article reaches the store: the
 * features that need no stored ids (terms, pivots, numbers, dates, with
 * labels) and the MinHash, kept in a->pre for td__features_build and
 * td__minhash to use (the same result, less work on the storing thread).
 * Returns TD_OK or TD_ENOMEM (a->pre stays NULL: nothing is lost). */
typedef struct td__fpre td__fpre;
td_status td__features_prepare(struct td_analysis *a);
void td__fpre_free(td__fpre *p); /* NULL ok */

/* The stored form of a feature vector (ids and weights only), compact and
 * versioned: a format byte (TD__FCODEC_V2), then per feature, in id order,
 * the varint of the id's difference from the previous one and the weight:
 * varint 2n for a whole number n, else 1 and the float's 4 bytes (little
 * endian). About 7 bytes a feature instead of 16.
 * td__fvec_encode writes at most td__fvec_encoded_max(n) bytes into out and
 * returns how many. td__fvec_decode reads blob[0..len) (this format, or
 * the raw array of td__feature of schema 1 when raw != 0) into v (room for
 * cap features); returns the count, or -1 when the blob is malformed or
 * larger than cap. */
#define TD__FCODEC_V2 2
size_t td__fvec_encoded_max(size_t n);
size_t td__fvec_encode(const td__feature *v, size_t n, unsigned char *out);
long td__fvec_decode(const void *blob, size_t len, int raw, td__feature *v,
                     size_t cap);

/* 64 MinHash values over 3-word shingles of the article's tokens (stop words
 * included: copies share their function words too). */
#define TD__MINHASH 64
void td__minhash(const struct td_analysis *a, uint64_t sig[TD__MINHASH]);

#endif
