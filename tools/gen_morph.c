/* gen_morph.c -- builds data/morph.c, the inflection tables of
 * src/text/morph.c, from the Hunspell dictionaries Debian installs under
 * /usr/share/hunspell (packages hunspell-xx / myspell-xx) and, for Finnish,
 * from voikko-fi's analyses of Finnish text.
 *
 *   gen_morph HUNSPELL_DIR OUT.c [FI_TEXT...]
 *
 * For each language: every SFX (and, for the clitic languages ar and he,
 * PFX) entry of the .aff file becomes a reverse rule "a word ending in ADD
 * may come from a base ending in STRIP that matches COND". Each rule is
 * weighted by the dictionary words (.dic) whose flags include its affix
 * class and that match its strip and condition -- capitalised words 200
 * times, since names are what the rules are for -- plus, one level down,
 * the words of the classes that continue into it (Hungarian/Turkish
 * two-fold affixes). Identical (add, strip, cond) rules of different
 * classes are merged and their weights summed. Entries that only make
 * compound parts, need a further affix or are circumfixes are dropped
 * (they never stand alone in text), as are rules few dictionary words use.
 * Beside the rules: the endings of the dictionary's bases and a Bloom
 * filter of its capitalised bases. Everything is converted to UTF-8
 * (iconv) from the file's SET.
 *
 * Output is deterministic: languages in the table's order, rules sorted by
 * add bytes then by weight. */
#include <ctype.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libvoikko/voikko.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* language -> the .aff/.dic base names that feed it (sr: both scripts). */
typedef struct lang_src {
    const char *code;
    const char *files[3];
    int prefixes; /* use PFX rules: clitics written onto names */
    const char *package;
} lang_src;

static const lang_src LANGS[] = {
    {"ar", {"ar", NULL}, 1, "hunspell-ar"},
    {"be", {"be_BY", NULL}, 0, "hunspell-be"},
    {"bg", {"bg_BG", NULL}, 0, "hunspell-bg"},
    {"bs", {"bs_BA", NULL}, 0, "hunspell-bs"},
    {"cs", {"cs_CZ", NULL}, 0, "hunspell-cs"},
    {"de", {"de_DE", NULL}, 0, "hunspell-de-de"},
    {"el", {"el_GR", NULL}, 0, "hunspell-el"},
    {"et", {"et_EE", NULL}, 0, "myspell-et"},
    /* no Hunspell Finnish in Debian: rules learned from voikko-fi's
     * analyses of Finnish text (see build_voikko) */
    {"fi", {NULL}, 0, "voikko-fi"},
    {"he", {"he_IL", NULL}, 1, "hunspell-he"},
    {"hr", {"hr_HR", NULL}, 0, "hunspell-hr"},
    {"hu", {"hu_HU", NULL}, 0, "hunspell-hu"},
    {"hy", {"hy_AM", NULL}, 0, "myspell-hy"},
    {"kk", {"kk_KZ", NULL}, 0, "hunspell-kk"},
    {"lt", {"lt_LT", NULL}, 0, "hunspell-lt"},
    {"lv", {"lv_LV", NULL}, 0, "hunspell-lv"},
    {"ne", {"ne_NP", NULL}, 0, "hunspell-ne"},
    {"pl", {"pl_PL", NULL}, 0, "hunspell-pl"},
    {"ro", {"ro_RO", NULL}, 0, "hunspell-ro"},
    {"ru", {"ru_RU", NULL}, 0, "hunspell-ru"},
    {"sk", {"sk_SK", NULL}, 0, "hunspell-sk"},
    {"sl", {"sl_SI", NULL}, 0, "hunspell-sl"},
    {"sr", {"sr_RS", "sr_Latn_RS", NULL}, 0, "hunspell-sr"},
    {"tr", {"tr_TR", NULL}, 0, "hunspell-tr"},
    {"uk", {"uk_UA", NULL}, 0, "hunspell-uk"},
};
#define NLANGS (sizeof LANGS / sizeof LANGS[0])

/* Rules per language kept at most (the heaviest); keeps data/morph.c a few
 * MB. Hungarian and Serbian have tens of thousands of affix entries, most
 * of them verb and adjective paradigms with few words. */
#define MAX_RULES_PER_LANG 8000
/* A rule must be used by this much weight (words; capitalised x200). */
#define MIN_WEIGHT 2.0
#define CAP_FACTOR 200.0

#define MAX_FLAG 0x110000

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "gen_morph: %s%s%s\n", what, arg ? ": " : "",
            arg ? arg : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    /* a generator, not the library: plain allocation, dying on failure */
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory", NULL);
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

/* Reads a file whole, converted to UTF-8 from the encoding its SET line
 * names (the .dic of a pair uses the .aff's SET, passed as enc). */
static char *read_utf8(const char *path, const char *enc)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *raw = xrealloc(NULL, (size_t)n + 1);
    if (fread(raw, 1, (size_t)n, f) != (size_t)n)
        die("cannot read", path);
    fclose(f);
    raw[n] = '\0';
    if (!enc || !strcmp(enc, "UTF-8") || !strcmp(enc, "utf-8"))
        return raw;
    char encname[64];
    /* iconv spells ISO8859-2 as ISO-8859-2 */
    if (!strncmp(enc, "ISO8859", 7))
        snprintf(encname, sizeof encname, "ISO-8859%s", enc + 7);
    else
        snprintf(encname, sizeof encname, "%s", enc);
    iconv_t cd = iconv_open("UTF-8", encname);
    if (cd == (iconv_t)-1)
        die("unknown encoding", enc);
    size_t cap = (size_t)n * 3 + 16, inl = (size_t)n, outl = cap;
    char *out = xrealloc(NULL, cap + 1), *ip = raw, *op = out;
    while (inl > 0) {
        if (iconv(cd, &ip, &inl, &op, &outl) == (size_t)-1) {
            ip++; /* skip an unconvertible byte */
            inl--;
        }
    }
    *op = '\0';
    iconv_close(cd);
    free(raw);
    return out;
}

/* ---- flags ---- */
enum flag_mode { FLAG_CHAR, FLAG_LONG, FLAG_NUM, FLAG_UTF8 };

typedef struct flagset {
    uint32_t *v;
    size_t n;
} flagset;

static void flags_parse(enum flag_mode m, const char *s, size_t len,
                        flagset *out)
{
    out->n = 0;
    out->v = NULL;
    size_t cap = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t f = 0;
        if (m == FLAG_NUM) {
            if (!isdigit((unsigned char)s[i])) {
                i++;
                continue;
            }
            while (i < len && isdigit((unsigned char)s[i]))
                f = f * 10 + (uint32_t)(s[i++] - '0');
        } else if (m == FLAG_LONG) {
            if (i + 1 >= len)
                break;
            f = ((uint32_t)(unsigned char)s[i] << 8) |
                (unsigned char)s[i + 1];
            i += 2;
        } else if (m == FLAG_UTF8) {
            UChar32 c;
            int32_t ii = (int32_t)i;
            U8_NEXT(s, ii, (int32_t)len, c);
            i = (size_t)ii;
            if (c < 0)
                continue;
            f = (uint32_t)c;
        } else {
            f = (unsigned char)s[i++];
        }
        if (f >= MAX_FLAG)
            continue;
        if (out->n == cap) {
            cap = cap ? cap * 2 : 8;
            out->v = xrealloc(out->v, cap * sizeof *out->v);
        }
        out->v[out->n++] = f;
    }
}

