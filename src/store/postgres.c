/* postgres.c -- the PostgreSQL storage backend (libpq), for many writers
 * on many machines and several servers over one database.
 *
 * The tables live in their own schema ("tidings", or the setting
 * tidings.schema given in the connection's options). Writers serialise
 * their batches on one transaction-scoped advisory lock, which stands for
 * SQLite's write lock: analysis runs in parallel in every process, while
 * storing and story assignment of a batch see every batch committed before
 * them, so the stories are those of one writer. A killed writer's lock
 * goes with its session. Arrival numbers and entity ids are handed out
 * under that lock as SQLite hands out rowids (the largest plus one), so
 * both backends number a store alike.
 *
 * Search: each article carries a tsvector (the 'simple' configuration's
 * type, but built here from the engine's own folded tokens, weight A for
 * the title, B for the body, C for the analysed terms), and the engine's
 * FTS5 expression is translated to a tsquery over those lexemes. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpq-fe.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/hmap.h"
#include "store/copy.h"
#include "store/dsn.h"
#include "store/names_pg.h" /* td__store_* here are td__pg_* */
#include "store/store.h"
#include "story/features.h"
#include "text/tokens.h"
#include "text/unicode.h"

/* The schema version this file writes: the same numbers as sqlite.c's. */
#define TD_SCHEMA_VERSION 4

/* Advisory lock keys (pg_advisory_xact_lock(int, int)): the first names
 * tidings, the second what is locked, hashed with the schema name so two
 * stores in one database do not wait for each other. */
#define LOCK_CLASS 0x54444700 /* "TDG\0" */
#define LOCK_SETUP 1
#define LOCK_WRITE 2

/* Reconnecting after a lost connection: tries, doubling the wait from
 * RETRY_FIRST_MS up to RETRY_MAX_MS. */
#define RETRY_TRIES 8
#define RETRY_FIRST_MS 100
#define RETRY_MAX_MS 5000

/* Rows a cursor over every article fetches at a time. */
#define ALL_PAGE 1000

/* Positions in a tsvector stop at 16383: long bodies share the last. */
#define TSV_MAX_POS 16383

/* A month's partition is made once a process has seen it. */
#define MAX_MONTHS 4096

/* Entity look-ups remembered in a batch (see ecache), at most. */
#define ECACHE_MAX 100000
/* A store of at most this many entities is read whole at a batch. */
#define ECACHE_ALL 100000
/* A prefix with more entities than this is not remembered. */
#define ECACHE_ROWS 1000

/* Statements sent before their results are read, at most. */
#define MAX_QUEUED 256

struct td__store {
    PGconn *conn;
    char *dsn;
    char where[256]; /* the DSN without its password, for messages */
    char schema[64];
    char sq[140];    /* the schema, quoted as an identifier */
    int lock_key;    /* hash of the schema name */
    int in_batch;
    int changed;
    int64_t clock;       /* the write clock after our last batch */
    int wrote;           /* this batch changed something */
    int64_t next_seq;    /* the next arrival number (in a batch) */
    int64_t next_entity; /* the next entity id (in a batch) */
    int months[MAX_MONTHS]; /* year*12+month of partitions known to exist */
    size_t nmonths;
    unsigned char *fbuf;
    size_t fbuf_cap;
    long statements; /* sent, for the benchmark (TIDINGS_PG_STATS) */
    long trips;      /* waits for the server's answers */
    int trace;       /* TIDINGS_PG_TRACE: every read on stderr */
    double lock_wait; /* seconds waited for the write lock */
    /* The entities of each (kind, prefix) looked up in the batches since
     * another writer last wrote: entity resolution asks for hundreds an
     * article, which SQLite answers in microseconds and a server in a
     * round trip each. Kept up to date by our own writes (we hold the
     * write lock), dropped when another writer has written. */
    struct ecache_entry {
        int kind;
        char *prefix;
        td__entity_row *rows;
        size_t n, cap;
    } *ecache;
    size_t necache, capecache;
    td__hmap ecache_by_key; /* hash of kind and prefix -> index + 1 */
    td__hmap ecache_by_id;  /* entity id -> index + 1 */
    int ecache_complete;    /* holds every entity (a small store) */
    int ecache_tried;       /* loading every entity was tried */
    td__hmap prepared; /* hash of a statement's text -> its name's number */
    uint64_t nprepared;
    int piped;            /* in libpq's pipeline mode */
    const char *queued[256]; /* what each unanswered statement does */
    size_t nqueued;
    char err[768];
};

/* A cursor holds its whole result, except the one over every article,
 * which fetches ALL_PAGE rows at a time by arrival number. */
struct td__store_cursor {
    td__store *s;
    PGresult *res;
    int row, kind;       /* kind: CUR_* */
    int64_t after;       /* CUR_ALL: the last seq returned */
    char **terms;        /* CUR_SEARCH: the query's lexemes, for snippets */
    size_t nterms;
    td__buf snip, langs; /* the row's snippet; a story row's languages */
};

enum { CUR_PLAIN, CUR_SEARCH, CUR_WHY, CUR_ALL, CUR_STORY };

/* ------------------------------------------------------------ basics */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static td_status failp(td__store *s, td_status st, const char *what,
                       const PGresult *r)
{
    const char *m = r ? PQresultErrorMessage(r) : "";
    if (!m || !*m)
        m = PQerrorMessage(s->conn);
    size_t n = strlen(m);
    while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
        n--;
    snprintf(s->err, sizeof s->err, "%s: %s: %.*s", s->where, what, (int)n,
             m);
    return st;
}

/* Parameters of one statement, as text (or binary for bytea). */
typedef struct args {
    const char *v[16];
    int len[16], fmt[16];
    char num[16][32];
    int n;
} args;

static void a_str(args *a, const char *v)
{
    a->v[a->n] = v;
    a->len[a->n] = 0;
    a->fmt[a->n] = 0;
    a->n++;
}

static void a_int(args *a, int64_t x)
{
    snprintf(a->num[a->n], sizeof a->num[a->n], "%lld", (long long)x);
    a_str(a, a->num[a->n]);
}

static void a_dbl(args *a, double x)
{
    snprintf(a->num[a->n], sizeof a->num[a->n], "%.17g", x);
    a_str(a, a->num[a->n]);
}

static void a_blob(args *a, const void *p, size_t n)
{
    a->v[a->n] = p;
    a->len[a->n] = (int)n;
    a->fmt[a->n] = 1;
    a->n++;
}

static int lost(td__store *s)
{
    return PQstatus(s->conn) == CONNECTION_BAD;
}

/* Reconnects with back-off, saying so on stderr: a lost connection is
 * retried and reported, never skipped. 0 when connected again. */
static int reconnect(td__store *s);
static void ecache_clear(td__store *s);

/* Statements go through libpq's pipeline mode once the store is set up:
 * a write is sent and its result read later, so that the dozens of small
 * writes an article makes (mentions, dates, features) cost no round trip
 * each; a read sends a sync and takes every result before its own, so it
 * sees every earlier write of the connection. Before pipeline mode (the
 * set-up) statements run one at a time. */

/* Takes the results of every queued statement and the sync; keep (may be
 * NULL) gets the last statement's result when want_last. Returns 0, or -1
 * with the message set (the first failure). */
static int drain(td__store *s, int want_last, PGresult **keep)
{
    int bad = 0;
    s->trips++;
    if (PQpipelineSync(s->conn) != 1) {
        s->nqueued = 0;
        failp(s, TD_EDB, "cannot send", NULL);
        return -1;
    }
    for (size_t i = 0; i < s->nqueued; i++) {
        PGresult *r = PQgetResult(s->conn);
        if (!r) {
            if (!bad)
                failp(s, TD_EDB, s->queued[i], NULL);
            bad = 1;
            if (lost(s))
                break;
            continue;
        }
        ExecStatusType t = PQresultStatus(r);
        if (t != PGRES_COMMAND_OK && t != PGRES_TUPLES_OK) {
            if (!bad && t != PGRES_PIPELINE_ABORTED)
                failp(s, TD_EDB, s->queued[i], r);
            bad = 1;
        }
        if (keep && want_last && i + 1 == s->nqueued && !bad)
            *keep = r;
        else
            PQclear(r);
        /* the end of this statement's results */
        while ((r = PQgetResult(s->conn)) != NULL)
            PQclear(r);
    }
    s->nqueued = 0;
    if (!lost(s)) {
        PGresult *r = PQgetResult(s->conn); /* PGRES_PIPELINE_SYNC */
        PQclear(r);
    }
    if (bad && keep && *keep) {
        PQclear(*keep);
        *keep = NULL;
    }
    if (bad) {
        /* A statement prepared in this round may not have been: prepare
         * again, under new names, whatever is run next. */
        td__hmap_free(&s->prepared);
        memset(&s->prepared, 0, sizeof s->prepared);
    }
    return bad ? -1 : 0;
}

/* Whether sql is worth preparing: a statement with parameters (the ones
 * an ingest runs per article), not DDL. */
static int preparable(const char *sql, const args *a)
{
    return a && a->n > 0 &&
           (strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "INSERT", 6) == 0 ||
            strncmp(sql, "UPDATE", 6) == 0 || strncmp(sql, "DELETE", 6) == 0 ||
            strncmp(sql, "WITH", 4) == 0);
}

static int queue(td__store *s, const char *sql, const args *a,
                 const char *what)
{
    s->statements++;
    if (s->nqueued + 2 > MAX_QUEUED) {
        if (drain(s, 0, NULL) != 0)
            return -1;
    }
    /* Each statement is parsed and planned once a connection: prepared
     * the first time under a name of its own, then run by that name. */
    char name[24] = "";
    if (preparable(sql, a)) {
        uint64_t h = td__hash64(sql, strlen(sql), 0x7464);
        uint64_t *v = td__hmap_get(&s->prepared, h);
        if (!v) {
            v = td__hmap_put(&s->prepared, h);
            if (v) {
                *v = ++s->nprepared;
                snprintf(name, sizeof name, "td%llu", (unsigned long long)*v);
                s->queued[s->nqueued++] = what;
                if (!PQsendPrepare(s->conn, name, sql, a->n, NULL)) {
                    s->nqueued--;
                    failp(s, TD_EDB, what, NULL);
                    return -1;
                }
            }
        } else
            snprintf(name, sizeof name, "td%llu", (unsigned long long)*v);
    }
    s->queued[s->nqueued++] = what;
    int ok = name[0] ? PQsendQueryPrepared(s->conn, name, a->n, a->v, a->len,
                                           a->fmt, 0)
             : a     ? PQsendQueryParams(s->conn, sql, a->n, NULL, a->v,
                                         a->len, a->fmt, 0)
                     : PQsendQueryParams(s->conn, sql, 0, NULL, NULL, NULL,
                                         NULL, 0);
    if (ok)
        return 0;
    s->nqueued--;
    failp(s, TD_EDB, what, NULL);
    return -1;
}

/* A lost connection: inside a batch the batch is gone and the failure
 * says so; outside one the caller may try again. */
static void on_lost(td__store *s, const char *what)
{
    if (s->in_batch) {
        s->in_batch = 0;
        snprintf(s->err, sizeof s->err,
                 "%s: %s: the connection was lost in a batch; its articles "
                 "were not stored (run the ingest again)",
                 s->where, what);
    }
    s->nqueued = 0;
    if (reconnect(s) != 0 && !s->in_batch)
        snprintf(s->err, sizeof s->err,
                 "%s: %s: the connection was lost and could not be made "
                 "again: %s",
                 s->where, what, PQerrorMessage(s->conn));
}

/* Runs sql and returns its result (rows or command), or NULL with the
 * message set. */
static PGresult *run(td__store *s, const char *sql, const args *a,
                     const char *what)
{
    for (int attempt = 0;; attempt++) {
        int batch = s->in_batch, earlier = s->nqueued > 0;
        if (!s->piped) {
            s->statements++;
            PGresult *r = a ? PQexecParams(s->conn, sql, a->n, NULL, a->v,
                                           a->len, a->fmt, 0)
                            : PQexec(s->conn, sql);
            ExecStatusType t = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
            if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK)
                return r;
            failp(s, TD_EDB, what, r);
            PQclear(r);
            return NULL;
        }
        PGresult *r = NULL;
        if (s->trace)
            fprintf(stderr, "tidings-pg-trace: %.60s\n", sql);
        if (queue(s, sql, a, what) == 0 && drain(s, 1, &r) == 0)
            return r;
        if (!lost(s))
            return NULL;
        on_lost(s, what);
        if (batch || earlier || attempt > 0 || lost(s))
            return NULL;
    }
}

/* A statement without rows: queued in pipeline mode (its failure is
 * reported by the next read or commit), else run at once. */
