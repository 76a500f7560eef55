/* server.c -- the HTTP side of tidings serve: libmicrohttpd set-up, limits,
 * the bearer token, method checks, and the static page.
 *
 * MHD runs a pool of threads, each with its own epoll set, so thousands of
 * keep-alive connections cost a descriptor and a little memory each, not a
 * thread. Each request borrows an engine (one SQLite connection) from the
 * pool for its duration. Only GET and HEAD exist (and POST and DELETE on
 * /api/follows, their arguments in the URL), so no request body is ever
 * read: anything else gets 405 before its body is looked at.
 *
 * Hostile clients are held off by three rules MHD does not have on its
 * own, kept here per connection (conn_state):
 *   - a deadline for the whole request head (HEAD_DEADLINE seconds from the
 *     connection, or the end of the previous reply), which a client sending
 *     a byte at a time cannot push back (MHD's idle timeout restarts with
 *     every byte); a sweeper thread closes what passed it;
 *   - a cap on connections per client address, answered 503 with
 *     Retry-After and JSON rather than a reset;
 *   - an overload mark near the descriptor limit, answered 503 likewise.
 * Every error body is JSON, MHD's own included (see "MHD's own error
 * replies" below); replies are gzipped when the client accepts it; --log
 * writes one common-log-format line per reply. */
/* RTLD_NEXT (dlfcn.h), to reach libmicrohttpd's MHD_queue_response. */
#define _GNU_SOURCE
/* recv() is defined below (the request heads MHD reads, see "What MHD
 * reads"); a fortified libc would declare it inline. */
#undef _FORTIFY_SOURCE
#include "server/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "server/api.h"
#include "server/feeds.h"
#include "server/assets.h"
#include "server/http_util.h"
#include "server/pool.h"

#define MAX_ARGS 32
#define MAX_STATIC_FILE (8u << 20)
#define DEFAULT_PER_ADDRESS 256u
#define HEAD_DEADLINE 10.0     /* seconds to send a whole request head */
#define IDLE_TIMEOUT_SECONDS 30u /* MHD's own: a reply the client stalls */
#define SWEEP_EVERY_MS 250
#define MAX_URL_BYTES 8192u    /* longer: 414 */
#define MAX_HEADER_BYTES 16384u /* all header lines: more is 431 */
/* MHD's memory per connection, for the head it reads and the reply head
 * it writes. It sits above our limits so that our 414/431 answer first; a
 * head past it gets MHD's own (made JSON, see "MHD's own error replies").
 * Small on purpose: MHD 0.9.75 zeroes all of it for every request on a
 * kept connection (MHD_pool_reset), which at 128 KiB was a quarter of the
 * server's CPU at 5,000 clients (perf), and it is resident per connection. */
#define REQUEST_MEMORY (32u << 10)
#define GZIP_MIN_BYTES 1024u
#define FD_RESERVE 128u /* descriptors kept for SQLite, the log, the sweeper */

/* What the server knows of one connection; MHD keeps a pointer to it as
 * the connection's socket context. Guarded by td__server.conns_lock. */
typedef struct conn_state {
    struct conn_state *prev, *next;
    struct td__server *s;
    int fd;
    unsigned char addr[16];
    size_t addrlen; /* 0: not counted per address */
    char host[INET6_ADDRSTRLEN];
    double head_since; /* when the current request head began to be due */
    int served;        /* a reply was completed on this connection */
    int in_request;    /* the head is complete; the deadline is off */
    int closing;       /* the sweeper shut it down */
    int over_cap;      /* opened past the per-address cap */
    int line_parsed;   /* MHD parsed this request's first line */
    int answered;      /* a reply was written to the socket by us, not by
                          MHD: the connection is closing, say nothing more */
    /* Only on the connection's own MHD thread: */
    td__head_scan scan; /* the request heads read so far */
    uint64_t replies;   /* requests answered whole */
    /* The current request, for the access log; borrowed from MHD. */
    const char *method, *url, *version;
} conn_state;

struct td__server {
    struct MHD_Daemon *d;
    td__pool pool;
    char *token;   /* owned, or NULL */
    char *web_dir; /* realpath of --web, or NULL: the built-in copy */
    unsigned port;

    unsigned per_address; /* connections one address may hold */
    unsigned max_conns;   /* MHD's hard limit (from the descriptor limit) */
    unsigned overload;    /* past this many open connections: 503 */
    td__addr_count addrs;
    int addrs_ready;

    pthread_mutex_t conns_lock;
    conn_state *conns; /* every open connection */
    unsigned nconns;

    pthread_t sweeper;
    pthread_cond_t sweep_wake;
    int sweeper_running, stopping; /* guarded by conns_lock */

