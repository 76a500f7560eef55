/* test_html.c -- HTML extraction and web dates, through ingest/html.h. */
#include "testutil.h"

#include "core/alloc.h"
#include "ingest/html.h"

static td__html_doc extract(const char *html)
{
    td__html_doc d;
    assert_int_equal(td__html_extract(html, strlen(html), &d), TD_OK);
    return d;
}

static const char *const PARAS =
    "<p>The first paragraph is long enough to count as content, with commas, "
    "clauses, and a full stop at its end.</p>"
    "<p>The second paragraph says more about the same event, and it is also "
    "long enough, with commas.</p>";

static void test_body_without_furniture(void **state)
{
    (void)state;
    char html[4096];
    snprintf(html, sizeof html,
             "<html><body><nav><a href=/>Home</a><a href=/w>World</a></nav>"
             "<div id=cookie-consent>We use cookies, many cookies, to track "
             "you everywhere, please accept them all now.</div>"
             "<div class=main><article>%s"
             "<div class=social-share><a href=#>Share on Facebook</a></div>"
             "</article><div class=\"comments-area\"><p>A reader comment "
             "that is long, opinionated, and full of commas, like all.</p>"
             "</div><ul class=related><li><a href=/1>Another story with a "
             "long title here</a></li></ul></div>"
             "<footer>Copyright and imprint</footer></body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The first paragraph"));
    assert_non_null(strstr(d.text, "\nThe second paragraph"));
    assert_null(strstr(d.text, "cookies"));
    assert_null(strstr(d.text, "reader comment"));
    assert_null(strstr(d.text, "Share on"));
    assert_null(strstr(d.text, "Another story"));
    assert_null(strstr(d.text, "Copyright"));
    assert_null(strstr(d.text, "Home"));
    td__html_doc_free(&d);
    assert_null(d.text); /* zeroed */
}

static void test_comment_hints_in_languages(void **state)
{
    (void)state;
    const char *hints[] = {"kommentare", "commenti", "comentarios",
                           "commentaires", "reacties"};
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
        char html[4096];
        snprintf(html, sizeof html,
                 "<body><div>%s<section id=%s><p>Reader text that is long, "
                 "with commas, opinions, and more opinions too.</p>"
                 "</section></div></body>",
                 PARAS, hints[i]);
        td__html_doc d = extract(html);
        assert_null(strstr(d.text, "Reader text"));
        assert_non_null(strstr(d.text, "first paragraph"));
        td__html_doc_free(&d);
    }
}

