/* gen_places.c -- writes data/places.c, the gazetteer of countries,
 * first-level regions, cities and country adjectives in every language the
 * sources name them in.
 *
 *   gen_places SOURCES_DIR OUT.c
 *
 * Sources (see data/SOURCES.md), each an unpacked Debian package under
 * SOURCES_DIR (tools/fetch-places.sh):
 *  - ICU's CLDR data: the country and territory names of every locale ICU
 *    ships (region bundle, "Countries", with %short and %variant forms), the
 *    exemplar cities of the canonical time zones, and the language names
 *    of every locale, which give country adjectives ("Russian", "russo",
 *    "russisch" -> RU; see demonyms()).
 *  - libgeonames0 (the GeoNames cities of 15,000 people or more, compiled
 *    into the library as GVariants: geonameid, name, admin1 code and name,
 *    country, time zone, population) read through the library itself
 *    (dlopen), and libgeonames-common (geonames.mo: the city names in about
 *    190 locales, keyed by geonameid).
 *  - iso-codes: ISO 3166-1 country names and the first-level subdivisions
 *    of ISO 3166-2 (oblasts, provinces, states...), both translated in its
 *    .mo files.
 *  - libgweather-4-common: the capitals of Locations.xml and their
 *    translations.
 *  - Hunspell dictionaries (hunspell-en-us, -de-de, -fr-classical, -it,
 *    -es, -pt-pt, -nl, -sv, -pl, -tr, -ru, -uk): their lower-case words
 *    are the common words a city or region name must not fire on, their
 *    capitalised entries the names a person may bear too; hunspell-ar,
 *    myspell-fa, hunspell-hi, -he, -th: the words of scripts without
 *    case.
 *
 * Every name is folded as the run-time matcher folds (placefold.h).
 * Dropped: stop words of the name's language or English, month and
 * weekday names, Latin/Cyrillic/Greek names under three letters and
 * one-character names, short stop words of other languages given by few
 * sources. Ambiguity is judged by population and word lists:
 *  - a name that is a lower-case word of a Hunspell dictionary is marked
 *    TD__PLACE_NAME_COMMON (the matcher takes it only capitalised and
 *    inside a sentence) unless the place is a city of a million; a
 *    country's name only when it is a word of the country's own language
 *    and the country's cities hold under five million; a city under 100,000 whose
 *    name is a word in two languages or more, or whose every word is a
 *    word ("Casa Santa"), is dropped ("Police", "Split", "Borne");
 *  - names of four letters or fewer of places under 200,000 must not be
 *    dictionary words and are refused in capitals (TD__PLACE_NAME_SHORT);
 *  - a one-word name of a city or region under a million that is a
 *    capitalised dictionary entry (a given name or surname too: "Vladimir",
 *    "Marion") is marked TD__PLACE_NAME_NAMELIKE: not before a capitalised
 *    word;
 *  - in scripts that do not capitalise, places under 300,000 lose names of
 *    three letters or fewer and names that are words of the Arabic,
 *    Persian, Hindi, Hebrew or Thai dictionaries (with or without the
 *    Arabic article), one- or two-character Han/kana/Thai names of places
 *    under 300,000 and two-letter names of others under a million too;
 *  - a region name shared by regions of two countries ("Central",
 *    "中央") is a word; a region that is a city (Moscow, Berlin, Xankəndi)
 *    gives its names to the city.
 * A fold that names several places goes to a country, then a country
 * adjective, then of two cities to the one more names are given to (more
 * languages name it), then to the most populous city or region (a region
 * needing ten times a city's people), then to the one most sources give. */
#include <dirent.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "entity/placefold.h"
#include "entity/places.h"
#include "entity/places_data.h"
#include "text/stopwords.h"

#define MIN_CITY_LANGS 1000 /* gweather: none, translators do almost all */
#define COMMON_CITY_MIN 100000  /* a city named like a common word */
#define COMMON_FREE_CITY 1000000 /* ... fires at a sentence start too */
#define COMMON_FREE_COUNTRY 5000000 /* people in the country's cities */
#define SHORT_CITY_MIN 200000   /* Latin names of four letters or fewer */
#define UNSPACED_SHORT_MIN 300000 /* Han/kana/Thai names of 1-2 chars */
#define INFLECT_CITY_MIN 500000 /* Cyrillic endings tolerated: a loose */
#define INFLECT_REGION_MIN 1000000 /* match finds given names in smaller */

/* The bundle trees of ICU's data (the internal header uresimp.h names
 * them REGION_TREE and ZONE_TREE). */
#define REGION_TREE U_ICUDATA_NAME "-region"
#define ZONE_TREE U_ICUDATA_NAME "-zone"
#define LANG_TREE U_ICUDATA_NAME "-lang"

/* Zones whose exemplar "city" is a research station, a region or a common
 * English word rather than a city a story would name. */
static const char *const skip_zones[] = {
    "Pacific/Easter", "Indian/Christmas", "America/North_Dakota/Center",
    "America/Indiana/Knox", "America/Indiana/Marengo", "America/Indiana/Vevay",
    "America/North_Dakota/Beulah", "America/North_Dakota/New_Salem",
    "America/Indiana/Tell_City", "America/Indiana/Petersburg",
    "America/Indiana/Winamac", "America/Indiana/Vincennes",
    "America/Kentucky/Monticello", "Pacific/Wake", "Pacific/Midway",
    "Pacific/Johnston", "Australia/Lindeman", "Australia/Eucla",
    "Australia/Broken_Hill", "America/Creston", "America/Swift_Current",
    "America/Resolute", "America/Thule", "Pacific/Chatham", NULL};

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "gen_places: %s: %s\n", what, detail);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p)
        die("out of memory", "realloc");
    return p;
}

static char *xstrdup(const char *s)
{
    char *d = strdup(s);
    if (!d)
        die("out of memory", "strdup");
    return d;
}

/* ---- a string -> int map (open addressing; the generator's only map) -- */

typedef struct smap {
    char **k;
    int *v;
    size_t cap, n;
} smap;

