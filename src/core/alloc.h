/* alloc.h -- the one allocation wrapper of the library.
 *
 * Every allocation in src/ goes through these so that a test can make the Nth
 * one fail (td_test_fail_alloc) and check that callers return TD_ENOMEM and
 * leak nothing. ICU, SQLite and libxml2 allocate on their own; their failures
 * surface as their own error codes. */
#ifndef TD_CORE_ALLOC_H
#define TD_CORE_ALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/free; return NULL on failure (or injected
 * failure). td__realloc leaves p untouched when it fails. */
void *td__malloc(size_t n);
void *td__calloc(size_t count, size_t size);
void *td__realloc(void *p, size_t n);
void td__free(void *p);

/* Owned copies; NULL on failure. td__strdup(NULL) returns NULL. */
char *td__strdup(const char *s);
char *td__strndup(const char *s, size_t n);

#endif
