/* headline.c -- choosing the line an article or story is shown under.
 *
 * A title is tested against the shapes of lines that are not headlines:
 * a dateline is dates (CLDR month names, through the date finder), times
 * and numbers with at most one other word; a credit or caption carries a
 * picture-agency or "photo:" marker; a byline a reporter marker; furniture
 * a reading-time, audio, membership or advert phrase; a tag list repeats
 * a word without any punctuation. Markers are matched case-folded (NFKC
 * case fold), so one list serves every script's capitalisation. When the
 * title fails, the first sentence of the first paragraph that passes the
 * same tests is used, its leading dateline ("ALMATY, Jan 5 (Reuters) -")
 * cut off, and the sentence cut at a word boundary. */
#include "clean/headline.h"

#include <string.h>
#include <unicode/uchar.h>

#include "core/buf.h"
#include "entity/dates.h"
#include "text/tokens.h"
#include "text/unicode.h"

#define MAX_DATES 16

/* Markers of a picture credit or of a caption that carries one. */
static const char *const credit_marks[] = {
    "photo:", "photo :", "photos:", "foto:", "fotos:", "фото:", "фото :",
    "fotoğraf:", "fotoğraf :", "fotografia:", "image:", "images", "credit:",
    "crédit", "©", "(c) ", "getty", "shutterstock", "/afp", "(afp",
    "/reuters", "(reuters)", "reuters (", "/epa", "/ap ", "资料图", "图片来源",
    "圖片來源", "사진=", "사진:", "写真:", "źródło:", "quelle:", "bild:",
    "bildquelle", "صورة:", "عکس:", "φωτογραφία:", "світлина:", NULL};

/* Reporters named under or over a text. */
static const char *const byline_marks[] = {
    "記者", "记者", "기자 =", "reporter:", "correspondent:", "staff writer",
    "автор:", "corresponsal:", "redaktion:", NULL};

/* A line that starts so and is short is a byline ("By Jane Roe"). */
static const char *const byline_starts[] = {
    "by ", "par ", "por ", "door ", "av ", "text:", "texto:", "●", NULL};

/* Site furniture that title extraction can pick up. */
static const char *const furniture_marks[] = {
    "reading time", "min read", "minute read", "lesezeit", "temps de lecture",
    "tiempo de lectura", "tempo di lettura", "время чтения", "час читання",
    "audio is created", "listen to this", "listen to article", "subscribe",
    "sign up", "newsletter", "cookie", "advertisement", "werbung",
    "publicité", "publicidad", "read more", "weiterlesen", "lire aussi",
    "leggi anche", "leia também", "fournie par", "skip to", "all rights",
    "read this article in", "this article is also available", "privacy",
    "datenschutz", "confidentialité", "隱私", "隐私", "개인정보",
    "tous droits", "alle rechte", "todos los derechos", "javascript",
    NULL};
static const char *const furniture_starts[] = {"become a", "join us",
                                               "follow us", NULL};

/* Words a dateline is built from besides dates and numbers. */
static const char *const dateline_words[] = {
    "updated",    "update",     "published",   "posted",      "last",
    "modified",   "stand",      "uhr",         "am",          "pm",
    "gmt",        "utc",        "est",         "edt",         "cet",
    "cest",       "msk",        "amt",         "ist",         "jst",
    "kst",        "bst",        "aktualisiert", "veröffentlicht", "mis",
    "jour",       "publié",     "publicado",   "actualizado", "atualizado",
    "aggiornato", "pubblicato", "обновлено",   "опубликовано", "оновлено",
    "опубліковано", "güncelleme", "güncellendi", "yayınlanma",
    "zaktualizowano", "opublikowano", "today",  "yesterday",   "heute",
    "gestern",    "ago",        "hours",       "minutes",     "h",
    "min",        "vor",        "stunden",     "time",        "date",
    "更新",       "公開",       "发布",         "發佈",         "업데이트",
    "입력",       "수정",       NULL};

static int has_any(const char *folded, const char *const *marks)
{
    for (const char *const *m = marks; *m; m++)
        if (strstr(folded, *m))
            return 1;
    return 0;
}

