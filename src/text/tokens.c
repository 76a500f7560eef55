/* tokens.c -- word segmentation, folding, numbers, stop words, stems.
 *
 * ICU's word break iterator finds the words of every script (rules for
 * spaced scripts, dictionaries for Chinese, Japanese, Thai, Lao, Khmer,
 * Burmese). It runs straight on the UTF-8 text through a UText, so its
 * boundaries are byte offsets. Each word is folded with NFKC_Casefold;
 * numbers get one spelling ("4.404", "4,404", "4 404" -> "4404"); stop words
 * are flagged from the generated tables; Snowball stems where libstemmer has
 * the language.
 *
 * Strings live in a chain of arena blocks that never move (t->priv), so a
 * token's norm/stem pointers stay valid while the array grows. */
#include "text/tokens.h"

#include <limits.h>
#include <pthread.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>

#include "core/alloc.h"
#include "text/stem.h"
#include "text/stopwords.h"

/* ---- arena ------------------------------------------------------------ */

typedef struct block {
    struct block *next;
    size_t used, cap;
    char data[];
} block;

typedef struct builder {
    td__tokens t;
    block *head; /* current block, front of the chain */
    size_t hint; /* size for the next block */
} builder;

/* A copy of s[0..n) plus NUL in the arena; NULL when memory ran out. */
static char *arena_put(builder *b, const char *s, size_t n)
{
    block *k = b->head;
    if (!k || k->cap - k->used < n + 1) {
        size_t cap = b->hint > n + 1 ? b->hint : n + 1;
        k = td__malloc(sizeof *k + cap);
        if (!k)
            return NULL;
        k->next = b->head;
        k->used = 0;
        k->cap = cap;
        b->head = k;
        if (b->hint < 64 * 1024)
            b->hint *= 2;
    }
    char *p = k->data + k->used;
    memcpy(p, s, n);
    p[n] = '\0';
    k->used += n + 1;
    return p;
}

static void arena_free(block *k)
{
    while (k) {
        block *next = k->next;
        td__free(k);
        k = next;
    }
}

void td__tokens_free(td__tokens *t)
{
    if (!t)
        return;
    td__free(t->v);
    arena_free(t->priv);
    t->v = NULL;
    t->n = t->cap = 0;
    t->priv = NULL;
}

static td__token *push(builder *b)
{
    td__tokens *t = &b->t;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        td__token *v = td__realloc(t->v, cap * sizeof *v);
        if (!v)
            return NULL;
        t->v = v;
        t->cap = cap;
    }
    td__token *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    return k;
}

/* ---- per-thread break iterators ---------------------------------------- */

/* Opening a word break iterator costs tens of microseconds (rules, and
 * dictionaries on first use), so each thread keeps a few, keyed by locale;
 * ubrk_setUText then reuses one for every text. */
#define NITER 8
typedef struct iter_cache {
    struct {
        char locale[8];
        UBreakIterator *bi;
    } slot[NITER];
    unsigned next; /* round-robin victim */
    int registered;
} iter_cache;

static _Thread_local iter_cache iters;
static pthread_key_t iters_key;
static pthread_once_t iters_once = PTHREAD_ONCE_INIT;
static int iters_key_ok;

static void iters_close(iter_cache *c)
{
    for (size_t i = 0; i < NITER; i++) {
        if (c->slot[i].bi)
            ubrk_close(c->slot[i].bi);
        c->slot[i].bi = NULL;
        c->slot[i].locale[0] = '\0';
    }
}

static void iters_destroy(void *p)
{
    iters_close(p);
    td__stem_thread_cleanup();
}

static void iters_make_key(void)
{
    iters_key_ok = pthread_key_create(&iters_key, iters_destroy) == 0;
}

/* This thread's iterator for locale; NULL when ICU could not open one. */
static UBreakIterator *iter_get(const char *locale)
{
    for (size_t i = 0; i < NITER; i++)
        if (iters.slot[i].bi && strcmp(iters.slot[i].locale, locale) == 0)
            return iters.slot[i].bi;
    if (!iters.registered) {
        pthread_once(&iters_once, iters_make_key);
        if (iters_key_ok && pthread_setspecific(iters_key, &iters) == 0)
            iters.registered = 1;
    }
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, locale, NULL, 0, &err);
    if (U_FAILURE(err))
        return NULL;
    unsigned v = iters.next++ % NITER;
    if (iters.slot[v].bi)
        ubrk_close(iters.slot[v].bi);
    iters.slot[v].bi = bi;
    strcpy(iters.slot[v].locale, locale);
    return bi;
}

