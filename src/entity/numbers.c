/* numbers.c -- numbers with their units in text (td__numbers_find).
 *
 * A number is a run of ASCII digits with separators between digit groups.
 * A separator ('.', ',', '\'', a space, U+00A0, U+202F, U+2009) followed by
 * exactly three digits, after a first group of one to three digits that is
 * not "0", groups thousands and is dropped: "4.404", "4,404", "4 404" ->
 * "4404". When a number has two kinds of separator, the last one is the
 * decimal point ("1.234,5" and "1,234.5" -> "1234.5"); any other '.' or ','
 * between digits is a decimal point, written '.': "81,31" -> "81.31". A
 * space only ever groups.
 *
 * The unit, kept simple on purpose:
 *   - '%' right after the number or after one space, or a word for per
 *     cent (percent, per cent, Prozent, процентов, ...) -> "%";
 *   - letters glued to the digits ("81enne", "5km") -> those letters
 *     folded; English, French and Romance ordinal endings are not units;
 *   - a hyphen and words joined by hyphens ("81-year-old") -> those words;
 *   - else the next word, folded with NFKC_Casefold, when it is made of
 *     letters only and is not a stop word of lang (nor of English when
 *     lang is unknown; see not_units for which stop words count) nor a
 *     month or weekday name: "4.404 pessoas", "81 anni".
 * Digits glued to letters before them ("G7", "COVID-19") are not numbers. */
#include "entity/dates.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/buf.h"
#include "entity/datewords.h"
#include "text/tokens.h"
#include "text/unicode.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Length of a grouping or decimal separator at s[i] (0 if none). */
static size_t sep_at(const char *s, size_t n, size_t i, int *space)
{
    *space = 0;
    if (i >= n)
        return 0;
    if (s[i] == '.' || s[i] == ',' || s[i] == '\'')
        return 1;
    if (s[i] == ' ') {
        *space = 1;
        return 1;
    }
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
        (unsigned char)s[i + 1] == 0xA0) {
        *space = 1;
        return 2;
    }
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
        (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xAF || (unsigned char)s[i + 2] == 0x89)) {
        *space = 1;
        return 3;
    }
    return 0;
}

static size_t digits_at(const char *s, size_t n, size_t i)
{
    size_t k = i;
    while (k < n && is_digit(s[k]))
        k++;
    return k - i;
}

/* Whether the code point ending right before s[i] is a letter. */
static int letter_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    size_t e = k;
    UChar32 c;
    U8_NEXT(s, e, i, c);
    return c >= 0 && u_isalpha(c);
}

/* Scans the number at s[i] (a digit); writes its value and returns the
 * byte index after it, or 0 when it is not a number we keep. */
static size_t scan_number(const char *s, size_t n, size_t i, char *value,
                          size_t cap)
{
    struct {
        char sep; /* '.', ',', '\'', ' ' or 0 before the first group */
        size_t from, ndig;
    } g[16];
    size_t ng = 0, k = i;
    g[0].sep = 0, g[0].from = i, g[0].ndig = digits_at(s, n, i);
    k = i + g[0].ndig;
    ng = 1;
    for (;;) {
        int space;
        size_t sl = sep_at(s, n, k, &space);
        size_t d = sl ? digits_at(s, n, k + sl) : 0;
        if (!sl || !d || ng == sizeof g / sizeof g[0])
            break;
        /* A space groups only before exactly three digits and after a
         * short first group ("in 2021 300 people" stays two numbers). */
        if (space && (d != 3 || g[0].ndig > 3))
            break;
        g[ng].sep = space ? ' ' : s[k];
        g[ng].from = k + sl;
        g[ng].ndig = d;
        ng++;
        k += sl + d;
    }
    /* A trailing separator plus digits glued on ("1.2.3", versions) or a
     * group after a decimal part: keep the plain reading anyway. */
    char last_kind = 0; /* the separator seen last among '.' and ',' */
    int two_kinds = 0;
    for (size_t x = 1; x < ng; x++) {
        if (g[x].sep == '.' || g[x].sep == ',') {
            if (last_kind && last_kind != g[x].sep)
                two_kinds = 1;
            last_kind = g[x].sep;
        }
    }
    int zero_lead = g[0].ndig == 1 && s[g[0].from] == '0';
    size_t o = 0;
    int decimal = 0;
    for (size_t x = 0; x < ng; x++) {
        int group;
        if (x == 0)
            group = 1;
        else if (g[x].sep == ' ' || g[x].sep == '\'')
            group = 1;
        else if (two_kinds)
            group = !(x == ng - 1 && g[x].sep == last_kind);
        else
            group = g[x].ndig == 3 && g[0].ndig <= 3 && !zero_lead &&
                    !decimal;
        if (!group) {
            if (decimal)
                break; /* "1.5.3": stop at the second point */
            decimal = 1;
            if (o + 1 >= cap)
                return 0;
            value[o++] = '.';
        } else if (decimal && x > 0) {
            break;
        }
        if (o + g[x].ndig >= cap)
            return 0;
        memcpy(value + o, s + g[x].from, g[x].ndig);
        o += g[x].ndig;
        k = g[x].from + g[x].ndig;
    }
    value[o] = '\0';
    return k;
}

static const char *const percent_words[] = {
    "percent", "prozent", "procent", "procento", "procenta", "procentu",
    "процента", "процентов", "процент", "відсотків", "відсотка", "відсоток",
    "pourcent", "percento", "porcentaje", "prosent", "prosenttia",
    "százalék", "τοις"};

