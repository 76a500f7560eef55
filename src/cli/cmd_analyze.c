/* cmd_analyze.c -- tidings analyze FILE [--json] */
#include <getopt.h>
#include <string.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings analyze [--json] FILE | -\n\n"
    "Runs the pipeline on one article (a text file or an HTML page) without\n"
    "storing it, and shows what it found: the cleaned text, title, date and\n"
    "where it came from, the byline, the outlet and the canonical URL, what cleaning removed and why, the language with\n"
    "its confidence, the tokens with their stems, and the stop words\n"
    "dropped, the entities with their mentions, the dates and the numbers.\n";

static json_t *to_json(const td_analysis *a)
{
    const char *why;
    td_status st = td_analysis_status(a, &why);
    json_t *o = json_object();
    json_object_set_new(o, "id", cli_jstr(td_analysis_id(a)));
    json_object_set_new(o, "status", json_string(st == TD_OK ? "ok"
                                                             : "rejected"));
    if (st != TD_OK)
        json_object_set_new(o, "reason", json_string(why));
    json_object_set_new(o, "title", cli_jstr(td_analysis_title(a)));
    json_object_set_new(o, "date", cli_jstr(td_analysis_date(a)));
    json_object_set_new(o, "date_source",
                        cli_jstr(td_analysis_date_source(a)));
    json_object_set_new(o, "author", cli_jstr(td_analysis_author(a)));
    json_object_set_new(o, "source", cli_jstr(td_analysis_source(a)));
    json_object_set_new(o, "canonical_url",
                        cli_jstr(td_analysis_canonical_url(a)));
    json_object_set_new(o, "lang", json_string(td_analysis_lang(a)));
    json_object_set_new(o, "lang_confidence",
                        json_real(td_analysis_lang_confidence(a)));
    json_object_set_new(o, "text", json_string(td_analysis_text(a)));
    json_t *rm = json_array();
    for (size_t i = 0; i < td_analysis_removed_count(a); i++) {
        const char *reason, *text;
        td_analysis_removed(a, i, &reason, &text);
        json_array_append_new(rm, json_pack("{s:s, s:s}", "reason", reason,
                                            "text", text));
    }
    json_object_set_new(o, "removed", rm);
    json_t *toks = json_array(), *stops = json_array();
    for (size_t i = 0; i < td_analysis_token_count(a); i++) {
        const char *norm, *stem;
        unsigned flags;
        size_t off, len;
        td_analysis_token(a, i, &norm, &stem, &flags, &off, &len);
        if (flags & TD_TOKEN_STOP) {
            json_array_append_new(stops, json_string(norm));
            continue;
        }
        json_array_append_new(
            toks, json_pack("{s:s, s:s, s:s, s:I, s:I}", "token", norm,
                            "stem", stem,
                            "kind", (flags & TD_TOKEN_NUMBER) ? "number"
                                    : (flags & TD_TOKEN_IDEO) ? "ideographic"
                                                              : "word",
                            "offset", (json_int_t)off, "length",
                            (json_int_t)len));
    }
    json_object_set_new(o, "tokens", toks);
    json_t *ents = json_array();
    for (size_t i = 0; i < td_analysis_entity_count(a); i++) {
        const char *name, *kind, *place;
        size_t n;
        td_analysis_entity(a, i, &name, &kind, &place, &n);
        json_t *mentions = json_array();
        for (size_t k = 0; k < td_analysis_mention_count(a); k++) {
            size_t ent, off, len;
            td_analysis_mention(a, k, &ent, &off, &len);
            if (ent == i)
                json_array_append_new(
                    mentions,
                    json_pack("{s:s%, s:I, s:I}", "text",
                              td_analysis_text(a) + off, len, "offset",
                              (json_int_t)off, "length", (json_int_t)len));
        }
        json_array_append_new(ents, json_pack("{s:s, s:s, s:o, s:o}", "name",
                                              name, "kind", kind, "place",
                                              cli_jstr(place), "mentions",
                                              mentions));
    }
    json_object_set_new(o, "entities", ents);
    json_t *dates = json_array();
    for (size_t i = 0; i < td_analysis_found_date_count(a); i++) {
        char iso[11];
        size_t off, len;
        int rel;
        td_analysis_found_date(a, i, iso, &off, &len, &rel);
        json_array_append_new(
            dates, json_pack("{s:s, s:s%, s:I, s:b}", "date", iso, "text",
                             td_analysis_text(a) + off, len, "offset",
                             (json_int_t)off, "relative", rel));
    }
    json_object_set_new(o, "dates", dates);
    json_t *nums = json_array();
    for (size_t i = 0; i < td_analysis_number_count(a); i++) {
        const char *value, *unit;
        size_t off, len;
        td_analysis_number(a, i, &value, &unit, &off, &len);
        json_array_append_new(nums, json_pack("{s:s, s:o, s:s%, s:I}",
                                              "value", value, "unit",
                                              cli_jstr(unit), "text",
                                              td_analysis_text(a) + off, len,
                                              "offset", (json_int_t)off));
    }
    json_object_set_new(o, "numbers", nums);
    json_object_set_new(o, "stop_words", stops);
    return o;
}