    FILE *log; /* --log, or NULL */
    pthread_mutex_t log_lock;
};

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static conn_state *state_of(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static void log_reply(conn_state *cs, unsigned status, size_t len)
{
    td__server *s = cs ? cs->s : NULL;
    if (!s || !s->log)
        return;
    char line[2048];
    /* "-" for what MHD had not parsed when it refused the request */
    size_t n = td__http_clf(line, sizeof line - 1, cs->host, wall_now(),
                            cs->method ? cs->method : "-",
                            cs->url ? cs->url : "-",
                            cs->version ? cs->version : "-", status, len);
    line[n++] = '\n';
    pthread_mutex_lock(&s->log_lock);
    fwrite(line, 1, n, s->log);
    fflush(s->log); /* a log someone tails, and nothing lost on a kill */
    pthread_mutex_unlock(&s->log_lock);
}

/* Writes a whole reply {"error":"<reason>"} with Connection: close
 * straight to the socket, for the cases where MHD has no reply of its own
 * to send (or only an HTML one). Being a few hundred bytes it fits the
 * send buffer unless the client stopped reading; then what does not fit
 * goes with the connection. Returns the body's length, or -1. */
static int raw_reply(int fd, unsigned status, const char *reason)
{
    char body[256], msg[640];
    int nb = snprintf(body, sizeof body, "{\"error\":\"%s\"}", reason);
    const char *phrase = MHD_get_reason_phrase_for(status);
    int n = snprintf(msg, sizeof msg,
                     "HTTP/1.1 %u %s\r\n"
                     "Content-Type: application/json; charset=utf-8\r\n"
                     "X-Content-Type-Options: nosniff\r\n"
                     "Cache-Control: no-store\r\n"
                     "Content-Length: %d\r\nConnection: close\r\n\r\n%s",
                     status, phrase && *phrase ? phrase : "Error", nb, body);
    if (nb < 0 || (size_t)nb >= sizeof body || n < 0 ||
        (size_t)n >= sizeof msg)
        return -1;
    (void)send(fd, msg, (size_t)n, MSG_DONTWAIT | MSG_NOSIGNAL);
    return nb;
}

static int compressible(const char *type)
{
    return strncmp(type, "application/json", 16) == 0 ||
           strncmp(type, "text/", 5) == 0 ||
           strncmp(type, "image/svg", 9) == 0;
}

/* ---------------------------------------------------------- responses */

/* libmicrohttpd's MHD_queue_response, found at start-up (MHD's own error
 * replies below). Every reply of ours goes through it directly. */
typedef enum MHD_Result (*queue_fn)(struct MHD_Connection *, unsigned int,
                                    struct MHD_Response *);
static queue_fn real_queue_response;

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
                            const char *type, void *body, size_t len,
                            enum MHD_ResponseMemoryMode mode,
                            const char *cache)
{
    int gz = 0;
    if (len >= GZIP_MIN_BYTES && compressible(type) &&
        td__http_accepts_gzip(MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING))) {
        char *z;
        size_t zn;
        if (td__http_gzip(body, len, &z, &zn) == 0) {
            if (zn < len) {
                if (mode == MHD_RESPMEM_MUST_FREE)
                    td__free(body);
                body = z, len = zn, mode = MHD_RESPMEM_MUST_FREE, gz = 1;
            } else {
                td__free(z);
            }
        }
    }
    struct MHD_Response *r =
        mode == MHD_RESPMEM_MUST_FREE
            ? MHD_create_response_from_buffer_with_free_callback(
                  len, body, td__free)
            : MHD_create_response_from_buffer(len, body, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            td__free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    if (gz)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
    if (compressible(type))
        MHD_add_response_header(r, MHD_HTTP_HEADER_VARY,
                                MHD_HTTP_HEADER_ACCEPT_ENCODING);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    if (strncmp(type, "text/html", 9) == 0)
        /* Everything the page needs comes from here: no CDN, no inline
         * script, which also keeps injected markup inert. */
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; "
                                "style-src 'self'; script-src 'self'; "
                                "connect-src 'self'; frame-ancestors 'none'");
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    if (status == MHD_HTTP_UNAUTHORIZED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
                                "Bearer realm=\"tidings\"");
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    /* After a refusal for load or limits the connection is not kept: the
     * client is to come back later, not hold a descriptor meanwhile. */
    if (status == MHD_HTTP_SERVICE_UNAVAILABLE ||
        status == MHD_HTTP_URI_TOO_LONG ||
        status == MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE ||
        status == MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    log_reply(state_of(c), status, len);
    enum MHD_Result ret = real_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status,
                                  const char *msg)
{
    char buf[400];
    /* msg is one of ours, plain ASCII without quotes or backslashes */
    int n = snprintf(buf, sizeof buf, "{\"error\":\"%s\"}", msg);
    char *body = td__strdup(buf);
    if (!body)
        return MHD_NO;
    return reply(c, status, "application/json; charset=utf-8", body,
                (size_t)n, MHD_RESPMEM_MUST_FREE, "no-store");
}

