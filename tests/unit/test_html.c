/* test_html.c -- HTML extraction and web dates, through ingest/html.h. */
#include "testutil.h"

#include "core/alloc.h"
#include "ingest/html.h"
#include "ingest/htmldate.h"

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
    /* A charset on a <script> (a web archive's toolbar above the page's
     * head) names that script's encoding, not the page's. */
    const char archived[] = "<script src=/toolbar.js charset=\"utf-8\">"
                            "</script><meta http-equiv=\"Content-Type\" "
                            "content=\"text/html; charset=windows-1251\">"
                            "<p>\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0 and more "
                            "words to make it a block.</p>";
    d = extract(archived);
    assert_non_null(strstr(d.text, "Привет, мир"));
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
    assert_int_equal(td__url_date("https://x.example/amp/20231007/a-1", d), 0);
    assert_string_equal(d, "2023-10-07");
    assert_int_equal(td__url_date("https://x.example/n/20240628-240628057", d),
                     0);
    assert_string_equal(d, "2024-06-28");
    assert_int_equal(td__url_date("https://x.example/t/Slug-20190313-0045.html",
                                  d),
                     0);
    assert_string_equal(d, "2019-03-13");
    /* A longer run of digits is an id, a non-date is no date. */
    assert_int_equal(td__url_date("https://x.example/a/2023100712/x", d), -1);
    assert_int_equal(td__url_date("https://x.example/a/20231345/x", d), -1);
    assert_int_equal(td__url_date("https://x.example/199903-slug", d), -1);
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


/* ------------------------------------------------ dates, by source */

static void expect_date(const char *head, const char *body, const char *day,
                        const char *source)
{
    char html[8192];
    snprintf(html, sizeof html,
             "<html lang=de><head>%s</head><body><article>%s%s</article>"
             "</body></html>",
             head, body, PARAS);
    td__html_doc d = extract(html);
    if (!day) {
        assert_null(d.date);
    } else {
        assert_non_null(d.date);
        assert_string_equal(d.date, day);
        assert_string_equal(d.date_source, source);
    }
    td__html_doc_free(&d);
}

static void test_date_sources(void **state)
{
    (void)state;
    expect_date("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                "\"datePublished\":\"2021-03-04T10:00:00+01:00\"}</script>",
                "", "2021-03-04", "json-ld");
    /* JSON-LD that jansson refuses (a raw newline in a string) still
     * names its date */
    expect_date("<script type=\"application/ld+json\">{\"headline\":\"a\nb\","
                "\"datePublished\":\"2021-03-05\"}</script>",
                "", "2021-03-05", "json-ld");
    expect_date("<meta property=\"article:published_time\" "
                "content=\"2021-03-06T08:00:00+01:00\">",
                "", "2021-03-06", "meta");
    /* a publisher's own meta name, and an empty first candidate that must
     * not hide the good one */
    expect_date("<meta name=\"date\" content=\"\">"
                "<meta name=\"sw-pubdate\" content=\"2021-03-07\">",
                "", "2021-03-07", "meta");
    expect_date("", "<span itemprop=\"datePublished\" content=\"2021-03-08\">"
                "8. März</span>", "2021-03-08", "itemprop");
    expect_date("", "<time class=clock datetime=\"2030-01-01\">now</time>"
                "<time pubdate datetime=\"2021-03-09T12:00\">9.3.</time>",
                "2021-03-09", "time");
    expect_date("<link rel=canonical href=\"https://x.example/2021/03/10/a\">",
                "", "2021-03-10", "url");
    /* visible datelines, in the page's language (CLDR month names) */
    expect_date("", "<div class=\"article-meta\">Veröffentlicht am "
                "11. März 2021, 10:15 Uhr</div>", "2021-03-11", "dateline");
    expect_date("", "<p class=\"post-date\">11.03.2021</p>", "2021-03-11",
                "dateline");
    /* only a modified date: the last resort */
    expect_date("<meta property=\"article:modified_time\" "
                "content=\"2021-03-12T09:00:00Z\">",
                "", "2021-03-12", "modified");
    expect_date("", "", NULL, NULL);
}

