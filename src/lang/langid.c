/* langid.c -- language identification: script first, then, within a script
 * that several languages share, naive Bayes over character 2-4-grams and
 * whole words (src/lang/ngram.h) with the tables of data/langid_model.c.
 *
 * One pass over the text: each code point is decoded, folded, counted for
 * its script, and the features that end at it are looked up in a flat
 * open-addressing table; a hit adds the feature's row of costs (one byte per
 * language of its script group) to that group's accumulators. Nothing is
 * allocated; the state lives on the stack. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "lang/langid.h"
#include "lang/model.h"
#include "lang/ngram.h"
#include "tidings.h"

/* Only the first TD__LANGID_SCAN bytes are read: a news article's language
 * is settled long before that, and it bounds the time per call. */
#define TD__LANGID_SCAN (16 * 1024)

/* The declared language's weak prior, in cost units (TD__LM_SCALE a nat). */
#define HINT_BONUS (3 * TD__LM_SCALE)

/* Naive Bayes is over-confident on overlapping n-grams: cost differences
 * are divided by this many nats before the softmax that gives confidence. */
#define CONF_TEMPERATURE 6.0

/* Mean cost per feature (nats) above which the best language explains the
 * text so badly that it is junk rather than language. */
#define JUNK_NATS 10.5

#define MAXGROUPS 8

/* Letters of a shared script needed before any language is named. */
#define MIN_LETTERS 3

/* Early stop: once SETTLE_LETTERS letters are read and the best language
 * leads the next by SETTLE_NATS, the rest of the text is not read. */
#define SETTLE_LETTERS 200
#define SETTLE_NATS 40.0

/* Scripts written by one language of the model. */
static const struct {
    UScriptCode script;
    const char *code;
} single[] = {
    {USCRIPT_GREEK, "el"},      {USCRIPT_ARMENIAN, "hy"},
    {USCRIPT_GEORGIAN, "ka"},   {USCRIPT_THAI, "th"},
    {USCRIPT_LAO, "lo"},        {USCRIPT_KHMER, "km"},
    {USCRIPT_MYANMAR, "my"},    {USCRIPT_SINHALA, "si"},
    {USCRIPT_TAMIL, "ta"},      {USCRIPT_TELUGU, "te"},
    {USCRIPT_KANNADA, "kn"},    {USCRIPT_MALAYALAM, "ml"},
    {USCRIPT_GUJARATI, "gu"},   {USCRIPT_GURMUKHI, "pa"},
    {USCRIPT_BENGALI, "bn"},    {USCRIPT_ETHIOPIC, "am"},
    {USCRIPT_TIBETAN, "bo"},    {USCRIPT_HANGUL, "ko"},
    {USCRIPT_ORIYA, "or"},      {USCRIPT_THAANA, "dv"},
};

/* Scripts whose letters get no n-gram lookups: told by script alone. */
static int ngram_script(UScriptCode sc)
{
    return sc != USCRIPT_HAN && sc != USCRIPT_HIRAGANA &&
           sc != USCRIPT_KATAKANA && sc != USCRIPT_HANGUL &&
           sc != USCRIPT_THAI && sc != USCRIPT_LAO && sc != USCRIPT_KHMER &&
           sc != USCRIPT_MYANMAR && sc != USCRIPT_TIBETAN;
}

/* Costs are summed in 16 bits, twice as many lanes a vector instruction;
 * FLUSH_EVERY features of at most 255 cannot overflow them, and then they
 * are added into the 32-bit totals. */
#define FLUSH_EVERY 256

/* Cyrillic letters that some of its languages lack: ы is Russian or
 * Belarusian, never Ukrainian; ї, є, ґ only Ukrainian; ў Belarusian; ј, љ,
 * њ Serbian or Macedonian; қ, ә, ұ Kazakh. N-grams of formal training text
 * miss this on a short sentence ("Шторм обрушился на побережье."); the
 * alphabets do not. Each such letter costs a language without it
 * MARK_NATS. Languages not listed here are not judged by their letters. */
