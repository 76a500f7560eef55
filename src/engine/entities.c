/* entities.c -- joining an article's entities to the store's, and reading
 * an entity back (td_engine_entity).
 *
 * Across articles a name joins an entity only by the strict rule of
 * td__names_match (same surname skeleton; given names agree when both have
 * them), so two Johnsons with different first names stay two. A surname
 * alone joins the most mentioned compatible entity. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/hmap.h"
#include "engine/analysis.h"
#include "engine/engine.h"
#include "entity/names.h"
#include "entity/orgsig.h"
#include "entity/reading.h"
#include "entity/facility.h"
#include "entity/places.h"
#include "story/cluster.h"
#include "story/features.h"
#include "story/pivot.h"
#include "text/morph.h"
#include "text/tokens.h"
#include "text/unicode.h"

#include <unicode/uchar.h>

#define MAX_CANDIDATES 64
#define MAX_ARTICLES 200
#define MAX_RELATED 20
#define MAX_ALTERNATIVES 8
#define CASELESS_WORDS 3 /* the longest tentative run (extract.c) */

/* The lookup prefix of a key: names by the first three letters of their
 * surname's skeleton; places and acronyms by the whole key. */
/* Kinds whose keys are names, matched by spelling (td__names_match);
 * the others match by the whole key. */
static int named_kind(int kind)
{
    return kind == TD__ENT_PERSON || kind == TD__ENT_FACILITY;
}

static const int searched_kinds[] = {TD__ENT_PERSON, TD__ENT_ORG,
                                     TD__ENT_FACILITY};

static int weak_fragment(const char *row_key, const char *key);

static void key_prefix(int kind, const char *key, char *out, size_t cap)
{
    if (!named_kind(kind)) {
        snprintf(out, cap, "%s", key);
        return;
    }
    const char *last = strrchr(key, ' ');
    last = last ? last + 1 : key;
    char skel[64];
    td__name_skeleton(last, strlen(last), skel, sizeof skel);
    snprintf(out, cap, "%.3s", skel);
}

static size_t words(const char *key)
{
    size_t n = 1;
    for (; *key; key++)
        n += *key == ' ';
    return n;
}

/* The look-ups of one article's names, and of one pass over the late
 * names, ask for the same prefixes again and again (every base form of a
 * name but the last word's has its prefix). Between two writes to the
 * entities, inside our transaction, the store answers the same: the rows
 * are kept until this engine writes (like_gen moves on). */
#define LIKE_SLOTS 64
struct td__like_cache {
    uint64_t gen; /* e->like_gen when filled; 0: empty */
    int kind;
    char prefix[64];
    size_t n;
    td__entity_row rows[MAX_CANDIDATES];
};

static td_status entities_like(td_engine *e, int kind, const char *prefix,
                               td__entity_row *local,
                               const td__entity_row **rows, size_t *n)
{
    size_t plen = strlen(prefix);
    td__like_cache *slot = NULL;
    if (plen < sizeof slot->prefix &&
        (e->like || (e->like = td__calloc(LIKE_SLOTS, sizeof *e->like)))) {
        uint64_t h = td__hash64(prefix, plen, (uint64_t)kind + 1);
        slot = &e->like[h % LIKE_SLOTS];
        if (e->like_gen && slot->gen == e->like_gen && slot->kind == kind &&
            !strcmp(slot->prefix, prefix)) {
            *rows = slot->rows, *n = slot->n;
            return TD_OK;
        }
    }
    td__entity_row *out = slot ? slot->rows : local;
    if (slot)
        slot->gen = 0;
    td_status st = td__store_entities_like(e->store, kind, prefix, out,
                                           MAX_CANDIDATES, n);
    if (st == TD_OK && slot) {
        slot->gen = e->like_gen, slot->kind = kind, slot->n = *n;
        memcpy(slot->prefix, prefix, plen + 1);
    }
    *rows = out;
    return st;
}

/* The stored entity for one of the article's entities; created if new. */
/* The best stored entity of kind for key: its row in *best (score 0:
 * none). strict: every word of key must be the entity's (tentative runs,
 * td__names_cover). */
static td_status best_match(td_engine *e, int kind, const char *key,
                            int strict, td__entity_row *best, int *score)
{
    char prefix[256];
    key_prefix(kind, key, prefix, sizeof prefix);
    td__entity_row local[MAX_CANDIDATES];
    const td__entity_row *rows = local;
    size_t n = 0;
    *score = 0;
    td_status st = entities_like(e, kind, prefix, local, &rows, &n);
    for (size_t i = 0; st == TD_OK && i < n; i++) {
        int m = !named_kind(kind) ? 2 * !strcmp(rows[i].key, key)
                : strict          ? td__names_cover(key, rows[i].key)
                                  : td__names_match(rows[i].key, key);
        if (m == 1 && weak_fragment(rows[i].key, key))
            m = 0; /* "Jeju Air" is not the "Air" of another text */
        if (m > *score) /* rows come most mentioned first */
            *best = rows[i], *score = m;
    }
    return st;
}

/* A name's inflected forms (Путиным, Lindnera, Franciszkiem) join the
 * stored entity of a base form the language's rules give: each word
 * replaced by each of its likelier bases in turn. The best match of all
 * wins; *score 0 when none. */
#define MAX_BASES 4
#define MIN_BASE_WEIGHT 0.05f

/* Calls cb with name where one word at a time is replaced by each of its
 * likelier base forms in language lang; stops at the first status cb
 * returns other than TD_OK. */
typedef td_status (*base_form_cb)(void *ud, const char *form, size_t len);

static td_status each_base_form(const char *name, const char *lang,
                                base_form_cb cb, void *ud)
{
    size_t n = strlen(name);
    td__buf alt = TD__BUF_INIT;
    td_status st = TD_OK;
    for (size_t i = 0; st == TD_OK && i < n;) {
        size_t j = i;
        while (j < n && name[j] != ' ')
            j++;
        td__morph_base m[MAX_BASES];
        size_t nm = td__morph_bases(lang, name + i, j - i, m, MAX_BASES);
        for (size_t k = 0; st == TD_OK && k < nm; k++) {
            if (m[k].weight < MIN_BASE_WEIGHT)
                continue;
            td__buf_reset(&alt);
            if (td__buf_append(&alt, name, i) != 0 ||
                td__buf_puts(&alt, m[k].form) != 0 ||
                td__buf_append(&alt, name + j, n - j) != 0)
                st = TD_ENOMEM;
            else
                st = cb(ud, alt.p, alt.len);
        }
        i = j + 1;
    }
    td__buf_free(&alt);
    return st;
}

typedef struct base_match {
    td_engine *e;
    int kind, strict;
    td__entity_row *best;
    int *score;
} base_match;

static td_status match_base_form(void *ud, const char *form, size_t len)
{
    base_match *b = ud;
    td__buf key = TD__BUF_INIT;
    td_status st = td__name_key(form, len, &key) != 0 ? TD_ENOMEM : TD_OK;
    td__entity_row r;
    int sc = 0;
    if (st == TD_OK && key.len)
        st = best_match(b->e, b->kind, key.p, b->strict, &r, &sc);
    if (st == TD_OK &&
        (sc > *b->score ||
         (sc && sc == *b->score && r.mentions > b->best->mentions)))
        *b->best = r, *b->score = sc;
    td__buf_free(&key);
    return st;
}

static td_status match_bases(td_engine *e, int kind, const char *name,
                             const char *lang, int strict,
                             td__entity_row *best, int *score)
{
    *score = 0;
    if (!lang || !td__morph_has_lang(lang))
        return TD_OK;
    base_match b = {e, kind, strict, best, score};
    return each_base_form(name, lang, match_base_form, &b);
}

