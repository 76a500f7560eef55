/* api.c -- the JSON endpoints.
 *
 *   GET /api/stories        since until lang entity q outlet country hl
 *                           facets sort limit offset
 *   GET /api/stories/ID     one story: articles by language (paged: limit
 *                           offset), copies and translations folded,
 *                           entities, timeline, why
 *   GET /api/articles/ID    one article with its text
 *   GET /api/entities       q limit: entities named in recent stories;
 *                           sort=rising: those whose mentions rise now
 *   GET /api/entities/NAME  one entity by any of its names
 *   GET /api/search         q lang since until entity author outlet site
 *                           sort limit offset
 *   GET /api/health         articles, stories, ingest rate, version
 *   GET /api/follows        saved follows with their new articles;
 *   POST /api/follows?q=    DELETE /api/follows/ID edit them (a server
 *                           with --token only)
 *
 * hl (the headline language) falls back on the request's Accept-Language,
 * then English.
 *
 * Every filter is checked here before it reaches the engine, whose own
 * queries bind their parameters; nothing becomes SQL text. */
#include "server/api.h"
#include "server/http_util.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#define MAX_LIMIT 1000
#define MAX_OFFSET 1000000
#define MAX_QUERY 512
#define SEARCH_FOR_STORIES 1000 /* hits a story filter by q looks at */
#define RECENT_STORIES 200      /* stories an entity listing looks at */
#define STORY_ARTICLES 100      /* articles of a story per page */

typedef struct req {
    td__pool *p;
    td_engine *e;
    const td__arg *args;
    size_t nargs;
    td__reply *out;
    int done;
    const td__api_req *rq; /* method, Accept-Language, write permission */
    char hl[8];            /* the language Accept-Language chose */
    const char *hl_from;   /* "hl", "accept-language" or "default" */
} req;

/* ------------------------------------------------------------ replies */

static void reply_json(req *r, int status, json_t *v)
{
    char *s = v ? json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(v);
    if (!s) {
        status = 500;
        s = strdup("{\"error\":\"out of memory\"}");
    }
    r->out->status = status;
    r->out->body = s;
    r->out->len = s ? strlen(s) : 0;
    r->done = 1;
}

static void fail(req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(req *r, int status, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    reply_json(r, status, json_pack("{s:s}", "error", msg));
}

/* An engine failure as an HTTP status: bad input 400, missing 404, a busy
 * or failing database 503 (the client may retry), the rest 500. */
static void fail_engine(req *r, td_status st)
{
    const char *msg = r->e ? td_engine_errmsg(r->e) : td_strerror(st);
    int status = st == TD_EINVAL       ? 400
                 : st == TD_ENOTFOUND ? 404
                 : st == TD_EDB       ? 503
                                      : 500;
    if (st == TD_EDB)
        r->out->retry = 1;
    fail(r, status, "%s", *msg ? msg : td_strerror(st));
}

static int engine(req *r)
{
    if (r->e)
        return 1;
    char err[512];
    r->e = td__pool_acquire(r->p, err, sizeof err);
    if (!r->e) {
        r->out->retry = 1;
        fail(r, 503, "cannot open the database: %s", err);
        return 0;
    }
    return 1;
}

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

/* ---------------------------------------------------------- arguments */

static const char *arg(const req *r, const char *name)
{
    for (size_t i = 0; i < r->nargs; i++)
        if (strcmp(r->args[i].name, name) == 0)
            return r->args[i].value ? r->args[i].value : "";
    return NULL;
}

/* Rejects arguments the endpoint does not know: a typo ("lnag=en") should
 * not silently return everything. */
static int known_args(req *r, const char *const *allowed)
{
    for (size_t i = 0; i < r->nargs; i++) {
        const char *const *a = allowed;
        while (*a && strcmp(*a, r->args[i].name) != 0)
            a++;
        if (!*a) {
            fail(r, 400, "unknown parameter '%.100s'", r->args[i].name);
            return 0;
        }
    }
    return 1;
}

static int int_arg(req *r, const char *name, long lo, long hi, long *v)
{
    const char *s = arg(r, name);
    if (!s)
        return 1;
    char *end;
    long x = strtol(s, &end, 10);
    if (!*s || *end || x < lo || x > hi || !isdigit((unsigned char)*s)) {
        fail(r, 400, "%s wants a number from %ld to %ld, got '%.40s'", name,
             lo, hi, s);
        return 0;
    }
    *v = x;
    return 1;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, a month and day that exist. */
static int is_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int dash = i == 4 || i == 7;
        if (dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    }
    if (n >= 7) {
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return 0;
    }
    if (n == 10) {
        static const int mdays[12] = {31, 29, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31};
        int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0');
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        /* 2022-02-30 is no day: refused, not read as March 2nd */
        if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
            return 0;
    }
    return 1;
}

static int date_arg(req *r, const char *name, const char **v)
{
    const char *s = arg(r, name);
    if (s && !is_date(s)) {
        fail(r, 400, "%s wants a date YYYY[-MM[-DD]], got '%.40s'", name, s);
        return 0;
    }
    *v = s;
    return 1;
}

/* A language code: ISO 639-1/3 letters ("en", "und"). */
static int lang_arg(req *r, const char **v)
{
    const char *s = arg(r, "lang");
    if (s) {
        size_t n = strlen(s);
        int ok = n >= 2 && n <= 3;
        for (size_t i = 0; ok && i < n; i++)
            ok = s[i] >= 'a' && s[i] <= 'z';
        if (!ok) {
            fail(r, 400, "lang wants a language code like 'en', got '%.40s'",
                 s);
            return 0;
        }
    }
    *v = s;
    return 1;
}

static int text_arg(req *r, const char *name, int required, const char **v)
{
    const char *s = arg(r, name);
    if (!s && required) {
        fail(r, 400, "%s is required", name);
        return 0;
    }
    if (s && (!*s || strlen(s) > MAX_QUERY)) {
        fail(r, 400, "%s must be 1 to %d bytes", name, MAX_QUERY);
        return 0;
    }
    for (const char *c = s; c && *c; c++)
        if ((unsigned char)*c < 0x20 && *c != '\t') {
            fail(r, 400, "%s holds a control character", name);
            return 0;
        }
    *v = s;
    return 1;
}

/* ------------------------------------------------------------ id sets */

typedef struct idset {
    int64_t *v;
    size_t n, cap;
} idset;

static int idset_add(idset *s, int64_t x)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        int64_t *v = realloc(s->v, cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = x;
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void idset_sort(idset *s)
{
    if (s->n)
        qsort(s->v, s->n, sizeof *s->v, cmp_i64);
}

static int idset_has(const idset *s, int64_t x)
{
    return s->n && bsearch(&x, s->v, s->n, sizeof x, cmp_i64) != NULL;
}

/* -------------------------------------------------------------- shapes */

static json_t *languages_json(const char *langs)
{
    json_t *a = json_array();
    if (!langs)
        return a;
    const char *p = langs;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n)
            json_array_append_new(a, json_stringn(p, n));
        p += n;
        if (*p == ',')
            p++;
    }
    return a;
}

static json_t *article_json(const td_article *a, int with_text)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", jstr(a->id));
    json_object_set_new(o, "story",
                        a->story ? json_integer(a->story) : json_null());
    json_object_set_new(o, "lang", jstr(a->lang));
    json_object_set_new(o, "lang_confidence",
                        a->lang ? json_real(a->lang_confidence) : json_null());
    json_object_set_new(o, "duplicate_of", jstr(a->duplicate_of));
    json_object_set_new(o, "translation_of", jstr(a->translation_of));
    json_object_set_new(o, "date", jstr(a->date));
    json_object_set_new(o, "title", jstr(a->title));
    json_object_set_new(o, "url", jstr(a->url));
    json_object_set_new(o, "source", jstr(a->source));
    json_object_set_new(o, "author", jstr(a->author));
    json_object_set_new(o, "canonical_url", jstr(a->canonical_url));
    /* The file name alone: the server's folders are nobody's business. */
    json_object_set_new(o, "input", jstr(td__http_public_input(a->name)));
    if (with_text)
        json_object_set_new(o, "text", jstr(a->text));
    return o;
}

