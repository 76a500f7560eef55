/* cmd_article.c -- tidings article ID [--json] */
#include <getopt.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings article [--db PATH] [--json] ID\n\n"
    "Shows one stored article: its metadata and cleaned text.\n";

int cmd_article(int argc, char **argv)
{
    cli_common c = {0};
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind + 1 != argc) {
        cli_error("article", "give exactly one article id");
        return CLI_USAGE;
    }
    td_engine *e = cli_open("article", &c);
    if (!e)
        return CLI_USAGE;
    td_cursor *cur = NULL;
    const td_article *a = NULL;
    td_status st = td_engine_article(e, argv[optind], &cur);
    if (st == TD_OK)
        st = td_cursor_next(cur, &a);
    int rc = CLI_OK;
    if (st != TD_OK) {
        cli_error("article", "%s", td_engine_errmsg(e));
        rc = CLI_FAILED;
    } else if (c.json) {
        cli_print_json(cli_article_json(a, 1));
    } else {
        printf("id:       %s\ntitle:    %s\ndate:     %s\nlanguage: %s "
               "(%.2f)\nurl:      %s\ninput:    %s\n\n%s\n",
               a->id, a->title ? a->title : "-", a->date ? a->date : "-",
               a->lang ? a->lang : "-", a->lang_confidence,
               a->url ? a->url : "-", a->name ? a->name : "-", a->text);
    }
    td_cursor_free(cur);
    td_engine_close(e);
    return rc;
}
