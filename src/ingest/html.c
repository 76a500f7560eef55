/* html.c -- the article in an HTML page: its main text and its metadata.
 *
 * The page is first converted to UTF-8 through ICU (the web labels its
 * encodings in <meta> and BOMs, and sometimes not at all), then parsed by
 * libxml2's forgiving HTML parser. Metadata comes from the places publishers
 * put it (Open Graph, JSON-LD, <time>, the URL). The body is found the way
 * Readability and boilerpipe find it: the page is cut into text blocks, each
 * block votes for its parent and grandparent by its length and commas, and
 * the container with the best score after a link-density penalty wins,
 * together with siblings that score nearly as well. Furniture (navigation,
 * comments, share bars, related lists, cookie banners) is dropped by tag,
 * role and class/id hints in several languages before the vote. */
#include "ingest/html.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "ingest/htmldate.h"
#include "text/unicode.h"

#define SNIFF_BYTES 8192
#define MAX_DEPTH 256     /* deeper than this, subtrees are read flat */
#define MIN_BLOCK 25      /* a block shorter than this does not vote */
#define MAX_FIELD 1024    /* metadata longer than this is not metadata */

/* ------------------------------------------------------------ encoding */

/* WHATWG maps several labels to supersets; ICU knows the supersets. */
static const char *charset_alias(const char *name)
{
    static const char *const map[][2] = {
        {"iso-8859-1", "windows-1252"}, {"latin1", "windows-1252"},
        {"iso8859-1", "windows-1252"},  {"us-ascii", "windows-1252"},
        {"ascii", "windows-1252"},      {"gb2312", "GB18030"},
        {"gbk", "GB18030"},             {"x-gbk", "GB18030"},
        {"gb_2312-80", "GB18030"},      {"shift_jis", "windows-31j"},
        {"shift-jis", "windows-31j"},   {"sjis", "windows-31j"},
        {"x-sjis", "windows-31j"},      {"euc-kr", "windows-949"},
        {"utf8", "UTF-8"},              {"unicode", "UTF-16LE"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcasecmp(name, map[i][0]) == 0)
            return map[i][1];
    return name;
}

/* The first case-insensitive occurrence of pat (non-empty, its first
 * character a letter or not) in s[0..n). The first byte is tested inline
 * before a full compare: this runs over whole pages, and a call per byte
 * was a fifth of extraction time. */
static const char *memmem_ci(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    if (m == 0 || m > n)
        return m == 0 ? s : NULL;
    unsigned char lo = (unsigned char)tolower((unsigned char)pat[0]);
    unsigned char up = (unsigned char)toupper((unsigned char)pat[0]);
    for (size_t i = 0; i + m <= n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c == lo || c == up) &&
            strncasecmp(s + i + 1, pat + 1, m - 1) == 0)
            return s + i;
    }
    return NULL;
}

/* Whether the key at p sits inside a tag named tag ("<meta ...", "<?xml
 * ..."): a charset on a <script> or <link> names that file's encoding,
 * not the page's (web archives inject such scripts above the page's own
 * <meta>). */
static int in_tag(const char *s, const char *p, const char *tag)
{
    while (p > s && p[-1] != '<' && p[-1] != '>')
        p--;
    return p > s && p[-1] == '<' && strncasecmp(p, tag, strlen(tag)) == 0;
}

/* The charset a page declares in its first bytes: <meta charset=X>,
 * <meta ... content="text/html; charset=X">, or <?xml ... encoding="X"?>. */
static int sniff_charset(const char *s, size_t n, char out[48])
{
    if (n > SNIFF_BYTES)
        n = SNIFF_BYTES;
    const char *keys[] = {"charset", "encoding"};
    const char *tags[] = {"meta", "?xml"};
    for (int k = 0; k < 2; k++) {
        const char *p = s, *end = s + n;
        while ((p = memmem_ci(p, (size_t)(end - p), keys[k])) != NULL) {
            int tagged = in_tag(s, p, tags[k]);
            p += strlen(keys[k]);
            if (!tagged)
                continue;
            while (p < end && (*p == ' ' || *p == '\t'))
                p++;
            if (p >= end || *p != '=')
                continue;
            p++;
            while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
                p++;
            size_t m = 0;
            while (p + m < end && m < 47 &&
                   (isalnum((unsigned char)p[m]) || p[m] == '-' ||
                    p[m] == '_' || p[m] == '.' || p[m] == ':'))
                m++;
            if (m == 0)
                continue;
            memcpy(out, p, m);
            out[m] = '\0';
            return 0;
        }
    }
    return -1;
}

/* ICU's statistical guess for undeclared, non-UTF-8 bytes. */
static void detect_charset(const char *s, size_t n, char out[48])
{
    snprintf(out, 48, "windows-1252");
    UErrorCode err = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&err);
    if (U_FAILURE(err))
        return;
    ucsdet_enableInputFilter(d, 1); /* skip markup */
    ucsdet_setText(d, s, (int32_t)(n > 65536 ? 65536 : n), &err);
    const UCharsetMatch *m = U_SUCCESS(err) ? ucsdet_detect(d, &err) : NULL;
    const char *name = m && U_SUCCESS(err) ? ucsdet_getName(m, &err) : NULL;
    if (name && U_SUCCESS(err))
        snprintf(out, 48, "%s", name);
    ucsdet_close(d);
}

static char *convert(const char *from, const char *s, size_t n,
                     size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t need = ucnv_convert("UTF-8", from, NULL, 0, s, (int32_t)n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    char *out = td__malloc((size_t)need + 1);
    if (!out)
        return NULL;
    err = U_ZERO_ERROR;
    ucnv_convert("UTF-8", from, out, need + 1, s, (int32_t)n, &err);
    if (U_FAILURE(err)) {
        td__free(out);
        return NULL;
    }
    out[need] = '\0';
    *out_len = (size_t)need;
    return out;
}

char *td__html_to_utf8(const char *html, size_t len, const char *charset,
                       size_t *out_len)
{
    char cs[48] = "";
    const char *s = html;
    if (len > INT32_MAX / 4)
        len = INT32_MAX / 4; /* ICU counts in int32_t */
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        snprintf(cs, sizeof cs, "UTF-8");
        s += 3, len -= 3;
    } else if (len >= 2 && memcmp(s, "\xFF\xFE", 2) == 0) {
        snprintf(cs, sizeof cs, "UTF-16LE");
        s += 2, len -= 2;
    } else if (len >= 2 && memcmp(s, "\xFE\xFF", 2) == 0) {
        snprintf(cs, sizeof cs, "UTF-16BE");
        s += 2, len -= 2;
    } else if (charset && *charset && strlen(charset) < sizeof cs) {
        snprintf(cs, sizeof cs, "%s", charset);
    } else if (sniff_charset(s, len, cs) == 0) {
        /* A page saying UTF-16 in ASCII bytes is not UTF-16 (WHATWG). */
        if (strncasecmp(cs, "utf-16", 6) == 0 ||
            strcasecmp(cs, "unicode") == 0)
            snprintf(cs, sizeof cs, "UTF-8");
    } else if (td__utf8_valid(s, len, NULL)) {
        snprintf(cs, sizeof cs, "UTF-8");
    } else {
        detect_charset(s, len, cs);
    }
    char *out = convert(charset_alias(cs), s, len, out_len);
    if (!out) /* an unknown label: the web's default */
        out = convert("windows-1252", s, len, out_len);
    return out;
}

/* --------------------------------------------------------------- dates */

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int put_date(int y, int m, int d, char out[11])
{
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 0 || d > 31)
        return -1;
    if (d)
        snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(out, 11, "%04d-%02d", y, m);
    return 0;
}

static int month_name(const char *s)
{
    static const char *const mon[] = {"jan", "feb", "mar", "apr",
                                      "may", "jun", "jul", "aug",
                                      "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, mon[i], 3) == 0)
            return i + 1;
    return 0;
}

int td__web_date(const char *s, char out[11])
{
    if (!s)
        return -1;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    /* ISO 8601 and its slash and compact cousins. */
    if (n >= 10 && digits(s, 4) && (s[4] == '-' || s[4] == '/') &&
        digits(s + 5, 2) && s[7] == s[4] && digits(s + 8, 2) &&
        (n == 10 || !isdigit((unsigned char)s[10])))
        return put_date(num(s, 4), num(s + 5, 2), num(s + 8, 2), out);
    if (n >= 8 && digits(s, 8) && (n == 8 || s[8] == 'T'))
        return put_date(num(s, 4), num(s + 4, 2), num(s + 6, 2), out);
    if (n == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2))
        return put_date(num(s, 4), num(s + 5, 2), 0, out);
    /* RFC 822: [Day, ]DD Mon YYYY ... */
    const char *p = s;
    const char *comma = strchr(s, ',');
    if (comma && comma - s <= 10)
        p = comma + 1;
    while (*p == ' ')
        p++;
    int d = 0, k = 0;
    while (k < 2 && isdigit((unsigned char)p[k]))
        d = d * 10 + (p[k] - '0'), k++;
    if (k == 0 || p[k] != ' ')
        return -1;
    p += k + 1;
    int m = month_name(p);
    if (!m)
        return -1;
    while (*p && *p != ' ')
        p++;
    while (*p == ' ')
        p++;
    if (!digits(p, 4))
        return -1;
    return put_date(num(p, 4), m, d ? d : 0, out) == 0 && d ? 0 : -1;
}

int td__url_date(const char *url, char out[11])
{
    if (!url)
        return -1;
    size_t n = strlen(url);
    for (size_t i = 0; i + 8 <= n; i++) {
        if (url[i] != '/' || !digits(url + i + 1, 4))
            continue;
        const char *p = url + i + 1;
        size_t left = n - i - 1;
        int y = num(p, 4);
        if (y < 1990 || y > 2100)
            continue;
        char sep = left > 4 ? p[4] : 0;
        if ((sep != '/' && sep != '-') || left < 7 || !digits(p + 5, 2))
            continue;
        if (left >= 10 && p[7] == sep && digits(p + 8, 2) &&
            (left == 10 || !isdigit((unsigned char)p[10])))
            return put_date(y, num(p + 5, 2), num(p + 8, 2), out);
        if (sep == '/' && (left == 7 || p[7] == '/'))
            return put_date(y, num(p + 5, 2), 0, out);
    }
    /* Compact YYYYMMDD as a path segment or a part of a slug of its own
     * (/20231007/, /20240628-240628057, -20190313-0045.html); a longer run
     * of digits is an id. */
    for (size_t i = 0; i + 9 <= n; i++) {
        if (!strchr("/-_", url[i]) || !digits(url + i + 1, 8))
            continue;
        const char *p = url + i + 1;
        char after = i + 9 < n ? p[8] : '/';
        int y = num(p, 4);
        if (y < 1990 || y > 2100 || !strchr("/-_.?#", after))
            continue;
        if (put_date(y, num(p + 4, 2), num(p + 6, 2), out) == 0)
            return 0;
    }
    return -1;
}

/* ----------------------------------------------------------- tree help */

static const char *name_of(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
}

static int is(const xmlNode *n, const char *tag)
{
    return strcasecmp(name_of(n), tag) == 0;
}

static int in_list(const char *tag, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(tag, *list) == 0)
            return 1;
    return 0;
}