static void test_date_time_zones(void **state)
{
    (void)state;
    /* 22:28 in New York is 03:28 UTC the next day: the page's own offset
     * (stated in another timestamp) gives the publisher's day back */
    expect_date("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                "\"datePublished\":\"2023-11-09T03:28:35Z\"}</script>"
                "<script>var s={\"date\":\"2023-11-08T22:28:35-05:00\"}"
                "</script>",
                "", "2023-11-08", "json-ld");
    /* a timestamp with its own offset keeps its own day */
    expect_date("<meta property=\"article:published_time\" "
                "content=\"2023-11-08T23:30:00+09:00\">"
                "<script>var s=\"2023-11-08T10:00:00-05:00\"</script>",
                "", "2023-11-08", "meta");
    /* UTC and nothing else: the UTC day */
    expect_date("<meta property=\"article:published_time\" "
                "content=\"2023-11-09T01:00:00Z\">",
                "", "2023-11-09", "meta");
    char d[11];
    assert_int_equal(td__iso_local_day("2024-01-01T02:00:00Z", -300, d), 0);
    assert_string_equal(d, "2023-12-31");
    assert_int_equal(td__iso_local_day("2024-02-28T23:30:00+00:00", 60, d), 0);
    assert_string_equal(d, "2024-02-29");
    assert_int_equal(td__iso_local_day("garbage", 0, d), -1);
    int off = 0;
    assert_int_equal(td__page_utc_offset("x 2020-01-01T10:00:00+0530 y", 28,
                                         &off), 0);
    assert_int_equal(off, 330);
    assert_int_equal(td__page_utc_offset("2020-01-01T10:00:00Z", 20, &off),
                     -1);
}