typedef struct story_row {
    int64_t id, articles, sources, growth;
    char *languages, *first_date, *last_date, *title;
} story_row;

static char *dup0(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void story_row_free(story_row *s)
{
    free(s->languages);
    free(s->first_date);
    free(s->last_date);
    free(s->title);
}

static json_t *story_row_json(const story_row *s)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)s->id, "articles", (json_int_t)s->articles,
                     "sources", (json_int_t)s->sources, "growth",
                     (json_int_t)s->growth, "languages",
                     languages_json(s->languages), "first_date",
                     jstr(s->first_date), "last_date", jstr(s->last_date),
                     "title", jstr(s->title));
}

/* ------------------------------------------------------------ stories */

/* Story ids of the articles of an entity (none when the name is unknown). */
static int entity_stories(req *r, const char *name, idset *out)
{
    td_entity *x = NULL;
    td_status st = td_engine_entity(r->e, name, &x);
    if (st == TD_ENOTFOUND)
        return 1;
    if (st != TD_OK) {
        fail_engine(r, st);
        return 0;
    }
    size_t n = td_entity_article_count(x);
    for (size_t i = 0; i < n; i++) {
        const char *id, *lang, *title, *date;
        if (td_entity_article(x, i, &id, &lang, &title, &date) != TD_OK)
            continue;
        int64_t story = 0;
        if (td_engine_article_story(r->e, id, &story) == TD_OK && story &&
            idset_add(out, story) != 0) {
            td_entity_free(x);
            fail(r, 500, "out of memory");
            return 0;
        }
    }
    td_entity_free(x);
    idset_sort(out);
    return 1;
}

/* Story ids of the articles that match a full-text query. */
static int query_stories(req *r, const char *q, idset *out)
{
    td_cursor *c = NULL;
    td_status st = td_engine_search(r->e, q, SEARCH_FOR_STORIES, &c);
    if (st != TD_OK) {
        fail_engine(r, st);
        return 0;
    }
    const td_article *a;
    while ((st = td_cursor_next(c, &a)) == TD_OK)
        if (a->story && idset_add(out, a->story) != 0) {
            td_cursor_free(c);
            fail(r, 500, "out of memory");
            return 0;
        }
    td_cursor_free(c);
    if (st != TD_DONE) {
        fail_engine(r, st);
        return 0;
    }
    idset_sort(out);
    return 1;
}

static int cmp_latest(const story_row *x, const story_row *y)
{
    int c = strcmp(y->last_date ? y->last_date : "",
                   x->last_date ? x->last_date : "");
    return c ? c : (y->id > x->id) - (y->id < x->id);
}

static int cmp_by_latest(const void *a, const void *b)
{
    return cmp_latest(a, b);
}

static int cmp_by_size(const void *a, const void *b)
{
    const story_row *x = a, *y = b;
    if (x->articles != y->articles)
        return (y->articles > x->articles) - (y->articles < x->articles);
    return cmp_latest(x, y);
}

static int cmp_by_growth(const void *a, const void *b)
{
    const story_row *x = a, *y = b;
    if (x->growth != y->growth)
        return (y->growth > x->growth) - (y->growth < x->growth);
    return cmp_latest(x, y);
}

static void api_stories(req *r)
{
    static const char *const allowed[] = {"since", "until", "lang", "entity",
                                          "q",     "sort",  "limit", "offset",
                                          NULL};
    const char *since, *until, *lang, *entity, *q, *sort;
    long limit = 50, offset = 0;
    if (!known_args(r, allowed) || !date_arg(r, "since", &since) ||
        !date_arg(r, "until", &until) || !lang_arg(r, &lang) ||
        !text_arg(r, "entity", 0, &entity) || !text_arg(r, "q", 0, &q) ||
        !int_arg(r, "limit", 1, MAX_LIMIT, &limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, &offset))
        return;
    sort = arg(r, "sort");
    int (*cmp)(const void *, const void *) = cmp_by_latest;
    if (sort && strcmp(sort, "latest") != 0) {
        if (strcmp(sort, "size") == 0)
            cmp = cmp_by_size;
        else if (strcmp(sort, "growth") == 0)
            cmp = cmp_by_growth;
        else {
            fail(r, 400, "sort wants latest, size or growth, got '%.40s'",
                 sort);
            return;
        }
    }
    if (!engine(r))
        return;
    idset by_entity = {0}, by_query = {0};
    story_row *rows = NULL;
    size_t n = 0, cap = 0;
    td_story_cursor *c = NULL;
    if ((entity && !entity_stories(r, entity, &by_entity)) ||
        (q && !query_stories(r, q, &by_query)))
        goto out;
    td_status st = td_engine_stories(r->e, since, lang, 0, &c);
    if (st != TD_OK) {
        fail_engine(r, st);
        goto out;
    }
    const td_story *s;
    while ((st = td_story_next(c, &s)) == TD_OK) {
        if (entity && !idset_has(&by_entity, s->id))
            continue;
        if (q && !idset_has(&by_query, s->id))
            continue;
        /* until: the story began on or before it (compared on the
         * precision until is given in). */
        if (until && s->first_date &&
            strncmp(s->first_date, until, strlen(until)) > 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            story_row *v = realloc(rows, cap * sizeof *v);
            if (!v) {
                fail(r, 500, "out of memory");
                goto out;
            }
            rows = v;
        }
        story_row *row = &rows[n++];
        row->id = s->id;
        row->articles = s->articles;
        row->sources = s->sources;
        row->growth = td__pool_growth(r->p, s->id, s->articles);
        row->languages = dup0(s->languages);
        row->first_date = dup0(s->first_date);
        row->last_date = dup0(s->last_date);
        row->title = dup0(s->title);
    }
    if (st != TD_DONE) {
        fail_engine(r, st);
        goto out;
    }
    if (n)
        qsort(rows, n, sizeof *rows, cmp);
    json_t *list = json_array();
    for (size_t i = (size_t)offset; i < n && i < (size_t)(offset + limit);
         i++)
        json_array_append_new(list, story_row_json(&rows[i]));
    reply_json(r, 200,
               json_pack("{s:I, s:I, s:I, s:s, s:o}", "total", (json_int_t)n,
                         "offset", (json_int_t)offset, "limit",
                         (json_int_t)limit, "sort", sort ? sort : "latest",
                         "stories", list));
out:
    td_story_cursor_free(c);
    for (size_t i = 0; i < n; i++)
        story_row_free(&rows[i]);
    free(rows);
    free(by_entity.v);
    free(by_query.v);
}

/* -------------------------------------------------------------- story */

static void on_entity(void *ud, const char *name, const char *kind,
                      int64_t articles)
{
    json_array_append_new(ud, json_pack("{s:s, s:s, s:I}", "name", name,
                                        "kind", kind ? kind : "",
                                        "articles", (json_int_t)articles));
}

static void on_date(void *ud, const char *date, int64_t articles)
{
    json_array_append_new(ud, json_pack("{s:s, s:I}", "date", date,
                                        "articles", (json_int_t)articles));
}

static const char *jget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

/* Index of the article with id in arts, or -1. */
static long find_article(json_t *arts, const char *id)
{
    size_t i;
    json_t *a;
    json_array_foreach(arts, i, a)
    {
        const char *x = jget(a, "id");
        if (x && id && strcmp(x, id) == 0)
            return (long)i;
    }
    return -1;
}

/* The article a copy or translation is folded under: its parent's parent
 * and so on, within the story; -1 when it is an original (or its chain
 * leaves the story or loops). */
static long fold_root(json_t *arts, size_t i)
{
    long cur = (long)i, root = -1;
    for (int hops = 0; hops < 16; hops++) {
        json_t *a = json_array_get(arts, (size_t)cur);
        const char *up = jget(a, "duplicate_of");
        if (!up)
            up = jget(a, "translation_of");
        if (!up)
            return root;
        long k = find_article(arts, up);
        if (k < 0 || k == (long)i)
            return root;
        root = cur = k;
    }
    return -1;
}

static void add_headline(req *r, json_t *story, int64_t id, const char *hl);
static int hl_arg(req *r, const char **v);

