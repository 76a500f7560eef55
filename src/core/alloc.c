/* alloc.c -- allocation wrapper with fault injection for tests. */
#include "core/alloc.h"

#include <stdlib.h>
#include <string.h>

#include "tidings.h"

/* Countdown to the failing allocation; 0 = off. Process-global on purpose:
 * it is a test hook, documented as not thread-safe. */
static long fail_countdown;
static int fail_sticky;
static int failing;

void td_test_fail_alloc(long n, int sticky)
{
    fail_countdown = n > 0 ? n : 0;
    fail_sticky = sticky;
    failing = 0;
}

static int should_fail(void)
{
    if (failing)
        return fail_sticky;
    if (fail_countdown == 0)
        return 0;
    if (--fail_countdown > 0)
        return 0;
    failing = 1;
    return 1;
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
