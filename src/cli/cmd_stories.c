/* cmd_stories.c -- tidings stories [--since DATE] [--lang xx] [--limit N]
 *                  [--country CC] [--facets] ...
 *                  tidings story ID */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char stories_help[] =
    "usage: tidings stories [--db PATH] [--json] [--since DATE] [--until DATE]\n"
    "                       [--lang xx[,yy]] [--sort top|latest|breaking]\n"
    "                       [--hl xx] [--country CC[,CC]] [--facets]\n"
    "                       [--limit N] [--offset N]\n\n"
    "Lists stories, most important now first (--sort top), or latest first,\n"
    "or breaking ones first: id, dates, number of articles and of\n"
    "independent sources (copies and translations counted once), languages\n"
    "and headline, in language --hl when the story has an article in it\n"
    "(default en). A story is breaking (!) when at least 3 independent\n"
    "sources are dated in the last 2 days of news time and their daily rate\n"
    "is at least twice that of the 6 days before. --since keeps stories\n"
    "with an article on or after DATE (YYYY[-MM[-DD]]), --until those begun\n"
    "on or before it; --lang those with an article in one of the languages;\n"
    "--country those in one of the countries (ISO 3166 codes): a place of\n"
    "it (the country, a region, a city, its adjective) is named in at least\n"
    "a quarter of the story's articles. --facets counts the languages,\n"
    "countries and entities (on the same rule) over all listed stories.\n";

static const char story_help[] =
    "usage: tidings story [--db PATH] [--json] [--hl xx] ID\n\n"
    "Shows one story: its articles by language, copies and translations\n"
    "folded under their original, why each article joined (the entities,\n"
    "terms, concepts, numbers and dates it shared, and the score), the\n"
    "story's entities and its timeline.\n";

static json_t *story_json(const td_ranked_story *r)
{
    const td_story *s = &r->story;
    return json_pack(
        "{s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:s, s:o, s:f, s:b, s:I, s:I}",
        "id", (json_int_t)s->id, "articles", (json_int_t)s->articles,
        "sources", (json_int_t)s->sources, "languages",
        cli_jstr(s->languages), "first_date", cli_jstr(s->first_date),
        "last_date", cli_jstr(s->last_date), "title", cli_jstr(s->title),
        "headline", r->headline, "headline_lang", cli_jstr(r->headline_lang),
        "score", r->score, "breaking", r->breaking, "recent_sources",
        (json_int_t)r->recent, "earlier_sources", (json_int_t)r->earlier);
}

/* The facets over all listed stories, as JSON. */
static json_t *facets_json(const td_story_list *l)
{
    json_t *langs = json_array(), *cs = json_array(), *es = json_array();
    int64_t k;
    const char *kind;
    for (size_t i = 0; i < td_story_list_language_count(l); i++) {
        const char *code = td_story_list_language(l, i, &k);
        json_array_append_new(langs, json_pack("{s:s, s:I}", "lang", code,
                                               "stories", (json_int_t)k));
    }
    for (size_t i = 0; i < td_story_list_country_count(l); i++) {
        const char *cc = td_story_list_country(l, i, &k);
        json_array_append_new(cs, json_pack("{s:s, s:I}", "country", cc,
                                            "stories", (json_int_t)k));
    }
    for (size_t i = 0; i < td_story_list_entity_count(l); i++) {
        const char *name = td_story_list_entity(l, i, &kind, &k);
        json_array_append_new(es, json_pack("{s:s, s:s, s:I}", "name", name,
                                            "kind", kind ? kind : "",
                                            "stories", (json_int_t)k));
    }
    return json_pack("{s:o, s:o, s:o}", "languages", langs, "countries", cs,
                     "entities", es);
}

static void print_facets(const td_story_list *l)
{
    int64_t k;
    const char *kind;
    printf("languages:");
    for (size_t i = 0; i < td_story_list_language_count(l); i++) {
        const char *code = td_story_list_language(l, i, &k);
        printf("%s %s %lld", i ? "," : "", code, (long long)k);
    }
    printf("\ncountries:");
    for (size_t i = 0; i < td_story_list_country_count(l); i++) {
        const char *cc = td_story_list_country(l, i, &k);
        printf("%s %s %lld", i ? "," : "", cc, (long long)k);
    }
    printf("\nentities:");
    for (size_t i = 0; i < td_story_list_entity_count(l) && i < 15; i++) {
        const char *name = td_story_list_entity(l, i, &kind, &k);
        printf("%s %s %lld", i ? "," : "", name, (long long)k);
    }
    printf("\n");
}

