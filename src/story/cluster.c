/* cluster.c -- online story clustering, copies and translations. */
#include "story/cluster.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/calendar.h"
#include "core/hmap.h"
#include "story/evidence.h"

/* How an article compares with a story is a vector of evidence (see
 * story/evidence.h); a logistic model fitted on labelled pairs
 * (tools/fit_weights.py -> data/weights.c) turns it into the probability
 * that the article belongs there. It joins the most probable story when
 * that is likely enough, and two stories that it binds both very likely
 * merge. */
#define DECAY_GRACE_DAYS 3
#define MENTION_GRACE_DAYS 21 /* dates in the text are looser evidence */
#define MAX_TIME_POINTS 64
#define MAX_CANDIDATES 24
_Static_assert(MAX_CANDIDATES <= 32,
               "rank_stories marks the candidates in 32 bits");
#define DUP_SIMILARITY 0.6  /* MinHash Jaccard estimate of a copy */
#define DUP_CONTAINMENT 0.6 /* an edited copy: share of the shorter text */
#define DUP_MIN_JACCARD 0.15
#define LSH_BANDS 16
#define LSH_ROWS (TD__MINHASH / LSH_BANDS)
/* Features in more than this share of articles do not find candidates. */
#define MAX_POSTING_SHARE 0.15
#define CONSOLIDATE_PASSES 3
#define CONSOLIDATE_SAMPLE 64

typedef struct doc {
    int64_t seq;
    char lang[8];
    int day;
    td__feature *f; /* owned copy, sorted by id */
    size_t nf;
    size_t ntokens;
    uint64_t sig[TD__MINHASH];
    int64_t story;
    int64_t root; /* its original's seq (itself when original) */
} doc;

typedef struct story {
    int64_t id;
    int alive;
    size_t *members; /* doc indexes */
    size_t nmem, capmem;
    td__hmap centroid; /* feature id -> summed weight (float bits) */
    int first_day, last_day;
    uint64_t ver; /* changes with centroid or members; 0: not cacheable */
} story;

/* A feature's postings: the stories that took it, in the order they
 * first did. A story takes a feature again after a revisit released and
 * re-founded it or renamed it back (keep_id), and each time counts, as
 * in the candidates' summed rarity: each story is kept once with the
 * number of times (a sum made by as many additions in the same order,
 * so the same bits), which on a stream of revisits makes the lists a
 * fraction as long. */
typedef struct posting {
    int64_t story;
    uint32_t times;
} posting;

/* Lists longer than this find a story through ix rather than a scan. */
#define POSTING_SCAN 8

typedef struct postings {
    posting *v;
    size_t n, cap;
    int64_t last;  /* the story that took the feature last */
    td__hmap *ix;  /* story id -> index + 1 once n > POSTING_SCAN, or NULL */
} postings;

struct td__cluster {
    doc *docs;
    size_t ndocs, capdocs;
    td__hmap doc_by_seq; /* seq -> index + 1 */
    story *stories;
    size_t nstories, capstories;
    td__hmap story_by_id; /* id -> index + 1 */
    /* feature -> number of docs (DF_DOCS) and postings index + 1
     * (DF_POSTS, 0: none): one look-up for both */
    td__hmap df;
    postings *posts;
    size_t nposts, capposts;
    td__hmap lsh; /* band key -> doc index + 1 */
    uint64_t gen;  /* changes with ndocs or any df: the idfs changed */
    uint64_t vers; /* the last story version handed out */
    struct norms *norms; /* NORM_CACHE slots by story index, or NULL */
    double *wbuf;  /* rank_stories' per-feature weights and idfs */
    size_t capw;
    /* rank_stories' per-feature postings walked (or NULL) and which of
     * the candidates they name (bit r: the r-th); capm of each */
    const struct postings **plist;
    uint32_t *marks;
    size_t capm;
    /* a posting could not be added (out of memory): a story may hold a
     * feature its postings do not show, so candidates are looked up in
     * full */
    int posting_gap;
    struct idf_memo *idfm; /* IDF_MEMO entries, or NULL (out of memory) */
    struct tfw_memo *tfwm; /* TFW_MEMO entries, or NULL (out of memory) */
};

/* The two most probable stories for an article (rank_stories), and the
 * evidence for the best. */
typedef struct ranked {
    story *best, *second;
    double best_p, second_p;
    double best_x[TD__X_N];
} ranked;

int td__day_number(const char *date)
{
    if (!date || strlen(date) < 7)
        return TD__NO_DAY;
    int y = 0, m = 0, d = 15;
    if (sscanf(date, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12)
        return TD__NO_DAY;
    if (strlen(date) >= 10 && sscanf(date + 8, "%2d", &d) != 1)
        d = 15;
    return (int)td__days_from_civil(y, m, d);
}

/* A time an article or story speaks of: a day number when the year is
 * known, else only the day of the year; slack days for a month alone. */
typedef struct tpoint {
    int abs; /* days since 1970, or TD__NO_DAY */
    int doy; /* 0..364, in a common year */
    int slack;
} tpoint;

static int day_of_year(int m, int d)
{
    static const int start[12] = {0,   31,  59,  90,  120, 151,
                                  181, 212, 243, 273, 304, 334};
    return start[(m - 1) % 12] + (d > 28 && m == 2 ? 28 : d) - 1;
}

static tpoint point_of_day(int day)
{
    int y, m, d;
    td__civil_from_days(day, &y, &m, &d);
    return (tpoint){day, day_of_year(m, d), 0};
}

static tpoint point_of_date(uint64_t id)
{
    int y = TD__F_DATE_Y(id), m = TD__F_DATE_M(id), d = TD__F_DATE_D(id);
    int slack = d ? 0 : 15;
    if (m < 1 || m > 12)
        m = 1;
    if (!d || d > 31)
        d = 15;
    return (tpoint){y ? (int)td__days_from_civil(y, m, d) : TD__NO_DAY,
                    day_of_year(m, d), slack};
}

/* Days between two points; without a year, the nearest year is assumed. */
static int point_gap(tpoint a, tpoint b)
{
    int g;
    if (a.abs != TD__NO_DAY && b.abs != TD__NO_DAY) {
        g = a.abs > b.abs ? a.abs - b.abs : b.abs - a.abs;
    } else {
        g = a.doy > b.doy ? a.doy - b.doy : b.doy - a.doy;
        if (g > 182)
            g = 365 - g;
    }
    g -= a.slack + b.slack;
    return g > 0 ? g : 0;
}

/* The times an article speaks of: its own day and the dates in its text,
 * gathered once per article and compared with each candidate story. */
typedef struct timeset {
    tpoint v[MAX_TIME_POINTS];
    size_t n;
} timeset;

static void article_times(const td__feature *f, size_t nf, int day,
                          timeset *t)
{
    t->n = 0;
    if (day != TD__NO_DAY)
        t->v[t->n++] = point_of_day(day);
    for (size_t i = 0; i < nf && t->n < MAX_TIME_POINTS; i++)
        if (TD__F_TYPE(f[i].id) == TD__F_DATE)
            t->v[t->n++] = point_of_date(f[i].id);
}

/* Whether any of the times has a known year. */
static int any_year(const tpoint *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].abs != TD__NO_DAY)
            return 1;
    return 0;
}

/* Agreeing positions of two MinHash signatures. */
static int sig_agreement(const uint64_t *a, const uint64_t *b)
{
    int same = 0;
    for (int k = 0; k < TD__MINHASH; k++)
        same += a[k] == b[k];
    return same;
}