static td_status exec(td__store *s, const char *sql, const args *a,
                      const char *what)
{
    if (s->piped) {
        if (queue(s, sql, a, what) == 0)
            return TD_OK;
        if (lost(s))
            on_lost(s, what);
        return TD_EDB;
    }
    PGresult *r = run(s, sql, a, what);
    if (!r)
        return TD_EDB;
    PQclear(r);
    return TD_OK;
}

/* Waits for every queued write. */
static td_status flush(td__store *s)
{
    if (!s->piped || !s->nqueued)
        return TD_OK;
    if (drain(s, 0, NULL) == 0)
        return TD_OK;
    if (lost(s))
        on_lost(s, "write");
    return TD_EDB;
}

static const char *val(const PGresult *r, int row, int c)
{
    return PQgetisnull(r, row, c) ? NULL : PQgetvalue(r, row, c);
}

static int64_t ival(const PGresult *r, int row, int c)
{
    return PQgetisnull(r, row, c) ? 0 : strtoll(PQgetvalue(r, row, c), NULL,
                                                10);
}

/* The first column of the first row as a number (def when none). */
static td_status scalar(td__store *s, const char *sql, const args *a,
                        const char *what, int64_t def, int64_t *out)
{
    PGresult *r = run(s, sql, a, what);
    if (!r)
        return TD_EDB;
    *out = PQntuples(r) ? (PQgetisnull(r, 0, 0) ? def : ival(r, 0, 0)) : def;
    PQclear(r);
    return TD_OK;
}

/* ------------------------------------------------------------ schema */

/* Every text column is compared as bytes (COLLATE "C"), as SQLite does,
 * so that orders and ranges are those of the other backend whatever the
 * database's locale. */
#define T "text COLLATE \"C\""

/* Schema 4, the first this backend writes: the tables of sqlite.c's
 * schema 4, with articles partitioned by month (month_key: the first day
 * of the article's month, 0001-01-01 when undated) and a table of ids
 * (article_ids) that keeps each id once across the partitions. */
static const char schema_v4[] =
    "CREATE TABLE meta(key " T " PRIMARY KEY, value " T " NOT NULL);"
    "CREATE TABLE write_clock(id int PRIMARY KEY, n bigint NOT NULL);"
    "INSERT INTO write_clock VALUES (1, 0);"
    "CREATE TABLE article_ids(id " T " PRIMARY KEY, seq bigint NOT NULL "
    "  UNIQUE);"
    "CREATE TABLE articles("
    "  seq bigint NOT NULL, month_key date NOT NULL,"
    "  id " T " NOT NULL, url " T ", title " T ", date " T ", lang " T ","
    "  lang_conf double precision, source " T ", name " T ","
    "  text " T " NOT NULL, raw_len bigint NOT NULL DEFAULT 0,"
    "  story bigint, duplicate_of " T ", translation_of " T ","
    "  author " T ", canonical_url " T ","
    "  ingested_at " T " NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC',"
    "    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  tsv tsvector,"
    "  PRIMARY KEY (seq, month_key)) PARTITION BY RANGE (month_key);"
    "CREATE TABLE articles_undated PARTITION OF articles"
    "  FOR VALUES FROM (MINVALUE) TO ('0002-01-01');"
    "CREATE INDEX articles_id ON articles(id);"
    "CREATE INDEX articles_date ON articles(date);"
    "CREATE INDEX articles_lang ON articles(lang);"
    "CREATE INDEX articles_story ON articles(story, seq);"
    "CREATE INDEX articles_tsv ON articles USING gin(tsv);"
    "CREATE TABLE entities("
    "  id bigint PRIMARY KEY, kind int NOT NULL, key " T " NOT NULL,"
    "  prefix " T " NOT NULL, name " T ", mentions bigint NOT NULL DEFAULT 0);"
    "CREATE INDEX entities_prefix ON entities(kind, prefix, mentions DESC);"
    "CREATE TABLE entity_variants("
    "  entity bigint NOT NULL, surface " T " NOT NULL,"
    "  lang " T " NOT NULL DEFAULT '', ascii int NOT NULL, words int NOT NULL,"
    "  count bigint NOT NULL DEFAULT 0, PRIMARY KEY (entity, surface, lang));"
    "CREATE INDEX entity_variants_surface ON entity_variants("
    "  translate(surface, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    "    'abcdefghijklmnopqrstuvwxyz'));"
    "CREATE TABLE mentions(article bigint NOT NULL, entity bigint NOT NULL,"
    "  off int NOT NULL, len int NOT NULL);"
    "CREATE INDEX mentions_article ON mentions(article);"
    "CREATE INDEX mentions_entity ON mentions(entity, article);"
    "CREATE TABLE article_dates(article bigint NOT NULL, date " T " NOT NULL,"
    "  off int NOT NULL, len int NOT NULL, relative int NOT NULL);"
    "CREATE INDEX article_dates_article ON article_dates(article);"
    "CREATE TABLE article_numbers(article bigint NOT NULL,"
    "  value " T " NOT NULL, unit " T ", off int NOT NULL, len int NOT NULL);"
    "CREATE INDEX article_numbers_article ON article_numbers(article);"
    "CREATE TABLE assignments(article bigint PRIMARY KEY,"
    "  story bigint NOT NULL, score double precision NOT NULL, why " T ");"
    "CREATE TABLE article_features(article bigint PRIMARY KEY,"
    "  root bigint NOT NULL, ntokens bigint NOT NULL,"
    "  features bytea NOT NULL, minhash bytea NOT NULL);"
    "CREATE TABLE pending_names(article bigint NOT NULL, key " T " NOT NULL,"
    "  surface " T " NOT NULL, lang " T ", off int NOT NULL,"
    "  len int NOT NULL, words int NOT NULL);"
    "CREATE INDEX pending_names_article ON pending_names(article, off);"
    "CREATE TABLE follows(id bigint PRIMARY KEY, query " T " NOT NULL,"
    "  created " T " NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC',"
    "    'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
    "  seen_seq bigint NOT NULL DEFAULT 0);"
    "CREATE TABLE copy_progress(source " T " PRIMARY KEY, done bigint NOT "
    "  NULL);"
    "INSERT INTO meta VALUES ('application', 'tidings');";

/* The steps from nothing to TD_SCHEMA_VERSION: steps[i] makes schema
 * steps[i].version from the one before (the first from an empty schema).
 * A new schema is one more entry, never an edit of an old one. */
static const struct {
    int version;
    const char *sql;
} steps[] = {
    {4, schema_v4},
};

/* Sets up our schema: reads its version, and creates or upgrades it under
 * an advisory lock, deciding again once the lock is held, so that two
 * processes opening a new store at once both succeed. */
static td_status init_schema(td__store *s)
{
    char sql[512];
    args a = {0};
    a_str(&a, s->schema);
    int64_t version = 0;
    td_status st;
    for (int locked = 0; locked < 2; locked++) {
        if (locked) {
            snprintf(sql, sizeof sql,
                     "BEGIN; SELECT pg_advisory_xact_lock(%d, %d)",
                     LOCK_CLASS, LOCK_SETUP + 16 * s->lock_key);
            if ((st = exec(s, sql, NULL, "cannot lock the store to set it "
                                         "up")) != TD_OK)
                return st;
        }
        int64_t has = 0;
        st = scalar(s,
                    "SELECT count(*) FROM pg_tables WHERE schemaname = $1 "
                    "AND tablename = 'meta'",
                    &a, "cannot read the store", 0, &has);
        if (st == TD_OK && has) {
            snprintf(sql, sizeof sql,
                     "SELECT coalesce((SELECT value::int FROM %s.meta WHERE "
                     "key = 'schema'), 0), (SELECT count(*) FROM %s.meta "
                     "WHERE key = 'application' AND value = 'tidings')",
                     s->sq, s->sq);
            PGresult *r = run(s, sql, NULL, "cannot read the store");
            if (!r)
                st = TD_EDB;
            else {
                version = ival(r, 0, 0);
                int ours = (int)ival(r, 0, 1);
                PQclear(r);
                if (!ours) {
                    snprintf(s->err, sizeof s->err,
                             "%s: not a tidings store (schema %s holds "
                             "something else)",
                             s->where, s->schema);
                    st = TD_ENOTDB;
                } else if (version > TD_SCHEMA_VERSION) {
                    snprintf(s->err, sizeof s->err,
                             "%s: made by a newer tidings (schema %lld, this "
                             "one knows %d)",
                             s->where, (long long)version, TD_SCHEMA_VERSION);
                    st = TD_ENOTDB;
                }
            }
        }
        if (st != TD_OK || version == TD_SCHEMA_VERSION) {
            if (locked)
                exec(s, st == TD_OK ? "COMMIT" : "ROLLBACK", NULL, "set up");
            return st;
        }
        if (!locked)
            continue;
        if (!has) {
            snprintf(sql, sizeof sql, "CREATE SCHEMA IF NOT EXISTS %s",
                     s->sq);
            st = exec(s, sql, NULL, "cannot create the schema");
        }
        snprintf(sql, sizeof sql, "SET LOCAL search_path = %s", s->sq);
        if (st == TD_OK)
            st = exec(s, sql, NULL, "set up");
        for (size_t i = 0; st == TD_OK && i < sizeof steps / sizeof *steps;
             i++) {
            if (steps[i].version <= version)
                continue;
            char what[64];
            snprintf(what, sizeof what, "cannot upgrade to schema %d",
                     steps[i].version);
            st = exec(s, steps[i].sql, NULL, what);
        }
        if (st == TD_OK) {
            snprintf(sql, sizeof sql,
                     "INSERT INTO meta VALUES ('schema', '%d') ON CONFLICT "
                     "(key) DO UPDATE SET value = excluded.value; COMMIT",
                     TD_SCHEMA_VERSION);
            st = exec(s, sql, NULL, "cannot set up the store");
        }
        if (st != TD_OK) {
            PGresult *r = PQexec(s->conn, "ROLLBACK");
            PQclear(r);
        }
        return st;
    }
    return TD_OK;
}

/* The schema named by the connection's options (-c tidings.schema=NAME),
 * else "tidings"; letters, digits and _ only. */
static td_status pick_schema(td__store *s)
{
    PGresult *r = run(s, "SELECT current_setting('tidings.schema', true)",
                      NULL, "cannot read the settings");
    if (!r)
        return TD_EDB;
    const char *v = val(r, 0, 0);
    snprintf(s->schema, sizeof s->schema, "%s", v && *v ? v : "tidings");
    PQclear(r);
    for (const char *p = s->schema; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_') {
            snprintf(s->err, sizeof s->err,
                     "%s: tidings.schema '%s': letters, digits and _ only",
                     s->where, s->schema);
            return TD_EINVAL;
        }
    snprintf(s->sq, sizeof s->sq, "\"%s\"", s->schema);
    unsigned h = 5381;
    for (const char *p = s->schema; *p; p++)
        h = h * 33 + (unsigned char)*p;
    s->lock_key = (int)(h % 100000);
    return TD_OK;
}

static td_status session_setup(td__store *s)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "SET search_path = %s; SET client_min_messages = warning; "
             "SET synchronous_commit = on",
             s->sq);
    return exec(s, sql, NULL, "cannot set up the session");
}

static int reconnect(td__store *s)
{
    int ms = RETRY_FIRST_MS;
    for (int i = 0; i < RETRY_TRIES; i++) {
        fprintf(stderr,
                "tidings: %s: connection lost (%s); trying again in %d ms\n",
                s->where, PQerrorMessage(s->conn), ms);
        struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        PQreset(s->conn);
        if (PQstatus(s->conn) == CONNECTION_OK) {
            int saved = s->in_batch, piped = s->piped;
            s->in_batch = 0;
            s->piped = 0;
            s->nqueued = 0;
            s->nmonths = 0;
            ecache_clear(s);
            td__hmap_free(&s->prepared);
            memset(&s->prepared, 0, sizeof s->prepared);
            td_status st = session_setup(s);
            s->in_batch = saved;
            if (st == TD_OK && piped) {
                if (PQenterPipelineMode(s->conn) == 1)
                    s->piped = 1;
                else
                    st = TD_EDB;
            }
            if (st == TD_OK) {
                fprintf(stderr, "tidings: %s: connected again\n", s->where);
                return 0;
            }
        }
        ms = ms * 2 > RETRY_MAX_MS ? RETRY_MAX_MS : ms * 2;
    }
    return -1;
}

