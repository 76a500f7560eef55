/* cmd_ingest.c -- tidings ingest [--db PATH] [--jobs N] [--max-record N] [--json] FILE... | - */
#include <ctype.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings ingest [--db PATH] [--jobs N] [--json] [--quiet]\n"
    "                      [--max-record N] FILE... | URL... | -\n\n"
    "Adds articles to the database: plain text files (one article each, an\n"
    "optional ' date YYYY-MM[-DD]' first line and title line), JSON Lines\n"
    "(one object a line with text or html, and optional id, url, title,\n"
    "date, lang, source), or '-' for JSON Lines on standard input.\n"
    "Re-ingesting an article already stored is a no-op. Inputs are regular\n"
    "files, http(s) URLs and '-'; anything else (a FIFO, a device) is\n"
    "refused. --max-record N (bytes, K/M/G suffixes; default 16M) skips any\n"
    "record larger (a JSON line, a text or HTML file, a WARC response).\n"
    "A field dropped or corrected (a bad date or language) is a warning.\n\n"
    "--jobs N analyses articles on N threads (default: one per processor;\n"
    "1: none); they are stored and clustered in input order, so the\n"
    "stories are the same for every N.\n\n"
    "Every input that fails gets one line on stderr naming it and the\n"
    "reason; the rest is stored. Prints a one-line summary. Exit status:\n"
    "0 all stored, 1 something failed, 2 usage or database error.\n";

/* Progress for big inputs: after the first seconds, a bar with rate and
 * ETA redrawn on a terminal, or a plain line every few seconds when stderr
 * is a file or a pipe (logs). Small inputs finish before anything shows. */
#define PROGRESS_AFTER 1.0   /* seconds before the first report */
#define PROGRESS_TTY_EVERY 0.2
#define PROGRESS_LOG_EVERY 10.0

typedef struct progress {
    int quiet;
    int tty;            /* stderr is a terminal */
    int drawn;          /* a bar is on the terminal's last line */
    uint64_t total;     /* bytes of all inputs (0: unknown, e.g. stdin) */
    uint64_t before;    /* bytes of the inputs already finished */
    uint64_t done;      /* bytes of all inputs read so far */
    uint64_t articles;  /* records seen: added, skipped or failed */
    double start, last; /* when ingest began, when progress last showed */
} progress;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void clear_bar(progress *p)
{
    if (p->drawn) {
        fputs("\r\033[K", stderr);
        p->drawn = 0;
    }
}

static void format_eta(double s, char *out, size_t cap)
{
    long v = (long)(s + 0.5);
    if (v >= 3600)
        snprintf(out, cap, "%ld:%02ld:%02ld", v / 3600, v / 60 % 60, v % 60);
    else
        snprintf(out, cap, "%ld:%02ld", v / 60, v % 60);
}

static void show_progress(progress *p, double t)
{
    double elapsed = t - p->start;
    double rate = elapsed > 0 ? (double)p->articles / elapsed : 0;
    double frac = p->total ? (double)p->done / (double)p->total : -1;
    if (frac > 1)
        frac = 1;
    char eta[32] = "?";
    if (frac > 0.001)
        format_eta(elapsed / frac - elapsed, eta, sizeof eta);
    if (p->tty) {
        char bar[31];
        int fill = frac < 0 ? 0 : (int)(frac * 30);
        for (int i = 0; i < 30; i++)
            bar[i] = i < fill ? '#' : '.';
        bar[30] = 0;
        if (frac < 0)
            fprintf(stderr, "\r\033[Kingest: %llu articles, %.0f/s",
                    (unsigned long long)p->articles, rate);
        else
            fprintf(stderr,
                    "\r\033[Kingest [%s] %3.0f%%  %llu articles  %.0f/s  "
                    "ETA %s",
                    bar, frac * 100, (unsigned long long)p->articles, rate,
                    eta);
        p->drawn = 1;
    } else if (frac < 0) {
        fprintf(stderr, "tidings: ingest: %llu articles, %.0f/s\n",
                (unsigned long long)p->articles, rate);
    } else {
        fprintf(stderr,
                "tidings: ingest: %.0f%%, %llu articles, %.0f/s, ETA %s\n",
                frac * 100, (unsigned long long)p->articles, rate, eta);
    }
    fflush(stderr);
    p->last = t;
}

static void maybe_progress(progress *p)
{
    if (p->quiet)
        return;
    double t = now_seconds();
    if (t - p->start < PROGRESS_AFTER)
        return;
    double every = p->tty ? PROGRESS_TTY_EVERY : PROGRESS_LOG_EVERY;
    if (p->last == 0 ? t - p->start >= (p->tty ? PROGRESS_AFTER : every)
                     : t - p->last >= every)
        show_progress(p, t);
}

