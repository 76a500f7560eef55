/* fuzz_entities.c -- libFuzzer target: entity extraction (names, places,
 * organisations, dates, numbers) in a language and with a reference date
 * picked by the first byte. */
#include <stdint.h>

#include "entity/extract.h"
#include "fuzz_util.h"
#include "text/unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const langs[] = {"en", "it", "ru", "kk", "el",
                                        "ar", "pt", "und"};
    static const char *const refs[] = {NULL, "2022-01", "2022-01-07",
                                       "1999-12-31"};
    const char *lang = langs[data[0] & 7];
    const char *ref = refs[(data[0] >> 3) & 3];
    const char *s = (const char *)data + 1;
    size_t n = size - 1;
    if (!td__utf8_valid(s, n, NULL) || memchr(s, 0, n))
        return 0;
    td__extracted x;
    if (td__extract(s, n, lang, ref, &x) == TD_OK)
        td__extracted_free(&x);
    return 0;
}