static void api_story(req *r, const char *idtext)
{
    static const char *const allowed[] = {"hl", "limit", "offset", NULL};
    long limit = STORY_ARTICLES, offset = 0;
    const char *hl = "en";
    char *end;
    errno = 0;
    long long id = strtoll(idtext, &end, 10);
    /* An id past int64 is refused, not clamped to the largest one. */
    if (!*idtext || *end || id <= 0 || errno == ERANGE ||
        !isdigit((unsigned char)*idtext)) {
        fail(r, 400, "a story id is a positive number, got '%.40s'", idtext);
        return;
    }
    if (!known_args(r, allowed) || !hl_arg(r, &hl) ||
        !int_arg(r, "limit", 1, MAX_LIMIT, &limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, &offset) || !engine(r))
        return;
    td_story_cursor *sc = NULL;
    const td_story *s = NULL;
    td_status st = td_engine_story(r->e, id, &sc);
    if (st == TD_OK)
        st = td_story_next(sc, &s);
    if (st != TD_OK) {
        if (st == TD_DONE)
            st = TD_ENOTFOUND;
        fail_engine(r, st);
        td_story_cursor_free(sc);
        return;
    }
    story_row row = {s->id, s->articles, s->sources,
                     td__pool_growth(r->p, s->id, s->articles),
                     dup0(s->languages), dup0(s->first_date),
                     dup0(s->last_date), dup0(s->title)};
    td_story_cursor_free(sc);

    json_t *arts = json_array(), *ents = json_array(), *dates = json_array();
    td_cursor *c = NULL;
    st = td_engine_story_articles_page(r->e, id, (int)limit, (int)offset, &c);
    const td_article *a;
    while (st == TD_OK && (st = td_cursor_next(c, &a)) == TD_OK) {
        json_t *o = article_json(a, 0);
        char head[512];
        td_headline(a->title, a->text, a->lang, head, sizeof head);
        json_object_set_new(o, "headline", json_string(head));
        json_error_t jerr;
        json_t *why = a->why ? json_loads(a->why, 0, &jerr) : NULL;
        json_object_set_new(o, "why", why ? why : json_null());
        json_object_set_new(o, "score", json_real(a->score));
        json_array_append_new(arts, o);
    }
    td_cursor_free(c);
    if (st == TD_DONE)
        st = td_engine_story_entities(r->e, id, 30, on_entity, ents);
    if (st == TD_OK)
        st = td_engine_story_timeline(r->e, id, on_date, dates);
    if (st != TD_OK) {
        fail_engine(r, st);
        goto out;
    }

    /* Fold: copies and translations hang under their original, which may
     * be in another language; originals are grouped by language in the
     * engine's order (language, then date). */
    json_t *groups = json_array(), *sources = json_object();
    size_t n = json_array_size(arts);
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_array_get(arts, i);
        const char *src = jget(o, "source");
        if (src) {
            json_t *cnt = json_object_get(sources, src);
            json_object_set_new(sources, src,
                                json_integer(json_integer_value(cnt) + 1));
        }
        long root = fold_root(arts, i);
        if (root >= 0) {
            json_t *parent = json_array_get(arts, (size_t)root);
            const char *key =
                jget(o, "duplicate_of") ? "copies" : "translations";
            json_t *list = json_object_get(parent, key);
            if (!list) {
                list = json_array();
                json_object_set_new(parent, key, list);
            }
            json_array_append(list, o);
            continue;
        }
        const char *lang = jget(o, "lang") ? jget(o, "lang") : "und";
        json_t *g = NULL, *x;
        size_t k;
        json_array_foreach(groups, k, x) if (strcmp(jget(x, "lang"), lang) ==
                                             0) g = x;
        if (!g) {
            g = json_pack("{s:s, s:[]}", "lang", lang, "articles");
            json_array_append_new(groups, g);
        }
        json_array_append(json_object_get(g, "articles"), o);
    }
    json_t *srcs = json_array();
    const char *sk;
    json_t *sv;
    json_object_foreach(sources, sk, sv)
        json_array_append_new(srcs, json_pack("{s:s, s:O}", "source", sk,
                                              "articles", sv));
    json_decref(sources);
    json_t *out = story_row_json(&row);
    /* The articles are paged (a story may have thousands): which ones
     * by_language holds. */
    json_object_set_new(out, "articles_offset", json_integer(offset));
    json_object_set_new(out, "articles_limit", json_integer(limit));
    json_object_set_new(out, "articles_shown",
                        json_integer((json_int_t)n));
    add_headline(r, out, id, hl);
    json_object_set_new(out, "hl", json_string(hl));
    json_object_set_new(out, "hl_from", json_string(r->hl_from));
    json_object_set_new(out, "by_language", groups);
    json_object_set_new(out, "sources_list", srcs);
    json_object_set_new(out, "entities", ents);
    json_object_set_new(out, "timeline", dates);
    ents = dates = NULL;
    reply_json(r, 200, out);
out:
    json_decref(arts);
    json_decref(ents);
    json_decref(dates);
    story_row_free(&row);
}

/* ------------------------------------------------------------ article */

static void api_article(req *r, const char *id)
{
    static const char *const allowed[] = {NULL};
    if (!*id || strlen(id) > MAX_QUERY) {
        fail(r, 400, "an article id is 1 to %d bytes", MAX_QUERY);
        return;
    }
    if (!known_args(r, allowed) || !engine(r))
        return;
    td_cursor *c = NULL;
    const td_article *a;
    td_status st = td_engine_article(r->e, id, &c);
    if (st == TD_OK)
        st = td_cursor_next(c, &a);
    if (st != TD_OK) {
        fail_engine(r, st == TD_DONE ? TD_ENOTFOUND : st);
    } else {
        reply_json(r, 200, article_json(a, 1));
    }
    td_cursor_free(c);
}

/* ----------------------------------------------------------- entities */

static json_t *entity_json(req *r, td_entity *x)
{
    json_t *o = json_pack("{s:s, s:s, s:I}", "name", td_entity_name(x),
                          "kind", td_entity_kind(x) ? td_entity_kind(x) : "",
                          "mentions", (json_int_t)td_entity_mentions(x));
    json_t *vars = json_array(), *arts = json_array(), *rel = json_array();
    size_t n = td_entity_variant_count(x);
    for (size_t i = 0; i < n; i++) {
        const char *surface, *lang;
        int64_t count;
        if (td_entity_variant(x, i, &surface, &lang, &count) == TD_OK)
            json_array_append_new(
                vars, json_pack("{s:s, s:o, s:I}", "surface", surface, "lang",
                                jstr(lang), "count", (json_int_t)count));
    }
    /* Stories: each article's story, counted, in the order first seen
     * (articles come newest first). */
    json_t *stories = json_array();
    n = td_entity_article_count(x);
    for (size_t i = 0; i < n; i++) {
        const char *id, *lang, *title, *date;
        if (td_entity_article(x, i, &id, &lang, &title, &date) != TD_OK)
            continue;
        json_t *ao = json_pack("{s:s, s:o, s:o, s:o}", "id", id, "lang",
                               jstr(lang), "title", jstr(title), "date",
                               jstr(date));
        int64_t story = 0;
        if (td_engine_article_story(r->e, id, &story) != TD_OK)
            story = 0;
        json_object_set_new(ao, "story",
                            story ? json_integer(story) : json_null());
        json_array_append_new(arts, ao);
        if (!story)
            continue;
        size_t k;
        json_t *so, *hit = NULL;
        json_array_foreach(stories, k, so) if (json_integer_value(
                                                   json_object_get(so, "id")) ==
                                               story) hit = so;
        if (hit) {
            json_t *cnt = json_object_get(hit, "articles");
            json_integer_set(cnt, json_integer_value(cnt) + 1);
            continue;
        }
        td_story_cursor *sc = NULL;
        const td_story *s;
        json_t *title_j = json_null();
        if (td_engine_story(r->e, story, &sc) == TD_OK &&
            td_story_next(sc, &s) == TD_OK)
            title_j = jstr(s->title);
        td_story_cursor_free(sc);
        json_array_append_new(stories,
                              json_pack("{s:I, s:o, s:i}", "id",
                                        (json_int_t)story, "title", title_j,
                                        "articles", 1));
    }
    n = td_entity_related_count(x);
    for (size_t i = 0; i < n; i++) {
        const char *name, *kind;
        int64_t shared;
        if (td_entity_related(x, i, &name, &kind, &shared) == TD_OK)
            json_array_append_new(
                rel, json_pack("{s:s, s:s, s:I}", "name", name, "kind",
                               kind ? kind : "", "shared",
                               (json_int_t)shared));
    }
    json_object_set_new(o, "variants", vars);
    json_object_set_new(o, "stories", stories);
    json_object_set_new(o, "articles", arts);
    json_object_set_new(o, "related", rel);
    return o;
}

