/* extract.c -- entities, dates and numbers of one article. */
#include "entity/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "entity/datewords.h"
#include "entity/facility.h"
#include "entity/names.h"
#include "entity/places.h"
#include "entity/reading.h"
#include "story/pivot.h"
#include "text/morph.h"
#include "text/tokens.h"
#include "text/unicode.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#define MAX_PLACES 512
#define MAX_DATES 256
#define MAX_NUMBERS 512

static int add_entity(td__extracted *x, td__entity_kind kind,
                      const char *name, size_t nlen, const char *key,
                      const char *place)
{
    if (x->nent == x->capent) {
        size_t cap = x->capent ? x->capent * 2 : 16;
        td__entity *v = td__realloc(x->ent, cap * sizeof *v);
        if (!v)
            return -1;
        x->ent = v, x->capent = cap;
    }
    td__entity *e = &x->ent[x->nent];
    e->kind = kind;
    e->name = td__strndup(name, nlen);
    e->key = td__strdup(key);
    e->place = place;
    e->mentions = 0;
    e->tentative = 0;
    if (!e->name || !e->key) {
        td__free(e->name);
        td__free(e->key);
        return -1;
    }
    x->nent++;
    return 0;
}

static int add_mention(td__extracted *x, size_t ent, size_t off, size_t len)
{
    if (x->nmen == x->capmen) {
        size_t cap = x->capmen ? x->capmen * 2 : 32;
        td__mention *v = td__realloc(x->men, cap * sizeof *v);
        if (!v)
            return -1;
        x->men = v, x->capmen = cap;
    }
    x->men[x->nmen++] = (td__mention){ent, off, len};
    x->ent[ent].mentions++;
    return 0;
}

static size_t word_count(const char *key)
{
    size_t n = 1;
    for (; *key; key++)
        n += *key == ' ';
    return n;
}

/* Joins a name to the article's entity it loosely matches, preferring an
 * exact key; a fuller name becomes the entity's name. */
static int add_name(td__extracted *x, const char *text, size_t off,
                    size_t len, td__entity_kind kind, const char *key)
{
    size_t best = x->nent;
    int best_score = 0;
    for (size_t i = 0; i < x->nent; i++) {
        if (x->ent[i].kind != kind)
            continue;
        int m = kind == TD__ENT_ORG ? (strcmp(x->ent[i].key, key) == 0) * 2
                                    : td__names_match_ex(x->ent[i].key, key, 1);
        if (m > best_score)
            best = i, best_score = m;
    }
    if (best == x->nent) {
        if (add_entity(x, kind, text + off, len, key, NULL) != 0)
            return -1;
    } else if (word_count(key) > word_count(x->ent[best].key)) {
        char *name = td__strndup(text + off, len);
        char *k = td__strdup(key);
        if (!name || !k) {
            td__free(name);
            td__free(k);
            return -1;
        }
        td__free(x->ent[best].name);
        td__free(x->ent[best].key);
        x->ent[best].name = name;
        x->ent[best].key = k;
    }
    return add_mention(x, best, off, len);
}

static int add_place(td__extracted *x, const char *text,
                     const td__place_hit *h)
{
    char key[64];
    snprintf(key, sizeof key, "place:%s", h->place.id);
    size_t i;
    for (i = 0; i < x->nent; i++)
        if (x->ent[i].kind == TD__ENT_PLACE && strcmp(x->ent[i].key, key) == 0)
            break;
    if (i == x->nent &&
        add_entity(x, TD__ENT_PLACE, h->place.name, strlen(h->place.name),
                   key, h->place.id) != 0)
        return -1;
    (void)text;
    return add_mention(x, i, h->off, h->len);
}

/* A one-word name that is an inflected form of a gazetteer place
 * (Киеве, Харькове, Kijowem, Herat'ta): fills *p with the place of its
 * likeliest base that is one. */
