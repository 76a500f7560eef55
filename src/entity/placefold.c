/* placefold.c -- see placefold.h. Uses ICU only, so that the generator can
 * link this file alone. */
#include "entity/placefold.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

int td__place_is_word(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
    int8_t t = u_charType((UChar32)c);
    return u_isalnum((UChar32)c) || t == U_NON_SPACING_MARK ||
           t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

int td__place_is_unspaced(uint32_t c)
{
    if (c < 0x0E00)
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)c, &err);
    if (U_FAILURE(err))
        return 0;
    return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA ||
           s == USCRIPT_KATAKANA || s == USCRIPT_THAI || s == USCRIPT_LAO ||
           s == USCRIPT_KHMER || s == USCRIPT_MYANMAR;
}

size_t td__place_fold_cp(uint32_t c, char out[TD__PLACE_FOLD_MAX])
{
    if (c < 0x80) {
        out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            out[0] = ' ';
        return 1;
    }
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC) {
        out[0] = '\'';
        return 1;
    }
    if (u_isUWhiteSpace((UChar32)c)) {
        out[0] = ' ';
        return 1;
    }
    if (c >= 0x0300 && c <= 0x036F)
        return 0;
    UChar in[2], a[TD__PLACE_FOLD_MAX], b[TD__PLACE_FOLD_MAX];
    int32_t n = 0;
    UBool bad = 0;
    U16_APPEND((UChar *)in, n, 2, (UChar32)c, bad);
    if (bad)
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *kc = unorm2_getNFKCCasefoldInstance(&err);
    const UNormalizer2 *d = unorm2_getNFDInstance(&err);
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err))
        return 0;
    int32_t na = unorm2_normalize(kc, in, n, a, TD__PLACE_FOLD_MAX, &err);
    int32_t nb = unorm2_normalize(d, a, na, b, TD__PLACE_FOLD_MAX, &err);
    if (U_FAILURE(err))
        return 0;
    int32_t k = 0;
    for (int32_t i = 0; i < nb; i++)
        if (b[i] < 0x0300 || b[i] > 0x036F)
            b[k++] = b[i];
    na = unorm2_normalize(nfc, b, k, a, TD__PLACE_FOLD_MAX, &err);
    if (U_FAILURE(err))
        return 0;
    int32_t olen = 0;
    u_strToUTF8WithSub(out, TD__PLACE_FOLD_MAX, &olen, a, na, 0xFFFD, NULL,
                       &err);
    if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING ||
        olen > TD__PLACE_FOLD_MAX)
        return olen <= TD__PLACE_FOLD_MAX && U_SUCCESS(err) ? (size_t)olen : 0;
    return (size_t)olen;
}

size_t td__place_fold_str(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    char f[TD__PLACE_FOLD_MAX];
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0)
            return (size_t)-1;
        size_t k = td__place_fold_cp((uint32_t)c, f);
        if (td__place_fold_put(out, cap, &o, f, k) != 0)
            return (size_t)-1;
    }
    return td__place_fold_end(out, cap, o);
}