/* ---- one affix file ---- */
typedef struct entry {
    int pfx;
    uint32_t flag;
    char *strip, *add, *cond;
    flagset cont;
    int32_t next;  /* next entry of the same flag, -1 */
    double used;   /* dictionary words it applies to (capitalised x200) */
} entry;

typedef struct aff {
    enum flag_mode mode;
    char enc[32];
    flagset *af; /* AF aliases, 1-based */
    size_t naf;
    entry *e;
    size_t ne, cape;
    int32_t *head, *tail; /* entries of each flag, linked through next */
    uint32_t needaffix, onlyincompound, circumfix;
    int has_needaffix, has_onlyincompound, has_circumfix;
} aff;

/* Splits line into whitespace-separated tokens (in place). */
static size_t tokens(char *line, char **tok, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        tok[n++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        if (*p)
            *p++ = '\0';
    }
    return n;
}

static void strip_eol(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
}

/* Resolves a flags field: an AF alias number when the file has AF lines,
 * else flags in the file's mode. */
static void resolve_flags(const aff *a, const char *s, size_t len,
                          flagset *out)
{
    if (a->naf > 0 && len > 0 && isdigit((unsigned char)s[0])) {
        size_t k = 0;
        for (size_t i = 0; i < len && isdigit((unsigned char)s[i]); i++)
            k = k * 10 + (size_t)(s[i] - '0');
        out->n = 0;
        out->v = NULL;
        if (k >= 1 && k <= a->naf) {
            out->n = a->af[k - 1].n;
            out->v = xrealloc(NULL, out->n * sizeof *out->v + 1);
            memcpy(out->v, a->af[k - 1].v, out->n * sizeof *out->v);
        }
        return;
    }
    flags_parse(a->mode, s, len, out);
}

static uint32_t one_flag(const aff *a, const char *s)
{
    flagset f;
    flags_parse(a->mode, s, strlen(s), &f);
    uint32_t r = f.n ? f.v[0] : 0;
    free(f.v);
    return r;
}

