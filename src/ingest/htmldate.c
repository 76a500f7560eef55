/* htmldate.c -- publication dates as web pages write them.
 *
 * Two things go wrong with dates on real pages (the htmldate and newspaper
 * trackers are full of both): a timestamp given in UTC names the wrong day
 * for a publisher far from Greenwich (22:28 in New York is 03:28 UTC the
 * next day), and many pages carry no machine-readable date at all, only a
 * dateline ("19. Juli 2014", "July 19, 2014"). The first is fixed with the
 * offset the page itself states elsewhere; the second by reading datelines
 * with CLDR month names from ICU, in the page's language. */
#include "ingest/htmldate.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "core/alloc.h"
#include "core/calendar.h"

static int digits(const char *s, int n)
{
    for (int i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int num(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static int put_day(int y, int m, int d, char out[11])
{
    if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return 0;
}

/* "+05:30", "-0500", "Z": minutes east of UTC in *min; returns the bytes
 * read, 0 when s holds no offset. */
static int read_offset(const char *s, int *min)
{
    if (*s == 'Z' || *s == 'z') {
        *min = 0;
        return 1;
    }
    if ((*s != '+' && *s != '-') || !digits(s + 1, 2))
        return 0;
    int h = num(s + 1, 2), m = 0, k = 3;
    if (s[3] == ':' && digits(s + 4, 2))
        m = num(s + 4, 2), k = 6;
    else if (digits(s + 3, 2))
        m = num(s + 3, 2), k = 5;
    if (h > 14 || m > 59)
        return 0;
    *min = (*s == '-' ? -1 : 1) * (h * 60 + m);
    return k;
}

/* An ISO timestamp at s: date, hour, minute and offset (has_off 0 when it
 * names none). Returns 0 or -1. */
typedef struct stamp {
    int y, m, d, hh, mm, off, has_off, has_time;
} stamp;

static int read_stamp(const char *s, stamp *t)
{
    memset(t, 0, sizeof *t);
    if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
        !digits(s + 8, 2))
        return -1;
    t->y = num(s, 4), t->m = num(s + 5, 2), t->d = num(s + 8, 2);
    const char *p = s + 10;
    if ((*p == 'T' || *p == ' ') && digits(p + 1, 2) && p[3] == ':' &&
        digits(p + 4, 2)) {
        t->has_time = 1;
        t->hh = num(p + 1, 2), t->mm = num(p + 4, 2);
        p += 6;
        if (*p == ':' && digits(p + 1, 2))
            p += 3;
        if (*p == '.')
            for (p++; isdigit((unsigned char)*p); p++)
                ;
        while (*p == ' ')
            p++;
        t->has_off = read_offset(p, &t->off) > 0;
    }
    return 0;
}

int td__page_utc_offset(const char *html, size_t len, int *minutes)
{
    for (size_t i = 10; i + 6 <= len; i++) {
        if (html[i] != 'T' || html[i - 3] != '-')
            continue;
        /* a bounded, terminated copy of the bytes that could belong to
         * this timestamp */
        char buf[40];
        size_t n = len - (i - 10) < sizeof buf - 1 ? len - (i - 10)
                                                    : sizeof buf - 1;
        memcpy(buf, html + i - 10, n);
        buf[n] = '\0';
        stamp t;
        if (read_stamp(buf, &t) == 0 && t.has_time && t.has_off && t.off) {
            *minutes = t.off;
            return 0;
        }
    }
    return -1;
}

int td__iso_local_day(const char *s, int offset_min, char out[11])
{
    if (!s)
        return -1;
    while (isspace((unsigned char)*s))
        s++;
    stamp t;
    if (read_stamp(s, &t) != 0)
        return -1;
    if (t.has_time && t.has_off && t.off == 0 && offset_min != 0 &&
        t.m >= 1 && t.m <= 12 && t.d >= 1 && t.d <= 31) {
        long minutes = td__days_from_civil(t.y, t.m, t.d) * 1440L +
                       t.hh * 60 + t.mm + offset_min;
        long day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
        td__civil_from_days(day, &t.y, &t.m, &t.d);
    }
    return put_day(t.y, t.m, t.d, out);
}

/* ------------------------------------------------------- month names */

#define MAX_LANGS 48
#define NAMES 48 /* 12 months x wide/short x format/stand-alone */

typedef struct month_names {
    char lang[8];
    char name[NAMES][32]; /* lower-cased UTF-8, "" when unused */
    int month[NAMES];
} month_names;

static month_names cache[MAX_LANGS];
static int ncache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static void lower_utf8(const UChar *u, int32_t n, const char *loc, char *out,
                       size_t cap)
{
    UChar low[64];
    UErrorCode err = U_ZERO_ERROR;
    int32_t ln = u_strToLower(low, 64, u, n, loc, &err);
    out[0] = '\0';
    if (U_FAILURE(err) || ln >= 64)
        return;
    err = U_ZERO_ERROR;
    int32_t w = 0;
    u_strToUTF8(out, (int32_t)cap - 1, &w, low, ln, &err);
    if (U_FAILURE(err) || w >= (int32_t)cap)
        out[0] = '\0';
    else
        out[w] = '\0';
}

static void load(month_names *mn, const char *lang)
{
    snprintf(mn->lang, sizeof mn->lang, "%s", lang);
    UErrorCode err = U_ZERO_ERROR;
    UDateFormat *df =
        udat_open(UDAT_DEFAULT, UDAT_DEFAULT, lang, NULL, 0, NULL, 0, &err);
    if (U_FAILURE(err))
        return;
    const UDateFormatSymbolType types[] = {UDAT_MONTHS, UDAT_SHORT_MONTHS,
                                           UDAT_STANDALONE_MONTHS,
                                           UDAT_STANDALONE_SHORT_MONTHS};
    int k = 0;
    for (int t = 0; t < 4; t++) {
        for (int32_t i = 0; i < 12 && k < NAMES; i++) {
            UChar u[64];
            err = U_ZERO_ERROR;
            int32_t n = udat_getSymbols(df, types[t], i, u, 64, &err);
            if (U_FAILURE(err) || n <= 0 || n >= 64)
                continue;
            lower_utf8(u, n, lang, mn->name[k], sizeof mn->name[k]);
            /* "mai." and "sept." are written without their dot too */
            size_t L = strlen(mn->name[k]);
            if (L > 1 && mn->name[k][L - 1] == '.')
                mn->name[k][L - 1] = '\0';
            mn->month[k++] = i + 1;
        }
    }
    udat_close(df);
}

/* The month names of lang, loaded once; NULL when the cache is full. */
static const month_names *names_of(const char *lang)
{
    const month_names *r = NULL;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < ncache && !r; i++)
        if (strcmp(cache[i].lang, lang) == 0)
            r = &cache[i];
    if (!r && ncache < MAX_LANGS) {
        load(&cache[ncache], lang);
        r = &cache[ncache++];
    }
    pthread_mutex_unlock(&cache_lock);
    return r;
}

/* A month name at s (lower-cased text); its length in *len. The longest
 * name wins ("juni" over "jun"); a name must end at a non-letter. */
static int month_at(const month_names *const *sets, int nsets, const char *s,
                    size_t *len)
{
    int best = 0;
    size_t blen = 0;
    for (int k = 0; k < nsets; k++) {
        if (!sets[k])
            continue;
        for (int i = 0; i < NAMES; i++) {
            const char *nm = sets[k]->name[i];
            size_t n = strlen(nm);
            if (n < 3 || n <= blen || strncmp(s, nm, n) != 0)
                continue;
            unsigned char after = (unsigned char)s[n];
            if (isalpha(after) || (after >= 0x80 && n < 4))
                continue;
            best = sets[k]->month[i], blen = n;
        }
    }
    *len = blen;
    return best;
}

/* ------------------------------------------------------------ datelines */

/* Skips separators between the parts of a date: spaces, dots, commas, and
 * one short word ("de", "di", "del", "of") when allow_word. */
static const char *skip_sep(const char *p, const char *end, int allow_word)
{
    while (p < end && (*p == ' ' || *p == '.' || *p == ',' || *p == '-'))
        p++;
    if (allow_word) {
        const char *q = p;
        while (q < end && isalpha((unsigned char)*q))
            q++;
        if (q > p && q - p <= 3 && q < end && *q == ' ') {
            p = q;
            while (p < end && (*p == ' ' || *p == ','))
                p++;
        }
    }
    return p;
}

static int read_num(const char *p, const char *end, int max_digits, int *v,
                    const char **after)
{
    int k = 0, x = 0;
    while (p + k < end && k <= max_digits && isdigit((unsigned char)p[k]))
        x = x * 10 + (p[k] - '0'), k++;
    if (k == 0 || k > max_digits)
        return 0;
    *v = x;
    *after = p + k;
    return k;
}

/* Lower-cases text[0..len) (ASCII and, through ICU, the rest) into an owned
 * string; NULL when memory ran out or the text is not UTF-8. */
static char *lowered(const char *text, size_t len)
{
    if (len > 65536)
        len = 65536;
    UErrorCode err = U_ZERO_ERROR;
    int32_t n16 = 0;
    u_strFromUTF8(NULL, 0, &n16, text, (int32_t)len, &err);
    if (err != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(err))
        return NULL;
    UChar *u = td__malloc(((size_t)n16 + 1) * 2 * sizeof *u);
    if (!u)
        return NULL;
    err = U_ZERO_ERROR;
    u_strFromUTF8(u, n16 + 1, NULL, text, (int32_t)len, &err);
    UChar *low = u + n16 + 1;
    int32_t ln = U_SUCCESS(err) ? u_strToLower(low, n16 + 1, u, n16, "", &err)
                                : 0;
    char *out = NULL;
    if (U_SUCCESS(err) && ln <= n16) {
        int32_t w = 0;
        size_t cap = (size_t)ln * 3 + 1;
        out = td__malloc(cap);
        if (out) {
            u_strToUTF8(out, (int32_t)cap, &w, low, ln, &err);
            if (U_FAILURE(err)) {
                td__free(out);
                out = NULL;
            } else {
                out[w] = '\0';
            }
        }
    }
    td__free(u);
    return out;
}

static int year_ok(int y) { return y >= 1990 && y <= 2100; }

/* A date starting at p; 0 and out written, or -1. */
static int date_at(const char *p, const char *end,
                   const month_names *const *sets, int nsets, int month_first,
                   char out[11])
{
    int a, b, c;
    const char *q, *r;
    if (isdigit((unsigned char)*p)) {
        int k = read_num(p, end, 4, &a, &q);
        if (k == 0)
            return -1; /* a run of digits longer than a year */
        if (k == 4 && q + 6 <= end && (*q == '-' || *q == '/') &&
            read_num(q + 1, end, 2, &b, &r) == 2 && *r == *q &&
            read_num(r + 1, end, 2, &c, &r) == 2 && year_ok(a))
            return put_day(a, b, c, out);
        /* 2022年1月7日 */
        if (k == 4 && q + 3 <= end && strncmp(q, "年", 3) == 0 &&
            read_num(q + 3, end, 2, &b, &r) && r + 3 <= end &&
            strncmp(r, "月", 3) == 0 && read_num(r + 3, end, 2, &c, &r) &&
            year_ok(a))
            return put_day(a, b, c, out);
        if (k > 2)
            return -1;
        /* 07.01.2022, 7/1/2022 */
        if (q < end && (*q == '.' || *q == '/' || *q == '-') &&
            read_num(q + 1, end, 2, &b, &r) && r < end && *r == *q &&
            read_num(r + 1, end, 4, &c, &r) == 4 && year_ok(c) &&
            (r == end || !isdigit((unsigned char)*r))) {
            int d = a, m = b;
            if (*q == '/' && (b > 12 || (month_first && a <= 12)))
                d = b, m = a;
            return put_day(c, m, d, out);
        }
        /* 7. Januar 2022, 7 de enero de 2022, 7th of January 2022 */
        if (q + 2 <= end && (strncmp(q, "st", 2) == 0 ||
                             strncmp(q, "nd", 2) == 0 ||
                             strncmp(q, "rd", 2) == 0 ||
                             strncmp(q, "th", 2) == 0))
            q += 2;
        /* a short month name ("9 Oct 2018", "6. Mai 2014") before the
         * short word a language puts between ("7 de enero") */
        q = skip_sep(q, end, 0);
        size_t ml;
        int m = q < end ? month_at(sets, nsets, q, &ml) : 0;
        if (!m) {
            q = skip_sep(q, end, 1);
            m = q < end ? month_at(sets, nsets, q, &ml) : 0;
        }
        if (!m)
            return -1;
        q = skip_sep(q + ml, end, 1);
        if (read_num(q, end, 4, &c, &r) == 4 && year_ok(c))
            return put_day(c, m, a, out);
        return -1;
    }
    /* January 7th, 2022 */
    size_t ml;
    int m = month_at(sets, nsets, p, &ml);
    if (!m)
        return -1;
    q = skip_sep(p + ml, end, 0);
    if (!read_num(q, end, 2, &a, &q))
        return -1;
    if (q + 2 <= end && (strncmp(q, "st", 2) == 0 || strncmp(q, "nd", 2) == 0 ||
                         strncmp(q, "rd", 2) == 0 || strncmp(q, "th", 2) == 0))
        q += 2;
    q = skip_sep(q, end, 0);
    if (read_num(q, end, 4, &c, &r) == 4 && year_ok(c))
        return put_day(c, m, a, out);
    return -1;
}

int td__text_date(const char *text, size_t len, const char *lang,
                  char out[11])
{
    if (!text || !len)
        return -1;
    static const char *const fallback[] = {"de", "fr", "es", "it", "pt",
                                           "nl", "ru", "pl"};
    const month_names *sets[10];
    int nsets = 0;
    sets[nsets++] = names_of("en");
    char code[4] = "";
    if (lang) {
        size_t k = 0;
        while (k < 3 && isalpha((unsigned char)lang[k]))
            code[k] = (char)tolower((unsigned char)lang[k]), k++;
        code[k] = '\0';
        if (k < 2 || isalpha((unsigned char)lang[k]))
            code[0] = '\0';
    }
    if (code[0] && strcmp(code, "en") != 0)
        sets[nsets++] = names_of(code);
    else if (!code[0])
        for (size_t i = 0; i < sizeof fallback / sizeof *fallback; i++)
            sets[nsets++] = names_of(fallback[i]);
    /* 7/1/2022 is July the 7th in the United States only */
    int month_first = strcmp(code, "en") == 0 &&
                      (strlen(lang) < 5 || strcasecmp(lang + 3, "us") == 0);
    char *low = lowered(text, len);
    if (!low)
        return -1;
    const char *end = low + strlen(low);
    int found = -1;
    for (const char *p = low; p < end && found != 0; p++) {
        /* a date starts at a word's beginning; digits may follow a
         * CJK character ("发布于2022年") */
        unsigned char c = (unsigned char)*p;
        unsigned char prev = p > low ? (unsigned char)p[-1] : ' ';
        if ((c & 0xC0) == 0x80 || isalnum(prev) ||
            (!isdigit(c) && prev >= 0x80))
            continue;
        found = date_at(p, end, sets, nsets, month_first, out);
    }
    td__free(low);
    return found;
}
