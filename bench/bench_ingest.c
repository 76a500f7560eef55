/* bench_ingest.c -- ingest throughput, store size and peak memory.
 *
 * Replicates the dev sets (dev + dev2: a comma-separated list) to N
 * articles (fresh ids, shifted dates), then, in separate child processes so
 * that peak memory is each one's own:
 *   baseline: parse each JSON line (jansson) and insert its text into an
 *             SQLite FTS5 table in 500-row transactions -- storage with no
 *             cleaning, language id or analysis: the ceiling;
 *   tidings:  td_engine_ingest_path on the same file -- the whole pipeline
 *             (clean, language, tokens, entities, stories, store), once
 *             with --jobs 1 (articles per CPU-second) and once with --jobs
 *             2 (articles per second of wall time on two cores), each with
 *             the CPU time of every stage (core/prof.h) and what no stage
 *             booked;
 *   sklearn:  bench/tfidf_baseline.py under Debian's python3 -- TF-IDF
 *             single-pass clustering in memory, nothing stored: the
 *             story-clustering baseline.
 * Prints articles/s per core for each, the ratios, and peak RSS. Then
 * query latency: the same word queries through td_engine_search on the
 * tidings store and as a bare FTS5 MATCH on the baseline's.
 * BENCH_QUICK=1 runs tidings --jobs 1 alone (to profile a change). */
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

#include <sys/stat.h>

#include "core/prof.h"
#include "tidings.h"

static int bench_jobs = 1;          /* for run_tidings */
static const char *prof_out = NULL; /* run_tidings writes stage times here */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long replicate(const char *devs, const char *out, long want)
{
    json_t **recs = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    char *list = strdup(devs), *save = NULL;
    for (char *dev = strtok_r(list, ",", &save); dev;
         dev = strtok_r(NULL, ",", &save)) {
        FILE *in = fopen(dev, "r");
        if (!in) {
            free(list);
            return -1;
        }
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
        fclose(in);
    }
    free(list);
    free(line);
    if (n == 0)
        return -1;
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
    td_engine_set_jobs(e, bench_jobs);
    if (prof_out)
        td__prof_enable(1);
    td_ingest_stats st = {0, 0, 0};
    td_status rc = td_engine_ingest_path(e, file, &st, NULL, NULL);
    td_engine_close(e);
    if (rc != TD_OK || st.failed) {
        fprintf(stderr, "tidings: %llu failed\n",
                (unsigned long long)st.failed);
        return 1;
    }
    if (prof_out) {
        FILE *f = fopen(prof_out, "w");
        if (!f)
            return 1;
        for (int i = 0; i < TD__ST_COUNT; i++)
            fprintf(f, "%s %.6f\n", td__prof_name((td__stage)i),
                    td__prof_seconds((td__stage)i));
        fclose(f);
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

static long long file_bytes(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 ? (long long)sb.st_size : 0;
}

/* The store's bytes per table and index (SQLite's dbstat), largest first. */
static void store_breakdown(const char *db, long long input)
{
    sqlite3 *s;
    sqlite3_stmt *st;
    if (sqlite3_open_v2(db, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s,
                           "SELECT name, sum(pgsize) AS b FROM dbstat "
                           "GROUP BY name ORDER BY b DESC LIMIT 12",
                           -1, &st, NULL) != SQLITE_OK) {
        printf("  (no per-table breakdown: %s)\n", sqlite3_errmsg(s));
        sqlite3_close(s);
        return;
    }
    printf("  store by table (MiB, share of input bytes):");
    int k = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        double b = (double)sqlite3_column_int64(st, 1);
        printf("%s %s %.1f (%.2f)", k++ % 4 ? "," : "\n   ",
               (const char *)sqlite3_column_text(st, 0), b / 1048576.0,
               b / (double)input);
    }
    printf("\n");
    sqlite3_finalize(st);
    sqlite3_close(s);
}

/* The stage times run_tidings wrote to path, per article, with the CPU
 * time no stage booked (reading, the pool's hand-over, threads' start). */
static void print_stages(const char *path, long n, int jobs, double cpu)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char name[64];
    double sec, total = 0, v[TD__ST_COUNT];
    char names[TD__ST_COUNT][64];
    int k = 0;
    while (k < TD__ST_COUNT && fscanf(f, "%63s %lf", name, &sec) == 2) {
        snprintf(names[k], sizeof names[k], "%s", name);
        v[k++] = sec;
        total += sec;
    }
    fclose(f);
    printf("  per-stage CPU time per article (--jobs %d, microseconds; share "
           "of the process's CPU time):\n   ",
           jobs);
    for (int i = 0; i < k; i++)
        printf(" %s %.0f (%.0f%%)%s", names[i], v[i] / (double)n * 1e6,
               cpu > 0 ? v[i] / cpu * 100 : 0, i % 5 == 4 ? "\n   " : "");
    printf(" unstaged %.0f (%.0f%%)\n",
           (cpu - total) / (double)n * 1e6,
           cpu > 0 ? (cpu - total) / cpu * 100 : 0);
}

