/* pool.h -- a worker pool whose results come back in submission order.
 *
 * The engine hands each article's analysis to the pool; the store and the
 * clusterer take the results in the order the articles arrived, so what is
 * stored does not depend on the number of threads. One thread (the owner)
 * submits and collects; the workers only run the jobs' callbacks. A job's
 * memory belongs to the owner throughout: the pool only holds pointers. */
#ifndef TD_CORE_POOL_H
#define TD_CORE_POOL_H

#include <stddef.h>

#include "tidings.h"

typedef struct td__pool td__pool;

/* The work of one job, run on a worker thread (or inline with 0 threads).
 * It must touch nothing but the job and thread-safe shared state. */
typedef void (*td__pool_work_cb)(void *job);

/* A pool of threads workers (0: no threads, jobs run inside submit) with
 * room for depth jobs in flight (submitted, not yet collected; at least 1).
 * Returns NULL when memory or threads ran out (nothing is left behind). */
td__pool *td__pool_new(int threads, size_t depth);

/* Finishes the jobs still running, then stops the workers; jobs never
 * collected are dropped (their owner frees them). NULL is ignored. */
void td__pool_free(td__pool *p);

int td__pool_threads(const td__pool *p);

/* Nonzero when depth jobs are in flight: collect one before submitting. */
int td__pool_full(const td__pool *p);
/* Jobs submitted and not yet collected. */
size_t td__pool_pending(const td__pool *p);

/* Queues job for fn. Returns TD_OK, or TD_EINVAL when the pool is full
 * (nothing queued). */
td_status td__pool_submit(td__pool *p, td__pool_work_cb fn, void *job);

/* Waits for the oldest job in flight to finish and returns it (owned by
 * the caller again); NULL when nothing is in flight. */
void *td__pool_collect(td__pool *p);

/* The number of online processors (at least 1), the default for --jobs. */
int td__cpu_count(void);

#endif
