#!/bin/sh
# make bench: every benchmark, each with its baseline in the same run.
set -e
BUILD=${1:-build-bench}
SHARED=${TIDINGS_SHARED:-../shared}
N=${BENCH_ARTICLES:-100000}
echo "== ingest throughput ($N articles)"
"$BUILD/bench/bench_ingest" "$SHARED/data/dev/articles.jsonl" "$N" "${TMPDIR:-/tmp}"
for extra in "$BUILD"/bench/bench_*; do
    case "$extra" in */bench_ingest) continue ;; esac
    [ -x "$extra" ] || continue
    echo "== $(basename "$extra")"
    "$extra" "$SHARED"
done