static void test_text_dates(void **state)
{
    (void)state;
    char d[11];
    const struct {
        const char *text, *lang, *want;
    } cases[] = {
        {"Publié le 7 janvier 2022 à 10h", "fr", "2022-01-07"},
        {"7 de enero de 2022", "es", "2022-01-07"},
        {"January 7th, 2022", "en", "2022-01-07"},
        {"7 января 2022 г.", "ru", "2022-01-07"},
        {"Stand: 07.01.2022 09:00", "de", "2022-01-07"},
        {"1/7/2022", "en-US", "2022-01-07"},
        {"7/1/2022", "en-GB", "2022-01-07"},
        {"发布于2022年1月7日", "zh", "2022-01-07"},
        {"7. Januar 2022", NULL, "2022-01-07"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(d, 0, sizeof d);
        assert_int_equal(td__text_date(cases[i].text, strlen(cases[i].text),
                                       cases[i].lang, d), 0);
        assert_string_equal(d, cases[i].want);
    }
    const char *none[] = {"id 1547753269974-0", "31.02.2022", "no date",
                          "2022", "Jan 2022", "32 January 2022"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
        assert_int_equal(td__text_date(none[i], strlen(none[i]), "en", d), -1);
}

/* ---------------------------------------------- bylines and outlets */

static void test_bylines_and_outlets(void **state)
{
    (void)state;
    char html[8192];
    snprintf(html, sizeof html,
             "<html><head><script type=\"application/ld+json\">"
             "{\"@type\":\"NewsArticle\",\"datePublished\":\"2022-01-07\","
             "\"author\":[{\"@type\":\"Person\",\"name\":\"By Anna Rossi\"},"
             "{\"@type\":\"Person\",\"name\":\"Luca Bianchi\"}],"
             "\"publisher\":{\"@type\":\"Organization\",\"name\":\"Gazzetta\"}}"
             "</script></head><body>%s</body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_string_equal(d.author, "Anna Rossi, Luca Bianchi");
    assert_string_equal(d.site, "Gazzetta");
    td__html_doc_free(&d);

    snprintf(html, sizeof html,
             "<html><head><meta name=author content=\"Staff\"></head><body>"
             "<article><p class=byline>Von <a rel=author href=/a>Jana "
             "Schulz</a></p>%s</article></body></html>",
             PARAS);
    d = extract(html);
    assert_string_equal(d.author, "Jana Schulz");
    td__html_doc_free(&d);

    char *s = td__byline_clean("  by   Jane\n Doe ");
    assert_string_equal(s, "Jane Doe");
    td__free(s);
    assert_null(td__byline_clean("Redaktion"));
    assert_null(td__byline_clean("https://facebook.com/someone"));
    assert_null(td__byline_clean("By"));

    const struct {
        const char *url, *want;
    } urls[] = {
        {"https://www.example.com/a/b", "example.com"},
        {"http://news.bbc.co.uk/x", "bbc.co.uk"},
        {"https://user:pw@Sub.Example.ORG:8080/", "example.org"},
        {"https://localhost/", "localhost"},
    };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        s = td__url_outlet(urls[i].url);
        assert_non_null(s);
        assert_string_equal(s, urls[i].want);
        td__free(s);
    }
    assert_null(td__url_outlet("not a url"));

    /* the input's source wins; else the site name; else the domain */
    td_input in;
    memset(&in, 0, sizeof in);
    td__html_doc doc;
    memset(&doc, 0, sizeof doc);
    char *a, *src, *canon;
    doc.url = "https://www.outlet.example/2022/01/07/x";
    assert_int_equal(td__article_meta(&in, &doc, &a, &src, &canon), TD_OK);
    assert_null(a);
    assert_string_equal(src, "outlet.example");
    assert_string_equal(canon, doc.url);
    td__free(src);
    td__free(canon);
    in.source = "Given";
    doc.site = "Site";
    doc.author = "Site";
    assert_int_equal(td__article_meta(&in, &doc, &a, &src, &canon), TD_OK);
    assert_string_equal(src, "Given");
    assert_string_equal(a, "Site");
    td__free(a);
    td__free(src);
    td__free(canon);
}

/* ------------------------------------------------------- main text */

static void test_body_structures(void **state)
{
    (void)state;
    /* lists, tables of text and sub-headings in the body are the body; a
     * teaser list after it is not */
    char html[8192];
    snprintf(html, sizeof html,
             "<html><body><div class=page><div class=article-body>%s"
             "<h2>What changes now</h2>"
             "<ul><li>The first measure takes effect in March, for every "
             "household in the region.</li><li>The second one follows in "
             "June, after a vote in parliament.</li></ul>"
             "<table><tr><td>Region North</td><td>Twelve schools, all of "
             "them reopening on Monday, with new rules.</td></tr></table>"
             "<p>The last paragraph closes the article, with a quote from "
             "the minister, who spoke on Friday.</p></div>"
             "<h3>Read more</h3><ul><li><a href=/1>Another story with a "
             "long headline</a></li><li><a href=/2>And yet another story "
             "with a headline</a></li></ul></div></body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "What changes now"));
    assert_non_null(strstr(d.text, "first measure takes effect"));
    assert_non_null(strstr(d.text, "Twelve schools"));
    assert_non_null(strstr(d.text, "The last paragraph"));
    assert_null(strstr(d.text, "Read more"));
    assert_null(strstr(d.text, "Another story"));
    td__html_doc_free(&d);
}

static void test_split_body_and_wordpress(void **state)
{
    (void)state;
    /* a body split into sibling sections, inside a WordPress post whose
     * classes say "tag-..." and "category-...": all of it is the body */
    char html[8192];
    snprintf(html, sizeof html,
             "<html><body><nav><a href=/>Home</a></nav>"
             "<article class=\"post-7 post type-post status-publish "
             "hentry tag-news category-world\">"
             "<header class=\"entry-header\"><p class=lead>The standfirst "
             "says what happened, briefly, and why it matters.</p></header>"
             "<section class=part>%s</section>"
             "<section class=part><p>A second section continues the story, "
             "with more detail, more names, and more places.</p>"
             "<p>And a third paragraph there ends it, with a date and a "
             "number, 4,404.</p></section></article>"
             "<aside class=sidebar><p>Sidebar text that is long enough, "
             "with commas, to look like content.</p></aside></body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The standfirst"));
    assert_non_null(strstr(d.text, "The first paragraph"));
    assert_non_null(strstr(d.text, "A second section"));
    assert_non_null(strstr(d.text, "third paragraph"));
    assert_null(strstr(d.text, "Sidebar text"));
    assert_null(strstr(d.text, "Home"));
    td__html_doc_free(&d);
}

static void test_comments_that_look_like_body(void **state)
{
    (void)state;
    /* long, comma-rich reader comments outweigh the article; their class
     * still marks them */
    char html[16384], comments[8192] = "";
    for (int i = 0; i < 12; i++) {
        size_t n = strlen(comments);
        snprintf(comments + n, sizeof comments - n,
                 "<div class=comment-body><p>Reader %d writes at length, "
                 "with commas, clauses, opinions, and more opinions, "
                 "about everything.</p></div>",
                 i);
    }
    snprintf(html, sizeof html,
             "<html><body><div id=main><div class=story>%s</div>"
             "<div id=comments>%s</div></div></body></html>",
             PARAS, comments);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The first paragraph"));
    assert_null(strstr(d.text, "Reader"));
    td__html_doc_free(&d);
}

/* Teasers of other stories, enough text to be taken for a body when the
 * article itself is lost. */
#define TEASERS                                                            \
    "<div class=more><p>Another story about the harbour, the ships that "   \
    "came in, and the storm that kept them there for a week.</p><p>A third " \
    "story about the school board, its budget, and the parents who came "   \
    "to the meeting to complain.</p><p>A fourth story about the market, "   \
    "its prices, its stalls, and the new rules for the square.</p><p>A "    \
    "fifth story about the weather, the rain, the floods in the valley, "   \
    "and the roads that were closed.</p><p>A sixth story about the team, "  \
    "its coach, the season, and the match it lost on Sunday.</p></div>"

/* A long body, over 1500 characters of paragraphs with commas. */
static void long_body(char *out, size_t cap)
{
    out[0] = '\0';
    for (int i = 0; i < 20; i++) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n,
                 "<p>Paragraph %d of the story tells what the council "
                 "decided, who voted, and why the plan was changed.</p>",
                 i);
    }
}

