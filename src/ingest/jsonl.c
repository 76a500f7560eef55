/* jsonl.c -- JSON Lines: one article object a line (and a whole JSON array
 * of them, the batch some exports write instead).
 *
 * Every line is judged on its own: a bad line is reported with its number
 * and the reason, and the lines after it are still read. Lines are read
 * into a buffer that never grows past the record limit: a longer line is
 * reported and skipped to its end without being held, so memory stays
 * bounded whatever the input. A field that is dropped or corrected (a date
 * that is no date, a language code nobody knows, a key given twice) is a
 * warning naming the input, the line and the field; the article is kept. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uloc.h>

#include "core/alloc.h"
#include "ingest/reader.h"
#include "text/unicode.h"

/* A string field, or NULL when absent or null. Numbers are accepted for
 * id (many exports number their records). -1: present with a wrong type. */
static int field(json_t *obj, const char *key, const char **out,
                 size_t *len, char numbuf[32])
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (len)
        *len = 0;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        *out = json_string_value(v);
        if (len)
            *len = json_string_length(v);
        return 0;
    }
    if (numbuf && json_is_integer(v)) {
        snprintf(numbuf, 32, "%lld", (long long)json_integer_value(v));
        *out = numbuf;
        return 0;
    }
    return -1;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int td__valid_date(const char *s, char *why, size_t cap)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
    size_t n = strlen(s), digits = 0;
    while (digits < n && isdigit((unsigned char)s[digits]))
        digits++;
    if (digits != 4 || (n > 4 && s[4] != '-')) {
        snprintf(why, cap, "not a date (YYYY-MM or YYYY-MM-DD wanted)");
        return 0;
    }
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
            (s[3] - '0');
    if (n == 4) {
        snprintf(why, cap, "only a year (YYYY-MM or YYYY-MM-DD wanted)");
        return 0;
    }
    if (y < 1000) {
        snprintf(why, cap, "year %04d is before 1000", y);
        return 0;
    }
    if (n < 7 || !isdigit((unsigned char)s[5]) ||
        !isdigit((unsigned char)s[6]) ||
        (n > 7 && s[7] != '-')) {
        snprintf(why, cap, "not a date (YYYY-MM or YYYY-MM-DD wanted)");
        return 0;
    }
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12) {
        snprintf(why, cap, "no month %02d", m);
        return 0;
    }
    if (n == 7)
        return 1;
    if (n < 10 || !isdigit((unsigned char)s[8]) ||
        !isdigit((unsigned char)s[9]) ||
        (n > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ')) {
        snprintf(why, cap, "not a date (YYYY-MM or YYYY-MM-DD wanted)");
        return 0;
    }
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    int last = mdays[m - 1] + (m == 2 && leap(y));
    if (d < 1 || d > last) {
        snprintf(why, cap, "no day %02d in %04d-%02d", d, y, m);
        return 0;
    }
    return 1;
}

/* A language code the engine can use as a hint: "und", or a tag whose
 * primary subtag ICU knows as a language (en, de-CH, kk, yue...). */
static int known_lang(const char *s)
{
    size_t n = strlen(s), i = 0;
    if (n == 0 || n > 35)
        return 0;
    while (i < n && isalpha((unsigned char)s[i]))
        i++;
    if (i < 2 || i > 3)
        return 0;
    for (size_t k = i; k < n; k++)
        if (!isalnum((unsigned char)s[k]) && s[k] != '-' && s[k] != '_')
            return 0;
    if (strcmp(s, "und") == 0)
        return 1;
    char primary[4];
    memcpy(primary, s, i);
    primary[i] = 0;
    return uloc_getISO3Language(primary)[0] != '\0';
}

/* Escapes a field value into out for a message: at most 40 bytes, quotes
 * and control bytes shown as '?', cut on a character boundary. */
static void quote_value(const char *v, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; v[i] && k + 4 < cap && i < 40; i++) {
        unsigned char c = (unsigned char)v[i];
        out[k++] = (c < 0x20 || c == '\'' || c == 0x7F) ? '?' : (char)c;
    }
    /* Do not leave half a UTF-8 character at the end. */
    size_t j = k;
    while (j > 0 && ((unsigned char)out[j - 1] & 0xC0) == 0x80)
        j--;
    if (j > 0 && (unsigned char)out[j - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)out[j - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (k - (j - 1) < want)
            k = j - 1;
    }
    if (v[k] && k + 3 < cap)
        out[k++] = '.', out[k++] = '.', out[k++] = '.';
    out[k] = 0;
}

