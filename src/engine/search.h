/* search.h -- query parsing with entity expansion (search.c), shared by
 * the plain and the paged search. */
#ifndef TD_ENGINE_SEARCH_H
#define TD_ENGINE_SEARCH_H

#include "engine/engine.h"

/* Told, for each query word that names an entity, the word, the entity's
 * display name and how many stored forms the word now also matches. */
typedef void (*td__expansion_cb)(void *ud, const char *word,
                                 const char *entity, size_t forms);

/* td__parse_query, reporting expansions through cb (may be NULL). */
td_status td__parse_query_ex(td_engine *e, const char *query, td__search *q,
                             char **owned, td__expansion_cb cb, void *ud);

/* A site: filter's value in place: lower-cased, a leading "www." dropped
 * (*n updated); 0 when it is not a host name (letters, digits, '.', '-'). */
int td__site_value(char *v, size_t *n);

#endif
