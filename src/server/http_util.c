/* http_util.c -- UTF-8 checks, gzip, log lines and per-address counts for
 * the server (see http_util.h). */
#include "server/http_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <zlib.h>

#include "core/alloc.h"

int td__http_utf8_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned cp, min;
        if ((c & 0xE0) == 0xC0)
            len = 2, cp = c & 0x1F, min = 0x80;
        else if ((c & 0xF0) == 0xE0)
            len = 3, cp = c & 0x0F, min = 0x800;
        else if ((c & 0xF8) == 0xF0)
            len = 4, cp = c & 0x07, min = 0x10000;
        else
            return 0;
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = cp << 6 | (p[i + k] & 0x3F);
        }
        /* Overlong forms hide '/' and '.' from path checks; surrogates
         * and values past U+10FFFF are not characters at all. */
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

int td__http_accepts_gzip(const char *h)
{
    if (!h)
        return 0;
    const char *p = h;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        const char *tok = p;
        while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
            p++;
        size_t tn = (size_t)(p - tok);
        int match = (tn == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
                    (tn == 1 && *tok == '*');
        double q = 1.0;
        /* Parameters up to the next comma; only q matters. */
        while (*p && *p != ',') {
            if (*p == ';') {
                p++;
                while (*p == ' ' || *p == '\t')
                    p++;
                if ((*p == 'q' || *p == 'Q') && p[1] == '=') {
                    char *end;
                    q = strtod(p + 2, &end);
                    p = end;
                    continue;
                }
            }
            if (*p && *p != ',')
                p++;
        }
        if (match && q > 0)
            return 1;
    }
    return 0;
}

int td__http_gzip(const char *in, size_t n, char **out, size_t *outlen)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    /* 15 + 16: a gzip wrapper, not zlib's; level 5 keeps the CPU cost of
     * a large reply well under the cost of building it. */
    if (deflateInit2(&z, 5, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        return -1;
    uLong cap = deflateBound(&z, (uLong)n);
    char *buf = td__malloc(cap);
    if (!buf) {
        deflateEnd(&z);
        return -1;
    }
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    z.next_out = (Bytef *)buf;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    size_t len = (size_t)z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        td__free(buf);
        return -1;
    }
    *out = buf;
    *outlen = len;
    return 0;
}

/* Appends s to buf escaped for a quoted log field. */
static size_t put_escaped(char *buf, size_t at, size_t cap, const char *s)
{
    for (; s && *s && at + 5 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\')
            at += (size_t)snprintf(buf + at, cap - at, "\\x%02x", c);
        else
            buf[at++] = (char)c;
    }
    buf[at] = 0;
    return at;
}

