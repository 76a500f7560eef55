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
#include "lang/families.h"
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

/* What one Han form of one language alone weighs against kana. */
#define HAN_FORM 3

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

/* Features kept, in text order, for the family pass (see families[]): a
 * few hundred words settle a close pair as well as a whole article. */
#define MAXHITS 2048

typedef struct scan {
    uint16_t part[MAXGROUPS][TD__LM_MAXLANG]; /* costs since the last flush */
    uint32_t acc[MAXGROUPS][TD__LM_MAXLANG];  /* summed costs */
    uint32_t pending;                          /* features since the flush */
    int flushed;                               /* a flush since the check */
    uint32_t nfound[MAXGROUPS];              /* features hit */
    uint32_t script[USCRIPT_CODE_LIMIT];     /* letters per script */
    uint32_t letters;
    uint16_t marks[NMARKS]; /* Cyrillic letters some languages lack */
    size_t read;            /* bytes of the text read (early stop) */
    uint32_t han_ja, han_zh; /* Han forms of one language only (model.h) */
    uint32_t *hits;         /* the first MAXHITS features found: their */
    uint32_t nhits;         /* table values, for the family pass */
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
                if (s->nhits < MAXHITS)
                    s->hits[s->nhits++] = v;
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

/* What the letters seen cost column l of group gr (0 when its alphabet is
 * not known here). alphabets[] is in the order tools/gen_langid.c indexes. */
static double alphabet_cost(const scan *s, const td__lm_group *gr, int l)
{
    int a = gr->alphabet[l];
    if (!a)
        return 0;
    double c = 0;
    for (size_t i = 0; i < NMARKS; i++)
        if (!(alphabets[a - 1].has & (1u << i)))
            c += s->marks[i];
    return c * MARK_NATS * TD__LM_SCALE;
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

static void count_han(scan *s, uint32_t c)
{
    if (c < TD__HAN_FIRST || c > TD__HAN_LAST)
        return;
    uint32_t k = c - TD__HAN_FIRST;
    int v = (td__lm_han[k / 4] >> (2 * (k % 4))) & 3;
    s->han_ja += v == TD__HAN_JA;
    s->han_zh += v == TD__HAN_ZH;
}

/* Best and second best cost among the distinct codes of group g. */
static void best_two(const scan *s, int g, const char *hint, int *best,
                     double *margin, double *cost)
{
    const td__lm_group *gr = &td__lm_groups[g];
    int b = 0;
    for (int l = 0; l < gr->nlang; l++) {
        cost[l] = (double)s->acc[g][l] + gr->prior[l] + alphabet_cost(s, gr, l);
        if (hint && strcmp(hint, gr->code[l]) == 0)
            cost[l] -= HINT_BONUS;
        if (cost[l] < cost[b])
            b = l;
    }
    double second = 1e300;
    for (int l = 0; l < gr->nlang; l++)
        if (gr->canon[l] != gr->canon[b] && cost[l] < second)
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

/* Reads the code point at p[*i] (advancing *i) and writes the features
 * that end at it into h; returns how many. *scp and *fp say what it was:
 * its script and its folded letter (0 for none). */
static inline int step(td__ng_state *st, const uint8_t *p, size_t *i,
                       size_t len, uint32_t *h, UScriptCode *scp,
                       uint32_t *fp)
{
    UChar32 c = p[*i];
    uint32_t f;
    UScriptCode sc;
    if (c < 0x80) {
        (*i)++;
        f = td__ng_fold((uint32_t)c);
        sc = USCRIPT_LATIN;
    } else {
        U8_NEXT(p, *i, len, c);
        f = c < 0 ? 0 : td__ng_fold((uint32_t)c);
        UErrorCode err = U_ZERO_ERROR;
        sc = f ? uscript_getScript(c, &err) : USCRIPT_COMMON;
        if (U_FAILURE(err))
            f = 0;
    }
    *scp = sc;
    *fp = f;
    if (f && ngram_script(sc))
        return td__ng_letter(st, f, h);
    return td__ng_boundary(st, h);
}

static void run(scan *s, const char *text, size_t len)
{
    td__ng_state st;
    td__ng_init(&st);
    uint32_t h[TD__NG_MAX_OUT];
    const uint8_t *p = (const uint8_t *)text;
    size_t i = 0;
    while (i < len) {
        UScriptCode sc;
        uint32_t f;
        int n = step(&st, p, &i, len, h, &sc, &f);
        if (f && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED &&
            sc >= 0 && sc < USCRIPT_CODE_LIMIT) {
            s->script[sc]++;
            s->letters++;
            if (sc == USCRIPT_CYRILLIC)
                count_mark(s, f);
            else if (sc == USCRIPT_HAN)
                count_han(s, f);
        }
        lookup(s, h, n);
        if (s->flushed) {
            s->flushed = 0;
            if (settled(s)) {
                s->read = i;
                return;
            }
        }
    }
    s->read = len;
    lookup(s, h, td__ng_boundary(&st, h));
    flush(s);
}

/* Close families: languages whose whole-text costs differ mostly by the
 * register of their training text (software messages, a legal
 * declaration) rather than by the language. Within a family the decision
 * is made again on distinctive evidence only: pairwise, each feature counts
 * for two members only when one of them is at least DISTINCT_NATS likelier
 * to write it (ijekavian "rijeka" against ekavian "reka", Slovak "ä", the
 * Asturian "-u"), the members' priors added; a member wins when it beats
 * every other of a different code. A rare member thus wins only on
 * positive evidence of its own. A member is any family code present in the
 * script group; a code in two families takes the one with more members in
 * the group (Serbian: sr/hr/bs among Latin letters, ru/uk/bg... among
 * Cyrillic). pt-PT and pt-BR are one column "pt"; Bokmål and Nynorsk two
 * columns reported "no"; Dari is not a column and reads as "fa". */
#define DISTINCT_NATS 1.5
/* Distinctive features against the runner-up after which the evidence is
 * taken as full: fewer make the confidence lower. */
#define EVIDENCE_FEATURES 3.0
/* Distinctive features of its own a member needs to beat one likelier in
 * news: one or two are chance in a short text (a name, a loan word). */
#define MIN_WINS 2
/* Distinctive features another member needs to overturn a declared one. */
#define HINT_OVERTURN 2
#define families td__lang_families
#define NFAMILIES TD__LANG_NFAMILIES

typedef struct fam {
    int n;                         /* member columns */
    int col[MAXFAM];               /* their columns in the group */
    double diff[MAXFAM][MAXFAM];   /* sum of cost[b] - cost[a], distinctive */
    uint32_t wins[MAXFAM][MAXFAM]; /* features where a beats b distinctly */
} fam;

static int in_family(size_t f, const char *code)
{
    for (int k = 0; families[f][k]; k++)
        if (strcmp(families[f][k], code) == 0)
            return 1;
    return 0;
}

/* The members of the family of gr->code[best] in group gr; fm->n < 2 when
 * it has none. */
static void family_of(const td__lm_group *gr, int best, fam *fm)
{
    memset(fm, 0, sizeof *fm);
    int bestn = 0;
    for (size_t f = 0; f < NFAMILIES; f++) {
        if (!in_family(f, gr->code[best]))
            continue;
        int n = 0, col[TD__LM_MAXLANG];
        for (int l = 0; l < gr->nlang && n < MAXFAM; l++)
            if (in_family(f, gr->code[l]))
                col[n++] = l;
        if (n > bestn) {
            bestn = n;
            fm->n = n;
            memcpy(fm->col, col, (size_t)n * sizeof col[0]);
        }
    }
}

static void family_row(fam *fm, const uint8_t *row)
{
    const int d = (int)lround(DISTINCT_NATS * TD__LM_SCALE);
    /* Most features are about as likely in every member: one look at the
     * spread spares them the pairs. */
    int lo = 255, hi = 0;
    for (int a = 0; a < fm->n; a++) {
        int c = row[fm->col[a]];
        lo = c < lo ? c : lo;
        hi = c > hi ? c : hi;
    }
    if (hi - lo < d)
        return;
    for (int a = 0; a < fm->n; a++)
        for (int b = a + 1; b < fm->n; b++) {
            int ca = row[fm->col[a]], cb = row[fm->col[b]];
            if (cb - ca >= d) {
                fm->diff[a][b] += cb - ca;
                fm->wins[a][b]++;
            } else if (ca - cb >= d) {
                fm->diff[a][b] += cb - ca;
                fm->wins[b][a]++;
            }
        }
}

/* The family pass: the features of group g the scoring pass kept, their
 * rows compared pairwise among the members. */
static void family_pass(fam *fm, const scan *s, int g)
{
    for (uint32_t i = 0; i < s->nhits; i++) {
        uint32_t v = s->hits[i];
        if ((int)(v >> 24) == g)
            family_row(fm, td__lm_rows + (size_t)(v & 0xffffff) * 16);
    }
    for (int a = 0; a < fm->n; a++)
        for (int b = a + 1; b < fm->n; b++)
            fm->diff[b][a] = -fm->diff[a][b];
}

static void set(td__lang_guess *out, const char *code, double conf)
{
    snprintf(out->code, sizeof out->code, "%s", code);
    out->runner_up[0] = '\0';
    out->runner_up_score = 0;
    if (conf < 0)
        conf = 0;
    if (conf > 1)
        conf = 1;
    out->confidence = conf;
}

static void set_runner_up(td__lang_guess *out, const char *code, double score)
{
    snprintf(out->runner_up, sizeof out->runner_up, "%s", code);
    out->runner_up_score = score < 0 ? 0 : score > 1 ? 1 : score;
}

/* What member column l pays before any feature: its prior, its missing
 * letters, less the declared language's bonus. */
static double base_cost(const scan *s, const td__lm_group *gr, int l,
                        const char *hint)
{
    double c = gr->prior[l] + alphabet_cost(s, gr, l);
    if (hint && strcmp(hint, gr->code[l]) == 0)
        c -= HINT_BONUS;
    return c;
}

/* Whether the whole-text decision already stands within the family: the
 * winner is the member news is likeliest in (the cheapest prior) and leads
 * every other member by SETTLE_NATS, so no distinctive recount could
 * overturn it in a rare member's favour. Saves the family pass on most
 * long texts. */
static int family_settled(const td__lm_group *gr, const fam *fm, int best,
                          const double *cost)
{
    for (int a = 0; a < fm->n; a++) {
        int l = fm->col[a];
        if (gr->canon[l] == gr->canon[best])
            continue;
        if (gr->prior[l] < gr->prior[best] ||
            cost[l] - cost[best] < SETTLE_NATS * TD__LM_SCALE)
            return 0;
    }
    return 1;
}

/* Whether member a beats member b: it is cheaper on the distinctive
 * features and the priors, and when b is the likelier language in news,
 * a has at least MIN_WINS distinctive features of its own against b. */
static int beats(const td__lm_group *gr, const fam *fm, const double *base,
                 int a, int b)
{
    if (gr->canon[fm->col[a]] == gr->canon[fm->col[b]])
        return 0;
    if (fm->diff[a][b] + base[b] - base[a] <= 0)
        return 0;
    return base[a] <= base[b] || fm->wins[a][b] >= MIN_WINS;
}

/* The family decision (see families[]): sets *best to the winning column
 * and returns its confidence within the family, the runner-up's column in
 * *runner. */
static double decide_family(const scan *s, const td__lm_group *gr, int g,
                            const char *hint, fam *fm,
                            int *best, int *runner, double *runner_share)
{
    family_pass(fm, s, g);
    double base[MAXFAM];
    for (int a = 0; a < fm->n; a++)
        base[a] = base_cost(s, gr, fm->col[a], hint);
    /* Members in prior order, cheapest first; each in turn takes the place
     * of the one standing when it beats it. */
    int order[MAXFAM];
    for (int a = 0; a < fm->n; a++) {
        int k = a;
        while (k > 0 && base[order[k - 1]] > base[a]) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = a;
    }
    int w = order[0];
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < fm->n; k++)
            if (beats(gr, fm, base, order[k], w))
                w = order[k];
    /* A declared language that is a member stands unless the text has
     * features of another member's own against it: the declaration is
     * evidence too, and the family's members differ in few features. */
    for (int a = 0; hint && a < fm->n; a++)
        if (strcmp(hint, gr->code[fm->col[a]]) == 0 &&
            gr->canon[fm->col[a]] != gr->canon[fm->col[w]] &&
            fm->wins[w][a] < HINT_OVERTURN)
            w = a;
    int r = -1;
    double margin = 1e300;
    for (int b = 0; b < fm->n; b++) {
        if (gr->canon[fm->col[w]] == gr->canon[fm->col[b]])
            continue;
        double d = fm->diff[w][b] + base[b] - base[w];
        if (d < margin) {
            margin = d;
            r = b;
        }
    }
    *best = fm->col[w];
    *runner = r < 0 ? -1 : fm->col[r];
    *runner_share = 0;
    if (r < 0)
        return 1;
    /* A winner by the evidence rule alone (the runner-up cheaper but
     * without features of its own) is even with it. */
    if (margin < 0)
        margin = 0;
    double pair = 1 / (1 + exp(-margin / (TD__LM_SCALE * CONF_TEMPERATURE)));
    /* Without features of its own against the runner-up the win is the
     * priors' alone: at most half sure. The runner-up's share is cut
     * alike: the text said little about either. */
    double evidence = 1 - exp(-(double)fm->wins[w][r] / EVIDENCE_FEATURES);
    double f = 0.5 + 0.5 * evidence;
    *runner_share = (1 - pair) * f;
    return pair * f;
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
    double e[TD__LM_MAXLANG], z = 0;
    for (int l = 0; l < gr->nlang; l++) {
        e[l] = exp(-(cost[l] - cost[best]) / (TD__LM_SCALE * CONF_TEMPERATURE));
        z += e[l];
    }
    fam fm;
    family_of(gr, best, &fm);
    int runner = -1;
    double conf, runner_score = 0;
    if (fm.n >= 2 && !family_settled(gr, &fm, best, cost)) {
        double mass = 0;
        for (int a = 0; a < fm.n; a++)
            mass += e[fm.col[a]];
        mass /= z;
        double rshare;
        double within =
            decide_family(s, gr, g, hint, &fm, &best, &runner, &rshare);
        conf = share * mass * within;
        if (runner >= 0)
            runner_score = share * mass * rshare;
        /* A language outside the family may still be the closer second. */
        for (int l = 0; l < gr->nlang; l++) {
            int member = 0;
            for (int a = 0; a < fm.n; a++)
                member |= fm.col[a] == l;
            if (!member && share * e[l] / z > runner_score) {
                runner_score = share * e[l] / z;
                runner = l;
            }
        }
    } else {
        double mine = 0;
        for (int l = 0; l < gr->nlang; l++)
            if (gr->canon[l] == gr->canon[best])
                mine += e[l];
        conf = share * mine / z;
        for (int l = 0; l < gr->nlang; l++) {
            if (gr->canon[l] == gr->canon[best] || gr->canon[l] != l)
                continue;
            double m = 0;
            for (int k = 0; k < gr->nlang; k++)
                if (gr->canon[k] == l)
                    m += e[k];
            if (share * m / z > runner_score) {
                runner_score = share * m / z;
                runner = l;
            }
        }
    }
    set(out, gr->code[best], conf);
    if (runner >= 0)
        set_runner_up(out, gr->code[runner], runner_score);
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
    uint32_t hits[MAXHITS];
    s.hits = hits;
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
        /* Japanese mixes kana into nearly every sentence, Chinese none but
         * a stray の in a brand name or a quoted Japanese line; a headline
         * may be all kanji but one particle (を, が, へ). A Han form of
         * one language alone (model.h) is the stronger evidence: each
         * weighs HAN_FORM kana. */
        double ja_ev = kana + HAN_FORM * s.han_ja, zh_ev = HAN_FORM * s.han_zh;
        int ja = (ja_ev > zh_ev && ja_ev > 0) ||
                 (hint && strcmp(hint, "ja") == 0 && kana > 0);
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

TD_API td_status td_langid_detail(const char *text, size_t len,
                                  td_langid_result *out)
{
    if (!text || !out)
        return TD_EINVAL;
    td__lang_guess g;
    td__langid_detect(text, len, NULL, &g);
    memcpy(out->lang, g.code, sizeof out->lang);
    out->confidence = g.confidence;
    memcpy(out->runner_up, g.runner_up, sizeof out->runner_up);
    out->runner_up_score = g.runner_up_score;
    return TD_OK;
}
