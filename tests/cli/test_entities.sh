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

# no such entity: exit status 1, a message naming it
run "$TIDINGS" entity --db "$DB" --json "Zebulon Quarrington"
equals "unknown name: exit 1" "$RC" 1
contains "unknown name named" "$ERR" "Zebulon Quarrington"

finish
