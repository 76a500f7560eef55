/* fuzz_tokens.c -- libFuzzer target: word segmentation, case folding,
 * numbers, stop words and stems in a language picked by the first byte. */
#include <stdint.h>

#include "fuzz_util.h"
#include "text/tokens.h"
#include "text/unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const langs[] = {"en", "de", "ru", "ja", "zh", "th",
                                        "ar", "tr", "und", NULL};
    const char *lang = langs[data[0] % 10];
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    if (!td__utf8_valid(s, n, NULL))
        return 0;
    td__tokens t;
    if (td__tokenize(s, n, lang, &t) == TD_OK)
        td__tokens_free(&t);
    return 0;
}
