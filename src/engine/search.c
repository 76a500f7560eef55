/* search.c -- user queries to FTS5 expressions.
 *
 * The user's words never reach SQL or FTS syntax as they are: each word or
 * "phrase" is run through the same analyser as the articles and every term
 * is emitted as an FTS5 string ("..." with quotes doubled), matched in the
 * title and body or in the analysed terms (stems, CJK words). Filters
 * (lang:, since:, until:, author:, outlet:, site:) become bound
 * parameters. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "engine/engine.h"
#include "engine/search.h"
#include "text/tokens.h"
#include "text/unicode.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* Forms of one entity a query word expands to, at most. */
#define MAX_VARIANTS 64

static int valid_date(const char *s, size_t n)
{
    if (n != 4 && n != 7 && n != 10)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((i == 4 || i == 7) ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int put_quoted(td__buf *b, const char *s, size_t n)
{
    if (td__buf_putc(b, '"') != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if ((s[i] == '"' && td__buf_putc(b, '"') != 0) ||
            td__buf_putc(b, s[i]) != 0)
            return -1;
    return td__buf_putc(b, '"');
}

/* The languages with a Snowball stemmer (text/stem.c): an article's
 * analysed terms are stems in its own language, so a query word, which
 * has no language, is stemmed in each of them; one whose stemmer leaves
 * it as written adds nothing. */
static const char *const stem_langs[] = {
    "ar", "ca", "da", "de", "el", "en", "es", "eu", "fi", "fr", "ga",
    "hi", "hu", "hy", "id", "it", "lt", "ne", "nl", "no", "pt", "ro",
    "ru", "sr", "sv", "ta", "tr", "yi"};
#define NSTEM_LANGS (sizeof stem_langs / sizeof stem_langs[0])

/* " OR terms : "stems"" for every distinct stemming of s[0..n) other than
 * plain (its unstemmed terms), in language lang alone unless NULL:
 * "Киеве" finds the Russian articles that write Киев or Киева,
 * "elections" those with "election". 0, or -1 when out of memory. */
static int put_stems(td__buf *m, const char *s, size_t n, const td__buf *plain,
                     const char *lang)
{
    td__buf seen = TD__BUF_INIT; /* the phrases emitted, NUL-separated */
    int rc = td__buf_append(&seen, plain->p, plain->len) ||
             td__buf_putc(&seen, '\0');
    for (size_t l = 0; l < NSTEM_LANGS && rc == 0; l++) {
        if (lang && strcmp(lang, stem_langs[l]) != 0)
            continue;
        td__tokens t = TD__TOKENS_INIT;
        if (td__tokenize(s, n, stem_langs[l], &t) != TD_OK) {
            rc = -1;
            break;
        }
        td__buf ph = TD__BUF_INIT;
        for (size_t i = 0; i < t.n && rc == 0; i++) {
            if (t.v[i].flags & TD_TOKEN_STOP)
                continue;
            if (ph.len)
                rc = td__buf_putc(&ph, ' ');
            if (rc == 0)
                rc = td__buf_puts(&ph, t.v[i].stem ? t.v[i].stem
                                                   : t.v[i].norm);
        }
        td__tokens_free(&t);
        int fresh = rc == 0 && ph.len > 0;
        for (size_t k = 0; fresh && k < seen.len; k += strlen(seen.p + k) + 1)
            if (strlen(seen.p + k) == ph.len &&
                memcmp(seen.p + k, ph.p, ph.len) == 0)
                fresh = 0;
        if (fresh)
            rc = td__buf_append(&seen, ph.p, ph.len) ||
                         td__buf_putc(&seen, '\0') ||
                         td__buf_puts(m, " OR terms : ") ||
                         put_quoted(m, ph.p, ph.len)
                     ? -1
                     : 0;
        td__buf_free(&ph);
    }
    td__buf_free(&seen);
    return rc;
}

/* Whether the last word of s[0..n) is in a script that runs words
 * together or joins particles to them (Han, kana, Hangul, Thai, Lao,
 * Khmer, Myanmar) and is at least two code points long. */
static int unspaced_end(const char *s, size_t n)
{
    size_t from = n;
    while (from > 0 && s[from - 1] != ' ')
        from--;
    size_t i = from, k = 0;
    int all = 1;
    UErrorCode err = U_ZERO_ERROR;
    while (i < n && all) {
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        UScriptCode sc = uscript_getScript(c, &err);
        all = U_SUCCESS(err) &&
              (sc == USCRIPT_HAN || sc == USCRIPT_HIRAGANA ||
               sc == USCRIPT_KATAKANA || sc == USCRIPT_HANGUL ||
               sc == USCRIPT_THAI || sc == USCRIPT_LAO ||
               sc == USCRIPT_KHMER || sc == USCRIPT_MYANMAR);
        k++;
    }
    return all && k >= 2;
}

/* A word or phrase's analysed terms as one FTS phrase, in title/body or
 * in terms: ({title body} : "t1 t2" OR terms : "t1 t2" OR its stems in
 * lang, or in every language when NULL). Returns 1 when something was
 * added, 0 when the piece had no terms (punctuation), -1 when out of
 * memory. */
static int put_phrase(td__buf *m, const char *s, size_t n, const char *lang)
{
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(s, n, NULL, &t) != TD_OK)
        return -1;
    if (t.n == 0) {
        td__tokens_free(&t);
        return 0;
    }
    td__buf phrase = TD__BUF_INIT, terms = TD__BUF_INIT;
    int rc = 0;
    for (size_t i = 0; i < t.n && rc == 0; i++) {
        if (i)
            rc = td__buf_putc(&phrase, ' ');
        if (rc == 0)
            rc = td__buf_puts(&phrase, t.v[i].norm);
        /* The analysed terms of CJK text leave out its stop words
         * (恒大 is stored as 恒, 大 being a stop word): the query's terms
         * phrase leaves them out too, or it could never match. */
        const char *w = t.v[i].norm;
        size_t wn = strlen(w);
        if ((t.v[i].flags & TD_TOKEN_IDEO) &&
            (td__is_stopword("zh", w, wn) || td__is_stopword("ja", w, wn)))
            continue;
        if (rc == 0 && terms.len)
            rc = td__buf_putc(&terms, ' ');
        if (rc == 0)
            rc = td__buf_puts(&terms, w);
    }
    td__tokens_free(&t);
    const td__buf *tp = terms.len ? &terms : &phrase;
    if (rc == 0)
        rc = td__buf_puts(m, "({title body} : ");
    if (rc == 0)
        rc = put_quoted(m, phrase.p, phrase.len);
    if (rc == 0)
        rc = td__buf_puts(m, " OR terms : ");
    if (rc == 0)
        rc = put_quoted(m, tp->p, tp->len);
    /* Scripts written without spaces between words, or with particles
     * joined to the word (Korean: 무안국제공항에서 "at Muan airport"):
     * the text's words may go on past the query's, so the last one is
     * matched as a prefix too (a run of Chinese or Japanese in the title
     * and body columns is one token from punctuation to punctuation). */
    if (rc == 0 && unspaced_end(phrase.p, phrase.len)) {
        rc = td__buf_puts(m, " OR {title body} : ");
        if (rc == 0)
            rc = put_quoted(m, phrase.p, phrase.len);
        if (rc == 0)
            rc = td__buf_puts(m, " * OR terms : ");
        if (rc == 0)
            rc = put_quoted(m, tp->p, tp->len);
        if (rc == 0)
            rc = td__buf_puts(m, " *");
    }
    if (rc == 0)
        rc = put_stems(m, s, n, tp, lang);
    if (rc == 0)
        rc = td__buf_putc(m, ')');
    td__buf_free(&phrase);
    td__buf_free(&terms);
    return rc == 0 ? 1 : -1;
}

/* Whether a query word or phrase may name an entity: a hashtag or a
 * handle ("#PonteMorandi", "@BorisJohnson"), or one of its words starts
 * with a capital or is written in a script without case ("ponte
 * Morandi", "papież Franciszek"); a lower-case "may" or "turkey" is a
 * word first. At least three bytes. */
static int may_name(const char *s, size_t n)
{
    if (n < 3)
        return 0;
    if (s[0] == '#' || s[0] == '@')
        return n >= 4;
    for (size_t i = 0; i < n;) {
        size_t at = i;
        UChar32 cp = (UChar32)td__utf8_next(s, n, &i);
        int starts = at == 0 || s[at - 1] == ' ' || s[at - 1] == '-';
        if (!starts)
            continue;
        if (cp < 0x80 ? cp >= 'A' && cp <= 'Z'
                      : u_isupper(cp) || (u_isalpha(cp) && !u_islower(cp)))
            return 1;
    }
    return 0;
}

/* An Arabic word's proclitics (the conjunctions wa- and fa-, the
 * prepositions bi-, li-, ka-, and the article al-, as in والفيسبوك, "and
 * the Facebook"): the length of the longest one s starts with that
 * leaves at least three letters, else 0. Names are stored as written,
 * mostly without them. */
static size_t arabic_proclitic(const char *s, size_t n)
{
    static const char *const pre[] = {
        "\xd9\x88\xd8\xa7\xd9\x84", /* وال */
        "\xd8\xa8\xd8\xa7\xd9\x84", /* بال */
        "\xd9\x81\xd8\xa7\xd9\x84", /* فال */
        "\xd9\x83\xd8\xa7\xd9\x84", /* كال */
        "\xd9\x84\xd9\x84",           /* لل */
        "\xd8\xa7\xd9\x84",           /* ال */
        "\xd9\x88",                     /* و */
        "\xd9\x81",                     /* ف */
        "\xd8\xa8",                     /* ب */
        "\xd9\x84",                     /* ل */
    };
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
        size_t k = strlen(pre[i]);
        /* three Arabic letters are six bytes */
        if (n >= k + 6 && memcmp(s, pre[i], k) == 0 &&
            !memchr(s + k, ' ', n - k))
            return k;
    }
    return 0;
}

/* The folded first three code points of s[0..n) into out (16 bytes). */
static void folded_start(const char *s, size_t n, char out[16])
{
    td__buf b = TD__BUF_INIT;
    out[0] = '\0';
    if (td__normalize(s, n, TD__NFKC_CASEFOLD, &b) != 0) {
        td__buf_free(&b);
        return;
    }
    size_t i = 0, k = 0;
    while (i < b.len && k < 3) {
        td__utf8_next(b.p, b.len, &i);
        k++;
    }
    if (i < 16) {
        memcpy(out, b.p, i);
        out[i] = '\0';
    }
    td__buf_free(&b);
}

static UScriptCode script_of(const char *s, size_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        UScriptCode sc = uscript_getScript(c, &err);
        if (U_SUCCESS(err) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
            return sc;
    }
    return USCRIPT_COMMON;
}

/* The stored forms of one entity, distinct, at most MAX_VARIANTS. */
typedef struct forms {
    char *name; /* display name */
    char *v[MAX_VARIANTS];
    char lang[MAX_VARIANTS][8]; /* the language it was first seen in */
    size_t n;
    int oom;
} forms;

static void forms_add(forms *f, const char *surface, const char *lang)
{
    if (f->oom || f->n == MAX_VARIANTS)
        return;
    for (size_t j = 0; j < f->n; j++)
        if (strcmp(f->v[j], surface) == 0)
            return; /* the same surface in two languages is one form */
    snprintf(f->lang[f->n], sizeof f->lang[0], "%s", lang ? lang : "");
    f->v[f->n] = td__strdup(surface);
    if (f->v[f->n])
        f->n++;
    else
        f->oom = 1;
}

static void forms_free(forms *f)
{
    for (size_t j = 0; j < f->n; j++)
        td__free(f->v[j]);
    td__free(f->name);
    memset(f, 0, sizeof *f);
}

/* Whether a word of the query starts as some word of some form does (the
 * first three letters, case folded), among the forms in the query's
 * script: a look-up by consonant skeleton can land on a name the query
 * does not spell ("Hong" on "Hunga"), while a spelling variant or an
 * inflection keeps its start ("Tokaev", "Tokayev"; "Путина", "Путин");
 * across scripts ("방콕", "Bangkok") the engine's transliteration keys
 * decided. */
static int word_starts_a_form(const forms *f, const char *w, size_t wn)
{
    char want[16];
    folded_start(w, wn, want);
    if (!want[0])
        return 0;
    for (size_t i = 0; i < f->n; i++)
        for (const char *v = f->v[i]; *v;) {
            size_t vn = strcspn(v, " -");
            char got[16];
            folded_start(v, vn, got);
            if (strcmp(got, want) == 0)
                return 1;
            v += vn;
            while (*v == ' ' || *v == '-')
                v++;
        }
    return 0;
}

/* Whether a word of s[0..n) starts as a form does (every word of it when
 * every is set: a query of several plain words is taken for a name only
 * when the name accounts for all of them, or "court Evergrande" would
 * lose "court"). */
static int shares_a_start(const forms *f, const char *s, size_t n, int every)
{
    UScriptCode script = script_of(s, n);
    size_t same = 0;
    for (size_t i = 0; i < f->n; i++)
        same += script_of(f->v[i], strlen(f->v[i])) == script;
    if (same == 0)
        return 1;
    /* a hashtag's or a handle's words: "#Mahsa_Amini" */
    for (size_t i = 0; i < n;) {
        while (i < n && (s[i] == '#' || s[i] == '@'))
            i++;
        size_t wn = strcspn(s + i, " -_");
        if (wn > n - i)
            wn = n - i;
        if (wn) {
            int starts = word_starts_a_form(f, s + i, wn);
            if (starts && !every)
                return 1;
            if (!starts && every)
                return 0;
        }
        i += wn;
        while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '_'))
            i++;
    }
    return every;
}

