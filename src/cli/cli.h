/* cli.h -- what the subcommands of the tidings command share.
 * The CLI uses only the public API (tidings.h) and jansson for JSON output. */
#ifndef TD_CLI_CLI_H
#define TD_CLI_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "tidings.h"

/* Exit statuses: 0 all well, 1 some input failed, 2 usage or set-up error
 * (bad option, database cannot be opened). */
enum { CLI_OK = 0, CLI_FAILED = 1, CLI_USAGE = 2 };

typedef struct cli_cmd {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_cmd;

/* Options every command takes. */
typedef struct cli_common {
    const char *db; /* --db, else $TIDINGS_DB, else ./tidings.db */
    int json;       /* --json */
} cli_common;

/* Prints "tidings: CMD: message" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The database path per SPEC: --db, $TIDINGS_DB, ./tidings.db. */
const char *cli_db_path(const cli_common *c);

/* Opens the engine or prints why not; NULL on failure. */
td_engine *cli_open(const char *cmd, const cli_common *c);

/* Prints a JSON value compactly on one line and frees it. */
void cli_print_json(json_t *v);

/* Parses the options of a command that takes --db and --json. Returns -1
 * with *first the index of the first argument when the command should go
 * on, else the exit status (help shown, usage error). */
int cli_parse_args(int argc, char **argv, const char *help, cli_common *c,
                   int *first);

/* The same for a command that takes exactly one argument (what names it in
 * the error). Returns -1 with *arg set when the
 * command should go on, else the exit status (help shown, usage error). */
int cli_parse_one(int argc, char **argv, const char *cmd, const char *help,
                  const char *what, cli_common *c, const char **arg);

/* A JSON string, or null for NULL. */
json_t *cli_jstr(const char *s);

/* An article as a JSON object (fields per SPEC's export line). */
json_t *cli_article_json(const td_article *a, int with_text);

int cmd_ingest(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_analyze(int argc, char **argv);
int cmd_langid(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_article(int argc, char **argv);
int cmd_entity(int argc, char **argv);
int cmd_stories(int argc, char **argv);
int cmd_story(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif
