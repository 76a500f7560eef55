/* test_places.c -- the gazetteer (src/entity/places.h): names of countries,
 * regions, cities and country adjectives in many languages and scripts,
 * whole-word longest matches, capitalisation, common words and person
 * names that must not match. Fixtures are written here. */
#include "testutil.h"

#include "entity/places.h"

/* The id of the only place found in text, or "" (and fails on several). */
static const char *find_one(const char *text, td__place_hit *h)
{
    size_t n = td__places_find(text, strlen(text), h, 1);
    if (n == 0)
        return "";
    assert_int_equal(n, 1);
    return h->place.id;
}

static void test_countries_in_many_languages(void **state)
{
    (void)state;
    static const char *const kz[] = {"Kazakhstan", "Kazakistan", "Cazaquistão",
                                     "Kasachstan", "Казахстан", "Қазақстан",
                                     "KAZAKHSTAN", "Kazajistán"};
    static const char *const ru[] = {"Russia", "Russie", "Rússia", "Россия",
                                     "Russland", "Rusia"};
    td__place p;
    for (size_t i = 0; i < sizeof kz / sizeof kz[0]; i++) {
        assert_true(td__place_lookup(kz[i], strlen(kz[i]), &p));
        assert_string_equal(p.id, "KZ");
        assert_int_equal(p.kind, TD__PLACE_COUNTRY);
        assert_string_equal(p.name, "Kazakhstan");
    }
    for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++) {
        assert_true(td__place_lookup(ru[i], strlen(ru[i]), &p));
        assert_string_equal(p.id, "RU");
    }
}

static void test_cities(void **state)
{
    (void)state;
    static const char *const moscow[] = {"Mosca", "Moskau", "Москва",
                                         "Moscou", "Moscow"};
    td__place p;
    for (size_t i = 0; i < sizeof moscow / sizeof moscow[0]; i++) {
        assert_true(td__place_lookup(moscow[i], strlen(moscow[i]), &p));
        assert_int_equal(p.kind, TD__PLACE_CITY);
        assert_string_equal(p.id, "RU/Moscow");
    }
    assert_true(td__place_lookup("Almaty", 6, &p));
    assert_string_equal(p.id, "KZ/Almaty");
    assert_true(td__place_lookup("Астана", strlen("Астана"), &p));
    assert_string_equal(p.id, "KZ/Astana"); /* a capital, from libgweather */
}

static void test_find_in_text(void **state)
{
    (void)state;
    const char *text = "Colloqui in Kazakistan: Nazarbayev e Lukashenko, "
                       "da Mosca.";
    td__place_hit h[4];
    size_t n = td__places_find(text, strlen(text), h, 4);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].place.id, "KZ");
    assert_int_equal(h[0].off, strlen("Colloqui in "));
    assert_int_equal(h[0].len, strlen("Kazakistan"));
    assert_string_equal(h[1].place.id, "RU/Moscow");
    assert_memory_equal(text + h[1].off, "Mosca", 5);
    assert_int_equal(h[1].len, 5);
}

static void test_longest_match(void **state)
{
    (void)state;
    td__place_hit h;
    assert_string_equal(find_one("aid to Papua New Guinea today", &h), "PG");
    assert_string_equal(find_one("the United States said", &h), "US");
    assert_int_equal(h.len, strlen("United States"));
    /* Accents and case in the text do not matter. */
    assert_string_equal(find_one("CAZAQUISTAO", &h), "KZ");
}

static void test_inflected_cyrillic(void **state)
{
    (void)state;
    td__place_hit h;
    assert_string_equal(find_one("Ситуация в Казахстане", &h), "KZ");
    assert_int_equal(h.len, strlen("Казахстане"));
    assert_string_equal(find_one("президент России", &h), "RU");
    assert_string_equal(find_one("из Москвы", &h), "RU/Moscow");
    /* A longer word that only starts like a name is not it. */
    assert_string_equal(find_one("россиянин", &h), "");
    /* endings of cases: after a consonant, with -ом, -ах */
    assert_string_equal(find_one("в Харькове", &h), "UA/Kharkiv");
    assert_string_equal(find_one("под Харьковом", &h), "UA/Kharkiv");
    assert_string_equal(find_one("о Франции", &h), "FR");
    /* no case ending closes on two consonants or a soft sign: a given
     * name that opens like a country is not the country */
    assert_string_equal(find_one("сказал Франциск", &h), "");
    td__place p;
    assert_false(td__place_lookup("Франциск", strlen("Франциск"), &p));
}

