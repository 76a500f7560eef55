/* dates.c -- absolute and relative dates in text (td__dates_find).
 *
 * The month and weekday names come from CLDR through ICU (udat_getSymbols:
 * format and stand-alone, wide and abbreviated), the words for yesterday
 * and today from ICU's relative date formatter. They are read once per
 * process at run time (pthread_once), not generated into data/: ICU is
 * linked anyway and already holds them, the table is small (a few
 * thousand words, built in a few milliseconds), and it stays in step with
 * the ICU the library runs on.
 *
 * The text is cut into tokens (words folded as places fold, so accents and
 * case do not matter; runs of ASCII digits; single punctuation) and the
 * patterns are tried at each token:
 *   2022-01-07                ISO
 *   07.01.2022  7/1/2022      day first; with '/' in English only when
 *                             one of the two is over 12
 *   7 gennaio [2022]   28 de dezembro de 2021   9. November 2021
 *   28 декабря 2021 года   le 7 janvier
 *   January 7[, 2022]   January 7th
 *   2022. január 7.           year first (Hungarian, Lithuanian)
 *   dezembro de 2021   March 2022   (day 0)
 *   in March, nel marzo, в марте   (a month after a preposition: day 0)
 *   on Saturday, no sábado, giovedì, в субботу, yesterday, ieri, вчера
 *                             (relative: only with a ref that has a day)
 * Cyrillic words also match with their final vowel replaced by up to two
 * letters (субботу, марте). */
#include "entity/dates.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "core/alloc.h"
#include "core/calendar.h"
#include "entity/datewords.h"
#include "entity/placefold.h"
#include "text/stopwords.h"

/* The languages whose names are loaded: the EU's, Russian, Ukrainian,
 * Turkish and a few neighbours. Order is priority when the language is
 * unknown and a word means different months ("listopad": November in
 * Polish and Czech, October in Croatian). */
static const char *const langs[] = {
    "en", "de", "fr", "it", "es", "pt", "ru", "uk", "tr", "pl", "cs", "sk",
    "nl", "sv", "da", "fi", "et", "lv", "lt", "hu", "ro", "bg", "hr", "sl",
    "el", "ga", "mt", "ca", "no", "be", "kk", "sr"};
#define NLANGS (sizeof langs / sizeof langs[0])

enum { K_MONTH = 1, K_MONTH_ABBR, K_WEEKDAY, K_RELDAY, K_PREP, K_ORD };

typedef struct sym {
    char word[40]; /* folded */
    unsigned char lang, kind;
    signed char value; /* month 1-12, weekday 1 (Sunday)-7, days back */
} sym;

static sym *syms;
static size_t nsyms, capsyms;
static pthread_once_t syms_once = PTHREAD_ONCE_INIT;

/* Prepositions before a bare month, and English ordinal suffixes. */
static const char *const preps[] = {
    "in", "since", "until", "en", "im", "nel", "di", "de", "a", "au",
    "в", "у", "во", "з", "с", "до", "w", "we", "v", "ve", "i", "na", "em"};
static const char *const ords[] = {"st", "nd", "rd", "th", "er", "o", "a"};

static void sym_add(const char *word, size_t lang, int kind, int value)
{
    char f[64];
    size_t n = td__place_fold_str(word, strlen(word), f, sizeof f);
    while (n != (size_t)-1 && n > 0 && f[n - 1] == '.')
        f[--n] = '\0';
    if (n == (size_t)-1 || n == 0 || n >= sizeof syms->word)
        return;
    if (strchr(f, ' '))
        return; /* one word only */
    if (nsyms == capsyms) {
        size_t cap = capsyms ? capsyms * 2 : 1024;
        sym *v = td__realloc(syms, cap * sizeof *v);
        if (!v)
            return;
        syms = v, capsyms = cap;
    }
    sym *s = &syms[nsyms++];
    memcpy(s->word, f, n + 1);
    s->lang = (unsigned char)lang;
    s->kind = (unsigned char)kind;
    s->value = (signed char)value;
}

