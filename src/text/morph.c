/* morph.c -- candidate base forms of inflected words (see morph.h).
 *
 * The word is lower-cased code point by code point (ICU's simple case
 * mapping: no allocation, thread-safe); every ending of it that is the `add`
 * of a rule of its language (binary search in data/morph.c) gives a base
 * "kept part + strip", kept when it matches the rule's Hunspell condition and
 * is long enough to be a name. Candidates from several rules that agree are
 * one candidate with their weights summed; weights are then shares of the
 * word's total, so they read as how plausible each analysis is against the
 * others. The kept part is copied from the word itself, so its case pattern
 * survives; `strip` is upper-cased when the word is written in capitals. */
#include "text/morph.h"

#include <math.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define MAX_CP 127    /* a word of at most 127 bytes has at most 127 cps */
#define MAX_CAND 48   /* distinct candidates kept per word */
#define MIN_BASE_CP 3 /* never propose a base shorter than this */
#define MIN_KEEP_CP 2 /* nor one that keeps less of the word than this */
/* A base the dictionary lists as a capitalised word (Warszawa, Praha,
 * Путин) is far likelier than one it does not know. */
#define NAME_BOOST 20.0f
/* A rule that adds nothing (Russian genitive plural книг <- книга) fires on
 * every word whatever its ending, so the word itself says nothing for it. */
#define EMPTY_ADD_FACTOR 0.01f
/* Language-independent analyses (Ankara'da, НАТО-ға, Khartoum's) are nearly
 * certain when they apply: the suffix is marked off in the spelling. */
#define MARKED_WEIGHT 0.9f
/* Longest apostrophised / hyphenated case ending (Turkish -'ndaki, Kazakh
 * -дағы): longer tails are words of their own (Saint-Germain). */
#define MARKED_MAX_CP 6

typedef struct word_cp {
    size_t n;                /* code points */
    UChar32 orig[MAX_CP + 1];
    UChar32 low[MAX_CP + 1];
    size_t off[MAX_CP + 1];  /* byte offset of each code point in the word */
    int all_caps;            /* two or more letters, every one upper case */
} word_cp;

typedef struct cand {
    char form[128];
    float w;
} cand;

typedef struct cands {
    cand c[MAX_CAND];
    size_t n;
} cands;

static const td__morph_lang *find_lang(const char *lang)
{
    if (!lang)
        return NULL;
    /* "pt-BR", "sr_Latn": the language part decides */
    size_t n = 0;
    while (lang[n] && lang[n] != '-' && lang[n] != '_' && n < 4)
        n++;
    if (n < 2 || n > 3)
        return NULL;
    for (size_t i = 0; i < td__morph_nlangs; i++) {
        const char *c = td__morph_langs[i].code;
        if (strlen(c) == n && !memcmp(c, lang, n))
            return &td__morph_langs[i];
    }
    return NULL;
}

int td__morph_has_lang(const char *lang)
{
    return find_lang(lang) != NULL;
}

static int turkic_i(const char *lang)
{
    return lang && (!strncmp(lang, "tr", 2) || !strncmp(lang, "az", 2));
}

/* Decodes and lower-cases word; 0 when it is not valid UTF-8. */
static int decode(const char *lang, const char *word, size_t len, word_cp *w)
{
    int32_t i = 0;
    size_t letters = 0, upper = 0;
    w->n = 0;
    while ((size_t)i < len) {
        UChar32 c;
        w->off[w->n] = (size_t)i;
        U8_NEXT(word, i, (int32_t)len, c);
        if (c < 0 || c == 0)
            return 0;
        w->orig[w->n] = c;
        UChar32 l = u_tolower(c);
        if (c == 'I' && turkic_i(lang))
            l = 0x131; /* dotless ı: Turkish and Azerbaijani I */
        w->low[w->n] = l;
        if (u_isalpha(c)) {
            letters++;
            upper += (size_t)(u_isupper(c) != 0);
        }
        w->n++;
    }
    w->off[w->n] = len;
    w->all_caps = letters >= 2 && upper == letters;
    return 1;
}

