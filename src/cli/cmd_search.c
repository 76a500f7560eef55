/* cmd_search.c -- tidings search QUERY [--limit N] [--json] */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings search [--db PATH] [--json] [--limit N] QUERY...\n\n"
    "Full-text search over titles and texts, best matches first. Every word\n"
    "must match (case and accents ignored); \"quoted words\" match as a\n"
    "phrase. Filters: lang:xx, since:YYYY[-MM[-DD]], until:YYYY[-MM[-DD]].\n"
    "Example: tidings search 'Tokayev election lang:en since:2022-11'\n";

int cmd_search(int argc, char **argv)
{
    cli_common c = {0};
    int limit = 20;
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"limit", required_argument, 0, 'n'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'n': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 10000) {
                cli_error("search", "--limit wants 1..10000, got '%s'",
                          optarg);
                return CLI_USAGE;
            }
            limit = (int)v;
            break;
        }
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind >= argc) {
        cli_error("search", "no query given");
        return CLI_USAGE;
    }
    /* The words of the query may come as one argument or several. */
    size_t len = 1;
    for (int i = optind; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *q = calloc(1, len);
    if (!q)
        return CLI_USAGE;
    for (int i = optind; i < argc; i++) {
        if (i > optind)
            strcat(q, " ");
        strcat(q, argv[i]);
    }
    td_engine *e = cli_open("search", &c);
    if (!e) {
        free(q);
        return CLI_USAGE;
    }
    td_cursor *cur = NULL;
    td_status st = td_engine_search(e, q, limit, &cur);
    json_t *hits = json_array();
    const td_article *a;
    int n = 0;
    while (st == TD_OK && (st = td_cursor_next(cur, &a)) == TD_OK) {
        n++;
        if (c.json) {
            json_t *h = cli_article_json(a, 0);
            json_object_set_new(h, "snippet", cli_jstr(a->snippet));
            json_object_set_new(h, "score", json_real(a->score));
            json_array_append_new(hits, h);
        } else {
            printf("%2d. %s [%s %s] %s\n    %s\n", n, a->id,
                   a->lang ? a->lang : "-", a->date ? a->date : "-",
                   a->title ? a->title : "", a->snippet ? a->snippet : "");
        }
    }
    int rc = CLI_OK;
    if (st != TD_DONE) {
        cli_error("search", "%s", td_engine_errmsg(e));
        rc = st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
        json_decref(hits);
    } else if (c.json) {
        cli_print_json(json_pack("{s:s, s:i, s:o}", "query", q, "count", n,
                                 "hits", hits));
    } else {
        json_decref(hits);
        if (n == 0)
            printf("no matches for: %s\n", q);
    }
    td_cursor_free(cur);
    td_engine_close(e);
    free(q);
    return rc;
}
