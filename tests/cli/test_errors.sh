#!/bin/sh
# Bad input: one clear line naming the input and the reason; the rest is
# ingested; nothing stored is lost; the exit status says something failed.
. "$(dirname "$0")/lib.sh"
SEEDS="$SHARED/seeds"

printf 'Una notizia valida, con abbastanza testo per essere un articolo vero e proprio.\n' >"$T/good.txt"
printf 'caf\303 au lait, un texte en fran\347ais mal encod\351.\n' >"$T/latin1.txt"
head -c 3000 "$TIDINGS" >"$T/junk.txt"
: >"$T/empty.txt"
printf '\n  \n\t\n' >"$T/blank.txt"
printf '<p></p>\n< /p>\n&nbsp;\n' >"$T/markup-only.txt"
mkdir "$T/adir"
{
    printf '{"id":"ok1","text":"A perfectly fine article about the weather in Lisbon, which was sunny."}\n'
    printf '{"id":"bad-json", "text": "missing the closing brace"\n'
    printf '["an","array"]\n'
    printf '{"id":"notext","title":"a title alone"}\n'
    printf '{"id":"ok2","text":"Another fine article, this one about trains running late in Porto."}\n'
    printf '{"id":"cut","text":"the crawler died in the mid'
} >"$T/mixed.jsonl"

run "$TIDINGS" ingest "$SEEDS/000_2d2c36976dd6c487.txt"
equals "a good file first (exit 0)" "$RC" 0

run "$TIDINGS" ingest "$T/good.txt" "$T/missing.txt" "$T/latin1.txt" "$T/junk.txt" \
    "$T/empty.txt" "$T/blank.txt" "$T/markup-only.txt" "$T/adir" "$T/mixed.jsonl"
equals "exit status 1 when something failed" "$RC" 1
contains "missing file named, with the reason" "$ERR" "missing.txt: No such file or directory"
contains "invalid UTF-8 named, with the offset" "$ERR" "latin1.txt: invalid UTF-8 at byte 3"
contains "binary file named" "$ERR" "junk.txt: binary file, not text"
contains "empty file named" "$ERR" "empty.txt: empty article"
contains "blank file is empty" "$ERR" "blank.txt: no article text left after cleaning"
contains "markup-only file is empty" "$ERR" "markup-only.txt: no article text left after cleaning"
contains "directory named" "$ERR" "adir: is a directory"
contains "malformed JSON line named with its number" "$ERR" "mixed.jsonl:2: malformed JSON"
contains "non-object line named" "$ERR" "mixed.jsonl:3: a JSON object expected"
contains "record without text named" "$ERR" "mixed.jsonl:4: no \"text\" or \"html\" field"
contains "truncated last line named" "$ERR" "mixed.jsonl:6: truncated JSON line"
equals "one error line per bad input" "$(printf '%s\n' "$ERR" | grep -c '^tidings: ingest: ')" 11
contains "the rest is ingested" "$OUT" "3 added, 0 already stored, 11 failed"

run "$TIDINGS" export
equals "nothing stored was lost" "$(printf '%s\n' "$OUT" | wc -l)" 4
contains "earlier article still there" "$OUT" "000_2d2c36976dd6c487"
contains "good jsonl records there" "$OUT" "ok2"

# Databases that cannot be used.
printf 'my precious notes\n' >"$T/notes.txt"
cp "$T/notes.txt" "$T/notes.bak"
run "$TIDINGS" ingest --db "$T/notes.txt" "$T/good.txt"
equals "a non-database file: exit 2" "$RC" 2
contains "a non-database file: reason" "$ERR" "notes.txt: not a tidings database"
check "a non-database file is left untouched" cmp -s "$T/notes.txt" "$T/notes.bak"
sqlite3 "$T/other.db" "CREATE TABLE x(a); INSERT INTO x VALUES (1);"
run "$TIDINGS" export --db "$T/other.db"
equals "another app's database: exit 2" "$RC" 2
contains "another app's database: reason" "$ERR" "other.db: not a tidings database"
run "$TIDINGS" ingest --db "$T/no/such/dir/x.db" "$T/good.txt"
equals "unopenable database path: exit 2" "$RC" 2
contains "unopenable database path named" "$ERR" "no/such/dir/x.db"

# Usage errors.
run "$TIDINGS" frobnicate
equals "unknown command: exit 2" "$RC" 2
contains "unknown command named" "$ERR" "unknown command 'frobnicate'"
run "$TIDINGS" ingest --bogus x
equals "unknown option: exit 2" "$RC" 2
run "$TIDINGS" ingest
equals "no input: exit 2" "$RC" 2
run "$TIDINGS" search "   "
equals "empty query: exit 2" "$RC" 2
contains "empty query explained" "$ERR" "empty query"
run "$TIDINGS" search "x since:last-week"
contains "bad filter explained" "$ERR" "since: wants YYYY"
run "$TIDINGS" article no-such-id
equals "unknown article: exit 1" "$RC" 1
contains "unknown article named" "$ERR" "no article with id no-such-id"
run "$TIDINGS" analyze "$T/mixed.jsonl"
contains "analyze refuses a multi-article file" "$ERR" "use tidings ingest"
run "$TIDINGS" analyze "$T/junk.txt"
equals "analyze of junk: exit 1" "$RC" 1
contains "analyze of junk says why" "$ERR" "binary"
finish
