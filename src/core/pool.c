/* pool.c -- an ordered worker pool: a ring of job slots, filled by the
 * owner at the tail, claimed by workers in order, collected at the head.
 *
 * Claiming in order keeps the oldest job the first to start, so the owner
 * (which collects the head) waits as little as possible; the ring bounds
 * the memory held by jobs in flight however fast the reader is. */
#include "core/pool.h"

#include <pthread.h>
#include <unistd.h>

#include "core/alloc.h"

typedef struct slot {
    td__pool_work_cb fn;
    void *job;
    int done;
} slot;

struct td__pool {
    pthread_mutex_t lock;
    pthread_cond_t work_cv; /* a job was queued, or stop */
    pthread_cond_t done_cv; /* a job finished */
    slot *ring;
    size_t depth;
    /* Monotonic counters; slot of counter c is ring[c % depth].
     * head <= claim <= tail, tail - head <= depth. */
    size_t head, claim, tail;
    int stop;
    int threads;
    pthread_t *tids;
};

static void *worker(void *arg)
{
    td__pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && p->claim == p->tail)
            pthread_cond_wait(&p->work_cv, &p->lock);
        if (p->claim == p->tail) /* stopping and nothing left to run */
            break;
        slot *s = &p->ring[p->claim++ % p->depth];
        pthread_mutex_unlock(&p->lock);
        s->fn(s->job);
        pthread_mutex_lock(&p->lock);
        s->done = 1;
        pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void stop_workers(td__pool *p, int n)
{
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < n; i++)
        pthread_join(p->tids[i], NULL);
}

static void destroy(td__pool *p)
{
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->lock);
    td__free(p->tids);
    td__free(p->ring);
    td__free(p);
}

td__pool *td__pool_new(int threads, size_t depth)
{
    if (threads < 0)
        threads = 0;
    if (depth < 1)
        depth = 1;
    td__pool *p = td__calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->ring = td__calloc(depth, sizeof *p->ring);
    p->tids = threads ? td__calloc((size_t)threads, sizeof *p->tids) : NULL;
    if (!p->ring || (threads && !p->tids)) {
        td__free(p->tids);
        td__free(p->ring);
        td__free(p);
        return NULL;
    }
    p->depth = depth;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&p->tids[i], NULL, worker, p) != 0) {
            stop_workers(p, i);
            destroy(p);
            return NULL;
        }
    }
    p->threads = threads;
    return p;
}

void td__pool_free(td__pool *p)
{
    if (!p)
        return;
    stop_workers(p, p->threads);
    destroy(p);
}

int td__pool_threads(const td__pool *p)
{
    return p->threads;
}

/* head and tail are written only by the owner, the only caller of these
 * two; workers never write them, so reading without the lock is safe. */
int td__pool_full(const td__pool *p)
{
    return p->tail - p->head >= p->depth;
}

size_t td__pool_pending(const td__pool *p)
{
    return p->tail - p->head;
}

td_status td__pool_submit(td__pool *p, td__pool_work_cb fn, void *job)
{
    if (td__pool_full(p))
        return TD_EINVAL;
    if (p->threads == 0) {
        /* No workers: the job runs now, on the owner's thread. */
        slot *s = &p->ring[p->tail % p->depth];
        s->fn = fn, s->job = job, s->done = 0;
        fn(job);
        s->done = 1;
        p->tail++, p->claim++;
        return TD_OK;
    }
    pthread_mutex_lock(&p->lock);
    slot *s = &p->ring[p->tail % p->depth];
    s->fn = fn, s->job = job, s->done = 0;
    p->tail++;
    pthread_cond_signal(&p->work_cv);
    pthread_mutex_unlock(&p->lock);
    return TD_OK;
}

void *td__pool_collect(td__pool *p)
{
    if (p->head == p->tail)
        return NULL;
    slot *s = &p->ring[p->head % p->depth];
    if (p->threads) {
        pthread_mutex_lock(&p->lock);
        while (!s->done)
            pthread_cond_wait(&p->done_cv, &p->lock);
        pthread_mutex_unlock(&p->lock);
    }
    void *job = s->job;
    s->job = NULL;
    p->head++;
    return job;
}

int td__cpu_count(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}