static void load_symbols(UDateFormat *df, UDateFormatSymbolType type,
                         size_t lang, int kind)
{
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = udat_countSymbols(df, type);
    for (int32_t i = 0; i < n; i++) {
        UChar u[64];
        char s[192];
        int32_t len = udat_getSymbols(df, type, i, u, 64, &err);
        int32_t blen = 0;
        if (U_FAILURE(err) || len <= 0 || len >= 64) {
            err = U_ZERO_ERROR;
            continue;
        }
        u_strToUTF8(s, sizeof s, &blen, u, len, &err);
        if (U_FAILURE(err) || blen >= (int32_t)sizeof s) {
            err = U_ZERO_ERROR;
            continue;
        }
        s[blen] = '\0';
        /* Months are 0-based in ICU; weekdays 1 (Sunday) to 7. */
        int value = kind == K_WEEKDAY ? i : i + 1;
        if (kind == K_WEEKDAY && i == 0)
            continue;
        if (kind == K_MONTH && value > 12)
            continue; /* the 13th month of some calendars */
        if (kind == K_MONTH_ABBR && (value > 12 || u_countChar32(u, len) < 3))
            continue;
        sym_add(s, lang, kind, value);
    }
}

static void load_reldays(const char *loc, size_t lang)
{
    UErrorCode err = U_ZERO_ERROR;
    URelativeDateTimeFormatter *f = ureldatefmt_open(
        loc, NULL, UDAT_STYLE_LONG, UDISPCTX_CAPITALIZATION_NONE, &err);
    if (U_FAILURE(err))
        return;
    for (int back = 0; back <= 2; back++) {
        UChar u[64];
        char s[192];
        err = U_ZERO_ERROR;
        int32_t len = ureldatefmt_format(f, -(double)back, UDAT_REL_UNIT_DAY,
                                         u, 64, &err);
        int32_t blen = 0;
        if (U_FAILURE(err) || len >= 64)
            continue;
        /* "2 days ago" is not a word of its own: only when ICU has one. */
        int digits = 0;
        for (int32_t i = 0; i < len; i++)
            digits |= u[i] >= '0' && u[i] <= '9';
        u_strToUTF8(s, sizeof s, &blen, u, len, &err);
        if (!digits && U_SUCCESS(err) && blen < (int32_t)sizeof s) {
            s[blen] = '\0';
            sym_add(s, lang, K_RELDAY, back);
        }
    }
    ureldatefmt_close(f);
}

static int by_word(const void *a, const void *b)
{
    const sym *x = a, *y = b;
    int c = strcmp(x->word, y->word);
    if (c)
        return c;
    return x->lang != y->lang ? x->lang - y->lang : x->kind - y->kind;
}

static void syms_build(void)
{
    for (size_t l = 0; l < NLANGS; l++) {
        UErrorCode err = U_ZERO_ERROR;
        UDateFormat *df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, langs[l],
                                    NULL, 0, NULL, 0, &err);
        if (U_FAILURE(err))
            continue;
        load_symbols(df, UDAT_MONTHS, l, K_MONTH);
        load_symbols(df, UDAT_STANDALONE_MONTHS, l, K_MONTH);
        load_symbols(df, UDAT_SHORT_MONTHS, l, K_MONTH_ABBR);
        load_symbols(df, UDAT_STANDALONE_SHORT_MONTHS, l, K_MONTH_ABBR);
        load_symbols(df, UDAT_WEEKDAYS, l, K_WEEKDAY);
        load_symbols(df, UDAT_STANDALONE_WEEKDAYS, l, K_WEEKDAY);
        udat_close(df);
        load_reldays(langs[l], l);
    }
    /* Prepositions and ordinals belong to every language (lang NLANGS). */
    for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++)
        sym_add(preps[i], NLANGS, K_PREP, 0);
    for (size_t i = 0; i < sizeof ords / sizeof ords[0]; i++)
        sym_add(ords[i], NLANGS, K_ORD, 0);
    if (!syms)
        return;
    qsort(syms, nsyms, sizeof *syms, by_word);
    size_t k = 0;
    for (size_t i = 0; i < nsyms; i++)
        if (k == 0 || by_word(&syms[k - 1], &syms[i]) != 0)
            syms[k++] = syms[i];
    nsyms = k;
}

