/* sqlite.c -- the SQLite storage backend (WAL, batched transactions, FTS5).
 *
 * A tidings database is recognised by its application_id; a file that is a
 * SQLite database of something else is refused rather than written into. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "store/copy.h"
#include "store/names_sqlite.h" /* td__store_* here are td__sqlite_* */
#include "store/store.h"
#include "story/features.h"

#define TD_APPLICATION_ID 0x5444474E /* "TDGN" */
/* The schema this file writes; see migrations[] for what each step did. */
#define TD_SCHEMA_VERSION 5

#define PAGE_SIZE_STR "16384"

/* Times the busy timeout (10 s) a writer waits for another's batch. */
#define WRITE_WAIT_TRIES 30

/* An article's search-index row, written at commit rather than at once:
 * FTS5 (in SQLite 3.40) flushes its in-memory index to a new segment at
 * every statement savepoint, and every article runs a dozen statements, so
 * indexing one article at a time made thousands of tiny segments to merge.
 * Offsets are into fts_text; -1 is NULL. */
typedef struct fts_row {
    int64_t rowid;
    long title, body, terms;
} fts_row;

struct td__store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *has, *put, *put_fts;
    sqlite3_stmt *ent_like, *ent_add, *ent_key, *ment_add, *var_up, *ent_count,
        *date_add, *num_add, *assign, *assign_why, *feat_put, *old_story,
        *story_up, *story_lang_up;
    int64_t *dirty;         /* stories whose summary rows are to be redone */
    size_t ndirty, capdirty;
    /* Prepared at first use and kept (lazy()): the revisit, merges and
     * pending names run at every batch. */
    sqlite3_stmt *reassign[2], *merge, *pend_add, *pend_recent, *pend_forget,
        *pend_expire, *max_seq;
    int in_batch;
    int read_only;          /* opened read-only (read_only_place) */
    int changed;            /* another connection wrote since our last batch */
    int data_version;       /* PRAGMA data_version after our last batch */
    fts_row *fts;           /* index rows of the open batch */
    size_t nfts, capfts;
    td__buf fts_text;       /* their strings, NUL-separated */
    unsigned char *fbuf;    /* reused: encoded or decoded feature vectors */
    size_t fbuf_cap;
    char err[512];
};

struct td__store_cursor {
    td__store *s;
    sqlite3_stmt *st;
    int search; /* 1: rows carry snippet and score; 2: rows carry why */
};

/* Schema 1, the first release's: every database starts from it and takes
 * the migrations below in order, so a new database and an upgraded one are
 * made by the same statements. Add a change as a new migration (and bump
 * TD_SCHEMA_VERSION), never by editing this text. */
static const char schema_v1[] =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE articles("
    "  seq INTEGER PRIMARY KEY,"
    "  id TEXT NOT NULL UNIQUE,"
    "  url TEXT, title TEXT, date TEXT, lang TEXT, lang_conf REAL,"
    "  source TEXT, name TEXT,"
    "  text TEXT NOT NULL,"
    "  raw_len INTEGER NOT NULL DEFAULT 0,"
    "  story INTEGER, duplicate_of TEXT, translation_of TEXT,"
    "  ingested_at TEXT NOT NULL"
    "    DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));"
    "CREATE INDEX articles_date ON articles(date);"
    "CREATE INDEX articles_lang ON articles(lang);"
    "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, terms,"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "CREATE TABLE entities("
    "  id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, key TEXT NOT NULL,"
    "  prefix TEXT NOT NULL, name TEXT,"
    "  mentions INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX entities_prefix ON entities(kind, prefix);"
    "CREATE TABLE entity_variants("
    "  entity INTEGER NOT NULL REFERENCES entities(id),"
    "  surface TEXT NOT NULL, lang TEXT NOT NULL DEFAULT '',"
    "  ascii INTEGER NOT NULL, words INTEGER NOT NULL,"
    "  count INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (entity, surface, lang)) WITHOUT ROWID;"
    "CREATE INDEX entity_variants_surface ON entity_variants("
    "  surface COLLATE NOCASE);"
    "CREATE TABLE mentions("
    "  article INTEGER NOT NULL REFERENCES articles(seq),"
    "  entity INTEGER NOT NULL REFERENCES entities(id),"
    "  off INTEGER NOT NULL, len INTEGER NOT NULL);"
    "CREATE INDEX mentions_article ON mentions(article);"
    "CREATE INDEX mentions_entity ON mentions(entity, article);"
    "CREATE TABLE article_dates("
    "  article INTEGER NOT NULL REFERENCES articles(seq), date TEXT NOT NULL,"
    "  off INTEGER NOT NULL, len INTEGER NOT NULL, relative INTEGER NOT NULL);"
    "CREATE INDEX article_dates_article ON article_dates(article);"
    "CREATE TABLE article_numbers("
    "  article INTEGER NOT NULL REFERENCES articles(seq), value TEXT NOT NULL,"
    "  unit TEXT, off INTEGER NOT NULL, len INTEGER NOT NULL);"
    "CREATE INDEX article_numbers_article ON article_numbers(article);"
    "CREATE INDEX articles_story ON articles(story);"
    "CREATE TABLE assignments("
    "  article INTEGER PRIMARY KEY REFERENCES articles(seq),"
    "  story INTEGER NOT NULL, score REAL NOT NULL, why TEXT);"
    "CREATE TABLE article_features("
    "  article INTEGER PRIMARY KEY REFERENCES articles(seq),"
    "  root INTEGER NOT NULL, ntokens INTEGER NOT NULL,"
    "  features BLOB NOT NULL, minhash BLOB NOT NULL);"
    "INSERT INTO meta VALUES ('application', 'tidings');";

#define ARTICLE_COLS                                                        \
    "a.id, a.url, a.title, a.date, a.lang, a.lang_conf, a.source, a.name, " \
    "a.text, a.story, a.duplicate_of, a.translation_of, a.author, "        \
    "a.canonical_url"

static td_status fail(td__store *s, td_status st, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s: %s", s->path, what,
             sqlite3_errmsg(s->db));
    return st;
}