static void test_share_wrapper_holding_body(void **state)
{
    (void)state;
    /* a page template wraps the body in a "sharing container" (for the
     * share buttons pinned beside it): a body's worth of paragraphs is
     * the article, while a real share bar is still dropped */
    char body[4096], html[8192];
    long_body(body, sizeof body);
    snprintf(html, sizeof html,
             "<html><body><div class=page><h1>Title</h1>"
             "<div class=content__sharing-container><div class=text>%s"
             "</div><div class=share-bar><a href=#>Facebook</a> Share this "
             "story with your friends and family today</div></div>"
             "</div>" TEASERS "</body></html>",
             body);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Paragraph 0 of the story"));
    assert_non_null(strstr(d.text, "Paragraph 19 of the story"));
    assert_null(strstr(d.text, "Share this"));
    assert_null(strstr(d.text, "the harbour"));
    td__html_doc_free(&d);
}

static void test_commentary_is_an_article(void **state)
{
    (void)state;
    /* an opinion piece classed "commentary" is the article; the readers'
     * comments below it are not */
    char body[4096], html[8192];
    long_body(body, sizeof body);
    snprintf(html, sizeof html,
             "<html><body><div class=\"news commentary\"><article>%s"
             "</article></div>" TEASERS "<div class=comments><p>Reader comment that is "
             "long, opinionated, and full of commas, like they all are.</p>"
             "</div></body></html>",
             body);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Paragraph 0 of the story"));
    assert_non_null(strstr(d.text, "Paragraph 19 of the story"));
    assert_null(strstr(d.text, "Reader comment"));
    assert_null(strstr(d.text, "the harbour"));
    td__html_doc_free(&d);
}

static void test_nul_bytes_in_page(void **state)
{
    (void)state;
    /* stray NULs a server padded the page with do not end it */
    char html[4096];
    int n = snprintf(html, sizeof html,
                     "<html><body><div class=ad><img src=a.gif>XXXX</div>"
                     "<article>%s</article></body></html>",
                     PARAS);
    char *x = strstr(html, "XXXX");
    memset(x, 0, 4);
    td__html_doc d;
    assert_int_equal(td__html_extract(html, (size_t)n, &d), TD_OK);
    assert_non_null(strstr(d.text, "The second paragraph"));
    td__html_doc_free(&d);
}

static void test_description_keeps_its_box(void **state)
{
    (void)state;
    /* a video page: its text is the description, in a box classed
     * "caption"; the page's own description says it is the content */
    const char *desc = "The mayor explains, in this video, why the bridge "
                       "will close for the whole summer, and what the "
                       "detours are.";
    char html[8192];
    snprintf(html, sizeof html,
             "<html><head><meta name=description content=\"%s\"></head>"
             "<body><main><div class=video-player></div>"
             "<div class=item-caption><h2>Bridge closes</h2><p>%s Drivers "
             "should plan for longer trips, the city says.</p></div></main>"
             TEASERS "</body></html>",
             desc, desc);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "why the bridge will close"));
    assert_non_null(strstr(d.text, "longer trips"));
    td__html_doc_free(&d);
    /* the same words in a caption that is not the description are
     * still furniture */
    snprintf(html, sizeof html,
             "<html><head><meta name=description content=\"A story about "
             "the harbour and its ships, told in full.\"></head><body>"
             "<div class=story><p>Another story about the harbour, the "
             "ships that came in, and the storm that kept them there for a "
             "week, and what the harbour master said.</p></div>"
             "<div class=item-caption><p>%s</p></div></body></html>",
             desc);
    d = extract(html);
    assert_non_null(strstr(d.text, "the harbour master"));
    assert_null(strstr(d.text, "why the bridge"));
    td__html_doc_free(&d);
}

