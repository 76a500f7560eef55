/* store.h -- the storage interface.
 *
 * One backend file implements it (sqlite.c; the build picks it with STORE=),
 * so a PostgreSQL backend is a second file, not #ifdefs. The engine never
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
} td__stored;

/* Opens or creates the database at path. On failure returns TD_EIO,
 * TD_ENOTDB, TD_EDB or TD_ENOMEM with a message naming path in err. */
td_status td__store_open(const char *path, td__store **out, char *err,
                         size_t errlen);
void td__store_close(td__store *s); /* rolls back an open batch; NULL ok */

/* The last failure's message; never NULL. */
const char *td__store_errmsg(const td__store *s);

/* Batches: writes between begin and commit become durable together. */
td_status td__store_begin(td__store *s);
td_status td__store_commit(td__store *s);
td_status td__store_rollback(td__store *s);

/* *found = 1 when an article with this id is stored. */
td_status td__store_has(td__store *s, const char *id, int *found);
/* Inserts one article and its search index entry. */
td_status td__store_put(td__store *s, const td__stored *a);
int64_t td__store_count(td__store *s); /* -1 on failure */

/* Search filters; NULL fields are unset. match is an FTS expression built
 * by the engine from quoted terms (never raw user text). */
typedef struct td__search {
    const char *match;
    const char *lang, *since, *until;
    int limit;
} td__search;

td_status td__store_all(td__store *s, td__store_cursor **out);
td_status td__store_get(td__store *s, const char *id, td__store_cursor **out);
td_status td__store_find(td__store *s, const td__search *q,
                         td__store_cursor **out);
/* Fills *row (borrowed until the next call on c); TD_DONE at the end. */
td_status td__store_next(td__store_cursor *c, td_article *row);
void td__store_cursor_free(td__store_cursor *c);

#endif
