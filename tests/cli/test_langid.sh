#!/bin/sh
# tidings langid: the seeds, the dev set (accuracy over a threshold per
# language, on whole articles and on their first line), --lines, --json,
# stdin, no-signal input and bad input.
. "$(dirname "$0")/lib.sh"
SEEDS="$SHARED/seeds"
DEV="$SHARED/data/dev/articles.jsonl"

# The seeds: 000, 002, 003 Italian; 001 English; 004 Portuguese.
run "$TIDINGS" langid "$SEEDS"/000_*.txt "$SEEDS"/001_*.txt "$SEEDS"/002_*.txt \
    "$SEEDS"/003_*.txt "$SEEDS"/004_*.txt
equals "seeds: exit 0" "$RC" 0
equals "seeds: languages" "$(printf '%s\n' "$OUT" | cut -f2 | tr '\n' ' ')" "it en it it pt "
equals "seeds: ids are file names" "$(printf '%s\n' "$OUT" | cut -f1 | cut -c1-4 | tr '\n' ' ')" \
    "000_ 001_ 002_ 003_ 004_ "

run "$TIDINGS" langid --json "$SEEDS"/004_*.txt
contains "--json: an object" "$OUT" '"lang":"pt"'
check "--json: confidence in (0.5, 1], a runner-up below it" python3 -c '
import json, sys
o = json.loads(sys.argv[1])
assert set(o) == {"id", "lang", "confidence", "runner_up", "runner_up_score"}, o
assert 0.5 < o["confidence"] <= 1, o
assert o["runner_up"] not in (None, o["lang"]), o
assert 0 <= o["runner_up_score"] < o["confidence"], o' "$OUT"

# A script of one language has no runner-up; a short text without a
# distinguishing letter is named with low confidence.
run sh -c "printf 'Η κυβέρνηση ανακοίνωσε νέα μέτρα\nПрезидент подписал указ.\n' | \"$TIDINGS\" langid --lines --json"
check "--json: runner_up null for Greek, ru unsure" python3 -c '
import json, sys
el, ru = [json.loads(l) for l in sys.argv[1].splitlines()]
assert el["lang"] == "el" and el["runner_up"] is None, el
assert ru["lang"] == "ru" and ru["confidence"] < 0.6 and ru["runner_up"], ru' "$OUT"

# Standard input, and --lines: one result a line.
run sh -c "printf 'Das ist ein kurzer deutscher Satz über das Wetter.\n\nCeci est une phrase française sur la météo.\n' | \"$TIDINGS\" langid --lines"
equals "--lines: one result per line" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 3
equals "--lines: languages" "$(printf '%s\n' "$OUT" | cut -f2 | tr '\n' ' ')" "de und fr "
equals "--lines: ids name stdin and the line" "$(printf '%s\n' "$OUT" | head -n 1 | cut -f1)" "-:1"

# No signal: empty, digits and punctuation, binary junk.
: >"$T/empty.txt"
printf '2024-01-01 12:30 -- 4.404 / 4,404 (+33) !!!\n' >"$T/digits.txt"
printf '\001\002\003\377\376\033[0m\000\000' >"$T/junk.txt"
run "$TIDINGS" langid "$T/empty.txt" "$T/digits.txt" "$T/junk.txt"
equals "no signal: exit 0" "$RC" 0
equals "no signal: und each" "$(printf '%s\n' "$OUT" | cut -f2,3 | tr '\n\t' '  ')" \
    "und 0.000 und 0.000 und 0.000 "

# Bad input: named, with the reason; the good files are still done.
printf '{"id":"a","text":"Una frase italiana sulla politica del governo."}\n{"id":"b"}\nnot json\n' >"$T/mixed.jsonl"
run "$TIDINGS" langid "$T/missing.txt" "$T/mixed.jsonl"
equals "bad input: exit 1" "$RC" 1
contains "missing file named" "$ERR" "missing.txt: No such file or directory"
contains "record without text named" "$ERR" 'mixed.jsonl:2: no "text" field'
contains "malformed line named" "$ERR" "mixed.jsonl:3:"
contains "good record still done" "$OUT" "a	it	"
run "$TIDINGS" langid --bogus
equals "unknown option: usage error" "$RC" 2

# The dev set: accuracy per language (languages with at least 3 articles)
# and overall, on whole articles and on the first line alone. Thresholds,
# not per-article expectations.
if [ -f "$DEV" ]; then
    python3 - "$DEV" "$T" <<'EOF'
import json, sys
dev, t = sys.argv[1], sys.argv[2]
with open(dev) as f, open(t + "/first.jsonl", "w") as out:
    for line in f:
        o = json.loads(line)
        first = o["text"].strip().split("\n")[0]
        out.write(json.dumps({"id": o["id"], "text": first}) + "\n")
EOF
    "$TIDINGS" langid --json "$DEV" >"$T/full.out" 2>"$T/full.err"
    equals "dev set: exit 0" "$?" 0
    "$TIDINGS" langid --json "$T/first.jsonl" >"$T/first.out" 2>>"$T/full.err"
    acc() { # acc RESULTS MIN_PER_LANG MIN_OVERALL
        python3 - "$DEV" "$1" "$2" "$3" <<'EOF'
import json, sys
from collections import Counter
dev, res, per_min, all_min = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
gold = {str(json.loads(l)["id"]): json.loads(l)["lang"] for l in open(dev)}
got = {r["id"]: r["lang"] for r in map(json.loads, open(res))}
n, ok = Counter(), Counter()
for i, g in gold.items():
    n[g] += 1
    ok[g] += got.get(i) == g
bad = [f"{g} {ok[g]}/{n[g]}" for g in n if n[g] >= 3 and ok[g] / n[g] < per_min]
total = sum(ok.values()) / sum(n.values())
print(f"overall {total:.3f};", " ".join(f"{g}:{ok[g]}/{n[g]}" for g in sorted(n)))
sys.exit(1 if bad or total < all_min else 0)
EOF
    }
    check "dev set, whole articles: >= 0.9 per language, >= 0.97 overall" \
        acc "$T/full.out" 0.9 0.97
    check "dev set, first line: >= 0.6 per language, >= 0.85 overall" \
        acc "$T/first.out" 0.6 0.85
fi
finish
