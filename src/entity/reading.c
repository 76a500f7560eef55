/* reading.c -- Japanese names through their MeCab readings (reading.h). */
#include "entity/reading.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mecab.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "core/alloc.h"
#include "entity/names.h"
#include "text/unicode.h"

/* ---- MeCab, loaded at run time ----------------------------------------
 * Through dlopen, so that a machine without libmecab2 (or without a
 * dictionary) runs the engine as before instead of failing to start. */

#define MECAB_LIBRARY "libmecab.so.2"
#define DEBIAN_DICDIR "/var/lib/mecab/dic/ipadic-utf8"

static struct {
    mecab_model_t *(*model_new)(int, char **);
    void (*model_destroy)(mecab_model_t *);
    mecab_t *(*new_tagger)(mecab_model_t *);
    mecab_lattice_t *(*new_lattice)(mecab_model_t *);
    const mecab_dictionary_info_t *(*dict_info)(mecab_model_t *);
    void (*destroy)(mecab_t *);
    void (*lattice_destroy)(mecab_lattice_t *);
    void (*set_sentence)(mecab_lattice_t *, const char *, size_t);
    int (*parse)(mecab_t *, mecab_lattice_t *);
    mecab_node_t *(*bos)(mecab_lattice_t *);
    mecab_model_t *model; /* shared by all threads; lives for the process */
} M;

static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* dlsym's object pointer into a function pointer, without the cast ISO C
 * leaves undefined. */
static int sym(void *lib, const char *name, void *fn, size_t size)
{
    void *p = dlsym(lib, name);
    if (!p || size != sizeof p)
        return 0;
    memcpy(fn, &p, sizeof p);
    return 1;
}

static int utf8_dictionary(mecab_model_t *m)
{
    const mecab_dictionary_info_t *d = M.dict_info(m);
    return d && d->charset &&
           (!strcasecmp(d->charset, "utf-8") || !strcasecmp(d->charset, "utf8"));
}

/* The dictionary of the MeCab configuration (dicdir NULL), or folder
 * dicdir with no configuration file needed; NULL unless it is UTF-8. */
static mecab_model_t *open_model(const char *dicdir)
{
    char a0[] = "tidings", a1[] = "-r", a2[] = "/dev/null", a3[] = "-d";
    char *argv[] = {a0, a1, a2, a3, (char *)dicdir, NULL};
    mecab_model_t *m = M.model_new(dicdir ? 5 : 1, argv);
    if (m && !utf8_dictionary(m)) {
        M.model_destroy(m);
        m = NULL;
    }
    return m;
}

