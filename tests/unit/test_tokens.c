/* test_tokens.c -- text analysis through src/text/tokens.h: segmentation of
 * every script, folding, numbers, stop words, stems, offsets, and running
 * out of memory. */
#include "testutil.h"

#include <jansson.h>
#include <pthread.h>

#include "text/tokens.h"

static td__tokens tok(const char *lang, const char *s)
{
    td__tokens t = TD__TOKENS_INIT;
    assert_int_equal(td__tokenize(s, strlen(s), lang, &t), TD_OK);
    return t;
}

/* The first token whose norm is norm, or NULL. */
static const td__token *find(const td__tokens *t, const char *norm)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->v[i].norm, norm) == 0)
            return &t->v[i];
    return NULL;
}

static const td__token *must(const td__tokens *t, const char *norm)
{
    const td__token *k = find(t, norm);
    if (!k)
        fail_msg("no token \"%s\"", norm);
    return k;
}

static void assert_span(const char *s, const td__token *k, const char *want)
{
    assert_int_equal(k->len, strlen(want));
    assert_memory_equal(s + k->off, want, k->len);
}

/* Every token: a non-empty span inside the text, non-empty norm, stem set,
 * spans in order and not overlapping. */
static void check_invariants(const char *s, size_t n, const td__tokens *t)
{
    size_t end = 0;
    for (size_t i = 0; i < t->n; i++) {
        const td__token *k = &t->v[i];
        assert_true(k->len > 0);
        assert_true(k->off >= end);
        assert_true(k->off + k->len <= n);
        end = k->off + k->len;
        assert_non_null(k->norm);
        assert_non_null(k->stem);
        assert_true(k->norm[0] != '\0');
        assert_true(k->flags & (TD_TOKEN_WORD | TD_TOKEN_NUMBER));
        assert_false((k->flags & TD_TOKEN_WORD) &&
                     (k->flags & TD_TOKEN_NUMBER));
    }
    (void)s;
}

static void test_english(void **state)
{
    (void)state;
    const char *s = "The protesters were protesting in Almaty; the PROTESTS "
                    "ended. Putin’s visit.";
    td__tokens t = tok("en", s);
    check_invariants(s, strlen(s), &t);
    assert_true(must(&t, "the")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "were")->flags & TD_TOKEN_STOP);
    const td__token *a = must(&t, "protesters");
    const td__token *b = must(&t, "protesting");
    const td__token *c = must(&t, "protests");
    assert_false(a->flags & TD_TOKEN_STOP);
    assert_int_equal(a->flags & ~TD_TOKEN_STOP, TD_TOKEN_WORD);
    assert_string_equal(a->stem, "protest");
    assert_string_equal(b->stem, "protest");
    assert_string_equal(c->stem, "protest");
    assert_span(s, c, "PROTESTS");
    /* The typographic apostrophe folds to ASCII; the stemmer drops 's. */
    const td__token *p = must(&t, "putin's");
    assert_string_equal(p->stem, "putin");
    assert_span(s, p, "Putin’s");
    assert_int_equal(t.n, 11);
    td__tokens_free(&t);
}

static void test_italian(void **state)
{
    (void)state;
    const char *s = "Le proteste di ieri e la protesta dell’opposizione "
                    "in Kazakistan: l'Italia osserva.";
    td__tokens t = tok("it", s);
    check_invariants(s, strlen(s), &t);
    const td__token *a = must(&t, "proteste");
    const td__token *b = must(&t, "protesta");
    assert_string_equal(a->stem, b->stem);
    assert_string_not_equal(a->stem, a->norm);
    assert_true(must(&t, "di")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "la")->flags & TD_TOKEN_STOP);
    assert_false(a->flags & TD_TOKEN_STOP);
    /* Elided articles come apart from their noun. */
    const td__token *l = must(&t, "l'");
    assert_true(l->flags & TD_TOKEN_STOP);
    assert_span(s, l, "l'");
    const td__token *it = must(&t, "italia");
    assert_span(s, it, "Italia");
    assert_false(it->flags & TD_TOKEN_STOP);
    assert_span(s, must(&t, "dell'"), "dell’");
    assert_span(s, must(&t, "opposizione"), "opposizione");
    td__tokens_free(&t);
}

