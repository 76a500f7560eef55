/*
 * tidings.h -- the public API of the tidings news story engine.
 *
 * This header is the whole API: nothing under src/ is. It includes only
 * standard headers. All strings are NUL-terminated UTF-8 unless a length
 * says otherwise.
 *
 * Ownership: inputs are borrowed for the duration of the call. What a
 * function hands back says in its comment whether it is borrowed (and until
 * when) or owned (and how to free it). Every destructor accepts NULL.
 * Out-parameters are written only when the function returns TD_OK.
 */
#ifndef TD_TIDINGS_H
#define TD_TIDINGS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TD_API __attribute__((visibility("default")))
#else
#define TD_API
#endif

#define TD_VERSION "0.1.0"

/* Status codes. Append-only: values never change meaning. */
typedef enum td_status {
    TD_OK = 0,
    TD_ERROR = 1,      /* unclassified failure; see the handle's message */
    TD_ENOMEM = 2,     /* an allocation failed; nothing was changed */
    TD_EINVAL = 3,     /* a bad argument (NULL, out of range, bad syntax) */
    TD_EIO = 4,        /* a file could not be opened, read or written */
    TD_EUTF8 = 5,      /* the input is not valid UTF-8 */
    TD_EBINARY = 6,    /* the input is binary data, not text */
    TD_EEMPTY = 7,     /* no article text is left after cleaning */
    TD_EPARSE = 8,     /* malformed input (a bad JSON line, say) */
    TD_ETRUNCATED = 9, /* input ended in the middle of a record */
    TD_ENOTDB = 10,    /* the database file is not a tidings database */
    TD_EDB = 11,       /* the database failed (locked, full, corrupt) */
    TD_ENOTFOUND = 12, /* no such article, story or entity */
    TD_DONE = 13       /* a cursor has no more rows (not an error) */
} td_status;

/* A short English description of a status. Never NULL; static storage. */
TD_API const char *td_strerror(td_status st);

/* The library version string (TD_VERSION of the build). Static storage. */
TD_API const char *td_version(void);

/* ---------------------------------------------------------------- input */

/*
 * One article as it arrives. Only one of text or html is needed; every other
 * field is optional (NULL when absent). All pointers are borrowed for the
 * duration of the call that receives the td_input.
 */
typedef struct td_input {
    const char *id;       /* stable id; NULL: derived from name or content */
    const char *url;
    const char *title;    /* NULL: found in the text if it has one */
    const char *date;     /* YYYY-MM or YYYY-MM-DD; NULL: found in the text */
    const char *lang;     /* a hint (ISO 639-1), not trusted blindly */
    const char *source;   /* outlet or site name */
    const char *text;     /* plain text, possibly with markup remnants */
    size_t text_len;
    const char *html;     /* or a whole HTML page */
    size_t html_len;
    const char *name;     /* where it came from ("seeds/000.txt", "x.jsonl:3"):
                             used in messages, and for the id of text files */
    int name_is_file;     /* nonzero: name is a text file whose base name
                             (without extension) is the id when id is NULL */
    const char *author;        /* byline; NULL: found in the HTML page */
    const char *canonical_url; /* NULL: found in the HTML page */
} td_input;

/* ------------------------------------------------------------- analysis */

typedef struct td_analysis td_analysis;

/*
 * Runs the per-article pipeline (clean, identify language, tokenise) on one
 * input without storing anything.
 * Returns TD_OK and an owned analysis in *out (free with td_analysis_free())
 * even when the article itself is rejected: td_analysis_status() says so.
 * Returns TD_EINVAL for a NULL argument or TD_ENOMEM; *out is untouched.
 */
TD_API td_status td_analyze(const td_input *in, td_analysis **out);
TD_API void td_analysis_free(td_analysis *a);

/*
 * Reads one article from a file (plain text or an HTML page, told apart by
 * content; "-" reads standard input as plain text) and analyses it as
 * td_analyze() does; the id follows the file name.
 * Returns TD_OK with an owned analysis, or TD_EIO (unreadable), TD_EBINARY,
 * TD_EINVAL (a JSON Lines file or a feed holds many articles: ingest it) or
 * TD_ENOMEM, with a message naming the file in errbuf (errlen bytes).
 */