static int aff_read(const char *path, aff *a)
{
    memset(a, 0, sizeof *a);
    /* the SET line is ASCII: read raw first to find it */
    char *raw = read_utf8(path, NULL);
    if (!raw)
        return -1;
    char *set = strstr(raw, "SET ");
    if (!set)
        set = strstr(raw, "SET\t");
    snprintf(a->enc, sizeof a->enc, "UTF-8");
    if (set) {
        char *p = set + 4;
        while (*p == ' ' || *p == '\t')
            p++;
        size_t k = 0;
        while (p[k] && !isspace((unsigned char)p[k]) && k < 31) {
            a->enc[k] = p[k];
            k++;
        }
        a->enc[k] = '\0';
    }
    free(raw);
    char *text = read_utf8(path, a->enc);
    /* a UTF-8 byte-order mark (kk_KZ) */
    char *p = text;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3;
    /* first pass for FLAG (it may come after AF lines in theory) */
    a->mode = FLAG_CHAR;
    if (strstr(p, "\nFLAG long") || !strncmp(p, "FLAG long", 9) ||
        strstr(p, "\nFLAG\tlong"))
        a->mode = FLAG_LONG;
    else if (strstr(p, "\nFLAG num") || strstr(p, "\nFLAG\tnum"))
        a->mode = FLAG_NUM;
    else if (strstr(p, "\nFLAG UTF-8") || strstr(p, "\nFLAG\tUTF-8"))
        a->mode = FLAG_UTF8;
    /* declared groups: a flag's first SFX/PFX line is its header */
    a->head = xrealloc(NULL, MAX_FLAG * sizeof *a->head);
    a->tail = xrealloc(NULL, MAX_FLAG * sizeof *a->tail);
    for (size_t i = 0; i < MAX_FLAG; i++)
        a->head[i] = a->tail[i] = -1;
    unsigned char *seen = calloc(MAX_FLAG, 2);
    if (!seen)
        die("out of memory", NULL);
    int af_header = 0;
    char *save = NULL;
    for (char *line = strtok_r(p, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        strip_eol(line);
        char *tok[8];
        size_t nt = tokens(line, tok, 8);
        if (nt == 0)
            continue;
        if (!strcmp(tok[0], "AF") && nt >= 2) {
            if (!af_header) {
                af_header = 1; /* "AF count" */
                continue;
            }
            a->af = xrealloc(a->af, (a->naf + 1) * sizeof *a->af);
            flags_parse(a->mode, tok[1], strlen(tok[1]), &a->af[a->naf]);
            a->naf++;
            continue;
        }
        if (!strcmp(tok[0], "NEEDAFFIX") && nt >= 2) {
            a->needaffix = one_flag(a, tok[1]);
            a->has_needaffix = 1;
            continue;
        }
        if (!strcmp(tok[0], "ONLYINCOMPOUND") && nt >= 2) {
            a->onlyincompound = one_flag(a, tok[1]);
            a->has_onlyincompound = 1;
            continue;
        }
        if (!strcmp(tok[0], "CIRCUMFIX") && nt >= 2) {
            a->circumfix = one_flag(a, tok[1]);
            a->has_circumfix = 1;
            continue;
        }
        int pfx = !strcmp(tok[0], "PFX");
        if (!pfx && strcmp(tok[0], "SFX"))
            continue;
        if (nt < 4)
            continue;
        uint32_t flag = one_flag(a, tok[1]);
        size_t slot = (size_t)flag * 2 + (size_t)pfx;
        if (!seen[slot]) {
            seen[slot] = 1; /* the header: "SFX flag cross count" */
            continue;
        }
        entry e;
        memset(&e, 0, sizeof e);
        e.pfx = pfx;
        e.flag = flag;
        e.strip = xstrdup(strcmp(tok[2], "0") ? tok[2] : "");
        char *slash = strchr(tok[3], '/');
        if (slash) {
            *slash = '\0';
            resolve_flags(a, slash + 1, strlen(slash + 1), &e.cont);
        }
        e.add = xstrdup(strcmp(tok[3], "0") ? tok[3] : "");
        e.cond = xstrdup(nt >= 5 ? tok[4] : ".");
        if (a->ne == a->cape) {
            a->cape = a->cape ? a->cape * 2 : 1024;
            a->e = xrealloc(a->e, a->cape * sizeof *a->e);
        }
        e.next = -1;
        if (a->head[flag] < 0)
            a->head[flag] = (int32_t)a->ne;
        else
            a->e[a->tail[flag]].next = (int32_t)a->ne;
        a->tail[flag] = (int32_t)a->ne;
        a->e[a->ne++] = e;
    }
    free(seen);
    free(text);
    return 0;
}


/* Whether code points w[0..nw) end (or start) with a base matching the
 * Hunspell condition cond: '.', [set], [^set] or literal code points. */
static int cond_match_cp(const char *cond, const UChar32 *w, size_t nw,
                         int at_start)
{
    int32_t n = (int32_t)strlen(cond), i = 0;
    if (n == 1 && cond[0] == '.')
        return 1;
    /* count elements first */
    size_t k = 0;
    while (i < n) {
        UChar32 x;
        U8_NEXT(cond, i, n, x);
        if (x == '[')
            while (i < n) {
                U8_NEXT(cond, i, n, x);
                if (x == ']')
                    break;
            }
        k++;
    }
    if (k > nw)
        return 0;
    size_t at = at_start ? 0 : nw - k;
    i = 0;
    for (size_t e = 0; e < k; e++) {
        UChar32 x, c = w[at + e];
        U8_NEXT(cond, i, n, x);
        if (x == '.')
            continue;
        if (x != '[') {
            if (x != c)
                return 0;
            continue;
        }
        int neg = 0, hit = 0;
        if (i < n && cond[i] == '^') {
            neg = 1;
            i++;
        }
        while (i < n) {
            U8_NEXT(cond, i, n, x);
            if (x == ']')
                break;
            hit |= x == c;
        }
        if (neg ? hit : !hit)
            return 0;
    }
    return 1;
}

/* Whether entry e applies to the (lower-cased) word: it starts / ends with
 * the entry's strip and matches its condition. */
static int entry_applies(const entry *e, const char *low, size_t nlow,
                         const UChar32 *w, size_t nw)
{
    size_t ls = strlen(e->strip);
    if (ls > nlow)
        return 0;
    if (e->pfx ? memcmp(low, e->strip, ls)
               : memcmp(low + nlow - ls, e->strip, ls))
        return 0;
    return cond_match_cp(e->cond, w, nw, e->pfx);
}

/* ---- a string -> count table (endings of dictionary words, word sets) ---- */
typedef struct scount {
    char **key;
    double *cnt;
    size_t nslot, used;
} scount;

static uint32_t fnv(const char *s);

static double *scount_at(scount *t, const char *k, int create)
{
    if (create && (t->used + 1) * 2 >= t->nslot) {
        size_t old = t->nslot;
        char **ok = t->key;
        double *oc = t->cnt;
        t->nslot = old ? old * 2 : 1u << 12;
        t->key = calloc(t->nslot, sizeof *t->key);
        t->cnt = calloc(t->nslot, sizeof *t->cnt);
        if (!t->key || !t->cnt)
            die("out of memory", NULL);
        for (size_t i = 0; i < old; i++) {
            if (!ok[i])
                continue;
            size_t j = fnv(ok[i]) & (t->nslot - 1);
            while (t->key[j])
                j = (j + 1) & (t->nslot - 1);
            t->key[j] = ok[i];
            t->cnt[j] = oc[i];
        }
        free(ok);
        free(oc);
    }
    if (!t->nslot)
        return NULL;
    size_t j = fnv(k) & (t->nslot - 1);
    while (t->key[j]) {
        if (!strcmp(t->key[j], k))
            return &t->cnt[j];
        j = (j + 1) & (t->nslot - 1);
    }
    if (!create)
        return NULL;
    t->key[j] = xstrdup(k);
    t->used++;
    return &t->cnt[j];
}

static void scount_free(scount *t)
{
    for (size_t i = 0; i < t->nslot; i++)
        free(t->key[i]);
    free(t->key);
    free(t->cnt);
    memset(t, 0, sizeof *t);
}

/* Lower-cases UTF-8 s[0..n) into out (cap bytes); returns the number of
 * code points, or 0 when it does not fit or is not UTF-8. */
static size_t lower_utf8(const char *s, size_t n, char *out, size_t cap,
                         size_t *cpoff, size_t maxcp)
{
    int32_t i = 0, o = 0;
    size_t k = 0;
    while ((size_t)i < n) {
        UChar32 c;
        U8_NEXT(s, i, (int32_t)n, c);
        if (c < 0 || (size_t)o + 5 > cap || k >= maxcp)
            return 0;
        cpoff[k++] = (size_t)o;
        U8_APPEND_UNSAFE(out, o, u_tolower(c));
    }
    out[o] = '\0';
    cpoff[k] = (size_t)o;
    return k;
}

/* Counts the 1-, 2- and 3-code-point endings of a (lower-cased) word. */
static void count_endings(scount *t, const char *low, const size_t *cpoff,
                          size_t ncp)
{
    for (size_t e = 1; e <= 3 && e < ncp; e++)
        *scount_at(t, low + cpoff[ncp - e], 1) += 1;
}

/* Counts, per flag, the .dic words using it (all, capitalised); the
 * endings of flagged words (bases: a flag means a paradigm) go to ends_cap /
 * ends_all, every word (lower-cased) to words when it is not NULL. */
static int dic_count(const char *path, const aff *a, double *all, double *cap,
                     scount *ends_cap, scount *ends_all, double *ncap,
                     double *nall, scount *words, scount *ends_any_cap,
                     double *nany_cap, scount *names_flagged,
                     scount *names_any)
{
    char *text = read_utf8(path, a->enc);
    if (!text)
        return -1;
    char *save = NULL;
    int first = 1;
    for (char *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        strip_eol(line);
        if (first) { /* the word count */
            first = 0;
            continue;
        }
        /* word ends at an unescaped '/', a tab or a space */
        char *p = line;
        while (*p && *p != '\t' && *p != ' ' &&
               !(*p == '/' && p > line && p[-1] != '\\'))
            p++;
        if (p == line)
            continue;
        char low[512];
        size_t cpoff[129];
        size_t ncp = lower_utf8(line, (size_t)(p - line), low, sizeof low,
                                cpoff, 128);
        if (words && ncp > 0)
            *scount_at(words, low, 1) += 1;
        if (ncp >= 2) {
            UChar32 c0;
            int32_t i0 = 0;
            U8_NEXT(line, i0, (int32_t)(p - line), c0);
            if (c0 > 0 && u_isupper(c0)) {
                *scount_at(names_any, low, 1) += 1;
                count_endings(ends_any_cap, low, cpoff, ncp);
                *nany_cap += 1;
            }
        }
        if (*p != '/')
            continue;
        char *fl = p + 1;
        size_t fn = 0;
        while (fl[fn] && fl[fn] != '\t' && fl[fn] != ' ')
            fn++;
        UChar32 c;
        int32_t i = 0;
        U8_NEXT(line, i, (int32_t)(p - line), c);
        int is_cap = c > 0 && u_isupper(c);
        if (ncp >= 2) {
            count_endings(ends_all, low, cpoff, ncp);
            *nall += 1;
            if (is_cap) {
                count_endings(ends_cap, low, cpoff, ncp);
                *ncap += 1;
                *scount_at(names_flagged, low, 1) += 1;
            }
        }
        flagset fs;
        resolve_flags(a, fl, fn, &fs);
        UChar32 wcp[129];
        size_t nw = 0;
        if (ncp > 0) {
            int32_t wi = 0, wn = (int32_t)strlen(low);
            while (wi < wn && nw < 128) {
                U8_NEXT(low, wi, wn, wcp[nw]);
                nw++;
            }
        }
        for (size_t k = 0; k < fs.n; k++) {
            all[fs.v[k]] += 1;
            if (is_cap)
                cap[fs.v[k]] += 1;
            if (nw == 0)
                continue;
            /* which of the flag's entries this very word takes */
            for (int32_t j = a->head[fs.v[k]]; j >= 0; j = a->e[j].next) {
                entry *e = (entry *)&a->e[j];
                if (entry_applies(e, low, strlen(low), wcp, nw))
                    e->used += is_cap ? CAP_FACTOR : 1.0;
            }
        }
        free(fs.v);
    }
    free(text);
    return 0;
}

/* ---- merged rules of one language ---- */
typedef struct rule {
    int pfx;
    char *add, *strip, *cond;
    double w;
} rule;

static int rule_key_cmp(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    if (a->pfx != b->pfx)
        return a->pfx - b->pfx;
    int c = strcmp(a->add, b->add);
    if (c)
        return c;
    c = strcmp(a->strip, b->strip);
    if (c)
        return c;
    return strcmp(a->cond, b->cond);
}

static int rule_weight_desc(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    if (a->w != b->w)
        return a->w < b->w ? 1 : -1;
    return rule_key_cmp(x, y);
}

static int rule_out_cmp(const void *x, const void *y)
{
    const rule *a = x, *b = y;
    if (a->pfx != b->pfx)
        return a->pfx - b->pfx;
    int c = strcmp(a->add, b->add);
    if (c)
        return c;
    if (a->w != b->w)
        return a->w < b->w ? 1 : -1;
    c = strcmp(a->strip, b->strip);
    if (c)
        return c;
    return strcmp(a->cond, b->cond);
}

/* Rules of one run share kind and add. */
static int rule_group_differs(const rule *a, const rule *b)
{
    return a->pfx != b->pfx || strcmp(a->add, b->add);
}

/* The slot hash; src/text/morph.c computes the same (FNV-1a 32 of the add
 * bytes, prefix rules' hash mixed with a constant). */
static uint32_t morph_hash(const char *s, size_t n, int pfx)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return pfx ? h ^ 0x9e3779b9u : h;
}

