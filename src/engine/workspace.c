/* workspace.c -- what the analyst's views need from the engine (issue
 * 17): headlines, story activity in news time and the breaking rule,
 * paged search with totals and entity expansion, saved follows. Reads go
 * through the store's workspace section; nothing here builds SQL. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/headline.h"
#include "core/alloc.h"
#include "engine/analysis.h"
#include "engine/engine.h"
#include "engine/search.h"
#include "entity/extract.h"

#define CANDIDATES 8 /* articles a story's headline is chosen among */
#define RECENT_DAYS 2
#define EARLIER_DAYS 6

TD_API int td_headline(const char *title, const char *text, const char *lang,
                       char *out, size_t cap)
{
    return td__headline(title, text, lang, out, cap);
}

TD_API const char *td_headline_reject(const char *title, const char *lang)
{
    return title ? td__headline_reject(title, strlen(title), lang) : "empty";
}

/* ------------------------------------------------------------ headline */

typedef struct candidate {
    char lang[8];
    char *title, *text;
} candidate;

typedef struct candidates {
    candidate v[CANDIDATES];
    size_t n;
    int oom;
} candidates;

static int keep_candidate(void *ud, const char *lang, const char *title,
                          const char *text)
{
    candidates *c = ud;
    if (c->n == CANDIDATES)
        return 1;
    candidate *k = &c->v[c->n];
    snprintf(k->lang, sizeof k->lang, "%s", lang ? lang : "und");
    k->title = title ? td__strdup(title) : NULL;
    k->text = text ? td__strdup(text) : NULL;
    if ((title && !k->title) || (text && !k->text)) {
        td__free(k->title);
        td__free(k->text);
        c->oom = 1;
        return 1;
    }
    c->n++;
    return 0;
}

static void candidates_free(candidates *c)
{
    for (size_t i = 0; i < c->n; i++) {
        td__free(c->v[i].title);
        td__free(c->v[i].text);
    }
    c->n = 0;
}

/* A real title among the candidates first, else the first lead sentence. */
static int pick(const candidates *c, char *out, size_t cap, char lang[8])
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].title &&
            td__headline(c->v[i].title, NULL, c->v[i].lang, out, cap) == 2) {
            memcpy(lang, c->v[i].lang, 8);
            return 1;
        }
    for (size_t i = 0; i < c->n; i++)
        if (td__headline(NULL, c->v[i].text, c->v[i].lang, out, cap) == 1) {
            memcpy(lang, c->v[i].lang, 8);
            return 1;
        }
    return 0;
}

TD_API td_status td_engine_story_headline(td_engine *e, int64_t id,
                                          const char *hl, char *out,
                                          size_t cap, char lang[8])
{
    if (!e || !out || cap < 8 || !lang || id <= 0)
        return TD_EINVAL;
    char buf[1024];
    char got[8];
    size_t room = cap < sizeof buf ? cap : sizeof buf;
    for (int pass = hl && *hl ? 0 : 1; pass < 2; pass++) {
        /* The most central article alone first (one summary row): when
         * its title is a headline, or no article of the story has a title
         * and its lead sentence is one, the longer look gives the same. */
        candidates c = {.n = 0};
        td_status st = td__store_story_candidates(
            e->store, id, pass == 0 ? hl : NULL, 1, keep_candidate, &c);
        if (st == TD_OK && c.oom)
            st = TD_ENOMEM;
        if (st != TD_OK) {
            candidates_free(&c);
            return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
        }
        int done = c.n && (c.v[0].title
                               ? td__headline(c.v[0].title, NULL, c.v[0].lang,
                                              buf, room) == 2
                               : td__headline(NULL, c.v[0].text, c.v[0].lang,
                                              buf, room) == 1);
        if (done) {
            memcpy(lang, c.v[0].lang, 8);
            candidates_free(&c);
            memcpy(out, buf, strlen(buf) + 1);
            return TD_OK;
        }
        int none = c.n == 0;
        candidates_free(&c);
        if (none)
            continue; /* no article in that language */
        st = td__store_story_candidates(
            e->store, id, pass == 0 ? hl : NULL, CANDIDATES, keep_candidate,
            &c);
        if (st == TD_OK && c.oom)
            st = TD_ENOMEM;
        if (st != TD_OK) {
            candidates_free(&c);
            return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
        }
        int found = pick(&c, buf, room, got);
        candidates_free(&c);
        if (found) {
            memcpy(out, buf, strlen(buf) + 1);
            memcpy(lang, got, 8);
            return TD_OK;
        }
    }
    return td__engine_fail(e, TD_ENOTFOUND, "story %lld has no headline",
                           (long long)id);
}

/* ------------------------------------------------------------ activity */

