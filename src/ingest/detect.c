/* detect.c -- which reader an input needs, judged by its content.
 *
 * Extensions lie (a feed saved as .html, JSON Lines saved as .txt), so the
 * first bytes decide; the extension only breaks ties. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ingest/reader.h"
#include "text/unicode.h"

static int has_ext(const char *name, const char *ext)
{
    if (!name)
        return 0;
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcasecmp(name + n - m, ext) == 0;
}

static int contains_ci(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    for (size_t i = 0; i + m <= n; i++)
        if (strncasecmp(s + i, pat, m) == 0)
            return 1;
    return 0;
}

static int root_has_xmlns(const char *s, size_t n);

td__format td__detect_format(const char *head, size_t n, const char *name)
{
    if (n >= 2 && (unsigned char)head[0] == 0x1f &&
        (unsigned char)head[1] == 0x8b)
        return TD__FMT_GZIP;
    if (n >= 5 && memcmp(head, "WARC/", 5) == 0)
        return TD__FMT_WARC;
    if (td__looks_binary(head, n))
        return TD__FMT_BINARY;
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && isspace((unsigned char)head[i]))
        i++;
    const char *s = head + i;
    size_t left = n - i;
    /* A .jsonl / .ndjson file is JSON Lines whatever its first line holds
     * (a comment, a stray number): each bad line is then reported on its
     * own instead of the whole file being stored as one text. */
    if ((has_ext(name, ".jsonl") || has_ext(name, ".ndjson")) &&
        !(left > 0 && s[0] == '['))
        return TD__FMT_JSONL;
    if (left > 1 && s[0] == '[') {
        /* A JSON array (an export saved whole): the next character that
         * is not white space opens an object, an array or a string, or
         * closes an empty array; numbers count only in a .json file, as
         * "[1] see the note" may start a text. */
        size_t j = 1;
        while (j < left && isspace((unsigned char)s[j]))
            j++;
        if (j < left && (s[j] == '{' || s[j] == ']' || s[j] == '[' ||
                         s[j] == '"' ||
                         ((has_ext(name, ".json") || has_ext(name, ".jsonl") ||
                           has_ext(name, ".ndjson")) &&
                          (isdigit((unsigned char)s[j]) || s[j] == '-'))))
            return TD__FMT_JSON_ARRAY;
    }
    if (left > 0 && s[0] == '{') {
        /* A JSON object on the first line, or a .jsonl name. */
        const char *nl = memchr(s, '\n', left);
        size_t line = nl ? (size_t)(nl - s) : left;
        while (line > 0 && isspace((unsigned char)s[line - 1]))
            line--;
        if ((line > 1 && s[line - 1] == '}') || has_ext(name, ".jsonl") ||
            has_ext(name, ".ndjson") || has_ext(name, ".json") || !nl)
            return TD__FMT_JSONL;
    }
    if (left > 0 && s[0] == '<') {
        /* A feed's root comes first; an HTML page may mention "<feed" in
         * a script, so the HTML markers are looked for only before it. */
        const char *html = NULL;
        static const char *const marks[] = {"<!doctype html", "<html",
                                            "<head", "<body"};
        for (size_t k = 0; k < 4; k++) {
            for (size_t j = 0; j + strlen(marks[k]) <= left; j++)
                if (strncasecmp(s + j, marks[k], strlen(marks[k])) == 0) {
                    if (!html || s + j < html)
                        html = s + j;
                    break;
                }
        }
        static const char *const roots[] = {"<rss", "<feed", "<rdf:rdf"};
        for (size_t k = 0; k < 3; k++) {
            size_t m = strlen(roots[k]);
            for (size_t j = 0; j + m < left; j++)
                if (strncasecmp(s + j, roots[k], m) == 0 &&
                    (isspace((unsigned char)s[j + m]) || s[j + m] == '>') &&
                    (!html || s + j < html))
                    return TD__FMT_FEED;
        }
        if (contains_ci(s, left, "<!doctype html") ||
            contains_ci(s, left, "<html") || contains_ci(s, left, "<head") ||
            contains_ci(s, left, "<body") || has_ext(name, ".html") ||
            has_ext(name, ".htm"))
            return TD__FMT_HTML;
        /* An XML declaration, or a root element with a namespace, that is
         * neither HTML nor a feed: SVG, KML, a sitemap... Storing its
         * markup as an article's text would be a lie. */
        if ((left >= 5 && memcmp(s, "<?xml", 5) == 0) || root_has_xmlns(s, left))
            return TD__FMT_XML_OTHER;
    }
    return TD__FMT_TEXT;
}

/* Skips an XML declaration, comments, processing instructions and a
 * doctype; returns where the root element's '<' is, or NULL. */
static const char *root_start(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && isspace((unsigned char)s[i]))
            i++;
        if (i + 1 >= n || s[i] != '<')
            return NULL;
        if (s[i + 1] == '?' || s[i + 1] == '!') {
            const char *gt = memchr(s + i, '>', n - i);
            if (!gt)
                return NULL;
            i = (size_t)(gt - s) + 1;
            continue;
        }
        return s + i;
    }
    return NULL;
}

static int root_has_xmlns(const char *s, size_t n)
{
    const char *r = root_start(s, n);
    if (!r)
        return 0;
    const char *gt = memchr(r, '>', n - (size_t)(r - s));
    if (!gt)
        return 0;
    return contains_ci(r, (size_t)(gt - r), " xmlns");
}

void td__xml_root_name(const char *head, size_t n, char *out, size_t cap)
{
    const char *r = root_start(head, n);
    size_t k = 0;
    if (r) {
        r++;
        while (k + 1 < cap && (size_t)(r + k - head) < n &&
               (isalnum((unsigned char)r[k]) || r[k] == ':' || r[k] == '-' ||
                r[k] == '_' || r[k] == '.'))
            k++;
        memcpy(out, r, k);
    }
    if (k == 0 && cap > 1)
        out[k++] = '?';
    out[k] = 0;
}
