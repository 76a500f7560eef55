/* warc.c -- WARC and WARC.gz (ISO 28500), the format of news crawls.
 *
 * Crawls are large, so the file is streamed: one record at a time through
 * zlib (a WARC.gz is a concatenation of gzip members, usually one per
 * record), and only an HTML response's payload is ever held in memory.
 * Records other than HTML responses (requests, metadata, warcinfo, images)
 * are skipped. A record cut short reports one error; those before it stay.
 *
 * Read per WARC 1.1 (and 1.0): header lines end in CRLF or a bare LF;
 * a line starting with a space or tab continues the previous field, and
 * is joined to it with one space (WARC 1.1 section 4 and RFC 2616 2.2:
 * LWS, folds included, may be replaced by a single SP) -- in the WARC
 * header and in the HTTP header of a response alike;
 * Content-Length is digits only and names exactly the block's size. A
 * record of any size is streamed past; a response is held only up to the
 * record limit (--max-record), a larger one reported and skipped. When a
 * file yields no article, one line counts why per reason (warcinfo,
 * requests, responses that are not 2xx or not HTML...). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "ingest/reader.h"

#define CHUNK (64u << 10)
#define MAX_HEADER_LINE 8192

/* ------------------------------------------------ a byte stream, maybe gz */

typedef struct stream {
    FILE *f;
    int gz;             /* gzip input (else plain) */
    z_stream z;
    int z_live;
    unsigned char in[CHUNK];
    unsigned char out[CHUNK];
    size_t pos, end;    /* unread bytes out[pos..end) */
    int eof;            /* no more bytes will come */
    int error;          /* 1 read error, 2 corrupt gzip */
    int midmember;      /* gz: input ended inside a member */
    uint64_t raw_done;  /* compressed bytes consumed, for progress */
} stream;

static int refill(stream *st)
{
    if (st->eof)
        return -1;
    st->pos = st->end = 0;
    if (!st->gz) {
        size_t n = fread(st->out, 1, CHUNK, st->f);
        st->raw_done += n;
        if (n == 0) {
            st->eof = 1;
            if (ferror(st->f))
                st->error = 1;
            return -1;
        }
        st->end = n;
        return 0;
    }
    while (st->end == 0) {
        if (st->z.avail_in == 0) {
            size_t n = fread(st->in, 1, CHUNK, st->f);
            st->raw_done += n;
            if (n == 0) {
                if (ferror(st->f))
                    st->error = 1;
                else if (st->midmember)
                    st->error = 3; /* truncated gzip */
                st->eof = 1;
                return -1;
            }
            st->z.next_in = st->in;
            st->z.avail_in = (uInt)n;
        }
        st->z.next_out = st->out;
        st->z.avail_out = CHUNK;
        st->midmember = 1;
        int rc = inflate(&st->z, Z_NO_FLUSH);
        st->end = CHUNK - st->z.avail_out;
        if (rc == Z_STREAM_END) {
            /* Another member may follow: start afresh on the rest. */
            st->midmember = 0;
            inflateReset(&st->z);
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            st->error = 2;
            st->eof = 1;
            return st->end ? 0 : -1;
        }
    }
    return 0;
}

static int getbyte(stream *st)
{
    if (st->pos == st->end && refill(st) != 0)
        return -1;
    return st->out[st->pos++];
}

/* Reads one line (without "\r\n") into b. Returns 1 on a line, 0 at end of
 * input, -1 when the line is absurdly long. */
static int read_line(stream *st, td__buf *b)
{
    td__buf_reset(b);
    int c, got = 0;
    while ((c = getbyte(st)) >= 0) {
        got = 1;
        if (c == '\n')
            break;
        if (b->len >= MAX_HEADER_LINE)
            return -1;
        td__buf_putc(b, (char)c);
    }
    if (!got)
        return 0;
    if (b->len && b->p[b->len - 1] == '\r')
        b->p[--b->len] = '\0';
    return 1;
}

