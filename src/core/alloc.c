/* alloc.c -- allocation wrapper with fault injection for tests. */
#include "core/alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/* Countdown to the failing allocation; 0 = off. Process-global on purpose:
 * it is a test hook. Worker threads allocate too (ingest --jobs), so the
 * hook's state is behind a lock, and an atomic flag keeps the normal path
 * (no failure armed) to one relaxed load. */
static atomic_int armed;
static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;
static long fail_countdown;
static int fail_sticky;
static int failing;

void td_test_fail_alloc(long n, int sticky)
{
    pthread_mutex_lock(&fail_lock);
    fail_countdown = n > 0 ? n : 0;
    fail_sticky = sticky;
    failing = 0;
    atomic_store_explicit(&armed, n > 0, memory_order_relaxed);
    pthread_mutex_unlock(&fail_lock);
}

static int should_fail(void)
{
    if (!atomic_load_explicit(&armed, memory_order_relaxed))
        return 0;
    int r;
    pthread_mutex_lock(&fail_lock);
    if (failing)
        r = fail_sticky;
    else if (fail_countdown == 0)
        r = 0;
    else if (--fail_countdown > 0)
        r = 0;
    else
        r = failing = 1;
    pthread_mutex_unlock(&fail_lock);
    return r;
}

void *td__malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *td__calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *td__realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void td__free(void *p)
{
    free(p);
}

char *td__strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = td__malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *td__strdup(const char *s)
{
    return s ? td__strndup(s, strlen(s)) : NULL;
}