static const char *const ordinal_ends[] = {"st", "nd", "rd", "th", "er",
                                           "e", "eme", "o", "a", "º", "ª",
                                           "ος", "η", "ο"};

/* stopwords-iso's lists also hold common nouns ("pessoas", "anni",
 * "people"), just the words that count things. So a stop word is refused
 * as a unit only when it is short (three letters or fewer: "and", "per",
 * "dei") or one of these function words that often follow a number. */
static const char *const not_units[] = {
    "about", "after", "again", "against", "among", "before", "between",
    "from", "into", "less", "more", "most", "only", "over", "than", "that",
    "their", "them", "then", "there", "these", "they", "this", "those",
    "times", "under", "until", "were", "when", "where", "which", "while",
    "with", "would", "della", "delle", "dello", "degli", "alla", "alle",
    "nella", "nelle", "sono", "come", "anche", "dopo", "circa", "oltre",
    "contro", "entre", "sobre", "desde", "hasta", "para", "como", "mais",
    "menos", "pelo", "pela", "dans", "pour", "avec", "sont", "sans", "sous",
    "plus", "moins", "apres", "avant", "eine", "einer", "einem", "einen",
    "oder", "aber", "nach", "über", "unter", "mehr", "seit", "gegen", "если",
    "более", "менее", "около", "после", "через", "между", "чтобы", "тогда"};

static int in_list(const char *w, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(w, list[i]) == 0)
            return 1;
    return 0;
}

/* The letters (and inner hyphens when hyphens) at s[i..): byte length. */
static size_t letters_at(const char *s, size_t n, size_t i, int hyphens)
{
    size_t k = i, end = i;
    while (k < n) {
        size_t at = k;
        UChar32 c;
        U8_NEXT(s, k, n, c);
        if (c >= 0 && (u_isalpha(c) || u_charType(c) == U_NON_SPACING_MARK)) {
            end = k;
            continue;
        }
        if (hyphens && c == '-' && end == at && k < n) {
            size_t k2 = k;
            UChar32 d;
            U8_NEXT(s, k2, n, d);
            if (d >= 0 && u_isalpha(d))
                continue;
        }
        break;
    }
    return end - i;
}

/* NFKC_Casefold of s[0..n) into unit (32 bytes); 0 when too long. */
static int fold_unit(const char *s, size_t n, char unit[32])
{
    td__buf b = TD__BUF_INIT;
    int ok = td__normalize(s, n, TD__NFKC_CASEFOLD, &b) == 0 && b.len > 0 &&
             b.len < 32;
    if (ok)
        memcpy(unit, b.p, b.len + 1);
    td__buf_free(&b);
    return ok;
}

size_t td__numbers_find(const char *text, size_t len, const char *lang,
                        td__number_hit *hits, size_t max)
{
    if (!text || len == 0)
        return 0;
    size_t found = 0, i = 0;
    while (i < len) {
        if (!is_digit(text[i])) {
            i++;
            continue;
        }
        /* Glued to a word before it: "G7", "COVID-19", "A320". */
        size_t before = i;
        if (before > 0 && text[before - 1] == '-')
            before--;
        if (letter_before(text, before) || (i > 0 && is_digit(text[i - 1]))) {
            i += digits_at(text, len, i);
            continue;
        }
        td__number_hit h;
        memset(&h, 0, sizeof h);
        size_t end = scan_number(text, len, i, h.value, sizeof h.value);
        if (!end) {
            i += digits_at(text, len, i);
            continue;
        }
        h.off = i;
        size_t stop = end; /* where the hit's span ends */
        size_t k = end;
        size_t sp = k < len && text[k] == ' ' ? k + 1 : k;
        size_t gl = letters_at(text, len, end, 0);
        if (sp < len && text[sp] == '%') {
            strcpy(h.unit, "%");
            stop = sp + 1;
        } else if (gl > 0) {
            /* "81enne", "5km", but not "1st" or "2nd" */
            char u[32];
            if (fold_unit(text + end, gl, u) &&
                !in_list(u, ordinal_ends,
                         sizeof ordinal_ends / sizeof ordinal_ends[0])) {
                memcpy(h.unit, u, sizeof u);
                stop = end + gl;
            }
        } else if (k < len && text[k] == '-' &&
                   (gl = letters_at(text, len, k + 1, 1)) > 0) {
            char u[32];
            if (fold_unit(text + k + 1, gl, u)) {
                memcpy(h.unit, u, sizeof u);
                stop = k + 1 + gl;
            }
        } else if (sp > k && (gl = letters_at(text, len, sp, 0)) > 0) {
            char u[32];
            if (fold_unit(text + sp, gl, u)) {
                int stop_word = td__is_stopword(lang, u, strlen(u));
                if (!lang || !*lang || strcmp(lang, "und") == 0)
                    stop_word |= td__is_stopword("en", u, strlen(u));
                size_t ulen = strlen(u), cps = 0;
                for (size_t b = 0; b < ulen; b++)
                    cps += ((unsigned char)u[b] & 0xC0) != 0x80;
                if (stop_word && cps > 3 &&
                    !in_list(u, not_units,
                             sizeof not_units / sizeof not_units[0]))
                    stop_word = 0;
                if (in_list(u, percent_words,
                            sizeof percent_words / sizeof percent_words[0])) {
                    strcpy(h.unit, "%");
                    stop = sp + gl;
                } else if (!stop_word && !td__is_date_word(u, strlen(u))) {
                    memcpy(h.unit, u, sizeof u);
                    stop = sp + gl;
                }
            }
        }
        h.len = stop - h.off;
        if (found < max)
            hits[found] = h;
        found++;
        i = end;
    }
    return found;
}
