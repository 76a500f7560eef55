/* hmap.h -- an open-addressing hash map from 64-bit keys to 64-bit values.
 * For the in-memory indexes of the story stage (feature -> postings,
 * band -> article). Key 0 is reserved. */
#ifndef TD_CORE_HMAP_H
#define TD_CORE_HMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct td__hmap {
    uint64_t *keys; /* owned; 0 = empty slot */
    uint64_t *vals; /* owned */
    size_t cap;     /* power of two */
    size_t n;
} td__hmap;

#define TD__HMAP_INIT {NULL, NULL, 0, 0}

/* The value slot for key, inserted with value 0 when absent. NULL when
 * memory ran out (the map is unchanged) or key is 0. The pointer is valid
 * until the next insertion. */
uint64_t *td__hmap_put(td__hmap *m, uint64_t key);
/* The value slot for key, or NULL when absent. */
uint64_t *td__hmap_get(const td__hmap *m, uint64_t key);
void td__hmap_free(td__hmap *m);

/* 64-bit hash of bytes (FNV-1a then a final mix), never 0. */
uint64_t td__hash64(const void *data, size_t n, uint64_t seed);

#endif
