/* test_api.c -- the public API (include/tidings.h) end to end. */
#include "testutil.h"

#include <unistd.h>

#include "tidings.h"

static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/td-api-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static td_engine *open_db(const char *name)
{
    char path[128], err[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    td_engine *e = NULL;
    assert_int_equal(td_engine_open(path, &e, err, sizeof err), TD_OK);
    return e;
}

static td_input text_input(const char *id, const char *text)
{
    td_input in = {0};
    in.id = id;
    in.text = text;
    in.text_len = strlen(text);
    in.name = id;
    return in;
}

static const char *body_en =
    "The central bank raised interest rates on Thursday for the third time "
    "this year, citing persistent inflation in energy and food prices.";
static const char *body_it =
    "La banca centrale ha alzato i tassi di interesse giovedì per la terza "
    "volta quest'anno, citando l'inflazione persistente dei prezzi.";

static void test_strerror_and_version(void **state)
{
    (void)state;
    for (int s = TD_OK; s <= TD_DONE; s++)
        assert_non_null(td_strerror((td_status)s));
    assert_string_equal(td_strerror(TD_EUTF8), "invalid UTF-8");
    assert_string_equal(td_version(), TD_VERSION);
    td_engine_close(NULL);
    td_cursor_free(NULL);
    td_analysis_free(NULL);
}

static void test_ingest_and_read_back(void **state)
{
    (void)state;
    td_engine *e = open_db("a.db");
    td_input in = text_input("bank-1", body_en);
    in.url = "https://example.org/bank";
    in.date = "2023-03-16T10:00:00Z";
    in.source = "Example News";
    int added = -1;
    assert_int_equal(td_engine_ingest(e, &in, &added), TD_OK);
    assert_int_equal(added, 1);
    assert_int_equal(td_engine_ingest(e, &in, &added), TD_OK);
    assert_int_equal(added, 0); /* same id: a no-op */
    assert_int_equal(td_engine_commit(e), TD_OK);
    assert_int_equal(td_engine_article_count(e), 1);

    td_cursor *c = NULL;
    const td_article *a = NULL;
    assert_int_equal(td_engine_article(e, "bank-1", &c), TD_OK);
    assert_int_equal(td_cursor_next(c, &a), TD_OK);
    assert_string_equal(a->id, "bank-1");
    assert_string_equal(a->url, "https://example.org/bank");
    assert_string_equal(a->date, "2023-03-16");
    assert_string_equal(a->source, "Example News");
    assert_non_null(strstr(a->text, "third time"));
    assert_true(a->story > 0); /* its own story */
    assert_null(a->duplicate_of);
    assert_int_equal(td_cursor_next(c, &a), TD_DONE);
    td_cursor_free(c);

    assert_int_equal(td_engine_article(e, "nope", &c), TD_ENOTFOUND);
    assert_non_null(strstr(td_engine_errmsg(e), "nope"));
    td_engine_close(e);

    /* Reopened, it is still there. */
    e = open_db("a.db");
    assert_int_equal(td_engine_article_count(e), 1);
    td_engine_close(e);
}

static void test_ids_from_name_and_content(void **state)
{
    (void)state;
    td_engine *e = open_db("ids.db");
    td_input in = text_input(NULL, body_en);
    in.name = "some/dir/000_abc.txt";
    in.name_is_file = 1;
    assert_int_equal(td_engine_ingest(e, &in, NULL), TD_OK);
    td_cursor *c = NULL;
    assert_int_equal(td_engine_article(e, "000_abc", &c), TD_OK);
    td_cursor_free(c);

    /* No id, no file: a stable hash of the content; same text, same id. */
    td_input h = text_input(NULL, body_it);
    h.name = "stdin:1";
    int added = -1;
    assert_int_equal(td_engine_ingest(e, &h, &added), TD_OK);
    assert_int_equal(added, 1);
    h.name = "stdin:7";
    assert_int_equal(td_engine_ingest(e, &h, &added), TD_OK);
    assert_int_equal(added, 0);
    td_engine_close(e);
}

static void test_rejects_bad_articles(void **state)
{
    (void)state;
    td_engine *e = open_db("bad.db");
    static const struct {
        const char *text;
        size_t len;
        td_status want;
    } cases[] = {
        {"", 0, TD_EEMPTY},
        {"   \n\t \n", 7, TD_EEMPTY},
        {"<p></p> &nbsp;", 14, TD_EEMPTY},
        {"abc\0\x01\x02\x03 binary", 16, TD_EBINARY},
        {"caf\xc3 au lait", 12, TD_EUTF8},
        {"overlong \xc0\xaf slash", 17, TD_EUTF8},
        {"surrogate \xed\xa0\x80 here", 18, TD_EUTF8},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        td_input in = {0};
        char id[16];
        snprintf(id, sizeof id, "bad-%zu", i);
        in.id = id;
        in.name = id;
        in.text = cases[i].text;
        in.text_len = cases[i].len;
        assert_int_equal(td_engine_ingest(e, &in, NULL), cases[i].want);
        assert_non_null(strstr(td_engine_errmsg(e), id));
    }
    td_input in = text_input("", body_en);
    assert_int_equal(td_engine_ingest(e, &in, NULL), TD_EINVAL);
    assert_int_equal(td_engine_article_count(e), 0);
    assert_int_equal(td_engine_ingest(e, NULL, NULL), TD_EINVAL);
    td_engine_close(e);
}

static void test_not_a_database(void **state)
{
    (void)state;
    char path[128], err[256];
    td_engine *e = NULL;

    snprintf(path, sizeof path, "%s/notes.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("these are my notes, not a database, and they are long enough to "
          "fill the header of one.............................................",
          f);
    fclose(f);
    assert_int_equal(td_engine_open(path, &e, err, sizeof err), TD_ENOTDB);
    assert_non_null(strstr(err, "notes.txt"));
    assert_non_null(strstr(err, "not a tidings database"));

    snprintf(path, sizeof path, "%s/other.db", dir);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "sqlite3 %s 'CREATE TABLE t(x); INSERT INTO t "
                              "VALUES (42)'", path);
    if (system(cmd) == 0) {
        assert_int_equal(td_engine_open(path, &e, err, sizeof err), TD_ENOTDB);
        assert_non_null(strstr(err, "something else"));
        /* and it was left alone */
        snprintf(cmd, sizeof cmd, "test \"$(sqlite3 %s 'SELECT x FROM t')\" = 42",
                 path);
        assert_int_equal(system(cmd), 0);
    }

    assert_int_equal(td_engine_open("/nonexistent-dir/x/y.db", &e, err,
                                    sizeof err),
                     TD_EIO);
    assert_non_null(strstr(err, "/nonexistent-dir/x/y.db"));
    assert_int_equal(td_engine_open(NULL, &e, err, sizeof err), TD_EINVAL);
}

