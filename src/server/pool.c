/* pool.c -- engines borrowed per request, and the sampler thread. */
#include "server/pool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Story sizes are re-snapshotted this often; growth is measured against
 * the snapshot before the latest, so it covers 5 to 10 minutes. */
#define SNAPSHOT_SECONDS 300.0

double td__now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

td_engine *td__pool_acquire(td__pool *p, char *err, size_t errlen)
{
    pthread_mutex_lock(&p->lock);
    td_engine *e = p->nfree ? p->free_engines[--p->nfree] : NULL;
    pthread_mutex_unlock(&p->lock);
    if (e)
        return e;
    td_status st = td_engine_open(p->db, &e, err, errlen);
    return st == TD_OK ? e : NULL;
}

void td__pool_release(td__pool *p, td_engine *e)
{
    if (!e)
        return;
    pthread_mutex_lock(&p->lock);
    if (p->nfree == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 8;
        td_engine **v = realloc(p->free_engines, cap * sizeof *v);
        if (!v) {
            pthread_mutex_unlock(&p->lock);
            td_engine_close(e); /* cannot keep it: close rather than leak */
            return;
        }
        p->free_engines = v;
        p->cap = cap;
    }
    p->free_engines[p->nfree++] = e;
    pthread_mutex_unlock(&p->lock);
}

