/* gen_pivot.c -- writes data/pivot.c, the cross-lingual pivot dictionaries,
 * from FreeDict dictionaries in dictd format (.index + .dict.dz).
 *
 *   gen_pivot OUT.c SOURCE...
 *
 * Each SOURCE is one of
 *   lex:PATH            an English-X dictionary whose headwords only serve as
 *                       the English lexicon: a translation is kept only when
 *                       the lexicon knows the word (drops glosses written in
 *                       the source language, typos, fused words)
 *   LANG:fwd:PATH       an X-English dictionary: headword -> translations
 *   LANG:inv:PATH       an English-X dictionary, inverted
 *   LANG:tsv:FILE       lines "source<TAB>english" (e.g. expanded Apertium
 *                       bilingual dictionaries)
 *   LANG:via-PIV:PATH   a PIV-X dictionary (headword in language PIV, a
 *                       language the other sources already cover), chained
 *                       through PIV's own table: X word -> PIV word -> the
 *                       English concepts selected for it, see chain_via()
 * where PATH is the dictionary without its .index/.dict.dz suffix and LANG
 * the project's language key (ISO 639-1).
 *
 * Every word is keyed exactly as the text analyser will key it, by calling
 * the library's own td__tokenize (the generator links libtidings.a): source
 * words by their stem in LANG, English words by their English stem, whose
 * FNV-1a hash is the concept id (td__pivot_english). Only single-token
 * source words that are not stop words are kept; translations must be one
 * English content word ("to" / "the" / "a" / "an" before it allowed, so
 * "to elect" is "elect"), not a stop word, and known to the lexicon.
 *
 * For precision each (source stem, English stem) pair is weighted by the
 * translation's rank in its entry (4 for the first, down to 1), weights are
 * summed over entries and dictionaries, and a stem keeps at most
 * TD__PIVOT_MAX concepts, those with at least a third of the best weight
 * (half when it has more than MANY candidates: stems merge a noun and its
 * verb, "Wahl" and "wählen", so common words collect many); stems with more
 * than MAX_DISTINCT distinct candidates are dropped as too ambiguous to
 * help. Languages with more than PIVOT_CAP stems (environment; 25000 by
 * default) keep the most useful ones, see cap_languages(). See src/story/pivot.c for the table layout. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/hmap.h"
#include "story/pivot.h"
#include "text/tokens.h"

#define MAX_PER_ENTRY 4 /* translations taken from one entry */
#define MAX_DISTINCT 24 /* more candidates than this: too ambiguous */
#define MANY 6          /* more candidates: only those with half the best */

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_pivot: %s%s%s\n", msg, arg ? ": " : "",
            arg ? arg : "");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- string -> index set (open addressing) ---- */

typedef struct strset {
    char **keys;
    size_t *vals;
    size_t cap, n;
} strset;

static size_t *strset_find(const strset *s, const char *k, size_t n)
{
    if (!s->cap)
        return NULL;
    size_t i = (size_t)td__hash64(k, n, 0) & (s->cap - 1);
    while (s->keys[i]) {
        if (strlen(s->keys[i]) == n && memcmp(s->keys[i], k, n) == 0)
            return &s->vals[i];
        i = (i + 1) & (s->cap - 1);
    }
    return NULL;
}

static void strset_grow(strset *s)
{
    size_t ncap = s->cap ? s->cap * 2 : 1024;
    char **keys = calloc(ncap, sizeof *keys);
    size_t *vals = calloc(ncap, sizeof *vals);
    if (!keys || !vals)
        die("out of memory", NULL);
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->keys[i])
            continue;
        size_t j =
            (size_t)td__hash64(s->keys[i], strlen(s->keys[i]), 0) &
            (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = s->keys[i];
        vals[j] = s->vals[i];
    }
    free(s->keys);
    free(s->vals);
    s->keys = keys;
    s->vals = vals;
    s->cap = ncap;
}

/* Index of k, adding it with value s->n when new. */
static size_t strset_add(strset *s, const char *k, size_t n)
{
    size_t *v = strset_find(s, k, n);
    if (v)
        return *v;
    if ((s->n + 1) * 2 > s->cap)
        strset_grow(s);
    size_t i = (size_t)td__hash64(k, n, 0) & (s->cap - 1);
    while (s->keys[i])
        i = (i + 1) & (s->cap - 1);
    s->keys[i] = xstrndup(k, n);
    s->vals[i] = s->n;
    return s->n++;
}

/* ---- state ---- */

static strset lexicon;   /* folded English words */
static strset concepts;  /* English stems -> index */
static char **concept_stem; /* index -> stem */
static size_t concept_cap;

