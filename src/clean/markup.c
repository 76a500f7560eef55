/* markup.c -- markup remnants in text: tags, entities, stray brackets.
 *
 * Text scraped from the web keeps pieces of HTML: "< /p>", "<br/>",
 * "&nbsp;", "&#8217;", a lone ">" left from a link. Only names that libxml2
 * knows as HTML tags are stripped, so "a <b" in prose or "x < 5" survive. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "clean/clean.h"
#include "core/buf.h"
#include "text/unicode.h"

/* Tags after which text continues on a new line. */
static int is_block_tag(const char *name)
{
    static const char *const block[] = {
        "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
        "h6", "tr", "table", "blockquote", "section", "article", "header",
        "footer", "hr", "pre", "figure", "figcaption", "dd", "dt", "aside",
        "nav", "main", "form", "title", NULL};
    for (int i = 0; block[i]; i++)
        if (strcmp(name, block[i]) == 0)
            return 1;
    return 0;
}

static const char *find(const char *s, size_t n, size_t from, const char *pat)
{
    size_t m = strlen(pat);
    for (size_t i = from; i + m <= n; i++)
        if (strncasecmp(s + i, pat, m) == 0)
            return s + i;
    return NULL;
}

/* Tries to read a tag at s[i] == '<'. Returns its length (through '>') or
 * 0 when it is not a known HTML tag. name receives its lowercase name. */
static size_t read_tag(const char *s, size_t n, size_t i, char name[16],
                       int *closing)
{
    size_t j = i + 1;
    while (j < n && s[j] == ' ')
        j++;
    *closing = 0;
    if (j < n && s[j] == '/') {
        *closing = 1;
        j++;
        while (j < n && s[j] == ' ')
            j++;
    }
    size_t k = 0;
    while (j < n && k < 15 && isalnum((unsigned char)s[j]))
        name[k++] = (char)tolower((unsigned char)s[j++]);
    name[k] = '\0';
    if (k == 0 || k == 15 || !isalpha((unsigned char)name[0]))
        return 0;
    if (j < n && !(s[j] == '>' || s[j] == ' ' || s[j] == '/' ||
                   s[j] == '\t' || s[j] == '\n'))
        return 0;
    if (!htmlTagLookup((const xmlChar *)name))
        return 0;
    /* The tag must close soon, on the same line, before another '<'. */
    for (size_t e = j; e < n && e < j + 2000; e++) {
        if (s[e] == '>')
            return e - i + 1;
        if (s[e] == '<' || s[e] == '\n')
            return 0;
    }
    return 0;
}

/* Reads an entity at s[i] == '&'. Returns its length and the code point,
 * or 0 when it is not a valid entity. */
static size_t read_entity(const char *s, size_t n, size_t i, uint32_t *cp)
{
    size_t j = i + 1;
    if (j < n && s[j] == '#') {
        j++;
        int hex = j < n && (s[j] == 'x' || s[j] == 'X');
        if (hex)
            j++;
        uint32_t v = 0;
        size_t digits = 0;
        while (j < n && digits < 8 &&
               (hex ? isxdigit((unsigned char)s[j])
                    : isdigit((unsigned char)s[j]))) {
            int d = isdigit((unsigned char)s[j])
                        ? s[j] - '0'
                        : tolower((unsigned char)s[j]) - 'a' + 10;
            v = v * (hex ? 16 : 10) + (uint32_t)d;
            j++, digits++;
        }
        if (!digits || j >= n || s[j] != ';')
            return 0;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        *cp = v;
        return j - i + 1;
    }
    char name[33];
    size_t k = 0;
    while (j < n && k < 32 && isalnum((unsigned char)s[j]))
        name[k++] = s[j++];
    name[k] = '\0';
    if (!k || j >= n || s[j] != ';')
        return 0;
    const htmlEntityDesc *d = htmlEntityLookup((const xmlChar *)name);
    if (!d)
        return 0;
    *cp = d->value;
    return j - i + 1;
}

static int is_space_or_edge(const char *s, size_t n, size_t i)
{
    return i >= n || s[i] == ' ' || s[i] == '\t' || s[i] == '\n';
}

/* A lone '<' or '>' between words is a broken tag; between numbers it is a
 * comparison and stays. */
static int is_stray_bracket(const char *s, size_t n, size_t i)
{
    int before_ok = i == 0 || is_space_or_edge(s, n, i - 1);
    if (!before_ok || !is_space_or_edge(s, n, i + 1))
        return 0;
    size_t p = i;
    while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
        p--;
    if (p > 0 && isdigit((unsigned char)s[p - 1]))
        return 0;
    size_t q = i + 1;
    while (q < n && (s[q] == ' ' || s[q] == '\t'))
        q++;
    if (q < n && (isdigit((unsigned char)s[q]) || s[q] == '-'))
        return 0;
    return 1;
}

int td__strip_markup(const char *s, size_t n, td__buf *out, td__cleaned *c)
{
    size_t i = 0;
    while (i < n) {
        char ch = s[i];
        if (ch == '<' && i + 3 < n && strncmp(s + i, "<!--", 4) == 0) {
            const char *end = find(s, n, i + 4, "-->");
            size_t len = end ? (size_t)(end - (s + i)) + 3 : n - i;
            if (td__cleaned_note(c, "markup", s + i, len) != 0)
                return -1;
            i += len;
            continue;
        }
        if (ch == '<') {
            char name[16];
            int closing;
            size_t len = read_tag(s, n, i, name, &closing);
            if (len) {
                /* Script and style bodies are code, not text. */
                if (!closing &&
                    (strcmp(name, "script") == 0 ||
                     strcmp(name, "style") == 0)) {
                    const char *end = find(s, n, i + len,
                                           name[1] == 'c' ? "</script"
                                                          : "</style");
                    if (end) {
                        const char *gt = memchr(end, '>', (size_t)(s + n - end));
                        len = (size_t)((gt ? gt + 1 : s + n) - (s + i));
                    }
                }
                if (td__cleaned_note(c, "markup", s + i, len) != 0)
                    return -1;
                if (td__buf_putc(out, is_block_tag(name) ? '\n' : ' ') != 0)
                    return -1;
                i += len;
                continue;
            }
        }
        if ((ch == '<' || ch == '>') && is_stray_bracket(s, n, i)) {
            if (td__cleaned_note(c, "markup", s + i, 1) != 0)
                return -1;
            i++;
            continue;
        }
        if (ch == '&') {
            uint32_t cp;
            size_t len = read_entity(s, n, i, &cp);
            if (len) {
                if (td__utf8_put(out, cp) != 0)
                    return -1;
                i += len;
                continue;
            }
        }
        if (td__buf_putc(out, ch) != 0)
            return -1;
        i++;
    }
    return 0;
}