static int count_arg(const char *opt, const char *v, long lo, long hi,
                     int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < lo || n > hi) {
        cli_error("stories", "--%s wants a number from %ld to %ld, got '%s'",
                  opt, lo, hi, v);
        return 0;
    }
    *out = (int)n;
    return 1;
}

int cmd_stories(int argc, char **argv)
{
    cli_common c = {0};
    td_story_list_opts q = {0};
    q.limit = 50;
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"json", no_argument, 0, 'j'},
                                         {"since", required_argument, 0, 's'},
                                         {"until", required_argument, 0, 'u'},
                                         {"lang", required_argument, 0, 'l'},
                                         {"sort", required_argument, 0, 'S'},
                                         {"hl", required_argument, 0, 'H'},
                                         {"limit", required_argument, 0, 'n'},
                                         {"offset", required_argument, 0, 'o'},
                                         {"country", required_argument, 0, 'C'},
                                         {"facets", no_argument, 0, 'F'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
        switch (o) {
        case 'd': c.db = optarg; break;
        case 'j': c.json = 1; break;
        case 's': q.since = optarg; break;
        case 'u': q.until = optarg; break;
        case 'l': q.lang = optarg; break;
        case 'S': q.sort = optarg; break;
        case 'H': q.hl = optarg; break;
        case 'C': q.country = optarg; break;
        case 'F': q.facets = TD_FACET_COUNTRIES | TD_FACET_ENTITIES; break;
        case 'n':
            if (!count_arg("limit", optarg, 1, 1000, &q.limit))
                return CLI_USAGE;
            break;
        case 'o':
            if (!count_arg("offset", optarg, 0, 100000000, &q.offset))
                return CLI_USAGE;
            break;
        case 'h': fputs(stories_help, stdout); return CLI_OK;
        default: fputs(stories_help, stderr); return CLI_USAGE;
        }
    }
    if (optind < argc) {
        cli_error("stories", "unexpected argument '%s'", argv[optind]);
        return CLI_USAGE;
    }
    td_engine *e = cli_open("stories", &c);
    if (!e)
        return CLI_USAGE;
    td_story_list *l = NULL;
    td_status st = td_engine_story_list(e, &q, &l);
    if (st != TD_OK) {
        cli_error("stories", "%s", td_engine_errmsg(e));
        td_engine_close(e);
        return st == TD_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    size_t n = td_story_list_count(l);
    if (c.json) {
        json_t *all = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(all, story_json(td_story_list_get(l, i)));
        json_t *out = json_pack(
            "{s:I, s:i, s:i, s:s, s:o, s:o}", "total",
            (json_int_t)td_story_list_total(l), "offset", q.offset, "limit",
            q.limit, "sort", q.sort ? q.sort : "top", "now",
            cli_jstr(td_story_list_now(l)), "stories", all);
        if (q.facets)
            json_object_set_new(out, "facets", facets_json(l));
        cli_print_json(out);
    } else {
        for (size_t i = 0; i < n; i++) {
            const td_ranked_story *r = td_story_list_get(l, i);
            const td_story *s = &r->story;
            printf("%6lld %c %-10s %-10s %3lld articles %3lld sources  "
                   "%-14s %s\n",
                   (long long)s->id, r->breaking ? '!' : ' ',
                   s->first_date ? s->first_date : "-",
                   s->last_date ? s->last_date : "-", (long long)s->articles,
                   (long long)s->sources, s->languages ? s->languages : "-",
                   *r->headline ? r->headline : "(no headline)");
        }
        if (q.facets)
            print_facets(l);
        long long total = (long long)td_story_list_total(l);
        if ((size_t)q.offset + n < (size_t)total || q.offset)
            printf("stories %lld-%lld of %lld\n",
                   n ? (long long)q.offset + 1 : 0LL,
                   (long long)q.offset + (long long)n, total);
    }
    td_story_list_free(l);
    td_engine_close(e);
    return CLI_OK;
}

static void on_entity(void *ud, const char *name, const char *kind,
                      int64_t articles)
{
    json_array_append_new(ud, json_pack("{s:s, s:s, s:I}", "name", name,
                                        "kind", kind, "articles",
                                        (json_int_t)articles));
}