static uint64_t shash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static size_t smap_slot(const smap *m, const char *key)
{
    size_t i = (size_t)shash(key) & (m->cap - 1);
    while (m->k[i] && strcmp(m->k[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static int smap_get(const smap *m, const char *key)
{
    if (!m->cap)
        return -1;
    size_t i = smap_slot(m, key);
    return m->k[i] ? m->v[i] : -1;
}

static void smap_put(smap *m, const char *key, int v)
{
    if (2 * (m->n + 1) > m->cap) {
        smap old = *m;
        m->cap = old.cap ? old.cap * 2 : 1024;
        m->k = calloc(m->cap, sizeof *m->k);
        m->v = calloc(m->cap, sizeof *m->v);
        if (!m->k || !m->v)
            die("out of memory", "map");
        for (size_t i = 0; i < old.cap; i++)
            if (old.k[i]) {
                size_t j = smap_slot(m, old.k[i]);
                m->k[j] = old.k[i];
                m->v[j] = old.v[i];
            }
        free(old.k);
        free(old.v);
    }
    size_t i = smap_slot(m, key);
    if (!m->k[i]) {
        m->k[i] = xstrdup(key);
        m->n++;
    }
    m->v[i] = v;
}

/* ---- places ------------------------------------------------------------ */

typedef struct place {
    char *key;     /* unique in the generator ("RU", "RU#adj", "RU/Moscow") */
    char *id;      /* what the table says (a country adjective: its country) */
    char *name;    /* English display name */
    char *country; /* ISO 3166-1 code */
    uint32_t pop;
    int kind;
} place;

static place *places;
static size_t nplaces, capplaces;
static smap place_keys;

static int place_find(const char *key)
{
    return smap_get(&place_keys, key);
}

static int place_add(const char *key, const char *id, const char *name,
                     const char *country, uint32_t pop, int kind)
{
    int i = place_find(key);
    if (i >= 0)
        return i;
    if (nplaces == capplaces) {
        capplaces = capplaces ? capplaces * 2 : 4096;
        places = xrealloc(places, capplaces * sizeof *places);
    }
    places[nplaces] = (place){xstrdup(key), xstrdup(id), xstrdup(name),
                              xstrdup(country), pop, kind};
    smap_put(&place_keys, key, (int)nplaces);
    return (int)nplaces++;
}

/* ---- names ------------------------------------------------------------- */

typedef struct entry {
    char *fold;
    int place;
    unsigned stop_elsewhere : 1; /* a stop word of some other language */
    unsigned common : 1;         /* a lower-case word of a dictionary */
    unsigned anycase : 1;        /* written lower case too (adjectives) */
    unsigned namelike : 1;       /* also a name of a dictionary */
    unsigned short_name : 1;     /* short name of a small place */
} entry;

static entry *entries;
static size_t nentries, capentries;
/* Names given to each place (by index), a measure of how widely it is
 * known: translators name the cities the world reads about. */
static uint32_t nnames_of[1 << 16];
static size_t ndropped_stop, ndropped_short, ndropped_common;
static size_t ndropped_shared; /* region names of several countries */
static size_t ndropped_uncased; /* small places in uncapitalised scripts */

static void u_to_utf8(const UChar *u, int32_t n, char *out, size_t cap);

/* The folded month and weekday names (wide) of the languages dates.c reads
 * ("Domingo" is Sunday before it is Santo Domingo). Not of every locale:
 * "China" is April in Shona. */
static const char *const date_langs[] = {
    "en", "de", "fr", "it", "es", "pt", "ru", "uk", "tr", "pl", "cs", "sk",
    "nl", "sv", "da", "fi", "et", "lv", "lt", "hu", "ro", "bg", "hr", "sl",
    "el", "ga", "mt", "ca", "no", "be", "kk", "sr"};

static char **date_words;
static size_t ndate_words;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_date_words(void)
{
    static const UDateFormatSymbolType types[] = {
        UDAT_MONTHS, UDAT_STANDALONE_MONTHS, UDAT_WEEKDAYS,
        UDAT_STANDALONE_WEEKDAYS};
    for (size_t l = 0; l < sizeof date_langs / sizeof date_langs[0]; l++) {
        UErrorCode err = U_ZERO_ERROR;
        UDateFormat *df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, date_langs[l],
                                    NULL, 0, NULL, 0, &err);
        if (U_FAILURE(err))
            continue;
        for (size_t t = 0; t < 4; t++) {
            int32_t n = udat_countSymbols(df, types[t]);
            for (int32_t i = 0; i < n; i++) {
                UChar u[128];
                char s[512], f[512];
                err = U_ZERO_ERROR;
                int32_t len = udat_getSymbols(df, types[t], i, u, 128, &err);
                if (U_FAILURE(err) || len <= 0 || len >= 128)
                    continue;
                u_to_utf8(u, len, s, sizeof s);
                size_t k = td__place_fold_str(s, strlen(s), f, sizeof f);
                if (k == (size_t)-1 || k == 0)
                    continue;
                date_words = xrealloc(date_words,
                                      (ndate_words + 1) * sizeof *date_words);
                date_words[ndate_words++] = xstrdup(f);
            }
        }
        udat_close(df);
    }
    qsort(date_words, ndate_words, sizeof *date_words, cmp_str);
}

static int is_date_word(const char *fold)
{
    return bsearch(&fold, date_words, ndate_words, sizeof *date_words,
                   cmp_str) != NULL;
}

/* NFKC_Casefold of s (the form the stop-word tables use) into out. */
static int casefold(const char *s, char *out, size_t cap)
{
    UChar u[512], v[1024];
    int32_t n = 0, m = 0, k = 0;
    UErrorCode err = U_ZERO_ERROR;
    u_strFromUTF8(u, 512, &n, s, -1, &err);
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&err);
    m = unorm2_normalize(nf, u, n, v, 1024, &err);
    u_strToUTF8(out, (int32_t)cap, &k, v, m, &err);
    if (U_FAILURE(err) || (size_t)k >= cap)
        return -1;
    out[k] = '\0';
    return 0;
}

/* Whether a one-word name is a stop word of lang or English (dropped), or
 * 2 when it is one of another language only: "sin", "sul", "того" name
 * China, Seoul and Togo in a few locales and are far more often words,
 * but stopwords-iso also lists "Mali", "Oman" and "Москва", so those are
 * only dropped when short and rare (see main). */
static int is_stop(const char *lang, const char *name, const char *fold)
{
    char cf[1024];
    if (casefold(name, cf, sizeof cf) != 0)
        return 0;
    char key[8];
    const char *own[2] = {lang, "en"};
    for (int i = 0; i < 2; i++) {
        if (!td__text_lang_key(own[i], key))
            continue;
        const td__stoplist *l = td__stoplist_find(key);
        if (td__stoplist_has(l, cf, strlen(cf)) ||
            td__stoplist_has(l, fold, strlen(fold)))
            return 1;
    }
    for (size_t i = 0; i < td__stoplists_n; i++) {
        const td__stoplist *l = &td__stoplists[i];
        if (td__stoplist_has(l, cf, strlen(cf)) ||
            td__stoplist_has(l, fold, strlen(fold)))
            return 2;
    }
    return 0;
}

/* ---- common words: the lower-case words of Hunspell dictionaries ------- */

static const char *const dicts[] = {
    "hunspell-en-us/usr/share/hunspell/en_US",
    "hunspell-de-de/usr/share/hunspell/de_DE",
    "hunspell-fr-classical/usr/share/hunspell/fr",
    "hunspell-it/usr/share/hunspell/it_IT",
    "hunspell-es/usr/share/hunspell/es_ES",
    "hunspell-pt-pt/usr/share/hunspell/pt_PT",
    "hunspell-nl/usr/share/hunspell/nl",
    "hunspell-sv/usr/share/hunspell/sv_SE",
    "hunspell-pl/usr/share/hunspell/pl_PL",
    "hunspell-tr/usr/share/hunspell/tr_TR",
    "hunspell-ru/usr/share/hunspell/ru_RU",
    "hunspell-uk/usr/share/hunspell/uk_UA",
    NULL};

/* Dictionaries of scripts without case: names and words alike, so a
 * small place named like any entry is a word there ("قصر" palace). */
static const char *const uncased_dicts[] = {
    "hunspell-ar/usr/share/hunspell/ar", "myspell-fa/usr/share/hunspell/fa_IR",
    "hunspell-hi/usr/share/hunspell/hi_IN",
    "hunspell-he/usr/share/hunspell/he_IL",
    "hunspell-th/usr/share/hunspell/th_TH", NULL};
static char **uncased_words;
static size_t nuncased_words, capuncased;

static char **common_words;
static size_t ncommon_words, capcommon;
/* Each dictionary's own words (sorted), to ask one language. */
static const char *const dict_langs[] = {"en", "de", "fr", "it", "es", "pt",
                                         "nl", "sv", "pl", "tr", "ru", "uk"};
#define NDICTS (sizeof dict_langs / sizeof dict_langs[0])
static char **dict_words[NDICTS];
static size_t dict_nwords[NDICTS];
static char **proper_words; /* capitalised entries: names of any kind */
static size_t nproper_words, capproper;

/* What a dictionary's .aff says about reading its .dic: the charset, how
 * flags are written, and the flags of entries that are not words of their
 * own (compound parts such as German "weimar/ozm", forbidden forms). */
typedef struct aff_info {
    char charset[64];
    char flagtype[16]; /* "", "long", "num", "UTF-8" */
    char skip[2][16];  /* ONLYINCOMPOUND, FORBIDDENWORD */
} aff_info;

static void aff_value(const char *line, char *out, size_t cap)
{
    const char *s = strchr(line, ' ');
    if (!s)
        return;
    while (*s == ' ')
        s++;
    size_t k = strcspn(s, " \t\r\n");
    if (k >= cap)
        k = cap - 1;
    memcpy(out, s, k);
    out[k] = '\0';
}

static void aff_read(const char *path, aff_info *a)
{
    memset(a, 0, sizeof *a);
    snprintf(a->charset, sizeof a->charset, "UTF-8");
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    /* Not NEEDAFFIX: French marks most stems so, whose singular comes
     * from an empty affix ("réunion/S.()"). */
    static const char *const skip_keys[2] = {"ONLYINCOMPOUND ",
                                             "FORBIDDENWORD "};
    char line[256];
    while (fgets(line, sizeof line, f)) {
        for (char *c = line; *c; c++)
            if (*c == '\t') /* "FLAG\tlong" (hunspell-ar) */
                *c = ' ';
        if (strncmp(line, "SET ", 4) == 0)
            aff_value(line, a->charset, sizeof a->charset);
        else if (strncmp(line, "FLAG ", 5) == 0)
            aff_value(line, a->flagtype, sizeof a->flagtype);
        for (int k = 0; k < 2; k++)
            if (strncmp(line, skip_keys[k], strlen(skip_keys[k])) == 0)
                aff_value(line, a->skip[k], sizeof a->skip[k]);
    }
    fclose(f);
}

/* Whether the flag string flags (UTF-8) holds flag, flags being written
 * as the .aff's FLAG says. */
static int has_flag(const char *flags, const char *flag, const char *type)
{
    size_t fl = strlen(flag);
    if (!fl)
        return 0;
    if (strcmp(type, "num") == 0) {
        for (const char *p = flags; *p;) {
            size_t k = strcspn(p, ",");
            if (k == fl && memcmp(p, flag, k) == 0)
                return 1;
            p += k + (p[k] == ',');
        }
        return 0;
    }
    size_t unit = strcmp(type, "long") == 0 ? 2 : 0;
    for (const char *p = flags; *p;) {
        size_t k = unit;
        if (!k) { /* one character (a byte, or a UTF-8 sequence) */
            k = 1;
            while (p[k] && ((unsigned char)p[k] & 0xC0) == 0x80)
                k++;
        }
        if (strlen(p) < k)
            break;
        if (k == fl && memcmp(p, flag, k) == 0)
            return 1;
        p += k;
    }
    return 0;
}

/* Reads the .dic beside base.aff: every entry that starts lower case and
 * is a word of its own is a common word of the language. A missing
 * dictionary is an error: the filter would silently weaken. */
static void load_dict(const char *srcdir, const char *base, int uncased)
{
    char path[1024];
    aff_info aff;
    snprintf(path, sizeof path, "%s/%s.aff", srcdir, base);
    aff_read(path, &aff);
    snprintf(path, sizeof path, "%s/%s.dic", srcdir, base);
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open dictionary (run tools/fetch-places.sh)", path);
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(aff.charset, &err);
    if (U_FAILURE(err))
        die("unknown dictionary charset", aff.charset);
    char raw[1024];
    int first = 1;
    size_t n = 0, start = ncommon_words;
    while (fgets(raw, sizeof raw, f)) {
        if (first) { /* the entry count */
            first = 0;
            continue;
        }
        UChar u[1024];
        char line[2048];
        err = U_ZERO_ERROR;
        int32_t k = ucnv_toUChars(cv, u, 1024, raw, -1, &err);
        if (U_FAILURE(err) || k <= 0)
            continue;
        u_to_utf8(u, k, line, sizeof line);
        line[strcspn(line, " \t\r\n")] = '\0';
        char *slash = strchr(line, '/');
        const char *flags = "";
        if (slash) {
            *slash = '\0';
            flags = slash + 1;
        }
        int skip = 0;
        for (int j = 0; j < 2; j++)
            skip |= has_flag(flags, aff.skip[j], aff.flagtype);
        if (!*line || skip)
            continue;
        UChar32 c;
        int32_t i = 0, m = (int32_t)strlen(line);
        U8_NEXT(line, i, m, c);
        char fold[1024];
        size_t fl = td__place_fold_str(line, strlen(line), fold, sizeof fold);
        if (c < 0 || fl == (size_t)-1 || fl == 0)
            continue;
        if (uncased) {
            if (nuncased_words == capuncased) {
                capuncased = capuncased ? capuncased * 2 : 1 << 18;
                uncased_words = xrealloc(uncased_words,
                                         capuncased * sizeof *uncased_words);
            }
            uncased_words[nuncased_words++] = xstrdup(fold);
            n++;
            continue;
        }
        if (u_isupper(c) || u_istitle(c)) {
            /* A name of the dictionary: given names and surnames are
             * among them ("David", "Marion", "Владимир"). */
            if (nproper_words == capproper) {
                capproper = capproper ? capproper * 2 : 1 << 18;
                proper_words =
                    xrealloc(proper_words, capproper * sizeof *proper_words);
            }
            proper_words[nproper_words++] = xstrdup(fold);
            continue;
        }
        if (!u_islower(c))
            continue;
        if (ncommon_words == capcommon) {
            capcommon = capcommon ? capcommon * 2 : 1 << 20;
            common_words =
                xrealloc(common_words, capcommon * sizeof *common_words);
        }
        common_words[ncommon_words++] = xstrdup(fold);
        n++;
    }
    ucnv_close(cv);
    fclose(f);
    if (uncased) {
        fprintf(stderr, "gen_places: %s: %zu words\n", base, n);
        return;
    }
    /* Once per dictionary, so that the count of a word across them says
     * in how many languages it is a word. */
    qsort(common_words + start, ncommon_words - start, sizeof *common_words,
          cmp_str);
    size_t o = start;
    for (size_t i = start; i < ncommon_words; i++) {
        if (o > start && strcmp(common_words[o - 1], common_words[i]) == 0) {
            free(common_words[i]);
            continue;
        }
        common_words[o++] = common_words[i];
    }
    ncommon_words = o;
    fprintf(stderr, "gen_places: %s: %zu lower-case words\n", base,
            o - start);
    (void)n;
}

static void load_dicts(const char *srcdir)
{
    for (size_t i = 0; dicts[i]; i++) {
        size_t start = ncommon_words;
        load_dict(srcdir, dicts[i], 0);
        if (i < NDICTS) {
            dict_nwords[i] = ncommon_words - start;
            dict_words[i] = malloc(dict_nwords[i] * sizeof *dict_words[i]);
            if (!dict_words[i])
                die("out of memory", "dictionary");
            memcpy(dict_words[i], common_words + start,
                   dict_nwords[i] * sizeof *dict_words[i]);
        }
    }
    for (size_t i = 0; uncased_dicts[i]; i++)
        load_dict(srcdir, uncased_dicts[i], 1);
    qsort(common_words, ncommon_words, sizeof *common_words, cmp_str);
    qsort(proper_words, nproper_words, sizeof *proper_words, cmp_str);
    qsort(uncased_words, nuncased_words, sizeof *uncased_words, cmp_str);
}

/* Whether fold is a word of a dictionary of a script without case, with
 * or without the Arabic article ("القصر" = the palace). */
static int is_uncased_word(const char *fold)
{
    if (bsearch(&fold, uncased_words, nuncased_words, sizeof *uncased_words,
                cmp_str))
        return 1;
    static const char al[] = "\xd8\xa7\xd9\x84"; /* alef lam */
    if (strncmp(fold, al, 4) == 0 && strlen(fold) > 6) {
        const char *rest = fold + 4;
        return bsearch(&rest, uncased_words, nuncased_words,
                       sizeof *uncased_words, cmp_str) != NULL;
    }
    return 0;
}

/* Whether fold is a capitalised entry of a dictionary: a city named so
 * may be a person's name too ("Vladimir Putin", "Paris Hilton"). */
static int is_proper_word(const char *fold)
{
    return bsearch(&fold, proper_words, nproper_words, sizeof *proper_words,
                   cmp_str) != NULL;
}

/* Whether fold is a lower-case word of lang's own dictionary. */
static int is_common_in(const char *lang, const char *fold)
{
    for (size_t i = 0; i < NDICTS; i++)
        if (strcmp(dict_langs[i], lang) == 0)
            return bsearch(&fold, dict_words[i], dict_nwords[i],
                           sizeof *dict_words[i], cmp_str) != NULL;
    return 0;
}

/* In how many of the dictionaries fold is a lower-case word. */
static int is_common_word(const char *fold)
{
    char *const *hit = bsearch(&fold, common_words, ncommon_words,
                               sizeof *common_words, cmp_str);
    if (!hit)
        return 0;
    size_t at = (size_t)(hit - common_words), lo = at, hi = at + 1;
    while (lo > 0 && strcmp(common_words[lo - 1], fold) == 0)
        lo--;
    while (hi < ncommon_words && strcmp(common_words[hi], fold) == 0)
        hi++;
    return (int)(hi - lo);
}

/* The likely language of country cc ("fr" for RE), from ICU's likely
 * subtags. */
static const char *country_lang_of(const char *cc)
{
    static char out[16];
    char und[16], ul[64];
    UErrorCode e = U_ZERO_ERROR;
    snprintf(und, sizeof und, "und_%s", cc);
    uloc_addLikelySubtags(und, ul, sizeof ul, &e);
    uloc_getLanguage(ul, out, sizeof out, &e);
    if (U_FAILURE(e))
        out[0] = '\0';
    return out;
}

/* For a name of several words, 2 when every word of it is a common word
 * ("Casa Santa", "Mobile Bay"): such a small place is dropped as a word
 * is; else 0. */
static int all_words_common(const char *fold)
{
    char w[1024];
    const char *p = fold;
    while (*p) {
        size_t k = strcspn(p, " ");
        if (k >= sizeof w)
            return 0;
        memcpy(w, p, k);
        w[k] = '\0';
        if (!is_common_word(w))
            return 0;
        p += k;
        while (*p == ' ')
            p++;
    }
    return 2;
}

/* Adds name (UTF-8) of place p, written in language lang; anycase: the
 * name is also written lower case (an adjective outside English). */
static void name_add_as(const char *name, int p, const char *lang,
                        int anycase)
{
    char fold[1024];
    size_t n = td__place_fold_str(name, strlen(name), fold, sizeof fold);
    if (n == (size_t)-1 || n == 0)
        return;
    /* Count code points; judge the script by the first letter. */
    size_t cps = 0, i = 0;
    UChar32 first = -1;
    while (i < n) {
        UChar32 c;
        U8_NEXT(fold, i, n, c);
        cps++;
        if (first < 0 && td__place_is_word((uint32_t)c))
            first = c;
    }
    if (first < 0 || cps < 2) {
        ndropped_short++;
        return;
    }
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(first, &err);
    int cased = sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC ||
                sc == USCRIPT_GREEK || first < 0x80;
    if (cps < 3 && cased) {
        ndropped_short++;
        return;
    }
    const place *pl = &places[p];
    int one_word = !strchr(fold, ' ');
    int small = pl->kind == TD__PLACE_CITY || pl->kind == TD__PLACE_REGION;
    /* Four letters or fewer: a word ("Bra", "Sale") or initials; a small
     * place keeps such a name only when no dictionary has it as a word,
     * and the matcher refuses it in capitals ("REN", "OSA"). */
    int short_name = small && cased && one_word && cps <= 4;
    if (short_name && pl->pop < SHORT_CITY_MIN &&
        (is_common_word(fold) || is_stop(lang, name, fold))) {
        ndropped_short++;
        return;
    }
    if (small && td__place_is_unspaced((uint32_t)first) && cps <= 2 &&
        pl->pop < (pl->kind == TD__PLACE_REGION ? COMMON_FREE_CITY
                                                : UNSPACED_SHORT_MIN)) {
        ndropped_short++; /* two Han characters are words everywhere */
        return;
    }
    /* Scripts that do not capitalise names (Arabic, Hebrew, Indic, Hangul,
     * kana, Georgian...) give no sign of a name in the text, and their
     * dictionaries list names and words alike: small places' names there
     * are more often words ("خبر" news, "نادي" club, "بن" son of). */
    int capitalises = cased || sc == USCRIPT_ARMENIAN;
    if (small && !capitalises &&
        ((cps <= 3 && pl->pop < UNSPACED_SHORT_MIN) ||
         (cps <= 4 && pl->pop < COMMON_CITY_MIN) ||
         (one_word && pl->pop < UNSPACED_SHORT_MIN && is_uncased_word(fold)) ||
         (cps <= 2 && !td__place_is_unspaced((uint32_t)first) &&
          pl->pop < COMMON_FREE_CITY))) {
        ndropped_uncased++;
        return;
    }
    int stop = one_word ? is_stop(lang, name, fold) : 0;
    if (stop == 1 || (one_word && is_date_word(fold))) {
        ndropped_stop++;
        return;
    }
    int common = 0, ndicts = 0;
    if (pl->kind != TD__PLACE_DEMONYM && cased &&
        (ndicts = one_word ? is_common_word(fold) : all_words_common(fold)) >
            0) {
        /* A region named by a word ("Central", "Littoral", "Plateau") is
         * named so in many countries; a city of 100,000 is news. */
        if ((pl->kind == TD__PLACE_REGION && one_word) ||
            (small && pl->pop < COMMON_CITY_MIN)) {
            ndropped_common++; /* "Police", "Split" of 30,000 people */
            if (getenv("GEN_PLACES_VERBOSE"))
                fprintf(stderr, "common word %s: %s (%s)\n", lang, name,
                        pl->id);
            return;
        }
        /* A country's name is a word only in the country's own
         * language ("réunion", a meeting, in French; not "nepal", which
         * the Italian list happens to hold in lower case). */
        if (pl->kind == TD__PLACE_COUNTRY)
            common = pl->pop < COMMON_FREE_COUNTRY &&
                     is_common_in(country_lang_of(pl->country), fold);
        else
            common = !(pl->kind == TD__PLACE_CITY &&
                       pl->pop >= COMMON_FREE_CITY);
    }
    if (nentries == capentries) {
        capentries = capentries ? capentries * 2 : 65536;
        entries = xrealloc(entries, capentries * sizeof *entries);
    }
    nnames_of[p]++;
    int namelike = small && one_word && capitalises &&
                   pl->pop < COMMON_FREE_CITY && is_proper_word(fold);
    entries[nentries++] =
        (entry){xstrdup(fold), p, stop == 2, (unsigned)common,
                (unsigned)(anycase != 0), (unsigned)namelike,
                (unsigned)(short_name &&
                           (cps <= 3 || pl->pop < SHORT_CITY_MIN))};
}

static void name_add(const char *name, int p, const char *lang)
{
    name_add_as(name, p, lang, 0);
}

/* Adds name without its bracketed parts too: "Guyane (française)",
 * "Wales [Cymru GB-CYM]". */
static void name_add_plain(const char *name, int p, const char *lang)
{
    name_add(name, p, lang);
    char s[1024];
    size_t o = 0;
    int depth = 0;
    for (const char *c = name; *c && o + 1 < sizeof s; c++) {
        if (*c == '(' || *c == '[')
            depth++;
        else if ((*c == ')' || *c == ']') && depth > 0)
            depth--;
        else if (!depth)
            s[o++] = *c;
    }
    s[o] = '\0';
    if (strcmp(s, name) != 0)
        name_add(s, p, lang);
}

static void u_to_utf8(const UChar *u, int32_t n, char *out, size_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t k = 0;
    u_strToUTF8(out, (int32_t)cap, &k, u, n, &err);
    if (U_FAILURE(err) || (size_t)k >= cap)
        k = 0;
    out[k] = '\0';
}

static const char *const *iso;
static size_t niso;
static int country_place[1024]; /* by index in iso */

static int iso_index(const char *code, size_t n)
{
    for (size_t i = 0; i < niso; i++)
        if (strlen(iso[i]) == n && memcmp(iso[i], code, n) == 0)
            return (int)i;
    return -1;
}

/* The countries and territories of ISO 3166-1, named in English. */
static void icu_countries_places(void)
{
    iso = uloc_getISOCountries();
    for (niso = 0; iso[niso]; niso++)
        ;
    for (size_t i = 0; i < niso; i++) {
        char loc[8], name[256];
        UChar u[256];
        UErrorCode err = U_ZERO_ERROR;
        snprintf(loc, sizeof loc, "_%s", iso[i]);
        int32_t n = uloc_getDisplayCountry(loc, "en", u, 256, &err);
        u_to_utf8(u, U_SUCCESS(err) ? n : 0, name, sizeof name);
        country_place[i] = place_add(iso[i], iso[i], *name ? name : iso[i],
                                     iso[i], 0, TD__PLACE_COUNTRY);
    }
}

/* Their names in every locale (after their populations are known). */
static void icu_countries(void)
{
    int32_t nloc = uloc_countAvailable();
    for (int32_t l = -1; l < nloc; l++) {
        const char *loc = l < 0 ? "root" : uloc_getAvailable(l);
        char lang[16] = "";
        UErrorCode err = U_ZERO_ERROR;
        uloc_getLanguage(loc, lang, sizeof lang, &err);
        UResourceBundle *rb = ures_open(REGION_TREE, loc, &err);
        UResourceBundle *t = ures_getByKey(rb, "Countries", NULL, &err);
        while (U_SUCCESS(err) && ures_hasNext(t)) {
            const char *key = NULL;
            int32_t n = 0;
            const UChar *s = ures_getNextString(t, &n, &key, &err);
            if (U_FAILURE(err) || !key)
                break;
            size_t klen = strcspn(key, "%");
            int c = iso_index(key, klen);
            if (c < 0 || (key[klen] && strcmp(key + klen, "%short") &&
                          strcmp(key + klen, "%variant")))
                continue;
            char name[512];
            u_to_utf8(s, n, name, sizeof name);
            name_add(name, country_place[c], lang);
        }
        ures_close(t);
        ures_close(rb);
    }
}


/* ---- gettext .mo catalogues -------------------------------------------- */

typedef struct mo {
    unsigned char *p;
    size_t len;
    uint32_t n, orig, trans;
    int swap;
} mo;

static uint32_t mo_u32(const mo *m, size_t at)
{
    if (at + 4 > m->len)
        return 0;
    const unsigned char *b = m->p + at;
    return m->swap ? (uint32_t)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
                   : (uint32_t)b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0];
}

static int mo_open(const char *path, mo *m)
{
    memset(m, 0, sizeof *m);
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    m->p = malloc((size_t)n + 1);
    if (!m->p || n < 20 || fread(m->p, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(m->p);
        return -1;
    }
    fclose(f);
    m->len = (size_t)n;
    uint32_t magic = mo_u32(m, 0);
    if (magic == 0xde120495)
        m->swap = 1;
    else if (magic != 0x950412de) {
        free(m->p);
        return -1;
    }
    m->n = mo_u32(m, 8);
    m->orig = mo_u32(m, 12);
    m->trans = mo_u32(m, 16);
    return 0;
}

/* String i of table at (orig or trans), or NULL when out of bounds. */
static const char *mo_str(const mo *m, uint32_t table, uint32_t i)
{
    uint32_t len = mo_u32(m, table + 8 * (size_t)i);
    uint32_t off = mo_u32(m, table + 8 * (size_t)i + 4);
    if ((size_t)off + len >= m->len || m->p[off + len] != '\0')
        return NULL;
    return (const char *)m->p + off;
}

/* The translation of msgid, or NULL (binary search: msgids are sorted). */
static const char *mo_find(const mo *m, const char *msgid)
{
    uint32_t lo = 0, hi = m->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *s = mo_str(m, m->orig, mid);
        if (!s)
            return NULL;
        int c = strcmp(s, msgid);
        if (c == 0) {
            const char *t = mo_str(m, m->trans, mid);
            return t && *t ? t : NULL;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Calls fn(lang, catalogue) for every locale/LC_MESSAGES/domain.mo. */
static void each_mo(const char *localedir, const char *domain,
                    void (*fn)(const char *, const mo *, void *), void *arg)
{
    DIR *d = opendir(localedir);
    if (!d)
        die("cannot open locale folder", localedir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", localedir,
                 de->d_name, domain);
        mo m;
        if (mo_open(path, &m) != 0)
            continue;
        fn(de->d_name, &m, arg);
        free(m.p);
    }
    closedir(d);
}

/* ---- GeoNames: the cities of libgeonames0, names from geonames.mo ------ */

typedef struct gn_city {
    char gid[16], cc[4], admin1[128];
    int place;
} gn_city;
static gn_city *gn;
static size_t ngn;
static smap gn_by_id;   /* geonameid -> index in gn */
static smap city_by_cc; /* "CC|fold" -> place of the most populous city */

static void city_key(const char *cc, const char *name, char *out, size_t cap)
{
    char fold[512];
    size_t n = td__place_fold_str(name, strlen(name), fold, sizeof fold);
    if (n == (size_t)-1)
        fold[0] = '\0';
    snprintf(out, cap, "%s|%s", cc, fold);
}

static void city_index(const char *cc, const char *name, int p)
{
    char key[600];
    city_key(cc, name, key, sizeof key);
    int q = smap_get(&city_by_cc, key);
    if (q < 0 || places[q].pop < places[p].pop)
        smap_put(&city_by_cc, key, p);
}

/* The city named name in country cc, or a new one (population unknown:
 * 0) when GeoNames has none of that name. */
static int city_join(const char *cc, const char *name)
{
    char key[600];
    city_key(cc, name, key, sizeof key);
    int p = smap_get(&city_by_cc, key);
    if (p >= 0)
        return p;
    char pid[320];
    snprintf(pid, sizeof pid, "%s/%s", cc, name);
    p = place_add(pid, pid, name, cc, 0, TD__PLACE_CITY);
    city_index(cc, name, p);
    return p;
}

/* GLib's GVariant accessors, found in the library the cities come with;
 * no GLib headers needed: the generator only reads strings and numbers. */
typedef void *(*child_fn)(void *, size_t);
typedef const char *(*string_fn)(void *, size_t *);
typedef uint32_t (*u32_fn)(void *);
typedef void (*unref_fn)(void *);

static void *sym(void *h, const char *name)
{
    void *p = dlsym(h, name);
    if (!p)
        die("missing symbol", name);
    return p;
}



static void geonames(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/libgeonames.so", srcdir);
    void *h = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
    if (!h)
        die("cannot load (run tools/fetch-places.sh)", dlerror());
    void *g = dlopen("libglib-2.0.so.0", RTLD_NOW);
    if (!g)
        die("cannot load GLib", dlerror());
    int (*n_cities)(void) = (int (*)(void))sym(h, "geonames_get_n_cities");
    void *(*get_city)(int) = (void *(*)(int))sym(h, "geonames_get_city");
    child_fn child = (child_fn)sym(g, "g_variant_get_child_value");
    string_fn str = (string_fn)sym(g, "g_variant_get_string");
    u32_fn u32 = (u32_fn)sym(g, "g_variant_get_uint32");
    unref_fn unref = (unref_fn)sym(g, "g_variant_unref");
    int n = n_cities();
    gn = calloc((size_t)n, sizeof *gn);
    if (!gn)
        die("out of memory", "cities");
    /* English names from the en catalogue where GeoNames keeps the local
     * one ("Kyiv", "Munich"). */
    mo en;
    snprintf(path, sizeof path,
             "%s/libgeonames-common/usr/share/locale/en/LC_MESSAGES/"
             "geonames.mo",
             srcdir);
    int have_en = mo_open(path, &en) == 0;
    for (int i = 0; i < n; i++) {
        void *v = get_city(i);
        /* (sssssssudd): id, name, admin1 code, admin1 name, country code,
         * country name, time zone, population, latitude, longitude */
        const char *f[5];
        void *c[5];
        static const size_t at[5] = {0, 1, 3, 4, 6};
        for (int k = 0; k < 5; k++) {
            c[k] = child(v, at[k]);
            f[k] = str(c[k], NULL);
        }
        void *pv = child(v, 7);
        uint32_t pop = u32(pv);
        unref(pv);
        gn_city *x = &gn[ngn];
        snprintf(x->gid, sizeof x->gid, "%s", f[0]);
        snprintf(x->cc, sizeof x->cc, "%s", f[3]);
        snprintf(x->admin1, sizeof x->admin1, "%s", f[2]);
        const char *name = f[1];
        const char *t = have_en ? mo_find(&en, x->gid) : NULL;
        if (t)
            name = t;
        char pid[320];
        snprintf(pid, sizeof pid, "%s/%s", x->cc, name);
        if (place_find(pid) >= 0) /* Springfield, Springfield */
            snprintf(pid, sizeof pid, "%s/%s (%s)", x->cc, name, x->gid);
        x->place = place_add(pid, pid, name, x->cc, pop, TD__PLACE_CITY);
        city_index(x->cc, name, x->place);
        city_index(x->cc, f[1], x->place);
        name_add(name, x->place, "en");
        if (strcmp(name, f[1]) != 0)
            name_add(f[1], x->place, "en");
        smap_put(&gn_by_id, x->gid, (int)ngn);
        ngn++;
        for (int k = 0; k < 5; k++)
            unref(c[k]);
        unref(v);
    }
    if (have_en)
        free(en.p);
    /* A country's people: those of its cities (CLDR's figures are not in
     * ICU's public API); used only to weigh ambiguity. */
    for (size_t i = 0; i < ngn; i++) {
        int c = place_find(gn[i].cc);
        if (c >= 0)
            places[c].pop += places[gn[i].place].pop;
    }
}

static size_t gn_translations;

static void gn_mo(const char *lang, const mo *m, void *arg)
{
    (void)arg;
    char l[16];
    snprintf(l, sizeof l, "%s", lang);
    l[strcspn(l, "_@")] = '\0';
    for (uint32_t i = 0; i < m->n; i++) {
        const char *id = mo_str(m, m->orig, i);
        const char *t = mo_str(m, m->trans, i);
        if (!id || !t || !*t)
            continue;
        int k = smap_get(&gn_by_id, id);
        if (k < 0)
            continue;
        name_add(t, gn[k].place, l);
        gn_translations++;
    }
}

static void geonames_names(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/libgeonames-common/usr/share/locale",
             srcdir);
    each_mo(path, "geonames", gn_mo, NULL);
}

/* ---- ICU: exemplar cities of time zones -------------------------------- */

typedef struct zone {
    char id[64], key[64];
    int place;
} zone;
static zone *zones;
static size_t nzones;

static int skipped_zone(const char *id)
{
    for (size_t i = 0; skip_zones[i]; i++)
        if (strcmp(skip_zones[i], id) == 0)
            return 1;
    return 0;
}

/* The exemplar city of zone key ("Europe:Moscow") in bundle zs, or "". */
static void exemplar(UResourceBundle *zs, const char *key, char *out,
                     size_t cap)
{
    UErrorCode err = U_ZERO_ERROR;
    UResourceBundle *z = ures_getByKey(zs, key, NULL, &err);
    int32_t n = 0;
    const UChar *s = ures_getStringByKey(z, "ec", &n, &err);
    if (U_FAILURE(err))
        n = 0;
    u_to_utf8(s, n, out, cap);
    ures_close(z);
}

static void icu_cities(void)
{
    UErrorCode err = U_ZERO_ERROR;
    UResourceBundle *en = ures_open(ZONE_TREE, "en", &err);
    UResourceBundle *enzs = ures_getByKey(en, "zoneStrings", NULL, &err);
    if (U_FAILURE(err))
        die("ICU zone data", u_errorName(err));
    for (size_t i = 0; i < niso; i++) {
        if (strcmp(iso[i], "AQ") == 0)
            continue; /* research stations, not cities */
        err = U_ZERO_ERROR;
        UEnumeration *e = ucal_openTimeZoneIDEnumeration(
            UCAL_ZONE_TYPE_CANONICAL_LOCATION, iso[i], NULL, &err);
        const char *id;
        while (U_SUCCESS(err) && (id = uenum_next(e, NULL, &err)) != NULL) {
            if (skipped_zone(id) || strlen(id) >= 64)
                continue;
            zone z;
            snprintf(z.id, sizeof z.id, "%s", id);
            snprintf(z.key, sizeof z.key, "%s", id);
            for (char *p = z.key; *p; p++)
                if (*p == '/')
                    *p = ':';
            char name[256];
            exemplar(enzs, z.key, name, sizeof name);
            if (!*name) { /* CLDR derives it from the ID */
                const char *last = strrchr(id, '/');
                snprintf(name, sizeof name, "%s", last ? last + 1 : id);
                for (char *p = name; *p; p++)
                    if (*p == '_')
                        *p = ' ';
            }
            z.place = city_join(iso[i], name);
            name_add(name, z.place, "en");
            zones = xrealloc(zones, (nzones + 1) * sizeof *zones);
            zones[nzones++] = z;
        }
        uenum_close(e);
    }
    ures_close(enzs);
    ures_close(en);
    int32_t nloc = uloc_countAvailable();
    for (int32_t l = 0; l < nloc; l++) {
        const char *loc = uloc_getAvailable(l);
        char lang[16] = "";
        err = U_ZERO_ERROR;
        uloc_getLanguage(loc, lang, sizeof lang, &err);
        UResourceBundle *rb = ures_open(ZONE_TREE, loc, &err);
        UResourceBundle *zs = ures_getByKey(rb, "zoneStrings", NULL, &err);
        for (size_t z = 0; U_SUCCESS(err) && z < nzones; z++) {
            char name[256];
            exemplar(zs, zones[z].key, name, sizeof name);
            if (*name)
                name_add(name, zones[z].place, lang);
        }
        ures_close(zs);
        ures_close(rb);
    }
}

/* ---- iso-codes ---------------------------------------------------------- */

typedef struct iso_name {
    const char *msgid;
    int place;
} iso_name;
typedef struct iso_names {
    iso_name *v;
    size_t n;
} iso_names;

static void iso_mo(const char *lang, const mo *m, void *arg)
{
    iso_names *names = arg;
    for (size_t i = 0; i < names->n; i++) {
        const char *t = mo_find(m, names->v[i].msgid);
        if (t)
            name_add(t, names->v[i].place, lang);
    }
}

static void iso_codes(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path,
             "%s/iso-codes/usr/share/iso-codes/json/iso_3166-1.json", srcdir);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        die(path, jerr.text);
    json_t *list = json_object_get(root, "3166-1");
    iso_names names = {NULL, 0};
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c)
    {
        const char *code = json_string_value(json_object_get(c, "alpha_2"));
        int k = code ? iso_index(code, strlen(code)) : -1;
        if (k < 0)
            continue;
        static const char *const fields[] = {"name", "official_name",
                                             "common_name"};
        for (size_t f = 0; f < 3; f++) {
            const char *s = json_string_value(json_object_get(c, fields[f]));
            if (!s)
                continue;
            names.v = xrealloc(names.v, (names.n + 1) * sizeof *names.v);
            names.v[names.n++] = (iso_name){s, country_place[k]};
            name_add(s, country_place[k], "en");
        }
    }
    snprintf(path, sizeof path, "%s/iso-codes/usr/share/locale", srcdir);
    each_mo(path, "iso_3166-1", iso_mo, &names);
    free(names.v);
    json_decref(root);
}

