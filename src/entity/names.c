/* names.c -- candidate names, transliteration keys, variant matching. */
#include "entity/names.h"

#include <pthread.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "core/alloc.h"
#include "core/hmap.h"
#include "text/unicode.h"

/* Lower-case words that sit inside names. */
static const char *const particles[] = {
    "de", "da", "di", "del", "della", "dos", "das", "do", "du", "van",
    "von", "der", "den", "ter", "la", "le", "al", "el", "bin", "ibn",
    "bint", "zu", "af", "av", NULL};

typedef struct word {
    size_t off, len;
    int cap;      /* first letter upper or title case */
    int allcaps;  /* every letter upper case, at least two letters */
    int lower;    /* first letter lower case */
    int sentence; /* first word of a sentence or line */
    int gap;      /* punctuation other than a plain space before it */
} word;

static int is_word_char(UChar32 c)
{
    return u_isalpha(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY_MASK) &
                               (U_GC_MN_MASK | U_GC_MC_MASK);
}

/* Splits text into words (letters, inner hyphens and apostrophes). */
static int split_words(const char *s, size_t n, word **out, size_t *nout)
{
    size_t cap = 64, nw = 0, i = 0;
    word *v = td__malloc(cap * sizeof *v);
    if (!v)
        return -1;
    int sentence = 1, gap = 1;
    while (i < n) {
        size_t start = i;
        UChar32 c = (UChar32)td__utf8_next(s, n, &i);
        if (!is_word_char(c)) {
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' ||
                c == 0x3002 || c == '"' || c == 0x201C || c == 0xAB)
                sentence = 1;
            if (c != ' ')
                gap = 1;
            continue;
        }
        word w = {start, 0, 0, 0, 0, sentence, gap};
        w.cap = u_isupper(c) || u_istitle(c);
        w.lower = u_islower(c);
        int upper = w.cap, letters = 1, all = w.cap;
        size_t end = i;
        while (i < n) {
            size_t j = i;
            UChar32 d = (UChar32)td__utf8_next(s, n, &j);
            if (is_word_char(d)) {
                letters++;
                if (u_isalpha(d) && !u_isupper(d))
                    all = 0;
                upper += u_isupper(d) != 0;
                i = end = j;
                continue;
            }
            /* inner hyphen or apostrophe followed by a letter */
            if (d == '-' || d == '\'' || d == 0x2019 || d == 0x2010) {
                size_t k = j;
                if (k < n) {
                    UChar32 e = (UChar32)td__utf8_next(s, n, &k);
                    if (is_word_char(e)) {
                        i = j;
                        continue;
                    }
                }
            }
            break;
        }
        (void)upper;
        w.len = end - start;
        w.allcaps = all && letters >= 2;
        if (nw == cap) {
            word *v2 = td__realloc(v, cap * 2 * sizeof *v);
            if (!v2) {
                td__free(v);
                return -1;
            }
            v = v2, cap *= 2;
        }
        v[nw++] = w;
        sentence = 0;
        gap = 0;
    }
    *out = v;
    *nout = nw;
    return 0;
}

static int is_particle(const char *s, size_t n)
{
    for (int k = 0; particles[k]; k++)
        if (strlen(particles[k]) == n && memcmp(particles[k], s, n) == 0)
            return 1;
    return 0;
}

/* Whether the text also writes this word in lower case: then it is a common
 * word capitalised by position or style. Compared case-folded. */
static int seen_lower(const char *text, const word *v, size_t nv, size_t i)
{
    td__buf a = TD__BUF_INIT, b = TD__BUF_INIT;
    int found = 0;
    if (td__normalize(text + v[i].off, v[i].len, TD__NFKC_CASEFOLD, &a) != 0)
        goto out;
    for (size_t j = 0; j < nv && !found; j++) {
        if (!v[j].lower || v[j].len != v[i].len)
            continue;
        td__buf_reset(&b);
        if (td__normalize(text + v[j].off, v[j].len, TD__NFKC_CASEFOLD, &b) ==
                0 &&
            b.len == a.len && memcmp(a.p, b.p, a.len) == 0)
            found = 1;
    }
out:
    td__buf_free(&a);
    td__buf_free(&b);
    return found;
}

/* The text capitalises word i somewhere mid-sentence too. */
static int is_corroborated(const char *text, const word *v, size_t nv,
                           size_t i)
{
    for (size_t k = 0; k < nv; k++)
        if (k != i && !v[k].sentence && v[k].cap && v[k].len == v[i].len &&
            memcmp(text + v[k].off, text + v[i].off, v[k].len) == 0)
            return 1;
    return 0;
}

static int push(td__name_hits *h, size_t off, size_t len, td__name_kind kind)
{
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        td__name_hit *v = td__realloc(h->v, cap * sizeof *v);
        if (!v)
            return -1;
        h->v = v, h->cap = cap;
    }
    h->v[h->n++] = (td__name_hit){off, len, kind};
    return 0;
}

