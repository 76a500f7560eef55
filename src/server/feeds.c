/* feeds.c -- Atom feeds (RFC 4287) over the same store as the API.
 *
 *   GET /feeds/stories.atom         the top stories (hl, lang, limit)
 *   GET /feeds/entity/NAME.atom     newest articles naming an entity, in
 *                                   any of its spellings
 *   GET /feeds/search.atom?q=...    newest articles matching a search
 *
 * A feed reader polls these, so each entry keeps a stable id (a tag: URI
 * of the story or article id), an updated time from the news date, and a
 * link into the page. Text is escaped for XML and stripped of the control
 * characters XML 1.0 forbids. Only the public API is used. */
#include "server/feeds.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tidings.h"

#define FEED_ENTRIES 30
#define FEED_MAX 200

typedef struct out {
    char *p;
    size_t len, cap;
    int oom;
} out;

static void put(out *o, const char *s, size_t n)
{
    if (o->oom)
        return;
    if (o->len + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->len + n + 1)
            cap *= 2;
        char *p = realloc(o->p, cap);
        if (!p) {
            o->oom = 1;
            return;
        }
        o->p = p;
        o->cap = cap;
    }
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

/* XML character data: & < > " escaped; C0 controls other than tab and
 * newline dropped (not allowed in XML 1.0). */
static void esc(out *o, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        switch (c) {
        case '&': puts_(o, "&amp;"); break;
        case '<': puts_(o, "&lt;"); break;
        case '>': puts_(o, "&gt;"); break;
        case '"': puts_(o, "&quot;"); break;
        default:
            if (c >= 0x20 || c == '\t' || c == '\n')
                put(o, s, 1);
        }
    }
}

/* A path segment or query value, percent-encoded for a link. */
static void esc_url(out *o, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
            c == '~') {
            put(o, s, 1);
        } else {
            char b[3] = {'%', hex[c >> 4], hex[c & 15]};
            put(o, b, 3);
        }
    }
}

/* An RFC 3339 time from a news date: YYYY-MM-DD at midnight UTC, a month
 * at its first day, a year at its first; "" when there is none. */
static void rfc3339(const char *date, char buf[32])
{
    int y = 0, m = 1, d = 1;
    buf[0] = '\0';
    if (!date || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) < 1 || y < 1)
        return;
    if (m < 1 || m > 12)
        m = 1;
    if (d < 1 || d > 31)
        d = 1;
    snprintf(buf, 32, "%04d-%02d-%02dT00:00:00Z", y % 10000, m, d);
}

static void now3339(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void feed_head(out *o, const char *id, const char *title,
                      const char *self, const char *updated)
{
    puts_(o, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
             "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <id>");
    esc(o, id);
    puts_(o, "</id>\n  <title>");
    esc(o, title);
    puts_(o, "</title>\n  <updated>");
    esc(o, updated);
    puts_(o, "</updated>\n  <author><name>tidings</name></author>\n"
             "  <generator version=\"" TD_VERSION "\">tidings</generator>\n"
             "  <link rel=\"self\" href=\"");
    esc(o, self);
    puts_(o, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" "
             "href=\"/\"/>\n");
}

/* One entry; updated falls back to the feed's time (required). */
static void entry(out *o, const char *id, const char *title,
                  const char *href, const char *date, const char *fallback,
                  const char *summary)
{
    char up[32];
    rfc3339(date, up);
    puts_(o, "  <entry>\n    <id>");
    esc(o, id);
    puts_(o, "</id>\n    <title>");
    esc(o, title && *title ? title : "(untitled)");
    puts_(o, "</title>\n    <updated>");
    esc(o, up[0] ? up : fallback);
    puts_(o, "</updated>\n    <link rel=\"alternate\" type=\"text/html\" "
             "href=\"");
    esc(o, href);
    puts_(o, "\"/>\n");
    if (summary && *summary) {
        puts_(o, "    <summary>");
        esc(o, summary);
        puts_(o, "</summary>\n");
    }
    puts_(o, "  </entry>\n");
}

static const char *arg(const td__arg *args, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(args[i].name, name) == 0)
            return args[i].value ? args[i].value : "";
    return NULL;
}

static void reply_error(td__reply *r, int status, const char *msg)
{
    /* The message is the engine's or ours, never raw markup: JSON-escape
     * the two characters that could break the string. */
    out o = {0};
    puts_(&o, "{\"error\":\"");
    for (const char *c = msg; *c; c++) {
        if (*c == '"' || *c == '\\')
            put(&o, "\\", 1);
        if ((unsigned char)*c >= 0x20)
            put(&o, c, 1);
    }
    puts_(&o, "\"}");
    r->status = o.oom ? 500 : status;
    r->body = o.p;
    r->len = o.len;
}