static void test_hydration_json_body(void **state)
{
    (void)state;
    /* a script-rendered page: its body is markup in the JSON it hydrates
     * from, beside the longer body of a story it links to; the page's
     * description tells them apart */
    char own[2048] = "", other[4096] = "", html[16384];
    /* markup in JSON strings as pages write it, "<" escaped so that no
     * "</" ends the script early */
    for (int i = 0; i < 8; i++) {
        size_t n = strlen(own);
        snprintf(own + n, sizeof own - n,
                 "\\u003cp>The tram line %d opens in May, the city council "
                 "says, after three years of works.\\u003c/p>",
                 i);
    }
    for (int i = 0; i < 12; i++) {
        size_t n = strlen(other);
        snprintf(other + n, sizeof other - n,
                 "\\u003cp>Another story, part %d, about the football club "
                 "and its new stadium.\\u003c/p>",
                 i);
    }
    for (int pass = 0; pass < 2; pass++) {
        /* a Next.js data script, then a React component's props */
        const char *fmt =
            pass == 0
                ? "<html><head><meta name=description content=\"The tram "
                  "line 0 opens in May, the city council says.\"></head>"
                  "<body><div id=__next><p>Loading...</p></div><script "
                  "id=__NEXT_DATA__ type=application/json>{\"props\":{"
                  "\"related\":[{\"body\":\"%s\"}],\"story\":{\"body\":"
                  "\"%s\"}}}</script></body></html>"
                : "<html><head><meta name=description content=\"The tram "
                  "line 0 opens in May, the city council says.\"></head>"
                  "<body><div data-react-props='{\"related\":[{\"body\":"
                  "\"%s\"}],\"story\":{\"body\":\"%s\"}}'><p>Loading..."
                  "</p></div></body></html>";
        snprintf(html, sizeof html, fmt, other, own);
        td__html_doc d = extract(html);
        assert_non_null(strstr(d.text, "The tram line 0 opens"));
        assert_non_null(strstr(d.text, "\nThe tram line 7 opens"));
        assert_null(strstr(d.text, "football"));
        td__html_doc_free(&d);
    }
    /* a page whose structure holds its body ignores the JSON */
    char plain[2048] = "";
    for (int i = 0; i < 6; i++) {
        size_t n = strlen(plain);
        snprintf(plain + n, sizeof plain - n,
                 "<p>The tram line %d opens in May, the city council "
                 "says, after three years of works.</p>",
                 i);
    }
    snprintf(html, sizeof html,
             "<html><body><article>%s</article><script "
             "type=application/json>{\"x\":\"%s\"}</script></body></html>",
             plain, other);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The tram line 5 opens"));
    assert_null(strstr(d.text, "football"));
    td__html_doc_free(&d);
    /* broken JSON is no body and no crash */
    snprintf(html, sizeof html,
             "<html><body><p>Loading the page, please wait.</p><script "
             "type=application/json>{\"x\":\"<p>%s</script></body></html>",
             "unterminated");
    d = extract(html);
    assert_non_null(strstr(d.text, "Loading the page"));
    td__html_doc_free(&d);
}

static void test_body_in_deep_content_elements(void **state)
{
    (void)state;
    /* a CMS writes each section of the body as a content element nested
     * six deep in rows and columns; all sections are the body, the list
     * of related links beside them is not */
    char html[16384] = "<html><body><div class=page><div class=content>";
    static const char *const open6 =
        "<div class=outer><div class=container><div class=row><div "
        "class=col><div class=text><div class=inner>";
    static const char *const close6 = "</div></div></div></div></div></div>";
    for (int sec = 0; sec < 3; sec++) {
        size_t n = strlen(html);
        snprintf(html + n, sizeof html - n, "%s", open6);
        for (int i = 0; i < (sec == 0 ? 4 : 2); i++) {
            n = strlen(html);
            snprintf(html + n, sizeof html - n,
                     "<p>Section %d, paragraph %d: the river rose again, "
                     "the town closed its bridges, and the farmers moved "
                     "their cattle uphill.</p>",
                     sec, i);
        }
        n = strlen(html);
        snprintf(html + n, sizeof html - n, "%s", close6);
    }
    size_t n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "</div><div class=more><ul><li><a href=/a>Related: the river "
             "in the last century, its floods and its bridges</a> a story "
             "from our archive</li><li><a href=/b>Related: farmers and "
             "their cattle in a wet year, told by them</a> more</li><li><a "
             "href=/c>Related: the town council and its flood plan, a "
             "long read</a> more</li></ul></div></div></body></html>");
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Section 0, paragraph 0"));
    assert_non_null(strstr(d.text, "Section 1, paragraph 1"));
    assert_non_null(strstr(d.text, "Section 2, paragraph 1"));
    assert_null(strstr(d.text, "Related:"));
    td__html_doc_free(&d);
}

