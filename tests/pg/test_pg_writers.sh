#!/bin/sh
# Many writers on one PostgreSQL store (issue 13): dev2 split between two
# and four concurrent ingest processes. Every article is stored once, and
# the stories score within 0.02 B-cubed (against dev2's gold stories) of
# one writer given the same articles in the same (date) order. A writer
# killed with kill -9 loses nothing it committed and blocks no one.
# Run by tests/pg/run.sh (TIDINGS_PG_DSN set, TIDINGS the real binary).
. "$(dirname "$0")/../cli/lib.sh"
: "${TIDINGS_PG_DSN:?TIDINGS_PG_DSN must name the test server}"
DEV2="$SHARED/data/dev2/articles.jsonl"
db() { printf '%s&options=-c%%20tidings.schema%%3D%s' "$TIDINGS_PG_DSN" "$1"; }
tag=w$$

# dev2 in date order, and dealt round-robin to 2 and 4 files.
python3 - "$DEV2" "$T" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
rows.sort(key=lambda r: (r.get("date") or "", r["id"]))
out = sys.argv[2]
def write(path, rs):
    with open(path, "w", encoding="utf-8") as f:
        for r in rs:
            o = dict(r)
            o.pop("story", None)
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
write(out + "/all.jsonl", rows)
for n in (2, 4):
    for k in range(n):
        write("%s/part%d_%d.jsonl" % (out, n, k), rows[k::n])
PY

# score SCHEMA: B-cubed F1 of the store's stories against the gold ones.
score() {
    "$TIDINGS" export --json --db "$(db "$1")" | python3 -c 'import json, sys, collections
gold = {}
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        o = json.loads(l); gold[o["id"]] = o["story"]
pred = {}
for l in sys.stdin:
    o = json.loads(l); pred[o["id"]] = o["story"] if o["story"] is not None else "solo-" + o["id"]
ids = [i for i in gold if i in pred]
gg, pg = collections.defaultdict(set), collections.defaultdict(set)
for i in ids:
    gg[gold[i]].add(i); pg[pred[i]].add(i)
p = r = 0.0
for i in ids:
    both = len(gg[gold[i]] & pg[pred[i]])
    p += both / len(pg[pred[i]]); r += both / len(gg[gold[i]])
p, r = p / len(ids), r / len(ids)
print("%.3f" % (2 * p * r / (p + r)))' "$DEV2"
}

total=$(grep -c . "$DEV2")
"$TIDINGS" ingest --quiet --jobs 1 --db "$(db "${tag}_1")" "$T/all.jsonl" >"$T/one.log" 2>&1
equals "one writer: exit 0" "$?" 0
one=$(score "${tag}_1")
echo "# dev2, one writer: B-cubed F1 $one"

for n in 2 4; do
    pids=""
    k=0
    while [ $k -lt $n ]; do
        "$TIDINGS" ingest --quiet --jobs 1 --db "$(db "${tag}_$n")" \
            "$T/part${n}_$k.jsonl" >"$T/w$n.$k.log" 2>&1 &
        pids="$pids $!"
        k=$((k + 1))
    done
    rcs=""
    for p in $pids; do wait "$p"; rcs="$rcs$?"; done
    equals "$n writers: every one exits 0" "$rcs" "$(printf '%0*d' $n 0)"
    "$TIDINGS" export --json --db "$(db "${tag}_$n")" >"$T/w$n.export"
    equals "$n writers: every article stored" "$(wc -l <"$T/w$n.export")" "$total"
    equals "$n writers: no id twice" \
        "$(python3 -c 'import json,sys; print(len({json.loads(l)["id"] for l in open(sys.argv[1])}))' "$T/w$n.export")" "$total"
    f=$(score "${tag}_$n")
    echo "# dev2, $n writers: B-cubed F1 $f (one writer $one)"
    check "$n writers: stories within 0.02 B-cubed of one writer ($f vs $one)" \
        python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) - 0.02 else 1)' "$f" "$one"
done

# Two writers of the same file: each article once, no error.
"$TIDINGS" ingest --quiet --db "$(db "${tag}_same")" "$T/all.jsonl" >"$T/s1" 2>&1 &
p1=$!
"$TIDINGS" ingest --quiet --db "$(db "${tag}_same")" "$T/all.jsonl" >"$T/s2" 2>&1 &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
equals "the same file twice at once: both exit 0" "$rc1$rc2" 00
lacks "the same file twice at once: no duplicate-key error" "$(cat "$T/s1" "$T/s2")" "duplicate"
equals "the same file twice at once: each article once" \
    "$("$TIDINGS" export --json --db "$(db "${tag}_same")" | wc -l)" "$total"

# kill -9 in the middle of an ingest: what it committed stays, the next
# writer is not blocked (its lock went with its session), and an ingest
# of the same file completes the store.
"$TIDINGS" ingest --quiet --jobs 1 --db "$(db "${tag}_kill")" "$T/all.jsonl" >/dev/null 2>&1 &
pk=$!
i=0
while [ $i -lt 100 ]; do
    n=$("$TIDINGS" export --json --db "$(db "${tag}_kill")" 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] && break
    sleep 0.2
    i=$((i + 1))
done
kill -9 $pk 2>/dev/null
wait $pk 2>/dev/null
kept=$("$TIDINGS" export --json --db "$(db "${tag}_kill")" | wc -l)
check "kill -9: the committed batches stay ($kept articles)" [ "$kept" -gt 0 ]
run timeout 300 "$TIDINGS" ingest --quiet --db "$(db "${tag}_kill")" "$T/all.jsonl"
equals "kill -9: the next writer is not blocked" "$RC" 0
equals "kill -9: the store is complete after the next ingest" \
    "$("$TIDINGS" export --json --db "$(db "${tag}_kill")" | wc -l)" "$total"
finish
