/* lines.c -- what kind of line is this: furniture, a comment-thread marker,
 * a dateline, or text.
 *
 * The phrase tables cover the major European languages and Russian; they
 * are written case-folded (ICU NFKC_Casefold) and matched against the folded
 * line, so "READ ALSO:" and "Read also" are one rule. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "clean/clean.h"
#include "core/buf.h"
#include "text/unicode.h"

/* Lines longer than this are prose whatever they start with. */
#define MAX_FURNITURE_BYTES 240
#define MAX_FURNITURE_WORDS 14

typedef struct rule {
    const char *phrase;
    td__line_kind kind;
    int prefix; /* 1: the line may go on after the phrase; 0: whole line */
} rule;

static const rule rules[] = {
    /* photo and source credits */
    {"used photos", TD__LINE_FURNITURE, 1},
    {"photo", TD__LINE_FURNITURE, 0},
    {"photo:", TD__LINE_FURNITURE, 1},
    {"photos:", TD__LINE_FURNITURE, 1},
    {"photo credit", TD__LINE_FURNITURE, 1},
    {"image:", TD__LINE_FURNITURE, 1},
    {"foto:", TD__LINE_FURNITURE, 1},
    {"fotos:", TD__LINE_FURNITURE, 1},
    {"bild:", TD__LINE_FURNITURE, 1},
    {"crédit photo", TD__LINE_FURNITURE, 1},
    {"фото:", TD__LINE_FURNITURE, 1},
    {"source:", TD__LINE_FURNITURE, 1},
    {"fonte:", TD__LINE_FURNITURE, 1},
    {"quelle:", TD__LINE_FURNITURE, 1},
    {"источник:", TD__LINE_FURNITURE, 1},
    /* sharing */
    {"share", TD__LINE_FURNITURE, 0},
    {"share this", TD__LINE_FURNITURE, 1},
    {"share on", TD__LINE_FURNITURE, 1},
    {"share this article", TD__LINE_FURNITURE, 1},
    {"condividi", TD__LINE_FURNITURE, 1},
    {"teilen", TD__LINE_FURNITURE, 0},
    {"artikel teilen", TD__LINE_FURNITURE, 1},
    {"partager", TD__LINE_FURNITURE, 1},
    {"compartir", TD__LINE_FURNITURE, 1},
    {"compartilhar", TD__LINE_FURNITURE, 1},
    {"compartilhe", TD__LINE_FURNITURE, 1},
    {"поделиться", TD__LINE_FURNITURE, 1},
    {"udostępnij", TD__LINE_FURNITURE, 1},
    {"delen", TD__LINE_FURNITURE, 0},
    {"tweet", TD__LINE_FURNITURE, 0},
    {"print", TD__LINE_FURNITURE, 0},
    {"drucken", TD__LINE_FURNITURE, 0},
    {"imprimir", TD__LINE_FURNITURE, 0},
    {"imprimer", TD__LINE_FURNITURE, 0},
    {"stampa", TD__LINE_FURNITURE, 0},
    /* subscribing and following */
    {"subscribe", TD__LINE_FURNITURE, 1},
    {"sign up for", TD__LINE_FURNITURE, 1},
    {"newsletter", TD__LINE_FURNITURE, 1},
    {"follow us", TD__LINE_FURNITURE, 1},
    {"iscriviti", TD__LINE_FURNITURE, 1},
    {"seguici", TD__LINE_FURNITURE, 1},
    {"abonnieren", TD__LINE_FURNITURE, 1},
    {"folgen sie uns", TD__LINE_FURNITURE, 1},
    {"abonnez-vous", TD__LINE_FURNITURE, 1},
    {"suivez-nous", TD__LINE_FURNITURE, 1},
    {"suscríbete", TD__LINE_FURNITURE, 1},
    {"síguenos", TD__LINE_FURNITURE, 1},
    {"assine", TD__LINE_FURNITURE, 1},
    {"siga-nos", TD__LINE_FURNITURE, 1},
    {"подписывайтесь", TD__LINE_FURNITURE, 1},
    {"подписаться", TD__LINE_FURNITURE, 1},
    {"obserwuj nas", TD__LINE_FURNITURE, 1},
    /* advertising */
    {"advertisement", TD__LINE_FURNITURE, 0},
    {"advertising", TD__LINE_FURNITURE, 0},
    {"sponsored", TD__LINE_FURNITURE, 0},
    {"anzeige", TD__LINE_FURNITURE, 0},
    {"werbung", TD__LINE_FURNITURE, 0},
    {"pubblicità", TD__LINE_FURNITURE, 0},
    {"publicité", TD__LINE_FURNITURE, 0},
    {"publicidad", TD__LINE_FURNITURE, 0},
    {"publicidade", TD__LINE_FURNITURE, 0},
    {"реклама", TD__LINE_FURNITURE, 0},
    {"reklama", TD__LINE_FURNITURE, 0},
    /* legal and cookies */
    {"all rights reserved", TD__LINE_FURNITURE, 1},
    {"copyright", TD__LINE_FURNITURE, 1},
    {"©", TD__LINE_FURNITURE, 1},
    {"tutti i diritti riservati", TD__LINE_FURNITURE, 1},
    {"alle rechte vorbehalten", TD__LINE_FURNITURE, 1},
    {"tous droits réservés", TD__LINE_FURNITURE, 1},
    {"todos los derechos reservados", TD__LINE_FURNITURE, 1},
    {"todos os direitos reservados", TD__LINE_FURNITURE, 1},
    {"все права защищены", TD__LINE_FURNITURE, 1},
    {"we use cookies", TD__LINE_FURNITURE, 1},
    {"this website uses cookies", TD__LINE_FURNITURE, 1},
    {"this site uses cookies", TD__LINE_FURNITURE, 1},
    {"cookie policy", TD__LINE_FURNITURE, 1},
    {"accept cookies", TD__LINE_FURNITURE, 1},
    {"utilizziamo i cookie", TD__LINE_FURNITURE, 1},
    {"questo sito utilizza cookie", TD__LINE_FURNITURE, 1},
    {"wir verwenden cookies", TD__LINE_FURNITURE, 1},
    {"nous utilisons des cookies", TD__LINE_FURNITURE, 1},
    {"utilizamos cookies", TD__LINE_FURNITURE, 1},
    {"мы используем cookie", TD__LINE_FURNITURE, 1},
    /* reading time */
    {"reading time", TD__LINE_FURNITURE, 1},
    {"temps de lecture", TD__LINE_FURNITURE, 1},
    {"lesezeit", TD__LINE_FURNITURE, 1},
    {"tempo di lettura", TD__LINE_FURNITURE, 1},
    {"tempo de leitura", TD__LINE_FURNITURE, 1},
    {"tiempo de lectura", TD__LINE_FURNITURE, 1},
    {"время чтения", TD__LINE_FURNITURE, 1},
    /* tags */
    {"tags:", TD__LINE_FURNITURE, 1},
    {"tag:", TD__LINE_FURNITURE, 1},
    {"schlagwörter:", TD__LINE_FURNITURE, 1},
    {"etichette:", TD__LINE_FURNITURE, 1},
    {"mots-clés:", TD__LINE_FURNITURE, 1},
    {"etiquetas:", TD__LINE_FURNITURE, 1},
    {"теги:", TD__LINE_FURNITURE, 1},
    {"темы:", TD__LINE_FURNITURE, 1},
    /* related links: the header and the link titles under it go */
    {"read also", TD__LINE_RELATED, 1},
    {"read more", TD__LINE_RELATED, 1},
    {"see also", TD__LINE_RELATED, 1},
    {"related", TD__LINE_RELATED, 0},
    {"related articles", TD__LINE_RELATED, 1},
    {"related news", TD__LINE_RELATED, 1},
    {"related stories", TD__LINE_RELATED, 1},
    {"more news", TD__LINE_RELATED, 1},
    {"more on this", TD__LINE_RELATED, 1},
    {"more stories", TD__LINE_RELATED, 1},
    {"leggi anche", TD__LINE_RELATED, 1},
    {"leggi pure", TD__LINE_RELATED, 1},
    {"argomenti simili", TD__LINE_RELATED, 1},
    {"altre notizie", TD__LINE_RELATED, 1},
    {"articoli correlati", TD__LINE_RELATED, 1},
    {"potrebbe interessarti", TD__LINE_RELATED, 1},
    {"lesen sie auch", TD__LINE_RELATED, 1},
    {"mehr zum thema", TD__LINE_RELATED, 1},
    {"auch interessant", TD__LINE_RELATED, 1},
    {"weitere artikel", TD__LINE_RELATED, 1},
    {"lire aussi", TD__LINE_RELATED, 1},
    {"à lire aussi", TD__LINE_RELATED, 1},
    {"voir aussi", TD__LINE_RELATED, 1},
    {"sur le même sujet", TD__LINE_RELATED, 1},
    {"lea también", TD__LINE_RELATED, 1},
    {"leer más", TD__LINE_RELATED, 1},
    {"te puede interesar", TD__LINE_RELATED, 1},
    {"noticias relacionadas", TD__LINE_RELATED, 1},
    {"leia também", TD__LINE_RELATED, 1},
    {"veja também", TD__LINE_RELATED, 1},
    {"leia mais", TD__LINE_RELATED, 1},
    {"notícias relacionadas", TD__LINE_RELATED, 1},
    {"читайте также", TD__LINE_RELATED, 1},
    {"смотрите также", TD__LINE_RELATED, 1},
    {"по теме", TD__LINE_RELATED, 1},
    {"похожие новости", TD__LINE_RELATED, 1},
    {"другие новости", TD__LINE_RELATED, 1},
    {"czytaj także", TD__LINE_RELATED, 1},
    {"czytaj też", TD__LINE_RELATED, 1},
    {"zobacz też", TD__LINE_RELATED, 1},
    {"lees ook", TD__LINE_RELATED, 1},
    {"bekijk ook", TD__LINE_RELATED, 1},
    /* comment sections */
    {"dear reader, to leave comments", TD__LINE_COMMENT_HEAD, 1},
    {"to leave comments", TD__LINE_COMMENT_HEAD, 1},
    {"comments", TD__LINE_COMMENT_HEAD, 0},
    {"comment", TD__LINE_COMMENT_HEAD, 0},
    {"leave a comment", TD__LINE_COMMENT_HEAD, 1},
    {"leave a reply", TD__LINE_COMMENT_HEAD, 1},
    {"add a comment", TD__LINE_COMMENT_HEAD, 1},
    {"add comment", TD__LINE_COMMENT_HEAD, 1},
    {"commenti", TD__LINE_COMMENT_HEAD, 0},
    {"lascia un commento", TD__LINE_COMMENT_HEAD, 1},
    {"kommentare", TD__LINE_COMMENT_HEAD, 0},
    {"kommentar schreiben", TD__LINE_COMMENT_HEAD, 1},
    {"commentaires", TD__LINE_COMMENT_HEAD, 0},
    {"laisser un commentaire", TD__LINE_COMMENT_HEAD, 1},
    {"comentarios", TD__LINE_COMMENT_HEAD, 0},
    {"escribe un comentario", TD__LINE_COMMENT_HEAD, 1},
    {"comentários", TD__LINE_COMMENT_HEAD, 0},
    {"deixe um comentário", TD__LINE_COMMENT_HEAD, 1},
    {"deixe seu comentário", TD__LINE_COMMENT_HEAD, 1},
    {"комментарии", TD__LINE_COMMENT_HEAD, 0},
    {"оставить комментарий", TD__LINE_COMMENT_HEAD, 1},
    {"komentarze", TD__LINE_COMMENT_HEAD, 0},
    {"reacties", TD__LINE_COMMENT_HEAD, 0},
    /* comment-thread markers */
    {"quote:", TD__LINE_COMMENT_MARK, 1},
    {"цитата:", TD__LINE_COMMENT_MARK, 1},
    {"zitat:", TD__LINE_COMMENT_MARK, 1},
    {"citazione:", TD__LINE_COMMENT_MARK, 1},
    {"cita:", TD__LINE_COMMENT_MARK, 1},
    {"citation:", TD__LINE_COMMENT_MARK, 1},
    {"citação:", TD__LINE_COMMENT_MARK, 1},
    {"cytat:", TD__LINE_COMMENT_MARK, 1},
    {"reply", TD__LINE_COMMENT_MARK, 0},
    {"rispondi", TD__LINE_COMMENT_MARK, 0},
    {"antworten", TD__LINE_COMMENT_MARK, 0},
    {"responder", TD__LINE_COMMENT_MARK, 0},
    {"répondre", TD__LINE_COMMENT_MARK, 0},
    {"ответить", TD__LINE_COMMENT_MARK, 0},
    {"odpowiedz", TD__LINE_COMMENT_MARK, 0},
};