static td_status map_rc(int rc)
{
    switch (rc) {
    case SQLITE_NOMEM:
        return TD_ENOMEM;
    case SQLITE_NOTADB:
        return TD_ENOTDB;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return TD_EIO;
    default:
        return TD_EDB;
    }
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int(st, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

/* Schema 2 (issue 12): the search index reads title and body from the
 * articles table (FTS5 external content through a view) instead of keeping
 * its own copy of every text; the terms column is indexed but not kept.
 * Feature vectors are stored in the compact form of story/features.h. */
static const char migrate_v2_sql[] =
    "CREATE VIEW article_fts_source AS"
    "  SELECT seq, title, text AS body, NULL AS terms FROM articles;"
    "CREATE VIRTUAL TABLE article_fts_v2 USING fts5(title, body, terms,"
    "  content = 'article_fts_source', content_rowid = 'seq',"
    "  tokenize = 'unicode61 remove_diacritics 2');"
    "INSERT INTO article_fts_v2(rowid, title, body, terms)"
    "  SELECT rowid, title, body, terms FROM article_fts;"
    "DROP TABLE article_fts;"
    "ALTER TABLE article_fts_v2 RENAME TO article_fts;";

static td_status grow_fbuf(td__store *s, size_t need)
{
    if (s->fbuf_cap >= need)
        return TD_OK;
    size_t cap = s->fbuf_cap ? s->fbuf_cap : 4096;
    while (cap < need)
        cap *= 2;
    unsigned char *p = td__realloc(s->fbuf, cap);
    if (!p)
        return TD_ENOMEM;
    s->fbuf = p;
    s->fbuf_cap = cap;
    return TD_OK;
}

/* Re-encodes every stored feature vector from schema 1's raw array. */
static td_status migrate_features_v2(td__store *s)
{
    sqlite3_stmt *rd = NULL, *wr = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT article, features FROM article_features",
                                -1, &rd, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_prepare_v2(
            s->db, "UPDATE article_features SET features = ? WHERE article = ?",
            -1, &wr, NULL);
    td_status st = rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "upgrade");
    td__feature *v = NULL;
    size_t capv = 0;
    while (st == TD_OK && (rc = sqlite3_step(rd)) == SQLITE_ROW) {
        const void *b = sqlite3_column_blob(rd, 1);
        size_t len = (size_t)sqlite3_column_bytes(rd, 1);
        size_t n = len / sizeof(td__feature);
        if (n > capv) {
            td__feature *nv = td__realloc(v, n * sizeof *v);
            if (!nv) {
                st = TD_ENOMEM;
                break;
            }
            v = nv, capv = n;
        }
        long got = td__fvec_decode(b, len, 1, v, capv);
        if (got < 0)
            continue; /* not a vector of ours: left for the reader to skip */
        if ((st = grow_fbuf(s, td__fvec_encoded_max((size_t)got))) != TD_OK)
            break;
        size_t k = td__fvec_encode(v, (size_t)got, s->fbuf);
        sqlite3_bind_blob(wr, 1, s->fbuf, (int)k, SQLITE_STATIC);
        sqlite3_bind_int64(wr, 2, sqlite3_column_int64(rd, 0));
        rc = sqlite3_step(wr);
        sqlite3_reset(wr);
        if (rc != SQLITE_DONE)
            st = fail(s, map_rc(rc), "upgrade");
    }
    if (st == TD_OK && rc != SQLITE_DONE)
        st = fail(s, map_rc(rc), "upgrade");
    td__free(v);
    sqlite3_finalize(rd);
    sqlite3_finalize(wr);
    return st;
}

static td_status migrate_v2(td__store *s)
{
    int rc = sqlite3_exec(s->db, migrate_v2_sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "upgrade to schema 2");
    return migrate_features_v2(s);
}

/* Schema 3 (issue 14): the byline and the canonical URL of an article. */
static td_status migrate_v3(td__store *s)
{
    int rc = sqlite3_exec(s->db,
                          "ALTER TABLE articles ADD COLUMN author TEXT;"
                          "ALTER TABLE articles ADD COLUMN canonical_url TEXT;",
                          NULL, NULL, NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "upgrade to schema 3");
}

/* Schema 4 (issue 10): names of caseless scripts waiting for an entity. */
static td_status migrate_v4(td__store *s)
{
    int rc = sqlite3_exec(
        s->db,
        "CREATE TABLE pending_names("
        "  article INTEGER NOT NULL, key TEXT NOT NULL, surface TEXT NOT NULL,"
        "  lang TEXT, off INTEGER NOT NULL, len INTEGER NOT NULL,"
        "  words INTEGER NOT NULL);"
        "CREATE INDEX pending_names_article ON pending_names(article, off);",
        NULL, NULL, NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "upgrade to schema 4");
}

/* Schema 5 (issue 17): a summary row per story and per (story, language),
 * kept up to date as articles are assigned, moved and merged (see "story
 * summaries" below), so that listing stories reads one row per story
 * instead of grouping every article at each request. The rows are a
 * function of the articles and assignments tables alone, which is how
 * they are built here from an older database.
 *   stories: articles; sources (neither copy nor translation); languages
 *     (distinct, comma-separated, in order of arrival); first and last
 *     article date; title (the first titled article's).
 *   story_langs: articles in that language ('' unknown); lead, the
 *     headline's source: of the titled articles if any, the one with the
 *     highest assignment score, the earliest among equals. */
#define MIGRATE_V5_SQL                                                     \
    "CREATE TABLE stories("                                                \
    "  id INTEGER PRIMARY KEY,"                                            \
    "  articles INTEGER NOT NULL, sources INTEGER NOT NULL,"               \
    "  languages TEXT, first_date TEXT, last_date TEXT, title TEXT);"       \
    "CREATE INDEX stories_last ON stories(last_date);"                     \
    "CREATE TABLE story_langs("                                            \
    "  story INTEGER NOT NULL, lang TEXT NOT NULL,"                        \
    "  articles INTEGER NOT NULL,"                                         \
    "  lead INTEGER NOT NULL, lead_titled INTEGER NOT NULL,"               \
    "  lead_score REAL NOT NULL,"                                          \
    "  PRIMARY KEY (story, lang)) WITHOUT ROWID;"

/* The summary rows of the stories WHERE selects, from their articles (one
 * story after a move; all of them in migrate_v5). */
#define STORY_ROWS_SQL(WHERE)                                               \
    "INSERT INTO stories(id, articles, sources, languages, first_date, "  \
    "  last_date, title) "                                                \
    "SELECT a.story, count(*), "                                          \
    "  sum(a.duplicate_of IS NULL AND a.translation_of IS NULL), "        \
    "  group_concat(DISTINCT a.lang), min(a.date), max(a.date), "         \
    "  (SELECT t.title FROM articles t WHERE t.story = a.story AND "      \
    "   t.title IS NOT NULL ORDER BY t.seq LIMIT 1) "                     \
    "FROM articles a WHERE " WHERE " GROUP BY a.story;"                   \
    "INSERT INTO story_langs(story, lang, articles, lead, lead_titled, "  \
    "  lead_score) "                                                      \
    "SELECT story, lang, n, seq, titled, score FROM ("                    \
    "  SELECT a.story AS story, coalesce(a.lang, '') AS lang, a.seq AS seq,"\
    "    (a.title IS NOT NULL) AS titled, coalesce(w.score, 0) AS score,"  \
    "    count(*) OVER (PARTITION BY a.story, coalesce(a.lang, '')) AS n,"  \
    "    row_number() OVER (PARTITION BY a.story, coalesce(a.lang, '')"    \
    "      ORDER BY (a.title IS NOT NULL) DESC, coalesce(w.score, 0) DESC,"\
    "      a.seq) AS r"                                                   \
    "  FROM articles a LEFT JOIN assignments w ON w.article = a.seq"       \
    "  WHERE " WHERE ") WHERE r = 1;"

static td_status migrate_v5(td__store *s)
{
    int rc = sqlite3_exec(s->db,
                          MIGRATE_V5_SQL STORY_ROWS_SQL("a.story IS NOT NULL"),
                          NULL, NULL, NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "upgrade to schema 5");
}

/* migrations[i] takes a database from schema i + 1 to i + 2. */
static td_status (*const migrations[])(td__store *) = {
    migrate_v2, migrate_v3, migrate_v4, migrate_v5};

/* Brings a database of schema version (0: empty) up to TD_SCHEMA_VERSION.
 * Runs inside the caller's write transaction. */
static td_status upgrade(td__store *s, int version)
{
    if (version == 0) {
        int rc = sqlite3_exec(s->db, schema_v1, NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return fail(s, map_rc(rc), "cannot create the schema");
        version = 1;
    }
    for (; version < TD_SCHEMA_VERSION; version++) {
        td_status st = migrations[version - 1](s);
        if (st != TD_OK)
            return st;
    }
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT OR REPLACE INTO meta VALUES ('schema', '%d');"
             "PRAGMA application_id=%d;PRAGMA user_version=%d;",
             TD_SCHEMA_VERSION, TD_APPLICATION_ID, TD_SCHEMA_VERSION);
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "upgrade");
}

/* What the database is: 0 empty, a schema version when ours; else sets the
 * message and returns TD_ENOTDB (or the failure to read it). */
static td_status identify(td__store *s, int *version)
{
    int app = 0, tables = 0;
    /* One statement, so one snapshot: read separately, another process
     * creating the database could commit between the reads. */
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT (SELECT application_id FROM "
                                "pragma_application_id), (SELECT user_version "
                                "FROM pragma_user_version), (SELECT count(*) "
                                "FROM sqlite_master)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            app = sqlite3_column_int(st, 0);
            *version = sqlite3_column_int(st, 1);
            tables = sqlite3_column_int(st, 2);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_NOTADB) {
            snprintf(s->err, sizeof s->err,
                     "%s: not a tidings database (not an SQLite file)",
                     s->path);
            return TD_ENOTDB;
        }
        return fail(s, map_rc(rc), "cannot read the database");
    }
    if (app == TD_APPLICATION_ID) {
        if (*version > TD_SCHEMA_VERSION) {
            snprintf(s->err, sizeof s->err,
                     "%s: made by a newer tidings (schema %d, this one "
                     "knows %d)",
                     s->path, *version, TD_SCHEMA_VERSION);
            return TD_ENOTDB;
        }
        if (*version < 1)
            *version = 1;
        return TD_OK;
    }
    if (tables > 0 || app != 0) {
        snprintf(s->err, sizeof s->err,
                 "%s: not a tidings database (an SQLite database of "
                 "something else)",
                 s->path);
        return TD_ENOTDB;
    }
    *version = 0;
    return TD_OK;
}

/* Creates the schema in an empty database, upgrades an older one in place,
 * or checks that a non-empty one is ours. Creation and upgrades run in one
 * write transaction, deciding again once the lock is held: two processes
 * opening a new database at once both succeed, one creating it, the other
 * finding it made. */
static td_status init_schema(td__store *s)
{
    int version = 0;
    td_status st = identify(s, &version);
    if (st != TD_OK || version == TD_SCHEMA_VERSION)
        return st;
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "cannot lock the database to set it up");
    st = identify(s, &version);
    if (st == TD_OK && version != TD_SCHEMA_VERSION)
        st = upgrade(s, version);
    if (st == TD_OK) {
        rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            st = fail(s, map_rc(rc), "cannot set up the database");
    }
    if (st != TD_OK)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* PRAGMA journal_mode=WAL needs a moment with no other connection in the
 * middle of changing it; the busy handler covers most of that, and a few
 * retries the rest (two processes creating one database at once). */
static int set_wal(sqlite3 *db)
{
    int rc = SQLITE_BUSY;
    for (int i = 0; i < 50 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
         i++) {
        rc = sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    }
    return rc;
}

/* ------------------------------------------------------ story summaries
 *
 * The stories and story_langs rows (schema 5) follow the articles:
 *  - an article assigned to a story for the first time (the ingest path)
 *    is added to its rows in place (STORY_ADD_SQL, STORY_LANG_ADD_SQL);
 *  - an article moved (td__store_reassign), re-assigned, or a story merged
 *    into another marks the stories concerned dirty; their rows are built
 *    again from their articles (STORY_ROWS_SQL) once, before the batch
 *    commits or a story is read, since a move can take away a story's
 *    first or last date or its headline source. */

/* ?1 article seq, ?2 story. NULL dates and languages change nothing, as
 * min(), max() and group_concat() skip them. */
#define STORY_ADD_SQL                                                       \
    "INSERT INTO stories(id, articles, sources, languages, first_date, "  \
    "  last_date, title) "                                                \
    "SELECT ?2, 1, (a.duplicate_of IS NULL AND a.translation_of IS NULL), "\
    "  a.lang, a.date, a.date, a.title FROM articles a WHERE a.seq = ?1 "  \
    "ON CONFLICT(id) DO UPDATE SET articles = articles + 1, "              \
    "  sources = sources + excluded.sources, "                             \
    "  languages = CASE WHEN excluded.languages IS NULL THEN languages "   \
    "    WHEN languages IS NULL THEN excluded.languages "                  \
    "    WHEN instr(',' || languages || ',', "                             \
    "      ',' || excluded.languages || ',') > 0 THEN languages "          \
    "    ELSE languages || ',' || excluded.languages END, "                \
    "  first_date = CASE WHEN excluded.first_date IS NOT NULL AND "        \
    "    (first_date IS NULL OR excluded.first_date < first_date) "        \
    "    THEN excluded.first_date ELSE first_date END, "                   \
    "  last_date = CASE WHEN excluded.last_date IS NOT NULL AND "          \
    "    (last_date IS NULL OR excluded.last_date > last_date) "           \
    "    THEN excluded.last_date ELSE last_date END, "                     \
    "  title = coalesce(title, excluded.title)"

/* ?1 article seq, ?2 story, ?3 its score. A later article of an equal
 * score stays behind the earlier lead. */
#define STORY_LANG_ADD_SQL                                                  \
    "INSERT INTO story_langs(story, lang, articles, lead, lead_titled, "   \
    "  lead_score) "                                                       \
    "SELECT ?2, coalesce(a.lang, ''), 1, a.seq, a.title IS NOT NULL, ?3 "   \
    "FROM articles a WHERE a.seq = ?1 "                                    \
    "ON CONFLICT(story, lang) DO UPDATE SET articles = articles + 1, "     \
    "  lead = CASE WHEN excluded.lead_titled > lead_titled OR "            \
    "    (excluded.lead_titled = lead_titled AND "                         \
    "     excluded.lead_score > lead_score) THEN excluded.lead ELSE lead END,"\
    "  lead_score = CASE WHEN excluded.lead_titled > lead_titled OR "      \
    "    (excluded.lead_titled = lead_titled AND "                         \
    "     excluded.lead_score > lead_score) THEN excluded.lead_score "      \
    "    ELSE lead_score END, "                                            \
    "  lead_titled = max(lead_titled, excluded.lead_titled)"

