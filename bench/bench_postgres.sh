#!/bin/sh
# bench_postgres.sh BUILD -- make bench-postgres: ingest throughput into
# PostgreSQL with 1, 2 and 4 writer processes against SQLite with one, in
# the same run; statements and round trips per article and time spent
# waiting for the write lock (TIDINGS_PG_STATS); search latency on both.
# The server is a throw-away one (tools/pg-test-server.sh) with fsync on.
# Input: dev and dev2 from ../shared, COPIES times with fresh ids.
set -u
BUILD=${1:-build-bench}
TIDINGS=$(cd "$BUILD" && pwd)/tidings
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${TIDINGS_SHARED:-$ROOT/../shared}
COPIES=${COPIES:-2}
JOBS=${JOBS:-1} # analysis threads of each writer
dir=$(mktemp -d /tmp/tidings-pgbench.XXXXXX)
chmod 755 "$dir"
work=$(mktemp -d)
trap 'sh "$ROOT/tools/pg-test-server.sh" stop "$dir"; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
DSN=$(FSYNC=on sh "$ROOT/tools/pg-test-server.sh" start "$dir") || exit 1
db() { printf '%s&options=-c%%20tidings.schema%%3D%s' "$DSN" "$1"; }

/usr/bin/python3 - "$SHARED" "$work" "$COPIES" <<'PY'
import json, sys
shared, out, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = []
for name in ("dev", "dev2"):
    for l in open("%s/data/%s/articles.jsonl" % (shared, name), encoding="utf-8"):
        if l.strip():
            rows.append(json.loads(l))
allrows = []
for k in range(copies):
    for r in rows:
        o = dict(r); o["id"] = "c%d-%s" % (k, o.get("id", "")); o.pop("story", None)
        allrows.append(o)
allrows.sort(key=lambda r: (r.get("date") or "", r["id"]))
def write(path, rs):
    with open(path, "w", encoding="utf-8") as f:
        for r in rs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
write(out + "/all.jsonl", allrows)
for n in (1, 2, 4):
    for k in range(n):
        write("%s/p%d_%d.jsonl" % (out, n, k), allrows[k::n])
print(len(allrows))
PY
total=$(grep -c . "$work/all.jsonl")
now() { /usr/bin/python3 -c 'import time; print("%.3f" % time.monotonic())'; }

t0=$(now)
"$TIDINGS" ingest --quiet --jobs "$JOBS" --db "$work/lite.db" "$work/all.jsonl" >/dev/null 2>&1
t1=$(now)
lite=$(/usr/bin/python3 -c "print('%.1f' % ($total / ($t1 - $t0)))")
echo "articles: $total (dev + dev2, $COPIES copies), each writer --jobs $JOBS"
echo "sqlite, 1 process:       $lite articles/s (baseline)"

one=""
for n in 1 2 4; do
    t0=$(now)
    k=0; pids=""
    while [ $k -lt $n ]; do
        TIDINGS_PG_STATS=1 "$TIDINGS" ingest --quiet --jobs "$JOBS" --db "$(db "b$n")" \
            "$work/p${n}_$k.jsonl" >/dev/null 2>"$work/stats$n.$k" &
        pids="$pids $!"
        k=$((k + 1))
    done
    for p in $pids; do wait "$p"; done
    t1=$(now)
    got=$("$TIDINGS" export --json --db "$(db "b$n")" | wc -l)
    rate=$(/usr/bin/python3 -c "print('%.1f' % ($got / ($t1 - $t0)))")
    [ -z "$one" ] && one=$rate
    cat "$work"/stats$n.* | /usr/bin/python3 -c '
import re, sys
st = rt = 0; lw = 0.0
for l in sys.stdin:
    m = re.search(r"statements=(\d+) round_trips=(\d+) lock_wait=([\d.]+)", l)
    if m:
        st += int(m.group(1)); rt += int(m.group(2)); lw = max(lw, float(m.group(3)))
n, got, rate, lite, one, wall = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
print("postgres, %d process%s: %6.1f articles/s  %.2fx sqlite  %.2fx one pg process  "
      "%.1f statements, %.1f round trips an article; lock wait %.1f s of %.1f s (worst writer)%s"
      % (n, "es" if n > 1 else "  ", rate, rate / lite, rate / one, st / max(got, 1), rt / max(got, 1), lw, wall,
         "" if got == int(sys.argv[7]) else "  (STORED %d OF %s)" % (got, sys.argv[7])))
' "$n" "$got" "$rate" "$lite" "$one" "$(/usr/bin/python3 -c "print($t1 - $t0)")" "$total"
done

# Search latency: the same queries on both stores, one process each.
/usr/bin/python3 - "$TIDINGS" "$work/lite.db" "$(db b1)" <<'PY'
import subprocess, sys, time
tid, lite, pg = sys.argv[1], sys.argv[2], sys.argv[3]
queries = ["Tokayev", "Evergrande", "Milei", "election", "court orders liquidation",
           "Kazakhstan lang:en", "president since:2024", "Hong Kong", "football", "Paris"]
def lat(db):
    ts = []
    for _ in range(3):
        for q in queries:
            t = time.monotonic()
            subprocess.run([tid, "search", "--db", db, "--json", q], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            ts.append((time.monotonic() - t) * 1000)
    ts.sort()
    return ts[len(ts) // 2], ts[int(len(ts) * 0.9)]
l, p = lat(lite), lat(pg)
print("search (a tidings search process, %d queries x 3): sqlite median %.1f ms p90 %.1f ms; "
      "postgres median %.1f ms p90 %.1f ms (%.2fx)" % (len(queries), l[0], l[1], p[0], p[1], p[0] / l[0]))
PY
