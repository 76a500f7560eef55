/* bench_ingest.c -- ingest throughput and peak memory.
 *
 * Replicates the dev set to N articles (fresh ids, shifted dates), then, in
 * separate child processes so that peak memory is each one's own:
 *   baseline: parse each JSON line (jansson) and insert its text into an
 *             SQLite FTS5 table in 500-row transactions -- storage with no
 *             cleaning, language id or analysis;
 *   tidings:  td_engine_ingest_path on the same file -- the whole pipeline
 *             (clean, language, tokens, entities, stories, store);
 *   sklearn:  bench/tfidf_baseline.py under Debian's python3 -- TF-IDF
 *             single-pass clustering in memory, nothing stored: the
 *             story-clustering baseline.
 * Prints articles/s per core for each, the ratios, and peak RSS. Then
 * query latency: the same word queries through td_engine_search on the
 * tidings store and as a bare FTS5 MATCH on the baseline's. */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tidings.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long replicate(const char *dev, const char *out, long want)
{
    FILE *in = fopen(dev, "r");
    if (!in)
        return -1;
    json_t **recs = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, in) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            recs = realloc(recs, cap * sizeof *recs);
        }
        recs[n++] = o;
    }
    free(line);
    fclose(in);
    FILE *f = fopen(out, "w");
    long written = 0;
    for (long k = 0; f && written < want; k++) {
        for (size_t i = 0; i < n && written < want; i++, written++) {
            json_t *o = json_deep_copy(recs[i]);
            char id[64];
            snprintf(id, sizeof id, "r%ld-%s", k,
                     json_string_value(json_object_get(o, "id")));
            json_object_set_new(o, "id", json_string(id));
            json_object_del(o, "story");
            const char *d = json_string_value(json_object_get(o, "date"));
            if (d && strlen(d) >= 4) { /* shift the year: fresh dates */
                char nd[16];
                snprintf(nd, sizeof nd, "%04d%s", atoi(d) + (int)(k % 50),
                         d + 4);
                json_object_set_new(o, "date", json_string(nd));
            }
            char *s = json_dumps(o, JSON_COMPACT);
            fprintf(f, "%s\n", s);
            free(s);
            json_decref(o);
        }
    }
    for (size_t i = 0; i < n; i++)
        json_decref(recs[i]);
    free(recs);
    if (f)
        fclose(f);
    return written;
}

static int run_baseline(const char *file, const char *db)
{
    sqlite3 *s;
    if (sqlite3_open(db, &s) != SQLITE_OK)
        return 1;
    sqlite3_exec(s,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                 "CREATE TABLE a(id TEXT UNIQUE, text TEXT);"
                 "CREATE VIRTUAL TABLE f USING fts5(body, tokenize='unicode61 "
                 "remove_diacritics 2');",
                 NULL, NULL, NULL);
    sqlite3_stmt *ins, *fts;
    sqlite3_prepare_v2(s, "INSERT INTO a VALUES (?, ?)", -1, &ins, NULL);
    sqlite3_prepare_v2(s, "INSERT INTO f(rowid, body) VALUES (?, ?)", -1,
                       &fts, NULL);
    FILE *f = fopen(file, "r");
    char *line = NULL;
    size_t cap = 0;
    long n = 0;
    sqlite3_exec(s, "BEGIN", NULL, NULL, NULL);
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o)
            continue;
        const char *text = json_string_value(json_object_get(o, "text"));
        sqlite3_bind_text(ins, 1,
                          json_string_value(json_object_get(o, "id")), -1,
                          SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, text, -1, SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_bind_int64(fts, 1, sqlite3_last_insert_rowid(s));
        sqlite3_bind_text(fts, 2, text, -1, SQLITE_STATIC);
        sqlite3_step(fts);
        sqlite3_reset(fts);
        json_decref(o);
        if (++n % 500 == 0) {
            sqlite3_exec(s, "COMMIT; BEGIN", NULL, NULL, NULL);
        }
    }
    sqlite3_exec(s, "COMMIT", NULL, NULL, NULL);
    free(line);
    fclose(f);
    sqlite3_finalize(ins);
    sqlite3_finalize(fts);
    sqlite3_close(s);
    return 0;
}

