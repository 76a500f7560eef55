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

/* Commits the pending batch. Returns TD_OK or TD_EDB. */
TD_API td_status td_engine_commit(td_engine *e);

/* What happened to one input while ingesting a file. */
typedef enum td_event_kind {
    TD_EVENT_ADDED,   /* stored */
    TD_EVENT_SKIPPED, /* already stored */
    TD_EVENT_FAILED,  /* rejected or unreadable; status and message say why */
    TD_EVENT_PROGRESS /* bytes_done of bytes_total of the current file */
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
 * until:YYYY-MM-DD. At most limit hits (limit <= 0: 20), best first.
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
/* Entities it appears with, by number of shared articles (at most 20). */
TD_API size_t td_entity_related_count(const td_entity *x);
TD_API td_status td_entity_related(const td_entity *x, size_t i,
                                   const char **name, const char **kind,
                                   int64_t *shared);

/* ------------------------------------------------------------- testing */

/* Makes the Nth allocation from now fail (1 = the next), and every one after
 * it while sticky is nonzero; n = 0 turns failures off. For fault-injection
 * tests only; not thread-safe. */
TD_API void td_test_fail_alloc(long n, int sticky);

#ifdef __cplusplus
}
#endif
#endif /* TD_TIDINGS_H */
