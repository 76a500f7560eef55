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
# ------------------------------------------------ the bad-input corpus
# tests/bad/cases.tsv (written by tests/bad/gen.py): each input with the
# exit status ingest must end with and a line its stderr must hold.
BAD="$(cd "$(dirname "$0")/../bad" && pwd)"
tab=$(printf '\t')
nbad=0; badfail=0
while IFS="$tab" read -r file want exp args; do
    case "$file" in '#'*|'') continue ;; esac
    nbad=$((nbad + 1))
    # shellcheck disable=SC2086
    "$TIDINGS" ingest --db "$T/bad.db" $args "$BAD/$file" >/dev/null 2>"$T/bad.err"; rc=$?
    err=$(cat "$T/bad.err")
    why=""
    [ "$rc" = "$want" ] || why="exit $rc, wanted $want"
    if [ "$exp" = "-" ]; then
        [ -z "$err" ] || why="$why; wanted no message"
    elif [ -n "$exp" ]; then
        case "$err" in *"$exp"*) ;; *) why="$why; wanted: $exp" ;; esac
    fi
    # A message names the input it is about.
    [ -z "$err" ] || case "$err" in *"$file"*) ;; *) why="$why; input not named" ;; esac
    if [ -n "$why" ]; then
        badfail=$((badfail + 1))
        fail "bad input $file" "$why
    got: $(printf '%s' "$err" | head -c 400)"
    fi
done <"$BAD/cases.tsv"
[ "$nbad" -ge 70 ] && pass "the bad-input corpus has $nbad inputs" || fail "the bad-input corpus has at least 70 inputs" "$nbad"
equals "every bad input ends as expected ($nbad)" "$badfail" 0
# WARC continuation lines are joined to their field, not passed over.
"$TIDINGS" ingest --db "$T/cont.db" "$BAD/continued-fields.warc" "$BAD/continued-http.warc" >/dev/null 2>&1
run "$TIDINGS" export --json --db "$T/cont.db"
contains "a continued WARC-Target-URI is joined" "$OUT" '"url":"http://example.org/continued"'
contains "a continued WARC-Date is joined" "$OUT" '"date":"2022-03-04"'
contains "a continued HTTP Content-Type is joined" "$OUT" '"url":"http://example.org/h"'
run "$TIDINGS" export --json --db "$T/bad.db"
lacks "XXE: no file content reaches the store" "$OUT" "root:"
contains "a JSON array is ingested as a batch" "$OUT" '"id":"a2"'
contains "a record after a warning is stored" "$OUT" '"id":"b10"'

# Inputs that are not regular files are refused at once, and the batch
# goes on (a FIFO used to hang for ever).
mkfifo "$T/pipe.jsonl"
run timeout 20 "$TIDINGS" ingest --db "$T/fifo.db" "$T/pipe.jsonl" /dev/null "$T/good.txt"
equals "a FIFO, a device and a good file: exit 1, no hang" "$RC" 1
contains "a FIFO is named and refused" "$ERR" "pipe.jsonl: is a FIFO (named pipe), not a regular file"
contains "a device is refused" "$ERR" "/dev/null: is a character device"
contains "the batch goes on after them" "$OUT" "1 added"
run timeout 20 "$TIDINGS" analyze "$T/pipe.jsonl"
contains "analyze refuses a FIFO too" "$ERR" "is a FIFO"
printf '{"id":"stdin1","text":"A fine article read from standard input about a harbour strike in Gdansk."}\n' |
    "$TIDINGS" ingest - >"$T/.out" 2>"$T/.err"
equals "standard input is still an input" "$?" 0
run "$TIDINGS" ingest --max-record 0 "$T/good.txt"
equals "--max-record 0 is a usage error" "$RC" 2
run "$TIDINGS" ingest --max-record lots "$T/good.txt"
contains "--max-record says what it wants" "$ERR" "--max-record wants a byte count"

# Memory stays bounded whatever the record size: a 40 MB JSON line and a
# 40 MB text file are reported, the next record stored, in little memory.
python3 - "$T" <<'PY'
import json, sys
t = 'The harbour workers went on strike again over pay and hours. '
n = 40 * 1024 * 1024 // len(t)
with open(sys.argv[1] + '/huge.jsonl', 'w') as f:
    f.write(json.dumps({'id': 'huge', 'text': t * n}) + '\n')
    f.write(json.dumps({'id': 'after-huge', 'text': t * 3}) + '\n')
with open(sys.argv[1] + '/huge.txt', 'w') as f:
    f.write(t * n)
