/* jsonl.c -- JSON Lines: one article object a line.
 *
 * Every line is judged on its own: a bad line is reported with its number
 * and the reason, and the lines after it are still read. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

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
    json_t *obj = json_loadb(line, n, JSON_ALLOW_NUL, &err);
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
    if (!json_is_object(obj)) {
        s->fail(s, where, TD_EPARSE, "a JSON object expected on each line");
        json_decref(obj);
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
            json_decref(obj);
            return TD_OK;
        }
        if (k == 6)
            in.text_len = len;
        if (k == 7)
            in.html_len = len;
    }
    if (!in.text && !in.html) {
        s->fail(s, where, TD_EINVAL, "no \"text\" or \"html\" field");
        json_decref(obj);
        return TD_OK;
    }
    if (in.text && in.html)
        in.html = NULL, in.html_len = 0; /* the text is already extracted */
    in.name = where;
    td_status st = s->emit(s, &in, where);
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

td_status td__read_jsonl(td__sink *s, const char *name, FILE *f,
                         uint64_t total)
{
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    uint64_t done = 0;
    td_status st = TD_OK;
    ssize_t got;
    while (st == TD_OK && (got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        done += (uint64_t)got;
        size_t n = (size_t)got;
        int terminated = n > 0 && line[n - 1] == '\n';
        if (!blank(line, n))
            st = read_line(s, name, lineno, line, n, !terminated);
        if (s->progress)
            s->progress(s, done, total);
    }
    if (st == TD_OK && ferror(f)) {
        char where[1100];
        snprintf(where, sizeof where, "%s:%ld", name, lineno + 1);
        s->fail(s, where, TD_EIO, "read error");
        st = TD_EIO;
    }
    free(line); /* getline allocates with malloc */
    return st;
}