static int run_tidings(const char *file, const char *db)
{
    td_engine *e;
    char err[256];
    if (td_engine_open(db, &e, err, sizeof err) != TD_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    td_ingest_stats st = {0, 0, 0};
    td_status rc = td_engine_ingest_path(e, file, &st, NULL, NULL);
    td_engine_close(e);
    if (rc != TD_OK || st.failed) {
        fprintf(stderr, "tidings: %llu failed\n",
                (unsigned long long)st.failed);
        return 1;
    }
    return 0;
}

static int run_sklearn(const char *file, const char *db)
{
    (void)db;
    const char *script = getenv("TIDINGS_BASELINE");
    if (!script)
        script = "bench/tfidf_baseline.py";
    if (!freopen("/dev/null", "w", stdout))
        return 1;
    execl("/usr/bin/python3", "python3", script, file, (char *)NULL);
    perror("bench_ingest: /usr/bin/python3");
    return 1;
}

static const char *const queries[] = {
    "election", "Tokayev", "Kazakhstan", "президент", "Ukraine", "wybory",
    "Regierung", "protesta", "economia", "earthquake", "police", "Moscow",
};
#define NQUERIES (sizeof queries / sizeof queries[0])
#define QUERY_ROUNDS 20

/* Mean and 99th-percentile latency (ms) of the queries, 20 results each. */
static void latency(double *ms, size_t n, double *mean, double *p99)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += ms[i];
    for (size_t i = 1; i < n; i++) /* insertion sort: n is small */
        for (size_t j = i; j > 0 && ms[j - 1] > ms[j]; j--) {
            double t = ms[j];
            ms[j] = ms[j - 1], ms[j - 1] = t;
        }
    *mean = sum / (double)n;
    *p99 = ms[(size_t)((double)(n - 1) * 0.99)];
}

static int query_tidings(const char *db, double *mean, double *p99)
{
    td_engine *e;
    char err[256];
    if (td_engine_open(db, &e, err, sizeof err) != TD_OK)
        return -1;
    double ms[NQUERIES * QUERY_ROUNDS];
    size_t n = 0;
    for (int r = 0; r < QUERY_ROUNDS; r++)
        for (size_t q = 0; q < NQUERIES; q++) {
            double t0 = now();
            td_cursor *c = NULL;
            const td_article *a;
            if (td_engine_search(e, queries[q], 20, &c) == TD_OK)
                while (td_cursor_next(c, &a) == TD_OK)
                    ;
            td_cursor_free(c);
            ms[n++] = (now() - t0) * 1000;
        }
    td_engine_close(e);
    latency(ms, n, mean, p99);
    return 0;
}

static int query_baseline(const char *db, double *mean, double *p99)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    if (sqlite3_open(db, &s) != SQLITE_OK ||
        sqlite3_prepare_v2(s,
                           "SELECT a.id, snippet(f, 0, '[', ']', '...', 12) "
                           "FROM f JOIN a ON a.rowid = f.rowid WHERE f MATCH ? "
                           "ORDER BY rank LIMIT 20",
                           -1, &st, NULL) != SQLITE_OK) {
        sqlite3_close(s);
        return -1;
    }
    double ms[NQUERIES * QUERY_ROUNDS];
    size_t n = 0;
    for (int r = 0; r < QUERY_ROUNDS; r++)
        for (size_t q = 0; q < NQUERIES; q++) {
            double t0 = now();
            char quoted[128];
            snprintf(quoted, sizeof quoted, "\"%s\"", queries[q]);
            sqlite3_bind_text(st, 1, quoted, -1, SQLITE_STATIC);
            while (sqlite3_step(st) == SQLITE_ROW)
                ;
            sqlite3_reset(st);
            ms[n++] = (now() - t0) * 1000;
        }
    sqlite3_finalize(st);
    sqlite3_close(s);
    latency(ms, n, mean, p99);
    return 0;
}

