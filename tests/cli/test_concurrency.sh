#!/bin/sh
# Several processes on one SQLite database at once: creating it, ingesting
# the same file, ingesting different files. Nothing fails, nothing is
# stored twice, and the stories are those of one writer taking the articles
# in the order they were stored.
. "$(dirname "$0")/lib.sh"
DEV="$SHARED/data/dev/articles.jsonl"
DEV2="$SHARED/data/dev2/articles.jsonl"

# An export without the "input" field (which names the file and line each
# article came from, and so differs between the runs compared here).
stories_of() {
    "$TIDINGS" export --json --db "$1" | python3 -c 'import json, sys
for l in sys.stdin:
    o = json.loads(l)
    o.pop("input", None)
    print(json.dumps(o, sort_keys=True, ensure_ascii=False))'
}

# Our own small fixtures for the creation race.
printf 'Titolo\n\nIl consiglio comunale di Torino ha approvato ieri il bilancio per il prossimo anno con ampia maggioranza.\n' >"$T/it.txt"
printf 'Titre\n\nLe conseil municipal de Lyon a adopté hier le budget de la ville pour l année prochaine.\n' >"$T/fr.txt"

# 1. Two processes racing to create a database must both succeed.
bad=0
i=0
while [ $i -lt 20 ]; do
    db="$T/race$i.db"
    "$TIDINGS" ingest --quiet --db "$db" "$T/it.txt" >"$T/r1" 2>&1 &
    p1=$!
    "$TIDINGS" ingest --quiet --db "$db" "$T/fr.txt" >"$T/r2" 2>&1 &
    p2=$!
    "$TIDINGS" stories --db "$db" >"$T/r3" 2>&1 &
    p3=$!
    wait $p1; rc1=$?
    wait $p2; rc2=$?
    wait $p3; rc3=$?
    if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ] || [ $rc3 -ne 0 ]; then
        bad=$((bad + 1))
        cat "$T/r1" "$T/r2" "$T/r3" | head -n 3
    fi
    n=$("$TIDINGS" export --json --db "$db" | wc -l)
    [ "$n" -eq 2 ] || bad=$((bad + 1))
    i=$((i + 1))
done
equals "20 creation races: every process succeeds, both articles stored" "$bad" 0

# Fixtures big enough for several batches (500 articles each) per writer,
# so that the writers' batches interleave: fresh ids, the same texts.
python3 - "$DEV" "$DEV2" "$T" <<'PY'
import json, sys
dev, dev2, out = sys.argv[1], sys.argv[2], sys.argv[3]
def recs(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
def write(path, rs, copies, tag):
    with open(path, "w", encoding="utf-8") as f:
        for k in range(copies):
            for r in rs:
                o = dict(r)
                o["id"] = "%s%d-%s" % (tag, k, o.get("id", ""))
                o.pop("story", None)
                f.write(json.dumps(o, ensure_ascii=False) + "\n")
write(out + "/a.jsonl", recs(dev), 8, "a")
# 80 of dev2 only: see test_jobs.sh on stories beyond 64 under ASan.
write(out + "/b.jsonl", recs(dev2)[:80], 8, "b")
PY

# 2. Two ingests of the same file at once: each article once, the stories
# of one ingest of it.
"$TIDINGS" ingest --quiet --db "$T/one.db" "$T/a.jsonl" >/dev/null 2>&1
"$TIDINGS" export --json --db "$T/one.db" >"$T/one.export"
"$TIDINGS" ingest --quiet --db "$T/same.db" "$T/a.jsonl" >"$T/s1" 2>&1 &
p1=$!
"$TIDINGS" ingest --quiet --db "$T/same.db" "$T/a.jsonl" >"$T/s2" 2>&1 &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
equals "overlapping ingests of one file: both exit 0" "$rc1$rc2" 00
lacks "no UNIQUE constraint failure" "$(cat "$T/s1" "$T/s2")" "UNIQUE"
"$TIDINGS" export --json --db "$T/same.db" >"$T/same.export"
check "overlapping ingests of one file store what one ingest stores" \
    cmp -s "$T/one.export" "$T/same.export"

# 3. Two ingests of different files at once, then one writer fed the
# articles in the order they were stored: the same stories.
"$TIDINGS" ingest --quiet --jobs 2 --db "$T/two.db" "$T/a.jsonl" >"$T/t1" 2>&1 &
p1=$!
"$TIDINGS" ingest --quiet --jobs 1 --db "$T/two.db" "$T/b.jsonl" >"$T/t2" 2>&1 &
p2=$!
wait $p1; rc1=$?
wait $p2; rc2=$?
equals "concurrent ingests of two files: both exit 0" "$rc1$rc2" 00
stories_of "$T/two.db" >"$T/two.export"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
byid = {}
for name in ("a.jsonl", "b.jsonl"):
    for l in open(t + "/" + name, encoding="utf-8"):
        if l.strip():
            o = json.loads(l)
            byid[o["id"]] = l
with open(t + "/order.jsonl", "w", encoding="utf-8") as f:
    for l in open(t + "/two.export", encoding="utf-8"):
        f.write(byid[json.loads(l)["id"]])
PY
equals "every article of both files stored once" "$(wc -l <"$T/two.export")" \
    "$(cat "$T/a.jsonl" "$T/b.jsonl" | wc -l)"
"$TIDINGS" ingest --quiet --db "$T/seq.db" "$T/order.jsonl" >/dev/null 2>&1
stories_of "$T/seq.db" >"$T/seq.export"
# The same articles, copies and translations; the same stories up to the
# revisits' tie-breaks, which depend on where batches end (each writer
# revisits its recent window before it commits): B-cubed agreement of the
# two partitions at least 0.98.
check "concurrent writers make the stories of one sequential writer" \
    python3 -c 'import json, sys, collections
def read(p):
    rows = [json.loads(l) for l in open(p)]
    return ({r["id"]: r["story"] for r in rows},
            {r["id"]: (r["duplicate_of"], r["translation_of"]) for r in rows})
a, ra = read(sys.argv[1])
b, rb = read(sys.argv[2])
if a.keys() != b.keys() or ra != rb:
    sys.exit(1)
ga, gb = collections.defaultdict(set), collections.defaultdict(set)
for i in a:
    ga[a[i]].add(i)
    gb[b[i]].add(i)
p = r = 0.0
for i in a:
    both = len(ga[a[i]] & gb[b[i]])
    p += both / len(ga[a[i]])
    r += both / len(gb[b[i]])
p, r = p / len(a), r / len(a)
f = 2 * p * r / (p + r)
print("B-cubed agreement %.3f" % f)
sys.exit(0 if f >= 0.98 else 1)' "$T/two.export" "$T/seq.export"
finish