static void load(void)
{
    void *lib = dlopen(MECAB_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return;
#define SYM(field, name) sym(lib, name, &M.field, sizeof M.field)
    int ok = SYM(model_new, "mecab_model_new") &&
             SYM(model_destroy, "mecab_model_destroy") &&
             SYM(new_tagger, "mecab_model_new_tagger") &&
             SYM(new_lattice, "mecab_model_new_lattice") &&
             SYM(dict_info, "mecab_model_dictionary_info") &&
             SYM(destroy, "mecab_destroy") &&
             SYM(lattice_destroy, "mecab_lattice_destroy") &&
             SYM(set_sentence, "mecab_lattice_set_sentence2") &&
             SYM(parse, "mecab_parse_lattice") &&
             SYM(bos, "mecab_lattice_get_bos_node");
#undef SYM
    if (!ok) {
        dlclose(lib);
        return;
    }
    const char *dir = getenv("TIDINGS_MECAB_DICDIR");
    if (dir && *dir)
        M.model = open_model(dir);
    else if (!(M.model = open_model(NULL)))
        M.model = open_model(DEBIAN_DICDIR);
    /* without a model the library stays loaded: nothing calls it */
}

int td__readings_available(void)
{
    pthread_once(&load_once, load);
    return M.model != NULL;
}

/* A tagger and a lattice per thread (MeCab's lattice holds one analysis),
 * freed by a key destructor when the thread ends. */
typedef struct thread_mecab {
    mecab_t *tagger;
    mecab_lattice_t *lattice;
} thread_mecab;

static _Thread_local thread_mecab *tl;
static pthread_key_t tl_key;
static pthread_once_t tl_once = PTHREAD_ONCE_INIT;
static int tl_key_ok;
static pthread_mutex_t make_lock = PTHREAD_MUTEX_INITIALIZER;

static void tl_destroy(void *p)
{
    thread_mecab *t = p;
    if (t->lattice)
        M.lattice_destroy(t->lattice);
    if (t->tagger)
        M.destroy(t->tagger);
    td__free(t);
}

static void tl_make_key(void)
{
    tl_key_ok = pthread_key_create(&tl_key, tl_destroy) == 0;
}

static thread_mecab *thread_state(void)
{
    if (tl)
        return tl;
    if (!td__readings_available())
        return NULL;
    thread_mecab *t = td__calloc(1, sizeof *t);
    if (!t)
        return NULL;
    /* the model makes taggers for any thread; one at a time, to be safe */
    pthread_mutex_lock(&make_lock);
    t->tagger = M.new_tagger(M.model);
    t->lattice = M.new_lattice(M.model);
    pthread_mutex_unlock(&make_lock);
    if (!t->tagger || !t->lattice) {
        tl_destroy(t);
        return NULL;
    }
    pthread_once(&tl_once, tl_make_key);
    if (tl_key_ok)
        pthread_setspecific(tl_key, t);
    return tl = t;
}

/* ---- the words of a text ---------------------------------------------- */

#define T_UNK 1u    /* a word the dictionary lacks */
#define T_FAMILY 2u /* 名詞,固有名詞,人名,姓 */
#define T_GIVEN 4u  /* 名詞,固有名詞,人名,名 */
#define T_PERSON 8u /* 名詞,固有名詞,人名,一般 */
#define T_PLACE 16u /* 名詞,固有名詞,地域 */
#define T_ORG 32u   /* 名詞,固有名詞,組織 */
#define T_NAME 64u  /* 名詞,固有名詞,一般 */
#define T_PROPER (T_FAMILY | T_GIVEN | T_PERSON | T_PLACE | T_ORG | T_NAME)

typedef struct word {
    size_t off, len;
    unsigned flags;
    char *pron; /* owned: pronunciation in katakana, or NULL */
} word;

typedef struct words {
    word *v;
    size_t n, cap;
} words;

static void words_free(words *w)
{
    for (size_t i = 0; i < w->n; i++)
        td__free(w->v[i].pron);
    td__free(w->v);
    memset(w, 0, sizeof *w);
}

/* Field i (0-based) of a MeCab feature line, comma-separated. */
static const char *field(const char *f, int i, size_t *n)
{
    for (; i > 0 && f; i--) {
        f = strchr(f, ',');
        if (f)
            f++;
    }
    if (!f) {
        *n = 0;
        return NULL;
    }
    const char *e = strchr(f, ',');
    *n = e ? (size_t)(e - f) : strlen(f);
    return f;
}

static int field_is(const char *f, int i, const char *want)
{
    size_t n;
    const char *s = field(f, i, &n);
    return s && n == strlen(want) && memcmp(s, want, n) == 0;
}

static unsigned word_flags(const mecab_node_t *node)
{
    unsigned fl = node->stat == MECAB_UNK_NODE ? T_UNK : 0;
    const char *f = node->feature;
    if (!f || !field_is(f, 0, "名詞") || !field_is(f, 1, "固有名詞"))
        return fl;
    if (field_is(f, 2, "人名"))
        return fl | (field_is(f, 3, "姓")   ? T_FAMILY
                     : field_is(f, 3, "名") ? T_GIVEN
                                             : T_PERSON);
    if (field_is(f, 2, "地域"))
        return fl | T_PLACE;
    if (field_is(f, 2, "組織"))
        return fl | T_ORG;
    return fl | T_NAME;
}

static int add_word(words *w, size_t off, const mecab_node_t *node)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        word *v = td__realloc(w->v, cap * sizeof *v);
        if (!v)
            return -1;
        w->v = v, w->cap = cap;
    }
    word *x = &w->v[w->n];
    x->off = off, x->len = node->length;
    x->flags = word_flags(node);
    x->pron = NULL;
    size_t n = 0;
    /* IPAdic: ...,原形,読み,発音; the pronunciation writes long vowels as
     * Latin spells them (オーサカ, not オオサカ) */
    const char *p = node->feature ? field(node->feature, 8, &n) : NULL;
    if (!p || !n || (n == 1 && *p == '*'))
        p = node->feature ? field(node->feature, 7, &n) : NULL;
    if (p && n && !(n == 1 && *p == '*') && !(x->pron = td__strndup(p, n)))
        return -1;
    w->n++;
    return 0;
}

/* MeCab's lattice grows with its input: long texts are read in pieces
 * cut after a line or a sentence. */
