/* fuzz_langid.c -- libFuzzer target: language identification, through the
 * public td_langid and the internal detector with a hint. */
#include <stdint.h>

#include "fuzz_util.h"
#include "lang/langid.h"
#include "text/unicode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char code[8];
    double conf;
    td_langid(s, size, code, &conf); /* any bytes: it must refuse or answer */
    if (!td__utf8_valid(s, size, NULL))
        return 0;
    static const char *const hints[] = {NULL, "en", "ru", "und", "zz"};
    td__lang_guess g;
    td__langid_detect(s, size, hints[size % 5], &g);
    if (g.confidence < 0 || g.confidence > 1 || !memchr(g.code, 0, 8))
        __builtin_trap(); /* the contract: a code and a confidence in [0,1] */
    return 0;
}