static td_status story_dirty(td__store *s, int64_t story)
{
    if (story <= 0)
        return TD_OK;
    for (size_t i = 0; i < s->ndirty; i++)
        if (s->dirty[i] == story)
            return TD_OK;
    if (s->ndirty == s->capdirty) {
        size_t cap = s->capdirty ? s->capdirty * 2 : 64;
        int64_t *v = td__realloc(s->dirty, cap * sizeof *v);
        if (!v)
            return TD_ENOMEM;
        s->dirty = v;
        s->capdirty = cap;
    }
    s->dirty[s->ndirty++] = story;
    return TD_OK;
}

/* Builds the rows of every dirty story again from its articles. */
static td_status story_rows_flush(td__store *s)
{
    static const char sql[] = "DELETE FROM stories WHERE id = ?1;"
                              "DELETE FROM story_langs WHERE story = ?1;"
                              STORY_ROWS_SQL("a.story = ?1");
    while (s->ndirty) {
        int64_t story = s->dirty[s->ndirty - 1];
        const char *tail = sql;
        while (*tail) {
            sqlite3_stmt *st;
            int rc = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail);
            if (rc != SQLITE_OK)
                return fail(s, map_rc(rc), "story summary");
            if (!st)
                break;
            sqlite3_bind_int64(st, 1, story);
            rc = sqlite3_step(st);
            sqlite3_finalize(st);
            if (rc != SQLITE_DONE)
                return fail(s, map_rc(rc), "story summary");
        }
        s->ndirty--;
    }
    return TD_OK;
}

static td_status prepare(td__store *s, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                                NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "prepare");
}

/* An existing database this process may not write (the file, or the
 * folder that holds its -wal and -shm files): 1 when only the file is
 * read-only, 2 when the folder is, else 0. */
static int read_only_place(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + (slash == path)),
                 path);
    if (access(dir, W_OK) != 0)
        return 2;
    return access(path, W_OK) != 0;
}

/* The database at path as a read-only URI. In a folder it cannot write,
 * SQLite cannot make the -shm file WAL needs to read: with no writer
 * there (no -shm file at all), the file cannot change under the reader,
 * so it is opened immutable. */
static char *read_only_uri(const char *path, int place)
{
    td__buf b = TD__BUF_INIT;
    td__buf_printf(&b, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20)
            td__buf_printf(&b, "%%%02X", *p);
        else
            td__buf_putc(&b, (char)*p);
    }
    char shm[4200];
    snprintf(shm, sizeof shm, "%s-shm", path);
    td__buf_printf(&b, "?mode=ro%s",
                   place == 2 && access(shm, F_OK) != 0 ? "&immutable=1" : "");
    return td__buf_take(&b);
}

/* *st, prepared from sql the first time it is wanted and kept until the
 * store closes; NULL (with the store's message set for what) on failure. */
static sqlite3_stmt *lazy(td__store *s, sqlite3_stmt **st, const char *sql,
                          const char *what)
{
    if (*st)
        return *st;
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                                NULL);
    if (rc != SQLITE_OK) {
        *st = NULL;
        fail(s, map_rc(rc), what);
    }
    return *st;
}

td_status td__store_open(const char *path, td__store **out, char *err,
                         size_t errlen)
{
    td__store *s = td__calloc(1, sizeof *s);
    if (!s || !(s->path = td__strdup(path))) {
        td__free(s);
        if (errlen)
            snprintf(err, errlen, "%s: out of memory", path);
        return TD_ENOMEM;
    }
    td_status st = TD_OK;
    /* Read commands work on a database they may not write; a write to it
     * fails then, saying the database is read-only. */
    int place = read_only_place(path);
    char *uri = place ? read_only_uri(path, place) : NULL;
    int rc = uri ? sqlite3_open_v2(uri, &s->db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                       SQLITE_OPEN_NOMUTEX,
                                   NULL)
                 : sqlite3_open_v2(path, &s->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                       SQLITE_OPEN_NOMUTEX,
                                   NULL);
    td__free(uri);
    s->read_only = place != 0;
    if (rc != SQLITE_OK) {
        st = s->db ? fail(s, map_rc(rc), "cannot open")
                   : (snprintf(s->err, sizeof s->err, "%s: cannot open", path),
                      TD_ENOMEM);
        if (st == TD_EDB)
            st = TD_EIO;
        goto out;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 10000);
    /* Is it ours at all, before anything is written to it? */
    int version = 0;
    st = identify(s, &version);
    if (st != TD_OK)
        goto out;
    /* WAL: readers (the server) never block the writer, and a killed
     * writer loses only its open batch. NORMAL sync is durable against a
     * killed process, which is what a batch ingester has to survive. */
    if (place) {
        if (version != TD_SCHEMA_VERSION) {
            snprintf(s->err, sizeof s->err,
                     "%s: read-only, and %s; open it once where it can be "
                     "written",
                     s->path,
                     version == 0 ? "empty" : "of an older schema that needs "
                                              "an upgrade");
            st = TD_EIO;
            goto out;
        }
        goto statements;
    }
    if (version == 0) {
        /* A new database: 16 KiB pages hold articles of a few KiB whole,
         * where 4 KiB pages spill them into part-empty overflow pages.
         * Must come before WAL mode, which fixes the page size. */
        sqlite3_exec(s->db, "PRAGMA page_size=" PAGE_SIZE_STR, NULL, NULL,
                     NULL);
    }
    rc = set_wal(s->db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(s->db,
                          "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                          NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        st = fail(s, map_rc(rc), "cannot set up the database");
        goto out;
    }
    st = init_schema(s);
    if (st != TD_OK)
        goto out;
statements:
    if (pragma_int(s->db, "PRAGMA data_version", &s->data_version) !=
        SQLITE_OK) {
        st = fail(s, TD_EDB, "cannot read the database");
        goto out;
    }
    if ((st = prepare(s, "SELECT 1 FROM articles WHERE id = ?", &s->has)) ||
        (st = prepare(s,
                      "INSERT INTO articles(id, url, title, date, lang, "
                      "lang_conf, source, name, text, raw_len, author, "
                      "canonical_url) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                      "ON CONFLICT(id) DO NOTHING",
                      &s->put)) ||
        (st = prepare(s,
                      "INSERT INTO article_fts(rowid, title, body, terms) "
                      "VALUES (?,?,?,?)",
                      &s->put_fts)) ||
        (st = prepare(s,
                      "SELECT id, kind, key, mentions FROM entities "
                      "WHERE kind = ? AND prefix = ? "
                      "ORDER BY mentions DESC LIMIT ?",
                      &s->ent_like)) ||
        (st = prepare(s,
                      "INSERT INTO entities(kind, key, prefix, name) "
                      "VALUES (?,?,?,?)",
                      &s->ent_add)) ||
        (st = prepare(s, "UPDATE entities SET key = ? WHERE id = ?",
                      &s->ent_key)) ||
        (st = prepare(s,
                      "INSERT INTO mentions(article, entity, off, len) "
                      "VALUES (?,?,?,?)",
                      &s->ment_add)) ||
        (st = prepare(s,
                      "INSERT INTO entity_variants(entity, surface, lang, "
                      "ascii, words, count) VALUES (?,?,?,?,?,1) "
                      "ON CONFLICT DO UPDATE SET count = count + 1",
                      &s->var_up)) ||
        (st = prepare(s,
                      "UPDATE entities SET mentions = mentions + 1 "
                      "WHERE id = ?",
                      &s->ent_count)) ||
        (st = prepare(s,
                      "INSERT INTO article_dates(article, date, off, len, "
                      "relative) VALUES (?,?,?,?,?)",
                      &s->date_add)) ||
        (st = prepare(s,
                      "INSERT INTO article_numbers(article, value, unit, off, "
                      "len) VALUES (?,?,?,?,?)",
                      &s->num_add)) ||
        (st = prepare(s,
                      "UPDATE articles SET story = ?2, "
                      "duplicate_of = (SELECT id FROM articles WHERE seq = ?3),"
                      "translation_of = (SELECT id FROM articles WHERE seq = "
                      "?4) WHERE seq = ?1",
                      &s->assign)) ||
        (st = prepare(s,
                      "INSERT OR REPLACE INTO assignments(article, story, "
                      "score, why) VALUES (?,?,?,?)",
                      &s->assign_why)) ||
        (st = prepare(s,
                      "INSERT OR REPLACE INTO article_features(article, root, "
                      "ntokens, features, minhash) VALUES (?,?,?,?,?)",
                      &s->feat_put)) ||
        (st = prepare(s, "SELECT story FROM articles WHERE seq = ?",
                      &s->old_story)) ||
        (st = prepare(s, STORY_ADD_SQL, &s->story_up)) ||
        (st = prepare(s, STORY_LANG_ADD_SQL, &s->story_lang_up)))
        goto out;
out:
    if (st != TD_OK) {
        if (errlen)
            snprintf(err, errlen, "%s", s->err);
        td__store_close(s);
        return st;
    }
    *out = s;
    return TD_OK;
}

const char *td__store_read_only(const td__store *s)
{
    return s && s->read_only ? s->path : NULL;
}

void td__store_close(td__store *s)
{
    if (!s)
        return;
    if (s->in_batch)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(s->has);
    sqlite3_finalize(s->put);
    sqlite3_finalize(s->put_fts);
    sqlite3_finalize(s->ent_like);
    sqlite3_finalize(s->ent_add);
    sqlite3_finalize(s->ent_key);
    sqlite3_finalize(s->ment_add);
    sqlite3_finalize(s->var_up);
    sqlite3_finalize(s->ent_count);
    sqlite3_finalize(s->date_add);
    sqlite3_finalize(s->num_add);
    sqlite3_finalize(s->assign);
    sqlite3_finalize(s->assign_why);
    sqlite3_finalize(s->feat_put);
    sqlite3_finalize(s->reassign[0]);
    sqlite3_finalize(s->reassign[1]);
    sqlite3_finalize(s->merge);
    sqlite3_finalize(s->pend_add);
    sqlite3_finalize(s->pend_recent);
    sqlite3_finalize(s->pend_forget);
    sqlite3_finalize(s->pend_expire);
    sqlite3_finalize(s->max_seq);
    sqlite3_finalize(s->old_story);
    sqlite3_finalize(s->story_up);
    sqlite3_finalize(s->story_lang_up);
    td__free(s->dirty);
    sqlite3_close_v2(s->db);
    td__free(s->fts);
    td__buf_free(&s->fts_text);
    td__free(s->fbuf);
    td__free(s->path);
    td__free(s);
}

const char *td__store_errmsg(const td__store *s)
{
    return s->err;
}

td_status td__store_begin(td__store *s)
{
    if (s->in_batch)
        return TD_OK;
    /* Another writer holds the lock for at most one of its batches; the
     * busy handler waits 10 s at a time, and a writer keeps waiting its
     * turn (a slow machine, a sanitizer build) up to WRITE_WAIT_TRIES of
     * those before it gives up. */
    int rc = SQLITE_BUSY;
    for (int i = 0; i < WRITE_WAIT_TRIES && rc == SQLITE_BUSY; i++)
        rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "cannot begin a transaction");
    s->in_batch = 1;
    /* With the write lock held, nobody else can write until we commit;
     * whether somebody did since our last batch tells the engine to
     * refresh what it keeps in memory (the clusterer). */
    int v = 0;
    rc = pragma_int(s->db, "PRAGMA data_version", &v);
    if (rc != SQLITE_OK) {
        td__store_rollback(s);
        return fail(s, map_rc(rc), "cannot begin a transaction");
    }
    if (v != s->data_version)
        s->changed = 1;
    s->data_version = v;
    return TD_OK;
}

