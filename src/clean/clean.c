/* clean.c -- the cleaning pass: markup, white space, lines, title, date.
 *
 * Order matters: markup goes first (entities can hide white space and tags
 * can hide line breaks), then white space is normalised so that lines can
 * be compared, then each line is judged, then the survivors are joined and
 * put in NFC. */
#include "clean/clean.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "text/unicode.h"

#define NOTE_MAX 300 /* removed text longer than this is abridged */

enum { KEEP = 0, DROP = 1 };

typedef struct line {
    const char *s;
    size_t n;
    size_t words;
    td__line_kind kind;
    int drop;
} line;

int td__cleaned_note(td__cleaned *c, const char *reason, const char *text,
                     size_t len)
{
    if (c->nremoved == c->capremoved) {
        size_t cap = c->capremoved ? c->capremoved * 2 : 8;
        td__removed *v = td__realloc(c->removed, cap * sizeof *v);
        if (!v)
            return -1;
        c->removed = v;
        c->capremoved = cap;
    }
    size_t keep = len;
    if (keep > NOTE_MAX) {
        keep = NOTE_MAX;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep--; /* do not cut a UTF-8 sequence */
    }
    td__buf b = TD__BUF_INIT;
    if (td__buf_append(&b, text, keep) != 0 ||
        (keep < len && td__buf_puts(&b, "…") != 0)) {
        td__buf_free(&b);
        return -1;
    }
    char *copy = td__buf_take(&b);
    if (!copy)
        return -1;
    c->removed[c->nremoved].reason = reason;
    c->removed[c->nremoved].text = copy;
    c->nremoved++;
    return 0;
}

void td__cleaned_free(td__cleaned *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nremoved; i++)
        td__free(c->removed[i].text);
    td__free(c->removed);
    td__free(c->text);
    td__free(c->title);
    td__free(c->date);
    memset(c, 0, sizeof *c);
}

/* One space for any run of white space, line breaks kept (at most one blank
 * line), invisible format characters dropped. ZWJ/ZWNJ stay: Persian and
 * Indic spelling needs them. */
