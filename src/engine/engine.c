/* engine.c -- the engine handle: open, ingest, commit, read back. */
#include "engine/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/prof.h"
#include "engine/analysis.h"

td_status td__engine_fail(td_engine *e, td_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->err, sizeof e->err, fmt, ap);
    va_end(ap);
    return st;
}

TD_API td_status td_engine_open(const char *path, td_engine **out,
                                char *errbuf, size_t errlen)
{
    if (!path || !out) {
        if (errlen)
            snprintf(errbuf, errlen, "no database path given");
        return TD_EINVAL;
    }
    td_engine *e = td__calloc(1, sizeof *e);
    if (!e) {
        if (errlen)
            snprintf(errbuf, errlen, "%s: out of memory", path);
        return TD_ENOMEM;
    }
    td_status st = td__store_open(path, &e->store, errbuf, errlen);
    if (st != TD_OK) {
        td__free(e);
        return st;
    }
    e->jobs = 1;
    *out = e;
    return TD_OK;
}

TD_API void td_engine_close(td_engine *e)
{
    if (!e)
        return;
    td__engine_refine(e);
    td__pool_free(e->pool);
    td__store_commit(e->store);
    td__store_close(e->store);
    td__cluster_free(e->cl);
    td__entities_late_free(e);
    td__free(e->like);
    td__free(e);
}

TD_API const char *td_engine_errmsg(const td_engine *e)
{
    return e ? e->err : "no engine";
}

TD_API td_status td_engine_commit(td_engine *e)
{
    if (!e)
        return TD_EINVAL;
    td_status st = td__engine_refine(e);
    uint64_t t0 = td__prof_start();
    if (st == TD_OK)
        st = td__store_commit(e->store);
    td__prof_stop(TD__ST_STORE, t0);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    e->pending = 0;
    return TD_OK;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* *added = 0 when another writer stored the same id first. */
static td_status store_analysis(td_engine *e, const td_input *in,
                                 const td_analysis *a, int *added)
{
    char *terms = td__analysis_terms(a);
    if (!terms)
        return TD_ENOMEM;
    td__stored row = {
        .id = a->id,
        .url = a->url,
        .title = a->clean.title,
        .date = a->date,
        .lang = a->lang,
        .lang_confidence = a->lang_confidence,
        .source = a->source,
        .name = in->name,
        .text = a->clean.text,
        .terms = terms,
        .raw_len = a->raw_len,
        .author = a->author,
        .canonical_url = a->canonical_url,
    };
    int64_t seq = 0;
    td_status st = td__store_begin(e->store);
    if (st == TD_OK && td__store_changed(e->store)) {
        /* Another writer stored articles since our last batch; we hold the
         * write lock now, so the clusterer reloaded from the store sees
         * all of them, and our stories are what one writer would make. */
        td__cluster_free(e->cl);
        e->cl = NULL;
    }
    uint64_t t0 = td__prof_start();
    if (st == TD_OK)
        st = td__store_put(e->store, &row, &seq);
    td__prof_stop(TD__ST_STORE, t0);
    td__free(terms);
    if (st == TD_OK && seq == 0) {
        *added = 0; /* stored by another writer since our look-up */
        return TD_OK;
    }
    int64_t *ids = NULL;
    t0 = td__prof_start();
    if (st == TD_OK)
        st = td__store_article_entities(e, seq, a, &ids);
    td__prof_stop(TD__ST_RESOLVE, t0);
    t0 = td__prof_start();
    if (st == TD_OK)
        st = td__engine_cluster(e, seq, a, ids);
    td__prof_stop(TD__ST_CLUSTER, t0);
    td__free(ids);
    if (st != TD_OK)
        return st;
    *added = 1;
    double t = now_seconds();
    if (e->pending++ == 0)
        e->batch_start = t;
    /* The revisit comes every TD__BATCH articles, never on the clock: the
     * stories depend on where revisits fall, and a busy machine (or one
     * thread rather than two) must not change them. A batch cut short by
     * time is only committed. */
    int revisit = e->unrefined >= TD__BATCH;
    if (revisit || e->pending >= TD__BATCH ||
        t - e->batch_start >= TD__BATCH_SECONDS) {
        if (revisit)
            st = td__engine_refine(e);
        t0 = td__prof_start();
        if (st == TD_OK)
            st = td__store_commit(e->store);
        td__prof_stop(TD__ST_STORE, t0);
        e->pending = 0;
    }
    return st;
}

static const char *where_of(const td_input *in)
{
    return in->name ? in->name : in->id ? in->id : "article";
}

td_status td__engine_precheck(td_engine *e, const td_input *in, int *found)
{
    const char *where = where_of(in);
    if (!in->text && !in->html)
        return td__engine_fail(e, TD_EINVAL, "%s: no text", where);
    char *id = NULL;
    char reason[256];
    td_status st = td__input_id(in, &id, reason);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where,
                               st == TD_ENOMEM ? "out of memory" : reason);
    st = td__store_has(e->store, id, found);
    td__free(id);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    return TD_OK;
}