/* UTF-8 of low[from..to) into buf; returns bytes written or SIZE_MAX when
 * it would not fit in cap. */
static size_t encode(const UChar32 *cp, size_t from, size_t to, char *buf,
                     size_t cap)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        if (cap - n < 5)
            return (size_t)-1;
        int32_t k = (int32_t)n;
        U8_APPEND_UNSAFE(buf, k, cp[i]);
        n = (size_t)k;
    }
    return n;
}

static void add_cand(cands *cs, const char *form, float w)
{
    for (size_t i = 0; i < cs->n; i++) {
        if (!strcmp(cs->c[i].form, form)) {
            cs->c[i].w += w; /* several rules agree: more evidence */
            return;
        }
    }
    size_t at = cs->n;
    if (at == MAX_CAND) {
        /* full: replace the weakest when this one is stronger */
        at = 0;
        for (size_t i = 1; i < cs->n; i++)
            if (cs->c[i].w < cs->c[at].w)
                at = i;
        if (cs->c[at].w >= w)
            return;
    } else {
        cs->n++;
    }
    memcpy(cs->c[at].form, form, strlen(form) + 1);
    cs->c[at].w = w;
}

/* Decodes the Hunspell condition element by element: '.', [set], [^set] or
 * one literal code point. Returns 1 when code point c matches the element
 * at cond[*i], advancing *i past it; 0 otherwise (also advancing). */
static int cond_elem(const char *cond, int32_t n, int32_t *i, UChar32 c)
{
    UChar32 x;
    U8_NEXT(cond, *i, n, x);
    if (x == '.')
        return 1;
    if (x != '[')
        return x == c;
    int neg = 0, hit = 0;
    if (*i < n && cond[*i] == '^') {
        neg = 1;
        (*i)++;
    }
    while (*i < n) {
        U8_NEXT(cond, *i, n, x);
        if (x == ']')
            break;
        if (x == c)
            hit = 1;
    }
    return neg ? !hit : hit;
}

/* Number of elements of a condition. */
static size_t cond_len(const char *cond, int32_t n)
{
    size_t k = 0;
    int32_t i = 0;
    while (i < n) {
        UChar32 x;
        U8_NEXT(cond, i, n, x);
        if (x == '[') {
            while (i < n) {
                U8_NEXT(cond, i, n, x);
                if (x == ']')
                    break;
            }
        }
        k++;
    }
    return k;
}

/* Whether base (code points b[0..nb)) matches the condition at its end
 * (suffix rules) or its start (prefix rules). */
static int cond_match(const char *cond, size_t clen, const UChar32 *b,
                      size_t nb, int at_start)
{
    int32_t n = (int32_t)clen;
    size_t k = cond_len(cond, n);
    if (k == 1 && clen == 1 && cond[0] == '.')
        return 1;
    if (k > nb)
        return 0;
    size_t start = at_start ? 0 : nb - k;
    int32_t i = 0;
    for (size_t e = 0; e < k; e++)
        if (!cond_elem(cond, n, &i, b[start + e]))
            return 0;
    return 1;
}

/* memcmp for the short keys here (endings, affixes: a few bytes), where
 * the library call costs more than the comparison. */
static inline int short_cmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    return 0;
}

/* The first rule of the run whose add is key[0..klen), of the suffix
 * (pfx 0) or prefix rules of L; SIZE_MAX when there is none. Same hash as
 * tools/gen_morph.c. */
static size_t find_run(const td__morph_lang *L, const char *key, size_t klen,
                       int pfx)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < klen; i++)
        h = (h ^ (unsigned char)key[i]) * 16777619u;
    if (pfx)
        h ^= 0x9e3779b9u;
    size_t lo = pfx ? L->pfx : L->sfx;
    size_t hi = pfx ? L->pfx + L->npfx : L->sfx + L->nsfx;
    for (uint32_t k = h & L->mask;; k = (k + 1) & L->mask) {
        uint32_t v = td__morph_slots[L->slot + k];
        if (v == 0)
            return (size_t)-1;
        size_t j = v - 1;
        const td__morph_rule *r = &td__morph_rules[j];
        if (j >= lo && j < hi && r->add_len == klen &&
            !short_cmp(td__morph_pool + r->add, key, klen))
            return j;
    }
}