/* ---- iso-codes: first-level subdivisions (ISO 3166-2) ------------------ */

typedef struct region_name {
    int place;
    char *lang, *name;
} region_name;
static region_name *rnames;
static size_t nrnames;
static smap region_by_cc; /* "CC|fold" -> region place */
static size_t nregions;

static void rname_add(int p, const char *lang, const char *name)
{
    rnames = xrealloc(rnames, (nrnames + 1) * sizeof *rnames);
    rnames[nrnames++] = (region_name){p, xstrdup(lang), xstrdup(name)};
}

/* The folded last word of s, or "" when s is one word. */
static void last_word(const char *s, char *out, size_t cap)
{
    char fold[1024];
    size_t n = td__place_fold_str(s, strlen(s), fold, sizeof fold);
    const char *sp = n != (size_t)-1 ? strrchr(fold, ' ') : NULL;
    snprintf(out, cap, "%s", sp ? sp + 1 : "");
}

typedef struct type_words {
    smap count; /* "lang|word" -> how many names end with it */
} type_words;

/* Words that end at least MIN_TYPE_WORD region names of one language
 * ("oblast", "область", "Sheng", "Province", "Governorate") name the kind
 * of region, not the region: the name is also given without them
 * ("Anhui", "Донецкая"). Learned from the names themselves, not listed;
 * the threshold keeps "River" of "English River" a part of the name. */
