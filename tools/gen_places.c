/* gen_places.c -- writes data/places.c, the gazetteer of countries and
 * cities in every language the sources name them in.
 *
 *   gen_places SOURCES_DIR OUT.c
 *
 * Sources (see data/SOURCES.md):
 *  - ICU's CLDR data: the country and territory names of every locale ICU
 *    ships (region bundle, "Countries", with the %short and %variant
 *    forms), and the exemplar cities of the canonical time zones of each
 *    ISO 3166 region (zone bundle, zoneStrings/<zone>/ec).
 *  - iso-codes (SOURCES_DIR/iso-codes, unpacked .deb): the ISO 3166-1
 *    names (name, official and common names) translated in its .mo files.
 *  - libgweather-4-common (SOURCES_DIR/libgweather-4-common): the capitals
 *    (cities whose comment in Locations.xml says "capital") and the cities
 *    translated into at least MIN_CITY_LANGS languages, with their
 *    translations from libgweather-4.0-locations.mo.
 *
 * Every name is folded as the run-time matcher folds (placefold.h). Names
 * that are stop words of their language or English, month or weekday names
 * of any locale, short names (four letters or fewer) that are stop words
 * of another language and given by fewer than 40 sources (but "usa"), Latin/Cyrillic/Greek
 * names under three letters and one-character names are dropped. A fold
 * that names several places goes to a country before a city, then to the
 * place most sources give it. Some English names are also common words or
 * first names (Chad, Jordan, Georgia, Jersey, Victoria): they are kept, the
 * callers weigh context. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ures.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "entity/placefold.h"
#include "text/stopwords.h"

#define MIN_CITY_LANGS 1000 /* none: translators translate almost all */

/* The bundle trees of ICU's data (the internal header uresimp.h names
 * them REGION_TREE and ZONE_TREE). */
#define REGION_TREE U_ICUDATA_NAME "-region"
#define ZONE_TREE U_ICUDATA_NAME "-zone"

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

/* ---- places ------------------------------------------------------------ */

typedef struct place {
    char *id, *name;
    int kind;
} place;

static place *places;
static size_t nplaces, capplaces;

static int place_find(const char *id)
{
    for (size_t i = nplaces; i-- > 0;)
        if (strcmp(places[i].id, id) == 0)
            return (int)i;
    return -1;
}

static int place_add(const char *id, const char *name, int kind)
{
    int i = place_find(id);
    if (i >= 0)
        return i;
    if (nplaces == capplaces) {
        capplaces = capplaces ? capplaces * 2 : 512;
        places = xrealloc(places, capplaces * sizeof *places);
    }
    places[nplaces] = (place){xstrdup(id), xstrdup(name), kind};
    return (int)nplaces++;
}

/* ---- names ------------------------------------------------------------- */

typedef struct entry {
    char *fold;
    int place;
    int stop_elsewhere; /* a stop word of some other language */
} entry;

static entry *entries;
static size_t nentries, capentries;
static size_t ndropped_stop, ndropped_short;

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

/* Adds name (UTF-8) of place p, written in language lang. */
static void name_add(const char *name, int p, const char *lang)
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
    if (cps < 3 && (sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC ||
                    sc == USCRIPT_GREEK || first < 0x80)) {
        ndropped_short++;
        return;
    }
    int stop = strchr(fold, ' ') ? 0 : is_stop(lang, name, fold);
    if (stop == 1 || (!strchr(fold, ' ') && is_date_word(fold))) {
        ndropped_stop++;
        return;
    }
    if (nentries == capentries) {
        capentries = capentries ? capentries * 2 : 65536;
        entries = xrealloc(entries, capentries * sizeof *entries);
    }
    entries[nentries++] = (entry){xstrdup(fold), p, stop == 2};
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

/* ---- ICU: countries ---------------------------------------------------- */

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

