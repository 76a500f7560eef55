/* test_pivot.c -- the cross-lingual pivot dictionaries (src/story/pivot.h):
 * words of each covered language map to the concept of their English
 * translation, keyed by the stems the text analyser gives; unknown words
 * and languages map to nothing. */
#include "testutil.h"

#include "story/pivot.h"
#include "text/tokens.h"

/* The stem td__tokenize gives the single word w of lang, copied into buf. */
static const char *stem_of(const char *lang, const char *w, char *buf,
                           size_t cap)
{
    td__tokens t = TD__TOKENS_INIT;
    assert_int_equal(td__tokenize(w, strlen(w), lang, &t), TD_OK);
    assert_int_equal(t.n, 1);
    const char *s = t.v[0].stem ? t.v[0].stem : t.v[0].norm;
    assert_true(strlen(s) < cap);
    strcpy(buf, s);
    td__tokens_free(&t);
    return buf;
}

static uint32_t english(const char *w)
{
    char buf[128];
    const char *s = stem_of("en", w, buf, sizeof buf);
    return td__pivot_english(s, strlen(s));
}

/* Whether word w of lang maps (among others) to the English word en. */
static int maps_to(const char *lang, const char *w, const char *en)
{
    char buf[128];
    const char *s = stem_of(lang, w, buf, sizeof buf);
    uint32_t ids[TD__PIVOT_MAX];
    size_t k = td__pivot_lookup(lang, s, strlen(s), ids);
    assert_true(k <= TD__PIVOT_MAX);
    uint32_t want = english(en);
    for (size_t i = 0; i < k; i++)
        if (ids[i] == want)
            return 1;
    return 0;
}

#define MAPS(lang, w, en)                                                      \
    do {                                                                       \
        if (!maps_to(lang, w, en))                                             \
            fail_msg("%s \"%s\" does not map to \"%s\"", lang, w, en);         \
    } while (0)

static void test_earthquake(void **state)
{
    (void)state;
    MAPS("it", "terremoto", "earthquake");
    MAPS("es", "terremoto", "earthquake");
    MAPS("de", "Erdbeben", "earthquake");
    MAPS("de", "Erdbeben", "earthquakes"); /* same English stem */
}

static void test_politics(void **state)
{
    (void)state;
    MAPS("de", "Wahl", "election");
    MAPS("de", "Präsident", "president");
    MAPS("de", "Regierung", "government");
    MAPS("fr", "président", "president");
    MAPS("fr", "gouvernement", "government");
    MAPS("es", "elección", "election");
    MAPS("es", "gobierno", "government");
    MAPS("it", "governo", "government");
    MAPS("pt", "presidente", "president");
    MAPS("pt", "eleição", "election");
    MAPS("pl", "prezydent", "president");
    MAPS("pl", "wybory", "election");
    MAPS("nl", "verkiezing", "election");
    MAPS("tr", "seçim", "election");
    MAPS("tr", "hükümet", "government");
    MAPS("sv", "regering", "government");
    MAPS("fi", "hallitus", "government");
    MAPS("el", "κυβέρνηση", "government");
}

static void test_war(void **state)
{
    (void)state;
    static const char *const w[][2] = {
        {"de", "Krieg"},  {"fr", "guerre"}, {"es", "guerra"},
        {"it", "guerra"}, {"pt", "guerra"}, {"pl", "wojna"},
        {"nl", "oorlog"}, {"tr", "savaş"},  {"cs", "válka"},
        {"sv", "krig"},   {"da", "krig"},   {"fi", "sota"},
        {"hu", "háború"}, {"el", "πόλεμος"}, {"hi", "युद्ध"},
        {"id", "perang"},
    };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        MAPS(w[i][0], w[i][1], "war");
}

/* Russian read through German and other WikDict pairs, Serbo-Croatian in
 * either script and any of its codes, Japanese words as ICU segments them,
 * Lithuanian and Slovenian. */
