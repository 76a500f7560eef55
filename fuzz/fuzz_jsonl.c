/* fuzz_jsonl.c -- libFuzzer target: format detection, then the JSON Lines
 * reader and the JSON-array batch reader, on any bytes. The reader runs
 * with a small record limit so over-long lines are exercised too. */
#include <stdint.h>
#include <stdio.h>

#include "fuzz_sink.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"x.jsonl", "x.json", "x.txt", NULL};
    const char *name = names[size ? data[0] % 4 : 0];
    td__format fmt = td__detect_format((const char *)data,
                                       size < 4096 ? size : 4096, name);
    volatile int f = (int)fmt;
    (void)f;
    if (fmt == TD__FMT_XML_OTHER) {
        char root[40];
        td__xml_root_name((const char *)data, size < 4096 ? size : 4096,
                          root, sizeof root);
    }
    td__sink s = fuzz_sink;
    s.max_record = size ? 64 + data[0] * 16 : 0;
    FILE *fp = fmemopen((void *)data, size ? size : 1, "rb");
    if (fp && size) {
        td__read_jsonl(&s, "fuzz.jsonl", fp, size);
    }
    if (fp)
        fclose(fp);
    td__read_json_array(&s, "fuzz.json", (const char *)data, size);
    char why[96];
    char *str = fuzz_cstr(data, size < 64 ? size : 64);
    if (str) {
        td__valid_date(str, why, sizeof why);
        td__free(str);
    }
    return 0;
}
