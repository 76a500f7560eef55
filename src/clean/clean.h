/* clean.h -- step 1 of the pipeline: turn raw article text into clean text.
 *
 * Strips markup remnants, comment threads appended under the article and
 * site furniture (photo credits, share/subscribe/related-links lines, ads,
 * cookie and copyright notices) in the major European languages; finds the
 * title and the date marker; normalises white space and Unicode (NFC).
 * Everything removed is recorded with its reason so `tidings analyze` can
 * show it. General rules, never tuned to particular articles. */
#ifndef TD_CLEAN_CLEAN_H
#define TD_CLEAN_CLEAN_H

#include <stddef.h>

#include "tidings.h"

typedef struct td__removed {
    const char *reason; /* static string: "markup", "comments", ... */
    char *text;         /* owned: what was removed (long runs abridged) */
} td__removed;

typedef struct td__cleaned {
    char *text;              /* owned; paragraphs separated by '\n' */
    char *title;             /* owned or NULL */
    char *date;              /* owned YYYY-MM or YYYY-MM-DD, or NULL */
    const char *date_source; /* static: "marker", "dateline", or NULL */
    td__removed *removed;    /* owned array */
    size_t nremoved, capremoved;
} td__cleaned;

/* Cleans raw[0..len), which must be valid UTF-8 without NUL bytes.
 * given_title (may be NULL) is a title known from the input's metadata: it
 * is used instead of guessing and its copy at the top of the text dropped.
 * Returns TD_OK with *out filled (free with td__cleaned_free; text may be
 * empty: the caller decides what an empty article means) or TD_ENOMEM
 * (*out emptied). */
td_status td__clean(const char *raw, size_t len, const char *given_title,
                    td__cleaned *out);
void td__cleaned_free(td__cleaned *c);

/* --- parts, shared between the files of src/clean/ --- */

/* Records a removal (text copied, abridged past a few hundred bytes).
 * Returns 0 or -1 on out of memory. */
int td__cleaned_note(td__cleaned *c, const char *reason, const char *text,
                     size_t len);

/* Decodes HTML entities and strips tags, comments and stray angle brackets
 * from s[0..n), appending the result to out; block-level tags become line
 * breaks. Removals are noted in c. Returns 0 or -1 (out of memory). */
struct td__buf;
int td__strip_markup(const char *s, size_t n, struct td__buf *out,
                     td__cleaned *c);

/* Words in s[0..n); scripts without spaces count a word per two
 * characters. */
size_t td__count_words(const char *s, size_t n);

/* Line classes used by the line pass. */
typedef enum td__line_kind {
    TD__LINE_TEXT,
    TD__LINE_FURNITURE,    /* credits, share, subscribe, ads, legal, tags */
    TD__LINE_RELATED,      /* a related-links header ("Read also:") */
    TD__LINE_COMMENT_HEAD, /* "Comments", "Dear reader, to leave comments" */
    TD__LINE_COMMENT_MARK  /* author/time-stamp, "Quote:", reply number */
} td__line_kind;

/* Classifies one trimmed line (UTF-8, not NUL-terminated). */
td__line_kind td__classify_line(const char *s, size_t n);

/* Whether the line is only a date and/or time ("05:37 GMT 21.11.2022").
 * When it holds a full numeric date, writes YYYY-MM-DD into date (11 bytes)
 * and returns 2; returns 1 for a date/time line without a usable date,
 * 0 otherwise. */
int td__dateline(const char *s, size_t n, char date[11]);

#endif
