/* hmap.c -- open addressing with linear probing; grows at 70% load. */
#include "core/hmap.h"

#include "core/alloc.h"

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

uint64_t td__hash64(const void *data, size_t n, uint64_t seed)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL ^ mix(seed + 1);
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    h = mix(h);
    return h ? h : 1;
}

static int grow(td__hmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *k = td__calloc(cap, sizeof *k);
    uint64_t *v = td__calloc(cap, sizeof *v);
    if (!k || !v) {
        td__free(k);
        td__free(v);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = mix(m->keys[i]) & (cap - 1);
        while (k[j])
            j = (j + 1) & (cap - 1);
        k[j] = m->keys[i];
        v[j] = m->vals[i];
    }
    td__free(m->keys);
    td__free(m->vals);
    m->keys = k;
    m->vals = v;
    m->cap = cap;
    return 0;
}

uint64_t *td__hmap_get(const td__hmap *m, uint64_t key)
{
    if (!m->cap || !key)
        return NULL;
    size_t j = mix(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (m->keys[j] == key)
            return &m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}

uint64_t *td__hmap_put(td__hmap *m, uint64_t key)
{
    if (!key)
        return NULL;
    uint64_t *v = td__hmap_get(m, key);
    if (v)
        return v;
    if ((m->n + 1) * 10 > m->cap * 7 && grow(m) != 0)
        return NULL;
    size_t j = mix(key) & (m->cap - 1);
    while (m->keys[j])
        j = (j + 1) & (m->cap - 1);
    m->keys[j] = key;
    m->vals[j] = 0;
    m->n++;
    return &m->vals[j];
}

void td__hmap_free(td__hmap *m)
{
    td__free(m->keys);
    td__free(m->vals);
    m->keys = m->vals = NULL;
    m->cap = m->n = 0;
}