td_status td__store_open(const char *path, td__store **out, char *err,
                         size_t errlen)
{
    td__store *s = td__calloc(1, sizeof *s);
    if (!s || !(s->dsn = td__strdup(path))) {
        td__free(s);
        if (errlen)
            snprintf(err, errlen, "%s: out of memory", "database");
        return TD_ENOMEM;
    }
    td__dsn_redact(path, s->where, sizeof s->where);
    s->trace = getenv("TIDINGS_PG_TRACE") != NULL;
    td_status st = TD_OK;
    s->conn = PQconnectdb(path);
    if (!s->conn || PQstatus(s->conn) != CONNECTION_OK) {
        const char *m = s->conn ? PQerrorMessage(s->conn) : "out of memory";
        size_t n = strlen(m);
        while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
            n--;
        snprintf(s->err, sizeof s->err, "%s: cannot connect: %.*s", s->where,
                 (int)n, m);
        st = TD_EIO;
        goto out;
    }
    {
        PGresult *r = PQexec(s->conn, "SET client_min_messages = warning");
        PQclear(r);
    }
    if ((st = pick_schema(s)) != TD_OK || (st = init_schema(s)) != TD_OK ||
        (st = session_setup(s)) != TD_OK)
        goto out;
    st = scalar(s, "SELECT n FROM write_clock WHERE id = 1", NULL,
                "cannot read the store", 0, &s->clock);
    if (st == TD_OK) {
        if (PQenterPipelineMode(s->conn) != 1)
            st = failp(s, TD_EDB, "cannot set up the session", NULL);
        s->piped = 1;
    }
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
    if (getenv("TIDINGS_PG_STATS") && s->statements)
        fprintf(stderr,
                "tidings-pg-stats: statements=%ld round_trips=%ld "
                "lock_wait=%.3f\n",
                s->statements, s->trips, s->lock_wait);
    if (s->conn) {
        /* An open batch is rolled back by the server as we go. */
        if (!s->in_batch)
            flush(s);
        PQfinish(s->conn);
    }
    ecache_clear(s);
    td__hmap_free(&s->prepared);
    td__free(s->fbuf);
    td__free(s->dsn);
    td__free(s);
}

const char *td__store_errmsg(const td__store *s)
{
    return s->err;
}

/* ----------------------------------------------------------- batches */

td_status td__store_begin(td__store *s)
{
    if (s->in_batch)
        return TD_OK;
    td_status st = exec(s, "BEGIN", NULL, "cannot begin a transaction");
    if (st != TD_OK)
        return st;
    s->in_batch = 1;
    /* The write lock, then what others did before we got it: the write
     * clock (did anyone write since our last batch?) and the numbers to
     * go on from. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT pg_advisory_xact_lock(%d, %d)", LOCK_CLASS,
             LOCK_WRITE + 16 * s->lock_key);
    double t0 = now_s();
    PGresult *r = run(s, sql, NULL, "cannot lock the store for writing");
    s->lock_wait += now_s() - t0;
    if (r) {
        PQclear(r);
        r = run(s,
                "SELECT (SELECT n FROM write_clock WHERE id = 1),"
                " (SELECT coalesce(max(seq), 0) FROM article_ids),"
                " (SELECT coalesce(max(id), 0) FROM entities)",
                NULL, "cannot begin a transaction");
    }
    if (!r) {
        td__store_rollback(s);
        return TD_EDB;
    }
    int64_t clock = ival(r, 0, 0);
    s->next_seq = ival(r, 0, 1) + 1;
    s->next_entity = ival(r, 0, 2) + 1;
    PQclear(r);
    if (clock != s->clock) {
        s->changed = 1;
        ecache_clear(s);
    }
    s->clock = clock;
    s->wrote = 0;
    return TD_OK;
}

int td__store_changed(td__store *s)
{
    int c = s->changed;
    s->changed = 0;
    return c;
}

td_status td__store_commit(td__store *s)
{
    if (!s->in_batch)
        return TD_OK;
    if (s->wrote) {
        int64_t n = 0;
        td_status st = scalar(s,
                              "UPDATE write_clock SET n = n + 1 WHERE id = 1 "
                              "RETURNING n",
                              NULL, "cannot commit", 0, &n);
        if (st != TD_OK)
            return st;
        s->clock = n;
    }
    PGresult *r = run(s, "COMMIT", NULL, "cannot commit");
    td_status st = r ? TD_OK : TD_EDB;
    PQclear(r);
    s->in_batch = 0;
    if (st != TD_OK) {
        s->nmonths = 0; /* partitions made in it are gone */
        ecache_clear(s);
    }
    return st;
}

td_status td__store_rollback(td__store *s)
{
    if (!s->in_batch)
        return TD_OK;
    s->in_batch = 0;
    s->nmonths = 0;
    ecache_clear(s);
    flush(s); /* a failed write is why we roll back: told already */
    PGresult *r = run(s, "ROLLBACK", NULL, "cannot roll back");
    PQclear(r);
    return r ? TD_OK : TD_EDB;
}

/* Writes outside a batch (follows) commit at once; writes of the engine
 * come in batches. A write marks the batch for the write clock. */
static void wrote(td__store *s)
{
    s->wrote = 1;
}

/* ----------------------------------------------------------- articles */

td_status td__store_has(td__store *s, const char *id, int *found)
{
    args a = {0};
    a_str(&a, id);
    PGresult *r = run(s, "SELECT 1 FROM article_ids WHERE id = $1", &a,
                      "lookup");
    if (!r)
        return TD_EDB;
    *found = PQntuples(r) > 0;
    PQclear(r);
    return TD_OK;
}

/* Removes combining diacritical marks after NFD, as FTS5's unicode61
 * tokenizer does (remove_diacritics), so that "Zurich" finds "Zürich". */
static int fold_lexeme(const char *w, td__buf *out)
{
    int ascii = 1;
    for (const char *p = w; *p; p++)
        if ((unsigned char)*p >= 0x80)
            ascii = 0;
    if (ascii)
        return td__buf_puts(out, w);
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&e);
    UChar src[256], dst[512];
    int32_t n = 0;
    u_strFromUTF8(src, 256, &n, w, -1, &e);
    if (U_FAILURE(e) || n >= 256)
        return td__buf_puts(out, w);
    int32_t m = unorm2_normalize(nfd, src, n, dst, 512, &e);
    if (U_FAILURE(e))
        return td__buf_puts(out, w);
    int32_t k = 0;
    for (int32_t i = 0; i < m; i++)
        if (dst[i] < 0x300 || dst[i] > 0x36F)
            dst[k++] = dst[i];
    char u8[1024];
    int32_t len = 0;
    e = U_ZERO_ERROR;
    u_strToUTF8(u8, sizeof u8, &len, dst, k, &e);
    if (U_FAILURE(e) || len == 0)
        return td__buf_puts(out, w);
    return td__buf_append(out, u8, (size_t)len);
}

/* A lexeme as a tsvector/tsquery literal: 'it''s'. */
static int put_lexeme(td__buf *b, const char *w)
{
    td__buf f = TD__BUF_INIT;
    int rc = fold_lexeme(w, &f);
    if (rc == 0 && f.len == 0) {
        td__buf_free(&f);
        return 1; /* nothing: not written */
    }
    rc = rc ? rc : td__buf_putc(b, '\'');
    for (size_t i = 0; rc == 0 && i < f.len; i++) {
        char c = f.p[i];
        if (c == '\'' || c == '\\')
            rc = td__buf_putc(b, c);
        if (rc == 0)
            rc = td__buf_putc(b, c);
    }
    if (rc == 0)
        rc = td__buf_putc(b, '\'');
    td__buf_free(&f);
    return rc;
}

/* Appends the lexemes of text (the engine's tokens, or its
 * space-separated terms when terms is set) at positions from *pos, with
 * weight w. */
static int tsv_add(td__buf *b, const char *text, int terms, char w,
                   long *pos)
{
    if (!text)
        return 0;
    int rc = 0;
    if (terms) {
        for (const char *p = text; *p && rc == 0;) {
            size_t n = strcspn(p, " ");
            if (n && n < 250) {
                char word[256];
                memcpy(word, p, n);
                word[n] = '\0';
                size_t mark = b->len;
                int r = put_lexeme(b, word);
                if (r < 0)
                    return -1;
                if (r == 0)
                    rc = td__buf_printf(b, ":%ld%c ",
                                        *pos > TSV_MAX_POS ? TSV_MAX_POS
                                                           : *pos,
                                        w);
                else
                    b->len = mark;
                (*pos)++;
            }
            p += n;
            while (*p == ' ')
                p++;
        }
        return rc;
    }
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(text, strlen(text), NULL, &t) != TD_OK)
        return -1;
    for (size_t i = 0; i < t.n && rc == 0; i++) {
        if (strlen(t.v[i].norm) >= 250)
            continue;
        size_t mark = b->len;
        int r = put_lexeme(b, t.v[i].norm);
        if (r < 0)
            rc = -1;
        else if (r == 0)
            rc = td__buf_printf(
                b, ":%ld%c ", *pos > TSV_MAX_POS ? TSV_MAX_POS : *pos, w);
        else
            b->len = mark;
        (*pos)++;
    }
    td__tokens_free(&t);
    return rc;
}

/* The article's tsvector literal: title (A), terms (C), body (B), a gap
 * between them so that no phrase spans two. */
static int build_tsv(const td__stored *a, td__buf *b)
{
    long pos = 1;
    if (tsv_add(b, a->title, 0, 'A', &pos) != 0)
        return -1;
    pos += 2;
    if (tsv_add(b, a->terms, 1, 'C', &pos) != 0)
        return -1;
    pos += 2;
    return tsv_add(b, a->text, 0, 'B', &pos);
}

/* The first day of the month of date ("YYYY-MM..." or "YYYY..."), or
 * 0001-01-01 for an undated article; *ym gets year * 12 + month - 1. */
static void month_of(const char *date, char out[11], int *ym)
{
    int y = 0, m = 1;
    if (date && strlen(date) >= 4 && isdigit((unsigned char)date[0]) &&
        isdigit((unsigned char)date[1]) && isdigit((unsigned char)date[2]) &&
        isdigit((unsigned char)date[3])) {
        y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
            (date[2] - '0') * 10 + (date[3] - '0');
        if (date[4] == '-' && isdigit((unsigned char)date[5]) &&
            isdigit((unsigned char)date[6])) {
            m = (date[5] - '0') * 10 + (date[6] - '0');
            if (m < 1 || m > 12)
                m = 1;
        }
    }
    if (y < 2) {
        snprintf(out, 11, "0001-01-01");
        *ym = -1;
        return;
    }
    snprintf(out, 11, "%04d-%02d-01", y % 10000, m % 100);
    *ym = y * 12 + m - 1;
}

/* Makes the month's partition when this process has not seen it. Under
 * the write lock, so no two writers make one at once. */
static td_status ensure_month(td__store *s, const char *first, int ym)
{
    if (ym < 0)
        return TD_OK;
    for (size_t i = 0; i < s->nmonths; i++)
        if (s->months[i] == ym)
            return TD_OK;
    int y = (ym + 1) / 12, m = (ym + 1) % 12 + 1;
    char sql[512];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS articles_%.4s_%.2s PARTITION OF "
             "articles FOR VALUES FROM ('%s') TO ('%04d-%02d-01')",
             first, first + 5, first, y, m);
    td_status st = exec(s, sql, NULL, "cannot make a month's partition");
    if (st == TD_OK && s->nmonths < MAX_MONTHS)
        s->months[s->nmonths++] = ym;
    return st;
}

td_status td__store_put(td__store *s, const td__stored *a, int64_t *seq)
{
    td_status st = td__store_begin(s);
    if (st != TD_OK)
        return st;
    char month[11];
    int ym;
    month_of(a->date, month, &ym);
    if ((st = ensure_month(s, month, ym)) != TD_OK)
        return st;
    td__buf tsv = TD__BUF_INIT;
    if (build_tsv(a, &tsv) != 0) {
        td__buf_free(&tsv);
        return TD_ENOMEM;
    }
    /* One statement: the id is claimed in article_ids (a no-op when
     * another writer has it) and the article stored only if it was. */
    static const char sql[] =
        "WITH claim AS (INSERT INTO article_ids(id, seq) VALUES ($1, $13) "
        "  ON CONFLICT (id) DO NOTHING RETURNING seq) "
        "INSERT INTO articles(seq, month_key, id, url, title, date, lang, "
        "  lang_conf, source, name, text, raw_len, author, canonical_url, "
        "  tsv) "
        "SELECT seq, $14::date, $1, $2, $3, $4, $5, $6::float8, $7, $8, $9, "
        "  $10::bigint, $11, $12, $15::tsvector FROM claim RETURNING seq";
    args p = {0};
    a_str(&p, a->id);
    a_str(&p, a->url);
    a_str(&p, a->title);
    a_str(&p, a->date);
    a_str(&p, a->lang);
    if (a->lang)
        a_dbl(&p, a->lang_confidence);
    else
        a_str(&p, NULL);
    a_str(&p, a->source);
    a_str(&p, a->name);
    a_str(&p, a->text);
    a_int(&p, (int64_t)a->raw_len);
    a_str(&p, a->author);
    a_str(&p, a->canonical_url);
    a_int(&p, s->next_seq);
    a_str(&p, month);
    a_str(&p, td__buf_str(&tsv));
    PGresult *r = run(s, sql, &p, "cannot store the article");
    if (!r) {
        td__buf_free(&tsv);
        return TD_EDB;
    }
    td__buf_free(&tsv);
    int got = PQntuples(r);
    PQclear(r);
    if (!got) {
        if (seq)
            *seq = 0; /* stored by another writer: a no-op */
        return TD_OK;
    }
    wrote(s);
    if (seq)
        *seq = s->next_seq;
    s->next_seq++;
    return TD_OK;
}