/* Leading bullets, dashes and arrows that decorate furniture lines. */
static size_t skip_decoration(const char *s, size_t n)
{
    static const char *const marks[] = {"•", "·", "►", "▶", "»", "›", "→",
                                        "*", "|", "-", "–", "—", NULL};
    size_t i = 0;
    for (int again = 1; again;) {
        again = 0;
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        for (int k = 0; marks[k]; k++) {
            size_t m = strlen(marks[k]);
            if (i + m <= n && memcmp(s + i, marks[k], m) == 0) {
                i += m;
                again = 1;
                break;
            }
        }
    }
    return i;
}

static int is_time_at(const char *s, size_t n, size_t i)
{
    /* H:MM, HH:MM, and "10: 28" as some comment widgets print it. */
    if (i >= n || !isdigit((unsigned char)s[i]))
        return 0;
    size_t j = i + 1;
    if (j < n && isdigit((unsigned char)s[j]))
        j++;
    if (j >= n || s[j] != ':')
        return 0;
    j++;
    if (j < n && s[j] == ' ')
        j++;
    return j + 1 < n + 1 && j + 2 <= n && isdigit((unsigned char)s[j]) &&
           isdigit((unsigned char)s[j + 1]);
}

/* Author/time-stamp lines of comment widgets: short, with a clock time and a
 * year ("kriten (Vladimir) 8 January 2022 10: 28"). */
