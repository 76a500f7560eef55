/* dispatch.c -- the reader for a whole in-memory input, by format. Readers
 * of streamed formats (JSON Lines, WARC) are called from ingest.c. */
#include "ingest/reader.h"

td_status td__ingest_dispatch_whole(td__sink *s, const char *name,
                                    const char *data, size_t len,
                                    td__format fmt)
{
    switch (fmt) {
    case TD__FMT_TEXT:
    default:
        return td__read_text(s, name, data, len);
    }
}