static void api_entity(req *r, const char *name)
{
    static const char *const allowed[] = {NULL};
    if (!*name || strlen(name) > MAX_QUERY) {
        fail(r, 400, "an entity name is 1 to %d bytes", MAX_QUERY);
        return;
    }
    if (!known_args(r, allowed) || !engine(r))
        return;
    td_entity *x = NULL;
    td_status st = td_engine_entity(r->e, name, &x);
    if (st != TD_OK) {
        fail_engine(r, st);
        return;
    }
    reply_json(r, 200, entity_json(r, x));
    td_entity_free(x);
}

/* Case-insensitive substring for ASCII letters; other bytes must match
 * exactly, which is what a UTF-8 name typed as shown needs. */
static int contains_folded(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] &&
               tolower((unsigned char)hay[i]) ==
                   tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return 1;
    }
    return n == 0;
}

typedef struct ent_acc {
    json_t *byname; /* name -> {"name","kind","articles","stories"} */
} ent_acc;

static void acc_entity(void *ud, const char *name, const char *kind,
                       int64_t articles)
{
    ent_acc *acc = ud;
    json_t *o = json_object_get(acc->byname, name);
    if (!o) {
        json_object_set_new(acc->byname, name,
                            json_pack("{s:s, s:s, s:I, s:i}", "name", name,
                                      "kind", kind ? kind : "", "articles",
                                      (json_int_t)articles, "stories", 1));
        return;
    }
    json_t *a = json_object_get(o, "articles"),
           *s = json_object_get(o, "stories");
    json_integer_set(a, json_integer_value(a) + articles);
    json_integer_set(s, json_integer_value(s) + 1);
}

static int cmp_ent(const void *a, const void *b)
{
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    json_int_t p = json_integer_value(json_object_get(x, "articles"));
    json_int_t q = json_integer_value(json_object_get(y, "articles"));
    if (p != q)
        return (q > p) - (q < p);
    return strcmp(jget(x, "name"), jget(y, "name"));
}

/* Entities named in the most recent stories, by how many articles name
 * them; q keeps names containing it, and the entity q resolves to (any
 * spelling) comes first. */
static void on_rising(void *ud, const char *name, const char *kind,
                      int64_t recent, int64_t earlier)
{
    json_array_append_new(
        ud, json_pack("{s:s, s:s, s:I, s:I}", "name", name, "kind",
                      kind ? kind : "", "recent_articles",
                      (json_int_t)recent, "earlier_articles",
                      (json_int_t)earlier));
}

/* Entities whose mentions rise in news time (td_engine_rising_entities). */
static void api_rising_entities(req *r, long limit)
{
    json_t *list = json_array();
    char now[11] = "";
    td_status st =
        td_engine_rising_entities(r->e, (int)limit, now, on_rising, list);
    if (st != TD_OK) {
        json_decref(list);
        fail_engine(r, st);
        return;
    }
    reply_json(r, 200,
               json_pack("{s:s, s:o, s:i, s:i, s:o}", "sort", "rising", "now",
                         now[0] ? json_string(now) : json_null(),
                         "recent_days", 2, "earlier_days", 6, "entities",
                         list));
}

static void api_entities(req *r)
{
    static const char *const allowed[] = {"q", "limit", "sort", NULL};
    const char *q, *sort = arg(r, "sort");
    long limit = 50;
    if (!known_args(r, allowed) || !text_arg(r, "q", 0, &q) ||
        !int_arg(r, "limit", 1, MAX_LIMIT, &limit))
        return;
    if (sort && strcmp(sort, "mentions") != 0 && strcmp(sort, "rising") != 0) {
        fail(r, 400, "sort wants mentions or rising, got '%.40s'", sort);
        return;
    }
    if (sort && strcmp(sort, "rising") == 0 && q) {
        fail(r, 400, "sort=rising lists every rising entity; q goes with "
                     "sort=mentions");
        return;
    }
    if (!engine(r))
        return;
    if (sort && strcmp(sort, "rising") == 0) {
        api_rising_entities(r, limit);
        return;
    }
    json_t *list = json_array();
    char *resolved = NULL;
    if (q) {
        td_entity *x = NULL;
        td_status st = td_engine_entity(r->e, q, &x);
        if (st == TD_OK) {
            resolved = strdup(td_entity_name(x));
            json_array_append_new(
                list,
                json_pack("{s:s, s:s, s:I, s:b}", "name", td_entity_name(x),
                          "kind", td_entity_kind(x) ? td_entity_kind(x) : "",
                          "mentions", (json_int_t)td_entity_mentions(x),
                          "match", 1));
            td_entity_free(x);
        } else if (st != TD_ENOTFOUND && st != TD_EINVAL) {
            json_decref(list);
            fail_engine(r, st);
            return;
        }
    }
    ent_acc acc = {json_object()};
    td_story_cursor *c = NULL;
    td_status st = td_engine_stories(r->e, NULL, NULL, RECENT_STORIES, &c);
    idset ids = {0};
    const td_story *s;
    while (st == TD_OK && (st = td_story_next(c, &s)) == TD_OK)
        idset_add(&ids, s->id);
    td_story_cursor_free(c);
    for (size_t i = 0; st == TD_DONE && i < ids.n; i++)
        if (td_engine_story_entities(r->e, ids.v[i], 50, acc_entity, &acc) !=
            TD_OK)
            st = TD_EDB;
    free(ids.v);
    if (st != TD_DONE) {
        json_decref(list);
        json_decref(acc.byname);
        free(resolved);
        fail_engine(r, st);
        return;
    }
    size_t n = json_object_size(acc.byname), k = 0;
    json_t **v = calloc(n ? n : 1, sizeof *v);
    const char *key;
    json_t *val;
    json_object_foreach(acc.byname, key, val)
    {
        if (v && (!q || contains_folded(key, q)) &&
            !(resolved && strcmp(key, resolved) == 0))
            v[k++] = val;
    }
    if (k)
        qsort(v, k, sizeof *v, cmp_ent);
    for (size_t i = 0; i < k && json_array_size(list) < (size_t)limit; i++)
        json_array_append(list, v[i]);
    free(v);
    free(resolved);
    json_decref(acc.byname);
    reply_json(r, 200, json_pack("{s:o, s:o}", "q", jstr(q), "entities",
                                 list));
}

/* ------------------------------------------------------------- search */