#define MIN_TYPE_WORD 15
static void count_type_words(type_words *tw, const char *lang,
                             const char *name)
{
    char w[512], key[600];
    last_word(name, w, sizeof w);
    if (!*w)
        return;
    snprintf(key, sizeof key, "%s|%s", lang, w);
    int c = smap_get(&tw->count, key);
    smap_put(&tw->count, key, c < 0 ? 1 : c + 1);
}

/* name without a trailing type word of lang, in out; 0 when it has none
 * or too little would be left. */
static int strip_type_word(const type_words *tw, const char *lang,
                           const char *name, char *out, size_t cap)
{
    char w[512], key[600];
    last_word(name, w, sizeof w);
    if (!*w)
        return 0;
    snprintf(key, sizeof key, "%s|%s", lang, w);
    if (smap_get(&tw->count, key) < MIN_TYPE_WORD)
        return 0;
    /* Cut the last space-separated word of the written name. */
    snprintf(out, cap, "%s", name);
    char *sp = strrchr(out, ' ');
    if (!sp)
        return 0;
    *sp = '\0';
    size_t cps = 0;
    for (const char *c = out; *c; c++)
        cps += ((unsigned char)*c & 0xC0) != 0x80;
    return cps >= 4;
}

static void region_index(int p, const char *name)
{
    char key[600];
    city_key(places[p].country, name, key, sizeof key);
    if (smap_get(&region_by_cc, key) < 0)
        smap_put(&region_by_cc, key, p);
}