#define PIECE 8192

static size_t piece_end(const char *text, size_t from, size_t len)
{
    if (len - from <= PIECE)
        return len;
    size_t cut = 0;
    for (size_t i = from + PIECE / 2; i < from + PIECE; i++) {
        if (text[i] == '\n')
            cut = i + 1;
        else if (i + 3 <= len && !memcmp(text + i, "。", 3))
            cut = i + 3;
    }
    if (!cut) { /* a code point's first byte */
        cut = from + PIECE;
        while (cut > from && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    return cut;
}

/* 1 analysed, 0 no readings, -1 out of memory. */
static int analyse(const char *text, size_t len, words *out)
{
    thread_mecab *t = thread_state();
    if (!t)
        return 0;
    for (size_t from = 0; from < len;) {
        size_t to = piece_end(text, from, len);
        M.set_sentence(t->lattice, text + from, to - from);
        if (!M.parse(t->tagger, t->lattice))
            return 0;
        for (const mecab_node_t *n = M.bos(t->lattice); n; n = n->next) {
            if (n->stat != MECAB_NOR_NODE && n->stat != MECAB_UNK_NODE)
                continue;
            size_t off = (size_t)(n->surface - (text + from)) + from;
            if (!n->length || off + n->length > to)
                continue;
            if (add_word(out, off, n) != 0)
                return -1;
        }
        from = to;
    }
    return 1;
}

/* ---- scripts ------------------------------------------------------------ */

static int kata_letter(UChar32 c)
{
    return (c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC || c == 0x30FD ||
           c == 0x30FE || (c >= 0x31F0 && c <= 0x31FF) ||
           (c >= 0xFF66 && c <= 0xFF9F);
}

/* Between the words of a foreign name: ・ ＝ ゠ (and half-width ･, =). */
static int kata_sep(UChar32 c)
{
    return c == 0x30FB || c == 0xFF65 || c == 0x30A0 || c == 0xFF1D ||
           c == '=' || c == 0xB7;
}

static int han(UChar32 c)
{
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript(c, &err) == USCRIPT_HAN && U_SUCCESS(err);
}

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; c++)
        (void)td__utf8_next(s, n, &i);
    return c;
}

/* What a span is written in: 1 katakana only, 2 kanji or hiragana (read
 * through the dictionary), 0 anything else (Latin, digits, signs). */
static int span_script(const char *s, size_t n)
{
    int kata = 1, read = 1;
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        UErrorCode err = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript(c, &err);
        if (!kata_letter(c))
            kata = 0;
        if (!(sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA || c == 0x3005))
            read = 0;
    }
    return kata ? 1 : read ? 2 : 0;
}

/* ---- keys ---------------------------------------------------------------- */

/* Katakana pairs that ICU's Katakana-Latin spells as two syllables (ヴィ
 * "vui", ウィ "ui", トゥ "tou"), written as Latin spells them. */
static const struct {
    const char *kana, *latin;
} pairs[] = {
    {"ヴァ", "va"}, {"ヴィ", "vi"}, {"ヴェ", "ve"}, {"ヴォ", "vo"},
    {"ヴ", "vu"},   {"ウィ", "wi"}, {"ウェ", "we"}, {"ウォ", "wo"},
    {"トゥ", "tu"}, {"ドゥ", "du"}, {"ツァ", "tsa"}, {"ツィ", "tsi"},
    {"ツェ", "tse"}, {"ツォ", "tso"}, {"クァ", "kwa"}, {"スィ", "si"},
    {"ズィ", "zi"}, {"グァ", "gwa"},
};

/* Appends the Latin spelling of one word written in kana, as one word:
 * ICU's syllable apostrophe (ケンイチ "ken'ichi") joins. */