size_t td__http_clf(char *buf, size_t cap, const char *host, double unix_time,
                    const char *method, const char *url, const char *version,
                    unsigned status, uint64_t bytes)
{
    if (cap < 64) {
        if (cap)
            buf[0] = 0;
        return 0;
    }
    time_t t = (time_t)unix_time;
    struct tm tm;
    gmtime_r(&t, &tm);
    char when[40];
    strftime(when, sizeof when, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    int k = snprintf(buf, cap, "%s - - [%s] \"", host ? host : "-", when);
    size_t at = k < 0 ? 0 : (size_t)k >= cap ? cap - 1 : (size_t)k;
    /* The tail (status and size) always fits: keep room for it. */
    size_t room = cap > 48 ? cap - 48 : 0;
    at = put_escaped(buf, at, room, method);
    at = put_escaped(buf, at, room, " ");
    at = put_escaped(buf, at, room, url);
    at = put_escaped(buf, at, room, " ");
    at = put_escaped(buf, at, room, version);
    k = snprintf(buf + at, cap - at, "\" %u %llu", status,
                 (unsigned long long)bytes);
    if (k > 0)
        at += (size_t)k < cap - at ? (size_t)k : cap - at - 1;
    return at;
}

const char *td__http_public_input(const char *name)
{
    if (!name || strncmp(name, "http://", 7) == 0 ||
        strncmp(name, "https://", 8) == 0)
        return name;
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
}

/* ------------------------------------------------ request heads */

enum {
    SCAN_START,  /* before a request line: empty lines are skipped */
    SCAN_METHOD, /* in a request line, before its first space */
    SCAN_LINE1,  /* in the request line, after the space */
    SCAN_LINE,   /* in a header line */
    SCAN_BOL,    /* at the start of a header line */
    SCAN_DONE    /* a one-word line was found: nothing more to follow */
};

int td__head_scan_feed(td__head_scan *sc, const void *p, size_t n,
                       uint64_t answered)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n && sc->state != SCAN_DONE; i++) {
        unsigned c = b[i];
        int eol = c == '\r' || c == '\n';
        /* The LF of a CRLF ends nothing more. */
        if (c == '\n' && sc->cr) {
            sc->cr = 0;
            continue;
        }
        sc->cr = c == '\r';
        switch (sc->state) {
        case SCAN_START:
            if (eol)
                break;
            sc->clean = sc->heads == answered;
            sc->line1 = 0;
            sc->state = SCAN_METHOD;
            /* This byte is the method's first. */
            /* fall through */
        case SCAN_METHOD:
            if (eol) {
                sc->state = SCAN_DONE;
                return sc->clean;
            }
            if (c == ' ')
                sc->state = SCAN_LINE1;
            sc->line1 += sc->line1 < UINT32_MAX;
            break;
        case SCAN_LINE1:
            if (eol)
                sc->state = SCAN_BOL;
            else
                sc->line1 += sc->line1 < UINT32_MAX;
            break;
        case SCAN_LINE:
            if (eol)
                sc->state = SCAN_BOL;
            break;
        case SCAN_BOL:
            if (eol) {
                sc->heads++; /* an empty line: the head is whole */
                sc->state = SCAN_START;
            } else {
                sc->state = SCAN_LINE;
            }
            break;
        }
    }
    return 0;
}

/* ---------------------------------------------- connections per address */

struct td__addr_entry {
    unsigned char key[16];
    size_t len;
    unsigned n;
    td__addr_entry *next;
};

int td__addr_count_init(td__addr_count *t, size_t nbuckets)
{
    t->buckets = td__calloc(nbuckets, sizeof *t->buckets);
    if (!t->buckets)
        return -1;
    t->nbuckets = nbuckets;
    pthread_mutex_init(&t->lock, NULL);
    return 0;
}

void td__addr_count_destroy(td__addr_count *t)
{
    if (!t->buckets)
        return;
    for (size_t i = 0; i < t->nbuckets; i++)
        for (td__addr_entry *e = t->buckets[i], *next; e; e = next) {
            next = e->next;
            td__free(e);
        }
    td__free(t->buckets);
    t->buckets = NULL;
    pthread_mutex_destroy(&t->lock);
}

static size_t bucket_of(const td__addr_count *t, const void *key, size_t len)
{
    /* FNV-1a: addresses are not chosen by an attacker in a way that can
     * hurt here (a long chain costs a few comparisons per connection). */
    uint64_t h = 1469598103934665603ull;
    const unsigned char *p = key;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return (size_t)(h % t->nbuckets);
}

unsigned td__addr_count_add(td__addr_count *t, const void *key, size_t len)
{
    if (len > 16)
        len = 16;
    size_t b = bucket_of(t, key, len);
    pthread_mutex_lock(&t->lock);
    td__addr_entry *e = t->buckets[b];
    while (e && (e->len != len || memcmp(e->key, key, len) != 0))
        e = e->next;
    if (!e) {
        e = td__calloc(1, sizeof *e);
        if (!e) {
            pthread_mutex_unlock(&t->lock);
            return 0;
        }
        memcpy(e->key, key, len);
        e->len = len;
        e->next = t->buckets[b];
        t->buckets[b] = e;
    }
    unsigned n = ++e->n;
    pthread_mutex_unlock(&t->lock);
    return n;
}

void td__addr_count_del(td__addr_count *t, const void *key, size_t len)
{
    if (len > 16)
        len = 16;
    size_t b = bucket_of(t, key, len);
    pthread_mutex_lock(&t->lock);
    td__addr_entry **pp = &t->buckets[b];
    while (*pp && ((*pp)->len != len || memcmp((*pp)->key, key, len) != 0))
        pp = &(*pp)->next;
    td__addr_entry *e = *pp;
    if (e && --e->n == 0) {
        *pp = e->next; /* forgotten once its last connection is gone */
        td__free(e);
    }
    pthread_mutex_unlock(&t->lock);
}