/* Emits one article object (a line, or an element of an array). */
static td_status read_object(td__sink *s, const char *where, json_t *obj)
{
    if (!json_is_object(obj)) {
        s->fail(s, where, TD_EPARSE, "a JSON object expected on each line");
        return TD_OK;
    }
    td_input in = {0};
    char idnum[32];
    static const char *const keys[] = {"id", "url", "title", "date",
                                       "lang", "source", "text", "html"};
    const char **slots[] = {&in.id,   &in.url,    &in.title, &in.date,
                            &in.lang, &in.source, &in.text,  &in.html};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t len = 0;
        int r = field(obj, keys[k], slots[k], &len, k == 0 ? idnum : NULL);
        if (r != 0) {
            char msg[96];
            snprintf(msg, sizeof msg, "field \"%s\" must be a string",
                     keys[k]);
            s->fail(s, where, TD_EPARSE, msg);
            return TD_OK;
        }
        if (k == 6)
            in.text_len = len;
        if (k == 7)
            in.html_len = len;
    }
    if (!in.text && !in.html) {
        s->fail(s, where, TD_EINVAL, "no \"text\" or \"html\" field");
        return TD_OK;
    }
    char why[96], val[64], msg[256];
    if (in.date && !td__valid_date(in.date, why, sizeof why)) {
        quote_value(in.date, val, sizeof val);
        snprintf(msg, sizeof msg,
                 "field \"date\" '%s': %s; dropped (the date is taken "
                 "from the text)",
                 val, why);
        td__sink_warn(s, where, msg);
        in.date = NULL;
    }
    if (in.lang && !known_lang(in.lang)) {
        quote_value(in.lang, val, sizeof val);
        snprintf(msg, sizeof msg,
                 "field \"lang\" '%s': not a known language code; "
                 "dropped (the language is identified from the text)",
                 val);
        td__sink_warn(s, where, msg);
        in.lang = NULL;
    }
    if (in.text && in.html) {
        td__sink_warn(s, where,
                      "fields \"text\" and \"html\" both given; \"html\" "
                      "ignored");
        in.html = NULL, in.html_len = 0; /* the text is already extracted */
    }
    in.name = where;
    return s->emit(s, &in, where);
}

/* Parses text[0..n) as one JSON value; a duplicate key is a warning (the
 * last value wins, as in most JSON readers) rather than a failure. */
static json_t *load(td__sink *s, const char *where, const char *text,
                    size_t n, json_error_t *err)
{
    json_t *v = json_loadb(text, n, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES,
                           err);
    if (v || json_error_code(err) != json_error_duplicate_key)
        return v;
    /* jansson says: duplicate object key near '"text"' */
    char msg[300];
    const char *k = strstr(err->text, "near '");
    if (k) {
        k += 6;
        size_t kn = strlen(k);
        if (kn && k[kn - 1] == '\'')
            kn--;
        snprintf(msg, sizeof msg, "duplicate key %.*s; the last value is used",
                 (int)(kn > 120 ? 120 : kn), k);
    } else {
        snprintf(msg, sizeof msg, "%.200s; the last value is used", err->text);
    }
    td__sink_warn(s, where, msg);
    return json_loadb(text, n, JSON_ALLOW_NUL, err);
}

static td_status read_line(td__sink *s, const char *name, long lineno,
                           const char *line, size_t n, int last_unterminated)
{
    char where[1100];
    snprintf(where, sizeof where, "%s:%ld", name, lineno);
    size_t bad;
    if (!td__utf8_valid(line, n, &bad)) {
        char msg[80];
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu of the line",
                 bad);
        s->fail(s, where, TD_EUTF8, msg);
        return TD_OK;
    }
    json_error_t err;
    json_t *obj = load(s, where, line, n, &err);
    if (!obj) {
        char msg[256];
        /* Input that stops mid-object (a crawl cut short, a full disk) is
         * told apart from plain malformed JSON. */
        if (last_unterminated && (size_t)err.position >= n) {
            snprintf(msg, sizeof msg,
                     "truncated JSON line: input ends inside the record (%s)",
                     err.text);
            s->fail(s, where, TD_ETRUNCATED, msg);
        } else {
            snprintf(msg, sizeof msg, "malformed JSON at column %d: %s",
                     err.column, err.text);
            s->fail(s, where, TD_EPARSE, msg);
        }
        return TD_OK;
    }
    td_status st = read_object(s, where, obj);
    json_decref(obj);
    return st;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* Reads one line of f into *buf (grown up to max + 1 bytes). Returns the
 * bytes read (0 at the end), sets *over when the line was longer than max
 * (it is then consumed to its end, only its first max bytes kept) and
 * *err on a read error or when memory is short (-1). */