static float getf(uint64_t bits)
{
    float f;
    uint32_t u = (uint32_t)bits;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint64_t putf(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

/* The idf of a feature depends on its document count alone while the
 * documents stand, and most features are in few documents: the idfs of
 * counts below IDF_MEMO are remembered for the current number of
 * documents (stamp: ndocs + 1, 0 empty), sparing a logarithm for each
 * feature of each story whose norms are made. */
#define IDF_MEMO 4096
typedef struct idf_memo {
    size_t stamp;
    double v;
} idf_memo;

/* The tf weights tfw_story remembers (below). */
#define TFW_MEMO 4096
typedef struct tfw_memo {
    uint32_t bits;
    double v;
} tfw_memo;

td__cluster *td__cluster_new(void)
{
    td__cluster *c = td__calloc(1, sizeof(td__cluster));
    if (c)
        c->idfm = td__calloc(IDF_MEMO, sizeof *c->idfm);
    if (c)
        c->tfwm = td__calloc(TFW_MEMO, sizeof *c->tfwm);
    return c;
}

void td__cluster_free(td__cluster *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ndocs; i++)
        td__free(c->docs[i].f);
    td__free(c->docs);
    for (size_t i = 0; i < c->nstories; i++) {
        td__free(c->stories[i].members);
        td__hmap_free(&c->stories[i].centroid);
    }
    td__free(c->stories);
    for (size_t i = 0; i < c->nposts; i++) {
        td__free(c->posts[i].v);
        if (c->posts[i].ix)
            td__hmap_free(c->posts[i].ix);
        td__free(c->posts[i].ix);
    }
    td__free(c->posts);
    td__hmap_free(&c->doc_by_seq);
    td__hmap_free(&c->story_by_id);
    td__hmap_free(&c->df);
    td__hmap_free(&c->lsh);
    td__free(c->norms);
    td__free(c->wbuf);
    td__free(c->plist);
    td__free(c->marks);
    td__free(c->idfm);
    td__free(c->tfwm);
    td__free(c);
}

#define DF_DOCS(v) ((v) & 0xFFFFFFFFu)
#define DF_POSTS(v) ((v) >> 32)

/* One more document has the feature of df's value. */
static void df_count(uint64_t *df)
{
    if (DF_DOCS(*df) < 0xFFFFFFFFu)
        ++*df;
}

/* The idf of a feature whose df value is df (NULL: in no document). */
static double idf_of(const td__cluster *c, const uint64_t *df)
{
    uint64_t n = df ? DF_DOCS(*df) : 0;
    idf_memo *m = c->idfm && n < IDF_MEMO ? &c->idfm[n] : NULL;
    if (m && m->stamp == c->ndocs + 1)
        return m->v;
    double v = log(1.0 + (double)(c->ndocs + 1) / (double)(n + 1));
    if (m)
        *m = (idf_memo){c->ndocs + 1, v};
    return v;
}

static double idf(const td__cluster *c, uint64_t id)
{
    return idf_of(c, td__hmap_get(&c->df, id));
}

static double tfw(float tf)
{
    return tf > 0 ? 1.0 + log(tf) : 0.0;
}

/* tfw of a story's summed weight, remembered by the weight's bits: the
 * same stories' weights are weighed over and over (direct-mapped; an
 * empty entry holds +0, whose tfw, 0, it holds too). */
static double tfw_story(const td__cluster *c, float tf)
{
    if (!c->tfwm)
        return tfw(tf);
    uint32_t u;
    memcpy(&u, &tf, sizeof u);
    tfw_memo *m = &c->tfwm[(u * 2654435761u) >> 20];
    if (m->bits != u)
        *m = (tfw_memo){u, tfw(tf)};
    return m->v;
}

static story *story_of(td__cluster *c, int64_t id)
{
    uint64_t *i = td__hmap_get(&c->story_by_id, (uint64_t)id);
    return i && *i ? &c->stories[*i - 1] : NULL; /* 0: renamed away */
}

/* What scoring needs of a story that does not depend on the article: the
 * per-kind norms of the centroid under the current idfs (terms by
 * language), the dates it speaks of, and how many members each language
 * has. Scoring an article against up to MAX_CANDIDATES stories, and a
 * revisit scoring thousands of articles while the idfs stand still, meet
 * the same stories again and again, so these are kept per story index and
 * made again when the story (ver) or the idfs (gen) changed. Each sum is
 * added up in the order the centroid is walked, as when it was made for
 * each article: the same bits. A multilingual story has terms in dozens
 * of languages: up to NORM_LANGS are kept, found through a small index by
 * language (term_at), so that no article walks a big centroid for its
 * language's norm. */
#define NORM_CACHE 1024
#define NORM_LANGS 64
#define NORM_SLOTS 128 /* term_at: open addressing, twice NORM_LANGS */
typedef struct norms {
    size_t story; /* index + 1; 0: empty */
    uint64_t ver, gen;
    double ns[TD__F_TYPES]; /* terms are in term[] */
    size_t nsp;
    tpoint sp[MAX_TIME_POINTS];
    size_t nterm, nmlang;
    int term_over, mlang_over; /* more languages than NORM_LANGS */
    unsigned char term_at[NORM_SLOTS]; /* lang16 -> bucket + 1, or 0 */
    unsigned term_lang[NORM_LANGS];
    double term[NORM_LANGS];
    uint64_t mlang[NORM_LANGS]; /* a member's language: lang_key */
    size_t mcount[NORM_LANGS];
} norms;

/* A language code as one integer: its bytes, zero-padded as a doc's
 * lang is (add_doc). Returns -1 when it is too long for a doc's lang (no
 * member can have it), else 0. */
static int lang_key(const char *lang, uint64_t *key)
{
    char b[8] = {0};
    size_t n = strlen(lang);
    if (n >= sizeof b)
        return -1;
    memcpy(b, lang, n);
    memcpy(key, b, sizeof *key);
    return 0;
}

/* The term_at slot of language l: its bucket's, or the empty one where
 * it would go. */
static size_t term_slot(const norms *o, unsigned l)
{
    size_t j = (l * 0x9E37u >> 4) & (NORM_SLOTS - 1);
    while (o->term_at[j] && o->term_lang[o->term_at[j] - 1] != l)
        j = (j + 1) & (NORM_SLOTS - 1);
    return j;
}

static void make_norms(const td__cluster *c, const story *s, norms *o)
{
    for (int t = 0; t < TD__F_TYPES; t++)
        o->ns[t] = 0;
    o->nsp = o->nterm = o->nmlang = 0;
    o->term_over = o->mlang_over = 0;
    memset(o->term_at, 0, sizeof o->term_at);
    for (size_t k = 0; k < s->centroid.cap; k++) {
        uint64_t id = s->centroid.keys[k];
        if (!id || getf(s->centroid.vals[k]) <= 0)
            continue;
        int t = TD__F_TYPE(id);
        if (t == TD__F_DATE && o->nsp < MAX_TIME_POINTS)
            o->sp[o->nsp++] = point_of_date(id);
        double w = tfw_story(c, getf(s->centroid.vals[k])) * idf(c, id);
        if (t != TD__F_TERM) {
            o->ns[t] += w * w;
            continue;
        }
        unsigned l = TD__F_LANG_BITS(id);
        size_t j = term_slot(o, l);
        if (!o->term_at[j]) {
            if (o->nterm == NORM_LANGS) {
                o->term_over = 1;
                continue;
            }
            size_t b = o->nterm++;
            o->term_lang[b] = l, o->term[b] = 0;
            o->term_at[j] = (unsigned char)(b + 1);
        }
        o->term[o->term_at[j] - 1] += w * w;
    }
    for (size_t k = 0; k < s->nmem; k++) {
        uint64_t l;
        memcpy(&l, c->docs[s->members[k]].lang, sizeof l);
        size_t b = 0;
        while (b < o->nmlang && o->mlang[b] != l)
            b++;
        if (b == o->nmlang) {
            if (b == NORM_LANGS) {
                o->mlang_over = 1;
                continue;
            }
            o->mlang[b] = l;
            o->mcount[b] = 0, o->nmlang++;
        }
        o->mcount[b]++;
    }
}

/* The norms of s: cached, or made into *tmp. */
static const norms *story_norms(td__cluster *c, const story *s, norms *tmp)
{
    size_t index = (size_t)(s - c->stories);
    if (!s->ver ||
        (!c->norms && !(c->norms = td__calloc(NORM_CACHE, sizeof *c->norms)))) {
        make_norms(c, s, tmp);
        return tmp;
    }
    norms *o = &c->norms[index % NORM_CACHE];
    if (o->story == index + 1 && o->ver == s->ver && o->gen == c->gen)
        return o;
    make_norms(c, s, o);
    o->story = index + 1, o->ver = s->ver, o->gen = c->gen;
    return o;
}

/* The norm of s's terms in language lang16. */
static double term_norm(const td__cluster *c, const story *s,
                        const norms *o, unsigned lang16)
{
    size_t j = term_slot(o, lang16);
    if (o->term_at[j])
        return o->term[o->term_at[j] - 1];
    if (!o->term_over)
        return 0;
    double n = 0;
    for (size_t k = 0; k < s->centroid.cap; k++) {
        uint64_t id = s->centroid.keys[k];
        if (!id || getf(s->centroid.vals[k]) <= 0 ||
            TD__F_TYPE(id) != TD__F_TERM || TD__F_LANG_BITS(id) != lang16)
            continue;
        double w = tfw_story(c, getf(s->centroid.vals[k])) * idf(c, id);
        n += w * w;
    }
    return n;
}

/* How many of s's members are in language lang. */
static size_t same_lang(const td__cluster *c, const story *s, const norms *o,
                        const char *lang)
{
    uint64_t l;
    if (lang_key(lang, &l) != 0)
        return 0; /* longer than any member's */
    for (size_t b = 0; b < o->nmlang; b++)
        if (o->mlang[b] == l)
            return o->mcount[b];
    if (!o->mlang_over)
        return 0;
    size_t same = 0;
    for (size_t k = 0; k < s->nmem; k++)
        same += strcmp(c->docs[s->members[k]].lang, lang) == 0;
    return same;
}

/* The evidence of doc features against a story's centroid (x, TD__X_N
 * values); terms only within the doc's language. wa and fidf hold each
 * feature's tf-idf weight and idf (rank_stories). plist and marks (may be
 * NULL): a feature i whose postings plist[i] were walked and do not name
 * the story (bit of marks[i]) is not in its centroid, and is not looked
 * up. contrib (may be NULL) receives each shared feature's contribution,
 * parallel to f. Returns the model's probability that the doc belongs to
 * the story. */
static double score_story(td__cluster *c, const td__feature *f, size_t nf,
                          const double *wav, const double *fidf,
                          const struct postings *const *plist,
                          const uint32_t *marks, uint32_t bit,
                          const char *lang, int day, const timeset *at,
                          const story *s, double *contrib, double *x)
{
    double dot[TD__F_TYPES] = {0}, na[TD__F_TYPES] = {0};
    double central_all = 0, central_known = 0, country_all = 0,
           country_new = 0;
    int gated = 0;
    for (size_t i = 0; i < nf; i++) {
        int t = TD__F_TYPE(f[i].id);
        double wa = wav[i];
        na[t] += wa * wa;
        const uint64_t *cw =
            marks && plist[i] && !(marks[i] & bit)
                ? NULL
                : td__hmap_get(&s->centroid, f[i].id);
        double d = cw ? wa * tfw_story(c, getf(*cw)) * fidf[i] : 0;
        dot[t] += d;
        if (contrib)
            contrib[i] = d;
        if (t == TD__F_COUNTRY) {
            country_all += f[i].w;
            if (!cw || getf(*cw) <= 0)
                country_new += f[i].w;
        }
        if (t == TD__F_CENTRAL) {
            /* is what the article is about known to the story at all? */
            uint64_t ent = TD__F_ID(TD__F_ENTITY, f[i].id);
            const uint64_t *ew = td__hmap_get(&s->centroid, ent);
            double w = fidf[i];
            central_all += w;
            if (ew && getf(*ew) > 0)
                central_known += w;
        }
    }
    norms tmp;
    const norms *nm = story_norms(c, s, &tmp);
    double ns[TD__F_TYPES];
    memcpy(ns, nm->ns, sizeof ns);
    ns[TD__F_TERM] = term_norm(c, s, nm, td__lang16(lang));
    tpoint sp[MAX_TIME_POINTS];
    size_t nsp = nm->nsp;
    memcpy(sp, nm->sp, nsp * sizeof *sp);
    for (int i = 0; i < TD__X_N; i++)
        x[i] = 0;
    for (int t = 0; t < TD__F_TYPES; t++)
        if (dot[t] > 0)
            x[TD__X_TERM + t] = dot[t] / (sqrt(na[t]) * sqrt(ns[t]));
    if (central_all > 0)
        x[TD__X_CENTRAL_KNOWN] = central_known / central_all;
    /* Both name a scene and no country is shared: another country. */
    if (na[TD__F_COUNTRY] > 0 && ns[TD__F_COUNTRY] > 0 &&
        dot[TD__F_COUNTRY] <= 0)
        x[TD__X_SCENE_CONFLICT] = 1;
    if (country_all > 0 && ns[TD__F_COUNTRY] > 0)
        x[TD__X_SCENE_NEW] = country_new / country_all;
    x[TD__X_SAME_LANG] =
        s->nmem ? (double)same_lang(c, s, nm, lang) / (double)s->nmem : 0;
    if (day != TD__NO_DAY && s->first_day != TD__NO_DAY) {
        int gap = day < s->first_day  ? s->first_day - day
                  : day > s->last_day ? day - s->last_day
                                      : 0;
        x[TD__X_MONTH_APART] = gap > 31 && gap <= 91;
        x[TD__X_SEASON_APART] = gap > 91;
        x[TD__X_DAY_GAP] = log1p(gap > DECAY_GRACE_DAYS
                                     ? (double)(gap - DECAY_GRACE_DAYS)
                                     : 0.0);
    } else {
        /* Without publication dates on both sides, the dates the texts
         * speak of stand in; the nearest pair decides, so an article
         * recalling an old date still joins on its current ones. */
        if (s->first_day != TD__NO_DAY && nsp + 2 <= MAX_TIME_POINTS) {
            sp[nsp++] = point_of_day(s->first_day);
            sp[nsp++] = point_of_day(s->last_day);
        }
        if (at->n && nsp) {
            int gap = INT_MAX;
            for (size_t i = 0; i < at->n; i++)
                for (size_t k = 0; k < nsp; k++) {
                    int g = point_gap(at->v[i], sp[k]);
                    if (g < gap)
                        gap = g;
                }
            x[TD__X_MONTH_APART] = gap > 31 && gap <= 91;
            x[TD__X_SEASON_APART] = gap > 91;
            /* one side placed only by days of no year (its year is
             * taken as now, which the other's known years are not) and a
             * month or more from all of the other's days: another time.
             * Both ways: a story's articles weighed against a yearless
             * story when stories are consolidated, too. */
            if (gap > 31 && any_year(at->v, at->n) != any_year(sp, nsp))
                gated = 1;
            x[TD__X_MENTION_GAP] =
                log1p(gap > MENTION_GRACE_DAYS
                          ? (double)(gap - MENTION_GRACE_DAYS)
                          : 0.0);
        } else {
            x[TD__X_NO_TIME] = 1;
        }
    }
    /* A story has a time span: an article published months away from
     * it reports another event, however alike (a second visit, a second
     * attack), whatever the words say. */
    if (gated ||
        x[TD__X_DAY_GAP] >
            log1p(td__story_model.max_gap_days - DECAY_GRACE_DAYS))
        return 0;
    /* Something must be shared: what the texts say, not only when and
     * where (the model's prior alone would let an article with nothing
     * in common join a small story). */
    double content = 0;
    for (int i = TD__X_TERM; i <= TD__X_CENTRAL; i++)
        content += td__story_model.w[i] * x[i];
    if (content < td__story_model.min_content)
        return 0;
    return td__evidence_prob(x);
}

static int add_posting_(td__cluster *c, uint64_t feature, int64_t story_id);

static int add_posting(td__cluster *c, uint64_t feature, int64_t story_id)
{
    int rc = add_posting_(c, feature, story_id);
    if (rc != 0)
        c->posting_gap = 1;
    return rc;
}

static int add_posting_(td__cluster *c, uint64_t feature, int64_t story_id)
{
    /* Room first: a slot left at 0 by a failed growth would point
     * nowhere. */
    if (c->nposts == c->capposts) {
        size_t cap = c->capposts ? c->capposts * 2 : 1024;
        postings *p = td__realloc(c->posts, cap * sizeof *p);
        if (!p)
            return -1;
        c->posts = p, c->capposts = cap;
    }
    uint64_t *slot = td__hmap_put(&c->df, feature);
    if (!slot)
        return -1;
    if (!DF_POSTS(*slot)) {
        c->posts[c->nposts] = (postings){NULL, 0, 0, 0, NULL};
        *slot |= (uint64_t)++c->nposts << 32;
    }
    postings *p = &c->posts[DF_POSTS(*slot) - 1];
    if (p->n && p->last == story_id)
        return 0;
    /* the story's place in the list, if it took the feature before */
    size_t at = p->n;
    if (p->ix) {
        const uint64_t *i = td__hmap_get(p->ix, (uint64_t)story_id);
        at = i ? (size_t)*i - 1 : p->n;
    } else {
        for (size_t k = 0; k < p->n; k++)
            if (p->v[k].story == story_id) {
                at = k;
                break;
            }
    }
    if (at < p->n && p->v[at].times < UINT32_MAX) {
        p->v[at].times++;
        p->last = story_id;
        return 0;
    }
    /* (a count that would overflow goes on in an entry of its own: the
     * story's first place, and so the order, stays where it was) */
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4;
        posting *v = td__realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v, p->cap = cap;
    }
    if (!p->ix && p->n == POSTING_SCAN) {
        td__hmap *ix = td__calloc(1, sizeof *ix);
        for (size_t k = 0; ix && k < p->n; k++) {
            uint64_t *i = td__hmap_put(ix, (uint64_t)p->v[k].story);
            if (!i) {
                td__hmap_free(ix);
                td__free(ix);
                ix = NULL;
            } else if (!*i) {
                *i = k + 1;
            }
        }
        if (!ix)
            return -1;
        p->ix = ix;
    }
    if (p->ix && at == p->n) {
        uint64_t *i = td__hmap_put(p->ix, (uint64_t)story_id);
        if (!i)
            return -1;
        *i = p->n + 1;
    }
    p->v[p->n++] = (posting){story_id, 1};
    p->last = story_id;
    return 0;
}