int td__store_changed(td__store *s)
{
    int c = s->changed;
    s->changed = 0;
    return c;
}

static void fts_discard(td__store *s)
{
    s->nfts = 0;
    td__buf_reset(&s->fts_text);
}

static void bind_fts_text(td__store *s, sqlite3_stmt *st, int i, long off)
{
    if (off < 0)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_text(st, i, s->fts_text.p + off, -1, SQLITE_STATIC);
}

/* Writes the batch's pending index rows. */
static td_status fts_flush(td__store *s)
{
    sqlite3_stmt *p = s->put_fts;
    for (size_t i = 0; i < s->nfts; i++) {
        const fts_row *r = &s->fts[i];
        sqlite3_bind_int64(p, 1, r->rowid);
        bind_fts_text(s, p, 2, r->title);
        bind_fts_text(s, p, 3, r->body);
        bind_fts_text(s, p, 4, r->terms);
        int rc = sqlite3_step(p);
        sqlite3_reset(p);
        sqlite3_clear_bindings(p);
        if (rc != SQLITE_DONE)
            return fail(s, map_rc(rc), "cannot index the articles");
    }
    fts_discard(s);
    return TD_OK;
}

td_status td__store_commit(td__store *s)
{
    if (!s->in_batch)
        return TD_OK;
    td_status st = fts_flush(s);
    if (st == TD_OK)
        st = story_rows_flush(s);
    if (st != TD_OK)
        return st;
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "cannot commit");
    s->in_batch = 0;
    return TD_OK;
}

td_status td__store_rollback(td__store *s)
{
    fts_discard(s);
    s->ndirty = 0;
    if (!s->in_batch)
        return TD_OK;
    s->in_batch = 0;
    int rc = sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "cannot roll back");
}

td_status td__store_has(td__store *s, const char *id, int *found)
{
    sqlite3_bind_text(s->has, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s->has);
    sqlite3_reset(s->has);
    sqlite3_clear_bindings(s->has);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "lookup");
    *found = rc == SQLITE_ROW;
    return TD_OK;
}

static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static long fts_str(td__store *s, const char *v, int *oom)
{
    if (!v)
        return -1;
    long off = (long)s->fts_text.len;
    if (td__buf_append(&s->fts_text, v, strlen(v) + 1) != 0)
        *oom = 1;
    return off;
}

/* Keeps the article's index row for the commit (see fts_row). */
static td_status fts_queue(td__store *s, int64_t rowid, const td__stored *a)
{
    if (s->nfts == s->capfts) {
        size_t cap = s->capfts ? s->capfts * 2 : 512;
        fts_row *r = td__realloc(s->fts, cap * sizeof *r);
        if (!r)
            return TD_ENOMEM;
        s->fts = r, s->capfts = cap;
    }
    int oom = 0;
    fts_row r = {rowid, fts_str(s, a->title, &oom), fts_str(s, a->text, &oom),
                 fts_str(s, a->terms, &oom)};
    if (oom)
        return TD_ENOMEM;
    s->fts[s->nfts++] = r;
    return TD_OK;
}

td_status td__store_put(td__store *s, const td__stored *a, int64_t *seq)
{
    sqlite3_stmt *p = s->put;
    bind_opt(p, 1, a->id);
    bind_opt(p, 2, a->url);
    bind_opt(p, 3, a->title);
    bind_opt(p, 4, a->date);
    bind_opt(p, 5, a->lang);
    if (a->lang)
        sqlite3_bind_double(p, 6, a->lang_confidence);
    else
        sqlite3_bind_null(p, 6);
    bind_opt(p, 7, a->source);
    bind_opt(p, 8, a->name);
    bind_opt(p, 9, a->text);
    sqlite3_bind_int64(p, 10, (sqlite3_int64)a->raw_len);
    bind_opt(p, 11, a->author);
    bind_opt(p, 12, a->canonical_url);
    int rc = sqlite3_step(p);
    sqlite3_reset(p);
    sqlite3_clear_bindings(p);
    if (rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "cannot store the article");
    if (sqlite3_changes(s->db) == 0) {
        /* Stored already, by another writer since our look-up: a no-op. */
        if (seq)
            *seq = 0;
        return TD_OK;
    }
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    td_status st = fts_queue(s, rowid, a);
    if (st != TD_OK)
        return st;
    if (seq)
        *seq = rowid;
    return TD_OK;
}

int64_t td__store_count(td__store *s)
{
    int n = 0;
    int rc = pragma_int(s->db, "SELECT count(*) FROM articles", &n);
    if (rc != SQLITE_OK) {
        fail(s, map_rc(rc), "count");
        return -1;
    }
    return n;
}

static td_status open_cursor(td__store *s, const char *sql, int search,
                             td__store_cursor **out, sqlite3_stmt **st)
{
    td__store_cursor *c = td__calloc(1, sizeof *c);
    if (!c)
        return TD_ENOMEM;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &c->st, NULL);
    if (rc != SQLITE_OK) {
        td__free(c);
        return fail(s, map_rc(rc), "query");
    }
    c->s = s;
    c->search = search;
    *st = c->st;
    *out = c;
    return TD_OK;
}

td_status td__store_all(td__store *s, td__store_cursor **out)
{
    sqlite3_stmt *st;
    return open_cursor(s, "SELECT " ARTICLE_COLS " FROM articles a ORDER BY seq",
                       0, out, &st);
}

td_status td__store_get(td__store *s, const char *id, td__store_cursor **out)
{
    sqlite3_stmt *st;
    td_status r = open_cursor(
        s, "SELECT " ARTICLE_COLS " FROM articles a WHERE a.id = ?", 0, out,
        &st);
    if (r == TD_OK)
        sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    return r;
}

/* The host of a.url, lower case, without a port or a leading "www.";
 * NULL when the URL has no "://". */
#define URL_HOST                                                           \
    "(SELECT CASE WHEN h LIKE 'www.%' THEN substr(h, 5) ELSE h END FROM ("  \
    "  SELECT lower(CASE WHEN instr(hp, ':') > 0"                           \
    "    THEN substr(hp, 1, instr(hp, ':') - 1) ELSE hp END) AS h FROM ("  \
    "    SELECT substr(r, 1, instr(r || '/', '/') - 1) AS hp FROM ("       \
    "      SELECT substr(a.url, instr(a.url, '://') + 3) AS r"              \
    "      WHERE instr(a.url, '://') > 0))))"

/* author (?A: a part of the byline), outlet (?O: the source, else the
 * host, whole) and site (?S: the host or a domain above it), ASCII case
 * ignored; each NULL passes. */
#define PEOPLE_WHERE(A, O, S)                                              \
    "  AND (" A " IS NULL OR instr(lower(a.author), lower(" A ")) > 0) "    \
    "  AND (" O " IS NULL OR lower(coalesce(nullif(trim(a.source), ''), "   \
    URL_HOST ")) = lower(" O ")) "                                          \
    "  AND (" S " IS NULL OR " URL_HOST " = " S " OR substr(" URL_HOST     \
    ", -length(" S ") - 1) = '.' || " S ") "

static void bind_people(sqlite3_stmt *st, const td__search *q, int first)
{
    if (q->author)
        sqlite3_bind_text(st, first, q->author, -1, SQLITE_TRANSIENT);
    if (q->outlet)
        sqlite3_bind_text(st, first + 1, q->outlet, -1, SQLITE_TRANSIENT);
    if (q->site)
        sqlite3_bind_text(st, first + 2, q->site, -1, SQLITE_TRANSIENT);
}

td_status td__store_find(td__store *s, const td__search *q,
                         td__store_cursor **out)
{
    /* Every filter is a bound parameter; an unset one is NULL and passes. */
    static const char sql[] =
        "SELECT " ARTICLE_COLS ", "
        "  snippet(article_fts, 1, '[', ']', '…', 16), bm25(article_fts) "
        "FROM article_fts JOIN articles a ON a.seq = article_fts.rowid "
        "WHERE article_fts MATCH ?1 "
        "  AND (?2 IS NULL OR a.lang = ?2) "
        "  AND (?3 IS NULL OR a.date >= ?3) "
        "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4) "
        PEOPLE_WHERE("?6", "?7", "?8")
        "ORDER BY bm25(article_fts) LIMIT ?5";
    /* Articles of the open batch are searchable too. */
    td_status r = fts_flush(s);
    if (r != TD_OK)
        return r;
    sqlite3_stmt *st;
    r = open_cursor(s, sql, 1, out, &st);
    if (r != TD_OK)
        return r;
    sqlite3_bind_text(st, 1, q->match, -1, SQLITE_TRANSIENT);
    if (q->lang)
        sqlite3_bind_text(st, 2, q->lang, -1, SQLITE_TRANSIENT);
    if (q->since)
        sqlite3_bind_text(st, 3, q->since, -1, SQLITE_TRANSIENT);
    if (q->until)
        sqlite3_bind_text(st, 4, q->until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, q->limit > 0 ? q->limit : 20);
    bind_people(st, q, 6);
    return TD_OK;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

td_status td__store_next(td__store_cursor *c, td_article *row)
{
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_DONE)
        return TD_DONE;
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_ERROR &&
            strstr(sqlite3_errmsg(c->s->db), "fts5") != NULL) {
            snprintf(c->s->err, sizeof c->s->err, "bad search query: %s",
                     sqlite3_errmsg(c->s->db));
            return TD_EINVAL;
        }
        return fail(c->s, map_rc(rc), "query");
    }
    sqlite3_stmt *st = c->st;
    memset(row, 0, sizeof *row);
    row->id = col(st, 0);
    row->url = col(st, 1);
    row->title = col(st, 2);
    row->date = col(st, 3);
    row->lang = col(st, 4);
    row->lang_confidence = sqlite3_column_double(st, 5);
    row->source = col(st, 6);
    row->name = col(st, 7);
    row->text = col(st, 8);
    row->story = sqlite3_column_int64(st, 9);
    row->duplicate_of = col(st, 10);
    row->translation_of = col(st, 11);
    row->author = col(st, 12);
    row->canonical_url = col(st, 13);
    if (c->search == 1) {
        row->snippet = col(st, 14);
        row->score = -sqlite3_column_double(st, 15);
    } else if (c->search == 2) {
        row->why = col(st, 14);
        row->score = sqlite3_column_double(st, 15);
    }
    return TD_OK;
}