/* An attribute value (owned by libxml2: xmlFree), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

static int attr_is(const xmlNode *n, const char *name, const char *value)
{
    char *v = attr(n, name);
    int r = v && strcasecmp(v, value) == 0;
    xmlFree(v);
    return r;
}

/* Text of a subtree with white space collapsed, owned (td__free). */
static char *node_text(const xmlNode *n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    if (!raw)
        return NULL;
    td__buf b = TD__BUF_INIT;
    int space = 0;
    for (const unsigned char *p = raw; *p; p++) {
        if (isspace(*p)) {
            space = 1;
            continue;
        }
        if (space && b.len)
            td__buf_putc(&b, ' ');
        space = 0;
        td__buf_putc(&b, (char)*p);
    }
    xmlFree(raw);
    char *s = b.len ? td__buf_take(&b) : NULL;
    td__buf_free(&b);
    return s;
}

/* -------------------------------------------------------------- metadata */

typedef struct meta {
    char *og_title, *title, *h1, *date_pub, *date_ld, *date_meta, *date_time;
    char *date_item, *date_time_pub, *date_line, *date_raw, *date_mod;
    char *byline; /* from rel=author or a byline block */
    const char *date_source; /* static: where the chosen date came from */
    int offset, has_offset;  /* the publisher's UTC offset, minutes */
    char *lang, *locale, *canonical, *og_url, *author, *site, *ld_title;
    char *ld_body; /* the longest JSON-LD articleBody */
    char *app[16]; /* the longest markup strings in hydration JSON */
    size_t napp;
    char *desc;    /* og:description or description: often the lead */
} meta;

static void set_once(char **slot, const char *v)
{
    if (*slot || !v || !*v || strlen(v) > MAX_FIELD)
        return;
    *slot = td__strdup(v);
}

/* As set_once, for a date: only a value that reads as a day counts, so
 * that an empty or garbled first candidate does not hide a good one. */
static void set_date(char **slot, const char *v)
{
    char d[11];
    if (*slot || !v || (td__iso_local_day(v, 0, d) != 0 &&
                        (td__web_date(v, d) != 0 || strlen(d) != 10)))
        return;
    set_once(slot, v);
}

static void meta_free(meta *m)
{
    char **f[] = {&m->og_title, &m->title,  &m->h1,        &m->date_pub,
                  &m->date_ld,  &m->date_meta, &m->date_time, &m->lang,
                  &m->date_item, &m->date_time_pub, &m->date_line,
                  &m->date_raw,  &m->date_mod,  &m->byline,
                  &m->locale,   &m->canonical, &m->og_url,   &m->author,
                  &m->site,     &m->ld_title,  &m->ld_body, &m->desc};
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        td__free(*f[i]);
        *f[i] = NULL;
    }
    for (size_t i = 0; i < m->napp; i++)
        td__free(m->app[i]);
    m->napp = 0;
}

static const char *json_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_array_size(v) > 0)
        v = json_array_get(v, 0);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_object(v))
        return json_str(v, "name");
    return NULL;
}

/* Every name of a JSON-LD author value (a string, a Person, or an array of
 * them), joined by ", " into m->author. */
static void ld_authors(json_t *v, meta *m)
{
    if (m->author || !v)
        return;
    td__buf b = TD__BUF_INIT;
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && i < 8; i++) {
        json_t *a = json_is_array(v) ? json_array_get(v, i) : v;
        const char *name = json_is_string(a) ? json_string_value(a)
                           : json_is_object(a) ? json_str(a, "name")
                                               : NULL;
        char *clean = name ? td__byline_clean(name) : NULL;
        if (clean && !(b.len && strstr(b.p, clean))) {
            if (b.len)
                td__buf_append(&b, ", ", 2);
            td__buf_append(&b, clean, strlen(clean));
        }
        td__free(clean);
    }
    if (b.len && td__buf_putc(&b, '\0') == 0)
        set_once(&m->author, b.p);
    td__buf_free(&b);
}

/* JSON-LD: the first object that looks like an article (or anything with a
 * datePublished), searched through arrays and @graph. */
static void json_ld(json_t *v, meta *m, int depth)
{
    if (depth > 8)
        return;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            json_ld(json_array_get(v, i), m, depth + 1);
        return;
    }
    if (!json_is_object(v))
        return;
    json_t *graph = json_object_get(v, "@graph");
    if (graph)
        json_ld(graph, m, depth + 1);
    json_t *body = json_object_get(v, "articleBody");
    if (json_is_string(body) &&
        (!m->ld_body || strlen(json_string_value(body)) > strlen(m->ld_body))) {
        char *copy = td__strdup(json_string_value(body));
        if (copy) {
            td__free(m->ld_body);
            m->ld_body = copy;
        }
    }
    const char *pub = json_str(v, "datePublished");
    if (!pub)
        pub = json_str(v, "dateCreated");
    set_date(&m->date_mod, json_str(v, "dateModified"));
    if (!pub)
        return;
    set_date(&m->date_ld, pub);
    set_once(&m->ld_title, json_str(v, "headline"));
    ld_authors(json_object_get(v, "author"), m);
    set_once(&m->site, json_str(v, "publisher"));
}

/* Whether a JSON string is markup of paragraphs: a script-rendered page
 * (Next.js, React on Rails, Nuxt) carries its body as an HTML string in
 * the JSON it hydrates from. */
static int paragraph_markup(const char *s)
{
    return strstr(s, "<p>") || strstr(s, "<p ") || strstr(s, "</p>") ||
           strstr(s, "<br");
}

/* The longest strings of paragraph markup in hydration JSON (the page's
 * own body and those of the stories it links to), kept in m->app;
 * depth-limited. */
static void app_json(json_t *v, meta *m, int depth)
{
    if (depth > 64)
        return;
    if (json_is_string(v)) {
        const char *t = json_string_value(v);
        size_t n = strlen(t), cap = sizeof m->app / sizeof m->app[0];
        if (n < 400 || !paragraph_markup(t))
            return;
        size_t at = m->napp; /* the shortest kept, when full */
        if (m->napp == cap) {
            at = 0;
            for (size_t i = 1; i < cap; i++)
                if (strlen(m->app[i]) < strlen(m->app[at]))
                    at = i;
            if (strlen(m->app[at]) >= n)
                return;
        }
        char *copy = td__strdup(t);
        if (!copy)
            return;
        if (at < m->napp)
            td__free(m->app[at]);
        else
            m->napp++;
        m->app[at] = copy;
        return;
    }
    const char *key;
    json_t *e;
    size_t i;
    if (json_is_object(v))
        json_object_foreach(v, key, e) app_json(e, m, depth + 1);
    else if (json_is_array(v))
        json_array_foreach(v, i, e) app_json(e, m, depth + 1);
}

static void app_json_text(const char *js, meta *m)
{
    json_t *v = json_loads(js, JSON_DECODE_ANY, NULL);
    app_json(v, m, 0);
    json_decref(v);
}

/* A meta name that says "published" or "created" in its own words
 * ("sw-pubdate", "publication_date", "DC.date.created", "schema:dateCreated")
 * and not "modified" or "expires". */
static int meta_date_key(const char *key)
{
    char low[64];
    size_t n = 0;
    for (; key[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)key[n]);
    low[n] = '\0';
    if (strstr(low, "modif") || strstr(low, "updat") || strstr(low, "expir") ||
        strstr(low, "revis") || strstr(low, "birth") || strstr(low, "valid"))
        return 0;
    return strstr(low, "pubdate") || strstr(low, "publish") ||
           strstr(low, "publication") || strstr(low, "datecreated") ||
           strstr(low, "date.created") || strstr(low, "date.issued") ||
           strstr(low, "citation_date") || strcmp(low, "dc:date") == 0 ||
           strcmp(low, "uploaddate") == 0 || strcmp(low, "created") == 0;
}

/* Class or id words of elements that hold a dateline. */
static int date_hint(const char *h)
{
    if (strstr(h, "comment") || strstr(h, "modif") || strstr(h, "updat") ||
        strstr(h, "related") || strstr(h, "teaser"))
        return 0;
    return strstr(h, "date") || strstr(h, "time") || strstr(h, "publi") ||
           strstr(h, "posted") || strstr(h, "datum") || strstr(h, "fecha") ||
           strstr(h, "byline") || strstr(h, "meta") || strstr(h, "dateline") ||
           strstr(h, "info") || strstr(h, "author") || strstr(h, "stamp") ||
           strstr(h, "submitted") || strstr(h, "created");
}

static char *hint_of(const xmlNode *n);

/* An element classed as the byline ("byline", "author-name", "autor"). */
static int byline_hint(const xmlNode *n)
{
    if (is(n, "html") || is(n, "body") || is(n, "script") || is(n, "meta"))
        return 0;
    char *h = hint_of(n);
    int r = h && !strstr(h, "comment") && !strstr(h, "box") &&
            !strstr(h, "bio") && !strstr(h, "avatar") &&
            (strstr(h, "byline") || strstr(h, "author-name") ||
             strstr(h, "authorname") || strstr(h, "article-author") ||
             strstr(h, "autor"));
    td__free(h);
    return r;
}

static void read_meta_tag(const xmlNode *n, meta *m)
{
    char *key = attr(n, "property");
    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    char *content = attr(n, "content");
    if (key && content) {
        static const char *const dates[] = {
            "date", "pubdate", "publishdate", "dc.date", "dc.date.issued",
            "dcterms.created", "dcterms.date", "og:published_time",
            "citation_publication_date", "parsely-pub-date", "sailthru.date",
            "datepublished", "article.published", NULL};
        if (strcasecmp(key, "og:title") == 0)
            set_once(&m->og_title, content);
        else if (strcasecmp(key, "og:description") == 0 ||
                 strcasecmp(key, "description") == 0 ||
                 strcasecmp(key, "twitter:description") == 0)
            set_once(&m->desc, content);
        else if (strcasecmp(key, "article:published_time") == 0)
            set_date(&m->date_pub, content);
        else if (in_list(key, dates) || meta_date_key(key))
            set_date(&m->date_meta, content);
        else if (strcasecmp(key, "article:modified_time") == 0 ||
                 strcasecmp(key, "og:updated_time") == 0 ||
                 strcasecmp(key, "dateModified") == 0 ||
                 strcasecmp(key, "last-modified") == 0)
            set_date(&m->date_mod, content);
        else if (strcasecmp(key, "og:locale") == 0)
            set_once(&m->locale, content);
        else if (strcasecmp(key, "og:url") == 0)
            set_once(&m->og_url, content);
        else if (strcasecmp(key, "og:site_name") == 0 ||
                 strcasecmp(key, "application-name") == 0)
            set_once(&m->site, content);
        else if (strcasecmp(key, "author") == 0 ||
                 strcasecmp(key, "article:author") == 0 ||
                 strcasecmp(key, "dc.creator") == 0)
        {
            char *clean = td__byline_clean(content);
            set_once(&m->author, clean);
            td__free(clean);
        }
        else if (strcasecmp(key, "content-language") == 0 ||
                 strcasecmp(key, "language") == 0 ||
                 strcasecmp(key, "dc.language") == 0)
            set_once(&m->locale, content);
    }
    char *equiv = attr(n, "http-equiv");
    if (equiv && content && strcasecmp(equiv, "content-language") == 0)
        set_once(&m->locale, content);
    xmlFree(equiv);
    xmlFree(key);
    xmlFree(content);
}