static void test_unspaced_scripts(void **state)
{
    (void)state;
    const char *text = "ロシアの大統領が東京を訪問";
    td__place_hit h[4];
    size_t n = td__places_find(text, strlen(text), h, 4);
    assert_int_equal(n, 2);
    assert_string_equal(h[0].place.id, "RU");
    assert_int_equal(h[0].off, 0);
    assert_string_equal(h[1].place.id, "JP/Tokyo");
}

static void test_common_words_are_not_places(void **state)
{
    (void)state;
    static const char *const words[] = {"May",  "the", "de",  "in",  "and",
                                        "cat",  "of",  "die", "che", "это",
                                        "MAY",  "us",  "la",  "a",   "is"};
    td__place p;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        assert_false(td__place_lookup(words[i], strlen(words[i]), &p));
    const char *text = "In May the cat and the dog said it is what it is; "
                       "il gatto e il cane, der Hund und die Katze.";
    td__place_hit h[4];
    assert_int_equal(td__places_find(text, strlen(text), h, 4), 0);
    /* Whole words only: a name inside a longer word is not found. */
    assert_int_equal(td__places_find("Chadwick", 8, h, 4), 0);
    assert_int_equal(td__places_find("Francesca", 9, h, 4), 0);
}

static void test_bad_inputs(void **state)
{
    (void)state;
    td__place_hit h[2];
    td__place p;
    assert_int_equal(td__places_find("", 0, h, 2), 0);
    assert_int_equal(td__places_find(NULL, 5, h, 2), 0);
    assert_false(td__place_lookup("", 0, &p));
    assert_false(td__place_lookup(NULL, 3, &p));
    /* Invalid UTF-8 around a name: the name is still found. */
    const char bad[] = "\xff\xfe Kazakhstan \xc3";
    assert_int_equal(td__places_find(bad, sizeof bad - 1, h, 2), 1);
    assert_string_equal(h[0].place.id, "KZ");
    assert_false(td__place_lookup("\xff\xfe", 2, &p));
    /* Only punctuation and digits. */
    assert_int_equal(td__places_find("12 -- 34 !!", 11, h, 2), 0);
}

static void test_max_smaller_than_found(void **state)
{
    (void)state;
    const char *text = "Russia, Kazakhstan, France and Italy";
    td__place_hit h[3];
    memset(h, 0x5a, sizeof h);
    assert_int_equal(td__places_find(text, strlen(text), h, 2), 4);
    assert_string_equal(h[0].place.id, "RU");
    assert_string_equal(h[1].place.id, "KZ");
    unsigned char canary[sizeof h[2]];
    memset(canary, 0x5a, sizeof canary);
    assert_memory_equal(&h[2], canary, sizeof canary);
    assert_int_equal(td__places_find(text, strlen(text), NULL, 0), 4);
}

static void test_seed_articles(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/seeds/000_2d2c36976dd6c487.txt",
             test_shared_dir());
    size_t len = 0;
    char *text = test_read_file(path, &len);
    if (!text)
        skip();
    td__place_hit h[64];
    size_t n = td__places_find(text, len, h, 64);
    int kz = 0;
    for (size_t i = 0; i < n && i < 64; i++)
        kz += strcmp(h[i].place.id, "KZ") == 0;
    assert_true(kz >= 3);
    free(text);
}


static void test_regions(void **state)
{
    (void)state;
    /* First-level regions (ISO 3166-2) in their languages, with and
     * without the word for their kind. */
    static const char *const bavaria[] = {"Bavaria", "Bayern", "Бавария",
                                          "Baviera", "Bavière"};
    td__place p;
    for (size_t i = 0; i < sizeof bavaria / sizeof bavaria[0]; i++) {
        assert_true(td__place_lookup(bavaria[i], strlen(bavaria[i]), &p));
        assert_string_equal(p.id, "DE-BY");
        assert_int_equal(p.kind, TD__PLACE_REGION);
        assert_string_equal(p.country, "DE");
        assert_string_equal(p.name, "Bavaria");
    }
    assert_true(td__place_lookup("California", 10, &p));
    assert_string_equal(p.id, "US-CA");
    assert_true(td__place_lookup("Донецкая область",
                                 strlen("Донецкая область"), &p));
    assert_string_equal(p.id, "UA-14");
    assert_true(td__place_lookup("Anhui", 5, &p)); /* "Anhui Sheng" */
    assert_string_equal(p.id, "CN-AH");
    /* A region's people are its cities'. */
    assert_true(p.population > 1000000);
    td__place_hit h;
    assert_string_equal(find_one("Heavy rain hit Emilia-Romagna again", &h),
                        "IT-45");
}

