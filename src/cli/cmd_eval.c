/* cmd_eval.c -- tidings eval --gold FILE.jsonl [--json]
 *
 * Feeds the gold file to a fresh temporary store in date order (ties in
 * file order; undated articles last), then compares what the engine made
 * with the labels. The gold story, language and notes are never shown to
 * the engine. */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char help[] =
    "usage: tidings eval --gold FILE.jsonl [--order date|shuffle[:SEED]|reverse]\n"
    "                    [--json] [--keep DB]\n\n"
    "Ingests the articles of a gold-labelled JSON Lines file (fields id,\n"
    "story, lang, date, url, text, optional note 'duplicate-of:URL' or\n"
    "'translation-of:URL') into a temporary store, in date order (undated\n"
    "articles last; --order reverse: the same backwards; shuffle: a\n"
    "pseudo-random order fixed by SEED, default 1), and\n"
    "prints: B-cubed precision/recall/F1 and pairwise F1 of the stories;\n"
    "precision and recall of same-story pairs across languages; precision\n"
    "and recall of duplicate_of and translation_of; language accuracy,\n"
    "overall and per language. --keep keeps the store at DB.\n";

typedef struct rec {
    json_t *obj;
    size_t line;
    const char *id, *story, *lang, *date, *url, *note;
    /* predictions */
    int64_t pstory;
    char *plang, *pdup, *ptrans;
} rec;

static int by_date(const void *a, const void *b)
{
    const rec *x = a, *y = b;
    if (!x->date != !y->date)
        return x->date ? -1 : 1;
    int c = x->date ? strcmp(x->date, y->date) : 0;
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* A fixed pseudo-random permutation (xorshift64*, Fisher-Yates), so that
 * "shuffle:SEED" is the same order on every machine. */
static void shuffle(rec *r, size_t n, uint64_t seed)
{
    uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
    for (size_t i = n; i > 1; i--) {
        x ^= x >> 12, x ^= x << 25, x ^= x >> 27;
        size_t j = (size_t)((x * 0x2545F4914F6CDD1DULL) % i);
        rec t = r[i - 1];
        r[i - 1] = r[j];
        r[j] = t;
    }
}

static void reverse(rec *r, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        rec t = r[i];
        r[i] = r[n - 1 - i];
        r[n - 1 - i] = t;
    }
}

/* Parses --order; 0 on success. */
static int parse_order(const char *s, int *kind, uint64_t *seed)
{
    char *end;
    if (strcmp(s, "date") == 0)
        return *kind = 0, 0;
    if (strcmp(s, "reverse") == 0)
        return *kind = 2, 0;
    if (strncmp(s, "shuffle", 7) != 0 || (s[7] && s[7] != ':'))
        return -1;
    *kind = 1;
    *seed = 1;
    if (!s[7])
        return 0;
    *seed = strtoull(s + 8, &end, 10);
    return s[8] && !*end ? 0 : -1;
}

static rec *find_id(rec *r, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(r[i].id, id) == 0)
            return &r[i];
    return NULL;
}

/* The record whose url is the note's URL: the note's text up to white
 * space ("duplicate-of:https://... (same agency text)"). */
static rec *find_url(rec *r, size_t n, const char *url)
{
    size_t len = url ? strcspn(url, " \t\n") : 0;
    for (size_t i = 0; len && i < n; i++)
        if (r[i].url && strlen(r[i].url) == len &&
            strncmp(r[i].url, url, len) == 0)
            return &r[i];
    return NULL;
}

typedef struct pr {
    double tp, pred, gold;
} pr;

static double prec(pr p) { return p.pred ? p.tp / p.pred : 1.0; }
static double rec_(pr p) { return p.gold ? p.tp / p.gold : 1.0; }
static double f1(double p, double r) { return p + r ? 2 * p * r / (p + r) : 0; }

/* The gold relation ("duplicate-of" or "translation-of") between two
 * records, either way round. */
static int gold_rel(rec *r, size_t n, const rec *a, const rec *b,
                    const char *kind)
{
    size_t k = strlen(kind);
    const rec *pair[2][2] = {{a, b}, {b, a}};
    for (int i = 0; i < 2; i++) {
        const char *note = pair[i][0]->note;
        if (note && strncmp(note, kind, k) == 0 && note[k] == ':') {
            const rec *t = find_url(r, n, note + k + 1);
            if (t == pair[i][1])
                return 1;
        }
    }
    return 0;
}

static json_t *pr_json(pr p)
{
    return json_pack("{s:f, s:f, s:f, s:i, s:i}", "precision", prec(p),
                     "recall", rec_(p), "f1", f1(prec(p), rec_(p)),
                     "predicted", (int)p.pred, "gold", (int)p.gold);
}