TD_API td_status td_analyze_file(const char *path, td_analysis **out,
                                 char *errbuf, size_t errlen);

/* Whether the article is acceptable: TD_OK, or TD_EUTF8, TD_EBINARY,
 * TD_EEMPTY... with a reason in *reason (borrowed, valid while a lives). */
TD_API td_status td_analysis_status(const td_analysis *a, const char **reason);

/* The article's id as it would be stored (borrowed, valid while a lives). */
TD_API const char *td_analysis_id(const td_analysis *a);
/* Cleaned text: paragraphs separated by "\n", NFC, white space normalised. */
TD_API const char *td_analysis_text(const td_analysis *a);
/* Title found or given, or NULL. */
TD_API const char *td_analysis_title(const td_analysis *a);
/* Date found or given (YYYY-MM or YYYY-MM-DD), or NULL. */
TD_API const char *td_analysis_date(const td_analysis *a);
/* Where the date came from: "input", "marker", "dateline", or NULL. */
TD_API const char *td_analysis_date_source(const td_analysis *a);
/* The byline ("A, B" for several authors), the outlet (the input's source,
 * else the page's site name or publisher, else the URL's domain) and the
 * page's canonical URL; NULL when unknown. Borrowed, valid while a lives. */
TD_API const char *td_analysis_author(const td_analysis *a);
TD_API const char *td_analysis_source(const td_analysis *a);
TD_API const char *td_analysis_canonical_url(const td_analysis *a);

/* What cleaning removed, in text order: a reason ("markup", "comments",
 * "furniture", "repeated line", "dateline", "date marker", "title") and
 * the removed text. Borrowed, valid while a lives. */
TD_API size_t td_analysis_removed_count(const td_analysis *a);
TD_API td_status td_analysis_removed(const td_analysis *a, size_t i,
                                     const char **reason, const char **text);

/* Language: ISO 639-1 code (639-3 where none), "und" when there is no
 * signal, and a confidence in [0, 1]. */
TD_API const char *td_analysis_lang(const td_analysis *a);
TD_API double td_analysis_lang_confidence(const td_analysis *a);

/* Tokens of the cleaned text after analysis. flags is a TD_TOKEN_* mask;
 * norm is the case-folded NFKC form (numbers normalised), stem the stem or
 * norm when the language has no stemmer. Borrowed, valid while a lives. */
enum {
    TD_TOKEN_WORD = 1,   /* letters */
    TD_TOKEN_NUMBER = 2, /* a number, normalised: "4.404" -> "4404" */
    TD_TOKEN_STOP = 4,   /* a stop word of the article's language */
    TD_TOKEN_IDEO = 8    /* CJK / Thai-style word from dictionary breaking */
};
TD_API size_t td_analysis_token_count(const td_analysis *a);
TD_API td_status td_analysis_token(const td_analysis *a, size_t i,
                                   const char **norm, const char **stem,
                                   unsigned *flags, size_t *offset,
                                   size_t *length);

/* Entities found in the article (mentions of one entity grouped): name is
 * the fullest form the article uses (a place's English name), kind is
 * "person", "organisation" or "place", place the country/city id for
 * places (else NULL). Borrowed, valid while a lives. */
TD_API size_t td_analysis_entity_count(const td_analysis *a);
TD_API td_status td_analysis_entity(const td_analysis *a, size_t i,
                                    const char **name, const char **kind,
                                    const char **place, size_t *mentions);
/* Mentions in text order: which entity (index), and the byte span. */
TD_API size_t td_analysis_mention_count(const td_analysis *a);
TD_API td_status td_analysis_mention(const td_analysis *a, size_t i,
                                     size_t *entity, size_t *offset,
                                     size_t *length);
/* Dates the text speaks of: "YYYY-MM-DD" (or YYYY-MM; year 0000 when not
 * known) written into iso (11 bytes), the span, and whether it was
 * resolved from a weekday against the article's date. */
TD_API size_t td_analysis_found_date_count(const td_analysis *a);
TD_API td_status td_analysis_found_date(const td_analysis *a, size_t i,
                                        char iso[11], size_t *offset,
                                        size_t *length, int *relative);