/* ---- folding ---------------------------------------------------------- */

/* A scratch buffer: on the stack up to its inline size, else on the heap. */
typedef struct scratch {
    void *p;
    size_t cap; /* elements */
    int heap;
} scratch;

static int scratch_need(scratch *s, size_t n, size_t elem)
{
    if (n <= s->cap)
        return 0;
    void *p = td__malloc(n * elem);
    if (!p)
        return -1;
    if (s->heap)
        td__free(s->p);
    s->p = p;
    s->cap = n;
    s->heap = 1;
    return 0;
}

static void scratch_free(scratch *s)
{
    if (s->heap)
        td__free(s->p);
}

/* NFKC_Casefold of the UTF-8 s[0..n) into out (NUL-terminated UTF-8 in
 * *out / *outlen, owned by the scratch space). Typographic apostrophes
 * become ASCII ones so "dell’uomo" and "dell'uomo" fold alike.
 * Returns 0, -1 when memory ran out, -2 on an ICU failure. */
typedef struct folder {
    scratch u16, n16, u8;
    UChar u16_inline[128], n16_inline[160];
    char u8_inline[512];
} folder;

static void folder_init(folder *f)
{
    f->u16 = (scratch){f->u16_inline, 128, 0};
    f->n16 = (scratch){f->n16_inline, 160, 0};
    f->u8 = (scratch){f->u8_inline, sizeof f->u8_inline, 0};
}

static void folder_free(folder *f)
{
    scratch_free(&f->u16);
    scratch_free(&f->n16);
    scratch_free(&f->u8);
}

/* UTF-16 u[0..n) as NUL-terminated UTF-8 in f's u8 scratch space (grown
 * to the size ICU asks for: decomposition or folding may outgrow the input).
 * Returns 0, -1 when memory ran out, -2 on an ICU failure. */
static int to_utf8(folder *f, const UChar *u, int32_t n, const char **out,
                   size_t *outlen)
{
    int32_t blen = 0;
    for (int tries = 0; tries < 2; tries++) {
        UErrorCode err = U_ZERO_ERROR;
        u_strToUTF8WithSub(f->u8.p, (int32_t)f->u8.cap, &blen, u, n, 0xFFFD,
                           NULL, &err);
        if (U_SUCCESS(err) && (size_t)blen < f->u8.cap) {
            ((char *)f->u8.p)[blen] = '\0';
            *out = f->u8.p;
            *outlen = (size_t)blen;
            return 0;
        }
        if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
            return -2;
        if (scratch_need(&f->u8, (size_t)blen + 1, 1) != 0)
            return -1;
    }
    return -2;
}

/* s[0..n) (UTF-8) normalised by nf into f->n16, *len units; with
 * apostrophes, U+2019 is read as ASCII ' first ("don’t" = "don't").
 * Returns 0, -1 when memory ran out, -2 on an ICU failure. */
static int normalize(folder *f, const UNormalizer2 *nf, const char *s,
                     size_t n, int apostrophes, int32_t *len)
{
    UErrorCode err = U_ZERO_ERROR;
    /* UTF-16 never has more units than UTF-8 has bytes. */
    if (scratch_need(&f->u16, n + 1, sizeof(UChar)) != 0)
        return -1;
    int32_t ulen = 0;
    u_strFromUTF8WithSub(f->u16.p, (int32_t)f->u16.cap, &ulen, s,
                         (int32_t)n, 0xFFFD, NULL, &err);
    if (U_FAILURE(err))
        return -2;
    UChar *u = f->u16.p;
    for (int32_t i = 0; apostrophes && i < ulen; i++)
        if (u[i] == 0x2019)
            u[i] = '\'';
    int32_t nlen = 0;
    for (int tries = 0;; tries++) {
        err = U_ZERO_ERROR;
        nlen = unorm2_normalize(nf, u, ulen, f->n16.p, (int32_t)f->n16.cap,
                                &err);
        if (err != U_BUFFER_OVERFLOW_ERROR || tries > 0)
            break;
        if (scratch_need(&f->n16, (size_t)nlen + 1, sizeof(UChar)) != 0)
            return -1;
    }
    if (U_FAILURE(err))
        return -2;
    *len = nlen;
    return 0;
}

