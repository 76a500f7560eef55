/* places.h -- a gazetteer of countries, first-level regions, cities and
 * country adjectives in every language the packaged data names them in
 * (Kazakhstan, Kazakistan, Cazaquistão, Kasachstan, Казахстан -> KZ;
 * Москва, Mosca, Moskau -> the city Moscow in RU; Bavaria, Bayern, Бавария
 * -> the region DE-BY; Russian, russo, russisch -> an adjective of RU).
 * Generated into data/ by tools/gen_places.c; no file is read at run
 * time. */
#ifndef TD_ENTITY_PLACES_H
#define TD_ENTITY_PLACES_H

#include <stddef.h>
#include <stdint.h>

typedef enum td__place_kind {
    TD__PLACE_COUNTRY = 1, /* a country or territory (ISO 3166 code) */
    TD__PLACE_CITY = 2,    /* a city (GeoNames, CLDR exemplar city) */
    TD__PLACE_DEMONYM = 3, /* an adjective of a country: id and name are
                              the country's, so it joins the country */
    TD__PLACE_REGION = 4   /* a first-level region (ISO 3166-2 code) */
} td__place_kind;

typedef struct td__place {
    const char *id;      /* stable: "KZ" for a country (and its adjective),
                            "KZ/Almaty" for a city ("US/Springfield
                            (4951788)" with the geonameid when a country has
                            two of a name), "UA-14" for a region; static */
    const char *name;    /* canonical English display name; static */
    td__place_kind kind;
    const char *country; /* ISO 3166-1 code of the country it is in */
    uint32_t population; /* GeoNames (a country, a region: the sum of its
                            cities of 15,000 or more); 0 when unknown */
} td__place;

/* Looks up one name as written (any case, script or accents; folded
 * inside): exact on the whole name, no inflection. Returns 1 and fills
 * *out, or 0 when unknown. */
int td__place_lookup(const char *name, size_t len, td__place *out);

typedef struct td__place_hit {
    size_t off, len; /* byte span in the text */
    td__place place;
} td__place_hit;

/* Finds place names in text (longest match, whole words; works for scripts
 * without case or spaces too). In cased scripts a name must be written
 * with a capital (adjectives outside English excepted: "russo"), and a
 * name that is also a common word ("Nice", "Réunion" = meeting) is taken
 * only inside a sentence. Writes at most max hits, returns how many were
 * found in total (may exceed max). Never allocates on failure paths the
 * caller sees; returns 0 for empty text. */
size_t td__places_find(const char *text, size_t len, td__place_hit *hits,
                       size_t max);

/* The place of id (a td__place id: "KZ", "RU/Moscow", "UA-14"), for
 * showing a stored entity; 1 and *out filled, or 0 when unknown. A
 * country's id gives the country, not its adjective. */
int td__place_by_id(const char *id, td__place *out);

#endif