static void test_metadata(void **state)
{
    (void)state;
    char html[4096];
    snprintf(html, sizeof html,
             "<html lang=\"it-IT\"><head><title>Titolo | Gazzetta</title>"
             "<meta property=\"og:site_name\" content=\"Gazzetta\">"
             "<meta name=\"author\" content=\"Anna Rossi\">"
             "<link rel=\"canonical\" href=\"https://g.example/2022/01/07/x\">"
             "</head><body><h1>Titolo</h1>%s</body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_string_equal(d.title, "Titolo");
    assert_string_equal(d.lang, "it");
    assert_string_equal(d.url, "https://g.example/2022/01/07/x");
    assert_string_equal(d.date, "2022-01-07"); /* from the URL */
    assert_string_equal(d.author, "Anna Rossi");
    assert_string_equal(d.site, "Gazzetta");
    assert_null(strstr(d.text, "Titolo")); /* h1 is the title, not body */
    td__html_doc_free(&d);

    /* Date sources in order: article:published_time, JSON-LD, <time>. */
    snprintf(html, sizeof html,
             "<head><script type=\"application/ld+json\">[{\"@type\":"
             "\"NewsArticle\",\"datePublished\":\"2020-05-06T01:02:03Z\"}]"
             "</script></head><body><time datetime=\"2019-01-01\">x</time>"
             "%s</body>",
             PARAS);
    d = extract(html);
    assert_string_equal(d.date, "2020-05-06");
    td__html_doc_free(&d);
    snprintf(html, sizeof html,
             "<head><meta property=\"article:published_time\" "
             "content=\"2021-02-03\"><script type=\"application/ld+json\">"
             "{broken json</script></head><body>%s</body>",
             PARAS);
    d = extract(html);
    assert_string_equal(d.date, "2021-02-03");
    td__html_doc_free(&d);
}

static void test_encodings(void **state)
{
    (void)state;
    /* "Привет, мир" in windows-1251 and KOI8-R; "été" in Latin-1. */
    const char cp1251[] = "<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8"
                          "\xE2\xE5\xF2, \xEC\xE8\xF0 and more words to "
                          "make it a block.</p>";
    const char koi8[] = "<meta http-equiv=\"Content-Type\" content=\"text/"
                        "html; charset=koi8-r\"><p>\xF0\xD2\xC9\xD7\xC5\xD4"
                        ", \xCD\xC9\xD2 and more words to make a block.</p>";
    const char latin1[] = "<meta charset=iso-8859-1><p>L'\xE9t\xE9 est "
                          "chaud, et il dure longtemps cette ann\xE9" "e.</p>";
    td__html_doc d = extract(cp1251);
    assert_non_null(strstr(d.text, "Привет, мир"));
    td__html_doc_free(&d);
    d = extract(koi8);
    assert_non_null(strstr(d.text, "Привет, мир"));
    td__html_doc_free(&d);
    d = extract(latin1);
    assert_non_null(strstr(d.text, "L'été est chaud"));
    td__html_doc_free(&d);
    /* An HTTP charset wins over the page's own. */
    assert_int_equal(td__html_extract_cs(cp1251, strlen(cp1251), "koi8-r",
                                         &d),
                     TD_OK);
    assert_null(strstr(d.text, "Привет"));
    td__html_doc_free(&d);
    /* Invalid UTF-8 declared as UTF-8 becomes U+FFFD, never bad output. */
    const char bad[] = "<meta charset=utf-8><p>ok \xFF\xFE text that goes "
                       "on and on for a while.</p>";
    d = extract(bad);
    assert_non_null(strstr(d.text, "\xEF\xBF\xBD"));
    td__html_doc_free(&d);
    /* An unknown label falls back on windows-1252. */
    const char unk[] = "<meta charset=x-nonsense-9><p>Caf\xE9 au lait, "
                       "with milk and a long sentence.</p>";
    d = extract(unk);
    assert_non_null(strstr(d.text, "Café"));
    td__html_doc_free(&d);
}

static void test_bad_input(void **state)
{
    (void)state;
    td__html_doc d;
    memset(&d, 0x5a, sizeof d);
    assert_int_equal(td__html_extract("", 0, &d), TD_EEMPTY);
    assert_int_equal(td__html_extract("<html><script>x()</script></html>",
                                      33, &d),
                     TD_EEMPTY);
    assert_int_equal(td__html_extract("\0\0\0\0", 4, &d), TD_EEMPTY);
    unsigned char *p = (unsigned char *)&d;
    assert_int_equal(p[0], 0x5a); /* untouched on failure */
    assert_int_equal(td__html_extract(NULL, 3, &d), TD_EINVAL);
    /* Deep nesting and unclosed tags. */
    size_t n = 200000;
    char *deep = malloc(n + 200);
    size_t k = 0;
    while (k + 5 < n)
        memcpy(deep + k, "<div>", 5), k += 5;
    strcpy(deep + k, "<p>Deep text, at last, long enough to be a block.");
    td_status st = td__html_extract(deep, strlen(deep), &d);
    assert_true(st == TD_OK || st == TD_EEMPTY);
    if (st == TD_OK)
        td__html_doc_free(&d);
    free(deep);
}

static void test_fragment(void **state)
{
    (void)state;
    const char *f = "<p>One.</p><p>Two &amp; three</p><script>no()</script>";
    char *t = td__html_fragment_text(f, strlen(f));
    assert_string_equal(t, "One.\nTwo & three");
    td__free(t);
    t = td__html_fragment_text("", 0);
    assert_string_equal(t, "");
    td__free(t);
}

static void test_dates(void **state)
{
    (void)state;
    char d[11];
    assert_int_equal(td__web_date("2022-01-07T10:00:00+01:00", d), 0);
    assert_string_equal(d, "2022-01-07");
    assert_int_equal(td__web_date("Fri, 07 Jan 2022 10:00:00 GMT", d), 0);
    assert_string_equal(d, "2022-01-07");
    assert_int_equal(td__web_date("7 Jan 2022", d), 0);
    assert_string_equal(d, "2022-01-07");
    assert_int_equal(td__web_date("2022/12/31", d), 0);
    assert_string_equal(d, "2022-12-31");
    assert_int_equal(td__web_date("20220107", d), 0);
    assert_string_equal(d, "2022-01-07");
    assert_int_equal(td__web_date("2022-13-01", d), -1);
    assert_int_equal(td__web_date("yesterday", d), -1);
    assert_int_equal(td__web_date("", d), -1);
    assert_int_equal(td__url_date("https://x.example/2022/01/07/slug", d), 0);
    assert_string_equal(d, "2022-01-07");
    assert_int_equal(td__url_date("https://x.example/news/2021-03-04-slug",
                                  d),
                     0);
    assert_string_equal(d, "2021-03-04");
    assert_int_equal(td__url_date("https://x.example/2020/05/slug", d), 0);
    assert_string_equal(d, "2020-05");
    assert_int_equal(td__url_date("https://x.example/12345/6789", d), -1);
    assert_int_equal(td__url_date(NULL, d), -1);
}

static void test_alloc_failures(void **state)
{
    (void)state;
    char html[2048];
    snprintf(html, sizeof html,
             "<html lang=en><head><title>T</title></head><body>%s</body>"
             "</html>",
             PARAS);
    /* Fail each allocation in turn: TD_ENOMEM or success, never a leak
     * (ASan's leak check in make check) or a crash. */
    for (long n = 1; n < 400; n++) {
        td_test_fail_alloc(n, 0);
        td__html_doc d;
        td_status st = td__html_extract(html, strlen(html), &d);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM || st == TD_EEMPTY);
        if (st == TD_OK)
            td__html_doc_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_body_without_furniture),
        cmocka_unit_test(test_comment_hints_in_languages),
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_fragment),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
