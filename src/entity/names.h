/* names.h -- names of people and organisations in text, and the keys that
 * join their spelling and transliteration variants.
 *
 * In the spirit of JRC-Names: every name gets a Latin ASCII key through ICU
 * (Any-Latin; Latin-ASCII; Lower) and a consonant skeleton of each of its
 * words; two names are variants when their surnames' skeletons agree (or
 * differ by one edit in a long skeleton) and their first names, when both
 * have them, agree too. Two people who share only a surname stay two. */
#ifndef TD_ENTITY_NAMES_H
#define TD_ENTITY_NAMES_H

#include <stddef.h>

#include "core/buf.h"
#include "tidings.h"

typedef enum td__name_kind {
    TD__NAME_PERSON = 1, /* a run of capitalised words (person or org) */
    TD__NAME_ACRONYM = 2 /* CSTO, ODKB, ОДКБ: an organisation */
} td__name_kind;

typedef struct td__name_hit {
    size_t off, len; /* byte span in the text (particles included,
                        possessive 's and leading common words excluded) */
    td__name_kind kind;
} td__name_hit;

typedef struct td__name_hits {
    td__name_hit *v;
    size_t n, cap;
} td__name_hits;

/* Finds candidate names in cased scripts: runs of capitalised words with
 * the particles names carry (de, van, von, al-, bin...), hyphenated names,
 * and acronyms. A capitalised word that the same text also writes in lower
 * case is a common word (sentence start, title case), not a name.
 * Returns TD_OK or TD_ENOMEM (out emptied). */
td_status td__names_find(const char *text, size_t len, td__name_hits *out);
void td__name_hits_free(td__name_hits *h);

/* The length of name s[0..len) without a case ending written apart from
 * its last word: after an apostrophe, up to five small letters
 * (Tokayev'in, Liberties'e); after a hyphen, letters of another script
 * (Air-ის) or small letters after an acronym (НАТО-ға). Names go on
 * across hyphens and apostrophes that open a capital (Bankman-Fried,
 * O'Neill, d'Alema), and a word of small letters only is no name. */
size_t td__name_strip_suffix(const char *s, size_t len);

/* The Latin ASCII lower-case key of a name, words separated by single
 * spaces ("Тоқаев" -> "tokaev", "Kassym-Jomart" -> "kassym jomart").
 * Appends to out. Returns 0, or -1 on out of memory / ICU failure. */
int td__name_key(const char *s, size_t n, td__buf *out);

/* The consonant skeleton of one key word ("nazarbayev" -> "nzrbv",
 * "tokajew" -> "tkv"), written into out (cap bytes, NUL-terminated). */
void td__name_skeleton(const char *word, size_t n, char *out, size_t cap);

/* Whether two name keys (from td__name_key) can name the same entity:
 * 2 same full name, 1 compatible (same surname skeleton, and first names
 * agree or one side has none), 0 different. */
int td__names_match(const char *key_a, const char *key_b);
/* The same with loose != 0: for names met in one article, where sharing the
 * text is evidence too; a one-edit difference in a short surname passes. */
int td__names_match_ex(const char *key_a, const char *key_b, int loose);

/* Whether two name keys can be one name rendered in two languages
 * (Francis, Francesco, Franciszek): td__names_match_ex loosely, or
 * surnames opening alike and two letters apart at most. Too weak alone:
 * for names the stream has already tied together (entities.c). */
int td__names_akin(const char *key_a, const char *key_b);

/* Whether every word of key part is a word of key whole, surnames
 * agreeing (td__names_match): a run of a caseless script read as a name
 * must not bring the words around it ("the Italian Marta Baroni"). */
int td__names_cover(const char *part, const char *whole);

/* How alike name key a, transliterated from a script of few vowels or
 * other sounds (Arabic, Hebrew, Hangul, kana, Indic), sounds to name key
 * b (or to its last words): 2 the same sounding consonants, four or more;
 * 1 b's with an ending of a's own, b's letters opening a, or three
 * consonants and the vowels spelled alike when a's script writes them
 * (TD__SOUND_VOWELLED: not Arabic or Hebrew); 0 unlike. TD__SOUND_PART
 * lets a be any run of b's words (a name of the same text);
 * TD__SOUND_COMPOUND lets a be b's letters and a word compounded after.
 * Far looser than td__names_match: for names of one story (entities.c). */
#define TD__SOUND_VOWELLED 1
#define TD__SOUND_PART 2
#define TD__SOUND_COMPOUND 4 /* a's script writes compounds as one word */
int td__names_sound_alike(const char *key_a, const char *key_b, int flags);
/* Codes of how key can open a comparison of td__names_sound_alike: two
 * keys alike share one. whole: the key as a (its opening only), else as b
 * (every word it may be compared from). Writes at most max; returns how
 * many. */
size_t td__sound_openers(const char *key, int whole, unsigned *out,
                         size_t max);

#endif
