/* morph.h -- candidate base forms of inflected words (names above all).
 *
 * Names in inflecting languages appear in many forms (Путиным, Warszawie,
 * Berlins, Ankara'da); entity matching needs the nominative / lemma to join
 * them. The per-language suffix and prefix rules are generated from Hunspell
 * affix files (tools/gen_morph.c -> data/morph.c), weighted by how many
 * dictionary words, capitalised ones above all, take each rule. A few
 * language-independent rules (possessive 's, hyphenated and apostrophised
 * case endings) always apply. */
#ifndef TD_TEXT_MORPH_H
#define TD_TEXT_MORPH_H

#include <stddef.h>
#include <stdint.h>

/* One candidate base form of an inflected word. */
typedef struct td__morph_base {
    char form[128]; /* NUL-terminated UTF-8, same script as the word */
    float weight;   /* 0..1: how plausible this analysis is (rule frequency,
                       dictionary evidence) */
} td__morph_base;

/* Candidate base forms (nominative singular / lemma) of one word written in
 * language lang (ISO 639-1: "ru", "pl", "tr"...; NULL or unknown:
 * language-independent rules only), best first, not including the word
 * itself. Language-independent rules always apply: possessive 's / ’s,
 * hyphenated and apostrophised suffixes (НАТО-ның, НАТО-ға, Tokayev'in,
 * Ankara'da). Works on capitalised names (they are the use); keeps the
 * word's case pattern. Thread-safe, no allocation.
 * Returns the number written (<= max); 0 for NULL, empty, invalid UTF-8 or
 * over-long (>= 128 bytes) words. */
size_t td__morph_bases(const char *lang, const char *word, size_t len,
                       td__morph_base *out, size_t max);

/* 1 when data/morph.c holds affix rules for lang (ISO 639-1), else 0. */
int td__morph_has_lang(const char *lang);

/* ---- the generated tables (data/morph.c, written by tools/gen_morph.c) ---
 * Strings live in one pool; a rule says: a word ending (suffix rules) or
 * starting (prefix rules) with `add` may come from a base where `add` is
 * replaced by `strip`, provided the base matches the Hunspell condition
 * `cond` at its end (suffix) or start (prefix). Rules of one language and
 * kind are sorted by `add` bytes so a lookup is a binary search. */
typedef struct td__morph_rule {
    uint32_t add, strip, cond; /* offsets into td__morph_pool */
    uint8_t add_len, strip_len, cond_len;
    float weight; /* dictionary words (capitalised ones x200) taking it */
} td__morph_rule;

/* How many dictionary bases (capitalised ones where the dictionary has
 * enough) end in these 1-3 lower-cased code points: a base that ends like
 * the language's names (Warszawa: -awa) beats one that does not (Warszawi). */
typedef struct td__morph_end {
    uint32_t str; /* offset into td__morph_pool */
    uint8_t len;
    float count;
} td__morph_end;

typedef struct td__morph_lang {
    char code[4];       /* ISO 639-1 */
    uint32_t sfx, nsfx; /* suffix rules: td__morph_rules[sfx .. sfx+nsfx) */
    uint32_t pfx, npfx; /* prefix rules (clitics of ar, he) */
    uint32_t end, nend; /* endings: td__morph_ends[end .. end+nend) */
    uint32_t slot, mask; /* td__morph_slots[slot .. slot+mask]: open hash
                            of (kind, add) -> first rule of its run + 1 */
    uint32_t bloom, bloom_mask; /* td__morph_bloom[bloom ..]: bits of a
                                   Bloom filter of the dictionary's
                                   capitalised bases (lower-cased) */
    float end_total;    /* bases counted in them */
    uint8_t max_add;    /* longest `add`, in code points */
} td__morph_lang;

extern const char td__morph_pool[];
extern const td__morph_rule td__morph_rules[];
extern const td__morph_end td__morph_ends[];
extern const uint32_t td__morph_slots[];
extern const uint64_t td__morph_bloom[];
extern const td__morph_lang td__morph_langs[];
extern const size_t td__morph_nlangs;

#endif