/* The language's index in langs, NLANGS for "all" (unknown or NULL). */
static size_t lang_index(const char *lang)
{
    char key[8];
    if (!td__text_lang_key(lang, key))
        return NLANGS;
    for (size_t i = 0; i < NLANGS; i++)
        if (strcmp(langs[i], key) == 0)
            return i;
    return NLANGS;
}

static int is_cyr_vowel(const char *s, size_t n)
{
    /* а е и о у ы э ю я ь й і ї є as UTF-8 pairs */
    static const char *const v[] = {"а", "е", "и", "о", "у", "ы", "э",
                                    "ю", "я", "ь", "й", "і", "ї", "є"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (n == 2 && memcmp(s, v[i], 2) == 0)
            return 1;
    return 0;
}

/* The symbol of kind kind for folded word w (language lang or all), or
 * NULL. For kind K_MONTH, abbreviations match too. */
static const sym *sym_find_exact(const char *w, size_t lang, int kind)
{
    size_t lo = 0, hi = nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(syms[mid].word, w) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < nsyms && strcmp(syms[i].word, w) == 0; i++) {
        const sym *s = &syms[i];
        int k = s->kind == K_MONTH_ABBR ? K_MONTH : s->kind;
        if (k == kind &&
            (lang == NLANGS || s->lang == lang || s->lang == NLANGS))
            return s;
    }
    return NULL;
}

static const sym *sym_find(const char *w, size_t lang, int kind)
{
    const sym *s = sym_find_exact(w, lang, kind);
    if (s || (kind != K_MONTH && kind != K_WEEKDAY))
        return s;
    /* Cyrillic case endings: "субботу" for "суббота", "марте" for
     * "март": try the word less one or two final letters, and that stem
     * plus each vowel. */
    size_t n = strlen(w);
    if (n < 8 || (unsigned char)w[0] < 0xD0 || (unsigned char)w[0] > 0xD4)
        return NULL;
    static const char *const ends[] = {"", "а", "я", "ь", "й", "о", "е"};
    for (size_t cut = 2; cut <= 4 && n - cut >= 6; cut += 2) {
        if (!is_cyr_vowel(w + n - 2, 2) && cut == 2)
            continue;
        for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
            char t[48];
            size_t el = strlen(ends[e]);
            if (n - cut + el >= sizeof t)
                continue;
            memcpy(t, w, n - cut);
            memcpy(t + n - cut, ends[e], el + 1);
            s = sym_find_exact(t, lang, kind);
            if (s && s->kind != K_MONTH_ABBR)
                return s;
        }
    }
    return NULL;
}

int td__is_date_word(const char *word, size_t len)
{
    return td__is_date_word_in(word, len, NULL);
}

int td__is_date_word_in(const char *word, size_t len, const char *lang)
{
    char f[48];
    pthread_once(&syms_once, syms_build);
    size_t n = td__place_fold_fast(word, len, f, sizeof f);
    if (n == (size_t)-1 || n == 0)
        return 0;
    size_t l = lang_index(lang);
    return sym_find_exact(f, l, K_MONTH) != NULL ||
           sym_find_exact(f, l, K_WEEKDAY) != NULL;
}

/* ---- tokens ------------------------------------------------------------ */

enum { T_WORD = 1, T_NUM, T_PUNCT };

typedef struct tok {
    size_t off, len;
    int type;
    int ndig;     /* T_NUM: digits */
    long num;     /* T_NUM: value (capped) */
    char punct;   /* T_PUNCT: the ASCII character, or '?' */
    char w[40];   /* T_WORD: folded, trailing '.' removed; "" if too long */
    int dot;      /* T_WORD: was followed by '.' (abbreviation) */
} tok;

