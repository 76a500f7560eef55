/* fuzz_warc.c -- libFuzzer target: the streamed WARC / WARC.gz reader on
 * any bytes, through a memory FILE as `tidings ingest URL` reads it. */
#include <stdint.h>
#include <stdio.h>

#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    FILE *f = fmemopen((void *)data, size, "rb");
    if (!f)
        return 0;
    td__read_warc(&fuzz_sink, "fuzz.warc", f, size);
    fclose(f);
    return 0;
}