/* Numbers, normalised ("4404"), with their unit when obvious. */
TD_API size_t td_analysis_number_count(const td_analysis *a);
TD_API td_status td_analysis_number(const td_analysis *a, size_t i,
                                    const char **value, const char **unit,
                                    size_t *offset, size_t *length);

/* ------------------------------------------------------ language id */

/*
 * Identifies the language of text[0..len). Writes an ISO 639-1 code (639-3
 * where none; "und" when the text has no signal) into code, which must hold
 * 8 bytes, and a confidence in [0, 1]. Never allocates.
 * Returns TD_EINVAL for NULL pointers; otherwise TD_OK.
 */
TD_API td_status td_langid(const char *text, size_t len, char code[8],
                           double *confidence);

/* td_langid with the closest other language: lang and confidence as
 * td_langid's; runner_up is "" when no other language scored (a script of
 * one language, no signal), else its code with its share of the same
 * [0, 1] mass. */
typedef struct td_langid_result {
    char lang[8];
    double confidence;
    char runner_up[8];
    double runner_up_score;
} td_langid_result;

/*
 * Fills *out for text[0..len). Never allocates.
 * Returns TD_EINVAL for NULL pointers (out untouched); otherwise TD_OK.
 */
TD_API td_status td_langid_detail(const char *text, size_t len,
                                  td_langid_result *out);

/* --------------------------------------------------------------- engine */

typedef struct td_engine td_engine;

/*
 * Opens (creating if absent) the tidings database at path.
 * Returns TD_OK and an owned engine in *out (close with td_engine_close()).
 * On failure returns TD_EIO (cannot open or create), TD_ENOTDB (the file is
 * not a tidings database), TD_EDB or TD_ENOMEM, and writes a message naming
 * the path and the reason into errbuf (errlen bytes, may be 0).
 */
TD_API td_status td_engine_open(const char *path, td_engine **out,
                                char *errbuf, size_t errlen);

/* Commits pending work and closes. Accepts NULL. */
TD_API void td_engine_close(td_engine *e);

/*
 * Copies the whole store at from (an SQLite path or a PostgreSQL connection
 * string, as td_engine_open takes) into the store at to, either way round:
 * articles, stories, entities, search index, follows. Resumable: to keeps
 * how far it got (in batches committed together with their rows), so a
 * copy interrupted and run again goes on where it stopped. to must be new
 * or a copy of from begun before. progress (may be NULL) is told each
 * table's name and rows copied so far. On failure returns the status with
 * a message in errbuf; what was committed stays.
 */
typedef void (*td_copy_progress)(void *ud, const char *table, int64_t rows);
TD_API td_status td_store_copy(const char *from, const char *to,
                               td_copy_progress progress, void *ud,
                               char *errbuf, size_t errlen);

/* The message of the last failure on e. Borrowed, valid until the next call
 * on e. Never NULL. */
TD_API const char *td_engine_errmsg(const td_engine *e);

/*
 * Adds one article. Articles are written in batched transactions: call
 * td_engine_commit() (or close) to make everything durable at once; the
 * engine also commits on its own every few hundred articles.
 * *added (may be NULL) is set to 1 when the article was stored, 0 when an
 * article with the same id was already stored (a no-op).
 * Returns TD_OK, or the reason the article was rejected (TD_EUTF8,
 * TD_EBINARY, TD_EEMPTY, TD_EINVAL) or could not be stored (TD_EDB,
 * TD_ENOMEM); the message names the input. A rejected article changes
 * nothing that is stored.
 */
TD_API td_status td_engine_ingest(td_engine *e, const td_input *in,
                                  int *added);

/* The most analysis threads td_engine_set_jobs() accepts. */
#define TD_MAX_JOBS 256

/* How many threads analyse articles (extraction, cleaning, language,
 * tokens, entities) during td_engine_ingest_path(): 1 (the default) on the
 * caller's thread only, 0 one per online processor, else that many workers
 * beside the caller, which stores and clusters the results in input order:
 * the stories, events and stored rows are the same for every value.
 * Returns TD_OK, or TD_EINVAL (e NULL, jobs < 0 or > TD_MAX_JOBS; nothing
 * changes). */
