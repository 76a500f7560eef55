/* places.h -- a gazetteer of countries and cities in every language ICU's
 * CLDR data names them in (Kazakhstan, Kazakistan, Cazaquistão, Kasachstan,
 * Казахстан -> KZ; Москва, Mosca, Moskau -> the city Moscow in RU).
 * Generated into data/ by tools/; no file is read at run time. */
#ifndef TD_ENTITY_PLACES_H
#define TD_ENTITY_PLACES_H

#include <stddef.h>

typedef enum td__place_kind {
    TD__PLACE_COUNTRY = 1, /* a country or territory (ISO 3166 code) */
    TD__PLACE_CITY = 2,    /* a city (CLDR exemplar city of a time zone) */
    TD__PLACE_DEMONYM = 3  /* an adjective/people of a country, if known */
} td__place_kind;

typedef struct td__place {
    const char *id;   /* stable: "KZ" for a country, "KZ/Almaty" for a city;
                         static storage */
    const char *name; /* canonical English display name; static */
    td__place_kind kind;
} td__place;

/* Looks up one name as written (any case, script or accents; folded
 * inside). Returns 1 and fills *out, or 0 when unknown. */
int td__place_lookup(const char *name, size_t len, td__place *out);

typedef struct td__place_hit {
    size_t off, len; /* byte span in the text */
    td__place place;
} td__place_hit;

/* Finds place names in text (longest match, whole words; works for scripts
 * without case or spaces too). Writes at most max hits, returns how many
 * were found in total (may exceed max). Never allocates on failure paths
 * the caller sees; returns 0 for empty text. */
size_t td__places_find(const char *text, size_t len, td__place_hit *hits,
                       size_t max);

#endif
