/* stopwords.c -- lookups in the generated stop-word tables, language keys. */
#include "text/stopwords.h"

#include <string.h>

#include "text/tokens.h"

int td__text_lang_key(const char *lang, char key[8])
{
    key[0] = '\0';
    if (!lang)
        return 0;
    size_t n = 0;
    while (lang[n] && lang[n] != '-' && lang[n] != '_') {
        char c = lang[n];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z' || n >= 7) {
            key[0] = '\0';
            return 0;
        }
        key[n++] = c;
    }
    key[n] = '\0';
    if (n < 2 || strcmp(key, "und") == 0) {
        key[0] = '\0';
        return 0;
    }
    /* Old and individual codes the tables know under another code. */
    static const char *const alias[][2] = {
        {"nb", "no"}, {"nn", "no"}, {"iw", "he"}, {"in", "id"}, {"ji", "yi"},
    };
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcmp(key, alias[i][0]) == 0) {
            strcpy(key, alias[i][1]);
            break;
        }
    return 1;
}

const td__stoplist *td__stoplist_find(const char *key)
{
    if (!key || !*key)
        return NULL;
    size_t lo = 0, hi = td__stoplists_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(td__stoplists[mid].lang, key);
        if (c == 0)
            return &td__stoplists[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* strcmp order of the NUL-terminated entry e against word[0..len). */
static int compare(const char *e, const char *word, size_t len)
{
    int c = strncmp(e, word, len);
    if (c != 0)
        return c;
    return e[len] != '\0'; /* e is longer: it sorts after word */
}

int td__stoplist_has(const td__stoplist *list, const char *word, size_t len)
{
    if (!list || !word || len == 0 || memchr(word, '\0', len))
        return 0;
    size_t lo = 0, hi = list->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare(list->words + list->off[mid], word, len);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

int td__is_stopword(const char *lang, const char *word, size_t len)
{
    char key[8];
    if (!td__text_lang_key(lang, key))
        return 0;
    return td__stoplist_has(td__stoplist_find(key), word, len);
}
