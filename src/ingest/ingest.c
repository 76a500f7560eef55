/* ingest.c -- td_engine_ingest_path: open an input, pick its reader, feed
 * the engine, and tell the caller what happened to each article. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/alloc.h"
#include "core/prof.h"
#include "engine/engine.h"
#include "ingest/fetch.h"
#include "ingest/reader.h"
#include "store/store.h"
#include "story/features.h"

/* One article given to td_analyze_file larger than this is not one. */
#define MAX_ARTICLE_BYTES TD_MAX_RECORD_DEFAULT
#define HEAD_BYTES 4096

/* With --jobs, each record becomes a job: a copy of its input (the
 * reader's buffers are reused for the next record) analysed by a worker,
 * then stored and reported by the sink in input order. Records that fail
 * before analysis are jobs too, so that events keep the input's order. */
typedef enum job_kind { JOB_ANALYSE, JOB_SKIP, JOB_FAIL } job_kind;

typedef struct ingest_job {
    job_kind kind;
    td_input in;       /* its strings point into blob */
    const char *where; /* in blob */
    const char *msg;   /* JOB_FAIL: the reason, in blob */
    td_status fail_st; /* JOB_FAIL */
    td_status ast;     /* td_analyze's status (worker) */
    td_analysis *a;    /* owned (worker's result) */
    char *blob;        /* owned; reused by the next job of this slot */
    size_t cap;
    struct ingest_job *next; /* free list */
} ingest_job;

/* Jobs in flight per worker: enough that a slow article does not starve
 * the others, few enough that memory stays small (each holds one record). */
#define JOBS_PER_WORKER 8
/* A spare job keeps a buffer up to this size for the next record. */
#define JOB_KEEP_BYTES (1u << 20)

typedef struct engine_sink {
    td__sink base;
    td_engine *e;
    td_ingest_stats *stats;
    td_event_cb cb;
    void *ud;
    td__pool *pool;       /* NULL: every record is handled on emit */
    ingest_job *free_jobs;
    td_status fatal;      /* a failure that stops the batch, once seen */
} engine_sink;

static void report(engine_sink *k, td_event_kind kind, const char *where,
                   const char *id, td_status st, const char *msg)
{
    if (!k->cb)
        return;
    td_event ev = {kind, where, id, st, msg, 0, 0};
    k->cb(k->ud, &ev);
}

/* Counts and reports what became of one record; returns the status that
 * stops the batch (TD_EDB, TD_ENOMEM, TD_EIO), else TD_OK. */
static td_status account(engine_sink *k, const td_input *in, const char *where,
                         td_status st, int added)
{
    if (st == TD_OK) {
        if (added)
            k->stats->added++;
        else
            k->stats->skipped++;
        report(k, added ? TD_EVENT_ADDED : TD_EVENT_SKIPPED, where, in->id,
               TD_OK, NULL);
        return TD_OK;
    }
    k->stats->failed++;
    /* The engine's message starts with the input's name; report the bare
     * reason so the caller can print "where: reason" once. */
    const char *msg = td_engine_errmsg(k->e);
    size_t wn = strlen(where);
    if (strncmp(msg, where, wn) == 0 && msg[wn] == ':' && msg[wn + 1] == ' ')
        msg += wn + 2;
    report(k, TD_EVENT_FAILED, where, in->id, st, msg);
    /* A bad article is the article's problem; a failing database or memory
     * is everyone's, and stops the batch. */
    return (st == TD_EDB || st == TD_ENOMEM || st == TD_EIO) ? st : TD_OK;
}

static void sink_fail(td__sink *base, const char *where, td_status st,
                      const char *msg);

/* ---------------------------------------------------- parallel analysis */

static void analyse_job(void *arg)
{
    ingest_job *j = arg;
    j->ast = td_analyze(&j->in, &j->a);
    /* What of the features needs no store is done here too; when memory
     * runs out the storing thread does it instead. */
    if (j->ast == TD_OK && td_analysis_status(j->a, NULL) == TD_OK) {
        uint64_t t0 = td__prof_start();
        td__features_prepare(j->a);
        td__prof_stop(TD__ST_FEATURES, t0);
    }
}

static void job_free(ingest_job *j)
{
    td__free(j->blob);
    td__free(j);
}

static void job_release(engine_sink *k, ingest_job *j)
{
    td_analysis_free(j->a);
    j->a = NULL;
    if (j->cap > JOB_KEEP_BYTES) {
        /* One huge record must not pin its size in every spare job. */
        td__free(j->blob);
        j->blob = NULL;
        j->cap = 0;
    }
    j->next = k->free_jobs;
    k->free_jobs = j;
}

