/* fuzz_sink.h -- a sink that checks what readers emit and stores nothing. */
#ifndef TD_FUZZ_SINK_H
#define TD_FUZZ_SINK_H

#include <string.h>

#include "ingest/reader.h"

static td_status fuzz_emit(td__sink *s, const td_input *in, const char *where)
{
    (void)s;
    /* Touch every byte so ASan sees any read past the end. */
    volatile size_t sum = strlen(where);
    const char *fields[] = {in->id, in->url, in->title, in->date,
                            in->lang, in->source};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i])
            sum += strlen(fields[i]);
    for (size_t i = 0; in->text && i < in->text_len; i++)
        sum += (unsigned char)in->text[i];
    (void)sum;
    return TD_OK;
}

static void fuzz_fail(td__sink *s, const char *where, td_status st,
                      const char *msg)
{
    (void)s, (void)st;
    volatile size_t n = strlen(where) + strlen(msg);
    (void)n;
}

static void fuzz_warn(td__sink *s, const char *where, const char *msg)
{
    (void)s;
    volatile size_t n = strlen(where) + strlen(msg);
    (void)n;
}

static td__sink fuzz_sink = {fuzz_emit, fuzz_fail, NULL, fuzz_warn, 0};

#endif