/* Runs fn in a child; returns wall seconds, CPU seconds and peak RSS (KiB). */
static int measure(int (*fn)(const char *, const char *), const char *file,
                   const char *db, double *wall, double *cpu, long *rss_kib)
{
    unlink(db);
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0)
        _exit(fn(file, db));
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    *wall = now() - t0;
    *cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    *rss_kib = ru.ru_maxrss;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    const char *dev = argc > 1 ? argv[1] : "../shared/data/dev/articles.jsonl";
    long want = argc > 2 ? atol(argv[2]) : 100000;
    const char *tmp = argc > 3 ? argv[3] : "/tmp";
    char file[512], db1[512], db2[512];
    snprintf(file, sizeof file, "%s/bench-ingest.jsonl", tmp);
    snprintf(db1, sizeof db1, "%s/bench-baseline.db", tmp);
    snprintf(db2, sizeof db2, "%s/bench-tidings.db", tmp);
    long n = replicate(dev, file, want);
    if (n <= 0) {
        fprintf(stderr, "bench_ingest: cannot read %s\n", dev);
        return 1;
    }
    double bw, bc, tw, tc, sw = 0, sc = 0;
    long br, tr, sr = 0;
    if (measure(run_baseline, file, db1, &bw, &bc, &br) != 0 ||
        measure(run_tidings, file, db2, &tw, &tc, &tr) != 0) {
        fprintf(stderr, "bench_ingest: a run failed\n");
        return 1;
    }
    double qb_mean = 0, qb_p99 = 0, qt_mean = 0, qt_p99 = 0;
    int have_q = query_baseline(db1, &qb_mean, &qb_p99) == 0 &&
                 query_tidings(db2, &qt_mean, &qt_p99) == 0;
    int have_sklearn = measure(run_sklearn, file, db1, &sw, &sc, &sr) == 0;
    if (!have_sklearn)
        fprintf(stderr, "bench_ingest: the sklearn baseline did not run "
                        "(python3-sklearn missing?)\n");
    printf("ingest benchmark: %ld articles (dev set replicated, fresh ids "
           "and dates)\n", n);
    printf("  %-34s %10s %12s %12s %12s\n", "", "wall s", "articles/s",
           "per CPU-s", "peak RSS MiB");
    printf("  %-34s %10.2f %12.0f %12.0f %12.1f\n",
           "baseline (JSON + SQLite FTS5 only)", bw, n / bw, n / bc,
           br / 1024.0);
    printf("  %-34s %10.2f %12.0f %12.0f %12.1f\n",
           "tidings (whole pipeline + store)", tw, n / tw, n / tc,
           tr / 1024.0);
    if (have_sklearn)
        printf("  %-34s %10.2f %12.0f %12.0f %12.1f\n",
               "sklearn TF-IDF single-pass (memory)", sw, n / sw, n / sc,
               sr / 1024.0);
    printf("  ratio tidings/storage baseline: throughput %.2f, peak memory "
           "%.2f\n", (n / tc) / (n / bc), (double)tr / (double)br);
    if (have_sklearn)
        printf("  ratio tidings/sklearn baseline: throughput %.2f, peak "
               "memory %.2f\n", (n / tc) / (n / sc), (double)tr / (double)sr);
    printf("  tidings peak memory per million articles (scaled from %ld): "
           "%.0f MiB\n", n, tr / 1024.0 * 1e6 / (double)n);
    if (have_q)
        printf("query latency (%zu word queries x %d, 20 results): bare FTS5 "
               "mean %.2f ms p99 %.2f ms; tidings search mean %.2f ms p99 "
               "%.2f ms; ratio of means %.2f\n",
               NQUERIES, QUERY_ROUNDS, qb_mean, qb_p99, qt_mean, qt_p99,
               qt_mean / qb_mean);
    unlink(file);
    unlink(db1);
    unlink(db2);
    return 0;
}