TD_API td_status td_engine_set_jobs(td_engine *e, int jobs);
/* The number set (0 resolved to the processors); 0 when e is NULL. */
TD_API int td_engine_jobs(const td_engine *e);

/* Commits the pending batch. Returns TD_OK or TD_EDB. */
TD_API td_status td_engine_commit(td_engine *e);

/* What happened to one input while ingesting a file. */
typedef enum td_event_kind {
    TD_EVENT_ADDED,   /* stored */
    TD_EVENT_SKIPPED, /* already stored */
    TD_EVENT_FAILED,  /* rejected or unreadable; status and message say why */
    TD_EVENT_PROGRESS, /* bytes_done of bytes_total of the current file */
    TD_EVENT_WARNING   /* a field dropped or corrected; the article is kept.
                          where names input and line, message the field */
} td_event_kind;

typedef struct td_event {
    td_event_kind kind;
    const char *where;   /* "file.jsonl:12", "seeds/000.txt", "-:3" */
    const char *id;      /* the article id, when known, else NULL */
    td_status status;    /* TD_OK unless kind is TD_EVENT_FAILED */
    const char *message; /* the reason, for TD_EVENT_FAILED, else NULL */
    uint64_t bytes_done, bytes_total; /* bytes_total 0 when unknown */
} td_event;

/* Receives events during td_engine_ingest_path(). Pointers in ev are
 * borrowed for the duration of the call only. */
typedef void (*td_event_cb)(void *ud, const td_event *ev);

typedef struct td_ingest_stats {
    uint64_t added, skipped, failed;
} td_ingest_stats;

/*
 * Reads every article of one input and adds it: a plain text file (one
 * article), a JSON Lines file (one article a line), or "-" for JSON Lines
 * on standard input. The format is detected from the content. Bad records
 * are reported through cb (may be NULL) and counted in stats->failed; the
 * rest is ingested. stats (may be NULL) is added to, not reset.
 * Returns TD_OK when the input could be read to its end (even if some of
 * its articles failed), else TD_EIO / TD_EDB / TD_ENOMEM after reporting
 * the failure through cb and counting it as failed.
 */
TD_API td_status td_engine_ingest_path(td_engine *e, const char *path,
                                       td_ingest_stats *stats, td_event_cb cb,
                                       void *ud);

/* Options of td_engine_ingest_path_opts(). Zero fields take defaults. */
typedef struct td_ingest_opts {
    size_t max_record; /* bytes one record (a JSON line, a text or HTML file,
                          a WARC response) may have; larger ones are
                          reported and skipped, never held in memory.
                          0: TD_MAX_RECORD_DEFAULT */
} td_ingest_opts;

#define TD_MAX_RECORD_DEFAULT ((size_t)16 << 20)

/* td_engine_ingest_path() with options (opts may be NULL: defaults). Only
 * regular files, "-" and http(s) URLs are inputs: anything else (a FIFO, a
 * device, a socket, a folder) is refused with TD_EIO before it is opened,
 * so it cannot hang the batch. */
TD_API td_status td_engine_ingest_path_opts(td_engine *e, const char *path,
                                            const td_ingest_opts *opts,
                                            td_ingest_stats *stats,
                                            td_event_cb cb, void *ud);

/* ------------------------------------------------------------- articles */

/* A stored article as a cursor yields it. All pointers are borrowed, valid
 * until the next td_cursor_next() or td_cursor_free() on its cursor. Absent
 * fields are NULL. */
typedef struct td_article {
    const char *id;
    const char *url;
    const char *title;
    const char *date;
    const char *lang;
    double lang_confidence;
    const char *source;
    const char *name;           /* the input it came from */
    const char *text;           /* cleaned text */
    int64_t story;              /* story id, 0 when none */
    const char *duplicate_of;   /* id of the first copy, or NULL */
    const char *translation_of; /* id of the original, or NULL */
    const char *snippet;        /* search cursors: text around the hits */
    double score;               /* search: relevance, higher first; story
                                   articles: similarity to the story */
    const char *why;            /* story articles: JSON of the evidence it
                                   joined on ({"how","score","entities",
                                   "terms","concepts","numbers","dates"}) */
    const char *author;         /* byline ("A, B" for several), or NULL */
    const char *canonical_url;  /* the page's canonical URL, or NULL */
} td_article;