/* The forms of the entity name resolves to by the engine's own look-up
 * (td_engine_entity's: any spelling or script, typed forms, titles
 * dropped, inflections through the morphology rules), with the forms of
 * the entities it learned to be the same one under other spellings (its
 * learned links), so that a search and `tidings entity` agree on what a
 * name denotes and reach the same articles. 1 found, 0 not, -1 failure
 * (f->oom when out of memory). */
static int entity_forms(td_engine *e, const char *name, forms *f)
{
    td_entity *x = NULL;
    td_status st = td_engine_entity(e, name, &x);
    if (st == TD_ENOTFOUND || st == TD_EINVAL)
        return 0;
    if (st == TD_ENOMEM)
        f->oom = 1;
    if (st != TD_OK)
        return -1;
    f->name = td__strdup(td_entity_name(x));
    if (!f->name)
        f->oom = 1;
    size_t n = td_entity_variant_count(x);
    for (size_t i = 0; i < n && !f->oom; i++) {
        const char *surface, *lang;
        int64_t count;
        if (td_entity_variant(x, i, &surface, &lang, &count) == TD_OK)
            forms_add(f, surface, lang);
    }
    td_entity_free(x);
    return f->oom ? -1 : f->n > 0;
}

/* The stored variants an entity named by s[0..n) is written in, as extra
 * FTS alternatives; reports the expansion through cb. Returns the number
 * of alternatives added (0: no entity), -1 when out of memory. */