static void walk_meta(const xmlNode *n, meta *m, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is(n, "html")) {
            char *l = attr(n, "lang");
            if (!l)
                l = attr(n, "xml:lang");
            set_once(&m->lang, l);
            xmlFree(l);
        } else if (is(n, "meta")) {
            read_meta_tag(n, m);
        } else if (is(n, "link")) {
            char *rel = attr(n, "rel");
            char *href = attr(n, "href");
            if (rel && href && strcasecmp(rel, "canonical") == 0)
                set_once(&m->canonical, href);
            xmlFree(rel);
            xmlFree(href);
        } else if (is(n, "title") && !m->title) {
            char *t = node_text(n);
            set_once(&m->title, t);
            td__free(t);
        } else if (is(n, "h1") && !m->h1) {
            char *t = node_text(n);
            set_once(&m->h1, t);
            td__free(t);
        } else if (is(n, "time") && !m->date_time_pub) {
            char *dt = attr(n, "datetime");
            char *pd = attr(n, "pubdate");
            char *h = hint_of(n);
            /* <time pubdate> and a time classed "published" name the
             * publication; the first <time> may be a clock in a masthead */
            if (pd || (h && (strstr(h, "publi") || strstr(h, "entry-date"))))
                set_date(&m->date_time_pub, dt);
            set_date(&m->date_time, dt);
            td__free(h);
            xmlFree(pd);
            xmlFree(dt);
        } else if (!m->date_item && (attr_is(n, "itemprop", "datePublished") ||
                                     attr_is(n, "itemprop", "dateCreated"))) {
            char *v = attr(n, "content");
            if (!v)
                v = attr(n, "datetime");
            if (v) {
                set_date(&m->date_item, v);
                xmlFree(v);
            } else {
                char *t = node_text(n);
                char d[11];
                if (t && td__text_date(t, strlen(t), m->lang, d) == 0)
                    set_once(&m->date_item, d);
                td__free(t);
            }
        }
        if (!m->byline && (attr_is(n, "rel", "author") ||
                           attr_is(n, "itemprop", "author") ||
                           byline_hint(n))) {
            char *t = node_text(n);
            if (t && strlen(t) <= 120) {
                char *clean = td__byline_clean(t);
                set_once(&m->byline, clean);
                td__free(clean);
            }
            td__free(t);
        }
        if (!m->date_line && !is(n, "script") && !is(n, "style") &&
            !is(n, "html") && !is(n, "body") && !is(n, "head")) {
            char *h = hint_of(n);
            if (h && date_hint(h)) {
                char *t = node_text(n);
                char d[11];
                if (t && strlen(t) <= 200 &&
                    td__text_date(t, strlen(t), m->lang ? m->lang : m->locale,
                                  d) == 0)
                    set_once(&m->date_line, d);
                td__free(t);
            }
            td__free(h);
        }
        /* the JSON a script-rendered page hydrates from: a JSON script,
         * or the props attribute of a component's mount point */
        if (is(n, "script") && attr_is(n, "type", "application/json")) {
            xmlChar *js = xmlNodeGetContent(n);
            if (js) {
                app_json_text((const char *)js, m);
                xmlFree(js);
            }
            continue;
        }
        if (!is(n, "script")) {
            static const char *const props[] = {"data-react-props",
                                                "data-props", NULL};
            for (int k = 0; props[k]; k++) {
                char *js = attr(n, props[k]);
                if (js && strlen(js) >= 400)
                    app_json_text(js, m);
                xmlFree(js);
            }
        }
        if (is(n, "script") && attr_is(n, "type", "application/ld+json")) {
            xmlChar *js = xmlNodeGetContent(n);
            if (js) {
                json_t *v = json_loads((const char *)js, 0, NULL);
                json_ld(v, m, 0);
                json_decref(v);
                xmlFree(js);
            }
            continue;
        }
        walk_meta(n->children, m, depth + 1);
    }
}

/* "en-US" -> "en", "ru_RU" -> "ru"; NULL unless 2-3 letters lead. */
static char *lang_code(const char *s)
{
    if (!s)
        return NULL;
    while (isspace((unsigned char)*s))
        s++;
    size_t k = 0;
    while (k < 4 && isalpha((unsigned char)s[k]))
        k++;
    if (k < 2 || k > 3 || (s[k] && s[k] != '-' && s[k] != '_' &&
                           !isspace((unsigned char)s[k]) && s[k] != ','))
        return NULL;
    char *out = td__strndup(s, k);
    for (size_t i = 0; out && out[i]; i++)
        out[i] = (char)tolower((unsigned char)out[i]);
    return out;
}

/* <title> often says "Headline | Site" or "Headline - Site". */
static char *pick_title(const meta *m)
{
    if (m->og_title)
        return td__strdup(m->og_title);
    if (m->ld_title)
        return td__strdup(m->ld_title);
    if (m->title && m->h1 && strstr(m->title, m->h1))
        return td__strdup(m->h1);
    if (m->title) {
        static const char *const seps[] = {" | ", " - ", " — ", " – ",
                                           " :: ", " « ", " » ", NULL};
        for (int i = 0; seps[i]; i++) {
            const char *p = strstr(m->title, seps[i]);
            if (p && m->site && strstr(p, m->site))
                return td__strndup(m->title, (size_t)(p - m->title));
        }
        return td__strdup(m->title);
    }
    return m->h1 ? td__strdup(m->h1) : NULL;
}

/* A machine-readable date as the publisher's day (see htmldate.h). */
static int web_day(const meta *m, const char *s, char d[11])
{
    if (td__iso_local_day(s, m->has_offset ? m->offset : 0, d) == 0)
        return 0;
    return td__web_date(s, d) == 0 && strlen(d) == 10 ? 0 : -1;
}

/* The publication day, from the most trusted source that has one; sets
 * m->date_source. */
static char *pick_date(meta *m)
{
    char d[11];
    struct {
        const char *value, *source;
    } order[] = {
        {m->date_ld, "json-ld"},        {m->date_pub, "meta"},
        {m->date_raw, "json-ld"},       {m->date_meta, "meta"},
        {m->date_item, "itemprop"},     {m->date_time_pub, "time"},
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (order[i].value && web_day(m, order[i].value, d) == 0) {
            m->date_source = order[i].source;
            return td__strdup(d);
        }
    if (td__url_date(m->canonical, d) == 0 || td__url_date(m->og_url, d) == 0) {
        if (strlen(d) == 10) {
            m->date_source = "url";
            return td__strdup(d);
        }
    }
    if (m->date_line) {
        m->date_source = "dateline";
        return td__strdup(m->date_line);
    }
    if (m->date_time && web_day(m, m->date_time, d) == 0) {
        m->date_source = "time";
        return td__strdup(d);
    }
    /* A page that says only when it was changed was published no later;
     * the day it names is the best left. */
    if (m->date_mod && web_day(m, m->date_mod, d) == 0) {
        m->date_source = "modified";
        return td__strdup(d);
    }
    return NULL;
}

/* The value of the first "key": "..." in raw JSON text, as JSON-LD that
 * jansson cannot parse (raw newlines in strings, trailing commas) still
 * writes it; copied into out (cap bytes). Returns 0 or -1. */
static int raw_json_value(const char *s, size_t n, const char *key, char *out,
                          size_t cap)
{
    size_t kl = strlen(key);
    const char *end = s + n;
    /* every key sits right after a quote: memchr finds those fast */
    for (const char *p = s; (p = memchr(p, '"', (size_t)(end - p))) != NULL;) {
        p++;
        if ((size_t)(end - p) <= kl || p[kl] != '"' ||
            strncasecmp(p, key, kl) != 0)
            continue;
        const char *q = p + kl + 1;
        while (q < end && (*q == ' ' || *q == ':' || *q == '\t'))
            q++;
        if (q >= end || *q != '"')
            continue;
        q++;
        size_t k = 0;
        while (q + k < end && q[k] != '"' && k < cap - 1)
            k++;
        memcpy(out, q, k);
        out[k] = '\0';
        return 0;
    }
    return -1;
}

/* ------------------------------------------------------------ furniture */

static const char *const drop_tags[] = {
    "script", "style",  "nav",    "footer",
    "aside",  "iframe",   "svg",    "button",   "select",
    "textarea", "template", "object", "embed", "canvas",  "figure",
    "input",  "label",  "menu",     "dialog", "head",     "title",
    "math",   "video",  "audio",    "map",    "picture",
    /* ruby annotations: the reading of a word, not text of its own */
    "rt",     "rp",     NULL};

static const char *const block_tags[] = {
    "address", "article", "blockquote", "body", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "li", "main", "ol", "p", "pre", "section", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "ul", "summary",
    "caption", "html", "center", "hgroup", NULL};

/* Class/id words that always mark furniture, in the languages news is
 * written in; matched anywhere inside the class or id. Comments and
 * consent banners are furniture however much text they hold (a long
 * comment thread can outweigh the article). */
static const char *const strong_words[] = {
    "comment", "kommentar", "commenti", "comentario", "commentaire",
    "reactie", "disqus", "respond", "cookie", "consent", "gdpr", "popup",
    "modal", "skip-link", "outbrain", "taboola", NULL};

/* Class/id words of bars and boxes (sharing, sign-up, breadcrumbs): never
 * long text of their own, so an element so classed that holds a body's
 * worth of paragraph text is a wrapper of the article
 * ("content__sharing-container") and is kept. */
static const char *const bar_words[] = {
    "share", "sharing", "social", "partager", "compartir", "condividi",
    "teilen", "newsletter", "subscribe", "signup", "breadcrumb", NULL};

/* Whether a class/id holds word, "commentary" (an opinion piece) aside. */
static int has_word(const char *h, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = h; (p = strstr(p, word)) != NULL; p += n)
        if (strcmp(word, "comment") != 0 || strncmp(p + n, "ary", 3) != 0)
            return 1;
    return 0;
}

/* Class/id words that usually mark furniture, but that also name wrappers
 * of the article itself on real sites ("content-behind-paywall",
 * "author-article", a WordPress post classed "tag-elections"): they drop
 * an element only when it does not hold most of the page's text. */
static const char *const bad_words[] = {
    "related", "relacionad", "correlat",
    "verwandt", "similar", "similai", "aehnlich", "ähnlich", "leggi-anche",
    "lies-auch", "voir-aussi", "see-also", "read-more", "readmore",
    "read-also", "also-read", "more-news", "more-stories", "altre-notizie",
    "mehr-zum", "recommend", "popular", "trending", "most-read", "mostread",
    "datenschutz", "privacy", "paywall",
    "sidebar", "side-bar", "advert", "sponsor", "banner",
    "widget", "toolbar", "pagination", "byline", "caption",
    "credit", "masthead", NULL};

/* Short words matched only as a whole dash/underscore-separated part of a
 * class or id ("nav", "main-nav", "nav_top", but not "canvas"). */
static const char *const bad_parts[] = {
    "nav", "navbar", "navigation", "menu", "footer", "header", "ad", "ads",
    "promo", "tags", "tag", "meta", "cmp", "topics",
    "author", "date", "timestamp", "print", "rss", "login", NULL};

