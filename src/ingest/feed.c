/* feed.c -- RSS 2.0 (and 1.0) and Atom feeds: each item an article.
 *
 * A feed item carries its article in one of three ways: the full HTML
 * (content:encoded, Atom <content>), a summary (description, <summary>), or
 * only a link. Full content is used as it is. A summary is too little to
 * cluster on, so for a feed read from a URL the linked page is fetched and
 * extracted; for a feed read from a file (no network wanted) the summary is
 * what gets ingested. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/alloc.h"
#include "ingest/fetch.h"
#include "ingest/html.h"
#include "ingest/reader.h"

/* Shorter item text than this is a summary, not the article. */
#define SUMMARY_CHARS 500
#define MAX_ID 256

typedef struct item {
    char *title, *link, *guid, *date, *author;
    char *content;  /* full content (HTML unless content_is_text) */
    char *summary;  /* description / summary (HTML unless summary_is_text) */
    int content_is_text, summary_is_text;
} item;

static void item_free(item *it)
{
    char **f[] = {&it->title, &it->link,    &it->guid,   &it->date,
                  &it->author, &it->content, &it->summary};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        xmlFree(*f[i]);
        *f[i] = NULL;
    }
}

static int named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE &&
           strcasecmp((const char *)n->name, name) == 0;
}

static int in_ns(const xmlNode *n, const char *prefix)
{
    return n->ns && n->ns->prefix &&
           strcmp((const char *)n->ns->prefix, prefix) == 0;
}

/* Text of an element, trimmed; owned by libxml2 (xmlFree). */
static char *text_of(const xmlNode *n)
{
    xmlChar *s = xmlNodeGetContent(n);
    if (!s)
        return NULL;
    char *p = (char *)s;
    while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
    size_t len = strlen(p);
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
                   p[len - 1] == '\r' || p[len - 1] == '\n'))
        len--;
    memmove(s, p, len);
    s[len] = '\0';
    if (len == 0) {
        xmlFree(s);
        return NULL;
    }
    return (char *)s;
}

static void set_text(char **slot, const xmlNode *n)
{
    if (*slot)
        return;
    *slot = text_of(n);
}

