/* dispatch.c -- the reader for a whole in-memory input, by format. Readers
 * of streamed formats (JSON Lines, WARC) are called from ingest.c. */
#include <string.h>

#include "ingest/html.h"
#include "ingest/reader.h"

td_status td__emit_html(td__sink *s, const td_input *base, const char *where,
                        const char *html, size_t len, int date_is_fallback,
                        const char *charset)
{
    td__html_doc doc;
    td_status st = td__html_extract_cs(html, len, charset, &doc);
    if (st == TD_EEMPTY) {
        s->fail(s, where, TD_EEMPTY, "no article text in the HTML page");
        return TD_OK;
    }
    if (st != TD_OK) {
        s->fail(s, where, st, "out of memory extracting the HTML page");
        return st;
    }
    td_input in = *base;
    in.html = NULL, in.html_len = 0;
    in.text = doc.text;
    in.text_len = strlen(doc.text);
    if (!in.title)
        in.title = doc.title;
    if (!in.url)
        in.url = doc.url;
    if (!in.source)
        in.source = doc.site;
    if (!in.lang)
        in.lang = doc.lang;
    if (!in.author)
        in.author = doc.author;
    if (!in.canonical_url)
        in.canonical_url = doc.url;
    if (doc.date && (!in.date || date_is_fallback))
        in.date = doc.date;
    st = s->emit(s, &in, where);
    td__html_doc_free(&doc);
    return st;
}

td_status td__ingest_dispatch_whole(td__sink *s, const char *name,
                                    const char *data, size_t len,
                                    td__format fmt)
{
    switch (fmt) {
    case TD__FMT_HTML: {
        td_input base = {0};
        base.name = name;
        base.name_is_file = 1;
        return td__emit_html(s, &base, name, data, len, 0, NULL);
    }
    case TD__FMT_FEED:
        return td__read_feed(s, name, data, len, 0);
    case TD__FMT_TEXT:
    default:
        return td__read_text(s, name, data, len);
    }
}
