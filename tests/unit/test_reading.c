/* test_reading.c -- Japanese names through their readings, through
 * src/entity/reading.h and td__extract. Sentences are written here. Skips
 * (cmocka) when MeCab or its dictionary is not installed; the run without
 * them is checked in a child process with TIDINGS_MECAB_DICDIR pointing
 * nowhere. */
#include "testutil.h"

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "entity/extract.h"
#include "entity/names.h"
#include "entity/reading.h"

static const char *self_path;

static void need_readings(void)
{
    if (!td__readings_available())
        skip();
}

/* The name of r whose span is exactly the text s at its n-th occurrence
 * (0-based) in text; NULL when none. */
static const td__reading_name *name_at(const td__readings *r,
                                       const char *text, const char *s,
                                       int nth)
{
    const char *p = text;
    for (int i = 0; p && i <= nth; i++) {
        p = strstr(i ? p + 1 : p, s);
    }
    if (!p)
        return NULL;
    size_t off = (size_t)(p - text), len = strlen(s);
    for (size_t i = 0; i < r->n; i++)
        if (r->v[i].off == off && r->v[i].len == len)
            return &r->v[i];
    return NULL;
}

static int has_key(const td__reading_name *n, const char *key)
{
    for (size_t i = 0; n && i < n->nkeys; i++)
        if (!strcmp(n->keys[i], key))
            return 1;
    return 0;
}

static void find(const char *text, td__readings *r)
{
    assert_int_equal(td__readings_find(text, strlen(text), r), TD_OK);
    assert_true(r->on);
}

static void test_family_and_given_names(void **state)
{
    (void)state;
    need_readings();
    const char *t = "昨日、山田太郎さんが大阪で講演した。山田氏は満足そうだった。";
    td__readings r;
    find(t, &r);
    const td__reading_name *full = name_at(&r, t, "山田太郎", 0);
    assert_non_null(full);
    assert_int_equal(full->kind, TD__READING_PERSON);
    /* the order Latin news writes, then the other */
    assert_string_equal(full->keys[0], "taro yamada");
    assert_true(has_key(full, "yamada taro"));
    /* the family name alone too, wherever it stands */
    assert_true(has_key(name_at(&r, t, "山田", 0), "yamada"));
    assert_true(has_key(name_at(&r, t, "山田", 1), "yamada"));
    /* honorifics stay out of every span */
    for (size_t i = 0; i < r.n; i++) {
        char *span = strndup(t + r.v[i].off, r.v[i].len);
        assert_null(strstr(span, "さん"));
        assert_null(strstr(span, "氏"));
        free(span);
    }
    /* a place read from kanji: Osaka as Latin spells it (long vowel) */
    const td__reading_name *pl = name_at(&r, t, "大阪", 0);
    assert_non_null(pl);
    assert_int_equal(pl->kind, TD__READING_PLACE);
    assert_true(pl->place && pl->japan);
    assert_true(has_key(pl, "osaka"));
    td__readings_free(&r);
}

static void test_katakana_runs(void **state)
{
    (void)state;
    need_readings();
    const char *t = "歌手のボブ・ディランが来日し、パリオリンピックを観戦した。";
    td__readings r;
    find(t, &r);
    /* split at the middle dot: two words, not one */
    const td__reading_name *n = name_at(&r, t, "ボブ・ディラン", 0);
    assert_non_null(n);
    assert_int_equal(n->kind, TD__READING_KATAKANA);
    assert_true(has_key(n, "bobu diran")); /* as ICU spells it */
    assert_true(has_key(n, "bob diran"));  /* no vowel after the b */
    assert_true(has_key(n, "bob dilan"));  /* l for r */
    /* which is the Latin name's key for the engine's matcher */
    td__buf k = TD__BUF_INIT;
    assert_int_equal(td__name_key("Bob Dylan", 9, &k), 0);
    int covered = 0;
    for (size_t i = 0; i < n->nkeys; i++)
        covered |= td__names_cover(n->keys[i], k.p);
    assert_true(covered);
    td__buf_free(&k);
    /* and each word alone */
    assert_non_null(name_at(&r, t, "ディラン", 0));
    /* a katakana compound split where the dictionary's words meet */
    assert_non_null(name_at(&r, t, "パリ", 0));
    assert_non_null(name_at(&r, t, "オリンピック", 0));
    /* and whole as well: a compound may be one name (a brand) */
    int whole = 0;
    for (size_t i = 0; i < r.n; i++)
        whole |= has_key(&r.v[i], "pariorinpikku");
    assert_true(whole);
    /* a common loanword (or a brand the dictionary has as one) is offered
     * as written only, and is never a place */
    const char *c = "テニスとサッカーのニュースを見た。";
    td__readings r2;
    find(c, &r2);
    const td__reading_name *tn = name_at(&r2, c, "テニス", 0);
    assert_non_null(tn);
    assert_int_equal(tn->nkeys, 1);
    assert_string_equal(tn->keys[0], "tenisu");
    assert_false(tn->place);
    td__readings_free(&r2);
    td__readings_free(&r);
}

