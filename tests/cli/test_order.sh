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

# One event reported in two languages, each starting its own group, and a
# look-alike landslide elsewhere the same week: one story and one apart
# whatever the order.
FIX2="$(dirname "$0")/../fixtures/stories/two_languages.jsonl"
for order in date reverse shuffle:1 shuffle:2 shuffle:3; do
    run "$TIDINGS" eval --gold "$FIX2" --order "$order" --json
    f1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["bcubed"]["f1"])')
    equals "order $order: an event in two languages is one story, the look-alike apart" "$f1" "1.000"
done
# A story is one event: the same dam in the same town overflowing again
# eight weeks later is a second story, a follow-up ten days after the
# breach stays in the first, in any order.
FIX3="$(dirname "$0")/../fixtures/stories/second_event.jsonl"
for order in date reverse shuffle:1 shuffle:2; do
    run "$TIDINGS" eval --gold "$FIX3" --order "$order" --json
    f1=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print("%.3f" % json.load(sys.stdin)["bcubed"]["f1"])')
    equals "order $order: the second flood weeks later is its own story, the follow-up joins (B-cubed F1)" "$f1" "1.000"
done
# ... and its Spanish translation of one English report, published after
# it, is found as that report's translation (not another report's).
run "$TIDINGS" eval --gold "$FIX2" --order date --json
tr=$(printf '%s' "$OUT" | python3 -c 'import json,sys; t=json.load(sys.stdin)["translations"]; print("%d %d %.3f %.3f" % (t["predicted"], t["gold"], t["precision"], t["recall"]))')
equals "the translation is found, and nothing else is called one" "$tr" "1 1 1.000 1.000"

# Articles a revisit moved say where from, how and with what score, and
# the story view says it in words (real news, reverse order: moves happen).
if [ -f "$SHARED/data/dev2/articles.jsonl" ]; then
    run "$TIDINGS" eval --gold "$SHARED/data/dev2/articles.jsonl" --order reverse --keep "$T/d2.db"
    equals "dev2 in reverse order" "$RC" 0
    moved=$(python3 - "$TIDINGS" "$T/d2.db" <<'PY'
import json, subprocess, sys
td, db = sys.argv[1], sys.argv[2]
out = subprocess.run([td, "export", "--db", db, "--json"], capture_output=True, text=True).stdout
stories = sorted({json.loads(l)["story"] for l in out.splitlines() if l.strip()} - {None})
n = bad = 0
first = None
for sid in stories:
    o = json.loads(subprocess.run([td, "story", str(sid), "--db", db, "--json"],
                                  capture_output=True, text=True).stdout)
    for a in o["articles_list"]:
        w = a.get("why") or {}
        if w.get("how") != "moved":
            continue
        n += 1
        ok = isinstance(w.get("from"), int) and w.get("by") in (
            "founded", "joined", "original", "kept", "merged") and "score" in w
        if w.get("by") == "joined":
            ok = ok and w["score"] > 0 and isinstance(w.get("evidence"), dict)
            first = first or sid
        bad += not ok
print(n, bad, first)
PY
)
    set -- $moved
    check "a revisit moved some dev2 articles in reverse order" [ "$1" -gt 0 ]
    equals "every move says from where, how and its score" "$2" 0
    run "$TIDINGS" story "$3" --db "$T/d2.db"
    contains "the story view tells a move in words" "$OUT" "moved here from story"
fi

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