void td__store_cursor_free(td__store_cursor *c)
{
    if (!c)
        return;
    sqlite3_finalize(c->st);
    td__free(c);
}

/* Runs a prepared write statement once and resets it. */
static td_status step_done(td__store *s, sqlite3_stmt *st, const char *what)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), what);
}

td_status td__store_entities_like(td__store *s, int kind, const char *prefix,
                                  td__entity_row *out, size_t max, size_t *n)
{
    sqlite3_stmt *st = s->ent_like;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_text(st, 2, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    size_t k = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < max) {
        out[k].id = sqlite3_column_int64(st, 0);
        out[k].kind = sqlite3_column_int(st, 1);
        snprintf(out[k].key, sizeof out[k].key, "%s",
                 (const char *)sqlite3_column_text(st, 2));
        out[k].mentions = sqlite3_column_int64(st, 3);
        k++;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "entity lookup");
    *n = k;
    return TD_OK;
}

td_status td__store_entity_add(td__store *s, int kind, const char *key,
                               const char *prefix, const char *name,
                               int64_t *id)
{
    sqlite3_stmt *st = s->ent_add;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, prefix, -1, SQLITE_STATIC);
    bind_opt(st, 4, name);
    td_status r = step_done(s, st, "cannot store an entity");
    if (r == TD_OK)
        *id = sqlite3_last_insert_rowid(s->db);
    return r;
}

td_status td__store_entity_set_key(td__store *s, int64_t id, const char *key)
{
    sqlite3_bind_text(s->ent_key, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s->ent_key, 2, id);
    return step_done(s, s->ent_key, "cannot update an entity");
}

static int is_ascii(const char *p)
{
    for (; *p; p++)
        if ((unsigned char)*p >= 0x80)
            return 0;
    return 1;
}

static int count_spaces(const char *p)
{
    int n = 1;
    for (; *p; p++)
        n += *p == ' ';
    return n;
}

td_status td__store_mention_add(td__store *s, int64_t seq, int64_t entity,
                                const char *surface, const char *lang,
                                size_t off, size_t len)
{
    sqlite3_stmt *st = s->ment_add;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, entity);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)off);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)len);
    td_status r = step_done(s, st, "cannot store a mention");
    if (r != TD_OK)
        return r;
    st = s->var_up;
    sqlite3_bind_int64(st, 1, entity);
    sqlite3_bind_text(st, 2, surface, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, lang ? lang : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, is_ascii(surface));
    sqlite3_bind_int(st, 5, count_spaces(surface));
    r = step_done(s, st, "cannot store a variant");
    if (r != TD_OK)
        return r;
    sqlite3_bind_int64(s->ent_count, 1, entity);
    return step_done(s, s->ent_count, "cannot count a mention");
}

td_status td__store_date_add(td__store *s, int64_t seq, const char *date,
                             size_t off, size_t len, int relative)
{
    sqlite3_stmt *st = s->date_add;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)off);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)len);
    sqlite3_bind_int(st, 5, relative);
    return step_done(s, st, "cannot store a date");
}

td_status td__store_number_add(td__store *s, int64_t seq, const char *value,
                               const char *unit, size_t off, size_t len)
{
    sqlite3_stmt *st = s->num_add;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    bind_opt(st, 3, unit && *unit ? unit : NULL);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)off);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)len);
    return step_done(s, st, "cannot store a number");
}

td_status td__store_entity_get(td__store *s, int64_t id, char **name,
                               int *kind)
{
    static const char sql[] =
        /* the display name: the form English articles use most, else
         * the commonest Latin form of more than one word, counted over
         * every language; stable as articles come */
        "SELECT e.kind, coalesce(e.name, (SELECT surface FROM entity_variants "
        "  v WHERE v.entity = e.id GROUP BY surface "
        "  ORDER BY max(lang = 'en') DESC, max(ascii) DESC, "
        "  max(words) > 1 DESC, sum(count) DESC, max(words), surface "
        "  LIMIT 1), e.key) "
        "FROM entities e WHERE e.id = ?";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "entity");
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    td_status r = TD_OK;
    if (rc == SQLITE_ROW) {
        *kind = sqlite3_column_int(st, 0);
        *name = td__strdup((const char *)sqlite3_column_text(st, 1));
        if (!*name)
            r = TD_ENOMEM;
    } else {
        r = rc == SQLITE_DONE ? TD_ENOTFOUND : fail(s, map_rc(rc), "entity");
    }
    sqlite3_finalize(st);
    return r;
}

/* The entity ids a one-text query (?1 the text, ?2 the limit) gives, at
 * most max. */
static td_status entity_ids(td__store *s, const char *sql, const char *text,
                            int64_t *ids, size_t max, size_t *n,
                            const char *what)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), what);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
    *n = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
        ids[(*n)++] = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? TD_OK
                                                  : fail(s, map_rc(rc), what);
}

td_status td__store_entities_by_surface(td__store *s, const char *surface,
                                        int64_t *ids, size_t max, size_t *n)
{
    return entity_ids(
        s,
        "SELECT entity FROM entity_variants WHERE surface = ? COLLATE NOCASE "
        "GROUP BY entity ORDER BY sum(count) DESC, entity LIMIT ?",
        surface, ids, max, n, "entity by name");
}

td_status td__store_entities_by_joined_surface(td__store *s,
                                               const char *joined,
                                               int64_t *ids, size_t max,
                                               size_t *n)
{
    return entity_ids(
        s,
        "SELECT entity FROM entity_variants WHERE ascii AND words > 1 AND "
        "lower(replace(replace(replace(surface, ' ', ''), '-', ''), '_', "
        "'')) = ? GROUP BY entity ORDER BY sum(count) DESC, entity LIMIT ?",
        joined, ids, max, n, "entity by joined name");
}

td_status td__store_entity_article_count(td__store *s, int64_t id,
                                         int64_t *n)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT count(DISTINCT article) FROM mentions WHERE entity = ?",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "entity articles");
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? TD_OK : fail(s, map_rc(rc), "entity articles");
}

td_status td__store_entity_variants(td__store *s, int64_t id,
                                    td__variant_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT surface, lang, count FROM entity_variants WHERE entity = ? "
        "ORDER BY count DESC, surface",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "variants");
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, (const char *)sqlite3_column_text(st, 0),
           (const char *)sqlite3_column_text(st, 1),
           sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "variants");
}

td_status td__store_entity_articles(td__store *s, int64_t id, int limit,
                                    td__ent_article_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT a.id, a.lang, a.title, a.date, count(*) FROM mentions m "
        "JOIN articles a ON a.seq = m.article WHERE m.entity = ? "
        "GROUP BY m.article ORDER BY a.date DESC, a.seq DESC LIMIT ?",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "entity articles");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, (const char *)sqlite3_column_text(st, 0),
           (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           (const char *)sqlite3_column_text(st, 3),
           sqlite3_column_int64(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "entity articles");
}

#define RELATED_ARTICLES "500"

td_status td__store_entity_related(td__store *s, int64_t id, int limit,
                                   td__related_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        /* Over the entity's latest RELATED_ARTICLES articles, each once
         * (not once per mention): the company it keeps now, at a cost
         * that does not grow with its whole history. */
        "SELECT m2.entity, count(DISTINCT m2.article) AS shared "
        "FROM (SELECT DISTINCT article FROM mentions WHERE entity = ?1 "
        "  ORDER BY article DESC LIMIT " RELATED_ARTICLES ") m1 "
        "JOIN mentions m2 ON m2.article = m1.article "
        "WHERE m2.entity != ?1 "
        "GROUP BY m2.entity ORDER BY shared DESC, m2.entity LIMIT ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "related entities");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "related entities");
}

td_status td__store_entity_story_peers(td__store *s, int64_t id, int limit,
                                       td__peer_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "WITH ea AS (SELECT DISTINCT article FROM mentions WHERE entity = ?1),"
        " st AS (SELECT DISTINCT a.story FROM ea JOIN articles a"
        "        ON a.seq = ea.article WHERE a.story IS NOT NULL),"
        " sa AS (SELECT a.seq FROM articles a WHERE a.story IN st),"
        " peers AS (SELECT m.entity, count(DISTINCT m.article) AS ins"
        "        FROM mentions m WHERE m.article IN sa"
        "        GROUP BY m.entity)"
        "SELECT p.entity, e.kind, e.key,"
        " (SELECT count(DISTINCT article) FROM mentions WHERE entity = p.entity),"
        " p.ins,"
        " (SELECT count(DISTINCT m.article) FROM mentions m"
        "  WHERE m.entity = p.entity AND m.article IN ea)"
        "FROM peers p JOIN entities e ON e.id = p.entity "
        "ORDER BY p.entity = ?1 DESC, p.ins DESC, p.entity LIMIT ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story peers");
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
           sqlite3_column_int64(st, 5));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "story peers");
}

td_status td__store_story_names(td__store *s, int64_t seq, int limit,
                                td__story_name_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT e.id, e.kind, e.key, e.name, count(DISTINCT m.article) AS n,"
        " max(m.article = x.seq)"
        " FROM articles x JOIN articles a ON a.story = x.story"
        " JOIN mentions m ON m.article = a.seq"
        " JOIN entities e ON e.id = m.entity WHERE x.seq = ?1"
        " GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story names");
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
           (const char *)sqlite3_column_text(st, 2),
           (const char *)sqlite3_column_text(st, 3),
           sqlite3_column_int64(st, 4), sqlite3_column_int(st, 5));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "story names");
}