/* Days since 1970-01-01 of a YYYY-MM-DD date, and back (civil calendar). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, char out[11])
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
             (unsigned)m % 100u, (unsigned)d % 100u);
}

TD_API td_status td_engine_story_activity(td_engine *e, char now[11],
                                          td_activity_cb cb, void *ud)
{
    if (!e || !now || !cb)
        return TD_EINVAL;
    char day[11];
    td_status st = td__store_latest_day(e->store, day);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    memcpy(now, day, sizeof day);
    int y, m, d;
    if (!day[0] || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return TD_OK; /* no day dates: no activity to speak of */
    long today = days_from_civil(y, m, d);
    char recent[11], earlier[11];
    civil_from_days(today - (RECENT_DAYS - 1), recent);
    civil_from_days(today - (RECENT_DAYS - 1) - EARLIER_DAYS, earlier);
    st = td__store_story_activity(e->store, recent, earlier, cb, ud);
    return st == TD_OK ? TD_OK
                       : td__engine_fail(e, st, "%s",
                                         td__store_errmsg(e->store));
}

typedef struct rising {
    int64_t entity, recent, earlier;
    double excess;
} rising;

typedef struct risings {
    rising *v;
    size_t n, cap;
    int oom;
} risings;

static int is_rising(int64_t recent, int64_t earlier)
{
    return recent >= 2 &&
           (double)recent / RECENT_DAYS >= 2.0 * (double)earlier / EARLIER_DAYS;
}

static void keep_rising(void *ud, int64_t entity, int kind, const char *key,
                        int64_t recent, int64_t earlier)
{
    (void)kind;
    (void)key;
    risings *r = ud;
    if (r->oom || !is_rising(recent, earlier))
        return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        rising *v = td__realloc(r->v, cap * sizeof *v);
        if (!v) {
            r->oom = 1;
            return;
        }
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = (rising){
        entity, recent, earlier,
        (double)recent - (double)earlier * RECENT_DAYS / EARLIER_DAYS};
}

static int cmp_rising(const void *x, const void *y)
{
    const rising *a = x, *b = y;
    if (a->excess != b->excess)
        return a->excess < b->excess ? 1 : -1;
    if (a->recent != b->recent)
        return (a->recent < b->recent) - (a->recent > b->recent);
    return (a->entity > b->entity) - (a->entity < b->entity);
}

