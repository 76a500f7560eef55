/* placefold.h -- the one folding of place names, shared by the generator
 * (tools/gen_places.c) and the run-time matcher (places.c), so that a name
 * folded at generation time and the same name in an article fold alike.
 *
 * A name folds code point by code point: NFKC_Casefold, then the combining
 * diacritics U+0300..U+036F are dropped (Kazakistán = Kazakistan, Ё = Е,
 * Greek tonos), typographic apostrophes become ASCII, white space becomes
 * one ASCII space. Marks of other scripts (Indic vowel signs, kana voicing)
 * are kept: they change the word. */
#ifndef TD_ENTITY_PLACEFOLD_H
#define TD_ENTITY_PLACEFOLD_H

#include <stddef.h>
#include <stdint.h>

#define TD__PLACE_FOLD_MAX 64 /* bytes one code point may fold to */

/* The folded UTF-8 of code point c in out (no NUL); returns its length
 * (0: the code point folds to nothing, e.g. a diacritic). Computed with
 * ICU on every call: places.c caches it. */
size_t td__place_fold_cp(uint32_t c, char out[TD__PLACE_FOLD_MAX]);

/* The fold of the UTF-8 string s[0..n): the code points' folds, runs of
 * spaces as one, no space at either end, NUL-terminated in out. Returns
 * the length, or (size_t)-1 when s is not valid UTF-8 or out (cap bytes)
 * is too small. */
size_t td__place_fold_str(const char *s, size_t n, char *out, size_t cap);

/* Same as td__place_fold_str, through the cache of places.c (fast; for
 * the library, not the generator). */
size_t td__place_fold_fast(const char *s, size_t n, char *out, size_t cap);

/* Appends the fold of one code point, bytes[0..k), to out (o bytes used of
 * cap), keeping one space in a run of spaces and none at the start.
 * Returns -1 when out is too small. Shared by both folds above. */
static inline int td__place_fold_put(char *out, size_t cap, size_t *o,
                                     const char *bytes, size_t k)
{
    for (size_t j = 0; j < k; j++) {
        if (bytes[j] == ' ' && (*o == 0 || out[*o - 1] == ' '))
            continue;
        if (*o + 1 >= cap)
            return -1;
        out[(*o)++] = bytes[j];
    }
    return 0;
}

/* Ends a fold of o bytes: no trailing space, NUL-terminated. Returns the
 * length, or (size_t)-1 when out (cap bytes) is too small. */
static inline size_t td__place_fold_end(char *out, size_t cap, size_t o)
{
    while (o > 0 && out[o - 1] == ' ')
        o--;
    if (o >= cap)
        return (size_t)-1;
    out[o] = '\0';
    return o;
}

/* Whether c belongs to a word (letter, digit, or mark). */
int td__place_is_word(uint32_t c);

/* Whether c is of a script written without spaces between words (Han,
 * kana, Thai, Lao, Khmer, Myanmar): names match at any position there. */
int td__place_is_unspaced(uint32_t c);

#endif