int cmd_eval(int argc, char **argv)
{
    const char *gold = NULL, *keep = NULL;
    int json = 0, order = 0;
    uint64_t seed = 1;
    static const struct option opts[] = {{"gold", required_argument, 0, 'g'},
                                         {"json", no_argument, 0, 'j'},
                                         {"keep", required_argument, 0, 'k'},
                                         {"order", required_argument, 0, 'o'},
                                         {"db", required_argument, 0, 'd'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    int o;
    optind = 1;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'g': gold = optarg; break;
        case 'j': json = 1; break;
        case 'k': keep = optarg; break;
        case 'o':
            if (parse_order(optarg, &order, &seed) != 0) {
                cli_error("eval", "--order: wants date, reverse, shuffle or "
                                  "shuffle:SEED, got '%s'",
                          optarg);
                return CLI_USAGE;
            }
            break;
        case 'd': break; /* eval never touches the user's database */
        case 'h': fputs(help, stdout); return CLI_OK;
        default: fputs(help, stderr); return CLI_USAGE;
        }
    }
    if (!gold || optind < argc) {
        cli_error("eval", "give the gold file with --gold FILE.jsonl");
        return CLI_USAGE;
    }
    FILE *f = fopen(gold, "r");
    if (!f) {
        cli_error("eval", "%s: cannot open", gold);
        return CLI_USAGE;
    }
    rec *r = NULL;
    size_t n = 0, cap = 0, lineno = 0;
    char *line = NULL;
    size_t lcap = 0;
    int bad = 0;
    while (getline(&line, &lcap, f) > 0) {
        lineno++;
        json_error_t err;
        json_t *obj = json_loads(line, 0, &err);
        const char *id = obj ? json_string_value(json_object_get(obj, "id")) : NULL;
        const char *story =
            obj ? json_string_value(json_object_get(obj, "story")) : NULL;
        if (!id || !story || !json_is_string(json_object_get(obj, "text"))) {
            cli_error("eval", "%s:%zu: a gold record needs string id, story "
                              "and text",
                      gold, lineno);
            json_decref(obj);
            bad = 1;
            continue;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            r = realloc(r, cap * sizeof *r);
            if (!r)
                return CLI_USAGE;
        }
        rec *x = &r[n++];
        memset(x, 0, sizeof *x);
        x->obj = obj;
        x->line = lineno;
        x->id = id;
        x->story = story;
        x->lang = json_string_value(json_object_get(obj, "lang"));
        x->date = json_string_value(json_object_get(obj, "date"));
        x->url = json_string_value(json_object_get(obj, "url"));
        x->note = json_string_value(json_object_get(obj, "note"));
    }
    free(line);
    fclose(f);
    if (!n) {
        cli_error("eval", "%s: no gold records", gold);
        free(r);
        return CLI_USAGE;
    }
    qsort(r, n, sizeof *r, by_date);
    if (order == 1)
        shuffle(r, n, seed);
    else if (order == 2)
        reverse(r, n);

    char dir[] = "/tmp/tidings-eval-XXXXXX";
    char dbpath[600];
    if (keep) {
        snprintf(dbpath, sizeof dbpath, "%s", keep);
        unlink(keep);
    } else {
        if (!mkdtemp(dir)) {
            cli_error("eval", "cannot make a temporary folder");
            return CLI_USAGE;
        }
        snprintf(dbpath, sizeof dbpath, "%s/eval.db", dir);
    }
    td_engine *e = NULL;
    char err[512];
    if (td_engine_open(dbpath, &e, err, sizeof err) != TD_OK) {
        cli_error("eval", "%s", err);
        return CLI_USAGE;
    }
    size_t failed = 0;
    for (size_t i = 0; i < n; i++) {
        json_t *t = json_object_get(r[i].obj, "text");
        td_input in = {0};
        in.id = r[i].id;
        in.url = r[i].url;
        in.date = r[i].date;
        in.title = json_string_value(json_object_get(r[i].obj, "title"));
        in.text = json_string_value(t);
        in.text_len = json_string_length(t);
        in.name = r[i].id;
        if (td_engine_ingest(e, &in, NULL) != TD_OK) {
            cli_error("eval", "%s", td_engine_errmsg(e));
            failed++;
        }
    }
    td_engine_commit(e);
    td_cursor *cur = NULL;
    const td_article *a;
    if (td_engine_articles(e, &cur) == TD_OK) {
        while (td_cursor_next(cur, &a) == TD_OK) {
            rec *x = find_id(r, n, a->id);
            if (!x)
                continue;
            x->pstory = a->story;
            x->plang = a->lang ? strdup(a->lang) : NULL;
            x->pdup = a->duplicate_of ? strdup(a->duplicate_of) : NULL;
            x->ptrans = a->translation_of ? strdup(a->translation_of) : NULL;
        }
    }
    td_cursor_free(cur);
    td_engine_close(e);
    if (!keep) {
        char p[700];
        const char *suffix[] = {"", "-wal", "-shm"};
        for (int k = 0; k < 3; k++) {
            snprintf(p, sizeof p, "%s%s", dbpath, suffix[k]);
            unlink(p);
        }
        rmdir(dir);
    }

    /* B-cubed and pairs. An article that failed has a story of its own. */
    double bp = 0, br = 0;
    pr pairs = {0, 0, 0}, cross = {0, 0, 0}, dup = {0, 0, 0},
       trans = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        double same_both = 0, same_pred = 0, same_gold = 0;
        for (size_t j = 0; j < n; j++) {
            int g = strcmp(r[i].story, r[j].story) == 0;
            int p = j == i || (r[i].pstory && r[i].pstory == r[j].pstory);
            same_gold += g, same_pred += p, same_both += g && p;
            if (j <= i)
                continue;
            pairs.gold += g, pairs.pred += p, pairs.tp += g && p;
            if (r[i].lang && r[j].lang && strcmp(r[i].lang, r[j].lang) != 0)
                cross.gold += g, cross.pred += p, cross.tp += g && p;
        }
        bp += same_both / same_pred;
        br += same_both / same_gold;
    }
    bp /= (double)n, br /= (double)n;
    for (size_t i = 0; i < n; i++) {
        rec *d = find_id(r, n, r[i].pdup), *t = find_id(r, n, r[i].ptrans);
        if (d)
            dup.pred++, dup.tp += gold_rel(r, n, &r[i], d, "duplicate-of");
        if (t)
            trans.pred++, trans.tp += gold_rel(r, n, &r[i], t, "translation-of");
        if (r[i].note && strncmp(r[i].note, "duplicate-of:", 13) == 0 &&
            find_url(r, n, r[i].note + 13))
            dup.gold++;
        if (r[i].note && strncmp(r[i].note, "translation-of:", 15) == 0 &&
            find_url(r, n, r[i].note + 15))
            trans.gold++;
    }
    /* Language accuracy, per gold language. */
    json_t *perlang = json_object();
    size_t right = 0, judged = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r[i].lang)
            continue;
        json_t *l = json_object_get(perlang, r[i].lang);
        if (!l) {
            l = json_pack("{s:i, s:i}", "articles", 0, "correct", 0);
            json_object_set_new(perlang, r[i].lang, l);
        }
        int ok = r[i].plang && strcmp(r[i].plang, r[i].lang) == 0;
        json_object_set_new(l, "articles", json_integer(json_integer_value(json_object_get(l, "articles")) + 1));
        json_object_set_new(l, "correct", json_integer(json_integer_value(json_object_get(l, "correct")) + ok));
        judged++, right += ok;
    }
    size_t gold_stories = 0, pred_stories = 0;
    for (size_t i = 0; i < n; i++) {
        int first_g = 1, first_p = 1;
        for (size_t j = 0; j < i; j++) {
            if (strcmp(r[i].story, r[j].story) == 0)
                first_g = 0;
            if (r[i].pstory && r[i].pstory == r[j].pstory)
                first_p = 0;
        }
        gold_stories += first_g, pred_stories += first_p;
    }
    double bf = f1(bp, br);
    double lacc = judged ? (double)right / (double)judged : 0;
    if (json) {
        cli_print_json(json_pack(
            "{s:i, s:i, s:i, s:i, s:{s:f, s:f, s:f}, s:o, s:o, s:o, s:o, "
            "s:{s:f, s:o}}",
            "articles", (int)n, "failed", (int)failed, "gold_stories",
            (int)gold_stories, "stories", (int)pred_stories, "bcubed",
            "precision", bp, "recall", br, "f1", bf, "pairwise",
            pr_json(pairs), "cross_lingual", pr_json(cross), "duplicates",
            pr_json(dup), "translations", pr_json(trans), "language",
            "accuracy", lacc, "per_language", perlang));
    } else {
        printf("articles %zu (%zu failed), gold stories %zu, stories made "
               "%zu\n",
               n, failed, gold_stories, pred_stories);
        printf("B-cubed        precision %.3f  recall %.3f  F1 %.3f\n", bp,
               br, bf);
        printf("pairwise       precision %.3f  recall %.3f  F1 %.3f\n",
               prec(pairs), rec_(pairs), f1(prec(pairs), rec_(pairs)));
        printf("cross-lingual  precision %.3f  recall %.3f  (%d of %d "
               "same-story pairs in different languages)\n",
               prec(cross), rec_(cross), (int)cross.tp, (int)cross.gold);
        printf("duplicates     precision %.3f  recall %.3f  (%d predicted, "
               "%d gold)\n",
               prec(dup), rec_(dup), (int)dup.pred, (int)dup.gold);
        printf("translations   precision %.3f  recall %.3f  (%d predicted, "
               "%d gold)\n",
               prec(trans), rec_(trans), (int)trans.pred, (int)trans.gold);
        printf("language       accuracy %.3f (%zu of %zu):", lacc, right,
               judged);
        const char *k;
        json_t *v;
        json_object_foreach(perlang, k, v)
            printf(" %s %lld/%lld", k,
                   (long long)json_integer_value(json_object_get(v, "correct")),
                   (long long)json_integer_value(json_object_get(v, "articles")));
        printf("\n");
        json_decref(perlang);
    }
    for (size_t i = 0; i < n; i++) {
        json_decref(r[i].obj);
        free(r[i].plang);
        free(r[i].pdup);
        free(r[i].ptrans);
    }
    free(r);
    (void)bad;
    return failed || bad ? CLI_FAILED : CLI_OK;
}
