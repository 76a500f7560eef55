/* server.h -- tidings serve: the HTTP JSON API and the web page.
 * Built on libmicrohttpd and the public API only (tidings.h). */
#ifndef TD_SERVER_SERVER_H
#define TD_SERVER_SERVER_H

#include <stddef.h>
#include <stdint.h>

typedef struct td__serve_config {
    const char *db;    /* database path (borrowed) */
    const char *bind;  /* address to bind; NULL: 127.0.0.1 */
    unsigned port;     /* 0: any free port */
    const char *token; /* bearer token for the API, or NULL */
    const char *web;   /* serve the page from this folder instead of the
                          copy built into the binary, or NULL */
    unsigned threads;  /* worker threads; 0: 4 */
    const char *log;   /* access log file (common log format), or NULL */
    unsigned per_address; /* connections one client address may hold
                             (more are answered 503); 0: 256 */
    unsigned max_connections; /* open connections past which requests are
                                 answered 503; 0 (or more than the
                                 descriptor limit allows): that limit */
} td__serve_config;

typedef struct td__server td__server;

/* Starts serving in background threads. Returns 0 and an owned server in
 * *out (stop with td__server_stop()), or -1 with a message in err naming
 * the address or the database and the reason. */
int td__server_start(const td__serve_config *cfg, td__server **out,
                     char *err, size_t errlen);

/* The port actually bound (the free one chosen for port 0). */
unsigned td__server_port(const td__server *s);

/* Stops accepting, waits for requests in flight, frees everything. NULL ok. */
void td__server_stop(td__server *s);

#endif