static int fold(folder *f, const char *s, size_t n, const char **out,
                size_t *outlen)
{
    int ascii = 1;
    for (size_t i = 0; i < n && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        /* NFKC_Casefold of ASCII is ASCII lowercasing: skip ICU. */
        if (scratch_need(&f->u8, n + 1, 1) != 0)
            return -1;
        char *d = f->u8.p;
        for (size_t i = 0; i < n; i++)
            d[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
        d[n] = '\0';
        *out = d;
        *outlen = n;
        return 0;
    }

    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err))
        return -2;
    int32_t nlen = 0;
    int rc = normalize(f, nf, s, n, 1, &nlen);
    return rc != 0 ? rc : to_utf8(f, f->n16.p, nlen, out, outlen);
}

/* s[0..n) (folded UTF-8) without its non-spacing marks, in *out (scratch
 * space of f): the Greek stop words are listed without their accents.
 * Returns 0, -1 when memory ran out, -2 on an ICU failure. */
static int strip_marks(folder *f, const char *s, size_t n, const char **out,
                       size_t *outlen)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err))
        return -2;
    int32_t dlen = 0;
    int rc = normalize(f, nfd, s, n, 0, &dlen);
    if (rc != 0)
        return rc;
    UChar *d = f->n16.p;
    int32_t k = 0;
    for (int32_t i = 0; i < dlen; i++)
        if (u_charType(d[i]) != U_NON_SPACING_MARK)
            d[k++] = d[i];
    return to_utf8(f, d, k, out, outlen);
}

/* ---- numbers ---------------------------------------------------------- */

/* Spaces that may group digits inside one number ("4 404"). */
static int is_group_space(UChar32 c)
{
    return c == 0x00A0 || c == 0x202F || c == 0x2009 || c == 0x2007 ||
           c == 0x200A;
}

/* Separators that may stand between digit groups. */
static int is_num_sep(UChar32 c)
{
    return c == '.' || c == ',' || c == '\'' || c == 0x2019 ||
           c == 0x066B || c == 0x066C || is_group_space(c);
}

/* Writes the normalised spelling of the number s[0..n) to d (capacity
 * n + 1, NUL-terminated) and its length to *dlen. Digits of every script
 * become ASCII. A separator followed by exactly three digits, after a first
 * group of one to three digits that is not "0", groups thousands and is
 * dropped; any other separator is a decimal point, written '.'. A
 * grouping space must group thousands.
 * Returns 0, or -1 when s is not digits and separators only. */
static int number_norm(const char *s, size_t n, char *d, size_t *dlen)
{
    struct {
        UChar32 sep; /* before this group; 0 for the first */
        size_t from, ndig;
    } g[64];
    size_t ng = 0;
    size_t i = 0;
    UChar32 c;
    /* Split into digit groups. */
    while (i < n) {
        size_t at = i;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return -1;
        if (u_isdigit(c)) {
            if (ng == 0) {
                g[0].sep = 0, g[0].from = at, g[0].ndig = 0;
                ng = 1;
            }
            g[ng - 1].ndig++;
        } else if (is_num_sep(c) && ng > 0 && g[ng - 1].ndig > 0) {
            if (ng == sizeof g / sizeof g[0])
                return -1;
            g[ng].sep = c, g[ng].from = i, g[ng].ndig = 0;
            ng++;
        } else {
            return -1;
        }
    }
    if (ng == 0 || g[ng - 1].ndig == 0)
        return -1;

    /* Decide which separators group thousands. */
    size_t first = g[0].ndig;
    size_t z = g[0].from;
    U8_NEXT(s, z, n, c);
    int zero_lead = first == 1 && u_charDigitValue(c) == 0;
    UChar32 thousands = 0; /* the separator that grouped so far */
    int decimal = 0;       /* a decimal point was seen */
    size_t o = 0;
    for (size_t k = 0; k < ng; k++) {
        if (k > 0) {
            UChar32 sep = g[k].sep;
            int groups = !decimal && g[k].ndig == 3 && first <= 3 &&
                         !zero_lead && sep != 0x066B &&
                         (thousands == 0 || thousands == sep ||
                          is_group_space(sep) || is_group_space(thousands));
            if (sep == 0x066C && !decimal)
                groups = 1;
            if (is_group_space(sep) && !groups)
                return -1;
            if (groups) {
                if (!is_group_space(sep))
                    thousands = sep;
            } else {
                decimal = 1;
                d[o++] = '.';
            }
        }
        size_t j = g[k].from;
        for (size_t m = 0; m < g[k].ndig; m++) {
            U8_NEXT(s, j, n, c);
            d[o++] = (char)('0' + u_charDigitValue(c));
        }
    }
    d[o] = '\0';
    *dlen = o;
    return 0;
}

