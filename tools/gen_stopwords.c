/* gen_stopwords.c -- writes data/stopwords.c from stopwords-iso.json.
 *
 *   gen_stopwords STOPWORDS-ISO.JSON OUT.c [VERSION]
 *
 * stopwords-iso.json (npm package stopwords-iso, MIT) maps ISO 639-1 codes to
 * arrays of words. Each word is folded exactly as the tokeniser folds words
 * (ICU NFKC_Casefold, U+2019 -> '), kept only when it can be one token
 * (letters, marks, digits and apostrophes: no spaces, no punctuation), and
 * each language's list is sorted by bytes and deduplicated so that
 * td__stoplist_has can binary-search it. Build with make tools-stopwords. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_stopwords: %s%s%s\n", msg, arg ? ": " : "",
            arg ? arg : "");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

/* Folded copy of s (owned), or NULL when it cannot be a single token.
 * strip_marks: drop non-spacing marks too (the tokeniser looks Greek words
 * up without their accents, since the Greek list mostly omits them). */
static char *fold(const char *s, int strip_marks)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err))
        die("ICU normaliser unavailable", u_errorName(err));
    size_t n = strlen(s);
    UChar *u = xmalloc((n + 1) * sizeof *u);
    int32_t ulen = 0;
    u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &err);
    if (U_FAILURE(err))
        die("invalid UTF-8 in input", s);
    for (int32_t i = 0; i < ulen; i++)
        if (u[i] == 0x2019)
            u[i] = '\'';
    int32_t cap = ulen * 4 + 16;
    UChar *d = xmalloc((size_t)cap * sizeof *d);
    int32_t dlen = unorm2_normalize(nf, u, ulen, d, cap, &err);
    free(u);
    if (U_FAILURE(err))
        die("normalisation failed", s);
    if (strip_marks) {
        const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
        UChar *e = xmalloc((size_t)(dlen * 4 + 16) * sizeof *e);
        int32_t elen = unorm2_normalize(nfd, d, dlen, e, dlen * 4 + 16, &err);
        if (U_FAILURE(err))
            die("NFD failed", s);
        dlen = 0;
        for (int32_t i = 0; i < elen; i++)
            if (u_charType(e[i]) != U_NON_SPACING_MARK)
                d[dlen++] = e[i];
        free(e);
    }
    /* Trim, then refuse anything a word break iterator would not return as
     * one word. */
    int32_t a = 0, b = dlen;
    while (a < b && u_isUWhiteSpace(d[a]))
        a++;
    while (b > a && u_isUWhiteSpace(d[b - 1]))
        b--;
    if (a == b) {
        free(d);
        return NULL;
    }
    for (int32_t i = a; i < b;) {
        UChar32 c;
        U16_NEXT(d, i, b, c);
        int ok = c == '\'' || (U_GET_GC_MASK(c) &
                                (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK));
        if (!ok) {
            free(d);
            return NULL;
        }
    }
    int32_t blen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &blen, d + a, b - a, &err);
    err = U_ZERO_ERROR;
    char *out = xmalloc((size_t)blen + 1);
    u_strToUTF8(out, blen + 1, NULL, d + a, b - a, &err);
    free(d);
    if (U_FAILURE(err))
        die("UTF-8 conversion failed", s);
    return out;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes s as C string literal content: printable ASCII as is, the rest as
 * octal escapes (at most three digits, so a following digit is safe). */
static void put_c_string(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\' || *p == '?')
            fprintf(f, "\\%c", *p);
        else if (*p >= 0x20 && *p < 0x7f)
            fputc(*p, f);
        else
            fprintf(f, "\\%03o", *p);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: gen_stopwords STOPWORDS-ISO.JSON OUT.c "
                        "[VERSION]\n");
        return 2;
    }
    json_error_t jerr;
    json_t *root = json_load_file(argv[1], 0, &jerr);
    if (!root || !json_is_object(root))
        die("cannot read a JSON object", argv[1]);

    /* Languages in strcmp order (td__stoplist_find binary-searches). */
    size_t nlang = json_object_size(root), li = 0;
    const char **langs = xmalloc(nlang * sizeof *langs);
    const char *key;
    json_t *val;
    json_object_foreach(root, key, val)
    {
        if (!json_is_array(val))
            die("not an array of words", key);
        if (strlen(key) < 2 || strlen(key) > 7)
            die("unexpected language code", key);
        langs[li++] = key;
    }
    qsort(langs, nlang, sizeof *langs, cmp_str);

    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *f = fopen(tmp, "w");
    if (!f)
        die("cannot write", tmp);
    fprintf(f,
            "/* stopwords.c -- GENERATED by tools/gen_stopwords.c from the "
            "npm package\n * stopwords-iso%s%s (MIT licence); do not edit. "
            "Regenerate with\n * make tools-stopwords (see data/SOURCES.md). "
            "*/\n#include \"text/stopwords.h\"\n",
            argc == 4 ? " " : "", argc == 4 ? argv[3] : "");

    size_t total = 0, dropped = 0;
    size_t *counts = xmalloc(nlang * sizeof *counts);
    for (size_t l = 0; l < nlang; l++) {
        json_t *arr = json_object_get(root, langs[l]);
        size_t n = json_array_size(arr), m = 0;
        char **w = xmalloc((n ? n : 1) * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            const char *s = json_string_value(json_array_get(arr, i));
            char *fw = s ? fold(s, strcmp(langs[l], "el") == 0) : NULL;
            if (fw)
                w[m++] = fw;
            else
                dropped++;
        }
        qsort(w, m, sizeof *w, cmp_str);
        size_t u = 0;
        for (size_t i = 0; i < m; i++) {
            if (u > 0 && strcmp(w[u - 1], w[i]) == 0) {
                free(w[i]);
                continue;
            }
            w[u++] = w[i];
        }
        fprintf(f, "\n/* %s: %zu words */\nstatic const char sw_%s[] =",
                langs[l], u, langs[l]);
        for (size_t i = 0; i < u; i++) {
            fputs(i % 8 == 0 ? "\n    \"" : "", f);
            put_c_string(f, w[i]);
            fputs("\\000", f);
            fputs(i % 8 == 7 || i + 1 == u ? "\"" : "", f);
        }
        if (u == 0)
            fputs(" \"\"", f);
        fprintf(f, ";\nstatic const uint32_t sw_%s_off[] = {", langs[l]);
        size_t off = 0;
        for (size_t i = 0; i < u; i++) {
            fprintf(f, "%s%zu,", i % 12 == 0 ? "\n    " : " ", off);
            off += strlen(w[i]) + 1;
            free(w[i]);
        }
        if (u == 0)
            fputs("0", f);
        fputs("\n};\n", f);
        free(w);
        counts[l] = u;
        total += u;
    }

    fputs("\nconst td__stoplist td__stoplists[] = {\n", f);
    for (size_t l = 0; l < nlang; l++) {
        fprintf(f, "    {\"%s\", sw_%s, sw_%s_off, %zu},\n", langs[l],
                langs[l], langs[l], counts[l]);
    }
    fprintf(f, "};\nconst size_t td__stoplists_n = %zu;\n", nlang);
    if (fclose(f) != 0)
        die("cannot write", tmp);
    if (rename(tmp, argv[2]) != 0)
        die("cannot rename to", argv[2]);
    fprintf(stderr,
            "gen_stopwords: %zu languages, %zu words, %zu entries dropped "
            "(phrases, punctuation)\n",
            nlang, total, dropped);
    free(counts);
    free(langs);
    json_decref(root);
    return 0;
}
