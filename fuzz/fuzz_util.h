/* fuzz_util.h -- shared by the libFuzzer targets of the whole library:
 * a NUL-terminated copy of the input, and a real store in a temporary
 * folder for the targets that need an engine. */
#ifndef TD_FUZZ_UTIL_H
#define TD_FUZZ_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/alloc.h"
#include "tidings.h"

/* An owned NUL-terminated copy of data (free with td__free), or NULL. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = td__malloc(size + 1);
    if (!s)
        return NULL;
    memcpy(s, data, size);
    s[size] = 0;
    return s;
}

/* A fresh folder under $TMPDIR for this process's store; its path is
 * written to dir (cap bytes). Exits when none can be made: a fuzzer that
 * cannot run must not pass. */
static inline void fuzz_tmpdir(char *dir, size_t cap)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, cap, "%s/tidings-fuzz-XXXXXX", t && *t ? t : "/tmp");
    if (!mkdtemp(dir)) {
        perror("fuzz: mkdtemp");
        exit(1);
    }
}

/* Opens (creating) the store path; exits on failure. */
static inline td_engine *fuzz_engine(const char *path)
{
    td_engine *e = NULL;
    char err[512];
    if (td_engine_open(path, &e, err, sizeof err) != TD_OK) {
        fprintf(stderr, "fuzz: %s\n", err);
        exit(1);
    }
    return e;
}

#endif
