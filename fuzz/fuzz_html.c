/* fuzz_html.c -- libFuzzer target: HTML main-text extraction on any bytes
 * (any encoding, any markup), and the same bytes as a feed item fragment. */
#include <stddef.h>
#include <stdint.h>

#include "ingest/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    td__html_doc d;
    if (td__html_extract((const char *)data, size, &d) == TD_OK)
        td__html_doc_free(&d);
    if (size > 2 && data[0] == 'C') /* a transport-declared charset */
        if (td__html_extract_cs((const char *)data, size, "windows-1251",
                                &d) == TD_OK)
            td__html_doc_free(&d);
    char out[11];
    char buf[64];
    size_t n = size < sizeof buf - 1 ? size : sizeof buf - 1;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)data[i];
    buf[n] = '\0';
    (void)td__web_date(buf, out);
    (void)td__url_date(buf, out);
    return 0;
}