TD_API td_status td_engine_rising_entities(td_engine *e, int limit,
                                           char now[11], td_rising_cb cb,
                                           void *ud)
{
    if (!e || !now || !cb)
        return TD_EINVAL;
    if (limit < 1 || limit > 1000)
        return td__engine_fail(e, TD_EINVAL, "limit wants 1 to 1000");
    char day[11];
    td_status st = td__store_latest_day(e->store, day);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    memcpy(now, day, sizeof day);
    int y, m, d;
    if (!day[0] || sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return TD_OK; /* no day dates: nothing rises */
    long today = days_from_civil(y, m, d);
    char recent[11], earlier[11];
    civil_from_days(today - (RECENT_DAYS - 1), recent);
    civil_from_days(today - (RECENT_DAYS - 1) - EARLIER_DAYS, earlier);
    risings r = {.n = 0};
    st = td__store_entity_activity(e->store, recent, earlier, keep_rising, &r);
    if (st != TD_OK) {
        td__free(r.v);
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    }
    if (r.oom) {
        td__free(r.v);
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    }
    if (r.n)
        qsort(r.v, r.n, sizeof *r.v, cmp_rising);
    for (size_t i = 0; i < r.n && i < (size_t)limit && st == TD_OK; i++) {
        char *name = NULL;
        int kind = 0;
        st = td__store_entity_get(e->store, r.v[i].entity, &name, &kind);
        if (st != TD_OK) {
            td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
            break;
        }
        if (name)
            cb(ud, name, td__entity_kind_name(kind), r.v[i].recent,
               r.v[i].earlier);
        td__free(name);
    }
    td__free(r.v);
    return st;
}

TD_API int td_story_is_breaking(int64_t recent, int64_t earlier)
{
    /* Daily rates: recent / 2 days against earlier / 6 days. */
    return recent >= 3 &&
           (double)recent / RECENT_DAYS >= 2.0 * (double)earlier / EARLIER_DAYS;
}

/* -------------------------------------------------------------- search */

static int valid_day_prefix(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return 0;
    return 1;
}

/* A comma-separated list of letter codes ("EN, de", "kz,UA"), spaces
 * dropped, folded to lower (lang) or upper (country) case, each code
 * min..max letters (owned); NULL with a message naming the parameter and
 * the form it wants. */
static char *code_list(td_engine *e, const char *in, size_t min, size_t max,
                       int upper, const char *param, const char *wants)
{
    size_t n = strlen(in);
    char *out = td__malloc(n + 1);
    if (!out) {
        td__engine_fail(e, TD_ENOMEM, "out of memory");
        return NULL;
    }
    size_t k = 0, run = 0;
    for (size_t i = 0; i <= n; i++) {
        char c = in[i];
        if (c == ' ')
            continue;
        int end = c == ',' || c == '\0';
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if ((end && (run < min || run > max)) ||
            (!end && (!letter || run == max))) {
            td__free(out);
            td__engine_fail(e, TD_EINVAL, "%s: wants %s, got '%.60s'", param,
                            wants, in);
            return NULL;
        }
        if (end) {
            out[k++] = c;
            run = 0;
        } else {
            out[k++] = upper ? (char)(c & ~0x20) : (char)(c | 0x20);
            run++;
        }
    }
    return out;
}

/* "EN, de" -> "en,de" (owned); NULL with a message when a code is bad. */
static char *lang_list(td_engine *e, const char *in)
{
    return code_list(e, in, 2, 3, 0, "lang",
                     "2- or 3-letter codes separated by commas");
}

TD_API td_status td_engine_search_page(td_engine *e, const char *query,
                                       const td_search_opts *opts,
                                       td_cursor **out, int64_t *total)
{
    if (!e || !query || !opts || !out)
        return TD_EINVAL;
    if (opts->limit > 1000 || opts->offset < 0 || opts->after_seq < 0)
        return td__engine_fail(e, TD_EINVAL,
                               "limit wants 1 to 1000 and offset >= 0");
    if ((opts->since && !valid_day_prefix(opts->since)) ||
        (opts->until && !valid_day_prefix(opts->until)))
        return td__engine_fail(e, TD_EINVAL,
                               "since/until: want YYYY, YYYY-MM or "
                               "YYYY-MM-DD");
    td__search q;
    char *owned = NULL, *langs = NULL;
    td_status st = td__parse_query_ex(e, query, &q, &owned,
                                      opts->on_expansion, opts->expansion_ud);
    if (st != TD_OK)
        return st;
    if (opts->lang && !q.lang) {
        langs = lang_list(e, opts->lang);
        if (!langs) {
            td__free(owned);
            return e->err[0] && strstr(e->err, "memory") ? TD_ENOMEM
                                                         : TD_EINVAL;
        }
        q.lang = langs;
    }
    /* The later of two since dates and the earlier of two untils: both
     * the query's own filter and the option hold. */
    if (opts->since && (!q.since || strcmp(opts->since, q.since) > 0))
        q.since = opts->since;
    if (opts->until && (!q.until || strcmp(opts->until, q.until) < 0))
        q.until = opts->until;
    char site[256];
    if (opts->author && !q.author)
        q.author = opts->author;
    if (opts->outlet && !q.outlet)
        q.outlet = opts->outlet;
    if (opts->site && !q.site) {
        size_t sn = strlen(opts->site);
        if (sn >= sizeof site) {
            td__free(owned);
            td__free(langs);
            return td__engine_fail(e, TD_EINVAL, "site: is too long");
        }
        memcpy(site, opts->site, sn + 1);
        if (!td__site_value(site, &sn)) {
            td__free(owned);
            td__free(langs);
            return td__engine_fail(e, TD_EINVAL,
                                   "site: wants a domain like example.com, "
                                   "got '%.60s'",
                                   opts->site);
        }
        site[sn] = '\0';
        q.site = site;
    }
    if ((q.author && (!*q.author || strlen(q.author) > 200)) ||
        (q.outlet && (!*q.outlet || strlen(q.outlet) > 200))) {
        td__free(owned);
        td__free(langs);
        return td__engine_fail(e, TD_EINVAL,
                               "author/outlet: want 1 to 200 bytes");
    }
    q.limit = opts->limit > 0 ? opts->limit : 20;
    int64_t n = 0;
    if (total) {
        st = td__store_find_total(e->store, &q, opts->after_seq, &n);
        if (st != TD_OK) {
            td__free(owned);
            td__free(langs);
            return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
        }
    }
    td__store_cursor *sc = NULL;
    st = td__store_find_page(e->store, &q, opts->offset, opts->by_date,
                             opts->after_seq, &sc);
    td__free(owned);
    td__free(langs);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    td_cursor *c = td__calloc(1, sizeof *c);
    if (!c) {
        td__store_cursor_free(sc);
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    }
    c->sc = sc;
    c->e = e;
    *out = c;
    if (total)
        *total = n;
    return TD_OK;
}

typedef struct expansion_fwd {
    td_expansion_cb cb;
    void *ud;
} expansion_fwd;

static void forward_expansion(void *ud, const char *word, const char *entity,
                              size_t forms)
{
    expansion_fwd *f = ud;
    f->cb(f->ud, word, entity, forms);
}

TD_API td_status td_engine_search_expansions(td_engine *e, const char *query,
                                             td_expansion_cb cb, void *ud)
{
    if (!e || !query || !cb)
        return TD_EINVAL;
    td__search q;
    char *owned = NULL;
    expansion_fwd f = {cb, ud};
    td_status st =
        td__parse_query_ex(e, query, &q, &owned, forward_expansion, &f);
    td__free(owned);
    return st;
}

TD_API td_status td_engine_article_story(td_engine *e, const char *id,
                                         int64_t *story)
{
    if (!e || !id || !story)
        return TD_EINVAL;
    int found = 0;
    td_status st = td__store_article_story(e->store, id, story, &found);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (!found)
        return td__engine_fail(e, TD_ENOTFOUND, "no article with id %.200s",
                               id);
    return TD_OK;
}

TD_API int64_t td_engine_last_seq(td_engine *e)
{
    return e ? td__store_last_seq(e->store) : -1;
}

/* ------------------------------------------------------------- follows */

TD_API td_status td_engine_follow_add(td_engine *e, const char *query,
                                      int64_t *id)
{
    if (!e || !query)
        return TD_EINVAL;
    /* A follow that could never match is refused now, not at alert time. */
    td__search q;
    char *owned = NULL;
    td_status st = td__parse_query(e, query, &q, &owned);
    td__free(owned);
    if (st != TD_OK)
        return st;
    /* What is stored already is not news to the new follow. */
    int64_t seq = td__store_last_seq(e->store);
    if (seq < 0)
        return td__engine_fail(e, TD_EDB, "%s", td__store_errmsg(e->store));
    int64_t got = 0;
    st = td__store_follow_add(e->store, query, seq, &got);
    if (st == TD_OK)
        st = td_engine_commit(e);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (id)
        *id = got;
    return TD_OK;
}

TD_API td_status td_engine_follow_rm(td_engine *e, int64_t id)
{
    if (!e || id <= 0)
        return TD_EINVAL;
    int found = 0;
    td_status st = td__store_follow_rm(e->store, id, &found);
    if (st == TD_OK)
        st = td_engine_commit(e);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (!found)
        return td__engine_fail(e, TD_ENOTFOUND, "no follow with id %lld",
                               (long long)id);
    return TD_OK;
}

TD_API td_status td_engine_follows(td_engine *e, td_follow_cb cb, void *ud)
{
    if (!e || !cb)
        return TD_EINVAL;
    td_status st = td__store_follows(e->store, cb, ud);
    return st == TD_OK ? TD_OK
                       : td__engine_fail(e, st, "%s",
                                         td__store_errmsg(e->store));
}

TD_API td_status td_engine_follow_seen(td_engine *e, int64_t id, int64_t seq)
{
    if (!e || id <= 0 || seq < 0)
        return TD_EINVAL;
    int found = 0;
    td_status st = td__store_follow_seen(e->store, id, seq, &found);
    if (st == TD_OK)
        st = td_engine_commit(e);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
    if (!found)
        return td__engine_fail(e, TD_ENOTFOUND, "no follow with id %lld",
                               (long long)id);
    return TD_OK;
}

/* --------------------------------------------------------- story lists */

typedef struct act {
    int64_t story, recent, earlier;
} act;

typedef struct acts {
    act *v;
    size_t n, cap;
    int oom;
} acts;

static void collect_act(void *ud, int64_t story, int64_t recent,
                        int64_t earlier)
{
    acts *a = ud;
    if (a->oom)
        return;
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        act *v = td__realloc(a->v, cap * sizeof *v);
        if (!v) {
            a->oom = 1;
            return;
        }
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = (act){story, recent, earlier};
}

static int cmp_act(const void *x, const void *y)
{
    const act *a = x, *b = y;
    return (a->story > b->story) - (a->story < b->story);
}

static int cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

typedef struct item {
    td_ranked_story r;
    char *languages, *first_date, *last_date, *title;
    char headline[512];
    char hl_lang[8];
} item;

typedef struct facet {
    char code[8];
    int64_t stories;
} facet;

typedef struct ent_facet {
    char *name;
    const char *kind;
    int64_t stories;
} ent_facet;

struct td_story_list {
    item *v;
    size_t n, cap;   /* all matching stories, sorted */
    size_t from, to; /* the page */
    char now[11];
    facet *langs;    /* languages over all n stories, most first */
    size_t nlangs;
    int64_t *ids;    /* the n story ids, sorted */
    facet *countries; /* TD_FACET_COUNTRIES, most stories first */
    size_t ncountries;
    ent_facet *ents;  /* TD_FACET_ENTITIES */
    size_t nents;
};

/* ------------------------------------------- countries and entities */

#define MAX_ENTITY_FACET 30

static int cmp_facet(const void *x, const void *y);

/* One entity named in a story's articles (td__store_story_mentions). */
typedef struct mention_pair {
    int64_t story, entity, articles;
    int kind;
    char cc[3]; /* a place's country, else "" */
} mention_pair;

typedef struct mention_pairs {
    mention_pair *v;
    size_t n, cap;
    int oom;
} mention_pairs;

/* The country of a place entity's key: "place:KZ", "place:RU/Moscow",
 * "place:UA-14" -> "KZ"; "" for anything else. */
static void key_country(int kind, const char *key, char cc[3])
{
    cc[0] = '\0';
    if (kind != TD__ENT_PLACE || !key || strncmp(key, "place:", 6) != 0)
        return;
    const char *c = key + 6;
    if (c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' &&
        (c[2] == '\0' || c[2] == '/' || c[2] == '-')) {
        cc[0] = c[0];
        cc[1] = c[1];
        cc[2] = '\0';
    }
}

static void keep_mention(void *ud, int64_t story, int64_t entity, int kind,
                         const char *key, int64_t articles)
{
    mention_pairs *p = ud;
    if (p->oom)
        return;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1024;
        mention_pair *v = td__realloc(p->v, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    mention_pair *m = &p->v[p->n++];
    m->story = story;
    m->entity = entity;
    m->articles = articles;
    m->kind = kind;
    key_country(kind, key, m->cc);
}

static int cmp_mention(const void *x, const void *y)
{
    const mention_pair *a = x, *b = y;
    if (a->story != b->story)
        return (a->story > b->story) - (a->story < b->story);
    return (a->entity > b->entity) - (a->entity < b->entity);
}

/* The first pair of story in the sorted pairs (p->n when none). */
static size_t first_of(const mention_pairs *p, int64_t story)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->v[mid].story < story)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The quarter rule: named in at least a quarter of the story's articles. */
static int counts_for(const mention_pair *m, int64_t story_articles)
{
    return m->articles >= 1 && m->articles * 4 >= story_articles;
}

/* Whether story (of n articles) is in one of the countries of list
 * ("KZ,UA"). */
static int in_countries(const mention_pairs *p, int64_t story, int64_t n,
                        const char *list)
{
    for (size_t i = first_of(p, story); i < p->n && p->v[i].story == story;
         i++)
        if (p->v[i].cc[0] && counts_for(&p->v[i], n))
            for (const char *c = list; *c; c += 2 + (c[2] == ','))
                if (c[0] == p->v[i].cc[0] && c[1] == p->v[i].cc[1])
                    return 1;
    return 0;
}

/* "kz, UA" -> "KZ,UA" (owned); NULL with a message when a code is not
 * two letters. */
static char *country_list(td_engine *e, const char *in)
{
    return code_list(e, in, 2, 2, 1, "country",
                     "ISO 3166 codes like KZ or kz,ua");
}

static int cmp_cc(const void *x, const void *y)
{
    return strcmp(x, y);
}

static int cmp_i64v(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return (a > b) - (a < b);
}

typedef struct ent_count {
    int64_t entity, stories;
} ent_count;

static int cmp_ent_count(const void *x, const void *y)
{
    const ent_count *a = x, *b = y;
    if (a->stories != b->stories)
        return (a->stories < b->stories) - (a->stories > b->stories);
    return (a->entity > b->entity) - (a->entity < b->entity);
}

/* The country and entity facets over every story of l. */
static td_status count_mentions(td_engine *e, td_story_list *l,
                                const mention_pairs *p, int want)
{
    char (*codes)[3] = NULL;
    int64_t *ents = NULL;
    size_t ncodes = 0, nents = 0;
    if (p->n) {
        codes = td__malloc(p->n * sizeof *codes);
        ents = td__malloc(p->n * sizeof *ents);
        if (!codes || !ents) {
            td__free(codes);
            td__free(ents);
            return TD_ENOMEM;
        }
    }
    for (size_t i = 0; i < l->n; i++) {
        int64_t id = l->v[i].r.story.id, n = l->v[i].r.story.articles;
        size_t from = ncodes;
        for (size_t j = first_of(p, id); j < p->n && p->v[j].story == id;
             j++) {
            const mention_pair *m = &p->v[j];
            if (!counts_for(m, n))
                continue;
            if (want & TD_FACET_ENTITIES)
                ents[nents++] = m->entity;
            if (!(want & TD_FACET_COUNTRIES) || !m->cc[0])
                continue;
            size_t k = from;
            while (k < ncodes && strcmp(codes[k], m->cc) != 0)
                k++;
            if (k == ncodes)
                memcpy(codes[ncodes++], m->cc, 3);
        }
    }
    td_status st = TD_OK;
    if (ncodes) {
        qsort(codes, ncodes, sizeof *codes, cmp_cc);
        l->countries = td__malloc(ncodes * sizeof *l->countries);
        if (!l->countries)
            st = TD_ENOMEM;
        for (size_t i = 0; st == TD_OK && i < ncodes; i++) {
            if (i && strcmp(codes[i], codes[i - 1]) == 0) {
                l->countries[l->ncountries - 1].stories++;
                continue;
            }
            facet *f = &l->countries[l->ncountries++];
            memcpy(f->code, codes[i], 3);
            f->stories = 1;
        }
        if (st == TD_OK)
            qsort(l->countries, l->ncountries, sizeof *l->countries,
                  cmp_facet);
    }
    ent_count *c = NULL;
    size_t nc = 0;
    if (st == TD_OK && nents) {
        qsort(ents, nents, sizeof *ents, cmp_i64v);
        c = td__malloc(nents * sizeof *c);
        if (!c)
            st = TD_ENOMEM;
        for (size_t i = 0; st == TD_OK && i < nents; i++) {
            if (i && ents[i] == ents[i - 1])
                c[nc - 1].stories++;
            else
                c[nc++] = (ent_count){ents[i], 1};
        }
        if (st == TD_OK)
            qsort(c, nc, sizeof *c, cmp_ent_count);
        size_t keep = nc < MAX_ENTITY_FACET ? nc : MAX_ENTITY_FACET;
        if (st == TD_OK && keep &&
            !(l->ents = td__calloc(keep, sizeof *l->ents)))
            st = TD_ENOMEM;
        for (size_t i = 0; st == TD_OK && i < keep; i++) {
            int kind = 0;
            char *name = NULL;
            td_status g = td__store_entity_get(e->store, c[i].entity, &name,
                                               &kind);
            if (g != TD_OK) {
                st = g;
                break;
            }
            if (!name)
                continue;
            ent_facet *f = &l->ents[l->nents++];
            f->name = name;
            f->kind = td__entity_kind_name(kind);
            f->stories = c[i].stories;
        }
    }
    td__free(c);
    td__free(codes);
    td__free(ents);
    return st;
}

TD_API size_t td_story_list_country_count(const td_story_list *l)
{
    return l ? l->ncountries : 0;
}

TD_API const char *td_story_list_country(const td_story_list *l, size_t i,
                                         int64_t *stories)
{
    if (!l || i >= l->ncountries)
        return NULL;
    if (stories)
        *stories = l->countries[i].stories;
    return l->countries[i].code;
}

TD_API size_t td_story_list_entity_count(const td_story_list *l)
{
    return l ? l->nents : 0;
}

TD_API const char *td_story_list_entity(const td_story_list *l, size_t i,
                                        const char **kind, int64_t *stories)
{
    if (!l || i >= l->nents)
        return NULL;
    if (kind)
        *kind = l->ents[i].kind;
    if (stories)
        *stories = l->ents[i].stories;
    return l->ents[i].name;
}

/* Days from a YYYY-MM[-DD] date to now (a month-only date is taken at its
 * middle); -1 when either is missing. */
static long age_days(const char *date, long now)
{
    int y, m, d = 15;
    if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) < 2)
        return -1;
    long a = now - days_from_civil(y, m, d);
    return a < 0 ? 0 : a;
}

