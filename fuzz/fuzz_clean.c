/* fuzz_clean.c -- libFuzzer target: text cleaning (markup remnants,
 * furniture, comment threads, title and date) on any valid UTF-8. The
 * first byte, when it is a letter, is also tried as a given title. */
#include <stdint.h>

#include "clean/clean.h"
#include "fuzz_util.h"
#include "text/unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    /* td__clean's contract: valid UTF-8 without NUL (the engine checks). */
    if (!td__utf8_valid(s, size, NULL) || memchr(s, 0, size))
        return 0;
    const char *title = size > 0 && data[0] >= 'A' && data[0] <= 'Z'
                            ? "A Given Title"
                            : NULL;
    td__cleaned c;
    if (td__clean(s, size, title, &c) == TD_OK)
        td__cleaned_free(&c);
    return 0;
}