/* ---- the tokeniser ---------------------------------------------------- */

typedef struct ctx {
    builder b;
    folder f;
    const char *text;
    size_t len;
    char key[8]; /* language key, "" for none */
    const td__stoplist *stop;
    int stems;   /* the language has a stemmer */
    int unaccented_stops; /* stop words are listed without accents (el) */
    char *numbuf; /* scratch for number spellings */
    size_t numcap;
} ctx;

/* Scripts that ICU breaks with dictionaries: their words are flagged IDEO
 * like Han and kana words (no spaces, no stems). */
static int is_dictionary_script(UChar32 c)
{
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &err);
    return sc == USCRIPT_THAI || sc == USCRIPT_LAO || sc == USCRIPT_KHMER ||
           sc == USCRIPT_MYANMAR || sc == USCRIPT_HAN ||
           sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA;
}

/* A word written in hiragana alone: Japanese writes its particles,
 * auxiliaries and inflections so (した, ます, について), its names and
 * content words in kanji and katakana. A stop word, like those of lists. */
static int is_hiragana_only(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n) {
        UChar32 ch;
        U8_NEXT(w, i, n, ch);
        UErrorCode err = U_ZERO_ERROR;
        if (ch < 0 || uscript_getScript(ch, &err) != USCRIPT_HIRAGANA)
            return 0;
    }
    return n > 0;
}

/* Romance elisions written before an apostrophe ("l'Italia", "dell'uomo",
 * "qu'il"): ICU keeps "l'Italia" as one word; split them so the article is
 * a stop word and the noun stands alone. Folded, without the apostrophe. */
static int is_elision(const char *s, size_t n)
{
    static const char *const el[] = {
        "all", "anch", "c", "coll", "com", "d", "dall", "dell", "dov", "gl",
        "j", "jusqu", "l", "lorsqu", "m", "n", "nell", "pell", "puisqu", "qu",
        "quand", "quell", "quest", "quoiqu", "s", "sull", "t", "un", "v",
    };
    for (size_t i = 0; i < sizeof el / sizeof el[0]; i++)
        if (strlen(el[i]) == n && memcmp(el[i], s, n) == 0)
            return 1;
    return 0;
}

static int number_scratch(ctx *c, size_t n)
{
    if (n + 1 <= c->numcap)
        return 0;
    char *p = td__realloc(c->numbuf, n + 1);
    if (!p)
        return -1;
    c->numbuf = p;
    c->numcap = n + 1;
    return 0;
}

/* Emits text[s..e) as a number token if it spells one, merging it into the
 * previous number when only a grouping space separates them ("4 404").
 * Returns 1 when emitted, 0 when it is not a number, -1 out of memory. */
