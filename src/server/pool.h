/* pool.h -- engines for the server's worker threads, and the figures a
 * sampler thread keeps (ingest rate, story sizes a while ago).
 *
 * Each engine is one SQLite connection; a worker borrows one for a request
 * and gives it back, so no connection is used by two threads at once and
 * each request reads a consistent snapshot while an ingester writes (WAL). */
#ifndef TD_SERVER_POOL_H
#define TD_SERVER_POOL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "tidings.h"

#define TD__RATE_SAMPLES 64 /* article counts, one per sample period */

typedef struct td__story_size {
    int64_t id, articles;
} td__story_size;

/* A reply kept for the same question while the store has not changed
 * (same article count) and for at most TD__CACHE_SECONDS: a page polling
 * every few seconds, times many readers, then costs a count, not a scan. */
#define TD__CACHE_ENTRIES 64
#define TD__CACHE_SECONDS 2.0

typedef struct td__cached {
    char *key;  /* path and arguments; NULL: empty slot */
    char *body; /* the JSON reply (status 200 only) */
    size_t len;
    int64_t articles;
    double at;
} td__cached;

typedef struct td__pool {
    char *db;
    pthread_mutex_t lock;
    td_engine **free_engines; /* engines not in use */
    size_t nfree, cap;

    /* Sampler: article counts every period seconds (ring), and two
     * snapshots of story sizes: "base" is 5-10 minutes old, growth is
     * measured against it. Guarded by lock. */
    pthread_t sampler;
    pthread_cond_t wake;
    int stopping, sampler_running;
    unsigned period;
    int64_t counts[TD__RATE_SAMPLES];
    double times[TD__RATE_SAMPLES];
    size_t nsamples, next_sample;
    td__story_size *base, *next;
    size_t nbase, nnext;
    double next_taken;
    double started;

    td__cached cache[TD__CACHE_ENTRIES]; /* guarded by lock */
    size_t cache_next;                   /* slot replaced next */
    int64_t count;                       /* td__pool_article_count's */
    double count_at;                     /* when read; 0: never */
} td__pool;

/* Opens one engine to check the database, starts the sampler. Returns 0, or
 * -1 with the reason in err. */
int td__pool_init(td__pool *p, const char *db, unsigned period, char *err,
                  size_t errlen);
void td__pool_destroy(td__pool *p);

/* An engine for this thread's request (give it back with
 * td__pool_release), or NULL with the reason in err. */
td_engine *td__pool_acquire(td__pool *p, char *err, size_t errlen);
void td__pool_release(td__pool *p, td_engine *e);

/* Articles ingested per minute over the samples kept (-1: not yet known),
 * and the window it covers in seconds. */
double td__pool_ingest_rate(td__pool *p, double *window);

/* How many articles story id gained since the base snapshot (all of them
 * when it is newer than that). */
int64_t td__pool_growth(td__pool *p, int64_t id, int64_t articles);

/* The store's article count, the cache's sign that the store changed:
 * read with e at most every TD__COUNT_SECONDS, else the last one read (a
 * count is a query and two file locks, per request otherwise). So a reply
 * computed before an ingest committed may be served up to that long
 * after it. -1 when it cannot be read. */
#define TD__COUNT_SECONDS 0.1
int64_t td__pool_article_count(td__pool *p, td_engine *e);

/* A copy of the cached reply to key (owned, free()) when it is still
 * good for a store holding articles articles, else NULL. */
char *td__pool_cache_get(td__pool *p, const char *key, int64_t articles,
                         size_t *len);
/* Keeps a copy of body as the reply to key; silently keeps nothing when
 * memory is short. */
void td__pool_cache_put(td__pool *p, const char *key, int64_t articles,
                        const char *body, size_t len);

/* Seconds since an arbitrary fixed point (monotonic). */
double td__now(void);

#endif