static int kana_key(const char *s, size_t n, td__buf *out)
{
    td__buf in = TD__BUF_INIT, key = TD__BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t k;
        for (k = 0; k < sizeof pairs / sizeof pairs[0]; k++) {
            size_t pl = strlen(pairs[k].kana);
            if (i + pl <= n && !memcmp(s + i, pairs[k].kana, pl)) {
                rc = td__buf_puts(&in, pairs[k].latin);
                i += pl;
                break;
            }
        }
        if (k == sizeof pairs / sizeof pairs[0]) {
            size_t j = i;
            (void)td__utf8_next(s, n, &j);
            rc = td__buf_append(&in, s + i, j - i);
            i = j;
        }
    }
    if (rc == 0 && in.len)
        rc = td__name_key(in.p, in.len, &key);
    for (size_t i = 0; rc == 0 && i < key.len; i++)
        if (key.p[i] != ' ')
            rc = td__buf_putc(out, key.p[i]);
    td__buf_free(&in);
    td__buf_free(&key);
    return rc;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A katakana word's Latin spelling without the vowels Japanese puts
 * after a consonant that Latin writes alone: u after most consonants, o
 * after t and d, before another consonant or at the end ("samu" -> "sam",
 * "bankuman" -> "bankman", "furido" -> "frid"). The u of ン+ウ ("jonun")
 * and the o of -トン ("washinton") stay; a word keeps one vowel. In
 * place, on a key word of n ASCII letters; returns its new length. */
static size_t loan_spelling(char *w, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = w[i], prev = o ? w[o - 1] : 0;
        char next = i + 1 < n ? w[i + 1] : 0;
        int before_consonant = !next || (!vowel(next) && next != 'y');
        int drop = prev && !vowel(prev) && before_consonant &&
                   ((c == 'u' && prev != 'n') ||
                    (c == 'o' && (prev == 't' || prev == 'd') && next != 'n'));
        if (drop) {
            int left = 0; /* vowels kept before and after */
            for (size_t k = 0; k < o; k++)
                left |= vowel(w[k]);
            for (size_t k = i + 1; k < n; k++)
                left |= vowel(w[k]);
            if (left)
                continue;
        }
        w[o++] = c;
    }
    return o;
}

/* The keys of words ws[0..nw) written in katakana, appended to k (their
 * own spelling, the loanword spelling, that with l for r). */
typedef struct keyset {
    char *v[TD__READING_MAX_KEYS];
    size_t n;
} keyset;

static void keyset_free(keyset *k)
{
    for (size_t i = 0; i < k->n; i++)
        td__free(k->v[i]);
    k->n = 0;
}

/* Adds key s (owned by the caller) unless k has it or it is too short. */
static int keyset_add(keyset *k, const char *s)
{
    if (strlen(s) < 3 || k->n == TD__READING_MAX_KEYS)
        return 0;
    for (size_t i = 0; i < k->n; i++)
        if (!strcmp(k->v[i], s))
            return 0;
    if (!(k->v[k->n] = td__strdup(s)))
        return -1;
    k->n++;
    return 0;
}

/* loan_too 0: the run's own spelling only. */
static int kata_keys(const char *text, const td__reading_span *ws, size_t nw,
                     int loan_too, keyset *k)
{
    td__buf plain = TD__BUF_INIT, loan = TD__BUF_INIT, one = TD__BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < nw && rc == 0; i++) {
        td__buf_reset(&one);
        rc = kana_key(text + ws[i].off, ws[i].len, &one);
        if (rc != 0 || !one.len || one.len >= 128)
            continue;
        char tmp[128];
        memcpy(tmp, one.p, one.len);
        size_t wl = loan_spelling(tmp, one.len);
        if (plain.len)
            rc = td__buf_putc(&plain, ' ');
        if (rc == 0)
            rc = td__buf_append(&plain, one.p, one.len);
        if (rc == 0 && loan.len)
            rc = td__buf_putc(&loan, ' ');
        if (rc == 0)
            rc = td__buf_append(&loan, tmp, wl);
    }
    /* the loanword spelling first: katakana runs are mostly foreign */
    if (rc == 0 && loan.len && loan_too)
        rc = keyset_add(k, loan.p);
    if (rc == 0 && plain.len)
        rc = keyset_add(k, plain.p);
    if (rc == 0 && loan_too && loan.len && memchr(loan.p, 'r', loan.len)) {
        for (size_t i = 0; i < loan.len; i++)
            if (loan.p[i] == 'r')
                loan.p[i] = 'l';
        rc = keyset_add(k, loan.p);
    }
    td__buf_free(&plain);
    td__buf_free(&loan);
    td__buf_free(&one);
    return rc;
}

/* ---- names -------------------------------------------------------------- */

static int add_name(td__readings *r, size_t off, size_t len,
                    td__reading_kind kind, keyset *k, int place, int japan)
{
    if (!k->n)
        return 0;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        td__reading_name *v = td__realloc(r->v, cap * sizeof *v);
        if (!v)
            return -1;
        r->v = v, r->cap = cap;
    }
    td__reading_name *x = &r->v[r->n++];
    memset(x, 0, sizeof *x);
    x->off = off, x->len = len, x->kind = kind;
    x->place = place, x->japan = japan;
    x->proper = 1; /* katakana runs of common words say otherwise */
    for (size_t i = 0; i < k->n; i++)
        x->keys[i] = k->v[i];
    x->nkeys = k->n;
    k->n = 0; /* handed over */
    return 0;
}