static int add_number(ctx *c, size_t s, size_t e)
{
    td__tokens *t = &c->b.t;
    if (t->n > 0 && (t->v[t->n - 1].flags & TD_TOKEN_NUMBER)) {
        td__token *p = &t->v[t->n - 1];
        size_t gap = p->off + p->len, i = gap;
        UChar32 ch;
        if (gap < s) {
            U8_NEXT(c->text, i, s, ch);
            if (i == s && is_group_space(ch)) {
                if (number_scratch(c, e - p->off) != 0)
                    return -1;
                size_t dlen;
                if (number_norm(c->text + p->off, e - p->off, c->numbuf,
                                &dlen) == 0) {
                    char *norm = arena_put(&c->b, c->numbuf, dlen);
                    if (!norm)
                        return -1;
                    p->norm = p->stem = norm;
                    p->len = e - p->off;
                    return 1;
                }
            }
        }
    }
    if (number_scratch(c, e - s) != 0)
        return -1;
    size_t dlen;
    if (number_norm(c->text + s, e - s, c->numbuf, &dlen) != 0)
        return 0;
    td__token *k = push(&c->b);
    if (!k)
        return -1;
    k->off = s;
    k->len = e - s;
    k->flags = TD_TOKEN_NUMBER;
    k->norm = k->stem = arena_put(&c->b, c->numbuf, dlen);
    if (!k->norm) {
        t->n--;
        return -1;
    }
    return 1;
}

/* Emits the word text[s..e). ideo: ICU called it a kana/ideographic word;
 * elided: an elided article or preposition split off a word ("l'"), a stop
 * word whenever the language has stop words.
 * Returns 0, -1 out of memory, -2 ICU failure. */
static int add_word(ctx *c, size_t s, size_t e, int ideo, int elided)
{
    const char *w = c->text + s;
    size_t n = e - s;

    if (!ideo) {
        size_t i = 0;
        UChar32 ch;
        U8_NEXT(w, i, n, ch);
        ideo = ch >= 0 && is_dictionary_script(ch);
    }

    /* "l'Italia" -> "l'" + "Italia" when the part before the apostrophe is
     * a Romance elided article or preposition. */
    if (!ideo && !elided) {
        const char *a = NULL;
        size_t alen = 0;
        for (size_t i = 1; i + 1 < n && !a; i++) {
            if (w[i] == '\'')
                a = w + i, alen = 1;
            else if (i + 3 < n && memcmp(w + i, "\xE2\x80\x99", 3) == 0)
                a = w + i, alen = 3;
        }
        if (a && a - w <= 8) {
            const char *pre;
            size_t plen;
            int r = fold(&c->f, w, (size_t)(a - w), &pre, &plen);
            if (r != 0)
                return r;
            if (is_elision(pre, plen)) {
                size_t cut = (size_t)(a - w) + alen;
                r = add_word(c, s, s + cut, 0, 1);
                if (r == 0)
                    r = add_word(c, s + cut, e, 0, 0);
                return r;
            }
        }
    }

    const char *norm;
    size_t nlen;
    int r = fold(&c->f, w, n, &norm, &nlen);
    if (r != 0)
        return r;
    if (nlen == 0)
        return 0; /* only default-ignorable characters */

    td__token *k = push(&c->b);
    if (!k)
        return -1;
    k->off = s;
    k->len = n;
    k->flags = TD_TOKEN_WORD | (ideo ? TD_TOKEN_IDEO : 0);
    k->norm = arena_put(&c->b, norm, nlen);
    if (!k->norm)
        goto nomem;
    k->stem = k->norm;
    norm = k->norm; /* the scratch copy may be reused below */
    if (c->stop) {
        int stop = elided;
        if (!stop && c->unaccented_stops) {
            const char *bare;
            size_t blen;
            r = strip_marks(&c->f, norm, nlen, &bare, &blen);
            if (r != 0) {
                c->b.t.n--;
                return r;
            }
            stop = td__stoplist_has(c->stop, bare, blen);
        } else if (!stop) {
            stop = td__stoplist_has(c->stop, norm, nlen);
        }
        if (stop)
            k->flags |= TD_TOKEN_STOP;
    }
    if (ideo && is_hiragana_only(w, n))
        k->flags |= TD_TOKEN_STOP;
    if (c->stems && !ideo) {
        const char *st;
        size_t slen;
        r = td__stem(c->key, norm, nlen, &st, &slen);
        if (r < 0)
            goto nomem;
        if (r > 0 && slen > 0 && (slen != nlen || memcmp(st, norm, nlen))) {
            k->stem = arena_put(&c->b, st, slen);
            if (!k->stem)
                goto nomem;
        }
    }
    return 0;
nomem:
    c->b.t.n--;
    return -1;
}

