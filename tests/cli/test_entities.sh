#!/bin/sh
# Entities on fixtures written here: a name first met in a script without
# capitals, look-ups in the forms people type, facilities named after
# people, places that are given names, ambiguous surnames.
. "$(dirname "$0")/lib.sh"
FIX="$(dirname "$0")/../fixtures/entities/names.jsonl"
DB="$T/names.db"
run "$TIDINGS" ingest --db "$DB" "$FIX"
equals "fixture ingested" "$RC" 0

# reaches NAME ID...: the look-up of NAME lists every ID among its articles
reaches() {
    q=$1; shift
    run "$TIDINGS" entity --db "$DB" --json "$q"
    for id in "$@"; do contains "'$q' reaches $id" "$OUT" "\"id\":\"$id\""; done
}
misses() {
    q=$1; shift
    run "$TIDINGS" entity --db "$DB" --json "$q"
    for id in "$@"; do lacks "'$q' does not reach $id" "$OUT" "\"id\":\"$id\""; done
}

# Arabic article first, the Latin spelling only in a later one: the Arabic
# name is matched when the entity turns up, and is one entity with it.
reaches "مارتا باروني" ar-baroni en-baroni
reaches "Marta Baroni" ar-baroni en-baroni
contains "display name is the full Latin name" "$(jfield name)" "Marta Baroni"
run "$TIDINGS" entity --db "$DB" --json "Marta Baroni"
lacks "no words around the Arabic name in its variants" "$(jfield variants)" "الصحفية"
contains "the Arabic spelling is a variant" "$(jfield variants)" "مارتا باروني"
# inflected forms: a Polish instrumental, a Russian locative
reaches "Marta Baroni" pl-baroni ru-baroni
reaches "Martą Baroni" en-baroni pl-baroni
reaches "Брюсселе" en-baroni pl-baroni ru-baroni
reaches "Brukseli" en-baroni ru-baroni
run "$TIDINGS" entity --db "$DB" --json "Brukseli"
equals "an inflected place name is the place" "$(jfield name)" "Brussels"
# forms people type
reaches "#MartaBaroni" en-baroni ar-baroni
reaches "#Marta_Baroni" en-baroni
# a case ending written apart (Turkish after an apostrophe)
reaches "Marta Baroni'nin" en-baroni ar-baroni
reaches "Baroni's" en-baroni
reaches "Baroni’s" en-baroni
reaches "Mr Baroni" en-baroni
reaches "marta baroni" en-baroni

# a bridge named after a man is a place of its own, in any language
reaches "ponte Morelli" it-ponte en-bridge
misses "ponte Morelli" en-engineer
reaches "Morelli Bridge" it-ponte en-bridge
run "$TIDINGS" entity --db "$DB" --json "Morelli Bridge"
contains "a bridge is a place" "$(jfield kind)" "place"
reaches "Franco Morelli" en-engineer
misses "Franco Morelli" it-ponte en-bridge

# Georgia the country is not Georgia Fontaine
reaches "Georgia" en-tbilisi
misses "Georgia" en-fontaine

# two people who share a surname: the look-up says so
run "$TIDINGS" entity --db "$DB" --json Ostrander
equals "Ostrander is ambiguous" "$(jfield ambiguous)" "true"
contains "Ostrander candidates named" "$(jfield candidates)" "Ostrander"
run "$TIDINGS" entity --db "$DB" Ostrander
contains "terminal says ambiguous" "$OUT" "is ambiguous"
reaches "Boris Ostrander" en-ostrander-3
misses "Boris Ostrander" en-ostrander-1

# a hashtag in lower case joins the words of a name
reaches "#martabaroni" en-baroni

# no such entity: exit status 1, a message naming it
run "$TIDINGS" entity --db "$DB" --json "Zebulon Quarrington"
equals "unknown name: exit 1" "$RC" 1
contains "unknown name named" "$ERR" "Zebulon Quarrington"

