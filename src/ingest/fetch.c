/* fetch.c -- HTTP(S) GET with libcurl for `tidings ingest URL` and `watch`.
 *
 * Every limit is explicit: a server that never answers, answers forever,
 * redirects in circles or sends a gigabyte must cost a bounded time and
 * memory, and say which it was. */
#include "ingest/fetch.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "core/alloc.h"
#include "core/buf.h"

#define MAX_REDIRECTS 5

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static int curl_ok;

static void curl_init(void)
{
    curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

int td__is_url(const char *s)
{
    return s && (strncasecmp(s, "http://", 7) == 0 ||
                 strncasecmp(s, "https://", 8) == 0);
}

typedef struct transfer {
    const volatile int *cancel;
    td__buf body;
    size_t max;
    int too_big, nomem;
    char *etag, *last_modified;
} transfer;

static int on_progress(void *ud, curl_off_t dt, curl_off_t dn, curl_off_t ut,
                       curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const transfer *t = ud;
    return t->cancel && *t->cancel;
}

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    transfer *t = ud;
    size_t len = size * n;
    if (t->body.len + len > t->max) {
        t->too_big = 1;
        return 0; /* aborts the transfer */
    }
    if (td__buf_append(&t->body, p, len) != 0) {
        t->nomem = 1;
        return 0;
    }
    return len;
}

/* A header's value, trimmed, owned; NULL when line is another header. */
static char *header_value(const char *line, size_t n, const char *name)
{
    size_t m = strlen(name);
    if (n <= m || strncasecmp(line, name, m) != 0 || line[m] != ':')
        return NULL;
    const char *v = line + m + 1, *end = line + n;
    while (v < end && (*v == ' ' || *v == '\t'))
        v++;
    while (end > v && isspace((unsigned char)end[-1]))
        end--;
    return td__strndup(v, (size_t)(end - v));
}

static size_t on_header(char *p, size_t size, size_t n, void *ud)
{
    transfer *t = ud;
    size_t len = size * n;
    /* A new status line (after a redirect) starts a new header set. */
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        td__free(t->etag), t->etag = NULL;
        td__free(t->last_modified), t->last_modified = NULL;
    }
    char *v = header_value(p, len, "ETag");
    if (v) {
        td__free(t->etag);
        t->etag = v;
    }
    v = header_value(p, len, "Last-Modified");
    if (v) {
        td__free(t->last_modified);
        t->last_modified = v;
    }
    return len;
}

static char *charset_of(const char *ct)
{
    const char *p = ct;
    while (p && *p && strncasecmp(p, "charset=", 8) != 0)
        p++;
    if (!p || !*p)
        return NULL;
    p += 8;
    while (*p == '"' || *p == '\'' || *p == ' ')
        p++;
    size_t k = 0;
    while (p[k] && (isalnum((unsigned char)p[k]) || p[k] == '-' ||
                    p[k] == '_' || p[k] == '.' || p[k] == ':'))
        k++;
    return k ? td__strndup(p, k) : NULL;
}

td_status td__fetch(const char *url, const td__fetch_opts *o,
                    td__fetch_result *r, char *err, size_t errlen)
{
    td__fetch_opts defaults = {0, 0, 0, NULL, NULL, NULL};
    if (!o)
        o = &defaults;
    long timeout = o->timeout_s > 0 ? o->timeout_s : 30;
    long ctimeout = o->connect_timeout_s > 0 ? o->connect_timeout_s : 10;
    size_t max = o->max_bytes ? o->max_bytes : (size_t)32 << 20;
    if (!td__is_url(url)) {
        snprintf(err, errlen, "not an http or https URL");
        return TD_EIO;
    }
    pthread_once(&curl_once, curl_init);
    CURL *c = curl_ok ? curl_easy_init() : NULL;
    if (!c) {
        snprintf(err, errlen, "libcurl could not start");
        return TD_EIO;
    }
    transfer t;
    memset(&t, 0, sizeof t);
    t.max = max;
    t.cancel = o->cancel;
    struct curl_slist *hdrs = NULL;
    char line[1100];
    if (o->etag && strlen(o->etag) < 1000) {
        snprintf(line, sizeof line, "If-None-Match: %s", o->etag);
        hdrs = curl_slist_append(hdrs, line);
    }
    if (o->last_modified && strlen(o->last_modified) < 1000) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", o->last_modified);
        struct curl_slist *h2 = curl_slist_append(hdrs, line);
        if (h2)
            hdrs = h2;
    }
    char cerr[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, ctimeout);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tidings/0.1 (news reader)");
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    if (hdrs)
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    td_status st = TD_OK;
    if (t.nomem) {
        snprintf(err, errlen, "out of memory");
        st = TD_ENOMEM;
    } else if (t.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        snprintf(err, errlen, "response larger than %zu bytes", max);
        st = TD_EIO;
    } else if (rc == CURLE_ABORTED_BY_CALLBACK) {
        snprintf(err, errlen, "interrupted");
        st = TD_EIO;
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        snprintf(err, errlen, "timed out after %ld s", timeout);
        st = TD_EIO;
    } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
        snprintf(err, errlen, "more than %d redirects", MAX_REDIRECTS);
        st = TD_EIO;
    } else if (rc != CURLE_OK) {
        snprintf(err, errlen, "%s", cerr[0] ? cerr : curl_easy_strerror(rc));
        st = TD_EIO;
    } else if (status != 304 && (status < 200 || status > 299)) {
        snprintf(err, errlen, "HTTP %ld", status);
        st = TD_EIO;
    }
    if (st == TD_OK) {
        td__fetch_result res;
        memset(&res, 0, sizeof res);
        res.status = status;
        char *ct = NULL, *eff = NULL;
        curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
        curl_easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &eff);
        res.content_type = ct ? td__strdup(ct) : NULL;
        res.charset = charset_of(ct);
        res.final_url = td__strdup(eff ? eff : url);
        res.etag = t.etag, t.etag = NULL;
        res.last_modified = t.last_modified, t.last_modified = NULL;
        if (status != 304) {
            res.len = t.body.len;
            res.body = td__buf_take(&t.body);
        }
        if (!res.final_url || (status != 304 && !res.body) ||
            (ct && !res.content_type)) {
            td__fetch_result_free(&res);
            snprintf(err, errlen, "out of memory");
            st = TD_ENOMEM;
        } else {
            *r = res;
        }
    }
    td__buf_free(&t.body);
    td__free(t.etag);
    td__free(t.last_modified);
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return st;
}

void td__fetch_result_free(td__fetch_result *r)
{
    if (!r)
        return;
    td__free(r->body);
    td__free(r->etag);
    td__free(r->last_modified);
    td__free(r->content_type);
    td__free(r->charset);
    td__free(r->final_url);
    memset(r, 0, sizeof *r);
}
