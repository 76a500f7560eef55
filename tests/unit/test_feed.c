/* test_feed.c -- RSS/Atom feeds, WARC records and format detection,
 * through ingest/reader.h with a recording sink. */
#include "testutil.h"

#include <zlib.h>

#include "ingest/reader.h"

typedef struct rec_sink {
    td__sink base;
    int emitted, failed;
    char last_where[512], last_fail[512];
    char ids[8][128], urls[8][256], dates[8][16], titles[8][128];
    char texts[8][512];
    td_status last_status;
} rec_sink;

static void copy(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s ? s : "(null)");
}

static td_status rec_emit(td__sink *s, const td_input *in, const char *where)
{
    rec_sink *r = (rec_sink *)s;
    if (r->emitted < 8) {
        copy(r->ids[r->emitted], 128, in->id);
        copy(r->urls[r->emitted], 256, in->url);
        copy(r->dates[r->emitted], 16, in->date);
        copy(r->titles[r->emitted], 128, in->title);
        snprintf(r->texts[r->emitted], 512, "%.*s",
                 (int)(in->text_len < 500 ? in->text_len : 500),
                 in->text ? in->text : "");
    }
    r->emitted++;
    copy(r->last_where, sizeof r->last_where, where);
    return TD_OK;
}

static void rec_fail(td__sink *s, const char *where, td_status st,
                     const char *msg)
{
    rec_sink *r = (rec_sink *)s;
    r->failed++;
    r->last_status = st;
    snprintf(r->last_fail, sizeof r->last_fail, "%s: %s", where, msg);
}

static rec_sink new_sink(void)
{
    rec_sink r;
    memset(&r, 0, sizeof r);
    r.base.emit = rec_emit;
    r.base.fail = rec_fail;
    return r;
}

static char *fixture(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "tests/fixtures/web/%s", name);
    char *p = test_read_file(path, len);
    assert_non_null(p);
    return p;
}

static void test_rss(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture("rss.xml", &len);
    rec_sink r = new_sink();
    assert_int_equal(td__read_feed(&r.base, "rss.xml", data, len, 0), TD_OK);
    assert_int_equal(r.emitted, 2);
    assert_int_equal(r.failed, 1);
    assert_string_equal(r.ids[0], "harbour-1");
    assert_string_equal(r.urls[0], "https://harbour.example/festival");
    assert_string_equal(r.dates[0], "2022-01-07");
    assert_string_equal(r.titles[0], "Festival opens");
    /* content:encoded wins over the description */
    assert_non_null(strstr(r.texts[0], "Full content of the first item"));
    assert_null(strstr(r.texts[0], "Short summary"));
    assert_non_null(strstr(r.texts[0], "\nSecond paragraph"));
    /* CDATA description as HTML, markup gone */
    assert_non_null(strstr(r.texts[1], "summer ferry timetable"));
    assert_null(strstr(r.texts[1], "<p>"));
    assert_string_equal(r.dates[1], "2022-01-08");
    assert_non_null(strstr(r.last_fail, "rss.xml#3"));
    free(data);
}

static void test_atom(void **state)
{
    (void)state;
    size_t len;
    char *data = fixture("atom.xml", &len);
    rec_sink r = new_sink();
    assert_int_equal(td__read_feed(&r.base, "atom.xml", data, len, 0),
                     TD_OK);
    assert_int_equal(r.emitted, 3);
    assert_int_equal(r.failed, 0);
    assert_string_equal(r.ids[0], "urn:valley:1");
    assert_string_equal(r.dates[0], "2022-02-01"); /* published */
    assert_string_equal(r.urls[0], "https://valley.example/bridge");
    assert_non_null(strstr(r.texts[0], "Bridge works start"));
    assert_non_null(strstr(r.texts[1], "school choir won")); /* xhtml */
    assert_null(strstr(r.texts[1], "<"));
    assert_string_equal(r.dates[1], "2022-02-04"); /* updated */
    assert_string_equal(r.urls[2], "(null)");
    assert_non_null(strstr(r.texts[2], "plain text summary"));
    free(data);
}

static void test_bad_feeds(void **state)
{
    (void)state;
    const char *bad[] = {"", "<rss", "<html><body>x</body></html>",
                         "<?xml version=\"1.0\"?><rss><channel></channel></rss>",
                         "\xff\xfe\x00<\x00r\x00",
                         "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
                         "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss><channel>"
                         "<item><title>&b;</title><description>&b;&b;"
                         "</description></item></channel></rss>"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rec_sink r = new_sink();
        size_t n = i == 4 ? 7 : strlen(bad[i]);
        assert_int_equal(td__read_feed(&r.base, "bad.xml", bad[i], n, 0),
                         TD_OK);
        assert_true(r.failed + r.emitted >= 1);
        if (i < 4)
            assert_int_equal(r.failed, 1);
    }
}

static const char WARC_RESP[] =
    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2022-04-01T00:00:00Z\r\n"
    "WARC-Target-URI: <http://a.example/x>\r\n"
    "Content-Type: application/http; msgtype=response\r\n"
    "Content-Length: %zu\r\n\r\n%s\r\n\r\n";