static int inflected_place(const char *s, size_t n, const char *lang,
                           td__place *p)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ')
            return 0;
    td__morph_base m[6];
    size_t nm = td__morph_bases(lang, s, n, m, 6);
    for (size_t k = 0; k < nm; k++)
        if (m[k].weight >= 0.05f &&
            td__place_lookup(m[k].form, strlen(m[k].form), p))
            return 1;
    return 0;
}

/* The last word of text[off..off+len). */
static void last_word(const char *text, size_t off, size_t len, size_t *woff,
                      size_t *wlen)
{
    size_t e = off + len, b = e;
    while (b > off && text[b - 1] != ' ')
        b--;
    *woff = b, *wlen = e - b;
}

/* A place name that opens a longer capitalised run is mostly a given name
 * or part of another name: "Jordan Bardella", "Paris Hilton", "Jordan
 * River", "Georgia Meloni". It stays a place only when the rest is a name
 * the text also writes with another first word ("Kazakistan Putin" beside
 * "Vladimir Putin"). Removes such hits; returns how many are left. */
static size_t drop_places_in_names(const char *text, const char *lang,
                                   const td__name_hits *names,
                                   td__place_hit *ph, size_t np)
{
    size_t o = 0;
    for (size_t k = 0; k < np; k++) {
        int keep = 1;
        for (size_t i = 0; i < names->n && keep; i++) {
            const td__name_hit *h = &names->v[i];
            size_t pe = ph[k].off + ph[k].len;
            /* the run holds the place and more, or follows it at once
             * (sentence-initial "Georgia" is not part of the run) */
            int holds = h->off == ph[k].off && h->len > ph[k].len + 1 &&
                        text[pe] == ' ';
            int follows = h->off == pe + 1 && text[pe] == ' ';
            for (size_t q = 0; follows && q < np; q++)
                if (ph[q].off <= h->off && ph[q].off + ph[q].len > h->off)
                    follows = 0; /* "Russia Ukraine": two places */
            if (h->kind == TD__NAME_ACRONYM || (!holds && !follows))
                continue;
            /* the rest a full name of its own ("Kyrgyzstan Kurmanbek
             * Bakiev"): the place is a place */
            size_t rest = holds ? pe + 1 : h->off;
            size_t rest_end = h->off + h->len;
            if (memchr(text + rest, ' ', rest_end - rest))
                continue;
            size_t lo, ll;
            last_word(text, h->off, h->len, &lo, &ll);
            int elsewhere = 0;
            for (size_t j = 0; j < names->n && !elsewhere; j++) {
                const td__name_hit *g = &names->v[j];
                size_t go, gl;
                if (j == i || g->kind == TD__NAME_ACRONYM)
                    continue;
                last_word(text, g->off, g->len, &go, &gl);
                elsewhere = go > g->off && gl == ll &&
                            memcmp(text + go, text + lo, ll) == 0 &&
                            !(g->off == h->off);
            }
            keep = elsewhere;
        }
        /* "реки Иордан", "lago di Garda": a river or lake named so, not
         * the country or town */
        if (keep && td__facility_noun_before(text, ph[k].off, lang, NULL))
            keep = 0;
        if (keep)
            ph[o++] = ph[k];
    }
    return o;
}

/* The part of a name run that is not a place: "Kazakistan Putin" ->
 * "Putin". Returns 0 when nothing but places is left. */
static int trim_places(const td__place_hit *ph, size_t np, size_t *off,
                       size_t *len)
{
    for (size_t k = 0; k < np; k++) {
        size_t po = ph[k].off, pe = ph[k].off + ph[k].len;
        size_t no = *off, ne = *off + *len;
        if (pe <= no || po >= ne)
            continue;
        if (po <= no && pe >= ne)
            return 0; /* the whole run is a place */
        if (po <= no) { /* place at the start */
            *off = pe;
            *len = ne - *off;
        } else if (pe >= ne) { /* place at the end */
            *len = po - no;
        }
    }
    return *len > 0;
}

/* A run that starts with words the text also uses as a name of their own
 * ("Security Council" + "Nursultan Nazarbayev") is two names. Returns the
 * byte length of the longest such leading name, or 0. */