/* Bloom filter of names: BLOOM_K probes h1 + j*h2; src/text/morph.c
 * probes the same way. 12-24 bits a name (powers of two): 0.1-0.6 %
 * false positives (gen_morph prints the rate measured per language). */
#define BLOOM_BITS_PER_NAME 12
#define BLOOM_K 4
static uint32_t bloom_second(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    return h | 1u;
}

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int has_flag(const flagset *f, uint32_t x)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i] == x)
            return 1;
    return 0;
}

static size_t cp_count(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* A rule a word in running text can show: letters only (Hunspell uses
 * digits, '-' and '.' in a few technical classes). Apostrophes are the
 * language-independent rules' business. */
static int plain_letters(const char *s)
{
    int32_t i = 0, n = (int32_t)strlen(s);
    while (i < n) {
        UChar32 c;
        U8_NEXT(s, i, n, c);
        if (c < 0 || !(u_isalpha(c) || u_getCombiningClass(c) > 0 ||
                       u_charType(c) == U_NON_SPACING_MARK ||
                       u_charType(c) == U_COMBINING_SPACING_MARK))
            return 0;
    }
    return 1;
}

typedef struct lang_rules {
    rule *r;
    size_t n, cap;
    size_t entries, words;
    scount ends;     /* endings of the bases chosen for the ending model */
    double ends_n;   /* words counted in it */
    int proper;      /* 1: the model counts capitalised bases only */
    int full_form;   /* 1: no word has flags; rules weighted by pairs */
    int learned;     /* 1: rules learned from analyses (voikko), not .aff */
    scount names;    /* capitalised dictionary bases, lower-cased */
} lang_rules;

/* Full-form dictionaries (el_GR lists every form, without flags): a rule's
 * weight is the number of listed words that it maps onto another listed
 * word -- pairs like Αθήνας / Αθήνα are the evidence that the rule is real. */
static double pair_evidence(const entry *e, const scount *words)
{
    size_t la = strlen(e->add), ls = strlen(e->strip);
    double n = 0;
    char base[600];
    for (size_t i = 0; i < words->nslot; i++) {
        const char *w = words->key[i];
        if (!w)
            continue;
        size_t lw = strlen(w);
        if (lw <= la || lw - la + ls + 1 > sizeof base)
            continue;
        if (e->pfx) {
            if (memcmp(w, e->add, la))
                continue;
            memcpy(base, e->strip, ls);
            memcpy(base + ls, w + la, lw - la + 1);
        } else {
            if (memcmp(w + lw - la, e->add, la))
                continue;
            memcpy(base, w, lw - la);
            memcpy(base + lw - la, e->strip, ls + 1);
        }
        UChar32 cp[300];
        size_t ncp = 0;
        int32_t bi = 0, bn = (int32_t)strlen(base);
        while (bi < bn && ncp < 300) {
            U8_NEXT(base, bi, bn, cp[ncp]);
            ncp++;
        }
        if (!cond_match_cp(e->cond, cp, ncp, e->pfx))
            continue;
        if (scount_at((scount *)words, base, 0))
            n += 1;
    }
    return n;
}

static void push_rule(lang_rules *lr, const rule *r)
{
    if (lr->n == lr->cap) {
        lr->cap = lr->cap ? lr->cap * 2 : 4096;
        lr->r = xrealloc(lr->r, lr->cap * sizeof *lr->r);
    }
    lr->r[lr->n++] = *r;
}

/* ---- Finnish: rules learned from a morphological analyser ----
 * Debian has no Hunspell Finnish; it has voikko-fi (Voikko's description of
 * Finnish morphology). Every distinct word of some Finnish text (gettext
 * catalogues, the UDHR) is analysed; each noun or name analysed as an
 * inflected form gives a rule: the part after the longest common prefix of
 * form and base form is `add`, the base's part `strip`, the condition the
 * kept letter before it plus strip. Weighted like the Hunspell rules:
 * analyses of names (etunimi, sukunimi, paikannimi, nimi) count
 * CAP_FACTOR times, several analyses of one word share one count. Finnish endings come in
 * back- and front-vowel pairs (vowel harmony: -ssa/-ssä, -lla/-llä); each
 * learned ending also gives its pair at half the weight, so Helsingissä is
 * recognised when only kaupungissa was seen. */

/* Appends the translations (msgstr) of a gettext .mo file to *text. */
static void mo_text(const char *path, char **text, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = xrealloc(NULL, (size_t)len + 1);
    size_t got = fread(b, 1, (size_t)len, f);
    fclose(f);
    if (got < 28) {
        free(b);
        return;
    }
    uint32_t magic = b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
    int le = magic == 0x950412deu;
    if (!le && magic != 0xde120495u) {
        free(b);
        return;
    }
#define MO32(o)                                                               \
    (le ? (uint32_t)(b[o] | b[(o) + 1] << 8 | b[(o) + 2] << 16 |              \
                     (uint32_t)b[(o) + 3] << 24)                              \
        : (uint32_t)((uint32_t)b[o] << 24 | b[(o) + 1] << 16 |                \
                     b[(o) + 2] << 8 | b[(o) + 3]))
    uint32_t count = MO32(8), toff = MO32(16);
    for (uint32_t i = 0; i < count; i++) {
        size_t at = (size_t)toff + 8 * (size_t)i;
        if (at + 8 > got)
            break;
        uint32_t l = MO32(at), o = MO32(at + 4);
        if ((size_t)o + l > got)
            continue;
        *text = xrealloc(*text, *n + l + 2);
        for (uint32_t k = 0; k < l; k++) /* plural forms: NUL-separated */
            (*text)[*n + k] = b[o + k] ? (char)b[o + k] : ' ';
        *n += l;
        (*text)[(*n)++] = '\n';
    }
#undef MO32
    free(b);
}

/* Appends a text or HTML file to *text, markup replaced by spaces. */
static void plain_text(const char *path, char **text, size_t *n)
{
    char *t = read_utf8(path, NULL);
    if (!t)
        return;
    size_t l = strlen(t);
    *text = xrealloc(*text, *n + l + 2);
    int in_tag = 0;
    for (size_t i = 0; i < l; i++) {
        char c = t[i];
        if (c == '<')
            in_tag = 1;
        (*text)[(*n)++] = in_tag ? ' ' : c;
        if (c == '>')
            in_tag = 0;
    }
    (*text)[(*n)++] = '\n';
    free(t);
}

static int name_class(const char *cls)
{
    return !strcmp(cls, "etunimi") || !strcmp(cls, "sukunimi") ||
           !strcmp(cls, "paikannimi") || !strcmp(cls, "nimi");
}

static int noun_class(const char *cls)
{
    return name_class(cls) || !strcmp(cls, "nimisana") ||
           !strcmp(cls, "laatusana") || !strcmp(cls, "nimisana_laatusana");
}

/* The vowel-harmony pair of a Finnish ending (a<->ä, o<->ö, u<->y); 0
 * when it has none of these vowels. */
static int harmony_pair(const char *in, char *out, size_t cap)
{
    int32_t i = 0, n = (int32_t)strlen(in), o = 0;
    int changed = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(in, i, n, c);
        UChar32 d = c;
        switch (c) {
        case 'a': d = 0xE4; break;
        case 0xE4: d = 'a'; break;
        case 'o': d = 0xF6; break;
        case 0xF6: d = 'o'; break;
        case 'u': d = 'y'; break;
        case 'y': d = 'u'; break;
        default: break;
        }
        changed |= d != c;
        if ((size_t)o + 5 > cap)
            return 0;
        U8_APPEND_UNSAFE(out, o, d);
    }
    out[o] = '\0';
    return changed;
}

