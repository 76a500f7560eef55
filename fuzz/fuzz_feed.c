/* fuzz_feed.c -- libFuzzer target: RSS / Atom feeds read from a file (no
 * link fetching, so no network). */
#include <stdint.h>

#include "fuzz_sink.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    td__read_feed(&fuzz_sink, "fuzz.xml", (const char *)data, size, 0);
    return 0;
}
