/* test_workspace.c -- the analyst's workspace through the public API:
 * ranked story lists, the breaking rule, paged search with expansions,
 * follows, bad arguments, and failing allocations (no leak, TD_ENOMEM).
 * The articles are written here. */
#include "testutil.h"

#include <unistd.h>

#include "tidings.h"

static char db_path[64];

static td_engine *open_fixture(void)
{
    snprintf(db_path, sizeof db_path, "/tmp/td-ws-%d.db", (int)getpid());
    unlink(db_path);
    td_engine *e = NULL;
    char err[256];
    assert_int_equal(td_engine_open(db_path, &e, err, sizeof err), TD_OK);
    static const struct {
        const char *id, *lang, *date, *title, *text;
    } a[] = {
        {"w1", "en", "2021-05-02", "Jane Roe/Getty Images",
         "Harbour master Aleksandr Voronkov opened the old lighthouse on the "
         "north pier to visitors on Sunday after ten years of repairs."},
        {"w2", "en", "2021-05-02", "Lighthouse on the north pier reopens",
         "The old lighthouse on the north pier reopened to visitors on "
         "Sunday, harbour master Aleksandr Voronkov said, after ten years of "
         "repairs."},
        {"w3", "ru", "2021-05-01", "Маяк на северном причале открыт",
         "Начальник порта Александр Воронков открыл для посетителей старый "
         "маяк на северном причале после десяти лет ремонта."},
        {"w4", "de", "2021-04-20", "Bäckerei am Markt feiert hundert Jahre",
         "Die Bäckerei am Marktplatz feiert in diesem Monat ihr "
         "hundertjähriges Bestehen, wie die Inhaberin mitteilte."},
    };
    for (size_t i = 0; i < sizeof a / sizeof *a; i++) {
        td_input in = {0};
        in.id = a[i].id;
        in.lang = a[i].lang;
        in.date = a[i].date;
        in.title = a[i].title;
        in.text = a[i].text;
        in.text_len = strlen(a[i].text);
        assert_int_equal(td_engine_ingest(e, &in, NULL), TD_OK);
    }
    assert_int_equal(td_engine_commit(e), TD_OK);
    return e;
}

static void close_fixture(td_engine *e)
{
    td_engine_close(e);
    char p[80];
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static void test_breaking_rule(void **state)
{
    (void)state;
    assert_false(td_story_is_breaking(2, 0)); /* too few */
    assert_true(td_story_is_breaking(3, 0));
    assert_true(td_story_is_breaking(4, 6));  /* 2/day against 1/day */
    assert_false(td_story_is_breaking(4, 7)); /* against 1.17/day: no */
    assert_false(td_story_is_breaking(0, 0));
}

static void test_story_list(void **state)
{
    (void)state;
    td_engine *e = open_fixture();
    td_story_list_opts o = {0};
    o.sort = "breaking";
    o.hl = "ru";
    td_story_list *l = NULL;
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_OK);
    assert_true(td_story_list_total(l) >= 2);
    assert_string_equal(td_story_list_now(l), "2021-05-02");
    const td_ranked_story *top = td_story_list_get(l, 0);
    assert_non_null(top);
    /* The three-article story first; breaking exactly as the rule says
     * of its counts (a translation is not an independent source). */
    assert_int_equal(top->story.articles, 3);
    assert_true(top->recent >= 2);
    assert_int_equal(top->breaking,
                     td_story_is_breaking(top->recent, top->earlier));
    assert_string_equal(top->headline_lang, "ru");
    assert_non_null(strstr(top->headline, "Маяк"));
    assert_true(td_story_list_contains(l, top->story.id));
    assert_false(td_story_list_contains(l, 987654));
    assert_null(td_story_list_get(l, 1000));
    td_story_list_free(l);
    /* English: the title that is a credit is passed over. */
    o.hl = "en";
    o.sort = NULL;
    o.lang = "EN";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_OK);
    assert_int_equal(td_story_list_total(l), 1);
    assert_string_equal(td_story_list_get(l, 0)->headline,
                        "Lighthouse on the north pier reopens");
    td_story_list_free(l);
    /* Bad options. */
    o.lang = "e1";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_EINVAL);
    o.lang = NULL;
    o.sort = "loudest";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_EINVAL);
    assert_non_null(strstr(td_engine_errmsg(e), "top, latest or breaking"));
    o.sort = NULL;
    o.until = "2021-13-99x";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_EINVAL);
    assert_int_equal(td_engine_story_list(NULL, &o, &l), TD_EINVAL);
    td_story_list_free(NULL);
    close_fixture(e);
}

