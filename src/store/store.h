/* store.h -- the storage interface.
 *
 * Two backend files implement it, sqlite.c and postgres.c; store.c (made
 * by tools/gen_store_dispatch.py from this file: re-run it after adding a
 * function) calls the one the database argument names. The engine never
 * sees SQL. Strings handed in are borrowed for the call. */
#ifndef TD_STORE_STORE_H
#define TD_STORE_STORE_H

#include <stdint.h>

#include "tidings.h"

typedef struct td__store td__store;
typedef struct td__store_cursor td__store_cursor;

/* What the engine stores for one article. */
typedef struct td__stored {
    const char *id, *url, *title, *date, *lang, *source, *name;
    double lang_confidence;
    const char *text;  /* cleaned text */
    const char *terms; /* analysed terms for search, space-separated, or NULL */
    uint64_t raw_len;  /* bytes of the input before cleaning */
    const char *author;        /* byline, authors joined by ", ", or NULL */
    const char *canonical_url; /* the page's own canonical URL, or NULL */
} td__stored;

/* Opens or creates the database at path. On failure returns TD_EIO,
 * TD_ENOTDB, TD_EDB or TD_ENOMEM with a message naming path in err. */
td_status td__store_open(const char *path, td__store **out, char *err,
                         size_t errlen);
void td__store_close(td__store *s); /* rolls back an open batch; NULL ok */

/* The last failure's message; never NULL. */
const char *td__store_errmsg(const td__store *s);
/* The database's path when it was opened read-only (this process may not
 * write the file or its folder, so every write fails), else NULL. */
const char *td__store_read_only(const td__store *s);

/* Batches: writes between begin and commit become durable together. */
td_status td__store_begin(td__store *s);
td_status td__store_commit(td__store *s);
td_status td__store_rollback(td__store *s);
/* 1 once after a td__store_begin that opened a batch when another
 * connection had written since this one's previous batch (state kept in
 * memory from the store is then stale), else 0. */
int td__store_changed(td__store *s);

/* *found = 1 when an article with this id is stored. */
td_status td__store_has(td__store *s, const char *id, int *found);
/* Inserts one article and its search index entry; *seq (may be NULL) gets
 * its arrival number, the key its entities, dates and numbers hang on, or
 * 0 when an article with its id is stored already (then nothing changes:
 * another writer got there first). */
td_status td__store_put(td__store *s, const td__stored *a, int64_t *seq);
int64_t td__store_count(td__store *s); /* -1 on failure */

/* Search filters; NULL fields are unset. match is an FTS expression built
 * by the engine from quoted terms (never raw user text). */
typedef struct td__search {
    const char *match;
    const char *lang, *since, *until;
    int limit;
    /* author: a part of the byline (ASCII case ignored); outlet: the
     * source, else the URL's host without "www.", whole (ASCII case
     * ignored); site: the URL's host is this domain or under it (lower
     * case, letters, digits, '.' and '-' only; the engine checks). */
    const char *author, *outlet, *site;
} td__search;

td_status td__store_all(td__store *s, td__store_cursor **out);
td_status td__store_get(td__store *s, const char *id, td__store_cursor **out);
td_status td__store_find(td__store *s, const td__search *q,
                         td__store_cursor **out);
/* Fills *row (borrowed until the next call on c); TD_DONE at the end. */
td_status td__store_next(td__store_cursor *c, td_article *row);
void td__store_cursor_free(td__store_cursor *c);

/* --- entities --- */

typedef struct td__entity_row {
    int64_t id;
    int kind;
    char key[256];
    int64_t mentions;
} td__entity_row;

/* Entities of kind whose match prefix is prefix (the start of the surname's
 * skeleton for names; the whole key for places and acronyms): at most max
 * rows, most mentioned first; *n gets the count. */
td_status td__store_entities_like(td__store *s, int kind, const char *prefix,
                                  td__entity_row *out, size_t max,
                                  size_t *n);