static void test_place_inside_a_katakana_word(void **state)
{
    (void)state;
    need_readings();
    const char *t = "住宅街サンタモニカスプリングスで火災。パリ・ダカール";
    td__readings r;
    find(t, &r);
    const char *paris = strstr(t, "パリ");
    /* "パリ" of "パリ・ダカール" is a word of its own */
    assert_false(td__readings_cut(&r, (size_t)(paris - t), strlen("パリ")));
    /* "モニカ" inside the one word the dictionary lacks is no name */
    const char *m = strstr(t, "モニカ");
    assert_true(td__readings_cut(&r, (size_t)(m - t), strlen("モニカ")));
    assert_false(td__readings_cut(&r, (size_t)(strstr(t, "サンタ") - t),
                                  strlen("サンタモニカスプリングス")));
    td__readings_free(&r);
}

static void test_glossed_kanji(void **state)
{
    (void)state;
    need_readings();
    /* the gloss gives the reading (清州 is "kiyosu" in Japan, Cheongju in
     * Korea), and the kanji keep it wherever the text writes them */
    const char *t = "韓国中部の清州(チョンジュ)で会議があり、清州の市長も出席した。";
    td__readings r;
    find(t, &r);
    const td__reading_name *a = name_at(&r, t, "清州", 0);
    const td__reading_name *b = name_at(&r, t, "清州", 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(has_key(a, "chonju"));
    assert_true(has_key(b, "chonju"));
    assert_false(has_key(a, "kiyosu"));
    assert_true(a->place && !a->japan);
    /* full-width brackets too */
    const char *f = "釜山（プサン）港";
    td__readings r2;
    find(f, &r2);
    assert_true(has_key(name_at(&r2, f, "釜山", 0), "pusan"));
    td__readings_free(&r2);
    td__readings_free(&r);
}

static void test_query_keys(void **state)
{
    (void)state;
    need_readings();
    td__buf out = TD__BUF_INIT;
    const char *q = "山田氏";
    assert_int_equal(td__reading_query_keys(q, strlen(q), &out), 1);
    assert_string_equal(out.p, "yamada");
    td__buf_reset(&out);
    q = "山田太郎";
    assert_int_equal(td__reading_query_keys(q, strlen(q), &out), 2);
    assert_string_equal(out.p, "taro yamada");
    assert_string_equal(out.p + strlen(out.p) + 1, "yamada taro");
    td__buf_reset(&out);
    /* no name: a title, a common word, Latin, nothing */
    const char *none[] = {"大統領", "ニュース", "Yamada", ""};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        assert_int_equal(
            td__reading_query_keys(none[i], strlen(none[i]), &out), 0);
        assert_int_equal(out.len, 0);
    }
    td__buf_free(&out);
}

static void test_long_text_in_pieces(void **state)
{
    (void)state;
    need_readings();
    /* a name far past the first piece MeCab reads keeps its offset */
    td__buf t = TD__BUF_INIT;
    for (int i = 0; i < 1500; i++)
        assert_int_equal(td__buf_puts(&t, "今日は晴れ。"), 0);
    size_t at = t.len;
    assert_int_equal(td__buf_puts(&t, "山田太郎さんが来た。"), 0);
    td__readings r;
    find(t.p, &r);
    const td__reading_name *n = name_at(&r, t.p, "山田太郎", 0);
    assert_non_null(n);
    assert_int_equal(n->off, at);
    td__readings_free(&r);
    /* bad and odd inputs: empty, Latin only, lone marks */
    const char *odd[] = {"", "Only Latin words here.", "・・・ー", "（）()",
                         "ー・ー", "\xef\xbd\xb1\xef\xbd\xb2"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        assert_int_equal(td__readings_find(odd[i], strlen(odd[i]), &r), TD_OK);
        td__readings_free(&r);
    }
    td__buf_free(&t);
}