static int is_stamp_line(const char *s, size_t n, size_t words)
{
    if (words > 12)
        return 0;
    int time = 0, year = 0;
    for (size_t i = 0; i < n; i++) {
        if (!time && is_time_at(s, n, i) &&
            (i == 0 || !isdigit((unsigned char)s[i - 1])))
            time = 1;
        if (i + 4 <= n && (s[i] == '1' || s[i] == '2') &&
            isdigit((unsigned char)s[i + 1]) &&
            isdigit((unsigned char)s[i + 2]) &&
            isdigit((unsigned char)s[i + 3]) &&
            (i == 0 || !isdigit((unsigned char)s[i - 1])) &&
            (i + 4 == n || !isdigit((unsigned char)s[i + 4])))
            year = 1;
    }
    return time && year;
}

static int has_word(const char *s, size_t n, const char *w)
{
    size_t m = strlen(w);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, w, m) == 0 && (i == 0 || s[i - 1] == ' ') &&
            (i + m == n || s[i + m] == ' '))
            return 1;
    return 0;
}

/* "3 min read", "5 Min. Lesezeit" */
static int is_read_time(const char *f, size_t n, size_t words)
{
    if (words > 4 || n == 0 || !isdigit((unsigned char)f[0]))
        return 0;
    return strstr(f, " min") != NULL &&
           (strstr(f, "read") != NULL || strstr(f, "lesezeit") != NULL ||
            strstr(f, "lecture") != NULL || strstr(f, "lectura") != NULL ||
            strstr(f, "lettura") != NULL || strstr(f, "leitura") != NULL);
}