static void api_search(req *r)
{
    static const char *const allowed[] = {"q",      "lang",  "since",
                                          "until",  "entity", "limit",
                                          "offset", NULL};
    const char *q, *lang, *since, *until, *entity;
    long limit = 20, offset = 0;
    if (!known_args(r, allowed) || !text_arg(r, "q", 1, &q) ||
        !lang_arg(r, &lang) || !date_arg(r, "since", &since) ||
        !date_arg(r, "until", &until) || !text_arg(r, "entity", 0, &entity) ||
        !int_arg(r, "limit", 1, 200, &limit) ||
        !int_arg(r, "offset", 0, 10000, &offset) || !engine(r))
        return;
    /* The filters go to the engine in its own query syntax, each value
     * already checked to be a plain code or date. */
    char full[MAX_QUERY + 80];
    snprintf(full, sizeof full, "%s%s%s%s%s%s%s", q, lang ? " lang:" : "",
             lang ? lang : "", since ? " since:" : "", since ? since : "",
             until ? " until:" : "", until ? until : "");
    size_t nent = 0;
    td_entity *x = NULL;
    if (entity) {
        td_status st = td_engine_entity(r->e, entity, &x);
        if (st != TD_OK && st != TD_ENOTFOUND) {
            fail_engine(r, st);
            return;
        }
        nent = x ? td_entity_article_count(x) : 0;
    }
    int want = (int)(offset + limit);
    /* With an entity filter, look further down the hits: some fall out. */
    td_cursor *c = NULL;
    td_status st = td_engine_search(r->e, full, entity ? want * 10 : want,
                                    &c);
    if (st != TD_OK) {
        td_entity_free(x);
        fail_engine(r, st);
        return;
    }
    json_t *hits = json_array();
    const td_article *a;
    long seen = 0;
    while ((st = td_cursor_next(c, &a)) == TD_OK) {
        if (entity) {
            int in = 0;
            for (size_t i = 0; i < nent && !in; i++) {
                const char *id, *l, *t, *d;
                in = td_entity_article(x, i, &id, &l, &t, &d) == TD_OK &&
                     strcmp(id, a->id) == 0;
            }
            if (!in)
                continue;
        }
        if (seen++ < offset)
            continue;
        if ((long)json_array_size(hits) >= limit)
            break;
        json_t *h = article_json(a, 0);
        json_object_set_new(h, "snippet", jstr(a->snippet));
        json_object_set_new(h, "score", json_real(a->score));
        json_array_append_new(hits, h);
    }
    td_cursor_free(c);
    td_entity_free(x);
    if (st != TD_OK && st != TD_DONE) {
        json_decref(hits);
        fail_engine(r, st);
        return;
    }
    reply_json(r, 200, json_pack("{s:s, s:I, s:I, s:o}", "q", q, "offset",
                                 (json_int_t)offset, "limit",
                                 (json_int_t)limit, "hits", hits));
}

/* ------------------------------------------------------------- health */

static void api_health(req *r)
{
    static const char *const allowed[] = {NULL};
    if (!known_args(r, allowed) || !engine(r))
        return;
    int64_t articles = td_engine_article_count(r->e);
    if (articles < 0) {
        fail_engine(r, TD_EDB);
        return;
    }
    td_story_cursor *c = NULL;
    int64_t stories = 0;
    td_status st = td_engine_stories(r->e, NULL, NULL, 0, &c);
    const td_story *s;
    while (st == TD_OK && (st = td_story_next(c, &s)) == TD_OK)
        stories++;
    td_story_cursor_free(c);
    if (st != TD_DONE) {
        fail_engine(r, st);
        return;
    }
    double window = 0;
    double rate = td__pool_ingest_rate(r->p, &window);
    reply_json(
        r, 200,
        json_pack("{s:s, s:s, s:I, s:I, s:{s:o, s:f}, s:f}", "status", "ok",
                  "version", td_version(), "articles", (json_int_t)articles,
                  "stories", (json_int_t)stories, "ingest", "per_minute",
                  rate < 0 ? json_null() : json_real(rate), "window_seconds",
                  window, "uptime_seconds", td__now() - r->p->started));
}

/* ============================================================
 * The analyst's workspace (issue 17): ranked, paged story lists with
 * headlines in the reader's language; paged search with totals, date
 * order and entity expansion. New handlers beside the ones above, which
 * stay reachable (sort=size|growth; search with entity=).
 * ============================================================ */

/* Language code(s): "en" or "en,DE" (case ignored), kept as given; the
 * engine folds them. */
static int lang_list_arg(req *r, const char *name, const char **v)
{
    const char *s = arg(r, name);
    if (s) {
        size_t run = 0, n = strlen(s);
        int ok = n > 0 && n <= 200;
        for (size_t i = 0; ok && i <= n; i++) {
            char c = s[i];
            if (c == ',' || c == '\0') {
                ok = run >= 2 && run <= 3;
                run = 0;
            } else {
                ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                run++;
            }
        }
        if (!ok) {
            fail(r, 400,
                 "%s wants language codes like 'en' or 'en,de', got '%.40s'",
                 name, s);
            return 0;
        }
    }
    *v = s;
    return 1;
}

/* One q-value (RFC 9110 12.4.2: "0" to "1" with at most three
 * decimals) at s[0..n) in thousandths, or -1 when malformed. */
static int qvalue(const char *s, size_t n)
{
    if (n == 0 || (s[0] != '0' && s[0] != '1'))
        return -1;
    int q = (s[0] - '0') * 1000;
    if (n == 1)
        return q;
    if (s[1] != '.' || n > 5)
        return -1;
    int scale = 100;
    for (size_t i = 2; i < n; i++, scale /= 10) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        q += (s[i] - '0') * scale;
    }
    return q <= 1000 ? q : -1;
}

int td__accept_language(const char *h, char out[8])
{
    int best = 0;
    out[0] = '\0';
    for (const char *p = h ? h : ""; *p;) {
        size_t n = strcspn(p, ",");
        const char *item = p;
        p += n + (p[n] == ',');
        while (n && (*item == ' ' || *item == '\t'))
            item++, n--;
        size_t rn = 0; /* the range: up to ';' or white space */
        while (rn < n && item[rn] != ';' && item[rn] != ' ' &&
               item[rn] != '\t')
            rn++;
        /* The primary subtag, 2 or 3 letters ("*", "x-...", "i-..." are
         * no language to show headlines in). */
        size_t pn = 0;
        while (pn < rn && isalpha((unsigned char)item[pn]))
            pn++;
        int ok = (pn == 2 || pn == 3) && (pn == rn || item[pn] == '-');
        int q = 1000;
        for (size_t i = rn; ok && i < n;) {
            while (i < n && (item[i] == ' ' || item[i] == '\t' ||
                             item[i] == ';'))
                i++;
            size_t k = i;
            while (k < n && item[k] != ';')
                k++;
            size_t e = k;
            while (e > i && (item[e - 1] == ' ' || item[e - 1] == '\t'))
                e--;
            if (e > i + 1 && (item[i] == 'q' || item[i] == 'Q')) {
                size_t v = i + 1;
                while (v < e && item[v] == ' ')
                    v++;
                if (v < e && item[v] == '=') {
                    v++;
                    while (v < e && item[v] == ' ')
                        v++;
                    q = qvalue(item + v, e - v);
                    ok = q >= 0;
                }
            }
            i = k;
        }
        if (ok && q > best) {
            best = q;
            for (size_t i = 0; i < pn; i++)
                out[i] = (char)tolower((unsigned char)item[i]);
            out[pn] = '\0';
        }
    }
    return out[0] != '\0';
}

/* The reader's language: hl, else the best of the request's
 * Accept-Language, else English. */
static int hl_arg(req *r, const char **v)
{
    const char *s = arg(r, "hl");
    r->hl_from = s ? "hl" : "default";
    if (!s && r->rq && td__accept_language(r->rq->accept_language, r->hl)) {
        r->hl_from = "accept-language";
        *v = r->hl;
        return 1;
    }
    if (s) {
        size_t n = strlen(s);
        int ok = n >= 2 && n <= 3;
        for (size_t i = 0; ok && i < n; i++)
            ok = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z');
        if (!ok) {
            fail(r, 400, "hl wants a language code like 'de', got '%.40s'",
                 s);
            return 0;
        }
    }
    *v = s ? s : "en";
    return 1;
}

/* {"en": "English", "de": "Deutsch"...} for the codes in langs, named in
 * language hl (CLDR, through ICU). */
static void name_languages(json_t *names, const char *langs, const char *hl)
{
    for (const char *p = langs ? langs : ""; *p;) {
        size_t n = strcspn(p, ",");
        char code[8];
        if (n && n < sizeof code) {
            memcpy(code, p, n);
            code[n] = '\0';
            if (!json_object_get(names, code)) {
                UChar u[96];
                char out[256];
                UErrorCode err = U_ZERO_ERROR;
                int32_t len = uloc_getDisplayLanguage(code, hl, u, 96, &err);
                int32_t olen = 0;
                if (U_SUCCESS(err) && len > 0 &&
                    (u_strToUTF8(out, sizeof out, &olen, u, len, &err),
                     U_SUCCESS(err)) &&
                    olen > 0 && (size_t)olen < sizeof out)
                    json_object_set_new(names, code, json_stringn(out, olen));
            }
        }
        p += n + (p[n] == ',');
    }
}