static void count_exp(void *ud, const char *word, const char *entity,
                      size_t forms)
{
    (void)word;
    (void)entity;
    *(size_t *)ud += forms;
}

static void test_search_page(void **state)
{
    (void)state;
    td_engine *e = open_fixture();
    size_t forms = 0;
    td_search_opts so = {0};
    so.limit = 1;
    so.offset = 1;
    so.by_date = 1;
    so.on_expansion = count_exp;
    so.expansion_ud = &forms;
    td_cursor *c = NULL;
    int64_t total = 0;
    assert_int_equal(td_engine_search_page(e, "Voronkov", &so, &c, &total),
                     TD_OK);
    assert_int_equal(total, 3);
    assert_true(forms >= 2);
    const td_article *a;
    assert_int_equal(td_cursor_next(c, &a), TD_OK);
    assert_int_equal(td_cursor_next(c, &a), TD_DONE);
    td_cursor_free(c);
    so.limit = 2000;
    assert_int_equal(td_engine_search_page(e, "Voronkov", &so, &c, &total),
                     TD_EINVAL);
    so.limit = 5;
    so.lang = "english";
    assert_int_equal(td_engine_search_page(e, "Voronkov", &so, &c, &total),
                     TD_EINVAL);
    so.lang = NULL;
    assert_int_equal(td_engine_search_page(e, "  ", &so, &c, &total),
                     TD_EINVAL);
    close_fixture(e);
}

static void on_follow(void *ud, int64_t id, const char *query,
                      const char *created, int64_t seen)
{
    (void)query;
    (void)created;
    (void)seen;
    *(int64_t *)ud += id;
}

static void test_follows(void **state)
{
    (void)state;
    td_engine *e = open_fixture();
    int64_t sum = 0, id = 0;
    assert_int_equal(td_engine_follows(e, on_follow, &sum), TD_OK);
    assert_int_equal(sum, 0); /* no table yet: nothing, no error */
    assert_int_equal(td_engine_follow_add(e, "lighthouse", &id), TD_OK);
    assert_int_equal(id, 1);
    assert_int_equal(td_engine_follow_add(e, "lang:x", &id), TD_EINVAL);
    assert_int_equal(td_engine_follow_seen(e, 1, 2), TD_OK);
    assert_int_equal(td_engine_follow_seen(e, 9, 2), TD_ENOTFOUND);
    assert_int_equal(td_engine_follows(e, on_follow, &sum), TD_OK);
    assert_int_equal(sum, 1);
    assert_int_equal(td_engine_follow_rm(e, 1), TD_OK);
    assert_int_equal(td_engine_follow_rm(e, 1), TD_ENOTFOUND);
    assert_int_equal(td_engine_follow_rm(e, 0), TD_EINVAL);
    assert_true(td_engine_last_seq(e) >= 4);
    close_fixture(e);
}

typedef struct risen {
    int n, voronkov;
} risen;

static void on_risen(void *ud, const char *name, const char *kind,
                     int64_t recent, int64_t earlier)
{
    risen *r = ud;
    r->n++;
    if (strcmp(name, "Aleksandr Voronkov") == 0) {
        r->voronkov = 1;
        assert_string_equal(kind, "person");
        assert_true(recent >= 2);
        assert_int_equal(earlier, 0);
    }
}

