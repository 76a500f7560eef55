/* dates.h -- absolute and relative dates, and numbers with units, in text.
 *
 * Month and weekday names in every language come from CLDR through ICU
 * (udat_getSymbols: format and stand-alone, wide and abbreviated, so
 * genitive forms like "декабря" are covered). */
#ifndef TD_ENTITY_DATES_H
#define TD_ENTITY_DATES_H

#include <stddef.h>

typedef struct td__date_hit {
    size_t off, len;        /* byte span in the text */
    int year, month, day;   /* 0 where unknown (e.g. "in March": day 0) */
    int relative;           /* 1: resolved from a weekday or "yesterday" */
} td__date_hit;

/* Finds dates in text written in language lang (ISO 639-1; NULL/"und":
 * try all supported languages). ref is the article's date (YYYY-MM or
 * YYYY-MM-DD) or NULL: it supplies a missing year ("7 gennaio" in an
 * article of 2022-01 -> 2022-01-07; a month after ref's month belongs to
 * the year before) and resolves weekdays ("no sábado" -> the last Saturday
 * on or before ref; only when ref has a day). Writes at most max hits,
 * returns the number found. Dates without year and without ref get year 0. */
size_t td__dates_find(const char *text, size_t len, const char *lang,
                      const char *ref, td__date_hit *hits, size_t max);

typedef struct td__number_hit {
    size_t off, len; /* byte span of the number (and unit, if any) */
    char value[32];  /* normalised: "4404", "81.31" */
    char unit[32];   /* folded unit word when obvious ("people", "%",
                        "year-old", "pessoas"), else "" */
} td__number_hit;

/* Finds numbers with their units where obvious ("4.404 pessoas", "81%",
 * "81-year-old", "81enne"). Years that are part of a date found by
 * td__dates_find are still reported as numbers. Returns the count found,
 * writes at most max. */
size_t td__numbers_find(const char *text, size_t len, const char *lang,
                        td__number_hit *hits, size_t max);

#endif