/* Atom <content type="xhtml"> holds markup as child elements, not text. */
static char *xhtml_of(xmlNode *n)
{
    xmlBufferPtr b = xmlBufferCreate();
    if (!b)
        return NULL;
    for (xmlNode *c = n->children; c; c = c->next)
        xmlNodeDump(b, n->doc, c, 0, 0);
    char *s = (char *)xmlStrdup(xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

static int type_is_text(const xmlNode *n)
{
    xmlChar *t = xmlGetProp(n, (const xmlChar *)"type");
    int r = t && strcasecmp((const char *)t, "text") == 0;
    xmlFree(t);
    return r;
}

static void read_item(xmlNode *n, item *it, int atom)
{
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (named(c, "title")) {
            set_text(&it->title, c);
        } else if (named(c, "link")) {
            if (atom) {
                xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
                if (!it->link && (!rel || xmlStrcmp(rel, (const xmlChar *)"alternate") == 0))
                    it->link = (char *)xmlGetProp(c, (const xmlChar *)"href");
                xmlFree(rel);
            } else {
                set_text(&it->link, c);
            }
        } else if (named(c, "guid") || (atom && named(c, "id"))) {
            set_text(&it->guid, c);
        } else if (named(c, "pubDate") || named(c, "published") ||
                   named(c, "issued")) {
            if (it->date) /* published wins over updated and dc:date */
                xmlFree(it->date), it->date = NULL;
            set_text(&it->date, c);
        } else if (named(c, "updated") || named(c, "date") ||
                   named(c, "modified")) {
            set_text(&it->date, c);
        } else if (named(c, "encoded") && in_ns(c, "content")) {
            if (it->content)
                xmlFree(it->content), it->content = NULL;
            set_text(&it->content, c);
            it->content_is_text = 0;
        } else if (atom && named(c, "content")) {
            xmlChar *t = xmlGetProp(c, (const xmlChar *)"type");
            int xhtml = t && strcasecmp((const char *)t, "xhtml") == 0;
            xmlFree(t);
            if (!it->content) {
                it->content = xhtml ? xhtml_of(c) : text_of(c);
                it->content_is_text = type_is_text(c);
            }
        } else if (named(c, "description") || named(c, "summary")) {
            set_text(&it->summary, c);
            it->summary_is_text = atom && type_is_text(c);
        } else if (named(c, "author") || named(c, "creator")) {
            if (!it->author) {
                xmlNode *name = NULL;
                for (xmlNode *d = c->children; d; d = d->next)
                    if (named(d, "name"))
                        name = d;
                it->author = text_of(name ? name : c);
            }
        }
    }
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if ((*s & 0xC0) != 0x80 && *s != ' ' && *s != '\n')
            n++;
    return n;
}

/* The item's text from its own content or summary; owned (td__free), ""
 * when it has none, NULL when memory ran out. */
static char *item_text(const item *it, int *is_summary)
{
    const char *src = it->content ? it->content : it->summary;
    int as_text = it->content ? it->content_is_text : it->summary_is_text;
    *is_summary = !it->content;
    if (!src)
        return td__strdup("");
    if (as_text)
        return td__strdup(src);
    return td__html_fragment_text(src, strlen(src));
}

static td_status emit_item(td__sink *s, const char *name, int idx,
                           const item *it, const char *source,
                           int fetch_links)
{
    char where[1200];
    snprintf(where, sizeof where, "%s#%d", name, idx);
    td_input in = {0};
    char date[11];
    in.title = it->title;
    in.url = it->link;
    in.source = source;
    in.name = where;
    if (it->date && td__web_date(it->date, date) == 0)
        in.date = date;
    /* The guid is the feed's own stable id: re-polling is then a no-op. */
    const char *id = it->guid ? it->guid : it->link;
    if (id && strlen(id) <= MAX_ID)
        in.id = id;
    int is_summary = 0;
    char *text = item_text(it, &is_summary);
    if (!text) {
        s->fail(s, where, TD_ENOMEM, "out of memory");
        return TD_ENOMEM;
    }
    td_status st = TD_OK;
    if (fetch_links && it->link && td__is_url(it->link) &&
        (is_summary || chars(text) < SUMMARY_CHARS)) {
        td__fetch_result r;
        char err[256];
        st = td__fetch(it->link, NULL, &r, err, sizeof err);
        if (st == TD_OK && r.body) {
            td__free(text);
            st = td__emit_html(s, &in, where, r.body, r.len, 0, r.charset);
            td__fetch_result_free(&r);
            return st;
        }
        if (st == TD_OK)
            td__fetch_result_free(&r);
        if (st == TD_ENOMEM) {
            td__free(text);
            return st;
        }
        st = TD_OK; /* fall back on the summary below */
    }
    if (!text[0]) {
        s->fail(s, where, TD_EEMPTY,
                "feed item has no content, no summary and no fetchable link");
    } else {
        in.text = text;
        in.text_len = strlen(text);
        st = s->emit(s, &in, where);
    }
    td__free(text);
    return st;
}

td_status td__read_feed(td__sink *s, const char *name, const char *data,
                        size_t len, int fetch_links)
{
    if (len > 0x7fffffff) {
        s->fail(s, name, TD_EINVAL, "feed larger than 2 GiB");
        return TD_OK;
    }
    /* No entity expansion and no network: a feed is untrusted input. */
    xmlDocPtr doc = xmlReadMemory(data, (int)len, NULL, NULL,
                                  XML_PARSE_RECOVER | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING | XML_PARSE_NONET |
                                      XML_PARSE_NOCDATA | XML_PARSE_COMPACT);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        s->fail(s, name, TD_EPARSE, "not a well-formed RSS or Atom feed");
        xmlFreeDoc(doc);
        return TD_OK;
    }
    int atom = named(root, "feed");
    if (!atom && !named(root, "rss") && !named(root, "RDF")) {
        s->fail(s, name, TD_EPARSE,
                "XML, but neither RSS (<rss>, <rdf:RDF>) nor Atom (<feed>)");
        xmlFreeDoc(doc);
        return TD_OK;
    }
    /* Items live under <channel> (RSS 2.0), beside it (RSS 1.0) or under
     * the root (Atom). */
    xmlNode *parents[2] = {root, NULL};
    char *source = NULL;
    for (xmlNode *c = root->children; c; c = c->next)
        if (named(c, "channel"))
            parents[1] = c;
    xmlNode *head = atom ? root : parents[1];
    for (xmlNode *c = head ? head->children : NULL; c && !source; c = c->next)
        if (named(c, "title"))
            source = text_of(c);
    td_status st = TD_OK;
    int idx = 0;
    for (int p = 0; p < 2 && st == TD_OK; p++) {
        for (xmlNode *c = parents[p] ? parents[p]->children : NULL;
             c && st == TD_OK; c = c->next) {
            if (!named(c, atom ? "entry" : "item"))
                continue;
            item it;
            memset(&it, 0, sizeof it);
            read_item(c, &it, atom);
            st = emit_item(s, name, ++idx, &it, source, fetch_links);
            item_free(&it);
        }
    }
    if (st == TD_OK && idx == 0)
        s->fail(s, name, TD_EEMPTY, "feed has no items");
    xmlFree(source);
    xmlFreeDoc(doc);
    return st;
}