static void iso_regions_mo(const char *lang, const mo *m, void *arg)
{
    (void)arg;
    char l[16];
    snprintf(l, sizeof l, "%s", lang);
    l[strcspn(l, "_@")] = '\0';
    size_t n = nrnames;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rnames[i].lang, "iso") != 0)
            continue;
        const char *t = mo_find(m, rnames[i].name);
        if (t && strcmp(t, rnames[i].name) != 0)
            rname_add(rnames[i].place, l, t);
    }
}

static type_words region_types;

static void iso_regions(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path,
             "%s/iso-codes/usr/share/iso-codes/json/iso_3166-2.json", srcdir);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root)
        die(path, jerr.text);
    json_t *list = json_object_get(root, "3166-2");
    snprintf(path, sizeof path,
             "%s/iso-codes/usr/share/locale/en/LC_MESSAGES/iso_3166-2.mo",
             srcdir);
    mo en;
    int have_en = mo_open(path, &en) == 0;
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c)
    {
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!code || !name || json_object_get(c, "parent") ||
            strlen(code) < 4 || code[2] != '-')
            continue; /* only the first level */
        char cc[3] = {code[0], code[1], '\0'};
        if (iso_index(cc, 2) < 0)
            continue;
        const char *t = have_en ? mo_find(&en, name) : NULL;
        char display[512];
        snprintf(display, sizeof display, "%s", t ? t : name);
        char *br = strpbrk(display, "([");
        if (br && br > display) {
            *br = '\0';
            size_t k = strlen(display);
            while (k && display[k - 1] == ' ')
                display[--k] = '\0';
        }
        int p = place_add(code, code, display, cc, 0, TD__PLACE_REGION);
        nregions++;
        rname_add(p, "iso", name);
        if (t)
            rname_add(p, "en", t);
    }
    if (have_en)
        free(en.p);
    snprintf(path, sizeof path, "%s/iso-codes/usr/share/locale", srcdir);
    each_mo(path, "iso_3166-2", iso_regions_mo, NULL);
    for (size_t k = 0; k < nrnames; k++)
        count_type_words(&region_types, rnames[k].lang, rnames[k].name);
    for (size_t k = 0; k < nrnames; k++) {
        const region_name *r = &rnames[k];
        region_index(r->place, r->name);
        char s[1024];
        if (strip_type_word(&region_types, r->lang, r->name, s, sizeof s))
            region_index(r->place, s);
    }
    json_decref(root);
}