static void test_search(void **state)
{
    (void)state;
    td_engine *e = open_db("s.db");
    td_input a = text_input("en", body_en);
    a.date = "2023-03-16";
    td_input b = text_input("it", body_it);
    b.date = "2022-01-07";
    b.title = "Tassi in aumento";
    assert_int_equal(td_engine_ingest(e, &a, NULL), TD_OK);
    assert_int_equal(td_engine_ingest(e, &b, NULL), TD_OK);

    td_cursor *c = NULL;
    const td_article *r = NULL;
    assert_int_equal(td_engine_search(e, "inflation", 10, &c), TD_OK);
    assert_int_equal(td_cursor_next(c, &r), TD_OK);
    assert_string_equal(r->id, "en");
    assert_non_null(strstr(r->snippet, "[inflation]"));
    assert_int_equal(td_cursor_next(c, &r), TD_DONE);
    td_cursor_free(c);

    /* accents and case ignored; title searched; phrase */
    assert_int_equal(td_engine_search(e, "GIOVEDI \"banca centrale\"", 10, &c),
                     TD_OK);
    assert_int_equal(td_cursor_next(c, &r), TD_OK);
    assert_string_equal(r->id, "it");
    td_cursor_free(c);
    assert_int_equal(td_engine_search(e, "aumento", 10, &c), TD_OK);
    assert_int_equal(td_cursor_next(c, &r), TD_OK);
    td_cursor_free(c);

    /* filters */
    assert_int_equal(td_engine_search(e, "rates since:2023", 10, &c), TD_OK);
    assert_int_equal(td_cursor_next(c, &r), TD_OK);
    td_cursor_free(c);
    assert_int_equal(td_engine_search(e, "rates until:2022-12", 10, &c),
                     TD_OK);
    assert_int_equal(td_cursor_next(c, &r), TD_DONE);
    td_cursor_free(c);

    /* FTS syntax in user text is just text */
    assert_int_equal(td_engine_search(e, "\"rates\" OR NEAR( * ^ -", 10, &c),
                     TD_OK);
    td_status st;
    while ((st = td_cursor_next(c, &r)) == TD_OK)
        ;
    assert_int_equal(st, TD_DONE);
    td_cursor_free(c);

    assert_int_equal(td_engine_search(e, "   ", 10, &c), TD_EINVAL);
    assert_non_null(strstr(td_engine_errmsg(e), "empty query"));
    assert_int_equal(td_engine_search(e, "x since:yesterday", 10, &c),
                     TD_EINVAL);
    assert_non_null(strstr(td_engine_errmsg(e), "since"));
    assert_int_equal(td_engine_search(e, "x lang:english", 10, &c), TD_EINVAL);
    td_engine_close(e);
}

