/* testutil.h -- what every cmocka unit test includes. */
#ifndef TD_TESTS_TESTUTIL_H
#define TD_TESTS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* ../shared beside the repo (CI puts it there); TIDINGS_SHARED overrides. */
static inline const char *test_shared_dir(void)
{
    const char *s = getenv("TIDINGS_SHARED");
    return s ? s : "../shared";
}

/* Reads a whole file into an owned, NUL-terminated buffer (free()); NULL
 * when it cannot be read. */
static inline char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    if (p) {
        p[n] = '\0';
        if (len)
            *len = (size_t)n;
    }
    return p;
}

#endif