static void test_portuguese(void **state)
{
    (void)state;
    const char *s = "Os protestos no Cazaquistão: um protesto contra o "
                    "governo, e as manifestações continuam.";
    td__tokens t = tok("pt", s);
    check_invariants(s, strlen(s), &t);
    assert_string_equal(must(&t, "protestos")->stem,
                        must(&t, "protesto")->stem);
    assert_true(must(&t, "os")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "no")->flags & TD_TOKEN_STOP);
    assert_span(s, must(&t, "cazaquistão"), "Cazaquistão");
    assert_false(must(&t, "governo")->flags & TD_TOKEN_STOP);
    td__tokens_free(&t);

    /* A region subtag does not lose the language. */
    t = tok("pt-BR", s);
    assert_true(must(&t, "os")->flags & TD_TOKEN_STOP);
    assert_string_equal(must(&t, "protestos")->stem,
                        must(&t, "protesto")->stem);
    td__tokens_free(&t);
}

static void test_german(void **state)
{
    (void)state;
    const char *s = "Die Demonstranten protestierten gegen die Regierung; "
                    "ein Demonstrant auf der Straße, STRASSE.";
    td__tokens t = tok("de", s);
    check_invariants(s, strlen(s), &t);
    assert_true(must(&t, "die")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "der")->flags & TD_TOKEN_STOP);
    assert_string_equal(must(&t, "demonstranten")->stem,
                        must(&t, "demonstrant")->stem);
    /* Case folding: ß and SS fold alike. */
    size_t ss = 0;
    for (size_t i = 0; i < t.n; i++)
        ss += strcmp(t.v[i].norm, "strasse") == 0;
    assert_int_equal(ss, 2);
    td__tokens_free(&t);
}

static void test_russian(void **state)
{
    (void)state;
    const char *s = "Протесты в Казахстане: протестующие вышли на улицы "
                    "Алматы, и протест продолжался.";
    td__tokens t = tok("ru", s);
    check_invariants(s, strlen(s), &t);
    assert_true(must(&t, "в")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "на")->flags & TD_TOKEN_STOP);
    const td__token *a = must(&t, "протесты"); /* folded from "Протесты" */
    assert_span(s, a, "Протесты");
    assert_string_equal(a->stem, must(&t, "протест")->stem);
    assert_string_equal(a->stem, must(&t, "протестующие")->stem);
    assert_string_equal(must(&t, "казахстане")->stem, "казахстан");
    td__tokens_free(&t);
}

static size_t count_flag(const td__tokens *t, unsigned flag)
{
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += (t->v[i].flags & flag) != 0;
    return n;
}

static void test_chinese(void **state)
{
    (void)state;
    const char *s = "哈萨克斯坦总统托卡耶夫今天在阿斯塔纳会见了俄罗斯总统"
                    "普京。双方讨论了经济合作。";
    td__tokens t = tok("zh", s);
    check_invariants(s, strlen(s), &t);
    assert_true(t.n >= 10);
    assert_int_equal(count_flag(&t, TD_TOKEN_IDEO), t.n);
    for (size_t i = 0; i < t.n; i++) {
        assert_true(t.v[i].len <= 5 * 3); /* words, not sentences */
        assert_ptr_equal(t.v[i].stem, t.v[i].norm);
    }
    assert_span(s, must(&t, "总统"), "总统");
    assert_true(must(&t, "了")->flags & TD_TOKEN_STOP);
    td__tokens_free(&t);
}