td_status td__engine_store_analysis(td_engine *e, const td_input *in,
                                    const td_analysis *a, int recheck,
                                    int *added)
{
    const char *where = where_of(in);
    const char *why;
    td_status st = td_analysis_status(a, &why);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where, why);
    if (recheck) {
        /* The same id twice in one stream: the first copy was still being
         * analysed when the second was prechecked. */
        int found = 0;
        st = td__store_has(e->store, a->id, &found);
        if (st != TD_OK)
            return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
        if (found) {
            *added = 0;
            return TD_OK;
        }
    }
    st = store_analysis(e, in, a, added);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where,
                               st == TD_ENOMEM ? "out of memory"
                                               : td__store_errmsg(e->store));
    return TD_OK;
}

TD_API td_status td_engine_ingest(td_engine *e, const td_input *in,
                                  int *added)
{
    if (!e || !in)
        return TD_EINVAL;
    int found = 0;
    td_status st = td__engine_precheck(e, in, &found);
    if (st != TD_OK)
        return st;
    if (found) {
        if (added)
            *added = 0;
        return TD_OK;
    }
    td_analysis *a = NULL;
    st = td_analyze(in, &a);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where_of(in), td_strerror(st));
    int stored = 0;
    st = td__engine_store_analysis(e, in, a, 0, &stored);
    td_analysis_free(a);
    if (st == TD_OK && added)
        *added = stored;
    return st;
}

TD_API td_status td_engine_set_jobs(td_engine *e, int jobs)
{
    if (!e || jobs < 0 || jobs > TD_MAX_JOBS)
        return TD_EINVAL;
    int n = jobs == 0 ? td__cpu_count() : jobs;
    if (n != e->jobs) {
        /* The next parallel ingest makes a pool of the new size. */
        td__pool_free(e->pool);
        e->pool = NULL;
    }
    e->jobs = n;
    return TD_OK;
}

TD_API int td_engine_jobs(const td_engine *e)
{
    return e ? e->jobs : 0;
}

TD_API int64_t td_engine_article_count(td_engine *e)
{
    return e ? td__store_count(e->store) : -1;
}

static td_status wrap_cursor(td_engine *e, td_status st,
                             td__store_cursor *sc, td_cursor **out)
{
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s",
                               st == TD_ENOMEM ? "out of memory"
                                               : td__store_errmsg(e->store));
    td_cursor *c = td__calloc(1, sizeof *c);
    if (!c) {
        td__store_cursor_free(sc);
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    }
    c->sc = sc;
    c->e = e;
    *out = c;
    return TD_OK;
}

TD_API td_status td_engine_articles(td_engine *e, td_cursor **out)
{
    if (!e || !out)
        return TD_EINVAL;
    td__store_cursor *sc = NULL;
    td_status st = td__store_all(e->store, &sc);
    return wrap_cursor(e, st, sc, out);
}

TD_API td_status td_engine_article(td_engine *e, const char *id,
                                   td_cursor **out)
{
    if (!e || !id || !out)
        return TD_EINVAL;
    int found = 0;
    td_status st = td__store_has(e->store, id, &found);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (!found)
        return td__engine_fail(e, TD_ENOTFOUND, "no article with id %s", id);
    td__store_cursor *sc = NULL;
    st = td__store_get(e->store, id, &sc);
    return wrap_cursor(e, st, sc, out);
}

TD_API td_status td_engine_search(td_engine *e, const char *query, int limit,
                                  td_cursor **out)
{
    if (!e || !query || !out)
        return TD_EINVAL;
    td__search q;
    char *owned = NULL;
    td_status st = td__parse_query(e, query, &q, &owned);
    if (st != TD_OK)
        return st;
    q.limit = limit > 0 ? limit : 20;
    td__store_cursor *sc = NULL;
    st = td__store_find(e->store, &q, &sc);
    td__free(owned);
    return wrap_cursor(e, st, sc, out);
}

TD_API td_status td_cursor_next(td_cursor *c, const td_article **out)
{
    if (!c || !out)
        return TD_EINVAL;
    td_status st = td__store_next(c->sc, &c->row);
    if (st == TD_OK)
        *out = &c->row;
    else if (st != TD_DONE)
        td__engine_fail(c->e, st, "%s", td__store_errmsg(c->e->store));
    return st;
}

TD_API void td_cursor_free(td_cursor *c)
{
    if (!c)
        return;
    td__store_cursor_free(c->sc);
    td__free(c);
}