static void test_more_languages(void **state)
{
    (void)state;
    MAPS("ru", "выборы", "election");
    MAPS("ru", "правительство", "government");
    MAPS("ru", "землетрясение", "earthquake");
    MAPS("ru", "собрание", "assembly");
    MAPS("ru", "свобода", "freedom");
    MAPS("ru", "революция", "revolution");
    MAPS("hr", "izbori", "election");
    MAPS("hr", "predsjednik", "president");
    MAPS("sr", "predsednik", "president");
    MAPS("sr", "избори", "election");
    MAPS("sr", "влада", "government");
    MAPS("bs", "vlada", "government");
    MAPS("ja", "選挙", "election");
    MAPS("ja", "地震", "earthquake");
    MAPS("ja", "戦争", "war");
    MAPS("ja", "大統領", "president");
    MAPS("lt", "karas", "war");
    MAPS("sl", "potres", "earthquake");
    MAPS("sl", "vlada", "government");
}

static void test_unknown(void **state)
{
    (void)state;
    uint32_t ids[TD__PIVOT_MAX] = {7, 7, 7, 7};
    /* a made-up word of a covered language */
    assert_int_equal(td__pivot_lookup("de", "xqzvbrt", 7, ids), 0);
    /* words that sort before and after everything */
    assert_int_equal(td__pivot_lookup("de", "\x01", 1, ids), 0);
    assert_int_equal(td__pivot_lookup("de", "\xf4\x8f\xbf\xbf", 4, ids), 0);
    /* a language without a table, English itself, bad tags */
    assert_int_equal(td__pivot_lookup("xx", "terremot", 8, ids), 0);
    assert_int_equal(td__pivot_lookup("en", "earthquak", 9, ids), 0);
    assert_int_equal(td__pivot_lookup(NULL, "terremot", 8, ids), 0);
    assert_int_equal(td__pivot_lookup("", "terremot", 8, ids), 0);
    assert_int_equal(td__pivot_lookup("und", "terremot", 8, ids), 0);
    assert_int_equal(td__pivot_lookup("it", NULL, 0, ids), 0);
    assert_int_equal(td__pivot_lookup("it", "", 0, ids), 0);
    /* a prefix of a stem is not the stem */
    assert_int_equal(td__pivot_lookup("it", "terremo", 7, ids), 0);
    /* out is left alone when nothing is found */
    assert_int_equal(ids[0], 7);
    /* the length counts, not a NUL */
    assert_true(td__pivot_lookup("it", "terremotXYZ", 8, ids) > 0);
}

static void test_has(void **state)
{
    (void)state;
    static const char *const covered[] = {
        "de", "fr", "es", "it", "pt", "pl", "nl", "tr", "cs", "sk",
        "ar", "sv", "da", "fi", "hu", "el", "ru", "no", "hi", "id",
        "hr", "sr", "bs", "sl", "lt", "ja",
    };
    for (size_t i = 0; i < sizeof covered / sizeof covered[0]; i++)
        if (!td__pivot_has(covered[i]))
            fail_msg("no pivot table for %s", covered[i]);
    /* region subtags and old codes go through the language key */
    assert_true(td__pivot_has("pt-BR"));
    assert_true(td__pivot_has("DE"));
    assert_true(td__pivot_has("nb"));
    assert_false(td__pivot_has("en"));
    assert_false(td__pivot_has("zh"));
    assert_false(td__pivot_has("uk")); /* Debian ships no Ukrainian pair */
    assert_false(td__pivot_has("xx"));
    assert_false(td__pivot_has(""));
    assert_false(td__pivot_has(NULL));
    assert_false(td__pivot_has("und"));
    assert_false(td__pivot_has("d3"));
}

static void test_english(void **state)
{
    (void)state;
    /* FNV-1a 32 of the bytes: the reference values of the algorithm */
    assert_int_equal(td__pivot_english("", 0), 0x811c9dc5u);
    assert_int_equal(td__pivot_english("a", 1), 0xe40c292cu);
    assert_int_equal(td__pivot_english("foobar", 6), 0xbf9cf968u);
    /* English tokens and translated ones meet on the same id */
    char buf[128];
    const char *s = stem_of("it", "terremoto", buf, sizeof buf);
    uint32_t ids[TD__PIVOT_MAX];
    size_t k = td__pivot_lookup("it", s, strlen(s), ids);
    assert_true(k >= 1);
    assert_int_equal(ids[0], td__pivot_english("earthquak", 9));
    assert_int_equal(ids[0], english("earthquake"));
    assert_int_equal(english("Earthquakes"), english("earthquake"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_earthquake), cmocka_unit_test(test_politics),
        cmocka_unit_test(test_war),
        cmocka_unit_test(test_more_languages),
        cmocka_unit_test(test_unknown),
        cmocka_unit_test(test_has),        cmocka_unit_test(test_english),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