static td_status resolve_one(td_engine *e, const td__entity *x,
                             const char *lang, int64_t *id)
{
    td__entity_row best;
    int score = 0;
    td_status st = best_match(e, (int)x->kind, x->key, 0, &best, &score);
    if (st == TD_OK && !score && named_kind((int)x->kind))
        st = match_bases(e, (int)x->kind, x->name, lang, 0, &best, &score);
    /* a facility never seen whose name is a person's full name the store
     * knows is that person after a noun ("начальник порта Александр
     * Воронков": the port's head, not a port named so) */
    const char *named = x->kind == TD__ENT_FACILITY ? strchr(x->key, ' ') : NULL;
    if (st == TD_OK && !score && named && strchr(named + 1, ' ')) {
        st = best_match(e, TD__ENT_PERSON, named + 1, 0, &best, &score);
        if (st == TD_OK && score == 2) {
            *id = best.id;
            return TD_OK;
        }
        score = 0; /* a compatible name alone is not enough */
    }
    if (st != TD_OK)
        return st;
    if (score) {
        *id = best.id;
        if (words(x->key) > words(best.key)) {
            e->like_gen++;
            return td__store_entity_set_key(e->store, *id, x->key);
        }
        return TD_OK;
    }
    e->like_gen++;
    char prefix[256];
    key_prefix((int)x->kind, x->key, prefix, sizeof prefix);
    return td__store_entity_add(e->store, (int)x->kind, x->key, prefix,
                                x->kind == TD__ENT_PLACE ? x->name : NULL,
                                id);
}

/* A tentative run (extract.h) stands for the stored person or
 * organisation it strictly matches, or for nothing (*id = 0). */
static td_status resolve_tentative(td_engine *e, const td__entity *x,
                                   const char *lang, int64_t *id)
{
    *id = 0;
    int best_score = 0;
    int64_t best_mentions = -1;
    for (size_t ki = 0; ki < 2; ki++) { /* people and organisations */
        int kind = searched_kinds[ki];
        td__entity_row r;
        int sc = 0;
        td_status st = best_match(e, kind, x->key, 1, &r, &sc);
        if (st == TD_OK && !sc && kind == TD__ENT_PERSON && x->name)
            st = match_bases(e, kind, x->name, lang, 1, &r, &sc);
        if (st != TD_OK)
            return st;
        if (sc > best_score || (sc && sc == best_score && r.mentions > best_mentions))
            best_score = sc, best_mentions = r.mentions, *id = r.id;
    }
    return TD_OK;
}

static size_t key_words(const char *key)
{
    size_t n = 1;
    for (; *key; key++)
        n += *key == ' ';
    return n;
}

/* Whether any mention of entity i lies outside the spans taken. */
static int uncovered(const td__extracted *x, size_t i, const char *taken)
{
    for (size_t k = 0; k < x->nmen; k++) {
        const td__mention *m = &x->men[k];
        if (m->entity != i)
            continue;
        int free_span = 1;
        for (size_t b = m->off; b < m->off + m->len && free_span; b++)
            free_span = !taken[b];
        if (free_span)
            return 1;
    }
    return 0;
}

static void take(const td__extracted *x, size_t i, char *taken)
{
    for (size_t k = 0; k < x->nmen; k++)
        if (x->men[k].entity == i)
            memset(taken + x->men[k].off, 1, x->men[k].len);
}

/* Tentative runs, longest first, each where no found name or longer
 * match already stands. */
/* Keeps the mentions of unmatched tentative entity i of article seq in
 * the store for td__entities_late: every writer tries them again, in this
 * process or another. */
static td_status keep_late(td_engine *e, int64_t seq, const td_analysis *a,
                           size_t i)
{
    const td__extracted *x = &a->ents;
    td__buf surface = TD__BUF_INIT;
    td_status st = TD_OK;
    for (size_t k = 0; st == TD_OK && k < x->nmen; k++) {
        const td__mention *m = &x->men[k];
        if (m->entity != i)
            continue;
        td__buf_reset(&surface);
        if (td__buf_append(&surface, a->clean.text + m->off, m->len) != 0) {
            st = TD_ENOMEM;
            break;
        }
        st = td__store_pending_add(e->store, seq, x->ent[i].key, surface.p,
                                   a->lang, m->off, m->len,
                                   key_words(x->ent[i].key));
    }
    td__buf_free(&surface);
    return st;
}

static td_status resolve_tentatives(td_engine *e, int64_t seq,
                                    const td_analysis *a, int64_t *ids)
{
    const td__extracted *x = &a->ents;
    size_t len = strlen(a->clean.text);
    char *taken = td__calloc(len + 1, 1);
    if (!taken)
        return TD_ENOMEM;
    for (size_t i = 0; i < x->nent; i++)
        if (!x->ent[i].tentative)
            take(x, i, taken);
    td_status st = TD_OK;
    for (size_t words = CASELESS_WORDS; st == TD_OK && words > 0; words--)
        for (size_t i = 0; st == TD_OK && i < x->nent; i++) {
            if (!x->ent[i].tentative || key_words(x->ent[i].key) != words ||
                !uncovered(x, i, taken))
                continue;
            st = resolve_tentative(e, &x->ent[i], a->lang, &ids[i]);
            if (st == TD_OK && ids[i])
                take(x, i, taken);
            else if (st == TD_OK)
                st = keep_late(e, seq, a, i);
        }
    td__free(taken);
    return st;
}

td_status td__store_article_entities(td_engine *e, int64_t seq,
                                     const td_analysis *a, int64_t **out_ids)
{
    const td__extracted *x = &a->ents;
    int64_t *ids = td__calloc(x->nent ? x->nent : 1, sizeof *ids);
    if (!ids)
        return TD_ENOMEM;
    e->like_gen++; /* what was kept came before our transaction */
    td_status st = TD_OK;
    for (size_t i = 0; st == TD_OK && i < x->nent; i++)
        if (!x->ent[i].tentative)
            st = resolve_one(e, &x->ent[i], a->lang, &ids[i]);
    if (st == TD_OK)
        st = resolve_tentatives(e, seq, a, ids);
    td__buf surface = TD__BUF_INIT;
    const char *text = a->clean.text;
    for (size_t i = 0; st == TD_OK && i < x->nmen; i++) {
        const td__mention *m = &x->men[i];
        if (!ids[m->entity])
            continue; /* a tentative run that named nothing known */
        td__buf_reset(&surface);
        if (td__buf_append(&surface, text + m->off, m->len) != 0) {
            st = TD_ENOMEM;
            break;
        }
        st = td__store_mention_add(e->store, seq, ids[m->entity], surface.p,
                                   a->lang, m->off, m->len);
    }
    for (size_t i = 0; st == TD_OK && i < x->ndates; i++) {
        char iso[11];
        td__format_date(&x->dates[i], iso);
        st = td__store_date_add(e->store, seq, iso, x->dates[i].off,
                                x->dates[i].len, x->dates[i].relative);
    }
    for (size_t i = 0; st == TD_OK && i < x->nnums; i++)
        st = td__store_number_add(e->store, seq, x->nums[i].value,
                                  x->nums[i].unit, x->nums[i].off,
                                  x->nums[i].len);
    td__buf_free(&surface);
    if (st == TD_OK)
        *out_ids = ids;
    else
        td__free(ids);
    return st;
}


static void late_drop(td__late *l)
{
    td__free(l->key);
    td__free(l->surface);
    l->key = l->surface = NULL;
}

void td__entities_late_free(td_engine *e)
{
    for (size_t i = 0; i < e->nlate; i++)
        late_drop(&e->late[i]);
    td__free(e->late);
    e->late = NULL;
    e->nlate = e->caplate = 0;
}

/* Whether an earlier match of the same article covers the span of v[at].
 * v is in article order (td__store_pending_recent), so only the entries
 * next to it can be of its article. */
static int late_covered(const td__late *v, size_t n, size_t at)
{
    const td__late *l = &v[at];
    size_t lo = at, hi = at + 1;
    while (lo > 0 && v[lo - 1].seq == l->seq)
        lo--;
    while (hi < n && v[hi].seq == l->seq)
        hi++;
    for (size_t i = lo; i < hi; i++)
        if (!v[i].key && v[i].off < l->off + l->len &&
            l->off < v[i].off + v[i].len && v[i].words)
            return 1;
    return 0;
}

static void on_pending(void *ud, int64_t seq, const char *key,
                       const char *surface, const char *lang, size_t off,
                       size_t len, size_t words)
{
    td_engine *e = ud;
    if (e->nlate == SIZE_MAX)
        return; /* out of memory already */
    if (e->nlate == e->caplate) {
        size_t cap = e->caplate ? e->caplate * 2 : 256;
        td__late *v = td__realloc(e->late, cap * sizeof *v);
        if (!v) {
            td__entities_late_free(e);
            e->nlate = SIZE_MAX;
            return;
        }
        e->late = v, e->caplate = cap;
    }
    td__late *l = &e->late[e->nlate];
    l->seq = seq;
    l->key = td__strdup(key);
    l->surface = td__strdup(surface);
    snprintf(l->lang, sizeof l->lang, "%s", lang ? lang : "");
    l->off = off, l->len = len, l->words = words;
    if (!l->key || !l->surface) {
        late_drop(l);
        td__entities_late_free(e);
        e->nlate = SIZE_MAX;
        return;
    }
    e->nlate++;
}