/* Drops a possessive ending: "Nazarbayev's" -> "Nazarbayev". */
static size_t strip_possessive(const char *s, size_t len)
{
    if (len > 2 && s[len - 2] == '\'' && s[len - 1] == 's')
        return len - 2;
    if (len > 4 && memcmp(s + len - 4, "\xe2\x80\x99s", 4) == 0)
        return len - 4;
    return td__name_strip_suffix(s, len);
}

#define SUFFIX_MAX 5 /* letters of a case ending written apart */

size_t td__name_strip_suffix(const char *s, size_t len)
{
    /* the last apostrophe or hyphen of the last word */
    size_t at = len, mark = 0, wstart = 0;
    int apostrophe = 0;
    for (size_t i = 0; i < len;) {
        size_t b = i;
        UChar32 c = (UChar32)td__utf8_next(s, len, &i);
        if (c == '\'' || c == 0x2019 || c == '-' || c == 0x2010)
            at = b, mark = i - b, apostrophe = c == '\'' || c == 0x2019;
        else if (c == ' ')
            at = len, wstart = i;
    }
    if (at == len || at <= wstart)
        return len;
    /* the head: the word before the mark; all capitals (an acronym)? */
    UChar32 before = 0;
    size_t head_letters = 0;
    int head_caps = 1;
    for (size_t i = wstart; i < at;) {
        before = (UChar32)td__utf8_next(s, at, &i);
        if (u_isalpha(before)) {
            head_letters++;
            head_caps = head_caps && u_isupper(before);
        }
    }
    if (!u_isalpha(before))
        return len;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode head = uscript_getScript(before, &err);
    size_t letters = 0;
    int lower = 1, other_script = 1;
    for (size_t i = at + mark; i < len;) {
        UChar32 c = (UChar32)td__utf8_next(s, len, &i);
        if (!u_isalpha(c))
            return len;
        letters++;
        lower = lower && !u_isupper(c) && !u_istitle(c);
        err = U_ZERO_ERROR;
        other_script = other_script && uscript_getScript(c, &err) != head;
    }
    if (!letters)
        return len;
    /* Tokayev'in, Liberties'e; Air-ის; НАТО-ға */
    if (other_script ||
        (lower && letters <= SUFFIX_MAX &&
         (apostrophe || (head_caps && head_letters >= 2))))
        return at;
    return len;
}

static int hit_key(const char *text, const td__name_hit *h, td__buf *k)
{
    td__buf_reset(k);
    return td__name_key(text + h->off, h->len, k);
}

/* A lone capitalised word at a sentence start (kind 0 here) stays only
 * when it is a variant of a name the text confirms elsewhere: "Tokazhev
 * thanked..." beside "Qasim Jomar Tokayev". */
static int settle_tentative(const char *text, td__name_hits *h)
{
    td__buf a = TD__BUF_INIT, b = TD__BUF_INIT;
    int rc = 0;
    size_t o = 0;
    for (size_t i = 0; i < h->n && rc == 0; i++) {
        int keep = h->v[i].kind != 0;
        if (!keep && (rc = hit_key(text, &h->v[i], &a)) == 0) {
            for (size_t j = 0; j < h->n && !keep && rc == 0; j++) {
                if (h->v[j].kind != TD__NAME_PERSON)
                    continue;
                rc = hit_key(text, &h->v[j], &b);
                if (rc == 0 && a.len && b.len)
                    keep = td__names_match_ex(a.p, b.p, 1) != 0;
            }
            if (keep)
                h->v[i].kind = TD__NAME_PERSON;
        }
        if (keep)
            h->v[o++] = h->v[i];
    }
    h->n = o;
    td__buf_free(&a);
    td__buf_free(&b);
    return rc;
}