int64_t td__store_count(td__store *s)
{
    int64_t n = 0;
    return scalar(s, "SELECT count(*) FROM article_ids", NULL, "count", 0,
                  &n) == TD_OK
               ? n
               : -1;
}

#define ARTICLE_COLS                                                        \
    "a.id, a.url, a.title, a.date, a.lang, a.lang_conf, a.source, a.name, " \
    "a.text, a.story, a.duplicate_of, a.translation_of, a.author, "        \
    "a.canonical_url"

static td_status open_cursor(td__store *s, const char *sql, const args *a,
                             int kind, td__store_cursor **out)
{
    td__store_cursor *c = td__calloc(1, sizeof *c);
    if (!c)
        return TD_ENOMEM;
    c->s = s;
    c->kind = kind;
    c->res = run(s, sql, a, "query");
    if (!c->res) {
        td__free(c);
        return TD_EDB;
    }
    *out = c;
    return TD_OK;
}

static const char all_sql[] =
    "SELECT " ARTICLE_COLS ", a.seq FROM articles a WHERE a.seq > $1 "
    "ORDER BY a.seq LIMIT " "1000";

td_status td__store_all(td__store *s, td__store_cursor **out)
{
    args a = {0};
    a_int(&a, 0);
    return open_cursor(s, all_sql, &a, CUR_ALL, out);
}

td_status td__store_get(td__store *s, const char *id, td__store_cursor **out)
{
    args a = {0};
    a_str(&a, id);
    return open_cursor(s,
                       "SELECT " ARTICLE_COLS " FROM articles a WHERE a.id = "
                       "$1",
                       &a, CUR_PLAIN, out);
}

/* ------------------------------------------------------------ search */

/* The engine's FTS5 expression (search.c: quoted phrases in {title body}
 * or terms, joined by AND and OR, in parentheses) as a tsquery; the
 * lexemes go to terms (for snippets). Returns 0, or -1 on syntax this
 * does not know (a bad query) or out of memory. */
typedef struct xlate {
    const char *p;
    td__buf out;
    char **terms;
    size_t nterms, capterms;
} xlate;

static void skip_ws(xlate *x)
{
    while (*x->p == ' ')
        x->p++;
}

static int add_term(xlate *x, const char *w, size_t n)
{
    if (x->nterms == x->capterms) {
        size_t cap = x->capterms ? x->capterms * 2 : 16;
        char **t = td__realloc(x->terms, cap * sizeof *t);
        if (!t)
            return -1;
        x->terms = t, x->capterms = cap;
    }
    td__buf f = TD__BUF_INIT;
    char *word = td__strndup(w, n);
    if (!word || fold_lexeme(word, &f) != 0) {
        td__free(word);
        td__buf_free(&f);
        return -1;
    }
    td__free(word);
    x->terms[x->nterms++] = td__buf_take(&f);
    return 0;
}

/* A quoted string: its words as a phrase restricted to weights. */
static int x_phrase(xlate *x, const char *weights)
{
    if (*x->p != '"')
        return -1;
    x->p++;
    td__buf s = TD__BUF_INIT;
    for (;;) {
        if (!*x->p) {
            td__buf_free(&s);
            return -1;
        }
        if (*x->p == '"') {
            if (x->p[1] == '"') {
                td__buf_putc(&s, '"');
                x->p += 2;
                continue;
            }
            x->p++;
            break;
        }
        td__buf_putc(&s, *x->p++);
    }
    /* "word" *: the last word as a prefix (FTS5's syntax) */
    const char *after = x->p;
    while (*after == ' ')
        after++;
    int prefix = *after == '*';
    if (prefix)
        x->p = after + 1;
    int rc = 0, words = 0;
    const char *q = td__buf_str(&s);
    td__buf ph = TD__BUF_INIT;
    while (*q && rc == 0) {
        size_t n = strcspn(q, " ");
        if (n) {
            char *w = td__strndup(q, n);
            if (!w)
                rc = -1;
            size_t mark = ph.len;
            if (rc == 0 && words)
                rc = td__buf_puts(&ph, " <-> ");
            int r = rc == 0 ? put_lexeme(&ph, w) : -1;
            if (r < 0)
                rc = -1;
            else if (r > 0)
                ph.len = mark;
            else {
                size_t rest = n;
                while (q[rest] == ' ')
                    rest++;
                int last = q[rest] == '\0';
                rc = td__buf_printf(&ph, prefix && last ? ":*%s" : ":%s",
                                    weights);
                if (rc == 0)
                    rc = add_term(x, q, n);
                words++;
            }
            td__free(w);
        }
        q += n;
        while (*q == ' ')
            q++;
    }
    if (rc == 0 && words == 0)
        rc = td__buf_puts(&ph, "''"); /* matches nothing */
    if (rc == 0)
        rc = td__buf_printf(&x->out, "(%s)", td__buf_str(&ph));
    td__buf_free(&ph);
    td__buf_free(&s);
    return rc;
}

static int x_or(xlate *x);

static int x_primary(xlate *x)
{
    skip_ws(x);
    if (*x->p == '(') {
        x->p++;
        if (td__buf_putc(&x->out, '(') != 0 || x_or(x) != 0)
            return -1;
        skip_ws(x);
        if (*x->p != ')')
            return -1;
        x->p++;
        return td__buf_putc(&x->out, ')');
    }
    if (strncmp(x->p, "{title body} :", 14) == 0) {
        x->p += 14;
        skip_ws(x);
        return x_phrase(x, "AB");
    }
    if (strncmp(x->p, "terms :", 7) == 0) {
        x->p += 7;
        skip_ws(x);
        return x_phrase(x, "C");
    }
    if (*x->p == '"')
        return x_phrase(x, "ABC");
    return -1;
}

static int x_and(xlate *x)
{
    if (x_primary(x) != 0)
        return -1;
    for (;;) {
        skip_ws(x);
        if (strncmp(x->p, "AND ", 4) != 0)
            return 0;
        x->p += 4;
        if (td__buf_puts(&x->out, " & ") != 0 || x_primary(x) != 0)
            return -1;
    }
}

static int x_or(xlate *x)
{
    if (x_and(x) != 0)
        return -1;
    for (;;) {
        skip_ws(x);
        if (strncmp(x->p, "OR ", 3) != 0)
            return 0;
        x->p += 3;
        if (td__buf_puts(&x->out, " | ") != 0 || x_and(x) != 0)
            return -1;
    }
}

static void free_terms(char **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        td__free(t[i]);
    td__free(t);
}

static td_status translate(td__store *s, const char *match, xlate *x)
{
    memset(x, 0, sizeof *x);
    x->p = match ? match : "";
    int rc = x_or(x);
    skip_ws(x);
    if (rc == 0 && *x->p)
        rc = -1;
    if (rc != 0) {
        td__buf_free(&x->out);
        free_terms(x->terms, x->nterms);
        x->terms = NULL;
        snprintf(s->err, sizeof s->err, "bad search query: cannot read '%s'",
                 match ? match : "");
        return TD_EINVAL;
    }
    return TD_OK;
}

/* The host of a.url, lower case, without a port or a leading "www.";
 * NULL when the URL has no "://". */
#define URL_HOST                                                            \
    "lower(regexp_replace(substring(a.url from '://([^/:?#]+)'), "          \
    "'^www\\.', '', 'i'))"

/* The shared filters of find and find_page: $1 the tsquery, $2 lang (a
 * comma list for pages), $3 since, $4 until, $5 after_seq, $6 author (a
 * part of the byline), $7 outlet (the source, else the host, whole), $8
 * site (the host or a domain above it); ASCII case ignored. */
#define FIND_WHERE                                                          \
    "WHERE a.tsv @@ $1::tsquery "                                           \
    "  AND ($2::text IS NULL OR strpos(',' || $2 || ',', ',' || a.lang || "  \
    "',') > 0) "                                                            \
    "  AND ($3::text IS NULL OR a.date >= $3) "                              \
    "  AND ($4::text IS NULL OR substr(a.date, 1, length($4)) <= $4) "       \
    "  AND a.seq > $5::bigint "                                             \
    "  AND ($6::text IS NULL OR strpos(lower(a.author), lower($6)) > 0) "    \
    "  AND ($7::text IS NULL OR lower(coalesce(nullif(btrim(a.source, ' '),"  \
    " ''), " URL_HOST ")) = lower($7)) "                                    \
    "  AND ($8::text IS NULL OR " URL_HOST " = $8 OR right(" URL_HOST       \
    ", length($8) + 1) = '.' || $8) "

/* Relevance: matches in titles weigh most, then analysed terms, then
 * bodies; normalised by document length as BM25 is (flag 1: divided by
 * 1 + log of the length). */
#define RANK "ts_rank('{0.2, 0.4, 0.6, 1.0}', a.tsv, $1::tsquery, 1)"

static td_status find_cursor(td__store *s, const td__search *q, int offset,
                             int by_date, int64_t after_seq, int exact_lang,
                             td__store_cursor **out)
{
    xlate x;
    td_status st = translate(s, q->match, &x);
    if (st != TD_OK)
        return st;
    char sql[4096];
    snprintf(sql, sizeof sql,
             "SELECT " ARTICLE_COLS ", NULL, " RANK " AS rank "
             "FROM articles a " FIND_WHERE "%s ORDER BY %s LIMIT $9 OFFSET $10",
             exact_lang ? "AND ($2::text IS NULL OR a.lang = $2)" : "",
             by_date ? "a.date DESC NULLS LAST, a.seq DESC"
                     : "rank DESC, a.seq");
    args a = {0};
    a_str(&a, td__buf_str(&x.out));
    a_str(&a, q->lang);
    a_str(&a, q->since);
    a_str(&a, q->until);
    a_int(&a, after_seq);
    a_str(&a, q->author);
    a_str(&a, q->outlet);
    a_str(&a, q->site);
    a_int(&a, q->limit > 0 ? q->limit : 20);
    a_int(&a, offset);
    st = open_cursor(s, sql, &a, CUR_SEARCH, out);
    td__buf_free(&x.out);
    if (st != TD_OK) {
        free_terms(x.terms, x.nterms);
        return st;
    }
    (*out)->terms = x.terms;
    (*out)->nterms = x.nterms;
    return TD_OK;
}

td_status td__store_find(td__store *s, const td__search *q,
                         td__store_cursor **out)
{
    return find_cursor(s, q, 0, 0, 0, 1, out);
}

td_status td__store_find_page(td__store *s, const td__search *q, int offset,
                              int by_date, int64_t after_seq,
                              td__store_cursor **out)
{
    return find_cursor(s, q, offset, by_date, after_seq, 0, out);
}

td_status td__store_find_total(td__store *s, const td__search *q,
                               int64_t after_seq, int64_t *total)
{
    xlate x;
    td_status st = translate(s, q->match, &x);
    if (st != TD_OK)
        return st;
    free_terms(x.terms, x.nterms);
    args a = {0};
    a_str(&a, td__buf_str(&x.out));
    a_str(&a, q->lang);
    a_str(&a, q->since);
    a_str(&a, q->until);
    a_int(&a, after_seq);
    a_str(&a, q->author);
    a_str(&a, q->outlet);
    a_str(&a, q->site);
    st = scalar(s, "SELECT count(*) FROM articles a " FIND_WHERE, &a,
                "search total", 0, total);
    td__buf_free(&x.out);
    return st;
}

/* Whether token norm (folded) is one of the query's lexemes. */
static int is_hit(const td__store_cursor *c, const char *norm)
{
    td__buf f = TD__BUF_INIT;
    if (fold_lexeme(norm, &f) != 0) {
        td__buf_free(&f);
        return 0;
    }
    int hit = 0;
    for (size_t i = 0; i < c->nterms && !hit; i++)
        hit = strcmp(c->terms[i], td__buf_str(&f)) == 0;
    td__buf_free(&f);
    return hit;
}