static int status_of(td_status st)
{
    return st == TD_EINVAL ? 400 : st == TD_ENOTFOUND ? 404 : st == TD_EDB ? 503 : 500;
}

static void finish(td__reply *r, out *o)
{
    puts_(o, "</feed>\n");
    if (o->oom) {
        free(o->p);
        reply_error(r, 500, "out of memory");
        return;
    }
    r->status = 200;
    r->body = o->p;
    r->len = o->len;
}

static int limit_arg(const td__arg *args, size_t n, long *v, td__reply *r)
{
    const char *s = arg(args, n, "limit");
    *v = FEED_ENTRIES;
    if (!s)
        return 1;
    char *end;
    long x = strtol(s, &end, 10);
    /* digits only: strtol would also take " 5" and "+5" */
    if (!isdigit((unsigned char)*s) || *end || x < 1 || x > FEED_MAX) {
        reply_error(r, 400, "limit wants a number from 1 to 200");
        return 0;
    }
    *v = x;
    return 1;
}

static void feed_stories(td_engine *e, const td__arg *args, size_t n,
                         td__reply *r)
{
    long limit;
    if (!limit_arg(args, n, &limit, r))
        return;
    td_story_list_opts q = {0};
    q.hl = arg(args, n, "hl");
    q.lang = arg(args, n, "lang");
    q.sort = "top";
    q.limit = (int)limit;
    td_story_list *l = NULL;
    td_status st = td_engine_story_list(e, &q, &l);
    if (st != TD_OK) {
        reply_error(r, status_of(st), td_engine_errmsg(e));
        return;
    }
    char now[32], updated[32] = "";
    now3339(now);
    /* The feed changes when its newest story does. */
    for (size_t i = 0; i < td_story_list_count(l); i++) {
        char t[32];
        rfc3339(td_story_list_get(l, i)->story.last_date, t);
        if (strcmp(t, updated) > 0)
            memcpy(updated, t, sizeof t);
    }
    out o = {0};
    feed_head(&o, "tag:tidings,2026:stories", "tidings: top stories",
              "/feeds/stories.atom", updated[0] ? updated : now);
    for (size_t i = 0; i < td_story_list_count(l); i++) {
        const td_ranked_story *x = td_story_list_get(l, i);
        char id[64], href[64], sum[512];
        snprintf(id, sizeof id, "tag:tidings,2026:story:%lld",
                 (long long)x->story.id);
        snprintf(href, sizeof href, "/#/story/%lld", (long long)x->story.id);
        snprintf(sum, sizeof sum,
                 "%lld articles, %lld independent sources, languages %s%s",
                 (long long)x->story.articles, (long long)x->story.sources,
                 x->story.languages ? x->story.languages : "-",
                 x->breaking ? "; breaking" : "");
        entry(&o, id, x->headline, href, x->story.last_date,
              updated[0] ? updated : now, sum);
    }
    td_story_list_free(l);
    finish(r, &o);
}

static void feed_entity(td_engine *e, const char *name, td__reply *r)
{
    td_entity *x = NULL;
    td_status st = td_engine_entity(e, name, &x);
    if (st != TD_OK) {
        reply_error(r, status_of(st), td_engine_errmsg(e));
        return;
    }
    char now[32], updated[32] = "";
    now3339(now);
    size_t na = td_entity_article_count(x);
    if (na > FEED_ENTRIES)
        na = FEED_ENTRIES;
    for (size_t i = 0; i < na; i++) {
        const char *id, *lang, *title, *date;
        char t[32];
        if (td_entity_article(x, i, &id, &lang, &title, &date) == TD_OK) {
            rfc3339(date, t);
            if (strcmp(t, updated) > 0)
                memcpy(updated, t, sizeof t);
        }
    }
    out o = {0};
    out self = {0};
    puts_(&self, "/feeds/entity/");
    esc_url(&self, name);
    puts_(&self, ".atom");
    out fid = {0};
    puts_(&fid, "tag:tidings,2026:entity:");
    esc_url(&fid, td_entity_name(x));
    char title[400];
    snprintf(title, sizeof title, "tidings: %s", td_entity_name(x));
    feed_head(&o, fid.p ? fid.p : "", title, self.p ? self.p : "",
              updated[0] ? updated : now);
    for (size_t i = 0; i < na; i++) {
        const char *id, *lang, *atitle, *date;
        if (td_entity_article(x, i, &id, &lang, &atitle, &date) != TD_OK)
            continue;
        /* The article's own headline, from its stored title and text. */
        char head[512] = "";
        td_cursor *c = NULL;
        const td_article *a;
        if (td_engine_article(e, id, &c) == TD_OK &&
            td_cursor_next(c, &a) == TD_OK)
            td_headline(a->title, a->text, a->lang, head, sizeof head);
        td_cursor_free(c);
        out eid = {0}, href = {0};
        puts_(&eid, "tag:tidings,2026:article:");
        esc_url(&eid, id);
        puts_(&href, "/#/article/");
        esc_url(&href, id);
        char sum[64];
        snprintf(sum, sizeof sum, "language %s", lang ? lang : "und");
        entry(&o, eid.p ? eid.p : "", head[0] ? head : atitle,
              href.p ? href.p : "", date, updated[0] ? updated : now, sum);
        o.oom |= eid.oom || href.oom;
        free(eid.p);
        free(href.p);
    }
    o.oom |= self.oom || fid.oom;
    free(self.p);
    free(fid.p);
    td_entity_free(x);
    finish(r, &o);
}