static int put_variants(td_engine *e, td__buf *m, const char *s, size_t n,
                        int whole, td__expansion_cb cb, void *ud)
{
    if (!e || !may_name(s, n) || n > 200)
        return 0;
    char name[256];
    memcpy(name, s, n);
    name[n] = '\0';
    forms f = {0};
    int found = entity_forms(e, name, &f);
    if (found > 0 && !shares_a_start(&f, s, n, whole))
        found = 0;
    size_t clitic = found == 0 ? arabic_proclitic(s, n) : 0;
    if (clitic) {
        /* والفيسبوك: the name without "and the" */
        forms_free(&f);
        found = entity_forms(e, name + clitic, &f);
        if (found > 0 && !shares_a_start(&f, s + clitic, n - clitic, whole))
            found = 0;
    }
    if (found <= 0) {
        /* only running out of memory fails the query; a store that could
         * not say leaves the word unexpanded */
        int oom = found < 0 && f.oom;
        forms_free(&f);
        return oom ? -1 : 0;
    }
    size_t added = 0;
    int rc = 0;
    for (size_t i = 0; i < f.n && rc >= 0; i++) {
        if (td__buf_puts(m, " OR ") != 0) {
            rc = -1;
            break;
        }
        /* a stored form is stemmed in the language it was written in */
        rc = put_phrase(m, f.v[i], strlen(f.v[i]), f.lang[i]);
        if (rc > 0)
            added++;
        else if (rc == 0)
            m->len -= 4; /* " OR " of a form with no terms */
    }
    if (rc >= 0 && added && cb)
        cb(ud, name, f.name, added);
    forms_free(&f);
    return rc < 0 ? -1 : (int)added;
}