td_status td__names_find(const char *text, size_t len, td__name_hits *out)
{
    memset(out, 0, sizeof *out);
    word *v = NULL;
    size_t nv = 0;
    if (split_words(text, len, &v, &nv) != 0)
        return TD_ENOMEM;
    int rc = 0;
    /* memo of the seen_lower judgement: 0 unknown, 1 common, 2 name-like */
    unsigned char *common = td__calloc(nv ? nv : 1, 1);
    if (!common) {
        td__free(v);
        return TD_ENOMEM;
    }
    for (size_t i = 0; i < nv && rc == 0;) {
        if (v[i].allcaps && v[i].len <= 24) {
            rc = push(out, v[i].off, v[i].len, TD__NAME_ACRONYM);
            i++;
            continue;
        }
        if (!v[i].cap) {
            i++;
            continue;
        }
        /* A run: capitalised words joined by spaces, particles inside. */
        size_t j = i + 1, last = i;
        while (j < nv && !v[j].gap) {
            if (v[j].cap && !v[j].allcaps) {
                last = j++;
                continue;
            }
            /* particles, up to three in a row ("van der", "de la"),
             * followed by a capitalised word */
            size_t k = j;
            while (k < nv && k < j + 3 && !v[k].gap && v[k].lower &&
                   is_particle(text + v[k].off, v[k].len))
                k++;
            if (k > j && k < nv && !v[k].gap && v[k].cap && !v[k].allcaps) {
                j = k;
                continue;
            }
            break;
        }
        /* Leading common words go ("President", "Il", "The"). */
        size_t first = i;
        while (first <= last) {
            if (!common[first])
                common[first] = seen_lower(text, v, nv, first) ? 1 : 2;
            if (common[first] == 2)
                break;
            first++;
        }
        /* One capitalised word at a sentence start is a name only if the
         * text also capitalises it mid-sentence. */
        /* A sentence's capitalised first word before a name is usually a
         * verb or adverb ("Rassicura Putin", "Apparently Lukashenka"). */
        if (first < last && v[first].sentence && !is_corroborated(text, v, nv, first))
            first++;
        int tentative = 0;
        if (first == last && v[first].sentence) {
            tentative = !is_corroborated(text, v, nv, first);
        }
        if (first <= last) {
            size_t off = v[first].off;
            size_t end = v[last].off + v[last].len;
            size_t n = strip_possessive(text + off, end - off);
            rc = push(out, off, n, TD__NAME_PERSON);
            if (rc == 0 && tentative)
                out->v[out->n - 1].kind = 0; /* decided below */
        }
        i = last + 1;
    }
    td__free(common);
    td__free(v);
    if (rc == 0)
        rc = settle_tentative(text, out);
    if (rc != 0) {
        td__name_hits_free(out);
        return TD_ENOMEM;
    }
    return TD_OK;
}

void td__name_hits_free(td__name_hits *h)
{
    td__free(h->v);
    memset(h, 0, sizeof *h);
}

/* ICU transliterators are costly to open; one per thread, kept for the
 * life of the thread and closed by a key destructor when the thread exits
 * (a server's worker threads come and go). */
static _Thread_local UTransliterator *translit;
static pthread_key_t tl_key;
static pthread_once_t tl_once = PTHREAD_ONCE_INIT;
static int tl_key_ok;

static void tl_destroy(void *p)
{
    utrans_close(p);
}

static void tl_make_key(void)
{
    tl_key_ok = pthread_key_create(&tl_key, tl_destroy) == 0;
}

static UTransliterator *get_translit(void)
{
    if (translit)
        return translit;
    UErrorCode err = U_ZERO_ERROR;
    UChar id[32], rules[1024];
    /* Háček letters as English transliteration spells them (Ж -> ž ->
     * zh, as in "Zhomart"), before Latin-ASCII would drop the mark. */
    u_uastrcpy(id, "tidings-name-key");
    u_uastrcpy(rules,
               /* Arabic script writes long vowels with waw and yeh: inside
                * a word they are the vowels u and i, not w and y. */
               "[\\u0621-\\u064A iu] { \\u0648 > u; "
               "[\\u0621-\\u064A iu] { \\u064A > i; \\u0649 > a; "
               /* Malayalam chillu letters are a consonant without its
                * vowel, which ICU's Malayalam-Latin drops: spell them out
                * as consonant + virama. */
               "\\u0D7A > \\u0D23\\u0D4D; \\u0D7B > \\u0D28\\u0D4D; "
               "\\u0D7C > \\u0D30\\u0D4D; \\u0D7D > \\u0D32\\u0D4D; "
               "\\u0D7E > \\u0D33\\u0D4D; "
               /* Cyrillic as English-language news spells it (BGN):
                * Kharkiv and Zelensky's ts, not ISO 9's h and c; soft and
                * hard signs are no letters of the name (Шольц = Scholz,
                * not "shol c"). */
               "[\\u044C\\u042C\\u044A\\u042A] > ; "
               /* Hebrew writes the sounds it lacks with a geresh after
                * the nearest letter: ז׳ zh (Germain), ג׳ j, צ׳ ch. */
               "\\u05D6 [\\u05F3\\u0027] > zh; \\u05D2 [\\u05F3\\u0027] > j; "
               "\\u05E6 [\\u05F3\\u0027] > ch; "
               /* the katakana middle dot parts a name's words */
               "\\u30FB > \\u0020; "
               "\\u0445 > kh; \\u0425 > Kh; \\u0446 > ts; \\u0426 > Ts; "
               "::Any-Latin; \\u02B9 > ; \\u02BA > ; \\u017E > zh; \\u017D > Zh; "
               "\\u0161 > sh; \\u0160 > Sh; \\u010D > ch; "
               "\\u010C > Ch; ::Latin-ASCII; ::Lower;");
    UParseError pe;
    translit = utrans_openU(id, -1, UTRANS_FORWARD, rules, -1, &pe, &err);
    if (U_FAILURE(err))
        translit = NULL;
    pthread_once(&tl_once, tl_make_key);
    if (translit && tl_key_ok)
        pthread_setspecific(tl_key, translit);
    return translit;
}