/* Copies a string into the job's blob at *at; NULL stays NULL. */
static const char *put_str(ingest_job *j, size_t *at, const char *v, size_t n)
{
    if (!v)
        return NULL;
    char *d = j->blob + *at;
    memcpy(d, v, n);
    d[n] = '\0';
    *at += n + 1;
    return d;
}

/* A job holding copies of in, where and msg, in one allocation reused
 * from the free list when it is large enough. NULL when memory ran out. */
static ingest_job *job_make(engine_sink *k, job_kind kind, const td_input *in,
                            const char *where, const char *msg)
{
    enum { NFIELDS = 9 };
    const char *f[NFIELDS] = {
        in ? in->id : NULL,     in ? in->url : NULL,
        in ? in->title : NULL,  in ? in->date : NULL,
        in ? in->lang : NULL,   in ? in->source : NULL,
        in ? in->name : NULL,   in ? in->author : NULL,
        in ? in->canonical_url : NULL};
    size_t fl[NFIELDS], need = 0;
    for (int i = 0; i < NFIELDS; i++) {
        fl[i] = f[i] ? strlen(f[i]) : 0;
        need += fl[i] + 1;
    }
    int copy_body = kind == JOB_ANALYSE;
    size_t tl = copy_body && in->text ? in->text_len : 0;
    size_t hl = copy_body && in->html ? in->html_len : 0;
    size_t wl = strlen(where), ml = msg ? strlen(msg) : 0;
    need += tl + 1 + hl + 1 + wl + 1 + ml + 1;

    ingest_job *j = k->free_jobs;
    if (j) {
        k->free_jobs = j->next;
    } else {
        j = td__calloc(1, sizeof *j);
        if (!j)
            return NULL;
    }
    if (j->cap < need) {
        /* Grow to the largest record seen so far, then reuse it. */
        char *b = td__realloc(j->blob, need);
        if (!b) {
            job_free(j);
            return NULL;
        }
        j->blob = b, j->cap = need;
    }
    size_t at = 0;
    memset(&j->in, 0, sizeof j->in);
    j->kind = kind;
    j->a = NULL;
    j->ast = TD_OK;
    if (in) {
        j->in.id = put_str(j, &at, f[0], fl[0]);
        j->in.url = put_str(j, &at, f[1], fl[1]);
        j->in.title = put_str(j, &at, f[2], fl[2]);
        j->in.date = put_str(j, &at, f[3], fl[3]);
        j->in.lang = put_str(j, &at, f[4], fl[4]);
        j->in.source = put_str(j, &at, f[5], fl[5]);
        j->in.name = put_str(j, &at, f[6], fl[6]);
        j->in.author = put_str(j, &at, f[7], fl[7]);
        j->in.canonical_url = put_str(j, &at, f[8], fl[8]);
        j->in.name_is_file = in->name_is_file;
        if (copy_body && in->text) {
            j->in.text = put_str(j, &at, in->text, tl);
            j->in.text_len = tl;
        }
        if (copy_body && in->html) {
            j->in.html = put_str(j, &at, in->html, hl);
            j->in.html_len = hl;
        }
    }
    j->where = put_str(j, &at, where, wl);
    j->msg = put_str(j, &at, msg, ml);
    return j;
}

/* Stores and reports one finished job, in input order. */
static void consume(engine_sink *k, ingest_job *j)
{
    if (k->fatal != TD_OK)
        return; /* the batch has stopped: later records are not stored */
    td_status st;
    switch (j->kind) {
    case JOB_FAIL:
        k->stats->failed++;
        report(k, TD_EVENT_FAILED, j->where, NULL, j->fail_st, j->msg);
        return;
    case JOB_SKIP:
        account(k, &j->in, j->where, TD_OK, 0);
        return;
    case JOB_ANALYSE:
        break;
    }
    int added = 0;
    if (j->ast != TD_OK)
        st = td__engine_fail(k->e, j->ast, "%s: %s",
                             j->in.name ? j->in.name : j->where,
                             td_strerror(j->ast));
    else
        st = td__engine_store_analysis(k->e, &j->in, j->a, 1, &added);
    k->fatal = account(k, &j->in, j->where, st, added);
}

