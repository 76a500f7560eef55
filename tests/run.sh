#!/bin/sh
# Runs every unit test binary and CLI test script of one build folder and
# prints one closing tally line: "N passed, N failed".
BUILD=${1:-build}
TIDINGS=$(cd "$BUILD" && pwd)/tidings
export TIDINGS
export TIDINGS_SHARED="${TIDINGS_SHARED:-$(cd ../shared 2>/dev/null && pwd || echo ../shared)}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
pass=0; fail=0; bad=""
log=$(mktemp)
for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    p=$(sed -n 's/.*\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/.*\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # crashed
    pass=$((pass + p)); fail=$((fail + f))
    [ "$f" -ne 0 ] && bad="$bad $(basename "$t")"
done
for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    echo "== $t"
    sh "$t" >"$log" 2>&1; rc=$?
    cat "$log"
    p=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -n 1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    pass=$((pass + p)); fail=$((fail + f))
    [ "$f" -ne 0 ] && bad="$bad $t"
done
rm -f "$log"
[ -n "$bad" ] && echo "failing:$bad"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
