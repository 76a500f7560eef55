/* places_data.h -- the layout of the generated gazetteer (data/places.c,
 * written by tools/gen_places.c; see data/SOURCES.md). */
#ifndef TD_ENTITY_PLACES_DATA_H
#define TD_ENTITY_PLACES_DATA_H

#include <stddef.h>
#include <stdint.h>

typedef struct td__place_rec {
    const char *id;      /* "KZ", "RU/Moscow", "UA-14" */
    const char *name;    /* English display name */
    const char *country; /* ISO 3166-1 code */
    uint32_t population;
    unsigned char kind;  /* td__place_kind */
} td__place_rec;

/* Flags of a name. */
#define TD__PLACE_NAME_COMMON 1  /* also a common word: not at a sentence
                                    start */
#define TD__PLACE_NAME_ANYCASE 2 /* may be written lower case */
#define TD__PLACE_NAME_INFLECT 4 /* may take a Cyrillic ending */
#define TD__PLACE_NAME_NAMELIKE 8 /* also a person's name, maybe: not
                                     before another capitalised word */
#define TD__PLACE_NAME_SHORT 16  /* a small place's short name: not in
                                    capitals, where it is initials */

typedef struct td__place_name {
    const char *fold; /* folded as placefold.h folds */
    uint32_t place;   /* index into td__place_recs */
    uint8_t flags;    /* TD__PLACE_NAME_* */
} td__place_name;

extern const td__place_rec td__place_recs[];
extern const size_t td__place_recs_n;
/* Sorted by fold (strcmp order), one entry per fold. */
extern const td__place_name td__place_names[];
extern const size_t td__place_names_n;

#endif