#define MARK_NATS 20
static const uint32_t marks[] = {
    0x44B /* ы */, 0x44D /* э */, 0x44A /* ъ */, 0x456 /* і */,
    0x457 /* ї */, 0x454 /* є */, 0x491 /* ґ */, 0x45E /* ў */,
    0x449 /* щ */, 0x458 /* ј */, 0x459 /* љ */, 0x45A /* њ */,
    0x45B /* ћ */, 0x452 /* ђ */, 0x453 /* ѓ */, 0x45C /* ќ */,
    0x4D9 /* ә */, 0x4B1 /* ұ */, 0x49B /* қ */, 0x493 /* ғ */,
    0x451 /* ё */,
};
#define NMARKS (sizeof marks / sizeof marks[0])
#define M(i) (1u << (i))
static const struct {
    const char *code;
    uint32_t has; /* bit i: the language writes marks[i] */
} alphabets[] = {
    {"ru", M(0) | M(1) | M(2) | M(8) | M(20)},
    {"uk", M(3) | M(4) | M(5) | M(6) | M(8)},
    {"be", M(0) | M(1) | M(3) | M(7) | M(20)},
    {"bg", M(2) | M(8)},
    {"sr", M(9) | M(10) | M(11) | M(12) | M(13)},
    {"mk", M(9) | M(10) | M(11) | M(14) | M(15)},
    {"kk", M(0) | M(1) | M(2) | M(3) | M(8) | M(16) | M(17) | M(18) | M(19) |
               M(20)},
};
#undef M

typedef struct scan {
    uint16_t part[MAXGROUPS][TD__LM_MAXLANG]; /* costs since the last flush */
    uint32_t acc[MAXGROUPS][TD__LM_MAXLANG];  /* summed costs */
    uint32_t pending;                          /* features since the flush */
    int flushed;                               /* a flush since the check */
    uint32_t nfound[MAXGROUPS];              /* features hit */
    uint32_t script[USCRIPT_CODE_LIMIT];     /* letters per script */
    uint32_t letters;
    uint16_t marks[NMARKS]; /* Cyrillic letters some languages lack */
} scan;

static void add64(uint16_t *restrict a, const uint8_t *restrict r)
{
    for (int i = 0; i < 64; i++)
        a[i] += r[i];
}

static void add16(uint16_t *restrict a, const uint8_t *restrict r)
{
    for (int i = 0; i < 16; i++)
        a[i] += r[i];
}

static void flush(scan *s)
{
    for (int g = 0; g < td__lm_ngroups && g < MAXGROUPS; g++)
        for (int l = 0; l < TD__LM_MAXLANG; l++) {
            s->acc[g][l] += s->part[g][l];
            s->part[g][l] = 0;
        }
    s->pending = 0;
    s->flushed = 1;
}

static inline void lookup(scan *s, const uint32_t *h, int n)
{
    for (int j = 0; j < n; j++) {
        uint32_t i = h[j] & td__lm_table_mask;
        for (;;) {
            uint32_t key = td__lm_keys[i];
            if (key == h[j]) {
                uint32_t v = td__lm_vals[i], g = v >> 24;
                const uint8_t *row = td__lm_rows + (size_t)(v & 0xffffff) * 16;
                if (td__lm_groups[g].width == 64)
                    add64(s->part[g], row);
                else
                    add16(s->part[g], row);
                s->nfound[g]++;
                if (++s->pending == FLUSH_EVERY)
                    flush(s);
                break;
            }
            if (!key)
                break;
            i = (i + 1) & td__lm_table_mask;
        }
    }
}

/* What the letters seen cost language code (0 when its alphabet is not
 * known here). */
static double alphabet_cost(const scan *s, const char *code)
{
    for (size_t a = 0; a < sizeof alphabets / sizeof alphabets[0]; a++) {
        if (strcmp(alphabets[a].code, code) != 0)
            continue;
        double c = 0;
        for (size_t i = 0; i < NMARKS; i++)
            if (!(alphabets[a].has & (1u << i)))
                c += s->marks[i];
        return c * MARK_NATS * TD__LM_SCALE;
    }
    return 0;
}