static size_t leading_name(const char *text, const td__name_hits *names,
                           size_t self, size_t off, size_t len)
{
    size_t best = 0;
    for (size_t k = 0; k < names->n; k++) {
        const td__name_hit *o = &names->v[k];
        if (k == self || o->len >= len || o->len <= best)
            continue;
        if (memcmp(text + o->off, text + off, o->len) == 0 &&
            text[off + o->len] == ' ')
            best = o->len;
    }
    return best;
}

static void trim_space(const char *text, size_t *off, size_t *len)
{
    while (*len && (text[*off] == ' ' || text[*off] == '-')) {
        (*off)++;
        (*len)--;
    }
    while (*len && (text[*off + *len - 1] == ' ' || text[*off + *len - 1] == '-'))
        (*len)--;
}

/* German nouns by their derivational suffix ("Auflösung",
 * "Umstrukturierung", "Gesellschaft", "Mehrheit"): names seldom end so,
 * and FreeDict lists few of the compounds news builds from them. Words
 * shorter than seven letters ("Jung") are left alone. */
static int german_noun_suffix(const char *w, size_t n)
{
    static const char *const suffixes[] = {
        "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft",
        "schaften", "tion", "tionen", "ität", "itäten", "ismus", "nisse"};
    if (n < 7)
        return 0;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && memcmp(w + n - k, suffixes[i], k) == 0)
            return 1;
    }
    return 0;
}

/* Words that make a name an organisation's when they head or end it
 * ("Evergrande Group", "Supreme Electoral Court", "Partido dos
 * Trabalhadores", "Banca d'Italia"), folded as the tokeniser folds. */
static const char *const org_words[] = {
    /* en */ "agency", "airlines", "airways", "assembly", "association",
    "bank", "church", "club", "commission", "committee", "company",
    "corporation", "council", "court", "federation", "foundation", "fund",
    "group", "inc", "index", "institute", "league", "ltd", "ministry",
    "organisation", "organization", "parliament", "party", "police",
    "senate", "university",
    /* de */ "ag", "bundestag", "gericht", "gesellschaft", "gmbh", "gruppe",
    "konzern", "ministerium", "partei", "stiftung", "universität",
    "verband",
    /* fr, es, pt, it */ "assemblée", "banca", "banco", "banque", "camera",
    "consejo", "conseil", "conselho", "consiglio", "corte", "câmara",
    "cámara", "groupe", "grupo", "gruppo", "ministerio", "ministero",
    "ministère", "ministério", "parti", "partido", "partito", "senado",
    "senato", "société", "tribunal", "universidad", "universidade",
    "università", "université",
    /* ru, uk */ "банк", "группа", "компания", "министерство", "партия",
    "партія", "совет", "суд",
};

int td__is_org_word(const char *w)
{
    for (size_t i = 0; i < sizeof org_words / sizeof org_words[0]; i++)
        if (strcmp(w, org_words[i]) == 0)
            return 1;
    return 0;
}

/* What one capitalised run is, read with one tokenisation:
 * - *skip: the byte length of the common words it starts with (len when
 *   it is nothing else: not a name): stop words, month and weekday names
 *   ("Tuesday", "Dienstag") in any language, and -- in German, which
 *   capitalises every noun ("Hunderte Häuser", "Staatschef Alexander
 *   Lukaschenko") -- words its bilingual dictionary knows (the pivot tables
 *   double as a lexicon of common words) or its noun suffixes mark;
 * - *org: whether the rest is headed or ended by an organisation word.
 * Returns 0, or -1 when memory ran out. */
