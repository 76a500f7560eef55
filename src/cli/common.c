/* common.c -- helpers shared by the subcommands. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>

#include "cli/cli.h"

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "tidings: %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

const char *cli_db_path(const cli_common *c)
{
    if (c->db)
        return c->db;
    const char *env = getenv("TIDINGS_DB");
    return env && *env ? env : "tidings.db";
}

td_engine *cli_open(const char *cmd, const cli_common *c)
{
    td_engine *e = NULL;
    char err[512];
    td_status st = td_engine_open(cli_db_path(c), &e, err, sizeof err);
    if (st != TD_OK) {
        cli_error(cmd, "%s", err);
        return NULL;
    }
    return e;
}

void cli_print_json(json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII * 0 |
                                JSON_REAL_PRECISION(4));
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(v);
}

json_t *cli_jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *cli_article_json(const td_article *a, int with_text)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", cli_jstr(a->id));
    json_object_set_new(o, "story",
                        a->story ? json_integer(a->story) : json_null());
    json_object_set_new(o, "lang", cli_jstr(a->lang));
    json_object_set_new(o, "lang_confidence",
                        a->lang ? json_real(a->lang_confidence) : json_null());
    json_object_set_new(o, "duplicate_of", cli_jstr(a->duplicate_of));
    json_object_set_new(o, "translation_of", cli_jstr(a->translation_of));
    json_object_set_new(o, "date", cli_jstr(a->date));
    json_object_set_new(o, "title", cli_jstr(a->title));
    json_object_set_new(o, "url", cli_jstr(a->url));
    json_object_set_new(o, "source", cli_jstr(a->source));
    json_object_set_new(o, "input", cli_jstr(a->name));
    if (with_text)
        json_object_set_new(o, "text", cli_jstr(a->text));
    return o;
}

int cli_parse_args(int argc, char **argv, const char *help, cli_common *c,
                   int *first)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c->db = optarg; break;
        case 'j': c->json = 1; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    *first = optind;
    return -1;
}

int cli_parse_one(int argc, char **argv, const char *cmd, const char *help,
                  const char *what, cli_common *c, const char **arg)
{
    int first;
    int rc = cli_parse_args(argc, argv, help, c, &first);
    if (rc >= 0)
        return rc;
    if (first + 1 != argc) {
        cli_error(cmd, "give exactly one %s", what);
        return CLI_USAGE;
    }
    *arg = argv[first];
    return -1;
}