static void count_mark(scan *s, uint32_t f)
{
    if (f < 0x449 || f > 0x4D9)
        return;
    for (size_t i = 0; i < NMARKS; i++)
        if (marks[i] == f) {
            if (s->marks[i] < UINT16_MAX)
                s->marks[i]++;
            return;
        }
}

/* Best and second best cost among the distinct codes of group g. */
static void best_two(const scan *s, int g, const char *hint, int *best,
                     double *margin, double *cost)
{
    const td__lm_group *gr = &td__lm_groups[g];
    int b = 0;
    for (int l = 0; l < gr->nlang; l++) {
        cost[l] = (double)s->acc[g][l] + gr->prior[l] +
                  (gr->script == USCRIPT_CYRILLIC ? alphabet_cost(s, gr->code[l])
                                                  : 0);
        if (hint && strcmp(hint, gr->code[l]) == 0)
            cost[l] -= HINT_BONUS;
        if (cost[l] < cost[b])
            b = l;
    }
    double second = 1e300;
    for (int l = 0; l < gr->nlang; l++)
        if (strcmp(gr->code[l], gr->code[b]) != 0 && cost[l] < second)
            second = cost[l];
    *best = b;
    *margin = second - cost[b];
}

/* Whether the text read so far has settled its language beyond doubt:
 * one script for nearly all letters and a margin no later text of a news
 * article plausibly overturns. Checked after each flush. */
static int settled(const scan *s)
{
    if (s->letters < SETTLE_LETTERS)
        return 0;
    int g = 0;
    for (int k = 1; k < td__lm_ngroups && k < MAXGROUPS; k++)
        if (s->nfound[k] > s->nfound[g])
            g = k;
    int sc = td__lm_groups[g].script;
    if (s->script[sc] * 10 < s->letters * 9)
        return 0;
    double cost[TD__LM_MAXLANG], margin;
    int best;
    best_two(s, g, NULL, &best, &margin, cost);
    return margin >= SETTLE_NATS * TD__LM_SCALE;
}

static void run(scan *s, const char *text, size_t len)
{
    td__ng_state st;
    td__ng_init(&st);
    uint32_t h[TD__NG_MAX_OUT];
    const uint8_t *p = (const uint8_t *)text;
    size_t i = 0;
    while (i < len) {
        UChar32 c = p[i];
        uint32_t f;
        UScriptCode sc;
        if (c < 0x80) {
            i++;
            f = td__ng_fold((uint32_t)c);
            sc = USCRIPT_LATIN;
        } else {
            U8_NEXT(p, i, len, c);
            f = c < 0 ? 0 : td__ng_fold((uint32_t)c);
            UErrorCode err = U_ZERO_ERROR;
            sc = f ? uscript_getScript(c, &err) : USCRIPT_COMMON;
            if (U_FAILURE(err))
                f = 0;
        }
        if (f && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED &&
            sc >= 0 && sc < USCRIPT_CODE_LIMIT) {
            s->script[sc]++;
            s->letters++;
            if (sc == USCRIPT_CYRILLIC)
                count_mark(s, f);
        }
        int n;
        if (f && ngram_script(sc))
            n = td__ng_letter(&st, f, h);
        else
            n = td__ng_boundary(&st, h);
        lookup(s, h, n);
        if (s->flushed) {
            s->flushed = 0;
            if (settled(s))
                return;
        }
    }
    lookup(s, h, td__ng_boundary(&st, h));
    flush(s);
}

static void set(td__lang_guess *out, const char *code, double conf)
{
    snprintf(out->code, sizeof out->code, "%s", code);
    if (conf < 0)
        conf = 0;
    if (conf > 1)
        conf = 1;
    out->confidence = conf;
}

/* Picks among the languages of group g. share is the part of the letters
 * in the group's script. */
