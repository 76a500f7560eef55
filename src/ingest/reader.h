/* reader.h -- the interface between input readers and the engine.
 *
 * A reader turns the bytes of one input (a text file, a JSON Lines stream, an
 * HTML page, a feed, a WARC file) into td_input records and hands each to the
 * sink. The sink (the engine) stores them and counts what happened. */
#ifndef TD_INGEST_READER_H
#define TD_INGEST_READER_H

#include <stdint.h>
#include <stdio.h>

#include "tidings.h"

typedef struct td__sink td__sink;
struct td__sink {
    /* Adds one article. where names it for messages ("x.jsonl:3").
     * A rejected article is reported and counted by the sink itself and
     * yields TD_OK; any other status (TD_EDB, TD_ENOMEM) is fatal and the
     * reader must stop and return it. */
    td_status (*emit)(td__sink *s, const td_input *in, const char *where);
    /* Reports one bad record that never became a td_input; counted failed. */
    void (*fail)(td__sink *s, const char *where, td_status st,
                 const char *msg);
    /* Progress through the current input, for progress bars. May be NULL. */
    void (*progress)(td__sink *s, uint64_t done, uint64_t total);
    /* Reports a field dropped or corrected in a record that is kept
     * (where: input and line; msg names the field). May be NULL. */
    void (*warn)(td__sink *s, const char *where, const char *msg);
    /* The most bytes of one record a reader may hold; a larger record is
     * reported through fail and skipped. 0: TD_MAX_RECORD_DEFAULT. */
    size_t max_record;
};

/* s->max_record, or the default when it is 0. */
static inline size_t td__sink_max_record(const td__sink *s)
{
    return s->max_record ? s->max_record : TD_MAX_RECORD_DEFAULT;
}

/* Calls s->warn when there is one. */
static inline void td__sink_warn(td__sink *s, const char *where,
                                 const char *msg)
{
    if (s->warn)
        s->warn(s, where, msg);
}

/* Input formats, detected from content (td__detect_format). */
typedef enum td__format {
    TD__FMT_TEXT,
    TD__FMT_JSONL,
    TD__FMT_HTML,
    TD__FMT_FEED,    /* RSS 2.0 or Atom */
    TD__FMT_WARC,
    TD__FMT_GZIP,    /* gzip: WARC.gz (or gzipped anything) */
    TD__FMT_BINARY,
    TD__FMT_JSON_ARRAY, /* one JSON array of article objects */
    TD__FMT_XML_OTHER   /* XML that is neither HTML nor a feed (SVG...) */
} td__format;

/* Detects the format from the first bytes of an input (head[0..n), n up to
 * a few KiB) and its name (extension as a tie-breaker; may be NULL). */
td__format td__detect_format(const char *head, size_t n, const char *name);

/* The root element's name of XML that td__detect_format() called
 * TD__FMT_XML_OTHER, into out (cap bytes, "?" when not found). */
void td__xml_root_name(const char *head, size_t n, char *out, size_t cap);

/* A whole JSON array of article objects data[0..len) (a batch saved as
 * .json or .jsonl): each element is read as one JSON line would be, and
 * named "name:[i]" (from 1). Returns TD_OK, or a fatal status from
 * sink->emit. */
td_status td__read_json_array(td__sink *s, const char *name,
                              const char *data, size_t len);

/* Checks a record's date as the engine reads it (YYYY-MM, or YYYY-MM-DD
 * with an optional time after 'T' or ' '): 1 when it is a real calendar
 * date of a four-digit year from 1000, else 0 with the reason in why. */
int td__valid_date(const char *s, char *why, size_t cap);

/* One plain-text article; name is its file path (id from its base name).
 * Returns what sink->emit returned. */
td_status td__read_text(td__sink *s, const char *name, const char *data,
                        size_t len);

/* JSON Lines from f, one article a line; name for messages. total is the
 * size in bytes when known (0 otherwise), for progress. Bad lines are
 * reported through sink->fail. Returns TD_OK at end of input, TD_EIO on a
 * read error, or a fatal status from sink->emit. */
td_status td__read_jsonl(td__sink *s, const char *name, FILE *f,
                         uint64_t total);

/* One HTML page html[0..len): extracts its article (ingest/html.h) and
 * emits it as where. Fields set in base (url, title, date, source, id) win
 * over what the page says, except base->date when date_is_fallback (a crawl
 * date is only a guess at the publication date). A page without article
 * text is reported through sink->fail. charset is what an HTTP header
 * said (NULL: the page decides). Returns TD_OK, TD_ENOMEM or a fatal
 * status from sink->emit. */
td_status td__emit_html(td__sink *s, const td_input *base, const char *where,
                        const char *html, size_t len, int date_is_fallback,
                        const char *charset);

/* RSS 2.0 / Atom feed in data[0..len) (ingest/feed.c). Items with only a
 * short summary are fetched from their link when fetch_links is set (a feed
 * from a URL), else ingested from the summary. Bad items are reported
 * through sink->fail. Returns TD_OK, or a fatal status from sink->emit. */
td_status td__read_feed(td__sink *s, const char *name, const char *data,
                        size_t len, int fetch_links);

/* WARC or WARC.gz from f, streamed (ingest/warc.c): every HTML response
 * record becomes an article; other records are skipped; a bad or truncated
 * record is reported through sink->fail and the rest kept. total is the
 * file size for progress (0 unknown). Returns TD_OK, TD_EIO on a read
 * error, or a fatal status from sink->emit. */
td_status td__read_warc(td__sink *s, const char *name, FILE *f,
                        uint64_t total);

/* A feed already fetched from url (by `tidings watch`): its items are
 * ingested into e as td_engine_ingest_path() would, summary-only items
 * fetched from their links, and the batch committed. Returns as
 * td_engine_ingest_path() does. */
td_status td__engine_ingest_feed(td_engine *e, const char *url,
                                 const char *data, size_t len,
                                 td_ingest_stats *stats, td_event_cb cb,
                                 void *ud);

/* Hands a whole in-memory input (text, HTML page, feed) to its reader.
 * Returns what the reader returned. */
td_status td__ingest_dispatch_whole(td__sink *s, const char *name,
                                    const char *data, size_t len,
                                    td__format fmt);

#endif
