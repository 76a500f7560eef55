#!/bin/sh
# Stories on a fixture written here, in five orders: floods in two
# countries, a state visit and the return visit a year later, undated
# articles placed by the dates they mention. Any order gives the same
# stories.
. "$(dirname "$0")/lib.sh"
FIX="$(dirname "$0")/../fixtures/stories/lookalike.jsonl"

partition() {
    "$TIDINGS" export --db "$1" --json | python3 -c 'import json, sys, collections
d = collections.defaultdict(list)
for line in sys.stdin:
    o = json.loads(line)
    d[o["story"]].append(o["id"])
print(sorted(sorted(v) for v in d.values()))'
}

first=""
for order in date reverse shuffle:1 shuffle:2 shuffle:7; do
    run "$TIDINGS" eval --gold "$FIX" --order "$order" --json --keep "$T/$order.db"
    equals "eval --order $order runs" "$RC" 0
    f1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["bcubed"]["f1"])')
    equals "order $order: look-alike events kept apart, stories whole (B-cubed F1)" "$f1" "1.000"
    p=$(partition "$T/$order.db")
    [ -z "$first" ] && first=$p
    equals "order $order: the same stories as in date order" "$p" "$first"
done

run "$TIDINGS" eval --gold "$FIX" --order sideways
equals "unknown order: usage error" "$RC" 2
contains "unknown order named" "$ERR" "sideways"
run "$TIDINGS" eval --gold "$FIX" --order shuffle:x
equals "bad seed: usage error" "$RC" 2

# a story keeps what moved in a revisit: the store says why
run "$TIDINGS" eval --gold "$FIX" --order reverse --keep "$T/r.db"
run "$TIDINGS" export --db "$T/r.db" --json
contains "undated articles are stored" "$OUT" '"id":"val-fr-1"'

finish