static void decide_group(const scan *s, int g, const char *hint, double share,
                         td__lang_guess *out)
{
    const td__lm_group *gr = &td__lm_groups[g];
    /* One or two letters ("m" of a terminal escape, "a)" of a list) are
     * no language. */
    if (s->nfound[g] == 0 || s->script[gr->script] < MIN_LETTERS) {
        set(out, "und", 0);
        return;
    }
    double cost[TD__LM_MAXLANG], margin;
    int best;
    best_two(s, g, hint, &best, &margin, cost);
    double mean = (double)s->acc[g][best] / s->nfound[g] / TD__LM_SCALE;
    if (mean > JUNK_NATS) {
        set(out, "und", 0);
        return;
    }
    /* Two columns may name one language (Bokmål and Nynorsk are both "no"
     * here; Serbian in Cyrillic and Latin are two groups): the softmax sums
     * over codes, so a language never competes with itself. */
    double z = 0, mine = 0;
    for (int l = 0; l < gr->nlang; l++) {
        double e = exp(-(cost[l] - cost[best]) /
                       (TD__LM_SCALE * CONF_TEMPERATURE));
        z += e;
        if (strcmp(gr->code[l], gr->code[best]) == 0)
            mine += e;
    }
    set(out, gr->code[best], share * mine / z);
}

/* The primary subtag of a declared language, lower-cased ("pt-BR" -> "pt");
 * NULL when there is none. */
static const char *hint_code(const char *hint, char buf[8])
{
    if (!hint)
        return NULL;
    size_t n = 0;
    while (n < 7 && hint[n] && hint[n] != '-' && hint[n] != '_') {
        char c = hint[n];
        buf[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    buf[n] = '\0';
    if (strcmp(buf, "nb") == 0 || strcmp(buf, "nn") == 0)
        return "no";
    return n ? buf : NULL;
}

void td__langid_detect(const char *text, size_t len, const char *hint,
                       td__lang_guess *out)
{
    char hbuf[8];
    hint = hint_code(hint, hbuf);
    scan s;
    memset(&s, 0, sizeof s);
    if (text && len > TD__LANGID_SCAN) {
        /* Cut at a character start so no letter is split. */
        len = TD__LANGID_SCAN;
        while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
            len--;
    }
    if (text)
        run(&s, text, len);
    if (s.letters == 0) {
        set(out, "und", 0);
        return;
    }
    /* Han, kana: one count, told apart after. */
    uint32_t cjk = s.script[USCRIPT_HAN] + s.script[USCRIPT_HIRAGANA] +
                   s.script[USCRIPT_KATAKANA];
    /* Latin letters weigh half: names, acronyms and brands in Latin
     * letters run through news in every other script, seldom the reverse. */
    int top = -1;
    uint32_t topn = cjk, topw = cjk * 2;
    for (int sc = 0; sc < USCRIPT_CODE_LIMIT; sc++) {
        if (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
            sc == USCRIPT_KATAKANA)
            continue;
        uint32_t w = sc == USCRIPT_LATIN ? s.script[sc] : s.script[sc] * 2;
        if (w > topw) {
            topw = w;
            topn = s.script[sc];
            top = sc;
        }
    }
    double share = (double)topn / s.letters;
    if (top < 0) {
        uint32_t kana = s.script[USCRIPT_HIRAGANA] + s.script[USCRIPT_KATAKANA];
        /* Japanese mixes kana into nearly every sentence; Chinese has none. */
        int ja = kana * 10 >= cjk || (hint && strcmp(hint, "ja") == 0 &&
                                      kana > 0);
        set(out, ja ? "ja" : "zh", share * (cjk >= 2 ? 1.0 : 0.5));
        return;
    }
    for (int g = 0; g < td__lm_ngroups; g++)
        if (td__lm_groups[g].script == top) {
            decide_group(&s, g, hint, share, out);
            return;
        }
    for (size_t k = 0; k < sizeof single / sizeof single[0]; k++)
        if (single[k].script == top) {
            set(out, single[k].code, share);
            return;
        }
    set(out, "und", 0);
}

TD_API td_status td_langid(const char *text, size_t len, char code[8],
                           double *confidence)
{
    if (!text || !code || !confidence)
        return TD_EINVAL;
    td__lang_guess g;
    td__langid_detect(text, len, NULL, &g);
    memcpy(code, g.code, sizeof g.code);
    *confidence = g.confidence;
    return TD_OK;
}