static void test_json_ld_body(void **state)
{
    (void)state;
    /* a teaser articleBody does not replace the page's longer body */
    char html[16384];
    snprintf(html, sizeof html,
             "<html><head><script type=\"application/ld+json\">"
             "{\"@type\":\"NewsArticle\",\"articleBody\":\"Teaser only.\"}"
             "</script></head><body><article>%s</article></body></html>",
             PARAS);
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The second paragraph"));
    assert_null(strstr(d.text, "Teaser only"));
    td__html_doc_free(&d);
    /* a page that renders its body by script has it only in JSON-LD */
    char body[2048] = "";
    for (int i = 0; i < 10; i++) {
        size_t n = strlen(body);
        snprintf(body + n, sizeof body - n,
                 "Sentence %d of the full body, which only the JSON-LD "
                 "carries. ", i);
    }
    snprintf(html, sizeof html,
             "<html><head><script type=\"application/ld+json\">"
             "{\"@type\":\"NewsArticle\",\"articleBody\":\"%s\"}</script>"
             "</head><body><div id=app><p>Loading the article, please "
             "wait a moment.</p></div></body></html>",
             body);
    d = extract(html);
    assert_non_null(strstr(d.text, "Sentence 9 of the full body"));
    td__html_doc_free(&d);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    /* libxml2 stops at 256 levels unless told otherwise; a page nested
     * deeper is still a page, not "no article text" */
    for (int depth = 300; depth <= 3000; depth += 2700) {
        size_t cap = (size_t)depth * 16 + 4096;
        char *html = td__malloc(cap);
        assert_non_null(html);
        size_t k = (size_t)snprintf(html, cap, "<html><body>");
        for (int i = 0; i < depth; i++)
            k += (size_t)snprintf(html + k, cap - k,
                                  i % 2 ? "<div>" : "<span>");
        k += (size_t)snprintf(html + k, cap - k, "%s</body></html>", PARAS);
        td__html_doc d;
        assert_int_equal(td__html_extract(html, k, &d), TD_OK);
        assert_non_null(strstr(d.text, "The first paragraph"));
        assert_non_null(strstr(d.text, "The second paragraph"));
        td__html_doc_free(&d);
        td__free(html);
    }
}

/* Four body paragraphs of a story about a harbour, for pages that wrap
 * them in furniture; %d is the paragraph's number. */
static void harbour_paras(char *out, size_t cap, int from, int to)
{
    for (int i = from; i < to; i++) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n,
                 "<p>Harbour paragraph %d: the ferries, the cranes, and the "
                 "fishing boats shared the quay again, and the port office "
                 "counted the ships.</p>",
                 i);
    }
}

static void test_teaser_grid_inside_body(void **state)
{
    (void)state;
    /* the story's container goes on with a grid of other stories: a
     * linked title over a short text each, the titles alike in tag and
     * class; the grid and the line above it are not the story */
    char html[16384] = "<html><body><div class=story>";
    harbour_paras(html, sizeof html, 0, 4);
    size_t n = strlen(html);
    snprintf(html + n, sizeof html - n, "<h2>More stories</h2>");
    for (int i = 0; i < 3; i++) {
        n = strlen(html);
        snprintf(html + n, sizeof html - n,
                 "<div class=card><h3 class=card-title><a href=/s%d>Another "
                 "story number %d about the town</a></h3><p>Teaser %d: what "
                 "happened in the town hall, the market and the school "
                 "this week.</p></div>",
                 i, i, i);
    }
    n = strlen(html);
    snprintf(html + n, sizeof html - n, "</div></body></html>");
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Harbour paragraph 0"));
    assert_non_null(strstr(d.text, "Harbour paragraph 3"));
    assert_null(strstr(d.text, "Teaser"));
    assert_null(strstr(d.text, "More stories"));
    td__html_doc_free(&d);
    /* one linked heading over a paragraph is a box quoting a story, and
     * a sub-heading that is no link heads the body's own section */
    snprintf(html, sizeof html, "<html><body><div class=story>");
    harbour_paras(html, sizeof html, 0, 2);
    n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<h3><a href=/report>The port's yearly report</a></h3><p>Quoted "
             "from the report: ships came in, and fewer left.</p>"
             "<h3>What the harbour master says</h3>");
    harbour_paras(html, sizeof html, 2, 4);
    n = strlen(html);
    snprintf(html + n, sizeof html - n, "</div></body></html>");
    d = extract(html);
    assert_non_null(strstr(d.text, "Quoted from the report"));
    assert_non_null(strstr(d.text, "What the harbour master says"));
    assert_non_null(strstr(d.text, "Harbour paragraph 3"));
    td__html_doc_free(&d);
}

static void test_heading_of_a_dropped_box(void **state)
{
    (void)state;
    /* a heading whose box was dropped as furniture (a related box in the
     * middle, a sign-up box at the end) goes with it; the body around
     * the box stays whole */
    char html[16384] = "<html><body><article>";
    harbour_paras(html, sizeof html, 0, 2);
    size_t n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<h4>Read more on this</h4><div class=related-box><p><a "
             "href=/a>The old harbour wall and how it was built</a></p>"
             "<p><a href=/b>Cranes of the port, a photo series</a></p>"
             "</div><p>Short line:</p><div class=newsletter-signup>Sign up "
             "for our harbour newsletter, every morning in your inbox."
             "</div>");
    harbour_paras(html, sizeof html, 2, 4);
    n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<h3>Stay informed</h3><div class=newsletter><p>Get the "
             "harbour news by e-mail every day, free of charge.</p></div>"
             "</article></body></html>");
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Harbour paragraph 1"));
    assert_non_null(strstr(d.text, "Harbour paragraph 2"));
    assert_non_null(strstr(d.text, "Harbour paragraph 3"));
    assert_null(strstr(d.text, "Read more on this"));
    assert_null(strstr(d.text, "Stay informed"));
    assert_null(strstr(d.text, "newsletter"));
    td__html_doc_free(&d);
}