/* The next token at or after *i, or 0 at the end. */
static int next_tok(const char *s, size_t n, size_t *i, tok *t)
{
    while (*i < n) {
        size_t at = *i;
        UChar32 c;
        U8_NEXT(s, *i, n, c);
        if (c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
            c == 0xA0 || c == 0x202F || c == 0x2009)
            continue;
        memset(t, 0, sizeof *t);
        t->off = at;
        if (c >= '0' && c <= '9') {
            size_t j = at;
            while (j < n && s[j] >= '0' && s[j] <= '9') {
                if (t->num < 100000000)
                    t->num = t->num * 10 + (s[j] - '0');
                t->ndig++;
                j++;
            }
            t->type = T_NUM;
            t->len = j - at;
            *i = j;
            return 1;
        }
        if (td__place_is_word((uint32_t)c)) {
            size_t j = at, e = at;
            while (j < n) {
                size_t k = j;
                UChar32 d;
                U8_NEXT(s, k, n, d);
                if (d < 0 || (d >= '0' && d <= '9') ||
                    !td__place_is_word((uint32_t)d))
                    break;
                j = e = k;
            }
            t->type = T_WORD;
            t->len = e - at;
            *i = e;
            if (e < n && s[e] == '.')
                t->dot = 1;
            size_t k = td__place_fold_fast(s + at, e - at, t->w, sizeof t->w);
            if (k == (size_t)-1)
                t->w[0] = '\0';
            return 1;
        }
        t->type = T_PUNCT;
        t->len = *i - at;
        t->punct = c < 0x80 ? (char)c : '?';
        return 1;
    }
    return 0;
}

/* ---- calendar ------------------------------------------------------------ */

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

typedef struct ref_date {
    int y, m, d;
} ref_date;

/* Parses "YYYY-MM" or "YYYY-MM-DD" (anything after is ignored). */
static void parse_ref(const char *ref, ref_date *r)
{
    memset(r, 0, sizeof *r);
    if (!ref)
        return;
    int y = 0, m = 0, d = 0;
    for (int i = 0; i < 4; i++) {
        if (ref[i] < '0' || ref[i] > '9')
            return;
        y = y * 10 + ref[i] - '0';
    }
    if (ref[4] != '-' || ref[5] < '0' || ref[5] > '9' || ref[6] < '0' ||
        ref[6] > '9')
        return;
    m = (ref[5] - '0') * 10 + ref[6] - '0';
    if (m < 1 || m > 12)
        return;
    if (ref[7] == '-' && ref[8] >= '0' && ref[8] <= '9' && ref[9] >= '0' &&
        ref[9] <= '9') {
        d = (ref[8] - '0') * 10 + ref[9] - '0';
        if (d < 1 || d > days_in_month(y, m))
            d = 0;
    }
    r->y = y, r->m = m, r->d = d;
}

/* ---- patterns ------------------------------------------------------------ */

typedef struct ctx {
    const char *text;
    size_t len;
    size_t lang;
    int en; /* English or unknown: m/d/y possible */
    ref_date ref;
    tok *t;
    size_t nt;
} ctx;

static int adjacent(const tok *a, const tok *b)
{
    return a->off + a->len == b->off;
}

static int is_punct(const ctx *c, size_t i, char p)
{
    return i < c->nt && c->t[i].type == T_PUNCT && c->t[i].punct == p;
}

static int is_year(const ctx *c, size_t i)
{
    return i < c->nt && c->t[i].type == T_NUM && c->t[i].ndig == 4 &&
           c->t[i].num >= 1000 && c->t[i].num <= 2999 &&
           (i + 1 >= c->nt || !adjacent(&c->t[i], &c->t[i + 1]) ||
            c->t[i + 1].type == T_PUNCT);
}

static int is_day(const ctx *c, size_t i)
{
    return i < c->nt && c->t[i].type == T_NUM && c->t[i].ndig <= 2 &&
           c->t[i].num >= 1 && c->t[i].num <= 31;
}

/* A day number standing alone: not "7:30", not "7,5", not "7.5". */
static int lone_day(const ctx *c, size_t i)
{
    if (!is_day(c, i))
        return 0;
    if (i + 2 < c->nt && c->t[i + 1].type == T_PUNCT &&
        adjacent(&c->t[i], &c->t[i + 1]) && c->t[i + 2].type == T_NUM &&
        adjacent(&c->t[i + 1], &c->t[i + 2]))
        return 0;
    if (i > 0 && c->t[i - 1].type == T_PUNCT &&
        adjacent(&c->t[i - 1], &c->t[i]) &&
        (c->t[i - 1].punct == '-' || c->t[i - 1].punct == '/' ||
         c->t[i - 1].punct == ':' || c->t[i - 1].punct == '.') &&
        i > 1 && c->t[i - 2].type == T_NUM)
        return 0;
    return 1;
}

