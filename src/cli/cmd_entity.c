/* cmd_entity.c -- tidings entity NAME [--json] */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings entity [--db PATH] [--json] NAME...\n\n"
    "Shows one entity found by any of its names (a spelling or\n"
    "transliteration variant of a person, a place in any language, an\n"
    "acronym): its variants with counts and languages, the articles that\n"
    "mention it, and the entities it appears with.\n"
    "Example: tidings entity Токаев\n";

int cmd_entity(int argc, char **argv)
{
    cli_common c = {0};
    int first;
    int rc = cli_parse_args(argc, argv, help, &c, &first);
    if (rc >= 0)
        return rc;
    if (first >= argc) {
        cli_error("entity", "no name given");
        return CLI_USAGE;
    }
    size_t len = 1;
    for (int i = first; i < argc; i++)
        len += strlen(argv[i]) + 1;
    char *name = calloc(1, len);
    if (!name)
        return CLI_USAGE;
    for (int i = first; i < argc; i++) {
        if (i > first)
            strcat(name, " ");
        strcat(name, argv[i]);
    }
    td_engine *e = cli_open("entity", &c);
    if (!e) {
        free(name);
        return CLI_USAGE;
    }
    td_entity *x = NULL;
    td_status st = td_engine_entity(e, name, &x);
    if (st != TD_OK) {
        cli_error("entity", "%s", td_engine_errmsg(e));
        td_engine_close(e);
        free(name);
        return st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    json_t *vars = json_array(), *arts = json_array(), *rel = json_array();
    for (size_t i = 0; i < td_entity_variant_count(x); i++) {
        const char *s, *lang;
        int64_t n;
        td_entity_variant(x, i, &s, &lang, &n);
        json_array_append_new(vars, json_pack("{s:s, s:o, s:I}", "name", s,
                                              "lang", cli_jstr(lang),
                                              "count", (json_int_t)n));
    }
    for (size_t i = 0; i < td_entity_article_count(x); i++) {
        const char *id, *lang, *title, *date;
        td_entity_article(x, i, &id, &lang, &title, &date);
        json_array_append_new(arts, json_pack("{s:s, s:o, s:o, s:o}", "id",
                                              id, "lang", cli_jstr(lang),
                                              "date", cli_jstr(date),
                                              "title", cli_jstr(title)));
    }
    for (size_t i = 0; i < td_entity_related_count(x); i++) {
        const char *n, *k;
        int64_t shared;
        td_entity_related(x, i, &n, &k, &shared);
        json_array_append_new(rel, json_pack("{s:s, s:s, s:I}", "name", n,
                                             "kind", k, "articles",
                                             (json_int_t)shared));
    }
    json_t *alts = json_array();
    for (size_t i = 0; i < td_entity_candidate_count(x); i++) {
        const char *n, *k;
        int64_t articles;
        td_entity_candidate(x, i, &n, &k, &articles);
        json_array_append_new(alts, json_pack("{s:s, s:s, s:I}", "name", n,
                                              "kind", k, "articles",
                                              (json_int_t)articles));
    }
    int ambiguous = json_array_size(alts) > 0;
    if (c.json) {
        cli_print_json(json_pack(
            "{s:s, s:s, s:I, s:b, s:o, s:o, s:o, s:o}", "name",
            td_entity_name(x), "kind", td_entity_kind(x), "mentions",
            (json_int_t)td_entity_mentions(x), "ambiguous", ambiguous,
            "candidates", alts, "variants", vars, "articles", arts,
            "related", rel));
    } else {
        printf("%s (%s), %lld mentions in %zu articles\n", td_entity_name(x),
               td_entity_kind(x), (long long)td_entity_mentions(x),
               td_entity_article_count(x));
        if (ambiguous) {
            printf("\n'%s' is ambiguous; it also names:\n", name);
            size_t i;
            json_t *v;
            json_array_foreach(alts, i, v)
                printf("  %-32s %-12s %lld articles\n",
                       json_string_value(json_object_get(v, "name")),
                       json_string_value(json_object_get(v, "kind")),
                       (long long)json_integer_value(
                           json_object_get(v, "articles")));
        }
        json_decref(alts);
        printf("\nvariants:\n");
        size_t i;
        json_t *v;
        json_array_foreach(vars, i, v)
        {
            json_t *lang = json_object_get(v, "lang");
            printf("  %-32s %-3s %lld\n",
                   json_string_value(json_object_get(v, "name")),
                   json_is_string(lang) ? json_string_value(lang) : "-",
                   (long long)json_integer_value(json_object_get(v, "count")));
        }
        printf("\narticles:\n");
        json_array_foreach(arts, i, v)
        {
            json_t *lang = json_object_get(v, "lang"),
                   *date = json_object_get(v, "date"),
                   *title = json_object_get(v, "title");
            printf("  %-24s %-3s %-10s %s\n",
                   json_string_value(json_object_get(v, "id")),
                   json_is_string(lang) ? json_string_value(lang) : "-",
                   json_is_string(date) ? json_string_value(date) : "-",
                   json_is_string(title) ? json_string_value(title) : "");
        }
        printf("\nappears with:\n");
        json_array_foreach(rel, i, v)
        {
            printf("  %-32s %-12s %lld articles\n",
                   json_string_value(json_object_get(v, "name")),
                   json_string_value(json_object_get(v, "kind")),
                   (long long)json_integer_value(json_object_get(v, "articles")));
        }
        json_decref(vars);
        json_decref(arts);
        json_decref(rel);
    }
    td_entity_free(x);
    td_engine_close(e);
    free(name);
    return CLI_OK;
}