/* A new entity; *id gets its id. name may be NULL (derived from variants). */
td_status td__store_entity_add(td__store *s, int kind, const char *key,
                               const char *prefix, const char *name,
                               int64_t *id);
td_status td__store_entity_set_key(td__store *s, int64_t id, const char *key);
/* One mention of entity in article seq, counted in its variants. */
td_status td__store_mention_add(td__store *s, int64_t seq, int64_t entity,
                                const char *surface, const char *lang,
                                size_t off, size_t len);
td_status td__store_date_add(td__store *s, int64_t seq, const char *date,
                             size_t off, size_t len, int relative);
td_status td__store_number_add(td__store *s, int64_t seq, const char *value,
                               const char *unit, size_t off, size_t len);

/* Reading an entity back: its display name (owned; the place name, else
 * the commonest Latin-script variant of more than one word, else the
 * commonest variant) and kind. */
td_status td__store_entity_get(td__store *s, int64_t id, char **name,
                               int *kind);
/* The entities written exactly as surface (ASCII case ignored), most
 * often so first: at most max ids, *n gets how many. */
td_status td__store_entities_by_surface(td__store *s, const char *surface,
                                        int64_t *ids, size_t max, size_t *n);
/* The entities with an ASCII variant of several words that is joined, the
 * ASCII-lower-case word given ("pontemorandi" for "ponte Morandi", as
 * hashtags write names): at most max ids, most often written first. */
td_status td__store_entities_by_joined_surface(td__store *s,
                                               const char *joined,
                                               int64_t *ids, size_t max,
                                               size_t *n);
typedef void (*td__variant_cb)(void *ud, const char *surface,
                               const char *lang, int64_t count);
typedef void (*td__ent_article_cb)(void *ud, const char *id,
                                   const char *lang, const char *title,
                                   const char *date, int64_t mentions);
typedef void (*td__related_cb)(void *ud, int64_t entity, int64_t shared);
/* How many articles mention entity id. */
td_status td__store_entity_article_count(td__store *s, int64_t id,
                                         int64_t *n);
td_status td__store_entity_variants(td__store *s, int64_t id,
                                    td__variant_cb cb, void *ud);
td_status td__store_entity_articles(td__store *s, int64_t id, int limit,
                                    td__ent_article_cb cb, void *ud);
/* Entities named in the same articles, among entity id's latest 500. */
td_status td__store_entity_related(td__store *s, int64_t id, int limit,
                                   td__related_cb cb, void *ud);

/* Entities met in the stories of entity id's articles (learned variants,
 * entities.c): for each, its kind and key, how many articles mention it
 * (total), how many of them lie in those stories (in_stories) and how many
 * mention entity id too (with). Entity id itself comes first (when it has
 * a story), then the others, at most limit in all, most in_stories first. */
typedef void (*td__peer_cb)(void *ud, int64_t entity, int kind,
                            const char *key, int64_t total,
                            int64_t in_stories, int64_t with);
td_status td__store_entity_story_peers(td__store *s, int64_t id, int limit,
                                       td__peer_cb cb, void *ud);

/* The entities named in the articles of article seq's story, itself
 * included (none when it has no story), most articles first, at most
 * limit: for names met in one story (entities.c). name: a place's display
 * name, else NULL; here: whether article seq names it. */
typedef void (*td__story_name_cb)(void *ud, int64_t entity, int kind,
                                  const char *key, const char *name,
                                  int64_t articles, int here);
td_status td__store_story_names(td__store *s, int64_t seq, int limit,
                                td__story_name_cb cb, void *ud);

/* How many articles of entity a lie in the stories of entity b's. */
td_status td__store_entity_in_stories_of(td__store *s, int64_t a, int64_t b,
                                         int64_t *n);

/* Names of caseless scripts that matched no entity yet (entities.c),
 * kept so that any writer can try them again. */
td_status td__store_pending_add(td__store *s, int64_t seq, const char *key,
                                const char *surface, const char *lang,
                                size_t off, size_t len, size_t words);
typedef void (*td__pending_cb)(void *ud, int64_t seq, const char *key,
                               const char *surface, const char *lang,
                               size_t off, size_t len, size_t words);
/* Every pending name, by article and offset. */
td_status td__store_pending_recent(td__store *s, td__pending_cb cb, void *ud);
/* The pending name of article seq at off/len matched: it goes. */
td_status td__store_pending_forget(td__store *s, int64_t seq, size_t off,
                                   size_t len);
/* Pending names of articles before min_seq go. */
td_status td__store_pending_expire(td__store *s, int64_t min_seq);
/* The newest article's arrival number, 0 when none, -1 on failure. */
int64_t td__store_max_seq(td__store *s);

/* --- stories --- */

/* Records where article seq went: its story, the seqs of its original
 * copy/translation (0 none), the score and the explanation (JSON). */
td_status td__store_assign(td__store *s, int64_t seq, int64_t story,
                           int64_t duplicate_of, int64_t translation_of,
                           double score, const char *why);
/* Article seq moved to story (revisited): its story, score and why. */
td_status td__store_reassign(td__store *s, int64_t seq, int64_t story,
                             double score, const char *why);
/* Every article of story gone now belongs to story keep. */
td_status td__store_merge_stories(td__store *s, int64_t keep, int64_t gone);
/* The article's features and MinHash (opaque blobs) and its original's
 * seq, kept so that a later run can rebuild the clusterer. */
td_status td__store_features_put(td__store *s, int64_t seq, const void *f,
                                 size_t flen, const void *sig, size_t slen,
                                 int64_t root, int64_t ntokens);
typedef int (*td__features_cb)(void *ud, int64_t seq, const char *lang,
                               const char *date, int64_t story, int64_t root,
                               int64_t ntokens, const void *f, size_t flen,
                               const void *sig, size_t slen);
/* The last limit articles with features, oldest first. The callback
 * returns nonzero to stop (its value is then returned as a status). */
td_status td__store_features_recent(td__store *s, int limit,
                                    td__features_cb cb, void *ud);

/* Story rows for listings. */
typedef struct td__story_query {
    int64_t id;        /* one story, or 0 */
    const char *since; /* last date >= since, or NULL */
    const char *lang;  /* has an article in lang, or NULL */
    int limit;
} td__story_query;
td_status td__store_stories(td__store *s, const td__story_query *q,
                            td__store_cursor **out);
/* Fills the story fields of row (borrowed until the next call). */
typedef struct td__story_row {
    int64_t id, articles, sources;
    const char *languages, *first_date, *last_date, *title;
} td__story_row;
td_status td__store_story_next(td__store_cursor *c, td__story_row *row);
/* Articles of a story: by language, then date; rows carry why. */
td_status td__store_story_articles(td__store *s, int64_t story,
                                   td__store_cursor **out);
typedef void (*td__timeline_cb)(void *ud, const char *date, int64_t articles);
/* Dates the story's articles speak of (and their own dates), by date. */
td_status td__store_story_timeline(td__store *s, int64_t story,
                                   td__timeline_cb cb, void *ud);
/* Entities of a story by number of its articles mentioning them. */
td_status td__store_story_entities(td__store *s, int64_t story, int limit,
                                   td__related_cb cb, void *ud);

/* --- the analyst's workspace (issue 17): a separate section of each
 * backend; the follows table is created when first written. --- */

/* Headline candidates of a story, most central first (see sqlite.c): its
 * articles that are not copies, in language hl (NULL: any), at most max;
 * cb gets lang, title (may be NULL) and the start of the text, and
 * returns nonzero to stop. max 1 is the first of them alone, read from
 * the story's summary rows (schema 5: story_langs.lead). */
typedef int (*td__candidate_cb)(void *ud, const char *lang, const char *title,
                                const char *text);
td_status td__store_story_candidates(td__store *s, int64_t story,
                                     const char *hl, int max,
                                     td__candidate_cb cb, void *ud);
/* td__store_story_articles, limit rows after offset. */
td_status td__store_story_articles_page(td__store *s, int64_t story,
                                        int limit, int offset,
                                        td__store_cursor **out);