/* ------------------------------------------------ MHD's own error replies */

/* libmicrohttpd 0.9.75 answers some requests itself, before our handler is
 * called, with a fixed HTML body it offers no option to change: a request
 * line it cannot parse (no version, "HTTX/1.1"), HTTP/2 and later (505), a
 * header line without a colon, a bad Content-Length (400), and a head too
 * large for its per-connection memory (414, 431). It queues those replies
 * through its exported MHD_queue_response, called through its PLT, so a
 * definition in the executable takes its place (ELF symbol interposition,
 * as for malloc); ours go to the library's own copy (real_queue_response)
 * directly. So whatever reaches this function is one of MHD's error
 * replies: it is answered with the same status and a JSON body saying
 * why. MHD closes the connection after it, as it would have. */
static const char *mhd_error_reason(unsigned status, const conn_state *cs)
{
    switch (status) {
    case MHD_HTTP_BAD_REQUEST:
        return cs && cs->line_parsed
                   ? "malformed request head: a header line is not "
                     "'Name: value', or Content-Length is not a number"
                   : "malformed request line: expected "
                     "'METHOD /path HTTP/1.1'";
    case MHD_HTTP_URI_TOO_LONG:
        return "the URL is too long";
    case MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE:
        return "the request head is too large";
    case MHD_HTTP_CONTENT_TOO_LARGE:
        return "requests carry no body here";
    case MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED:
        return "only HTTP/1.0 and HTTP/1.1 are spoken here";
    default:
        return status >= 500 ? "the server could not answer"
                             : "the request was refused";
    }
}

/* Writes MHD's error as a whole JSON reply straight to the socket
 * (raw_reply) and declines MHD's own: MHD then closes the connection
 * ("failed to queue response"). Not queued through MHD, because 0.9.75
 * sends the head twice when it refuses a bad Content-Length. MHD reads no
 * request before the last reply is sent whole, so this one follows it. */
__attribute__((visibility("default"))) enum MHD_Result
MHD_queue_response(struct MHD_Connection *c, unsigned int status,
                   struct MHD_Response *theirs)
{
    (void)theirs;
    conn_state *cs = state_of(c);
    const union MHD_ConnectionInfo *fi =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    if (!fi)
        return MHD_NO;
    if (cs) {
        pthread_mutex_lock(&cs->s->conns_lock);
        int already = cs->answered;
        cs->answered = 1;
        pthread_mutex_unlock(&cs->s->conns_lock);
        if (already) /* our 400 to a one-word line went first */
            return MHD_NO;
    }
    /* A request line that fit MHD's memory but left too little for the
     * rest is 431 to MHD; past our URL limit it is the URL that is too
     * long (the request line, as read: head scan). */
    if (status == MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE && cs &&
        cs->scan.line1 > MAX_URL_BYTES)
        status = MHD_HTTP_URI_TOO_LONG;
    int nb = raw_reply(fi->connect_fd, status, mhd_error_reason(status, cs));
    if (nb >= 0)
        log_reply(cs, status, (size_t)nb);
    return MHD_NO;
}

/* ------------------------------------------------------ what MHD reads */

/* A request line of one word ("GET", "HELLO") is the one malformed head
 * libmicrohttpd 0.9.75 answers with nothing at all: its request-line
 * parser finds no space and closes the connection (shutdown, then close)
 * before any callback runs: no URI log callback (that comes after the
 * split at the space), no handler, no MHD_queue_response to replace, and
 * nothing from MHD_OPTION_NOTIFY_CONNECTION but the final "closed", by
 * when the socket is shut for writing. So the only place to see it is
 * where MHD reads: MHD calls libc's recv() through its PLT, and this
 * definition takes its place (as MHD_queue_response above). It reads
 * with recvfrom(), which is what recv() is, and passes the bytes on
 * untouched; on a socket of one of our connections it also feeds them to
 * the connection's head scan (http_util.h), and when that finds a one-word
 * line that nothing is being answered before, writes the 400 itself. MHD
 * then fails to parse the line and closes as before, after our reply.
 *
 * Connections are found by descriptor in fd_conns, set when MHD tells of
 * a new connection and cleared when it tells of its end (both on the
 * connection's thread, before MHD closes the descriptor). Every other
 * recv() of the process (libpq, libcurl) costs one bounds check and one
 * load. A one-word line pipelined behind a request still unanswered is
 * left to MHD (closed without a reply): a reply now would overtake the
 * one before it. */
#define FD_TABLE_MAX (65536 + 1024)
static _Atomic(conn_state *) *fd_conns;
static atomic_int fd_conns_cap;
static pthread_mutex_t fd_conns_lock = PTHREAD_MUTEX_INITIALIZER;