static int starts_any(const char *folded, const char *const *marks)
{
    for (const char *const *m = marks; *m; m++)
        if (strncmp(folded, *m, strlen(*m)) == 0)
            return 1;
    return 0;
}

static int in_list(const char *w, const char *const *list)
{
    for (const char *const *m = list; *m; m++)
        if (strcmp(w, *m) == 0)
            return 1;
    return 0;
}

/* A time of day, "19:00" or "2:48". */
static int has_time(const char *s, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == ':' && s[i - 1] >= '0' && s[i - 1] <= '9' &&
            s[i + 1] >= '0' && s[i + 1] <= '5' && s[i + 2] >= '0' &&
            s[i + 2] <= '9')
            return 1;
    return 0;
}

static int has_punct(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = td__utf8_next(s, n, &i);
        if (u_ispunct((UChar32)c) && c != '-')
            return 1;
    }
    return 0;
}

static size_t letters(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c = td__utf8_next(s, n, &i);
        k += u_isalpha((UChar32)c) != 0;
    }
    return k;
}

/* Blanks the byte spans of the dates found in s (a copy), so that what is
 * left can be counted as words. Returns how many dates there were. */
static size_t blank_dates(char *s, size_t n, const char *lang)
{
    td__date_hit hits[MAX_DATES];
    size_t k = td__dates_find(s, n, lang, NULL, hits, MAX_DATES);
    if (k > MAX_DATES)
        k = MAX_DATES;
    for (size_t i = 0; i < k; i++)
        if (hits[i].off + hits[i].len <= n)
            memset(s + hits[i].off, ' ', hits[i].len);
    return k;
}

/* Dateline: dates, times and numbers with at most one word that is not a
 * dateline word or stop word. -1 when the tokeniser ran out of memory. */
static int is_dateline(const char *s, size_t n, const char *lang)
{
    /* Every dateline has a digit; most headlines have none, and the date
     * finder (all languages' month names) is the costly part. */
    if (!memchr(s, '0', n) && !memchr(s, '1', n) && !memchr(s, '2', n) &&
        !memchr(s, '3', n) && !memchr(s, '4', n) && !memchr(s, '5', n) &&
        !memchr(s, '6', n) && !memchr(s, '7', n) && !memchr(s, '8', n) &&
        !memchr(s, '9', n))
        return 0;
    td__buf b = TD__BUF_INIT;
    if (td__buf_append(&b, s, n) != 0)
        return -1;
    size_t dates = blank_dates(b.p, n, lang);
    int timed = has_time(s, n);
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(b.p, n, lang, &t) != TD_OK) {
        td__buf_free(&b);
        return -1;
    }
    size_t numbers = 0, content = 0;
    for (size_t i = 0; i < t.n; i++) {
        const td__token *k = &t.v[i];
        if (k->flags & TD_TOKEN_NUMBER) {
            numbers++;
            continue;
        }
        if (k->flags & TD_TOKEN_STOP)
            continue;
        if (in_list(k->norm, dateline_words))
            continue;
        /* A token that mixes digits and letters ("12h30", "2020年") is
         * a time or a date, not a word. */
        int digit = 0;
        for (const char *c = k->norm; *c; c++)
            digit |= *c >= '0' && *c <= '9';
        if (digit) {
            numbers++;
            continue;
        }
        content++;
    }
    td__tokens_free(&t);
    td__buf_free(&b);
    return (dates || timed || numbers >= 2) && content <= 1;
}

/* A word of four letters or more written twice, with no punctuation at
 * all: a list of tags, not a sentence. */
static int is_tag_list(const char *s, size_t n, const char *lang)
{
    if (has_punct(s, n))
        return 0;
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(s, n, lang, &t) != TD_OK)
        return 0;
    int rep = 0;
    for (size_t i = 0; i < t.n && !rep; i++) {
        if (!(t.v[i].flags & TD_TOKEN_WORD) || t.v[i].flags & TD_TOKEN_IDEO ||
            letters(t.v[i].norm, strlen(t.v[i].norm)) < 4)
            continue;
        for (size_t j = i + 1; j < t.n && !rep; j++)
            rep = strcmp(t.v[i].norm, t.v[j].norm) == 0;
    }
    td__tokens_free(&t);
    return rep;
}