/* The tentative entity of td__extract whose key is key; NULL if none. */
static const td__entity *tentative(const td__extracted *x, const char *key)
{
    for (size_t i = 0; i < x->nent; i++)
        if (x->ent[i].tentative && !strcmp(x->ent[i].key, key))
            return &x->ent[i];
    return NULL;
}

static void test_extract_japanese_only(void **state)
{
    (void)state;
    need_readings();
    const char *t = "山田太郎首相は記者会見で、ボブ・ディラン氏について語った。";
    td__extracted x;
    assert_int_equal(td__extract(t, strlen(t), "ja", NULL, &x), TD_OK);
    const td__entity *e = tentative(&x, "taro yamada");
    assert_non_null(e);
    assert_string_equal(e->name, "山田太郎");
    assert_non_null(tentative(&x, "bob dilan"));
    td__extracted_free(&x);
    /* the same characters in Chinese text are no Japanese reading */
    assert_int_equal(td__extract(t, strlen(t), "zh", NULL, &x), TD_OK);
    assert_null(tentative(&x, "taro yamada"));
    td__extracted_free(&x);
}

static void *read_in_thread(void *arg)
{
    (void)arg;
    const char *t = "山田太郎さんと鈴木花子さんがボブ・ディランを聴いた。";
    for (int i = 0; i < 50; i++) {
        td__readings r;
        if (td__readings_find(t, strlen(t), &r) != TD_OK || r.n == 0)
            return (void *)1;
        td__readings_free(&r);
    }
    return NULL;
}

static void test_threads_have_their_own_tagger(void **state)
{
    (void)state;
    need_readings();
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, read_in_thread, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *rv;
        assert_int_equal(pthread_join(th[i], &rv), 0);
        assert_null(rv);
    }
}

/* Without a dictionary: no readings, and extraction as before (kana runs
 * offered by script, kanji never). Run in a fresh process, as the model
 * is loaded once per process. */
static int absent_checks(void)
{
    if (td__readings_available())
        return 10;
    const char *t = "山田太郎首相とボブ・ディラン";
    td__readings r;
    if (td__readings_find(t, strlen(t), &r) != TD_OK || r.on || r.n)
        return 11;
    td__buf out = TD__BUF_INIT;
    if (td__reading_query_keys(t, strlen(t), &out) != 0 || out.len)
        return 12;
    td__extracted x;
    if (td__extract(t, strlen(t), "ja", NULL, &x) != TD_OK)
        return 13;
    int kana = 0, kanji = 0;
    for (size_t i = 0; i < x.nent; i++) {
        /* words joined by the middle dot are two words of the key */
        kana |= x.ent[i].tentative && !strcmp(x.ent[i].key, "bobu diran");
        kanji |= strstr(x.ent[i].name, "山田") != NULL;
    }
    td__extracted_free(&x);
    return kana && !kanji ? 0 : 14;
}

static void test_without_a_dictionary(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        setenv("TIDINGS_MECAB_DICDIR", "/nonexistent/mecab-dic", 1);
        char *argv[] = {(char *)self_path, (char *)"--absent", NULL};
        execv(self_path, argv);
        _exit(127);
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc > 1 && !strcmp(argv[1], "--absent"))
        return absent_checks();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_family_and_given_names),
        cmocka_unit_test(test_katakana_runs),
        cmocka_unit_test(test_place_inside_a_katakana_word),
        cmocka_unit_test(test_glossed_kanji),
        cmocka_unit_test(test_query_keys),
        cmocka_unit_test(test_long_text_in_pieces),
        cmocka_unit_test(test_extract_japanese_only),
        cmocka_unit_test(test_threads_have_their_own_tagger),
        cmocka_unit_test(test_without_a_dictionary),
    };
    return cmocka_run_group_tests_name("reading", tests, NULL, NULL);
}
