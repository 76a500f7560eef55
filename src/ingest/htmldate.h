/* htmldate.h -- publication dates as web pages write them: timestamps in
 * the publisher's own day, and visible datelines in the page's language. */
#ifndef TD_INGEST_HTMLDATE_H
#define TD_INGEST_HTMLDATE_H

#include <stddef.h>

/* The publisher's UTC offset, in minutes, as the first ISO 8601 timestamp
 * with an explicit non-zero offset in html[0..len) says ("...T22:28:35-05:00"
 * -> -300). Returns 0 and writes *minutes, or -1 when no timestamp says. */
int td__page_utc_offset(const char *html, size_t len, int *minutes);

/* The day of an ISO 8601 timestamp in the publisher's time zone: a time in
 * UTC ("Z", "+00:00") is moved by offset_min (the page's offset, see above;
 * 0 keeps it), a time with its own offset keeps its own day. Writes
 * YYYY-MM-DD (or YYYY-MM) into out and returns 0, or -1 (out untouched)
 * when s is not such a timestamp or date. */
int td__iso_local_day(const char *s, int offset_min, char out[11]);

/* The first full date (day, month and year) written in text[0..len) the
 * ways datelines write it: "2022-01-07", "07.01.2022", "7/1/2022" (month
 * first for lang "en" unless the day says otherwise), "7. Januar 2022",
 * "7 de enero de 2022", "January 7th, 2022", "7 января 2022 г.",
 * "2022年1月7日". Month names come from CLDR through ICU for lang (ISO
 * 639-1; NULL or unknown: English and the major European languages),
 * English always. Writes YYYY-MM-DD into out and returns 0, else -1. */
int td__text_date(const char *text, size_t len, const char *lang,
                  char out[11]);

#endif