PY
if [ -x /usr/bin/time ]; then
    # Against the same binary ingesting one small file, so that a
    # sanitizer build's own overhead is not counted.
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8" /usr/bin/time -f '%M' -o "$T/rss0" \
        "$TIDINGS" ingest --db "$T/huge0.db" "$T/good.txt" >/dev/null 2>&1
    # (A small ASan quarantine: freed buffers kept for use-after-free
    # checks would otherwise count; other builds ignore the variable.)
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=8" /usr/bin/time -f '%M' -o "$T/rss" \
        "$TIDINGS" ingest --db "$T/huge.db" "$T/huge.jsonl" "$T/huge.txt" >"$T/.out" 2>"$T/.err"
    RC=$?; ERR=$(cat "$T/.err")
    rss0=$(tail -n 1 "$T/rss0"); rss=$(tail -n 1 "$T/rss")
    extra=$(( ${rss:-999999} - ${rss0:-0} ))
    [ "$extra" -lt 100000 ] && pass "a 40 MB line and a 40 MB file cost < 100 MB more than one small file (${extra} KB)" || fail "bounded memory" "${rss} KB against ${rss0} KB"
else
    run "$TIDINGS" ingest --db "$T/huge.db" "$T/huge.jsonl" "$T/huge.txt"
fi
equals "over-limit records: exit 1" "$RC" 1
contains "an over-long line is named with its number" "$ERR" "huge.jsonl:1: record longer than the 16777216-byte limit (--max-record)"
contains "an over-large file is named" "$ERR" "huge.txt: larger than the 16777216-byte record limit"
run "$TIDINGS" article --db "$T/huge.db" after-huge
equals "the record after the huge one is stored" "$RC" 0
head -c 30000 "$T/huge.txt" >"$T/30k.txt"
run "$TIDINGS" ingest --db "$T/huge2.db" --max-record 20K "$T/30k.txt"
contains "--max-record 20K refuses a 30 KB file" "$ERR" "larger than the 20480-byte record limit"
run "$TIDINGS" ingest --db "$T/huge2.db" --max-record 40K "$T/30k.txt"
equals "--max-record 40K takes it" "$RC" 0

# A database this user cannot write (issue 15, item 11): read commands
# read it, whether the file or its folder is read-only (WAL's -shm file
# cannot be made there); ingest stops at once, one line, exit 2. Root
# writes anything, so as root this runs as nobody.
as_user=""
if [ "$(id -u)" = 0 ]; then
    command -v setpriv >/dev/null 2>&1 && as_user="setpriv --reuid=nobody --regid=nogroup --clear-groups"
fi
if [ "$(id -u)" != 0 ] || [ -n "$as_user" ]; then
    mkdir -p "$T/ro"
    printf '{"id":"ro1","text":"%s"}\n' "The central bank raised its main interest rate by half a point on Tuesday, the third increase this year, citing persistent inflation in food and energy prices across the region." >"$T/ro/a.jsonl"
    printf '{"id":"ro2","text":"%s"}\n' "Heavy rain flooded the lower town overnight and the river rose two metres above its usual level, closing the old bridge to traffic." >"$T/ro/b.jsonl"
    "$TIDINGS" ingest --db "$T/ro/r.db" "$T/ro/a.jsonl" >/dev/null 2>&1
    chmod 755 "$T"; chmod 644 "$T/ro/"*.jsonl
    for place in file folder; do
        if [ $place = file ]; then chmod 777 "$T/ro"; chmod 444 "$T/ro/r.db"
        else rm -f "$T/ro/r.db-shm" "$T/ro/r.db-wal"; chmod 555 "$T/ro"; fi
        # shellcheck disable=SC2086
        run $as_user "$TIDINGS" export --json --db "$T/ro/r.db"
        equals "read-only $place: export exits 0" "$RC" 0
        contains "read-only $place: export reads the article" "$OUT" '"id":"ro1"'
        # shellcheck disable=SC2086
        run $as_user "$TIDINGS" stories --db "$T/ro/r.db"
        equals "read-only $place: stories exits 0" "$RC" 0
        # shellcheck disable=SC2086
        run $as_user "$TIDINGS" ingest --db "$T/ro/r.db" "$T/ro/b.jsonl" "$T/ro/a.jsonl"
        equals "read-only $place: ingest exits 2" "$RC" 2
        contains "read-only $place: ingest says why" "$ERR" "r.db: the database is read-only"
        equals "read-only $place: one error line, not one per input" "$(printf '%s\n' "$ERR" | grep -c 'read-only')" 1
    done
    chmod 755 "$T/ro"; chmod 644 "$T/ro/r.db"
    run "$TIDINGS" export --json --db "$T/ro/r.db"
    lacks "read-only: nothing was written" "$OUT" '"id":"ro2"'
else
    pass "read-only database: skipped (root without setpriv)"
fi
finish