static const sym *word_sym(const ctx *c, size_t i, int kind)
{
    if (i >= c->nt || c->t[i].type != T_WORD || !c->t[i].w[0])
        return NULL;
    const sym *s = sym_find(c->t[i].w, c->lang, kind);
    return s;
}

/* A month word at i; abbreviations only when abbr_ok. */
static int month_at(const ctx *c, size_t i, int abbr_ok)
{
    const sym *s = word_sym(c, i, K_MONTH);
    if (!s || (s->kind == K_MONTH_ABBR && !abbr_ok))
        return 0;
    return s->value;
}

/* Fills year from ref when missing (a month after ref's month is of the
 * year before). */
static void infer_year(const ctx *c, td__date_hit *h)
{
    if (h->year || !c->ref.y)
        return;
    h->year = c->ref.y;
    if (h->month > c->ref.m)
        h->year--;
}

static int valid(const td__date_hit *h)
{
    if (h->month < 1 || h->month > 12)
        return 0;
    if (h->day == 0)
        return 1;
    int y = h->year ? h->year : 2000; /* Feb 29 allowed when unknown */
    return h->day >= 1 && h->day <= days_in_month(y, h->month);
}

/* Token i is a word that opens with the CJK date unit u (年, 月, 日 or
 * the Hangul 년, 월, 일), written right after the number before it. */
static int cjk_unit(const ctx *c, size_t i, const char *const *u)
{
    if (i == 0 || i >= c->nt || c->t[i].type != T_WORD ||
        c->t[i - 1].type != T_NUM || !adjacent(&c->t[i - 1], &c->t[i]))
        return 0;
    for (; *u; u++)
        if (c->t[i].len >= strlen(*u) &&
            memcmp(c->text + c->t[i].off, *u, strlen(*u)) == 0)
            return 1;
    return 0;
}

/* 2020年3月12日, 3月12日, 2024년 12월 29일, 2024年10月: Chinese, Japanese
 * and Korean dates, the unit after each number. */
static int match_cjk(const ctx *c, size_t i, td__date_hit *h, size_t *end)
{
    static const char *const year_u[] = {"\xE5\xB9\xB4", "\xEB\x85\x84", NULL};
    static const char *const month_u[] = {"\xE6\x9C\x88", "\xEC\x9B\x94", NULL};
    static const char *const day_u[] = {"\xE6\x97\xA5", "\xEC\x9D\xBC", NULL};
    const tok *t = c->t;
    size_t j = i;
    if (t[i].type != T_NUM)
        return 0;
    if (t[i].ndig == 4 && cjk_unit(c, i + 1, year_u)) {
        h->year = (int)t[i].num;
        j = i + 2;
    }
    if (j >= c->nt || t[j].type != T_NUM || t[j].ndig > 2 ||
        !cjk_unit(c, j + 1, month_u))
        return 0;
    h->month = (int)t[j].num;
    *end = j + 2;
    if (j + 2 < c->nt && t[j + 2].type == T_NUM && t[j + 2].ndig <= 2 &&
        cjk_unit(c, j + 3, day_u)) {
        h->day = (int)t[j + 2].num;
        *end = j + 4;
    }
    if (!h->day && !h->year)
        return 0; /* 3月 alone says too little */
    return valid(h);
}

/* Tries every pattern at token i; fills *h and the index after the match
 * in *end. Returns 1 on a match. */