static int read_run(const char *text, size_t off, size_t len,
                    const char *lang, size_t *skip, int *org)
{
    int nouns_capitalised = lang && (strcmp(lang, "de") == 0 ||
                                     strcmp(lang, "lb") == 0);
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(text + off, len, lang, &t) != TD_OK)
        return -1;
    size_t first = t.n;
    for (size_t i = 0; i < t.n && first == t.n; i++) {
        const td__token *w = &t.v[i];
        uint32_t ids[TD__PIVOT_MAX];
        if (w->flags & TD_TOKEN_STOP)
            continue;
        if (td__is_date_word_in(text + off + w->off, w->len, lang))
            continue;
        if (nouns_capitalised &&
            (td__pivot_lookup(lang, w->stem, strlen(w->stem), ids) > 0 ||
             german_noun_suffix(w->norm, strlen(w->norm))))
            continue;
        first = i;
    }
    *skip = first < t.n ? t.v[first].off : len;
    *org = first < t.n && (td__is_org_word(t.v[first].norm) ||
                           td__is_org_word(t.v[t.n - 1].norm));
    td__tokens_free(&t);
    return 0;
}

/* Dates written without a year ("7 gennaio", "January 7") in an article
 * with no date of its own take the year that puts them nearest the latest
 * full date the text gives ("1 gennaio 2022"): the story's own time. */
static long day_of(const td__date_hit *d, int year)
{
    return td__days_from_civil(year, d->month, d->day ? d->day : 15);
}

static void years_from_context(td__date_hit *d, size_t n)
{
    const td__date_hit *ctx = NULL;
    for (size_t i = 0; i < n; i++)
        if (d[i].year && d[i].month && d[i].day && !d[i].relative &&
            (!ctx || day_of(&d[i], d[i].year) > day_of(ctx, ctx->year)))
            ctx = &d[i];
    if (!ctx)
        return;
    long c = day_of(ctx, ctx->year);
    for (size_t i = 0; i < n; i++) {
        if (d[i].year || !d[i].month || d[i].relative)
            continue;
        int best = ctx->year;
        long best_gap = -1;
        for (int y = ctx->year - 1; y <= ctx->year + 1; y++) {
            long g = labs(day_of(&d[i], y) - c);
            if (best_gap < 0 || g < best_gap)
                best = y, best_gap = g;
        }
        d[i].year = best;
    }
}

/* Whether hit x is written out beside acronym hit y, "Acordo de Segurança
 * Conjunta (ODKB)" or "ODKB (Acordo de Segurança Conjunta)": then it is
 * the organisation's name, not a person. */
static int spells_out(const char *text, size_t len, const td__name_hit *x,
                      const td__name_hit *y)
{
    const td__name_hit *a = x->off < y->off ? x : y, *b = a == x ? y : x;
    size_t end = a->off + a->len;
    size_t close = b->off + b->len;
    return end + 2 == b->off && text[end] == ' ' && text[end + 1] == '(' &&
           close < len && text[close] == ')';
}

static size_t expanded_acronym(const char *text, size_t len,
                               const td__name_hits *names, size_t i)
{
    const td__name_hit *h = &names->v[i];
    if (h->kind == TD__NAME_ACRONYM)
        return names->n;
    for (size_t k = i ? i - 1 : 0; k < names->n && k <= i + 1; k++)
        if (k != i && names->v[k].kind == TD__NAME_ACRONYM &&
            spells_out(text, len, h, &names->v[k]))
            return k;
    return names->n;
}

/* Scripts that write no capitals, so that a name looks like any word:
 * there every word run may be a name known from elsewhere. Han is left
 * out: its readings are syllables that match anything. */
static int caseless_letter(UChar32 c)
{
    if (!u_isalpha(c) || u_isupper(c) || u_islower(c) || u_istitle(c))
        return 0;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &err);
    return U_SUCCESS(err) && sc != USCRIPT_HAN && sc != USCRIPT_COMMON &&
           sc != USCRIPT_INHERITED;
}

static int has_caseless(const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        if ((unsigned char)text[i] < 0xD7) {
            i++;
            continue;
        }
        UChar32 c = (UChar32)td__utf8_next(text, len, &i);
        if (caseless_letter(c))
            return 1;
    }
    return 0;
}

/* Between two words of one name: spaces, a katakana middle dot, a
 * zero-width non-joiner or an underscore. */
