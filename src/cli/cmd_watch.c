/* cmd_watch.c -- tidings watch FEEDS.txt [--interval S] [--once]
 *
 * Polls a list of RSS/Atom feed URLs and ingests the items as they appear.
 * Each feed keeps its validators (ETag, Last-Modified) for conditional GETs
 * and its own back-off: a failing feed is retried later and later (up to an
 * hour) while the others go on. Items are ingested and committed feed by
 * feed, so a SIGINT or SIGTERM loses nothing already fetched: the signal
 * only stops the loop (and aborts a transfer in flight).
 *
 * Unlike the other commands this one reaches below the public API, into the
 * library's fetcher and feed reader (ingest/fetch.h, ingest/reader.h): the
 * public API has no in-memory or conditional ingest yet. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/alloc.h"
#include "ingest/fetch.h"
#include "ingest/reader.h"

#define MAX_BACKOFF_S 3600
#define MAX_FEEDS 10000

static const char help[] =
    "usage: tidings watch [--db PATH] [--json] [--interval S] [--once]\n"
    "                     [--timeout S] [--max-bytes N] FEEDS.txt\n\n"
    "Polls every RSS/Atom feed URL listed in FEEDS.txt (one a line; blank\n"
    "lines and '#' comments ignored) every S seconds (default 300) and\n"
    "ingests new items. Items with only a summary are fetched from their\n"
    "link. Conditional GETs (ETag, Last-Modified) skip unchanged feeds;\n"
    "a failing feed gets one error line and is retried with exponential\n"
    "back-off (up to an hour). Transfers time out after --timeout seconds\n"
    "(default 30), responses are capped at --max-bytes (default 32 MiB),\n"
    "redirects at 5. --once polls each feed once and exits (status 1 when\n"
    "a feed failed). SIGINT/SIGTERM stop cleanly; what was fetched is kept.\n";

typedef struct feed {
    char *url;
    char *etag, *last_modified;
    int failures;
    time_t due;
} feed;

static volatile sig_atomic_t stop_flag;
static volatile int stop_int; /* what the fetcher polls */

static void on_signal(int sig)
{
    (void)sig;
    stop_flag = 1;
    stop_int = 1;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' ||
                 s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t i = strspn(s, " \t");
    memmove(s, s + i, n - i + 1);
}

/* Reads the feed list; returns the count, or -1 after printing why. */
static int read_feeds(const char *path, feed **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error("watch", "%s: %s", path, strerror(errno));
        return -1;
    }
    feed *v = NULL;
    int n = 0, cap = 0, lineno = 0, bad = 0;
    char *line = NULL;
    size_t lcap = 0;
    while (getline(&line, &lcap, f) >= 0) {
        lineno++;
        trim(line);
        if (!line[0] || line[0] == '#')
            continue;
        if (!td__is_url(line)) {
            cli_error("watch", "%s:%d: not an http(s) URL: %s", path, lineno,
                      line);
            bad = 1;
            continue;
        }
        if (n == MAX_FEEDS)
            break;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            feed *w = td__realloc(v, (size_t)cap * sizeof *w);
            if (!w) {
                bad = 2;
                break;
            }
            v = w;
        }
        memset(&v[n], 0, sizeof v[n]);
        v[n].url = td__strdup(line);
        if (!v[n].url) {
            bad = 2;
            break;
        }
        n++;
    }
    free(line);
    fclose(f);
    if (bad == 2 || n == 0) {
        if (bad == 2)
            cli_error("watch", "out of memory");
        else
            cli_error("watch", "%s: no feed URLs", path);
        for (int i = 0; i < n; i++)
            td__free(v[i].url);
        td__free(v);
        return -1;
    }
    *out = v;
    return n;
}

typedef struct poll_out {
    int json, failed_items;
} poll_out;

static void on_event(void *ud, const td_event *ev)
{
    poll_out *p = ud;
    if (ev->kind == TD_EVENT_FAILED) {
        p->failed_items++;
        fprintf(stderr, "tidings: watch: %s: %s\n", ev->where,
                ev->message ? ev->message : td_strerror(ev->status));
    }
}

static void replace(char **slot, char **with)
{
    if (!*with)
        return;
    td__free(*slot);
    *slot = *with;
    *with = NULL;
}

static void report(const poll_out *p, const feed *fd, const char *status,
                   const td_ingest_stats *s, const char *err, long retry)
{
    if (p->json) {
        json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I}", "feed", fd->url,
                              "status", status, "added",
                              (json_int_t)s->added, "skipped",
                              (json_int_t)s->skipped, "failed",
                              (json_int_t)s->failed);
        if (err) {
            json_object_set_new(o, "error", json_string(err));
            json_object_set_new(o, "retry_in", json_integer(retry));
        }
        cli_print_json(o);
    } else if (err) {
        cli_error("watch", "%s: %s (retry in %ld s)", fd->url, err, retry);
    } else {
        printf("%s: %s, %llu added, %llu already stored, %llu failed\n",
               fd->url, status, (unsigned long long)s->added,
               (unsigned long long)s->skipped, (unsigned long long)s->failed);
    }
    fflush(stdout);
}

