/* text.c -- a plain-text file is one article. */
#include "ingest/reader.h"

td_status td__read_text(td__sink *s, const char *name, const char *data,
                        size_t len)
{
    td_input in = {0};
    in.text = data;
    in.text_len = len;
    in.name = name;
    in.name_is_file = 1;
    return s->emit(s, &in, name);
}