td_status td__store_entity_in_stories_of(td__store *s, int64_t a, int64_t b,
                                         int64_t *n)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT count(DISTINCT m.article) FROM mentions m"
        " JOIN articles x ON x.seq = m.article WHERE m.entity = ?1"
        " AND x.story IN (SELECT a.story FROM mentions mb JOIN articles a"
        "   ON a.seq = mb.article WHERE mb.entity = ?2"
        "   AND a.story IS NOT NULL)",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "entity stories");
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? TD_OK : fail(s, map_rc(rc), "entity stories");
}

td_status td__store_assign(td__store *s, int64_t seq, int64_t story,
                           int64_t duplicate_of, int64_t translation_of,
                           double score, const char *why)
{
    /* An article assigned before (never on the ingest path) leaves its
     * old story: both stories' rows are built again. */
    sqlite3_stmt *st = s->old_story;
    sqlite3_bind_int64(st, 1, seq);
    int rc = sqlite3_step(st);
    int64_t old = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "cannot assign a story");
    st = s->assign;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, story);
    sqlite3_bind_int64(st, 3, duplicate_of);
    sqlite3_bind_int64(st, 4, translation_of);
    td_status r = step_done(s, st, "cannot assign a story");
    if (r != TD_OK)
        return r;
    st = s->assign_why;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, story);
    sqlite3_bind_double(st, 3, score);
    bind_opt(st, 4, why);
    r = step_done(s, st, "cannot record an assignment");
    if (r != TD_OK)
        return r;
    if (old) {
        if ((r = story_dirty(s, old)) != TD_OK ||
            (r = story_dirty(s, story)) != TD_OK)
            return r;
        return s->in_batch ? TD_OK : story_rows_flush(s);
    }
    for (int i = 0; i < 2; i++) {
        st = i ? s->story_lang_up : s->story_up;
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, story);
        if (i)
            sqlite3_bind_double(st, 3, score);
        if ((r = step_done(s, st, "cannot count a story's article")) != TD_OK)
            return r;
    }
    return TD_OK;
}

td_status td__store_reassign(td__store *s, int64_t seq, int64_t story,
                             double score, const char *why)
{
    static const char *const sql[2] = {
        "UPDATE articles SET story = ?2 WHERE seq = ?1",
        "UPDATE assignments SET story = ?2, score = ?3, why = ?4 "
        "WHERE article = ?1"};
    sqlite3_stmt *os = s->old_story;
    sqlite3_bind_int64(os, 1, seq);
    int orc = sqlite3_step(os);
    int64_t old = orc == SQLITE_ROW ? sqlite3_column_int64(os, 0) : 0;
    sqlite3_reset(os);
    if (orc != SQLITE_ROW && orc != SQLITE_DONE)
        return fail(s, map_rc(orc), "reassign");
    td_status r;
    if ((r = story_dirty(s, old)) != TD_OK ||
        (r = story_dirty(s, story)) != TD_OK)
        return r;
    for (int i = 0; i < 2; i++) {
        sqlite3_stmt *st = lazy(s, &s->reassign[i], sql[i], "reassign");
        if (!st)
            return TD_EDB;
        sqlite3_bind_int64(st, 1, seq);
        sqlite3_bind_int64(st, 2, story);
        if (i) {
            sqlite3_bind_double(st, 3, score);
            bind_opt(st, 4, why);
        }
        if ((r = step_done(s, st, "reassign")) != TD_OK)
            return r;
    }
    return s->in_batch ? TD_OK : story_rows_flush(s);
}

td_status td__store_merge_stories(td__store *s, int64_t keep, int64_t gone)
{
    sqlite3_stmt *st = lazy(s, &s->merge,
                            "UPDATE articles SET story = ?1 WHERE story = ?2",
                            "merge");
    if (!st)
        return TD_EDB;
    sqlite3_bind_int64(st, 1, keep);
    sqlite3_bind_int64(st, 2, gone);
    td_status r = step_done(s, st, "merge");
    if (r != TD_OK || (r = story_dirty(s, keep)) != TD_OK ||
        (r = story_dirty(s, gone)) != TD_OK)
        return r;
    return s->in_batch ? TD_OK : story_rows_flush(s);
}

td_status td__store_features_put(td__store *s, int64_t seq, const void *f,
                                 size_t flen, const void *sig, size_t slen,
                                 int64_t root, int64_t ntokens)
{
    if (flen % sizeof(td__feature))
        return TD_EINVAL;
    size_t n = flen / sizeof(td__feature);
    if (grow_fbuf(s, td__fvec_encoded_max(n)) != TD_OK)
        return TD_ENOMEM;
    size_t k = td__fvec_encode(f, n, s->fbuf);
    sqlite3_stmt *st = s->feat_put;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_int64(st, 2, root);
    sqlite3_bind_int64(st, 3, ntokens);
    sqlite3_bind_blob(st, 4, s->fbuf, (int)k, SQLITE_STATIC);
    sqlite3_bind_blob(st, 5, sig, (int)slen, SQLITE_STATIC);
    return step_done(s, st, "cannot store features");
}

td_status td__store_features_recent(td__store *s, int limit,
                                    td__features_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT * FROM (SELECT a.seq, a.lang, a.date, a.story, f.root, "
        "  f.ntokens, f.features, f.minhash FROM article_features f "
        "  JOIN articles a ON a.seq = f.article "
        "  ORDER BY a.seq DESC LIMIT ?) ORDER BY seq",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "features");
    sqlite3_bind_int(st, 1, limit);
    int stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        /* Decoded into the reused buffer: at most one feature a byte. */
        size_t blen = (size_t)sqlite3_column_bytes(st, 6);
        const void *blob = sqlite3_column_blob(st, 6);
        if (grow_fbuf(s, (blen + 1) * sizeof(td__feature)) != TD_OK) {
            stop = TD_ENOMEM;
            break;
        }
        long n = td__fvec_decode(blob, blen, 0, (td__feature *)s->fbuf,
                                 blen + 1);
        if (n < 0)
            continue; /* not a vector this version can read: skipped */
        stop = cb(ud, sqlite3_column_int64(st, 0), col(st, 1), col(st, 2),
                  sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
                  sqlite3_column_int64(st, 5), s->fbuf,
                  (size_t)n * sizeof(td__feature), sqlite3_column_blob(st, 7),
                  (size_t)sqlite3_column_bytes(st, 7));
    }
    sqlite3_finalize(st);
    if (stop)
        return (td_status)stop;
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "features");
}

td_status td__store_stories(td__store *s, const td__story_query *q,
                            td__store_cursor **out)
{
    /* The summary rows of schema 5: sources count originals only (copies
     * and translations are one source); the title is the first article's
     * with a title. */
    static const char sql[] =
        "SELECT id, articles, sources, languages, first_date, last_date, "
        "  title FROM stories "
        "WHERE (?1 = 0 OR id = ?1) "
        "  AND (?2 IS NULL OR last_date >= ?2) "
        "  AND (?3 IS NULL OR instr(',' || languages || ',', "
        "    ',' || ?3 || ',') > 0) "
        "ORDER BY last_date DESC, articles DESC, id LIMIT ?4";
    td_status r = story_rows_flush(s);
    if (r != TD_OK)
        return r;
    sqlite3_stmt *st;
    r = open_cursor(s, sql, 0, out, &st);
    if (r != TD_OK)
        return r;
    sqlite3_bind_int64(st, 1, q->id);
    if (q->since)
        sqlite3_bind_text(st, 2, q->since, -1, SQLITE_TRANSIENT);
    if (q->lang)
        sqlite3_bind_text(st, 3, q->lang, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, q->limit > 0 ? q->limit : -1);
    return TD_OK;
}

td_status td__store_story_next(td__store_cursor *c, td__story_row *row)
{
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_DONE)
        return TD_DONE;
    if (rc != SQLITE_ROW)
        return fail(c->s, map_rc(rc), "stories");
    sqlite3_stmt *st = c->st;
    row->id = sqlite3_column_int64(st, 0);
    row->articles = sqlite3_column_int64(st, 1);
    row->sources = sqlite3_column_int64(st, 2);
    row->languages = col(st, 3);
    row->first_date = col(st, 4);
    row->last_date = col(st, 5);
    row->title = col(st, 6);
    return TD_OK;
}

td_status td__store_story_articles(td__store *s, int64_t story,
                                   td__store_cursor **out)
{
    sqlite3_stmt *st;
    td_status r = open_cursor(
        s,
        "SELECT " ARTICLE_COLS ", w.why, w.score FROM articles a "
        "LEFT JOIN assignments w ON w.article = a.seq WHERE a.story = ? "
        "ORDER BY a.lang, a.date, a.seq",
        2, out, &st);
    if (r == TD_OK)
        sqlite3_bind_int64(st, 1, story);
    return r;
}

td_status td__store_story_timeline(td__store *s, int64_t story,
                                   td__timeline_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT date, count(DISTINCT article) FROM ("
        "  SELECT d.date AS date, d.article AS article FROM article_dates d "
        "  JOIN articles a ON a.seq = d.article "
        "  WHERE a.story = ?1 AND d.date NOT LIKE '0000%' "
        "  UNION ALL SELECT a.date, a.seq FROM articles a "
        "  WHERE a.story = ?1 AND a.date IS NOT NULL) "
        "GROUP BY date ORDER BY date",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "timeline");
    sqlite3_bind_int64(st, 1, story);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, col(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "timeline");
}

td_status td__store_story_entities(td__store *s, int64_t story, int limit,
                                   td__related_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT m.entity, count(DISTINCT m.article) AS n FROM mentions m "
        "JOIN articles a ON a.seq = m.article WHERE a.story = ? "
        "GROUP BY m.entity ORDER BY n DESC, count(*) DESC, m.entity LIMIT ?",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story entities");
    sqlite3_bind_int64(st, 1, story);
    sqlite3_bind_int(st, 2, limit);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "story entities");
}

/* ================================================================
 * The analyst's workspace (issue 17): story headlines and activity, paged
 * search with totals, saved follows. Kept apart from the rest so that it
 * ports to another schema or backend on its own; the only table it adds
 * (follows) is created when first needed (CREATE TABLE IF NOT EXISTS).
 * ================================================================ */