typedef struct pair {
    const char *lang;
    char *stem;
    size_t concept;
    unsigned weight;
} pair;

static pair *pairs;
static size_t npairs, pairs_cap;

static size_t concept_of(const char *stem, size_t n)
{
    size_t before = concepts.n;
    size_t idx = strset_add(&concepts, stem, n);
    if (concepts.n != before) {
        if (idx >= concept_cap) {
            concept_cap = concept_cap ? concept_cap * 2 : 4096;
            concept_stem =
                xrealloc(concept_stem, concept_cap * sizeof *concept_stem);
        }
        concept_stem[idx] = xstrndup(stem, n);
    }
    return idx;
}

static void add_pair(const char *lang, const char *stem, size_t concept,
                     unsigned weight)
{
    if (npairs == pairs_cap) {
        pairs_cap = pairs_cap ? pairs_cap * 2 : 65536;
        pairs = xrealloc(pairs, pairs_cap * sizeof *pairs);
    }
    pairs[npairs].lang = lang;
    pairs[npairs].stem = xstrndup(stem, strlen(stem));
    pairs[npairs].concept = concept;
    pairs[npairs].weight = weight;
    npairs++;
}

/* Bytes a stem may hold in a line of the blob: no space or control (line
 * syntax), no quote, backslash or '?' (C string literal, trigraphs). */
static int stem_ok(const char *s)
{
    if (strlen(s) < 2)
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == '"' || *p == '\\' || *p == '?' || *p == 0x7f)
            return 0;
    return 1;
}

/* Copies text into buf without the combining stress marks (U+0300,
 * U+0301) Russian and Ukrainian dictionaries put on a Cyrillic vowel
 * ("фотоэле́мент"): articles are written without them, and NFKC keeps
 * them, there being no precomposed Cyrillic letter. Returns the new length;
 * buf holds at least len bytes. */
static size_t unstress(const char *text, size_t len, char *buf)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        const unsigned char *u = (const unsigned char *)text + i;
        if (i + 1 < len && u[0] == 0xCC && (u[1] == 0x80 || u[1] == 0x81) &&
            n >= 2 && ((unsigned char)buf[n - 2] == 0xD0 ||
                       (unsigned char)buf[n - 2] == 0xD1)) {
            i++;
            continue;
        }
        buf[n++] = text[i];
    }
    return n;
}

/* The stem of text when it is one content word of lang (an English article
 * or "to" before it allowed when english), else NULL. Returned pointer is
 * owned by *t (free with td__tokens_free). */
static const char *one_word(const char *text, size_t len, const char *lang,
                            int english, td__tokens *t)
{
    char *buf = xmalloc(len + 1);
    len = unstress(text, len, buf);
    int rc = td__tokenize(buf, len, lang, t);
    free(buf);
    if (rc != TD_OK)
        die("tokeniser failed (out of memory?)", NULL);
    const td__token *k = NULL;
    if (t->n == 1) {
        k = &t->v[0];
    } else if (t->n == 2 && english) {
        const char *f = t->v[0].norm;
        if (strcmp(f, "to") == 0 || strcmp(f, "the") == 0 ||
            strcmp(f, "a") == 0 || strcmp(f, "an") == 0)
            k = &t->v[1];
    }
    if (!k || !(k->flags & TD_TOKEN_WORD) ||
        (k->flags & (TD_TOKEN_STOP | TD_TOKEN_NUMBER)))
        return NULL;
    if (english && lexicon.n && !strset_find(&lexicon, k->norm,
                                             strlen(k->norm)))
        return NULL;
    const char *stem = k->stem ? k->stem : k->norm;
    return stem_ok(stem) ? stem : NULL;
}

/* ---- dictd reading ---- */

static char *read_gz(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        die("cannot open", path);
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - n < (1 << 16)) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        int r = gzread(f, buf + n, (unsigned)(cap - n - 1));
        if (r < 0)
            die("cannot decompress", path);
        if (r == 0)
            break;
        n += (size_t)r;
    }
    gzclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static long b64num(const char *s, size_t n)
{
    static const char al[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = memchr(al, s[i], 64);
        if (!p)
            return -1;
        v = v * 64 + (p - al);
    }
    return v;
}

typedef void (*entry_cb)(const char *lang, const char *head, size_t hlen,
                         const char *body, size_t blen);

/* Calls cb for every entry of the dictd dictionary at base (.index and
 * .dict.dz): head is the index headword, body the entry without its
 * headword line. */