/* Adds doc features to a story's centroid and the postings. */
static int story_absorb(td__cluster *c, story *s, const td__feature *f,
                        size_t nf, int day)
{
    s->ver = ++c->vers;
    for (size_t i = 0; i < nf; i++) {
        int fresh = td__hmap_get(&s->centroid, f[i].id) == NULL;
        uint64_t *w = td__hmap_put(&s->centroid, f[i].id);
        if (!w)
            return -1;
        *w = putf(getf(*w) + f[i].w);
        if (fresh && add_posting(c, f[i].id, s->id) != 0)
            return -1;
    }
    if (day != TD__NO_DAY) {
        if (s->first_day == TD__NO_DAY || day < s->first_day)
            s->first_day = day;
        if (s->last_day == TD__NO_DAY || day > s->last_day)
            s->last_day = day;
    }
    return 0;
}

static int story_add_member(story *s, size_t doc_index)
{
    if (s->nmem == s->capmem) {
        size_t cap = s->capmem ? s->capmem * 2 : 4;
        size_t *m = td__realloc(s->members, cap * sizeof *m);
        if (!m)
            return -1;
        s->members = m, s->capmem = cap;
    }
    s->members[s->nmem++] = doc_index;
    s->ver = 0; /* until story_absorb gives it a version */
    return 0;
}