static int match(const ctx *c, size_t i, td__date_hit *h, size_t *end,
                 int allow_rel)
{
    const tok *t = c->t;
    memset(h, 0, sizeof *h);
    size_t j;
    if (match_cjk(c, i, h, end))
        return 3; /* the last token runs on past its unit: see below */
    memset(h, 0, sizeof *h);
    /* ISO 2022-01-07, and 2022/01/07 */
    if (is_year(c, i) && is_punct(c, i + 1, '/') && i + 4 < c->nt &&
        is_day(c, i + 2) && t[i + 2].num <= 12 && is_punct(c, i + 3, '/') &&
        is_day(c, i + 4) && adjacent(&t[i], &t[i + 1]) &&
        adjacent(&t[i + 1], &t[i + 2]) && adjacent(&t[i + 2], &t[i + 3]) &&
        adjacent(&t[i + 3], &t[i + 4])) {
        h->year = (int)t[i].num, h->month = (int)t[i + 2].num;
        h->day = (int)t[i + 4].num;
        *end = i + 5;
        return valid(h);
    }
    if (is_year(c, i) && is_punct(c, i + 1, '-') && i + 4 < c->nt &&
        t[i + 2].type == T_NUM && t[i + 2].ndig == 2 &&
        is_punct(c, i + 3, '-') && t[i + 4].type == T_NUM &&
        t[i + 4].ndig == 2 && adjacent(&t[i], &t[i + 1]) &&
        adjacent(&t[i + 1], &t[i + 2]) && adjacent(&t[i + 2], &t[i + 3]) &&
        adjacent(&t[i + 3], &t[i + 4])) {
        h->year = (int)t[i].num, h->month = (int)t[i + 2].num;
        h->day = (int)t[i + 4].num;
        *end = i + 5;
        return valid(h);
    }
    /* 07.01.2022, 7/1/2022 */
    if (is_day(c, i) && i + 4 < c->nt && t[i + 1].type == T_PUNCT &&
        (t[i + 1].punct == '.' || t[i + 1].punct == '/') &&
        is_day(c, i + 2) && is_punct(c, i + 3, t[i + 1].punct) &&
        is_year(c, i + 4) && adjacent(&t[i], &t[i + 1]) &&
        adjacent(&t[i + 1], &t[i + 2]) && adjacent(&t[i + 2], &t[i + 3]) &&
        adjacent(&t[i + 3], &t[i + 4])) {
        int a = (int)t[i].num, b = (int)t[i + 2].num;
        h->year = (int)t[i + 4].num;
        if (t[i + 1].punct == '/' && c->en) {
            if (a > 12 && b <= 12)
                h->day = a, h->month = b;
            else if (b > 12 && a <= 12)
                h->day = b, h->month = a;
            else
                return 0; /* 7/1/2022 in English: ambiguous */
        } else {
            h->day = a, h->month = b;
        }
        *end = i + 5;
        return valid(h);
    }
    /* 2022. január 7. (year first) */
    if (is_year(c, i)) {
        j = i + 1;
        if (is_punct(c, j, '.'))
            j++;
        int m = month_at(c, j, 1);
        if (m && lone_day(c, j + 1)) {
            h->year = (int)t[i].num, h->month = m;
            h->day = (int)t[j + 1].num;
            *end = j + 2;
            return valid(h);
        }
    }
    /* 7 gennaio [2022], 9. November, 28 de dezembro de 2021, 7th March */
    if (lone_day(c, i)) {
        j = i + 1;
        if (is_punct(c, j, '.') && adjacent(&t[i], &t[j]))
            j++;
        else if (j < c->nt && adjacent(&t[i], &t[j]) && word_sym(c, j, K_ORD))
            j++;
        if (j < c->nt && t[j].type == T_WORD &&
            (strcmp(t[j].w, "de") == 0 || strcmp(t[j].w, "of") == 0))
            j++;
        int m = month_at(c, j, 1);
        if (m) {
            h->day = (int)t[i].num, h->month = m;
            *end = j + 1;
            size_t k = j + 1;
            if (k < c->nt && t[k].type == T_WORD &&
                strcmp(t[k].w, "de") == 0)
                k++;
            else if (is_punct(c, k, ','))
                k++;
            if (is_year(c, k)) {
                h->year = (int)t[k].num;
                *end = k + 1;
            }
            return valid(h);
        }
    }
    /* January 7[, 2022], January 7th; March 2022; dezembro de 2021 */
    int m = month_at(c, i, 1);
    if (m) {
        j = i + 1;
        if (t[i].dot && is_punct(c, j, '.'))
            j++;
        if (lone_day(c, j) && !(j + 1 < c->nt && is_year(c, j))) {
            h->month = m, h->day = (int)t[j].num;
            *end = j + 1;
            size_t k = j + 1;
            if (k < c->nt && adjacent(&t[j], &t[k]) && word_sym(c, k, K_ORD))
                k++, *end = k;
            if (is_punct(c, k, ','))
                k++;
            if (is_year(c, k)) {
                h->year = (int)t[k].num;
                *end = k + 1;
            }
            return valid(h);
        }
        size_t k = j;
        if (k < c->nt && t[k].type == T_WORD && strcmp(t[k].w, "de") == 0)
            k++;
        if (month_at(c, i, 0) && is_year(c, k)) {
            h->month = m, h->year = (int)t[k].num;
            *end = k + 1;
            return 1;
        }
        /* in March: a wide month name after a preposition */
        if (month_at(c, i, 0) && i > 0 && word_sym(c, i - 1, K_PREP) &&
            strcmp(t[i].w, "may") != 0 && strcmp(t[i].w, "mars") != 0) {
            h->month = m;
            *end = i + 1;
            return 1;
        }
    }
    /* Saturday, giovedì, вчера: relative to ref's day */
    const sym *s = word_sym(c, i, K_WEEKDAY);
    if (!s)
        s = word_sym(c, i, K_RELDAY);
    if (s && allow_rel && c->ref.d) {
        /* "Saturday, January 8" is the absolute date that follows. */
        size_t k = i + 1;
        if (is_punct(c, k, ','))
            k++;
        td__date_hit next;
        size_t e;
        if (k < c->nt && k != i && match(c, k, &next, &e, 0) &&
            !next.relative) {
            *h = next;
            h->off = t[i].off;
            *end = e;
            h->len = 0; /* set by the caller from *end */
            return 2;
        }
        long ref_days = td__days_from_civil(c->ref.y, c->ref.m, c->ref.d);
        long back;
        if (s->kind == K_RELDAY) {
            back = s->value;
        } else {
            /* 1970-01-01 was a Thursday (ICU weekday 5). */
            int ref_wd = (int)(((ref_days % 7) + 7 + 4) % 7) + 1;
            back = (ref_wd - s->value + 7) % 7;
        }
        td__civil_from_days(ref_days - back, &h->year, &h->month, &h->day);
        h->relative = 1;
        *end = i + 1;
        return 1;
    }
    return 0;
}

