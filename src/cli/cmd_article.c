/* cmd_article.c -- tidings article ID [--json] */

#include "cli/cli.h"

static const char help[] =
    "usage: tidings article [--db PATH] [--json] ID\n\n"
    "Shows one stored article: its metadata and cleaned text.\n";

int cmd_article(int argc, char **argv)
{
    cli_common c = {0};
    const char *arg = NULL;
    int rc =
        cli_parse_one(argc, argv, "article", help, "article id", &c, &arg);
    if (rc >= 0)
        return rc;
    td_engine *e = cli_open("article", &c);
    if (!e)
        return CLI_USAGE;
    td_cursor *cur = NULL;
    const td_article *a = NULL;
    td_status st = td_engine_article(e, arg, &cur);
    if (st == TD_OK)
        st = td_cursor_next(cur, &a);
    rc = CLI_OK;
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