static void each_entry(const char *base, const char *lang, entry_cb cb)
{
    size_t plen = strlen(base) + 16;
    char *p = xmalloc(plen);
    snprintf(p, plen, "%s.dict.dz", base);
    size_t dlen;
    char *dict = read_gz(p, &dlen);
    snprintf(p, plen, "%s.index", base);
    size_t ilen;
    char *index = read_gz(p, &ilen); /* gzread reads plain files too */
    free(p);
    for (char *line = index; line < index + ilen;) {
        char *nl = memchr(line, '\n', (size_t)(index + ilen - line));
        if (!nl)
            nl = index + ilen;
        char *t1 = memchr(line, '\t', (size_t)(nl - line));
        char *t2 = t1 ? memchr(t1 + 1, '\t', (size_t)(nl - t1 - 1)) : NULL;
        if (t1 && t2 && strncmp(line, "00-database", 11) != 0 &&
            strncmp(line, "00database", 10) != 0) {
            long off = b64num(t1 + 1, (size_t)(t2 - t1 - 1));
            long n = b64num(t2 + 1, (size_t)(nl - t2 - 1));
            if (off >= 0 && n > 0 && (size_t)off + (size_t)n <= dlen) {
                const char *e = dict + off;
                const char *hl = memchr(e, '\n', (size_t)n);
                if (hl)
                    cb(lang, line, (size_t)(t1 - line), hl + 1,
                       (size_t)(e + n - hl - 1));
            }
        }
        line = nl + 1;
    }
    free(dict);
    free(index);
}

/* Splits body into candidate items: per line, labels ("see:", "Note:")
 * skipped, sense numbers and bracketed parts removed, split at , and ;.
 * Calls take(item) until it returns 0. */
static void each_item(const char *body, size_t blen,
                      int (*take)(const char *s, size_t n, void *u), void *u)
{
    char *buf = xmalloc(blen + 1);
    const char *end = body + blen;
    for (const char *l = body; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        if (!nl)
            nl = end;
        const char *s = l;
        l = nl + 1;
        while (s < nl && (*s == ' ' || *s == '\t'))
            s++;
        if (s < nl && *s == '"')
            continue; /* a quoted usage example ("eine Wahl treffen" - ...) */
        /* A label ends its first word with ':'. */
        const char *w = s;
        while (w < nl && *w != ' ' && *w != ':')
            w++;
        if (w < nl && *w == ':')
            continue;
        /* "2. " sense numbers */
        const char *d = s;
        while (d < nl && *d >= '0' && *d <= '9')
            d++;
        if (d > s && d < nl && *d == '.')
            s = d + 1;
        size_t n = 0;
        int depth = 0;
        for (const char *c = s; c < nl; c++) {
            char ch = *c;
            if (ch == '(' || ch == '[' || ch == '<' || ch == '{') {
                depth++;
                continue;
            }
            if (ch == ')' || ch == ']' || ch == '>' || ch == '}') {
                if (depth > 0)
                    depth--;
                buf[n++] = ' ';
                continue;
            }
            if (depth == 0)
                buf[n++] = ch == ';' ? ',' : ch;
        }
        buf[n] = '\0';
        for (char *it = buf; it && *it;) {
            char *comma = strchr(it, ',');
            if (comma)
                *comma = '\0';
            while (*it == ' ')
                it++;
            size_t il = strlen(it);
            while (il && it[il - 1] == ' ')
                il--;
            /* a slash in an item is a pronunciation or "and/or": skip */
            if (il && !memchr(it, '/', il) && !take(it, il, u)) {
                free(buf);
                return;
            }
            it = comma ? comma + 1 : NULL;
        }
    }
    free(buf);
}

/* fwd: headword in lang, English translations */
typedef struct fwd_ctx {
    const char *lang;
    const char *stem;
    size_t taken;
    size_t seen[MAX_PER_ENTRY];
} fwd_ctx;

static int take_fwd(const char *s, size_t n, void *u)
{
    fwd_ctx *c = u;
    td__tokens t = TD__TOKENS_INIT;
    const char *en = one_word(s, n, "en", 1, &t);
    if (en) {
        size_t idx = concept_of(en, strlen(en));
        int dup = 0;
        for (size_t i = 0; i < c->taken; i++)
            dup |= c->seen[i] == idx;
        if (!dup) {
            add_pair(c->lang, c->stem, idx,
                     (unsigned)(MAX_PER_ENTRY - c->taken));
            c->seen[c->taken++] = idx;
        }
    }
    td__tokens_free(&t);
    return c->taken < MAX_PER_ENTRY;
}

static void entry_fwd(const char *lang, const char *head, size_t hlen,
                      const char *body, size_t blen)
{
    td__tokens t = TD__TOKENS_INIT;
    const char *stem = one_word(head, hlen, lang, 0, &t);
    if (stem) {
        fwd_ctx c = {lang, stem, 0, {0}};
        each_item(body, blen, take_fwd, &c);
    }
    td__tokens_free(&t);
}

