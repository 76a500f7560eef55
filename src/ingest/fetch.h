/* fetch.h -- one HTTP(S) GET through libcurl, bounded in every way a
 * hostile or broken server could abuse: time, size, redirects. */
#ifndef TD_INGEST_FETCH_H
#define TD_INGEST_FETCH_H

#include <stddef.h>

#include "tidings.h"

typedef struct td__fetch_opts {
    long timeout_s;            /* whole transfer; 0: 30 s */
    long connect_timeout_s;    /* 0: 10 s */
    size_t max_bytes;          /* body cap; 0: 32 MiB */
    const char *etag;          /* sent as If-None-Match when not NULL */
    const char *last_modified; /* sent as If-Modified-Since when not NULL */
    const volatile int *cancel; /* nonzero aborts the transfer (signals) */
} td__fetch_opts;

/* What a fetch returned. Every pointer owned (td__fetch_result_free). */
typedef struct td__fetch_result {
    long status;          /* HTTP status: 200, 304 ... */
    char *body;           /* NUL-terminated; NULL on 304 */
    size_t len;
    char *etag, *last_modified; /* validators for the next conditional GET */
    char *content_type;   /* e.g. "text/html; charset=utf-8" */
    char *charset;        /* the charset parameter of content_type, or NULL */
    char *final_url;      /* after redirects */
} td__fetch_result;

/* GETs url (http or https only; at most 5 redirects). Returns TD_OK with
 * *r filled for a 2xx or 304 answer; otherwise TD_EIO with the reason in
 * err (errlen bytes: "HTTP 500", "timed out after 30 s", "response larger
 * than 32 MiB", ...) and *r untouched; TD_ENOMEM when memory ran out. */
td_status td__fetch(const char *url, const td__fetch_opts *o,
                    td__fetch_result *r, char *err, size_t errlen);
void td__fetch_result_free(td__fetch_result *r);

/* Whether s names something td__fetch can fetch (http:// or https://). */
int td__is_url(const char *s);

#endif