static void test_japanese(void **state)
{
    (void)state;
    const char *s = "岸田首相は東京で記者会見を行い、カザフスタンの大統領と"
                    "会談しました。";
    td__tokens t = tok("ja", s);
    check_invariants(s, strlen(s), &t);
    assert_true(t.n >= 8);
    assert_int_equal(count_flag(&t, TD_TOKEN_IDEO), t.n);
    assert_span(s, must(&t, "カザフスタン"), "カザフスタン");
    assert_span(s, must(&t, "東京"), "東京");
    td__tokens_free(&t);

    /* Words in hiragana alone are grammar (inflections the stop list
     * lacks: した, わか, り, ま), stop words; kanji and katakana words are
     * not. */
    s = "経営破綻したことがわかりました。アメリカのたべものはおいしい。";
    t = tok("ja", s);
    check_invariants(s, strlen(s), &t);
    assert_true(t.n >= 8);
    assert_int_equal(count_flag(&t, TD_TOKEN_STOP), t.n - 3);
    assert_false(must(&t, "経営")->flags & TD_TOKEN_STOP);
    assert_false(must(&t, "破綻")->flags & TD_TOKEN_STOP);
    assert_false(must(&t, "アメリカ")->flags & TD_TOKEN_STOP);
    td__tokens_free(&t);
}

static void test_thai(void **state)
{
    (void)state;
    const char *s = "ประเทศไทยมีประชากรมากกว่า 70 ล้านคน";
    td__tokens t = tok("th", s);
    check_invariants(s, strlen(s), &t);
    assert_true(t.n >= 5);
    const td__token *n70 = must(&t, "70");
    assert_int_equal(n70->flags, TD_TOKEN_NUMBER);
    assert_int_equal(count_flag(&t, TD_TOKEN_IDEO), t.n - 1);
    assert_span(s, must(&t, "ประชากร"), "ประชากร");
    td__tokens_free(&t);
}

static void test_arabic(void **state)
{
    (void)state;
    const char *s = "قال الرئيس قاسم جومارت توكاييف إن الانتخابات جرت في "
                    "عام ٢٠٢٢ بنسبة ٨١٫٣١ في المئة.";
    td__tokens t = tok("ar", s);
    check_invariants(s, strlen(s), &t);
    assert_true(must(&t, "في")->flags & TD_TOKEN_STOP);
    const td__token *y = must(&t, "2022");
    assert_int_equal(y->flags, TD_TOKEN_NUMBER);
    assert_span(s, y, "٢٠٢٢");
    assert_span(s, must(&t, "81.31"), "٨١٫٣١");
    const td__token *r = must(&t, "الرئيس");
    assert_int_equal(r->flags, TD_TOKEN_WORD);
    assert_string_not_equal(r->stem, r->norm); /* the article goes */
    td__tokens_free(&t);
}

static void test_greek(void **state)
{
    (void)state;
    const char *s = "Ο πρόεδρος είπε ότι οι διαδηλώσεις ΕΊΝΑΙ ειρηνικές.";
    td__tokens t = tok("el", s);
    check_invariants(s, strlen(s), &t);
    /* Accented and capitalised forms of listed (unaccented) stop words. */
    assert_true(must(&t, "ότι")->flags & TD_TOKEN_STOP);
    assert_true(must(&t, "είναι")->flags & TD_TOKEN_STOP);
    assert_span(s, must(&t, "είναι"), "ΕΊΝΑΙ");
    const td__token *p = must(&t, "πρόεδροσ"); /* casefold: final sigma */
    assert_false(p->flags & TD_TOKEN_STOP);
    assert_string_equal(p->stem, "προεδρ");
    td__tokens_free(&t);
}

/* The normalised spelling of the only number in s. */
static void assert_number(const char *s, const char *want)
{
    td__tokens t = tok("en", s);
    size_t found = 0;
    for (size_t i = 0; i < t.n; i++) {
        if (!(t.v[i].flags & TD_TOKEN_NUMBER))
            continue;
        found++;
        if (strcmp(t.v[i].norm, want) != 0)
            fail_msg("\"%s\": got \"%s\", want \"%s\"", s, t.v[i].norm, want);
        assert_ptr_equal(t.v[i].stem, t.v[i].norm);
    }
    if (found != 1)
        fail_msg("\"%s\": %zu numbers", s, found);
    td__tokens_free(&t);
}