static void test_body_does_not_end_on_a_heading(void **state)
{
    (void)state;
    /* what a last heading or a last "...:" line introduced was dropped
     * (a video, a form); the line goes too, a last short sentence stays */
    static const char *const tails[] = {
        "<h3>More on the harbour</h3><iframe src=/v></iframe>",
        "<p>Watch the whole interview here:</p><video src=/v.mp4></video>",
    };
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        char html[16384] = "<html><body><article>";
        harbour_paras(html, sizeof html, 0, 3);
        size_t n = strlen(html);
        snprintf(html + n, sizeof html - n,
                 "<p>The port reopens on Monday morning at six.</p>%s</article></body>"
                 "</html>",
                 tails[t]);
        td__html_doc d = extract(html);
        assert_non_null(strstr(d.text, "Harbour paragraph 2"));
        assert_non_null(strstr(d.text, "The port reopens on Monday morning at six."));
        assert_null(strstr(d.text, "More on the harbour"));
        assert_null(strstr(d.text, "Watch the whole"));
        td__html_doc_free(&d);
    }
}

static void test_follow_us_prompt_at_the_end(void **state)
{
    (void)state;
    /* a short last line linking to a social network, an app store or an
     * address to write to is the outlet's prompt; a paragraph of the
     * body that links to a post stays */
    char html[16384] = "<html><body><article>";
    harbour_paras(html, sizeof html, 0, 2);
    size_t n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<p>The mayor wrote <a href=\"https://twitter.com/mayor/1\">on "
             "her account</a> that the quay will be rebuilt in stone, and "
             "the council agreed.</p>");
    harbour_paras(html, sizeof html, 2, 4);
    n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<p><strong>Follow us on <a href=\"https://www.facebook.com/"
             "courier\">Facebook</a> and get <a href=\"https://apps.apple."
             "com/app/id1\">our app</a>.</strong></p></article></body>"
             "</html>");
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "The mayor wrote on her account"));
    assert_non_null(strstr(d.text, "Harbour paragraph 3"));
    assert_null(strstr(d.text, "Follow us"));
    td__html_doc_free(&d);
}

static void test_captions_and_credits(void **state)
{
    (void)state;
    /* a picture's caption, in a <figcaption> without a <figure> or in a
     * box after the picture repeating its alt text, and a photo credit
     * with a copyright sign, are no part of the story */
    char html[16384] = "<html><body><article>";
    harbour_paras(html, sizeof html, 0, 1);
    size_t n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<div class=pic><img src=a.jpg><figcaption>The quay at dawn, "
             "seen from the ferry</figcaption></div>");
    harbour_paras(html, sizeof html, 1, 2);
    n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<a href=big.jpg><picture><img src=b.jpg alt=\"The harbour "
             "master in her office\"></picture></a><div>The harbour master "
             "in her office, photo: Port Agency</div>");
    harbour_paras(html, sizeof html, 2, 3);
    n = strlen(html);
    snprintf(html + n, sizeof html - n,
             "<p>Cranes at work. \xC2\xA9 Port Agency / J. Smith</p>");
    harbour_paras(html, sizeof html, 3, 4);
    n = strlen(html);
    snprintf(html + n, sizeof html - n, "</article></body></html>");
    td__html_doc d = extract(html);
    for (int i = 0; i < 4; i++) {
        char want[64];
        snprintf(want, sizeof want, "Harbour paragraph %d", i);
        assert_non_null(strstr(d.text, want));
    }
    assert_null(strstr(d.text, "The quay at dawn"));
    assert_null(strstr(d.text, "photo: Port Agency"));
    assert_null(strstr(d.text, "Cranes at work"));
    td__html_doc_free(&d);
    /* a page that heads its article with a <figcaption> holding the
     * title and the standfirst its description repeats keeps them */
    static const char *const lead =
        "The harbour reopens on Monday after three weeks of repairs to the "
        "old quay wall.";
    n = (size_t)snprintf(html, sizeof html,
                         "<html><head><meta name=description content=\"%s\">"
                         "</head><body><div class=news><figure><img src=c.jpg>"
                         "</figure><figcaption><h1>Harbour reopens</h1><p>%s"
                         "</p></figcaption><div class=text>",
                         lead, lead);
    harbour_paras(html, sizeof html, 0, 4);
    n = strlen(html);
    snprintf(html + n, sizeof html - n, "</div></div></body></html>");
    d = extract(html);
    assert_non_null(strstr(d.text, "after three weeks of repairs"));
    assert_non_null(strstr(d.text, "Harbour paragraph 3"));
    td__html_doc_free(&d);
}