static int normalize_space(const char *s, size_t n, td__buf *out)
{
    size_t i = 0;
    int pending_space = 0, newlines = 0;
    while (i < n) {
        uint32_t c = td__utf8_next(s, n, &i);
        int is_break = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C ||
                       c == 0x85 || c == 0x2028 || c == 0x2029;
        if (c == '\r' && i < n && s[i] == '\n')
            i++;
        if (is_break) {
            pending_space = 0;
            if (newlines < 2 && out->len > 0 &&
                td__buf_putc(out, '\n') != 0)
                return -1;
            newlines++;
            continue;
        }
        if (u_isUWhiteSpace((UChar32)c)) {
            pending_space = 1;
            continue;
        }
        if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            continue;
        if (c != 0x200C && c != 0x200D &&
            u_hasBinaryProperty((UChar32)c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
            continue;
        if (pending_space && newlines == 0 && out->len > 0 &&
            td__buf_putc(out, ' ') != 0)
            return -1;
        pending_space = 0;
        newlines = 0;
        if (td__utf8_put(out, c) != 0)
            return -1;
    }
    return 0;
}

/* Words in a line. Scripts written without spaces (Han, kana, Thai...)
 * count one word per two characters, about their average word length, so
 * that a Chinese paragraph weighs like an English one. */
size_t td__count_words(const char *s, size_t n)
{
    size_t w = 0, dense = 0, i = 0;
    int in = 0;
    while (i < n) {
        uint32_t c = td__utf8_next(s, n, &i);
        if (c == ' ') {
            in = 0;
            continue;
        }
        if (c >= 0x0E00) {
            int lb = u_getIntPropertyValue((UChar32)c, UCHAR_LINE_BREAK);
            if (lb == U_LB_IDEOGRAPHIC || lb == U_LB_COMPLEX_CONTEXT ||
                lb == U_LB_CONDITIONAL_JAPANESE_STARTER) {
                dense++;
                in = 0;
                continue;
            }
        }
        if (!in)
            w++;
        in = 1;
    }
    return w + (dense + 1) / 2;
}

static int ends_sentence(const line *l)
{
    if (l->n == 0)
        return 0;
    char c = l->s[l->n - 1];
    if (c == '.' || c == '!' || c == '?' || c == '"' || c == ')')
        return 1;
    /* closing quotes and the CJK full stop */
    static const char *const ends[] = {"”", "»", "。", "！", "？", NULL};
    for (int k = 0; ends[k]; k++) {
        size_t m = strlen(ends[k]);
        if (l->n >= m && memcmp(l->s + l->n - m, ends[k], m) == 0)
            return 1;
    }
    return 0;
}

/* A line of running text, as opposed to a heading or a label. */
static int is_body(const line *l)
{
    return l->words >= 20 || (l->words >= 8 && ends_sentence(l));
}

static int same_line(const line *a, const line *b)
{
    return a->n == b->n && memcmp(a->s, b->s, a->n) == 0;
}

static int drop_line(td__cleaned *c, line *l, const char *reason)
{
    l->drop = DROP;
    return td__cleaned_note(c, reason, l->s, l->n);
}

/* " date YYYY-MM[-DD]" at the very start of the text. */
static int take_date_marker(line *l, td__cleaned *c)
{
    const char *s = l->s;
    size_t n = l->n, i = 0;
    if (n < 12 || strncasecmp(s, "date ", 5) != 0)
        return 0;
    i = 5;
    while (i < n && s[i] == ' ')
        i++;
    size_t start = i;
    int y = 0, m = 0, d = 0, k;
    for (k = 0; k < 4 && i < n && isdigit((unsigned char)s[i]); k++)
        y = y * 10 + (s[i++] - '0');
    if (k != 4 || i + 3 > n || s[i] != '-')
        return 0;
    i++;
    for (k = 0; k < 2 && i < n && isdigit((unsigned char)s[i]); k++)
        m = m * 10 + (s[i++] - '0');
    if (k != 2 || m < 1 || m > 12)
        return 0;
    if (i + 3 <= n && s[i] == '-' && isdigit((unsigned char)s[i + 1])) {
        size_t save = i++;
        for (k = 0; k < 2 && i < n && isdigit((unsigned char)s[i]); k++)
            d = d * 10 + (s[i++] - '0');
        if (k != 2 || d < 1 || d > 31)
            i = save, d = 0;
    }
    if (i < n && s[i] != ' ')
        return 0;
    char buf[11];
    if (d)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    c->date = td__strdup(buf);
    if (!c->date || td__cleaned_note(c, "date marker", s, i) != 0)
        return -1;
    c->date_source = "marker";
    (void)start;
    while (i < n && s[i] == ' ')
        i++;
    l->s += i;
    l->n -= i;
    l->words = td__count_words(l->s, l->n);
    if (l->n == 0)
        l->drop = DROP;
    return 0;
}

/* A short line opening with a number and a full stop ("3. Anna"): a
 * reply's number in a comment thread, or an item of a numbered list. */
static int numbered(const line *l)
{
    const char *s = l->s;
    size_t n = l->n, i = 0;
    while (i < n && i < 3 && isdigit((unsigned char)s[i]))
        i++;
    return i > 0 && i < n && s[i] == '.' &&
           !(i + 1 < n && isdigit((unsigned char)s[i + 1]));
}

/* Comment threads run to the end of the article: cut at the first comment
 * marker after which markers stay dense. One marker alone (a quoted "Reply"
 * in prose) is not enough. A numbered line never starts the cut: the
 * numbered headings of a list article ("1. Choose the pot") look like
 * reply numbers, and a real thread has a heading or a time stamp too. */
static int cut_comments(line *v, size_t nv, td__cleaned *c)
{
    size_t seen_body = 0;
    for (size_t i = 0; i < nv; i++) {
        if (!v[i].drop && is_body(&v[i]))
            seen_body++;
        int mark = v[i].kind == TD__LINE_COMMENT_HEAD ||
                   (v[i].kind == TD__LINE_COMMENT_MARK && !numbered(&v[i]));
        if (!mark || seen_body == 0)
            continue;
        size_t marks = 0, lines = 0;
        for (size_t j = i; j < nv; j++) {
            lines++;
            if (v[j].kind == TD__LINE_COMMENT_HEAD)
                marks += 2;
            else if (v[j].kind == TD__LINE_COMMENT_MARK)
                marks++;
        }
        if (marks < 2 || marks * 100 < lines * 15)
            continue;
        td__buf b = TD__BUF_INIT;
        int rc = td__buf_printf(&b, "[%zu lines] ", nv - i);
        for (size_t j = i; j < nv && rc == 0 && b.len < NOTE_MAX + 40; j++) {
            if (!v[j].drop)
                rc = td__buf_append(&b, v[j].s, v[j].n);
            if (rc == 0)
                rc = td__buf_puts(&b, " / ");
            v[j].drop = DROP;
        }
        for (size_t j = i; j < nv; j++)
            v[j].drop = DROP;
        if (rc == 0)
            rc = td__cleaned_note(c, "comments", td__buf_str(&b), b.len);
        td__buf_free(&b);
        return rc;
    }
    return 0;
}

static int drop_furniture(line *v, size_t nv, td__cleaned *c)
{
    for (size_t i = 0; i < nv; i++) {
        if (v[i].drop)
            continue;
        if (v[i].kind == TD__LINE_FURNITURE ||
            v[i].kind == TD__LINE_COMMENT_HEAD) {
            if (drop_line(c, &v[i], "furniture") != 0)
                return -1;
        } else if (v[i].kind == TD__LINE_RELATED) {
            if (drop_line(c, &v[i], "related links") != 0)
                return -1;
            /* The link titles listed under the header: short, unpunctuated. */
            for (size_t j = i + 1; j < nv; j++) {
                if (v[j].drop)
                    continue;
                if (v[j].words >= 15 || ends_sentence(&v[j]))
                    break;
                if (drop_line(c, &v[j], "related links") != 0)
                    return -1;
            }
        }
    }
    return 0;
}

/* Lines that are only a date and time ("05:37 GMT 21.11.2022"): furniture,
 * but the date is worth keeping when there is no better one. */
static int drop_datelines(line *v, size_t nv, td__cleaned *c)
{
    for (size_t i = 0; i < nv; i++) {
        if (v[i].drop)
            continue;
        char date[11];
        int r = td__dateline(v[i].s, v[i].n, date);
        if (!r)
            continue;
        if (r == 2 && !c->date) {
            c->date = td__strdup(date);
            if (!c->date)
                return -1;
            c->date_source = "dateline";
        }
        if (drop_line(c, &v[i], "dateline") != 0)
            return -1;
    }
    return 0;
}

static int drop_repeats(line *v, size_t nv, td__cleaned *c)
{
    for (size_t i = 1; i < nv; i++) {
        if (v[i].drop)
            continue;
        for (size_t j = 0; j < i; j++) {
            if (!v[j].drop && same_line(&v[i], &v[j])) {
                if (drop_line(c, &v[i], "repeated line") != 0)
                    return -1;
                break;
            }
        }
    }
    return 0;
}

static int is_tag_list(const line *l)
{
    if (!memchr(l->s, ',', l->n) || l->words > 12)
        return 0;
    for (size_t i = 0; i < l->n; i++)
        if (isupper((unsigned char)l->s[i]) || l->s[i] == '.')
            return 0;
    return 1;
}

static int title_candidate(const line *l)
{
    if (l->words < 3 || l->words > 30 || l->n > 300)
        return 0;
    char last = l->s[l->n - 1];
    return last != '.' && last != ',' && last != ';';
}

/* How much a header line looks like the title: sites often print the title
 * twice (page and article heading); labels like "3 MIN READ" are short and
 * shouted. */
static int title_score(const line *v, size_t nv, size_t i)
{
    const line *l = &v[i];
    int score = l->words >= 5;
    for (size_t j = 0; j < nv; j++)
        if (j != i && same_line(&v[j], l)) {
            score += 2;
            break;
        }
    int upper = 0, lower = 0;
    for (size_t k = 0; k < l->n; k++) {
        upper += isupper((unsigned char)l->s[k]) != 0;
        lower += islower((unsigned char)l->s[k]) != 0;
    }
    if (upper >= 3 && lower == 0)
        score -= 2;
    return score;
}

/* The header: lines before the first line of running text. The title is
 * its most title-like line; labels and tag lists around it go. An article
 * without running text keeps all its lines. */
static int find_title(line *v, size_t nv, const char *given, td__cleaned *c)
{
    size_t body = nv;
    for (size_t i = 0; i < nv; i++)
        if (!v[i].drop && is_body(&v[i])) {
            body = i;
            break;
        }
    if (given) {
        size_t gn = strlen(given);
        for (size_t i = 0; i < nv && i <= body; i++)
            if (!v[i].drop && v[i].n == gn &&
                strncasecmp(v[i].s, given, gn) == 0 &&
                drop_line(c, &v[i], "title") != 0)
                return -1;
        return 0;
    }
    if (body == nv)
        return 0;
    size_t best = nv;
    int best_score = -100;
    for (size_t i = 0; i < body; i++) {
        if (v[i].drop || !title_candidate(&v[i]))
            continue;
        int sc = title_score(v, nv, i);
        if (sc > best_score)
            best = i, best_score = sc;
    }
    if (best < nv) {
        line *t = &v[best];
        c->title = td__strndup(t->s, t->n);
        if (!c->title || drop_line(c, t, "title") != 0)
            return -1;
        for (size_t j = best + 1; j < nv; j++)
            if (!v[j].drop && same_line(&v[j], t) &&
                drop_line(c, &v[j], "title") != 0)
                return -1;
    }
    for (size_t i = 0; i < body; i++) {
        line *l = &v[i];
        if (l->drop)
            continue;
        int label = l->words <= 2 || (best < nv && i < best && l->words <= 4);
        if ((label || is_tag_list(l)) && drop_line(c, l, "furniture") != 0)
            return -1;
    }
    return 0;
}

static int split_lines(const td__buf *b, line **out, size_t *nout)
{
    size_t cap = 16, n = 0;
    line *v = td__malloc(cap * sizeof *v);
    if (!v)
        return -1;
    const char *s = td__buf_str(b), *end = s + b->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        const char *a = s, *z = e;
        while (a < z && *a == ' ')
            a++;
        while (z > a && z[-1] == ' ')
            z--;
        if (z > a) {
            if (n == cap) {
                line *w = td__realloc(v, cap * 2 * sizeof *v);
                if (!w) {
                    td__free(v);
                    return -1;
                }
                v = w, cap *= 2;
            }
            v[n].s = a;
            v[n].n = (size_t)(z - a);
            v[n].words = td__count_words(a, v[n].n);
            v[n].kind = TD__LINE_TEXT;
            v[n].drop = KEEP;
            n++;
        }
        s = e + 1;
    }
    *out = v;
    *nout = n;
    return 0;
}

static int clean_lines(td__buf *spaced, const char *given_title,
                       td__cleaned *c)
{
    line *v = NULL;
    size_t nv = 0;
    if (split_lines(spaced, &v, &nv) != 0)
        return -1;
    int rc = 0;
    if (nv > 0)
        rc = take_date_marker(&v[0], c);
    for (size_t i = 0; rc == 0 && i < nv; i++)
        if (!v[i].drop)
            v[i].kind = td__classify_line(v[i].s, v[i].n);
    if (rc == 0)
        rc = cut_comments(v, nv, c);
    if (rc == 0)
        rc = drop_furniture(v, nv, c);
    if (rc == 0)
        rc = drop_datelines(v, nv, c);
    if (rc == 0)
        rc = find_title(v, nv, given_title, c);
    if (rc == 0)
        rc = drop_repeats(v, nv, c);

    td__buf joined = TD__BUF_INIT;
    for (size_t i = 0; rc == 0 && i < nv; i++) {
        if (v[i].drop)
            continue;
        if (joined.len)
            rc = td__buf_putc(&joined, '\n');
        if (rc == 0)
            rc = td__buf_append(&joined, v[i].s, v[i].n);
    }
    td__free(v);
    td__buf nfc = TD__BUF_INIT;
    if (rc == 0)
        rc = td__normalize(td__buf_str(&joined), joined.len, TD__NFC, &nfc);
    td__buf_free(&joined);
    if (rc == 0) {
        c->text = td__buf_take(&nfc);
        if (!c->text)
            rc = -1;
    }
    td__buf_free(&nfc);
    return rc;
}

td_status td__clean(const char *raw, size_t len, const char *given_title,
                    td__cleaned *out)
{
    td__cleaned c;
    memset(&c, 0, sizeof c);
    td__buf stripped = TD__BUF_INIT, spaced = TD__BUF_INIT;
    int rc = td__strip_markup(raw, len, &stripped, &c);
    if (rc == 0)
        rc = normalize_space(td__buf_str(&stripped), stripped.len, &spaced);
    td__buf_free(&stripped);
    if (rc == 0)
        rc = clean_lines(&spaced, given_title, &c);
    td__buf_free(&spaced);
    if (rc == 0 && c.title) {
        /* the title is NFC like the text */
        td__buf t = TD__BUF_INIT;
        rc = td__normalize(c.title, strlen(c.title), TD__NFC, &t);
        if (rc == 0) {
            td__free(c.title);
            c.title = td__buf_take(&t);
            rc = c.title ? 0 : -1;
        }
        td__buf_free(&t);
    }
    if (rc != 0) {
        td__cleaned_free(&c);
        memset(out, 0, sizeof *out);
        return TD_ENOMEM;
    }
    *out = c;
    return TD_OK;
}