/* The snippet, as FTS5's snippet(..., '[', ']', '…', 16) makes it: the
 * 16-token window of the body with the most query terms (the first such),
 * hits in brackets, an ellipsis where the window cuts the text. */
static int make_snippet(td__store_cursor *c, const char *text)
{
    td__buf_reset(&c->snip);
    if (!text)
        return 0;
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(text, strlen(text), NULL, &t) != TD_OK)
        return -1;
    enum { W = 16 };
    unsigned char *hit = td__calloc(t.n + 1, 1);
    if (!hit) {
        td__tokens_free(&t);
        return -1;
    }
    for (size_t i = 0; i < t.n; i++)
        hit[i] = (unsigned char)is_hit(c, t.v[i].norm);
    size_t best = 0, best_n = 0, cur = 0;
    for (size_t i = 0; i < t.n; i++) {
        cur += hit[i];
        if (i >= W)
            cur -= hit[i - W];
        if (cur > best_n) {
            best_n = cur;
            best = i >= W - 1 ? i - (W - 1) : 0;
        }
    }
    /* A window that starts before the first hit by a little reads better:
     * start up to a quarter window before it. */
    size_t end = best + W < t.n ? best + W : t.n;
    int rc = 0;
    if (t.n == 0) {
        rc = td__buf_puts(&c->snip, text);
    } else {
        size_t from = best == 0 ? 0 : t.v[best].off;
        if (best > 0)
            rc = td__buf_puts(&c->snip, "…");
        for (size_t i = best; i < end && rc == 0; i++) {
            size_t gap_end = t.v[i].off;
            if (gap_end > from)
                rc = td__buf_append(&c->snip, text + from, gap_end - from);
            if (rc == 0 && hit[i])
                rc = td__buf_putc(&c->snip, '[');
            if (rc == 0)
                rc = td__buf_append(&c->snip, text + t.v[i].off, t.v[i].len);
            if (rc == 0 && hit[i])
                rc = td__buf_putc(&c->snip, ']');
            from = t.v[i].off + t.v[i].len;
        }
        if (rc == 0) {
            if (end < t.n)
                rc = td__buf_puts(&c->snip, "…");
            else
                rc = td__buf_puts(&c->snip, text + from);
        }
    }
    td__free(hit);
    td__tokens_free(&t);
    return rc;
}

/* ------------------------------------------------------------ cursors */

td_status td__store_next(td__store_cursor *c, td_article *row)
{
    if (c->kind == CUR_ALL && c->row >= PQntuples(c->res) &&
        PQntuples(c->res) == ALL_PAGE) {
        args a = {0};
        a_int(&a, c->after);
        PGresult *r = run(c->s, all_sql, &a, "query");
        if (!r)
            return TD_EDB;
        PQclear(c->res);
        c->res = r;
        c->row = 0;
    }
    if (c->row >= PQntuples(c->res))
        return TD_DONE;
    PGresult *r = c->res;
    int i = c->row++;
    memset(row, 0, sizeof *row);
    row->id = val(r, i, 0);
    row->url = val(r, i, 1);
    row->title = val(r, i, 2);
    row->date = val(r, i, 3);
    row->lang = val(r, i, 4);
    row->lang_confidence = val(r, i, 5) ? strtod(val(r, i, 5), NULL) : 0;
    row->source = val(r, i, 6);
    row->name = val(r, i, 7);
    row->text = val(r, i, 8);
    row->story = ival(r, i, 9);
    row->duplicate_of = val(r, i, 10);
    row->translation_of = val(r, i, 11);
    row->author = val(r, i, 12);
    row->canonical_url = val(r, i, 13);
    if (c->kind == CUR_ALL)
        c->after = ival(r, i, 14);
    else if (c->kind == CUR_SEARCH) {
        if (make_snippet(c, row->text) != 0)
            return TD_ENOMEM;
        row->snippet = td__buf_str(&c->snip);
        row->score = val(r, i, 15) ? strtod(val(r, i, 15), NULL) : 0;
    } else if (c->kind == CUR_WHY) {
        row->why = val(r, i, 14);
        row->score = val(r, i, 15) ? strtod(val(r, i, 15), NULL) : 0;
    }
    return TD_OK;
}

void td__store_cursor_free(td__store_cursor *c)
{
    if (!c)
        return;
    PQclear(c->res);
    free_terms(c->terms, c->nterms);
    td__buf_free(&c->snip);
    td__buf_free(&c->langs);
    td__free(c);
}

/* --------------------------------------------------- the entity cache */

static void ecache_clear(td__store *s)
{
    for (size_t i = 0; i < s->necache; i++) {
        td__free(s->ecache[i].prefix);
        td__free(s->ecache[i].rows);
    }
    td__free(s->ecache);
    s->ecache = NULL;
    s->necache = s->capecache = 0;
    td__hmap_free(&s->ecache_by_key);
    td__hmap_free(&s->ecache_by_id);
    s->ecache_complete = s->ecache_tried = 0;
    memset(&s->ecache_by_key, 0, sizeof s->ecache_by_key);
    memset(&s->ecache_by_id, 0, sizeof s->ecache_by_id);
}

static uint64_t ecache_hash(int kind, const char *prefix)
{
    return td__hash64(prefix, strlen(prefix), (uint64_t)kind + 1);
}

/* The entry of (kind, prefix), or NULL. */
static struct ecache_entry *ecache_find(td__store *s, int kind,
                                        const char *prefix)
{
    uint64_t *v = td__hmap_get(&s->ecache_by_key, ecache_hash(kind, prefix));
    if (!v)
        return NULL;
    struct ecache_entry *e = &s->ecache[*v - 1];
    return e->kind == kind && strcmp(e->prefix, prefix) == 0 ? e : NULL;
}

static int ecache_row_add(td__store *s, size_t ei, const td__entity_row *r)
{
    struct ecache_entry *e = &s->ecache[ei];
    if (e->n == e->cap) {
        size_t cap = e->cap ? e->cap * 2 : 4;
        td__entity_row *nr = td__realloc(e->rows, cap * sizeof *nr);
        if (!nr)
            return -1;
        e->rows = nr, e->cap = cap;
    }
    e->rows[e->n++] = *r;
    uint64_t *v = td__hmap_put(&s->ecache_by_id, (uint64_t)r->id);
    if (!v)
        return -1;
    *v = ei + 1;
    return 0;
}

/* A new, empty entry for (kind, prefix): its index, or -1 (a hash
 * collision, or out of memory: then everything is forgotten). */
static long ecache_entry_new(td__store *s, int kind, const char *prefix)
{
    uint64_t h = ecache_hash(kind, prefix);
    if (td__hmap_get(&s->ecache_by_key, h))
        return -1; /* a collision: this one is asked of the server each time */
    if (s->necache == s->capecache) {
        size_t cap = s->capecache ? s->capecache * 2 : 256;
        struct ecache_entry *ne = td__realloc(s->ecache, cap * sizeof *ne);
        if (!ne) {
            ecache_clear(s);
            return -1;
        }
        s->ecache = ne, s->capecache = cap;
    }
    size_t ei = s->necache;
    struct ecache_entry *e = &s->ecache[ei];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    if (!(e->prefix = td__strdup(prefix)))
        return -1;
    s->necache++;
    uint64_t *v = td__hmap_put(&s->ecache_by_key, h);
    if (!v) {
        ecache_clear(s);
        return -1;
    }
    *v = ei + 1;
    return (long)ei;
}

static int ecache_row_from(td__store *s, size_t ei, const PGresult *r, int i,
                           int kc, int mc)
{
    td__entity_row row;
    row.id = ival(r, i, 0);
    row.kind = (int)ival(r, i, 1);
    snprintf(row.key, sizeof row.key, "%s", PQgetvalue(r, i, kc));
    row.mentions = ival(r, i, mc);
    return ecache_row_add(s, ei, &row);
}

/* Remembers the rows of (kind, prefix); on any failure forgets all. */
static void ecache_store(td__store *s, int kind, const char *prefix,
                         const PGresult *r)
{
    if (s->necache >= ECACHE_MAX) {
        ecache_clear(s);
        return;
    }
    long ei = ecache_entry_new(s, kind, prefix);
    if (ei < 0)
        return;
    for (int i = 0; i < PQntuples(r); i++)
        if (ecache_row_from(s, (size_t)ei, r, i, 2, 3) != 0) {
            ecache_clear(s);
            return;
        }
}

/* A small store's entities all at once (one query instead of one a
 * look-up); then a prefix not remembered has no entity. 0 when loaded. */
static int ecache_load_all(td__store *s)
{
    s->ecache_tried = 1;
    args a = {0};
    a_int(&a, ECACHE_ALL + 1);
    PGresult *r = run(s,
                      "SELECT id, kind, key, prefix, mentions FROM entities "
                      "ORDER BY kind, prefix, mentions DESC, id "
                      "LIMIT $1::bigint",
                      &a, "entity lookup");
    if (!r)
        return -1;
    int n = PQntuples(r);
    if (n > ECACHE_ALL) {
        PQclear(r);
        return -1;
    }
    long ei = -1;
    for (int i = 0; i < n; i++) {
        int kind = (int)ival(r, i, 1);
        const char *prefix = PQgetvalue(r, i, 3);
        if (ei < 0 || s->ecache[ei].kind != kind ||
            strcmp(s->ecache[ei].prefix, prefix) != 0)
            ei = ecache_entry_new(s, kind, prefix);
        if (ei < 0 || ecache_row_from(s, (size_t)ei, r, i, 2, 4) != 0) {
            PQclear(r);
            ecache_clear(s);
            return -1;
        }
    }
    PQclear(r);
    s->ecache_complete = 1;
    return 0;
}

/* The cached row of entity id, or NULL. */
static td__entity_row *ecache_row(td__store *s, int64_t id, size_t *ei,
                                  size_t *ri)
{
    uint64_t *v = td__hmap_get(&s->ecache_by_id, (uint64_t)id);
    if (!v)
        return NULL;
    struct ecache_entry *e = &s->ecache[*v - 1];
    for (size_t i = 0; i < e->n; i++)
        if (e->rows[i].id == id) {
            *ei = *v - 1, *ri = i;
            return &e->rows[i];
        }
    return NULL;
}

/* One more mention of id: its row moves up past those with fewer (the
 * order of the query: mentions, most first, then id). */
static void ecache_mention(td__store *s, int64_t id)
{
    size_t ei, ri;
    td__entity_row *r = ecache_row(s, id, &ei, &ri);
    if (!r)
        return;
    r->mentions++;
    td__entity_row *rows = s->ecache[ei].rows;
    while (ri > 0 && (rows[ri - 1].mentions < rows[ri].mentions ||
                      (rows[ri - 1].mentions == rows[ri].mentions &&
                       rows[ri - 1].id > rows[ri].id))) {
        td__entity_row t = rows[ri - 1];
        rows[ri - 1] = rows[ri];
        rows[ri] = t;
        ri--;
    }
}

/* ------------------------------------------------------------ entities */

td_status td__store_entities_like(td__store *s, int kind, const char *prefix,
                                  td__entity_row *out, size_t max, size_t *n)
{
    static int off = -1;
    if (off < 0)
        off = getenv("TIDINGS_PG_NOCACHE") != NULL;
    int cache = s->in_batch && !off;
    if (cache && !s->ecache_tried)
        ecache_load_all(s);
    struct ecache_entry *e = cache ? ecache_find(s, kind, prefix) : NULL;
    if (!e && cache && s->ecache_complete) {
        /* none: remembered as such, so that an entity added is seen */
        long ei = ecache_entry_new(s, kind, prefix);
        if (ei < 0)
            ecache_clear(s);
        *n = 0;
        return TD_OK;
    }
    if (e) {
        size_t k = e->n < max ? e->n : max;
        memcpy(out, e->rows, k * sizeof *out);
        *n = k;
        return TD_OK;
    }
    args a = {0};
    a_int(&a, kind);
    a_str(&a, prefix);
    a_int(&a, s->in_batch ? ECACHE_ROWS + 1 : (int64_t)max);
    PGresult *r = run(s,
                      "SELECT id, kind, key, mentions FROM entities "
                      "WHERE kind = $1::int AND prefix = $2 "
                      "ORDER BY mentions DESC, id LIMIT $3::bigint",
                      &a, "entity lookup");
    if (!r)
        return TD_EDB;
    if (s->in_batch && PQntuples(r) <= ECACHE_ROWS)
        ecache_store(s, kind, prefix, r);
    size_t k = 0;
    for (int i = 0; i < PQntuples(r) && k < max; i++, k++) {
        out[k].id = ival(r, i, 0);
        out[k].kind = (int)ival(r, i, 1);
        snprintf(out[k].key, sizeof out[k].key, "%s", PQgetvalue(r, i, 2));
        out[k].mentions = ival(r, i, 3);
    }
    PQclear(r);
    *n = k;
    return TD_OK;
}