/* A byline: "By Jane Doe", "Por Jorge Wellington – Domingo, ...",
 * "Von Max Muster". The name after the word must be capitalised (checked on
 * the original line, the folded one has no case). */
static int is_byline(const char *orig, size_t on, const char *f, size_t n,
                     size_t words)
{
    static const char *const by[] = {"by ",  "por ", "von ", "par ", "di ",
                                     "door ", "przez ", "av ", "af ", NULL};
    if (words < 2 || words > 12)
        return 0;
    for (int k = 0; by[k]; k++) {
        size_t m = strlen(by[k]);
        if (n > m && memcmp(f, by[k], m) == 0 && on > m &&
            isupper((unsigned char)orig[m]))
            return 1;
    }
    return 0;
}

static td__line_kind match_rules(const char *f, size_t n, size_t words)
{
    /* Whole-line matches ignore trailing colons, dots and ellipses. */
    size_t core = n;
    while (core > 0 && (f[core - 1] == ':' || f[core - 1] == '.' ||
                        f[core - 1] == ' '))
        core--;
    if (core >= 3 && memcmp(f + core - 3, "…", 3) == 0)
        core -= 3;
    for (size_t k = 0; k < sizeof rules / sizeof rules[0]; k++) {
        const rule *r = &rules[k];
        size_t m = strlen(r->phrase);
        if (!r->prefix) {
            if (core == m && memcmp(f, r->phrase, m) == 0)
                return r->kind;
            continue;
        }
        if (n < m || memcmp(f, r->phrase, m) != 0 ||
            words > MAX_FURNITURE_WORDS)
            continue;
        char next = m < n ? f[m] : '\0';
        if (next == '\0' || next == ' ' || next == ':' || next == ',' ||
            next == '.' || r->phrase[m - 1] == ':' ||
            (unsigned char)next >= 0x80)
            return r->kind;
    }
    return TD__LINE_TEXT;
}