static story *new_story(td__cluster *c, int64_t id)
{
    if (c->nstories == c->capstories) {
        size_t cap = c->capstories ? c->capstories * 2 : 64;
        story *v = td__realloc(c->stories, cap * sizeof *v);
        if (!v)
            return NULL;
        c->stories = v, c->capstories = cap;
    }
    uint64_t *slot = td__hmap_put(&c->story_by_id, (uint64_t)id);
    if (!slot)
        return NULL;
    story *s = &c->stories[c->nstories];
    memset(s, 0, sizeof *s);
    s->id = id;
    s->alive = 1;
    s->first_day = s->last_day = TD__NO_DAY;
    *slot = ++c->nstories;
    return s;
}

static uint64_t band_key(const uint64_t *sig, int band)
{
    return td__hash64(sig + band * LSH_ROWS, LSH_ROWS * sizeof *sig,
                      (uint64_t)band + 1);
}

/* The earliest article this one copies, by MinHash through LSH bands. */
static const doc *find_copy(const td__cluster *c, const char *lang,
                            const uint64_t *sig)
{
    if (sig[0] == UINT64_MAX)
        return NULL; /* no tokens */
    const doc *best = NULL;
    int best_same = 0;
    for (int b = 0; b < LSH_BANDS; b++) {
        const uint64_t *slot = td__hmap_get(&c->lsh, band_key(sig, b));
        if (!slot)
            continue;
        const doc *d = &c->docs[*slot - 1];
        /* story 0: an article whose assignment ran out of memory */
        if (d->story == 0 || strcmp(d->lang, lang) != 0)
            continue;
        int same = sig_agreement(d->sig, sig);
        if (same > best_same || (same == best_same && best && d->seq < best->seq))
            best = d, best_same = same;
    }
    if (best && best_same >= (int)(DUP_SIMILARITY * TD__MINHASH))
        return best;
    return NULL;
}

/* Copies and translations are looked for among a story's latest members
 * only: a story of thousands of articles must not make each new one cost
 * thousands of comparisons, and copies follow their original closely. */
#define MAX_COMPARED 256

static size_t first_compared(const story *s)
{
    return s->nmem > MAX_COMPARED ? s->nmem - MAX_COMPARED : 0;
}

/* The share of the shorter article's shingles found in the other, from
 * the MinHash estimate J of their Jaccard similarity and their sizes:
 * |A n B| = J (|A| + |B|) / (1 + J). */
static double containment(const uint64_t *sig, size_t ntokens, const doc *m)
{
    if (sig[0] == UINT64_MAX || m->sig[0] == UINT64_MAX)
        return 0;
    double j = (double)sig_agreement(sig, m->sig) / TD__MINHASH;
    if (j < DUP_MIN_JACCARD)
        return 0;
    double a = ntokens > 2 ? (double)ntokens - 2 : 1;
    double b = m->ntokens > 2 ? (double)m->ntokens - 2 : 1;
    return j * (a + b) / ((1 + j) * (a < b ? a : b));
}

/* Evidence that two articles are one text in two languages (see
 * td__translation_model in story/evidence.h): what a translation keeps --
 * names, figures and dates, the length, the concepts where dictionaries
 * exist -- measured so that an independent report of the same event in
 * another language, naming the same main actors, scores lower. Returns
 * the model's probability, 0 when the two cannot be one text; x (may be
 * NULL) receives the evidence. */
static double translation_score(const td__cluster *c, const td__feature *a,
                                size_t na, size_t ta, const doc *b,
                                double *x)
{
    double v[TD__T_N] = {0};
    if (x)
        memset(x, 0, TD__T_N * sizeof *x);
    if (!ta || !b->ntokens)
        return 0;
    double lo = (double)(ta < b->ntokens ? ta : b->ntokens);
    double hi = (double)(ta < b->ntokens ? b->ntokens : ta);
    v[TD__T_LENGTH] = lo / hi;
    double shared = 0, all_a = 0, all_b = 0; /* rarity of names etc. */
    size_t inter = 0, uni = 0, num_inter = 0, num_uni = 0, i = 0, j = 0;
    double pdot = 0, pna = 0, pnb = 0;
    while (i < na || j < b->nf) {
        uint64_t xa = i < na ? a[i].id : UINT64_MAX;
        uint64_t yb = j < b->nf ? b->f[j].id : UINT64_MAX;
        uint64_t id = xa < yb ? xa : yb;
        int t = TD__F_TYPE(id);
        int both = xa == yb;
        if (t == TD__F_ENTITY || t == TD__F_NUMBER || t == TD__F_DATE) {
            double w = idf(c, id);
            uni++;
            inter += both;
            shared += both ? w : 0;
            all_a += xa == id ? w : 0;
            all_b += yb == id ? w : 0;
            if (t != TD__F_ENTITY)
                num_uni++, num_inter += both;
        }
        if (t == TD__F_PIVOT) {
            double wi = xa == id ? tfw(a[i].w) * idf(c, id) : 0;
            double wj = yb == id ? tfw(b->f[j].w) * idf(c, id) : 0;
            pdot += wi * wj, pna += wi * wi, pnb += wj * wj;
        }
        if (xa == id)
            i++;
        if (yb == id)
            j++;
    }
    if (uni < 4)
        return 0;
    v[TD__T_NAMES] = (double)inter / (double)uni;
    /* the share of the rarer side's names the other has, by rarity: the
     * noise one extractor adds on one side weighs less than in a Jaccard */
    double least = all_a < all_b ? all_a : all_b;
    v[TD__T_RARE_SHARED] = least > 0 ? shared / least : 0;
    v[TD__T_FIGURES] = num_uni ? (double)num_inter / (double)num_uni : 0;
    v[TD__T_NO_FIGURES] = num_uni == 0;
    if (pna > 0 && pnb > 0)
        v[TD__T_CONCEPTS] = pdot / sqrt(pna * pnb);
    else
        v[TD__T_NO_CONCEPTS] = 1; /* no dictionary for one side */
    if (x)
        memcpy(x, v, sizeof v);
    return td__translation_prob(v);
}

static const char *kind_key(int t)
{
    static const char *const k[TD__F_TYPES] = {
        "terms", "concepts", "entities", "numbers", "dates", "central",
        "countries"};
    return k[t];
}

/* The competing story an article beat (runner, 0 for none) and the
 * evidence weighed, for and against: weight x value of each kind, as the
 * model adds them (x NULL: none). Returns 0, or -1 out of memory. */
static int put_weighed(td__buf *b, int64_t runner, double runner_p,
                       const double *x)
{
    int rc = 0;
    if (runner)
        rc = td__buf_printf(b, ",\"runner_up\":{\"story\":%lld,\"score\":%.3f}",
                            (long long)runner, runner_p);
    if (rc == 0 && x) {
        rc = td__buf_puts(b, ",\"evidence\":{");
        int first = 1;
        for (int i = 0; rc == 0 && i < TD__X_N; i++) {
            double v = td__story_model.w[i] * x[i];
            if (fabs(v) < 0.005)
                continue;
            rc = td__buf_printf(b, "%s\"%s\":%.2f", first ? "" : ",",
                                td__evidence_names[i], v);
            first = 0;
        }
        if (rc == 0)
            rc = td__buf_putc(b, '}');
    }
    return rc;
}

