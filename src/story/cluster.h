/* cluster.h -- online story clustering (internal).
 *
 * Articles arrive one at a time. Each is first checked for being a copy of
 * an earlier one (MinHash, LSH bands), then scored against the recent
 * stories that share rare features with it (an inverted index: never a scan
 * of all stories), combining per-kind tf-idf cosines of terms (same
 * language), English pivot concepts, entities, numbers and dates, with a
 * decay for stories far away in time. It joins the best story above the
 * threshold or starts a new one; when it binds two stories strongly, they
 * merge. Deterministic for a given input order. */
#ifndef TD_STORY_CLUSTER_H
#define TD_STORY_CLUSTER_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#include "story/features.h"
#include "tidings.h"

#define TD__NO_DAY INT_MIN

typedef struct td__cluster td__cluster;

typedef struct td__assignment {
    int64_t story;          /* story id: the seq of its first article */
    int is_new;             /* the article started the story */
    double score;           /* similarity to the story it joined */
    int64_t merged;         /* a story merged into this one now, or 0 */
    int64_t duplicate_of;   /* seq of the first copy, or 0 */
    int64_t translation_of; /* seq of the original, or 0 */
    char *why;              /* owned JSON: the evidence shared */
} td__assignment;

/* Returns a new clusterer or NULL (out of memory). */
td__cluster *td__cluster_new(void);
void td__cluster_free(td__cluster *c);

/* Assigns article seq (language lang, day = days since 1970 or TD__NO_DAY)
 * with features f (labels used for the explanation) and MinHash sig.
 * Returns TD_OK with *out filled (free out->why with td__free) or
 * TD_ENOMEM, in which case the clusterer is unchanged. */
td_status td__cluster_add(td__cluster *c, int64_t seq, const char *lang,
                          int day, const td__fvec *f,
                          const uint64_t sig[TD__MINHASH],
                          td__assignment *out);

/* Re-enters an article already assigned (reloading a database): no
 * scoring. root is the seq of its original when it is a copy or
 * translation, else seq. */
td_status td__cluster_restore(td__cluster *c, int64_t seq, const char *lang,
                              int day, const td__fvec *f,
                              const uint64_t sig[TD__MINHASH], int64_t story,
                              int64_t root);

/* Revisits the stories of the last window articles as the evidence has
 * grown since they came: an article that another story now fits clearly
 * better moves there, one that no longer fits its story nor any other
 * starts its own; its copies and translations go with it. A story's first
 * article stays. cb (may be NULL) hears of each article that moved, with
 * its new story, score and an explanation (JSON, borrowed for the call).
 * Deterministic. Returns TD_OK or TD_ENOMEM (stories stay consistent, some
 * moves may be missing). */
typedef void (*td__move_cb)(void *ud, int64_t seq, int64_t story,
                            double score, const char *why);
td_status td__cluster_refine(td__cluster *c, size_t window, td__move_cb cb,
                             void *ud);

/* Adds feature id (weight w) to article seq and its story: an entity
 * found late (entities.c: a name in a caseless script that matched an
 * entity known only now). Returns 1 when changed, 0 when seq is not in
 * memory or has the feature, -1 when memory ran out (unchanged). */
int td__cluster_add_feature(td__cluster *c, int64_t seq, uint64_t id,
                            float w);
/* What the clusterer holds of article seq, to store it again (borrowed
 * until the next change). Returns 0, or -1 when seq is not in memory. */
int td__cluster_doc(const td__cluster *c, int64_t seq, const td__feature **f,
                    size_t *nf, const uint64_t **sig, int64_t *root,
                    size_t *ntokens);

/* The fitting trace (TIDINGS_FIT_TRACE), or NULL when off. */
FILE *td__cluster_trace(void);

/* Days since 1970-01-01 of "YYYY-MM[-DD]" (the 15th when no day), or
 * TD__NO_DAY. */
int td__day_number(const char *date);

#endif