static int fd_table_ready(void)
{
    pthread_mutex_lock(&fd_conns_lock);
    if (!fd_conns) {
        /* Kept for the process's life: a recv() may read it at any time. */
        fd_conns = calloc(FD_TABLE_MAX, sizeof *fd_conns);
        if (fd_conns)
            atomic_store(&fd_conns_cap, FD_TABLE_MAX);
    }
    int ok = fd_conns != NULL;
    pthread_mutex_unlock(&fd_conns_lock);
    return ok;
}

static void fd_table_set(int fd, conn_state *cs)
{
    if (fd >= 0 && fd < atomic_load(&fd_conns_cap))
        atomic_store(&fd_conns[fd], cs);
}

static void watch_head(int fd, const void *buf, size_t n)
{
    /* fd_conns is read only once its size is seen (stored after it). */
    if (fd < 0 || fd >= atomic_load_explicit(&fd_conns_cap,
                                              memory_order_acquire))
        return;
    conn_state *cs = atomic_load_explicit(&fd_conns[fd],
                                          memory_order_relaxed);
    if (!cs || !td__head_scan_feed(&cs->scan, buf, n, cs->replies))
        return;
    td__server *s = cs->s;
    pthread_mutex_lock(&s->conns_lock);
    int go = !cs->answered && !cs->closing && !s->stopping;
    cs->answered = 1;
    pthread_mutex_unlock(&s->conns_lock);
    if (!go)
        return;
    int nb = raw_reply(fd, MHD_HTTP_BAD_REQUEST,
                       "malformed request line: expected "
                       "'METHOD /path HTTP/1.1'");
    if (nb >= 0)
        log_reply(cs, MHD_HTTP_BAD_REQUEST, (size_t)nb);
}

__attribute__((visibility("default"))) ssize_t recv(int fd, void *buf,
                                                     size_t n, int flags)
{
    ssize_t k = recvfrom(fd, buf, n, flags, NULL, NULL);
    if (k > 0 && !(flags & MSG_PEEK)) {
        int saved = errno;
        watch_head(fd, buf, (size_t)k);
        errno = saved;
    }
    return k;
}

/* Called by MHD once a request line is parsed, before its headers: tells
 * a malformed header line from a malformed request line. The NULL it
 * returns keeps the handler's first call at *con_cls == NULL. */
static void *on_request_line(void *cls, const char *uri,
                             struct MHD_Connection *c)
{
    td__server *s = cls;
    conn_state *cs = state_of(c);
    if (cs) {
        pthread_mutex_lock(&s->conns_lock);
        cs->line_parsed = 1;
        cs->url = uri; /* for the log of MHD's own replies; raw */
        pthread_mutex_unlock(&s->conns_lock);
    }
    return NULL;
}

/* --------------------------------------------------------------- api */

typedef struct args {
    td__arg v[MAX_ARGS];
    size_t n;
    int too_many;
} args;

static enum MHD_Result collect_arg(void *ud, enum MHD_ValueKind kind,
                                   const char *key, const char *value)
{
    (void)kind;
    args *a = ud;
    if (a->n == MAX_ARGS) {
        a->too_many = 1;
        return MHD_NO;
    }
    a->v[a->n].name = key;
    a->v[a->n++].value = value;
    return MHD_YES;
}

/* Constant time, so the token cannot be guessed a byte at a time. */
static int same_secret(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char diff = (unsigned char)(na != nb);
    for (size_t i = 0; i < na; i++)
        diff |= (unsigned char)(a[i] ^ (i < nb ? b[i] : 0));
    return diff == 0;
}

static int authorised(td__server *s, struct MHD_Connection *c)
{
    if (!s->token)
        return 1;
    const char *h = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_AUTHORIZATION);
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return 0;
    h += 7;
    while (*h == ' ')
        h++;
    return same_secret(h, s->token);
}

static enum MHD_Result serve_api(td__server *s, struct MHD_Connection *c,
                                 const char *url, const char *method)
{
    if (!authorised(s, c))
        return send_error(c, MHD_HTTP_UNAUTHORIZED,
                          "a bearer token is required "
                          "(Authorization: Bearer TOKEN)");
    args a = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
    if (a.too_many)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "too many parameters");
    td__reply rep;
    /* Writes (the follows) only where a token guards the API: then every
     * request here carried it. */
    td__api_req rq = {method,
                      MHD_lookup_connection_value(
                          c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
                      s->token != NULL};
    td__api_handle_req(&s->pool, &rq, url, a.v, a.n, &rep);
    if (!rep.body)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return reply(c, (unsigned)rep.status, "application/json; charset=utf-8",
                rep.body, rep.len, MHD_RESPMEM_MUST_FREE, "no-store");
}

