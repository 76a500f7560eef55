#!/bin/sh
# tidings ingest / export / analyze / search on the real seeds and dev set.
. "$(dirname "$0")/lib.sh"
SEEDS="$SHARED/seeds"
DEV="$SHARED/data/dev/articles.jsonl"

run "$TIDINGS" ingest "$SEEDS"/*.txt
equals "all 5 seeds ingest (exit 0)" "$RC" 0
contains "summary counts 5 added" "$OUT" "5 inputs: 5 added, 0 already stored, 0 failed"

run "$TIDINGS" ingest "$SEEDS"/*.txt
contains "re-ingesting is a no-op" "$OUT" "0 added, 5 already stored, 0 failed"

run "$TIDINGS" export --json
equals "export prints one line per article" "$(printf '%s\n' "$OUT" | wc -l)" 5
for id in 000_2d2c36976dd6c487 001_1995ab01a466658e 002_6d65ec6cf458f712 \
          003_5ac1655ca59043d7 004_32442eaab53a1979; do
    contains "id $id is the file name" "$OUT" "\"id\":\"$id\""
done
contains "export has story" "$OUT" '"story":1'
contains "export has lang" "$OUT" '"lang":'
contains "export has duplicate_of" "$OUT" '"duplicate_of":null'
contains "export has translation_of" "$OUT" '"translation_of":null'

run "$TIDINGS" analyze --json "$SEEDS/001_1995ab01a466658e.txt"
TEXT=$(jfield text)
lacks "001 loses its comment thread (user names)" "$TEXT" "kriten"
lacks "001 loses its comment thread (quotes)" "$TEXT" "Quote: BMP-2"
lacks "001 loses its comment thread (replies)" "$TEXT" "Are you for the 'reds'"
lacks "001 loses 'Dear reader' furniture" "$TEXT" "Dear reader"
lacks "001 loses 'Used photos'" "$TEXT" "Used photos"
contains "001 keeps its body's first paragraph" "$TEXT" "Belarusian leader Alexander Lukashenko"
contains "001 keeps its body's last sentence" "$TEXT" "81-year-old Nazarbayev to acclimatize there."
contains "001 has its title" "$OUT" '"title":"Lukashenko in a telephone conversation clarified'
contains "001 says why: comments" "$OUT" '"reason":"comments"'

run "$TIDINGS" analyze --json "$SEEDS/002_6d65ec6cf458f712.txt"
contains "002 gets its date from the marker" "$OUT" '"date":"2022-01"'
contains "002 date source is the marker" "$OUT" '"date_source":"marker"'
TEXT=$(jfield text)
lacks "002 loses the marker" "$TEXT" "date 2022-01"
contains "002 keeps the text after the marker" "$TEXT" "Centinaia di cittadini russi"

run "$TIDINGS" analyze --json "$SEEDS/003_5ac1655ca59043d7.txt"
TEXT=$(jfield text)
lacks "003 loses < /p>" "$TEXT" "< /p>"
lacks "003 loses the stray >" "$TEXT" "parlato > l'ex"
lacks "003 loses 'Argomenti simili'" "$TEXT" "Argomenti simili"
lacks "003 loses 'Altre notizie'" "$TEXT" "Altre notizie"
contains "003 keeps its body" "$TEXT" "Kasim-Jomart Tokayev"
contains "003 keeps its last sentence" "$TEXT" "Kasim-Jomart Tokayev."

run "$TIDINGS" analyze "$SEEDS/001_1995ab01a466658e.txt"
contains "analyze on a terminal shows what was removed" "$OUT" "removed ("
contains "analyze shows the language" "$OUT" "language:"

# The dev set, whole: every article is stored.
run "$TIDINGS" ingest --db "$T/dev.db" "$DEV"
equals "dev set ingests (exit 0)" "$RC" 0
contains "dev set: all 132 added" "$OUT" "132 added, 0 already stored, 0 failed"
run "$TIDINGS" export --db "$T/dev.db" --json
equals "dev set export has 132 lines" "$(printf '%s\n' "$OUT" | wc -l)" 132
contains "dev ids are the input ids" "$OUT" '"id":"articles-0001"'

# JSON Lines from standard input, and $TIDINGS_DB vs --db.
head -n 3 "$DEV" | TIDINGS_DB="$T/stdin.db" "$TIDINGS" ingest - >"$T/o" 2>&1
contains "ingest - reads JSON Lines from stdin" "$(cat "$T/o")" "3 added"
run "$TIDINGS" export --db "$T/stdin.db"
equals "stdin articles stored in \$TIDINGS_DB" "$(printf '%s\n' "$OUT" | wc -l)" 3

run "$TIDINGS" ingest --json --db "$T/j.db" "$SEEDS/000_2d2c36976dd6c487.txt"
contains "ingest --json prints counts" "$OUT" '"added":1'

# Search.
run "$TIDINGS" search --db "$T/dev.db" --json Tokayev
contains "search finds articles" "$OUT" '"count":'
lacks "search finds something" "$OUT" '"count":0'
run "$TIDINGS" search --db "$T/dev.db" "Lukaschenko lang:de"
contains "search with a language filter" "$OUT" "[de "
lacks "language filter excludes others" "$OUT" "[en "

# Every command answers --help.
for c in ingest export search article analyze langid; do
    run "$TIDINGS" "$c" --help
    equals "$c --help exits 0" "$RC" 0
    contains "$c --help shows usage" "$OUT" "usage: tidings $c"
done
finish