/* Collects (and consumes) the oldest job in flight; 0 when none was. */
static int collect_one(engine_sink *k)
{
    ingest_job *j = td__pool_collect(k->pool);
    if (!j)
        return 0;
    consume(k, j);
    job_release(k, j);
    return 1;
}

/* Records that failed or were skipped before analysis wait in the queue
 * with nothing to do, only to keep their place in the order. */
static void no_work(void *job)
{
    (void)job;
}

/* Queues j, first making room by consuming the oldest results. */
static void enqueue(engine_sink *k, ingest_job *j)
{
    while (td__pool_full(k->pool))
        collect_one(k);
    td__pool_submit(k->pool, j->kind == JOB_ANALYSE ? analyse_job : no_work,
                    j);
}

static td_status emit_parallel(engine_sink *k, const td_input *in,
                               const char *where)
{
    int found = 0;
    td_status st = td__engine_precheck(k->e, in, &found);
    job_kind kind = st != TD_OK ? JOB_FAIL : found ? JOB_SKIP : JOB_ANALYSE;
    const char *msg = NULL;
    if (st != TD_OK) {
        if (st == TD_EDB || st == TD_ENOMEM || st == TD_EIO) {
            /* Not the record's fault: stop once the queue is drained. */
            while (collect_one(k))
                ;
            if (k->fatal == TD_OK)
                k->fatal = account(k, in, where, st, 0);
            return k->fatal;
        }
        msg = td_engine_errmsg(k->e);
        size_t wn = strlen(where);
        if (strncmp(msg, where, wn) == 0 && msg[wn] == ':' && msg[wn + 1] == ' ')
            msg += wn + 2;
    }
    ingest_job *j = job_make(k, kind, in, where, msg);
    if (!j) {
        while (collect_one(k))
            ;
        if (k->fatal == TD_OK) {
            td__engine_fail(k->e, TD_ENOMEM, "%s: out of memory", where);
            k->fatal = account(k, in, where, TD_ENOMEM, 0);
        }
        return k->fatal;
    }
    j->fail_st = st;
    enqueue(k, j);
    return k->fatal;
}

/* Consumes every job in flight and frees the sink's spare jobs; returns
 * the status that stopped the batch, if one did. */
static td_status finish(engine_sink *k)
{
    if (k->pool)
        while (collect_one(k))
            ;
    while (k->free_jobs) {
        ingest_job *j = k->free_jobs;
        k->free_jobs = j->next;
        job_free(j);
    }
    return k->fatal;
}

static td_status sink_emit(td__sink *base, const td_input *in,
                           const char *where)
{
    engine_sink *k = (engine_sink *)base;
    if (k->pool)
        return emit_parallel(k, in, where);
    int added = 0;
    td_status st = td_engine_ingest(k->e, in, &added);
    return account(k, in, where, st, added);
}

static void sink_fail(td__sink *base, const char *where, td_status st,
                      const char *msg)
{
    engine_sink *k = (engine_sink *)base;
    if (k->pool) {
        /* Behind the records still in flight, so events stay in order. */
        ingest_job *j = job_make(k, JOB_FAIL, NULL, where, msg);
        if (j) {
            j->fail_st = st;
            enqueue(k, j);
            return;
        }
        while (collect_one(k))
            ;
    }
    k->stats->failed++;
    report(k, TD_EVENT_FAILED, where, NULL, st, msg);
}

static void sink_warn(td__sink *base, const char *where, const char *msg)
{
    engine_sink *k = (engine_sink *)base;
    report(k, TD_EVENT_WARNING, where, NULL, TD_OK, msg);
}

static void sink_progress(td__sink *base, uint64_t done, uint64_t total)
{
    engine_sink *k = (engine_sink *)base;
    if (!k->cb)
        return;
    td_event ev = {TD_EVENT_PROGRESS, NULL, NULL, TD_OK, NULL, done, total};
    k->cb(k->ud, &ev);
}

/* Reads all of f into an owned buffer when it holds at most max bytes;
 * TD_EINVAL (nothing kept) when it holds more: at most max + 1 bytes are
 * ever read, so a huge input costs no memory. */