td_status td__store_story_candidates(td__store *s, int64_t story,
                                     const char *hl, int max,
                                     td__candidate_cb cb, void *ud)
{
    /* Most central first: the similarity an article had to its story when
     * it joined (the founding article, score 0, last among equals: every
     * other was measured against it); articles with a title first. Only
     * the story's first 512 articles are looked at, through the story
     * index, and the text is read for the chosen few only: a story of
     * thousands of articles costs what a small one does. */
    static const char lead_sql[] =
        "SELECT a.lang, a.title, substr(a.text, 1, 1200) FROM story_langs l "
        "JOIN articles a ON a.seq = l.lead "
        "WHERE l.story = ?1 AND (?2 IS NULL OR l.lang = ?2) "
        "ORDER BY l.lead_titled DESC, l.lead_score DESC, l.lead LIMIT ?3";
    td_status r = story_rows_flush(s);
    if (r != TD_OK)
        return r;
    sqlite3_stmt *st;
    int rc = max == 1 ? sqlite3_prepare_v2(s->db, lead_sql, -1, &st, NULL)
                      : sqlite3_prepare_v2(
        s->db,
        "SELECT b.lang, b.title, substr(b.text, 1, 1200) FROM ("
        "  SELECT a.seq AS seq, (a.title IS NOT NULL) AS titled,"
        "    coalesce(w.score, 0) AS score"
        "  FROM (SELECT seq FROM articles WHERE story = ?1 LIMIT 512) s"
        "  JOIN articles a ON a.seq = s.seq"
        "  LEFT JOIN assignments w ON w.article = a.seq"
        "  WHERE (?2 IS NULL OR a.lang = ?2)"
        "  ORDER BY titled DESC, score DESC, a.seq LIMIT ?3) p "
        "JOIN articles b ON b.seq = p.seq "
        "ORDER BY p.titled DESC, p.score DESC, p.seq",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story headline");
    sqlite3_bind_int64(st, 1, story);
    if (hl)
        sqlite3_bind_text(st, 2, hl, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, max);
    int stop = 0;
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
        stop = cb(ud, col(st, 0), col(st, 1), col(st, 2));
    sqlite3_finalize(st);
    if (stop || rc == SQLITE_DONE)
        return TD_OK;
    return fail(s, map_rc(rc), "story headline");
}

td_status td__store_story_articles_page(td__store *s, int64_t story,
                                        int limit, int offset,
                                        td__store_cursor **out)
{
    /* The page is chosen on the sort columns alone; only its rows are read
     * whole. */
    sqlite3_stmt *st;
    td_status r = open_cursor(
        s,
        "SELECT " ARTICLE_COLS ", w.why, w.score FROM ("
        "  SELECT seq FROM articles WHERE story = ?1"
        "  ORDER BY lang, date, seq LIMIT ?2 OFFSET ?3) p "
        "JOIN articles a ON a.seq = p.seq "
        "LEFT JOIN assignments w ON w.article = a.seq "
        "ORDER BY a.lang, a.date, a.seq",
        2, out, &st);
    if (r == TD_OK) {
        sqlite3_bind_int64(st, 1, story);
        sqlite3_bind_int(st, 2, limit);
        sqlite3_bind_int(st, 3, offset);
    }
    return r;
}

td_status td__store_latest_day(td__store *s, char out[11])
{
    /* Day dates only: a month-only date says nothing about "now". */
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "SELECT max(date) FROM articles "
                                "WHERE length(date) = 10",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "latest date");
    out[0] = '\0';
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && col(st, 0))
        snprintf(out, 11, "%s", col(st, 0));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? TD_OK
               : fail(s, map_rc(rc), "latest date");
}

td_status td__store_story_activity(td__store *s, const char *recent_from,
                                   const char *earlier_from,
                                   td__activity_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        /* The date index, not the story one, which SQLite otherwise
         * picks for the grouping and then scans whole. */
        "SELECT story, sum(date >= ?1), sum(date < ?1) FROM articles "
        "INDEXED BY articles_date "
        "WHERE date >= ?2 AND length(date) = 10 AND story IS NOT NULL "
        "  AND duplicate_of IS NULL AND translation_of IS NULL "
        "GROUP BY story",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story activity");
    sqlite3_bind_text(st, 1, recent_from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, earlier_from, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
           sqlite3_column_int64(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "story activity");
}

/* The WHERE clause paged search shares with its count. lang is a comma
 * list ("en,de"), compared whole. */
#define FIND_WHERE                                                         \
    "WHERE article_fts MATCH ?1 "                                          \
    "  AND (?2 IS NULL OR instr(',' || ?2 || ',', ',' || a.lang || ',') > 0) " \
    "  AND (?3 IS NULL OR a.date >= ?3) "                                  \
    "  AND (?4 IS NULL OR substr(a.date, 1, length(?4)) <= ?4) "           \
    "  AND a.seq > ?5 " PEOPLE_WHERE("?8", "?9", "?10")

static void bind_find(sqlite3_stmt *st, const td__search *q,
                      int64_t after_seq)
{
    sqlite3_bind_text(st, 1, q->match, -1, SQLITE_TRANSIENT);
    if (q->lang)
        sqlite3_bind_text(st, 2, q->lang, -1, SQLITE_TRANSIENT);
    if (q->since)
        sqlite3_bind_text(st, 3, q->since, -1, SQLITE_TRANSIENT);
    if (q->until)
        sqlite3_bind_text(st, 4, q->until, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, after_seq);
    bind_people(st, q, 8);
}

td_status td__store_find_page(td__store *s, const td__search *q, int offset,
                              int by_date, int64_t after_seq,
                              td__store_cursor **out)
{
    static const char by_rank[] =
        "SELECT " ARTICLE_COLS ", "
        "  snippet(article_fts, 1, '[', ']', '…', 16), bm25(article_fts) "
        "FROM article_fts JOIN articles a ON a.seq = article_fts.rowid "
        FIND_WHERE "ORDER BY bm25(article_fts) LIMIT ?6 OFFSET ?7";
    static const char by_day[] =
        "SELECT " ARTICLE_COLS ", "
        "  snippet(article_fts, 1, '[', ']', '…', 16), bm25(article_fts) "
        "FROM article_fts JOIN articles a ON a.seq = article_fts.rowid "
        FIND_WHERE "ORDER BY a.date IS NULL, a.date DESC, a.seq DESC "
        "LIMIT ?6 OFFSET ?7";
    sqlite3_stmt *st;
    td_status r = open_cursor(s, by_date ? by_day : by_rank, 1, out, &st);
    if (r != TD_OK)
        return r;
    bind_find(st, q, after_seq);
    sqlite3_bind_int(st, 6, q->limit > 0 ? q->limit : 20);
    sqlite3_bind_int(st, 7, offset);
    return TD_OK;
}

td_status td__store_find_total(td__store *s, const td__search *q,
                               int64_t after_seq, int64_t *total)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT count(*) FROM article_fts JOIN articles a "
        "ON a.seq = article_fts.rowid " FIND_WHERE,
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "search total");
    bind_find(st, q, after_seq);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *total = sqlite3_column_int64(st, 0);
    else if (rc == SQLITE_ERROR &&
             strstr(sqlite3_errmsg(s->db), "fts5") != NULL) {
        snprintf(s->err, sizeof s->err, "bad search query: %s",
                 sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        return TD_EINVAL;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? TD_OK : fail(s, map_rc(rc), "search total");
}

int64_t td__store_last_seq(td__store *s)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT coalesce(max(seq), 0) FROM articles",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                               : -1;
    sqlite3_finalize(st);
    return n;
}

td_status td__store_article_story(td__store *s, const char *id,
                                  int64_t *story, int *found)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT coalesce(story, 0) FROM articles WHERE id = ?", -1, &st,
        NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "article story");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    *story = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE
               ? TD_OK
               : fail(s, map_rc(rc), "article story");
}

static const char follows_schema[] =
    "CREATE TABLE IF NOT EXISTS follows("
    "  id INTEGER PRIMARY KEY, query TEXT NOT NULL,"
    "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
    "  seen_seq INTEGER NOT NULL DEFAULT 0)";

/* Runs one write statement with up to two bound values, outside any open
 * batch's semantics (it joins the batch when one is open). */
static td_status follow_exec(td__store *s, const char *sql, const char *text,
                             int64_t a, int64_t b, int *changed)
{
    if (sqlite3_exec(s->db, follows_schema, NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, TD_EDB, "follows");
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "follows");
    if (text)
        sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "follows");
    if (changed)
        *changed = sqlite3_changes(s->db);
    return TD_OK;
}

td_status td__store_follow_add(td__store *s, const char *query,
                               int64_t seen_seq, int64_t *id)
{
    td_status st = follow_exec(
        s, "INSERT INTO follows(query, seen_seq) VALUES (?1, ?2)", query, 0,
        seen_seq, NULL);
    if (st == TD_OK && id)
        *id = sqlite3_last_insert_rowid(s->db);
    return st;
}

td_status td__store_follow_rm(td__store *s, int64_t id, int *found)
{
    return follow_exec(s, "DELETE FROM follows WHERE id = ?1 AND ?2 = 0",
                       NULL, id, 0, found);
}

td_status td__store_follow_seen(td__store *s, int64_t id, int64_t seq,
                                int *found)
{
    return follow_exec(s, "UPDATE follows SET seen_seq = ?2 WHERE id = ?1",
                       NULL, id, seq, found);
}

td_status td__store_follows(td__store *s, td__follow_row_cb cb, void *ud)
{
    sqlite3_stmt *st;
    /* A store that never had a follow has no table: nothing to list, and
     * a read-only reader must not have to create it. */
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT count(*) FROM sqlite_master WHERE name = 'follows'", -1,
        &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "follows");
    int have = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (!have)
        return TD_OK;
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT id, query, created, seen_seq FROM follows "
                            "ORDER BY id",
                            -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "follows");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), col(st, 1), col(st, 2),
           sqlite3_column_int64(st, 3));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "follows");
}

td_status td__store_story_outlets(td__store *s, td__outlet_cb cb, void *ud)
{
    /* The outlet is the source given, else the host of the URL without
     * "www.": one scan of the articles, one row per (story, outlet). */
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT DISTINCT story, outlet FROM ("
        "  SELECT story, coalesce(nullif(trim(source), ''),"
        "    CASE WHEN host LIKE 'www.%' THEN substr(host, 5) ELSE host END)"
        "    AS outlet FROM ("
        "    SELECT story, source, CASE WHEN instr(url, '://') > 0 THEN"
        "      substr(substr(url, instr(url, '://') + 3), 1,"
        "        instr(substr(url, instr(url, '://') + 3) || '/', '/') - 1)"
        "      END AS host FROM articles WHERE story IS NOT NULL))"
        "WHERE outlet IS NOT NULL AND outlet != ''",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "outlets");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), col(st, 1));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "outlets");
}