/* inv: English headword, translations in lang */
typedef struct inv_ctx {
    const char *lang;
    size_t concept;
    unsigned rank;
} inv_ctx;

static int take_inv(const char *s, size_t n, void *u)
{
    inv_ctx *c = u;
    td__tokens t = TD__TOKENS_INIT;
    const char *stem = one_word(s, n, c->lang, 0, &t);
    if (stem) {
        add_pair(c->lang, stem, c->concept,
                 (unsigned)(MAX_PER_ENTRY - c->rank));
        c->rank++;
    }
    td__tokens_free(&t);
    return c->rank < MAX_PER_ENTRY;
}

static void entry_inv(const char *lang, const char *head, size_t hlen,
                      const char *body, size_t blen)
{
    td__tokens t = TD__TOKENS_INIT;
    const char *en = one_word(head, hlen, "en", 1, &t);
    if (en) {
        inv_ctx c = {lang, concept_of(en, strlen(en)), 0};
        each_item(body, blen, take_inv, &c);
    }
    td__tokens_free(&t);
}

static void entry_lex(const char *lang, const char *head, size_t hlen,
                      const char *body, size_t blen)
{
    (void)lang, (void)body, (void)blen;
    td__tokens t = TD__TOKENS_INIT;
    if (td__tokenize(head, hlen, "en", &t) != TD_OK)
        die("tokeniser failed", NULL);
    if (t.n == 1 && (t.v[0].flags & TD_TOKEN_WORD))
        strset_add(&lexicon, t.v[0].norm, strlen(t.v[0].norm));
    td__tokens_free(&t);
}

static void read_tsv(const char *path, const char *lang)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die("cannot open", path);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        size_t n = strcspn(tab + 1, "\r\n");
        tab[1 + n] = '\0';
        td__tokens ts = TD__TOKENS_INIT, te = TD__TOKENS_INIT;
        const char *stem = one_word(line, (size_t)(tab - line), lang, 0, &ts);
        const char *en = stem ? one_word(tab + 1, n, "en", 1, &te) : NULL;
        if (stem && en)
            add_pair(lang, stem, concept_of(en, strlen(en)), MAX_PER_ENTRY);
        td__tokens_free(&ts);
        td__tokens_free(&te);
    }
    fclose(f);
}

/* ---- selection and output ---- */

static int cmp_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    int c = strcmp(a->lang, b->lang);
    if (c)
        return c;
    c = strcmp(a->stem, b->stem); /* bytes, shorter prefix first */
    if (c)
        return c;
    return a->concept < b->concept ? -1 : a->concept > b->concept;
}

typedef struct cand {
    size_t concept;
    unsigned weight;
} cand;

static int cmp_cand(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->weight != b->weight)
        return a->weight > b->weight ? -1 : 1;
    /* ties: by English stem, so the output does not depend on input order */
    return strcmp(concept_stem[a->concept], concept_stem[b->concept]);
}

typedef struct entry {
    const char *lang;
    const char *stem;
    size_t n;
    size_t concept[TD__PIVOT_MAX];
} entry;

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* How many languages reach each concept: a proxy for how basic a word is
 * (the words of news, "election", "earthquake", "president", are in every
 * dictionary; "ootheca" is in one). */
static unsigned *concept_langs;

static size_t cap_per_language(void)
{
    const char *s = getenv("PIVOT_CAP");
    return s && *s ? (size_t)strtoul(s, NULL, 10) : 25000;
}

static int cmp_useful(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    unsigned ua = concept_langs[a->concept[0]];
    unsigned ub = concept_langs[b->concept[0]];
    if (ua != ub)
        return ua > ub ? -1 : 1;
    size_t la = strlen(a->stem), lb = strlen(b->stem);
    if (la != lb)
        return la < lb ? -1 : 1; /* shorter words are the commoner ones */
    return strcmp(a->stem, b->stem);
}

static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->lang, b->lang);
    return c ? c : strcmp(a->stem, b->stem);
}

/* Keeps at most cap_per_language() stems of each language, the most useful
 * by cmp_useful, so that data/pivot.c stays small; returns the new count
 * (entries stay sorted by language and stem). */
