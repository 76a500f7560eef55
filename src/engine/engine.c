/* engine.c -- the engine handle: open, ingest, commit, read back. */
#include "engine/engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
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
    *out = e;
    return TD_OK;
}

TD_API void td_engine_close(td_engine *e)
{
    if (!e)
        return;
    td__store_commit(e->store);
    td__store_close(e->store);
    td__cluster_free(e->cl);
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
    td_status st = td__store_commit(e->store);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    e->pending = 0;
    return TD_OK;
}

static td_status store_analysis(td_engine *e, const td_input *in,
                                 const td_analysis *a)
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
    if (st == TD_OK)
        st = td__store_put(e->store, &row, &seq);
    td__free(terms);
    int64_t *ids = NULL;
    if (st == TD_OK)
        st = td__store_article_entities(e, seq, a, &ids);
    if (st == TD_OK)
        st = td__engine_cluster(e, seq, a, ids);
    td__free(ids);
    if (st != TD_OK)
        return st;
    if (++e->pending >= TD__BATCH) {
        st = td__store_commit(e->store);
        e->pending = 0;
    }
    return st;
}

TD_API td_status td_engine_ingest(td_engine *e, const td_input *in,
                                  int *added)
{
    if (!e || !in)
        return TD_EINVAL;
    const char *where = in->name ? in->name : in->id ? in->id : "article";
    if (!in->text && !in->html)
        return td__engine_fail(e, TD_EINVAL, "%s: no text", where);

    char *id = NULL;
    char reason[256];
    td_status st = td__input_id(in, &id, reason);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where,
                               st == TD_ENOMEM ? "out of memory" : reason);
    int found = 0;
    st = td__store_has(e->store, id, &found);
    td__free(id);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (found) {
        if (added)
            *added = 0;
        return TD_OK;
    }

    td_analysis *a = NULL;
    st = td_analyze(in, &a);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where, td_strerror(st));
    const char *why;
    st = td_analysis_status(a, &why);
    if (st != TD_OK) {
        td__engine_fail(e, st, "%s: %s", where, why);
        td_analysis_free(a);
        return st;
    }
    st = store_analysis(e, in, a);
    td_analysis_free(a);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s: %s", where,
                               st == TD_ENOMEM ? "out of memory"
                                               : td__store_errmsg(e->store));
    if (added)
        *added = 1;
    return TD_OK;
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
