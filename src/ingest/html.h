/* html.h -- main-text extraction from an HTML page (libxml2). */
#ifndef TD_INGEST_HTML_H
#define TD_INGEST_HTML_H

#include <stddef.h>

#include "tidings.h"

/* What extraction found. Every field owned (td__free), NULL when absent. */
typedef struct td__html_doc {
    char *text;   /* main text, UTF-8, one paragraph per line ("\n") */
    char *title;  /* og:title, <title>, <h1> */
    char *date;   /* YYYY-MM-DD (or YYYY-MM) publication date */
    const char *date_source; /* static: "json-ld", "meta", "itemprop",
                                "time", "url", "dateline", "text" */
    char *lang;   /* <html lang>, og:locale: a hint, 2-3 letter code */
    char *url;    /* canonical URL */
    char *author;
    char *site;   /* og:site_name or similar */
} td__html_doc;

/* Extracts the article from html[0..len) in any encoding (meta charset, BOM,
 * else UTF-8, converted through ICU); robust to broken markup.
 * Returns TD_OK with *out filled (free with td__html_doc_free), TD_EEMPTY
 * when no body text was found, or TD_ENOMEM; *out untouched on failure. */
td_status td__html_extract(const char *html, size_t len, td__html_doc *out);
void td__html_doc_free(td__html_doc *d); /* frees fields, zeroes d */

/* As td__html_extract, with the charset an HTTP Content-Type header gave
 * (NULL: none); it wins over what the page declares, as in browsers. */
td_status td__html_extract_cs(const char *html, size_t len,
                              const char *charset, td__html_doc *out);

/* All the text of an HTML fragment (a feed item's content), one block a
 * line, scripts and furniture dropped but no main-content choice: the
 * fragment is the article. Returns an owned string (td__free), "" when it
 * has no text, or NULL when memory ran out. */
char *td__html_fragment_text(const char *html, size_t len);

/* Converts html[0..len) to UTF-8 from the encoding its BOM, <meta charset>,
 * http-equiv content type or XML declaration names (else UTF-8 when valid,
 * else ICU's detector's guess), through ICU; invalid bytes become U+FFFD.
 * charset, when not NULL, is the encoding a transport declared and wins.
 * Returns an owned NUL-terminated string (td__free) and its length in
 * *out_len, or NULL when memory ran out. */
char *td__html_to_utf8(const char *html, size_t len, const char *charset,
                       size_t *out_len);

/* Normalises a publication date written the ways the web writes them
 * (ISO 8601, RFC 822 "Fri, 07 Jan 2022 10:00:00 GMT", "2022/01/07") into
 * out as YYYY-MM-DD (or YYYY-MM); returns 0, or -1 (out untouched) when s
 * holds no plausible date. */
int td__web_date(const char *s, char out[11]);

/* A date in a URL path (/2022/01/07/, /2022-01-07, /2022/01/, /20220107/);
 * as above. */
int td__url_date(const char *url, char out[11]);

/* A byline as a name list: "By Anna Rossi" -> "Anna Rossi"; NULL (nothing
 * allocated) for what is not a name ("Staff", "Redaktion", a URL, an
 * e-mail address) or when memory ran out. Owned (td__free). */
char *td__byline_clean(const char *s);

/* The registrable domain of a URL's host ("https://www.bbc.co.uk/x" ->
 * "bbc.co.uk"), the outlet when a page names none. Owned, or NULL. */
char *td__url_outlet(const char *url);

/* What an article says about who wrote and published it: its byline, its
 * outlet (in->source, else the page's site name or publisher, else its
 * URL's domain) and its canonical URL (in->author and in->canonical_url
 * win over the page's), each owned or NULL. Returns TD_OK,
 * or TD_ENOMEM with nothing written. doc may be zeroed (a text article). */
td_status td__article_meta(const td_input *in, const td__html_doc *doc,
                           char **author, char **source, char **canonical);

#endif