/* Reads n bytes into b (keep) or discards them; returns bytes read. */
static uint64_t read_body(stream *st, uint64_t n, td__buf *b, int keep)
{
    uint64_t done = 0;
    while (done < n) {
        if (st->pos == st->end && refill(st) != 0)
            break;
        size_t avail = st->end - st->pos;
        size_t take = (uint64_t)avail < n - done ? avail : (size_t)(n - done);
        if (keep && td__buf_append(b, st->out + st->pos, take) != 0)
            keep = 0;
        st->pos += take;
        done += take;
    }
    return done;
}

/* ----------------------------------------------------------- the records */

typedef struct record {
    char type[32];
    char uri[2048];
    char date[11];
    char ctype[256];
    uint64_t length;
    int has_length;
    char bad_length[40]; /* the value when it was not a number */
} record;

static int header(const char *line, const char *name, const char **value)
{
    size_t m = strlen(name);
    if (strncasecmp(line, name, m) != 0 || line[m] != ':')
        return 0;
    const char *v = line + m + 1;
    while (*v == ' ' || *v == '\t')
        v++;
    *value = v;
    return 1;
}

static int is_lws(int c)
{
    return c == ' ' || c == '\t';
}

/* Appends a continuation line (starting with a space or tab) to the field
 * in f: its leading white space and the field's trailing white space
 * become one space. Returns -1 when the field would pass max bytes. */
static int continue_field(td__buf *f, const char *l, size_t n, size_t max)
{
    while (n && is_lws((unsigned char)*l))
        l++, n--;
    while (f->len && is_lws((unsigned char)f->p[f->len - 1]))
        f->p[--f->len] = '\0';
    if (n == 0)
        return 0;
    if (f->len + 1 + n > max)
        return -1;
    td__buf_putc(f, ' ');
    return td__buf_append(f, l, n) == 0 ? 0 : -1;
}

static void copy_field(char *dst, size_t cap, const char *v)
{
    /* WARC/1.0 allows <uri> in angle brackets. */
    if (*v == '<')
        v++;
    size_t n = strlen(v);
    if (n && v[n - 1] == '>')
        n--;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

static int contains_ci(const char *s, const char *pat)
{
    size_t m = strlen(pat);
    for (; *s; s++)
        if (strncasecmp(s, pat, m) == 0)
            return 1;
    return 0;
}

/* One whole (unfolded) field of a response's HTTP header. */
static void http_field(const char *line, char *ctype, size_t ccap,
                       int *chunked)
{
    const char *v;
    if (header(line, "Content-Type", &v))
        copy_field(ctype, ccap, v);
    else if (header(line, "Transfer-Encoding", &v) &&
             contains_ci(v, "chunked"))
        *chunked = 1;
}

/* The HTTP message in a response record: its status, Content-Type header
 * and where its body starts. Returns 0, or -1 when it is not HTTP. */
static int parse_http(const char *p, size_t n, int *status, char *ctype,
                      size_t ccap, size_t *body, int *chunked)
{
    if (n < 12 || strncmp(p, "HTTP/", 5) != 0)
        return -1;
    const char *sp = memchr(p, ' ', n < 16 ? n : 16);
    if (!sp || !isdigit((unsigned char)sp[1]))
        return -1;
    *status = atoi(sp + 1);
    *chunked = 0;
    ctype[0] = '\0';
    /* Each field is looked at once whole, its folded lines joined; the
     * status line is no field, so a fold right after it is passed over. */
    td__buf field = TD__BUF_INIT;
    int have = 0, rc = -1;
    const char *eol = memchr(p, '\n', n);
    if (!eol)
        return -1;
    size_t i = (size_t)(eol - p) + 1;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - p) : n;
        size_t ll = end - i;
        if (ll && p[end - 1] == '\r')
            ll--;
        int fold = ll > 0 && is_lws((unsigned char)p[i]);
        if (have && (!fold || !nl)) {
            http_field(td__buf_str(&field), ctype, ccap, chunked);
            have = 0;
        }
        if (!nl)
            break;
        if (ll == 0) {
            *body = end + 1;
            rc = 0;
            break;
        }
        if (fold) {
            /* past 512 bytes nothing here is of use: the rest is cut */
            if (have)
                (void)continue_field(&field, p + i, ll, 512);
        } else {
            td__buf_reset(&field);
            td__buf_append(&field, p + i, ll < 512 ? ll : 512);
            have = 1;
        }
        i = end + 1;
    }
    td__buf_free(&field);
    return rc;
}