static size_t word_count(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ' || s[i] == '\t';
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

const char *td__headline_reject(const char *title, size_t len,
                                const char *lang)
{
    while (len && (*title == ' ' || *title == '\t'))
        title++, len--;
    while (len && (title[len - 1] == ' ' || title[len - 1] == '\t'))
        len--;
    if (!title || !len || !td__utf8_valid(title, len, NULL))
        return "empty";
    if (letters(title, len) < 4)
        return "empty";
    td__buf f = TD__BUF_INIT;
    if (td__normalize(title, len, TD__NFKC_CASEFOLD, &f) != 0 ||
        td__buf_putc(&f, '\0') != 0) {
        td__buf_free(&f);
        return NULL; /* cannot tell without memory: keep the title */
    }
    const char *why = NULL;
    if (has_any(f.p, credit_marks))
        why = "credit";
    else if (has_any(f.p, byline_marks) ||
             (starts_any(f.p, byline_starts) && word_count(title, len) <= 6))
        why = "byline";
    else if (has_any(f.p, furniture_marks) ||
             starts_any(f.p, furniture_starts))
        why = "furniture";
    else if ((title[0] == '(' && title[len - 1] == ')') ||
             (title[0] == '[' && title[len - 1] == ']'))
        why = "furniture"; /* "(Update after ...)": a note, not a title */
    else if (is_dateline(title, len, lang) == 1)
        why = "dateline";
    else if (is_tag_list(title, len, lang))
        why = "tag list";
    td__buf_free(&f);
    return why;
}

/* Length of s without a truncated code point at its end (a title cut by
 * bytes upstream). */
static size_t whole_utf8(const char *s, size_t n)
{
    size_t bad;
    while (n && !td__utf8_valid(s, n, &bad))
        n = bad;
    return n;
}

/* Copies s[0..n) into out (cap), cut at a word boundary to at most max
 * code points with an ellipsis when cut. */
static void put_cut(const char *s, size_t n, size_t max, char *out,
                    size_t cap)
{
    size_t i = 0, cps = 0, last_space = 0, at_max = n;
    while (i < n) {
        if (cps == max - 1 && at_max == n)
            at_max = i;
        size_t before = i;
        uint32_t c = td__utf8_next(s, n, &i);
        if (c == ' ' && cps < max - 1)
            last_space = before;
        cps++;
    }
    size_t keep = n;
    int cut = 0;
    if (cps > max) {
        /* Cut on a space when one falls in the second half, else (CJK,
         * Thai: no spaces) on a code point. */
        keep = last_space > at_max / 2 ? last_space : at_max;
        cut = 1;
    }
    while (keep && (s[keep - 1] == ' ' || s[keep - 1] == ',' ||
                    s[keep - 1] == ';' || s[keep - 1] == ':'))
        keep--;
    size_t room = cap - 1 - (cut ? 3 : 0);
    if (keep > room)
        keep = whole_utf8(s, room);
    memcpy(out, s, keep);
    if (cut)
        memcpy(out + keep, "\xE2\x80\xA6", 3);
    out[keep + (cut ? 3 : 0)] = '\0';
}

/* End of the first sentence of p[0..n): after ". ", "! ", "? " (not after
 * one capital, as in "U.S."), or a full-width or Devanagari stop. */
static size_t sentence_end(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == n || p[i + 1] == ' ')) {
            if (c == '.' && i >= 1 && p[i - 1] >= 'A' && p[i - 1] <= 'Z' &&
                (i == 1 || p[i - 2] == ' ' || p[i - 2] == '.'))
                continue;
            if (i >= 20)
                return i + 1;
        }
        if (i + 3 <= n && (memcmp(p + i, "\xE3\x80\x82", 3) == 0 || /* 。 */
                           memcmp(p + i, "\xEF\xBC\x81", 3) == 0 || /* ！ */
                           memcmp(p + i, "\xEF\xBC\x9F", 3) == 0 || /* ？ */
                           memcmp(p + i, "\xE0\xA5\xA4", 3) == 0))  /* । */
            return i + 3;
    }
    return n;
}

