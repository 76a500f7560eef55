/* extract.h -- step 4 of the pipeline for one article: its entities (names,
 * places, organisations) with their mentions, its dates and its numbers.
 *
 * Mentions of one entity inside one article are grouped here (loosely:
 * sharing a text is evidence); joining entities across articles is the
 * engine's job against the store. */
#ifndef TD_ENTITY_EXTRACT_H
#define TD_ENTITY_EXTRACT_H

#include <stddef.h>

#include "entity/dates.h"
#include "tidings.h"

typedef enum td__entity_kind {
    TD__ENT_PERSON = 1, /* a name: person, or organisation spelled out */
    TD__ENT_ORG = 2,    /* an acronym */
    TD__ENT_PLACE = 3,  /* a gazetteer place */
    TD__ENT_FACILITY = 4 /* a named bridge, street, river, school...
                            (entity/facility.h): a place too */
} td__entity_kind;

typedef struct td__entity {
    td__entity_kind kind;
    char *name;        /* owned: the fullest surface form in the article */
    char *key;         /* owned: Latin key ("place:KZ" for places) */
    const char *place; /* place id (static) or NULL */
    size_t mentions;
    /* A word run of a script without capitals (Arabic, Devanagari,
     * Hangul, kana...), where nothing marks a name: it stands for an
     * entity only when it matches one already known, and never founds
     * one. Overlapping runs are offered; the longest that matches wins.
     * Tentative entities come after all others in ent. */
    int tentative;
} td__entity;

typedef struct td__mention {
    size_t entity; /* index into entities */
    size_t off, len;
} td__mention;

typedef struct td__extracted {
    td__entity *ent;
    size_t nent, capent;
    td__mention *men;
    size_t nmen, capmen;
    td__date_hit *dates;
    size_t ndates;
    td__number_hit *nums;
    size_t nnums;
} td__extracted;

/* Finds everything in text (cleaned, NFC) of language lang; ref is the
 * article's date or NULL. Returns TD_OK or TD_ENOMEM (*out emptied). */
td_status td__extract(const char *text, size_t len, const char *lang,
                      const char *ref, td__extracted *out);
void td__extracted_free(td__extracted *x);

/* Mentions' surface text is text[off..off+len). */

/* Whether a folded word heads or ends organisations' names ("group",
 * "partei", "банк"). */
int td__is_org_word(const char *word);

#endif