/* The regions' names, once their populations are known (they weigh the
 * short and common ones). */
/* The fold of s, or "" when it does not fold. */
static void fold_of(const char *s, char *out, size_t cap)
{
    if (td__place_fold_str(s, strlen(s), out, cap) == (size_t)-1)
        out[0] = '\0';
}

/* Records that fold names a region of country cc in shared; a fold that
 * names regions of two countries ("Central", "Western", "中央", "Nord")
 * is a word, not a region. */
static void note_region_fold(smap *shared, const char *fold, int country)
{
    int c = smap_get(shared, fold);
    if (c < 0)
        smap_put(shared, fold, country);
    else if (c != country)
        smap_put(shared, fold, -2);
}

/* A region that is a city (Moscow, Berlin, Baku; Xankəndi, which Armenian
 * and Russian call Stepanakert) is that city: its names go to the city,
 * lest one place be two entities. It is when a city of its name in its
 * country holds nine tenths of its people (New York State is not New
 * York), or when no city was joined to it to count them. */
static int *region_city;

static void regions_that_are_cities(void)
{
    region_city = malloc(nplaces * sizeof *region_city);
    if (!region_city)
        die("out of memory", "regions");
    for (size_t i = 0; i < nplaces; i++)
        region_city[i] = -1;
    for (size_t k = 0; k < nrnames; k++) {
        const region_name *r = &rnames[k];
        const place *reg = &places[r->place];
        if (region_city[r->place] >= 0)
            continue;
        char key[600];
        city_key(reg->country, r->name, key, sizeof key);
        int c = smap_get(&city_by_cc, key);
        if (c < 0 || places[c].kind != TD__PLACE_CITY)
            continue;
        if (reg->pop == 0 || (uint64_t)places[c].pop * 10 >= (uint64_t)reg->pop * 9)
            region_city[r->place] = c;
    }
    size_t n = 0;
    for (size_t i = 0; i < nplaces; i++)
        n += region_city[i] >= 0;
    fprintf(stderr, "gen_places: %zu regions are cities\n", n);
}

static void region_names(void)
{
    regions_that_are_cities();
    smap shared = {0};
    for (size_t k = 0; k < nrnames; k++) {
        const region_name *r = &rnames[k];
        int cc = iso_index(places[r->place].country, 2);
        char s[1024], f[1024];
        fold_of(r->name, f, sizeof f);
        note_region_fold(&shared, f, cc);
        if (strip_type_word(&region_types, r->lang, r->name, s, sizeof s)) {
            fold_of(s, f, sizeof f);
            note_region_fold(&shared, f, cc);
        }
    }
    for (size_t k = 0; k < nrnames; k++) {
        const region_name *r = &rnames[k];
        const char *lang = strcmp(r->lang, "iso") == 0 ? "en" : r->lang;
        int to = region_city[r->place] >= 0 ? region_city[r->place] : r->place;
        char s[1024], f[1024];
        fold_of(r->name, f, sizeof f);
        if (smap_get(&shared, f) != -2)
            name_add_plain(r->name, to, lang);
        else
            ndropped_shared++;
        if (!strip_type_word(&region_types, r->lang, r->name, s, sizeof s))
            continue;
        fold_of(s, f, sizeof f);
        /* What is left of "Central Region" may be a plain word. */
        if (smap_get(&shared, f) == -2 ||
            (!strchr(f, ' ') && is_common_word(f))) {
            ndropped_shared++;
            continue;
        }
        name_add_plain(s, to, lang);
    }
}

/* GeoNames' admin1 names of the cities ("Donetsk Oblast", "Bavaria",
 * "Guangdong") join the ISO region of the same name in the same country,
 * with or without their type word; the region's people are those of its
 * cities. */
static void geonames_regions(void)
{
    type_words tw = {{0}};
    for (size_t i = 0; i < ngn; i++)
        if (*gn[i].admin1)
            count_type_words(&tw, "gn", gn[i].admin1);
    size_t joined = 0;
    smap seen = {0};
    for (size_t i = 0; i < ngn; i++) {
        const char *a = gn[i].admin1;
        if (!*a)
            continue;
        char key[600], s[1024];
        city_key(gn[i].cc, a, key, sizeof key);
        int p = smap_get(&region_by_cc, key);
        int stripped = strip_type_word(&tw, "gn", a, s, sizeof s);
        if (p < 0 && stripped) {
            city_key(gn[i].cc, s, key, sizeof key);
            p = smap_get(&region_by_cc, key);
        }
        if (p < 0)
            continue;
        places[p].pop += places[gn[i].place].pop;
        city_key(gn[i].cc, a, key, sizeof key);
        if (smap_get(&seen, key) >= 0)
            continue;
        smap_put(&seen, key, 1);
        joined++;
        /* Named with the ISO names (region_names), so that the same
         * tests weigh them. */
        rname_add(p, "en", a);
        if (stripped)
            rname_add(p, "en", s);
    }
    fprintf(stderr, "gen_places: %zu GeoNames admin1 names joined regions\n",
            joined);
}

/* ---- libgweather --------------------------------------------------------- */

typedef struct gw_city {
    char *msgid; /* "ctxt\004name" or "name" */
    char *name;
    int capital, place, langs;
} gw_city;
typedef struct gw_cities {
    gw_city *v;
    size_t n;
    int add; /* 0: count translations, 1: add names */
} gw_cities;

/* Whether the comment inside a <city> calls it a capital. */
static int comment_says_capital(xmlNode *n)
{
    for (xmlNode *p = n->children; p; p = p->next)
        if (p->type == XML_COMMENT_NODE && p->content &&
            strstr((const char *)p->content, "The capital"))
            return 1;
    return 0;
}