/* The pass below stores nothing until a name matches, so while none has,
 * a name tried and unmatched before (the same key, surface and language,
 * as the same names recur across the window) fails again: it is looked up
 * once. failed maps a hash of the three to the entry that failed. */
static uint64_t late_hash(const td__late *l)
{
    uint64_t h = td__hash64(l->key, strlen(l->key), 1);
    h = td__hash64(l->surface, strlen(l->surface), h);
    return td__hash64(l->lang, strlen(l->lang), h);
}

static int late_same(const td__late *a, const td__late *b)
{
    return a->key && b->key && !strcmp(a->key, b->key) &&
           !strcmp(a->surface, b->surface) && !strcmp(a->lang, b->lang);
}

/* Stores the pending name l as a mention of entity id, with the feature
 * its article gains, and marks it matched (late_covered); the mention is
 * the first keep bytes of the name (a particle written onto it left
 * out), l->len for all of it. */
static td_status late_store_part(td_engine *e, td__late *l, int64_t id,
                                 size_t keep)
{
    e->like_gen++;
    if (keep < l->len)
        l->surface[keep] = '\0';
    td_status st = td__store_mention_add(e->store, l->seq, id, l->surface,
                                         l->lang, l->off, keep);
    if (st == TD_OK)
        st = td__store_pending_forget(e->store, l->seq, l->off, l->len);
    int ch = st == TD_OK && e->cl
                 ? td__cluster_add_feature(e->cl, l->seq,
                                           td__entity_feature(id), 1.0f)
                 : 0;
    if (ch < 0)
        st = TD_ENOMEM;
    const td__feature *f;
    const uint64_t *sig;
    size_t nf, ntok;
    int64_t root;
    if (st == TD_OK && ch > 0 &&
        td__cluster_doc(e->cl, l->seq, &f, &nf, &sig, &root, &ntok) == 0)
        st = td__store_features_put(e->store, l->seq, f, nf * sizeof *f, sig,
                                    TD__MINHASH * sizeof *sig, root,
                                    (int64_t)ntok);
    late_drop(l);
    return st;
}

static td_status late_store(td_engine *e, td__late *l, int64_t id)
{
    return late_store_part(e, l, id, l->len);
}

/* A name of a caseless script that no entity took is a new entity when
 * it recurs: written alike in two articles or more, but in no more than a
 * third of the recent articles of its language that have such runs (a
 * common word spreads over most). Longest runs first, as above; a run
 * taken marks the shorter ones inside it. */
#define FOUND_MIN_ARTICLES 2
#define FOUND_MAX_SHARE 3
#define FOUND_MIN_WORDS 2 /* one word alone is a common word too often */

/* How many articles the pending names of each language come from (the
 * first MAX_LANGS languages met; others count as none). */
#define MAX_LANGS 64
typedef struct lang_count {
    char lang[8];
    size_t n;
} lang_count;

static size_t count_langs(const td_engine *e, lang_count *c)
{
    size_t nl = 0;
    int64_t last = -1;
    for (size_t i = 0; i < e->nlate; i++) {
        if (e->late[i].seq == last)
            continue;
        last = e->late[i].seq;
        size_t k = 0;
        while (k < nl && strcmp(c[k].lang, e->late[i].lang))
            k++;
        if (k == nl && nl < MAX_LANGS)
            memcpy(c[nl].lang, e->late[i].lang, sizeof c[nl].lang),
                c[nl++].n = 0;
        if (k < nl)
            c[k].n++;
    }
    return nl;
}

static size_t lang_articles(const lang_count *c, size_t nl, const char *lang)
{
    for (size_t k = 0; k < nl; k++)
        if (!strcmp(c[k].lang, lang))
            return c[k].n;
    return 0;
}

/* Whether a pending run can be a name: no word of it a stop word or a word
 * of its language's pivot dictionary (الحكومة, the government), none
 * shorter than two letters. */
static int name_like_run(const td__late *l, size_t min_words)
{
    if (strlen(l->key) < 3)
        return 0;
    td__tokens t = TD__TOKENS_INIT;
    const char *lang = *l->lang ? l->lang : NULL;
    if (td__tokenize(l->surface, strlen(l->surface), lang, &t) != TD_OK)
        return 0;
    /* words as written (a Hangul word's key has one per syllable) */
    size_t written = 1;
    for (const char *c = l->surface; *c; c++)
        written += *c == ' ';
    int ok = t.n > 0 && t.n <= CASELESS_WORDS && written >= min_words;
    int piv = lang && td__pivot_has(lang);
    for (size_t i = 0; ok && i < t.n; i++) {
        const td__token *x = &t.v[i];
        uint32_t ids[TD__PIVOT_MAX];
        size_t cps = 0, n = strlen(x->norm);
        for (size_t k = 0; k < n; cps++)
            (void)td__utf8_next(x->norm, n, &k);
        ok = !(x->flags & TD_TOKEN_STOP) && cps >= 2 &&
             !(piv && td__pivot_lookup(lang, x->stem, strlen(x->stem), ids));
    }
    td__tokens_free(&t);
    return ok;
}

static td_status found_recurring(td_engine *e)
{
    if (!e->cl || !e->nlate)
        return TD_OK;
    size_t *next = td__calloc(e->nlate, sizeof *next);
    if (!next)
        return TD_ENOMEM;
    lang_count langs[MAX_LANGS];
    size_t nlangs = count_langs(e, langs);
    td_status st = TD_OK;
    /* a run of fewer words than a found name needs is never one: not
     * even chained (they are most of the entries) */
    for (size_t words = CASELESS_WORDS; st == TD_OK && words >= FOUND_MIN_WORDS;
         words--) {
        /* entries of one key chained: head in the map, next[i] - 1 */
        td__hmap heads = TD__HMAP_INIT;
        for (size_t i = e->nlate; st == TD_OK && i-- > 0;) {
            td__late *l = &e->late[i];
            if (!l->key || l->words != words)
                continue;
            uint64_t *h = td__hmap_put(&heads, td__hash64(l->key,
                                                          strlen(l->key), 7));
            if (!h) {
                st = TD_ENOMEM;
                break;
            }
            next[i] = *h;
            *h = i + 1;
        }
        for (size_t i = 0; st == TD_OK && i < e->nlate; i++) {
            td__late *l = &e->late[i];
            if (!l->key || l->words != words)
                continue;
            const uint64_t *h = td__hmap_get(
                &heads, td__hash64(l->key, strlen(l->key), 7));
            if (!h || *h != i + 1)
                continue; /* not the first of its key */
            size_t arts = 0, live = 0;
            int64_t last_seq = -1;
            for (size_t j = i + 1; j; j = next[j - 1]) {
                td__late *m = &e->late[j - 1];
                if (!m->key || strcmp(m->key, l->key) != 0 ||
                    late_covered(e->late, e->nlate, j - 1))
                    continue;
                live++;
                if (m->seq != last_seq)
                    arts++;
                last_seq = m->seq;
            }
            size_t in_lang = lang_articles(langs, nlangs, l->lang);
            if (arts < FOUND_MIN_ARTICLES || !live ||
                arts * FOUND_MAX_SHARE > in_lang || !name_like_run(l, FOUND_MIN_WORDS))
                continue;
            char prefix[256];
            key_prefix(TD__ENT_PERSON, l->key, prefix, sizeof prefix);
            int64_t id = 0;
            e->like_gen++;
            char *key = td__strdup(l->key);
            if (!key) {
                st = TD_ENOMEM;
                break;
            }
            st = td__store_entity_add(e->store, TD__ENT_PERSON, key, prefix,
                                      NULL, &id);
            for (size_t j = i + 1; st == TD_OK && j; j = next[j - 1]) {
                td__late *m = &e->late[j - 1];
                if (m->key && !strcmp(m->key, key) &&
                    !late_covered(e->late, e->nlate, j - 1))
                    st = late_store(e, m, id);
            }
            td__free(key);
        }
        td__hmap_free(&heads);
    }
    td__free(next);
    return st;
}