static size_t cap_languages(entry *ents, size_t nents)
{
    size_t cap = cap_per_language();
    concept_langs = calloc(concepts.n + 1, sizeof *concept_langs);
    if (!concept_langs)
        die("out of memory", NULL);
    /* ents are grouped by language: count each concept once per language */
    size_t *last = calloc(concepts.n + 1, sizeof *last);
    if (!last)
        die("out of memory", NULL);
    size_t group = 0;
    for (size_t i = 0; i < nents; i++) {
        if (i == 0 || strcmp(ents[i].lang, ents[i - 1].lang) != 0)
            group++;
        for (size_t k = 0; k < ents[i].n; k++)
            if (last[ents[i].concept[k]] != group) {
                last[ents[i].concept[k]] = group;
                concept_langs[ents[i].concept[k]]++;
            }
    }
    free(last);
    size_t out = 0;
    for (size_t i = 0; i < nents;) {
        size_t j = i;
        while (j < nents && strcmp(ents[j].lang, ents[i].lang) == 0)
            j++;
        size_t keep = j - i;
        if (keep > cap) {
            qsort(ents + i, keep, sizeof *ents, cmp_useful);
            fprintf(stderr, "gen_pivot: %s: kept %zu of %zu stems\n",
                    ents[i].lang, cap, keep);
            keep = cap;
            qsort(ents + i, keep, sizeof *ents, cmp_entry);
        }
        memmove(ents + out, ents + i, keep * sizeof *ents);
        out += keep;
        i = j;
    }
    return out;
}

/* ---- chained sources (LANG:via-PIV:PATH) ---- */

/* A PIV-X dictionary read through PIV's table. WikDict's (the only ones
 * Debian ships between two non-English languages) write each sense as a
 * line of translations, the first unnumbered, the others "2. ...", each
 * followed by a definition in PIV: only the translation lines are read. */
typedef struct via_src {
    const char *lang; /* X */
    const char *piv;  /* PIV */
    const char *path;
} via_src;

static via_src via[16];
static size_t nvia;

/* One X word reached from a PIV word's k-th concept, j-th in its entry. */
typedef struct chain_link {
    const char *lang; /* X */
    char *stem;       /* X stem */
    size_t concept;
    size_t from;      /* the PIV word: source number and entry index */
    size_t src;       /* the source number */
    unsigned j, k;
    int plain;        /* the PIV word has at most two concepts */
} chain_link;

static chain_link *chain_links;
static size_t nchain_links, chain_links_cap;

static struct {
    const via_src *src;
    const entry *ents; /* PIV's entries, sorted by stem */
    size_t n;
    const entry *e;    /* the entry being read */
    size_t base;       /* added to entry indexes: one number per PIV word */
    size_t v;          /* the source number */
    unsigned taken;
} vctx;

static int take_via(const char *s, size_t n, void *u)
{
    (void)u;
    /* "плотина 2.": a stray sense reference after the word */
    while (n && ((s[n - 1] >= '0' && s[n - 1] <= '9') || s[n - 1] == '.' ||
                 s[n - 1] == ' '))
        n--;
    td__tokens t = TD__TOKENS_INIT;
    const char *stem = n ? one_word(s, n, vctx.src->lang, 0, &t) : NULL;
    /* PIVOT_DEBUG=STEM: also which PIV words lead to STEM */
    if (stem && getenv("PIVOT_DEBUG") &&
        strcmp(stem, getenv("PIVOT_DEBUG")) == 0)
        fprintf(stderr, "gen_pivot: %s %s <- %s %s\n", vctx.src->lang, stem,
                vctx.src->piv, vctx.e->stem);
    if (stem) {
        for (unsigned k = 0; k < vctx.e->n; k++) {
            if (nchain_links == chain_links_cap) {
                chain_links_cap = chain_links_cap ? chain_links_cap * 2 : 65536;
                chain_links = xrealloc(chain_links, chain_links_cap * sizeof *chain_links);
            }
            chain_links[nchain_links++] = (chain_link){
                vctx.src->lang, xstrndup(stem, strlen(stem)),
                vctx.e->concept[k],
                vctx.base + (size_t)(vctx.e - vctx.ents), vctx.v, vctx.taken,
                k, vctx.e->n <= 2};
        }
        vctx.taken++;
    }
    td__tokens_free(&t);
    return vctx.taken < MAX_PER_ENTRY;
}

