/* headline.h -- the headline shown for an article or a story.
 *
 * The given or extracted title when it reads as a headline; else the lead
 * sentence of the text cut at a word boundary. A title that is a dateline
 * ("17 Nov 2022 19:00"), a picture credit ("Name/Getty Images"), a caption
 * carrying a credit, a byline, a tag list or site furniture ("Estimated
 * reading time", "Become a member") is never a headline. The rules are
 * general: CLDR month names through the date finder, case-folded marker
 * phrases, and the shape of the line. */
#ifndef TD_CLEAN_HEADLINE_H
#define TD_CLEAN_HEADLINE_H

#include <stddef.h>

/* The longest headline made from a lead sentence, in code points. */
#define TD__HEADLINE_MAX 120

/* Why title is not a headline: "dateline", "credit", "byline",
 * "furniture", "tag list", "empty"; NULL when it is one. Static strings.
 * lang (may be NULL) helps the date finder. */
const char *td__headline_reject(const char *title, size_t len,
                                const char *lang);

/* Writes the headline for an article (title may be NULL, text its cleaned
 * text, lang may be NULL) into out (cap bytes, NUL-terminated, cut on a
 * UTF-8 boundary). Returns 2 when the title was used, 1 when the lead
 * sentence was, 0 when neither gave anything (out is then ""). Never
 * allocates on the heap except through the tokeniser's wrapper; on an
 * allocation failure the rules that need it are skipped. */
int td__headline(const char *title, const char *text, const char *lang,
                 char *out, size_t cap);

#endif