/* A name of a caseless script that no entity took may still be one its
 * story names in another script, once the revisit has settled the
 * stories: حميدتي in a story where Hemedti is
 * named, വയനാട് beside Wayanad. Within one story the names are few, so
 * they are compared by how they sound (td__names_sound_alike), far more
 * loosely than across the store. A strong likeness (four consonants or
 * more) is enough; a weak one needs the name written twice in its article
 * or the entity named in two articles of the story. A name two entities
 * fit alike is left alone. */
#define STORY_NAMES 256

static int grow(void **v, size_t *cap, size_t n, size_t size);

#define OPENERS 20
typedef struct story_name {
    int64_t id, articles;
    char *key; /* owned; a place's is its name's */
    int here;  /* named in the article itself */
    unsigned open[OPENERS]; /* td__sound_openers: most names are unlike */
    size_t nopen;
} story_name;

typedef struct story_names {
    story_name *v;
    size_t n, cap;
    int oom;
} story_names;

static void story_names_clear(story_names *sn)
{
    for (size_t i = 0; i < sn->n; i++)
        td__free(sn->v[i].key);
    sn->n = 0;
    sn->oom = 0;
}

static void on_story_name(void *ud, int64_t entity, int kind, const char *key,
                          const char *name, int64_t articles, int here)
{
    story_names *sn = ud;
    if (sn->oom || !key || (kind == TD__ENT_PLACE && !name) ||
        !(named_kind(kind) || kind == TD__ENT_PLACE))
        return;
    if (grow((void **)&sn->v, &sn->cap, sn->n, sizeof *sn->v)) {
        sn->oom = 1;
        return;
    }
    td__buf k = TD__BUF_INIT;
    if (kind == TD__ENT_PLACE) {
        if (td__name_key(name, strlen(name), &k) != 0 ||
            td__buf_putc(&k, '\0') != 0) {
            td__buf_free(&k);
            sn->oom = 1;
            return;
        }
    } else if (td__buf_append(&k, key, strlen(key) + 1) != 0) {
        td__buf_free(&k);
        sn->oom = 1;
        return;
    }
    story_name *c = &sn->v[sn->n++];
    *c = (story_name){entity, articles, k.p, here, {0}, 0};
    c->nopen = td__sound_openers(c->key, 0, c->open, OPENERS);
}

/* How often key is pending in the article of v[at]. */
static size_t late_times(const td__late *v, size_t n, size_t at)
{
    size_t lo = at, hi = at + 1, times = 0;
    while (lo > 0 && v[lo - 1].seq == v[at].seq)
        lo--;
    while (hi < n && v[hi].seq == v[at].seq)
        hi++;
    for (size_t i = lo; i < hi; i++)
        times += v[i].key && !strcmp(v[i].key, v[at].key);
    return times;
}

/* Whether the script of a name writes its vowels: all but the abjads
 * (Arabic, Hebrew, Syriac, Thaana), which leave most of them out. */
static int writes_vowels(const char *surface)
{
    UChar32 c = 0;
    for (size_t i = 0, n = strlen(surface); i < n && !u_isalpha(c);)
        c = (UChar32)td__utf8_next(surface, n, &i);
    return !((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
             (c >= 0xFE70 && c <= 0xFEFF));
}

static int opens_alike(const unsigned *mine, size_t n, const story_name *c)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < c->nopen; k++)
            if (mine[i] == c->open[k])
                return 1;
    return 0;
}

/* The bytes of the case particle a Hangul word ends with (무안공항에서:
 * 에서, "at"), when two syllables or more are left before it; 0 when
 * none. The particles are Korean grammar, a closed class. */
static size_t hangul_particle(const char *w)
{
    static const char *const particles[] = {
        "에서", "에게", "으로", "까지", "부터", "처럼", "에", "로", "은",
        "는", "이", "가", "을", "를", "의", "와", "과", "도", "만"};
    size_t n = strlen(w);
    for (size_t i = 0; i < sizeof particles / sizeof particles[0]; i++) {
        size_t k = strlen(particles[i]);
        /* a syllable is three bytes in UTF-8 */
        if (n >= k + 6 && memcmp(w + n - k, particles[i], k) == 0)
            return k;
    }
    return 0;
}

/* Whether a name's script writes a name and the noun after it as one
 * word (Hangul: 무안공항, Muan airport). */
static int compounds(const char *surface)
{
    size_t i = 0;
    UChar32 c = (UChar32)td__utf8_next(surface, strlen(surface), &i);
    return c >= 0xAC00 && c <= 0xD7A3;
}

/* Matches pending name e->late[i] against the names of its story. */
static td_status sound_one(td_engine *e, const story_names *sn, size_t i)
{
    td__late *l = &e->late[i];
    /* the likest, a name of the article itself first */
    int best = 0, best_here = 0, tied = 0;
    int flags = writes_vowels(l->surface) ? TD__SOUND_VOWELLED : 0;
    if (!strchr(l->surface, ' ') && compounds(l->surface))
        flags |= TD__SOUND_COMPOUND;
    int64_t id = 0, others = 0;
    const char *best_key = NULL;
    unsigned mine[3];
    size_t nmine = td__sound_openers(l->key, 1, mine, 3);
    for (size_t k = 0; k < sn->n; k++) {
        const story_name *c = &sn->v[k];
        if (!opens_alike(mine, nmine, c))
            continue;
        int s = td__names_sound_alike(l->key, c->key,
                                      flags | (c->here ? TD__SOUND_PART : 0));
        if (!s || s < best || (s == best && c->here < best_here))
            continue;
        /* two entities of one name (the place Muan and a Муан taken for
         * a person's) are no choice: the one more articles name, the
         * first listed */
        if (s == best && c->here == best_here) {
            if (strcmp(c->key, best_key) != 0)
                tied = 1;
            continue;
        }
        best = s, best_here = c->here, tied = 0, id = c->id;
        others = c->articles - c->here;
        best_key = c->key;
    }
    if (!best || tied ||
        (best == 1 && others < 2 && late_times(e->late, e->nlate, i) < 2))
        return TD_OK;
    /* names are words too (كريم, generous): a run of several words may
     * hold some if it sounds the whole name */
    if ((l->words < 2 || best < 2) && !name_like_run(l, 1))
        return TD_OK;
    return late_store_part(e, l, id,
                           l->len - ((flags & TD__SOUND_COMPOUND)
                                         ? hangul_particle(l->surface)
                                         : 0));
}

static td_status story_sounds(td_engine *e)
{
    story_names sn = {0};
    td_status st = TD_OK;
    /* article by article (the entries are in article order), each run
     * longest first */
    for (size_t lo = 0, hi; st == TD_OK && lo < e->nlate; lo = hi) {
        for (hi = lo + 1; hi < e->nlate && e->late[hi].seq == e->late[lo].seq;)
            hi++;
        /* each article once, after the revisit that follows it: the
         * query costs a story's mentions */
        if (e->late[lo].seq <= e->sounded)
            continue;
        story_names_clear(&sn);
        st = td__store_story_names(e->store, e->late[lo].seq, STORY_NAMES,
                                   on_story_name, &sn);
        if (st == TD_OK && sn.oom)
            st = TD_ENOMEM;
        for (size_t words = CASELESS_WORDS; st == TD_OK && sn.n && words > 0;
             words--)
            for (size_t i = lo; st == TD_OK && i < hi; i++) {
                td__late *l = &e->late[i];
                if (!l->key || l->words != words ||
                    late_covered(e->late, e->nlate, i))
                    continue;
                st = sound_one(e, &sn, i);
            }
    }
    story_names_clear(&sn);
    td__free(sn.v);
    return st;
}

/* The pending names of the recent articles into e->late. */
static td_status late_load(td_engine *e)
{
    int64_t newest = td__store_max_seq(e->store);
    if (newest <= 0)
        return TD_OK;
    td_status st =
        td__store_pending_expire(e->store, newest - TD__RECENT_WINDOW);
    if (st == TD_OK)
        st = td__store_pending_recent(e->store, on_pending, e);
    if (e->nlate == SIZE_MAX) {
        e->nlate = 0;
        return TD_ENOMEM;
    }
    return st;
}

td_status td__entities_late_finish(td_engine *e)
{
    int64_t newest = e->nlate ? td__store_max_seq(e->store) : 0;
    td_status st = newest < 0 ? TD_EDB : story_sounds(e);
    if (st == TD_OK)
        st = found_recurring(e);
    if (st == TD_OK && newest > e->sounded)
        e->sounded = newest;
    td__entities_late_free(e);
    return st;
}

