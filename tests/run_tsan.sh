#!/bin/sh
# make check-tsan: the tests that run threads, on a ThreadSanitizer build.
# A data race makes the binary exit 66 (halt_on_error), which fails the test.
BUILD=${1:-build-tsan}
TIDINGS=$(cd "$BUILD" && pwd)/tidings
export TIDINGS
export TIDINGS_SHARED="${TIDINGS_SHARED:-$(cd ../shared 2>/dev/null && pwd || echo ../shared)}"
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 ${TSAN_OPTIONS:-}"
fail=0
for t in "$BUILD"/tests/test_pool "$BUILD"/tests/test_reading; do
    "$t" || fail=$((fail + 1))
done
for t in tests/cli/test_jobs.sh tests/cli/test_concurrency.sh tests/cli/test_serve.sh; do
    echo "== $t (ThreadSanitizer)"
    out=$(sh "$t" 2>&1); rc=$?
    printf '%s\n' "$out" | grep -v '^ok - '
    [ "$rc" -eq 0 ] || fail=$((fail + 1))
done

echo "check-tsan: $fail failed"
[ "$fail" -eq 0 ]