/* JSON of the strongest shared features, by kind. */
static char *explain(const td__fvec *f, const double *contrib, double score,
                     const char *how, const ranked *r)
{
    td__buf b = TD__BUF_INIT;
    int rc = td__buf_printf(&b, "{\"how\":\"%s\",\"score\":%.3f", how, score);
    if (rc == 0 && r)
        rc = put_weighed(&b, r->second ? r->second->id : 0, r->second_p,
                         r->best ? r->best_x : NULL);
    for (int t = 0; rc == 0 && t < TD__F_TYPES; t++) {
        /* up to 8 strongest of this kind, by contribution */
        size_t picked[8];
        size_t np = 0;
        for (size_t i = 0; contrib && i < f->n; i++) {
            if (TD__F_TYPE(f->v[i].id) != t || contrib[i] <= 0)
                continue;
            if (np < 8)
                picked[np++] = i;
            else if (contrib[i] > contrib[picked[7]])
                picked[7] = i;
            else
                continue;
            size_t k = np - 1; /* bubble the newcomer up to its rank */
            while (k > 0 && contrib[picked[k - 1]] < contrib[picked[k]]) {
                size_t tmp = picked[k - 1];
                picked[k - 1] = picked[k];
                picked[k] = tmp;
                k--;
            }
        }
        if (!np)
            continue;
        rc = td__buf_printf(&b, ",\"%s\":[", kind_key(t));
        for (size_t k = 0; rc == 0 && k < np; k++) {
            const char *l = f->labels ? f->labels[picked[k]] : "?";
            rc = td__buf_puts(&b, k ? ",\"" : "\"");
            for (const char *p = l; rc == 0 && *p; p++) {
                if (*p == '"' || *p == '\\')
                    rc = td__buf_putc(&b, '\\');
                if (rc == 0)
                    rc = (unsigned char)*p < 0x20 ? td__buf_putc(&b, ' ')
                                                   : td__buf_putc(&b, *p);
            }
            if (rc == 0)
                rc = td__buf_putc(&b, '"');
        }
        if (rc == 0)
            rc = td__buf_putc(&b, ']');
    }
    if (rc == 0)
        rc = td__buf_putc(&b, '}');
    if (rc != 0) {
        td__buf_free(&b);
        return NULL;
    }
    return td__buf_take(&b);
}

static int add_doc(td__cluster *c, int64_t seq, const char *lang, int day,
                   const td__fvec *f, const uint64_t *sig, size_t *index)
{
    if (c->ndocs == c->capdocs) {
        size_t cap = c->capdocs ? c->capdocs * 2 : 256;
        doc *v = td__realloc(c->docs, cap * sizeof *v);
        if (!v)
            return -1;
        c->docs = v, c->capdocs = cap;
    }
    uint64_t *slot = td__hmap_put(&c->doc_by_seq, (uint64_t)seq);
    if (!slot)
        return -1;
    doc *d = &c->docs[c->ndocs];
    memset(d, 0, sizeof *d);
    d->f = td__malloc((f->n ? f->n : 1) * sizeof *d->f);
    if (!d->f)
        return -1;
    memcpy(d->f, f->v, f->n * sizeof *d->f);
    d->nf = f->n;
    d->ntokens = f->ntokens;
    d->seq = seq;
    snprintf(d->lang, sizeof d->lang, "%s", lang ? lang : "und");
    d->day = day;
    memcpy(d->sig, sig, sizeof d->sig);
    *slot = c->ndocs + 1;
    *index = c->ndocs++;
    c->gen++;
    for (size_t i = 0; i < f->n; i++) {
        uint64_t *df = td__hmap_put(&c->df, f->v[i].id);
        if (!df)
            return -1;
        df_count(df);
    }
    for (int b = 0; b < LSH_BANDS; b++) {
        uint64_t *s = td__hmap_put(&c->lsh, band_key(sig, b));
        if (!s)
            return -1;
        if (!*s)
            *s = c->ndocs; /* the first doc with this band stays */
    }
    return 0;
}

/* Whether two stories may be one: not when both are dated and their
 * spans lie further apart than a story may grow by (an undated member
 * binding them would otherwise carry a dated one years away along). */
static int mergeable(const story *a, const story *b)
{
    if (a->first_day == TD__NO_DAY || b->first_day == TD__NO_DAY)
        return 1;
    int gap = a->last_day < b->first_day   ? b->first_day - a->last_day
              : b->last_day < a->first_day ? a->first_day - b->last_day
                                           : 0;
    return gap <= td__story_model.max_gap_days;
}

/* Merges story b into story a. */
static int merge(td__cluster *c, story *a, story *b)
{
    for (size_t i = 0; i < b->nmem; i++) {
        doc *d = &c->docs[b->members[i]];
        d->story = a->id;
        if (story_add_member(a, b->members[i]) != 0 ||
            story_absorb(c, a, d->f, d->nf, d->day) != 0)
            return -1;
    }
    b->alive = 0;
    b->nmem = 0;
    b->ver = 0;
    td__hmap_free(&b->centroid);
    return 0;
}

static void trace_vector(char tag, int64_t seq, int64_t other,
                         const double *x, int n);

/* The two most probable stories for an article, among the stories that
 * share features with it that are not everywhere (an inverted index, never
 * a scan of all stories); the strongest MAX_CANDIDATES by summed rarity are
 * scored in full. Story skip (an id, or 0) is left out. contrib and
 * best_contrib (may be NULL) receive the features' contributions. Returns
 * 0, or -1 out of memory. */

static int rank_stories(td__cluster *c, int64_t seq, const td__feature *f,
                        size_t nf, const char *lang, int day, int64_t skip,
                        double *contrib, double *best_contrib, ranked *r)
{
    memset(r, 0, sizeof *r);
    /* each feature's idf and tf-idf weight, once for all the stories */
    if (c->capw < 2 * nf) {
        double *w = td__realloc(c->wbuf, 2 * nf * sizeof *w);
        if (!w)
            return -1;
        c->wbuf = w, c->capw = 2 * nf;
    }
    if (c->capm < nf) {
        size_t cap = nf;
        const postings **pl = td__realloc(c->plist, cap * sizeof *pl);
        if (pl)
            c->plist = pl;
        uint32_t *mk = pl ? td__realloc(c->marks, cap * sizeof *mk) : NULL;
        if (mk)
            c->marks = mk;
        if (!pl || !mk)
            return -1;
        c->capm = cap;
    }
    double *fidf = c->wbuf, *wav = c->wbuf + nf;
    const postings **plist = c->plist;
    uint32_t *marks = c->marks;
    /* the rare features find the candidates through their postings */
    for (size_t i = 0; i < nf; i++) {
        const uint64_t *df = td__hmap_get(&c->df, f[i].id);
        fidf[i] = idf_of(c, df);
        wav[i] = tfw(f[i].w) * fidf[i];
        plist[i] = NULL;
        marks[i] = 0;
        /* (a feature of no document: only postings, never the case) */
        if (!df || !DF_DOCS(*df) ||
            (c->ndocs > 50 && (double)DF_DOCS(*df) >
                                  MAX_POSTING_SHARE * (double)c->ndocs))
            continue;
        if (DF_POSTS(*df))
            plist[i] = &c->posts[DF_POSTS(*df) - 1];
    }
    td__hmap cand = TD__HMAP_INIT;
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < nf; i++) {
        const postings *p = plist[i];
        if (!p)
            continue;
        double w = fidf[i];
        float wf = (float)w;
        for (size_t k = 0; k < p->n; k++) {
            if (p->v[k].story == skip)
                continue;
            uint64_t *acc = td__hmap_put(&cand, (uint64_t)p->v[k].story);
            if (!acc) {
                rc = -1;
                break;
            }
            float sum = getf(*acc); /* one addition per time, in order */
            for (uint32_t t = 0; t < p->v[k].times; t++)
                sum += wf;
            *acc = putf(sum);
        }
    }
    timeset at;
    article_times(f, nf, day, &at);
    /* The strongest MAX_CANDIDATES by summed rarity, strongest first and
     * on a tie the one earlier in the map: one pass over the map. A stale
     * posting (a story merged away or emptied) takes no candidate's
     * place. */
    size_t top[MAX_CANDIDATES];
    size_t ntop = 0;
    for (size_t k = 0; rc == 0 && k < cand.cap; k++) {
        float v = getf(cand.vals[k]);
        if (!cand.keys[k] || !(v > 0))
            continue;
        if (ntop == MAX_CANDIDATES && !(v > getf(cand.vals[top[ntop - 1]])))
            continue;
        const story *live = story_of(c, (int64_t)cand.keys[k]);
        if (!live || !live->alive || !live->nmem)
            continue;
        size_t at_k = ntop < MAX_CANDIDATES ? ntop++ : ntop - 1;
        while (at_k > 0 && v > getf(cand.vals[top[at_k - 1]])) {
            top[at_k] = top[at_k - 1];
            at_k--;
        }
        top[at_k] = k;
    }
    /* Which rare features each candidate has: a story holds a feature
     * only if the feature's postings name it, so the others need no
     * look-up in its centroid. The candidate's rank goes in the upper
     * half of its value in the map (the sum is the lower half). */
    int use_marks = rc == 0 && !c->posting_gap;
    for (size_t round = 0; use_marks && round < ntop; round++)
        cand.vals[top[round]] |= (uint64_t)(round + 1) << 32;
    for (size_t i = 0; use_marks && i < nf; i++) {
        const postings *p = plist[i];
        for (size_t k = 0; p && k < p->n; k++) {
            const uint64_t *v = td__hmap_get(&cand, (uint64_t)p->v[k].story);
            if (v && *v >> 32)
                marks[i] |= 1u << ((*v >> 32) - 1);
        }
    }
    for (size_t round = 0; rc == 0 && round < ntop; round++) {
        story *s = story_of(c, (int64_t)cand.keys[top[round]]);
        double x[TD__X_N];
        double sc = score_story(c, f, nf, wav, fidf, plist,
                                use_marks ? marks : NULL, 1u << round, lang,
                                day, &at, s, contrib, x);
        if (sc > 0)
            trace_vector('P', seq, s->id, x, TD__X_N);
        if (sc > r->best_p) {
            r->second = r->best, r->second_p = r->best_p;
            r->best = s, r->best_p = sc;
            memcpy(r->best_x, x, sizeof x);
            if (best_contrib && contrib)
                memcpy(best_contrib, contrib, nf * sizeof *contrib);
        } else if (sc > r->second_p) {
            r->second = s, r->second_p = sc;
        }
    }
    td__hmap_free(&cand);
    return rc;
}