/* Words that mark the article itself: they win over bad words so that
 * "article-body has-comments" is kept. */
static const char *const good_words[] = {
    "articlebody", "article-body", "article_body", "story-body",
    "storybody",   "entry-content", "post-content", "article-content",
    "article-text", "articletext", "news-text", "post-body",
    /* a WordPress post wrapper, whatever its tag-/category- classes say */
    "hentry", "type-post", "status-publish", NULL};

static int part_match(const char *s, const char *word)
{
    size_t m = strlen(word);
    const char *p = s;
    while ((p = strstr(p, word)) != NULL) {
        int left = p == s || !isalnum((unsigned char)p[-1]);
        int right = !isalnum((unsigned char)p[m]);
        if (left && right)
            return 1;
        p++;
    }
    return 0;
}

/* Lower-cased "class id" of an element, owned; NULL when it has neither. */
static char *hint_of(const xmlNode *n)
{
    char *c = attr(n, "class");
    char *i = attr(n, "id");
    char *out = NULL;
    if (c || i) {
        size_t len = (c ? strlen(c) : 0) + (i ? strlen(i) : 0) + 2;
        out = td__malloc(len);
        if (out) {
            snprintf(out, len, "%s %s", c ? c : "", i ? i : "");
            for (char *p = out; *p; p++)
                *p = (char)tolower((unsigned char)*p);
        }
    }
    xmlFree(c);
    xmlFree(i);
    return out;
}

static int good_hint(const char *h)
{
    for (int k = 0; good_words[k]; k++)
        if (strstr(h, good_words[k]))
            return 1;
    return 0;
}

/* Whether an element is furniture. use_hints off is the fall-back pass for
 * pages whose whole content wrapper carries a misleading class; 2 heeds
 * only the class words that always mark furniture. */
static int has_ancestor(const xmlNode *n, const char *tag)
{
    for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        if (is(n, tag))
            return 1;
    return 0;
}

/* own_text: the element's text outside links, link_text inside them;
 * page_text: the body's; has_lead: it holds the page's description. */
static int is_furniture(const xmlNode *n, int use_hints, size_t own_text,
                        size_t link_text, size_t page_text, int has_lead)
{
    const char *tag = name_of(n);
    if (is(n, "body") || is(n, "html"))
        return 0;
    /* An element holding 40% of the page's text is the content whatever
     * its tag or class says: ASP.NET wraps whole pages in a <form>, and an
     * unclosed tag in a <noscript> or a masthead swallows the rest. */
    int dominant = own_text * 10 >= page_text * 4;
    /* A caption, also outside a <figure>; but some pages head their
     * article with a <figcaption> holding its title and standfirst. */
    if (is(n, "figcaption"))
        return !has_lead;
    /* Page furniture by its tag, except a navigation bar, sidebar or
     * footer left unclosed, which the parser makes the parent of the rest
     * of the page, article included. */
    if (in_list(tag, drop_tags) &&
        !(dominant && page_text >= 500 &&
          (is(n, "nav") || is(n, "aside") || is(n, "footer") ||
           is(n, "menu"))))
        return 1;
    if (!dominant && (is(n, "form") || is(n, "noscript")))
        return 1;
    /* The page's masthead is furniture; an article's own header holds its
     * standfirst (the title in it is reported apart). */
    if (!dominant && !has_lead && is(n, "header") &&
        !has_ancestor(n, "article") && !has_ancestor(n, "main"))
        return 1;
    char *v = attr(n, "hidden");
    int hidden = v != NULL;
    xmlFree(v);
    if (!hidden && (v = attr(n, "aria-hidden")) != NULL) {
        hidden = strcasecmp(v, "true") == 0;
        xmlFree(v);
    }
    if (!hidden && (v = attr(n, "style")) != NULL) {
        char *p = v;
        for (char *q = v; *q; q++)
            if (*q != ' ')
                *p++ = (char)tolower((unsigned char)*q);
        *p = '\0';
        hidden = strstr(v, "display:none") || strstr(v, "visibility:hidden");
        xmlFree(v);
    }
    if (hidden)
        return 1;
    if ((v = attr(n, "role")) != NULL) {
        static const char *const roles[] = {
            "navigation", "complementary", "contentinfo", "banner",
            "dialog", "alertdialog", "menu", "menubar", "search", NULL};
        int bad = !dominant && in_list(v, roles);
        xmlFree(v);
        if (bad)
            return 1;
    }
    if (!use_hints || is(n, "main") || attr_is(n, "itemprop", "articleBody"))
        return 0;
    char *h = hint_of(n);
    if (!h)
        return 0;
    int bad = 0;
    if (!good_hint(h)) {
        for (int k = 0; !bad && strong_words[k]; k++)
            bad = has_word(h, strong_words[k]);
        /* nor when it holds a body's worth of text with hardly a link:
         * "paywall-full-content", "article-with-sidebar" wrap articles, a
         * related or sponsored box is a list of links and teasers */
        int bodylike = own_text >= 1500 && link_text * 10 < own_text;
        for (int k = 0; !bad && !bodylike && bar_words[k]; k++)
            bad = strstr(h, bar_words[k]) != NULL;
        /* use_hints 2: the strong words alone (see td__html_extract_cs) */
        /* nor when it holds the page's own description: the publisher
         * says that text is what the page is about ("item-caption" of a
         * video page, "article-header") */
        int weak = use_hints == 1 && !dominant && !has_lead;
        for (int k = 0; !bad && weak && !bodylike && bad_words[k]; k++)
            bad = strstr(h, bad_words[k]) != NULL;
        /* "article-header", "post__header": an article's own header holds
         * its standfirst; "site-header" is the masthead */
        int own_header = strstr(h, "article") || strstr(h, "post") ||
                         strstr(h, "entry") || strstr(h, "story");
        for (int k = 0; !bad && weak && bad_parts[k]; k++)
            bad = part_match(h, bad_parts[k]) &&
                  !(own_header && strcmp(bad_parts[k], "header") == 0);
    }
    td__free(h);
    return bad;
}

/* ------------------------------------------------------------- blocks */

typedef struct block {
    xmlNode *container; /* the element whose own inline content this is */
    size_t off, len;    /* in the text buffer */
    size_t weight;      /* characters, CJK counted double */
    size_t gap;         /* text of furniture dropped just before it */
    size_t link_weight; /* of which inside links */
    int commas;
    int caption; /* opens with the alt text of the picture before it */
} block;

typedef struct cand {
    xmlNode *node;
    double score;
    size_t weight, link_weight; /* over the whole subtree */
    size_t raw, raw_link; /* all text of the subtree, furniture included */
    size_t good; /* text in paragraph-like blocks: long, few links */
    unsigned char in_link, unseen; /* inside <a>; inside script/style */
    unsigned char has_lead; /* holds the page's description (set_lead) */
    int scored;
    double bonus; /* of the score, what its tag and class gave */
} cand;

typedef struct extractor {
    td__buf text;      /* all block texts, back to back */
    block *blocks;
    size_t nblocks, cap;
    cand *cands;
    size_t ncands, ccap;
    /* the block being filled */
    size_t cur_off, cur_weight, cur_link;
    int cur_commas, space;
    int nomem;
    size_t page_text; /* text outside links in the whole body */
    const char *lead; /* the page's description, or NULL */
    char lead_key[48]; /* its first 40 bytes, white space collapsed */
    size_t lead_len;   /* of lead_key; 0 when the lead is too short */
    size_t gap;        /* furniture text dropped since the last block */
    const char *names[2]; /* the outlet's name and its domain's, or NULL */
    char alt_key[48];  /* the last picture's alt text, as lead_key */
    size_t alt_len;    /* of alt_key; 0: no picture waits for a caption */
} extractor;

/* Collapses white space (ASCII and no-break spaces) in s into single
 * spaces, leading space dropped, writing at most cap bytes into out;
 * returns the length written. */
static size_t squeeze(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    int space = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && n < cap;
         p++) {
        int nbsp = p[0] == 0xC2 && p[1] == 0xA0;
        if (nbsp)
            p++;
        if (nbsp || *p <= ' ') {
            space = n > 0;
            continue;
        }
        if (space)
            out[n++] = ' ';
        space = 0;
        if (n < cap)
            out[n++] = (char)*p;
    }
    return n;
}

/* Sets the key the page's description is found by; a description under
 * 30 bytes is too common a phrase to find the article by. */
static void set_lead(extractor *x, const char *lead)
{
    x->lead = lead;
    x->lead_len = lead ? squeeze(lead, x->lead_key, 40) : 0;
    if (x->lead_len < 30)
        x->lead_len = 0;
}

/* Whether a text node opens, or holds in its first 2 kB, the lead. */
static int text_has_lead(const extractor *x, const char *s)
{
    char buf[2048];
    size_t n = squeeze(s, buf, sizeof buf), k = x->lead_len;
    for (size_t i = 0; k && i + k <= n; i++)
        if (buf[i] == x->lead_key[0] && memcmp(buf + i, x->lead_key, k) == 0)
            return 1;
    return 0;
}

static int is_space_cp(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v' || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
           c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static void add_text(extractor *x, const char *s, int in_link)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t c = td__utf8_next(s, n, &i);
        if (is_space_cp(c)) {
            x->space = 1;
            continue;
        }
        if (x->space && x->text.len > x->cur_off &&
            td__buf_putc(&x->text, ' ') != 0)
            x->nomem = 1;
        x->space = 0;
        if (td__buf_append(&x->text, s + start, i - start) != 0)
            x->nomem = 1;
        size_t w = c >= 0x2E80 ? 2 : 1;
        x->cur_weight += w;
        if (in_link)
            x->cur_link += w;
        if (c == ',' || c == 0xFF0C || c == 0x3001 || c == 0x060C)
            x->cur_commas++;
    }
}

static void flush(extractor *x, xmlNode *container)
{
    if (x->text.len > x->cur_off && !x->nomem) {
        if (x->nblocks == x->cap) {
            size_t cap = x->cap ? x->cap * 2 : 64;
            block *b = td__realloc(x->blocks, cap * sizeof *b);
            if (!b) {
                x->nomem = 1;
                return;
            }
            x->blocks = b, x->cap = cap;
        }
        block *b = &x->blocks[x->nblocks++];
        b->container = container;
        b->off = x->cur_off;
        b->len = x->text.len - x->cur_off;
        b->weight = x->cur_weight;
        b->link_weight = x->cur_link;
        b->commas = x->cur_commas;
        b->gap = x->gap;
        x->gap = 0;
        b->caption = 0;
        if (x->alt_len) {
            char head[48];
            size_t hn = squeeze(x->text.p + b->off, head, x->alt_len);
            b->caption = hn == x->alt_len &&
                         memcmp(head, x->alt_key, x->alt_len) == 0;
            x->alt_len = 0;
        }
        if (td__buf_putc(&x->text, '\0') != 0)
            x->nomem = 1;
    }
    x->cur_off = x->text.len;
    x->cur_weight = x->cur_link = 0;
    x->cur_commas = 0;
    x->space = 0;
}

/* The candidate record of a node, created on first use. _private is ours:
 * libxml2 leaves it to the application. */