# Learned from the stream (fixture learned.jsonl): Ignatius and Ignacy, that
# no spelling rule joins, share the stories of their articles and never one
# text, so a look-up of either reaches both; an article naming both in one
# text undoes the link.
LFIX="$(dirname "$0")/../fixtures/entities/learned.jsonl"
LDB="$T/learned.db"
run "$TIDINGS" ingest --db "$LDB" "$LFIX"
equals "learned fixture ingested" "$RC" 0
DB=$LDB
reaches "Pope Ignatius" en-ignatius-1 en-ignatius-2 pl-ignacy-1 pl-ignacy-2
reaches "Papież Ignacy" pl-ignacy-1 en-ignatius-1
reaches "Ignacego" pl-ignacy-2 en-ignatius-2
run "$TIDINGS" entity --db "$LDB" --json "Pope Ignatius"
contains "the learned spelling is a variant" "$(jfield variants)" "Ignacy"
# Cyrillic soft signs and ts as English spells them (Цельтнер = Zeltner)
reaches "Franz Zeltner" en-zeltner ru-zeltner
reaches "Цельтнера" en-zeltner ru-zeltner
# "реки Иордан" is the river, not the country
reaches "Jordan" en-amman
misses "Jordan" ru-river
reaches "реки Иордан" ru-river
BOTH="$T/both.jsonl"
printf '%s\n' '{"id": "en-ignatius-both", "lang": "en", "date": "2026-05-14", "text": "Pope Ignatius leaves Poland\nPope Ignatius left Krakow on Thursday evening. Polish newspapers, which call him Ignacy, praised the visit to Wawel Cathedral and Czestochowa, attended by 40,000 pilgrims."}' >"$BOTH"
run "$TIDINGS" ingest --db "$LDB" "$BOTH"
equals "the contrary article ingested" "$RC" 0
reaches "Pope Ignatius" en-ignatius-1 en-ignatius-both
misses "Pope Ignatius" pl-ignacy-1 pl-ignacy-2

# Names of common words in two languages (fixture meaning.jsonl): the
# Constitutional Court and the Tribunal Constitucional share the stories of
# their articles and never one text, and their words mean the same through
# the pivot dictionaries, so a look-up of either reaches both. The Tribunal
# Eleitoral of the same story means something else.
MDB="$T/meaning.db"
run "$TIDINGS" ingest --db "$MDB" "$(dirname "$0")/../fixtures/entities/meaning.jsonl"
equals "meaning fixture ingested" "$RC" 0
DB=$MDB
reaches "Constitutional Court" en-court-1 en-court-2 pt-court-1 pt-court-2
reaches "Tribunal Constitucional" en-court-1 en-court-2 pt-court-2
misses "Tribunal Eleitoral" en-court-1 en-court-2

# Look-ups (fixture lookup.jsonl): an inflected place (Киеве, the text
# writes Киев) is the place before it is a loose spelling of a person
# (Kieva); an acronym of three capitals is not dropped as a title, and a
# stored fragment of one common word ("Trading") does not answer for a
# longer name.
KDB="$T/lookup.db"
run "$TIDINGS" ingest --db "$KDB" "$(dirname "$0")/../fixtures/entities/lookup.jsonl"
equals "look-up fixture ingested" "$RC" 0
DB=$KDB
reaches "Киеве" ru-kyiv
misses "Киеве" en-kieva
run "$TIDINGS" entity --db "$KDB" --json "Киеве"
equals "Киеве is Kyiv" "$(jfield name)" "Kyiv"
run "$TIDINGS" entity --db "$KDB" --json "QXV Trading Ltd."
equals "QXV Trading Ltd. is QXV" "$(jfield name)" "QXV"
# a place written with hyphens for its spaces
reaches "Buenos-Aires" en-buenos-aires
run "$TIDINGS" entity --db "$KDB" --json "Buenos-Aires"
equals "Buenos-Aires is the place" "$(jfield kind)" "place"
run "$TIDINGS" entity --db "$KDB" --json "Qwxzzy Trading"
equals "an unknown name beside a common word: exit 1" "$RC" 1