typedef struct td_cursor td_cursor;

/* All articles in the order they were stored. Returns TD_OK and an owned
 * cursor (free with td_cursor_free()), or TD_EDB / TD_ENOMEM. */
TD_API td_status td_engine_articles(td_engine *e, td_cursor **out);

/* One article by id, or TD_ENOTFOUND. Returns an owned cursor with one row. */
TD_API td_status td_engine_article(td_engine *e, const char *id,
                                   td_cursor **out);

/*
 * Full-text search. The query is words (every word must match, accents and
 * case ignored), "quoted phrases", and filters lang:xx, since:YYYY-MM-DD,
 * until:YYYY-MM-DD, author:NAME, outlet:NAME, site:DOMAIN (a value with
 * spaces in quotes: author:"Jane Doe"; see td_search_opts). At most limit hits (limit <= 0: 20), best first.
 * Returns TD_OK and an owned cursor, TD_EINVAL for an empty or bad query
 * (the message says what is wrong), or TD_EDB.
 */
TD_API td_status td_engine_search(td_engine *e, const char *query, int limit,
                                  td_cursor **out);

/* The next article: TD_OK with *out set, TD_DONE at the end, or TD_EDB. */
TD_API td_status td_cursor_next(td_cursor *c, const td_article **out);
TD_API void td_cursor_free(td_cursor *c);

/* Number of stored articles, or -1 on a database failure. */
TD_API int64_t td_engine_article_count(td_engine *e);

/* -------------------------------------------------------------- stories */

/* A story as a cursor yields it; pointers borrowed until the next call on
 * the cursor. A story's id is the arrival number of its first article. */
typedef struct td_story {
    int64_t id;
    int64_t articles;       /* all its articles */
    int64_t sources;        /* articles that are neither copies nor
                               translations: independent reports */
    const char *languages;  /* "en,it,pt" */
    const char *first_date; /* of its articles, or NULL */
    const char *last_date;
    const char *title;      /* its first article's title, or NULL */
} td_story;

typedef struct td_story_cursor td_story_cursor;

/* Stories, latest first. since (YYYY[-MM[-DD]]), lang and limit (<= 0: all)
 * filter; NULL for none. Returns TD_OK and an owned cursor, TD_EINVAL with
 * a message for a malformed filter, or TD_EDB. */
TD_API td_status td_engine_stories(td_engine *e, const char *since,
                                   const char *lang, int limit,
                                   td_story_cursor **out);
/* One story, or TD_ENOTFOUND. */
TD_API td_status td_engine_story(td_engine *e, int64_t id,
                                 td_story_cursor **out);
TD_API td_status td_story_next(td_story_cursor *c, const td_story **out);
TD_API void td_story_cursor_free(td_story_cursor *c);

/* A story's articles, by language then date; rows carry why and score. */
TD_API td_status td_engine_story_articles(td_engine *e, int64_t id,
                                          td_cursor **out);
/* The same, a page of them: limit (1..1000) articles after skipping
 * offset; a story of thousands reads only the page. */
TD_API td_status td_engine_story_articles_page(td_engine *e, int64_t id,
                                               int limit, int offset,
                                               td_cursor **out);
/* The story's timeline: each date its articles carry or speak of, with how
 * many of its articles do, in date order. Strings borrowed for the call. */
typedef void (*td_timeline_cb)(void *ud, const char *date, int64_t articles);
TD_API td_status td_engine_story_timeline(td_engine *e, int64_t id,
                                          td_timeline_cb cb, void *ud);
/* The story's entities, by number of its articles that mention them. */
typedef void (*td_story_entity_cb)(void *ud, const char *name,
                                   const char *kind, int64_t articles);
TD_API td_status td_engine_story_entities(td_engine *e, int64_t id,
                                          int limit, td_story_entity_cb cb,
                                          void *ud);

/* ------------------------------------------------------------- entities */

typedef struct td_entity td_entity;