td__line_kind td__classify_line(const char *s, size_t n)
{
    if (n == 0 || n > MAX_FURNITURE_BYTES)
        return TD__LINE_TEXT;
    size_t start = skip_decoration(s, n);
    s += start, n -= start;
    size_t words = td__count_words(s, n);
    if (words == 0)
        return TD__LINE_FURNITURE; /* a line of bullets and dashes */

    td__buf f = TD__BUF_INIT;
    if (td__normalize(s, n, TD__NFKC_CASEFOLD, &f) != 0) {
        td__buf_free(&f);
        return TD__LINE_TEXT; /* out of memory: keep the line */
    }
    /* French typography puts a space before a colon: "Photo : AFP". */
    for (size_t i = 0; i + 1 < f.len; i++)
        if (f.p[i] == ' ' && f.p[i + 1] == ':') {
            memmove(f.p + i, f.p + i + 1, f.len - i);
            f.len--;
        }
    td__line_kind kind = match_rules(f.p, f.len, words);
    if (kind == TD__LINE_TEXT) {
        if (is_read_time(f.p, f.len, words) ||
            is_byline(s, n, f.p, f.len, words))
            kind = TD__LINE_FURNITURE;
        else if (is_stamp_line(f.p, f.len, words))
            kind = TD__LINE_COMMENT_MARK;
        else if (words <= 8 &&
                 (has_word(f.p, f.len, "offline") ||
                  has_word(f.p, f.len, "online")))
            kind = TD__LINE_COMMENT_MARK;
        else if (words <= 6 && f.len > 2 && isdigit((unsigned char)f.p[0]) &&
                 (f.p[1] == '.' ||
                  (isdigit((unsigned char)f.p[1]) && f.p[2] == '.')) &&
                 !isdigit((unsigned char)f.p[f.p[1] == '.' ? 2 : 3]))
            kind = TD__LINE_COMMENT_MARK; /* "1. kriten Offline kriten" */
    }
    td__buf_free(&f);
    return kind;
}

static int parse_num(const char *s, size_t n, size_t *i, int maxdigits)
{
    int v = 0, d = 0;
    while (*i < n && d < maxdigits && isdigit((unsigned char)s[*i]))
        v = v * 10 + (s[(*i)++] - '0'), d++;
    return d ? v : -1;
}

/* A numeric date inside s: YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY. */
static int find_numeric_date(const char *s, size_t n, char date[11])
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) ||
            (i > 0 && isdigit((unsigned char)s[i - 1])))
            continue;
        size_t j = i;
        int a = parse_num(s, n, &j, 4);
        size_t la = j - i;
        if (j >= n || !(s[j] == '-' || s[j] == '.' || s[j] == '/'))
            continue;
        char sep = s[j++];
        int b = parse_num(s, n, &j, 2);
        if (b < 0 || j >= n || s[j] != sep)
            continue;
        j++;
        size_t k = j;
        int c = parse_num(s, n, &j, 4);
        size_t lc = j - k;
        int y, m, d;
        if (la == 4 && lc <= 2)
            y = a, m = b, d = c;
        else if (la <= 2 && lc == 4)
            y = c, m = b, d = a;
        else
            continue;
        if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
            continue;
        snprintf(date, 11, "%04d-%02d-%02d", y, m, d);
        return 1;
    }
    return 0;
}

int td__dateline(const char *s, size_t n, char date[11])
{
    if (n == 0 || n > 80)
        return 0;
    /* Everything must be digits, separators, or short uppercase zone and
     * meridian words (GMT, UTC, MSK, CET, AM, PM). */
    int digits = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (isdigit(c)) {
            digits++;
            i++;
        } else if (strchr(" .:/-,+()", c)) {
            i++;
        } else if (isupper(c)) {
            size_t j = i;
            while (j < n && isupper((unsigned char)s[j]))
                j++;
            if (j - i > 4)
                return 0;
            i = j;
        } else {
            return 0;
        }
    }
    if (digits < 4)
        return 0;
    return find_numeric_date(s, n, date) ? 2 : 1;
}
