/* tokens.h -- text analysis: segmentation, folding, stop words, stems.
 *
 * ICU word segmentation (every script, dictionary-based for CJK and Thai),
 * NFKC case folding, numbers normalised, stop words from the generated table
 * in data/, Snowball stems where libstemmer has the language. */
#ifndef TD_TEXT_TOKENS_H
#define TD_TEXT_TOKENS_H

#include <stddef.h>

#include "tidings.h"

typedef struct td__token {
    size_t off, len; /* byte span in the analysed text */
    char *norm;      /* folded NFKC form; numbers normalised ("4.404"->"4404") */
    char *stem;      /* stem, or == norm when no stemmer (not a separate alloc
                        then; td__tokens_free knows) */
    unsigned flags;  /* TD_TOKEN_* from tidings.h */
} td__token;

typedef struct td__tokens {
    td__token *v;
    size_t n, cap;
    void *priv; /* owned storage of the implementation */
} td__tokens;

#define TD__TOKENS_INIT {NULL, 0, 0, NULL}

/* Tokenises text[0..len) as language lang (ISO code; "und" or NULL: no stop
 * words or stems). Punctuation and white space yield no tokens.
 * Returns TD_OK, or TD_ENOMEM with *out emptied (safe to free). */
td_status td__tokenize(const char *text, size_t len, const char *lang,
                       td__tokens *out);
void td__tokens_free(td__tokens *t); /* accepts an empty/zeroed t */

/* Whether word (already folded) is a stop word of lang. */
int td__is_stopword(const char *lang, const char *word, size_t len);

#endif