static int has_lang(const char *langs, const char *want)
{
    /* want and langs are comma lists; any in common. */
    for (const char *w = want; *w;) {
        size_t wn = strcspn(w, ",");
        for (const char *p = langs ? langs : ""; *p;) {
            size_t pn = strcspn(p, ",");
            if (pn == wn && strncmp(p, w, wn) == 0)
                return 1;
            p += pn + (p[pn] == ',');
        }
        w += wn + (w[wn] == ',');
    }
    return 0;
}

static int cmp_top(const item *a, const item *b)
{
    if (a->r.score != b->r.score)
        return a->r.score < b->r.score ? 1 : -1;
    return (a->r.story.id < b->r.story.id) - (a->r.story.id > b->r.story.id);
}

static int cmp_items_top(const void *x, const void *y) { return cmp_top(x, y); }

static int cmp_items_latest(const void *x, const void *y)
{
    const item *a = x, *b = y;
    int c = strcmp(b->last_date ? b->last_date : "",
                   a->last_date ? a->last_date : "");
    return c ? c : cmp_top(a, b);
}

static int cmp_items_breaking(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->r.breaking != b->r.breaking)
        return b->r.breaking - a->r.breaking;
    if (a->r.breaking && a->r.recent != b->r.recent)
        return (a->r.recent < b->r.recent) - (a->r.recent > b->r.recent);
    return cmp_top(a, b);
}

