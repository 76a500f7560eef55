/* test_clean.c -- the cleaning pass, through src/clean/clean.h. */
#include "testutil.h"

#include "clean/clean.h"

static td__cleaned clean_str(const char *s, const char *title)
{
    td__cleaned c;
    assert_int_equal(td__clean(s, strlen(s), title, &c), TD_OK);
    return c;
}

static int removed_with(const td__cleaned *c, const char *reason,
                        const char *needle)
{
    for (size_t i = 0; i < c->nremoved; i++)
        if (strcmp(c->removed[i].reason, reason) == 0 &&
            strstr(c->removed[i].text, needle))
            return 1;
    return 0;
}

static void test_markup_remnants(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Il presidente ha parlato oggi a lungo con i giornalisti. < /p>\n"
        "Ne ha parlato > l'ex capo &amp; il suo vice&nbsp;ieri.<br/>Poi "
        "altro.\nMa 3 > 2 resta, e anche a<b resta.",
        NULL);
    assert_null(strstr(c.text, "< /p>"));
    assert_null(strstr(c.text, "<br/>"));
    assert_null(strstr(c.text, "parlato >"));
    assert_non_null(strstr(c.text, "capo & il suo vice ieri."));
    assert_non_null(strstr(c.text, "\nPoi altro."));
    assert_non_null(strstr(c.text, "3 > 2"));
    assert_non_null(strstr(c.text, "a<b"));
    assert_true(removed_with(&c, "markup", "< /p>"));
    td__cleaned_free(&c);
}

static void test_date_marker_and_title(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        " date 2022-01-07 Il governo cade dopo il voto in Parlamento\n"
        "Il governo è caduto ieri sera dopo un lungo voto in Parlamento, "
        "con la maggioranza divisa su tutto.\n",
        NULL);
    assert_string_equal(c.date, "2022-01-07");
    assert_string_equal(c.date_source, "marker");
    assert_string_equal(c.title, "Il governo cade dopo il voto in Parlamento");
    assert_true(strncmp(c.text, "Il governo è caduto", 20) == 0);
    td__cleaned_free(&c);

    c = clean_str(" date 2022-13 not a month\nBody text here.", NULL);
    assert_null(c.date);
    td__cleaned_free(&c);
}

static void test_no_title_when_first_line_is_prose(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Der Präsident sprach am Montag lange mit den Journalisten über die "
        "Lage im Land und die nächsten Schritte der Regierung.\nZweiter "
        "Absatz mit weiteren Einzelheiten zum Treffen.",
        NULL);
    assert_null(c.title);
    td__cleaned_free(&c);
}

static void test_comment_thread_cut(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Titolo della notizia di oggi\n"
        "Il ministro ha annunciato nuove misure economiche per le famiglie "
        "colpite dalla crisi energetica di questo inverno.\n"
        "Le misure entreranno in vigore dal primo febbraio, ha detto.\n"
        "Commenti\n"
        "1. mario Offline mario\n"
        "mario (Mario) 8 gennaio 2022 10: 28\n"
        "Non sono d'accordo con niente di tutto questo.\n"
        "2. anna Offline anna\n"
        "anna (Anna) 8 gennaio 2022 11:02\n"
        "Citazione: mario\n"
        "Nemmeno io.\n",
        NULL);
    assert_non_null(strstr(c.text, "primo febbraio"));
    assert_null(strstr(c.text, "mario"));
    assert_null(strstr(c.text, "Nemmeno"));
    assert_true(removed_with(&c, "comments", "Offline"));
    td__cleaned_free(&c);
}

static void test_one_marker_is_not_a_thread(void **state)
{
    (void)state;
    /* A single "Quote:" line inside an article must not cut the rest. */
    td__cleaned c = clean_str(
        "The court heard the case on Monday and delivered a verdict after a "
        "long deliberation that lasted into the night.\n"
        "Quote: the judge said the law was clear.\n"
        "The defendant will appeal the verdict, his lawyers said in a "
        "statement to the press on Tuesday morning.\n",
        NULL);
    assert_non_null(strstr(c.text, "will appeal"));
    td__cleaned_free(&c);
}