/* Undoes chunked transfer coding in place; returns the new length. A
 * malformed or truncated chunk stream keeps what decoded. */
static size_t dechunk(char *p, size_t n)
{
    size_t r = 0, w = 0;
    while (r < n) {
        char *end;
        unsigned long sz = strtoul(p + r, &end, 16);
        if (end == p + r)
            break;
        const char *nl = memchr(end, '\n', n - (size_t)(end - p));
        if (!nl || sz == 0)
            break;
        r = (size_t)(nl - p) + 1;
        if (sz > n - r)
            sz = n - r;
        memmove(p + w, p + r, sz);
        w += sz, r += sz;
        while (r < n && (p[r] == '\r' || p[r] == '\n'))
            r++;
    }
    p[w] = '\0';
    return w;
}

static void charset_param(const char *ctype, char out[48])
{
    out[0] = '\0';
    for (const char *p = ctype; *p; p++) {
        if (strncasecmp(p, "charset=", 8) != 0)
            continue;
        p += 8;
        while (*p == '"' || *p == ' ')
            p++;
        size_t k = 0;
        while (k < 47 && p[k] && (isalnum((unsigned char)p[k]) ||
                                  p[k] == '-' || p[k] == '_'))
            k++;
        memcpy(out, p, k);
        out[k] = '\0';
        return;
    }
}

/* One whole WARC header field (continuations joined) into rec. */
static void warc_field(record *rec, const char *l)
{
    const char *v;
    if (header(l, "WARC-Type", &v))
        copy_field(rec->type, sizeof rec->type, v);
    else if (header(l, "WARC-Target-URI", &v))
        copy_field(rec->uri, sizeof rec->uri, v);
    else if (header(l, "WARC-Date", &v))
        copy_field(rec->date, sizeof rec->date, v);
    else if (header(l, "Content-Type", &v))
        copy_field(rec->ctype, sizeof rec->ctype, v);
    else if (header(l, "Content-Length", &v)) {
        /* Digits only (strtoull would take "-5" as a huge
         * number), trailing white space allowed, at most 19 of
         * them so the value fits. */
        size_t d = 0;
        uint64_t len = 0;
        while (isdigit((unsigned char)v[d]) && d < 19)
            len = len * 10 + (uint64_t)(v[d++] - '0');
        size_t e = d;
        while (v[e] == ' ' || v[e] == '\t')
            e++;
        rec->has_length = d > 0 && v[e] == '\0';
        rec->length = len;
        if (!rec->has_length)
            copy_field(rec->bad_length, sizeof rec->bad_length, v);
    }
}

/* Why records yielded no article, for the closing line of an empty file. */
typedef struct tally {
    long records, articles, failed;
    long warcinfo, request, metadata, other_type, not_http, not_2xx,
        not_html, too_big;
} tally;

static td_status handle_response(td__sink *s, const char *where,
                                 const record *rec, td__buf *b, tally *t)
{
    int status = 0, chunked = 0;
    char ctype[256];
    size_t body = 0;
    if (parse_http(b->p, b->len, &status, ctype, sizeof ctype, &body,
                   &chunked) != 0) {
        s->fail(s, where, TD_EPARSE, "response record without an HTTP header");
        t->failed++;
        return TD_OK;
    }
    /* A redirect, an error page, an image: not news. */
    if (status < 200 || status > 299) {
        t->not_2xx++;
        return TD_OK;
    }
    if (!contains_ci(ctype, "html")) {
        t->not_html++;
        return TD_OK;
    }
    t->articles++;
    char *p = b->p + body;
    size_t n = b->len - body;
    if (chunked)
        n = dechunk(p, n);
    char cs[48];
    charset_param(ctype, cs);
    td_input base = {0};
    base.url = rec->uri[0] ? rec->uri : NULL;
    base.date = rec->date[0] ? rec->date : NULL;
    base.name = where;
    return td__emit_html(s, &base, where, p, n, 1, cs[0] ? cs : NULL);
}

/* A file of records none of which is an article says why, per reason. */
static void report_empty(td__sink *s, const char *name, const tally *t)
{
    char msg[600];
    int n = snprintf(msg, sizeof msg, "no article in %ld WARC record%s:",
                     t->records, t->records == 1 ? "" : "s");
    const struct {
        long v;
        const char *what;
    } why[] = {{t->warcinfo, "warcinfo"},
               {t->request, "request"},
               {t->metadata, "metadata"},
               {t->other_type, "other record type"},
               {t->not_http, "response not HTTP"},
               {t->not_2xx, "HTTP status not 2xx"},
               {t->not_html, "response not HTML"}};
    const char *sep = " ";
    for (size_t i = 0; i < sizeof why / sizeof why[0]; i++) {
        if (!why[i].v || n < 0 || (size_t)n >= sizeof msg)
            continue;
        n += snprintf(msg + n, sizeof msg - (size_t)n, "%s%ld %s", sep,
                      why[i].v, why[i].what);
        sep = ", ";
    }
    char where[1000];
    snprintf(where, sizeof where, "%.900s", name);
    s->fail(s, where, TD_EEMPTY, msg);
}

td_status td__read_warc(td__sink *s, const char *name, FILE *f,
                        uint64_t total)
{
    stream *st = td__calloc(1, sizeof *st);
    if (!st) {
        s->fail(s, name, TD_ENOMEM, "out of memory");
        return TD_ENOMEM;
    }
    st->f = f;
    /* The first chunk says whether it is gzip; it is then fed to zlib or
     * served as it is, so the input need not be seekable. */
    size_t n0 = fread(st->in, 1, CHUNK, f);
    st->raw_done = n0;
    st->gz = n0 >= 2 && st->in[0] == 0x1f && st->in[1] == 0x8b;
    if (!st->gz) {
        memcpy(st->out, st->in, n0);
        st->end = n0;
    }
    if (st->gz) {
        if (inflateInit2(&st->z, 15 + 32) != Z_OK) {
            td__free(st);
            s->fail(s, name, TD_ENOMEM, "zlib could not start");
            return TD_ENOMEM;
        }
        st->z_live = 1;
        st->z.next_in = st->in;
        st->z.avail_in = (uInt)n0;
    }
    td__buf line = TD__BUF_INIT, body = TD__BUF_INIT, field = TD__BUF_INIT;
    size_t max = td__sink_max_record(s);
    tally t;
    memset(&t, 0, sizeof t);
    char where[1200];
    long nrec = 0;
    td_status rc = TD_OK;
    int first = 1, bad = 0;
    while (rc == TD_OK) {
        int r;
        do /* blank lines separate records */
            r = read_line(st, &line);
        while (r == 1 && line.len == 0);
        if (r == 0)
            break;
        nrec++;
        snprintf(where, sizeof where, "%.800s:record %ld", name, nrec);
        if (r < 0 || strncmp(td__buf_str(&line), "WARC/", 5) != 0) {
            s->fail(s, where, TD_EPARSE,
                    first ? "not a WARC file (no WARC/1.x version line)"
                          : "no WARC/1.x version line where a record should "
                            "start; the rest of the file is skipped");
            t.failed++;
            break;
        }
        first = 0;
        record rec;
        memset(&rec, 0, sizeof rec);
        /* A field is taken once whole: a line starting with a space or
         * tab is appended to the one before (one before the first field
         * has nothing to continue and is passed over). */
        td__buf_reset(&field);
        while ((r = read_line(st, &line)) == 1 && line.len > 0) {
            if (is_lws((unsigned char)line.p[0])) {
                if (field.len &&
                    continue_field(&field, line.p, line.len,
                                   MAX_HEADER_LINE) != 0) {
                    r = -1;
                    break;
                }
                continue;
            }
            if (field.len)
                warc_field(&rec, td__buf_str(&field));
            td__buf_reset(&field);
            if (td__buf_append(&field, line.p, line.len) != 0) {
                rc = TD_ENOMEM;
                break;
            }
        }
        if (rc != TD_OK)
            break;
        if (r == 1 && field.len)
            warc_field(&rec, td__buf_str(&field));
        if (r != 1) {
            s->fail(s, where,
                    r == 0 ? TD_ETRUNCATED : TD_EPARSE,
                    r == 0 ? "truncated WARC record: input ends inside its "
                             "header"
                           : "WARC header field longer than 8 KiB");
            t.failed++;
            break;
        }
        if (!rec.has_length) {
            char msg[200];
            if (rec.bad_length[0])
                snprintf(msg, sizeof msg,
                         "WARC Content-Length '%s' is not a byte count; the "
                         "rest of the file is skipped",
                         rec.bad_length);
            else
                snprintf(msg, sizeof msg,
                         "WARC record without a valid Content-Length; the rest of "
                         "the file is skipped");
            s->fail(s, where, TD_EPARSE, msg);
            t.failed++;
            break;
        }
        if (rec.uri[0]) {
            size_t wl = strlen(where);
            snprintf(where + wl, sizeof where - wl, " (%.300s)", rec.uri);
        }
        int response = strcasecmp(rec.type, "response") == 0;
        int http = contains_ci(rec.ctype, "application/http");
        int want = response && http && rec.length <= max;
        t.records++;
        if (!response) {
            if (strcasecmp(rec.type, "warcinfo") == 0)
                t.warcinfo++;
            else if (strcasecmp(rec.type, "request") == 0)
                t.request++;
            else if (strcasecmp(rec.type, "metadata") == 0)
                t.metadata++;
            else
                t.other_type++;
        } else if (!http) {
            t.not_http++;
        } else if (!want) {
            char msg[200];
            snprintf(msg, sizeof msg,
                     "response of %llu bytes is over the %zu-byte record "
                     "limit (--max-record); skipped",
                     (unsigned long long)rec.length, max);
            s->fail(s, where, TD_EINVAL, msg);
            t.too_big++;
        }
        td__buf_reset(&body);
        uint64_t got = read_body(st, rec.length, &body, want);
        if (got < rec.length) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "truncated WARC record: input ends %llu bytes into a "
                     "%llu-byte record",
                     (unsigned long long)got, (unsigned long long)rec.length);
            s->fail(s, where, TD_ETRUNCATED, msg);
            bad = 1;
            break;
        }
        if (want && rec.length > 0) {
            if (body.len == rec.length && body.p)
                rc = handle_response(s, where, &rec, &body, &t);
            else
                rc = TD_ENOMEM;
        }
        if (s->progress)
            s->progress(s, st->raw_done, total);
    }
    if (rc == TD_OK && st->error && !(bad && st->error == 3)) {
        snprintf(where, sizeof where, "%.800s", name);
        s->fail(s, where, st->error == 1 ? TD_EIO : TD_ETRUNCATED,
                st->error == 1   ? "read error"
                : st->error == 2 ? "corrupt gzip data; the rest of the file "
                                   "is skipped"
                                 : "gzip stream cut short");
        if (st->error == 1)
            rc = TD_EIO;
    }
    if (rc == TD_ENOMEM)
        s->fail(s, where, TD_ENOMEM, "out of memory");
    if (rc == TD_OK && t.records > 0 && t.articles == 0 && t.failed == 0 &&
        t.too_big == 0 && !bad)
        report_empty(s, name, &t);
    td__buf_free(&line);
    td__buf_free(&field);
    td__buf_free(&body);
    if (st->z_live)
        inflateEnd(&st->z);
    td__free(st);
    return rc;
}