static void test_facets_rising(void **state)
{
    (void)state;
    td_engine *e = open_fixture();
    char now[11];
    risen r = {0};
    assert_int_equal(td_engine_rising_entities(e, 50, now, on_risen, &r),
                     TD_OK);
    assert_string_equal(now, "2021-05-02");
    assert_true(r.voronkov);
    assert_int_equal(td_engine_rising_entities(e, 0, now, on_risen, &r),
                     TD_EINVAL);
    assert_int_equal(td_engine_rising_entities(e, 5, now, NULL, &r),
                     TD_EINVAL);
    td_story_list_opts o = {0};
    o.facets = TD_FACET_COUNTRIES | TD_FACET_ENTITIES;
    td_story_list *l = NULL;
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_OK);
    int found = 0;
    for (size_t i = 0; i < td_story_list_entity_count(l); i++) {
        const char *kind = NULL;
        int64_t k = 0;
        const char *name = td_story_list_entity(l, i, &kind, &k);
        found |= strcmp(name, "Aleksandr Voronkov") == 0 && k == 1;
    }
    assert_true(found);
    assert_null(td_story_list_entity(l, 999, NULL, NULL));
    assert_int_equal(td_story_list_country_count(l), 0);
    assert_null(td_story_list_country(l, 0, NULL));
    td_story_list_free(l);
    o.country = "RU";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_OK);
    assert_int_equal(td_story_list_total(l), 0); /* no place named */
    td_story_list_free(l);
    o.country = "Russia";
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_EINVAL);
    o.country = NULL;
    o.facets = 64;
    assert_int_equal(td_engine_story_list(e, &o, &l), TD_EINVAL);
    td_search_opts so = {0};
    td_cursor *c = NULL;
    so.site = "bad site";
    assert_int_equal(td_engine_search_page(e, "lighthouse", &so, &c, NULL),
                     TD_EINVAL);
    so.site = "WWW.example.org";
    so.author = "nobody";
    int64_t total = -1;
    assert_int_equal(td_engine_search_page(e, "lighthouse", &so, &c, &total),
                     TD_OK);
    assert_int_equal(total, 0);
    td_cursor_free(c);
    close_fixture(e);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    td_engine *e = open_fixture();
    int ok = 0;
    for (long n = 1; n < 400 && !ok; n++) {
        td_story_list_opts o = {0};
        o.facets = TD_FACET_COUNTRIES | TD_FACET_ENTITIES;
        o.country = n % 2 ? "ru" : NULL;
        td_story_list *l = NULL;
        td_test_fail_alloc(n, 1);
        td_status st = td_engine_story_list(e, &o, &l);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM || st == TD_EDB);
        if (st == TD_OK)
            ok = 1;
        td_story_list_free(l);
    }
    assert_true(ok);
    ok = 0;
    /* a query word that names no entity is tried in every form a
     * look-up knows (titles dropped, each language's inflection): many
     * allocations before the first that can fail is passed */
    for (long n = 1; n < 20000 && !ok; n += n / 16 + 1) {
        td_search_opts so = {0};
        td_cursor *c = NULL;
        int64_t total;
        td_test_fail_alloc(n, 1);
        td_status st = td_engine_search_page(e, "Voronkov lighthouse", &so,
                                             &c, &total);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM || st == TD_EDB ||
                    st == TD_EINVAL);
        if (st == TD_OK)
            ok = 1;
        td_cursor_free(c);
    }
    assert_true(ok);
    ok = 0;
    for (long n = 1; n < 400 && !ok; n++) {
        char now[11];
        risen r = {0};
        td_test_fail_alloc(n, 1);
        td_status st = td_engine_rising_entities(e, 10, now, on_risen, &r);
        td_test_fail_alloc(0, 0);
        assert_true(st == TD_OK || st == TD_ENOMEM || st == TD_EDB);
        ok = st == TD_OK;
    }
    assert_true(ok);
    char h[256];
    for (long n = 1; n < 60; n++) {
        td_test_fail_alloc(n, 1);
        td_headline("14 March 2021 08:30",
                    "The ferry to the north pier runs again. More soon.", "en",
                    h, sizeof h);
        td_test_fail_alloc(0, 0);
    }
    close_fixture(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breaking_rule),
        cmocka_unit_test(test_story_list),
        cmocka_unit_test(test_search_page),
        cmocka_unit_test(test_follows),
        cmocka_unit_test(test_facets_rising),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests_name("workspace", tests, NULL, NULL);
}
