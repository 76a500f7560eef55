/* unicode.c -- UTF-8 validation and ICU normalisation. */
#include "text/unicode.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "core/alloc.h"

int td__utf8_valid(const char *str, size_t n, size_t *bad)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1, cp = c & 0x1F, min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2, cp = c & 0x0F, min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3, cp = c & 0x07, min = 0x10000;
        } else {
            goto invalid;
        }
        if (n - i <= need)
            goto invalid;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto invalid;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto invalid;
        i += need + 1;
    }
    return 1;
invalid:
    if (bad)
        *bad = i;
    return 0;
}

uint32_t td__utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c = s[*i];
    size_t need = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (need)
        c &= 0x3F >> need;
    (*i)++;
    while (need-- && *i < n)
        c = (c << 6) | (s[(*i)++] & 0x3F);
    return c;
}

int td__utf8_put(td__buf *b, uint32_t c)
{
    char t[4];
    size_t n;
    if (c < 0x80) {
        t[0] = (char)c, n = 1;
    } else if (c < 0x800) {
        t[0] = (char)(0xC0 | (c >> 6));
        t[1] = (char)(0x80 | (c & 0x3F)), n = 2;
    } else if (c < 0x10000) {
        t[0] = (char)(0xE0 | (c >> 12));
        t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[2] = (char)(0x80 | (c & 0x3F)), n = 3;
    } else {
        t[0] = (char)(0xF0 | (c >> 18));
        t[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        t[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        t[3] = (char)(0x80 | (c & 0x3F)), n = 4;
    }
    return td__buf_append(b, t, n);
}

int td__looks_binary(const char *s, size_t n)
{
    size_t controls = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            return 1;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            controls++;
    }
    /* Real text has next to no C0 controls; a few stray ones (ESC from a
     * terminal paste) should not condemn an article. */
    return controls > 8 && controls * 100 > n;
}

int td__normalize(const char *s, size_t n, td__norm_form form, td__buf *out)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *norm =
        form == TD__NFC    ? unorm2_getNFCInstance(&err)
        : form == TD__NFKC ? unorm2_getNFKCInstance(&err)
                           : unorm2_getNFKCCasefoldInstance(&err);
    if (U_FAILURE(err) || n > INT32_MAX / 4)
        return -1;

    /* UTF-8 -> UTF-16 -> normalise -> UTF-8: ICU's normalisers work on
     * UTF-16. Normalisation can grow text (NFKC of ligatures), hence the
     * retry with the size ICU asks for. */
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return -1;
    err = U_ZERO_ERROR;
    UChar *src = td__malloc(((size_t)ulen + 1) * sizeof(UChar));
    if (!src)
        return -1;
    u_strFromUTF8(src, ulen + 1, NULL, s, (int32_t)n, &err);
    int32_t cap = ulen + ulen / 2 + 16;
    UChar *dst = NULL;
    int32_t dlen = 0;
    for (int tries = 0; tries < 2; tries++) {
        td__free(dst);
        dst = td__malloc((size_t)cap * sizeof(UChar));
        if (!dst)
            break;
        err = U_ZERO_ERROR;
        dlen = unorm2_normalize(norm, src, ulen, dst, cap, &err);
        if (err != U_BUFFER_OVERFLOW_ERROR)
            break;
        cap = dlen + 1;
    }
    td__free(src);
    if (!dst || U_FAILURE(err)) {
        td__free(dst);
        return -1;
    }
    int32_t blen = 0;
    err = U_ZERO_ERROR;
    u_strToUTF8(NULL, 0, &blen, dst, dlen, &err);
    err = U_ZERO_ERROR;
    if (td__buf_reserve(out, (size_t)blen) != 0) {
        td__free(dst);
        return -1;
    }
    u_strToUTF8(out->p + out->len, blen + 1, NULL, dst, dlen, &err);
    td__free(dst);
    if (U_FAILURE(err)) {
        out->p[out->len] = '\0';
        return -1;
    }
    out->len += (size_t)blen;
    out->p[out->len] = '\0';
    return 0;
}