/* One word or phrase of the query, ANDed with the rest; a word naming an
 * entity matches any of its stored forms too (whole: the query's plain
 * words taken together, which the name must account for). Returns 1 when
 * something was added, 0 when the piece had no terms, -1 when out of
 * memory. */
static int add_piece(td_engine *e, td__buf *m, const char *s, size_t n,
                     int whole, td__expansion_cb cb, void *ud)
{
    size_t mark = m->len;
    if (m->len && td__buf_puts(m, " AND ") != 0)
        return -1;
    if (td__buf_putc(m, '(') != 0)
        return -1;
    int r = put_phrase(m, s, n, NULL);
    if (r <= 0) {
        m->len = mark;
        return r;
    }
    if (put_variants(e, m, s, n, whole, cb, ud) < 0)
        return -1;
    return td__buf_putc(m, ')') == 0 ? 1 : -1;
}

/* A site: value: a host name, lower-cased, without a leading "www.";
 * 0 when it holds anything a host name cannot (so that it cannot be a
 * pattern either). */
int td__site_value(char *v, size_t *n)
{
    for (size_t i = 0; i < *n; i++) {
        char c = (char)tolower((unsigned char)v[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '-'))
            return 0;
        v[i] = c;
    }
    if (*n > 4 && strncmp(v, "www.", 4) == 0) {
        memmove(v, v + 4, *n - 4);
        *n -= 4;
    }
    return *n > 0 && v[0] != '.' && v[0] != '-' && v[*n - 1] != '.';
}