/* The key of an ASCII name: what the transliterator would give (it only
 * lowers ASCII), without its cost -- most names in most news are ASCII. */
static int ascii_key(const char *s, size_t n, td__buf *out)
{
    int space = 1, rc = 0;
    size_t start = out->len;
    for (size_t i = 0; i < n && rc == 0; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (space && out->len > start)
                rc = td__buf_putc(out, ' ');
            if (rc == 0)
                rc = td__buf_putc(out, c);
            space = 0;
        } else if (c == ' ' || c == '-' || c == '\'' || c == '.') {
            space = 1;
        }
    }
    return rc;
}

/* Transliteration is the costliest step of entity finding and the same
 * names recur in every article of a story: short names' keys are memoised
 * in a direct-mapped cache shared by all threads. */
#define KEY_CACHE_SLOTS 65536
typedef struct key_slot {
    unsigned char nin, nkey; /* 0: empty */
    char in[62];
    char key[64];
} key_slot;
static key_slot key_cache[KEY_CACHE_SLOTS];
static pthread_mutex_t key_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static int translit_key(const char *s, size_t n, td__buf *out);

static int cached_key(const char *s, size_t n, td__buf *out)
{
    if (n > sizeof key_cache[0].in)
        return translit_key(s, n, out);
    key_slot *k = &key_cache[td__hash64(s, n, 7) % KEY_CACHE_SLOTS];
    char key[64];
    size_t nkey = 0;
    pthread_mutex_lock(&key_cache_lock);
    int hit = k->nin == n && memcmp(k->in, s, n) == 0;
    if (hit)
        memcpy(key, k->key, nkey = k->nkey);
    pthread_mutex_unlock(&key_cache_lock);
    if (hit)
        return td__buf_append(out, key, nkey);
    size_t start = out->len;
    int rc = translit_key(s, n, out);
    nkey = out->len - start;
    if (rc == 0 && nkey > 0 && nkey <= sizeof key_cache[0].key) {
        pthread_mutex_lock(&key_cache_lock);
        memcpy(k->in, s, n);
        k->nin = (unsigned char)n;
        memcpy(k->key, out->p + start, nkey);
        k->nkey = (unsigned char)nkey;
        pthread_mutex_unlock(&key_cache_lock);
    }
    return rc;
}

int td__name_key(const char *s, size_t n, td__buf *out)
{
    size_t a = 0;
    while (a < n && !((unsigned char)s[a] & 0x80))
        a++;
    return a == n ? ascii_key(s, n, out) : cached_key(s, n, out);
}

static int translit_key(const char *s, size_t n, td__buf *out)
{
    UTransliterator *t = get_translit();
    if (!t || n > 4096)
        return -1;
    UErrorCode err = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, s, (int32_t)n, &err);
    err = U_ZERO_ERROR;
    int32_t cap = ulen * 4 + 16;
    UChar *u = td__malloc((size_t)cap * sizeof(UChar));
    if (!u)
        return -1;
    u_strFromUTF8(u, cap, &ulen, s, (int32_t)n, &err);
    int32_t limit = ulen;
    utrans_transUChars(t, u, &ulen, cap, 0, &limit, &err);
    if (U_FAILURE(err)) {
        td__free(u);
        return -1;
    }
    /* Keep ASCII letters and digits; anything else separates words, but
     * an apostrophe the transliteration wrote itself (Georgian and
     * Armenian ejectives, Hebrew alef: კიშიდა "k'ishida") is no break
     * when the name had no Latin letter to begin with. */
    int latin = 0;
    for (size_t i = 0; i < n && !latin; i++)
        latin = ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z');
    int space = 1, rc = 0;
    size_t start = out->len;
    for (int32_t i = 0; i < ulen && rc == 0; i++) {
        UChar c = u[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (space && out->len > start)
                rc = td__buf_putc(out, ' ');
            if (rc == 0)
                rc = td__buf_putc(out, (char)c);
            space = 0;
        } else if (c == ' ' || c == '-' || (c == '\'' && latin) || c == '.') {
            space = 1;
        }
        /* other marks (ICU's modifier letters) vanish inside words */
    }
    td__free(u);
    return rc;
}

static int vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
           c == 'y';
}