static size_t next_line(FILE *f, char **buf, size_t *cap, size_t max,
                        int *over, int *err, uint64_t *consumed)
{
    size_t n = 0;
    *over = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        (*consumed)++;
        if (n < max) {
            if (n + 2 > *cap) {
                size_t want = *cap ? *cap * 2 : 4096;
                if (want > max + 2)
                    want = max + 2;
                char *p = td__realloc(*buf, want);
                if (!p) {
                    *err = -1;
                    return n;
                }
                *buf = p, *cap = want;
            }
            (*buf)[n++] = (char)c;
        } else {
            *over = 1;
        }
        if (c == '\n')
            break;
    }
    if (ferror(f))
        *err = 1;
    if (*buf)
        (*buf)[n] = 0;
    return n + (size_t)*over; /* nonzero for an over-long line */
}

td_status td__read_jsonl(td__sink *s, const char *name, FILE *f,
                         uint64_t total)
{
    char *line = NULL;
    size_t cap = 0, max = td__sink_max_record(s);
    long lineno = 0;
    uint64_t done = 0;
    td_status st = TD_OK;
    int over = 0, err = 0;
    size_t got;
    while (st == TD_OK &&
           (got = next_line(f, &line, &cap, max, &over, &err, &done)) > 0) {
        lineno++;
        if (err < 0) {
            char where[1100];
            snprintf(where, sizeof where, "%s:%ld", name, lineno);
            s->fail(s, where, TD_ENOMEM, "out of memory");
            st = TD_ENOMEM;
            break;
        }
        if (over) {
            char where[1100], msg[160];
            snprintf(where, sizeof where, "%s:%ld", name, lineno);
            snprintf(msg, sizeof msg,
                     "record longer than the %zu-byte limit (--max-record); "
                     "skipped",
                     max);
            s->fail(s, where, TD_EINVAL, msg);
        } else {
            size_t n = got;
            int terminated = n > 0 && line[n - 1] == '\n';
            if (!blank(line, n))
                st = read_line(s, name, lineno, line, n, !terminated);
        }
        if (s->progress)
            s->progress(s, done, total);
        if (err)
            break;
    }
    if (st == TD_OK && err > 0) {
        char where[1100];
        snprintf(where, sizeof where, "%s:%ld", name, lineno + 1);
        s->fail(s, where, TD_EIO, "read error");
        st = TD_EIO;
    }
    td__free(line);
    return st;
}

td_status td__read_json_array(td__sink *s, const char *name,
                              const char *data, size_t len)
{
    size_t bad;
    if (!td__utf8_valid(data, len, &bad)) {
        char msg[80];
        snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", bad);
        s->fail(s, name, TD_EUTF8, msg);
        return TD_OK;
    }
    json_error_t err;
    json_t *arr = load(s, name, data, len, &err);
    if (!arr || !json_is_array(arr)) {
        char msg[300];
        snprintf(msg, sizeof msg,
                 "a JSON array of articles expected (JSON Lines has one "
                 "object a line): %s",
                 arr ? "not an array" : err.text);
        s->fail(s, name, TD_EPARSE, msg);
        json_decref(arr);
        return TD_OK;
    }
    td_status st = TD_OK;
    char where[1100];
    for (size_t i = 0; i < json_array_size(arr) && st == TD_OK; i++) {
        snprintf(where, sizeof where, "%s:[%zu]", name, i + 1);
        st = read_object(s, where, json_array_get(arr, i));
    }
    if (json_array_size(arr) == 0)
        s->fail(s, name, TD_EEMPTY, "an empty JSON array: no article");
    json_decref(arr);
    return st;
}