static void on_date(void *ud, const char *date, int64_t articles)
{
    json_array_append_new(ud, json_pack("{s:s, s:I}", "date", date,
                                        "articles", (json_int_t)articles));
}

/* Articles grouped by language, copies and translations under their
 * original (which may be in another language). */
static json_t *story_articles(td_engine *e, int64_t id, int *failed)
{
    td_cursor *cur = NULL;
    json_t *all = json_array();
    if (td_engine_story_articles(e, id, &cur) != TD_OK) {
        *failed = 1;
        return all;
    }
    const td_article *a;
    td_status st;
    while ((st = td_cursor_next(cur, &a)) == TD_OK) {
        json_t *o = cli_article_json(a, 0);
        json_object_set_new(o, "author", cli_jstr(a->author));
        json_object_set_new(o, "canonical_url", cli_jstr(a->canonical_url));
        json_error_t err;
        json_t *why = a->why ? json_loads(a->why, 0, &err) : NULL;
        json_object_set_new(o, "why", why ? why : json_null());
        json_array_append_new(all, o);
    }
    if (st != TD_DONE)
        *failed = 1;
    td_cursor_free(cur);
    return all;
}

static const char *jget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void print_why(json_t *why)
{
    const char *how = json_string_value(json_object_get(why, "how"));
    if (!how)
        return;
    if (strcmp(how, "moved") == 0) {
        /* placed again when recent articles were re-read in a fixed order
         * (story/cluster.c td__cluster_refine) */
        const char *by = json_string_value(json_object_get(why, "by"));
        long long from = json_integer_value(json_object_get(why, "from"));
        double score = json_real_value(json_object_get(why, "score"));
        json_t *ru = json_object_get(why, "runner_up");
        if (by && strcmp(by, "joined") == 0) {
            printf("        moved here from story %lld when recent articles "
                   "were re-read, score %.2f",
                   from, score);
            if (ru)
                printf("; next best story %lld at %.2f",
                       (long long)json_integer_value(json_object_get(ru, "story")),
                       json_real_value(json_object_get(ru, "score")));
            printf("\n");
        } else if (by && strcmp(by, "merged") == 0) {
            printf("        moved here from story %lld: the two stories were "
                   "found to be one (mean score %.2f)\n",
                   from, score);
        } else if (by && strcmp(by, "original") == 0) {
            printf("        moved here from story %lld with its original\n",
                   from);
        } else {
            printf("        started this story when recent articles were "
                   "re-read (was in story %lld)\n",
                   from);
        }
        return;
    }
    if (strcmp(how, "joined") != 0) {
        printf("        %s\n", strcmp(how, "new") == 0 ? "started the story"
                                                        : "a copy");
        return;
    }
    printf("        joined, score %.2f:",
           json_real_value(json_object_get(why, "score")));
    static const char *const kinds[] = {"entities", "terms", "concepts",
                                        "numbers", "dates"};
    for (int k = 0; k < 5; k++) {
        json_t *v = json_object_get(why, kinds[k]);
        if (!json_array_size(v))
            continue;
        printf(" %s:", kinds[k]);
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) printf("%s%s", i ? "," : " ",
                                           json_string_value(x));
        printf(";");
    }
    printf("\n");
}