/* Count of dictionary bases ending in s[0..n) (0 when none). */
static float ending_count(const td__morph_lang *L, const char *s, size_t n)
{
    size_t lo = L->end, hi = L->end + L->nend;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const td__morph_end *e = &td__morph_ends[mid];
        size_t m = e->len < n ? e->len : n;
        int c = short_cmp(td__morph_pool + e->str, s, m);
        if (c == 0)
            c = e->len < n ? -1 : (e->len > n ? 1 : 0);
        if (c == 0)
            return e->count;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* How much base b[0..nb) looks like the language's (proper) nouns: its last
 * three, two and one code points, interpolated, as a share of the bases
 * counted. The floor keeps an unseen ending possible, just unlikely. */
static float ending_score(const td__morph_lang *L, const UChar32 *b, size_t nb,
                          int at_start)
{
    if (L->nend == 0 || L->end_total <= 0)
        return 1.0f;
    if (at_start)
        return 1.0f; /* clitics: the base keeps the word's own ending */
    char buf[16];
    float c[4] = {0, 0, 0, 0};
    for (size_t k = 1; k <= 3 && k < nb; k++) {
        size_t n = encode(b, nb - k, nb, buf, sizeof buf);
        if (n != (size_t)-1)
            c[k] = ending_count(L, buf, n);
    }
    return (0.6f * c[3] + 0.3f * c[2] + 0.1f * c[1] + 0.5f) / L->end_total;
}

/* Whether base b[0..nb) (lower case) is one of the dictionary's
 * capitalised bases: the Bloom filter of tools/gen_morph.c, same BLOOM_K
 * probes (0.1-0.6 % false positives, which only lend a candidate weight). */
#define BLOOM_K 4
static int in_names(const td__morph_lang *L, const UChar32 *b, size_t nb)
{
    if (L->bloom_mask < 64)
        return 0;
    char buf[4 * MAX_CP + 72];
    size_t n = encode(b, 0, nb, buf, sizeof buf);
    if (n == (size_t)-1)
        return 0;
    uint32_t h1 = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h1 = (h1 ^ (unsigned char)buf[i]) * 16777619u;
    uint32_t h2 = h1;
    h2 ^= h2 >> 16;
    h2 *= 0x85ebca6bu;
    h2 ^= h2 >> 13;
    h2 *= 0xc2b2ae35u;
    h2 ^= h2 >> 16;
    h2 |= 1u;
    for (uint32_t j = 0; j < BLOOM_K; j++) {
        uint32_t bit = (h1 + j * h2) & L->bloom_mask;
        if (!(td__morph_bloom[L->bloom + bit / 64] >> (bit % 64) & 1u))
            return 0;
    }
    return 1;
}

/* Decodes strip into code points; returns their number (<= cap). */
static size_t decode_strip(const td__morph_rule *r, UChar32 *out, size_t cap)
{
    const char *s = td__morph_pool + r->strip;
    int32_t i = 0, n = r->strip_len;
    size_t k = 0;
    while (i < n && k < cap) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        out[k++] = c < 0 ? 0xFFFD : c;
    }
    return k;
}