TD_API void td_story_list_free(td_story_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        td__free(l->v[i].languages);
        td__free(l->v[i].first_date);
        td__free(l->v[i].last_date);
        td__free(l->v[i].title);
    }
    td__free(l->v);
    td__free(l->langs);
    td__free(l->ids);
    td__free(l->countries);
    for (size_t i = 0; i < l->nents; i++)
        td__free(l->ents[i].name);
    td__free(l->ents);
    td__free(l);
}

static int cmp_facet(const void *x, const void *y)
{
    const facet *a = x, *b = y;
    if (a->stories != b->stories)
        return (a->stories < b->stories) - (a->stories > b->stories);
    return strcmp(a->code, b->code);
}

/* Counts the stories per language over the whole list. */
static td_status count_languages(td_story_list *l)
{
    size_t cap = 0;
    for (size_t i = 0; i < l->n; i++) {
        for (const char *p = l->v[i].languages ? l->v[i].languages : ""; *p;) {
            size_t k = strcspn(p, ",");
            if (k && k < sizeof l->langs[0].code) {
                size_t j = 0;
                while (j < l->nlangs && (strncmp(l->langs[j].code, p, k) != 0 ||
                                         l->langs[j].code[k] != '\0'))
                    j++;
                if (j == l->nlangs) {
                    if (l->nlangs == cap) {
                        size_t nc = cap ? cap * 2 : 32;
                        facet *v = td__realloc(l->langs, nc * sizeof *v);
                        if (!v)
                            return TD_ENOMEM;
                        l->langs = v;
                        cap = nc;
                    }
                    memcpy(l->langs[j].code, p, k);
                    l->langs[j].code[k] = '\0';
                    l->langs[j].stories = 0;
                    l->nlangs++;
                }
                l->langs[j].stories++;
            }
            p += k + (p[k] == ',');
        }
    }
    if (l->nlangs)
        qsort(l->langs, l->nlangs, sizeof *l->langs, cmp_facet);
    return TD_OK;
}