static void on_event(void *ud, const td_event *ev)
{
    progress *p = ud;
    if (ev->kind == TD_EVENT_PROGRESS) {
        p->done = p->before + ev->bytes_done;
    } else {
        p->articles++;
        if (ev->kind == TD_EVENT_WARNING) {
            if (!p->quiet) {
                clear_bar(p);
                fprintf(stderr, "tidings: ingest: %s: warning: %s\n",
                        ev->where, ev->message);
            }
            return; /* not an article of its own */
        }
        if (ev->kind == TD_EVENT_FAILED && !p->quiet) {
            clear_bar(p);
            fprintf(stderr, "tidings: ingest: %s: %s\n", ev->where,
                    ev->message ? ev->message : td_strerror(ev->status));
        }
    }
    maybe_progress(p);
}

static uint64_t input_size(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    return (uint64_t)st.st_size;
}

/* --max-record: bytes, with an optional K, M or G (powers of 1024). */
static int record_limit(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    unsigned long long mul = 1;
    if (*end == 'K' || *end == 'k')
        mul = 1ull << 10, end++;
    else if (*end == 'M' || *end == 'm')
        mul = 1ull << 20, end++;
    else if (*end == 'G' || *end == 'g')
        mul = 1ull << 30, end++;
    if (end == s || *end || !isdigit((unsigned char)*s) || v == 0 ||
        v > (1ull << 40) / mul)
        return 0;
    *out = (size_t)(v * mul);
    return 1;
}

int cmd_ingest(int argc, char **argv)
{
    td_ingest_opts iopts = {0};
    cli_common c = {0};
    progress p = {0};
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"jobs", required_argument, 0, 'J'},
                                         {"max-record", required_argument, 0,
                                          'M'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    int jobs = 0; /* one per processor */
    optind = 1;
    while ((o = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'q': p.quiet = 1; break;
        case 'J': {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (!*optarg || *end || n < 1 || n > TD_MAX_JOBS) {
                cli_error("ingest", "--jobs wants a number from 1 to %d, not '%s'",
                          TD_MAX_JOBS, optarg);
                return CLI_USAGE;
            }
            jobs = (int)n;
            break;
        }
        case 'M':
            if (!record_limit(optarg, &iopts.max_record)) {
                cli_error("ingest",
                          "--max-record wants a byte count (e.g. 16M), got "
                          "'%s'",
                          optarg);
                return CLI_USAGE;
            }
            break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("ingest", "no input given (FILE... or - for stdin)");
        return CLI_USAGE;
    }
    td_engine *e = cli_open("ingest", &c);
    if (!e)
        return CLI_USAGE;
    td_engine_set_jobs(e, jobs);
    td_ingest_stats stats = {0, 0, 0};
    int fatal = 0;
    int inputs = 0;
    p.tty = isatty(STDERR_FILENO);
    p.start = now_seconds();
    for (int i = optind; i < argc; i++) {
        uint64_t n = input_size(argv[i]);
        if (n == 0 && strcmp(argv[i], "-") == 0) {
            p.total = 0; /* stdin: no size, so no percentage */
            break;
        }
        p.total += n;
    }
    for (int i = optind; i < argc && !fatal; i++, inputs++) {
        td_status st = td_engine_ingest_path_opts(e, argv[i], &iopts, &stats,
                                                  on_event, &p);
        p.before += input_size(argv[i]);
        p.done = p.before;
        if (st == TD_EDB || st == TD_ENOMEM) {
            cli_error("ingest", "%s; stopping (what was stored is kept)",
                      td_engine_errmsg(e));
            fatal = 1;
        }
    }
    clear_bar(&p);
    td_engine_close(e);
    if (c.json) {
        json_t *o2 = json_pack("{s:I, s:I, s:I, s:i}", "added",
                               (json_int_t)stats.added, "skipped",
                               (json_int_t)stats.skipped, "failed",
                               (json_int_t)stats.failed, "inputs", inputs);
        cli_print_json(o2);
    } else {
        printf("%d input%s: %llu added, %llu already stored, %llu failed\n",
               inputs, inputs == 1 ? "" : "s",
               (unsigned long long)stats.added,
               (unsigned long long)stats.skipped,
               (unsigned long long)stats.failed);
    }
    if (fatal)
        return CLI_USAGE;
    return stats.failed ? CLI_FAILED : CLI_OK;
}