/*
 * One entity by any of its names: a spelling or transliteration variant of
 * a person ("Tokaev", "Токаев"), a place in any language ("Kazakistan"), an
 * acronym. Returns TD_OK and an owned entity (free with td_entity_free()),
 * TD_ENOTFOUND, TD_EINVAL (empty name) or TD_EDB / TD_ENOMEM.
 */
TD_API td_status td_engine_entity(td_engine *e, const char *name,
                                  td_entity **out);
TD_API void td_entity_free(td_entity *x);
/* Everything below is borrowed, valid while x lives. */
TD_API const char *td_entity_name(const td_entity *x);
TD_API const char *td_entity_kind(const td_entity *x);
TD_API int64_t td_entity_mentions(const td_entity *x);
/* Variants: surface form, language of the article, count. */
TD_API size_t td_entity_variant_count(const td_entity *x);
TD_API td_status td_entity_variant(const td_entity *x, size_t i,
                                   const char **surface, const char **lang,
                                   int64_t *count);
/* Articles that mention it, newest first (at most 200). */
TD_API size_t td_entity_article_count(const td_entity *x);
TD_API td_status td_entity_article(const td_entity *x, size_t i,
                                   const char **id, const char **lang,
                                   const char **title, const char **date);
/* Entities it appears with, by number of shared articles among its latest
 * 500 (at most 20). */
TD_API size_t td_entity_related_count(const td_entity *x);
TD_API td_status td_entity_related(const td_entity *x, size_t i,
                                   const char **name, const char **kind,
                                   int64_t *shared);

/* Other entities the name fits as well as the one returned (an ambiguous
 * name: "Jordan", "Johnson"): name, kind and how many articles mention
 * each. None when the name is clear. */
TD_API size_t td_entity_candidate_count(const td_entity *x);
TD_API td_status td_entity_candidate(const td_entity *x, size_t i,
                                     const char **name, const char **kind,
                                     int64_t *articles);

/* ------------------------------------------------- the analyst's workspace */

/*
 * The headline of an article: its title when that reads as a headline,
 * else its lead sentence cut at a word boundary (at most 120 code points).
 * Datelines, picture credits, captions, bylines, tag lists and site
 * furniture are never a headline. title, text and lang may be NULL.
 * Writes a NUL-terminated string into out (cap bytes, at least 8; cut on a
 * UTF-8 boundary) and returns 2 (the title), 1 (the lead sentence) or 0
 * (nothing usable; out is "").
 */
TD_API int td_headline(const char *title, const char *text, const char *lang,
                       char *out, size_t cap);

/* Why title is not a headline ("dateline", "credit", "byline",
 * "furniture", "tag list", "empty"), or NULL when it is one. Static. */
TD_API const char *td_headline_reject(const char *title, const char *lang);

/*
 * A story's headline: that of its most central article (the highest
 * similarity to the story when it joined) in language hl when the story
 * has one there (hl NULL or absent: any language, most central first),
 * preferring an article whose title is a headline. Writes the headline
 * into out (cap bytes) and the language it is in into lang (8 bytes).
 * Returns TD_OK, TD_ENOTFOUND (no such story or no headline), TD_EINVAL
 * or TD_EDB / TD_ENOMEM.
 */
TD_API td_status td_engine_story_headline(td_engine *e, int64_t id,
                                          const char *hl, char *out,
                                          size_t cap, char lang[8]);

/*
 * Recent activity of every story, in news time: now is the latest article
 * date stored (written into now, 11 bytes; "" when no article has a day
 * date). For each story with independent sources (not copies or
 * translations) dated in the 8 days up to now, cb gets the count dated on
 * now or the day before (recent) and in the 6 days before those (earlier).
 * Returns TD_OK, TD_EINVAL or TD_EDB.
 */
typedef void (*td_activity_cb)(void *ud, int64_t story, int64_t recent,
                               int64_t earlier);
TD_API td_status td_engine_story_activity(td_engine *e, char now[11],
                                          td_activity_cb cb, void *ud);

/* A story is breaking when at least 3 independent sources are dated in
 * the recent window (2 days) and their daily rate is at least twice that
 * of the 6 days before. Pure function of td_engine_story_activity()'s
 * counts. */
