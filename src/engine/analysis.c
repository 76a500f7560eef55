/* analysis.c -- td_analyze: validate, extract, clean, identify, tokenise. */
#include "engine/analysis.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/prof.h"
#include "ingest/html.h"
#include "lang/langid.h"
#include "story/features.h"
#include "text/unicode.h"

#define MAX_ID_BYTES 256

/* FNV-1a, 64 bits: stable across runs and machines, which is all a content
 * id needs; collisions at a million articles are ~1e-7 likely. */
static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

td_status td__input_id(const td_input *in, char **out, char reason[256])
{
    char *id = NULL;
    if (in->id) {
        size_t n = strlen(in->id);
        if (n == 0 || n > MAX_ID_BYTES || !td__utf8_valid(in->id, n, NULL)) {
            snprintf(reason, 256, "bad id: %s",
                     n == 0 ? "empty" : n > MAX_ID_BYTES ? "longer than 256 bytes"
                                                         : "invalid UTF-8");
            return TD_EINVAL;
        }
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)in->id[i] < 0x20) {
                snprintf(reason, 256, "bad id: control character");
                return TD_EINVAL;
            }
        id = td__strdup(in->id);
    } else {
        if (in->name && in->name_is_file) {
            const char *base = strrchr(in->name, '/');
            base = base ? base + 1 : in->name;
            const char *dot = strrchr(base, '.');
            size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
            if (n > 0 && n <= MAX_ID_BYTES && td__utf8_valid(base, n, NULL))
                id = td__strndup(base, n);
        }
        if (!id) {
            const char *raw = in->text ? in->text : in->html;
            size_t len = in->text ? in->text_len : in->html_len;
            char hex[24];
            snprintf(hex, sizeof hex, "h%016llx",
                     (unsigned long long)fnv1a(raw ? raw : "", raw ? len : 0));
            id = td__strdup(hex);
        }
    }
    if (!id)
        return TD_ENOMEM;
    *out = id;
    return TD_OK;
}

/* Accepts YYYY-MM, YYYY-MM-DD and ISO timestamps (date part kept). */
static char *parse_date(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    if (n < 7)
        return NULL;
    for (int i = 0; i < 7; i++)
        if (i == 4 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return NULL;
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    if (m < 1 || m > 12)
        return NULL;
    if (n >= 10 && s[7] == '-' && isdigit((unsigned char)s[8]) &&
        isdigit((unsigned char)s[9])) {
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31 || (n > 10 && s[10] != 'T' && s[10] != ' '))
            return NULL;
        return td__strndup(s, 10);
    }
    return n == 7 ? td__strndup(s, 7) : NULL;
}

static int has_text(const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t c = td__utf8_next(s, n, &i);
        if (c > 0x7F || isalnum((int)c))
            return 1;
    }
    return 0;
}

static td_status reject(td_analysis *a, td_status st, const char *why)
{
    a->status = st;
    snprintf(a->reason, sizeof a->reason, "%s", why);
    return TD_OK;
}

/* Runs the stages; returns TD_ENOMEM only for a failed allocation, every
 * rejection of the article itself is recorded in a->status. */