TD_API size_t td_story_list_language_count(const td_story_list *l)
{
    return l ? l->nlangs : 0;
}

TD_API const char *td_story_list_language(const td_story_list *l, size_t i,
                                          int64_t *stories)
{
    if (!l || i >= l->nlangs)
        return NULL;
    if (stories)
        *stories = l->langs[i].stories;
    return l->langs[i].code;
}

static td_status list_add(td_story_list *l, const td_story *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 128;
        item *v = td__realloc(l->v, cap * sizeof *v);
        if (!v)
            return TD_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    item *it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    it->languages = s->languages ? td__strdup(s->languages) : NULL;
    it->first_date = s->first_date ? td__strdup(s->first_date) : NULL;
    it->last_date = s->last_date ? td__strdup(s->last_date) : NULL;
    it->title = s->title ? td__strdup(s->title) : NULL;
    l->n++; /* counted now so that free releases what was copied */
    if ((s->languages && !it->languages) || (s->first_date && !it->first_date) ||
        (s->last_date && !it->last_date) || (s->title && !it->title))
        return TD_ENOMEM;
    it->r.story = *s;
    return TD_OK;
}

TD_API td_status td_engine_story_list(td_engine *e,
                                      const td_story_list_opts *opts,
                                      td_story_list **out)
{
    if (!e || !opts || !out)
        return TD_EINVAL;
    const char *sort = opts->sort ? opts->sort : "top";
    int (*cmp)(const void *, const void *) =
        strcmp(sort, "top") == 0        ? cmp_items_top
        : strcmp(sort, "latest") == 0   ? cmp_items_latest
        : strcmp(sort, "breaking") == 0 ? cmp_items_breaking
                                        : NULL;
    if (!cmp)
        return td__engine_fail(e, TD_EINVAL,
                               "sort wants top, latest or breaking, got "
                               "'%.40s'",
                               sort);
    if (opts->until && !valid_day_prefix(opts->until))
        return td__engine_fail(e, TD_EINVAL,
                               "until: wants YYYY, YYYY-MM or YYYY-MM-DD, "
                               "got '%.40s'",
                               opts->until);
    if (opts->limit > 1000 || opts->offset < 0)
        return td__engine_fail(e, TD_EINVAL,
                               "limit wants 1 to 1000 and offset >= 0");
    if (opts->facets & ~(TD_FACET_COUNTRIES | TD_FACET_ENTITIES))
        return td__engine_fail(e, TD_EINVAL, "facets: unknown bits %d",
                               opts->facets);
    char *langs = NULL, *countries = NULL;
    if (opts->lang && !(langs = lang_list(e, opts->lang)))
        return strstr(e->err, "memory") ? TD_ENOMEM : TD_EINVAL;
    if (opts->country && !(countries = country_list(e, opts->country))) {
        td__free(langs);
        return strstr(e->err, "memory") ? TD_ENOMEM : TD_EINVAL;
    }
    td_story_list *l = td__calloc(1, sizeof *l);
    acts a = {.n = 0};
    mention_pairs mp = {.n = 0};
    td_story_cursor *c = NULL;
    td_status st = l ? TD_OK : TD_ENOMEM;
    if (st == TD_OK && (countries || opts->facets)) {
        /* places alone unless the entity facet wants every kind */
        st = td__store_story_mentions(
            e->store, opts->facets & TD_FACET_ENTITIES ? 0 : TD__ENT_PLACE, 1,
            keep_mention, &mp);
        if (st != TD_OK)
            td__engine_fail(e, st, "%s", td__store_errmsg(e->store));
        else if (mp.oom)
            st = TD_ENOMEM;
        else if (mp.n)
            qsort(mp.v, mp.n, sizeof *mp.v, cmp_mention);
    }
    if (st == TD_OK)
        st = td_engine_stories(e, opts->since, NULL, 0, &c);
    const td_story *s;
    while (st == TD_OK && (st = td_story_next(c, &s)) == TD_OK) {
        if (opts->only && !bsearch(&s->id, opts->only, opts->nonly,
                                   sizeof *opts->only, cmp_id))
            continue;
        if (langs && !has_lang(s->languages, langs))
            continue;
        if (countries && !in_countries(&mp, s->id, s->articles, countries))
            continue;
        /* until: the story began on or before it, compared on the
         * precision until is given in. */
        if (opts->until && s->first_date &&
            strncmp(s->first_date, opts->until, strlen(opts->until)) > 0)
            continue;
        st = list_add(l, s);
    }
    td_story_cursor_free(c);
    td__free(langs);
    td__free(countries);
    if (st == TD_DONE)
        st = td_engine_story_activity(e, l->now, collect_act, &a);
    if (st == TD_OK && a.oom)
        st = TD_ENOMEM;
    if (st == TD_OK && opts->facets)
        st = count_mentions(e, l, &mp, opts->facets);
    td__free(mp.v);
    if (st != TD_OK) {
        td__free(a.v);
        td_story_list_free(l);
        if (st == TD_ENOMEM)
            td__engine_fail(e, st, "out of memory");
        return st;
    }
    if (a.n)
        qsort(a.v, a.n, sizeof *a.v, cmp_act);
    int y, m, d;
    long now = l->now[0] && sscanf(l->now, "%4d-%2d-%2d", &y, &m, &d) == 3
                   ? days_from_civil(y, m, d)
                   : 0;
    for (size_t i = 0; i < l->n; i++) {
        td_ranked_story *r = &l->v[i].r;
        act key = {r->story.id, 0, 0};
        const act *found =
            a.n ? bsearch(&key, a.v, a.n, sizeof *a.v, cmp_act) : NULL;
        r->recent = found ? found->recent : 0;
        r->earlier = found ? found->earlier : 0;
        r->breaking = td_story_is_breaking(r->recent, r->earlier);
        size_t nlang = l->v[i].languages && *l->v[i].languages ? 1 : 0;
        for (const char *p = l->v[i].languages; p && *p; p++)
            nlang += *p == ',';
        long age = now ? age_days(l->v[i].last_date, now) : 0;
        if (age < 0)
            age = 365; /* undated: old news for ranking's sake */
        /* Hyperbolic rather than exponential decay: in an archive,
         * where every story is old, the size of a story still counts. */
        r->score = (log1p((double)r->story.sources) +
                    0.5 * log(nlang ? (double)nlang : 1.0) +
                    log1p((double)r->recent)) /
                   (1.0 + (double)age / 2.0);
    }
    td__free(a.v);
    if (count_languages(l) != TD_OK) {
        td_story_list_free(l);
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    }
    l->ids = td__malloc((l->n ? l->n : 1) * sizeof *l->ids);
    if (!l->ids) {
        td_story_list_free(l);
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < l->n; i++)
        l->ids[i] = l->v[i].r.story.id;
    if (l->n)
        qsort(l->ids, l->n, sizeof *l->ids, cmp_id);
    if (l->n)
        qsort(l->v, l->n, sizeof *l->v, cmp);
    size_t limit = opts->limit > 0 ? (size_t)opts->limit : 50;
    l->from = (size_t)opts->offset < l->n ? (size_t)opts->offset : l->n;
    l->to = l->from + limit < l->n ? l->from + limit : l->n;
    const char *hl = opts->hl && *opts->hl ? opts->hl : "en";
    for (size_t i = l->from; i < l->to; i++) {
        item *it = &l->v[i];
        /* Pointers into the item are set now that the array is final. */
        it->r.story.languages = it->languages;
        it->r.story.first_date = it->first_date;
        it->r.story.last_date = it->last_date;
        it->r.story.title = it->title;
        st = td_engine_story_headline(e, it->r.story.id, hl, it->headline,
                                      sizeof it->headline, it->hl_lang);
        if (st == TD_ENOTFOUND) {
            it->headline[0] = '\0';
            it->hl_lang[0] = '\0';
        } else if (st != TD_OK) {
            td_story_list_free(l);
            return st;
        }
        it->r.headline = it->headline;
        it->r.headline_lang = it->hl_lang[0] ? it->hl_lang : NULL;
    }
    *out = l;
    return TD_OK;
}

TD_API int64_t td_story_list_total(const td_story_list *l)
{
    return l ? (int64_t)l->n : 0;
}

TD_API const char *td_story_list_now(const td_story_list *l)
{
    return l && l->now[0] ? l->now : NULL;
}

TD_API size_t td_story_list_count(const td_story_list *l)
{
    return l ? l->to - l->from : 0;
}

TD_API const td_ranked_story *td_story_list_get(const td_story_list *l,
                                                size_t i)
{
    return l && i < l->to - l->from ? &l->v[l->from + i].r : NULL;
}

TD_API int td_story_list_contains(const td_story_list *l, int64_t id)
{
    return l && l->n && bsearch(&id, l->ids, l->n, sizeof *l->ids, cmp_id);
}

TD_API td_status td_engine_story_outlets(td_engine *e, td_outlet_cb cb,
                                         void *ud)
{
    if (!e || !cb)
        return TD_EINVAL;
    td_status st = td__store_story_outlets(e->store, cb, ud);
    return st == TD_OK ? TD_OK
                       : td__engine_fail(e, st, "%s",
                                         td__store_errmsg(e->store));
}