/* Atom feeds (feeds.c): the API's access rule, an Atom body on success. */
static enum MHD_Result serve_feed(td__server *s, struct MHD_Connection *c,
                                  const char *url)
{
    if (!authorised(s, c))
        return send_error(c, MHD_HTTP_UNAUTHORIZED,
                          "a bearer token is required "
                          "(Authorization: Bearer TOKEN)");
    args a = {.n = 0};
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
    if (a.too_many)
        return send_error(c, MHD_HTTP_BAD_REQUEST, "too many parameters");
    td__reply rep;
    td__feeds_handle(&s->pool, url, a.v, a.n, &rep);
    if (!rep.body)
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return reply(c, (unsigned)rep.status,
                 rep.status == 200 ? "application/atom+xml; charset=utf-8"
                                   : "application/json; charset=utf-8",
                 rep.body, rep.len, MHD_RESPMEM_MUST_FREE, "no-store");
}

/* ------------------------------------------------------------ static */

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {{".html", "text/html; charset=utf-8"},
                 {".js", "text/javascript; charset=utf-8"},
                 {".css", "text/css; charset=utf-8"},
                 {".svg", "image/svg+xml"},
                 {".png", "image/png"},
                 {".ico", "image/x-icon"},
                 {".json", "application/json; charset=utf-8"},
                 {".txt", "text/plain; charset=utf-8"}};
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* A static path is plain: "/" then letters, digits, '-', '_', '.', '/'
 * with no ".." segment, no "//", no '%' (MHD has decoded the URL once, so
 * a '%' left means double encoding), no backslash. */
static int plain_path(const char *p)
{
    if (p[0] != '/')
        return 0;
    for (const char *q = p; *q; q++) {
        unsigned char ch = (unsigned char)*q;
        if (!(isalnum(ch) || ch == '-' || ch == '_' || ch == '.' ||
              ch == '/'))
            return 0;
        if (ch == '/' && (q[1] == '/' || (q[1] == '.' && q[2] == '.' &&
                                          (q[3] == '/' || q[3] == 0))))
            return 0;
        if (ch == '/' && q[1] == '.') /* no hidden files either */
            return 0;
    }
    return 1;
}

