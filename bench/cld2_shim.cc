// cld2_shim.cc -- the CLD2 baseline of bench/bench_langid.c, behind a C
// function. Benchmark only: CLD2 is never linked into the engine.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>

extern "C" const char *bench_cld2_detect(const char *text, int len,
                                         int *reliable)
{
    bool rel = false;
    int valid_prefix = 0;
    CLD2::Language l = CLD2::DetectLanguageCheckUTF8(text, len, true, &rel,
                                                      &valid_prefix);
    *reliable = rel;
    return CLD2::LanguageCode(l);
}
