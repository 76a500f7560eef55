/* sqlite.c -- the SQLite storage backend (WAL, batched transactions, FTS5).
 *
 * A tidings database is recognised by its application_id; a file that is a
 * SQLite database of something else is refused rather than written into. */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/alloc.h"
#include "store/store.h"

#define TD_APPLICATION_ID 0x5444474E /* "TDGN" */
#define TD_SCHEMA_VERSION 1

struct td__store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *has, *put, *put_fts;
    int in_batch;
    char err[512];
};

struct td__store_cursor {
    td__store *s;
    sqlite3_stmt *st;
    int search;
};

static const char schema[] =
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
    "INSERT INTO meta VALUES ('application', 'tidings');";

#define ARTICLE_COLS                                                        \
    "a.id, a.url, a.title, a.date, a.lang, a.lang_conf, a.source, a.name, " \
    "a.text, a.story, a.duplicate_of, a.translation_of"

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

/* Creates the schema in an empty database, or checks that a non-empty one
 * is ours. */
static td_status init_schema(td__store *s)
{
    int app = 0, version = 0, tables = 0;
    int rc = pragma_int(s->db, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = pragma_int(s->db, "PRAGMA user_version", &version);
    if (rc == SQLITE_OK)
        rc = pragma_int(s->db, "SELECT count(*) FROM sqlite_master", &tables);
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
        if (version > TD_SCHEMA_VERSION) {
            snprintf(s->err, sizeof s->err,
                     "%s: made by a newer tidings (schema %d, this one "
                     "knows %d)",
                     s->path, version, TD_SCHEMA_VERSION);
            return TD_ENOTDB;
        }
        return TD_OK;
    }
    if (tables > 0 || app != 0) {
        snprintf(s->err, sizeof s->err,
                 "%s: not a tidings database (an SQLite database of "
                 "something else)",
                 s->path);
        return TD_ENOTDB;
    }
    char sql[sizeof schema + 128];
    snprintf(sql, sizeof sql,
             "BEGIN;%sPRAGMA application_id=%d;PRAGMA user_version=%d;COMMIT;",
             schema, TD_APPLICATION_ID, TD_SCHEMA_VERSION);
    rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        td_status st = fail(s, map_rc(rc), "cannot create the schema");
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return st;
    }
    return TD_OK;
}

static td_status prepare(td__store *s, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st,
                                NULL);
    return rc == SQLITE_OK ? TD_OK : fail(s, map_rc(rc), "prepare");
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
    int rc = sqlite3_open_v2(path, &s->db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                 SQLITE_OPEN_NOMUTEX,
                             NULL);
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
    st = init_schema(s);
    if (st != TD_OK)
        goto out;
    /* WAL: readers (the server) never block the writer, and a killed
     * writer loses only its open batch. NORMAL sync is durable against a
     * killed process, which is what a batch ingester has to survive. */
    rc = sqlite3_exec(s->db,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                      "PRAGMA foreign_keys=ON;",
                      NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        st = fail(s, map_rc(rc), "cannot set up the database");
        goto out;
    }
    if ((st = prepare(s, "SELECT 1 FROM articles WHERE id = ?", &s->has)) ||
        (st = prepare(s,
                      "INSERT INTO articles(id, url, title, date, lang, "
                      "lang_conf, source, name, text, raw_len) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?)",
                      &s->put)) ||
        (st = prepare(s,
                      "INSERT INTO article_fts(rowid, title, body, terms) "
                      "VALUES (?,?,?,?)",
                      &s->put_fts)))
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

void td__store_close(td__store *s)
{
    if (!s)
        return;
    if (s->in_batch)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_finalize(s->has);
    sqlite3_finalize(s->put);
    sqlite3_finalize(s->put_fts);
    sqlite3_close_v2(s->db);
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
    int rc = sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "cannot begin a transaction");
    s->in_batch = 1;
    return TD_OK;
}

td_status td__store_commit(td__store *s)
{
    if (!s->in_batch)
        return TD_OK;
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return fail(s, map_rc(rc), "cannot commit");
    s->in_batch = 0;
    return TD_OK;
}

td_status td__store_rollback(td__store *s)
{
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

td_status td__store_put(td__store *s, const td__stored *a)
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
    int rc = sqlite3_step(p);
    sqlite3_reset(p);
    sqlite3_clear_bindings(p);
    if (rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "cannot store the article");
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    p = s->put_fts;
    sqlite3_bind_int64(p, 1, rowid);
    bind_opt(p, 2, a->title);
    bind_opt(p, 3, a->text);
    bind_opt(p, 4, a->terms);
    rc = sqlite3_step(p);
    sqlite3_reset(p);
    sqlite3_clear_bindings(p);
    if (rc != SQLITE_DONE)
        return fail(s, map_rc(rc), "cannot index the article");
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
        "ORDER BY bm25(article_fts) LIMIT ?5";
    sqlite3_stmt *st;
    td_status r = open_cursor(s, sql, 1, out, &st);
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
    if (c->search) {
        row->snippet = col(st, 12);
        row->score = -sqlite3_column_double(st, 13);
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