/* The fitting trace: with TIDINGS_FIT_TRACE=FILE in the environment,
 * every comparison's evidence and every decision is appended to FILE for
 * tools/fit_weights.py. Off (one getenv) otherwise. */
static FILE *trace_file;
static pthread_once_t trace_once = PTHREAD_ONCE_INIT;

static void trace_open(void)
{
    const char *path = getenv("TIDINGS_FIT_TRACE");
    if (path && *path)
        trace_file = fopen(path, "a");
}

FILE *td__cluster_trace(void)
{
    pthread_once(&trace_once, trace_open);
    return trace_file;
}

/* One comparison's evidence: tag P (an article and a story, TD__X_N
 * values) or T (an article and an earlier one, TD__T_N values). */
static void trace_vector(char tag, int64_t seq, int64_t other,
                         const double *x, int n)
{
    FILE *t = td__cluster_trace();
    if (!t)
        return;
    fprintf(t, "%c %lld %lld", tag, (long long)seq, (long long)other);
    for (int i = 0; i < n; i++)
        fprintf(t, " %.6g", x[i]);
    fputc('\n', t);
}

static void trace_assign(int64_t seq, int64_t story_id, int64_t merged)
{
    FILE *t = td__cluster_trace();
    if (!t)
        return;
    fprintf(t, "A %lld %lld\n", (long long)seq, (long long)story_id);
    if (merged)
        fprintf(t, "M %lld %lld\n", (long long)story_id, (long long)merged);
}

td_status td__cluster_add(td__cluster *c, int64_t seq, const char *lang,
                          int day, const td__fvec *f,
                          const uint64_t sig[TD__MINHASH],
                          td__assignment *out)
{
    memset(out, 0, sizeof *out);
    double *contrib = td__calloc(f->n ? f->n : 1, sizeof *contrib);
    double *best_contrib = td__calloc(f->n ? f->n : 1, sizeof *best_contrib);
    int rc = contrib && best_contrib ? 0 : -1;

    const doc *copy = rc == 0 ? find_copy(c, lang, sig) : NULL;
    story *best = NULL, *second = NULL;
    double best_score = 0, second_score = 0;
    ranked r = {0};
    if (rc == 0 && !copy) {
        rc = rank_stories(c, seq, f->v, f->n, lang, day, 0, contrib,
                          best_contrib, &r);
        best = r.best, best_score = r.best_p;
        second = r.second, second_score = r.second_p;
    }

    size_t di = 0;
    story *s = NULL;
    int64_t copy_root = copy ? copy->root : 0, copy_story = copy ? copy->story : 0;
    if (rc == 0)
        rc = add_doc(c, seq, lang, day, f, sig, &di);
    if (rc == 0) {
        if (copy) {
            s = story_of(c, copy_story);
            out->duplicate_of = copy_root;
            out->score = 1.0;
        } else if (best && best_score >= td__story_model.join_p) {
            s = best;
            out->score = best_score;
        } else {
            /* new_story may move the story array: second is found again
             * by its id rather than kept as a pointer into the old one. */
            int64_t second_id = second ? second->id : 0;
            s = new_story(c, seq);
            out->is_new = 1;
            rc = s ? 0 : -1;
            second = rc == 0 && second_id ? story_of(c, second_id) : NULL;
        }
    }
    if (rc == 0)
        rc = story_add_member(s, di);
    if (rc == 0)
        rc = story_absorb(c, s, f->v, f->n, day);
    doc *d = rc == 0 ? &c->docs[di] : NULL;
    if (d) {
        d->story = s->id;
        d->root = copy ? copy_root : seq;
    }
    /* Edited copies (a longer or trimmed version of one agency text) share
     * too few shingles for the LSH bands to meet; compared within the story
     * they joined, most of the shorter text is found in the longer one. */
    if (rc == 0 && !copy && !out->is_new) {
        double cbest = 0;
        for (size_t k = first_compared(s); k < s->nmem; k++) {
            const doc *m = &c->docs[s->members[k]];
            if (m->seq == seq || strcmp(m->lang, lang) != 0)
                continue;
            double ct = containment(sig, f->ntokens, m);
            if (ct >= DUP_CONTAINMENT && ct > cbest)
                cbest = ct, out->duplicate_of = m->root;
        }
        if (out->duplicate_of)
            d->root = out->duplicate_of;
    }
    /* Translations: an earlier article in another language of the story
     * that carries the same names, numbers and dates. */
    if (rc == 0 && !copy && !out->is_new && !out->duplicate_of) {
        double tbest = 0;
        int64_t troot = 0; /* the original the text was translated from */
        for (size_t k = first_compared(s); k < s->nmem; k++) {
            const doc *m = &c->docs[s->members[k]];
            if (m->seq == seq || strcmp(m->lang, lang) == 0)
                continue;
            double x[TD__T_N];
            double t = translation_score(c, f->v, f->n, f->ntokens, m, x);
            if (t > 0)
                trace_vector('T', seq, m->seq, x, TD__T_N);
            if (t >= td__translation_model.p && t > tbest)
                tbest = t, out->translation_of = m->seq, troot = m->root;
        }
        /* the article it was translated from is named; for clustering it
         * goes with that article's original */
        if (out->translation_of)
            d->root = troot;
    }
    /* Evidence binding a second story as strongly: they are one. */
    /* (a new story may have moved the stories: second is only looked at
     * when the article joined) */
    if (rc == 0 && !copy && !out->is_new && second &&
        second_score >= td__story_model.merge_p && second->alive &&
        second != s && mergeable(s, second)) {
        story *keep = s->id < second->id ? s : second;
        story *gone = keep == s ? second : s;
        rc = merge(c, keep, gone);
        if (rc == 0) {
            out->merged = gone->id;
            s = keep;
        }
    }
    if (rc == 0) {
        out->story = s->id;
        trace_assign(seq, s->id, out->merged);
        /* (a new story may have moved the stories: r's pointers are
         * only read when the article joined) */
        out->why = explain(f, copy || out->is_new ? NULL : best_contrib,
                           out->score,
                           copy ? "copy" : out->is_new ? "new" : "joined",
                           copy || out->is_new ? NULL : &r);
        if (!out->why)
            rc = -1;
    }
    td__free(contrib);
    td__free(best_contrib);
    /* Out of memory part-way leaves the structures consistent but possibly
     * without this article's postings; report it. */
    return rc == 0 ? TD_OK : TD_ENOMEM;
}

td_status td__cluster_restore(td__cluster *c, int64_t seq, const char *lang,
                              int day, const td__fvec *f,
                              const uint64_t sig[TD__MINHASH], int64_t story_id,
                              int64_t root)
{
    size_t di;
    if (add_doc(c, seq, lang, day, f, sig, &di) != 0)
        return TD_ENOMEM;
    story *s = story_of(c, story_id);
    if (!s && !(s = new_story(c, story_id)))
        return TD_ENOMEM;
    if (story_add_member(s, di) != 0 || story_absorb(c, s, f->v, f->n, day) != 0)
        return TD_ENOMEM;
    c->docs[di].story = story_id;
    c->docs[di].root = root ? root : seq;
    return TD_OK;
}