static enum MHD_Result serve_disk(td__server *s, struct MHD_Connection *c,
                                  const char *path)
{
    char full[PATH_MAX], real[PATH_MAX];
    if (snprintf(full, sizeof full, "%s%s", s->web_dir, path) >=
            (int)sizeof full ||
        !realpath(full, real))
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    size_t n = strlen(s->web_dir);
    /* A symbolic link may still point out of the folder: check where the
     * file really is. */
    if (strncmp(real, s->web_dir, n) != 0 || real[n] != '/')
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    int fd = open(real, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size > MAX_STATIC_FILE) {
        if (fd >= 0)
            close(fd);
        return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
    }
    size_t len = (size_t)st.st_size;
    char *body = td__malloc(len ? len : 1);
    size_t got = 0;
    while (body && got < len) {
        ssize_t k = read(fd, body + got, len - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (!body || got != len) {
        td__free(body);
        return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                          "cannot read the file");
    }
    return reply(c, MHD_HTTP_OK, content_type(real), body, len,
                MHD_RESPMEM_MUST_FREE, "no-cache");
}

static enum MHD_Result serve_static(td__server *s, struct MHD_Connection *c,
                                    const char *url)
{
    if (!plain_path(url))
        return send_error(c, MHD_HTTP_BAD_REQUEST,
                          "bad path (only plain names under /)");
    const char *path = strcmp(url, "/") == 0 ? "/index.html" : url;
    if (s->web_dir)
        return serve_disk(s, c, path);
    for (size_t i = 0; i < td__web_asset_count; i++)
        if (strcmp(td__web_assets[i].path, path) == 0)
            return reply(c, MHD_HTTP_OK, content_type(path),
                        (void *)(uintptr_t)td__web_assets[i].data,
                        td__web_assets[i].len, MHD_RESPMEM_PERSISTENT,
                        "no-cache");
    return send_error(c, MHD_HTTP_NOT_FOUND, "no such file");
}

/* MHD decodes %XX before the handler sees the URL, so an encoded NUL
 * would cut "/app.js%00.html" short unseen: turn such a URL (or argument)
 * into a lone control byte that every check refuses. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    if (strstr(s, "%00")) {
        s[0] = '\x01';
        s[1] = 0;
        return 1;
    }
    return MHD_http_unescape(s);
}

/* ----------------------------------------------------------- request */

static enum MHD_Result arg_bytes(void *ud, enum MHD_ValueKind kind,
                                 const char *key, const char *value)
{
    (void)kind;
    size_t *n = ud; /* "?key=value" or "&key=value" */
    *n += strlen(key) + (value ? strlen(value) + 1 : 0) + 1;
    return MHD_YES;
}

/* The checks every request passes before it is routed; returns a status
 * and sets *msg when the request is refused, else 0. */
static unsigned refuse(td__server *s, conn_state *cs, struct MHD_Connection *c,
                       const char *url, const char *version,
                       const char **msg)
{
    if (cs && cs->over_cap) {
        *msg = "too many connections from your address; retry later";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    unsigned open_now;
    pthread_mutex_lock(&s->conns_lock);
    open_now = s->nconns;
    pthread_mutex_unlock(&s->conns_lock);
    if (open_now > s->overload) {
        *msg = "the server is overloaded; retry later";
        return MHD_HTTP_SERVICE_UNAVAILABLE;
    }
    if (strcmp(version, MHD_HTTP_VERSION_1_1) != 0 &&
        strcmp(version, MHD_HTTP_VERSION_1_0) != 0) {
        *msg = "only HTTP/1.0 and HTTP/1.1 are spoken here";
        return MHD_HTTP_HTTP_VERSION_NOT_SUPPORTED;
    }
    /* The URL with its query (MHD gives the path and the arguments). */
    size_t line = strlen(url);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, arg_bytes, &line);
    if (line > MAX_URL_BYTES) {
        *msg = "the URL is too long";
        return MHD_HTTP_URI_TOO_LONG;
    }
    const union MHD_ConnectionInfo *hi =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    if (hi && hi->header_size > line &&
        hi->header_size - line > MAX_HEADER_BYTES) {
        *msg = "the request head is too large";
        return MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    /* RFC 9112 3.2: a 1.1 request without Host is answered 400. */
    if (strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
        !MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST)) {
        *msg = "an HTTP/1.1 request needs a Host header";
        return MHD_HTTP_BAD_REQUEST;
    }
    if (!td__http_utf8_ok(url, strlen(url))) {
        *msg = "the path is not valid UTF-8";
        return MHD_HTTP_BAD_REQUEST;
    }
    return 0;
}

static enum MHD_Result utf8_arg(void *ud, enum MHD_ValueKind kind,
                                const char *key, const char *value)
{
    (void)kind;
    if (!td__http_utf8_ok(key, strlen(key)) ||
        (value && !td__http_utf8_ok(value, strlen(value)))) {
        *(int *)ud = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)upload_data;
    static int seen; /* marks a request whose headers were looked at */
    td__server *s = cls;
    conn_state *cs = state_of(c);
    if (cs && !*con_cls) {
        /* The head is complete: the deadline no longer applies. */
        pthread_mutex_lock(&s->conns_lock);
        cs->in_request = 1;
        cs->method = method;
        cs->url = url;
        cs->version = version;
        pthread_mutex_unlock(&s->conns_lock);
    }
    if (!*con_cls) {
        const char *why = NULL;
        unsigned st = refuse(s, cs, c, url, version, &why);
        if (st)
            return send_error(c, st, why);
        int bad = 0;
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, utf8_arg, &bad);
        if (bad)
            return send_error(c, MHD_HTTP_BAD_REQUEST,
                              "a parameter is not valid UTF-8");
    }
    /* Other methods are refused from the headers alone, before any body is
     * read (MHD then closes the connection). */
    /* POST and DELETE exist for the follows alone (api.c; no body: the
     * arguments are in the URL). */
    int edits = strncmp(url, "/api/follows", 12) == 0 &&
                (url[12] == '\0' || url[12] == '/') &&
                (strcmp(method, MHD_HTTP_METHOD_POST) == 0 ||
                 strcmp(method, MHD_HTTP_METHOD_DELETE) == 0);
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
        strcmp(method, MHD_HTTP_METHOD_HEAD) != 0 && !edits)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                          "only GET and HEAD are allowed");
    /* A GET is answered at the second call, once MHD knows there is no
     * body: answering earlier would make it close a keep-alive
     * connection. A GET that does carry a body is refused, not read. */
    if (!*con_cls) {
        /* "Content-Length: 0" says there is no body (a POST sends it) */
        const char *cl = MHD_lookup_connection_value(
            c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if ((cl && strcmp(cl, "0") != 0) ||
            MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                        MHD_HTTP_HEADER_TRANSFER_ENCODING))
            return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
                              "requests carry no body here");
        *con_cls = &seen;
        return MHD_YES;
    }
    if (*upload_data_size != 0) {
        *upload_data_size = 0;
        return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
                          "requests carry no body here");
    }
    if (strcmp(url, "/api") == 0 || strncmp(url, "/api/", 5) == 0) {
        if (strcmp(url, "/api") == 0)
            return send_error(c, MHD_HTTP_NOT_FOUND, "no such endpoint");
        return serve_api(s, c, url, method);
    }
    if (strncmp(url, "/feeds/", 7) == 0)
        return serve_feed(s, c, url);
    return serve_static(s, c, url);
}

