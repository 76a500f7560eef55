#!/bin/sh
# tidings copy between SQLite and PostgreSQL, both ways: the exports (with
# text) and searches of the copies equal the original's; an interrupted
# copy goes on where it stopped; a store that is not the copy's is
# refused. And what a bad connection string says. Run by tests/pg/run.sh.
. "$(dirname "$0")/../cli/lib.sh"
: "${TIDINGS_PG_DSN:?TIDINGS_PG_DSN must name the test server}"
db() { printf '%s&options=-c%%20tidings.schema%%3D%s' "$TIDINGS_PG_DSN" "$1"; }
tag=c$$
DEV2="$SHARED/data/dev2/articles.jsonl"

"$TIDINGS" ingest --quiet --db "$T/src.db" "$DEV2" >/dev/null 2>&1
"$TIDINGS" follow add --db "$T/src.db" "Hong Kong" >/dev/null 2>&1
"$TIDINGS" export --json --text --db "$T/src.db" >"$T/src.export"

run "$TIDINGS" copy --quiet --from "$T/src.db" --to "$(db "${tag}_pg")"
equals "copy SQLite -> PostgreSQL: exit 0" "$RC" 0
"$TIDINGS" export --json --text --db "$(db "${tag}_pg")" >"$T/pg.export"
check "copy SQLite -> PostgreSQL: the same export" cmp -s "$T/src.export" "$T/pg.export"
run "$TIDINGS" copy --quiet --from "$(db "${tag}_pg")" --to "$T/back.db"
equals "copy PostgreSQL -> SQLite: exit 0" "$RC" 0
"$TIDINGS" export --json --text --db "$T/back.db" >"$T/back.export"
check "copy PostgreSQL -> SQLite: the same export" cmp -s "$T/src.export" "$T/back.export"
for c in "stories --json --limit 1000" "entity Tokayev --json" "follow list --json"; do
    # shellcheck disable=SC2086
    a=$("$TIDINGS" $c --db "$T/src.db" 2>&1)
    # shellcheck disable=SC2086
    b=$("$TIDINGS" $c --db "$(db "${tag}_pg")" 2>&1)
    # shellcheck disable=SC2086
    d=$("$TIDINGS" $c --db "$T/back.db" 2>&1)
    equals "copies answer '$c' as the original" "$b|$d" "$a|$a"
done
for q in "Hong Kong" Tokayev "election lang:en" Kazakhstan; do
    a=$("$TIDINGS" search --json --db "$T/src.db" "$q" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("total"), sorted(h["id"] for h in j.get("hits", [])))')
    b=$("$TIDINGS" search --json --db "$(db "${tag}_pg")" "$q" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j.get("total"), sorted(h["id"] for h in j.get("hits", [])))')
    equals "search '$q' finds the same articles on both backends" "$b" "$a"
done

# Interrupted: kill -9 a copy once it has committed a batch, then again.
"$TIDINGS" copy --quiet --from "$T/src.db" --to "$(db "${tag}_int")" >/dev/null 2>&1 &
pc=$!
i=0
while [ $i -lt 200 ]; do
    n=$("$TIDINGS" export --json --db "$(db "${tag}_int")" 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] && break
    sleep 0.05
    i=$((i + 1))
done
kill -9 $pc 2>/dev/null
wait $pc 2>/dev/null
run "$TIDINGS" copy --quiet --from "$T/src.db" --to "$(db "${tag}_int")"
equals "an interrupted copy run again: exit 0" "$RC" 0
"$TIDINGS" export --json --text --db "$(db "${tag}_int")" >"$T/int.export"
check "an interrupted copy run again: the same export" cmp -s "$T/src.export" "$T/int.export"

# Not a copy of this source: refused, nothing written.
"$TIDINGS" ingest --quiet --db "$(db "${tag}_other")" "$SHARED/seeds/000_2d2c36976dd6c487.txt" >/dev/null 2>&1
run "$TIDINGS" copy --quiet --from "$T/src.db" --to "$(db "${tag}_other")"
equals "copy into another store: usage error" "$RC" 2
contains "copy into another store says why" "$ERR" "already holds a store"
run "$TIDINGS" copy --from "$T/src.db" --to "$T/src.db"
equals "copy onto itself: usage error" "$RC" 2

# Bad connection strings: the error names the server, never the password.
run "$TIDINGS" stories --db "postgresql://u:secret@/x?host=$T/nosock"
equals "no server: exit 2" "$RC" 2
contains "no server: says it cannot connect" "$ERR" "cannot connect"
lacks "no server: the password is not shown" "$ERR" "secret"
run "$TIDINGS" stories --db "host=$T/nosock dbname=x password=secret"
contains "key=value string: taken for PostgreSQL" "$ERR" "cannot connect"
lacks "key=value string: the password is not shown" "$ERR" "secret"
run "$TIDINGS" stories --db "$(db 'bad-name')"
equals "a bad schema name: exit 2" "$RC" 2
contains "a bad schema name says why" "$ERR" "letters, digits and _"
# A file with "=" in its name is still a file.
run "$TIDINGS" ingest --quiet --db "$T/a=b.db" "$SHARED/seeds/000_2d2c36976dd6c487.txt"
check "a path with = is an SQLite file" [ -f "$T/a=b.db" ]
finish
