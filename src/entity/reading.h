/* reading.h -- Japanese names through their readings.
 *
 * Japanese writes names in kanji and kana, without capitals or spaces:
 * nothing in the script says where a name is or how Latin news spells it.
 * MeCab with the IPA dictionary (Debian's libmecab2 and mecab-ipadic-utf8)
 * cuts the text into words, tags proper nouns (family and given names,
 * places, organisations) and gives each word its pronunciation in
 * katakana, which ICU spells in Latin through the same key function as
 * every other name (td__name_key): 岸田文雄 -> キシダ フミオ -> "fumio
 * kishida". Katakana runs (foreign names, loanwords: サム・バンクマン・フリード)
 * are their own reading; a kanji name glossed with its reading in
 * brackets (務安(ムアン)) takes the gloss.
 *
 * MeCab is loaded at run time (dlopen, on first use): without the library
 * or a UTF-8 dictionary there are no readings (td__readings_available() is
 * 0, td__readings_find finds nothing) and callers go on as before. The
 * dictionary is the one /etc/mecabrc names, else Debian's
 * /var/lib/mecab/dic/ipadic-utf8; TIDINGS_MECAB_DICDIR names another
 * folder (an unusable one means no readings). One model is shared by the
 * process; each thread has its own tagger and lattice. */
#ifndef TD_ENTITY_READING_H
#define TD_ENTITY_READING_H

#include <stddef.h>

#include "core/buf.h"
#include "tidings.h"

typedef enum td__reading_kind {
    TD__READING_PERSON = 1,  /* a family name, or family and given name */
    TD__READING_PLACE = 2,   /* a place name read from kanji */
    TD__READING_ORG = 3,     /* an organisation read from kanji */
    TD__READING_NAME = 4,    /* another proper noun read from kanji */
    TD__READING_KATAKANA = 5 /* a run of one to three katakana words */
} td__reading_kind;

#define TD__READING_MAX_KEYS 3

typedef struct td__reading_name {
    size_t off, len; /* span in the text (honorifics, titles outside) */
    td__reading_kind kind;
    /* Latin keys to try, likeliest first, owned: a person's name in both
     * orders ("fumio kishida", "kishida fumio"); a katakana run as ICU
     * spells it ("samu bankuman furido"), without the vowels Japanese adds
     * between consonants ("sam bankman frid") and with l for r ("sam
     * bankman flid"): Japanese has one sound for both. */
    char *keys[TD__READING_MAX_KEYS];
    size_t nkeys;
    /* May be a gazetteer place under one of its keys: a word of three
     * kana or more the dictionary lacks or tags as a place, a gloss, a
     * kanji place name. japan: read from kanji, so only a place in Japan
     * (a Japanese reading of a foreign place's kanji is no name of it). */
    int place, japan;
    /* A proper noun, or a katakana run with one or a word the dictionary
     * lacks in it; 0: a run of common loanwords (メディア), maybe a brand,
     * keyed as written only. */
    int proper;
} td__reading_name;

typedef struct td__reading_span {
    size_t off, len;
} td__reading_span;

typedef struct td__readings {
    int on;              /* MeCab ran (else nothing below) */
    td__reading_name *v; /* in text order, longer before shorter */
    size_t n, cap;
    td__reading_span *kata; /* every katakana word (td__readings_cut) */
    size_t nkata, capkata;
} td__readings;

/* Whether MeCab and its dictionary can be used (loads them once). */
int td__readings_available(void);

/* Finds the names of Japanese text[0..len) with their keys. TD_OK also
 * when there are no readings (out->on 0); TD_ENOMEM (out emptied). */
td_status td__readings_find(const char *text, size_t len, td__readings *out);
void td__readings_free(td__readings *r);

/* Whether text span [off, off+len) begins or ends inside a katakana word
 * ("パリ" inside "パシフィックパリセーズ" is no Paris). */
int td__readings_cut(const td__readings *r, size_t off, size_t len);

/* The keys of a name typed alone (a look-up): those of the longest
 * proper name found in it, without honorifics or titles ("岸田氏" -> "kishida",
 * "キム社長" -> "kim", "kimu"). Appends each key and a NUL to out;
 * returns how many, 0 when it reads as no name (or there are no
 * readings), -1 when out of memory. */
int td__reading_query_keys(const char *s, size_t n, td__buf *out);

#endif