/* A reply is done: the next request head on this connection is due within
 * HEAD_DEADLINE from now. */
static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con_cls;
    (void)toe;
    td__server *s = cls;
    conn_state *cs = state_of(c);
    if (!cs)
        return;
    pthread_mutex_lock(&s->conns_lock);
    cs->in_request = 0;
    cs->line_parsed = 0;
    cs->served = 1;
    cs->replies++;
    cs->method = cs->url = cs->version = NULL;
    cs->head_since = td__now();
    pthread_mutex_unlock(&s->conns_lock);
}

static void on_connection(void *cls, struct MHD_Connection *c,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    td__server *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        conn_state *cs = *socket_context;
        if (!cs)
            return;
        fd_table_set(cs->fd, NULL);
        pthread_mutex_lock(&s->conns_lock);
        if (cs->prev)
            cs->prev->next = cs->next;
        else
            s->conns = cs->next;
        if (cs->next)
            cs->next->prev = cs->prev;
        s->nconns--;
        pthread_mutex_unlock(&s->conns_lock);
        if (cs->addrlen)
            td__addr_count_del(&s->addrs, cs->addr, cs->addrlen);
        td__free(cs);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *fi =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *ai =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    conn_state *cs = td__calloc(1, sizeof *cs);
    if (!cs || !fi) {
        /* Without its state the connection could dodge every limit: it
         * is refused (closed) instead. */
        td__free(cs);
        if (fi)
            shutdown(fi->connect_fd, SHUT_RDWR);
        *socket_context = NULL;
        return;
    }
    cs->s = s;
    cs->fd = fi->connect_fd;
    cs->head_since = td__now();
    strcpy(cs->host, "-");
    if (ai && ai->client_addr) {
        const struct sockaddr *sa = ai->client_addr;
        if (sa->sa_family == AF_INET) {
            const struct sockaddr_in *a4 = (const struct sockaddr_in *)sa;
            memcpy(cs->addr, &a4->sin_addr, 4);
            cs->addrlen = 4;
            inet_ntop(AF_INET, &a4->sin_addr, cs->host, sizeof cs->host);
        } else if (sa->sa_family == AF_INET6) {
            const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)sa;
            memcpy(cs->addr, &a6->sin6_addr, 16);
            cs->addrlen = 16;
            inet_ntop(AF_INET6, &a6->sin6_addr, cs->host, sizeof cs->host);
        }
    }
    if (cs->addrlen) {
        unsigned n = td__addr_count_add(&s->addrs, cs->addr, cs->addrlen);
        if (n == 0)
            cs->addrlen = 0; /* not counted, so not to be uncounted */
        cs->over_cap = n == 0 || n > s->per_address;
    }
    pthread_mutex_lock(&s->conns_lock);
    cs->next = s->conns;
    if (s->conns)
        s->conns->prev = cs;
    s->conns = cs;
    s->nconns++;
    pthread_mutex_unlock(&s->conns_lock);
    fd_table_set(cs->fd, cs);
    *socket_context = cs;
}

/* A connection that never completed a request head in time is told so
 * (408, JSON) and closed; one idle after a reply is closed quietly, as a
 * keep-alive timeout. shutdown() makes MHD's next read see the end, so
 * MHD itself closes and frees it on its own thread. */
static void expire(conn_state *cs)
{
    if (!cs->served && !cs->answered)
        (void)raw_reply(cs->fd, MHD_HTTP_REQUEST_TIMEOUT,
                        "the request head took too long");
    shutdown(cs->fd, SHUT_RDWR);
    cs->closing = 1;
}

static void *sweeper_main(void *ud)
{
    td__server *s = ud;
    pthread_mutex_lock(&s->conns_lock);
    while (!s->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += SWEEP_EVERY_MS * 1000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&s->sweep_wake, &s->conns_lock, &until);
        double now = td__now();
        /* The list is walked under the lock that MHD's close notification
         * also takes, so no descriptor is shut after MHD closed it. */
        for (conn_state *cs = s->conns; cs && !s->stopping; cs = cs->next)
            if (!cs->in_request && !cs->closing &&
                now - cs->head_since > HEAD_DEADLINE)
                expire(cs);
    }
    pthread_mutex_unlock(&s->conns_lock);
    return NULL;
}

/* -------------------------------------------------------- life cycle */

/* Raises the soft descriptor limit to the hard one and returns how many
 * connections fit in it. */