/* Skips a leading dateline ("ALMATY, Jan 5 (Reuters) - "): a short prefix
 * before a dash that holds digits, a bracket or only capitals. */
static size_t skip_dateline(const char *p, size_t n)
{
    static const char *const dashes[] = {" - ", " \xE2\x80\x94 ",
                                         " \xE2\x80\x93 ", " = ", NULL};
    size_t best = 0;
    /* "(Seoul=Yonhap) ..." : an agency in brackets before the text. */
    if (n && p[0] == '(') {
        const char *close = memchr(p, ')', n < 60 ? n : 60);
        if (close && (size_t)(close - p) + 2 < n && close[1] == ' ') {
            size_t k = (size_t)(close - p) + 2;
            return k + skip_dateline(p + k, n - k);
        }
    }
    for (const char *const *d = dashes; *d; d++) {
        size_t dl = strlen(*d);
        for (size_t i = 0; i + dl <= n && i < 80; i++) {
            if (memcmp(p + i, *d, dl) != 0)
                continue;
            int digits = 0, bracket = 0, lower = 0;
            for (size_t j = 0; j < i; j++) {
                digits |= p[j] >= '0' && p[j] <= '9';
                bracket |= p[j] == '(';
                lower |= p[j] >= 'a' && p[j] <= 'z';
            }
            if ((digits || bracket || !lower) && word_count(p, i) <= 8 &&
                (!best || i + dl < best))
                best = i + dl;
            break;
        }
    }
    return best;
}

/* Drops a trailing segment after " | ", " - " or " – " that is only a
 * dateline ("... | 21.04.2025", "... Stand: 10.06.2024 03:15 Uhr" after a
 * separator): the headline is the part before it. */
static size_t strip_dated_tail(const char *s, size_t n, const char *lang)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", NULL};
    for (const char *const *sep = seps; *sep; sep++) {
        size_t sl = strlen(*sep);
        for (size_t i = n >= sl ? n - sl : 0; i > 0; i--) {
            if (memcmp(s + i, *sep, sl) != 0)
                continue;
            if (is_dateline(s + i + sl, n - i - sl, lang) == 1 &&
                letters(s, i) >= 8)
                return i;
            break;
        }
    }
    return n;
}

int td__headline(const char *title, const char *text, const char *lang,
                 char *out, size_t cap)
{
    if (!out || cap < 8)
        return 0;
    out[0] = '\0';
    if (title) {
        size_t n = whole_utf8(title, strlen(title));
        while (n && (*title == ' ' || *title == '\t'))
            title++, n--;
        while (n && (title[n - 1] == ' ' || title[n - 1] == '\t'))
            n--;
        n = strip_dated_tail(title, n, lang);
        if (n && !td__headline_reject(title, n, lang)) {
            /* A given title is kept whole unless it runs on for more than
             * twice the lead-sentence limit. */
            put_cut(title, n, 2 * TD__HEADLINE_MAX, out, cap);
            return 2;
        }
    }
    if (!text)
        return 0;
    const char *p = text;
    for (int paras = 0; *p && paras < 12; paras++) {
        size_t n = strcspn(p, "\n");
        const char *next = p + n + (p[n] == '\n');
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        size_t skip = skip_dateline(p, n);
        const char *s = p + skip;
        size_t sn = sentence_end(s, n - skip);
        while (sn && s[sn - 1] == ' ')
            sn--;
        if (sn && word_count(s, sn) >= 3 && !td__headline_reject(s, sn, lang)) {
            put_cut(s, sn, TD__HEADLINE_MAX, out, cap);
            return 1;
        }
        /* CJK leads have no spaces: one long enough sentence will do. */
        if (sn && letters(s, sn) >= 8 && word_count(s, sn) < 3 &&
            !td__headline_reject(s, sn, lang)) {
            put_cut(s, sn, TD__HEADLINE_MAX, out, cap);
            return 1;
        }
        p = next;
    }
    return 0;
}