static void test_numbers(void **state)
{
    (void)state;
    assert_number("4.404 people", "4404");
    assert_number("4,404 people", "4404");
    assert_number("4404 people", "4404");
    assert_number("4\u00a0404 people", "4404");  /* no-break space */
    assert_number("4\u202f404 people", "4404");  /* narrow no-break space */
    assert_number("4\u2009404 people", "4404");  /* thin space */
    assert_number("12\u00a0345\u00a0678,5", "12345678.5");
    assert_number("81.31%", "81.31");
    assert_number("81,31 %", "81.31");
    assert_number("1.234,56 euro", "1234.56");
    assert_number("1,234.56 dollars", "1234.56");
    assert_number("1.000.000", "1000000");
    assert_number("0.404", "0.404");
    assert_number("12345.678", "12345.678");
    assert_number("in 2022", "2022");
    assert_number("٤٤٠٤", "4404");             /* Arabic-Indic digits */
    assert_number("٤٬٤٠٤", "4404");            /* Arabic thousands sign */
    assert_number("٨١٫٣١", "81.31");           /* Arabic decimal sign */
    assert_number("४४०४", "4404");             /* Devanagari */
    assert_number("４４０４", "4404");         /* fullwidth */

    /* An ordinary space separates two numbers. */
    td__tokens t = tok("en", "in 2022 1234 people");
    assert_non_null(find(&t, "2022"));
    assert_non_null(find(&t, "1234"));
    td__tokens_free(&t);

    /* "81-year-old": a number and two words. */
    const char *s = "The 81-year-old leader";
    t = tok("en", s);
    check_invariants(s, strlen(s), &t);
    assert_int_equal(t.n, 5);
    assert_int_equal(t.v[1].flags, TD_TOKEN_NUMBER);
    assert_string_equal(t.v[1].norm, "81");
    assert_string_equal(t.v[2].norm, "year");
    assert_true(t.v[2].flags & TD_TOKEN_WORD);
    assert_string_equal(t.v[3].norm, "old");
    td__tokens_free(&t);

    /* A unit glued to a number comes apart from it. */
    s = "$4.5bn and 4,500km in the 1990s";
    t = tok("en", s);
    check_invariants(s, strlen(s), &t);
    assert_span(s, must(&t, "4.5"), "4.5");
    assert_span(s, must(&t, "bn"), "bn");
    assert_span(s, must(&t, "4500"), "4,500");
    assert_span(s, must(&t, "km"), "km");
    assert_int_equal(must(&t, "1990")->flags, TD_TOKEN_NUMBER);
    td__tokens_free(&t);

    /* Letters and digits together make a word. */
    t = tok("en", "G20 and COVID-19");
    assert_true(must(&t, "g20")->flags & TD_TOKEN_WORD);
    assert_int_equal(must(&t, "19")->flags, TD_TOKEN_NUMBER);
    td__tokens_free(&t);
}

static void test_empty_and_punctuation(void **state)
{
    (void)state;
    td__tokens t = TD__TOKENS_INIT;
    assert_int_equal(td__tokenize("", 0, "en", &t), TD_OK);
    assert_int_equal(t.n, 0);
    td__tokens_free(&t);
    assert_int_equal(td__tokenize(NULL, 0, NULL, &t), TD_OK);
    assert_int_equal(t.n, 0);
    td__tokens_free(&t);
    td__tokens_free(&t); /* twice is fine */
    td__tokens_free(NULL);

    const char *p = " ... !!! — «» ,;: ( ) \n\t -- ¿? 。、 ";
    assert_int_equal(td__tokenize(p, strlen(p), "en", &t), TD_OK);
    assert_int_equal(t.n, 0);
    td__tokens_free(&t);

    /* Only the given length is read. */
    assert_int_equal(td__tokenize("alpha beta", 5, "en", &t), TD_OK);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.v[0].norm, "alpha");
    td__tokens_free(&t);
}

