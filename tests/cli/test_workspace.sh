#!/bin/sh
# The analyst's workspace (issue 17): headlines on every story of both dev
# sets, ranked and paged story lists, entity-aware and CJK search, follows
# and alerts on the CLI; the HTTP side and the Atom feeds in
# workspace_http.py. Fixtures in tests/fixtures/workspace are written here.
. "$(dirname "$0")/lib.sh"
FIX="$(dirname "$0")/../fixtures/workspace"
DB="$T/pier.db"

# --- headlines: every story of both dev sets has one, and none is a
# dateline, a credit or a caption (checked here by patterns of our own,
# independent of the engine's rule).
for set in dev dev2; do
    run "$TIDINGS" ingest --db "$T/$set.db" "$SHARED/data/$set/articles.jsonl"
    equals "$set ingest" "$RC" 0
    run "$TIDINGS" stories --db "$T/$set.db" --json --limit 1000
    bad=$(printf '%s' "$OUT" | python3 -c '
import json, re, sys
d = json.load(sys.stdin)
bad = []
if d["total"] != len(d["stories"]):
    bad.append("total %d but %d listed" % (d["total"], len(d["stories"])))
credit = re.compile(r"(photo|foto|фото|image|credit)\s*:|getty|©|\(c\)|shutterstock|記者|记者", re.I)
for s in d["stories"]:
    h = s["headline"]
    words = re.findall(r"[^\W\d_]{2,}", h)
    cjk = len(re.findall(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", h))
    if not h.strip():
        bad.append("%d: no headline" % s["id"])
    elif len(words) < 2 and cjk < 4:
        bad.append("%d: not a sentence: %s" % (s["id"], h))
    elif credit.search(h):
        bad.append("%d: a credit or byline: %s" % (s["id"], h))
    elif re.fullmatch(r"[\d\s:.,/|\-–—]+|.*\d{1,2}:\d{2}.*\d{1,2}:\d{2}.*", h) and len(words) < 4:
        bad.append("%d: a dateline: %s" % (s["id"], h))
    elif len(h) > 240:
        bad.append("%d: %d characters" % (s["id"], len(h)))
print("\n".join(bad))')
    equals "$set: every story has a real headline" "$bad" ""
    # The story summaries kept at ingest (schema 5) equal a grouping of
    # the articles, after every move and merge the ingest made. (SQLite's
    # tables: the PostgreSQL backend groups at query time, and its
    # answers are compared with SQLite's by tests/pg/test_pg_copy.sh.)
    [ -f "$T/$set.db" ] || continue
    equals "$set: story summaries equal the articles' grouping" \
        "$(sqlite3 "$T/$set.db" "SELECT count(*) FROM (
  SELECT id, articles, sources, languages, first_date, last_date, title FROM stories
  EXCEPT SELECT a.story, count(*), sum(a.duplicate_of IS NULL AND a.translation_of IS NULL),
    group_concat(DISTINCT a.lang), min(a.date), max(a.date),
    (SELECT t.title FROM articles t WHERE t.story = a.story AND t.title IS NOT NULL ORDER BY t.seq LIMIT 1)
  FROM articles a WHERE a.story IS NOT NULL GROUP BY a.story)")" 0
    equals "$set: no summary of an empty story" \
        "$(sqlite3 "$T/$set.db" 'SELECT count(*) FROM stories WHERE id NOT IN (SELECT story FROM articles WHERE story IS NOT NULL)')" 0
    equals "$set: headline sources equal the most central article per language" \
        "$(sqlite3 "$T/$set.db" "SELECT count(*) FROM (
  SELECT story, lang, articles, lead FROM story_langs EXCEPT
  SELECT story, lang, n, seq FROM (SELECT a.story AS story, coalesce(a.lang, '') AS lang, a.seq AS seq,
    count(*) OVER (PARTITION BY a.story, coalesce(a.lang, '')) AS n,
    row_number() OVER (PARTITION BY a.story, coalesce(a.lang, '')
      ORDER BY (a.title IS NOT NULL) DESC, coalesce(w.score, 0) DESC, a.seq) AS r
    FROM articles a LEFT JOIN assignments w ON w.article = a.seq WHERE a.story IS NOT NULL) WHERE r = 1)")" 0
done

# --- story lists
run "$TIDINGS" ingest --db "$DB" "$FIX/pier.jsonl"
equals "fixtures ingest" "$RC" 0
run "$TIDINGS" stories --db "$DB" --json --limit 1 --offset 1
equals "stories: total beside the page" "$(jfield total)" 3
equals "stories: one per page" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["stories"]))')" 1
run "$TIDINGS" stories --db "$DB" --sort breaking
contains "stories: breaking marked" "$OUT" "!"
contains "stories: the credit title is not the headline" "$OUT" "Lighthouse on the north pier opens to visitors"
lacks "stories: no credit shown" "$OUT" "Getty"
run "$TIDINGS" stories --db "$DB" --hl ru --lang EN
contains "stories --hl ru: the Russian headline" "$OUT" "Маяк на северном причале"
run "$TIDINGS" stories --db "$DB" --sort loudest
equals "stories --sort loudest: exit 2" "$RC" 2
contains "stories --sort loudest: says why" "$ERR" "top, latest or breaking"
run "$TIDINGS" stories --db "$DB" --lang e1
equals "stories --lang e1: exit 2" "$RC" 2
run "$TIDINGS" story --db "$DB" --hl ru 1
contains "story --hl ru" "$OUT" "story 1: Маяк"

# --- search
run "$TIDINGS" search --db "$DB" Voronkov
contains "search: expansion shown" "$OUT" "Voronkov -> Aleksandr Voronkov"
contains "search: the Cyrillic article found by a Latin spelling" "$OUT" "pier-ru-1"
contains "search: total" "$OUT" "hits 1-3 of 3"
run "$TIDINGS" search --db "$DB" --json --sort date --limit 1 --offset 2 Воронкова
equals "search: an inflected form expands too" "$(jfield total)" 3
run "$TIDINGS" search --db "$DB" 'harbour master Voronkov'
contains "search: words beside a name still have to match (not taken for the name)" "$OUT" "hits 1-2 of 2"
run "$TIDINGS" search --db "$DB" 灯塔
contains "search: a Chinese word in unspaced text" "$OUT" "pier-zh-1"
run "$TIDINGS" search --db "$DB" --sort newest x
equals "search --sort newest: exit 2" "$RC" 2

# --- search filters: author (a part of the byline), outlet (the source,
# else the link's host, whole), site (a domain and the hosts under it);
# ferry.jsonl: p1 source "Harbour News"; p2 on city.coastdaily.example:8080
# (its source derived from the link); p3 an HTML page with an author
# meta; p4 on notcoastdaily.example, which site:coastdaily.example must
# not take for a subdomain.
FDB="$T/ferry.db"
run "$TIDINGS" ingest --db "$FDB" "$FIX/ferry.jsonl"
equals "ferry fixtures ingest" "$RC" 0
hits() { printf '%s' "$OUT" | python3 -c 'import json,sys; print(" ".join(sorted(h["id"] for h in json.load(sys.stdin)["hits"])))'; }
run "$TIDINGS" search --db "$FDB" --json ferry
equals "search: every ferry article" "$(hits)" "p1 p2 p3 p4"
run "$TIDINGS" search --db "$FDB" --json 'ferry author:ROE'
equals "search author: a part of the byline, case ignored" "$(hits)" "p3"
run "$TIDINGS" search --db "$FDB" --json 'author:"Jane Roe" ferry'
equals "search author:\"...\" with a space" "$(hits)" "p3"
run "$TIDINGS" search --db "$FDB" --json --author 'jane roe' ferry
equals "search --author" "$(hits)" "p3"
run "$TIDINGS" search --db "$FDB" --json 'ferry outlet:"harbour news"'
equals "search outlet: the source, whole" "$(hits)" "p1"
run "$TIDINGS" search --db "$FDB" --json 'ferry outlet:harbour'
equals "search outlet: a part of a name is not the outlet" "$(hits)" ""
run "$TIDINGS" search --db "$FDB" --json 'ferry site:coastdaily.example'
equals "search site: the domain and its subdomains, not a look-alike" "$(hits)" "p2 p3"
run "$TIDINGS" search --db "$FDB" --json --site WWW.Harbour-News.example ferry
equals "search --site: www. and case ignored" "$(hits)" "p1"
run "$TIDINGS" search --db "$FDB" --json 'ferry site:coastdaily.example author:roe lang:en'
equals "search filters combine" "$(hits)" "p3"
run "$TIDINGS" search --db "$FDB" --json 여객선노조
equals "search: a Korean word with particles joined (여객선노조원들이, 여객선노조와의)" "$(hits)" "p5"
run "$TIDINGS" search --db "$FDB" --json 北桟橋
equals "search: a Japanese word inside a run of kanji and kana" "$(hits)" "p6"
run "$TIDINGS" search --db "$FDB" 'ferry site:bad%host'
equals "search site: with a pattern character: exit 2" "$RC" 2
contains "search site: says what it wants" "$ERR" "site: wants a domain"
run "$TIDINGS" search --db "$FDB" 'ferry author:'
equals "search author: empty: exit 2" "$RC" 2
run "$TIDINGS" search --db "$FDB" 'author:roe'
equals "search of filters alone: exit 2" "$RC" 2

# --- country and entity facets on the CLI (rising.jsonl: a strike in
# Gdansk, quota talks in Oslo)
RDB="$T/rising.db"
run "$TIDINGS" ingest --db "$RDB" "$FIX/rising.jsonl"
run "$TIDINGS" stories --db "$RDB" --facets
contains "stories --facets: countries" "$OUT" "countries: NO 1, PL 1"
contains "stories --facets: entities" "$OUT" "Marta Kowalczyk 1"
run "$TIDINGS" stories --db "$RDB" --json --country no
equals "stories --country no: the Oslo story" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], "Oslo" in d["stories"][0]["headline"])')" "1 True"
run "$TIDINGS" stories --db "$RDB" --country Norway
equals "stories --country Norway: exit 2" "$RC" 2
contains "stories --country Norway: says what it wants" "$ERR" "ISO 3166"