/* Polls one feed. Returns 0, 1 when the feed failed, 2 on a fatal engine
 * error (database, memory). */
static int poll_feed(td_engine *e, feed *fd, const td__fetch_opts *base,
                     long interval, poll_out *p)
{
    td__fetch_opts o = *base;
    o.etag = fd->etag;
    o.last_modified = fd->last_modified;
    td__fetch_result r;
    char err[256];
    td_ingest_stats s = {0, 0, 0};
    time_t now = time(NULL);
    td_status st = td__fetch(fd->url, &o, &r, err, sizeof err);
    if (st == TD_ENOMEM)
        return 2;
    if (st != TD_OK) {
        if (stop_flag)
            return 0; /* interrupted, not failed */
        fd->failures++;
        long back = interval;
        for (int i = 0; i < fd->failures && back < MAX_BACKOFF_S; i++)
            back *= 2;
        if (back > MAX_BACKOFF_S)
            back = MAX_BACKOFF_S;
        fd->due = now + back;
        s.failed = 1;
        report(p, fd, "error", &s, err, back);
        return 1;
    }
    fd->failures = 0;
    fd->due = now + interval;
    replace(&fd->etag, &r.etag);
    replace(&fd->last_modified, &r.last_modified);
    if (r.status == 304) {
        report(p, fd, "not modified", &s, NULL, 0);
        td__fetch_result_free(&r);
        return 0;
    }
    st = td__engine_ingest_feed(e, r.final_url ? r.final_url : fd->url,
                                r.body, r.len, &s, on_event, p);
    td__fetch_result_free(&r);
    report(p, fd, "fetched", &s, NULL, 0);
    if (st == TD_EDB || st == TD_ENOMEM) {
        cli_error("watch", "%s; stopping (what was stored is kept)",
                  td_engine_errmsg(e));
        return 2;
    }
    return 0;
}

int cmd_watch(int argc, char **argv)
{
    cli_common c = {0};
    long interval = 300, timeout = 30;
    long long max_bytes = 32LL << 20;
    int once = 0;
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"json", no_argument, 0, 'j'},
        {"interval", required_argument, 0, 'i'},
        {"timeout", required_argument, 0, 't'},
        {"max-bytes", required_argument, 0, 'm'},
        {"once", no_argument, 0, 'o'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        char *end = NULL;
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'o': once = 1; break;
        case 'i':
        case 't':
        case 'm': {
            long long v = strtoll(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || (o != 'm' && v > 86400 * 7)) {
                cli_error("watch", "--%s: a positive number expected: %s",
                          o == 'i' ? "interval" : o == 't' ? "timeout"
                                                           : "max-bytes",
                          optarg);
                return CLI_USAGE;
            }
            if (o == 'i')
                interval = (long)v;
            else if (o == 't')
                timeout = (long)v;
            else
                max_bytes = v;
            break;
        }
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind != argc - 1) {
        cli_error("watch", "one feed list expected (FEEDS.txt)");
        fputs(help, stderr);
        return CLI_USAGE;
    }
    feed *feeds = NULL;
    int n = read_feeds(argv[optind], &feeds);
    if (n < 0)
        return CLI_USAGE;
    td_engine *e = cli_open("watch", &c);
    if (!e) {
        for (int i = 0; i < n; i++)
            td__free(feeds[i].url);
        td__free(feeds);
        return CLI_USAGE;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    td__fetch_opts fo = {timeout, timeout < 10 ? timeout : 10,
                         (size_t)max_bytes, NULL, NULL, &stop_int};
    poll_out p = {c.json, 0};
    int rc = CLI_OK;
    while (!stop_flag) {
        time_t now = time(NULL);
        time_t next = now + interval;
        for (int i = 0; i < n && !stop_flag; i++) {
            if (feeds[i].due > now) {
                if (feeds[i].due < next)
                    next = feeds[i].due;
                continue;
            }
            int r = poll_feed(e, &feeds[i], &fo, interval, &p);
            if (r == 2) {
                rc = CLI_USAGE;
                stop_flag = 1;
            } else if (r == 1 && rc == CLI_OK) {
                rc = CLI_FAILED;
            }
            if (feeds[i].due < next)
                next = feeds[i].due;
        }
        if (once)
            break;
        /* Sleep in short steps so a signal ends the wait promptly. */
        while (!stop_flag && time(NULL) < next)
            sleep(1);
    }
    td_engine_close(e); /* commits anything pending */
    for (int i = 0; i < n; i++) {
        td__free(feeds[i].url);
        td__free(feeds[i].etag);
        td__free(feeds[i].last_modified);
    }
    td__free(feeds);
    if (rc == CLI_OK && p.failed_items)
        rc = CLI_FAILED;
    return rc;
}