static void test_und(void **state)
{
    (void)state;
    const char *langs[] = {"und", NULL, "", "xx", "zz-Latn"};
    const char *s = "The protesters were in the streets of Almaty";
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        td__tokens t = tok(langs[l], s);
        assert_int_equal(t.n, 8);
        for (size_t i = 0; i < t.n; i++) {
            assert_false(t.v[i].flags & TD_TOKEN_STOP);
            assert_ptr_equal(t.v[i].stem, t.v[i].norm);
        }
        assert_string_equal(t.v[0].norm, "the");
        td__tokens_free(&t);
    }
    /* A language with stop words but no stemmer (Polish). */
    td__tokens t = tok("pl", "Protesty w Kazachstanie");
    assert_true(must(&t, "w")->flags & TD_TOKEN_STOP);
    assert_ptr_equal(must(&t, "protesty")->stem, must(&t, "protesty")->norm);
    td__tokens_free(&t);
}

static void test_offsets(void **state)
{
    (void)state;
    const char *s = "  Ça va? Ünïcödé «Tokayev» — 東京 ok…4,404!";
    td__tokens t = tok("fr", s);
    check_invariants(s, strlen(s), &t);
    const char *want[] = {"Ça", "va", "Ünïcödé", "Tokayev", "東京", "ok",
                          "4,404"};
    assert_int_equal(t.n, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < t.n; i++)
        assert_span(s, &t.v[i], want[i]);
    assert_string_equal(t.v[0].norm, "ça");
    assert_string_equal(t.v[2].norm, "ünïcödé");
    assert_int_equal(t.v[2].off, strlen("  Ça va? "));
    assert_string_equal(t.v[6].norm, "4404");
    td__tokens_free(&t);

    /* NFKC: ligatures and fullwidth letters fold to plain ones. */
    const char *k = "ﬁnancial ＡＢＣ";
    t = tok("en", k);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.v[0].norm, "financial");
    assert_span(k, &t.v[0], "ﬁnancial");
    assert_string_equal(t.v[1].norm, "abc");
    td__tokens_free(&t);
}

static void test_is_stopword(void **state)
{
    (void)state;
    assert_true(td__is_stopword("en", "the", 3));
    assert_true(td__is_stopword("en", "there", 3)); /* only len bytes */
    assert_false(td__is_stopword("en", "protest", 7));
    assert_false(td__is_stopword("und", "the", 3));
    assert_false(td__is_stopword(NULL, "the", 3));
    assert_false(td__is_stopword("xx", "the", 3));
    assert_false(td__is_stopword("en", "", 0));
    assert_true(td__is_stopword("it", "di", 2));
    assert_true(td__is_stopword("IT", "di", 2));
    assert_true(td__is_stopword("de", "über", strlen("über")));
    assert_true(td__is_stopword("de", "dass", 4));
    assert_true(td__is_stopword("nb", "og", 2)); /* Bokmål: Norwegian list */
    assert_true(td__is_stopword("ru", "и", strlen("и")));
    assert_true(td__is_stopword("zh", "的", strlen("的")));
    assert_false(td__is_stopword("zh", "总统", strlen("总统")));
}

/* Running out of memory at every allocation in turn: TD_OK or TD_ENOMEM
 * with an empty result, never a leak (LeakSanitizer checks at exit). */
static void test_out_of_memory(void **state)
{
    (void)state;
    const char *s = "Le proteste dell’opposizione: 4\u00a0404 persone, 81,31%. "
                    "Ünïcödé ﬁnancial 東京で記者会見 ประเทศไทย الرئيس ٢٠٢٢";
    for (int sticky = 1; sticky >= 0; sticky--) {
        int ok = 0;
        for (long n = 1; n < 500 && !ok; n++) {
            td__tokens t = TD__TOKENS_INIT;
            td_test_fail_alloc(n, sticky);
            td_status st = td__tokenize(s, strlen(s), "it", &t);
            td_test_fail_alloc(0, 0);
            if (st == TD_OK) {
                check_invariants(s, strlen(s), &t);
                ok = sticky; /* once nothing failed, later n pass too */
            } else {
                assert_int_equal(st, TD_ENOMEM);
                assert_int_equal(t.n, 0);
                assert_null(t.v);
                assert_null(t.priv);
            }
            td__tokens_free(&t);
        }
        if (sticky)
            assert_true(ok);
    }
    /* And it still works afterwards. */
    td__tokens t = tok("it", s);
    assert_true(t.n > 10);
    td__tokens_free(&t);
}