static void learn_pair(lang_rules *lr, const char *form, const char *base,
                       double w)
{
    char lf[512], lb[512];
    size_t of[129], ob[129];
    size_t nf = lower_utf8(form, strlen(form), lf, sizeof lf, of, 128);
    size_t nb = lower_utf8(base, strlen(base), lb, sizeof lb, ob, 128);
    if (nf == 0 || nb == 0)
        return;
    size_t c = 0;
    while (c < nf && c < nb && of[c + 1] - of[c] == ob[c + 1] - ob[c] &&
           !memcmp(lf + of[c], lb + ob[c], of[c + 1] - of[c]))
        c++;
    if (c < 2 || c == nf)
        return; /* nothing added: no ending to recognise */
    const char *add = lf + of[c], *strip = lb + ob[c];
    if (!plain_letters(add) || !plain_letters(strip))
        return;
    char cond[64];
    size_t ctx = ob[c] - ob[c - 1];
    if (ctx + strlen(strip) + 1 > sizeof cond)
        return;
    memcpy(cond, lb + ob[c - 1], ctx);
    memcpy(cond + ctx, strip, strlen(strip) + 1);
    /* the rule with the kept letter as context, and without it: the
     * general one pools the evidence of every word with this ending */
    const char *conds[2] = {cond, *strip ? strip : "."};
    for (int k = 0; k < 2; k++) {
        rule r = {0, xstrdup(add), xstrdup(strip), xstrdup(conds[k]), w};
        push_rule(lr, &r);
        char pa[128];
        if (harmony_pair(add, pa, sizeof pa)) {
            rule q = {0, xstrdup(pa), xstrdup(strip), xstrdup(conds[k]),
                      w / 2};
            push_rule(lr, &q);
        }
    }
}

static void merge_and_trim(lang_rules *lr);

/* Whether voikko analyses form with base form base; 1 when it does. */
static int analysed_as(struct VoikkoHandle *h, const char *form,
                       const char *base)
{
    struct voikko_mor_analysis **an = voikkoAnalyzeWordCstr(h, form);
    int ok = 0;
    for (size_t a = 0; an && an[a] && !ok; a++) {
        char *b = voikko_mor_analysis_value_cstr(an[a], "BASEFORM");
        ok = b && !strcmp(b, base);
        if (b)
            voikko_free_mor_analysis_value_cstr(b);
    }
    voikko_free_mor_analysis(an);
    return ok;
}

/* Text holds few inflected forms of words whose stem alternates
 * (consonant gradation: Helsinki / Helsingissä, Turku / Turussa). So the
 * most used endings learned from text are put onto every base form met
 * (base - strip + add); a form voikko accepts for that base confirms the
 * rule, and for one it rejects, voikko's spelling suggestions that it
 * analyses back to the same base give the real form -- and with it the
 * alternating rule. Synthesised pairs count half a text pair. */
#define SYNTH_ENDINGS 14
static void synthesise(struct VoikkoHandle *h, const scount *bases,
                       lang_rules *lr)
{
    merge_and_trim(lr);
    /* the heaviest context-free endings (cond = strip, or "." when strip
     * is empty) */
    const rule *top[SYNTH_ENDINGS];
    size_t ntop = 0;
    for (size_t pass = 0; pass < SYNTH_ENDINGS; pass++) {
        const rule *best = NULL;
        for (size_t i = 0; i < lr->n; i++) {
            const rule *r = &lr->r[i];
            int general = !strcmp(r->cond, *r->strip ? r->strip : ".");
            int taken = 0;
            for (size_t k = 0; k < ntop; k++)
                taken |= top[k] == r;
            if (general && !taken && (!best || r->w > best->w))
                best = r;
        }
        if (!best)
            break;
        top[ntop++] = best;
    }
    size_t before = lr->n, tried = 0, learned = 0;
    /* rules are pushed below: copy the endings first */
    char adds[SYNTH_ENDINGS][64], strips[SYNTH_ENDINGS][64];
    for (size_t k = 0; k < ntop; k++) {
        snprintf(adds[k], sizeof adds[k], "%s", top[k]->add);
        snprintf(strips[k], sizeof strips[k], "%s", top[k]->strip);
    }
    for (size_t i = 0; i < bases->nslot; i++) {
        const char *b = bases->key[i];
        if (!b)
            continue;
        size_t lb = strlen(b);
        for (size_t k = 0; k < ntop; k++) {
            size_t ls = strlen(strips[k]), la = strlen(adds[k]);
            if (ls > lb || strcmp(b + lb - ls, strips[k]) ||
                lb - ls + la + 1 > 256)
                continue;
            char f[256];
            memcpy(f, b, lb - ls);
            memcpy(f + lb - ls, adds[k], la + 1);
            tried++;
            if (analysed_as(h, f, b)) {
                learn_pair(lr, f, b, 0.5);
                learned++;
                continue;
            }
            char **sug = voikkoSuggestCstr(h, f);
            for (size_t j = 0; sug && sug[j] && j < 3; j++) {
                if (analysed_as(h, sug[j], b)) {
                    learn_pair(lr, sug[j], b, 0.5);
                    learned++;
                    break;
                }
            }
            voikkoFreeCstrArray(sug);
        }
    }
    fprintf(stderr, "fi: %zu endings put on %zu bases: %zu forms tried, %zu "
                    "confirmed or corrected (%zu rules before)\n",
            ntop, bases->used, tried, learned, before);
}

