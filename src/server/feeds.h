/* feeds.h -- Atom feeds under /feeds/ (feeds.c), answered like the API:
 * a path and arguments in, a status and a body out. */
#ifndef TD_SERVER_FEEDS_H
#define TD_SERVER_FEEDS_H

#include <stddef.h>

#include "server/api.h"

/* Answers GET path (URL-decoded, starting with "/feeds/"). A 200 reply's
 * body (owned, free()) is an Atom document; any other status carries a
 * JSON {"error"} body. */
void td__feeds_handle(td__pool *p, const char *path, const td__arg *args,
                      size_t nargs, td__reply *out);

#endif
