/* test_headline.c -- the headline rule, through src/clean/headline.h and
 * the public td_headline(). Every line here is written for the test. */
#include "testutil.h"

#include "clean/headline.h"
#include "tidings.h"

static size_t code_points(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void test_real_titles_kept(void **state)
{
    (void)state;
    static const char *const good[] = {
        "Harbour authority opens the old lighthouse to visitors",
        "Neue Fähre für den Bergsee bestellt",
        "Le maire inaugure le nouveau pont sur la rivière",
        "Парламент принял закон о береговой охране",
        "港口管理局宣布灯塔向游客开放",
        "Team beat the visitors 3-2 after extra time",
        "Mayor: \"We will rebuild the pier by June\"",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        const char *why = td__headline_reject(good[i], strlen(good[i]), NULL);
        if (why)
            fail_msg("'%s' rejected as %s", good[i], why);
    }
}

static void test_not_headlines(void **state)
{
    (void)state;
    static const struct {
        const char *line, *why;
    } bad[] = {
        {"14 March 2021 08:30", "dateline"},
        {"Updated March 14, 2021 - Local", "dateline"},
        {"Published: 8:30 AM March 14, 2021 Updated: 9:10 AM March 14, 2021",
         "dateline"},
        {"обновлено 14 марта 2021, 08:30", "dateline"},
        {"Jane Roe/Getty Images", "credit"},
        {"(c) AGENCY (PHOTOGRAPHER)", "credit"},
        {"The mayor speaks at the pier on Monday. Photo: Town Hall", "credit"},
        {"Фото: пресс-служба мэрии", "credit"},
        {"By Jane Roe", "byline"},
        {"Estimated reading time 4 minutes", "furniture"},
        {"This audio is created with AI assistance", "furniture"},
        {"Become a Harbour Weekly Member", "furniture"},
        {"(Update after the mayor's statement)", "furniture"},
        {"Pier Town harbour ferry Pier Town", "tag list"},
        {"", "empty"},
        {"12:00", "empty"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *why = td__headline_reject(bad[i].line,
                                              strlen(bad[i].line), NULL);
        if (!why || strcmp(why, bad[i].why) != 0)
            fail_msg("'%s': wanted %s, got %s", bad[i].line, bad[i].why,
                     why ? why : "a headline");
    }
}

static void test_lead_sentence_when_title_is_not_one(void **state)
{
    (void)state;
    char out[512];
    const char *text =
        "14 Mar 2021 08:30\n"
        "PIER TOWN, March 14 (Harbour Wire) - The old lighthouse on the "
        "north pier opened to visitors on Sunday after ten years of repairs. "
        "More than a thousand people came.\nSecond paragraph.";
    int got = td_headline("Jane Roe/Getty Images", text, "en", out,
                          sizeof out);
    assert_int_equal(got, 1);
    assert_string_equal(out, "The old lighthouse on the north pier opened to "
                             "visitors on Sunday after ten years of "
                             "repairs.");
    /* A good title wins. */
    got = td_headline("Lighthouse opens to visitors", text, "en", out,
                      sizeof out);
    assert_int_equal(got, 2);
    assert_string_equal(out, "Lighthouse opens to visitors");
    /* Neither: nothing. */
    got = td_headline("12:00", "Photo: Jane Roe", "en", out, sizeof out);
    assert_int_equal(got, 0);
    assert_string_equal(out, "");
}

static void test_cut_at_a_word_boundary(void **state)
{
    (void)state;
    char out[512];
    const char *text =
        "The harbour authority said on Sunday that the old lighthouse on the "
        "north pier, which had been closed for ten years of slow and costly "
        "repairs, would open to visitors every weekend from April until the "
        "end of October";
    assert_int_equal(td_headline(NULL, text, "en", out, sizeof out), 1);
    assert_true(code_points(out) <= TD__HEADLINE_MAX);
    size_t n = strlen(out);
    assert_true(n > 3 && strcmp(out + n - 3, "\xE2\x80\xA6") == 0);
    /* The cut falls after a whole word of the text. */
    char word_end = text[n - 3];
    assert_true(word_end == ' ' || word_end == ',');
    /* Unspaced Chinese is cut on a code point, still within the limit. */
    char cjk[2048] = "";
    for (int i = 0; i < 60; i++)
        strcat(cjk, "港口管理局");
    assert_int_equal(td_headline(NULL, cjk, "zh", out, sizeof out), 1);
    assert_true(code_points(out) <= TD__HEADLINE_MAX);
    /* A small buffer is never overrun and stays valid UTF-8. */
    char tiny[10];
    td_headline(NULL, cjk, "zh", tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny);
}

static void test_dated_tail_and_bad_input(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(td_headline("Lighthouse opens to visitors | 14.03.2021",
                                 NULL, "en", out, sizeof out),
                     2);
    assert_string_equal(out, "Lighthouse opens to visitors");
    /* A title cut inside a character upstream loses the broken end. */
    assert_int_equal(td_headline("Маяк открыт для посетител\xD0", NULL, "ru",
                                 out, sizeof out),
                     2);
    assert_string_equal(out, "Маяк открыт для посетител");
    assert_int_equal(td_headline(NULL, NULL, NULL, out, sizeof out), 0);
    assert_int_equal(td_headline("x", NULL, NULL, out, 4), 0);
    assert_non_null(td_headline_reject(NULL, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_titles_kept),
        cmocka_unit_test(test_not_headlines),
        cmocka_unit_test(test_lead_sentence_when_title_is_not_one),
        cmocka_unit_test(test_cut_at_a_word_boundary),
        cmocka_unit_test(test_dated_tail_and_bad_input),
    };
    return cmocka_run_group_tests_name("headline", tests, NULL, NULL);
}
