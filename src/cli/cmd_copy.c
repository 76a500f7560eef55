/* cmd_copy.c -- tidings copy --from SRC --to DST */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings copy --from SRC --to DST [--quiet]\n\n"
    "Copies a whole store between backends, either way round: SRC and DST\n"
    "are SQLite paths or PostgreSQL connection strings\n"
    "(postgresql://user@host/db, host=/run/postgresql dbname=news). DST must\n"
    "be new, or a copy of SRC that was interrupted: run again, it goes on\n"
    "where it stopped. Afterwards both export the same.\n";

static void on_progress(void *ud, const char *table, int64_t rows)
{
    if (!*(int *)ud)
        fprintf(stderr, "tidings: copy: %s: %lld rows\n", table,
                (long long)rows);
}

int cmd_copy(int argc, char **argv)
{
    const char *from = NULL, *to = NULL;
    int quiet = 0;
    static const struct option opts[] = {{"from", required_argument, 0, 'f'},
                                         {"to", required_argument, 0, 't'},
                                         {"quiet", no_argument, 0, 'q'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'f': from = optarg; break;
        case 't': to = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (!from || !to || optind < argc) {
        cli_error("copy", "give --from SRC and --to DST");
        return CLI_USAGE;
    }
    char err[768];
    td_status st = td_store_copy(from, to, on_progress, &quiet, err,
                                 sizeof err);
    if (st != TD_OK) {
        fprintf(stderr, "tidings: %s\n", err);
        return st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    return CLI_OK;
}
