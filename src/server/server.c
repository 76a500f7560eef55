/* server.c -- the HTTP side of tidings serve: libmicrohttpd set-up, limits,
 * the bearer token, method checks, and the static page.
 *
 * Requests are answered on MHD's worker threads (a small pool); each one
 * borrows an engine (one SQLite connection) from the pool for its duration.
 * Only GET and HEAD exist, so no request body is ever read: anything else
 * gets 405 before its body is looked at. */
#include "server/server.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/api.h"
#include "server/feeds.h"
#include "server/assets.h"
#include "server/pool.h"

#define MAX_ARGS 32
#define MAX_STATIC_FILE (8u << 20)
#define CONNECTION_LIMIT 256u
#define PER_IP_LIMIT 64u
#define TIMEOUT_SECONDS 15u
#define REQUEST_MEMORY (64u << 10) /* headers and URL of one request */

struct td__server {
    struct MHD_Daemon *d;
    td__pool pool;
    char *token;   /* owned, or NULL */
    char *web_dir; /* realpath of --web, or NULL: the built-in copy */
    unsigned port;
};

/* ---------------------------------------------------------- responses */

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status,
                            const char *type, void *body, size_t len,
                            enum MHD_ResponseMemoryMode mode,
                            const char *cache)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, body, mode);
    if (!r) {
        if (mode == MHD_RESPMEM_MUST_FREE)
            free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
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
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status,
                                  const char *msg)
{
    char buf[400];
    /* msg is one of ours, plain ASCII without quotes or backslashes */
    int n = snprintf(buf, sizeof buf, "{\"error\":\"%s\"}", msg);
    char *body = strdup(buf);
    if (!body)
        return MHD_NO;
    return reply(c, status, "application/json; charset=utf-8", body,
                (size_t)n, MHD_RESPMEM_MUST_FREE, "no-store");
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
    td__api_handle(&s->pool, url, a.v, a.n, &rep);
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
    char *body = malloc(len ? len : 1);
    size_t got = 0;
    while (body && got < len) {
        ssize_t k = read(fd, body + got, len - got);
        if (k <= 0)
            break;
        got += (size_t)k;
    }
    close(fd);
    if (!body || got != len) {
        free(body);
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

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version,
                                  const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    static int seen; /* marks a request whose headers were looked at */
    td__server *s = cls;
    /* Other methods are refused from the headers alone, before any body is
     * read (MHD then closes the connection). */
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
        strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
                          "only GET and HEAD are allowed");
    /* A GET is answered at the second call, once MHD knows there is no
     * body: answering earlier would make it close a keep-alive
     * connection. A GET that does carry a body is refused, not read. */
    if (!*con_cls) {
        if (MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                        MHD_HTTP_HEADER_CONTENT_LENGTH) ||
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
        return serve_api(s, c, url);
    }
    if (strncmp(url, "/feeds/", 7) == 0)
        return serve_feed(s, c, url);
    return serve_static(s, c, url);
}

/* -------------------------------------------------------- life cycle */

int td__server_start(const td__serve_config *cfg, td__server **out,
                     char *err, size_t errlen)
{
    const char *bind = cfg->bind ? cfg->bind : "127.0.0.1";
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    struct sockaddr *sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
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
    td__server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (cfg->token && *cfg->token && !(s->token = strdup(cfg->token))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (cfg->web) {
        char real[PATH_MAX];
        struct stat st;
        if (!realpath(cfg->web, real) || stat(real, &st) != 0 ||
            !S_ISDIR(st.st_mode) || !(s->web_dir = strdup(real))) {
            snprintf(err, errlen, "%s: not a folder of web assets (%s)",
                     cfg->web, strerror(errno));
            free(s->token);
            free(s);
            return -1;
        }
    }
    if (td__pool_init(&s->pool, cfg->db, 5, err, errlen) != 0) {
        free(s->web_dir);
        free(s->token);
        free(s);
        return -1;
    }
    unsigned threads = cfg->threads ? cfg->threads : 4;
    s->d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_LIMIT, CONNECTION_LIMIT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, PER_IP_LIMIT,
        MHD_OPTION_CONNECTION_TIMEOUT, TIMEOUT_SECONDS,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)REQUEST_MEMORY,
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
        MHD_stop_daemon(s->d);
    td__pool_destroy(&s->pool);
    free(s->web_dir);
    free(s->token);
    free(s);
}
