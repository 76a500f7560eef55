/* ngram.h -- the features of the language model, shared by the run-time
 * scorer (src/lang/langid.c) and the generator (tools/gen_langid.c), so that
 * both see exactly the same n-grams.
 *
 * Text is read as a stream of code points. Letters and combining marks (ICU
 * general categories L* and M*) are lower-cased and form words; anything
 * else is a word boundary, written as one space. Features are the character
 * 2- to 4-grams inside " word " (boundary spaces included, never spanning
 * two words; single letters say little and cost a lookup each), plus the
 * whole word (up to TD__NG_MAX_WORD letters). Each
 * feature is a 32-bit hash; 0 is never a hash, so tables can use it as
 * "empty". */
#ifndef TD_LANG_NGRAM_H
#define TD_LANG_NGRAM_H

#include <stdint.h>

#include <unicode/uchar.h>

#define TD__NG_MAX_WORD 24
#define TD__NG_MAX_OUT 5 /* features one code point can emit */

typedef struct td__ng_state {
    uint32_t win[4]; /* last code points, win[3] newest */
    int nwin;        /* valid entries at the end of win (0 between words) */
    int wordlen;     /* letters in the current word */
    uint32_t wordh;  /* running hash of the current word */
} td__ng_state;

static inline void td__ng_init(td__ng_state *s)
{
    s->nwin = 0;
    s->wordlen = 0;
    s->wordh = 0;
}

static inline uint32_t td__ng_mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7feb352dU;
    h ^= h >> 15;
    h *= 0x846ca68bU;
    h ^= h >> 16;
    return h ? h : 1;
}

/* The hash of the n newest code points of the window. */
static inline uint32_t td__ng_hash(const uint32_t *win, int n)
{
    uint32_t h = 0x811c9dc5U ^ (uint32_t)n;
    for (int i = 4 - n; i < 4; i++)
        h = (h ^ win[i]) * 0x01000193U;
    return td__ng_mix(h);
}

/* Lower-cased c when c belongs to a word, else 0. ASCII without ICU: it is
 * most of the bytes of most news text. */
static inline uint32_t td__ng_fold(uint32_t c)
{
    if (c < 0x80) {
        if (c >= 'a' && c <= 'z')
            return c;
        if (c >= 'A' && c <= 'Z')
            return c + 32;
        return 0;
    }
    if (!(U_GET_GC_MASK((UChar32)c) & (U_GC_L_MASK | U_GC_M_MASK)))
        return 0;
    return (uint32_t)u_tolower((UChar32)c);
}

static inline void td__ng_shift(td__ng_state *s, uint32_t c)
{
    s->win[0] = s->win[1];
    s->win[1] = s->win[2];
    s->win[2] = s->win[3];
    s->win[3] = c;
    if (s->nwin < 4)
        s->nwin++;
}

/* Feeds one folded letter (from td__ng_fold, non-zero); writes the hashes
 * of the features that end at it into out and returns how many. */
static inline int td__ng_letter(td__ng_state *s, uint32_t c, uint32_t *out)
{
    if (s->nwin == 0) {
        s->nwin = 0;
        td__ng_shift(s, ' ');
    }
    td__ng_shift(s, c);
    s->wordh = (s->wordh ^ c) * 0x01000193U;
    s->wordlen++;
    int k = 0;
    for (int n = 2; n <= s->nwin; n++)
        out[k++] = td__ng_hash(s->win, n);
    return k;
}

/* Feeds a word boundary; writes the features that end with it (the word's
 * tail n-grams and the whole word) and returns how many. */
static inline int td__ng_boundary(td__ng_state *s, uint32_t *out)
{
    if (s->nwin == 0)
        return 0;
    td__ng_shift(s, ' ');
    int k = 0;
    for (int n = 2; n <= s->nwin; n++)
        out[k++] = td__ng_hash(s->win, n);
    if (s->wordlen <= TD__NG_MAX_WORD)
        out[k++] = td__ng_mix(s->wordh ^ 0x9e3779b9U ^ (uint32_t)s->wordlen);
    s->nwin = 0;
    s->wordlen = 0;
    s->wordh = 0;
    return k;
}

#endif
