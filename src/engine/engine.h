/* engine.h -- the engine handle's insides, shared by src/engine/ and
 * src/ingest/ (internal). */
#ifndef TD_ENGINE_ENGINE_H
#define TD_ENGINE_ENGINE_H

#include "core/pool.h"
#include "store/store.h"
#include "story/cluster.h"
#include "tidings.h"

/* Articles per transaction: large enough that the commit's fsync is
 * amortised, small enough that a killed run loses little. */
#define TD__BATCH 500
/* The recent articles a commit revisits (stories.c) and whose unmatched
 * names it tries again (entities.c). */
#define TD__RECENT_WINDOW 2000
/* ... or this many seconds, whichever comes first: another writer waiting
 * for the lock (a second ingest) waits no longer than this. (A batch cut
 * short by time is committed without the revisit, which comes every
 * TD__BATCH articles: the stories do not depend on the clock.) */
#ifndef TD__BATCH_SECONDS
#define TD__BATCH_SECONDS 2.0
#endif

/* A name run of a caseless script that matched no stored entity when its
 * article came (entities.c): kept in the store and tried again before each
 * commit, while its article is recent, in case the entity has turned up
 * since; read into memory for the try. */
typedef struct td__like_cache td__like_cache;

typedef struct td__late {
    int64_t seq;
    char *key, *surface; /* owned */
    char lang[8];
    size_t off, len, words;
} td__late;

struct td_engine {
    td__store *store;
    unsigned pending; /* articles written in the open batch */
    double batch_start; /* when the open batch began (monotonic seconds) */
    td__cluster *cl;  /* recent stories; loaded at the first ingest */
    unsigned unrefined; /* articles clustered since the last revisit */
    td__late *late;     /* pending names being tried (td__entities_late) */
    int64_t sounded;    /* newest article whose names met its story's */
    size_t nlate, caplate;
    int jobs;         /* analysis threads for ingest_path (1: none) */
    td__pool *pool;   /* made at the first parallel ingest; NULL before */
    struct td__like_cache *like; /* entity look-ups kept (entities.c) */
    uint64_t like_gen;           /* moves on at each write to entities */
    char err[768];
};

struct td_cursor {
    td__store_cursor *sc;
    td_engine *e;
    td_article row;
};

/* Sets e's message (printf-style) and returns st. */
td_status td__engine_fail(td_engine *e, td_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The first half of td_engine_ingest, on the caller's thread: the
 * input's id, and whether it is already stored (*found). On failure
 * returns the status with e's message set ("where: reason"). */
td_status td__engine_precheck(td_engine *e, const td_input *in, int *found);

/* The second half: stores the analysis a of in (rejected articles are
 * refused with a's reason). With recheck, an article whose id was stored
 * since the precheck is skipped (*added = 0). On failure returns the
 * status with e's message set ("where: reason"). a stays the caller's. */
td_status td__engine_store_analysis(td_engine *e, const td_input *in,
                                    const struct td_analysis *a, int recheck,
                                    int *added);

/* Stores the entities, mentions, dates and numbers of the analysed article
 * stored as seq, joining its entities to those already stored. */
struct td_analysis;
/* *ids (owned, one per analysis entity) gets their stored ids. */
td_status td__store_article_entities(td_engine *e, int64_t seq,
                                     const struct td_analysis *a,
                                     int64_t **ids);

/* Assigns the stored article seq to a story (and finds its copies and
 * translations), recording why. */
td_status td__engine_cluster(td_engine *e, int64_t seq,
                             const struct td_analysis *a,
                             const int64_t *entity_ids);

/* Tries the late names again (td__late); what matches now is stored as a
 * mention and joins its article's features. The names stay loaded for: */
td_status td__entities_late(td_engine *e);
/* ... the names of articles new since the last call against the names of
 * their stories, once the revisit has settled them; then founds the
 * recurring ones and lets the names go (td__engine_refine). */
td_status td__entities_late_finish(td_engine *e);
void td__entities_late_free(td_engine *e);

/* The stored entity td_engine_entity(e, name) answers with, its id alone:
 * the same look-up without reading the entity's articles and company (for
 * the search, which needs only its forms). TD_ENOTFOUND when none, with
 * no message set. */
td_status td__entity_resolve(td_engine *e, const char *name, int64_t *id);

/* Revisits the recent assignments (td__cluster_refine) and stores what
 * moved, before a batch is committed. */
td_status td__engine_refine(td_engine *e);

/* Builds the FTS expression and filters of a user query into q (strings
 * owned by *owned, free with td__free). TD_EINVAL with e's message set when
 * the query is empty or a filter is malformed. */
td_status td__parse_query(td_engine *e, const char *query, td__search *q,
                          char **owned);

#endif
