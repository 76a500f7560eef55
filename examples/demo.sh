#!/bin/sh
# make demo: ingest the bundled examples into a fresh database and show
# what tidings found. Usage: examples/demo.sh path/to/tidings
set -u
TIDINGS=${1:-build/tidings}
DIR=$(dirname "$0")
DB=build/demo.db
rm -f "$DB" "$DB-wal" "$DB-shm"
export TIDINGS_DB="$DB"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "tidings ingest examples/*.txt examples/mixed.jsonl"
"$TIDINGS" ingest "$DIR"/*.txt "$DIR/mixed.jsonl" || exit 1

step "tidings export (id, language, date, title)"
"$TIDINGS" export

step "tidings stories (one real-world event each, across languages)"
"$TIDINGS" stories

FIRST=$("$TIDINGS" stories --json | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
step "tidings story $FIRST (by language; copies and translations folded; why each joined)"
"$TIDINGS" story "$FIRST"

step "tidings entity Keelstone (one place in Latin and Cyrillic spellings)"
"$TIDINGS" entity Keelstone | sed -n '1,12p'

step "tidings analyze examples/en_storm.txt (what cleaning removed, and why)"
"$TIDINGS" analyze "$DIR/en_storm.txt" | sed -n '1,/^text:/p'

step "tidings search 'Keelstone flood'"
"$TIDINGS" search "Keelstone flood"

step "tidings search 'Aldric lang:de'"
"$TIDINGS" search "Aldric lang:de"

step "tidings langid --lines (one sentence a line)"
printf '%s\n' "Der Sturm hat die Küste getroffen." "La tempête a frappé la côte." \
    "Шторм обрушился на побережье." "暴风雨袭击了海岸。" | "$TIDINGS" langid --lines

step "bad input is reported, never fatal: tidings ingest examples/bad/*"
"$TIDINGS" ingest "$DIR"/bad/* "$DIR/no-such-file.txt"
echo "(exit status $? : something failed, the rest was stored)"
step "database: $DB ($("$TIDINGS" export | wc -l) articles)"