static void icu_countries(void)
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
        country_place[i] = place_add(iso[i], *name ? name : iso[i],
                                     1 /* TD__PLACE_COUNTRY */);
    }
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
            char name[256], pid[320];
            exemplar(enzs, z.key, name, sizeof name);
            if (!*name) { /* CLDR derives it from the ID */
                const char *last = strrchr(id, '/');
                snprintf(name, sizeof name, "%s", last ? last + 1 : id);
                for (char *p = name; *p; p++)
                    if (*p == '_')
                        *p = ' ';
            }
            snprintf(pid, sizeof pid, "%s/%s", iso[i], name);
            z.place = place_add(pid, name, 2 /* TD__PLACE_CITY */);
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
        char pid[320];
        snprintf(pid, sizeof pid, "%s/%s", iso[cc], c.v[i].name);
        c.v[i].place = place_add(pid, c.v[i].name, 2);
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_places SOURCES_DIR OUT.c\n");
        return 2;
    }
    load_date_words();
    icu_countries();
    icu_cities();
    iso_codes(argv[1]);
    gweather(argv[1]);
    if (nplaces > 65535)
        die("too many places", "the table indexes them with 16 bits");
    qsort(entries, nentries, sizeof *entries, by_fold);

    FILE *f = fopen(argv[2], "w");
    if (!f)
        die("cannot write", argv[2]);
    fprintf(f, "/* places.c -- generated by tools/gen_places.c from ICU %s "
               "CLDR data, iso-codes and\n * libgweather-4-common (see "
               "data/SOURCES.md). Do not edit. */\n",
            U_ICU_VERSION);
    fputs("#include \"entity/places_data.h\"\n\n", f);
    fputs("const td__place_rec td__place_recs[] = {\n", f);
    for (size_t i = 0; i < nplaces; i++) {
        fputs("{", f);
        put_str(f, places[i].id);
        fputs(",", f);
        put_str(f, places[i].name);
        fprintf(f, ",%d},\n", places[i].kind);
    }
    fprintf(f, "};\nconst size_t td__place_recs_n = %zu;\n\n", nplaces);
    fputs("const td__place_name td__place_names[] = {\n", f);
    size_t nout = 0, ncontested = 0;
    for (size_t i = 0; i < nentries;) {
        size_t j = i;
        while (j < nentries && strcmp(entries[j].fold, entries[i].fold) == 0)
            j++;
        /* Votes per place among entries[i..j) (sorted by place). */
        int best = -1, bestv = 0, bestkind = 99, nplaces_here = 0;
        for (size_t k = i; k < j;) {
            size_t e = k;
            while (e < j && entries[e].place == entries[k].place)
                e++;
            int v = (int)(e - k), kind = places[entries[k].place].kind;
            nplaces_here++;
            if (kind < bestkind || (kind == bestkind && v > bestv))
                best = entries[k].place, bestv = v, bestkind = kind;
            k = e;
        }
        ncontested += nplaces_here > 1;
        int stop_elsewhere = 0;
        for (size_t k = i; k < j; k++)
            stop_elsewhere |= entries[k].stop_elsewhere;
        if (getenv("GEN_PLACES_VERBOSE") && stop_elsewhere)
            fprintf(stderr, "stop word elsewhere: %s (%zu sources)\n",
                    entries[i].fold, j - i);
        /* "usa" (uses) is a stop word in Italian and Portuguese lists, yet
         * "USA" is how German, Italian and Spanish news name the country:
         * the one exception. */
        if (stop_elsewhere && (int)(j - i) < 40 &&
            cps_of(entries[i].fold) <= 4 &&
            strcmp(entries[i].fold, "usa") != 0) {
            ndropped_stop++;
            i = j;
            continue;
        }
        if (bestv < 3 && short_latin(entries[i].fold)) {
            /* "cat", "chip", "amy", "bert": short Latin spellings that
             * only one or two locales use are more often common words
             * or first names in the text than the place. */
            ndropped_rare++;
            i = j;
            continue;
        }
        fputs("{", f);
        put_str(f, entries[i].fold);
        fprintf(f, ",%d},\n", best);
        nout++;
        i = j;
    }
    fprintf(f, "};\nconst size_t td__place_names_n = %zu;\n", nout);
    if (fclose(f) != 0)
        die("cannot write", argv[2]);
    size_t ncountries = 0;
    for (size_t i = 0; i < nplaces; i++)
        ncountries += places[i].kind == 1;
    fprintf(stderr,
            "gen_places: %zu places (%zu countries, %zu cities; gweather "
            "%zu capitals + %zu cities in >= %d languages), %zu names "
            "(%zu claimed by several places), dropped %zu stop words, "
            "%zu too short, %zu short and rare\n",
            nplaces, ncountries, nplaces - ncountries, gw_capitals, gw_notable,
            MIN_CITY_LANGS, nout, ncontested, ndropped_stop, ndropped_short, ndropped_rare);
    return 0;
}