static void test_furniture_multilingual(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Le gouvernement a annoncé mardi une réforme des retraites très "
        "contestée par les syndicats et l'opposition.\n"
        "Partager\n"
        "Photo : AFP\n"
        "Lire aussi :\n"
        "La réforme expliquée en cinq points\n"
        "Les syndicats appellent à une nouvelle journée de grève jeudi dans "
        "tout le pays, selon un communiqué.\n"
        "Tous droits réservés\n"
        "  • Used photos:\n"
        "Читайте также:\n"
        "Argomenti simili:\n"
        "Altre notizie\n",
        NULL);
    assert_null(strstr(c.text, "Partager"));
    assert_null(strstr(c.text, "AFP"));
    assert_null(strstr(c.text, "cinq points"));
    assert_null(strstr(c.text, "droits"));
    assert_null(strstr(c.text, "Used photos"));
    assert_null(strstr(c.text, "Читайте"));
    assert_null(strstr(c.text, "Altre notizie"));
    assert_non_null(strstr(c.text, "journée de grève"));
    assert_true(removed_with(&c, "related links", "cinq points"));
    td__cleaned_free(&c);
}

static void test_prose_starting_like_furniture_stays(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Share prices fell sharply on Monday as investors weighed the "
        "central bank's decision to raise interest rates again.\n"
        "Photo finishes are rare in this race, but this year the result was "
        "decided by a hundredth of a second.\n",
        NULL);
    assert_non_null(strstr(c.text, "Share prices fell"));
    assert_non_null(strstr(c.text, "Photo finishes"));
    td__cleaned_free(&c);
}

static void test_dateline_and_repeats(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "WORLD\n3 MIN READ\n"
        "Election result announced in the capital\n"
        "05:37 GMT 21.11.2022\n"
        "Election result announced in the capital\n"
        "The election commission announced the preliminary results on "
        "Monday morning, with turnout at 69 percent.\n",
        NULL);
    assert_string_equal(c.title, "Election result announced in the capital");
    assert_string_equal(c.date, "2022-11-21");
    assert_string_equal(c.date_source, "dateline");
    assert_null(strstr(c.text, "WORLD"));
    assert_null(strstr(c.text, "MIN READ"));
    assert_null(strstr(c.text, "GMT"));
    assert_null(strstr(c.text, "capital\n"));
    td__cleaned_free(&c);
}

static void test_cjk_text_is_kept(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "香港高等法院29日舉行終極聆訊，中國恒大再度尋求延後清盤不果。\n"
        "法官最終頒令中國恒大清算並委任清算人。",
        NULL);
    assert_non_null(strstr(c.text, "香港高等法院"));
    assert_non_null(strstr(c.text, "委任清算人"));
    td__cleaned_free(&c);
}

static void test_whitespace_and_nfc(void **state)
{
    (void)state;
    /* e + combining acute -> é; NBSP, tabs, ZWSP, soft hyphen go; ZWNJ
     * (Persian) stays. */
    td__cleaned c = clean_str("Cafe\xcc\x81\t\tau\xc2\xa0\xc2\xa0lait "
                              "in\xe2\x80\x8bter\xc2\xad"
                              "national \xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1"
                              "\r\n\r\n\r\n\r\nnext   line  ",
                              NULL);
    assert_string_equal(c.text, "Café au lait international "
                                "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xb1\nnext line");
    td__cleaned_free(&c);
}

static void test_given_title_dropped_from_text(void **state)
{
    (void)state;
    td__cleaned c = clean_str(
        "Floods hit the north\nHeavy rain caused floods across the north of "
        "the country on Sunday, officials said.",
        "Floods hit the north");
    assert_null(strstr(c.text, "Floods hit"));
    td__cleaned_free(&c);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    const char *s = "Title of the piece here\n<p>Body &amp; more body text "
                    "that goes on for a while, with a period.</p>\nShare\n";
    for (long n = 1; n < 400; n++) {
        td__cleaned c;
        td_test_fail_alloc(n, 1);
        td_status st = td__clean(s, strlen(s), NULL, &c);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM);
        if (st == TD_OK)
            td__cleaned_free(&c);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markup_remnants),
        cmocka_unit_test(test_date_marker_and_title),
        cmocka_unit_test(test_no_title_when_first_line_is_prose),
        cmocka_unit_test(test_comment_thread_cut),
        cmocka_unit_test(test_one_marker_is_not_a_thread),
        cmocka_unit_test(test_furniture_multilingual),
        cmocka_unit_test(test_prose_starting_like_furniture_stays),
        cmocka_unit_test(test_dateline_and_repeats),
        cmocka_unit_test(test_cjk_text_is_kept),
        cmocka_unit_test(test_whitespace_and_nfc),
        cmocka_unit_test(test_given_title_dropped_from_text),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("clean", tests, NULL, NULL);
}