td_status td__store_entity_add(td__store *s, int kind, const char *key,
                               const char *prefix, const char *name,
                               int64_t *id)
{
    td_status st = td__store_begin(s);
    if (st != TD_OK)
        return st;
    args a = {0};
    a_int(&a, s->next_entity);
    a_int(&a, kind);
    a_str(&a, key);
    a_str(&a, prefix);
    a_str(&a, name);
    st = exec(s,
              "INSERT INTO entities(id, kind, key, prefix, name) "
              "VALUES ($1::bigint, $2::int, $3, $4, $5)",
              &a, "cannot store an entity");
    if (st == TD_OK) {
        struct ecache_entry *e = ecache_find(s, kind, prefix);
        if (e) {
            td__entity_row row = {s->next_entity, kind, "", 0};
            snprintf(row.key, sizeof row.key, "%s", key);
            if (ecache_row_add(s, (size_t)(e - s->ecache), &row) != 0)
                ecache_clear(s);
        }
        *id = s->next_entity++;
        wrote(s);
    }
    return st;
}

td_status td__store_entity_set_key(td__store *s, int64_t id, const char *key)
{
    size_t ei, ri;
    td__entity_row *row = ecache_row(s, id, &ei, &ri);
    if (row)
        snprintf(row->key, sizeof row->key, "%s", key);
    args a = {0};
    a_str(&a, key);
    a_int(&a, id);
    wrote(s);
    return exec(s, "UPDATE entities SET key = $1 WHERE id = $2::bigint", &a,
                "cannot update an entity");
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
    /* The mention, its variant's count and the entity's, in one trip. */
    args a = {0};
    a_int(&a, seq);
    a_int(&a, entity);
    a_int(&a, (int64_t)off);
    a_int(&a, (int64_t)len);
    a_str(&a, surface);
    a_str(&a, lang ? lang : "");
    a_int(&a, is_ascii(surface));
    a_int(&a, count_spaces(surface));
    ecache_mention(s, entity);
    wrote(s);
    return exec(s,
                "WITH m AS (INSERT INTO mentions(article, entity, off, len) "
                "  VALUES ($1::bigint, $2::bigint, $3::int, $4::int)), "
                "v AS (INSERT INTO entity_variants(entity, surface, lang, "
                "  ascii, words, count) VALUES ($2::bigint, $5, $6, $7::int, "
                "  $8::int, 1) ON CONFLICT (entity, surface, lang) DO UPDATE "
                "  SET count = entity_variants.count + 1) "
                "UPDATE entities SET mentions = mentions + 1 "
                "WHERE id = $2::bigint",
                &a, "cannot store a mention");
}

td_status td__store_date_add(td__store *s, int64_t seq, const char *date,
                             size_t off, size_t len, int relative)
{
    args a = {0};
    a_int(&a, seq);
    a_str(&a, date);
    a_int(&a, (int64_t)off);
    a_int(&a, (int64_t)len);
    a_int(&a, relative);
    wrote(s);
    return exec(s,
                "INSERT INTO article_dates(article, date, off, len, relative) "
                "VALUES ($1::bigint, $2, $3::int, $4::int, $5::int)",
                &a, "cannot store a date");
}

td_status td__store_number_add(td__store *s, int64_t seq, const char *value,
                               const char *unit, size_t off, size_t len)
{
    args a = {0};
    a_int(&a, seq);
    a_str(&a, value);
    a_str(&a, unit && *unit ? unit : NULL);
    a_int(&a, (int64_t)off);
    a_int(&a, (int64_t)len);
    wrote(s);
    return exec(s,
                "INSERT INTO article_numbers(article, value, unit, off, len) "
                "VALUES ($1::bigint, $2, $3, $4::int, $5::int)",
                &a, "cannot store a number");
}

td_status td__store_entity_get(td__store *s, int64_t id, char **name,
                               int *kind)
{
    args a = {0};
    a_int(&a, id);
    PGresult *r = run(
        s,
        "SELECT e.kind, coalesce(e.name, (SELECT surface FROM entity_variants "
        "  v WHERE v.entity = e.id GROUP BY surface "
        "  ORDER BY max((lang = 'en')::int) DESC, max(ascii) DESC, "
        "  (max(words) > 1) DESC, sum(count) DESC, max(words), surface "
        "  LIMIT 1), e.key) "
        "FROM entities e WHERE e.id = $1::bigint",
        &a, "entity");
    if (!r)
        return TD_EDB;
    td_status st = TD_OK;
    if (PQntuples(r)) {
        *kind = (int)ival(r, 0, 0);
        *name = td__strdup(PQgetvalue(r, 0, 1));
        if (!*name)
            st = TD_ENOMEM;
    } else
        st = TD_ENOTFOUND;
    PQclear(r);
    return st;
}

/* SQLite's COLLATE NOCASE: ASCII letters only. */
#define NOCASE(x)                                                           \
    "translate(" x ", 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "                        \
    "'abcdefghijklmnopqrstuvwxyz')"

/* The entity ids a one-text query ($1 the text, $2 the limit) gives, at
 * most max. */
static td_status entity_ids(td__store *s, const char *sql, const char *text,
                            int64_t *ids, size_t max, size_t *n,
                            const char *what)
{
    args a = {0};
    a_str(&a, text);
    a_int(&a, (int64_t)max);
    PGresult *r = run(s, sql, &a, what);
    if (!r)
        return TD_EDB;
    *n = 0;
    for (int i = 0; i < PQntuples(r) && *n < max; i++)
        ids[(*n)++] = ival(r, i, 0);
    PQclear(r);
    return TD_OK;
}

td_status td__store_entities_by_surface(td__store *s, const char *surface,
                                        int64_t *ids, size_t max, size_t *n)
{
    return entity_ids(s,
                      "SELECT entity FROM entity_variants WHERE " NOCASE(
                          "surface") " = " NOCASE("$1::text")
                      " GROUP BY entity ORDER BY sum(count) DESC, entity "
                      "LIMIT $2::bigint",
                      surface, ids, max, n, "entity by name");
}

td_status td__store_entity_article_count(td__store *s, int64_t id,
                                         int64_t *n)
{
    args a = {0};
    a_int(&a, id);
    return scalar(s,
                  "SELECT count(DISTINCT article) FROM mentions WHERE entity "
                  "= $1::bigint",
                  &a, "entity articles", 0, n);
}

td_status td__store_entity_variants(td__store *s, int64_t id,
                                    td__variant_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, id);
    PGresult *r = run(s,
                      "SELECT surface, lang, count FROM entity_variants WHERE "
                      "entity = $1::bigint ORDER BY count DESC, surface, lang",
                      &a, "variants");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, val(r, i, 0), val(r, i, 1), ival(r, i, 2));
    PQclear(r);
    return TD_OK;
}

td_status td__store_entity_articles(td__store *s, int64_t id, int limit,
                                    td__ent_article_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, id);
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "SELECT a.id, a.lang, a.title, a.date, m.n FROM (SELECT article, "
        "  count(*) AS n FROM mentions WHERE entity = $1::bigint GROUP BY "
        "  article) m JOIN articles a ON a.seq = m.article "
        "ORDER BY a.date DESC NULLS LAST, a.seq DESC LIMIT $2::bigint",
        &a, "entity articles");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, val(r, i, 0), val(r, i, 1), val(r, i, 2), val(r, i, 3),
           ival(r, i, 4));
    PQclear(r);
    return TD_OK;
}

td_status td__store_entity_related(td__store *s, int64_t id, int limit,
                                   td__related_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, id);
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "SELECT m2.entity, count(DISTINCT m2.article) AS shared "
        "FROM mentions m1 JOIN mentions m2 ON m2.article = m1.article "
        "WHERE m1.entity = $1::bigint AND m2.entity != $1::bigint "
        "GROUP BY m2.entity ORDER BY shared DESC, m2.entity LIMIT $2::bigint",
        &a, "related entities");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), ival(r, i, 1));
    PQclear(r);
    return TD_OK;
}

/* ------------------------------------------------------------ stories */

td_status td__store_assign(td__store *s, int64_t seq, int64_t story,
                           int64_t duplicate_of, int64_t translation_of,
                           double score, const char *why)
{
    args a = {0};
    a_int(&a, seq);
    a_int(&a, story);
    a_int(&a, duplicate_of);
    a_int(&a, translation_of);
    a_dbl(&a, score);
    a_str(&a, why);
    wrote(s);
    return exec(
        s,
        "WITH w AS (INSERT INTO assignments(article, story, score, why) "
        "  VALUES ($1::bigint, $2::bigint, $5::float8, $6) ON CONFLICT "
        "  (article) DO UPDATE SET story = excluded.story, score = "
        "  excluded.score, why = excluded.why) "
        "UPDATE articles SET story = $2::bigint, "
        "  duplicate_of = (SELECT id FROM article_ids WHERE seq = $3::bigint),"
        "  translation_of = (SELECT id FROM article_ids WHERE seq = "
        "  $4::bigint) WHERE seq = $1::bigint",
        &a, "cannot assign a story");
}

td_status td__store_reassign(td__store *s, int64_t seq, int64_t story,
                             double score, const char *why)
{
    args a = {0};
    a_int(&a, seq);
    a_int(&a, story);
    a_dbl(&a, score);
    a_str(&a, why);
    wrote(s);
    return exec(s,
                "WITH w AS (UPDATE assignments SET story = $2::bigint, "
                "  score = $3::float8, why = $4 WHERE article = $1::bigint) "
                "UPDATE articles SET story = $2::bigint WHERE seq = $1::bigint",
                &a, "reassign");
}

td_status td__store_merge_stories(td__store *s, int64_t keep, int64_t gone)
{
    args a = {0};
    a_int(&a, keep);
    a_int(&a, gone);
    wrote(s);
    return exec(s,
                "UPDATE articles SET story = $1::bigint WHERE story = "
                "$2::bigint",
                &a, "merge");
}

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
    args a = {0};
    a_int(&a, seq);
    a_int(&a, root);
    a_int(&a, ntokens);
    a_blob(&a, s->fbuf, k);
    a_blob(&a, sig, slen);
    wrote(s);
    return exec(s,
                "INSERT INTO article_features(article, root, ntokens, "
                "features, minhash) VALUES ($1::bigint, $2::bigint, "
                "$3::bigint, $4, $5) ON CONFLICT (article) DO UPDATE SET "
                "root = excluded.root, ntokens = excluded.ntokens, "
                "features = excluded.features, minhash = excluded.minhash",
                &a, "cannot store features");
}

/* A bytea column (hex text) decoded into a new buffer (PQfreemem). */
static unsigned char *bytea(const PGresult *r, int row, int c, size_t *n)
{
    return PQunescapeBytea((const unsigned char *)PQgetvalue(r, row, c), n);
}

td_status td__store_features_recent(td__store *s, int limit,
                                    td__features_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "SELECT * FROM (SELECT f.article AS seq, a.lang, a.date, a.story, "
        "  f.root, f.ntokens, f.features, f.minhash FROM article_features f "
        "  JOIN articles a ON a.seq = f.article "
        "  ORDER BY f.article DESC LIMIT $1::bigint) x ORDER BY seq",
        &a, "features");
    if (!r)
        return TD_EDB;
    int stop = 0;
    for (int i = 0; i < PQntuples(r) && !stop; i++) {
        size_t blen = 0, slen = 0;
        unsigned char *blob = bytea(r, i, 6, &blen);
        unsigned char *sig = bytea(r, i, 7, &slen);
        if (!blob || !sig ||
            grow_fbuf(s, (blen + 1) * sizeof(td__feature)) != TD_OK) {
            PQfreemem(blob);
            PQfreemem(sig);
            stop = TD_ENOMEM;
            break;
        }
        long n = td__fvec_decode(blob, blen, 0, (td__feature *)s->fbuf,
                                 blen + 1);
        if (n >= 0)
            stop = cb(ud, ival(r, i, 0), val(r, i, 1), val(r, i, 2),
                      ival(r, i, 3), ival(r, i, 4), ival(r, i, 5), s->fbuf,
                      (size_t)n * sizeof(td__feature), sig, slen);
        PQfreemem(blob);
        PQfreemem(sig);
    }
    PQclear(r);
    return (td_status)stop;
}