/* The latest YYYY-MM-DD article date, or "" (out holds 11 bytes). */
td_status td__store_latest_day(td__store *s, char out[11]);
/* Independent sources per story dated >= recent_from (recent) and in
 * [earlier_from, recent_from) (earlier). */
typedef void (*td__activity_cb)(void *ud, int64_t story, int64_t recent,
                                int64_t earlier);
td_status td__store_story_activity(td__store *s, const char *recent_from,
                                   const char *earlier_from,
                                   td__activity_cb cb, void *ud);
/* td__store_find with paging, date order, a lang list ("en,de") and only
 * articles after after_seq; and the count of all its hits. */
td_status td__store_find_page(td__store *s, const td__search *q, int offset,
                              int by_date, int64_t after_seq,
                              td__store_cursor **out);
td_status td__store_find_total(td__store *s, const td__search *q,
                               int64_t after_seq, int64_t *total);
int64_t td__store_last_seq(td__store *s); /* 0 empty, -1 failure */
/* The story of article id (0 none); *found 0 when no such article. */
td_status td__store_article_story(td__store *s, const char *id,
                                  int64_t *story, int *found);
/* Follows: saved queries with the arrival number reported up to. */
td_status td__store_follow_add(td__store *s, const char *query,
                               int64_t seen_seq, int64_t *id);
td_status td__store_follow_rm(td__store *s, int64_t id, int *found);
td_status td__store_follow_seen(td__store *s, int64_t id, int64_t seq,
                                int *found);
typedef void (*td__follow_row_cb)(void *ud, int64_t id, const char *query,
                                  const char *created, int64_t seen_seq);
td_status td__store_follows(td__store *s, td__follow_row_cb cb, void *ud);
/* Every (story, outlet) pair: the source, else the URL's host. */
typedef void (*td__outlet_cb)(void *ud, int64_t story, const char *outlet);
td_status td__store_story_outlets(td__store *s, td__outlet_cb cb, void *ud);

/* Every (story, entity) pair where the entity (of kind; 0: any) is named
 * in at least min_articles of the story's articles, with how many. For
 * the country and entity facets of story lists. */
typedef void (*td__story_mention_cb)(void *ud, int64_t story, int64_t entity,
                                     int kind, const char *key,
                                     int64_t articles);
td_status td__store_story_mentions(td__store *s, int kind,
                                   int64_t min_articles,
                                   td__story_mention_cb cb, void *ud);
/* Per entity named in independent articles (neither copies nor
 * translations) with a day date >= earlier_from: how many of them are
 * dated >= recent_from (recent) and how many before it (earlier). */
typedef void (*td__entity_activity_cb)(void *ud, int64_t entity, int kind,
                                       const char *key, int64_t recent,
                                       int64_t earlier);
td_status td__store_entity_activity(td__store *s, const char *recent_from,
                                    const char *earlier_from,
                                    td__entity_activity_cb cb, void *ud);

/* --- copying a whole store (tidings copy): the tables of copy.h --- */

/* Given each row: its values as text (NULL for NULL; blobs as bytes with
 * their length in len). Nonzero stops the dump (returned as a status). */
typedef int (*td__dump_cb)(void *ud, const char *const *v, const size_t *len);
/* The rows of td__copy_tables[table] whose key (first column) is above
 * after, for at most limit keys, in key order; *last gets the largest key
 * given (after when none). */
td_status td__store_dump(td__store *s, int table, int64_t after, int limit,
                         td__dump_cb cb, void *ud, int64_t *last);
/* Adds one row of td__copy_tables[table], as td__store_dump gave it. */
td_status td__store_load(td__store *s, int table, const char *const *v,
                         const size_t *len);
/* How far a copy from source has come in table (the destination keeps
 * it, so that a copy interrupted goes on where it stopped). */
td_status td__store_copy_get(td__store *s, const char *source, int table,
                             int64_t *done, int *found);
td_status td__store_copy_set(td__store *s, const char *source, int table,
                             int64_t done);

#endif
