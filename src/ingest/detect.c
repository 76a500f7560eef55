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
    }
    return TD__FMT_TEXT;
}
