/* test_dates.c -- dates and numbers in text (src/entity/dates.h): CLDR
 * month and weekday names through ICU in many languages, year inference,
 * weekday resolution, numbers with separators and units. Fixtures are
 * written here. */
#include "testutil.h"

#include "entity/dates.h"

/* The ISO form of the only date found in text ("" when none). */
static const char *one_date(const char *text, const char *lang,
                            const char *ref, td__date_hit *h)
{
    static char iso[16];
    size_t n = td__dates_find(text, strlen(text), lang, ref, h, 1);
    if (n == 0)
        return "";
    assert_int_equal(n, 1);
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", h->year, h->month, h->day);
    return iso;
}

static void test_absolute_dates_in_many_languages(void **state)
{
    (void)state;
    static const struct {
        const char *lang, *text, *iso;
    } cases[] = {
        {"it", "Lo ha annunciato il 7 gennaio 2022 il servizio", "2022-01-07"},
        {"en", "On January 7, 2022, the president said", "2022-01-07"},
        {"en", "on 7 January 2022", "2022-01-07"},
        {"pt", "em 28 de dezembro de 2021 houve", "2021-12-28"},
        {"de", "am 9. November 2021 fiel", "2021-11-09"},
        {"ru", "28 декабря 2021 года президент", "2021-12-28"},
        {"uk", "28 грудня 2021 року", "2021-12-28"},
        {"fr", "le 7 janvier 2022 à Paris", "2022-01-07"},
        {"es", "el 7 de enero de 2022", "2022-01-07"},
        {"pl", "dnia 12 listopada 2021", "2021-11-12"},
        {"tr", "7 Ocak 2022 tarihinde", "2022-01-07"},
        {"el", "στις 7 Ιανουαρίου 2022", "2022-01-07"},
        {"hu", "2022. január 7. napján", "2022-01-07"},
        {"nl", "op 7 januari 2022", "2022-01-07"},
        {NULL, "published 2022-01-07 at noon", "2022-01-07"},
        {"ru", "от 07.01.2022 г.", "2022-01-07"},
        {"it", "il 7/1/2022", "2022-01-07"},
        {"en", "on 13/1/2022", "2022-01-13"},
        {"ja", "[2021/07/24 09:26] 開会式", "2021-07-24"},
        {"zh", "火種是2020年3月12日在希臘採集", "2020-03-12"},
        {"ja", "2024年10月9日に解散", "2024-10-09"},
        {"ko", "2024년 12월 29일 오전", "2024-12-29"},
        {"zh", "2020年6月", "2020-06-00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        td__date_hit h;
        const char *iso = one_date(cases[i].text, cases[i].lang, NULL, &h);
        if (strcmp(iso, cases[i].iso) != 0)
            fail_msg("%s: got '%s', want %s", cases[i].text, iso,
                     cases[i].iso);
        assert_int_equal(h.relative, 0);
    }
}

static void test_spans(void **state)
{
    (void)state;
    td__date_hit h;
    const char *text = "Lo ha annunciato il 7 gennaio il servizio";
    assert_string_equal(one_date(text, "it", "2022-01", &h), "2022-01-07");
    assert_int_equal(h.off, strlen("Lo ha annunciato il "));
    assert_int_equal(h.len, strlen("7 gennaio"));
    /* A CJK date ends with its unit, though the word runs on. */
    text = "火種是2020年3月12日在希臘採集";
    assert_string_equal(one_date(text, "zh", NULL, &h), "2020-03-12");
    assert_int_equal(h.off, strlen("火種是"));
    assert_int_equal(h.len, strlen("2020年3月12日"));
    /* Month and day of no year take the year from ref; a month alone or
     * a day alone is no date; 2022/13/01 is none. */
    assert_string_equal(one_date("首相は10月9日に", "ja", "2024-10", &h),
                        "2024-10-09");
    assert_string_equal(one_date("3月に", "ja", NULL, &h), "");
    assert_string_equal(one_date("15日公示", "ja", NULL, &h), "");
    assert_string_equal(one_date("on 2022/13/01", "en", NULL, &h), "");
}

static void test_year_from_ref(void **state)
{
    (void)state;
    td__date_hit h;
    /* 000 and 001 of the seeds: the same day, in two languages. */
    assert_string_equal(one_date("il 7 gennaio", "it", "2022-01", &h),
                        "2022-01-07");
    assert_string_equal(one_date("on January 7", "en", "2022-01-10", &h),
                        "2022-01-07");
    /* A month after ref's month is of the year before. */
    assert_string_equal(one_date("il 28 dicembre", "it", "2022-01-07", &h),
                        "2021-12-28");
    /* No ref: year unknown. */
    assert_string_equal(one_date("il 7 gennaio", "it", NULL, &h),
                        "0000-01-07");
    /* A month without a day: day 0. */
    assert_string_equal(one_date("nel marzo 2021", "it", NULL, &h),
                        "2021-03-00");
    assert_string_equal(one_date("in March", "en", "2022-05-01", &h),
                        "2022-03-00");
    /* Unknown language: every language is tried. */
    assert_string_equal(one_date("am 9. November", NULL, "2021-11-20", &h),
                        "2021-11-09");
}

static void test_weekdays_and_yesterday(void **state)
{
    (void)state;
    td__date_hit h;
    const char *ref = "2022-01-08"; /* a Saturday */
    static const struct {
        const char *lang, *text, *iso;
    } cases[] = {
        {"en", "on Saturday the police", "2022-01-08"},
        {"pt", "no sábado a polícia", "2022-01-08"},
        {"it", "giovedì scorso", "2022-01-06"},
        {"ru", "в субботу вечером", "2022-01-08"},
        {"ru", "в среду", "2022-01-05"},
        {"de", "am Sonntag", "2022-01-02"},
        {"en", "yesterday", "2022-01-07"},
        {"it", "ieri", "2022-01-07"},
        {"ru", "вчера", "2022-01-07"},
        {"es", "hoy", "2022-01-08"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *iso = one_date(cases[i].text, cases[i].lang, ref, &h);
        if (strcmp(iso, cases[i].iso) != 0)
            fail_msg("%s: got '%s', want %s", cases[i].text, iso,
                     cases[i].iso);
        assert_int_equal(h.relative, 1);
    }
    /* A ref without a day cannot resolve a weekday. */
    assert_string_equal(one_date("on Saturday", "en", "2022-01", &h), "");
    assert_string_equal(one_date("on Saturday", "en", NULL, &h), "");
    /* A weekday before an absolute date is part of it. */
    assert_string_equal(
        one_date("Saturday, January 8, 2022", "en", ref, &h), "2022-01-08");
    assert_int_equal(h.relative, 0);
}

static void test_junk_and_empty(void **state)
{
    (void)state;
    td__date_hit h[4];
    assert_int_equal(td__dates_find("", 0, "en", "2022-01-08", h, 4), 0);
    assert_int_equal(td__dates_find(NULL, 3, "en", NULL, h, 4), 0);
    static const char *const junk[] = {
        "32 gennaio 2022", "31 February", "99.99.9999",
        "2022-13-45", "7/1/2022", /* English: ambiguous */
        "\xff\xfe\xfd 7 \xc3", "at 7:30 in the morning", "version 1.2.3",
        "the cat sat on the mat", "May I come in?", "1234567 gennaio",
    };
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        size_t n = td__dates_find(junk[i], strlen(junk[i]), "en",
                                  "bad-ref", h, 4);
        if (n != 0)
            fail_msg("junk '%s' gave %zu dates", junk[i], n);
    }
    /* Bad refs are ignored, not trusted. */
    assert_string_equal(one_date("on 7 January", "en", "2022-99-99", h),
                        "0000-01-07");
}

static void test_max_smaller_than_found(void **state)
{
    (void)state;
    const char *text = "7 gennaio 2022, 8 gennaio 2022 e 9 gennaio 2022";
    td__date_hit h[2];
    memset(h, 0x5a, sizeof h);
    assert_int_equal(td__dates_find(text, strlen(text), "it", NULL, h, 1), 3);
    assert_int_equal(h[0].day, 7);
    unsigned char canary[sizeof h[1]];
    memset(canary, 0x5a, sizeof canary);
    assert_memory_equal(&h[1], canary, sizeof canary);
    assert_int_equal(td__dates_find(text, strlen(text), "it", NULL, NULL, 0),
                     3);
}

/* ---- numbers ---- */

static void expect_number(const char *text, const char *lang,
                          const char *value, const char *unit)
{
    td__number_hit h[4];
    size_t n = td__numbers_find(text, strlen(text), lang, h, 4);
    if (n != 1 || strcmp(h[0].value, value) != 0 ||
        strcmp(h[0].unit, unit) != 0)
        fail_msg("'%s': got %zu numbers, first '%s' '%s'; want '%s' '%s'",
                 text, n, n ? h[0].value : "", n ? h[0].unit : "", value,
                 unit);
}

static void test_number_separators(void **state)
{
    (void)state;
    expect_number("4.404 pessoas", "pt", "4404", "pessoas");
    expect_number("4,404 people", "en", "4404", "people");
    expect_number("4 404 человек", "ru", "4404", "человек");
    expect_number("4\xc2\xa0" "404", "fr", "4404", "");
    expect_number("4404", NULL, "4404", "");
    expect_number("81,31", "it", "81.31", "");
    expect_number("81.31", "en", "81.31", "");
    expect_number("1.234.567,5", "de", "1234567.5", "");
    expect_number("1,234.5", "en", "1234.5", "");
    expect_number("0.404", "en", "0.404", "");
}

static void test_number_units(void **state)
{
    (void)state;
    expect_number("81%", "en", "81", "%");
    expect_number("81,5 %", "it", "81.5", "%");
    expect_number("12 per cento", "it", "12", "");
    expect_number("12 percent", "en", "12", "%");
    expect_number("an 81-year-old man", "en", "81", "year-old");
    expect_number("un 81enne", "it", "81", "enne");
    expect_number("81 anni", "it", "81", "anni");
    /* Stop words and month names are not units. */
    expect_number("81 and more", "en", "81", "");
    expect_number("il 7 gennaio", "it", "7", "");
    /* Ordinals are not units. */
    expect_number("the 21st century", "en", "21", "");
}

static void test_number_junk(void **state)
{
    (void)state;
    td__number_hit h[4];
    assert_int_equal(td__numbers_find("", 0, "en", h, 4), 0);
    assert_int_equal(td__numbers_find(NULL, 4, "en", h, 4), 0);
    assert_int_equal(td__numbers_find("G7 and COVID-19", 15, "en", h, 4), 0);
    assert_int_equal(td__numbers_find("no digits here", 14, "en", h, 4), 0);
    const char bad[] = "\xff 12 \xfe";
    assert_int_equal(td__numbers_find(bad, sizeof bad - 1, "en", h, 4), 1);
    assert_string_equal(h[0].value, "12");
    /* Too long to hold: skipped, not cut. */
    const char *big = "123456789012345678901234567890123456789";
    assert_int_equal(td__numbers_find(big, strlen(big), "en", h, 4), 0);
    /* max smaller than found */
    memset(h, 0x5a, sizeof h);
    assert_int_equal(td__numbers_find("1 2 3", 5, "en", h, 1), 3);
    assert_string_equal(h[0].value, "1");
    unsigned char canary[sizeof h[1]];
    memset(canary, 0x5a, sizeof canary);
    assert_memory_equal(&h[1], canary, sizeof canary);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute_dates_in_many_languages),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_year_from_ref),
        cmocka_unit_test(test_weekdays_and_yesterday),
        cmocka_unit_test(test_junk_and_empty),
        cmocka_unit_test(test_max_smaller_than_found),
        cmocka_unit_test(test_number_separators),
        cmocka_unit_test(test_number_units),
        cmocka_unit_test(test_number_junk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