static int by_id(const void *a, const void *b)
{
    const td__story_size *x = a, *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

/* Every story's size now, sorted by id; NULL (n = 0) when it fails. */
static td__story_size *snapshot(td_engine *e, size_t *n)
{
    *n = 0;
    td_story_cursor *c = NULL;
    if (td_engine_stories(e, NULL, NULL, 0, &c) != TD_OK)
        return NULL;
    td__story_size *v = NULL;
    size_t len = 0, cap = 0;
    const td_story *s;
    while (td_story_next(c, &s) == TD_OK) {
        if (len == cap) {
            cap = cap ? cap * 2 : 256;
            td__story_size *w = realloc(v, cap * sizeof *w);
            if (!w) {
                free(v);
                td_story_cursor_free(c);
                return NULL;
            }
            v = w;
        }
        v[len].id = s->id;
        v[len++].articles = s->articles;
    }
    td_story_cursor_free(c);
    if (len)
        qsort(v, len, sizeof *v, by_id);
    *n = len;
    return v;
}

static void sample(td__pool *p, int first)
{
    char err[256];
    td_engine *e = td__pool_acquire(p, err, sizeof err);
    if (!e)
        return;
    int64_t n = td_engine_article_count(e);
    double now = td__now();
    td__story_size *snap = NULL;
    size_t nsnap = 0;
    int take = first || now - p->next_taken >= SNAPSHOT_SECONDS;
    if (take)
        snap = snapshot(e, &nsnap);
    td__pool_release(p, e);

    pthread_mutex_lock(&p->lock);
    if (n >= 0) {
        p->counts[p->next_sample] = n;
        p->times[p->next_sample] = now;
        p->next_sample = (p->next_sample + 1) % TD__RATE_SAMPLES;
        if (p->nsamples < TD__RATE_SAMPLES)
            p->nsamples++;
    }
    if (take && (snap || first)) {
        if (first) {
            p->base = snap;
            p->nbase = nsnap;
        } else {
            free(p->base);
            p->base = p->next;
            p->nbase = p->nnext;
        }
        p->next = first ? NULL : snap;
        p->nnext = first ? 0 : nsnap;
        p->next_taken = now;
        if (first && snap) {
            /* base and next start equal; next is a copy */
            p->next = malloc(nsnap * sizeof *snap);
            if (p->next) {
                memcpy(p->next, snap, nsnap * sizeof *snap);
                p->nnext = nsnap;
            }
        }
    } else {
        free(snap);
    }
    pthread_mutex_unlock(&p->lock);
}

static void *sampler_main(void *ud)
{
    td__pool *p = ud;
    pthread_mutex_lock(&p->lock);
    while (!p->stopping) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += p->period;
        int rc = 0;
        while (!p->stopping && rc != ETIMEDOUT)
            rc = pthread_cond_timedwait(&p->wake, &p->lock, &ts);
        if (p->stopping)
            break;
        pthread_mutex_unlock(&p->lock);
        sample(p, 0);
        pthread_mutex_lock(&p->lock);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

int td__pool_init(td__pool *p, const char *db, unsigned period, char *err,
                  size_t errlen)
{
    memset(p, 0, sizeof *p);
    p->db = strdup(db);
    if (!p->db) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->period = period ? period : 5;
    p->started = td__now();
    /* Open one engine now so a bad database fails at start, not at the
     * first request. */
    td_engine *e = td__pool_acquire(p, err, errlen);
    if (!e) {
        td__pool_destroy(p);
        return -1;
    }
    td__pool_release(p, e);
    sample(p, 1);
    if (pthread_create(&p->sampler, NULL, sampler_main, p) == 0)
        p->sampler_running = 1;
    return 0;
}

void td__pool_destroy(td__pool *p)
{
    if (p->sampler_running) {
        pthread_mutex_lock(&p->lock);
        p->stopping = 1;
        pthread_cond_signal(&p->wake);
        pthread_mutex_unlock(&p->lock);
        pthread_join(p->sampler, NULL);
        p->sampler_running = 0;
    }
    for (size_t i = 0; i < p->nfree; i++)
        td_engine_close(p->free_engines[i]);
    for (size_t i = 0; i < TD__CACHE_ENTRIES; i++) {
        free(p->cache[i].key);
        free(p->cache[i].body);
    }
    free(p->free_engines);
    free(p->base);
    free(p->next);
    free(p->db);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->lock);
    memset(p, 0, sizeof *p);
}

double td__pool_ingest_rate(td__pool *p, double *window)
{
    pthread_mutex_lock(&p->lock);
    double rate = -1, w = 0;
    if (p->nsamples >= 2) {
        size_t last = (p->next_sample + TD__RATE_SAMPLES - 1) %
                      TD__RATE_SAMPLES;
        size_t first = (p->next_sample + TD__RATE_SAMPLES - p->nsamples) %
                       TD__RATE_SAMPLES;
        w = p->times[last] - p->times[first];
        if (w > 0)
            rate = (double)(p->counts[last] - p->counts[first]) * 60.0 / w;
    }
    pthread_mutex_unlock(&p->lock);
    *window = w;
    return rate;
}

int64_t td__pool_growth(td__pool *p, int64_t id, int64_t articles)
{
    td__story_size key = {id, 0};
    pthread_mutex_lock(&p->lock);
    const td__story_size *hit =
        p->base ? bsearch(&key, p->base, p->nbase, sizeof key, by_id) : NULL;
    int64_t g = hit ? articles - hit->articles : articles;
    pthread_mutex_unlock(&p->lock);
    return g < 0 ? 0 : g;
}

int64_t td__pool_article_count(td__pool *p, td_engine *e)
{
    double t = td__now();
    pthread_mutex_lock(&p->lock);
    int fresh = p->count_at > 0 && t - p->count_at < TD__COUNT_SECONDS;
    int64_t n = p->count;
    pthread_mutex_unlock(&p->lock);
    if (fresh)
        return n;
    n = td_engine_article_count(e);
    if (n >= 0) {
        pthread_mutex_lock(&p->lock);
        p->count = n;
        p->count_at = t;
        pthread_mutex_unlock(&p->lock);
    }
    return n;
}

char *td__pool_cache_get(td__pool *p, const char *key, int64_t articles,
                         size_t *len)
{
    char *out = NULL;
    double t = td__now();
    pthread_mutex_lock(&p->lock);
    for (size_t i = 0; i < TD__CACHE_ENTRIES; i++) {
        td__cached *c = &p->cache[i];
        if (!c->key || strcmp(c->key, key) != 0)
            continue;
        if (c->articles == articles && t - c->at < TD__CACHE_SECONDS &&
            (out = malloc(c->len + 1)) != NULL) {
            memcpy(out, c->body, c->len + 1);
            *len = c->len;
        }
        break;
    }
    pthread_mutex_unlock(&p->lock);
    return out;
}

void td__pool_cache_put(td__pool *p, const char *key, int64_t articles,
                        const char *body, size_t len)
{
    char *k = strdup(key), *b = malloc(len + 1);
    if (!k || !b) {
        free(k);
        free(b);
        return;
    }
    memcpy(b, body, len);
    b[len] = 0;
    pthread_mutex_lock(&p->lock);
    td__cached *slot = NULL;
    for (size_t i = 0; i < TD__CACHE_ENTRIES && !slot; i++)
        if (p->cache[i].key && strcmp(p->cache[i].key, key) == 0)
            slot = &p->cache[i];
    if (!slot) {
        slot = &p->cache[p->cache_next];
        p->cache_next = (p->cache_next + 1) % TD__CACHE_ENTRIES;
    }
    free(slot->key);
    free(slot->body);
    *slot = (td__cached){k, b, len, articles, td__now()};
    pthread_mutex_unlock(&p->lock);
}