TD_API int td_story_is_breaking(int64_t recent, int64_t earlier);

/* Search with paging, sorting and the total. The query is as for
 * td_engine_search(); every word or "phrase" that names an entity also
 * matches every stored variant of it (any spelling, script, inflection). */
typedef struct td_search_opts {
    int limit;          /* 1..1000; <= 0: 20 */
    int offset;         /* hits skipped */
    int by_date;        /* nonzero: newest first; else best first */
    const char *lang;   /* "en" or "en,de" (case ignored), or NULL */
    const char *since;  /* YYYY[-MM[-DD]] or NULL; with the query's own */
    const char *until;
    int64_t after_seq;  /* only articles stored after this arrival number */
    /* Told of each expansion as td_engine_search_expansions() is (may be
     * NULL): one parse serves both. */
    void (*on_expansion)(void *ud, const char *word, const char *entity,
                         size_t forms);
    void *expansion_ud;
    /* Filters, as the query's author:, outlet:, site: (the query's own
     * win); NULL for none. author: a part of the byline; outlet: the
     * source, else the link's host without "www.", whole; site: the
     * link's host is this domain or a subdomain of it. ASCII case is
     * ignored in all three. */
    const char *author, *outlet, *site;
} td_search_opts;

/* Returns TD_OK with an owned cursor (td_cursor_free()) and the number of
 * all hits in *total (may be NULL), TD_EINVAL for an empty or bad query or
 * option, or TD_EDB / TD_ENOMEM. */
TD_API td_status td_engine_search_page(td_engine *e, const char *query,
                                       const td_search_opts *opts,
                                       td_cursor **out, int64_t *total);

/* The entities the words of query resolve to, as the search expands them:
 * cb gets the word as written, the entity's display name and the number of
 * its stored forms. Returns TD_OK, TD_EINVAL or TD_EDB. */
typedef void (*td_expansion_cb)(void *ud, const char *word,
                                const char *entity, size_t forms);
TD_API td_status td_engine_search_expansions(td_engine *e, const char *query,
                                             td_expansion_cb cb, void *ud);

/* The story of the article with this id (*story 0 when it has none yet),
 * reading nothing else of it; TD_ENOTFOUND when no such article. */
TD_API td_status td_engine_article_story(td_engine *e, const char *id,
                                         int64_t *story);
/* The highest arrival number stored (0 for an empty store), or -1. */
TD_API int64_t td_engine_last_seq(td_engine *e);

/* Saved watches ("follows"): a search query kept in the store, with the
 * arrival number up to which its hits were already reported. */
TD_API td_status td_engine_follow_add(td_engine *e, const char *query,
                                      int64_t *id);
/* TD_ENOTFOUND when there is no follow with that id. */
TD_API td_status td_engine_follow_rm(td_engine *e, int64_t id);
typedef void (*td_follow_cb)(void *ud, int64_t id, const char *query,
                             const char *created, int64_t seen_seq);
TD_API td_status td_engine_follows(td_engine *e, td_follow_cb cb, void *ud);
/* Marks a follow's hits as reported up to seq. */
TD_API td_status td_engine_follow_seen(td_engine *e, int64_t id, int64_t seq);

/* Entities rising in news time: named in independent articles (not copies
 * or translations) in the recent window of td_engine_story_activity() (2
 * days up to now) at least twice, at a daily rate at least twice that of
 * the 6 days before. Most excess first (recent articles minus what the
 * earlier rate predicts for 2 days), at most limit (1..1000). cb gets the
 * display name, kind and both counts (strings borrowed for the call);
 * now as for td_engine_story_activity(). Returns TD_OK, TD_EINVAL or
 * TD_EDB / TD_ENOMEM. */
typedef void (*td_rising_cb)(void *ud, const char *name, const char *kind,
                             int64_t recent, int64_t earlier);
TD_API td_status td_engine_rising_entities(td_engine *e, int limit,
                                           char now[11], td_rising_cb cb,
                                           void *ud);

/* Stories ranked and paged, with their headlines in the reader's language.
 * sort "top" (the default): importance now = (ln(1 + independent sources)
 * + 0.5 ln(languages) + ln(1 + recent sources)) / (1 + age / 2), age
 * the days its last article lies before news time's now; "latest": last date
 * first; "breaking": breaking stories (td_story_is_breaking) first, by
 * recent sources, then the rest by top. */
