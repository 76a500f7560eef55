/* stem.h -- Snowball stemmers (libstemmer), cached per thread. */
#ifndef TD_TEXT_STEM_H
#define TD_TEXT_STEM_H

#include <stddef.h>

/* Whether libstemmer has a stemmer for the language key (td__text_lang_key);
 * does not open it. */
int td__stem_available(const char *key);

/* Stems the folded word[0..len) with the stemmer of language key.
 * Returns 1 with *out (borrowed: valid until the next call on this thread)
 * and *outlen set; 0 when there is no stemmer for key; -1 when memory ran
 * out. Stemmers are opened once per thread and language and closed when the
 * thread exits (or by td__stem_thread_cleanup). */
int td__stem(const char *key, const char *word, size_t len, const char **out,
             size_t *outlen);

/* Closes this thread's cached stemmers (optional; for leak checkers). */
void td__stem_thread_cleanup(void);

#endif