void td__name_skeleton(const char *w, size_t n, char *out, size_t cap)
{
    /* Spelling conventions of transliteration that differ between languages
     * (sh/sch/š, kh/h, zh/ž/j, w/v, f/v, p/b, q/k, c/k, x/k, z/s, ph/f,
     * th/t) fold together;
     * vowels and h/j/w glides go except a word's first letter; doubled
     * letters count once. */
    size_t o = 0;
    char prev = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        char c = w[i];
        char nx = i + 1 < n ? w[i + 1] : 0;
        if (c == 's' && nx == 'c' && i + 2 < n && w[i + 2] == 'h')
            i += 2, c = 's';
        else if (c == 'd' && nx == 'z' && i + 2 < n && w[i + 2] == 'h')
            i += 2, c = 'j'; /* Джонсон = Johnson */
        else if ((c == 't' && (nx == 's' || nx == 'z')))
            i++, c = 's'; /* Цукерберг = Zuckerberg, Schultz = Schulz */
        else if ((c == 's' || c == 'k' || c == 'z' || c == 'p' || c == 't' ||
                  c == 'c') &&
                 nx == 'h')
            i++, c = c == 'p' ? 'f' : c == 'c' ? 'k' : c == 'z' ? 'j' : c;
        else if (c == 'w' || c == 'f')
            c = 'v'; /* f: Arabic script has no v (Tokayev = توكاييف) */
        else if (c == 'p')
            c = 'b'; /* nor p (Putin = بوتين) */
        else if (c == 'q' || c == 'c')
            c = 'k';
        else if (c == 'x')
            c = 'k';
        else if (c == 'z')
            c = 's'; /* German spells the z sound s: Selenskyj, Nasarbajew */
        if (o > 0 && (vowel(c) || c == 'h' || c == 'j'))
            continue;
        if (o == 0 && vowel(c))
            c = 'a'; /* initial vowels vary too: Aleksandr/Oleksandr */
        if (c == prev)
            continue;
        out[o++] = c;
        prev = c;
    }
    out[o] = '\0';
}

/* Edit distance of two short strings (3 for any pair longer than 31). */
static int edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 31 || nb > 31)
        return strcmp(a, b) ? 3 : 0;
    int d[32][32];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            int sub = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            int del = d[i - 1][j] + 1, ins = d[i][j - 1] + 1;
            d[i][j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
        }
    return d[na][nb];
}

/* A word folded for comparing spellings with their vowels kept: the
 * transliteration conventions the skeleton folds (sch/sh/sz -> s, zh/dzh
 * -> j, kh -> h, ph -> f, th -> t, cz/ch -> c, x -> ks, w -> v, q/c -> k,
 * y -> j, z -> s), doubled letters once. */
/* One letter as spelling_key compares it: consonants that transliterations
 * swap (w/v, f/v, p/b for Arabic script, q/c/k, z/s) and vowels by their
 * two broad classes (i/e/y/j, o/u), since scripts that write few vowels
 * (Arabic) or other glides (Tokajew, Tokayev) disagree there most. */
static char fold_letter(char c)
{
    switch (c) {
    case 'w': case 'f': return 'v';
    case 'p': return 'b';
    case 'q': case 'c': return 'k';
    case 'z': return 's';
    case 'y': case 'j': case 'e': return 'i';
    case 'o': return 'u';
    default: return c;
    }
}

static void spelling_key(const char *w, size_t n, char *out, size_t cap)
{
    static const struct {
        const char *from, *to;
    } folds[] = {{"dzh", "j"}, {"sch", "s"}, {"sh", "s"}, {"sz", "s"},
                 {"zh", "j"},  {"kh", "h"},  {"ph", "f"}, {"th", "t"},
                 {"cz", "c"},  {"ch", "c"}, {"ts", "s"}, {"tz", "s"}};
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap;) {
        const char *rep = NULL;
        size_t used = 1;
        for (size_t k = 0; k < sizeof folds / sizeof folds[0] && !rep; k++) {
            size_t fl = strlen(folds[k].from);
            if (i + fl <= n && memcmp(w + i, folds[k].from, fl) == 0)
                rep = folds[k].to, used = fl;
        }
        if (!rep && w[i] == 'x')
            rep = "ks";
        const char *r = rep ? rep : w + i;
        size_t rn = rep ? strlen(rep) : 1;
        for (size_t k = 0; k < rn && o + 1 < cap; k++) {
            char c = fold_letter(r[k]);
            if (o == 0 || out[o - 1] != c)
                out[o++] = c;
        }
        i += used;
    }
    out[o] = '\0';
}

/* Whether two spellings are close once transliteration conventions are
 * folded: at most 3 letters in 10 of the longer one differ, none in a
 * word of four letters or fewer. The consonant
 * skeleton alone is too forgiving (Chan/Chennai, Milan/Meloni). */