/* A country's name in language hl (CLDR, through ICU), or null. */
static json_t *country_name(const char *cc, const char *hl)
{
    char loc[16];
    snprintf(loc, sizeof loc, "und_%s", cc);
    UChar u[96];
    char out[256];
    UErrorCode err = U_ZERO_ERROR;
    int32_t len = uloc_getDisplayCountry(loc, hl, u, 96, &err);
    int32_t olen = 0;
    if (U_FAILURE(err) || len <= 0)
        return json_null();
    u_strToUTF8(out, sizeof out, &olen, u, len, &err);
    if (U_FAILURE(err) || olen <= 0 || (size_t)olen >= sizeof out)
        return json_null();
    return json_stringn(out, (size_t)olen);
}

static json_t *ranked_json(req *r, const td_ranked_story *x)
{
    const td_story *s = &x->story;
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:s, s:o, s:f, s:b, s:I, "
        "s:I}",
        "id", (json_int_t)s->id, "articles", (json_int_t)s->articles,
        "sources", (json_int_t)s->sources, "growth",
        (json_int_t)td__pool_growth(r->p, s->id, s->articles), "languages",
        languages_json(s->languages), "first_date", jstr(s->first_date),
        "last_date", jstr(s->last_date), "title", jstr(s->title),
        "headline", x->headline, "headline_lang", jstr(x->headline_lang),
        "score", x->score, "breaking", x->breaking, "recent_sources",
        (json_int_t)x->recent, "earlier_sources", (json_int_t)x->earlier);
    return o;
}

typedef struct outlet_pair {
    int64_t story;
    char *outlet;
} outlet_pair;

typedef struct outlet_pairs {
    outlet_pair *v;
    size_t n, cap;
    int oom;
} outlet_pairs;

static void keep_pair(void *ud, int64_t story, const char *outlet)
{
    outlet_pairs *p = ud;
    if (p->oom)
        return;
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 1024;
        outlet_pair *v = realloc(p->v, cap * sizeof *v);
        if (!v) {
            p->oom = 1;
            return;
        }
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n].outlet = strdup(outlet);
    if (!p->v[p->n].outlet) {
        p->oom = 1;
        return;
    }
    p->v[p->n++].story = story;
}

static void pairs_free(outlet_pairs *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i].outlet);
    free(p->v);
}

typedef struct outlet_count {
    const char *outlet;
    int64_t stories;
} outlet_count;

static int cmp_outlet_count(const void *a, const void *b)
{
    const outlet_count *x = a, *y = b;
    if (x->stories != y->stories)
        return (x->stories < y->stories) - (x->stories > y->stories);
    return strcmp(x->outlet, y->outlet);
}

static int cmp_pair_outlet(const void *a, const void *b)
{
    const outlet_pair *x = a, *y = b;
    return strcmp(x->outlet, y->outlet);
}

/* The outlets of the listed stories, most stories first (at most max). */
static json_t *outlet_facet(const td_story_list *l, outlet_pairs *p,
                            size_t max)
{
    json_t *out = json_array();
    if (!p->n)
        return out;
    qsort(p->v, p->n, sizeof *p->v, cmp_pair_outlet);
    outlet_count *c = calloc(p->n, sizeof *c);
    size_t nc = 0;
    if (!c)
        return out;
    for (size_t i = 0; i < p->n; i++) {
        if (!td_story_list_contains(l, p->v[i].story))
            continue;
        if (!nc || strcmp(c[nc - 1].outlet, p->v[i].outlet) != 0)
            c[nc++] = (outlet_count){p->v[i].outlet, 0};
        c[nc - 1].stories++;
    }
    if (nc)
        qsort(c, nc, sizeof *c, cmp_outlet_count);
    for (size_t i = 0; i < nc && i < max; i++)
        json_array_append_new(out, json_pack("{s:s, s:I}", "outlet",
                                             c[i].outlet, "stories",
                                             (json_int_t)c[i].stories));
    free(c);
    return out;
}

static void api_story_list(req *r)
{
    const char *sort = arg(r, "sort");
    if (sort && (strcmp(sort, "size") == 0 || strcmp(sort, "growth") == 0)) {
        api_stories(r); /* the earlier orders, unchanged */
        return;
    }
    static const char *const allowed[] = {
        "since", "until",  "lang",   "entity",  "q",    "sort", "limit",
        "offset", "hl",    "outlet", "facets", "country", NULL};
    const char *since, *until, *lang, *entity, *q, *hl, *outlet, *facets;
    const char *country;
    long limit = 50, offset = 0;
    if (!known_args(r, allowed) || !date_arg(r, "since", &since) ||
        !date_arg(r, "until", &until) || !lang_list_arg(r, "lang", &lang) ||
        !text_arg(r, "entity", 0, &entity) || !text_arg(r, "q", 0, &q) ||
        !hl_arg(r, &hl) || !int_arg(r, "limit", 1, MAX_LIMIT, &limit) ||
        !int_arg(r, "offset", 0, MAX_OFFSET, &offset) ||
        !text_arg(r, "outlet", 0, &outlet) ||
        !text_arg(r, "facets", 0, &facets) ||
        !text_arg(r, "country", 0, &country))
        return;
    /* facets: a comma list of languages (always counted), outlets,
     * countries, entities */
    int want_outlets = 0, want = 0;
    for (const char *f = facets ? facets : ""; *f;) {
        size_t n = strcspn(f, ",");
        if (n == 9 && strncmp(f, "languages", 9) == 0)
            ;
        else if (n == 7 && strncmp(f, "outlets", 7) == 0)
            want_outlets = 1;
        else if (n == 9 && strncmp(f, "countries", 9) == 0)
            want |= TD_FACET_COUNTRIES;
        else if (n == 8 && strncmp(f, "entities", 8) == 0)
            want |= TD_FACET_ENTITIES;
        else {
            fail(r, 400,
                 "facets wants a list of languages, outlets, countries, "
                 "entities, got '%.60s'",
                 facets);
            return;
        }
        f += n + (f[n] == ',');
    }
    if (sort && strcmp(sort, "top") != 0 && strcmp(sort, "latest") != 0 &&
        strcmp(sort, "breaking") != 0) {
        fail(r, 400,
             "sort wants top, latest, breaking, size or growth, got '%.40s'",
             sort);
        return;
    }
    if (!engine(r))
        return;
    idset by_entity = {0}, by_query = {0}, by_outlet = {0}, only = {0};
    outlet_pairs pairs = {0};
    td_story_list *l = NULL;
    if ((entity && !entity_stories(r, entity, &by_entity)) ||
        (q && !query_stories(r, q, &by_query)))
        goto out;
    if (outlet || want_outlets) {
        td_status ost = td_engine_story_outlets(r->e, keep_pair, &pairs);
        if (ost != TD_OK || pairs.oom) {
            if (ost == TD_OK)
                fail(r, 500, "out of memory");
            else
                fail_engine(r, ost);
            goto out;
        }
        for (size_t i = 0; outlet && i < pairs.n; i++)
            if (strcasecmp(pairs.v[i].outlet, outlet) == 0 &&
                idset_add(&by_outlet, pairs.v[i].story) != 0) {
                fail(r, 500, "out of memory");
                goto out;
            }
        idset_sort(&by_outlet);
    }
    td_story_list_opts o = {.since = since,
                            .until = until,
                            .lang = lang,
                            .hl = hl,
                            .sort = sort,
                            .limit = (int)limit,
                            .offset = (int)offset,
                            .country = country,
                            .facets = want};
    if (entity || q || outlet) {
        /* Every filter given holds: the stories in each set. */
        const idset *a = entity ? &by_entity : q ? &by_query : &by_outlet;
        for (size_t i = 0; i < a->n; i++)
            if ((!entity || idset_has(&by_entity, a->v[i])) &&
                (!q || idset_has(&by_query, a->v[i])) &&
                (!outlet || idset_has(&by_outlet, a->v[i])) &&
                (i == 0 || a->v[i] != a->v[i - 1]) &&
                idset_add(&only, a->v[i]) != 0) {
                fail(r, 500, "out of memory");
                goto out;
            }
        o.only = only.v;
        o.nonly = only.n;
        if (!only.n) {
            /* Nothing matched: an empty page, not every story. */
            static const int64_t none = 0;
            o.only = &none;
            o.nonly = 1;
        }
    }
    td_status st = td_engine_story_list(r->e, &o, &l);
    if (st != TD_OK) {
        fail_engine(r, st);
        goto out;
    }
    json_t *list = json_array(), *names = json_object(), *facet = json_array();
    for (size_t i = 0; i < td_story_list_count(l); i++) {
        const td_ranked_story *x = td_story_list_get(l, i);
        json_array_append_new(list, ranked_json(r, x));
        name_languages(names, x->story.languages, hl);
    }
    /* The language facet over every matching story, named for the reader. */
    for (size_t i = 0; i < td_story_list_language_count(l); i++) {
        int64_t k = 0;
        const char *code = td_story_list_language(l, i, &k);
        name_languages(names, code, hl);
        json_t *nm = json_object_get(names, code);
        json_array_append_new(facet, json_pack("{s:s, s:O, s:I}", "lang", code,
                                               "name", nm ? nm : json_null(),
                                               "stories", (json_int_t)k));
    }
    json_t *facet_obj = json_pack("{s:o}", "languages", facet);
    if (want_outlets)
        json_object_set_new(facet_obj, "outlets", outlet_facet(l, &pairs, 30));
    if (want & TD_FACET_COUNTRIES) {
        json_t *cs = json_array();
        for (size_t i = 0; i < td_story_list_country_count(l); i++) {
            int64_t k = 0;
            const char *cc = td_story_list_country(l, i, &k);
            json_array_append_new(cs, json_pack("{s:s, s:o, s:I}", "country",
                                                cc, "name",
                                                country_name(cc, hl),
                                                "stories", (json_int_t)k));
        }
        json_object_set_new(facet_obj, "countries", cs);
    }
    if (want & TD_FACET_ENTITIES) {
        json_t *es = json_array();
        for (size_t i = 0; i < td_story_list_entity_count(l); i++) {
            int64_t k = 0;
            const char *kind = NULL;
            const char *name = td_story_list_entity(l, i, &kind, &k);
            json_array_append_new(es, json_pack("{s:s, s:s, s:I}", "name",
                                                name, "kind",
                                                kind ? kind : "", "stories",
                                                (json_int_t)k));
        }
        json_object_set_new(facet_obj, "entities", es);
    }
    reply_json(r, 200,
               json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o}",
                         "total", (json_int_t)td_story_list_total(l),
                         "offset", (json_int_t)offset, "limit",
                         (json_int_t)limit, "sort", sort ? sort : "top", "hl",
                         hl, "hl_from", r->hl_from,
                         "now", jstr(td_story_list_now(l)),
                         "language_names", names, "facets", facet_obj,
                         "stories", list));