static void test_cities_with_population(void **state)
{
    (void)state;
    td__place p, q;
    static const char *const kharkiv[] = {"Kharkiv", "Харків", "Харьков",
                                          "Charkiw"};
    for (size_t i = 0; i < sizeof kharkiv / sizeof kharkiv[0]; i++) {
        assert_true(td__place_lookup(kharkiv[i], strlen(kharkiv[i]), &p));
        assert_string_equal(p.id, "UA/Kharkiv");
        assert_string_equal(p.country, "UA");
        assert_int_equal(p.kind, TD__PLACE_CITY);
    }
    assert_true(p.population > 1000000);
    /* Of two cities of one name, the one more languages name, then the
     * larger: Paris in France, Valencia in Spain (not the larger one in
     * Venezuela), in every script. */
    assert_true(td__place_lookup("Paris", 5, &p));
    assert_string_equal(p.id, "FR/Paris");
    assert_true(td__place_lookup("Valencia", 8, &p));
    assert_string_equal(p.id, "ES/Valencia");
    assert_true(td__place_lookup("Валенсия", strlen("Валенсия"), &p));
    assert_string_equal(p.id, "ES/Valencia");
    assert_true(td__place_lookup("Kazan", 5, &q));
    assert_true(td__place_lookup("Moscow", 6, &p));
    assert_true(p.population > q.population);
    /* A small city of GeoNames is there too. */
    assert_true(td__place_lookup("Altadena", 8, &p));
    assert_string_equal(p.country, "US");
    assert_true(p.population > 15000 && p.population < 1000000);
}

static void test_scripts(void **state)
{
    (void)state;
    /* Tehran in Persian, Devanagari, Malayalam and Tamil; Tbilisi in
     * Georgian, Yerevan in Armenian, Seoul in Hangul and katakana, Bangkok
     * in Thai, Khartoum in Arabic. */
    static const struct {
        const char *name, *id;
    } cases[] = {{"تهران", "IR/Tehran"},      {"तेहरान", "IR/Tehran"},
                 {"ടെഹ്റാൻ", "IR/Tehran"},     {"தெஹ்ரான்", "IR/Tehran"},
                 {"თბილისი", "GE/Tbilisi"},   {"Երևան", "AM/Yerevan"},
                 {"서울", "KR/Seoul"},        {"ソウル", "KR/Seoul"},
                 {"กรุงเทพมหานคร", "TH/Bangkok"}, {"الخرطوم", "SD/Khartoum"}};
    td__place p;
    td__place_hit h;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(td__place_lookup(cases[i].name, strlen(cases[i].name),
                                     &p));
        assert_string_equal(p.id, cases[i].id);
        char text[256];
        snprintf(text, sizeof text, "%s ", cases[i].name);
        assert_string_equal(find_one(text, &h), cases[i].id);
    }
    /* Chinese, written without spaces: found inside the sentence. */
    assert_string_equal(find_one("他昨天在德黑兰说", &h), "IR/Tehran");
    assert_int_equal(h.off, strlen("他昨天在"));
    assert_int_equal(h.len, strlen("德黑兰"));
}

static void test_adjectives_point_to_their_country(void **state)
{
    (void)state;
    static const struct {
        const char *name, *id;
    } cases[] = {{"Russian", "RU"},    {"russo", "RU"},     {"russisch", "RU"},
                 {"russe", "RU"},      {"ruso", "RU"},      {"Kazakh", "KZ"},
                 {"kazako", "KZ"},     {"French", "FR"},    {"français", "FR"},
                 {"французский", "FR"}, {"italiano", "IT"}, {"Ukrainian", "UA"}};
    td__place p;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(td__place_lookup(cases[i].name, strlen(cases[i].name),
                                     &p));
        assert_string_equal(p.id, cases[i].id);
        assert_int_equal(p.kind, TD__PLACE_DEMONYM);
    }
    assert_true(td__place_lookup("Russian", 7, &p));
    assert_string_equal(p.name, "Russia"); /* the country's name */
    assert_string_equal(p.country, "RU");
    /* A language spoken in many countries is nobody's adjective. */
    assert_false(td__place_lookup("Arabic", 6, &p));
    assert_false(td__place_lookup("English", 7, &p));
    /* Lower case outside English: "il governo russo". */
    td__place_hit h;
    assert_string_equal(find_one("il governo russo ha detto", &h), "RU");
    assert_string_equal(find_one("the Russian army", &h), "RU");
    assert_string_equal(find_one("please polish the shoes", &h), "");
}