static int spellings_close(const char *a, size_t na, const char *b, size_t nb)
{
    char ka[64], kb[64];
    spelling_key(a, na, ka, sizeof ka);
    spelling_key(b, nb, kb, sizeof kb);
    size_t la = strlen(ka), lb = strlen(kb);
    size_t lmax = la > lb ? la : lb;
    /* short words are other words one letter off (Faro, War) */
    int allowed = lmax <= 4 ? 0 : (int)(lmax * 3 / 10);
    if (lmax > 4 && allowed < 1)
        allowed = 1;
    return edit_distance(ka, kb) <= allowed;
}

/* Syllables, roughly: runs of vowels (mes-si two, me-sse-ji three). */
static int vowel_groups(const char *w, size_t n)
{
    int g = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int v = vowel(w[i]);
        g += v && !in;
        in = v;
    }
    return g;
}

/* Two words' skeletons agree: equal, or one edit apart when both are long
 * enough that one edit is a spelling, not another name. loose (given
 * names; surnames met in one article) also accepts one edit on short
 * skeletons and a prefix ("jmr" of "jmrt": Jomar, Jomart). */
static int words_agree(const char *a, size_t na, const char *b, size_t nb,
                       int loose)
{
    char sa[64], sb[64];
    td__name_skeleton(a, na, sa, sizeof sa);
    td__name_skeleton(b, nb, sb, sizeof sb);
    int same_skeleton = strcmp(sa, sb) == 0;
    /* A long skeleton shared is evidence enough (Keelstone, Килстоун:
     * vowels transliterate loosely); a short one is not (Chan, Chennai). */
    if (same_skeleton && strlen(sa) >= 5)
        return 1;
    size_t la = strlen(sa), lb = strlen(sb);
    size_t lmin = la < lb ? la : lb;
    /* cheap rejections first: most pairs of names differ at once */
    if (!same_skeleton && (sa[0] != sb[0] || lmin < 3))
        return 0;
    /* two consonants say little: Meuse, Messi and メッセージ (message)
     * share them; such words must be spelled alike outright */
    if (same_skeleton && !loose && la <= 2) {
        char ka[64], kb[64];
        spelling_key(a, na, ka, sizeof ka);
        spelling_key(b, nb, kb, sizeof kb);
        return strcmp(ka, kb) == 0 &&
               vowel_groups(a, na) == vowel_groups(b, nb);
    }
    if (!spellings_close(a, na, b, nb) &&
        !(loose && (na < 3 || nb < 3))) /* "Jo" of "Jomart" */
        return 0;
    if (same_skeleton)
        return 1;
    if (lmin >= 4 || loose) {
        if (edit_distance(sa, sb) <= 1)
            return 1;
    }
    return loose && strncmp(sa, sb, lmin) == 0;
}

typedef struct span {
    const char *s;
    size_t n;
} span;

static size_t split_key(const char *key, span *w, size_t max)
{
    size_t n = 0;
    const char *p = key;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        w[n++] = (span){p, len};
        p += len;
    }
    return n;
}

int td__names_match_ex(const char *a, const char *b, int loose)
{
    if (strcmp(a, b) == 0)
        return 2;
    span wa[8], wb[8];
    size_t na = split_key(a, wa, 8), nb = split_key(b, wb, 8);
    if (!na || !nb)
        return 0;
    /* Surnames: the last word of each. */
    if (!words_agree(wa[na - 1].s, wa[na - 1].n, wb[nb - 1].s, wb[nb - 1].n,
                     loose))
        return 0;
    if (na == 1 || nb == 1)
        return 1;
    /* Both have given names: every given name of the shorter must agree
     * with one of the longer's (an initial agrees with its letter). */
    const span *sa = na <= nb ? wa : wb, *sb = na <= nb ? wb : wa;
    size_t ns = (na <= nb ? na : nb) - 1, nl = (na <= nb ? nb : na) - 1;
    for (size_t i = 0; i < ns; i++) {
        int ok = 0;
        for (size_t j = 0; j < nl && !ok; j++) {
            if (sa[i].n == 1 || sb[j].n == 1)
                ok = sa[i].s[0] == sb[j].s[0];
            else
                ok = words_agree(sa[i].s, sa[i].n, sb[j].s, sb[j].n, 1);
        }
        if (!ok)
            break;
        if (i + 1 == ns)
            return 1;
    }
    /* Titles and functions a text wrote before the name stay in its key
     * ("tech unternehmer sam bankman fried", "prezident frantsii emmanuel
     * makron"): the given names next to the surname agreeing is the same
     * evidence. */
    if (ns + nl > 2 &&
        words_agree(sa[ns - 1].s, sa[ns - 1].n, sb[nl - 1].s, sb[nl - 1].n, 1))
        return 1;
    return 0;
}

int td__names_match(const char *a, const char *b)
{
    return td__names_match_ex(a, b, 0);
}