static void test_ingest_path_jsonl(void **state)
{
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    FILE *f = fopen(path, "w");
    fprintf(f, "{\"id\":\"j1\",\"text\":\"%s\",\"lang\":\"en\"}\n", body_en);
    fprintf(f, "not json at all\n\n");
    fprintf(f, "[1,2,3]\n");
    fprintf(f, "{\"id\":\"j2\",\"title\":\"no text here\"}\n");
    fprintf(f, "{\"id\":\"j3\",\"text\":42}\n");
    fprintf(f, "{\"id\":7,\"text\":\"%s\"}\n", body_it);
    fprintf(f, "{\"id\":\"j5\",\"text\":\"unfinished");
    fclose(f);

    td_engine *e = open_db("p.db");
    td_ingest_stats stats = {0, 0, 0};
    assert_int_equal(td_engine_ingest_path(e, path, &stats, NULL, NULL), TD_OK);
    assert_int_equal(stats.added, 2);
    assert_int_equal(stats.failed, 5);
    td_cursor *c = NULL;
    assert_int_equal(td_engine_article(e, "7", &c), TD_OK);
    td_cursor_free(c);

    stats = (td_ingest_stats){0, 0, 0};
    assert_int_equal(td_engine_ingest_path(e, path, &stats, NULL, NULL), TD_OK);
    assert_int_equal(stats.added, 0);
    assert_int_equal(stats.skipped, 2);

    snprintf(path, sizeof path, "%s/missing.txt", dir);
    stats = (td_ingest_stats){0, 0, 0};
    assert_int_equal(td_engine_ingest_path(e, path, &stats, NULL, NULL),
                     TD_EIO);
    assert_int_equal(stats.failed, 1);
    assert_non_null(strstr(td_engine_errmsg(e), "missing.txt"));
    td_engine_close(e);
}

static void test_analyze(void **state)
{
    (void)state;
    td_analysis *a = NULL;
    assert_int_equal(td_analyze(NULL, &a), TD_EINVAL);
    td_input in = text_input("x", " date 2021-12\nHeadline about the rates\n");
    in.text = " date 2021-12 Headline about the rates\nThe central bank raised "
              "rates again on Thursday, it said.\n< /p>Share\n";
    in.text_len = strlen(in.text);
    assert_int_equal(td_analyze(&in, &a), TD_OK);
    assert_int_equal(td_analysis_status(a, NULL), TD_OK);
    assert_string_equal(td_analysis_date(a), "2021-12");
    assert_string_equal(td_analysis_date_source(a), "marker");
    assert_string_equal(td_analysis_title(a), "Headline about the rates");
    assert_true(td_analysis_removed_count(a) >= 3);
    const char *reason, *text;
    assert_int_equal(td_analysis_removed(a, 0, &reason, &text), TD_OK);
    assert_int_equal(td_analysis_removed(a, 999, &reason, &text), TD_EINVAL);
    assert_true(td_analysis_token_count(a) > 0);
    td_analysis_free(a);

    /* A record that gives no date is dated by its URL path; a given date
     * and the text's own marker win over it. */
    in = text_input("u", body_en);
    in.url = "https://news.example/world/20231007/rates-1901147234.html";
    assert_int_equal(td_analyze(&in, &a), TD_OK);
    assert_string_equal(td_analysis_date(a), "2023-10-07");
    assert_string_equal(td_analysis_date_source(a), "url");
    td_analysis_free(a);
    in.date = "2023-10-08";
    assert_int_equal(td_analyze(&in, &a), TD_OK);
    assert_string_equal(td_analysis_date(a), "2023-10-08");
    assert_string_equal(td_analysis_date_source(a), "input");
    td_analysis_free(a);
    in = text_input("v", " date 2021-12 The central bank raised rates.");
    in.url = "https://news.example/2023/10/07/rates";
    assert_int_equal(td_analyze(&in, &a), TD_OK);
    assert_string_equal(td_analysis_date(a), "2021-12");
    td_analysis_free(a);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    /* Fail each allocation in turn: the call reports TD_ENOMEM (or
     * succeeds), nothing leaks, and the database stays consistent. */
    td_engine *e = open_db("oom.db");
    long n;
    for (n = 1; n < 2000; n++) {
        char id[16];
        snprintf(id, sizeof id, "m%ld", n);
        td_input in = text_input(id, body_en);
        td_test_fail_alloc(n, 1);
        td_status st = td_engine_ingest(e, &in, NULL);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM);
        if (st == TD_OK && n > 50)
            break;
    }
    assert_int_equal(td_engine_commit(e), TD_OK);
    assert_true(td_engine_article_count(e) >= 1);
    td_engine_close(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_and_version),
        cmocka_unit_test(test_ingest_and_read_back),
        cmocka_unit_test(test_ids_from_name_and_content),
        cmocka_unit_test(test_rejects_bad_articles),
        cmocka_unit_test(test_not_a_database),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_ingest_path_jsonl),
        cmocka_unit_test(test_analyze),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("api", tests, setup, teardown);
}
