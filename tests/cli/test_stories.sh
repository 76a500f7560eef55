#!/bin/sh
# Entities and stories on the real seeds; copies, translations, merges and
# order independence on fixtures written here.
. "$(dirname "$0")/lib.sh"
SEEDS="$SHARED/seeds"
DB="$T/seeds.db"

run "$TIDINGS" ingest --db "$DB" "$SEEDS"/*.txt
equals "seeds ingest" "$RC" 0

# --- entities: one person however spelled
run "$TIDINGS" entity --db "$DB" --json Nazarbaye
for v in Nazarbayev Nazarbaev Nazarbaye "Narsultan Nazarbayev" "Nursultan Nazarbayev"; do
    contains "Nazarbayev entity has variant $v" "$OUT" "\"name\":\"$v\""
done
for id in 000_2d2c36976dd6c487 001_1995ab01a466658e 002_6d65ec6cf458f712 004_32442eaab53a1979; do
    contains "Nazarbayev is mentioned in $id" "$OUT" "\"id\":\"$id\""
done
run "$TIDINGS" entity --db "$DB" --json Tokazhev
for v in Tokayev Tokaev Tokazhev "Kassym-Jomart Tokayev" "Kasym-Jomart Tokayev" "Kasim-Jomart Tokayev" "Qasim Jomar Tokayev"; do
    contains "Tokayev entity has variant $v" "$OUT" "\"name\":\"$v\""
done
for id in 002_6d65ec6cf458f712 003_5ac1655ca59043d7 004_32442eaab53a1979; do
    contains "Tokayev is mentioned in $id" "$OUT" "\"id\":\"$id\""
done
run "$TIDINGS" entity --db "$DB" --json Токаев
contains "a Cyrillic spelling finds Tokayev" "$OUT" '"name":"Tokazhev"'
run "$TIDINGS" entity --db "$DB" --json Lukashenka
contains "Lukashenko/Lukashenka one entity" "$OUT" '"name":"Lukashenko"'
contains "Lukashenka variant" "$OUT" '"name":"Lukashenka"'
run "$TIDINGS" entity --db "$DB" --json "Kareem Massimov"
contains "Karim/Kareem Massimov one entity" "$OUT" '"name":"Karim Massimov"'
run "$TIDINGS" entity --db "$DB" --json Cazaquistão
contains "Cazaquistão is Kazakhstan" "$OUT" '"name":"Kazakhstan"'
contains "Kazakistan is a variant" "$OUT" '"name":"Kazakistan"'
contains "Cazaquistão is a variant" "$OUT" '"name":"Cazaquistão"'
contains "place kind" "$OUT" '"kind":"place"'
run "$TIDINGS" entity --db "$DB" Nobody-At-All
equals "unknown entity: exit 1" "$RC" 1
contains "unknown entity named" "$ERR" "no entity named Nobody-At-All"

# --- dates: "7 gennaio" (000) and "January 7" (001) are one date
run "$TIDINGS" analyze --json "$SEEDS/000_2d2c36976dd6c487.txt"
contains "000: 7 gennaio is 2022-01-07 (year from the text's other dates)" "$OUT" '"date":"2022-01-07"'
contains "000: the words found" "$OUT" '"text":"7 gennaio"'
run "$TIDINGS" analyze --json "$SEEDS/001_1995ab01a466658e.txt"
contains "001: January 7 is the same date" "$OUT" '"date":"2022-01-07"'
run "$TIDINGS" analyze --json "$SEEDS/002_6d65ec6cf458f712.txt"
contains "002 entities listed" "$OUT" '"kind":"person"'

# --- stories: exactly two
run "$TIDINGS" export --db "$DB" --json
S000=$(printf '%s\n' "$OUT" | grep '"id":"000_' | sed 's/.*"story":\([0-9]*\).*/\1/')
S001=$(printf '%s\n' "$OUT" | grep '"id":"001_' | sed 's/.*"story":\([0-9]*\).*/\1/')
S002=$(printf '%s\n' "$OUT" | grep '"id":"002_' | sed 's/.*"story":\([0-9]*\).*/\1/')
S003=$(printf '%s\n' "$OUT" | grep '"id":"003_' | sed 's/.*"story":\([0-9]*\).*/\1/')
S004=$(printf '%s\n' "$OUT" | grep '"id":"004_' | sed 's/.*"story":\([0-9]*\).*/\1/')
check "every seed has a story" [ -n "$S000" ] && [ -n "$S003" ]
equals "000 and 001 one story" "$S000" "$S001"
equals "000 and 002 one story" "$S000" "$S002"
equals "000 and 004 one story" "$S000" "$S004"
check "003 is another story" [ "$S003" != "$S000" ]
contains "000 is Italian" "$OUT" '"id":"000_2d2c36976dd6c487","story":'"$S000"',"lang":"it"'
contains "001 is a translation of 000" "$OUT" '"translation_of":"000_2d2c36976dd6c487"'
run "$TIDINGS" stories --db "$DB" --json
equals "two stories" "$(printf '%s' "$OUT" | grep -o '"id":' | wc -l)" 2
run "$TIDINGS" story --db "$DB" "$S000"
contains "story view groups by language" "$OUT" "[it]"
contains "story view says why articles joined" "$OUT" "joined, score"
contains "story view has a timeline" "$OUT" "timeline:"
run "$TIDINGS" story --db "$DB" --json "$S000"
contains "story json has why" "$OUT" '"why":{"how":'
contains "story json has entities" "$OUT" '"entities":[{"name":'
run "$TIDINGS" story --db "$DB" 999999
equals "unknown story: exit 1" "$RC" 1
contains "unknown story named" "$ERR" "no story with id 999999"
run "$TIDINGS" stories --db "$DB" --since yesterday
equals "bad --since: exit 2" "$RC" 2