/* ------------------------------------------------------------ revisiting */

/* Takes doc di's features out of story s (the reverse of story_absorb;
 * postings stay: a stale one only proposes a candidate that scores low). */
static void story_release(td__cluster *c, story *s, size_t di)
{
    const doc *d = &c->docs[di];
    s->ver = ++c->vers;
    for (size_t i = 0; i < d->nf; i++) {
        uint64_t *w = td__hmap_get(&s->centroid, d->f[i].id);
        if (w) {
            float v = getf(*w) - d->f[i].w;
            *w = putf(v > 1e-4f ? v : 0.0f);
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < s->nmem; i++)
        if (s->members[i] != di)
            s->members[k++] = s->members[i];
    s->nmem = k;
    s->first_day = s->last_day = TD__NO_DAY;
    for (size_t i = 0; i < s->nmem; i++) {
        int day = c->docs[s->members[i]].day;
        if (day == TD__NO_DAY)
            continue;
        if (s->first_day == TD__NO_DAY || day < s->first_day)
            s->first_day = day;
        if (s->last_day == TD__NO_DAY || day > s->last_day)
            s->last_day = day;
    }
    if (!s->nmem)
        s->alive = 0;
}

/* The order in which a revisit re-reads articles, the same whatever
 * order they came in: dated ones by day, then undated ones; ties by the
 * content (MinHash), then arrival. */
typedef struct canon {
    size_t di;
    int day;
    uint64_t h;
} canon;

static int by_canon(const void *x, const void *y)
{
    const canon *a = x, *b = y;
    int ua = a->day == TD__NO_DAY, ub = b->day == TD__NO_DAY;
    if (ua != ub)
        return ua - ub;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return a->di < b->di ? -1 : a->di > b->di;
}

/* The story with this id, emptied for a new start (its old members were
 * all released), or a new one. */
static story *fresh_story(td__cluster *c, int64_t id)
{
    story *s = story_of(c, id);
    if (!s)
        return new_story(c, id);
    if (s->nmem)
        return NULL; /* taken: the caller starts none */
    s->alive = 1;
    s->first_day = s->last_day = TD__NO_DAY;
    return s;
}

static int join(td__cluster *c, story *s, size_t di)
{
    doc *d = &c->docs[di];
    if (story_add_member(s, di) != 0 ||
        story_absorb(c, s, d->f, d->nf, d->day) != 0)
        return -1;
    d->story = s->id;
    return 0;
}

/* Gives story s the id it had before the revisit, when most of its
 * articles were in that story and the id is free: a story keeps its id
 * as it grows. */
static int keep_id(td__cluster *c, story *s, int64_t id)
{
    story *old = story_of(c, id);
    if (id == s->id || (old && old->alive && old->nmem))
        return 0;
    uint64_t *slot = td__hmap_get(&c->story_by_id, (uint64_t)s->id);
    uint64_t index = slot ? *slot : 0;
    if (!index)
        return 0;
    uint64_t *to = td__hmap_put(&c->story_by_id, (uint64_t)id);
    if (!to)
        return -1;
    slot = td__hmap_get(&c->story_by_id, (uint64_t)s->id);
    *slot = 0;
    *to = index;
    s = &c->stories[index - 1];
    s->id = id;
    for (size_t k = 0; k < s->nmem; k++)
        c->docs[s->members[k]].story = id;
    for (size_t k = 0; k < s->centroid.cap; k++)
        if (s->centroid.keys[k] && add_posting(c, s->centroid.keys[k], id))
            return -1;
    return 0;
}

/* Why a revisit put an article where it is, for its explanation. */
enum { PLACED_FOUNDED, PLACED_JOINED, PLACED_ORIGINAL, PLACED_KEPT,
       PLACED_MERGED };
typedef struct placed {
    int how;
    double p;       /* its probability (PLACED_MERGED: its story's mean) */
    int64_t runner; /* the runner-up story, or 0 */
    double runner_p;
    double x[TD__X_N];
} placed;

/* Two stories of one event can form side by side when each group's first
 * article came before the other's (two languages, two angles): a story
 * whose articles, on average, belong to another story as likely as
 * story_p is merged into it. The mean over its articles, not one
 * article's binding, so one ambiguous article does not merge two events;
 * a big story is judged by its latest CONSOLIDATE_SAMPLE articles. Only
 * stories with articles from start on are looked at; pl (indexed from
 * start) learns which articles moved so. Returns 0, or -1 out of memory. */
static int consolidate(td__cluster *c, size_t start, placed *pl)
{
    int rc = 0;
    /* After the first pass only the stories a merge touched, or whose
     * best target it touched, are ranked again: ranking is most of a
     * revisit, and a merge elsewhere could only raise another story's
     * pull on the rest through the merged story's new centroid, which
     * changed no story on either dev set in any order. */
    td__hmap best_of = TD__HMAP_INIT; /* story id -> its best target */
    td__hmap touched = TD__HMAP_INIT, touched_now = TD__HMAP_INIT;
    for (int pass = 0; rc == 0 && pass < CONSOLIDATE_PASSES; pass++) {
        int merged = 0;
        for (size_t si = 0; rc == 0 && si < c->nstories; si++) {
            story *s = &c->stories[si];
            if (!s->alive || !s->nmem || s->members[s->nmem - 1] < start)
                continue;
            if (pass > 0 && !td__hmap_get(&touched, (uint64_t)s->id)) {
                const uint64_t *b = td__hmap_get(&best_of, (uint64_t)s->id);
                if (!b || !td__hmap_get(&touched, *b))
                    continue;
            }
            size_t from = s->nmem > CONSOLIDATE_SAMPLE
                              ? s->nmem - CONSOLIDATE_SAMPLE
                              : 0;
            td__hmap sum = TD__HMAP_INIT; /* other story id -> summed p */
            for (size_t m = from; rc == 0 && m < s->nmem; m++) {
                const doc *d = &c->docs[s->members[m]];
                ranked r;
                rc = rank_stories(c, d->seq, d->f, d->nf, d->lang, d->day,
                                  s->id, NULL, NULL, &r);
                uint64_t *acc = rc == 0 && r.best
                                    ? td__hmap_put(&sum, (uint64_t)r.best->id)
                                    : NULL;
                if (rc == 0 && r.best && !acc)
                    rc = -1;
                else if (acc)
                    *acc = putf(getf(*acc) + (float)r.best_p);
            }
            int64_t to_id = 0;
            double to_p = 0;
            for (size_t k = 0; rc == 0 && k < sum.cap; k++) {
                if (!sum.keys[k])
                    continue;
                double mean = getf(sum.vals[k]) / (double)(s->nmem - from);
                if (mean > to_p ||
                    (mean == to_p && (int64_t)sum.keys[k] < to_id))
                    to_p = mean, to_id = (int64_t)sum.keys[k];
            }
            td__hmap_free(&sum);
            if (rc == 0 && to_id) {
                uint64_t *b = td__hmap_put(&best_of, (uint64_t)c->stories[si].id);
                if (!b)
                    rc = -1;
                else
                    *b = (uint64_t)to_id;
            }
            story *t = rc == 0 && to_id && to_p >= td__story_model.story_p
                           ? story_of(c, to_id)
                           : NULL;
            s = &c->stories[si];
            if (!t || t == s || !t->alive || !t->nmem || !mergeable(s, t))
                continue;
            /* the larger keeps its id: a story keeps its id as it grows */
            int t_keeps = t->nmem > s->nmem ||
                          (t->nmem == s->nmem && t->id < s->id);
            story *keep = t_keeps ? t : s, *gone = t_keeps ? s : t;
            for (size_t m = 0; m < gone->nmem; m++)
                if (gone->members[m] >= start) {
                    placed *q = &pl[gone->members[m] - start];
                    *q = (placed){PLACED_MERGED, to_p, 0, 0, {0}};
                }
            rc = merge(c, keep, gone);
            merged = 1;
            if (rc == 0 && (!td__hmap_put(&touched_now, (uint64_t)keep->id) ||
                            !td__hmap_put(&touched_now, (uint64_t)gone->id)))
                rc = -1;
        }
        if (!merged)
            break;
        td__hmap_free(&touched);
        touched = touched_now;
        touched_now = (td__hmap)TD__HMAP_INIT;
    }
    td__hmap_free(&best_of);
    td__hmap_free(&touched);
    td__hmap_free(&touched_now);
    return rc;
}

/* The explanation of a move: where from, how, and the evidence (JSON,
 * the caller's to free), or NULL out of memory. */
static char *moved_why(int64_t from, const placed *q)
{
    static const char *const how[] = {"founded", "joined", "original",
                                      "kept", "merged"};
    td__buf b = TD__BUF_INIT;
    int joined = q->how == PLACED_JOINED;
    int rc = td__buf_printf(&b,
                            "{\"how\":\"moved\",\"from\":%lld,\"by\":\"%s\","
                            "\"score\":%.3f",
                            (long long)from, how[q->how], q->p);
    if (rc == 0 && joined)
        rc = put_weighed(&b, q->runner, q->runner_p, q->x);
    if (rc == 0)
        rc = td__buf_putc(&b, '}');
    if (rc != 0) {
        td__buf_free(&b);
        return NULL;
    }
    return td__buf_take(&b);
}

td_status td__cluster_refine(td__cluster *c, size_t window, td__move_cb cb,
                             void *ud)
{
    size_t start = c->ndocs > window ? c->ndocs - window : 0;
    size_t n = c->ndocs - start;
    if (!n)
        return TD_OK;
    /* Every article's story before: a merge may move older ones too. */
    int64_t *was = td__malloc(c->ndocs * sizeof *was);
    canon *order = td__malloc(n * sizeof *order);
    placed *pl = td__calloc(n, sizeof *pl);
    if (!was || !order || !pl) {
        td__free(was);
        td__free(order);
        td__free(pl);
        return TD_ENOMEM;
    }
    for (size_t i = 0; i < c->ndocs; i++)
        was[i] = c->docs[i].story;
    /* Every recent article leaves its story; older ones stay put. */
    for (size_t i = start; i < c->ndocs; i++) {
        doc *d = &c->docs[i];
        story *s = d->story ? story_of(c, d->story) : NULL;
        if (s)
            story_release(c, s, i);
        order[i - start] = (canon){i, d->day, d->sig[0]};
    }
    qsort(order, n, sizeof *order, by_canon);
    int64_t first_seq = c->docs[start].seq;
    int rc = 0;
    /* The window's copies and translations of each original, in window
     * order: copies_of maps the original's seq to the first (index + 1),
     * next_copy chains the rest. */
    td__hmap copies_of = TD__HMAP_INIT;
    size_t *next_copy = td__calloc(n, sizeof *next_copy);
    if (!next_copy)
        rc = -1;
    for (size_t j = c->ndocs; rc == 0 && j-- > start;) {
        const doc *cj = &c->docs[j];
        /* root 0: an article whose assignment ran out of memory */
        if (cj->root == cj->seq || cj->root == 0)
            continue;
        uint64_t *head = td__hmap_put(&copies_of, (uint64_t)cj->root);
        if (!head) {
            rc = -1;
            break;
        }
        next_copy[j - start] = (size_t)*head;
        *head = j + 1;
    }
    /* Originals in canonical order, each as an arriving article would be;
     * copies and translations with their original. */
    for (size_t k = 0; rc == 0 && k < n; k++) {
        doc *d = &c->docs[order[k].di];
        placed *q = &pl[order[k].di - start];
        story *to = NULL;
        int64_t second_id = 0; /* a story the article binds as strongly */
        if (d->root != d->seq) {
            if (d->root >= first_seq)
                continue; /* placed with its original below */
            const uint64_t *ri = td__hmap_get(&c->doc_by_seq,
                                              (uint64_t)d->root);
            const doc *r = ri ? &c->docs[*ri - 1] : NULL;
            to = r && r->story ? story_of(c, r->story) : NULL;
            q->how = PLACED_ORIGINAL;
        } else {
            ranked r;
            rc = rank_stories(c, d->seq, d->f, d->nf, d->lang, d->day, 0,
                              NULL, NULL, &r);
            if (rc == 0 && r.best && r.best_p >= td__story_model.join_p) {
                to = r.best;
                *q = (placed){PLACED_JOINED, r.best_p,
                              r.second ? r.second->id : 0, r.second_p, {0}};
                memcpy(q->x, r.best_x, sizeof q->x);
                if (r.second && r.second_p >= td__story_model.merge_p)
                    second_id = r.second->id;
            } else if (rc == 0) {
                to = fresh_story(c, d->seq);
                q->how = PLACED_FOUNDED;
            }
        }
        if (rc != 0)
            break;
        if (!to) { /* nowhere to go back to: its own old story */
            to = story_of(c, was[order[k].di]);
            if (!to || (!to->alive && !(to = fresh_story(c, to->id))))
                continue;
            to->alive = 1;
            q->how = PLACED_KEPT;
        }
        size_t di = order[k].di;
        rc = join(c, to, di);
        const uint64_t *head = td__hmap_get(&copies_of, (uint64_t)d->seq);
        for (size_t j = head ? (size_t)*head : 0; rc == 0 && j;
             j = next_copy[j - 1 - start]) {
            rc = join(c, story_of(c, c->docs[di].story), j - 1);
            pl[j - 1 - start].how = PLACED_ORIGINAL;
        }
        /* As on arrival: evidence binding two stories as strongly makes
         * them one (side by side they would split the event). */
        story *s1 = rc == 0 ? story_of(c, c->docs[di].story) : NULL;
        story *s2 = rc == 0 && second_id ? story_of(c, second_id) : NULL;
        if (s1 && s2 && s2 != s1 && s2->alive && s2->nmem &&
            mergeable(s1, s2))
            rc = s1->id < s2->id ? merge(c, s1, s2) : merge(c, s2, s1);
    }
    td__hmap_free(&copies_of);
    td__free(next_copy);
    if (rc == 0)
        rc = consolidate(c, start, pl);
    /* Stories keep their ids: the id most of their articles had. */
    for (size_t k = 0; rc == 0 && k < n; k++) {
        doc *d = &c->docs[order[k].di];
        story *s = d->story ? story_of(c, d->story) : NULL;
        if (!s || s->id != d->seq)
            continue; /* only stories this revisit founded */
        int64_t best = 0;
        size_t best_n = 0;
        for (size_t m = 0; m < s->nmem; m++) {
            int64_t id = was[s->members[m]];
            size_t cnt = 0;
            for (size_t q = 0; q < s->nmem; q++)
                cnt += was[s->members[q]] == id;
            if (cnt > best_n || (cnt == best_n && id < best))
                best = id, best_n = cnt;
        }
        if (best)
            rc = keep_id(c, s, best);
    }
    for (size_t i = 0; rc == 0 && i < c->ndocs; i++) {
        doc *d = &c->docs[i];
        if (!cb || d->story == was[i])
            continue;
        placed old = {PLACED_MERGED, 0, 0, 0, {0}}; /* older: its story merged */
        const placed *q = i >= start ? &pl[i - start] : &old;
        char *why = moved_why(was[i], q);
        if (!why) {
            rc = -1;
            break;
        }
        cb(ud, d->seq, d->story, q->p, why);
        td__free(why);
        trace_assign(d->seq, d->story, 0);
    }
    td__free(was);
    td__free(order);
    td__free(pl);
    return rc == 0 ? TD_OK : TD_ENOMEM;
}

int td__cluster_add_feature(td__cluster *c, int64_t seq, uint64_t id,
                            float w)
{
    const uint64_t *di = td__hmap_get(&c->doc_by_seq, (uint64_t)seq);
    if (!di)
        return 0;
    doc *d = &c->docs[*di - 1];
    size_t at = 0;
    while (at < d->nf && d->f[at].id < id)
        at++;
    if (at < d->nf && d->f[at].id == id)
        return 0;
    td__feature *v = td__realloc(d->f, (d->nf + 1) * sizeof *v);
    if (!v)
        return -1;
    d->f = v;
    memmove(d->f + at + 1, d->f + at, (d->nf - at) * sizeof *d->f);
    d->f[at] = (td__feature){id, w};
    d->nf++;
    uint64_t *df = td__hmap_put(&c->df, id);
    if (df)
        df_count(df);
    c->gen++;
    story *s = d->story ? story_of(c, d->story) : NULL;
    if (s && story_absorb(c, s, d->f + at, 1, TD__NO_DAY) != 0)
        return -1;
    return df ? 1 : -1;
}

int td__cluster_doc(const td__cluster *c, int64_t seq, const td__feature **f,
                    size_t *nf, const uint64_t **sig, int64_t *root,
                    size_t *ntokens)
{
    const uint64_t *di = td__hmap_get(&c->doc_by_seq, (uint64_t)seq);
    if (!di)
        return -1;
    const doc *d = &c->docs[*di - 1];
    *f = d->f, *nf = d->nf, *sig = d->sig, *root = d->root;
    *ntokens = d->ntokens;
    return 0;
}