td_status td__entities_late(td_engine *e)
{
    td_status st = late_load(e);
    if (st != TD_OK || !e->nlate)
        return st;
    td__entity probe = {0};
    td__hmap failed = TD__HMAP_INIT;
    e->like_gen++; /* what was kept came before our transaction */
    /* longest runs first; a match marks its entry (key NULL, words kept)
     * so that shorter runs inside it stay out */
    for (size_t words = CASELESS_WORDS; st == TD_OK && words > 0; words--)
        for (size_t i = 0; st == TD_OK && i < e->nlate; i++) {
            td__late *l = &e->late[i];
            if (!l->key || l->words != words ||
                late_covered(e->late, e->nlate, i))
                continue;
            uint64_t h = late_hash(l);
            const uint64_t *seen = td__hmap_get(&failed, h);
            if (seen && late_same(&e->late[*seen - 1], l))
                continue;
            int64_t id = 0;
            probe.key = l->key;
            probe.name = l->surface;
            st = resolve_tentative(e, &probe, l->lang, &id);
            if (st == TD_OK && !id) {
                uint64_t *slot = td__hmap_put(&failed, h);
                if (slot && !*slot)
                    *slot = i + 1;
            }
            if (st != TD_OK || !id)
                continue;
            /* what is stored now may change what later names match */
            td__hmap_free(&failed);
            st = late_store(e, l, id);
        }
    td__hmap_free(&failed);
    return st;
}

/* ------------------------------------------------------------ read back */

typedef struct variant {
    char *surface, *lang;
    int64_t count;
} variant;

typedef struct ent_article {
    char *id, *lang, *title, *date;
} ent_article;

typedef struct related {
    char *name;
    int kind;
    int64_t shared;
    int64_t id;
} related;

struct td_entity {
    char *name;
    int kind;
    int64_t mentions;
    variant *var;
    size_t nvar, capvar;
    ent_article *art;
    size_t nart, capart;
    related *rel;
    size_t nrel, caprel;
    related alt[MAX_ALTERNATIVES]; /* other entities the name fits as well;
                                      shared: their article count */
    size_t nalt;
    int oom;
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = td__realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

static char *dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = td__strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

static void on_variant(void *ud, const char *surface, const char *lang,
                       int64_t count)
{
    td_entity *x = ud;
    if (x->oom || grow((void **)&x->var, &x->capvar, x->nvar, sizeof *x->var)) {
        x->oom = 1;
        return;
    }
    variant *v = &x->var[x->nvar++];
    v->surface = dup_or_null(surface, &x->oom);
    v->lang = dup_or_null(lang && *lang ? lang : NULL, &x->oom);
    v->count = count;
}

static void on_article(void *ud, const char *id, const char *lang,
                       const char *title, const char *date, int64_t mentions)
{
    td_entity *x = ud;
    (void)mentions;
    if (x->oom || grow((void **)&x->art, &x->capart, x->nart, sizeof *x->art)) {
        x->oom = 1;
        return;
    }
    ent_article *a = &x->art[x->nart++];
    a->id = dup_or_null(id, &x->oom);
    a->lang = dup_or_null(lang, &x->oom);
    a->title = dup_or_null(title, &x->oom);
    a->date = dup_or_null(date, &x->oom);
}

/* Drops the articles from index from on that are already listed before
 * it; returns the new count. */
static size_t dedupe_articles(ent_article *a, size_t n, size_t from)
{
    size_t o = from;
    for (size_t i = from; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < from && !seen; j++)
            seen = a[i].id && a[j].id && !strcmp(a[i].id, a[j].id);
        if (seen) {
            td__free(a[i].id);
            td__free(a[i].lang);
            td__free(a[i].title);
            td__free(a[i].date);
        } else {
            a[o++] = a[i];
        }
    }
    return o;
}

static void on_related(void *ud, int64_t entity, int64_t shared)
{
    td_entity *x = ud;
    if (x->oom || grow((void **)&x->rel, &x->caprel, x->nrel, sizeof *x->rel)) {
        x->oom = 1;
        return;
    }
    related *r = &x->rel[x->nrel++];
    r->id = entity;
    r->shared = shared;
    r->name = NULL;
    r->kind = 0;
}

/* ------------------------------------------------------ learned variants
 *
 * A spelling that no rule joins to an entity (Francis and Francesco,
 * Bjaljazki beside Bialiatski, a transliteration that drifts) is learned
 * from the stream: another entity of the same kind whose articles lie in
 * the stories of this one's, that never shares an article with it (two
 * names of one text were grouped there already, so two names in one text
 * are two entities) and whose name is loosely compatible (surnames one
 * spelling apart, given names agreeing) is the same entity under another
 * spelling. The link is drawn at each look-up from what the store holds
 * now, so it comes undone as soon as the stories say otherwise (an
 * article of the one that reaches outside the other's stories, or both
 * in one text). */
#define MAX_PEERS 400
#define MAX_LINKS 8
#define LINK_MIN_IN_STORIES 1 /* articles of the peer in our stories */
#define MAX_MEANT 32          /* peers whose names' meaning is compared */
#define MAX_SIGS 8            /* names of one entity compared by meaning */

typedef struct peers {
    int64_t self, self_total;
    int kind;
    char key[256];
    int have_self;
    int64_t link[MAX_LINKS];
    size_t nlink;
    int64_t maybe[MAX_LINKS]; /* akin, but reaching outside our stories */
    size_t nmaybe;
    /* not akin by spelling; their names' words may mean the same */
    struct {
        int64_t id, total, in_stories;
    } meant[MAX_MEANT];
    size_t nmeant;
} peers;

static void peer_found(peers *p, int64_t entity, int64_t total,
                       int64_t in_stories);

/* Kinds two names compared by meaning may have: a name spelled out is a
 * person's kind in one language and an organisation's where a word of it
 * is an organisation's word ("Tribunal", "Court"); facilities apart. */
static int meaning_kinds(int a, int b)
{
    int org_a = a == TD__ENT_PERSON || a == TD__ENT_ORG;
    int org_b = b == TD__ENT_PERSON || b == TD__ENT_ORG;
    return (org_a && org_b) || (a == TD__ENT_FACILITY && b == a);
}

/* Whether a place (key "place:CC/Name") is written as name key is: a
 * name the gazetteer lacks in some script (Муан, ムアン: "muan") was taken
 * for a person's there. */
static int place_named(const char *place_key, const char *key)
{
    const char *name = strchr(place_key, '/');
    if (strncmp(place_key, "place:", 6) != 0 || !name || !name[1])
        return 0;
    name++;
    const char *end = strstr(name, " (");
    td__buf k = TD__BUF_INIT;
    int same = td__name_key(name, end ? (size_t)(end - name) : strlen(name),
                            &k) == 0 &&
               td__buf_putc(&k, '\0') == 0 && strcmp(k.p, key) == 0;
    td__buf_free(&k);
    return same;
}

static void on_peer(void *ud, int64_t entity, int kind, const char *key,
                    int64_t total, int64_t in_stories, int64_t with)
{
    peers *p = ud;
    if (entity == p->self) {
        p->have_self = 1;
        p->self_total = total;
        snprintf(p->key, sizeof p->key, "%s", key ? key : "");
        return;
    }
    if (!p->have_self || !key || p->nlink == MAX_LINKS || with > 0 ||
        in_stories < LINK_MIN_IN_STORIES)
        return;
    /* a place and a person's name written exactly alike */
    if ((p->kind == TD__ENT_PLACE && kind == TD__ENT_PERSON &&
         place_named(p->key, key)) ||
        (p->kind == TD__ENT_PERSON && kind == TD__ENT_PLACE &&
         place_named(key, p->key))) {
        peer_found(p, entity, total, in_stories);
        return;
    }
    int akin = named_kind(p->kind) && kind == p->kind &&
               td__names_akin(p->key, key);
    if (!akin) {
        if (p->nmeant < MAX_MEANT && strchr(key, ' ') &&
            meaning_kinds(p->kind, kind))
            p->meant[p->nmeant].id = entity,
            p->meant[p->nmeant].total = total,
            p->meant[p->nmeant++].in_stories = in_stories;
        return;
    }
    peer_found(p, entity, total, in_stories);
}

static void peer_found(peers *p, int64_t entity, int64_t total,
                       int64_t in_stories)
{
    if (p->nlink == MAX_LINKS)
        return;
    if (in_stories * 10 >= total * 8)
        p->link[p->nlink++] = entity;
    else if (p->nmaybe < MAX_LINKS)
        p->maybe[p->nmaybe++] = entity;
}