/* Copies keyset src into dst (dst empty). */
static int keyset_copy(keyset *dst, const keyset *src)
{
    for (size_t i = 0; i < src->n; i++)
        if (keyset_add(dst, src->v[i]) != 0)
            return -1;
    return 0;
}

static int add_kata(td__readings *r, size_t off, size_t len)
{
    if (r->nkata == r->capkata) {
        size_t cap = r->capkata ? r->capkata * 2 : 32;
        td__reading_span *v = td__realloc(r->kata, cap * sizeof *v);
        if (!v)
            return -1;
        r->kata = v, r->capkata = cap;
    }
    r->kata[r->nkata++] = (td__reading_span){off, len};
    return 0;
}

/* The words of text that overlap [off, off+len). */
static void words_in(const words *w, size_t off, size_t len, size_t *from,
                     size_t *to)
{
    size_t i = 0;
    while (i < w->n && w->v[i].off + w->v[i].len <= off)
        i++;
    size_t j = i;
    while (j < w->n && w->v[j].off < off + len)
        j++;
    *from = i, *to = j;
}

/* A glossed kanji name: text[hoff..hoff+hlen) written just before "(" +
 * the katakana run + ")". */
typedef struct gloss {
    size_t hoff, hlen;
    keyset keys;
} gloss;

#define MAX_RUN_WORDS 16
#define NAME_WORDS 3 /* the longest run offered (as extract.c's others) */
#define MAX_GLOSSES 32

static int open_bracket(const char *t, size_t off, size_t *at)
{
    if (off >= 3 && !memcmp(t + off - 3, "（", 3))
        return *at = off - 3, 1;
    if (off >= 1 && t[off - 1] == '(')
        return *at = off - 1, 1;
    return 0;
}

static int close_bracket(const char *t, size_t len, size_t end)
{
    return (end + 3 <= len && !memcmp(t + end, "）", 3)) ||
           (end < len && t[end] == ')');
}

/* The kanji name ending at byte end: the word before it, and before that
 * the words of one kanji, names or words the dictionary lacks, not its
 * common words of two kanji or more ("韓国務安" -> "務安"). 0 when there
 * is none. */
static size_t glossed_kanji(const char *text, const words *w, size_t end,
                            size_t *off)
{
    size_t b = end;
    while (b > 0) {
        size_t p = b - 1;
        while (p > 0 && ((unsigned char)text[p] & 0xC0) == 0x80)
            p--;
        size_t q = p;
        UChar32 c = (UChar32)td__utf8_next(text, end, &q);
        if (!han(c) && c != 0x3005)
            break;
        b = p;
    }
    if (b == end)
        return 0;
    size_t from, to;
    words_in(w, b, end - b, &from, &to);
    size_t start = end;
    for (size_t k = to; k-- > from;) {
        const word *x = &w->v[k];
        if (x->off < b || x->off + x->len > end)
            break;
        if (start != end && chars(text + x->off, x->len) > 1 &&
            !(x->flags & (T_UNK | T_FAMILY | T_GIVEN | T_PERSON)))
            break;
        start = x->off;
    }
    *off = start;
    return end - start;
}

/* One katakana run as katakana_runs reads it. */
typedef struct kata_run {
    size_t at, end;     /* its span */
    int common;         /* only the dictionary's common words in it */
    int place;          /* the whole run may be a place */
    int glossed;        /* in brackets after kanji */
    size_t ob;          /* then: where the bracket opens */
} kata_run;

/* Whether MeCab cut a word of ws[0..nw) (one of its words, mw[0..nm),
 * begins inside). */
static int cut_by(const td__reading_span *ws, size_t nw,
                  const td__reading_span *mw, size_t nm)
{
    for (size_t i = 0; i < nw; i++)
        for (size_t k = 0; k < nm; k++)
            if (mw[k].off > ws[i].off && mw[k].off < ws[i].off + ws[i].len)
                return 1;
    return 0;
}

/* Offers the sub-runs of one to NAME_WORDS of words ws[0..nw) of run ru,
 * longest first; with mw, only those whose words MeCab's mw[0..nm) cut
 * (the others were offered with them). */
