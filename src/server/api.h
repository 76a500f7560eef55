/* api.h -- the JSON endpoints under /api/, independent of the HTTP library
 * so that they read as plain functions from a path and arguments to a
 * status and a JSON body. */
#ifndef TD_SERVER_API_H
#define TD_SERVER_API_H

#include <stddef.h>

#include "server/pool.h"

typedef struct td__arg {
    const char *name, *value; /* borrowed; value may be NULL ("?flag") */
} td__arg;

typedef struct td__reply {
    int status;  /* HTTP status */
    char *body;  /* owned JSON text (free()) */
    size_t len;
    int retry;   /* nonzero: the database was busy; say Retry-After */
} td__reply;

/* What the HTTP side tells of a request beyond its path and arguments. */
typedef struct td__api_req {
    const char *method;          /* "GET", "HEAD", "POST", "DELETE" */
    const char *accept_language; /* the header's value, or NULL */
    int may_write;               /* the server has a token and it was given */
} td__api_req;

/* The best language of an Accept-Language value (RFC 9110 12.5.4): the
 * range of the highest q (the first among equals; q=0 and malformed
 * q-values skipped, "*" and private ranges too), as its 2- or 3-letter
 * primary subtag in lower case ("de-CH;q=0.9" -> "de") into out. 1 when
 * one was found, else 0 (out ""). h may be NULL. */
int td__accept_language(const char *h, char out[8]);

/* Answers the request (POST and DELETE only reach /api/follows; others
 * are refused with 405). As td__api_handle otherwise. */
void td__api_handle_req(td__pool *p, const td__api_req *rq, const char *path,
                        const td__arg *args, size_t nargs, td__reply *out);

/* Answers GET path (already URL-decoded, starting with "/api/") with the
 * query arguments given. Always fills out; on an allocation failure the
 * body is a static-free fallback error (still owned). */
void td__api_handle(td__pool *p, const char *path, const td__arg *args,
                    size_t nargs, td__reply *out);

#endif
