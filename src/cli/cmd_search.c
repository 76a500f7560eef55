/* cmd_search.c -- tidings search QUERY [--limit N] [--offset N]
 *                 [--sort relevance|date] [--lang xx,yy] [--since D]
 *                 [--until D] [--author A] [--outlet O] [--site S]
 *                 [--json] */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings search [--db PATH] [--json] [--limit N] [--offset N]\n"
    "                      [--sort relevance|date] [--lang xx[,yy]]\n"
    "                      [--since DATE] [--until DATE] [--author NAME]\n"
    "                      [--outlet NAME] [--site DOMAIN] QUERY...\n\n"
    "Full-text search over titles and texts, best matches first (or newest\n"
    "first with --sort date). Every word must match (case and accents\n"
    "ignored); \"quoted words\" match as a phrase. A word that names a\n"
    "person, place or organisation also matches every stored form of it\n"
    "(other spellings, scripts, inflections): the expansions are listed\n"
    "first. Chinese, Japanese and Thai words are found inside unspaced\n"
    "text. Filters: lang:xx, since:YYYY[-MM[-DD]], until:..., author:NAME\n"
    "(a part of the byline), outlet:NAME (the source, else the link's\n"
    "host, whole), site:DOMAIN (links on that domain or under it), in the\n"
    "query (author:\"Jane Roe\" for spaces) or the options; ASCII case is\n"
    "ignored. The total of all hits is shown with the page.\n"
    "Example: tidings search 'Tokayev election lang:en since:2022-11'\n"
    "         tidings search --site reuters.com 'Evergrande'\n";

static void print_expansion(void *ud, const char *word, const char *entity,
                            size_t forms)
{
    json_t *list = ud;
    if (list)
        json_array_append_new(list, json_pack("{s:s, s:s, s:I}", "word", word,
                                              "entity", entity, "forms",
                                              (json_int_t)forms));
    else
        printf("%s -> %s, %zu form%s\n", word, entity, forms,
               forms == 1 ? "" : "s");
}

static int number(const char *opt, const char *v, long lo, long hi, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        cli_error("search", "--%s wants %ld..%ld, got '%s'", opt, lo, hi, v);
        return 0;
    }
    *out = (int)n;
    return 1;
}

int cmd_search(int argc, char **argv)
{
    cli_common c = {0};
    td_search_opts so = {0};
    so.limit = 20;
    const char *sort = NULL;
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"limit", required_argument, 0, 'n'},
                                         {"offset", required_argument, 0, 'o'},
                                         {"sort", required_argument, 0, 'S'},
                                         {"lang", required_argument, 0, 'l'},
                                         {"since", required_argument, 0, 's'},
                                         {"until", required_argument, 0, 'u'},
                                         {"author", required_argument, 0, 'A'},
                                         {"outlet", required_argument, 0, 'O'},
                                         {"site", required_argument, 0, 'W'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 'n':
            if (!number("limit", optarg, 1, 1000, &so.limit))
                return CLI_USAGE;
            break;
        case 'o':
            if (!number("offset", optarg, 0, 1000000, &so.offset))
                return CLI_USAGE;
            break;
        case 'S': sort = optarg; break;
        case 'l': so.lang = optarg; break;
        case 's': so.since = optarg; break;
        case 'u': so.until = optarg; break;
        case 'A': so.author = optarg; break;
        case 'O': so.outlet = optarg; break;
        case 'W': so.site = optarg; break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (sort && strcmp(sort, "relevance") != 0 && strcmp(sort, "date") != 0) {
        cli_error("search", "--sort wants relevance or date, got '%s'", sort);
        return CLI_USAGE;
    }
    so.by_date = sort && strcmp(sort, "date") == 0;
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
    int64_t total = 0;
    json_t *exp = c.json ? json_array() : NULL;
    so.on_expansion = print_expansion;
    so.expansion_ud = exp;
    td_status st = td_engine_search_page(e, q, &so, &cur, &total);
    json_t *hits = json_array();
    const td_article *a;
    int n = 0;
    while (st == TD_OK && (st = td_cursor_next(cur, &a)) == TD_OK) {
        n++;
        char head[512];
        td_headline(a->title, a->text, a->lang, head, sizeof head);
        if (c.json) {
            json_t *h = cli_article_json(a, 0);
            json_object_set_new(h, "headline", json_string(head));
            json_object_set_new(h, "snippet", cli_jstr(a->snippet));
            json_object_set_new(h, "score", json_real(a->score));
            json_array_append_new(hits, h);
        } else {
            printf("%2d. %s [%s %s] %s\n    %s\n", so.offset + n, a->id,
                   a->lang ? a->lang : "-", a->date ? a->date : "-", head,
                   a->snippet ? a->snippet : "");
        }
    }
    int rc = CLI_OK;
    if (st != TD_DONE) {
        cli_error("search", "%s", td_engine_errmsg(e));
        rc = st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
        json_decref(hits);
        json_decref(exp);
    } else if (c.json) {
        cli_print_json(json_pack("{s:s, s:i, s:I, s:i, s:s, s:o, s:o}",
                                 "query", q, "count", n, "total",
                                 (json_int_t)total, "offset", so.offset,
                                 "sort", so.by_date ? "date" : "relevance",
                                 "expansions", exp, "hits", hits));
    } else {
        json_decref(hits);
        if (total == 0)
            printf("no matches for: %s\n", q);
        else
            printf("hits %d-%d of %lld\n", n ? so.offset + 1 : 0,
                   so.offset + n, (long long)total);
    }
    td_cursor_free(cur);
    td_engine_close(e);
    free(q);
    return rc;
}