static cand *cand_of(extractor *x, xmlNode *n)
{
    size_t idx = (size_t)(uintptr_t)n->_private;
    if (idx)
        return &x->cands[idx - 1];
    if (x->ncands == x->ccap) {
        size_t cap = x->ccap ? x->ccap * 2 : 256;
        cand *c = td__realloc(x->cands, cap * sizeof *c);
        if (!c) {
            x->nomem = 1;
            return NULL;
        }
        x->cands = c, x->ccap = cap;
    }
    cand *c = &x->cands[x->ncands++];
    memset(c, 0, sizeof *c);
    c->node = n;
    n->_private = (void *)(uintptr_t)x->ncands;
    return c;
}

/* Visible characters of a text, CJK counted double like add_text. */
static size_t raw_weight(const unsigned char *p)
{
    size_t w = 0;
    for (; *p; p++) {
        if (*p <= ' ' || (*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE3 ? 2 : 1; /* lead bytes of U+3000 and above */
    }
    return w;
}

/* Next node of a depth-first walk under root, children first unless
 * skip; NULL at the end. Iterative: pages nest thousands deep. */
static xmlNode *walk_next(xmlNode *n, const xmlNode *root, int skip)
{
    if (!skip && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* One pass over the tree: every element's text weight and link weight,
 * furniture included, so that hints can be weighed against the text they
 * would drop. */
static void measure(extractor *x, xmlNode *root)
{
    if (!cand_of(x, root))
        return;
    /* Records are made in document order, parents before children, so
     * flags pass down as they are made and sums pass up in one reverse
     * sweep: linear in the page, however deep it nests. Record pointers
     * are taken anew after each cand_of, which may move the array. */
    for (xmlNode *n = root->children; n && !x->nomem;
         n = walk_next(n, root, 0)) {
        size_t pi = n->parent ? (size_t)(uintptr_t)n->parent->_private : 0;
        if (n->type == XML_ELEMENT_NODE) {
            cand *c = cand_of(x, n);
            if (!c)
                return;
            const cand *pc = pi ? &x->cands[pi - 1] : NULL;
            c->in_link = (pc && pc->in_link) || is(n, "a");
            /* not text a reader sees */
            c->unseen = (pc && pc->unseen) || is(n, "script") ||
                        is(n, "style") || is(n, "template");
            continue;
        }
        if ((n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE) ||
            !n->content || !pi)
            continue;
        cand *pc = &x->cands[pi - 1];
        if (pc->unseen)
            continue;
        size_t w = raw_weight(n->content);
        pc->raw += w;
        if (pc->in_link)
            pc->raw_link += w;
        if (w >= 30 && !pc->has_lead &&
            text_has_lead(x, (const char *)n->content))
            pc->has_lead = 1;
    }
    for (size_t i = x->ncands; i-- > 1;) {
        xmlNode *n = x->cands[i].node;
        size_t pi = n->parent ? (size_t)(uintptr_t)n->parent->_private : 0;
        if (!pi || n == root)
            continue;
        x->cands[pi - 1].raw += x->cands[i].raw;
        x->cands[pi - 1].raw_link += x->cands[i].raw_link;
        x->cands[pi - 1].has_lead |= x->cands[i].has_lead;
    }
    const cand *rc = &x->cands[(size_t)(uintptr_t)root->_private - 1];
    x->page_text = rc->raw - rc->raw_link;
}

static int furniture_of(extractor *x, xmlNode *c, int use_hints)
{
    size_t idx = (size_t)(uintptr_t)c->_private;
    size_t own = idx ? x->cands[idx - 1].raw - x->cands[idx - 1].raw_link : 0;
    size_t link = idx ? x->cands[idx - 1].raw_link : 0;
    int lead = idx ? x->cands[idx - 1].has_lead : 0;
    return is_furniture(c, use_hints, own, link, x->page_text, lead);
}

/* Keeps the alt text (else the title) of a picture, an <img> or the first
 * <img> in a <picture>, as the key its caption is known by: a caption
 * repeats what the alt text says, "Name, photo: Agency" or "Text. | ©".
 * Under 15 bytes an alt text is a word ("photo", "logo"), no key. */
static void note_alt(extractor *x, const xmlNode *n)
{
    const xmlNode *img = n;
    for (int k = 0; img && !is(img, "img") && k < 16; k++)
        img = walk_next((xmlNode *)img, n, 0);
    if (!img || !is(img, "img"))
        return;
    char *a = attr(img, "alt");
    if (!a || !*a) {
        xmlFree(a);
        a = attr(img, "title");
    }
    x->alt_len = a ? squeeze(a, x->alt_key, 40) : 0;
    if (x->alt_len < 15)
        x->alt_len = 0;
    xmlFree(a);
}

static void collect(extractor *x, xmlNode *parent, xmlNode *container,
                    int in_link, int use_hints, int depth);

/* Below MAX_DEPTH the tree is read flat, without recursion: every text is
 * kept, each block element still ends a line. */
static void collect_flat(extractor *x, xmlNode *top, xmlNode *container,
                         int in_link, int use_hints)
{
    for (xmlNode *c = top->children; c && !x->nomem;) {
        int skip = 0;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                add_text(x, (const char *)c->content, in_link);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (is(c, "br") || in_list(name_of(c), block_tags))
                flush(x, container);
            skip = furniture_of(x, c, use_hints);
        }
        c = walk_next(c, top, skip);
    }
}

static void collect(extractor *x, xmlNode *parent, xmlNode *container,
                    int in_link, int use_hints, int depth)
{
    if (depth > MAX_DEPTH) {
        collect_flat(x, parent, container, in_link, use_hints);
        return;
    }
    for (xmlNode *c = parent->children; c && !x->nomem; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                add_text(x, (const char *)c->content, in_link);
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is(c, "br")) {
            flush(x, container);
            continue;
        }
        int block_level = in_list(name_of(c), block_tags);
        if (is(c, "img") || is(c, "picture"))
            note_alt(x, c);
        if (furniture_of(x, c, use_hints)) {
            size_t fi = (size_t)(uintptr_t)c->_private;
            /* a picture's caption is no box of links or prompts */
            if (fi && !is(c, "figure") && !is(c, "picture") &&
                !is(c, "video"))
                x->gap += x->cands[fi - 1].raw;
            if (block_level)
                flush(x, container);
            continue;
        }
        if (block_level) {
            flush(x, container);
            collect(x, c, c, in_link, use_hints, depth + 1);
            flush(x, c);
        } else {
            collect(x, c, container, in_link || is(c, "a"), use_hints,
                    depth + 1);
        }
    }
}

static double tag_bonus(const xmlNode *n)
{
    const char *t = name_of(n);
    if (strcasecmp(t, "div") == 0 || strcasecmp(t, "article") == 0 ||
        strcasecmp(t, "section") == 0 || strcasecmp(t, "main") == 0)
        return 5;
    if (strcasecmp(t, "pre") == 0 || strcasecmp(t, "td") == 0 ||
        strcasecmp(t, "blockquote") == 0)
        return 3;
    static const char *const low[] = {"address", "ol", "ul", "dl", "dd",
                                      "dt", "li", "form", NULL};
    if (in_list(t, low))
        return -3;
    if (t[0] && (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6')
        return -5;
    return 0;
}

static double hint_bonus(const xmlNode *n)
{
    if (attr_is(n, "itemprop", "articleBody"))
        return 50;
    char *h = hint_of(n);
    if (!h)
        return 0;
    double b = 0;
    if (good_hint(h))
        b = 50;
    else if (strstr(h, "article") || strstr(h, "content") ||
             strstr(h, "story") || strstr(h, "entry") ||
             strstr(h, "post") || strstr(h, "text") || strstr(h, "body"))
        b = 25;
    td__free(h);
    return b;
}

static void score_node(extractor *x, xmlNode *n, double add)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return;
    cand *c = cand_of(x, n);
    if (!c)
        return;
    if (!c->scored) {
        c->scored = 1;
        c->bonus = tag_bonus(n) + hint_bonus(n);
        c->score = c->bonus;
    }
    c->score += add;
}

static int is_heading(const xmlNode *n)
{
    const char *t = name_of(n);
    return (t[0] == 'h' || t[0] == 'H') && t[1] >= '1' && t[1] <= '6' &&
           !t[2];
}

static double link_density(const cand *c)
{
    return c->weight ? (double)c->link_weight / (double)c->weight : 0;
}

static int inside(const xmlNode *n, xmlNode *const *set, size_t nset)
{
    for (; n; n = n->parent)
        for (size_t i = 0; i < nset; i++)
            if (n == set[i])
                return 1;
    return 0;
}

/* A short block that announces the reader comments ("Comments (12)",
 * "Kommentare", "Комментарии"): on sites that give the comment section no
 * class or id, everything after it in the article's container is theirs. */
static int comments_heading(const char *s, size_t weight)
{
    static const char *const words[] = {
        "comment", "kommentar", "commenti", "comentario", "commentaire",
        "reacties", "омментари", "评论", "評論", "コメント",
        "댓글", "yorum", "komentarz", "komentář", "hozzászólás",
        "leave a reply", "join the discussion", "diskutieren sie mit",
        "lascia un commento", "deja tu comentario", NULL};
    if (weight > 40)
        return 0;
    char low[256];
    size_t n = 0;
    for (; s[n] && n < sizeof low - 1; n++)
        low[n] = (char)tolower((unsigned char)s[n]);
    low[n] = '\0';
    for (int k = 0; words[k]; k++)
        if (strstr(low, words[k]))
            return 1;
    return 0;
}

/* The best-scoring container often holds only part of the body: the
 * article split into sections, several <article>s on one page, a lead
 * paragraph in its own box. Climbs to the nearest ancestor (wrappers that
 * add nothing are skipped: a CMS nests each content element of a split
 * body in rows, columns and containers, up to ten deep) while it adds a
 * good share of paragraph text and stays low in links, and while what it
 * adds is itself mostly paragraphs with few links (not a list of related
 * stories or a teaser grid); stops below <body>. */
static cand *widen(extractor *x, cand *top, xmlNode *avoid)
{
    /* measured on html-dev: gain 1.05-1.2, maxld 0.3-0.5, depth 8-12,
     * added links 0.25-0.3 and added paragraph share 0.5-0.6 are
     * plateaus */
    const double gain = 1.1, maxld = 0.4, add_ld = 0.3, add_good = 0.6;
    const int depth = 10;
    size_t ti = (size_t)(top - x->cands); /* cand_of may move the array */
    for (;;) {
        xmlNode *p = x->cands[ti].node->parent;
        size_t ni = 0;
        for (int up = 0; p && p->type == XML_ELEMENT_NODE && up < depth;
             p = p->parent, up++) {
            if (is(p, "body") || is(p, "html") ||
                (avoid && inside(avoid, &p, 1)))
                break;
            cand *c = cand_of(x, p);
            if (!c)
                return &x->cands[ti];
            if ((double)c->good > (double)x->cands[ti].good * 1.05) {
                ni = (size_t)(c - x->cands) + 1;
                break;
            }
        }
        if (!ni)
            return &x->cands[ti];
        const cand *next = &x->cands[ni - 1], *cur = &x->cands[ti];
        if ((double)next->good < (double)cur->good * gain ||
            link_density(next) > maxld)
            return &x->cands[ti];
        double aw = (double)next->weight - (double)cur->weight;
        double al = (double)next->link_weight - (double)cur->link_weight;
        double ag = (double)next->good - (double)cur->good;
        if (aw > 0 && (al > add_ld * aw || ag < add_good * aw))
            return &x->cands[ti];
        ti = ni - 1;
    }
}

/* Whether the block's opening (its first 200 bytes) holds the first
 * words of the page's description, white space aside. */
static int opens_with_lead(const extractor *x, const block *b)
{
    size_t n = x->lead_len;
    if (n == 0)
        return 0;
    size_t len = b->len < 200 + n ? b->len : 200 + n;
    const char *t = x->text.p + b->off;
    for (size_t i = 0; i + n <= len; i++)
        if (t[i] == x->lead_key[0] && memcmp(t + i, x->lead_key, n) == 0)
            return 1;
    return 0;
}

/* Pages that carry several articles (a story with the next ones loaded
 * below it, a thread of posts), bodies split into sections, or a longer
 * box beside the article: the article the page is about opens with its
 * description. When the best candidate does not hold the first block that
 * does, the two are joined under their nearest common container if it
 * adds little else (a standfirst box beside the body, the first section
 * of a split body); otherwise the lead's own container wins if it is a
 * body of its own (another article, not the standfirst alone). */
static cand *anchor_on_lead(extractor *x, cand *top, double best,
                            int *other)
{
    *other = 0;
    if (!x->lead || !top)
        return top;
    size_t ti = (size_t)(top - x->cands);
    xmlNode *topn = top->node;
    for (size_t i = 0; i < x->nblocks; i++) {
        const block *b = &x->blocks[i];
        if (b->weight < MIN_BLOCK || !opens_with_lead(x, b))
            continue;
        for (xmlNode *p = b->container; p && p->type == XML_ELEMENT_NODE;
             p = p->parent)
            if (p == topn)
                return &x->cands[ti]; /* already in the body */
        xmlNode *alt = b->container;
        double bs = best * 0.3;
        int up = 0;
        for (xmlNode *p = b->container; p && p->type == XML_ELEMENT_NODE &&
                                        up < 6;
             p = p->parent, up++) {
            if (is(p, "body") || is(p, "html"))
                break;
            size_t idx = (size_t)(uintptr_t)p->_private;
            const cand *c = idx ? &x->cands[idx - 1] : NULL;
            if (c && c->scored && c->score >= bs)
                alt = p, bs = c->score;
        }
        for (xmlNode *p = topn; p; p = p->parent)
            if (p == alt)
                return &x->cands[ti]; /* widen() decides */
        /* the nearest common container */
        xmlNode *lca = NULL;
        for (xmlNode *p = alt; p && !lca && p->type == XML_ELEMENT_NODE;
             p = p->parent)
            for (xmlNode *q = topn; q; q = q->parent)
                if (q == p) {
                    lca = p;
                    break;
                }
        cand *ac = cand_of(x, alt);
        if (!ac)
            return NULL;
        size_t ai = (size_t)(ac - x->cands);
        if (lca && !is(lca, "body") && !is(lca, "html")) {
            cand *lc = cand_of(x, lca);
            if (!lc)
                return NULL;
            const cand *t = &x->cands[ti], *a = &x->cands[ai];
            if ((double)lc->good <= 1.3 * (double)(t->good + a->good) &&
                link_density(lc) <= 0.4)
                return lc;
        }
        if (x->cands[ai].good >= 2 * b->weight && x->cands[ai].scored)
            return &x->cands[ai];
        /* Several articles one after the other (the next stories loaded
         * below the page's own): when the lead's article comes first, the
         * page is about it even if a later one is longer. Its article is
         * the largest element holding the lead but not the best
         * candidate, when that is a body (paragraphs, three times the
         * lead's length and at least 500 characters, few links). A teaser
         * of the page's story further down is not its article. */
        int before = 0;
        for (size_t j = i + 1; j < x->nblocks && !before; j++)
            before = inside(x->blocks[j].container, &topn, 1);
        xmlNode *side = NULL;
        for (xmlNode *p = b->container; before && p &&
                                        p->type == XML_ELEMENT_NODE;
             p = p->parent) {
            if (is(p, "body") || is(p, "html"))
                break;
            int holds = 0;
            for (xmlNode *q = topn; q && !holds; q = q->parent)
                holds = q == p;
            if (holds)
                break;
            side = p;
        }
        cand *sc = side ? cand_of(x, side) : NULL;
        if (side && !sc)
            return NULL;
        if (sc && sc->good >= 3 * b->weight && sc->good >= 500 &&
            link_density(sc) < 0.3) {
            *other = 1;
            return sc;
        }
        return &x->cands[ti];
    }
    return &x->cands[ti];
}

/* The list (<ul>, <ol>, <dl>) a block is an item of, or NULL. */
static const xmlNode *list_of(const xmlNode *n)
{
    for (int up = 0; n && n->type == XML_ELEMENT_NODE && up < 4;
         n = n->parent, up++)
        if (is(n, "ul") || is(n, "ol") || is(n, "dl"))
            return n;
    return NULL;
}

/* Whether a block's element links to a social network, an app store or
 * an e-mail address: what "follow us", "get our app" and "write to us"
 * lines point to. */
static int social_link(const xmlNode *n)
{
    static const char *const hosts[] = {
        "twitter.com", "x.com", "facebook.com", "instagram.com", "t.me",
        "telegram.", "whatsapp.", "youtube.com", "linkedin.com",
        "tiktok.com", "pinterest.", "apps.apple.com", "itunes.apple.com",
        "play.google.com", NULL};
    const xmlNode *end = n;
    for (const xmlNode *c = n; c; c = walk_next((xmlNode *)c, end, 0)) {
        if (!is(c, "a"))
            continue;
        char *href = attr(c, "href");
        int hit = 0;
        if (href) {
            if (strncasecmp(href, "mailto:", 7) == 0)
                hit = 1;
            const char *h = strstr(href, "://");
            h = h ? h + 3 : NULL;
            if (h && strncasecmp(h, "www.", 4) == 0)
                h += 4;
            for (int k = 0; h && !hit && hosts[k]; k++)
                hit = strncasecmp(h, hosts[k], strlen(hosts[k])) == 0;
        }
        xmlFree(href);
        if (hit)
            return 1;
    }
    return 0;
}

/* Whether s holds name (4 bytes or more), ASCII case aside. */
static int names_outlet(const char *s, const char *name)
{
    size_t m = name ? strlen(name) : 0;
    if (m < 4)
        return 0;
    for (; *s; s++)
        if (strncasecmp(s, name, m) == 0)
            return 1;
    return 0;
}

/* Picks the main content and writes its blocks, one a line, into out. */
static void choose(extractor *x, td__buf *out)
{
    for (size_t i = 0; i < x->nblocks && !x->nomem; i++) {
        block *b = &x->blocks[i];
        int good = b->weight >= MIN_BLOCK && b->link_weight * 3 < b->weight &&
                   !is_heading(b->container);
        for (xmlNode *p = b->container; p && p->type == XML_ELEMENT_NODE;
             p = p->parent) {
            cand *c = cand_of(x, p);
            if (!c)
                break;
            c->weight += b->weight;
            c->link_weight += b->link_weight;
            if (good)
                c->good += b->weight;
        }
        if (b->weight < MIN_BLOCK || is_heading(b->container))
            continue;
        double s = 1 + b->commas + (b->weight / 100.0 > 3 ? 3 : b->weight / 100.0);
        /* A div holding text directly is its own paragraph, like <p>. */
        xmlNode *parent = b->container->parent;
        score_node(x, parent, s);
        if (parent)
            score_node(x, parent->parent, s / 2);
    }
    if (x->nomem)
        return;
    cand *top = NULL;
    double best = 0;
    for (size_t i = 0; i < x->ncands; i++) {
        cand *c = &x->cands[i];
        if (!c->scored)
            continue;
        /* A class saying "article" is worth its bonus only on an element
         * holding a body's worth of paragraph text: a meta line classed
         * "article-meta" must not outscore a body split into boxes. */
        if (c->bonus > 0 && c->good < 300)
            c->score -= c->bonus * (1 - (double)c->good / 300);
        c->score *= 1 - link_density(c);
        if (!top || c->score > best)
            top = c, best = c->score;
    }
    /* the body proper: the best candidate, or the other article the lead
     * anchored on (not a container joining the two) */
    xmlNode *core = top ? top->node : NULL, *avoid = NULL;
    int other = 0;
    if (top)
        top = anchor_on_lead(x, top, best, &other);
    if (top && !inside(core, &top->node, 1)) {
        /* another article than the best candidate: the body neither
         * widens up to the best one nor takes siblings */
        if (other)
            avoid = core;
        core = top->node;
    }
    if (top)
        top = widen(x, top, avoid);
    xmlNode *set[512];
    size_t nset = 0;
    if (top) {
        double threshold = best * 0.2 > 10 ? best * 0.2 : 10;
        xmlNode *parent = top->node->parent;
        for (xmlNode *s = parent ? parent->children : top->node;
             s && nset < 512; s = s->next) {
            if (s->type != XML_ELEMENT_NODE)
                continue;
            size_t idx = (size_t)(uintptr_t)s->_private;
            cand *c = idx ? &x->cands[idx - 1] : NULL;
            if (avoid && s != top->node)
                continue; /* the other articles are beside it */
            int take = s == top->node;
            if (!take && c && c->scored && c->score >= threshold)
                take = 1;
            if (!take && c && is(s, "p")) {
                double ld = link_density(c);
                take = (c->weight >= 80 && ld < 0.25) ||
                       (c->weight >= 20 && ld == 0);
            }
            /* a standfirst in its own box beside the body: paragraph
             * text with hardly a link */
            if (!take && c && c->good >= 100 && link_density(c) < 0.2)
                take = 1;
            if (take)
                set[nset++] = s;
            if (!parent)
                break;
        }
    }
    /* 0: not shown; 1: shown; 2: a link list inside the content */
    unsigned char *keep = td__calloc(x->nblocks ? x->nblocks : 1, 1);
    if (!keep) {
        x->nomem = 1;
        return;
    }
    size_t shown = 0;
    int in_core = 0; /* a block of the body proper was shown */
    for (size_t i = 0; i < x->nblocks; i++) {
        block *b = &x->blocks[i];
        if (top && !inside(b->container, set, nset))
            continue;
        if (is(b->container, "h1"))
            continue; /* the title, reported apart */
        /* (a "No comments yet" line in the article's header, above the
         * body, is no thread) */
        if (top && shown > 200 && in_core &&
            comments_heading(x->text.p + b->off, b->weight))
            break;
        if (!in_core && core && inside(b->container, &core, 1))
            in_core = 1;
        double ld = b->weight ? (double)b->link_weight / (double)b->weight : 1;
        if (ld > 0.5) {
            keep[i] = 2; /* "Read also: <a>...</a>", tag lists, share links */
            continue;
        }
        if (!top && b->weight < MIN_BLOCK)
            continue;
        keep[i] = 1;
        shown += b->weight;
    }
    /* The standfirst, when the page's description opens it and it
     * stands before the body outside the chosen container (in the
     * article's header, a hero box): the reader sees it as the article's
     * first paragraph. */
    if (top && x->lead) {
        size_t first = 0;
        while (first < x->nblocks && keep[first] != 1)
            first++;
        for (size_t i = 0; i < first; i++) {
            block *b = &x->blocks[i];
            if (b->weight < MIN_BLOCK || b->link_weight * 2 > b->weight ||
                !opens_with_lead(x, b))
                continue;
            xmlNode *lca = NULL;
            for (xmlNode *p = b->container; p && !lca &&
                                            p->type == XML_ELEMENT_NODE;
                 p = p->parent)
                for (xmlNode *q = top->node; q; q = q->parent)
                    if (q == p) {
                        lca = p;
                        break;
                    }
            if (lca && !is(lca, "body") && !is(lca, "html"))
                keep[i] = 1;
            break;
        }
    }
    /* Teasers: a linked heading (another story's title) with a short
     * text under it, repeated as a grid or list of stories whose titles
     * share their tag and class. An article's own sub-headings are not
     * links; one such pair may be a box quoting a single story, and a
     * category link above the lead is no title. */
    {
        size_t pair[256], np = 0;
        char *cls[256];
        for (size_t i = 1; i < x->nblocks && np < 256; i++) {
            const block *b = &x->blocks[i], *a = &x->blocks[i - 1];
            if (keep[i] == 1 && keep[i - 1] == 2 && b->weight < 400 &&
                a->weight >= 15 && is_heading(a->container)) {
                cls[np] = attr(a->container, "class");
                pair[np++] = i;
            }
        }
        for (size_t k = 0; k < np; k++) {
            const xmlNode *h = x->blocks[pair[k] - 1].container;
            size_t same = 0;
            for (size_t j = 0; j < np && same < 2; j++) {
                const xmlNode *o = x->blocks[pair[j] - 1].container;
                same += strcasecmp(name_of(o), name_of(h)) == 0 &&
                        (cls[k] ? cls[j] && strcmp(cls[k], cls[j]) == 0
                                : !cls[j]);
            }
            if (same >= 2)
                keep[pair[k]] = 0;
        }
        for (size_t k = 0; k < np; k++)
            xmlFree(cls[k]);
    }
    /* A short line that introduces a link list ("More on this", "Das
     * könnte Sie auch interessieren") goes with it. */
    /* An item of a list whose items before it are shown is the list's,
     * however short ("Lösung: 210 g", "Ort: Kasberg"): a list is kept
     * whole. */
    size_t prev = (size_t)-1;
    for (size_t i = 0; i < x->nblocks; i++) {
        if (keep[i] != 1)
            continue;
        const xmlNode *l = list_of(x->blocks[i].container);
        int item = l && prev != (size_t)-1 &&
                   list_of(x->blocks[prev].container) == l;
        prev = i;
        if (item || x->blocks[i].weight >= 60)
            continue;
        /* nor does one right before a box that was dropped as
         * furniture (a related or sign-up box: 50 characters or more),
         * when it is a heading or the body goes on after the box; a
         * short last line before the page's furniture is the body's */
        size_t j = i + 1;
        if (j < x->nblocks && x->blocks[j].gap >= 50 &&
            (is_heading(x->blocks[i].container) || keep[j] == 1))
            keep[i] = 0;
        while (j < x->nblocks && keep[j] == 0)
            j++;
        if (j < x->nblocks && keep[j] == 2)
            keep[i] = 0;
    }
    /* The last two lines of a body are where outlets ask to be followed,
     * downloaded or written to: a short one linking to a social network,
     * an app store or an e-mail address is such a prompt. */
    for (size_t i = x->nblocks, seen = 0; i-- > 0 && seen < 2;) {
        if (keep[i] != 1)
            continue;
        seen++;
        if (x->blocks[i].weight < 150 && social_link(x->blocks[i].container))
            keep[i] = 0;
    }
    /* The body's last line, when short and naming the outlet itself, is
     * the outlet speaking: "Follow The Courier", "support our work",
     * "the views are the author's, not the Courier's". */
    for (size_t i = x->nblocks; i-- > 0;) {
        if (keep[i] != 1)
            continue;
        const char *t = x->text.p + x->blocks[i].off;
        if (x->blocks[i].weight < 200 &&
            (names_outlet(t, x->names[0]) || names_outlet(t, x->names[1])))
            keep[i] = 0;
        break;
    }
    /* After the last paragraph come bylines, tags and prompts: short lines
     * at the very end are not the article's; nor is a last heading (not
     * a sentence) or a short line ending in a colon, which would head
     * what was dropped after it: a body does not end on one. Only one:
     * some pages write their whole text in headings. */
    int headed = 0;
    for (size_t i = x->nblocks; i-- > 0;) {
        if (keep[i] != 1)
            continue;
        const block *b = &x->blocks[i];
        const char *end = x->text.p + b->off + b->len;
        /* (a colon after a letter: not a "(:" smiley) */
        int colon = b->len >= 2 && end[-1] == ':' &&
                    (isalpha((unsigned char)end[-2]) ||
                     (unsigned char)end[-2] >= 0x80);
        if (!headed && ((is_heading(b->container) && b->weight < 120 &&
                         end[-1] != '.') ||
                        (b->weight < 80 && colon))) {
            keep[i] = 0;
            headed = 1;
            continue;
        }
        if (x->blocks[i].weight >= MIN_BLOCK)
            break;
        const xmlNode *l = list_of(x->blocks[i].container);
        if (l) {
            size_t j = i;
            while (j-- > 0 && keep[j] != 1)
                ;
            if (j != (size_t)-1 && keep[j] == 1 &&
                list_of(x->blocks[j].container) == l)
                continue; /* the last items of a list shown above */
        }
        keep[i] = 0;
    }
    /* A picture's caption outside a <figure> (after an <img> in a box,
     * a <picture> in a link): a short block opening with its alt text. */
    for (size_t i = 0; i < x->nblocks; i++)
        if (keep[i] == 1 && x->blocks[i].caption &&
            x->blocks[i].weight < 300)
            keep[i] = 0;
    /* A short line with a copyright sign is a picture's credit or the
     * site's notice, never the article's own words. (After the trim
     * above, which it would otherwise lead into a body's short last
     * lines.) */
    for (size_t i = 0; i < x->nblocks; i++) {
        const block *b = &x->blocks[i];
        if (keep[i] == 1 && b->weight < 200 &&
            strstr(x->text.p + b->off, "\xC2\xA9"))
            keep[i] = 0;
    }
    for (size_t i = 0; i < x->nblocks; i++) {
        block *b = &x->blocks[i];
        if (keep[i] != 1)
            continue;
        if (td__buf_append(out, x->text.p + b->off, b->len) != 0 ||
            td__buf_putc(out, '\n') != 0) {
            x->nomem = 1;
            break;
        }
    }
    td__free(keep);
}

static void clear_private(extractor *x)
{
    for (size_t i = 0; i < x->ncands; i++)
        x->cands[i].node->_private = NULL;
}

/* The first full date in the page's text blocks, in reading order, into
 * out (left "" when there is none). */
static void first_block_date(const extractor *x, const char *lang,
                             char out[11])
{
    size_t seen = 0;
    for (size_t i = 0; i < x->nblocks && seen < 65536; i++) {
        const block *b = &x->blocks[i];
        seen += b->len;
        if (b->len >= 8 && td__text_date(x->text.p + b->off, b->len, lang,
                                         out) == 0)
            return;
    }
    out[0] = '\0';
}

/* Main text of the body under root, or NULL (*nomem set when memory ran
 * out). When page_date is not NULL it gets the first dateline of the
 * page's blocks (see first_block_date). */
static char *main_text(xmlNode *root, int use_hints, int *nomem,
                       const char *lang, const char *lead, char *page_date,
                       const char *const names[2])
{
    extractor x;
    memset(&x, 0, sizeof x);
    set_lead(&x, lead);
    x.names[0] = names[0], x.names[1] = names[1];
    td__buf out = TD__BUF_INIT;
    measure(&x, root);
    if (!x.nomem)
        collect(&x, root, root, 0, use_hints, 0);
    flush(&x, root);
    if (!x.nomem && page_date)
        first_block_date(&x, lang, page_date);
    if (!x.nomem)
        choose(&x, &out);
    clear_private(&x);
    *nomem = x.nomem;
    td__buf_free(&x.text);
    td__free(x.blocks);
    td__free(x.cands);
    if (x.nomem || out.len == 0) {
        td__buf_free(&out);
        return NULL;
    }
    out.p[--out.len] = '\0'; /* the last "\n" */
    return td__buf_take(&out);
}

static size_t text_weight(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (!isspace((unsigned char)*s))
            n++;
    return n;
}

/* ------------------------------------------------------------ the entry */

/* The page's own body among the markup strings of its hydration JSON: the
 * one that holds its description, or with no description to go by the
 * longest; NULL when none qualifies (*nomem set when memory ran out). */
static char *app_body(const meta *m, int *nomem)
{
    extractor x; /* only its lead key */
    memset(&x, 0, sizeof x);
    set_lead(&x, m->desc);
    char *best = NULL;
    size_t best_w = 0;
    for (size_t i = 0; i < m->napp; i++) {
        char *t = td__html_fragment_text(m->app[i], strlen(m->app[i]));
        if (!t) {
            *nomem = 1;
            break;
        }
        size_t w = text_weight(t);
        int fits = x.lead_len ? text_has_lead(&x, t) : 1;
        if (fits && w > best_w) {
            td__free(best);
            best = t, best_w = w;
        } else {
            td__free(t);
        }
    }
    if (*nomem) {
        td__free(best);
        return NULL;
    }
    return best;
}

/* Parses html as UTF-8 text converted from its charset; NULL when memory
 * ran out (*nomem) or libxml2 found nothing at all. */
static htmlDocPtr parse(const char *html, size_t len, const char *charset,
                       int *nomem)
{
    size_t ulen = 0;
    char *utf8 = td__html_to_utf8(html, len, charset, &ulen);
    *nomem = utf8 == NULL;
    if (!utf8)
        return NULL;
    /* A NUL byte ends libxml2's input, and the page with it; browsers
     * ignore the stray NULs some servers pad pages with. */
    char *nul = memchr(utf8, '\0', ulen);
    if (nul) {
        char *w = nul;
        for (const char *r = nul; r < utf8 + ulen; r++)
            if (*r)
                *w++ = *r;
        ulen = (size_t)(w - utf8);
        *w = '\0';
    }
    if (ulen > INT_MAX)
        ulen = INT_MAX;
    htmlDocPtr doc = htmlReadMemory(utf8, (int)ulen, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                        HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET |
                                        HTML_PARSE_IGNORE_ENC |
                                        HTML_PARSE_COMPACT |
                                        /* no 256-level depth limit: a
                                         * deeper page is still a page */
                                        XML_PARSE_HUGE);
    td__free(utf8);
    return doc;
}

char *td__html_fragment_text(const char *html, size_t len)
{
    int nomem = 0;
    htmlDocPtr doc = parse(html, len, "UTF-8", &nomem);
    if (!doc)
        return nomem ? NULL : td__strdup("");
    xmlNode *root = xmlDocGetRootElement(doc);
    extractor x;
    memset(&x, 0, sizeof x);
    td__buf out = TD__BUF_INIT;
    if (root) {
        measure(&x, root);
        if (!x.nomem)
            collect(&x, root, root, 0, 1, 0);
        flush(&x, root);
        clear_private(&x);
    }
    for (size_t i = 0; i < x.nblocks && !x.nomem; i++)
        if (td__buf_append(&out, x.text.p + x.blocks[i].off,
                           x.blocks[i].len) != 0 ||
            td__buf_putc(&out, '\n') != 0)
            x.nomem = 1;
    td__buf_free(&x.text);
    td__free(x.blocks);
    td__free(x.cands);
    xmlFreeDoc(doc);
    if (x.nomem) {
        td__buf_free(&out);
        return NULL;
    }
    if (out.len)
        out.p[--out.len] = '\0';
    return td__buf_take(&out);
}

td_status td__html_extract(const char *html, size_t len, td__html_doc *out)
{
    return td__html_extract_cs(html, len, NULL, out);
}

td_status td__html_extract_cs(const char *html, size_t len,
                              const char *charset, td__html_doc *out)
{
    if (!html || !out)
        return TD_EINVAL;
    int nomem = 0;
    htmlDocPtr doc = parse(html, len, charset, &nomem);
    if (!doc)
        return nomem ? TD_ENOMEM : TD_EEMPTY;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) {
        xmlFreeDoc(doc);
        return TD_EEMPTY;
    }
    meta m;
    memset(&m, 0, sizeof m);
    m.has_offset = td__page_utc_offset(html, len, &m.offset) == 0;
    walk_meta(root, &m, 0);
    if (!m.date_ld && !m.date_pub) {
        char raw[64];
        static const char *const keys[] = {
            "datePublished", "dateCreated", "published_at", "publishedAt",
            "publishDate", "publish_date", "uploadDate", NULL};
        for (int k = 0; keys[k] && !m.date_raw; k++)
            if (raw_json_value(html, len, keys[k], raw, sizeof raw) == 0)
                set_date(&m.date_raw, raw);
    }
    xmlNode *body = root;
    for (xmlNode *c = root->children; c; c = c->next)
        if (is(c, "body"))
            body = c;
    /* The date from the page's metadata first: when it has none, the
     * extraction pass also looks for a dateline in the text. */
    char *date = pick_date(&m);
    char page_date[11] = "";
    const char *lang = m.lang ? m.lang : m.locale;
    /* the outlet's names, as its own prompts and notices name it */
    char *outlet = td__url_outlet(m.canonical ? m.canonical : m.og_url);
    if (outlet)
        outlet[strcspn(outlet, ".")] = '\0';
    const char *names[2] = {m.site, outlet};
    char *text = main_text(body, 1, &nomem, lang, m.desc,
                           date ? NULL : page_date, names);
    /* Hints can mislead (a wrapper classed "page has-sidebar"); when they
     * leave little, judge by structure alone. */
    size_t got = text_weight(text);
    if (!nomem && got < 600) {
        /* below 100, by structure alone, and anything more wins; a short
         * text (a lead, a caption) gives way only to a body several times
         * its length found with the strong hints (comments, sharing)
         * still heeded, so that a thread does not replace a short story */
        char *again = main_text(body, got < 100 ? 0 : 2, &nomem, lang,
                                m.desc, NULL, names);
        if (again && text_weight(again) > (got < 100 ? got : 3 * got)) {
            td__free(text);
            text = again;
        } else {
            td__free(again);
        }
    }
    /* The publisher's own articleBody, when the page's structure gave far
     * less than it: script-rendered pages and bodies split into widgets.
     * Only then, because many articleBody fields are teasers. */
    if (!nomem && m.ld_body && text_weight(m.ld_body) >= 400 &&
        text_weight(text) * 2 < text_weight(m.ld_body)) {
        char *ld = td__html_fragment_text(m.ld_body, strlen(m.ld_body));
        if (ld && text_weight(ld) >= 400) {
            td__free(text);
            text = ld;
        } else {
            td__free(ld);
            nomem = ld == NULL;
        }
    }
    /* The same for the markup a script-rendered page carries in the JSON
     * it hydrates from (its structure then holds a loading notice, a
     * cookie wall, or nothing). */
    if (!nomem && m.napp && text_weight(text) < 1000) {
        char *app = app_body(&m, &nomem);
        if (app && text_weight(app) >= 400 &&
            text_weight(text) * 2 < text_weight(app)) {
            td__free(text);
            text = app;
        } else {
            td__free(app);
        }
    }
    /* No body at all (a page its scripts render, a gallery): the
     * publisher's own summary is what the page says, and its date and
     * byline are still worth having. */
    if (!nomem && !text && m.desc && text_weight(m.desc) >= 80) {
        text = td__html_fragment_text(m.desc, strlen(m.desc));
        nomem = text == NULL;
        if (text && !*text) {
            td__free(text);
            text = NULL;
        }
    }
    td__html_doc d;
    memset(&d, 0, sizeof d);
    td_status st = TD_OK;
    if (nomem) {
        st = TD_ENOMEM;
    } else if (!text) {
        st = TD_EEMPTY;
    } else {
        d.text = text;
        text = NULL;
        d.title = pick_title(&m);
        d.date = date;
        date = NULL;
        char day[11];
        /* No date in the metadata: a dateline at the top of the text. */
        if (!d.date && td__text_date(d.text, strlen(d.text) < 1500
                                                ? strlen(d.text) : 1500,
                                     m.lang ? m.lang : m.locale, day) == 0) {
            d.date = td__strdup(day);
            m.date_source = "text";
        }
        /* Then the first dateline anywhere on the page's text blocks
         * (furniture excluded), as a reader would look for one. */
        if (!d.date && page_date[0]) {
            d.date = td__strdup(page_date);
            m.date_source = "page";
        }
        d.date_source = d.date ? m.date_source : NULL;
        d.lang = lang_code(m.lang);
        if (!d.lang)
            d.lang = lang_code(m.locale);
        d.url = td__strdup(m.canonical ? m.canonical : m.og_url);
        d.author = td__strdup(m.author ? m.author : m.byline);
        d.site = td__strdup(m.site);
    }
    td__free(text);
    td__free(date);
    td__free(outlet);
    meta_free(&m);
    xmlFreeDoc(doc);
    if (st == TD_OK)
        *out = d;
    return st;
}

void td__html_doc_free(td__html_doc *d)
{
    if (!d)
        return;
    td__free(d->text);
    td__free(d->title);
    td__free(d->date);
    td__free(d->lang);
    td__free(d->url);
    td__free(d->author);
    td__free(d->site);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------- bylines */

char *td__byline_clean(const char *s)
{
    if (!s)
        return NULL;
    /* "By", "Von", "Por", "Par", "Di", "Door", "Av", "Автор:" lead a
     * byline in the languages news is written in; they are not names. */
    static const char *const lead[] = {
        "by ", "von ", "por ", "par ", "di ", "de ", "door ", "av ", "af ",
        "da ", "autor: ", "autor ", "author: ", "auteur: ", "text: ",
        "texto: ", "автор: ", "автор ", NULL};
    static const char *const generic[] = {
        "staff", "admin", "administrator", "redaktion", "redacción",
        "redaccion", "redazione", "rédaction", "redactie", "editor",
        "editorial", "newsroom", "reuters", "dpa", "afp", "ap", "unknown",
        "guest", "anonymous", "team", "редакция", NULL};
    while (isspace((unsigned char)*s))
        s++;
    for (int k = 0; lead[k]; k++) { /* "By" alone */
        size_t n = strlen(lead[k]) - 1;
        if (strncasecmp(s, lead[k], n) == 0 && (s[n] == '\0' || s[n] == ':') &&
            (s[n] == '\0' || s[n + 1] == '\0'))
            return NULL;
    }
    for (int again = 1; again;) {
        again = 0;
        for (int k = 0; lead[k]; k++) {
            size_t n = strlen(lead[k]);
            if (strncasecmp(s, lead[k], n) == 0) {
                s += n;
                again = 1;
            }
        }
        while (*s == ':' || isspace((unsigned char)*s))
            s++;
    }
    size_t n = strlen(s);
    while (n && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ',' ||
                 s[n - 1] == '|'))
        n--;
    if (n == 0 || n > 200 || memchr(s, '@', n) || strncasecmp(s, "http", 4) == 0
        || memchr(s, '/', n))
        return NULL;
    for (int k = 0; generic[k]; k++)
        if (strlen(generic[k]) == n && strncasecmp(s, generic[k], n) == 0)
            return NULL;
    int letters = 0;
    for (size_t i = 0; i < n; i++)
        letters += isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
    if (letters < 2)
        return NULL;
    char *out = td__strndup(s, n);
    if (!out)
        return NULL;
    /* white space collapsed: a byline block spans lines */
    char *w = out;
    int space = 0;
    for (char *r = out; *r; r++) {
        if (isspace((unsigned char)*r)) {
            space = 1;
            continue;
        }
        if (space && w > out)
            *w++ = ' ';
        space = 0;
        *w++ = *r;
    }
    *w = '\0';
    return out;
}

char *td__url_outlet(const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (!p)
        return NULL;
    p += 3;
    size_t n = strcspn(p, "/?#");
    for (size_t i = n; i-- > 0;)
        if (p[i] == '@') { /* user:password@host */
            n -= i + 1;
            p += i + 1;
            break;
        }
    const char *colon = memchr(p, ':', n); /* a port */
    if (colon)
        n = (size_t)(colon - p);
    if (n == 0 || n > 253)
        return NULL;
    /* the registrable domain, approximated without the public suffix
     * list: the last two labels, three when the second-level label is a
     * short generic one under a country code ("bbc.co.uk", "abc.net.au") */
    size_t dots[3] = {0, 0, 0};
    int nd = 0;
    for (size_t i = n; i-- > 0;)
        if (p[i] == '.' && nd < 3)
            dots[nd++] = i;
    if (nd == 0)
        return td__strndup(p, n);
    size_t start = nd >= 2 ? dots[1] + 1 : 0;
    size_t tld_len = n - dots[0] - 1;
    size_t sld_len = dots[0] - start;
    if (nd >= 2 && tld_len == 2 && sld_len <= 3)
        start = nd >= 3 ? dots[2] + 1 : 0;
    char *out = td__strndup(p + start, n - start);
    for (char *c = out; c && *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return out;
}

td_status td__article_meta(const td_input *in, const td__html_doc *doc,
                           char **author, char **source, char **canonical)
{
    char *a = NULL, *s = NULL, *c = NULL;
    int nomem = 0;
    const char *by = in->author ? in->author : doc->author;
    const char *canon = in->canonical_url ? in->canonical_url : doc->url;
    if (by && !(a = td__strdup(by)))
        nomem = 1;
    if (in->source && *in->source)
        s = td__strdup(in->source), nomem |= s == NULL;
    else if (doc->site)
        s = td__strdup(doc->site), nomem |= s == NULL;
    else if (in->url || doc->url)
        s = td__url_outlet(in->url ? in->url : doc->url); /* NULL: no host */
    if (canon && !(c = td__strdup(canon)))
        nomem = 1;
    if (a && s && strcasecmp(a, s) == 0) { /* "FOCUS online" by itself */
        td__free(a);
        a = NULL;
    }
    if (nomem) {
        td__free(a);
        td__free(s);
        td__free(c);
        return TD_ENOMEM;
    }
    *author = a, *source = s, *canonical = c;
    return TD_OK;
}
