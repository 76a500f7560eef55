/* facility.c -- names of facilities and features by their kind noun. */
#include "entity/facility.h"

#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>

#include "entity/names.h"
#include "story/pivot.h"
#include "text/tokens.h"
#include "text/unicode.h"

/* Kinds of named things that are neither people nor organisations, by the
 * English words dictionaries translate them to; a synonym maps to its
 * kind. */
static const struct {
    const char *word, *kind;
} kinds[] = {
    {"bridge", "bridge"},     {"viaduct", "bridge"},   {"street", "street"},
    {"road", "street"},       {"avenue", "street"},    {"boulevard", "street"},
    {"square", "square"},     {"plaza", "square"},     {"river", "river"},
    {"lake", "lake"},         {"sea", "sea"},          {"bay", "bay"},
    {"gulf", "bay"},          {"island", "island"},    {"mountain", "mountain"},
    {"volcano", "mountain"},  {"valley", "valley"},    {"canal", "canal"},
    {"dam", "dam"},           {"airport", "airport"},  {"station", "station"},
    {"stadium", "stadium"},   {"arena", "stadium"},    {"park", "park"},
    {"palace", "palace"},     {"tower", "tower"},      {"port", "port"},
    {"harbour", "port"},      {"beach", "beach"},      {"forest", "forest"},
    {"desert", "desert"},     {"school", "school"},    {"hospital", "hospital"},
    {"cathedral", "church"},  {"church", "church"},    {"mosque", "church"},
    {"temple", "church"},     {"prison", "prison"},    {"museum", "museum"},
    {"embassy", "embassy"},   {"strait", "strait"},    {"peninsula", "island"},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static uint32_t concept[NKINDS];
static pthread_once_t concept_once = PTHREAD_ONCE_INIT;

static void concept_init(void)
{
    for (size_t i = 0; i < NKINDS; i++) {
        td__tokens t = TD__TOKENS_INIT;
        const char *w = kinds[i].word;
        if (td__tokenize(w, strlen(w), "en", &t) == TD_OK && t.n == 1)
            concept[i] = td__pivot_english(t.v[0].stem, strlen(t.v[0].stem));
        td__tokens_free(&t);
    }
}

const char *const td__dictionary_langs[] = {
    "en", "de", "fr", "it", "es", "pt", "nl", "pl", "ru",
    "uk", "tr", "sv", "cs", "ro", "hu", "el", "bg", NULL};

static const char *kind_in(const char *word, size_t len, const char *lang)
{
    td__tokens t = TD__TOKENS_INIT;
    const char *found = NULL;
    if (td__tokenize(word, len, lang, &t) != TD_OK || t.n != 1) {
        td__tokens_free(&t);
        return NULL;
    }
    const char *stem = t.v[0].stem;
    uint32_t ids[TD__PIVOT_MAX];
    size_t n = 0;
    if (strcmp(lang, "en") == 0)
        ids[n++] = td__pivot_english(stem, strlen(stem));
    else if (td__pivot_has(lang))
        n = td__pivot_lookup(lang, stem, strlen(stem), ids);
    /* a word of several senses is a facility noun only by its first */
    for (size_t k = 0; k < NKINDS && n && !found; k++)
        if (concept[k] && concept[k] == ids[0])
            found = kinds[k].kind;
    td__tokens_free(&t);
    return found;
}

const char *td__facility_kind(const char *word, size_t len, const char *lang)
{
    pthread_once(&concept_once, concept_init);
    if (lang)
        return kind_in(word, len, lang);
    const char *k = NULL;
    for (size_t i = 0; !k && td__dictionary_langs[i]; i++)
        k = kind_in(word, len, td__dictionary_langs[i]);
    return k;
}

/* Whether text[a..b) is all letters (one word). */
static int one_word(const char *s, size_t n)
{
    if (!n)
        return 0;
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        if (!u_isalpha(c) && !(u_getIntPropertyValue(
                                   c, UCHAR_GENERAL_CATEGORY_MASK) &
                               (U_GC_MN_MASK | U_GC_MC_MASK)))
            return 0;
    }
    return 1;
}

static int starts_lower(const char *s, size_t n)
{
    size_t i = 0;
    return n && u_islower((UChar32)td__utf8_next(s, n, &i));
}

const char *td__facility_noun_before(const char *text, size_t off,
                                     const char *lang, size_t *noun_off)
{
    if (off < 2 || text[off - 1] != ' ')
        return NULL;
    size_t b = off - 1;
    while (b > 0 && text[b - 1] != ' ' && text[b - 1] != '\n' &&
           text[b - 1] != '(' && text[b - 1] != '"')
        b--;
    size_t wl = off - 1 - b;
    if (wl <= 2 || !one_word(text + b, wl) || !starts_lower(text + b, wl))
        return NULL;
    const char *kind = td__facility_kind(text + b, wl, lang);
    if (kind && noun_off)
        *noun_off = b;
    return kind;
}

int td__facility_key(const char *text, size_t *off, size_t *len,
                     const char *lang, td__buf *key)
{
    const char *s = text + *off;
    size_t n = *len;
    size_t noun_off = 0, noun_len = 0, name_off = 0, name_len = n;
    const char *kind = NULL;
    /* the name's own first or last word, or a hyphenated last part
     * ("Downing Street", "Plaza Murillo", "Morandi-Brücke") */
    size_t last = n;
    while (last > 0 && s[last - 1] != ' ' && s[last - 1] != '-')
        last--;
    size_t first_end = 0;
    while (first_end < n && s[first_end] != ' ' && s[first_end] != '-')
        first_end++;
    if (last > 0 && (kind = td__facility_kind(s + last, n - last, lang)))
        name_len = last - 1;
    else if (first_end < n &&
             (kind = td__facility_kind(s, first_end, lang)))
        name_off = first_end + 1, name_len = n - first_end - 1;
    /* a lower-case noun just before ("ponte Morandi", "реки Иордан") */
    if (!kind && (kind = td__facility_noun_before(text, *off, lang,
                                                  &noun_off)))
        noun_len = *off - 1 - noun_off;
    if (!kind || !name_len)
        return 0;
    if (td__buf_puts(key, kind) != 0 || td__buf_putc(key, ' ') != 0)
        return -1;
    size_t before = key->len;
    if (td__name_key(s + name_off, name_len, key) != 0)
        return -1;
    if (key->len == before)
        return 0;
    if (noun_len) {
        *len += *off - noun_off;
        *off = noun_off;
    }
    return 1;
}