static void test_capitals_and_common_words(void **state)
{
    (void)state;
    td__place_hit h;
    /* A name in a cased script must be capitalised. */
    assert_string_equal(find_one("the turkey was roasted", &h), "");
    assert_string_equal(find_one("Officials in Turkey said", &h), "TR");
    /* "réunion" is a meeting; La Réunion an island. Inside a sentence,
     * capitalised, it is the island; opening one, it is not taken. */
    assert_string_equal(find_one("La réunion a eu lieu hier.", &h), "");
    assert_string_equal(find_one("Le cyclone a frappé la Réunion hier.", &h),
                        "RE");
    assert_string_equal(find_one("Réunion du conseil demain.", &h), "");
    /* Nice, a city of 340,000 named like an English word. */
    assert_string_equal(find_one("Nice to meet you.", &h), "");
    assert_string_equal(find_one("The mayor of Nice said", &h), "FR/Nice");
    /* A country opening a sentence is the country: "nepal" is a word of
     * an Italian list, not of Nepali. */
    assert_string_equal(find_one("Nepal said on Friday", &h), "NP");
    /* All capitals is capitalised too. */
    assert_string_equal(find_one("KABUL (AP) -- a report", &h), "AF/Kabul");
    /* Lower case is fine for the exact look-up. */
    td__place p;
    assert_true(td__place_lookup("kazakhstan", 10, &p));
    assert_string_equal(p.id, "KZ");
}

static void test_person_names(void **state)
{
    (void)state;
    td__place_hit h;
    /* Vladimir is a city of 350,000 and a given name: not before another
     * capitalised word. */
    assert_string_equal(find_one("Vladimir Putin met him", &h), "");
    assert_string_equal(find_one("a factory in Vladimir was hit", &h),
                        "RU/Vladimir");
    /* A large city keeps its name anywhere. */
    assert_string_equal(find_one("Moscow Kremlin", &h), "RU/Moscow");
}

static void test_compounds_initials_and_city_regions(void **state)
{
    (void)state;
    td__place_hit h;
    td__place p, q;
    /* A name inside a hyphenated compound is the compound's. */
    assert_string_equal(find_one("Berg-Karabach", &h), "");
    /* A small place's short name in capitals is initials. */
    assert_string_equal(find_one("the REN party", &h), "");
    /* A region that is a city is the city, in every spelling. */
    assert_true(td__place_lookup("Stepanakert", 11, &p));
    assert_true(td__place_lookup("Степанакерт", strlen("Степанакерт"), &q));
    assert_string_equal(p.id, q.id);
    assert_int_equal(p.kind, TD__PLACE_CITY);
    assert_true(td__place_lookup("Moskva", 6, &p));
    assert_string_equal(p.id, "RU/Moscow");
    /* The look-up reads an inflected name as the matcher does. */
    assert_true(td__place_lookup("Харькове", strlen("Харькове"), &p));
    assert_string_equal(p.id, "UA/Kharkiv");
    assert_true(td__place_lookup("харькове", strlen("харькове"), &p));
    assert_false(td__place_lookup("Харьковчанин", strlen("Харьковчанин"), &p));
}

static void test_by_id(void **state)
{
    (void)state;
    td__place p;
    assert_true(td__place_by_id("RU", &p));
    assert_int_equal(p.kind, TD__PLACE_COUNTRY); /* not its adjective */
    assert_string_equal(p.name, "Russia");
    assert_true(td__place_by_id("DE-BY", &p));
    assert_string_equal(p.name, "Bavaria");
    assert_true(td__place_by_id("UA/Kharkiv", &p));
    assert_int_equal(p.kind, TD__PLACE_CITY);
    assert_false(td__place_by_id("XX/Nowhere", &p));
    assert_false(td__place_by_id("", &p));
    assert_false(td__place_by_id(NULL, &p));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_countries_in_many_languages),
        cmocka_unit_test(test_cities),
        cmocka_unit_test(test_find_in_text),
        cmocka_unit_test(test_longest_match),
        cmocka_unit_test(test_inflected_cyrillic),
        cmocka_unit_test(test_unspaced_scripts),
        cmocka_unit_test(test_common_words_are_not_places),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_max_smaller_than_found),
        cmocka_unit_test(test_seed_articles),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_cities_with_population),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_adjectives_point_to_their_country),
        cmocka_unit_test(test_capitals_and_common_words),
        cmocka_unit_test(test_person_names),
        cmocka_unit_test(test_compounds_initials_and_city_regions),
        cmocka_unit_test(test_by_id),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
