/* cmd_follow.c -- saved watches and what is new for them:
 *   tidings follow add QUERY... | list | rm ID
 *   tidings alerts [--since DATE] [--limit N] [--peek]
 * A follow is a search query kept in the store with the arrival number up
 * to which its hits were reported; alerts runs each query over what
 * arrived since (or over articles dated since DATE) and moves the mark. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int cmd_follow(int argc, char **argv);
int cmd_alerts(int argc, char **argv);

static const char follow_help[] =
    "usage: tidings follow [--db PATH] [--json] add QUERY...\n"
    "       tidings follow [--db PATH] [--json] list\n"
    "       tidings follow [--db PATH] rm ID\n\n"
    "Saved watches: a follow is a search query (the syntax of tidings\n"
    "search: words, \"phrases\", names in any spelling, lang:/since:/until:)\n"
    "kept in the store. `tidings alerts` prints what arrived for each since\n"
    "the last time. What is stored when a follow is added is not news to\n"
    "it.\n";

static const char alerts_help[] =
    "usage: tidings alerts [--db PATH] [--json] [--since DATE] [--limit N]\n"
    "                      [--peek]\n\n"
    "For every follow, the articles that match it and arrived since the\n"
    "last run of alerts (newest first, at most --limit, default 20, each),\n"
    "then marks them as seen. --since DATE lists the matches dated on or\n"
    "after DATE instead and moves no mark; --peek lists without marking.\n";

/* --db and --json before or after the subcommand; the rest positional. */
static int parse(int argc, char **argv, const char *help, cli_common *c,
                 const char **since, int *limit, int *peek, int stop)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"since", required_argument, 0, 's'},
                                         {"limit", required_argument, 0, 'n'},
                                         {"peek", no_argument, 0, 'p'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 0; /* 0, not 1: GNU getopt then rereads "+" and restarts its
                   permutation for the second parse of the same run */
    /* stop: end at the first argument (the subcommand); else options may
     * come anywhere among the arguments. */
    while ((o = getopt_long(argc, argv, stop ? "+h" : "h", opts, NULL)) !=
           -1) {
        switch (o) {
        case 'd': c->db = optarg; break;
        case 'j': c->json = 1; break;
        case 's':
            if (!since)
                goto bad;
            *since = optarg;
            break;
        case 'n': {
            if (!limit)
                goto bad;
            char *end;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || v > 1000) {
                cli_error(argv[0], "--limit wants 1..1000, got '%s'", optarg);
                return CLI_USAGE;
            }
            *limit = (int)v;
            break;
        }
        case 'p':
            if (!peek)
                goto bad;
            *peek = 1;
            break;
        case 'h': fputs(help, stdout); return CLI_OK;
        default:
        bad:
            fputs(help, stderr);
            return CLI_USAGE;
        }
    }
    return -1;
}

static void on_list(void *ud, int64_t id, const char *query,
                    const char *created, int64_t seen)
{
    json_t *all = ud;
    if (all)
        json_array_append_new(all, json_pack("{s:I, s:s, s:s, s:I}", "id",
                                             (json_int_t)id, "query", query,
                                             "created", created, "seen_seq",
                                             (json_int_t)seen));
    else
        printf("%4lld  %s  %s\n", (long long)id, created, query);
}

int cmd_follow(int argc, char **argv)
{
    cli_common c = {0};
    int rc = parse(argc, argv, follow_help, &c, NULL, NULL, NULL, 1);
    if (rc >= 0)
        return rc;
    /* Options may also follow the subcommand ("follow list --json"). */
    int first = optind;
    if (first >= argc) {
        cli_error("follow", "wants add QUERY, list or rm ID");
        return CLI_USAGE;
    }
    const char *sub = argv[first];
    char **rest = argv + first;
    int nrest = argc - first;
    rc = parse(nrest, rest, follow_help, &c, NULL, NULL, NULL, 0);
    if (rc >= 0)
        return rc;
    int a = optind; /* first argument after the subcommand */
    if (strcmp(sub, "add") == 0) {
        if (a >= nrest) {
            cli_error("follow", "add wants a query");
            return CLI_USAGE;
        }
        size_t len = 1;
        for (int i = a; i < nrest; i++)
            len += strlen(rest[i]) + 1;
        char *q = calloc(1, len);
        if (!q)
            return CLI_FAILED;
        for (int i = a; i < nrest; i++) {
            if (i > a)
                strcat(q, " ");
            strcat(q, rest[i]);
        }
        td_engine *e = cli_open("follow", &c);
        if (!e) {
            free(q);
            return CLI_USAGE;
        }
        int64_t id = 0;
        td_status st = td_engine_follow_add(e, q, &id);
        if (st != TD_OK) {
            cli_error("follow", "%s", td_engine_errmsg(e));
            rc = st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
        } else if (c.json) {
            cli_print_json(json_pack("{s:I, s:s}", "id", (json_int_t)id,
                                     "query", q));
            rc = CLI_OK;
        } else {
            printf("following %lld: %s\n", (long long)id, q);
            rc = CLI_OK;
        }
        free(q);
        td_engine_close(e);
        return rc;
    }
    if (strcmp(sub, "list") == 0 || strcmp(sub, "rm") == 0) {
        int rm = sub[0] == 'r';
        if ((!rm && a != nrest) || (rm && a + 1 != nrest)) {
            cli_error("follow", rm ? "rm wants one follow id"
                                   : "list takes no arguments");
            return CLI_USAGE;
        }
        long long id = 0;
        if (rm) {
            char *end;
            id = strtoll(rest[a], &end, 10);
            if (!*rest[a] || *end || id <= 0) {
                cli_error("follow", "a follow id is a positive number, got "
                                    "'%s'",
                          rest[a]);
                return CLI_USAGE;
            }
        }
        td_engine *e = cli_open("follow", &c);
        if (!e)
            return CLI_USAGE;
        td_status st;
        json_t *all = c.json && !rm ? json_array() : NULL;
        if (rm)
            st = td_engine_follow_rm(e, id);
        else
            st = td_engine_follows(e, on_list, all);
        if (st != TD_OK) {
            cli_error("follow", "%s", td_engine_errmsg(e));
            json_decref(all);
            rc = CLI_FAILED;
        } else {
            if (all)
                cli_print_json(json_pack("{s:o}", "follows", all));
            else if (rm && !c.json)
                printf("removed follow %lld\n", id);
            else if (rm)
                cli_print_json(json_pack("{s:I}", "removed", (json_int_t)id));
            rc = CLI_OK;
        }
        td_engine_close(e);
        return rc;
    }
    cli_error("follow", "unknown subcommand '%s' (add, list, rm)", sub);
    return CLI_USAGE;
}

typedef struct follow {
    int64_t id, seen;
    char *query;
} follow;

typedef struct follows {
    follow *v;
    size_t n, cap;
    int oom;
} follows;

static void on_follow(void *ud, int64_t id, const char *query,
                      const char *created, int64_t seen)
{
    (void)created;
    follows *f = ud;
    if (f->oom)
        return;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        follow *v = realloc(f->v, cap * sizeof *v);
        if (!v) {
            f->oom = 1;
            return;
        }
        f->v = v;
        f->cap = cap;
    }
    f->v[f->n].query = strdup(query);
    if (!f->v[f->n].query) {
        f->oom = 1;
        return;
    }
    f->v[f->n].id = id;
    f->v[f->n++].seen = seen;
}

int cmd_alerts(int argc, char **argv)
{
    cli_common c = {0};
    const char *since = NULL;
    int limit = 20, peek = 0;
    int rc = parse(argc, argv, alerts_help, &c, &since, &limit, &peek, 0);
    if (rc >= 0)
        return rc;
    if (optind < argc) {
        cli_error("alerts", "unexpected argument '%s'", argv[optind]);
        return CLI_USAGE;
    }
    td_engine *e = cli_open("alerts", &c);
    if (!e)
        return CLI_USAGE;
    follows f = {0};
    int64_t last = td_engine_last_seq(e);
    td_status st = last < 0 ? TD_EDB : td_engine_follows(e, on_follow, &f);
    if (st == TD_OK && f.oom)
        st = TD_ENOMEM;
    json_t *all = c.json ? json_array() : NULL;
    rc = CLI_OK;
    for (size_t i = 0; st == TD_OK && i < f.n; i++) {
        td_search_opts so = {.limit = limit,
                             .by_date = 1,
                             .since = since,
                             .after_seq = since ? 0 : f.v[i].seen};
        td_cursor *cur = NULL;
        int64_t total = 0;
        st = td_engine_search_page(e, f.v[i].query, &so, &cur, &total);
        if (st != TD_OK)
            break;
        json_t *hits = json_array();
        const td_article *a;
        if (!c.json)
            printf("%sfollow %lld: %s: %lld new\n", i ? "\n" : "",
                   (long long)f.v[i].id, f.v[i].query, (long long)total);
        while ((st = td_cursor_next(cur, &a)) == TD_OK) {
            char head[512];
            td_headline(a->title, a->text, a->lang, head, sizeof head);
            if (c.json) {
                json_t *h = cli_article_json(a, 0);
                json_object_set_new(h, "headline", json_string(head));
                json_array_append_new(hits, h);
            } else {
                printf("  %s [%s %s] story %lld  %s\n", a->id,
                       a->lang ? a->lang : "-", a->date ? a->date : "-",
                       (long long)a->story, head);
            }
        }
        td_cursor_free(cur);
        if (st == TD_DONE)
            st = TD_OK;
        if (all)
            json_array_append_new(all, json_pack("{s:I, s:s, s:I, s:o}", "id",
                                                 (json_int_t)f.v[i].id,
                                                 "query", f.v[i].query, "new",
                                                 (json_int_t)total, "hits",
                                                 hits));
        else
            json_decref(hits);
        if (st == TD_OK && !since && !peek)
            st = td_engine_follow_seen(e, f.v[i].id, last);
    }
    if (st != TD_OK) {
        cli_error("alerts", "%s", td_engine_errmsg(e));
        json_decref(all);
        rc = CLI_FAILED;
    } else if (all) {
        cli_print_json(json_pack("{s:o}", "follows", all));
    } else if (f.n == 0) {
        printf("no follows: add one with tidings follow add QUERY\n");
    }
    for (size_t i = 0; i < f.n; i++)
        free(f.v[i].query);
    free(f.v);
    td_engine_close(e);
    return rc;
}