static int offer_subruns(const char *text, const words *w, td__readings *r,
                         const kata_run *ru, const td__reading_span *ws,
                         size_t nw, const td__reading_span *mw, size_t nm,
                         gloss *gl, size_t *ngl)
{
    int rc = 0;
    for (size_t nwords = nw < NAME_WORDS ? nw : NAME_WORDS;
         rc == 0 && nwords > 0; nwords--)
        for (size_t a = 0; rc == 0 && a + nwords <= nw; a++) {
            size_t off = ws[a].off;
            size_t n = ws[a + nwords - 1].off + ws[a + nwords - 1].len - off;
            if (mw && !cut_by(ws + a, nwords, mw, nm))
                continue;
            int whole = off == ru->at && off + n == ru->end;
            keyset k = {0};
            /* one word of a longer name alone is too short for the
             * looser spellings ("parisez" of パリセーズ is close to other
             * words): as written only */
            rc = kata_keys(text, ws + a, nwords,
                           !ru->common && (nwords > 1 || whole), &k);
            if (rc == 0 && ru->glossed && whole && !mw && *ngl < MAX_GLOSSES) {
                gloss *g = &gl[*ngl];
                memset(g, 0, sizeof *g);
                g->hlen = glossed_kanji(text, w, ru->ob, &g->hoff);
                if (g->hlen && keyset_copy(&g->keys, &k) != 0)
                    rc = -1;
                if (g->hlen)
                    (*ngl)++;
            }
            if (rc == 0)
                rc = add_name(r, off, n, TD__READING_KATAKANA, &k,
                              whole && ru->place, 0);
            if (rc == 0 && r->n && r->v[r->n - 1].off == off &&
                r->v[r->n - 1].len == n)
                r->v[r->n - 1].proper = !ru->common;
            keyset_free(&k);
        }
    return rc;
}

/* Katakana runs: every word of them (r->kata), the runs as names of one
 * to NAME_WORDS words (with the loanword spellings when a proper noun or
 * a word the dictionary lacks is in them), and the glosses. The words
 * are those between the middle dots and, within them, MeCab's; the
 * pieces between dots are offered whole too (ビットコイン, not only
 * ビット コイン). */
static int katakana_runs(const char *text, size_t len, const words *w,
                         td__readings *r, gloss *gl, size_t *ngl)
{
    int rc = 0;
    for (size_t i = 0; i < len && rc == 0;) {
        size_t at = i;
        UChar32 c = (UChar32)td__utf8_next(text, len, &i);
        if (!kata_letter(c) || c == 0x30FC)
            continue;
        /* the run: letters, single separators between them */
        td__reading_span dots[MAX_RUN_WORDS], ws[MAX_RUN_WORDS];
        size_t nd = 0, wstart = at, end = i;
        for (size_t j = i; j < len;) {
            size_t k = j;
            UChar32 d = (UChar32)td__utf8_next(text, len, &k);
            if (kata_letter(d)) {
                end = j = k;
                continue;
            }
            size_t k2 = k;
            if (!kata_sep(d) || k2 >= len ||
                !kata_letter((UChar32)td__utf8_next(text, len, &k2)))
                break;
            if (nd < MAX_RUN_WORDS)
                dots[nd++] = (td__reading_span){wstart, end - wstart};
            wstart = k;
            j = k;
        }
        if (nd < MAX_RUN_WORDS)
            dots[nd++] = (td__reading_span){wstart, end - wstart};
        i = end;
        /* words split further where MeCab starts a word inside one */
        memcpy(ws, dots, nd * sizeof ws[0]);
        size_t nw = nd;
        size_t from, to;
        words_in(w, at, end - at, &from, &to);
        unsigned any = 0;
        int unknown_or_place = 1;
        for (size_t k = from; k < to; k++) {
            any |= w->v[k].flags;
            if (!(w->v[k].flags & (T_UNK | T_PLACE)))
                unknown_or_place = 0;
            for (size_t q = 0; q < nw; q++) {
                size_t s = w->v[k].off;
                if (s > ws[q].off && s < ws[q].off + ws[q].len &&
                    nw < MAX_RUN_WORDS) {
                    memmove(&ws[q + 2], &ws[q + 1],
                            (nw - q - 1) * sizeof ws[0]);
                    ws[q + 1] = (td__reading_span){s, ws[q].off + ws[q].len - s};
                    ws[q].len = s - ws[q].off;
                    nw++;
                    break;
                }
            }
        }
        for (size_t q = 0; q < nw && rc == 0; q++)
            rc = add_kata(r, ws[q].off, ws[q].len);
        if (rc != 0)
            break;
        kata_run ru;
        memset(&ru, 0, sizeof ru);
        ru.at = at, ru.end = end;
        ru.glossed = open_bracket(text, at, &ru.ob) &&
                     close_bracket(text, len, end);
        /* a run of the dictionary's common words (メディア, ビットコイン)
         * may still be a brand's name: offered as written only, as the
         * other caseless scripts' words are */
        ru.common = !(any & (T_UNK | T_PROPER)) && !ru.glossed;
        /* a place: one word the dictionary lacks or names a place, of
         * three kana or more, or a gloss */
        ru.place = !ru.common && end - at >= 9 &&
                   ((nd == 1 && unknown_or_place) || ru.glossed);
        rc = offer_subruns(text, w, r, &ru, ws, nw, NULL, 0, gl, ngl);
        if (rc == 0 && nw != nd)
            rc = offer_subruns(text, w, r, &ru, dots, nd, ws, nw, gl, ngl);
    }
    return rc;
}