/* "4.5bn", "5km", "1990s", "1st": ICU keeps a number and the letters
 * after it as one word; emit the number and the unit apart so the number
 * matches across languages. Returns 1 when emitted, 0 when text[s..e) is
 * not a number followed by letters only, -1/-2 as add_word. */
static int split_unit(ctx *c, size_t s, size_t e)
{
    const char *w = c->text;
    size_t i = s, digits_end = 0;
    UChar32 ch;
    while (i < e) {
        U8_NEXT(w, i, e, ch);
        if (ch >= 0 && u_isdigit(ch))
            digits_end = i;
        else if (ch < 0 || !is_num_sep(ch) || digits_end == 0)
            break;
    }
    if (digits_end == 0 || digits_end == e)
        return 0;
    for (size_t j = digits_end; j < e;) {
        U8_NEXT(w, j, e, ch);
        if (ch < 0 || !u_isalpha(ch))
            return 0;
    }
    int r = add_number(c, s, digits_end);
    if (r <= 0)
        return r;
    r = add_word(c, digits_end, e, 0, 0);
    return r == 0 ? 1 : r;
}

static td_status run(ctx *c)
{
    if (c->len > INT32_MAX)
        return TD_EINVAL;
    UBreakIterator *bi = iter_get(c->key);
    if (!bi)
        return TD_ENOMEM;
    UErrorCode err = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, c->text, (int64_t)c->len, &err);
    ubrk_setUText(bi, &ut, &err);
    if (U_FAILURE(err)) {
        utext_close(&ut);
        return err == U_MEMORY_ALLOCATION_ERROR ? TD_ENOMEM : TD_ERROR;
    }
    td_status st = TD_OK;
    int32_t prev = ubrk_first(bi);
    for (int32_t end = ubrk_next(bi); end != UBRK_DONE;
         prev = end, end = ubrk_next(bi)) {
        int32_t status = ubrk_getRuleStatus(bi);
        if (status < UBRK_WORD_NONE_LIMIT)
            continue;
        size_t s = (size_t)prev, e = (size_t)end;
        int r = split_unit(c, s, e);
        if (r == 0 && status >= UBRK_WORD_NUMBER &&
            status < UBRK_WORD_NUMBER_LIMIT)
            r = add_number(c, s, e);
        if (r == 0)
            r = add_word(c, s, e, status >= UBRK_WORD_KANA, 0);
        else if (r > 0)
            r = 0;
        if (r != 0) {
            st = r == -1 ? TD_ENOMEM : TD_ERROR;
            break;
        }
    }
    utext_close(&ut);
    /* Do not leave the cached iterator pointing at the caller's text. */
    err = U_ZERO_ERROR;
    ubrk_setText(bi, NULL, 0, &err);
    return st;
}

td_status td__tokenize(const char *text, size_t len, const char *lang,
                       td__tokens *out)
{
    td__tokens empty = TD__TOKENS_INIT;
    if (!out)
        return TD_EINVAL;
    if (!text && len > 0) {
        *out = empty;
        return TD_EINVAL;
    }
    ctx c;
    memset(&c, 0, sizeof c);
    c.text = text;
    c.len = len;
    c.b.hint = len < 1024 ? 1024 : len + len / 2 + 64;
    if (c.b.hint > 64 * 1024)
        c.b.hint = 64 * 1024;
    if (td__text_lang_key(lang, c.key)) {
        c.stop = td__stoplist_find(c.key);
        c.stems = td__stem_available(c.key);
        c.unaccented_stops = strcmp(c.key, "el") == 0;
    }
    folder_init(&c.f);

    td_status st = len == 0 ? TD_OK : run(&c);
    folder_free(&c.f);
    td__free(c.numbuf);
    c.b.t.priv = c.b.head;
    if (st != TD_OK) {
        td__tokens_free(&c.b.t);
        *out = empty;
        return st;
    }
    *out = c.b.t;
    return TD_OK;
}
