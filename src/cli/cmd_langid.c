/* cmd_langid.c -- tidings langid [--lines] [--json] [FILE... | -] */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings langid [--lines] [--json] [FILE... | -]\n\n"
    "Identifies the language of each document: a whole file, or each line\n"
    "with --lines, or each record's text for a .jsonl file. Prints\n"
    "id, language (ISO 639-1; 'und' when the text has no signal) and\n"
    "confidence; with --json one {\"id\",\"lang\",\"confidence\",\n"
    "\"runner_up\",\"runner_up_score\"} a line (the closest other language\n"
    "and its share; runner_up is null when none scored).\n"
    "Reads standard input when no FILE is given.\n";

static int json_out;

static void emit(const char *id, const char *text, size_t len)
{
    td_langid_result r;
    if (td_langid_detail(text, len, &r) != TD_OK)
        return;
    if (json_out)
        cli_print_json(json_pack("{s:s, s:s, s:f, s:o, s:f}", "id", id, "lang",
                                 r.lang, "confidence", r.confidence,
                                 "runner_up",
                                 r.runner_up[0] ? json_string(r.runner_up)
                                                : json_null(),
                                 "runner_up_score", r.runner_up_score));
    else
        printf("%s\t%s\t%.3f\n", id, r.lang, r.confidence);
}

static int has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcmp(name + n - m, ext) == 0;
}

/* The file's base name without extension, as ingest names articles. */
static void base_id(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot != b ? (size_t)(dot - b) : strlen(b);
    snprintf(out, cap, "%.*s", (int)n, b);
}

static int jsonl_record(const char *path, long lineno, const char *line,
                        size_t n)
{
    json_error_t err;
    json_t *o = json_loadb(line, n, 0, &err);
    char where[64];
    snprintf(where, sizeof where, "%ld", lineno);
    const char *text = o ? json_string_value(json_object_get(o, "text"))
                         : NULL;
    if (!text) {
        cli_error("langid", "%s:%ld: %s", path, lineno,
                  o ? "no \"text\" field" : err.text);
        json_decref(o);
        return 1;
    }
    json_t *idv = json_object_get(o, "id");
    char idbuf[64];
    const char *id = json_string_value(idv);
    if (!id && json_is_integer(idv)) {
        snprintf(idbuf, sizeof idbuf, "%lld",
                 (long long)json_integer_value(idv));
        id = idbuf;
    }
    emit(id ? id : where, text, strlen(text));
    json_decref(o);
    return 0;
}

static int run_file(const char *path, int lines)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error("langid", "%s: %s", path, strerror(errno));
        return 1;
    }
    int failed = 0;
    int jsonl = !is_stdin && (has_ext(path, ".jsonl") || has_ext(path, ".ndjson"));
    if (lines || jsonl) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t got;
        long lineno = 0;
        char id[1100];
        while ((got = getline(&line, &cap, f)) >= 0) {
            lineno++;
            size_t n = (size_t)got;
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
                n--;
            if (jsonl) {
                if (n)
                    failed |= jsonl_record(path, lineno, line, n);
                continue;
            }
            snprintf(id, sizeof id, "%s:%ld", path, lineno);
            emit(id, line, n);
        }
        free(line);
    } else {
        size_t cap = 1 << 16, n = 0, got;
        char *buf = malloc(cap);
        while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
            n += got;
            if (n == cap) {
                char *b2 = realloc(buf, cap *= 2);
                if (!b2) {
                    free(buf);
                    buf = NULL;
                }
                buf = b2;
            }
        }
        if (!buf) {
            cli_error("langid", "%s: out of memory", path);
            failed = 1;
        } else {
            char id[512];
            base_id(path, id, sizeof id);
            emit(is_stdin ? "-" : id, buf, n);
        }
        free(buf);
    }
    if (ferror(f)) {
        cli_error("langid", "%s: read error", path);
        failed = 1;
    }
    if (!is_stdin)
        fclose(f);
    return failed;
}

int cmd_langid(int argc, char **argv)
{
    int lines = 0;
    static const struct option opts[] = {{"lines", no_argument, 0, 'l'},
                                         {"json", no_argument, 0, 'j'},
                                         {"db", required_argument, 0, 'd'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    json_out = 0;
    while ((o = getopt_long(argc, argv, "hl", opts, NULL)) != -1) {
        switch (o) {
        case 'l': lines = 1; break;
        case 'j': json_out = 1; break;
        case 'd': break; /* accepted everywhere; langid stores nothing */
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    int failed = 0;
    if (optind >= argc)
        failed = run_file("-", lines);
    for (int i = optind; i < argc; i++)
        failed |= run_file(argv[i], lines);
    return failed ? CLI_FAILED : CLI_OK;
}
