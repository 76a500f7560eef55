/* main.c -- the tidings command: one subcommand a file. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

/* Saved watches (cmd_follow.c). */
int cmd_follow(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
/* Whole-store copy between backends (cmd_copy.c). */
int cmd_copy(int argc, char **argv);

static const cli_cmd commands[] = {
    {"ingest", "add articles (text, JSON Lines, HTML, feeds, WARC)",
     cmd_ingest},
    {"stories", "list stories: top, latest or breaking, paged", cmd_stories},
    {"story", "one story: articles by language, why each joined, timeline",
     cmd_story},
    {"export", "print every article, one JSON line each (--json)",
     cmd_export},
    {"search", "full-text search with lang:/since:/until: filters",
     cmd_search},
    {"article", "show one stored article", cmd_article},
    {"entity", "one entity: variants, articles, who it appears with",
     cmd_entity},
    {"analyze", "show what the pipeline finds in one article", cmd_analyze},
    {"eval", "ingest a gold-labelled JSON Lines file and print quality",
     cmd_eval},
    {"langid", "identify the language of documents or lines", cmd_langid},
    {"serve", "HTTP JSON API and web page over the store", cmd_serve},
    {"watch", "poll RSS/Atom feeds and ingest new items", cmd_watch},
    {"follow", "saved watches: follow add QUERY | list | rm ID", cmd_follow},
    {"alerts", "what is new for each follow since the last run", cmd_alerts},
    {"copy", "copy a whole store between SQLite and PostgreSQL", cmd_copy},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: tidings COMMAND [OPTIONS] [ARGS]\n\n"
            "tidings %s turns a stream of news articles into stories.\n\n"
            "commands:\n",
            td_version());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\nEvery command takes --help, --json and --db PATH (default "
            "$TIDINGS_DB or ./tidings.db).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        strcmp(name, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("tidings %s\n", td_version());
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(name, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "tidings: unknown command '%s'\n", name);
    usage(stderr);
    return CLI_USAGE;
}