static td_status run(td_analysis *a, const td_input *in)
{
    const char *raw = in->text ? in->text : in->html;
    size_t len = in->text ? in->text_len : in->html_len;
    a->raw_len = len;
    td_status st = td__input_id(in, &a->id, a->reason);
    if (st == TD_EINVAL)
        return a->status = TD_EINVAL, TD_OK;
    if (st != TD_OK)
        return st;
    if (len == 0)
        return reject(a, TD_EEMPTY, "empty article");
    if (td__looks_binary(raw, len))
        return reject(a, TD_EBINARY, "binary data, not text");

    const char *text = raw;
    size_t text_len = len;
    const char *hint = in->lang;
    char hint_buf[16]; /* doc.lang is freed before language id runs */
    td__html_doc doc;
    memset(&doc, 0, sizeof doc);
    if (!in->text) {
        uint64_t t0 = td__prof_start();
        st = td__html_extract(raw, len, &doc);
        td__prof_stop(TD__ST_EXTRACT, t0);
        if (st == TD_EEMPTY)
            return reject(a, TD_EEMPTY, "no article text in the HTML page");
        if (st != TD_OK)
            return st;
        text = doc.text;
        text_len = strlen(doc.text);
        if (!hint && doc.lang) {
            snprintf(hint_buf, sizeof hint_buf, "%s", doc.lang);
            hint = hint_buf;
        }
    } else {
        size_t bad;
        if (!td__utf8_valid(raw, len, &bad)) {
            char why[64];
            snprintf(why, sizeof why, "invalid UTF-8 at byte %zu", bad);
            return reject(a, TD_EUTF8, why);
        }
    }

    const char *title = in->title ? in->title : doc.title;
    if (title && !td__utf8_valid(title, strlen(title), NULL))
        title = NULL;
    uint64_t t0 = td__prof_start();
    st = td__clean(text, text_len, title, &a->clean);
    td__prof_stop(TD__ST_CLEAN, t0);
    if (st == TD_OK && title && !(a->clean.title = td__strdup(title)))
        st = TD_ENOMEM;
    if (st == TD_OK) {
        const char *url = in->url ? in->url : doc.url;
        char *given = parse_date(in->date ? in->date : doc.date);
        char day[11];
        if ((url && !(a->url = td__strdup(url))))
            st = TD_ENOMEM;
        /* the day (or month) the record's URL path names */
        int dated_path = a->url && td__url_date(a->url, day) == 0;
        if (st == TD_OK && td__article_meta(in, &doc, &a->author, &a->source,
                                            &a->canonical_url) != TD_OK)
            st = TD_ENOMEM;
        if (given) {
            a->date = given;
            a->date_source = in->date || !doc.date_source ? "input"
                                                          : doc.date_source;
        } else if (a->clean.date &&
                   (!dated_path ||
                    strcmp(a->clean.date_source, "marker") == 0)) {
            a->date = td__strdup(a->clean.date);
            a->date_source = a->clean.date_source;
            if (!a->date)
                st = TD_ENOMEM;
        } else if (dated_path) {
            /* Publishers date their paths; a record that gives no date
             * is dated by its URL before any dateline read in its text. */
            if (!(a->date = td__strdup(day)))
                st = TD_ENOMEM;
            a->date_source = "url";
        }
    }
    td__html_doc_free(&doc);
    if (st != TD_OK)
        return st;
    if (!has_text(a->clean.text))
        return reject(a, TD_EEMPTY, "no article text left after cleaning");

    td__lang_guess g;
    t0 = td__prof_start();
    td__langid_detect(a->clean.text, strlen(a->clean.text), hint, &g);
    td__prof_stop(TD__ST_LANG, t0);
    memcpy(a->lang, g.code, sizeof a->lang);
    a->lang[sizeof a->lang - 1] = '\0';
    a->lang_confidence = g.confidence;
    t0 = td__prof_start();
    st = td__tokenize(a->clean.text, strlen(a->clean.text), a->lang,
                      &a->tokens);
    td__prof_stop(TD__ST_TOKENS, t0);
    if (st != TD_OK)
        return st;
    t0 = td__prof_start();
    st = td__extract(a->clean.text, strlen(a->clean.text), a->lang, a->date,
                     &a->ents);
    td__prof_stop(TD__ST_ENTITIES, t0);
    return st;
}

TD_API td_status td_analyze(const td_input *in, td_analysis **out)
{
    if (!in || !out || (!in->text && !in->html))
        return TD_EINVAL;
    td_analysis *a = td__calloc(1, sizeof *a);
    if (!a)
        return TD_ENOMEM;
    memcpy(a->lang, "und", 4);
    td_status st = run(a, in);
    if (st != TD_OK) {
        td_analysis_free(a);
        return st;
    }
    *out = a;
    return TD_OK;
}

TD_API void td_analysis_free(td_analysis *a)
{
    if (!a)
        return;
    td__free(a->id);
    td__free(a->url);
    td__free(a->date);
    td__free(a->author);
    td__free(a->source);
    td__free(a->canonical_url);
    td__cleaned_free(&a->clean);
    td__tokens_free(&a->tokens);
    td__extracted_free(&a->ents);
    td__fpre_free(a->pre);
    td__free(a);
}

TD_API td_status td_analysis_status(const td_analysis *a, const char **reason)
{
    if (reason)
        *reason = a->status == TD_OK ? NULL : a->reason;
    return a->status;
}

TD_API const char *td_analysis_id(const td_analysis *a) { return a->id; }
TD_API const char *td_analysis_text(const td_analysis *a)
{
    return a->clean.text ? a->clean.text : "";
}
TD_API const char *td_analysis_title(const td_analysis *a)
{
    return a->clean.title;
}
TD_API const char *td_analysis_date(const td_analysis *a) { return a->date; }
TD_API const char *td_analysis_date_source(const td_analysis *a)
{
    return a->date ? a->date_source : NULL;
}

TD_API const char *td_analysis_author(const td_analysis *a)
{
    return a->author;
}
TD_API const char *td_analysis_source(const td_analysis *a)
{
    return a->source;
}
TD_API const char *td_analysis_canonical_url(const td_analysis *a)
{
    return a->canonical_url;
}

TD_API size_t td_analysis_removed_count(const td_analysis *a)
{
    return a->clean.nremoved;
}

TD_API td_status td_analysis_removed(const td_analysis *a, size_t i,
                                     const char **reason, const char **text)
{
    if (i >= a->clean.nremoved)
        return TD_EINVAL;
    if (reason)
        *reason = a->clean.removed[i].reason;
    if (text)
        *text = a->clean.removed[i].text;
    return TD_OK;
}

TD_API const char *td_analysis_lang(const td_analysis *a) { return a->lang; }
TD_API double td_analysis_lang_confidence(const td_analysis *a)
{
    return a->lang_confidence;
}

