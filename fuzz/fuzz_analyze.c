/* fuzz_analyze.c -- libFuzzer target: the whole per-article pipeline,
 * td_analyze, on any bytes given as text or as HTML (the first byte
 * decides), with fields from the input's first line. */
#include <stdint.h>

#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *s = fuzz_cstr(data + 1, size - 1);
    if (!s)
        return 0;
    td_input in = {0};
    if (data[0] & 1)
        in.html = s, in.html_len = size - 1;
    else
        in.text = s, in.text_len = size - 1;
    if (data[0] & 2)
        in.lang = "en";
    if (data[0] & 4)
        in.date = "2022-01-07";
    if (data[0] & 8)
        in.title = "A title";
    td_analysis *a = NULL;
    if (td_analyze(&in, &a) == TD_OK) {
        const char *why;
        td_analysis_status(a, &why);
        volatile size_t k = td_analysis_token_count(a) +
                            td_analysis_entity_count(a) +
                            td_analysis_found_date_count(a);
        (void)k;
        td_analysis_free(a);
    }
    td__free(s);
    return 0;
}