/* Whether [off, off+len) overlaps a place where the text writes one of
 * the glossed kanji names. */
static int overlaps_gloss(const gloss *gl, size_t ngl, const char *text,
                          size_t tlen, size_t off, size_t len)
{
    for (size_t g = 0; g < ngl; g++) {
        size_t kl = gl[g].hlen;
        for (size_t a = off >= kl ? off - kl + 1 : 0;
             a < off + len && a + kl <= tlen; a++)
            if (!memcmp(text + a, text + gl[g].hoff, kl))
                return 1;
    }
    return 0;
}

/* Names read from kanji (and hiragana given names): a family name with
 * the given name after it, in both orders, and alone; other proper nouns
 * by their reading. */
static int kanji_names(const char *text, size_t len, const words *w,
                       td__readings *r, const gloss *gl, size_t ngl)
{
    int rc = 0;
    td__buf a = TD__BUF_INIT, b = TD__BUF_INIT, both = TD__BUF_INIT;
    for (size_t i = 0; i < w->n && rc == 0; i++) {
        const word *x = &w->v[i];
        unsigned f = x->flags & T_PROPER;
        if (!f || f == T_GIVEN || !x->pron ||
            span_script(text + x->off, x->len) != 2 ||
            overlaps_gloss(gl, ngl, text, len, x->off, x->len))
            continue;
        /* one kanji alone is mostly a word cut wrong (務安 -> 務 安) or a
         * family name of many readings (菅: Kan, Suga); one stands with a
         * given name after it (林芳正) */
        const word *nx = i + 1 < w->n && w->v[i + 1].off == x->off + x->len
                             ? &w->v[i + 1]
                             : NULL;
        int one = chars(text + x->off, x->len) < 2;
        if (one && !(f == T_FAMILY && nx && (nx->flags & T_GIVEN)))
            continue;
        td__buf_reset(&a);
        if (kana_key(x->pron, strlen(x->pron), &a) != 0) {
            rc = -1;
            break;
        }
        if (!a.len)
            continue;
        keyset k = {0};
        if (f == T_FAMILY && i + 1 < w->n) {
            const word *g = &w->v[i + 1];
            if ((g->flags & T_GIVEN) && g->pron && g->off == x->off + x->len &&
                span_script(text + g->off, g->len) == 2) {
                td__buf_reset(&b);
                td__buf_reset(&both);
                rc = kana_key(g->pron, strlen(g->pron), &b);
                if (rc == 0 && b.len)
                    rc = td__buf_printf(&both, "%s %s", b.p, a.p);
                if (rc == 0 && b.len)
                    rc = keyset_add(&k, both.p);
                td__buf_reset(&both);
                if (rc == 0 && b.len)
                    rc = td__buf_printf(&both, "%s %s", a.p, b.p);
                if (rc == 0 && b.len)
                    rc = keyset_add(&k, both.p);
                if (rc == 0)
                    rc = add_name(r, x->off, g->off + g->len - x->off,
                                  TD__READING_PERSON, &k, 0, 0);
                keyset_free(&k);
            }
        }
        td__reading_kind kind = f & (T_FAMILY | T_PERSON) ? TD__READING_PERSON
                                : f & T_PLACE             ? TD__READING_PLACE
                                : f & T_ORG               ? TD__READING_ORG
                                                          : TD__READING_NAME;
        if (rc == 0 && !one)
            rc = keyset_add(&k, a.p);
        if (rc == 0)
            rc = add_name(r, x->off, x->len, kind, &k, kind == TD__READING_PLACE,
                          1);
        keyset_free(&k);
    }
    td__buf_free(&a);
    td__buf_free(&b);
    td__buf_free(&both);
    return rc;
}