static void gw_walk(xmlNode *n, const char *cc, gw_cities *out)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *tag = (const char *)n->name;
        if (strcmp(tag, "country") == 0) {
            char code[8] = "";
            for (xmlNode *k = n->children; k; k = k->next)
                if (k->type == XML_ELEMENT_NODE &&
                    strcmp((const char *)k->name, "iso-code") == 0) {
                    xmlChar *t = xmlNodeGetContent(k);
                    snprintf(code, sizeof code, "%s", (const char *)t);
                    xmlFree(t);
                }
            if (iso_index(code, strlen(code)) >= 0)
                gw_walk(n->children, code, out);
        } else if (strcmp(tag, "region") == 0 || strcmp(tag, "state") == 0) {
            gw_walk(n->children, cc, out);
        } else if (strcmp(tag, "city") == 0 && cc) {
            for (xmlNode *k = n->children; k; k = k->next) {
                if (k->type != XML_ELEMENT_NODE ||
                    strcmp((const char *)k->name, "_name") != 0)
                    continue;
                xmlChar *t = xmlNodeGetContent(k);
                xmlChar *ctx = xmlGetProp(k, (const xmlChar *)"msgctxt");
                char msgid[512];
                if (ctx)
                    snprintf(msgid, sizeof msgid, "%s\004%s", ctx, t);
                else
                    snprintf(msgid, sizeof msgid, "%s", t);
                out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
                /* place holds -2 - the country's index until the city is
                 * chosen (gweather()). */
                out->v[out->n++] = (gw_city){
                    xstrdup(msgid), xstrdup((const char *)t),
                    comment_says_capital(n), -2 - iso_index(cc, strlen(cc)),
                    0};
                xmlFree(ctx);
                xmlFree(t);
                break;
            }
        }
    }
}

static void gw_mo(const char *lang, const mo *m, void *arg)
{
    gw_cities *c = arg;
    for (size_t i = 0; i < c->n; i++) {
        const char *t = mo_find(m, c->v[i].msgid);
        if (!t || strcmp(t, c->v[i].name) == 0)
            continue;
        if (!c->add)
            c->v[i].langs++;
        else if (c->v[i].place >= 0)
            name_add(t, c->v[i].place, lang);
    }
}

static size_t gw_capitals, gw_notable;

static void gweather(const char *srcdir)
{
    char path[1024];
    snprintf(path, sizeof path,
             "%s/libgweather-4-common/usr/share/libgweather-4/Locations.xml",
             srcdir);
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
    if (!doc)
        die("cannot parse", path);
    gw_cities c = {NULL, 0, 0};
    gw_walk(xmlDocGetRootElement(doc)->children, NULL, &c);
    snprintf(path, sizeof path, "%s/libgweather-4-common/usr/share/locale",
             srcdir);
    each_mo(path, "libgweather-4.0-locations", gw_mo, &c);
    for (size_t i = 0; i < c.n; i++) {
        int cc = -2 - c.v[i].place;
        c.v[i].place = -1;
        if (!c.v[i].capital && c.v[i].langs < MIN_CITY_LANGS)
            continue;
        gw_capitals += (size_t)c.v[i].capital;
        gw_notable += (size_t)!c.v[i].capital;
        c.v[i].place = city_join(iso[cc], c.v[i].name);
        name_add(c.v[i].name, c.v[i].place, "en");
    }
    c.add = 1;
    each_mo(path, "libgweather-4.0-locations", gw_mo, &c);
    for (size_t i = 0; i < c.n; i++) {
        free(c.v[i].msgid);
        free(c.v[i].name);
    }
    free(c.v);
    xmlFreeDoc(doc);
}

/* ---- country adjectives from CLDR language names ----------------------- */

/* Code points the folds a and b share at their start. */
static size_t common_prefix(const char *a, const char *b)
{
    size_t i = 0, n = 0;
    int32_t la = (int32_t)strlen(a), lb = (int32_t)strlen(b);
    while (i < (size_t)la && i < (size_t)lb) {
        int32_t ia = (int32_t)i, ib = (int32_t)i;
        UChar32 ca, cb;
        U8_NEXT(a, ia, la, ca);
        U8_NEXT(b, ib, lb, cb);
        if (ca != cb || ca < 0)
            break;
        i = (size_t)ia;
        n++;
    }
    return n;
}

/* The longest prefix fold shares with a word of country (folded): its
 * first word, or any when it has two ("South Korea", "Sri Lanka"); not
 * "Arab" of "United Arab Emirates". */
static size_t shared_with_country(const char *fold, const char *country)
{
    size_t best = 0, words = 1;
    for (const char *c = country; *c; c++)
        words += *c == ' ';
    const char *w = country;
    while (*w) {
        size_t k = common_prefix(fold, w);
        if (k > best)
            best = k;
        const char *sp = strchr(w, ' ');
        if (!sp || words > 2)
            break;
        w = sp + 1;
    }
    return best;
}

static size_t ndemonyms;
#define MIN_ADJ_LOCALES 20

typedef struct adjective {
    int lang, country; /* index in uloc_getISOLanguages(), in iso[] */
    char *locale, *name;
} adjective;
static adjective *adjs;
static size_t nadjs;
static smap pairs; /* "lang|CC" -> locales that give the adjective */
static char country_lang[1024][16]; /* likely language of each iso[] */

/* Whether the adjective fold begins as country c's name in loc does. */
static int names_country(const char *fold, const char *lang,
                         const char *loc, size_t c, int own)
{
    UChar u[256];
    char loc_c[8], cname[512], cfold[512];
    snprintf(loc_c, sizeof loc_c, "_%s", iso[c]);
    UErrorCode err = U_ZERO_ERROR;
    int32_t m = uloc_getDisplayCountry(loc_c, loc, u, 256, &err);
    if (U_FAILURE(err) || m <= 0)
        return 0;
    u_to_utf8(u, m, cname, sizeof cname);
    if (td__place_fold_str(cname, strlen(cname), cfold, sizeof cfold) ==
            (size_t)-1 ||
        strcmp(cfold, fold) == 0)
        return 0;
    /* Two letters for the language's own country ("French", "France"),
     * three for another where it is spoken, six when it is spoken in
     * five countries or more ("Portuguese", "Portugal"; not "Arabic",
     * "Saudi Arabia"). */
    size_t nspoken = 0;
    for (size_t k = 0; k < niso; k++)
        nspoken += strcmp(country_lang[k], lang) == 0;
    size_t need = own && strcmp(country_lang[c], lang) == 0 ? 2
                  : nspoken < 5                             ? 3
                                                            : 6;
    return shared_with_country(fold, cfold) >= need;
}

/* In CLDR the name of a country's own language is, in most languages, its
 * adjective too: "Russian", "russo", "russisch", "rusça"... ("Kazakh" for
 * kk, whose country is KZ). A language name of locale L becomes an
 * adjective of country C when C is the language's likely country (ICU's
 * likely subtags) or a country whose likely language it is, and the name
 * begins as C's name in L begins (two letters or more: "French" and
 * "France"), so that "Arabic" (likely country Egypt), "English" (United
 * States) or "Hindi" (India) are not taken for adjectives. Lower case is
 * accepted outside English, where adjectives are written so. */
static void demonyms(void)
{
    const char *const *langs = uloc_getISOLanguages();
    for (size_t c = 0; c < niso; c++) {
        char und[16], ul[64];
        UErrorCode e = U_ZERO_ERROR;
        snprintf(und, sizeof und, "und_%s", iso[c]);
        uloc_addLikelySubtags(und, ul, sizeof ul, &e);
        uloc_getLanguage(ul, country_lang[c], sizeof country_lang[c], &e);
        if (U_FAILURE(e))
            country_lang[c][0] = '\0';
    }
    int32_t nloc = uloc_countAvailable();
    for (int32_t l = 0; l < nloc; l++) {
        const char *loc = uloc_getAvailable(l);
        char country_of_loc[8] = "";
        UErrorCode err = U_ZERO_ERROR;
        uloc_getCountry(loc, country_of_loc, sizeof country_of_loc, &err);
        if (*country_of_loc || strchr(loc, '_'))
            continue; /* language-level locales only */
        for (size_t x = 0; langs[x]; x++) {
            char likely[64], cc[8] = "";
            err = U_ZERO_ERROR;
            uloc_addLikelySubtags(langs[x], likely, sizeof likely, &err);
            uloc_getCountry(likely, cc, sizeof cc, &err);
            if (U_FAILURE(err) || !*cc)
                continue;
            UChar u[256];
            char name[512], fold[512];
            err = U_ZERO_ERROR;
            int32_t n = uloc_getDisplayLanguage(langs[x], loc, u, 256, &err);
            if (U_FAILURE(err) || err == U_USING_DEFAULT_WARNING || n <= 0)
                continue;
            u_to_utf8(u, n, name, sizeof name);
            size_t k = td__place_fold_str(name, strlen(name), fold,
                                          sizeof fold);
            if (k == (size_t)-1 || k == 0 || strchr(fold, ' ') ||
                strcmp(fold, langs[x]) == 0)
                continue;
            /* Candidates: the likely country first, then the countries
             * whose likely language this is. */
            int lc = iso_index(cc, strlen(cc));
            int best = lc >= 0 && names_country(fold, langs[x], loc, (size_t)lc, 1) ? lc
                                                                         : -1;
            for (size_t c = 0; c < niso && best < 0; c++)
                if ((int)c != lc && strcmp(country_lang[c], langs[x]) == 0 &&
                    names_country(fold, langs[x], loc, c, 0))
                    best = (int)c;
            if (best < 0)
                continue;
            char lang[16] = "";
            err = U_ZERO_ERROR;
            uloc_getLanguage(loc, lang, sizeof lang, &err);
            adjs = xrealloc(adjs, (nadjs + 1) * sizeof *adjs);
            adjs[nadjs++] = (adjective){(int)x, best, xstrdup(lang),
                                        xstrdup(name)};
            char pair[64];
            snprintf(pair, sizeof pair, "%s|%s", langs[x], iso[best]);
            int seen = smap_get(&pairs, pair);
            smap_put(&pairs, pair, seen < 0 ? 1 : seen + 1);
        }
    }
    /* A language CLDR names in few locales is a minority language whose
     * name shares its country's letters by chance ("Nama", "Turoyo"):
     * the adjectives of a country's own language hold in most. */
    for (size_t i = 0; i < nadjs; i++) {
        char pair[64];
        snprintf(pair, sizeof pair, "%s|%s", langs[adjs[i].lang],
                 iso[adjs[i].country]);
        if (smap_get(&pairs, pair) < MIN_ADJ_LOCALES)
            continue;
        int country = country_place[adjs[i].country];
        char key[16];
        snprintf(key, sizeof key, "%s#adj", iso[adjs[i].country]);
        int p = place_add(key, iso[adjs[i].country], places[country].name,
                          iso[adjs[i].country], places[country].pop,
                          TD__PLACE_DEMONYM);
        name_add_as(adjs[i].name, p, adjs[i].locale,
                    strcmp(adjs[i].locale, "en") != 0);
        ndemonyms++;
        if (getenv("GEN_PLACES_VERBOSE"))
            fprintf(stderr, "adjective %s: %s -> %s\n", adjs[i].locale,
                    adjs[i].name, iso[adjs[i].country]);
    }
}