/* The filters a query may carry, in the order the owned block keeps them
 * after the match expression: "match\0lang\0since\0until\0author\0outlet\0
 * site\0". */
enum { F_LANG, F_SINCE, F_UNTIL, F_AUTHOR, F_OUTLET, F_SITE, NFILTERS };
static const char *const filter_names[NFILTERS] = {
    "lang", "since", "until", "author", "outlet", "site"};

static int filter_of(const char *w, size_t kn)
{
    for (int f = 0; f < NFILTERS; f++)
        if (strlen(filter_names[f]) == kn && memcmp(w, filter_names[f], kn) == 0)
            return f;
    return -1;
}

/* Checks one filter's value; 0 with the message set when it is bad. */
static int check_filter(td_engine *e, int f, const char *v, size_t vn)
{
    switch (f) {
    case F_LANG:
        if (vn >= 2 && vn <= 3)
            return 1;
        td__engine_fail(e, TD_EINVAL,
                        "lang: wants a 2- or 3-letter code, got '%.*s'",
                        (int)vn, v);
        return 0;
    case F_SINCE:
    case F_UNTIL:
        if (valid_date(v, vn))
            return 1;
        td__engine_fail(e, TD_EINVAL,
                        "%s: wants YYYY, YYYY-MM or YYYY-MM-DD, got '%.*s'",
                        filter_names[f], (int)vn, v);
        return 0;
    default:
        if (vn >= 1 && vn <= 200)
            return 1;
        td__engine_fail(e, TD_EINVAL, "%s: wants 1 to 200 bytes, got %zu",
                        filter_names[f], vn);
        return 0;
    }
}

td_status td__parse_query(td_engine *e, const char *query, td__search *q,
                          char **owned)
{
    return td__parse_query_ex(e, query, q, owned, NULL, NULL);
}