/* Suffix rules: word = keep + add, base = keep + strip. */
static void apply_suffixes(const td__morph_lang *L, const word_cp *w,
                           const char *word, cands *cs)
{
    char low[4 * MAX_CP + 8];
    size_t nlow = encode(w->low, 0, w->n, low, sizeof low);
    if (nlow == (size_t)-1)
        return;
    /* byte offset of each code point in low */
    size_t loff[MAX_CP + 1];
    for (size_t i = 0, b = 0; i <= w->n; i++) {
        loff[i] = b;
        if (i < w->n)
            b += (size_t)U8_LENGTH(w->low[i]);
    }
    size_t end = L->sfx + L->nsfx;
    size_t first = w->n > L->max_add ? w->n - L->max_add : 0;
    if (first < MIN_KEEP_CP)
        first = MIN_KEEP_CP;
    for (size_t p = first; p <= w->n; p++) {
        /* the kept part must end in a letter: "Ankara'" + "da" is the
         * marked rule's business, digits take no case endings */
        if (!u_isalpha(w->orig[p - 1]))
            continue;
        const char *key = low + loff[p];
        size_t klen = nlow - loff[p];
        size_t j = find_run(L, key, klen, 0);
        if (j == (size_t)-1)
            continue;
        uint32_t add = td__morph_rules[j].add;
        for (; j < end; j++) {
            const td__morph_rule *r = &td__morph_rules[j];
            if (r->add != add) /* interned: one run shares the offset */
                break;
            UChar32 base[MAX_CP + 64];
            memcpy(base, w->low, p * sizeof *base);
            size_t ns = decode_strip(r, base + p, 63);
            size_t nb = p + ns;
            if (nb < MIN_BASE_CP)
                continue;
            if (!cond_match(td__morph_pool + r->cond, r->cond_len, base, nb,
                            0))
                continue;
            /* the kept part as written, then strip in the word's case */
            char form[128];
            size_t kb = w->off[p];
            if (kb + (size_t)r->strip_len * 2 + 1 > sizeof form)
                continue;
            memcpy(form, word, kb);
            UChar32 tail[64];
            for (size_t t = 0; t < ns; t++)
                tail[t] = w->all_caps ? u_toupper(base[p + t]) : base[p + t];
            size_t tb = encode(tail, 0, ns, form + kb, sizeof form - kb - 1);
            if (tb == (size_t)-1)
                continue;
            form[kb + tb] = '\0';
            float rw = sqrtf(r->weight) * ending_score(L, base, nb, 0);
            if (in_names(L, base, nb))
                rw *= NAME_BOOST;
            if (r->add_len == 0)
                rw *= EMPTY_ADD_FACTOR;
            add_cand(cs, form, rw);
        }
    }
}

/* Prefix rules (clitics of ar, he): word = add + rest, base = strip + rest.
 * Scripts without case: the word's bytes are copied as they are. */
static void apply_prefixes(const td__morph_lang *L, const word_cp *w,
                           const char *word, size_t len, cands *cs)
{
    char low[4 * MAX_CP + 8];
    size_t nlow = encode(w->low, 0, w->n, low, sizeof low);
    if (nlow == (size_t)-1 || L->npfx == 0)
        return;
    size_t end = L->pfx + L->npfx;
    size_t lb = 0;
    for (size_t p = 1; p + MIN_KEEP_CP <= w->n && p <= L->max_add; p++) {
        lb += (size_t)U8_LENGTH(w->low[p - 1]);
        size_t j = find_run(L, low, lb, 1);
        if (j == (size_t)-1)
            continue;
        uint32_t add = td__morph_rules[j].add;
        for (; j < end; j++) {
            const td__morph_rule *r = &td__morph_rules[j];
            if (r->add != add)
                break;
            UChar32 base[MAX_CP + 64];
            size_t ns = decode_strip(r, base, 63);
            memcpy(base + ns, w->low + p, (w->n - p) * sizeof *base);
            size_t nb = ns + w->n - p;
            if (nb < MIN_BASE_CP)
                continue;
            if (!cond_match(td__morph_pool + r->cond, r->cond_len, base, nb,
                            1))
                continue;
            char form[128];
            size_t rest = len - w->off[p];
            if ((size_t)r->strip_len + rest + 1 > sizeof form)
                continue;
            memcpy(form, td__morph_pool + r->strip, r->strip_len);
            memcpy(form + r->strip_len, word + w->off[p], rest);
            form[r->strip_len + rest] = '\0';
            add_cand(cs, form, r->weight);
        }
    }
}