/* The meanings (orgsig.h) of an entity's names of several words, from its
 * variants and the languages they were written in. */
typedef struct sigs {
    td__orgsig v[MAX_SIGS];
    size_t n;
} sigs;

static void on_sig_variant(void *ud, const char *surface, const char *lang,
                           int64_t count)
{
    sigs *g = ud;
    (void)count;
    if (g->n == MAX_SIGS || !surface || !strchr(surface, ' '))
        return;
    /* a name in English inside another language's text, too */
    const char *langs[2] = {lang && *lang ? lang : NULL, "en"};
    for (size_t k = 0; k < 2 && g->n < MAX_SIGS; k++) {
        if (k == 1 && langs[0] && !strcmp(langs[0], "en"))
            break;
        if (td__orgsig_of(surface, strlen(surface), langs[k], &g->v[g->n]))
            g->n++;
    }
}

static int sigs_match(const sigs *a, const sigs *b)
{
    for (size_t i = 0; i < a->n; i++)
        for (size_t j = 0; j < b->n; j++)
            if (td__orgsig_match(&a->v[i], &b->v[j]))
                return 1;
    return 0;
}

/* The peers not akin by spelling whose names mean what this entity's do
 * ("Forças de Apoio Rápido" in the stories of "Rapid Support Forces"). */
static td_status meant_links(td_engine *e, peers *p)
{
    if (!p->nmeant)
        return TD_OK;
    sigs *mine = td__calloc(2, sizeof *mine);
    if (!mine)
        return TD_ENOMEM;
    sigs *theirs = mine + 1;
    td_status st = td__store_entity_variants(e->store, p->self,
                                             on_sig_variant, mine);
    for (size_t i = 0; st == TD_OK && mine->n && i < p->nmeant; i++) {
        theirs->n = 0;
        st = td__store_entity_variants(e->store, p->meant[i].id,
                                       on_sig_variant, theirs);
        if (st == TD_OK && sigs_match(mine, theirs))
            peer_found(p, p->meant[i].id, p->meant[i].total,
                       p->meant[i].in_stories);
    }
    td__free(mine);
    return st;
}

/* The entities learned to be entity id under other spellings. */
static td_status learned_links(td_engine *e, int64_t id, int kind, peers *p)
{
    memset(p, 0, sizeof *p);
    p->self = id;
    p->kind = kind;
    if (!meaning_kinds(kind, kind) && kind != TD__ENT_PLACE)
        return TD_OK;
    td_status st =
        td__store_entity_story_peers(e->store, id, MAX_PEERS, on_peer, p);
    if (st == TD_OK)
        st = meant_links(e, p);
    /* the other way round: a fragment of a larger entity lies in its
     * stories, though the larger reaches beyond ours */
    for (size_t i = 0; st == TD_OK && i < p->nmaybe && p->nlink < MAX_LINKS;
         i++) {
        int64_t n = 0;
        st = td__store_entity_in_stories_of(e->store, id, p->maybe[i], &n);
        if (st == TD_OK && n * 10 >= p->self_total * 8)
            p->link[p->nlink++] = p->maybe[i];
    }
    return st;
}

/* Entities a name may denote, with how well it matches (3: the
 * gazetteer or a variant written so; 2: the same key; 1: compatible). */
typedef struct cand {
    int64_t id, mentions;
    int score;
} cand;

#define MAX_CANDS 16

typedef struct cands {
    cand v[MAX_CANDS];
    size_t n;
} cands;

static void cand_add(cands *c, int64_t id, int score, int64_t mentions)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].id == id) {
            if (score > c->v[i].score)
                c->v[i].score = score;
            return;
        }
    if (c->n < MAX_CANDS) {
        c->v[c->n++] = (cand){id, mentions, score};
        return;
    }
    /* full (every language's bases offer some): the weakest goes */
    size_t w = 0;
    for (size_t i = 1; i < c->n; i++)
        if (c->v[i].score < c->v[w].score ||
            (c->v[i].score == c->v[w].score &&
             c->v[i].mentions < c->v[w].mentions))
            w = i;
    if (score > c->v[w].score ||
        (score == c->v[w].score && mentions > c->v[w].mentions))
        c->v[w] = (cand){id, mentions, score};
}

static int common_word(const char *w, int short_too);
static size_t count_words(const char *s);
static char *words_of(const char *s, size_t from, size_t to);

/* Whether a common word of English (a stop word, an organisation's word or
 * a word of the pivot's English side). */
static int english_common_word(const char *w)
{
    td__tokens t = TD__TOKENS_INIT;
    int c = td__tokenize(w, strlen(w), "en", &t) == TD_OK && t.n == 1 &&
            ((t.v[0].flags & TD_TOKEN_STOP) || td__is_org_word(t.v[0].norm) ||
             td__english_word(t.v[0].stem, strlen(t.v[0].stem)));
    td__tokens_free(&t);
    return c;
}

/* Whether a stored name made of common words only ("Airport",
 * "International Airport": a fragment a text wrote alone) is too weak
 * for a compatible match with a longer name: "Muan International Airport"
 * is neither. */
static int weak_fragment(const char *row_key, const char *key)
{
    if (count_words(row_key) >= count_words(key))
        return 0;
    int weak = 1;
    for (size_t i = 0, n = count_words(row_key); weak && i < n; i++) {
        char *w = words_of(row_key, i, i + 1);
        weak = w && english_common_word(w);
        td__free(w);
    }
    return weak;
}

/* The people, organisations and facilities whose keys match name key kk
 * (fk: the facility key, when the name reads as one). */
static td_status keyed_candidates(td_engine *e, const char *kk_name,
                                  const char *fk, cands *out)
{
    td__entity_row rows[MAX_CANDIDATES];
    size_t nrows = 0;
    for (size_t ki = 0; ki < 3; ki++) {
        int kind = searched_kinds[ki];
        const char *kk = kind == TD__ENT_FACILITY && fk ? fk : kk_name;
        char prefix[256];
        key_prefix(kind, kk, prefix, sizeof prefix);
        td_status st = td__store_entities_like(e->store, kind, prefix, rows,
                                               MAX_CANDIDATES, &nrows);
        if (st != TD_OK)
            return st;
        for (size_t i = 0; i < nrows; i++) {
            int m = named_kind(kind) ? td__names_match(rows[i].key, kk)
                                     : 2 * !strcmp(rows[i].key, kk);
            if (m == 1 && weak_fragment(rows[i].key, kk))
                m = 0;
            if (m)
                cand_add(out, rows[i].id, m, rows[i].mentions);
        }
    }
    return TD_OK;
}

static td_status candidates(td_engine *e, const char *name, cands *out)
{
    size_t n = strlen(name);
    td__place p;
    char key[300];
    td__entity_row rows[MAX_CANDIDATES];
    size_t nrows = 0;
    td_status st;
    /* a place's name written with hyphens for its spaces (New-York) */
    char spaced[256];
    int found = td__place_lookup(name, n, &p);
    if (!found && memchr(name, '-', n) && n < sizeof spaced) {
        for (size_t i = 0; i <= n; i++)
            spaced[i] = name[i] == '-' ? ' ' : name[i];
        found = td__place_lookup(spaced, n, &p);
    }
    if (found) {
        snprintf(key, sizeof key, "place:%s", p.id);
        st = td__store_entities_like(e->store, TD__ENT_PLACE, key, rows, 1,
                                     &nrows);
        if (st != TD_OK)
            return st;
        if (nrows)
            cand_add(out, rows[0].id, 3, rows[0].mentions);
    }
    int64_t ids[MAX_CANDS];
    size_t nids = 0;
    st = td__store_entities_by_surface(e->store, name, ids, MAX_CANDS, &nids);
    if (st != TD_OK)
        return st;
    for (size_t i = 0; i < nids; i++)
        cand_add(out, ids[i], 3, 0);
    td__buf k = TD__BUF_INIT;
    if (td__name_key(name, n, &k) != 0) {
        td__buf_free(&k);
        return TD_ENOMEM;
    }
    /* a facility's name: its kind noun in any language, then the name */
    td__buf fk = TD__BUF_INIT;
    size_t foff = 0, flen = n;
    int fac = td__facility_key(name, &foff, &flen, NULL, &fk);
    if (fac < 0) {
        td__buf_free(&k);
        td__buf_free(&fk);
        return TD_ENOMEM;
    }
    st = k.len ? keyed_candidates(e, k.p, fac > 0 ? fk.p : NULL, out) : TD_OK;
    td__buf_free(&k);
    td__buf_free(&fk);
    /* a Japanese name typed alone, through its reading (岸田氏: kishida),
     * since the key reads kanji as Chinese */
    td__buf rk = TD__BUF_INIT;
    int nr = st == TD_OK ? td__reading_query_keys(name, n, &rk) : 0;
    if (nr < 0)
        st = TD_ENOMEM;
    for (const char *kk = rk.p; st == TD_OK && nr > 0 && kk < rk.p + rk.len;
         kk += strlen(kk) + 1)
        st = keyed_candidates(e, kk, NULL, out);
    td__buf_free(&rk);
    return st;
}