static void print_story(const td_ranked_story *r, json_t *arts, json_t *ents,
                        json_t *dates)
{
    const td_story *s = &r->story;
    printf("story %lld: %s\n", (long long)s->id,
           *r->headline ? r->headline : "(no headline)");
    printf("%lld articles, %lld independent sources, languages %s, %s .. "
           "%s\n",
           (long long)s->articles, (long long)s->sources,
           s->languages ? s->languages : "-",
           s->first_date ? s->first_date : "?",
           s->last_date ? s->last_date : "?");
    const char *lang = "";
    size_t i;
    json_t *a;
    json_array_foreach(arts, i, a)
    {
        const char *l = jget(a, "lang") ? jget(a, "lang") : "und";
        if (jget(a, "duplicate_of") || jget(a, "translation_of"))
            continue;
        if (strcmp(l, lang) != 0) {
            printf("\n[%s]\n", l);
            lang = l;
        }
        printf("  %-24s %-10s %s\n", jget(a, "id"),
               jget(a, "date") ? jget(a, "date") : "-",
               jget(a, "title") ? jget(a, "title") : "");
        if (jget(a, "source") || jget(a, "author"))
            printf("        %s%s%s\n",
                   jget(a, "source") ? jget(a, "source") : "",
                   jget(a, "source") && jget(a, "author") ? ", by " :
                   jget(a, "author") ? "by " : "",
                   jget(a, "author") ? jget(a, "author") : "");
        print_why(json_object_get(a, "why"));
        size_t k;
        json_t *b;
        json_array_foreach(arts, k, b)
        {
            const char *dup = jget(b, "duplicate_of");
            const char *tr = jget(b, "translation_of");
            const char *id = jget(a, "id");
            if ((dup && strcmp(dup, id) == 0) || (tr && strcmp(tr, id) == 0))
                printf("    %s %s [%s] %s\n", dup ? "copy:" : "translation:",
                       jget(b, "id"), jget(b, "lang") ? jget(b, "lang") : "-",
                       jget(b, "title") ? jget(b, "title") : "");
        }
    }
    printf("\nentities:");
    json_array_foreach(ents, i, a) printf("%s %s (%lld)", i ? "," : "",
                                          jget(a, "name"),
                                          (long long)json_integer_value(
                                              json_object_get(a, "articles")));
    printf("\n\ntimeline:\n");
    json_array_foreach(dates, i, a)
    {
        long long n = json_integer_value(json_object_get(a, "articles"));
        printf("  %-10s ", jget(a, "date"));
        for (long long k = 0; k < n && k < 60; k++)
            putchar('#');
        printf(" %lld\n", n);
    }
}

int cmd_story(int argc, char **argv)
{
    cli_common c = {0};
    const char *arg = NULL;
    /* --hl is this command's own; the shared parser sees the rest. */
    const char *hl = "en";
    int kept = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--hl") == 0 && i + 1 < argc) {
            hl = argv[++i];
            continue;
        }
        if (strncmp(argv[i], "--hl=", 5) == 0) {
            hl = argv[i] + 5;
            continue;
        }
        argv[kept++] = argv[i];
    }
    argc = kept;
    int rc =
        cli_parse_one(argc, argv, "story", story_help, "story id", &c, &arg);
    if (rc >= 0)
        return rc;
    char *end;
    long long id = strtoll(arg, &end, 10);
    if (*end || id <= 0) {
        cli_error("story", "a story id is a positive number, got '%s'",
                  arg);
        return CLI_USAGE;
    }
    td_engine *e = cli_open("story", &c);
    if (!e)
        return CLI_USAGE;
    td_story_cursor *cur = NULL;
    const td_story *s = NULL;
    td_status st = td_engine_story(e, id, &cur);
    if (st == TD_OK)
        st = td_story_next(cur, &s);
    if (st != TD_OK) {
        cli_error("story", "%s", td_engine_errmsg(e));
        td_story_cursor_free(cur);
        td_engine_close(e);
        return CLI_FAILED;
    }
    td_ranked_story r = {.story = *s};
    char headline[512], hl_lang[8] = "";
    st = td_engine_story_headline(e, id, hl, headline, sizeof headline,
                                  hl_lang);
    if (st != TD_OK)
        headline[0] = '\0';
    r.headline = headline;
    r.headline_lang = hl_lang[0] ? hl_lang : NULL;
    int failed = st != TD_OK && st != TD_ENOTFOUND;
    json_t *arts = story_articles(e, id, &failed);
    json_t *ents = json_array(), *dates = json_array();
    if (td_engine_story_entities(e, id, 20, on_entity, ents) != TD_OK ||
        td_engine_story_timeline(e, id, on_date, dates) != TD_OK)
        failed = 1;
    if (failed) {
        cli_error("story", "%s", td_engine_errmsg(e));
    } else if (c.json) {
        json_t *o2 = story_json(&r);
        json_object_set_new(o2, "articles_list", arts);
        json_object_set_new(o2, "entities", ents);
        json_object_set_new(o2, "timeline", dates);
        arts = ents = dates = NULL;
        cli_print_json(o2);
    } else {
        print_story(&r, arts, ents, dates);
    }
    json_decref(arts);
    json_decref(ents);
    json_decref(dates);
    td_story_cursor_free(cur);
    td_engine_close(e);
    return failed ? CLI_FAILED : CLI_OK;
}