td_status td__parse_query_ex(td_engine *e, const char *query, td__search *q,
                             char **owned, td__expansion_cb cb, void *ud)
{
    size_t n = strlen(query);
    if (!td__utf8_valid(query, n, NULL))
        return td__engine_fail(e, TD_EINVAL, "query is not valid UTF-8");
    td__buf m = TD__BUF_INIT;
    const char *fv[NFILTERS] = {0};
    size_t fn[NFILTERS] = {0};
    size_t i = 0;
    int pieces = 0;
    td_status st = TD_OK;
    /* A query of several plain words that together name an entity ("Hong
     * Kong", "Kassym-Jomart Tokayev") is one piece: the name and all its
     * forms, rather than each word on its own. */
    if (e && !memchr(query, '"', n) && !memchr(query, ':', n) &&
        memchr(query, ' ', n) && n <= 200) {
        td__buf one = TD__BUF_INIT;
        int r = add_piece(e, &one, query, n, 1, cb, ud);
        if (r > 0 && strstr(one.p, " OR ({title body}")) {
            td__buf_free(&m);
            m = one;
            pieces = 1;
            i = n;
        } else {
            td__buf_free(&one);
            if (r < 0)
                st = td__engine_fail(e, TD_ENOMEM, "out of memory");
        }
    }
    while (i < n && st == TD_OK) {
        while (i < n && isspace((unsigned char)query[i]))
            i++;
        if (i >= n)
            break;
        size_t start, end;
        if (query[i] == '"') {
            start = ++i;
            while (i < n && query[i] != '"')
                i++;
            end = i;
            if (i < n)
                i++;
        } else {
            start = i;
            while (i < n && !isspace((unsigned char)query[i]))
                i++;
            end = i;
            const char *w = query + start;
            const char *colon = memchr(w, ':', end - start);
            int f = colon ? filter_of(w, (size_t)(colon - w)) : -1;
            if (f >= 0) {
                const char *v = colon + 1;
                size_t vn = (size_t)(query + end - v);
                /* author:"Jane Doe": a quoted value may hold spaces */
                if (vn && *v == '"') {
                    const char *close = memchr(v + 1, '"', n - (size_t)(v + 1 - query));
                    v++;
                    vn = close ? (size_t)(close - v) : n - (size_t)(v - query);
                    i = close ? (size_t)(close - query) + 1 : n;
                }
                if (!check_filter(e, f, v, vn))
                    st = TD_EINVAL;
                fv[f] = v;
                fn[f] = vn;
                continue;
            }
        }
        int r = add_piece(e, &m, query + start, end - start, 0, cb, ud);
        if (r < 0)
            st = td__engine_fail(e, TD_ENOMEM, "out of memory");
        pieces += r > 0;
    }
    if (st == TD_OK && pieces == 0)
        st = td__engine_fail(e, TD_EINVAL,
                             "empty query: give at least one word to find");
    if (st == TD_OK) {
        size_t at[NFILTERS];
        int oom = 0;
        for (int f = 0; f < NFILTERS && !oom; f++) {
            oom = td__buf_putc(&m, '\0') != 0;
            at[f] = m.len;
            if (!oom)
                oom = td__buf_append(&m, fv[f], fn[f]) != 0;
        }
        if (oom || td__buf_putc(&m, '\0')) {
            st = td__engine_fail(e, TD_ENOMEM, "out of memory");
        } else {
            for (char *p = m.p + at[F_LANG]; p < m.p + at[F_LANG] + fn[F_LANG];
                 p++)
                *p = (char)tolower((unsigned char)*p);
            if (fv[F_SITE]) {
                size_t sn = fn[F_SITE];
                if (!td__site_value(m.p + at[F_SITE], &sn)) {
                    st = td__engine_fail(e, TD_EINVAL,
                                         "site: wants a domain like "
                                         "example.com, got '%.*s'",
                                         (int)fn[F_SITE], fv[F_SITE]);
                    td__buf_free(&m);
                    return st;
                }
                m.p[at[F_SITE] + sn] = '\0';
            }
            q->match = m.p;
            q->lang = fv[F_LANG] ? m.p + at[F_LANG] : NULL;
            q->since = fv[F_SINCE] ? m.p + at[F_SINCE] : NULL;
            q->until = fv[F_UNTIL] ? m.p + at[F_UNTIL] : NULL;
            q->author = fv[F_AUTHOR] ? m.p + at[F_AUTHOR] : NULL;
            q->outlet = fv[F_OUTLET] ? m.p + at[F_OUTLET] : NULL;
            q->site = fv[F_SITE] ? m.p + at[F_SITE] : NULL;
            q->limit = 0;
            *owned = td__buf_take(&m);
            return TD_OK;
        }
    }
    td__buf_free(&m);
    return st;
}