static int best_score(const cands *c)
{
    int b = 0;
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].score > b)
            b = c->v[i].score;
    return b;
}

/* Candidates of name with one word at a time in one of its base forms in
 * language lang. */
typedef struct base_cands {
    td_engine *e;
    cands *out;
} base_cands;

static td_status cands_of_base_form(void *ud, const char *form, size_t len)
{
    (void)len;
    base_cands *b = ud;
    return candidates(b->e, form, b->out);
}

static td_status candidates_of_bases(td_engine *e, const char *name,
                                     const char *lang, cands *out)
{
    base_cands b = {e, out};
    return each_base_form(name, lang, cands_of_base_form, &b);
}

/* A name as people type it, made a name as texts write it: "#Mahsa_Amini"
 * and "#PonteMorandi" -> "Mahsa Amini", "Ponte Morandi"; possessives
 * ("Facebook's") and surrounding punctuation go. Owned; NULL when out of
 * memory. split_camel: CamelCase joins are split too. */
static char *normalise_query(const char *q, int split_camel)
{
    size_t n = strlen(q);
    td__buf b = TD__BUF_INIT;
    int rc = 0;
    size_t i = 0;
    UChar32 prev = 0;
    while (i < n && rc == 0) {
        size_t at = i;
        UChar32 c = (UChar32)td__utf8_next(q, n, &i);
        if (c == '#' || c == '@' || c == '"' || c == 0x201C || c == 0x201D ||
            c == 0xAB || c == 0xBB) {
            rc = td__buf_putc(&b, ' ');
        } else if (c == '_') {
            rc = td__buf_putc(&b, ' ');
        } else if ((c == '\'' || c == 0x2019) && i < n &&
                   (q[i] == 's' || q[i] == 'S') &&
                   (i + 1 == n || q[i + 1] == ' ')) {
            i++; /* possessive 's */
        } else {
            /* CamelCase joins: a capital right after a small letter */
            if (split_camel && u_isupper(c) && u_islower(prev))
                rc = td__buf_putc(&b, ' ');
            if (rc == 0)
                rc = td__buf_append(&b, q + at, i - at);
        }
        prev = c;
    }
    if (rc != 0) {
        td__buf_free(&b);
        return NULL;
    }
    /* trim spaces and trailing punctuation; one space between words */
    char *s = b.p ? b.p : td__strdup("");
    if (!s)
        return NULL;
    size_t o = 0;
    for (size_t r = 0; s[r]; r++) {
        if (s[r] == ' ' && (o == 0 || s[o - 1] == ' '))
            continue;
        s[o++] = s[r];
    }
    while (o && (s[o - 1] == ' ' || s[o - 1] == '.' || s[o - 1] == ',' ||
                 s[o - 1] == ':' || s[o - 1] == ';'))
        o--;
    /* a case ending written apart, as the texts' names lose it too
     * (Liberties'e, Air-ის) */
    o = td__name_strip_suffix(s, o);
    s[o] = '\0';
    return s;
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    for (int in = 0; *s; s++) {
        if (*s != ' ' && !in)
            n++;
        in = *s != ' ';
    }
    return n;
}

/* Words from..to of s (0-based, to exclusive), owned. */
static char *words_of(const char *s, size_t from, size_t to)
{
    size_t w = 0;
    const char *start = NULL, *end = s + strlen(s);
    for (const char *p = s; *p; p++) {
        if (*p != ' ' && (p == s || p[-1] == ' ')) {
            if (w == from)
                start = p;
            if (w == to) {
                end = p - 1;
                break;
            }
            w++;
        }
    }
    return start ? td__strndup(start, (size_t)(end - start)) : NULL;
}

#define MIN_JOINED 8 /* letters of a joined name looked up as such */

static td_status joined_candidates(td_engine *e, const char *q, cands *out)
{
    char low[128];
    size_t n = 0;
    for (const char *p = q; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ||
            n + 1 == sizeof low)
            return TD_OK; /* not one ASCII word */
        low[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    low[n] = '\0';
    if (n < MIN_JOINED)
        return TD_OK;
    int64_t ids[MAX_CANDS];
    size_t nids = 0;
    td_status st = td__store_entities_by_joined_surface(e->store, low, ids,
                                                        MAX_CANDS, &nids);
    for (size_t i = 0; st == TD_OK && i < nids; i++)
        cand_add(out, ids[i], 2, 0);
    return st;
}

/* Whether a word of a looked-up name can go: a function, title or common
 * word ("Mr", "Kaiser", "President", "Group", "Ltd"), never a name. */
static int droppable(const char *w)
{
    return common_word(w, 1) || english_common_word(w);
}

static int all_upper(const char *w)
{
    size_t n = strlen(w);
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)td__utf8_next(w, n, &i);
        if (u_isalpha(c) && !u_isupper(c))
            return 0;
    }
    return 1;
}

/* Whether w is a stop word, an organisation's word or a dictionary word of
 * a language with a pivot; short: any word of three letters or fewer is
 * too. */
static int common_word(const char *w, int short_too)
{
    size_t n = strlen(w), letters = 0;
    for (size_t i = 0; i < n;) {
        UChar32 c = (UChar32)td__utf8_next(w, n, &i);
        letters += u_isalpha(c) != 0;
        if (u_isalpha(c) && !u_isupper(c) && !u_islower(c) && !u_istitle(c))
            return 0; /* a script without capitals: no such words known */
    }
    if (letters <= 3) /* Mr, Dr, St, Gen, FC; not acronyms of three (FTX, SBF) */
        return short_too && !(letters == 3 && all_upper(w));
    int drop = 0;
    for (size_t k = 0; !drop && td__dictionary_langs[k]; k++) {
        td__tokens t = TD__TOKENS_INIT;
        if (td__tokenize(w, n, td__dictionary_langs[k], &t) != TD_OK)
            return 0;
        if (t.n == 1) {
            uint32_t ids[TD__PIVOT_MAX];
            const td__token *x = &t.v[0];
            drop = (x->flags & TD_TOKEN_STOP) || td__is_org_word(x->norm) ||
                   (td__pivot_has(td__dictionary_langs[k]) &&
                    td__pivot_lookup(td__dictionary_langs[k], x->stem, strlen(x->stem),
                                     ids) > 0);
        }
        td__tokens_free(&t);
    }
    return drop;
}

/* The best entity for a name and the others it may denote as well. The
 * whole name first; then without leading words (titles, functions:
 * "Mr Johnson", "Kaiser Naruhito"), then without trailing ones ("FTX
 * Group", "Alameda Research Ltd."). */
/* Best first: match, then mentions. */
static void sort_cands(cands *out)
{
    for (size_t i = 1; i < out->n; i++)
        for (size_t j = i; j > 0; j--) {
            cand *a = &out->v[j - 1], *b = &out->v[j];
            if (b->score > a->score ||
                (b->score == a->score && b->mentions > a->mentions)) {
                cand t = *a;
                *a = *b;
                *b = t;
            }
        }
}