static int is_mark(UChar32 c)
{
    return c == '\'' || c == 0x2019 || c == 0x02BC || c == '-' ||
           c == 0x2010 || c == 0x2011;
}

/* Language-independent: Khartoum's / Facebook’s, Paris' (possessive), and a
 * short lower-case ending set off by an apostrophe or hyphen (Ankara'da,
 * Tokayev'in, НАТО-ға, Kourou-ban). The part before must be a word of at
 * least MIN_BASE_CP code points ending in a letter. */
static void apply_marked(const word_cp *w, const char *word, cands *cs)
{
    size_t n = w->n;
    /* the last mark */
    size_t m = n;
    for (size_t i = n; i-- > 0;) {
        if (is_mark(w->orig[i])) {
            m = i;
            break;
        }
    }
    if (m == n) {
        return;
    }
    size_t tail = n - m - 1;
    if (m < MIN_BASE_CP || !u_isalpha(w->orig[m - 1]))
        return;
    int ok = tail <= MARKED_MAX_CP;
    for (size_t i = m + 1; ok && i < n; i++)
        if (!u_isalpha(w->orig[i]) || u_isupper(w->orig[i]) ||
            u_istitle(w->orig[i]))
            ok = 0;
    /* a possessive apostrophe after a final s (Paris', Lukas’) */
    if (tail == 0 && w->orig[m] != '-' && w->orig[m - 1] != 0 &&
        (w->low[m - 1] == 's'))
        ok = 1;
    else if (tail == 0)
        ok = 0;
    /* a hyphen before a capitalised word stays (Saint-Germain) -- checked
     * above through the upper-case test; an upper-case-only tail after an
     * all-caps stem (NATO-NIN) is an ending too */
    if (!ok && w->all_caps && tail >= 1 && tail <= MARKED_MAX_CP) {
        ok = 1;
        for (size_t i = m + 1; ok && i < n; i++)
            if (!u_isalpha(w->orig[i]))
                ok = 0;
    }
    if (!ok)
        return;
    char form[128];
    memcpy(form, word, w->off[m]);
    form[w->off[m]] = '\0';
    add_cand(cs, form, 1.0f);
}

static void sort_desc(cands *cs);

/* Names joined by hyphens decline in every part (Эмилии-Романье,
 * Бэнкмана-Фрида): each part's own best candidates, the part as written
 * among them, combined; the weight of a combination is the product. */
#define PART_MAX 3      /* parts handled; more are left alone */
#define PART_CANDS 3    /* candidates per part */
#define PART_SELF 0.35f /* weight of a part as written */
static int apply_hyphenated(const char *lang, const word_cp *w,
                            const char *word, cands *cs)
{
    size_t cut[PART_MAX + 1], np = 0;
    cut[0] = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (w->orig[i] != '-')
            continue;
        if (np + 1 >= PART_MAX || i + 1 >= w->n || !u_isalpha(w->orig[i + 1]))
            return 0;
        cut[++np] = i + 1;
    }
    if (np == 0)
        return 0;
    np++;
    /* part k is code points [cut[k], end_k) */
    td__morph_base alt[PART_MAX][PART_CANDS + 1];
    size_t nalt[PART_MAX];
    for (size_t k = 0; k < np; k++) {
        size_t from = cut[k], to = k + 1 < np ? cut[k + 1] - 1 : w->n;
        size_t b0 = w->off[from], b1 = w->off[to];
        if (b1 - b0 >= sizeof alt[k][0].form)
            return 0;
        memcpy(alt[k][0].form, word + b0, b1 - b0);
        alt[k][0].form[b1 - b0] = '\0';
        alt[k][0].weight = PART_SELF;
        size_t n = td__morph_bases(lang, word + b0, b1 - b0, alt[k] + 1,
                                   PART_CANDS);
        for (size_t j = 1; j <= n; j++)
            alt[k][j].weight *= 1.0f - PART_SELF;
        nalt[k] = n + 1;
    }
    size_t idx[PART_MAX] = {0, 0, 0};
    for (;;) {
        /* this combination, unless every part is as written */
        int changed = 0;
        float wt = 1.0f;
        char form[128];
        size_t fl = 0;
        int fits = 1;
        for (size_t k = 0; k < np; k++) {
            const td__morph_base *a = &alt[k][idx[k]];
            changed |= idx[k] != 0;
            wt *= a->weight;
            size_t l = strlen(a->form);
            if (fl + l + 2 > sizeof form) {
                fits = 0;
                break;
            }
            if (k > 0)
                form[fl++] = '-';
            memcpy(form + fl, a->form, l);
            fl += l;
        }
        if (changed && fits) {
            form[fl] = '\0';
            add_cand(cs, form, wt);
        }
        size_t k = 0;
        while (k < np && ++idx[k] == nalt[k])
            idx[k++] = 0;
        if (k == np)
            break;
    }
    return 1;
}

