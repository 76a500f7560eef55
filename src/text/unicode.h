/* unicode.h -- UTF-8 validation and ICU normalisation helpers. */
#ifndef TD_TEXT_UNICODE_H
#define TD_TEXT_UNICODE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Returns 1 when s[0..n) is valid UTF-8 (no overlongs, no surrogates),
 * else 0 and the offset of the first bad byte in *bad (may be NULL). */
int td__utf8_valid(const char *s, size_t n, size_t *bad);

/* Decodes one code point at s[*i] (valid UTF-8 assumed), advancing *i. */
uint32_t td__utf8_next(const char *s, size_t n, size_t *i);
/* Appends code point c as UTF-8. Returns 0 or -1 (out of memory). */
int td__utf8_put(td__buf *b, uint32_t c);

/* Heuristic: 1 when the bytes look like binary data rather than text (NUL
 * bytes, or many C0 controls other than tab/newline/CR/form feed). */
int td__looks_binary(const char *s, size_t n);

typedef enum td__norm_form {
    TD__NFC,
    TD__NFKC,
    TD__NFKC_CASEFOLD
} td__norm_form;

/* Normalises valid UTF-8 s[0..n) and appends it to out.
 * Returns 0, or -1 on out of memory / ICU failure (out unchanged). */
int td__normalize(const char *s, size_t n, td__norm_form form, td__buf *out);

#endif