# --- follows and alerts
run "$TIDINGS" follow --db "$T/f.db" add Voronkov
equals "follow add on an empty store" "$RC" 0
contains "follow add says the id" "$OUT" "following 1: Voronkov"
run "$TIDINGS" follow --db "$T/f.db" add '"lighthouse"' --json
equals "follow add --json id" "$(jfield id)" 2
run "$TIDINGS" follow --db "$T/f.db" add 'lang:'
equals "follow add of a bad query: exit 2" "$RC" 2
run "$TIDINGS" ingest --db "$T/f.db" "$FIX/pier.jsonl"
run "$TIDINGS" alerts --db "$T/f.db" --json
n=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([f["new"] for f in json.load(sys.stdin)["follows"]])')
equals "alerts: what arrived for each follow" "$n" "[3, 2]"
run "$TIDINGS" alerts --db "$T/f.db"
contains "alerts: nothing new the second time" "$OUT" "follow 1: Voronkov: 0 new"
run "$TIDINGS" alerts --db "$T/f.db" --since 2021-03-14 --json
n=$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([f["new"] for f in json.load(sys.stdin)["follows"]])')
equals "alerts --since: by date, marks untouched" "$n" "[3, 2]"
run "$TIDINGS" follow --db "$T/f.db" rm 1
contains "follow rm" "$OUT" "removed follow 1"
run "$TIDINGS" follow --db "$T/f.db" list --json
equals "follow list after rm" "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print([f["id"] for f in json.load(sys.stdin)["follows"]])')" "[2]"
run "$TIDINGS" follow --db "$T/f.db" rm 1
equals "follow rm of a missing id: exit 1" "$RC" 1
run "$TIDINGS" follow --db "$T/f.db" rm one
equals "follow rm of a non-number: exit 2" "$RC" 2
run "$TIDINGS" follow --db "$T/f.db" frobnicate
equals "follow frobnicate: exit 2" "$RC" 2

# --- HTTP: ranked lists, search, Atom feeds
python3 "$(dirname "$0")/workspace_http.py" "$TIDINGS" "$DB" >"$T/http.out" 2>&1
while IFS= read -r line; do
    case "$line" in
    "ok - "*) pass "${line#ok - }" ;;
    "not ok - "*) fail "${line#not ok - }" ;;
    *) echo "$line" ;;
    esac
done <"$T/http.out"

# --- HTTP: search filters, Accept-Language, follows edited, facets,
# rising entities (a store of both fixtures)
BOTH="$T/both.db"
run "$TIDINGS" ingest --db "$BOTH" "$FIX/pier.jsonl" "$FIX/ferry.jsonl" "$FIX/rising.jsonl"
equals "both fixtures ingest" "$RC" 0
python3 "$(dirname "$0")/workspace_edit_http.py" "$TIDINGS" "$BOTH" >"$T/http2.out" 2>&1
while IFS= read -r line; do
    case "$line" in
    "ok - "*) pass "${line#ok - }" ;;
    "not ok - "*) fail "${line#not ok - }" ;;
    *) echo "$line" ;;
    esac
done <"$T/http2.out"
grep -q '^ok - servers start' "$T/http2.out" || fail "workspace_edit_http.py ran"
finish