size_t td__dates_find(const char *text, size_t len, const char *lang,
                      const char *ref, td__date_hit *hits, size_t max)
{
    if (!text || len == 0)
        return 0;
    pthread_once(&syms_once, syms_build);
    if (!nsyms)
        return 0;
    ctx c = {text, len, lang_index(lang), 0, {0, 0, 0}, NULL, 0};
    c.en = c.lang == NLANGS || c.lang == 0;
    parse_ref(ref, &c.ref);
    /* Tokens: at most one per byte; usually far fewer. */
    size_t cap = 256, i = 0;
    c.t = td__malloc(cap * sizeof *c.t);
    if (!c.t)
        return 0;
    tok t;
    while (next_tok(text, len, &i, &t)) {
        if (c.nt == cap) {
            tok *v = td__realloc(c.t, cap * 2 * sizeof *v);
            if (!v)
                break;
            c.t = v, cap *= 2;
        }
        c.t[c.nt++] = t;
    }
    size_t found = 0;
    for (size_t k = 0; k < c.nt;) {
        td__date_hit h;
        size_t end = k + 1;
        int r = match(&c, k, &h, &end, 1);
        if (r && valid(&h)) {
            infer_year(&c, &h);
            h.off = c.t[k].off;
            /* a CJK unit is the first character of a word that runs on
             * ("日在希臘"): the date ends with the unit */
            const tok *last = &c.t[end - 1];
            h.len = last->off + (r == 3 ? 3 : last->len) - h.off;
            if (found < max)
                hits[found] = h;
            found++;
            k = end;
        } else {
            k++;
        }
    }
    td__free(c.t);
    return found;
}
