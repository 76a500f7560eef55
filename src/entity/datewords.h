/* datewords.h -- the month and weekday names dates.c loads from ICU, for
 * the other finders of the entity module (numbers.c: "7 gennaio" is a date,
 * not seven units of "gennaio"). */
#ifndef TD_ENTITY_DATEWORDS_H
#define TD_ENTITY_DATEWORDS_H

#include <stddef.h>

/* Whether word[0..len) (any case or accents) is a month or weekday name,
 * wide or abbreviated, in any language dates.c knows. */
int td__is_date_word(const char *word, size_t len);
/* The same in one language's names only (lang NULL or unknown: any):
 * "Marta" is a name in Italian text, "марта" a month in Russian. */
int td__is_date_word_in(const char *word, size_t len, const char *lang);

#endif