static void sort_desc(cands *cs)
{
    for (size_t i = 1; i < cs->n; i++) {
        cand t = cs->c[i];
        size_t j = i;
        while (j > 0 && cs->c[j - 1].w < t.w) {
            cs->c[j] = cs->c[j - 1];
            j--;
        }
        cs->c[j] = t;
    }
}

size_t td__morph_bases(const char *lang, const char *word, size_t len,
                       td__morph_base *out, size_t max)
{
    if (!word || !out || max == 0 || len == 0 || len > MAX_CP)
        return 0;
    word_cp w;
    if (!decode(lang, word, len, &w))
        return 0;
    /* marked endings first: they are nearly certain */
    cands marked; /* no initialiser: zeroing 6 KB per word costs more than the rules */
    marked.n = 0;
    apply_marked(&w, word, &marked);
    cands cs;
    cs.n = 0;
    const td__morph_lang *L = find_lang(lang);
    if (L && marked.n) {
        /* the language's rules then apply to what the mark set off
         * (Putinem-li -> Putinem -> Putin), not to the marked ending */
        const char *b = marked.c[0].form;
        size_t bl = strlen(b);
        word_cp wb;
        if (decode(lang, b, bl, &wb)) {
            apply_suffixes(L, &wb, b, &cs);
            apply_prefixes(L, &wb, b, bl, &cs);
        }
    } else if (L && u_isalpha(w.orig[0])) {
        if (!apply_hyphenated(lang, &w, word, &cs)) {
            apply_suffixes(L, &w, word, &cs);
            apply_prefixes(L, &w, word, len, &cs);
        }
    }
    /* the word itself is not a candidate */
    for (size_t i = 0; i < cs.n; i++) {
        if (strlen(cs.c[i].form) == len && !memcmp(cs.c[i].form, word, len)) {
            cs.c[i] = cs.c[--cs.n];
            break;
        }
    }
    float total = 0;
    for (size_t i = 0; i < cs.n; i++)
        total += cs.c[i].w;
    float share = marked.n ? 1.0f - MARKED_WEIGHT : 1.0f;
    for (size_t i = 0; i < cs.n; i++)
        cs.c[i].w = total > 0 ? share * cs.c[i].w / total : 0;
    sort_desc(&cs);
    size_t k = 0;
    for (size_t i = 0; i < marked.n && k < max; i++) {
        memcpy(out[k].form, marked.c[i].form, strlen(marked.c[i].form) + 1);
        out[k++].weight = MARKED_WEIGHT;
    }
    for (size_t i = 0; i < cs.n && k < max; i++) {
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= !strcmp(out[j].form, cs.c[i].form);
        if (dup)
            continue;
        memcpy(out[k].form, cs.c[i].form, strlen(cs.c[i].form) + 1);
        out[k++].weight = cs.c[i].w;
    }
    return k;
}