static int joins_words(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        UChar32 c = (UChar32)td__utf8_next(s, n, &j);
        if (c != ' ' && c != 0x30FB && c != 0x200C && c != '_' && c != 0xA0)
            return 0;
        i = j;
    }
    return 1;
}

#define CASELESS_MAX_WORDS 3

/* Adds a mention of text[off..off+n) to the tentative entity of key,
 * made if the article has none yet. */
static int add_tentative(td__extracted *x, const char *text, size_t off,
                         size_t n, const char *key)
{
    size_t e;
    for (e = 0; e < x->nent; e++)
        if (x->ent[e].tentative && strcmp(x->ent[e].key, key) == 0)
            break;
    if (e == x->nent) {
        if (add_entity(x, TD__ENT_PERSON, text + off, n, key, NULL) != 0)
            return -1;
        x->ent[e].tentative = 1;
    }
    return add_mention(x, e, off, n);
}

static int kana(UChar32 c)
{
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &err);
    return U_SUCCESS(err) &&
           (sc == USCRIPT_KATAKANA || sc == USCRIPT_HIRAGANA ||
            sc == USCRIPT_KATAKANA_OR_HIRAGANA);
}

/* Offers every run of one to CASELESS_MAX_WORDS content words in a
 * caseless script as a tentative name; no kana runs when the readings
 * (entity/reading.h) offered Japanese names already. */
static int caseless_candidates(td__extracted *x, const char *text, size_t len,
                               const char *lang, int no_kana, td__buf *key)
{
    if (!has_caseless(text, len))
        return 0;
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(text, len, lang, &t) != TD_OK)
        return -1;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < t.n; i++) {
        size_t end = i;
        for (size_t k = 0; k < CASELESS_MAX_WORDS && end < t.n; k++, end++) {
            const td__token *w = &t.v[end];
            size_t p = w->off;
            UChar32 c = (UChar32)td__utf8_next(text, len, &p);
            if ((w->flags & (TD_TOKEN_STOP | TD_TOKEN_NUMBER)) ||
                !caseless_letter(c) || w->len < 4 || (no_kana && kana(c)))
                break;
            if (k && !joins_words(text + t.v[end - 1].off + t.v[end - 1].len,
                                  w->off - t.v[end - 1].off -
                                      t.v[end - 1].len))
                break;
            size_t off = t.v[i].off, n = w->off + w->len - off;
            td__place pl;
            if (k == 0 && inflected_place(text + off, n, lang, &pl)) {
                td__place_hit ih = {off, n, pl};
                rc = add_place(x, text, &ih);
                break; /* a place, not the start of a name */
            }
            td__buf_reset(key);
            if (td__name_key(text + off, n, key) != 0) {
                rc = -1;
                break;
            }
            if (key->len < 3)
                continue;
            rc = add_tentative(x, text, off, n, key->p);
        }
    }
    td__tokens_free(&t);
    return rc;
}

static int japanese(const char *lang)
{
    return lang && lang[0] == 'j' && lang[1] == 'a' &&
           (!lang[2] || lang[2] == '-' || lang[2] == '_');
}

/* Gazetteer places among the names read from Japanese (entity/reading.h):
 * a name that no place found in the text overlaps, the dictionary lacks
 * or tags as a place, spelled in Latin as the gazetteer has it
 * (アルタデナ, Altadena; 務安(ムアン), Muan); read from kanji, a place in
 * Japan only. Marks the names taken in used. */
static int reading_places(td__extracted *x, const char *text,
                          const td__readings *rd, const td__place_hit *ph,
                          size_t np, char *used)
{
    for (size_t i = 0; i < rd->n; i++) {
        const td__reading_name *nm = &rd->v[i];
        if (!nm->place)
            continue;
        int free_span = 1;
        for (size_t k = 0; k < np && free_span; k++)
            free_span = ph[k].off >= nm->off + nm->len ||
                        ph[k].off + ph[k].len <= nm->off;
        if (!free_span)
            continue;
        for (size_t k = 0; k < nm->nkeys; k++) {
            td__place pl;
            if (!td__place_lookup(nm->keys[k], strlen(nm->keys[k]), &pl) ||
                pl.kind == TD__PLACE_DEMONYM ||
                (nm->japan && strcmp(pl.country, "JP") != 0))
                continue;
            td__place_hit h = {nm->off, nm->len, pl};
            if (add_place(x, text, &h) != 0)
                return -1;
            used[i] = 1;
            break;
        }
    }
    return 0;
}

