/* http_util.h -- small pieces of HTTP handling the server needs and that
 * read better apart from it: UTF-8 checks of what a client sent, gzip of
 * a reply body, the Accept-Encoding test, a common-log-format line, and a
 * table counting connections per client address.
 *
 * None of it depends on libmicrohttpd, so each piece can be unit-tested
 * and fuzzed on plain bytes. */
#ifndef TD_SERVER_HTTP_UTIL_H
#define TD_SERVER_HTTP_UTIL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, no
 * code points past U+10FFFF), else 0. */
int td__http_utf8_ok(const char *s, size_t n);

/* 1 when an Accept-Encoding header value accepts gzip (a "gzip" or "*"
 * coding whose q is not 0), else 0. NULL is 0. */
int td__http_accepts_gzip(const char *accept_encoding);

/* gzip-compresses in[0..n) into an owned buffer (*out, free with
 * td__free) of *outlen bytes. Returns 0, or -1 when memory or zlib fails
 * (*out untouched). */
int td__http_gzip(const char *in, size_t n, char **out, size_t *outlen);

/* Writes one common-log-format line (no newline) into buf:
 *   host - - [10/Oct/2000:13:55:36 +0000] "GET /x HTTP/1.1" 200 2326
 * Quotes, backslashes and control bytes of the request line are escaped
 * (\xNN), and so are bytes past 0x7E (as nginx does), so that a client
 * cannot forge log lines or put invalid UTF-8 into them. Returns the length
 * (truncated to cap - 1). */
size_t td__http_clf(char *buf, size_t cap, const char *host, double unix_time,
                    const char *method, const char *url, const char *version,
                    unsigned status, uint64_t bytes);

/* What an article's input name may show to clients: a URL whole, a file
 * path without its folders ("/srv/in/a.jsonl:3" -> "a.jsonl:3"). Returns
 * a pointer into name (borrowed); NULL for NULL. */
const char *td__http_public_input(const char *name);

/* Follows the request heads a client sends on one connection, from the
 * bytes as they are read, the way libmicrohttpd 0.9.75 splits them: empty
 * lines before a request line are skipped, a line ends at CR, LF or CRLF,
 * a head ends at an empty line. It exists for one case MHD drops without
 * a reply: a request line without a space ("GET", "HELLO"), which MHD
 * closes on before any callback of ours runs. */
typedef struct td__head_scan {
    uint64_t heads;      /* whole heads seen */
    unsigned char state; /* see http_util.c */
    unsigned char cr;    /* the last line ended with CR: a LF may follow */
    unsigned char clean; /* the current request line began when every
                            earlier head had been answered */
    uint32_t line1;      /* bytes of the current request line so far
                            (saturating) */
} td__head_scan;

/* Feeds p[0..n) received on the connection; answered is how many of its
 * requests have been answered whole. Returns 1 when a one-word request
 * line ended in these bytes and it began when every earlier head had been
 * answered (so that nothing is being, or is still to be, sent before a
 * reply to it); else 0. After a 1 the scan stops (the connection is to be
 * closed). A one-word line behind an unanswered (pipelined) request
 * returns 0: a reply to it now would overtake the earlier one. */
int td__head_scan_feed(td__head_scan *sc, const void *p, size_t n,
                       uint64_t answered);

/* Connections open per client address, so that one address cannot hold
 * them all. Thread-safe. */
typedef struct td__addr_entry td__addr_entry;
typedef struct td__addr_count {
    pthread_mutex_t lock;
    td__addr_entry **buckets;
    size_t nbuckets;
} td__addr_count;

/* Returns 0, or -1 when memory is short. */
int td__addr_count_init(td__addr_count *t, size_t nbuckets);
void td__addr_count_destroy(td__addr_count *t);
/* Counts one more connection from key[0..len) (len <= 16) and returns how
 * many are open from it now, this one included; 0 when memory is short
 * (the connection is then not counted: do not td__addr_count_del it). */
unsigned td__addr_count_add(td__addr_count *t, const void *key, size_t len);
/* One connection from key closed. */
void td__addr_count_del(td__addr_count *t, const void *key, size_t len);

#endif
