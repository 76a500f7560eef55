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

/* Answers GET path (already URL-decoded, starting with "/api/") with the
 * query arguments given. Always fills out; on an allocation failure the
 * body is a static-free fallback error (still owned). */
void td__api_handle(td__pool *p, const char *path, const td__arg *args,
                    size_t nargs, td__reply *out);

#endif
