/* stories.c -- the story stage in the engine: clustering each stored
 * article, keeping what a later run needs to go on, and reading stories
 * back. */
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/prof.h"
#include "engine/analysis.h"
#include "engine/engine.h"
#include "story/features.h"

/* How many recent articles a new run reloads into the clusterer: stories
 * older than these are finished news. */
#define RELOAD_ARTICLES 50000

typedef struct reload {
    td_engine *e;
} reload;

static int restore_one(void *ud, int64_t seq, const char *lang,
                       const char *date, int64_t story, int64_t root,
                       int64_t ntokens, const void *f, size_t flen,
                       const void *sig, size_t slen)
{
    reload *r = ud;
    if (flen % sizeof(td__feature) || slen != TD__MINHASH * sizeof(uint64_t))
        return 0; /* not ours: skip rather than misread */
    td__fvec v = {(td__feature *)(uintptr_t)f, flen / sizeof(td__feature),
                  NULL, (size_t)ntokens};
    uint64_t s[TD__MINHASH];
    memcpy(s, sig, sizeof s);
    td_status st = td__cluster_restore(r->e->cl, seq, lang ? lang : "und",
                                       td__day_number(date), &v, s, story,
                                       root);
    return st == TD_OK ? 0 : (int)st;
}

static td_status load_clusterer(td_engine *e)
{
    e->cl = td__cluster_new();
    if (!e->cl)
        return TD_ENOMEM;
    reload r = {e};
    td_status st = td__store_features_recent(e->store, RELOAD_ARTICLES,
                                             restore_one, &r);
    if (st != TD_OK) {
        td__cluster_free(e->cl);
        e->cl = NULL;
    }
    return st;
}

td_status td__engine_cluster(td_engine *e, int64_t seq, const td_analysis *a,
                             const int64_t *entity_ids)
{
    td_status st = TD_OK;
    if (!e->cl && (st = load_clusterer(e)) != TD_OK)
        return st;
    td__fvec f;
    st = td__features_build(a, entity_ids, 1, &f);
    if (st != TD_OK)
        return st;
    uint64_t sig[TD__MINHASH];
    td__minhash(a, sig);
    FILE *trace = td__cluster_trace();
    if (trace)
        fprintf(trace, "N %lld %s\n", (long long)seq, a->id);
    td__assignment as;
    st = td__cluster_add(e->cl, seq, a->lang, td__day_number(a->date), &f,
                         sig, &as);
    if (st == TD_OK)
        st = td__store_assign(e->store, seq, as.story, as.duplicate_of,
                              as.translation_of, as.score, as.why);
    if (st == TD_OK && as.merged)
        st = td__store_merge_stories(e->store, as.story, as.merged);
    if (st == TD_OK)
        e->unrefined++;
    if (st == TD_OK) {
        int64_t root = as.duplicate_of     ? as.duplicate_of
                       : as.translation_of ? as.translation_of
                                           : seq;
        st = td__store_features_put(e->store, seq, f.v, f.n * sizeof *f.v,
                                    sig, sizeof sig, root,
                                    (int64_t)f.ntokens);
    }
    if (st == TD_OK || st == TD_ENOMEM)
        td__free(as.why);
    td__fvec_free(&f);
    return st;
}

typedef struct mover {
    td_engine *e;
    td_status st;
} mover;

static void store_move(void *ud, int64_t seq, int64_t story, double score,
                       const char *why)
{
    mover *m = ud;
    if (m->st == TD_OK)
        m->st = td__store_reassign(m->e->store, seq, story, score, why);
}

td_status td__engine_refine(td_engine *e)
{
    if (!e->cl || !e->unrefined)
        return TD_OK;
    mover m = {e, td__store_begin(e->store)};
    uint64_t t0 = td__prof_start();
    if (m.st == TD_OK)
        m.st = td__entities_late(e);
    td__prof_stop(TD__ST_LATE, t0);
    if (m.st != TD_OK) {
        td__entities_late_free(e);
        return m.st;
    }
    t0 = td__prof_start();
    td_status st = td__cluster_refine(e->cl, TD__RECENT_WINDOW, store_move, &m);
    td__prof_stop(TD__ST_REVISIT, t0);
    t0 = td__prof_start();
    if (st == TD_OK && m.st == TD_OK)
        st = td__entities_late_finish(e);
    else
        td__entities_late_free(e);
    td__prof_stop(TD__ST_LATE, t0);
    e->unrefined = 0;
    return st != TD_OK ? st : m.st;
}

/* ------------------------------------------------------------ read back */

struct td_story_cursor {
    td_engine *e;
    td__store_cursor *sc;
    td__story_row row;
    td_story out;
    int peeked; /* row holds a row read ahead, not yet yielded */
};

static td_status open_stories(td_engine *e, const td__story_query *q,
                              td_story_cursor **out)
{
    td_story_cursor *c = td__calloc(1, sizeof *c);
    if (!c)
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    td_status st = td__store_stories(e->store, q, &c->sc);
    if (st != TD_OK) {
        td__free(c);
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    }
    c->e = e;
    *out = c;
    return TD_OK;
}

