#!/bin/sh
# tests/pg/run.sh BUILD -- the CLI and HTTP API test suites against the
# PostgreSQL backend, on a throw-away server (tools/pg-test-server.sh:
# initdb in a temporary folder, a Unix socket, no TCP) stopped whatever
# happens. The suites run unchanged through tests/pg/tidings-pg, which
# gives every database path a schema of its own; then the tests of
# PostgreSQL's own (tests/pg/test_*.sh). Prints "N passed, N failed".
BUILD=${1:-build}
REAL=$(cd "$BUILD" && pwd)/tidings
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export TIDINGS_SHARED="${TIDINGS_SHARED:-$(cd "$ROOT/../shared" 2>/dev/null && pwd || echo ../shared)}"
dir=$(mktemp -d /tmp/tidings-pg.XXXXXX)
chmod 755 "$dir"
log=$(mktemp)
trap 'sh "$ROOT/tools/pg-test-server.sh" stop "$dir"; rm -f "$log"' EXIT
trap 'exit 1' INT TERM HUP
DSN=$(sh "$ROOT/tools/pg-test-server.sh" start "$dir") || { echo "pg: cannot start a test server"; exit 1; }
export TIDINGS_PG_DSN="$DSN" TIDINGS_REAL="$REAL"
# The suites whose databases are stores (test_errors, test_upgrade,
# test_kill and test_install look at SQLite files themselves; test_jobs
# compares exports of runs whose batches end at different times, which
# the PostgreSQL backend's slower articles make differ: see the README).
SUITES=${PG_SUITES:-"ingest stories entities workspace order serve concurrency"}
pass=0; fail=0; bad=""
tally() {
    p=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -n 1)
    p=${p:-0}; f=${f:-0}
    if [ "$1" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p)); fail=$((fail + f))
    [ "$f" -ne 0 ] && bad="$bad $2"
}
for s in $SUITES; do
    t="$ROOT/tests/cli/test_$s.sh"
    echo "== pg: $t"
    TIDINGS="$ROOT/tests/pg/tidings-pg" sh "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    tally "$rc" "pg:$t"
done
for t in "$ROOT"/tests/pg/test_*.sh; do
    echo "== pg: $t"
    TIDINGS="$REAL" sh "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    tally "$rc" "pg:$t"
done
[ -n "$bad" ] && echo "failing:$bad"
echo "pg: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