static td_status find_entity(td_engine *e, const char *name, cands *out)
{
    out->n = 0;
    /* as typed first: WhatsApp and YouTube are names as they stand */
    char *q = normalise_query(name, 0);
    if (!q)
        return TD_ENOMEM;
    td_status st = *q ? candidates(e, q, out) : TD_OK;
    td__free(q);
    if (st != TD_OK)
        return st;
    if (best_score(out) >= 2) {
        sort_cands(out);
        return TD_OK;
    }
    /* only loose fits: an inflected form may do better (below) */
    q = normalise_query(name, 1);
    if (!q)
        return TD_ENOMEM;
    size_t nw = count_words(q);
    for (size_t form = 0; st == TD_OK && !out->n && form < 2 * nw - 1;
         form++) {
        size_t from = form < nw ? form : 0;
        size_t to = form < nw ? nw : nw - (form - nw + 1);
        /* only words that cannot be names go: the dropped word is
         * the last dropped at the front, or the first at the back */
        char *gone = form == 0 ? NULL
                     : form < nw ? words_of(q, form - 1, form)
                                 : words_of(q, to, to + 1);
        int skip = gone && !droppable(gone);
        td__free(gone);
        if (skip) {
            if (form < nw)
                form = nw - 1; /* no further front drops; on to the back */
            continue;
        }
        char *f = form ? words_of(q, from, to) : td__strdup(q);
        if (!f) {
            st = TD_ENOMEM;
            break;
        }
        if (*f)
            st = candidates(e, f, out);
        td__free(f);
    }
    /* an inflected form (Путиным, Franciszkiem, Kijowem): the look-up has
     * no language, so every language's rules offer their bases */
    /* a hashtag or handle in lower case ("#pontemorandi"): a name of
     * several words written as one */
    if (st == TD_OK && !out->n)
        st = joined_candidates(e, q, out);
    /* also when the name only fits others loosely: Киеве is Kyiv's
     * locative before it is a spelling of some Chiva */
    for (size_t l = 0; st == TD_OK && best_score(out) < 2 &&
                       l < td__morph_nlangs; l++)
        st = candidates_of_bases(e, q, td__morph_langs[l].code, out);
    /* a full name of which a text wrote the last words ("محمد حمدان
     * دقلو", stored as "حمدان دقلو"): its tails of two words or more */
    for (size_t from = 1; st == TD_OK && !out->n && from + 2 <= nw; from++) {
        char *f = words_of(q, from, nw);
        if (!f) {
            st = TD_ENOMEM;
            break;
        }
        st = candidates(e, f, out);
        td__free(f);
    }
    td__free(q);
    if (st != TD_OK)
        return st;
    sort_cands(out);
    return out->n ? TD_OK : TD_ENOTFOUND;
}

td_status td__entity_resolve(td_engine *e, const char *name, int64_t *id)
{
    if (!e || !name || !*name || !id)
        return TD_EINVAL;
    cands found;
    td_status st = find_entity(e, name, &found);
    if (st == TD_OK)
        *id = found.v[0].id;
    return st;
}

TD_API td_status td_engine_entity(td_engine *e, const char *name,
                                  td_entity **out)
{
    if (!e || !name || !out)
        return TD_EINVAL;
    if (!*name)
        return td__engine_fail(e, TD_EINVAL, "empty entity name");
    cands found;
    td_status st = find_entity(e, name, &found);
    if (st == TD_ENOTFOUND)
        return td__engine_fail(e, st, "no entity named %s", name);
    if (st != TD_OK)
        return td__engine_fail(e, st, "%s",
                               st == TD_ENOMEM ? "out of memory"
                                               : td__store_errmsg(e->store));
    int64_t id = found.v[0].id;
    td_entity *x = td__calloc(1, sizeof *x);
    if (!x)
        return td__engine_fail(e, TD_ENOMEM, "out of memory");
    st = td__store_entity_get(e->store, id, &x->name, &x->kind);
    if (st == TD_OK)
        st = td__store_entity_variants(e->store, id, on_variant, x);
    if (st == TD_OK)
        st = td__store_entity_articles(e->store, id, MAX_ARTICLES, on_article,
                                       x);
    peers lp;
    if (st == TD_OK)
        st = learned_links(e, id, x->kind, &lp);
    for (size_t i = 0; st == TD_OK && i < lp.nlink; i++) {
        st = td__store_entity_variants(e->store, lp.link[i], on_variant, x);
        size_t before = x->nart;
        if (st == TD_OK)
            st = td__store_entity_articles(e->store, lp.link[i],
                                           MAX_ARTICLES, on_article, x);
        x->nart = dedupe_articles(x->art, x->nart, before);
    }
    if (st == TD_OK)
        st = td__store_entity_related(e->store, id, MAX_RELATED, on_related,
                                      x);
    for (size_t i = 0; st == TD_OK && i < x->nrel; i++)
        st = td__store_entity_get(e->store, x->rel[i].id, &x->rel[i].name,
                                  &x->rel[i].kind);
    /* The others the name fits as well: the caller is told it is
     * ambiguous. */
    for (size_t i = 1; st == TD_OK && i < found.n; i++) {
        if (found.v[i].score < found.v[0].score)
            break;
        if (x->nalt == MAX_ALTERNATIVES)
            break;
        related *r = &x->alt[x->nalt];
        memset(r, 0, sizeof *r);
        r->id = found.v[i].id;
        st = td__store_entity_get(e->store, r->id, &r->name, &r->kind);
        if (st == TD_OK)
            st = td__store_entity_article_count(e->store, r->id, &r->shared);
        if (st == TD_OK)
            x->nalt++;
        else
            td__free(r->name);
    }
    for (size_t i = 0; i < x->nvar; i++)
        x->mentions += x->var[i].count;
    if (st == TD_OK && x->oom)
        st = TD_ENOMEM;
    if (st != TD_OK) {
        td_entity_free(x);
        return td__engine_fail(e, st, "%s",
                               st == TD_ENOMEM ? "out of memory"
                                               : td__store_errmsg(e->store));
    }
    *out = x;
    return TD_OK;
}

TD_API size_t td_entity_candidate_count(const td_entity *x)
{
    return x->nalt;
}

TD_API td_status td_entity_candidate(const td_entity *x, size_t i,
                                     const char **name, const char **kind,
                                     int64_t *articles)
{
    if (i >= x->nalt)
        return TD_EINVAL;
    if (name)
        *name = x->alt[i].name;
    if (kind)
        *kind = td__entity_kind_name(x->alt[i].kind);
    if (articles)
        *articles = x->alt[i].shared;
    return TD_OK;
}

TD_API void td_entity_free(td_entity *x)
{
    if (!x)
        return;
    for (size_t i = 0; i < x->nvar; i++) {
        td__free(x->var[i].surface);
        td__free(x->var[i].lang);
    }
    for (size_t i = 0; i < x->nart; i++) {
        td__free(x->art[i].id);
        td__free(x->art[i].lang);
        td__free(x->art[i].title);
        td__free(x->art[i].date);
    }
    for (size_t i = 0; i < x->nrel; i++)
        td__free(x->rel[i].name);
    for (size_t i = 0; i < x->nalt; i++)
        td__free(x->alt[i].name);
    td__free(x->var);
    td__free(x->art);
    td__free(x->rel);
    td__free(x->name);
    td__free(x);
}

TD_API const char *td_entity_name(const td_entity *x) { return x->name; }
TD_API const char *td_entity_kind(const td_entity *x)
{
    return td__entity_kind_name(x->kind);
}
TD_API int64_t td_entity_mentions(const td_entity *x) { return x->mentions; }
TD_API size_t td_entity_variant_count(const td_entity *x) { return x->nvar; }

TD_API td_status td_entity_variant(const td_entity *x, size_t i,
                                   const char **surface, const char **lang,
                                   int64_t *count)
{
    if (i >= x->nvar)
        return TD_EINVAL;
    if (surface)
        *surface = x->var[i].surface;
    if (lang)
        *lang = x->var[i].lang;
    if (count)
        *count = x->var[i].count;
    return TD_OK;
}

TD_API size_t td_entity_article_count(const td_entity *x) { return x->nart; }

TD_API td_status td_entity_article(const td_entity *x, size_t i,
                                   const char **id, const char **lang,
                                   const char **title, const char **date)
{
    if (i >= x->nart)
        return TD_EINVAL;
    if (id)
        *id = x->art[i].id;
    if (lang)
        *lang = x->art[i].lang;
    if (title)
        *title = x->art[i].title;
    if (date)
        *date = x->art[i].date;
    return TD_OK;
}

TD_API size_t td_entity_related_count(const td_entity *x) { return x->nrel; }

TD_API td_status td_entity_related(const td_entity *x, size_t i,
                                   const char **name, const char **kind,
                                   int64_t *shared)
{
    if (i >= x->nrel)
        return TD_EINVAL;
    if (name)
        *name = x->rel[i].name;
    if (kind)
        *kind = td__entity_kind_name(x->rel[i].kind);
    if (shared)
        *shared = x->rel[i].shared;
    return TD_OK;
}
