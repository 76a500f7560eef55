/* test_orgsig.c -- names of common words compared by what their words mean
 * across languages, through src/entity/orgsig.h. Fixtures are written here. */
#include "testutil.h"

#include "entity/orgsig.h"

static int sig(const char *name, const char *lang, td__orgsig *s)
{
    return td__orgsig_of(name, strlen(name), lang, s);
}

static int same(const char *a, const char *la, const char *b, const char *lb)
{
    td__orgsig x, y;
    assert_true(sig(a, la, &x));
    assert_true(sig(b, lb, &y));
    int m = td__orgsig_match(&x, &y);
    assert_int_equal(m, td__orgsig_match(&y, &x)); /* symmetric */
    return m;
}

static void test_translations_meet(void **state)
{
    (void)state;
    /* word order differs; the pivot gives the words' English concepts */
    assert_true(same("National Theatre", "en", "Théâtre national", "fr"));
    assert_true(same("National Theatre", "en", "Teatro Nacional", "es"));
    assert_true(same("Théâtre national", "fr", "Teatro Nacional", "es"));
    assert_true(same("European Central Bank", "en",
                     "Banque centrale européenne", "fr"));
    assert_true(same("Red Cross", "en", "Cruz Roja", "es"));
    /* a name word and a cognate meet by spelling beside a dictionary word */
    assert_true(same("Keelstone Stadium", "en", "Stadionul Keelstone", "ro"));
}

static void test_different_things_stay_apart(void **state)
{
    (void)state;
    assert_false(same("National Theatre", "en", "National Museum", "en"));
    assert_false(same("National Theatre", "en", "Musée national", "fr"));
    assert_false(same("European Central Bank", "en", "Red Cross", "en"));
    /* one word left over on each side is one too many */
    assert_false(same("European Central Bank", "en",
                      "Banque centrale nationale", "fr"));
    /* people: spelling alone is not meaning (no dictionary word pairs) */
    assert_false(same("Teodora Fernanda", "es", "Teodora Fernandez", "es"));
}

static void test_one_extra_word(void **state)
{
    (void)state;
    /* the longer name may keep one word the shorter lacks */
    assert_true(same("European Central Bank", "en", "Banque centrale", "fr"));
}

static void test_no_signature(void **state)
{
    (void)state;
    td__orgsig s;
    assert_false(sig("Theatre", "en", &s));      /* one word */
    assert_false(sig("", "en", &s));             /* nothing */
    assert_false(sig("of the", "en", &s));       /* stop words only */
    assert_false(sig("a b c d e f g h i j k l m n o p", "en", &s));
    assert_false(sig("Alpha Bravo Charlie Delta Echo Foxtrot Golf", "en", &s));
    /* an unknown language still has spelling ids */
    assert_true(sig("Keelstone Stadium", "xx", &s));
    assert_int_equal(s.n, 2);
    assert_true(sig("Keelstone Stadium", NULL, &s));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_translations_meet),
        cmocka_unit_test(test_different_things_stay_apart),
        cmocka_unit_test(test_one_extra_word),
        cmocka_unit_test(test_no_signature),
    };
    return cmocka_run_group_tests_name("orgsig", tests, NULL, NULL);
}