td_status td__store_stories(td__store *s, const td__story_query *q,
                            td__store_cursor **out)
{
    /* Languages in the order the story's articles first have them (as
     * SQLite's group_concat(DISTINCT) gives them); made distinct when the
     * row is read. */
    static const char sql[] =
        "SELECT a.story, count(*), "
        "  count(*) FILTER (WHERE a.duplicate_of IS NULL AND "
        "    a.translation_of IS NULL), "
        "  string_agg(a.lang, ',' ORDER BY a.seq), min(a.date), max(a.date), "
        "  (SELECT t.title FROM articles t WHERE t.story = a.story AND "
        "   t.title IS NOT NULL ORDER BY t.seq LIMIT 1) "
        "FROM articles a WHERE a.story IS NOT NULL "
        "  AND ($1::bigint = 0 OR a.story = $1::bigint) "
        "GROUP BY a.story "
        "HAVING ($2::text IS NULL OR max(a.date) >= $2) "
        "  AND ($3::text IS NULL OR bool_or(a.lang = $3)) "
        "ORDER BY max(a.date) DESC NULLS LAST, count(*) DESC, a.story "
        "LIMIT $4::bigint";
    args a = {0};
    a_int(&a, q->id);
    a_str(&a, q->since);
    a_str(&a, q->lang);
    if (q->limit > 0)
        a_int(&a, q->limit);
    else
        a_str(&a, NULL);
    return open_cursor(s, sql, &a, CUR_STORY, out);
}

td_status td__store_story_next(td__store_cursor *c, td__story_row *row)
{
    if (c->row >= PQntuples(c->res))
        return TD_DONE;
    PGresult *r = c->res;
    int i = c->row++;
    row->id = ival(r, i, 0);
    row->articles = ival(r, i, 1);
    row->sources = ival(r, i, 2);
    row->first_date = val(r, i, 4);
    row->last_date = val(r, i, 5);
    row->title = val(r, i, 6);
    /* distinct languages, first appearance first */
    td__buf_reset(&c->langs);
    const char *l = val(r, i, 3);
    for (const char *p = l; p && *p;) {
        size_t n = strcspn(p, ",");
        int seen = 0;
        for (const char *q = td__buf_str(&c->langs); *q && !seen;) {
            size_t m = strcspn(q, ",");
            seen = m == n && memcmp(q, p, n) == 0;
            q += m + (q[m] == ',');
        }
        if (!seen && n &&
            ((c->langs.len && td__buf_putc(&c->langs, ',') != 0) ||
             td__buf_append(&c->langs, p, n) != 0))
            return TD_ENOMEM;
        p += n + (p[n] == ',');
    }
    row->languages = c->langs.len ? td__buf_str(&c->langs) : NULL;
    return TD_OK;
}

td_status td__store_story_articles(td__store *s, int64_t story,
                                   td__store_cursor **out)
{
    args a = {0};
    a_int(&a, story);
    return open_cursor(
        s,
        "SELECT " ARTICLE_COLS ", w.why, w.score FROM articles a "
        "LEFT JOIN assignments w ON w.article = a.seq WHERE a.story = "
        "$1::bigint ORDER BY a.lang NULLS FIRST, a.date NULLS FIRST, a.seq",
        &a, CUR_WHY, out);
}

td_status td__store_story_timeline(td__store *s, int64_t story,
                                   td__timeline_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, story);
    PGresult *r = run(
        s,
        "SELECT date, count(DISTINCT article) FROM ("
        "  SELECT d.date AS date, d.article AS article FROM article_dates d "
        "  JOIN articles a ON a.seq = d.article "
        "  WHERE a.story = $1::bigint AND d.date NOT LIKE '0000%' "
        "  UNION ALL SELECT a.date, a.seq FROM articles a "
        "  WHERE a.story = $1::bigint AND a.date IS NOT NULL) x "
        "GROUP BY date ORDER BY date",
        &a, "timeline");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, val(r, i, 0), ival(r, i, 1));
    PQclear(r);
    return TD_OK;
}

td_status td__store_story_entities(td__store *s, int64_t story, int limit,
                                   td__related_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, story);
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "SELECT m.entity, count(DISTINCT m.article) AS n FROM mentions m "
        "JOIN articles a ON a.seq = m.article WHERE a.story = $1::bigint "
        "GROUP BY m.entity ORDER BY n DESC, count(*) DESC, m.entity "
        "LIMIT $2::bigint",
        &a, "story entities");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), ival(r, i, 1));
    PQclear(r);
    return TD_OK;
}

/* ---------------------------------------------------------- workspace */

td_status td__store_story_candidates(td__store *s, int64_t story,
                                     const char *hl, int max,
                                     td__candidate_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, story);
    a_str(&a, hl);
    a_int(&a, max);
    PGresult *r = run(
        s,
        "SELECT b.lang, b.title, substr(b.text, 1, 1200) FROM ("
        "  SELECT a.seq AS seq, (a.title IS NOT NULL)::int AS titled,"
        "    coalesce(w.score, 0) AS score"
        "  FROM (SELECT seq FROM articles WHERE story = $1::bigint "
        "    ORDER BY seq LIMIT 512) s"
        "  JOIN articles a ON a.seq = s.seq"
        "  LEFT JOIN assignments w ON w.article = a.seq"
        "  WHERE ($2::text IS NULL OR a.lang = $2)"
        "  ORDER BY titled DESC, score DESC, a.seq LIMIT $3::bigint) p "
        "JOIN articles b ON b.seq = p.seq "
        "ORDER BY p.titled DESC, p.score DESC, p.seq",
        &a, "story headline");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        if (cb(ud, val(r, i, 0), val(r, i, 1), val(r, i, 2)))
            break;
    PQclear(r);
    return TD_OK;
}

td_status td__store_latest_day(td__store *s, char out[11])
{
    PGresult *r = run(s,
                      "SELECT max(date) FROM articles WHERE length(date) = 10",
                      NULL, "latest date");
    if (!r)
        return TD_EDB;
    out[0] = '\0';
    if (PQntuples(r) && val(r, 0, 0))
        snprintf(out, 11, "%s", val(r, 0, 0));
    PQclear(r);
    return TD_OK;
}

td_status td__store_story_activity(td__store *s, const char *recent_from,
                                   const char *earlier_from,
                                   td__activity_cb cb, void *ud)
{
    args a = {0};
    a_str(&a, recent_from);
    a_str(&a, earlier_from);
    PGresult *r = run(
        s,
        "SELECT story, count(*) FILTER (WHERE date >= $1), "
        "  count(*) FILTER (WHERE date < $1) FROM articles "
        "WHERE date >= $2 AND length(date) = 10 AND story IS NOT NULL "
        "  AND duplicate_of IS NULL AND translation_of IS NULL "
        "GROUP BY story ORDER BY story",
        &a, "story activity");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), ival(r, i, 1), ival(r, i, 2));
    PQclear(r);
    return TD_OK;
}

int64_t td__store_last_seq(td__store *s)
{
    int64_t n = 0;
    return scalar(s, "SELECT coalesce(max(seq), 0) FROM article_ids", NULL,
                  "last", 0, &n) == TD_OK
               ? n
               : -1;
}

int64_t td__store_max_seq(td__store *s)
{
    return td__store_last_seq(s);
}

td_status td__store_follow_add(td__store *s, const char *query,
                               int64_t seen_seq, int64_t *id)
{
    /* The largest id plus one, as SQLite's rowid; two adding at once
     * collide on the key and the loser takes the next. */
    args a = {0};
    a_str(&a, query);
    a_int(&a, seen_seq);
    for (int tries = 0; tries < 20; tries++) {
        if (s->in_batch)
            exec(s, "SAVEPOINT follow", NULL, "follows");
        PGresult *r = run(s,
                          "INSERT INTO follows(id, query, seen_seq) SELECT "
                          "coalesce(max(id), 0) + 1, $1, $2::bigint FROM "
                          "follows RETURNING id",
                          &a, "follows");
        if (r) {
            if (id)
                *id = ival(r, 0, 0);
            PQclear(r);
            if (s->in_batch)
                exec(s, "RELEASE follow", NULL, "follows");
            return TD_OK;
        }
        if (s->in_batch)
            exec(s, "ROLLBACK TO follow", NULL, "follows");
        if (!strstr(s->err, "duplicate key"))
            return TD_EDB;
    }
    return TD_EDB;
}

/* A write to follows; *found (may be NULL) = rows changed. */
static td_status follow_write(td__store *s, const char *sql, int64_t x,
                              int64_t y, int *found)
{
    args a = {0};
    a_int(&a, x);
    a_int(&a, y);
    PGresult *r = run(s, sql, &a, "follows");
    if (!r)
        return TD_EDB;
    if (found)
        *found = atoi(PQcmdTuples(r));
    PQclear(r);
    return TD_OK;
}

td_status td__store_follow_rm(td__store *s, int64_t id, int *found)
{
    return follow_write(s,
                        "DELETE FROM follows WHERE id = $1::bigint AND "
                        "$2::bigint = 0",
                        id, 0, found);
}

td_status td__store_follow_seen(td__store *s, int64_t id, int64_t seq,
                                int *found)
{
    return follow_write(s,
                        "UPDATE follows SET seen_seq = $2::bigint WHERE id = "
                        "$1::bigint",
                        id, seq, found);
}

td_status td__store_follows(td__store *s, td__follow_row_cb cb, void *ud)
{
    PGresult *r = run(s,
                      "SELECT id, query, created, seen_seq FROM follows "
                      "ORDER BY id",
                      NULL, "follows");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), val(r, i, 1), val(r, i, 2), ival(r, i, 3));
    PQclear(r);
    return TD_OK;
}

td_status td__store_story_outlets(td__store *s, td__outlet_cb cb, void *ud)
{
    PGresult *r = run(
        s,
        "SELECT DISTINCT story, outlet FROM ("
        "  SELECT story, coalesce(nullif(btrim(source, ' '), ''),"
        "    CASE WHEN host ILIKE 'www.%' THEN substr(host, 5) ELSE host END)"
        "    AS outlet FROM ("
        "    SELECT story, source, CASE WHEN strpos(url, '://') > 0 THEN"
        "      split_part(substr(url, strpos(url, '://') + 3), '/', 1)"
        "      END AS host FROM articles WHERE story IS NOT NULL) x) y "
        "WHERE outlet IS NOT NULL AND outlet != '' ORDER BY story, outlet",
        NULL, "outlets");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), val(r, i, 1));
    PQclear(r);
    return TD_OK;
}

td_status td__store_story_mentions(td__store *s, int kind,
                                   int64_t min_articles,
                                   td__story_mention_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, kind);
    a_int(&a, min_articles);
    PGresult *r = run(
        s,
        "SELECT a.story, m.entity, e.kind, e.key, count(DISTINCT m.article) "
        "FROM mentions m JOIN articles a ON a.seq = m.article "
        "JOIN entities e ON e.id = m.entity "
        "WHERE a.story IS NOT NULL AND ($1::bigint = 0 OR e.kind = $1::bigint) "
        "GROUP BY a.story, m.entity, e.kind, e.key "
        "HAVING count(DISTINCT m.article) >= $2::bigint "
        "ORDER BY a.story, m.entity",
        &a, "story mentions");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), ival(r, i, 1), (int)ival(r, i, 2), val(r, i, 3),
           ival(r, i, 4));
    PQclear(r);
    return TD_OK;
}

td_status td__store_entity_activity(td__store *s, const char *recent_from,
                                    const char *earlier_from,
                                    td__entity_activity_cb cb, void *ud)
{
    args a = {0};
    a_str(&a, recent_from);
    a_str(&a, earlier_from);
    PGresult *r = run(
        s,
        "SELECT m.entity, e.kind, e.key,"
        "  count(DISTINCT CASE WHEN a.date >= $1::text THEN a.seq END),"
        "  count(DISTINCT CASE WHEN a.date < $1::text THEN a.seq END) "
        "FROM articles a JOIN mentions m ON m.article = a.seq "
        "JOIN entities e ON e.id = m.entity "
        "WHERE a.date >= $2::text AND length(a.date) = 10 "
        "  AND a.duplicate_of IS NULL AND a.translation_of IS NULL "
        "GROUP BY m.entity, e.kind, e.key ORDER BY m.entity",
        &a, "entity activity");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), (int)ival(r, i, 1), val(r, i, 2), ival(r, i, 3),
           ival(r, i, 4));
    PQclear(r);
    return TD_OK;
}

/* ------------------------------------------------------- pending names */

