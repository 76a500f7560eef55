#!/bin/sh
# make bench: every benchmark, each with its baseline in the same run.
set -e
BUILD=${1:-build-bench}
SHARED=${TIDINGS_SHARED:-../shared}
N=${BENCH_ARTICLES:-100000}
DEVS="$SHARED/data/dev/articles.jsonl,$SHARED/data/dev2/articles.jsonl"
if [ -n "${BENCH_SCALE:-}" ]; then
    # make bench-scale: tidings alone at 100k, 300k and the full count.
    for n in 100000 300000 "$N"; do
        [ "$n" -le "$N" ] || continue
        echo "== ingest at scale ($n articles)"
        "$BUILD/bench/bench_ingest" "$DEVS" "$n" "${TMPDIR:-/tmp}"
        [ "$n" -eq "$N" ] && break
    done
    exit 0
fi
echo "== ingest throughput ($N articles)"
"$BUILD/bench/bench_ingest" "$DEVS" "$N" "${TMPDIR:-/tmp}"
for extra in "$BUILD"/bench/bench_*; do
    case "$extra" in */bench_ingest) continue ;; esac
    [ -x "$extra" ] || continue
    echo "== $(basename "$extra")"
    "$extra" "$SHARED"
done