/* Each glossed kanji name wherever the text writes it. */
static int glossed_names(const char *text, size_t len, td__readings *r,
                         gloss *gl, size_t ngl)
{
    int rc = 0;
    for (size_t g = 0; g < ngl && rc == 0; g++) {
        /* the same kanji glossed twice: the first gloss */
        int seen = 0;
        for (size_t h = 0; h < g && !seen; h++)
            seen = gl[h].hlen == gl[g].hlen &&
                   !memcmp(text + gl[h].hoff, text + gl[g].hoff, gl[g].hlen);
        if (seen)
            continue;
        for (size_t a = 0; a + gl[g].hlen <= len && rc == 0; a++) {
            if (memcmp(text + a, text + gl[g].hoff, gl[g].hlen))
                continue;
            keyset k = {0};
            rc = keyset_copy(&k, &gl[g].keys);
            if (rc == 0)
                rc = add_name(r, a, gl[g].hlen, TD__READING_NAME, &k, 1, 0);
            keyset_free(&k);
            a += gl[g].hlen - 1;
        }
    }
    return rc;
}

static int by_span(const void *pa, const void *pb)
{
    const td__reading_name *a = pa, *b = pb;
    if (a->off != b->off)
        return a->off < b->off ? -1 : 1;
    return a->len > b->len ? -1 : a->len < b->len;
}

td_status td__readings_find(const char *text, size_t len, td__readings *out)
{
    memset(out, 0, sizeof *out);
    words w = {0};
    int on = len ? analyse(text, len, &w) : 0;
    if (on <= 0) {
        words_free(&w);
        return on < 0 ? TD_ENOMEM : TD_OK;
    }
    out->on = 1;
    gloss gl[MAX_GLOSSES];
    size_t ngl = 0;
    int rc = katakana_runs(text, len, &w, out, gl, &ngl);
    if (rc == 0)
        rc = glossed_names(text, len, out, gl, ngl);
    if (rc == 0)
        rc = kanji_names(text, len, &w, out, gl, ngl);
    for (size_t g = 0; g < ngl; g++)
        keyset_free(&gl[g].keys);
    words_free(&w);
    if (rc != 0) {
        td__readings_free(out);
        return TD_ENOMEM;
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, by_span);
    return TD_OK;
}

void td__readings_free(td__readings *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (size_t k = 0; k < r->v[i].nkeys; k++)
            td__free(r->v[i].keys[k]);
    td__free(r->v);
    td__free(r->kata);
    memset(r, 0, sizeof *r);
}

int td__readings_cut(const td__readings *r, size_t off, size_t len)
{
    size_t end = off + len;
    for (size_t i = 0; i < r->nkata; i++) {
        size_t a = r->kata[i].off, b = a + r->kata[i].len;
        if ((off > a && off < b) || (end > a && end < b))
            return 1;
    }
    return 0;
}

int td__reading_query_keys(const char *s, size_t n, td__buf *out)
{
    int japanese = 0; /* kana or kanji in it: else no reading to look for */
    for (size_t i = 0; i < n && !japanese;) {
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        japanese = kata_letter(c) || han(c) || (c >= 0x3041 && c <= 0x309F);
    }
    if (!japanese)
        return 0;
    td__readings r;
    if (td__readings_find(s, n, &r) != TD_OK)
        return -1;
    /* the longest name, when it is most of what was typed (岸田 of 岸田氏,
     * not 安 of 務安空港) */
    size_t best = r.n;
    for (size_t i = 0; i < r.n; i++)
        if (r.v[i].proper && (best == r.n || r.v[i].len > r.v[best].len))
            best = i;
    int count = 0;
    if (best < r.n && 2 * r.v[best].len >= n) {
        for (size_t k = 0; k < r.v[best].nkeys && count >= 0; k++) {
            if (td__buf_puts(out, r.v[best].keys[k]) != 0 ||
                td__buf_putc(out, '\0') != 0)
                count = -1;
            else
                count++;
        }
    }
    td__readings_free(&r);
    return count;
}