static void print_human(const td_analysis *a)
{
    const char *why;
    td_status st = td_analysis_status(a, &why);
    printf("id:        %s\n", td_analysis_id(a));
    printf("status:    %s%s%s\n", st == TD_OK ? "ok" : "rejected: ",
           st == TD_OK ? "" : why, "");
    printf("title:     %s\n", td_analysis_title(a) ? td_analysis_title(a)
                                                     : "(none)");
    if (td_analysis_date(a))
        printf("date:      %s (from the %s)\n", td_analysis_date(a),
               td_analysis_date_source(a));
    else
        printf("date:      (none)\n");
    printf("author:    %s\n", td_analysis_author(a) ? td_analysis_author(a)
                                                     : "(none)");
    printf("outlet:    %s\n", td_analysis_source(a) ? td_analysis_source(a)
                                                     : "(none)");
    if (td_analysis_canonical_url(a))
        printf("url:       %s\n", td_analysis_canonical_url(a));
    printf("language:  %s (confidence %.2f)\n", td_analysis_lang(a),
           td_analysis_lang_confidence(a));
    size_t nr = td_analysis_removed_count(a);
    printf("\nremoved (%zu):\n", nr);
    for (size_t i = 0; i < nr; i++) {
        const char *reason, *text;
        td_analysis_removed(a, i, &reason, &text);
        printf("  %-14s %s\n", reason, text);
    }
    printf("\ntext:\n%s\n", td_analysis_text(a));
    size_t nt = td_analysis_token_count(a), nstop = 0;
    printf("\ntokens (token -> stem):\n ");
    for (size_t i = 0; i < nt; i++) {
        const char *norm, *stem;
        unsigned flags;
        td_analysis_token(a, i, &norm, &stem, &flags, NULL, NULL);
        if (flags & TD_TOKEN_STOP) {
            nstop++;
            continue;
        }
        if (strcmp(norm, stem) == 0)
            printf(" %s", norm);
        else
            printf(" %s->%s", norm, stem);
    }
    printf("\n\nentities (%zu):\n", td_analysis_entity_count(a));
    for (size_t i = 0; i < td_analysis_entity_count(a); i++) {
        const char *name, *kind, *place;
        size_t n;
        td_analysis_entity(a, i, &name, &kind, &place, &n);
        printf("  %-32s %-12s %zu mention%s:", name, kind, n, n == 1 ? "" : "s");
        for (size_t k = 0; k < td_analysis_mention_count(a); k++) {
            size_t ent, off, len;
            td_analysis_mention(a, k, &ent, &off, &len);
            if (ent == i)
                printf(" \"%.*s\"@%zu", (int)len, td_analysis_text(a) + off,
                       off);
        }
        printf("\n");
    }
    printf("\ndates:");
    for (size_t i = 0; i < td_analysis_found_date_count(a); i++) {
        char iso[11];
        size_t off, len;
        int rel;
        td_analysis_found_date(a, i, iso, &off, &len, &rel);
        printf(" %s (\"%.*s\"%s)", iso, (int)len, td_analysis_text(a) + off,
               rel ? ", relative" : "");
    }
    printf("\nnumbers:");
    for (size_t i = 0; i < td_analysis_number_count(a); i++) {
        const char *value, *unit;
        td_analysis_number(a, i, &value, &unit, NULL, NULL);
        printf(" %s%s%s", value, unit ? " " : "", unit ? unit : "");
        if (i + 1 < td_analysis_number_count(a))
            printf(",");
    }
    printf("\n\nstop words removed (%zu):\n ", nstop);
    for (size_t i = 0; i < nt; i++) {
        const char *norm;
        unsigned flags;
        td_analysis_token(a, i, &norm, NULL, &flags, NULL, NULL);
        if (flags & TD_TOKEN_STOP)
            printf(" %s", norm);
    }
    printf("\n");
}

int cmd_analyze(int argc, char **argv)
{
    cli_common c = {0};
    static const struct option opts[] = {{"json", no_argument, 0, 'j'},
                                         {"db", required_argument, 0, 'd'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'j': c.json = 1; break;
        case 'd': c.db = optarg; break; /* accepted; analyze stores nothing */
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (optind + 1 != argc) {
        cli_error("analyze", "give exactly one FILE (or - for stdin)");
        return CLI_USAGE;
    }
    td_analysis *a = NULL;
    char err[512];
    td_status st = td_analyze_file(argv[optind], &a, err, sizeof err);
    if (st != TD_OK) {
        cli_error("analyze", "%s", err);
        return CLI_FAILED;
    }
    if (c.json)
        cli_print_json(to_json(a));
    else
        print_human(a);
    const char *why;
    int rc = td_analysis_status(a, &why) == TD_OK ? CLI_OK : CLI_FAILED;
    if (rc != CLI_OK)
        cli_error("analyze", "%s: %s", argv[optind], why);
    td_analysis_free(a);
    return rc;
}