static td_status slurp(FILE *f, size_t max, char **out, size_t *len)
{
    size_t cap = max < (1u << 16) ? max + 1 : 1u << 16, n = 0;
    char *p = td__malloc(cap + 1);
    if (!p)
        return TD_ENOMEM;
    for (;;) {
        if (n == cap) {
            if (cap > max) {
                td__free(p);
                return TD_EINVAL;
            }
            size_t grow = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *q = td__realloc(p, grow + 1);
            if (!q) {
                td__free(p);
                return TD_ENOMEM;
            }
            p = q, cap = grow;
        }
        size_t got = fread(p + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        td__free(p);
        return TD_EIO;
    }
    if (n > max) {
        td__free(p);
        return TD_EINVAL;
    }
    p[n] = '\0';
    *out = p;
    *len = n;
    return TD_OK;
}

static td_status read_whole(engine_sink *k, const char *path, FILE *f,
                            td__format fmt)
{
    char *data = NULL;
    size_t len = 0;
    size_t max = td__sink_max_record(&k->base);
    td_status st = slurp(f, max, &data, &len);
    if (st == TD_EINVAL) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "larger than the %zu-byte record limit (--max-record); "
                 "skipped",
                 max);
        sink_fail(&k->base, path, TD_EINVAL, msg);
        return TD_OK;
    }
    if (st != TD_OK) {
        sink_fail(&k->base, path, st,
                  st == TD_EIO ? strerror(errno) : "out of memory");
        return st;
    }
    if (fmt == TD__FMT_JSON_ARRAY)
        st = td__read_json_array(&k->base, path, data, len);
    else
        st = td__ingest_dispatch_whole(&k->base, path, data, len, fmt);
    td__free(data);
    return st;
}

/* The kinds no reader takes, refused with their name; 1 when refused. */
static int refuse_kind(td__sink *s, const char *where, td__format fmt,
                       const char *head, size_t n, int from_url)
{
    if (fmt == TD__FMT_BINARY) {
        s->fail(s, where, TD_EBINARY,
                from_url ? "binary response, not text"
                         : "binary file, not text");
        return 1;
    }
    if (fmt == TD__FMT_XML_OTHER) {
        char root[40], msg[160];
        td__xml_root_name(head, n, root, sizeof root);
        snprintf(msg, sizeof msg,
                 "XML with root <%s> is neither HTML nor an RSS/Atom feed; "
                 "not an article",
                 root);
        s->fail(s, where, TD_EPARSE, msg);
        return 1;
    }
    return 0;
}

static td_status dispatch(engine_sink *k, const char *path, FILE *f,
                          uint64_t size)
{
    char head[HEAD_BYTES];
    size_t n = fread(head, 1, sizeof head, f);
    if (ferror(f)) {
        sink_fail(&k->base, path, TD_EIO, strerror(errno));
        return TD_EIO;
    }
    td__format fmt = td__detect_format(head, n, path);
    if (refuse_kind(&k->base, path, fmt, head, n, 0))
        return TD_OK;
    if (fseek(f, 0, SEEK_SET) != 0) {
        sink_fail(&k->base, path, TD_EIO, "cannot rewind the input");
        return TD_EIO;
    }
    switch (fmt) {
    case TD__FMT_JSONL:
        return td__read_jsonl(&k->base, path, f, size);
    case TD__FMT_WARC:
    case TD__FMT_GZIP: /* crawls are streamed, never slurped */
        return td__read_warc(&k->base, path, f, size);
    default:
        return read_whole(k, path, f, fmt);
    }
}

/* An http(s) argument: a page, a feed (whose summary-only items are then
 * fetched too), or any other input format served over HTTP. */
