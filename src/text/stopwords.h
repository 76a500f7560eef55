/* stopwords.h -- the generated stop-word tables (data/stopwords.c) and the
 * language keys shared by the text module.
 *
 * data/stopwords.c is written by tools/gen_stopwords.c from the stopwords-iso
 * package (see data/SOURCES.md); do not edit it by hand. */
#ifndef TD_TEXT_STOPWORDS_H
#define TD_TEXT_STOPWORDS_H

#include <stddef.h>
#include <stdint.h>

/* One language's stop words: n NUL-terminated words packed in words, word i
 * starting at words + off[i]; sorted by bytes (strcmp order), NFKC_Casefold
 * folded, U+2019 written as an ASCII apostrophe, without duplicates. */
typedef struct td__stoplist {
    const char *lang; /* ISO 639-1 code */
    const char *words;
    const uint32_t *off;
    size_t n;
} td__stoplist;

/* Sorted by lang (strcmp order). */
extern const td__stoplist td__stoplists[];
extern const size_t td__stoplists_n;

/* The table for a language key (see td__text_lang_key), or NULL. */
const td__stoplist *td__stoplist_find(const char *key);

/* Whether word[0..len) is in list. */
int td__stoplist_has(const td__stoplist *list, const char *word, size_t len);

/* Canonical key of a language tag: the primary subtag lowercased, with old
 * or macro codes mapped to the ones the tables use ("nb"/"nn" -> "no",
 * "iw" -> "he", "in" -> "id", "ji" -> "yi"). Writes "" and returns 0 for
 * NULL, "", "und" or a malformed tag; else returns 1. */
int td__text_lang_key(const char *lang, char key[8]);

#endif