static void feed_search(td_engine *e, const td__arg *args, size_t n,
                        td__reply *r)
{
    const char *q = arg(args, n, "q");
    long limit;
    if (!q || !*q || strlen(q) > 512) {
        reply_error(r, 400, "q (1 to 512 bytes) is required");
        return;
    }
    if (!limit_arg(args, n, &limit, r))
        return;
    td_search_opts so = {.limit = (int)limit, .by_date = 1,
                         .lang = arg(args, n, "lang")};
    td_cursor *c = NULL;
    td_status st = td_engine_search_page(e, q, &so, &c, NULL);
    if (st != TD_OK) {
        reply_error(r, status_of(st), td_engine_errmsg(e));
        return;
    }
    char now[32];
    now3339(now);
    out o = {0}, self = {0}, fid = {0};
    puts_(&self, "/feeds/search.atom?q=");
    esc_url(&self, q);
    puts_(&fid, "tag:tidings,2026:search:");
    esc_url(&fid, q);
    char title[600];
    snprintf(title, sizeof title, "tidings: search %s", q);
    /* Hits come newest first: the first one's date is the feed's. */
    out body = {0};
    char updated[32] = "";
    const td_article *a;
    while ((st = td_cursor_next(c, &a)) == TD_OK) {
        char head[512], t[32];
        td_headline(a->title, a->text, a->lang, head, sizeof head);
        rfc3339(a->date, t);
        if (strcmp(t, updated) > 0)
            memcpy(updated, t, sizeof t);
        out eid = {0}, href = {0};
        puts_(&eid, "tag:tidings,2026:article:");
        esc_url(&eid, a->id);
        puts_(&href, "/#/article/");
        esc_url(&href, a->id);
        entry(&body, eid.p ? eid.p : "", head, href.p ? href.p : "", a->date,
              now, a->snippet);
        body.oom |= eid.oom || href.oom;
        free(eid.p);
        free(href.p);
    }
    td_cursor_free(c);
    if (st != TD_DONE) {
        free(body.p);
        free(self.p);
        free(fid.p);
        reply_error(r, status_of(st), td_engine_errmsg(e));
        return;
    }
    feed_head(&o, fid.p ? fid.p : "", title, self.p ? self.p : "",
              updated[0] ? updated : now);
    if (body.p)
        put(&o, body.p, body.len);
    o.oom |= self.oom || fid.oom || body.oom;
    free(body.p);
    free(self.p);
    free(fid.p);
    finish(r, &o);
}

void td__feeds_handle(td__pool *p, const char *path, const td__arg *args,
                      size_t nargs, td__reply *r)
{
    memset(r, 0, sizeof *r);
    char err[512];
    td_engine *e = td__pool_acquire(p, err, sizeof err);
    if (!e) {
        r->retry = 1;
        reply_error(r, 503, "cannot open the database");
        return;
    }
    const char *rest = path + strlen("/feeds/");
    size_t n = strlen(rest);
    if (strcmp(rest, "stories.atom") == 0) {
        feed_stories(e, args, nargs, r);
    } else if (strcmp(rest, "search.atom") == 0) {
        feed_search(e, args, nargs, r);
    } else if (strncmp(rest, "entity/", 7) == 0 && n > 7 + 5 &&
               strcmp(rest + n - 5, ".atom") == 0 && n - 12 <= 200) {
        char name[256];
        memcpy(name, rest + 7, n - 12);
        name[n - 12] = '\0';
        feed_entity(e, name, r);
    } else {
        reply_error(r, 404, "no such feed");
    }
    td__pool_release(p, e);
}
