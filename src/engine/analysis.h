/* analysis.h -- the per-article pipeline behind td_analyze (internal). */
#ifndef TD_ENGINE_ANALYSIS_H
#define TD_ENGINE_ANALYSIS_H

#include "clean/clean.h"
#include "entity/extract.h"
#include "text/tokens.h"
#include "tidings.h"

struct td_analysis {
    td_status status;
    char reason[256];
    char *id;
    char *url, *date; /* owned: from the input or the HTML page */
    char *author, *source, *canonical_url; /* owned, NULL when unknown */
    const char *date_source;
    td__cleaned clean;
    char lang[8];
    double lang_confidence;
    td__tokens tokens;
    td__extracted ents;
    uint64_t raw_len;
    struct td__fpre *pre; /* owned or NULL: features a worker prepared
                             (story/features.h) */
};

/* The id an input gets (td_input.id, else its file's base name, else a hash
 * of its content), written into out (owned). Returns TD_OK, TD_EINVAL (a
 * given id is empty, too long or has control characters; reason set) or
 * TD_ENOMEM. */
td_status td__input_id(const td_input *in, char **out, char reason[256]);

/* "person", "organisation", "place" for a td__entity_kind. */
const char *td__entity_kind_name(int kind);

/* Writes a found date as "YYYY-MM-DD" or "YYYY-MM" into iso. */
void td__format_date(const td__date_hit *d, char iso[11]);

/* Space-separated search terms of an analysis (stems and CJK words), owned;
 * NULL when out of memory. */
char *td__analysis_terms(const td_analysis *a);

#endif