static td_status ingest_url(engine_sink *k, const char *url)
{
    td__fetch_result r;
    char err[256];
    td_status st = td__fetch(url, NULL, &r, err, sizeof err);
    if (st != TD_OK) {
        sink_fail(&k->base, url, st, err);
        return st == TD_ENOMEM ? st : TD_OK;
    }
    if (!r.body || r.len == 0) {
        sink_fail(&k->base, url, TD_EEMPTY, "empty response");
        td__fetch_result_free(&r);
        return TD_OK;
    }
    size_t hn = r.len < HEAD_BYTES ? r.len : HEAD_BYTES;
    td__format fmt = td__detect_format(r.body, hn, r.final_url);
    if (fmt == TD__FMT_TEXT && r.content_type &&
        strstr(r.content_type, "html"))
        fmt = TD__FMT_HTML;
    FILE *mf = NULL;
    if (refuse_kind(&k->base, url, fmt, r.body, hn, 1)) {
        td__fetch_result_free(&r);
        return TD_OK;
    }
    if (r.len > td__sink_max_record(&k->base) &&
        (fmt == TD__FMT_HTML || fmt == TD__FMT_FEED || fmt == TD__FMT_TEXT ||
         fmt == TD__FMT_JSON_ARRAY)) {
        char msg[160];
        snprintf(msg, sizeof msg,
                 "response larger than the %zu-byte record limit "
                 "(--max-record); skipped",
                 td__sink_max_record(&k->base));
        sink_fail(&k->base, url, TD_EINVAL, msg);
        td__fetch_result_free(&r);
        return TD_OK;
    }
    switch (fmt) {
    case TD__FMT_JSON_ARRAY:
        st = td__read_json_array(&k->base, url, r.body, r.len);
        break;
    case TD__FMT_HTML: {
        td_input base = {0};
        base.url = r.final_url;
        base.name = url;
        st = td__emit_html(&k->base, &base, url, r.body, r.len, 0,
                           r.charset);
        break;
    }
    case TD__FMT_FEED:
        st = td__read_feed(&k->base, url, r.body, r.len, 1);
        break;
    case TD__FMT_JSONL:
    case TD__FMT_WARC:
    case TD__FMT_GZIP:
        mf = fmemopen(r.body, r.len, "rb");
        if (!mf) {
            sink_fail(&k->base, url, TD_ENOMEM, "out of memory");
            st = TD_ENOMEM;
        } else if (fmt == TD__FMT_JSONL) {
            st = td__read_jsonl(&k->base, url, mf, r.len);
        } else {
            st = td__read_warc(&k->base, url, mf, r.len);
        }
        if (mf)
            fclose(mf);
        break;
    default:
        st = td__read_text(&k->base, url, r.body, r.len);
        break;
    }
    td__fetch_result_free(&r);
    return st;
}

/* The engine's pool for parallel analysis, made at its first use; NULL
 * with one job (or when threads cannot be had: then records are analysed
 * on the caller's thread, with the same result). */
static td__pool *engine_pool(td_engine *e)
{
    if (e->jobs <= 1)
        return NULL;
    if (!e->pool)
        e->pool = td__pool_new(e->jobs, (size_t)e->jobs * JOBS_PER_WORKER);
    return e->pool;
}

/* The sink that stores what the readers emit into e, counting in stats. */
static engine_sink engine_sink_of(td_engine *e, td_ingest_stats *stats,
                                  td_event_cb cb, void *ud)
{
    return (engine_sink){{sink_emit, sink_fail, sink_progress, sink_warn, 0},
                         e,
                         stats,
                         cb,
                         ud,
                         engine_pool(e),
                         NULL,
                         TD_OK};
}

/* What a path that is neither "-" nor a URL is, when it is not a regular
 * file: opening a FIFO would block for ever, reading a device never end. */
static const char *not_regular(mode_t m)
{
    if (S_ISDIR(m))
        return "is a directory";
    if (S_ISFIFO(m))
        return "is a FIFO (named pipe), not a regular file; pipe it to "
               "'tidings ingest -' instead";
    if (S_ISSOCK(m))
        return "is a socket, not a regular file";
    if (S_ISCHR(m))
        return "is a character device, not a regular file";
    if (S_ISBLK(m))
        return "is a block device, not a regular file";
    return S_ISREG(m) ? NULL : "is not a regular file";
}

TD_API td_status td_engine_ingest_path(td_engine *e, const char *path,
                                       td_ingest_stats *stats, td_event_cb cb,
                                       void *ud)
{
    return td_engine_ingest_path_opts(e, path, NULL, stats, cb, ud);
}

TD_API td_status td_engine_ingest_path_opts(td_engine *e, const char *path,
                                            const td_ingest_opts *opts,
                                            td_ingest_stats *stats,
                                            td_event_cb cb, void *ud)
{
    if (!e || !path)
        return TD_EINVAL;
    /* Refused once here rather than once per record: nothing could be
     * stored. */
    const char *ro = td__store_read_only(e->store);
    if (ro)
        return td__engine_fail(e, TD_EDB,
                               "%s: the database is read-only (this user "
                               "cannot write the file or its folder)",
                               ro);
    td_ingest_stats local = {0, 0, 0};
    engine_sink k = engine_sink_of(e, stats ? stats : &local, cb, ud);
    if (opts)
        k.base.max_record = opts->max_record;
    td_status st;
    if (strcmp(path, "-") == 0) {
        /* Standard input is JSON Lines (SPEC); it cannot be rewound. */
        st = td__read_jsonl(&k.base, "-", stdin, 0);
    } else if (td__is_url(path)) {
        st = ingest_url(&k, path);
    } else {
        struct stat sb;
        const char *why = stat(path, &sb) == 0 ? not_regular(sb.st_mode) : NULL;
        if (why) {
            sink_fail(&k.base, path, TD_EIO, why);
            finish(&k);
            return td__engine_fail(e, TD_EIO, "%s: %s", path, why);
        }
        FILE *f = fopen(path, "rb");
        if (!f) {
            int err = errno;
            sink_fail(&k.base, path, TD_EIO, strerror(err));
            finish(&k);
            return td__engine_fail(e, TD_EIO, "%s: %s", path, strerror(err));
        }
        uint64_t size = 0;
        if (fstat(fileno(f), &sb) == 0)
            size = (uint64_t)sb.st_size;
        st = dispatch(&k, path, f, size);
        fclose(f);
    }
    td_status fst = finish(&k);
    if (st == TD_OK)
        st = fst;
    td_status cst = td_engine_commit(e);
    if (st == TD_OK && cst != TD_OK)
        st = cst;
    return st;
}