static const char HTTP_PAGE[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    "<html><body><p>A crawled page with a paragraph long enough, with "
    "commas, to be the body.</p></body></html>";

static size_t make_warc(char *buf, size_t cap)
{
    size_t n = 0;
    n += (size_t)snprintf(buf + n, cap - n,
                          "WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Type: "
                          "application/warc-fields\r\nContent-Length: 4\r\n"
                          "\r\nab\r\n\r\n\r\n");
    n += (size_t)snprintf(buf + n, cap - n, WARC_RESP, strlen(HTTP_PAGE),
                          HTTP_PAGE);
    return n;
}

static td_status read_warc_mem(rec_sink *r, const char *data, size_t n)
{
    FILE *f = fmemopen((void *)data, n, "rb");
    assert_non_null(f);
    td_status st = td__read_warc(&r->base, "t.warc", f, n);
    fclose(f);
    return st;
}

static void test_warc_plain_and_gzip(void **state)
{
    (void)state;
    char buf[4096];
    size_t n = make_warc(buf, sizeof buf);
    rec_sink r = new_sink();
    assert_int_equal(read_warc_mem(&r, buf, n), TD_OK);
    assert_int_equal(r.emitted, 1);
    assert_int_equal(r.failed, 0);
    assert_string_equal(r.urls[0], "http://a.example/x");
    assert_string_equal(r.dates[0], "2022-04-01");
    assert_non_null(strstr(r.texts[0], "A crawled page"));

    /* Two gzip members, one per record, as crawlers write them. */
    unsigned char gz[8192];
    size_t gn = 0;
    size_t half = 0;
    while (memcmp(buf + half, "WARC/1.0\r\nWARC-Type: response", 29) != 0)
        half++;
    const char *parts[2] = {buf, buf + half};
    size_t lens[2] = {half, n - half};
    for (int i = 0; i < 2; i++) {
        z_stream z;
        memset(&z, 0, sizeof z);
        assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8,
                                      Z_DEFAULT_STRATEGY),
                         Z_OK);
        z.next_in = (unsigned char *)parts[i];
        z.avail_in = (uInt)lens[i];
        z.next_out = gz + gn;
        z.avail_out = (uInt)(sizeof gz - gn);
        assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
        gn = sizeof gz - z.avail_out;
        deflateEnd(&z);
    }
    assert_int_equal(td__detect_format((char *)gz, gn, NULL), TD__FMT_GZIP);
    r = new_sink();
    assert_int_equal(read_warc_mem(&r, (char *)gz, gn), TD_OK);
    assert_int_equal(r.emitted, 1);
    assert_int_equal(r.failed, 0);

    /* Cut inside the gzip data: an error, no crash, no emit of garbage. */
    r = new_sink();
    read_warc_mem(&r, (char *)gz, gn - 40);
    assert_int_equal(r.emitted, 0);
    assert_true(r.failed >= 1);
    assert_int_equal(r.last_status, TD_ETRUNCATED);
}

static void test_warc_truncated_and_bad(void **state)
{
    (void)state;
    char buf[4096];
    size_t n = make_warc(buf, sizeof buf);
    rec_sink r = new_sink();
    read_warc_mem(&r, buf, n - 30);
    assert_int_equal(r.emitted, 0);
    assert_int_equal(r.failed, 1);
    assert_int_equal(r.last_status, TD_ETRUNCATED);
    assert_non_null(strstr(r.last_fail, "t.warc:record 2 (http://a.example/x)"));
    assert_non_null(strstr(r.last_fail, "truncated WARC record"));

    r = new_sink();
    read_warc_mem(&r, "GARBAGE\r\n\r\n", 11);
    assert_int_equal(r.failed, 1);
    assert_non_null(strstr(r.last_fail, "not a WARC file"));

    const char *nolen = "WARC/1.0\r\nWARC-Type: response\r\n\r\n";
    r = new_sink();
    read_warc_mem(&r, nolen, strlen(nolen));
    assert_non_null(strstr(r.last_fail, "Content-Length"));

    const char *huge = "WARC/1.0\r\nContent-Length: 99999999999999999999\r\n\r\nx";
    r = new_sink();
    read_warc_mem(&r, huge, strlen(huge));
    assert_int_equal(r.failed, 1);
}

static void test_detect(void **state)
{
    (void)state;
    const char *rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">";
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">";
    const char *html = "<!DOCTYPE html><html><script>var s='<feed>';</script>";
    assert_int_equal(td__detect_format(rss, strlen(rss), "x.html"),
                     TD__FMT_FEED);
    assert_int_equal(td__detect_format(atom, strlen(atom), NULL),
                     TD__FMT_FEED);
    assert_int_equal(td__detect_format(html, strlen(html), "x.xml"),
                     TD__FMT_HTML);
    assert_int_equal(td__detect_format("WARC/1.0\r\n", 10, "x.txt"),
                     TD__FMT_WARC);
    assert_int_equal(td__detect_format("<feedback>", 10, NULL),
                     TD__FMT_TEXT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss),
        cmocka_unit_test(test_atom),
        cmocka_unit_test(test_bad_feeds),
        cmocka_unit_test(test_warc_plain_and_gzip),
        cmocka_unit_test(test_warc_truncated_and_bad),
        cmocka_unit_test(test_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