static void test_next_stories_loaded_below(void **state)
{
    (void)state;
    /* the page's story, the one its description opens, comes first; the
     * next stories, loaded below it, are longer but not the page's */
    static const char *const lead =
        "Drivers are invited to the yearly blessing of vehicles on the "
        "avenue this Saturday morning.";
    char html[32768];
    size_t n = (size_t)snprintf(
        html, sizeof html,
        "<html><head><meta name=description content=\"%s\"></head><body>"
        "<div class=feed><article><h1>Blessing of vehicles</h1>"
        "<p class=lead>%s</p><div class=text>",
        lead, lead);
    for (int i = 0; i < 7; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<p>Blessing paragraph %d: the friars, the "
                              "drivers and their families meet on the "
                              "avenue, as every year since the first "
                              "one.</p>",
                              i);
    n += (size_t)snprintf(html + n, sizeof html - n, "</div></article>");
    for (int a = 0; a < 2; a++) {
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<article><h1>Next story %d</h1><div "
                              "class=text>",
                              a);
        for (int i = 0; i < 8; i++)
            n += (size_t)snprintf(html + n, sizeof html - n,
                                  "<p>Next story %d, paragraph %d: the "
                                  "council, the court and the prosecutor "
                                  "met again, and nothing was decided, "
                                  "they said.</p>",
                                  a, i);
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "</div></article>");
    }
    snprintf(html + n, sizeof html - n, "</div></body></html>");
    td__html_doc d = extract(html);
    assert_non_null(strstr(d.text, "Blessing paragraph 0"));
    assert_non_null(strstr(d.text, "Blessing paragraph 6"));
    assert_null(strstr(d.text, "Next story"));
    td__html_doc_free(&d);
}

static void test_outlet_speaking_at_the_end(void **state)
{
    (void)state;
    /* a short last line naming the outlet (by its site name or its
     * domain) is the outlet's notice; the body's lines naming it stay */
    static const char *const tails[] = {
        "<p>Support The Coast Courier: become a member today.</p>",
        "<p>The views here are the author's, not those of coastcourier.</p>",
    };
    for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
        char html[16384];
        size_t n = (size_t)snprintf(
            html, sizeof html,
            "<html><head><meta property=og:site_name content=\"The Coast "
            "Courier\"><link rel=canonical href=\"https://www."
            "coastcourier.example/news/harbour\"></head><body><article>"
            "<p>The harbour master told The Coast Courier that the quay, "
            "the cranes and the ferry berth will all be ready by June.</p>");
        harbour_paras(html + n, sizeof html - n, 0, 3);
        n = strlen(html);
        snprintf(html + n, sizeof html - n, "%s</article></body></html>",
                 tails[t]);
        td__html_doc d = extract(html);
        assert_non_null(strstr(d.text, "told The Coast Courier"));
        assert_non_null(strstr(d.text, "Harbour paragraph 2"));
        assert_null(strstr(d.text, "become a member"));
        assert_null(strstr(d.text, "The views here"));
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
        cmocka_unit_test(test_date_sources),
        cmocka_unit_test(test_date_time_zones),
        cmocka_unit_test(test_text_dates),
        cmocka_unit_test(test_bylines_and_outlets),
        cmocka_unit_test(test_body_structures),
        cmocka_unit_test(test_split_body_and_wordpress),
        cmocka_unit_test(test_comments_that_look_like_body),
        cmocka_unit_test(test_share_wrapper_holding_body),
        cmocka_unit_test(test_commentary_is_an_article),
        cmocka_unit_test(test_nul_bytes_in_page),
        cmocka_unit_test(test_description_keeps_its_box),
        cmocka_unit_test(test_hydration_json_body),
        cmocka_unit_test(test_body_in_deep_content_elements),
        cmocka_unit_test(test_json_ld_body),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_teaser_grid_inside_body),
        cmocka_unit_test(test_heading_of_a_dropped_box),
        cmocka_unit_test(test_body_does_not_end_on_a_heading),
        cmocka_unit_test(test_follow_us_prompt_at_the_end),
        cmocka_unit_test(test_captions_and_credits),
        cmocka_unit_test(test_next_stories_loaded_below),
        cmocka_unit_test(test_outlet_speaking_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