TD_API size_t td_analysis_token_count(const td_analysis *a)
{
    return a->tokens.n;
}

TD_API td_status td_analysis_token(const td_analysis *a, size_t i,
                                   const char **norm, const char **stem,
                                   unsigned *flags, size_t *offset,
                                   size_t *length)
{
    if (i >= a->tokens.n)
        return TD_EINVAL;
    const td__token *t = &a->tokens.v[i];
    if (norm)
        *norm = t->norm;
    if (stem)
        *stem = t->stem;
    if (flags)
        *flags = t->flags;
    if (offset)
        *offset = t->off;
    if (length)
        *length = t->len;
    return TD_OK;
}

char *td__analysis_terms(const td_analysis *a)
{
    td__buf b = TD__BUF_INIT;
    for (size_t i = 0; i < a->tokens.n; i++) {
        const td__token *t = &a->tokens.v[i];
        if (t->flags & TD_TOKEN_STOP)
            continue;
        if ((b.len && td__buf_putc(&b, ' ') != 0) ||
            td__buf_puts(&b, t->stem ? t->stem : t->norm) != 0) {
            td__buf_free(&b);
            return NULL;
        }
    }
    return td__buf_take(&b);
}

const char *td__entity_kind_name(int kind)
{
    return kind == TD__ENT_PLACE || kind == TD__ENT_FACILITY ? "place"
           : kind == TD__ENT_ORG ? "organisation"
                                 : "person";
}

/* The public view leaves out tentative runs (extract.h), which stand for
 * something only once matched against the store; they come last. */
static size_t found_entities(const td_analysis *a)
{
    size_t n = 0;
    while (n < a->ents.nent && !a->ents.ent[n].tentative)
        n++;
    return n;
}

/* The index in men of the i-th mention of a found entity, or nmen. */
static size_t found_mention(const td_analysis *a, size_t i)
{
    size_t found = found_entities(a);
    for (size_t k = 0; k < a->ents.nmen; k++)
        if (a->ents.men[k].entity < found && i-- == 0)
            return k;
    return a->ents.nmen;
}

TD_API size_t td_analysis_entity_count(const td_analysis *a)
{
    return found_entities(a);
}

TD_API td_status td_analysis_entity(const td_analysis *a, size_t i,
                                    const char **name, const char **kind,
                                    const char **place, size_t *mentions)
{
    if (i >= found_entities(a))
        return TD_EINVAL;
    const td__entity *x = &a->ents.ent[i];
    if (name)
        *name = x->name;
    if (kind)
        *kind = td__entity_kind_name(x->kind);
    if (place)
        *place = x->place;
    if (mentions)
        *mentions = x->mentions;
    return TD_OK;
}

TD_API size_t td_analysis_mention_count(const td_analysis *a)
{
    size_t found = found_entities(a), n = 0;
    for (size_t k = 0; k < a->ents.nmen; k++)
        n += a->ents.men[k].entity < found;
    return n;
}

TD_API td_status td_analysis_mention(const td_analysis *a, size_t i,
                                     size_t *entity, size_t *offset,
                                     size_t *length)
{
    i = found_mention(a, i);
    if (i >= a->ents.nmen)
        return TD_EINVAL;
    const td__mention *m = &a->ents.men[i];
    if (entity)
        *entity = m->entity;
    if (offset)
        *offset = m->off;
    if (length)
        *length = m->len;
    return TD_OK;
}

/* "2022-01-07", "2022-01" when the day is unknown; year 0000 unknown. */
void td__format_date(const td__date_hit *d, char iso[11])
{
    if (d->day)
        snprintf(iso, 11, "%04d-%02d-%02d", d->year, d->month, d->day);
    else
        snprintf(iso, 11, "%04d-%02d", d->year, d->month);
}

TD_API size_t td_analysis_found_date_count(const td_analysis *a)
{
    return a->ents.ndates;
}

TD_API td_status td_analysis_found_date(const td_analysis *a, size_t i,
                                        char iso[11], size_t *offset,
                                        size_t *length, int *relative)
{
    if (i >= a->ents.ndates)
        return TD_EINVAL;
    const td__date_hit *d = &a->ents.dates[i];
    if (iso)
        td__format_date(d, iso);
    if (offset)
        *offset = d->off;
    if (length)
        *length = d->len;
    if (relative)
        *relative = d->relative;
    return TD_OK;
}

TD_API size_t td_analysis_number_count(const td_analysis *a)
{
    return a->ents.nnums;
}

TD_API td_status td_analysis_number(const td_analysis *a, size_t i,
                                    const char **value, const char **unit,
                                    size_t *offset, size_t *length)
{
    if (i >= a->ents.nnums)
        return TD_EINVAL;
    const td__number_hit *n = &a->ents.nums[i];
    if (value)
        *value = n->value;
    if (unit)
        *unit = n->unit[0] ? n->unit : NULL;
    if (offset)
        *offset = n->off;
    if (length)
        *length = n->len;
    return TD_OK;
}