# --- copies: a re-posted article with other furniture is a duplicate
BODY="The regional parliament of Valdoria approved the new water law on Tuesday by 61 votes to 19, ending a dispute that had lasted four years. The law caps the price of drinking water at 1.20 euros per cubic metre and obliges the three private operators, Aquavia, Hidronor and Tessel, to invest 340 million euros in the network by 2030. Governor Elena Marchetti called the vote historic. The opposition leader, Tomas Varga, said the caps were too low to pay for the pipes and announced an appeal to the constitutional court."
printf '%s\nShare this article\n' "$BODY" >"$T/orig.txt"
printf 'Water law passes in Valdoria\n%s\nRead more:\nOther news of the day\n' "$BODY" >"$T/copy.txt"
printf 'Il parlamento regionale di Valdoria ha approvato martedì la nuova legge sull'"'"'acqua con 61 voti contro 19, chiudendo una disputa durata quattro anni. La legge fissa il prezzo dell'"'"'acqua potabile a 1,20 euro al metro cubo e obbliga i tre operatori privati, Aquavia, Hidronor e Tessel, a investire 340 milioni di euro nella rete entro il 2030. La governatrice Elena Marchetti ha definito il voto storico. Il leader dell'"'"'opposizione, Tomas Varga, ha detto che i limiti sono troppo bassi per pagare le tubature e ha annunciato un ricorso alla corte costituzionale.\n' >"$T/trad.txt"
printf 'Elena Marchetti sprach von einem historischen Tag: Das Parlament von Valdoria stimmte mit 61 zu 19 Stimmen für das Wassergesetz, das Aquavia, Hidronor und Tessel zu Investitionen von 340 Millionen Euro verpflichtet. Tomas Varga kündigte eine Klage an.\n' >"$T/de.txt"
printf 'The national football team of Norland won the regional cup on Sunday, beating Eastmark 3-1 in front of 40,000 fans. Coach Petra Lindqvist praised the young squad.\n' >"$T/other.txt"
DB2="$T/fix.db"
run "$TIDINGS" ingest --db "$DB2" "$T/orig.txt" "$T/copy.txt" "$T/trad.txt" "$T/de.txt" "$T/other.txt"
run "$TIDINGS" export --db "$DB2" --json
contains "the copy is a duplicate of the first" "$OUT" '"id":"copy","story":1,"lang":"en","lang_confidence":'
contains "duplicate_of names the original" "$OUT" '"duplicate_of":"orig"'
contains "the Italian is a translation of the original" "$OUT" '"translation_of":"orig"'
lacks "the football story is not folded in" "$OUT" '"id":"other","story":1,'
OTHER_STORY=$(printf '%s\n' "$OUT" | grep '"id":"other"' | sed 's/.*"story":\([0-9]*\).*/\1/')
DE_STORY=$(printf '%s\n' "$OUT" | grep '"id":"de"' | sed 's/.*"story":\([0-9]*\).*/\1/')
equals "the short German report joins on names and numbers" "$DE_STORY" 1
run "$TIDINGS" stories --db "$DB2" --json
contains "copies and translations count once as sources" "$OUT" '"articles":4,"sources":2'