out:
    td_story_list_free(l);
    pairs_free(&pairs);
    free(by_entity.v);
    free(by_query.v);
    free(by_outlet.v);
    free(only.v);
}

/* The story's headline in the reader's language, added to a story object. */
static void add_headline(req *r, json_t *story, int64_t id, const char *hl)
{
    char h[512], lang[8] = "";
    if (td_engine_story_headline(r->e, id, hl, h, sizeof h, lang) != TD_OK)
        h[0] = '\0';
    json_object_set_new(story, "headline", json_string(h));
    json_object_set_new(story, "headline_lang",
                        lang[0] ? json_string(lang) : json_null());
}



static void on_expansion(void *ud, const char *word, const char *entity,
                         size_t forms)
{
    json_array_append_new(ud, json_pack("{s:s, s:s, s:I}", "word", word,
                                        "entity", entity, "forms",
                                        (json_int_t)forms));
}

static void api_search_page(req *r)
{
    if (arg(r, "entity")) {
        api_search(r); /* hits among the entity's articles, as before */
        return;
    }
    static const char *const allowed[] = {
        "q",      "lang", "since", "until",  "sort", "limit",
        "offset", "hl",   "author", "outlet", "site", NULL};
    const char *q, *lang, *since, *until, *hl, *sort = arg(r, "sort");
    const char *author, *outlet, *site;
    long limit = 20, offset = 0;
    if (!known_args(r, allowed) || !text_arg(r, "q", 1, &q) ||
        !lang_list_arg(r, "lang", &lang) || !date_arg(r, "since", &since) ||
        !date_arg(r, "until", &until) || !hl_arg(r, &hl) ||
        !int_arg(r, "limit", 1, 200, &limit) ||
        !int_arg(r, "offset", 0, 10000, &offset) ||
        !text_arg(r, "author", 0, &author) ||
        !text_arg(r, "outlet", 0, &outlet) || !text_arg(r, "site", 0, &site))
        return;
    if (sort && strcmp(sort, "relevance") != 0 && strcmp(sort, "date") != 0) {
        fail(r, 400, "sort wants relevance or date, got '%.40s'", sort);
        return;
    }
    if (!engine(r))
        return;
    json_t *exp = json_array();
    td_search_opts o = {.limit = (int)limit,
                        .offset = (int)offset,
                        .by_date = sort && strcmp(sort, "date") == 0,
                        .lang = lang,
                        .since = since,
                        .until = until,
                        .on_expansion = on_expansion,
                        .expansion_ud = exp,
                        .author = author,
                        .outlet = outlet,
                        .site = site};
    td_cursor *c = NULL;
    int64_t total = 0;
    td_status st = td_engine_search_page(r->e, q, &o, &c, &total);
    if (st != TD_OK) {
        json_decref(exp);
        fail_engine(r, st);
        return;
    }
    json_t *hits = json_array();
    const td_article *a;
    while ((st = td_cursor_next(c, &a)) == TD_OK) {
        json_t *h = article_json(a, 0);
        char head[512];
        td_headline(a->title, a->text, a->lang, head, sizeof head);
        json_object_set_new(h, "headline", json_string(head));
        json_object_set_new(h, "snippet", jstr(a->snippet));
        json_object_set_new(h, "score", json_real(a->score));
        json_array_append_new(hits, h);
    }
    td_cursor_free(c);
    if (st != TD_DONE) {
        json_decref(hits);
        json_decref(exp);
        fail_engine(r, st);
        return;
    }
    reply_json(r, 200,
               json_pack("{s:s, s:I, s:I, s:I, s:s, s:o, s:o}", "q", q,
                         "total", (json_int_t)total, "offset",
                         (json_int_t)offset, "limit", (json_int_t)limit,
                         "sort", sort ? sort : "relevance", "expansions",
                         exp, "hits", hits));
}

/* ------------------------------------------------------------ follows */

static int is_method(const req *r, const char *m)
{
    return strcmp(r->rq->method, m) == 0;
}

/* Writes are for a server with a token (every API request then carries
 * it): without one, anybody who reaches the port could edit. */
static int may_write(req *r)
{
    if (r->rq->may_write)
        return 1;
    fail(r, 403,
         "editing follows needs a server started with --token (the page "
         "asks for it)");
    return 0;
}

typedef struct follow_rows {
    json_t *list;
    int64_t only; /* one id, or 0 for all */
} follow_rows;

static void on_follow_row(void *ud, int64_t id, const char *query,
                          const char *created, int64_t seen_seq)
{
    follow_rows *f = ud;
    if (f->only && f->only != id)
        return;
    json_array_append_new(f->list,
                          json_pack("{s:I, s:s, s:o, s:I}", "id",
                                    (json_int_t)id, "query", query, "created",
                                    jstr(created), "seen_seq",
                                    (json_int_t)seen_seq));
}

/* Adds to a follow object how many articles arrived for it since it was
 * last reported ("new") and the newest few of them. */