int td__names_cover(const char *part, const char *whole)
{
    if (!td__names_match(part, whole))
        return 0;
    span wp[8], ww[8];
    size_t np = split_key(part, wp, 8), nw = split_key(whole, ww, 8);
    for (size_t i = 0; i < np; i++) {
        int ok = 0;
        for (size_t j = 0; j < nw && !ok; j++)
            ok = words_agree(wp[i].s, wp[i].n, ww[j].s, ww[j].n, 0);
        if (!ok)
            return 0;
    }
    return 1;
}

/* A word opening with j, h or kh, written with k instead (into out);
 * 0 when it opens otherwise. */
static int guttural_opening(const char *w, size_t n, char *out, size_t cap)
{
    size_t skip = n >= 2 && w[0] == 'k' && w[1] == 'h' ? 2
                  : n >= 1 && (w[0] == 'j' || w[0] == 'h') ? 1
                                                            : 0;
    if (!skip || n - skip + 2 > cap)
        return 0;
    out[0] = 'k';
    memcpy(out + 1, w + skip, n - skip);
    out[n - skip + 1] = '\0';
    return 1;
}

int td__names_akin(const char *a, const char *b)
{
    if (td__names_match_ex(a, b, 1))
        return 1;
    /* the whole name sounding alike (Луис Арсе, Luis Arce: a soft c) */
    if (td__names_sound_alike(a, b, 0) == 2 || td__names_sound_alike(b, a, 0) == 2)
        return 1;
    span wa[8], wb[8];
    size_t na = split_key(a, wa, 8), nb = split_key(b, wb, 8);
    if (!na || !nb)
        return 0;
    /* the surnames: one name's renderings in other languages (Francis,
     * Francesco, Franciszek: vrns, vrnsk, vrnsk) keep their opening and
     * differ by two letters at most */
    char sa[64], sb[64];
    td__name_skeleton(wa[na - 1].s, wa[na - 1].n, sa, sizeof sa);
    td__name_skeleton(wb[nb - 1].s, wb[nb - 1].n, sb, sizeof sb);
    size_t la = strlen(sa), lb = strlen(sb);
    if (la < 3 || lb < 3 || sa[0] != sb[0] || sa[1] != sb[1] ||
        sa[2] != sb[2] || edit_distance(sa, sb) > 2)
        return 0;
    if (na == 1 || nb == 1)
        return 1;
    /* given names, when both have them: those next to the surname agree,
     * an opening j, h or kh counted as one sound (Spanish Juan, José are
     * Хуан, Хосе: khuan, khose) */
    const span *ga = &wa[na - 2], *gb = &wb[nb - 2];
    if (words_agree(ga->s, ga->n, gb->s, gb->n, 1))
        return 1;
    char fa[64], fb[64];
    if (!guttural_opening(ga->s, ga->n, fa, sizeof fa) ||
        !guttural_opening(gb->s, gb->n, fb, sizeof fb))
        return 0;
    return words_agree(fa, strlen(fa), fb, strlen(fb), 1);
}

/* ------------------------------------------------ names as they sound
 *
 * A name written in a script of few vowels or other sounds (Arabic,
 * Hebrew, Hangul, kana, the Indic scripts) reaches Latin letters through
 * a transliteration that keeps little more than its consonants, and not
 * always the same ones: Arabic has no p, g or v, Hangul no voiced/unvoiced
 * contrast, Malayalam writes Wayanad with a retroflex t. Such a name is
 * compared with the names of its own story by how it sounds. */

#define SOUND_MAX 64

/* One key word folded to its sounding consonants: the skeleton, with the
 * voiced and unvoiced stops (g/k, d/t) one and the opening vowel or h gone
 * (ʿAbd-, Abdel-; Арутюнян, Harutyunyan); c before e, i, y is an s
 * (Facebook, فيسبوك), kh an h (Махса, Mahsa), gn an n (Романья, Romagna). */
static size_t sound_word(const char *w, size_t n, char *out, size_t cap)
{
    char soft[SOUND_MAX], sk[SOUND_MAX];
    size_t m = 0;
    for (size_t i = 0; i < n && m + 1 < sizeof soft; i++) {
        char nx = i + 1 < n ? w[i + 1] : 0;
        if ((w[i] == 'k' && nx == 'h') || (w[i] == 'g' && nx == 'n'))
            continue; /* the h or n that follows stands for both */
        soft[m++] = w[i] == 'c' && (nx == 'e' || nx == 'i' || nx == 'y')
                        ? 's'
                        : w[i];
    }
    soft[m] = '\0';
    td__name_skeleton(soft, m, sk, sizeof sk);
    size_t o = 0;
    for (const char *p = sk + (m && (vowel(soft[0]) || soft[0] == 'h'));
         *p && o + 1 < cap; p++) {
        char c = *p == 'g' ? 'k' : *p == 'd' ? 't' : *p;
        if (o == 0 || out[o - 1] != c)
            out[o++] = c;
    }
    out[o] = '\0';
    return o;
}