/* ---- output ------------------------------------------------------------ */

static size_t ndropped_rare;

/* Whether fold is one Latin word of at most five letters. */
static int short_latin(const char *fold)
{
    size_t n = strlen(fold);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)fold[i] >= 0x80 || fold[i] == ' ')
            return 0;
    return n <= 5;
}

static size_t cps_of(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static int by_fold(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->fold, y->fold);
    return c ? c : x->place - y->place;
}

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\%03o", c);
        else if (c == '?' && s[1] == '?')
            fputs("?\"\"", f); /* no trigraphs */
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* Which kind wins a name several places share: a country, then its
 * adjective, a city, a region. */
static int kind_rank(int kind)
{
    switch (kind) {
    case TD__PLACE_COUNTRY:
        return 0;
    case TD__PLACE_DEMONYM:
        return 1;
    case TD__PLACE_CITY:
        return 2;
    default:
        return 3;
    }
}

/* Whether the matcher may take the name with a Cyrillic ending: places
 * news inflects often enough that the loose match pays. */
static int inflects(const place *p)
{
    if (p->kind == TD__PLACE_CITY)
        return p->pop >= INFLECT_CITY_MIN;
    if (p->kind == TD__PLACE_REGION)
        return p->pop >= INFLECT_REGION_MIN;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_places SOURCES_DIR OUT.c\n");
        return 2;
    }
    load_date_words();
    load_dicts(argv[1]);
    icu_countries_places();
    geonames(argv[1]);
    icu_countries();
    geonames_names(argv[1]);
    icu_cities();
    iso_codes(argv[1]);
    iso_regions(argv[1]);
    geonames_regions();
    region_names();
    gweather(argv[1]);
    demonyms();
    qsort(entries, nentries, sizeof *entries, by_fold);

    FILE *f = fopen(argv[2], "w");
    if (!f)
        die("cannot write", argv[2]);
    fprintf(f,
            "/* places.c -- generated by tools/gen_places.c from ICU %s "
            "CLDR data, GeoNames (libgeonames0,\n * libgeonames-common), "
            "iso-codes, libgweather-4-common and Hunspell word lists\n * "
            "(see data/SOURCES.md). Do not edit. */\n",
            U_ICU_VERSION);
    fputs("#include \"entity/places_data.h\"\n\n", f);
    fputs("const td__place_rec td__place_recs[] = {\n", f);
    for (size_t i = 0; i < nplaces; i++) {
        fputs("{", f);
        put_str(f, places[i].id);
        fputs(",", f);
        put_str(f, places[i].name);
        fputs(",", f);
        put_str(f, places[i].country);
        fprintf(f, ",%lu,%d},\n", (unsigned long)places[i].pop,
                places[i].kind);
    }
    fprintf(f, "};\nconst size_t td__place_recs_n = %zu;\n\n", nplaces);
    fputs("const td__place_name td__place_names[] = {\n", f);
    size_t nout = 0, ncontested = 0, ncommon = 0, nkind[5] = {0};
    for (size_t i = 0; i < nentries;) {
        size_t j = i;
        while (j < nentries && strcmp(entries[j].fold, entries[i].fold) == 0)
            j++;
        /* Votes per place among entries[i..j) (sorted by place). */
        int best = -1, bestv = 0, bestrank = 99, nplaces_here = 0;
        uint64_t bestpop = 0;
        for (size_t k = i; k < j;) {
            size_t e = k;
            while (e < j && entries[e].place == entries[k].place)
                e++;
            const place *p = &places[entries[k].place];
            int v = (int)(e - k), rank = kind_rank(p->kind);
            /* A city and a region of one name: the city, unless the
             * region holds ten times its people (the state of Washington,
             * not a town of 24,000; New York the city). */
            uint64_t weight = (uint64_t)p->pop *
                              (p->kind == TD__PLACE_CITY ? 10u : 1u);
            if (rank >= 2)
                rank = 2;
            /* Two cities: the one more languages name (Valencia in Spain,
             * not the larger one in Venezuela), then the larger. */
            if (best >= 0 && p->kind == TD__PLACE_CITY &&
                places[best].kind == TD__PLACE_CITY &&
                nnames_of[entries[k].place] != nnames_of[best]) {
                if (nnames_of[entries[k].place] > nnames_of[best])
                    best = entries[k].place, bestv = v, bestrank = rank,
                    bestpop = weight;
                nplaces_here++;
                k = e;
                continue;
            }
            nplaces_here++;
            if (rank < bestrank ||
                (rank == bestrank &&
                 (weight > bestpop || (weight == bestpop && v > bestv))))
                best = entries[k].place, bestv = v, bestrank = rank,
                bestpop = weight;
            k = e;
        }
        ncontested += nplaces_here > 1;
        int stop_elsewhere = 0, common = 0, anycase = 1, namelike = 0;
        int shortn = 0;
        for (size_t k = i; k < j; k++) {
            stop_elsewhere |= entries[k].stop_elsewhere;
            if (entries[k].place == best) { /* as weighed for this place */
                common |= entries[k].common;
                anycase &= entries[k].anycase;
                namelike |= entries[k].namelike;
                shortn |= entries[k].short_name;
            }
        }
        if (getenv("GEN_PLACES_VERBOSE") && stop_elsewhere)
            fprintf(stderr, "stop word elsewhere: %s (%zu sources)\n",
                    entries[i].fold, j - i);
        /* "usa" (uses) is a stop word in Italian and Portuguese lists, yet
         * "USA" is how German, Italian and Spanish news name the country:
         * the one exception. */
        /* A city large enough to be news keeps such a name as a common
         * word ("Nice": "nice" is a Czech and Slovak stop word). */
        int big_city = places[best].kind == TD__PLACE_CITY &&
                       places[best].pop >= COMMON_CITY_MIN;
        if (stop_elsewhere && (int)(j - i) < 40 &&
            cps_of(entries[i].fold) <= 4 && !big_city &&
            strcmp(entries[i].fold, "usa") != 0) {
            ndropped_stop++;
            i = j;
            continue;
        }
        if (stop_elsewhere && big_city && places[best].pop < COMMON_FREE_CITY)
            common = 1;
        char own[1024];
        fold_of(places[best].name, own, sizeof own);
        if (bestv < 3 && short_latin(entries[i].fold) &&
            places[best].kind != TD__PLACE_DEMONYM &&
            !(places[best].kind == TD__PLACE_CITY &&
              strcmp(own, entries[i].fold) == 0)) {
            /* "cat", "chip", "amy", "bert": short Latin spellings that
             * only one or two locales use are more often common words
             * or first names in the text than the place ("Sam" for
             * Damascus, "Romy" for Rome; a city's own name is weighed by
             * its population instead; adjectives come from the
             * language's own CLDR names: "russe", "ruso"). */
            ndropped_rare++;
            i = j;
            continue;
        }
        int flags = (common ? TD__PLACE_NAME_COMMON : 0) |
                    (anycase ? TD__PLACE_NAME_ANYCASE : 0) |
                    (namelike ? TD__PLACE_NAME_NAMELIKE : 0) |
                    (shortn ? TD__PLACE_NAME_SHORT : 0) |
                    (inflects(&places[best]) ? TD__PLACE_NAME_INFLECT : 0);
        ncommon += common != 0;
        nkind[places[best].kind % 5]++;
        fputs("{", f);
        put_str(f, entries[i].fold);
        fprintf(f, ",%d,%d},\n", best, flags);
        nout++;
        i = j;
    }
    fprintf(f, "};\nconst size_t td__place_names_n = %zu;\n", nout);
    if (fclose(f) != 0)
        die("cannot write", argv[2]);
    size_t count[5] = {0};
    for (size_t i = 0; i < nplaces; i++)
        count[places[i].kind % 5]++;
    fprintf(stderr,
            "gen_places: %zu places (%zu countries, %zu regions, %zu "
            "cities, %zu country adjectives; GeoNames %zu cities, %zu "
            "translations; gweather %zu capitals), %zu names (countries "
            "%zu, regions %zu, cities %zu, adjectives %zu; %zu claimed by "
            "several places, %zu common words), %zu adjective names; "
            "dropped %zu stop words, %zu too short, %zu common words of "
            "small cities, %zu short and rare, %zu region names of several "
            "countries, %zu names of small places in scripts without "
            "capitals\n",
            nplaces, count[TD__PLACE_COUNTRY], count[TD__PLACE_REGION],
            count[TD__PLACE_CITY], count[TD__PLACE_DEMONYM], ngn,
            gn_translations, gw_capitals, nout, nkind[TD__PLACE_COUNTRY],
            nkind[TD__PLACE_REGION], nkind[TD__PLACE_CITY],
            nkind[TD__PLACE_DEMONYM], ncontested, ncommon, ndemonyms,
            ndropped_stop, ndropped_short, ndropped_common, ndropped_rare,
            ndropped_shared, ndropped_uncased);
    (void)nregions;
    return 0;
}