static int follow_news(req *r, json_t *f, int with_hits)
{
    td_search_opts o = {
        .limit = with_hits ? 20 : 1,
        .by_date = 1,
        .after_seq = json_integer_value(json_object_get(f, "seen_seq"))};
    td_cursor *c = NULL;
    int64_t total = 0;
    td_status st = td_engine_search_page(r->e, jget(f, "query"), &o, &c,
                                         &total);
    if (st == TD_EINVAL) {
        /* a follow saved before a rule changed may no longer parse: it
         * is shown, with why, rather than failing the whole list */
        json_object_set_new(f, "new", json_integer(0));
        json_object_set_new(f, "problem", json_string(td_engine_errmsg(r->e)));
        return 1;
    }
    json_t *hits = json_array();
    const td_article *a;
    while (st == TD_OK && (st = td_cursor_next(c, &a)) == TD_OK) {
        if (!with_hits)
            continue;
        json_t *h = article_json(a, 0);
        char head[512];
        td_headline(a->title, a->text, a->lang, head, sizeof head);
        json_object_set_new(h, "headline", json_string(head));
        json_array_append_new(hits, h);
    }
    td_cursor_free(c);
    if (st != TD_DONE) {
        json_decref(hits);
        fail_engine(r, st);
        return 0;
    }
    json_object_set_new(f, "new", json_integer(total));
    if (with_hits)
        json_object_set_new(f, "hits", hits);
    else
        json_decref(hits);
    return 1;
}

/*   GET  /api/follows           the saved follows, each with "new"
 *   POST /api/follows?q=QUERY   saves one (201 with it) */
static void api_follows(req *r)
{
    if (is_method(r, "POST")) {
        static const char *const allowed[] = {"q", NULL};
        const char *q;
        if (!known_args(r, allowed) || !text_arg(r, "q", 1, &q) ||
            !may_write(r) || !engine(r))
            return;
        int64_t id = 0;
        td_status st = td_engine_follow_add(r->e, q, &id);
        if (st != TD_OK) {
            fail_engine(r, st);
            return;
        }
        follow_rows f = {json_array(), id};
        st = td_engine_follows(r->e, on_follow_row, &f);
        json_t *one = json_array_get(f.list, 0);
        if (st != TD_OK || !one) {
            json_decref(f.list);
            fail_engine(r, st != TD_OK ? st : TD_EDB);
            return;
        }
        json_incref(one);
        json_decref(f.list);
        json_object_set_new(one, "new", json_integer(0));
        reply_json(r, 201, one);
        return;
    }
    if (!is_method(r, "GET") && !is_method(r, "HEAD")) {
        fail(r, 405, "/api/follows takes GET and POST");
        return;
    }
    static const char *const allowed[] = {NULL};
    if (!known_args(r, allowed) || !engine(r))
        return;
    follow_rows f = {json_array(), 0};
    td_status st = td_engine_follows(r->e, on_follow_row, &f);
    if (st != TD_OK) {
        json_decref(f.list);
        fail_engine(r, st);
        return;
    }
    size_t i;
    json_t *x;
    json_array_foreach(f.list, i, x) if (!follow_news(r, x, 0))
    {
        json_decref(f.list);
        return;
    }
    reply_json(r, 200, json_pack("{s:o, s:b}", "follows", f.list, "writable",
                                 r->rq->may_write));
}

/*   GET    /api/follows/ID      one follow with its new articles
 *   DELETE /api/follows/ID      removes it */
static void api_follow(req *r, const char *idtext)
{
    char *end;
    errno = 0;
    long long id = strtoll(idtext, &end, 10);
    if (!*idtext || *end || id <= 0 || errno == ERANGE ||
        !isdigit((unsigned char)*idtext)) {
        fail(r, 400, "a follow id is a positive number, got '%.40s'", idtext);
        return;
    }
    static const char *const allowed[] = {NULL};
    int del = is_method(r, "DELETE");
    if (!del && !is_method(r, "GET") && !is_method(r, "HEAD")) {
        fail(r, 405, "/api/follows/ID takes GET and DELETE");
        return;
    }
    if (!known_args(r, allowed) || (del && !may_write(r)) || !engine(r))
        return;
    if (del) {
        td_status st = td_engine_follow_rm(r->e, id);
        if (st != TD_OK) {
            fail_engine(r, st);
            return;
        }
        reply_json(r, 200, json_pack("{s:I}", "removed", (json_int_t)id));
        return;
    }
    follow_rows f = {json_array(), id};
    td_status st = td_engine_follows(r->e, on_follow_row, &f);
    json_t *one = json_array_get(f.list, 0);
    if (st != TD_OK || !one) {
        json_decref(f.list);
        if (st != TD_OK)
            fail_engine(r, st);
        else
            fail(r, 404, "no follow with id %lld", id);
        return;
    }
    json_incref(one);
    json_decref(f.list);
    if (follow_news(r, one, 1))
        reply_json(r, 200, one);
    else
        json_decref(one);
}

/* ------------------------------------------------------------ routing */

/* The cache key: the path and the arguments as given (NULL when too long
 * to be worth keeping). */
static char *cache_key(const char *path, const td__arg *args, size_t nargs,
                       const char *lang)
{
    char buf[2048];
    size_t n = (size_t)snprintf(buf, sizeof buf, "%s", path);
    for (size_t i = 0; i < nargs && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%c%s=%s",
                              i ? '&' : '?', args[i].name,
                              args[i].value ? args[i].value : "");
    if (n < sizeof buf && *lang)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "#%s", lang);
    return n < sizeof buf ? strdup(buf) : NULL;
}

static void route(req *r, const char *path);

void td__api_handle(td__pool *p, const char *path, const td__arg *args,
                    size_t nargs, td__reply *out)
{
    td__api_req rq = {"GET", NULL, 0};
    td__api_handle_req(p, &rq, path, args, nargs, out);
}

void td__api_handle_req(td__pool *p, const td__api_req *rq, const char *path,
                        const td__arg *args, size_t nargs, td__reply *out)
{
    req r = {p, NULL, args, nargs, out, 0, rq, "", "default"};
    memset(out, 0, sizeof *out);
    /* Writes and the follows (which change without new articles) are
     * never cached; a reply that may follow Accept-Language is cached
     * under the language it chose. */
    int reading = strcmp(rq->method, "GET") == 0 ||
                  strcmp(rq->method, "HEAD") == 0;
    char lang[8] = "";
    if (!arg(&r, "hl"))
        td__accept_language(rq->accept_language, lang);
    char *key = reading && strncmp(path, "/api/follows", 12) != 0
                    ? cache_key(path, args, nargs, lang)
                    : NULL;
    int64_t articles = -1;
    if (key && engine(&r)) {
        articles = td__pool_article_count(p, r.e);
        size_t len = 0;
        char *hit = articles >= 0
                        ? td__pool_cache_get(p, key, articles, &len)
                        : NULL;
        if (hit) {
            out->status = 200;
            out->body = hit;
            out->len = len;
            r.done = 1;
        }
    }
    if (!r.done)
        route(&r, path);
    if (!r.done)
        fail(&r, 500, "internal error: no reply");
    if (key && articles >= 0 && out->status == 200 && out->body)
        td__pool_cache_put(p, key, articles, out->body, out->len);
    free(key);
    td__pool_release(p, r.e);
}

static void route(req *r, const char *path)
{
    const char *rest = path + strlen("/api/");
    int reading = strcmp(r->rq->method, "GET") == 0 ||
                  strcmp(r->rq->method, "HEAD") == 0;
    if (strcmp(rest, "follows") == 0)
        api_follows(r);
    else if (strncmp(rest, "follows/", 8) == 0)
        api_follow(r, rest + 8);
    else if (!reading)
        fail(r, 405, "only GET and HEAD are allowed on %.200s", path);
    else if (strcmp(rest, "stories") == 0)
        api_story_list(r);
    else if (strncmp(rest, "stories/", 8) == 0)
        api_story(r, rest + 8);
    else if (strncmp(rest, "articles/", 9) == 0)
        api_article(r, rest + 9);
    else if (strcmp(rest, "entities") == 0)
        api_entities(r);
    else if (strncmp(rest, "entities/", 9) == 0)
        api_entity(r, rest + 9);
    else if (strcmp(rest, "search") == 0)
        api_search_page(r);
    else if (strcmp(rest, "health") == 0)
        api_health(r);
    else
        fail(r, 404, "no such endpoint: %.200s", path);
}