static void build_voikko(char **texts, int ntexts, lang_rules *lr)
{
    char *text = NULL;
    size_t n = 0;
    for (int i = 0; i < ntexts; i++) {
        size_t l = strlen(texts[i]);
        if (l > 3 && !strcmp(texts[i] + l - 3, ".mo"))
            mo_text(texts[i], &text, &n);
        else
            plain_text(texts[i], &text, &n);
    }
    if (!text)
        return;
    text = xrealloc(text, n + 1);
    text[n] = '\0';
    const char *err = NULL;
    struct VoikkoHandle *h = voikkoInit(&err, "fi", NULL);
    if (!h)
        die("voikko-fi cannot start", err);
    /* distinct words as written */
    scount words = {0};
    int32_t i = 0, len = (int32_t)n;
    while (i < len) {
        int32_t start = i, end;
        UChar32 c;
        U8_NEXT(text, i, len, c);
        if (c < 0 || !u_isalpha(c))
            continue;
        end = i;
        while (end < len) {
            int32_t j = end;
            U8_NEXT(text, j, len, c);
            if (c < 0 || !u_isalpha(c))
                break;
            end = j;
        }
        i = end;
        if (end - start >= 4 && end - start < 80) {
            char w[80];
            memcpy(w, text + start, (size_t)(end - start));
            w[end - start] = '\0';
            *scount_at(&words, w, 1) += 1;
        }
    }
    free(text);
    scount ends_cap = {0}, ends_all = {0}, bases = {0};
    double ncap = 0, nall = 0;
    for (size_t k = 0; k < words.nslot; k++) {
        const char *w = words.key[k];
        if (!w)
            continue;
        struct voikko_mor_analysis **an = voikkoAnalyzeWordCstr(h, w);
        size_t na = 0;
        while (an && an[na])
            na++;
        for (size_t a = 0; a < na; a++) {
            char *base = voikko_mor_analysis_value_cstr(an[a], "BASEFORM");
            char *cls = voikko_mor_analysis_value_cstr(an[a], "CLASS");
            if (base && cls && noun_class(cls)) {
                int proper = name_class(cls);
                char lb[512];
                size_t ob[129];
                size_t nb = lower_utf8(base, strlen(base), lb, sizeof lb, ob,
                                       128);
                if (nb >= 2 && strcmp(base, w)) {
                    learn_pair(lr, w, base,
                               (proper ? CAP_FACTOR : 1.0) / (double)na);
                    lr->entries++;
                }
                if (nb >= 3 && !strchr(base, '-'))
                    *scount_at(&bases, base, 1) += proper ? CAP_FACTOR : 1.0;
                if (nb >= 2 && proper)
                    *scount_at(&lr->names, lb, 1) += 1;
                if (nb >= 2) {
                    count_endings(&ends_all, lb, ob, nb);
                    nall += 1.0 / (double)na;
                    if (proper) {
                        count_endings(&ends_cap, lb, ob, nb);
                        ncap += 1.0 / (double)na;
                    }
                }
            }
            if (base)
                voikko_free_mor_analysis_value_cstr(base);
            if (cls)
                voikko_free_mor_analysis_value_cstr(cls);
        }
        voikko_free_mor_analysis(an);
    }
    synthesise(h, &bases, lr);
    scount_free(&bases);
    voikkoTerminate(h);
    lr->words = words.used;
    scount_free(&words);
    lr->proper = ncap >= 300;
    lr->ends = lr->proper ? ends_cap : ends_all;
    lr->ends_n = lr->proper ? ncap : nall;
    scount_free(lr->proper ? &ends_all : &ends_cap);
}

static void merge_and_trim(lang_rules *lr);

static void build_lang(const char *dir, const lang_src *L, lang_rules *lr)
{
    memset(lr, 0, sizeof *lr);
    double *all = calloc(MAX_FLAG, sizeof *all);
    double *cap = calloc(MAX_FLAG, sizeof *cap);
    double *inherit = calloc(MAX_FLAG, sizeof *inherit);
    if (!all || !cap || !inherit)
        die("out of memory", NULL);
    for (size_t fi = 0; L->files[fi]; fi++) {
        char path[1024];
        aff a;
        snprintf(path, sizeof path, "%s/%s.aff", dir, L->files[fi]);
        if (aff_read(path, &a) < 0)
            die("cannot read", path);
        memset(all, 0, MAX_FLAG * sizeof *all);
        memset(cap, 0, MAX_FLAG * sizeof *cap);
        memset(inherit, 0, MAX_FLAG * sizeof *inherit);
        snprintf(path, sizeof path, "%s/%s.dic", dir, L->files[fi]);
        scount ends_cap = {0}, ends_all = {0}, words = {0}, any_cap = {0};
        scount nflag = {0}, nany_s = {0};
        double ncap = 0, nall = 0, nany = 0;
        if (dic_count(path, &a, all, cap, &ends_cap, &ends_all, &ncap, &nall,
                      &words, &any_cap, &nany, &nflag, &nany_s) < 0)
            die("cannot read", path);
        /* names: the capitalised bases (flagged words; every capitalised
         * listed word of a full-form list) */
        {
            int ff = nall == 0;
            scount *src = ff ? &nany_s : &nflag;
            for (size_t k = 0; k < src->nslot; k++)
                if (src->key[k])
                    *scount_at(&lr->names, src->key[k], 1) += 1;
            scount_free(&nflag);
            scount_free(&nany_s);
        }
        /* the ending model counts capitalised bases when the dictionary has
         * enough of them (names are the use), else every base */
        lr->full_form = nall == 0;
        if (lr->full_form) {
            /* no bases marked: every capitalised listed word */
            scount_free(&ends_cap);
            ends_cap = any_cap;
            ncap = nany;
        } else {
            scount_free(&any_cap);
        }
        lr->proper = ncap >= 300;
        if (fi == 0) {
            lr->ends = lr->proper ? ends_cap : ends_all;
            lr->ends_n = lr->proper ? ncap : nall;
            scount_free(lr->proper ? &ends_all : &ends_cap);
        } else {
            /* a second file (sr Latin): add its counts */
            scount *src = lr->proper ? &ends_cap : &ends_all;
            for (size_t i = 0; i < src->nslot; i++)
                if (src->key[i])
                    *scount_at(&lr->ends, src->key[i], 1) += src->cnt[i];
            lr->ends_n += lr->proper ? ncap : nall;
            scount_free(&ends_cap);
            scount_free(&ends_all);
        }
        /* one level of continuation: an affix class reached through another
         * inherits the words of the class it continues */
        for (size_t i = 0; i < a.ne; i++) {
            const entry *e = &a.e[i];
            double w = all[e->flag] + CAP_FACTOR * cap[e->flag];
            for (size_t k = 0; k < e->cont.n; k++)
                inherit[e->cont.v[k]] += w;
        }
        for (size_t i = 0; i < a.ne; i++) {
            entry *e = &a.e[i];
            lr->entries++;
            int keep = 1;
            if (e->pfx && !L->prefixes)
                keep = 0;
            if ((a.has_needaffix && has_flag(&e->cont, a.needaffix)) ||
                (a.has_onlyincompound &&
                 has_flag(&e->cont, a.onlyincompound)) ||
                (a.has_circumfix && has_flag(&e->cont, a.circumfix)))
                keep = 0;
            /* a rule that adds nothing (genitive plural книг <- книга)
             * leaves the word no ending to recognise it by: it would fire
             * on every word of the language */
            if (!*e->add)
                keep = 0;
            if (!plain_letters(e->add) || !plain_letters(e->strip))
                keep = 0;
            if (strlen(e->add) > 60 || strlen(e->strip) > 60 ||
                strlen(e->cond) > 120)
                keep = 0;
            /* the words this entry applies to; an entry reached only as
             * a continuation of another class gets that class's words */
            double w = e->used + inherit[e->flag];
            if (lr->full_form && keep)
                w = pair_evidence(e, &words);
            if (keep && w > 0) {
                rule r = {e->pfx, e->add, e->strip, e->cond, w};
                push_rule(lr, &r);
                e->add = e->strip = e->cond = NULL; /* moved */
            }
            free(e->add);
            free(e->strip);
            free(e->cond);
            free(e->cont.v);
        }
        for (size_t k = 0; k < MAX_FLAG; k++)
            lr->words += (size_t)(all[k] > 0); /* classes in use */
        scount_free(&words);
        for (size_t k = 0; k < a.naf; k++)
            free(a.af[k].v);
        free(a.af);
        free(a.e);
        free(a.head);
        free(a.tail);
    }
    free(all);
    free(cap);
    free(inherit);
    merge_and_trim(lr);
}