typedef struct td_story_list_opts {
    const char *since, *until; /* YYYY[-MM[-DD]]: last date >= since,
                                  first date <= until; NULL for none */
    const char *lang;          /* "en" or "en,DE": an article in one of them */
    const char *hl;            /* headline language; NULL: "en" */
    const char *sort;          /* "top", "latest", "breaking"; NULL: top */
    int limit, offset;         /* limit <= 0: 50 */
    const int64_t *only;       /* sorted story ids to keep, or NULL */
    size_t nonly;
    const char *country;       /* "KZ" or "kz,UA": stories in one of these
                                  countries (see td_story_list_country);
                                  NULL for any */
    int facets;                /* TD_FACET_* bits: what else to count */
} td_story_list_opts;

/* Facets a story list counts over all its stories besides the languages.
 * A story is in a country when a place of it (the country, a region, a
 * city, its adjective) is named in at least a quarter of the story's
 * articles; an entity counts for a story on the same rule. */
#define TD_FACET_COUNTRIES 1
#define TD_FACET_ENTITIES 2

typedef struct td_ranked_story {
    td_story story;           /* title: the first article's, as stored */
    const char *headline;     /* never NULL ("" when the story has none) */
    const char *headline_lang;
    double score;             /* the top score */
    int breaking;
    int64_t recent, earlier;  /* independent sources, as in activity */
} td_ranked_story;

typedef struct td_story_list td_story_list;

/* Returns TD_OK with an owned list (td_story_list_free()) holding the
 * requested page, TD_EINVAL (bad option; message says which) or TD_EDB /
 * TD_ENOMEM. Everything in the list is borrowed from it. */
TD_API td_status td_engine_story_list(td_engine *e,
                                      const td_story_list_opts *opts,
                                      td_story_list **out);
TD_API int64_t td_story_list_total(const td_story_list *l);
TD_API const char *td_story_list_now(const td_story_list *l);
TD_API size_t td_story_list_count(const td_story_list *l);
TD_API const td_ranked_story *td_story_list_get(const td_story_list *l,
                                                size_t i);
TD_API void td_story_list_free(td_story_list *l);
/* The languages of all the listed stories (not only the page's), with how
 * many stories have an article in each, most first; i < count. Borrowed
 * from l. Returns NULL past the end. */
TD_API size_t td_story_list_language_count(const td_story_list *l);
TD_API const char *td_story_list_language(const td_story_list *l, size_t i,
                                          int64_t *stories);
/* The countries of the listed stories (TD_FACET_COUNTRIES), ISO 3166
 * codes ("KZ"), with how many stories are in each, most first; and the
 * entities (TD_FACET_ENTITIES), at most 30, display name and kind, by
 * stories. Borrowed from l; NULL past the end. */
TD_API size_t td_story_list_country_count(const td_story_list *l);
TD_API const char *td_story_list_country(const td_story_list *l, size_t i,
                                         int64_t *stories);
TD_API size_t td_story_list_entity_count(const td_story_list *l);
TD_API const char *td_story_list_entity(const td_story_list *l, size_t i,
                                        const char **kind, int64_t *stories);
/* Whether story id is in the list (any page). */
TD_API int td_story_list_contains(const td_story_list *l, int64_t id);

/* Every story's outlets: its articles' source, else their URL's host
 * (without "www."); cb gets each (story, outlet) pair once. Returns TD_OK
 * or TD_EDB. */
typedef void (*td_outlet_cb)(void *ud, int64_t story, const char *outlet);
TD_API td_status td_engine_story_outlets(td_engine *e, td_outlet_cb cb,
                                         void *ud);

/* ------------------------------------------------------------- testing */

/* Makes the Nth allocation from now fail (1 = the next), and every one after
 * it while sticky is nonzero; n = 0 turns failures off. For fault-injection
 * tests only; not thread-safe. */
TD_API void td_test_fail_alloc(long n, int sticky);

#ifdef __cplusplus
}
#endif
#endif /* TD_TIDINGS_H */
