/* fuzz_dates.c -- libFuzzer target: dates and numbers in running text
 * (month and weekday names of many languages, relative days), and the
 * input-field date check. */
#include <stdint.h>

#include "entity/dates.h"
#include "fuzz_util.h"
#include "ingest/reader.h"
#include "text/unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const char *const langs[] = {"en", "fr", "de", "ru", "es",
                                        "ja", "tr", NULL};
    static const char *const refs[] = {NULL, "2022-01", "2022-01-07",
                                       "2024-02-29"};
    const char *lang = langs[data[0] & 7];
    const char *ref = refs[(data[0] >> 3) & 3];
    char *s = fuzz_cstr(data + 1, size - 1);
    if (!s)
        return 0;
    char why[96];
    td__valid_date(s, why, sizeof why);
    if (td__utf8_valid(s, size - 1, NULL)) {
        td__date_hit hits[16];
        size_t k = td__dates_find(s, size - 1, lang, ref, hits, 16);
        for (size_t i = 0; i < k && i < 16; i++)
            if (hits[i].off + hits[i].len > size - 1)
                __builtin_trap(); /* a hit must lie inside the text */
        td__number_hit nums[16];
        k = td__numbers_find(s, size - 1, lang, nums, 16);
        for (size_t i = 0; i < k && i < 16; i++)
            if (nums[i].off + nums[i].len > size - 1)
                __builtin_trap();
    }
    td__free(s);
    return 0;
}