td_status td__store_story_mentions(td__store *s, int kind,
                                   int64_t min_articles,
                                   td__story_mention_cb cb, void *ud)
{
    /* One kind (the places of the country facet): from its entities
     * through the mentions' entity index, not a scan of every mention. */
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        kind ? "SELECT a.story, m.entity, e.kind, e.key, "
               "count(DISTINCT m.article) "
               "FROM entities e JOIN mentions m ON m.entity = e.id "
               "JOIN articles a ON a.seq = m.article "
               "WHERE e.kind = ?1 AND a.story IS NOT NULL "
               "GROUP BY a.story, m.entity "
               "HAVING count(DISTINCT m.article) >= ?2"
             : "SELECT a.story, m.entity, e.kind, e.key, "
               "count(DISTINCT m.article) "
               "FROM mentions m JOIN articles a ON a.seq = m.article "
               "JOIN entities e ON e.id = m.entity "
               "WHERE a.story IS NOT NULL AND ?1 = 0 "
               "GROUP BY a.story, m.entity "
               "HAVING count(DISTINCT m.article) >= ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "story mentions");
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int64(st, 2, min_articles);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
           sqlite3_column_int(st, 2), col(st, 3), sqlite3_column_int64(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "story mentions");
}

td_status td__store_entity_activity(td__store *s, const char *recent_from,
                                    const char *earlier_from,
                                    td__entity_activity_cb cb, void *ud)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db,
        "SELECT m.entity, e.kind, e.key,"
        "  count(DISTINCT CASE WHEN a.date >= ?1 THEN a.seq END),"
        "  count(DISTINCT CASE WHEN a.date < ?1 THEN a.seq END) "
        "FROM articles a INDEXED BY articles_date "
        "JOIN mentions m ON m.article = a.seq "
        "JOIN entities e ON e.id = m.entity "
        "WHERE a.date >= ?2 AND length(a.date) = 10 "
        "  AND a.duplicate_of IS NULL AND a.translation_of IS NULL "
        "GROUP BY m.entity",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "entity activity");
    sqlite3_bind_text(st, 1, recent_from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, earlier_from, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
           col(st, 2), sqlite3_column_int64(st, 3),
           sqlite3_column_int64(st, 4));
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "entity activity");
}

/* ------------------------------------------------------- pending names */

/* Runs the kept statement *st (sql) once with its integer parameters (as
 * many as it has of a, b, c). */
static td_status exec_bound(td__store *s, sqlite3_stmt **kept, const char *sql,
                            int64_t a, int64_t b, int64_t c, const char *what)
{
    sqlite3_stmt *st = lazy(s, kept, sql, what);
    if (!st)
        return TD_EDB;
    const int64_t v[3] = {a, b, c};
    for (int i = 0; i < sqlite3_bind_parameter_count(st) && i < 3; i++)
        sqlite3_bind_int64(st, i + 1, v[i]);
    return step_done(s, st, what);
}

td_status td__store_pending_add(td__store *s, int64_t seq, const char *key,
                                const char *surface, const char *lang,
                                size_t off, size_t len, size_t words)
{
    sqlite3_stmt *st = lazy(
        s, &s->pend_add,
        "INSERT INTO pending_names(article, key, surface, lang, off, len, "
        "words) VALUES (?,?,?,?,?,?,?)",
        "pending name");
    if (!st)
        return TD_EDB;
    sqlite3_bind_int64(st, 1, seq);
    sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, surface, -1, SQLITE_STATIC);
    bind_opt(st, 4, lang);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)off);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)len);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)words);
    return step_done(s, st, "pending name");
}

td_status td__store_pending_recent(td__store *s, td__pending_cb cb, void *ud)
{
    sqlite3_stmt *st =
        lazy(s, &s->pend_recent,
             "SELECT article, key, surface, lang, off, len, words "
             "FROM pending_names ORDER BY article, off, len",
             "pending names");
    if (!st)
        return TD_EDB;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        cb(ud, sqlite3_column_int64(st, 0), col(st, 1), col(st, 2),
           col(st, 3), (size_t)sqlite3_column_int64(st, 4),
           (size_t)sqlite3_column_int64(st, 5),
           (size_t)sqlite3_column_int64(st, 6));
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "pending names");
}

td_status td__store_pending_forget(td__store *s, int64_t seq, size_t off,
                                   size_t len)
{
    return exec_bound(s, &s->pend_forget,
                      "DELETE FROM pending_names WHERE article = ?1 AND "
                      "off = ?2 AND len = ?3",
                      seq, (int64_t)off, (int64_t)len, "pending name");
}

td_status td__store_pending_expire(td__store *s, int64_t min_seq)
{
    return exec_bound(s, &s->pend_expire,
                      "DELETE FROM pending_names WHERE article < ?1",
                      min_seq, 0, 0, "pending names");
}

int64_t td__store_max_seq(td__store *s)
{
    sqlite3_stmt *st = lazy(s, &s->max_seq,
                            "SELECT coalesce(max(seq), 0) FROM articles",
                            "latest article");
    if (!st)
        return -1;
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                               : -1;
    sqlite3_reset(st);
    return n;
}

/* ------------------------------------------------------ whole-store copy */

/* The key column of a copy table: the first of its columns. */
static void copy_key(const td__copy_table *t, char out[32])
{
    size_t n = strcspn(t->cols, ",");
    snprintf(out, 32, "%.*s", (int)n, t->cols);
}

td_status td__store_dump(td__store *s, int table, int64_t after, int limit,
                         td__dump_cb cb, void *ud, int64_t *last)
{
    const td__copy_table *t = &td__copy_tables[table];
    char key[32], sql[1024];
    copy_key(t, key);
    *last = after;
    if (strcmp(t->name, "follows") == 0) {
        int have = 0;
        if (pragma_int(s->db,
                       "SELECT count(*) FROM sqlite_master WHERE name = "
                       "'follows'",
                       &have) != SQLITE_OK)
            return fail(s, TD_EDB, "copy");
        if (!have)
            return TD_OK;
    }
    snprintf(sql, sizeof sql,
             "SELECT %s FROM %s WHERE %s > ?1 AND %s <= coalesce((SELECT "
             "max(k) FROM (SELECT DISTINCT %s AS k FROM %s WHERE %s > ?1 "
             "ORDER BY %s LIMIT ?2)), ?1) ORDER BY %s",
             t->cols, t->name, key, key, key, t->name, key, key, t->order);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "copy");
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, limit);
    int n = (int)strlen(t->types), stop = 0;
    const char *v[24];
    size_t len[24];
    char num[24][32];
    while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n; i++) {
            len[i] = 0;
            if (sqlite3_column_type(st, i) == SQLITE_NULL) {
                v[i] = NULL;
                continue;
            }
            switch (t->types[i]) {
            case 'i':
                snprintf(num[i], sizeof num[i], "%lld",
                         (long long)sqlite3_column_int64(st, i));
                v[i] = num[i];
                break;
            case 'r':
                snprintf(num[i], sizeof num[i], "%.17g",
                         sqlite3_column_double(st, i));
                v[i] = num[i];
                break;
            case 'b':
                v[i] = sqlite3_column_blob(st, i);
                len[i] = (size_t)sqlite3_column_bytes(st, i);
                if (!v[i])
                    v[i] = "";
                break;
            default:
                v[i] = col(st, i);
                len[i] = (size_t)sqlite3_column_bytes(st, i);
            }
        }
        *last = sqlite3_column_int64(st, 0);
        stop = cb(ud, v, len);
    }
    sqlite3_finalize(st);
    if (stop)
        return (td_status)stop;
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "copy");
}

td_status td__store_load(td__store *s, int table, const char *const *v,
                         const size_t *len)
{
    const td__copy_table *t = &td__copy_tables[table];
    int n = (int)strlen(t->types);
    if (strcmp(t->name, "follows") == 0 &&
        sqlite3_exec(s->db, follows_schema, NULL, NULL, NULL) != SQLITE_OK)
        return fail(s, TD_EDB, "follows");
    char sql[1024];
    int k = snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES (", t->name,
                     t->cols);
    for (int i = 0; i < n && k < (int)sizeof sql - 8; i++)
        k += snprintf(sql + k, sizeof sql - (size_t)k, "%s?", i ? "," : "");
    snprintf(sql + k, sizeof sql - (size_t)k, ")");
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "copy");
    for (int i = 0; i < n; i++) {
        if (!v[i])
            sqlite3_bind_null(st, i + 1);
        else if (t->types[i] == 'i')
            sqlite3_bind_int64(st, i + 1, strtoll(v[i], NULL, 10));
        else if (t->types[i] == 'r')
            sqlite3_bind_double(st, i + 1, strtod(v[i], NULL));
        else if (t->types[i] == 'b')
            sqlite3_bind_blob(st, i + 1, v[i], (int)len[i], SQLITE_STATIC);
        else
            sqlite3_bind_text(st, i + 1, v[i], -1, SQLITE_STATIC);
    }
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "copy");
    /* Its story's summary rows (schema 5) are made again from its
     * articles when the batch commits; an assignment's score chooses the
     * headline source, so its story is made again too. */
    if (strcmp(t->name, "assignments") == 0)
        return story_dirty(s, v[1] ? strtoll(v[1], NULL, 10) : 0);
    if (table != 0)
        return TD_OK;
    td_status sr = story_dirty(s, v[11] ? strtoll(v[11], NULL, 10) : 0);
    if (sr != TD_OK)
        return sr;
    /* An article's search index row: its title, text and the terms the
     * engine would have made of it. */
    td__stored a = {0};
    a.title = v[3];
    a.text = v[9];
    a.terms = td__copy_terms(v[9] ? v[9] : "", v[5]);
    if (!a.terms)
        return TD_ENOMEM;
    td_status r = fts_queue(s, strtoll(v[0], NULL, 10), &a);
    td__free((char *)a.terms);
    return r;
}

td_status td__store_copy_get(td__store *s, const char *source, int table,
                             int64_t *done, int *found)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(
        s->db, "SELECT value FROM meta WHERE key = 'copy ' || ?1 || ' ' || ?2",
        -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "copy");
    sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, td__copy_tables[table].name, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    *done = *found ? strtoll(col(st, 0), NULL, 10) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? TD_OK
                                                 : fail(s, map_rc(rc), "copy");
}

td_status td__store_copy_set(td__store *s, const char *source, int table,
                             int64_t done)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT OR REPLACE INTO meta VALUES ('copy ' "
                                "|| ?1 || ' ' || ?2, ?3)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "copy");
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)done);
    sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, td__copy_tables[table].name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, num, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? TD_OK : fail(s, map_rc(rc), "copy");
}
