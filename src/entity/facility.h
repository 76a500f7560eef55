/* facility.h -- named bridges, streets, rivers, airports, schools...: a
 * name with a common noun for its kind ("ponte Morandi", "Morandi-Brücke",
 * "моста Моранди", "Downing Street", "реки Иордан").
 *
 * The noun is recognised in any language with a pivot dictionary by its
 * English concept (story/pivot.h), so one short English list of kinds
 * serves every language. The facility's key is the English kind and the
 * name's key ("bridge morandi"): the same bridge in Italian, German and
 * Russian meets, and the engineer Riccardo Morandi stays a person. */
#ifndef TD_ENTITY_FACILITY_H
#define TD_ENTITY_FACILITY_H

#include <stddef.h>

#include "core/buf.h"

/* The languages a word of no known language is tried in (a look-up):
 * those with stop words and, most, a pivot dictionary; NULL-terminated. */
extern const char *const td__dictionary_langs[];

/* The English kind of a facility noun of language lang ("ponte" in it ->
 * "bridge"), or NULL. lang NULL: any of the languages with dictionaries. */
const char *td__facility_kind(const char *word, size_t len, const char *lang);

/* The English kind of the lower-case facility noun written just before
 * text[off] ("реки Иордан", "ponte Morandi"), one space apart, or NULL;
 * *noun_off (may be NULL) gets where the noun starts. */
const char *td__facility_noun_before(const char *text, size_t off,
                                     const char *lang, size_t *noun_off);

/* When the capitalised run text[*off..*off+*len) names a facility (its
 * kind noun its first or last word, or the lower-case word just before
 * it): appends its key to key and returns 1, with the span widened to
 * cover a noun before it; else 0. -1 when memory ran out. */
int td__facility_key(const char *text, size_t *off, size_t *len,
                     const char *lang, td__buf *key);

#endif