int main(int argc, char **argv)
{
    const char *dev = argc > 1 ? argv[1] : "../shared/data/dev/articles.jsonl";
    long want = argc > 2 ? atol(argv[2]) : 100000;
    const char *tmp = argc > 3 ? argv[3] : "/tmp";
    /* BENCH_SCALE=1 (make bench-scale): tidings alone, at many articles. */
    int scale = getenv("BENCH_SCALE") && atoi(getenv("BENCH_SCALE")) != 0;
    /* BENCH_QUICK=1: tidings --jobs 1 alone (profiling a change). */
    int quick = getenv("BENCH_QUICK") && atoi(getenv("BENCH_QUICK")) != 0;
    if (quick)
        scale = 1;
    char file[512], db1[512], db2[512], prof[512], prof2[512];
    snprintf(file, sizeof file, "%s/bench-ingest.jsonl", tmp);
    snprintf(db1, sizeof db1, "%s/bench-baseline.db", tmp);
    snprintf(db2, sizeof db2, "%s/bench-tidings.db", tmp);
    snprintf(prof, sizeof prof, "%s/bench-stages.txt", tmp);
    snprintf(prof2, sizeof prof2, "%s/bench-stages2.txt", tmp);
    long n = replicate(dev, file, want);
    if (n <= 0) {
        fprintf(stderr, "bench_ingest: cannot read %s\n", dev);
        return 1;
    }
    long long input = file_bytes(file);
    double bw = 0, bc = 0, tw, tc, t2w = 0, t2c = 0, sw = 0, sc = 0;
    long br = 0, tr, t2r = 0, sr = 0;
    if (!scale && measure(run_baseline, file, db1, &bw, &bc, &br) != 0) {
        fprintf(stderr, "bench_ingest: the baseline failed\n");
        return 1;
    }
    bench_jobs = 2;
    prof_out = prof2;
    if (!quick && measure(run_tidings, file, db2, &t2w, &t2c, &t2r) != 0) {
        fprintf(stderr, "bench_ingest: tidings --jobs 2 failed\n");
        return 1;
    }
    bench_jobs = 1;
    prof_out = prof;
    if (measure(run_tidings, file, db2, &tw, &tc, &tr) != 0) {
        fprintf(stderr, "bench_ingest: tidings --jobs 1 failed\n");
        return 1;
    }
    prof_out = NULL;
    long long store = file_bytes(db2);
    double qb_mean = 0, qb_p99 = 0, qt_mean = 0, qt_p99 = 0;
    int have_qb = !scale && query_baseline(db1, &qb_mean, &qb_p99) == 0;
    int have_qt = query_tidings(db2, &qt_mean, &qt_p99) == 0;
    int have_sklearn =
        !scale && measure(run_sklearn, file, db1, &sw, &sc, &sr) == 0;
    if (!scale && !have_sklearn)
        fprintf(stderr, "bench_ingest: the sklearn baseline did not run "
                        "(python3-sklearn missing?)\n");
    printf("ingest benchmark: %ld articles, %.1f MB of JSON Lines (%s "
           "replicated, fresh ids and dates)\n",
           n, (double)input / 1e6, dev);
    printf("  %-36s %9s %11s %10s %12s\n", "", "wall s", "articles/s",
           "per CPU-s", "peak RSS MiB");
    if (!scale)
        printf("  %-36s %9.2f %11.0f %10.0f %12.1f\n",
               "baseline: JSON + SQLite FTS5 (ceiling)", bw, n / bw, n / bc,
               br / 1024.0);
    printf("  %-36s %9.2f %11.0f %10.0f %12.1f\n",
           "tidings --jobs 1 (whole pipeline)", tw, n / tw, n / tc,
           tr / 1024.0);
    if (!quick)
        printf("  %-36s %9.2f %11.0f %10.0f %12.1f\n",
               "tidings --jobs 2 (whole pipeline)", t2w, n / t2w, n / t2c,
               t2r / 1024.0);
    if (have_sklearn)
        printf("  %-36s %9.2f %11.0f %10.0f %12.1f\n",
               "sklearn TF-IDF single-pass (memory)", sw, n / sw, n / sc,
               sr / 1024.0);
    if (!scale)
        printf("  ratio tidings/storage ceiling: per CPU-s %.2f, wall "
               "(--jobs 2 vs ceiling) %.2f, peak memory %.2f\n",
               (n / tc) / (n / bc), (n / t2w) / (n / bw),
               (double)tr / (double)br);
    if (have_sklearn)
        printf("  ratio tidings/sklearn: per CPU-s %.2f, wall (--jobs 2) "
               "%.2f, peak memory %.2f\n",
               (n / tc) / (n / sc), (n / t2w) / (n / sw),
               (double)tr / (double)sr);
    if (!quick)
        printf("  --jobs 2 speed-up in wall time over --jobs 1: %.2f\n",
               tw / t2w);
    printf("  store: %.1f MiB for %.1f MiB of input: %.2f bytes per input "
           "byte\n",
           (double)store / 1048576.0, (double)input / 1048576.0,
           (double)store / (double)input);
    store_breakdown(db2, input);
    print_stages(prof, n, 1, tc);
    if (!quick)
        print_stages(prof2, n, 2, t2c);
    printf("  tidings peak memory per million articles (scaled from %ld): "
           "%.0f MiB\n", n, tr / 1024.0 * 1e6 / (double)n);
    if (have_qb && have_qt)
        printf("query latency (%zu word queries x %d, 20 results): bare FTS5 "
               "mean %.2f ms p99 %.2f ms; tidings search mean %.2f ms p99 "
               "%.2f ms; ratio of means %.2f\n",
               NQUERIES, QUERY_ROUNDS, qb_mean, qb_p99, qt_mean, qt_p99,
               qt_mean / qb_mean);
    else if (have_qt)
        printf("query latency at %ld articles (%zu word queries x %d): "
               "tidings search mean %.2f ms p99 %.2f ms\n",
               n, NQUERIES, QUERY_ROUNDS, qt_mean, qt_p99);
    unlink(file);
    unlink(db1);
    unlink(db2);
    unlink(prof);
    unlink(prof2);
    return 0;
}
