#!/bin/sh
# Killing an ingest midway (kill -9) loses at most the open batch: the
# database is intact, what was stored before is there, and ingesting the
# same input again completes it with no duplicates.
. "$(dirname "$0")/lib.sh"
DEV="$SHARED/data/dev/articles.jsonl"
DB="$T/kill.db"

"$TIDINGS" ingest --db "$DB" "$SHARED/seeds"/*.txt >/dev/null
# Many distinct articles: the dev set again and again under fresh ids.
python3 - "$DEV" "$T/big.jsonl" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for k in range(30):  # ~4000: a few batches, quick under ASan too
        for a in src:
            out.write(json.dumps({"id": "k%d-%s" % (k, a["id"]),
                                  "text": a["text"] + "\n(%d)" % k}) + "\n")
PY
TOTAL=$(wc -l <"$T/big.jsonl")

"$TIDINGS" ingest --quiet --db "$DB" "$T/big.jsonl" >/dev/null 2>&1 &
PID=$!
# Wait until at least one batch is committed, then kill without warning.
i=0
while [ $i -lt 600 ]; do
    n=$(sqlite3 "$DB" "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
    [ "${n:-0}" -gt 600 ] && break
    sleep 0.1
    i=$((i + 1))
done
kill -9 $PID 2>/dev/null
wait $PID 2>/dev/null
AFTER=$(sqlite3 "$DB" "SELECT count(*) FROM articles")
check "the kill came midway" [ "$AFTER" -lt $((TOTAL + 5)) ]
equals "database intact after kill -9" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
run "$TIDINGS" export --db "$DB"
contains "articles stored before the run survive" "$OUT" "004_32442eaab53a1979"
check "committed batches survive" [ "$AFTER" -gt 5 ]

run "$TIDINGS" ingest --quiet --db "$DB" "$T/big.jsonl"
equals "re-ingest after the kill succeeds" "$RC" 0
equals "nothing lost, nothing doubled" \
    "$(sqlite3 "$DB" 'SELECT count(*), count(DISTINCT id) FROM articles')" \
    "$((TOTAL + 5))|$((TOTAL + 5))"
equals "search index matches the articles" \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM article_fts')" "$((TOTAL + 5))"
finish
