/* cmd_export.c -- tidings export [--json] [--text] */
#include <getopt.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings export [--db PATH] [--json] [--text]\n\n"
    "Prints every stored article in the order it arrived. With --json, one\n"
    "JSON object a line: id, story, lang, lang_confidence, duplicate_of,\n"
    "translation_of, date, title, url, source, input, author,\n"
    "canonical_url (and text with --text). Without it, one tab-separated\n"
    "line each: id, lang, date, title.\n";

int cmd_export(int argc, char **argv)
{
    cli_common c = {0};
    int with_text = 0;
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"text", no_argument, 0, 't'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 't': with_text = 1; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("export", "unexpected argument '%s'", argv[optind]);
        return CLI_USAGE;
    }
    td_engine *e = cli_open("export", &c);
    if (!e)
        return CLI_USAGE;
    td_cursor *cur = NULL;
    td_status st = td_engine_articles(e, &cur);
    const td_article *a;
    while (st == TD_OK && (st = td_cursor_next(cur, &a)) == TD_OK) {
        if (c.json) {
            json_t *row = cli_article_json(a, with_text);
            json_object_set_new(row, "author", cli_jstr(a->author));
            json_object_set_new(row, "canonical_url",
                                cli_jstr(a->canonical_url));
            cli_print_json(row);
        }
        else
            printf("%s\t%s\t%s\t%s\n", a->id, a->lang ? a->lang : "-",
                   a->date ? a->date : "-", a->title ? a->title : "");
    }
    int rc = CLI_OK;
    if (st != TD_DONE) {
        cli_error("export", "%s", td_engine_errmsg(e));
        rc = CLI_FAILED;
    }
    td_cursor_free(cur);
    td_engine_close(e);
    return rc;
}