/* Merges identical rules (summing weights), keeps the heaviest, sorts for
 * output. */
static void merge_and_trim(lang_rules *lr)
{
    /* learned Finnish pairs count 1 (text), 0.5 (synthesised) or half that
     * (vowel-harmony pair): a rule seen once is evidence there, while a
     * Hunspell rule used by fewer than MIN_WEIGHT words is noise */
    double min_w = lr->learned ? MIN_WEIGHT / 10.0 : MIN_WEIGHT;
    /* merge identical rules, summing weights */
    qsort(lr->r, lr->n, sizeof *lr->r, rule_key_cmp);
    size_t m = 0;
    for (size_t i = 0; i < lr->n; i++) {
        if (m > 0 && !rule_key_cmp(&lr->r[m - 1], &lr->r[i])) {
            lr->r[m - 1].w += lr->r[i].w;
            free(lr->r[i].add);
            free(lr->r[i].strip);
            free(lr->r[i].cond);
            continue;
        }
        lr->r[m++] = lr->r[i];
    }
    lr->n = m;
    /* keep the heaviest */
    qsort(lr->r, lr->n, sizeof *lr->r, rule_weight_desc);
    size_t keepn = 0;
    for (size_t i = 0; i < lr->n; i++) {
        if (lr->r[i].w >= min_w && keepn < MAX_RULES_PER_LANG)
            lr->r[keepn++] = lr->r[i];
        else {
            free(lr->r[i].add);
            free(lr->r[i].strip);
            free(lr->r[i].cond);
        }
    }
    lr->n = keepn;
    qsort(lr->r, lr->n, sizeof *lr->r, rule_out_cmp);
}

/* ---- the string pool, deduplicated through a small open hash ---- */
typedef struct pool {
    char *s;
    size_t n, cap;
    uint32_t *slot; /* offset + 1 of each interned string, 0 = empty */
    size_t nslot, used;
} pool;

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint32_t intern(pool *p, const char *s)
{
    if (p->used * 2 >= p->nslot) {
        size_t old = p->nslot;
        uint32_t *os = p->slot;
        p->nslot = old ? old * 2 : 1u << 16;
        p->slot = calloc(p->nslot, sizeof *p->slot);
        if (!p->slot)
            die("out of memory", NULL);
        for (size_t i = 0; i < old; i++) {
            if (!os[i])
                continue;
            size_t j = fnv(p->s + os[i] - 1) & (p->nslot - 1);
            while (p->slot[j])
                j = (j + 1) & (p->nslot - 1);
            p->slot[j] = os[i];
        }
        free(os);
    }
    size_t j = fnv(s) & (p->nslot - 1);
    while (p->slot[j]) {
        if (!strcmp(p->s + p->slot[j] - 1, s))
            return p->slot[j] - 1;
        j = (j + 1) & (p->nslot - 1);
    }
    size_t len = strlen(s) + 1; /* NUL kept: strings print one a line */
    if (p->n + len > p->cap) {
        p->cap = (p->n + len) * 2;
        p->s = xrealloc(p->s, p->cap);
    }
    memcpy(p->s + p->n, s, len);
    uint32_t off = (uint32_t)p->n;
    p->n += len;
    p->slot[j] = off + 1;
    p->used++;
    return off;
}