/* A key's letters without its spaces, at most cap - 1 of them. */
static void key_letters(const char *key, char *out, size_t cap)
{
    size_t o = 0;
    for (; *key && o + 1 < cap; key++)
        if (*key != ' ')
            out[o++] = *key;
    out[o] = '\0';
}

/* The words of a key as they sound, the Arabic article apart (al-Burhan,
 * البرهان "albrhan"): a word "al" goes, and "al" opening a longer word. */
static size_t sound_words(const char *key, char w[][SOUND_MAX], size_t max)
{
    span v[8];
    size_t n = split_key(key, v, max < 8 ? max : 8), o = 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = v[i].s;
        size_t len = v[i].n;
        if (len == 2 && (!memcmp(s, "al", 2) || !memcmp(s, "el", 2)))
            continue;
        if (len > 4 && !memcmp(s, "al", 2))
            s += 2, len -= 2;
        if (sound_word(s, len, w[o], SOUND_MAX))
            o++;
    }
    return o;
}

int td__names_sound_alike(const char *a, const char *b, int flags)
{
    int vowelled = flags & TD__SOUND_VOWELLED;
    char wa[8][SOUND_MAX], wb[8][SOUND_MAX];
    size_t na = sound_words(a, wa, 8), nb = sound_words(b, wb, 8);
    if (!na || !nb)
        return 0;
    /* the whole of a, against b whole or a tail of b's words (Messi of
     * Lionel Messi, Saint-Germain of Paris Saint-Germain), or any run of
     * them with TD__SOUND_PART (Abdel Fattah of Abdel Fattah al-Burhan) */
    char ja[8 * SOUND_MAX] = "", jb[8 * SOUND_MAX];
    for (size_t i = 0; i < na; i++)
        strcat(ja, wa[i]);
    size_t la = strlen(ja), la_head = la - strlen(wa[na - 1]);
    int best = 0;
    for (size_t run = 0; run < nb * nb; run++) {
        size_t from = run / nb, to = run % nb + 1; /* words [from, to) */
        if (to <= from || (to < nb && !(flags & TD__SOUND_PART)))
            continue;
        jb[0] = '\0';
        for (size_t i = from; i < to; i++)
            strcat(jb, wb[i]);
        size_t lb = strlen(jb);
        if (lb < 3 || la < lb)
            continue;
        /* a's own ending after the name (Georgian -is, Malayalam -il):
         * two consonants at most, in a's last word */
        if (strncmp(ja, jb, lb) != 0 || la - lb > 2 ||
            (la > lb && la_head >= lb))
            continue;
        /* three consonants alone are any word of Arabic or Hebrew; a
         * script that writes its vowels must spell them alike
         * (വയനാട് "vayanat", Wayanad) */
        int s = la == lb ? (lb >= 4 ? 2
                                    : vowelled && spellings_close(
                                                      a, strlen(a), b, strlen(b)))
                         : (lb >= 4 ? 1 : 0);
        if (s > best)
            best = s;
    }
    /* names of few consonants (Muan, 무안 "muan"): the letters themselves,
     * an ending apart (მუანის "muanis"), or any word compounded after
     * the name where the script writes compounds as one word (Hangul
     * 무안국제공항, Muan International Airport: TD__SOUND_COMPOUND) */
    if (!best) {
        char ra[128], rb[128];
        key_letters(a, ra, sizeof ra);
        key_letters(b, rb, sizeof rb);
        size_t lb = strlen(rb);
        if (lb >= 4 && strncmp(ra, rb, lb) == 0 &&
            (strlen(ra) - lb <= 3 || (flags & TD__SOUND_COMPOUND)))
            best = 1;
    }
    return best;
}

/* Two letters as one code: a (letter) opening and what follows it. */
static unsigned opener(const char *s, int raw)
{
    unsigned c = (unsigned char)s[0];
    return (raw ? 0x10000u : 0) | c << 8 | (c ? (unsigned char)s[1] : 0);
}

size_t td__sound_openers(const char *key, int whole, unsigned *out,
                         size_t max)
{
    char w[8][SOUND_MAX];
    size_t nw = sound_words(key, w, 8), o = 0;
    for (size_t i = 0; i < nw && o + 2 < max; i++) {
        char two[3] = {w[i][0], w[i][1], 0};
        if (!two[1] && i + 1 < nw)
            two[1] = w[i + 1][0];
        out[o++] = opener(two, 0);
        if (w[i][1] == '\0')
            out[o++] = opener(w[i], 0); /* its run may end with it */
        if (whole)
            break;
    }
    char raw[3];
    key_letters(key, raw, sizeof raw);
    if (o < max)
        out[o++] = opener(raw, 1);
    return o;
}