# --- order independence of obvious cases
DB3="$T/rev.db"
"$TIDINGS" ingest --db "$DB3" "$T/other.txt" "$T/de.txt" "$T/trad.txt" "$T/copy.txt" "$T/orig.txt" >/dev/null
run "$TIDINGS" stories --db "$DB3" --json
equals "reverse order: still two stories" "$(printf '%s' "$OUT" | grep -o '"id":' | wc -l)" 2

# --- a language with no stemmer or dictionary still clusters on entities
printf 'Valdoria parlamento 61 19 Aquavia Hidronor Tessel 340 Elena Marchetti Tomas Varga 2030\n' >/dev/null
printf 'Valdorian parlamentti hyväksyi vesilain äänin 61–19. Aquavia, Hidronor ja Tessel investoivat 340 miljoonaa euroa. Elena Marchetti ja Tomas Varga kommentoivat.\n' >"$T/fi.txt"
"$TIDINGS" ingest --db "$DB2" "$T/fi.txt" >/dev/null
run "$TIDINGS" export --db "$DB2" --json
contains "Finnish report joins on names and numbers" "$OUT" '"id":"fi","story":1,'

# --- an acronym and its expansion in the text are one organisation
printf 'The Collective Security Treaty Organization (CSTO) sent troops. CSTO leaders met in Moscow.\n' >"$T/csto.txt"
run "$TIDINGS" analyze --json "$T/csto.txt"
contains "the expansion is a name of the organisation" "$OUT" '"name":"CSTO","kind":"organisation"'
lacks "the expansion is no person" "$OUT" '"name":"Collective Security Treaty Organization","kind":"person"'
run "$TIDINGS" entity --db "$DB" --json "Acordo de Segurança Conjunta"
contains "004: the Portuguese expansion finds ODKB" "$OUT" '"name":"ODKB"'

# --- organisation names by their head word, in several languages
printf 'The Workers Party and the Central Bank met in Valdoria. Il Partito Democratico ha votato.\n' >"$T/org.txt"
run "$TIDINGS" analyze --json "$T/org.txt"
contains "Workers Party is an organisation" "$OUT" '"name":"Workers Party","kind":"organisation"'
contains "Central Bank is an organisation" "$OUT" '"name":"Central Bank","kind":"organisation"'
contains "Partito Democratico is an organisation" "$OUT" '"name":"Partito Democratico","kind":"organisation"'

# --- merges: an article binding two stories makes them one (across runs:
# the second run reloads the clusterer from the store)
printf 'Aquavia and Hidronor will invest 340 million in the pipes of Valdoria, the two companies said on Monday.\n' >"$T/ma.txt"
printf 'Il sindaco Elena Marchetti ha incontrato Tessel a Portavecchia: 1,20 al metro, ha detto ieri.\n' >"$T/mb.txt"
printf 'Aquavia, Hidronor and Tessel must invest 340 million and sell at 1.20 per cubic metre, Mayor Elena Marchetti said in Portavecchia about Valdoria.\n' >"$T/mc.txt"
DB4="$T/merge.db"
"$TIDINGS" ingest --db "$DB4" "$T/ma.txt" "$T/mb.txt" >/dev/null
run "$TIDINGS" stories --db "$DB4" --json
equals "before the bridge: two stories" "$(printf '%s' "$OUT" | grep -o '"id":' | wc -l)" 2
"$TIDINGS" ingest --db "$DB4" "$T/mc.txt" >/dev/null
run "$TIDINGS" stories --db "$DB4" --json
equals "after the bridge: one story" "$(printf '%s' "$OUT" | grep -o '"id":' | wc -l)" 1
contains "the merged story has both languages" "$OUT" '"languages":"en,it"'

# --- eval prints the metrics
run "$TIDINGS" eval --gold "$SHARED/data/dev/articles.jsonl" --json
equals "eval exits 0" "$RC" 0
contains "eval has B-cubed" "$OUT" '"bcubed":{"precision":'
contains "eval has cross-lingual" "$OUT" '"cross_lingual":{'
contains "eval has language accuracy" "$OUT" '"language":{"accuracy":'
run "$TIDINGS" eval --gold "$T/missing.jsonl"
equals "eval of a missing file: exit 2" "$RC" 2
finish