/* Long tokens take the heap paths of the folding scratch space. */
static void test_long_words(void **state)
{
    (void)state;
    size_t n = 5000;
    char *s = malloc(n * 2 + 8);
    assert_non_null(s);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        memcpy(s + o, "É", 2); /* two bytes each */
        o += 2;
    }
    memcpy(s + o, " x", 3);
    td__tokens t = tok("fr", s);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.v[0].len, n * 2);
    assert_int_equal(strlen(t.v[0].norm), n * 2);
    assert_memory_equal(t.v[0].norm, "éé", 4);
    td__tokens_free(&t);

    /* Folded lengths around the inline scratch sizes (exact fits). */
    for (size_t len = 250; len < 270; len++) {
        o = 0;
        for (size_t i = 0; i < len; i++) {
            memcpy(s + o, "É", 2);
            o += 2;
        }
        s[o] = '\0';
        t = tok("el", s); /* Greek: the accent-stripping path too */
        assert_int_equal(t.n, 1);
        assert_int_equal(strlen(t.v[0].norm), len * 2);
        td__tokens_free(&t);
    }
    free(s);

    /* Decomposition outgrows the input: Hangul in a Greek article. */
    const char *k = "카자흐스탄 대통령은 και";
    t = tok("el", k);
    assert_int_equal(t.n, 3);
    assert_true(t.v[2].flags & TD_TOKEN_STOP);
    assert_false(t.v[0].flags & TD_TOKEN_STOP);
    td__tokens_free(&t);
}

static void *thread_main(void *arg)
{
    (void)arg;
    const char *s = "Die Demonstranten protestierten in Almaty 東京で";
    for (int i = 0; i < 20; i++) {
        td__tokens t = TD__TOKENS_INIT;
        if (td__tokenize(s, strlen(s), i % 2 ? "de" : "en", &t) != TD_OK ||
            t.n < 6) {
            td__tokens_free(&t);
            return (void *)1;
        }
        td__tokens_free(&t);
    }
    return NULL;
}

/* Per-thread iterators and stemmers are closed when the thread ends. */
static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *rv = (void *)1;
        assert_int_equal(pthread_join(th[i], &rv), 0);
        assert_null(rv);
    }
}

/* Every article of the dev set: invariants hold and text yields words. */
static void test_dev_articles(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/data/dev/articles.jsonl",
             test_shared_dir());
    FILE *f = fopen(path, "r");
    if (!f)
        skip();
    char *line = NULL;
    size_t cap = 0, articles = 0;
    while (getline(&line, &cap, f) > 0) {
        json_t *o = json_loads(line, 0, NULL);
        if (!o)
            continue;
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *lang = json_string_value(json_object_get(o, "lang"));
        if (text) {
            td__tokens t = TD__TOKENS_INIT;
            assert_int_equal(td__tokenize(text, strlen(text), lang, &t),
                             TD_OK);
            check_invariants(text, strlen(text), &t);
            assert_true(count_flag(&t, TD_TOKEN_WORD) > 10);
            td__tokens_free(&t);
            articles++;
        }
        json_decref(o);
    }
    free(line);
    fclose(f);
    assert_true(articles > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english),
        cmocka_unit_test(test_italian),
        cmocka_unit_test(test_portuguese),
        cmocka_unit_test(test_german),
        cmocka_unit_test(test_russian),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_japanese),
        cmocka_unit_test(test_thai),
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_greek),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_empty_and_punctuation),
        cmocka_unit_test(test_und),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_is_stopword),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_long_words),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_dev_articles),
    };
    return cmocka_run_group_tests_name("tokens", tests, NULL, NULL);
}