static unsigned connection_budget(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 1024 - FD_RESERVE;
    if (rl.rlim_cur < rl.rlim_max) {
        struct rlimit want = rl;
        want.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &want) == 0)
            rl = want;
    }
    rlim_t n = rl.rlim_cur;
    if (n == RLIM_INFINITY || n > 65536)
        n = 65536;
    if (n <= 2 * FD_RESERVE)
        return (unsigned)(n / 2);
    return (unsigned)(n - FD_RESERVE);
}

int td__server_start(const td__serve_config *cfg, td__server **out,
                     char *err, size_t errlen)
{
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    struct sockaddr *sa;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD;
    if (inet_pton(AF_INET, bind, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&v4;
    } else if (inet_pton(AF_INET6, bind, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&v6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(err, errlen, "--bind wants a numeric IPv4 or IPv6 address, "
                              "got '%s'", bind);
        return -1;
    }
    td__server *s = td__calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    pthread_mutex_init(&s->conns_lock, NULL);
    pthread_mutex_init(&s->log_lock, NULL);
    pthread_cond_init(&s->sweep_wake, NULL);
    s->per_address = cfg->per_address ? cfg->per_address : DEFAULT_PER_ADDRESS;
    s->max_conns = connection_budget();
    s->overload = s->max_conns - s->max_conns / 16;
    if (cfg->max_connections && cfg->max_connections < s->overload)
        s->overload = cfg->max_connections;
    if (td__addr_count_init(&s->addrs, 4096) != 0) {
        snprintf(err, errlen, "out of memory");
        td__server_stop(s);
        return -1;
    }
    s->addrs_ready = 1;
    if (cfg->token && *cfg->token && !(s->token = td__strdup(cfg->token))) {
        snprintf(err, errlen, "out of memory");
        td__server_stop(s);
        return -1;
    }
    if (cfg->web) {
        char real[PATH_MAX];
        struct stat st;
        if (!realpath(cfg->web, real) || stat(real, &st) != 0 ||
            !S_ISDIR(st.st_mode) || !(s->web_dir = td__strdup(real))) {
            snprintf(err, errlen, "%s: not a folder of web assets (%s)",
                     cfg->web, strerror(errno));
            td__server_stop(s);
            return -1;
        }
    }
    if (cfg->log) {
        s->log = fopen(cfg->log, "ae");
        if (!s->log) {
            snprintf(err, errlen, "--log %s: %s", cfg->log, strerror(errno));
            td__server_stop(s);
            return -1;
        }
    }
    if (td__pool_init(&s->pool, cfg->db, 5, err, errlen) != 0) {
        s->pool.db = NULL; /* nothing to destroy */
        td__server_stop(s);
        return -1;
    }
    if (!real_queue_response) {
        /* Set once, before any MHD thread runs; the same for every server. */
        *(void **)&real_queue_response =
            dlsym(RTLD_NEXT, "MHD_queue_response");
        if (!real_queue_response || real_queue_response == MHD_queue_response) {
            real_queue_response = NULL; /* linked statically: no way round */
            snprintf(err, errlen, "cannot find libmicrohttpd's "
                                  "MHD_queue_response");
            td__server_stop(s);
            return -1;
        }
    }
    if (!fd_table_ready()) {
        snprintf(err, errlen, "out of memory");
        td__server_stop(s);
        return -1;
    }
    if (pthread_create(&s->sweeper, NULL, sweeper_main, s) != 0) {
        snprintf(err, errlen, "cannot start a thread");
        td__server_stop(s);
        return -1;
    }
    s->sweeper_running = 1;
    unsigned threads = cfg->threads ? cfg->threads : 4;
    s->d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, s->max_conns,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 4096u,
        MHD_OPTION_CONNECTION_TIMEOUT, IDLE_TIMEOUT_SECONDS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQUEST_MEMORY,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_URI_LOG_CALLBACK, on_request_line, s,
        MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s port %u (in use, or not "
                              "an address of this machine)",
                 bind, cfg->port);
        td__server_stop(s);
        return -1;
    }
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    *out = s;
    return 0;
}

unsigned td__server_port(const td__server *s)
{
    return s->port;
}

void td__server_stop(td__server *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d); /* closes every connection: list empty */
    if (s->sweeper_running) {
        pthread_mutex_lock(&s->conns_lock);
        s->stopping = 1;
        pthread_cond_signal(&s->sweep_wake);
        pthread_mutex_unlock(&s->conns_lock);
        pthread_join(s->sweeper, NULL);
    }
    if (s->pool.db)
        td__pool_destroy(&s->pool);
    if (s->addrs_ready)
        td__addr_count_destroy(&s->addrs);
    if (s->log)
        fclose(s->log);
    pthread_cond_destroy(&s->sweep_wake);
    pthread_mutex_destroy(&s->log_lock);
    pthread_mutex_destroy(&s->conns_lock);
    td__free(s->web_dir);
    td__free(s->token);
    td__free(s);
}