static int valid_date_prefix(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

TD_API td_status td_engine_stories(td_engine *e, const char *since,
                                   const char *lang, int limit,
                                   td_story_cursor **out)
{
    if (!e || !out)
        return TD_EINVAL;
    if (since && !valid_date_prefix(since))
        return td__engine_fail(e, TD_EINVAL,
                               "since: wants YYYY, YYYY-MM or YYYY-MM-DD, "
                               "got '%s'",
                               since);
    if (lang && (strlen(lang) < 2 || strlen(lang) > 3))
        return td__engine_fail(e, TD_EINVAL,
                               "lang: wants a 2- or 3-letter code, got '%s'",
                               lang);
    td__story_query q = {0, since, lang, limit};
    return open_stories(e, &q, out);
}

TD_API td_status td_engine_story(td_engine *e, int64_t id,
                                 td_story_cursor **out)
{
    if (!e || !out || id <= 0)
        return TD_EINVAL;
    td__story_query q = {id, NULL, NULL, 1};
    td_story_cursor *c = NULL;
    td_status st = open_stories(e, &q, &c);
    if (st != TD_OK)
        return st;
    /* Peek: an unknown id is TD_ENOTFOUND now, not an empty cursor. */
    st = td__store_story_next(c->sc, &c->row);
    if (st != TD_OK) {
        td_story_cursor_free(c);
        if (st == TD_DONE)
            return td__engine_fail(e, TD_ENOTFOUND, "no story with id %lld",
                                   (long long)id);
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    }
    /* The row's strings live in the statement: keep it open until the
     * cursor is freed, and yield the peeked row first. */
    c->peeked = 1;
    *out = c;
    return TD_OK;
}

TD_API td_status td_story_next(td_story_cursor *c, const td_story **out)
{
    if (!c || !out)
        return TD_EINVAL;
    if (c->peeked) {
        c->peeked = 0;
    } else {
        td_status st = td__store_story_next(c->sc, &c->row);
        if (st != TD_OK) {
            if (st != TD_DONE)
                td__engine_fail(c->e, st, "%s", td__store_errmsg(c->e->store));
            return st;
        }
    }
    c->out.id = c->row.id;
    c->out.articles = c->row.articles;
    c->out.sources = c->row.sources;
    c->out.languages = c->row.languages;
    c->out.first_date = c->row.first_date;
    c->out.last_date = c->row.last_date;
    c->out.title = c->row.title;
    *out = &c->out;
    return TD_OK;
}

TD_API void td_story_cursor_free(td_story_cursor *c)
{
    if (!c)
        return;
    td__store_cursor_free(c->sc);
    td__free(c);
}

TD_API td_status td_engine_story_articles(td_engine *e, int64_t id,
                                          td_cursor **out)
{
    if (!e || !out)
        return TD_EINVAL;
    td_cursor *c = td__calloc(1, sizeof *c);
    if (!c)
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    td_status st = td__store_story_articles(e->store, id, &c->sc);
    if (st != TD_OK) {
        td__free(c);
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    }
    c->e = e;
    *out = c;
    return TD_OK;
}

TD_API td_status td_engine_story_articles_page(td_engine *e, int64_t id,
                                               int limit, int offset,
                                               td_cursor **out)
{
    if (!e || !out)
        return TD_EINVAL;
    if (limit < 1 || limit > 1000 || offset < 0)
        return td__engine_fail(e, TD_EINVAL,
                               "limit wants 1 to 1000 and offset >= 0");
    td_cursor *c = td__calloc(1, sizeof *c);
    if (!c)
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    td_status st =
        td__store_story_articles_page(e->store, id, limit, offset, &c->sc);
    if (st != TD_OK) {
        td__free(c);
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    }
    c->e = e;
    *out = c;
    return TD_OK;
}

TD_API td_status td_engine_story_timeline(td_engine *e, int64_t id,
                                          td_timeline_cb cb, void *ud)
{
    if (!e || !cb)
        return TD_EINVAL;
    td_status st = td__store_story_timeline(e->store, id, cb, ud);
    return st == TD_OK ? TD_OK
                       : td__engine_fail(e, st, "%s",
                                         td__store_errmsg(e->store));
}

typedef struct ent_walk {
    td_engine *e;
    td_story_entity_cb cb;
    void *ud;
    td_status st;
} ent_walk;

static void on_story_entity(void *ud, int64_t entity, int64_t articles)
{
    ent_walk *w = ud;
    if (w->st != TD_OK)
        return;
    char *name = NULL;
    int kind = 0;
    w->st = td__store_entity_get(w->e->store, entity, &name, &kind);
    if (w->st == TD_OK)
        w->cb(w->ud, name, td__entity_kind_name(kind), articles);
    td__free(name);
}

TD_API td_status td_engine_story_entities(td_engine *e, int64_t id, int limit,
                                          td_story_entity_cb cb, void *ud)
{
    if (!e || !cb)
        return TD_EINVAL;
    ent_walk w = {e, cb, ud, TD_OK};
    td_status st = td__store_story_entities(e->store, id,
                                            limit > 0 ? limit : 20,
                                            on_story_entity, &w);
    if (st == TD_OK)
        st = w.st;
    return st == TD_OK ? TD_OK
                       : td__engine_fail(e, st, "%s",
                                         td__store_errmsg(e->store));
}
