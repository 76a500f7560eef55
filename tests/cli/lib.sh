# lib.sh -- sourced by tests/cli/test_*.sh.
#   $TIDINGS  the binary under test      $SHARED  ../shared
#   $T        a fresh scratch folder, removed at exit
# Each check prints "ok - NAME" or "not ok - NAME" (TAP-like); finish() prints
# the tally line that tests/run.sh adds up, and sets the exit status.
set -u
: "${TIDINGS:?TIDINGS must name the tidings binary}"
SHARED=${TIDINGS_SHARED:-../shared}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TIDINGS_DB="$T/default.db"
PASS=0
FAIL=0

pass() { PASS=$((PASS + 1)); echo "ok - $1"; }
fail() { FAIL=$((FAIL + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '    %s\n' "$2"; return 0; }

# check NAME CMD...: passes when CMD exits 0.
check() { name=$1; shift; if "$@"; then pass "$name"; else fail "$name" "failed: $*"; fi; }

# run CMD...: runs it, keeping stdout in $OUT, stderr in $ERR, status in $RC.
run() {
    "$@" >"$T/.out" 2>"$T/.err"; RC=$?
    OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err")
}

# contains NAME HAYSTACK NEEDLE: passes when NEEDLE is a substring.
contains() {
    case "$2" in *"$3"*) pass "$1" ;; *) fail "$1" "expected to find: $3
    in: $(printf '%s' "$2" | head -c 600)" ;; esac
}
lacks() {
    case "$2" in *"$3"*) fail "$1" "expected NOT to find: $3" ;; *) pass "$1" ;; esac
}
equals() { if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected [$3], got [$2]"; fi; }

finish() {
    echo "cli: $PASS passed, $FAIL failed"
    [ "$FAIL" -eq 0 ]
}

# jfield FIELD: prints one top-level field of the JSON object in $OUT.
jfield() {
    printf '%s' "$OUT" | python3 -c 'import json,sys
v = json.load(sys.stdin).get(sys.argv[1])
print(v if isinstance(v, str) else json.dumps(v, ensure_ascii=False))' "$1"
}