static void put_cstring(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            fprintf(f, "\\%03o", c);
        else if (c == '?' && i + 1 < n && s[i + 1] == '?')
            fputs("\\?", f); /* no trigraphs */
        else
            fputc(c, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_morph HUNSPELL_DIR OUT.c [FI_TEXT...]\n"
                        "  FI_TEXT: Finnish .mo catalogues or text/HTML "
                        "files, analysed with voikko-fi\n");
        return 2;
    }
    const char *dir = argv[1];
    lang_rules lr[NLANGS];
    pool p;
    memset(&p, 0, sizeof p);
    intern(&p, ""); /* offset 0 = the empty string */
    size_t total = 0;
    for (size_t i = 0; i < NLANGS; i++) {
        if (LANGS[i].files[0]) {
            build_lang(dir, &LANGS[i], &lr[i]);
        } else {
            memset(&lr[i], 0, sizeof lr[i]);
            lr[i].learned = 1;
            build_voikko(argv + 3, argc - 3, &lr[i]);
            merge_and_trim(&lr[i]);
        }
        total += lr[i].n;
        size_t np = 0;
        for (size_t k = 0; k < lr[i].n; k++)
            np += (size_t)lr[i].r[k].pfx;
        fprintf(stderr,
                "%s: %zu affix entries -> %zu rules (%zu prefix); %zu names; "
                "ending model over %.0f %s%s\n",
                LANGS[i].code, lr[i].entries, lr[i].n, np, lr[i].names.used,
                lr[i].ends_n,
                lr[i].proper ? "capitalised bases" : "bases",
                lr[i].full_form ? " (full-form list: pair evidence)" : "");
    }
    FILE *f = fopen(argv[2], "w");
    if (!f)
        die("cannot write", argv[2]);
    fprintf(f, "/* data/morph.c -- GENERATED by tools/gen_morph.c from the "
               "Hunspell\n * dictionaries of Debian 12 (see data/SOURCES.md); "
               "do not edit.\n * %zu rules in %zu languages. */\n",
            total, NLANGS);
    fprintf(f, "#include \"text/morph.h\"\n\n");
    /* rules first, interning strings as we go; the pool is written last
     * but declared extern in morph.h, so order does not matter */
    uint32_t *offs = xrealloc(NULL, total * 3 * sizeof *offs);
    size_t k = 0;
    for (size_t i = 0; i < NLANGS; i++)
        for (size_t j = 0; j < lr[i].n; j++) {
            offs[k++] = intern(&p, lr[i].r[j].add);
            offs[k++] = intern(&p, lr[i].r[j].strip);
            offs[k++] = intern(&p, lr[i].r[j].cond);
        }
    fprintf(f, "const td__morph_rule td__morph_rules[] = {\n");
    k = 0;
    for (size_t i = 0; i < NLANGS; i++)
        for (size_t j = 0; j < lr[i].n; j++) {
            const rule *r = &lr[i].r[j];
            /* whole counts print as integers (shorter) while a float holds
             * them exactly; others as float literals, 4 digits */
            char wb[32];
            if (r->w == floor(r->w) && r->w < 16777216.0) /* exact floats */
                snprintf(wb, sizeof wb, "%.0f", r->w);
            else
                snprintf(wb, sizeof wb, "%#.4gf", r->w); /* keeps the point */
            fprintf(f, "{%u,%u,%u,%zu,%zu,%zu,%s},\n", offs[k], offs[k + 1],
                    offs[k + 2], strlen(r->add), strlen(r->strip),
                    strlen(r->cond), wb);
            k += 3;
        }
    fprintf(f, "{0,0,0,0,0,0,0.0f}};\n\n");
    /* endings of each language, sorted by bytes */
    size_t *eat = xrealloc(NULL, (NLANGS + 1) * sizeof *eat);
    fprintf(f, "const td__morph_end td__morph_ends[] = {\n");
    size_t ne = 0;
    for (size_t i = 0; i < NLANGS; i++) {
        eat[i] = ne;
        scount *t = &lr[i].ends;
        char **keys = xrealloc(NULL, (t->used + 1) * sizeof *keys);
        double *cnts = xrealloc(NULL, (t->used + 1) * sizeof *cnts);
        size_t m = 0;
        for (size_t j = 0; j < t->nslot; j++)
            if (t->key[j] && t->cnt[j] >= 2) /* singletons: noise */
                keys[m++] = t->key[j];
        qsort(keys, m, sizeof *keys, str_cmp);
        for (size_t j = 0; j < m; j++) {
            double c = *scount_at(t, keys[j], 0);
            fprintf(f, "{%u,%zu,%.1ff},\n", intern(&p, keys[j]),
                    strlen(keys[j]), c);
        }
        ne += m;
        free(keys);
        free(cnts);
    }
    eat[NLANGS] = ne;
    fprintf(f, "{0,0,0.0f}};\n\n");
    /* per language, an open hash from (kind, add) to the first rule of its
     * run: one probe per ending instead of a binary search */
    size_t *sat = xrealloc(NULL, (NLANGS + 1) * sizeof *sat);
    size_t *snum = xrealloc(NULL, NLANGS * sizeof *snum);
    fprintf(f, "const uint32_t td__morph_slots[] = {\n");
    size_t nslots = 0, rat = 0;
    for (size_t i = 0; i < NLANGS; i++) {
        size_t groups = 0;
        for (size_t j = 0; j < lr[i].n; j++)
            groups += (size_t)(j == 0 || rule_group_differs(&lr[i].r[j - 1],
                                                            &lr[i].r[j]));
        size_t ns = 1;
        while (ns < groups * 2)
            ns *= 2;
        uint32_t *slot = calloc(ns, sizeof *slot);
        if (!slot)
            die("out of memory", NULL);
        for (size_t j = 0; j < lr[i].n; j++) {
            if (j > 0 && !rule_group_differs(&lr[i].r[j - 1], &lr[i].r[j]))
                continue;
            const rule *r = &lr[i].r[j];
            uint32_t h = morph_hash(r->add, strlen(r->add), r->pfx);
            size_t k2 = h & (ns - 1);
            while (slot[k2])
                k2 = (k2 + 1) & (ns - 1);
            slot[k2] = (uint32_t)(rat + j + 1);
        }
        for (size_t k2 = 0; k2 < ns; k2++)
            fprintf(f, "%u,%s", slot[k2], (k2 % 16 == 15) ? "\n" : "");
        fprintf(f, "\n");
        free(slot);
        sat[i] = nslots;
        snum[i] = ns;
        nslots += ns;
        rat += lr[i].n;
    }
    fprintf(f, "0};\n\n");
    /* per language, a Bloom filter of its capitalised dictionary bases */
    size_t *bat = xrealloc(NULL, (NLANGS + 1) * sizeof *bat);
    size_t *bmask = xrealloc(NULL, NLANGS * sizeof *bmask);
    fprintf(f, "const uint64_t td__morph_bloom[] = {\n");
    size_t nbw = 0;
    for (size_t i = 0; i < NLANGS; i++) {
        size_t bits = 64;
        while (bits < lr[i].names.used * BLOOM_BITS_PER_NAME)
            bits *= 2;
        uint64_t *bw = calloc(bits / 64, sizeof *bw);
        if (!bw)
            die("out of memory", NULL);
        for (size_t q = 0; q < lr[i].names.nslot; q++) {
            const char *nm = lr[i].names.key[q];
            if (!nm)
                continue;
            uint32_t h1 = morph_hash(nm, strlen(nm), 0);
            uint32_t h2 = bloom_second(h1);
            for (uint32_t j = 0; j < BLOOM_K; j++) {
                uint32_t b = (h1 + j * h2) & (uint32_t)(bits - 1);
                bw[b / 64] |= (uint64_t)1 << (b % 64);
            }
        }
        /* false-positive rate, measured on the names with a letter
         * appended (words that are not names but look like them) */
        size_t probes = 0, fp = 0;
        for (size_t q = 0; q < lr[i].names.nslot && probes < 20000; q++) {
            const char *nm = lr[i].names.key[q];
            if (!nm)
                continue;
            char x[600];
            snprintf(x, sizeof x, "%sq", nm);
            if (scount_at(&lr[i].names, x, 0))
                continue;
            uint32_t h1 = morph_hash(x, strlen(x), 0);
            uint32_t h2 = bloom_second(h1);
            int all = 1;
            for (uint32_t j = 0; j < BLOOM_K; j++) {
                uint32_t b = (h1 + j * h2) & (uint32_t)(bits - 1);
                all &= (int)(bw[b / 64] >> (b % 64) & 1u);
            }
            probes++;
            fp += (size_t)all;
        }
        if (probes)
            fprintf(stderr, "%s: %zu names in %zu bits, %.2f%% false "
                            "positives\n",
                    LANGS[i].code, lr[i].names.used, bits,
                    100.0 * (double)fp / (double)probes);
        for (size_t q = 0; q < bits / 64; q++)
            fprintf(f, "0x%llx,%s", (unsigned long long)bw[q],
                    q % 8 == 7 ? "\n" : "");
        fprintf(f, "\n");
        free(bw);
        bat[i] = nbw;
        bmask[i] = bits - 1;
        nbw += bits / 64;
    }
    fprintf(f, "0};\n\n");
    fprintf(f, "const td__morph_lang td__morph_langs[] = {\n");
    size_t at = 0;
    for (size_t i = 0; i < NLANGS; i++) {
        size_t ns = 0, maxadd = 0;
        for (size_t j = 0; j < lr[i].n; j++) {
            ns += (size_t)!lr[i].r[j].pfx;
            size_t c = cp_count(lr[i].r[j].add);
            if (c > maxadd)
                maxadd = c;
        }
        fprintf(f,
                "{\"%s\",%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%zu,%.1ff,%zu},"
                "\n",
                LANGS[i].code, at, ns, at + ns, lr[i].n - ns, eat[i],
                eat[i + 1] - eat[i], sat[i], snum[i] - 1, bat[i], bmask[i],
                lr[i].ends_n, maxadd > 255 ? 255 : maxadd);
        at += lr[i].n;
    }
    fprintf(f, "};\nconst size_t td__morph_nlangs = %zu;\n\n", NLANGS);
    fprintf(f, "const char td__morph_pool[] =\n");
    size_t line = 0;
    for (size_t i = 0; i < p.n;) {
        size_t n = strlen(p.s + i) + 1;
        if (line == 0)
            fputs("    ", f);
        put_cstring(f, p.s + i, n);
        line += n;
        i += n;
        if (line > 60 || i >= p.n) {
            fputc('\n', f);
            line = 0;
        }
    }
    fprintf(f, "    ;\n");
    fclose(f);
    fprintf(stderr, "gen_morph: %zu rules, pool %zu bytes -> %s\n", total,
            p.n, argv[2]);
    for (size_t i = 0; i < NLANGS; i++) {
        for (size_t j = 0; j < lr[i].n; j++) {
            free(lr[i].r[j].add);
            free(lr[i].r[j].strip);
            free(lr[i].r[j].cond);
        }
        free(lr[i].r);
        scount_free(&lr[i].ends);
        scount_free(&lr[i].names);
    }
    free(eat);
    free(bat);
    free(bmask);
    free(sat);
    free(snum);
    free(offs);
    free(p.s);
    free(p.slot);
    return 0;
}