# A name of a caseless script that no entity took is founded when it
# recurs (fixture recurring.jsonl, six Arabic articles): a name of two
# words in two articles becomes an entity reaching both; a phrase of
# common words in half the articles does not.
RDB="$T/recurring.db"
run "$TIDINGS" ingest --db "$RDB" "$(dirname "$0")/../fixtures/entities/recurring.jsonl"
equals "recurring fixture ingested" "$RC" 0
DB=$RDB
reaches "زهير المنصوري" ar-rec-1 ar-rec-2
misses "زهير المنصوري" ar-rec-3
run "$TIDINGS" entity --db "$RDB" --json "صباح الثلاثاء"
equals "a common phrase is no entity: exit 1" "$RC" 1


# A name in a script of few vowels that no spelling rule joins (Arabic
# writes the g of Dugalli with qaf: دقلي) is its story's entity by how it
# sounds; its common words (قتلت, killed) stay no entity.
SDB="$T/sounds.db"
run "$TIDINGS" ingest --db "$SDB" "$(dirname "$0")/../fixtures/entities/sounds.jsonl"
equals "sounds fixture ingested" "$RC" 0
DB=$SDB
reaches "كريم دقلي" snd-ar-1 snd-en-1 snd-en-2
reaches "Karim Dugalli" snd-ar-1 snd-en-1 snd-en-2
run "$TIDINGS" entity --db "$DB" "قتلت"
equals "a common word of the Arabic article is no entity" "$RC" 1

# A place the gazetteer knows in Latin letters only, written in Cyrillic
# (Муан) and so taken for a person's name there: in the place's story, a
# look-up of the place reaches it.
PDB="$T/placename.db"
run "$TIDINGS" ingest --db "$PDB" "$(dirname "$0")/../fixtures/entities/placename.jsonl"
equals "placename fixture ingested" "$RC" 0
DB=$PDB
reaches "Muan" pn-en-1 pn-en-2 pn-uk-1
reaches "Муан" pn-en-1 pn-uk-1
# in Hangul, with a particle written onto it (무안에서, "in Muan"): the
# story's place, stored without the particle
reaches "Muan" pn-ko-1
reaches "무안" pn-en-1 pn-ko-1
run "$TIDINGS" entity --db "$DB" --json "Muan"
lacks "the particle is no part of the variant" "$(jfield variants)" "무안에서"

# Japanese names through their MeCab readings (fixture japanese.jsonl,
# names of its own): a kanji family and given name, the family name alone
# and with an honorific, a katakana name split at its middle dot; each
# reaches the Latin article. Without a dictionary the engine runs as
# before: the kanji name is no entity.
JDB="$T/japanese.db"
run "$TIDINGS" ingest --db "$JDB" "$(dirname "$0")/../fixtures/entities/japanese.jsonl"
equals "Japanese fixture ingested" "$RC" 0
DB=$JDB
reaches "森高健二" ja-moritaka en-moritaka
reaches "森高" ja-moritaka en-moritaka
reaches "Kenji Moritaka" ja-moritaka en-moritaka
run "$TIDINGS" entity --db "$JDB" --json "森高健二"
equals "the kanji name is the Latin one" "$(jfield name)" "Kenji Moritaka"
lacks "no title or honorific in the variants" "$(jfield variants)" "首相"
reaches "アダム・ミコス" ja-mikos en-mikos
reaches "Adam Mikos" ja-mikos en-mikos
NDB="$T/japanese-plain.db"
run env TIDINGS_MECAB_DICDIR=/nonexistent/mecab-dic "$TIDINGS" ingest \
    --db "$NDB" "$(dirname "$0")/../fixtures/entities/japanese.jsonl"
equals "no dictionary: ingested all the same" "$RC" 0
lacks "no dictionary: nothing said about it" "$ERR" "mecab"
run env TIDINGS_MECAB_DICDIR=/nonexistent/mecab-dic "$TIDINGS" entity \
    --db "$NDB" --json "森高健二"
equals "no dictionary: the kanji name is no entity (exit 1)" "$RC" 1
# with one, a look-up reads the kanji name and finds the Latin entity
run "$TIDINGS" entity --db "$NDB" --json "森高健二"
contains "the look-up reads a kanji name" "$OUT" '"id":"en-moritaka"'

finish
