/* orgsig.h -- what the words of a name mean, for names made of common
 * words written in other languages ("Forças de Apoio Rápido" and "Rapid
 * Support Forces", "Stadionul Wembley" and "Wembley Stadium").
 *
 * Each word of the name stands for a set of ids: the English concepts the
 * pivot dictionaries give its stem (story/pivot.h; an English word is its
 * own concept), and a spelling id of the start of its Latin key, so that
 * names and cognates (Wembley, Stadionul / Stadium) meet too. Two names
 * are one when their words pair up one to one, each pair sharing an id. */
#ifndef TD_ENTITY_ORGSIG_H
#define TD_ENTITY_ORGSIG_H

#include <stddef.h>
#include <stdint.h>

#include "story/pivot.h"

#define TD__ORGSIG_WORDS 6
#define TD__ORGSIG_IDS (TD__PIVOT_MAX + 1)

typedef struct td__orgsig {
    size_t n; /* content words */
    uint8_t nid[TD__ORGSIG_WORDS];
    uint8_t translated[TD__ORGSIG_WORDS]; /* the pivot knew the word */
    uint32_t id[TD__ORGSIG_WORDS][TD__ORGSIG_IDS];
} td__orgsig;

/* The signature of name (UTF-8) written in language lang (ISO 639-1;
 * NULL or unknown: spelling ids only, English concepts when the word is
 * Latin). Stop words and one-letter words are left out. Returns 1 when
 * the name has at least two content words and at most TD__ORGSIG_WORDS,
 * else 0 (also on out of memory). */
int td__orgsig_of(const char *name, size_t len, const char *lang,
                  td__orgsig *out);

/* Whether two signatures name one thing: at least two words of each pair
 * up one to one sharing an id, at least one pair through a concept of the
 * pivot, and at most one word of the longer name is left over. */
int td__orgsig_match(const td__orgsig *a, const td__orgsig *b);

/* Whether an English stem (Snowball, as td__tokenize gives it) is a word
 * of the pivot dictionaries' English side ("airport", "trade"), as a name
 * like "Johnson" is not. */
int td__english_word(const char *stem, size_t len);

#endif
