/* cmd_ingest.c -- tidings ingest [--db PATH] [--json] FILE... | - */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings ingest [--db PATH] [--json] [--quiet] FILE... | -\n\n"
    "Adds articles to the database: plain text files (one article each, an\n"
    "optional ' date YYYY-MM[-DD]' first line and title line), JSON Lines\n"
    "(one object a line with text or html, and optional id, url, title,\n"
    "date, lang, source), or '-' for JSON Lines on standard input.\n"
    "Re-ingesting an article already stored is a no-op.\n\n"
    "Every input that fails gets one line on stderr naming it and the\n"
    "reason; the rest is stored. Prints a one-line summary. Exit status:\n"
    "0 all stored, 1 something failed, 2 usage or database error.\n";

typedef struct progress {
    int quiet;
} progress;

static void on_event(void *ud, const td_event *ev)
{
    progress *p = ud;
    if (ev->kind == TD_EVENT_FAILED && !p->quiet)
        fprintf(stderr, "tidings: ingest: %s: %s\n", ev->where,
                ev->message ? ev->message : td_strerror(ev->status));
}

int cmd_ingest(int argc, char **argv)
{
    cli_common c = {0};
    progress p = {0};
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'q': p.quiet = 1; break;
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
    td_ingest_stats stats = {0, 0, 0};
    int fatal = 0;
    int inputs = 0;
    for (int i = optind; i < argc && !fatal; i++, inputs++) {
        td_status st = td_engine_ingest_path(e, argv[i], &stats, on_event, &p);
        if (st == TD_EDB || st == TD_ENOMEM) {
            cli_error("ingest", "%s; stopping (what was stored is kept)",
                      td_engine_errmsg(e));
            fatal = 1;
        }
    }
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