/* The names read from Japanese that are no place, as tentative names
 * under each of their keys. */
static int reading_candidates(td__extracted *x, const char *text,
                              const td__readings *rd, const char *used)
{
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < rd->n; i++)
        for (size_t k = 0; rc == 0 && !used[i] && k < rd->v[i].nkeys; k++)
            rc = add_tentative(x, text, rd->v[i].off, rd->v[i].len,
                               rd->v[i].keys[k]);
    return rc;
}

/* Drops the place hits that begin or end inside a katakana word. */
static size_t drop_places_in_words(const td__readings *rd, td__place_hit *ph,
                                   size_t np)
{
    size_t o = 0;
    for (size_t k = 0; k < np; k++)
        if (!td__readings_cut(rd, ph[k].off, ph[k].len))
            ph[o++] = ph[k];
    return o;
}

/* A capitalised run as extraction reads it. */
typedef struct run {
    size_t off, len;
    char *key; /* owned */
    td__entity_kind kind;
    int multi; /* more than one word */
} run;

static int by_offset(const void *a, const void *b)
{
    const td__mention *x = a, *y = b;
    return x->off < y->off ? -1 : x->off > y->off;
}

td_status td__extract(const char *text, size_t len, const char *lang,
                      const char *ref, td__extracted *out)
{
    memset(out, 0, sizeof *out);
    td__place_hit *ph = td__malloc(MAX_PLACES * sizeof *ph);
    out->dates = td__malloc(MAX_DATES * sizeof *out->dates);
    out->nums = td__malloc(MAX_NUMBERS * sizeof *out->nums);
    td__name_hits names = {0};
    td__buf key = TD__BUF_INIT;
    td__readings rd = {0};
    char *used = NULL; /* per reading: taken as a place */
    int rc = (!ph || !out->dates || !out->nums) ? -1 : 0;
    size_t np = 0;
    if (rc == 0) {
        np = td__places_find(text, len, ph, MAX_PLACES);
        if (np > MAX_PLACES)
            np = MAX_PLACES;
        size_t nd = td__dates_find(text, len, lang, ref, out->dates, MAX_DATES);
        out->ndates = nd < MAX_DATES ? nd : MAX_DATES;
        if (!ref)
            years_from_context(out->dates, out->ndates);
        size_t nn = td__numbers_find(text, len, lang, out->nums, MAX_NUMBERS);
        out->nnums = nn < MAX_NUMBERS ? nn : MAX_NUMBERS;
        if (td__names_find(text, len, &names) != TD_OK)
            rc = -1;
    }
    if (rc == 0 && japanese(lang) &&
        (td__readings_find(text, len, &rd) != TD_OK ||
         (rd.n && !(used = td__calloc(rd.n, 1)))))
        rc = -1;
    if (rc == 0 && rd.on)
        np = drop_places_in_words(&rd, ph, np);
    if (rc == 0)
        np = drop_places_in_names(text, lang, &names, ph, np);
    for (size_t i = 0; rc == 0 && i < np; i++)
        rc = add_place(out, text, &ph[i]);
    if (rc == 0 && rd.n)
        rc = reading_places(out, text, &rd, ph, np, used);
    /* Each run read once: its span without places, leading names and
     * common words, its key and its kind. */
    run *runs = rc == 0 && names.n ? td__calloc(names.n, sizeof *runs) : NULL;
    size_t nruns = 0;
    if (names.n && !runs)
        rc = -1;
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        td__name_hit *h = &names.v[i];
        size_t off = h->off, n = h->len;
        if (expanded_acronym(text, len, &names, i) < names.n)
            continue; /* joins its acronym below */
        if (!trim_places(ph, np, &off, &n))
            continue;
        trim_space(text, &off, &n);
        if (!n)
            continue;
        size_t lead = leading_name(text, &names, i, off, n);
        if (lead) {
            off += lead;
            n -= lead;
            trim_space(text, &off, &n);
        }
        td__entity_kind kind = TD__ENT_ORG;
        if (h->kind != TD__NAME_ACRONYM) {
            size_t skip;
            int org;
            if (read_run(text, off, n, lang, &skip, &org) != 0) {
                rc = -1;
                break;
            }
            if (skip >= n)
                continue;
            off += skip;
            n -= skip;
            kind = org ? TD__ENT_ORG : TD__ENT_PERSON;
        }
        /* a facility first: "реки Иордан" is the river, though Иордан
         * alone is the country */
        td__buf_reset(&key);
        int fac = h->kind == TD__NAME_ACRONYM
                      ? 0
                      : td__facility_key(text, &off, &n, lang, &key);
        td__place infl;
        if (fac == 0 && h->kind != TD__NAME_ACRONYM &&
            inflected_place(text + off, n, lang, &infl)) {
            td__place_hit ih = {off, n, infl};
            rc = add_place(out, text, &ih);
            continue;
        }
        if (fac > 0)
            kind = TD__ENT_FACILITY;
        else if (fac < 0 || (td__buf_reset(&key),
                             td__name_key(text + off, n, &key) != 0)) {
            rc = -1;
            break;
        }
        if (!key.len)
            continue;
        run *r = &runs[nruns];
        if (!(r->key = td__strdup(key.p))) {
            rc = -1;
            break;
        }
        r->off = off, r->len = n, r->kind = kind;
        r->multi = strchr(key.p, ' ') != NULL;
        nruns++;
    }
    /* Longer names first, so that "Nursultan Nazarbayev" founds the entity
     * that "Nazarbayev" then joins. */
    for (int pass = 0; rc == 0 && pass < 2; pass++)
        for (size_t i = 0; rc == 0 && i < nruns; i++)
            if ((pass == 0) == runs[i].multi)
                rc = add_name(out, text, runs[i].off, runs[i].len,
                              runs[i].kind, runs[i].key);
    for (size_t i = 0; i < nruns; i++)
        td__free(runs[i].key);
    td__free(runs);
    /* Names written out beside their acronym join the acronym's entity. */
    for (size_t i = 0; rc == 0 && i < names.n; i++) {
        size_t a = expanded_acronym(text, len, &names, i);
        if (a == names.n)
            continue;
        td__buf_reset(&key);
        if (td__name_key(text + names.v[a].off, names.v[a].len, &key) != 0) {
            rc = -1;
            break;
        }
        if (key.len)
            rc = add_name(out, text, names.v[i].off, names.v[i].len,
                          TD__ENT_ORG, key.p);
    }
    /* last, so that the entities found for sure come first */
    if (rc == 0 && rd.n)
        rc = reading_candidates(out, text, &rd, used);
    if (rc == 0)
        rc = caseless_candidates(out, text, len, lang, rd.on, &key);
    if (rc == 0 && out->nmen > 1)
        qsort(out->men, out->nmen, sizeof *out->men, by_offset);
    td__free(ph);
    td__name_hits_free(&names);
    td__buf_free(&key);
    td__readings_free(&rd);
    td__free(used);
    if (rc != 0) {
        td__extracted_free(out);
        return TD_ENOMEM;
    }
    return TD_OK;
}

void td__extracted_free(td__extracted *x)
{
    for (size_t i = 0; i < x->nent; i++) {
        td__free(x->ent[i].name);
        td__free(x->ent[i].key);
    }
    td__free(x->ent);
    td__free(x->men);
    td__free(x->dates);
    td__free(x->nums);
    memset(x, 0, sizeof *x);
}