td_status td__store_pending_add(td__store *s, int64_t seq, const char *key,
                                const char *surface, const char *lang,
                                size_t off, size_t len, size_t words)
{
    args a = {0};
    a_int(&a, seq);
    a_str(&a, key);
    a_str(&a, surface);
    a_str(&a, lang);
    a_int(&a, (int64_t)off);
    a_int(&a, (int64_t)len);
    a_int(&a, (int64_t)words);
    wrote(s);
    return exec(s,
                "INSERT INTO pending_names(article, key, surface, lang, off, "
                "len, words) VALUES ($1::bigint, $2, $3, $4, $5::int, "
                "$6::int, $7::int)",
                &a, "pending name");
}

td_status td__store_pending_recent(td__store *s, td__pending_cb cb, void *ud)
{
    PGresult *r = run(s,
                      "SELECT article, key, surface, lang, off, len, words "
                      "FROM pending_names ORDER BY article, off, len",
                      NULL, "pending names");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), val(r, i, 1), val(r, i, 2), val(r, i, 3),
           (size_t)ival(r, i, 4), (size_t)ival(r, i, 5),
           (size_t)ival(r, i, 6));
    PQclear(r);
    return TD_OK;
}

td_status td__store_pending_forget(td__store *s, int64_t seq, size_t off,
                                   size_t len)
{
    args a = {0};
    a_int(&a, seq);
    a_int(&a, (int64_t)off);
    a_int(&a, (int64_t)len);
    wrote(s);
    return exec(s,
                "DELETE FROM pending_names WHERE article = $1::bigint AND "
                "off = $2::int AND len = $3::int",
                &a, "pending name");
}

td_status td__store_pending_expire(td__store *s, int64_t min_seq)
{
    args a = {0};
    a_int(&a, min_seq);
    wrote(s);
    return exec(s, "DELETE FROM pending_names WHERE article < $1::bigint",
                &a, "pending names");
}

/* ------------------------------------------------------ whole-store copy */

td_status td__store_dump(td__store *s, int table, int64_t after, int limit,
                         td__dump_cb cb, void *ud, int64_t *last)
{
    const td__copy_table *t = &td__copy_tables[table];
    char key[32], sql[1024];
    size_t kn = strcspn(t->cols, ",");
    snprintf(key, sizeof key, "%.*s", (int)kn, t->cols);
    *last = after;
    snprintf(sql, sizeof sql,
             "SELECT %s FROM %s WHERE %s > $1::bigint AND %s <= coalesce(("
             "SELECT max(k) FROM (SELECT DISTINCT %s AS k FROM %s WHERE %s > "
             "$1::bigint ORDER BY 1 LIMIT $2::bigint) x), $1::bigint) "
             "ORDER BY %s",
             t->cols, t->name, key, key, key, t->name, key, t->order);
    args a = {0};
    a_int(&a, after);
    a_int(&a, limit);
    PGresult *r = run(s, sql, &a, "copy");
    if (!r)
        return TD_EDB;
    int n = (int)strlen(t->types), stop = 0;
    for (int i = 0; i < PQntuples(r) && !stop; i++) {
        const char *v[24];
        size_t len[24];
        unsigned char *blobs[24] = {0};
        for (int c = 0; c < n; c++) {
            v[c] = val(r, i, c);
            len[c] = v[c] ? strlen(v[c]) : 0;
            if (v[c] && t->types[c] == 'b') {
                blobs[c] = bytea(r, i, c, &len[c]);
                v[c] = (const char *)blobs[c];
                if (!blobs[c])
                    stop = TD_ENOMEM;
            }
        }
        *last = ival(r, i, 0);
        if (!stop)
            stop = cb(ud, v, len);
        for (int c = 0; c < n; c++)
            PQfreemem(blobs[c]);
    }
    PQclear(r);
    return (td_status)stop;
}

td_status td__store_load(td__store *s, int table, const char *const *v,
                         const size_t *len)
{
    const td__copy_table *t = &td__copy_tables[table];
    int n = (int)strlen(t->types);
    td_status st = td__store_begin(s);
    if (st != TD_OK)
        return st;
    wrote(s);
    if (table == 0) {
        /* An article: its id claimed, its month's partition, its search
         * vector with the terms the engine would have made of it. */
        char month[11];
        int ym;
        month_of(v[4], month, &ym);
        if ((st = ensure_month(s, month, ym)) != TD_OK)
            return st;
        td__stored x = {0};
        x.title = v[3];
        x.text = v[9] ? v[9] : "";
        char *terms = td__copy_terms(x.text, v[5]);
        td__buf tsv = TD__BUF_INIT;
        x.terms = terms;
        if (!terms || build_tsv(&x, &tsv) != 0) {
            td__free(terms);
            td__buf_free(&tsv);
            return TD_ENOMEM;
        }
        td__free(terms);
        args a = {0};
        for (int i = 0; i < n && i < 14; i++)
            a_str(&a, v[i]);
        a_str(&a, month);
        a_str(&a, td__buf_str(&tsv));
        /* 17 columns and two more: past the args' 16, so ingested_at and
         * the rest go in by a second statement. */
        st = exec(s,
                  "WITH c AS (INSERT INTO article_ids(id, seq) VALUES ($2, "
                  "$1::bigint)) INSERT INTO articles(seq, id, url, title, "
                  "date, lang, lang_conf, source, name, text, raw_len, story, "
                  "duplicate_of, translation_of, month_key, tsv) VALUES "
                  "($1::bigint, $2, $3, $4, $5, $6, $7::float8, $8, $9, $10, "
                  "$11::bigint, $12::bigint, $13, $14, $15::date, "
                  "$16::tsvector)",
                  &a, "copy");
        td__buf_free(&tsv);
        if (st != TD_OK)
            return st;
        args b = {0};
        a_str(&b, v[0]);
        a_str(&b, v[14]);
        a_str(&b, v[15]);
        a_str(&b, v[16]);
        return exec(s,
                    "UPDATE articles SET ingested_at = coalesce($2, "
                    "ingested_at), author = $3, canonical_url = $4 WHERE seq "
                    "= $1::bigint",
                    &b, "copy");
    }
    char sql[1024];
    int k = snprintf(sql, sizeof sql, "INSERT INTO %s(%s) VALUES (", t->name,
                     t->cols);
    args a = {0};
    for (int i = 0; i < n && k < (int)sizeof sql - 16; i++) {
        k += snprintf(sql + k, sizeof sql - (size_t)k, "%s$%d", i ? "," : "",
                      i + 1);
        if (t->types[i] == 'b' && v[i])
            a_blob(&a, v[i], len[i]);
        else
            a_str(&a, v[i]);
    }
    snprintf(sql + k, sizeof sql - (size_t)k, ")");
    return exec(s, sql, &a, "copy");
}

td_status td__store_copy_get(td__store *s, const char *source, int table,
                             int64_t *done, int *found)
{
    args a = {0};
    a_str(&a, source);
    a_str(&a, td__copy_tables[table].name);
    PGresult *r = run(s,
                      "SELECT value FROM meta WHERE key = 'copy ' || $1 || ' "
                      "' || $2",
                      &a, "copy");
    if (!r)
        return TD_EDB;
    *found = PQntuples(r) > 0;
    *done = *found ? strtoll(PQgetvalue(r, 0, 0), NULL, 10) : 0;
    PQclear(r);
    return TD_OK;
}

td_status td__store_copy_set(td__store *s, const char *source, int table,
                             int64_t done)
{
    args a = {0};
    a_str(&a, source);
    a_str(&a, td__copy_tables[table].name);
    a_int(&a, done);
    return exec(s,
                "INSERT INTO meta VALUES ('copy ' || $1 || ' ' || $2, $3) ON "
                "CONFLICT (key) DO UPDATE SET value = excluded.value",
                &a, "copy");
}

/* ------------------------------------------------ added after schema 4 */
/* The same questions as sqlite.c's functions of the same names. */

const char *td__store_read_only(const td__store *s)
{
    (void)s; /* a server's permissions refuse writes as they come */
    return NULL;
}

td_status td__store_entities_by_joined_surface(td__store *s,
                                               const char *joined,
                                               int64_t *ids, size_t max,
                                               size_t *n)
{
    return entity_ids(
        s,
        "SELECT entity FROM entity_variants WHERE ascii <> 0 AND words > 1 "
        "AND lower(replace(replace(replace(surface, ' ', ''), '-', ''), '_', "
        "'')) = $1::text GROUP BY entity ORDER BY sum(count) DESC, entity "
        "LIMIT $2::bigint",
        joined, ids, max, n, "entity by joined name");
}

td_status td__store_entity_story_peers(td__store *s, int64_t id, int limit,
                                       td__peer_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, id);
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "WITH ea AS (SELECT DISTINCT article FROM mentions WHERE entity = "
        "  $1::bigint),"
        " st AS (SELECT DISTINCT a.story FROM ea JOIN articles a"
        "        ON a.seq = ea.article WHERE a.story IS NOT NULL),"
        " sa AS (SELECT a.seq FROM articles a WHERE a.story IN (SELECT story "
        "        FROM st)),"
        " peers AS (SELECT m.entity, count(DISTINCT m.article) AS ins"
        "        FROM mentions m WHERE m.article IN (SELECT seq FROM sa)"
        "        GROUP BY m.entity) "
        "SELECT p.entity, e.kind, e.key,"
        " (SELECT count(DISTINCT article) FROM mentions WHERE entity = "
        "  p.entity), p.ins,"
        " (SELECT count(DISTINCT m.article) FROM mentions m"
        "  WHERE m.entity = p.entity AND m.article IN (SELECT article FROM ea)) "
        "FROM peers p JOIN entities e ON e.id = p.entity "
        "ORDER BY p.entity = $1::bigint DESC, p.ins DESC, p.entity "
        "LIMIT $2::bigint",
        &a, "story peers");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), (int)ival(r, i, 1), PQgetvalue(r, i, 2),
           ival(r, i, 3), ival(r, i, 4), ival(r, i, 5));
    PQclear(r);
    return TD_OK;
}

td_status td__store_story_names(td__store *s, int64_t seq, int limit,
                                td__story_name_cb cb, void *ud)
{
    args a = {0};
    a_int(&a, seq);
    a_int(&a, limit);
    PGresult *r = run(
        s,
        "SELECT e.id, e.kind, e.key, e.name, count(DISTINCT m.article) AS n,"
        " bool_or(m.article = x.seq)::int"
        " FROM articles x JOIN articles a ON a.story = x.story"
        " JOIN mentions m ON m.article = a.seq"
        " JOIN entities e ON e.id = m.entity WHERE x.seq = $1::bigint"
        " GROUP BY e.id ORDER BY n DESC, e.id LIMIT $2::bigint",
        &a, "story names");
    if (!r)
        return TD_EDB;
    for (int i = 0; i < PQntuples(r); i++)
        cb(ud, ival(r, i, 0), (int)ival(r, i, 1), PQgetvalue(r, i, 2),
           PQgetisnull(r, i, 3) ? NULL : PQgetvalue(r, i, 3), ival(r, i, 4),
           (int)ival(r, i, 5));
    PQclear(r);
    return TD_OK;
}

td_status td__store_entity_in_stories_of(td__store *s, int64_t a_id,
                                         int64_t b_id, int64_t *n)
{
    args a = {0};
    a_int(&a, a_id);
    a_int(&a, b_id);
    return scalar(s,
                  "SELECT count(DISTINCT m.article) FROM mentions m"
                  " JOIN articles x ON x.seq = m.article WHERE m.entity = "
                  "$1::bigint AND x.story IN (SELECT a.story FROM mentions mb "
                  "JOIN articles a ON a.seq = mb.article WHERE mb.entity = "
                  "$2::bigint AND a.story IS NOT NULL)",
                  &a, "entity stories", 0, n);
}

td_status td__store_story_articles_page(td__store *s, int64_t story,
                                        int limit, int offset,
                                        td__store_cursor **out)
{
    args a = {0};
    a_int(&a, story);
    a_int(&a, limit);
    a_int(&a, offset);
    return open_cursor(
        s,
        "SELECT " ARTICLE_COLS ", w.why, w.score FROM articles a "
        "LEFT JOIN assignments w ON w.article = a.seq WHERE a.story = "
        "$1::bigint ORDER BY a.lang NULLS FIRST, a.date NULLS FIRST, a.seq "
        "LIMIT $2::bigint OFFSET $3::bigint",
        &a, CUR_WHY, out);
}

td_status td__store_article_story(td__store *s, const char *id,
                                  int64_t *story, int *found)
{
    args a = {0};
    a_str(&a, id);
    PGresult *r = run(s,
                      "SELECT coalesce(story, 0) FROM articles WHERE id = "
                      "$1::text",
                      &a, "article story");
    if (!r)
        return TD_EDB;
    *found = PQntuples(r) > 0;
    *story = *found ? ival(r, 0, 0) : 0;
    PQclear(r);
    return TD_OK;
}