td_status td__engine_ingest_feed(td_engine *e, const char *url,
                                 const char *data, size_t len,
                                 td_ingest_stats *stats, td_event_cb cb,
                                 void *ud)
{
    if (!e || !url || !data)
        return TD_EINVAL;
    td_ingest_stats local = {0, 0, 0};
    engine_sink k = engine_sink_of(e, stats ? stats : &local, cb, ud);
    size_t hn = len < HEAD_BYTES ? len : HEAD_BYTES;
    td_status st = TD_OK;
    if (td__detect_format(data, hn, NULL) != TD__FMT_FEED)
        sink_fail(&k.base, url, TD_EPARSE, "not an RSS or Atom feed");
    else
        st = td__read_feed(&k.base, url, data, len, 1);
    td_status fst = finish(&k);
    if (st == TD_OK)
        st = fst;
    td_status cst = td_engine_commit(e);
    return st == TD_OK ? cst : st;
}

TD_API td_status td_analyze_file(const char *path, td_analysis **out,
                                 char *errbuf, size_t errlen)
{
    if (!path || !out)
        return TD_EINVAL;
    int is_stdin = strcmp(path, "-") == 0;
    struct stat sb;
    const char *why =
        !is_stdin && stat(path, &sb) == 0 ? not_regular(sb.st_mode) : NULL;
    if (why) {
        if (errlen)
            snprintf(errbuf, errlen, "%s: %s", path, why);
        return TD_EIO;
    }
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        int err = errno;
        if (errlen)
            snprintf(errbuf, errlen, "%s: %s", path, strerror(err));
        return TD_EIO;
    }
    char *data = NULL;
    size_t len = 0;
    td_status st = slurp(f, MAX_ARTICLE_BYTES, &data, &len);
    if (!is_stdin)
        fclose(f);
    if (st != TD_OK) {
        if (errlen)
            snprintf(errbuf, errlen, "%s: %s", path,
                     st == TD_EINVAL ? "file too large for one article"
                     : st == TD_EIO  ? "read error"
                                     : "out of memory");
        return st == TD_EINVAL ? TD_EIO : st;
    }
    td__format fmt = is_stdin ? TD__FMT_TEXT
                              : td__detect_format(data, len < HEAD_BYTES ? len : HEAD_BYTES, path);
    td_input in = {0};
    in.name = path;
    in.name_is_file = !is_stdin;
    if (fmt == TD__FMT_HTML) {
        in.html = data, in.html_len = len;
    } else if (fmt == TD__FMT_TEXT || fmt == TD__FMT_BINARY) {
        in.text = data, in.text_len = len; /* td_analyze says binary */
    } else if (fmt == TD__FMT_XML_OTHER) {
        char root[40];
        td__xml_root_name(data, len < HEAD_BYTES ? len : HEAD_BYTES, root,
                          sizeof root);
        if (errlen)
            snprintf(errbuf, errlen,
                     "%s: XML with root <%s> is neither HTML nor an RSS/Atom "
                     "feed; not an article",
                     path, root);
        td__free(data);
        return TD_EINVAL;
    } else {
        if (errlen)
            snprintf(errbuf, errlen,
                     "%s: holds many articles (JSON Lines, feed or WARC); "
                     "use tidings ingest",
                     path);
        td__free(data);
        return TD_EINVAL;
    }
    st = td_analyze(&in, out);
    td__free(data);
    if (st != TD_OK && errlen)
        snprintf(errbuf, errlen, "%s: %s", path, td_strerror(st));
    return st;
}
