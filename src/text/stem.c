/* stem.c -- Snowball stemmers, one per language and thread.
 *
 * libstemmer's stemmers keep their working buffer inside the stemmer, so one
 * must never be shared between threads; opening one costs an allocation or
 * two, so each thread keeps the ones it used until it exits. */
#include "text/stem.h"

#include <libstemmer.h>
#include <pthread.h>
#include <string.h>

/* ISO 639-1 code -> libstemmer algorithm name. Close relatives share a
 * stemmer where the Snowball one was written for the other: Croatian and
 * Bosnian (Serbian, whose stemmer takes Latin and Cyrillic), Malay
 * (Indonesian). */
static const struct {
    const char *iso, *name;
} stemmer_names[] = {
    {"ar", "arabic"},     {"bs", "serbian"},   {"ca", "catalan"},
    {"da", "danish"},     {"de", "german"},    {"el", "greek"},
    {"en", "english"},    {"es", "spanish"},   {"eu", "basque"},
    {"fi", "finnish"},    {"fr", "french"},    {"ga", "irish"},
    {"hi", "hindi"},      {"hr", "serbian"},   {"hu", "hungarian"},
    {"hy", "armenian"},   {"id", "indonesian"}, {"it", "italian"},
    {"lt", "lithuanian"}, {"ms", "indonesian"}, {"ne", "nepali"},
    {"nl", "dutch"},      {"no", "norwegian"}, {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},   {"sr", "serbian"},
    {"sv", "swedish"},    {"ta", "tamil"},     {"tr", "turkish"},
    {"yi", "yiddish"},
};
#define NSTEMMERS (sizeof stemmer_names / sizeof stemmer_names[0])

typedef struct stem_cache {
    struct sb_stemmer *st[NSTEMMERS];
    unsigned char missing[NSTEMMERS]; /* sb_stemmer_new said no */
    int registered;
} stem_cache;

/* Thread-local so that a live thread's stemmers stay reachable (no leak
 * report); the key's destructor closes them when a thread exits. */
static _Thread_local stem_cache cache;
static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static int cache_key_ok;

static void close_all(stem_cache *c)
{
    for (size_t i = 0; i < NSTEMMERS; i++) {
        sb_stemmer_delete(c->st[i]);
        c->st[i] = NULL;
    }
}

static void cache_destroy(void *p)
{
    close_all(p);
}

static void make_key(void)
{
    cache_key_ok = pthread_key_create(&cache_key, cache_destroy) == 0;
}

static int find(const char *key)
{
    /* Called once per word: remember the last answer of this thread. */
    static _Thread_local char last_key[8];
    static _Thread_local int last = -1;
    if (!key || !*key)
        return -1;
    if (last >= 0 && strcmp(last_key, key) == 0)
        return last;
    for (size_t i = 0; i < NSTEMMERS; i++)
        if (strcmp(stemmer_names[i].iso, key) == 0) {
            if (strlen(key) < sizeof last_key) {
                strcpy(last_key, key);
                last = (int)i;
            }
            return (int)i;
        }
    return -1;
}

int td__stem_available(const char *key)
{
    int i = find(key);
    if (i < 0)
        return 0;
    const char **l = sb_stemmer_list();
    for (; *l; l++)
        if (strcmp(*l, stemmer_names[i].name) == 0)
            return 1;
    return 0;
}

int td__stem(const char *key, const char *word, size_t len, const char **out,
             size_t *outlen)
{
    int i = find(key);
    if (i < 0 || cache.missing[i] || len > 0x7fffffff)
        return 0;
    if (!cache.st[i]) {
        if (!cache.registered) {
            pthread_once(&cache_once, make_key);
            if (cache_key_ok && pthread_setspecific(cache_key, &cache) == 0)
                cache.registered = 1;
        }
        cache.st[i] = sb_stemmer_new(stemmer_names[i].name, "UTF_8");
        if (!cache.st[i]) {
            /* NULL means "unknown algorithm" or out of memory; only the
             * first is permanent, so tell them apart by the list. */
            if (td__stem_available(key))
                return -1;
            cache.missing[i] = 1;
            return 0;
        }
    }
    const sb_symbol *s =
        sb_stemmer_stem(cache.st[i], (const sb_symbol *)word, (int)len);
    if (!s)
        return -1;
    *out = (const char *)s;
    *outlen = (size_t)sb_stemmer_length(cache.st[i]);
    return 1;
}

void td__stem_thread_cleanup(void)
{
    close_all(&cache);
}