static void entry_via(const char *piv, const char *head, size_t hlen,
                      const char *body, size_t blen)
{
    td__tokens t = TD__TOKENS_INIT;
    const char *stem = one_word(head, hlen, piv, 0, &t);
    const entry *e = NULL;
    for (size_t lo = 0, hi = vctx.n; stem && lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(stem, vctx.ents[mid].stem);
        if (c == 0) {
            e = &vctx.ents[mid];
            break;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    td__tokens_free(&t);
    if (!e)
        return;
    /* keep the translation lines: the first, and those numbered */
    char *buf = xmalloc(blen + 1);
    size_t n = 0;
    const char *end = body + blen;
    for (const char *l = body; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        if (!nl)
            nl = end;
        const char *d = l;
        while (d < nl && *d >= '0' && *d <= '9')
            d++;
        if (l == body || (d > l && d < nl && *d == '.')) {
            memcpy(buf + n, l, (size_t)(nl - l));
            n += (size_t)(nl - l);
            buf[n++] = '\n';
        }
        l = nl + 1;
    }
    vctx.e = e;
    vctx.taken = 0;
    each_item(buf, n, take_via, NULL);
    free(buf);
}

static int cmp_chain_link(const void *x, const void *y)
{
    const chain_link *a = x, *b = y;
    int c = strcmp(a->lang, b->lang);
    if (c)
        return c;
    c = strcmp(a->stem, b->stem);
    if (c)
        return c;
    if (a->concept != b->concept)
        return a->concept < b->concept ? -1 : 1;
    return a->from < b->from ? -1 : a->from > b->from;
}

/* Collects the links of src, a PIV-X dictionary, read through ents (the
 * selected entries of every language, sorted by language and stem); v
 * numbers the source. At most MAX_PER_ENTRY X words per PIV entry, which
 * caps the fan-out of a PIV word with many translations. */
static void chain_via(const via_src *src, size_t v, const entry *ents,
                      size_t nents)
{
    size_t lo = 0;
    while (lo < nents && strcmp(ents[lo].lang, src->piv) != 0)
        lo++;
    size_t hi = lo;
    while (hi < nents && strcmp(ents[hi].lang, src->piv) == 0)
        hi++;
    if (lo == hi)
        die("a via- source's pivot language has no table", src->piv);
    vctx.src = src;
    vctx.ents = ents + lo;
    vctx.n = hi - lo;
    vctx.base = v * nents;
    vctx.v = v;
    size_t before = nchain_links;
    each_entry(src->path, src->piv, entry_via);
    fprintf(stderr, "gen_pivot: %s via-%s %s: %zu links\n", src->lang,
            src->piv, src->path, nchain_links - before);
}

/* Turns the links of every via- source into pairs, keeping only strong
 * ones, as a chain through a second language multiplies two dictionaries'
 * errors (a PIV word's senses are not aligned with its X translations):
 * X word x gets concept c when two PIV words (synonyms, or words of two
 * PIV languages) lead to it, or when it is the first translation of a PIV
 * word whose main sense c is (one with at most two concepts). Weight 4..1
 * by the worse of x's rank in the PIV entry and c's rank in the PIV word,
 * the best of each source, summed over sources: one vote per pivot
 * language, so that a sense all of them give ("свобода": freedom) does not
 * bury one only some give (liberty) by the count of synonyms; a word reached from too many senses is dropped later like any
 * other (MAX_DISTINCT). */
static void chain_finish(void)
{
    qsort(chain_links, nchain_links, sizeof *chain_links, cmp_chain_link);
    size_t before = npairs;
    for (size_t i = 0; i < nchain_links;) {
        size_t j = i, from = 0;
        int plain = 0;
        unsigned w = 0, wsrc = 0; /* the sum, the current source's best */
        for (; j < nchain_links &&
               strcmp(chain_links[j].lang, chain_links[i].lang) == 0 &&
               strcmp(chain_links[j].stem, chain_links[i].stem) == 0 &&
               chain_links[j].concept == chain_links[i].concept;
             j++) {
            const chain_link *l = &chain_links[j];
            if (j == i || l->from != chain_links[j - 1].from)
                from++;
            plain |= l->k == 0 && l->j == 0 && l->plain;
            if (j > i && l->src != chain_links[j - 1].src) {
                w += wsrc;
                wsrc = 0;
            }
            unsigned lw = MAX_PER_ENTRY - (l->j > l->k ? l->j : l->k);
            if (lw > wsrc)
                wsrc = lw;
        }
        w += wsrc;
        if (plain || from >= 2)
            add_pair(chain_links[i].lang, chain_links[i].stem,
                     chain_links[i].concept, w);
        i = j;
    }
    for (size_t i = 0; i < nchain_links; i++)
        free(chain_links[i].stem);
    free(chain_links);
    fprintf(stderr, "gen_pivot: chained: %zu pairs\n", npairs - before);
}

/* Sorts the pairs and selects each stem's concepts into ents (room for
 * npairs entries); returns how many, counting in *ambiguous the stems
 * dropped as too ambiguous. */
static size_t select_all(entry *ents, size_t *ambiguous)
{
    size_t nents = 0;
    *ambiguous = 0;
    qsort(pairs, npairs, sizeof *pairs, cmp_pair);
    cand *cs = xmalloc((npairs + 1) * sizeof *cs);
    for (size_t i = 0; i < npairs;) {
        size_t j = i, nc = 0;
        while (j < npairs && strcmp(pairs[j].lang, pairs[i].lang) == 0 &&
               strcmp(pairs[j].stem, pairs[i].stem) == 0) {
            if (nc && cs[nc - 1].concept == pairs[j].concept)
                cs[nc - 1].weight += pairs[j].weight;
            else
                cs[nc++] = (cand){pairs[j].concept, pairs[j].weight};
            j++;
        }
        if (getenv("PIVOT_DEBUG") &&
            strcmp(getenv("PIVOT_DEBUG"), pairs[i].stem) == 0)
            for (size_t k = 0; k < nc; k++)
                fprintf(stderr, "gen_pivot: %s %s -> %s %u\n", pairs[i].lang,
                        pairs[i].stem, concept_stem[cs[k].concept],
                        cs[k].weight);
        if (nc > MAX_DISTINCT) {
            (*ambiguous)++;
        } else {
            qsort(cs, nc, sizeof *cs, cmp_cand);
            entry *e = &ents[nents++];
            e->lang = pairs[i].lang;
            e->stem = pairs[i].stem;
            e->n = 0;
            for (size_t k = 0; k < nc && e->n < TD__PIVOT_MAX; k++)
                if (cs[k].weight * (nc > MANY ? 2 : 3) >= cs[0].weight)
                    e->concept[e->n++] = cs[k].concept;
        }
        i = j;
    }
    free(cs);
    return nents;
}

static const char digits[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+-";

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_pivot OUT.c lex:PATH... "
                        "LANG:fwd|inv|tsv|via-LANG:PATH...\n");
        return 2;
    }
    /* The lexicon first: the other sources are filtered with it. */
    for (int i = 2; i < argc; i++)
        if (strncmp(argv[i], "lex:", 4) == 0)
            each_entry(argv[i] + 4, "en", entry_lex);
    fprintf(stderr, "gen_pivot: English lexicon: %zu words\n", lexicon.n);
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "lex:", 4) == 0)
            continue;
        char *a = argv[i];
        char *c1 = strchr(a, ':');
        char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c1 || !c2 || c1 - a < 2 || c1 - a > 3)
            die("bad source (want LANG:fwd|inv|tsv:PATH)", a);
        *c1 = '\0';
        *c2 = '\0';
        size_t before = npairs;
        if (strcmp(c1 + 1, "fwd") == 0)
            each_entry(c2 + 1, a, entry_fwd);
        else if (strcmp(c1 + 1, "inv") == 0)
            each_entry(c2 + 1, a, entry_inv);
        else if (strcmp(c1 + 1, "tsv") == 0)
            read_tsv(c2 + 1, a);
        else if (strncmp(c1 + 1, "via-", 4) == 0 && c1[5]) {
            if (nvia == sizeof via / sizeof via[0])
                die("too many via- sources", NULL);
            via[nvia++] = (via_src){a, c1 + 5, c2 + 1};
            continue; /* read once the other tables are selected */
        } else
            die("bad source kind (want fwd, inv, tsv or via-LANG)", c1 + 1);
        fprintf(stderr, "gen_pivot: %s %s %s: %zu pairs\n", a, c1 + 1,
                c2 + 1, npairs - before);
    }
    size_t nents = 0, ambiguous = 0;
    entry *ents = xmalloc((npairs + 1) * sizeof *ents);
    nents = select_all(ents, &ambiguous);
    if (nvia) {
        /* Chained sources need the tables of their pivot languages, which
         * need every other source: select, chain, then select again. */
        for (size_t v = 0; v < nvia; v++)
            chain_via(&via[v], v, ents, nents);
        chain_finish();
        free(ents);
        ents = xmalloc((npairs + 1) * sizeof *ents);
        nents = select_all(ents, &ambiguous);
    }
    nents = cap_languages(ents, nents);

    /* Number the concepts in use, by English stem. */
    size_t *used = calloc(concepts.n + 1, sizeof *used); /* index+1 */
    char **names = xmalloc((concepts.n + 1) * sizeof *names);
    size_t nused = 0;
    if (!used)
        die("out of memory", NULL);
    for (size_t i = 0; i < nents; i++)
        for (size_t k = 0; k < ents[i].n; k++)
            if (!used[ents[i].concept[k]]) {
                used[ents[i].concept[k]] = 1;
                names[nused++] = concept_stem[ents[i].concept[k]];
            }
    if (nused > 64 * 64 * 64)
        die("too many concepts for three base-64 digits", NULL);
    qsort(names, nused, sizeof *names, cmp_str);
    for (size_t i = 0; i < nused; i++)
        used[*strset_find(&concepts, names[i], strlen(names[i]))] = i + 1;

    FILE *f = fopen(argv[1], "w");
    if (!f)
        die("cannot write", argv[1]);
    fprintf(f, "/* pivot.c -- GENERATED by tools/gen_pivot.c (make "
               "tools-pivot); do not edit.\n"
               " * Cross-lingual pivot dictionaries from FreeDict "
               "(see data/SOURCES.md for\n"
               " * the dictionaries and their licences). Layout: "
               "src/story/pivot.c. */\n"
               "#include <stddef.h>\n#include <stdint.h>\n\n"
               "typedef struct td__pivot_table {\n"
               "    const char *lang;\n    const char *blob;\n"
               "    size_t len;\n    size_t n;\n} td__pivot_table;\n\n"
               "extern const td__pivot_table td__pivot_tables[];\n"
               "extern const size_t td__pivot_tables_n;\n"
               "extern const uint32_t td__pivot_concepts[];\n"
               "extern const size_t td__pivot_concepts_n;\n\n");
    fprintf(f, "/* FNV-1a hashes of the English stems, sorted by stem. */\n"
               "const uint32_t td__pivot_concepts[] = {\n");
    for (size_t i = 0; i < nused; i++)
        fprintf(f, "%s0x%08x,%s", i % 8 ? " " : "    ",
                (unsigned)td__pivot_english(names[i], strlen(names[i])),
                i % 8 == 7 || i + 1 == nused ? "\n" : "");
    fprintf(f, "};\nconst size_t td__pivot_concepts_n = %zu;\n", nused);

    /* PIVOT_DUMP=FILE: also write "lang<TAB>stem<TAB>english stems" lines,
     * for checking the tables by eye. */
    FILE *dump = getenv("PIVOT_DUMP") ? fopen(getenv("PIVOT_DUMP"), "w") : NULL;
    /* One blob per language. */
    const char *langs[256];
    size_t lens[256], counts[256], nlang = 0;
    for (size_t i = 0; i < nents;) {
        const char *lang = ents[i].lang;
        if (nlang == 256)
            die("too many languages", NULL);
        fprintf(f, "\nstatic const char blob_%s[] =\n", lang);
        size_t bytes = 0, j = i, col = 0;
        for (; j < nents && strcmp(ents[j].lang, lang) == 0; j++) {
            char codes[3 * TD__PIVOT_MAX + 1];
            for (size_t k = 0; k < ents[j].n; k++) {
                size_t x = used[ents[j].concept[k]] - 1;
                codes[3 * k] = digits[(x >> 12) & 63];
                codes[3 * k + 1] = digits[(x >> 6) & 63];
                codes[3 * k + 2] = digits[x & 63];
            }
            codes[3 * ents[j].n] = '\0';
            /* several records per source line keep the file small */
            int w = fprintf(f, "%s%s %s\\n", col ? "" : "\"", ents[j].stem,
                            codes);
            col += (size_t)w;
            if (col >= 96 || j + 1 == nents ||
                strcmp(ents[j + 1].lang, lang) != 0) {
                fputs("\"\n", f);
                col = 0;
            }
            if (dump) {
                fprintf(dump, "%s\t%s\t", lang, ents[j].stem);
                for (size_t k = 0; k < ents[j].n; k++)
                    fprintf(dump, "%s%s", k ? " " : "",
                            concept_stem[ents[j].concept[k]]);
                fputc('\n', dump);
            }
            bytes += strlen(ents[j].stem) + 2 + 3 * ents[j].n;
        }
        fprintf(f, "    ;\n");
        langs[nlang] = lang;
        lens[nlang] = bytes;
        counts[nlang] = j - i;
        fprintf(stderr, "gen_pivot: %s: %zu stems\n", lang, j - i);
        nlang++;
        i = j;
    }
    fprintf(f, "\nconst td__pivot_table td__pivot_tables[] = {\n");
    for (size_t i = 0; i < nlang; i++)
        fprintf(f, "    {\"%s\", blob_%s, %zu, %zu},\n", langs[i], langs[i],
                lens[i], counts[i]);
    fprintf(f, "};\nconst size_t td__pivot_tables_n = %zu;\n", nlang);
    if (fclose(f) != 0)
        die("cannot write", argv[1]);
    if (dump)
        fclose(dump);
    fprintf(stderr,
            "gen_pivot: %zu stems in %zu languages, %zu concepts, "
            "%zu dropped as ambiguous\n",
            nents, nlang, nused, ambiguous);
    return 0;
}
